/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record store: one SQLite database per laptop.
 *
 * Tables (see docs/data-model.md):
 *   meta        replica id, its fingerprint, counter, clock, author
 *   replicas    replica id → author name, for "who wrote this value"
 *   records     one row per record: uuid, kind, author, created, version
 *               vector, and cached privacy/deleted/conflicts/sort key
 *   vals        the versioned truth: every value of every field with its
 *               (replica, counter, hlc) stamp; a field may hold several
 *   k_<kind>    per kind, the displayed value of each field (a cache
 *               rebuilt from vals whenever a record changes)
 *   search_text title and body of each record; fts indexes it
 *
 * This file holds the object, its statement cache, meta, transactions
 * and getters; each other job has its file (cb-store-*.c, listed in
 * docs/data-model.md), and cb-store-private.h holds what they share.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-sql.h"
#include "cb-store-private.h"

G_DEFINE_FINAL_TYPE (CbStore, cb_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_PENDING 256
/* New records whose search texts a bulk transaction indexes together
 * (see cb_store_index_pending()). */
#define FTS_BATCH 32768
/* Records an import must expect before dropping indexes to build them
 * again (see cb_store_begin_bulk()). */
#define BULK_INDEX_MIN 20000

/* ---------------------------------------------------------------- helpers */

void
cb_store_set_sqlite_error (CbStore *self,
                           GError **error,
                           int      rc)
{
  int code;
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_NOTADB:
      /* read_only_checks() turns a "not a database" on the first read of
       * a file into CB_STORE_ERROR_NOT_A_DATABASE; later it means a
       * database damaged past its header. */
    case SQLITE_CORRUPT:
      code = CB_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      code = CB_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
      code = CB_STORE_ERROR_IO;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = CB_STORE_ERROR_BUSY;
      break;
    default:
      code = CB_STORE_ERROR_FAILED;
    }

  switch (code)
    {
    case CB_STORE_ERROR_NOT_A_DATABASE:
      g_set_error (error, CB_STORE_ERROR, code, _("The file is not a Coachbook database."));
      break;
    case CB_STORE_ERROR_CORRUPT:
      g_set_error (error, CB_STORE_ERROR, code,
                   _("The database is damaged. Restore it from a backup or an exported file."));
      break;
    case CB_STORE_ERROR_READ_ONLY:
      g_set_error (error, CB_STORE_ERROR, code,
                   _("The database cannot be written: check that its folder is writable and the disk is not read-only."));
      break;
    case CB_STORE_ERROR_IO:
      g_set_error (error, CB_STORE_ERROR, code,
                   _("The disk could not be read or written (%s). Check that it is not full."),
                   self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    case CB_STORE_ERROR_BUSY:
      g_set_error (error, CB_STORE_ERROR, code,
                   _("The database is in use by another program. Close it and try again."));
      break;
    default:
      g_set_error (error, CB_STORE_ERROR, code, _("Database error: %s"),
                   self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
    }
}

/**
 * cb_store_prepare:
 *
 * Returns: (transfer none): a cached statement, reset and unbound
 */
sqlite3_stmt *
cb_store_prepare (CbStore     *self,
                  const char  *sql,
                  GError     **error)
{
  /* Most statements are string constants: found by their address first
   * (checked against the statement's text, since a freed string's
   * address may come back with other text), which spares hashing a few
   * hundred characters on every write of an import. */
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts_seen, sql);
  int rc;

  if (stmt != NULL && strcmp (sqlite3_sql (stmt), sql) == 0)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else
    {
      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          cb_store_set_sqlite_error (self, error, rc);
          return NULL;
        }
      g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
    }
  if (g_hash_table_size (self->stmts_seen) >= 1024)
    g_hash_table_remove_all (self->stmts_seen);
  g_hash_table_replace (self->stmts_seen, (gpointer) sql, stmt);
  return stmt;
}

gboolean
cb_store_exec (CbStore     *self,
               const char  *sql,
               GError     **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  sqlite3_free (msg);
  if (rc != SQLITE_OK)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
cb_store_step_done (CbStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      cb_store_set_sqlite_error (self, error, rc);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The wall clock this store reads, in milliseconds (skewed in tests). */
gint64
cb_store_wall_ms (CbStore *self)
{
  return g_get_real_time () / 1000 + self->clock_offset_ms;
}

/* ------------------------------------------------------------------ meta */

char *
cb_store_meta_get (CbStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (cb_sql_col_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
cb_store_meta_set (CbStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return cb_store_step_done (self, stmt, error);
}

gboolean
cb_store_meta_set_int (CbStore     *self,
                       const char  *key,
                       gint64       value,
                       GError     **error)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return cb_store_meta_set (self, key, buf, error);
}

void
cb_store_load_clock (CbStore *self)
{
  g_autofree char *counter = cb_store_meta_get (self, "counter");
  g_autofree char *hlc = cb_store_meta_get (self, "hlc");

  self->counter = counter ? g_ascii_strtoll (counter, NULL, 10) : 0;
  self->hlc = hlc ? g_ascii_strtoll (hlc, NULL, 10) : 0;
}

gint64
cb_store_data_version (CbStore *self)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

/* After a rollback: a replica id taken in the transaction
 * (cb_store_renew_replica()) is undone with it. Returns whether the id
 * changed. */
static gboolean
reload_replica (CbStore *self)
{
  g_autofree char *replica = cb_store_meta_get (self, "replica");

  if (replica != NULL && cb_replica_is_valid (replica) && g_strcmp0 (replica, self->replica) != 0)
    {
      g_free (self->replica);
      self->replica = g_steal_pointer (&replica);
      return TRUE;
    }
  return FALSE;
}

/* Another connection to the file (a worker of this process, the
 * command-line tool, a second window's process) may have committed since
 * this one last read meta: edits it stamped raised the counter, a
 * restore or an import may have given the laptop a new replica id. Read
 * them again once the write lock is held, so that no stamp is issued
 * twice. The version only moves when another connection commits, so
 * this costs one pragma per transaction. */
static void
follow_other_connections (CbStore *self)
{
  gint64 version = cb_store_data_version (self);
  gint64 counter = self->counter;
  gint64 hlc = self->hlc;

  if (version == self->data_version)
    return;
  self->data_version = version;
  cb_store_load_clock (self);
  if (reload_replica (self))
    return;
  self->counter = MAX (self->counter, counter);
  self->hlc = MAX (self->hlc, hlc);
}

/* ------------------------------------------------------------ transactions */

static void
end_bulk (CbStore *self)
{
  if (!self->bulk)
    return;
  self->bulk = FALSE;
  self->bulk_indexes = FALSE;
  g_clear_pointer (&self->dropped_indexes, g_ptr_array_unref);
  if (!cb_store_exec (self, "PRAGMA foreign_keys = ON", NULL))
    g_warning ("Could not turn foreign keys back on");
}

gboolean
cb_store_begin (CbStore  *self,
                GError  **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  if (!cb_store_exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT cb", error))
    return FALSE;
  if (self->depth == 0 && self->path != NULL)
    follow_other_connections (self);
  self->depth++;
  return TRUE;
}

/**
 * cb_store_begin_bulk:
 * @expected_records: about how many records the caller may write
 *
 * Opens a transaction for many cb_store_write_merged() calls (an
 * import). Foreign keys are not checked until it ends: each only names a
 * records row, every write names the row it just wrote or looked up, and
 * nothing in it deletes a record; the check per row was a tenth of an
 * import's time. The search texts of new records are indexed together,
 * in batches and at commit (cb_store_index_pending()). When
 * @expected_records is large and more
 * than the records already here, the first new record drops the indexes
 * of the records and k_<kind> tables, and the commit builds them again:
 * keys inserted one by one in random order touch an index's pages again
 * and again, where building it sorts them once.
 */
gboolean
cb_store_begin_bulk (CbStore  *self,
                     guint64   expected_records,
                     GError  **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!cb_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  self->bulk = TRUE;
  if (!cb_store_begin (self, error))
    {
      end_bulk (self);
      return FALSE;
    }
  if (expected_records >= self->bulk_index_min)
    {
      sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT max (id) FROM records", NULL);

      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        self->bulk_indexes = (guint64) sqlite3_column_int64 (stmt, 0) <= expected_records;
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }
  return TRUE;
}

/**
 * cb_store_set_bulk_limits_for_testing:
 * @index_min: how many records a bulk transaction must expect before it
 *   rebuilds the indexes instead of updating them
 * @fts_batch: how many new records it indexes for search together
 *
 * For tests only: small limits exercise with a few records what an
 * import of tens of thousands does.
 */
void
cb_store_set_bulk_limits_for_testing (CbStore *self,
                                      guint64  index_min,
                                      guint    fts_batch)
{
  g_return_if_fail (CB_IS_STORE (self));
  g_return_if_fail (fts_batch > 0);
  self->bulk_index_min = index_min;
  self->fts_batch = fts_batch;
}

/* See cb_store_begin_bulk(). */
gboolean
cb_store_drop_indexes (CbStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  self->dropped_indexes = g_ptr_array_new_with_free_func (g_free);
  stmt = cb_store_prepare (self,
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
      "AND (tbl_name IN ('records', 'vals') OR tbl_name LIKE 'k\\_%' ESCAPE '\\') ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sql = cb_sql_col_text (stmt, 1);

      g_ptr_array_add (names, g_strdup (cb_sql_col_text (stmt, 0)));
      /* IF NOT EXISTS: a savepoint rolled back may have brought it back */
      if (g_str_has_prefix (sql, "CREATE INDEX "))
        g_ptr_array_add (self->dropped_indexes,
                         g_strconcat ("CREATE INDEX IF NOT EXISTS ", sql + strlen ("CREATE INDEX "), NULL));
      else
        g_ptr_array_add (self->dropped_indexes, g_strdup (sql));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (char *) g_ptr_array_index (names, i));
      if (!cb_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
rebuild_indexes (CbStore  *self,
                 GError  **error)
{
  g_autoptr(GPtrArray) dropped = g_steal_pointer (&self->dropped_indexes);

  for (guint i = 0; dropped != NULL && i < dropped->len; i++)
    if (!cb_store_exec (self, g_ptr_array_index (dropped, i), error))
      return FALSE;
  return TRUE;
}

/* Emits "changed" for one record, or with %NULL for many. */
void
cb_store_emit_changed (CbStore    *self,
                       const char *kind,
                       const char *uuid)
{
  g_signal_emit (self, signals[CHANGED], 0, kind, uuid);
}

static void
emit_pending (CbStore *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);
  gboolean all = self->pending_all;

  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->pending_all = FALSE;

  if (all)
    {
      cb_store_emit_changed (self, NULL, NULL);
      return;
    }
  for (guint i = 0; i < pending->len; i++)
    {
      char *s = g_ptr_array_index (pending, i);
      char *nl = strchr (s, '\n');
      *nl = '\0';
      g_signal_emit (self, signals[CHANGED], 0, s, nl + 1);
    }
}

gboolean
cb_store_commit (CbStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->spoiled != 0 && self->depth <= self->spoiled)
    {
      cb_store_rollback (self);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                   _("A change could not be completed, so none of the changes made with it were saved."));
      return FALSE;
    }

  if (self->depth == 1 && (!cb_store_index_pending (self, error) || !rebuild_indexes (self, error)))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  /* The counter and clock go to meta once per transaction, in it. */
  if (self->depth == 1 && self->clock_dirty &&
      (!cb_store_meta_set_int (self, "counter", self->counter, error) ||
       !cb_store_meta_set_int (self, "hlc", self->hlc, error)))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  if (!cb_store_exec (self, self->depth == 1 ? "COMMIT" : "RELEASE cb", error))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0)
    {
      self->clock_dirty = FALSE;
      end_bulk (self);
      emit_pending (self);
    }
  return TRUE;
}

void
cb_store_rollback (CbStore *self)
{
  g_return_if_fail (CB_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_ptr_array_set_size (self->pending, 0);
      self->pending_all = FALSE;
      /* nothing of the transaction is kept: its counters may be reused */
      self->clock_dirty = FALSE;
      self->spoiled = 0;
      self->fts_from = 0;
      cb_store_load_clock (self);
      reload_replica (self);
    }
  else
    {
      /* The outer transaction may still commit edits stamped with
       * counters issued after this savepoint began: the in-memory
       * counter never goes back here. */
      sqlite3_exec (self->db, "ROLLBACK TO cb; RELEASE cb", NULL, NULL, NULL);
      if (self->spoiled >= self->depth)
        self->spoiled = 0;
    }
  self->depth--;
  if (self->depth == 0)
    end_bulk (self);
}

gboolean
cb_store_op_begin (CbStore   *self,
                   CbStoreOp *op,
                   GError   **error)
{
  op->owned = self->depth == 0;
  op->changes = sqlite3_total_changes64 (self->db);
  return op->owned ? cb_store_begin (self, error) : TRUE;
}

gboolean
cb_store_op_commit (CbStore   *self,
                    CbStoreOp *op,
                    GError   **error)
{
  return op->owned ? cb_store_commit (self, error) : TRUE;
}

void
cb_store_op_fail (CbStore   *self,
                  CbStoreOp *op)
{
  if (op->owned)
    cb_store_rollback (self);
  else if (sqlite3_total_changes64 (self->db) != op->changes && self->spoiled == 0)
    self->spoiled = self->depth;
}

void
cb_store_queue_change (CbStore    *self,
                       const char *kind,
                       const char *uuid)
{
  if (self->pending_all)
    return;
  if (self->pending->len >= MAX_PENDING)
    {
      self->pending_all = TRUE;
      g_ptr_array_set_size (self->pending, 0);
      return;
    }
  g_ptr_array_add (self->pending, g_strconcat (kind, "\n", uuid, NULL));
}

/* --------------------------------------------------------------- getters */

const char *
cb_store_get_path (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  return self->path;
}

const char *
cb_store_get_replica (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  return self->replica;
}

const char *
cb_store_get_author (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  return self->author;
}

void
cb_store_set_author (CbStore    *self,
                     const char *author)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CB_IS_STORE (self));

  if (author == NULL)
    author = "";
  if (g_strcmp0 (author, self->author) == 0)
    return;
  g_free (self->author);
  self->author = g_strdup (author);
  if (!cb_store_begin (self, &error))
    goto fail;
  if (!cb_store_meta_set (self, "author", author, &error) ||
      !cb_store_note_own_name (self, TRUE, &error))
    {
      cb_store_rollback (self);
      goto fail;
    }
  if (cb_store_commit (self, &error))
    return;
fail:
  g_warning ("Could not save the coach name: %s", error->message);
}

sqlite3 *
cb_store_get_db (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  return self->db;
}

/**
 * cb_store_set_read_only:
 * @read_only: %TRUE to refuse every write from now on, %FALSE to write
 *   again
 *
 * Writing to a damaged file can spread the damage over what is still
 * good: a store whose file failed its check only reads. Every write then
 * fails with %CB_STORE_ERROR_READ_ONLY, before anything reaches the file;
 * reads go on as before.
 *
 * Returns: %FALSE if the connection could not be switched
 */
gboolean
cb_store_set_read_only (CbStore   *self,
                        gboolean   read_only,
                        GError   **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  read_only = !!read_only;
  if (read_only == self->read_only)
    return TRUE;
  if (!cb_store_exec (self, read_only ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF", error))
    return FALSE;
  self->read_only = read_only;
  return TRUE;
}

/**
 * cb_store_mark_damaged:
 * @damage: what the check of the file found (cb_store_check_file())
 *
 * The store's file failed its check: the store keeps @damage, for
 * whoever shows it, and only reads from now on
 * (cb_store_set_read_only()). The one place that knows a database is
 * damaged; marking it again keeps the first damage.
 *
 * Returns: %FALSE if the connection could not be switched to reading
 *   only (the damage is kept all the same)
 */
gboolean
cb_store_mark_damaged (CbStore       *self,
                       const GError  *damage,
                       GError       **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (damage != NULL, FALSE);

  if (self->damage == NULL)
    self->damage = g_error_copy (damage);
  return cb_store_set_read_only (self, TRUE, error);
}

/**
 * cb_store_is_damaged:
 *
 * Returns: whether cb_store_mark_damaged() found the store's file damaged
 */
gboolean
cb_store_is_damaged (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  return self->damage != NULL;
}

/**
 * cb_store_get_damage:
 *
 * Returns: (transfer none) (nullable): the damage the store was marked
 *   with, %NULL if none
 */
const GError *
cb_store_get_damage (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  return self->damage;
}

/**
 * cb_store_is_read_only:
 *
 * Returns: whether cb_store_set_read_only() made this store refuse writes
 */
gboolean
cb_store_is_read_only (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * cb_store_set_cache_size:
 * @kib: the most memory SQLite may keep pages of this connection in
 *
 * Each store opens with a 16 MiB page cache, which suits an import; a
 * connection that reads a page of rows at a time needs less.
 */
void
cb_store_set_cache_size (CbStore *self,
                         guint    kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (CB_IS_STORE (self));
  g_return_if_fail (kib > 0);

  sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);
  if (!cb_store_exec (self, sql, NULL))
    g_warning ("Could not set the database's cache size");
}

gint64
cb_store_get_hlc (CbStore *self)
{
  g_return_val_if_fail (CB_IS_STORE (self), 0);
  return self->hlc;
}

/**
 * cb_store_set_clock_offset_for_testing:
 * @offset_ms: added to the wall clock this store reads
 *
 * For tests only: simulates a laptop whose clock is wrong, without
 * touching the real clock.
 */
void
cb_store_set_clock_offset_for_testing (CbStore *self,
                                       gint64   offset_ms)
{
  g_return_if_fail (CB_IS_STORE (self));
  self->clock_offset_ms = offset_ms;
}

/* ---------------------------------------------------------------- GObject */

static void
cb_store_finalize (GObject *object)
{
  CbStore *self = (CbStore *) object;

  g_clear_pointer (&self->dropped_indexes, g_ptr_array_unref);
  g_clear_pointer (&self->stmts_seen, g_hash_table_unref);
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->replica, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_error (&self->damage);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  for (guint i = 0; i < VALS_PER_INSERT; i++)
    g_free (self->vals_sql[i]);
  if (self->kind_sql != NULL)
    {
      guint n_kinds;

      cb_kinds (&n_kinds);
      for (guint k = 0; k < 2 * n_kinds; k++)
        g_free (self->kind_sql[k]);
      g_clear_pointer (&self->kind_sql, g_free);
    }

  G_OBJECT_CLASS (cb_store_parent_class)->finalize (object);
}

static void
cb_store_class_init (CbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_store_finalize;

  /* SQLite counts every allocation under a global mutex unless told not
   * to; nothing here reads those counts, and on a large import they cost
   * about one instruction in twenty. Only possible before SQLite's first
   * use in the process: otherwise it fails, harmlessly. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  /**
   * CbStore::changed:
   * @kind: (nullable): the kind of the record that changed
   * @uuid: (nullable): its UUID; both %NULL when many records changed
   *
   * Emitted after a transaction that changed records has committed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
cb_store_init (CbStore *self)
{
  guint n_kinds;

  cb_kinds (&n_kinds);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sqlite3_finalize);
  self->stmts_seen = g_hash_table_new (NULL, NULL);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->author = g_strdup ("");
  self->bulk_index_min = BULK_INDEX_MIN;
  self->fts_batch = FTS_BATCH;
  self->kind_sql = g_new0 (char *, 2 * n_kinds);
}

