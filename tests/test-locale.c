/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The interface in Spanish: durations, dates and the built-in look-for
 * catalog, with the catalogs the build made (po/es/LC_MESSAGES). Runs
 * in C.UTF-8 with LANGUAGE=es, as on a machine with no Spanish locale. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cb-locale.h"
#include "cb-reports.h"
#include "cb-state.h"
#include "cb-store.h"
#include "cb-test-util.h"

/* "Pose purposeful questions", NCTM teaching practice 5 */
#define TP5 "07f39a72-4588-4220-b081-edf283d5ff21"

static void
test_durations (void)
{
  struct { double hours; const char *text; } cases[] = {
    { 23.08, "23 h 5 min" },
    { 2, "2 h" },
    { 0.75, "45 min" },
    { 40.5, "40 h 30 min" },
    { 0, "0 min" },
    { -3, "0 min" },
    { 1.9999, "2 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cb_format_hours_duration (cases[i].hours);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *text = cb_format_minutes (65);
    g_assert_cmpstr (text, ==, "1 h 5 min");
  }
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (2026, 12, 7, 9, 30, 0);
  g_autofree char *heading = cb_date_time_format (dt, _("%A, %B %-d"));
  g_autofree char *month = cb_date_time_format (dt, _("%B %Y"));
  g_autofree char *literal = cb_date_time_format (dt, "%%A %a %b %H:%M");

  /* the names come from Coachbook's catalog, not from a locale that
   * is not installed */
  g_assert_cmpstr (heading, ==, "lunes, 7 de diciembre");
  g_assert_cmpstr (month, ==, "diciembre de 2026");
  g_assert_cmpstr (literal, ==, "%A lun dic 09:30");
}

static void
test_look_fors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbRecord) lf = NULL;
  g_autoptr(CbRecord) edited = NULL;
  g_autoptr(CbState) state = NULL;
  CbFilter frameworks = { .kind = "framework" };
  g_autoptr(GPtrArray) list = NULL;
  gboolean found = FALSE;

  g_assert_no_error (error);
  lf = cb_store_get (store, TP5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cb_record_get (lf, "name"), ==, "Hacer preguntas con propósito");
  g_assert_true (g_str_has_prefix (cb_record_get (lf, "description"), "Las preguntas piden"));
  g_assert_cmpstr (cb_record_get (lf, "code"), ==, "TP5");

  list = cb_store_list (store, &frameworks, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (cb_record_get (list->pdata[i], "name"), "Estándares para la práctica matemática") == 0)
      found = TRUE;
  g_assert_true (found);

  /* search finds them by the Spanish shown, and shows it */
  {
    g_autoptr(GPtrArray) hits = cb_store_search (store, "preguntas proposito", NULL, 50, &error);
    CbSearchHit *hit;

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >=, 1);
    hit = hits->pdata[0];
    g_assert_cmpstr (hit->uuid, ==, TP5);
    g_assert_cmpstr (hit->title, ==, "Hacer preguntas con propósito");
    g_assert_nonnull (strstr (hit->snippet, "\002preguntas\003"));
    g_clear_pointer (&hits, g_ptr_array_unref);
    /* an English word still finds it, shown in Spanish */
    hits = cb_store_search (store, "purposeful", "look_for", 50, &error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((CbSearchHit *) hits->pdata[0])->title, ==, "Hacer preguntas con propósito");
  }

  /* what is stored, and so exported, stays the catalog's own text */
  state = cb_store_read_state (store, TP5, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < state->values->len; i++)
    {
      CbStamped *v = state->values->pdata[i];
      if (strcmp (v->field, "name") == 0)
        g_assert_cmpstr (v->value, ==, "Pose purposeful questions");
    }

  /* a coach's edit is shown as typed, even when it is the English
   * text; the field not edited stays translated */
  g_assert_true (cb_store_set (store, TP5, "name", "Pose purposeful questions", &error));
  g_assert_no_error (error);
  edited = cb_store_get (store, TP5, &error);
  g_assert_cmpstr (cb_record_get (edited, "name"), ==, "Pose purposeful questions");
  g_assert_true (g_str_has_prefix (cb_record_get (edited, "description"), "Las preguntas piden"));
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *po = g_build_filename (builddir ? builddir : ".", "..", "po", NULL);

  g_setenv ("LANGUAGE", "es", TRUE);
  g_setenv ("COACHBOOK_LOCALEDIR", po, TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANG");
  g_unsetenv ("LC_MESSAGES");
  cb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locale/durations", test_durations);
  g_test_add_func ("/locale/dates", test_dates);
  g_test_add_func ("/locale/look-fors", test_look_fors);
  return g_test_run ();
}
