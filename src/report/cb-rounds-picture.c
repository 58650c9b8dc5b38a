/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data picture of a rounds visit: what the group saw, as counts by
 * look-for, the patterns it found with a few example lines, what it
 * predicts students learn, and the next level of work. What it holds
 * is decided in cb-rounds.c through the privacy rule. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-report-pen.h"
#include "cb-rounds-picture.h"
#include "cb-rounds.h"

static void
counts (CbPen      *pen,
        const char *heading,
        const char *column,
        GPtrArray  *rows)
{
  const double widths[] = { 0.75, 0.25 };
  const char *header[] = { column, _("Notes") };

  cb_pen_paragraph (pen, CB_PEN_FONT " Bold 12.5", heading, cb_pen_accent, 16);
  pen->y += 6;
  cb_pen_table_row (pen, header, widths, 2, TRUE);
  for (guint i = 0; i < rows->len; i++)
    {
      CbRoundsCount *count = g_ptr_array_index (rows, i);
      g_autofree char *n = g_strdup_printf ("%u", count->count);
      const char *cells[] = { count->label, n };

      cb_pen_table_row (pen, cells, widths, 2, FALSE);
    }
}

static void
section (CbPen      *pen,
         const char *heading,
         const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  cb_pen_paragraph (pen, CB_PEN_FONT " Bold 11", heading, cb_pen_ink, 10);
  cb_pen_paragraph (pen, CB_PEN_FONT " 10.5", text, cb_pen_ink, 3);
}

static void
patterns (CbPen           *pen,
          CbRoundsPicture *picture)
{
  if (picture->patterns->len == 0)
    return;
  cb_pen_paragraph (pen, CB_PEN_FONT " Bold 12.5", _("Patterns"), cb_pen_accent, 16);
  for (guint i = 0; i < picture->patterns->len; i++)
    {
      CbRoundsPattern *p = g_ptr_array_index (picture->patterns, i);
      /* TRANSLATORS: under a pattern of the data picture; %u is a number of notes */
      g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", p->n_notes),
                                            p->n_notes);

      cb_pen_paragraph (pen, CB_PEN_FONT " Bold 11", p->title && *p->title ? p->title : _("Untitled pattern"),
                        cb_pen_ink, 10);
      if (p->description && *p->description)
        cb_pen_paragraph (pen, CB_PEN_FONT " 10.5", p->description, cb_pen_ink, 2);
      cb_pen_paragraph (pen, CB_PEN_FONT " 9", n, cb_pen_muted, 2);
      for (guint e = 0; e < p->examples->len; e++)
        {
          g_autofree char *line = g_strdup_printf ("“%s”", (char *) g_ptr_array_index (p->examples, e));
          cb_pen_paragraph (pen, CB_PEN_FONT " Italic 10", line, cb_pen_muted, 2);
        }
    }
}

static void
draw (CbPen    *pen,
      gpointer  data)
{
  CbRoundsPicture *picture = data;
  g_autoptr(GString) about = g_string_new (NULL);
  /* TRANSLATORS: %u notes in %u classrooms, in the data picture's header */
  g_autofree char *seen = g_strdup_printf (_("%u notes in %u classrooms"), picture->n_notes, picture->n_classrooms);

  if (picture->school && *picture->school)
    g_string_append (about, picture->school);
  if (picture->date && *picture->date)
    g_string_append_printf (about, "%s%s", about->len ? " · " : "", picture->date);
  g_string_append_printf (about, "%s%s", about->len ? " · " : "", seen);

  cb_pen_paragraph (pen, CB_PEN_FONT " Bold 12.5", _("Instructional rounds: data picture"), cb_pen_accent, 0);
  cb_pen_paragraph (pen, CB_PEN_FONT " Bold 18",
                    picture->title && *picture->title ? picture->title : _("Untitled rounds visit"), cb_pen_ink, 4);
  cb_pen_paragraph (pen, CB_PEN_FONT " 10.5", about->str, cb_pen_muted, 4);
  section (pen, _("Problem of practice"), picture->problem);
  counts (pen, _("What we saw, by look-for"), _("Look-for"), picture->by_look_for);
  if (picture->by_classroom->len > 0)
    counts (pen, _("What we saw, by classroom"), _("Classroom"), picture->by_classroom);
  patterns (pen, picture);
  if ((picture->predictions && *picture->predictions) || (picture->next_week && *picture->next_week) ||
      (picture->next_month && *picture->next_month) || (picture->next_year && *picture->next_year))
    cb_pen_paragraph (pen, CB_PEN_FONT " Bold 12.5", _("What students learn, and the work ahead"), cb_pen_accent, 16);
  section (pen, _("Predictions"), picture->predictions);
  section (pen, _("Next level of work: next week"), picture->next_week);
  section (pen, _("Next level of work: next month"), picture->next_month);
  section (pen, _("Next level of work: next year"), picture->next_year);
  cb_pen_paragraph (pen, CB_PEN_FONT " 9",
                    _("A picture of the school's teaching, not an evaluation of any teacher."), cb_pen_muted, 14);
}

/**
 * cb_rounds_picture_write_pdf:
 * @visit: a rounds visit that may leave the laptop
 * @path: the PDF file; replaced only once it is complete
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Returns: %TRUE on success
 */
gboolean
cb_rounds_picture_write_pdf (CbStore     *store,
                             const char  *visit,
                             const char  *path,
                             double       width,
                             double       height,
                             GError     **error)
{
  g_autoptr(CbRoundsPicture) picture = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (visit != NULL && path != NULL, FALSE);

  if ((picture = cb_rounds_picture_load (store, visit, error)) == NULL)
    return FALSE;
  return cb_pen_write_pdf (path, width, height, picture->title, draw, picture, error);
}
