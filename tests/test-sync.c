/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder (src/core/cb-sync.c): change files, what a reader
 * skips, conflict copies, files being written, compaction, the status. */

#include "config.h"

#include <glib/gstdio.h>

#include "cb-exchange-test-util.h"
#include "cb-sync.h"
#include "cb-test-util.h"

static char *tmpdir;

static char *
path_in (const char *a,
         const char *b)
{
  return g_build_filename (tmpdir, a, b, NULL);
}

static CbSyncReport *
sync_ok (CbStore    *store,
         const char *folder)
{
  g_autoptr(GError) error = NULL;
  CbSyncReport *report = cb_sync_run (store, folder, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static guint
n_changed (const CbSyncReport *report)
{
  return report->report ? report->report->n_changed : 0;
}

/* Files in @folder/@sub whose names hold ".coachbook". */
static GPtrArray *
files_in (const char *folder,
          const char *sub)
{
  g_autofree char *dir = g_build_filename (folder, sub, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".coachbook") != NULL)
      g_ptr_array_add (out, g_build_filename (dir, name, NULL));
  return out;
}

static void
test_names (void)
{
  g_assert_cmpint (cb_sync_classify_name ("12-40.coachbook.xml"), ==, CB_SYNC_NAME_EXCHANGE);
  g_assert_cmpint (cb_sync_classify_name ("ana-0123456789abcdef.coachbook.xml"), ==, CB_SYNC_NAME_EXCHANGE);
  /* Syncthing, Nextcloud and Dropbox conflict copies */
  g_assert_cmpint (cb_sync_classify_name ("1-5.coachbook.sync-conflict-20261207-101500-ABCDEFG.xml"), ==,
                   CB_SYNC_NAME_EXCHANGE);
  g_assert_cmpint (cb_sync_classify_name ("1-5.coachbook (conflicted copy 2026-12-07 101500).xml"), ==,
                   CB_SYNC_NAME_EXCHANGE);
  g_assert_cmpint (cb_sync_classify_name ("1-5.coachbook (Ana's conflicted copy 2026-12-07).xml"), ==,
                   CB_SYNC_NAME_EXCHANGE);
  g_assert_cmpint (cb_sync_classify_name ("1-5.coachbook.xml.sync-conflict-20261207-101500-ABCDEFG"), ==,
                   CB_SYNC_NAME_EXCHANGE);
  /* being written */
  g_assert_cmpint (cb_sync_classify_name (".syncthing.1-5.coachbook.xml.tmp"), ==, CB_SYNC_NAME_BUSY);
  g_assert_cmpint (cb_sync_classify_name ("~syncthing~1-5.coachbook.xml.tmp"), ==, CB_SYNC_NAME_BUSY);
  g_assert_cmpint (cb_sync_classify_name (".1-5.coachbook.xml.AB12CD"), ==, CB_SYNC_NAME_BUSY);
  g_assert_cmpint (cb_sync_classify_name ("1-5.coachbook.xml.part"), ==, CB_SYNC_NAME_BUSY);
  g_assert_cmpint (cb_sync_classify_name ("1-5.coachbook.xml.~1234"), ==, CB_SYNC_NAME_BUSY);
  /* not ours */
  g_assert_cmpint (cb_sync_classify_name ("notes.xml"), ==, CB_SYNC_NAME_OTHER);
  g_assert_cmpint (cb_sync_classify_name ("coachbook.db"), ==, CB_SYNC_NAME_OTHER);
  g_assert_cmpint (cb_sync_classify_name (".coachbook.xml"), ==, CB_SYNC_NAME_BUSY);
  g_assert_cmpint (cb_sync_classify_name (".stfolder"), ==, CB_SYNC_NAME_OTHER);
}

/* Two laptops: each writes only what changed, and a reader parses only
 * what is new to it. */
static void
test_changes (void)
{
  g_autofree char *folder = path_in ("changes", "folder");
  g_autofree char *a_db = path_in ("changes", "a.db");
  g_autofree char *b_db = path_in ("changes", "b.db");
  g_autoptr(CbStore) a = NULL;
  g_autoptr(CbStore) b = NULL;
  g_autoptr(CbSyncReport) r = NULL;
  g_autofree char *school = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  a = cb_test_open_store (a_db, "Ana García");
  b = cb_test_open_store (b_db, "Ben Okafor");
  school = cb_test_create (a, "school", "name", "Lincoln Elementary", NULL);
  cb_test_create (a, "person", "name", "Carla Ruiz", NULL);
  cb_test_create (b, "school", "name", "Hoover High", NULL);

  r = sync_ok (a, folder);
  g_assert_nonnull (r->written);
  g_assert_true (g_str_has_prefix (r->written, cb_store_get_replica (a)));
  g_assert_cmpuint (r->read->len, ==, 0);
  g_clear_pointer (&r, cb_sync_report_free);

  r = sync_ok (b, folder);
  g_assert_cmpuint (r->read->len, ==, 1);
  g_assert_cmpuint (n_changed (r), ==, 2);
  g_assert_cmpuint (r->colleagues->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->colleagues, 0), ==, "Ana García");
  g_clear_pointer (&r, cb_sync_report_free);

  r = sync_ok (a, folder);
  g_assert_null (r->written);
  g_assert_cmpuint (r->read->len, ==, 1);
  g_assert_cmpuint (n_changed (r), ==, 1);
  g_clear_pointer (&r, cb_sync_report_free);

  /* nothing new: nothing written, nothing parsed */
  r = sync_ok (b, folder);
  g_assert_null (r->written);
  g_assert_cmpuint (r->read->len, ==, 0);
  g_assert_cmpuint (r->n_known, ==, 2);
  g_clear_pointer (&r, cb_sync_report_free);

  /* one edit: one small file with that record only */
  g_assert_true (cb_store_set (a, school, "name", "Lincoln Elementary School", &error));
  g_assert_no_error (error);
  r = sync_ok (a, folder);
  g_assert_nonnull (r->written);
  {
    g_autofree char *path = g_build_filename (folder, r->written, NULL);
    g_autofree char *body = NULL;

    g_assert_true (g_file_get_contents (path, &body, NULL, NULL));
    g_assert_nonnull (strstr (body, school));
    g_assert_null (strstr (body, "Carla Ruiz"));
    g_assert_nonnull (strstr (body, " covers=\""));
    g_assert_nonnull (strstr (body, " format=\"3\""));
  }
  g_clear_pointer (&r, cb_sync_report_free);
  r = sync_ok (b, folder);
  g_assert_cmpuint (r->read->len, ==, 1);
  g_assert_cmpuint (r->report->n_records, ==, 1);
  g_assert_cmpuint (n_changed (r), ==, 1);
  g_clear_pointer (&r, cb_sync_report_free);

  /* files are never rewritten: A's first file is still the same */
  files = files_in (folder, cb_store_get_replica (a));
  g_assert_cmpuint (files->len, ==, 2);

  dump_a = cb_test_dump_shared (a, NULL);
  dump_b = cb_test_dump_shared (b, NULL);
  g_assert_cmpstr (dump_a, ==, dump_b);

  /* the status: when, and with whom */
  {
    g_autoptr(GPtrArray) colleagues = NULL;
    gint64 synced = 0;

    g_assert_true (cb_sync_get_status (b, folder, &synced, &colleagues));
    g_assert_cmpint (synced, >, 0);
    g_assert_cmpuint (colleagues->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (colleagues, 0), ==, "Ana García");
    g_clear_pointer (&colleagues, g_ptr_array_unref);
    g_assert_false (cb_sync_get_status (b, "/elsewhere", &synced, &colleagues));
    g_assert_cmpint (synced, ==, 0);
  }
}

/* What sync engines leave: conflict copies are read, files being
 * written wait, a cut-short file is not imported and is tried again. */
static void
test_engine_leftovers (void)
{
  g_autofree char *folder = path_in ("leftovers", "folder");
  g_autofree char *a_db = path_in ("leftovers", "a.db");
  g_autofree char *b_db = path_in ("leftovers", "b.db");
  g_autofree char *c_db = path_in ("leftovers", "c.db");
  g_autofree char *c_full = path_in ("leftovers", "c-full.xml");
  g_autoptr(CbStore) a = NULL;
  g_autoptr(CbStore) b = NULL;
  g_autoptr(CbStore) c = NULL;
  g_autoptr(CbSyncReport) r = NULL;
  g_autofree char *a_school = NULL;
  g_autofree char *c_school = NULL;
  g_autofree char *late = NULL;
  g_autofree char *body = NULL;
  g_autofree char *first = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *tmp = NULL;
  gsize len;

  g_mkdir_with_parents (folder, 0700);
  a = cb_test_open_store (a_db, "Ana García");
  b = cb_test_open_store (b_db, "Ben Okafor");
  c = cb_test_open_store (c_db, "Cleo Diaz");
  a_school = cb_test_create (a, "school", "name", "Lincoln Elementary", NULL);
  c_school = cb_test_create (c, "school", "name", "Roosevelt Middle", NULL);
  r = sync_ok (a, folder);
  first = g_build_filename (folder, r->written, NULL);
  g_clear_pointer (&r, cb_sync_report_free);

  /* Syncthing kept C's version of a file under A's name as a conflict
   * copy beside it: both are read */
  cb_test_export (c, c_full);
  g_assert_true (g_file_get_contents (c_full, &body, &len, NULL));
  copy = g_strdup_printf ("%.*s.sync-conflict-20261207-101500-ABCDEFG.xml",
                          (int) (strlen (first) - strlen (".xml")), first);
  g_assert_true (g_file_set_contents (copy, body, len, NULL));
  /* a temporary file and a file cut short by a transfer */
  tmp = g_build_filename (folder, ".syncthing.9-9.coachbook.xml.tmp", NULL);
  g_assert_true (g_file_set_contents (tmp, body, len / 2, NULL));
  late = cb_test_create (c, "school", "name", "Jefferson Academy", NULL);
  cb_test_export (c, c_full);
  g_clear_pointer (&body, g_free);
  g_assert_true (g_file_get_contents (c_full, &body, &len, NULL));
  cut = g_build_filename (folder, "cleo.coachbook.xml", NULL);
  g_assert_true (g_file_set_contents (cut, body, len - 40, NULL));

  r = sync_ok (b, folder);
  g_assert_nonnull (cb_store_get (b, a_school, NULL));
  g_assert_nonnull (cb_store_get (b, c_school, NULL));
  g_assert_null (cb_store_get (b, late, NULL));
  g_assert_cmpuint (r->n_busy, ==, 1);
  g_assert_cmpuint (r->skipped->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (r->skipped, 0), "cleo.coachbook.xml: "));
  g_clear_pointer (&r, cb_sync_report_free);

  /* the transfer finished: the file is read whole this time */
  g_assert_true (g_file_set_contents (cut, body, len, NULL));
  g_unlink (tmp);
  r = sync_ok (b, folder);
  g_assert_cmpuint (r->skipped->len, ==, 0);
  g_assert_cmpuint (r->read->len, ==, 1);
  g_assert_nonnull (cb_store_get (b, late, NULL));
  g_clear_pointer (&r, cb_sync_report_free);

  /* the same bytes under another name are not parsed again */
  {
    g_autofree char *again = g_build_filename (folder, "cleo (conflicted copy 2026-12-07 101500).coachbook.xml", NULL);
    g_assert_true (g_file_set_contents (again, body, len, NULL));
    r = sync_ok (b, folder);
    g_assert_cmpuint (r->read->len, ==, 0);
    g_clear_pointer (&r, cb_sync_report_free);
  }

  /* a file gone between the listing and the read is no error */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *gone = g_build_filename (folder, "gone.coachbook.xml", NULL);
    g_assert_null (cb_sync_file_read (gone, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* Many small files become one; readers that read them skip it, a new
 * reader reads it and converges. */
static void
test_compaction (void)
{
  g_autofree char *folder = path_in ("compact", "folder");
  g_autofree char *a_db = path_in ("compact", "a.db");
  g_autofree char *b_db = path_in ("compact", "b.db");
  g_autofree char *c_db = path_in ("compact", "c.db");
  g_autoptr(CbStore) a = NULL;
  g_autoptr(CbStore) b = NULL;
  g_autoptr(CbStore) c = NULL;
  g_autoptr(CbSyncReport) r = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *dump_c = NULL;
  gboolean compacted = FALSE;

  g_mkdir_with_parents (folder, 0700);
  a = cb_test_open_store (a_db, "Ana García");
  b = cb_test_open_store (b_db, "Ben Okafor");
  c = cb_test_open_store (c_db, "Cleo Diaz");
  for (guint i = 0; i < CB_SYNC_COMPACT_AT + 1; i++)
    {
      g_autofree char *name = g_strdup_printf ("School %u", i);
      g_free (cb_test_create (a, "school", "name", name, NULL));
      r = sync_ok (a, folder);
      compacted |= r->compacted != NULL;
      g_clear_pointer (&r, cb_sync_report_free);
      r = sync_ok (b, folder);
      g_assert_cmpuint (r->read->len, <=, 1);
      g_clear_pointer (&r, cb_sync_report_free);
    }
  g_assert_true (compacted);
  files = files_in (folder, cb_store_get_replica (a));
  g_assert_cmpuint (files->len, <, CB_SYNC_COMPACT_AT);

  /* B read the small files: the compacted one is skipped unparsed */
  r = sync_ok (b, folder);
  g_assert_cmpuint (r->read->len, ==, 0);
  g_clear_pointer (&r, cb_sync_report_free);
  /* C never saw them */
  r = sync_ok (c, folder);
  g_assert_cmpuint (r->read->len, >=, 1);
  g_clear_pointer (&r, cb_sync_report_free);

  dump_a = cb_test_dump_shared (a, NULL);
  dump_b = cb_test_dump_shared (b, NULL);
  dump_c = cb_test_dump_shared (c, NULL);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpstr (dump_a, ==, dump_c);
}

/* An encrypted folder: two laptops with the team passphrase converge and
 * their files hold no plain text; a third with a wrong one, or none,
 * reads and writes nothing and says why; a file is not read twice. */
static void
test_encrypted (void)
{
  g_autofree char *folder = path_in ("encrypted", "folder");
  g_autofree char *a_db = path_in ("encrypted", "a.db");
  g_autofree char *b_db = path_in ("encrypted", "b.db");
  g_autofree char *c_db = path_in ("encrypted", "c.db");
  g_autoptr(CbStore) a = NULL;
  g_autoptr(CbStore) b = NULL;
  g_autoptr(CbStore) c = NULL;
  g_autoptr(CbSyncReport) r = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *contents = NULL;
  const char *team = "river stone 12";

  g_mkdir_with_parents (folder, 0700);
  a = cb_test_open_store (a_db, "Ana García");
  b = cb_test_open_store (b_db, "Ben Okafor");
  c = cb_test_open_store (c_db, "Cora Diaz");
  cb_test_create (a, "school", "name", "Lincoln Elementary", NULL);
  cb_test_create (b, "school", "name", "Hoover High", NULL);
  cb_test_create (c, "school", "name", "Garfield Middle", NULL);

  r = cb_sync_run (a, folder, team, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r->written);
  g_clear_pointer (&r, cb_sync_report_free);
  files = files_in (folder, cb_store_get_replica (a));
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (g_file_get_contents (g_ptr_array_index (files, 0), &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "CBCRYPT"));
  g_assert_null (strstr (contents, "Lincoln"));
  g_assert_true (cb_sync_folder_is_encrypted (folder, NULL));

  /* without the passphrase, or with a wrong one: one message, nothing
   * written, nothing read */
  g_assert_null (cb_sync_run (c, folder, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED);
  g_clear_error (&error);
  g_assert_null (cb_sync_run (c, folder, "wrong horse", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_clear_pointer (&files, g_ptr_array_unref);
  files = files_in (folder, cb_store_get_replica (c));
  g_assert_cmpuint (files->len, ==, 0);

  r = cb_sync_run (b, folder, team, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->read->len, ==, 1);
  g_assert_cmpuint (n_changed (r), ==, 1);
  g_assert_cmpuint (r->n_locked, ==, 0);
  g_clear_pointer (&r, cb_sync_report_free);
  r = cb_sync_run (a, folder, team, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->read->len, ==, 1);
  g_clear_pointer (&r, cb_sync_report_free);
  dump_a = cb_test_dump_shared (a, NULL);
  dump_b = cb_test_dump_shared (b, NULL);
  g_assert_cmpstr (dump_a, ==, dump_b);

  /* nothing new: the files are known by name, size and time, unread */
  r = cb_sync_run (b, folder, team, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (r->written);
  g_assert_cmpuint (r->read->len, ==, 0);
  g_assert_cmpuint (r->n_known, ==, 2);
  g_clear_pointer (&r, cb_sync_report_free);

  /* the third laptop still has nothing of theirs */
  g_clear_pointer (&dump_a, g_free);
  dump_a = cb_test_dump_shared (c, NULL);
  g_assert_cmpstr (dump_a, !=, dump_b);
}

static void
test_missing_folder (void)
{
  g_autofree char *db = path_in ("missing", "a.db");
  g_autofree char *dir = g_build_filename (tmpdir, "missing", NULL);
  g_autoptr(CbStore) a = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  a = cb_test_open_store (db, "Ana García");
  g_assert_null (cb_sync_run (a, "/nonexistent/usb-stick", NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = cb_test_tmpdir ();
  g_test_add_func ("/sync/names", test_names);
  g_test_add_func ("/sync/changes", test_changes);
  g_test_add_func ("/sync/engine-leftovers", test_engine_leftovers);
  g_test_add_func ("/sync/compaction", test_compaction);
  g_test_add_func ("/sync/missing-folder", test_missing_folder);
  g_test_add_func ("/sync/encrypted", test_encrypted);
  rc = g_test_run ();
  cb_test_rmtree (tmpdir);
  g_free (tmpdir);
  return rc;
}
