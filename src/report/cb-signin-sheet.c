/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sign-in sheet: a header with the session, then one tall line per
 * person (tall enough to sign) and blank lines below for whoever was
 * not expected. Names come through the privacy rule (cb-signin.c). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-report-pen.h"
#include "cb-signin-sheet.h"
#include "cb-signin.h"

#define CELL     5.0
#define LINE_MIN 26.0

/* Column widths as shares of the text width. */
static const double columns[] = { 0.05, 0.25, 0.22, 0.13, 0.09, 0.26 };

static void
line (CbPen              *pen,
      const char * const *cells,
      gboolean            header)
{
  double text_width = pen->width - 2 * CB_PEN_MARGIN;
  PangoLayout *layouts[G_N_ELEMENTS (columns)];
  double height = header ? 0 : LINE_MIN, x = CB_PEN_MARGIN;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      layouts[i] = cb_pen_layout (pen, header ? CB_PEN_FONT " Bold 9" : CB_PEN_FONT " 9.5",
                                  cells[i], columns[i] * text_width - 2 * CELL);
      height = MAX (height, cb_pen_layout_height (layouts[i]) + 2 * CELL);
    }
  cb_pen_start_row (pen, height, header);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      cb_pen_show (pen, layouts[i], x + CELL, pen->y + CELL,
                   header ? cb_pen_accent : i == 0 ? cb_pen_muted : cb_pen_ink);
      x += columns[i] * text_width;
      g_object_unref (layouts[i]);
    }
  pen->y += height;
  cb_pen_rule (pen, CB_PEN_MARGIN, pen->width - CB_PEN_MARGIN, pen->y, cb_pen_faint);
}

static void
draw (CbPen    *pen,
      gpointer  data)
{
  CbSigninSheet *sheet = data;
  g_autoptr(GString) about = g_string_new (NULL);
  const char *header[] = { "#", _("Name"), _("School"), _("Role"), _("Hours"), _("Signature") };
  g_autofree char *hours = NULL;
  guint n = 0;

  if (sheet->date && *sheet->date)
    g_string_append (about, sheet->date);
  if (sheet->start && *sheet->start)
    g_string_append_printf (about, "%s%s–%s", about->len ? " · " : "", sheet->start,
                            sheet->end ? sheet->end : "");
  if (sheet->location && *sheet->location)
    g_string_append_printf (about, "%s%s", about->len ? " · " : "", sheet->location);

  cb_pen_paragraph (pen, CB_PEN_FONT " Bold 12.5", _("Sign-in sheet"), cb_pen_accent, 0);
  cb_pen_paragraph (pen, CB_PEN_FONT " Bold 18",
                    sheet->title && *sheet->title ? sheet->title : _("Untitled session"), cb_pen_ink, 4);
  if (about->len > 0)
    cb_pen_paragraph (pen, CB_PEN_FONT " 10.5", about->str, cb_pen_muted, 4);
  pen->y += 14;
  line (pen, header, TRUE);
  if (sheet->hours > 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      hours = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", sheet->hours));
    }
  for (guint i = 0; i < sheet->rows->len; i++)
    {
      CbSigninRow *r = g_ptr_array_index (sheet->rows, i);
      g_autofree char *number = g_strdup_printf ("%u", ++n);
      const char *cells[] = { number, r->name, r->school, r->role, *r->hours ? r->hours : "", "" };

      line (pen, cells, FALSE);
    }
  for (guint i = 0; i < CB_SIGNIN_BLANK_LINES; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", ++n);
      const char *cells[] = { number, "", "", "", "", "" };

      line (pen, cells, FALSE);
    }
  if (hours != NULL)
    {
      /* TRANSLATORS: the footnote of the sign-in sheet; %s is a number of hours */
      g_autofree char *note = g_strdup_printf (_("This session counts %s hours for each person present."), hours);
      cb_pen_paragraph (pen, CB_PEN_FONT " 9", note, cb_pen_muted, 10);
    }
}

/**
 * cb_signin_sheet_write_pdf:
 * @session: a PD session that may leave the laptop
 * @path: the PDF file; replaced only once it is complete
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Returns: %TRUE on success
 */
gboolean
cb_signin_sheet_write_pdf (CbStore     *store,
                           const char  *session,
                           const char  *path,
                           double       width,
                           double       height,
                           GError     **error)
{
  g_autoptr(CbSigninSheet) sheet = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (session != NULL && path != NULL, FALSE);

  if ((sheet = cb_signin_sheet_load (store, session, error)) == NULL)
    return FALSE;
  return cb_pen_write_pdf (path, width, height, sheet->title, draw, sheet, error);
}
