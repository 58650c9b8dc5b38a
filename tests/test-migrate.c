/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A version 1 database, made here with the ladder's first step and a
 * record written as version 1 wrote it, is upgraded after a backup. */
#include "config.h"

#include <string.h>

#include "cb-catalog.h"
#include "cb-store-private.h"
#include "cb-store.h"
#include "cb-test-util.h"
#include "cb-walk.h"

#define UUID "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980"

static void
make_v1 (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *v1 = cb_store_migration_sql (1);
  char *msg = NULL;
  const char *rows =
    "PRAGMA user_version = 1;"
    "INSERT INTO meta VALUES ('replica', '1111111111111111'), ('counter', '1'), ('hlc', '7');"
    "INSERT INTO replicas VALUES ('1111111111111111', 'Ana'), ('2222222222222222', 'Ben');"
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
  g_autofree char *v1 = NULL;
  const char *name;
  gboolean backup = FALSE;
  sqlite3_stmt *stmt;

  make_v1 (path);
  /* v1 had no "email" column */
  v1 = cb_store_migration_sql (1);
  g_assert_null (strstr (v1, "\"email\""));

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

#define P1 "1b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7981"
#define P2 "2b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7982"
#define P3 "3b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7983"

/* A version 3 database as version 3 wrote it: search triggers, a
 * conflict count that still counted two equal values, and no flag for
 * records deleted on one laptop while edited on another. */
static void
make_v3 (const char *path)
{
  sqlite3 *db = NULL;
  char *msg = NULL;
  const char *rows =
    "PRAGMA user_version = 3;"
    "INSERT INTO meta VALUES ('replica', '1111111111111111'), ('counter', '1'), ('hlc', '7');"
    "INSERT INTO replicas VALUES ('1111111111111111', 'Ana'), ('2222222222222222', 'Ben');"
    /* the same name written on two laptops: counted as a conflict then */
    "INSERT INTO records (id, uuid, kind, author, created, vv, privacy, conflicts)"
    "  VALUES (1, '" P1 "', 'person', 'Ana', '2025-09-01T10:00:00Z',"
    "          '2222222222222222:1 3333333333333333:1', 'team', 1);"
    "INSERT INTO vals VALUES (1, 'name', '2222222222222222', 1, 10, 'Ana Ruiz');"
    "INSERT INTO vals VALUES (1, 'name', '3333333333333333', 1, 11, 'Ana Ruiz');"
    "INSERT INTO k_person (id, name) VALUES (1, 'Ana Ruiz');"
    "INSERT INTO search_text (id, title, body) VALUES (1, 'Ana Ruiz', '');"
    /* deleted on one laptop, edited later on another */
    "INSERT INTO records (id, uuid, kind, author, created, vv, privacy, deleted)"
    "  VALUES (2, '" P2 "', 'person', 'Ana', '2025-09-01T10:00:00Z',"
    "          '2222222222222222:2 3333333333333333:2', 'team', 1);"
    "INSERT INTO vals VALUES (2, 'name', '2222222222222222', 1, 10, 'Ben Cho');"
    "INSERT INTO vals VALUES (2, 'deleted', '2222222222222222', 2, 20, '1');"
    "INSERT INTO vals VALUES (2, 'grades', '3333333333333333', 2, 30, '3-5');"
    "INSERT INTO k_person (id, name, grades) VALUES (2, 'Ben Cho', '3-5');"
    "INSERT INTO search_text (id, title, body) VALUES (2, 'Ben Cho', '');"
    /* edited on another laptop before the delete: nothing to decide */
    "INSERT INTO records (id, uuid, kind, author, created, vv, privacy, deleted)"
    "  VALUES (3, '" P3 "', 'person', 'Ana', '2025-09-01T10:00:00Z',"
    "          '2222222222222222:2 3333333333333333:2', 'team', 1);"
    "INSERT INTO vals VALUES (3, 'name', '2222222222222222', 1, 10, 'Cam Diaz');"
    "INSERT INTO vals VALUES (3, 'deleted', '2222222222222222', 2, 40, '1');"
    "INSERT INTO vals VALUES (3, 'grades', '3333333333333333', 2, 30, 'K-2');"
    "INSERT INTO k_person (id, name, grades) VALUES (3, 'Cam Diaz', 'K-2');"
    "INSERT INTO search_text (id, title, body) VALUES (3, 'Cam Diaz', '');";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 1; v <= 3; v++)
    {
      g_autofree char *sql = cb_store_migration_sql (v);
      if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
        g_error ("%s", msg);
    }
  if (sqlite3_exec (db, rows, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);
  sqlite3_close (db);
}

static int
query_int (CbStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Version 4 flags deleted-here-edited-there records and recounts
 * conflicts, so the Conflicts section counts with an index; the store
 * writes the search index itself instead of triggers. */
static void
test_v3_to_v4 (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  CbFilter flagged = { .kind = "person", .trash = TRUE, .deleted_edited = TRUE };
  g_autoptr(GPtrArray) list = NULL;

  make_v3 (path);
  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, CB_SCHEMA_VERSION);

  g_assert_cmpint (query_int (store, "SELECT conflicts FROM records WHERE id = 1"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT deleted_edited FROM records WHERE id = 2"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT deleted_edited FROM records WHERE id = 3"), ==, 0);
  g_assert_cmpuint (cb_store_count_conflicts (store), ==, 1);
  list = cb_store_list (store, &flagged, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (cb_record_get_uuid (list->pdata[0]), ==, P2);

  /* version 5: the laptop's own name is dated by its clock, a
   * colleague's is not (until a file dates it) */
  g_assert_cmpint (query_int (store, "SELECT named FROM replicas WHERE replica = '1111111111111111'"), ==, 7);
  g_assert_cmpint (query_int (store, "SELECT named FROM replicas WHERE replica = '2222222222222222'"), ==, 0);

  /* version 6: the sync folder's memory, empty, and the index that
   * finds this laptop's changes; the records' values are untouched */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE name IN "
                                     "('sync_files', 'sync_ranges', 'sync_folders', 'sync_pending', 'vals_stamp')"), ==, 5);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sync_files"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM vals INDEXED BY vals_stamp WHERE replica = '1111111111111111'"),
                   ==, query_int (store, "SELECT count (*) FROM vals WHERE replica = '1111111111111111'"));

  /* version 7: observations gain the talk estimate */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_observation') WHERE name = 'talk_estimate'"), ==, 1);

  /* version 9: coaching cycles and their data points, and the cycle
   * each step belongs to; version 10: student work */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE name IN "
                                     "('k_cycle', 'k_data_point', 'k_data_point_cycle', 'k_student_work')"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_observation') WHERE name = 'cycle'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_coplan') WHERE name = 'cycle'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_student_work') WHERE name = 'photo'"), ==, 1);
  /* version 11: instructional rounds */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE name IN "
                                     "('k_rounds_visit', 'k_rounds_note', 'k_rounds_pattern')"), ==, 3);
  /* version 12: the team's look at student work, on observations,
   * coaching logs and cycles */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_cycle') WHERE name IN "
                                     "('work_describe', 'work_interpret', 'work_implications')"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_coaching_log') WHERE name = 'work_describe'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_observation') WHERE name = 'work_implications'"), ==, 1);
  /* version 13: team inquiry (PDSA) cycles, their data points, and the
   * cycle a team meeting (a coaching log) belongs to */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE name IN "
                                     "('k_inquiry_cycle', 'k_inquiry_point', 'k_inquiry_point_inquiry')"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_coaching_log') WHERE name = 'inquiry'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_inquiry_cycle') WHERE name = 'previous'"), ==, 1);
  /* version 14: who took a rounds note, and the choice to record teachers */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_rounds_note') "
                                     "WHERE name IN ('observer_name', 'observer_laptop')"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_rounds_visit') "
                                     "WHERE name = 'record_teachers'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE name = 'k_rounds_slot'"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, CB_SCHEMA_VERSION);

  /* only the delete trigger is left; the index is the store's to keep */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE type = 'trigger'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT v FROM fts_config WHERE k = 'hashsize'"), ==, 8388608);
  g_assert_true (cb_store_check (store, report, &error));
  g_assert_no_error (error);

  /* an edit reindexes; restoring the record clears its flag */
  g_assert_true (cb_store_set (store, P1, "name", "Ana Ruiz Soto", &error));
  g_assert_true (cb_store_restore (store, P2, &error));
  g_assert_no_error (error);
  hits = cb_store_search (store, "soto", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cb_store_search (store, "cho", "person", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (cb_store_count_conflicts (store), ==, 0);
  g_string_truncate (report, 0);
  g_assert_true (cb_store_check (store, report, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  cb_test_rmtree (dir);
}

/* Version 15: walkthrough forms, their items and scores, and the form
 * an observation is scored on. A version 11 database that holds the
 * catalogs of version 1 of the built-ins gets the built-in form, once,
 * and keeps its records. */
static void
test_v11_to_current (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v11.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = NULL;
  g_autoptr(CbRecord) person = NULL;
  g_autoptr(CbRecord) form = NULL;
  g_autoptr(GPtrArray) items = NULL;
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 1; v <= 11; v++)
    {
      g_autofree char *sql = cb_store_migration_sql (v);
      if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
        g_error ("%s", msg);
    }
  if (sqlite3_exec (db,
        "PRAGMA user_version = 11;"
        "INSERT INTO meta VALUES ('replica', '1111111111111111'), ('counter', '1'), ('hlc', '7'),"
        "  ('catalog', '1');"
        "INSERT INTO replicas (replica, author) VALUES ('1111111111111111', 'Ana');"
        "INSERT INTO records (id, uuid, kind, author, created, vv, privacy)"
        "  VALUES (1, '" P1 "', 'person', 'Ana', '2025-09-01T10:00:00Z', '1111111111111111:1', 'team');"
        "INSERT INTO vals VALUES (1, 'name', '1111111111111111', 1, 7, 'Ana Ruiz');"
        "INSERT INTO k_person (id, name) VALUES (1, 'Ana Ruiz');"
        "INSERT INTO search_text (id, title, body) VALUES (1, 'Ana Ruiz', '');"
        "INSERT INTO fts (rowid, title, body) VALUES (1, 'Ana Ruiz', '');", NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);
  sqlite3_close (db);

  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, CB_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM sqlite_schema WHERE name IN "
                                     "('k_walk_form', 'k_walk_item', 'k_walk_score')"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_table_info ('k_observation') WHERE name = 'walk_form'"), ==, 1);
  person = cb_store_get (store, P1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (person, "name"), ==, "Ana Ruiz");
  form = cb_store_get (store, CB_CATALOG_NCTM_FORM, &error);
  g_assert_no_error (error);
  g_assert_nonnull (form);
  items = cb_walk_load_items (store, CB_CATALOG_NCTM_FORM, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpint (query_int (store, "SELECT value = '" CB_CATALOG_VERSION "' FROM meta WHERE key = 'catalog'"), ==, 1);
  {
    g_autoptr(GString) report = g_string_new (NULL);
    if (!cb_store_check (store, report, &error))
      g_error ("%s", report->str);
    g_assert_no_error (error);
  }

  g_clear_object (&store);
  cb_test_rmtree (dir);
}

/* The schema version is derived from the kinds table (the highest
 * `since`, with a floor for the steps that change only the common
 * tables): every step up to it writes something, and none above it. */
static void
test_version_is_ladder_top (void)
{
  guint top = cb_schema_version ();
  guint n_kinds;
  const CbKind *kinds = cb_kinds (&n_kinds);
  g_autofree char *above = cb_store_migration_sql (top + 1);

  for (guint v = 1; v <= top; v++)
    {
      g_autofree char *sql = cb_store_migration_sql (v);
      g_assert_cmpstr (sql, !=, "");
    }
  g_assert_cmpstr (above, ==, "");
  g_assert_cmpint (CB_SCHEMA_VERSION, ==, (int) top);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_assert_cmpuint (kinds[k].since, <=, top);
      for (guint f = 0; f < kinds[k].n_fields; f++)
        g_assert_cmpuint (kinds[k].fields[f].since, <=, top);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrate/v1-to-current", test_upgrade);
  g_test_add_func ("/migrate/v3-to-v4", test_v3_to_v4);
  g_test_add_func ("/migrate/v11-to-current", test_v11_to_current);
  g_test_add_func ("/migrate/version-is-ladder-top", test_version_is_ladder_top);
  return g_test_run ();
}
