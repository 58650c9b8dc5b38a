/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-goal-logic.h"
#include "cb-measure-chart.h"

#define PAD_X    46
#define PAD_TOP  22
#define PAD_BOT  22
#define DOT      4.5

struct _CbMeasureChart
{
  GtkDrawingArea  parent_instance;

  GArray         *points;   /* CbGoalChartPoint */
  char           *low;      /* the scale's ends, as text */
  char           *high;
  char           *target;   /* the target's value, as text, or NULL */
};

G_DEFINE_FINAL_TYPE (CbMeasureChart, cb_measure_chart, GTK_TYPE_DRAWING_AREA)

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
show_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  CbMeasureChart *self = CB_MEASURE_CHART (area);
  GtkWidget *widget = GTK_WIDGET (area);
  GdkRGBA fg, accent, success;
  double w = MAX (1, width - 2 * PAD_X), h = MAX (1, height - PAD_TOP - PAD_BOT);
  gboolean started = FALSE;
  static const double dash[] = { 5, 4 };

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_color", &accent, "#1c71d8");
  lookup_color (widget, "success_color", &success, "#26a269");

  /* the scale: a faint floor and ceiling with their values */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, PAD_X, PAD_TOP + 0.5);
  cairo_line_to (cr, PAD_X + w, PAD_TOP + 0.5);
  cairo_move_to (cr, PAD_X, PAD_TOP + h - 0.5);
  cairo_line_to (cr, PAD_X + w, PAD_TOP + h - 0.5);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
  if (self->high)
    show_text (widget, cr, self->high, PAD_X - 4, PAD_TOP, 1);
  if (self->low)
    show_text (widget, cr, self->low, PAD_X - 4, PAD_TOP + h, 1);

  for (guint i = 0; i < self->points->len; i++)
    {
      CbGoalChartPoint *p = &g_array_index (self->points, CbGoalChartPoint, i);
      double x = PAD_X + p->x * w, y = PAD_TOP + (1 - p->y) * h;

      if (p->kind != CB_CYCLE_POINT_TARGET)
        {
          if (!started)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
          started = TRUE;
        }
    }
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);

  for (guint i = 0; i < self->points->len; i++)
    {
      CbGoalChartPoint *p = &g_array_index (self->points, CbGoalChartPoint, i);
      double x = PAD_X + p->x * w, y = PAD_TOP + (1 - p->y) * h;

      if (p->kind == CB_CYCLE_POINT_TARGET)
        {
          /* the target: a dashed line across, its mark at its date */
          gdk_cairo_set_source_rgba (cr, &success);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_move_to (cr, PAD_X, y);
          cairo_line_to (cr, PAD_X + w, y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_rectangle (cr, x - DOT, y - DOT, 2 * DOT, 2 * DOT);
          cairo_fill (cr);
          if (self->target)
            show_text (widget, cr, self->target, x, y - 12, x > PAD_X + w / 2 ? 1 : 0);
          continue;
        }
      if (p->kind == CB_CYCLE_POINT_BASELINE)
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      else
        gdk_cairo_set_source_rgba (cr, &accent);
      cairo_arc (cr, x, y, DOT, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
cb_measure_chart_finalize (GObject *object)
{
  CbMeasureChart *self = CB_MEASURE_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_free (self->low);
  g_free (self->high);
  g_free (self->target);

  G_OBJECT_CLASS (cb_measure_chart_parent_class)->finalize (object);
}

static void
cb_measure_chart_class_init (CbMeasureChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cb_measure_chart_finalize;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cb_measure_chart_init (CbMeasureChart *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (CbGoalChartPoint));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 180);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
}

GtkWidget *
cb_measure_chart_new (void)
{
  return g_object_new (CB_TYPE_MEASURE_CHART, NULL);
}

/**
 * cb_measure_chart_set_cycle:
 * @cycle: (nullable): the cycle to draw; %NULL clears the chart
 */
void
cb_measure_chart_set_cycle (CbMeasureChart *self,
                            const CbCycle  *cycle)
{
  g_autofree char *summary = NULL;
  double lo = 0, hi = 0;

  g_return_if_fail (CB_IS_MEASURE_CHART (self));

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->low, g_free);
  g_clear_pointer (&self->high, g_free);
  g_clear_pointer (&self->target, g_free);
  if (cycle != NULL && cb_cycle_range (cycle, &lo, &hi))
    {
      self->points = cb_goal_chart_points (cycle);
      self->low = cb_cycle_format_value (lo, cycle->unit);
      self->high = cb_cycle_format_value (hi, cycle->unit);
      for (guint i = 0; i < cycle->points->len; i++)
        {
          const CbCyclePoint *p = g_ptr_array_index (cycle->points, i);
          if (p->kind == CB_CYCLE_POINT_TARGET)
            self->target = cb_cycle_format_value (p->value, cycle->unit);
        }
    }
  else
    self->points = g_array_new (FALSE, TRUE, sizeof (CbGoalChartPoint));
  summary = cycle ? cb_goal_chart_summary (cycle) : g_strdup (_("No data yet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cb_measure_chart_get_n_points (CbMeasureChart *self)
{
  g_return_val_if_fail (CB_IS_MEASURE_CHART (self), 0);

  return self->points->len;
}
