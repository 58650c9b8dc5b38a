/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coaching cycles and student work in the real window: a coach starts a
 * cycle for a teacher with Ctrl+N, types its goal, baseline and target,
 * adds data points from the keyboard, links an observation to it from
 * the observation's details, and sees the steps, chart and look-for
 * trend; a photo is attached to a monitoring-chart strategy. Each step
 * is checked in the database. */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "cb-application.h"
#include "cb-cycle-editor.h"
#include "cb-measure-chart.h"
#include "cb-monitor-chart.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-test-util.h"
#include "cb-view-logic.h"
#include "cb-ui-test-util.h"
#include "cb-view-logic.h"
#include "cb-work-attach.h"
#include "cb-window.h"

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  return cb_ui_find_widget (root, is_of_type, &type);
}

static gboolean
is_details_editor (GtkWidget     *widget,
                   gconstpointer  data)
{
  return CB_IS_RECORD_EDITOR (widget) && gtk_widget_is_visible (widget) &&
         cb_record_editor_get_field_widget (CB_RECORD_EDITOR (widget), "cycle") != NULL;
}

/* Scrolls the scrolled window around @widget so that it is at the top:
 * a popover opens only on screen. */
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
  cb_ui_spin (200);
}

static void
wait_for_cycle (CbCycleEditor *editor,
                guint          n_points)
{
  for (guint i = 0; i < 500; i++)
    {
      CbCycle *cycle = cb_cycle_editor_get_cycle (editor);

      if (cycle != NULL && cycle->points->len == n_points)
        return;
      cb_ui_spin (20);
    }
  g_assert_not_reached ();
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static CbApplication *app;

static void
test_cycle_from_teacher (void)
{
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Unit 4 Lesson 2", "teacher", teacher,
                                         "date", "2025-10-08", NULL);
  g_autofree char *cycle = NULL;
  CbCycleEditor *editor;
  CbRecordEditor *fields;
  CbRecordEditor *details;
  GtkWidget *value, *date;
  CbCycle *shown;

  /* Ctrl+N in Coaching Cycles opens the cycle's page */
  cycle = cb_ui_new_record (window, cb_section_lookup ("cycles")->section);
  g_assert_nonnull (cycle);
  /* the window made it from the sections table's row, as the "goal" page */
  editor = CB_CYCLE_EDITOR (gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")), "goal"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (cb_editor_get_uuid (CB_EDITOR (editor)), ==, cycle);

  /* the teacher, chosen by typing her name; goal, measure, baseline, target */
  fields = CB_RECORD_EDITOR (cb_cycle_editor_get_child (editor, "fields"));
  cb_ui_spin (500);
  scroll_to (cb_record_editor_get_field_widget (fields, "teachers"));
  cb_ui_popup_field (fields, "teachers");
  cb_ui_choose_in_popup (window, "Ana");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (cb_record_editor_get_field_widget (fields, "goal"))),
                            "Students will explain their strategy on the exit ticket.", -1);
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "measure")),
                         "% of students who explain their strategy");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "unit")), "%");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "baseline")), "20");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "baseline_date")), "2025-10-01");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "target")), "60");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "target_date")), "2025-11-12");
  cb_record_editor_flush (fields);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, cycle);

    g_assert_cmpstr (cb_record_get (r, "teachers"), ==, teacher);
    g_assert_cmpstr (cb_record_get (r, "goal"), ==, "Students will explain their strategy on the exit ticket.");
    g_assert_cmpstr (cb_record_get (r, "baseline"), ==, "20");
    g_assert_cmpstr (cb_record_get (r, "target"), ==, "60");
  }

  /* three data points from the keyboard: date, value, Enter */
  date = cb_cycle_editor_get_child (editor, "date_entry");
  scroll_to (date);
  value = cb_cycle_editor_get_child (editor, "value_entry");
  {
    const char *points[][2] = { { "2025-10-08", "25" }, { "2025-10-22", "35" }, { "2025-11-05", "50" } };

    for (guint i = 0; i < G_N_ELEMENTS (points); i++)
      {
        gtk_editable_set_text (GTK_EDITABLE (date), points[i][0]);
        gtk_widget_grab_focus (value);
        cb_ui_type_and_enter (value, points[i][1]);
        cb_ui_drain ();
      }
  }
  /* a value that is not a number: refused, nothing written */
  cb_ui_type_and_enter (value, "lots");
  {
    g_autoptr(GPtrArray) points = cb_ui_children (store, "data_point", cycle);

    g_assert_cmpuint (points->len, ==, 3);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (points, 2), "value"), ==, "50");
  }
  wait_for_cycle (editor, 5);
  g_assert_cmpuint (cb_measure_chart_get_n_points (CB_MEASURE_CHART (cb_cycle_editor_get_child (editor, "chart"))), ==, 5);
  {
    const char *progress = gtk_label_get_text (GTK_LABEL (cb_cycle_editor_get_child (editor, "progress_label")));

    /* in any language: the baseline, the latest point and the target */
    g_assert_nonnull (strstr (progress, "20 %"));
    g_assert_nonnull (strstr (progress, "50 % (2025-11-05)"));
    g_assert_nonnull (strstr (progress, "60 %"));
  }

  /* the observation joins the cycle from its details */
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_drain ();
  {
    GtkWidget *oe = GTK_WIDGET (cb_window_get_child (window, "observation_editor"));
    GtkWidget *expander = find_descendant (oe, GTK_TYPE_EXPANDER);

    if (expander != NULL)
      gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
    cb_ui_drain ();
    details = CB_RECORD_EDITOR (cb_ui_find_widget (oe, is_details_editor, NULL));
  }
  g_assert_nonnull (details);
  scroll_to (cb_record_editor_get_field_widget (details, "cycle"));
  cb_ui_popup_field (details, "cycle");
  cb_ui_choose_in_popup (window, "explain");
  cb_record_editor_flush (details);
  {
    g_autoptr(CbRecord) o = cb_ui_get_record (store, obs);
    g_assert_cmpstr (cb_record_get (o, "cycle"), ==, cycle);
  }

  /* back on the cycle's page, the observation is a step */
  g_assert_true (cb_window_open_record (window, cycle));
  cb_ui_drain ();
  for (guint i = 0; i < 500 && (cb_cycle_editor_get_cycle (editor) == NULL ||
                                cb_cycle_editor_get_cycle (editor)->steps->len == 0); i++)
    cb_ui_spin (20);
  shown = cb_cycle_editor_get_cycle (editor);
  g_assert_cmpuint (shown->steps->len, ==, 1);
  g_assert_cmpuint (count_rows (cb_cycle_editor_get_child (editor, "steps_list")), ==, 1);
  cb_ui_save_png (GTK_WIDGET (window), "cycle-page.png");
}

static void
on_photo_attached_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **uuid = user_data;
  g_autoptr(GError) error = NULL;

  *uuid = cb_work_attach_file_finish (result, &error);
  g_assert_no_error (error);
}

/* A photo attached to a strategy of the monitoring chart. */
static void
test_photo_on_strategy (void)
{
  g_autofree char *photo_path = cb_ui_test_path ("exit-ticket.jpg");
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Pérez", NULL);
  g_autofree char *plan = cb_test_create (store, "coplan", "lesson", "Sharing pizza", "teachers", teacher,
                                          "strategies", "Draws a picture\nUses a bar model", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Sharing pizza", "teacher", teacher,
                                         "coplan", plan, NULL);
  g_autofree char *attached = NULL;
  CbMonitorChart *chart;

  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2400, 1800);
    gdk_pixbuf_fill (pixbuf, 0xf0e0c0ff);
    g_assert_true (gdk_pixbuf_save (pixbuf, photo_path, "jpeg", NULL, NULL));
  }
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_drain ();
  chart = CB_MONITOR_CHART (find_descendant (GTK_WIDGET (cb_window_get_child (window, "observation_editor")),
                                             CB_TYPE_MONITOR_CHART));
  g_assert_nonnull (chart);
  g_assert_cmpuint (cb_monitor_chart_get_n_rows (chart), ==, 2);
  g_assert_nonnull (cb_monitor_chart_get_row_widget (chart, 1, "photo"));

  cb_monitor_chart_attach_photo_async (chart, 1, photo_path, on_photo_attached_cb, &attached);
  for (guint i = 0; i < 500 && attached == NULL; i++)
    cb_ui_spin (20);
  g_assert_nonnull (attached);
  {
    g_autoptr(CbRecord) sample = cb_ui_get_record (store, attached);
    g_autoptr(GPtrArray) rows = cb_ui_children (store, "monitor", obs);
    CbRecord *row = NULL;

    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (cb_record_get (g_ptr_array_index (rows, i), "strategy"), "Uses a bar model") == 0)
        row = g_ptr_array_index (rows, i);
    g_assert_nonnull (row);
    g_assert_cmpstr (cb_record_get (sample, "parent"), ==, cb_record_get_uuid (row));
    /* stored under the cap */
    g_assert_cmpstr (cb_record_get (sample, "width"), ==, "1600");
    g_assert_cmpstr (cb_record_get (sample, "height"), ==, "1200");
    g_assert_true (strlen (cb_record_get (sample, "thumbnail")) > 0);
  }
  cb_ui_spin (300);
  /* the strategy's row says it has a photo */
  {
    GtkWidget *strategy = cb_ui_find_widget (GTK_WIDGET (chart), is_label_containing, "Uses a bar model");
    GtkWidget *list_row = gtk_widget_get_ancestor (strategy, GTK_TYPE_LIST_BOX_ROW);

    g_assert_nonnull (cb_ui_find_widget (list_row, is_label_containing, g_getenv ("CB_TEST_LANGUAGE") ? " 1 " : "1 photo of student work"));
  }
  cb_ui_save_png (GTK_WIDGET (window), "monitor-photo.png");
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  int status;

  cb_ui_test_init (&argc, &argv);
  path = cb_ui_test_path ("goals.db");
  app = cb_ui_start_app (path);
  g_test_add_func ("/goals/cycle-from-teacher", test_cycle_from_teacher);
  g_test_add_func ("/goals/photo-on-strategy", test_photo_on_strategy);
  status = cb_ui_test_run ();
  cb_ui_stop_app (app);
  return status;
}
