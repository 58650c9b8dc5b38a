/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files that lie about who wrote what (ARCHITECTURE §3, "a stamp is
 * issued once, ever"): five kinds of semantic forgery that a schema
 * cannot see, each with its expected outcome. Every case ends with the
 * laptops exchanging files until they agree, and checks that they do:
 * the same records, values and stamps, the same file, the same names. */

#include "config.h"

#include <glib/gstdio.h>

#include "cb-catalog.h"
#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-merge.h"
#include "cb-test-util.h"

#define EVE      "eeeeeeeeeeeeeeee"
#define SCHOOL   "5c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"

static char *tmpdir;
static guint n_files;

static CbStore *
laptop (const char *author)
{
  g_autoptr(GError) error = NULL;
  CbStore *store = cb_store_open_memory (&error);

  g_assert_no_error (error);
  cb_store_set_author (store, author);
  return store;
}

static char *
new_path (const char *what)
{
  return g_strdup_printf ("%s/%02u-%s.xml", tmpdir, n_files++, what);
}

static char *
write_text (const char *what,
            const char *text)
{
  char *path = new_path (what);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* A file as Eve's laptop (or one claiming to be @replica) would make it. */
static char *
forged_file (const char *what,
             const char *replica,
             const char *author,
             const char *body)
{
  g_autofree char *text = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                           "<coachbook xmlns=\"" CB_EXCHANGE_NAMESPACE "\" format=\"%d\" fields=\"%u\" "
                                           "replica=\"%s\" author=\"%s\" exported=\"2025-01-01T00:00:00Z\">\n%s</coachbook>\n",
                                           CB_EXCHANGE_FORMAT, cb_exchange_fields_version (),
                                           replica, author, body);
  return write_text (what, text);
}

static char *
export (CbStore    *store,
        const char *what)
{
  char *path = new_path (what);

  cb_test_export (store, path);
  return path;
}

static CbImportReport *
import (CbStore    *store,
        const char *path)
{
  return cb_test_import_ok (store, path);
}

/* The one value of @field of @uuid (the field must hold one). */
static CbStamped *
only_value (CbStore    *store,
            const char *uuid,
            const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = cb_store_get_values (store, uuid, field, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 1);
  return cb_stamped_copy (g_ptr_array_index (values, 0));
}

static gboolean
holds_text (CbStore    *store,
            const char *uuid,
            const char *field,
            const char *text)
{
  g_autoptr(GPtrArray) values = cb_store_get_values (store, uuid, field, NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    if (g_str_equal (((CbStamped *) g_ptr_array_index (values, i))->value, text))
      return TRUE;
  return FALSE;
}

/* The names this laptop gives every replica signing one of its values. */
static char *
dump_names (CbStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store),
                                       "SELECT DISTINCT replica FROM vals ORDER BY replica",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *replica = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *author = cb_store_replica_author (store, replica);
      g_string_append_printf (out, "%s %s\n", replica, author);
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @a and @b, having imported the same files in other orders, write the
 * same file (records, stamps and replica names). */
static void
assert_same_file (CbStore *a,
                  CbStore *b)
{
  g_autofree char *fa = export (a, "same-a");
  g_autofree char *fb = export (b, "same-b");

  g_assert_true (cb_test_files_same_body (fa, fb));
}

/* @a and @b exchange files until nothing changes; then they must hold
 * the same records, values and stamps, write the same file and give
 * every replica the same name. */
static void
assert_converge (CbStore *a,
                 CbStore *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *pa = export (a, "a");
      g_autofree char *pb = export (b, "b");
      cb_import_report_free (import (b, pa));
      cb_import_report_free (import (a, pb));
    }
  da = cb_test_dump_shared (a, NULL);
  db = cb_test_dump_shared (b, NULL);
  g_assert_cmpstr (da, ==, db);
  na = dump_names (a);
  nb = dump_names (b);
  g_assert_cmpstr (na, ==, nb);
  fa = export (a, "final-a");
  fb = export (b, "final-b");
  g_assert_true (cb_test_files_same_body (fa, fb));
}

/* Ana's file, with her vector entry for every record raised to @counter:
 * a file that says her laptop issued stamps it never issued. */
static char *
raise_own_entry (CbStore    *ana,
                 const char *path,
                 gint64      counter)
{
  g_autofree char *text = NULL;
  g_autofree char *from = g_strdup_printf ("%s:1\"", cb_store_get_replica (ana));
  g_autofree char *to = g_strdup_printf ("%s:%" G_GINT64_FORMAT "\"", cb_store_get_replica (ana), counter);
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  parts = g_strsplit (text, from, -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2); /* her one record */
  joined = g_strjoinv (to, parts);
  return write_text ("raised", joined);
}

/* 1. Record vectors claim this laptop's replica at a counter it never
 * issued (a restored backup, a cloned disk image, a forged file). The
 * file is accepted, and this laptop takes a new replica id before its
 * next edit, which then reaches colleagues who read the same file. */
static void
test_vector_ahead (void)
{
  g_autoptr(CbStore) ana = laptop ("Ana");
  g_autoptr(CbStore) ben = laptop ("Ben");
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbStamped) edit = NULL;
  g_autofree char *school = cb_test_create (ana, "school", "name", "Lincoln", NULL);
  g_autofree char *old = g_strdup (cb_store_get_replica (ana));
  g_autofree char *file = export (ana, "ana");
  g_autofree char *raised = raise_own_entry (ana, file, 50);
  g_autoptr(GError) error = NULL;

  cb_import_report_free (import (ben, raised));

  /* a dry run says so and changes nothing */
  {
    g_autofree char *before = cb_test_dump_hash (ana);
    g_autofree char *after = NULL;
    g_autoptr(CbImportReport) dry = cb_test_import (ana, raised, TRUE, &error);
    g_assert_no_error (error);
    g_assert_true (dry->new_replica);
    after = cb_test_dump_hash (ana);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpstr (cb_store_get_replica (ana), ==, old);
  }

  report = import (ana, raised);
  g_assert_true (report->new_replica);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (report->warnings, 0));
  g_assert_cmpstr (cb_store_get_replica (ana), !=, old);

  cb_store_set (ana, school, "name", "Lincoln Elementary", &error);
  g_assert_no_error (error);
  edit = only_value (ana, school, "name");
  g_assert_cmpstr (edit->replica, ==, cb_store_get_replica (ana));
  g_assert_cmpint (edit->counter, ==, 1);

  assert_converge (ana, ben);
  /* the edit was not lost at Ben's */
  g_assert_true (holds_text (ben, school, "name", "Lincoln Elementary"));
  g_assert_false (holds_text (ben, school, "name", "Lincoln"));
  /* and a second import of the same file changes nothing more */
  {
    g_autoptr(CbImportReport) again = import (ana, raised);
    g_assert_false (again->new_replica);
    g_assert_cmpuint (again->n_changed, ==, 0);
  }
}

/* 2. A value stamped with this laptop's replica and its next counter.
 * The next local edit must not reuse the stamp: after the file, this
 * laptop signs with a new id, and both laptops keep both texts the same
 * way. */
static void
test_next_counter_forged (void)
{
  g_autoptr(CbStore) ana = laptop ("Ana");
  g_autoptr(CbStore) ben = laptop ("Ben");
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbStamped) mine = NULL;
  g_autoptr(CbStamped) edit = NULL;
  g_autofree char *school = cb_test_create (ana, "school", "name", "Lincoln", NULL);
  g_autofree char *first = export (ana, "ana");
  g_autofree char *body = NULL;
  g_autofree char *forged = NULL;
  g_autoptr(GError) error = NULL;
  const char *a = cb_store_get_replica (ana);

  cb_import_report_free (import (ben, first));
  mine = only_value (ana, school, "name");
  /* Eve replaces the name, signing as Ana's next edit */
  body = g_strdup_printf ("  <record id=\"%s\" kind=\"school\" author=\"Ana\" created=\"2025-01-01T00:00:00Z\" vector=\"%s:2\">\n"
                          "    <value field=\"name\" replica=\"%s\" counter=\"2\" clock=\"%" G_GINT64_FORMAT "\">Forged</value>\n"
                          "    <value field=\"privacy\" replica=\"%s\" counter=\"1\" clock=\"%" G_GINT64_FORMAT "\">team</value>\n"
                          "  </record>\n",
                          school, a, a, mine->hlc + 1, a, mine->hlc);
  forged = forged_file ("next-counter", EVE, "Eve", body);
  cb_import_report_free (import (ben, forged));

  report = import (ana, forged);
  g_assert_true (report->new_replica);
  cb_store_set (ana, school, "name", "Lincoln ES", &error);
  g_assert_no_error (error);
  edit = only_value (ana, school, "name");
  g_assert_cmpstr (edit->replica, !=, a);

  assert_converge (ana, ben);
  g_assert_true (holds_text (ben, school, "name", "Lincoln ES"));
  g_assert_false (holds_text (ben, school, "name", "Forged"));
}

/* 2b. One of this laptop's own stamps, already issued, with another
 * text: another database signs with its id. Both texts are kept, and
 * this laptop too takes a new id. */
static void
test_own_stamp_other_text (void)
{
  g_autoptr(CbStore) ana = laptop ("Ana");
  g_autoptr(CbStore) ben = laptop ("Ben");
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbStamped) mine = NULL;
  g_autofree char *school = cb_test_create (ana, "school", "name", "Lincoln", NULL);
  g_autofree char *old = g_strdup (cb_store_get_replica (ana));
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  g_autofree char *first = export (ana, "ana");

  cb_import_report_free (import (ben, first));
  mine = only_value (ana, school, "name");
  body = g_strdup_printf ("  <record id=\"%s\" kind=\"school\" author=\"Ana\" created=\"2025-01-01T00:00:00Z\" vector=\"%s:1\">\n"
                          "    <value field=\"name\" replica=\"%s\" counter=\"1\" clock=\"%" G_GINT64_FORMAT "\">Roosevelt</value>\n"
                          "    <value field=\"privacy\" replica=\"%s\" counter=\"1\" clock=\"%" G_GINT64_FORMAT "\">team</value>\n"
                          "  </record>\n",
                          school, old, old, mine->hlc, old, mine->hlc);
  other = forged_file ("twin", old, "Ana", body);

  report = import (ana, other);
  g_assert_cmpuint (report->n_collisions, ==, 1);
  g_assert_true (report->new_replica);
  g_assert_cmpuint (report->warnings->len, ==, 2);
  g_assert_cmpstr (cb_store_get_replica (ana), !=, old);
  g_assert_true (holds_text (ana, school, "name", "Lincoln"));
  g_assert_true (holds_text (ana, school, "name", "Roosevelt"));

  cb_import_report_free (import (ben, other));
  assert_converge (ana, ben);
  g_assert_cmpuint (cb_store_count_conflicts (ben), ==, 1);
}

/* 3. One stamp, two texts, in two files: both kept as a conflict that
 * every laptop shows the same way, whatever the order, with a warning
 * naming the two laptops. */
static void
test_one_stamp_two_texts (void)
{
  g_autoptr(CbStore) ana = laptop ("Ana");
  g_autoptr(CbStore) ben = laptop ("Ben");
  g_autoptr(CbStore) cruz = laptop ("Cruz");
#define RECORD(name) \
  "  <record id=\"" SCHOOL "\" kind=\"school\" author=\"Eve\" created=\"2025-01-01T00:00:00Z\" vector=\"" EVE ":2\">\n" \
  "    <value field=\"name\" replica=\"" EVE "\" counter=\"2\" clock=\"100\">" name "</value>\n" \
  "    <value field=\"privacy\" replica=\"" EVE "\" counter=\"1\" clock=\"90\">team</value>\n" \
  "  </record>\n"
  const char *body_one = RECORD ("Washington");
  const char *body_two = RECORD ("Jefferson");
#undef RECORD
  g_autofree char *one = forged_file ("eve", EVE, "Eve", body_one);
  g_autofree char *two = forged_file ("copy-of-eve", EVE, "Mallory", body_two);
  g_autoptr(CbImportReport) first = NULL;
  g_autoptr(CbImportReport) second = NULL;
  g_autoptr(CbImportReport) other_order = NULL;
  g_autoptr(CbImportReport) together = NULL;
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  g_autofree char *dc = NULL;
  const char *both[3];
  const char *message;

  first = import (ana, one);
  g_assert_cmpuint (first->n_collisions, ==, 0);
  second = import (ana, two);
  g_assert_cmpuint (second->n_collisions, ==, 1);
  g_assert_cmpuint (cb_import_report_get_counts (second, "school")->conflicts, ==, 1);
  g_assert_cmpuint (second->warnings->len, ==, 1);
  message = g_ptr_array_index (second->warnings, 0);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "Eve"));
  g_assert_nonnull (strstr (message, "Mallory"));

  cb_import_report_free (import (ben, two));
  other_order = import (ben, one);
  g_assert_cmpuint (other_order->n_collisions, ==, 1);

  /* and both files in one import */
  both[0] = two;
  both[1] = one;
  both[2] = NULL;
  together = cb_exchange_import (cruz, both, FALSE, NULL, NULL, NULL, NULL);
  g_assert_nonnull (together);
  g_assert_cmpuint (together->n_collisions, ==, 1);

  da = cb_test_dump_shared (ana, NULL);
  db = cb_test_dump_shared (ben, NULL);
  dc = cb_test_dump_shared (cruz, NULL);
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, ==, dc);
  assert_same_file (ana, ben);
  assert_same_file (ana, cruz);
  g_assert_true (holds_text (ana, SCHOOL, "name", "Washington"));
  g_assert_true (holds_text (ana, SCHOOL, "name", "Jefferson"));
  g_assert_cmpuint (cb_store_count_conflicts (ana), ==, 1);

  /* a laptop that had only one of them takes the split as it is */
  {
    g_autoptr(CbStore) dana = laptop ("Dana");
    g_autofree char *split = export (ana, "split");
    g_autofree char *dd = NULL;
    cb_import_report_free (import (dana, one));
    cb_import_report_free (import (dana, split));
    dd = cb_test_dump_shared (dana, NULL);
    g_assert_cmpstr (dd, ==, da);
  }

  assert_converge (ana, ben);
  assert_converge (ana, cruz);

  /* resolved by an ordinary edit, which covers both */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CbStamped) kept = NULL;
    cb_store_set (ben, SCHOOL, "name", "Jefferson", &error);
    g_assert_no_error (error);
    assert_converge (ana, ben);
    kept = only_value (ana, SCHOOL, "name");
    g_assert_cmpstr (kept->value, ==, "Jefferson");
    g_assert_cmpuint (cb_store_count_conflicts (ana), ==, 0);
  }
}

/* 4. A file naming this laptop's replica, and the built-in catalog's,
 * under another author: neither name changes, and this laptop's files
 * go on crediting its edits to its coach and the catalog to no one. */
static void
test_own_and_builtin_names (void)
{
  g_autoptr(CbStore) ana = laptop ("Ana");
  g_autofree char *school = cb_test_create (ana, "school", "name", "Lincoln", NULL);
  const char *a = cb_store_get_replica (ana);
  g_autofree char *body = g_strdup_printf ("  <record id=\"" SCHOOL "\" kind=\"school\" author=\"Eve\" created=\"2025-01-01T00:00:00Z\" vector=\"" EVE ":1\">\n"
                                           "    <value field=\"name\" replica=\"" EVE "\" counter=\"1\" clock=\"100\">Adams</value>\n"
                                           "  </record>\n"
                                           "  <replica id=\"" CB_BUILTIN_REPLICA "\" author=\"Mallory\" named=\"9000000000000000000\"/>\n"
                                           "  <replica id=\"%s\" author=\"Mallory\" named=\"9000000000000000000\"/>\n"
                                           "  <replica id=\"" EVE "\" author=\"Eve\" named=\"1\"/>\n",
                                           a);
  g_autofree char *forged = forged_file ("names", a, "Mallory", body);
  g_autofree char *author = NULL;
  g_autofree char *builtin = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *own_line = g_strdup_printf ("<replica id=\"%s\" author=\"Ana\"", a);

  (void) school;
  cb_import_report_free (import (ana, forged));
  author = cb_store_replica_author (ana, a);
  builtin = cb_store_replica_author (ana, CB_BUILTIN_REPLICA);
  g_assert_cmpstr (author, ==, "Ana");
  g_assert_cmpstr (builtin, ==, "");
  g_assert_cmpstr (cb_store_get_author (ana), ==, "Ana");

  out = export (ana, "ana");
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, own_line));
  g_assert_null (strstr (text, "Mallory"));
  g_assert_null (strstr (text, "<replica id=\"" CB_BUILTIN_REPLICA "\""));
}

/* 5. Names do not depend on the order of the files: a renamed coach keeps
 * the new name everywhere, and an old file does not bring the old one
 * back. */
static void
test_names_any_order (void)
{
  g_autoptr(CbStore) ana = laptop ("Ana");
  g_autoptr(CbStore) ben = laptop ("Ben");
  g_autoptr(CbStore) carl = laptop ("Carl");
  g_autofree char *school = cb_test_create (carl, "school", "name", "Lincoln", NULL);
  g_autofree char *before = export (carl, "carl");
  g_autofree char *after = NULL;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  g_autofree char *again = NULL;
  const char *c = cb_store_get_replica (carl);

  (void) school;
  /* a name that sorts before the old one: only the date can tell */
  cb_store_set_author (carl, "Beto");
  after = export (carl, "beto");

  cb_import_report_free (import (ana, before));
  cb_import_report_free (import (ana, after));
  cb_import_report_free (import (ben, after));
  cb_import_report_free (import (ben, before));
  name_a = cb_store_replica_author (ana, c);
  name_b = cb_store_replica_author (ben, c);
  g_assert_cmpstr (name_a, ==, "Beto");
  g_assert_cmpstr (name_b, ==, "Beto");
  assert_same_file (ana, ben);

  cb_import_report_free (import (ana, before));
  again = cb_store_replica_author (ana, c);
  g_assert_cmpstr (again, ==, "Beto");

  assert_converge (ana, ben);
  assert_converge (ana, carl);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = cb_test_tmpdir ();
  g_test_add_func ("/identity/vector-ahead", test_vector_ahead);
  g_test_add_func ("/identity/next-counter-forged", test_next_counter_forged);
  g_test_add_func ("/identity/own-stamp-other-text", test_own_stamp_other_text);
  g_test_add_func ("/identity/one-stamp-two-texts", test_one_stamp_two_texts);
  g_test_add_func ("/identity/own-and-builtin-names", test_own_and_builtin_names);
  g_test_add_func ("/identity/names-any-order", test_names_any_order);
  ret = g_test_run ();
  cb_test_rmtree (tmpdir);
  g_free (tmpdir);
  return ret;
}
