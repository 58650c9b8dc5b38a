/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sharing with colleagues, driven through the real window under Xvfb:
 * the import preview, the commit and its Undo, broken files, each way
 * of resolving a conflict, the deleted-here-edited-there banner, export,
 * drag and drop, Sync Now and the sync at close, and an encrypted file
 * exported on one laptop and imported on another.
 *
 * The colleague is a second database in the test's folder, edited with
 * the store API and exported with cb_exchange_export(), so conflicts
 * are real ones.
 *
 * With CB_SCREENSHOT_DIR set, PNGs of the import dialog, the Conflicts
 * view and Preferences are written there (1280×800 and 360 px wide,
 * light and dark). */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "cb-application.h"
#include "cb-conflict-editor.h"
#include "cb-conflict-list.h"
#include "cb-conflict-logic.h"
#include "cb-exchange-test-util.h"
#include "cb-exchange-ui.h"
#include "cb-generate.h"
#include "cb-import-dialog.h"
#include "cb-preferences-window.h"
#include "cb-sync.h"
#include "cb-test-util.h"
#include "cb-window.h"
#include "cb-ui-test-util.h"

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return cb_ui_find_widget (root, is_named, name);
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = find_named (root, name);

  if (button == NULL)
    g_error ("no button “%s”", name);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  cb_ui_drain ();
}

/* App helpers */

static char *
path_in (const char *sub,
         const char *name)
{
  g_autofree char *dir = cb_ui_test_path (sub);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

static void
set (CbStore    *store,
     const char *uuid,
     const char *field,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_store_set (store, uuid, field, value, &error));
  g_assert_no_error (error);
}

static char *
get (CbStore    *store,
     const char *uuid,
     const char *field)
{
  g_autoptr(CbRecord) record = cb_store_get (store, uuid, NULL);

  g_assert_nonnull (record);
  return g_strdup (cb_record_get (record, field));
}

static guint
n_values (CbStore    *store,
          const char *uuid,
          const char *field)
{
  g_autoptr(GPtrArray) values = cb_store_get_values (store, uuid, field, NULL);

  return values ? values->len : 0;
}

/* Two laptops sharing a school */

typedef struct
{
  char *db;           /* Ana's: the app's database */
  char *colleague;    /* Ben's file, ready to import */
  char *school;       /* name, district, notes and grades in conflict */
  char *teacher;      /* name in conflict */
  char *restored;     /* deleted by Ana, then edited by Ben */
  char *redeleted;    /* the same, to be deleted again */
  char *new_person;   /* created by Ben */
} Scene;

static void
scene_clear (Scene *s)
{
  g_free (s->db);
  g_free (s->colleague);
  g_free (s->school);
  g_free (s->teacher);
  g_free (s->restored);
  g_free (s->redeleted);
  g_free (s->new_person);
}

static void
make_scene (Scene      *s,
            const char *name)
{
  g_autofree char *ben_db = path_in (name, "ben.db");
  g_autofree char *first = path_in (name, "first.coachbook.xml");
  g_autoptr(CbStore) ana = NULL;
  g_autoptr(CbStore) ben = NULL;
  g_autoptr(GError) error = NULL;

  s->db = path_in (name, "ana.db");
  s->colleague = path_in (name, "ben-okafor.coachbook.xml");
  ana = cb_test_open_store (s->db, "Ana García");
  ben = cb_test_open_store (ben_db, "Ben Okafor");

  s->school = cb_test_create (ana, "school", "name", "Lincoln", "district", "North",
                              "notes", "Bell at 8:05.", "grades", "K-5", NULL);
  s->teacher = cb_test_create (ana, "person", "name", "Rosa Mendez", "role", "teacher",
                               "school", s->school, NULL);
  s->restored = cb_test_create (ana, "person", "name", "Sam Lee", "role", "teacher", NULL);
  s->redeleted = cb_test_create (ana, "person", "name", "Kim Park", "role", "teacher", NULL);
  cb_test_exchange (ana, ben, first);

  /* At the same time, on two laptops: */
  set (ana, s->school, "name", "Lincoln Elementary School");
  set (ana, s->school, "district", "North District");
  set (ana, s->school, "notes", "Bell at 8:05. Park on Elm Street.");
  set (ana, s->school, "grades", "K-5");
  set (ana, s->teacher, "name", "Rosa Méndez");
  g_assert_true (cb_store_delete (ana, s->restored, &error));
  g_assert_true (cb_store_delete (ana, s->redeleted, &error));
  g_assert_no_error (error);
  g_usleep (5000);
  set (ben, s->school, "name", "Lincoln ES");
  set (ben, s->school, "district", "Northside");
  set (ben, s->school, "notes", "Bell at 8:05. Visitors sign in at the office.");
  set (ben, s->school, "grades", "K-8");
  set (ben, s->teacher, "name", "Rosa Méndez-Ruiz");
  set (ben, s->restored, "name", "Sam Lee (grade 3)");
  set (ben, s->redeleted, "name", "Kim Park (grade 4)");
  s->new_person = cb_test_create (ben, "person", "name", "Jo Reyes", "role", "coach", NULL);
  cb_test_export (ben, s->colleague);
}

static char *
window_hash (CbApplication *app)
{
  return cb_test_dump_hash (cb_application_get_store (app));
}

/* Waits (at most a minute) until @dialog has read its files. */
static void
wait_read (CbImportDialog *dialog)
{
  for (guint i = 0; i < 3000 && g_strcmp0 (cb_import_dialog_get_state (dialog), "reading") == 0; i++)
    cb_ui_spin (20);
  cb_ui_drain ();
}

static CbImportDialog *
open_import (CbWindow   *window,
             const char *path)
{
  const char *paths[] = { path, NULL };
  CbImportDialog *dialog = cb_exchange_ui_import_files (GTK_WINDOW (window), paths);

  g_assert_nonnull (dialog);
  wait_read (dialog);
  return dialog;
}

static void
commit_import (CbImportDialog *dialog)
{
  GtkWidget *weak = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL));
  for (guint i = 0; weak != NULL && i < 3000; i++)
    cb_ui_spin (20);
  g_assert_null (weak);
  cb_ui_drain ();
}

static void
wait_not_busy (CbWindow *window)
{
  for (guint i = 0; cb_exchange_ui_is_busy (GTK_WINDOW (window)) && i < 3000; i++)
    cb_ui_spin (20);
  g_assert_false (cb_exchange_ui_is_busy (GTK_WINDOW (window)));
  cb_ui_drain ();
}

/* Tests */

static void
test_preview_commit_undo (void)
{
  Scene s = { 0 };
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  CbImportDialog *dialog;
  const CbImportReport *preview;
  const CbImportCounts *schools, *people;
  g_autofree char *before = NULL;
  g_autofree char *before_records = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(CbRecord) jo = NULL;
  AdwToast *toast;

  make_scene (&s, "commit");
  app = cb_ui_start_app (s.db);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  before = window_hash (app);
  before_records = cb_test_dump_hash_records (store);

  /* The preview: a dry run, nothing written. */
  dialog = open_import (window, s.colleague);
  g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "preview");
  preview = cb_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_true (preview->dry_run);
  schools = cb_import_report_get_counts (preview, "school");
  people = cb_import_report_get_counts (preview, "person");
  g_assert_cmpuint (schools->conflicts, ==, 1);
  g_assert_cmpuint (people->added, ==, 1);
  g_assert_cmpuint (people->conflicts, ==, 1);
  g_assert_cmpuint (people->updated, ==, 2);
  g_assert_cmpuint (preview->n_changed, ==, 5);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  after = window_hash (app);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);
  g_assert_null (cb_store_get (store, s.new_person, NULL));

  /* Import: committed, a toast offers Undo. */
  commit_import (dialog);
  jo = cb_store_get (store, s.new_person, NULL);
  g_assert_nonnull (jo);
  g_assert_cmpstr (cb_record_get (jo, "name"), ==, "Jo Reyes");
  g_assert_cmpuint (n_values (store, s.school, "name"), ==, 2);
  after = window_hash (app);
  g_assert_cmpstr (before, !=, after);
  /* The window followed: the Conflicts section counts them. */
  cb_ui_spin (400);
  g_assert_cmpuint (cb_conflicts_count (store), ==, 4);

  /* Undo: every record exactly as before; this laptop's counter and
   * clock stay where the import took them (cb_store_restore_backup). */
  toast = cb_exchange_ui_get_undo_toast (GTK_WINDOW (window));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo Import");
  g_signal_emit_by_name (toast, "button-clicked");
  cb_ui_drain ();
  undone = cb_test_dump_hash_records (store);
  g_assert_cmpstr (before_records, ==, undone);
  g_assert_null (cb_store_get (store, s.new_person, NULL));
  g_assert_null (cb_exchange_ui_get_undo_toast (GTK_WINDOW (window)));

  /* Importing again, then editing here: Undo is no longer offered. */
  dialog = open_import (window, s.colleague);
  commit_import (dialog);
  g_assert_nonnull (cb_exchange_ui_get_undo_toast (GTK_WINDOW (window)));
  set (store, s.new_person, "grades", "3");
  g_assert_null (cb_exchange_ui_get_undo_toast (GTK_WINDOW (window)));

  cb_ui_stop_app (app);
  scene_clear (&s);
}

static void
test_broken_files (void)
{
  Scene s = { 0 };
  g_autofree char *truncated = NULL;
  g_autofree char *hostile = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  const char *bomb =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
    "<coachbook xmlns=\"https://coachbook.github.io/ns/exchange\" format=\"1\">&lol2;</coachbook>\n";
  const char *files[2];
  CbApplication *app;
  CbWindow *window;
  g_autofree char *before = NULL;

  make_scene (&s, "broken");
  truncated = path_in ("broken", "truncated.coachbook.xml");
  hostile = path_in ("broken", "bomb.coachbook.xml");
  g_assert_true (g_file_get_contents (s.colleague, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, len / 2, NULL));
  g_assert_true (g_file_set_contents (hostile, bomb, -1, NULL));
  files[0] = truncated;
  files[1] = hostile;

  app = cb_ui_start_app (s.db);
  window = cb_ui_app_window (app);
  before = window_hash (app);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      CbImportDialog *dialog = open_import (window, files[i]);
      g_autofree char *after = NULL;

      g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "error");
      g_assert_nonnull (cb_import_dialog_get_error (dialog));
      g_assert_cmpstr (cb_import_dialog_get_error (dialog), !=, "");
      g_test_message ("%s: %s", files[i], cb_import_dialog_get_error (dialog));
      if (i == 1)
        cb_ui_save_png (GTK_WIDGET (dialog), "import-error.png");
      after = window_hash (app);
      g_assert_cmpstr (before, ==, after);
      gtk_window_close (GTK_WINDOW (dialog));
      cb_ui_drain ();
    }
  cb_ui_stop_app (app);
  scene_clear (&s);
}

static void
test_cancel (void)
{
  g_autofree char *db = path_in ("cancel", "ana.db");
  g_autofree char *big_db = path_in ("cancel", "big.db");
  g_autofree char *big_file = path_in ("cancel", "big.coachbook.xml");
  const char *paths[] = { big_file, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CbApplication *app;
  CbWindow *window;
  CbImportDialog *dialog;
  GtkWidget *weak;

  {
    g_autoptr(CbStore) big = cb_test_open_store (big_db, "Ben Okafor");
    g_autoptr(GError) error = NULL;

    g_assert_true (cb_generate (big, 8000, 3, &error));
    g_assert_no_error (error);
    cb_test_export (big, big_file);
  }
  app = cb_ui_start_app (db);
  window = cb_ui_app_window (app);
  before = window_hash (app);

  /* Cancel while reading: the dialog goes, nothing changed. */
  dialog = cb_exchange_ui_import_files (GTK_WINDOW (window), paths);
  weak = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "reading");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  for (guint i = 0; weak != NULL && i < 3000; i++)
    cb_ui_spin (20);
  g_assert_null (weak);
  after = window_hash (app);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* Cancel while importing: rolled back, the preview is shown again. */
  dialog = open_import (window, big_file);
  g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "preview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL));
  g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "importing");
  /* Closing the window while importing cancels, and waits. */
  gtk_window_close (GTK_WINDOW (dialog));
  for (guint i = 0; i < 3000 && g_strcmp0 (cb_import_dialog_get_state (dialog), "importing") == 0; i++)
    cb_ui_spin (20);
  g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "preview");
  after = window_hash (app);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (cb_exchange_ui_get_undo_toast (GTK_WINDOW (window)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  cb_ui_drain ();
  cb_ui_stop_app (app);
}

static void
test_conflicts_resolved (void)
{
  Scene s = { 0 };
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  CbConflictList *list;
  CbConflictEditor *editor;
  GtkWidget *editor_stack, *banner, *merged;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) teacher_names = NULL;
  g_autofree char *shown_name = NULL;
  g_autofree char *other_district = NULL;
  g_autofree char *kept_teacher = NULL;
  g_autofree char *other_teacher = NULL;
  g_autofree char *value = NULL;
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) people = NULL;
  gboolean copy_found = FALSE;

  make_scene (&s, "conflicts");
  app = cb_ui_start_app (s.db);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  commit_import (open_import (window, s.colleague));

  cb_window_set_section (window, CB_SECTION_CONFLICTS);
  cb_ui_drain ();
  list = CB_CONFLICT_LIST (cb_window_get_child (window, "conflict_list"));
  editor = CB_CONFLICT_EDITOR (cb_window_get_child (window, "conflict_editor"));
  editor_stack = cb_window_get_child (window, "editor_stack");
  g_assert_cmpuint (cb_conflict_list_get_n_items (list), ==, 4);
  g_assert_cmpstr (cb_conflict_list_get_uuid (list, 0), ==, s.school);

  /* The school: four fields, two versions each, side by side. */
  g_assert_true (cb_window_open_record (window, s.school));
  cb_ui_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (editor_stack)), ==, "conflicts");
  g_assert_cmpstr (cb_conflict_editor_get_uuid (editor), ==, s.school);
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "keep-name-0"));
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "keep-name-1"));
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "field-district"));
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "field-notes"));
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "field-grades"));

  names = cb_store_get_values (store, s.school, "name", NULL);
  districts = cb_store_get_values (store, s.school, "district", NULL);
  shown_name = g_strdup (((CbStamped *) g_ptr_array_index (names, 0))->value);
  other_district = g_strdup (((CbStamped *) g_ptr_array_index (districts, 1))->value);
  g_assert_cmpstr (shown_name, ==, "Lincoln ES");
  g_assert_cmpstr (other_district, ==, "North District");

  /* Keep this (the version shown). */
  click (GTK_WIDGET (editor), "keep-name-0");
  g_assert_cmpuint (n_values (store, s.school, "name"), ==, 1);
  value = get (store, s.school, "name");
  g_assert_cmpstr (value, ==, shown_name);
  g_clear_pointer (&value, g_free);
  g_assert_null (find_named (GTK_WIDGET (editor), "keep-name-0"));

  /* Keep that (the other one). */
  click (GTK_WIDGET (editor), "keep-district-1");
  g_assert_cmpuint (n_values (store, s.school, "district"), ==, 1);
  value = get (store, s.school, "district");
  g_assert_cmpstr (value, ==, other_district);
  g_clear_pointer (&value, g_free);

  /* Keep both in one text. */
  click (GTK_WIDGET (editor), "join-grades");
  value = get (store, s.school, "grades");
  g_assert_cmpstr (value, ==, "K-8 / K-5");
  g_clear_pointer (&value, g_free);

  /* A merged text, edited: the entry starts with both. */
  click (GTK_WIDGET (editor), "edit-notes");
  merged = find_named (GTK_WIDGET (editor), "merged-notes");
  g_assert_true (GTK_IS_TEXT_VIEW (merged));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (merged));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Bell at 8:05. Visitors sign in at the office.\n\n"
                               "Bell at 8:05. Park on Elm Street.");
    gtk_text_buffer_set_text (buffer, "Bell at 8:05. Park on Elm Street; visitors sign in at the office.", -1);
  }
  click (GTK_WIDGET (editor), "save-notes");
  value = get (store, s.school, "notes");
  g_assert_cmpstr (value, ==, "Bell at 8:05. Park on Elm Street; visitors sign in at the office.");
  g_clear_pointer (&value, g_free);
  g_assert_true (cb_conflict_editor_is_resolved (editor));
  g_assert_cmpuint (n_values (store, s.school, "notes"), ==, 1);

  /* Keep both as separate records: a copy holds the other name. */
  g_assert_true (cb_window_open_record (window, s.teacher));
  cb_ui_drain ();
  teacher_names = cb_store_get_values (store, s.teacher, "name", NULL);
  kept_teacher = g_strdup (((CbStamped *) g_ptr_array_index (teacher_names, 0))->value);
  other_teacher = g_strdup (((CbStamped *) g_ptr_array_index (teacher_names, 1))->value);
  click (GTK_WIDGET (editor), "separate-name");
  value = get (store, s.teacher, "name");
  g_assert_cmpstr (value, ==, kept_teacher);
  g_clear_pointer (&value, g_free);
  filter.kind = "person";
  people = cb_store_list (store, &filter, 100, NULL);
  for (guint i = 0; i < people->len; i++)
    {
      CbRecord *p = g_ptr_array_index (people, i);
      if (g_strcmp0 (cb_record_get (p, "name"), other_teacher) == 0)
        {
          copy_found = TRUE;
          g_assert_cmpstr (cb_record_get_uuid (p), !=, s.teacher);
          g_assert_cmpstr (cb_record_get (p, "school"), ==, s.school);
          g_assert_cmpstr (cb_record_get (p, "role"), ==, "teacher");
        }
    }
  g_assert_true (copy_found);

  /* Deleted here, edited there: a banner; Restore keeps the edit. */
  g_assert_true (cb_window_open_record (window, s.restored));
  cb_ui_drain ();
  banner = find_named (GTK_WIDGET (editor), "banner-restore");
  g_assert_true (gtk_widget_get_mapped (banner) || gtk_revealer_get_reveal_child (
                   GTK_REVEALER (gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER))));
  {
    GtkWidget *revealer = gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER);
    GtkWidget *label = gtk_widget_get_first_child (gtk_revealer_get_child (GTK_REVEALER (revealer)));
    const char *text = gtk_label_get_text (GTK_LABEL (label));

    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
    g_assert_true (g_str_has_prefix (text, "Deleted on "));
    g_assert_nonnull (strstr (text, " by you, edited on "));
    g_assert_true (g_str_has_suffix (text, " by Ben Okafor"));
  }
  click (GTK_WIDGET (editor), "banner-restore");
  {
    g_autoptr(CbRecord) sam = cb_store_get (store, s.restored, NULL);
    g_assert_false (cb_record_get_deleted (sam));
    g_assert_cmpstr (cb_record_get (sam, "name"), ==, "Sam Lee (grade 3)");
  }

  /* …and Delete deletes it again, after the edit. */
  g_assert_true (cb_window_open_record (window, s.redeleted));
  cb_ui_drain ();
  click (GTK_WIDGET (editor), "banner-delete");
  {
    g_autoptr(CbRecord) kim = cb_store_get (store, s.redeleted, NULL);
    g_assert_true (cb_record_get_deleted (kim));
  }

  cb_ui_spin (400);
  g_assert_cmpuint (cb_conflicts_count (store), ==, 0);
  g_assert_cmpuint (cb_conflict_list_get_n_items (list), ==, 0);
  cb_ui_stop_app (app);
  scene_clear (&s);
}

static void
test_export_drop_sync (void)
{
  Scene s = { 0 };
  g_autofree char *exported = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *ben_db = NULL;
  g_autofree char *own_dir = NULL;
  g_autofree char *later = NULL;
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  GSettings *settings;
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = NULL;

  make_scene (&s, "sync");
  exported = path_in ("sync", "exported.coachbook.xml");
  folder = path_in ("sync", "folder");
  g_mkdir_with_parents (folder, 0700);
  ben_db = path_in ("sync", "ben.db");

  app = cb_ui_start_app (s.db);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  settings = cb_application_get_settings (app);
  g_settings_set_string (settings, "coach-name", "Ana García");

  /* Export for Colleagues: a file that imports back. */
  cb_exchange_ui_export_to (GTK_WINDOW (window), exported);
  wait_not_busy (window);
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(CbStore) probe = cb_store_open_memory (NULL);
    g_autoptr(CbImportReport) report = cb_test_import_ok (probe, exported);

    g_assert_nonnull (cb_store_get (probe, s.school, NULL));
  }

  /* A file dropped on the window opens the preview. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  {
    g_autoptr(GFile) file = g_file_new_for_path (s.colleague);
    GSList *files = g_slist_append (NULL, file);
    GdkFileList *list = gdk_file_list_new_from_list (files);
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;
    CbImportDialog *dialog;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, list);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_slist_free (files);
    g_assert_true (accepted);
    cb_ui_drain ();
    dialog = (CbImportDialog *) cb_ui_find_toplevel (CB_TYPE_IMPORT_DIALOG);
    g_assert_nonnull (dialog);
    wait_read (dialog);
    g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "preview");
    gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
    cb_ui_drain ();
  }
  g_assert_null (cb_store_get (store, s.new_person, NULL));

  /* Sync Now: our changes go to the folder, Ben's come in. */
  {
    g_autoptr(CbStore) ben = cb_test_open_store (ben_db, "Ben Okafor");
    g_autoptr(CbSyncReport) done = cb_sync_run (ben, folder, NULL, NULL, NULL, NULL, NULL, NULL);

    g_assert_nonnull (done);
  }
  g_settings_set_string (settings, "sync-folder", folder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "exchange.sync", NULL));
  wait_not_busy (window);
  own_dir = g_build_filename (folder, cb_store_get_replica (store), NULL);
  g_assert_true (g_file_test (own_dir, G_FILE_TEST_IS_DIR));
  g_assert_nonnull (cb_store_get (store, s.new_person, NULL));
  g_assert_nonnull (cb_exchange_ui_get_undo_toast (GTK_WINDOW (window)));
  /* Only exchange files go there, one folder per laptop. */
  {
    g_autoptr(GDir) dir = g_dir_open (own_dir, 0, NULL);
    const char *entry;
    guint n = 0;

    while ((entry = g_dir_read_name (dir)) != NULL)
      {
        g_assert_true (g_str_has_suffix (entry, ".coachbook.xml"));
        n++;
      }
    g_assert_cmpuint (n, ==, 1);
  }
  /* The sync status: when, and with whom. */
  {
    g_autoptr(GPtrArray) colleagues = NULL;
    gint64 synced;

    g_assert_true (cb_sync_get_status (store, folder, &synced, &colleagues));
    g_assert_cmpuint (colleagues->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (colleagues, 0), ==, "Ben Okafor");
  }

  /* Ben adds a record; closing the window syncs it in. */
  {
    g_autoptr(CbStore) ben = cb_test_open_store (ben_db, "Ben Okafor");
    g_autoptr(CbSyncReport) done = NULL;

    later = cb_test_create (ben, "school", "name", "Washington Middle", NULL);
    done = cb_sync_run (ben, folder, NULL, NULL, NULL, NULL, NULL, NULL);
    g_assert_nonnull (done);
  }
  /* No nested main loop: the close request is refused at once, the
   * window stays while the sync runs, and goes when it is over. */
  {
    GtkWidget *weak = GTK_WIDGET (window);

    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
    gtk_window_close (GTK_WINDOW (window));
    g_assert_nonnull (weak);
    g_assert_true (cb_exchange_ui_is_busy (GTK_WINDOW (window)));
    for (guint i = 0; weak != NULL && i < 1500; i++)
      cb_ui_spin (20);
    g_assert_null (weak);
  }
  g_assert_nonnull (cb_store_get (store, later, NULL));
  g_settings_set_string (settings, "sync-folder", "");
  cb_ui_stop_app (app);
  scene_clear (&s);
}

/* Screenshots */

static void
shoot (CbApplication *app,
       const char    *suffix)
{
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *name = NULL;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  cb_window_set_section (window, CB_SECTION_CONFLICTS);
  cb_ui_drain ();
  {
    CbConflictList *list = CB_CONFLICT_LIST (cb_window_get_child (window, "conflict_list"));
    const char *first = cb_conflict_list_get_uuid (list, 0);
    const char *deleted = cb_conflict_list_get_uuid (list, cb_conflict_list_get_n_items (list) - 1);

    if (width < 600)
      {
        /* Narrow: the list, then the record. */
        adw_leaflet_set_visible_child (ADW_LEAFLET (cb_window_get_child (window, "leaflet")),
                                       cb_window_get_child (window, "list_pane"));
        name = g_strdup_printf ("conflicts-list-%s.png", suffix);
        cb_ui_save_png (GTK_WIDGET (window), name);
        g_clear_pointer (&name, g_free);
      }
    cb_window_open_record (window, first);
    name = g_strdup_printf ("conflicts-%s.png", suffix);
    cb_ui_save_png (GTK_WIDGET (window), name);
    g_clear_pointer (&name, g_free);
    cb_window_open_record (window, deleted);
    name = g_strdup_printf ("conflicts-deleted-edited-%s.png", suffix);
    cb_ui_save_png (GTK_WIDGET (window), name);
    g_clear_pointer (&name, g_free);
  }
  {
    CbPreferencesWindow *prefs = cb_preferences_window_new (cb_application_get_settings (app), store);

    gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
    gtk_window_set_default_size (GTK_WINDOW (prefs), width < 600 ? 360 : 560, width < 600 ? 720 : 640);
    gtk_window_present (GTK_WINDOW (prefs));
    cb_ui_spin (300);
    /* Show the sharing group at the bottom of the page (twice: the
     * first layout may not have measured the whole page yet). */
    for (guint i = 0; i < 2; i++)
      {
        GtkWidget *scroller = find_named (GTK_WIDGET (prefs), "GtkScrolledWindow");
        if (GTK_IS_SCROLLED_WINDOW (scroller))
          {
            GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
            gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
          }
        cb_ui_spin (300);
      }
    name = g_strdup_printf ("preferences-%s.png", suffix);
    cb_ui_save_png (GTK_WIDGET (prefs), name);
    g_clear_pointer (&name, g_free);
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
}

static gboolean
shoot_sync_window_cb (gpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_window_get_title (l->data), "Syncing with Colleagues") == 0 &&
        gtk_widget_get_mapped (l->data))
      {
        cb_ui_save_png (l->data, data);
        break;
      }
  g_list_free (toplevels);
  return G_SOURCE_REMOVE;
}

static void
test_screenshots (void)
{
  Scene s = { 0 };
  CbApplication *app;
  CbWindow *window;
  AdwStyleManager *style;
  g_autofree char *folder = NULL;

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set CB_SCREENSHOT_DIR to write screenshots");
      return;
    }
  make_scene (&s, "shots");
  folder = cb_ui_test_path ("shots");
  app = cb_ui_start_app (s.db);
  window = cb_ui_app_window (app);
  style = adw_style_manager_get_default ();
  g_settings_set_string (cb_application_get_settings (app), "sync-folder", "/media/ana/USB STICK/Coachbook");
  /* Preferences' Last sync row: a sync twenty minutes ago, six colleagues */
  {
    g_autofree char *sql = g_strdup_printf (
        "INSERT INTO sync_folders (folder, synced, peers) VALUES ('/media/ana/USB STICK/Coachbook', %"
        G_GINT64_FORMAT ", replace ('Ben Okafor|Cleo Díaz|Dan Wu|Eva Lund|Fran Soto|Gus Pike', '|', char (10)))",
        g_get_real_time () / G_USEC_PER_SEC - 1200);
    g_assert_cmpint (sqlite3_exec (cb_store_get_db (cb_application_get_store (app)), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  for (guint dark = 0; dark < 2; dark++)
    {
      CbImportDialog *dialog;
      const char *mode = dark ? "dark" : "light";
      g_autofree char *wide = g_strdup_printf ("1280x800-%s", mode);
      g_autofree char *narrow = g_strdup_printf ("360-%s", mode);
      g_autofree char *name = NULL;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      cb_ui_spin (300);

      dialog = open_import (window, s.colleague);
      name = g_strdup_printf ("import-dialog-%s.png", wide);
      cb_ui_save_png (GTK_WIDGET (dialog), name);
      g_clear_pointer (&name, g_free);
      gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
      cb_ui_spin (300);
      name = g_strdup_printf ("import-dialog-%s.png", narrow);
      cb_ui_save_png (GTK_WIDGET (dialog), name);
      g_clear_pointer (&name, g_free);
      if (dark)
        {
          /* Let the light run's "Import undone" toast time out. */
          cb_ui_spin (4500);
          commit_import (dialog);
          name = g_strdup_printf ("import-toast-%s.png", wide);
          cb_ui_save_png (GTK_WIDGET (window), name);
          g_clear_pointer (&name, g_free);
        }
      else
        {
          gtk_window_close (GTK_WINDOW (dialog));
          cb_ui_drain ();
          commit_import (open_import (window, s.colleague));
        }

      shoot (app, wide);
      gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
      cb_ui_spin (400);
      shoot (app, narrow);
      /* Back to the conflicts for the other color scheme. */
      {
        AdwToast *toast = cb_exchange_ui_get_undo_toast (GTK_WINDOW (window));
        if (toast != NULL)
          g_signal_emit_by_name (toast, "button-clicked");
        cb_ui_drain ();
      }
    }
  /* The sync at close, with a colleague's file large enough to see it. */
  {
    g_autofree char *sync = g_build_filename (folder, "sync", NULL);
    g_autofree char *big_db = path_in ("shots", "big.db");
    g_autofree char *big_file = NULL;
    g_autoptr(CbStore) big = cb_test_open_store (big_db, "Ben Okafor");
    g_autoptr(GError) error = NULL;
    g_autofree char *name = cb_exchange_default_filename (big);

    g_assert_true (cb_generate (big, 8000, 7, &error));
    g_assert_no_error (error);
    g_mkdir_with_parents (sync, 0700);
    big_file = g_build_filename (sync, name, NULL);
    cb_test_export (big, big_file);
    g_settings_set_string (cb_application_get_settings (app), "sync-folder", sync);
    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
    cb_ui_spin (300);
    g_timeout_add (150, shoot_sync_window_cb, (gpointer) "sync-at-close-dark.png");
    cb_ui_close_window (window);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_settings_set_string (cb_application_get_settings (app), "sync-folder", "");
  cb_ui_stop_app (app);
  scene_clear (&s);
}

/* The passphrase dialog the window or the import dialog shows. */
static AdwMessageDialog *
passphrase_dialog (void)
{
  GtkWindow *found = NULL;

  for (guint i = 0; i < 500 && found == NULL; i++)
    {
      cb_ui_spin (20);
      found = cb_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    }
  g_assert_nonnull (found);
  return ADW_MESSAGE_DIALOG (found);
}

/* Types @text where the focus is and presses Enter. */
static void
type_in_focus (GtkWidget  *window,
               const char *text)
{
  GtkWidget *focus = cb_ui_focus_of (window);

  g_assert_nonnull (focus);
  cb_ui_type_and_enter (focus, text);
}

/* Waits until the widget @weak points to (a weak pointer) is gone. */
static void
wait_gone (GtkWidget **weak)
{
  for (guint i = 0; *weak != NULL && i < 500; i++)
    cb_ui_spin (20);
  g_assert_null (*weak);
  cb_ui_drain ();
}

/* Wait until @dialog stops reading and asks for the passphrase. */
static void
wait_asking (CbImportDialog *dialog)
{
  wait_read (dialog);
  g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "passphrase");
}

static void
test_encrypted (void)
{
  Scene s = { 0 };
  g_autofree char *sealed = NULL;
  g_autofree char *ben_db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  CbApplication *app;
  CbWindow *window;
  AdwMessageDialog *ask;
  CbImportDialog *dialog;
  CbStore *store;
  GtkWidget *weak;

  make_scene (&s, "encrypted");
  sealed = path_in ("encrypted", "ana.coachbook.enc");
  ben_db = path_in ("encrypted", "new-laptop.db");

  /* Ana exports encrypted: the passphrase twice, and two that differ
   * are not accepted. */
  app = cb_ui_start_app (s.db);
  window = cb_ui_app_window (app);
  g_assert_nonnull (cb_exchange_ui_export_encrypted_to (GTK_WINDOW (window), sealed));
  ask = passphrase_dialog ();
  type_in_focus (GTK_WIDGET (ask), "river stone 12");
  type_in_focus (GTK_WIDGET (ask), "river stone 13");
  cb_ui_spin (200);
  cb_ui_save_png (GTK_WIDGET (ask), "passphrase-export.png");
  g_assert_false (adw_message_dialog_get_response_enabled (ask, "accept"));
  g_assert_false (g_file_test (sealed, G_FILE_TEST_EXISTS));
  weak = GTK_WIDGET (ask);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  type_in_focus (GTK_WIDGET (ask), "river stone 12");
  wait_gone (&weak);
  wait_not_busy (window);
  g_assert_true (g_file_get_contents (sealed, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "CBCRYPT"));
  g_assert_null (strstr (contents, "Lincoln"));
  cb_ui_stop_app (app);

  /* On a second laptop: without the passphrase nothing is imported. */
  app = cb_ui_start_app (ben_db);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  before = window_hash (app);
  dialog = cb_exchange_ui_import_files (GTK_WINDOW (window), (const char *[]) { sealed, NULL });
  wait_asking (dialog);
  ask = passphrase_dialog ();
  g_assert_true (strstr (adw_message_dialog_get_body (ask), "encrypted") != NULL ||
                 strstr (adw_message_dialog_get_body (ask), "cifrado") != NULL);
  /* closed, as Escape does */
  weak = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_close (GTK_WINDOW (ask));
  wait_gone (&weak);
  after = window_hash (app);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (cb_store_get (store, s.school, NULL));

  /* A wrong passphrase: asked again, with why, and nothing changes. */
  dialog = cb_exchange_ui_import_files (GTK_WINDOW (window), (const char *[]) { sealed, NULL });
  wait_asking (dialog);
  type_in_focus (GTK_WIDGET (passphrase_dialog ()), "river stone 21");
  cb_ui_spin (100);
  wait_asking (dialog);
  ask = passphrase_dialog ();
  g_assert_true (strstr (adw_message_dialog_get_body (ask), "passphrase is wrong") != NULL ||
                 strstr (adw_message_dialog_get_body (ask), "no es correcta") != NULL);
  cb_ui_spin (200);
  cb_ui_save_png (GTK_WIDGET (ask), "passphrase-wrong.png");
  g_free (after);
  after = window_hash (app);
  g_assert_cmpstr (before, ==, after);

  /* The right one: the preview, then the import. */
  type_in_focus (GTK_WIDGET (ask), "river stone 12");
  wait_read (dialog);
  g_assert_cmpstr (cb_import_dialog_get_state (dialog), ==, "preview");
  commit_import (dialog);
  g_assert_nonnull (cb_store_get (store, s.school, NULL));
  {
    g_autofree char *name = get (store, s.school, "name");
    g_assert_cmpstr (name, ==, "Lincoln Elementary School");
  }

  /* An encrypted sync folder, and no keyring here (the test has no
   * session bus): Sync Now asks for the team's passphrase, and this
   * laptop's file in the folder is encrypted with it. */
  {
    g_autofree char *folder = path_in ("encrypted", "folder");
    g_autofree char *own_dir = NULL;
    g_autofree char *own = NULL;
    g_autofree char *own_contents = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *name;
    GSettings *settings = cb_application_get_settings (app);

    /* a change of this laptop's own, for its change file to hold */
    cb_test_create (store, "school", "name", "Roosevelt Academy", NULL);
    g_mkdir_with_parents (folder, 0700);
    g_settings_set_string (settings, "sync-folder", folder);
    g_settings_set_boolean (settings, "sync-encrypt", TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "exchange.sync", NULL));
    wait_not_busy (window);
    ask = passphrase_dialog ();
    type_in_focus (GTK_WIDGET (ask), "river stone 12");
    wait_not_busy (window);
    /* this laptop's change file, in its folder of the sync folder */
    own_dir = g_build_filename (folder, cb_store_get_replica (store), NULL);
    dir = g_dir_open (own_dir, 0, NULL);
    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL && name[0] == '.')
      ;
    g_assert_nonnull (name);
    own = g_build_filename (own_dir, name, NULL);
    g_assert_true (g_file_get_contents (own, &own_contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (own_contents, "CBCRYPT"));
    g_assert_null (strstr (own_contents, "Roosevelt"));
    g_settings_set_boolean (settings, "sync-encrypt", FALSE);
    g_settings_set_string (settings, "sync-folder", "");
  }
  cb_ui_stop_app (app);
  scene_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/exchange-ui/preview-commit-undo", test_preview_commit_undo);
  g_test_add_func ("/exchange-ui/broken-files", test_broken_files);
  g_test_add_func ("/exchange-ui/cancel", test_cancel);
  g_test_add_func ("/exchange-ui/conflicts-resolved", test_conflicts_resolved);
  g_test_add_func ("/exchange-ui/export-drop-sync", test_export_drop_sync);
  g_test_add_func ("/exchange-ui/encrypted", test_encrypted);
  g_test_add_func ("/exchange-ui/screenshots", test_screenshots);

  return cb_ui_test_run ();
}
