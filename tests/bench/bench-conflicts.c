/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conflicts benchmark: N generated records (seed 1), 300 of them given a
 * second value for a field, as a colleague's concurrent edit brings;
 * then what the Conflicts section reads to list them
 * (cb_conflicts_find()), next to a baseline from the same run: the same
 * 300 records read one by one by UUID (cb_store_get()), which any list
 * of them pays. Reports times and the ratio, never pass/fail.
 * Usage: bench-conflicts [N_RECORDS] */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "cb-conflict-logic.h"
#include "cb-generate.h"
#include "cb-merge.h"
#include "cb-store.h"

#define N_CONFLICTS 300
#define REPS 11
#define REMOTE "abcdefabcdefabcd"

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-conflicts: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* A colleague changed @field of @uuid while we changed it here. */
static void
make_conflict (CbStore    *store,
               const char *uuid,
               const char *field,
               guint       i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbState) local = cb_store_read_state (store, uuid, &error);
  g_autoptr(CbState) remote = NULL;
  g_autoptr(CbState) merged = NULL;
  g_autofree char *theirs = g_strdup_printf ("Their version %u", i);
  g_autofree char *ours = g_strdup_printf ("Our version %u", i);
  gint64 future = CB_HLC_FROM_MS (g_get_real_time () / 1000 + 60000);

  if (local == NULL)
    die ("read", error);
  remote = cb_state_copy (local);
  for (guint v = remote->values->len; v > 0; v--)
    if (g_str_equal (((CbStamped *) remote->values->pdata[v - 1])->field, field))
      g_ptr_array_remove_index (remote->values, v - 1);
  cb_state_add (remote, cb_stamped_new (field, theirs, REMOTE, i + 1, future));
  cb_state_sort (remote);
  cb_vector_set (remote->vector, REMOTE, i + 1);
  if (!cb_store_set (store, uuid, field, ours, &error))
    die ("edit", error);
  g_clear_pointer (&local, cb_state_free);
  local = cb_store_read_state (store, uuid, &error);
  merged = cb_merge_states (local, remote, NULL);
  if (!cb_store_write_state (store, merged, &error))
    die ("write", error);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), cmp_double);
  return values[n / 2];
}

int
main (int    argc,
      char **argv)
{
  guint n_records = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-conflicts-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CbFilter filter = { .kind = "evidence" };
  double found_ms[REPS], base_ms[REPS];
  guint n_found = 0;

  if (dir == NULL)
    die ("temporary folder", error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = cb_store_open (path, &error);
  if (store == NULL || !cb_generate (store, n_records, 1, &error))
    die ("generate", error);

  /* Lines spread over the list: one in every few of the newest. */
  lines = cb_store_list (store, &filter, N_CONFLICTS * 3, &error);
  if (lines == NULL || lines->len < N_CONFLICTS * 3)
    die ("lines", error);
  if (!cb_store_begin (store, &error))
    die ("begin", error);
  for (guint i = 0; i < N_CONFLICTS; i++)
    make_conflict (store, cb_record_get_uuid (lines->pdata[i * 3]), "text", i);
  if (!cb_store_commit (store, &error))
    die ("commit", error);

  for (guint r = 0; r < REPS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) found = cb_conflicts_find (store, 500, &error);

      found_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
      if (found == NULL)
        die ("find", error);
      n_found = found->len;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < N_CONFLICTS; i++)
        {
          g_autoptr(CbRecord) record = cb_store_get (store, cb_record_get_uuid (lines->pdata[i * 3]), &error);
          if (record == NULL)
            die ("get", error);
        }
      base_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  printf ("%u records, %u in conflict (counted %u), %u listed\n",
          n_records, N_CONFLICTS, cb_conflicts_count (store), n_found);
  median (found_ms, REPS);
  printf ("listing the Conflicts section (cb_conflicts_find), median of %u: %.2f ms (min %.2f, max %.2f)\n",
          REPS, found_ms[REPS / 2], found_ms[0], found_ms[REPS - 1]);
  printf ("baseline, same run: the same %u records read by UUID: %.2f ms\n",
          N_CONFLICTS, median (base_ms, REPS));
  printf ("ratio %.2fx\n", median (found_ms, REPS) / median (base_ms, REPS));

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
        g_unlink (f);
      }
    g_rmdir (dir);
  }
  return n_found == N_CONFLICTS ? 0 : 1;
}
