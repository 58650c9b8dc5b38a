/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-store-error.h"
#include "cb-versions.h"

struct _CbVector
{
  GArray *dots; /* of CbDot, sorted by replica */
};

CbVector *
cb_vector_new (void)
{
  CbVector *self = g_new0 (CbVector, 1);
  self->dots = g_array_new (FALSE, TRUE, sizeof (CbDot));
  return self;
}

CbVector *
cb_vector_copy (const CbVector *self)
{
  CbVector *copy = cb_vector_new ();
  g_array_append_vals (copy->dots, self->dots->data, self->dots->len);
  return copy;
}

void
cb_vector_free (CbVector *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->dots);
  g_free (self);
}

static gboolean
find_dot (const CbVector *self,
          const char     *replica,
          guint          *index)
{
  guint lo = 0, hi = self->dots->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = strcmp (g_array_index (self->dots, CbDot, mid).replica, replica);
      if (c == 0)
        {
          *index = mid;
          return TRUE;
        }
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *index = lo;
  return FALSE;
}

gint64
cb_vector_get (const CbVector *self,
               const char     *replica)
{
  guint i;

  if (find_dot (self, replica, &i))
    return g_array_index (self->dots, CbDot, i).counter;
  return 0;
}

/**
 * cb_vector_set:
 *
 * Raises the entry for @replica to @counter; a vector never goes back.
 */
void
cb_vector_set (CbVector   *self,
               const char *replica,
               gint64      counter)
{
  guint i;

  g_return_if_fail (cb_replica_is_valid (replica));

  if (find_dot (self, replica, &i))
    {
      CbDot *dot = &g_array_index (self->dots, CbDot, i);
      dot->counter = MAX (dot->counter, counter);
    }
  else if (counter > 0)
    {
      CbDot dot = { { 0 }, counter };
      memcpy (dot.replica, replica, CB_REPLICA_LEN);
      g_array_insert_val (self->dots, i, dot);
    }
}

void
cb_vector_merge (CbVector       *self,
                 const CbVector *other)
{
  for (guint i = 0; i < other->dots->len; i++)
    {
      const CbDot *dot = &g_array_index (other->dots, CbDot, i);
      cb_vector_set (self, dot->replica, dot->counter);
    }
}

gboolean
cb_vector_covers (const CbVector *self,
                  const char     *replica,
                  gint64          counter)
{
  return cb_vector_get (self, replica) >= counter;
}

gboolean
cb_vector_equal (const CbVector *a,
                 const CbVector *b)
{
  if (a->dots->len != b->dots->len)
    return FALSE;
  for (guint i = 0; i < a->dots->len; i++)
    {
      const CbDot *x = &g_array_index (a->dots, CbDot, i);
      const CbDot *y = &g_array_index (b->dots, CbDot, i);
      if (x->counter != y->counter || strcmp (x->replica, y->replica) != 0)
        return FALSE;
    }
  return TRUE;
}

guint
cb_vector_get_n_dots (const CbVector *self)
{
  return self->dots->len;
}

const CbDot *
cb_vector_get_dot (const CbVector *self,
                   guint           i)
{
  g_return_val_if_fail (i < self->dots->len, NULL);
  return &g_array_index (self->dots, CbDot, i);
}

/**
 * cb_vector_parse:
 * @text: "replica:counter" pairs separated by single spaces
 *
 * Returns: (transfer full) (nullable): the vector, or %NULL on error
 */
CbVector *
cb_vector_parse (const char  *text,
                 GError     **error)
{
  g_autoptr(CbVector) self = cb_vector_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *text == '\0')
    return g_steal_pointer (&self);

  parts = g_strsplit (text, " ", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *colon = strchr (parts[i], ':');
      g_autofree char *replica = NULL;
      guint64 counter;
      char *end = NULL;

      if (colon == NULL)
        goto bad;
      replica = g_strndup (parts[i], colon - parts[i]);
      if (!cb_replica_is_valid (replica) || colon[1] == '\0' || colon[1] == '-')
        goto bad;
      counter = g_ascii_strtoull (colon + 1, &end, 10);
      if (*end != '\0' || counter == 0 || counter > G_MAXINT64 / 2)
        goto bad;
      if (cb_vector_get (self, replica) != 0)
        goto bad;
      cb_vector_set (self, replica, (gint64) counter);
    }
  return g_steal_pointer (&self);

bad:
  g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
               _("“%s” is not a valid version vector."), text);
  return NULL;
}

char *
cb_vector_to_string (const CbVector *self)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < self->dots->len; i++)
    {
      const CbDot *dot = &g_array_index (self->dots, CbDot, i);
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "%s:%" G_GINT64_FORMAT, dot->replica, dot->counter);
    }
  return g_string_free (s, FALSE);
}

gboolean
cb_replica_is_valid (const char *replica)
{
  if (replica == NULL || strlen (replica) != CB_REPLICA_LEN)
    return FALSE;
  for (guint i = 0; i < CB_REPLICA_LEN; i++)
    if (!g_ascii_isxdigit (replica[i]) || g_ascii_isupper (replica[i]))
      return FALSE;
  return TRUE;
}

char *
cb_replica_new (void)
{
  GString *s = g_string_sized_new (CB_REPLICA_LEN + 1);

  /* g_uuid_string_random() draws from a strong source; keep its random
   * hex digits (not the version nibble). The all-zero id is reserved for
   * built-in records and cannot come out of a v4 UUID's random bits in
   * practice; the loop makes sure. */
  do
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_string_truncate (s, 0);
      for (const char *p = uuid; *p && s->len < CB_REPLICA_LEN; p++)
        if (*p != '-' && p != uuid + 14)
          g_string_append_c (s, g_ascii_tolower (*p));
    }
  while (strcmp (s->str, "0000000000000000") == 0);
  return g_string_free (s, FALSE);
}

gboolean
cb_uuid_is_valid (const char *uuid)
{
  /* What g_uuid_string_is_valid() accepts, in the canonical lowercase
   * form only, so that one record never has two spellings; checked by
   * hand, since every record and reference of an import goes through it. */
  if (uuid == NULL)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    {
      char c = uuid[i];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
        return FALSE;
    }
  return uuid[36] == '\0';
}

/**
 * cb_hlc_tick:
 * @last: the last clock value this replica issued or observed
 * @wall_ms: the wall clock now
 *
 * Returns: the stamp for a new local event, greater than @last.
 */
gint64
cb_hlc_tick (gint64 last,
             gint64 wall_ms)
{
  gint64 wall = CB_HLC_FROM_MS (wall_ms);
  return MAX (last + 1, wall);
}

/**
 * cb_hlc_observe:
 * @too_far_ahead: (out) (optional): set when @remote is more than a day
 *   ahead of @wall_ms; such a stamp is kept on its value but never moves
 *   the local clock
 *
 * Returns: the new local clock after seeing @remote.
 */
gint64
cb_hlc_observe (gint64    last,
                gint64    remote,
                gint64    wall_ms,
                gboolean *too_far_ahead)
{
  gboolean ahead = CB_HLC_TO_MS (remote) > wall_ms + CB_HLC_MAX_AHEAD_MS;

  if (too_far_ahead)
    *too_far_ahead = ahead;
  if (ahead)
    return last;
  return MAX (last, remote);
}

char *
cb_hlc_format_iso (gint64 hlc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (CB_HLC_TO_MS (hlc) / 1000);
  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
