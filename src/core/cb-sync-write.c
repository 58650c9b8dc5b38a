/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder, this laptop's side: its change files and their
 * compaction (see cb-sync.c for the whole). */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cb-store-private.h"
#include "cb-sync-private.h"

/* ------------------------------------------------- this laptop's files */

static gint64
own_counter (Sync *s)
{
  g_autofree char *text = cb_store_meta_get (s->store, "counter");

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* The last counter this laptop wrote to the folder, 0 for none (or
 * when it wrote them under a replica id it no longer has), and whether
 * its coach's name changed since. */
static gint64
written_counter (Sync     *s,
                 gboolean *renamed,
                 gboolean *recheck)
{
  sqlite3_stmt *stmt = cb_store_prepare (s->store,
      "SELECT replica, written, author, recheck FROM sync_folders WHERE folder = ?1", NULL);
  gint64 written = 0;

  *renamed = FALSE;
  *recheck = TRUE;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), s->replica) == 0)
    {
      written = sqlite3_column_int64 (stmt, 1);
      *renamed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), cb_store_get_author (s->store)) != 0;
      *recheck = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  return written;
}

static GPtrArray *
pending_uuids (Sync *s)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = cb_store_prepare (s->store,
      "SELECT uuid FROM sync_pending WHERE folder = ?1 ORDER BY uuid", NULL);

  if (stmt == NULL)
    return out;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return out;
}

/* Writes one change file of this laptop's; *@out_name is NULL when
 * there was no record to write. */
static gboolean
write_change_file (Sync         *s,
                   gint64        first,
                   gint64        last,
                   GPtrArray    *extra,
                   const char   *covers,
                   const char   *name,
                   gboolean      even_empty,
                   GPtrArray    *withheld,
                   Found       **out_file,
                   GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_build_filename (s->folder, s->replica, NULL);
  g_autofree char *final = NULL;
  Found *f;
  GStatBuf st;
  guint64 size = 0;
  guint n = 0;

  *out_file = NULL;
  if (extra != NULL)
    g_ptr_array_add (extra, NULL);
  bytes = cb_exchange_export_changes (s->store, s->replica, first, last,
                                      extra ? (const char * const *) extra->pdata : NULL,
                                      covers, withheld, &n, s->cancellable, error);
  if (extra != NULL)
    g_ptr_array_set_size (extra, extra->len - 1);
  if (bytes == NULL)
    return FALSE;
  if (n == 0 && !even_empty)
    return TRUE;
  if ((final = cb_sync_file_write (dir, name, bytes, s->passphrase, &size, error)) == NULL)
    return FALSE;
  f = g_new0 (Found, 1);
  f->name = g_strconcat (s->replica, "/", final, NULL);
  f->path = g_build_filename (dir, final, NULL);
  /* as the listing will see it: an encrypted file is larger */
  f->size = size;
  f->mtime = g_stat (f->path, &st) == 0 ? st.st_mtime : 0;
  f->hash = _cb_sync_hash (bytes);
  s->report->bytes_written += f->size;
  *out_file = f;
  return TRUE;
}

static gboolean
note_written (Sync       *s,
              gint64      counter,
              GPtrArray  *withheld,
              Found      *file,
              GError    **error)
{
  sqlite3_stmt *stmt;

  if (!cb_store_begin (s->store, error))
    return FALSE;
  stmt = cb_store_prepare (s->store,
      "INSERT INTO sync_folders (folder, replica, written, author) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (folder) DO UPDATE SET replica = ?2, written = ?3, author = ?4, recheck = 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, s->replica, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, counter);
  sqlite3_bind_text (stmt, 4, cb_store_get_author (s->store), -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (s->store, stmt, error))
    goto fail;
  stmt = cb_store_prepare (s->store, "DELETE FROM sync_pending WHERE folder = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (s->store, stmt, error))
    goto fail;
  stmt = cb_store_prepare (s->store, "INSERT OR IGNORE INTO sync_pending VALUES (?1, ?2)", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < withheld->len; i++)
    {
      sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (withheld, i), -1, SQLITE_TRANSIENT);
      if (!cb_store_step_done (s->store, stmt, error))
        goto fail;
    }
  if (file != NULL && !_cb_sync_remember_file (s, file, error))
    goto fail;
  return cb_store_commit (s->store, error);

fail:
  cb_store_rollback (s->store);
  return FALSE;
}

static int
compare_uuids (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
same_uuids (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  g_ptr_array_sort (a, compare_uuids);
  g_ptr_array_sort (b, compare_uuids);
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* This laptop's edits since its last file, the records an earlier file
 * had to withhold (a conflict over a private parent, say) that may
 * leave now, and its coach's new name. */
gboolean
_cb_sync_write_changes (Sync    *s,
               GError **error)
{
  gboolean renamed, recheck;
  gint64 written = written_counter (s, &renamed, &recheck);
  gint64 counter = own_counter (s);
  g_autoptr(GPtrArray) pending = pending_uuids (s);
  g_autoptr(GPtrArray) withheld = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *covers = NULL;
  g_autofree char *name = NULL;
  Found *file = NULL;
  gboolean ok;

  /* withheld records are asked again only after an import changed
   * something: only this laptop's edits and imports change the rule */
  if (counter <= written && !renamed && (pending->len == 0 || !recheck))
    return TRUE;
  if (counter > written)
    {
      covers = g_strdup_printf ("%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, s->replica, written + 1, counter);
      name = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "%s", written + 1, counter,
                              CB_EXCHANGE_SUFFIX);
    }
  else
    name = g_strdup_printf ("%" G_GINT64_FORMAT "-more%s", counter, CB_EXCHANGE_SUFFIX);
  if (!write_change_file (s, counter > written ? written + 1 : 1, counter > written ? counter : 0,
                          pending, covers, name, renamed, withheld, &file, error))
    return FALSE;
  /* nothing new to note: no commit (and no fsync) for a sync with
   * nothing to write */
  if (file == NULL && counter <= written && !renamed && !recheck && same_uuids (pending, withheld))
    return TRUE;
  ok = note_written (s, MAX (counter, written), withheld, file, error);
  if (ok && file != NULL)
    s->report->written = g_strdup (file->name);
  g_clear_pointer (&file, _cb_sync_found_free);
  return ok;
}

/* A file this laptop wrote: `first-last[-n].coachbook.xml` (a range)
 * or `counter-more[-n].coachbook.xml` (no range: records withheld
 * before, or a new name). */
static gboolean
parse_own_name (const char *name,
                gint64     *first,
                gint64     *last)
{
  char *end;

  if (!g_ascii_isdigit (name[0]) || !g_str_has_suffix (name, CB_EXCHANGE_SUFFIX))
    return FALSE;
  *first = g_ascii_strtoll (name, &end, 10);
  if (*end != '-')
    return FALSE;
  if (g_str_has_prefix (end + 1, "more"))
    {
      *last = 0;
      return TRUE;
    }
  *last = g_ascii_strtoll (end + 1, &end, 10);
  return (*end == '-' || *end == '.') && *last >= *first;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *x = a, *y = b;

  return x->first < y->first ? -1 : x->first > y->first;
}

/* The ranges of @files, sorted and joined where they touch. */
static char *
merged_covers (Sync   *s,
               GArray *ranges)
{
  GString *out = g_string_new (NULL);
  gint64 first = 0, last = -1;

  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i <= ranges->len; i++)
    {
      const Range *r = i < ranges->len ? &g_array_index (ranges, Range, i) : NULL;

      if (r != NULL && last >= 0 && r->first <= last + 1)
        {
          last = MAX (last, r->last);
          continue;
        }
      if (last >= 0)
        g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                out->len ? " " : "", s->replica, first, last);
      if (r != NULL)
        {
          first = r->first;
          last = r->last;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
forget_files (Sync       *s,
              GPtrArray  *names,
              GError    **error)
{
  sqlite3_stmt *stmt;

  if (!cb_store_begin (s->store, error))
    return FALSE;
  stmt = cb_store_prepare (s->store, "DELETE FROM sync_files WHERE folder = ?1 AND name = ?2", error);
  for (guint i = 0; stmt != NULL && i < names->len; i++)
    {
      sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (names, i), -1, SQLITE_TRANSIENT);
      if (!cb_store_step_done (s->store, stmt, error))
        stmt = NULL;
    }
  if (stmt == NULL)
    {
      cb_store_rollback (s->store);
      return FALSE;
    }
  return cb_store_commit (s->store, error);
}

/* Once this laptop has CB_SYNC_COMPACT_AT files in the folder, one file
 * for all their ranges replaces them. Only files it wrote itself and
 * remembers are touched; conflict copies beside them are left to be read. */
gboolean
_cb_sync_compact (Sync    *s,
         GError **error)
{
  g_autofree char *dir = g_build_filename (s->folder, s->replica, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) withheld = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *covers = NULL;
  g_autofree char *name = NULL;
  Found *file = NULL;
  gint64 min = G_MAXINT64, max = 0;
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *rel = g_strconcat (s->replica, "/", entry, NULL);
      Range r = { { 0 }, 0, 0 };

      if (!parse_own_name (entry, &r.first, &r.last) || !g_hash_table_contains (s->known, rel))
        continue;
      g_ptr_array_add (names, g_steal_pointer (&rel));
      if (r.last == 0)
        continue;
      g_array_append_val (ranges, r);
      min = MIN (min, r.first);
      max = MAX (max, r.last);
    }
  if (names->len < CB_SYNC_COMPACT_AT || ranges->len == 0)
    return TRUE;
  covers = merged_covers (s, ranges);
  name = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "%s", min, max, CB_EXCHANGE_SUFFIX);
  if (!write_change_file (s, min, max, NULL, covers, name, FALSE, withheld, &file, error))
    return FALSE;
  if (file == NULL)
    return TRUE;
  if (!cb_store_begin (s->store, error) || !_cb_sync_remember_file (s, file, error) ||
      !cb_store_commit (s->store, error))
    {
      _cb_sync_found_free (file);
      return FALSE;
    }
  s->report->compacted = g_strdup (file->name);
  _cb_sync_found_free (file);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (s->folder, g_ptr_array_index (names, i), NULL);
      g_unlink (path);
    }
  return forget_files (s, names, error);
}

