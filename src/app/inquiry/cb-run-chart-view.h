/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-inquiry-logic.h"

G_BEGIN_DECLS

#define CB_TYPE_RUN_CHART_VIEW (cb_run_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CbRunChartView, cb_run_chart_view, CB, RUN_CHART_VIEW, GtkDrawingArea)

/* A run chart of a measure across the cycles of a chain: every point in
 * date order joined by a line, the median as a dashed line, a mark
 * between cycles and the cycle shown on a band of its own, its points
 * filled (cb_run_chart_compute()). Its accessible description says the
 * same in words. */
GtkWidget        *cb_run_chart_view_new          (void);
void              cb_run_chart_view_set_inquiry  (CbRunChartView  *self,
                                                  const CbInquiry *inquiry);
const CbRunChart *cb_run_chart_view_get_chart    (CbRunChartView  *self);

G_END_DECLS
