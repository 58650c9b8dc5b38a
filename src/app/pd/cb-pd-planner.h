/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_PD_PLANNER (cb_pd_planner_get_type ())
G_DECLARE_FINAL_TYPE (CbPdPlanner, cb_pd_planner, CB, PD_PLANNER, GtkWidget)

/* PD sessions in a month view, with the list of the month's (or a
 * chosen day's) sessions below it. */
GtkWidget  *cb_pd_planner_new           (void);
void        cb_pd_planner_set_names     (CbPdPlanner *self,
                                         CbNames     *names);
void        cb_pd_planner_show_month    (CbPdPlanner *self,
                                         const char  *month);
void        cb_pd_planner_select_day    (CbPdPlanner *self,
                                         const char  *date);
void        cb_pd_planner_reload        (CbPdPlanner *self);
guint       cb_pd_planner_get_n_listed  (CbPdPlanner *self);
GtkWidget  *cb_pd_planner_get_grid      (CbPdPlanner *self);

G_END_DECLS
