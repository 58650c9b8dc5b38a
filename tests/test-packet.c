/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The debrief packet: `coachbook-cli packet` on a database built here,
 * read back with pdftotext. What the observation shares with the
 * teacher is in the PDF; every planted private marker (a private line,
 * private notes, a private action, a private co-plan, a private tally,
 * a private owner, a deleted line) is not. Also the refusals, and the
 * layout API used by the app's print operation.
 *
 * Usage: test-packet --tap PATH-TO-coachbook-cli */

#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "cb-packet.h"
#include "cb-exchange-test-util.h"
#include "cb-test-util.h"

static const char *cli_path;

typedef struct
{
  char    *dir;
  char    *db;
  CbStore *store;
  char    *obs;          /* team, shared with the teacher */
  char    *private_obs;
  char    *unshared_obs;
  char    *teacher_obs;  /* privacy "teacher", flag off */
} Fixture;

static const char * const shared_markers[] = {
  "SHAREDSTRENGTH", "SHAREDWONDERING", "SHAREDNEXTSTEP", "SHAREDLINE", "SHAREDACTION",
  "SHAREDLOGACTION", "SHAREDGOAL", "María José Núñez", "Sycamore Grove",
};

static const char * const private_markers[] = {
  "PRIVATEOBSNOTE", "PRIVATEPERSONNOTE", "PRIVATELINE", "DELETEDLINE", "PRIVATEACTION",
  "OTHERACTION", "PRIVATECOPLAN", "PRIVATETALLY", "PRIVATEOWNER", "PRIVATELOGACTION",
  "PRIVATECOPLANNOTE",
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) look_fors = NULL;
  g_autofree char *school = NULL;
  g_autofree char *teacher = NULL;
  g_autofree char *secret_owner = NULL;
  g_autofree char *coplan = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *shared_log = NULL;
  g_autofree char *private_log = NULL;
  g_autofree char *focus = NULL;
  CbFilter filter = { 0 };
  const char *lf1, *lf2;

  f->dir = cb_test_tmpdir ();
  f->db = g_build_filename (f->dir, "cb.db", NULL);
  f->store = cb_store_open (f->db, &error);
  g_assert_no_error (error);
  cb_store_set_author (f->store, "Coach Rivera");

  filter.kind = "look_for";
  look_fors = cb_store_list (f->store, &filter, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (look_fors->len, ==, 2);
  lf1 = cb_record_get_uuid (g_ptr_array_index (look_fors, 0));
  lf2 = cb_record_get_uuid (g_ptr_array_index (look_fors, 1));
  focus = g_strdup_printf ("%s %s", lf1, lf2);

  school = cb_test_create (f->store, "school", "name", "Sycamore Grove Elementary", NULL);
  teacher = cb_test_create (f->store, "person", "name", "María José Núñez", "role", "teacher",
                            "school", school, "private_notes", "PRIVATEPERSONNOTE", NULL);
  secret_owner = cb_test_create (f->store, "person", "name", "PRIVATEOWNER", "role", "coach",
                                 CB_FIELD_PRIVACY, "private", NULL);
  coplan = cb_test_create (f->store, "coplan", "lesson", "Fractions", "learning_goal",
                           "SHAREDGOAL students compare fractions with a number line",
                           "private_notes", "PRIVATECOPLANNOTE", NULL);

  f->obs = cb_test_create (f->store, "observation", "lesson", "Unit 3 Lesson 4: Equivalent fractions",
                           "teacher", teacher, "school", school, "date", "2025-10-14",
                           "start_time", "09:05", "end_time", "09:55", "grade", "4",
                           "class_period", "Room 12", "focus", focus, "coplan", coplan,
                           "strengths", "SHAREDSTRENGTH students explained why 2/4 = 1/2\n"
                                        "Wait time after every question",
                           "wonderings", "SHAREDWONDERING what if partners compared strategies?",
                           "next_steps", "SHAREDNEXTSTEP plan two focusing questions for the launch",
                           "shared_with_teacher", "1",
                           "private_notes", "PRIVATEOBSNOTE teacher seemed tired", NULL);

  g_free (cb_test_create (f->store, "evidence", "observation", f->obs, "offset", "0", "type", "phase",
                          "phase", "launch", "text", "Launch", NULL));
  g_free (cb_test_create (f->store, "evidence", "observation", f->obs, "offset", "95", "type", "note",
                          "text", "SHAREDLINE T asks: how do you know 2/4 = 1/2?", "tags", lf1, NULL));
  g_free (cb_test_create (f->store, "evidence", "observation", f->obs, "offset", "140", "type", "note",
                          "text", "PRIVATELINE a note the teacher will not see",
                          CB_FIELD_PRIVACY, "private", NULL));
  deleted = cb_test_create (f->store, "evidence", "observation", f->obs, "offset", "150",
                            "type", "note", "text", "DELETEDLINE typed by mistake", NULL);
  g_assert_true (cb_store_delete (f->store, deleted, &error));
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *offset = g_strdup_printf ("%d", 200 + i * 45);
      g_autofree char *text = g_strdup_printf ("Line %d: students compare ½ and ²⁄₄ on a number line, "
                                               "“¿son iguales?”, and explain to a partner", i);
      g_free (cb_test_create (f->store, "evidence", "observation", f->obs, "offset", offset,
                              "type", "note", "text", text, "tags", i % 3 ? lf2 : "", NULL));
    }

  g_free (cb_test_create (f->store, "tally", "observation", f->obs, "name", "funneling", "count", "3",
                          "marks", "120\n700\n1500", NULL));
  g_free (cb_test_create (f->store, "tally", "observation", f->obs, "name", "focusing", "count", "4",
                          "marks", "300\n360\n1900\n2500", NULL));
  g_free (cb_test_create (f->store, "tally", "observation", f->obs, "name", "teacher_talk", "seconds", "1500", NULL));
  g_free (cb_test_create (f->store, "tally", "observation", f->obs, "name", "student_talk", "seconds", "900", NULL));
  g_free (cb_test_create (f->store, "tally", "observation", f->obs, "name", "custom", "label", "PRIVATETALLY",
                          "count", "2", CB_FIELD_PRIVACY, "private", NULL));

  g_free (cb_test_create (f->store, "action_item", "text", "SHAREDACTION try a number talk on Monday",
                          "owner", teacher, "due", "2025-10-21", "status", "open", "source", f->obs, NULL));
  g_free (cb_test_create (f->store, "action_item", "text", "PRIVATEACTION talk to the principal",
                          "due", "2025-10-22", "source", f->obs, CB_FIELD_PRIVACY, "private", NULL));
  g_free (cb_test_create (f->store, "action_item", "text", "Coach models a launch", "owner", secret_owner,
                          "due", "2025-10-23", "source", f->obs, NULL));

  shared_log = cb_test_create (f->store, "coaching_log", "date", "2025-10-14", "observation", f->obs, NULL);
  g_free (cb_test_create (f->store, "action_item", "text", "SHAREDLOGACTION bring student work",
                          "source", shared_log, NULL));
  private_log = cb_test_create (f->store, "coaching_log", "date", "2025-10-14", "observation", f->obs,
                                CB_FIELD_PRIVACY, "private", NULL);
  g_free (cb_test_create (f->store, "action_item", "text", "PRIVATELOGACTION from a private log",
                          "source", private_log, NULL));

  f->private_obs = cb_test_create (f->store, "observation", "lesson", "Other lesson", "teacher", teacher,
                                   "shared_with_teacher", "1", CB_FIELD_PRIVACY, "private", NULL);
  f->unshared_obs = cb_test_create (f->store, "observation", "lesson", "Not shared", "teacher", teacher,
                                    "strengths", "UNSHAREDSTRENGTH", NULL);
  g_free (cb_test_create (f->store, "action_item", "text", "OTHERACTION for another lesson",
                          "source", f->unshared_obs, NULL));
  f->teacher_obs = cb_test_create (f->store, "observation", "lesson", "Teacher tier", "teacher", teacher,
                                   "strengths", "TEACHERTIER", CB_FIELD_PRIVACY, "teacher", NULL);

  /* private co-plans keep their goal out of the packet */
  {
    g_autofree char *secret_plan = cb_test_create (f->store, "coplan", "learning_goal", "PRIVATECOPLAN",
                                                   CB_FIELD_PRIVACY, "private", NULL);
    g_assert_true (cb_store_set (f->store, f->teacher_obs, "coplan", secret_plan, &error));
    g_assert_no_error (error);
  }

  /* the CLI opens the file itself */
  g_clear_object (&f->store);
  f->store = cb_store_open (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cb_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->obs);
  g_free (f->private_obs);
  g_free (f->unshared_obs);
  g_free (f->teacher_obs);
}

/* Runs the CLI; returns its exit status, stderr in @err. */
static int
run_cli (const char * const *args,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, &status, &error));
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, NULL);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
need_tools (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (cli_path == NULL)
    {
      g_test_skip ("no coachbook-cli given");
      return FALSE;
    }
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return FALSE;
    }
  return TRUE;
}

static void
test_cli_packet (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "packet.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  const char *args[] = { "--db", f->db, "packet", f->obs, "-o", pdf, "--paper", "letter", NULL };
  gsize len;

  if (!need_tools ())
    return;
  g_assert_cmpint (run_cli (args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (pdf, &head, &len, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));

  text = pdf_text (pdf);
  for (guint i = 0; i < G_N_ELEMENTS (shared_markers); i++)
    if (strstr (text, shared_markers[i]) == NULL)
      g_error ("“%s” is missing from the packet:\n%s", shared_markers[i], text);
  for (guint i = 0; i < G_N_ELEMENTS (private_markers); i++)
    if (strstr (text, private_markers[i]) != NULL)
      g_error ("the private “%s” is in the packet", private_markers[i]);
  /* the long timeline went onto more pages */
  g_assert_nonnull (strstr (text, "Page 2 of"));
  g_assert_nonnull (strstr (text, "Line 59"));
  g_assert_nonnull (strstr (text, "Strengths"));
  g_assert_nonnull (strstr (text, "Next steps"));
}

static void
test_cli_refusals (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "refused.pdf", NULL);
  struct { const char *uuid; const char *paper; int status; } cases[] = {
    { f->private_obs, "a4", 1 },
    { f->unshared_obs, "a4", 1 },
    { "00000000-0000-4000-8000-000000000000", "a4", 1 },
    { f->obs, "tabloid", 2 },
  };

  if (!need_tools ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      const char *args[] = { "--db", f->db, "packet", cases[i].uuid, "-o", pdf, "--paper", cases[i].paper, NULL };

      g_assert_cmpint (run_cli (args, &err), ==, cases[i].status);
      g_assert_true (g_str_has_prefix (err, "coachbook-cli: "));
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }
  {
    g_autofree char *err = NULL;
    const char *no_output[] = { "--db", f->db, "packet", f->obs, NULL };
    const char *no_uuid[] = { "--db", f->db, "packet", "-o", pdf, NULL };

    g_assert_cmpint (run_cli (no_output, &err), ==, 2);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (no_uuid, &err), ==, 2);
  }
}

/* The privacy tier "teacher" shares an observation without the flag. */
static void
test_teacher_tier (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "tier.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char *args[] = { "--db", f->db, "packet", f->teacher_obs, "-o", pdf, NULL };

  if (!need_tools ())
    return;
  g_assert_cmpint (run_cli (args, &err), ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "TEACHERTIER"));
  g_assert_null (strstr (text, "PRIVATECOPLAN"));
  g_assert_null (strstr (text, "OTHERACTION"));
}

/* The coaching cycle's goal and progress go in when the cycle is shared
 * with the teacher, never its private notes; a team cycle stays out. */
static void
test_cycle (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "cycle.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cycle = NULL;
  const char *args[] = { "--db", f->db, "packet", f->obs, "-o", pdf, NULL };

  if (!need_tools ())
    return;
  cycle = cb_test_create (f->store, "cycle", "goal", "SHAREDCYCLEGOAL students explain their strategy",
                          "measure", "Share of exit tickets with an explanation", "unit", "%",
                          "baseline", "20", "target", "60", "target_date", "2025-11-12",
                          "private_notes", "PRIVATECYCLENOTE", CB_FIELD_PRIVACY, "teacher", NULL);
  g_free (cb_test_create (f->store, "data_point", "cycle", cycle, "date", "2025-10-08", "value", "35", NULL));
  g_free (cb_test_create (f->store, "data_point", "cycle", cycle, "date", "2025-10-20", "value", "99",
                          CB_FIELD_PRIVACY, "private", NULL));
  g_assert_true (cb_store_set (f->store, f->obs, "cycle", cycle, &error));
  if (run_cli (args, &err) != 0)
    g_error ("%s", err);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Our coaching cycle"));
  g_assert_nonnull (strstr (text, "SHAREDCYCLEGOAL"));
  g_assert_nonnull (strstr (text, "Baseline 20 % · Latest 35 % (2025-10-08) · Target 60 % by 2025-11-12"));
  g_assert_null (strstr (text, "PRIVATECYCLENOTE"));
  g_assert_null (strstr (text, "99"));

  g_assert_true (cb_store_set (f->store, cycle, CB_FIELD_PRIVACY, "team", &error));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (args, &err), ==, 0);
  text = pdf_text (pdf);
  g_assert_null (strstr (text, "SHAREDCYCLEGOAL"));
}

/* Student work of the observation and of its monitoring chart goes in
 * with its caption; a private sample stays out. */
static void
test_student_work (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "work.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *photo = cb_test_tiny_photo (0x3366cc);
  g_autofree char *row = cb_test_create (f->store, "monitor", "observation", f->obs, "position", "0",
                                         "strategy", "Bar model", NULL);
  const char *args[] = { "--db", f->db, "packet", f->obs, "-o", pdf, NULL };

  if (!need_tools ())
    return;
  g_free (cb_test_create (f->store, "student_work", "parent", row, "title", "SHAREDSAMPLE bar model",
                          "level", "high", "students", "AB", "photo", photo, NULL));
  g_free (cb_test_create (f->store, "student_work", "parent", f->obs, "title", "SECONDSAMPLE exit ticket",
                          "photo", photo, NULL));
  g_free (cb_test_create (f->store, "student_work", "parent", f->obs, "title", "PRIVATESAMPLE",
                          "photo", photo, CB_FIELD_PRIVACY, "private", NULL));
  if (run_cli (args, &err) != 0)
    g_error ("%s", err);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Student work"));
  g_assert_nonnull (strstr (text, "SHAREDSAMPLE bar model · high · AB"));
  g_assert_nonnull (strstr (text, "SECONDSAMPLE"));
  g_assert_null (strstr (text, "PRIVATESAMPLE"));
}

/* The API the print operation uses: the same pages on any cairo_t. */
static void
test_api (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbPacket) packet = cb_packet_new (f->store, f->obs, &error);
  g_autofree char *name = NULL;
  guint a4, letter, small;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (cb_packet_get_title (packet), "María José Núñez"));
  name = cb_packet_get_suggested_filename (packet);
  g_assert_cmpstr (name, ==, "Debrief 2025-10-14 María José Núñez.pdf");

  a4 = cb_packet_get_n_pages (packet, CB_PAPER_A4_WIDTH, CB_PAPER_A4_HEIGHT);
  letter = cb_packet_get_n_pages (packet, CB_PAPER_LETTER_WIDTH, CB_PAPER_LETTER_HEIGHT);
  small = cb_packet_get_n_pages (packet, 300, 400);
  g_assert_cmpuint (a4, >=, 2);
  g_assert_cmpuint (letter, >=, a4);
  g_assert_cmpuint (small, >, letter);
  /* asking again gives the same answer */
  g_assert_cmpuint (cb_packet_get_n_pages (packet, CB_PAPER_A4_WIDTH, CB_PAPER_A4_HEIGHT), ==, a4);

  /* every page draws something, into any surface */
  for (guint page = 0; page < a4; page++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, w, h;

      cb_packet_draw_page (packet, cr, page, CB_PAPER_A4_WIDTH, CB_PAPER_A4_HEIGHT);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      g_assert_cmpfloat (h, >, 100);
      g_assert_cmpfloat (x + w, <=, CB_PAPER_A4_WIDTH);
      g_assert_cmpfloat (y + h, <=, CB_PAPER_A4_HEIGHT);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  g_assert_null (cb_packet_new (f->store, f->private_obs, &error));
  g_assert_error (error, CB_PACKET_ERROR, CB_PACKET_ERROR_PRIVATE);
  g_clear_error (&error);
  g_assert_null (cb_packet_new (f->store, f->unshared_obs, &error));
  g_assert_error (error, CB_PACKET_ERROR, CB_PACKET_ERROR_NOT_SHARED);
  g_clear_error (&error);
  {
    g_autofree char *school = cb_test_create (f->store, "school", "name", "Not an observation", NULL);

    g_assert_null (cb_packet_new (f->store, school, &error));
    g_assert_error (error, CB_PACKET_ERROR, CB_PACKET_ERROR_NOT_AN_OBSERVATION);
    g_clear_error (&error);
  }
  g_assert_true (cb_store_delete (f->store, f->teacher_obs, &error));
  g_assert_null (cb_packet_new (f->store, f->teacher_obs, &error));
  g_assert_error (error, CB_PACKET_ERROR, CB_PACKET_ERROR_DELETED);
  g_clear_error (&error);

  /* a write that cannot happen leaves nothing behind */
  {
    g_autofree char *bad = g_build_filename (f->dir, "missing", "folder", "p.pdf", NULL);

    g_assert_false (cb_packet_write_pdf (packet, bad, CB_PAPER_A4_WIDTH, CB_PAPER_A4_HEIGHT, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

/* An observation with nothing but its header still makes a page. */
static void
test_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbPacket) packet = NULL;
  g_autofree char *obs = NULL;

  g_assert_no_error (error);
  obs = cb_test_create (store, "observation", "shared_with_teacher", "1", NULL);
  packet = cb_packet_new (store, obs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_packet_get_n_pages (packet, CB_PAPER_A4_WIDTH, CB_PAPER_A4_HEIGHT), ==, 1);
}

/* A body longer than a page breaks between its lines. */
static void
test_long_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbPacket) packet = NULL;
  g_autoptr(GString) strengths = g_string_new (NULL);
  g_autofree char *obs = NULL;
  guint n;

  g_assert_no_error (error);
  for (int i = 0; i < 150; i++)
    g_string_append_printf (strengths, "%sStrength number %d, with enough words to wrap onto a second line "
                            "of the packet on A4 paper", i ? "\n" : "", i);
  obs = cb_test_create (store, "observation", "strengths", strengths->str, CB_FIELD_PRIVACY, "teacher", NULL);
  packet = cb_packet_new (store, obs, &error);
  g_assert_no_error (error);
  n = cb_packet_get_n_pages (packet, CB_PAPER_A4_WIDTH, CB_PAPER_A4_HEIGHT);
  g_assert_cmpuint (n, >=, 5);
  for (guint page = 0; page < n; page++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, w, h;

      cb_packet_draw_page (packet, cr, page, CB_PAPER_A4_WIDTH, CB_PAPER_A4_HEIGHT);
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      g_assert_cmpfloat (y + h, <=, CB_PAPER_A4_HEIGHT);
      g_assert_cmpfloat (h, >, 300);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    cli_path = argv[1];

  g_test_add ("/packet/cli", Fixture, NULL, fixture_set_up, test_cli_packet, fixture_tear_down);
  g_test_add ("/packet/cli-refusals", Fixture, NULL, fixture_set_up, test_cli_refusals, fixture_tear_down);
  g_test_add ("/packet/teacher-tier", Fixture, NULL, fixture_set_up, test_teacher_tier, fixture_tear_down);
  g_test_add ("/packet/api", Fixture, NULL, fixture_set_up, test_api, fixture_tear_down);
  g_test_add ("/packet/cycle", Fixture, NULL, fixture_set_up, test_cycle, fixture_tear_down);
  g_test_add ("/packet/student-work", Fixture, NULL, fixture_set_up, test_student_work, fixture_tear_down);
  g_test_add_func ("/packet/minimal", test_minimal);
  g_test_add_func ("/packet/long-text", test_long_text);

  return g_test_run ();
}
