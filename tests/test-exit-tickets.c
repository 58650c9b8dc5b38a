/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exit tickets: the aggregates as pure functions (n, distribution,
 * mean, grouped open answers, the year by Guskey level), then the same
 * through the store: a ticket is written whole, anonymous or named,
 * and the CSV leaves out what the privacy rule keeps in. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-csv.h"
#include "cb-exit-tickets.h"
#include "cb-test-util.h"

static void
test_scale_stats (void)
{
  CbScaleStats s = { 0 }, t = { 0 };
  const gint64 scores[] = { 5, 4, 4, 3, 5, 0, 6, -1, 2 };
  g_autofree char *mean = NULL;

  g_assert_cmpfloat (cb_scale_stats_mean (&s), ==, 0);
  mean = cb_scale_stats_format_mean (&s);
  g_assert_cmpstr (mean, ==, "");
  g_clear_pointer (&mean, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    cb_scale_stats_add (&s, scores[i]);
  /* 0, 6 and -1 are no answers */
  g_assert_cmpuint (s.n, ==, 6);
  g_assert_cmpuint (s.counts[0], ==, 0);
  g_assert_cmpuint (s.counts[1], ==, 1);
  g_assert_cmpuint (s.counts[2], ==, 1);
  g_assert_cmpuint (s.counts[3], ==, 2);
  g_assert_cmpuint (s.counts[4], ==, 2);
  g_assert_cmpfloat_with_epsilon (cb_scale_stats_mean (&s), 23.0 / 6, 1e-9);
  mean = cb_scale_stats_format_mean (&s);
  g_assert_cmpstr (mean, ==, "3.8");

  cb_scale_stats_add (&t, 1);
  cb_scale_stats_merge (&t, &s);
  g_assert_cmpuint (t.n, ==, 7);
  g_assert_cmpuint (t.counts[0], ==, 1);
  g_assert_cmpfloat_with_epsilon (cb_scale_stats_mean (&t), 24.0 / 7, 1e-9);
}

static void
test_group_answers (void)
{
  const char *answers[] = {
    "Number talks", "Wait time", "  number talks!  ", "", NULL, "NUMBER   talks",
    "wait-time", "Exit slips", "¡Tiempo de espera!", "tiempo de ESPERA",
  };
  g_autoptr(GPtrArray) groups = cb_exit_group_answers (answers, G_N_ELEMENTS (answers));
  CbAnswerGroup *g;

  g_assert_cmpuint (groups->len, ==, 4);
  g = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (g->text, ==, "Number talks");
  g_assert_cmpuint (g->count, ==, 3);
  /* ties keep the order first typed */
  g = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (g->text, ==, "Wait time");
  g_assert_cmpuint (g->count, ==, 2);
  g = g_ptr_array_index (groups, 2);
  g_assert_cmpstr (g->text, ==, "¡Tiempo de espera!");
  g_assert_cmpuint (g->count, ==, 2);
  g = g_ptr_array_index (groups, 3);
  g_assert_cmpstr (g->text, ==, "Exit slips");
  g_assert_cmpuint (g->count, ==, 1);
}

static void
test_summary_build (void)
{
  const CbExitQuestionIn questions[] = {
    { "q1", "Good use of time", "scale", "reaction" },
    { "q2", "One idea", "free_text", "learning" },
    { "q3", "Will use it", "scale", "use" },
  };
  const char *tickets[] = { "t1", "t2", "t3", "t3" };
  const CbExitAnswerIn answers[] = {
    { "t1", "q1", 5, NULL }, { "t1", "q2", 0, "Talk moves" }, { "t1", "q3", 4, NULL },
    { "t2", "q1", 3, NULL }, { "t2", "q2", 0, "" },
    { "t3", "q1", 4, NULL }, { "t3", "q3", 2, NULL }, { "t3", "q2", 0, "Wait time" },
    /* a ticket or a question not given is not counted */
    { "t9", "q1", 1, NULL }, { "t1", "q9", 1, NULL },
  };
  g_autoptr(CbExitSummary) s = cb_exit_summary_build (questions, 3, tickets, 4, answers, G_N_ELEMENTS (answers));
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  CbScaleStats levels[CB_GUSKEY_N_LEVELS];
  CbExitItem *item;

  g_assert_cmpuint (s->n_tickets, ==, 3);
  g_assert_cmpuint (s->items->len, ==, 3);
  item = g_ptr_array_index (s->items, 0);
  g_assert_cmpstr (item->prompt, ==, "Good use of time");
  g_assert_cmpuint (item->stats.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (cb_scale_stats_mean (&item->stats), 4.0, 1e-9);
  item = g_ptr_array_index (s->items, 1);
  g_assert_cmpuint (item->stats.n, ==, 0);
  g_assert_cmpuint (item->answers->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (item->answers, 0), ==, "Talk moves");
  item = g_ptr_array_index (s->items, 2);
  g_assert_cmpuint (item->stats.n, ==, 2);
  g_assert_cmpuint (item->stats.counts[1], ==, 1);
  g_assert_cmpuint (item->stats.counts[3], ==, 1);

  g_ptr_array_add (all, s);
  g_ptr_array_add (all, s);
  cb_exit_levels_combine (all, levels);
  g_assert_cmpuint (levels[CB_GUSKEY_REACTION].n, ==, 6);
  g_assert_cmpuint (levels[CB_GUSKEY_LEARNING].n, ==, 0);
  g_assert_cmpuint (levels[CB_GUSKEY_USE].n, ==, 4);
  g_assert_cmpfloat_with_epsilon (cb_scale_stats_mean (&levels[CB_GUSKEY_USE]), 3.0, 1e-9);
  g_assert_cmpint (cb_guskey_level_from_string ("use"), ==, CB_GUSKEY_USE);
  g_assert_cmpint (cb_guskey_level_from_string ("nope"), ==, -1);
}

static char *
csv_of (CbStore   *store,
        CbCsvKind  kind)
{
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_csv_write (store, kind, CB_CSV_FLAGS_NONE, mem, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (mem, "", 1, NULL, NULL, NULL));
  g_output_stream_close (mem, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (mem));
}

static void
test_store (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "db", NULL);
  g_autoptr(CbStore) store = cb_test_open_store (path, "Test");
  g_autoptr(GError) error = NULL;
  g_autofree char *session = cb_test_create (store, "pd_session", "title", "Number talks day", "date", "2026-10-02", NULL);
  g_autofree char *secret = cb_test_create (store, "pd_session", "title", "Secret day", "privacy", "private", NULL);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Ruiz", NULL);
  g_autofree char *hidden = cb_test_create (store, "person", "name", "Hidden Person", "privacy", "private", NULL);
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(CbExitSummary) summary = NULL;
  g_autofree char *answers_csv = NULL;
  g_autofree char *summary_csv = NULL;
  guint n;

  g_assert_true (cb_exit_add_template (store, session, &error));
  g_assert_no_error (error);
  g_assert_true (cb_exit_add_template (store, secret, &error));
  questions = cb_store_children (store, "exit_question", session, &error);
  cb_exit_template (&n);
  g_assert_cmpuint (questions->len, ==, n);

  for (guint t = 0; t < 25; t++)
    {
      const char *ids[6], *values[6];
      char score[2][4];
      g_autofree char *ticket = NULL;
      g_autofree char *idea = g_strdup_printf ("Idea %u", t % 3);

      g_snprintf (score[0], 4, "%u", 1 + t % 5);
      g_snprintf (score[1], 4, "%u", 5 - t % 2);
      for (guint i = 0; i < 6; i++)
        {
          CbRecord *q = g_ptr_array_index (questions, i);
          ids[i] = cb_record_get_uuid (q);
          values[i] = g_strcmp0 (cb_record_get (q, "type"), "free_text") == 0 ? idea
                      : i == 0 ? score[0] : score[1];
        }
      ticket = cb_exit_add_ticket (store, session, t == 0 ? ana : t == 1 ? hidden : NULL,
                                   ids, values, 6, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ticket);
    }
  {
    /* a private session's ticket never leaves */
    g_autoptr(GPtrArray) sq = cb_store_children (store, "exit_question", secret, NULL);
    const char *ids[] = { cb_record_get_uuid (g_ptr_array_index (sq, 3)) };
    const char *values[] = { "Secret idea" };
    g_autofree char *ticket = cb_exit_add_ticket (store, secret, NULL, ids, values, 1, &error);
    g_assert_nonnull (ticket);
  }
  {
    /* a bad score writes nothing of the ticket */
    const char *ids[] = { cb_record_get_uuid (g_ptr_array_index (questions, 3)),
                          cb_record_get_uuid (g_ptr_array_index (questions, 0)) };
    const char *values[] = { "Half a ticket", "five" };
    g_autofree char *ticket = cb_exit_add_ticket (store, session, NULL, ids, values, 2, &error);
    g_assert_null (ticket);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  summary = cb_exit_summary_load (store, session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_tickets, ==, 25);
  {
    CbExitItem *first = g_ptr_array_index (summary->items, 0);
    CbExitItem *idea = g_ptr_array_index (summary->items, 3);
    g_assert_cmpuint (first->stats.n, ==, 25);
    for (guint c = 0; c < 5; c++)
      g_assert_cmpuint (first->stats.counts[c], ==, 5);
    g_assert_cmpfloat_with_epsilon (cb_scale_stats_mean (&first->stats), 3.0, 1e-9);
    g_assert_cmpuint (idea->answers->len, ==, 25);
  }

  answers_csv = csv_of (store, CB_CSV_EXIT_TICKET);
  summary_csv = csv_of (store, CB_CSV_EXIT_SUMMARY);
  g_assert_nonnull (strstr (answers_csv, "Ana Ruiz"));
  g_assert_nonnull (strstr (answers_csv, "Anonymous"));
  g_assert_null (strstr (answers_csv, "Hidden Person"));
  g_assert_null (strstr (answers_csv, "Secret"));
  g_assert_null (strstr (answers_csv, "Half a ticket"));
  g_assert_null (strstr (summary_csv, "Secret"));
  /* 25 tickets × 6 answers and a header */
  n = 0;
  for (const char *p = answers_csv; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  g_assert_cmpuint (n, ==, 1 + 25 * 6);
  g_assert_nonnull (strstr (summary_csv, "Number talks day,2026-10-02,25,The session was a good use of my time.,"
                                         "Reaction,Scale of 1 to 5,25,5,5,5,5,5,3.0\r\n"));
  cb_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/exit-tickets/scale-stats", test_scale_stats);
  g_test_add_func ("/exit-tickets/group-answers", test_group_answers);
  g_test_add_func ("/exit-tickets/summary-build", test_summary_build);
  g_test_add_func ("/exit-tickets/store-and-csv", test_store);
  return g_test_run ();
}
