/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Trends across the year: the months built from observations and
 * cycles, the store read for a teacher, a school and the whole
 * caseload, and the CSV, which counts nothing the privacy rule
 * withholds and prints no note's text. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-store-error.h"
#include "cb-trends.h"
#include "cb-test-util.h"

static const CbTrendMonth *
month (GArray     *months,
       const char *key)
{
  for (guint i = 0; i < months->len; i++)
    if (strcmp (g_array_index (months, CbTrendMonth, i).month, key) == 0)
      return &g_array_index (months, CbTrendMonth, i);
  return NULL;
}

static void
test_build (void)
{
  const CbTrendObservation obs[] = {
    { "2026-09-08", 2, 600, 200, 0, 0, 4, 1 },
    { "2026-09-22", 4, 0, 0, 900, 2700, 0, 0 },
    { "2026-11-03", 3, 300, 300, 0, 0, 0, 6 },
    { "", 9, 100, 100, 0, 0, 1, 1 },            /* no date: not counted */
    { "someday", 9, 100, 100, 0, 0, 1, 1 },     /* nor a date that is none */
  };
  const CbTrendCycle cycles[] = {
    { "2026-09-01", "2026-10-15", TRUE },
    { "2026-09-10", "2026-11-20", FALSE },
    { "2026-11-02", NULL, TRUE },              /* met, no end: its start's month */
  };
  g_autoptr(GArray) months = cb_trends_build (obs, G_N_ELEMENTS (obs), cycles, G_N_ELEMENTS (cycles));
  const CbTrendMonth *sep, *oct, *nov;

  /* October has nothing observed but is there, between the two */
  g_assert_cmpuint (months->len, ==, 3);
  sep = month (months, "2026-09");
  oct = month (months, "2026-10");
  nov = month (months, "2026-11");
  g_assert_nonnull (sep);
  g_assert_nonnull (oct);
  g_assert_nonnull (nov);
  g_assert_true (sep < oct && oct < nov);

  g_assert_cmpuint (sep->observations, ==, 2);
  g_assert_cmpuint (sep->look_fors_seen, ==, 6);
  g_assert_cmpfloat_with_epsilon (cb_trend_month_look_fors (sep), 3.0, 1e-9);
  g_assert_cmpuint (sep->timed, ==, 1);
  g_assert_cmpint (cb_trend_month_timer_percent (sep), ==, 75);
  g_assert_cmpuint (sep->estimated, ==, 1);
  g_assert_cmpint (cb_trend_month_estimate_percent (sep), ==, 33);
  g_assert_cmpuint (sep->questioned, ==, 1);
  g_assert_cmpint (sep->funneling, ==, 4);
  g_assert_cmpint (sep->focusing, ==, 1);
  g_assert_cmpuint (sep->cycles_opened, ==, 2);
  g_assert_cmpuint (sep->goals_met, ==, 0);

  g_assert_cmpuint (oct->observations, ==, 0);
  g_assert_cmpfloat (cb_trend_month_look_fors (oct), <, 0);
  g_assert_cmpint (cb_trend_month_timer_percent (oct), ==, -1);
  g_assert_cmpint (cb_trend_month_estimate_percent (oct), ==, -1);
  g_assert_cmpuint (oct->goals_met, ==, 1);

  g_assert_cmpuint (nov->observations, ==, 1);
  g_assert_cmpint (cb_trend_month_timer_percent (nov), ==, 50);
  g_assert_cmpint (nov->focusing, ==, 6);
  g_assert_cmpuint (nov->cycles_opened, ==, 1);
  g_assert_cmpuint (nov->goals_met, ==, 1);
}

static void
test_build_far_apart (void)
{
  const CbTrendObservation obs[] = {
    { "1990-01-10", 1, 0, 0, 0, 0, 0, 0 },
    { "2026-09-10", 1, 0, 0, 0, 0, 0, 0 },
  };
  g_autoptr(GArray) months = cb_trends_build (obs, G_N_ELEMENTS (obs), NULL, 0);
  g_autoptr(GArray) none = cb_trends_build (NULL, 0, NULL, 0);

  /* decades apart: the two months alone, not four hundred empty ones */
  g_assert_cmpuint (months->len, ==, 2);
  g_assert_cmpuint (none->len, ==, 0);
}

typedef struct
{
  char     *dir;
  CbStore  *store;
  char     *school_a, *school_b;
  char     *ana, *luis, *marta;
  char     *look_for1, *look_for2, *look_for3;
} Fixture;

static char *
observe (Fixture    *f,
         const char *teacher,
         const char *school,
         const char *date,
         const char *privacy)
{
  return cb_test_create (f->store, "observation", "lesson", "Ratios", "teacher", teacher,
                         "school", school, "date", date, "privacy", privacy, NULL);
}

static void
line (Fixture    *f,
      const char *observation,
      const char *tags,
      const char *text,
      const char *privacy)
{
  g_free (cb_test_create (f->store, "evidence", "observation", observation, "offset", "60",
                          "type", "note", "text", text, "tags", tags, "privacy", privacy, NULL));
}

static void
tally (Fixture    *f,
       const char *observation,
       const char *name,
       const char *count,
       const char *seconds)
{
  g_free (cb_test_create (f->store, "tally", "observation", observation, "name", name,
                          "count", count, "seconds", seconds, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *both = NULL;
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *secret = NULL;

  f->dir = cb_test_tmpdir ();
  path = g_build_filename (f->dir, "coachbook.db", NULL);
  f->store = cb_test_open_store (path, "Coach");
  f->school_a = cb_test_create (f->store, "school", "name", "Adams Middle", NULL);
  f->school_b = cb_test_create (f->store, "school", "name", "Baker Elementary", NULL);
  f->ana = cb_test_create (f->store, "person", "name", "Ana García", "role", "teacher", "school", f->school_a, NULL);
  f->luis = cb_test_create (f->store, "person", "name", "Luis Pérez", "role", "teacher", "school", f->school_b, NULL);
  f->marta = cb_test_create (f->store, "person", "name", "Marta Ruiz", "role", "teacher", "school", f->school_a, NULL);
  f->look_for1 = cb_test_create (f->store, "look_for", "name", "Students explain", NULL);
  f->look_for2 = cb_test_create (f->store, "look_for", "name", "Purposeful questions", NULL);
  f->look_for3 = cb_test_create (f->store, "look_for", "name", "Productive struggle", NULL);
  both = g_strdup_printf ("%s %s", f->look_for1, f->look_for2);

  /* Ana, at Adams (by her own school: the observation names none) */
  o1 = observe (f, f->ana, "", "2026-09-10", "team");
  line (f, o1, both, "Both seen", "team");
  line (f, o1, f->look_for1, "Seen again: still one look-for", "team");
  tally (f, o1, "teacher_talk", "0", "1200");
  tally (f, o1, "student_talk", "0", "400");
  tally (f, o1, "funneling", "5", "0");
  tally (f, o1, "focusing", "0", "0");
  /* a line the coach keeps private: counted here, never in what leaves */
  line (f, o1, f->look_for3, "PRIVATE-LINE-MARKER", "private");

  /* Luis at Baker, with an estimate from a recording */
  o2 = observe (f, f->luis, f->school_b, "2026-10-05", "teacher");
  line (f, o2, f->look_for2, "Purposeful", "team");
  g_assert_true (cb_store_set (f->store, o2, "talk_estimate",
                               "talk 1\n0 600 teacher 190\n600 1200 several\n", NULL));
  tally (f, o2, "focusing", "3", "0");

  /* Marta at Adams, private: the whole observation stays on the laptop */
  secret = observe (f, f->marta, f->school_a, "2026-10-20", "private");
  line (f, secret, both, "PRIVATE-OBSERVATION-MARKER", "team");
  tally (f, secret, "teacher_talk", "0", "999");
  tally (f, secret, "student_talk", "0", "1");

  /* a deleted observation is never counted */
  o3 = observe (f, f->ana, f->school_a, "2026-10-21", "team");
  g_assert_true (cb_store_delete (f->store, o3, NULL));

  g_free (cb_test_create (f->store, "cycle", "goal", "Students will explain", "teachers", f->ana,
                          "school", f->school_a, "start_date", "2026-09-01", "end_date", "2026-10-15",
                          "status", "met", NULL));
  g_free (cb_test_create (f->store, "cycle", "goal", "PRIVATE-CYCLE-MARKER", "teachers", f->marta,
                          "school", f->school_a, "start_date", "2026-10-01", "status", "met",
                          "privacy", "private", NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cb_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->school_a);
  g_free (f->school_b);
  g_free (f->ana);
  g_free (f->luis);
  g_free (f->marta);
  g_free (f->look_for1);
  g_free (f->look_for2);
  g_free (f->look_for3);
}

static void
test_load_scopes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = cb_trends_load (f->store, NULL, NULL, CB_TRENDS_FLAGS_NONE, &error);
  g_autoptr(GArray) ana = NULL, adams = NULL, baker = NULL;
  const CbTrendMonth *m;

  g_assert_no_error (error);
  /* the coach's own view counts the private records too */
  g_assert_cmpuint (all->len, ==, 2);
  m = month (all, "2026-09");
  g_assert_cmpuint (m->observations, ==, 1);
  g_assert_cmpuint (m->look_fors_seen, ==, 3);
  g_assert_cmpint (cb_trend_month_timer_percent (m), ==, 75);
  g_assert_cmpint (m->funneling, ==, 5);
  g_assert_cmpuint (m->cycles_opened, ==, 1);
  m = month (all, "2026-10");
  g_assert_cmpuint (m->observations, ==, 2);
  g_assert_cmpuint (m->look_fors_seen, ==, 3);
  g_assert_cmpuint (m->estimated, ==, 1);
  g_assert_cmpint (cb_trend_month_estimate_percent (m), ==, 50);
  g_assert_cmpuint (m->timed, ==, 1);
  g_assert_cmpuint (m->cycles_opened, ==, 1);
  g_assert_cmpuint (m->goals_met, ==, 2);

  ana = cb_trends_load (f->store, f->ana, NULL, CB_TRENDS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (month (ana, "2026-09")->observations, ==, 1);
  g_assert_cmpuint (month (ana, "2026-10")->observations, ==, 0);
  g_assert_cmpuint (month (ana, "2026-10")->goals_met, ==, 1);

  /* Adams: Ana's observation by her school, Marta's by its own */
  adams = cb_trends_load (f->store, NULL, f->school_a, CB_TRENDS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (month (adams, "2026-09")->observations, ==, 1);
  g_assert_cmpuint (month (adams, "2026-10")->observations, ==, 1);
  g_assert_cmpuint (month (adams, "2026-10")->estimated, ==, 0);

  /* a school that is none, a teacher that is a school: refused */
  g_assert_null (cb_trends_load (f->store, NULL, "nope", CB_TRENDS_FLAGS_NONE, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cb_trends_load (f->store, f->school_a, NULL, CB_TRENDS_FLAGS_NONE, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  baker = cb_trends_load (f->store, NULL, f->school_b, CB_TRENDS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (baker->len, ==, 1);
  g_assert_cmpuint (month (baker, "2026-10")->observations, ==, 1);
  g_assert_cmpuint (month (baker, "2026-10")->cycles_opened, ==, 0);
}

static char *
write_csv (Fixture    *f,
           const char *teacher,
           const char *school)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_trends_write_csv (f->store, teacher, school, CB_CSV_FLAGS_NONE, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_csv_privacy (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *all = write_csv (f, NULL, NULL);
  g_autofree char *adams = write_csv (f, NULL, f->school_a);
  g_auto(GStrv) rows = g_strsplit (all, "\r\n", -1);

  /* header, September, October, and the last line's end */
  g_assert_cmpuint (g_strv_length (rows), ==, 4);
  g_assert_true (g_str_has_prefix (rows[0], "Month,Observations,Look-fors seen,"));
  /* September: one observation, two look-fors (the private line's tag
   * is not counted), 75 % timed, five funneling questions, one cycle */
  g_assert_cmpstr (rows[1], ==, "2026-09,1,2,2.00,1,75,0,,1,5,0,1,0");
  /* October: Luis's alone — Marta's private observation, its tallies,
   * its lines and her private cycle are not counted */
  g_assert_cmpstr (rows[2], ==, "2026-10,1,1,1.00,0,,1,50,1,0,3,0,1");
  g_assert_cmpstr (rows[3], ==, "");

  /* no text of any record, private or not */
  for (const char *text = all; text != NULL; text = text == all ? adams : NULL)
    {
      g_assert_null (strstr (text, "MARKER"));
      g_assert_null (strstr (text, "Ratios"));
      g_assert_null (strstr (text, "Students will explain"));
      g_assert_null (strstr (text, "Marta"));
      g_assert_null (strstr (text, "Adams"));
    }
  /* Adams for a leader: Ana's September only, October empty */
  g_assert_nonnull (strstr (adams, "\r\n2026-09,1,2,2.00,1,75,0,,1,5,0,1,0\r\n"));
  g_assert_nonnull (strstr (adams, "\r\n2026-10,0,0,,0,,0,,0,,,0,1\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trends/build", test_build);
  g_test_add_func ("/trends/build-far-apart", test_build_far_apart);
  g_test_add ("/trends/load-scopes", Fixture, NULL, fixture_set_up, test_load_scopes, fixture_tear_down);
  g_test_add ("/trends/csv-privacy", Fixture, NULL, fixture_set_up, test_csv_privacy, fixture_tear_down);
  return g_test_run ();
}
