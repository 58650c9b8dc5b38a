/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The merge of two states of one record (ARCHITECTURE §3). Pure: no
 * database, no XML, so it is tested on its own.
 *
 * Per field, a value is kept if both sides hold it, or if the other
 * side's version vector does not cover its stamp (the other side never
 * saw it, so it cannot have replaced it). The vectors merge by
 * element-wise max. This is a set union minus what the other side has
 * knowingly replaced, which makes the merge idempotent, commutative and
 * associative. */

#include "config.h"

#include <string.h>

#include "cb-merge.h"

static gboolean
contains (const CbState   *state,
          const CbStamped *v)
{
  /* values are sorted by cb_stamped_compare */
  guint lo = 0, hi = state->values->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = cb_stamped_compare (g_ptr_array_index (state->values, mid), v);
      if (c == 0)
        return TRUE;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
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
  CbState *result;
  const CbState *first;

  g_return_val_if_fail (incoming != NULL, NULL);

  if (local == NULL)
    {
      if (outcome)
        *outcome = cb_state_count_conflicts (incoming) > 0 ? CB_MERGE_CONFLICT : CB_MERGE_ADDED;
      return cb_state_copy (incoming);
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
      if (contains (incoming, v) || !cb_vector_covers (incoming->vector, v->replica, v->counter))
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
      if (cb_state_equal (result, local))
        *outcome = CB_MERGE_UNCHANGED;
      else if (cb_state_count_conflicts (result) > 0)
        *outcome = CB_MERGE_CONFLICT;
      else
        *outcome = CB_MERGE_UPDATED;
    }
  return result;
}
