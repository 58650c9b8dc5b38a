/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-cycle.h"

G_BEGIN_DECLS

/* What the coaching cycle's page shows, as pure functions: where each
 * point of the measure's chart goes, and the words of its rows. */

typedef struct
{
  double           x;       /* 0 (left) … 1 (right) */
  double           y;       /* 0 (bottom) … 1 (top) */
  CbCyclePointKind kind;
} CbGoalChartPoint;

GArray *cb_goal_chart_points   (const CbCycle *cycle);
char   *cb_goal_chart_summary  (const CbCycle *cycle);
char   *cb_goal_step_subtitle  (const CbCycleStep *step);
char   *cb_goal_trend_subtitle (const CbCycleTrend *trend,
                                guint               n_observations);

G_END_DECLS
