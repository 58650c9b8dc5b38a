/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A child edits in a loop and reports each committed edit, opening and
 * closing a second connection now and then; another program reads the
 * file; the child is killed with SIGKILL at random moments. After each
 * kill the database must pass quick_check (done by cb_store_open) and
 * hold every reported edit. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cb-store.h"
#include "cb-test-util.h"

#define OBS "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980"

static int
child_main (const char *path,
            const char *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open (path, &error);
  g_autoptr(CbRecord) obs = NULL;

  if (store == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      return 1;
    }
  obs = cb_store_get (store, OBS, NULL);
  if (obs == NULL)
    {
      const char *names[] = { "lesson" };
      const char *values[] = { "Crash test" };
      g_free (cb_store_create_with_uuid (store, OBS, "observation", names, values, 1, &error));
    }
  for (guint n = 1;; n++)
    {
      g_autofree char *text = g_strdup_printf ("%s-%u", round, n);
      g_autofree char *count = g_strdup_printf ("%u", n);
      const char *names[] = { "observation", "offset", "text" };
      const char *values[] = { OBS, count, text };
      g_autofree char *uuid = cb_store_create (store, "evidence", names, values, 3, &error);

      if (uuid == NULL || !cb_store_set (store, OBS, "strengths", text, &error))
        {
          fprintf (stderr, "child: %s\n", error->message);
          return 1;
        }
      /* only now is the edit committed */
      printf ("%u\n", n);
      fflush (stdout);
      /* A second connection comes and goes, as the app's workers do. */
      if (n % 20 == 0)
        {
          g_autoptr(CbStore) worker = cb_store_open_worker (path, &error);

          if (worker == NULL)
            {
              fprintf (stderr, "child: %s\n", error->message);
              return 1;
            }
        }
    }
  return 0;
}

static void
test_kill (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-crash", NULL);
  guint total = 0;

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *round_s = g_strdup_printf ("r%u", round);
      const char *argv[] = { self, "--child", path, round_s, NULL };
      GPid pid;
      int out_fd;
      int status;
      g_autoptr(GIOChannel) ch = NULL;
      g_autofree char *text = NULL;
      guint last = 0;
      g_auto(GStrv) lines = NULL;
      g_autoptr(CbStore) store = NULL;
      g_autoptr(CbRecord) obs = NULL;
      g_autoptr(GPtrArray) children = NULL;
      g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_usleep (g_test_rand_int_range (20, 400) * 1000);
      /* Another program reads the file meanwhile (the README's backup
       * does so); when it closes it must not take the child's -wal. */
      {
        const char *reader[] = { "sqlite3", path, "SELECT count(*) FROM records", NULL };
        g_spawn_sync (NULL, (char **) reader, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, NULL, NULL);
      }
      g_usleep (g_test_rand_int_range (5, 50) * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));

      ch = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (ch, TRUE);
      g_io_channel_read_to_end (ch, &text, NULL, NULL);
      lines = g_strsplit (text ? text : "", "\n", -1);
      for (guint i = 0; lines[i]; i++)
        if (*lines[i])
          last = atoi (lines[i]);

      store = cb_store_open (path, &error);   /* runs quick_check */
      g_assert_no_error (error);
      g_assert_true (cb_store_check (store, NULL, &error));

      children = cb_store_children (store, "evidence", OBS, &error);
      for (guint i = 0; i < children->len; i++)
        g_hash_table_add (present, g_strdup (cb_record_get (children->pdata[i], "text")));
      for (guint n = 1; n <= last; n++)
        {
          g_autofree char *want = g_strdup_printf ("%s-%u", round_s, n);
          if (!g_hash_table_contains (present, want))
            g_error ("round %u: committed edit %s is missing", round, want);
        }
      if (last > 0)
        {
          g_autofree char *want = g_strdup_printf ("%s-%u", round_s, last);
          g_autofree char *maybe = g_strdup_printf ("%s-%u", round_s, last + 1);
          obs = cb_store_get (store, OBS, &error);
          g_assert_true (g_str_equal (cb_record_get (obs, "strengths"), want) ||
                         g_str_equal (cb_record_get (obs, "strengths"), maybe));
        }
      total += last;
      g_test_message ("round %u: %u committed edits survived", round, last);
    }
  g_assert_cmpuint (total, >, 20);
  cb_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/sigkill", test_kill);
  return g_test_run ();
}
