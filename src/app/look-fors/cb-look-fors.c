/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order of look-fors, as the coach keeps it, and moving one up or
 * down in it. The pure half (keys, compare, plan) is tested without a
 * store; the other half reads and writes through CbStore only. */

#include "config.h"

#include <string.h>

#include "cb-look-fors.h"
#include "cb-order.h"

/* Look-for catalogs are small (the built-in ones hold 38); a coach's
 * own rarely run past a few dozen. */
#define MAX_LOOK_FORS 5000
#define MAX_FRAMEWORKS 500

static const char *
nonnull (const char *s)
{
  return s ? s : "";
}

/**
 * cb_look_for_key_compare:
 *
 * Favourites first; then by framework (in the frameworks' own order,
 * custom look-fors last), position, title and UUID.
 */
int
cb_look_for_key_compare (const CbLookForKey *a,
                         const CbLookForKey *b)
{
  int c;

  if (a->favourite != b->favourite)
    return a->favourite ? -1 : 1;
  if (a->framework_position != b->framework_position)
    return a->framework_position < b->framework_position ? -1 : 1;
  c = strcmp (nonnull (a->framework), nonnull (b->framework));
  if (c != 0)
    return c;
  if (a->position != b->position)
    return a->position < b->position ? -1 : 1;
  c = g_utf8_collate (nonnull (a->title), nonnull (b->title));
  if (c != 0)
    return c;
  return strcmp (nonnull (a->uuid), nonnull (b->uuid));
}

/* Look-fors move among those of the same catalog and the same
 * favourite flag: the block they are shown in. */
gboolean
cb_look_for_same_group (const CbLookForKey *a,
                        const CbLookForKey *b)
{
  return a->favourite == b->favourite &&
         strcmp (nonnull (a->framework), nonnull (b->framework)) == 0;
}

gboolean
cb_look_for_can_move (const CbLookForKey *sorted,
                      guint               n,
                      guint               index,
                      int                 delta)
{
  guint target;

  if (!cb_order_target (n, index, delta, &target))
    return FALSE;
  return cb_look_for_same_group (&sorted[index], &sorted[target]);
}

/**
 * cb_look_for_plan_move:
 * @sorted: (array length=n): keys in cb_look_for_key_compare() order
 * @index: the look-for to move
 * @delta: -1 for up, 1 for down
 *
 * Numbers the look-for's group 1, 2, 3… in its new order; positions
 * typed by hand or made by two coaches may repeat or leave gaps, and
 * swapping two equal numbers would move nothing.
 *
 * Returns: (transfer full) (nullable) (element-type CbLookForEdit): the
 *   positions that change, %NULL if it cannot move that way
 */
GArray *
cb_look_for_plan_move (const CbLookForKey *sorted,
                       guint               n,
                       guint               index,
                       int                 delta)
{
  g_autoptr(GPtrArray) order = NULL;
  GArray *edits;
  guint first = index, last = index, target = index;

  if (!cb_look_for_can_move (sorted, n, index, delta))
    return NULL;
  cb_order_target (n, index, delta, &target);

  while (first > 0 && cb_look_for_same_group (&sorted[first - 1], &sorted[index]))
    first--;
  while (last + 1 < n && cb_look_for_same_group (&sorted[last + 1], &sorted[index]))
    last++;

  order = g_ptr_array_sized_new (last - first + 1);
  for (guint i = first; i <= last; i++)
    g_ptr_array_add (order, GUINT_TO_POINTER (i));
  cb_order_move (order->pdata, order->len, index - first, target - first);

  edits = g_array_new (FALSE, FALSE, sizeof (CbLookForEdit));
  for (guint k = 0; k < order->len; k++)
    {
      CbLookForEdit edit;

      edit.index = GPOINTER_TO_UINT (g_ptr_array_index (order, k));
      edit.position = k + 1;
      if (sorted[edit.index].position != edit.position)
        g_array_append_val (edits, edit);
    }
  return edits;
}

/**
 * cb_look_for_next_position:
 * @framework: (nullable): the catalog of a new look-for, %NULL for none
 *
 * Returns: the position that puts a new look-for last in its catalog
 */
gint64
cb_look_for_next_position (const CbLookForKey *keys,
                           guint               n,
                           const char         *framework)
{
  gint64 max = 0;

  for (guint i = 0; i < n; i++)
    if (strcmp (nonnull (keys[i].framework), nonnull (framework)) == 0)
      max = MAX (max, keys[i].position);
  return max + 1;
}

/* The store half */

typedef struct
{
  GPtrArray    *records;   /* CbRecord, sorted */
  CbLookForKey *keys;      /* in the same order, pointing into records */
  guint         n;
} Sorted;

static void
sorted_clear (Sorted *s)
{
  g_clear_pointer (&s->records, g_ptr_array_unref);
  g_clear_pointer (&s->keys, g_free);
  s->n = 0;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return cb_look_for_key_compare (a, b);
}

static gboolean
load_sorted (CbStore  *store,
             Sorted   *out,
             GError  **error)
{
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) frameworks = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) fw_pos = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  CbLookForKey *keys;

  filter.kind = "framework";
  frameworks = cb_store_list (store, &filter, MAX_FRAMEWORKS, error);
  if (frameworks == NULL)
    return FALSE;
  for (guint i = 0; i < frameworks->len; i++)
    {
      CbRecord *fw = g_ptr_array_index (frameworks, i);

      g_hash_table_insert (fw_pos, (gpointer) cb_record_get_uuid (fw),
                           GINT_TO_POINTER ((int) CLAMP (cb_record_get_int (fw, "position"), 0, G_MAXINT - 2) + 1));
    }

  filter.kind = "look_for";
  records = cb_store_list (store, &filter, MAX_LOOK_FORS, error);
  if (records == NULL)
    return FALSE;

  keys = g_new0 (CbLookForKey, MAX (records->len, 1));
  for (guint i = 0; i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      const char *fw = cb_record_get (r, "framework");
      gpointer pos = fw && *fw ? g_hash_table_lookup (fw_pos, fw) : NULL;

      keys[i].uuid = cb_record_get_uuid (r);
      keys[i].framework = fw && *fw ? fw : NULL;
      /* A deleted or unknown catalog sorts with the custom ones. */
      keys[i].framework_position = pos ? GPOINTER_TO_INT (pos) : G_MAXINT;
      keys[i].position = cb_record_get_int (r, "position");
      keys[i].favourite = cb_record_get_bool (r, "favourite");
      keys[i].title = cb_record_get_title (r);
      g_hash_table_insert (by_uuid, (gpointer) keys[i].uuid, r);
    }
  qsort (keys, records->len, sizeof (CbLookForKey), compare_keys);

  out->records = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (out->records, g_object_ref (g_hash_table_lookup (by_uuid, keys[i].uuid)));
  out->keys = keys;
  out->n = records->len;
  return TRUE;
}

static guint
find_index (Sorted     *s,
            const char *uuid)
{
  for (guint i = 0; i < s->n; i++)
    if (g_strcmp0 (s->keys[i].uuid, uuid) == 0)
      return i;
  return G_MAXUINT;
}

/**
 * cb_look_fors_list_sorted:
 *
 * Returns: (transfer full) (element-type CbRecord) (nullable): the live
 *   look-fors in the coach's order
 */
GPtrArray *
cb_look_fors_list_sorted (CbStore  *store,
                          GError  **error)
{
  Sorted s = { 0 };
  GPtrArray *out;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  if (!load_sorted (store, &s, error))
    return NULL;
  out = g_steal_pointer (&s.records);
  sorted_clear (&s);
  return out;
}

gboolean
cb_look_fors_can_move (CbStore    *store,
                       const char *uuid,
                       int         delta)
{
  Sorted s = { 0 };
  gboolean ok;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);

  if (uuid == NULL || !load_sorted (store, &s, NULL))
    return FALSE;
  ok = cb_look_for_can_move (s.keys, s.n, find_index (&s, uuid), delta);
  sorted_clear (&s);
  return ok;
}

/**
 * cb_look_fors_move:
 * @delta: -1 moves @uuid up one place in its group, 1 down
 *
 * Returns: %FALSE with @error set if it could not be written; moving
 *   past the end of the group changes nothing and returns %TRUE
 */
gboolean
cb_look_fors_move (CbStore     *store,
                   const char  *uuid,
                   int          delta,
                   GError     **error)
{
  Sorted s = { 0 };
  g_autoptr(GArray) edits = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (!load_sorted (store, &s, error))
    return FALSE;
  edits = cb_look_for_plan_move (s.keys, s.n, find_index (&s, uuid), delta);
  if (edits == NULL || edits->len == 0)
    {
      sorted_clear (&s);
      return TRUE;
    }

  if (!cb_store_begin (store, error))
    {
      sorted_clear (&s);
      return FALSE;
    }
  for (guint i = 0; i < edits->len && ok; i++)
    {
      const CbLookForEdit *edit = &g_array_index (edits, CbLookForEdit, i);
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, edit->position);

      ok = cb_store_set (store, s.keys[edit->index].uuid, "position", value, error);
    }
  sorted_clear (&s);
  if (!ok)
    {
      cb_store_rollback (store);
      return FALSE;
    }
  return cb_store_commit (store, error);
}

/**
 * cb_look_fors_next_position:
 * @framework: (nullable): the catalog of a new look-for
 *
 * Returns: the position that puts a new look-for last in @framework
 */
gint64
cb_look_fors_next_position (CbStore    *store,
                            const char *framework)
{
  Sorted s = { 0 };
  gint64 next;

  g_return_val_if_fail (CB_IS_STORE (store), 1);

  if (!load_sorted (store, &s, NULL))
    return 1;
  next = cb_look_for_next_position (s.keys, s.n, framework);
  sorted_clear (&s);
  return next;
}
