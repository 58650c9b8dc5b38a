/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cb-store.h"
#include "cb-test-util.h"

static void
assert_fts_ok (CbStore *store)
{
  char *msg = NULL;
  int rc = sqlite3_exec (cb_store_get_db (store),
                         "INSERT INTO fts (fts, rank) VALUES ('integrity-check', 1)", NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    g_error ("fts integrity-check: %s", msg);
}

static guint
n_hits (CbStore    *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cb_store_search (store, text, NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits->len;
}

static gboolean
finds (CbStore    *store,
       const char *text,
       const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cb_store_search (store, text, NULL, 50, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((CbSearchHit *) hits->pdata[i])->uuid, uuid))
      return TRUE;
  return FALSE;
}

static void
test_build_query (void)
{
  struct { const char *in, *out; } cases[] = {
    { "productive struggle", "\"productive\"* \"struggle\"*" },
    { "  práctica ", "\"práctica\"*" },
    { "turn-and-talk", "\"turn-and-talk\"*" },
    { "MP1: sense", "\"MP1:\"* \"sense\"*" },
    { "say \"why\"", "\"say\"* \"\"\"why\"\"\"*" },
    { "- : * ( )", NULL },
    { "", NULL },
    { "NOT AND OR", "\"NOT\"* \"AND\"* \"OR\"*" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *q = cb_search_build_query (cases[i].in);
      g_assert_cmpstr (q, ==, cases[i].out);
    }
}

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *a = cb_test_create (store, "observation", "lesson", "Práctica con fracciones",
                                       "strengths", "Students showed productive struggle with tangram pieces", NULL);
  g_autofree char *b = cb_test_create (store, "coaching_log", "summary", "Debrief: MP3 arguments",
                                       "notes", "Teacher-led turn-and-talk; wait time 3 s", NULL);
  g_autofree char *c = cb_test_create (store, "evidence", "text", "Niños explican su razonamiento en la recta numérica", NULL);
  g_autoptr(GPtrArray) hits = NULL;
  CbSearchHit *hit;

  assert_fts_ok (store);

  /* accents folded both ways, prefixes as you type */
  g_assert_true (finds (store, "practica", a));
  g_assert_true (finds (store, "PRÁCTICA", a));
  g_assert_true (finds (store, "fracc", a));
  g_assert_true (finds (store, "ninos", c));
  g_assert_true (finds (store, "numerica", c));
  g_assert_true (finds (store, "productive struggle", a));
  g_assert_true (finds (store, "prod strug", a));
  g_assert_false (finds (store, "productive debrief", a));

  /* punctuation never becomes syntax */
  g_assert_true (finds (store, "turn-and-talk", b));
  g_assert_true (finds (store, "Debrief:", b));
  g_assert_true (finds (store, "MP3", b));
  g_assert_cmpuint (n_hits (store, "-"), ==, 0);
  g_assert_cmpuint (n_hits (store, ":"), ==, 0);
  g_assert_cmpuint (n_hits (store, "\"unbalanced"), ==, 0);
  g_assert_cmpuint (n_hits (store, "a:b -c NEAR( *"), ==, 0);
  /* operators are words like any other */
  g_assert_cmpuint (n_hits (store, "AND"), >, 0);
  g_assert_cmpuint (n_hits (store, "NEAR"), ==, 0);

  /* the title outranks the body; snippets mark the match */
  g_free (cb_test_create (store, "school", "name", "Tangram Street School", NULL));
  hits = cb_store_search (store, "tangram", NULL, 10, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = hits->pdata[0];
  g_assert_cmpstr (hit->kind, ==, "school");
  hit = hits->pdata[1];
  g_assert_nonnull (strstr (hit->snippet, "\002tangram\003"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = cb_store_search (store, "tangram", "observation", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* updates and deletes keep the index right */
  g_assert_true (cb_store_set (store, a, "strengths", "Clear goal posted", &error));
  assert_fts_ok (store);
  g_assert_false (finds (store, "productive", a));
  g_assert_true (finds (store, "goal", a));
  g_assert_true (cb_store_delete (store, a, &error));
  assert_fts_ok (store);
  g_assert_false (finds (store, "goal", a));
  g_assert_true (cb_store_restore (store, a, &error));
  g_assert_true (finds (store, "goal", a));

  /* every text field of every kind is indexed */
  {
    guint n_kinds;
    const CbKind *kinds = cb_kinds (&n_kinds);
    for (guint k = 0; k < n_kinds; k++)
      for (guint f = 0; f < kinds[k].n_fields; f++)
        {
          const CbField *field = &kinds[k].fields[f];
          g_autofree char *word = NULL;
          g_autofree char *uuid = NULL;
          const char *names[1];
          const char *values[1];

          if (!cb_field_is_text (field))
            continue;
          g_assert_true (field->flags & CB_FIELD_SEARCH);
          word = g_strdup_printf ("zq%sx%u", kinds[k].name, f);
          for (char *p = word; *p; p++)
            if (*p == '_')
              *p = 'u';
          names[0] = field->name;
          values[0] = word;
          uuid = cb_store_create (store, kinds[k].name, names, values, 1, &error);
          g_assert_no_error (error);
          g_assert_true (finds (store, word, uuid));
        }
  }
  assert_fts_ok (store);
}

static CbSearchHit *
hit_for (GPtrArray  *hits,
         const char *uuid)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((CbSearchHit *) hits->pdata[i])->uuid, uuid))
      return hits->pdata[i];
  return NULL;
}

/* A person's or school's name finds the records that name them. */
static void
test_search_referencing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln Elementary", NULL);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Núñez", "school", school, NULL);
  g_autofree char *ben = cb_test_create (store, "person", "name", "Ben Ortiz", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Unit 3 Lesson 4",
                                         "teacher", ana, "date", "2026-12-07", NULL);
  g_autofree char *gone = cb_test_create (store, "observation", "lesson", "Unit 2 Lesson 1",
                                          "teacher", ana, NULL);
  g_autofree char *other = cb_test_create (store, "observation", "lesson", "Unit 1 Lesson 9",
                                           "teacher", ben, "school", school, NULL);
  g_autofree char *coplan = NULL;
  g_autofree char *action = cb_test_create (store, "action_item", "text", "Try a number talk",
                                            "owner", ana, NULL);
  g_autofree char *session = cb_test_create (store, "pd_session", "title", "Launch day", NULL);
  g_autofree char *attendance = cb_test_create (store, "attendance", "session", session,
                                                "person", ana, "present", "1", NULL);
  g_autoptr(GPtrArray) hits = NULL;
  CbSearchHit *hit;

  {
    g_autofree char *teachers = g_strdup_printf ("%s %s", ben, ana);
    coplan = cb_test_create (store, "coplan", "lesson", "Fractions on a line", "teachers", teachers, NULL);
  }
  g_assert_true (cb_store_delete (store, gone, &error));

  /* accents folded: "nunez" finds Ana Núñez, then what names her */
  hits = cb_store_search (store, "nunez", NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 5);
  g_assert_cmpstr (((CbSearchHit *) hits->pdata[0])->uuid, ==, ana);
  g_assert_nonnull (hit_for (hits, obs));
  g_assert_nonnull (hit_for (hits, coplan));
  g_assert_nonnull (hit_for (hits, action));
  /* an attendance line stands for its PD session */
  g_assert_nonnull (hit_for (hits, session));
  g_assert_null (hit_for (hits, attendance));
  g_assert_null (hit_for (hits, gone));
  g_assert_null (hit_for (hits, other));
  hit = hit_for (hits, obs);
  g_assert_cmpstr (hit->snippet, ==, "Teacher: \002Ana Núñez\003");
  g_assert_cmpstr (hit->date, ==, "2026-12-07");
  g_assert_cmpstr (hit_for (hits, coplan)->snippet, ==, "Teachers: \002Ana Núñez\003");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* both words of the name; a word of no name finds nobody's records */
  g_assert_true (finds (store, "ana nun", obs));
  g_assert_false (finds (store, "ana ortiz", obs));
  g_assert_false (finds (store, "nunez fractions", obs));

  /* a school's name: its people and the records that name it */
  hits = cb_store_search (store, "lincoln", NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CbSearchHit *) hits->pdata[0])->uuid, ==, school);
  g_assert_nonnull (hit_for (hits, ana));
  g_assert_nonnull (hit_for (hits, other));
  g_assert_null (hit_for (hits, obs));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* of one kind: only those; choosing a person, only people */
  hits = cb_store_search (store, "nunez", "observation", 50, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((CbSearchHit *) hits->pdata[0])->uuid, ==, obs);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = cb_store_search (store, "lincoln", "person", 50, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* renamed: found by the new name only */
  g_assert_true (cb_store_set (store, ana, "name", "Ana Soto", &error));
  g_assert_false (finds (store, "nunez", obs));
  g_assert_true (finds (store, "soto", obs));
}

/* Look-alike lines tell their parent and date apart; a capped search
 * says how many it found in all. */
static void
test_search_context_and_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *o1 = cb_test_create (store, "observation", "lesson", "Unit 3 Lesson 4",
                                        "date", "2026-11-02", NULL);
  g_autofree char *o2 = cb_test_create (store, "observation", "lesson", "Unit 3 Lesson 5",
                                        "date", "2026-11-09", NULL);
  g_autofree char *e1 = cb_test_create (store, "evidence", "observation", o1, "text", "Counts on", NULL);
  g_autofree char *e2 = cb_test_create (store, "evidence", "observation", o2, "text", "Counts on", NULL);
  g_autoptr(GPtrArray) hits = NULL;
  CbSearchCount count = { 0 };
  CbSearchHit *hit;

  hits = cb_store_search_full (store, "counts", "evidence", 50, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpuint (count.n, ==, 2);
  g_assert_false (count.more);
  hit = hit_for (hits, e1);
  g_assert_cmpstr (hit->parent_kind, ==, "observation");
  g_assert_cmpstr (hit->parent_title, ==, "Unit 3 Lesson 4");
  g_assert_cmpstr (hit->date, ==, "2026-11-02");
  hit = hit_for (hits, e2);
  g_assert_cmpstr (hit->parent_title, ==, "Unit 3 Lesson 5");
  g_assert_cmpstr (hit->date, ==, "2026-11-09");
  g_clear_pointer (&hits, g_ptr_array_unref);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *lesson = g_strdup_printf ("Ratios lesson %u", i);
      g_free (cb_test_create (store, "observation", "lesson", lesson, NULL));
    }
  hits = cb_store_search_full (store, "ratios", NULL, 10, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 10);
  g_assert_cmpuint (count.n, ==, 40);
  g_assert_false (count.more);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/build-query", test_build_query);
  g_test_add_func ("/search/search", test_search);
  g_test_add_func ("/search/referencing", test_search_referencing);
  g_test_add_func ("/search/context-and-count", test_search_context_and_count);
  return g_test_run ();
}
