/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-cycle.h"
#include "cb-run-chart-view.h"

#define PAD_X    46
#define PAD_END  16
#define PAD_TOP  24
#define PAD_BOT  24
#define DOT      4.5

struct _CbRunChartView
{
  GtkDrawingArea  parent_instance;

  CbRunChart     *chart;
  guint           n_cycles;
  char           *low;      /* the scale's ends and the median, as text */
  char           *high;
  char           *median;   /* beside the median line */
};

G_DEFINE_FINAL_TYPE (CbRunChartView, cb_run_chart_view, GTK_TYPE_DRAWING_AREA)

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

/* The band of the cycle shown, the boundaries between cycles, and the
 * scale with its values. */
static void
draw_frame (CbRunChartView *self,
            cairo_t        *cr,
            const GdkRGBA  *fg,
            const GdkRGBA  *accent,
            double          w,
            double          h)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CbRunChart *chart = self->chart;
  double step = chart->points->len > 1 ? w / (chart->points->len - 1) : w;
  static const double dots[] = { 2, 3 };

  if (chart->current_from >= 0 && self->n_cycles > 1)
    {
      double x0 = MAX (0, PAD_X + chart->current_from * w - step / 2);
      double x1 = MIN (PAD_X + w + PAD_END / 2.0, PAD_X + chart->current_to * w + step / 2);

      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.12);
      cairo_rectangle (cr, x0, PAD_TOP - 8, x1 - x0, h + 16);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, PAD_X, PAD_TOP + 0.5);
  cairo_line_to (cr, PAD_X + w, PAD_TOP + 0.5);
  cairo_move_to (cr, PAD_X, PAD_TOP + h - 0.5);
  cairo_line_to (cr, PAD_X + w, PAD_TOP + h - 0.5);
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.45);
  cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
  for (guint i = 0; i < chart->boundaries->len; i++)
    {
      double x = PAD_X + g_array_index (chart->boundaries, double, i) * w;

      cairo_move_to (cr, x, PAD_TOP - 8);
      cairo_line_to (cr, x, PAD_TOP + h + 8);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* the scale's ends, unless the median's value would cover them */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
  if (chart->median_y < 0.88)
    show_text (widget, cr, self->high, PAD_X - 4, PAD_TOP, 1);
  if (chart->median_y > 0.12)
    show_text (widget, cr, self->low, PAD_X - 4, PAD_TOP + h, 1);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  CbRunChartView *self = CB_RUN_CHART_VIEW (area);
  GtkWidget *widget = GTK_WIDGET (area);
  CbRunChart *chart = self->chart;
  GdkRGBA fg, accent, median;
  double w = MAX (1, width - PAD_X - PAD_END), h = MAX (1, height - PAD_TOP - PAD_BOT);
  static const double dash[] = { 6, 4 };

  if (chart == NULL || chart->points->len == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_color", &accent, "#1c71d8");
  lookup_color (widget, "warning_color", &median, "#9c6e03");

  draw_frame (self, cr, &fg, &accent, w, h);

  /* the median across the whole chain, with its value */
  gdk_cairo_set_source_rgba (cr, &median);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, PAD_X, PAD_TOP + (1 - chart->median_y) * h);
  cairo_line_to (cr, PAD_X + w, PAD_TOP + (1 - chart->median_y) * h);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* its value on the scale's side, clear of the points */
  show_text (widget, cr, self->median, PAD_X - 4, PAD_TOP + (1 - chart->median_y) * h, 1);

  /* the run: one line through every point in date order */
  for (guint i = 0; i < chart->points->len; i++)
    {
      CbRunPoint *p = &g_array_index (chart->points, CbRunPoint, i);

      if (i == 0)
        cairo_move_to (cr, PAD_X + p->x * w, PAD_TOP + (1 - p->y) * h);
      else
        cairo_line_to (cr, PAD_X + p->x * w, PAD_TOP + (1 - p->y) * h);
    }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  /* the cycle shown's points filled in the accent, the others hollow */
  for (guint i = 0; i < chart->points->len; i++)
    {
      CbRunPoint *p = &g_array_index (chart->points, CbRunPoint, i);

      cairo_new_sub_path (cr);
      cairo_arc (cr, PAD_X + p->x * w, PAD_TOP + (1 - p->y) * h, p->current ? DOT + 0.5 : DOT, 0, 2 * G_PI);
      if (p->current)
        {
          gdk_cairo_set_source_rgba (cr, &accent);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }
}

static void
cb_run_chart_view_finalize (GObject *object)
{
  CbRunChartView *self = CB_RUN_CHART_VIEW (object);

  g_clear_pointer (&self->chart, cb_run_chart_free);
  g_free (self->low);
  g_free (self->high);
  g_free (self->median);

  G_OBJECT_CLASS (cb_run_chart_view_parent_class)->finalize (object);
}

static void
cb_run_chart_view_class_init (CbRunChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cb_run_chart_view_finalize;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cb_run_chart_view_init (CbRunChartView *self)
{
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
}

GtkWidget *
cb_run_chart_view_new (void)
{
  return g_object_new (CB_TYPE_RUN_CHART_VIEW, NULL);
}

/**
 * cb_run_chart_view_set_inquiry:
 * @inquiry: (nullable): the cycle whose chain to draw; %NULL clears
 */
void
cb_run_chart_view_set_inquiry (CbRunChartView  *self,
                               const CbInquiry *inquiry)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (CB_IS_RUN_CHART_VIEW (self));

  g_clear_pointer (&self->chart, cb_run_chart_free);
  g_clear_pointer (&self->low, g_free);
  g_clear_pointer (&self->high, g_free);
  g_clear_pointer (&self->median, g_free);
  self->n_cycles = 0;
  if (inquiry != NULL)
    {
      self->chart = cb_run_chart_compute (inquiry->points, inquiry->current, inquiry->unit);
      self->n_cycles = inquiry->chain->len;
      self->low = cb_cycle_format_value (self->chart->low, inquiry->unit);
      self->high = cb_cycle_format_value (self->chart->high, inquiry->unit);
      self->median = cb_cycle_format_value (self->chart->median, inquiry->unit);
      summary = cb_run_chart_summary (inquiry, self->chart);
    }
  else
    summary = g_strdup (_("No data yet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cb_run_chart_view_get_chart:
 *
 * Returns: (transfer none) (nullable): what is drawn
 */
const CbRunChart *
cb_run_chart_view_get_chart (CbRunChartView *self)
{
  g_return_val_if_fail (CB_IS_RUN_CHART_VIEW (self), NULL);

  return self->chart;
}
