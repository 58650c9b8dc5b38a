/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pure merge of record states, without database or XML: replicas
 * edit one record concurrently and exchange states in random orders. */
#include "config.h"

#include "cb-merge.h"

#define UUID "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980"

static const char *fields[] = { "lesson", "strengths", "next_steps", "deleted" };

typedef struct
{
  char      replica[CB_REPLICA_LEN + 1];
  gint64    counter;
  gint64    clock;
  CbState  *state;
} Replica;

static void
local_edit (Replica    *r,
            const char *field,
            const char *value,
            GHashTable *replaced)
{
  r->counter++;
  r->clock += g_test_rand_int_range (-5, 20); /* skewed clocks */
  for (guint i = r->state->values->len; i > 0; i--)
    {
      CbStamped *v = g_ptr_array_index (r->state->values, i - 1);
      if (g_str_equal (v->field, field))
        {
          g_hash_table_add (replaced, g_strdup_printf ("%s/%" G_GINT64_FORMAT, v->replica, v->counter));
          g_ptr_array_remove_index (r->state->values, i - 1);
        }
    }
  cb_state_add (r->state, cb_stamped_new (field, value, r->replica, r->counter, r->clock));
  cb_state_sort (r->state);
  cb_vector_set (r->state->vector, r->replica, r->counter);
}

static void
absorb (Replica       *r,
        const CbState *other)
{
  CbState *merged = cb_merge_states (r->state, other, NULL);
  cb_state_free (r->state);
  r->state = merged;
}

static void
test_properties (void)
{
  for (guint seed = 0; seed < 300; seed++)
    {
      g_autoptr(GHashTable) replaced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) all_dots = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(CbState) final = NULL;
      g_autoptr(CbState) ab = NULL, ba = NULL, ab_c = NULL, a_bc = NULL, bc = NULL, aa = NULL;
      Replica reps[4];
      guint n = 3 + seed % 2;

      g_test_message ("seed %u", seed);
      g_random_set_seed (seed);
      for (guint i = 0; i < n; i++)
        {
          g_snprintf (reps[i].replica, sizeof reps[i].replica, "%016x", g_random_int () | 1);
          reps[i].counter = 0;
          reps[i].clock = 1000 * (i + 1);
          reps[i].state = cb_state_new (UUID, "observation", "", "2025-01-01T00:00:00Z");
        }

      for (guint step = 0; step < 40; step++)
        {
          Replica *r = &reps[g_random_int_range (0, n)];
          if (g_random_int_range (0, 3) > 0)
            {
              g_autofree char *value = g_strdup_printf ("v%u", step);
              local_edit (r, fields[g_random_int_range (0, G_N_ELEMENTS (fields))], value, replaced);
              g_ptr_array_add (all_dots, g_strdup_printf ("%s/%" G_GINT64_FORMAT, r->replica, r->counter));
            }
          else
            absorb (r, reps[g_random_int_range (0, n)].state);
        }

      /* algebra on three states */
      aa = cb_merge_states (reps[0].state, reps[0].state, NULL);
      g_assert_true (cb_state_equal (aa, reps[0].state));
      ab = cb_merge_states (reps[0].state, reps[1].state, NULL);
      ba = cb_merge_states (reps[1].state, reps[0].state, NULL);
      g_assert_true (cb_state_equal (ab, ba));
      bc = cb_merge_states (reps[1].state, reps[2].state, NULL);
      ab_c = cb_merge_states (ab, reps[2].state, NULL);
      a_bc = cb_merge_states (reps[0].state, bc, NULL);
      g_assert_true (cb_state_equal (ab_c, a_bc));

      /* everyone exchanges with everyone; all converge */
      for (guint round = 0; round < 2; round++)
        for (guint i = 0; i < n; i++)
          for (guint j = 0; j < n; j++)
            absorb (&reps[i], reps[j].state);
      for (guint i = 1; i < n; i++)
        g_assert_true (cb_state_equal (reps[0].state, reps[i].state));

      /* no lost edit: each value is there, or was replaced by an edit
       * made where it had been seen */
      final = cb_state_copy (reps[0].state);
      for (guint i = 0; i < all_dots->len; i++)
        {
          const char *dot = g_ptr_array_index (all_dots, i);
          gboolean present = FALSE;
          for (guint v = 0; v < final->values->len; v++)
            {
              CbStamped *s = g_ptr_array_index (final->values, v);
              g_autofree char *d = g_strdup_printf ("%s/%" G_GINT64_FORMAT, s->replica, s->counter);
              if (g_str_equal (d, dot))
                present = TRUE;
            }
          g_assert_true (present != g_hash_table_contains (replaced, dot));
        }

      for (guint i = 0; i < n; i++)
        cb_state_free (reps[i].state);
    }
}

static void
test_outcomes (void)
{
  g_autoptr(CbState) a = cb_state_new (UUID, "observation", "", "2025-01-01T00:00:00Z");
  g_autoptr(CbState) b = NULL;
  g_autoptr(CbState) m = NULL;
  CbMergeOutcome outcome;

  cb_state_add (a, cb_stamped_new ("lesson", "Fractions", "1111111111111111", 1, 10));
  cb_vector_set (a->vector, "1111111111111111", 1);
  b = cb_state_copy (a);

  m = cb_merge_states (NULL, a, &outcome);
  g_assert_cmpint (outcome, ==, CB_MERGE_ADDED);
  g_clear_pointer (&m, cb_state_free);

  m = cb_merge_states (a, b, &outcome);
  g_assert_cmpint (outcome, ==, CB_MERGE_UNCHANGED);
  g_clear_pointer (&m, cb_state_free);

  /* b edits after seeing a: an update that replaces a's value */
  g_ptr_array_set_size (b->values, 0);
  cb_state_add (b, cb_stamped_new ("lesson", "Fractions on a number line", "2222222222222222", 1, 20));
  cb_vector_set (b->vector, "2222222222222222", 1);
  m = cb_merge_states (a, b, &outcome);
  g_assert_cmpint (outcome, ==, CB_MERGE_UPDATED);
  g_assert_cmpuint (m->values->len, ==, 1);
  g_clear_pointer (&m, cb_state_free);

  /* a edits concurrently: both values are kept, a conflict */
  g_ptr_array_set_size (a->values, 0);
  cb_state_add (a, cb_stamped_new ("lesson", "Fracciones", "1111111111111111", 2, 15));
  cb_vector_set (a->vector, "1111111111111111", 2);
  m = cb_merge_states (a, b, &outcome);
  g_assert_cmpint (outcome, ==, CB_MERGE_CONFLICT);
  g_assert_cmpuint (m->values->len, ==, 2);
  g_assert_cmpuint (cb_state_count_conflicts (m), ==, 1);
  g_clear_pointer (&m, cb_state_free);

  /* both laptops wrote the same value: kept twice, but no conflict */
  cb_state_add (a, cb_stamped_new ("deleted", "1", "1111111111111111", 3, 40));
  cb_state_sort (a);
  cb_vector_set (a->vector, "1111111111111111", 3);
  cb_state_add (b, cb_stamped_new ("deleted", "1", "2222222222222222", 2, 41));
  cb_state_sort (b);
  cb_vector_set (b->vector, "2222222222222222", 2);
  m = cb_merge_states (a, b, &outcome);
  g_assert_cmpuint (m->values->len, ==, 4);
  g_assert_cmpuint (cb_state_count_conflicts (m), ==, 1); /* the lesson only */
}

static void
test_delete_vs_edit (void)
{
  g_autoptr(CbState) base = cb_state_new (UUID, "observation", "", "2025-01-01T00:00:00Z");
  g_autoptr(CbState) here = NULL, there = NULL, m = NULL;

  cb_state_add (base, cb_stamped_new ("lesson", "Ratios", "1111111111111111", 1, 10));
  cb_vector_set (base->vector, "1111111111111111", 1);
  here = cb_state_copy (base);
  there = cb_state_copy (base);

  cb_state_add (here, cb_stamped_new ("deleted", "1", "1111111111111111", 2, 20));
  cb_state_sort (here);
  cb_vector_set (here->vector, "1111111111111111", 2);
  g_ptr_array_set_size (there->values, 0);
  cb_state_add (there, cb_stamped_new ("lesson", "Ratios and rates", "2222222222222222", 1, 30));
  cb_vector_set (there->vector, "2222222222222222", 1);

  m = cb_merge_states (here, there, NULL);
  /* both survive: the tombstone and the edit */
  g_assert_cmpuint (m->values->len, ==, 2);
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (m->values, 0))->field, ==, "deleted");
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (m->values, 1))->value, ==, "Ratios and rates");
}

/* A record as a laptop holds it after the shared edit at 1111…:1 of the
 * lesson, written @text (two laptops with one replica id, or a file
 * changed by hand, give the stamp two texts). */
static CbState *
stamped_lesson (const char *text)
{
  CbState *s = cb_state_new (UUID, "observation", "", "2025-01-01T00:00:00Z");

  cb_state_add (s, cb_stamped_new ("lesson", text, "1111111111111111", 1, 10));
  cb_state_add (s, cb_stamped_new ("strengths", "Talk moves", "1111111111111111", 1, 10));
  cb_state_sort (s);
  cb_vector_set (s->vector, "1111111111111111", 1);
  return s;
}

static gboolean
holds_text (const CbState *s,
            const char    *field,
            const char    *text)
{
  for (guint i = 0; i < s->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (s->values, i);
      if (g_str_equal (v->field, field) && g_str_equal (v->value, text))
        return TRUE;
    }
  return FALSE;
}

static void
test_one_stamp_two_texts (void)
{
  g_autoptr(CbState) a = stamped_lesson ("Fractions");
  g_autoptr(CbState) b = stamped_lesson ("Decimals");
  g_autoptr(CbState) c = stamped_lesson ("Percents");
  g_autoptr(CbState) ab = NULL, ba = NULL, ab_c = NULL, a_bc = NULL, bc = NULL, again = NULL;
  g_autoptr(CbState) ab_a = NULL, c_ab = NULL;
  g_autoptr(GPtrArray) collisions = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  g_autofree char *split_a = cb_stamp_split_replica ("1111111111111111", 1, UUID, "lesson", "Fractions");
  CbMergeOutcome outcome;

  /* both texts kept, a conflict, whatever the order; the stamp that is
   * not in dispute stays as it is */
  ab = cb_merge_states_full (a, b, &outcome, collisions);
  ba = cb_merge_states (b, a, NULL);
  g_assert_true (cb_state_equal (ab, ba));
  g_assert_cmpint (outcome, ==, CB_MERGE_CONFLICT);
  g_assert_cmpuint (collisions->len, ==, 1);
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (collisions, 0))->replica, ==, "1111111111111111");
  g_assert_true (holds_text (ab, "lesson", "Fractions"));
  g_assert_true (holds_text (ab, "lesson", "Decimals"));
  g_assert_true (holds_text (ab, "strengths", "Talk moves"));
  g_assert_cmpuint (ab->values->len, ==, 3);
  g_assert_cmpuint (cb_state_count_conflicts (ab), ==, 1);
  for (guint i = 0; i < ab->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (ab->values, i);
      if (g_str_equal (v->field, "lesson"))
        {
          g_assert_cmpstr (v->replica, !=, "1111111111111111");
          g_assert_true (cb_replica_is_valid (v->replica));
          g_assert_true (cb_vector_covers (ab->vector, v->replica, v->counter));
        }
      if (g_str_equal (v->value, "Fractions"))
        g_assert_cmpstr (v->replica, ==, split_a);
    }

  /* a laptop that still holds one text under the old stamp: nothing new
   * for the split state, and it takes the split */
  ab_a = cb_merge_states_full (ab, a, &outcome, none);
  g_assert_cmpint (outcome, ==, CB_MERGE_UNCHANGED);
  g_assert_cmpuint (none->len, ==, 0);
  again = cb_merge_states (a, ab, NULL);
  g_assert_true (cb_state_equal (again, ab));

  /* a third text of the stamp, met before or after the split */
  bc = cb_merge_states (b, c, NULL);
  ab_c = cb_merge_states (ab, c, NULL);
  a_bc = cb_merge_states (a, bc, NULL);
  c_ab = cb_merge_states (c, ab, NULL);
  g_assert_true (cb_state_equal (ab_c, a_bc));
  g_assert_true (cb_state_equal (ab_c, c_ab));
  g_assert_true (holds_text (ab_c, "lesson", "Fractions"));
  g_assert_true (holds_text (ab_c, "lesson", "Decimals"));
  g_assert_true (holds_text (ab_c, "lesson", "Percents"));

  /* the same text spelt as an exchange file carries it is no collision */
  {
    g_autoptr(CbState) raw = stamped_lesson ("Bell\x01ringer");
    g_autoptr(CbState) carried = stamped_lesson ("Bell\xef\xbf\xbdringer");
    g_autoptr(CbState) m = cb_merge_states_full (raw, carried, &outcome, none);
    g_assert_cmpint (outcome, ==, CB_MERGE_UNCHANGED);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/properties", test_properties);
  g_test_add_func ("/merge/outcomes", test_outcomes);
  g_test_add_func ("/merge/delete-vs-edit", test_delete_vs_edit);
  g_test_add_func ("/merge/one-stamp-two-texts", test_one_stamp_two_texts);
  return g_test_run ();
}
