/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-exit-tickets.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* The year's contract report beyond delivered-against-planned: each PD
 * session of the engagement with its attendance and exit-ticket means
 * by Guskey level, the year's means, and the meetings held. Counts and
 * means only, as the privacy rule lets them out. */

typedef struct
{
  char   *session;
  char   *date;
  char   *title;
  guint   present;
  double  hours;                          /* attendance hours, summed */
  guint   tickets;
  CbScaleStats levels[CB_GUSKEY_N_LEVELS];
} CbYearSession;

typedef struct
{
  GPtrArray    *sessions;                 /* CbYearSession, by date */
  CbScaleStats  levels[CB_GUSKEY_N_LEVELS];
  guint         tickets;
  guint         present;
  guint         meetings;
  guint         impact_reviews;
} CbYearReport;

CbYearReport *cb_year_report_load  (CbStore      *store,
                                    const char   *engagement,
                                    GError      **error);
void          cb_year_report_free  (CbYearReport *report);
GPtrArray    *cb_year_report_rows  (CbYearReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbYearReport, cb_year_report_free)

G_END_DECLS
