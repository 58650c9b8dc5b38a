/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What every PDF shares, the debrief packet's too: a Pango context and
 * layouts whose metrics do not depend on the device, and a PDF file
 * written beside its path and renamed over it only once complete. And
 * what the one- or few-page reports (the contract, the sign-in sheet,
 * the exit-ticket summary, the rounds picture) share: a pen that writes
 * paragraphs down the page. */

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
} CbPen;

typedef void (*CbPenDrawFunc) (CbPen    *pen,
                               gpointer  data);

/* Draws every page of a PDF on @cr, each ended by cairo_show_page(). */
typedef void (*CbReportDrawFunc) (cairo_t  *cr,
                                  gpointer  data);

PangoContext *cb_report_context_new (void);
PangoLayout  *cb_report_layout_new  (PangoContext      *context,
                                     const char        *font,
                                     double             width);
gboolean      cb_report_write_pdf   (const char        *path,
                                     double             width,
                                     double             height,
                                     const char        *title,
                                     const char        *author,
                                     CbReportDrawFunc   draw,
                                     gpointer           data,
                                     char             **failure,
                                     GError           **error);

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
void         cb_pen_start_row    (CbPen              *pen,
                                  double              height,
                                  gboolean            header);
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
