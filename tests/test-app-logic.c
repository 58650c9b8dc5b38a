/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The app's view logic, without a display: the lesson clock and talk
 * timer, offsets, tags, what the Today lists hold, search snippets, and
 * the CSV roster import. */

#include "config.h"

#include <locale.h>
#include <pango/pango.h>
#include <string.h>

#include "cb-names.h"
#include "cb-capture-logic.h"
#include "cb-csv.h"
#include "cb-list-filter.h"
#include "cb-roster.h"
#include "cb-rounds-logic.h"
#include "cb-test-util.h"
#include "cb-view-logic.h"

static void
test_clock_roundtrip (void)
{
  CbClock clock;
  g_autofree char *text = NULL;

  g_assert_true (cb_clock_parse (NULL, &clock));
  g_assert_cmpint (clock.state, ==, CB_CLOCK_STOPPED);
  g_assert_cmpint (clock.accumulated_ms, ==, 0);

  g_assert_true (cb_clock_parse ("running;1500;1700000000000", &clock));
  g_assert_cmpint (clock.state, ==, CB_CLOCK_RUNNING);
  g_assert_cmpint (clock.accumulated_ms, ==, 1500);
  g_assert_cmpint (clock.started_at_ms, ==, G_GINT64_CONSTANT (1700000000000));
  g_assert_cmpint (clock.talk, ==, CB_TALK_NONE);
  text = cb_clock_to_string (&clock);
  g_assert_cmpstr (text, ==, "running;1500;1700000000000");
  g_clear_pointer (&text, g_free);

  g_assert_true (cb_clock_parse ("paused;61000;0;student;30000", &clock));
  g_assert_cmpint (clock.state, ==, CB_CLOCK_PAUSED);
  g_assert_cmpint (clock.talk, ==, CB_TALK_STUDENT);
  g_assert_cmpint (clock.talk_since_ms, ==, 30000);
  text = cb_clock_to_string (&clock);
  g_assert_cmpstr (text, ==, "paused;61000;0;student;30000");

  /* Damaged values read as a clock that never ran. */
  g_assert_false (cb_clock_parse ("running;abc;1", &clock));
  g_assert_cmpint (clock.state, ==, CB_CLOCK_STOPPED);
  g_assert_false (cb_clock_parse ("flying;1;1", &clock));
  g_assert_false (cb_clock_parse ("running;1", &clock));
  g_assert_false (cb_clock_parse ("running;-5;1", &clock));
  g_assert_false (cb_clock_parse ("running;1;1;nobody;5", &clock));
}

static void
test_clock_arithmetic (void)
{
  CbClock clock;
  CbTalk talk;
  gint64 ms;

  cb_clock_init (&clock);
  g_assert_cmpint (cb_clock_elapsed_ms (&clock, 5000), ==, 0);

  g_assert_true (cb_clock_start (&clock, 10000));
  g_assert_false (cb_clock_start (&clock, 11000));
  g_assert_cmpint (cb_clock_elapsed_ms (&clock, 12500), ==, 2500);
  g_assert_cmpint (cb_clock_offset_seconds (&clock, 12500), ==, 2);

  /* A wall clock set back never makes lesson time go backwards. */
  g_assert_cmpint (cb_clock_elapsed_ms (&clock, 9000), ==, 0);

  g_assert_true (cb_clock_pause (&clock, 20000));
  g_assert_false (cb_clock_pause (&clock, 21000));
  g_assert_cmpint (cb_clock_elapsed_ms (&clock, 99999), ==, 10000);

  g_assert_true (cb_clock_start (&clock, 30000));
  g_assert_cmpint (cb_clock_elapsed_ms (&clock, 35000), ==, 15000);

  /* Talk time is lesson time: it stops while the lesson is paused. */
  talk = cb_clock_switch_talk (&clock, 35000, CB_TALK_TEACHER, &ms);
  g_assert_cmpint (talk, ==, CB_TALK_NONE);
  g_assert_cmpint (ms, ==, 0);
  g_assert_cmpint (cb_clock_talk_ms (&clock, 40000), ==, 5000);
  cb_clock_pause (&clock, 40000);
  g_assert_cmpint (cb_clock_talk_ms (&clock, 90000), ==, 5000);
  cb_clock_start (&clock, 100000);
  g_assert_cmpint (cb_clock_talk_ms (&clock, 103000), ==, 8000);
  g_assert_cmpint (cb_clock_next_talk (&clock), ==, CB_TALK_STUDENT);

  talk = cb_clock_switch_talk (&clock, 103000, CB_TALK_STUDENT, &ms);
  g_assert_cmpint (talk, ==, CB_TALK_TEACHER);
  g_assert_cmpint (ms, ==, 8000);
  g_assert_cmpint (cb_clock_next_talk (&clock), ==, CB_TALK_TEACHER);

  g_assert_true (cb_clock_stop (&clock, 104000, &talk, &ms));
  g_assert_cmpint (talk, ==, CB_TALK_STUDENT);
  g_assert_cmpint (ms, ==, 1000);
  g_assert_cmpint (clock.state, ==, CB_CLOCK_STOPPED);
  g_assert_cmpint (clock.talk, ==, CB_TALK_NONE);
  g_assert_cmpint (cb_clock_elapsed_ms (&clock, 200000), ==, 24000);
}

static void
test_clock_talk_starts_lesson (void)
{
  CbClock clock;

  cb_clock_init (&clock);
  cb_clock_switch_talk (&clock, 5000, CB_TALK_TEACHER, NULL);
  g_assert_cmpint (clock.state, ==, CB_CLOCK_RUNNING);
  g_assert_cmpint (clock.talk_since_ms, ==, 0);
  g_assert_cmpint (cb_clock_talk_ms (&clock, 7000), ==, 2000);
}

static void
test_clock_actions (void)
{
  CbClock clock;
  CbClockActions a;

  cb_clock_init (&clock);
  a = cb_clock_get_actions (&clock);
  g_assert_true (a.can_start);
  g_assert_false (a.can_pause);
  g_assert_false (a.can_stop);
  g_assert_false (a.resumes);

  cb_clock_start (&clock, 0);
  a = cb_clock_get_actions (&clock);
  g_assert_false (a.can_start);
  g_assert_true (a.can_pause);
  g_assert_true (a.can_stop);

  cb_clock_pause (&clock, 3000);
  a = cb_clock_get_actions (&clock);
  g_assert_true (a.can_start);
  g_assert_true (a.resumes);
  g_assert_false (a.can_pause);
  g_assert_true (a.can_stop);

  cb_clock_stop (&clock, 3000, NULL, NULL);
  a = cb_clock_get_actions (&clock);
  g_assert_true (a.can_start);
  g_assert_true (a.resumes);
  g_assert_false (a.can_stop);
}

static void
test_offsets (void)
{
  static const struct { gint64 s; const char *text; } formats[] = {
    { 0, "00:00" }, { 9, "00:09" }, { 59, "00:59" }, { 60, "01:00" },
    { 3599, "59:59" }, { 5400, "90:00" }, { -4, "00:00" },
  };
  static const struct { const char *text; gboolean ok; gint64 s; } parses[] = {
    { "12:30", TRUE, 750 }, { "0:05", TRUE, 5 }, { " 7:00 ", TRUE, 420 },
    { "1:02:03", TRUE, 3723 }, { "7", TRUE, 420 }, { "95:10", TRUE, 5710 },
    { "12:3", FALSE, 0 }, { "12:60", FALSE, 0 }, { "ab", FALSE, 0 },
    { "", FALSE, 0 }, { "-1:00", FALSE, 0 }, { "1:2:3:4", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = cb_format_offset (formats[i].s);
      g_assert_cmpstr (text, ==, formats[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (parses); i++)
    {
      gint64 s = -1;
      g_assert_cmpint (cb_parse_offset (parses[i].text, &s), ==, parses[i].ok);
      if (parses[i].ok)
        g_assert_cmpint (s, ==, parses[i].s);
    }
  {
    g_autofree char *a = cb_format_duration (65);
    g_autofree char *b = cb_format_duration (3725);
    g_assert_cmpstr (a, ==, "1:05");
    g_assert_cmpstr (b, ==, "1:02:05");
  }
}

static void
test_refs (void)
{
  g_autofree char *a = cb_refs_toggle (NULL, "u1");
  g_autofree char *b = cb_refs_toggle (a, "u2");
  g_autofree char *c = cb_refs_toggle (b, "u1");
  g_autofree char *d = cb_refs_move ("u1 u2 u3", "u3", -1);
  g_autofree char *e = cb_refs_move ("u1 u2 u3", "u1", -1);
  g_autofree char *f = cb_refs_remove ("u1 u2 u3", "u2");
  g_autofree char *m1 = cb_marks_append (NULL, 12);
  g_autofree char *m2 = cb_marks_append (m1, 40);
  g_autofree char *m3 = cb_marks_drop_last (m2);
  g_autofree char *m4 = cb_marks_drop_last (m3);
  g_auto(GStrv) parts = cb_refs_split ("  u1  u2 ");

  g_assert_cmpstr (a, ==, "u1");
  g_assert_cmpstr (b, ==, "u1 u2");
  g_assert_cmpstr (c, ==, "u2");
  g_assert_cmpstr (d, ==, "u1 u3 u2");
  g_assert_cmpstr (e, ==, "u1 u2 u3");
  g_assert_cmpstr (f, ==, "u1 u3");
  g_assert_true (cb_refs_contains ("u1 u2", "u2"));
  g_assert_false (cb_refs_contains ("u1 u22", "u2"));
  g_assert_false (cb_refs_contains (NULL, "u2"));
  g_assert_cmpuint (cb_refs_count (""), ==, 0);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_cmpstr (m1, ==, "12");
  g_assert_cmpstr (m2, ==, "12\n40");
  g_assert_cmpstr (m3, ==, "12");
  g_assert_cmpstr (m4, ==, "");
}

static void
test_talk_and_counters (void)
{
  guint n;
  const CbCounterInfo *counters = cb_default_counters (&n);

  g_assert_cmpint (cb_talk_percent (0, 0), ==, -1);
  g_assert_cmpint (cb_talk_percent (30, 10), ==, 75);
  g_assert_cmpint (cb_talk_percent (1, 2), ==, 33);
  g_assert_cmpint (cb_talk_percent (0, 5), ==, 0);
  /* rounded up, but never past the lesson clock: 16.6 s of talk in a
   * 16.4 s lesson is 16 s, not 17 */
  g_assert_cmpint (cb_talk_add_seconds (0, 16600, 0, 16400), ==, 16);
  g_assert_cmpint (cb_talk_add_seconds (10, 6600, 0, 60000), ==, 17);
  g_assert_cmpint (cb_talk_add_seconds (10, 6600, 5, 20000), ==, 15);
  g_assert_cmpint (cb_talk_add_seconds (10, 2000, 15, 20000), ==, 10);

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (counters[0].name, ==, "funneling");
  g_assert_cmpstr (cb_counter_label ("funneling", NULL), ==, "Funneling questions");
  g_assert_cmpstr (cb_counter_label ("custom", "Wait time > 3 s"), ==, "Wait time > 3 s");
  g_assert_cmpstr (cb_counter_label ("custom", NULL), ==, "custom");
}

static void
test_date_labels (void)
{
  GDate *today = g_date_new_dmy (15, G_DATE_MAY, 2024);   /* a Wednesday */
  g_autofree char *t = cb_date_label ("2024-05-15", today);
  g_autofree char *y = cb_date_label ("2024-05-14", today);
  g_autofree char *tm = cb_date_label ("2024-05-16", today);
  g_autofree char *wd = cb_date_label ("2024-05-11", today);
  g_autofree char *same_year = cb_date_label ("2024-02-03", today);
  g_autofree char *other_year = cb_date_label ("2023-02-03", today);
  g_autofree char *none = cb_date_label (NULL, today);
  g_autofree char *bad = cb_date_label ("someday", today);

  g_assert_cmpstr (t, ==, "Today");
  g_assert_cmpstr (y, ==, "Yesterday");
  g_assert_cmpstr (tm, ==, "Tomorrow");
  g_assert_cmpstr (wd, ==, "Saturday");
  g_assert_cmpstr (same_year, ==, "Feb 3");
  g_assert_cmpstr (other_year, ==, "Feb 3, 2023");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (bad, ==, "someday");
  g_date_free (today);

  {
    g_autofree char *a = cb_date_add_days ("2024-02-28", 2);
    g_autofree char *b = cb_date_add_days ("2024-03-01", -1);
    g_assert_cmpstr (a, ==, "2024-03-01");
    g_assert_cmpstr (b, ==, "2024-02-29");
    g_assert_null (cb_date_add_days ("2024-02-30", 1));
    g_assert_cmpint (cb_date_days_between ("2024-01-01", "2024-01-31"), ==, 30);
    g_assert_cmpint (cb_date_days_between ("2024-01-31", "2024-01-01"), ==, -30);
    g_assert_cmpint (cb_date_days_between (NULL, "2024-01-01"), ==, G_MININT);
  }
}

static void
test_snippets (void)
{
  g_autofree char *a = cb_snippet_to_markup ("the \x02" "fraction\x03 bar");
  g_autofree char *b = cb_snippet_to_markup ("<b>&\x02" "x<y\x03\n");
  g_autofree char *c = cb_snippet_to_markup ("\x02open");
  g_autofree char *d = cb_snippet_to_markup ("stray\x03 end");
  g_autofree char *e = cb_snippet_to_markup (NULL);

  g_assert_cmpstr (a, ==, "the <b>fraction</b> bar");
  g_assert_cmpstr (b, ==, "&lt;b&gt;&amp;<b>x&lt;y</b> ");
  g_assert_cmpstr (c, ==, "<b>open</b>");
  g_assert_cmpstr (d, ==, "stray end");
  g_assert_cmpstr (e, ==, "");
  g_assert_true (pango_parse_markup (b, -1, 0, NULL, NULL, NULL, NULL));
  g_assert_true (pango_parse_markup (c, -1, 0, NULL, NULL, NULL, NULL));
}

static void
test_due (void)
{
  const char *today = "2024-05-15";

  g_assert_cmpint (cb_due_bucket ("2024-05-10", "open", today), ==, CB_DUE_OVERDUE);
  g_assert_cmpint (cb_due_bucket ("2024-05-10", "done", today), ==, CB_DUE_NONE);
  g_assert_cmpint (cb_due_bucket ("2024-05-10", "dropped", today), ==, CB_DUE_NONE);
  g_assert_cmpint (cb_due_bucket ("2024-05-15", NULL, today), ==, CB_DUE_TODAY);
  g_assert_cmpint (cb_due_bucket ("2024-05-22", "in_progress", today), ==, CB_DUE_THIS_WEEK);
  g_assert_cmpint (cb_due_bucket ("2024-05-23", "open", today), ==, CB_DUE_LATER);
  g_assert_cmpint (cb_due_bucket (NULL, "open", today), ==, CB_DUE_NONE);
  {
    g_autofree char *a = cb_due_label ("2024-05-12", today);
    g_autofree char *b = cb_due_label ("2024-05-14", today);
    g_autofree char *c = cb_due_label ("2024-05-15", today);
    g_autofree char *d = cb_due_label ("2024-05-18", today);
    g_assert_cmpstr (a, ==, "Overdue by 3 days");
    g_assert_cmpstr (b, ==, "Overdue by 1 day");
    g_assert_cmpstr (c, ==, "Due today");
    g_assert_cmpstr (d, ==, "Due in 3 days");
  }
}

static void
test_not_observed (void)
{
  const CbTeacherSeen teachers[] = {
    { "a", "Ana", "2024-05-10" },      /* 5 days: fine */
    { "b", "Bea", NULL },              /* never */
    { "c", "Cruz", "2024-03-01" },     /* long ago */
    { "d", "Dan", "2024-04-15" },      /* exactly 30 days */
    { "e", "Abe", NULL },              /* never, sorts before Bea */
  };
  g_autoptr(GPtrArray) late = cb_not_observed (teachers, G_N_ELEMENTS (teachers), "2024-05-15", 30);
  g_autofree char *never = cb_not_observed_label (NULL, "2024-05-15");
  g_autofree char *ago = cb_not_observed_label ("2024-03-01", "2024-05-15");

  g_assert_cmpuint (late->len, ==, 4);
  g_assert_cmpstr (((CbTeacherSeen *) g_ptr_array_index (late, 0))->name, ==, "Abe");
  g_assert_cmpstr (((CbTeacherSeen *) g_ptr_array_index (late, 1))->name, ==, "Bea");
  g_assert_cmpstr (((CbTeacherSeen *) g_ptr_array_index (late, 2))->name, ==, "Cruz");
  g_assert_cmpstr (((CbTeacherSeen *) g_ptr_array_index (late, 3))->name, ==, "Dan");
  g_assert_cmpstr (never, ==, "Never observed");
  g_assert_cmpstr (ago, ==, "Last observed 75 days ago");
}

static void
test_sections (void)
{
  g_assert_cmpint (cb_section_for_kind ("observation"), ==, CB_SECTION_OBSERVATIONS);
  g_assert_cmpint (cb_section_for_kind ("evidence"), ==, CB_SECTION_OBSERVATIONS);
  g_assert_cmpint (cb_section_for_kind ("school"), ==, CB_SECTION_PEOPLE);
  g_assert_cmpint (cb_section_for_kind ("person"), ==, CB_SECTION_PEOPLE);
  g_assert_cmpint (cb_section_for_kind ("agenda_item"), ==, CB_SECTION_PD);
  g_assert_cmpint (cb_section_for_kind ("framework"), ==, CB_SECTION_LOOK_FORS);
  g_assert_cmpint (cb_section_for_kind ("meeting"), ==, cb_section_lookup ("meetings")->section);
  g_assert_cmpint (cb_section_for_kind ("exit_ticket"), ==, CB_SECTION_PD);
  g_assert_true (cb_section_can_create (cb_section_lookup ("meetings")->section, FALSE));
  g_assert_cmpstr (cb_kind_editor ("meeting"), ==, "meeting");
  g_assert_cmpstr (cb_editor_type_for_page ("meeting"), ==, "CbMeetingEditor");
  g_assert_nonnull (cb_section_lookup ("rounds"));
  g_assert_cmpstr (cb_section_lookup ("rounds")->kind, ==, "rounds_visit");
  g_assert_cmpstr (cb_kind_editor ("rounds_visit"), ==, "rounds");
  g_assert_cmpint (cb_section_for_kind ("rounds_visit"), ==, cb_section_lookup ("rounds")->section);
  g_assert_true (cb_section_can_create (cb_section_lookup ("rounds")->section, FALSE));
  g_assert_cmpstr (cb_section_kind (CB_SECTION_PEOPLE, TRUE), ==, "school");
  g_assert_cmpstr (cb_section_kind (CB_SECTION_PEOPLE, FALSE), ==, "person");
  g_assert_false (cb_section_can_create (CB_SECTION_TODAY, FALSE));
  g_assert_false (cb_section_can_create (CB_SECTION_TRASH, FALSE));
  g_assert_true (cb_section_can_create (CB_SECTION_ACTIONS, FALSE));
  g_assert_true (cb_section_lookup ("look-fors") == cb_section_info (CB_SECTION_LOOK_FORS));
  g_assert_null (cb_section_lookup ("nope"));
  /* The named sections keep their values; the sidebar's order is the
   * table's. */
  g_assert_cmpuint (cb_section_count (), >=, CB_N_NAMED_SECTIONS);
  for (guint i = 0; i < CB_N_NAMED_SECTIONS; i++)
    g_assert_cmpint (cb_section_info (i)->section, ==, i);
  for (guint i = 0; i < cb_section_count (); i++)
    {
      const CbSectionInfo *info = cb_section_info (cb_section_at (i));

      g_assert_cmpuint (cb_section_position (info->section), ==, i);
      g_assert_true (cb_section_is_valid (info->section));
      g_assert_true (info->section != CB_SECTION_UNNAMED);
      g_assert_nonnull (info->empty_title);
      g_assert_true (info->kind == NULL || cb_kind_lookup (info->kind) != NULL);
      /* Every section names its list page and what its editor pane
       * says with nothing open; one that lists a kind, its editor. */
      g_assert_nonnull (info->list);
      g_assert_nonnull (info->pick_hint);
      g_assert_true (info->kind == NULL || info->editor != NULL);
    }
  /* The editor a record opens in comes from the table. */
  g_assert_cmpstr (cb_kind_editor ("observation"), ==, "observation");
  g_assert_cmpstr (cb_kind_editor ("coplan"), ==, "cycle");
  g_assert_cmpstr (cb_kind_editor ("coaching_log"), ==, "cycle");
  g_assert_cmpstr (cb_kind_editor ("pd_session"), ==, "cycle");
  g_assert_cmpstr (cb_kind_editor ("engagement"), ==, "cycle");
  g_assert_cmpstr (cb_kind_editor ("person"), ==, "record");
  g_assert_cmpstr (cb_kind_editor ("school"), ==, "record");
  g_assert_cmpstr (cb_kind_editor ("evidence"), ==, "record");
  g_assert_cmpstr (cb_kind_editor (NULL), ==, "record");
  g_assert_cmpstr (cb_section_info (CB_SECTION_CONFLICTS)->editor, ==, "conflicts");
  /* A page's editor type comes from its row alone; the generic editor
   * is the window's own. */
  g_assert_cmpstr (cb_editor_type_for_page ("observation"), ==, "CbObservationEditor");
  g_assert_cmpstr (cb_editor_type_for_page ("cycle"), ==, "CbCyclePane");
  g_assert_cmpstr (cb_editor_type_for_page ("conflicts"), ==, "CbConflictEditor");
  g_assert_null (cb_editor_type_for_page ("record"));
  g_assert_null (cb_editor_type_for_page ("nope"));
  g_assert_false (cb_section_is_valid (CB_SECTION_UNNAMED));
  /* coaching cycles open in their own page; their data points with them */
  g_assert_nonnull (cb_section_lookup ("cycles"));
  g_assert_cmpint (cb_section_lookup ("cycles")->section, >=, CB_N_NAMED_SECTIONS);
  g_assert_cmpint (cb_section_for_kind ("cycle"), ==, cb_section_lookup ("cycles")->section);
  g_assert_cmpint (cb_section_for_kind ("data_point"), ==, cb_section_lookup ("cycles")->section);
  g_assert_cmpstr (cb_kind_editor ("cycle"), ==, "goal");
  g_assert_cmpstr (cb_editor_type_for_page ("goal"), ==, "CbCycleEditor");
  g_assert_true (cb_section_can_create (cb_section_lookup ("cycles")->section, FALSE));
  /* team inquiry cycles too: their page, their data points with them */
  g_assert_nonnull (cb_section_lookup ("inquiry"));
  g_assert_cmpint (cb_section_for_kind ("inquiry_cycle"), ==, cb_section_lookup ("inquiry")->section);
  g_assert_cmpint (cb_section_for_kind ("inquiry_point"), ==, cb_section_lookup ("inquiry")->section);
  g_assert_cmpstr (cb_kind_editor ("inquiry_cycle"), ==, "inquiry");
  g_assert_cmpstr (cb_editor_type_for_page ("inquiry"), ==, "CbInquiryEditor");
  g_assert_true (cb_section_can_create (cb_section_lookup ("inquiry")->section, FALSE));
  /* a row that names no editor type opens in the generic editor */
  g_assert_null (cb_section_info (CB_SECTION_PEOPLE)->editor_type);
  g_assert_cmpstr (cb_kind_editor ("person"), ==, "record");
  g_assert_cmpstr (cb_section_info (CB_SECTION_TODAY)->list, ==, "today");
  g_assert_cmpstr (cb_section_info (CB_SECTION_TRASH)->list, ==, "list");
}

static void
test_csv_parse (void)
{
  const char text[] = "\xEF\xBB\xBFname;role;school\r\n"
                      "\"Pérez; Ana\";teacher;\"Escuela \"\"Lincoln\"\"\"\r\n"
                      "\"Two\nlines\";coach;\n"
                      "last;;x";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cb_csv_parse (text, sizeof text - 1, &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "name");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[0], ==, "Pérez; Ana");
  g_assert_cmpstr (row[2], ==, "Escuela \"Lincoln\"");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[0], ==, "Two\nlines");
  g_assert_cmpstr (row[2], ==, "");
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (row[1], ==, "");
  g_assert_cmpstr (row[2], ==, "x");

  g_assert_cmpint (cb_csv_detect_separator ("a,b;c,d", 7), ==, ',');
  g_assert_cmpint (cb_csv_detect_separator ("\"a,b\";c", 7), ==, ';');

  g_assert_null (cb_csv_parse ("caf\xe9,x", 6, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cb_csv_parse ("", 0, NULL);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_roster_roles (void)
{
  g_assert_cmpstr (cb_roster_parse_role (""), ==, "teacher");
  g_assert_cmpstr (cb_roster_parse_role ("  Teacher "), ==, "teacher");
  g_assert_cmpstr (cb_roster_parse_role ("Site Leader"), ==, "site_leader");
  g_assert_cmpstr (cb_roster_parse_role ("district_leader"), ==, "district_leader");
  g_assert_cmpstr (cb_roster_parse_role ("Directora"), ==, "principal");
  g_assert_null (cb_roster_parse_role ("janitor"));
}

static guint
count_kind (CbStore    *store,
            const char *kind)
{
  CbFilter filter = { 0 };

  filter.kind = kind;
  return cb_store_count (store, &filter);
}

static void
test_roster_import (void)
{
  const char roster[] =
    "Name,Role,School,Grade,Subject\n"
    "Ana Pérez,Teacher,Lincoln MS,6,Math\n"
    ",Teacher,Lincoln MS,6,Math\n"
    "Bo Chen,Janitor,Lincoln MS,,\n"
    "Cy Diaz,coach,\"Roosevelt, K-8\",,\n"
    "ana  pérez,teacher,lincoln ms,6,Math\n"
    "Dee Ek,,,,\n"
    "\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbRosterReport) first = NULL;
  g_autoptr(CbRosterReport) again = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;
  guint people_before;

  g_assert_no_error (error);
  people_before = count_kind (store, "person");

  first = cb_roster_import_text (store, roster, sizeof roster - 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->n_lines, ==, 6);
  g_assert_cmpuint (first->n_people, ==, 3);
  g_assert_cmpuint (first->n_schools, ==, 2);
  g_assert_cmpuint (first->n_skipped, ==, 3);
  g_assert_cmpuint (count_kind (store, "person"), ==, people_before + 3);
  g_assert_cmpuint (count_kind (store, "school"), ==, 2);
  details = cb_roster_report_details (first);
  g_assert_nonnull (strstr (details, "Line 3:"));
  g_assert_nonnull (strstr (details, "Line 4:"));
  g_assert_nonnull (strstr (details, "“Janitor”"));
  g_assert_nonnull (strstr (details, "Line 6:"));
  summary = cb_roster_report_summary (first);
  g_assert_cmpstr (summary, ==, "3 people added, 2 schools added, 3 lines skipped.");

  /* The same file again adds nobody twice. */
  again = cb_roster_import_text (store, roster, sizeof roster - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_people, ==, 0);
  g_assert_cmpuint (again->n_schools, ==, 0);
  g_assert_cmpuint (count_kind (store, "person"), ==, people_before + 3);
  g_assert_cmpuint (count_kind (store, "school"), ==, 2);

  /* Not UTF-8: refused with a message, nothing written. */
  g_assert_null (cb_roster_import_text (store, "Jos\xe9,teacher\n", 12, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (count_kind (store, "person"), ==, people_before + 3);
}

static void
test_roster_no_header (void)
{
  const char roster[] = "Eva Fox;teacher;Hill ES;3;Math\nGus Ho;principal;Hill ES;;\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbRosterReport) report = NULL;
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) people = NULL;
  gboolean found = FALSE;

  report = cb_roster_import_text (store, roster, sizeof roster - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_people, ==, 2);
  g_assert_cmpuint (report->n_schools, ==, 1);

  filter.kind = "person";
  people = cb_store_list (store, &filter, 100, &error);
  for (guint i = 0; i < people->len; i++)
    {
      CbRecord *p = g_ptr_array_index (people, i);
      if (g_strcmp0 (cb_record_get (p, "name"), "Eva Fox") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (cb_record_get (p, "grades"), ==, "3");
          g_assert_cmpstr (cb_record_get (p, "subjects"), ==, "Math");
          g_assert_nonnull (cb_record_get (p, "school"));
        }
    }
  g_assert_true (found);
}

/* The roster's columns are the person's fields the kinds table flags
 * CB_FIELD_ROSTER: each is found by every title the table gives it, in
 * any order; a title no field has is reported with the columns read;
 * a required column left empty skips its line. */
static void
test_roster_columns (void)
{
  g_autoptr(GPtrArray) fields = cb_kind_roster_fields (cb_kind_lookup ("person"));
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *described = cb_roster_describe_columns ();
  guint n_titles = 0;

  g_assert_cmpuint (fields->len, >=, 2);
  for (guint f = 0; f < fields->len; f++)
    {
      const CbField *field = g_ptr_array_index (fields, f);

      g_string_append_printf (labels, "%s%s", f > 0 ? ", " : "", field->label);
      for (guint a = 0; field->aliases != NULL && field->aliases[a] != NULL; a++)
        n_titles = MAX (n_titles, a + 1);
    }
  g_assert_cmpstr (described, ==, labels->str);
  g_assert_cmpstr (described, ==, "Name, Role, School, Grades, Subjects, Email, Private notes");

  /* Every title of every column, the columns in reverse order. */
  for (guint a = 0; a < n_titles; a++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CbStore) store = cb_store_open_memory (&error);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autoptr(CbRosterReport) report = NULL;
      g_autoptr(GPtrArray) people = NULL;
      CbFilter filter = { .kind = "person" };
      CbRecord *person = NULL;

      for (guint f = fields->len; f-- > 0;)
        {
          const CbField *field = g_ptr_array_index (fields, f);
          const char *title = field->label;

          if (field->aliases != NULL && g_strv_length ((char **) field->aliases) > a)
            title = field->aliases[a];
          g_string_append_printf (text, "%s%s", f + 1 < fields->len ? "," : "", title);
          if (strcmp (field->name, "role") == 0)
            g_string_append_printf (line, "%s%s", f + 1 < fields->len ? "," : "", "coach");
          else
            g_string_append_printf (line, "%sv-%s", f + 1 < fields->len ? "," : "", field->name);
        }
      g_string_append_printf (text, "\n%s\n", line->str);
      report = cb_roster_import_text (store, text->str, text->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_people, ==, 1);
      g_assert_cmpuint (report->messages->len, ==, 0);
      people = cb_store_list (store, &filter, 100, &error);
      for (guint i = 0; i < people->len; i++)
        if (g_strcmp0 (cb_record_get (g_ptr_array_index (people, i), "name"), "v-name") == 0)
          person = g_ptr_array_index (people, i);
      g_assert_nonnull (person);
      g_assert_cmpstr (cb_record_get (person, "role"), ==, "coach");
      for (guint f = 0; f < fields->len; f++)
        {
          const CbField *field = g_ptr_array_index (fields, f);
          g_autofree char *expected = g_strconcat ("v-", field->name, NULL);

          if (field->type == CB_TYPE_TEXT || field->type == CB_TYPE_LONGTEXT)
            g_assert_cmpstr (cb_record_get (person, field->name), ==, expected);
        }
    }

  {
    const char roster[] = "Name,Role,Shoe size\nAna Ruiz,teacher,38\n,teacher,40\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(CbStore) store = cb_store_open_memory (&error);
    g_autoptr(CbRosterReport) report = cb_roster_import_text (store, roster, sizeof roster - 1, &error);
    g_autofree char *details = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (report->n_people, ==, 1);
    details = cb_roster_report_details (report);
    g_assert_nonnull (strstr (details, "Column “Shoe size” left out"));
    g_assert_nonnull (strstr (details, "Name, Role, School, Grades, Subjects, Email, Private notes"));
    g_assert_nonnull (strstr (details, "Line 3: skipped: the “Name” column is empty"));
  }
}

/* List filters: which field each part filters on, and a teacher AND a
 * school AND a look-for AND dates at once. */

static const char *
name_of (const char *uuid,
         gpointer    data)
{
  return g_hash_table_lookup (data, uuid);
}

static void
test_list_filter_fields (void)
{
  g_assert_cmpstr (cb_list_filter_field ("observation", CB_LIST_FILTER_TEACHER), ==, "teacher");
  g_assert_cmpstr (cb_list_filter_field ("coplan", CB_LIST_FILTER_TEACHER), ==, "teachers");
  g_assert_cmpstr (cb_list_filter_field ("coaching_log", CB_LIST_FILTER_TEACHER), ==, "teachers");
  g_assert_cmpstr (cb_list_filter_field ("action_item", CB_LIST_FILTER_TEACHER), ==, "owner");
  g_assert_null (cb_list_filter_field ("person", CB_LIST_FILTER_TEACHER));
  g_assert_cmpstr (cb_list_filter_field ("observation", CB_LIST_FILTER_SCHOOL), ==, "school");
  g_assert_cmpstr (cb_list_filter_field ("person", CB_LIST_FILTER_SCHOOL), ==, "school");
  g_assert_cmpstr (cb_list_filter_field ("engagement", CB_LIST_FILTER_SCHOOL), ==, "schools");
  g_assert_null (cb_list_filter_field ("action_item", CB_LIST_FILTER_SCHOOL));
  g_assert_cmpstr (cb_list_filter_field ("observation", CB_LIST_FILTER_LOOK_FOR), ==, "focus");
  g_assert_null (cb_list_filter_field ("school", CB_LIST_FILTER_LOOK_FOR));
  g_assert_null (cb_list_filter_field (NULL, CB_LIST_FILTER_TEACHER));
  g_assert_null (cb_list_filter_field ("no-such-kind", CB_LIST_FILTER_SCHOOL));
  g_assert_cmpstr (cb_list_filter_ref_kind (CB_LIST_FILTER_SCHOOL), ==, "school");
  g_assert_cmpstr (cb_list_filter_ref_title (CB_LIST_FILTER_LOOK_FOR), ==, "Look-for");

  g_assert_true (cb_list_filter_has_dates ("observation"));
  g_assert_true (cb_list_filter_has_dates ("action_item"));
  g_assert_false (cb_list_filter_has_dates ("person"));
  g_assert_false (cb_list_filter_has_dates (NULL));
  g_assert_true (cb_list_filter_offered ("pd_session"));
  g_assert_true (cb_list_filter_offered ("person"));
  g_assert_false (cb_list_filter_offered ("school"));
  g_assert_false (cb_list_filter_offered ("look_for"));
  g_assert_false (cb_list_filter_offered (NULL));

  g_assert_true (cb_list_filter_date_valid (NULL));
  g_assert_true (cb_list_filter_date_valid (""));
  g_assert_true (cb_list_filter_date_valid ("2024-02-29"));
  g_assert_false (cb_list_filter_date_valid ("2025-02-29"));
  g_assert_false (cb_list_filter_date_valid ("2025-2-1"));
  g_assert_false (cb_list_filter_date_valid ("2025-02-01x"));
  g_assert_false (cb_list_filter_date_valid ("2025-02"));
  g_assert_false (cb_list_filter_date_valid ("abcd-ef-gh"));
}

static void
test_list_filter_combined (void)
{
  CbListFilter f = { 0 };
  CbFilter filter;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;

  g_hash_table_insert (names, "t-1", "Ana Ruiz");
  g_hash_table_insert (names, "s-1", "Lincoln");
  g_hash_table_insert (names, "l-1", "Student talk");

  g_assert_false (cb_list_filter_is_active (&f, "observation"));
  g_assert_null (cb_list_filter_describe (&f, "observation", name_of, names));
  cb_list_filter_apply (&f, "observation", &filter);
  g_assert_cmpstr (filter.kind, ==, "observation");
  g_assert_null (filter.more_refs[0].field);
  g_assert_null (filter.look_for);

  /* Choosing a school keeps the teacher: both hold. */
  cb_list_filter_set_ref (&f, CB_LIST_FILTER_TEACHER, "t-1");
  cb_list_filter_set_ref (&f, CB_LIST_FILTER_SCHOOL, "s-1");
  cb_list_filter_set_ref (&f, CB_LIST_FILTER_LOOK_FOR, "l-1");
  g_assert_true (cb_list_filter_set_dates (&f, "2025-09-01", "2025-12-31"));
  cb_list_filter_apply (&f, "observation", &filter);
  g_assert_cmpstr (filter.more_refs[0].field, ==, "teacher");
  g_assert_cmpstr (filter.more_refs[0].value, ==, "t-1");
  g_assert_cmpstr (filter.more_refs[1].field, ==, "school");
  g_assert_cmpstr (filter.more_refs[1].value, ==, "s-1");
  g_assert_cmpstr (filter.look_for, ==, "l-1");
  g_assert_cmpstr (filter.date_from, ==, "2025-09-01");
  g_assert_cmpstr (filter.date_to, ==, "2025-12-31");
  g_assert_null (filter.ref_field);
  g_assert_false (filter.trash);
  text = cb_list_filter_describe (&f, "observation", name_of, names);
  g_assert_cmpstr (text, ==, "Showing only: Ana Ruiz · Lincoln · Student talk · from 2025-09-01 · until 2025-12-31");
  g_clear_pointer (&text, g_free);

  /* People: only the school applies; the rest waits for other lists. */
  cb_list_filter_apply (&f, "person", &filter);
  g_assert_cmpstr (filter.more_refs[0].field, ==, "school");
  g_assert_null (filter.more_refs[1].field);
  g_assert_null (filter.look_for);
  g_assert_null (filter.date_from);
  g_assert_true (cb_list_filter_is_active (&f, "person"));
  text = cb_list_filter_describe (&f, "person", name_of, names);
  g_assert_cmpstr (text, ==, "Showing only: Lincoln");
  g_clear_pointer (&text, g_free);
  /* Action items: the owner and the due dates. */
  cb_list_filter_apply (&f, "action_item", &filter);
  g_assert_cmpstr (filter.more_refs[0].field, ==, "owner");
  g_assert_null (filter.more_refs[1].field);
  g_assert_cmpstr (filter.date_to, ==, "2025-12-31");
  /* A school alone takes the first slot. */
  cb_list_filter_set_ref (&f, CB_LIST_FILTER_TEACHER, NULL);
  cb_list_filter_apply (&f, "coplan", &filter);
  g_assert_cmpstr (filter.more_refs[0].field, ==, "school");
  g_assert_null (filter.more_refs[1].field);

  /* A date being typed does not limit; the other one still does. */
  g_assert_false (cb_list_filter_set_dates (&f, "2025-09", "2025-12-31"));
  g_assert_null (f.date_from);
  g_assert_cmpstr (f.date_to, ==, "2025-12-31");
  g_assert_true (cb_list_filter_set_dates (&f, "", NULL));
  g_assert_null (f.date_to);
  g_assert_false (cb_list_filter_is_active (&f, "pd_session"));
  g_assert_true (cb_list_filter_is_active (&f, "coplan"));

  /* A copy is equal, until one of them changes. */
  {
    CbListFilter copy = { 0 };

    cb_list_filter_copy (&copy, &f);
    g_assert_true (cb_list_filter_equal (&copy, &f));
    cb_list_filter_set_ref (&copy, CB_LIST_FILTER_SCHOOL, "s-2");
    g_assert_false (cb_list_filter_equal (&copy, &f));
    cb_list_filter_copy (&copy, &f);
    g_assert_true (cb_list_filter_equal (&copy, &f));
    cb_list_filter_set_dates (&copy, "2025-01-01", NULL);
    g_assert_false (cb_list_filter_equal (&copy, &f));
    cb_list_filter_clear (&copy);
  }

  cb_list_filter_clear (&f);
  g_assert_false (cb_list_filter_is_active (&f, "observation"));
  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    g_assert_null (f.refs[i]);
}

/* Through the store: each part narrows what the others left. */
static void
test_list_filter_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *lincoln = cb_test_create (store, "school", "name", "Lincoln", NULL);
  g_autofree char *adams = cb_test_create (store, "school", "name", "Adams", NULL);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana", "school", lincoln, NULL);
  g_autofree char *ben = cb_test_create (store, "person", "name", "Ben", "school", adams, NULL);
  g_autofree char *talk = cb_test_create (store, "look_for", "name", "Talk", NULL);
  CbListFilter f = { 0 };
  CbFilter filter;
  const struct { const char *teacher, *school, *date, *focus; } rows[] = {
    { ana, lincoln, "2025-10-01", talk },
    { ana, lincoln, "2025-11-01", NULL },
    { ana, adams,   "2025-10-02", talk },
    { ben, lincoln, "2025-10-03", talk },
    { ben, adams,   "2025-10-04", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *uuid = cb_test_create (store, "observation", "teacher", rows[i].teacher,
                                              "school", rows[i].school, "date", rows[i].date,
                                              "focus", rows[i].focus ? rows[i].focus : "", NULL);
      g_assert_nonnull (uuid);
    }

  cb_list_filter_set_ref (&f, CB_LIST_FILTER_TEACHER, ana);
  cb_list_filter_apply (&f, "observation", &filter);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 3);
  cb_list_filter_set_ref (&f, CB_LIST_FILTER_SCHOOL, lincoln);
  cb_list_filter_apply (&f, "observation", &filter);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 2);
  cb_list_filter_set_dates (&f, NULL, "2025-10-31");
  cb_list_filter_apply (&f, "observation", &filter);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 1);
  cb_list_filter_set_dates (&f, NULL, NULL);
  cb_list_filter_set_ref (&f, CB_LIST_FILTER_LOOK_FOR, talk);
  cb_list_filter_apply (&f, "observation", &filter);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 1);
  cb_list_filter_set_ref (&f, CB_LIST_FILTER_TEACHER, NULL);
  cb_list_filter_apply (&f, "observation", &filter);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 2);
  /* The people of a school, with the same filter. */
  cb_list_filter_apply (&f, "person", &filter);
  g_assert_cmpuint (cb_store_count (store, &filter), ==, 1);
  cb_list_filter_clear (&f);
}

/* Dates typed as ISO or the locale's way (the tests run in C, whose
 * dates are month/day/year). */
static void
test_date_from_typed (void)
{
  const struct { const char *typed; const char *date; } cases[] = {
    { "2026-09-30", "2026-09-30" }, { " 2026-9-3 ", "2026-09-03" },
    { "09/30/2026", "2026-09-30" }, { "9/30/26", "2026-09-30" }, { "9.30.2026", "2026-09-30" },
    { "02/29/2024", "2024-02-29" }, { "02/29/2023", NULL }, { "30/09/2026", NULL },
    { "2026-13-01", NULL }, { "09/30/202", NULL }, { "09/30", NULL }, { "", NULL },
    { "09/30/2026x", NULL }, { "sept 30", NULL },
  };
  g_autofree char *hint = cb_date_format_hint ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = cb_date_from_typed (cases[i].typed);
      g_assert_cmpstr (date, ==, cases[i].date);
    }
  g_assert_cmpstr (hint, ==, "Type a date as 2024-09-30 or 09/30/2024");
}

/* A capped search says so. */
static void
test_search_summary (void)
{
  g_autofree char *all = cb_search_summary (12, 12, FALSE);
  g_autofree char *one = cb_search_summary (1, 1, FALSE);
  g_autofree char *capped = cb_search_summary (200, 3412, FALSE);
  g_autofree char *more = cb_search_summary (200, 10000, TRUE);

  g_assert_cmpstr (all, ==, "12 results");
  g_assert_cmpstr (one, ==, "1 result");
  /* C.UTF-8 groups no digits */
  g_assert_cmpstr (capped, ==, "First 200 of 3412");
  g_assert_cmpstr (more, ==, "First 200 of more than 10000");
}

/* A reference to an observation without a lesson names it by its
 * teacher, as its own page does. */
static void
test_names_observation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbNames) names = NULL;
  g_autofree char *teacher = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *log = NULL;

  g_assert_no_error (error);
  names = cb_names_new (store);
  teacher = cb_test_create (store, "person", "name", "Dev Patel", NULL);
  obs = cb_test_create (store, "observation", "teacher", teacher, NULL);
  log = cb_test_create (store, "coaching_log", "summary", "Visit", "observation", obs, NULL);
  g_assert_cmpstr (cb_names_lookup (names, obs), ==, "Observation of Dev Patel");
  {
    g_autofree char *joined = cb_names_join (names, obs, ", ");
    g_assert_cmpstr (joined, ==, "Observation of Dev Patel");
  }
}

static char *
describe (CbNames    *names,
          const char *uuid,
          gboolean    in_trash)
{
  g_autoptr(CbRecord) record = cb_store_get (cb_names_get_store (names), uuid, NULL);

  g_assert_nonnull (record);
  return cb_names_describe (names, record, in_trash);
}

#define CHECK_DESCRIBE(uuid, in_trash, expected) G_STMT_START { \
    g_autofree char *d_ = describe (names, (uuid), (in_trash)); \
    g_assert_cmpstr (d_, ==, (expected)); \
  } G_STMT_END

/* A list row's second line, kind by kind, from the kinds table's
 * subtitle fields. */
static void
test_names_describe (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autoptr(CbNames) names = NULL;
  g_autofree char *school = NULL, *teacher = NULL, *other = NULL, *fw = NULL;
  g_autofree char *today = cb_today_string ();
  g_autofree char *due_label = cb_due_label ("2020-01-02", today);
  g_autofree char *expected = NULL;
  g_autofree char *u = NULL;

  g_assert_no_error (error);
  names = cb_names_new (store);
  school = cb_test_create (store, "school", "name", "Lincoln", "district", "North",
                           "grades", "K-5", NULL);
  teacher = cb_test_create (store, "person", "name", "Dev Patel", "role", "teacher",
                            "school", school, NULL);
  other = cb_test_create (store, "person", "name", "Ana Ruiz", NULL);
  fw = cb_test_create (store, "framework", "name", "Math practices", "short_name", "MP", NULL);
  CHECK_DESCRIBE (school, FALSE, "North · K-5");
  CHECK_DESCRIBE (school, TRUE, "School · North · K-5");
  CHECK_DESCRIBE (teacher, FALSE, "Teacher · Lincoln");
  CHECK_DESCRIBE (other, FALSE, "");
  CHECK_DESCRIBE (fw, FALSE, "MP");

  u = cb_test_create (store, "observation", "teacher", teacher, "class_period", "P3",
                      "school", school, NULL);
  CHECK_DESCRIBE (u, FALSE, "Dev Patel · P3");
  g_free (u);
  /* the school only when there is nothing else to say */
  u = cb_test_create (store, "observation", "school", school, NULL);
  CHECK_DESCRIBE (u, FALSE, "Lincoln");
  CHECK_DESCRIBE (u, TRUE, "Observation · Lincoln");
  g_free (u);
  g_free (expected);
  expected = g_strdup_printf ("%s %s", teacher, other);
  u = cb_test_create (store, "coplan", "teachers", expected, "school", school, NULL);
  CHECK_DESCRIBE (u, FALSE, "Dev Patel, Ana Ruiz · Lincoln");
  g_free (u);
  /* a group's name only when no teacher is named */
  u = cb_test_create (store, "coaching_log", "teachers", teacher, "group_name", "Grade 3",
                      "mode", "group", NULL);
  CHECK_DESCRIBE (u, FALSE, "Dev Patel · Group");
  g_free (u);
  u = cb_test_create (store, "coaching_log", "group_name", "Grade 3", NULL);
  CHECK_DESCRIBE (u, FALSE, "Grade 3");
  g_free (u);
  u = cb_test_create (store, "pd_session", "location", "Library", "audience", "leaders", NULL);
  CHECK_DESCRIBE (u, FALSE, "Library · Leaders");
  g_free (u);
  u = cb_test_create (store, "look_for", "code", "LF1", "framework", fw, NULL);
  CHECK_DESCRIBE (u, FALSE, "LF1 · Math practices");
  g_free (u);
  u = cb_test_create (store, "engagement", "client", "District 9", "school_year", "2026-27", NULL);
  CHECK_DESCRIBE (u, FALSE, "District 9 · 2026-27");
  g_free (u);
  /* the due date only while it matters: not once the item is done */
  u = cb_test_create (store, "action_item", "owner", teacher, "status", "open",
                      "due", "2020-01-02", NULL);
  g_free (expected);
  expected = g_strdup_printf ("Dev Patel · Open · %s", due_label);
  CHECK_DESCRIBE (u, FALSE, expected);
  g_free (u);
  u = cb_test_create (store, "action_item", "owner", teacher, "status", "done",
                      "due", "2020-01-02", NULL);
  CHECK_DESCRIBE (u, FALSE, "Dev Patel · Done");
  g_free (u);
  u = cb_test_create (store, "meeting", NULL);
  CHECK_DESCRIBE (u, FALSE, "");
}

static const char *
new_value (GPtrArray  *names,
           GPtrArray  *values,
           const char *field)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (names->pdata[i], field) == 0)
      return values->pdata[i];
  return NULL;
}

/* What Ctrl+N gives a new record comes from the section's row. */
static void
test_sections_new_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_memory (&error);
  g_autofree char *today = cb_today_string ();
  struct { const char *section, *kind; } cases[] = {
    { "observations", "observation" }, { "actions", "action_item" },
    { "people", "person" }, { "people", "school" }, { "look-fors", "look_for" },
    { "meetings", "meeting" },
  };

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      const CbSectionInfo *info = cb_section_lookup (cases[c].section);
      const char *kind = cases[c].kind;

      cb_section_new_values (info, kind, store, NULL, names, values);
      g_assert_cmpuint (names->len, ==, values->len);
      if (g_str_equal (kind, "observation") || g_str_equal (kind, "meeting"))
        g_assert_cmpstr (new_value (names, values, "date"), ==, today);
      if (g_str_equal (kind, "observation"))
        g_assert_null (new_value (names, values, "focus")); /* no settings */
      if (g_str_equal (kind, "action_item"))
        {
          g_assert_cmpstr (new_value (names, values, "status"), ==, "open");
          g_assert_null (new_value (names, values, "due"));
        }
      if (g_str_equal (kind, "person"))
        g_assert_cmpstr (new_value (names, values, "role"), ==, "teacher");
      if (g_str_equal (kind, "school"))
        g_assert_cmpuint (names->len, ==, 0);
      if (g_str_equal (kind, "look_for"))
        g_assert_nonnull (new_value (names, values, "position"));
    }
  /* the list header's tools are the rows' too */
  g_assert_cmpstr (cb_section_info (CB_SECTION_ACTIONS)->tools[0].target, ==, "action_item");
  g_assert_null (cb_section_info (CB_SECTION_ACTIONS)->tools[1].action);
  g_assert_null (cb_section_lookup ("rounds")->tools);
  for (guint i = 0; i < cb_section_count (); i++)
    {
      const CbSectionTool *tools = cb_section_info (cb_section_at (i))->tools;

      for (guint t = 0; tools != NULL && tools[t].action != NULL; t++)
        {
          g_assert_true (tools[t].label != NULL || tools[t].icon != NULL);
          g_assert_nonnull (tools[t].tooltip);
          if (g_str_equal (tools[t].action, "win.export-csv"))
            g_assert_true (cb_csv_kind_from_string (tools[t].target, NULL));
        }
    }
}

static CbRecord *
rounds_note (const char *uuid,
             const char *look_for,
             const char *classroom)
{
  CbRecord *note = cb_record_new (uuid, "rounds_note", "a", "2026-03-12T09:00:00Z");

  cb_record_take (note, "look_for", g_strdup (look_for));
  cb_record_take (note, "classroom", g_strdup (classroom));
  return note;
}

/* Every note once per grouping; focus look-fors first in their order,
 * then the others, then the untagged; classrooms by name. */
static void
test_rounds_board (void)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) by_look_for = NULL;
  g_autoptr(GPtrArray) by_room = NULL;
  g_autofree char *t = NULL;

  g_ptr_array_add (notes, rounds_note ("n1", "lf-other", "Room 2"));
  g_ptr_array_add (notes, rounds_note ("n2", "lf-b", "Room 1"));
  g_ptr_array_add (notes, rounds_note ("n3", "", "Room 2"));
  g_ptr_array_add (notes, rounds_note ("n4", "lf-b", ""));
  by_look_for = cb_rounds_board_groups (notes, CB_ROUNDS_BY_LOOK_FOR, "lf-a lf-b");
  g_assert_cmpuint (by_look_for->len, ==, 4);
  g_assert_cmpstr (((CbRoundsGroup *) by_look_for->pdata[0])->key, ==, "lf-a");
  g_assert_cmpuint (((CbRoundsGroup *) by_look_for->pdata[0])->notes->len, ==, 0);
  g_assert_cmpstr (((CbRoundsGroup *) by_look_for->pdata[1])->key, ==, "lf-b");
  g_assert_cmpuint (((CbRoundsGroup *) by_look_for->pdata[1])->notes->len, ==, 2);
  g_assert_cmpstr (((CbRoundsGroup *) by_look_for->pdata[2])->key, ==, "lf-other");
  g_assert_cmpstr (((CbRoundsGroup *) by_look_for->pdata[3])->key, ==, "");
  by_room = cb_rounds_board_groups (notes, CB_ROUNDS_BY_CLASSROOM, "lf-a lf-b");
  g_assert_cmpuint (by_room->len, ==, 3);
  g_assert_cmpstr (((CbRoundsGroup *) by_room->pdata[0])->key, ==, "Room 1");
  g_assert_cmpstr (((CbRoundsGroup *) by_room->pdata[1])->key, ==, "Room 2");
  g_assert_cmpuint (((CbRoundsGroup *) by_room->pdata[1])->notes->len, ==, 2);
  g_assert_cmpstr (((CbRoundsGroup *) by_room->pdata[2])->key, ==, "");
  t = cb_rounds_format_time (9 * 3600 + 5 * 60 + 59);
  g_assert_cmpstr (t, ==, "09:05");
}

static CbRecord *
rounds_slot (const char *classroom,
             const char *start,
             const char *end)
{
  CbRecord *slot = cb_record_new (classroom, "rounds_slot", "a", "2026-03-12T09:00:00Z");

  cb_record_take (slot, "classroom", g_strdup (classroom));
  cb_record_take (slot, "start", g_strdup (start));
  cb_record_take (slot, "end", g_strdup (end));
  return slot;
}

/* Times as typed, and the slot under way: its start counts, its end
 * does not; a slot with a bad time is never under way. */
static void
test_rounds_schedule (void)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpint (cb_rounds_parse_time ("9:05"), ==, 9 * 3600 + 5 * 60);
  g_assert_cmpint (cb_rounds_parse_time (" 13:40 "), ==, 13 * 3600 + 40 * 60);
  g_assert_cmpint (cb_rounds_parse_time ("9"), ==, -1);
  g_assert_cmpint (cb_rounds_parse_time ("9:5"), ==, -1);
  g_assert_cmpint (cb_rounds_parse_time ("24:00"), ==, -1);
  g_assert_cmpint (cb_rounds_parse_time ("nine"), ==, -1);
  g_assert_cmpint (cb_rounds_parse_time (NULL), ==, -1);

  g_ptr_array_add (slots, rounds_slot ("Room 1", "9:00", "9:20"));
  g_ptr_array_add (slots, rounds_slot ("Room 2", "9:20", "9:40"));
  g_ptr_array_add (slots, rounds_slot ("Room 3", "10:00", "bad"));
  g_assert_cmpint (cb_rounds_current_slot (slots, 8 * 3600 + 59 * 60), ==, -1);
  g_assert_cmpint (cb_rounds_current_slot (slots, 9 * 3600), ==, 0);
  g_assert_cmpint (cb_rounds_current_slot (slots, 9 * 3600 + 20 * 60), ==, 1);
  g_assert_cmpint (cb_rounds_current_slot (slots, 10 * 3600 + 5 * 60), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app-logic/clock/roundtrip", test_clock_roundtrip);
  g_test_add_func ("/app-logic/clock/arithmetic", test_clock_arithmetic);
  g_test_add_func ("/app-logic/clock/talk-starts-lesson", test_clock_talk_starts_lesson);
  g_test_add_func ("/app-logic/clock/actions", test_clock_actions);
  g_test_add_func ("/app-logic/offsets", test_offsets);
  g_test_add_func ("/app-logic/refs", test_refs);
  g_test_add_func ("/app-logic/talk-and-counters", test_talk_and_counters);
  g_test_add_func ("/app-logic/date-labels", test_date_labels);
  g_test_add_func ("/app-logic/snippets", test_snippets);
  g_test_add_func ("/app-logic/search-summary", test_search_summary);
  g_test_add_func ("/app-logic/due", test_due);
  g_test_add_func ("/app-logic/not-observed", test_not_observed);
  g_test_add_func ("/app-logic/sections", test_sections);
  g_test_add_func ("/app-logic/rounds-schedule", test_rounds_schedule);
  g_test_add_func ("/app-logic/rounds-board", test_rounds_board);
  g_test_add_func ("/app-logic/csv-parse", test_csv_parse);
  g_test_add_func ("/app-logic/roster/roles", test_roster_roles);
  g_test_add_func ("/app-logic/date-from-typed", test_date_from_typed);
  g_test_add_func ("/app-logic/roster/import", test_roster_import);
  g_test_add_func ("/app-logic/roster/no-header", test_roster_no_header);
  g_test_add_func ("/app-logic/roster/columns", test_roster_columns);
  g_test_add_func ("/app-logic/list-filter/fields", test_list_filter_fields);
  g_test_add_func ("/app-logic/list-filter/combined", test_list_filter_combined);
  g_test_add_func ("/app-logic/list-filter/store", test_list_filter_store);
  g_test_add_func ("/app-logic/names/observation", test_names_observation);
  g_test_add_func ("/app-logic/names/describe", test_names_describe);
  g_test_add_func ("/app-logic/sections/new-values", test_sections_new_values);

  return g_test_run ();
}
