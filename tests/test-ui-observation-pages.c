/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The observation editor keeps its widgets from one observation to the
 * next and fills its pages only when they need it (see
 * docs/performance.md): what it shows must still be the observation
 * opened, the page shown, as saved. */

#include "cb-ui-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cb-debrief-view.h"
#include "cb-evidence-row.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-text-row.h"

typedef struct
{
  CbApplication       *app;
  CbWindow            *window;
  CbStore             *store;
  CbObservationEditor *editor;
  CbDebriefView       *debrief;
  char                *a;   /* three lines, a phase marker among them */
  char                *b;   /* two lines at the same time */
  char                *look_for;
} Fixture;

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_details_editor (GtkWidget     *widget,
                   gconstpointer  data)
{
  return CB_IS_RECORD_EDITOR (widget) &&
         gtk_widget_get_ancestor (widget, CB_TYPE_DEBRIEF_VIEW) == NULL;
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
show_page (Fixture    *f,
           const char *label)
{
  GtkWidget *toggle = cb_ui_find_widget (GTK_WIDGET (f->editor), is_toggle_labelled, label);

  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  cb_ui_drain ();
}

/* The timeline's rows, in the order shown. */
static GPtrArray *
evidence_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *first = cb_ui_find_widget (GTK_WIDGET (f->editor), is_type, GSIZE_TO_POINTER (CB_TYPE_EVIDENCE_ROW));
  GtkWidget *list = first ? gtk_widget_get_ancestor (first, GTK_TYPE_LIST_BOX) : NULL;

  for (GtkWidget *row = list ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (rows, gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
  return rows;
}

static void
line (Fixture    *f,
      const char *observation,
      const char *offset,
      const char *text)
{
  g_autofree char *uuid = cb_test_create (f->store, "evidence", "observation", observation, "offset", offset,
                                          "type", "note", "text", text, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = cb_ui_test_path ("pages.db");
  g_autofree char *teacher = NULL;
  g_autofree char *phase = NULL;

  g_unlink (path);
  f->app = cb_ui_start_app (path);
  f->window = cb_ui_app_window (f->app);
  f->store = cb_application_get_store (f->app);
  teacher = cb_test_create (f->store, "person", "name", "Ada Reyes", "role", "teacher", NULL);
  f->look_for = cb_test_create (f->store, "look_for", "name", "Students explain their thinking",
                                "code", "EX1", NULL);
  /* Both lessons ended: they open on their Debrief page. */
  f->a = cb_test_create (f->store, "observation", "teacher", teacher, "date", "2025-10-06",
                         "lesson", "Lesson A", "strengths", "A clear launch", "clock", "stopped;600000;0", NULL);
  f->b = cb_test_create (f->store, "observation", "teacher", teacher, "date", "2025-10-07",
                         "lesson", "Lesson B", "strengths", "Strong partner talk", "clock", "stopped;600000;0", NULL);
  line (f, f->a, "10", "A first");
  phase = cb_test_create (f->store, "evidence", "observation", f->a, "offset", "20", "type", "phase",
                          "phase", "explore", NULL);
  line (f, f->a, "30", "A third");
  line (f, f->b, "5", "B one");
  line (f, f->b, "5", "B two");

  cb_window_set_section (f->window, CB_SECTION_OBSERVATIONS);
  cb_ui_drain ();
  f->editor = CB_OBSERVATION_EDITOR (cb_window_get_child (f->window, "observation_editor"));
  f->debrief = CB_DEBRIEF_VIEW (cb_ui_find_widget (GTK_WIDGET (f->editor), is_type,
                                             GSIZE_TO_POINTER (CB_TYPE_DEBRIEF_VIEW)));
  g_assert_nonnull (f->debrief);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cb_ui_stop_app (f->app);
  g_free (f->a);
  g_free (f->b);
  g_free (f->look_for);
}

/* Another observation in the same rows: its lines, in time order (equal
 * times in the order written), no marker or edit left from before. */
static void
test_timeline_rows_reused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CbRecord) first = NULL;

  g_assert_true (cb_window_open_record (f->window, f->a));
  cb_ui_drain ();
  show_page (f, _("Capture"));
  rows = evidence_rows (f);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (cb_evidence_row_get_text (g_ptr_array_index (rows, 0)), ==, "A first");
  g_assert_nonnull (cb_evidence_row_get_phase (g_ptr_array_index (rows, 1)));
  g_assert_cmpstr (cb_evidence_row_get_text (g_ptr_array_index (rows, 2)), ==, "A third");
  /* An edit in progress when the coach opens another observation. */
  cb_evidence_row_start_editing (g_ptr_array_index (rows, 0));
  g_assert_true (cb_evidence_row_is_editing (g_ptr_array_index (rows, 0)));

  g_assert_true (cb_window_open_record (f->window, f->b));
  cb_ui_drain ();
  show_page (f, _("Capture"));
  again = evidence_rows (f);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (cb_observation_editor_get_n_lines (f->editor), ==, 2);
  /* The same row widgets, showing B's lines. */
  g_assert_true (g_ptr_array_index (again, 0) == g_ptr_array_index (rows, 0));
  for (guint i = 0; i < again->len; i++)
    {
      CbEvidenceRow *row = g_ptr_array_index (again, i);

      g_assert_cmpstr (cb_evidence_row_get_text (row), ==, i == 0 ? "B one" : "B two");
      g_assert_null (cb_evidence_row_get_phase (row));
      g_assert_false (cb_evidence_row_is_editing (row));
      g_assert_cmpint (cb_evidence_row_get_offset (row), ==, 5);
    }
  /* The dropped edit wrote nothing. */
  {
    g_autoptr(GPtrArray) lines = cb_ui_children (f->store, "evidence", f->a);

    g_assert_cmpuint (lines->len, ==, 3);
    first = g_object_ref (g_ptr_array_index (lines, 0));
  }
  g_assert_cmpstr (cb_record_get (first, "text"), ==, "A first");

  /* Back to A: three rows again, the marker where it was. */
  g_assert_true (cb_window_open_record (f->window, f->a));
  cb_ui_drain ();
  g_clear_pointer (&again, g_ptr_array_unref);
  again = evidence_rows (f);
  g_assert_cmpuint (again->len, ==, 3);
  g_assert_nonnull (cb_evidence_row_get_phase (g_ptr_array_index (again, 1)));
  g_assert_cmpstr (cb_evidence_row_get_text (g_ptr_array_index (again, 2)), ==, "A third");
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* The debrief is filled again only when something it shows changed. */
static void
test_debrief_filled_when_changed (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *timeline = cb_debrief_view_get_child (f->debrief, "timeline_list");
  GtkWidget *look_fors = cb_debrief_view_get_child (f->debrief, "look_for_list");
  GtkWidget *first;

  g_assert_true (cb_window_open_record (f->window, f->a));
  cb_ui_drain ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->debrief)));
  g_assert_cmpuint (count_rows (timeline), ==, 3);
  first = gtk_widget_get_first_child (timeline);

  /* Nothing changed: the same rows. */
  show_page (f, _("Capture"));
  show_page (f, _("Debrief"));
  g_assert_true (gtk_widget_get_first_child (timeline) == first);

  /* A line captured: the debrief shows it. */
  show_page (f, _("Capture"));
  g_assert_true (cb_observation_editor_add_line (f->editor, "A fourth, typed after the lesson"));
  show_page (f, _("Debrief"));
  g_assert_cmpuint (count_rows (timeline), ==, 4);

  /* The observation's own focus changed while the page was hidden. */
  show_page (f, _("Capture"));
  g_assert_true (cb_store_set (f->store, f->a, "focus", f->look_for, NULL));
  show_page (f, _("Debrief"));
  first = gtk_widget_get_first_child (look_fors);
  g_assert_true (CB_IS_TEXT_ROW (first));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==,
                   "Students explain their thinking");
  g_assert_cmpstr (cb_text_row_get_subtitle (CB_TEXT_ROW (first)), ==, "Not seen");

  /* Another observation in the same rows: B's two lines; B has no focus
   * look-fors, so the list says so. And back. */
  g_assert_true (cb_window_open_record (f->window, f->b));
  cb_ui_drain ();
  g_assert_cmpuint (count_rows (timeline), ==, 2);
  g_assert_cmpuint (count_rows (look_fors), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_first_child (look_fors))), ==,
                   _("No focus look-fors and no tagged lines"));
  g_assert_true (cb_window_open_record (f->window, f->a));
  cb_ui_drain ();
  g_assert_cmpuint (count_rows (timeline), ==, 4);
  g_assert_cmpuint (count_rows (look_fors), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_first_child (look_fors))), ==,
                   "Students explain their thinking");
}

/* The details and the debrief's fields keep their rows; the values are
 * the observation opened, and what was stored is not an edit to undo. */
static void
test_fields_refilled (Fixture       *f,
                      gconstpointer  data)
{
  CbRecordEditor *details;
  CbRecordEditor *notes = CB_RECORD_EDITOR (cb_debrief_view_get_child (f->debrief, "debrief_editor"));
  GtkWidget *lesson, *strengths;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_assert_true (cb_window_open_record (f->window, f->a));
  cb_ui_drain ();
  /* The lesson details, folded away once there is a teacher. */
  gtk_expander_set_expanded (GTK_EXPANDER (cb_ui_find_widget (GTK_WIDGET (f->editor), is_type,
                                                        GSIZE_TO_POINTER (GTK_TYPE_EXPANDER))), TRUE);
  details = CB_RECORD_EDITOR (cb_ui_find_widget (GTK_WIDGET (f->editor), is_details_editor, NULL));
  g_assert_nonnull (details);
  lesson = cb_record_editor_get_field_widget (details, "lesson");
  strengths = cb_record_editor_get_field_widget (notes, "strengths");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lesson)), ==, "Lesson A");

  g_assert_true (cb_window_open_record (f->window, f->b));
  cb_ui_drain ();
  g_assert_true (cb_record_editor_get_field_widget (details, "lesson") == lesson);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lesson)), ==, "Lesson B");
  g_assert_true (cb_record_editor_get_field_widget (notes, "strengths") == strengths);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (strengths));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Strong partner talk");
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  /* An edit still goes to the observation shown. */
  gtk_editable_set_text (GTK_EDITABLE (lesson), "Lesson B, revised");
  cb_record_editor_flush (details);
  {
    g_autoptr(CbRecord) a = cb_ui_get_record (f->store, f->a);
    g_autoptr(CbRecord) b = cb_ui_get_record (f->store, f->b);

    g_assert_cmpstr (cb_record_get (a, "lesson"), ==, "Lesson A");
    g_assert_cmpstr (cb_record_get (b, "lesson"), ==, "Lesson B, revised");
  }
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add ("/ui/observation-pages/timeline-rows-reused", Fixture, NULL,
              fixture_set_up, test_timeline_rows_reused, fixture_tear_down);
  g_test_add ("/ui/observation-pages/debrief-filled-when-changed", Fixture, NULL,
              fixture_set_up, test_debrief_filled_when_changed, fixture_tear_down);
  g_test_add ("/ui/observation-pages/fields-refilled", Fixture, NULL,
              fixture_set_up, test_fields_refilled, fixture_tear_down);
  return cb_ui_test_run ();
}
