/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a store: the file's checks before anything writes to it, the
 * connection's settings, the migration, this laptop's identity and the
 * built-in catalog on first use; and the integrity checks run later. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cb-catalog.h"
#include "cb-sql.h"
#include "cb-store-private.h"

/* PRAGMA quick_check on @db: every page of the file is read, so its cost
 * grows with the database. */
static gboolean
check_integrity (sqlite3  *db,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = cb_sql_col_text (stmt, 0);
          if (strcmp (line, "ok") != 0 && problem == NULL)
            problem = g_strdup (line);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY)
        cb_store_set_sqlite_error (NULL, error, rc);
      else
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                     _("The database is damaged (%s). Restore it from a backup or an exported file."),
                     sqlite3_errstr (rc));
      return FALSE;
    }
  if (problem != NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                   _("The database is damaged (%s). Restore it from a backup or an exported file."),
                   problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_only_checks (CbStore   *self,
                  gboolean   quick_check,
                  GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = 0;

  /* Before anything can write to the file: its version, then its
   * integrity. A refused file is left byte for byte as it was. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      /* The file's header is read by SQLite, never by us: a descriptor
       * of ours on the file, once closed, would drop every lock this
       * process holds on it (see docs/data-model.md). */
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Coachbook database."), self->path);
      return FALSE;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  if (version > CB_SCHEMA_VERSION)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_TOO_NEW,
                   _("This database was made by a newer Coachbook. Update Coachbook to open it."));
      return FALSE;
    }

  if (!quick_check)
    return TRUE;
  return check_integrity (self->db, error);
}

static gboolean
open_db (CbStore          *self,
         const char       *path,
         CbStoreOpenFlags  flags,
         GError          **error)
{
  int rc;
  gboolean existed = path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  if (path == NULL)
    open_flags |= SQLITE_OPEN_MEMORY | SQLITE_OPEN_CREATE;
  else if (!existed && (flags & CB_STORE_OPEN_EXISTING))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("The database “%s” is gone."), path);
      return FALSE;
    }
  else if (!existed)
    open_flags |= SQLITE_OPEN_CREATE;

  if (path != NULL && !existed)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          if (g_mkdir_with_parents (dir, 0700) != 0)
            {
              int saved = errno;
              g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY,
                           _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
              return FALSE;
            }
        }
      if (access (dir, W_OK) != 0)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY,
                       _("Cannot create a database in “%s”: the folder is not writable."), dir);
          return FALSE;
        }
    }

  rc = sqlite3_open_v2 (path ? path : ":memory:", &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (existed && !read_only_checks (self, !(flags & CB_STORE_OPEN_DEFER_CHECK), error))
    return FALSE;

  if (path != NULL && !existed)
    {
      /* Make the file exist, then lock it down before anything is in it. */
      if (!cb_store_exec (self, "PRAGMA user_version = 0; CREATE TABLE _probe (x); DROP TABLE _probe;", error))
        return FALSE;
      g_chmod (path, 0600);
    }

  if (path != NULL && !cb_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  if (!cb_store_exec (self,
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA temp_store = MEMORY;"
                      "PRAGMA cache_size = -16000;", error))
    return FALSE;

  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_chmod (path, 0600);
      g_chmod (wal, 0600);
      g_chmod (shm, 0600);
    }
  return TRUE;
}

static CbStore *
open_common (const char        *path,
             CbStoreOpenFlags   flags,
             GError           **error)
{
  g_autoptr(CbStore) self = g_object_new (CB_TYPE_STORE, NULL);
  g_autofree char *catalog = NULL;

  self->path = g_strdup (path);
  if (!open_db (self, path, flags, error))
    return NULL;
  if (!cb_store_migrate (self, error))
    return NULL;
  self->data_version = cb_store_data_version (self);
  if (!cb_store_load_replica (self, error))
    return NULL;

  catalog = cb_store_meta_get (self, "catalog");
  /* a database made before the walkthrough forms gets them once */
  if (catalog == NULL || strcmp (catalog, CB_CATALOG_VERSION) < 0)
    {
      if (!cb_store_begin (self, error))
        return NULL;
      if (!cb_catalog_install (self, error) || !cb_store_meta_set (self, "catalog", CB_CATALOG_VERSION, error))
        {
          cb_store_rollback (self);
          return NULL;
        }
      if (!cb_store_commit (self, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * cb_store_default_path:
 *
 * Returns: (transfer full): the database of this user,
 *   `$XDG_DATA_HOME/coachbook/coachbook.db`
 */
char *
cb_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "coachbook", "coachbook.db", NULL);
}

/**
 * cb_store_open:
 * @path: (nullable): the database file; %NULL for cb_store_default_path()
 *
 * Opens (creating if needed) and checks the database, migrating it to
 * the current schema after a backup. A file that is not a database, is
 * damaged or comes from a newer Coachbook is refused and left untouched.
 *
 * Returns: (transfer full) (nullable): the store
 */
CbStore *
cb_store_open (const char  *path,
               GError     **error)
{
  return cb_store_open_full (path, CB_STORE_OPEN_DEFAULT, error);
}

/**
 * cb_store_open_full:
 * @path: (nullable): the database file; %NULL for cb_store_default_path()
 * @flags: %CB_STORE_OPEN_DEFER_CHECK leaves the integrity check, whose
 *   cost grows with the database, to a later cb_store_check_file() on
 *   another thread (the app does so after its first frame); the header
 *   and version checks still run
 *
 * Returns: (transfer full) (nullable): the store
 */
CbStore *
cb_store_open_full (const char        *path,
                    CbStoreOpenFlags   flags,
                    GError           **error)
{
  g_autofree char *def = NULL;

  if (path == NULL)
    {
      g_autofree char *dir = NULL;

      def = cb_store_default_path ();
      dir = g_path_get_dirname (def);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY,
                       _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
          return NULL;
        }
      g_chmod (dir, 0700);
      path = def;
    }
  return open_common (path, flags, error);
}

/**
 * cb_store_open_worker:
 * @path: the file of a store that is open already in this process
 *
 * A second connection to a database for a worker thread: an export, an
 * import, a view's large query. The file was checked when the first
 * store opened it, so the integrity check is skipped, and it is never
 * created. Like every store, it touches the file only through SQLite,
 * so opening and closing it keeps every lock the process holds.
 *
 * Returns: (transfer full) (nullable): the store
 */
CbStore *
cb_store_open_worker (const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_common (path, CB_STORE_OPEN_DEFER_CHECK | CB_STORE_OPEN_EXISTING, error);
}

/**
 * cb_store_open_memory:
 *
 * Returns: (transfer full) (nullable): a store that lives in memory only
 */
CbStore *
cb_store_open_memory (GError **error)
{
  return open_common (NULL, CB_STORE_OPEN_DEFAULT, error);
}

/**
 * cb_store_check_file:
 * @path: a database file
 *
 * Runs SQLite's quick check on its own read-only connection, so it may
 * run on a worker thread while the store is in use.
 *
 * Returns: %TRUE if the file is sound
 */
gboolean
cb_store_check_file (const char  *path,
                     GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_sqlite_error (NULL, error, rc);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);
  ok = check_integrity (db, error);
  sqlite3_close (db);
  return ok;
}

/**
 * cb_store_check:
 * @report: (nullable): receives one line per finding
 *
 * Runs SQLite's integrity check, the search index's own check, and
 * checks that every record's caches agree with its values.
 *
 * Returns: %TRUE if everything is sound
 */
gboolean
cb_store_check (CbStore  *self,
                GString  *report,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;
  guint n_bad = 0;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = cb_sql_col_text (stmt, 0);
      if (strcmp (line, "ok") != 0)
        {
          ok = FALSE;
          if (report)
            g_string_append_printf (report, "integrity: %s\n", line);
        }
    }
  sqlite3_finalize (stmt);
  if (ok && report)
    g_string_append (report, "integrity: ok\n");

  rc = sqlite3_exec (self->db, "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 1)", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      ok = FALSE;
      if (report)
        g_string_append_printf (report, "search index: %s\n", sqlite3_errmsg (self->db));
    }
  else if (report)
    g_string_append (report, "search index: ok\n");

  /* every record has its row in its kind's table and a parsable vector */
  rc = sqlite3_prepare_v2 (self->db, "SELECT uuid, kind, vv FROM records", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(CbVector) vv = cb_vector_parse (cb_sql_col_text (stmt, 2), NULL);
      if (!cb_uuid_is_valid (cb_sql_col_text (stmt, 0)) || cb_kind_lookup (cb_sql_col_text (stmt, 1)) == NULL || vv == NULL)
        {
          if (report && n_bad < 20)
            g_string_append_printf (report, "record %s: invalid\n", cb_sql_col_text (stmt, 0));
          n_bad++;
        }
    }
  sqlite3_finalize (stmt);
  if (n_bad > 0)
    ok = FALSE;
  else if (report)
    g_string_append (report, "records: ok\n");

  if (!ok)
    g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                 _("The database check found problems."));
  return ok;
}
