/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The merge of two states of one record (ARCHITECTURE §3). Pure: no
 * database, no XML, so it is tested on its own.
 *
 * Per field, a value is kept if both sides hold it, or if the other
 * side's version vector does not cover its stamp (the other side never
 * saw it, so it cannot have replaced it). The vectors merge by
 * element-wise max. This is a set union minus what the other side has
 * knowingly replaced, which makes the merge idempotent, commutative and
 * associative.
 *
 * A stamp is issued once: a value is known by its (field, replica,
 * counter). Should one stamp reach a record with two different texts (two
 * laptops sharing a replica id, a file changed by hand), neither text is
 * allowed to push the other out: both move to stamps of their own, on a
 * replica id derived from the stamp and the text
 * (cb_stamp_split_replica()), and the field holds both, a conflict. The
 * derived ids depend only on what is split, so every laptop that meets
 * the two texts, in any order, splits them the same way. */

#include "config.h"

#include <string.h>

#include "cb-exchange-text.h"
#include "cb-merge.h"

/* The value of @state with @v's stamp (field, replica, counter), or -1. */
static int
find (const CbState   *state,
      const CbStamped *v)
{
  /* values are sorted by cb_stamped_compare */
  guint lo = 0, hi = state->values->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = cb_stamped_compare (g_ptr_array_index (state->values, mid), v);
      if (c == 0)
        return mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

static gboolean
contains (const CbState   *state,
          const CbStamped *v)
{
  return find (state, v) >= 0;
}

/**
 * cb_stamp_split_replica:
 * @replica: the replica of the stamp given to two texts
 * @counter: its counter
 * @uuid: the record
 * @field: the field
 * @value: one of the texts
 *
 * The replica id under which @value is kept once the stamp
 * (@replica, @counter) of @field turned out to carry another text too:
 * 16 hex digits of a SHA-256 of all five, never the built-in id.
 *
 * Returns: (transfer full): the derived replica id
 */
char *
cb_stamp_split_replica (const char *replica,
                        gint64      counter,
                        const char *uuid,
                        const char *field,
                        const char *value)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) text = g_string_new (NULL);
  char number[32];
  char *id;

  /* the text as any exchange file carries it (see same_text()) */
  cb_exchange_sanitize_text (text, value);
  value = text->str;
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, counter);
  g_checksum_update (sum, (const guchar *) "coachbook-split", -1);
  for (guint i = 0; i < 5; i++)
    {
      const char *part = (const char *[]) { replica, number, uuid, field, value }[i];
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) part, -1);
    }
  id = g_strndup (g_checksum_get_string (sum), CB_REPLICA_LEN);
  if (strcmp (id, "0000000000000000") == 0)
    id[CB_REPLICA_LEN - 1] = '1';
  return id;
}

/* One text, for the stamps: an exchange file carries a text made valid
 * for XML 1.0 (cb_exchange_sanitize_text()), so the laptop that wrote it
 * and its colleagues may hold it in two spellings under one stamp. */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autoptr(GString) x = NULL;
  g_autoptr(GString) y = NULL;

  if (strcmp (a, b) == 0)
    return TRUE;
  x = g_string_new (NULL);
  y = g_string_new (NULL);
  cb_exchange_sanitize_text (x, a);
  cb_exchange_sanitize_text (y, b);
  return strcmp (x->str, y->str) == 0;
}

/* Whether @w, a value of @state, is the split of the stamp of @v. */
static gboolean
is_split_of (const CbState   *state,
             const CbStamped *w,
             const CbStamped *v)
{
  g_autofree char *derived = NULL;

  if (w->counter != v->counter || strcmp (w->field, v->field) != 0 ||
      strcmp (w->replica, v->replica) == 0)
    return FALSE;
  derived = cb_stamp_split_replica (v->replica, v->counter, state->uuid, w->field, w->value);
  return strcmp (derived, w->replica) == 0;
}

/* Whether @state, which does not hold @v's stamp but whose vector covers
 * it, split that stamp earlier, and not for @v's text: then @v is a text
 * more under a stamp known to carry several. */
static gboolean
split_elsewhere (const CbState   *state,
                 const CbStamped *v)
{
  gboolean any = FALSE;

  for (guint i = 0; i < state->values->len; i++)
    {
      const CbStamped *w = g_ptr_array_index (state->values, i);
      if (is_split_of (state, w, v))
        {
          if (same_text (w->value, v->value))
            return FALSE;
          any = TRUE;
        }
    }
  return any;
}

/* Moves the value of @state stamped as @key, if any, to its split stamp. */
static void
split_stamp (CbState         *state,
             const CbStamped *key)
{
  int i = find (state, key);
  CbStamped *v;
  char *derived;

  if (i < 0)
    return;
  v = g_ptr_array_index (state->values, i);
  derived = cb_stamp_split_replica (v->replica, v->counter, state->uuid, v->field, v->value);
  memcpy (v->replica, derived, sizeof v->replica);
  g_free (derived);
  cb_vector_set (state->vector, v->replica, MAX (cb_vector_get (state->vector, v->replica), v->counter));
}

/* Finds the stamps @local and @incoming give to different texts (see
 * the top of the file) in one walk over both, whose values are sorted
 * the same way; adds copies of their values to @keys. */
static void
find_collisions (const CbState *local,
                 const CbState *incoming,
                 GPtrArray     *keys)
{
  guint i = 0, j = 0;
  guint n = local->values->len, m = incoming->values->len;

  while (i < n || j < m)
    {
      const CbStamped *v = i < n ? g_ptr_array_index (local->values, i) : NULL;
      const CbStamped *w = j < m ? g_ptr_array_index (incoming->values, j) : NULL;
      int c = v == NULL ? 1 : w == NULL ? -1 : cb_stamped_compare (v, w);

      if (c == 0)
        {
          if (!same_text (v->value, w->value))
            g_ptr_array_add (keys, cb_stamped_copy (v));
          i++;
          j++;
        }
      else if (c < 0)
        {
          if (cb_vector_covers (incoming->vector, v->replica, v->counter) && split_elsewhere (incoming, v))
            g_ptr_array_add (keys, cb_stamped_copy (v));
          i++;
        }
      else
        {
          if (cb_vector_covers (local->vector, w->replica, w->counter) && split_elsewhere (local, w))
            g_ptr_array_add (keys, cb_stamped_copy (w));
          j++;
        }
    }
}

guint
cb_state_count_conflicts (const CbState *state)
{
  guint n = 0;
  const CbStamped *first = NULL;
  gboolean counted = FALSE;

  /* A field is in conflict when it holds two different values; the same
   * value written on two laptops is agreement. */
  for (guint i = 0; i < state->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (state->values, i);
      if (first != NULL && strcmp (first->field, v->field) == 0)
        {
          if (!counted && strcmp (first->value, v->value) != 0)
            {
              n++;
              counted = TRUE;
            }
        }
      else
        {
          first = v;
          counted = FALSE;
        }
    }
  return n;
}

/**
 * cb_merge_states:
 * @local: (nullable): the state held here, values sorted
 * @incoming: the state from elsewhere, values sorted
 * @outcome: (out) (optional): what the merge did to @local
 *
 * Returns: (transfer full): the merged state, values sorted
 */
CbState *
cb_merge_states (const CbState  *local,
                 const CbState  *incoming,
                 CbMergeOutcome *outcome)
{
  return cb_merge_states_full (local, incoming, outcome, NULL);
}

/**
 * cb_merge_states_full:
 * @local: (nullable): the state held here, values sorted
 * @incoming: the state from elsewhere, values sorted
 * @outcome: (out) (optional): what the merge did to @local
 * @collisions: (nullable) (element-type CbStamped): receives a copy of
 *   each value whose stamp also carries another text on the other side;
 *   both texts are kept under split stamps
 *
 * Returns: (transfer full): the merged state, values sorted
 */
CbState *
cb_merge_states_full (const CbState  *local,
                      const CbState  *incoming,
                      CbMergeOutcome *outcome,
                      GPtrArray      *collisions)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(CbState) local_split = NULL;
  g_autoptr(CbState) incoming_split = NULL;
  CbState *result;
  const CbState *first;
  const CbState *original = local;

  g_return_val_if_fail (incoming != NULL, NULL);

  if (local == NULL)
    {
      if (outcome)
        *outcome = cb_state_count_conflicts (incoming) > 0 ? CB_MERGE_CONFLICT : CB_MERGE_ADDED;
      return cb_state_copy (incoming);
    }

  keys = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  find_collisions (local, incoming, keys);
  if (keys->len > 0)
    {
      local = local_split = cb_state_copy (local);
      incoming = incoming_split = cb_state_copy (incoming);
      for (guint i = 0; i < keys->len; i++)
        {
          /* find() needs the values sorted */
          split_stamp (local_split, g_ptr_array_index (keys, i));
          cb_state_sort (local_split);
          split_stamp (incoming_split, g_ptr_array_index (keys, i));
          cb_state_sort (incoming_split);
        }
      if (collisions != NULL)
        for (guint i = 0; i < keys->len; i++)
          g_ptr_array_add (collisions, cb_stamped_copy (g_ptr_array_index (keys, i)));
    }

  /* Author and creation time never change after creation; should two
   * files disagree, the same choice is made whatever the order. */
  first = local;
  if (g_strcmp0 (incoming->created, local->created) < 0 ||
      (g_strcmp0 (incoming->created, local->created) == 0 &&
       g_strcmp0 (incoming->author, local->author) < 0))
    first = incoming;
  result = cb_state_new (local->uuid, local->kind, first->author, first->created);

  for (guint i = 0; i < local->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (local->values, i);
      int j = find (incoming, v);

      /* one text under two clocks (a changed file): the later clock, in
       * any order */
      if (j >= 0 && ((const CbStamped *) g_ptr_array_index (incoming->values, j))->hlc > v->hlc)
        v = g_ptr_array_index (incoming->values, j);
      if (j >= 0 || !cb_vector_covers (incoming->vector, v->replica, v->counter))
        cb_state_add (result, cb_stamped_copy (v));
    }
  for (guint i = 0; i < incoming->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (incoming->values, i);
      if (!contains (local, v) && !cb_vector_covers (local->vector, v->replica, v->counter))
        cb_state_add (result, cb_stamped_copy (v));
    }
  cb_state_sort (result);

  cb_vector_merge (result->vector, local->vector);
  cb_vector_merge (result->vector, incoming->vector);

  if (outcome)
    {
      if (cb_state_equal (result, original))
        *outcome = CB_MERGE_UNCHANGED;
      else if (cb_state_count_conflicts (result) > 0)
        *outcome = CB_MERGE_CONFLICT;
      else
        *outcome = CB_MERGE_UPDATED;
    }
  return result;
}
