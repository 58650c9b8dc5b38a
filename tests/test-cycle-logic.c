/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The view logic of the coaching cycle and PD views, without a display:
 * the monitoring chart and its share order, activity minutes, agenda
 * edits, action filters, the month grid, the dashboard bars, look-for
 * colours, and the multi-record steps (Observe this lesson, Coaching
 * day, Duplicate as template) with their one transaction. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-action-logic.h"
#include "cb-agenda-logic.h"
#include "cb-coaching-day-logic.h"
#include "cb-color-logic.h"
#include "cb-coplan-logic.h"
#include "cb-engagement-logic.h"
#include "cb-exchange.h"
#include "cb-log-logic.h"
#include "cb-minutes-logic.h"
#include "cb-goal-logic.h"
#include "cb-monitor-logic.h"
#include "cb-month-logic.h"
#include "cb-order.h"
#include "cb-test-util.h"
#include "cb-work-logic.h"

static CbStore *
memory_store (void)
{
  g_autoptr(GError) error = NULL;
  CbStore *store = cb_store_open_memory (&error);

  g_assert_no_error (error);
  return store;
}

static CbRecord *
get (CbStore    *store,
     const char *uuid)
{
  g_autoptr(GError) error = NULL;
  CbRecord *record = cb_store_get (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static gboolean
is_empty (const char *value)
{
  return value == NULL || *value == '\0';
}

static guint
count (CbStore    *store,
       const char *kind)
{
  CbFilter filter = { 0 };

  filter.kind = kind;
  return cb_store_count (store, &filter);
}

/* ----------------------------------------------------------- order */

static char *
joined (const char * const *items,
        guint               n)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copy, (gpointer) items[i]);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (" ", (char **) copy->pdata);
}

/* Move Up / Move Down and drops: the one copy of the arithmetic. */
static void
test_order (void)
{
  const char *items[] = { "a", "b", "c", "d" };
  guint to = 99;

  g_assert_false (cb_order_target (4, 0, -1, &to));
  g_assert_cmpuint (to, ==, 99);
  g_assert_true (cb_order_target (4, 0, 1, &to));
  g_assert_cmpuint (to, ==, 1);
  g_assert_true (cb_order_target (4, 3, -1, &to));
  g_assert_cmpuint (to, ==, 2);
  g_assert_false (cb_order_target (4, 3, 1, NULL));
  g_assert_false (cb_order_target (4, 4, -1, NULL));
  g_assert_false (cb_order_target (4, 1, 0, NULL));
  g_assert_false (cb_order_target (0, 0, 1, NULL));
  g_assert_true (cb_order_target (4, 1, 2, &to));
  g_assert_cmpuint (to, ==, 3);

  /* one place: two neighbours swap */
  g_assert_true (cb_order_move ((gpointer *) items, 4, 2, 1));
  {
    g_autofree char *s = joined (items, 4);
    g_assert_cmpstr (s, ==, "a c b d");
  }
  /* a drop further down: the ones in between move up */
  g_assert_true (cb_order_move ((gpointer *) items, 4, 0, 3));
  {
    g_autofree char *s = joined (items, 4);
    g_assert_cmpstr (s, ==, "c b d a");
  }
  /* and further up */
  g_assert_true (cb_order_move ((gpointer *) items, 4, 3, 0));
  {
    g_autofree char *s = joined (items, 4);
    g_assert_cmpstr (s, ==, "a c b d");
  }
  g_assert_false (cb_order_move ((gpointer *) items, 4, 2, 2));
  g_assert_false (cb_order_move ((gpointer *) items, 4, 4, 0));
  g_assert_false (cb_order_move ((gpointer *) items, 4, 0, 4));
  g_assert_false (cb_order_move (NULL, 0, 0, 1));
  {
    g_autofree char *s = joined (items, 4);
    g_assert_cmpstr (s, ==, "a c b d");
  }
}

/* The order of a co-plan's strategies is the order of the monitoring
 * chart "Observe this lesson" makes. */
static void
test_observe_keeps_order (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", NULL);
  g_autofree char *plan = cb_test_create (store, "coplan", "teachers", teacher,
                                          "strategies", "Counts on\nMakes ten\n\nUses doubles", NULL);
  g_autofree char *obs = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  obs = cb_coplan_observe (store, plan, "2025-10-06", &error);
  g_assert_no_error (error);
  rows = cb_store_children (store, "monitor", obs, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (rows, 0), "strategy"), ==, "Counts on");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (rows, 1), "strategy"), ==, "Makes ten");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (rows, 2), "strategy"), ==, "Uses doubles");
}

/* ------------------------------------------------- monitoring chart */

static void
test_monitor_merge (void)
{
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_monitor_row_free);
  g_autoptr(GPtrArray) rows = NULL;
  CbMonitorRow *row;

  /* nothing written yet: one unwritten row per strategy line */
  rows = cb_monitor_rows_merge ("Bar model\n\n  Counts on  \nGuess and check", stored);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 1);
  g_assert_null (row->uuid);
  g_assert_cmpstr (row->strategy, ==, "Counts on");
  g_assert_true (row->anticipated);
  g_assert_cmpint (row->seen_at, ==, -1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* written rows keep their order; a reworded strategy is kept, and the
   * new wording appears as a new row */
  row = cb_monitor_row_new ("u-2", "Guess and check");
  row->position = 2;
  row->seen = TRUE;
  g_ptr_array_add (stored, row);
  row = cb_monitor_row_new ("u-1", "Bar model (old)");
  row->position = 0;
  g_ptr_array_add (stored, row);
  rows = cb_monitor_rows_merge ("Bar model\nGuess and check", stored);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->uuid, ==, "u-1");
  g_assert_false (row->anticipated);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row->uuid, ==, "u-2");
  g_assert_true (row->anticipated);
  g_assert_true (row->seen);
  row = g_ptr_array_index (rows, 2);
  g_assert_null (row->uuid);
  g_assert_cmpstr (row->strategy, ==, "Bar model");
  g_assert_cmpuint (row->position, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* no co-plan: the written rows only */
  rows = cb_monitor_rows_merge (NULL, stored);
  g_assert_cmpuint (rows->len, ==, 2);
}

static void
test_share_order (void)
{
  guint orders[4] = { 0, 0, 0, 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_monitor_row_free);
  g_autofree char *summary = NULL;
  CbMonitorRow *row;

  cb_share_order_toggle (orders, 4, 2);
  cb_share_order_toggle (orders, 4, 0);
  cb_share_order_toggle (orders, 4, 3);
  g_assert_cmpuint (orders[2], ==, 1);
  g_assert_cmpuint (orders[0], ==, 2);
  g_assert_cmpuint (orders[3], ==, 3);

  /* taking one out closes the gap */
  cb_share_order_toggle (orders, 4, 2);
  g_assert_cmpuint (orders[2], ==, 0);
  g_assert_cmpuint (orders[0], ==, 1);
  g_assert_cmpuint (orders[3], ==, 2);

  /* moving swaps with the neighbour in the sequence */
  g_assert_true (cb_share_order_move (orders, 4, 3, -1));
  g_assert_cmpuint (orders[3], ==, 1);
  g_assert_cmpuint (orders[0], ==, 2);
  g_assert_false (cb_share_order_move (orders, 4, 3, -1));
  g_assert_false (cb_share_order_move (orders, 4, 0, 1));
  g_assert_false (cb_share_order_move (orders, 4, 1, 1));

  row = cb_monitor_row_new (NULL, "Bar model");
  row->share_order = 2;
  g_ptr_array_add (rows, row);
  row = cb_monitor_row_new (NULL, "Counts on");
  row->share_order = 1;
  g_free (row->students);
  row->students = g_strdup ("AB, CD");
  g_ptr_array_add (rows, row);
  g_ptr_array_add (rows, cb_monitor_row_new (NULL, "Not chosen"));
  summary = cb_share_order_summary (rows);
  g_assert_cmpstr (summary, ==, "1. Counts on (AB, CD)\n2. Bar model");
}

/* ------------------------------------------------- coaching logs */

static void
test_segments (void)
{
  const gint64 minutes[] = { 30, 45, -5, 20 };
  g_autofree char *warning = NULL;

  g_assert_cmpint (cb_segments_total (minutes, G_N_ELEMENTS (minutes)), ==, 95);
  g_assert_cmpint (cb_segments_total (NULL, 0), ==, 0);
  warning = cb_segments_check (95, "08:00", "09:20");
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "1 h 35 min"));
  g_assert_nonnull (strstr (warning, "1 h 20 min"));
  g_assert_null (cb_segments_check (80, "08:00", "09:20"));
  g_assert_null (cb_segments_check (95, NULL, "09:20"));
  g_assert_null (cb_segments_check (0, "08:00", "08:10"));
}

/* ------------------------------------------------- PD agendas */

static void
test_agenda_edits (void)
{
  CbAgendaBlock blocks[] = {
    { "Welcome", "09:00", "09:30" },
    { "Number talk", "09:30", "10:15" },
    { "Break", NULL, NULL },
  };
  g_autofree char *message = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *t = NULL;

  /* touching is fine, overlapping is refused with both blocks named */
  g_assert_true (cb_agenda_try_times (blocks, 3, 2, "10:15", "10:30", "08:30", "15:00", &message));
  g_assert_null (message);
  g_assert_false (cb_agenda_try_times (blocks, 3, 2, "10:00", "10:30", "08:30", "15:00", &message));
  g_assert_nonnull (strstr (message, "Number talk"));
  g_assert_nonnull (strstr (message, "overlaps"));
  g_clear_pointer (&message, g_free);

  /* an end before the start, outside the session, not a time */
  g_assert_false (cb_agenda_try_times (blocks, 3, 2, "11:00", "10:30", NULL, NULL, &message));
  g_clear_pointer (&message, g_free);
  g_assert_false (cb_agenda_try_times (blocks, 3, 2, "15:00", "16:00", "08:30", "15:30", &message));
  g_assert_nonnull (strstr (message, "outside"));
  g_clear_pointer (&message, g_free);
  g_assert_false (cb_agenda_try_times (blocks, 3, 2, "ten", "10:30", NULL, NULL, &message));
  g_clear_pointer (&message, g_free);
  g_assert_false (cb_agenda_try_times (blocks, 3, 2, "10:15", "", NULL, NULL, &message));
  g_clear_pointer (&message, g_free);
  /* both empty: not scheduled yet */
  g_assert_true (cb_agenda_try_times (blocks, 3, 2, "", " ", NULL, NULL, NULL));
  /* 9:00 reads as 09:00 */
  g_assert_true (cb_agenda_try_times (blocks, 3, 0, "8:30", "9:00", "08:30", NULL, NULL));

  /* the next block goes after the last one, cut at the session's end */
  g_assert_true (cb_agenda_next_slot (blocks, 3, "09:00", "10:30", 30, &start, &end));
  g_assert_cmpstr (start, ==, "10:15");
  g_assert_cmpstr (end, ==, "10:30");
  g_clear_pointer (&start, g_free);
  g_clear_pointer (&end, g_free);
  g_assert_false (cb_agenda_next_slot (blocks, 3, "09:00", "10:15", 30, &start, &end));
  g_assert_false (cb_agenda_next_slot (NULL, 0, NULL, NULL, 30, &start, &end));
  g_assert_true (cb_agenda_next_slot (NULL, 0, "13:00", NULL, 45, &start, &end));
  g_assert_cmpstr (start, ==, "13:00");
  g_assert_cmpstr (end, ==, "13:45");

  t = cb_normalize_time (" 9:05 ");
  g_assert_cmpstr (t, ==, "09:05");
  g_clear_pointer (&t, g_free);
  t = cb_normalize_time ("");
  g_assert_cmpstr (t, ==, "");
  g_assert_null (cb_normalize_time ("25:00"));

  g_assert_cmpfloat (cb_session_hours ("08:30", "15:00"), ==, 6.5);
  g_assert_cmpfloat (cb_session_hours ("15:00", "08:30"), ==, 0);
  g_clear_pointer (&t, g_free);
  t = cb_format_hours (6.5);
  g_assert_cmpstr (t, ==, "6.5");
  g_clear_pointer (&t, g_free);
  t = cb_format_hours (3);
  g_assert_cmpstr (t, ==, "3");
  g_clear_pointer (&t, g_free);
  t = cb_format_hours (0.75);
  g_assert_cmpstr (t, ==, "0.75");
}

/* ------------------------------------------------- action items */

static void
test_action_filters (void)
{
  const char *today = "2025-10-06";
  CbActionState overdue = cb_action_classify ("open", "2025-10-01", today, CB_ACTION_DUE_SOON_DAYS);
  CbActionState due = cb_action_classify ("in_progress", "2025-10-09", today, CB_ACTION_DUE_SOON_DAYS);
  CbActionState later = cb_action_classify ("open", "2025-11-01", today, CB_ACTION_DUE_SOON_DAYS);
  CbActionState done = cb_action_classify ("done", "2025-10-01", today, CB_ACTION_DUE_SOON_DAYS);
  CbActionState dropped = cb_action_classify ("dropped", NULL, today, CB_ACTION_DUE_SOON_DAYS);

  g_assert_cmpint (overdue, ==, CB_ACTION_OVERDUE);
  g_assert_cmpint (due, ==, CB_ACTION_DUE);
  g_assert_true (cb_action_filter_matches (CB_ACTION_FILTER_OPEN, overdue));
  g_assert_true (cb_action_filter_matches (CB_ACTION_FILTER_OPEN, due));
  g_assert_true (cb_action_filter_matches (CB_ACTION_FILTER_OPEN, later));
  g_assert_false (cb_action_filter_matches (CB_ACTION_FILTER_OPEN, done));
  g_assert_true (cb_action_filter_matches (CB_ACTION_FILTER_DUE, due));
  g_assert_false (cb_action_filter_matches (CB_ACTION_FILTER_DUE, overdue));
  g_assert_true (cb_action_filter_matches (CB_ACTION_FILTER_OVERDUE, overdue));
  g_assert_true (cb_action_filter_matches (CB_ACTION_FILTER_DONE, done));
  g_assert_true (cb_action_filter_matches (CB_ACTION_FILTER_DONE, dropped));
  g_assert_false (cb_action_filter_matches (CB_ACTION_FILTER_DONE, later));

  /* overdue first, then due, open by date with undated last, done newest first */
  g_assert_cmpint (cb_action_compare ("2025-10-01", overdue, "2025-10-09", due), <, 0);
  g_assert_cmpint (cb_action_compare ("2025-11-01", later, "2025-10-09", due), >, 0);
  g_assert_cmpint (cb_action_compare (NULL, CB_ACTION_OPEN, "2025-11-01", later), >, 0);
  g_assert_cmpint (cb_action_compare ("2025-09-01", done, "2025-10-01", done), >, 0);
  g_assert_cmpint (cb_action_compare ("2025-09-01", done, "2025-10-01", later), >, 0);
}

/* ------------------------------------------------- month grid */

static void
test_month_grid (void)
{
  g_auto(GStrv) grid = cb_month_grid_dates (2025, 10, G_DATE_MONDAY);
  g_auto(GStrv) sunday = cb_month_grid_dates (2025, 2, G_DATE_SUNDAY);
  g_autofree char *next = cb_month_shift ("2025-12", 1);
  g_autofree char *prev = cb_month_shift ("2025-01", -1);

  /* 1 October 2025 is a Wednesday */
  g_assert_cmpuint (g_strv_length (grid), ==, CB_MONTH_GRID_CELLS);
  g_assert_cmpstr (grid[0], ==, "2025-09-29");
  g_assert_cmpstr (grid[2], ==, "2025-10-01");
  g_assert_cmpstr (grid[41], ==, "2025-11-09");
  /* 1 February 2025 is a Saturday */
  g_assert_cmpstr (sunday[0], ==, "2025-01-26");
  g_assert_cmpstr (sunday[6], ==, "2025-02-01");
  g_assert_cmpstr (next, ==, "2026-01");
  g_assert_cmpstr (prev, ==, "2024-12");
  g_assert_null (cb_month_shift ("soon", 1));
}

/* ------------------------------------------------- dashboard bars */

static void
test_delivered_bars (void)
{
  CbDelivered d = { 0 };
  g_autoptr(GArray) bars = NULL;
  CbDeliveredBar *bar;

  d.planned_launch_days = 2;
  d.planned_pd_days = 3;
  d.planned_coaching_days = 8;
  d.planned_hours = 120;
  d.launch_days = 2;
  d.pd_days = 1;
  d.coaching_days = 3;
  d.hours = 40.5;
  bars = cb_delivered_bars (&d);
  g_assert_cmpuint (bars->len, ==, 4);
  bar = &g_array_index (bars, CbDeliveredBar, 2);
  g_assert_cmpfloat (bar->planned, ==, 8);
  g_assert_cmpfloat (bar->delivered, ==, 3);
  g_assert_cmpstr (bar->text, ==, "3 of 8");
  bar = &g_array_index (bars, CbDeliveredBar, 3);
  g_assert_cmpstr (bar->text, ==, "40 h 30 min of 120 h");

  d.planned_pd_days = 0;
  g_clear_pointer (&bars, g_array_unref);
  bars = cb_delivered_bars (&d);
  bar = &g_array_index (bars, CbDeliveredBar, 1);
  g_assert_cmpstr (bar->text, ==, "1 day, none planned");

  /* over the plan, said in words */
  d.hours = 187.92;
  d.planned_hours = 86;
  d.coaching_days = 10;
  g_clear_pointer (&bars, g_array_unref);
  bars = cb_delivered_bars (&d);
  g_assert_cmpuint (bars->len, ==, 4);
  g_assert_cmpstr (g_array_index (bars, CbDeliveredBar, 2).text, ==, "10 of 8, 2 over");
  g_assert_cmpstr (g_array_index (bars, CbDeliveredBar, 3).text, ==, "187 h 55 min of 86 h, 101 h 55 min over");

  /* two coaches a day: coach days */
  d.planned_coaches_per_day = 2;
  d.planned_coach_days = 16;
  d.coach_days = 11;
  g_clear_pointer (&bars, g_array_unref);
  bars = cb_delivered_bars (&d);
  g_assert_cmpuint (bars->len, ==, 5);
  g_assert_cmpstr (g_array_index (bars, CbDeliveredBar, 3).label, ==, "Coach days");
  g_assert_cmpstr (g_array_index (bars, CbDeliveredBar, 3).text, ==, "11 of 16");
}

/* ------------------------------------------------- look-for colours */

static void
test_look_for_colors (void)
{
  const char *focus = "aaaa bbbb cccc";

  g_assert_cmpint (cb_look_for_color (focus, "aaaa"), ==, 0);
  g_assert_cmpint (cb_look_for_color (focus, "cccc"), ==, 2);
  g_assert_cmpint (cb_look_for_color (focus, "zzzz"), ==, -1);
  g_assert_cmpint (cb_look_for_color (NULL, "aaaa"), ==, -1);
  g_assert_cmpint (cb_line_color (focus, "zzzz bbbb aaaa"), ==, 1);
  g_assert_cmpint (cb_line_color (focus, ""), ==, -1);
}

/* ------------------------------------------------- multi-record steps */

static void
test_coplan_observe (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln", NULL);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", "school", school, NULL);
  g_autofree char *lf = cb_test_create (store, "look_for", "name", "Pose purposeful questions", NULL);
  g_autofree char *plan = cb_test_create (store, "coplan", "lesson", "Unit 3 Lesson 2", "teachers", teacher,
                                          "date", "2025-10-01", "look_fors", lf,
                                          "strategies", "Bar model\nCounts on\n\nDouble number line", NULL);
  g_autofree char *obs = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CbRecord) o = NULL;
  g_autoptr(CbRecord) p = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  obs = cb_coplan_observe (store, plan, "2025-10-06", &error);
  g_assert_no_error (error);
  o = get (store, obs);
  g_assert_cmpstr (cb_record_get_kind (o), ==, "observation");
  g_assert_cmpstr (cb_record_get (o, "teacher"), ==, teacher);
  g_assert_cmpstr (cb_record_get (o, "school"), ==, school);   /* the teacher's school */
  g_assert_cmpstr (cb_record_get (o, "lesson"), ==, "Unit 3 Lesson 2");
  g_assert_cmpstr (cb_record_get (o, "focus"), ==, lf);
  g_assert_cmpstr (cb_record_get (o, "coplan"), ==, plan);
  g_assert_cmpstr (cb_record_get (o, "date"), ==, "2025-10-06");   /* the plan's date was past */
  p = get (store, plan);
  g_assert_cmpstr (cb_record_get (p, "observation"), ==, obs);
  rows = cb_store_children (store, "monitor", obs, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (rows, 2), "strategy"), ==, "Double number line");
  g_assert_false (cb_record_get_bool (g_ptr_array_index (rows, 0), "seen"));

  /* pressed again: the same observation, nothing new */
  again = cb_coplan_observe (store, plan, "2025-10-06", &error);
  g_assert_cmpstr (again, ==, obs);
  g_assert_cmpuint (count (store, "observation"), ==, 1);
  g_assert_cmpuint (count (store, "monitor"), ==, 3);

  /* not a co-plan */
  g_assert_null (cb_coplan_observe (store, teacher, "2025-10-06", &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
}

/* "Observe this lesson" and "Coaching day" join the teacher's open
 * coaching cycle; a co-plan's own cycle comes first. */
static void
test_steps_join_cycle (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", NULL);
  g_autofree char *closed = cb_test_create (store, "cycle", "goal", "Old", "teachers", teacher,
                                            "start_date", "2025-09-01", "status", "met", NULL);
  g_autofree char *open = cb_test_create (store, "cycle", "goal", "Students will explain", "teachers", teacher,
                                          "start_date", "2025-09-20", "end_date", "2025-11-01",
                                          "status", "open", NULL);
  g_autofree char *other = cb_test_create (store, "cycle", "goal", "Team goal", NULL);
  g_autofree char *plan = cb_test_create (store, "coplan", "lesson", "L", "teachers", teacher, NULL);
  g_autofree char *plan2 = cb_test_create (store, "coplan", "lesson", "M", "teachers", teacher,
                                           "cycle", other, NULL);
  g_autofree char *obs = NULL;
  g_autofree char *obs2 = NULL;
  g_autofree char *day = NULL;
  g_autoptr(CbRecord) o = NULL;
  g_autoptr(CbRecord) p = NULL;
  g_autoptr(GError) error = NULL;
  CbFilter filter = { .kind = "coaching_log", .ref_field = "cycle", .ref_value = open };

  obs = cb_coplan_observe (store, plan, "2025-10-06", &error);
  g_assert_no_error (error);
  o = get (store, obs);
  g_assert_cmpstr (cb_record_get (o, "cycle"), ==, open);
  g_clear_object (&o);

  obs2 = cb_coplan_observe (store, plan2, "2025-10-06", &error);
  o = get (store, obs2);
  g_assert_cmpstr (cb_record_get (o, "cycle"), ==, other);
  g_clear_object (&o);

  day = cb_coaching_day_create (store, teacher, "2025-10-14", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  p = get (store, day);
  g_assert_cmpstr (cb_record_get (p, "cycle"), ==, open);
  o = get (store, cb_record_get (p, "observation"));
  g_assert_cmpstr (cb_record_get (o, "cycle"), ==, open);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 1);
}

/* The cycle page's chart and rows, from a cycle read whole. */
static void
test_goal_logic (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", NULL);
  g_autofree char *cycle = cb_test_create (store, "cycle", "goal", "Students will explain", "teachers", teacher,
                                           "unit", "%", "baseline", "20", "baseline_date", "2025-10-01",
                                           "target", "60", "target_date", "2025-11-12", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "L", "date", "2025-10-08",
                                         "cycle", cycle, NULL);
  g_autofree char *p1 = cb_test_create (store, "data_point", "cycle", cycle, "date", "2025-10-22",
                                        "value", "40", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCycle) c = cb_cycle_load (store, cycle, NULL, &error);
  g_autoptr(GArray) points = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;
  CbCycleTrend trend = { 0 };
  guint counts[] = { 1, 0, 2 };
  CbGoalChartPoint *pt;

  g_assert_no_error (error);
  points = cb_goal_chart_points (c);
  g_assert_cmpuint (points->len, ==, 3);
  pt = &g_array_index (points, CbGoalChartPoint, 0);
  g_assert_cmpfloat (pt->x, ==, 0);
  g_assert_cmpfloat_with_epsilon (pt->y, 0.2, 1e-9);
  /* 21 of 42 days: half way across */
  pt = &g_array_index (points, CbGoalChartPoint, 1);
  g_assert_cmpfloat_with_epsilon (pt->x, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (pt->y, 0.4, 1e-9);
  pt = &g_array_index (points, CbGoalChartPoint, 2);
  g_assert_cmpint (pt->kind, ==, CB_CYCLE_POINT_TARGET);
  g_assert_cmpfloat (pt->x, ==, 1);

  summary = cb_goal_chart_summary (c);
  g_assert_cmpstr (summary, ==, "baseline 20 %, 40 % on 2025-10-22, target 60 %");

  g_assert_cmpuint (c->steps->len, ==, 1);
  subtitle = cb_goal_step_subtitle (g_ptr_array_index (c->steps, 0));
  g_assert_true (g_str_has_prefix (subtitle, "Observation · "));
  g_clear_pointer (&subtitle, g_free);

  trend.lines = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_append_vals (trend.lines, counts, 3);
  trend.n_seen = 2;
  subtitle = cb_goal_trend_subtitle (&trend, 3);
  g_assert_cmpstr (subtitle, ==, "Seen in 2 of 3 observations (lines: 1, 0, 2)");
  g_clear_pointer (&subtitle, g_free);
  subtitle = cb_goal_trend_subtitle (&trend, 0);
  g_assert_cmpstr (subtitle, ==, "No observation in this cycle yet");
  g_array_unref (trend.lines);
}

/* Observed minutes: the pure rule, each minute counted once. */
static void
test_visit_log_step (void)
{
  CbLogSegment day[] = { { "coplanning", 0 }, { "observation", 0 }, { "debrief", 0 } };
  CbLogSegment typed[] = { { "coplanning", 30 }, { "observation", 50 } };
  CbLogSegment other[] = { { "coplanning", 30 } };
  CbVisitLog logs[2] = { { 0 } };
  guint li = 9, si = 9;

  g_assert_cmpint (cb_visit_minutes (45 * 60000 + 20000, "09:00", "10:10"), ==, 45);
  g_assert_cmpint (cb_visit_minutes (10000, NULL, NULL), ==, 1);
  g_assert_cmpint (cb_visit_minutes (0, "9:05", "09:52"), ==, 47);
  g_assert_cmpint (cb_visit_minutes (0, "10:00", "09:00"), ==, 0);
  g_assert_cmpint (cb_visit_minutes (0, NULL, "09:00"), ==, 0);

  /* the debrief: timed while its page is open */
  g_assert_cmpint (cb_debrief_minutes (1, 1 + 20 * 60 * G_USEC_PER_SEC), ==, 20);
  g_assert_cmpint (cb_debrief_minutes (1, 1 + 150 * G_USEC_PER_SEC), ==, 3);
  g_assert_cmpint (cb_debrief_minutes (1, 1 + 60 * G_USEC_PER_SEC), ==, 0);     /* a glance */
  g_assert_cmpint (cb_debrief_minutes (1, 1 + G_GINT64_CONSTANT (5) * 3600 * G_USEC_PER_SEC), ==, 90);
  g_assert_cmpint (cb_debrief_minutes (0, 20 * 60 * G_USEC_PER_SEC), ==, 0);   /* not timed */

  /* no log names the observation: one is made */
  g_assert_cmpint (cb_visit_log_step ("observation", 45, NULL, 0, &li, &si), ==, CB_VISIT_LOG_CREATE);
  /* nothing to count */
  g_assert_cmpint (cb_visit_log_step ("observation", 0, NULL, 0, &li, &si), ==, CB_VISIT_LOG_KEEP);

  /* Coaching Day's log: its empty observation segment is filled */
  logs[0].segments = day;
  logs[0].n_segments = G_N_ELEMENTS (day);
  g_assert_cmpint (cb_visit_log_step ("observation", 45, logs, 1, &li, &si), ==, CB_VISIT_LOG_FILL);
  g_assert_cmpuint (li, ==, 0);
  g_assert_cmpuint (si, ==, 1);
  g_assert_cmpint (cb_visit_log_step ("debrief", 20, logs, 1, &li, &si), ==, CB_VISIT_LOG_FILL);
  g_assert_cmpuint (si, ==, 2);

  /* the coach typed the minutes: they stand, never counted twice */
  logs[1].segments = typed;
  logs[1].n_segments = G_N_ELEMENTS (typed);
  g_assert_cmpint (cb_visit_log_step ("observation", 45, logs, 2, &li, &si), ==, CB_VISIT_LOG_KEEP);
  g_assert_cmpint (cb_visit_log_step ("observation", 45, &logs[1], 1, &li, &si), ==, CB_VISIT_LOG_KEEP);

  /* a log without an observation segment gets one */
  logs[0].segments = other;
  logs[0].n_segments = G_N_ELEMENTS (other);
  g_assert_cmpint (cb_visit_log_step ("observation", 45, logs, 1, &li, &si), ==, CB_VISIT_LOG_ADD);
  g_assert_cmpuint (li, ==, 0);

  /* a log counted by its time in and out already holds the visit */
  logs[0].segments = day;
  logs[0].n_segments = G_N_ELEMENTS (day);
  logs[0].span = 180;
  g_assert_cmpint (cb_visit_log_step ("observation", 45, logs, 1, &li, &si), ==, CB_VISIT_LOG_KEEP);
}

static gint64
log_minutes (CbStore    *store,
             const char *log)
{
  g_autoptr(GPtrArray) segments = cb_store_children (store, "segment", log, NULL);
  gint64 total = 0;

  for (guint i = 0; i < segments->len; i++)
    total += cb_record_get_int (g_ptr_array_index (segments, i), "minutes");
  return total;
}

static void
test_visit_count_minutes (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln", NULL);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", "school", school, NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "teacher", teacher, "school", school,
                                         "date", "2025-10-07", "start_time", "09:00", "end_time", "09:45",
                                         "lesson", "Fractions", NULL);
  g_autofree char *log = NULL;
  g_autofree char *again = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *day_log = NULL;
  g_autoptr(CbRecord) l = NULL;
  g_autoptr(CbRecord) p = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GError) error = NULL;
  CbFilter filter = { 0 };

  /* Observe this lesson, then end it: a log of the visit */
  log = cb_visit_count_minutes (store, obs, "observation", 45, &error);
  g_assert_no_error (error);
  g_assert_nonnull (log);
  l = get (store, log);
  g_assert_cmpstr (cb_record_get (l, "observation"), ==, obs);
  g_assert_cmpstr (cb_record_get (l, "teachers"), ==, teacher);
  g_assert_cmpstr (cb_record_get (l, "date"), ==, "2025-10-07");
  g_assert_cmpstr (cb_record_get (l, "summary"), ==, "Observation of Ana");
  g_assert_cmpint (log_minutes (store, log), ==, 45);

  /* ended again: counted once */
  again = cb_visit_count_minutes (store, obs, "observation", 50, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  g_assert_cmpuint (count (store, "coaching_log"), ==, 1);
  g_assert_cmpint (log_minutes (store, log), ==, 45);

  /* the debrief adds its own segment to the same log */
  g_free (again);
  again = cb_visit_count_minutes (store, obs, "debrief", 20, &error);
  g_assert_cmpstr (again, ==, log);
  g_assert_cmpint (log_minutes (store, log), ==, 65);

  /* Coaching Day: the observation fills the day's log, no second log */
  plan = cb_coaching_day_create (store, teacher, "2025-11-04", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  p = get (store, plan);
  day_log = cb_visit_count_minutes (store, cb_record_get (p, "observation"), "observation", 40, &error);
  g_assert_no_error (error);
  g_assert_nonnull (day_log);
  g_assert_cmpuint (count (store, "coaching_log"), ==, 2);
  g_assert_cmpint (log_minutes (store, day_log), ==, 40);
  g_assert_cmpuint (count (store, "segment"), ==, 2 + 3);

  /* a private observation makes a private log */
  {
    g_autofree char *secret = cb_test_create (store, "observation", "teacher", teacher, "date", "2025-12-01",
                                              "privacy", "private", NULL);
    g_autofree char *secret_log = cb_visit_count_minutes (store, secret, "observation", 30, &error);
    g_autoptr(CbRecord) s = NULL;

    g_assert_no_error (error);
    s = get (store, secret_log);
    g_assert_cmpstr (cb_record_get_privacy (s), ==, "private");
  }
  filter.kind = "coaching_log";
  logs = cb_store_list (store, &filter, 10, &error);
  g_assert_cmpuint (logs->len, ==, 3);
}

static void
test_coaching_day (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln", NULL);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Pérez", "school", school, NULL);
  g_autofree char *plan = NULL;
  g_autoptr(CbRecord) p = NULL;
  g_autoptr(CbRecord) o = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  CbFilter filter = { 0 };
  CbRecord *log;

  plan = cb_coaching_day_create (store, teacher, "2025-10-07", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  p = get (store, plan);
  o = get (store, cb_record_get (p, "observation"));
  g_assert_cmpstr (cb_record_get (o, "coplan"), ==, plan);
  g_assert_cmpstr (cb_record_get (o, "teacher"), ==, teacher);
  g_assert_cmpstr (cb_record_get (o, "school"), ==, school);
  g_assert_cmpstr (cb_record_get (p, "teachers"), ==, teacher);
  filter.kind = "coaching_log";
  logs = cb_store_list (store, &filter, 10, &error);
  g_assert_cmpuint (logs->len, ==, 1);
  log = g_ptr_array_index (logs, 0);
  g_assert_cmpstr (cb_record_get (log, "coplan"), ==, plan);
  g_assert_cmpstr (cb_record_get (log, "observation"), ==, cb_record_get_uuid (o));
  g_assert_cmpstr (cb_record_get (log, "date"), ==, "2025-10-07");
  g_assert_cmpstr (cb_record_get (log, "summary"), ==, "Coaching day with Ana Pérez");
  segments = cb_store_children (store, "segment", cb_record_get_uuid (log), &error);
  g_assert_cmpuint (segments->len, ==, 3);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (segments, 0), "activity"), ==, "coplanning");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (segments, 2), "activity"), ==, "debrief");

  /* not a teacher: nothing at all is written */
  g_assert_null (cb_coaching_day_create (store, school, "2025-10-08", NULL, NULL, 0, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_assert_cmpuint (count (store, "coplan"), ==, 1);
  g_assert_cmpuint (count (store, "coaching_log"), ==, 1);
}

/* A coaching day for an engagement: the observation and the log name
 * it, and the dashboard counts the day for it and not for another
 * engagement that covers the same school on that date. */
static void
test_coaching_day_engagement (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln", NULL);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", "school", school, NULL);
  g_autofree char *mine = cb_test_create (store, "engagement", "name", "Charter 2025–26", "schools", school,
                                          "start_date", "2025-08-01", "end_date", "2026-06-30",
                                          "planned_coaching_days", "8", NULL);
  g_autofree char *theirs = cb_test_create (store, "engagement", "name", "District rounds", "schools", school,
                                            "start_date", "2025-08-01", "end_date", "2026-06-30", NULL);
  g_autofree char *plan = NULL;
  g_autofree char *unlinked = NULL;
  g_autoptr(CbRecord) p = NULL;
  g_autoptr(CbRecord) o = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GError) error = NULL;
  CbFilter filter = { 0 };

  plan = cb_coaching_day_create (store, teacher, "2025-10-07", NULL, mine, 0, &error);
  g_assert_no_error (error);
  p = get (store, plan);
  o = get (store, cb_record_get (p, "observation"));
  g_assert_cmpstr (cb_record_get (o, "engagement"), ==, mine);
  filter.kind = "coaching_log";
  filter.ref_field = "coplan";
  filter.ref_value = plan;
  logs = cb_store_list (store, &filter, 10, &error);
  g_assert_cmpuint (logs->len, ==, 1);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (logs, 0), "engagement"), ==, mine);

  /* a day with no engagement falls back to school and date: both */
  unlinked = cb_coaching_day_create (store, teacher, "2025-11-12", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CbDelivered) a = cb_delivered_load (store, mine, &error);
    g_autoptr(CbDelivered) b = NULL;

    g_assert_no_error (error);
    b = cb_delivered_load (store, theirs, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (a->coaching_days, ==, 2);
    g_assert_cmpuint (b->coaching_days, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (b->coaching_dates, 0), ==, "2025-11-12");
  }

  /* not an engagement: nothing is written */
  g_assert_null (cb_coaching_day_create (store, teacher, "2025-12-09", NULL, school, 0, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_assert_cmpuint (count (store, "coplan"), ==, 2);
}

/* Prefilled only when exactly one engagement covers the teacher's
 * school on the date. */
static void
test_engagement_guess (void)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_engagement_choice_free);

  g_assert_cmpint (cb_engagement_guess (choices, "s1", "2025-10-07"), ==, -1);
  g_ptr_array_add (choices, cb_engagement_choice_new ("e1", "Charter", "s1 s2", "2025-08-01", "2026-06-30"));
  g_ptr_array_add (choices, cb_engagement_choice_new ("e2", "Next year", "s1", "2026-08-01", "2027-06-30"));
  g_ptr_array_add (choices, cb_engagement_choice_new ("e3", "District", " s3 ", NULL, NULL));

  g_assert_cmpint (cb_engagement_guess (choices, "s1", "2025-10-07"), ==, 0);
  g_assert_cmpint (cb_engagement_guess (choices, "s2", "2025-10-07"), ==, 0);
  g_assert_cmpint (cb_engagement_guess (choices, "s1", "2026-10-07"), ==, 1);
  g_assert_cmpint (cb_engagement_guess (choices, "s1", "2026-07-15"), ==, -1);  /* between years */
  g_assert_cmpint (cb_engagement_guess (choices, "s3", "2031-01-01"), ==, 2);   /* open dates */
  g_assert_cmpint (cb_engagement_guess (choices, "s4", "2025-10-07"), ==, -1);
  g_assert_cmpint (cb_engagement_guess (choices, NULL, "2025-10-07"), ==, -1);  /* no school */
  g_assert_cmpint (cb_engagement_guess (choices, "s1", NULL), ==, -1);
  g_assert_cmpstr (((CbEngagementChoice *) g_ptr_array_index (choices, 2))->schools[0], ==, "s3");
  g_assert_null (((CbEngagementChoice *) g_ptr_array_index (choices, 2))->schools[1]);

  /* two engagements at one school on one date: the coach picks */
  g_ptr_array_add (choices, cb_engagement_choice_new ("e4", "Rounds", "s2", "2025-09-01", "2025-12-31"));
  g_assert_cmpint (cb_engagement_guess (choices, "s2", "2025-10-07"), ==, -1);
  g_assert_cmpint (cb_engagement_guess (choices, "s1", "2025-10-07"), ==, 0);
}

/* One transaction: a failure half way leaves nothing behind. */
static void
test_coaching_day_atomic (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", NULL);
  g_autoptr(GError) error = NULL;

  /* an invalid date makes the second record fail after the first was written */
  g_assert_null (cb_coaching_day_create (store, teacher, "2025-13-40", NULL, NULL, 0, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count (store, "coplan"), ==, 0);
  g_assert_cmpuint (count (store, "observation"), ==, 0);
  g_assert_cmpuint (count (store, "coaching_log"), ==, 0);
  g_assert_cmpuint (count (store, "segment"), ==, 0);
}

static void
test_duplicate_session (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *person = cb_test_create (store, "person", "name", "Ana", NULL);
  g_autofree char *session = cb_test_create (store, "pd_session", "title", "PD day: discourse",
                                             "date", "2025-10-10", "start_time", "08:30",
                                             "end_time", "15:00", "objectives", "Talk moves",
                                             "reflection", "Went well", "exit_tickets", "More time",
                                             "private_notes", "secret", NULL);
  g_autofree char *b1 = cb_test_create (store, "agenda_item", "session", session, "title", "Welcome",
                                        "start_time", "08:30", "end_time", "09:00", NULL);
  g_autofree char *b2 = cb_test_create (store, "agenda_item", "session", session, "title", "Number talk",
                                        "start_time", "09:00", "end_time", "10:00",
                                        "facilitator", "Rosa", "audience", "math_teachers", NULL);
  g_autofree char *att = cb_test_create (store, "attendance", "session", session, "person", person,
                                         "present", "1", "hours", "6.5", NULL);
  g_autofree char *copy = NULL;
  g_autoptr(CbRecord) c = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GError) error = NULL;

  copy = cb_pd_session_duplicate (store, session, &error);
  g_assert_no_error (error);
  c = get (store, copy);
  g_assert_cmpstr (cb_record_get (c, "title"), ==, "PD day: discourse (copy)");
  g_assert_cmpstr (cb_record_get (c, "start_time"), ==, "08:30");
  g_assert_cmpstr (cb_record_get (c, "objectives"), ==, "Talk moves");
  g_assert_true (is_empty (cb_record_get (c, "date")));
  g_assert_true (is_empty (cb_record_get (c, "reflection")));
  g_assert_true (is_empty (cb_record_get (c, "exit_tickets")));
  g_assert_true (is_empty (cb_record_get (c, "private_notes")));
  agenda = cb_store_children (store, "agenda_item", copy, &error);
  g_assert_cmpuint (agenda->len, ==, 2);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (agenda, 1), "facilitator"), ==, "Rosa");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (agenda, 1), "audience"), ==, "math_teachers");
  attendance = cb_store_children (store, "attendance", copy, &error);
  g_assert_cmpuint (attendance->len, ==, 0);
}

static void
test_action_item_create (void)
{
  g_autoptr(CbStore) store = memory_store ();
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "L", CB_FIELD_PRIVACY, "private", NULL);
  g_autofree char *item = NULL;
  g_autoptr(CbRecord) r = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (cb_action_item_create (store, "   ", teacher, NULL, obs, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  item = cb_action_item_create (store, " Try a number talk ", teacher, "2025-10-20", obs, &error);
  g_assert_no_error (error);
  r = get (store, item);
  g_assert_cmpstr (cb_record_get (r, "text"), ==, "Try a number talk");
  g_assert_cmpstr (cb_record_get (r, "owner"), ==, teacher);
  g_assert_cmpstr (cb_record_get (r, "status"), ==, "open");
  g_assert_cmpstr (cb_record_get (r, "source"), ==, obs);
  /* from a private observation: private too */
  g_assert_cmpstr (cb_record_get_privacy (r), ==, "private");
}

static void
pass_on (CbStore    *from,
         CbStore    *to,
         const char *dir,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_exchange_export (from, path, NULL, &error));
  g_assert_no_error (error);
  report = cb_exchange_import (to, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A record private on this laptop and shared on another: what is made
 * from it here is private, whichever value is displayed. */
static void
test_private_under_conflict (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autoptr(CbStore) a = memory_store ();
  g_autoptr(CbStore) b = memory_store ();
  g_autofree char *plan = cb_test_create (a, "coplan", "lesson", "Unit 3", "strategies", "Bar model", NULL);
  g_autofree char *source = cb_test_create (a, "observation", "lesson", "Unit 2", NULL);
  g_autofree char *obs = NULL;
  g_autofree char *item = NULL;
  g_autoptr(CbRecord) o = NULL;
  g_autoptr(CbRecord) r = NULL;
  g_autoptr(CbRecord) shown = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  pass_on (a, b, dir, "a.xml");
  g_assert_true (cb_store_set (a, plan, CB_FIELD_PRIVACY, "private", &error));
  g_assert_true (cb_store_set (a, source, CB_FIELD_PRIVACY, "private", &error));
  g_usleep (2000);
  g_assert_true (cb_store_set (b, plan, CB_FIELD_PRIVACY, "teacher", &error));
  g_assert_true (cb_store_set (b, source, CB_FIELD_PRIVACY, "teacher", &error));
  g_assert_no_error (error);
  pass_on (b, a, dir, "b.xml");
  shown = get (a, plan);
  g_assert_cmpstr (cb_record_get_privacy (shown), ==, "teacher");

  obs = cb_coplan_observe (a, plan, "2025-10-06", &error);
  g_assert_no_error (error);
  o = get (a, obs);
  g_assert_cmpstr (cb_record_get_privacy (o), ==, "private");
  rows = cb_store_children (a, "monitor", obs, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (cb_record_get_privacy (g_ptr_array_index (rows, 0)), ==, "private");

  item = cb_action_item_create (a, "Try a number talk", NULL, NULL, source, &error);
  g_assert_no_error (error);
  r = get (a, item);
  g_assert_cmpstr (cb_record_get_privacy (r), ==, "private");
  cb_test_rmtree (dir);
}

/* A sample's levels: the cycle's scale when its unit is a range of
 * whole levels, else low / middle / high; Left and Right step through
 * them from "no level". */
static void
test_work_levels (void)
{
  g_auto(GStrv) plain = cb_work_levels (NULL);
  g_auto(GStrv) percent = cb_work_levels ("%");
  g_auto(GStrv) rubric = cb_work_levels ("1–4");
  g_auto(GStrv) words = cb_work_levels ("levels 0 to 3");
  g_auto(GStrv) dashed = cb_work_levels ("rubric 1 - 5");
  g_auto(GStrv) too_many = cb_work_levels ("1-100");
  g_auto(GStrv) backwards = cb_work_levels ("4-1");
  const char * const *r = (const char * const *) rubric;
  g_autofree char *low = cb_work_level_label ("low");
  g_autofree char *three = cb_work_level_label ("3");
  g_autofree char *none = cb_work_level_label (NULL);

  g_assert_cmpstrv (plain, ((const char *[]) { "low", "middle", "high", NULL }));
  g_assert_cmpstrv (percent, ((const char *[]) { "low", "middle", "high", NULL }));
  g_assert_cmpstrv (rubric, ((const char *[]) { "1", "2", "3", "4", NULL }));
  g_assert_cmpstrv (words, ((const char *[]) { "0", "1", "2", "3", NULL }));
  g_assert_cmpstrv (dashed, ((const char *[]) { "1", "2", "3", "4", "5", NULL }));
  g_assert_cmpstrv (too_many, ((const char *[]) { "low", "middle", "high", NULL }));
  g_assert_cmpstrv (backwards, ((const char *[]) { "low", "middle", "high", NULL }));

  g_assert_cmpint (cb_work_level_index (r, "3"), ==, 2);
  g_assert_cmpint (cb_work_level_index (r, NULL), ==, -1);
  g_assert_cmpint (cb_work_level_index (r, "high"), ==, -1);
  g_assert_cmpstr (cb_work_level_step (r, NULL, 1), ==, "1");
  g_assert_cmpstr (cb_work_level_step (r, "1", 1), ==, "2");
  g_assert_cmpstr (cb_work_level_step (r, "4", 1), ==, "4");
  g_assert_null (cb_work_level_step (r, "1", -1));
  g_assert_null (cb_work_level_step (r, NULL, -1));
  /* a level from another scale starts again from "no level" */
  g_assert_cmpstr (cb_work_level_step (r, "high", 1), ==, "1");

  g_assert_cmpstr (low, ==, "Low");
  g_assert_cmpstr (three, ==, "Level 3");
  g_assert_cmpstr (none, ==, "No level");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cycle/order", test_order);
  g_test_add_func ("/cycle/work-levels", test_work_levels);
  g_test_add_func ("/cycle/observe-keeps-order", test_observe_keeps_order);
  g_test_add_func ("/cycle/monitor-merge", test_monitor_merge);
  g_test_add_func ("/cycle/steps-join-cycle", test_steps_join_cycle);
  g_test_add_func ("/cycle/goal-logic", test_goal_logic);
  g_test_add_func ("/cycle/share-order", test_share_order);
  g_test_add_func ("/cycle/segments", test_segments);
  g_test_add_func ("/cycle/agenda-edits", test_agenda_edits);
  g_test_add_func ("/cycle/action-filters", test_action_filters);
  g_test_add_func ("/cycle/month-grid", test_month_grid);
  g_test_add_func ("/cycle/delivered-bars", test_delivered_bars);
  g_test_add_func ("/cycle/look-for-colors", test_look_for_colors);
  g_test_add_func ("/cycle/coplan-observe", test_coplan_observe);
  g_test_add_func ("/cycle/coaching-day", test_coaching_day);
  g_test_add_func ("/cycle/visit-log-step", test_visit_log_step);
  g_test_add_func ("/cycle/visit-count-minutes", test_visit_count_minutes);
  g_test_add_func ("/cycle/coaching-day-atomic", test_coaching_day_atomic);
  g_test_add_func ("/cycle/coaching-day-engagement", test_coaching_day_engagement);
  g_test_add_func ("/cycle/engagement-guess", test_engagement_guess);
  g_test_add_func ("/cycle/duplicate-session", test_duplicate_session);
  g_test_add_func ("/cycle/action-item-create", test_action_item_create);
  g_test_add_func ("/cycle/private-under-conflict", test_private_under_conflict);

  return g_test_run ();
}
