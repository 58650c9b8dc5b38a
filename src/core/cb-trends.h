/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-csv.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Trends across the year for a teacher, a school or the whole caseload:
 * per month, the look-fors seen per observation, the talk ratio (the
 * coach's timer and the estimate from a recording), the question types
 * counted, the coaching cycles opened and the goals met. Counts only:
 * no note's text is read into them. docs/reports.md says how each is
 * counted. */

typedef enum
{
  CB_TRENDS_FLAGS_NONE    = 0,
  /* count only what may leave the laptop (cb_privacy_record_may_leave()):
   * every output that leaves asks for it */
  CB_TRENDS_FLAGS_LEAVING = 1 << 0,
} CbTrendsFlags;

/* What one observation adds to its month. */
typedef struct
{
  const char *date;               /* YYYY-MM-DD */
  guint       look_fors_seen;     /* distinct look-fors tagged on its lines */
  gint64      timer_teacher;      /* seconds on the coach's talk timer */
  gint64      timer_student;
  gint64      estimate_teacher;   /* seconds labelled likely teacher */
  gint64      estimate_seconds;   /* seconds the estimate covers; 0: none */
  gint64      funneling;          /* questions counted */
  gint64      focusing;
} CbTrendObservation;

/* What one coaching cycle adds: opened in its start's month, and a goal
 * met in its end's month (else its target date's, else its start's). */
typedef struct
{
  const char *start_date;
  const char *end_date;
  gboolean    met;
} CbTrendCycle;

typedef struct
{
  char   month[8];                /* YYYY-MM */
  guint  observations;
  guint  look_fors_seen;
  guint  timed;                   /* observations with the talk timer */
  gint64 timer_teacher;
  gint64 timer_student;
  guint  estimated;               /* observations with an estimate */
  gint64 estimate_teacher;
  gint64 estimate_seconds;
  guint  questioned;              /* observations with questions counted */
  gint64 funneling;
  gint64 focusing;
  guint  cycles_opened;
  guint  goals_met;
} CbTrendMonth;

GArray  *cb_trends_build             (const CbTrendObservation *observations,
                                      guint                     n_observations,
                                      const CbTrendCycle       *cycles,
                                      guint                     n_cycles);
double   cb_trend_month_look_fors    (const CbTrendMonth       *month);
int      cb_trend_month_timer_percent (const CbTrendMonth      *month);
int      cb_trend_month_estimate_percent (const CbTrendMonth   *month);

GArray  *cb_trends_load              (CbStore                  *store,
                                      const char               *teacher,
                                      const char               *school,
                                      CbTrendsFlags             flags,
                                      GError                  **error);
gboolean cb_trends_write_csv         (CbStore                  *store,
                                      const char               *teacher,
                                      const char               *school,
                                      CbCsvFlags                flags,
                                      GOutputStream            *out,
                                      GCancellable             *cancellable,
                                      GError                  **error);
gboolean cb_trends_write_csv_file    (CbStore                  *store,
                                      const char               *teacher,
                                      const char               *school,
                                      CbCsvFlags                flags,
                                      const char               *path,
                                      GError                  **error);

G_END_DECLS
