/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>
#include <sys/stat.h>

#include "cb-catalog.h"
#include "cb-merge.h"
#include "cb-store.h"
#include "cb-test-util.h"

/* A valid value for any field, for the CRUD round trip. */
static char *
sample_value (CbStore       *store,
              const CbField *field,
              guint          round)
{
  switch (field->type)
    {
    case CB_TYPE_TEXT:
      return g_strdup_printf ("%s práctica %u", field->name, round);
    case CB_TYPE_LONGTEXT:
    case CB_TYPE_LIST:
    case CB_TYPE_DATA:
      return g_strdup_printf ("línea uno %u\nline two: \"quoted\" & <b>", round);
    case CB_TYPE_INT:
      return g_strdup_printf ("%u", 40 + round);
    case CB_TYPE_NUMBER:
      return g_strdup_printf ("%u.5", round);
    case CB_TYPE_BOOL:
      return g_strdup (round % 2 ? "1" : "0");
    case CB_TYPE_DATE:
      return g_strdup_printf ("2025-10-%02u", 10 + round);
    case CB_TYPE_TIME:
      return g_strdup_printf ("09:%02u", 10 + round);
    case CB_TYPE_ENUM:
      return g_strdup (field->choices[round % cb_field_n_choices (field)].value);
    case CB_TYPE_REF:
      return g_uuid_string_random ();
    case CB_TYPE_REFS:
      {
        g_autofree char *a = g_uuid_string_random ();
        g_autofree char *b = g_uuid_string_random ();
        return g_strdup_printf ("%s %s", a, b);
      }
    case CB_TYPE_IMAGE:
      {
        GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4 + round, 3);
        g_autofree char *buffer = NULL;
        gsize size = 0;
        char *value;

        gdk_pixbuf_fill (pixbuf, 0x336699ff);
        g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, NULL));
        g_object_unref (pixbuf);
        value = g_base64_encode ((const guchar *) buffer, size);
        return value;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
test_crud_every_kind (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  guint n_kinds;
  const CbKind *kinds = cb_kinds (&n_kinds);

  g_assert_no_error (error);
  for (guint k = 0; k < n_kinds; k++)
    {
      const CbKind *kind = &kinds[k];
      CbFilter filter = { .kind = kind->name };
      guint before = cb_store_count (store, &filter);

      for (guint round = 0; round < 2; round++)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();
          g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *uuid = NULL;
          g_autoptr(CbRecord) rec = NULL;

          for (guint f = 0; f < kind->n_fields; f++)
            {
              g_ptr_array_add (names, (gpointer) kind->fields[f].name);
              g_ptr_array_add (values, sample_value (store, &kind->fields[f], round));
            }
          uuid = cb_store_create (store, kind->name, (const char * const *) names->pdata,
                                  (const char * const *) values->pdata, names->len, &error);
          g_assert_no_error (error);
          rec = cb_store_get (store, uuid, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (cb_record_get_kind (rec), ==, kind->name);
          for (guint f = 0; f < kind->n_fields; f++)
            g_assert_cmpstr (cb_record_get (rec, kind->fields[f].name), ==, g_ptr_array_index (values, f));
          g_assert_cmpstr (cb_record_get_privacy (rec), ==, kind->default_privacy);
          g_assert_false (cb_record_get_deleted (rec));

          /* update every field */
          for (guint f = 0; f < kind->n_fields; f++)
            {
              g_autofree char *v = sample_value (store, &kind->fields[f], round + 5);
              g_autoptr(CbRecord) again = NULL;
              g_assert_true (cb_store_set (store, uuid, kind->fields[f].name, v, &error));
              g_assert_no_error (error);
              again = cb_store_get (store, uuid, &error);
              g_assert_cmpstr (cb_record_get (again, kind->fields[f].name), ==, v);
            }

          /* clear a field */
          g_assert_true (cb_store_set (store, uuid, kind->fields[0].name, "", &error));
          g_clear_object (&rec);
          rec = cb_store_get (store, uuid, &error);
          g_assert_cmpstr (cb_record_get (rec, kind->fields[0].name), ==, "");

          /* delete to Trash and restore */
          if (round == 1)
            {
              CbFilter trash = { .kind = kind->name, .trash = TRUE };
              g_assert_true (cb_store_delete (store, uuid, &error));
              g_assert_cmpuint (cb_store_count (store, &trash), ==, 1);
              g_assert_true (cb_store_restore (store, uuid, &error));
              g_assert_cmpuint (cb_store_count (store, &trash), ==, 0);
            }
        }
      g_assert_cmpuint (cb_store_count (store, &filter), ==, before + 2);
    }
}

static void
test_bad_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *uuid = cb_test_create (store, "observation", "lesson", "Ratios", NULL);
  g_autoptr(CbRecord) rec = NULL;
  const char *names[] = { "lesson", "date" };
  const char *values[] = { "Changed", "2025-13-01" };

  g_assert_false (cb_store_set (store, uuid, "date", "yesterday", &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_store_set (store, uuid, "nonsense", "x", &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_store_set (store, "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980", "lesson", "x", &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* nothing of a rejected edit is written, not even the valid half */
  g_assert_false (cb_store_set_fields (store, uuid, names, values, 2, &error));
  g_clear_error (&error);
  rec = cb_store_get (store, uuid, &error);
  g_assert_cmpstr (cb_record_get (rec, "lesson"), ==, "Ratios");
  g_assert_null (cb_store_create (store, "spaceship", NULL, NULL, 0, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
}

static void
test_stamps_and_vectors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  const char *me = cb_store_get_replica (store);
  g_autofree char *uuid = cb_test_create (store, "observation", "lesson", "Ratios", "grade", "6", NULL);
  g_autoptr(CbState) s1 = cb_store_read_state (store, uuid, &error);
  g_autoptr(CbState) s2 = NULL;
  g_autoptr(GPtrArray) values = NULL;
  gint64 c1 = cb_vector_get (s1->vector, me);
  gint64 hlc1 = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (cb_vector_get_n_dots (s1->vector), ==, 1);
  g_assert_cmpint (c1, >, 0);
  /* one edit: one dot shared by the fields it wrote (grade, lesson, privacy) */
  g_assert_cmpuint (s1->values->len, ==, 3);
  for (guint i = 0; i < s1->values->len; i++)
    {
      CbStamped *v = g_ptr_array_index (s1->values, i);
      g_assert_cmpstr (v->replica, ==, me);
      g_assert_cmpint (v->counter, ==, c1);
      hlc1 = v->hlc;
    }

  g_assert_true (cb_store_set (store, uuid, "lesson", "Ratios and rates", &error));
  s2 = cb_store_read_state (store, uuid, &error);
  g_assert_cmpint (cb_vector_get (s2->vector, me), ==, c1 + 1);
  values = cb_store_get_values (store, uuid, "lesson", &error);
  g_assert_cmpuint (values->len, ==, 1); /* replaced, not added */
  g_assert_cmpint (((CbStamped *) values->pdata[0])->counter, ==, c1 + 1);
  g_assert_cmpint (((CbStamped *) values->pdata[0])->hlc, >, hlc1);
  g_clear_pointer (&values, g_ptr_array_unref);
  values = cb_store_get_values (store, uuid, "grade", &error);
  g_assert_cmpint (((CbStamped *) values->pdata[0])->counter, ==, c1);
}

static void
test_write_state_conflict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *uuid = cb_test_create (store, "observation", "lesson", "Ratios", NULL);
  g_autoptr(CbState) local = cb_store_read_state (store, uuid, &error);
  g_autoptr(CbState) remote = cb_state_copy (local);
  g_autoptr(CbState) merged = NULL;
  g_autoptr(CbRecord) rec = NULL;
  g_autoptr(GPtrArray) values = NULL;
  CbFilter conflicts = { .kind = "observation", .conflicts = TRUE };
  gint64 future = CB_HLC_FROM_MS (g_get_real_time () / 1000 + 60000);

  /* a colleague changed the lesson without seeing our later edit */
  for (guint i = 0; i < remote->values->len; i++)
    {
      CbStamped *v = remote->values->pdata[i];
      if (g_str_equal (v->field, "lesson"))
        g_ptr_array_remove_index (remote->values, i);
    }
  cb_state_add (remote, cb_stamped_new ("lesson", "Razones", "abcdefabcdefabcd", 1, future));
  cb_state_sort (remote);
  cb_vector_set (remote->vector, "abcdefabcdefabcd", 1);
  g_assert_true (cb_store_set (store, uuid, "lesson", "Ratios, day 2", &error));
  g_clear_pointer (&local, cb_state_free);
  local = cb_store_read_state (store, uuid, &error);

  merged = cb_merge_states (local, remote, NULL);
  g_assert_true (cb_store_write_state (store, merged, &error));
  g_assert_no_error (error);
  rec = cb_store_get (store, uuid, &error);
  g_assert_cmpuint (cb_record_get_n_conflicts (rec), ==, 1);
  g_assert_cmpstr (cb_record_get (rec, "lesson"), ==, "Razones"); /* higher hlc shown */
  g_assert_cmpuint (cb_store_count (store, &conflicts), ==, 1);
  values = cb_store_get_values (store, uuid, "lesson", &error);
  g_assert_cmpuint (values->len, ==, 2);
  {
    g_autoptr(GPtrArray) listed = cb_store_list_conflicts (store, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 1);
    g_assert_cmpstr (cb_record_get_uuid (listed->pdata[0]), ==, uuid);
  }

  /* a local edit resolves it: it covers both values */
  g_assert_true (cb_store_set (store, uuid, "lesson", "Ratios / Razones", &error));
  g_assert_cmpuint (cb_store_count (store, &conflicts), ==, 0);
  {
    g_autoptr(GPtrArray) listed = cb_store_list_conflicts (store, 10, &error);

    g_assert_cmpuint (listed->len, ==, 0);
  }
}

static void
on_changed (CbStore    *store,
            const char *kind,
            const char *uuid,
            GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup_printf ("%s %s", kind ? kind : "*", uuid ? uuid : "*"));
}

static void
test_changed_signal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uuid = NULL;
  g_autofree char *expected = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), seen);
  uuid = cb_test_create (store, "school", "name", "Lincoln Elementary", NULL);
  expected = g_strdup_printf ("school %s", uuid);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (seen->pdata[0], ==, expected);

  /* inside a transaction: nothing until commit; a rollback says nothing */
  g_assert_true (cb_store_begin (store, &error));
  g_assert_true (cb_store_set (store, uuid, "district", "Unified", &error));
  g_assert_cmpuint (seen->len, ==, 1);
  cb_store_rollback (store);
  g_assert_cmpuint (seen->len, ==, 1);

  g_assert_true (cb_store_begin (store, &error));
  for (guint i = 0; i < 300; i++)
    g_free (cb_test_create (store, "person", "name", "T", NULL));
  g_assert_true (cb_store_commit (store, &error));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (seen->pdata[1], ==, "* *");
}

static void
test_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) a = cb_store_open_memory (&error);
  g_autoptr(CbStore) b = cb_store_open_memory (&error);
  CbFilter fw = { .kind = "framework" };
  CbFilter lf = { .kind = "look_for" };
  g_autoptr(GPtrArray) list = NULL;

  g_assert_cmpuint (cb_store_count (a, &fw), ==, 5);
  g_assert_cmpuint (cb_store_count (a, &lf), >=, 30);
  g_assert_cmpstr (cb_store_get_replica (a), !=, cb_store_get_replica (b));

  list = cb_store_list (a, &lf, 1000, &error);
  for (guint i = 0; i < list->len; i++)
    {
      const char *uuid = cb_record_get_uuid (list->pdata[i]);
      g_autoptr(CbState) sa = cb_store_read_state (a, uuid, &error);
      g_autoptr(CbState) sb = cb_store_read_state (b, uuid, &error);
      g_autoptr(CbState) m = NULL;
      CbMergeOutcome outcome;

      /* identical on two fresh laptops; merging them changes nothing */
      g_assert_true (cb_state_equal (sa, sb));
      m = cb_merge_states (sa, sb, &outcome);
      g_assert_cmpint (outcome, ==, CB_MERGE_UNCHANGED);
    }

  /* user-editable: an ordinary local edit that wins over the built-in */
  {
    const char *uuid = cb_record_get_uuid (list->pdata[0]);
    g_autoptr(CbState) edited = NULL, builtin = NULL, m = NULL;
    CbMergeOutcome outcome;

    g_assert_true (cb_store_set (a, uuid, "position", "99", &error));
    edited = cb_store_read_state (a, uuid, &error);
    builtin = cb_store_read_state (b, uuid, &error);
    m = cb_merge_states (edited, builtin, &outcome);
    g_assert_cmpint (outcome, ==, CB_MERGE_UNCHANGED);
    /* installing again (a newer app) keeps the edit */
    g_assert_true (cb_catalog_install (a, &error));
    g_assert_no_error (error);
    {
      g_autoptr(CbRecord) rec = cb_store_get (a, uuid, &error);
      g_assert_cmpstr (cb_record_get (rec, "position"), ==, "99");
    }
  }
}

/* Pages by key: many records share a sort key (an observation's lines
 * share its date), yet every page starts right after the one before,
 * and a page is found from the marks alone, in any order. */
static void
test_list_by_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Fractions", "date", "2025-10-14", NULL);
  g_autofree char *obs2 = cb_test_create (store, "observation", "lesson", "Area", "date", "2025-11-02", NULL);
  CbFilter lines = { .kind = "evidence" };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const guint every = 7;
  guint n;

  g_assert_true (cb_store_begin (store, &error));
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *offset = g_strdup_printf ("%u", i * 10);
      g_autofree char *line = cb_test_create (store, "evidence", "observation", i % 3 ? obs : obs2,
                                              "offset", offset, "text", "a line", NULL);
    }
  g_assert_true (cb_store_commit (store, &error));

  all = cb_store_list (store, &lines, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 45);
  n = cb_store_list_marks (store, &lines, every, &marks, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 45);
  g_assert_cmpuint (marks->len, ==, 45 / every);

  /* Deepest page first, then the others: each is the slice of the whole
   * list at its position. */
  for (guint k = 0; k <= marks->len; k++)
    {
      guint page = marks->len - k;
      g_autoptr(GPtrArray) got = NULL;

      lines.after = page > 0 ? &g_array_index (marks, CbListKey, page - 1) : NULL;
      got = cb_store_list (store, &lines, every, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (got->len, ==, MIN (every, 45 - page * every));
      for (guint i = 0; i < got->len; i++)
        {
          const char *uuid = cb_record_get_uuid (got->pdata[i]);

          g_assert_cmpstr (uuid, ==, cb_record_get_uuid (all->pdata[page * every + i]));
          g_assert_true (g_hash_table_add (seen, (gpointer) uuid));
        }
    }
  lines.after = NULL;
  g_assert_cmpuint (g_hash_table_size (seen), ==, 45);

  /* Page after page from the last record read, as a paging loop does. */
  {
    g_autoptr(CbRecord) last = NULL;
    CbListKey after;
    guint total = 0;

    for (;;)
      {
        g_autoptr(GPtrArray) got = cb_store_list (store, &lines, 10, &error);

        g_assert_no_error (error);
        for (guint i = 0; i < got->len; i++)
          g_assert_cmpstr (cb_record_get_uuid (got->pdata[i]), ==, cb_record_get_uuid (all->pdata[total + i]));
        total += got->len;
        if (got->len < 10)
          break;
        g_set_object (&last, got->pdata[got->len - 1]);
        cb_record_get_list_key (last, &after);
        lines.after = &after;
      }
    g_assert_cmpuint (total, ==, 45);
  }

  /* A field filter joins the kind's table: the same, on its rows. */
  {
    CbFilter of_obs = { .kind = "evidence", .ref_field = "observation", .ref_value = obs };
    g_autoptr(GPtrArray) whole = cb_store_list (store, &of_obs, 1000, &error);
    g_autoptr(CbRecord) last = NULL;
    CbListKey after;
    guint total = 0;

    g_assert_cmpuint (whole->len, ==, 30);
    for (;;)
      {
        g_autoptr(GPtrArray) got = cb_store_list (store, &of_obs, 4, &error);

        g_assert_no_error (error);
        for (guint i = 0; i < got->len; i++)
          g_assert_cmpstr (cb_record_get_uuid (got->pdata[i]), ==, cb_record_get_uuid (whole->pdata[total + i]));
        total += got->len;
        if (got->len < 4)
          break;
        g_set_object (&last, got->pdata[got->len - 1]);
        cb_record_get_list_key (last, &after);
        of_obs.after = &after;
      }
    g_assert_cmpuint (total, ==, 30);
  }
}

static void
test_children_and_filters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Ruiz", "role", "teacher", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Fractions", "teacher", teacher,
                                         "date", "2025-10-14", NULL);
  g_autofree char *obs2 = cb_test_create (store, "observation", "lesson", "Area", "date", "2025-11-02", NULL);
  g_autofree char *l2 = cb_test_create (store, "evidence", "observation", obs, "offset", "95", "text", "second", NULL);
  g_autofree char *l1 = cb_test_create (store, "evidence", "observation", obs, "offset", "5", "text", "first", NULL);
  g_autoptr(GPtrArray) lines = cb_store_children (store, "evidence", obs, &error);
  g_autoptr(GPtrArray) list = NULL;
  CbFilter by_teacher = { .kind = "observation", .ref_field = "teacher", .ref_value = teacher };
  CbFilter by_date = { .kind = "observation", .date_from = "2025-11-01", .date_to = "2025-11-30" };
  CbFilter all = { .kind = "observation" };

  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (cb_record_get_uuid (lines->pdata[0]), ==, l1);
  g_assert_cmpuint (cb_store_count (store, &by_teacher), ==, 1);
  g_assert_cmpuint (cb_store_count (store, &by_date), ==, 1);
  list = cb_store_list (store, &all, 10, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (cb_record_get_uuid (list->pdata[0]), ==, obs2); /* newest first */
  {
    g_autoptr(CbRecord) first = g_object_ref (list->pdata[0]);
    CbListKey after;

    g_clear_pointer (&list, g_ptr_array_unref);
    cb_record_get_list_key (first, &after);
    all.after = &after;
    list = cb_store_list (store, &all, 10, &error);
    all.after = NULL;
  }
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (cb_record_get_uuid (list->pdata[0]), ==, obs);

  g_assert_true (cb_store_delete (store, l1, &error));
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = cb_store_children (store, "evidence", obs, &error);
  g_assert_cmpuint (lines->len, ==, 1);
}

/* Filters combine: a teacher AND a school AND a date range AND a
 * look-for, on REF and REFS fields alike. */
static void
test_combined_filters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *lincoln = cb_test_create (store, "school", "name", "Lincoln", NULL);
  g_autofree char *adams = cb_test_create (store, "school", "name", "Adams", NULL);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Ruiz", "role", "teacher", NULL);
  g_autofree char *ben = cb_test_create (store, "person", "name", "Ben Cho", "role", "teacher", NULL);
  g_autofree char *talk = cb_test_create (store, "look_for", "name", "Student talk", NULL);
  g_autofree char *goal = cb_test_create (store, "look_for", "name", "Learning goal", NULL);
  g_autofree char *focus = g_strjoin (" ", goal, talk, NULL);
  /* Ana taught at both schools this year. */
  g_autofree char *o1 = cb_test_create (store, "observation", "teacher", ana, "school", lincoln,
                                        "date", "2025-10-14", "focus", talk, NULL);
  g_autofree char *o2 = cb_test_create (store, "observation", "teacher", ana, "school", adams,
                                        "date", "2025-10-20", "focus", focus, NULL);
  g_autofree char *o3 = cb_test_create (store, "observation", "teacher", ana, "school", lincoln,
                                        "date", "2025-12-01", "focus", focus, NULL);
  g_autofree char *o4 = cb_test_create (store, "observation", "teacher", ben, "school", lincoln,
                                        "date", "2025-10-15", "focus", talk, NULL);
  g_autofree char *both = g_strjoin (" ", ben, ana, NULL);
  g_autofree char *plan = cb_test_create (store, "coplan", "teachers", both,
                                          "school", lincoln, "date", "2025-10-10", NULL);
  g_autofree char *plan2 = cb_test_create (store, "coplan", "teachers", ben, "school", adams,
                                           "date", "2025-10-11", NULL);
  CbFilter f = { .kind = "observation" };
  g_autoptr(GPtrArray) list = NULL;

  g_assert_cmpuint (cb_store_count (store, &f), ==, 4);
  f.more_refs[0] = (CbFilterRef) { "teacher", ana };
  g_assert_cmpuint (cb_store_count (store, &f), ==, 3);
  f.more_refs[1] = (CbFilterRef) { "school", lincoln };
  g_assert_cmpuint (cb_store_count (store, &f), ==, 2);
  f.date_to = "2025-10-31";
  list = cb_store_list (store, &f, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (cb_record_get_uuid (list->pdata[0]), ==, o1);
  f.date_to = NULL;
  f.look_for = goal;
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cb_store_list (store, &f, 10, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (cb_record_get_uuid (list->pdata[0]), ==, o3);
  /* The school alone, in the first slot, or with ref_field: the same. */
  f.look_for = NULL;
  f.more_refs[0] = (CbFilterRef) { NULL, NULL };
  g_assert_cmpuint (cb_store_count (store, &f), ==, 3);
  f.ref_field = "teacher";
  f.ref_value = ben;
  g_assert_cmpuint (cb_store_count (store, &f), ==, 1);
  f.more_refs[0] = (CbFilterRef) { "teacher", ana };
  g_assert_cmpuint (cb_store_count (store, &f), ==, 0);

  /* A REFS field: any of the teachers. */
  {
    CbFilter c = { .kind = "coplan" };

    c.more_refs[0] = (CbFilterRef) { "teachers", ana };
    g_assert_cmpuint (cb_store_count (store, &c), ==, 1);
    c.more_refs[0] = (CbFilterRef) { "teachers", ben };
    g_assert_cmpuint (cb_store_count (store, &c), ==, 2);
    c.more_refs[1] = (CbFilterRef) { "school", adams };
    g_clear_pointer (&list, g_ptr_array_unref);
    list = cb_store_list (store, &c, 10, &error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpstr (cb_record_get_uuid (list->pdata[0]), ==, plan2);
    g_assert_nonnull (plan);
  }

  /* A field the kind does not have is an error, in any slot. */
  {
    CbFilter bad = { .kind = "school" };

    bad.more_refs[1] = (CbFilterRef) { "teacher", ana };
    g_clear_pointer (&list, g_ptr_array_unref);
    list = cb_store_list (store, &bad, 10, &error);
    g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
    g_assert_null (list);
  }
  g_assert_nonnull (o2);
  g_assert_nonnull (o4);
}

static void
test_files_and_replica (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (sub, "coachbook.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *replica = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  {
    g_autoptr(CbStore) store = cb_store_open (path, &error);
    g_assert_no_error (error);
    replica = g_strdup (cb_store_get_replica (store));
    uuid = cb_test_create (store, "school", "name", "Roosevelt", NULL);
    g_assert_true (cb_store_backup (store, copy, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  {
    /* reopened in place: same replica */
    g_autoptr(CbStore) store = cb_store_open (path, &error);
    g_autoptr(CbRecord) rec = cb_store_get (store, uuid, &error);
    g_assert_cmpstr (cb_store_get_replica (store), ==, replica);
    g_assert_cmpstr (cb_record_get (rec, "name"), ==, "Roosevelt");
  }
  {
    /* a copy is a clone: it gets its own replica id */
    g_autoptr(CbStore) clone = cb_store_open (copy, &error);
    g_autoptr(CbRecord) rec = cb_store_get (clone, uuid, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cb_store_get_replica (clone), !=, replica);
    g_assert_cmpstr (cb_record_get (rec, "name"), ==, "Roosevelt");
  }
  cb_test_rmtree (dir);
}

/* The restore path's way to a new identity: every later edit carries the
 * new id, the old one keeps its name, and a rollback undoes it. */
static void
test_renew_replica (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "coachbook.db", NULL);
  g_autofree char *old = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CbStore) store = cb_test_open_store (path, "Ana");
    g_autoptr(GPtrArray) values = NULL;
    g_autofree char *old_author = NULL;
    g_autofree char *new_author = NULL;
    const CbStamped *v;

    old = g_strdup (cb_store_get_replica (store));
    uuid = cb_test_create (store, "school", "name", "Roosevelt", NULL);
    cb_store_set (store, uuid, "name", "Roosevelt ES", &error);
    g_assert_no_error (error);

    /* in a transaction that is rolled back: nothing happened */
    g_assert_true (cb_store_begin (store, &error));
    g_assert_true (cb_store_renew_replica (store, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (cb_store_get_replica (store), !=, old);
    cb_store_rollback (store);
    g_assert_cmpstr (cb_store_get_replica (store), ==, old);

    g_assert_true (cb_store_renew_replica (store, &error));
    g_assert_no_error (error);
    renewed = g_strdup (cb_store_get_replica (store));
    g_assert_cmpstr (renewed, !=, old);
    g_assert_true (cb_replica_is_valid (renewed));

    cb_store_set (store, uuid, "name", "Roosevelt Elementary", &error);
    g_assert_no_error (error);
    values = cb_store_get_values (store, uuid, "name", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (values->len, ==, 1);
    v = g_ptr_array_index (values, 0);
    /* the new id counts from 1 */
    g_assert_cmpstr (v->replica, ==, renewed);
    g_assert_cmpint (v->counter, ==, 1);

    old_author = cb_store_replica_author (store, old);
    new_author = cb_store_replica_author (store, renewed);
    g_assert_cmpstr (old_author, ==, "Ana");
    g_assert_cmpstr (new_author, ==, "Ana");
    g_assert_cmpint (cb_store_replica_named (store, renewed), >, cb_store_replica_named (store, old));
  }
  {
    /* kept on disk: reopened, the laptop goes on with the new id */
    g_autoptr(CbStore) store = cb_store_open (path, &error);
    g_autoptr(GPtrArray) values = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (cb_store_get_replica (store), ==, renewed);
    cb_store_set (store, uuid, "name", "Roosevelt", &error);
    g_assert_no_error (error);
    values = cb_store_get_values (store, uuid, "name", &error);
    g_assert_cmpint (((CbStamped *) g_ptr_array_index (values, 0))->counter, ==, 2);
  }
  cb_test_rmtree (dir);
}

static void
test_nested_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(CbRecord) rec = NULL;
  const char *names[] = { "date" };
  const char *bad[] = { "someday" };

  /* a refused operation inside a transaction writes nothing and does
   * not keep the others from being saved */
  g_assert_true (cb_store_begin (store, &error));
  a = cb_test_create (store, "observation", "lesson", "Ratios", NULL);
  g_assert_null (cb_store_create (store, "observation", names, bad, 1, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cb_store_create_with_uuid (store, a, "observation", NULL, NULL, 0, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_store_set_fields (store, a, names, bad, 1, &error));
  g_clear_error (&error);
  b = cb_test_create (store, "observation", "lesson", "Area", NULL);
  g_assert_true (cb_store_commit (store, &error));
  g_assert_no_error (error);
  rec = cb_store_get (store, a, &error);
  g_assert_cmpstr (cb_record_get (rec, "lesson"), ==, "Ratios");
  g_assert_cmpstr (cb_record_get (rec, "date"), ==, "");
  g_clear_object (&rec);
  rec = cb_store_get (store, b, &error);
  g_assert_nonnull (rec);
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(GString) report = g_string_new (NULL);

  g_free (cb_test_create (store, "school", "name", "Lincoln", NULL));
  g_assert_true (cb_store_check (store, report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->str, "search index: ok"));
}

/* A damaged store only reads: every kind of write fails with
 * READ_ONLY and leaves the file as it was; switched back, it writes. */
static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *uuid = cb_test_create (store, "school", "name", "Lincoln", NULL);
  g_autofree char *created = NULL;
  g_autoptr(CbRecord) rec = NULL;
  CbFilter filter = { .kind = "school" };

  g_assert_false (cb_store_is_read_only (store));
  g_assert_true (cb_store_set_read_only (store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (cb_store_is_read_only (store));

  created = cb_store_create (store, "school", (const char *[]) { "name" }, (const char *[]) { "Adams" }, 1, &error);
  g_assert_null (created);
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (cb_store_set (store, uuid, "name", "Jefferson", &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (cb_store_delete (store, uuid, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* reads go on */
  rec = cb_store_get (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (rec, "name"), ==, "Lincoln");
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 1);
  g_clear_object (&rec);

  g_assert_true (cb_store_set_read_only (store, FALSE, &error));
  g_assert_false (cb_store_is_read_only (store));
  g_assert_true (cb_store_set (store, uuid, "name", "Jefferson", &error));
  g_assert_no_error (error);
  rec = cb_store_get (store, uuid, &error);
  g_assert_cmpstr (cb_record_get (rec, "name"), ==, "Jefferson");
}

/* The store is the one place that knows it was found damaged: marked,
 * it keeps the first damage and only reads. */
static void
test_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(GError) damage = g_error_new_literal (CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT, "malformed");
  g_autoptr(GError) later = g_error_new_literal (CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT, "later");
  g_autofree char *created = NULL;

  g_assert_false (cb_store_is_damaged (store));
  g_assert_null (cb_store_get_damage (store));
  g_assert_true (cb_store_mark_damaged (store, damage, &error));
  g_assert_no_error (error);
  g_assert_true (cb_store_is_damaged (store));
  g_assert_true (cb_store_is_read_only (store));
  g_assert_true (cb_store_mark_damaged (store, later, &error));
  g_assert_cmpstr (cb_store_get_damage (store)->message, ==, "malformed");
  created = cb_store_create (store, "school", (const char *[]) { "name" }, (const char *[]) { "Adams" }, 1, &error);
  g_assert_null (created);
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crud-every-kind", test_crud_every_kind);
  g_test_add_func ("/store/bad-edits", test_bad_edits);
  g_test_add_func ("/store/stamps-and-vectors", test_stamps_and_vectors);
  g_test_add_func ("/store/write-state-conflict", test_write_state_conflict);
  g_test_add_func ("/store/changed-signal", test_changed_signal);
  g_test_add_func ("/store/catalog", test_catalog);
  g_test_add_func ("/store/children-and-filters", test_children_and_filters);
  g_test_add_func ("/store/combined-filters", test_combined_filters);
  g_test_add_func ("/store/list-by-key", test_list_by_key);
  g_test_add_func ("/store/renew-replica", test_renew_replica);
  g_test_add_func ("/store/files-and-replica", test_files_and_replica);
  g_test_add_func ("/store/nested-failure", test_nested_failure);
  g_test_add_func ("/store/check", test_check);
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/damaged", test_damaged);
  return g_test_run ();
}
