/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-privacy.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* A coaching cycle aimed at student learning, read for its page, the
 * teacher's packet and the spreadsheet: the measure's points (baseline,
 * each data point, target), the steps linked to it in time order, how
 * often each look-for worked on was seen across its observations, and
 * the closing reflection. The rules are in docs/coaching-cycle.md. */

typedef enum
{
  CB_CYCLE_POINT_BASELINE,
  CB_CYCLE_POINT_DATA,
  CB_CYCLE_POINT_TARGET,
} CbCyclePointKind;

typedef struct
{
  CbCyclePointKind  kind;
  char             *date;     /* YYYY-MM-DD or NULL */
  double            value;
  char             *note;     /* NULL unless a data point's note */
} CbCyclePoint;

typedef struct
{
  char *uuid;
  char *kind;                 /* observation, coplan, coaching_log, action_item */
  char *date;                 /* YYYY-MM-DD or NULL */
  char *title;
} CbCycleStep;

typedef struct
{
  char   *look_for;           /* UUID */
  char   *name;
  GArray *lines;              /* guint: lines tagged, per observation in date order */
  guint   n_seen;             /* observations where it was seen at least once */
} CbCycleTrend;

typedef struct
{
  char      *uuid;
  char      *goal;
  char      *measure;
  char      *unit;
  char      *status;
  char      *start_date;
  char      *end_date;
  char      *teachers;        /* REFS */
  GPtrArray *points;          /* CbCyclePoint: baseline, data by date, target */
  GPtrArray *steps;           /* CbCycleStep by date */
  GPtrArray *trend;           /* CbCycleTrend, the look-fors worked on first */
  guint      n_observations;
  char      *what_worked;
  char      *barriers;
  char      *drivers;
  char      *next_cycle;
} CbCycle;

CbCycle     *cb_cycle_load                (CbStore        *store,
                                           const char     *uuid,
                                           CbPrivacy      *privacy,
                                           GError        **error);
void         cb_cycle_free                (CbCycle        *cycle);
const CbCyclePoint *cb_cycle_latest       (const CbCycle  *cycle);
gboolean     cb_cycle_range               (const CbCycle  *cycle,
                                           double         *low,
                                           double         *high);
char        *cb_cycle_format_value        (double          value,
                                           const char     *unit);
char        *cb_cycle_progress_text       (const CbCycle  *cycle);
GPtrArray   *cb_cycle_trend               (const char     *look_fors,
                                           GPtrArray      *observation_tags);
void         cb_cycle_trend_free          (CbCycleTrend   *trend);
char        *cb_cycle_open_for_teacher    (CbStore        *store,
                                           const char     *teacher,
                                           const char     *date,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCycle, cb_cycle_free)

G_END_DECLS
