/* SPDX-License-Identifier: GPL-3.0-or-later */
/* REFS values (see cb-refs.h): read and changed as text, the way they
 * are stored, so every part of Coachbook splits and joins them alike. */

#include "config.h"

#include <string.h>

#include "cb-refs.h"

static char *
join_refs (GPtrArray *items)
{
  g_ptr_array_add (items, NULL);
  return g_strjoinv (" ", (char **) items->pdata);
}

/**
 * cb_refs_split:
 * @refs: (nullable): a REFS value
 *
 * Returns: (transfer full): the UUIDs of @refs, empty parts dropped
 */
char **
cb_refs_split (const char *refs)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (refs != NULL)
    {
      parts = g_strsplit (refs, " ", -1);
      for (guint i = 0; parts[i]; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (b, parts[i]);
    }
  return g_strv_builder_end (b);
}

/**
 * cb_refs_count:
 *
 * Returns: how many UUIDs @refs names
 */
guint
cb_refs_count (const char *refs)
{
  g_auto(GStrv) parts = cb_refs_split (refs);

  return g_strv_length (parts);
}

/**
 * cb_refs_contains:
 * @refs: (nullable): a REFS value
 * @uuid: (nullable): a UUID
 *
 * Looks for @uuid in place, without splitting: reports call this for
 * every row they read.
 *
 * Returns: whether @uuid is one of @refs
 */
gboolean
cb_refs_contains (const char *refs,
                  const char *uuid)
{
  gsize n;
  const char *p;

  if (refs == NULL || uuid == NULL || (n = strlen (uuid)) == 0 || strchr (uuid, ' ') != NULL)
    return FALSE;
  for (p = refs; (p = strstr (p, uuid)) != NULL; p += n)
    if ((p == refs || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return TRUE;
  return FALSE;
}

/**
 * cb_refs_remove:
 *
 * Returns: (transfer full): @refs without @uuid
 */
char *
cb_refs_remove (const char *refs,
                const char *uuid)
{
  g_auto(GStrv) parts = cb_refs_split (refs);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; parts[i]; i++)
    if (g_strcmp0 (parts[i], uuid) != 0)
      g_ptr_array_add (out, parts[i]);
  return join_refs (out);
}

/**
 * cb_refs_toggle:
 *
 * Returns: (transfer full): @refs with @uuid appended if it was missing,
 *   removed if it was there.
 */
char *
cb_refs_toggle (const char *refs,
                const char *uuid)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (uuid != NULL && *uuid != '\0', g_strdup (refs ? refs : ""));

  if (cb_refs_contains (refs, uuid))
    return cb_refs_remove (refs, uuid);

  parts = cb_refs_split (refs);
  out = g_ptr_array_new ();
  for (guint i = 0; parts[i]; i++)
    g_ptr_array_add (out, parts[i]);
  g_ptr_array_add (out, (char *) uuid);
  return join_refs (out);
}
