/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-cycle.h"

G_BEGIN_DECLS

#define CB_TYPE_MEASURE_CHART (cb_measure_chart_get_type ())
G_DECLARE_FINAL_TYPE (CbMeasureChart, cb_measure_chart, CB, MEASURE_CHART, GtkDrawingArea)

/* A coaching cycle's measure over time: the baseline, each data point
 * joined by a line, and the target as a dashed line with its mark, on
 * the cycle's scale (cb_goal_chart_points()). Its accessible label says
 * the same in words. Also a PDSA run chart: the same drawing. */
GtkWidget  *cb_measure_chart_new          (void);
void        cb_measure_chart_set_cycle    (CbMeasureChart *self,
                                           const CbCycle  *cycle);
guint       cb_measure_chart_get_n_points (CbMeasureChart *self);

G_END_DECLS
