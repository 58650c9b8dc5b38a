/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Store benchmark: 100k generated records; durable local edits; search
 * latency; bytes per record; and, in the same run, the same rows written
 * raw with one prepared statement, as the baseline. Reports ratios, never
 * pass/fail. Usage: bench-store [N_RECORDS] */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "cb-generate.h"
#include "cb-store.h"

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 n = 0;

  if (g_stat (path, &st) == 0)
    n += st.st_size;
  if (g_stat (wal, &st) == 0)
    n += st.st_size;
  return n;
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-store: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* The baseline: the same rows (records and field values) inserted into
 * plain tables with one prepared statement each, one transaction. */
static double
raw_bulk_insert (sqlite3    *src,
                 const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *read = NULL, *ins_r = NULL, *ins_v = NULL;
  double t0;

  g_unlink (path);
  sqlite3_open (path, &db);
  sqlite3_exec (db,
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                "CREATE TABLE r (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, kind TEXT, created TEXT);"
                "CREATE TABLE v (rec INTEGER, field TEXT, value TEXT);", NULL, NULL, NULL);
  t0 = now_s ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO r VALUES (?, ?, ?, ?)", -1, &ins_r, NULL);
  sqlite3_prepare_v2 (src, "SELECT id, uuid, kind, created FROM records", -1, &read, NULL);
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      for (int i = 0; i < 4; i++)
        sqlite3_bind_value (ins_r, i + 1, sqlite3_column_value (read, i));
      sqlite3_step (ins_r);
      sqlite3_reset (ins_r);
    }
  sqlite3_finalize (read);
  sqlite3_prepare_v2 (db, "INSERT INTO v VALUES (?, ?, ?)", -1, &ins_v, NULL);
  sqlite3_prepare_v2 (src, "SELECT rec, field, value FROM vals", -1, &read, NULL);
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      for (int i = 0; i < 3; i++)
        sqlite3_bind_value (ins_v, i + 1, sqlite3_column_value (read, i));
      sqlite3_step (ins_v);
      sqlite3_reset (ins_v);
    }
  sqlite3_finalize (read);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  t0 = now_s () - t0;
  sqlite3_finalize (ins_r);
  sqlite3_finalize (ins_v);
  sqlite3_close (db);
  return t0;
}

/* The baseline for one durable edit: one UPDATE of one row, committed
 * with synchronous=FULL in WAL mode. */
static double
raw_edits_per_s (const char *path,
                 guint       n)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *upd = NULL;
  double t0;

  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "UPDATE v SET value = ? WHERE rowid = ?", -1, &upd, NULL);
  t0 = now_s ();
  for (guint i = 0; i < n; i++)
    {
      char buf[32];
      g_snprintf (buf, sizeof buf, "edit %u", i);
      sqlite3_bind_text (upd, 1, buf, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (upd, 2, 1 + i % 1000);
      sqlite3_step (upd);
      sqlite3_reset (upd);
    }
  t0 = now_s () - t0;
  sqlite3_finalize (upd);
  sqlite3_close (db);
  return n / t0;
}

int
main (int argc, char **argv)
{
  guint n_records = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("coachbook-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *raw = g_build_filename (dir, "raw.db", NULL);
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GPtrArray) obs = NULL;
  const char *queries[] = {
    "productive struggle", "practica", "fraccion", "number line", "turn and talk",
    "funnel", "wait time", "misconception", "tape diagram", "MP3", "how do you know",
    "estudiantes", "area model", "exit ticket", "launch", "equivalent fractions",
    "strategy", "co-teaching", "ratio", "numer",
  };
  double lat[G_N_ELEMENTS (queries)];
  double t_gen, t_raw, edits_s, raw_edits_s, t0;
  guint n_edits = 300;
  gint64 size;
  guint total = 0;
  CbFilter filter = { .kind = "observation" };

  store = cb_store_open (path, &error);
  if (store == NULL)
    die ("open", error);

  t0 = now_s ();
  if (!cb_generate (store, n_records, 1, &error))
    die ("generate", error);
  t_gen = now_s () - t0;
  sqlite3_exec (cb_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  {
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2 (cb_store_get_db (store), "SELECT count(*) FROM records", -1, &st, NULL);
    sqlite3_step (st);
    total = sqlite3_column_int (st, 0);
    sqlite3_finalize (st);
  }
  size = file_size (path);

  /* durable local edits, each its own transaction */
  obs = cb_store_list (store, &filter, 100, &error);
  if (obs == NULL || obs->len == 0)
    die ("list", error);
  t0 = now_s ();
  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *text = g_strdup_printf ("Next step %u: press for justification", i);
      if (!cb_store_set (store, cb_record_get_uuid (obs->pdata[i % obs->len]), "next_steps", text, &error))
        die ("edit", error);
    }
  edits_s = n_edits / (now_s () - t0);

  /* search latency, warm */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) warm = cb_store_search (store, queries[i], NULL, 50, NULL);
      g_autoptr(GPtrArray) hits = NULL;
      t0 = now_s ();
      hits = cb_store_search (store, queries[i], NULL, 50, &error);
      lat[i] = (now_s () - t0) * 1000;
      if (hits == NULL)
        die ("search", error);
    }
  qsort (lat, G_N_ELEMENTS (lat), sizeof (double), cmp_double);

  t_raw = raw_bulk_insert (cb_store_get_db (store), raw);
  raw_edits_s = raw_edits_per_s (raw, n_edits);

  printf ("records            %u (generated %u requested)\n", total, n_records);
  printf ("generate           %.2f s   raw bulk insert of the same rows %.2f s   ratio %.1fx\n",
          t_gen, t_raw, t_gen / t_raw);
  printf ("durable edits      %.0f /s   raw durable UPDATE %.0f /s   ratio %.2fx\n",
          edits_s, raw_edits_s, raw_edits_s / edits_s);
  printf ("search latency     p50 %.2f ms   p95 %.2f ms   max %.2f ms (20 queries, limit 50)\n",
          lat[(G_N_ELEMENTS (lat) + 1) / 2 - 1], lat[(G_N_ELEMENTS (lat) * 95 + 99) / 100 - 1],
          lat[G_N_ELEMENTS (lat) - 1]);
  printf ("size               %" G_GINT64_FORMAT " bytes   %.0f bytes/record   raw %.0f bytes/record\n",
          size, (double) size / total, (double) file_size (raw) / total);

  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      return 1;
  }
  return 0;
}
