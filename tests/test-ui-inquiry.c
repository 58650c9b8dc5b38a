/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team's inquiry (PDSA) cycle in the real window: a coach starts a
 * cycle with Ctrl+N in Inquiry Cycles, types its change idea, team,
 * measure and predictions, adds three data points from the keyboard,
 * starts the next cycle (which opens with the team, aim and measure
 * carried over), adds two points to it, and finds the run chart across
 * both cycles. Each step is checked in the database. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cb-application.h"
#include "cb-generate.h"
#include "cb-inquiry-editor.h"
#include "cb-record-editor.h"
#include "cb-run-chart-view.h"
#include "cb-test-util.h"
#include "cb-ui-test-util.h"
#include "cb-view-logic.h"
#include "cb-window.h"

static CbApplication *app;

static gboolean
is_inquiry_field_editor (GtkWidget     *widget,
                         gconstpointer  data)
{
  return CB_IS_RECORD_EDITOR (widget) && gtk_widget_is_visible (widget) &&
         cb_record_editor_get_field_widget (CB_RECORD_EDITOR (widget), "inquiry") != NULL;
}

static CbInquiryEditor *
inquiry_editor (CbWindow *window)
{
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")), "inquiry");

  g_assert_nonnull (page);
  return CB_INQUIRY_EDITOR (page);
}

/* Waits until the page shows @uuid with @n_points in its chain. */
static CbInquiry *
wait_for_inquiry (CbInquiryEditor *editor,
                  const char      *uuid,
                  guint            n_points)
{
  for (guint i = 0; i < 500; i++)
    {
      CbInquiry *inquiry = cb_inquiry_editor_get_inquiry (editor);

      if (inquiry != NULL && g_strcmp0 (inquiry->uuid, uuid) == 0 && inquiry->points->len == n_points)
        return inquiry;
      cb_ui_spin (20);
    }
  g_assert_not_reached ();
}

static void
add_points (CbInquiryEditor    *editor,
            const char * const  points[][2],
            guint               n)
{
  GtkWidget *date = cb_inquiry_editor_get_child (editor, "date_entry");
  GtkWidget *value = cb_inquiry_editor_get_child (editor, "value_entry");

  for (guint i = 0; i < n; i++)
    {
      gtk_widget_grab_focus (date);
      gtk_editable_set_text (GTK_EDITABLE (date), "");
      cb_ui_type_and_enter (date, points[i][0]);
      gtk_widget_grab_focus (value);
      cb_ui_type_and_enter (value, points[i][1]);
      cb_ui_drain ();
    }
}

static void
type_into (CbRecordEditor *fields,
           const char     *field,
           const char     *text)
{
  GtkWidget *widget = cb_record_editor_get_field_widget (fields, field);

  g_assert_nonnull (widget);
  gtk_widget_grab_focus (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      gtk_text_buffer_insert_at_cursor (buffer, text, -1);
    }
  else
    cb_ui_type_and_enter (widget, text);
}

static void
test_cycle_and_run_chart (void)
{
  static const char * const first_points[][2] = {
    { "2025-10-02", "20" }, { "2025-10-09", "30" }, { "2025-10-16", "25" },
  };
  static const char * const next_points[][2] = { { "2025-11-06", "50" }, { "2025-11-13", "40" } };
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  CbInquiryEditor *editor;
  CbRecordEditor *plan;
  CbInquiry *shown;
  const CbRunChart *chart;

  /* Ctrl+N in Inquiry Cycles opens the cycle's page, made from the row */
  first = cb_ui_new_record (window, cb_section_lookup ("inquiry")->section);
  g_assert_nonnull (first);
  editor = inquiry_editor (window);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (cb_editor_get_uuid (CB_EDITOR (editor)), ==, first);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, first);
    g_assert_cmpstr (cb_record_get_kind (r), ==, "inquiry_cycle");
  }

  /* Plan, typed */
  plan = CB_RECORD_EDITOR (cb_inquiry_editor_get_child (editor, "plan_fields"));
  cb_ui_spin (300);
  type_into (plan, "change_idea", "Sentence frames on the exit ticket");
  type_into (plan, "team", "Grade 7 math PLC");
  type_into (plan, "measure", "% of students who justify their answer");
  type_into (plan, "unit", "%");
  type_into (plan, "aim", "By May, 70% of our students justify their answer.");
  type_into (plan, "predictions", "Half of the students will justify.");
  cb_editor_flush (CB_EDITOR (editor));
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, first);

    g_assert_cmpstr (cb_record_get (r, "change_idea"), ==, "Sentence frames on the exit ticket");
    g_assert_cmpstr (cb_record_get (r, "team"), ==, "Grade 7 math PLC");
    g_assert_cmpstr (cb_record_get (r, "unit"), ==, "%");
    g_assert_cmpstr (cb_record_get (r, "predictions"), ==, "Half of the students will justify.");
  }

  /* three data points from the keyboard: date, Enter, value, Enter */
  add_points (editor, first_points, G_N_ELEMENTS (first_points));
  /* a value that is not a number: refused, nothing written */
  cb_ui_type_and_enter (cb_inquiry_editor_get_child (editor, "value_entry"), "lots");
  {
    g_autoptr(GPtrArray) points = cb_ui_children (store, "inquiry_point", first);

    g_assert_cmpuint (points->len, ==, 3);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (points, 0), "date"), ==, "2025-10-02");
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (points, 2), "value"), ==, "25");
  }
  shown = wait_for_inquiry (editor, first, 3);
  /* the predictions sit beside the results */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cb_inquiry_editor_get_child (editor, "predicted_label"))), ==,
                   "Half of the students will justify.");
  chart = cb_run_chart_view_get_chart (CB_RUN_CHART_VIEW (cb_inquiry_editor_get_child (editor, "chart")));
  g_assert_cmpuint (chart->points->len, ==, 3);
  g_assert_cmpfloat (chart->median, ==, 25);
  g_assert_cmpuint (chart->boundaries->len, ==, 0);
  g_assert_cmpuint (shown->chain->len, ==, 1);

  /* Start Next Cycle, from the keyboard: the focused button's Enter */
  {
    GtkWidget *button = cb_inquiry_editor_get_child (editor, "next_button");

    g_assert_true (gtk_widget_grab_focus (button));
    g_assert_true (gtk_widget_activate (button));
  }
  cb_ui_drain ();
  next = g_strdup (cb_editor_get_uuid (CB_EDITOR (editor)));
  g_assert_nonnull (next);
  g_assert_cmpstr (next, !=, first);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, next);

    g_assert_cmpstr (cb_record_get_kind (r), ==, "inquiry_cycle");
    g_assert_cmpstr (cb_record_get (r, "previous"), ==, first);
    g_assert_cmpstr (cb_record_get (r, "team"), ==, "Grade 7 math PLC");
    g_assert_cmpstr (cb_record_get (r, "aim"), ==, "By May, 70% of our students justify their answer.");
    g_assert_cmpstr (cb_record_get (r, "measure"), ==, "% of students who justify their answer");
    g_assert_cmpstr (cb_record_get (r, "change_idea"), ==, "");
  }
  /* the new cycle's own idea, then two points */
  type_into (plan, "change_idea", "Model one justification first");
  add_points (editor, next_points, G_N_ELEMENTS (next_points));
  {
    g_autoptr(GPtrArray) points = cb_ui_children (store, "inquiry_point", next);
    g_autoptr(CbRecord) r = cb_ui_get_record (store, next);

    g_assert_cmpuint (points->len, ==, 2);
    g_assert_cmpstr (cb_record_get (r, "change_idea"), ==, "Model one justification first");
  }

  /* the run chart: every point of both cycles in date order, the
   * median of all five, one boundary, this cycle's two points */
  shown = wait_for_inquiry (editor, next, 5);
  g_assert_cmpuint (shown->chain->len, ==, 2);
  g_assert_cmpuint (shown->current, ==, 1);
  chart = cb_run_chart_view_get_chart (CB_RUN_CHART_VIEW (cb_inquiry_editor_get_child (editor, "chart")));
  g_assert_cmpuint (chart->points->len, ==, 5);
  g_assert_cmpfloat (chart->median, ==, 30);
  g_assert_cmpuint (chart->boundaries->len, ==, 1);
  g_assert_false (g_array_index (chart->points, CbRunPoint, 2).current);
  g_assert_true (g_array_index (chart->points, CbRunPoint, 3).current);
  g_assert_cmpfloat (g_array_index (chart->points, CbRunPoint, 3).value, ==, 50);
  g_assert_true (g_array_index (chart->points, CbRunPoint, 4).current);
  /* and its table: a row per point */
  {
    guint rows = 0;

    for (GtkWidget *c = gtk_widget_get_first_child (cb_inquiry_editor_get_child (editor, "table_list"));
         c != NULL; c = gtk_widget_get_next_sibling (c))
      rows++;
    g_assert_cmpuint (rows, ==, 5);
  }
  /* the chain lists both cycles */
  {
    guint rows = 0;

    for (GtkWidget *c = gtk_widget_get_first_child (cb_inquiry_editor_get_child (editor, "chain_list"));
         c != NULL; c = gtk_widget_get_next_sibling (c))
      rows++;
    g_assert_cmpuint (rows, ==, 2);
  }
  cb_ui_save_png (GTK_WIDGET (window), "inquiry-page.png");

  /* a team meeting of this cycle: a coaching log with the PLC activity,
   * opened, naming the cycle in its Inquiry cycle field */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "inquiry.add-meeting", NULL));
  cb_ui_drain ();
  {
    CbFilter filter = { .kind = "coaching_log", .ref_field = "inquiry", .ref_value = next };
    g_autoptr(GPtrArray) logs = cb_store_list (store, &filter, 10, NULL);
    g_autoptr(GPtrArray) segments = NULL;
    CbRecord *log;
    GtkWidget *log_editor;

    g_assert_cmpuint (logs->len, ==, 1);
    log = g_ptr_array_index (logs, 0);
    g_assert_cmpstr (cb_record_get (log, "group_name"), ==, "Grade 7 math PLC");
    g_assert_cmpstr (cb_record_get (log, "mode"), ==, "group");
    segments = cb_ui_children (store, "segment", cb_record_get_uuid (log));
    g_assert_cmpuint (segments->len, ==, 1);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (segments, 0), "activity"), ==, "plc");
    /* it is open, its inquiry field showing the cycle */
    log_editor = cb_ui_find_widget (GTK_WIDGET (window), is_inquiry_field_editor, NULL);
    g_assert_nonnull (log_editor);
    g_assert_cmpstr (cb_record_editor_get_uuid (CB_RECORD_EDITOR (log_editor)), ==, cb_record_get_uuid (log));
  }
  g_assert_true (cb_window_open_record (window, next));
  cb_ui_drain ();
  for (guint i = 0; i < 500 && (cb_inquiry_editor_get_inquiry (editor) == NULL ||
                                cb_inquiry_editor_get_inquiry (editor)->meetings->len == 0); i++)
    cb_ui_spin (20);
  g_assert_cmpuint (cb_inquiry_editor_get_inquiry (editor)->meetings->len, ==, 1);
}

/* The third cycle of a generated team's chain, scrolled to Study: the
 * predictions beside the results and the run chart over three cycles,
 * at 1280×800 and 360×720, light and dark (CB_SCREENSHOT_DIR; in
 * Spanish with CB_TEST_LANGUAGE=es). Each shot fits its width. */
static void
test_screenshots (void)
{
  CbStore *store = cb_application_get_store (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const int sizes[][2] = { { 1280, 800 }, { 360, 720 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  CbFilter filter = { .kind = "inquiry_cycle" };
  const char *third = NULL;

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set CB_SCREENSHOT_DIR to write screenshots");
      return;
    }
  g_assert_true (cb_generate (store, 1000, 7, &error));
  g_assert_no_error (error);
  cycles = cb_store_list (store, &filter, 100, &error);
  for (guint i = 0; i < cycles->len && third == NULL; i++)
    {
      CbRecord *r = g_ptr_array_index (cycles, i);

      if (g_str_has_prefix (cb_record_get (r, "change_idea"), "Students critique"))
        third = cb_record_get_uuid (r);
    }
  g_assert_nonnull (third);
  for (guint dark = 0; dark < 2; dark++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        CbWindow *window;
        CbInquiryEditor *editor;
        g_autofree char *name = g_strdup_printf ("inquiry-%dx%d%s.png", sizes[s][0], sizes[s][1], dark ? "-dark" : "");
        GtkWidget *study;
        GtkWidget *sw;
        graphene_point_t p;

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        window = cb_application_new_window (app);
        gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0], sizes[s][1]);
        gtk_window_present (GTK_WINDOW (window));
        cb_ui_spin (300);
        g_assert_true (cb_window_open_record (window, third));
        editor = inquiry_editor (window);
        wait_for_inquiry (editor, third, 15);
        cb_ui_spin (300);
        /* Study at the top */
        study = gtk_widget_get_ancestor (cb_inquiry_editor_get_child (editor, "predicted_label"), ADW_TYPE_PREFERENCES_GROUP);
        sw = gtk_widget_get_ancestor (study, GTK_TYPE_SCROLLED_WINDOW);
        if (gtk_widget_compute_point (study, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sw)),
                                      &GRAPHENE_POINT_INIT (0, 0), &p))
          gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw)), p.y - 6);
        cb_ui_spin (300);
        cb_ui_save_png (GTK_WIDGET (window), name);
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, sizes[s][0]);
        /* and Act, with the team's cycles and meetings below */
        {
          GtkWidget *act = gtk_widget_get_ancestor (cb_inquiry_editor_get_child (editor, "next_button"),
                                                    ADW_TYPE_PREFERENCES_GROUP);
          g_autofree char *act_name = g_strdup_printf ("inquiry-act-%dx%d%s.png", sizes[s][0], sizes[s][1],
                                                       dark ? "-dark" : "");

          GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));

          /* the viewport's points are where it shows them, scrolled */
          if (gtk_widget_compute_point (act, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sw)),
                                        &GRAPHENE_POINT_INIT (0, 0), &p))
            gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + p.y - 6);
          cb_ui_spin (300);
          cb_ui_save_png (GTK_WIDGET (window), act_name);
        }
        cb_ui_close_window (window);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  int status;

  cb_ui_test_init (&argc, &argv);
  path = cb_ui_test_path ("inquiry.db");
  app = cb_ui_start_app (path);
  g_test_add_func ("/inquiry/cycle-and-run-chart", test_cycle_and_run_chart);
  g_test_add_func ("/inquiry/screenshots", test_screenshots);
  status = cb_ui_test_run ();
  cb_ui_stop_app (app);
  return status;
}
