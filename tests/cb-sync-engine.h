/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A sync engine as the property test sees one (tests/test-property.c):
 * each laptop has its own copy of the sync folder, and the engine moves
 * files between two copies late, in part, half-written, or twice under
 * a conflict copy's name; a laptop's own folder is the truth about its
 * files, so what its author compacted away goes away elsewhere too.
 * cb_sync_engine_settle() then brings every copy to the same files, as
 * an engine does once everyone is online. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* "dir/name" → content, for the files of one copy (temporary files and
 * hidden folders aside). */
static inline GHashTable *
cb_sync_engine_files (const char *folder)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) top = g_dir_open (folder, 0, NULL);
  const char *sub;

  while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *dir = g_build_filename (folder, sub, NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          char *data = NULL;
          gsize len = 0;

          if (name[0] == '.' || !g_file_get_contents (path, &data, &len, NULL))
            continue;
          g_hash_table_insert (out, g_strdup_printf ("%s/%s", sub, name), g_bytes_new_take (data, len));
        }
    }
  return out;
}

static inline void
cb_sync_engine_put (const char *folder,
                    const char *rel,
                    GBytes     *bytes,
                    gsize       len)
{
  g_autofree char *path = g_build_filename (folder, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), len, NULL));
}

/* Whether @bytes is a whole exchange file, not one cut short. */
static inline gboolean
cb_sync_engine_whole (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *end = "</coachbook>\n";

  return len >= strlen (end) && memcmp (data + len - strlen (end), end, strlen (end)) == 0;
}

/* One pass of the engine from @src to @dst: each file @dst lacks (or
 * holds cut short) arrives whole, late, half under a temporary name,
 * cut short under its own name, or whole and again as a conflict copy
 * holding another file's bytes. Files of @src_replica's own folder that
 * @src no longer has (compacted) leave @dst. */
static inline void
cb_sync_engine_step (GRand      *rand,
                     const char *src,
                     const char *dst,
                     const char *src_replica,
                     GString    *trace)
{
  g_autoptr(GHashTable) from = cb_sync_engine_files (src);
  g_autoptr(GHashTable) to = cb_sync_engine_files (dst);
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (from), (GCompareFunc) strcmp);
  g_autoptr(GList) theirs = g_list_sort (g_hash_table_get_keys (to), (GCompareFunc) strcmp);
  g_autofree char *own = g_strconcat (src_replica, "/", NULL);
  guint n = 0;

  for (GList *l = theirs; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, own) && !g_hash_table_contains (from, l->data) &&
        strstr (l->data, "conflict") == NULL)
      {
        g_autofree char *path = g_build_filename (dst, l->data, NULL);
        g_unlink (path);
      }
  for (GList *l = names; l != NULL; l = l->next, n++)
    {
      const char *rel = l->data;
      GBytes *bytes = g_hash_table_lookup (from, rel);
      GBytes *there = g_hash_table_lookup (to, rel);
      gsize len = g_bytes_get_size (bytes);
      double r = g_rand_double (rand);

      if (there != NULL && g_bytes_get_size (there) >= len)
        continue;
      if (r < 0.25)
        continue;                       /* later */
      if (r < 0.35)
        {
          g_autofree char *dir = g_path_get_dirname (rel);
          g_autofree char *base = g_path_get_basename (rel);
          g_autofree char *tmp = g_strdup_printf ("%s/.syncthing.%s.tmp", dir, base);
          cb_sync_engine_put (dst, tmp, bytes, len / 2);
          g_string_append_printf (trace, "  engine: %s half in a temporary file\n", rel);
          continue;
        }
      if (r < 0.42)
        {
          cb_sync_engine_put (dst, rel, bytes, len * 2 / 3);
          g_string_append_printf (trace, "  engine: %s cut short\n", rel);
          continue;
        }
      cb_sync_engine_put (dst, rel, bytes, len);
      if (r > 0.92 && g_hash_table_size (from) > 1)
        {
          GList *other = g_list_nth (names, g_rand_int_range (rand, 0, g_hash_table_size (from)));
          GBytes *copy = g_hash_table_lookup (from, other->data);
          g_autofree char *stem = g_strndup (rel, strlen (rel) - strlen (".xml"));
          g_autofree char *name = g_strdup_printf ("%s.sync-conflict-20261207-1015%02u-ABCDEFG.xml", stem, n % 60);

          /* a conflict copy is a whole version of a file */
          if (!cb_sync_engine_whole (copy))
            continue;
          cb_sync_engine_put (dst, name, copy, g_bytes_get_size (copy));
          g_string_append_printf (trace, "  engine: %s with a conflict copy of %s\n", rel, (char *) other->data);
        }
    }
}

/* Every copy gets the same files: each laptop's own folder as it has
 * it, the rest whole; temporary files go. */
static inline void
cb_sync_engine_settle (GPtrArray *folders,
                       GPtrArray *replicas)
{
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < folders->len; i++)
    {
      g_autoptr(GHashTable) files = cb_sync_engine_files (g_ptr_array_index (folders, i));
      GHashTableIter iter;
      gpointer rel, bytes;

      g_hash_table_iter_init (&iter, files);
      while (g_hash_table_iter_next (&iter, &rel, &bytes))
        {
          GBytes *known = g_hash_table_lookup (all, rel);
          gboolean authored = FALSE;

          for (guint j = 0; j < replicas->len; j++)
            if (j != i && g_str_has_prefix (rel, g_ptr_array_index (replicas, j)) &&
                ((char *) rel)[strlen (g_ptr_array_index (replicas, j))] == '/' &&
                strstr (rel, "conflict") == NULL)
              authored = TRUE;  /* another laptop's own file: its author says */
          if (authored)
            continue;
          if (known == NULL || g_bytes_get_size (known) < g_bytes_get_size (bytes))
            g_hash_table_insert (all, g_strdup (rel), g_bytes_ref (bytes));
        }
    }
  for (guint i = 0; i < folders->len; i++)
    {
      const char *folder = g_ptr_array_index (folders, i);
      g_autoptr(GHashTable) files = cb_sync_engine_files (folder);
      g_autoptr(GDir) top = g_dir_open (folder, 0, NULL);
      GHashTableIter iter;
      gpointer rel, bytes;
      const char *sub;

      /* temporary files go */
      while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
        {
          g_autofree char *dir = g_build_filename (folder, sub, NULL);
          g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
          const char *name;
          while (d != NULL && (name = g_dir_read_name (d)) != NULL)
            if (name[0] == '.')
              {
                g_autofree char *path = g_build_filename (dir, name, NULL);
                g_unlink (path);
              }
        }
      g_hash_table_iter_init (&iter, files);
      while (g_hash_table_iter_next (&iter, &rel, &bytes))
        if (!g_hash_table_contains (all, rel))
          {
            g_autofree char *path = g_build_filename (folder, rel, NULL);
            g_unlink (path);
          }
      g_hash_table_iter_init (&iter, all);
      while (g_hash_table_iter_next (&iter, &rel, &bytes))
        {
          GBytes *here = g_hash_table_lookup (files, rel);
          if (here == NULL || !g_bytes_equal (here, bytes))
            cb_sync_engine_put (folder, rel, bytes, g_bytes_get_size (bytes));
        }
    }
}
