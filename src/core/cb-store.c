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
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-catalog.h"
#include "cb-merge.h"
#include "cb-sql.h"
#include "cb-store-private.h"
#include "cb-store.h"
#include "cb-versions.h"

/* Rows of one INSERT into vals: a record's values in one statement. */
#define VALS_PER_INSERT 16

struct _CbStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *stmts;      /* sql → sqlite3_stmt* */
  GHashTable *stmts_seen; /* address of an sql string → its statement */
  char       *replica;
  char       *author;
  gint64      counter;    /* last counter this replica issued */
  gint64      data_version; /* PRAGMA data_version when meta was last read */
  gint64      hlc;        /* last clock value issued or observed */
  gint64      clock_offset_ms; /* tests only: a skewed wall clock */
  guint       depth;      /* open transactions */
  gboolean    clock_dirty; /* counter/hlc to write to meta at commit */
  guint       spoiled;    /* depth at which an operation failed half-way, or 0 */
  GPtrArray  *pending;    /* kind\nuuid strings, emitted at commit */
  gboolean    pending_all;
  gboolean    bulk;       /* foreign keys off until the transaction ends */
  gint64      fts_from;   /* in bulk: rows from this id on are indexed together, or 0 */
  gboolean    bulk_indexes;    /* in bulk: drop the indexes at the first new record */
  guint64     bulk_index_min;  /* BULK_INDEX_MIN; tests lower it */
  gint64      fts_batch;       /* FTS_BATCH; tests lower it */
  GPtrArray  *dropped_indexes; /* their CREATE statements, run again at commit */
  char      **kind_sql;   /* per kind, replacing and new: the statement writing its k_ row */
  char       *vals_sql[VALS_PER_INSERT]; /* inserting 1… rows into vals */
};

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

static gboolean
step_done (CbStore       *self,
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

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
wall_ms (void)
{
  return g_get_real_time () / 1000;
}


/* ------------------------------------------------------------------ meta */

static char *
meta_get (CbStore    *self,
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

static gboolean
meta_set (CbStore     *self,
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
  return step_done (self, stmt, error);
}

static gboolean
meta_set_int (CbStore     *self,
              const char  *key,
              gint64       value,
              GError     **error)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return meta_set (self, key, buf, error);
}

static void
load_clock (CbStore *self)
{
  g_autofree char *counter = meta_get (self, "counter");
  g_autofree char *hlc = meta_get (self, "hlc");

  self->counter = counter ? g_ascii_strtoll (counter, NULL, 10) : 0;
  self->hlc = hlc ? g_ascii_strtoll (hlc, NULL, 10) : 0;
}

static gint64
data_version (CbStore *self)
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
  g_autofree char *replica = meta_get (self, "replica");

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
  gint64 version = data_version (self);
  gint64 counter = self->counter;
  gint64 hlc = self->hlc;

  if (version == self->data_version)
    return;
  self->data_version = version;
  load_clock (self);
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
static gboolean
drop_indexes (CbStore  *self,
              GError  **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  self->dropped_indexes = g_ptr_array_new_with_free_func (g_free);
  stmt = cb_store_prepare (self,
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
      "AND (tbl_name = 'records' OR tbl_name LIKE 'k\\_%' ESCAPE '\\') ORDER BY name", error);
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

static void
emit_pending (CbStore *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);
  gboolean all = self->pending_all;

  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->pending_all = FALSE;

  if (all)
    {
      g_signal_emit (self, signals[CHANGED], 0, NULL, NULL);
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
      (!meta_set_int (self, "counter", self->counter, error) ||
       !meta_set_int (self, "hlc", self->hlc, error)))
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
      load_clock (self);
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

/* One store operation (create, edit, write a merged state). At the top
 * level it is its own transaction. Inside an open one it takes no
 * savepoint, since each would flush the search index's pending terms to
 * a new segment: it checks its input before it writes, SQLite undoes a
 * failed statement, and a failure after its first write spoils the
 * enclosing transaction, which then saves nothing. */
typedef struct
{
  gboolean owned;
  gint64   changes;
} Op;

static gboolean
op_begin (CbStore  *self,
          Op       *op,
          GError  **error)
{
  op->owned = self->depth == 0;
  op->changes = sqlite3_total_changes64 (self->db);
  return op->owned ? cb_store_begin (self, error) : TRUE;
}

static gboolean
op_commit (CbStore  *self,
           Op       *op,
           GError  **error)
{
  return op->owned ? cb_store_commit (self, error) : TRUE;
}

static void
op_fail (CbStore *self,
         Op      *op)
{
  if (op->owned)
    cb_store_rollback (self);
  else if (sqlite3_total_changes64 (self->db) != op->changes && self->spoiled == 0)
    self->spoiled = self->depth;
}

static void
queue_change (CbStore    *self,
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

/* ---------------------------------------------------------------- schema */

static const char *
sql_type (const CbField *field)
{
  switch (field->type)
    {
    case CB_TYPE_INT:
    case CB_TYPE_BOOL:
      return "INTEGER";
    case CB_TYPE_NUMBER:
      return "REAL";
    case CB_TYPE_TEXT:
    case CB_TYPE_LONGTEXT:
    case CB_TYPE_DATE:
    case CB_TYPE_TIME:
    case CB_TYPE_ENUM:
    case CB_TYPE_REF:
    case CB_TYPE_REFS:
    case CB_TYPE_LIST:
    case CB_TYPE_DATA:
    default:
      return "TEXT";
    }
}

static const char base_schema[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE replicas (replica TEXT PRIMARY KEY, author TEXT NOT NULL DEFAULT '') WITHOUT ROWID;"
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  author TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  vv TEXT NOT NULL DEFAULT '',"
  "  privacy TEXT NOT NULL DEFAULT 'team',"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  conflicts INTEGER NOT NULL DEFAULT 0,"
  "  sort_key TEXT NOT NULL DEFAULT '',"
  "  updated INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX records_list ON records (kind, deleted, sort_key DESC, id DESC);"
  "CREATE INDEX records_conflicts ON records (conflicts) WHERE conflicts > 0;"
  "CREATE TABLE vals ("
  "  rec INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  field TEXT NOT NULL,"
  "  replica TEXT NOT NULL,"
  "  counter INTEGER NOT NULL,"
  "  hlc INTEGER NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (rec, field, replica, counter)) WITHOUT ROWID;"
  "CREATE TABLE search_text ("
  "  id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '');"
  "CREATE VIRTUAL TABLE fts USING fts5 (title, body, content='search_text', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');"
  "INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(8.0, 1.0)');"
  "CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN"
  "  INSERT INTO fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;"
  "CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN"
  "  INSERT INTO fts (fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);"
  "END;"
  "CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN"
  "  INSERT INTO fts (fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);"
  "  INSERT INTO fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;";

/* Version 4: records deleted on one laptop while another edited them
 * are flagged where their values are written, so the Conflicts section
 * counts with an index instead of reading every record in the Trash.
 * Existing rows: the flag as display_compute() sets it, and the conflict
 * count without fields whose values are all equal (no conflict since
 * version 3, but rows written before kept the older count). */
static const char schema_v4[] =
  "ALTER TABLE records ADD COLUMN deleted_edited INTEGER NOT NULL DEFAULT 0;"
  "UPDATE records SET conflicts = ("
  "  SELECT count (DISTINCT a.field) FROM vals a WHERE a.rec = records.id AND EXISTS ("
  "    SELECT 1 FROM vals b WHERE b.rec = a.rec AND b.field = a.field AND b.value != a.value))"
  "  WHERE conflicts > 0;"
  "UPDATE records SET deleted_edited = 1 WHERE deleted = 1 AND EXISTS ("
  "  SELECT 1 FROM vals v WHERE v.rec = records.id AND v.field != 'deleted'"
  "  AND v.replica != (SELECT d.replica FROM vals d WHERE d.rec = records.id AND d.field = 'deleted'"
  "                    ORDER BY d.hlc DESC, d.replica DESC, d.counter DESC LIMIT 1)"
  "  AND v.hlc > (SELECT d.hlc FROM vals d WHERE d.rec = records.id AND d.field = 'deleted'"
  "               ORDER BY d.hlc DESC, d.replica DESC, d.counter DESC LIMIT 1));"
  "CREATE INDEX records_deleted_edited ON records (conflicts) WHERE deleted_edited = 1;"
  /* the store writes the search index itself: display_write_search() */
  "DROP TRIGGER search_text_ai;"
  "DROP TRIGGER search_text_au;"
  /* FTS5 writes its pending terms as a segment whenever they pass this
   * size: 8 MiB instead of 1 makes an import write and merge fewer,
   * larger segments (a third faster to index 100,000 records) */
  "INSERT INTO fts (fts, rank) VALUES ('hashsize', 8388608);";

/* Version 5: a replica's name carries the clock of its own laptop when
 * it took that name (see cb_store_note_replica()), so that names merge
 * the same way in any order. */
static const char schema_v5[] =
  "ALTER TABLE replicas ADD COLUMN named INTEGER NOT NULL DEFAULT 0;"
  /* this laptop's own name, as of its clock now; others stay undated */
  "UPDATE replicas SET named = coalesce ((SELECT CAST (value AS INTEGER) FROM meta WHERE key = 'hlc'), 0)"
  "  WHERE replica = (SELECT value FROM meta WHERE key = 'replica');";

/* The SQL of one migration step, generated from the kinds table: new
 * kinds get their table, new fields of older kinds get a column; a few
 * steps also change the common tables. */
char *
cb_store_migration_sql (guint version)
{
  GString *sql = g_string_new (NULL);
  const CbKind *kinds;
  guint n_kinds;

  if (version == 1)
    g_string_append (sql, base_schema);
  else if (version == 4)
    g_string_append (sql, schema_v4);
  else if (version == 5)
    g_string_append (sql, schema_v5);

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      const CbKind *kind = &kinds[k];

      if (kind->since == version)
        {
          g_string_append_printf (sql,
              "CREATE TABLE k_%s (id INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE",
              kind->name);
          for (guint f = 0; f < kind->n_fields; f++)
            if (kind->fields[f].since <= version)
              g_string_append_printf (sql, ", \"%s\" %s", kind->fields[f].name,
                                      sql_type (&kind->fields[f]));
          g_string_append (sql, ");");
        }
      else if (kind->since < version)
        {
          for (guint f = 0; f < kind->n_fields; f++)
            if (kind->fields[f].since == version)
              g_string_append_printf (sql, "ALTER TABLE k_%s ADD COLUMN \"%s\" %s;",
                                      kind->name, kind->fields[f].name,
                                      sql_type (&kind->fields[f]));
        }

      for (guint f = 0; f < kind->n_fields; f++)
        {
          const CbField *field = &kind->fields[f];
          if (field->type == CB_TYPE_REF &&
              MAX (field->since, kind->since) == version)
            g_string_append_printf (sql, "CREATE INDEX k_%s_%s ON k_%s (\"%s\");",
                                    kind->name, field->name, kind->name, field->name);
        }
    }

  return g_string_free (sql, FALSE);
}

static gboolean
backup_before_migration (CbStore     *self,
                         int          from_version,
                         GError     **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->path == NULL)
    return TRUE;
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  dest = g_strdup_printf ("%s.v%d-%s.bak", self->path, from_version, stamp);
  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, dest, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("Could not back up the database before upgrading it (%s)."),
                   sqlite3_errmsg (self->db));
      return FALSE;
    }
  g_chmod (dest, 0600);
  return TRUE;
}

static gboolean
migrate (CbStore  *self,
         GError  **error)
{
  sqlite3_stmt *stmt;
  int version = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      cb_store_set_sqlite_error (self, error, sqlite3_errcode (self->db));
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > CB_SCHEMA_VERSION)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_TOO_NEW,
                   _("This database was made by a newer Coachbook. Update Coachbook to open it."));
      return FALSE;
    }
  if (version == CB_SCHEMA_VERSION)
    return TRUE;

  if (version > 0 && !backup_before_migration (self, version, error))
    return FALSE;

  for (int v = version + 1; v <= CB_SCHEMA_VERSION; v++)
    {
      g_autofree char *sql = cb_store_migration_sql (v);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!cb_store_begin (self, error))
        return FALSE;
      if (!cb_store_exec (self, sql, error) || !cb_store_exec (self, pragma, error))
        {
          cb_store_rollback (self);
          return FALSE;
        }
      if (!cb_store_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- replica id */

/* Names @replica @author, dated with a tick of this laptop's clock,
 * which only goes forward: colleagues keep the latest name a laptop gave
 * itself (cb_store_note_replica()). In a transaction. Without @tick, the
 * date is the clock as it is (opening a database does not move it). */
static gboolean
name_replica (CbStore     *self,
              const char  *replica,
              const char  *author,
              gboolean     tick,
              GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
      "INSERT INTO replicas (replica, author, named) VALUES (?, ?, ?) "
      "ON CONFLICT (replica) DO UPDATE SET author = excluded.author, named = excluded.named", error);

  g_assert (self->depth > 0);
  if (stmt == NULL)
    return FALSE;
  if (tick)
    {
      self->hlc = cb_hlc_tick (self->hlc, wall_ms () + self->clock_offset_ms);
      self->clock_dirty = TRUE;
    }
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, self->hlc);
  return step_done (self, stmt, error);
}

/* This laptop's own name, set by the coach: the one a file can never
 * replace. */
static gboolean
note_own_name (CbStore  *self,
               gboolean  tick,
               GError  **error)
{
  return name_replica (self, self->replica, self->author, tick, error);
}

static char *
compute_fingerprint (CbStore *self)
{
  g_autofree char *machine = NULL;
  g_autofree char *real = NULL;
  GStatBuf st;
  guint64 inode = 0;

  if (self->path == NULL)
    return g_strdup ("memory");

  if (!g_file_get_contents ("/etc/machine-id", &machine, NULL, NULL))
    machine = g_strdup (g_get_host_name ());
  g_strstrip (machine);
  real = g_canonicalize_filename (self->path, NULL);
  if (g_stat (self->path, &st) == 0)
    inode = st.st_ino;

  /* A database copied to another laptop or another file is a clone: it
   * must not keep issuing stamps under the original's replica id. */
  {
    g_autofree char *text = g_strdup_printf ("%s\n%s\n%" G_GUINT64_FORMAT, machine, real, inode);
    return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  }
}

static gboolean
load_replica (CbStore  *self,
              GError  **error)
{
  g_autofree char *replica = meta_get (self, "replica");
  g_autofree char *stored = meta_get (self, "fingerprint");
  g_autofree char *fingerprint = compute_fingerprint (self);
  g_autofree char *author = meta_get (self, "author");

  g_free (self->author);
  self->author = g_strdup (author ? author : "");

  if (replica != NULL && cb_replica_is_valid (replica) && g_strcmp0 (stored, fingerprint) == 0)
    {
      self->replica = g_steal_pointer (&replica);
      load_clock (self);
      return TRUE;
    }

  if (replica != NULL)
    g_message ("Database %s was copied from elsewhere: it gets a new replica id",
               self->path ? self->path : ":memory:");

  /* the clock goes on from the copy's; the new id counts from 0 */
  if (!cb_store_begin (self, error))
    return FALSE;
  g_free (self->replica);
  self->replica = cb_replica_new ();
  self->counter = 0;
  if (!meta_set (self, "replica", self->replica, error) ||
      !meta_set (self, "fingerprint", fingerprint, error) ||
      !meta_set_int (self, "counter", 0, error) ||
      !note_own_name (self, FALSE, error))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  if (!cb_store_commit (self, error))
    return FALSE;
  load_clock (self);
  return TRUE;
}

/* ------------------------------------------------------------------ open */

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
  if (!migrate (self, error))
    return NULL;
  self->data_version = data_version (self);
  if (!load_replica (self, error))
    return NULL;

  catalog = meta_get (self, "catalog");
  if (catalog == NULL)
    {
      if (!cb_store_begin (self, error))
        return NULL;
      if (!cb_catalog_install (self, error) || !meta_set (self, "catalog", "1", error))
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
  if (!meta_set (self, "author", author, &error) ||
      !note_own_name (self, TRUE, &error))
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

/* ------------------------------------------------------------ materialize */

typedef struct
{
  gint64        id;
  const CbKind *kind;
} RecRef;

static gboolean
lookup_record (CbStore     *self,
               const char  *uuid,
               RecRef      *ref,
               char       **vv,
               GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, kind, vv FROM records WHERE uuid = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ref->id = sqlite3_column_int64 (stmt, 0);
      ref->kind = cb_kind_lookup (cb_sql_col_text (stmt, 1));
      if (vv)
        *vv = g_strdup (cb_sql_col_text (stmt, 2));
      sqlite3_reset (stmt);
      if (ref->kind == NULL)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                       _("The record %s has an unknown kind."), uuid);
          return FALSE;
        }
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    cb_store_set_sqlite_error (self, error, rc);
  else
    g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND,
                 _("The record %s does not exist."), uuid);
  return FALSE;
}

/* What one record displays, derived from its values: the winner of each
 * field, the caches kept on its records row, its search text. The one
 * place these are computed, whether the values were just read back
 * (local edits) or are the merged state in memory (imports). */

#define MAX_SLOTS 64  /* a kind's fields, then the common fields */

typedef struct
{
  const CbKind    *kind;
  const CbStamped *winner[MAX_SLOTS];
  const char      *privacy;
  gboolean         deleted;
  guint            conflicts;       /* fields holding different values */
  gboolean         deleted_edited;  /* deleted, and edited after that elsewhere */
  const char      *sort_value;      /* (nullable): the sort field's value */
  const char      *title;
  GString         *body;
} Display;

static int
slot_of (const CbKind *kind,
         const char   *name)
{
  const CbField *field = cb_kind_field (kind, name);
  const CbField *common;
  guint n_common;

  if (field == NULL)
    return -1;
  if (field >= kind->fields && field < kind->fields + kind->n_fields)
    return field - kind->fields;
  common = cb_common_fields (&n_common);
  return kind->n_fields + (field - common);
}

static void
display_clear (Display *d)
{
  if (d->body != NULL)
    g_string_free (d->body, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Display, display_clear)

/* Fills @d from @values (CbStamped*, any order); @d points into them. */
static void
display_compute (Display      *d,
                 const CbKind *kind,
                 GPtrArray    *values)
{
  gboolean differs[MAX_SLOTS] = { FALSE };
  guint n_common;
  const CbField *title_field = cb_kind_title_field (kind);
  const CbField *sort_field = cb_kind_sort_field (kind);
  int privacy_slot, deleted_slot;
  const CbStamped *w;

  cb_common_fields (&n_common);
  g_assert (kind->n_fields + n_common <= MAX_SLOTS);

  memset (d, 0, sizeof *d);
  d->kind = kind;
  d->body = g_string_new (NULL);
  for (guint i = 0; i < values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (values, i);
      int slot = slot_of (kind, v->field);
      const CbStamped *cur;

      if (slot < 0)
        continue;
      cur = d->winner[slot];
      /* Two laptops that wrote the same value (both deleted the record,
       * both typed the same text) do not disagree. */
      if (cur != NULL && strcmp (cur->value, v->value) != 0)
        differs[slot] = TRUE;
      if (cur == NULL || cb_stamped_wins (v, cur))
        d->winner[slot] = v;
    }
  for (guint s = 0; s < kind->n_fields + n_common; s++)
    if (differs[s])
      d->conflicts++;

  privacy_slot = slot_of (kind, CB_FIELD_PRIVACY);
  deleted_slot = slot_of (kind, CB_FIELD_DELETED);
  w = d->winner[privacy_slot];
  d->privacy = w && w->value[0] ? w->value : kind->default_privacy;
  w = d->winner[deleted_slot];
  d->deleted = w && strcmp (w->value, "1") == 0;

  /* Deleted on one laptop while another, not having seen the delete,
   * went on editing: the Conflicts section shows it. */
  if (d->deleted)
    for (guint i = 0; i < values->len && !d->deleted_edited; i++)
      {
        const CbStamped *v = g_ptr_array_index (values, i);
        d->deleted_edited = strcmp (v->field, CB_FIELD_DELETED) != 0 &&
                            strcmp (v->replica, w->replica) != 0 &&
                            v->hlc > w->hlc;
      }

  if (sort_field != NULL && (w = d->winner[sort_field - kind->fields]) && w->value[0])
    d->sort_value = w->value;

  d->title = "";
  for (guint f = 0; f < kind->n_fields; f++)
    {
      const CbField *field = &kind->fields[f];

      w = d->winner[f];
      if (w == NULL || !(field->flags & CB_FIELD_SEARCH) || w->value[0] == '\0')
        continue;
      if (field == title_field)
        d->title = w->value;
      else
        {
          if (d->body->len > 0)
            g_string_append_c (d->body, '\n');
          g_string_append (d->body, w->value);
        }
    }
}

static const char *
kind_row_sql (CbStore       *self,
              const CbKind  *kind,
              gboolean       update)
{
  guint k = 2 * (kind - cb_kinds (NULL)) + (update ? 1 : 0);

  if (self->kind_sql[k] == NULL)
    {
      GString *sql = g_string_new (NULL);

      if (update)
        {
          g_string_append_printf (sql, "UPDATE k_%s SET ", kind->name);
          for (guint f = 0; f < kind->n_fields; f++)
            g_string_append_printf (sql, "%s\"%s\" = ?%u", f ? ", " : "", kind->fields[f].name, f + 2);
          g_string_append (sql, " WHERE id = ?1");
        }
      else
        {
          g_string_append_printf (sql, "INSERT INTO k_%s (id", kind->name);
          for (guint f = 0; f < kind->n_fields; f++)
            g_string_append_printf (sql, ", \"%s\"", kind->fields[f].name);
          g_string_append (sql, ") VALUES (?1");
          for (guint f = 0; f < kind->n_fields; f++)
            g_string_append_printf (sql, ", ?%u", f + 2);
          g_string_append (sql, ")");
        }
      self->kind_sql[k] = g_string_free (sql, FALSE);
    }
  return self->kind_sql[k];
}

/* The k_<kind> row: the winners, typed. An existing row is updated in
 * place (a REPLACE would keep a statement journal, see
 * display_write_search()). */
static gboolean
display_write_kind_row (CbStore        *self,
                        gint64          id,
                        gboolean        is_new,
                        const Display  *d,
                        GError        **error)
{
  const CbKind *kind = d->kind;
  gboolean update = !is_new;

  for (;;)
    {
      sqlite3_stmt *stmt = cb_store_prepare (self, kind_row_sql (self, kind, update), error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      for (guint f = 0; f < kind->n_fields; f++)
        {
          const CbField *field = &kind->fields[f];
          const CbStamped *w = d->winner[f];

          if (w == NULL || w->value[0] == '\0')
            sqlite3_bind_null (stmt, f + 2);
          else if (field->type == CB_TYPE_INT || field->type == CB_TYPE_BOOL)
            sqlite3_bind_int64 (stmt, f + 2, g_ascii_strtoll (w->value, NULL, 10));
          else if (field->type == CB_TYPE_NUMBER)
            sqlite3_bind_double (stmt, f + 2, g_ascii_strtod (w->value, NULL));
          else
            sqlite3_bind_text (stmt, f + 2, w->value, -1, SQLITE_STATIC);
        }
      if (!step_done (self, stmt, error))
        return FALSE;
      if (!update || sqlite3_changes (self->db) > 0)
        return TRUE;
      update = FALSE;  /* no row yet */
    }
}

/* The search text and its index. Since schema version 4 the store
 * keeps the index itself instead of triggers on search_text: a statement
 * that fires a trigger keeps a statement journal, and FTS5 writes its
 * pending terms out as a new segment at every statement journal, so an
 * import wrote ~100,000 tiny segments and then merged them. These
 * single-row statements keep no journal: FTS5 gathers the terms of a
 * whole transaction (up to its own memory bound) and writes them in a few
 * segments. Every write of search_text goes through here. */
static gboolean
display_write_search (CbStore        *self,
                      gint64          id,
                      gboolean        is_new,
                      const Display  *d,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  /* rows added in a bulk transaction are indexed by cb_store_index_pending() */
  gboolean indexed;

  if (is_new && self->bulk && self->fts_from == 0)
    self->fts_from = id;
  indexed = self->fts_from == 0 || id < self->fts_from;

  if (!is_new)
    {
      g_autofree char *old_title = NULL;
      g_autofree char *old_body = NULL;

      stmt = cb_store_prepare (self, "SELECT title, body FROM search_text WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          exists = TRUE;
          old_title = g_strdup (cb_sql_col_text (stmt, 0));
          old_body = g_strdup (cb_sql_col_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (exists && strcmp (old_title, d->title) == 0 && strcmp (old_body, d->body->str) == 0)
        return TRUE;
      if (exists && indexed)
        {
          /* an external-content index forgets a row given its old text */
          stmt = cb_store_prepare (self,
              "INSERT INTO fts (fts, rowid, title, body) VALUES ('delete', ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, old_title, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, old_body, -1, SQLITE_STATIC);
          if (!step_done (self, stmt, error))
            return FALSE;
        }
    }

  stmt = cb_store_prepare (self, exists ?
      "UPDATE search_text SET title = ?2, body = ?3 WHERE id = ?1" :
      "INSERT INTO search_text (id, title, body) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, d->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, d->body->str, d->body->len, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;
  /* in large batches, so that an import's indexing goes on while its
   * parser reads the rest of the files */
  if (!indexed && id - self->fts_from + 1 >= self->fts_batch)
    return cb_store_index_pending (self, error);
  if (!indexed)
    return TRUE;

  stmt = cb_store_prepare (self, "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, d->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, d->body->str, d->body->len, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/**
 * cb_store_index_pending:
 *
 * Indexes the search texts a bulk transaction added, in one statement:
 * one pass over them costs a third of indexing each as it is written,
 * where FTS5's work comes between every other write of the import. The
 * outermost commit calls it, and so does every search.
 */
gboolean
cb_store_index_pending (CbStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  if (self->fts_from == 0)
    return TRUE;
  stmt = cb_store_prepare (self,
      "INSERT INTO fts (rowid, title, body) SELECT id, title, body FROM search_text WHERE id >= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->fts_from);
  if (!step_done (self, stmt, error))
    return FALSE;
  self->fts_from = 0;
  return TRUE;
}

/* The sort key of a records row, from the sort field's value (?N) and
 * its creation time (?M): "date created", or "created-day created". */
#define SORT_KEY_SQL(value, created) \
  "coalesce (" value " || ' ' || " created ", substr (" created ", 1, 10) || ' ' || " created ")"

/* Appends to @out the stamped values of record @rec (of its @field
 * only, when not NULL), in the order of their primary key. */
static gboolean
read_vals (CbStore     *self,
           gint64       rec,
           const char  *field,
           GPtrArray   *out,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self, field == NULL
      ? "SELECT field, value, replica, counter, hlc FROM vals WHERE rec = ? ORDER BY field, replica, counter"
      : "SELECT field, value, replica, counter, hlc FROM vals WHERE rec = ? AND field = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rec);
  if (field != NULL)
    sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, cb_stamped_new (cb_sql_col_text (stmt, 0), cb_sql_col_text (stmt, 1), cb_sql_col_text (stmt, 2),
                                          sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Rebuilds the displayed values, caches and search text of one record
 * from its versioned values, read back from vals (local edits). */
static gboolean
materialize (CbStore       *self,
             const RecRef  *ref,
             GError       **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  g_auto(Display) d = { 0 };
  sqlite3_stmt *stmt;

  if (!read_vals (self, ref->id, NULL, values, error))
    return FALSE;

  display_compute (&d, ref->kind, values);
  if (!display_write_kind_row (self, ref->id, FALSE, &d, error))
    return FALSE;

  stmt = cb_store_prepare (self,
      "UPDATE records SET privacy = ?1, deleted = ?2, conflicts = ?3, deleted_edited = ?4, "
      "sort_key = " SORT_KEY_SQL ("?5", "created") " WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d.privacy, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, d.deleted);
  sqlite3_bind_int (stmt, 3, d.conflicts);
  sqlite3_bind_int (stmt, 4, d.deleted_edited);
  if (d.sort_value)
    sqlite3_bind_text (stmt, 5, d.sort_value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, ref->id);
  if (!step_done (self, stmt, error))
    return FALSE;

  return display_write_search (self, ref->id, FALSE, &d, error);
}

/* ------------------------------------------------------------ local edits */

static gboolean
validate_fields (const CbKind       *kind,
                 const char * const *names,
                 const char * const *values,
                 guint               n,
                 GError            **error)
{
  for (guint i = 0; i < n; i++)
    {
      const CbField *field = cb_kind_field (kind, names[i]);

      if (field == NULL)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("A %s has no field “%s”."), cb_kind_get_label (kind), names[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (names[i], names[j]) == 0)
          {
            g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                         _("The field “%s” is given twice."), names[i]);
            return FALSE;
          }
      if (!cb_field_validate (field, values[i], error))
        return FALSE;
    }
  return TRUE;
}

/* The one function for local edits: a new dot for this replica, each
 * field's values replaced by the one new value, the vector raised. */
static gboolean
local_edit (CbStore            *self,
            const RecRef       *ref,
            gboolean            is_new,
            const char         *vv_text,
            const char * const *names,
            const char * const *values,
            guint               n,
            GError            **error)
{
  g_autoptr(CbVector) vv = NULL;
  g_autofree char *vv_new = NULL;
  sqlite3_stmt *del, *ins, *upd;
  gint64 counter, hlc;

  vv = cb_vector_parse (vv_text, error);
  if (vv == NULL)
    return FALSE;

  counter = self->counter + 1;
  hlc = cb_hlc_tick (self->hlc, wall_ms () + self->clock_offset_ms);

  del = cb_store_prepare (self, "DELETE FROM vals WHERE rec = ? AND field = ?", error);
  if (del == NULL)
    return FALSE;
  for (guint i = 0; i < n && !is_new; i++)
    {
      sqlite3_reset (del);
      sqlite3_bind_int64 (del, 1, ref->id);
      sqlite3_bind_text (del, 2, names[i], -1, SQLITE_STATIC);
      if (!step_done (self, del, error))
        return FALSE;
    }
  ins = cb_store_prepare (self,
      "INSERT INTO vals (rec, field, replica, counter, hlc, value) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, ref->id);
      sqlite3_bind_text (ins, 2, names[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 3, self->replica, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 4, counter);
      sqlite3_bind_int64 (ins, 5, hlc);
      sqlite3_bind_text (ins, 6, values[i] ? values[i] : "", -1, SQLITE_STATIC);
      if (!step_done (self, ins, error))
        return FALSE;
    }

  cb_vector_set (vv, self->replica, counter);
  vv_new = cb_vector_to_string (vv);
  upd = cb_store_prepare (self, "UPDATE records SET vv = ?, updated = ? WHERE id = ?", error);
  if (upd == NULL)
    return FALSE;
  sqlite3_bind_text (upd, 1, vv_new, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upd, 2, hlc);
  sqlite3_bind_int64 (upd, 3, ref->id);
  if (!step_done (self, upd, error))
    return FALSE;

  self->counter = counter;
  self->hlc = hlc;
  self->clock_dirty = TRUE;

  return materialize (self, ref, error);
}

/**
 * cb_store_create_with_uuid:
 * @uuid: (nullable): the new record's UUID; %NULL for a random one
 * @names: (array length=n): field names
 * @values: (array length=n): their values
 *
 * Creates a record of @kind. Fields not given stay empty; "privacy"
 * takes the kind's default when not given.
 *
 * Returns: (transfer full) (nullable): the UUID of the new record
 */
char *
cb_store_create_with_uuid (CbStore            *self,
                           const char         *uuid,
                           const char         *kind_name,
                           const char * const *names,
                           const char * const *values,
                           guint               n,
                           GError            **error)
{
  const CbKind *kind;
  g_autofree char *new_uuid = NULL;
  g_autofree char *created = NULL;
  g_autofree const char **all_names = NULL;
  g_autofree const char **all_values = NULL;
  guint n_all = n;
  gboolean has_privacy = FALSE;
  sqlite3_stmt *stmt;
  RecRef ref;
  Op op;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  g_return_val_if_fail (n == 0 || (names != NULL && values != NULL), NULL);

  kind = cb_kind_lookup (kind_name);
  if (kind == NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record."), kind_name ? kind_name : "");
      return NULL;
    }
  if (uuid != NULL && !cb_uuid_is_valid (uuid))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid UUID."), uuid);
      return NULL;
    }
  if (!validate_fields (kind, names, values, n, error))
    return NULL;

  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], CB_FIELD_PRIVACY) == 0)
      has_privacy = TRUE;
  all_names = g_new0 (const char *, n + 1);
  all_values = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      all_names[i] = names[i];
      all_values[i] = values[i];
    }
  if (!has_privacy)
    {
      all_names[n_all] = CB_FIELD_PRIVACY;
      all_values[n_all] = kind->default_privacy;
      n_all++;
    }

  new_uuid = uuid ? g_strdup (uuid) : g_uuid_string_random ();
  created = now_iso ();

  if (!op_begin (self, &op, error))
    return NULL;

  stmt = cb_store_prepare (self,
      "INSERT INTO records (uuid, kind, author, created, vv, privacy) VALUES (?, ?, ?, ?, '', ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, new_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, kind->default_privacy, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_errcode (self->db);
      sqlite3_reset (stmt);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                     _("A record with the UUID %s already exists."), new_uuid);
      else
        cb_store_set_sqlite_error (self, error, rc);
      goto fail;
    }
  sqlite3_reset (stmt);
  ref.id = sqlite3_last_insert_rowid (self->db);
  ref.kind = kind;

  if (!local_edit (self, &ref, TRUE, "", all_names, all_values, n_all, error))
    goto fail;

  queue_change (self, kind->name, new_uuid);
  if (!op_commit (self, &op, error))
    return NULL;
  return g_steal_pointer (&new_uuid);

fail:
  op_fail (self, &op);
  return NULL;
}

char *
cb_store_create (CbStore            *self,
                 const char         *kind,
                 const char * const *names,
                 const char * const *values,
                 guint               n,
                 GError            **error)
{
  return cb_store_create_with_uuid (self, NULL, kind, names, values, n, error);
}

/**
 * cb_store_set_fields:
 *
 * Sets several fields of one record in one local edit.
 */
gboolean
cb_store_set_fields (CbStore            *self,
                     const char         *uuid,
                     const char * const *names,
                     const char * const *values,
                     guint               n,
                     GError            **error)
{
  g_autofree char *vv = NULL;
  RecRef ref;
  Op op;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (n == 0)
    return TRUE;
  if (!op_begin (self, &op, error))
    return FALSE;
  if (!lookup_record (self, uuid, &ref, &vv, error) ||
      !validate_fields (ref.kind, names, values, n, error) ||
      !local_edit (self, &ref, FALSE, vv, names, values, n, error))
    {
      op_fail (self, &op);
      return FALSE;
    }
  queue_change (self, ref.kind->name, uuid);
  return op_commit (self, &op, error);
}

gboolean
cb_store_set (CbStore     *self,
              const char  *uuid,
              const char  *field,
              const char  *value,
              GError     **error)
{
  const char *names[] = { field };
  const char *values[] = { value };
  return cb_store_set_fields (self, uuid, names, values, 1, error);
}

/**
 * cb_store_delete:
 *
 * Moves a record to the Trash. Deleting is an edit of the "deleted"
 * field: the record and its history stay, and it can be restored.
 */
gboolean
cb_store_delete (CbStore     *self,
                 const char  *uuid,
                 GError     **error)
{
  return cb_store_set (self, uuid, CB_FIELD_DELETED, "1", error);
}

gboolean
cb_store_restore (CbStore     *self,
                  const char  *uuid,
                  GError     **error)
{
  return cb_store_set (self, uuid, CB_FIELD_DELETED, "0", error);
}

/* ------------------------------------------------------------------ reads */

static void
fill_record (CbRecord      *record,
             const CbKind  *kind,
             sqlite3_stmt  *stmt,
             int            first_col)
{
  for (guint f = 0; f < kind->n_fields; f++)
    {
      const CbField *field = &kind->fields[f];
      int col = first_col + f;

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        continue;
      if (field->type == CB_TYPE_NUMBER)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_ascii_formatd (buf, sizeof buf, "%.6g", sqlite3_column_double (stmt, col));
          cb_record_take (record, field->name, g_strdup (buf));
        }
      else
        cb_record_take (record, field->name, g_strdup (cb_sql_col_text (stmt, col)));
    }
}

/* The names and descriptions of the built-in frameworks and look-fors
 * are shown in the interface language for as long as they hold the
 * catalog's own value (data/lookfors.xml, extracted for translation by
 * data/its/): a coach's edit is stamped by this laptop and shown as
 * typed. Only what is shown changes; the stored values, and so what
 * exchange files carry, stay the catalog's. */
static gboolean
translate_builtin (CbStore      *self,
                   gint64        id,
                   CbRecord     *record,
                   GError      **error)
{
  const char *kind = cb_record_get_kind (record);
  sqlite3_stmt *stmt;
  int rc;

  if (strcmp (kind, "look_for") != 0 && strcmp (kind, "framework") != 0)
    return TRUE;
  stmt = cb_store_prepare (self,
      "SELECT field, value FROM vals WHERE rec = ? AND replica = '" CB_BUILTIN_REPLICA "' "
      "AND field IN ('name', 'description')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = cb_sql_col_text (stmt, 0);
      const char *value = cb_sql_col_text (stmt, 1);

      if (*value != '\0' && g_strcmp0 (cb_record_get (record, field), value) == 0)
        cb_record_take (record, field, g_strdup (g_dgettext (GETTEXT_PACKAGE, value)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

static CbRecord *
read_record (CbStore     *self,
             const char  *uuid,
             gint64       id,
             GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GString) sql = NULL;
  const CbKind *kind;
  int rc;

  if (uuid != NULL)
    {
      stmt = cb_store_prepare (self,
          "SELECT id, uuid, kind, author, created, privacy, deleted, conflicts FROM records WHERE uuid = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = cb_store_prepare (self,
          "SELECT id, uuid, kind, author, created, privacy, deleted, conflicts FROM records WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND,
                     _("The record %s does not exist."), uuid ? uuid : "");
      else
        cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
  id = sqlite3_column_int64 (stmt, 0);
  kind = cb_kind_lookup (cb_sql_col_text (stmt, 2));
  if (kind == NULL)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                   _("The record %s has an unknown kind."), uuid ? uuid : "");
      return NULL;
    }
  record = cb_record_new (cb_sql_col_text (stmt, 1), kind->name, cb_sql_col_text (stmt, 3), cb_sql_col_text (stmt, 4));
  cb_record_take (record, CB_FIELD_PRIVACY, g_strdup (cb_sql_col_text (stmt, 5)));
  cb_record_take (record, CB_FIELD_DELETED, g_strdup (sqlite3_column_int (stmt, 6) ? "1" : "0"));
  cb_record_set_n_conflicts (record, sqlite3_column_int (stmt, 7));
  sqlite3_reset (stmt);

  sql = g_string_new ("SELECT id");
  for (guint f = 0; f < kind->n_fields; f++)
    g_string_append_printf (sql, ", \"%s\"", kind->fields[f].name);
  g_string_append_printf (sql, " FROM k_%s WHERE id = ?", kind->name);
  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    fill_record (record, kind, stmt, 1);
  sqlite3_reset (stmt);
  if (!translate_builtin (self, id, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * cb_store_get:
 *
 * Returns: (transfer full) (nullable): the record as displayed
 */
CbRecord *
cb_store_get (CbStore     *self,
              const char  *uuid,
              GError     **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  return read_record (self, uuid, 0, error);
}

static const CbField *
look_for_field (const CbKind *kind)
{
  for (guint f = 0; f < kind->n_fields; f++)
    if (kind->fields[f].type == CB_TYPE_REFS &&
        g_strcmp0 (kind->fields[f].ref_kind, "look_for") == 0)
      return &kind->fields[f];
  return NULL;
}

static gboolean
filter_has_refs (const CbFilter *filter)
{
  if (filter->ref_field != NULL && filter->ref_value != NULL)
    return TRUE;
  for (guint i = 0; i < CB_FILTER_MORE_REFS; i++)
    if (filter->more_refs[i].field != NULL && filter->more_refs[i].value != NULL)
      return TRUE;
  return FALSE;
}

/* " AND the REF/REFS field @name of the kind's table names @value" */
static gboolean
ref_sql (const CbKind  *kind,
         const char    *name,
         const char    *value,
         GString       *sql,
         GPtrArray     *binds,
         GError       **error)
{
  const CbField *field = cb_kind_field (kind, name);

  if (field == NULL || (field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("A %s has no field “%s”."), cb_kind_get_label (kind), name);
      return FALSE;
    }
  if (field->type == CB_TYPE_REF)
    g_string_append_printf (sql, " AND k.\"%s\" = ?", field->name);
  else
    g_string_append_printf (sql, " AND instr (' ' || k.\"%s\" || ' ', ' ' || ? || ' ') > 0", field->name);
  g_ptr_array_add (binds, (gpointer) value);
  return TRUE;
}

/* Builds "FROM … WHERE …" for a filter; binds go into @binds in order. */
static gboolean
filter_sql (const CbFilter  *filter,
            GString         *sql,
            GPtrArray       *binds,
            GError         **error)
{
  const CbKind *kind = NULL;

  if (filter->kind != NULL && (kind = cb_kind_lookup (filter->kind)) == NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record."), filter->kind);
      return FALSE;
    }

  /* The kind's own table is joined only when a field filters: paging
   * deep into a long list then skips rows on the records index alone. */
  if (kind != NULL && (filter_has_refs (filter) ||
                       (filter->look_for != NULL && look_for_field (kind) != NULL)))
    g_string_append_printf (sql, " FROM records r JOIN k_%s k ON k.id = r.id WHERE r.kind = ?", kind->name);
  else if (kind != NULL)
    g_string_append (sql, " FROM records r WHERE r.kind = ?");
  else
    g_string_append (sql, " FROM records r WHERE r.kind NOT IN "
                          "('evidence', 'tally', 'segment', 'agenda_item', 'attendance', 'monitor')");
  if (kind != NULL)
    g_ptr_array_add (binds, (gpointer) kind->name);
  g_string_append (sql, filter->trash ? " AND r.deleted = 1" : " AND r.deleted = 0");
  if (filter->conflicts)
    g_string_append (sql, " AND r.conflicts > 0");
  if (filter->deleted_edited)
    g_string_append (sql, " AND r.deleted_edited = 1");

  if (kind != NULL && filter->ref_field != NULL && filter->ref_value != NULL &&
      !ref_sql (kind, filter->ref_field, filter->ref_value, sql, binds, error))
    return FALSE;
  for (guint i = 0; kind != NULL && i < CB_FILTER_MORE_REFS; i++)
    if (filter->more_refs[i].field != NULL && filter->more_refs[i].value != NULL &&
        !ref_sql (kind, filter->more_refs[i].field, filter->more_refs[i].value, sql, binds, error))
      return FALSE;
  if (kind != NULL && filter->look_for != NULL)
    {
      const CbField *field = look_for_field (kind);
      if (field != NULL)
        {
          g_string_append_printf (sql, " AND instr (' ' || k.\"%s\" || ' ', ' ' || ? || ' ') > 0", field->name);
          g_ptr_array_add (binds, (gpointer) filter->look_for);
        }
    }
  if (filter->date_from != NULL)
    {
      g_string_append (sql, " AND r.sort_key >= ?");
      g_ptr_array_add (binds, (gpointer) filter->date_from);
    }
  if (filter->date_to != NULL)
    {
      /* sort keys start with the date; "~" sorts after any time suffix */
      g_string_append (sql, " AND r.sort_key <= ? || '~'");
      g_ptr_array_add (binds, (gpointer) filter->date_to);
    }
  return TRUE;
}

/* Steps @stmt, whose first column is a record id, and reads each
 * record; ids are gathered first since reading uses other statements. */
static GPtrArray *
read_records_of_rows (CbStore       *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      CbRecord *record = read_record (self, NULL, g_array_index (ids, gint64, i), error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/**
 * cb_store_count:
 *
 * Returns: how many records match @filter
 */
guint
cb_store_count (CbStore        *self,
                const CbFilter *filter)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CB_IS_STORE (self), 0);
  g_return_val_if_fail (filter != NULL, 0);

  if (!filter_sql (filter, sql, binds, NULL))
    return 0;
  stmt = cb_store_prepare (self, sql->str, NULL);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * cb_store_count_conflicts:
 *
 * Counts, live or in the Trash, the records with a field holding
 * different values and the records deleted on one laptop while edited on
 * another: what the Conflicts section lists. Two index seeks: the caches
 * are kept where values are written.
 *
 * Returns: the number of records
 */
guint
cb_store_count_conflicts (CbStore *self)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CB_IS_STORE (self), 0);

  stmt = cb_store_prepare (self,
      "SELECT (SELECT count (*) FROM records WHERE conflicts > 0) + "
      "(SELECT count (*) FROM records WHERE deleted_edited = 1 AND conflicts = 0)", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * cb_store_list:
 * @offset: rows to skip
 * @limit: rows to return at most
 *
 * Lists records matching @filter, newest first (by the kind's date,
 * then creation).
 *
 * Returns: (transfer full) (element-type CbRecord): the records
 */
GPtrArray *
cb_store_list (CbStore        *self,
               const CbFilter *filter,
               guint           offset,
               guint           limit,
               GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT r.id");
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!filter_sql (filter, sql, binds, error))
    return NULL;
  g_string_append (sql, " ORDER BY r.sort_key DESC, r.id DESC LIMIT ? OFFSET ?");
  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, binds->len + 1, limit);
  sqlite3_bind_int (stmt, binds->len + 2, offset);
  return read_records_of_rows (self, stmt, error);
}

/**
 * cb_store_children:
 * @kind: a child kind such as "evidence"
 * @parent_uuid: the parent record
 *
 * Returns: (transfer full) (element-type CbRecord): the live children in
 *   their order (the kind's order field, then creation)
 */
GPtrArray *
cb_store_children (CbStore     *self,
                   const char  *kind_name,
                   const char  *parent_uuid,
                   GError     **error)
{
  const CbKind *kind = cb_kind_lookup (kind_name);
  const CbField *parent, *order;
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  if (kind == NULL || (parent = cb_kind_parent_field (kind)) == NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record that belongs to another."), kind_name ? kind_name : "");
      return NULL;
    }
  order = cb_kind_order_field (kind);
  sql = g_string_new (NULL);
  g_string_append_printf (sql,
      "SELECT r.id FROM k_%s k JOIN records r ON r.id = k.id WHERE k.\"%s\" = ? AND r.deleted = 0 ORDER BY ",
      kind->name, parent->name);
  if (order != NULL)
    g_string_append_printf (sql, "k.\"%s\" IS NULL, k.\"%s\", ", order->name, order->name);
  g_string_append (sql, "r.created, r.id");

  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, parent_uuid, -1, SQLITE_STATIC);
  return read_records_of_rows (self, stmt, error);
}

static int
compare_winner_first (gconstpointer a,
                      gconstpointer b)
{
  const CbStamped *x = *(CbStamped * const *) a;
  const CbStamped *y = *(CbStamped * const *) b;

  if (cb_stamped_wins (x, y))
    return -1;
  if (cb_stamped_wins (y, x))
    return 1;
  return 0;
}

/**
 * cb_store_get_values:
 *
 * Returns: (transfer full) (element-type CbStamped): every value @field
 *   holds, the displayed one first. More than one is a conflict.
 */
GPtrArray *
cb_store_get_values (CbStore     *self,
                     const char  *uuid,
                     const char  *field,
                     GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  RecRef ref;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  if (!lookup_record (self, uuid, &ref, NULL, error))
    return NULL;
  if (!read_vals (self, ref.id, field, values, error))
    return NULL;
  g_ptr_array_sort (values, compare_winner_first);
  return g_steal_pointer (&values);
}

/**
 * cb_store_replica_author:
 *
 * Returns: (transfer full): the name of the coach whose laptop has
 *   @replica, or "" when unknown
 */
char *
cb_store_replica_author (CbStore    *self,
                         const char *replica)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT author FROM replicas WHERE replica = ?", NULL);
  char *author = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    author = g_strdup (cb_sql_col_text (stmt, 0));
  sqlite3_reset (stmt);
  return author ? author : g_strdup ("");
}

/* ------------------------------------------------------ versioned state */

/**
 * cb_store_read_state:
 *
 * Returns: (transfer full) (nullable): the versioned state of @uuid, or
 *   %NULL without error when there is no such record
 */
CbState *
cb_store_read_state (CbStore     *self,
                     const char  *uuid,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(CbState) state = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  stmt = cb_store_prepare (self, "SELECT id, kind, author, created, vv FROM records WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
  id = sqlite3_column_int64 (stmt, 0);
  state = cb_state_new (uuid, cb_sql_col_text (stmt, 1), cb_sql_col_text (stmt, 2), cb_sql_col_text (stmt, 3));
  cb_vector_free (state->vector);
  state->vector = cb_vector_parse (cb_sql_col_text (stmt, 4), error);
  sqlite3_reset (stmt);
  if (state->vector == NULL)
    return NULL;

  if (!read_vals (self, id, NULL, state->values, error))
    return NULL;
  return g_steal_pointer (&state);
}

/**
 * cb_store_holds_state:
 * @state: a record's state as another laptop shares it: values sorted,
 *   no private field
 * @found: (out) (optional): whether the record is here at all
 *
 * Whether this store holds exactly @state for that record, leaving its
 * private fields aside: then merging @state changes nothing. Compares
 * the rows as they are read, without building the local state, which
 * makes importing a file again cheap.
 *
 * Returns: %TRUE if the record is here with the same author, creation
 *   time, vector and shared values; %FALSE otherwise or on error
 */
gboolean
cb_store_holds_state (CbStore        *self,
                      const CbState  *state,
                      gboolean       *found,
                      GError        **error)
{
  g_autofree char *vv = NULL;
  const CbKind *kind;
  sqlite3_stmt *stmt;
  gboolean same;
  gint64 id;
  guint j = 0;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (found)
    *found = TRUE;  /* unless seen absent */
  kind = cb_kind_lookup (state->kind);
  if (kind == NULL)
    return FALSE;
  stmt = cb_store_prepare (self, "SELECT id, kind, author, created, vv FROM records WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state->uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        cb_store_set_sqlite_error (self, error, rc);
      else if (found)
        *found = FALSE;
      return FALSE;
    }
  vv = cb_vector_to_string (state->vector);
  id = sqlite3_column_int64 (stmt, 0);
  same = strcmp (cb_sql_col_text (stmt, 1), kind->name) == 0 &&
         strcmp (cb_sql_col_text (stmt, 2), state->author ? state->author : "") == 0 &&
         strcmp (cb_sql_col_text (stmt, 3), state->created ? state->created : "") == 0 &&
         strcmp (cb_sql_col_text (stmt, 4), vv) == 0;
  sqlite3_reset (stmt);
  if (!same)
    return FALSE;

  /* the order of cb_stamped_compare() */
  stmt = cb_store_prepare (self,
      "SELECT field, replica, counter, hlc, value FROM vals WHERE rec = ? ORDER BY field, replica, counter", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (same && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = cb_sql_col_text (stmt, 0);
      const CbField *f = cb_kind_field (kind, field);
      const CbStamped *v;

      if (f != NULL && (f->flags & CB_FIELD_PRIVATE))
        continue;
      if (j >= state->values->len)
        {
          same = FALSE;
          break;
        }
      v = g_ptr_array_index (state->values, j++);
      same = strcmp (field, v->field) == 0 &&
             strcmp (cb_sql_col_text (stmt, 1), v->replica) == 0 &&
             sqlite3_column_int64 (stmt, 2) == v->counter &&
             sqlite3_column_int64 (stmt, 3) == v->hlc &&
             strcmp (cb_sql_col_text (stmt, 4), v->value) == 0;
    }
  sqlite3_reset (stmt);
  if (same && rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return same && j == state->values->len;
}

/**
 * cb_store_write_state:
 *
 * Replaces the versioned state of one record (creating it if needed) and
 * rebuilds what is displayed. Used by the merge: the caller computed
 * @state with cb_merge_states().
 */
gboolean
cb_store_write_state (CbStore        *self,
                      const CbState  *state,
                      GError        **error)
{
  g_autoptr(CbState) local = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (state->uuid != NULL && cb_uuid_is_valid (state->uuid))
    {
      local = cb_store_read_state (self, state->uuid, &local_error);
      if (local == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return cb_store_write_merged (self, local, state, error);
}

static int
compare_stamped_ptrs (gconstpointer a,
                      gconstpointer b)
{
  return cb_stamped_compare (*(CbStamped * const *) a, *(CbStamped * const *) b);
}

/* @values in cb_stamped_compare() order, without copying them. */
static GPtrArray *
sorted_values (GPtrArray *values)
{
  GPtrArray *sorted = g_ptr_array_sized_new (values->len);
  gboolean in_order = TRUE;

  for (guint i = 0; i < values->len; i++)
    {
      g_ptr_array_add (sorted, g_ptr_array_index (values, i));
      if (i > 0 && cb_stamped_compare (g_ptr_array_index (values, i - 1),
                                       g_ptr_array_index (values, i)) > 0)
        in_order = FALSE;
    }
  if (!in_order)
    g_ptr_array_sort (sorted, compare_stamped_ptrs);
  return sorted;
}

/* Inserts @n values of one record, up to VALS_PER_INSERT in each
 * statement: a record's values cost one statement, not one each. OR FAIL
 * rather than the default ABORT: a statement that may abort after its
 * first row keeps a journal of every page it changes, so that it can undo
 * itself, and a failure here fails the whole transaction anyway. */
static gboolean
insert_values (CbStore          *self,
               gint64            id,
               CbStamped * const *values,
               guint             n,
               GError          **error)
{
  while (n > 0)
    {
      guint rows = MIN (n, VALS_PER_INSERT);
      sqlite3_stmt *stmt;

      if (self->vals_sql[rows - 1] == NULL)
        {
          GString *sql = g_string_new ("INSERT OR FAIL INTO vals (rec, field, replica, counter, hlc, value) VALUES ");

          for (guint r = 0; r < rows; r++)
            g_string_append (sql, r == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
          self->vals_sql[rows - 1] = g_string_free (sql, FALSE);
        }
      stmt = cb_store_prepare (self, self->vals_sql[rows - 1], error);
      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < rows; r++)
        {
          const CbStamped *v = values[r];
          int col = 6 * r;

          sqlite3_bind_int64 (stmt, col + 1, id);
          sqlite3_bind_text (stmt, col + 2, v->field, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, col + 3, v->replica, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, col + 4, v->counter);
          sqlite3_bind_int64 (stmt, col + 5, v->hlc);
          sqlite3_bind_text (stmt, col + 6, v->value, -1, SQLITE_STATIC);
        }
      if (!step_done (self, stmt, error))
        return FALSE;
      values += rows;
      n -= rows;
    }
  return TRUE;
}

static gboolean
delete_value (CbStore          *self,
              gint64            id,
              const CbStamped  *v,
              GError          **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
      "DELETE FROM vals WHERE rec = ? AND field = ? AND replica = ? AND counter = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, v->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, v->replica, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, v->counter);
  return step_done (self, stmt, error);
}

/* Makes the record's values in vals go from @before to @after: deletes
 * what @after no longer holds, inserts what it adds. */
static gboolean
write_value_changes (CbStore        *self,
                     gint64          id,
                     GPtrArray      *before,
                     GPtrArray      *after,
                     GError        **error)
{
  g_autoptr(GPtrArray) b = sorted_values (before);
  g_autoptr(GPtrArray) a = sorted_values (after);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint i = 0, j = 0;

  while (i < b->len || j < a->len)
    {
      const CbStamped *x = i < b->len ? g_ptr_array_index (b, i) : NULL;
      const CbStamped *y = j < a->len ? g_ptr_array_index (a, j) : NULL;
      int c = x == NULL ? 1 : y == NULL ? -1 : cb_stamped_compare (x, y);

      if (c == 0 && x->hlc == y->hlc && strcmp (x->value, y->value) == 0)
        {
          i++;
          j++;
          continue;
        }
      /* gone, or the same stamp now with other content */
      if (c <= 0 && !delete_value (self, id, x, error))
        return FALSE;
      if (c >= 0)
        g_ptr_array_add (added, (gpointer) y);
      if (c <= 0)
        i++;
      if (c >= 0)
        j++;
    }
  return insert_values (self, id, (CbStamped * const *) added->pdata, added->len, error);
}

/**
 * cb_store_write_merged:
 * @local: (nullable): the record's state as cb_store_read_state() read it
 *   in the same transaction, or %NULL when the record is not here
 * @state: the state to write, e.g. cb_merge_states() of @local
 *
 * cb_store_write_state() for a caller that has just read the record's
 * state: only the values that changed are written, and what is displayed
 * is derived from @state in memory. The import's write path.
 */
gboolean
cb_store_write_merged (CbStore        *self,
                       const CbState  *local,
                       const CbState  *state,
                       GError        **error)
{
  const CbKind *kind;
  g_autofree char *vv = NULL;
  g_auto(Display) d = { 0 };
  sqlite3_stmt *stmt;
  gint64 id = 0;
  Op op;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  kind = cb_kind_lookup (state->kind);
  if (kind == NULL || !cb_uuid_is_valid (state->uuid))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("The record %s is not valid."), state->uuid ? state->uuid : "");
      return FALSE;
    }
  if (local != NULL && (g_strcmp0 (local->uuid, state->uuid) != 0 ||
                        g_strcmp0 (local->kind, kind->name) != 0))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("The record %s is a %s here and something else in the file."),
                   state->uuid, local->kind);
      return FALSE;
    }
  vv = cb_vector_to_string (state->vector);
  display_compute (&d, kind, state->values);

  if (!op_begin (self, &op, error))
    return FALSE;

  if (local == NULL && self->bulk_indexes && self->dropped_indexes == NULL &&
      !drop_indexes (self, error))
    goto fail;

  /* The records row with its caches, in one statement. */
  if (local == NULL)
    stmt = cb_store_prepare (self,
        "INSERT INTO records (uuid, kind, author, created, vv, privacy, deleted, conflicts, "
        "deleted_edited, sort_key) VALUES (?1, ?10, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        SORT_KEY_SQL ("?9", "?3") ")", error);
  else
    {
      RecRef ref;

      if (!lookup_record (self, state->uuid, &ref, NULL, error))
        goto fail;
      if (ref.kind != kind)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("The record %s is a %s here and something else in the file."),
                       state->uuid, ref.kind->name);
          goto fail;
        }
      id = ref.id;
      stmt = cb_store_prepare (self,
          "UPDATE records SET author = ?2, created = ?3, vv = ?4, privacy = ?5, deleted = ?6, "
          "conflicts = ?7, deleted_edited = ?8, sort_key = " SORT_KEY_SQL ("?9", "?3") " "
          "WHERE id = ?10", error);
    }
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 2, state->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, state->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, vv, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, d.privacy, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, d.deleted);
  sqlite3_bind_int (stmt, 7, d.conflicts);
  sqlite3_bind_int (stmt, 8, d.deleted_edited);
  if (d.sort_value)
    sqlite3_bind_text (stmt, 9, d.sort_value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  if (local == NULL)
    {
      sqlite3_bind_text (stmt, 1, state->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, kind->name, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_int64 (stmt, 10, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_errcode (self->db);

      sqlite3_reset (stmt);
      if (local == NULL && (rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                     _("A record with the UUID %s already exists."), state->uuid);
      else
        cb_store_set_sqlite_error (self, error, rc);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (local != NULL)
    {
      if (!write_value_changes (self, id, local->values, state->values, error))
        goto fail;
    }
  else
    {
      id = sqlite3_last_insert_rowid (self->db);
      if (!insert_values (self, id, (CbStamped * const *) state->values->pdata, state->values->len, error))
        goto fail;
    }

  if (!display_write_kind_row (self, id, local == NULL, &d, error) ||
      !display_write_search (self, id, local == NULL, &d, error))
    goto fail;
  queue_change (self, kind->name, state->uuid);
  return op_commit (self, &op, error);

fail:
  op_fail (self, &op);
  return FALSE;
}

/**
 * cb_store_observe_hlc:
 *
 * Moves the local clock past a clock seen in another laptop's file.
 *
 * Returns: %FALSE if @remote_hlc is more than a day ahead of this
 *   laptop's clock: it was not followed, and the caller should warn.
 */
gboolean
cb_store_observe_hlc (CbStore *self,
                      gint64   remote_hlc)
{
  gboolean too_far = FALSE;
  gint64 next = cb_hlc_observe (self->hlc, remote_hlc, wall_ms () + self->clock_offset_ms, &too_far);

  if (next != self->hlc)
    {
      self->hlc = next;
      if (self->depth > 0)
        self->clock_dirty = TRUE;
      else
        meta_set_int (self, "hlc", next, NULL);
    }
  return !too_far;
}

/**
 * cb_store_note_replica:
 * @replica: a replica id
 * @author: the coach's name for it, as a file gives it
 * @named: the clock of the replica's own laptop when it took that name,
 *   or 0 when the file does not say
 *
 * Merges a name for @replica from a file. Names merge deterministically,
 * whatever the order of the files: the one with the higher @named wins,
 * then the greater name (in bytes), so two laptops that saw the same
 * files show the same names, and an old file does not bring back an old
 * name. This laptop's own replica and the built-in catalog's are never
 * named by a file: their names are left as they are.
 *
 * Returns: %FALSE on a database error
 */
gboolean
cb_store_note_replica (CbStore     *self,
                       const char  *replica,
                       const char  *author,
                       gint64       named,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  if (!cb_replica_is_valid (replica) || author == NULL || author[0] == '\0' ||
      strcmp (replica, self->replica) == 0 || strcmp (replica, CB_BUILTIN_REPLICA) == 0)
    return TRUE;
  stmt = cb_store_prepare (self,
      "INSERT INTO replicas (replica, author, named) VALUES (?, ?, ?) "
      "ON CONFLICT (replica) DO UPDATE SET author = excluded.author, named = excluded.named "
      "WHERE (excluded.named, excluded.author) > (named, author)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, MAX (named, 0));
  return step_done (self, stmt, error);
}

/**
 * cb_store_replica_named:
 *
 * Returns: the clock of @replica's own laptop when it took the name
 *   cb_store_replica_author() gives (see cb_store_note_replica()), or 0
 *   when unknown
 */
gint64
cb_store_replica_named (CbStore    *self,
                        const char *replica)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT named FROM replicas WHERE replica = ?", NULL);
  gint64 named = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    named = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return named;
}

/**
 * cb_store_renew_replica:
 *
 * Gives this laptop a new random replica id, with its counter at 0, for
 * every edit from now on. Needed whenever this laptop may already have
 * issued stamps it no longer knows of: after the database was put back
 * from a backup of any age (the backup does not know the edits made
 * since), or when files show this replica at counters it has not issued
 * (a copied database or disk image, a changed file); the import does it
 * by itself then. The old id stays in every stamp and vector that has
 * it, with this laptop's name. Inside a transaction, a rollback undoes
 * it too.
 *
 * Returns: %FALSE on a database error, with nothing changed
 */
gboolean
cb_store_renew_replica (CbStore  *self,
                        GError  **error)
{
  g_autofree char *old = NULL;
  gint64 old_counter;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  if (!cb_store_begin (self, error))
    return FALSE;
  old = g_strdup (self->replica);
  old_counter = self->counter;
  g_free (self->replica);
  self->replica = cb_replica_new ();
  self->counter = 0;
  if (!meta_set (self, "replica", self->replica, error) ||
      !meta_set_int (self, "counter", 0, error) ||
      !note_own_name (self, TRUE, error))
    goto fail;
  if (!cb_store_commit (self, error))
    goto undo;
  return TRUE;

fail:
  cb_store_rollback (self);
undo:
  g_free (self->replica);
  self->replica = g_steal_pointer (&old);
  self->counter = old_counter;
  return FALSE;
}

/* ------------------------------------------------------------ maintenance */

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
  g_autofree char *replica = meta_get (self, "replica");
  g_autofree char *stored_fingerprint = meta_get (self, "fingerprint");
  g_autofree char *author = meta_get (self, "author");
  gboolean same_replica, same_author;

  load_clock (self);
  same_replica = g_strcmp0 (replica, self->replica) == 0 &&
                 (fingerprint == NULL || g_strcmp0 (stored_fingerprint, fingerprint) == 0);
  same_author = g_strcmp0 (author ? author : "", self->author) == 0;
  if (self->counter >= counter && self->hlc >= hlc && same_replica && same_author)
    return TRUE;

  self->counter = MAX (self->counter, counter);
  self->hlc = MAX (self->hlc, hlc);
  if (!cb_store_begin (self, error))
    return FALSE;
  if (!meta_set_int (self, "counter", self->counter, error) ||
      !meta_set_int (self, "hlc", self->hlc, error) ||
      (!same_replica && !meta_set (self, "replica", self->replica, error)) ||
      (!same_replica && fingerprint != NULL && !meta_set (self, "fingerprint", fingerprint, error)) ||
      (!same_author && !meta_set (self, "author", self->author, error)) ||
      ((!same_author || !same_replica) && !note_own_name (self, TRUE, error)))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  return cb_store_commit (self, error);
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
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  g_autofree char *fingerprint = NULL;
  gint64 counter, hlc;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  fingerprint = meta_get (self, "fingerprint");
  counter = self->counter;
  hlc = self->hlc;
  rc = sqlite3_open_v2 (src_path, &src, SQLITE_OPEN_READONLY, NULL);
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
  if (!keep_identity (self, fingerprint, counter, hlc, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0, NULL, NULL);
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
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  g_autofree char *fingerprint = NULL;
  gint64 hlc;
  int rc;

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

  /* A backup from an older Coachbook is brought up to date like any
   * database it opens; then the new identity, this laptop's fingerprint
   * and a clock that never goes back. */
  if (!migrate (self, error))
    return FALSE;
  self->data_version = data_version (self);
  fingerprint = compute_fingerprint (self);
  load_clock (self);
  self->hlc = MAX (self->hlc, hlc);
  {
    g_autofree char *author = meta_get (self, "author");

    g_free (self->author);
    self->author = g_strdup (author ? author : "");
  }
  if (!cb_store_begin (self, error))
    return FALSE;
  if (!meta_set (self, "fingerprint", fingerprint, error) ||
      !meta_set_int (self, "hlc", self->hlc, error) ||
      !cb_store_renew_replica (self, error))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  if (!cb_store_commit (self, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0, NULL, NULL);
  return TRUE;
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
