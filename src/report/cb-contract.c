/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "cb-contract.h"
#include "cb-packet.h"
#include "cb-reports.h"

#define FONT    "Sans"
#define MARGIN  54.0
#define CELL    6.0

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb ink    = { 0.13, 0.15, 0.18 };
static const Rgb muted  = { 0.38, 0.42, 0.47 };
static const Rgb faint  = { 0.82, 0.84, 0.87 };
static const Rgb accent = { 0.12, 0.31, 0.47 };
static const Rgb over   = { 0.78, 0.27, 0.00 };

/* Column widths as shares of the text width. */
static const double columns[] = { 0.21, 0.13, 0.15, 0.15, 0.36 };

typedef struct
{
  PangoContext    *context;
  cairo_t         *cr;
  double           width;
  double           height;
  double           y;
  GOutputStream   *out;
  GError          *error;
} Pen;

static PangoLayout *
layout_new (Pen        *pen,
            const char *font,
            const char *text,
            double      width)
{
  PangoLayout *layout = pango_layout_new (pen->context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static void
show (Pen         *pen,
      PangoLayout *layout,
      double       x,
      double       y,
      Rgb          color)
{
  cairo_set_source_rgb (pen->cr, color.r, color.g, color.b);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

/* A paragraph across the text width, below the last. */
static void
paragraph (Pen        *pen,
           const char *font,
           const char *text,
           Rgb         color,
           double      space_before)
{
  g_autoptr(PangoLayout) layout = layout_new (pen, font, text, pen->width - 2 * MARGIN);

  pen->y += space_before;
  show (pen, layout, MARGIN, pen->y, color);
  pen->y += layout_height (layout);
}

static void
new_page (Pen *pen)
{
  cairo_show_page (pen->cr);
  pen->y = MARGIN;
}

/* One table row; a row that does not fit starts a new page. */
static void
table_row (Pen                *pen,
           const char * const *cells,
           gboolean            header,
           gboolean            over_plan)
{
  double text_width = pen->width - 2 * MARGIN;
  PangoLayout *layouts[G_N_ELEMENTS (columns)];
  double row_height = 0, x = MARGIN;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      layouts[i] = layout_new (pen, header ? FONT " Bold 9.5" : FONT " 9.5", cells[i],
                               columns[i] * text_width - 2 * CELL);
      if (i > 0 && i < 4)
        pango_layout_set_alignment (layouts[i], PANGO_ALIGN_RIGHT);
      row_height = MAX (row_height, layout_height (layouts[i]) + 2 * CELL);
    }
  if (pen->y + row_height > pen->height - MARGIN)
    new_page (pen);
  if (header)
    {
      cairo_set_source_rgb (pen->cr, 0.94, 0.95, 0.96);
      cairo_rectangle (pen->cr, MARGIN, pen->y, text_width, row_height);
      cairo_fill (pen->cr);
    }
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      Rgb color = header ? accent : (over_plan && i == 3 ? over : ink);

      show (pen, layouts[i], x + CELL, pen->y + CELL, color);
      x += columns[i] * text_width;
      g_object_unref (layouts[i]);
    }
  pen->y += row_height;
  cairo_set_source_rgb (pen->cr, faint.r, faint.g, faint.b);
  cairo_set_line_width (pen->cr, 0.75);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  cairo_line_to (pen->cr, pen->width - MARGIN, pen->y);
  cairo_stroke (pen->cr);
}

static cairo_status_t
write_data (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Pen *pen = closure;

  if (pen->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (pen->out, data, length, NULL, NULL, &pen->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static const char *
text_or (const char *text,
         const char *fallback)
{
  return text != NULL && *text != '\0' ? text : fallback;
}

static void
draw (Pen         *pen,
      CbRecord    *engagement,
      CbDelivered *d)
{
  g_autoptr(GPtrArray) rows = cb_delivered_rows (d);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GString) about = g_string_new (NULL);
  const char *header[] = { _("Service"), _("Planned"), _("Delivered"), _("Difference"), _("Dates") };
  const char *parts[] = {
    cb_record_get (engagement, "client"), cb_record_get (engagement, "school_year"),
  };
  const char *start = cb_record_get (engagement, "start_date");
  const char *end = cb_record_get (engagement, "end_date");

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (about, "%s%s", about->len ? " · " : "", parts[i]);
  if ((start && *start) || (end && *end))
    g_string_append_printf (about, "%s%s – %s", about->len ? " · " : "", text_or (start, "…"), text_or (end, "…"));

  pen->y = MARGIN;
  paragraph (pen, FONT " Bold 18", text_or (cb_record_get_title (engagement), _("Untitled engagement")), ink, 0);
  if (about->len > 0)
    paragraph (pen, FONT " 10.5", about->str, muted, 4);
  paragraph (pen, FONT " Bold 12.5", _("Delivered against planned"), accent, 20);
  pen->y += 8;
  table_row (pen, header, TRUE, FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      CbDeliveredRow *r = g_ptr_array_index (rows, i);
      const char *cells[] = { r->service, r->planned, r->delivered, r->difference, r->dates };

      table_row (pen, cells, FALSE, r->difference[0] == '+');
    }
  if (d->planned_coaches_per_day > 0)
    {
      /* TRANSLATORS: under the contract table; %d is a number of coaches */
      g_autofree char *coaches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Planned: %d coach on each coaching day.",
                                                               "Planned: %d coaches on each coaching day.",
                                                               (gulong) d->planned_coaches_per_day),
                                                  (int) d->planned_coaches_per_day);
      paragraph (pen, FONT " 9", coaches, muted, 12);
    }
  {
    /* TRANSLATORS: the footnote of the contract PDF; %s is a date */
    g_autofree char *note = g_strdup_printf (_("Counted from the records on %s. Counts, time and dates only; "
                                               "private records are not counted. Coaching hours are the minutes logged: "
                                               "each coach logs their own time, so two coaches who each log "
                                               "an hour count two hours."), today);
    paragraph (pen, FONT " 9", note, muted, d->planned_coaches_per_day > 0 ? 4 : 12);
  }
}

/**
 * cb_contract_write_pdf:
 * @engagement: an engagement
 * @path: the PDF file; replaced only once it is complete
 * @width: the page's width in points, such as %CB_PAPER_A4_WIDTH
 * @height: the page's height in points
 *
 * Writes the engagement's delivered-against-planned table as a PDF.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_contract_write_pdf (CbStore     *store,
                       const char  *engagement,
                       const char  *path,
                       double       width,
                       double       height,
                       GError     **error)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(CbDelivered) d = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  cairo_font_options_t *options;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { 0 };

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (engagement != NULL && path != NULL, FALSE);
  g_return_val_if_fail (width > 2 * MARGIN && height > 2 * MARGIN, FALSE);

  if ((d = cb_delivered_load_shared (store, engagement, &record, error)) == NULL)
    return FALSE;

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  pen.out = G_OUTPUT_STREAM (stream);
  pen.width = width;
  pen.height = height;

  surface = cairo_pdf_surface_create_for_stream (write_data, &pen, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  text_or (cb_record_get_title (record), _("Untitled engagement")));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
  pen.cr = cairo_create (surface);
  /* one point per unit, metrics that do not depend on the device */
  pen.context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (pen.context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pen.context, options);
  cairo_font_options_destroy (options);

  draw (&pen, record, d);
  cairo_show_page (pen.cr);

  g_object_unref (pen.context);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (pen.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name,
                   pen.error ? pen.error->message : cairo_status_to_string (status));
      g_clear_error (&pen.error);
      /* closing a cancelled replace drops the temporary file */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
