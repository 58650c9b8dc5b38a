/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files that must be refused with a clear error and left byte for byte
 * as they were. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cb-store.h"
#include "cb-test-util.h"

static char *
make_db (const char *dir,
         const char *name,
         guint       n_records)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(CbStore) store = cb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cb_store_begin (store, &error));
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line %u: students compare strategies for 3/4 + 1/8", i);
      g_free (cb_test_create (store, "evidence", "text", text, NULL));
    }
  g_assert_true (cb_store_commit (store, &error));
  return path;
}

static void
expect_refused (const char *path,
                int         code)
{
  g_autofree char *before = cb_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, CB_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
  after = cb_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "Observation notes, period 3: students used tape diagrams.\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  expect_refused (path, CB_STORE_ERROR_NOT_A_DATABASE);
  cb_test_rmtree (dir);
}

static void
test_truncated (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = make_db (dir, "cut.db", 3000);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
  expect_refused (path, CB_STORE_ERROR_CORRUPT);

  /* the check the app runs on a worker thread after its first frame */
  {
    g_autofree char *before = cb_test_file_checksum (path);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_false (cb_store_check_file (path, &error));
    g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT);
    after = cb_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }
  cb_test_rmtree (dir);
}

static void
test_newer_version (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = make_db (dir, "new.db", 10);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_refused (path, CB_STORE_ERROR_TOO_NEW);
  cb_test_rmtree (dir);
}

/* Runs @func in a child that has dropped root, so that directory
 * permissions apply to it as they do to a coach. */
static void
run_unprivileged (void (*func) (const char *),
                  const char *path)
{
  pid_t pid;
  int status = 0;

  if (geteuid () != 0)
    {
      func (path);
      return;
    }
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (3);
      func (path);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
open_read_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open (path, &error);

  if (store != NULL || !g_error_matches (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY))
    {
      g_printerr ("expected a read-only error, got %s\n", error ? error->message : "a store");
      _exit (1);
    }
  g_test_message ("refused: %s", error->message);
}

static void
test_read_only_dir (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "ro", NULL);
  g_autofree char *path = NULL;
  g_autofree char *fresh = g_build_filename (sub, "fresh.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  path = make_db (sub, "old.db", 50);
  before = cb_test_file_checksum (path);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (sub, 0555), ==, 0);

  /* an existing database in a folder that cannot be written */
  run_unprivileged (open_read_only, path);
  after = cb_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  /* a new database in it */
  run_unprivileged (open_read_only, fresh);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

  g_chmod (sub, 0700);
  cb_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/badinput/not-a-database", test_not_a_database);
  g_test_add_func ("/badinput/truncated", test_truncated);
  g_test_add_func ("/badinput/newer-version", test_newer_version);
  g_test_add_func ("/badinput/read-only-dir", test_read_only_dir);
  return g_test_run ();
}
