/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The computations behind the charts and the engagement dashboard:
 * coaching-log totals (each minute once), delivered against planned on
 * an engagement like the seed scope of services, agenda overlaps,
 * action-item classes, tallies over the lesson, look-fors seen. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-privacy.h"
#include "cb-refs.h"
#include "cb-reports.h"
#include "cb-test-util.h"

/* ------------------------------------------------------------ helpers */

static void
test_time (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_cmpint (cb_time_to_minutes ("09:05"), ==, 545);
  g_assert_cmpint (cb_time_to_minutes ("9:05"), ==, 545);
  g_assert_cmpint (cb_time_to_minutes ("00:00"), ==, 0);
  g_assert_cmpint (cb_time_to_minutes ("23:59"), ==, 23 * 60 + 59);
  g_assert_cmpint (cb_time_to_minutes ("24:00"), ==, -1);
  g_assert_cmpint (cb_time_to_minutes ("9:5"), ==, -1);
  g_assert_cmpint (cb_time_to_minutes ("09:60"), ==, -1);
  g_assert_cmpint (cb_time_to_minutes ("ab:cd"), ==, -1);
  g_assert_cmpint (cb_time_to_minutes (""), ==, -1);
  g_assert_cmpint (cb_time_to_minutes (NULL), ==, -1);

  a = cb_format_offset_seconds (0);
  b = cb_format_offset_seconds (605);
  c = cb_format_offset_seconds (3725);
  g_assert_cmpstr (a, ==, "0:00");
  g_assert_cmpstr (b, ==, "10:05");
  g_assert_cmpstr (c, ==, "1:02:05");

  g_assert_true (cb_refs_contains ("aa bb cc", "bb"));
  g_assert_true (cb_refs_contains ("aa bb cc", "cc"));
  g_assert_false (cb_refs_contains ("aa bbb cc", "bb"));
  g_assert_false (cb_refs_contains ("", "bb"));
  g_assert_false (cb_refs_contains (NULL, "bb"));
  g_assert_false (cb_refs_contains ("aa bb cc", "aa bb"));
  g_assert_false (cb_refs_contains ("aa bb", ""));
  g_assert_cmpuint (cb_refs_count (" aa  bb "), ==, 2);
  {
    g_autofree char *added = cb_refs_toggle ("aa bb", "cc");
    g_autofree char *removed = cb_refs_toggle (" aa  bb cc", "bb");

    g_assert_cmpstr (added, ==, "aa bb cc");
    g_assert_cmpstr (removed, ==, "aa cc");
  }
}

/* ----------------------------------------------------- coaching logs */

static const char * const group3[] = { "t1", "t2", "t3", NULL };
static const char * const just_t1[] = { "t1", NULL };
static const char * const t2_twice[] = { "t2", "t2", NULL };

static const CbLogSegment seg_plc[] = { { "plc", 60 } };
static const CbLogSegment seg_cycle[] = { { "coplanning", 20 }, { "observation", 45 }, { "debrief", 25 } };
static const CbLogSegment seg_obs[] = { { "observation", 30 }, { "debrief", -5 } };
static const CbLogSegment seg_plan[] = { { "planning", 15 } };

static const CbLogEntry logs[] = {
  /* a PLC with three teachers: 60 minutes, once */
  { "log-a", "2025-10-14", "s1", NULL, group3, seg_plc, G_N_ELEMENTS (seg_plc) },
  { "log-b", "2025-10-14", "s1", NULL, just_t1, seg_cycle, G_N_ELEMENTS (seg_cycle) },
  /* a teacher named twice is one teacher; negative minutes count 0 */
  { "log-c", "2025-11-03", "s2", NULL, t2_twice, seg_obs, G_N_ELEMENTS (seg_obs) },
  /* no teacher, no school, no date */
  { "log-d", NULL, NULL, NULL, NULL, seg_plan, G_N_ELEMENTS (seg_plan) },
};

static gint64
sum (GPtrArray *list)
{
  gint64 total = 0;

  for (guint i = 0; i < list->len; i++)
    total += ((CbTotal *) g_ptr_array_index (list, i))->minutes;
  return total;
}

static void
test_totals (void)
{
  g_autoptr(CbLogTotals) t = cb_log_totals_compute (logs, G_N_ELEMENTS (logs));
  const CbTotal *x;
  static const char * const activity_order[] = { "coplanning", "observation", "debrief", "plc", "planning" };

  g_assert_cmpint (cb_log_entry_minutes (&logs[0]), ==, 60);
  g_assert_cmpint (cb_log_entry_minutes (&logs[2]), ==, 30);

  /* every minute once */
  g_assert_cmpint (t->minutes, ==, 60 + 90 + 30 + 15);
  g_assert_cmpuint (t->n_logs, ==, 4);
  g_assert_cmpint (sum (t->by_activity), ==, t->minutes);
  g_assert_cmpint (sum (t->by_school), ==, t->minutes);
  g_assert_cmpint (sum (t->by_month), ==, t->minutes);

  /* activities in the kinds table's order */
  g_assert_cmpuint (t->by_activity->len, ==, G_N_ELEMENTS (activity_order));
  for (guint i = 0; i < G_N_ELEMENTS (activity_order); i++)
    g_assert_cmpstr (((CbTotal *) g_ptr_array_index (t->by_activity, i))->key, ==, activity_order[i]);
  x = cb_log_totals_find (t->by_activity, "observation");
  g_assert_cmpint (x->minutes, ==, 75);
  g_assert_cmpuint (x->n_logs, ==, 2);
  x = cb_log_totals_find (t->by_activity, "plc");
  g_assert_cmpint (x->minutes, ==, 60);
  g_assert_cmpuint (x->n_logs, ==, 1);

  x = cb_log_totals_find (t->by_school, "s1");
  g_assert_cmpint (x->minutes, ==, 150);
  g_assert_cmpuint (x->n_logs, ==, 2);
  g_assert_cmpint (cb_log_totals_find (t->by_school, "s2")->minutes, ==, 30);
  g_assert_cmpint (cb_log_totals_find (t->by_school, "")->minutes, ==, 15);
  g_assert_cmpstr (((CbTotal *) g_ptr_array_index (t->by_school, 0))->key, ==, "s1");

  /* months oldest first; the undated log under "" */
  g_assert_cmpuint (t->by_month->len, ==, 3);
  g_assert_cmpstr (((CbTotal *) g_ptr_array_index (t->by_month, 0))->key, ==, "");
  g_assert_cmpstr (((CbTotal *) g_ptr_array_index (t->by_month, 1))->key, ==, "2025-10");
  g_assert_cmpstr (((CbTotal *) g_ptr_array_index (t->by_month, 2))->key, ==, "2025-11");
  g_assert_cmpint (cb_log_totals_find (t->by_month, "2025-10")->minutes, ==, 150);

  /* per teacher: attributed, and says how much was shared */
  x = cb_log_totals_find (t->by_teacher, "t1");
  g_assert_cmpint (x->minutes, ==, 150);
  g_assert_cmpint (x->shared_minutes, ==, 60);
  g_assert_cmpuint (x->n_logs, ==, 2);
  x = cb_log_totals_find (t->by_teacher, "t2");
  g_assert_cmpint (x->minutes, ==, 90);
  g_assert_cmpint (x->shared_minutes, ==, 60);
  g_assert_cmpuint (x->n_logs, ==, 2);
  x = cb_log_totals_find (t->by_teacher, "t3");
  g_assert_cmpint (x->minutes, ==, 60);
  g_assert_cmpint (x->shared_minutes, ==, 60);
  g_assert_cmpuint (t->by_teacher->len, ==, 3);
  g_assert_cmpint (sum (t->by_teacher), ==, 300);
  g_assert_cmpint (sum (t->by_teacher), >, t->minutes);
  g_assert_cmpstr (((CbTotal *) g_ptr_array_index (t->by_teacher, 0))->key, ==, "t1");
}

static void
test_totals_empty (void)
{
  g_autoptr(CbLogTotals) t = cb_log_totals_compute (NULL, 0);

  g_assert_cmpint (t->minutes, ==, 0);
  g_assert_cmpuint (t->by_activity->len, ==, 0);
  g_assert_null (cb_log_totals_find (t->by_teacher, "t1"));
}

/* ------------------------------------------------- delivered vs planned */

/* The seed scope of services: a two-day launch PD in August, PD days in
 * October, February and May (an all-teacher morning and a math-only
 * afternoon on one date), eight monthly coaching days with two coaches. */
static const char * const scope_schools[] = { "lala", NULL };

static const CbPlan scope = {
  "eng", scope_schools, "2025-08-01", "2026-06-30", 2, 3, 8, 86.0,
};

static const CbPdSessionInfo pd_sessions[] = {
  { "eng", "2025-08-12", TRUE, 420 },    /* launch day 1: all 29 teachers */
  { "eng", "2025-08-13", TRUE, 420 },    /* launch day 2: math teachers */
  { "eng", "2025-10-24", FALSE, 210 },   /* October: morning, all teachers */
  { "eng", "2025-10-24", FALSE, 180 },   /* October: afternoon, math */
  { "eng", "2026-02-20", FALSE, 210 },
  { "eng", "2026-02-20", FALSE, 180 },
  { "eng", "2026-05-22", FALSE, 210 },
  { "eng", "2026-05-22", FALSE, 180 },
  { "other", "2025-09-09", FALSE, 300 }, /* another client's PD */
  { NULL, "2025-09-10", FALSE, 300 },    /* not linked to any engagement */
};

static const char * const coached_a[] = { "ta", NULL };
static const char * const coached_b[] = { "tb", NULL };
static const CbLogSegment day_segments[] = { { "coplanning", 30 }, { "observation", 45 }, { "debrief", 15 } };
static const CbLogSegment short_segment[] = { { "debrief", 30 } };

static const char * const coaching_dates[] = {
  "2025-09-16", "2025-10-07", "2025-11-12", "2025-12-09",
  "2026-01-20", "2026-02-10", "2026-03-17", "2026-04-21",
};

/* Two coaches each day: one log linked by engagement, one only by
 * school and date. */
static GArray *
scope_logs (guint n_days)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CbLogEntry));

  for (guint d = 0; d < n_days; d++)
    {
      CbLogEntry a = { "a", coaching_dates[d], "lala", "eng", coached_a, day_segments, G_N_ELEMENTS (day_segments) };
      CbLogEntry b = { "b", coaching_dates[d], "lala", NULL, coached_b, day_segments, G_N_ELEMENTS (day_segments) };

      g_array_append_val (out, a);
      g_array_append_val (out, b);
    }
  return out;
}

static void
test_delivered_scope (void)
{
  g_autoptr(GArray) all = scope_logs (8);
  g_autoptr(GArray) extra = scope_logs (8);
  g_autoptr(CbDelivered) d = NULL;
  CbLogEntry on_pd_day = { "c", "2025-10-24", "lala", "eng", coached_a, short_segment, 1 };
  CbLogEntry other_school = { "d", "2025-09-16", "elsewhere", NULL, coached_a, short_segment, 1 };
  CbLogEntry out_of_range = { "e", "2026-07-15", "lala", NULL, coached_a, short_segment, 1 };
  CbLogEntry other_engagement = { "f", "2025-09-17", "lala", "other", coached_a, short_segment, 1 };
  CbVisitInfo visits[] = {
    { NULL, "lala", "2025-09-16" },   /* a day already counted */
    { "other", "lala", "2025-09-18" },
  };

  g_array_append_val (extra, on_pd_day);
  g_array_append_val (extra, other_school);
  g_array_append_val (extra, out_of_range);
  g_array_append_val (extra, other_engagement);

  d = cb_delivered_compute (&scope, pd_sessions, G_N_ELEMENTS (pd_sessions),
                            (const CbLogEntry *) extra->data, extra->len,
                            visits, G_N_ELEMENTS (visits));
  g_assert_cmpint (d->planned_launch_days, ==, 2);
  g_assert_cmpint (d->planned_pd_days, ==, 3);
  g_assert_cmpint (d->planned_coaching_days, ==, 8);
  g_assert_cmpfloat (d->planned_hours, ==, 86.0);

  /* two sessions on one date are one day; launch and PD days apart */
  g_assert_cmpuint (d->launch_days, ==, 2);
  g_assert_cmpuint (d->pd_days, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (d->pd_dates, 0), ==, "2025-10-24");
  g_assert_cmpstr (g_ptr_array_index (d->pd_dates, 2), ==, "2026-05-22");
  /* two coaches on one date are one coaching day; the debrief on the
   * October PD day does not add a ninth */
  g_assert_cmpuint (d->coaching_days, ==, 8);
  g_assert_cmpuint (d->coaching_dates->len, ==, 8);
  g_assert_cmpstr (g_ptr_array_index (d->coaching_dates, 0), ==, "2025-09-16");

  /* PD hours: the sessions' lengths; coaching: each minute once */
  g_assert_cmpfloat_with_epsilon (d->pd_hours, (2 * 420 + 3 * (210 + 180)) / 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->coaching_hours, (16 * 90 + 30) / 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->hours, d->pd_hours + d->coaching_hours, 1e-9);

  /* an observation on a new date, linked by school, is a coaching day */
  {
    g_autoptr(CbDelivered) d2 = NULL;
    CbVisitInfo more[] = { { NULL, "lala", "2026-05-05" } };

    d2 = cb_delivered_compute (&scope, NULL, 0, (const CbLogEntry *) all->data, all->len,
                               more, G_N_ELEMENTS (more));
    g_assert_cmpuint (d2->coaching_days, ==, 9);
    g_assert_cmpuint (d2->launch_days, ==, 0);
    g_assert_cmpfloat (d2->pd_hours, ==, 0);
  }
}

/* The contract's "two coaches on each day": each coaching date counts
 * the most coaches any of its logs gives, 1 when none says. */
static void
test_delivered_coaches (void)
{
  static const CbPlan two = {
    "eng", scope_schools, "2025-08-01", "2026-06-30", 2, 3, 8, 86.0, 2,
  };
  CbLogEntry day_logs[] = {
    /* both coaches log the same day, each saying two */
    { "a", "2025-09-16", "lala", "eng", coached_a, day_segments, 3, 2 },
    { "b", "2025-09-16", "lala", "eng", coached_b, day_segments, 3, 2 },
    /* one coach came alone */
    { "c", "2025-10-07", "lala", "eng", coached_a, day_segments, 3, 1 },
    /* nobody said: one coach */
    { "d", "2025-11-12", "lala", NULL, coached_a, day_segments, 3, 0 },
    /* on a PD day: not a coaching day, so not a coach day */
    { "e", "2025-10-24", "lala", "eng", coached_a, short_segment, 1, 2 },
    /* another engagement's day */
    { "f", "2025-12-09", "lala", "other", coached_a, day_segments, 3, 2 },
  };
  CbVisitInfo visits[] = { { "eng", "lala", "2026-01-20" } };   /* an observation alone */
  g_autoptr(CbDelivered) d = NULL;

  d = cb_delivered_compute (&two, pd_sessions, G_N_ELEMENTS (pd_sessions),
                            day_logs, G_N_ELEMENTS (day_logs), visits, G_N_ELEMENTS (visits));
  g_assert_cmpuint (d->coaching_days, ==, 4);
  g_assert_cmpint (d->planned_coaches_per_day, ==, 2);
  g_assert_cmpint (d->planned_coach_days, ==, 16);
  g_assert_cmpuint (d->coach_days, ==, 2 + 1 + 1 + 1);
  g_assert_cmpuint (d->coaches_by_date->len, ==, 4);
  g_assert_cmpuint (g_array_index (d->coaches_by_date, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (d->coaches_by_date, guint, 1), ==, 1);
  /* two coaches on one date are still one coaching day, and their
   * minutes each count: coach hours */
  g_assert_cmpfloat_with_epsilon (d->coaching_hours, (4 * 90 + 30) / 60.0, 1e-9);

  /* without coaches per day, the plan is one coach a day */
  {
    g_autoptr(CbDelivered) one = cb_delivered_compute (&scope, NULL, 0, day_logs, 4, NULL, 0);

    g_assert_cmpint (one->planned_coach_days, ==, 8);
    g_assert_cmpuint (one->coach_days, ==, 2 + 1 + 1);
  }
}

/* Delivered moves as sessions and coaching days are recorded. */
static void
test_delivered_progress (void)
{
  guint expected_pd[] = { 0, 0, 1, 1, 2, 2, 3, 3 };

  for (guint n = 0; n <= 8; n++)
    {
      g_autoptr(GArray) some = scope_logs (n);
      g_autoptr(CbDelivered) d = cb_delivered_compute (&scope, pd_sessions, n,
                                                       (const CbLogEntry *) some->data, some->len,
                                                       NULL, 0);

      g_assert_cmpuint (d->launch_days, ==, MIN (n, 2));
      g_assert_cmpuint (d->pd_days, ==, n == 0 ? 0 : expected_pd[n - 1]);
      g_assert_cmpuint (d->coaching_days, ==, n);
    }
}

static void
test_plan_covers (void)
{
  g_assert_true (cb_plan_covers (&scope, "eng", NULL, NULL));
  g_assert_false (cb_plan_covers (&scope, "other", "lala", "2025-09-16"));
  g_assert_true (cb_plan_covers (&scope, NULL, "lala", "2025-08-01"));
  g_assert_true (cb_plan_covers (&scope, "", "lala", "2026-06-30"));
  g_assert_false (cb_plan_covers (&scope, NULL, "lala", "2026-07-01"));
  g_assert_false (cb_plan_covers (&scope, NULL, "lala", "2025-07-31"));
  g_assert_false (cb_plan_covers (&scope, NULL, "lala", NULL));
  g_assert_false (cb_plan_covers (&scope, NULL, NULL, "2025-09-16"));
  g_assert_false (cb_plan_covers (&scope, NULL, "elsewhere", "2025-09-16"));
}

/* Two engagements at one school in one year (a district's coaching and
 * a charter's PD, say): a coaching day that names its engagement counts
 * for that one only; one that names none counts, by school and date,
 * for each engagement that covers it. */
static void
test_delivered_link (void)
{
  static const CbPlan other = {
    "other", scope_schools, "2025-08-01", "2026-06-30", 0, 0, 4, 0.0,
  };
  CbLogEntry days[] = {
    { "a", "2025-09-16", "lala", "eng", coached_a, short_segment, 1 },
    { "b", "2025-10-07", "lala", "other", coached_b, short_segment, 1 },
    { "c", "2025-11-12", "lala", NULL, coached_a, short_segment, 1 },
    /* linked: counts even on a date outside the engagement's dates */
    { "d", "2026-07-02", "elsewhere", "eng", coached_a, short_segment, 1 },
  };
  CbVisitInfo visits[] = {
    { "eng", "lala", "2025-09-16" },     /* the same day as log a */
    { "other", "lala", "2025-12-09" },
  };
  g_autoptr(CbDelivered) mine = cb_delivered_compute (&scope, NULL, 0, days, G_N_ELEMENTS (days),
                                                      visits, G_N_ELEMENTS (visits));
  g_autoptr(CbDelivered) theirs = cb_delivered_compute (&other, NULL, 0, days, G_N_ELEMENTS (days),
                                                        visits, G_N_ELEMENTS (visits));

  g_assert_cmpuint (mine->coaching_days, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (mine->coaching_dates, 0), ==, "2025-09-16");
  g_assert_cmpstr (g_ptr_array_index (mine->coaching_dates, 1), ==, "2025-11-12");
  g_assert_cmpstr (g_ptr_array_index (mine->coaching_dates, 2), ==, "2026-07-02");
  g_assert_cmpfloat_with_epsilon (mine->coaching_hours, 1.5, 1e-9);

  g_assert_cmpuint (theirs->coaching_days, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (theirs->coaching_dates, 0), ==, "2025-10-07");
  g_assert_cmpstr (g_ptr_array_index (theirs->coaching_dates, 1), ==, "2025-11-12");
  g_assert_cmpstr (g_ptr_array_index (theirs->coaching_dates, 2), ==, "2025-12-09");
  g_assert_cmpfloat_with_epsilon (theirs->coaching_hours, 1.0, 1e-9);
}

/* ------------------------------------------------------- PD agendas */

static void
test_agenda_touching (void)
{
  const CbAgendaBlock blocks[] = {
    { "Welcome", "9:00", "10:00" },
    { "Number talk", "10:00", "11:00" },
    { "Lunch", "11:00", "12:00" },
    { "Not scheduled yet", NULL, "" },
  };
  g_autoptr(GPtrArray) problems = cb_agenda_problems (blocks, G_N_ELEMENTS (blocks), "09:00", "12:00");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (cb_agenda_check (blocks, G_N_ELEMENTS (blocks), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cb_agenda_check (NULL, 0, NULL, NULL, NULL));
}

static void
test_agenda_overlap (void)
{
  const CbAgendaBlock blocks[] = {
    { "Deep dive: discourse", "13:00", "14:30" },
    { "Break", "14:15", "14:30" },
    { "Exit ticket", "14:45", "15:00" },
  };
  g_autoptr(GPtrArray) problems = cb_agenda_problems (blocks, G_N_ELEMENTS (blocks), NULL, NULL);
  g_autoptr(GError) error = NULL;
  CbAgendaProblem *p;

  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->code, ==, CB_REPORTS_ERROR_OVERLAP);
  g_assert_cmpuint (p->first, ==, 0);
  g_assert_cmpuint (p->second, ==, 1);
  g_assert_nonnull (strstr (p->message, "Deep dive: discourse"));
  g_assert_nonnull (strstr (p->message, "Break"));
  g_assert_nonnull (strstr (p->message, "13:00"));
  g_assert_nonnull (strstr (p->message, "14:15"));

  g_assert_false (cb_agenda_check (blocks, G_N_ELEMENTS (blocks), NULL, NULL, &error));
  g_assert_error (error, CB_REPORTS_ERROR, CB_REPORTS_ERROR_OVERLAP);
  g_assert_cmpstr (error->message, ==, p->message);
}

static void
test_agenda_many (void)
{
  /* given out of order: every overlapping pair, earlier start first */
  const CbAgendaBlock blocks[] = {
    { "C", "10:15", "12:00" },
    { "A", "09:00", "11:00" },
    { "B", "10:00", "10:30" },
    { "", "12:00", "12:30" },
  };
  g_autoptr(GPtrArray) problems = cb_agenda_problems (blocks, G_N_ELEMENTS (blocks), NULL, NULL);
  guint pairs[][2] = { { 1, 2 }, { 1, 0 }, { 2, 0 } };

  g_assert_cmpuint (problems->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      CbAgendaProblem *p = g_ptr_array_index (problems, i);

      g_assert_cmpint (p->code, ==, CB_REPORTS_ERROR_OVERLAP);
      g_assert_cmpuint (p->first, ==, pairs[i][0]);
      g_assert_cmpuint (p->second, ==, pairs[i][1]);
    }
}

static void
test_agenda_order (void)
{
  const CbAgendaBlock blocks[] = {
    { "Backwards", "11:00", "10:00" },
    { "Zero length", "10:00", "10:00" },
    { "Half typed", "10:00", NULL },
    { "Nonsense", "25:00", "26:00" },
    { "Fine", "08:00", "08:30" },
    { "Too late", "15:30", "16:30" },
  };
  g_autoptr(GPtrArray) problems = cb_agenda_problems (blocks, G_N_ELEMENTS (blocks), "08:00", "16:00");
  CbAgendaProblem *p;

  g_assert_cmpuint (problems->len, ==, 5);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->code, ==, CB_REPORTS_ERROR_ORDER);
  g_assert_nonnull (strstr (p->message, "Backwards"));
  g_assert_nonnull (strstr (p->message, "10:00"));
  g_assert_nonnull (strstr (p->message, "11:00"));
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpint (p->code, ==, CB_REPORTS_ERROR_ORDER);
  g_assert_nonnull (strstr (p->message, "Zero length"));
  p = g_ptr_array_index (problems, 2);
  g_assert_cmpint (p->code, ==, CB_REPORTS_ERROR_TIME);
  g_assert_nonnull (strstr (p->message, "Half typed"));
  p = g_ptr_array_index (problems, 3);
  g_assert_cmpint (p->code, ==, CB_REPORTS_ERROR_TIME);
  g_assert_cmpuint (p->first, ==, 3);
  p = g_ptr_array_index (problems, 4);
  g_assert_cmpint (p->code, ==, CB_REPORTS_ERROR_OUTSIDE);
  g_assert_cmpuint (p->first, ==, 5);
  g_assert_nonnull (strstr (p->message, "Too late"));
  g_assert_nonnull (strstr (p->message, "16:00"));
}

/* ------------------------------------------------------ action items */

static void
test_actions (void)
{
  const char *today = "2026-03-15";

  g_assert_cmpint (cb_action_classify ("open", "2026-03-14", today, 7), ==, CB_ACTION_OVERDUE);
  g_assert_cmpint (cb_action_classify ("in_progress", "2025-12-01", today, 7), ==, CB_ACTION_OVERDUE);
  g_assert_cmpint (cb_action_classify ("open", "2026-03-15", today, 7), ==, CB_ACTION_DUE);
  g_assert_cmpint (cb_action_classify ("open", "2026-03-22", today, 7), ==, CB_ACTION_DUE);
  g_assert_cmpint (cb_action_classify ("open", "2026-03-23", today, 7), ==, CB_ACTION_OPEN);
  g_assert_cmpint (cb_action_classify ("open", "2026-03-16", today, 0), ==, CB_ACTION_OPEN);
  g_assert_cmpint (cb_action_classify ("open", "", today, 7), ==, CB_ACTION_OPEN);
  g_assert_cmpint (cb_action_classify (NULL, NULL, today, 7), ==, CB_ACTION_OPEN);
  g_assert_cmpint (cb_action_classify ("open", "2026-02-30", today, 7), ==, CB_ACTION_OPEN);
  g_assert_cmpint (cb_action_classify ("done", "2026-01-01", today, 7), ==, CB_ACTION_DONE);
  g_assert_cmpint (cb_action_classify ("dropped", "2026-03-16", today, 7), ==, CB_ACTION_DROPPED);
  /* across a month and a year */
  g_assert_cmpint (cb_action_classify ("open", "2026-03-05", "2026-02-26", 7), ==, CB_ACTION_DUE);
  g_assert_cmpint (cb_action_classify ("open", "2026-01-02", "2025-12-28", 7), ==, CB_ACTION_DUE);
  g_assert_cmpint (cb_action_classify ("open", "2025-12-31", "2026-01-01", 7), ==, CB_ACTION_OVERDUE);
  g_assert_cmpstr (cb_action_state_label (CB_ACTION_OVERDUE), ==, "Overdue");
}

/* -------------------------------------------- tallies over the lesson */

static void
test_chart_bins (void)
{
  const CbTallyInfo tallies[] = {
    { "funneling", "Funneling questions", 5, 0, "10\n299\n300\n601\n9999" },
    { "focusing", "", 4, 0, "" },
    { "teacher_talk", "", 0, 600, "" },
    { "student_talk", "", 0, 200, NULL },
    { "funneling", "", 1, 0, "50" },        /* a second record of the same counter */
    { "otr", "", 0, 0, "5\nnot a number\n700" },
  };
  g_autoptr(CbLessonChart) c = cb_lesson_chart_compute (tallies, G_N_ELEMENTS (tallies), 900, 300);
  const CbTallySeries *f, *g, *o;

  g_assert_cmpint (c->lesson_seconds, ==, 900);
  g_assert_cmpuint (c->n_bins, ==, 3);
  g_assert_cmpint (c->teacher_seconds, ==, 600);
  g_assert_cmpint (c->student_seconds, ==, 200);
  g_assert_cmpint (c->teacher_percent, ==, 75);
  g_assert_null (c->teacher_bins);

  g_assert_cmpuint (c->series->len, ==, 3);
  f = cb_lesson_chart_find (c, "funneling");
  g_assert_cmpint (f->total, ==, 6);
  g_assert_cmpuint (f->bins[0], ==, 3);   /* 10, 299, 50 */
  g_assert_cmpuint (f->bins[1], ==, 1);   /* 300 */
  g_assert_cmpuint (f->bins[2], ==, 2);   /* 601, and 9999 after the end */
  g = cb_lesson_chart_find (c, "focusing");
  g_assert_cmpint (g->total, ==, 4);
  g_assert_null (g->bins);
  o = cb_lesson_chart_find (c, "otr");
  g_assert_cmpint (o->total, ==, 2);
  g_assert_cmpuint (o->bins[0], ==, 1);
  g_assert_cmpuint (o->bins[2], ==, 1);
  g_assert_null (cb_lesson_chart_find (c, "teacher_talk"));
}

static void
test_chart_talk_intervals (void)
{
  const CbTallyInfo tallies[] = {
    { "teacher_talk", "", 0, 500, "0-400\n500-600" },
    { "student_talk", "", 0, 100, "400-500" },
  };
  g_autoptr(CbLessonChart) c = cb_lesson_chart_compute (tallies, G_N_ELEMENTS (tallies), 0, 300);

  /* no length given: the last mark decides */
  g_assert_cmpint (c->lesson_seconds, ==, 600);
  g_assert_cmpuint (c->n_bins, ==, 2);
  g_assert_nonnull (c->teacher_bins);
  g_assert_cmpint (c->teacher_bins[0], ==, 300);
  g_assert_cmpint (c->teacher_bins[1], ==, 200);
  g_assert_cmpint (c->student_bins[0], ==, 0);
  g_assert_cmpint (c->student_bins[1], ==, 100);
  g_assert_cmpint (c->teacher_percent, ==, 83);
}

static void
test_chart_empty (void)
{
  const CbTallyInfo tallies[] = {
    { "teacher_talk", "", 0, 1, "" },
    { "student_talk", "", 0, 2, "" },
  };
  g_autoptr(CbLessonChart) none = cb_lesson_chart_compute (NULL, 0, 0, 0);
  g_autoptr(CbLessonChart) third = cb_lesson_chart_compute (tallies, 2, 60, 300);

  g_assert_cmpint (none->teacher_percent, ==, -1);
  g_assert_cmpuint (none->n_bins, ==, 1);
  g_assert_cmpuint (none->bin_seconds, ==, 300);
  g_assert_cmpint (third->teacher_percent, ==, 33);
}

/* ------------------------------------------------ look-fors in a lesson */

static void
test_look_fors_seen (void)
{
  const CbEvidenceTags lines[] = {
    { 30, "b x" },
    { 10, "x" },
    { 50, "b b" },
    { 70, "y b" },
    { 80, "" },
    { 90, NULL },
  };
  g_autoptr(GPtrArray) seen = cb_look_fors_seen ("a b c a", lines, G_N_ELEMENTS (lines));
  const char *order[] = { "a", "b", "c", "x", "y" };
  guint n_lines[] = { 0, 3, 0, 2, 1 };
  gint64 first[] = { -1, 30, -1, 10, 70 };

  g_assert_cmpuint (seen->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < seen->len; i++)
    {
      CbLookForSeen *s = g_ptr_array_index (seen, i);

      g_assert_cmpstr (s->look_for, ==, order[i]);
      g_assert_cmpint (s->in_focus, ==, i < 3);
      g_assert_cmpuint (s->n_lines, ==, n_lines[i]);
      g_assert_cmpint (s->first_offset, ==, first[i]);
    }
}

/* ------------------------------------------- loading from a real store */

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autofree char *school = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *eng = NULL;
  g_autofree char *log1 = NULL;
  g_autofree char *log2 = NULL;
  g_autofree char *log3 = NULL;
  g_autofree char *log4 = NULL;
  g_autofree char *launch = NULL;
  g_autofree char *s = NULL;
  g_autoptr(CbLogData) data = NULL;
  g_autoptr(CbLogData) with_private = NULL;
  g_autoptr(CbLogTotals) totals = NULL;
  g_autoptr(CbDelivered) delivered = NULL;
  g_autoptr(GHashTable) names = NULL;
  const CbLogEntry *entries;
  guint n;

  g_assert_no_error (error);
  school = cb_test_create (store, "school", "name", "Los Angeles Leadership Academy", NULL);
  t1 = cb_test_create (store, "person", "name", "Ana García", "role", "teacher", NULL);
  t2 = cb_test_create (store, "person", "name", "Luis Pérez", "role", "teacher", CB_FIELD_PRIVACY, "private", NULL);
  eng = cb_test_create (store, "engagement", "name", "LALA 2025-26", "schools", school,
                "start_date", "2025-08-01", "end_date", "2026-06-30",
                "planned_launch_days", "2", "planned_pd_days", "3", "planned_coaching_days", "8",
                "planned_hours", "86", NULL);
  {
    g_autofree char *teachers = g_strdup_printf ("%s %s", t1, t2);
    log1 = cb_test_create (store, "coaching_log", "date", "2025-09-16", "teachers", teachers,
                   "school", school, "mode", "group", NULL);
  }
  g_free (cb_test_create (store, "segment", "log", log1, "position", "0", "activity", "plc", "minutes", "50", NULL));
  g_free (cb_test_create (store, "segment", "log", log1, "position", "1", "activity", "data_cycle", "minutes", "25", NULL));
  s = cb_test_create (store, "segment", "log", log1, "position", "2", "activity", "planning", "minutes", "999", NULL);
  g_assert_true (cb_store_delete (store, s, &error));
  g_free (cb_test_create (store, "segment", "log", log1, "position", "3", "activity", "debrief", "minutes", "10",
                  CB_FIELD_PRIVACY, "private", NULL));
  /* only times typed */
  log2 = cb_test_create (store, "coaching_log", "date", "2025-10-07", "teachers", t1, "school", school,
                 "engagement", eng, "time_in", "13:00", "time_out", "13:40", NULL);
  log3 = cb_test_create (store, "coaching_log", "date", "2025-11-12", "teachers", t1, "school", school,
                 CB_FIELD_PRIVACY, "private", NULL);
  g_free (cb_test_create (store, "segment", "log", log3, "activity", "modeling", "minutes", "30", NULL));
  log4 = cb_test_create (store, "coaching_log", "date", "2025-12-09", "teachers", t1, "school", school, NULL);
  g_free (cb_test_create (store, "segment", "log", log4, "activity", "observation", "minutes", "45", NULL));
  g_assert_true (cb_store_delete (store, log4, &error));
  launch = cb_test_create (store, "pd_session", "title", "Launch day 1", "date", "2025-08-12", "launch", "1",
                 "engagement", eng, "start_time", "08:00", "end_time", "15:00", NULL);
  g_free (cb_test_create (store, "pd_session", "title", "October PD (morning)", "date", "2025-10-24", "launch", "0",
                  "engagement", eng, "start_time", "08:00", "end_time", "11:30", NULL));
  g_free (cb_test_create (store, "pd_session", "title", "October PD (afternoon)", "date", "2025-10-24",
                  "engagement", eng, "start_time", "12:30", "end_time", "15:30", NULL));
  g_free (cb_test_create (store, "observation", "lesson", "Fractions", "date", "2025-11-20", "school", school,
                  "teacher", t1, NULL));

  data = cb_log_data_load (store, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  entries = cb_log_data_get_entries (data, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (entries[0].uuid, ==, log1);
  g_assert_cmpuint (entries[0].n_segments, ==, 2);
  g_assert_cmpstr (entries[0].segments[0].activity, ==, "plc");
  g_assert_cmpstr (entries[0].teachers[1], ==, t2);
  g_assert_cmpstr (entries[1].uuid, ==, log2);
  g_assert_cmpuint (entries[1].n_segments, ==, 1);
  g_assert_cmpstr (entries[1].segments[0].activity, ==, "");
  g_assert_cmpint (entries[1].segments[0].minutes, ==, 40);
  g_assert_cmpstr (entries[1].engagement, ==, eng);

  totals = cb_log_totals_compute (entries, n);
  g_assert_cmpint (totals->minutes, ==, 50 + 25 + 40);

  with_private = cb_log_data_load (store, "2025-09-01", "2025-11-30", TRUE, &error);
  g_assert_no_error (error);
  entries = cb_log_data_get_entries (with_private, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (entries[0].n_segments, ==, 3);
  g_assert_cmpstr (entries[2].uuid, ==, log3);

  delivered = cb_delivered_load (store, eng, &error);
  g_assert_no_error (error);
  g_assert_cmpint (delivered->planned_coaching_days, ==, 8);
  g_assert_cmpfloat (delivered->planned_hours, ==, 86.0);
  g_assert_cmpuint (delivered->launch_days, ==, 1);
  g_assert_cmpuint (delivered->pd_days, ==, 1);
  /* Sep 16 (by school), Oct 7 (by engagement), Nov 12 (private, still
   * delivered), Nov 20 (observation); the deleted Dec 9 log is gone */
  g_assert_cmpuint (delivered->coaching_days, ==, 4);
  g_assert_cmpfloat_with_epsilon (delivered->pd_hours, (420 + 210 + 180) / 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (delivered->coaching_hours, (50 + 25 + 10 + 40 + 30) / 60.0, 1e-9);

  g_assert_null (cb_delivered_load (store, t1, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* names of private records are never handed out */
  privacy = cb_privacy_new (store, &error);
  g_assert_no_error (error);
  names = cb_privacy_load_names (privacy, "person", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (names, t1), ==, "Ana García");
  g_assert_null (g_hash_table_lookup (names, t2));
  g_assert_null (cb_privacy_load_names (privacy, "no_such_kind", &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_assert_nonnull (launch);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/helpers", test_time);
  g_test_add_func ("/reports/totals/minutes-once", test_totals);
  g_test_add_func ("/reports/totals/empty", test_totals_empty);
  g_test_add_func ("/reports/delivered/seed-scope", test_delivered_scope);
  g_test_add_func ("/reports/delivered/coaches-per-day", test_delivered_coaches);
  g_test_add_func ("/reports/delivered/progress", test_delivered_progress);
  g_test_add_func ("/reports/delivered/covers", test_plan_covers);
  g_test_add_func ("/reports/delivered/link-before-school", test_delivered_link);
  g_test_add_func ("/reports/agenda/touching-is-fine", test_agenda_touching);
  g_test_add_func ("/reports/agenda/overlap", test_agenda_overlap);
  g_test_add_func ("/reports/agenda/many-overlaps", test_agenda_many);
  g_test_add_func ("/reports/agenda/order-and-bounds", test_agenda_order);
  g_test_add_func ("/reports/actions/classify", test_actions);
  g_test_add_func ("/reports/chart/bins", test_chart_bins);
  g_test_add_func ("/reports/chart/talk-intervals", test_chart_talk_intervals);
  g_test_add_func ("/reports/chart/empty", test_chart_empty);
  g_test_add_func ("/reports/look-fors/seen", test_look_fors_seen);
  g_test_add_func ("/reports/load", test_load);

  return g_test_run ();
}
