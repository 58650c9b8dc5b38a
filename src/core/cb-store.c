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
#include "cb-store-private.h"
#include "cb-store.h"
#include "cb-versions.h"

struct _CbStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *stmts;      /* sql → sqlite3_stmt* */
  char       *replica;
  char       *author;
  gint64      counter;    /* last counter this replica issued */
  gint64      hlc;        /* last clock value issued or observed */
  gint64      clock_offset_ms; /* tests only: a skewed wall clock */
  guint       depth;      /* open transactions */
  gboolean    clock_dirty; /* counter/hlc to write to meta at commit */
  guint       spoiled;    /* depth at which an operation failed half-way, or 0 */
  GPtrArray  *pending;    /* kind\nuuid strings, emitted at commit */
  gboolean    pending_all;
};

G_DEFINE_FINAL_TYPE (CbStore, cb_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_PENDING 256

G_DEFINE_QUARK (cb-store-error-quark, cb_store_error)

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
      /* A file that does not even start like SQLite is refused by
       * check_header() first; SQLite saying "not a database" later
       * means a database damaged past its header. */
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
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
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

static const char *
col_text (sqlite3_stmt *stmt,
          int           i)
{
  const char *t = (const char *) sqlite3_column_text (stmt, i);
  return t ? t : "";
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
    value = g_strdup (col_text (stmt, 0));
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

/* ------------------------------------------------------------ transactions */

gboolean
cb_store_begin (CbStore  *self,
                GError  **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  if (!cb_store_exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT cb", error))
    return FALSE;
  self->depth++;
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
      load_clock (self);
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

/* The SQL of one migration step, generated from the kinds table: new
 * kinds get their table, new fields of older kinds get a column. */
char *
cb_store_migration_sql (guint version)
{
  GString *sql = g_string_new (NULL);
  const CbKind *kinds;
  guint n_kinds;

  if (version == 1)
    g_string_append (sql, base_schema);

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

  self->replica = cb_replica_new ();
  if (!cb_store_begin (self, error))
    return FALSE;
  if (!meta_set (self, "replica", self->replica, error) ||
      !meta_set (self, "fingerprint", fingerprint, error) ||
      !meta_set_int (self, "counter", 0, error) ||
      !cb_store_note_replica (self, self->replica, self->author, error))
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

static gboolean
check_header (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16];
  gsize n = 0;

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("The database file could not be read: %s"), local_error->message);
      return FALSE;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n, NULL, &local_error))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("The database file could not be read: %s"), local_error->message);
      return FALSE;
    }
  /* An empty file is a new database; anything else must be SQLite. */
  if (n == 0)
    return TRUE;
  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Coachbook database."), path);
      return FALSE;
    }
  return TRUE;
}

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
          const char *line = col_text (stmt, 0);
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
  else if (!existed)
    open_flags |= SQLITE_OPEN_CREATE;

  if (path != NULL && !check_header (path, error))
    return FALSE;

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
      !cb_store_note_replica (self, self->replica, author, &error))
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
      ref->kind = cb_kind_lookup (col_text (stmt, 1));
      if (vv)
        *vv = g_strdup (col_text (stmt, 2));
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

/* Rebuilds the displayed values, caches and search text of one record
 * from its versioned values. */
static gboolean
materialize (CbStore       *self,
             const RecRef  *ref,
             GError       **error)
{
  const CbKind *kind = ref->kind;
  g_autoptr(GHashTable) winners = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) cb_stamped_free);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL); /* fields in conflict */
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  const CbField *title_field = cb_kind_title_field (kind);
  const CbField *sort_field = cb_kind_sort_field (kind);
  const CbStamped *w;
  const char *title = "";
  guint conflicts = 0;
  sqlite3_stmt *stmt;
  int rc;
  g_autofree char *sort_key = NULL;
  g_autofree char *created = NULL;

  stmt = cb_store_prepare (self,
      "SELECT field, value, replica, counter, hlc FROM vals WHERE rec = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ref->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStamped *v = cb_stamped_new (col_text (stmt, 0), col_text (stmt, 1), col_text (stmt, 2),
                                     sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4));
      CbStamped *cur = g_hash_table_lookup (winners, v->field);

      /* Two laptops that wrote the same value (both deleted the record,
       * both typed the same text) do not disagree. */
      if (cur != NULL && strcmp (cur->value, v->value) != 0)
        g_hash_table_add (counts, g_strdup (v->field));
      if (cur == NULL || cb_stamped_wins (v, cur))
        g_hash_table_replace (winners, v->field, v);
      else
        cb_stamped_free (v);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  conflicts = g_hash_table_size (counts);

  /* k_<kind> row */
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT OR REPLACE INTO k_%s (id", kind->name);
  for (guint f = 0; f < kind->n_fields; f++)
    g_string_append_printf (sql, ", \"%s\"", kind->fields[f].name);
  g_string_append (sql, ") VALUES (?");
  for (guint f = 0; f < kind->n_fields; f++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");
  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ref->id);
  for (guint f = 0; f < kind->n_fields; f++)
    {
      const CbField *field = &kind->fields[f];
      w = g_hash_table_lookup (winners, field->name);
      if (w == NULL || w->value[0] == '\0')
        sqlite3_bind_null (stmt, f + 2);
      else if (field->type == CB_TYPE_INT || field->type == CB_TYPE_BOOL)
        sqlite3_bind_int64 (stmt, f + 2, g_ascii_strtoll (w->value, NULL, 10));
      else if (field->type == CB_TYPE_NUMBER)
        sqlite3_bind_double (stmt, f + 2, g_ascii_strtod (w->value, NULL));
      else
        sqlite3_bind_text (stmt, f + 2, w->value, -1, SQLITE_STATIC);

      if (w != NULL && (field->flags & CB_FIELD_SEARCH) && w->value[0] != '\0')
        {
          if (field == title_field)
            title = w->value;
          else
            {
              if (body->len > 0)
                g_string_append_c (body, '\n');
              g_string_append (body, w->value);
            }
        }
    }
  if (!step_done (self, stmt, error))
    return FALSE;

  /* records caches */
  if (sort_field != NULL && (w = g_hash_table_lookup (winners, sort_field->name)) && w->value[0])
    {
      stmt = cb_store_prepare (self, "SELECT created FROM records WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, ref->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        created = g_strdup (col_text (stmt, 0));
      sqlite3_reset (stmt);
      sort_key = g_strdup_printf ("%s %s", w->value, created ? created : "");
    }

  stmt = cb_store_prepare (self,
      "UPDATE records SET privacy = ?, deleted = ?, conflicts = ?, "
      "sort_key = coalesce (?, substr (created, 1, 10) || ' ' || created) WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  w = g_hash_table_lookup (winners, CB_FIELD_PRIVACY);
  sqlite3_bind_text (stmt, 1, w && w->value[0] ? w->value : kind->default_privacy, -1, SQLITE_STATIC);
  w = g_hash_table_lookup (winners, CB_FIELD_DELETED);
  sqlite3_bind_int (stmt, 2, w && strcmp (w->value, "1") == 0);
  sqlite3_bind_int (stmt, 3, conflicts);
  if (sort_key)
    sqlite3_bind_text (stmt, 4, sort_key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, ref->id);
  if (!step_done (self, stmt, error))
    return FALSE;

  stmt = cb_store_prepare (self,
      "INSERT INTO search_text (id, title, body) VALUES (?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body "
      "WHERE title IS NOT excluded.title OR body IS NOT excluded.body", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ref->id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body->str, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
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
        cb_record_take (record, field->name, g_strdup (col_text (stmt, col)));
    }
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
  kind = cb_kind_lookup (col_text (stmt, 2));
  if (kind == NULL)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                   _("The record %s has an unknown kind."), uuid ? uuid : "");
      return NULL;
    }
  record = cb_record_new (col_text (stmt, 1), kind->name, col_text (stmt, 3), col_text (stmt, 4));
  cb_record_take (record, CB_FIELD_PRIVACY, g_strdup (col_text (stmt, 5)));
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
  if (kind != NULL && ((filter->ref_field != NULL && filter->ref_value != NULL) ||
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

  if (kind != NULL && filter->ref_field != NULL && filter->ref_value != NULL)
    {
      const CbField *field = cb_kind_field (kind, filter->ref_field);
      if (field == NULL || (field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS))
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("A %s has no field “%s”."), cb_kind_get_label (kind), filter->ref_field);
          return FALSE;
        }
      if (field->type == CB_TYPE_REF)
        g_string_append_printf (sql, " AND k.\"%s\" = ?", field->name);
      else
        g_string_append_printf (sql, " AND instr (' ' || k.\"%s\" || ' ', ' ' || ? || ' ') > 0", field->name);
      g_ptr_array_add (binds, (gpointer) filter->ref_value);
    }
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
  sqlite3_stmt *stmt;
  RecRef ref;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  if (!lookup_record (self, uuid, &ref, NULL, error))
    return NULL;
  stmt = cb_store_prepare (self,
      "SELECT field, value, replica, counter, hlc FROM vals WHERE rec = ? AND field = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ref.id);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (values, cb_stamped_new (col_text (stmt, 0), col_text (stmt, 1), col_text (stmt, 2),
                                             sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
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
    author = g_strdup (col_text (stmt, 0));
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
  state = cb_state_new (uuid, col_text (stmt, 1), col_text (stmt, 2), col_text (stmt, 3));
  cb_vector_free (state->vector);
  state->vector = cb_vector_parse (col_text (stmt, 4), error);
  sqlite3_reset (stmt);
  if (state->vector == NULL)
    return NULL;

  stmt = cb_store_prepare (self,
      "SELECT field, value, replica, counter, hlc FROM vals WHERE rec = ? ORDER BY field, replica, counter", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    cb_state_add (state, cb_stamped_new (col_text (stmt, 0), col_text (stmt, 1), col_text (stmt, 2),
                                         sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&state);
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
  const CbKind *kind;
  g_autofree char *vv = NULL;
  sqlite3_stmt *stmt;
  RecRef ref;
  Op op;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  kind = cb_kind_lookup (state->kind);
  if (kind == NULL || !cb_uuid_is_valid (state->uuid))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("The record %s is not valid."), state->uuid ? state->uuid : "");
      return FALSE;
    }
  vv = cb_vector_to_string (state->vector);

  if (!op_begin (self, &op, error))
    return FALSE;

  stmt = cb_store_prepare (self,
      "INSERT INTO records (uuid, kind, author, created, vv) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (uuid) DO UPDATE SET author = excluded.author, created = excluded.created, "
      "vv = excluded.vv WHERE kind = excluded.kind RETURNING id, kind", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, state->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, state->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, state->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, vv, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                     _("The record %s is a %s here and something else in the file."),
                     state->uuid, kind->name);
      else
        cb_store_set_sqlite_error (self, error, rc);
      goto fail;
    }
  ref.id = sqlite3_column_int64 (stmt, 0);
  ref.kind = kind;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  stmt = cb_store_prepare (self, "DELETE FROM vals WHERE rec = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, ref.id);
  if (!step_done (self, stmt, error))
    goto fail;

  stmt = cb_store_prepare (self,
      "INSERT INTO vals (rec, field, replica, counter, hlc, value) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < state->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (state->values, i);
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ref.id);
      sqlite3_bind_text (stmt, 2, v->field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, v->replica, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, v->counter);
      sqlite3_bind_int64 (stmt, 5, v->hlc);
      sqlite3_bind_text (stmt, 6, v->value, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  if (!materialize (self, &ref, error))
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

gboolean
cb_store_note_replica (CbStore     *self,
                       const char  *replica,
                       const char  *author,
                       GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
      "INSERT INTO replicas (replica, author) VALUES (?, ?) "
      "ON CONFLICT (replica) DO UPDATE SET author = excluded.author "
      "WHERE excluded.author != '' AND author IS NOT excluded.author", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, author ? author : "", -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
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
      const char *line = col_text (stmt, 0);
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
      g_autoptr(CbVector) vv = cb_vector_parse (col_text (stmt, 2), NULL);
      if (!cb_uuid_is_valid (col_text (stmt, 0)) || cb_kind_lookup (col_text (stmt, 1)) == NULL || vv == NULL)
        {
          if (report && n_bad < 20)
            g_string_append_printf (report, "record %s: invalid\n", col_text (stmt, 0));
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

/**
 * cb_store_backup:
 * @dest_path: a file that does not exist yet
 *
 * Writes a consistent copy of the database with VACUUM INTO (never by
 * copying the live file).
 */
gboolean
cb_store_backup (CbStore     *self,
                 const char  *dest_path,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, dest_path, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), dest_path, sqlite3_errmsg (self->db));
      return FALSE;
    }
  g_chmod (dest_path, 0600);
  return TRUE;
}

/**
 * cb_store_restore_backup:
 * @src_path: a file written by cb_store_backup()
 *
 * Replaces the whole database with the backup, in place, with SQLite's
 * online backup. Emits "changed" for everything.
 */
gboolean
cb_store_restore_backup (CbStore     *self,
                         const char  *src_path,
                         GError     **error)
{
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

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
  load_clock (self);
  g_signal_emit (self, signals[CHANGED], 0, NULL, NULL);
  return TRUE;
}

/* ---------------------------------------------------------------- GObject */

static void
cb_store_finalize (GObject *object)
{
  CbStore *self = (CbStore *) object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->replica, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_store_parent_class)->finalize (object);
}

static void
cb_store_class_init (CbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_store_finalize;

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
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sqlite3_finalize);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->author = g_strdup ("");
}
