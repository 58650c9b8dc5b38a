/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Observed minutes: what counting an observation's or a debrief's
 * minutes in the coaching log does. No GTK: tests call these without a
 * display. */

/* What counting an observation's (or a debrief's) minutes in the
 * coaching log does, given the live logs that name the observation. */
typedef enum
{
  CB_VISIT_LOG_KEEP,     /* already counted (or nothing to count) */
  CB_VISIT_LOG_FILL,     /* a linked log's empty segment of the activity gets the minutes */
  CB_VISIT_LOG_ADD,      /* a linked log gets a segment of the activity */
  CB_VISIT_LOG_CREATE,   /* no log names the observation: a new one */
} CbVisitLogStep;

typedef struct
{
  const CbLogSegment *segments;
  guint               n_segments;
  gint64              span;      /* time out - time in, 0 if not both */
} CbVisitLog;

gint64        cb_visit_minutes          (gint64              lesson_ms,
                                         const char         *start_time,
                                         const char         *end_time);
gint64        cb_debrief_minutes        (gint64              shown_us,
                                         gint64              hidden_us);
CbVisitLogStep cb_visit_log_step        (const char         *activity,
                                         gint64              minutes,
                                         const CbVisitLog   *logs,
                                         guint               n_logs,
                                         guint              *log_index,
                                         guint              *segment_index);

char         *cb_visit_count_minutes    (CbStore            *store,
                                         const char         *observation,
                                         const char         *activity,
                                         gint64              minutes,
                                         GError            **error);

G_END_DECLS
