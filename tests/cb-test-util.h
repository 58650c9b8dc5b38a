/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "cb-store.h"

/* A fresh temporary directory, removed with its files at exit. */
static inline char *
cb_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("coachbook-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline void
cb_test_rmtree (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  int rc = system (cmd);
  (void) rc;
}

/* The database at @path, written as @author. */
static inline CbStore *
cb_test_open_store (const char *path,
                    const char *author)
{
  g_autoptr(GError) error = NULL;
  CbStore *store = cb_store_open (path, &error);

  g_assert_no_error (error);
  cb_store_set_author (store, author);
  return store;
}

static inline char *
cb_test_file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static inline char *
cb_test_create (CbStore    *store,
                const char *kind,
                ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list ap;
  char *uuid;

  va_start (ap, kind);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      g_ptr_array_add (names, (gpointer) name);
      g_ptr_array_add (values, va_arg (ap, char *));
    }
  va_end (ap);
  uuid = cb_store_create (store, kind, (const char * const *) names->pdata,
                          (const char * const *) values->pdata, names->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);
  return uuid;
}
