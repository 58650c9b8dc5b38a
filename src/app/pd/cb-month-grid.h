/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_MONTH_GRID (cb_month_grid_get_type ())
G_DECLARE_FINAL_TYPE (CbMonthGrid, cb_month_grid, CB, MONTH_GRID, GtkWidget)

/* A month as a grid of six weeks; each day shows the titles of what is
 * on it. Emits "day-activated" with the date (YYYY-MM-DD). */
GtkWidget  *cb_month_grid_new          (void);
void        cb_month_grid_set_month    (CbMonthGrid *self,
                                        int          year,
                                        int          month);
void        cb_month_grid_set_items    (CbMonthGrid *self,
                                        GHashTable  *items);
void        cb_month_grid_select_day   (CbMonthGrid *self,
                                        const char  *date);
GtkWidget  *cb_month_grid_get_day      (CbMonthGrid *self,
                                        const char  *date);
GDateWeekday cb_month_grid_first_weekday (void);

G_END_DECLS
