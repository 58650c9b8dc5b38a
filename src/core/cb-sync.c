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
 * cb_sync_file_read() and cb_sync_file_write().
 *
 * The files by job: cb-sync-file.c reads and writes one file of the
 * folder; cb-sync-folder.c lists the folder and keeps its accounts
 * (what was imported, what was left out); cb-sync-write.c writes this
 * laptop's files; this file imports what was found and runs a sync. */

#include "config.h"

#include <glib/gi18n-lib.h>

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
  g_ptr_array_unref (report->skipped_new);
  g_ptr_array_unref (report->colleagues);
  g_clear_pointer (&report->report, cb_import_report_free);
  g_free (report);
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
              _cb_sync_add_skipped (s, f, (*error)->message);
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
  return _cb_sync_remember_files (s, good, TRUE, error);
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
    _cb_sync_add_skipped (s, f, error->message);
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
    if (!_cb_sync_is_known (s, g_ptr_array_index (s->found, i)))
      s->bytes_total += ((Found *) g_ptr_array_index (s->found, i))->size;
  for (guint i = 0; i < s->found->len; i++)
    {
      Found *f = g_ptr_array_index (s->found, i);

      if (g_cancellable_set_error_if_cancelled (s->cancellable, error))
        return FALSE;
      if (_cb_sync_is_known (s, f))
        {
          s->report->n_known++;
          continue;
        }
      if (!read_found (s, f))
        continue;
      f->covers = _cb_sync_covers_of (f->bytes);
      if (_cb_sync_already_had (s, f))
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
  return _cb_sync_remember_files (s, seen, FALSE, error);
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

/**
 * cb_sync_colleague_label:
 * @author: (nullable): the coach's name, "" or %NULL when unknown
 * @replica: their laptop's replica id
 *
 * The one wording for a colleague, everywhere a colleague is named
 * (Preferences' Last sync, the sync's summary, the CLI): their name, or
 * "a colleague (laptop 8649df)" when their laptop gave none.
 *
 * Returns: (transfer full): the colleague's name or label
 */
char *
cb_sync_colleague_label (const char *author,
                         const char *replica)
{
  g_autofree char *laptop = NULL;

  if (author != NULL && author[0] != '\0')
    return g_strdup (author);
  laptop = g_strndup (replica ? replica : "", 6);
  /* TRANSLATORS: an unknown coach, with their laptop's short id */
  return g_strdup_printf (_("a colleague (laptop %s)"), laptop);
}

/* @names holds names, and replica ids for colleagues without one: those
 * become their name if known by now, else a label. */
static void
label_colleagues (CbStore   *store,
                  GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *author = NULL;

      if (!cb_replica_is_valid (name))
        continue;
      author = cb_store_replica_author (store, name);
      names->pdata[i] = cb_sync_colleague_label (author, name);
      g_free ((char *) name);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
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
  label_colleagues (s->store, s->report->colleagues);
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
  g_autoptr(GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) problems_now = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *replica = NULL;
  Sync s = { 0 };

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report->read = g_ptr_array_new_with_free_func (g_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->skipped_new = g_ptr_array_new_with_free_func (g_free);
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
  s.problems = problems;
  s.problems_now = problems_now;
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sync folder “%s” is not there: is the drive plugged in?"), folder);
      return NULL;
    }
  if (!check_passphrase (&s, error))
    return NULL;
  _cb_sync_load_known (&s);
  _cb_sync_load_problems (&s);
  replica = g_strdup (cb_store_get_replica (store));
  s.replica = replica;
  if (!_cb_sync_write_changes (&s, error))
    {
      g_prefix_error (error, _("Your changes could not be written to the sync folder. "));
      return NULL;
    }
  if (!_cb_sync_compact (&s, error) || !_cb_sync_list_folder (&s, error) || !read_folder (&s, error))
    return NULL;
  note_locked (&s);
  if (!_cb_sync_note_problems (&s, error) || !note_synced (&s, error))
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
  label_colleagues (store, *colleagues);
  return found;
}

/**
 * cb_sync_count_left_out:
 * @folder: (nullable): the sync folder
 *
 * Returns: how many files of @folder the last sync left out (each is
 *   tried again at the next sync)
 */
guint
cb_sync_count_left_out (CbStore    *store,
                        const char *folder)
{
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_return_val_if_fail (CB_IS_STORE (store), 0);

  if (folder == NULL)
    return 0;
  key = g_strconcat ("sync-problems ", folder, NULL);
  text = cb_store_meta_get (store, key);
  lines = g_strsplit (text ? text : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      n++;
  return n;
}
