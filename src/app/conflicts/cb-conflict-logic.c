/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Describing conflicts: which fields of a record hold several values
 * (ARCHITECTURE §3: shown, never silently dropped), who wrote each and
 * when, and whether a delete on one laptop met an edit on another.
 * No GTK here: tests/test-exchange-logic.c calls it without a display. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-capture-logic.h"
#include "cb-conflict-logic.h"
#include "cb-locale.h"
#include "cb-view-logic.h"

static int
compare_shown_first (gconstpointer a,
                     gconstpointer b)
{
  const CbStamped *x = *(const CbStamped **) a;
  const CbStamped *y = *(const CbStamped **) b;

  if (cb_stamped_wins (x, y))
    return -1;
  if (cb_stamped_wins (y, x))
    return 1;
  return 0;
}

static void
conflict_field_free (CbConflictField *cf)
{
  g_ptr_array_unref (cf->values);
  g_free (cf);
}

/* Collects the values of @name, shown first first. */
static GPtrArray *
values_of (const CbState *state,
           const char    *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);

  for (guint i = 0; i < state->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (state->values, i);
      if (g_strcmp0 (v->field, name) == 0)
        g_ptr_array_add (values, cb_stamped_copy (v));
    }
  g_ptr_array_sort (values, compare_shown_first);
  return values;
}

/* Drops values equal to one shown before them: two laptops that both
 * deleted a record, or typed the same text, leave nothing to decide. */
static void
drop_equal_values (GPtrArray *values)
{
  for (guint i = 1; i < values->len; )
    {
      const CbStamped *v = g_ptr_array_index (values, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_strcmp0 (((CbStamped *) g_ptr_array_index (values, j))->value, v->value) == 0;
      if (seen)
        g_ptr_array_remove_index (values, i);
      else
        i++;
    }
}

static void
add_if_conflict (CbConflictInfo *info,
                 const CbState  *state,
                 const CbField  *field)
{
  GPtrArray *values = values_of (state, field->name);
  CbConflictField *cf;

  drop_equal_values (values);
  if (values->len < 2)
    {
      g_ptr_array_unref (values);
      return;
    }
  cf = g_new0 (CbConflictField, 1);
  cf->field = field;
  cf->values = values;
  g_ptr_array_add (info->fields, cf);
}

/**
 * cb_conflict_describe:
 * @state: a record's versioned state (cb_store_read_state())
 *
 * Returns: (transfer full): the fields of @state that hold several
 *   values, and the delete that an edit on another laptop did not see
 */
CbConflictInfo *
cb_conflict_describe (const CbState *state)
{
  CbConflictInfo *info;
  const CbField *common;
  guint n_common;
  g_autoptr(GPtrArray) deleted = NULL;

  g_return_val_if_fail (state != NULL, NULL);

  info = g_new0 (CbConflictInfo, 1);
  info->uuid = g_strdup (state->uuid);
  info->kind = cb_kind_lookup (state->kind);
  info->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_field_free);
  info->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);

  for (guint f = 0; info->kind != NULL && f < info->kind->n_fields; f++)
    add_if_conflict (info, state, &info->kind->fields[f]);
  common = cb_common_fields (&n_common);
  for (guint f = 0; f < n_common; f++)
    add_if_conflict (info, state, &common[f]);

  deleted = values_of (state, CB_FIELD_DELETED);
  if (deleted->len > 0 && g_strcmp0 (((CbStamped *) g_ptr_array_index (deleted, 0))->value, "1") == 0)
    {
      const CbStamped *del = g_ptr_array_index (deleted, 0);
      const CbStamped *newest = NULL;

      info->deleted = TRUE;
      /* An edit stamped after the delete by another laptop did not see
       * it: here a deleted record cannot be edited, only restored. */
      for (guint i = 0; i < state->values->len; i++)
        {
          const CbStamped *v = g_ptr_array_index (state->values, i);

          gboolean replaced = FALSE;

          if (g_strcmp0 (v->field, CB_FIELD_DELETED) == 0 ||
              g_strcmp0 (v->replica, del->replica) == 0 ||
              v->hlc <= del->hlc)
            continue;
          if (newest == NULL || cb_stamped_wins (v, newest))
            newest = v;
          for (guint j = 0; j < info->edits->len && !replaced; j++)
            {
              CbStamped *e = g_ptr_array_index (info->edits, j);

              if (g_strcmp0 (e->field, v->field) != 0)
                continue;
              replaced = TRUE;
              if (cb_stamped_wins (v, e))
                {
                  g_ptr_array_index (info->edits, j) = cb_stamped_copy (v);
                  cb_stamped_free (e);
                }
            }
          if (!replaced)
            g_ptr_array_add (info->edits, cb_stamped_copy (v));
        }
      if (newest != NULL)
        {
          info->delete_stamp = cb_stamped_copy (del);
          info->edit_stamp = cb_stamped_copy (newest);
        }
    }
  return info;
}

void
cb_conflict_info_free (CbConflictInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_ptr_array_unref (info->fields);
  g_ptr_array_unref (info->edits);
  g_clear_pointer (&info->delete_stamp, cb_stamped_free);
  g_clear_pointer (&info->edit_stamp, cb_stamped_free);
  g_free (info);
}

gboolean
cb_conflict_info_deleted_edited (const CbConflictInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return info->edit_stamp != NULL;
}

/**
 * cb_conflict_info_is_resolved:
 *
 * Returns: %TRUE when nothing is left to decide
 */
gboolean
cb_conflict_info_is_resolved (const CbConflictInfo *info)
{
  g_return_val_if_fail (info != NULL, TRUE);

  return info->fields->len == 0 && info->edit_stamp == NULL;
}

/**
 * cb_conflict_short_replica:
 *
 * Returns: (transfer full): the first six digits of a laptop's replica
 *   id, enough to tell a coach's laptops apart
 */
char *
cb_conflict_short_replica (const char *replica)
{
  return g_strndup (replica ? replica : "", 6);
}

/**
 * cb_conflict_format_time:
 * @tz: (nullable): the time zone; %NULL for the local one
 *
 * Returns: (transfer full): when an edit was made, from its clock
 */
char *
cb_conflict_format_time (gint64     hlc,
                         GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (CB_HLC_TO_MS (hlc) / 1000);
  g_autoptr(GTimeZone) local = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;

  if (utc == NULL)
    return g_strdup ("");
  dt = g_date_time_to_timezone (utc, local);
  /* TRANSLATORS: when a value was written, see g_date_time_format(); e.g. "Sep 16, 2025, 17:05" */
  return cb_date_time_format (dt, _("%b %-d, %Y, %H:%M"));
}

/**
 * cb_conflict_format_source:
 * @author: (nullable): the coach on that laptop, "" or %NULL if unknown
 * @own_replica: (nullable): this laptop's replica id
 *
 * Returns: (transfer full): who wrote a value, on which laptop and
 *   when: "Ana García · laptop a5a5a5 · Sep 16, 2025, 17:05"
 */
char *
cb_conflict_format_source (const char *author,
                           const char *replica,
                           gint64      hlc,
                           const char *own_replica,
                           GTimeZone  *tz)
{
  g_autofree char *when = cb_conflict_format_time (hlc, tz);
  g_autofree char *laptop = cb_conflict_short_replica (replica);

  if (own_replica != NULL && g_strcmp0 (replica, own_replica) == 0)
    /* TRANSLATORS: who wrote a value: you, on this laptop; %s is when */
    return g_strdup_printf (_("You · this laptop · %s"), when);
  if (author == NULL || *author == '\0')
    /* TRANSLATORS: who wrote a value: an unknown coach, their laptop's short id, and when */
    return g_strdup_printf (_("A colleague (laptop %s) · %s"), laptop, when);
  /* TRANSLATORS: who wrote a value: a coach, their laptop's short id, and when */
  return g_strdup_printf (_("%s · laptop %s · %s"), author, laptop, when);
}

/**
 * cb_conflict_format_value:
 * @names: (nullable): to name referenced records
 *
 * Returns: (transfer full): a value as a coach reads it
 */
char *
cb_conflict_format_value (CbNames       *names,
                          const CbField *field,
                          const char    *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (g_strcmp0 (field->name, CB_FIELD_DELETED) == 0)
    return g_strdup (g_strcmp0 (value, "1") == 0 ? _("In the Trash") : _("Not deleted"));
  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));

  switch (field->type)
    {
    case CB_TYPE_BOOL:
      return g_strdup (g_strcmp0 (value, "1") == 0 ? _("Yes") : _("No"));
    case CB_TYPE_ENUM:
      return g_strdup (cb_field_choice_label (field, value));
    case CB_TYPE_REF:
      if (names != NULL)
        {
          const char *title = cb_names_lookup (names, value);
          return g_strdup (*title ? title : _("(a missing record)"));
        }
      return g_strdup (value);
    case CB_TYPE_REFS:
      if (names != NULL)
        {
          char *joined = cb_names_join (names, value, ", ");
          if (*joined != '\0')
            return joined;
          g_free (joined);
          return g_strdup (_("(missing records)"));
        }
      return g_strdup (value);
    case CB_TYPE_DATE:
      return cb_date_label (value, NULL);
    case CB_TYPE_TEXT:
    case CB_TYPE_LONGTEXT:
    case CB_TYPE_INT:
    case CB_TYPE_NUMBER:
    case CB_TYPE_TIME:
    case CB_TYPE_LIST:
    case CB_TYPE_DATA:
    default:
      return g_strdup (value);
    }
}

/**
 * cb_conflict_can_join:
 *
 * Returns: %TRUE when both values can be kept in one: texts, lists and
 *   lists of records
 */
gboolean
cb_conflict_can_join (const CbField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return field->type == CB_TYPE_TEXT || field->type == CB_TYPE_LONGTEXT ||
         field->type == CB_TYPE_LIST || field->type == CB_TYPE_REFS;
}

static void
append_unique_parts (GPtrArray  *parts,
                     char      **split)
{
  for (guint i = 0; split[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      if (*split[i] == '\0')
        continue;
      for (guint j = 0; j < parts->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (parts, j), split[i]) == 0;
      if (!seen)
        g_ptr_array_add (parts, g_strdup (split[i]));
    }
}

/**
 * cb_conflict_join:
 * @values: (element-type CbStamped): the values, shown first first
 *
 * Keeps several values in one: lists and lists of records get the
 * union in order, texts are joined (a blank line between paragraphs, a
 * slash on one line), each distinct text once.
 *
 * Returns: (transfer full): the joined value
 */
char *
cb_conflict_join (const CbField *field,
                  GPtrArray     *values)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *sep;

  g_return_val_if_fail (field != NULL && values != NULL, NULL);

  for (guint i = 0; i < values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (values, i);
      g_auto(GStrv) split = NULL;

      if (field->type == CB_TYPE_REFS)
        split = cb_refs_split (v->value);
      else if (field->type == CB_TYPE_LIST)
        split = g_strsplit (v->value ? v->value : "", "\n", -1);
      else
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (v->value ? v->value : ""));
          split = g_new0 (char *, 2);
          split[0] = g_steal_pointer (&trimmed);
        }
      append_unique_parts (parts, split);
    }

  switch (field->type)
    {
    case CB_TYPE_REFS:
      sep = " ";
      break;
    case CB_TYPE_LIST:
      sep = "\n";
      break;
    case CB_TYPE_LONGTEXT:
      sep = "\n\n";
      break;
    case CB_TYPE_TEXT:
    case CB_TYPE_INT:
    case CB_TYPE_NUMBER:
    case CB_TYPE_BOOL:
    case CB_TYPE_DATE:
    case CB_TYPE_TIME:
    case CB_TYPE_ENUM:
    case CB_TYPE_REF:
    case CB_TYPE_DATA:
    default:
      sep = " / ";
      break;
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (sep, (char **) parts->pdata);
}

/**
 * cb_conflict_banner_text:
 * @delete_author: who deleted the record, as it should be shown
 * @edit_author: who edited it after
 *
 * Returns: (transfer full): "Deleted on … by …, edited on … by …", or
 *   %NULL when the record was not deleted while edited elsewhere
 */
char *
cb_conflict_banner_text (const CbConflictInfo *info,
                         const char           *delete_author,
                         const char           *edit_author,
                         GTimeZone            *tz)
{
  g_autofree char *deleted_on = NULL;
  g_autofree char *edited_on = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->edit_stamp == NULL)
    return NULL;
  deleted_on = cb_conflict_format_time (info->delete_stamp->hlc, tz);
  edited_on = cb_conflict_format_time (info->edit_stamp->hlc, tz);
  /* TRANSLATORS: a record deleted on one laptop and edited on another:
   * 1 and 3 are dates with times, 2 and 4 coaches */
  return g_strdup_printf (_("Deleted on %1$s by %2$s, edited on %3$s by %4$s"),
                          deleted_on, delete_author, edited_on, edit_author);
}

/**
 * cb_conflict_copy_fields:
 * @field: the field whose value the copy takes from @value
 * @names: (element-type utf8): receives field names (static)
 * @values: (element-type utf8): receives their values, owned by @state
 *   or @value
 *
 * What "keep both as separate records" writes into the copy: every
 * field as it is shown, except @field, which takes @value. The copy is
 * not in the Trash.
 */
void
cb_conflict_copy_fields (const CbState *state,
                         const char    *field,
                         const char    *value,
                         GPtrArray     *names,
                         GPtrArray     *values)
{
  const CbKind *kind;

  g_return_if_fail (state != NULL && field != NULL);

  kind = cb_kind_lookup (state->kind);
  for (guint f = 0; kind != NULL && f < kind->n_fields + 1; f++)
    {
      const char *name = f < kind->n_fields ? kind->fields[f].name : CB_FIELD_PRIVACY;
      const CbStamped *shown = NULL;

      for (guint i = 0; i < state->values->len; i++)
        {
          const CbStamped *v = g_ptr_array_index (state->values, i);
          if (g_strcmp0 (v->field, name) == 0 && (shown == NULL || cb_stamped_wins (v, shown)))
            shown = v;
        }
      if (g_strcmp0 (name, field) == 0)
        {
          g_ptr_array_add (names, (gpointer) name);
          g_ptr_array_add (values, (gpointer) value);
        }
      else if (shown != NULL)
        {
          g_ptr_array_add (names, (gpointer) name);
          g_ptr_array_add (values, shown->value);
        }
    }
}

/**
 * cb_conflict_describe_short:
 *
 * Returns: (transfer full): a line for the list: which fields differ
 */
char *
cb_conflict_describe_short (const CbConflictInfo *info)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->edit_stamp != NULL && info->fields->len == 0)
    return g_strdup (_("Deleted on one laptop, edited on another"));
  for (guint i = 0; i < info->fields->len; i++)
    {
      const CbConflictField *cf = g_ptr_array_index (info->fields, i);
      g_ptr_array_add (labels, (gpointer) cb_field_get_label (cf->field));
    }
  g_ptr_array_add (labels, NULL);
  joined = g_strjoinv (", ", (char **) labels->pdata);
  if (info->edit_stamp != NULL)
    /* TRANSLATORS: %s lists the fields that hold two versions */
    return g_strdup_printf (_("Deleted on one laptop, edited on another; two versions of %s"), joined);
  /* TRANSLATORS: %s lists the fields that hold two versions */
  return g_strdup_printf (_("Two versions of %s"), joined);
}

/* Records the store flags; what is left to decide is checked again from
 * their values. */
static void
add_conflicted (CbStore    *store,
                GPtrArray  *out,
                GHashTable *seen,
                GPtrArray  *records,
                guint       limit)
{
  for (guint i = 0; i < records->len && out->len < limit; i++)
    {
      CbRecord *record = g_ptr_array_index (records, i);
      g_autoptr(CbState) state = cb_store_read_state (store, cb_record_get_uuid (record), NULL);
      g_autoptr(CbConflictInfo) info = state ? cb_conflict_describe (state) : NULL;

      if (info == NULL || cb_conflict_info_is_resolved (info))
        continue;
      if (g_hash_table_add (seen, g_strdup (cb_record_get_uuid (record))))
        g_ptr_array_add (out, g_object_ref (record));
    }
}

/**
 * cb_conflicts_find:
 * @limit: the most records returned
 *
 * Every record, of every kind and in the Trash too, with a field that
 * holds several values, then every record deleted on one laptop while
 * edited on another: the records cb_store_count_conflicts() counts, read
 * from the indexes that hold only them (cb_store_list_conflicts()).
 *
 * Returns: (transfer full) (element-type CbRecord): the records
 */
GPtrArray *
cb_conflicts_find (CbStore  *store,
                   guint     limit,
                   GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  records = cb_store_list_conflicts (store, limit, error);
  if (records == NULL)
    return NULL;
  add_conflicted (store, out, seen, records, limit);
  return g_steal_pointer (&out);
}

/**
 * cb_conflicts_count:
 *
 * Returns: how many records the Conflicts section lists
 */
guint
cb_conflicts_count (CbStore *store)
{
  /* two index seeks, cheap enough to run after every edit */
  return cb_store_count_conflicts (store);
}
