/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What the one- or few-page reports (the contract, the sign-in sheet,
 * the exit-ticket summary) share: a pen that writes paragraphs down the
 * page with cairo and Pango, and a PDF file written beside its path and
 * renamed over it only once complete. */

#define CB_PEN_FONT   "Sans"
#define CB_PEN_MARGIN 54.0

typedef struct
{
  double r, g, b;
} CbRgb;

extern const CbRgb cb_pen_ink;
extern const CbRgb cb_pen_muted;
extern const CbRgb cb_pen_faint;
extern const CbRgb cb_pen_accent;

typedef struct
{
  PangoContext  *context;
  cairo_t       *cr;
  double         width;
  double         height;
  double         y;
  GOutputStream *out;
  GError        *error;
} CbPen;

typedef void (*CbPenDrawFunc) (CbPen    *pen,
                               gpointer  data);

PangoLayout *cb_pen_layout       (CbPen       *pen,
                                  const char  *font,
                                  const char  *text,
                                  double       width);
double       cb_pen_layout_height (PangoLayout *layout);
void         cb_pen_show         (CbPen       *pen,
                                  PangoLayout *layout,
                                  double       x,
                                  double       y,
                                  CbRgb        color);
void         cb_pen_paragraph    (CbPen       *pen,
                                  const char  *font,
                                  const char  *text,
                                  CbRgb        color,
                                  double       space_before);
void         cb_pen_new_page     (CbPen       *pen);
void         cb_pen_rule         (CbPen       *pen,
                                  double       x0,
                                  double       x1,
                                  double       y,
                                  CbRgb        color);
void         cb_pen_table_row    (CbPen              *pen,
                                  const char * const *cells,
                                  const double       *widths,
                                  guint               n,
                                  gboolean            header);
gboolean     cb_pen_write_pdf    (const char     *path,
                                  double          width,
                                  double          height,
                                  const char     *title,
                                  CbPenDrawFunc   draw,
                                  gpointer        data,
                                  GError        **error);

G_END_DECLS
