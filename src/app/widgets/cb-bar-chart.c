/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-bar-chart.h"

#define ROW_HEIGHT 44
#define BAR_HEIGHT 10
#define PAD 4

typedef struct
{
  char   *label;
  double  value;
  double  total;   /* <= 0: scaled to the largest value */
  char   *text;
} Bar;

struct _CbBarChart
{
  GtkDrawingArea  parent_instance;

  GArray         *bars;
};

G_DEFINE_FINAL_TYPE (CbBarChart, cb_bar_chart, GTK_TYPE_DRAWING_AREA)

static void
clear_bar (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->text);
}

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
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  if (w < 2 * r)
    r = w / 2;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  CbBarChart *self = CB_BAR_CHART (area);
  GtkWidget *widget = GTK_WIDGET (area);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, accent, warning;
  double max = 0;

  gtk_style_context_get_color (context, &fg);
  lookup_color (widget, "accent_bg_color", &accent, "#3584e4");
  lookup_color (widget, "warning_color", &warning, "#c64600");

  for (guint i = 0; i < self->bars->len; i++)
    max = MAX (max, g_array_index (self->bars, Bar, i).value);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      double y = i * ROW_HEIGHT;
      double bar_y = y + ROW_HEIGHT - BAR_HEIGHT - 8;
      double scale = bar->total > 0 ? bar->total : max;
      double fraction = scale > 0 ? bar->value / scale : 0;
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, bar->label);
      g_autoptr(PangoLayout) text = gtk_widget_create_pango_layout (widget, bar->text ? bar->text : "");
      int tw, th, lw, lh;

      pango_layout_get_pixel_size (text, &tw, &th);
      pango_layout_set_width (label, MAX (1, width - tw - 12) * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &lw, &lh);

      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + PAD);
      pango_cairo_show_layout (cr, label);
      cairo_move_to (cr, width - tw, y + PAD);
      pango_cairo_show_layout (cr, text);

      /* the track: the whole of what was planned, or the largest value */
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
      rounded_rect (cr, 0, bar_y, width, BAR_HEIGHT, BAR_HEIGHT / 2.0);
      cairo_fill (cr);

      if (bar->total > 0 && fraction > 1.0)
        {
          /* more delivered than planned: the bar fills the row, the
           * plan ends at its mark and what is over runs on in the
           * warning colour */
          double plan_x = width / fraction;

          gdk_cairo_set_source_rgba (cr, &warning);
          rounded_rect (cr, 0, bar_y, width, BAR_HEIGHT, BAR_HEIGHT / 2.0);
          cairo_fill (cr);
          gdk_cairo_set_source_rgba (cr, &accent);
          rounded_rect (cr, 0, bar_y, plan_x, BAR_HEIGHT, BAR_HEIGHT / 2.0);
          cairo_fill (cr);
          cairo_rectangle (cr, plan_x - BAR_HEIGHT / 2.0, bar_y, BAR_HEIGHT / 2.0, BAR_HEIGHT);
          cairo_fill (cr);
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_rectangle (cr, plan_x - 1, bar_y - 4, 2, BAR_HEIGHT + 8);
          cairo_fill (cr);
        }
      else if (fraction > 0)
        {
          gdk_cairo_set_source_rgba (cr, &accent);
          rounded_rect (cr, 0, bar_y, width * MIN (fraction, 1.0), BAR_HEIGHT, BAR_HEIGHT / 2.0);
          cairo_fill (cr);
        }
    }
}

static void
update_description (CbBarChart *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s: %s", bar->label, bar->text ? bar->text : "");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), MAX (1, self->bars->len) * ROW_HEIGHT);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_string_free (text, TRUE);
}

static void
cb_bar_chart_finalize (GObject *object)
{
  CbBarChart *self = CB_BAR_CHART (object);

  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (cb_bar_chart_parent_class)->finalize (object);
}

static void
cb_bar_chart_class_init (CbBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_bar_chart_finalize;
}

static void
cb_bar_chart_init (CbBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, clear_bar);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 200);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  update_description (self);
}

GtkWidget *
cb_bar_chart_new (void)
{
  return g_object_new (CB_TYPE_BAR_CHART, NULL);
}

void
cb_bar_chart_clear (CbBarChart *self)
{
  g_return_if_fail (CB_IS_BAR_CHART (self));

  g_array_set_size (self->bars, 0);
  update_description (self);
}

/**
 * cb_bar_chart_add:
 * @total: what @value is measured against (planned), or 0 to measure
 *   it against the largest value of the chart
 * @text: (nullable): the value as the coach reads it, "3 of 8"
 */
void
cb_bar_chart_add (CbBarChart *self,
                  const char *label,
                  double      value,
                  double      total,
                  const char *text)
{
  Bar bar;

  g_return_if_fail (CB_IS_BAR_CHART (self));

  bar.label = g_strdup (label ? label : "");
  bar.value = MAX (0, value);
  bar.total = total;
  bar.text = g_strdup (text);
  g_array_append_val (self->bars, bar);
  update_description (self);
}

guint
cb_bar_chart_get_n_bars (CbBarChart *self)
{
  g_return_val_if_fail (CB_IS_BAR_CHART (self), 0);

  return self->bars->len;
}
