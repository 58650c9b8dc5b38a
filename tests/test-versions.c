/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cb-versions.h"

#define R1 "1111111111111111"
#define R2 "2222222222222222"

static void
test_vector (void)
{
  g_autoptr(CbVector) v = cb_vector_new ();
  g_autoptr(CbVector) w = NULL;
  g_autoptr(CbVector) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  cb_vector_set (v, R2, 5);
  cb_vector_set (v, R1, 3);
  cb_vector_set (v, R1, 2); /* never goes back */
  g_assert_cmpint (cb_vector_get (v, R1), ==, 3);
  g_assert_cmpint (cb_vector_get (v, "3333333333333333"), ==, 0);
  text = cb_vector_to_string (v);
  g_assert_cmpstr (text, ==, R1 ":3 " R2 ":5");
  parsed = cb_vector_parse (text, &error);
  g_assert_no_error (error);
  g_assert_true (cb_vector_equal (v, parsed));
  g_assert_true (cb_vector_covers (v, R1, 3));
  g_assert_false (cb_vector_covers (v, R1, 4));

  w = cb_vector_parse (R1 ":7", &error);
  g_assert_no_error (error);
  cb_vector_merge (w, v);
  g_assert_cmpint (cb_vector_get (w, R1), ==, 7);
  g_assert_cmpint (cb_vector_get (w, R2), ==, 5);

  for (guint i = 0; i < 6; i++)
    {
      const char *bad[] = { "x:1", R1 ":0", R1 ":-1", R1, R1 ":1 " R1 ":2", R1 ":1  " R2 ":1" };
      g_autoptr(GError) e = NULL;
      g_assert_null (cb_vector_parse (bad[i], &e));
      g_assert_nonnull (e);
    }
}

static void
test_replica (void)
{
  g_autofree char *a = cb_replica_new ();
  g_autofree char *b = cb_replica_new ();

  g_assert_true (cb_replica_is_valid (a));
  g_assert_true (cb_replica_is_valid (b));
  g_assert_cmpstr (a, !=, b);
  g_assert_false (cb_replica_is_valid ("ABCDEF0123456789"));
  g_assert_false (cb_replica_is_valid ("123"));
}

static void
test_hlc (void)
{
  gint64 now = 1760000000000;
  gint64 h = cb_hlc_tick (0, now);
  gint64 h2 = cb_hlc_tick (h, now);   /* same millisecond: logical + 1 */
  gint64 h3 = cb_hlc_tick (h2, now - 5000);  /* wall clock went back */
  gboolean ahead = TRUE;
  gint64 seen;

  g_assert_cmpint (CB_HLC_TO_MS (h), ==, now);
  g_assert_cmpint (h2, ==, h + 1);
  g_assert_cmpint (h3, ==, h2 + 1);

  /* a colleague an hour ahead moves our clock */
  seen = cb_hlc_observe (h3, CB_HLC_FROM_MS (now + 3600 * 1000), now, &ahead);
  g_assert_false (ahead);
  g_assert_cmpint (CB_HLC_TO_MS (seen), ==, now + 3600 * 1000);

  /* a clock ten years ahead does not */
  seen = cb_hlc_observe (h3, CB_HLC_FROM_MS (now + (gint64) 3650 * 86400 * 1000), now, &ahead);
  g_assert_true (ahead);
  g_assert_cmpint (seen, ==, h3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/versions/vector", test_vector);
  g_test_add_func ("/versions/replica", test_replica);
  g_test_add_func ("/versions/hlc", test_hlc);
  return g_test_run ();
}
