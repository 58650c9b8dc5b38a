/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the exchange tests: canonical dumps of a database. */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <string.h>

#include "cb-exchange.h"
#include "cb-kinds.h"
#include "cb-store.h"

/* A hash of every row of every table (FTS shadow tables, meta and
 * replicas included), tables by name, rows in column order: two
 * databases with the same hash are the same database as far as anyone
 * can tell, as with a hash of `sqlite3 .dump`. */
static inline char *
cb_test_dump_hash_full (CbStore  *store,
                        gboolean  with_clock)
{
  sqlite3 *db = cb_store_get_db (store);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
      "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *name = g_ptr_array_index (tables, t);
      g_autofree char *probe = g_strdup_printf ("SELECT * FROM \"%s\"", name);
      g_autoptr(GString) order = g_string_new (NULL);
      g_autofree char *sql = NULL;
      int n_cols;

      g_assert_cmpint (sqlite3_prepare_v2 (db, probe, -1, &stmt, NULL), ==, SQLITE_OK);
      n_cols = sqlite3_column_count (stmt);
      sqlite3_finalize (stmt);
      for (int c = 1; c <= n_cols; c++)
        g_string_append_printf (order, "%s%d", c > 1 ? ", " : "", c);
      /* this laptop's counter and clock only ever go forward, even when
       * the records are restored from a backup */
      sql = g_strdup_printf ("SELECT * FROM \"%s\" %s ORDER BY %s", name,
                             !with_clock && strcmp (name, "meta") == 0 ? "WHERE key NOT IN ('counter', 'hlc')" : "",
                             order->str);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (sum, (const guchar *) name, strlen (name) + 1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < n_cols; c++)
          {
            guchar type = sqlite3_column_type (stmt, c);
            const void *data = sqlite3_column_blob (stmt, c);
            guint32 len = sqlite3_column_bytes (stmt, c);

            g_checksum_update (sum, &type, 1);
            g_checksum_update (sum, (const guchar *) &len, sizeof len);
            if (len > 0)
              g_checksum_update (sum, data, len);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static inline char *
cb_test_dump_hash (CbStore *store)
{
  return cb_test_dump_hash_full (store, TRUE);
}

/* cb_test_dump_hash() but for this laptop's counter and clock: what an
 * Undo restores exactly. */
static inline char *
cb_test_dump_hash_records (CbStore *store)
{
  return cb_test_dump_hash_full (store, FALSE);
}

/* The records a store withholds from its exports: private ones (the
 * displayed privacy or any side of a conflict) and their descendants. */
static inline void
cb_test_collect_withheld (CbStore    *store,
                          GHashTable *into)
{
  sqlite3 *db = cb_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gboolean grew = TRUE;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT r.uuid FROM records r WHERE r.privacy = 'private' OR EXISTS (SELECT 1 FROM vals v "
      "WHERE v.rec = r.id AND v.field = 'privacy' AND v.value = 'private')", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (into, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  /* children by any parent they name (displayed or in conflict), to a
   * fixed point */
  while (grew)
    {
      guint before = g_hash_table_size (into);
      guint n_kinds;
      const CbKind *kinds = cb_kinds (&n_kinds);

      for (guint k = 0; k < n_kinds; k++)
        {
          const CbField *parent = cb_kind_parent_field (&kinds[k]);
          g_autofree char *sql = NULL;
          if (parent == NULL)
            continue;
          sql = g_strdup_printf ("SELECT r.uuid, v.value FROM records r JOIN vals v ON v.rec = r.id "
                                 "WHERE r.kind = '%s' AND v.field = '%s'", kinds[k].name, parent->name);
          g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              const char *p = (const char *) sqlite3_column_text (stmt, 1);
              if (p != NULL && g_hash_table_contains (into, p))
                g_hash_table_add (into, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
            }
          sqlite3_finalize (stmt);
        }
      grew = g_hash_table_size (into) > before;
    }
}

/* The shared state of a store, as colleagues must all end up holding it:
 * every record not in @exclude with its author, creation time, vector and
 * every non-private value with its stamp, in canonical order. Computed
 * from the tables directly, not through the exporter. */
static inline char *
cb_test_dump_shared (CbStore    *store,
                     GHashTable *exclude)
{
  sqlite3 *db = cb_store_get_db (store);
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  char current[64] = "";
  gboolean skip = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT r.uuid, r.kind, r.author, r.created, r.vv, v.field, v.replica, v.counter, v.hlc, v.value "
      "FROM records r LEFT JOIN vals v ON v.rec = r.id ORDER BY r.uuid, v.field, v.replica, v.counter",
      -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const CbKind *kind = cb_kind_lookup ((const char *) sqlite3_column_text (stmt, 1));
      const CbField *field;

      if (strcmp (uuid, current) != 0)
        {
          g_strlcpy (current, uuid, sizeof current);
          skip = exclude != NULL && g_hash_table_contains (exclude, uuid);
          if (!skip)
            g_string_append_printf (dump, "R %s %s %s %s [%s]\n", uuid, kind->name,
                                    sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                                    sqlite3_column_text (stmt, 4));
        }
      if (skip || sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        continue;
      field = cb_kind_field (kind, (const char *) sqlite3_column_text (stmt, 5));
      if (field->flags & CB_FIELD_PRIVATE)
        continue;
      g_string_append_printf (dump, "  %s %s:%lld @%lld = %s\n", field->name,
                              sqlite3_column_text (stmt, 6), sqlite3_column_int64 (stmt, 7),
                              sqlite3_column_int64 (stmt, 8), sqlite3_column_text (stmt, 9));
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* A file's content without its root start tag (the line naming the
 * exporting laptop and the time). */
static inline char *
cb_test_file_body (const char *path)
{
  g_autofree char *data = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GError) error = NULL;
  char *start, *end;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  start = strstr (data, "<coachbook ");
  g_assert_nonnull (start);
  end = strchr (start, '>');
  g_assert_nonnull (end);
  head = g_strndup (data, start - data);
  return g_strconcat (head, end + 1, NULL);
}

static inline gboolean
cb_test_files_same_body (const char *a,
                         const char *b)
{
  g_autofree char *x = cb_test_file_body (a);
  g_autofree char *y = cb_test_file_body (b);
  return strcmp (x, y) == 0;
}

static inline CbImportReport *
cb_test_import (CbStore     *store,
                const char  *path,
                gboolean     dry_run,
                GError     **error)
{
  const char *paths[] = { path, NULL };
  return cb_exchange_import (store, paths, dry_run, NULL, NULL, NULL, error);
}

/* Imports @path into @store, which must work. */
static inline CbImportReport *
cb_test_import_ok (CbStore    *store,
                   const char *path)
{
  g_autoptr(GError) error = NULL;
  CbImportReport *report = cb_test_import (store, path, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Exports @store to @path, which must work. */
static inline void
cb_test_export (CbStore    *store,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cb_exchange_export (store, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* What @from has goes to @to through the file @path, as between two
 * laptops. */
static inline void
cb_test_exchange (CbStore    *from,
                  CbStore    *to,
                  const char *path)
{
  cb_test_export (from, path);
  cb_import_report_free (cb_test_import_ok (to, path));
}

/* Random values for every type of the kinds table; @wild mixes in
 * characters XML 1.0 forbids, markup and exotic Unicode. */

static const gunichar cb_test_wild_chars[] = {
  0x01, 0x02, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F,
  '&', '<', '>', '"', '\'', ']', ' ', 0xA0, 0xE9, 0xF1, 0x2028, 0x2029, 0x200B, 0x0301,
  0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0xFDD0, 0x4E2D, 0x1F600, 0x10FFFF, 0x1D11E, 0xE000,
};

static inline char *
cb_test_random_text (GRand    *rand,
             gboolean  wild,
             gboolean  multiline)
{
  GString *s = g_string_new (NULL);
  guint len = g_rand_int_range (rand, 0, 40);

  if (g_rand_int_range (rand, 0, 10) == 0)
    g_string_append (s, "]]>\r\n\r &amp; &#1; <![CDATA[x]]> ");
  for (guint i = 0; i < len; i++)
    {
      gunichar c;

      if (wild && g_rand_int_range (rand, 0, 3) == 0)
        c = cb_test_wild_chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (cb_test_wild_chars))];
      else if (multiline && g_rand_int_range (rand, 0, 12) == 0)
        c = '\n';
      else
        c = g_rand_int_range (rand, 0x20, 0x7F);
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static inline char *
cb_test_random_uuid (GRand *rand)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          g_rand_int (rand), g_rand_int_range (rand, 0, 0x10000),
                          g_rand_int_range (rand, 0, 0x1000), 0x8000 | g_rand_int_range (rand, 0, 0x4000),
                          g_rand_int_range (rand, 0, 0x10000), g_rand_int (rand));
}

/* A small photo of one random colour, as a CB_TYPE_IMAGE value. */
static inline char *
cb_test_tiny_photo (guint32 colour)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 6);
  g_autofree char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, colour << 8 | 0xff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, NULL));
  g_object_unref (pixbuf);
  return g_base64_encode ((const guchar *) buffer, size);
}

static inline char *
cb_test_random_value (GRand         *rand,
              const CbField *field,
              gboolean       wild)
{
  switch (field->type)
    {
    case CB_TYPE_TEXT:
      return cb_test_random_text (rand, wild, FALSE);
    case CB_TYPE_LONGTEXT:
    case CB_TYPE_LIST:
    case CB_TYPE_DATA:
      return cb_test_random_text (rand, wild, TRUE);
    case CB_TYPE_IMAGE:
      return cb_test_tiny_photo (g_rand_int (rand) & 0xffffff);
    case CB_TYPE_INT:
      return g_strdup_printf ("%d", g_rand_int_range (rand, -100000, 100000));
    case CB_TYPE_NUMBER:
      return g_strdup_printf ("%d.%d", g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 100));
    case CB_TYPE_BOOL:
      return g_strdup (g_rand_boolean (rand) ? "1" : "0");
    case CB_TYPE_DATE:
      return g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1990, 2040),
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
    case CB_TYPE_TIME:
      return g_strdup_printf ("%02d:%02d", g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60));
    case CB_TYPE_ENUM:
      {
        guint n = cb_field_n_choices (field);
        const char *choice;
        do
          choice = field->choices[g_rand_int_range (rand, 0, n)].value;
        while (g_str_equal (choice, "private"));
        return g_strdup (choice);
      }
    case CB_TYPE_REF:
      return cb_test_random_uuid (rand);
    case CB_TYPE_REFS:
      {
        g_autofree char *a = cb_test_random_uuid (rand);
        g_autofree char *b = cb_test_random_uuid (rand);
        return g_strdup_printf ("%s %s", a, b);
      }
    default:
      g_assert_not_reached ();
    }
}
