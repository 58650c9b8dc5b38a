/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's schema and its migrations: the SQL of each step of the
 * ladder, generated from the kinds table, and the backup taken before a
 * database is upgraded. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-sql.h"
#include "cb-store-private.h"

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
 * Existing rows: the flag as cb_display_compute() sets it, and the conflict
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
  /* the store writes the search index itself: cb_store_write_search() */
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

/* Version 6: the sync folder (docs/sharing.md, src/core/cb-sync.c).
 * vals_stamp finds the records this laptop changed in a counter range
 * without reading every value; sync_files remembers the files imported
 * from each folder (name, size, modification time, hash), sync_ranges
 * the per-replica counter ranges whose files were imported,
 * sync_folders what this laptop wrote to each folder (up to which
 * counter, under which name; whether an import since may have let a
 * withheld record leave) and when it last
 * synced with whom, sync_pending the records withheld from a change
 * file by the privacy rule, written again once they may leave. */
static const char schema_v6[] =
  "CREATE INDEX vals_stamp ON vals (replica, counter);"
  "CREATE TABLE sync_files ("
  "  folder TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL,"
  "  mtime INTEGER NOT NULL, hash TEXT NOT NULL,"
  "  PRIMARY KEY (folder, name)) WITHOUT ROWID;"
  "CREATE INDEX sync_files_hash ON sync_files (hash);"
  "CREATE TABLE sync_ranges ("
  "  replica TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,"
  "  PRIMARY KEY (replica, first, last)) WITHOUT ROWID;"
  "CREATE TABLE sync_folders ("
  "  folder TEXT PRIMARY KEY, replica TEXT NOT NULL DEFAULT '',"
  "  written INTEGER NOT NULL DEFAULT 0, author TEXT NOT NULL DEFAULT '',"
  "  recheck INTEGER NOT NULL DEFAULT 0, synced INTEGER NOT NULL DEFAULT 0,"
  "  peers TEXT NOT NULL DEFAULT '') WITHOUT ROWID;"
  "CREATE TABLE sync_pending ("
  "  folder TEXT NOT NULL, uuid TEXT NOT NULL,"
  "  PRIMARY KEY (folder, uuid)) WITHOUT ROWID;";

/* The last ladder step that changes only the common tables (no kind or
 * field has this `since`): the floor of cb_schema_version(). Raise it
 * with a new schema_vN above and its branch in cb_store_migration_sql(). */
#define LAST_COMMON_STEP 6

/* The top of the ladder: the highest `since` of any kind or field, and
 * never below the last step that changes only the common tables. A new
 * kind or field with `since` = this + 1 raises it by itself. */
guint
cb_schema_version (void)
{
  const CbKind *kinds;
  guint n_kinds;
  guint top = LAST_COMMON_STEP;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      top = MAX (top, kinds[k].since);
      for (guint f = 0; f < kinds[k].n_fields; f++)
        top = MAX (top, kinds[k].fields[f].since);
    }
  return top;
}

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
  else if (version == 6)
    g_string_append (sql, schema_v6);

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

gboolean
cb_store_migrate (CbStore  *self,
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
