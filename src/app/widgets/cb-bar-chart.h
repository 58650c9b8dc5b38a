/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_BAR_CHART (cb_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (CbBarChart, cb_bar_chart, CB, BAR_CHART, GtkDrawingArea)

/* Horizontal bars drawn with cairo, one row per item: its label and
 * value text on one line, the bar below, so it reads the same at 360
 * pixels and at full width. A bar is @value against the largest value,
 * or, given a @total (planned), @value against its own total. */
GtkWidget  *cb_bar_chart_new        (void);
void        cb_bar_chart_clear      (CbBarChart *self);
void        cb_bar_chart_add        (CbBarChart *self,
                                     const char *label,
                                     double      value,
                                     double      total,
                                     const char *text);
guint       cb_bar_chart_get_n_bars (CbBarChart *self);

G_END_DECLS
