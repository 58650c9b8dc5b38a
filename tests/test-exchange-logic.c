/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pure logic behind the import preview, the sync folder and the
 * Conflicts view: no display needed. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "cb-conflict-logic.h"
#include "cb-exchange-logic.h"
#include "cb-exchange-test-util.h"
#include "cb-test-util.h"

#define RA "aaaaaaaaaaaaaaaa"
#define RB "bbbbbbbbbbbbbbbb"
#define RC "cccccccccccccccc"

static char *tmpdir;

static CbState *
school_state (void)
{
  CbState *state = cb_state_new ("3f6c2a9e-1b7d-4c55-9e0a-6d2f8b1c4e70", "school", "Ana", "2025-09-02T14:05:00Z");

  cb_state_add (state, cb_stamped_new ("district", "North", RA, 1, CB_HLC_FROM_MS (1000)));
  cb_state_add (state, cb_stamped_new ("name", "Lincoln Elementary School", RA, 3, CB_HLC_FROM_MS (5000)));
  cb_state_add (state, cb_stamped_new ("name", "Lincoln ES", RB, 1, CB_HLC_FROM_MS (6000)));
  cb_state_add (state, cb_stamped_new ("privacy", "team", RA, 1, CB_HLC_FROM_MS (1000)));
  cb_state_add (state, cb_stamped_new ("deleted", "0", RA, 1, CB_HLC_FROM_MS (1000)));
  cb_state_sort (state);
  return state;
}

static void
test_describe (void)
{
  g_autoptr(CbState) state = school_state ();
  g_autoptr(CbConflictInfo) info = cb_conflict_describe (state);
  const CbConflictField *cf;
  g_autofree char *line = NULL;

  g_assert_cmpuint (info->fields->len, ==, 1);
  cf = g_ptr_array_index (info->fields, 0);
  g_assert_cmpstr (cf->field->name, ==, "name");
  g_assert_cmpuint (cf->values->len, ==, 2);
  /* The value shown first (the newer clock) comes first. */
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (cf->values, 0))->value, ==, "Lincoln ES");
  g_assert_cmpstr (((CbStamped *) g_ptr_array_index (cf->values, 1))->value, ==, "Lincoln Elementary School");
  g_assert_false (info->deleted);
  g_assert_false (cb_conflict_info_deleted_edited (info));
  g_assert_false (cb_conflict_info_is_resolved (info));
  line = cb_conflict_describe_short (info);
  g_assert_cmpstr (line, ==, "Two versions of Name");
}

static void
test_describe_none (void)
{
  g_autoptr(CbState) state = cb_state_new ("3f6c2a9e-1b7d-4c55-9e0a-6d2f8b1c4e70", "school", "Ana", "");
  g_autoptr(CbConflictInfo) info = NULL;

  cb_state_add (state, cb_stamped_new ("name", "One", RA, 1, CB_HLC_FROM_MS (1000)));
  /* Both laptops typed the same, or both deleted: nothing to decide. */
  cb_state_add (state, cb_stamped_new ("district", "North", RA, 2, CB_HLC_FROM_MS (2000)));
  cb_state_add (state, cb_stamped_new ("district", "North", RB, 1, CB_HLC_FROM_MS (2500)));
  cb_state_add (state, cb_stamped_new ("deleted", "1", RA, 3, CB_HLC_FROM_MS (3000)));
  cb_state_add (state, cb_stamped_new ("deleted", "1", RB, 2, CB_HLC_FROM_MS (3500)));
  info = cb_conflict_describe (state);
  g_assert_cmpuint (info->fields->len, ==, 0);
  g_assert_true (info->deleted);
  g_assert_true (cb_conflict_info_is_resolved (info));
}

static void
test_deleted_edited (void)
{
  struct { const char *replica; gint64 ms; gboolean expected; } cases[] = {
    { RB, 9000, TRUE },    /* another laptop, after the delete */
    { RA, 9000, FALSE },   /* the deleting laptop: it saw its own delete */
    { RB, 1000, FALSE },   /* before the delete */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CbState) state = cb_state_new ("a41d0b7e-52c3-4f1e-8b9a-0c7e5d3f2a18", "person", "Ana", "");
      g_autoptr(CbConflictInfo) info = NULL;
      g_autofree char *banner = NULL;

      cb_state_add (state, cb_stamped_new ("deleted", "1", RA, 2, CB_HLC_FROM_MS (5000)));
      cb_state_add (state, cb_stamped_new ("name", "Rosa", cases[i].replica, 3, CB_HLC_FROM_MS (cases[i].ms)));
      cb_state_add (state, cb_stamped_new ("privacy", "team", RA, 1, CB_HLC_FROM_MS (500)));
      info = cb_conflict_describe (state);
      g_assert_true (info->deleted);
      g_assert_cmpint (cb_conflict_info_deleted_edited (info), ==, cases[i].expected);
      g_assert_cmpint (cb_conflict_info_is_resolved (info), ==, !cases[i].expected);
      banner = cb_conflict_banner_text (info, "Ana", "Ben", NULL);
      if (!cases[i].expected)
        {
          g_assert_null (banner);
          continue;
        }
      g_assert_nonnull (strstr (banner, "Deleted on "));
      g_assert_nonnull (strstr (banner, " by Ana, edited on "));
      g_assert_true (g_str_has_suffix (banner, " by Ben"));
      g_assert_cmpstr (info->edit_stamp->replica, ==, RB);
      g_assert_cmpint (info->delete_stamp->hlc, ==, CB_HLC_FROM_MS (5000));
    }
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  /* 2025-09-16 17:05:00 UTC */
  gint64 hlc = CB_HLC_FROM_MS ((gint64) 1758042300 * 1000) + 3;
  g_autofree char *when = cb_conflict_format_time (hlc, utc);
  g_autofree char *you = cb_conflict_format_source ("Ana", RA, hlc, RA, utc);
  g_autofree char *ben = cb_conflict_format_source ("Ben Okafor", RB, hlc, RA, utc);
  g_autofree char *unknown = cb_conflict_format_source ("", RC, hlc, RA, utc);
  g_autofree char *laptop = cb_conflict_short_replica (RB);

  g_assert_cmpstr (when, ==, "Sep 16, 2025, 17:05");
  g_assert_cmpstr (you, ==, "You · this laptop · Sep 16, 2025, 17:05");
  g_assert_cmpstr (ben, ==, "Ben Okafor · laptop bbbbbb · Sep 16, 2025, 17:05");
  g_assert_cmpstr (unknown, ==, "A colleague · laptop cccccc · Sep 16, 2025, 17:05");
  g_assert_cmpstr (laptop, ==, "bbbbbb");
}

static void
test_format_value (void)
{
  const CbKind *person = cb_kind_lookup ("person");
  const CbField *common;
  guint n_common;
  struct { const CbField *field; const char *value; const char *expected; } cases[] = {
    { cb_kind_field (person, "name"), "Rosa", "Rosa" },
    { cb_kind_field (person, "name"), "", "(empty)" },
    { cb_kind_field (person, "role"), "teacher", NULL },
    { cb_kind_field (cb_kind_lookup ("observation"), "shared_with_teacher"), "1", "Yes" },
  };
  g_autofree char *deleted = NULL;
  g_autofree char *live = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      if (cases[i].field == NULL)
        continue;
      text = cb_conflict_format_value (NULL, cases[i].field, cases[i].value);
      if (cases[i].expected != NULL)
        g_assert_cmpstr (text, ==, cases[i].expected);
      else
        g_assert_cmpstr (text, !=, "");
    }
  common = cb_common_fields (&n_common);
  for (guint i = 0; i < n_common; i++)
    if (g_strcmp0 (common[i].name, CB_FIELD_DELETED) == 0)
      {
        deleted = cb_conflict_format_value (NULL, &common[i], "1");
        live = cb_conflict_format_value (NULL, &common[i], "0");
      }
  g_assert_cmpstr (deleted, ==, "In the Trash");
  g_assert_cmpstr (live, ==, "Not deleted");
}

static GPtrArray *
values_of (const char *a,
           const char *b)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);

  g_ptr_array_add (values, cb_stamped_new ("x", a, RB, 1, CB_HLC_FROM_MS (2000)));
  g_ptr_array_add (values, cb_stamped_new ("x", b, RA, 1, CB_HLC_FROM_MS (1000)));
  return values;
}

static void
test_join (void)
{
  const CbKind *school = cb_kind_lookup ("school");
  const CbKind *engagement = cb_kind_lookup ("engagement");
  const CbKind *observation = cb_kind_lookup ("observation");
  g_autoptr(GPtrArray) text = values_of ("Lincoln ES ", "Lincoln Elementary");
  g_autoptr(GPtrArray) same = values_of ("Same", "Same");
  g_autoptr(GPtrArray) para = values_of ("First paragraph.", "Second paragraph.");
  g_autoptr(GPtrArray) refs = values_of ("11111111-1111-4111-8111-111111111111 22222222-2222-4222-8222-222222222222",
                                         "22222222-2222-4222-8222-222222222222 33333333-3333-4333-8333-333333333333");
  g_autofree char *j1 = cb_conflict_join (cb_kind_field (school, "name"), text);
  g_autofree char *j2 = cb_conflict_join (cb_kind_field (school, "name"), same);
  g_autofree char *j3 = cb_conflict_join (cb_kind_field (school, "notes"), para);
  g_autofree char *j4 = cb_conflict_join (cb_kind_field (engagement, "schools"), refs);
  const CbField *focus = cb_kind_field (observation, "focus");

  g_assert_cmpstr (j1, ==, "Lincoln ES / Lincoln Elementary");
  g_assert_cmpstr (j2, ==, "Same");
  g_assert_cmpstr (j3, ==, "First paragraph.\n\nSecond paragraph.");
  g_assert_cmpstr (j4, ==, "11111111-1111-4111-8111-111111111111 22222222-2222-4222-8222-222222222222 "
                           "33333333-3333-4333-8333-333333333333");
  g_assert_true (cb_conflict_can_join (cb_kind_field (school, "name")));
  g_assert_true (cb_conflict_can_join (focus));
  g_assert_false (cb_conflict_can_join (cb_kind_field (cb_kind_lookup ("person"), "role")));
}

static void
test_copy_fields (void)
{
  g_autoptr(CbState) state = school_state ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  gboolean saw_name = FALSE, saw_district = FALSE, saw_privacy = FALSE;

  cb_conflict_copy_fields (state, "name", "Lincoln Elementary School", names, values);
  g_assert_cmpuint (names->len, ==, values->len);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      const char *v = g_ptr_array_index (values, i);

      g_assert_cmpstr (n, !=, "deleted");
      if (g_strcmp0 (n, "name") == 0)
        {
          saw_name = TRUE;
          g_assert_cmpstr (v, ==, "Lincoln Elementary School");
        }
      if (g_strcmp0 (n, "district") == 0)
        {
          saw_district = TRUE;
          g_assert_cmpstr (v, ==, "North");
        }
      if (g_strcmp0 (n, "privacy") == 0)
        {
          saw_privacy = TRUE;
          g_assert_cmpstr (v, ==, "team");
        }
    }
  g_assert_true (saw_name && saw_district && saw_privacy);
}

/* Import preview */

static CbImportReport *
fake_report (void)
{
  CbImportReport *report = g_new0 (CbImportReport, 1);
  const CbKind *kinds;
  guint n;

  kinds = cb_kinds (&n);
  report->counts = g_array_new (FALSE, TRUE, sizeof (CbImportCounts));
  for (guint i = 0; i < n; i++)
    {
      CbImportCounts c = { kinds[i].name, 0, 0, 0, 0 };
      if (g_strcmp0 (kinds[i].name, "school") == 0)
        c.added = 2, c.unchanged = 40;
      if (g_strcmp0 (kinds[i].name, "person") == 0)
        c.updated = 1, c.conflicts = 1;
      g_array_append_val (report->counts, c);
    }
  report->items = g_ptr_array_new ();
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->n_records = 44;
  report->n_changed = 4;
  report->dry_run = TRUE;
  return report;
}

static void
free_fake_report (CbImportReport *report)
{
  for (guint i = 0; i < report->items->len; i++)
    {
      CbImportItem *item = g_ptr_array_index (report->items, i);
      g_free (item->uuid);
      g_free (item->title);
      g_free (item);
    }
  g_ptr_array_unref (report->items);
  g_array_unref (report->counts);
  g_ptr_array_unref (report->warnings);
  g_free (report);
}

static void
add_item (CbImportReport *report,
          const char     *title,
          CbMergeOutcome  outcome)
{
  CbImportItem *item = g_new0 (CbImportItem, 1);

  item->uuid = g_uuid_string_random ();
  item->kind = "school";
  item->title = g_strdup (title);
  item->outcome = outcome;
  g_ptr_array_add (report->items, item);
}

static void
test_preview_text (void)
{
  CbImportReport *report = fake_report ();
  const CbImportCounts *school = NULL;
  g_autoptr(GPtrArray) visible = cb_import_visible_counts (report);
  g_autofree char *summary = cb_import_summary (report);
  g_autofree char *done = cb_import_done_text (report);
  g_autofree char *line = NULL;

  g_assert_cmpuint (visible->len, ==, 2);
  school = g_ptr_array_index (visible, 0);
  g_assert_cmpstr (school->kind, ==, "school");
  line = cb_import_counts_text (school);
  g_assert_cmpstr (line, ==, "2 new · 40 unchanged");
  g_clear_pointer (&line, g_free);
  line = cb_import_counts_text (g_ptr_array_index (visible, 1));
  g_assert_cmpstr (line, ==, "1 updated · 1 with two versions");
  g_assert_cmpstr (summary, ==,
                   "Importing brings 2 new records, 1 updated, 1 with two versions to look at, 40 already here.");
  g_assert_cmpstr (done, ==, "Imported 4 records, 1 with two versions");
  g_assert_cmpstr (cb_import_outcome_label (CB_MERGE_CONFLICT), ==, "Two versions");

  report->n_changed = 0;
  g_clear_pointer (&summary, g_free);
  summary = cb_import_summary (report);
  g_assert_cmpstr (summary, ==, "Everything in these files is already here: importing changes nothing.");
  g_clear_pointer (&done, g_free);
  done = cb_import_done_text (report);
  g_assert_cmpstr (done, ==, "Nothing new to import");
  free_fake_report (report);
}

static void
test_preview_items (void)
{
  CbImportReport *report = fake_report ();
  g_autoptr(GPtrArray) items = NULL;
  const char *expected[] = { "C1", "C2", "A1", "A2" };

  add_item (report, "U1", CB_MERGE_UPDATED);
  add_item (report, "A1", CB_MERGE_ADDED);
  add_item (report, "C1", CB_MERGE_CONFLICT);
  add_item (report, "A2", CB_MERGE_ADDED);
  add_item (report, "C2", CB_MERGE_CONFLICT);
  items = cb_import_preview_items (report, 4);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (((CbImportItem *) g_ptr_array_index (items, i))->title, ==, expected[i]);
  free_fake_report (report);
}

/* Sync folder */

static CbSyncReport *
fake_sync (guint n_colleagues,
           guint n_read)
{
  CbSyncReport *sync = g_new0 (CbSyncReport, 1);

  sync->read = g_ptr_array_new_with_free_func (g_free);
  sync->skipped = g_ptr_array_new_with_free_func (g_free);
  sync->colleagues = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_colleagues; i++)
    g_ptr_array_add (sync->colleagues, g_strdup_printf ("Coach %c", 'A' + i));
  for (guint i = 0; i < n_read; i++)
    g_ptr_array_add (sync->read, g_strdup_printf ("%u.coachbook.xml", i));
  return sync;
}

static void
test_sync_text (void)
{
  g_autoptr(CbSyncReport) none = fake_sync (0, 0);
  g_autoptr(CbSyncReport) two = fake_sync (3, 2);
  g_autofree char *none_text = cb_sync_done_text (none);
  g_autofree char *two_text = NULL;
  g_autofree char *nothing = NULL;

  two->report = fake_report ();
  two_text = cb_sync_done_text (two);
  g_assert_cmpstr (none_text, ==, "Your changes are in the sync folder; no colleague’s file there yet");
  g_assert_cmpstr (two_text, ==, "Imported 4 records, 1 with two versions from 2 files");
  two->report->n_changed = 0;
  nothing = cb_sync_done_text (two);
  g_assert_cmpstr (nothing, ==, "Synced with 3 colleagues: nothing new");
  free_fake_report (g_steal_pointer (&two->report));
}

static void
test_sync_status_text (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 12, 7, 18, 0, 0);
  g_autoptr(CbSyncReport) few = fake_sync (2, 0);
  g_autoptr(CbSyncReport) many = fake_sync (5, 0);
  g_autoptr(CbSyncReport) alone = fake_sync (0, 0);
  gint64 today = g_date_time_to_unix (now) - 1200;
  gint64 before = g_date_time_to_unix (now) - 3 * 86400;
  g_autofree char *never = cb_sync_status_text (0, few->colleagues, now);
  g_autofree char *a = cb_sync_status_text (today, few->colleagues, now);
  g_autofree char *b = cb_sync_status_text (before, many->colleagues, now);
  g_autofree char *c = cb_sync_status_text (today, alone->colleagues, now);

  g_assert_cmpstr (never, ==, "Not synced with this folder yet");
  g_assert_cmpstr (a, ==, "Last synced today at 17:40 with Coach A, Coach B");
  g_assert_cmpstr (b, ==, "Last synced 2026-12-04 at 18:00 with Coach A, Coach B and 3 others");
  g_assert_cmpstr (c, ==, "Last synced today at 17:40; no colleague’s file there yet");
}

static void
test_snapshot_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_import_snapshot_path (&error);
  g_autofree char *dir = NULL;
  g_autofree char *old = NULL;
  g_autofree char *again = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, tmpdir));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* A snapshot left from two days ago is dropped; a fresh one stays. */
  old = g_build_filename (dir, "import-old.db", NULL);
  g_assert_true (g_file_set_contents (old, "x", 1, NULL));
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  {
    GDateTime *now = g_date_time_new_now_utc ();
    gint64 then = g_date_time_to_unix (now) - 2 * 24 * 3600;
    g_autofree char *cmd = g_strdup_printf ("touch -d @%" G_GINT64_FORMAT " '%s'", then, old);
    g_date_time_unref (now);
    g_assert_cmpint (system (cmd), ==, 0);
  }
  again = cb_import_snapshot_path (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, !=, path);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* With real stores: a conflict and a delete that met an edit. */

static CbStore *
open_store (const char *name,
            const char *author)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  return cb_test_open_store (path, author);
}

static void
exchange (CbStore *from,
          CbStore *to)
{
  g_autofree char *path = g_build_filename (tmpdir, "swap.coachbook.xml", NULL);

  cb_test_exchange (from, to, path);
}

static void
test_find (void)
{
  g_autoptr(CbStore) ana = open_store ("ana.db", "Ana García");
  g_autoptr(CbStore) ben = open_store ("ben.db", "Ben Okafor");
  g_autofree char *school = cb_test_create (ana, "school", "name", "Lincoln", NULL);
  g_autofree char *person = cb_test_create (ana, "person", "name", "Rosa", "role", "teacher", NULL);
  g_autofree char *other = cb_test_create (ana, "person", "name", "Sam", "role", "teacher", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(CbState) state = NULL;
  g_autoptr(CbConflictInfo) info = NULL;
  g_autofree char *author = NULL;

  exchange (ana, ben);
  g_assert_true (cb_store_set (ana, school, "name", "Lincoln Elementary", &error));
  g_assert_true (cb_store_set (ben, school, "name", "Lincoln ES", &error));
  g_assert_true (cb_store_delete (ana, person, &error));
  g_usleep (5000);
  g_assert_true (cb_store_set (ben, person, "name", "Rosa Méndez", &error));
  /* Deleted on both sides: nothing to decide. */
  g_assert_true (cb_store_delete (ana, other, &error));
  g_assert_true (cb_store_delete (ben, other, &error));
  g_assert_no_error (error);
  exchange (ben, ana);

  found = cb_conflicts_find (ana, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (cb_record_get_uuid (g_ptr_array_index (found, 0)), ==, school);
  g_assert_cmpstr (cb_record_get_uuid (g_ptr_array_index (found, 1)), ==, person);
  g_assert_cmpuint (cb_conflicts_count (ana), ==, 2);

  state = cb_store_read_state (ana, person, &error);
  info = cb_conflict_describe (state);
  g_assert_true (cb_conflict_info_deleted_edited (info));
  g_assert_cmpstr (info->edit_stamp->replica, ==, cb_store_get_replica (ben));
  author = cb_store_replica_author (ana, info->edit_stamp->replica);
  g_assert_cmpstr (author, ==, "Ben Okafor");

  /* Restoring settles it; keeping one name settles the other. */
  g_assert_true (cb_store_restore (ana, person, &error));
  g_assert_true (cb_store_set (ana, school, "name", "Lincoln ES", &error));
  g_assert_cmpuint (cb_conflicts_count (ana), ==, 0);
  g_assert_cmpuint (cb_conflicts_count (ben), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tmpdir = cb_test_tmpdir ();
  g_setenv ("XDG_CACHE_HOME", tmpdir, TRUE);

  g_test_add_func ("/conflict/describe", test_describe);
  g_test_add_func ("/conflict/describe-none", test_describe_none);
  g_test_add_func ("/conflict/deleted-edited", test_deleted_edited);
  g_test_add_func ("/conflict/format", test_format);
  g_test_add_func ("/conflict/format-value", test_format_value);
  g_test_add_func ("/conflict/join", test_join);
  g_test_add_func ("/conflict/copy-fields", test_copy_fields);
  g_test_add_func ("/conflict/find", test_find);
  g_test_add_func ("/import/preview-text", test_preview_text);
  g_test_add_func ("/import/preview-items", test_preview_items);
  g_test_add_func ("/import/snapshot-path", test_snapshot_path);
  g_test_add_func ("/sync/text", test_sync_text);
  g_test_add_func ("/sync/status-text", test_sync_status_text);

  rc = g_test_run ();
  cb_test_rmtree (tmpdir);
  return rc;
}
