/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"
#include "cb-reports.h"

G_BEGIN_DECLS

#define CB_TYPE_LOG_TOTALS_VIEW (cb_log_totals_view_get_type ())
G_DECLARE_FINAL_TYPE (CbLogTotalsView, cb_log_totals_view, CB, LOG_TOTALS_VIEW, GtkWidget)

typedef enum
{
  CB_TOTALS_BY_ACTIVITY,
  CB_TOTALS_BY_TEACHER,
  CB_TOTALS_BY_SCHOOL,
  CB_TOTALS_BY_MONTH,
} CbTotalsDimension;

/* Coaching time by activity, teacher, school or month, as a chart and a
 * list (cb_log_totals_compute(), each minute counted once), read on a
 * worker thread. */
GtkWidget   *cb_log_totals_view_new            (void);
void         cb_log_totals_view_set_names      (CbLogTotalsView   *self,
                                                CbNames           *names);
void         cb_log_totals_view_reload         (CbLogTotalsView   *self);
void         cb_log_totals_view_set_dimension  (CbLogTotalsView   *self,
                                                CbTotalsDimension  dimension);
CbLogTotals *cb_log_totals_view_get_totals     (CbLogTotalsView   *self);
GtkWidget   *cb_log_totals_view_get_chart      (CbLogTotalsView   *self);

G_END_DECLS
