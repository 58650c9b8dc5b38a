/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cb-contract.h"
#include "cb-report-pen.h"
#include "cb-reports.h"
#include "cb-year-report.h"

#define FONT    CB_PEN_FONT
#define MARGIN  CB_PEN_MARGIN
#define CELL    6.0

typedef CbPen Pen;

static const CbRgb over = { 0.78, 0.27, 0.00 };

/* Column widths as shares of the text width. */
static const double columns[] = { 0.21, 0.13, 0.15, 0.15, 0.36 };

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
      layouts[i] = cb_pen_layout (pen, header ? FONT " Bold 9.5" : FONT " 9.5", cells[i],
                               columns[i] * text_width - 2 * CELL);
      if (i > 0 && i < 4)
        pango_layout_set_alignment (layouts[i], PANGO_ALIGN_RIGHT);
      row_height = MAX (row_height, cb_pen_layout_height (layouts[i]) + 2 * CELL);
    }
  if (pen->y + row_height > pen->height - MARGIN)
    cb_pen_new_page (pen);
  if (header)
    {
      cairo_set_source_rgb (pen->cr, 0.94, 0.95, 0.96);
      cairo_rectangle (pen->cr, MARGIN, pen->y, text_width, row_height);
      cairo_fill (pen->cr);
    }
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      CbRgb color = header ? cb_pen_accent : (over_plan && i == 3 ? over : cb_pen_ink);

      cb_pen_show (pen, layouts[i], x + CELL, pen->y + CELL, color);
      x += columns[i] * text_width;
      g_object_unref (layouts[i]);
    }
  pen->y += row_height;
  cb_pen_rule (pen, MARGIN, pen->width - MARGIN, pen->y, cb_pen_faint);
}

static const char *
text_or (const char *text,
         const char *fallback)
{
  return text != NULL && *text != '\0' ? text : fallback;
}

typedef struct
{
  CbRecord     *engagement;
  CbDelivered  *d;
  CbYearReport *year;
} Contract;

/* PD attendance and exit tickets by Guskey level, and the meetings. */
static void
draw_year (Pen          *pen,
           CbYearReport *year)
{
  static const double widths[] = { 0.12, 0.27, 0.10, 0.08, 0.10, 0.11, 0.11, 0.11 };
  g_autoptr(GPtrArray) rows = cb_year_report_rows (year);
  g_autofree char *meetings = NULL;

  cb_pen_paragraph (pen, FONT " Bold 12.5", _("PD attendance and exit tickets"), cb_pen_accent, 20);
  cb_pen_paragraph (pen, FONT " 9", _("Exit-ticket columns are the mean of the 1 to 5 items at each of Guskey’s levels."),
                    cb_pen_muted, 2);
  pen->y += 8;
  for (guint i = 0; i < rows->len; i++)
    cb_pen_table_row (pen, (const char * const *) g_ptr_array_index (rows, i), widths, G_N_ELEMENTS (widths), i == 0);
  /* TRANSLATORS: in the contract PDF: "Meetings held: 6, of which 2 impact reviews." */
  meetings = g_strdup_printf (_("Meetings held: %u, of which %u impact reviews."), year->meetings, year->impact_reviews);
  cb_pen_paragraph (pen, FONT " 10", meetings, cb_pen_ink, 12);
}

static void
draw (Pen      *pen,
      gpointer  data)
{
  Contract *c = data;
  CbRecord *engagement = c->engagement;
  CbDelivered *d = c->d;
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
  cb_pen_paragraph (pen, FONT " Bold 18", text_or (cb_record_get_title (engagement), _("Untitled engagement")), cb_pen_ink, 0);
  if (about->len > 0)
    cb_pen_paragraph (pen, FONT " 10.5", about->str, cb_pen_muted, 4);
  cb_pen_paragraph (pen, FONT " Bold 12.5", _("Delivered against planned"), cb_pen_accent, 20);
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
      cb_pen_paragraph (pen, FONT " 9", coaches, cb_pen_muted, 12);
    }
  if (c->year != NULL && (c->year->sessions->len > 0 || c->year->meetings > 0))
    draw_year (pen, c->year);
  {
    /* TRANSLATORS: the footnote of the contract PDF; %s is a date */
    g_autofree char *note = g_strdup_printf (_("Counted from the records on %s. Counts, time and dates only; "
                                               "private records are not counted. Coaching hours are the minutes logged: "
                                               "each coach logs their own time, so two coaches who each log "
                                               "an hour count two hours."), today);
    cb_pen_paragraph (pen, FONT " 9", note, cb_pen_muted, d->planned_coaches_per_day > 0 ? 4 : 12);
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
  g_autoptr(CbYearReport) year = NULL;
  Contract c;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (engagement != NULL && path != NULL, FALSE);
  g_return_val_if_fail (width > 2 * MARGIN && height > 2 * MARGIN, FALSE);

  if ((d = cb_delivered_load_shared (store, engagement, &record, error)) == NULL ||
      (year = cb_year_report_load (store, engagement, error)) == NULL)
    return FALSE;
  c.engagement = record;
  c.d = d;
  c.year = year;
  return cb_pen_write_pdf (path, width, height,
                           text_or (cb_record_get_title (record), _("Untitled engagement")),
                           draw, &c, error);
}
