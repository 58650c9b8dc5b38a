/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder: what Sync Now and `coachbook-cli sync` do.
 *
 * Each laptop writes only new files, in a folder named after its
 * replica id: `<replica>/<first>-<last>.coachbook.xml` holds every
 * record this laptop changed from counter <first> to <last>, whole
 * (stamps, vectors, colleagues' values), and its root's "covers" says
 * so. A reader remembers what it imported: each file by name, size,
 * modification time and hash (sync_files), and the counter ranges of
 * the files (sync_ranges). A file with the same name, size and time is
 * not opened; one with a known hash, or whose ranges were all imported,
 * is read but not parsed. So a sync costs a listing of the folder plus
 * what changed, not laptops × records.
 *
 * Once a laptop has CB_SYNC_COMPACT_AT files of its own, it writes one
 * file for all their ranges and deletes them: a reader that read the
 * small files skips it by its summary, a reader that missed some reads it.
 *
 * Whatever the sync engine leaves: conflict copies are exchange files
 * like any other (an import never loses a value, whatever the order);
 * temporary and partial files are left for the next sync; a file that
 * vanishes or changes while it is read is too. Nothing of a file is
 * imported unless all of it was.
 *
 * Every byte read from or written to the folder goes through
 * cb_sync_file_read() and cb_sync_file_write(). */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cb-crypt.h"
#include "cb-store-private.h"
#include "cb-sync-private.h"

/* What one import transaction holds at most. */
#define BATCH_BYTES ((guint64) 64 * 1024 * 1024)


void
_cb_sync_found_free (Found *f)
{
  g_free (f->name);
  g_free (f->path);
  g_free (f->hash);
  g_free (f->covers);
  g_clear_pointer (&f->bytes, g_bytes_unref);
  g_free (f);
}

/**
 * cb_sync_report_free:
 */
void
cb_sync_report_free (CbSyncReport *report)
{
  if (report == NULL)
    return;
  g_free (report->written);
  g_free (report->compacted);
  g_free (report->locked);
  g_ptr_array_unref (report->read);
  g_ptr_array_unref (report->skipped);
  g_ptr_array_unref (report->colleagues);
  g_clear_pointer (&report->report, cb_import_report_free);
  g_free (report);
}

/* ------------------------------------------------------------- names */

static gboolean
has_busy_suffix (const char *name)
{
  static const char * const suffixes[] = { ".tmp", ".part", ".partial", ".filepart", ".crdownload", ".download" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]))
      return TRUE;
  return strstr (name, ".~") != NULL;
}

/**
 * cb_sync_classify_name:
 * @basename: a file name found in the sync folder
 *
 * An exchange file's name holds ".coachbook" and ends in ".xml", which
 * takes in the conflict copies sync engines make beside it: Syncthing's
 * `x.coachbook.sync-conflict-20260105-101500-ABCDEFG.xml`, Nextcloud's
 * `x.coachbook (conflicted copy 2026-01-05 101500).xml`, Dropbox's
 * `x.coachbook (Ana's conflicted copy 2026-01-05).xml`. Hidden and
 * `~`-prefixed names and temporary suffixes are files being written:
 * Syncthing's `.syncthing.x.tmp`, this module's own `.x.XXXXXX`,
 * Nextcloud's `.~123`, partial downloads.
 *
 * Returns: what the file is to a sync
 */
CbSyncName
cb_sync_classify_name (const char *basename)
{
  gboolean ours;

  g_return_val_if_fail (basename != NULL, CB_SYNC_NAME_OTHER);

  ours = strstr (basename, ".coachbook") != NULL;
  if (!ours)
    return CB_SYNC_NAME_OTHER;
  if (basename[0] == '.' || basename[0] == '~' || has_busy_suffix (basename))
    return CB_SYNC_NAME_BUSY;
  if (g_str_has_suffix (basename, ".xml") && strlen (basename) > strlen (CB_EXCHANGE_SUFFIX))
    return CB_SYNC_NAME_EXCHANGE;
  if (strstr (basename, CB_EXCHANGE_SUFFIX) != NULL &&
      (strstr (basename, "sync-conflict") != NULL || strstr (basename, "conflicted copy") != NULL))
    return CB_SYNC_NAME_EXCHANGE;
  return CB_SYNC_NAME_OTHER;
}

/* ------------------------------------------------------ the file pair */

static void
set_io_error (GError     **error,
              int          saved,
              const char  *path,
              const char  *what)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", what);
  g_prefix_error (error, "%s: ", name);
  if (saved != 0)
    {
      g_autofree char *old = (*error)->message;
      (*error)->message = g_strdup_printf ("%s (%s)", old, g_strerror (saved));
    }
}

/* An encrypted file of the folder, whole in memory → its plain bytes. */
static GBytes *
decrypt_read (GByteArray  *data,
              const char  *passphrase,
              GError     **error)
{
  g_autoptr(GByteArray) plain = NULL;
  g_autoptr(GError) local = NULL;

  if (passphrase == NULL)
    {
      g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED,
                           _("This file is encrypted, and no team passphrase was given"));
      return NULL;
    }
  plain = g_byte_array_sized_new (data->len);
  if (cb_crypt_decrypt_bytes (data->data, data->len, passphrase, plain, &local))
    return g_byte_array_free_to_bytes (g_steal_pointer (&plain));
  if (g_error_matches (local, CB_CRYPT_ERROR, CB_CRYPT_ERROR_BAD_PASSPHRASE))
    g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE,
                         _("The team passphrase does not open this file"));
  else
    g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_DECRYPT, local->message);
  return NULL;
}

/**
 * cb_sync_file_read:
 * @path: a file in the sync folder
 * @passphrase: (nullable): the team passphrase of an encrypted folder
 *
 * Reads a whole file of the sync folder, the one way the sync reads one.
 * A file that vanishes fails with %G_IO_ERROR_NOT_FOUND; one that
 * changes size while it is read (still being written) with
 * %G_IO_ERROR_BUSY; both are tried again at the next sync. An encrypted
 * file is recognised by its first bytes and opened with @passphrase:
 * without one it fails with %CB_EXCHANGE_ERROR_ENCRYPTED, with one that
 * does not open it with %CB_EXCHANGE_ERROR_PASSPHRASE.
 *
 * Returns: (transfer full) (nullable): the file's bytes, decrypted
 */
GBytes *
cb_sync_file_read (const char  *path,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(GByteArray) data = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_io_error (error, errno, path, _("The file could not be opened"));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || (guint64) st.st_size > CB_EXCHANGE_MAX_FILE_SIZE)
    {
      close (fd);
      set_io_error (error, 0, path, _("This is not a regular exchange file"));
      return NULL;
    }
  data = g_byte_array_sized_new (st.st_size + 1);
  for (;;)
    {
      guint8 buf[64 * 1024];
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          set_io_error (error, saved, path, _("The file could not be read"));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buf, n);
      if (data->len > (guint64) st.st_size)
        break;
    }
  close (fd);
  if (data->len != (guint64) st.st_size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                   _("The file changed while it was read: it is still being written"));
      return NULL;
    }
  if (cb_crypt_has_magic (data->data, data->len))
    return decrypt_read (data, passphrase, error);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
write_all (int          fd,
           const guint8 *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/**
 * cb_sync_file_write:
 * @dir: a folder in the sync folder (made if missing)
 * @name: the file's name, `first-last.coachbook.xml`
 * @bytes: its content
 * @passphrase: (nullable): the team passphrase of an encrypted folder
 * @size: (out) (optional): the size of the file written
 *
 * Writes a new file of the sync folder, the one way the sync writes
 * one: under a hidden temporary name (which readers skip), fsynced, then
 * renamed. A file is never rewritten: if @name exists, the file gets
 * `-2`, `-3`… before its suffix. With @passphrase, the file is
 * encrypted (docs/exchange-format.md) under the same name.
 *
 * Returns: (transfer full) (nullable): the name it got
 */
char *
cb_sync_file_write (const char  *dir,
                    const char  *name,
                    GBytes      *bytes,
                    const char  *passphrase,
                    guint64     *size,
                    GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GByteArray) sealed = NULL;
  gsize len;
  const guint8 *data;
  int fd;

  g_return_val_if_fail (dir != NULL && name != NULL && bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (passphrase != NULL)
    {
      sealed = g_byte_array_new ();
      if (!cb_crypt_encrypt_bytes (data, len, passphrase, sealed, error))
        return NULL;
      data = sealed->data;
      len = sealed->len;
    }
  if (size != NULL)
    *size = len;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      set_io_error (error, errno, dir, _("The folder could not be made"));
      return NULL;
    }
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, name);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_io_error (error, errno, dir, _("A file could not be written in the folder"));
      return NULL;
    }
  if (!write_all (fd, data, len) || fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (tmp);
      set_io_error (error, saved, name, _("The file could not be written"));
      return NULL;
    }
  close (fd);
  stem = g_strndup (name, g_str_has_suffix (name, CB_EXCHANGE_SUFFIX)
                            ? strlen (name) - strlen (CB_EXCHANGE_SUFFIX) : strlen (name));
  for (guint i = 1; ; i++)
    {
      g_autofree char *final = i == 1 ? g_strdup (name)
                                      : g_strdup_printf ("%s-%u%s", stem, i, CB_EXCHANGE_SUFFIX);
      g_autofree char *path = g_build_filename (dir, final, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (tmp, path) != 0)
        {
          int saved = errno;
          g_unlink (tmp);
          set_io_error (error, saved, final, _("The file could not be written"));
          return NULL;
        }
      return g_steal_pointer (&final);
    }
}

/* ---------------------------------------------------------- summaries */

char *
_cb_sync_hash (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The root's "covers" attribute, from the file's first bytes: the
 * importer checks the whole file later; here it only decides whether
 * to parse it at all. */
static char *
covers_of (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *root, *end, *at, *quote;
  gsize head = MIN (len, 4096);

  root = g_strstr_len (data, head, "<coachbook");
  if (root == NULL)
    return NULL;
  end = memchr (root, '>', head - (root - data));
  if (end == NULL)
    return NULL;
  at = g_strstr_len (root, end - root, " covers=\"");
  if (at == NULL)
    return NULL;
  at += strlen (" covers=\"");
  quote = memchr (at, '"', end - at);
  return quote ? g_strndup (at, quote - at) : NULL;
}


/* "replica:first-last …" → Ranges; FALSE when it says nothing usable. */
static gboolean
parse_covers (const char *covers,
              GArray     *out)
{
  g_auto(GStrv) items = NULL;

  if (covers == NULL || covers[0] == '\0')
    return FALSE;
  items = g_strsplit (covers, " ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      Range r = { { 0 }, 0, 0 };
      char *colon = strchr (items[i], ':');
      char *end;

      if (colon == NULL || colon - items[i] != CB_REPLICA_LEN)
        return FALSE;
      memcpy (r.replica, items[i], CB_REPLICA_LEN);
      r.first = g_ascii_strtoll (colon + 1, &end, 10);
      if (*end != '-')
        return FALSE;
      r.last = g_ascii_strtoll (end + 1, &end, 10);
      if (*end != '\0' || r.first < 1 || r.last < r.first || !cb_replica_is_valid (r.replica))
        return FALSE;
      g_array_append_val (out, r);
    }
  return out->len > 0;
}

/* Whether every counter of @r is in a range imported before. */
static gboolean
range_covered (Sync        *s,
               const Range *r)
{
  sqlite3_stmt *stmt;
  gint64 next = r->first;

  stmt = cb_store_prepare (s->store,
                           "SELECT first, last FROM sync_ranges WHERE replica = ?1 AND last >= ?2 "
                           "ORDER BY first", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->replica, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, r->first);
  while (next <= r->last && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) > next)
        break;
      next = MAX (next, sqlite3_column_int64 (stmt, 1) + 1);
    }
  sqlite3_reset (stmt);
  return next > r->last;
}

static gboolean
file_covered (Sync       *s,
              const char *covers)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));

  if (!parse_covers (covers, ranges))
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    if (!range_covered (s, &g_array_index (ranges, Range, i)))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ memory */

gboolean
_cb_sync_remember_file (Sync        *s,
               const Found *f,
               GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (s->store,
      "INSERT OR REPLACE INTO sync_files (folder, name, size, mtime, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, f->size);
  sqlite3_bind_int64 (stmt, 4, f->mtime);
  sqlite3_bind_text (stmt, 5, f->hash ? f->hash : "", -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (s->store, stmt, error))
    return FALSE;
  if (f->hash != NULL)
    g_hash_table_add (s->hashes, g_strdup (f->hash));
  return TRUE;
}

static gboolean
remember_ranges (Sync        *s,
                 const char  *covers,
                 GError     **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  sqlite3_stmt *stmt;

  if (!parse_covers (covers, ranges))
    return TRUE;
  stmt = cb_store_prepare (s->store, "INSERT OR IGNORE INTO sync_ranges VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *r = &g_array_index (ranges, Range, i);

      sqlite3_bind_text (stmt, 1, r->replica, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, r->first);
      sqlite3_bind_int64 (stmt, 3, r->last);
      if (!cb_store_step_done (s->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Files imported (or known) in one transaction: a crash before it only
 * means reading them again, which changes nothing. */
static gboolean
remember_files (Sync       *s,
                GPtrArray  *files,
                gboolean    with_ranges,
                GError    **error)
{
  if (files->len == 0)
    return TRUE;
  if (!cb_store_begin (s->store, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      Found *f = g_ptr_array_index (files, i);

      if (!_cb_sync_remember_file (s, f, error) ||
          (with_ranges && !remember_ranges (s, f->covers, error)))
        {
          cb_store_rollback (s->store);
          return FALSE;
        }
    }
  return cb_store_commit (s->store, error);
}

static void
load_known (Sync *s)
{
  sqlite3_stmt *stmt = cb_store_prepare (s->store,
      "SELECT name, size, mtime, hash FROM sync_files WHERE folder = ?1", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 3);

      g_hash_table_insert (s->known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                            (gint64) sqlite3_column_int64 (stmt, 1),
                                            (gint64) sqlite3_column_int64 (stmt, 2), hash));
      if (hash[0] != '\0')
        g_hash_table_add (s->hashes, g_strdup (hash));
    }
  sqlite3_reset (stmt);
}

static gboolean
is_known (Sync        *s,
          const Found *f)
{
  const char *seen = g_hash_table_lookup (s->known, f->name);
  g_autofree char *now = NULL;
  const char *space;

  if (seen == NULL)
    return FALSE;
  space = strchr (seen, ' ');
  space = space ? strchr (space + 1, ' ') : NULL;
  now = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GINT64_FORMAT, f->size, f->mtime);
  return space != NULL && strncmp (seen, now, space - seen) == 0 && strlen (now) == (gsize) (space - seen);
}

/* --------------------------------------------------------- listing */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_found (Sync       *s,
           const char *dir,
           const char *prefix,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;
  Found *f;

  switch (cb_sync_classify_name (name))
    {
    case CB_SYNC_NAME_BUSY:
      s->report->n_busy++;
      return;
    case CB_SYNC_NAME_OTHER:
      return;
    case CB_SYNC_NAME_EXCHANGE:
    default:
      break;
    }
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return;
  f = g_new0 (Found, 1);
  f->name = prefix ? g_strconcat (prefix, "/", name, NULL) : g_strdup (name);
  f->path = g_steal_pointer (&path);
  f->size = st.st_size;
  f->mtime = st.st_mtime;
  g_ptr_array_add (s->found, f);
  s->report->n_files++;
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(Found * const *) a)->name, (*(Found * const *) b)->name);
}

/* The folder's exchange files, at its top and one folder down (one
 * folder per laptop); hidden folders (.stfolder, .stversions) aside. */
static gboolean
list_folder (Sync    *s,
             GError **error)
{
  g_autoptr(GDir) top = g_dir_open (s->folder, 0, error);
  const char *name;

  if (top == NULL)
    {
      g_prefix_error (error, _("The sync folder cannot be read: "));
      return FALSE;
    }
  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub = g_build_filename (s->folder, name, NULL);
      g_autoptr(GDir) dir = NULL;
      const char *inner;

      if (!g_file_test (sub, G_FILE_TEST_IS_DIR))
        {
          add_found (s, s->folder, NULL, name);
          continue;
        }
      if (name[0] == '.' || (dir = g_dir_open (sub, 0, NULL)) == NULL)
        continue;
      /* named after the import: a first file brings its author's name */
      if (cb_replica_is_valid (name) && strcmp (name, s->replica) != 0)
        g_ptr_array_add (s->report->colleagues, g_strdup (name));
      while ((inner = g_dir_read_name (dir)) != NULL)
        add_found (s, sub, name, inner);
    }
  g_ptr_array_sort (s->found, compare_found);
  return TRUE;
}

/* ---------------------------------------------------------- importing */

static void
on_batch_progress_cb (guint64  done,
                      guint64  total,
                      gpointer data)
{
  Sync *s = data;

  if (s->progress != NULL)
    s->progress (s->bytes_done + done, MAX (s->bytes_total, s->bytes_done + done), s->progress_data);
}

/* Adds @from's counts to @into's; both reports of one sync. */
static void
add_report (CbImportReport *into,
            CbImportReport *from)
{
  for (guint i = 0; i < into->counts->len; i++)
    {
      CbImportCounts *a = &g_array_index (into->counts, CbImportCounts, i);
      const CbImportCounts *b = &g_array_index (from->counts, CbImportCounts, i);

      a->added += b->added;
      a->updated += b->updated;
      a->conflicts += b->conflicts;
      a->unchanged += b->unchanged;
    }
  while (from->items->len > 0)
    g_ptr_array_add (into->items, g_ptr_array_steal_index (from->items, 0));
  while (from->warnings->len > 0)
    g_ptr_array_add (into->warnings, g_ptr_array_steal_index (from->warnings, 0));
  into->n_records += from->n_records;
  into->n_changed += from->n_changed;
  into->n_far_future += from->n_far_future;
  into->n_collisions += from->n_collisions;
  into->new_replica |= from->new_replica;
  if (into->snapshot == NULL)
    into->snapshot = g_steal_pointer (&from->snapshot);
}

static CbImportReport *
import_found (Sync       *s,
              GPtrArray  *files,
              gboolean    dry_run,
              GError    **error)
{
  g_autoptr(GPtrArray) bytes = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *snapshot = s->report->report && s->report->report->snapshot ? NULL : s->snapshot;

  for (guint i = 0; i < files->len; i++)
    {
      Found *f = g_ptr_array_index (files, i);
      g_ptr_array_add (bytes, f->bytes);
      g_ptr_array_add (names, f->name);
    }
  return cb_exchange_import_many_bytes (s->store, (GBytes * const *) bytes->pdata,
                                        (const char * const *) names->pdata, files->len, dry_run,
                                        dry_run ? NULL : snapshot, on_batch_progress_cb, s,
                                        s->cancellable, error);
}

/* After an import that changed records, withheld records are asked
 * again at the next sync (cb-sync-write.c). */
static gboolean
note_recheck (Sync    *s,
              GError **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (s->store,
      "UPDATE sync_folders SET recheck = 1 WHERE folder = ?1 AND recheck = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  return cb_store_step_done (s->store, stmt, error);
}

/* Imports @batch in one transaction. A file that cannot be imported
 * (cut short, hostile, from a newer Coachbook) is found with a dry run
 * of each, named in the report and left for the next sync; the others
 * go in. */
static gboolean
import_batch (Sync       *s,
              GPtrArray  *batch,
              GError    **error)
{
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GPtrArray) good = NULL;
  guint64 size = 0;

  for (guint i = 0; i < batch->len; i++)
    size += ((Found *) g_ptr_array_index (batch, i))->size;
  report = import_found (s, batch, FALSE, error);
  if (report == NULL)
    {
      if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return FALSE;
      g_clear_error (error);
      good = g_ptr_array_new ();
      for (guint i = 0; i < batch->len; i++)
        {
          g_autoptr(GPtrArray) one = g_ptr_array_new ();
          g_autoptr(CbImportReport) probe = NULL;
          Found *f = g_ptr_array_index (batch, i);

          g_ptr_array_add (one, f);
          probe = import_found (s, one, TRUE, error);
          if (probe != NULL)
            g_ptr_array_add (good, f);
          else if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            return FALSE;
          else
            {
              g_ptr_array_add (s->report->skipped, g_strdup_printf ("%s: %s", f->name, (*error)->message));
              g_clear_error (error);
            }
        }
      if (good->len > 0 && (report = import_found (s, good, FALSE, error)) == NULL)
        return FALSE;
    }
  s->bytes_done += size;
  if (report == NULL)
    return TRUE;
  if (s->report->report == NULL)
    s->report->report = g_steal_pointer (&report);
  else
    add_report (s->report->report, report);
  if (good == NULL)
    good = g_ptr_array_ref (batch);
  if (s->report->report->n_changed > 0 && !note_recheck (s, error))
    return FALSE;
  for (guint i = 0; i < good->len; i++)
    g_ptr_array_add (s->report->read, g_strdup (((Found *) g_ptr_array_index (good, i))->name));
  return remember_files (s, good, TRUE, error);
}

/* Reads @f; FALSE when it is left for later (named in the report). */
static gboolean
read_found (Sync  *s,
            Found *f)
{
  g_autoptr(GError) error = NULL;

  f->bytes = cb_sync_file_read (f->path, s->passphrase, &error);
  if (f->bytes != NULL)
    {
      f->hash = _cb_sync_hash (f->bytes);
      return TRUE;
    }
  /* said once for all of them (note_locked), and tried again next time */
  if (g_error_matches (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED) ||
      g_error_matches (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE))
    s->report->n_locked++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    s->report->n_busy++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* gone since the listing: compacted, or removed by the engine */
    s->report->n_files--;
  else
    g_ptr_array_add (s->report->skipped, g_strdup_printf ("%s: %s", f->name, error->message));
  return FALSE;
}

static gboolean
read_folder (Sync    *s,
             GError **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  guint64 batch_bytes = 0;

  for (guint i = 0; i < s->found->len; i++)
    if (!is_known (s, g_ptr_array_index (s->found, i)))
      s->bytes_total += ((Found *) g_ptr_array_index (s->found, i))->size;
  for (guint i = 0; i < s->found->len; i++)
    {
      Found *f = g_ptr_array_index (s->found, i);

      if (g_cancellable_set_error_if_cancelled (s->cancellable, error))
        return FALSE;
      if (is_known (s, f))
        {
          s->report->n_known++;
          continue;
        }
      if (!read_found (s, f))
        continue;
      f->covers = covers_of (f->bytes);
      /* the same bytes under another name (a conflict copy of a file
       * read before), or only ranges imported before */
      if (g_hash_table_contains (s->hashes, f->hash) || file_covered (s, f->covers))
        {
          g_clear_pointer (&f->bytes, g_bytes_unref);
          s->bytes_done += f->size;
          s->report->n_known++;
          g_ptr_array_add (seen, f);
          continue;
        }
      g_ptr_array_add (batch, f);
      batch_bytes += f->size;
      if (batch_bytes >= BATCH_BYTES)
        {
          if (!import_batch (s, batch, error))
            return FALSE;
          for (guint j = 0; j < batch->len; j++)
            g_clear_pointer (&((Found *) g_ptr_array_index (batch, j))->bytes, g_bytes_unref);
          g_ptr_array_set_size (batch, 0);
          batch_bytes = 0;
        }
    }
  if (batch->len > 0 && !import_batch (s, batch, error))
    return FALSE;
  return remember_files (s, seen, FALSE, error);
}

static void
note_locked (Sync *s)
{
  guint n = s->report->n_locked;

  if (n == 0)
    return;
  if (s->passphrase == NULL)
    s->report->locked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "%u file of the sync folder is encrypted and was not read: enter the team passphrase.",
        "%u files of the sync folder are encrypted and were not read: enter the team passphrase.", n), n);
  else
    s->report->locked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "The team passphrase does not open %u file of the sync folder: it was not read.",
        "The team passphrase does not open %u files of the sync folder: they were not read.", n), n);
}

/* The first exchange file of @dir whose name says so, or NULL. */
static char *
first_exchange_file (const char *dir,
                     gboolean    down)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *found;

      if (name[0] == '.')
        continue;
      if (down && g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if ((found = first_exchange_file (path, FALSE)) != NULL)
            return found;
        }
      else if (cb_sync_classify_name (name) == CB_SYNC_NAME_EXCHANGE &&
               g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/**
 * cb_sync_folder_is_encrypted:
 * @folder: a sync folder
 * @sample: (out) (optional) (transfer full): an encrypted file of it
 *
 * Whether the folder's files are encrypted, from the first bytes of the
 * first exchange file found: a team encrypts all of its folder or none.
 *
 * Returns: %TRUE when the folder holds encrypted files
 */
gboolean
cb_sync_folder_is_encrypted (const char  *folder,
                             char       **sample)
{
  g_autofree char *first = NULL;

  g_return_val_if_fail (folder != NULL, FALSE);

  if (sample != NULL)
    *sample = NULL;
  first = first_exchange_file (folder, TRUE);
  if (first == NULL || !cb_crypt_file_is_encrypted (first))
    return FALSE;
  if (sample != NULL)
    *sample = g_steal_pointer (&first);
  return TRUE;
}

/* Before anything is written: an encrypted folder needs the team
 * passphrase, and one that opens its files. A wrong one would write
 * files the team cannot read and read nothing. */
static gboolean
check_passphrase (Sync    *s,
                  GError **error)
{
  g_autofree char *sample = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;

  if (!cb_sync_folder_is_encrypted (s->folder, &sample))
    return TRUE;
  if (s->passphrase == NULL)
    {
      g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED,
                           _("The sync folder is encrypted: enter the team passphrase to sync with it."));
      return FALSE;
    }
  bytes = cb_sync_file_read (sample, s->passphrase, &local);
  if (bytes == NULL && g_error_matches (local, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE))
    {
      g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE,
                           _("The team passphrase does not open the sync folder’s files: nothing was read or written."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
note_synced (Sync    *s,
             GError **error)
{
  g_autofree char *peers = NULL;
  GPtrArray *names = s->report->colleagues;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < names->len; i++)
    {
      char *who = cb_store_replica_author (s->store, g_ptr_array_index (names, i));

      if (who[0] == '\0')
        g_free (who);
      else
        {
          g_free (g_ptr_array_index (names, i));
          names->pdata[i] = who;
        }
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (s->report->colleagues, NULL);
  peers = g_strjoinv ("\n", (char **) s->report->colleagues->pdata);
  g_ptr_array_set_size (s->report->colleagues, s->report->colleagues->len - 1);
  if (!cb_store_begin (s->store, error))
    return FALSE;
  stmt = cb_store_prepare (s->store,
      "INSERT INTO sync_folders (folder, replica, synced, peers) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (folder) DO UPDATE SET synced = ?3, peers = ?4", error);
  if (stmt == NULL)
    {
      cb_store_rollback (s->store);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, s->replica, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 4, peers, -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (s->store, stmt, error))
    {
      cb_store_rollback (s->store);
      return FALSE;
    }
  return cb_store_commit (s->store, error);
}

/**
 * cb_sync_run:
 * @store: the database, on the calling thread's own connection
 * @folder: the sync folder
 * @passphrase: (nullable): the team passphrase: this laptop's files are
 *   written encrypted with it, and encrypted files read with it
 * @snapshot_path: (nullable): where to save the database before the
 *   first import that changes it, for Undo
 * @progress: (nullable) (scope call): follows the bytes imported
 * @cancellable: (nullable): stops the sync; an import cancelled keeps
 *   nothing
 *
 * One sync (see the top of this file): writes this laptop's changes
 * since its last file, compacts its files when they are many, imports
 * every exchange file of @folder it has not imported before, and notes
 * when it synced and with whom (cb_sync_get_status()).
 *
 * Returns: (transfer full) (nullable): what it wrote, read and skipped
 */
CbSyncReport *
cb_sync_run (CbStore          *store,
             const char       *folder,
             const char       *passphrase,
             const char       *snapshot_path,
             CbImportProgress  progress,
             gpointer          user_data,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(CbSyncReport) report = g_new0 (CbSyncReport, 1);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_sync_found_free);
  g_autofree char *replica = NULL;
  Sync s = { 0 };

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report->read = g_ptr_array_new_with_free_func (g_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->colleagues = g_ptr_array_new_with_free_func (g_free);
  s.store = store;
  s.folder = folder;
  s.passphrase = passphrase;
  s.snapshot = snapshot_path;
  s.progress = progress;
  s.progress_data = user_data;
  s.cancellable = cancellable;
  s.report = report;
  s.known = known;
  s.hashes = hashes;
  s.found = found;
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sync folder “%s” is not there: is the drive plugged in?"), folder);
      return NULL;
    }
  if (!check_passphrase (&s, error))
    return NULL;
  load_known (&s);
  replica = g_strdup (cb_store_get_replica (store));
  s.replica = replica;
  if (!_cb_sync_write_changes (&s, error))
    {
      g_prefix_error (error, _("Your changes could not be written to the sync folder. "));
      return NULL;
    }
  if (!_cb_sync_compact (&s, error) || !list_folder (&s, error) || !read_folder (&s, error))
    return NULL;
  note_locked (&s);
  if (!note_synced (&s, error))
    return NULL;
  return g_steal_pointer (&report);
}

/**
 * cb_sync_get_status:
 * @synced: (out): when this laptop last synced with @folder (Unix
 *   seconds), 0 for never
 * @colleagues: (out) (transfer full) (element-type utf8): the names of
 *   the colleagues whose files were in the folder then
 *
 * Returns: %TRUE when this laptop has synced with @folder
 */
gboolean
cb_sync_get_status (CbStore     *store,
                    const char  *folder,
                    gint64      *synced,
                    GPtrArray  **colleagues)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);

  *synced = 0;
  *colleagues = g_ptr_array_new_with_free_func (g_free);
  if (folder == NULL || (stmt = cb_store_prepare (store,
        "SELECT synced, peers FROM sync_folders WHERE folder = ?1 AND synced > 0", NULL)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, folder, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(GStrv) names = g_strsplit ((const char *) sqlite3_column_text (stmt, 1), "\n", -1);

      *synced = sqlite3_column_int64 (stmt, 0);
      for (guint i = 0; names[i] != NULL; i++)
        if (names[i][0] != '\0')
          g_ptr_array_add (*colleagues, g_strdup (names[i]));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}
