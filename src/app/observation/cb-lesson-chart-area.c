/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-capture-logic.h"
#include "cb-lesson-chart-area.h"

#define TALK_HEIGHT 54
#define SERIES_HEIGHT 54
#define AXIS_HEIGHT 22
#define LABEL_GAP 4

struct _CbLessonChartArea
{
  GtkDrawingArea  parent_instance;

  CbLessonChart  *chart;
};

G_DEFINE_FINAL_TYPE (CbLessonChartArea, cb_lesson_chart_area, GTK_TYPE_DRAWING_AREA)

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
}

static PangoLayout *
new_layout (GtkWidget  *widget,
            const char *text,
            gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
show_text (cairo_t     *cr,
           GtkWidget   *widget,
           const char  *text,
           double       x,
           double       y,
           int          max_width,
           gboolean     right,
           gboolean     small,
           int         *height)
{
  g_autoptr(PangoLayout) layout = new_layout (widget, text, small);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right ? x - w : x, y);
  pango_cairo_show_layout (cr, layout);
  if (height)
    *height = h;
}

static char *
talk_ratio_text (CbLessonChart *chart)
{
  g_autofree char *tt = cb_format_duration (chart->teacher_seconds);
  g_autofree char *st = cb_format_duration (chart->student_seconds);

  /* TRANSLATORS: talk ratio: "Teacher 62% (31:10) · Students 38% (19:05)" */
  return g_strdup_printf (_("Teacher %d%% (%s) · Students %d%% (%s)"),
                          chart->teacher_percent, tt, 100 - chart->teacher_percent, st);
}

/* The height of the line the talk ratio takes under "Talk" when it
 * does not fit beside it (a window 360 pixels wide), or 0. */
static int
ratio_line_height (CbLessonChartArea *self,
                   int                width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) talk = NULL;
  g_autoptr(PangoLayout) ratio = NULL;
  int talk_w, ratio_w, ratio_h;

  if (self->chart == NULL || self->chart->teacher_percent < 0 || width <= 0)
    return 0;
  text = talk_ratio_text (self->chart);
  talk = new_layout (widget, _("Talk"), FALSE);
  ratio = new_layout (widget, text, TRUE);
  pango_layout_get_pixel_size (talk, &talk_w, NULL);
  pango_layout_get_pixel_size (ratio, &ratio_w, &ratio_h);
  return talk_w + 12 + ratio_w <= width ? 0 : ratio_h + LABEL_GAP;
}

static int
series_height (CbLessonChartArea *self,
               int                width)
{
  return TALK_HEIGHT + ratio_line_height (self, width) +
         (int) self->chart->series->len * SERIES_HEIGHT + AXIS_HEIGHT;
}

static void
draw_talk (CbLessonChartArea *self,
           cairo_t           *cr,
           int                width,
           const GdkRGBA     *fg,
           const GdkRGBA     *teacher,
           const GdkRGBA     *student)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CbLessonChart *chart = self->chart;
  int own_line = ratio_line_height (self, width);
  double bar_y = 24 + own_line;
  int h;

  gdk_cairo_set_source_rgba (cr, fg);
  show_text (cr, widget, _("Talk"), 0, 0, width / 2, FALSE, FALSE, &h);
  if (chart->teacher_percent < 0)
    {
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.55);
      show_text (cr, widget, _("Talk was not timed"), width, 0, width / 2, TRUE, FALSE, NULL);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.12);
      cairo_rectangle (cr, 0, bar_y, width, 14);
      cairo_fill (cr);
      return;
    }
  {
    g_autofree char *text = talk_ratio_text (chart);

    cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.75);
    if (own_line > 0)
      show_text (cr, widget, text, 0, h + LABEL_GAP / 2, width, FALSE, TRUE, NULL);
    else  /* it fits beside "Talk" */
      show_text (cr, widget, text, width, 0, 0, TRUE, TRUE, NULL);
  }
  gdk_cairo_set_source_rgba (cr, teacher);
  cairo_rectangle (cr, 0, bar_y, width * chart->teacher_percent / 100.0, 14);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, student);
  cairo_rectangle (cr, width * chart->teacher_percent / 100.0, bar_y,
                   width * (100 - chart->teacher_percent) / 100.0, 14);
  cairo_fill (cr);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  CbLessonChartArea *self = CB_LESSON_CHART_AREA (area);
  GtkWidget *widget = GTK_WIDGET (area);
  CbLessonChart *chart = self->chart;
  GdkRGBA fg, accent, student;
  guint max_bin = 1;
  double y;

  if (chart == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_bg_color", &accent, "#3584e4");
  lookup_color (widget, "success_color", &student, "#26a269");

  draw_talk (self, cr, width, &fg, &accent, &student);

  for (guint i = 0; i < chart->series->len; i++)
    {
      const CbTallySeries *s = g_ptr_array_index (chart->series, i);
      for (guint b = 0; s->bins != NULL && b < chart->n_bins; b++)
        max_bin = MAX (max_bin, s->bins[b]);
    }

  y = TALK_HEIGHT + ratio_line_height (self, width);
  for (guint i = 0; i < chart->series->len; i++)
    {
      const CbTallySeries *s = g_ptr_array_index (chart->series, i);
      const char *label = cb_counter_label (s->name, s->label);
      g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, s->total);
      double plot_y = y + 20;
      double plot_h = SERIES_HEIGHT - 26;
      double slot = chart->n_bins > 0 ? (double) width / chart->n_bins : width;

      gdk_cairo_set_source_rgba (cr, &fg);
      show_text (cr, widget, label, 0, y, width - 40, FALSE, FALSE, NULL);
      show_text (cr, widget, total, width, y, 40, TRUE, FALSE, NULL);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
      cairo_rectangle (cr, 0, plot_y + plot_h, width, 1);
      cairo_fill (cr);

      if (s->bins == NULL || chart->n_bins == 0)
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
          show_text (cr, widget, _("No times kept: the total only"), 0, plot_y + 4, width, FALSE, TRUE, NULL);
        }
      else
        for (guint b = 0; b < chart->n_bins; b++)
          {
            double h = plot_h * s->bins[b] / (double) max_bin;

            if (s->bins[b] == 0)
              continue;
            gdk_cairo_set_source_rgba (cr, &accent);
            cairo_rectangle (cr, b * slot + 1, plot_y + plot_h - h, MAX (1.0, slot - 2), h);
            cairo_fill (cr);
          }
      y += SERIES_HEIGHT;
    }

  /* the time axis: start, middle and end of the lesson */
  if (chart->lesson_seconds > 0)
    {
      g_autofree char *start = cb_format_offset (0);
      g_autofree char *middle = cb_format_offset (chart->lesson_seconds / 2);
      g_autofree char *end = cb_format_offset (chart->lesson_seconds);
      g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (widget, middle);
      int mw, mh;

      pango_layout_get_pixel_size (probe, &mw, &mh);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      show_text (cr, widget, start, 0, y + LABEL_GAP, 0, FALSE, TRUE, NULL);
      show_text (cr, widget, middle, (width + mw) / 2.0, y + LABEL_GAP, 0, TRUE, TRUE, NULL);
      show_text (cr, widget, end, width, y + LABEL_GAP, 0, TRUE, TRUE, NULL);
    }
}

static void
update (CbLessonChartArea *self)
{
  GString *text = g_string_new (NULL);

  if (self->chart != NULL)
    {
      if (self->chart->teacher_percent >= 0)
        g_string_append_printf (text, _("Teacher talk %d%%, student talk %d%%."),
                                self->chart->teacher_percent, 100 - self->chart->teacher_percent);
      for (guint i = 0; i < self->chart->series->len; i++)
        {
          const CbTallySeries *s = g_ptr_array_index (self->chart->series, i);
          g_string_append_printf (text, " %s: %" G_GINT64_FORMAT ".", cb_counter_label (s->name, s->label), s->total);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_string_free (text, TRUE);
}

/* Height for width: in a narrow window the talk ratio takes a line of
 * its own. */
static GtkSizeRequestMode
cb_lesson_chart_area_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cb_lesson_chart_area_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  CbLessonChartArea *self = CB_LESSON_CHART_AREA (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 200;
  else
    *minimum = *natural = self->chart != NULL ? series_height (self, for_size) : 1;
}

static void
cb_lesson_chart_area_finalize (GObject *object)
{
  CbLessonChartArea *self = CB_LESSON_CHART_AREA (object);

  g_clear_pointer (&self->chart, cb_lesson_chart_free);

  G_OBJECT_CLASS (cb_lesson_chart_area_parent_class)->finalize (object);
}

static void
cb_lesson_chart_area_class_init (CbLessonChartAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cb_lesson_chart_area_finalize;
  widget_class->get_request_mode = cb_lesson_chart_area_get_request_mode;
  widget_class->measure = cb_lesson_chart_area_measure;
}

static void
cb_lesson_chart_area_init (CbLessonChartArea *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  update (self);
}

GtkWidget *
cb_lesson_chart_area_new (void)
{
  return g_object_new (CB_TYPE_LESSON_CHART_AREA, NULL);
}

/**
 * cb_lesson_chart_area_set_chart:
 * @chart: (transfer full) (nullable): from cb_lesson_chart_compute()
 */
void
cb_lesson_chart_area_set_chart (CbLessonChartArea *self,
                                CbLessonChart     *chart)
{
  g_return_if_fail (CB_IS_LESSON_CHART_AREA (self));

  g_clear_pointer (&self->chart, cb_lesson_chart_free);
  self->chart = chart;
  update (self);
}

/**
 * cb_lesson_chart_area_get_chart:
 *
 * Returns: (transfer none) (nullable): what is drawn
 */
CbLessonChart *
cb_lesson_chart_area_get_chart (CbLessonChartArea *self)
{
  g_return_val_if_fail (CB_IS_LESSON_CHART_AREA (self), NULL);

  return self->chart;
}
