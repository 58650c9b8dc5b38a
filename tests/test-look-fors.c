/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The coach's order of look-fors, without a display: favourites first,
 * catalogs in their order, custom look-fors last; moving one up or down
 * within its group; new ones last. Then the same through a store with
 * the built-in catalogs. */

#include "config.h"

#include <string.h>

#include "cb-look-fors.h"
#include "cb-test-util.h"

static void
sort_keys (CbLookForKey *keys,
           guint         n)
{
  /* Insertion sort: tiny arrays, and qsort's signature needs a cast. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && cb_look_for_key_compare (&keys[j - 1], &keys[j]) > 0; j--)
      {
        CbLookForKey tmp = keys[j];
        keys[j] = keys[j - 1];
        keys[j - 1] = tmp;
      }
}

static void
test_order (void)
{
  CbLookForKey keys[] = {
    { "c1", NULL, G_MAXINT, 1, FALSE, "My own look-for" },
    { "m2", "mp", 2, 2, FALSE, "MP2" },
    { "n1", "nctm", 1, 1, FALSE, "NCTM 1" },
    { "m1", "mp", 2, 1, FALSE, "MP1" },
    { "m3", "mp", 2, 3, TRUE, "MP3" },
    { "c0", "", G_MAXINT, 1, TRUE, "Starred custom" },
    { "n2", "nctm", 1, 2, FALSE, "NCTM 2" },
  };
  const char *expected[] = { "m3", "c0", "n1", "n2", "m1", "m2", "c1" };

  sort_keys (keys, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (keys[i].uuid, ==, expected[i]);

  /* Groups: same favourite flag and same catalog ("" = none). */
  g_assert_true (cb_look_for_same_group (&keys[2], &keys[3]));
  g_assert_false (cb_look_for_same_group (&keys[3], &keys[4]));
  g_assert_false (cb_look_for_same_group (&keys[0], &keys[4]));
  g_assert_false (cb_look_for_same_group (&keys[1], &keys[6]));
}

static void
test_moves (void)
{
  CbLookForKey keys[] = {
    { "n1", "nctm", 1, 1, FALSE, "NCTM 1" },
    { "n2", "nctm", 1, 2, FALSE, "NCTM 2" },
    { "n3", "nctm", 1, 3, FALSE, "NCTM 3" },
    { "m1", "mp", 2, 1, FALSE, "MP1" },
  };
  g_autoptr(GArray) edits = NULL;
  const CbLookForEdit *e;

  /* Within a group only, and never off its ends. */
  g_assert_false (cb_look_for_can_move (keys, 4, 0, -1));
  g_assert_true (cb_look_for_can_move (keys, 4, 0, 1));
  g_assert_true (cb_look_for_can_move (keys, 4, 2, -1));
  g_assert_false (cb_look_for_can_move (keys, 4, 2, 1));
  g_assert_false (cb_look_for_can_move (keys, 4, 3, -1));
  g_assert_false (cb_look_for_can_move (keys, 4, 3, 1));
  g_assert_false (cb_look_for_can_move (keys, 4, 9, 1));
  g_assert_false (cb_look_for_can_move (keys, 4, 1, 0));
  g_assert_null (cb_look_for_plan_move (keys, 4, 0, -1));

  /* NCTM 3 up: it and NCTM 2 swap their numbers, nothing else. */
  edits = cb_look_for_plan_move (keys, 4, 2, -1);
  g_assert_nonnull (edits);
  g_assert_cmpuint (edits->len, ==, 2);
  e = &g_array_index (edits, CbLookForEdit, 0);
  g_assert_cmpstr (keys[e->index].uuid, ==, "n3");
  g_assert_cmpint (e->position, ==, 2);
  e = &g_array_index (edits, CbLookForEdit, 1);
  g_assert_cmpstr (keys[e->index].uuid, ==, "n2");
  g_assert_cmpint (e->position, ==, 3);
}

/* Positions typed twice or left empty (0) still move: the group is
 * numbered again. */
static void
test_moves_with_equal_positions (void)
{
  CbLookForKey keys[] = {
    { "a", NULL, G_MAXINT, 0, FALSE, "Alpha" },
    { "b", NULL, G_MAXINT, 0, FALSE, "Beta" },
    { "c", NULL, G_MAXINT, 5, FALSE, "Gamma" },
  };
  g_autoptr(GArray) edits = NULL;
  gint64 positions[3] = { 0, 0, 5 };

  sort_keys (keys, 3);
  edits = cb_look_for_plan_move (keys, 3, 0, 1);
  g_assert_nonnull (edits);
  for (guint i = 0; i < edits->len; i++)
    {
      const CbLookForEdit *e = &g_array_index (edits, CbLookForEdit, i);
      positions[e->index] = e->position;
    }
  /* Beta 1, Alpha 2, Gamma 3. */
  g_assert_cmpint (positions[1], ==, 1);
  g_assert_cmpint (positions[0], ==, 2);
  g_assert_cmpint (positions[2], ==, 3);

  g_assert_cmpint (cb_look_for_next_position (keys, 3, NULL), ==, 6);
  g_assert_cmpint (cb_look_for_next_position (keys, 3, ""), ==, 6);
  g_assert_cmpint (cb_look_for_next_position (keys, 3, "nctm"), ==, 1);
}

static guint
index_of (GPtrArray  *records,
          const char *uuid)
{
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (cb_record_get_uuid (g_ptr_array_index (records, i)), uuid) == 0)
      return i;
  return G_MAXUINT;
}

static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *position = NULL;
  const char *names[] = { "name", "position" };
  const char *vals[2];
  CbRecord *first;
  guint i2, i3;

  g_assert_no_error (error);
  before = cb_look_fors_list_sorted (store, &error);
  g_assert_no_error (error);
  /* The built-in catalogs are there, in order: nothing is a favourite
   * yet, so the first catalog's first look-for comes first. */
  g_assert_cmpuint (before->len, >=, 30);
  first = g_ptr_array_index (before, 0);
  g_assert_cmpint (cb_record_get_int (first, "position"), ==, 1);
  second = g_strdup (cb_record_get_uuid (g_ptr_array_index (before, 1)));
  third = g_strdup (cb_record_get_uuid (g_ptr_array_index (before, 2)));

  /* Move the third up: it swaps places with the second. */
  g_assert_true (cb_look_fors_can_move (store, third, -1));
  g_assert_false (cb_look_fors_can_move (store, cb_record_get_uuid (first), -1));
  g_assert_true (cb_look_fors_move (store, third, -1, &error));
  g_assert_no_error (error);
  after = cb_look_fors_list_sorted (store, &error);
  i2 = index_of (after, second);
  i3 = index_of (after, third);
  g_assert_cmpuint (i3, ==, 1);
  g_assert_cmpuint (i2, ==, 2);
  /* An ordinary local edit: one value, no conflict. */
  values = cb_store_get_values (store, third, "position", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* A favourite goes to the top. */
  g_assert_true (cb_store_set (store, second, "favourite", "1", &error));
  after = cb_look_fors_list_sorted (store, &error);
  g_assert_cmpstr (cb_record_get_uuid (g_ptr_array_index (after, 0)), ==, second);
  /* Alone in its group, it cannot move. */
  g_assert_false (cb_look_fors_can_move (store, second, 1));
  g_assert_true (cb_look_fors_move (store, second, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* A custom look-for comes last, and its next one after it. */
  position = g_strdup_printf ("%" G_GINT64_FORMAT, cb_look_fors_next_position (store, NULL));
  g_assert_cmpstr (position, ==, "1");
  vals[0] = "Students explain a peer's strategy";
  vals[1] = position;
  custom = cb_store_create (store, "look_for", names, vals, 2, &error);
  g_assert_no_error (error);
  after = cb_look_fors_list_sorted (store, &error);
  g_assert_cmpstr (cb_record_get_uuid (g_ptr_array_index (after, after->len - 1)), ==, custom);
  g_assert_cmpint (cb_look_fors_next_position (store, NULL), ==, 2);
  g_assert_false (cb_look_fors_can_move (store, custom, 1));
  g_assert_false (cb_look_fors_can_move (store, custom, -1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/look-fors/order", test_order);
  g_test_add_func ("/look-fors/moves", test_moves);
  g_test_add_func ("/look-fors/moves-equal-positions", test_moves_with_equal_positions);
  g_test_add_func ("/look-fors/store", test_store);

  return g_test_run ();
}
