/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The multi-laptop property test, on the real export and import code.
 *
 * Per seed, 3–7 laptops (each its own database; some clocks skewed by
 * minutes, hours, or days ahead and behind) create, edit, delete and
 * restore records, make some private, export files into a shared pool
 * and import random sets of them: duplicate, stale and their own; coaches
 * rename themselves. Up to twice per seed, one of: a laptop is cloned
 * (its database copied to another file) and carries on under a new
 * replica id; a laptop's database is put back from its older backup,
 * through the restore path (cb_store_renew_replica()) or by hand keeping
 * its replica id and old counter; a copy of a laptop's older disk image
 * starts elsewhere with the same replica id while the original goes on;
 * a laptop reads a forged file that signs a record with its replica and
 * next counter, gives a built-in catalog value's stamp another text and
 * names its replica and the built-in one after someone else. A restored
 * or copied laptop reads the sync folder (its original's newest file)
 * before the coach edits. At the end every laptop exports and imports
 * everyone's file in a random order.
 *
 * Checked along the way: a dry run and a second import change nothing;
 * a clock more than a day ahead never drags a laptop's clock; no stamp
 * (replica, counter) is ever given to two edits; a laptop that met a
 * file showing its replica beyond its counter signs with a new id, and
 * a forged file renames neither its replica nor the built-in one. At the
 * end: every laptop holds the same shared state (records private
 * anywhere aside) and gives every replica the same name; no edit is
 * lost (each is present, or was replaced by an edit made where it had
 * been seen; a restore loses only what had never left the laptop);
 * private fields and private records never reached another laptop.
 *
 * /property/sync-folder runs the same laptops through a sync folder
 * instead (cb_sync_run()): each laptop has its own copy of the folder,
 * and an engine (cb-sync-engine.h) moves files between copies late, half
 * written under a temporary name, cut short under their own name, or
 * beside a conflict copy; authors compact their files. At the end the
 * engine settles every copy and the laptops sync until nothing moves;
 * the same checks follow.
 *
 * COACHBOOK_SOAK_SEEDS=N runs N seeds (default 200, 25 through a folder);
 * COACHBOOK_PROPERTY_SEED=S runs only seed S; COACHBOOK_PROPERTY_TRACE=1
 * prints every seed's trace. A failure prints the seed and the trace of
 * operations. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "cb-catalog.h"
#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-sync-engine.h"
#include "cb-sync.h"
#include "cb-test-util.h"

#define MAX_LAPTOPS 8
#define DAY_MS ((gint64) 24 * 3600 * 1000)

typedef struct
{
  CbStore    *store;
  char       *name;
  gint64      offset_ms;
  GHashTable *lineage;   /* replica ids whose private values it may hold */
  GHashTable *origins;   /* laptop names whose private records it may hold */
  char       *backup;    /* (nullable): an older copy of its database */
  guint       backup_edits; /* w->edits->len when the copy was made */
  char       *backup_replica; /* the replica id it was made under */
  guint       n_renames;
  char       *folder;    /* (nullable): its copy of the sync folder */
} Laptop;

typedef struct
{
  char     *uuid;
  char     *field;
  char     *value;
  char      replica[CB_REPLICA_LEN + 1];
  gint64    counter;
  guint     laptop;
  gboolean  private_field;
} Edit;

typedef struct
{
  guint32     seed;
  GRand      *rand;
  char       *dir;
  GPtrArray  *laptops;   /* of Laptop* */
  GPtrArray  *files;     /* of char*: every file ever exported */
  GPtrArray  *edits;     /* of Edit* */
  GHashTable *replaced;  /* "uuid field replica counter" and "… @laptop" */
  GHashTable *born_private; /* uuid → origin laptop name, while never made shared */
  GHashTable *issued;    /* "replica:counter" → "uuid@laptop" (or "forged") */
  guint       n_identity_ops;
  gboolean    expect_renew;     /* the next import may give a new replica id */
  gboolean    expect_collision; /* … or find a stamp on two texts */
  GString    *trace;
  guint       n_files;
  guint       n_ops;
} World;

static const char * const kinds_used[] = { "school", "person", "observation", "evidence", "look_for",
                                            "cycle", "data_point", "student_work",
                                            "inquiry_cycle", "inquiry_point" };

/* ------------------------------------------------------------ helpers */

static void fail (World      *w,
                  const char *format,
                  ...) G_GNUC_PRINTF (2, 3);

static void
fail (World      *w,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("\n=== property test failed, seed %u ===\n%s\n--- trace ---\n%s--- end ---\n",
              w->seed, message, w->trace->str);
  g_error ("seed %u: %s (rerun with COACHBOOK_PROPERTY_SEED=%u)", w->seed, message, w->seed);
}

static void trace (World      *w,
                   const char *format,
                   ...) G_GNUC_PRINTF (2, 3);

static void
trace (World      *w,
       const char *format,
       ...)
{
  va_list ap;

  va_start (ap, format);
  g_string_append_vprintf (w->trace, format, ap);
  va_end (ap);
  g_string_append_c (w->trace, '\n');
}

static char *
stamp_key (const char *uuid,
           const char *field,
           const char *replica,
           gint64      counter)
{
  return g_strdup_printf ("%s %s %s %" G_GINT64_FORMAT, uuid, field, replica, counter);
}

static void
edit_free (Edit *e)
{
  g_free (e->uuid);
  g_free (e->field);
  g_free (e->value);
  g_free (e);
}

static void
laptop_free (Laptop *l)
{
  g_clear_object (&l->store);
  g_free (l->name);
  g_free (l->backup);
  g_free (l->backup_replica);
  g_free (l->folder);
  g_hash_table_unref (l->lineage);
  g_hash_table_unref (l->origins);
  g_free (l);
}

static Laptop *
laptop_at (World *w,
           guint  i)
{
  return g_ptr_array_index (w->laptops, i);
}

static guint
pick (World *w,
      guint  n)
{
  return g_rand_int_range (w->rand, 0, n);
}

static gboolean
chance (World *w,
        double p)
{
  return g_rand_double (w->rand) < p;
}

static gint64
random_offset (World *w)
{
  switch (pick (w, 8))
    {
    case 0:
      return (gint64) g_rand_int_range (w->rand, 2, 6) * DAY_MS;      /* far ahead */
    case 1:
      return -(gint64) g_rand_int_range (w->rand, 1, 4) * DAY_MS;     /* days behind */
    case 2:
      return (gint64) g_rand_int_range (w->rand, -5, 6) * 3600 * 1000;
    case 3:
      return (gint64) g_rand_int_range (w->rand, -600, 600) * 1000;
    default:
      return 0;
    }
}

static void
speed_up (CbStore *store)
{
  /* durability is not under test here */
  sqlite3_exec (cb_store_get_db (store), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
}

static Laptop *
add_laptop (World   *w,
            CbStore *store,
            Laptop  *cloned_from)
{
  Laptop *l = g_new0 (Laptop, 1);

  l->store = store;
  l->name = g_strdup_printf ("L%u", w->laptops->len);
  l->lineage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (cloned_from != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, cloned_from->lineage);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (l->lineage, g_strdup (key));
      g_hash_table_iter_init (&iter, cloned_from->origins);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (l->origins, g_strdup (key));
      l->offset_ms = cloned_from->offset_ms;
    }
  else
    l->offset_ms = random_offset (w);
  g_hash_table_add (l->lineage, g_strdup (cb_store_get_replica (store)));
  g_hash_table_add (l->origins, g_strdup (l->name));
  cb_store_set_clock_offset_for_testing (store, l->offset_ms);
  g_ptr_array_add (w->laptops, l);
  return l;
}

static void
check_clock (World  *w,
             Laptop *l)
{
  gint64 limit = CB_HLC_FROM_MS (g_get_real_time () / 1000 + l->offset_ms + CB_HLC_MAX_AHEAD_MS + 60000);

  if (cb_store_get_hlc (l->store) > limit)
    fail (w, "%s: its clock was dragged forward by a file", l->name);
}

/* A random record this laptop holds: mostly its own and colleagues'
 * records, sometimes a built-in one. */
static char *
random_record (World  *w,
               Laptop *l,
               char  **kind)
{
  sqlite3 *db = cb_store_get_db (l->store);
  sqlite3_stmt *stmt = NULL;
  gboolean builtin = chance (w, 0.15);
  const char *where = builtin ? "created = '2024-01-01T00:00:00Z'" : "created != '2024-01-01T00:00:00Z'";
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM records WHERE %s", where);
  g_autofree char *pick_sql = g_strdup_printf ("SELECT uuid, kind FROM records WHERE %s ORDER BY uuid LIMIT 1 OFFSET ?", where);
  char *uuid = NULL;
  int n = 0;

  sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (n == 0)
    return NULL;
  sqlite3_prepare_v2 (db, pick_sql, -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, pick (w, n));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  return uuid;
}

static char *
value_for (World         *w,
           Laptop        *l,
           const CbField *field)
{
  if (g_str_equal (field->name, CB_FIELD_PRIVACY))
    return g_strdup (chance (w, 0.12) ? "private" : chance (w, 0.5) ? "teacher" : "team");
  if (g_str_equal (field->name, CB_FIELD_DELETED))
    return g_strdup (chance (w, 0.6) ? "1" : "0");
  if (field->type == CB_TYPE_REF && field->ref_kind != NULL && chance (w, 0.8))
    {
      /* point at a record that exists here, so that privacy flows down */
      sqlite3_stmt *stmt = NULL;
      char *uuid = NULL;
      sqlite3_prepare_v2 (cb_store_get_db (l->store),
                          "SELECT uuid FROM records WHERE kind = ? ORDER BY uuid", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, field->ref_kind, -1, SQLITE_STATIC);
      {
        g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_ptr_array_add (all, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        if (all->len > 0)
          uuid = g_strdup (g_ptr_array_index (all, pick (w, all->len)));
      }
      sqlite3_finalize (stmt);
      if (uuid != NULL)
        return uuid;
    }
  /* no wild characters: a value that is not valid XML text is exported
   * repaired, so the origin and its colleagues would hold different
   * text (the round-trip test covers that) */
  return cb_test_random_value (w->rand, field, FALSE);
}

/* Records the values a local edit is about to replace: they were seen
 * here, so losing them is allowed. */
static void
note_replaced (World      *w,
               guint       laptop,
               const char *uuid,
               const char *field)
{
  g_autoptr(GPtrArray) values = cb_store_get_values (laptop_at (w, laptop)->store, uuid, field, NULL);

  for (guint i = 0; values && i < values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (values, i);
      char *key = stamp_key (uuid, field, v->replica, v->counter);
      g_hash_table_add (w->replaced, g_strdup_printf ("%s @%u", key, laptop));
      g_hash_table_add (w->replaced, key);
    }
}

static void
note_edits (World              *w,
            guint               laptop,
            const char         *uuid,
            const CbKind       *kind,
            const char * const *names,
            guint               n)
{
  Laptop *l = laptop_at (w, laptop);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) values = cb_store_get_values (l->store, uuid, names[i], NULL);
      const CbStamped *v;
      Edit *e;

      if (values == NULL || values->len != 1)
        fail (w, "%s: after editing %s of %s it holds %u values", l->name, names[i], uuid,
              values ? values->len : 0);
      v = g_ptr_array_index (values, 0);
      if (!g_str_equal (v->replica, cb_store_get_replica (l->store)))
        fail (w, "%s: its edit of %s is not stamped with its replica", l->name, names[i]);
      {
        g_autofree char *dot = g_strdup_printf ("%s:%" G_GINT64_FORMAT, v->replica, v->counter);
        g_autofree char *whose = g_strdup_printf ("%s@%u", uuid, laptop);
        const char *before = g_hash_table_lookup (w->issued, dot);
        if (before != NULL && !g_str_equal (before, whose))
          fail (w, "REUSED STAMP: %s gave %s to %s, already given to %s", l->name, dot, whose, before);
        if (before == NULL)
          g_hash_table_insert (w->issued, g_steal_pointer (&dot), g_steal_pointer (&whose));
      }
      e = g_new0 (Edit, 1);
      e->uuid = g_strdup (uuid);
      e->field = g_strdup (names[i]);
      e->value = g_strdup (v->value);
      g_strlcpy (e->replica, v->replica, sizeof e->replica);
      e->counter = v->counter;
      e->laptop = laptop;
      e->private_field = (cb_kind_field (kind, names[i])->flags & CB_FIELD_PRIVATE) != 0;
      g_ptr_array_add (w->edits, e);

      if (g_str_equal (names[i], CB_FIELD_PRIVACY) && !g_str_equal (v->value, "private"))
        g_hash_table_remove (w->born_private, uuid);
    }
}

/* ---------------------------------------------------------- operations */

static void
op_create (World *w,
           guint  li)
{
  Laptop *l = laptop_at (w, li);
  const CbKind *kind = cb_kind_lookup (kinds_used[pick (w, G_N_ELEMENTS (kinds_used))]);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  gboolean private_record = chance (w, 0.1);
  guint n = 1 + pick (w, 4);

  for (guint i = 0; i < n; i++)
    {
      const CbField *f = &kind->fields[pick (w, kind->n_fields)];
      gboolean dup = FALSE;
      for (guint j = 0; j < names->len; j++)
        dup |= g_str_equal (g_ptr_array_index (names, j), f->name);
      if (dup)
        continue;
      g_ptr_array_add (names, (gpointer) f->name);
      g_ptr_array_add (values, value_for (w, l, f));
    }
  g_ptr_array_add (names, (gpointer) CB_FIELD_PRIVACY);
  g_ptr_array_add (values, g_strdup (private_record ? "private" : "team"));

  uuid = cb_store_create (l->store, kind->name, (const char * const *) names->pdata,
                          (const char * const *) values->pdata, names->len, &error);
  if (uuid == NULL)
    fail (w, "%s: create %s failed: %s", l->name, kind->name, error->message);
  trace (w, "%s create %s %s%s (%u fields)", l->name, kind->name, uuid,
         private_record ? " private" : "", names->len);
  if (private_record)
    g_hash_table_insert (w->born_private, g_strdup (uuid), g_strdup (l->name));
  note_edits (w, li, uuid, kind, (const char * const *) names->pdata, names->len);
}

static void
op_edit (World *w,
         guint  li)
{
  Laptop *l = laptop_at (w, li);
  g_autofree char *kind_name = NULL;
  g_autofree char *uuid = random_record (w, l, &kind_name);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const CbKind *kind;
  guint n;

  if (uuid == NULL)
    return;
  kind = cb_kind_lookup (kind_name);
  n = 1 + pick (w, 3);
  for (guint i = 0; i < n; i++)
    {
      const CbField *f;
      gboolean dup = FALSE;
      guint n_common;
      const CbField *common = cb_common_fields (&n_common);

      if (chance (w, 0.15))
        f = &common[pick (w, n_common)];
      else
        f = &kind->fields[pick (w, kind->n_fields)];
      for (guint j = 0; j < names->len; j++)
        dup |= g_str_equal (g_ptr_array_index (names, j), f->name);
      if (dup)
        continue;
      g_ptr_array_add (names, (gpointer) f->name);
      g_ptr_array_add (values, value_for (w, l, f));
    }
  for (guint i = 0; i < names->len; i++)
    note_replaced (w, li, uuid, g_ptr_array_index (names, i));
  if (!cb_store_set_fields (l->store, uuid, (const char * const *) names->pdata,
                            (const char * const *) values->pdata, names->len, &error))
    fail (w, "%s: edit of %s failed: %s", l->name, uuid, error->message);
  {
    g_autoptr(GString) what = g_string_new (NULL);
    for (guint i = 0; i < names->len; i++)
      g_string_append_printf (what, " %s=%.20s", (char *) g_ptr_array_index (names, i),
                              (char *) g_ptr_array_index (values, i));
    trace (w, "%s edit %s %s:%s", l->name, kind->name, uuid, what->str);
  }
  note_edits (w, li, uuid, kind, (const char * const *) names->pdata, names->len);
}

static void
op_export (World *w,
           guint  li)
{
  Laptop *l = laptop_at (w, li);
  g_autoptr(GError) error = NULL;
  char *path = g_strdup_printf ("%s/f%03u-%s.coachbook.xml", w->dir, w->n_files++, l->name);

  if (!cb_exchange_export (l->store, path, NULL, &error))
    fail (w, "%s: export failed: %s", l->name, error->message);
  g_ptr_array_add (w->files, path);
  trace (w, "%s export %s", l->name, path + strlen (w->dir) + 1);
}

static guint
import_files (World              *w,
              guint               li,
              const char * const *paths,
              gboolean            checks)
{
  Laptop *l = laptop_at (w, li);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbImportReport) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  int changes;

  for (guint i = 0; paths[i]; i++)
    g_string_append_printf (names, " %s", paths[i] + strlen (w->dir) + 1);

  if (checks && chance (w, 0.25))
    {
      g_autoptr(CbImportReport) dry = NULL;
      before = cb_test_dump_hash (l->store);
      dry = cb_exchange_import (l->store, paths, TRUE, NULL, NULL, NULL, &error);
      if (dry == NULL)
        fail (w, "%s: dry run of%s failed: %s", l->name, names->str, error->message);
      after = cb_test_dump_hash (l->store);
      if (!g_str_equal (before, after))
        fail (w, "%s: a dry run of%s changed the database", l->name, names->str);
      g_clear_pointer (&before, g_free);
      g_clear_pointer (&after, g_free);
    }

  report = cb_exchange_import (l->store, paths, FALSE, NULL, NULL, NULL, &error);
  if (report == NULL)
    fail (w, "%s: import of%s failed: %s", l->name, names->str, error->message);
  trace (w, "%s import%s: %u records, %u changed, %u far-future values", l->name, names->str,
         report->n_records, report->n_changed, report->n_far_future);
  check_clock (w, l);
  /* warnings: far-future clocks; after a restore, a copy or a forged
   * file only, a new replica id and stamps on two texts */
  if (report->warnings->len != (report->n_far_future > 0 ? 1u : 0u) + (report->new_replica ? 1u : 0u) +
                               (report->n_collisions > 0 ? 1u : 0u) ||
      (report->new_replica && !w->expect_renew) || (report->n_collisions > 0 && !w->expect_collision))
    fail (w, "%s: %u unexpected warnings, the first: %s", l->name, report->warnings->len,
          report->warnings->len ? (const char *) g_ptr_array_index (report->warnings, 0) : "");
  if (report->new_replica)
    trace (w, "%s takes the replica id %s", l->name, cb_store_get_replica (l->store));
  g_hash_table_add (l->lineage, g_strdup (cb_store_get_replica (l->store)));

  if (checks && chance (w, 0.35))
    {
      before = cb_test_dump_hash (l->store);
      changes = sqlite3_total_changes (cb_store_get_db (l->store));
      again = cb_exchange_import (l->store, paths, FALSE, NULL, NULL, NULL, &error);
      if (again == NULL)
        fail (w, "%s: second import of%s failed: %s", l->name, names->str, error->message);
      after = cb_test_dump_hash (l->store);
      if (again->n_changed != 0 || !g_str_equal (before, after) ||
          sqlite3_total_changes (cb_store_get_db (l->store)) != changes)
        fail (w, "%s: importing%s a second time changed %u records", l->name, names->str, again->n_changed);
    }
  return report->n_changed;
}

static void
op_import (World *w,
           guint  li)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  guint n;

  if (w->files->len == 0)
    return;
  n = 1 + pick (w, 3);
  for (guint i = 0; i < n; i++)
    {
      /* the newest files more often; any file, own and stale included */
      guint k = chance (w, 0.6) && w->files->len > 3
                ? w->files->len - 1 - pick (w, 3)
                : pick (w, w->files->len);
      g_ptr_array_add (paths, g_ptr_array_index (w->files, k));
    }
  g_ptr_array_add (paths, NULL);
  import_files (w, li, (const char * const *) paths->pdata, TRUE);
}

/* Copies @l's database to @path with SQLite's online backup. */
static void
save_copy (World      *w,
           Laptop     *l,
           const char *path)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open (path, &dest);

  /* durability is not under test here */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", cb_store_get_db (l->store), "main");
      rc = backup ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (dest);
      sqlite3_backup_finish (backup);
    }
  sqlite3_close (dest);
  if (rc != SQLITE_DONE || !g_file_test (path, G_FILE_TEST_EXISTS))
    fail (w, "%s: copying its database to %s failed (%d)", l->name, path, rc);
}

static void
op_clone (World *w,
          guint  li)
{
  Laptop *l = laptop_at (w, li);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/clone-%u.db", w->dir, w->laptops->len);
  CbStore *store;
  Laptop *c;

  /* not cb_store_backup(): VACUUM INTO on a connection opened with
   * SQLITE_OPEN_MEMORY writes its copy in memory too, not to the file */
  save_copy (w, l, path);
  store = cb_store_open (path, &error);
  if (store == NULL)
    fail (w, "opening the clone of %s failed: %s", l->name, error->message);
  speed_up (store);
  if (g_str_equal (cb_store_get_replica (store), cb_store_get_replica (l->store)))
    fail (w, "the clone of %s kept its replica id", l->name);
  c = add_laptop (w, store, l);
  trace (w, "%s cloned from %s (replica %s)", c->name, l->name, cb_store_get_replica (store));
}

/* A copy of the database as it is now, for op_restore() and op_twin(). */
static void
op_backup (World *w,
           guint  li)
{
  Laptop *l = laptop_at (w, li);
  char *path = g_strdup_printf ("%s/backup-%u-%u.db", w->dir, li, w->n_ops++);

  save_copy (w, l, path);
  g_free (l->backup);
  l->backup = path;
  l->backup_edits = w->edits->len;
  g_free (l->backup_replica);
  l->backup_replica = g_strdup (cb_store_get_replica (l->store));
  trace (w, "%s backup", l->name);
}

static void
op_rename (World *w,
           guint  li)
{
  Laptop *l = laptop_at (w, li);
  g_autofree char *author = g_strdup_printf ("Coach %s r%u", l->name, ++l->n_renames);

  cb_store_set_author (l->store, author);
  trace (w, "%s is now %s", l->name, author);
}

/* A shared edit, then a file: colleagues (and the sync folder) now show
 * this laptop's replica at its last counter. Returns the file. */
static const char *
edit_and_export (World *w,
                 guint  li)
{
  Laptop *l = laptop_at (w, li);
  static const char * const names[] = { "name", CB_FIELD_PRIVACY };
  const char *values[] = { "Shared before a copy", "team" };
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = cb_store_create (l->store, "school", names, values, 2, &error);

  if (uuid == NULL)
    fail (w, "%s: create failed: %s", l->name, error->message);
  trace (w, "%s create school %s", l->name, uuid);
  note_edits (w, li, uuid, cb_kind_lookup ("school"), names, 2);
  op_export (w, li);
  return g_ptr_array_index (w->files, w->files->len - 1);
}

/* The database of @l's backup, opened under @l's replica id and the
 * backup's counter, as if the file had been put back in place or a disk
 * image holding it had been copied: nothing tells it is a copy. */
static CbStore *
open_as_copy (World      *w,
              Laptop     *l,
              const char *replica,
              char      **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *counter = NULL;
  char *path = g_strdup_printf ("%s/copy-%u.db", w->dir, w->n_ops++);
  gsize len;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  CbStore *store;

  if (!g_file_get_contents (l->backup, &data, &len, &error) ||
      !g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    fail (w, "copying the backup of %s: %s", l->name, error->message);
  /* its counter, read before any connection of the store exists */
  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'counter'", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    counter = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = cb_store_open (path, &error);
  if (store == NULL)
    fail (w, "opening the copy of %s: %s", l->name, error->message);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE meta SET value = '%s' WHERE key = 'replica';"
                                            "UPDATE meta SET value = '%s' WHERE key = 'counter';",
                                            replica, counter ? counter : "0");
    if (sqlite3_exec (cb_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
      fail (w, "giving the copy of %s its identity", l->name);
  }
  g_object_unref (store);
  store = cb_store_open (path, &error);
  if (store == NULL)
    fail (w, "reopening the copy of %s: %s", l->name, error->message);
  if (!g_str_equal (cb_store_get_replica (store), replica))
    fail (w, "the copy of %s did not keep its identity", l->name);
  speed_up (store);
  *path_out = path;
  return store;
}

/* The laptop's database is put back from its older backup. Through the
 * restore path (cb_store_renew_replica()), or by hand, keeping its
 * replica id and the backup's counter; then it reads the sync folder,
 * where its own last file shows it issued more, before the coach edits. */
static void
op_restore (World *w,
            guint  li)
{
  Laptop *l = laptop_at (w, li);
  g_autoptr(GHashTable) withheld = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *path = NULL;
  gboolean by_hand = chance (w, 0.5);
  const char *paths[2];

  if (l->backup == NULL)
    return;
  /* The copy is given the laptop's id of now with the backup's counter:
   * a backup made before the laptop took a new id (whose counter starts
   * again at 0) would make a database that never existed. Restored
   * through Coachbook, it takes a new id at once. */
  if (by_hand && g_strcmp0 (l->backup_replica, cb_store_get_replica (l->store)) != 0)
    by_hand = FALSE;
  paths[0] = edit_and_export (w, li);
  paths[1] = NULL;
  /* what never left the laptop since the backup is lost with it:
   * private fields and private records */
  cb_test_collect_withheld (l->store, withheld);
  for (guint i = l->backup_edits; i < w->edits->len; i++)
    {
      const Edit *e = g_ptr_array_index (w->edits, i);
      char *key;
      if (e->laptop != li || !(e->private_field || g_hash_table_contains (withheld, e->uuid)))
        continue;
      key = stamp_key (e->uuid, e->field, e->replica, e->counter);
      g_hash_table_add (w->replaced, g_strdup_printf ("%s @%u", key, li));
      g_hash_table_add (w->replaced, key);
    }
  old = g_strdup (cb_store_get_replica (l->store));
  g_clear_object (&l->store);
  l->store = open_as_copy (w, l, old, &path);
  g_clear_pointer (&l->backup, g_free);
  cb_store_set_clock_offset_for_testing (l->store, l->offset_ms);
  if (!by_hand && !cb_store_renew_replica (l->store, &error))
    fail (w, "%s: renewing its replica id failed: %s", l->name, error->message);
  trace (w, "%s restored from its backup %s (replica %s)", l->name,
         by_hand ? "by hand" : "through Coachbook", cb_store_get_replica (l->store));

  w->expect_renew = by_hand;
  import_files (w, li, paths, FALSE);
  w->expect_renew = FALSE;
  if (g_str_equal (cb_store_get_replica (l->store), old))
    fail (w, "%s: still signs as %s after reading its own newer file", l->name, old);
}

/* A copy of the laptop's older disk image starts on a new machine with
 * the same replica id; the original goes on. The copy reads the sync
 * folder before the coach edits. */
static void
op_twin (World *w,
         guint  li)
{
  Laptop *l = laptop_at (w, li);
  g_autofree char *path = NULL;
  const char *paths[2];
  CbStore *store;
  Laptop *t;
  guint ti;

  /* as in op_restore: a backup from before a new id is not a disk image
   * of this laptop's id */
  if (l->backup == NULL || w->laptops->len >= MAX_LAPTOPS ||
      g_strcmp0 (l->backup_replica, cb_store_get_replica (l->store)) != 0)
    return;
  paths[0] = edit_and_export (w, li);
  paths[1] = NULL;
  store = open_as_copy (w, l, cb_store_get_replica (l->store), &path);
  t = add_laptop (w, store, l);
  ti = w->laptops->len - 1;
  trace (w, "%s copied from the backup of %s with its replica %s", t->name, l->name,
         cb_store_get_replica (store));
  w->expect_renew = TRUE;
  import_files (w, ti, paths, FALSE);
  w->expect_renew = FALSE;
  if (g_str_equal (cb_store_get_replica (t->store), cb_store_get_replica (l->store)))
    fail (w, "%s: still signs as %s after reading the newer file", t->name, cb_store_get_replica (l->store));
}

static void
append_value (GString         *out,
              const CbStamped *v)
{
  g_autofree char *text = g_markup_escape_text (v->value, -1);
  g_string_append_printf (out, "    <value field=\"%s\" replica=\"%s\" counter=\"%" G_GINT64_FORMAT
                          "\" clock=\"%" G_GINT64_FORMAT "\">%s</value>\n",
                          v->field, v->replica, v->counter, v->hlc, text);
}

static void
append_record (GString       *out,
               const CbState *state)
{
  g_autofree char *vector = cb_vector_to_string (state->vector);
  const CbKind *kind = cb_kind_lookup (state->kind);

  g_string_append_printf (out, "  <record id=\"%s\" kind=\"%s\" author=\"%s\" created=\"%s\" vector=\"%s\">\n",
                          state->uuid, state->kind, state->author, state->created, vector);
  for (guint i = 0; i < state->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (state->values, i);
      if (!(cb_kind_field (kind, v->field)->flags & CB_FIELD_PRIVATE))
        append_value (out, v);
    }
  g_string_append (out, "  </record>\n");
}

static char *
random_builtin (World  *w,
                Laptop *l)
{
  sqlite3_stmt *stmt = NULL;
  char *uuid = NULL;

  sqlite3_prepare_v2 (cb_store_get_db (l->store),
                      "SELECT uuid FROM records WHERE created = '" CB_BUILTIN_CREATED "' ORDER BY uuid LIMIT 1 OFFSET ?",
                      -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, pick (w, 50));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return uuid;
}

/* A file made by hand, sent to one laptop: a record of its signed with
 * its replica and next counter, a catalog value of the built-in replica
 * given another text, and both replicas named after the forger. */
static void
op_forge (World *w,
          guint  li)
{
  Laptop *l = laptop_at (w, li);
  static const char * const names[] = { "name", CB_FIELD_PRIVACY };
  const char *values[] = { "Target of a forgery", "team" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(CbState) state = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = g_strdup_printf ("%s/forged-%u.xml", w->dir, w->n_ops++);
  g_autofree char *text = NULL;
  g_autofree char *catalog = NULL;
  const char *replica = cb_store_get_replica (l->store);
  gint64 next;
  const char *paths[] = { path, NULL };
  gboolean collision = FALSE;

  uuid = cb_store_create (l->store, "school", names, values, 2, &error);
  if (uuid == NULL)
    fail (w, "%s: create failed: %s", l->name, error->message);
  note_edits (w, li, uuid, cb_kind_lookup ("school"), names, 2);
  state = cb_store_read_state (l->store, uuid, NULL);
  next = cb_vector_get (state->vector, replica) + 1;
  {
    g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, replica, next);
    g_hash_table_insert (w->issued, g_steal_pointer (&key), g_strdup ("forged"));
  }
  cb_state_add (state, cb_stamped_new ("district", "Forged district", replica, next, cb_store_get_hlc (l->store)));
  cb_state_sort (state);
  cb_vector_set (state->vector, replica, next);
  append_record (body, state);

  /* a catalog value, not private anywhere here, under its stamp with
   * another text */
  if (chance (w, 0.5) && (catalog = random_builtin (w, l)) != NULL)
    {
      g_autoptr(CbState) builtin = cb_store_read_state (l->store, catalog, NULL);
      gboolean is_private = FALSE;
      CbStamped *target = NULL;

      for (guint i = 0; i < builtin->values->len; i++)
        {
          CbStamped *v = g_ptr_array_index (builtin->values, i);
          const CbField *f = cb_kind_field (cb_kind_lookup (builtin->kind), v->field);
          if (g_str_equal (v->field, CB_FIELD_PRIVACY) && g_str_equal (v->value, "private"))
            is_private = TRUE;
          if (g_str_equal (v->replica, CB_BUILTIN_REPLICA) && !(f->flags & CB_FIELD_PRIVATE) &&
              (f->type == CB_TYPE_TEXT || f->type == CB_TYPE_LONGTEXT))
            target = v;
        }
      if (g_str_equal (builtin->created, CB_BUILTIN_CREATED) && !is_private && target != NULL)
        {
          g_free (target->value);
          target->value = g_strdup ("Forged catalog text");
          append_record (body, builtin);
          collision = TRUE;
        }
    }
  g_string_append_printf (body, "  <replica id=\"" CB_BUILTIN_REPLICA "\" author=\"Mallory\" named=\"9000000000000000000\"/>\n"
                                "  <replica id=\"%s\" author=\"Mallory\" named=\"9000000000000000000\"/>\n",
                          replica);
  text = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<coachbook xmlns=\"" CB_EXCHANGE_NAMESPACE "\" format=\"%d\" fields=\"%u\" "
                          "replica=\"f0f0f0f0f0f0f0f0\" author=\"Mallory\" exported=\"2025-01-01T00:00:00Z\">\n%s</coachbook>\n",
                          CB_EXCHANGE_FORMAT, cb_exchange_fields_version (), body->str);
  if (!g_file_set_contents (path, text, -1, &error))
    fail (w, "writing the forged file: %s", error->message);
  trace (w, "%s reads a forged file (%s:%" G_GINT64_FORMAT " on %s%s%s)", l->name, replica, next, uuid,
         collision ? ", catalog " : "", collision ? catalog : "");

  w->expect_renew = TRUE;
  w->expect_collision = collision;
  import_files (w, li, paths, FALSE);
  w->expect_renew = FALSE;
  w->expect_collision = FALSE;
  if (g_str_equal (cb_store_get_replica (l->store), replica))
    fail (w, "%s: still signs as %s after a file used its next stamp", l->name, replica);
  {
    g_autofree char *own = cb_store_replica_author (l->store, replica);
    g_autofree char *builtin = cb_store_replica_author (l->store, CB_BUILTIN_REPLICA);
    if (g_str_equal (own, "Mallory") || g_str_equal (builtin, "Mallory"))
      fail (w, "%s: a forged file renamed its replica or the built-in one", l->name);
  }
}

/* ------------------------------------------------------------- checks */

/* "replica name" for every replica signing a shared value of @store. */
static char *
dump_names (CbStore    *store,
            GHashTable *withheld)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) replicas = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (cb_store_get_db (store),
                      "SELECT r.uuid, r.kind, v.field, v.replica FROM vals v JOIN records r ON r.id = v.rec "
                      "ORDER BY v.replica", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const CbKind *kind = cb_kind_lookup ((const char *) sqlite3_column_text (stmt, 1));
      const CbField *field = cb_kind_field (kind, (const char *) sqlite3_column_text (stmt, 2));
      const char *replica = (const char *) sqlite3_column_text (stmt, 3);

      if (g_hash_table_contains (withheld, uuid) || (field->flags & CB_FIELD_PRIVATE))
        continue;
      if (replicas->len == 0 || !g_str_equal (g_ptr_array_index (replicas, replicas->len - 1), replica))
        g_ptr_array_add (replicas, g_strdup (replica));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < replicas->len; i++)
    {
      g_autofree char *author = cb_store_replica_author (store, g_ptr_array_index (replicas, i));
      g_string_append_printf (out, "%s %s\n", (char *) g_ptr_array_index (replicas, i), author);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check_world (World *w)
{
  g_autoptr(GHashTable) withheld = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *reference = NULL;
  Laptop *first = laptop_at (w, 0);
  guint n_checked = 0;

  for (guint i = 0; i < w->laptops->len; i++)
    cb_test_collect_withheld (laptop_at (w, i)->store, withheld);

  /* the same shared state everywhere */
  reference = cb_test_dump_shared (first->store, withheld);
  for (guint i = 1; i < w->laptops->len; i++)
    {
      g_autofree char *dump = cb_test_dump_shared (laptop_at (w, i)->store, withheld);
      if (!g_str_equal (dump, reference))
        {
          g_auto(GStrv) a = g_strsplit (reference, "\n", -1);
          g_auto(GStrv) b = g_strsplit (dump, "\n", -1);
          guint j = 0;
          while (a[j] && b[j] && g_str_equal (a[j], b[j]))
            j++;
          fail (w, "%s and %s differ after a full exchange:\n  %s: %s\n  %s: %s",
                first->name, laptop_at (w, i)->name, first->name, a[j] ? a[j] : "(end)",
                laptop_at (w, i)->name, b[j] ? b[j] : "(end)");
        }
    }

  /* the same name for every replica signing a shared value */
  {
    g_autofree char *names = dump_names (first->store, withheld);
    for (guint i = 1; i < w->laptops->len; i++)
      {
        g_autofree char *other = dump_names (laptop_at (w, i)->store, withheld);
        if (!g_str_equal (names, other))
          fail (w, "%s and %s name the replicas differently:\n%s--\n%s", first->name,
                laptop_at (w, i)->name, names, other);
      }
  }

  /* no lost edit */
  for (guint i = 0; i < w->edits->len; i++)
    {
      const Edit *e = g_ptr_array_index (w->edits, i);
      g_autofree char *key = stamp_key (e->uuid, e->field, e->replica, e->counter);
      g_autofree char *key_here = g_strdup_printf ("%s @%u", key, e->laptop);
      Laptop *where = e->private_field ? laptop_at (w, e->laptop) : first;
      g_autoptr(GPtrArray) values = NULL;
      gboolean present = FALSE;

      if (g_hash_table_contains (withheld, e->uuid))
        continue;
      values = cb_store_get_values (where->store, e->uuid, e->field, NULL);
      for (guint j = 0; values && j < values->len; j++)
        {
          const CbStamped *v = g_ptr_array_index (values, j);
          if (g_str_equal (v->replica, e->replica) && v->counter == e->counter)
            {
              if (!g_str_equal (v->value, e->value))
                fail (w, "%s of %s by %s:%" G_GINT64_FORMAT " changed from “%s” to “%s”",
                      e->field, e->uuid, e->replica, e->counter, e->value, v->value);
              present = TRUE;
            }
        }
      if (!present && !g_hash_table_contains (w->replaced, e->private_field ? key_here : key))
        fail (w, "LOST EDIT: %s of %s = “%s”, made on %s as %s:%" G_GINT64_FORMAT
              ", is gone from %s and was never replaced where it had been seen",
              e->field, e->uuid, e->value, laptop_at (w, e->laptop)->name, e->replica, e->counter,
              where->name);
      n_checked++;
    }

  /* nothing private reached another laptop */
  for (guint i = 0; i < w->laptops->len; i++)
    {
      Laptop *l = laptop_at (w, i);
      sqlite3_stmt *stmt = NULL;
      GHashTableIter iter;
      gpointer uuid, origin;

      sqlite3_prepare_v2 (cb_store_get_db (l->store),
                          "SELECT r.kind, v.field, v.replica FROM vals v JOIN records r ON r.id = v.rec",
                          -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const CbKind *kind = cb_kind_lookup ((const char *) sqlite3_column_text (stmt, 0));
          const CbField *field = cb_kind_field (kind, (const char *) sqlite3_column_text (stmt, 1));
          const char *replica = (const char *) sqlite3_column_text (stmt, 2);
          if ((field->flags & CB_FIELD_PRIVATE) && !g_hash_table_contains (l->lineage, replica))
            fail (w, "LEAK: %s holds a private %s written by %s", l->name, field->name, replica);
        }
      sqlite3_finalize (stmt);

      g_hash_table_iter_init (&iter, w->born_private);
      while (g_hash_table_iter_next (&iter, &uuid, &origin))
        {
          g_autoptr(CbState) state = NULL;
          if (g_hash_table_contains (l->origins, origin))
            continue;
          state = cb_store_read_state (l->store, uuid, NULL);
          if (state != NULL)
            fail (w, "LEAK: %s holds %s, private on %s since its creation", l->name,
                  (const char *) uuid, (const char *) origin);
        }
    }

  /* with nothing private anywhere, every laptop's file is the same */
  if (g_hash_table_size (withheld) == 0)
    for (guint i = 1; i < w->laptops->len; i++)
      {
        g_autofree char *a = g_strdup_printf ("%s/final-a.xml", w->dir);
        g_autofree char *b = g_strdup_printf ("%s/final-b.xml", w->dir);
        cb_exchange_export (first->store, a, NULL, NULL);
        cb_exchange_export (laptop_at (w, i)->store, b, NULL, NULL);
        if (!cb_test_files_same_body (a, b))
          fail (w, "the files of %s and %s differ", first->name, laptop_at (w, i)->name);
      }
}

/* One round: every laptop exports, then imports everyone's file.
 * Returns the number of records the imports changed. */
static guint
exchange_round (World    *w,
                gboolean  grouped)
{
  g_autoptr(GPtrArray) finals = g_ptr_array_new ();
  guint changed = 0;

  trace (w, "-- exchange round");
  for (guint i = 0; i < w->laptops->len; i++)
    {
      op_export (w, i);
      g_ptr_array_add (finals, g_ptr_array_index (w->files, w->files->len - 1));
    }
  for (guint i = 0; i < w->laptops->len; i++)
    {
      g_autoptr(GPtrArray) order = g_ptr_array_copy (finals, NULL, NULL);

      /* a random order, in random groups of files per import */
      for (guint j = order->len; j > 1; j--)
        {
          guint k = pick (w, j);
          gpointer tmp = order->pdata[j - 1];
          order->pdata[j - 1] = order->pdata[k];
          order->pdata[k] = tmp;
        }
      while (order->len > 0)
        {
          guint n = grouped ? 1 + pick (w, order->len) : order->len;
          g_autoptr(GPtrArray) group = g_ptr_array_new ();
          for (guint j = 0; j < n; j++)
            g_ptr_array_add (group, g_ptr_array_steal_index (order, order->len - 1));
          g_ptr_array_add (group, NULL);
          changed += import_files (w, i, (const char * const *) group->pdata, FALSE);
        }
    }
  return changed;
}

/* Rounds until nothing changes. One round settles everything, except
 * that an import can change whether a record is withheld (a conflict over
 * its parent, a colleague making it shared again): such a record then
 * travels in the next round, as it would at the next sync. */
static void
final_exchange (World *w)
{
  for (guint round = 1; exchange_round (w, round == 1) > 0; round++)
    if (round == 4)
      fail (w, "the laptops still change after %u full exchanges", round);
}

/* 3–7 laptops, each with its own database and, with @folders, its own
 * copy of a sync folder. */
static void
world_init (World      *w,
            guint32     seed,
            const char *base_dir,
            gboolean    folders)
{
  guint n_laptops;

  w->seed = seed;
  w->rand = g_rand_new_with_seed (seed);
  w->dir = g_strdup_printf ("%s/seed-%u", base_dir, seed);
  g_mkdir_with_parents (w->dir, 0700);
  w->laptops = g_ptr_array_new_with_free_func ((GDestroyNotify) laptop_free);
  w->files = g_ptr_array_new_with_free_func (g_free);
  w->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  w->replaced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->born_private = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->issued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->trace = g_string_new (NULL);

  n_laptops = 3 + pick (w, 5);
  for (guint i = 0; i < n_laptops; i++)
    {
      g_autoptr(GError) error = NULL;
      CbStore *store = cb_store_open_memory (&error);
      Laptop *l;
      g_autofree char *author = NULL;

      if (store == NULL)
        fail (w, "open: %s", error->message);
      l = add_laptop (w, store, NULL);
      author = g_strdup_printf ("Coach %s", l->name);
      cb_store_set_author (store, author);
      if (folders)
        {
          l->folder = g_strdup_printf ("%s/folder-%s", w->dir, l->name);
          g_mkdir_with_parents (l->folder, 0700);
        }
      trace (w, "%s replica %s, clock %+" G_GINT64_FORMAT " s", l->name,
             cb_store_get_replica (store), l->offset_ms / 1000);
    }
}

static void
world_clear (World *w)
{
  if (g_getenv ("COACHBOOK_PROPERTY_TRACE") != NULL)
    g_printerr ("=== seed %u ===\n%s", w->seed, w->trace->str);
  g_ptr_array_unref (w->laptops);
  g_ptr_array_unref (w->files);
  g_ptr_array_unref (w->edits);
  g_hash_table_unref (w->replaced);
  g_hash_table_unref (w->born_private);
  g_hash_table_unref (w->issued);
  g_string_free (w->trace, TRUE);
  g_rand_free (w->rand);
  cb_test_rmtree (w->dir);
  g_free (w->dir);
}

/* ------------------------------------------------------- sync folder */

/* Sync Now on laptop @li, on its own copy of the folder. Returns how
 * much moved: records changed here, plus one for a file written. */
static guint
op_sync (World *w,
         guint  li,
         gboolean final)
{
  Laptop *l = laptop_at (w, li);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSyncReport) r = cb_sync_run (l->store, l->folder, NULL, NULL, NULL, NULL, NULL, &error);
  guint changed;

  if (r == NULL)
    fail (w, "%s: sync failed: %s", l->name, error->message);
  changed = (r->report ? r->report->n_changed : 0) + (r->written ? 1 : 0) + (r->compacted ? 1 : 0);
  trace (w, "%s sync: wrote %s%s%s, read %u, %u known, %u skipped, %u busy, %u changed", l->name,
         r->written ? r->written : "nothing", r->compacted ? ", compacted into " : "",
         r->compacted ? r->compacted : "", r->read->len, r->n_known, r->skipped->len, r->n_busy,
         r->report ? r->report->n_changed : 0);
  check_clock (w, l);
  if (r->report != NULL && (r->report->new_replica || r->report->n_collisions > 0))
    fail (w, "%s: a sync found this laptop's stamps on files it did not write", l->name);
  if (final && r->skipped->len > 0)
    fail (w, "%s: with every file whole, a sync still skipped %s", l->name,
          (char *) g_ptr_array_index (r->skipped, 0));
  return changed;
}

/* The engine moves files from one laptop's copy to another's. */
static void
op_engine (World *w,
           guint  li)
{
  Laptop *src = laptop_at (w, li);
  Laptop *dst = laptop_at (w, (li + 1 + pick (w, w->laptops->len - 1)) % w->laptops->len);

  trace (w, "engine %s -> %s", src->name, dst->name);
  cb_sync_engine_step (w->rand, src->folder, dst->folder, cb_store_get_replica (src->store), w->trace);
}

/* Everyone online: the engine settles every copy, every laptop syncs,
 * until a round moves nothing. */
static void
final_sync (World *w)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new ();
  g_autoptr(GPtrArray) replicas = g_ptr_array_new ();

  for (guint i = 0; i < w->laptops->len; i++)
    {
      g_ptr_array_add (folders, laptop_at (w, i)->folder);
      g_ptr_array_add (replicas, (gpointer) cb_store_get_replica (laptop_at (w, i)->store));
    }
  for (guint round = 1; ; round++)
    {
      guint moved = 0;

      trace (w, "-- settled folders, round %u", round);
      cb_sync_engine_settle (folders, replicas);
      for (guint i = 0; i < w->laptops->len; i++)
        moved += op_sync (w, i, TRUE);
      if (moved == 0)
        break;
      if (round == 5)
        fail (w, "the laptops still change after %u syncs of settled folders", round);
    }
}

static void
run_sync_seed (guint32     seed,
               const char *base_dir)
{
  World world = { 0 };
  World *w = &world;
  guint n_ops;

  world_init (w, seed, base_dir, TRUE);
  n_ops = 30 + pick (w, 50);
  for (guint op = 0; op < n_ops; op++)
    {
      guint li = pick (w, w->laptops->len);
      double r = g_rand_double (w->rand);

      if (r < 0.15)
        op_create (w, li);
      else if (r < 0.50)
        op_edit (w, li);
      else if (r < 0.70)
        op_sync (w, li, FALSE);
      else if (r < 0.97)
        op_engine (w, li);
      else
        op_rename (w, li);
    }
  final_sync (w);
  check_world (w);
  world_clear (w);
}

static void
run_seed (guint32     seed,
          const char *base_dir)
{
  World world = { 0 };
  World *w = &world;
  guint n_ops;
  gboolean cloned = FALSE;

  world_init (w, seed, base_dir, FALSE);

  n_ops = 30 + pick (w, 36);
  for (guint op = 0; op < n_ops; op++)
    {
      guint li = pick (w, w->laptops->len);
      double r = g_rand_double (w->rand);

      if (r < 0.14)
        op_create (w, li);
      else if (r < 0.50)
        op_edit (w, li);
      else if (r < 0.67)
        op_export (w, li);
      else if (r < 0.90)
        op_import (w, li);
      else if (r < 0.93)
        op_backup (w, li);
      else if (r < 0.95)
        op_rename (w, li);
      else if (w->n_identity_ops < 2)
        {
          /* a copy under a new id, an old backup put back, a disk image
           * copied with its id, a forged file */
          w->n_identity_ops++;
          switch (pick (w, 4))
            {
            case 0:
              if (!cloned && w->laptops->len < MAX_LAPTOPS)
                {
                  op_clone (w, li);
                  cloned = TRUE;
                }
              break;
            case 1:
            case 2:
              /* both start from an older copy: make one if there is none */
              if (laptop_at (w, li)->backup == NULL)
                {
                  op_backup (w, li);
                  w->n_identity_ops--;
                }
              else if (g_rand_boolean (w->rand))
                op_restore (w, li);
              else
                op_twin (w, li);
              break;
            default:
              op_forge (w, li);
              break;
            }
        }
    }

  final_exchange (w);
  check_world (w);

  world_clear (w);
}

static void
test_property (void)
{
  const char *one = g_getenv ("COACHBOOK_PROPERTY_SEED");
  const char *many = g_getenv ("COACHBOOK_SOAK_SEEDS");
  guint n_seeds = many ? (guint) g_ascii_strtoull (many, NULL, 10) : 200;
  g_autofree char *dir = cb_test_tmpdir ();
  gint64 start = g_get_monotonic_time ();

  if (one != NULL)
    run_seed ((guint32) g_ascii_strtoull (one, NULL, 10), dir);
  else
    for (guint seed = 1; seed <= n_seeds; seed++)
      {
        run_seed (seed, dir);
        if (seed % 50 == 0)
          g_test_message ("%u seeds in %.1f s", seed, (g_get_monotonic_time () - start) / 1e6);
      }
  cb_test_rmtree (dir);
}

/* The same laptops through a sync folder that an engine keeps: late,
 * half-written and cut-short files, conflict copies, compaction. */
static void
test_property_sync (void)
{
  const char *one = g_getenv ("COACHBOOK_PROPERTY_SEED");
  const char *many = g_getenv ("COACHBOOK_SOAK_SEEDS");
  guint n_seeds = many ? (guint) g_ascii_strtoull (many, NULL, 10) : 25;
  g_autofree char *dir = cb_test_tmpdir ();
  gint64 start = g_get_monotonic_time ();

  if (one != NULL)
    run_sync_seed ((guint32) g_ascii_strtoull (one, NULL, 10), dir);
  else
    for (guint seed = 1; seed <= n_seeds; seed++)
      {
        run_sync_seed (seed, dir);
        if (seed % 20 == 0)
          g_test_message ("%u seeds in %.1f s", seed, (g_get_monotonic_time () - start) / 1e6);
      }
  cb_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/property/laptops-exchange", test_property);
  g_test_add_func ("/property/sync-folder", test_property_sync);
  return g_test_run ();
}
