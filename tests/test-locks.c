/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Committed edits survive everything else that touches the database file
 * while a store holds it open.
 *
 * POSIX locks belong to a process, not to a descriptor: closing any
 * descriptor on the database file drops every lock the process holds on
 * it. Another program then believes it is the file's last user,
 * checkpoints and deletes the -wal, and the store goes on committing
 * into a deleted file; the edits are gone at the next crash. So a child
 * holds a store open and runs every path of Coachbook that touches the
 * file (a second store, a worker store, the integrity check, a backup,
 * an import with its Undo snapshot and the Undo itself), plus the
 * README's backup command and the command-line tool from outside; then
 * it commits once more and exits without closing anything. The parent
 * reopens the file and finds every committed edit. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cb-exchange.h"
#include "cb-store.h"
#include "cb-test-util.h"

static const char *cli_path;

/* Whether this process writes into a -wal file that no longer exists. */
static gboolean
holds_deleted_wal (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && strstr (target, "-wal") != NULL && g_str_has_suffix (target, "(deleted)"))
        return TRUE;
    }
  return FALSE;
}

static void
run_or_die (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "child: %s failed: %s %s\n", argv[0], error ? error->message : "", err ? err : "");
      _exit (4);
    }
}

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        fprintf (stderr, "child: %s failed: %s\n", #cond, error ? error->message : ""); \
        _exit (2); \
      } \
  } G_STMT_END

static int
child_main (const char *path,
            const char *dir)
{
  GError *error = NULL;
  CbStore *a = cb_store_open (path, &error);
  g_autofree char *bak = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *snapshot = g_build_filename (dir, "snapshot.db", NULL);
  g_autofree char *colleague_db = g_build_filename (dir, "colleague.db", NULL);
  g_autofree char *colleague_xml = g_build_filename (dir, "colleague.xml", NULL);
  g_autofree char *external = g_build_filename (dir, "external.db", NULL);
  const char *name[] = { "name" };
  const char *first[] = { "First School" };
  const char *second[] = { "Second School" };
  char *uuid;

  CHECK (a != NULL);
  uuid = cb_store_create (a, "school", name, first, 1, &error);
  CHECK (uuid != NULL);
  g_free (uuid);

  /* Every path of Coachbook that opens the same file in this process. */
  {
    CbStore *b = cb_store_open (path, &error);
    CHECK (b != NULL);
    g_object_unref (b);
  }
  {
    CbStore *w = cb_store_open_worker (path, &error);
    CHECK (w != NULL);
    g_object_unref (w);
  }
  CHECK (cb_store_check_file (path, &error));
  CHECK (cb_store_backup (a, bak, &error));
  {
    CbStore *c = cb_store_open (colleague_db, &error);
    const char *cname[] = { "name" };
    const char *cvalue[] = { "Colleague School" };
    const char *paths[] = { colleague_xml, NULL };
    CbImportReport *report;

    CHECK (c != NULL);
    uuid = cb_store_create (c, "school", cname, cvalue, 1, &error);
    CHECK (uuid != NULL);
    g_free (uuid);
    CHECK (cb_exchange_export (c, colleague_xml, NULL, &error));
    g_object_unref (c);
    report = cb_exchange_import_full (a, paths, FALSE, snapshot, NULL, NULL, NULL, &error);
    CHECK (report != NULL && report->snapshot != NULL);
    cb_import_report_free (report);
    /* Undo Import */
    CHECK (cb_store_restore_backup (a, snapshot, &error));
  }

  /* From outside: the README's backup command and the command-line tool. */
  {
    g_autofree char *command = g_strdup_printf (".backup '%s'", external);
    const char *sqlite_argv[] = { "sqlite3", path, command, NULL };
    const char *search_argv[] = { cli_path, "--db", path, "search", "school", NULL };
    const char *stats_argv[] = { cli_path, "--db", path, "stats", NULL };

    run_or_die (sqlite_argv);
    run_or_die (search_argv);
    run_or_die (stats_argv);
  }

  uuid = cb_store_create (a, "school", name, second, 1, &error);
  CHECK (uuid != NULL);
  g_free (uuid);

  if (holds_deleted_wal ())
    {
      fprintf (stderr, "child: the store writes into a deleted -wal\n");
      _exit (3);
    }
  /* A crash: nothing is closed, nothing checkpointed. */
  _exit (0);
}

/* Writes N schools one transaction each, printing each committed one. */
static int
writer_main (const char *path,
             guint       n)
{
  GError *error = NULL;
  CbStore *store = cb_store_open (path, &error);

  CHECK (store != NULL);
  printf ("ready\n");
  fflush (stdout);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Writer %u", i);
      const char *names[] = { "name" };
      const char *values[] = { name };
      char *uuid = cb_store_create (store, "school", names, values, 1, &error);

      CHECK (uuid != NULL);
      g_free (uuid);
      printf ("%u\n", i);
      fflush (stdout);
      g_usleep (2000);
    }
  _exit (0);
}

/* No stamp (replica, counter) of this laptop's was given to two records. */
static guint
count_reused_stamps (CbStore *store)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store),
      "SELECT count(*) FROM (SELECT replica, counter FROM vals WHERE replica = ? "
      "GROUP BY replica, counter HAVING count(DISTINCT rec) > 1)",
      -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, cb_store_get_replica (store), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
has_school (CbStore    *store,
            const char *wanted)
{
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  filter.kind = "school";
  records = cb_store_list (store, &filter, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (cb_record_get (records->pdata[i], "name"), wanted) == 0)
      return TRUE;
  return FALSE;
}

static void
test_every_path (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "coachbook.db", NULL);
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-locks", NULL);
  const char *argv[] = { self, "--child", path, dir, cli_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (has_school (store, "First School"));
  g_assert_true (has_school (store, "Second School"));
  g_assert_false (has_school (store, "Colleague School"));
  cb_test_rmtree (dir);
}

/* Two stores on one file in one process (the window's and a worker's)
 * both issue stamps: the second must see the first's counter. */
static void
test_two_stores_share_counter (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "coachbook.db", NULL);
  g_autofree char *xml = g_build_filename (dir, "out.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) a = cb_test_open_store (path, "Ana");
  g_autoptr(CbStore) b = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autoptr(GPtrArray) va = NULL;
  g_autoptr(GPtrArray) vb = NULL;

  one = cb_test_create (a, "school", "name", "One", NULL);
  b = cb_store_open_worker (path, &error);
  g_assert_no_error (error);
  two = cb_test_create (b, "school", "name", "Two", NULL);
  g_assert_true (cb_store_set (a, one, "name", "One again", &error));
  g_assert_no_error (error);
  g_assert_true (cb_store_set (b, two, "name", "Two again", &error));
  g_assert_no_error (error);

  /* Every value a replica stamped has its own counter. */
  g_assert_cmpuint (count_reused_stamps (a), ==, 0);
  cb_test_rmtree (dir);
}

/* The command-line tool imports and generates while the app's process
 * writes: both finish, nothing is lost, no stamp is issued twice. */
static void
test_two_processes (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "coachbook.db", NULL);
  g_autofree char *colleague_db = g_build_filename (dir, "colleague.db", NULL);
  g_autofree char *colleague_xml = g_build_filename (dir, "colleague.xml", NULL);
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-locks", NULL);
  const char *writer[] = { self, "--writer", path, "150", NULL };
  const char *gen[] = { cli_path, "--db", path, "generate", "--records", "400", "--seed", "5", NULL };
  const char *import[] = { cli_path, "--db", path, "import", colleague_xml, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GIOChannel) ch = NULL;
  g_autofree char *line = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *gen_err = NULL;
  g_autofree char *import_err = NULL;
  int out_fd, status = 0;
  GPid pid;
  guint last = 0;

  {
    g_autoptr(CbStore) c = cb_test_open_store (colleague_db, "Colleague");
    g_autofree char *uuid = cb_test_create (c, "school", "name", "Colleague School", NULL);

    g_assert_true (cb_exchange_export (c, colleague_xml, NULL, &error));
    g_assert_no_error (error);
  }
  /* The database exists before the writer starts. */
  g_object_unref (cb_test_open_store (path, "Ana"));

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) writer, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  ch = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (ch, TRUE);
  g_io_channel_read_line (ch, &line, NULL, NULL, NULL);
  g_assert_cmpstr (line, ==, "ready\n");

  g_assert_true (g_spawn_sync (NULL, (char **) gen, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &gen_err, &status, &error));
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) import, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &import_err, &status, &error));
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  g_io_channel_read_to_end (ch, &rest, NULL, NULL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  {
    g_auto(GStrv) lines = g_strsplit (rest ? rest : "", "\n", -1);

    for (guint i = 0; lines[i]; i++)
      if (*lines[i])
        last = atoi (lines[i]);
  }
  g_assert_cmpuint (last, ==, 150);

  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= last; i++)
    {
      g_autofree char *name = g_strdup_printf ("Writer %u", i);
      g_assert_true (has_school (store, name));
    }
  g_assert_true (has_school (store, "Colleague School"));
  {
    CbFilter filter = { 0 };

    filter.kind = "observation";
    g_assert_cmpuint (cb_store_count (store, &filter), >, 0);
  }
  g_assert_cmpuint (count_reused_stamps (store), ==, 0);
  cb_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--writer") == 0)
    return writer_main (argv[2], atoi (argv[3]));
  if (argc == 5 && strcmp (argv[1], "--child") == 0)
    {
      cli_path = argv[4];
      return child_main (argv[2], argv[3]);
    }

  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[argc - 1] : "coachbook-cli";
  g_test_add_func ("/locks/every-path", test_every_path);
  g_test_add_func ("/locks/two-stores-share-counter", test_two_stores_share_counter);
  g_test_add_func ("/locks/two-processes", test_two_processes);
  return g_test_run ();
}
