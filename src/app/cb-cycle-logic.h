/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* The view logic of the coaching cycle and PD views: the monitoring
 * chart, activity minutes, agenda edits, action filters, the month
 * grid, delivered-against-planned bars; and the few multi-record steps
 * ("Observe this lesson", "Coaching day", "Duplicate as template") that
 * write several records in one transaction. No GTK: tests call these
 * without a display. */

/* ------------------------------------------------- monitoring chart */

typedef struct
{
  char     *uuid;          /* the monitor record, NULL until first written */
  char     *strategy;
  gboolean  anticipated;   /* one of the co-plan's strategies */
  gboolean  seen;
  gint64    seen_at;       /* lesson seconds, -1 if unknown */
  char     *students;
  guint     share_order;   /* 0: not selected for the discussion */
  guint     position;
} CbMonitorRow;

CbMonitorRow *cb_monitor_row_new        (const char         *uuid,
                                         const char         *strategy);
void          cb_monitor_row_free       (CbMonitorRow       *row);
GPtrArray    *cb_monitor_rows_merge     (const char         *coplan_strategies,
                                         GPtrArray          *stored);
void          cb_share_order_toggle     (guint              *orders,
                                         guint               n,
                                         guint               index);
gboolean      cb_share_order_move       (guint              *orders,
                                         guint               n,
                                         guint               index,
                                         int                 delta);
char         *cb_share_order_summary    (GPtrArray          *rows);

/* ------------------------------------------------- coaching logs */

gint64        cb_segments_total         (const gint64       *minutes,
                                         guint               n);
char         *cb_segments_check         (gint64              total,
                                         const char         *time_in,
                                         const char         *time_out);

/* ------------------------------------------------- observed minutes */

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

/* ------------------------------------------------- PD agendas */

char         *cb_agenda_block_message   (GPtrArray          *problems,
                                         guint               index);
gboolean      cb_agenda_try_times       (const CbAgendaBlock *blocks,
                                         guint               n_blocks,
                                         guint               index,
                                         const char         *start,
                                         const char         *end,
                                         const char         *session_start,
                                         const char         *session_end,
                                         char              **message);
gboolean      cb_agenda_next_slot       (const CbAgendaBlock *blocks,
                                         guint               n_blocks,
                                         const char         *session_start,
                                         const char         *session_end,
                                         int                 minutes,
                                         char              **start,
                                         char              **end);
char         *cb_normalize_time         (const char         *text);
double        cb_session_hours          (const char         *start,
                                         const char         *end);
char         *cb_format_hours           (double              hours);

/* ------------------------------------------------- action items */

typedef enum
{
  CB_ACTION_FILTER_OPEN,      /* not done: open, due and overdue */
  CB_ACTION_FILTER_DUE,       /* due today or within the week */
  CB_ACTION_FILTER_OVERDUE,
  CB_ACTION_FILTER_DONE,      /* done or dropped */
} CbActionFilter;

#define CB_ACTION_DUE_SOON_DAYS 7

gboolean      cb_action_filter_matches  (CbActionFilter      filter,
                                         CbActionState       state);
int           cb_action_compare         (const char         *due_a,
                                         CbActionState       state_a,
                                         const char         *due_b,
                                         CbActionState       state_b);

/* ------------------------------------------------- month grid */

#define CB_MONTH_GRID_CELLS 42

char        **cb_month_grid_dates       (int                 year,
                                         int                 month,
                                         GDateWeekday        first_weekday);
char         *cb_month_shift            (const char         *month,
                                         int                 delta);

/* ------------------------------------------------- delivered bars */

typedef struct
{
  const char *label;        /* translated */
  double      planned;
  double      delivered;
  char       *text;         /* "3 of 8" */
} CbDeliveredBar;

GArray       *cb_delivered_bars         (const CbDelivered  *delivered);

/* ------------------------------------------------- engagements */

typedef struct
{
  CbPlan  plan;        /* its strings point into this choice */
  char   *name;
  char   *uuid;
  char  **schools;
  char   *start_date;
  char   *end_date;
} CbEngagementChoice;

/* The engagements a coaching day can count for; Coaching Day picks the
 * only one that covers the teacher's school on that date. */
CbEngagementChoice *cb_engagement_choice_new   (const char *uuid,
                                                const char *name,
                                                const char *schools,
                                                const char *start_date,
                                                const char *end_date);
void                cb_engagement_choice_free  (CbEngagementChoice *choice);
GPtrArray          *cb_engagement_choices_load (CbStore    *store,
                                                GError    **error);
int                 cb_engagement_guess        (GPtrArray  *choices,
                                                const char *school,
                                                const char *date);

/* ------------------------------------------------- look-for colours */

#define CB_N_LOOK_FOR_COLORS 8

int           cb_look_for_color         (const char         *focus,
                                         const char         *look_for);
int           cb_line_color             (const char         *focus,
                                         const char         *tags);

/* ------------------------------------------------- multi-record steps */

char         *cb_coplan_observe         (CbStore            *store,
                                         const char         *coplan,
                                         const char         *today,
                                         GError            **error);
char         *cb_coaching_day_create    (CbStore            *store,
                                         const char         *teacher,
                                         const char         *date,
                                         const char         *focus,
                                         const char         *engagement,
                                         guint               coaches,
                                         GError            **error);
char         *cb_visit_count_minutes    (CbStore            *store,
                                         const char         *observation,
                                         const char         *activity,
                                         gint64              minutes,
                                         GError            **error);
char         *cb_pd_session_duplicate   (CbStore            *store,
                                         const char         *session,
                                         GError            **error);
char         *cb_action_item_create     (CbStore            *store,
                                         const char         *text,
                                         const char         *owner,
                                         const char         *due,
                                         const char         *source,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMonitorRow, cb_monitor_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbEngagementChoice, cb_engagement_choice_free)

G_END_DECLS
