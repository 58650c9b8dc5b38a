/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cb-refs.h"
#include "cb-rounds-logic.h"

static void
group_free (gpointer data)
{
  CbRoundsGroup *group = data;

  g_free (group->key);
  g_ptr_array_unref (group->notes);
  g_free (group);
}

static CbRoundsGroup *
add_group (GPtrArray  *groups,
           GHashTable *by_key,
           const char *key)
{
  CbRoundsGroup *group = g_hash_table_lookup (by_key, key);

  if (group != NULL)
    return group;
  group = g_new0 (CbRoundsGroup, 1);
  group->key = g_strdup (key);
  group->notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (groups, group);
  g_hash_table_insert (by_key, group->key, group);
  return group;
}

static int
compare_classrooms (gconstpointer a,
                    gconstpointer b)
{
  const CbRoundsGroup *x = *(CbRoundsGroup **) a, *y = *(CbRoundsGroup **) b;

  if (*x->key == '\0' || *y->key == '\0')
    return (*x->key == '\0') - (*y->key == '\0');
  return g_utf8_collate (x->key, y->key);
}

/**
 * cb_rounds_board_groups:
 * @notes: (element-type CbRecord): the visit's notes
 * @by: how to group them
 * @focus: (nullable): the visit's focus look-fors (a REFS value)
 *
 * Returns: (transfer full) (element-type CbRoundsGroup): the groups,
 *   none empty but the focus look-fors', each note in exactly one
 */
GPtrArray *
cb_rounds_board_groups (GPtrArray        *notes,
                        CbRoundsGrouping  by,
                        const char       *focus)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) refs = cb_refs_split (focus);
  const char *field = by == CB_ROUNDS_BY_LOOK_FOR ? "look_for" : "classroom";
  CbRoundsGroup *none = NULL;

  for (guint i = 0; by == CB_ROUNDS_BY_LOOK_FOR && refs && refs[i]; i++)
    add_group (groups, by_key, refs[i]);
  for (guint i = 0; i < notes->len; i++)
    {
      CbRecord *note = g_ptr_array_index (notes, i);
      const char *key = cb_record_get (note, field);
      CbRoundsGroup *group;

      if (key == NULL || *key == '\0')
        {
          if (none == NULL)
            {
              none = g_new0 (CbRoundsGroup, 1);
              none->key = g_strdup ("");
              none->notes = g_ptr_array_new_with_free_func (g_object_unref);
            }
          group = none;
        }
      else
        group = add_group (groups, by_key, key);
      g_ptr_array_add (group->notes, g_object_ref (note));
    }
  if (by == CB_ROUNDS_BY_CLASSROOM)
    g_ptr_array_sort (groups, compare_classrooms);
  if (none != NULL)
    g_ptr_array_add (groups, none);
  return groups;
}

/**
 * cb_rounds_format_time:
 * @seconds: a note's time of day, in seconds since midnight
 *
 * Returns: (transfer full): "09:05", or "" for a negative time
 */
char *
cb_rounds_format_time (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("");
  return g_strdup_printf ("%02d:%02d", (int) (seconds / 3600 % 24), (int) (seconds / 60 % 60));
}

/**
 * cb_rounds_time_of_day:
 *
 * Returns: the seconds since midnight of @now, a note's time stamp
 */
gint64
cb_rounds_time_of_day (GDateTime *now)
{
  return g_date_time_get_hour (now) * 3600 + g_date_time_get_minute (now) * 60 + g_date_time_get_second (now);
}

/**
 * cb_rounds_parse_time:
 * @text: a time of day as typed: "9:05", "09:05", "13:40"
 *
 * Returns: its seconds since midnight, or -1 when it is not a time
 */
gint64
cb_rounds_parse_time (const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  g_auto(GStrv) parts = g_strsplit (t, ":", -1);
  guint64 hour, minute;

  if (g_strv_length (parts) != 2 || strlen (parts[1]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &hour, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &minute, NULL))
    return -1;
  return (gint64) (hour * 3600 + minute * 60);
}

/**
 * cb_rounds_current_slot:
 * @slots: (element-type CbRecord): a visit's schedule slots
 * @now: the time of day, in seconds since midnight
 *
 * Returns: the index of the slot under way at @now (its start at or
 *   before @now, its end after), the first such; -1 when none is
 */
int
cb_rounds_current_slot (GPtrArray *slots,
                        gint64     now)
{
  for (guint i = 0; i < slots->len; i++)
    {
      CbRecord *slot = g_ptr_array_index (slots, i);
      gint64 start = cb_rounds_parse_time (cb_record_get (slot, "start"));
      gint64 end = cb_rounds_parse_time (cb_record_get (slot, "end"));

      if (start >= 0 && end > start && start <= now && now < end)
        return (int) i;
    }
  return -1;
}
