/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A coaching day as a coach meets it, in the real window under Xvfb:
 * each section's filters, choosers typed into at full speed with Enter
 * pressed before the list catches up, creating a teacher from a
 * chooser, PD sign-in hours, Undo on the "deleted" toast for every
 * kind, a roster with a broken quote, the editor pane when the section
 * changes, and dates typed the coach's way. Results are checked in the
 * database. */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "cb-action-list.h"
#include "cb-coaching-day-dialog.h"
#include "cb-cycle-pane.h"
#include "cb-evidence-row.h"
#include "cb-log-editor.h"
#include "cb-pd-editor.h"
#include "cb-record-list-model.h"
#include "cb-roster.h"
#include "cb-view-logic.h"
#include "cb-ui-test-util.h"

#include "cb-coaching-day-logic.h"
#include "cb-debrief-view.h"

/* ------------------------------------------------------------ helpers */

/* Types @text into @editable one character at a time, as fast as keys
 * come: the main loop does not run in between. */
static void
type_fast (GtkWidget  *editable,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int pos = gtk_editable_get_position (GTK_EDITABLE (editable));
      const char *next = g_utf8_next_char (p);

      gtk_editable_insert_text (GTK_EDITABLE (editable), p, next - p, &pos);
      gtk_editable_set_position (GTK_EDITABLE (editable), pos);
    }
}

/* Types @text in the chooser that has the focus in @root's window and
 * presses Enter at once, before its list is searched again. */
static void
type_enter_in_chooser (GtkWidget  *root,
                       const char *text)
{
  GtkWidget *focus = cb_ui_focus_of (root);
  GtkWidget *entry;

  g_assert_nonnull (focus);
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  type_fast (focus, text);
  g_signal_emit_by_name (entry, "activate");
  cb_ui_drain ();
}

static gboolean
is_record_editor (GtkWidget     *widget,
                  gconstpointer  data)
{
  return CB_IS_RECORD_EDITOR (widget);
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.undo-delete") == 0;
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static CbCyclePane *
cycle_pane (CbWindow *window)
{
  return CB_CYCLE_PANE (cb_window_get_child (window, "cycle_pane"));
}

static guint
count_where (CbStore    *store,
             const char *kind,
             const char *field,
             const char *value)
{
  CbFilter filter = { .kind = kind };

  filter.ref_field = field;
  filter.ref_value = value;
  return cb_store_count (store, &filter);
}

/* Opens the filter row @index's chooser and picks @text the fast way. */
static void
filter_by (CbWindow   *window,
           guint       index,
           const char *text)
{
  GtkWidget *list = gtk_widget_get_first_child (cb_window_get_child (window, "filter_box"));
  GtkWidget *row = gtk_widget_get_first_child (list);
  GtkWidget *button;

  for (guint i = 0; i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  button = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
  type_enter_in_chooser (GTK_WIDGET (window), text);
}

/* With CB_SCREENSHOT_DIR set: @widget as a PNG named after the test's
 * window width and language. */
static void
shot (GtkWidget  *widget,
      const char *name)
{
  const char *language = g_getenv ("CB_TEST_LANGUAGE");
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autofree char *file = g_strdup_printf ("%s-%d%s.png", name, gtk_widget_get_width (root),
                                           language != NULL ? "-es" : "");

  cb_ui_save_png (widget, file);
}

/* The window at the width CB_TEST_WIDTH asks for (1280 by default). */
static CbWindow *
sized_window (CbApplication *app)
{
  CbWindow *window = cb_ui_app_window (app);
  const char *width = g_getenv ("CB_TEST_WIDTH");
  int w = width != NULL ? atoi (width) : 1280;

  gtk_window_set_default_size (GTK_WINDOW (window), w, w < 600 ? 720 : 800);
  cb_ui_drain ();
  return window;
}

/* ---------------------------------------------------------- filters */

typedef struct
{
  CbSection   section;
  const char *kind;
  const char *teacher_field;   /* NULL: no teacher filter */
  const char *school_field;    /* NULL: no school filter */
} FilterCase;

/* Each section narrowed by a teacher, then by a school: the list holds
 * exactly the records the database has for them. */
static void
test_filters_every_section (void)
{
  g_autofree char *path = cb_ui_test_path ("filters.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *lincoln = cb_test_create (store, "school", "name", "Lincoln Elementary", NULL);
  g_autofree char *hoover = cb_test_create (store, "school", "name", "Hoover Middle", NULL);
  g_autofree char *miguel = cb_test_create (store, "person", "name", "Miguel Patel", "role", "teacher",
                                            "school", lincoln, NULL);
  g_autofree char *sam = cb_test_create (store, "person", "name", "Sam Lee", "role", "teacher",
                                         "school", hoover, NULL);
  const FilterCase cases[] = {
    { CB_SECTION_OBSERVATIONS, "observation", "teacher", "school" },
    { CB_SECTION_COPLANS, "coplan", "teachers", "school" },
    { CB_SECTION_LOGS, "coaching_log", "teachers", "school" },
    { CB_SECTION_ACTIONS, "action_item", "owner", NULL },
    { CB_SECTION_ENGAGEMENTS, "engagement", NULL, "schools" },
    { CB_SECTION_PEOPLE, "person", NULL, "school" },
  };
  GtkLabel *label = GTK_LABEL (cb_window_get_child (window, "filter_label"));

  /* Two records of each kind for Miguel at Lincoln, three for Sam at Hoover. */
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint i = 0; i < 5; i++)
      {
        const char *who = i < 2 ? miguel : sam;
        const char *where = i < 2 ? lincoln : hoover;
        const char *names[3] = { 0 };
        const char *values[3] = { 0 };
        guint n = 0;
        g_autofree char *uuid = NULL;

        if (g_strcmp0 (cases[c].kind, "person") == 0)
          continue;
        names[n] = g_strcmp0 (cases[c].kind, "action_item") == 0 ? "text" :
                   g_strcmp0 (cases[c].kind, "observation") == 0 || g_strcmp0 (cases[c].kind, "coplan") == 0 ? "lesson" :
                   g_strcmp0 (cases[c].kind, "coaching_log") == 0 ? "notes" : "name";
        values[n++] = "A record";
        if (cases[c].teacher_field != NULL)
          {
            names[n] = cases[c].teacher_field;
            values[n++] = who;
          }
        if (cases[c].school_field != NULL)
          {
            names[n] = cases[c].school_field;
            values[n++] = where;
          }
        uuid = cb_store_create (store, cases[c].kind, names, values, n, NULL);
        g_assert_nonnull (uuid);
      }
  cb_ui_drain ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const FilterCase *fc = &cases[c];
      GListModel *model;

      cb_window_set_section (window, fc->section);
      cb_ui_drain ();
      model = fc->section == CB_SECTION_ACTIONS
              ? cb_action_list_get_model (CB_ACTION_LIST (cb_window_get_child (window, "action_list")))
              : G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (cb_window_get_child (window, "record_list"))));
      gtk_menu_button_popup (GTK_MENU_BUTTON (cb_window_get_child (window, "filter_button")));
      cb_ui_drain ();
      if (fc->teacher_field != NULL)
        {
          guint expected = count_where (store, fc->kind, fc->teacher_field, miguel);

          g_assert_cmpuint (expected, ==, 2);
          filter_by (window, 0, "migu");
          g_assert_cmpstr (gtk_label_get_text (label), ==, "Showing only: Miguel Patel");
          g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
          for (guint i = 0; i < g_list_model_get_n_items (model) && fc->section != CB_SECTION_ACTIONS; i++)
            {
              g_autoptr(CbRecord) r = g_list_model_get_item (model, i);
              g_assert_nonnull (strstr (cb_record_get (r, fc->teacher_field), miguel));
            }
          g_signal_emit_by_name (gtk_widget_get_last_child (cb_window_get_child (window, "filter_box")), "clicked");
          cb_ui_drain ();
        }
      if (fc->school_field != NULL)
        {
          guint expected = count_where (store, fc->kind, fc->school_field, hoover);

          g_assert_cmpuint (expected, >=, 1);
          filter_by (window, 1, "hoov");
          g_assert_cmpstr (gtk_label_get_text (label), ==, "Showing only: Hoover Middle");
          g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
          g_signal_emit_by_name (gtk_widget_get_last_child (cb_window_get_child (window, "filter_box")), "clicked");
          cb_ui_drain ();
        }
      gtk_menu_button_popdown (GTK_MENU_BUTTON (cb_window_get_child (window, "filter_button")));
      cb_ui_drain ();
    }
  cb_ui_stop_app (app);
}

/* ---------------------------------------------------------- choosers */

static CbCoachingDayDialog *
open_coaching_day (CbWindow *window)
{
  GtkWindow *dialog;

  cb_window_set_section (window, CB_SECTION_LOGS);
  cb_ui_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.coaching-day", NULL));
  cb_ui_drain ();
  dialog = cb_ui_find_toplevel (CB_TYPE_COACHING_DAY_DIALOG);
  g_assert_nonnull (dialog);
  return CB_COACHING_DAY_DIALOG (dialog);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

/* The teacher's chooser in the Coaching Day dialog, opened. */
static void
popup_teacher_chooser (CbCoachingDayDialog *dialog)
{
  GtkWidget *button = cb_ui_find_widget (GTK_WIDGET (dialog), is_menu_button, NULL);

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
}

/* "dev" and Enter at once picks Dev Patel, not the newest person at
 * the top of the list before it was searched; the day made is his. */
static void
test_chooser_enter_fast (void)
{
  g_autofree char *path = cb_ui_test_path ("chooser.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *dev = cb_test_create (store, "person", "name", "Dev Patel", "role", "teacher", NULL);
  g_autofree char *devon = cb_test_create (store, "person", "name", "Ana Devon", "role", "teacher", NULL);
  g_autofree char *sam = cb_test_create (store, "person", "name", "Sam Lee", "role", "teacher", NULL);
  CbCoachingDayDialog *dialog;
  const char *created;

  dialog = open_coaching_day (window);
  popup_teacher_chooser (dialog);
  type_enter_in_chooser (GTK_WIDGET (dialog), "dev");
  g_signal_emit_by_name (dialog, "response", "create");
  cb_ui_drain ();
  created = cb_window_get_current_uuid (window);
  g_assert_nonnull (created);
  {
    g_autoptr(CbRecord) coplan = cb_ui_get_record (store, created);
    g_assert_cmpstr (cb_record_get (coplan, "teachers"), ==, dev);
  }
  cb_ui_stop_app (app);
}

/* A name the chooser does not find is added in place, at the school
 * picked in the list, and chosen. */
static void
test_chooser_adds_person (void)
{
  g_autofree char *path = cb_ui_test_path ("chooser-add.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *lincoln = cb_test_create (store, "school", "name", "Lincoln Elementary", NULL);
  g_autofree char *sam = cb_test_create (store, "person", "name", "Sam Lee", "role", "teacher",
                                         "school", lincoln, NULL);
  CbCoachingDayDialog *dialog;
  GtkWidget *focus, *entry, *popover, *add_row;
  const char *created;
  g_autofree char *dev = NULL;

  dialog = open_coaching_day (window);
  popup_teacher_chooser (dialog);
  focus = cb_ui_focus_of (GTK_WIDGET (dialog));
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
  popover = gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER);
  type_fast (focus, "Dev Patel");
  cb_ui_spin (300);
  shot (popover, "chooser-add");
  add_row = cb_ui_find_widget (popover, has_label, "Add “Dev Patel” as a teacher at Lincoln Elementary");
  g_assert_nonnull (add_row);
  add_row = gtk_widget_get_ancestor (add_row, GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (gtk_widget_get_parent (add_row), "row-activated", add_row);
  cb_ui_drain ();
  g_signal_emit_by_name (dialog, "response", "create");
  cb_ui_drain ();

  created = cb_window_get_current_uuid (window);
  g_assert_nonnull (created);
  {
    g_autoptr(CbRecord) coplan = cb_ui_get_record (store, created);
    g_autoptr(CbRecord) person = NULL;

    dev = g_strdup (cb_record_get (coplan, "teachers"));
    g_assert_nonnull (dev);
    g_assert_cmpstr (dev, !=, sam);
    person = cb_ui_get_record (store, dev);
    g_assert_cmpstr (cb_record_get (person, "name"), ==, "Dev Patel");
    g_assert_cmpstr (cb_record_get (person, "role"), ==, "teacher");
    g_assert_cmpstr (cb_record_get (person, "school"), ==, lincoln);
  }
  cb_ui_stop_app (app);
}

/* ---------------------------------------------------------- PD hours */

/* Start and End typed, three people ticked at once: each has the
 * session's seven hours, on screen and in the store; hours typed by
 * hand stay; a later change of the times moves the others. */
static void
test_pd_hours (void)
{
  g_autofree char *path = cb_ui_test_path ("pd-hours.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  const char *names[] = { "Ana Pérez", "Ben Okafor", "Cy Young" };
  char *people[3];
  g_autofree char *session = NULL;
  CbPdEditor *pe;
  CbRecordEditor *fields;
  GtkLabel *signin = NULL;

  for (guint i = 0; i < 3; i++)
    people[i] = cb_test_create (store, "person", "name", names[i], "role", "teacher", NULL);
  session = cb_ui_new_record (window, CB_SECTION_PD);
  g_assert_nonnull (session);
  pe = CB_PD_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "pd"));
  fields = CB_RECORD_EDITOR (cb_ui_find_widget (GTK_WIDGET (pe), is_record_editor, NULL));
  type_fast (cb_record_editor_get_field_widget (fields, "start_time"), "08:00");
  type_fast (cb_record_editor_get_field_widget (fields, "end_time"), "15:00");
  for (guint i = 0; i < 3; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (cb_pd_editor_get_person_widget (pe, people[i], "check")), TRUE);
  cb_ui_drain ();
  signin = GTK_LABEL (cb_ui_find_widget (GTK_WIDGET (pe), has_label, "present"));
  g_assert_nonnull (signin);
  g_assert_cmpstr (gtk_label_get_text (signin), ==, "3 present · 21 h");
  shot (GTK_WIDGET (window), "pd-hours");
  {
    g_autoptr(GPtrArray) att = cb_ui_children (store, "attendance", session);

    g_assert_cmpuint (att->len, ==, 3);
    for (guint i = 0; i < att->len; i++)
      g_assert_cmpstr (cb_record_get (g_ptr_array_index (att, i), "hours"), ==, "7");
  }

  /* Ana leaves at noon: typed by hand, kept when the session changes. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cb_pd_editor_get_person_widget (pe, people[0], "hours")), 4);
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "end_time")), "14:00");
  cb_ui_spin (1200);
  g_assert_cmpstr (gtk_label_get_text (signin), ==, "3 present · 16 h");
  shot (GTK_WIDGET (window), "pd-hours-edited");
  {
    g_autoptr(GPtrArray) att = cb_ui_children (store, "attendance", session);

    for (guint i = 0; i < att->len; i++)
      {
        CbRecord *a = g_ptr_array_index (att, i);
        g_assert_cmpstr (cb_record_get (a, "hours"), ==,
                         g_strcmp0 (cb_record_get (a, "person"), people[0]) == 0 ? "4" : "6");
      }
  }
  for (guint i = 0; i < 3; i++)
    g_free (people[i]);
  cb_ui_stop_app (app);
}

/* ------------------------------------------------------------- Undo */

/* Presses the Undo button of the toast on screen. */
static void
press_undo (CbWindow *window)
{
  GtkWidget *button = NULL;

  for (guint i = 0; button == NULL && i < 50; i++)
    {
      button = cb_ui_find_widget (GTK_WIDGET (window), is_undo_button, NULL);
      if (button == NULL)
        cb_ui_spin (20);
    }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  cb_ui_drain ();
}

static gboolean
is_evidence_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return CB_IS_EVIDENCE_ROW (widget);
}

static void
assert_deleted (CbStore    *store,
                const char *uuid)
{
  g_autoptr(CbRecord) r = cb_ui_get_record (store, uuid);
  g_assert_true (cb_record_get_deleted (r));
}

static void
assert_live (CbStore    *store,
             const char *uuid)
{
  g_autoptr(CbRecord) r = cb_ui_get_record (store, uuid);
  g_assert_false (cb_record_get_deleted (r));
}

/* Deletes @uuid from the window, as Ctrl+Delete would, and takes it
 * back with the toast's Undo: it and its children are live again. */
static void
delete_and_undo (CbWindow   *window,
                 CbStore    *store,
                 const char *uuid,
                 const char *child_kind)
{
  guint n_children = 0;
  g_autoptr(CbRecord) record = cb_ui_get_record (store, uuid);
  const char *kind = cb_record_get_kind (record);
  /* Kinds listed in the window's record list: the row comes back too. */
  gboolean listed = g_strcmp0 (kind, "school") != 0 && g_strcmp0 (kind, "action_item") != 0;
  GListModel *list = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (cb_window_get_child (window, "record_list"))));
  guint n_listed = 0;

  if (child_kind != NULL)
    {
      g_autoptr(GPtrArray) before = cb_ui_children (store, child_kind, uuid);
      n_children = before->len;
      g_assert_cmpuint (n_children, >, 0);
    }
  if (listed)
    {
      cb_window_set_section (window, cb_section_for_kind (kind));
      cb_ui_drain ();
      n_listed = g_list_model_get_n_items (list);
    }
  g_assert_true (cb_window_open_record (window, uuid));
  cb_ui_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  cb_ui_drain ();
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, uuid);
    g_assert_true (cb_record_get_deleted (r));
  }
  if (listed)
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_listed - 1);
  press_undo (window);
  assert_live (store, uuid);
  if (listed)
    {
      gboolean found = FALSE;

      g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_listed);
      for (guint i = 0; i < n_listed && !found; i++)
        {
          g_autoptr(CbRecord) r = g_list_model_get_item (list, i);
          found = g_strcmp0 (cb_record_get_uuid (r), uuid) == 0;
        }
      g_assert_true (found);
    }
  if (child_kind != NULL)
    {
      g_autoptr(GPtrArray) after = cb_ui_children (store, child_kind, uuid);
      g_assert_cmpuint (after->len, ==, n_children);
    }
}

static void
test_undo_every_kind (void)
{
  g_autofree char *path = cb_ui_test_path ("undo.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln Elementary", NULL);
  g_autofree char *person = cb_test_create (store, "person", "name", "Dev Patel", "school", school, NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Fractions", "teacher", person, NULL);
  g_autofree char *line = cb_test_create (store, "evidence", "observation", obs, "offset", "30", "text", "Talk", NULL);
  g_autofree char *coplan = cb_test_create (store, "coplan", "lesson", "Ratios", "teachers", person, NULL);
  g_autofree char *log = cb_test_create (store, "coaching_log", "teachers", person, "date", "2026-10-01", NULL);
  g_autofree char *segment = cb_test_create (store, "segment", "log", log, "activity", "debrief", "minutes", "30", NULL);
  g_autofree char *pd = cb_test_create (store, "pd_session", "title", "Launch", NULL);
  g_autofree char *block = cb_test_create (store, "agenda_item", "session", pd, "title", "Welcome", NULL);
  g_autofree char *att = cb_test_create (store, "attendance", "session", pd, "person", person, "present", "1", NULL);
  g_autofree char *eng = cb_test_create (store, "engagement", "name", "District 9", "schools", school, NULL);
  g_autofree char *action = cb_test_create (store, "action_item", "text", "Try a number talk", "owner", person, NULL);
  struct { const char *uuid; const char *child_kind; } cases[] = {
    { school, NULL }, { person, NULL }, { obs, "evidence" }, { coplan, NULL },
    { log, "segment" }, { pd, "agenda_item" }, { pd, "attendance" }, { eng, NULL }, { action, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    delete_and_undo (window, store, cases[i].uuid, cases[i].child_kind);

  /* Twice in a row, as the coach did. */
  delete_and_undo (window, store, obs, "evidence");
  delete_and_undo (window, store, obs, "evidence");

  /* Children deleted in their editors come back with Undo too, and
   * show again. A line of the observation: */
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_drain ();
  {
    GtkWidget *editor = cb_window_get_child (window, "observation_editor");
    GtkWidget *row = cb_ui_find_widget (editor, is_evidence_row, NULL);

    g_assert_nonnull (row);
    /* Delete Line, in the line's menu */
    g_assert_true (gtk_widget_activate_action (row, "line.delete", NULL));
    cb_ui_drain ();
    assert_deleted (store, line);
    g_assert_null (cb_ui_find_widget (editor, is_evidence_row, NULL));
    press_undo (window);
    assert_live (store, line);
    g_assert_nonnull (cb_ui_find_widget (editor, is_evidence_row, NULL));
  }
  /* An activity of the coaching log: */
  g_assert_true (cb_window_open_record (window, log));
  cb_ui_drain ();
  {
    CbLogEditor *le = CB_LOG_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "log"));

    g_assert_cmpuint (cb_log_editor_get_n_segments (le), ==, 1);
    g_signal_emit_by_name (cb_log_editor_get_segment_widget (le, 0, "remove"), "clicked");
    cb_ui_drain ();
    assert_deleted (store, segment);
    g_assert_cmpuint (cb_log_editor_get_n_segments (le), ==, 0);
    press_undo (window);
    assert_live (store, segment);
    g_assert_cmpuint (cb_log_editor_get_n_segments (le), ==, 1);
  }
  /* A block of the PD agenda: */
  g_assert_true (cb_window_open_record (window, pd));
  cb_ui_drain ();
  {
    CbPdEditor *pe = CB_PD_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "pd"));

    g_assert_cmpuint (cb_pd_editor_get_n_blocks (pe), ==, 1);
    g_signal_emit_by_name (cb_pd_editor_get_block_widget (pe, 0, "remove"), "clicked");
    cb_ui_drain ();
    assert_deleted (store, block);
    g_assert_cmpuint (cb_pd_editor_get_n_blocks (pe), ==, 0);
    press_undo (window);
    assert_live (store, block);
    g_assert_cmpuint (cb_pd_editor_get_n_blocks (pe), ==, 1);
  }
  (void) att;
  cb_ui_stop_app (app);
}

/* ------------------------------------------------------------ roster */

static CbRecord *
person_named (CbStore    *store,
              const char *name)
{
  CbFilter filter = { .kind = "person" };
  g_autoptr(GPtrArray) people = cb_store_list (store, &filter, 100, NULL);

  for (guint i = 0; i < people->len; i++)
    if (g_strcmp0 (cb_record_get (g_ptr_array_index (people, i), "name"), name) == 0)
      return g_object_ref (g_ptr_array_index (people, i));
  return NULL;
}

/* A roster with a quote left open on line 3: that line is reported by
 * number, the lines after it come in, and so do the e-mails and notes
 * of the columns found by their titles, in any order. */
static void
test_roster_broken_quote (void)
{
  g_autofree char *path = cb_ui_test_path ("roster.db");
  g_autofree char *csv = cb_ui_test_path ("roster.csv");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  const char roster[] =
    "School,Full name,E-mail,Role,Phone,Notes\n"
    "Lincoln,Ana Ruiz,ana@lincoln.org,teacher,555-0101,Leads the PLC\n"
    "Lincoln,\"Ben Fox,ben@lincoln.org,teacher,555-0102,\n"
    "Hoover,Cy Diaz,cy@hoover.org,teacher,555-0103,\"New, 6th grade\"\n"
    "Hoover,Dee Ek,dee@hoover.org,principal,555-0104,\n"
    ",,,teacher,,\n";
  GtkWindow *chooser = NULL;
  GtkWindow *report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  GtkWidget *details;

  g_assert_true (g_file_set_contents (csv, roster, -1, NULL));
  cb_window_set_section (window, CB_SECTION_PEOPLE);
  cb_ui_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-roster", NULL));
  cb_ui_drain ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chooser = cb_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  cb_ui_spin (500);   /* the folder is listed and the file selected */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; report == NULL && i < 200; i++)
    {
      cb_ui_spin (20);
      report = cb_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    }
  g_assert_nonnull (report);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (report)), ==,
                   "3 people added, 2 schools added, 2 lines skipped.");
  details = cb_ui_find_widget (GTK_WIDGET (report), has_label, "Line 3:");
  g_assert_nonnull (details);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "quote"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "Line 6:"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "“Phone”"));
  shot (GTK_WIDGET (report), "roster-report");
  gtk_window_destroy (report);
  cb_ui_drain ();

  {
    g_autoptr(CbRecord) ana = person_named (store, "Ana Ruiz");
    g_autoptr(CbRecord) ben = person_named (store, "Ben Fox");
    g_autoptr(CbRecord) cy = person_named (store, "Cy Diaz");
    g_autoptr(CbRecord) dee = person_named (store, "Dee Ek");

    g_assert_nonnull (ana);
    g_assert_null (ben);
    g_assert_nonnull (cy);
    g_assert_nonnull (dee);
    g_assert_cmpstr (cb_record_get (ana, "email"), ==, "ana@lincoln.org");
    g_assert_cmpstr (cb_record_get (ana, "private_notes"), ==, "Leads the PLC");
    g_assert_cmpstr (cb_record_get (cy, "email"), ==, "cy@hoover.org");
    g_assert_cmpstr (cb_record_get (cy, "private_notes"), ==, "New, 6th grade");
    g_assert_cmpstr (cb_record_get (dee, "role"), ==, "principal");
    {
      g_autoptr(CbRecord) hoover = cb_ui_get_record (store, cb_record_get (dee, "school"));
      g_assert_cmpstr (cb_record_get (hoover, "name"), ==, "Hoover");
    }
  }
  cb_ui_stop_app (app);
}

/* ------------------------------------------------------------ panes */

/* A person open in People is not shown under Co-planning; a record
 * just deleted is not shown selected in the Trash while the pane says
 * nothing is. */
static void
test_pane_follows_section (void)
{
  g_autofree char *path = cb_ui_test_path ("panes.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *dev = cb_test_create (store, "person", "name", "Dev Patel", "role", "teacher", NULL);
  g_autofree char *coplan = cb_test_create (store, "coplan", "lesson", "Ratios", "teachers", dev, NULL);
  GtkStack *editor_stack = GTK_STACK (cb_window_get_child (window, "editor_stack"));
  GtkSelectionModel *list;

  cb_window_set_section (window, CB_SECTION_PEOPLE);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (window, dev));
  cb_ui_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor_stack), ==, "record");
  cb_window_set_section (window, CB_SECTION_COPLANS);
  cb_ui_drain ();
  g_assert_null (cb_window_get_current_uuid (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor_stack), ==, "none");

  /* A co-plan open in its own section stays open there. */
  g_assert_true (cb_window_open_record (window, coplan));
  cb_ui_drain ();
  cb_window_set_section (window, CB_SECTION_COPLANS);
  cb_ui_drain ();
  g_assert_cmpstr (cb_window_get_current_uuid (window), ==, coplan);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  cb_ui_drain ();
  cb_window_set_section (window, CB_SECTION_TRASH);
  cb_ui_drain ();
  list = gtk_list_view_get_model (GTK_LIST_VIEW (cb_window_get_child (window, "record_list")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor_stack), ==, "none");
  g_assert_false (gtk_selection_model_is_selected (list, 0));
  shot (GTK_WIDGET (window), "trash");
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, coplan);
    g_assert_true (cb_record_get_deleted (r));
  }
  cb_ui_stop_app (app);
}

/* ------------------------------------------------------------ dates */

/* A date that is not one says how to type it; the locale's own way of
 * writing dates is read (in the C locale of the tests, 09/30/2026). */
static void
test_dates_typed (void)
{
  g_autofree char *path = cb_ui_test_path ("dates.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *item = cb_test_create (store, "action_item", "text", "Try a number talk", NULL);
  CbRecordEditor *editor = CB_RECORD_EDITOR (cb_window_get_child (window, "record_editor"));
  GtkWidget *due;

  cb_window_set_section (window, CB_SECTION_ACTIONS);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (window, item));
  cb_ui_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (cb_window_get_child (window, "editor_stack"))), ==, "record");
  due = cb_record_editor_get_field_widget (editor, "due");
  g_assert_nonnull (due);

  type_fast (due, "31/09/2026");
  cb_ui_drain ();
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (due)), ==,
                   "Due: Type a date as 2024-09-30 or 09/30/2024");
  shot (GTK_WIDGET (window), "date-hint");
  cb_record_editor_flush (editor);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, item);
    const char *stored = cb_record_get (r, "due");
    g_assert_cmpstr (stored ? stored : "", ==, "");
  }

  gtk_editable_set_text (GTK_EDITABLE (due), "");
  type_fast (due, "09/30/2026");
  cb_ui_drain ();
  g_assert_false (gtk_widget_has_css_class (due, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (due)), ==, "Due");
  cb_record_editor_flush (editor);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, item);
    g_assert_cmpstr (cb_record_get (r, "due"), ==, "2026-09-30");
  }

  /* The list's date filter reads it too, and says how when it cannot. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (cb_window_get_child (window, "filter_button")));
  cb_ui_drain ();
  {
    GtkWidget *box = cb_window_get_child (window, "filter_box");
    GtkWidget *dates = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
    GtkWidget *hint = gtk_widget_get_next_sibling (dates);
    GListModel *model = cb_action_list_get_model (CB_ACTION_LIST (cb_window_get_child (window, "action_list")));

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    type_fast (gtk_widget_get_first_child (dates), "10/01/2026");
    cb_ui_drain ();
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    g_assert_false (gtk_widget_get_visible (hint));
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (dates)), "10/01/20");
    gtk_editable_insert_text (GTK_EDITABLE (gtk_widget_get_first_child (dates)), "2", 1, &(int) { 8 });
    cb_ui_drain ();
    g_assert_true (gtk_widget_get_visible (hint));
    shot (gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER), "filter-date-hint");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "Type a date as 2024-09-30 or 09/30/2024");
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (dates)), "");
    cb_ui_drain ();
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_false (gtk_widget_get_visible (hint));
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (cb_window_get_child (window, "filter_button")));
  cb_ui_drain ();
  cb_ui_stop_app (app);
}

/* A facilitator types a PD session's fields one after another with Tab,
 * at full speed, while each field's value is being written: nothing
 * typed is lost and every value lands in its own field. */
static void
test_tab_through_session (void)
{
  g_autofree char *path = cb_ui_test_path ("pd-tab.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  const char *typed[] = { "2026-08-12", "08:00", "15:00", "Multipurpose room" };
  const char *fields_in_order[] = { "date", "start_time", "end_time", "location" };
  g_autofree char *session = NULL;
  CbPdEditor *pe;
  CbRecordEditor *fields;
  GtkWidget *focus;

  session = cb_ui_new_record (window, CB_SECTION_PD);
  g_assert_nonnull (session);
  pe = CB_PD_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "pd"));
  fields = CB_RECORD_EDITOR (cb_ui_find_widget (GTK_WIDGET (pe), is_record_editor, NULL));
  gtk_widget_grab_focus (cb_record_editor_get_field_widget (fields, "date"));
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      GtkWidget *want = cb_record_editor_get_field_widget (fields, fields_in_order[i]);

      focus = cb_ui_focus_of (GTK_WIDGET (window));
      g_assert_nonnull (focus);
      if (!(focus == want || gtk_widget_is_ancestor (focus, want)))
        g_error ("field %u (%s): the focus is on a %s (%s) after Tab", i, fields_in_order[i],
                 G_OBJECT_TYPE_NAME (focus),
                 gtk_widget_get_parent (focus) ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)) : "");
      /* a key typed over a field entered with Tab replaces its text */
      gtk_editable_delete_selection (GTK_EDITABLE (focus));
      type_fast (focus, typed[i]);
      /* a moment passes, as between a coach's keys: writes may land */
      cb_ui_spin (600);
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
      cb_ui_drain ();
    }
  cb_record_editor_flush (fields);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, session);

    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      g_assert_cmpstr (cb_record_get (r, fields_in_order[i]), ==, typed[i]);
  }
  cb_ui_stop_app (app);
}

/* Coaching Day makes the co-plan and its observation before anything
 * is planned; the look-fors then added to the co-plan are what its
 * observation watches for when it is opened. */
static void
test_coplan_focus_reaches_observation (void)
{
  g_autofree char *path = cb_ui_test_path ("day-focus.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Maria Lopez", "role", "teacher", NULL);
  g_autofree char *coplan = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *watch = NULL;
  g_autoptr(GError) error = NULL;
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) look_fors = NULL;

  filter.kind = "look_for";
  look_fors = cb_store_list (store, &filter, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (look_fors->len, ==, 2);
  watch = g_strdup_printf ("%s %s", cb_record_get_uuid (look_fors->pdata[0]), cb_record_get_uuid (look_fors->pdata[1]));

  coplan = cb_coaching_day_create (store, teacher, "2026-12-07", NULL, NULL, 2, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CbRecord) plan = cb_ui_get_record (store, coplan);
    obs = g_strdup (cb_record_get (plan, "observation"));
  }
  g_assert_true (cb_store_set (store, coplan, "look_fors", watch, &error));
  g_assert_no_error (error);

  cb_window_set_section (window, CB_SECTION_OBSERVATIONS);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_drain ();
  {
    g_autoptr(CbRecord) o = cb_ui_get_record (store, obs);
    g_assert_cmpstr (cb_record_get (o, "focus"), ==, watch);
  }
  cb_ui_stop_app (app);
}

static gboolean
is_debrief_view (GtkWidget     *widget,
                 gconstpointer  data)
{
  return CB_IS_DEBRIEF_VIEW (widget);
}

/* The debrief's due date reads dates as every date field does, and a
 * date that does not exist says how to type one. */
static void
test_debrief_due_date (void)
{
  g_autofree char *path = cb_ui_test_path ("due.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Dev Patel", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "teacher", teacher, "date", "2026-12-07", NULL);
  GtkWidget *oe, *dv, *action, *due;
  CbFilter filter = { 0 };

  cb_window_set_section (window, CB_SECTION_OBSERVATIONS);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_drain ();
  oe = cb_window_get_child (window, "observation_editor");
  dv = cb_ui_find_widget (oe, is_debrief_view, NULL);
  g_assert_nonnull (dv);
  action = cb_debrief_view_get_child (CB_DEBRIEF_VIEW (dv), "action_entry");
  due = cb_debrief_view_get_child (CB_DEBRIEF_VIEW (dv), "due_entry");
  filter.kind = "action_item";

  gtk_editable_set_text (GTK_EDITABLE (action), "Try a benchmark number talk");
  type_fast (due, "2026-02-31");
  g_signal_emit_by_name (due, "activate");
  cb_ui_drain ();
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (due), "");
  type_fast (due, "12/18/2026");
  g_signal_emit_by_name (due, "activate");
  cb_ui_drain ();
  g_assert_false (gtk_widget_has_css_class (due, "error"));
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 1);
  {
    g_autoptr(GPtrArray) items = cb_store_list (store, &filter, 10, NULL);
    g_assert_cmpstr (cb_record_get (items->pdata[0], "due"), ==, "2026-12-18");
  }
  cb_ui_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/day/filters-every-section", test_filters_every_section);
  g_test_add_func ("/day/chooser-enter-fast", test_chooser_enter_fast);
  g_test_add_func ("/day/chooser-adds-person", test_chooser_adds_person);
  g_test_add_func ("/day/pd-hours", test_pd_hours);
  g_test_add_func ("/day/undo-every-kind", test_undo_every_kind);
  g_test_add_func ("/day/roster-broken-quote", test_roster_broken_quote);
  g_test_add_func ("/day/pane-follows-section", test_pane_follows_section);
  g_test_add_func ("/day/dates-typed", test_dates_typed);
  g_test_add_func ("/day/debrief-due-date", test_debrief_due_date);
  g_test_add_func ("/day/tab-through-session", test_tab_through_session);
  g_test_add_func ("/day/coplan-focus-reaches-observation", test_coplan_focus_reaches_observation);
  return cb_ui_test_run ();
}
