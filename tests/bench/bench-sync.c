/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder at district scale (docs/performance.md).
 *
 *   bench-sync [N…]   (default 10 50 200 laptops)
 *
 * For each N: N colleagues' laptops, each authoring BENCH_SYNC_RECORDS
 * records (default 2,000), have written their first change file into
 * one folder; this laptop (a database file, authoring as many) syncs
 * once to take everything in. Then, timed: listing and stat-ing the
 * folder (the baseline, in the same run), a Sync Now with nothing new,
 * a Sync Now after one colleague's single edit, and the bytes one local
 * edit writes to the folder. Figures, and ratios to the baseline; never
 * a pass/fail. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "cb-exchange.h"
#include "cb-generate.h"
#include "cb-store.h"
#include "cb-sync.h"

#define REPEATS 5

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, (int (*) (const void *, const void *)) compare_doubles);
  return v[n / 2];
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-sync: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static gint64
counter_of (CbStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 c = 0;

  sqlite3_prepare_v2 (cb_store_get_db (store), "SELECT value FROM meta WHERE key = 'counter'", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    c = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return c;
}

/* What a colleague's Sync Now writes for its counters @first to @last. */
static void
write_colleague_file (CbStore    *store,
                      const char *folder,
                      gint64      first,
                      gint64      last)
{
  const char *replica = cb_store_get_replica (store);
  g_autofree char *covers = g_strdup_printf ("%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, replica, first, last);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "%s", first, last,
                                           CB_EXCHANGE_SUFFIX);
  g_autofree char *dir = g_build_filename (folder, replica, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cb_exchange_export_changes (store, replica, first, last, NULL, covers,
                                                        NULL, NULL, NULL, &error);
  g_autofree char *written = NULL;

  if (bytes == NULL || (written = cb_sync_file_write (dir, name, bytes, NULL, NULL, &error)) == NULL)
    die ("colleague's file", error);
}

/* The baseline: what listing the folder and stat-ing every file costs. */
static double
list_folder_ms (const char *folder)
{
  double start = now_ms ();
  g_autoptr(GDir) top = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub = g_build_filename (folder, name, NULL);
      g_autoptr(GDir) d = g_dir_open (sub, 0, NULL);
      const char *inner;
      GStatBuf st;

      if (d == NULL)
        {
          n += g_stat (sub, &st) == 0;
          continue;
        }
      while ((inner = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, inner, NULL);
          n += g_stat (path, &st) == 0;
        }
    }
  g_assert (n > 0);
  return now_ms () - start;
}

static CbSyncReport *
sync_now (CbStore    *store,
          const char *folder,
          double     *ms)
{
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  CbSyncReport *report = cb_sync_run (store, folder, NULL, NULL, NULL, NULL, NULL, &error);

  *ms = now_ms () - start;
  if (report == NULL)
    die ("sync", error);
  return report;
}

/* A random record of @store's own, and a change to it. */
static void
edit_one (CbStore *store,
          guint    i)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *text = g_strdup_printf ("Edited %u", i);
  g_autoptr(GError) error = NULL;

  sqlite3_prepare_v2 (cb_store_get_db (store),
                      "SELECT uuid FROM records WHERE kind = 'person' ORDER BY id LIMIT 1 OFFSET ?1",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, i);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (uuid == NULL || !cb_store_set (store, uuid, "name", text, &error))
    die ("edit", error);
}

static void
run (guint n_laptops,
     guint n_records)
{
  g_autofree char *dir = g_dir_make_tmp ("coachbook-bench-sync-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *me_path = g_build_filename (dir, "me.db", NULL);
  g_autoptr(CbStore) first = NULL;
  g_autoptr(CbStore) me = NULL;
  g_autoptr(CbSyncReport) r = NULL;
  g_autoptr(GError) error = NULL;
  double list[REPEATS], noop[REPEATS], edit[REPEATS], local[REPEATS];
  guint64 bytes[REPEATS];
  double start, setup_ms, first_ms, ms;
  guint read_one = 0;

  g_mkdir_with_parents (folder, 0700);
  start = now_ms ();
  for (guint i = 0; i < n_laptops; i++)
    {
      g_autoptr(CbStore) store = cb_store_open_memory (&error);
      g_autofree char *author = g_strdup_printf ("Coach %u", i);

      if (store == NULL || !cb_generate (store, n_records, i + 1, &error))
        die ("generate", error);
      cb_store_set_author (store, author);
      write_colleague_file (store, folder, 1, counter_of (store));
      if (i == 0)
        first = g_steal_pointer (&store);
    }
  setup_ms = now_ms () - start;

  me = cb_store_open (me_path, &error);
  if (me == NULL || !cb_generate (me, n_records, 100000, &error))
    die ("generate", error);
  cb_store_set_author (me, "Bench Coach");
  r = sync_now (me, folder, &first_ms);
  g_clear_pointer (&r, cb_sync_report_free);

  for (guint k = 0; k < REPEATS; k++)
    {
      list[k] = list_folder_ms (folder);
      r = sync_now (me, folder, &noop[k]);
      g_assert (r->read->len == 0 && r->written == NULL);
      g_clear_pointer (&r, cb_sync_report_free);
    }
  for (guint k = 0; k < REPEATS; k++)
    {
      gint64 before = counter_of (first);

      edit_one (first, k);
      write_colleague_file (first, folder, before + 1, counter_of (first));
      r = sync_now (me, folder, &edit[k]);
      read_one = r->read->len;
      g_clear_pointer (&r, cb_sync_report_free);

      edit_one (me, k);
      r = sync_now (me, folder, &local[k]);
      bytes[k] = r->bytes_written;
      g_clear_pointer (&r, cb_sync_report_free);
    }
  ms = median (list, REPEATS);
  printf ("N=%-4u %7u records in the folder (set-up %.1f s, first sync %.1f s)\n",
          n_laptops, n_laptops * n_records, setup_ms / 1000.0, first_ms / 1000.0);
  printf ("  list and stat the folder        %8.2f ms  (baseline)\n", ms);
  printf ("  Sync Now, nothing new           %8.2f ms  %6.1f× the listing\n",
          median (noop, REPEATS), median (noop, REPEATS) / ms);
  printf ("  Sync Now, one colleague's edit  %8.2f ms  %6.1f× the listing (%u file read)\n",
          median (edit, REPEATS), median (edit, REPEATS) / ms, read_one);
  printf ("  Sync Now, one local edit        %8.2f ms  %" G_GUINT64_FORMAT " bytes written\n",
          median (local, REPEATS), bytes[REPEATS / 2]);
  fflush (stdout);
  g_clear_object (&me);
  g_clear_object (&first);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_printerr ("bench-sync: could not remove %s\n", dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("BENCH_SYNC_RECORDS");
  guint n_records = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 2000;
  static const guint defaults[] = { 10, 50, 200 };

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      run ((guint) g_ascii_strtoull (argv[i], NULL, 10), n_records);
  else
    for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
      run (defaults[i], n_records);
  return 0;
}
