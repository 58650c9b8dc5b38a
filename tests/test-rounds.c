/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Instructional rounds with three observers. The facilitator sets up a
 * visit and hands it to three observers, each on a database of their
 * own; each takes notes in four classrooms. They exchange files in
 * different orders, some twice, and the facilitator's database ends
 * with every note exactly once. The data picture that coachbook-cli
 * writes (read with pdftotext) names no teacher and holds no private
 * marker; classroom labels appear only once the group chooses them.
 *
 * Usage: test-rounds --tap PATH-TO-coachbook-cli */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-rounds.h"
#include "cb-test-util.h"

static const char *cli_path;

static const char * const teachers[] = { "Teresa Quintanilla", "Marcus Oyelaran" };
static const char * const rooms[] = { "Room 101", "Room 102", "Room 103", "Room 104" };
static const char * const observers[] = { "Ana", "Ben", "Chloe" };

#define PRIVATE_MARK "PRIVATE-MARKER"

typedef struct
{
  char    *dir;
  char    *db;
  char    *visit;
  char    *look_fors[3];
  GPtrArray *texts;             /* every shared note's text */
} Rounds;

static char *
path_in (Rounds     *r,
         const char *name)
{
  return g_build_filename (r->dir, name, NULL);
}

/* The facilitator's visit: two teachers on file, three look-fors, and
 * a private note that must never show. */
static void
set_up_visit (Rounds  *r,
              CbStore *store)
{
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln Elementary", NULL);
  g_autofree char *framework = cb_test_create (store, "framework", "name", "Rounds focus", NULL);
  const char *names[] = { "Students explain their reasoning", "Teacher poses purposeful questions",
                          "Students use representations" };
  g_autofree char *focus = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (teachers); i++)
    g_free (cb_test_create (store, "person", "name", teachers[i], "role", "teacher", "school", school, NULL));
  for (guint i = 0; i < 3; i++)
    r->look_fors[i] = cb_test_create (store, "look_for", "framework", framework, "name", names[i], NULL);
  focus = g_strjoin (" ", r->look_fors[0], r->look_fors[1], r->look_fors[2], NULL);
  r->visit = cb_test_create (store, "rounds_visit", "title", "Spring rounds", "school", school,
                             "date", "2026-03-12",
                             "problem", "Students rarely explain why a strategy works.",
                             "look_fors", focus, "show_classrooms", "0",
                             "private_notes", PRIVATE_MARK " visit: Quintanilla was upset", NULL);
  /* the schedule, with a teacher no person record names, and a room
   * no note was taken in */
  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    g_free (cb_test_create (store, "rounds_slot", "visit", r->visit, "classroom", rooms[i],
                            "grade", "4", "start", i == 0 ? "9:00" : "9:20", "end", i == 0 ? "9:20" : "9:40",
                            "teacher", i == 2 ? "Odalys Fairweather" : "", NULL));
  g_free (cb_test_create (store, "rounds_slot", "visit", r->visit, "classroom", "Library 9", NULL));
  g_free (cb_test_create (store, "rounds_note", "visit", r->visit, "text", PRIVATE_MARK " note",
                          "classroom", "Room 101", "privacy", "private", NULL));
}

/* @observer's notes: three per classroom, each tagged; the teacher's
 * name kept on one (the group chose to) and typed into another. */
static void
take_notes (Rounds     *r,
            CbStore    *store,
            guint       observer)
{
  for (guint c = 0; c < G_N_ELEMENTS (rooms); c++)
    for (guint n = 0; n < 3; n++)
      {
        g_autofree char *at = g_strdup_printf ("%u", c * 900 + n * 60);
        char *text = n == 2 && c == 1
          ? g_strdup_printf ("%s: Marcus Oyelaran asked the class why 3/4 > 2/3 (%u)", observers[observer], c)
          : n == 1 && c == 2
          ? g_strdup_printf ("%s: Odalys Fairweather's class near Library 9 (%u)", observers[observer], c)
          : g_strdup_printf ("%s in %s: line %u, students compared strategies", observers[observer], rooms[c], n);

        g_free (cb_test_create (store, "rounds_note", "visit", r->visit, "at", at, "text", text,
                                "classroom", rooms[c], "look_for", r->look_fors[(c + n) % 3],
                                "teacher", c == 0 && n == 0 ? teachers[0] : "", NULL));
        g_ptr_array_add (r->texts, text);
      }
}

static GPtrArray *
board_notes (CbStore    *store,
             const char *visit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *notes = cb_store_children (store, "rounds_note", visit, &error);

  g_assert_no_error (error);
  return notes;
}

/* Every shared note once, and the facilitator's private one. */
static void
assert_every_note_once (Rounds  *r,
                        CbStore *store)
{
  g_autoptr(GPtrArray) notes = board_notes (store, r->visit);
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) texts = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (notes->len, ==, r->texts->len + 1);
  for (guint i = 0; i < notes->len; i++)
    {
      CbRecord *note = g_ptr_array_index (notes, i);

      g_assert_true (g_hash_table_add (uuids, (gpointer) cb_record_get_uuid (note)));
      g_assert_true (g_hash_table_add (texts, (gpointer) cb_record_get (note, "text")));
      g_assert_cmpuint (cb_record_get_n_conflicts (note), ==, 0);
    }
  for (guint i = 0; i < r->texts->len; i++)
    g_assert_true (g_hash_table_contains (texts, g_ptr_array_index (r->texts, i)));
}

/* The debrief on the facilitator's laptop: a pattern card filled with
 * three lines, predictions and the next level of work. */
static void
debrief (Rounds  *r,
         CbStore *store)
{
  g_autoptr(GPtrArray) notes = board_notes (store, r->visit);
  g_autofree char *card = cb_test_create (store, "rounds_pattern", "visit", r->visit, "position", "1",
                                          "title", "Students compare strategies",
                                          "description", "In most rooms students set strategies side by side.",
                                          NULL);
  g_autoptr(GError) error = NULL;
  guint tagged = 0;

  /* a line naming a scheduled teacher and room, and two more: all
   * three are the card's example lines */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < notes->len && tagged < 3; i++)
      {
        CbRecord *note = g_ptr_array_index (notes, i);
        const char *text = cb_record_get (note, "text");

        if (g_str_has_prefix (text, PRIVATE_MARK) || (strstr (text, "Fairweather") != NULL) != (pass == 0) ||
            (pass == 0 && tagged > 0))
          continue;
        g_assert_true (cb_store_set (store, cb_record_get_uuid (note), "pattern", card, &error));
        g_assert_no_error (error);
        tagged++;
      }
  g_assert_true (cb_store_set (store, r->visit, "predictions",
                               "Students would learn that several strategies can work.", &error));
  g_assert_true (cb_store_set (store, r->visit, "next_month",
                               "Plan one compare-and-connect routine per week.", &error));
  g_assert_no_error (error);
}

/* With CB_SCREENSHOT_DIR set, the PDF is kept there as @name. */
static void
keep_pdf (const char *pdf,
          const char *name)
{
  const char *dir = g_getenv ("CB_SCREENSHOT_DIR");
  g_autoptr(GFile) from = g_file_new_for_path (pdf);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  g_mkdir_with_parents (dir, 0755);
  to = g_file_new_build_filename (dir, name, NULL);
  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
picture_text (Rounds     *r,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = path_in (r, "picture.pdf");
  const char *cli[] = { cli_path, "--db", r->db, "picture", r->visit, "-o", pdf, NULL };
  const char *totext[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) cli, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("coachbook-cli picture failed: %s", err);
  keep_pdf (pdf, name);
  g_assert_true (g_spawn_sync (NULL, (char **) totext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_no_teacher (const char *text)
{
  g_assert_null (strstr (text, PRIVATE_MARK));
  g_assert_null (strstr (text, "upset"));
  g_assert_null (strstr (text, "Quintanilla"));
  g_assert_null (strstr (text, "Oyelaran"));
  g_assert_null (strstr (text, "Teresa"));
  g_assert_null (strstr (text, "Marcus"));
  g_assert_null (strstr (text, "Fairweather"));
}

static void
test_three_observers (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  Rounds r = { .dir = dir, .texts = g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(CbStore) facilitator = NULL;
  CbStore *obs[3];
  g_autofree char *visit_file = NULL, *text = NULL, *chosen = NULL;

  if (cli_path == NULL || g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("needs coachbook-cli and pdftotext (poppler-utils)");
      g_ptr_array_unref (r.texts);
      return;
    }
  r.db = path_in (&r, "facilitator.db");
  visit_file = path_in (&r, "visit.xml");
  facilitator = cb_test_open_store (r.db, "Facilitator");
  set_up_visit (&r, facilitator);
  cb_test_export (facilitator, visit_file);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;

      obs[i] = cb_store_open_memory (&error);
      g_assert_no_error (error);
      cb_store_set_author (obs[i], observers[i]);
      cb_import_report_free (cb_test_import_ok (obs[i], visit_file));
      take_notes (&r, obs[i], i);
    }

  /* Ana hands her file to Ben, Chloe hers to Ana; Ben's (with Ana's
   * notes in it) reaches the facilitator before Ana's and Chloe's, and
   * some files arrive twice. */
  {
    g_autofree char *a = path_in (&r, "a.xml"), *b = path_in (&r, "b.xml"), *c = path_in (&r, "c.xml");

    cb_test_exchange (obs[0], obs[1], a);
    cb_test_exchange (obs[2], obs[0], c);
    cb_test_exchange (obs[1], facilitator, b);
    cb_test_exchange (obs[0], facilitator, a);
    cb_import_report_free (cb_test_import_ok (facilitator, b));
    cb_test_exchange (obs[2], facilitator, c);
    cb_test_exchange (facilitator, obs[1], b);
    cb_test_exchange (obs[1], facilitator, b);
  }
  assert_every_note_once (&r, facilitator);
  for (guint i = 0; i < 3; i++)
    g_object_unref (obs[i]);

  debrief (&r, facilitator);
  g_clear_object (&facilitator);

  text = picture_text (&r, "rounds-picture.pdf");
  assert_no_teacher (text);
  g_assert_nonnull (strstr (text, "Spring rounds"));
  g_assert_nonnull (strstr (text, "Students explain their reasoning"));
  g_assert_nonnull (strstr (text, "Students compare strategies"));
  g_assert_nonnull (strstr (text, "several strategies can work"));
  g_assert_nonnull (strstr (text, "compare-and-connect"));
  g_assert_nonnull (strstr (text, "36 notes in 4 classrooms"));
  g_assert_null (strstr (text, "Room 10"));
  g_assert_null (strstr (text, "Library 9"));
  g_assert_nonnull (strstr (text, "[teacher]'s class near [classroom]"));

  /* The group chooses to show classroom labels: still no teacher. */
  facilitator = cb_test_open_store (r.db, "Facilitator");
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (cb_store_set (facilitator, r.visit, "show_classrooms", "1", &error));
    g_assert_no_error (error);
  }
  g_clear_object (&facilitator);
  chosen = picture_text (&r, "rounds-picture-classrooms.pdf");
  assert_no_teacher (chosen);
  g_assert_nonnull (strstr (chosen, "Room 104"));

  for (guint i = 0; i < 3; i++)
    g_free (r.look_fors[i]);
  g_free (r.visit);
  g_free (r.db);
  g_ptr_array_unref (r.texts);
  cb_test_rmtree (dir);
}

static void
test_hide_names (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *out = NULL;

  g_ptr_array_add (names, (gpointer) "Ana Ruiz");
  g_ptr_array_add (names, (gpointer) "B");
  out = cb_rounds_hide_names ("ANA RUIZ asked Ben (ana ruiz) why.", names, "[teacher]");
  g_assert_cmpstr (out, ==, "[teacher] asked Ben ([teacher]) why.");
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

  g_test_add_func ("/rounds/hide-names", test_hide_names);
  g_test_add_func ("/rounds/three-observers", test_three_observers);
  return g_test_run ();
}
