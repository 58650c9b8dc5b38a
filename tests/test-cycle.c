/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coaching cycles in core: the look-for trend, a cycle read whole (its
 * points, steps and reflection), the teacher's open cycle, the
 * spreadsheet row and what leaves the laptop (exchange file, CSV). */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-csv.h"
#include "cb-cycle.h"
#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-privacy.h"
#include "cb-test-util.h"

#define LF1 "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980"
#define LF2 "1b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980"
#define LF3 "2b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980"

static GPtrArray *
tags_of (const char *first, ...)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  va_start (ap, first);
  for (const char *s = first; s != NULL; s = va_arg (ap, const char *))
    g_ptr_array_add (lines, g_strdup (s));
  va_end (ap);
  return lines;
}

static void
test_trend (void)
{
  g_autoptr(GPtrArray) obs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) trend = NULL;
  CbCycleTrend *t;

  g_ptr_array_add (obs, tags_of (LF1, LF1 " " LF1, "", NULL));
  g_ptr_array_add (obs, tags_of (LF3, NULL));
  g_ptr_array_add (obs, tags_of (LF1 " " LF3, NULL));
  trend = cb_cycle_trend (LF1 " " LF2, obs);

  g_assert_cmpuint (trend->len, ==, 3);
  t = g_ptr_array_index (trend, 0);
  g_assert_cmpstr (t->look_for, ==, LF1);
  g_assert_cmpuint (t->lines->len, ==, 3);
  /* a line tagged twice with one look-for counts once */
  g_assert_cmpuint (g_array_index (t->lines, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (t->lines, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (t->lines, guint, 2), ==, 1);
  g_assert_cmpuint (t->n_seen, ==, 2);
  t = g_ptr_array_index (trend, 1);
  g_assert_cmpstr (t->look_for, ==, LF2);
  g_assert_cmpuint (t->n_seen, ==, 0);
  t = g_ptr_array_index (trend, 2);
  g_assert_cmpstr (t->look_for, ==, LF3);
  g_assert_cmpuint (t->n_seen, ==, 2);

  g_clear_pointer (&trend, g_ptr_array_unref);
  trend = cb_cycle_trend (NULL, NULL);
  g_assert_cmpuint (trend->len, ==, 0);
}

typedef struct
{
  char    *dir;
  CbStore *store;
  char    *teacher;
  char    *look_for;
  char    *cycle;
  char    *obs1;
  char    *obs2;
  char    *coplan;
} Fixture;

/* The "must show" cycle: baseline 20 % and target 60 % over six weeks,
 * two observations and a co-plan linked, three data points. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *fw = NULL;
  g_autofree char *ev = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *line1 = NULL, *line2 = NULL, *line3 = NULL;
  const char *privacy = data;

  f->dir = cb_test_tmpdir ();
  path = g_build_filename (f->dir, "a.db", NULL);
  f->store = cb_test_open_store (path, "Coach A");
  f->teacher = cb_test_create (f->store, "person", "name", "Ana García", "role", "teacher", NULL);
  fw = cb_test_create (f->store, "framework", "name", "NCTM", NULL);
  f->look_for = cb_test_create (f->store, "look_for", "framework", fw, "name", "Pose purposeful questions", NULL);
  f->cycle = cb_test_create (f->store, "cycle",
                             "goal", "Students will explain their strategy on the exit ticket.",
                             "teachers", f->teacher,
                             "measure", "% of students who explain their strategy",
                             "unit", "%",
                             "baseline", "20", "baseline_date", "2025-10-01",
                             "target", "60", "target_date", "2025-11-12",
                             "look_fors", f->look_for,
                             "start_date", "2025-10-01", "end_date", "2025-11-12",
                             "status", "open",
                             "what_worked", "Asking “How do you know?” every time.",
                             "private_notes", "SECRETCYCLE",
                             CB_FIELD_PRIVACY, privacy ? privacy : "teacher", NULL);
  f->obs2 = cb_test_create (f->store, "observation", "lesson", "Second", "teacher", f->teacher,
                            "date", "2025-10-29", "cycle", f->cycle, NULL);
  f->obs1 = cb_test_create (f->store, "observation", "lesson", "First", "teacher", f->teacher,
                            "date", "2025-10-08", "cycle", f->cycle, NULL);
  f->coplan = cb_test_create (f->store, "coplan", "lesson", "Plan", "date", "2025-10-06",
                              "cycle", f->cycle, NULL);
  line1 = cb_test_create (f->store, "evidence", "observation", f->obs1, "offset", "10", "text", "Why?",
                          "tags", f->look_for, NULL);
  line2 = cb_test_create (f->store, "evidence", "observation", f->obs2, "offset", "10", "text", "How?",
                          "tags", f->look_for, NULL);
  line3 = cb_test_create (f->store, "evidence", "observation", f->obs2, "offset", "20", "text", "Tell me more",
                          "tags", f->look_for, NULL);
  c = cb_test_create (f->store, "data_point", "cycle", f->cycle, "date", "2025-10-29", "value", "45",
                      "note", "Exit ticket 3", NULL);
  a = cb_test_create (f->store, "data_point", "cycle", f->cycle, "date", "2025-10-08", "value", "25",
                      "note", "Exit ticket 1", NULL);
  b = cb_test_create (f->store, "data_point", "cycle", f->cycle, "date", "2025-10-15", "value", "35", NULL);
  ev = cb_test_create (f->store, "action_item", "text", "Try the sentence frame", "due", "2025-10-20",
                       "cycle", f->cycle, CB_FIELD_PRIVACY, "private", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cb_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->teacher);
  g_free (f->look_for);
  g_free (f->cycle);
  g_free (f->obs1);
  g_free (f->obs2);
  g_free (f->coplan);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCycle) cycle = cb_cycle_load (f->store, f->cycle, NULL, &error);
  g_autofree char *progress = NULL;
  const CbCyclePoint *p;
  const CbCycleStep *s;
  CbCycleTrend *t;
  double lo, hi;

  g_assert_no_error (error);
  g_assert_nonnull (cycle);
  g_assert_cmpstr (cycle->goal, ==, "Students will explain their strategy on the exit ticket.");

  /* baseline, the points by date, target */
  g_assert_cmpuint (cycle->points->len, ==, 5);
  p = g_ptr_array_index (cycle->points, 0);
  g_assert_cmpint (p->kind, ==, CB_CYCLE_POINT_BASELINE);
  g_assert_cmpfloat (p->value, ==, 20);
  p = g_ptr_array_index (cycle->points, 1);
  g_assert_cmpint (p->kind, ==, CB_CYCLE_POINT_DATA);
  g_assert_cmpstr (p->date, ==, "2025-10-08");
  g_assert_cmpstr (p->note, ==, "Exit ticket 1");
  p = g_ptr_array_index (cycle->points, 4);
  g_assert_cmpint (p->kind, ==, CB_CYCLE_POINT_TARGET);
  g_assert_cmpfloat (p->value, ==, 60);
  p = cb_cycle_latest (cycle);
  g_assert_cmpfloat (p->value, ==, 45);
  g_assert_true (cb_cycle_range (cycle, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 100);
  progress = cb_cycle_progress_text (cycle);
  g_assert_cmpstr (progress, ==, "Baseline 20 % · Latest 45 % (2025-10-29) · Target 60 % by 2025-11-12");

  /* steps in time order: co-plan, first observation, action, second */
  g_assert_cmpuint (cycle->steps->len, ==, 4);
  s = g_ptr_array_index (cycle->steps, 0);
  g_assert_cmpstr (s->uuid, ==, f->coplan);
  s = g_ptr_array_index (cycle->steps, 1);
  g_assert_cmpstr (s->uuid, ==, f->obs1);
  s = g_ptr_array_index (cycle->steps, 2);
  g_assert_cmpstr (s->kind, ==, "action_item");
  s = g_ptr_array_index (cycle->steps, 3);
  g_assert_cmpstr (s->uuid, ==, f->obs2);

  /* the look-for trend over the two observations */
  g_assert_cmpuint (cycle->n_observations, ==, 2);
  g_assert_cmpuint (cycle->trend->len, ==, 1);
  t = g_ptr_array_index (cycle->trend, 0);
  g_assert_cmpstr (t->name, ==, "Pose purposeful questions");
  g_assert_cmpuint (g_array_index (t->lines, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (t->lines, guint, 1), ==, 2);
  g_assert_cmpuint (t->n_seen, ==, 2);
  g_assert_cmpstr (cycle->what_worked, ==, "Asking “How do you know?” every time.");

  /* not a cycle */
  g_assert_null (cb_cycle_load (f->store, f->obs1, NULL, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
}

/* With the privacy rule, private steps stay out. */
static void
test_load_shared (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbPrivacy) privacy = cb_privacy_new (f->store, &error);
  g_autoptr(CbCycle) cycle = NULL;

  g_assert_no_error (error);
  cycle = cb_cycle_load (f->store, f->cycle, privacy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cycle->steps->len, ==, 3);
  for (guint i = 0; i < cycle->steps->len; i++)
    g_assert_cmpstr (((CbCycleStep *) g_ptr_array_index (cycle->steps, i))->kind, !=, "action_item");
  g_assert_cmpint (cb_privacy_teacher_sharing (privacy, f->cycle, &error), ==, CB_SHARING_TEACHER);
  g_assert_no_error (error);
  g_assert_true (cb_store_set (f->store, f->cycle, CB_FIELD_PRIVACY, "team", &error));
  g_clear_pointer (&privacy, cb_privacy_free);
  privacy = cb_privacy_new (f->store, &error);
  g_assert_cmpint (cb_privacy_teacher_sharing (privacy, f->cycle, &error), ==, CB_SHARING_NOT_SHARED);
  g_assert_no_error (error);
}

static void
test_open_for_teacher (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *later = NULL;
  g_autofree char *other = cb_test_create (f->store, "person", "name", "Luis Pérez", NULL);

  found = cb_cycle_open_for_teacher (f->store, f->teacher, "2025-10-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, f->cycle);
  g_clear_pointer (&found, g_free);

  /* a later open cycle: the one whose dates hold the day wins */
  later = cb_test_create (f->store, "cycle", "goal", "Later", "teachers", f->teacher,
                          "start_date", "2026-01-10", "end_date", "2026-02-20", NULL);
  found = cb_cycle_open_for_teacher (f->store, f->teacher, "2025-10-20", &error);
  g_assert_cmpstr (found, ==, f->cycle);
  g_clear_pointer (&found, g_free);
  found = cb_cycle_open_for_teacher (f->store, f->teacher, "2026-01-15", &error);
  g_assert_cmpstr (found, ==, later);
  g_clear_pointer (&found, g_free);

  /* a closed cycle is not picked */
  g_assert_true (cb_store_set (f->store, later, "status", "met", &error));
  found = cb_cycle_open_for_teacher (f->store, f->teacher, "2026-01-15", &error);
  g_assert_cmpstr (found, ==, f->cycle);
  g_clear_pointer (&found, g_free);

  found = cb_cycle_open_for_teacher (f->store, other, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static char *
csv_of (CbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean ok = cb_csv_write (store, CB_CSV_CYCLE, CB_CSV_FLAGS_NONE, out, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = csv_of (f->store);
  g_autofree char *row = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_str_has_prefix (csv, "Student goal,Teachers,School,Measure,Unit,Start date,End date,Status,"
                                         "Baseline,Baseline date,Target,Target date,Latest value,Latest date,"
                                         "Data points,Cycle ID\r\n"));
  row = g_strdup_printf ("Students will explain their strategy on the exit ticket.,Ana García,,"
                         "%% of students who explain their strategy,%%,2025-10-01,2025-11-12,Open,"
                         "20,2025-10-01,60,2025-11-12,45,2025-10-29,3,%s\r\n", f->cycle);
  g_assert_nonnull (strstr (csv, row));
  g_assert_null (strstr (csv, "SECRETCYCLE"));

  /* a private data point does not count, nor does it make the latest */
  secret = cb_test_create (f->store, "data_point", "cycle", f->cycle, "date", "2025-11-01", "value", "99",
                           CB_FIELD_PRIVACY, "private", NULL);
  after = csv_of (f->store);
  g_assert_nonnull (strstr (after, row));

  /* a private cycle does not leave */
  g_assert_true (cb_store_set (f->store, f->cycle, CB_FIELD_PRIVACY, "private", &error));
  g_clear_pointer (&after, g_free);
  after = csv_of (f->store);
  g_assert_null (strstr (after, f->cycle));
}

/* The cycle, its data points and its links travel; private fields and
 * private records stay. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "x.coachbook", NULL);
  g_autofree char *path = g_build_filename (f->dir, "b.db", NULL);
  g_autoptr(CbStore) b = cb_test_open_store (path, "Coach B");
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(CbCycle) there = NULL;
  g_autoptr(CbRecord) cycle = NULL;

  cb_test_exchange (f->store, b, file);
  cycle = cb_store_get (b, f->cycle, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (cycle, "baseline"), ==, "20");
  g_assert_cmpstr (cb_record_get (cycle, "private_notes"), ==, "");
  obs = cb_store_get (b, f->obs1, &error);
  g_assert_cmpstr (cb_record_get (obs, "cycle"), ==, f->cycle);
  there = cb_cycle_load (b, f->cycle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (there->points->len, ==, 5);
  /* the private action item stayed */
  g_assert_cmpuint (there->steps->len, ==, 3);
}

/* A private cycle takes its data points with it: none leaves. */
static void
test_exchange_private (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "x.coachbook", NULL);
  g_autofree char *path = g_build_filename (f->dir, "b.db", NULL);
  g_autoptr(CbStore) b = cb_test_open_store (path, "Coach B");
  CbFilter filter = { .kind = "data_point" };
  g_autoptr(CbRecord) cycle = NULL;

  cb_test_exchange (f->store, b, file);
  cycle = cb_store_get (b, f->cycle, NULL);
  g_assert_null (cycle);
  g_assert_cmpuint (cb_store_count (b, &filter), ==, 0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cycle/trend", test_trend);
  g_test_add ("/cycle/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/cycle/load-shared", Fixture, NULL, fixture_set_up, test_load_shared, fixture_tear_down);
  g_test_add ("/cycle/open-for-teacher", Fixture, NULL, fixture_set_up, test_open_for_teacher, fixture_tear_down);
  g_test_add ("/cycle/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/cycle/exchange", Fixture, NULL, fixture_set_up, test_exchange, fixture_tear_down);
  g_test_add ("/cycle/exchange-private", Fixture, "private", fixture_set_up, test_exchange_private,
              fixture_tear_down);
  return g_test_run ();
}
