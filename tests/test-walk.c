/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scored walkthrough forms: the built-in form, the scoring keys,
 * scores and pulled-in evidence, moving items, a form made on one
 * laptop and filled on another after an exchange, and the privacy of
 * scores: planted markers never reach the exchange file, the
 * spreadsheets or the packet unless the observation is shared with its
 * teacher, and walk_score_counts holds counts only. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "cb-catalog.h"
#include "cb-exchange.h"
#include "cb-privacy.h"
#include "cb-store.h"
#include "cb-test-util.h"
#include "cb-walk.h"

#define TP1 "aae8e4c4-a734-4c4c-a3e8-bf676e294d67"
#define TP4 "a399566c-fd5c-438b-908d-f1aa3058d8db"

static const char *cli_path;

static char *
score (CbStore    *store,
       const char *obs,
       const char *item,
       const char *field,
       const char *value)
{
  g_autoptr(GError) error = NULL;
  char *uuid = cb_walk_set_score (store, obs, item, field, value, &error);

  g_assert_no_error (error);
  g_assert_nonnull (uuid);
  return uuid;
}

static void
test_builtin (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autoptr(CbStore) store = cb_test_open_store (path, "Coach");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cb_walk_load_items (store, CB_CATALOG_NCTM_FORM, &error);
  g_autoptr(CbRecord) form = cb_store_get (store, CB_CATALOG_NCTM_FORM, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (form, "name"), ==, "NCTM Teaching Practices Walkthrough");
  g_assert_cmpuint (items->len, ==, 6);
  for (guint i = 0; i < items->len; i++)
    {
      CbWalkItem *item = g_ptr_array_index (items, i);
      g_autoptr(CbRecord) look_for = cb_store_get (store, item->look_for, &error);

      g_assert_cmpint (item->position, ==, i + 1);
      g_assert_cmpstr (item->scale, ==, "levels");
      g_assert_nonnull (look_for);
      g_assert_cmpstr (cb_record_get_kind (look_for), ==, "look_for");
      for (guint l = 0; l < CB_WALK_N_LEVELS; l++)
        g_assert_cmpstr (item->levels[l], !=, "");
    }
  g_assert_cmpstr (((CbWalkItem *) items->pdata[0])->look_for, ==, TP1);
  g_clear_object (&store);
  cb_test_rmtree (dir);
}

static void
test_keys (void)
{
  g_assert_cmpstr (cb_walk_score_for_key ("levels", '1'), ==, "1");
  g_assert_cmpstr (cb_walk_score_for_key ("levels", '4'), ==, "4");
  g_assert_null (cb_walk_score_for_key ("levels", '5'));
  g_assert_null (cb_walk_score_for_key ("levels", 'y'));
  g_assert_cmpstr (cb_walk_score_for_key ("levels", '0'), ==, "not_observed");
  g_assert_cmpstr (cb_walk_score_for_key ("yes_no", 'Y'), ==, "yes");
  g_assert_cmpstr (cb_walk_score_for_key ("yes_no", 'n'), ==, "no");
  g_assert_cmpstr (cb_walk_score_for_key ("yes_no", '0'), ==, "not_observed");
  g_assert_null (cb_walk_score_for_key ("yes_no", '3'));
}

/* One score per item, written in place; the lines tagged with the
 * item's look-for, in timeline order; a bad score writes nothing. */
static void
test_score_and_pull (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autoptr(CbStore) store = cb_test_open_store (path, "Coach");
  g_autoptr(GError) error = NULL;
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Fractions", NULL);
  g_autofree char *late = cb_test_create (store, "evidence", "observation", obs, "offset", "300",
                                          "text", "Goal revisited", "tags", TP1, NULL);
  g_autofree char *early = cb_test_create (store, "evidence", "observation", obs, "offset", "60",
                                           "text", "Goal posted", "tags", TP4 " " TP1, NULL);
  g_autofree char *other = cb_test_create (store, "evidence", "observation", obs, "offset", "90",
                                           "text", "Turn and talk", "tags", TP4, NULL);
  g_autoptr(GPtrArray) items = cb_walk_load_items (store, CB_CATALOG_NCTM_FORM, &error);
  g_autofree char *item = g_strdup (((CbWalkItem *) items->pdata[0])->uuid);
  g_autofree char *first = NULL, *second = NULL, *lines = NULL, *expected = NULL;
  g_autoptr(CbRecord) found = NULL;
  CbFilter filter = { .kind = "walk_score" };

  first = score (store, obs, item, "score", "2");
  second = score (store, obs, item, "score", "3");
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 1);
  g_assert_null (cb_walk_set_score (store, obs, item, "score", "7", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  lines = cb_walk_tagged_lines (store, obs, TP1, &error);
  g_assert_no_error (error);
  expected = g_strconcat (early, " ", late, NULL);
  g_assert_cmpstr (lines, ==, expected);
  g_free (score (store, obs, item, "evidence", lines));
  found = cb_walk_find_score (store, obs, item, &error);
  g_assert_cmpstr (cb_record_get (found, "score"), ==, "3");
  g_assert_cmpstr (cb_record_get (found, "evidence"), ==, lines);
  g_assert_null (strstr (lines, other));

  /* moving an item renumbers the form */
  g_assert_true (cb_walk_move_item (store, CB_CATALOG_NCTM_FORM, item, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = cb_walk_load_items (store, CB_CATALOG_NCTM_FORM, &error);
  g_assert_cmpstr (((CbWalkItem *) items->pdata[1])->uuid, ==, item);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (((CbWalkItem *) items->pdata[i])->position, ==, i + 1);

  g_clear_object (&store);
  cb_test_rmtree (dir);
}

/* Laptop A makes a form of its own; laptop B receives it through an
 * exchange file and fills it on one of its observations. */
static void
test_exchange (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *pa = g_build_filename (dir, "a.db", NULL);
  g_autofree char *pb = g_build_filename (dir, "b.db", NULL);
  g_autofree char *file = g_build_filename (dir, "district.coachbook.xml", NULL);
  g_autoptr(CbStore) a = cb_test_open_store (pa, "District Lead");
  g_autoptr(CbStore) b = cb_test_open_store (pb, "Coach Chen");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *form = cb_test_create (a, "walk_form", "name", "District Discourse Walk",
                                          "description", "Two items", NULL);
  g_autofree char *i1 = NULL, *i2 = NULL, *obs = NULL, *s = NULL;
  const char *paths[] = { file, NULL };

  i1 = cb_walk_add_item (a, form, &error);
  i2 = cb_walk_add_item (a, form, &error);
  g_assert_no_error (error);
  g_assert_true (cb_store_set (a, i1, "prompt", "Students explain their thinking", &error));
  g_assert_true (cb_store_set (a, i1, "look_for", TP4, &error));
  g_assert_true (cb_store_set (a, i1, "level_4", "Every student explains", &error));
  g_assert_true (cb_store_set (a, i2, "prompt", "Goal posted", &error));
  g_assert_true (cb_store_set (a, i2, "scale", "yes_no", &error));
  g_assert_true (cb_walk_move_item (a, form, i2, -1, &error));
  g_assert_no_error (error);

  g_assert_true (cb_exchange_export (a, file, NULL, &error));
  g_assert_no_error (error);
  report = cb_exchange_import (b, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  items = cb_walk_load_items (b, form, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((CbWalkItem *) items->pdata[0])->prompt, ==, "Goal posted");
  g_assert_cmpstr (((CbWalkItem *) items->pdata[0])->scale, ==, "yes_no");
  g_assert_cmpstr (((CbWalkItem *) items->pdata[1])->levels[3], ==, "Every student explains");

  obs = cb_test_create (b, "observation", "lesson", "Ratios", "walk_form", form, NULL);
  g_free (score (b, obs, i2, "score", cb_walk_score_for_key ("yes_no", 'y')));
  s = score (b, obs, i1, "score", "4");
  {
    g_autoptr(CbRecord) r = cb_store_get (b, s, &error);
    g_assert_cmpstr (cb_record_get (r, "score"), ==, "4");
  }

  g_clear_object (&a);
  g_clear_object (&b);
  cb_test_rmtree (dir);
}

static int
run_cli (const char         *db,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  return out;
}

static void
assert_absent (const char *what,
               const char *text,
               const char *marker)
{
  if (strstr (text, marker) != NULL)
    g_error ("“%s” is in the %s:\n%s", marker, what, text);
}

/* Scores with planted notes on an observation not shared with its
 * teacher, on a private one, and (private tier) on a shared one: none
 * of them leaves; the shared observation's own score does. */
static void
test_privacy (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "a.db", NULL);
  g_autoptr(CbStore) store = cb_test_open_store (db, "Coach Rivera");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cb_walk_load_items (store, CB_CATALOG_NCTM_FORM, &error);
  const char *item = ((CbWalkItem *) items->pdata[0])->uuid;
  g_autofree char *teacher = cb_test_create (store, "person", "name", "TEACHERNAME Ruiz", NULL);
  g_autofree char *unshared = cb_test_create (store, "observation", "lesson", "Unshared", "teacher", teacher,
                                              "date", "2026-01-10", NULL);
  g_autofree char *private_obs = cb_test_create (store, "observation", "lesson", "Private", "teacher", teacher,
                                                 "date", "2026-01-11", CB_FIELD_PRIVACY, "private", NULL);
  g_autofree char *shared = cb_test_create (store, "observation", "lesson", "Shared", "teacher", teacher,
                                            "date", "2026-01-12", "shared_with_teacher", "1",
                                            "strengths", "SHAREDSTRENGTH", NULL);
  g_autofree char *s_unshared = score (store, unshared, item, "note", "SCOREUNSHARED");
  g_autofree char *s_private = score (store, private_obs, item, "note", "SCOREPRIVATE");
  g_autofree char *s_shared = score (store, shared, item, "note", "SCORESHARED");
  g_autofree char *other_item = g_strdup (((CbWalkItem *) items->pdata[1])->uuid);
  g_autofree char *s_tier = score (store, shared, other_item, "note", "SCORETIER");
  g_autofree char *export = g_build_filename (dir, "out.coachbook.xml", NULL);
  g_autofree char *csv = g_build_filename (dir, "counts.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "packet.pdf", NULL);
  const char * const secret[] = { "SCOREUNSHARED", "SCOREPRIVATE", "SCORETIER" };
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(CbPrivacy) lazy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = NULL;

  g_free (score (store, unshared, item, "score", "2"));
  g_free (score (store, private_obs, item, "score", "4"));
  g_free (score (store, shared, item, "score", "3"));
  g_free (score (store, shared, other_item, "score", "1"));
  g_assert_true (cb_store_set (store, s_tier, CB_FIELD_PRIVACY, "private", &error));
  g_assert_no_error (error);

  /* the rule, both ways */
  privacy = cb_privacy_new (store, &error);
  lazy = cb_privacy_new_lazy (store);
  g_assert_no_error (error);
  g_assert_true (cb_privacy_is_private (privacy, s_unshared));
  g_assert_true (cb_privacy_is_private (privacy, s_private));
  g_assert_true (cb_privacy_is_private (privacy, s_tier));
  g_assert_false (cb_privacy_is_private (privacy, s_shared));
  g_assert_true (cb_privacy_may_count (privacy, s_unshared));
  g_assert_false (cb_privacy_may_count (privacy, s_private));
  {
    const char *all[] = { s_unshared, s_private, s_shared, s_tier, unshared, shared };
    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      g_assert_cmpint (cb_privacy_is_private (privacy, all[i]), ==, cb_privacy_is_private (lazy, all[i]));
  }
  g_clear_object (&store);

  if (cli_path == NULL)
    {
      cb_test_rmtree (dir);
      g_test_skip ("no coachbook-cli given");
      return;
    }
  {
    const char *args[] = { "export", export, NULL };
    g_assert_cmpint (run_cli (db, args), ==, 0);
  }
  text = read_text (export);
  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    assert_absent ("exchange file", text, secret[i]);
  assert_absent ("exchange file", text, s_unshared);
  g_assert_nonnull (strstr (text, "SCORESHARED"));
  g_clear_pointer (&text, g_free);

  {
    const char *args[] = { "csv", "walk_score_counts", "--from", "2026-01-01", "--to", "2026-01-31", "-o", csv, NULL };
    g_assert_cmpint (run_cli (db, args), ==, 0);
  }
  text = read_text (csv);
  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    assert_absent ("counts", text, secret[i]);
  assert_absent ("counts", text, "SCORESHARED");
  assert_absent ("counts", text, "TEACHERNAME");
  /* item 1: one 2 (not shared) and one 3 (shared); the private 4 is not counted */
  g_assert_nonnull (strstr (text, ",0,1,1,0,0,0,0,2,"));
  g_clear_pointer (&text, g_free);
  {
    const char *args[] = { "csv", "walk_score_counts", "--from", "2026-01-12", "-o", csv, NULL };
    const char *bad[] = { "csv", "walk_score_counts", "--from", "January", "-o", csv, NULL };
    g_assert_cmpint (run_cli (db, args), ==, 0);
    g_assert_cmpint (run_cli (db, bad), ==, 2);
  }
  text = read_text (csv);
  g_assert_nonnull (strstr (text, ",0,0,1,0,0,0,0,1,"));
  g_clear_pointer (&text, g_free);

  for (guint k = 0; k < 3; k++)
    {
      static const char * const kinds[] = { "coaching_log", "action_item", "cycle" };
      const char *args[] = { "csv", kinds[k], "-o", csv, NULL };

      g_assert_cmpint (run_cli (db, args), ==, 0);
      text = read_text (csv);
      for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
        assert_absent (kinds[k], text, secret[i]);
      g_clear_pointer (&text, g_free);
    }

  if ((pdftotext = g_find_program_in_path ("pdftotext")) != NULL)
    {
      const char *args[] = { "packet", shared, "-o", pdf, NULL };

      g_assert_cmpint (run_cli (db, args), ==, 0);
      g_clear_pointer (&text, g_free);
      text = pdf_text (pdf);
      g_assert_nonnull (strstr (text, "SHAREDSTRENGTH"));
      for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
        assert_absent ("packet", text, secret[i]);
    }
  cb_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    cli_path = argv[1];

  g_test_add_func ("/walk/builtin-form", test_builtin);
  g_test_add_func ("/walk/keys", test_keys);
  g_test_add_func ("/walk/score-and-pull", test_score_and_pull);
  g_test_add_func ("/walk/exchange", test_exchange);
  g_test_add_func ("/walk/privacy", test_privacy);
  return g_test_run ();
}
