/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups and restores, always through SQLite: a checked copy of the
 * database, and a backup put back in place while this laptop keeps an
 * identity that never issues a stamp twice. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-sql.h"
#include "cb-store-private.h"

/* A database opened with SQLITE_OPEN_MEMORY would VACUUM INTO another
 * in-memory file of that name and report success: its copy is written
 * with the online backup into a file connection instead. */
static int
copy_memory_database (sqlite3    *db,
                      const char *dest)
{
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (out, "main", db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (out);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
    }
  sqlite3_close (out);
  return rc;
}

/**
 * cb_store_backup:
 * @dest_path: a file that does not exist yet
 *
 * Writes a consistent copy of the database with VACUUM INTO, through
 * SQLite and never by copying the live file, so it is safe while this
 * or another process writes. The copy is made under a temporary name,
 * checked, and only then given @dest_path: a failed backup leaves
 * nothing behind.
 */
gboolean
cb_store_backup (CbStore     *self,
                 const char  *dest_path,
                 GError     **error)
{
  g_autofree char *tmp = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                   _("“%s” already exists: choose a new name for the backup."), dest_path);
      return FALSE;
    }
  tmp = g_strdup_printf ("%s.partial-%" G_GINT64_FORMAT, dest_path, g_get_real_time ());
  if (self->path == NULL)
    rc = copy_memory_database (self->db, tmp);
  else
    {
      rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, tmp, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), dest_path, sqlite3_errmsg (self->db));
      g_unlink (tmp);
      return FALSE;
    }
  g_chmod (tmp, 0600);
  if (!cb_store_check_file (tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), dest_path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/* After a restore: the backup's meta holds the counter and clock of its
 * time, but edits made since then may already be in a colleague's file.
 * Issuing those (replica, counter) stamps again would give two edits one
 * identity, and a colleague holding the first would take the second for
 * it. This laptop keeps its replica id, its name and the higher counter
 * and clock; the records are the backup's. Nothing is written when they
 * already agree, so restoring a fresh snapshot gives the same file. */
static gboolean
keep_identity (CbStore     *self,
               const char  *fingerprint,
               gint64       counter,
               gint64       hlc,
               GError     **error)
{
  g_autofree char *replica = cb_store_meta_get (self, "replica");
  g_autofree char *stored_fingerprint = cb_store_meta_get (self, "fingerprint");
  g_autofree char *author = cb_store_meta_get (self, "author");
  gboolean same_replica, same_author;

  cb_store_load_clock (self);
  same_replica = g_strcmp0 (replica, self->replica) == 0 &&
                 (fingerprint == NULL || g_strcmp0 (stored_fingerprint, fingerprint) == 0);
  same_author = g_strcmp0 (author ? author : "", self->author) == 0;
  if (self->counter >= counter && self->hlc >= hlc && same_replica && same_author)
    return TRUE;

  self->counter = MAX (self->counter, counter);
  self->hlc = MAX (self->hlc, hlc);
  if (!cb_store_begin (self, error))
    return FALSE;
  if (!cb_store_meta_set_int (self, "counter", self->counter, error) ||
      !cb_store_meta_set_int (self, "hlc", self->hlc, error) ||
      (!same_replica && !cb_store_meta_set (self, "replica", self->replica, error)) ||
      (!same_replica && fingerprint != NULL && !cb_store_meta_set (self, "fingerprint", fingerprint, error)) ||
      (!same_author && !cb_store_meta_set (self, "author", self->author, error)) ||
      ((!same_author || !same_replica) && !cb_store_note_own_name (self, TRUE, error)))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  return cb_store_commit (self, error);
}

/* Replaces the whole database with @src_path through SQLite's online
 * backup into this store's own connection: never by copying files. */
static gboolean
copy_into (CbStore     *self,
           const char  *src_path,
           GError     **error)
{
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (src_path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (src);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("Could not read the backup “%s”."), src_path);
      return FALSE;
    }
  backup = sqlite3_backup_init (self->db, "main", src, "main");
  if (backup == NULL)
    {
      cb_store_set_sqlite_error (self, error, sqlite3_errcode (self->db));
      sqlite3_close (src);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  sqlite3_close (src);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/**
 * cb_store_restore_backup:
 * @src_path: a file written by cb_store_backup()
 *
 * Replaces the whole database with the backup, in place, with SQLite's
 * online backup: the records are the backup's. This laptop's replica id
 * and the highest counter and clock it has issued are kept, so that no
 * edit made before the restore shares its stamp with one made after
 * (see keep_identity()). Emits "changed" for everything.
 */
gboolean
cb_store_restore_backup (CbStore     *self,
                         const char  *src_path,
                         GError     **error)
{
  g_autofree char *fingerprint = NULL;
  gint64 counter, hlc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  fingerprint = cb_store_meta_get (self, "fingerprint");
  counter = self->counter;
  hlc = self->hlc;
  if (!copy_into (self, src_path, error))
    return FALSE;
  if (!keep_identity (self, fingerprint, counter, hlc, error))
    return FALSE;
  cb_store_emit_changed (self, NULL, NULL);
  return TRUE;
}

/* What a file must be before it may replace a database: sound, made by
 * this Coachbook or an older one, and a Coachbook database at all. Read
 * on its own read-only connection; @src_path is never this store's file. */
static gboolean
check_backup_file (const char  *src_path,
                   GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc, version = -1;
  gboolean has_meta = FALSE;

  if (!g_file_test (src_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND,
                   _("There is no backup at “%s”."), src_path);
      return FALSE;
    }
  rc = sqlite3_open_v2 (src_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                 "EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'meta' AND type = 'table')",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      has_meta = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (rc != SQLITE_ROW || !has_meta)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Coachbook backup."), src_path);
      return FALSE;
    }
  if (version > CB_SCHEMA_VERSION)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_TOO_NEW,
                   _("This backup was made by a newer Coachbook. Update Coachbook to restore it."));
      return FALSE;
    }
  return cb_store_check_file (src_path, error);
}

/**
 * cb_store_restore_file:
 * @src_path: a backup written by cb_store_backup() (or `coachbook-cli
 *   backup`), possibly by an older Coachbook
 *
 * Replaces the whole database with a backup, in place, through SQLite
 * (never by copying files), then gives this laptop a new replica id:
 * edits made after the backup was taken may already be in colleagues'
 * files under the old id at counters the backup does not know, and
 * issuing them again would give two edits one stamp. The clock keeps the
 * higher of the two. A backup that is damaged, not a Coachbook database
 * or from a newer Coachbook is refused and nothing changes.
 */
gboolean
cb_store_restore_file (CbStore     *self,
                       const char  *src_path,
                       GError     **error)
{
  g_autofree char *fingerprint = NULL;
  gint64 hlc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (src_path != NULL, FALSE);

  if (self->path != NULL)
    {
      g_autofree char *a = g_canonicalize_filename (src_path, NULL);
      g_autofree char *b = g_canonicalize_filename (self->path, NULL);

      if (g_strcmp0 (a, b) == 0)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                       _("A database cannot be restored from itself."));
          return FALSE;
        }
    }
  if (!check_backup_file (src_path, error))
    return FALSE;

  hlc = self->hlc;
  if (!copy_into (self, src_path, error))
    return FALSE;

  /* A backup from an older Coachbook is brought up to date like any
   * database it opens; then the new identity, this laptop's fingerprint
   * and a clock that never goes back. */
  if (!cb_store_migrate (self, error))
    return FALSE;
  self->data_version = cb_store_data_version (self);
  fingerprint = cb_store_fingerprint (self);
  cb_store_load_clock (self);
  self->hlc = MAX (self->hlc, hlc);
  {
    g_autofree char *author = cb_store_meta_get (self, "author");

    g_free (self->author);
    self->author = g_strdup (author ? author : "");
  }
  if (!cb_store_begin (self, error))
    return FALSE;
  if (!cb_store_meta_set (self, "fingerprint", fingerprint, error) ||
      !cb_store_meta_set_int (self, "hlc", self->hlc, error) ||
      !cb_store_renew_replica (self, error))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  if (!cb_store_commit (self, error))
    return FALSE;
  cb_store_emit_changed (self, NULL, NULL);
  return TRUE;
}
