/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target around the exchange importer (tests/fuzz/run).
 *
 * Every input is imported as a dry run into one long-lived in-memory
 * database, so the whole import runs (parse, schema, checks, merge,
 * writes) and is rolled back: runs are independent and reproducible.
 * An input that is accepted is also imported for real into a fresh
 * database, exported, and the export imported again: whatever Coachbook
 * accepts, it must be able to write and read back.
 *
 * FUZZ_MAKE_SEEDS=DIR writes real exports to DIR and exits, to seed the
 * corpus. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cb-exchange.h"
#include "cb-generate.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CbStore *store;
static char *scratch;

static CbStore *
open_memory (void)
{
  g_autoptr(GError) error = NULL;
  CbStore *s = cb_store_open_memory (&error);

  if (s == NULL)
    {
      fprintf (stderr, "fuzz-import: %s\n", error->message);
      abort ();
    }
  return s;
}

static void
make_seeds (const char *dir)
{
  static const guint sizes[] = { 0, 3, 8, 15, 25 };

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CbStore) a = open_memory ();
      g_autoptr(CbStore) b = open_memory ();
      g_autoptr(GError) error = NULL;
      g_autofree char *path_a = g_strdup_printf ("%s/export-%u-a.coachbook.xml", dir, i);
      g_autofree char *path_b = g_strdup_printf ("%s/export-%u-b.coachbook.xml", dir, i);
      const char *paths[] = { path_a, NULL };

      cb_store_set_author (a, "Ana");
      cb_store_set_author (b, "Ben");
      if (sizes[i] > 0 && !cb_generate (a, sizes[i], i + 1, &error))
        {
          fprintf (stderr, "fuzz-import: %s\n", error->message);
          exit (1);
        }
      if (!cb_exchange_export (a, path_a, NULL, &error))
        {
          fprintf (stderr, "fuzz-import: %s\n", error->message);
          exit (1);
        }
      /* a second laptop's file: imported, edited (a conflict), exported */
      cb_import_report_free (cb_exchange_import (b, paths, FALSE, NULL, NULL, NULL, NULL));
      g_free (cb_store_create (b, "school", (const char *[]) { "name", "notes" },
                               (const char *[]) { "Lincoln <ES> & “Co”", "line\r\nline\tend ]]>" }, 2, NULL));
      if (!cb_exchange_export (b, path_b, NULL, &error))
        {
          fprintf (stderr, "fuzz-import: %s\n", error->message);
          exit (1);
        }
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *seeds = g_getenv ("FUZZ_MAKE_SEEDS");
  g_autoptr(GBytes) warm = NULL;

  /* a g_return_if_fail() is a bug too */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (seeds != NULL)
    {
      make_seeds (seeds);
      exit (0);
    }
  store = open_memory ();
  scratch = g_dir_make_tmp ("coachbook-fuzz-XXXXXX", NULL);
  if (scratch == NULL)
    abort ();
  /* one-time allocations (types, quarks, libxml2) before the first input */
  warm = g_bytes_new_static ("<x/>", 4);
  cb_import_report_free (cb_exchange_import_bytes (store, warm, TRUE, NULL));
  return 0;
}

static void
round_trip (GBytes *bytes)
{
  g_autoptr(CbStore) fresh = open_memory ();
  g_autoptr(CbStore) again = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbImportReport) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (scratch, "export.coachbook.xml", NULL);
  const char *paths[] = { path, NULL };

  report = cb_exchange_import_bytes (fresh, bytes, FALSE, &error);
  if (report == NULL)
    {
      fprintf (stderr, "accepted as a dry run, refused for real: %s\n", error->message);
      abort ();
    }
  if (!cb_exchange_export (fresh, path, NULL, &error))
    {
      fprintf (stderr, "export failed: %s\n", error->message);
      abort ();
    }
  again = open_memory ();
  back = cb_exchange_import (again, paths, FALSE, NULL, NULL, NULL, &error);
  if (back == NULL)
    {
      fprintf (stderr, "our own export was refused: %s\n", error->message);
      abort ();
    }
  g_unlink (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;

  report = cb_exchange_import_bytes (store, bytes, TRUE, &error);
  if (report == NULL)
    {
      /* every refusal explains itself */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  round_trip (bytes);
  return 0;
}
