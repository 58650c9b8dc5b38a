/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-inquiry.h"

G_BEGIN_DECLS

/* What the inquiry cycle's page shows, as pure functions: where each
 * point of the run chart goes, its median, where one cycle of the chain
 * ends and the next begins, and the words of the page. */

typedef struct
{
  double   x;           /* 0 (left) … 1 (right), evenly in date order */
  double   y;           /* 0 (bottom) … 1 (top) */
  double   value;
  guint    cycle;       /* index in the chain */
  gboolean current;     /* of the cycle shown */
} CbRunPoint;

typedef struct
{
  GArray *points;       /* CbRunPoint, in date order */
  GArray *boundaries;   /* double: x halfway between two cycles' points */
  double  median;       /* of every point's value */
  double  median_y;
  double  low, high;    /* the scale */
  double  current_from; /* x of the cycle shown's first and last point; */
  double  current_to;   /* both -1 when it has none */
} CbRunChart;

CbRunChart *cb_run_chart_compute    (GPtrArray        *points,
                                     guint             current,
                                     const char       *unit);
void        cb_run_chart_free       (CbRunChart       *chart);
char       *cb_run_chart_summary    (const CbInquiry  *inquiry,
                                     const CbRunChart *chart);
char       *cb_inquiry_chain_label  (const CbInquiry  *inquiry);
char       *cb_inquiry_point_label  (const CbInquiry  *inquiry,
                                     const CbInquiryPoint *point);
char       *cb_inquiry_results_text (const CbInquiry  *inquiry,
                                     const CbRunChart *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbRunChart, cb_run_chart_free)

G_END_DECLS
