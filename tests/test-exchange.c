/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export and import of exchange files: round trips with every field of
 * every kind and wild Unicode, canonical files, privacy, idempotence,
 * dry runs, Undo snapshots, multi-file atomicity, cancel, progress. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-generate.h"
#include "cb-store-private.h"
#include "cb-test-util.h"

static char *tmpdir;

static CbStore *
new_store (const char *author)
{
  g_autoptr(GError) error = NULL;
  CbStore *store = cb_store_open_memory (&error);

  g_assert_no_error (error);
  cb_store_set_author (store, author);
  return store;
}

static char *
path_for (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
export_to (CbStore    *store,
           const char *path)
{
  cb_test_export (store, path);
}

static CbImportReport *
import_ok (CbStore    *store,
           const char *path)
{
  return cb_test_import_ok (store, path);
}

/* @store with @n generated records, exported to @path. */
static void
generate_and_export (CbStore    *store,
                     guint       n,
                     guint32     seed,
                     const char *path)
{
  g_autoptr(GError) error = NULL;

  cb_generate (store, n, seed, &error);
  g_assert_no_error (error);
  export_to (store, path);
}

/* Creates one record of every kind with every field set; returns their
 * UUIDs. */
static GPtrArray *
create_every_kind (CbStore *store,
                   GRand   *rand,
                   gboolean wild)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);
  const CbKind *kinds;
  guint n_kinds;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      char *uuid;

      for (guint f = 0; f < kinds[k].n_fields; f++)
        {
          g_ptr_array_add (names, (gpointer) kinds[k].fields[f].name);
          g_ptr_array_add (values, cb_test_random_value (rand, &kinds[k].fields[f], wild));
        }
      g_ptr_array_add (names, (gpointer) CB_FIELD_PRIVACY);
      g_ptr_array_add (values, g_strdup (g_rand_boolean (rand) ? "team" : "teacher"));
      g_ptr_array_add (names, (gpointer) CB_FIELD_DELETED);
      g_ptr_array_add (values, g_strdup (g_rand_int_range (rand, 0, 4) == 0 ? "1" : "0"));
      uuid = cb_store_create (store, kinds[k].name, (const char * const *) names->pdata,
                              (const char * const *) values->pdata, names->len, &error);
      g_assert_no_error (error);
      g_ptr_array_add (uuids, uuid);
    }
  return uuids;
}

/* A walkthrough score leaves only with its observation shared with the
 * teacher: the score of every kind's records names the observation
 * made beside it, shared. */
static void
share_scores (CbStore   *store,
              GPtrArray *uuids)
{
  const char *obs = NULL, *score = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(CbRecord) rec = cb_store_get (store, g_ptr_array_index (uuids, i), NULL);

      if (g_str_equal (cb_record_get_kind (rec), "observation"))
        obs = g_ptr_array_index (uuids, i);
      else if (g_str_equal (cb_record_get_kind (rec), "walk_score"))
        score = g_ptr_array_index (uuids, i);
    }
  g_assert_nonnull (obs);
  g_assert_nonnull (score);
  g_assert_true (cb_store_set (store, obs, "shared_with_teacher", "1", &error));
  g_assert_true (cb_store_set (store, score, "observation", obs, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------- tests */

static void
check_round_trip (gboolean wild,
                  guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(CbStore) a = new_store ("Ana");
  /* nameless, so that importing its file back teaches "a" nothing */
  g_autoptr(CbStore) b = new_store ("");
  g_autoptr(GPtrArray) uuids = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbImportReport) back = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autofree char *fa = path_for ("rt-a.xml");
  g_autofree char *fb = path_for ("rt-b.xml");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  uuids = create_every_kind (a, rand, wild);
  /* edit half the fields again, so that values carry different stamps */
  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(CbRecord) rec = cb_store_get (a, g_ptr_array_index (uuids, i), NULL);
      const CbKind *kind = cb_kind_lookup (cb_record_get_kind (rec));
      for (guint f = 0; f < kind->n_fields; f += 2)
        {
          g_autofree char *v = cb_test_random_value (rand, &kind->fields[f], wild);
          g_autoptr(GError) error = NULL;
          cb_store_set (a, g_ptr_array_index (uuids, i), kind->fields[f].name, v, &error);
          g_assert_no_error (error);
        }
    }

  share_scores (a, uuids);
  export_to (a, fa);
  report = import_ok (b, fa);
  g_assert_cmpuint (report->n_changed, >=, uuids->len);

  for (guint i = 0; i < uuids->len; i++)
    {
      const char *uuid = g_ptr_array_index (uuids, i);
      g_autoptr(CbState) sa = cb_store_read_state (a, uuid, NULL);
      g_autoptr(CbState) sb = cb_store_read_state (b, uuid, NULL);
      const CbKind *kind = cb_kind_lookup (sa->kind);
      guint j = 0;

      g_assert_nonnull (sb);
      g_assert_cmpstr (sa->kind, ==, sb->kind);
      g_assert_cmpstr (sa->author, ==, sb->author);
      g_assert_cmpstr (sa->created, ==, sb->created);
      g_assert_true (cb_vector_equal (sa->vector, sb->vector));
      for (guint v = 0; v < sa->values->len; v++)
        {
          const CbStamped *x = g_ptr_array_index (sa->values, v);
          const CbStamped *y;

          if (cb_kind_field (kind, x->field)->flags & CB_FIELD_PRIVATE)
            continue;
          g_assert_cmpuint (j, <, sb->values->len);
          y = g_ptr_array_index (sb->values, j++);
          g_assert_cmpint (cb_stamped_compare (x, y), ==, 0);
          g_assert_cmpint (x->hlc, ==, y->hlc);
          /* exported text is the stored text made valid for XML 1.0 */
          cb_exchange_sanitize_text (clean, x->value);
          g_assert_cmpstr (clean->str, ==, y->value);
        }
      g_assert_cmpuint (j, ==, sb->values->len);
    }

  /* export → import into an empty database → export: same file */
  export_to (b, fb);
  g_assert_true (cb_test_files_same_body (fa, fb));

  /* and back: nothing new for the origin, its private notes kept */
  before = cb_test_dump_hash (a);
  back = import_ok (a, fb);
  g_assert_cmpuint (back->n_changed, ==, 0);
  g_assert_cmpuint (back->warnings->len, ==, 0);
  after = cb_test_dump_hash (a);
  g_assert_cmpstr (before, ==, after);
}

static void
test_round_trip_every_field (void)
{
  check_round_trip (FALSE, 1);
}

static void
test_round_trip_unicode (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    check_round_trip (TRUE, seed);
}

static void
test_sanitize (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  cb_exchange_sanitize_text (out, "plain \t\r\n text é 中 😀");
  g_assert_cmpstr (out->str, ==, "plain \t\r\n text é 中 😀");
  cb_exchange_sanitize_text (out, "a\x01" "b\x1f" "c\x7f");
  g_assert_cmpstr (out->str, ==, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\x7f");
  cb_exchange_sanitize_text (out, "x\xef\xbf\xbe" "y\xef\xbf\xbf" "z");
  g_assert_cmpstr (out->str, ==, "x\xef\xbf\xbd" "y\xef\xbf\xbd" "z");
  cb_exchange_sanitize_text (out, "bad \xff\xfe utf8");
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
  g_assert_nonnull (strstr (out->str, "\xef\xbf\xbd"));
}

static void
test_canonical_two_databases (void)
{
  g_autoptr(CbStore) a = new_store ("Ana García");
  g_autoptr(CbStore) b = new_store ("Ben Okafor");
  g_autoptr(CbStore) c = new_store ("Cam");
  g_autoptr(CbStore) d = new_store ("Dee");
  g_autoptr(GError) error = NULL;
  g_autofree char *a1 = path_for ("can-a1.xml");
  g_autofree char *b1 = path_for ("can-b1.xml");
  g_autofree char *a2 = path_for ("can-a2.xml");
  g_autofree char *b2 = path_for ("can-b2.xml");
  g_autofree char *c2 = path_for ("can-c2.xml");
  g_autofree char *d2 = path_for ("can-d2.xml");

  cb_generate (a, 400, 11, &error);
  g_assert_no_error (error);
  cb_generate (b, 400, 22, &error);
  g_assert_no_error (error);
  export_to (a, a1);
  export_to (b, b1);
  g_assert_false (cb_test_files_same_body (a1, b1));

  cb_import_report_free (import_ok (a, b1));
  cb_import_report_free (import_ok (b, a1));
  /* the other order, on fresh laptops */
  cb_import_report_free (import_ok (c, a1));
  cb_import_report_free (import_ok (c, b1));
  cb_import_report_free (import_ok (d, b1));
  cb_import_report_free (import_ok (d, a1));

  export_to (a, a2);
  export_to (b, b2);
  export_to (c, c2);
  export_to (d, d2);
  g_assert_true (cb_test_files_same_body (a2, b2));
  g_assert_true (cb_test_files_same_body (a2, c2));
  g_assert_true (cb_test_files_same_body (a2, d2));
}

static void
test_reimport_writes_nothing (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(CbImportReport) first = NULL;
  g_autoptr(CbImportReport) second = NULL;
  g_autofree char *fa = path_for ("re-a.xml");
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  int changes;

  generate_and_export (a, 200, 3, fa);
  first = import_ok (b, fa);
  g_assert_cmpuint (first->n_changed, >, 0);

  h1 = cb_test_dump_hash (b);
  changes = sqlite3_total_changes (cb_store_get_db (b));
  second = import_ok (b, fa);
  g_assert_cmpuint (second->n_changed, ==, 0);
  g_assert_cmpuint (second->n_records, ==, first->n_records);
  g_assert_cmpuint (second->items->len, ==, 0);
  for (guint i = 0; i < second->counts->len; i++)
    {
      const CbImportCounts *c = &g_array_index (second->counts, CbImportCounts, i);
      g_assert_cmpuint (c->added + c->updated + c->conflicts, ==, 0);
    }
  g_assert_cmpint (sqlite3_total_changes (cb_store_get_db (b)), ==, changes);
  h2 = cb_test_dump_hash (b);
  g_assert_cmpstr (h1, ==, h2);
}

static int
count_remembered (CbStore *store)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store),
                                       "SELECT count(*) FROM meta WHERE key LIKE 'imported:%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A file imported before, byte for byte, is not read again: the report
 * comes from what the database noted at the first import. A file with
 * one byte more is read in full. A dry run, or an import that changes
 * nothing, notes nothing. */
static void
test_reimport_skips_known_file (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(CbImportReport) dry = NULL;
  g_autoptr(CbImportReport) first = NULL;
  g_autoptr(CbImportReport) second = NULL;
  g_autoptr(CbImportReport) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fa = path_for ("skip-a.xml");
  g_autofree char *fb = path_for ("skip-b.xml");
  g_autofree char *content = NULL;
  g_autofree char *longer = NULL;
  const char *paths[] = { fa, NULL };
  const CbImportCounts *c;
  gsize len;

  generate_and_export (a, 120, 5, fa);
  dry = cb_exchange_import (b, paths, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_remembered (b), ==, 0);

  first = import_ok (b, fa);
  g_assert_cmpuint (first->n_records, >, 0);
  g_assert_cmpint (count_remembered (b), ==, 1);

  /* What is noted is what the second import reports: change the note
   * and the report follows, so the file was not read. */
  g_assert_true (cb_store_exec (b, "UPDATE meta SET value = 'observation=7' "
                                   "WHERE key LIKE 'imported:%'", &error));
  g_assert_no_error (error);
  second = import_ok (b, fa);
  g_assert_cmpuint (second->n_records, ==, 7);
  g_assert_cmpuint (second->n_changed, ==, 0);
  c = cb_import_report_get_counts (second, "observation");
  g_assert_nonnull (c);
  g_assert_cmpuint (c->unchanged, ==, 7);

  g_assert_true (g_file_get_contents (fa, &content, &len, NULL));
  longer = g_strconcat (content, "\n", NULL);
  g_assert_true (g_file_set_contents (fb, longer, -1, NULL));
  third = import_ok (b, fb);
  g_assert_cmpuint (third->n_records, ==, first->n_records);
  g_assert_cmpuint (third->n_changed, ==, 0);
  /* it changed nothing, so nothing was written, not even a note */
  g_assert_cmpint (count_remembered (b), ==, 1);
  g_unlink (fb);
}

static void
test_dry_run (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(CbImportReport) dry = NULL;
  g_autoptr(CbImportReport) real = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fa = path_for ("dry-a.xml");
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  gint64 hlc;

  generate_and_export (a, 150, 4, fa);

  h1 = cb_test_dump_hash (b);
  hlc = cb_store_get_hlc (b);
  dry = cb_test_import (b, fa, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (dry->dry_run);
  h2 = cb_test_dump_hash (b);
  g_assert_cmpstr (h1, ==, h2);
  g_assert_cmpint (cb_store_get_hlc (b), ==, hlc);

  real = import_ok (b, fa);
  g_assert_cmpuint (dry->n_changed, ==, real->n_changed);
  g_assert_cmpuint (dry->items->len, ==, real->items->len);
  for (guint i = 0; i < dry->counts->len; i++)
    {
      const CbImportCounts *x = &g_array_index (dry->counts, CbImportCounts, i);
      const CbImportCounts *y = cb_import_report_get_counts (real, x->kind);
      g_assert_cmpuint (x->added, ==, y->added);
      g_assert_cmpuint (x->updated, ==, y->updated);
      g_assert_cmpuint (x->conflicts, ==, y->conflicts);
      g_assert_cmpuint (x->unchanged, ==, y->unchanged);
    }
}

static void
test_conflict_and_delete (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) r1 = NULL;
  g_autoptr(CbImportReport) r2 = NULL;
  g_autoptr(CbImportReport) r3 = NULL;
  g_autoptr(CbImportReport) r4 = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *school = NULL;
  g_autofree char *person = NULL;
  g_autofree char *fa = path_for ("cf-a.xml");
  g_autofree char *fb = path_for ("cf-b.xml");
  const CbImportItem *item;

  school = cb_test_create (a, "school", "name", "Lincoln", NULL);
  person = cb_test_create (a, "person", "name", "Rosa", NULL);
  export_to (a, fa);
  r1 = import_ok (b, fa);
  g_assert_cmpuint (cb_import_report_get_counts (r1, "school")->added, ==, 1);
  g_assert_cmpuint (cb_import_report_get_counts (r1, "person")->added, ==, 1);

  /* concurrent edits of one field; a delete against an edit */
  cb_store_set (a, school, "name", "Lincoln Elementary", &error);
  g_assert_no_error (error);
  cb_store_set (b, school, "name", "Lincoln ES", &error);
  g_assert_no_error (error);
  cb_store_delete (a, person, &error);
  g_assert_no_error (error);
  g_usleep (5000);  /* the edit comes after the delete, on any clock */
  cb_store_set (b, person, "grades", "3-5", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_store_count_conflicts (a), ==, 0);

  export_to (a, fa);
  export_to (b, fb);
  r2 = import_ok (a, fb);
  r3 = import_ok (b, fa);
  g_assert_cmpuint (cb_import_report_get_counts (r2, "school")->conflicts, ==, 1);
  g_assert_cmpuint (cb_import_report_get_counts (r3, "school")->conflicts, ==, 1);
  g_assert_cmpuint (cb_import_report_get_counts (r2, "person")->updated, ==, 1);
  item = g_ptr_array_index (r2->items, 0);
  g_assert_nonnull (item->title);

  /* what the Conflicts section counts: the field, and the record deleted
   * here while edited there */
  g_assert_cmpuint (cb_store_count_conflicts (a), ==, 2);
  g_assert_cmpuint (cb_store_count_conflicts (b), ==, 2);
  {
    CbFilter deleted_edited = { .kind = "person", .trash = TRUE, .deleted_edited = TRUE };
    CbFilter in_conflict = { .kind = "school", .conflicts = TRUE };

    g_assert_cmpuint (cb_store_count (a, &deleted_edited), ==, 1);
    g_assert_cmpuint (cb_store_count (b, &deleted_edited), ==, 1);
    g_assert_cmpuint (cb_store_count (a, &in_conflict), ==, 1);
  }

  values = cb_store_get_values (a, school, "name", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  g_clear_pointer (&values, g_ptr_array_unref);
  /* both survive: deleted here, edited there */
  values = cb_store_get_values (a, person, "grades", &error);
  g_assert_cmpuint (values->len, ==, 1);
  g_clear_pointer (&values, g_ptr_array_unref);
  values = cb_store_get_values (a, person, CB_FIELD_DELETED, &error);
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (values, 0))->value, ==, "1");
  g_clear_pointer (&values, g_ptr_array_unref);

  /* resolving on one side settles it on the other */
  cb_store_set (a, school, "name", "Lincoln Elementary School", &error);
  g_assert_no_error (error);
  export_to (a, fa);
  r4 = import_ok (b, fa);
  g_assert_cmpuint (cb_import_report_get_counts (r4, "school")->updated, ==, 1);
  g_assert_cmpuint (cb_store_count_conflicts (a), ==, 1);
  g_assert_cmpuint (cb_store_count_conflicts (b), ==, 1);
  /* restoring the record settles the rest */
  cb_store_restore (b, person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_store_count_conflicts (b), ==, 0);
  values = cb_store_get_values (b, school, "name", &error);
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (values, 0))->value, ==, "Lincoln Elementary School");
}

/* A database put back from an old copy outside Coachbook would issue
 * counters its colleagues have already seen: the import says so.
 * Coachbook's own restore keeps the counter (see test_undo_keeps_counter). */
static void
test_restored_database_warning (void)
{
  g_autofree char *db = path_for ("old-a.db");
  g_autofree char *backup = path_for ("old-a.backup");
  g_autofree char *fa = path_for ("old-a.xml");
  g_autoptr(CbStore) a = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbImportReport) own_restore = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *school = NULL;
  g_autofree char *old = NULL;
  g_autofree char *old_replica = NULL;
  g_autofree char *new_replica = NULL;
  gsize old_len;
  FILE *f;

  a = cb_store_open (db, &error);
  g_assert_no_error (error);
  school = cb_test_create (a, "school", "name", "Before the backup", NULL);
  cb_store_backup (a, backup, &error);
  g_assert_no_error (error);
  cb_store_set (a, school, "name", "After the backup", &error);
  g_assert_no_error (error);
  export_to (a, fa);

  /* Coachbook's own restore keeps the counter: nothing was forgotten */
  cb_store_restore_backup (a, backup, &error);
  g_assert_no_error (error);
  own_restore = import_ok (a, fa);
  g_assert_cmpuint (own_restore->warnings->len, ==, 0);
  g_clear_object (&a);

  /* the file itself put back from the copy, outside Coachbook (same
   * file, so the same laptop): its counter went back too */
  g_assert_true (g_file_get_contents (backup, &old, &old_len, NULL));
  f = fopen (db, "r+b");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (old, 1, old_len, f), ==, old_len);
  g_assert_cmpint (ftruncate (fileno (f), old_len), ==, 0);
  fclose (f);
  a = cb_store_open (db, &error);
  g_assert_no_error (error);

  old_replica = g_strdup (cb_store_get_replica (a));
  report = import_ok (a, fa);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (report->warnings, 0));
  /* it signs with a new id from now on, kept when it opens again */
  g_assert_true (report->new_replica);
  g_assert_cmpstr (cb_store_get_replica (a), !=, old_replica);
  new_replica = g_strdup (cb_store_get_replica (a));
  g_clear_object (&a);
  a = cb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_store_get_replica (a), ==, new_replica);
}

static gboolean
file_mentions (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return strstr (data, needle) != NULL;
}

static void
test_privacy (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *secret_person = NULL;
  g_autofree char *shared_person = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *ev = NULL;
  g_autofree char *later = NULL;
  g_autofree char *fa = path_for ("pv-a.xml");
  g_autofree char *fb = path_for ("pv-b.xml");
  g_autoptr(CbRecord) kept = NULL;

  secret_person = cb_test_create (a, "person", "name", "Secret Sam", "privacy", "private", NULL);
  shared_person = cb_test_create (a, "person", "name", "Open Olga",
                                  "private_notes", "struggles with fractions", NULL);
  obs = cb_test_create (a, "observation", "lesson", "Private lesson", "privacy", "private", NULL);
  /* a child whose own privacy is team: it follows its parent */
  ev = cb_test_create (a, "evidence", "observation", obs, "text", "Hidden evidence", NULL);
  later = cb_test_create (a, "school", "name", "Shared then private", NULL);

  export_to (a, fa);
  g_assert_false (file_mentions (fa, "Secret Sam"));
  g_assert_false (file_mentions (fa, "struggles with fractions"));
  g_assert_false (file_mentions (fa, "private_notes"));
  g_assert_false (file_mentions (fa, "Private lesson"));
  g_assert_false (file_mentions (fa, "Hidden evidence"));
  g_assert_false (file_mentions (fa, ">private<"));
  g_assert_true (file_mentions (fa, "Open Olga"));
  g_assert_true (file_mentions (fa, "Shared then private"));

  cb_import_report_free (import_ok (b, fa));
  g_assert_null (cb_store_read_state (b, secret_person, NULL));
  g_assert_null (cb_store_read_state (b, ev, NULL));

  /* the colleague edits the shared record and sends it back: the vector
   * covers the private note's stamp, yet the note stays */
  cb_store_set (b, shared_person, "grades", "4", &error);
  g_assert_no_error (error);
  export_to (b, fb);
  cb_import_report_free (import_ok (a, fb));
  values = cb_store_get_values (a, shared_person, "private_notes", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (values, 0))->value, ==, "struggles with fractions");
  g_clear_pointer (&values, g_ptr_array_unref);
  values = cb_store_get_values (a, shared_person, "grades", &error);
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (values, 0))->value, ==, "4");

  /* team → private: no longer exported; the colleague keeps the copy it
   * already had */
  cb_store_set (a, later, CB_FIELD_PRIVACY, "private", &error);
  g_assert_no_error (error);
  cb_store_set (a, later, "name", "Now private", &error);
  g_assert_no_error (error);
  export_to (a, fa);
  g_assert_false (file_mentions (fa, later));
  cb_import_report_free (import_ok (b, fa));
  kept = cb_store_get (b, later, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (kept, "name"), ==, "Shared then private");

  /* private → team: the whole history goes */
  cb_store_set (a, obs, CB_FIELD_PRIVACY, "team", &error);
  g_assert_no_error (error);
  export_to (a, fa);
  g_assert_true (file_mentions (fa, "Private lesson"));
  g_assert_true (file_mentions (fa, "Hidden evidence"));
}

static void
test_multi_file_atomic (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(CbStore) c = new_store ("Cam");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *fa = path_for ("mf-a.xml");
  g_autofree char *fb = path_for ("mf-b.xml");
  g_autofree char *bad = path_for ("mf-bad.xml");
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *shared = NULL;
  const char *paths[] = { fa, fb, NULL };
  const char *with_bad[] = { fa, bad, NULL };

  shared = cb_test_create (a, "school", "name", "Both", NULL);
  export_to (a, fa);
  cb_import_report_free (import_ok (b, fa));
  cb_store_set (b, shared, "district", "North", &error);
  g_assert_no_error (error);
  g_free (cb_test_create (b, "school", "name", "Only B", NULL));
  export_to (b, fb);

  /* one record in two files: counted once */
  report = cb_exchange_import (c, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_import_report_get_counts (report, "school")->added, ==, 2);

  g_assert_true (g_file_set_contents (bad, "<coachbook/>", -1, NULL));
  h1 = cb_test_dump_hash (b);
  g_assert_null (cb_exchange_import (b, with_bad, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_NOT_EXCHANGE);
  g_assert_nonnull (strstr (error->message, "mf-bad.xml"));
  h2 = cb_test_dump_hash (b);
  g_assert_cmpstr (h1, ==, h2);
}

static void
test_snapshot_undo (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbImportReport) again = NULL;
  g_autofree char *fa = path_for ("un-a.xml");
  g_autofree char *db = path_for ("un-b.db");
  g_autofree char *snap = path_for ("un-b.snapshot");
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *h3 = NULL;
  const char *paths[] = { fa, NULL };

  generate_and_export (a, 100, 5, fa);

  b = cb_store_open (db, &error);
  g_assert_no_error (error);
  g_free (cb_test_create (b, "school", "name", "Mine", NULL));
  h1 = cb_test_dump_hash (b);

  report = cb_exchange_import_full (b, paths, FALSE, snap, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->snapshot, ==, snap);
  g_assert_true (g_file_test (snap, G_FILE_TEST_EXISTS));
  h2 = cb_test_dump_hash (b);
  g_assert_cmpstr (h1, !=, h2);

  cb_store_restore_backup (b, snap, &error);
  g_assert_no_error (error);
  h3 = cb_test_dump_hash (b);
  g_assert_cmpstr (h1, ==, h3);

  /* nothing to change: no snapshot */
  cb_import_report_free (import_ok (b, fa));
  g_unlink (snap);
  again = cb_exchange_import_full (b, paths, FALSE, snap, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (again->snapshot);
  g_assert_false (g_file_test (snap, G_FILE_TEST_EXISTS));
}

/* The stamp of the one value @field holds in @state. */
static const CbStamped *
stamp_of (const CbState *state,
          const char    *field)
{
  for (guint i = 0; i < state->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (state->values, i);
      if (g_strcmp0 (v->field, field) == 0)
        return v;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Undo restores the records as they were, but not this laptop's counter
 * and clock: an edit made after the import may already be in a
 * colleague's file, and an edit made after the Undo must not get its
 * stamp. */
static void
test_undo_keeps_counter (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(CbStore) c = new_store ("Cam");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbState) after = NULL;
  g_autoptr(CbState) later = NULL;
  g_autoptr(CbState) at_c = NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autofree char *fa = path_for ("uk-a.xml");
  g_autofree char *fb = path_for ("uk-b.xml");
  g_autofree char *snap = path_for ("uk-b.snapshot");
  g_autofree char *after_uuid = NULL;
  g_autofree char *later_uuid = NULL;
  const char *paths[] = { fa, NULL };
  const CbStamped *sa, *sl;

  g_free (cb_test_create (a, "school", "name", "Adams", NULL));
  export_to (a, fa);
  g_free (cb_test_create (b, "school", "name", "Mine", NULL));

  report = cb_exchange_import_full (b, paths, FALSE, snap, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->snapshot, ==, snap);

  /* an edit after the import, handed to a colleague */
  after_uuid = cb_test_create (b, "school", "name", "After", NULL);
  export_to (b, fb);
  cb_import_report_free (import_ok (c, fb));

  cb_store_restore_backup (b, snap, &error);
  g_assert_no_error (error);
  g_assert_null (cb_store_read_state (b, after_uuid, NULL));

  later_uuid = cb_test_create (b, "school", "name", "Later", NULL);
  after = cb_store_read_state (c, after_uuid, &error);
  later = cb_store_read_state (b, later_uuid, &error);
  g_assert_no_error (error);
  sa = stamp_of (after, "name");
  sl = stamp_of (later, "name");
  g_assert_cmpstr (sa->replica, ==, sl->replica);
  g_assert_cmpint (sl->counter, >, sa->counter);
  g_assert_cmpint (sl->hlc, >, sa->hlc);

  /* the colleague gets the new edit as new, and keeps the old one */
  export_to (b, fb);
  cb_import_report_free (import_ok (c, fb));
  record = cb_store_get (c, later_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (record, "name"), ==, "Later");
  at_c = cb_store_read_state (c, after_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stamp_of (at_c, "name")->value, ==, "After");
}

/* Every index's definition, and what the store derives from the values
 * of each record: caches, search text and what a search finds. */
static char *
dump_derived (CbStore *store)
{
  sqlite3 *db = cb_store_get_db (store);
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (dump, "%s: %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT r.uuid, r.privacy, r.deleted, r.conflicts, r.deleted_edited, r.sort_key, s.title, s.body "
      "FROM records r JOIN search_text s ON s.id = r.id ORDER BY r.uuid", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (dump, "%s %s %d %d %d %s | %s | %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
                            sqlite3_column_int (stmt, 3), sqlite3_column_int (stmt, 4),
                            sqlite3_column_text (stmt, 5), sqlite3_column_text (stmt, 6),
                            sqlite3_column_text (stmt, 7));
  sqlite3_finalize (stmt);
  hits = cb_store_search (store, "student", NULL, 50, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (dump, "hit %s\n", ((CbSearchHit *) hits->pdata[i])->uuid);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* A large import into a small database drops the indexes at its first
 * new record and builds them at commit, and indexes the search texts of
 * new records in batches; the result is the same database as when each
 * is kept up to date as it is written, and a failed or dry import leaves
 * the database as it was, indexes included. */
static void
test_bulk_indexes (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) kept = new_store ("Ben");
  g_autoptr(CbStore) rebuilt = new_store ("Ben");
  g_autoptr(CbStore) failed = new_store ("Ben");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) dry = NULL;
  g_autofree char *fa = path_for ("bi-a.xml");
  g_autofree char *bad = path_for ("bi-bad.xml");
  g_autofree char *body = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *d1 = NULL;
  g_autofree char *d2 = NULL;
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  const char *end;

  generate_and_export (a, 300, 7, fa);

  cb_store_set_bulk_limits_for_testing (rebuilt, 1, 7);
  cb_import_report_free (import_ok (kept, fa));
  cb_import_report_free (import_ok (rebuilt, fa));
  g_assert_true (cb_store_check (rebuilt, report, &error));
  g_assert_no_error (error);
  d1 = dump_derived (kept);
  d2 = dump_derived (rebuilt);
  g_assert_cmpstr (d1, ==, d2);
  s1 = cb_test_dump_shared (kept, NULL);
  s2 = cb_test_dump_shared (rebuilt, NULL);
  g_assert_cmpstr (s1, ==, s2);

  /* refused after many records were written: nothing changed */
  cb_store_set_bulk_limits_for_testing (failed, 1, 7);
  g_assert_true (g_file_get_contents (fa, &body, NULL, NULL));
  end = strstr (body, "</coachbook>");
  g_assert_nonnull (end);
  broken = g_strdup_printf ("%.*s  <record id=\"not-a-uuid\" kind=\"school\" author=\"\" created=\"\" vector=\"\"/>\n%s",
                            (int) (end - body), body, end);
  g_assert_true (g_file_set_contents (bad, broken, -1, NULL));
  h1 = cb_test_dump_hash (failed);
  g_assert_null (cb_test_import (failed, bad, FALSE, &error));
  g_assert_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_INVALID);
  g_clear_error (&error);
  dry = cb_test_import (failed, fa, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->n_changed, >, 0);
  h2 = cb_test_dump_hash (failed);
  g_assert_cmpstr (h1, ==, h2);
  g_clear_pointer (&d2, g_free);
  d2 = dump_derived (failed);
  g_assert_nonnull (strstr (d2, "records_list: CREATE INDEX"));
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer data)
{
  guint64 *last = data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, *last);
  *last = done;
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(CbStore) b = new_store ("Ben");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *fa = path_for ("pc-a.xml");
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;
  const char *paths[] = { fa, NULL };
  guint64 last = 0;
  GStatBuf st;
  GDir *dir;
  const char *name;

  generate_and_export (a, 600, 6, fa);
  g_assert_cmpint (g_stat (fa, &st), ==, 0);

  report = cb_exchange_import (b, paths, TRUE, on_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, (guint64) st.st_size);

  g_cancellable_cancel (cancellable);
  h1 = cb_test_dump_hash (b);
  g_assert_null (cb_exchange_import (b, paths, FALSE, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  h2 = cb_test_dump_hash (b);
  g_assert_cmpstr (h1, ==, h2);

  /* a cancelled export leaves the old file and no temporary file */
  g_file_get_contents (fa, &old, NULL, NULL);
  g_assert_false (cb_exchange_export (a, fa, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_get_contents (fa, &now, NULL, NULL);
  g_assert_cmpstr (old, ==, now);
  dir = g_dir_open (tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".pc-a.xml."));
  g_dir_close (dir);
}

static void
test_default_filename (void)
{
  g_autoptr(CbStore) a = new_store ("Ána María O'Brien / 2nd");
  g_autoptr(CbStore) b = new_store ("");
  g_autofree char *na = cb_exchange_default_filename (a);
  g_autofree char *nb = cb_exchange_default_filename (b);
  g_autofree char *ea = g_strdup_printf ("ana-maria-o-brien-2nd-%s.coachbook.xml", cb_store_get_replica (a));
  g_autofree char *eb = g_strdup_printf ("coachbook-%s.coachbook.xml", cb_store_get_replica (b));

  g_assert_cmpstr (na, ==, ea);
  g_assert_cmpstr (nb, ==, eb);
}

static void
test_export_validates_with_xmllint (void)
{
  g_autoptr(CbStore) a = new_store ("Ana");
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autofree char *fa = path_for ("lint-a.xml");
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data", "exchange.rng", NULL);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_unref (create_every_kind (a, rand, TRUE));
  export_to (a, fa);
  if (xmllint == NULL || !g_file_test (schema, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("xmllint or the schema is not available");
      return;
    }
  {
    const char *argv[] = { xmllint, "--noout", "--nonet", "--relaxng", schema, fa, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* docs/exchange-format.md's example is a real file */
static void
test_documented_example (void)
{
  g_autofree char *doc = g_test_build_filename (G_TEST_DIST, "..", "docs", "exchange-format.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *path = path_for ("doc-example.xml");
  g_autoptr(CbStore) store = new_store ("Reader");
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(CbRecord) rosa = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ben = NULL;
  char *start, *end;

  if (!g_file_get_contents (doc, &text, NULL, NULL))
    {
      g_test_skip ("docs/exchange-format.md not found (run through meson test)");
      return;
    }
  start = strstr (text, "```xml\n");
  g_assert_nonnull (start);
  start += strlen ("```xml\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  g_assert_true (g_file_set_contents (path, start, end - start, NULL));

  report = import_ok (store, path);
  g_assert_cmpuint (cb_import_report_get_counts (report, "school")->conflicts, ==, 1);
  g_assert_cmpuint (cb_import_report_get_counts (report, "person")->added, ==, 1);
  names = cb_store_get_values (store, "3f6c2a9e-1b7d-4c55-9e0a-6d2f8b1c4e70", "name", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (names, 0))->value, ==, "Lincoln ES");
  rosa = cb_store_get (store, "a41d0b7e-52c3-4f1e-8b9a-0c7e5d3f2a18", &error);
  g_assert_no_error (error);
  g_assert_true (cb_record_get_deleted (rosa));
  g_assert_cmpstr (cb_record_get (rosa, "name"), ==, "Rosa Méndez & “Rosie”");
  ben = cb_store_replica_author (store, "b0b0b0b0b0b0b0b0");
  g_assert_cmpstr (ben, ==, "Ben Okafor");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = cb_test_tmpdir ();

  g_test_add_func ("/exchange/sanitize", test_sanitize);
  g_test_add_func ("/exchange/round-trip/every-field", test_round_trip_every_field);
  g_test_add_func ("/exchange/round-trip/unicode", test_round_trip_unicode);
  g_test_add_func ("/exchange/canonical/two-databases", test_canonical_two_databases);
  g_test_add_func ("/exchange/reimport-writes-nothing", test_reimport_writes_nothing);
  g_test_add_func ("/exchange/reimport-skips-known-file", test_reimport_skips_known_file);
  g_test_add_func ("/exchange/dry-run", test_dry_run);
  g_test_add_func ("/exchange/conflict-and-delete", test_conflict_and_delete);
  g_test_add_func ("/exchange/privacy", test_privacy);
  g_test_add_func ("/exchange/multi-file-atomic", test_multi_file_atomic);
  g_test_add_func ("/exchange/snapshot-undo", test_snapshot_undo);
  g_test_add_func ("/exchange/undo-keeps-counter", test_undo_keeps_counter);
  g_test_add_func ("/exchange/bulk-indexes", test_bulk_indexes);
  g_test_add_func ("/exchange/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/exchange/default-filename", test_default_filename);
  g_test_add_func ("/exchange/xmllint", test_export_validates_with_xmllint);
  g_test_add_func ("/exchange/documented-example", test_documented_example);
  g_test_add_func ("/exchange/restored-database-warning", test_restored_database_warning);

  ret = g_test_run ();
  cb_test_rmtree (tmpdir);
  g_free (tmpdir);
  return ret;
}
