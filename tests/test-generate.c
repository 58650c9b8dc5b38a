/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo-data generator: deterministic, complete, and consistent. */

#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "cb-generate.h"
#include "cb-store.h"

#define N_RECORDS 4000

static CbStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  CbStore *store = cb_store_open_memory (&error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static CbStore *
generated_store (guint   n_records,
                 guint32 seed)
{
  g_autoptr(GError) error = NULL;
  CbStore *store = new_store ();

  g_assert_true (cb_generate (store, n_records, seed, &error));
  g_assert_no_error (error);
  return store;
}

static void
append_field (GString    *out,
              CbRecord   *record,
              const char *name)
{
  const char *value = cb_record_get (record, name);

  g_string_append_printf (out, "%s=%s\n", name, value ? value : "");
}

/* uuid → "kind\nfield=value\n…" for every record, live or in the Trash. */
static GHashTable *
snapshot (CbStore *store)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const CbField *common;
  const CbKind *kinds;
  guint n_kinds, n_common;

  kinds = cb_kinds (&n_kinds);
  common = cb_common_fields (&n_common);
  for (guint k = 0; k < n_kinds; k++)
    for (int trash = 0; trash < 2; trash++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) records = NULL;
        CbFilter filter = { 0 };

        filter.kind = kinds[k].name;
        filter.trash = trash;
        records = cb_store_list (store, &filter, 1000000, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < records->len; i++)
          {
            CbRecord *record = g_ptr_array_index (records, i);
            GString *text = g_string_new (kinds[k].name);

            g_string_append_c (text, '\n');
            for (guint f = 0; f < n_common; f++)
              append_field (text, record, common[f].name);
            for (guint f = 0; f < kinds[k].n_fields; f++)
              append_field (text, record, kinds[k].fields[f].name);
            g_assert_false (g_hash_table_contains (table, cb_record_get_uuid (record)));
            g_hash_table_insert (table, g_strdup (cb_record_get_uuid (record)),
                                 g_string_free (text, FALSE));
          }
      }
  return table;
}

static guint
count_kind (CbStore    *store,
            const char *kind)
{
  CbFilter filter = { 0 };
  guint n;

  filter.kind = kind;
  n = cb_store_count (store, &filter);
  filter.trash = TRUE;
  return n + cb_store_count (store, &filter);
}

static guint
count_all (CbStore *store)
{
  const CbKind *kinds;
  guint n_kinds, n = 0;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    n += count_kind (store, kinds[k].name);
  return n;
}

/* A sample notebook is dated around the day it is made. */
static gint64
query_int (CbStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_dated_around_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbStore) other = cb_store_open_memory (&error);
  gint64 overdue, newest, oldest, weekend;

  g_assert_true (cb_generate_full (store, 2000, 9, "2027-01-20", &error));
  g_assert_no_error (error);
  /* the latest coaching days are in the weeks before the day, none after */
  newest = query_int (store, "SELECT julianday ('2027-01-20') - julianday (MAX (date)) FROM k_observation");
  g_assert_cmpint (newest, >=, 0);
  g_assert_cmpint (newest, <, 45);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM k_pd_session WHERE date > '2027-01-20'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM k_coaching_log WHERE date > '2027-01-20'"), ==, 0);
  /* the school year under way, and only it */
  oldest = query_int (store, "SELECT COUNT(*) FROM k_engagement WHERE start_date = '2026-08-01'");
  g_assert_cmpint (oldest, ==, 1);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM k_engagement"), ==, 1);
  /* no open action item is overdue by more than its school year */
  overdue = query_int (store, "SELECT IFNULL (MAX (julianday ('2027-01-20') - julianday (k.due)), 0) "
                              "FROM k_action_item k WHERE k.status IN ('open', 'in_progress')");
  g_assert_cmpint (overdue, <, 170);
  weekend = query_int (store, "SELECT COUNT(*) FROM k_observation WHERE strftime ('%w', date) IN ('0', '6')");
  g_assert_cmpint (weekend, ==, 0);

  /* early in the school year: the one before */
  g_assert_true (cb_generate_full (other, 300, 9, "2027-09-02", &error));
  g_assert_cmpint (query_int (other, "SELECT COUNT(*) FROM k_engagement WHERE start_date = '2026-08-01'"), ==, 1);
  g_clear_object (&other);
  other = cb_store_open_memory (&error);

  /* a day that is not a date */
  g_assert_false (cb_generate_full (other, 100, 9, "someday", &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
}

static void
test_same_seed (void)
{
  g_autoptr(CbStore) a = generated_store (N_RECORDS, 42);
  g_autoptr(CbStore) b = generated_store (N_RECORDS, 42);
  g_autoptr(GHashTable) snap_a = snapshot (a);
  g_autoptr(GHashTable) snap_b = snapshot (b);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (snap_a), ==, g_hash_table_size (snap_b));
  g_hash_table_iter_init (&iter, snap_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *other = g_hash_table_lookup (snap_b, key);

      g_assert_nonnull (other);
      g_assert_cmpstr (value, ==, other);
    }
}

static void
test_other_seed (void)
{
  g_autoptr(CbStore) empty = new_store ();
  g_autoptr(CbStore) a = generated_store (500, 1);
  g_autoptr(CbStore) b = generated_store (500, 2);
  g_autoptr(GHashTable) builtin = snapshot (empty);
  g_autoptr(GHashTable) snap_a = snapshot (a);
  g_autoptr(GHashTable) snap_b = snapshot (b);
  GHashTableIter iter;
  gpointer key;
  guint shared = 0;

  g_hash_table_iter_init (&iter, snap_a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (snap_b, key) && !g_hash_table_contains (builtin, key))
      shared++;
  g_assert_cmpuint (shared, ==, 0);
}

static void
test_counts (void)
{
  g_autoptr(CbStore) empty = new_store ();
  g_autoptr(CbStore) store = generated_store (N_RECORDS, 7);
  const CbKind *kinds;
  guint n_kinds, made;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_test_message ("%s: %u", kinds[k].name, count_kind (store, kinds[k].name));
      if (count_kind (store, kinds[k].name) == 0)
        g_error ("no records of kind %s", kinds[k].name);
    }

  /* "about" n_records: the built-in catalog does not count */
  made = count_all (store) - count_all (empty);
  g_assert_cmpuint (made, >=, N_RECORDS * 9 / 10);
  g_assert_cmpuint (made, <=, N_RECORDS * 11 / 10);
}

static void
test_privacy_and_text (void)
{
  g_autoptr(CbStore) store = generated_store (N_RECORDS, 3);
  g_autoptr(GHashTable) snap = snapshot (store);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n = 0, n_private = 0, n_teacher = 0, n_private_notes = 0;

  g_hash_table_iter_init (&iter, snap);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *text = value;

      n++;
      if (strstr (text, "\nprivacy=private\n") != NULL)
        n_private++;
      else if (strstr (text, "\nprivacy=teacher\n") != NULL)
        n_teacher++;
      if (strstr (text, "\nprivate_notes=") != NULL && strstr (text, "\nprivate_notes=\n") == NULL)
        n_private_notes++;
    }
  g_assert_cmpuint (n_private, >=, n / 20);
  g_assert_cmpuint (n_private, <=, n / 5);
  g_assert_cmpuint (n_teacher, >=, n / 10);
  g_assert_cmpuint (n_teacher, <=, n * 3 / 10);
  g_assert_cmpuint (n_private_notes, >, 0);

  hits = cb_store_search (store, "productive struggle", "evidence", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 20);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = cb_store_search (store, "estudiantes", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
}

/* Every REF and REFS value names a record that exists. */
static void
test_references (void)
{
  g_autoptr(CbStore) store = generated_store (N_RECORDS, 11);
  g_autoptr(GHashTable) snap = snapshot (store);
  const CbKind *kinds;
  guint n_kinds, n_refs = 0;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;
      CbFilter filter = { 0 };

      filter.kind = kinds[k].name;
      records = cb_store_list (store, &filter, 1000000, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < records->len; i++)
        for (guint f = 0; f < kinds[k].n_fields; f++)
          {
            const CbField *field = &kinds[k].fields[f];
            const char *value;
            g_auto(GStrv) uuids = NULL;

            if (field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS)
              continue;
            value = cb_record_get (g_ptr_array_index (records, i), field->name);
            if (value == NULL || *value == '\0')
              continue;
            uuids = g_strsplit (value, " ", -1);
            for (guint u = 0; uuids[u]; u++)
              {
                const char *target = g_hash_table_lookup (snap, uuids[u]);

                n_refs++;
                if (target == NULL)
                  g_error ("%s.%s names a missing record %s", kinds[k].name, field->name, uuids[u]);
                if (field->ref_kind != NULL)
                  g_assert_true (g_str_has_prefix (target, field->ref_kind) &&
                                 target[strlen (field->ref_kind)] == '\n');
              }
          }
    }
  g_assert_cmpuint (n_refs, >, 0);
}

/* Evidence lines of an observation come in time order. */
static void
test_evidence_order (void)
{
  g_autoptr(CbStore) store = generated_store (N_RECORDS, 5);
  g_autoptr(GPtrArray) observations = NULL;
  g_autoptr(GError) error = NULL;
  CbFilter filter = { 0 };

  filter.kind = "observation";
  observations = cb_store_list (store, &filter, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (observations->len, >, 0);
  for (guint i = 0; i < observations->len; i++)
    {
      CbRecord *observation = g_ptr_array_index (observations, i);
      g_autoptr(GPtrArray) lines = cb_store_children (store, "evidence",
                                                      cb_record_get_uuid (observation), &error);
      gint64 last = -1;

      g_assert_no_error (error);
      g_assert_cmpuint (lines->len, >, 5);
      for (guint j = 0; j < lines->len; j++)
        {
          gint64 offset = cb_record_get_int (g_ptr_array_index (lines, j), "offset");
          g_assert_cmpint (offset, >=, last);
          last = offset;
        }
    }
}

static void
test_seed_reused (void)
{
  g_autoptr(CbStore) store = generated_store (300, 9);
  g_autoptr(GError) error = NULL;
  guint before = count_all (store);

  g_assert_false (cb_generate (store, 300, 9, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_assert_cmpuint (count_all (store), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generate/same-seed", test_same_seed);
  g_test_add_func ("/generate/other-seed", test_other_seed);
  g_test_add_func ("/generate/counts", test_counts);
  g_test_add_func ("/generate/privacy-and-text", test_privacy_and_text);
  g_test_add_func ("/generate/references", test_references);
  g_test_add_func ("/generate/evidence-order", test_evidence_order);
  g_test_add_func ("/generate/seed-reused", test_seed_reused);
  g_test_add_func ("/generate/dated-around-today", test_dated_around_today);

  return g_test_run ();
}
