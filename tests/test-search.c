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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/build-query", test_build_query);
  g_test_add_func ("/search/search", test_search);
  return g_test_run ();
}
