/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A version 1 database, made here with the ladder's first step and a
 * record written as version 1 wrote it, is upgraded after a backup. */
#include "config.h"

#include <string.h>

#include "cb-store-private.h"
#include "cb-store.h"
#include "cb-test-util.h"

#define UUID "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980"

static void
make_v1 (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *v1 = cb_store_migration_sql (1);
  char *msg = NULL;
  const char *rows =
    "PRAGMA user_version = 1;"
    "INSERT INTO meta VALUES ('replica', '1111111111111111'), ('counter', '1'), ('hlc', '1');"
    "INSERT INTO records (id, uuid, kind, author, created, vv, privacy)"
    "  VALUES (1, '" UUID "', 'person', 'Coach', '2025-09-01T10:00:00Z', '1111111111111111:1', 'team');"
    "INSERT INTO vals VALUES (1, 'name', '1111111111111111', 1, 1, 'María López');"
    "INSERT INTO vals VALUES (1, 'privacy', '1111111111111111', 1, 1, 'team');"
    "INSERT INTO k_person (id, name) VALUES (1, 'María López');"
    "INSERT INTO search_text (id, title, body) VALUES (1, 'María López', '');";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, v1, NULL, NULL, &msg) != SQLITE_OK ||
      sqlite3_exec (db, rows, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);
  sqlite3_close (db);
}

static void
test_upgrade (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = NULL;
  g_autoptr(CbRecord) rec = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean backup = FALSE;
  sqlite3_stmt *stmt;

  make_v1 (path);
  /* v1 had no "email" column */
  g_assert_null (strstr (cb_store_migration_sql (1), "\"email\""));

  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store), "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CB_SCHEMA_VERSION);
  sqlite3_finalize (stmt);

  rec = cb_store_get (store, UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (rec, "name"), ==, "María López");
  /* the new field works */
  g_assert_true (cb_store_set (store, UUID, "email", "maria@example.org", &error));
  g_assert_no_error (error);
  g_clear_object (&rec);
  rec = cb_store_get (store, UUID, &error);
  g_assert_cmpstr (cb_record_get (rec, "email"), ==, "maria@example.org");

  /* a backup of the version 1 file was taken first */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, "old.db.v1-") && g_str_has_suffix (name, ".bak"))
      {
        g_autofree char *bak = g_build_filename (dir, name, NULL);
        sqlite3 *db = NULL;
        g_assert_cmpint (sqlite3_open (bak, &db), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
        sqlite3_finalize (stmt);
        sqlite3_close (db);
        backup = TRUE;
      }
  g_assert_true (backup);
  g_clear_object (&store);
  cb_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrate/v1-to-current", test_upgrade);
  return g_test_run ();
}
