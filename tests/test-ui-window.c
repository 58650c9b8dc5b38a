/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drives the real window under Xvfb: people, an observation captured by
 * keyboard shortcuts, reopening, search, the narrow layout, Trash and
 * Undo, and a kill in the middle of a lesson.
 *
 * Key presses go through the same GtkShortcut objects a key event
 * would trigger, walking from the focused widget up to the window as
 * GTK's bubble phase does (GTK 4 has no public way to inject events).
 *
 * With CB_SCREENSHOT_DIR set, PNGs of the main views are written there. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cb-action-list.h"
#include "cb-application.h"
#include "cb-generate.h"
#include "cb-cycle-pane.h"
#include "cb-log-editor.h"
#include "cb-capture-logic.h"
#include "cb-conflict-list.h"
#include "cb-editor.h"
#include "cb-exchange-test-util.h"
#include "cb-file-chooser.h"
#include "cb-observation-editor.h"
#include "cb-preferences-window.h"
#include "cb-record-editor.h"
#include "cb-record-list-model.h"
#include "cb-search-result.h"
#include "cb-test-util.h"
#include "cb-view-util.h"
#include "cb-window.h"
#include "cb-ui-test-util.h"

static CbRecord *
find_tally (GPtrArray  *tallies,
            const char *name)
{
  for (guint i = 0; i < tallies->len; i++)
    if (g_strcmp0 (cb_record_get (g_ptr_array_index (tallies, i), "name"), name) == 0)
      return g_ptr_array_index (tallies, i);
  return NULL;
}

/* The first record of @kind listed, or NULL; the string lasts until
 * the next call. */
static const char *
first_uuid (CbStore    *store,
            const char *kind)
{
  static char buf[64];
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;

  /* "trash" names the first record in the Trash. */
  if (g_strcmp0 (kind, "trash") == 0)
    filter.trash = TRUE;
  else
    filter.kind = kind;
  records = cb_store_list (store, &filter, 1, NULL);
  if (records == NULL || records->len == 0)
    return NULL;
  g_strlcpy (buf, cb_record_get_uuid (g_ptr_array_index (records, 0)), sizeof buf);
  return buf;
}

/* Tests */

static void
test_store_error_shown (void)
{
  g_autofree char *path = cb_ui_test_path ("not-a-database.db");
  CbApplication *app;
  CbWindow *window;
  GtkWidget *stack, *page;

  g_assert_true (g_file_set_contents (path, "this is not SQLite, just some text", -1, NULL));
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  stack = cb_window_get_child (window, "main_stack");
  page = cb_window_get_child (window, "error_page");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (page)));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), !=, "");
  cb_ui_save_png (GTK_WIDGET (window), "error-1280x800.png");
  cb_ui_stop_app (app);
}

/* The end of the file lost, as after a torn write to a failing disk:
 * the header and the schema are still good, so the store opens (its
 * integrity check is deferred); the check after the first frame finds
 * the damage. */
static void
lose_end_of_file (const char *path,
                  double      keep)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, (off_t) (st.st_size * keep) / 4096 * 4096), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size), ==, 0);
}

static char *
file_digest (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *paths[] = { path, wal };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (paths[i], &data, &len, NULL))
        g_checksum_update (sum, (const guchar *) data, len);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Reading the damaged part of the file may warn: expected here. */
static gboolean
damaged_log_cb (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
  return strstr (message, "damaged") == NULL && strstr (message, "malformed") == NULL;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* Views reach the window only through its actions: win.flush writes
 * what an editor holds at once (no waiting for the autosave), and
 * win.toast and win.undo-toast answer from inside any pane. */
static void
test_window_actions (void)
{
  g_autofree char *path = cb_ui_test_path ("window-actions.db");
  g_autofree char *uuid = NULL;
  g_autoptr(CbRecord) record = NULL;
  CbApplication *app;
  CbWindow *window;
  CbRecordEditor *editor;
  GtkWidget *name;

  g_unlink (path);
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  editor = CB_RECORD_EDITOR (cb_window_get_child (window, "record_editor"));
  uuid = cb_ui_new_record (window, CB_SECTION_PEOPLE);
  g_assert_nonnull (uuid);
  name = cb_record_editor_get_field_widget (editor, "name");
  gtk_editable_set_text (GTK_EDITABLE (name), "Rosa Parra");
  /* From the field itself, as a view would; the autosave has not run. */
  g_assert_true (gtk_widget_activate_action (name, "win.flush", NULL));
  record = cb_application_get_store (app) ? cb_store_get (cb_application_get_store (app), uuid, NULL) : NULL;
  g_assert_nonnull (record);
  g_assert_cmpstr (cb_record_get (record, "name"), ==, "Rosa Parra");
  /* One error path: a view's error, once the database is found
   * damaged, is worded as the window words it (the first toast shown:
   * the overlay shows one at a time). */
  {
    g_autoptr(GError) damage = g_error_new_literal (CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT, "malformed");
    g_autoptr(GError) refused = g_error_new_literal (CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY,
                                                     "attempt to write a readonly database");
    GtkWidget *overlay = cb_window_get_child (window, "toast_overlay");

    /* Today: the person's editor closes, and no field keeps the focus
     * while the damage makes the editors insensitive. */
    cb_window_set_section (window, CB_SECTION_TODAY);
    cb_ui_drain ();
    g_assert_true (cb_store_mark_damaged (cb_application_get_store (app), damage, NULL));
    cb_window_show_damage (window);
    cb_ui_drain ();
    cb_view_error (cb_window_get_child (window, "cycle_pane"), refused);
    cb_ui_drain ();
    g_assert_nonnull (cb_ui_find_widget (overlay, is_label_with_text,
                                   "Not saved: the database is damaged, and Coachbook has stopped saving changes."));
    g_assert_null (cb_ui_find_widget (overlay, is_label_with_text, "attempt to write a readonly database"));
  }
  /* The one file chooser: modal over the window that holds the widget
   * asking, with its filter and the name offered. */
  {
    g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
    GtkFileChooserNative *chooser;
    g_autofree char *offered = NULL;

    gtk_file_filter_set_name (filter, "PDF documents");
    gtk_file_filter_add_pattern (filter, "*.pdf");
    chooser = cb_file_chooser_new (GTK_WIDGET (editor), GTK_FILE_CHOOSER_ACTION_SAVE,
                                   "Save", "_Save", filter, "packet.pdf");
    g_assert_true (gtk_native_dialog_get_modal (GTK_NATIVE_DIALOG (chooser)));
    g_assert_true (gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser)) == GTK_WINDOW (window));
    g_assert_true (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)) == filter);
    offered = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    g_assert_cmpstr (offered, ==, "packet.pdf");
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
    g_object_unref (chooser);
  }

  /* The toasts views ask for, from inside a pane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "win.toast", "s", "Saved"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "win.undo-toast", "(ss)", "Deleted", uuid));
  cb_ui_stop_app (app);
}

static void
test_damage_shown (void)
{
  g_autofree char *path = cb_ui_test_path ("damaged.db");
  g_autofree char *cut = cb_ui_test_path ("truncated.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *names[] = { "name" };
  const char *values[] = { "Escuela Nueva" };
  g_autofree char *uuid = NULL;
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  GtkWidget *revealer, *label, *stack;

  cb_ui_generate_db (path, 1500, 7);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_true (g_file_set_contents (cut, before, -1, NULL));
  g_clear_pointer (&before, g_free);
  lose_end_of_file (path, 0.8);

  g_test_log_set_fatal_handler (damaged_log_cb, NULL);
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  g_assert_nonnull (store);
  revealer = cb_window_get_child (window, "damage_revealer");
  label = cb_window_get_child (window, "damage_label");
  for (guint i = 0; i < 200 && !gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)); i++)
    cb_ui_spin (25);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (cb_application_get_damage (app));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "The database is damaged"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "backup"));
  g_assert_false (gtk_widget_get_sensitive (cb_window_get_child (window, "editor_stack")));
  cb_ui_save_png (GTK_WIDGET (window), "damaged-1280x800.png");

  /* Nothing more is written to the damaged file: not from the window
   * (Ctrl+N does nothing), not even through the store. */
  before = file_digest (path);
  cb_ui_press (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK);
  g_assert_null (cb_window_get_current_uuid (window));
  uuid = cb_store_create (store, "school", names, values, 1, &error);
  g_assert_null (uuid);
  g_assert_nonnull (error);
  g_clear_error (&error);
  cb_ui_drain ();
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);

  /* A second window says so too. */
  cb_ui_close_window (window);
  g_application_activate (G_APPLICATION (app));
  cb_ui_drain ();
  window = cb_ui_app_window (app);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (cb_window_get_child (window, "damage_revealer"))));
  cb_ui_stop_app (app);

  /* A file cut short (SQLite sees fewer pages than its header counts)
   * cannot even be opened: the window says why instead. */
  g_assert_cmpint (truncate (cut, 64 * 4096), ==, 0);
  app = cb_ui_start_app (cut);
  window = cb_ui_app_window (app);
  stack = cb_window_get_child (window, "main_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (cb_window_get_child (window, "error_page"))), !=, "");
  cb_ui_stop_app (app);
  g_test_log_set_fatal_handler (NULL, NULL);
}

typedef struct
{
  char *school;
  char *teacher;
  char *observation;
  char *focus[2];
} Flow;

static void
flow_clear (Flow *flow)
{
  g_free (flow->school);
  g_free (flow->teacher);
  g_free (flow->observation);
  g_free (flow->focus[0]);
  g_free (flow->focus[1]);
}

static void
create_people (CbWindow *window,
               CbStore  *store,
               Flow     *flow)
{
  CbRecordEditor *editor = CB_RECORD_EDITOR (cb_window_get_child (window, "record_editor"));
  g_autoptr(CbRecord) school = NULL;
  g_autoptr(CbRecord) teacher = NULL;
  GtkWidget *name;

  /* A school: People & Schools, Schools, New. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people"));
  cb_ui_drain ();
  g_assert_cmpint (cb_window_get_section (window), ==, CB_SECTION_PEOPLE);
  {
    GtkWidget *list_pane = cb_window_get_child (window, "list_pane");
    GtkWidget *w;
    /* The Schools toggle is the second button of the linked box. */
    GtkToggleButton *schools = NULL;
    for (w = gtk_widget_get_first_child (list_pane); w; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_BOX (w) && gtk_widget_has_css_class (w, "linked"))
        schools = GTK_TOGGLE_BUTTON (gtk_widget_get_last_child (w));
    g_assert_nonnull (schools);
    gtk_toggle_button_set_active (schools, TRUE);
    cb_ui_drain ();
  }
  g_assert_true (cb_ui_press (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));
  flow->school = g_strdup (cb_window_get_current_uuid (window));
  g_assert_nonnull (flow->school);
  name = cb_record_editor_get_field_widget (editor, "name");
  g_assert_true (ADW_IS_ENTRY_ROW (name));
  gtk_editable_set_text (GTK_EDITABLE (name), "Escuela Lincoln");
  cb_ui_spin (900);   /* autosave: within a second, no Save button */
  school = cb_ui_get_record (store, flow->school);
  g_assert_cmpstr (cb_record_get_kind (school), ==, "school");
  g_assert_cmpstr (cb_record_get (school, "name"), ==, "Escuela Lincoln");

  /* A teacher at that school, chosen by typing part of its name. */
  flow->teacher = cb_ui_new_record (window, CB_SECTION_PEOPLE);
  name = cb_record_editor_get_field_widget (editor, "name");
  gtk_editable_set_text (GTK_EDITABLE (name), "Ana Pérez");
  cb_ui_popup_field (editor, "school");
  cb_ui_choose_in_popup (window, "linc");
  cb_ui_spin (900);
  teacher = cb_ui_get_record (store, flow->teacher);
  g_assert_cmpstr (cb_record_get_kind (teacher), ==, "person");
  g_assert_cmpstr (cb_record_get (teacher, "name"), ==, "Ana Pérez");
  g_assert_cmpstr (cb_record_get (teacher, "role"), ==, "teacher");
  g_assert_cmpstr (cb_record_get (teacher, "school"), ==, flow->school);
  cb_ui_save_png (GTK_WIDGET (window), "person-1280x800.png");
}

static void
capture_observation (CbWindow  *window,
                     CbStore   *store,
                     GSettings *settings,
                     Flow      *flow)
{
  static const char * const lines[] = {
    "T launches the task: share 3/4 of a pizza among 6",
    "S1: I drew a fracción bar and split it",
    "T asks: how do you know each part is the same size?",
    "Students turn and talk, 2 pairs compare strategies",
    "T funnels: so what is 3 divided by 6?",
  };
  CbObservationEditor *editor = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) tallies = NULL;
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) look_fors = NULL;
  const char *focus[3] = { NULL, NULL, NULL };
  GtkWidget *capture;
  CbRecord *t;
  gint64 offsets[G_N_ELEMENTS (lines)];
  CbClock clock;

  /* The coach's default focus look-fors come from Preferences. */
  filter.kind = "look_for";
  look_fors = cb_store_list (store, &filter, 2, NULL);
  g_assert_nonnull (look_fors);
  g_assert_cmpuint (look_fors->len, ==, 2);
  flow->focus[0] = g_strdup (cb_record_get_uuid (g_ptr_array_index (look_fors, 0)));
  flow->focus[1] = g_strdup (cb_record_get_uuid (g_ptr_array_index (look_fors, 1)));
  focus[0] = flow->focus[0];
  focus[1] = flow->focus[1];
  if (settings != NULL)
    g_settings_set_strv (settings, "default-focus", focus);

  /* Ctrl+N on Today starts an observation and asks for the teacher. */
  flow->observation = cb_ui_new_record (window, CB_SECTION_TODAY);
  g_assert_nonnull (flow->observation);
  g_assert_cmpstr (cb_observation_editor_get_uuid (editor), ==, flow->observation);
  cb_ui_choose_in_popup (window, "ana");
  cb_observation_editor_flush (editor);
  obs = cb_ui_get_record (store, flow->observation);
  g_assert_cmpstr (cb_record_get (obs, "teacher"), ==, flow->teacher);
  /* The school came with the teacher. */
  g_assert_cmpstr (cb_record_get (obs, "school"), ==, flow->school);
  if (settings != NULL)
    {
      g_autofree char *expected = g_strjoin (" ", focus[0], focus[1], NULL);
      g_assert_cmpstr (cb_record_get (obs, "focus"), ==, expected);
    }
  else
    g_assert_true (cb_store_set (store, flow->observation, "focus",
                                 g_strjoin (" ", focus[0], focus[1], NULL), NULL));
  g_clear_object (&obs);

  /* Five lines, typed and entered. */
  cb_observation_editor_focus_capture (editor);
  capture = cb_ui_focus_of (GTK_WIDGET (window));
  g_assert_true (GTK_IS_TEXT_VIEW (capture));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      cb_ui_type_and_enter (capture, lines[i]);
      {
        g_autofree char *left = cb_ui_text_of (capture);
        g_assert_cmpstr (left, ==, "");
      }
      if (i == 2)
        cb_ui_spin (1100);
    }
  g_assert_cmpuint (cb_observation_editor_get_n_lines (editor), ==, 5);

  /* Alt+1 and Alt+2 tag the last line; Alt+1 again untags it. */
  g_assert_true (cb_ui_press (capture, GDK_KEY_1, GDK_ALT_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_2, GDK_ALT_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_1, GDK_ALT_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_1, GDK_ALT_MASK));

  /* The talk timer: teacher, then students, then stop. */
  g_assert_true (cb_ui_press (capture, GDK_KEY_t, GDK_ALT_MASK));
  cb_ui_spin (1200);
  g_assert_true (cb_ui_press (capture, GDK_KEY_t, GDK_ALT_MASK));
  cb_ui_spin (1200);
  g_assert_true (cb_ui_press (capture, GDK_KEY_0, GDK_ALT_MASK));

  /* Counters: funneling twice, focusing once; a phase marker. */
  g_assert_true (cb_ui_press (capture, GDK_KEY_1, GDK_CONTROL_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_1, GDK_CONTROL_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_2, GDK_CONTROL_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_e, GDK_ALT_MASK));
  cb_ui_save_png (GTK_WIDGET (window), "observation-1280x800.png");

  /* Pause the lesson clock. */
  g_assert_true (cb_ui_press (capture, GDK_KEY_space, GDK_CONTROL_MASK));

  /* Everything is in the database already. */
  obs = cb_ui_get_record (store, flow->observation);
  g_assert_true (cb_clock_parse (cb_record_get (obs, "clock"), &clock));
  g_assert_cmpint (clock.state, ==, CB_CLOCK_PAUSED);
  g_assert_cmpint (clock.accumulated_ms, >=, 3000);
  g_assert_cmpint (clock.talk, ==, CB_TALK_NONE);

  evidence = cb_ui_children (store, "evidence", flow->observation);
  g_assert_cmpuint (evidence->len, ==, 6);
  /* Every line is there, with its time: in the order typed, and the
   * pause after the third line shows. (How many seconds typing takes
   * depends on the machine's load, so no absolute time is asked.) */
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      CbRecord *line = NULL;

      for (guint j = 0; j < evidence->len && line == NULL; j++)
        if (g_strcmp0 (cb_record_get (g_ptr_array_index (evidence, j), "text"), lines[i]) == 0)
          line = g_ptr_array_index (evidence, j);
      g_assert_nonnull (line);
      g_assert_cmpstr (cb_record_get (line, "type"), ==, "note");
      offsets[i] = cb_record_get_int (line, "offset");
      if (i > 0)
        g_assert_cmpint (offsets[i], >=, offsets[i - 1] + (i == 3 ? 1 : 0));
      if (i == 4)
        {
          g_autofree char *expected = g_strjoin (" ", focus[1], focus[0], NULL);
          g_assert_cmpstr (cb_record_get (line, "tags"), ==, expected);
        }
      else
        g_assert_cmpstr (cb_record_get (line, "tags") ? cb_record_get (line, "tags") : "", ==, "");
    }
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (evidence, 5), "type"), ==, "phase");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (evidence, 5), "phase"), ==, "explore");

  tallies = cb_ui_children (store, "tally", flow->observation);
  t = find_tally (tallies, "funneling");
  g_assert_nonnull (t);
  g_assert_cmpint (cb_record_get_int (t, "count"), ==, 2);
  t = find_tally (tallies, "focusing");
  g_assert_nonnull (t);
  g_assert_cmpint (cb_record_get_int (t, "count"), ==, 1);
  t = find_tally (tallies, CB_TALLY_TEACHER_TALK);
  g_assert_nonnull (t);
  g_assert_cmpint (cb_record_get_int (t, "seconds"), >=, 1);
  t = find_tally (tallies, CB_TALLY_STUDENT_TALK);
  g_assert_nonnull (t);
  g_assert_cmpint (cb_record_get_int (t, "seconds"), >=, 1);
}

/* Picks @text in the chooser of the filter popover's row @index. */
static void
choose_filter (CbWindow   *window,
               guint       index,
               const char *text)
{
  GtkWidget *list = gtk_widget_get_first_child (cb_window_get_child (window, "filter_box"));
  GtkWidget *row = gtk_widget_get_first_child (list);
  GtkWidget *chooser_button;

  for (guint i = 0; i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_true (gtk_widget_get_visible (row));
  /* The row's chooser is its activatable widget. */
  chooser_button = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_MENU_BUTTON (chooser_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (chooser_button));
  cb_ui_drain ();
  cb_ui_choose_in_popup (window, text);
}

/* Filter the observations by teacher AND school AND look-for AND a
 * date range: choosing one keeps the others. */
static void
test_filters (CbWindow   *window,
              GListModel *model,
              CbStore    *store,
              Flow       *flow)
{
  GtkWidget *button = cb_window_get_child (window, "filter_button");
  GtkWidget *box = cb_window_get_child (window, "filter_box");
  GtkWidget *list = gtk_widget_get_first_child (box);
  GtkWidget *dates = gtk_widget_get_next_sibling (list);
  GtkWidget *clear = gtk_widget_get_last_child (box);
  GtkWidget *teacher_row = gtk_widget_get_first_child (list);
  GtkLabel *label = GTK_LABEL (cb_window_get_child (window, "filter_label"));
  g_autoptr(CbRecord) focus = cb_ui_get_record (store, flow->focus[0]);
  g_autofree char *other = NULL;

  /* A look-for the lesson did not focus on. */
  {
    CbFilter filter = { .kind = "look_for" };
    g_autoptr(GPtrArray) look_fors = cb_store_list (store, &filter, 50, NULL);

    for (guint i = 0; other == NULL && i < look_fors->len; i++)
      {
        CbRecord *r = g_ptr_array_index (look_fors, i);
        if (g_strcmp0 (cb_record_get_uuid (r), flow->focus[0]) != 0 &&
            g_strcmp0 (cb_record_get_uuid (r), flow->focus[1]) != 0)
          other = g_strdup (cb_record_get (r, "name"));
      }
    g_assert_nonnull (other);
  }

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
  choose_filter (window, 0, "ana");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  choose_filter (window, 1, "linc");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  /* The teacher is still chosen: both filter. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (teacher_row)), ==, "Ana Pérez");
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Showing only: Ana Pérez · Escuela Lincoln");
  cb_ui_save_png (GTK_WIDGET (window), "observations-filtered-1280x800.png");
  cb_ui_save_png (gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER), "filter-1280x800.png");
  choose_filter (window, 2, cb_record_get (focus, "name"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  choose_filter (window, 2, other);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  choose_filter (window, 2, cb_record_get (focus, "name"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (dates)), "2000-01-01");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (dates)), "2000-12-31");
  cb_ui_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (cb_window_get_child (window, "list_stack"))), ==, "empty");
  /* A date half typed does not count yet. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (dates)), "2000-12");
  cb_ui_drain ();
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_last_child (dates), "error"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (dates)), "");
  cb_ui_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (dates)), "2000-12-31");
  cb_ui_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_signal_emit_by_name (clear, "clicked");
  cb_ui_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (teacher_row)), ==, "Any");
  g_assert_cmpstr (gtk_label_get_text (label), ==, "");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
}

static void
test_capture_flow (void)
{
  g_autofree char *path = cb_ui_test_path ("flow.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  GSettings *settings = cb_application_get_settings (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRecord) before = NULL;
  g_autoptr(CbRecord) after = NULL;
  g_autoptr(CbRecord) deleted = NULL;
  CbObservationEditor *editor;
  GListModel *model;
  GtkWidget *leaflet;
  Flow flow = { 0 };

  g_assert_nonnull (store);
  cb_ui_save_png (GTK_WIDGET (window), "today-empty-1280x800.png");
  create_people (window, store, &flow);
  capture_observation (window, store, settings, &flow);
  before = cb_ui_get_record (store, flow.observation);

  /* Close the window and open a new one: everything is as it was. */
  cb_ui_close_window (window);
  g_application_activate (G_APPLICATION (app));
  cb_ui_drain ();
  window = cb_ui_app_window (app);
  g_assert_true (cb_window_open_record (window, flow.observation));
  cb_ui_drain ();
  editor = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  g_assert_cmpstr (cb_observation_editor_get_uuid (editor), ==, flow.observation);
  g_assert_cmpuint (cb_observation_editor_get_n_lines (editor), ==, 6);
  after = cb_ui_get_record (store, flow.observation);
  g_assert_cmpstr (cb_record_get (after, "clock"), ==, cb_record_get (before, "clock"));

  /* Search by a word, and by an accent-folded prefix. */
  cb_window_search (window, "pizza");
  model = cb_window_get_list_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  cb_window_search (window, "fraccio");
  model = cb_window_get_list_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  cb_window_search (window, "perez");
  model = cb_window_get_list_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  /* the teacher's name finds her observation too, and the header
   * names the search, not a section */
  {
    AdwWindowTitle *title = ADW_WINDOW_TITLE (cb_window_get_child (window, "list_title"));
    gboolean found = FALSE;
    g_autofree char *count = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(CbSearchResult) result = g_list_model_get_item (model, i);
        if (g_strcmp0 (cb_search_result_get_uuid (result), flow.observation) == 0)
          found = TRUE;
      }
    g_assert_true (found);
    g_assert_cmpstr (adw_window_title_get_title (title), ==, "Search");
    count = g_strdup_printf ("%u results", g_list_model_get_n_items (model));
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, count);
  }
  cb_ui_save_png (GTK_WIDGET (window), "search-1280x800.png");
  cb_window_search (window, "zzzznotaword");
  g_assert_cmpuint (g_list_model_get_n_items (cb_window_get_list_model (window)), ==, 0);
  cb_window_search (window, NULL);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (cb_window_get_child (window, "list_title"))),
                   !=, "Search");

  /* The observation is listed in its section. */
  cb_window_set_section (window, CB_SECTION_OBSERVATIONS);
  cb_ui_drain ();
  model = cb_window_get_list_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  cb_ui_save_png (GTK_WIDGET (window), "observations-1280x800.png");
  test_filters (window, model, store, &flow);

  /* Narrow: one pane, the editor shown, back goes to the list. */
  leaflet = cb_window_get_child (window, "leaflet");
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  cb_ui_spin (500);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) ==
                 cb_window_get_child (window, "editor_pane"));
  cb_ui_save_png (GTK_WIDGET (window), "observation-360x720.png");
  g_assert_true (adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_BACK));
  cb_ui_spin (400);
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) ==
                 cb_window_get_child (window, "list_pane"));
  cb_ui_save_png (GTK_WIDGET (window), "observations-360x720.png");
  /* A click on the row already open goes back to it. */
  {
    GtkWidget *list = cb_window_get_child (window, "record_list");
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
    gboolean clicked = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !clicked; i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (c) &&
            gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
          {
            g_signal_emit_by_name (c, "pressed", 1, 20.0, 20.0);
            g_signal_emit_by_name (c, "released", 1, 20.0, 20.0);
            clicked = TRUE;
          }
      }
    g_assert_true (clicked);
    cb_ui_spin (400);
    g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) ==
                   cb_window_get_child (window, "editor_pane"));
    g_assert_true (adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_BACK));
    cb_ui_spin (400);
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  cb_ui_spin (500);
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));

  /* Delete goes to the Trash with an Undo. */
  g_assert_true (cb_window_open_record (window, flow.observation));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  cb_ui_drain ();
  deleted = cb_ui_get_record (store, flow.observation);
  g_assert_true (cb_record_get_deleted (deleted));
  g_assert_cmpuint (g_list_model_get_n_items (cb_window_get_list_model (window)), ==, 0);
  cb_window_set_section (window, CB_SECTION_TRASH);
  cb_ui_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_window_get_list_model (window)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", "s", flow.observation));
  cb_ui_drain ();
  g_clear_object (&deleted);
  deleted = cb_ui_get_record (store, flow.observation);
  g_assert_false (cb_record_get_deleted (deleted));
  g_assert_cmpuint (g_list_model_get_n_items (cb_window_get_list_model (window)), ==, 0);

  g_assert_no_error (error);
  flow_clear (&flow);
  cb_ui_stop_app (app);
}

/* The child types lines, counts and starts the talk timer, then dies
 * without closing anything. */
static void
kill_child (void)
{
  g_autofree char *path = cb_ui_test_path ("kill.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbObservationEditor *editor;
  GtkWidget *capture;

  g_assert_true (cb_ui_press (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));
  editor = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  cb_observation_editor_focus_capture (editor);
  capture = cb_ui_focus_of (GTK_WIDGET (window));
  cb_ui_type_and_enter (capture, "first line before the crash");
  g_assert_true (cb_ui_press (capture, GDK_KEY_t, GDK_ALT_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_3, GDK_CONTROL_MASK));
  cb_ui_type_and_enter (capture, "second line before the crash");
  g_file_set_contents (cb_ui_test_path ("kill.uuid"),
                       cb_observation_editor_get_uuid (editor), -1, NULL);
  raise (SIGKILL);
}

static void
test_kill (void)
{
  g_autofree char *path = cb_ui_test_path ("kill.db");
  g_autofree char *uuid_path = cb_ui_test_path ("kill.uuid");
  g_autofree char *uuid = NULL;
  g_autoptr(CbStore) store = NULL;
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) tallies = NULL;
  g_autoptr(GError) error = NULL;
  CbRecord *t;
  CbClock clock;

  if (g_test_subprocess ())
    {
      kill_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  g_assert_true (g_file_get_contents (uuid_path, &uuid, NULL, NULL));
  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  obs = cb_ui_get_record (store, uuid);
  g_assert_true (cb_clock_parse (cb_record_get (obs, "clock"), &clock));
  g_assert_cmpint (clock.state, ==, CB_CLOCK_RUNNING);
  /* The first line started the clock and teacher talk; Alt+T switched
   * to student talk, which was still running when the process died. */
  g_assert_cmpint (clock.talk, ==, CB_TALK_STUDENT);
  evidence = cb_ui_children (store, "evidence", uuid);
  g_assert_cmpuint (evidence->len, ==, 2);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (evidence, 1), "text"), ==, "second line before the crash");
  tallies = cb_ui_children (store, "tally", uuid);
  g_assert_nonnull (find_tally (tallies, CB_TALLY_TEACHER_TALK));
  t = find_tally (tallies, "otr");
  g_assert_nonnull (t);
  g_assert_cmpint (cb_record_get_int (t, "count"), ==, 1);
}

/* The window speaks Spanish with LANGUAGE=es, once po/es.po has the
 * app's strings (compiled into <build>/po by meson). It runs in a child
 * process started with LANGUAGE=es: GLib decides once per process
 * whether g_dgettext() translates. */
static void
spanish_child (void)
{
  g_autofree char *path = cb_ui_test_path ("es.db");
  CbApplication *app;
  CbWindow *window;
  GtkWidget *sidebar;
  GtkWidget *row;
  GtkWidget *label;
  const char *expected = _("Observations");

  g_autofree char *marker = cb_ui_test_path ("es.translated");

  /* No catalog yet: the parent reports a skip (a skip here would be an
   * exit status the parent takes for a failure). */
  if (g_strcmp0 (expected, "Observations") == 0)
    return;

  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  sidebar = cb_window_get_child (window, "sidebar_list");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), CB_SECTION_OBSERVATIONS));
  /* row → box → icon, label, count */
  label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  /* Labels from the kinds table (core) are translated too. */
  g_assert_cmpstr (cb_kind_get_plural (cb_kind_lookup ("observation")), !=, "Observations");
  cb_ui_save_png (GTK_WIDGET (window), "today-es-1280x800.png");
  g_assert_true (g_file_set_contents (marker, "", 0, NULL));
  cb_ui_stop_app (app);
}

/* Runs the current test again in a child process in Spanish, which
 * must pass: GLib decides once per process whether g_dgettext()
 * translates. */
static void
run_in_spanish (guint seconds)
{
  g_setenv ("CB_TEST_LANGUAGE", "es", TRUE);
  g_test_trap_subprocess (NULL, seconds * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("CB_TEST_LANGUAGE");
  g_test_trap_assert_passed ();
}

static void
test_spanish (void)
{
  g_autofree char *marker = cb_ui_test_path ("es.translated");

  if (g_test_subprocess ())
    {
      spanish_child ();
      return;
    }
  run_in_spanish (120);
  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    g_test_skip ("The Spanish catalog does not translate the window yet");
}

static gboolean
is_style_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Style") == 0;
}

/* Light, dark or the system's: chosen in Preferences, kept in the
 * settings and applied at once, and again at the next start. */
static void
test_style_preference (void)
{
  g_autofree char *path = cb_ui_test_path ("style.db");
  AdwStyleManager *style = adw_style_manager_get_default ();
  CbApplication *app;
  CbPreferencesWindow *prefs;
  GSettings *settings;
  GtkWidget *row;

  app = cb_ui_start_app (path);
  settings = cb_application_get_settings (app);
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "default");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  prefs = cb_preferences_window_new (settings, cb_application_get_store (app));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (cb_ui_app_window (app)));
  gtk_window_present (GTK_WINDOW (prefs));
  cb_ui_spin (200);
  row = cb_ui_find_widget (GTK_WIDGET (prefs), is_style_row, NULL);
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  cb_ui_drain ();
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  cb_ui_drain ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style));
  gtk_window_destroy (GTK_WINDOW (prefs));
  cb_ui_stop_app (app);

  /* the next start applies the kept choice before any window shows */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  {
    g_autoptr(GSettings) kept = g_settings_new (APPLICATION_ID);

    g_settings_set_string (kept, "color-scheme", "dark");
  }
  app = cb_ui_start_app (path);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  prefs = cb_preferences_window_new (cb_application_get_settings (app), cb_application_get_store (app));
  row = cb_ui_find_widget (GTK_WIDGET (prefs), is_style_row, NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (cb_application_get_settings (app), "color-scheme");
  cb_ui_drain ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  cb_ui_stop_app (app);
}

static void
test_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/coachbook/Coachbook/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Every shortcut the app binds is in the shortcuts window. */

typedef struct
{
  guint           keyval;
  GdkModifierType mods;
} Key;

static guint
key_hash (gconstpointer p)
{
  const Key *k = p;
  return k->keyval * 31 + k->mods;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *x = a, *y = b;
  return x->keyval == y->keyval && x->mods == y->mods;
}

static Key *
key_new (guint           keyval,
         GdkModifierType mods)
{
  Key *k = g_new0 (Key, 1);

  /* The keypad's digits do what the row of digits does. */
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    keyval = GDK_KEY_0 + (keyval - GDK_KEY_KP_0);
  k->keyval = gdk_keyval_to_lower (keyval);
  k->mods = mods & gtk_accelerator_get_default_mod_mask ();
  return k;
}

static void
add_listed (GHashTable *listed,
            const char *accel)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  g_hash_table_add (listed, key_new (keyval, mods));
}

/* "<Alt>1...<Alt>9" and "a b" as GtkShortcutsShortcut writes them. */
static void
add_listed_accelerator (GHashTable *listed,
                        const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *dots = strstr (parts[i], "...");

      if (*parts[i] == '\0')
        continue;
      if (dots != NULL)
        {
          g_autofree char *first = g_strndup (parts[i], dots - parts[i]);
          const char *last = dots + 3;
          guint k1, k2;
          GdkModifierType m1, m2;

          g_assert_true (gtk_accelerator_parse (first, &k1, &m1));
          g_assert_true (gtk_accelerator_parse (last, &k2, &m2));
          g_assert_cmpuint (m1, ==, m2);
          for (guint k = k1; k <= k2; k++)
            g_hash_table_add (listed, key_new (k, m1));
        }
      else
        add_listed (listed, parts[i]);
    }
}

static GHashTable *
listed_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/coachbook/Coachbook/gtk/help-overlay.ui");
  GHashTable *listed = g_hash_table_new_full (key_hash, key_equal, g_free, NULL);
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accel = NULL;

        g_object_get (l->data, "accelerator", &accel, NULL);
        if (accel != NULL)
          add_listed_accelerator (listed, accel);
      }
  gtk_window_destroy (GTK_WINDOW (overlay));
  return listed;
}

/* keys: Key → what the shortcut does, as text */
static void
add_triggers (GHashTable         *keys,
              GtkShortcutTrigger *trigger,
              GtkShortcutAction  *action)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_triggers (keys, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), action);
      add_triggers (keys, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), action);
    }
  else if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_hash_table_insert (keys, key_new (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))),
                         gtk_shortcut_action_to_string (action));
}

static void
add_widget_triggers (GHashTable *keys,
                     GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);

          /* The app binds actions (and signals); GTK's own keys on a
           * window (an Escape installed at run time) are callbacks. */
          if (GTK_IS_CALLBACK_ACTION (gtk_shortcut_get_action (sc)))
            continue;
          add_triggers (keys, gtk_shortcut_get_trigger (sc), gtk_shortcut_get_action (sc));
        }
    }
}

/* The keys a plain widget of @type binds (GtkWindow's Tab and F10,
 * GtkPopover's arrows): not the app's to list. */
static GHashTable *
inherited_keys (GType           type,
                GtkApplication *app)
{
  GHashTable *keys = g_hash_table_new_full (key_hash, key_equal, g_free, g_free);
  GtkWidget *plain;

  if (G_TYPE_IS_ABSTRACT (type))
    return keys;
  /* A window of the application gets its accelerators too. */
  if (g_type_is_a (type, GTK_TYPE_APPLICATION_WINDOW))
    plain = g_object_ref_sink (g_object_new (type, "application", app, NULL));
  else
    plain = g_object_ref_sink (g_object_new (type, NULL));
  add_widget_triggers (keys, plain);
  if (GTK_IS_WINDOW (plain))
    gtk_window_destroy (GTK_WINDOW (plain));
  g_object_unref (plain);
  return keys;
}

/* The shortcuts of the app's own widgets (class bindings and
 * controllers on Cb* widgets), not GTK's text and list keys. */
static void
check_widget_shortcuts (GtkWidget  *widget,
                        GHashTable *listed,
                        GString    *missing)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Cb"))
    {
      g_autoptr(GHashTable) own = g_hash_table_new_full (key_hash, key_equal, g_free, g_free);
      g_autoptr(GHashTable) inherited = NULL;
      GHashTableIter iter;
      gpointer k, what;

      inherited = inherited_keys (g_type_parent (G_OBJECT_TYPE (widget)),
                                  GTK_APPLICATION (g_application_get_default ()));
      add_widget_triggers (own, widget);
      g_hash_table_iter_init (&iter, own);
      while (g_hash_table_iter_next (&iter, &k, &what))
        {
          const Key *key = k;

          if (!g_hash_table_contains (inherited, key) && !g_hash_table_contains (listed, key))
            {
              g_autofree char *name = gtk_accelerator_name (key->keyval, key->mods);
              g_string_append_printf (missing, " %s (%s %s)", name, G_OBJECT_TYPE_NAME (widget),
                                      (const char *) what);
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget_shortcuts (child, listed, missing);
}

static void
test_shortcuts_complete (void)
{
  g_autofree char *path = cb_ui_test_path ("shortcuts.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  g_autoptr(GHashTable) listed = listed_shortcuts ();
  g_autoptr(GString) missing = g_string_new (NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  /* Application accelerators. */
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType mods;
          g_autofree Key *k = NULL;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &mods));
          k = key_new (keyval, mods);
          if (!g_hash_table_contains (listed, k))
            g_string_append_printf (missing, " %s (%s)", accels[j], actions[i]);
        }
    }

  /* Bindings of the window and every view in it. */
  check_widget_shortcuts (GTK_WIDGET (window), listed, missing);
  if (missing->len > 0)
    g_test_message ("not in the shortcuts window:%s", missing->str);
  g_assert_cmpstr (missing->str, ==, "");
  cb_ui_stop_app (app);
}

/* Every icon-only button in the .ui files has an accessible label. */

typedef struct
{
  GPtrArray *stack;     /* element names */
  int        button;    /* depth of the button object, or -1 */
  gboolean   icon, label, child, a11y;
  char      *id;
  GString   *missing;
  const char *file;
} UiScan;

static void
ui_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              data,
          GError              **error)
{
  UiScan *scan = data;
  int depth = scan->stack->len;
  const char *klass = NULL, *name = NULL, *id = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "class"))
        klass = values[i];
      else if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "id"))
        id = values[i];
    }
  g_ptr_array_add (scan->stack, g_strdup (element));

  if (g_str_equal (element, "object") && scan->button < 0 &&
      (g_strcmp0 (klass, "GtkButton") == 0 || g_strcmp0 (klass, "GtkMenuButton") == 0 ||
       g_strcmp0 (klass, "GtkToggleButton") == 0))
    {
      scan->button = depth;
      scan->icon = scan->label = scan->child = scan->a11y = FALSE;
      g_free (scan->id);
      scan->id = g_strdup (id ? id : "(no id)");
      return;
    }
  if (scan->button < 0)
    return;
  if (depth == scan->button + 1 && g_str_equal (element, "property"))
    {
      scan->icon |= g_strcmp0 (name, "icon-name") == 0;
      scan->label |= g_strcmp0 (name, "label") == 0;
    }
  if (depth == scan->button + 1 && g_str_equal (element, "child"))
    scan->child = TRUE;
  if (depth == scan->button + 2 && g_str_equal (g_ptr_array_index (scan->stack, depth - 1), "accessibility") &&
      ((g_str_equal (element, "property") && g_strcmp0 (name, "label") == 0) ||
       (g_str_equal (element, "relation") && g_strcmp0 (name, "labelled-by") == 0)))
    scan->a11y = TRUE;
}

static void
ui_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              data,
        GError              **error)
{
  UiScan *scan = data;

  g_ptr_array_set_size (scan->stack, scan->stack->len - 1);
  if ((int) scan->stack->len == scan->button)
    {
      if (scan->icon && !scan->label && !scan->child && !scan->a11y)
        g_string_append_printf (scan->missing, " %s:%s", scan->file, scan->id);
      scan->button = -1;
    }
}

/* Scans every .ui under @dir, its feature folders included. */
static guint
scan_ui_folder (const char *dir,
                GString    *missing)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      static const GMarkupParser parser = { ui_start, ui_end, NULL, NULL, NULL };
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;
      UiScan scan = { 0 };
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += scan_ui_folder (path, missing);
          continue;
        }
      if (!g_str_has_suffix (name, ".ui"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      scan.stack = g_ptr_array_new_with_free_func (g_free);
      scan.button = -1;
      scan.missing = missing;
      scan.file = name;
      context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
      g_markup_parse_context_parse (context, text, len, &error);
      g_assert_no_error (error);
      g_ptr_array_unref (scan.stack);
      g_free (scan.id);
      n_files++;
    }
  return n_files;
}

static void
test_accessible_labels (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *dir = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_files;

  if (srcdir == NULL)
    {
      g_test_skip ("G_TEST_SRCDIR is not set");
      return;
    }
  dir = g_build_filename (srcdir, "..", "ui", NULL);
  n_files = scan_ui_folder (dir, missing);
  /* Every .ui in the tree, not only the top folder's. */
  g_assert_cmpuint (n_files, >=, 19);
  if (missing->len > 0)
    g_test_message ("icon-only buttons without an accessible label:%s", missing->str);
  g_assert_cmpstr (missing->str, ==, "");
}

/* Tab or Shift+Tab reaches every control on screen; a list (view or
 * box) is one stop whose rows the arrow keys walk. */

static gboolean
inside_list_view (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW) != NULL ||
         gtk_widget_get_ancestor (widget, GTK_TYPE_GRID_VIEW) != NULL ||
         gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW) != NULL;
}

static gboolean
is_control (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) ||
      !gtk_widget_get_focusable (widget) || !gtk_widget_get_can_focus (widget) ||
      gtk_widget_get_width (widget) <= 0)
    return FALSE;
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_TEXT (widget) ||
         (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))) ||
         (GTK_IS_TEXT_VIEW (widget) && gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)));
}

static void
collect_controls (GtkWidget *widget,
                  GPtrArray *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (is_control (widget) && !inside_list_view (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, out);
}

static char *
describe_widget (GtkWidget *widget)
{
  const char *tip = gtk_widget_get_tooltip_text (widget);
  const char *label = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;
  g_autoptr(GString) path = g_string_new (NULL);

  /* Up to the nearest of the app's own widgets: where it is. */
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_string_append_printf (path, " < %s", G_OBJECT_TYPE_NAME (w));
      if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Cb"))
        break;
    }
  return g_strdup_printf ("%s[%s]%s", G_OBJECT_TYPE_NAME (widget),
                          tip ? tip : label ? label : "", path->str);
}

/* Walks the focus chain once round with Tab (or Shift+Tab). */
static void
walk_focus_chain (GtkWindow        *window,
                  GtkDirectionType  direction,
                  GHashTable       *seen)
{
  GtkWidget *first = NULL;

  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 3000; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), direction))
        continue;   /* left the end: the next step starts over */
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      if (g_getenv ("CB_TEST_FOCUS_DEBUG"))
        {
          g_autofree char *what = describe_widget (focus);
          g_test_message ("focus %u: mapped %d %s", i, gtk_widget_get_mapped (focus), what);
        }
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        g_hash_table_add (seen, w);
    }
}

static void
check_tab_reaches_all (GtkWindow  *window,
                       const char *view)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GString) missing = g_string_new (NULL);

  walk_focus_chain (window, GTK_DIR_TAB_FORWARD, seen);
  walk_focus_chain (window, GTK_DIR_TAB_BACKWARD, seen);

  collect_controls (GTK_WIDGET (window), controls);
  g_assert_cmpuint (controls->len, >, 0);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (controls, i);

      /* A list's rows are one stop: the arrow keys move between them. */
      if (GTK_IS_LIST_BOX_ROW (w) && g_hash_table_contains (seen, gtk_widget_get_parent (w)))
        continue;
      if (!g_hash_table_contains (seen, w))
        {
          g_autofree char *what = describe_widget (w);
          g_string_append_printf (missing, "\n  %s", what);
        }
    }
  g_test_message ("%s: %u controls on screen, %u widgets on the Tab path",
                  view, controls->len, g_hash_table_size (seen));
  if (missing->len > 0)
    g_test_message ("%s: not reached by Tab:%s", view, missing->str);
  g_assert_cmpstr (missing->str, ==, "");
}

/* Opens the first record of @kind in @section, then as above. */
static void
check_tab_reaches_record (CbWindow   *window,
                          CbSection   section,
                          const char *kind,
                          const char *view)
{
  CbStore *store = cb_application_get_store (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  const char *uuid = first_uuid (store, kind);

  g_assert_nonnull (uuid);
  cb_window_set_section (window, section);
  g_assert_true (cb_window_open_record (window, uuid));
  cb_ui_drain ();
  check_tab_reaches_all (GTK_WINDOW (window), view);
}

static void
test_keyboard_reach (void)
{
  g_autofree char *path = cb_ui_test_path ("keyboard.db");
  CbApplication *app;
  CbWindow *window;
  CbStore *store;

  cb_ui_generate_db (path, 300, 3);
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  cb_ui_spin (300);

  cb_window_set_section (window, CB_SECTION_TODAY);
  cb_ui_drain ();
  check_tab_reaches_all (GTK_WINDOW (window), "Today");

  check_tab_reaches_record (window, CB_SECTION_OBSERVATIONS, "observation", "Observation capture");
  check_tab_reaches_record (window, CB_SECTION_PEOPLE, "person", "Person");
  check_tab_reaches_record (window, CB_SECTION_LOOK_FORS, "look_for", "Look-for");

  {
    CbPreferencesWindow *prefs = cb_preferences_window_new (cb_application_get_settings (app), store);

    gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
    gtk_window_present (GTK_WINDOW (prefs));
    cb_ui_spin (300);
    check_tab_reaches_all (GTK_WINDOW (prefs), "Preferences");
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
  cb_ui_stop_app (app);
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  return cb_ui_find_widget (root, has_tooltip, tooltip);
}

static const char *
list_uuid (CbWindow *window,
           guint     position)
{
  static char buf[64];
  g_autoptr(CbRecord) record = g_list_model_get_item (cb_window_get_list_model (window), position);

  g_assert_nonnull (record);
  g_strlcpy (buf, cb_record_get_uuid (record), sizeof buf);
  return buf;
}

/* Look-fors: browse the catalogs, reorder by keyboard, a favourite on
 * top, a custom one at the end, and the focus chooser in that order. */
static void
test_look_fors (void)
{
  g_autofree char *path = cb_ui_test_path ("look-fors.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  CbRecordEditor *editor = CB_RECORD_EDITOR (cb_window_get_child (window, "record_editor"));
  GtkWidget *tools = cb_window_get_child (window, "look_for_tools");
  GtkWidget *star = cb_window_get_child (window, "favourite_button");
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *observation = NULL;
  g_autoptr(CbRecord) record = NULL;
  GtkWidget *obs_editor, *add, *focus, *entry, *list;
  GListModel *model;
  guint n;
  const char *names[] = { "date" };
  const char *values[] = { "2024-10-01" };

  cb_window_set_section (window, CB_SECTION_LOOK_FORS);
  cb_ui_drain ();
  model = cb_window_get_list_model (window);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 30);
  second = g_strdup (list_uuid (window, 1));
  third = g_strdup (list_uuid (window, 2));

  /* Alt+Up moves the open look-for above the one before it. */
  g_assert_true (cb_window_open_record (window, third));
  cb_ui_drain ();
  g_assert_true (gtk_widget_get_visible (tools));
  g_assert_true (cb_ui_press (GTK_WIDGET (window), GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpstr (list_uuid (window, 1), ==, third);
  g_assert_cmpstr (list_uuid (window, 2), ==, second);
  g_assert_cmpstr (cb_window_get_current_uuid (window), ==, third);
  record = cb_ui_get_record (store, third);
  g_assert_cmpint (cb_record_get_int (record, "position"), ==, 2);
  g_clear_object (&record);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cb_record_editor_get_field_widget (editor, "position"))), ==, "2");
  g_assert_true (cb_ui_press (GTK_WIDGET (window), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (list_uuid (window, 2), ==, third);
  g_assert_true (cb_ui_press (GTK_WIDGET (window), GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpstr (list_uuid (window, 1), ==, third);

  /* A favourite goes to the top; the star says so. */
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "non-starred-symbolic");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-favourite", NULL));
  cb_ui_drain ();
  g_assert_cmpstr (list_uuid (window, 0), ==, third);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "starred-symbolic");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cb_record_editor_get_field_widget (editor, "favourite"))));
  record = cb_ui_get_record (store, third);
  g_assert_true (cb_record_get_bool (record, "favourite"));
  g_clear_object (&record);
  /* Alone among the favourites, it stays put: Alt+Down does nothing. */
  g_assert_false (cb_ui_press (GTK_WIDGET (window), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (list_uuid (window, 0), ==, third);
  cb_ui_save_png (GTK_WIDGET (window), "look-fors-favourite-1280x800.png");

  /* Ctrl+N: the coach's own look-for, last in the list. */
  g_assert_true (cb_ui_press (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));
  custom = g_strdup (cb_window_get_current_uuid (window));
  g_assert_nonnull (custom);
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (editor, "name")),
                         "Students revoice a peer's strategy");
  cb_ui_spin (900);
  record = cb_ui_get_record (store, custom);
  g_assert_cmpstr (cb_record_get_kind (record), ==, "look_for");
  g_assert_cmpstr (cb_record_get (record, "name"), ==, "Students revoice a peer's strategy");
  g_assert_cmpint (cb_record_get_int (record, "position"), ==, 1);
  g_clear_object (&record);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpstr (list_uuid (window, n), ==, custom);

  /* The focus chooser of an observation offers them in that order,
   * the favourite first; the focus set keeps the order chosen. */
  observation = cb_store_create (store, "observation", names, values, 1, NULL);
  g_assert_true (cb_window_open_record (window, observation));
  cb_ui_drain ();
  obs_editor = cb_window_get_child (window, "observation_editor");
  add = find_by_tooltip (obs_editor, "Add a Focus Look-for");
  g_assert_true (GTK_IS_MENU_BUTTON (add));
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  cb_ui_drain ();
  focus = cb_ui_focus_of (GTK_WIDGET (window));
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  list = gtk_widget_get_first_child (gtk_widget_get_first_child (gtk_widget_get_next_sibling (entry)));
  if (!GTK_IS_LIST_BOX (list))
    list = gtk_widget_get_first_child (gtk_widget_get_next_sibling (entry));
  g_assert_true (GTK_IS_LIST_BOX (list));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0)), "uuid"), ==, third);
  g_signal_emit_by_name (entry, "activate");
  cb_ui_drain ();
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  cb_ui_drain ();
  cb_ui_choose_in_popup (window, "revoice");
  cb_observation_editor_flush (CB_OBSERVATION_EDITOR (obs_editor));
  record = cb_ui_get_record (store, observation);
  {
    g_autofree char *expected = g_strjoin (" ", third, custom, NULL);
    g_assert_cmpstr (cb_record_get (record, "focus"), ==, expected);
  }
  cb_ui_stop_app (app);
}

static void
test_generated_data (void)
{
  g_autofree char *path = cb_ui_test_path ("flow.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  GListModel *model;
  GtkWidget *list;

  /* Lists page lazily: showing the section reads the pages around the
   * top, not all of them. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *lesson = g_strdup_printf ("Lesson %u on ratios", i);
      const char *names[] = { "lesson", "date" };
      const char *values[] = { lesson, "2024-09-30" };
      g_autofree char *uuid = cb_store_create (store, "observation", names, values, 2, NULL);
      g_assert_nonnull (uuid);
    }
  cb_window_set_section (window, CB_SECTION_OBSERVATIONS);
  cb_ui_drain ();
  model = cb_window_get_list_model (window);
  g_assert_true (CB_IS_RECORD_LIST_MODEL (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1000);
  g_test_message ("pages fetched %u cached %u", cb_record_list_model_get_n_fetched (CB_RECORD_LIST_MODEL (model)), cb_record_list_model_get_n_cached_pages (CB_RECORD_LIST_MODEL (model)));
  /* GtkListView 4.8 keeps up to 200 rows around what is visible. */
  g_assert_cmpuint (cb_record_list_model_get_n_fetched (CB_RECORD_LIST_MODEL (model)), <=, 3);
  list = cb_window_get_child (window, "record_list");
  g_assert_true (gtk_widget_get_mapped (list));
  cb_ui_save_png (GTK_WIDGET (window), "observations-many-1280x800.png");

  cb_window_set_section (window, CB_SECTION_LOOK_FORS);
  cb_ui_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_window_get_list_model (window)), >, 0);
  cb_ui_save_png (GTK_WIDGET (window), "look-fors-1280x800.png");
  cb_window_set_section (window, CB_SECTION_TODAY);
  cb_ui_drain ();
  cb_ui_save_png (GTK_WIDGET (window), "today-1280x800.png");
  cb_ui_stop_app (app);
}

/* Every main view: the narrow-width test shows each in a window 360
 * pixels wide, and with CB_SCREENSHOT_DIR set, the screenshot test
 * shoots each at 1280×800 and 360×720, light and dark. */

typedef struct
{
  const char *name;      /* the PNG's name starts with it */
  CbSection   section;
  const char *open;      /* the first record of this kind is opened;
                            "trash" and "conflict" name the first one
                            listed in those sections */
  const char *page;      /* "capture" or "debrief" for an observation,
                            else a win.show-view target */
  gboolean    schools;   /* People & schools, on its Schools side */
  const char *search;    /* words searched for */
  gboolean    list;      /* narrow: the list pane is shot too */
} View;

static const View views[] = {
  { "today",          CB_SECTION_TODAY,         NULL,           NULL,          FALSE, NULL,       FALSE },
  { "capture",        CB_SECTION_OBSERVATIONS,  "observation",  "capture",     FALSE, NULL,       TRUE },
  { "debrief",        CB_SECTION_OBSERVATIONS,  "observation",  "debrief",     FALSE, NULL,       FALSE },
  { "coplan",         CB_SECTION_COPLANS,       "coplan",       NULL,          FALSE, NULL,       TRUE },
  { "coaching-log",   CB_SECTION_LOGS,          "coaching_log", NULL,          FALSE, NULL,       TRUE },
  { "coaching-totals",CB_SECTION_LOGS,          NULL,           "log-totals",  FALSE, NULL,       FALSE },
  { "pd-session",     CB_SECTION_PD,            "pd_session",   NULL,          FALSE, NULL,       TRUE },
  { "pd-calendar",    CB_SECTION_PD,            NULL,           "pd-calendar", FALSE, NULL,       FALSE },
  { "engagement",     CB_SECTION_ENGAGEMENTS,   "engagement",   NULL,          FALSE, NULL,       TRUE },
  { "people",         CB_SECTION_PEOPLE,        "person",       NULL,          FALSE, NULL,       TRUE },
  { "schools",        CB_SECTION_PEOPLE,        "school",       NULL,          TRUE,  NULL,       TRUE },
  { "look-fors",      CB_SECTION_LOOK_FORS,     "look_for",     NULL,          FALSE, NULL,       TRUE },
  { "action-items",   CB_SECTION_ACTIONS,       "action_item",  NULL,          FALSE, NULL,       TRUE },
  { "conflicts",      CB_SECTION_CONFLICTS,     "conflict",     NULL,          FALSE, NULL,       TRUE },
  { "trash",          CB_SECTION_TRASH,         "trash",        NULL,          FALSE, NULL,       TRUE },
  { "search",         CB_SECTION_OBSERVATIONS,  NULL,           NULL,          FALSE, "fraction", FALSE },
  /* sections of their own rows: the record opens its section */
  { "rounds",         CB_SECTION_TODAY,         "rounds_visit", NULL,          FALSE, NULL,       FALSE },
  { "meeting",        CB_SECTION_TODAY,         "meeting",      NULL,          FALSE, NULL,       FALSE },
};

/* A rounds visit (schedule, notes by two observers, a pattern card)
 * and a team's two meetings with action items, for the shots of their
 * editors: a small generated database has none yet. */
static void
add_rounds_and_meetings (CbStore *store)
{
  g_autofree char *school = g_strdup (first_uuid (store, "school"));
  g_autofree char *look_for = g_strdup (first_uuid (store, "look_for"));
  g_autofree char *person = g_strdup (first_uuid (store, "person"));
  g_autofree char *visit = cb_test_create (store, "rounds_visit", "title", "Spring rounds", "school", school,
                                           "date", "2026-03-12", "look_fors", look_for,
                                           "problem", "Students rarely explain why a strategy works.", NULL);
  g_autofree char *card = cb_test_create (store, "rounds_pattern", "visit", visit, "position", "1",
                                          "title", "Students compare strategies", NULL);
  g_autofree char *meeting = cb_test_create (store, "meeting", "title", "Implementation team", "team",
                                             "Lincoln implementation team", "date", "2026-02-10",
                                             "attendees", person, "school", school, NULL);
  g_autofree char *next = cb_test_create (store, "meeting", "title", "Implementation team", "team",
                                          "Lincoln implementation team", "date", "2026-03-10",
                                          "attendees", person, "previous", meeting, NULL);
  static const char * const notes[] = {
    "Room 101", "Two students compare strategies aloud", "Ana Ruiz",
    "Room 101", "Teacher asks: why does that work?", "Ana Ruiz",
    "Room 102", "Students sort fractions on a number line", "Ben Okafor",
    "Room 102", "A pair explains its order to the class", "Ben Okafor",
  };

  g_free (cb_test_create (store, "rounds_slot", "visit", visit, "position", "1", "classroom", "Room 101",
                          "grade", "4", "start", "9:00", "end", "9:20", NULL));
  g_free (cb_test_create (store, "rounds_slot", "visit", visit, "position", "2", "classroom", "Room 102",
                          "grade", "5", "start", "9:20", "end", "9:40", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (notes); i += 3)
    {
      g_autofree char *at = g_strdup_printf ("%u", 9 * 3600 + i * 100);

      g_free (cb_test_create (store, "rounds_note", "visit", visit, "at", at, "classroom", notes[i],
                              "text", notes[i + 1], "observer_name", notes[i + 2], "look_for", i < 6 ? look_for : "",
                              "pattern", i == 0 || i == 9 ? card : "", NULL));
    }
  g_free (cb_test_create (store, "action_item", "text", "Share the walkthrough data with grade leads",
                          "owner", person, "due", "2026-02-24", "status", "done", "source", meeting, NULL));
  g_free (cb_test_create (store, "action_item", "text", "Schedule the spring rounds visit",
                          "owner", person, "due", "2026-03-01", "status", "open", "source", meeting, NULL));
  g_free (cb_test_create (store, "action_item", "text", "Bring two samples of student work per grade",
                          "owner", person, "status", "open", "source", next, NULL));
}

/* A generated database, and a school renamed on two laptops at once,
 * so that Conflicts has something to show. */
static char *
make_views_db (const char *name)
{
  g_autofree char *base = g_strdup_printf ("%s.db", name);
  g_autofree char *other_base = g_strdup_printf ("%s-colleague.db", name);
  g_autofree char *file_base = g_strdup_printf ("%s.coachbook.xml", name);
  g_autofree char *other_path = cb_ui_test_path (other_base);
  g_autofree char *file = cb_ui_test_path (file_base);
  char *path = cb_ui_test_path (base);
  g_autoptr(CbStore) store = NULL;
  g_autoptr(CbStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *school = NULL;

  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  if (first_uuid (store, "observation") != NULL)
    return path;   /* made by an earlier test */
  g_assert_true (cb_generate (store, 2000, 1, &error));
  g_assert_no_error (error);
  add_rounds_and_meetings (store);
  other = cb_test_open_store (other_path, "Ben Okafor");
  cb_test_exchange (store, other, file);
  school = g_strdup (first_uuid (store, "school"));
  g_assert_true (cb_store_set (store, school, "name", "Lincoln Elementary School", &error));
  g_usleep (5000);
  g_assert_true (cb_store_set (other, school, "name", "Lincoln ES", &error));
  g_assert_no_error (error);
  cb_test_exchange (other, store, file);
  return path;
}

static void
set_observation_page (CbWindow   *window,
                      const char *page)
{
  GtkWidget *editor = cb_window_get_child (window, "observation_editor");
  g_autofree char *name = g_strdup_printf ("%s_toggle", page);
  GObject *toggle = gtk_widget_get_template_child (editor, CB_TYPE_OBSERVATION_EDITOR, name);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  cb_ui_drain ();
}

/* Shows @view as a coach would reach it. Returns whether it opened
 * something in the editor pane. */
static gboolean
show_view (CbWindow   *window,
           const View *view)
{
  CbStore *store = cb_application_get_store (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  const char *uuid = NULL;

  cb_window_search (window, NULL);
  cb_window_set_section (window, view->section);
  cb_ui_drain ();
  if (view->schools)
    {
      GObject *toggle = gtk_widget_get_template_child (GTK_WIDGET (window), CB_TYPE_WINDOW, "schools_toggle");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      cb_ui_drain ();
    }
  if (view->search != NULL)
    {
      cb_window_search (window, view->search);
      cb_ui_drain ();
    }
  if (g_strcmp0 (view->open, "conflict") == 0)
    uuid = cb_conflict_list_get_uuid (CB_CONFLICT_LIST (cb_window_get_child (window, "conflict_list")), 0);
  else if (view->open != NULL)
    uuid = first_uuid (store, view->open);
  if (view->open != NULL)
    {
      g_assert_nonnull (uuid);
      g_assert_true (cb_window_open_record (window, uuid));
      cb_ui_drain ();
      if (view->page != NULL)
        set_observation_page (window, view->page);
      return TRUE;
    }
  if (view->page != NULL)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view->page));
      cb_ui_drain ();
      return TRUE;
    }
  adw_leaflet_set_visible_child (ADW_LEAFLET (cb_window_get_child (window, "leaflet")),
                                 cb_window_get_child (window, "list_pane"));
  cb_ui_drain ();
  return FALSE;
}

/* Says which widgets are wider than @limit at their narrowest: the
 * deepest ones are the culprits. */
static gboolean
report_too_wide (GtkWidget *widget,
                 int        limit,
                 int        depth)
{
  gboolean deeper = FALSE;
  int min;

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= limit)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    deeper |= report_too_wide (child, limit, depth + 1);
  g_test_message ("%*s%s %s needs %d px", depth, "", G_OBJECT_TYPE_NAME (widget),
                  GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "", min);
  return TRUE;
}

static int
min_width (GtkWidget *widget)
{
  int min;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* The narrowest the window's content can be, in the view shown; the
 * folded leaflet measures all three panes, so the list and the sidebar
 * count too. */
static void
assert_fits (GtkWidget  *widget,
             const char *what,
             int         limit)
{
  int min = min_width (widget);

  if (min > limit)
    {
      report_too_wide (widget, limit, 0);
      g_test_message ("%s needs %d px, more than %d", what, min, limit);
    }
  g_assert_cmpint (min, <=, limit);
}

/* Labels that neither ellipsize nor wrap must get the width they ask
 * for: otherwise GTK cuts their text mid-word with no "…". */
static void
collect_clipped (GtkWidget *widget,
                 GString   *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_clipped (c, out);
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
      gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE &&
      !gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      int nat = 0;

      /* the text's own width, without the label's padding */
      pango_layout_get_pixel_size (gtk_label_get_layout (GTK_LABEL (widget)), &nat, NULL);
      if (nat > gtk_widget_get_width (widget) + 1)
        g_string_append_printf (out, " “%s” (%d of %d px)", gtk_label_get_text (GTK_LABEL (widget)),
                                gtk_widget_get_width (widget), nat);
    }
}

static void
assert_no_clipped_labels (GtkWidget  *widget,
                          const char *what)
{
  g_autoptr(GString) clipped = g_string_new (NULL);

  collect_clipped (widget, clipped);
  if (clipped->len > 0)
    g_test_message ("%s cuts labels:%s", what, clipped->str);
  g_assert_cmpstr (clipped->str, ==, "");
}

static void
check_narrow_views (void)
{
  g_autofree char *path = make_views_db ("views");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *filter_box = cb_window_get_child (window, "filter_box");
  GtkWidget *leaflet = cb_window_get_child (window, "leaflet");

  /* Wide, every section's name is whole in the sidebar (a second line
   * rather than "Registro de aco…") and no view cuts a label. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  cb_ui_spin (300);
  {
    GtkWidget *sidebar = cb_window_get_child (window, "sidebar_list");

    for (guint i = 0; i < cb_section_count (); i++)
      {
        GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), i));
        GtkWidget *label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (
                               gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));

        g_test_message ("sidebar: %s", gtk_label_get_text (GTK_LABEL (label)));
        g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      show_view (window, &views[i]);
      assert_no_clipped_labels (content, views[i].name);
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  cb_ui_spin (300);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      show_view (window, &views[i]);
      g_test_message ("view %s", views[i].name);
      assert_fits (content, views[i].name, 360);
      assert_no_clipped_labels (content, views[i].name);
      /* The filter popover is a window of its own, as wide as it needs. */
      assert_fits (filter_box, "the filter popover", 360);
      /* It stays 360 wide: nothing pushed it wider before. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
      /* Folded, a look-for's star and Move Up/Down are in one menu. */
      if (g_str_equal (views[i].name, "look-fors"))
        {
          GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (window), CB_TYPE_WINDOW, "look_for_menu");

          g_assert_false (gtk_widget_get_visible (cb_window_get_child (window, "favourite_button")));
          g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (menu)), ==, 3);
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-favourite", NULL));
          cb_ui_drain ();
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-favourite", NULL));
          cb_ui_drain ();
        }
    }

  /* More lessons: the newest ones, and co-planned ones (their debrief
   * has a monitoring chart). Each takes most of a second. */
  cb_window_set_section (window, CB_SECTION_OBSERVATIONS);
  cb_ui_drain ();
  {
    CbFilter filter = { 0 };
    g_autoptr(GPtrArray) records = NULL;
    g_autoptr(GPtrArray) plans = NULL;
    g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

    filter.kind = "observation";
    records = cb_store_list (store, &filter, 4, NULL);
    for (guint i = 0; records != NULL && i < records->len; i++)
      g_ptr_array_add (uuids, g_strdup (cb_record_get_uuid (g_ptr_array_index (records, i))));
    filter.kind = "coplan";
    plans = cb_store_list (store, &filter, 40, NULL);
    for (guint i = 0; plans != NULL && i < plans->len && uuids->len < 8; i++)
      {
        const char *observed = cb_record_get (g_ptr_array_index (plans, i), "observation");
        if (observed != NULL && *observed != '\0' &&
            !g_ptr_array_find_with_equal_func (uuids, observed, g_str_equal, NULL))
          g_ptr_array_add (uuids, g_strdup (observed));
      }
    g_assert_cmpuint (uuids->len, ==, 8);
    for (guint i = 0; i < uuids->len; i++)
      {
        g_assert_true (cb_window_open_record (window, g_ptr_array_index (uuids, i)));
        cb_ui_drain ();
        set_observation_page (window, "debrief");
        assert_fits (content, "a debrief", 360);
        set_observation_page (window, "capture");
        assert_fits (content, "a capture page", 360);
      }
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);

  {
    CbPreferencesWindow *prefs = cb_preferences_window_new (cb_application_get_settings (app), store);

    gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
    gtk_window_set_default_size (GTK_WINDOW (prefs), 360, 720);
    gtk_window_present (GTK_WINDOW (prefs));
    cb_ui_spin (300);
    assert_fits (adw_window_get_content (ADW_WINDOW (prefs)), "Preferences", 360);
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
  cb_ui_stop_app (app);
}

/* The action items follow the window's filter too: an owner, due dates. */
static void
test_action_items_filtered (void)
{
  g_autofree char *path = make_views_db ("views");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  CbActionList *list = CB_ACTION_LIST (cb_window_get_child (window, "action_list"));
  GtkWidget *button = cb_window_get_child (window, "filter_button");
  GListModel *model = cb_action_list_get_model (list);
  g_autoptr(CbRecord) first = NULL;
  g_autoptr(CbRecord) owner = NULL;
  guint all, mine;

  cb_window_set_section (window, CB_SECTION_ACTIONS);
  cb_ui_drain ();
  all = cb_action_list_count (list, CB_ACTION_FILTER_OPEN) + cb_action_list_count (list, CB_ACTION_FILTER_DONE);
  g_assert_cmpuint (all, >, 10);
  first = g_list_model_get_item (model, 0);
  g_assert_nonnull (first);
  owner = cb_ui_get_record (store, cb_record_get (first, "owner"));

  g_assert_true (gtk_widget_get_visible (cb_window_get_child (window, "filter_bar")));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
  choose_filter (window, CB_LIST_FILTER_TEACHER, cb_record_get (owner, "name"));
  mine = cb_action_list_count (list, CB_ACTION_FILTER_OPEN) + cb_action_list_count (list, CB_ACTION_FILTER_DONE);
  g_assert_cmpuint (mine, >, 0);
  g_assert_cmpuint (mine, <, all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CbRecord) item = g_list_model_get_item (model, i);
      g_assert_cmpstr (cb_record_get (item, "owner"), ==, cb_record_get_uuid (owner));
    }
  /* Action items have no school: its row is not offered. */
  {
    GtkWidget *rows = gtk_widget_get_first_child (cb_window_get_child (window, "filter_box"));
    GtkWidget *school = gtk_widget_get_next_sibling (gtk_widget_get_first_child (rows));

    g_assert_false (gtk_widget_get_visible (school));
  }
  /* Back to all of them. */
  g_signal_emit_by_name (gtk_widget_get_last_child (cb_window_get_child (window, "filter_box")), "clicked");
  cb_ui_drain ();
  g_assert_cmpuint (cb_action_list_count (list, CB_ACTION_FILTER_OPEN) +
                    cb_action_list_count (list, CB_ACTION_FILTER_DONE), ==, all);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
  cb_ui_stop_app (app);
}

/* Every view fits a window 360 pixels wide (half a small laptop's
 * screen, or a phone), in English and in Spanish. */
static void
test_narrow_width (void)
{
  check_narrow_views ();
}

static void
test_narrow_width_spanish (void)
{
  if (g_test_subprocess ())
    {
      check_narrow_views ();
      return;
    }
  run_in_spanish (240);
}

/* Each view in a window of its own: a GTK window never shrinks below a
 * width it once needed, so one view too wide would widen every shot
 * after it. A shot wider than asked fails the test. */
static void
shoot_view (CbApplication *app,
            const View    *view,
            int            width,
            int            height,
            const char    *suffix)
{
  CbWindow *window = cb_application_new_window (app);
  g_autofree char *name = NULL;
  gboolean opened;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cb_ui_spin (300);
  opened = show_view (window, view);
  name = g_strdup_printf ("%s-%s.png", view->name, suffix);
  cb_ui_save_png (GTK_WIDGET (window), name);
  if (gtk_widget_get_width (GTK_WIDGET (window)) > width)
    {
      g_test_message ("screenshot %s: %d px wide, not %d", name, gtk_widget_get_width (GTK_WIDGET (window)), width);
      g_test_fail ();
    }
  if (opened && view->list && adw_leaflet_get_folded (ADW_LEAFLET (cb_window_get_child (window, "leaflet"))))
    {
      g_free (name);
      name = g_strdup_printf ("%s-list-%s.png", view->name, suffix);
      adw_leaflet_set_visible_child (ADW_LEAFLET (cb_window_get_child (window, "leaflet")),
                                     cb_window_get_child (window, "list_pane"));
      cb_ui_save_png (GTK_WIDGET (window), name);
    }
  cb_ui_close_window (window);
}

static void
test_screenshots (void)
{
  g_autofree char *path = NULL;
  CbApplication *app;
  CbStore *store;
  AdwStyleManager *style;
  g_auto(GStrv) only = NULL;

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set CB_SCREENSHOT_DIR to write screenshots");
      return;
    }
  if (g_getenv ("CB_SCREENSHOT_VIEWS") != NULL)
    only = g_strsplit (g_getenv ("CB_SCREENSHOT_VIEWS"), ",", -1);

  path = make_views_db ("views");
  app = cb_ui_start_app (path);
  store = cb_application_get_store (app);
  style = adw_style_manager_get_default ();
  /* The app's own window stays open behind the shots. */
  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        {
          /* CB_SCREENSHOT_VIEWS=debrief,today shoots only those. */
          if (only != NULL && !g_strv_contains ((const char * const *) only, views[i].name))
            continue;
          shoot_view (app, &views[i], 1280, 800, dark ? "1280x800-dark" : "1280x800");
          shoot_view (app, &views[i], 360, 720, dark ? "360x720-dark" : "360x720");
        }
      for (guint narrow = 0; narrow < 2; narrow++)
        {
          CbPreferencesWindow *prefs = cb_preferences_window_new (cb_application_get_settings (app), store);
          g_autofree char *name = g_strdup_printf ("preferences-%s%s.png", narrow ? "360x720" : "640x720",
                                                   dark ? "-dark" : "");

          gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (cb_ui_app_window (app)));
          gtk_window_set_default_size (GTK_WINDOW (prefs), narrow ? 360 : 640, 720);
          gtk_window_present (GTK_WINDOW (prefs));
          cb_ui_spin (400);
          cb_ui_save_png (GTK_WIDGET (prefs), name);
          gtk_window_destroy (GTK_WINDOW (prefs));
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  cb_ui_stop_app (app);
}

/* A section's editor comes from its row of the sections table alone:
 * the window's template names none, and the window makes each page
 * the first time a record of the section opens, of the type the row
 * names. */
static void
test_section_editors (void)
{
  g_autofree char *path = cb_ui_test_path ("section-editors.db");
  g_autoptr(GBytes) template = NULL;
  const char *template_text;
  CbApplication *app;
  CbWindow *window;
  GtkStack *stack;
  guint checked = 0;

  template = g_resources_lookup_data ("/io/github/coachbook/Coachbook/cb-window.ui", 0, NULL);
  g_assert_nonnull (template);
  template_text = g_bytes_get_data (template, NULL);
  g_unlink (path);
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  stack = GTK_STACK (cb_window_get_child (window, "editor_stack"));
  /* Co-plans, logs, PD sessions and engagements share one page; it
   * is not made before one of them opens. */
  g_assert_null (gtk_stack_get_child_by_name (stack, "cycle"));
  for (guint i = 0; i < cb_section_count (); i++)
    {
      const CbSectionInfo *info = cb_section_info (cb_section_at (i));
      g_autofree char *uuid = NULL;
      g_autoptr(CbRecord) record = NULL;
      GtkWidget *shown;

      if (info->editor_type == NULL)
        continue;
      g_assert_null (g_strstr_len (template_text, g_bytes_get_size (template), info->editor_type));
      if (info->kind == NULL)
        continue;
      uuid = cb_ui_new_record (window, info->section);
      g_assert_nonnull (uuid);
      record = cb_ui_get_record (cb_application_get_store (app), uuid);
      g_assert_cmpstr (cb_record_get_kind (record), ==, info->kind);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, info->editor);
      shown = gtk_stack_get_visible_child (stack);
      g_assert_true (G_OBJECT_TYPE (shown) == g_type_from_name (info->editor_type));
      g_assert_true (CB_IS_EDITOR (shown));
      g_assert_cmpstr (cb_editor_get_uuid (CB_EDITOR (shown)), ==, uuid);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 5);
  /* One page per editor, however many sections share it. */
  {
    g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
    guint n_cycle = 0;

    for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
      {
        g_autoptr(GObject) page = g_list_model_get_item (pages, i);

        n_cycle += g_strcmp0 (gtk_stack_page_get_name (GTK_STACK_PAGE (page)), "cycle") == 0;
      }
    g_assert_cmpuint (n_cycle, ==, 1);
  }
  cb_ui_stop_app (app);
  g_unlink (path);
}

/* What a special editor shows is data in its template: the log
 * editor's field lists come from cb-log-editor.ui, in its order. */
static void
test_editor_fields_from_ui (void)
{
  g_autofree char *path = cb_ui_test_path ("editor-fields.db");
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) notes = NULL;
  gboolean extras = TRUE;
  CbApplication *app;
  CbWindow *window;
  GtkWidget *log;

  g_unlink (path);
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  log = cb_cycle_pane_get_child (CB_CYCLE_PANE (cb_window_get_child (window, "cycle_pane")), "log");
  g_object_get (cb_log_editor_get_child (CB_LOG_EDITOR (log), "log_fields"),
                "fields", &fields, "extras", &extras, NULL);
  g_object_get (cb_log_editor_get_child (CB_LOG_EDITOR (log), "notes_fields"), "fields", &notes, NULL);
  g_assert_false (extras);
  g_assert_cmpuint (g_strv_length (fields), ==, 11);
  g_assert_cmpstr (fields[0], ==, "summary");
  g_assert_cmpstr (fields[10], ==, "focus");
  g_assert_cmpstr (notes[g_strv_length (notes) - 1], ==, CB_FIELD_PRIVACY);
  cb_ui_stop_app (app);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/store-error", test_store_error_shown);
  g_test_add_func ("/ui/damaged-database", test_damage_shown);
  g_test_add_func ("/ui/window-actions", test_window_actions);
  g_test_add_func ("/ui/section-editors", test_section_editors);
  g_test_add_func ("/ui/editor-fields-from-ui", test_editor_fields_from_ui);
  g_test_add_func ("/ui/shortcuts-window", test_shortcuts_listed);
  g_test_add_func ("/ui/style-preference", test_style_preference);
  g_test_add_func ("/ui/shortcuts-complete", test_shortcuts_complete);
  g_test_add_func ("/ui/accessible-labels", test_accessible_labels);
  g_test_add_func ("/ui/keyboard-reach", test_keyboard_reach);
  g_test_add_func ("/ui/spanish", test_spanish);
  g_test_add_func ("/ui/capture-flow", test_capture_flow);
  g_test_add_func ("/ui/generated-data", test_generated_data);
  g_test_add_func ("/ui/look-fors", test_look_fors);
  g_test_add_func ("/ui/kill", test_kill);
  g_test_add_func ("/ui/action-items-filtered", test_action_items_filtered);
  g_test_add_func ("/ui/narrow-width", test_narrow_width);
  g_test_add_func ("/ui/narrow-width-spanish", test_narrow_width_spanish);
  g_test_add_func ("/ui/screenshots", test_screenshots);

  return cb_ui_test_run ();
}
