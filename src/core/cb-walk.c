/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scored walkthrough forms: the logic the observation editor, the forms
 * editor, the CLI and the tests share. Every write is an ordinary store
 * edit (versioned, merged, exchanged); what may leave is the privacy
 * rule's (cb-privacy.h): a score goes nowhere by itself unless its
 * observation is shared with the teacher, and counts as a number only. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-refs.h"
#include "cb-sql.h"
#include "cb-walk.h"

#define MAX_ROWS 100000

void
cb_walk_item_free (CbWalkItem *item)
{
  if (item == NULL)
    return;
  g_free (item->uuid);
  g_free (item->prompt);
  g_free (item->look_for);
  g_free (item->scale);
  for (guint i = 0; i < CB_WALK_N_LEVELS; i++)
    g_free (item->levels[i]);
  g_free (item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CbWalkItem *x = *(CbWalkItem * const *) a;
  const CbWalkItem *y = *(CbWalkItem * const *) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return g_strcmp0 (x->uuid, y->uuid);
}

/* Live records of @kind whose @field names @value. */
static GPtrArray *
list_children (CbStore     *store,
               const char  *kind,
               const char  *field,
               const char  *value,
               GError     **error)
{
  CbFilter filter = { 0 };

  filter.kind = kind;
  filter.ref_field = field;
  filter.ref_value = value;
  return cb_store_list (store, &filter, MAX_ROWS, error);
}

/**
 * cb_walk_load_items:
 * @form: a walkthrough form's UUID
 *
 * Returns: (transfer full) (element-type CbWalkItem) (nullable): the
 *   form's live items in order, shown in the interface language when
 *   they are a built-in form's own
 */
GPtrArray *
cb_walk_load_items (CbStore     *store,
                    const char  *form,
                    GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *items;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (form != NULL, NULL);

  if ((records = list_children (store, "walk_item", "form", form, error)) == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_walk_item_free);
  for (guint i = 0; i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      CbWalkItem *item = g_new0 (CbWalkItem, 1);
      const char *scale = cb_record_get (r, "scale");

      item->uuid = g_strdup (cb_record_get_uuid (r));
      item->prompt = g_strdup (cb_record_get (r, "prompt") ? cb_record_get (r, "prompt") : "");
      item->look_for = g_strdup (cb_record_get (r, "look_for") ? cb_record_get (r, "look_for") : "");
      item->scale = g_strdup (g_strcmp0 (scale, "yes_no") == 0 ? "yes_no" : "levels");
      item->position = cb_record_get_int (r, "position");
      for (guint l = 0; l < CB_WALK_N_LEVELS; l++)
        {
          g_autofree char *name = g_strdup_printf ("level_%u", l + 1);
          const char *text = cb_record_get (r, name);

          item->levels[l] = g_strdup (text ? text : "");
        }
      g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, compare_items);
  return items;
}

/**
 * cb_walk_find_score:
 * @observation: an observation's UUID
 * @item: a form item's UUID
 *
 * Returns: (transfer full) (nullable): the observation's live score of
 *   @item (the one made first, should two laptops each have made one),
 *   or %NULL without @error set when it has none
 */
CbRecord *
cb_walk_find_score (CbStore     *store,
                    const char  *observation,
                    const char  *item,
                    GError     **error)
{
  g_autoptr(GPtrArray) scores = NULL;
  CbRecord *found = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  if ((scores = list_children (store, "walk_score", "observation", observation, error)) == NULL)
    return NULL;
  for (guint i = 0; i < scores->len; i++)
    {
      CbRecord *r = g_ptr_array_index (scores, i);

      if (g_strcmp0 (cb_record_get (r, "item"), item) != 0)
        continue;
      if (found == NULL || g_strcmp0 (cb_record_get_created (r), cb_record_get_created (found)) < 0)
        found = r;
    }
  return found ? g_object_ref (found) : NULL;
}

/**
 * cb_walk_set_score:
 * @field: "score", "note" or "evidence"
 * @value: its new value
 *
 * Writes one field of the observation's score of @item, making the
 * score when it has none yet. Nothing is written when @value is not a
 * valid value of @field.
 *
 * Returns: (transfer full) (nullable): the score's UUID
 */
char *
cb_walk_set_score (CbStore     *store,
                   const char  *observation,
                   const char  *item,
                   const char  *field,
                   const char  *value,
                   GError     **error)
{
  const CbKind *kind = cb_kind_lookup ("walk_score");
  g_autoptr(CbRecord) score = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (observation != NULL && item != NULL && field != NULL, NULL);

  if (!cb_field_validate (cb_kind_field (kind, field), value, error))
    return NULL;
  score = cb_walk_find_score (store, observation, item, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (score == NULL)
    {
      const char *names[] = { "observation", "item", field };
      const char *values[] = { observation, item, value };

      return cb_store_create (store, "walk_score", names, values, G_N_ELEMENTS (names), error);
    }
  if (g_strcmp0 (cb_record_get (score, field), value) != 0 &&
      !cb_store_set (store, cb_record_get_uuid (score), field, value, error))
    return NULL;
  return g_strdup (cb_record_get_uuid (score));
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  CbRecord *x = *(CbRecord * const *) a;
  CbRecord *y = *(CbRecord * const *) b;
  gint64 ox = cb_record_get_int (x, "offset"), oy = cb_record_get_int (y, "offset");

  if (ox != oy)
    return ox < oy ? -1 : 1;
  return g_strcmp0 (cb_record_get_created (x), cb_record_get_created (y));
}

/**
 * cb_walk_tagged_lines:
 * @look_for: (nullable): a look-for's UUID
 *
 * Returns: (transfer full) (nullable): the observation's live evidence
 *   lines tagged with @look_for, as REFS in timeline order ("" when none
 *   or no look-for)
 */
char *
cb_walk_tagged_lines (CbStore     *store,
                      const char  *observation,
                      const char  *look_for,
                      GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  GString *refs = g_string_new (NULL);

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  if (look_for == NULL || *look_for == '\0')
    return g_string_free (refs, FALSE);
  if ((lines = list_children (store, "evidence", "observation", observation, error)) == NULL)
    {
      g_string_free (refs, TRUE);
      return NULL;
    }
  g_ptr_array_sort (lines, compare_offsets);
  for (guint i = 0; i < lines->len; i++)
    {
      CbRecord *r = g_ptr_array_index (lines, i);

      if (!cb_refs_contains (cb_record_get (r, "tags"), look_for))
        continue;
      if (refs->len > 0)
        g_string_append_c (refs, ' ');
      g_string_append (refs, cb_record_get_uuid (r));
    }
  return g_string_free (refs, FALSE);
}

/**
 * cb_walk_score_for_key:
 * @scale: an item's scale, "levels" or "yes_no"
 * @key: the character typed
 *
 * The keys that score an item: 1–4 on a 1–4 scale; y, n and 0 (not
 * observed) on a yes/no scale, and 0 on either.
 *
 * Returns: (nullable): the score @key gives, or %NULL
 */
const char *
cb_walk_score_for_key (const char *scale,
                       gunichar    key)
{
  static const char * const digits[] = { "1", "2", "3", "4" };

  if (key == '0')
    return "not_observed";
  if (g_strcmp0 (scale, "yes_no") == 0)
    {
      key = g_unichar_tolower (key);
      if (key == 'y')
        return "yes";
      if (key == 'n')
        return "no";
      return NULL;
    }
  if (key >= '1' && key <= '4')
    return digits[key - '1'];
  return NULL;
}

/**
 * cb_walk_add_item:
 * @form: a walkthrough form's UUID
 *
 * Adds an item after the form's last, scored 1–4.
 *
 * Returns: (transfer full) (nullable): the new item's UUID
 */
char *
cb_walk_add_item (CbStore     *store,
                  const char  *form,
                  GError     **error)
{
  g_autoptr(GPtrArray) items = cb_walk_load_items (store, form, error);
  g_autofree char *position = NULL;
  gint64 last = 0;

  if (items == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    last = MAX (last, ((CbWalkItem *) g_ptr_array_index (items, i))->position);
  position = g_strdup_printf ("%" G_GINT64_FORMAT, last + 1);
  {
    const char *names[] = { "form", "position", "scale" };
    const char *values[] = { form, position, "levels" };

    return cb_store_create (store, "walk_item", names, values, G_N_ELEMENTS (names), error);
  }
}

/**
 * cb_walk_move_item:
 * @delta: -1 to move up, 1 to move down
 *
 * Moves @item one place within its form, numbering the items 1, 2, 3…
 * again in one transaction (only those whose position changes are
 * written). Moving the first up or the last down does nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_walk_move_item (CbStore     *store,
                   const char  *form,
                   const char  *item,
                   int          delta,
                   GError     **error)
{
  g_autoptr(GPtrArray) items = cb_walk_load_items (store, form, error);
  guint at = G_MAXUINT;

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((CbWalkItem *) g_ptr_array_index (items, i))->uuid, item) == 0)
      at = i;
  if (at == G_MAXUINT || (delta < 0 && at == 0) || (delta > 0 && at + 1 >= items->len))
    return TRUE;
  {
    gpointer moved = items->pdata[at];
    guint to = delta < 0 ? at - 1 : at + 1;

    items->pdata[at] = items->pdata[to];
    items->pdata[to] = moved;
  }
  if (!cb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      CbWalkItem *it = g_ptr_array_index (items, i);
      char position[24];

      if (it->position == (gint64) i + 1)
        continue;
      g_snprintf (position, sizeof position, "%u", i + 1);
      if (!cb_store_set (store, it->uuid, "position", position, error))
        {
          cb_store_rollback (store);
          return FALSE;
        }
    }
  return cb_store_commit (store, error);
}

/* The columns of walk_score_counts after the item: its count of each score. */
static const char * const count_values[] = { "1", "2", "3", "4", "yes", "no", "not_observed" };

typedef struct
{
  char   *form;
  char   *prompt;
  gint64  position;
  guint   counts[G_N_ELEMENTS (count_values)];
} Tally;

static void
tally_free (Tally *t)
{
  g_free (t->form);
  g_free (t->prompt);
  g_free (t);
}

/* Scores of live observations dated within the range, by item. */
static gboolean
count_scores (CbStore     *store,
              CbPrivacy   *privacy,
              const char  *date_from,
              const char  *date_to,
              GHashTable  *tallies,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid, s.item, s.score FROM records r JOIN k_walk_score s ON s.id = r.id "
                         "JOIN records ro ON ro.uuid = s.observation JOIN k_observation o ON o.id = ro.id "
                         "WHERE r.deleted = 0 AND ro.deleted = 0 AND s.score IS NOT NULL "
                         "AND (?1 IS NULL OR o.date >= ?1) AND (?2 IS NULL OR o.date <= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  if (date_from && *date_from)
    sqlite3_bind_text (stmt, 1, date_from, -1, SQLITE_TRANSIENT);
  if (date_to && *date_to)
    sqlite3_bind_text (stmt, 2, date_to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tally *t = g_hash_table_lookup (tallies, cb_sql_col_text (stmt, 1));
      const char *score = cb_sql_col_text (stmt, 2);

      if (t == NULL || !cb_privacy_may_count (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      for (guint v = 0; v < G_N_ELEMENTS (count_values); v++)
        if (strcmp (score, count_values[v]) == 0)
          t->counts[v]++;
    }
  return cb_sql_finish (stmt, rc, error);
}

/**
 * cb_walk_write_counts:
 * @privacy: the rule, read in the same transaction
 * @date_from: (nullable): YYYY-MM-DD, the first observation date counted
 * @date_to: (nullable): YYYY-MM-DD, the last
 * @row: called with the header, then one row per item that has scores
 *
 * The counts of each score per form item across the observations in
 * the range: numbers only, never a teacher, an observation or a note.
 * Scores of private observations are not counted; an item or form that
 * is private is left out.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_walk_write_counts (CbStore        *store,
                      CbPrivacy      *privacy,
                      const char     *date_from,
                      const char     *date_to,
                      CbWalkRowFunc   row,
                      gpointer        data,
                      GError        **error)
{
  const char *header[] = {
    _("Form"), _("Position"), _("Item"), "1", "2", "3", "4",
    C_("walkthrough score", "Yes"), C_("walkthrough score", "No"), _("Not observed"),
    _("Scored"), _("Item ID"),
  };
  g_autoptr(GHashTable) tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) tally_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  row (header, G_N_ELEMENTS (header), data);
  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid, coalesce (f.name, ''), i.position, i.prompt FROM records r "
                         "JOIN k_walk_item i ON i.id = r.id JOIN records rf ON rf.uuid = i.form "
                         "JOIN k_walk_form f ON f.id = rf.id WHERE r.deleted = 0 AND rf.deleted = 0 "
                         "ORDER BY f.name, rf.id, i.position IS NULL, i.position, r.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tally *t;

      if (!cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      t = g_new0 (Tally, 1);
      t->form = g_strdup (cb_sql_col_text (stmt, 1));
      t->position = sqlite3_column_int64 (stmt, 2);
      t->prompt = g_strdup (cb_sql_col_text (stmt, 3));
      g_hash_table_insert (tallies, g_strdup (cb_sql_col_text (stmt, 0)), t);
      g_ptr_array_add (order, g_strdup (cb_sql_col_text (stmt, 0)));
    }
  if (!cb_sql_finish (stmt, rc, error) ||
      !count_scores (store, privacy, date_from, date_to, tallies, error))
    return FALSE;

  for (guint i = 0; i < order->len; i++)
    {
      const char *uuid = g_ptr_array_index (order, i);
      Tally *t = g_hash_table_lookup (tallies, uuid);
      char numbers[G_N_ELEMENTS (count_values) + 2][16];
      const char *fields[G_N_ELEMENTS (header)];
      guint total = 0;

      for (guint v = 0; v < G_N_ELEMENTS (count_values); v++)
        {
          total += t->counts[v];
          g_snprintf (numbers[v], sizeof numbers[v], "%u", t->counts[v]);
          fields[3 + v] = numbers[v];
        }
      if (total == 0)
        continue;
      g_snprintf (numbers[G_N_ELEMENTS (count_values)], 16, "%" G_GINT64_FORMAT, t->position);
      g_snprintf (numbers[G_N_ELEMENTS (count_values) + 1], 16, "%u", total);
      fields[0] = t->form;
      fields[1] = numbers[G_N_ELEMENTS (count_values)];
      fields[2] = t->prompt;
      fields[3 + G_N_ELEMENTS (count_values)] = numbers[G_N_ELEMENTS (count_values) + 1];
      fields[4 + G_N_ELEMENTS (count_values)] = uuid;
      row (fields, G_N_ELEMENTS (fields), data);
    }
  return TRUE;
}
