/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cb-capture-logic.h"
#include "cb-order.h"

static const CbCounterInfo default_counters[] = {
  { "funneling", N_("Funneling questions") },
  { "focusing",  N_("Focusing questions") },
  { "otr",       N_("Opportunities to respond") },
};

static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    return FALSE;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

void
cb_clock_init (CbClock *clock)
{
  g_return_if_fail (clock != NULL);

  memset (clock, 0, sizeof *clock);
  clock->state = CB_CLOCK_STOPPED;
  clock->talk = CB_TALK_NONE;
}

/**
 * cb_clock_parse:
 * @text: (nullable): a saved clock
 * @clock: (out): the clock
 *
 * An empty or unreadable value gives a clock that never ran.
 *
 * Returns: %FALSE if @text was not empty and could not be read.
 */
gboolean
cb_clock_parse (const char *text,
                CbClock    *clock)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  CbClock c;

  g_return_val_if_fail (clock != NULL, FALSE);

  cb_clock_init (clock);
  if (text == NULL || *text == '\0')
    return TRUE;

  cb_clock_init (&c);
  parts = g_strsplit (text, ";", -1);
  n = g_strv_length (parts);
  if (n != 3 && n != 5)
    return FALSE;

  if (strcmp (parts[0], "running") == 0)
    c.state = CB_CLOCK_RUNNING;
  else if (strcmp (parts[0], "paused") == 0)
    c.state = CB_CLOCK_PAUSED;
  else if (strcmp (parts[0], "stopped") == 0)
    c.state = CB_CLOCK_STOPPED;
  else
    return FALSE;

  if (!parse_int64 (parts[1], &c.accumulated_ms) ||
      !parse_int64 (parts[2], &c.started_at_ms) ||
      c.accumulated_ms < 0 || c.started_at_ms < 0)
    return FALSE;

  if (n == 5)
    {
      if (strcmp (parts[3], "teacher") == 0)
        c.talk = CB_TALK_TEACHER;
      else if (strcmp (parts[3], "student") == 0)
        c.talk = CB_TALK_STUDENT;
      else
        return FALSE;
      if (!parse_int64 (parts[4], &c.talk_since_ms) || c.talk_since_ms < 0)
        return FALSE;
    }

  *clock = c;
  return TRUE;
}

/**
 * cb_clock_to_string:
 *
 * Returns: (transfer full): the clock as saved in the "clock" field.
 */
char *
cb_clock_to_string (const CbClock *clock)
{
  static const char * const states[] = { "stopped", "running", "paused" };

  g_return_val_if_fail (clock != NULL, NULL);

  if (clock->talk != CB_TALK_NONE)
    return g_strdup_printf ("%s;%" G_GINT64_FORMAT ";%" G_GINT64_FORMAT ";%s;%" G_GINT64_FORMAT,
                            states[clock->state], clock->accumulated_ms,
                            clock->started_at_ms,
                            clock->talk == CB_TALK_TEACHER ? "teacher" : "student",
                            clock->talk_since_ms);
  return g_strdup_printf ("%s;%" G_GINT64_FORMAT ";%" G_GINT64_FORMAT,
                          states[clock->state], clock->accumulated_ms,
                          clock->started_at_ms);
}

/**
 * cb_clock_elapsed_ms:
 *
 * Lesson time. A wall clock that went backwards (the laptop's time was
 * corrected) never makes the lesson time go below what was accumulated.
 */
gint64
cb_clock_elapsed_ms (const CbClock *clock,
                     gint64         now_ms)
{
  g_return_val_if_fail (clock != NULL, 0);

  if (clock->state == CB_CLOCK_RUNNING)
    return clock->accumulated_ms + MAX (0, now_ms - clock->started_at_ms);
  return clock->accumulated_ms;
}

gint64
cb_clock_offset_seconds (const CbClock *clock,
                         gint64         now_ms)
{
  return cb_clock_elapsed_ms (clock, now_ms) / 1000;
}

/* Returns TRUE if the clock changed. */
gboolean
cb_clock_start (CbClock *clock,
                gint64   now_ms)
{
  g_return_val_if_fail (clock != NULL, FALSE);

  if (clock->state == CB_CLOCK_RUNNING)
    return FALSE;
  clock->state = CB_CLOCK_RUNNING;
  clock->started_at_ms = now_ms;
  return TRUE;
}

gboolean
cb_clock_pause (CbClock *clock,
                gint64   now_ms)
{
  g_return_val_if_fail (clock != NULL, FALSE);

  if (clock->state != CB_CLOCK_RUNNING)
    return FALSE;
  clock->accumulated_ms = cb_clock_elapsed_ms (clock, now_ms);
  clock->state = CB_CLOCK_PAUSED;
  clock->started_at_ms = 0;
  return TRUE;
}

/**
 * cb_clock_stop:
 * @closed_talk: (out) (optional): the talk timer that was running
 * @closed_ms: (out) (optional): how long it ran since it last switched
 *
 * Stops the lesson clock and the talk timer. The caller adds @closed_ms
 * to the tally of @closed_talk.
 */
gboolean
cb_clock_stop (CbClock *clock,
               gint64   now_ms,
               CbTalk  *closed_talk,
               gint64  *closed_ms)
{
  CbTalk talk;
  gint64 ms;

  g_return_val_if_fail (clock != NULL, FALSE);

  talk = cb_clock_switch_talk (clock, now_ms, CB_TALK_NONE, &ms);
  if (closed_talk)
    *closed_talk = talk;
  if (closed_ms)
    *closed_ms = ms;

  if (clock->state == CB_CLOCK_STOPPED)
    return talk != CB_TALK_NONE;
  clock->accumulated_ms = cb_clock_elapsed_ms (clock, now_ms);
  clock->state = CB_CLOCK_STOPPED;
  clock->started_at_ms = 0;
  return TRUE;
}

gint64
cb_clock_talk_ms (const CbClock *clock,
                  gint64         now_ms)
{
  g_return_val_if_fail (clock != NULL, 0);

  if (clock->talk == CB_TALK_NONE)
    return 0;
  return MAX (0, cb_clock_elapsed_ms (clock, now_ms) - clock->talk_since_ms);
}

/**
 * cb_clock_switch_talk:
 * @to: the talk timer to run from now on, or %CB_TALK_NONE to stop it
 * @closed_ms: (out) (optional): how long the previous talk timer ran
 *
 * Starting a talk timer starts the lesson clock if it is not running.
 *
 * Returns: the talk timer that ran before
 */
CbTalk
cb_clock_switch_talk (CbClock *clock,
                      gint64   now_ms,
                      CbTalk   to,
                      gint64  *closed_ms)
{
  CbTalk before;
  gint64 ms;

  g_return_val_if_fail (clock != NULL, CB_TALK_NONE);

  before = clock->talk;
  ms = cb_clock_talk_ms (clock, now_ms);
  if (closed_ms)
    *closed_ms = ms;

  if (to != CB_TALK_NONE && clock->state != CB_CLOCK_RUNNING)
    cb_clock_start (clock, now_ms);

  clock->talk = to;
  clock->talk_since_ms = to == CB_TALK_NONE ? 0 : cb_clock_elapsed_ms (clock, now_ms);
  return before;
}

/* What the one talk key does next: teacher first, then alternate. */
CbTalk
cb_clock_next_talk (const CbClock *clock)
{
  g_return_val_if_fail (clock != NULL, CB_TALK_TEACHER);

  return clock->talk == CB_TALK_TEACHER ? CB_TALK_STUDENT : CB_TALK_TEACHER;
}

CbClockActions
cb_clock_get_actions (const CbClock *clock)
{
  CbClockActions a = { FALSE, FALSE, FALSE, FALSE };

  g_return_val_if_fail (clock != NULL, a);

  a.can_start = clock->state != CB_CLOCK_RUNNING;
  a.can_pause = clock->state == CB_CLOCK_RUNNING;
  a.can_stop = clock->state != CB_CLOCK_STOPPED || clock->talk != CB_TALK_NONE;
  a.resumes = clock->state != CB_CLOCK_RUNNING && clock->accumulated_ms > 0;
  return a;
}

/**
 * cb_format_offset:
 * @seconds: time from the lesson start
 *
 * Returns: (transfer full): "mm:ss"; minutes go past 59 for long lessons.
 */
char *
cb_format_offset (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                          seconds / 60, seconds % 60);
}

/**
 * cb_parse_offset:
 * @text: "m:ss", "mm:ss", "h:mm:ss" or a number of minutes
 *
 * Returns: %TRUE if @text was read into @seconds
 */
gboolean
cb_parse_offset (const char *text,
                 gint64     *seconds)
{
  g_autofree char *s = NULL;
  g_auto(GStrv) parts = NULL;
  guint n;
  gint64 v[3] = { 0, 0, 0 };

  g_return_val_if_fail (seconds != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  s = g_strstrip (g_strdup (text));
  if (*s == '\0')
    return FALSE;

  parts = g_strsplit (s, ":", -1);
  n = g_strv_length (parts);
  if (n < 1 || n > 3)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *p = parts[i];

      if (*p == '\0' || strlen (p) > 6)
        return FALSE;
      for (const char *q = p; *q; q++)
        if (!g_ascii_isdigit (*q))
          return FALSE;
      v[i] = g_ascii_strtoll (p, NULL, 10);
      /* Only the first part may exceed 59. */
      if (i > 0 && (strlen (p) != 2 || v[i] > 59))
        return FALSE;
    }

  if (n == 1)
    *seconds = v[0] * 60;
  else if (n == 2)
    *seconds = v[0] * 60 + v[1];
  else
    *seconds = v[0] * 3600 + v[1] * 60 + v[2];
  return TRUE;
}

/**
 * cb_format_duration:
 *
 * Returns: (transfer full): "m:ss" for talk timers and totals
 */
char *
cb_format_duration (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                            seconds / 3600, (seconds / 60) % 60, seconds % 60);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                          seconds / 60, seconds % 60);
}

static char *
join_refs (GPtrArray *items)
{
  g_ptr_array_add (items, NULL);
  return g_strjoinv (" ", (char **) items->pdata);
}

/**
 * cb_refs_move:
 * @delta: -1 to move @uuid one place earlier, +1 one place later
 *
 * Returns: (transfer full): the reordered refs
 */
char *
cb_refs_move (const char *refs,
              const char *uuid,
              int         delta)
{
  g_auto(GStrv) parts = cb_refs_split (refs);
  guint n = g_strv_length (parts);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  guint to;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (parts[i], uuid) == 0)
      {
        if (cb_order_target (n, i, delta, &to))
          cb_order_move ((gpointer *) parts, n, i, to);
        break;
      }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, parts[i]);
  return join_refs (out);
}

char *
cb_marks_append (const char *marks,
                 gint64      seconds)
{
  if (marks == NULL || *marks == '\0')
    return g_strdup_printf ("%" G_GINT64_FORMAT, MAX (seconds, 0));
  return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, marks, MAX (seconds, 0));
}

char *
cb_marks_drop_last (const char *marks)
{
  const char *nl;

  if (marks == NULL)
    return g_strdup ("");
  nl = strrchr (marks, '\n');
  if (nl == NULL)
    return g_strdup ("");
  return g_strndup (marks, nl - marks);
}

const CbCounterInfo *
cb_default_counters (guint *n_counters)
{
  if (n_counters)
    *n_counters = G_N_ELEMENTS (default_counters);
  return default_counters;
}

/**
 * cb_counter_label:
 * @stored_label: (nullable): the label saved with a custom counter
 *
 * Returns: the label to show for a counter: the translated built-in
 *   label, else the stored one, else the name.
 */
const char *
cb_counter_label (const char *name,
                  const char *stored_label)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_counters); i++)
    if (g_strcmp0 (default_counters[i].name, name) == 0)
      return _(default_counters[i].label);
  if (g_strcmp0 (name, CB_TALLY_TEACHER_TALK) == 0)
    return _("Teacher talk");
  if (g_strcmp0 (name, CB_TALLY_STUDENT_TALK) == 0)
    return _("Student talk");
  if (stored_label != NULL && *stored_label != '\0')
    return stored_label;
  return name ? name : "";
}

/**
 * cb_talk_percent:
 *
 * Returns: the teacher's share of talk in percent, rounded, or -1 when
 *   nobody talked yet.
 */
int
cb_talk_percent (gint64 teacher_seconds,
                 gint64 student_seconds)
{
  gint64 total = MAX (teacher_seconds, 0) + MAX (student_seconds, 0);

  if (total == 0)
    return -1;
  return (int) ((MAX (teacher_seconds, 0) * 100 + total / 2) / total);
}

/**
 * cb_talk_add_seconds:
 * @counted: the talk already counted of one kind
 * @ms: a closed talk segment of that kind
 * @other: the other kind's counted seconds
 * @lesson_ms: the lesson clock's running time
 *
 * Each segment is rounded to whole seconds; the talk timed never exceeds
 * the lesson clock, which rounding alone could make it do (a 0:17 talk
 * in a 0:16 lesson).
 *
 * Returns: @counted with @ms added, clipped to the lesson
 */
gint64
cb_talk_add_seconds (gint64 counted,
                     gint64 ms,
                     gint64 other,
                     gint64 lesson_ms)
{
  gint64 added = counted + (MAX (ms, 0) + 500) / 1000;
  gint64 limit = MAX (lesson_ms, 0) / 1000 - MAX (other, 0);

  return MAX (MIN (added, limit), MIN (counted, added));
}
