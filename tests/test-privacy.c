/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one privacy rule under conflict. Two laptops exchange files
 * through the real export and import: one makes records private and
 * moves children under private parents (one of them then put in the
 * Trash), the other makes the same records shared and moves the same
 * children under shared parents. Back on the first laptop every one of
 * those records holds a private value among conflicting values, or a
 * private parent among its parents, while the displayed value is the
 * shared one. Then the teacher's packet (read with pdftotext), every
 * spreadsheet and the exchange file, each made by coachbook-cli, must
 * hold no planted marker, and still hold what is shared.
 *
 * Usage: test-privacy --tap PATH-TO-coachbook-cli */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "cb-exchange.h"
#include "cb-generate.h"
#include "cb-privacy.h"
#include "cb-test-util.h"

static const char *cli_path;

/* Planted on records that are private on laptop A by the rule, while
 * the value A displays is shared. */
static const char * const markers[] = {
  "SECRETSCHOOL",      /* a school: privacy {private, teacher} */
  "SECRETTEACHER",     /* the observation's teacher: privacy in conflict */
  "SECRETOWNER",       /* an action's owner: privacy in conflict */
  "SECRETLOOKFOR",     /* a look-for in focus and on a line: privacy in conflict */
  "SECRETFWLOOKFOR",   /* a look-for whose framework's privacy is in conflict */
  "SECRETPRIVLINE",    /* an evidence line: privacy in conflict */
  "SECRETMOVEDLINE",   /* a line moved under a private observation on A, a shared one on B */
  "SECRETTRASHLINE",   /* the same, its private observation then put in the Trash */
  "SECRETTALLY",       /* a tally: privacy in conflict */
  "SECRETACTION",      /* an action item: privacy in conflict */
  "SECRETLOGSUMMARY",  /* a coaching log of the observation: privacy in conflict */
  "SECRETGOAL",        /* the learning goal of a co-plan: privacy in conflict */
  "SECRETNOTE",        /* private notes, private whatever the tier */
  "SECRETINQUIRY",     /* an inquiry cycle: privacy in conflict */
  "SECRETINQPOINT",    /* a data point of that cycle */
};

/* Names of shared people on private attendance rows: a spreadsheet
 * must not list them; the exchange file carries the people (shared),
 * never the rows. */
static const char * const row_markers[] = {
  "SECRETATTENDEE",    /* attendance moved under a private session that went to the Trash */
  "SECRETATTPRIV",     /* attendance: privacy in conflict */
};

/* Shared, so in the outputs: proof that they were made at all. */
/* An action item (shared) of that log: it goes to colleagues, but the
 * packet takes actions only from the observation and its logs that are
 * not private. */
#define LOG_ACTION "LOGACTION"

static const char * const packet_shared[] = { "SHAREDSTRENGTH", "SHAREDLINE", "SHAREDACTION" };
static const char * const log_shared[] = { "SHAREDLOG" };
static const char * const action_shared[] = { "SHAREDACTION", "SHAREDOTHERACTION" };
static const char * const attendance_shared[] = { "SHAREDSESSION", "SHAREDATTENDEE" };
static const char * const inquiry_shared[] = { "SHAREDINQUIRY" };

typedef struct
{
  char    *dir;
  char    *db_a;
  CbStore *a;
  CbStore *b;
  guint    n_files;

  char    *obs;            /* shared with its teacher */
  char    *secret_school;
  char    *secret_teacher;
  char    *moved_line;
  char    *trash_line;
  char    *trash_parent;
  char    *fw_look_for;
  char    *moved_segment;
  char    *moved_attendance;
  char    *obs_private_tier;    /* privacy {private, teacher} */
  char    *obs_team_tier;       /* privacy {teacher, team}, flag off */
  char    *obs_flag_conflict;   /* team, "Shared with teacher" {on, off} */
} Fixture;

/* Exports @from through the real exporter and imports the file into @to. */
static void
exchange (Fixture *f,
          CbStore *from,
          CbStore *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *name = g_strdup_printf ("x%u.coachbook.xml", f->n_files++);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  const char *paths[] = { path, NULL };

  g_assert_true (cb_exchange_export (from, path, NULL, &error));
  g_assert_no_error (error);
  report = cb_exchange_import (to, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

static void
set (CbStore    *store,
     const char *uuid,
     const char *field,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_store_set (store, uuid, field, value, &error));
  g_assert_no_error (error);
}

/* That @field of @uuid holds two values and displays @displayed: the
 * precondition of every leak tested here. */
static void
assert_conflict (CbStore    *store,
                 const char *uuid,
                 const char *field,
                 const char *displayed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = cb_store_get_values (store, uuid, field, &error);
  g_autoptr(CbRecord) record = cb_store_get (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpstr (cb_record_get (record, field), ==, displayed);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db_b = NULL;
  g_autofree char *shared_teacher = NULL;
  g_autofree char *secret_owner = NULL;
  g_autofree char *secret_look_for = NULL;
  g_autofree char *framework = NULL;
  g_autofree char *focus = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *first_obs = NULL;
  g_autofree char *private_obs = NULL;
  g_autofree char *priv_line = NULL;
  g_autofree char *tally = NULL;
  g_autofree char *action = NULL;
  g_autofree char *log = NULL;
  g_autofree char *coplan = NULL;
  g_autofree char *shared_log = NULL;
  g_autofree char *other_log = NULL;
  g_autofree char *private_log = NULL;
  g_autofree char *session = NULL;
  g_autofree char *other_session = NULL;
  g_autofree char *private_session = NULL;
  g_autofree char *attendee = NULL;
  g_autofree char *shared_attendee = NULL;
  g_autofree char *att_priv = NULL;
  g_autoptr(GError) error = NULL;
  const char *now_private[9];
  g_autofree char *inquiry = NULL;
  g_autofree char *secret_inquiry = NULL;
  guint n_private = 0;

  f->dir = cb_test_tmpdir ();
  f->db_a = g_build_filename (f->dir, "a.db", NULL);
  db_b = g_build_filename (f->dir, "b.db", NULL);
  f->a = cb_test_open_store (f->db_a, "Coach Rivera");
  f->b = cb_test_open_store (db_b, "Coach Chen");

  /* laptop A writes everything, shared */
  f->secret_school = cb_test_create (f->a, "school", "name", "SECRETSCHOOL Academy", NULL);
  f->secret_teacher = cb_test_create (f->a, "person", "name", "SECRETTEACHER Ruiz", "role", "teacher",
                                      "school", f->secret_school, "private_notes", "SECRETNOTE person", NULL);
  shared_teacher = cb_test_create (f->a, "person", "name", "Shared Teacher", "role", "teacher", NULL);
  secret_owner = cb_test_create (f->a, "person", "name", "SECRETOWNER Vega", "role", "coach", NULL);
  framework = cb_test_create (f->a, "framework", "name", "Local framework", NULL);
  secret_look_for = cb_test_create (f->a, "look_for", "framework", framework, "name", "SECRETLOOKFOR talk",
                                    NULL);
  f->fw_look_for = cb_test_create (f->a, "look_for", "framework", framework, "name", "SECRETFWLOOKFOR",
                                   NULL);
  focus = g_strdup_printf ("%s %s", secret_look_for, f->fw_look_for);
  coplan = cb_test_create (f->a, "coplan", "lesson", "Fractions", "learning_goal", "SECRETGOAL compare", NULL);

  f->obs = cb_test_create (f->a, "observation", "lesson", "Equivalent fractions", "date", "2025-10-14",
                           "teacher", f->secret_teacher, "school", f->secret_school, "focus", focus,
                           "coplan", coplan, "strengths", "SHAREDSTRENGTH wait time",
                           "shared_with_teacher", "1", "private_notes", "SECRETNOTE observation", NULL);
  first_obs = cb_test_create (f->a, "observation", "lesson", "Where the lines began", NULL);
  f->obs_private_tier = cb_test_create (f->a, "observation", "lesson", "Tier conflict",
                                        CB_FIELD_PRIVACY, "teacher", NULL);
  f->obs_team_tier = cb_test_create (f->a, "observation", "lesson", "Team or teacher",
                                     CB_FIELD_PRIVACY, "team", NULL);
  f->obs_flag_conflict = cb_test_create (f->a, "observation", "lesson", "Flag conflict",
                                         "shared_with_teacher", "0", NULL);

  tags = g_strdup_printf ("%s %s", secret_look_for, f->fw_look_for);
  g_free (cb_test_create (f->a, "evidence", "observation", f->obs, "offset", "30", "type", "note",
                          "text", "SHAREDLINE students compare", "tags", tags, NULL));
  priv_line = cb_test_create (f->a, "evidence", "observation", f->obs, "offset", "60", "type", "note",
                              "text", "SECRETPRIVLINE", NULL);
  f->moved_line = cb_test_create (f->a, "evidence", "observation", first_obs, "offset", "90", "type", "note",
                                  "text", "SECRETMOVEDLINE", NULL);
  f->trash_line = cb_test_create (f->a, "evidence", "observation", first_obs, "offset", "120",
                                  "type", "note", "text", "SECRETTRASHLINE", NULL);
  tally = cb_test_create (f->a, "tally", "observation", f->obs, "name", "custom", "label", "SECRETTALLY",
                          "count", "3", NULL);
  g_free (cb_test_create (f->a, "action_item", "text", "SHAREDACTION number talk", "source", f->obs,
                          "owner", secret_owner, "due", "2025-10-20", NULL));
  action = cb_test_create (f->a, "action_item", "text", "SECRETACTION call the principal", "source", f->obs,
                           "due", "2025-10-21", NULL);
  log = cb_test_create (f->a, "coaching_log", "date", "2025-10-14", "summary", "SECRETLOGSUMMARY",
                        "observation", f->obs, NULL);
  g_free (cb_test_create (f->a, "action_item", "text", LOG_ACTION " bring work", "source", log,
                          "due", "2025-10-22", NULL));
  g_free (cb_test_create (f->a, "action_item", "text", "SHAREDOTHERACTION", "source", log,
                          "owner", shared_teacher, "due", "2025-10-23", CB_FIELD_PRIVACY, "team", NULL));

  shared_log = cb_test_create (f->a, "coaching_log", "date", "2025-10-15", "summary", "SHAREDLOG",
                               "teachers", f->secret_teacher, "school", f->secret_school, NULL);
  g_free (cb_test_create (f->a, "segment", "log", shared_log, "position", "0", "activity", "debrief",
                          "minutes", "25", NULL));
  other_log = cb_test_create (f->a, "coaching_log", "date", "2025-10-16", "summary", "Other log", NULL);
  f->moved_segment = cb_test_create (f->a, "segment", "log", other_log, "position", "1",
                                     "activity", "modeling", "minutes", "777", NULL);

  session = cb_test_create (f->a, "pd_session", "title", "SHAREDSESSION fractions PD", "date", "2025-10-24",
                            NULL);
  other_session = cb_test_create (f->a, "pd_session", "title", "Other session", "date", "2025-10-25", NULL);
  attendee = cb_test_create (f->a, "person", "name", "SECRETATTENDEE Diaz", NULL);
  shared_attendee = cb_test_create (f->a, "person", "name", "SHAREDATTENDEE Lee", NULL);
  f->moved_attendance = cb_test_create (f->a, "attendance", "session", other_session, "person", attendee,
                                        "present", "1", "hours", "3", NULL);
  g_free (cb_test_create (f->a, "attendance", "session", session, "person", shared_attendee,
                          "present", "1", "hours", "3", NULL));
  {
    g_autofree char *priv_person = cb_test_create (f->a, "person", "name", "SECRETATTPRIV Kim", NULL);
    att_priv = cb_test_create (f->a, "attendance", "session", session, "person", priv_person,
                               "present", "1", NULL);
  }

  /* a team's inquiry cycles: one shared (its private notes stay, and its
   * school is the private one), the next one made private by A */
  inquiry = cb_test_create (f->a, "inquiry_cycle", "change_idea", "SHAREDINQUIRY sentence frames",
                            "school", f->secret_school, "private_notes", "SECRETNOTE inquiry", NULL);
  g_free (cb_test_create (f->a, "inquiry_point", "inquiry", inquiry, "date", "2025-10-09", "value", "30",
                          "note", "SHAREDPOINT ticket", NULL));
  secret_inquiry = cb_test_create (f->a, "inquiry_cycle", "change_idea", "SECRETINQUIRY model first",
                                   "previous", inquiry, NULL);
  g_free (cb_test_create (f->a, "inquiry_point", "inquiry", secret_inquiry, "date", "2025-11-09", "value", "40",
                          "note", "SECRETINQPOINT ticket", NULL));

  /* private only on A: never in a file */
  private_obs = cb_test_create (f->a, "observation", "lesson", "Private lesson", CB_FIELD_PRIVACY, "private", NULL);
  f->trash_parent = cb_test_create (f->a, "observation", "lesson", "Private, then trashed",
                                    CB_FIELD_PRIVACY, "private", NULL);
  private_log = cb_test_create (f->a, "coaching_log", "date", "2025-10-17", "summary", "Private log",
                                CB_FIELD_PRIVACY, "private", NULL);
  private_session = cb_test_create (f->a, "pd_session", "title", "Private session",
                                    CB_FIELD_PRIVACY, "private", NULL);

  exchange (f, f->a, f->b);

  /* A makes records private and moves children under private parents */
  now_private[n_private++] = f->secret_school;
  now_private[n_private++] = f->secret_teacher;
  now_private[n_private++] = secret_owner;
  now_private[n_private++] = secret_look_for;
  now_private[n_private++] = framework;
  now_private[n_private++] = priv_line;
  now_private[n_private++] = tally;
  now_private[n_private++] = action;
  now_private[n_private++] = secret_inquiry;
  for (guint i = 0; i < n_private; i++)
    set (f->a, now_private[i], CB_FIELD_PRIVACY, "private");
  set (f->a, log, CB_FIELD_PRIVACY, "private");
  set (f->a, coplan, CB_FIELD_PRIVACY, "private");
  set (f->a, att_priv, CB_FIELD_PRIVACY, "private");
  set (f->a, f->obs_private_tier, CB_FIELD_PRIVACY, "private");
  set (f->a, f->obs_team_tier, CB_FIELD_PRIVACY, "teacher");
  set (f->a, f->obs_flag_conflict, "shared_with_teacher", "1");
  set (f->a, f->moved_line, "observation", private_obs);
  set (f->a, f->trash_line, "observation", f->trash_parent);
  set (f->a, f->moved_segment, "log", private_log);
  set (f->a, f->moved_attendance, "session", private_session);
  g_assert_true (cb_store_delete (f->a, f->trash_parent, &error));
  g_assert_no_error (error);
  g_assert_true (cb_store_delete (f->a, private_session, &error));
  g_assert_no_error (error);

  /* B, later, makes the same records shared and moves the same children
   * under shared parents */
  g_usleep (2000);
  for (guint i = 0; i < n_private; i++)
    set (f->b, now_private[i], CB_FIELD_PRIVACY, "teacher");
  set (f->b, log, CB_FIELD_PRIVACY, "teacher");
  set (f->b, coplan, CB_FIELD_PRIVACY, "teacher");
  set (f->b, att_priv, CB_FIELD_PRIVACY, "teacher");
  set (f->b, f->obs_private_tier, CB_FIELD_PRIVACY, "teacher");
  set (f->b, f->obs_team_tier, CB_FIELD_PRIVACY, "team");
  set (f->b, f->obs_flag_conflict, "shared_with_teacher", "0");
  set (f->b, f->moved_line, "observation", f->obs);
  set (f->b, f->trash_line, "observation", f->obs);
  set (f->b, f->moved_segment, "log", shared_log);
  set (f->b, f->moved_attendance, "session", session);

  exchange (f, f->b, f->a);

  /* A now displays B's shared values, with its own private ones beside */
  for (guint i = 0; i < n_private; i++)
    assert_conflict (f->a, now_private[i], CB_FIELD_PRIVACY, "teacher");
  assert_conflict (f->a, log, CB_FIELD_PRIVACY, "teacher");
  assert_conflict (f->a, coplan, CB_FIELD_PRIVACY, "teacher");
  assert_conflict (f->a, att_priv, CB_FIELD_PRIVACY, "teacher");
  assert_conflict (f->a, f->moved_line, "observation", f->obs);
  assert_conflict (f->a, f->trash_line, "observation", f->obs);
  assert_conflict (f->a, f->moved_segment, "log", shared_log);
  assert_conflict (f->a, f->moved_attendance, "session", session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  cb_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->db_a);
  g_free (f->obs);
  g_free (f->secret_school);
  g_free (f->secret_teacher);
  g_free (f->moved_line);
  g_free (f->trash_line);
  g_free (f->trash_parent);
  g_free (f->fw_look_for);
  g_free (f->moved_segment);
  g_free (f->moved_attendance);
  g_free (f->obs_private_tier);
  g_free (f->obs_team_tier);
  g_free (f->obs_flag_conflict);
}

/* Runs coachbook-cli on laptop A's database; returns its exit status. */
static int
run_cli (Fixture            *f,
         const char * const *args,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db_a);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
read_output (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
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

static void
assert_clean (const char         *what,
              const char         *text,
              const char * const *shared,
              guint               n_shared)
{
  gboolean rows = strcmp (what, "exchange file") != 0;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strstr (text, markers[i]) != NULL)
      g_error ("the private “%s” is in the %s:\n%s", markers[i], what, text);
  for (guint i = 0; rows && i < G_N_ELEMENTS (row_markers); i++)
    if (strstr (text, row_markers[i]) != NULL)
      g_error ("the private “%s” is in the %s:\n%s", row_markers[i], what, text);
  for (guint i = 0; i < n_shared; i++)
    if (strstr (text, shared[i]) == NULL)
      g_error ("the shared “%s” is missing from the %s:\n%s", shared[i], what, text);
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

/* The rule asked record by record, from the bottom up, gives the same
 * answer as the whole-database snapshot for every record of @store. */
static void
assert_lazy_agrees (CbStore   *store,
                    CbPrivacy *eager)
{
  g_autoptr(CbPrivacy) lazy = cb_privacy_new_lazy (store);
  sqlite3_stmt *stmt = NULL;
  guint n = 0, n_private = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store), "SELECT uuid FROM records ORDER BY random ()",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      gboolean private = cb_privacy_is_private (eager, uuid);

      if (private != cb_privacy_is_private (lazy, uuid))
        g_error ("the two ways of asking disagree on %s", uuid);
      n++;
      n_private += private;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_private, ==, cb_privacy_get_n_private (eager));
  g_assert_cmpuint (n_private, ==, cb_privacy_get_n_private (lazy));
  g_assert_cmpuint (n_private, <, n);
}

/* The rule itself, asked directly. */
static void
test_rule (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbPrivacy) privacy = cb_privacy_new (f->a, &error);
  g_autoptr(GHashTable) schools = NULL;
  g_autoptr(GHashTable) people = NULL;
  const char *private_ones[] = {
    f->secret_school, f->secret_teacher, f->moved_line, f->trash_line, f->trash_parent,
    f->fw_look_for, f->moved_segment, f->moved_attendance, f->obs_private_tier,
  };
  const CbField *notes = cb_kind_field (cb_kind_lookup ("observation"), "private_notes");
  const CbField *strengths = cb_kind_field (cb_kind_lookup ("observation"), "strengths");

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (private_ones); i++)
    {
      g_assert_true (cb_privacy_is_private (privacy, private_ones[i]));
      g_assert_false (cb_privacy_record_may_leave (privacy, private_ones[i]));
      g_assert_false (cb_privacy_name_may_show (privacy, private_ones[i]));
    }
  g_assert_true (cb_privacy_record_may_leave (privacy, f->obs));
  g_assert_true (cb_privacy_name_may_show (privacy, f->obs));
  g_assert_false (cb_privacy_name_may_show (privacy, ""));
  g_assert_false (cb_privacy_field_may_leave (notes));
  g_assert_true (cb_privacy_field_may_leave (strengths));

  schools = cb_privacy_load_names (privacy, "school", &error);
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (schools, f->secret_school));
  people = cb_privacy_load_names (privacy, "person", &error);
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (people, f->secret_teacher));
  g_assert_cmpstr (g_hash_table_lookup (people, f->secret_teacher), ==, NULL);

  /* under conflict the strictest tier and the strictest flag win */
  g_assert_cmpint (cb_privacy_teacher_sharing (privacy, f->obs, &error), ==, CB_SHARING_TEACHER);
  g_assert_cmpint (cb_privacy_teacher_sharing (privacy, f->obs_private_tier, &error), ==, CB_SHARING_PRIVATE);
  g_assert_cmpint (cb_privacy_teacher_sharing (privacy, f->obs_team_tier, &error), ==, CB_SHARING_NOT_SHARED);
  g_assert_cmpint (cb_privacy_teacher_sharing (privacy, f->obs_flag_conflict, &error), ==,
                   CB_SHARING_NOT_SHARED);
  g_assert_no_error (error);

  assert_lazy_agrees (f->a, privacy);
  {
    g_autoptr(CbPrivacy) lazy = cb_privacy_new_lazy (f->a);

    g_assert_cmpint (cb_privacy_teacher_sharing (lazy, f->obs, &error), ==, CB_SHARING_TEACHER);
    g_assert_cmpint (cb_privacy_teacher_sharing (lazy, f->obs_private_tier, &error), ==, CB_SHARING_PRIVATE);
    g_assert_cmpint (cb_privacy_teacher_sharing (lazy, f->obs_team_tier, &error), ==, CB_SHARING_NOT_SHARED);
    g_assert_no_error (error);
  }
}

/* Both ways of asking agree on a realistic database too. */
static void
test_rule_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbPrivacy) privacy = NULL;

  g_assert_no_error (error);
  g_assert_true (cb_generate (store, 3000, 7, &error));
  g_assert_no_error (error);
  privacy = cb_privacy_new (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_privacy_get_n_private (privacy), >, 0);
  assert_lazy_agrees (store, privacy);
}

static void
test_packet (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "packet.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char *args[] = { "packet", f->obs, "-o", pdf, NULL };
  const char *refused[] = { f->obs_private_tier, f->obs_team_tier, f->obs_flag_conflict };

  if (!need_tools ())
    return;
  g_assert_cmpint (run_cli (f, args, &err), ==, 0);
  text = pdf_text (pdf);
  assert_clean ("packet", text, packet_shared, G_N_ELEMENTS (packet_shared));
  g_assert_null (strstr (text, LOG_ACTION));
  /* the teacher's name is private: the packet is not headed with it */
  g_assert_nonnull (strstr (text, "Debrief notes, "));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *none = g_build_filename (f->dir, "refused.pdf", NULL);
      const char *no_args[] = { "packet", refused[i], "-o", none, NULL };

      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (f, no_args, &err), ==, 1);
      g_assert_true (g_str_has_prefix (err, "coachbook-cli: "));
      g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
    }
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  struct { const char *kind; const char * const *shared; guint n_shared; } cases[] = {
    { "coaching_log", log_shared, G_N_ELEMENTS (log_shared) },
    { "action_item", action_shared, G_N_ELEMENTS (action_shared) },
    { "attendance", attendance_shared, G_N_ELEMENTS (attendance_shared) },
    { "inquiry_cycle", inquiry_shared, G_N_ELEMENTS (inquiry_shared) },
  };

  if (cli_path == NULL)
    {
      g_test_skip ("no coachbook-cli given");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", cases[i].kind);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *err = NULL;
      g_autofree char *text = NULL;
      const char *args[] = { "csv", cases[i].kind, "-o", path, NULL };

      g_assert_cmpint (run_cli (f, args, &err), ==, 0);
      text = read_output (path);
      assert_clean (cases[i].kind, text, cases[i].shared, cases[i].n_shared);
      if (strcmp (cases[i].kind, "coaching_log") == 0)
        {
          /* the shared log is there, without the segment moved under a
           * private log nor its private school's name */
          g_assert_nonnull (strstr (text, ",25,"));
          g_assert_null (strstr (text, "777"));
          g_assert_null (strstr (text, "Modeling"));
        }
    }
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "a-out.coachbook.xml", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char *args[] = { "export", path, NULL };
  const char * const shared[] = { "SHAREDSTRENGTH", "SHAREDLINE", "SHAREDLOG", "SHAREDINQUIRY", "SHAREDPOINT" };

  if (cli_path == NULL)
    {
      g_test_skip ("no coachbook-cli given");
      return;
    }
  g_assert_cmpint (run_cli (f, args, &err), ==, 0);
  text = read_output (path);
  assert_clean ("exchange file", text, shared, G_N_ELEMENTS (shared));
  g_assert_null (strstr (text, f->moved_line));
  g_assert_null (strstr (text, f->moved_segment));
  g_assert_null (strstr (text, f->moved_attendance));
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

  g_test_add ("/privacy/rule", Fixture, NULL, fixture_set_up, test_rule, fixture_tear_down);
  g_test_add_func ("/privacy/rule-generated", test_rule_generated);
  g_test_add ("/privacy/packet", Fixture, NULL, fixture_set_up, test_packet, fixture_tear_down);
  g_test_add ("/privacy/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/privacy/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  return g_test_run ();
}
