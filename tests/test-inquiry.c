/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Team inquiry (PDSA) cycles: the run chart's pure logic (points across
 * a chain in date order, the median, the boundaries between cycles, the
 * cycle shown), a cycle read whole with its chain and meetings, the
 * next cycle of a chain, the spreadsheet, and what leaves the laptop. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-csv.h"
#include "cb-exchange-test-util.h"
#include "cb-inquiry-logic.h"
#include "cb-inquiry.h"
#include "cb-privacy.h"
#include "cb-test-util.h"

static CbInquiryPoint *
point (const char *date,
       double      value,
       guint       cycle)
{
  CbInquiryPoint *p = g_new0 (CbInquiryPoint, 1);

  p->date = g_strdup (date);
  p->value = value;
  p->cycle = cycle;
  return p;
}

static void
test_median (void)
{
  const double odd[] = { 40, 10, 30 };
  const double even[] = { 40, 10, 30, 20 };

  g_assert_cmpfloat (cb_inquiry_median (odd, 3), ==, 30);
  g_assert_cmpfloat (cb_inquiry_median (even, 4), ==, 25);
  g_assert_cmpfloat (cb_inquiry_median (odd, 1), ==, 40);
  g_assert_cmpfloat (cb_inquiry_median (NULL, 0), ==, 0);
}

static void
test_run_chart (void)
{
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_inquiry_point_free);
  g_autoptr(CbRunChart) chart = NULL;
  const CbRunPoint *p;

  /* three cycles, entered out of order */
  g_ptr_array_add (points, point ("2025-11-06", 50, 1));
  g_ptr_array_add (points, point ("2025-10-02", 20, 0));
  g_ptr_array_add (points, point ("2025-12-04", 70, 2));
  g_ptr_array_add (points, point ("2025-10-09", 30, 0));
  g_ptr_array_add (points, point ("2025-11-13", 40, 1));
  g_ptr_array_add (points, point ("2025-12-11", 60, 2));
  cb_inquiry_sort_points (points);
  g_assert_cmpstr (((CbInquiryPoint *) g_ptr_array_index (points, 0))->date, ==, "2025-10-02");
  g_assert_cmpstr (((CbInquiryPoint *) g_ptr_array_index (points, 5))->date, ==, "2025-12-11");

  chart = cb_run_chart_compute (points, 1, "%");
  g_assert_cmpuint (chart->points->len, ==, 6);
  /* evenly across, in date order, on a scale of 0 to 100 % */
  p = &g_array_index (chart->points, CbRunPoint, 0);
  g_assert_cmpfloat (p->x, ==, 0);
  g_assert_cmpfloat_with_epsilon (p->y, 0.2, 1e-9);
  g_assert_cmpuint (p->cycle, ==, 0);
  g_assert_false (p->current);
  p = &g_array_index (chart->points, CbRunPoint, 5);
  g_assert_cmpfloat (p->x, ==, 1);
  g_assert_cmpfloat (p->value, ==, 60);
  g_assert_cmpfloat (chart->low, ==, 0);
  g_assert_cmpfloat (chart->high, ==, 100);
  /* the median of all six: (40 + 50) / 2 */
  g_assert_cmpfloat (chart->median, ==, 45);
  g_assert_cmpfloat_with_epsilon (chart->median_y, 0.45, 1e-9);
  /* two boundaries, halfway between the cycles' neighbouring points */
  g_assert_cmpuint (chart->boundaries->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (chart->boundaries, double, 0), 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (chart->boundaries, double, 1), 0.7, 1e-9);
  /* the cycle shown (the second) spans its two points */
  g_assert_true (g_array_index (chart->points, CbRunPoint, 2).current);
  g_assert_true (g_array_index (chart->points, CbRunPoint, 3).current);
  g_assert_cmpfloat_with_epsilon (chart->current_from, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (chart->current_to, 0.6, 1e-9);
  g_clear_pointer (&chart, cb_run_chart_free);

  /* no unit: the scale ends at the highest value; one point is centred */
  g_ptr_array_set_size (points, 1);
  chart = cb_run_chart_compute (points, 0, "students");
  g_assert_cmpfloat (chart->high, ==, 20);
  g_assert_cmpfloat (g_array_index (chart->points, CbRunPoint, 0).x, ==, 0.5);
  g_assert_cmpuint (chart->boundaries->len, ==, 0);
  g_clear_pointer (&chart, cb_run_chart_free);

  /* nothing to draw */
  g_ptr_array_set_size (points, 0);
  chart = cb_run_chart_compute (points, 0, NULL);
  g_assert_cmpuint (chart->points->len, ==, 0);
  g_assert_cmpfloat (chart->current_from, ==, -1);
}

typedef struct
{
  char    *dir;
  CbStore *store;
  char    *first, *second, *third;
  char    *meeting;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  f->dir = cb_test_tmpdir ();
  path = g_build_filename (f->dir, "a.db", NULL);
  f->store = cb_test_open_store (path, "Coach A");
  f->first = cb_test_create (f->store, "inquiry_cycle",
                             "change_idea", "Sentence frames on the exit ticket",
                             "team", "Grade 7 math PLC",
                             "aim", "By May, 70% of students justify their answer.",
                             "measure", "% of students who justify",
                             "unit", "%",
                             "predictions", "Half of the students will justify.",
                             "data_what", "The Thursday exit ticket",
                             "start_date", "2025-10-01",
                             "study", "Fewer than predicted.",
                             "act", "adapt",
                             "private_notes", "SECRETINQUIRY",
                             NULL);
  a = cb_test_create (f->store, "inquiry_point", "inquiry", f->first, "date", "2025-10-09", "value", "30", NULL);
  b = cb_test_create (f->store, "inquiry_point", "inquiry", f->first, "date", "2025-10-02", "value", "20", NULL);
  f->second = cb_inquiry_start_next (f->store, f->first, "2025-11-03", &error);
  g_assert_no_error (error);
  c = cb_test_create (f->store, "inquiry_point", "inquiry", f->second, "date", "2025-11-06", "value", "50", NULL);
  d = cb_test_create (f->store, "inquiry_point", "inquiry", f->second, "date", "2025-11-13", "value", "40", NULL);
  f->third = cb_inquiry_start_next (f->store, f->second, "2025-12-01", &error);
  g_assert_no_error (error);
  f->meeting = cb_test_create (f->store, "coaching_log", "summary", "PLC: study the tickets", "date", "2025-11-17",
                               "mode", "group", "inquiry", f->second, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cb_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->first);
  g_free (f->second);
  g_free (f->third);
  g_free (f->meeting);
}

static void
test_start_next (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRecord) next = cb_store_get (f->store, f->second, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (next, "previous"), ==, f->first);
  g_assert_cmpstr (cb_record_get (next, "team"), ==, "Grade 7 math PLC");
  g_assert_cmpstr (cb_record_get (next, "aim"), ==, "By May, 70% of students justify their answer.");
  g_assert_cmpstr (cb_record_get (next, "measure"), ==, "% of students who justify");
  g_assert_cmpstr (cb_record_get (next, "unit"), ==, "%");
  g_assert_cmpstr (cb_record_get (next, "data_what"), ==, "The Thursday exit ticket");
  g_assert_cmpstr (cb_record_get (next, "start_date"), ==, "2025-11-03");
  g_assert_cmpstr (cb_record_get (next, "status"), ==, "open");
  /* what the team learns is its own to each cycle */
  g_assert_cmpstr (cb_record_get (next, "change_idea"), ==, "");
  g_assert_cmpstr (cb_record_get (next, "predictions"), ==, "");
  g_assert_cmpstr (cb_record_get (next, "act"), ==, "");
  g_assert_cmpstr (cb_record_get (next, "private_notes"), ==, "");

  g_assert_null (cb_inquiry_start_next (f->store, f->meeting, NULL, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbInquiry) inquiry = cb_inquiry_load (f->store, f->second, NULL, &error);
  g_autoptr(CbRunChart) chart = NULL;
  CbInquiryPoint *p;

  g_assert_no_error (error);
  /* the whole chain, whichever cycle is read */
  g_assert_cmpuint (inquiry->chain->len, ==, 3);
  g_assert_cmpuint (inquiry->current, ==, 1);
  g_assert_cmpstr (((CbInquiryLink *) g_ptr_array_index (inquiry->chain, 0))->uuid, ==, f->first);
  g_assert_cmpstr (((CbInquiryLink *) g_ptr_array_index (inquiry->chain, 2))->uuid, ==, f->third);
  /* every point of the chain, in date order */
  g_assert_cmpuint (inquiry->points->len, ==, 4);
  p = g_ptr_array_index (inquiry->points, 0);
  g_assert_cmpstr (p->date, ==, "2025-10-02");
  g_assert_cmpuint (p->cycle, ==, 0);
  p = g_ptr_array_index (inquiry->points, 3);
  g_assert_cmpstr (p->date, ==, "2025-11-13");
  g_assert_cmpuint (p->cycle, ==, 1);
  g_assert_cmpuint (cb_inquiry_count_points (inquiry, 1), ==, 2);
  g_assert_cmpfloat (cb_inquiry_latest (inquiry, 1)->value, ==, 40);
  g_assert_null (cb_inquiry_latest (inquiry, 2));
  /* the team's meetings */
  g_assert_cmpuint (inquiry->meetings->len, ==, 1);
  g_assert_cmpstr (((CbInquiryMeeting *) g_ptr_array_index (inquiry->meetings, 0))->uuid, ==, f->meeting);

  chart = cb_run_chart_compute (inquiry->points, inquiry->current, inquiry->unit);
  g_assert_cmpfloat (chart->median, ==, 35);
  g_assert_cmpuint (chart->boundaries->len, ==, 1);

  /* read from the last, the chain is the same */
  g_clear_pointer (&inquiry, cb_inquiry_free);
  inquiry = cb_inquiry_load (f->store, f->third, NULL, &error);
  g_assert_cmpuint (inquiry->chain->len, ==, 3);
  g_assert_cmpuint (inquiry->current, ==, 2);

  /* a loop in the links ends the chain */
  g_assert_true (cb_store_set (f->store, f->first, "previous", f->third, &error));
  g_clear_pointer (&inquiry, cb_inquiry_free);
  inquiry = cb_inquiry_load (f->store, f->second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inquiry->chain->len, ==, 3);
}

static char *
csv_of (CbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean ok = cb_csv_write (store, CB_CSV_INQUIRY, CB_CSV_FLAGS_NONE, out, NULL, &error);

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
  g_autofree char *after = NULL;

  g_assert_true (g_str_has_prefix (csv, "Team,School,Change idea,Aim statement or problem of practice,Measure,Unit,"
                                         "Start date,End date,Status,Decision,Cycle in chain,Previous cycle ID,"
                                         "Latest value,Latest date,Data points,Cycle ID\r\n"));
  row = g_strdup_printf (",2,%s,40,2025-11-13,2,%s\r\n", f->first, f->second);
  g_assert_nonnull (strstr (csv, row));
  g_assert_nonnull (strstr (csv, "Adapt,1,,30,2025-10-09,2,"));
  g_assert_null (strstr (csv, "SECRETINQUIRY"));

  /* a private first cycle leaves nothing, and the chain counts from the next */
  g_assert_true (cb_store_set (f->store, f->first, CB_FIELD_PRIVACY, "private", &error));
  after = csv_of (f->store);
  g_assert_null (strstr (after, f->first));
  g_clear_pointer (&row, g_free);
  row = g_strdup_printf (",1,,40,2025-11-13,2,%s\r\n", f->second);
  g_assert_nonnull (strstr (after, row));
}

/* The chain, its points and its meetings travel; the private notes and
 * a private cycle's points stay. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "x.coachbook", NULL);
  g_autofree char *path = g_build_filename (f->dir, "b.db", NULL);
  g_autoptr(CbStore) b = cb_test_open_store (path, "Coach B");
  g_autoptr(CbInquiry) there = NULL;
  g_autoptr(CbRecord) first = NULL;
  g_autofree char *secret = cb_test_create (f->store, "inquiry_point", "inquiry", f->third, "date", "2025-12-04",
                                            "value", "99", CB_FIELD_PRIVACY, "private", NULL);

  cb_test_exchange (f->store, b, file);
  first = cb_store_get (b, f->first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (first, "private_notes"), ==, "");
  g_assert_cmpstr (cb_record_get (first, "act"), ==, "adapt");
  there = cb_inquiry_load (b, f->third, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (there->chain->len, ==, 3);
  g_assert_cmpuint (there->points->len, ==, 4);
  g_assert_null (cb_store_get (b, secret, NULL));
  g_clear_pointer (&there, cb_inquiry_free);
  there = cb_inquiry_load (b, f->second, NULL, &error);
  g_assert_cmpuint (there->meetings->len, ==, 1);
}

/* Search finds a cycle by its plan, and its data point's note. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cb_store_search (f->store, "frames", NULL, 10, &error);
  g_autofree char *point = cb_test_create (f->store, "inquiry_point", "inquiry", f->third, "date", "2025-12-04",
                                           "value", "60", "note", "Fourth week ticket", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CbSearchHit *) g_ptr_array_index (hits, 0))->uuid, ==, f->first);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cb_store_search (f->store, "justify", "inquiry_cycle", 10, &error);
  /* the aim carried over to all three */
  g_assert_cmpuint (hits->len, ==, 3);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cb_store_search (f->store, "fourth", NULL, 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CbSearchHit *) g_ptr_array_index (hits, 0))->uuid, ==, point);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/inquiry/median", test_median);
  g_test_add_func ("/inquiry/run-chart", test_run_chart);
  g_test_add ("/inquiry/start-next", Fixture, NULL, fixture_set_up, test_start_next, fixture_tear_down);
  g_test_add ("/inquiry/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/inquiry/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/inquiry/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/inquiry/exchange", Fixture, NULL, fixture_set_up, test_exchange, fixture_tear_down);
  return g_test_run ();
}
