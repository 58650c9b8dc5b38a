/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* The computations behind the charts, the engagement dashboard and the
 * debrief packet. Each one is a pure function over plain structs, so
 * tests call it without a database; the cb_*_load() functions are thin
 * readers that fill those structs from a store. The rules are written
 * down in docs/reports.md. */

#define CB_REPORTS_ERROR (cb_reports_error_quark ())

typedef enum
{
  CB_REPORTS_ERROR_OVERLAP,
  CB_REPORTS_ERROR_ORDER,
  CB_REPORTS_ERROR_TIME,
  CB_REPORTS_ERROR_OUTSIDE,
} CbReportsError;

GQuark       cb_reports_error_quark   (void);

/* ------------------------------------------------------------ helpers */

int          cb_time_to_minutes       (const char  *hhmm);
char        *cb_format_offset_seconds (gint64       seconds);
char        *cb_format_minutes        (gint64       minutes);

/* ----------------------------------------------------- coaching logs */

typedef struct
{
  const char *activity;          /* a segment activity, "" if not given */
  gint64      minutes;
} CbLogSegment;

typedef struct
{
  const char         *uuid;
  const char         *date;      /* YYYY-MM-DD */
  const char         *school;    /* school UUID or NULL */
  const char         *engagement; /* engagement UUID or NULL */
  const char * const *teachers;  /* NULL-terminated person UUIDs, or NULL */
  const CbLogSegment *segments;
  guint               n_segments;
  gint64              coaches;   /* coaches on the day, 0 if not given */
} CbLogEntry;

typedef struct
{
  char   *key;            /* activity, person UUID, school UUID or YYYY-MM */
  gint64  minutes;
  gint64  shared_minutes; /* by_teacher: minutes from sessions with several teachers */
  guint   n_logs;
} CbTotal;

typedef struct
{
  gint64     minutes;     /* every minute once */
  guint      n_logs;
  GPtrArray *by_activity; /* CbTotal; the kinds-table order, "" last */
  GPtrArray *by_teacher;  /* CbTotal; most minutes first; attributed */
  GPtrArray *by_school;   /* CbTotal; most minutes first */
  GPtrArray *by_month;    /* CbTotal; oldest first */
} CbLogTotals;

gint64       cb_log_entry_minutes     (const CbLogEntry *entry);
CbLogTotals *cb_log_totals_compute    (const CbLogEntry *entries,
                                       guint             n_entries);
void         cb_log_totals_free       (CbLogTotals      *totals);
const CbTotal *cb_log_totals_find     (GPtrArray        *list,
                                       const char       *key);

typedef struct _CbLogData CbLogData;

CbLogData   *cb_log_data_load         (CbStore          *store,
                                       const char       *date_from,
                                       const char       *date_to,
                                       gboolean          include_private,
                                       GError          **error);
const CbLogEntry *cb_log_data_get_entries (CbLogData    *data,
                                       guint            *n_entries);
void         cb_log_data_free         (CbLogData        *data);

/* ------------------------------------------------- delivered vs planned */

typedef struct
{
  const char         *uuid;
  const char * const *schools;        /* NULL-terminated school UUIDs, or NULL */
  const char         *start_date;     /* may be NULL: open */
  const char         *end_date;
  gint64              planned_launch_days;
  gint64              planned_pd_days;
  gint64              planned_coaching_days;
  double              planned_hours;
  gint64              planned_coaches_per_day;  /* 0 if not given */
} CbPlan;

typedef struct
{
  const char *engagement;   /* UUID or NULL */
  const char *date;
  gboolean    launch;
  gint64      minutes;      /* end - start, 0 if unknown */
} CbPdSessionInfo;

typedef struct
{
  const char *engagement;   /* UUID or NULL */
  const char *school;
  const char *date;
} CbVisitInfo;

typedef struct
{
  gint64     planned_launch_days;
  gint64     planned_pd_days;
  gint64     planned_coaching_days;
  double     planned_hours;
  guint      launch_days;
  guint      pd_days;
  guint      coaching_days;
  double     pd_hours;
  double     coaching_hours;
  double     hours;          /* pd_hours + coaching_hours */
  GPtrArray *launch_dates;   /* char*, sorted */
  GPtrArray *pd_dates;
  GPtrArray *coaching_dates;
  gint64     planned_coaches_per_day;  /* 0 if not given */
  gint64     planned_coach_days;       /* coaching days x coaches per day */
  guint      coach_days;               /* each coaching date's coaches, summed */
  GArray    *coaches_by_date;          /* guint, one per coaching_dates entry */
} CbDelivered;

gboolean     cb_plan_covers           (const CbPlan          *plan,
                                       const char            *engagement,
                                       const char            *school,
                                       const char            *date);
CbDelivered *cb_delivered_compute     (const CbPlan          *plan,
                                       const CbPdSessionInfo *sessions,
                                       guint                  n_sessions,
                                       const CbLogEntry      *logs,
                                       guint                  n_logs,
                                       const CbVisitInfo     *visits,
                                       guint                  n_visits);
CbDelivered *cb_delivered_load        (CbStore               *store,
                                       const char            *engagement_uuid,
                                       GError               **error);
CbDelivered *cb_delivered_load_full   (CbStore               *store,
                                       const char            *engagement_uuid,
                                       gboolean               include_private,
                                       GError               **error);
void         cb_delivered_free        (CbDelivered           *delivered);

/* The delivered-against-planned table as it goes on an invoice: one
 * row per service, numbers written plainly ("12.5", never "12,5"),
 * dates as YYYY-MM-DD. */
typedef struct
{
  const char *service;     /* translated */
  char       *planned;     /* "" when the engagement did not plan it */
  char       *delivered;
  char       *difference;  /* delivered - planned, "+2", "-3", "0"; "" without a plan */
  char       *dates;       /* "2025-09-16, 2025-10-07"; coach days "2025-09-16 (2)" */
} CbDeliveredRow;

GPtrArray   *cb_delivered_rows        (const CbDelivered     *delivered);
CbDelivered *cb_delivered_load_shared (CbStore               *store,
                                       const char            *engagement_uuid,
                                       CbRecord             **record,
                                       GError               **error);

/* ------------------------------------------------------- PD agendas */

typedef struct
{
  const char *title;
  const char *start;        /* HH:MM */
  const char *end;
} CbAgendaBlock;

typedef struct
{
  CbReportsError code;
  guint          first;     /* index into the blocks */
  guint          second;    /* the other block of an overlap, else == first */
  char          *message;   /* translated, names the block(s) */
} CbAgendaProblem;

GPtrArray   *cb_agenda_problems       (const CbAgendaBlock *blocks,
                                       guint                n_blocks,
                                       const char          *session_start,
                                       const char          *session_end);
gboolean     cb_agenda_check          (const CbAgendaBlock *blocks,
                                       guint                n_blocks,
                                       const char          *session_start,
                                       const char          *session_end,
                                       GError             **error);
void         cb_agenda_problem_free   (CbAgendaProblem     *problem);

/* -------------------------------------------- tallies over the lesson */

#define CB_TALLY_TEACHER_TALK_NAME "teacher_talk"
#define CB_TALLY_STUDENT_TALK_NAME "student_talk"

typedef struct
{
  const char *name;         /* teacher_talk, student_talk, funneling, … */
  const char *label;        /* as stored, may be "" */
  gint64      count;
  gint64      seconds;
  const char *marks;        /* '\n'-separated offsets; "A-B" intervals for talk */
} CbTallyInfo;

typedef struct
{
  char   *name;
  char   *label;
  gint64  total;            /* the count (or the number of marks if larger) */
  guint  *bins;             /* n_bins marks per bin; NULL without marks */
} CbTallySeries;

typedef struct
{
  gint64     lesson_seconds;
  guint      bin_seconds;
  guint      n_bins;
  gint64     teacher_seconds;
  gint64     student_seconds;
  int        teacher_percent;   /* -1 when talk was not timed */
  gint64    *teacher_bins;      /* n_bins seconds, NULL unless intervals were kept */
  gint64    *student_bins;
  GPtrArray *series;            /* CbTallySeries of the counters, in the given order */
} CbLessonChart;

CbLessonChart *cb_lesson_chart_compute (const CbTallyInfo *tallies,
                                        guint              n_tallies,
                                        gint64             lesson_seconds,
                                        guint              bin_seconds);
const CbTallySeries *cb_lesson_chart_find (CbLessonChart  *chart,
                                        const char        *name);
void         cb_lesson_chart_free     (CbLessonChart     *chart);

/* ------------------------------------------------------ action items */

typedef enum
{
  CB_ACTION_OPEN,       /* not done, due later or no due date */
  CB_ACTION_DUE,        /* not done, due today or within the next days */
  CB_ACTION_OVERDUE,    /* not done, due before today */
  CB_ACTION_DONE,
  CB_ACTION_DROPPED,
} CbActionState;

CbActionState cb_action_classify      (const char *status,
                                       const char *due,
                                       const char *today,
                                       guint       due_soon_days);
const char   *cb_action_state_label   (CbActionState state);

/* ------------------------------------------------ look-fors in a lesson */

typedef struct
{
  gint64      offset;
  const char *tags;         /* REFS of look_for UUIDs */
} CbEvidenceTags;

typedef struct
{
  char     *look_for;
  gboolean  in_focus;
  guint     n_lines;
  gint64    first_offset;   /* -1 when not seen */
} CbLookForSeen;

GPtrArray   *cb_look_fors_seen        (const char           *focus,
                                       const CbEvidenceTags *lines,
                                       guint                 n_lines);
void         cb_look_for_seen_free    (CbLookForSeen        *seen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbLogTotals, cb_log_totals_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbLogData, cb_log_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbDelivered, cb_delivered_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbAgendaProblem, cb_agenda_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbLessonChart, cb_lesson_chart_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbLookForSeen, cb_look_for_seen_free)

G_END_DECLS
