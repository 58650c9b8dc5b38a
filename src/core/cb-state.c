/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cb-state.h"

CbStamped *
cb_stamped_new (const char *field,
                const char *value,
                const char *replica,
                gint64      counter,
                gint64      hlc)
{
  CbStamped *self = g_new0 (CbStamped, 1);

  self->field = g_strdup (field);
  self->value = g_strdup (value ? value : "");
  g_strlcpy (self->replica, replica, sizeof self->replica);
  self->counter = counter;
  self->hlc = hlc;
  return self;
}

CbStamped *
cb_stamped_copy (const CbStamped *self)
{
  return cb_stamped_new (self->field, self->value, self->replica, self->counter, self->hlc);
}

void
cb_stamped_free (CbStamped *self)
{
  if (self == NULL)
    return;
  g_free (self->field);
  g_free (self->value);
  g_free (self);
}

/* Canonical order: field, then replica, then counter. A (field, replica,
 * counter) triple is unique within one record. */
int
cb_stamped_compare (const CbStamped *a,
                    const CbStamped *b)
{
  int c = strcmp (a->field, b->field);
  if (c != 0)
    return c;
  c = strcmp (a->replica, b->replica);
  if (c != 0)
    return c;
  return (a->counter > b->counter) - (a->counter < b->counter);
}

/**
 * cb_stamped_wins:
 *
 * Returns: %TRUE if @a is shown before @b: the higher (hlc, replica,
 *   counter) wins. The order only chooses what is displayed first; every
 *   value is kept.
 */
gboolean
cb_stamped_wins (const CbStamped *a,
                 const CbStamped *b)
{
  int c;

  if (a->hlc != b->hlc)
    return a->hlc > b->hlc;
  c = strcmp (a->replica, b->replica);
  if (c != 0)
    return c > 0;
  return a->counter > b->counter;
}

CbState *
cb_state_new (const char *uuid,
              const char *kind,
              const char *author,
              const char *created)
{
  CbState *self = g_new0 (CbState, 1);

  self->uuid = g_strdup (uuid);
  self->kind = g_strdup (kind);
  self->author = g_strdup (author ? author : "");
  self->created = g_strdup (created ? created : "");
  self->vector = cb_vector_new ();
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  return self;
}

CbState *
cb_state_copy (const CbState *self)
{
  CbState *copy = cb_state_new (self->uuid, self->kind, self->author, self->created);

  cb_vector_free (copy->vector);
  copy->vector = cb_vector_copy (self->vector);
  for (guint i = 0; i < self->values->len; i++)
    g_ptr_array_add (copy->values, cb_stamped_copy (g_ptr_array_index (self->values, i)));
  return copy;
}

void
cb_state_free (CbState *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->kind);
  g_free (self->author);
  g_free (self->created);
  cb_vector_free (self->vector);
  g_ptr_array_unref (self->values);
  g_free (self);
}

void
cb_state_add (CbState   *self,
              CbStamped *value)
{
  g_ptr_array_add (self->values, value);
}

static int
compare_ptrs (gconstpointer a,
              gconstpointer b)
{
  return cb_stamped_compare (*(CbStamped * const *) a, *(CbStamped * const *) b);
}

void
cb_state_sort (CbState *self)
{
  g_ptr_array_sort (self->values, compare_ptrs);
}

gboolean
cb_state_equal (const CbState *a,
                const CbState *b)
{
  if (g_strcmp0 (a->uuid, b->uuid) != 0 ||
      g_strcmp0 (a->kind, b->kind) != 0 ||
      g_strcmp0 (a->author, b->author) != 0 ||
      g_strcmp0 (a->created, b->created) != 0 ||
      !cb_vector_equal (a->vector, b->vector) ||
      a->values->len != b->values->len)
    return FALSE;

  for (guint i = 0; i < a->values->len; i++)
    {
      const CbStamped *x = g_ptr_array_index (a->values, i);
      const CbStamped *y = g_ptr_array_index (b->values, i);
      if (cb_stamped_compare (x, y) != 0 || x->hlc != y->hlc ||
          strcmp (x->value, y->value) != 0)
        return FALSE;
    }
  return TRUE;
}
