/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data picture of an instructional-rounds visit: counts of notes by
 * look-for (and by classroom only when the group chose to show its
 * labels), the pattern cards with a few of their lines, the predictions
 * and the next level of work. Notes and cards that may not leave are
 * left out by the privacy rule; a teacher's name is never shown, even
 * when an observer typed it into a note. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-privacy.h"
#include "cb-refs.h"
#include "cb-rounds.h"
#include "cb-store-error.h"

static void
count_free (gpointer data)
{
  CbRoundsCount *count = data;

  g_free (count->label);
  g_free (count);
}

static void
pattern_free (gpointer data)
{
  CbRoundsPattern *pattern = data;

  g_free (pattern->title);
  g_free (pattern->description);
  g_ptr_array_unref (pattern->examples);
  g_free (pattern);
}

void
cb_rounds_picture_free (CbRoundsPicture *picture)
{
  if (picture == NULL)
    return;
  g_free (picture->title);
  g_free (picture->school);
  g_free (picture->date);
  g_free (picture->problem);
  g_ptr_array_unref (picture->by_look_for);
  g_ptr_array_unref (picture->by_classroom);
  g_ptr_array_unref (picture->patterns);
  g_free (picture->predictions);
  g_free (picture->next_week);
  g_free (picture->next_month);
  g_free (picture->next_year);
  g_free (picture);
}

/**
 * cb_rounds_hide_names:
 * @text: a line of notes
 * @names: (element-type utf8): names that must not be shown
 * @stand_in: what shows instead
 *
 * Returns: (transfer full): @text with every one of @names, in any
 *   case, replaced by @stand_in
 */
char *
cb_rounds_hide_names (const char *text,
                      GPtrArray  *names,
                      const char *stand_in)
{
  g_autofree char *out = g_strdup (text ? text : "");

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *escaped = NULL;
      g_autoptr(GRegex) regex = NULL;
      char *next;

      if (name == NULL || g_utf8_strlen (name, -1) < 2)
        continue;
      escaped = g_regex_escape_string (name, -1);
      regex = g_regex_new (escaped, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      if (regex == NULL)
        continue;
      next = g_regex_replace_literal (regex, out, -1, 0, stand_in, 0, NULL);
      if (next != NULL)
        {
          g_free (out);
          out = next;
        }
    }
  return g_steal_pointer (&out);
}

/* What the picture must not show: every teacher's name, and the
 * classroom labels unless the group chose them. */
typedef struct
{
  GPtrArray *teachers;
  GPtrArray *rooms;
} Hidden;

static char *
hide (Hidden     *hidden,
      const char *text)
{
  /* TRANSLATORS: stands in a rounds note for a teacher's name */
  g_autofree char *once = cb_rounds_hide_names (text, hidden->teachers, _("[teacher]"));

  /* TRANSLATORS: stands in a rounds note for a classroom's label */
  return cb_rounds_hide_names (once, hidden->rooms, _("[classroom]"));
}

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  return (int) strlen (*(char **) b) - (int) strlen (*(char **) a);
}

static GPtrArray *
room_labels (CbRecord  *visit,
             GPtrArray *notes,
             GPtrArray *slots)
{
  GPtrArray *rooms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (cb_record_get_bool (visit, "show_classrooms"))
    return rooms;
  for (guint i = 0; i < notes->len; i++)
    {
      const char *room = cb_record_get (g_ptr_array_index (notes, i), "classroom");

      if (room && *room && g_hash_table_add (seen, (gpointer) room))
        g_ptr_array_add (rooms, g_strdup (room));
    }
  for (guint i = 0; i < slots->len; i++)
    {
      const char *room = cb_record_get (g_ptr_array_index (slots, i), "classroom");

      if (room && *room && g_hash_table_add (seen, (gpointer) room))
        g_ptr_array_add (rooms, g_strdup (room));
    }
  /* "Room 10" must not leave "Room 105" half hidden */
  g_ptr_array_sort (rooms, compare_longest_first);
  return rooms;
}

static CbRoundsCount *
find_count (GPtrArray  *counts,
            const char *label)
{
  CbRoundsCount *count;

  for (guint i = 0; i < counts->len; i++)
    {
      count = g_ptr_array_index (counts, i);
      if (g_strcmp0 (count->label, label) == 0)
        return count;
    }
  count = g_new0 (CbRoundsCount, 1);
  count->label = g_strdup (label);
  g_ptr_array_add (counts, count);
  return count;
}

static void
add_teachers (GPtrArray *names,
              GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      const char *teacher = cb_record_get (g_ptr_array_index (records, i), "teacher");
      g_autofree char *stripped = g_strstrip (g_strdup (teacher ? teacher : ""));

      if (*stripped)
        g_ptr_array_add (names, g_steal_pointer (&stripped));
    }
}

/* Every teacher's name the picture must hide: the names kept on the
 * visit's notes and schedule, and every person whose role is teacher. */
static GPtrArray *
teacher_names (CbStore   *store,
               GPtrArray *notes,
               GPtrArray *slots,
               GError   **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = NULL;
  CbFilter filter = { .kind = "person" };

  add_teachers (names, notes);
  add_teachers (names, slots);
  if ((people = cb_store_list (store, &filter, G_MAXUINT, error)) == NULL)
    return NULL;
  for (guint i = 0; i < people->len; i++)
    {
      CbRecord *person = g_ptr_array_index (people, i);
      const char *name = cb_record_get (person, "name");

      if (g_strcmp0 (cb_record_get (person, "role"), "teacher") == 0 && name && *name)
        g_ptr_array_add (names, g_strdup (name));
    }
  return g_steal_pointer (&names);
}

static void
count_notes (CbRoundsPicture *picture,
             CbRecord        *visit,
             GPtrArray       *notes,
             GHashTable      *look_fors)
{
  g_auto(GStrv) focus = cb_refs_split (cb_record_get (visit, "look_fors"));
  g_autoptr(GHashTable) rooms = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean show = cb_record_get_bool (visit, "show_classrooms");

  for (guint i = 0; focus && focus[i]; i++)
    {
      const char *label = g_hash_table_lookup (look_fors, focus[i]);
      if (label != NULL)
        find_count (picture->by_look_for, label);
    }
  for (guint i = 0; i < notes->len; i++)
    {
      CbRecord *note = g_ptr_array_index (notes, i);
      const char *label = g_hash_table_lookup (look_fors, cb_record_get (note, "look_for") ?: "");
      const char *room = cb_record_get (note, "classroom");

      find_count (picture->by_look_for, label ? label : _("No look-for"))->count++;
      if (room && *room)
        {
          g_hash_table_add (rooms, (gpointer) room);
          if (show)
            find_count (picture->by_classroom, room)->count++;
        }
    }
  picture->n_notes = notes->len;
  picture->n_classrooms = g_hash_table_size (rooms);
}

static gboolean
load_patterns (CbStore         *store,
               CbPrivacy       *privacy,
               const char      *visit,
               CbRoundsPicture *picture,
               GPtrArray       *notes,
               Hidden          *hidden,
               GError         **error)
{
  g_autoptr(GPtrArray) cards = cb_store_children (store, "rounds_pattern", visit, error);

  if (cards == NULL)
    return FALSE;
  for (guint i = 0; i < cards->len; i++)
    {
      CbRecord *card = g_ptr_array_index (cards, i);
      const char *uuid = cb_record_get_uuid (card);
      CbRoundsPattern *pattern;

      if (!cb_privacy_record_may_leave (privacy, uuid))
        continue;
      pattern = g_new0 (CbRoundsPattern, 1);
      pattern->title = hide (hidden, cb_record_get (card, "title"));
      pattern->description = hide (hidden, cb_record_get (card, "description"));
      pattern->examples = g_ptr_array_new_with_free_func (g_free);
      for (guint n = 0; n < notes->len; n++)
        {
          CbRecord *note = g_ptr_array_index (notes, n);

          if (g_strcmp0 (cb_record_get (note, "pattern"), uuid) != 0)
            continue;
          if (pattern->n_notes++ < CB_ROUNDS_EXAMPLES)
            g_ptr_array_add (pattern->examples, hide (hidden, cb_record_get (note, "text")));
        }
      g_ptr_array_add (picture->patterns, pattern);
    }
  return TRUE;
}

static GPtrArray *
load_notes (CbStore     *store,
            CbPrivacy   *privacy,
            const char  *visit,
            GError     **error)
{
  g_autoptr(GPtrArray) all = cb_store_children (store, "rounds_note", visit, error);
  GPtrArray *notes;

  if (all == NULL)
    return NULL;
  notes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (cb_privacy_record_may_leave (privacy, cb_record_get_uuid (g_ptr_array_index (all, i))))
      g_ptr_array_add (notes, g_object_ref (g_ptr_array_index (all, i)));
  return notes;
}

/**
 * cb_rounds_picture_load:
 * @visit: a rounds visit
 *
 * Reads the data picture of @visit. A private visit is refused; private
 * notes and cards are left out, the private notes field never read.
 *
 * Returns: (transfer full) (nullable): the picture
 */
CbRoundsPicture *
cb_rounds_picture_load (CbStore     *store,
                        const char  *visit,
                        GError     **error)
{
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(CbRoundsPicture) picture = NULL;
  g_autoptr(GHashTable) look_fors = NULL;
  g_autoptr(GHashTable) schools = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  Hidden hidden;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (visit != NULL, NULL);

  if ((record = cb_store_get (store, visit, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (record), "rounds_visit") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a rounds visit."), visit);
      return NULL;
    }
  if ((privacy = cb_privacy_new (store, error)) == NULL)
    return NULL;
  if (!cb_privacy_record_may_leave (privacy, visit))
    {
      g_set_error_literal (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                           _("This rounds visit is private: its data picture cannot leave this laptop."));
      return NULL;
    }
  if ((look_fors = cb_privacy_load_names (privacy, "look_for", error)) == NULL ||
      (schools = cb_privacy_load_names (privacy, "school", error)) == NULL ||
      (notes = load_notes (store, privacy, visit, error)) == NULL ||
      (slots = cb_store_children (store, "rounds_slot", visit, error)) == NULL ||
      (names = teacher_names (store, notes, slots, error)) == NULL)
    return NULL;
  /* every name is hidden, even a private slot's: hiding leaks nothing */
  rooms = room_labels (record, notes, slots);
  hidden = (Hidden) { names, rooms };

  picture = g_new0 (CbRoundsPicture, 1);
  picture->by_look_for = g_ptr_array_new_with_free_func (count_free);
  picture->by_classroom = g_ptr_array_new_with_free_func (count_free);
  picture->patterns = g_ptr_array_new_with_free_func (pattern_free);
  picture->title = hide (&hidden, cb_record_get_title (record));
  picture->school = g_strdup (g_hash_table_lookup (schools, cb_record_get (record, "school") ?: ""));
  picture->date = g_strdup (cb_record_get (record, "date"));
  picture->problem = hide (&hidden, cb_record_get (record, "problem"));
  picture->predictions = hide (&hidden, cb_record_get (record, "predictions"));
  picture->next_week = hide (&hidden, cb_record_get (record, "next_week"));
  picture->next_month = hide (&hidden, cb_record_get (record, "next_month"));
  picture->next_year = hide (&hidden, cb_record_get (record, "next_year"));
  count_notes (picture, record, notes, look_fors);
  if (!load_patterns (store, privacy, visit, picture, notes, &hidden, error))
    return NULL;
  return g_steal_pointer (&picture);
}
