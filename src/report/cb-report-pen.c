/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pen of the short reports: see cb-report-pen.h. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "cb-report-pen.h"

const CbRgb cb_pen_ink    = { 0.13, 0.15, 0.18 };
const CbRgb cb_pen_muted  = { 0.38, 0.42, 0.47 };
const CbRgb cb_pen_faint  = { 0.82, 0.84, 0.87 };
const CbRgb cb_pen_accent = { 0.12, 0.31, 0.47 };

/**
 * cb_report_context_new:
 *
 * One point per unit, and metrics that do not depend on the device:
 * the same pages on paper, in a PDF and on screen.
 *
 * Returns: (transfer full): a context for laying out a report's text
 */
PangoContext *
cb_report_context_new (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/**
 * cb_report_layout_new:
 * @width: the wrapping width in points, or 0 for none
 *
 * Returns: (transfer full): an empty layout in @font, wrapping words
 *   (or characters, for a word wider than the line)
 */
PangoLayout *
cb_report_layout_new (PangoContext *context,
                      const char   *font,
                      double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/**
 * cb_pen_layout:
 * @width: the wrapping width in points, or 0 for none
 *
 * Returns: (transfer full): @text laid out in @font
 */
PangoLayout *
cb_pen_layout (CbPen      *pen,
               const char *font,
               const char *text,
               double      width)
{
  PangoLayout *layout = cb_report_layout_new (pen->context, font, width);

  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

double
cb_pen_layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

void
cb_pen_show (CbPen       *pen,
             PangoLayout *layout,
             double       x,
             double       y,
             CbRgb        color)
{
  cairo_set_source_rgb (pen->cr, color.r, color.g, color.b);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

/* A paragraph across the text width, below the last; one that does not
 * fit starts a new page. */
void
cb_pen_paragraph (CbPen      *pen,
                  const char *font,
                  const char *text,
                  CbRgb       color,
                  double      space_before)
{
  g_autoptr(PangoLayout) layout = cb_pen_layout (pen, font, text, pen->width - 2 * CB_PEN_MARGIN);
  double h = cb_pen_layout_height (layout);

  pen->y += space_before;
  if (pen->y + h > pen->height - CB_PEN_MARGIN && pen->y > CB_PEN_MARGIN + space_before)
    cb_pen_new_page (pen);
  cb_pen_show (pen, layout, CB_PEN_MARGIN, pen->y, color);
  pen->y += h;
}

void
cb_pen_new_page (CbPen *pen)
{
  cairo_show_page (pen->cr);
  pen->y = CB_PEN_MARGIN;
}

void
cb_pen_rule (CbPen  *pen,
             double  x0,
             double  x1,
             double  y,
             CbRgb   color)
{
  cairo_set_source_rgb (pen->cr, color.r, color.g, color.b);
  cairo_set_line_width (pen->cr, 0.75);
  cairo_move_to (pen->cr, x0, y);
  cairo_line_to (pen->cr, x1, y);
  cairo_stroke (pen->cr);
}

/**
 * cb_pen_start_row:
 * @height: the row's height
 * @header: a shaded header row
 *
 * Makes room for a table row below the last: a row that does not fit
 * starts a new page. A header row is shaded across the text width.
 */
void
cb_pen_start_row (CbPen    *pen,
                  double    height,
                  gboolean  header)
{
  if (pen->y + height > pen->height - CB_PEN_MARGIN)
    cb_pen_new_page (pen);
  if (header)
    {
      cairo_set_source_rgb (pen->cr, 0.94, 0.95, 0.96);
      cairo_rectangle (pen->cr, CB_PEN_MARGIN, pen->y, pen->width - 2 * CB_PEN_MARGIN, height);
      cairo_fill (pen->cr);
    }
}

/**
 * cb_pen_table_row:
 * @cells: (array length=n): the row's text
 * @widths: (array length=n): each column's share of the text width
 * @header: a shaded header row
 *
 * One table row below the last; numbers (every column but the first
 * two) are aligned right. A row that does not fit starts a new page.
 */
void
cb_pen_table_row (CbPen              *pen,
                  const char * const *cells,
                  const double       *widths,
                  guint               n,
                  gboolean            header)
{
  double text_width = pen->width - 2 * CB_PEN_MARGIN;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0, x = CB_PEN_MARGIN;
  const double cell = 5.0;

  for (guint i = 0; i < n; i++)
    {
      PangoLayout *layout = cb_pen_layout (pen, header ? CB_PEN_FONT " Bold 8" : CB_PEN_FONT " 8.5",
                                           cells[i], widths[i] * text_width - 2 * cell);
      if (i >= 2)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      height = MAX (height, cb_pen_layout_height (layout) + 2 * cell);
      g_ptr_array_add (layouts, layout);
    }
  cb_pen_start_row (pen, height, header);
  for (guint i = 0; i < n; i++)
    {
      cb_pen_show (pen, g_ptr_array_index (layouts, i), x + cell, pen->y + cell,
                   header ? cb_pen_accent : cb_pen_ink);
      x += widths[i] * text_width;
    }
  pen->y += height;
  cb_pen_rule (pen, CB_PEN_MARGIN, pen->width - CB_PEN_MARGIN, pen->y, cb_pen_faint);
}

typedef struct
{
  GOutputStream *out;
  GError        *error;
} PdfStream;

static cairo_status_t
write_data (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  PdfStream *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (w->out, data, length, NULL, NULL, &w->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * cb_report_write_pdf:
 * @path: the PDF file; replaced only once it is complete
 * @width: the page's width in points
 * @height: the page's height in points
 * @title: (nullable): the PDF's title
 * @author: (nullable): the PDF's author, if known
 * @draw: draws every page
 * @failure: (out) (transfer full): when the PDF could not be written
 *   (a full disk), why, for the caller to word; @error is not set then
 * @error: when @path cannot be opened or replaced
 *
 * Returns: %TRUE on success
 */
gboolean
cb_report_write_pdf (const char        *path,
                     double             width,
                     double             height,
                     const char        *title,
                     const char        *author,
                     CbReportDrawFunc   draw,
                     gpointer           data,
                     char             **failure,
                     GError           **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  PdfStream w = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL && draw != NULL && failure != NULL, FALSE);

  *failure = NULL;
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  w.out = G_OUTPUT_STREAM (stream);

  surface = cairo_pdf_surface_create_for_stream (write_data, &w, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
  if (author != NULL && *author != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
  cr = cairo_create (surface);
  draw (cr, data);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (w.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      *failure = g_strdup (w.error ? w.error->message : cairo_status_to_string (status));
      g_clear_error (&w.error);
      /* closing a cancelled replace drops the temporary file */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

typedef struct
{
  CbPen         *pen;
  CbPenDrawFunc  draw;
  gpointer       data;
} PenPages;

static void
draw_pen_pages (cairo_t  *cr,
                gpointer  data)
{
  PenPages *pages = data;

  pages->pen->cr = cr;
  pages->draw (pages->pen, pages->data);
  cairo_show_page (cr);
}

/**
 * cb_pen_write_pdf:
 * @path: the PDF file; replaced only once it is complete
 * @width: the page's width in points
 * @height: the page's height in points
 * @title: the PDF's title
 * @draw: draws the pages, from the top of the first
 *
 * Returns: %TRUE on success
 */
gboolean
cb_pen_write_pdf (const char     *path,
                  double          width,
                  double          height,
                  const char     *title,
                  CbPenDrawFunc   draw,
                  gpointer        data,
                  GError        **error)
{
  g_autofree char *failure = NULL;
  CbPen pen = { 0 };
  PenPages pages = { &pen, draw, data };
  gboolean ok;

  g_return_val_if_fail (path != NULL && draw != NULL, FALSE);
  g_return_val_if_fail (width > 2 * CB_PEN_MARGIN && height > 2 * CB_PEN_MARGIN, FALSE);

  pen.context = cb_report_context_new ();
  pen.width = width;
  pen.height = height;
  pen.y = CB_PEN_MARGIN;
  ok = cb_report_write_pdf (path, width, height, title, NULL, draw_pen_pages, &pages, &failure, error);
  g_object_unref (pen.context);
  if (ok)
    return TRUE;
  if (failure != NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), name, failure);
    }
  return FALSE;
}
