/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drives the coaching cycle and PD views in the real window under Xvfb:
 * a co-plan, "Observe this lesson", capture with the monitoring chart,
 * the debrief with an action item and the teacher's packet, the action
 * list, "Coaching day" and the coaching log, a PD session whose
 * overlapping block is refused, sign-in, the engagement dashboard and
 * the spreadsheet export.
 *
 * With CB_SCREENSHOT_DIR set, PNGs of every new view are written there
 * (1280×800 and 360×720, light and dark). */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "cb-action-list.h"
#include "cb-action-logic.h"
#include "cb-application.h"
#include "cb-bar-chart.h"
#include "cb-capture-logic.h"
#include "cb-coaching-day-dialog.h"
#include "cb-coplan-editor.h"
#include "cb-csv-export.h"
#include "cb-cycle-pane.h"
#include "cb-debrief-view.h"
#include "cb-engagement-editor.h"
#include "cb-engagement-logic.h"
#include "cb-generate.h"
#include "cb-lesson-chart-area.h"
#include "cb-line-list.h"
#include "cb-log-editor.h"
#include "cb-log-totals-view.h"
#include "cb-monitor-chart.h"
#include "cb-month-grid.h"
#include "cb-observation-editor.h"
#include "cb-pd-editor.h"
#include "cb-pd-planner.h"
#include "cb-record-editor.h"
#include "cb-roster.h"
#include "cb-test-util.h"
#include "cb-text-row.h"
#include "cb-today-view.h"
#include "cb-ui-test-util.h"
#include "cb-view-logic.h"
#include "cb-window.h"

/* ------------------------------------------------ main loop helpers */

/* Waits (at most ten seconds) for *flag. */
static void
wait_for (gboolean *flag)
{
  for (guint i = 0; !*flag && i < 1000; i++)
    cb_ui_spin (10);
  g_assert_true (*flag);
}

static void
set_text_view (GtkWidget  *view,
               const char *text)
{
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  cb_ui_drain ();
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type);
}

/* The first widget of @type in @root (depth first). */
static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  return cb_ui_find_widget (root, is_of_type, &type);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return cb_ui_find_widget (root, is_button_labelled, label);
}

static gboolean
is_shown_button_for (GtkWidget     *widget,
                     gconstpointer  uuid)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "uuid"), uuid) == 0 &&
         gtk_widget_get_visible (widget);
}

static GtkWidget *
find_button_with_uuid (GtkWidget  *root,
                       const char *uuid)
{
  return cb_ui_find_widget (root, is_shown_button_for, uuid);
}

/* Scrolls the scrolled window around @widget so that it is at the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *sw = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_point_t p;

  g_assert_nonnull (sw);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sw));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  cb_ui_spin (200);
  if (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &p))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw)), p.y - 12);
  cb_ui_drain ();
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

/* ------------------------------------------------------ app helpers */

static guint
count_kind (CbStore    *store,
            const char *kind)
{
  CbFilter filter = { 0 };

  filter.kind = kind;
  return cb_store_count (store, &filter);
}

static CbCyclePane *
cycle_pane (CbWindow *window)
{
  return CB_CYCLE_PANE (cb_window_get_child (window, "cycle_pane"));
}

static const char *
editor_page (CbWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (cb_window_get_child (window, "editor_stack")));
}

/* "Coaching Day…" in the coaching log's section. Returns the dialog. */
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

static char *
pdf_text (const char *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  int status = 0;

  if (pdftotext == NULL)
    return NULL;
  {
    const char *argv[] = { pdftotext, "-layout", pdf, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, NULL));
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
on_packet_saved_cb (CbDebriefView *view,
                    const char    *path,
                    gboolean      *done)
{
  g_assert_nonnull (path);
  *done = TRUE;
}

/* ------------------------------------------------------------ tests */

static void
test_coplan_cycle (void)
{
  g_autofree char *path = cb_ui_test_path ("cycle.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *school = cb_test_create (store, "school", "name", "Escuela Lincoln", NULL);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher",
                                             "school", school, NULL);
  g_autoptr(GPtrArray) look_fors = NULL;
  g_autofree char *focus = NULL;
  g_autofree char *coplan = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *item = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *today = cb_today_string ();
  CbFilter filter = { 0 };
  CbCoplanEditor *ce;
  CbRecordEditor *plan;
  CbLineList *strategies;
  CbObservationEditor *oe;
  CbMonitorChart *chart;
  CbDebriefView *dv;
  GtkWidget *capture, *w;

  filter.kind = "look_for";
  look_fors = cb_store_list (store, &filter, 2, NULL);
  g_assert_cmpuint (look_fors->len, ==, 2);
  focus = g_strjoin (" ", cb_record_get_uuid (g_ptr_array_index (look_fors, 0)),
                     cb_record_get_uuid (g_ptr_array_index (look_fors, 1)), NULL);

  /* A new co-plan from the Co-planning section opens its own editor. */
  coplan = cb_ui_new_record (window, CB_SECTION_COPLANS);
  g_assert_nonnull (coplan);
  g_assert_cmpstr (editor_page (window), ==, "cycle");
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "coplan");
  ce = CB_COPLAN_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "coplan"));
  plan = CB_RECORD_EDITOR (cb_coplan_editor_get_child (ce, "plan_editor"));

  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (plan, "lesson")),
                         "Unit 3 Lesson 2: sharing pizza");
  cb_ui_popup_field (plan, "teachers");
  cb_ui_choose_in_popup (window, "ana");
  cb_record_editor_set_value (plan, "look_fors", focus);
  set_text_view (cb_record_editor_get_field_widget (plan, "learning_goal"),
                 "Students divide a fraction by a whole number and explain why.");

  /* Strategies one per row: added, edited, removed. */
  strategies = cb_coplan_editor_get_list (ce, "strategies");
  w = cb_line_list_get_add_row (strategies);
  for (guint i = 0; i < 4; i++)
    {
      const char *lines[] = { "Draws a picture and labels the parts", "Uses a bar model",
                              "Guess and check", "Works backwards" };
      gtk_editable_set_text (GTK_EDITABLE (w), lines[i]);
      g_signal_emit_by_name (w, "entry-activated");
      cb_ui_drain ();
    }
  g_assert_cmpuint (cb_line_list_get_n_lines (strategies), ==, 4);
  cb_line_list_remove (strategies, 3);
  w = cb_line_list_get_add_row (cb_coplan_editor_get_list (ce, "misconceptions"));
  gtk_editable_set_text (GTK_EDITABLE (w), "Divides the denominator by the whole number");
  g_signal_emit_by_name (w, "entry-activated");
  cb_ui_spin (1200);   /* saved as the coach types (the school follows the teacher) */
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, coplan);

    g_assert_cmpstr (cb_record_get (r, "lesson"), ==, "Unit 3 Lesson 2: sharing pizza");
    g_assert_cmpstr (cb_record_get (r, "teachers"), ==, teacher);
    g_assert_cmpstr (cb_record_get (r, "school"), ==, school);
    g_assert_cmpstr (cb_record_get (r, "look_fors"), ==, focus);
    g_assert_cmpstr (cb_record_get (r, "strategies"), ==,
                     "Draws a picture and labels the parts\nUses a bar model\nGuess and check");
    g_assert_cmpstr (cb_record_get (r, "misconceptions"), ==, "Divides the denominator by the whole number");
  }

  /* "Observe this lesson": a linked observation, prefilled, opens. */
  click (cb_coplan_editor_get_child (ce, "observe_button"));
  obs = g_strdup (cb_window_get_current_uuid (window));
  g_assert_nonnull (obs);
  g_assert_cmpstr (obs, !=, coplan);
  g_assert_cmpstr (editor_page (window), ==, "observation");
  {
    g_autoptr(CbRecord) o = cb_ui_get_record (store, obs);
    g_autoptr(CbRecord) p = cb_ui_get_record (store, coplan);

    g_assert_cmpstr (cb_record_get_kind (o), ==, "observation");
    g_assert_cmpstr (cb_record_get (o, "teacher"), ==, teacher);
    g_assert_cmpstr (cb_record_get (o, "school"), ==, school);
    g_assert_cmpstr (cb_record_get (o, "lesson"), ==, "Unit 3 Lesson 2: sharing pizza");
    g_assert_cmpstr (cb_record_get (o, "focus"), ==, focus);
    g_assert_cmpstr (cb_record_get (o, "coplan"), ==, coplan);
    g_assert_cmpstr (cb_record_get (p, "observation"), ==, obs);
  }

  /* Capture with the monitoring chart. */
  oe = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  chart = CB_MONITOR_CHART (find_descendant (GTK_WIDGET (oe), CB_TYPE_MONITOR_CHART));
  g_assert_nonnull (chart);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chart)));
  g_assert_cmpuint (cb_monitor_chart_get_n_rows (chart), ==, 3);

  cb_observation_editor_focus_capture (oe);
  capture = cb_ui_focus_of (GTK_WIDGET (window));
  g_assert_true (GTK_IS_TEXT_VIEW (capture));
  cb_ui_type_and_enter (capture, "T launches: share 3/4 of a pizza among 6");
  cb_ui_type_and_enter (capture, "S1 draws the pizza and cuts it into sixths");
  g_assert_true (cb_ui_press (capture, GDK_KEY_1, GDK_ALT_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_1, GDK_CONTROL_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_2, GDK_CONTROL_MASK));
  g_assert_true (cb_ui_press (capture, GDK_KEY_t, GDK_ALT_MASK));
  cb_ui_spin (1100);
  g_assert_true (cb_ui_press (capture, GDK_KEY_t, GDK_ALT_MASK));
  cb_ui_spin (1100);
  g_assert_true (cb_ui_press (capture, GDK_KEY_0, GDK_ALT_MASK));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (cb_monitor_chart_get_row_widget (chart, 0, "seen")), TRUE);
  cb_ui_drain ();
  gtk_editable_set_text (GTK_EDITABLE (cb_monitor_chart_get_row_widget (chart, 0, "students")), "AB, CD");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cb_monitor_chart_get_row_widget (chart, 1, "seen")), TRUE);
  cb_ui_spin (800);
  /* Select and sequence: the bar model first, then the picture. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cb_monitor_chart_get_row_widget (chart, 1, "share")), TRUE);
  cb_ui_drain ();
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cb_monitor_chart_get_row_widget (chart, 0, "share")), TRUE);
  cb_ui_drain ();
  {
    g_autoptr(GPtrArray) rows = cb_ui_children (store, "monitor", obs);
    CbRecord *picture = NULL, *bar = NULL;

    g_assert_cmpuint (rows->len, ==, 3);
    for (guint i = 0; i < rows->len; i++)
      {
        CbRecord *r = g_ptr_array_index (rows, i);
        if (g_str_has_prefix (cb_record_get (r, "strategy"), "Draws"))
          picture = r;
        else if (g_str_has_prefix (cb_record_get (r, "strategy"), "Uses"))
          bar = r;
      }
    g_assert_nonnull (picture);
    g_assert_nonnull (bar);
    g_assert_true (cb_record_get_bool (picture, "seen"));
    g_assert_cmpint (cb_record_get_int (picture, "seen_at"), >=, 0);
    g_assert_cmpstr (cb_record_get (picture, "students"), ==, "AB, CD");
    g_assert_cmpint (cb_record_get_int (bar, "share_order"), ==, 1);
    g_assert_cmpint (cb_record_get_int (picture, "share_order"), ==, 2);
  }
  /* The picture moves first. */
  click (cb_monitor_chart_get_row_widget (chart, 0, "up"));
  {
    g_autoptr(GPtrArray) rows = cb_ui_children (store, "monitor", obs);

    for (guint i = 0; i < rows->len; i++)
      {
        CbRecord *r = g_ptr_array_index (rows, i);
        if (g_str_has_prefix (cb_record_get (r, "strategy"), "Draws"))
          g_assert_cmpint (cb_record_get_int (r, "share_order"), ==, 1);
        else if (g_str_has_prefix (cb_record_get (r, "strategy"), "Uses"))
          g_assert_cmpint (cb_record_get_int (r, "share_order"), ==, 2);
      }
  }
  /* A strategy nobody anticipated, noticed now. */
  cb_ui_type_and_enter (cb_monitor_chart_get_add_entry (chart), "Uses a double number line");
  g_assert_cmpuint (cb_monitor_chart_get_n_rows (chart), ==, 4);
  g_assert_cmpuint (count_kind (store, "monitor"), ==, 4);
  cb_ui_save_png (GTK_WIDGET (window), "capture-monitoring-test.png");

  /* The debrief: pictures, look-fors, timeline, chart order. */
  w = find_button (GTK_WIDGET (oe), _("Debrief"));
  g_assert_nonnull (w);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (w), TRUE);
  cb_ui_drain ();
  dv = CB_DEBRIEF_VIEW (find_descendant (GTK_WIDGET (oe), CB_TYPE_DEBRIEF_VIEW));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dv)));
  {
    CbLessonChartArea *area = CB_LESSON_CHART_AREA (cb_debrief_view_get_child (dv, "lesson_chart"));
    CbLessonChart *lc = cb_lesson_chart_area_get_chart (area);
    GtkWidget *lf_list = cb_debrief_view_get_child (dv, "look_for_list");
    GtkWidget *first = gtk_widget_get_first_child (lf_list);
    const char *monitor = gtk_label_get_text (GTK_LABEL (cb_debrief_view_get_child (dv, "monitor_label")));

    g_assert_nonnull (lc);
    g_assert_cmpint (lc->teacher_percent, >=, 0);
    g_assert_nonnull (cb_lesson_chart_find (lc, "funneling"));
    g_assert_cmpint (cb_lesson_chart_find (lc, "funneling")->total, ==, 1);
    g_assert_cmpuint (count_rows (lf_list), ==, 2);
    g_assert_nonnull (strstr (cb_text_row_get_subtitle (CB_TEXT_ROW (first)), "Seen in 1 line"));
    g_assert_true (g_str_has_prefix (cb_text_row_get_subtitle (CB_TEXT_ROW (gtk_widget_get_next_sibling (first))),
                                     "Not seen"));
    g_assert_cmpuint (count_rows (cb_debrief_view_get_child (dv, "timeline_list")), ==, 2);
    g_assert_nonnull (strstr (monitor, "3 of 4 strategies were seen."));
    g_assert_nonnull (strstr (monitor, "1. Draws a picture and labels the parts (AB, CD)\n2. Uses a bar model"));
  }

  /* Strengths, next steps, a private note, shared with the teacher. */
  {
    CbRecordEditor *debrief = CB_RECORD_EDITOR (cb_debrief_view_get_child (dv, "debrief_editor"));

    set_text_view (cb_record_editor_get_field_widget (debrief, "strengths"), "STRENGTH: a clear launch with a real context.");
    set_text_view (cb_record_editor_get_field_widget (debrief, "next_steps"), "NEXTSTEP: press for why sixths.");
    set_text_view (cb_record_editor_get_field_widget (debrief, "private_notes"), "PRIVATEMARK tired today");
    gtk_switch_set_active (GTK_SWITCH (cb_record_editor_get_field_widget (debrief, "shared_with_teacher")), TRUE);
    cb_debrief_view_flush (dv);
    cb_ui_drain ();
  }

  /* An action item agreed here: owned by the teacher, due in two weeks. */
  cb_ui_type_and_enter (cb_debrief_view_get_child (dv, "action_entry"), "Try a number talk on fractions");
  {
    CbFilter items = { 0 };
    g_autoptr(GPtrArray) found = NULL;
    g_autofree char *due = cb_date_add_days (today, 14);
    CbRecord *r;

    items.kind = "action_item";
    items.ref_field = "source";
    items.ref_value = obs;
    found = cb_store_list (store, &items, 10, NULL);
    g_assert_cmpuint (found->len, ==, 1);
    r = g_ptr_array_index (found, 0);
    item = g_strdup (cb_record_get_uuid (r));
    g_assert_cmpstr (cb_record_get (r, "text"), ==, "Try a number talk on fractions");
    g_assert_cmpstr (cb_record_get (r, "owner"), ==, teacher);
    g_assert_cmpstr (cb_record_get (r, "due"), ==, due);
    g_assert_cmpstr (cb_record_get (r, "status"), ==, "open");
    g_assert_cmpuint (count_rows (cb_debrief_view_get_child (dv, "action_list")), ==, 1);
  }
  cb_ui_save_png (GTK_WIDGET (window), "debrief-test.png");

  /* The packet, on a worker thread, and through the print operation:
   * the shared strengths and next steps, never the private note. */
  {
    g_autofree char *pdf = cb_ui_test_path ("packet.pdf");
    g_autofree char *printed = cb_ui_test_path ("printed.pdf");
    g_autofree char *text = NULL;
    gboolean saved = FALSE;
    gulong id = g_signal_connect (dv, "packet-saved", G_CALLBACK (on_packet_saved_cb), &saved);

    g_assert_true (cb_debrief_view_save_packet (dv, pdf));
    wait_for (&saved);
    g_signal_handler_disconnect (dv, id);
    text = pdf_text (pdf);
    if (text != NULL)
      {
        g_assert_nonnull (strstr (text, "STRENGTH"));
        g_assert_nonnull (strstr (text, "NEXTSTEP"));
        g_assert_nonnull (strstr (text, "Try a number talk"));
        g_assert_null (strstr (text, "PRIVATEMARK"));
      }
    g_assert_true (cb_debrief_view_export_packet (dv, printed));
    g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));
    g_clear_pointer (&text, g_free);
    text = pdf_text (printed);
    if (text != NULL)
      {
        g_assert_nonnull (strstr (text, "STRENGTH"));
        g_assert_null (strstr (text, "PRIVATEMARK"));
      }
  }

  /* The action list: filters, the link to the source, the item. */
  cb_window_set_section (window, CB_SECTION_ACTIONS);
  cb_ui_drain ();
  {
    CbActionList *list = CB_ACTION_LIST (cb_window_get_child (window, "action_list"));
    GtkWidget *stack = cb_window_get_child (window, "list_stack");
    GListModel *model = cb_action_list_get_model (list);
    GtkWidget *source;

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "actions");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpuint (cb_action_list_count (list, CB_ACTION_FILTER_DUE), ==, 0);
    yesterday = cb_date_add_days (today, -1);
    g_assert_true (cb_store_set (store, item, "due", yesterday, NULL));
    cb_ui_spin (400);
    g_assert_cmpuint (cb_action_list_count (list, CB_ACTION_FILTER_OVERDUE), ==, 1);
    cb_action_list_set_filter (list, CB_ACTION_FILTER_OVERDUE);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    cb_action_list_set_filter (list, CB_ACTION_FILTER_DUE);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    cb_action_list_set_filter (list, CB_ACTION_FILTER_OPEN);
    cb_ui_spin (300);
    cb_ui_save_png (GTK_WIDGET (window), "action-items-test.png");

    /* "From Observation: …" opens the observation. */
    source = find_button_with_uuid (GTK_WIDGET (list), obs);
    g_assert_nonnull (source);
    click (source);
    g_assert_cmpstr (cb_window_get_current_uuid (window), ==, obs);

    /* A click on the row opens the item itself. */
    g_signal_emit_by_name (find_descendant (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW), "activate", 0);
    cb_ui_drain ();
    g_assert_cmpstr (cb_window_get_current_uuid (window), ==, item);

    g_assert_true (cb_store_set (store, item, "status", "done", NULL));
    cb_ui_spin (400);
    g_assert_cmpuint (cb_action_list_count (list, CB_ACTION_FILTER_OPEN), ==, 0);
    g_assert_cmpuint (cb_action_list_count (list, CB_ACTION_FILTER_DONE), ==, 1);
  }

  /* Opening a monitoring-chart row (from search, say) opens its lesson. */
  {
    g_autoptr(GPtrArray) rows = cb_ui_children (store, "monitor", obs);
    cb_window_open_record (window, cb_record_get_uuid (g_ptr_array_index (rows, 0)));
    cb_ui_drain ();
    g_assert_cmpstr (cb_window_get_current_uuid (window), ==, obs);
  }
  cb_ui_stop_app (app);
}

typedef struct
{
  const char *uuid;
  int         delta;
} MoveButton;

static gboolean
is_move_button (GtkWidget     *widget,
                gconstpointer  data)
{
  const MoveButton *wanted = data;

  return GTK_IS_BUTTON (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "uuid"), wanted->uuid) == 0 &&
         g_object_get_data (G_OBJECT (widget), "field-ui") != NULL &&
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "delta")) == wanted->delta;
}

/* A Move Up / Move Down button of an item of a list of references in
 * a record editor (delta -1 or 1). */
static GtkWidget *
find_ref_move_button (GtkWidget  *root,
                      const char *uuid,
                      int         delta)
{
  MoveButton wanted = { uuid, delta };

  return cb_ui_find_widget (root, is_move_button, &wanted);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;   /* the widget keeps it */
    }
  return NULL;
}

/* Drags line @from of @list by its handle and drops it on line @to:
 * the handlers the pointer would run, called as GTK calls them. */
static gboolean
drag_line (CbLineList *list,
           guint       from,
           guint       to)
{
  GtkEventController *source = find_controller (cb_line_list_get_row_widget (list, from, "handle"),
                                                GTK_TYPE_DRAG_SOURCE);
  GtkEventController *target = find_controller (cb_line_list_get_row_widget (list, to, "row"),
                                                GTK_TYPE_DROP_TARGET);
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (target);
  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, ADW_TYPE_ENTRY_ROW);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  cb_ui_drain ();
  return dropped;
}

static const char *
line_text (CbLineList *list,
           guint       index)
{
  return gtk_editable_get_text (GTK_EDITABLE (cb_line_list_get_row_widget (list, index, "row")));
}

static void
add_lines (CbLineList         *list,
           const char * const *lines)
{
  GtkWidget *add = cb_line_list_get_add_row (list);

  for (guint i = 0; lines[i]; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (add), lines[i]);
      g_signal_emit_by_name (add, "entry-activated");
      cb_ui_drain ();
    }
}

/* Every ordered list of a co-plan can be reordered from the keyboard
 * (Move Up / Move Down, Alt+Up / Alt+Down) and by drag and drop; the
 * order is written like any edit and carries to the observation:
 * the monitoring chart, the focus look-fors, the debrief and packet. */
static void
test_coplan_reorder (void)
{
  g_autofree char *path = cb_ui_test_path ("reorder.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher", NULL);
  g_autofree char *other = cb_test_create (store, "person", "name", "Ben Okafor", "role", "teacher", NULL);
  g_autofree char *lf1 = cb_test_create (store, "look_for", "name", "Alpha practice of questioning", NULL);
  g_autofree char *lf2 = cb_test_create (store, "look_for", "name", "Omega practice of discourse", NULL);
  g_autofree char *focus = g_strjoin (" ", lf1, lf2, NULL);
  g_autofree char *coplan = NULL;
  g_autofree char *obs = NULL;
  CbCoplanEditor *ce;
  CbRecordEditor *plan;
  CbLineList *strategies, *misconceptions, *assessing, *advancing;
  GtkWidget *w;

  coplan = cb_ui_new_record (window, CB_SECTION_COPLANS);
  ce = CB_COPLAN_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "coplan"));
  plan = CB_RECORD_EDITOR (cb_coplan_editor_get_child (ce, "plan_editor"));
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (plan, "lesson")), "Making ten");
  cb_record_editor_set_value (plan, "teachers", teacher);
  cb_record_editor_set_value (plan, "look_fors", focus);
  cb_record_editor_flush (plan);
  cb_ui_drain ();

  strategies = cb_coplan_editor_get_list (ce, "strategies");
  misconceptions = cb_coplan_editor_get_list (ce, "misconceptions");
  assessing = cb_coplan_editor_get_list (ce, "assessing_questions");
  advancing = cb_coplan_editor_get_list (ce, "advancing_questions");
  {
    const char *s[] = { "Counts on", "Makes ten", "Uses doubles", NULL };
    const char *m[] = { "Counts the start number twice", "Thinks 10 + 3 is 13 ones only", NULL };
    const char *a[] = { "How did you start?", "Why ten?", NULL };
    const char *v[] = { "Can you do it without counting?", "Would it work with 9?", NULL };

    add_lines (strategies, s);
    add_lines (misconceptions, m);
    add_lines (assessing, a);
    add_lines (advancing, v);
  }

  /* Each row has labelled Move Up / Move Down buttons; the first cannot
   * move up, the last cannot move down. */
  w = cb_line_list_get_row_widget (strategies, 0, "up");
  g_assert_true (GTK_IS_BUTTON (w));
  g_assert_false (gtk_widget_get_sensitive (w));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (w), ==, "Move Up (Alt+Up)");
  g_assert_true (gtk_widget_get_sensitive (cb_line_list_get_row_widget (strategies, 0, "down")));
  g_assert_false (gtk_widget_get_sensitive (cb_line_list_get_row_widget (strategies, 2, "down")));
  g_assert_true (gtk_widget_get_sensitive (cb_line_list_get_row_widget (strategies, 2, "up")));

  /* Move Up by button (reached with Tab): the doubles before making ten. */
  gtk_widget_grab_focus (cb_line_list_get_row_widget (strategies, 2, "up"));
  click (cb_line_list_get_row_widget (strategies, 2, "up"));
  g_assert_cmpstr (line_text (strategies, 1), ==, "Uses doubles");
  g_assert_cmpstr (line_text (strategies, 2), ==, "Makes ten");
  /* the focus follows the strategy */
  g_assert_true (gtk_widget_has_focus (cb_line_list_get_row_widget (strategies, 1, "up")));

  /* Alt+Down from the first line's text: it moves down twice, the
   * keyboard focus with it. */
  gtk_widget_grab_focus (cb_line_list_get_row_widget (strategies, 0, "row"));
  cb_ui_drain ();
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (line_text (strategies, 0), ==, "Uses doubles");
  g_assert_cmpstr (line_text (strategies, 1), ==, "Makes ten");
  g_assert_cmpstr (line_text (strategies, 2), ==, "Counts on");
  g_assert_true (gtk_widget_is_ancestor (cb_ui_focus_of (GTK_WIDGET (window)),
                                         cb_line_list_get_row_widget (strategies, 2, "row")));
  /* at the bottom Alt+Down changes nothing */
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (line_text (strategies, 2), ==, "Counts on");

  /* Drag and drop, by the handle. */
  g_assert_true (drag_line (misconceptions, 1, 0));
  g_assert_cmpstr (line_text (misconceptions, 0), ==, "Thinks 10 + 3 is 13 ones only");
  /* a line of another list is not taken */
  {
    GtkEventController *target = find_controller (cb_line_list_get_row_widget (assessing, 0, "row"),
                                                  GTK_TYPE_DROP_TARGET);
    g_auto(GValue) value = G_VALUE_INIT;
    gboolean dropped = TRUE;

    g_value_init (&value, ADW_TYPE_ENTRY_ROW);
    g_value_set_object (&value, cb_line_list_get_row_widget (advancing, 0, "row"));
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
    g_assert_false (dropped);
  }
  /* Alt+Up in the questions. */
  gtk_widget_grab_focus (cb_line_list_get_row_widget (assessing, 1, "row"));
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_Up, GDK_ALT_MASK));
  click (cb_line_list_get_row_widget (advancing, 0, "down"));

  /* The look-fors to watch and the teachers keep an order too (the
   * first teacher is the one observed; the focus order gives Alt+1…). */
  cb_record_editor_set_value (plan, "teachers", teacher);
  {
    g_autofree char *both = g_strjoin (" ", teacher, other, NULL);
    cb_record_editor_set_value (plan, "teachers", both);
  }
  w = find_ref_move_button (GTK_WIDGET (plan), lf2, -1);
  g_assert_nonnull (w);
  g_assert_true (gtk_widget_get_sensitive (w));
  g_assert_false (gtk_widget_get_sensitive (find_ref_move_button (GTK_WIDGET (plan), lf1, -1)));
  click (w);
  /* and by keyboard: Alt+Down on the first teacher */
  {
    GtkWidget *down = find_ref_move_button (GTK_WIDGET (plan), teacher, 1);
    GtkWidget *row = gtk_widget_get_ancestor (down, ADW_TYPE_ACTION_ROW);
    GtkWidget *expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);

    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    cb_ui_drain ();
    gtk_widget_grab_focus (row);
    cb_ui_drain ();
    g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_Down, GDK_ALT_MASK));
  }
  cb_ui_spin (1200);   /* written as the coach works, through the one write path */
  cb_editor_flush (CB_EDITOR (ce));
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, coplan);
    g_autofree char *moved = g_strjoin (" ", lf2, lf1, NULL);
    g_autofree char *teachers = g_strjoin (" ", other, teacher, NULL);

    g_assert_cmpstr (cb_record_get (r, "strategies"), ==, "Uses doubles\nMakes ten\nCounts on");
    g_assert_cmpstr (cb_record_get (r, "misconceptions"), ==,
                     "Thinks 10 + 3 is 13 ones only\nCounts the start number twice");
    g_assert_cmpstr (cb_record_get (r, "assessing_questions"), ==, "Why ten?\nHow did you start?");
    g_assert_cmpstr (cb_record_get (r, "advancing_questions"), ==,
                     "Would it work with 9?\nCan you do it without counting?");
    g_assert_cmpstr (cb_record_get (r, "look_fors"), ==, moved);
    g_assert_cmpstr (cb_record_get (r, "teachers"), ==, teachers);
    /* one value each, as any edit: nothing to merge by hand */
    g_assert_cmpuint (cb_record_get_n_conflicts (r), ==, 0);
  }

  /* Reopened, the editor shows the stored order. */
  cb_window_set_section (window, CB_SECTION_LOGS);
  cb_ui_drain ();
  cb_window_set_section (window, CB_SECTION_COPLANS);
  cb_window_open_record (window, coplan);
  cb_ui_drain ();
  g_assert_cmpstr (line_text (strategies, 0), ==, "Uses doubles");
  g_assert_cmpstr (line_text (assessing, 0), ==, "Why ten?");

  /* "Observe this lesson": the monitoring chart in the co-plan's order,
   * the focus look-fors too, for the first teacher. */
  click (cb_coplan_editor_get_child (ce, "observe_button"));
  obs = g_strdup (cb_window_get_current_uuid (window));
  {
    g_autoptr(CbRecord) o = cb_ui_get_record (store, obs);
    g_autoptr(GPtrArray) rows = cb_ui_children (store, "monitor", obs);
    g_autofree char *moved = g_strjoin (" ", lf2, lf1, NULL);
    CbObservationEditor *oe = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
    CbMonitorChart *chart = CB_MONITOR_CHART (find_descendant (GTK_WIDGET (oe), CB_TYPE_MONITOR_CHART));
    const char *expected[] = { "Uses doubles", "Makes ten", "Counts on" };

    g_assert_cmpstr (cb_record_get (o, "focus"), ==, moved);
    g_assert_cmpstr (cb_record_get (o, "teacher"), ==, other);
    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpuint (cb_monitor_chart_get_n_rows (chart), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        GtkWidget *seen = cb_monitor_chart_get_row_widget (chart, i, "seen");
        GtkWidget *row = gtk_widget_get_ancestor (seen, GTK_TYPE_LIST_BOX_ROW);
        GtkWidget *label;

        g_assert_cmpstr (cb_record_get (g_ptr_array_index (rows, i), "strategy"), ==, expected[i]);
        g_assert_nonnull (row);
        label = find_descendant (row, GTK_TYPE_LABEL);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected[i]);
      }

    /* The debrief lists the look-fors in that order, and so does the
     * teacher's packet. */
    g_assert_true (cb_store_set (store, obs, "shared_with_teacher", "1", NULL));
    w = find_button (GTK_WIDGET (oe), _("Debrief"));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (w), TRUE);
    cb_ui_drain ();
    {
      CbDebriefView *dv = CB_DEBRIEF_VIEW (find_descendant (GTK_WIDGET (oe), CB_TYPE_DEBRIEF_VIEW));
      GtkWidget *first = gtk_widget_get_first_child (cb_debrief_view_get_child (dv, "look_for_list"));
      g_autofree char *pdf = cb_ui_test_path ("reorder.pdf");
      g_autofree char *text = NULL;

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==,
                       "Omega practice of discourse");
      g_assert_true (cb_debrief_view_export_packet (dv, pdf));
      text = pdf_text (pdf);
      if (text != NULL)
        {
          const char *omega = strstr (text, "Omega practice");
          const char *alpha = strstr (text, "Alpha practice");

          g_assert_nonnull (omega);
          g_assert_nonnull (alpha);
          g_assert_true (omega < alpha);
        }
    }
  }
  cb_ui_stop_app (app);
}

static void
test_coaching_day (void)
{
  g_autofree char *path = cb_ui_test_path ("day.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *school = cb_test_create (store, "school", "name", "Escuela Lincoln", NULL);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ben Okafor", "role", "teacher",
                                             "school", school, NULL);
  g_autofree char *eng = cb_test_create (store, "engagement", "name", "Lincoln coaching 2025–26",
                                         "schools", school, "start_date", "2025-08-01",
                                         "end_date", "2026-06-30", "coaches_per_day", "2", NULL);
  g_autofree char *later = cb_test_create (store, "engagement", "name", "Lincoln coaching 2026–27",
                                           "schools", school, "start_date", "2026-08-01",
                                           "end_date", "2027-06-30", NULL);
  g_autofree char *coplan = NULL;
  g_autofree char *log = NULL;
  CbCoachingDayDialog *dialog;
  CbLogEditor *le;

  /* "Coaching Day…" above the coaching log. */
  dialog = open_coaching_day (window);
  cb_ui_save_png (GTK_WIDGET (dialog), "coaching-day-dialog-test.png");
  /* The engagement follows the teacher's school and the date... */
  g_assert_null (cb_coaching_day_dialog_get_engagement (dialog));
  cb_coaching_day_dialog_set_teacher (dialog, teacher);
  cb_coaching_day_dialog_set_date (dialog, "2026-10-07");
  g_assert_cmpstr (cb_coaching_day_dialog_get_engagement (dialog), ==, later);
  cb_coaching_day_dialog_set_date (dialog, "2026-07-15");   /* between school years */
  g_assert_null (cb_coaching_day_dialog_get_engagement (dialog));
  cb_coaching_day_dialog_set_date (dialog, "2025-10-07");
  g_assert_cmpstr (cb_coaching_day_dialog_get_engagement (dialog), ==, eng);
  /* ...until the coach picks one: None, then back to this year's */
  {
    AdwComboRow *row = ADW_COMBO_ROW (cb_coaching_day_dialog_get_engagement_row (dialog));

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 3);
    adw_combo_row_set_selected (row, 0);
    cb_coaching_day_dialog_set_date (dialog, "2025-10-08");
    g_assert_null (cb_coaching_day_dialog_get_engagement (dialog));
    cb_coaching_day_dialog_set_date (dialog, "2025-10-07");
    for (guint i = 1; i < 3; i++)
      {
        adw_combo_row_set_selected (row, i);
        if (g_strcmp0 (cb_coaching_day_dialog_get_engagement (dialog), eng) == 0)
          break;
      }
    g_assert_cmpstr (cb_coaching_day_dialog_get_engagement (dialog), ==, eng);
    /* the coaches on the day follow the engagement's two a day */
    g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (cb_coaching_day_dialog_get_coaches_spin (dialog))),
                     ==, 2);
  }
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), _("C_reate")));
  click (find_button (GTK_WIDGET (dialog), _("C_reate")));
  /* The dialog closes itself. */
  g_assert_true (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* One step: the co-plan opens, linked to its observation and log. */
  coplan = g_strdup (cb_window_get_current_uuid (window));
  g_assert_nonnull (coplan);
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "coplan");
  {
    g_autoptr(CbRecord) p = cb_ui_get_record (store, coplan);
    g_autoptr(CbRecord) o = cb_ui_get_record (store, cb_record_get (p, "observation"));
    CbFilter filter = { 0 };
    g_autoptr(GPtrArray) logs = NULL;

    g_assert_cmpstr (cb_record_get_kind (p), ==, "coplan");
    g_assert_cmpstr (cb_record_get (p, "teachers"), ==, teacher);
    g_assert_cmpstr (cb_record_get (p, "date"), ==, "2025-10-07");
    g_assert_cmpstr (cb_record_get (o, "coplan"), ==, coplan);
    filter.kind = "coaching_log";
    filter.ref_field = "coplan";
    filter.ref_value = coplan;
    logs = cb_store_list (store, &filter, 10, NULL);
    g_assert_cmpuint (logs->len, ==, 1);
    log = g_strdup (cb_record_get_uuid (g_ptr_array_index (logs, 0)));
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (logs, 0), "observation"), ==, cb_record_get_uuid (o));
    /* the link to the engagement is stored on the log and the lesson */
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (logs, 0), "engagement"), ==, eng);
    g_assert_cmpstr (cb_record_get (o, "engagement"), ==, eng);
    g_assert_cmpint (cb_record_get_int (g_ptr_array_index (logs, 0), "coaches"), ==, 2);
  }

  /* The coaching log: minutes per activity, the total counted once. */
  cb_window_open_record (window, log);
  cb_ui_drain ();
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "log");
  le = CB_LOG_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "log"));
  g_assert_cmpuint (cb_log_editor_get_n_segments (le), ==, 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cb_log_editor_get_segment_widget (le, 0, "minutes")), 30);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cb_log_editor_get_segment_widget (le, 1, "minutes")), 45);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cb_log_editor_get_segment_widget (le, 2, "minutes")), 20);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cb_log_editor_get_child (le, "total_label"))), ==,
                   "Total: 1 h 35 min");
  {
    CbRecordEditor *fields = CB_RECORD_EDITOR (cb_log_editor_get_child (le, "log_fields"));

    gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "time_in")), "08:00");
    gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "time_out")), "09:00");
  }
  cb_ui_spin (900);
  g_assert_true (gtk_widget_get_visible (cb_log_editor_get_child (le, "warning_label")));
  {
    g_autoptr(GPtrArray) segments = cb_ui_children (store, "segment", log);
    gint64 sum = 0;

    for (guint i = 0; i < segments->len; i++)
      sum += cb_record_get_int (g_ptr_array_index (segments, i), "minutes");
    g_assert_cmpint (sum, ==, 95);
  }
  /* An activity added, then removed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (le), "log.add-segment", NULL));
  cb_ui_drain ();
  g_assert_cmpuint (cb_log_editor_get_n_segments (le), ==, 4);
  click (cb_log_editor_get_segment_widget (le, 3, "remove"));
  g_assert_cmpuint (cb_log_editor_get_n_segments (le), ==, 3);
  {
    g_autoptr(GPtrArray) segments = cb_ui_children (store, "segment", log);
    g_assert_cmpuint (segments->len, ==, 3);
  }
  cb_ui_save_png (GTK_WIDGET (window), "coaching-log-test.png");

  /* Totals by activity, teacher, school and month. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "log-totals"));
  cb_ui_drain ();
  {
    CbLogTotalsView *view = CB_LOG_TOTALS_VIEW (cb_cycle_pane_get_child (cycle_pane (window), "log-totals"));
    CbLogTotals *totals;

    g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "log-totals");
    for (guint i = 0; cb_log_totals_view_get_totals (view) == NULL && i < 500; i++)
      cb_ui_spin (10);
    totals = cb_log_totals_view_get_totals (view);
    g_assert_nonnull (totals);
    g_assert_cmpint (totals->minutes, ==, 95);
    g_assert_cmpint (cb_log_totals_find (totals->by_activity, "coplanning")->minutes, ==, 30);
    g_assert_cmpint (cb_log_totals_find (totals->by_teacher, teacher)->minutes, ==, 95);
    g_assert_cmpint (cb_log_totals_find (totals->by_month, "2025-10")->minutes, ==, 95);
    g_assert_cmpuint (cb_bar_chart_get_n_bars (CB_BAR_CHART (cb_log_totals_view_get_chart (view))), ==, 3);
    cb_log_totals_view_set_dimension (view, CB_TOTALS_BY_SCHOOL);
    g_assert_cmpuint (cb_bar_chart_get_n_bars (CB_BAR_CHART (cb_log_totals_view_get_chart (view))), ==, 1);
    cb_ui_save_png (GTK_WIDGET (window), "coaching-totals-test.png");
  }
  cb_ui_stop_app (app);
}

static void
test_pd_session (void)
{
  g_autofree char *path = cb_ui_test_path ("pd.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher", NULL);
  g_autofree char *ben = cb_test_create (store, "person", "name", "Ben Okafor", "role", "teacher", NULL);
  g_autofree char *session = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *today = cb_today_string ();
  CbPdEditor *pe;
  GtkWidget *message;

  session = cb_ui_new_record (window, CB_SECTION_PD);
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "pd");
  {
    const char *names[] = { "title", "start_time", "end_time" };
    const char *values[] = { "Launch PD day 1", "08:30", "12:00" };
    g_assert_true (cb_store_set_fields (store, session, names, values, 3, NULL));
  }
  cb_window_open_record (window, session);
  cb_ui_drain ();
  pe = CB_PD_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "pd"));

  /* Two blocks, one after the other. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "pd.add-block", NULL));
  cb_ui_drain ();
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 0, "title")), "Welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "pd.add-block", NULL));
  cb_ui_drain ();
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "title")), "Number talk");
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "facilitator")), "Rosa");
  cb_ui_spin (700);
  {
    g_autoptr(GPtrArray) blocks = cb_ui_children (store, "agenda_item", session);

    g_assert_cmpuint (blocks->len, ==, 2);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 0), "start_time"), ==, "08:30");
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 0), "end_time"), ==, "09:00");
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 1), "start_time"), ==, "09:00");
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 1), "end_time"), ==, "09:30");
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 1), "title"), ==, "Number talk");
  }

  /* Overlapping times are refused, with the reason next to the block,
   * and nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "start")), "8:45");
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "end")), "9:15");
  g_signal_emit_by_name (cb_pd_editor_get_block_widget (pe, 1, "end"), "activate");
  cb_ui_drain ();
  message = cb_pd_editor_get_block_widget (pe, 1, "message");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "overlaps"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "Welcome"));
  g_assert_true (gtk_widget_has_css_class (cb_pd_editor_get_block_widget (pe, 1, "start"), "error"));
  scroll_to (cb_pd_editor_get_block_widget (pe, 0, "start"));
  cb_ui_save_png (GTK_WIDGET (window), "pd-session-refused-test.png");
  {
    g_autoptr(GPtrArray) blocks = cb_ui_children (store, "agenda_item", session);

    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 1), "start_time"), ==, "09:00");
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 1), "end_time"), ==, "09:30");
  }
  /* Outside the session's time: refused too. */
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "start")), "11:30");
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "end")), "12:30");
  cb_pd_editor_check_block (pe, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "outside"));
  /* Fixed: written, the message gone. */
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "start")), "9:00");
  gtk_editable_set_text (GTK_EDITABLE (cb_pd_editor_get_block_widget (pe, 1, "end")), "10:15");
  cb_pd_editor_check_block (pe, 1);
  g_assert_false (gtk_widget_get_visible (message));
  {
    g_autoptr(GPtrArray) blocks = cb_ui_children (store, "agenda_item", session);

    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 1), "start_time"), ==, "09:00");
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (blocks, 1), "end_time"), ==, "10:15");
  }

  /* Sign-in from the people list, with hours. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cb_pd_editor_get_person_widget (pe, ana, "check")), TRUE);
  cb_ui_drain ();
  {
    g_autoptr(GPtrArray) att = cb_ui_children (store, "attendance", session);

    g_assert_cmpuint (att->len, ==, 1);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (att, 0), "person"), ==, ana);
    g_assert_true (cb_record_get_bool (g_ptr_array_index (att, 0), "present"));
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (att, 0), "hours"), ==, "3.5");
  }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cb_pd_editor_get_person_widget (pe, ana, "hours")), 2.5);
  cb_ui_spin (700);
  {
    g_autoptr(GPtrArray) att = cb_ui_children (store, "attendance", session);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (att, 0), "hours"), ==, "2.5");
  }
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (cb_pd_editor_get_person_widget (pe, ben, "check"))));

  /* Duplicate as template: the plan and agenda, not the sign-in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "pd.duplicate", NULL));
  cb_ui_drain ();
  copy = g_strdup (cb_window_get_current_uuid (window));
  g_assert_cmpstr (copy, !=, session);
  {
    g_autoptr(CbRecord) c = cb_ui_get_record (store, copy);
    g_autoptr(GPtrArray) blocks = cb_ui_children (store, "agenda_item", copy);
    g_autoptr(GPtrArray) att = cb_ui_children (store, "attendance", copy);

    g_assert_cmpstr (cb_record_get (c, "title"), ==, "Launch PD day 1 (copy)");
    g_assert_cmpuint (blocks->len, ==, 2);
    g_assert_cmpuint (att->len, ==, 0);
  }

  /* The month view and its list. */
  g_assert_true (cb_store_set (store, copy, "date", today, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "pd-calendar"));
  cb_ui_drain ();
  {
    CbPdPlanner *planner = CB_PD_PLANNER (cb_cycle_pane_get_child (cycle_pane (window), "pd-calendar"));

    g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "pd-calendar");
    g_assert_cmpuint (cb_pd_planner_get_n_listed (planner), ==, 2);
    click (cb_month_grid_get_day (CB_MONTH_GRID (cb_pd_planner_get_grid (planner)), today));
    g_assert_cmpuint (cb_pd_planner_get_n_listed (planner), ==, 2);
    cb_ui_save_png (GTK_WIDGET (window), "pd-calendar-test.png");
  }
  cb_ui_stop_app (app);
}

static void
test_engagement (void)
{
  g_autofree char *path = cb_ui_test_path ("engagement.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *school = cb_test_create (store, "school", "name", "Academia Charter", NULL);
  g_autofree char *eng = NULL;
  g_autofree char *log = NULL;
  g_autofree char *seg = NULL;
  g_autofree char *pd = NULL;
  CbEngagementEditor *ee;
  CbDelivered *d;

  eng = cb_ui_new_record (window, CB_SECTION_ENGAGEMENTS);
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "engagement");
  {
    const char *names[] = { "name", "schools", "start_date", "end_date", "planned_launch_days",
                            "planned_pd_days", "planned_coaching_days", "planned_hours" };
    const char *values[] = { "Academia 2025–26", school, "2025-08-01", "2026-06-30", "2", "3", "8", "120" };
    g_assert_true (cb_store_set_fields (store, eng, names, values, G_N_ELEMENTS (names), NULL));
  }
  ee = CB_ENGAGEMENT_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "engagement"));

  /* A launch day and a coaching day move the dashboard. */
  pd = cb_test_create (store, "pd_session", "title", "Launch", "date", "2025-08-12", "start_time", "08:30",
                       "end_time", "15:00", "launch", "1", "engagement", eng, NULL);
  log = cb_test_create (store, "coaching_log", "summary", "Visit", "date", "2025-10-07", "school", school, NULL);
  seg = cb_test_create (store, "segment", "log", log, "activity", "observation", "minutes", "60", NULL);
  for (guint i = 0; i < 300; i++)
    {
      d = cb_engagement_editor_get_delivered (ee);
      if (d != NULL && d->launch_days == 1 && d->coaching_days == 1)
        break;
      cb_ui_spin (20);
    }
  d = cb_engagement_editor_get_delivered (ee);
  g_assert_nonnull (d);
  g_assert_cmpuint (d->launch_days, ==, 1);
  g_assert_cmpuint (d->coaching_days, ==, 1);
  g_assert_cmpint (d->planned_coaching_days, ==, 8);
  g_assert_cmpfloat (d->hours, ==, 7.5);
  g_assert_cmpuint (cb_bar_chart_get_n_bars (CB_BAR_CHART (cb_engagement_editor_get_child (ee, "chart"))), ==, 4);
  cb_ui_save_png (GTK_WIDGET (window), "engagement-test.png");
  cb_ui_stop_app (app);
}

/* Observing counts as coaching time: ending an observation made with
 * "Observe this lesson" puts its minutes in the coaching log, once,
 * and the engagement's hours follow; the coach adjusts them in the log. */
static void
test_observation_minutes (void)
{
  g_autofree char *path = cb_ui_test_path ("observed.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *today = cb_today_string ();
  g_autofree char *school = cb_test_create (store, "school", "name", "Escuela Lincoln", NULL);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher",
                                             "school", school, NULL);
  g_autofree char *eng = cb_test_create (store, "engagement", "name", "Lincoln coaching", "schools", school,
                                         "planned_hours", "10", NULL);
  g_autofree char *coplan = cb_test_create (store, "coplan", "lesson", "Sharing pizza", "teachers", teacher,
                                            "school", school, "date", today, NULL);
  g_autofree char *obs = NULL;
  g_autofree char *log = NULL;
  CbObservationEditor *oe;
  CbEngagementEditor *ee;
  CbLogEditor *le;
  CbDelivered *d = NULL;
  GtkWidget *capture;
  CbCoplanEditor *ce;

  cb_window_open_record (window, coplan);
  cb_ui_drain ();
  ce = CB_COPLAN_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "coplan"));
  click (cb_coplan_editor_get_child (ce, "observe_button"));
  obs = g_strdup (cb_window_get_current_uuid (window));
  g_assert_cmpstr (editor_page (window), ==, "observation");
  oe = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));

  /* The lesson starts and ends from the keyboard. */
  cb_observation_editor_focus_capture (oe);
  capture = cb_ui_focus_of (GTK_WIDGET (window));
  g_assert_true (cb_ui_press (capture, GDK_KEY_space, GDK_CONTROL_MASK));
  cb_ui_type_and_enter (capture, "T launches the task");
  cb_ui_spin (1200);
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_space, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  cb_ui_drain ();

  /* The log of the visit, with an observation segment. */
  {
    CbFilter filter = { 0 };
    g_autoptr(GPtrArray) logs = NULL;
    g_autoptr(GPtrArray) segments = NULL;
    CbRecord *l;

    filter.kind = "coaching_log";
    logs = cb_store_list (store, &filter, 10, NULL);
    g_assert_cmpuint (logs->len, ==, 1);
    l = g_ptr_array_index (logs, 0);
    log = g_strdup (cb_record_get_uuid (l));
    g_assert_cmpstr (cb_record_get (l, "observation"), ==, obs);
    g_assert_cmpstr (cb_record_get (l, "teachers"), ==, teacher);
    g_assert_cmpstr (cb_record_get (l, "date"), ==, today);
    /* the visit's time in and out, as the lesson clock gave them */
    g_assert_cmpuint (strlen (cb_record_get (l, "time_in")), ==, 5);
    g_assert_cmpuint (strlen (cb_record_get (l, "time_out")), ==, 5);
    segments = cb_ui_children (store, "segment", log);
    g_assert_cmpuint (segments->len, ==, 1);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (segments, 0), "activity"), ==, "observation");
    g_assert_cmpint (cb_record_get_int (g_ptr_array_index (segments, 0), "minutes"), ==, 1);
  }
  /* Started and ended again: still counted once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (oe), "observation.clock-toggle", NULL));
  cb_ui_spin (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (oe), "observation.clock-stop", NULL));
  cb_ui_drain ();
  g_assert_cmpuint (count_kind (store, "coaching_log"), ==, 1);
  g_assert_cmpuint (count_kind (store, "segment"), ==, 1);

  /* The coach adjusts the minutes in the log. */
  cb_window_open_record (window, log);
  cb_ui_drain ();
  le = CB_LOG_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "log"));
  g_assert_cmpuint (cb_log_editor_get_n_segments (le), ==, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cb_log_editor_get_segment_widget (le, 0, "minutes")), 45);
  cb_ui_spin (900);
  {
    g_autoptr(GPtrArray) segments = cb_ui_children (store, "segment", log);

    g_assert_cmpint (cb_record_get_int (g_ptr_array_index (segments, 0), "minutes"), ==, 45);
  }

  /* The engagement's hours count the observation. */
  cb_window_open_record (window, eng);
  cb_ui_drain ();
  ee = CB_ENGAGEMENT_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "engagement"));
  for (guint i = 0; i < 300; i++)
    {
      d = cb_engagement_editor_get_delivered (ee);
      if (d != NULL && d->coaching_hours > 0)
        break;
      cb_ui_spin (20);
    }
  g_assert_nonnull (d);
  g_assert_cmpfloat (d->coaching_hours, ==, 0.75);
  g_assert_cmpuint (d->coaching_days, ==, 1);
  cb_ui_stop_app (app);
}

/* The contract as delivered, exported from the engagement for
 * invoicing: the spreadsheet and the PDF hold the table, coach days
 * with two coaches a day, and nothing private. */
typedef struct
{
  GError   *error;
  gboolean  done;
} Exported;

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Exported *e = user_data;

  if (!cb_engagement_editor_export_finish (result, &e->error) && e->error == NULL)
    g_set_error_literal (&e->error, G_IO_ERROR, G_IO_ERROR_FAILED, "no file");
  e->done = TRUE;
}

static GError *
export_contract (CbEngagementEditor *ee,
                 CbContractFormat    format,
                 const char         *path)
{
  Exported e = { NULL, FALSE };

  cb_engagement_editor_export_async (ee, format, path, NULL, on_exported_cb, &e);
  wait_for (&e.done);
  return e.error;
}

static void
test_contract_export (void)
{
  g_autofree char *path = cb_ui_test_path ("contract.db");
  g_autofree char *csv = cb_ui_test_path ("delivered.csv");
  g_autofree char *pdf = cb_ui_test_path ("delivered.pdf");
  g_autofree char *refused = cb_ui_test_path ("refused.csv");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *school = cb_test_create (store, "school", "name", "Academia Charter", NULL);
  g_autofree char *eng = cb_test_create (store, "engagement", "name", "Academia 2025–26", "client", "Academia Charter",
                                         "school_year", "2025–26", "schools", school, "start_date", "2025-08-01",
                                         "end_date", "2026-06-30", "planned_launch_days", "2", "planned_pd_days", "3",
                                         "planned_coaching_days", "8", "planned_hours", "10",
                                         "coaches_per_day", "2", NULL);
  g_autofree char *secret_eng = cb_test_create (store, "engagement", "name", "SECRETENGAGEMENT", "privacy", "private",
                                                NULL);
  g_autofree char *log1 = cb_test_create (store, "coaching_log", "summary", "Visit", "date", "2025-10-07",
                                          "engagement", eng, "coaches", "2", NULL);
  g_autofree char *log2 = cb_test_create (store, "coaching_log", "summary", "Visit", "date", "2025-11-04",
                                          "engagement", eng, "coaches", "1", NULL);
  g_autofree char *secret = cb_test_create (store, "coaching_log", "summary", "PRIVATEVISIT", "date", "2025-12-02",
                                            "engagement", eng, "privacy", "private", NULL);
  g_autofree char *s1 = cb_test_create (store, "segment", "log", log1, "activity", "observation", "minutes", "600", NULL);
  g_autofree char *s2 = cb_test_create (store, "segment", "log", log2, "activity", "debrief", "minutes", "30", NULL);
  g_autofree char *s3 = cb_test_create (store, "segment", "log", secret, "activity", "debrief", "minutes", "60", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CbEngagementEditor *ee;
  CbDelivered *d = NULL;

  cb_window_open_record (window, eng);
  cb_ui_drain ();
  ee = CB_ENGAGEMENT_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "engagement"));
  for (guint i = 0; i < 300; i++)
    {
      d = cb_engagement_editor_get_delivered (ee);
      if (d != NULL && d->coaching_days == 3)
        break;
      cb_ui_spin (20);
    }
  /* the dashboard on this laptop counts the private day */
  g_assert_nonnull (d);
  g_assert_cmpuint (d->coaching_days, ==, 3);
  g_assert_cmpuint (d->coach_days, ==, 4);
  cb_ui_save_png (GTK_WIDGET (window), "engagement-coach-days-test.png");

  /* The spreadsheet leaves the private log out. */
  error = export_contract (ee, CB_CONTRACT_CSV, csv);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFService,Planned,Delivered,Difference,Dates\r\n"));
  g_assert_nonnull (strstr (text, "\r\nLaunch PD days,2,0,-2,\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCoaching days,8,2,-6,\"2025-10-07, 2025-11-04\"\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCoach days,16,3,-13,\"2025-10-07 (2), 2025-11-04 (1)\"\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCoaching hours,,10.5,,\r\n"));
  g_assert_nonnull (strstr (text, "\r\nHours,10,10.5,+0.5,\r\n"));
  g_assert_null (strstr (text, "2025-12-02"));
  g_clear_pointer (&text, g_free);

  /* The PDF holds the same table. */
  error = export_contract (ee, CB_CONTRACT_PDF, pdf);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Academia 2025–26"));
      g_assert_nonnull (strstr (text, "Delivered against planned"));
      g_assert_nonnull (strstr (text, "Coach days"));
      g_assert_nonnull (strstr (text, "2025-10-07 (2)"));
      g_assert_nonnull (strstr (text, "+0.5"));
      g_assert_nonnull (strstr (text, "Planned: 2 coaches on each coaching day."));
      g_assert_null (strstr (text, "2025-12-02"));
    }

  /* A private engagement does not leave the laptop. */
  cb_window_open_record (window, secret_eng);
  cb_ui_drain ();
  error = export_contract (ee, CB_CONTRACT_CSV, refused);
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  cb_ui_stop_app (app);
}

/* A hash of everything a database holds, read through SQLite on the
 * store's own connection (the file itself is never read while open). */
static char *
content_hash (CbStore *store)
{
  sqlite3 *db = cb_store_get_db (store);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'fts%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", (char *) g_ptr_array_index (tables, t));

      g_checksum_update (sum, g_ptr_array_index (tables, t), -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const void *blob = sqlite3_column_blob (stmt, c);
            int n = sqlite3_column_bytes (stmt, c);

            g_checksum_update (sum, (const guchar *) "|", 1);
            if (blob != NULL)
              g_checksum_update (sum, blob, n);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* The empty Today offers a sample notebook: demo data in a database of
 * its own, dated around today, clearly marked, and a way back; the
 * coach's own database is unchanged. */
static void
test_sample_notebook (void)
{
  g_autofree char *path = cb_ui_test_path ("own.db");
  g_autofree char *sample_path = cb_ui_test_path ("sample-notebook.db");
  g_autofree char *today = cb_today_string ();
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *own = cb_application_get_store (app);
  CbStore *sample;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *made = NULL;
  CbTodayView *today_view;
  GtkWidget *button;

  g_object_ref (own);
  today_view = CB_TODAY_VIEW (cb_window_get_child (window, "today_view"));
  cb_today_view_refresh (today_view);
  button = cb_today_view_get_sample_button (today_view);
  g_assert_true (gtk_widget_is_visible (button));
  cb_ui_save_png (GTK_WIDGET (window), "today-empty-test.png");
  before = content_hash (own);

  /* Explore: a new window on another database */
  click (button);
  for (guint i = 0; i < 1000 && !cb_application_is_sample (app); i++)
    cb_ui_spin (10);
  g_assert_true (cb_application_is_sample (app));
  cb_ui_drain ();
  window = cb_ui_app_window (app);
  sample = cb_application_get_store (app);
  g_assert_true (sample != own);
  g_assert_cmpstr (cb_store_get_path (sample), ==, sample_path);
  g_assert_cmpstr (cb_store_get_path (own), ==, path);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (cb_window_get_child (window, "sample_revealer"))));
  g_assert_cmpuint (count_kind (sample, "engagement"), ==, 1);
  g_assert_cmpuint (count_kind (sample, "observation"), >, 10);
  /* dated around today: nothing after it, nothing long overdue */
  {
    CbFilter filter = { 0 };
    g_autoptr(GPtrArray) items = NULL;

    filter.kind = "observation";
    filter.date_from = today;
    g_assert_cmpuint (cb_store_count (sample, &filter), <=, 1);
    filter.kind = "action_item";
    filter.date_from = NULL;
    items = cb_store_list (sample, &filter, 1000, NULL);
    for (guint i = 0; i < items->len; i++)
      {
        CbRecord *r = g_ptr_array_index (items, i);
        const char *status = cb_record_get (r, "status");

        if (g_strcmp0 (status, "open") == 0 || g_strcmp0 (status, "in_progress") == 0)
          {
            g_autoptr(GDateTime) now = g_date_time_new_now_local ();
            g_autoptr(GDateTime) limit = g_date_time_add_days (now, -330);
            g_autofree char *oldest = g_date_time_format (limit, "%Y-%m-%d");

            g_assert_cmpstr (cb_record_get (r, "due"), >=, oldest);
          }
      }
  }
  cb_ui_save_png (GTK_WIDGET (window), "sample-notebook-test.png");
  /* the coach may try things in the sample */
  made = cb_ui_new_record (window, CB_SECTION_COPLANS);
  g_assert_nonnull (made);
  {
    g_autoptr(CbRecord) r = cb_store_get (sample, made, NULL);
    g_assert_nonnull (r);
  }
  g_assert_null (cb_store_get (own, made, NULL));

  /* Back to the coach's own notebook, unchanged */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "leave-sample"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "leave-sample", NULL);
  cb_ui_drain ();
  g_assert_false (cb_application_is_sample (app));
  g_assert_true (cb_application_get_store (app) == own);
  window = cb_ui_app_window (app);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (cb_window_get_child (window, "sample_revealer"))));
  after = content_hash (own);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (cb_store_get (own, made, NULL));
  g_object_unref (own);
  cb_ui_stop_app (app);
}

/* ------------------------------------------------- the print dialog */

/* The print dialog is driven through its GObject properties and its
 * buttons, as the app uses it: the test needs no gtk4-unix-print. */
static GtkWindow *
find_print_dialog (void)
{
  return cb_ui_find_toplevel (g_type_from_name ("GtkPrintUnixDialog"));
}

static char *
selected_printer_name (GtkWindow *dialog)
{
  g_autoptr(GObject) printer = NULL;
  char *name = NULL;

  g_object_get (dialog, "selected-printer", &printer, NULL);
  if (printer != NULL)
    g_object_get (printer, "name", &name, NULL);
  return name;
}

/* The real Print action of the debrief: "Print Packet…" opens the
 * GtkPrintOperation's dialog; the test picks the "Print to File"
 * printer with a PDF file (as a coach would with no printer at hand),
 * presses Print, and reads what was printed: the shared strengths,
 * never the private note. */
static void
test_print_dialog (void)
{
  g_autofree char *path = cb_ui_test_path ("print.db");
  g_autofree char *out = cb_ui_test_path ("printed-from-dialog.pdf");
  g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  g_autofree char *teacher = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *line = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *printer = NULL;
  GtkWindow *dialog = NULL;
  CbObservationEditor *oe;
  CbDebriefView *dv;
  GtkWidget *print;
  const char *file_printer = g_dgettext ("gtk40", "Print to File");

  /* Only the printers that need no print server: no CUPS to wait for. */
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);

  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  teacher = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher", NULL);
  obs = cb_test_create (store, "observation", "lesson", "Unit 5 Lesson 3: area models", "teacher", teacher,
                        "date", "2025-10-07", "strengths", "STRENGTH: every student explained a model.",
                        "next_steps", "NEXTSTEP: a number talk before the task.",
                        "private_notes", "PRIVATEMARK the principal is pushing for scores",
                        "shared_with_teacher", "1", NULL);
  line = cb_test_create (store, "evidence", "observation", obs, "offset", "90",
                         "text", "SHAREDLINE students compare two area models", NULL);
  secret = cb_test_create (store, "evidence", "observation", obs, "offset", "120",
                           "text", "PRIVATELINE a note for me only", "privacy", "private", NULL);

  cb_window_set_section (window, CB_SECTION_OBSERVATIONS);
  cb_window_open_record (window, obs);
  cb_ui_drain ();
  oe = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (oe), _("Debrief"))), TRUE);
  cb_ui_drain ();
  dv = CB_DEBRIEF_VIEW (find_descendant (GTK_WIDGET (oe), CB_TYPE_DEBRIEF_VIEW));
  print = find_button (GTK_WIDGET (dv), _("_Print Packet…"));
  g_assert_nonnull (print);
  g_assert_true (gtk_widget_is_sensitive (print));

  /* The button runs the print operation, which shows its dialog. */
  click (print);
  for (guint i = 0; (dialog = find_print_dialog ()) == NULL && i < 500; i++)
    cb_ui_spin (20);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  cb_ui_save_png (GTK_WIDGET (dialog), "print-dialog-test.png");

  /* "Print to File", as PDF, into the test's folder: the dialog selects
   * the printer as soon as its backend lists it. */
  gtk_print_settings_set_printer (settings, file_printer);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  g_object_set (dialog, "print-settings", settings, NULL);
  for (guint i = 0; i < 500; i++)
    {
      g_free (printer);
      printer = selected_printer_name (dialog);
      if (g_strcmp0 (printer, file_printer) == 0)
        break;
      cb_ui_spin (20);
    }
  g_assert_cmpstr (printer, ==, file_printer);
  cb_ui_spin (200);
  cb_ui_save_png (GTK_WIDGET (dialog), "print-dialog-file-test.png");

  /* Print: the dialog's own button. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  print = find_button (GTK_WIDGET (dialog), g_dgettext ("gtk40", "_Print"));
  g_assert_nonnull (print);
  g_assert_true (gtk_widget_is_sensitive (print));
  click (print);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (out);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (dialog == NULL && info != NULL && g_file_info_get_size (info) > 0 &&
          (text = pdf_text (out)) != NULL && strstr (text, "STRENGTH") != NULL)
        break;
      g_clear_pointer (&text, g_free);
      cb_ui_spin (20);
    }
  g_assert_null (dialog);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  if (text == NULL)
    text = pdf_text (out);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "STRENGTH"));
      g_assert_nonnull (strstr (text, "NEXTSTEP"));
      g_assert_nonnull (strstr (text, "SHAREDLINE"));
      g_assert_null (strstr (text, "PRIVATEMARK"));
      g_assert_null (strstr (text, "PRIVATELINE"));
    }
  cb_ui_stop_app (app);
}

/* ------------------------------------------- the scope of services */

static void
type_field (CbRecordEditor *editor,
            const char     *field,
            const char     *text)
{
  GtkWidget *w = cb_record_editor_get_field_widget (editor, field);

  g_assert_true (GTK_IS_EDITABLE (w));
  gtk_editable_set_text (GTK_EDITABLE (w), text);
  cb_ui_drain ();
}

/* What the dashboard shows, once it has counted @launch, @pd and
 * @coaching days (at most ten seconds). */
static CbDelivered *
wait_delivered (CbWindow   *window,
                const char *eng,
                guint       launch,
                guint       pd,
                guint       coaching)
{
  CbEngagementEditor *ee;
  CbDelivered *d = NULL;

  cb_window_set_section (window, CB_SECTION_ENGAGEMENTS);
  cb_window_open_record (window, eng);
  cb_ui_drain ();
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "engagement");
  ee = CB_ENGAGEMENT_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "engagement"));
  for (guint i = 0; i < 500; i++)
    {
      d = cb_engagement_editor_get_delivered (ee);
      if (d != NULL && d->launch_days == launch && d->pd_days == pd && d->coaching_days == coaching)
        break;
      cb_ui_spin (20);
    }
  g_assert_nonnull (d);
  g_assert_cmpuint (d->launch_days, ==, launch);
  g_assert_cmpuint (d->pd_days, ==, pd);
  g_assert_cmpuint (d->coaching_days, ==, coaching);
  g_assert_cmpuint (cb_bar_chart_get_n_bars (CB_BAR_CHART (cb_engagement_editor_get_child (ee, "chart"))), ==, 4);
  return d;
}

static void
assert_bar (CbDelivered *d,
            guint        index,
            const char  *text)
{
  g_autoptr(GArray) bars = cb_delivered_bars (d);

  g_assert_cmpstr (g_array_index (bars, CbDeliveredBar, index).text, ==, text);
}

/* A PD session typed into the PD planner, linked to the engagement by
 * its chooser. */
static char *
record_pd_session (CbWindow   *window,
                   const char *title,
                   const char *date,
                   const char *start,
                   const char *end,
                   gboolean    launch)
{
  CbPdEditor *pe;
  CbRecordEditor *fields;
  char *session;

  session = cb_ui_new_record (window, CB_SECTION_PD);
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "pd");
  pe = CB_PD_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "pd"));
  fields = CB_RECORD_EDITOR (find_descendant (GTK_WIDGET (pe), CB_TYPE_RECORD_EDITOR));
  type_field (fields, "title", title);
  type_field (fields, "date", date);
  type_field (fields, "start_time", start);
  type_field (fields, "end_time", end);
  cb_ui_popup_field (fields, "engagement");
  cb_ui_choose_in_popup (window, "Leadership");
  gtk_switch_set_active (GTK_SWITCH (cb_record_editor_get_field_widget (fields, "launch")), launch);
  cb_ui_spin (900);
  return session;
}

/* "Coaching Day…" for a teacher: the dialog offers the engagement that
 * covers the teacher's school on that date. */
static void
record_coaching_day (CbWindow   *window,
                     const char *teacher_search,
                     const char *date,
                     const char *eng)
{
  CbCoachingDayDialog *dialog = open_coaching_day (window);

  gtk_menu_button_popup (GTK_MENU_BUTTON (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_MENU_BUTTON)));
  cb_ui_drain ();
  cb_ui_choose_in_root (GTK_WIDGET (dialog), teacher_search);
  cb_coaching_day_dialog_set_date (dialog, date);
  g_assert_cmpstr (cb_coaching_day_dialog_get_engagement (dialog), ==, eng);
  click (find_button (GTK_WIDGET (dialog), _("C_reate")));
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "coplan");
}

/* Must show: a facilitator enters the seed scope of services (29
 * teachers; a two-day launch PD in August; PD days in October,
 * February and May; eight monthly coaching days with two coaches) and
 * sees delivered against planned move as sessions and coaching days
 * are recorded — all through the window. */
static void
test_scope_of_services (void)
{
  g_autofree char *path = cb_ui_test_path ("scope.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *school = cb_test_create (store, "school", "name", "Los Angeles Leadership Academy", NULL);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher",
                                         "school", school, "subjects", "Math", NULL);
  g_autofree char *ben = cb_test_create (store, "person", "name", "Ben Okafor", "role", "teacher",
                                         "school", school, "subjects", "Math", NULL);
  g_autofree char *eng = NULL;
  g_autofree char *day1 = NULL;
  g_autofree char *day2 = NULL;
  g_autofree char *morning = NULL;
  g_autofree char *afternoon = NULL;
  CbEngagementEditor *ee;
  CbRecordEditor *fields;
  CbDelivered *d;

  /* The scope of services, typed into a new engagement. */
  eng = cb_ui_new_record (window, CB_SECTION_ENGAGEMENTS);
  g_assert_nonnull (eng);
  g_assert_cmpstr (cb_cycle_pane_get_page (cycle_pane (window)), ==, "engagement");
  ee = CB_ENGAGEMENT_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "engagement"));
  fields = CB_RECORD_EDITOR (cb_engagement_editor_get_child (ee, "fields"));
  type_field (fields, "name", "Leadership Academy mathematics 2025–26");
  type_field (fields, "client", "Los Angeles Leadership Academy");
  cb_ui_popup_field (fields, "schools");
  cb_ui_choose_in_popup (window, "leadership");
  type_field (fields, "school_year", "2025–26");
  type_field (fields, "start_date", "2025-08-01");
  type_field (fields, "end_date", "2026-06-30");
  type_field (fields, "teachers_served", "29");
  type_field (fields, "planned_launch_days", "2");
  type_field (fields, "planned_pd_days", "3");
  type_field (fields, "planned_coaching_days", "8");
  set_text_view (cb_record_editor_get_field_widget (fields, "notes"),
                 "PD days in October, February and May: all teachers in the morning, math teachers "
                 "in the afternoon. Two coaches on each monthly coaching day.");
  cb_ui_spin (900);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, eng);

    g_assert_cmpstr (cb_record_get (r, "schools"), ==, school);
    g_assert_cmpint (cb_record_get_int (r, "teachers_served"), ==, 29);
    g_assert_cmpint (cb_record_get_int (r, "planned_launch_days"), ==, 2);
    g_assert_cmpint (cb_record_get_int (r, "planned_pd_days"), ==, 3);
    g_assert_cmpint (cb_record_get_int (r, "planned_coaching_days"), ==, 8);
    g_assert_cmpstr (cb_record_get (r, "start_date"), ==, "2025-08-01");
  }
  d = wait_delivered (window, eng, 0, 0, 0);
  assert_bar (d, 0, "0 of 2");
  assert_bar (d, 1, "0 of 3");
  assert_bar (d, 2, "0 of 8");
  cb_ui_save_png (GTK_WIDGET (window), "scope-empty-test.png");

  /* The two-day launch in August. */
  day1 = record_pd_session (window, "Launch day 1: discourse in every subject", "2025-08-12",
                            "08:30", "15:00", TRUE);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, day1);

    g_assert_cmpstr (cb_record_get (r, "engagement"), ==, eng);
    g_assert_true (cb_record_get_bool (r, "launch"));
    g_assert_cmpstr (cb_record_get (r, "date"), ==, "2025-08-12");
  }
  d = wait_delivered (window, eng, 1, 0, 0);
  assert_bar (d, 0, "1 of 2");
  day2 = record_pd_session (window, "Launch day 2: teaching practices for math", "2025-08-13",
                            "08:30", "15:00", TRUE);
  d = wait_delivered (window, eng, 2, 0, 0);
  assert_bar (d, 0, "2 of 2");
  g_assert_cmpfloat_with_epsilon (d->pd_hours, 13.0, 1e-9);

  /* October: the all-teacher morning and the math afternoon are one
   * PD day. */
  morning = record_pd_session (window, "October PD: engagement strategies (all teachers)", "2025-10-24",
                               "08:00", "11:30", FALSE);
  afternoon = record_pd_session (window, "October PD: mathematical practices (math)", "2025-10-24",
                                 "12:30", "15:30", FALSE);
  d = wait_delivered (window, eng, 2, 1, 0);
  assert_bar (d, 1, "1 of 3");

  /* The first monthly coaching day, two coaches: one day, not two. */
  record_coaching_day (window, "Ana", "2025-09-16", eng);
  d = wait_delivered (window, eng, 2, 1, 1);
  assert_bar (d, 2, "1 of 8");
  record_coaching_day (window, "Ben", "2025-09-16", eng);
  d = wait_delivered (window, eng, 2, 1, 1);
  g_assert_cmpstr (g_ptr_array_index (d->coaching_dates, 0), ==, "2025-09-16");
  /* the second month */
  record_coaching_day (window, "Ana", "2025-10-07", eng);
  d = wait_delivered (window, eng, 2, 1, 2);
  assert_bar (d, 2, "2 of 8");
  {
    GtkWidget *dates = cb_engagement_editor_get_child (ee, "dates_list");

    g_assert_cmpuint (count_rows (dates), ==, 3);
  }
  cb_ui_save_png (GTK_WIDGET (window), "scope-moving-test.png");
  cb_ui_stop_app (app);
}

static void
on_csv_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_csv_export_file_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static void
test_csv_export (void)
{
  g_autofree char *path = cb_ui_test_path ("csv.db");
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  static const struct { CbCsvKind kind; const char *name; } kinds[] = {
    { CB_CSV_COACHING_LOG, "log.csv" },
    { CB_CSV_ACTION_ITEM, "actions.csv" },
    { CB_CSV_ATTENDANCE, "attendance.csv" },
  };

  cb_ui_generate_db (path, 800, 3);
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  /* The section's button and the menu item use this window action. */
  cb_window_set_section (window, CB_SECTION_ACTIONS);
  cb_ui_drain ();

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *file = cb_ui_test_path (kinds[k].name);
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      g_autofree char *text = NULL;
      gsize len = 0;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GError) error = NULL;
      gboolean done = FALSE;

      /* Written on a worker thread, read back, and the same rows as
       * the core writes for the CLI. */
      cb_csv_export_file_async (store, kinds[k].kind, file, NULL, on_csv_written_cb, &done);
      wait_for (&done);
      g_assert_true (g_file_get_contents (file, &text, &len, NULL));
      rows = cb_csv_parse (text, len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, >, 1);
      g_assert_true (cb_csv_write (store, kinds[k].kind, CB_CSV_FLAGS_NONE, memory, NULL, &error));
      g_output_stream_close (memory, NULL, NULL);
      expected = cb_csv_parse (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                               g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, expected->len);
      for (guint i = 0; i < rows->len; i++)
        {
          char **a = g_ptr_array_index (rows, i), **b = g_ptr_array_index (expected, i);
          g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
          for (guint j = 0; a[j]; j++)
            g_assert_cmpstr (a[j], ==, b[j]);
        }
    }
  cb_ui_stop_app (app);
}

/* ---------------------------------------------------- screenshots */

static void
shoot (CbWindow   *window,
       const char *name,
       const char *suffix)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, suffix);

  cb_ui_save_png (GTK_WIDGET (window), file);
}

static void
shoot_all (CbWindow   *window,
           CbStore    *store,
           const char *suffix,
           gboolean    narrow,
           const char *coplan,
           const char *obs,
           const char *log,
           const char *session,
           const char *eng)
{
  GtkWidget *leaflet = cb_window_get_child (window, "leaflet");
  CbObservationEditor *oe = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  GtkWidget *toggle;

  cb_window_set_section (window, CB_SECTION_COPLANS);
  cb_window_open_record (window, coplan);
  cb_ui_drain ();
  shoot (window, "coplan", suffix);

  cb_window_set_section (window, CB_SECTION_OBSERVATIONS);
  cb_window_open_record (window, obs);
  cb_ui_drain ();
  toggle = find_button (GTK_WIDGET (oe), _("Capture"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  if (narrow)
    {
      /* the tallies and the chart fold away: show them */
      GtkWidget *flap = find_descendant (GTK_WIDGET (oe), ADW_TYPE_FLAP);
      adw_flap_set_reveal_flap (ADW_FLAP (flap), TRUE);
    }
  cb_ui_drain ();
  shoot (window, "capture-monitoring", suffix);
  if (narrow)
    adw_flap_set_reveal_flap (ADW_FLAP (find_descendant (GTK_WIDGET (oe), ADW_TYPE_FLAP)), FALSE);
  toggle = find_button (GTK_WIDGET (oe), _("Debrief"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  cb_ui_drain ();
  shoot (window, "debrief", suffix);
  {
    CbDebriefView *dv = CB_DEBRIEF_VIEW (find_descendant (GTK_WIDGET (oe), CB_TYPE_DEBRIEF_VIEW));

    scroll_to (cb_debrief_view_get_child (dv, "look_for_list"));
    shoot (window, "debrief-look-fors", suffix);
    scroll_to (cb_debrief_view_get_child (dv, "timeline_list"));
    shoot (window, "debrief-timeline", suffix);
    scroll_to (cb_debrief_view_get_child (dv, "action_list"));
    shoot (window, "debrief-actions", suffix);
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (oe), _("Capture"))), TRUE);

  cb_window_set_section (window, CB_SECTION_LOGS);
  cb_window_open_record (window, log);
  cb_ui_drain ();
  shoot (window, "coaching-log", suffix);
  if (narrow)
    {
      adw_leaflet_set_visible_child (ADW_LEAFLET (leaflet), cb_window_get_child (window, "list_pane"));
      shoot (window, "coaching-log-list", suffix);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "log-totals");
  cb_ui_spin (600);
  shoot (window, "coaching-totals", suffix);

  cb_window_set_section (window, CB_SECTION_ACTIONS);
  cb_ui_drain ();
  if (narrow)
    adw_leaflet_set_visible_child (ADW_LEAFLET (leaflet), cb_window_get_child (window, "list_pane"));
  shoot (window, "action-items", suffix);

  cb_window_set_section (window, CB_SECTION_PD);
  cb_window_open_record (window, session);
  cb_ui_drain ();
  {
    CbPdEditor *pe = CB_PD_EDITOR (cb_cycle_pane_get_child (cycle_pane (window), "pd"));
    GtkWidget *first = cb_pd_editor_get_block_widget (pe, 0, "start");

    if (first != NULL)
      scroll_to (first);
  }
  shoot (window, "pd-session", suffix);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "pd-calendar");
  cb_ui_spin (300);
  shoot (window, "pd-calendar", suffix);

  cb_window_set_section (window, CB_SECTION_ENGAGEMENTS);
  cb_window_open_record (window, eng);
  cb_ui_spin (600);
  shoot (window, "engagement", suffix);
  if (narrow)
    {
      adw_leaflet_set_visible_child (ADW_LEAFLET (leaflet), cb_window_get_child (window, "list_pane"));
      shoot (window, "engagements-list", suffix);
    }
}

static void
test_screenshots (void)
{
  g_autofree char *path = cb_ui_test_path ("shots.db");
  g_autofree char *coplan = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *log = NULL;
  g_autofree char *session = NULL;
  g_autofree char *eng = NULL;
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  AdwStyleManager *style;
  CbFilter filter = { 0 };

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set CB_SCREENSHOT_DIR to write screenshots");
      return;
    }
  cb_ui_generate_db (path, 3000, 1);
  app = cb_ui_start_app (path);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  style = adw_style_manager_get_default ();

  /* A co-planned observation with its chart, and an overlap to show. */
  filter.kind = "observation";
  {
    g_autoptr(GPtrArray) all = cb_store_list (store, &filter, 50, NULL);
    for (guint i = 0; i < all->len && obs == NULL; i++)
      {
        CbRecord *o = g_ptr_array_index (all, i);
        g_autoptr(GPtrArray) rows = cb_ui_children (store, "monitor", cb_record_get_uuid (o));
        if (rows->len >= 3 && g_strcmp0 (cb_record_get_privacy (o), "private") != 0)
          {
            obs = g_strdup (cb_record_get_uuid (o));
            coplan = g_strdup (cb_record_get (o, "coplan"));
          }
      }
  }
  g_assert_nonnull (obs);
  filter.kind = "coaching_log";
  {
    g_autoptr(GPtrArray) all = cb_store_list (store, &filter, 1, NULL);
    log = g_strdup (cb_record_get_uuid (g_ptr_array_index (all, 0)));
  }
  filter.kind = "pd_session";
  {
    g_autoptr(GPtrArray) all = cb_store_list (store, &filter, 1, NULL);
    session = g_strdup (cb_record_get_uuid (g_ptr_array_index (all, 0)));
  }
  filter.kind = "engagement";
  {
    g_autoptr(GPtrArray) all = cb_store_list (store, &filter, 1, NULL);
    eng = g_strdup (cb_record_get_uuid (g_ptr_array_index (all, 0)));
  }

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      cb_ui_spin (400);
      shoot_all (window, store, dark ? "1280x800-dark" : "1280x800", FALSE, coplan, obs, log, session, eng);
      gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
      cb_ui_spin (400);
      shoot_all (window, store, dark ? "360x720-dark" : "360x720", TRUE, coplan, obs, log, session, eng);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  cb_ui_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/coaching/coplan-observe-debrief", test_coplan_cycle);
  g_test_add_func ("/coaching/coplan-reorder", test_coplan_reorder);
  g_test_add_func ("/coaching/coaching-day", test_coaching_day);
  g_test_add_func ("/coaching/pd-session", test_pd_session);
  g_test_add_func ("/coaching/print-dialog", test_print_dialog);
  g_test_add_func ("/coaching/engagement", test_engagement);
  g_test_add_func ("/coaching/observation-minutes", test_observation_minutes);
  g_test_add_func ("/coaching/contract-export", test_contract_export);
  g_test_add_func ("/coaching/sample-notebook", test_sample_notebook);
  g_test_add_func ("/coaching/scope-of-services", test_scope_of_services);
  g_test_add_func ("/coaching/csv-export", test_csv_export);
  g_test_add_func ("/coaching/screenshots", test_screenshots);

  return cb_ui_test_run ();
}
