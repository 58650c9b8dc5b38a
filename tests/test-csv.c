/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV export: the output is parsed back with a strict RFC 4180 reader
 * written here and compared with the records, quotes, commas, line
 * breaks and accents included; nothing private comes out. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-csv.h"
#include "cb-generate.h"
#include "cb-reports.h"
#include "cb-test-util.h"

/* ------------------------------------------------ a strict RFC 4180 reader */

typedef GPtrArray Row;   /* char* */

/* Records end with CRLF; a field is either plain (no quote, comma, CR or
 * LF) or quoted with inner quotes doubled. Anything else is an error. */
static GPtrArray *
parse_csv (const char  *text,
           gsize        len,
           char       **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  Row *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gsize i = 0;

  *error = NULL;
  while (i < len)
    {
      if (text[i] == '"')
        {
          i++;
          for (;;)
            {
              if (i >= len)
                {
                  *error = g_strdup ("unterminated quoted field");
                  goto out;
                }
              if (text[i] == '"')
                {
                  if (i + 1 < len && text[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              g_string_append_c (field, text[i++]);
            }
        }
      else
        {
          while (i < len && text[i] != ',' && text[i] != '\r')
            {
              if (text[i] == '"' || text[i] == '\n')
                {
                  *error = g_strdup_printf ("stray %s at byte %" G_GSIZE_FORMAT,
                                            text[i] == '"' ? "quote" : "line feed", i);
                  goto out;
                }
              g_string_append_c (field, text[i++]);
            }
        }

      /* after a field: a comma, or CRLF ending the record */
      if (i < len && text[i] == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          i++;
          if (i == len)
            {
              *error = g_strdup ("a comma ends the file");
              goto out;
            }
          continue;
        }
      if (i + 1 < len && text[i] == '\r' && text[i + 1] == '\n')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          i += 2;
          continue;
        }
      *error = g_strdup_printf ("expected a comma or CRLF at byte %" G_GSIZE_FORMAT, i);
      goto out;
    }
  if (row->len > 0 || field->len > 0)
    *error = g_strdup ("the last record does not end with CRLF");

out:
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  if (*error != NULL)
    {
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  Row *row = g_ptr_array_index (rows, r);
  g_assert_cmpuint (c, <, row->len);
  return g_ptr_array_index (row, c);
}

static void
assert_row (GPtrArray          *rows,
            guint               r,
            const char * const *expected,
            guint               n)
{
  Row *row = g_ptr_array_index (rows, r);

  g_assert_cmpuint (row->len, ==, n);
  for (guint c = 0; c < n; c++)
    if (expected[c] != NULL)
      g_assert_cmpstr (g_ptr_array_index (row, c), ==, expected[c]);
}

static void
test_parser_self_check (void)
{
  const char *good = "a,\"b,c\",\"d\"\"e\",\"f\r\ng\",\r\n,\r\n";
  const char *bad[] = { "a\"b\r\n", "a\nb\r\n", "\"a\r\n", "a,b", "\"a\"b\r\n" };
  g_autofree char *error = NULL;
  g_autoptr(GPtrArray) rows = parse_csv (good, strlen (good), &error);

  g_assert_null (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "a");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "b,c");
  g_assert_cmpstr (cell (rows, 0, 2), ==, "d\"e");
  g_assert_cmpstr (cell (rows, 0, 3), ==, "f\r\ng");
  g_assert_cmpstr (cell (rows, 0, 4), ==, "");
  g_assert_cmpuint (((Row *) g_ptr_array_index (rows, 1))->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *e = NULL;
      g_autoptr(GPtrArray) none = parse_csv (bad[i], strlen (bad[i]), &e);

      g_assert_null (none);
      g_assert_nonnull (e);
    }
}

/* ------------------------------------------------------- field quoting */

static void
test_append_field (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "", "" },
    { "plain text", "plain text" },
    { "García Ñúñez", "García Ñúñez" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { "\"", "\"\"\"\"" },
    /* formulas stay text; numbers stay numbers */
    { "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
    { "+1 call home", "'+1 call home" },
    { "- good wait time", "'- good wait time" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "-2.5", "-2.5" },
    { "1.5", "1.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      cb_csv_append_field (line, cases[i].in);
      g_assert_cmpstr (line->str, ==, cases[i].out);
    }
  {
    g_autoptr(GString) line = g_string_new (NULL);
    const char *fields[] = { "x", NULL, "y,z" };

    cb_csv_append_row (line, fields, G_N_ELEMENTS (fields));
    g_assert_cmpstr (line->str, ==, "x,,\"y,z\"\r\n");
  }
  {
    /* broken UTF-8 is repaired, never written */
    g_autoptr(GString) line = g_string_new (NULL);

    cb_csv_append_field (line, "bad \xff byte");
    g_assert_true (g_utf8_validate (line->str, -1, NULL));
  }
}

static void
test_kind_names (void)
{
  CbCsvKind kind;

  g_assert_true (cb_csv_kind_from_string ("coaching_log", &kind));
  g_assert_cmpint (kind, ==, CB_CSV_COACHING_LOG);
  g_assert_true (cb_csv_kind_from_string ("action_item", &kind));
  g_assert_cmpint (kind, ==, CB_CSV_ACTION_ITEM);
  g_assert_true (cb_csv_kind_from_string ("attendance", &kind));
  g_assert_cmpint (kind, ==, CB_CSV_ATTENDANCE);
  g_assert_false (cb_csv_kind_from_string ("observation", &kind));
  g_assert_false (cb_csv_kind_from_string (NULL, &kind));
  g_assert_cmpstr (cb_csv_kind_to_string (CB_CSV_ATTENDANCE), ==, "attendance");
}

/* ------------------------------------------------------- the records */

typedef struct
{
  CbStore *store;
  char    *dir;
  char    *school;
  char    *p1, *p2, *p3;   /* p3 is private */
  char    *log1, *log3, *log5;
  char    *a1, *a3;
  char    *session;
} Fixture;

#define SCHOOL_NAME  "Escuela \"Del Sol\", Norte"
#define P1_NAME      "José Ñúñez"
#define P2_NAME      "Ana \"la Profe\", García"
#define LOG1_SUMMARY "PLC: fractions,\n\"equal\" parts — día 1"
#define A1_TEXT      "Try \"turn and talk\", then\r\nwrite — ¿por qué?"
#define SESSION      "Launch day 1: Discourse, \"talk moves\""

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *teachers = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *private_obs = NULL;
  g_autofree char *private_log = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *private_session = NULL;

  f->dir = cb_test_tmpdir ();
  f->store = cb_store_open_memory (&error);
  g_assert_no_error (error);

  f->school = cb_test_create (f->store, "school", "name", SCHOOL_NAME, NULL);
  f->p1 = cb_test_create (f->store, "person", "name", P1_NAME, "role", "teacher",
                          "school", f->school, "private_notes", "PRIVNOTE-person", NULL);
  f->p2 = cb_test_create (f->store, "person", "name", P2_NAME, "role", "teacher", NULL);
  f->p3 = cb_test_create (f->store, "person", "name", "PRIVNAME Secret", "role", "teacher",
                          CB_FIELD_PRIVACY, "private", NULL);
  teachers = g_strdup_printf ("%s %s %s", f->p1, f->p3, f->p2);

  f->log1 = cb_test_create (f->store, "coaching_log", "date", "2025-10-14", "time_in", "14:50",
                            "time_out", "16:00", "summary", LOG1_SUMMARY, "teachers", teachers,
                            "group_name", "Grade 4 team", "school", f->school, "mode", "group",
                            "notes", "PRIVATE-ish notes are not exported either",
                            "private_notes", "PRIVNOTE-log", NULL);
  g_free (cb_test_create (f->store, "segment", "log", f->log1, "position", "1", "activity", "data_cycle",
                          "minutes", "20", NULL));
  g_free (cb_test_create (f->store, "segment", "log", f->log1, "position", "0", "activity", "plc",
                          "minutes", "45", NULL));
  g_free (cb_test_create (f->store, "segment", "log", f->log1, "position", "2", "activity", "planning",
                          "minutes", "99", CB_FIELD_PRIVACY, "private", NULL));
  gone = cb_test_create (f->store, "segment", "log", f->log1, "position", "3", "activity", "modeling",
                         "minutes", "77", NULL);
  g_assert_true (cb_store_delete (f->store, gone, &error));
  g_clear_pointer (&gone, g_free);

  private_log = cb_test_create (f->store, "coaching_log", "date", "2025-10-14", "summary", "PRIVLOG",
                                "teachers", f->p1, CB_FIELD_PRIVACY, "private", NULL);
  g_free (cb_test_create (f->store, "segment", "log", private_log, "activity", "debrief", "minutes", "30", NULL));

  f->log3 = cb_test_create (f->store, "coaching_log", "date", "2025-10-15", "time_in", "13:00",
                            "time_out", "13:40", "summary", "Check-in", "teachers", f->p1,
                            "school", f->school, "mode", "one_on_one", NULL);
  gone = cb_test_create (f->store, "coaching_log", "date", "2025-10-16", "summary", "DELETEDLOG", NULL);
  g_free (cb_test_create (f->store, "segment", "log", gone, "activity", "debrief", "minutes", "30", NULL));
  g_assert_true (cb_store_delete (f->store, gone, &error));
  g_clear_pointer (&gone, g_free);

  f->log5 = cb_test_create (f->store, "coaching_log", "date", "2025-10-13", "summary", "Rounds", NULL);
  g_free (cb_test_create (f->store, "segment", "log", f->log5, "activity", "rounds", "minutes", "35", NULL));

  obs = cb_test_create (f->store, "observation", "lesson", "Fractions, day 2", "date", "2025-10-14",
                        "teacher", f->p1, NULL);
  private_obs = cb_test_create (f->store, "observation", "lesson", "PRIVOBS", "date", "2025-10-14",
                                CB_FIELD_PRIVACY, "private", NULL);
  f->a1 = cb_test_create (f->store, "action_item", "text", A1_TEXT, "owner", f->p1, "due", "2025-10-28",
                          "check_back", "2025-11-12", "status", "in_progress", "source", obs, NULL);
  g_free (cb_test_create (f->store, "action_item", "text", "PRIVACTION", "owner", f->p1, "due", "2025-10-20",
                          CB_FIELD_PRIVACY, "private", NULL));
  f->a3 = cb_test_create (f->store, "action_item", "text", "Bring student work", "owner", f->p3,
                          "status", "open", "source", private_obs, NULL);

  f->session = cb_test_create (f->store, "pd_session", "title", SESSION, "date", "2025-08-12",
                               "start_time", "08:00", "end_time", "15:00", "launch", "1",
                               "private_notes", "PRIVNOTE-session", NULL);
  g_free (cb_test_create (f->store, "attendance", "session", f->session, "person", f->p1,
                          "present", "1", "hours", "6.5", NULL));
  g_free (cb_test_create (f->store, "attendance", "session", f->session, "person", f->p2,
                          "present", "0", "hours", "0", NULL));
  g_free (cb_test_create (f->store, "attendance", "session", f->session, "person", f->p3,
                          "present", "1", "hours", "7", NULL));
  g_free (cb_test_create (f->store, "attendance", "session", f->session, "person", f->p2,
                          "present", "1", "hours", "99", CB_FIELD_PRIVACY, "private", NULL));
  private_session = cb_test_create (f->store, "pd_session", "title", "PRIVSESSION", "date", "2025-08-01",
                                    CB_FIELD_PRIVACY, "private", NULL);
  g_free (cb_test_create (f->store, "attendance", "session", private_session, "person", f->p1,
                          "present", "1", "hours", "3", NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cb_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->school);
  g_free (f->p1);
  g_free (f->p2);
  g_free (f->p3);
  g_free (f->log1);
  g_free (f->log3);
  g_free (f->log5);
  g_free (f->a1);
  g_free (f->a3);
  g_free (f->session);
}

/* Writes @kind to a file and parses it back; checks the file's shape. */
static GPtrArray *
export (Fixture    *f,
        CbCsvKind   kind)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *parse_error = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  gsize len;

  g_assert_true (cb_csv_write_file (f->store, kind, CB_CSV_FLAGS_NONE, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  g_assert_true (g_utf8_validate (text, len, NULL));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  /* nothing private: no planted marker, in any field */
  g_assert_null (strstr (text, "PRIV"));
  g_assert_null (strstr (text, "DELETED"));
  g_assert_null (strstr (text, "PRIVATE-ish"));
  rows = parse_csv (text, len, &parse_error);
  if (parse_error != NULL)
    g_error ("%s", parse_error);
  return rows;
}

static void
test_coaching_log (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (f, CB_CSV_COACHING_LOG);
  g_autoptr(CbLogData) logs = NULL;
  g_autoptr(CbLogTotals) totals = NULL;
  g_autoptr(GError) error = NULL;
  const char *header[] = {
    "Date", "Time in", "Time out", "Summary", "Teachers", "Group", "School",
    "Kind of support", "Activity", "Minutes", "Log ID",
  };
  const char *rounds[] = { "2025-10-13", "", "", "Rounds", "", "", "", "", "Instructional rounds", "35", f->log5 };
  const char *plc[] = {
    "2025-10-14", "14:50", "16:00", LOG1_SUMMARY, P1_NAME "; " P2_NAME, "Grade 4 team", SCHOOL_NAME,
    "Group", "PLC", "45", f->log1,
  };
  const char *data_cycle[] = { "2025-10-14", NULL, NULL, LOG1_SUMMARY, NULL, NULL, NULL, NULL, "Data cycle", "20", f->log1 };
  const char *times_only[] = {
    "2025-10-15", "13:00", "13:40", "Check-in", P1_NAME, "", SCHOOL_NAME, "One-on-one", "", "40", f->log3,
  };
  const CbLogEntry *entries;
  gint64 minutes = 0;
  guint n;

  g_assert_cmpuint (rows->len, ==, 5);
  assert_row (rows, 0, header, G_N_ELEMENTS (header));
  assert_row (rows, 1, rounds, G_N_ELEMENTS (rounds));
  assert_row (rows, 2, plc, G_N_ELEMENTS (plc));
  assert_row (rows, 3, data_cycle, G_N_ELEMENTS (data_cycle));
  assert_row (rows, 4, times_only, G_N_ELEMENTS (times_only));

  /* the spreadsheet's minutes add up to the report's total: each once */
  for (guint r = 1; r < rows->len; r++)
    minutes += g_ascii_strtoll (cell (rows, r, 9), NULL, 10);
  logs = cb_log_data_load (f->store, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  entries = cb_log_data_get_entries (logs, &n);
  totals = cb_log_totals_compute (entries, n);
  g_assert_cmpint (minutes, ==, totals->minutes);
  g_assert_cmpint (minutes, ==, 35 + 45 + 20 + 40);
}

static void
test_action_items (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (f, CB_CSV_ACTION_ITEM);
  const char *header[] = { "Action", "Owner", "Due", "Check back", "Status", "From", "Action ID" };
  const char *first[] = {
    A1_TEXT, P1_NAME, "2025-10-28", "2025-11-12", "In progress",
    "Observation: Fractions, day 2 (2025-10-14)", f->a1,
  };
  /* the owner and the source are private: left empty */
  const char *second[] = { "Bring student work", "", "", "", "Open", "", f->a3 };

  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, header, G_N_ELEMENTS (header));
  assert_row (rows, 1, first, G_N_ELEMENTS (first));
  assert_row (rows, 2, second, G_N_ELEMENTS (second));
}

static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export (f, CB_CSV_ATTENDANCE);
  const char *header[] = { "Session", "Date", "Start", "End", "Person", "Present", "Hours", "Session ID" };
  const char *r1[] = { SESSION, "2025-08-12", "08:00", "15:00", P1_NAME, "Yes", "6.5", f->session };
  const char *r2[] = { SESSION, "2025-08-12", "08:00", "15:00", P2_NAME, "No", "0", f->session };
  const char *r3[] = { SESSION, "2025-08-12", "08:00", "15:00", "", "Yes", "7", f->session };

  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, header, G_N_ELEMENTS (header));
  assert_row (rows, 1, r1, G_N_ELEMENTS (r1));
  assert_row (rows, 2, r2, G_N_ELEMENTS (r2));
  assert_row (rows, 3, r3, G_N_ELEMENTS (r3));
}

static void
test_bom_and_stream (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GOutputStream) plain = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) bom = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const char *a, *b;
  gsize la, lb;

  g_assert_true (cb_csv_write (f->store, CB_CSV_ATTENDANCE, CB_CSV_FLAGS_NONE, plain, NULL, &error));
  g_assert_true (cb_csv_write (f->store, CB_CSV_ATTENDANCE, CB_CSV_FLAGS_BOM, bom, NULL, &error));
  g_assert_no_error (error);
  a = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (plain));
  la = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (plain));
  b = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (bom));
  lb = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (bom));
  g_assert_cmpuint (lb, ==, la + 3);
  g_assert_cmpmem (b, 3, "\xEF\xBB\xBF", 3);
  g_assert_cmpmem (b + 3, lb - 3, a, la);
  g_assert_true (g_str_has_prefix (a, "Session,Date,"));
}

static void
test_write_fails_cleanly (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "no", "such", "folder.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (cb_csv_write_file (f->store, CB_CSV_ACTION_ITEM, CB_CSV_FLAGS_NONE, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A generated database: every export parses, every row has as many
 * fields as the header, and no private note of any record comes out. */
static void
test_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_true (cb_generate (store, 3000, 7, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (cb_store_get_db (store),
                                       "SELECT private_notes FROM k_person WHERE private_notes != '' "
                                       "UNION SELECT private_notes FROM k_coaching_log WHERE private_notes != '' "
                                       "UNION SELECT private_notes FROM k_observation WHERE private_notes != '' "
                                       "UNION SELECT private_notes FROM k_coplan WHERE private_notes != '' "
                                       "UNION SELECT private_notes FROM k_pd_session WHERE private_notes != ''",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (secrets, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (secrets->len, >, 0);

  for (CbCsvKind kind = CB_CSV_COACHING_LOG; kind <= CB_CSV_ATTENDANCE; kind++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autofree char *text = NULL;
      g_autofree char *parse_error = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      gsize len;

      g_assert_true (cb_csv_write (store, kind, CB_CSV_FLAGS_NONE, out, NULL, &error));
      g_assert_no_error (error);
      len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), len);
      rows = parse_csv (text, len, &parse_error);
      g_assert_null (parse_error);
      g_assert_cmpuint (rows->len, >, 10);
      for (guint r = 1; r < rows->len; r++)
        g_assert_cmpuint (((Row *) g_ptr_array_index (rows, r))->len, ==,
                          ((Row *) g_ptr_array_index (rows, 0))->len);
      for (guint i = 0; i < secrets->len; i++)
        if (strstr (text, g_ptr_array_index (secrets, i)) != NULL)
          g_error ("a private note in the %s export: %s", cb_csv_kind_to_string (kind),
                   (const char *) g_ptr_array_index (secrets, i));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parser-self-check", test_parser_self_check);
  g_test_add_func ("/csv/append-field", test_append_field);
  g_test_add_func ("/csv/kind-names", test_kind_names);
  g_test_add ("/csv/coaching-log", Fixture, NULL, fixture_set_up, test_coaching_log, fixture_tear_down);
  g_test_add ("/csv/action-items", Fixture, NULL, fixture_set_up, test_action_items, fixture_tear_down);
  g_test_add ("/csv/attendance", Fixture, NULL, fixture_set_up, test_attendance, fixture_tear_down);
  g_test_add ("/csv/bom-and-stream", Fixture, NULL, fixture_set_up, test_bom_and_stream, fixture_tear_down);
  g_test_add ("/csv/write-fails-cleanly", Fixture, NULL, fixture_set_up, test_write_fails_cleanly,
              fixture_tear_down);
  g_test_add_func ("/csv/generated", test_generated);

  return g_test_run ();
}
