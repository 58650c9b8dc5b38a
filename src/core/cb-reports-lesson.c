/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pure computations behind single views (see cb-reports.c): a PD
 * session's agenda problems, a lesson's tally chart and the look-fors
 * seen in it, an action item's state. Tests call them without a store
 * or a display. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cb-refs.h"
#include "cb-reports.h"

/* ------------------------------------------------------- PD agendas */

typedef struct
{
  guint index;
  int   start;
  int   end;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static const char *
block_title (const CbAgendaBlock *block)
{
  return block->title && *block->title ? block->title : _("Untitled block");
}

static char *
hhmm (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

static void
add_problem (GPtrArray      *problems,
             CbReportsError  code,
             guint           first,
             guint           second,
             char           *message)
{
  CbAgendaProblem *p = g_new0 (CbAgendaProblem, 1);

  p->code = code;
  p->first = first;
  p->second = second;
  p->message = message;
  g_ptr_array_add (problems, p);
}

/**
 * cb_agenda_problems:
 * @blocks: (array length=n_blocks): the agenda blocks of one session
 * @session_start: (nullable): the session's start, HH:MM
 * @session_end: (nullable): the session's end
 *
 * Checks an agenda: every block with a time needs both a start and an
 * end, the end after the start; blocks may not overlap, but one may
 * start when the previous ends (9:00–10:00 then 10:00–11:00 is fine);
 * with the session's times given, blocks stay within them. Blocks with
 * neither time are not scheduled yet and are not checked.
 *
 * Returns: (transfer full) (element-type CbAgendaProblem): the problems,
 *   empty when the agenda is fine
 */
GPtrArray *
cb_agenda_problems (const CbAgendaBlock *blocks,
                    guint                n_blocks,
                    const char          *session_start,
                    const char          *session_end)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_agenda_problem_free);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  int ss = cb_time_to_minutes (session_start);
  int se = cb_time_to_minutes (session_end);

  g_return_val_if_fail (blocks != NULL || n_blocks == 0, problems);

  for (guint i = 0; i < n_blocks; i++)
    {
      const CbAgendaBlock *b = &blocks[i];
      gboolean has_start = b->start && *b->start;
      gboolean has_end = b->end && *b->end;
      Span span = { i, cb_time_to_minutes (b->start), cb_time_to_minutes (b->end) };

      if (!has_start && !has_end)
        continue;
      if (span.start < 0 || span.end < 0)
        {
          add_problem (problems, CB_REPORTS_ERROR_TIME, i, i,
                       g_strdup_printf (_("“%s” needs a start and an end time, such as 09:00 and 10:15."),
                                        block_title (b)));
          continue;
        }
      if (span.end <= span.start)
        {
          g_autofree char *s = hhmm (span.start);
          g_autofree char *e = hhmm (span.end);

          add_problem (problems, CB_REPORTS_ERROR_ORDER, i, i,
                       g_strdup_printf (_("“%s” ends at %s, which is not after its start at %s."),
                                        block_title (b), e, s));
          continue;
        }
      if (ss >= 0 && se > ss && (span.start < ss || span.end > se))
        {
          g_autofree char *s = hhmm (span.start);
          g_autofree char *e = hhmm (span.end);
          g_autofree char *s2 = hhmm (ss);
          g_autofree char *e2 = hhmm (se);

          add_problem (problems, CB_REPORTS_ERROR_OUTSIDE, i, i,
                       g_strdup_printf (_("“%s” (%s–%s) is outside the session’s time, %s–%s."),
                                        block_title (b), s, e, s2, e2));
        }
      g_array_append_val (spans, span);
    }

  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    for (guint j = i + 1; j < spans->len; j++)
      {
        const Span *a = &g_array_index (spans, Span, i);
        const Span *b = &g_array_index (spans, Span, j);

        /* sorted by start: nothing later can overlap a */
        if (b->start >= a->end)
          break;
        {
          g_autofree char *as = hhmm (a->start);
          g_autofree char *ae = hhmm (a->end);
          g_autofree char *bs = hhmm (b->start);
          g_autofree char *be = hhmm (b->end);

          add_problem (problems, CB_REPORTS_ERROR_OVERLAP, a->index, b->index,
                       g_strdup_printf (_("“%s” (%s–%s) overlaps “%s” (%s–%s)."),
                                        block_title (&blocks[a->index]), as, ae,
                                        block_title (&blocks[b->index]), bs, be));
        }
      }
  return problems;
}

/**
 * cb_agenda_check:
 *
 * Like cb_agenda_problems(), for a yes/no answer.
 *
 * Returns: %TRUE if the agenda is fine; otherwise %FALSE with the first
 *   problem in @error (%CB_REPORTS_ERROR)
 */
gboolean
cb_agenda_check (const CbAgendaBlock  *blocks,
                 guint                 n_blocks,
                 const char           *session_start,
                 const char           *session_end,
                 GError              **error)
{
  g_autoptr(GPtrArray) problems = cb_agenda_problems (blocks, n_blocks, session_start, session_end);
  const CbAgendaProblem *p;

  if (problems->len == 0)
    return TRUE;
  p = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, CB_REPORTS_ERROR, p->code, p->message);
  return FALSE;
}

void
cb_agenda_problem_free (CbAgendaProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* -------------------------------------------- tallies over the lesson */

static gboolean
is_talk (const char *name)
{
  return g_strcmp0 (name, CB_TALLY_TEACHER_TALK_NAME) == 0 ||
         g_strcmp0 (name, CB_TALLY_STUDENT_TALK_NAME) == 0;
}

/* Reads "123" or "123-180" lines; returns FALSE at the end. */
static gboolean
next_mark (const char **p,
           gint64      *a,
           gint64      *b)
{
  const char *s = *p;
  char *end;

  while (*s == '\n' || *s == '\r' || *s == ' ')
    s++;
  if (*s == '\0')
    return FALSE;
  *a = g_ascii_strtoll (s, &end, 10);
  *b = -1;
  if (end == s)
    {
      /* not a number: skip the line */
      const char *nl = strchr (s, '\n');

      *p = nl ? nl : s + strlen (s);
      *a = -1;
      return TRUE;
    }
  s = end;
  if (*s == '-')
    {
      const char *t = s + 1;
      *b = g_ascii_strtoll (t, &end, 10);
      if (end == t)
        *b = -1;
      s = end;
    }
  while (*s && *s != '\n')
    s++;
  *p = s;
  return TRUE;
}

static void
add_interval (gint64  *bins,
              guint    n_bins,
              guint    bin_seconds,
              gint64   a,
              gint64   b)
{
  gint64 limit = (gint64) n_bins * bin_seconds;

  a = CLAMP (a, 0, limit);
  b = CLAMP (b, 0, limit);
  while (a < b)
    {
      guint bin = (guint) (a / bin_seconds);
      gint64 bin_end = (gint64) (bin + 1) * bin_seconds;
      gint64 upto = MIN (b, bin_end);

      bins[bin] += upto - a;
      a = upto;
    }
}

/**
 * cb_lesson_chart_compute:
 * @tallies: (array length=n_tallies): the tallies of one observation
 * @lesson_seconds: the lesson's length; 0 to use the last mark
 * @bin_seconds: the width of a bin, such as 300 for five minutes
 *
 * Builds what the tally pictures show: the talk ratio (teacher and
 * student talk seconds, summed over tallies of the same name) and, per
 * counter, how many marks fell in each bin of the lesson. Marks after
 * the lesson's end go to the last bin. Talk tallies whose marks hold
 * "start-end" intervals also get seconds per bin; talk tallies with
 * only a total give the ratio for the whole lesson.
 *
 * Returns: (transfer full): the chart data
 */
CbLessonChart *
cb_lesson_chart_compute (const CbTallyInfo *tallies,
                         guint              n_tallies,
                         gint64             lesson_seconds,
                         guint              bin_seconds)
{
  CbLessonChart *chart = g_new0 (CbLessonChart, 1);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 last = 0;
  gboolean intervals = FALSE;

  g_return_val_if_fail (tallies != NULL || n_tallies == 0, chart);

  if (bin_seconds == 0)
    bin_seconds = 300;
  chart->bin_seconds = bin_seconds;
  chart->series = g_ptr_array_new ();

  /* the lesson's length: given, or the last mark */
  for (guint i = 0; i < n_tallies; i++)
    {
      const char *p = tallies[i].marks ? tallies[i].marks : "";
      gint64 a, b;

      while (next_mark (&p, &a, &b))
        {
          last = MAX (last, a + 1);
          if (b >= 0)
            last = MAX (last, b);
          if (b > a && is_talk (tallies[i].name))
            intervals = TRUE;
        }
    }
  chart->lesson_seconds = lesson_seconds > 0 ? lesson_seconds : last;
  chart->n_bins = MAX (1, (guint) ((chart->lesson_seconds + bin_seconds - 1) / bin_seconds));
  if (intervals)
    {
      chart->teacher_bins = g_new0 (gint64, chart->n_bins);
      chart->student_bins = g_new0 (gint64, chart->n_bins);
    }

  for (guint i = 0; i < n_tallies; i++)
    {
      const CbTallyInfo *t = &tallies[i];
      const char *p = t->marks ? t->marks : "";
      gint64 a, b;

      if (t->name == NULL)
        continue;
      if (is_talk (t->name))
        {
          gboolean teacher = strcmp (t->name, CB_TALLY_TEACHER_TALK_NAME) == 0;

          if (teacher)
            chart->teacher_seconds += MAX (t->seconds, 0);
          else
            chart->student_seconds += MAX (t->seconds, 0);
          if (intervals)
            while (next_mark (&p, &a, &b))
              if (a >= 0 && b > a)
                add_interval (teacher ? chart->teacher_bins : chart->student_bins,
                              chart->n_bins, bin_seconds, a, b);
          continue;
        }
      else
        {
          CbTallySeries *s = g_hash_table_lookup (by_name, t->name);
          gint64 n_marks = 0;

          if (s == NULL)
            {
              s = g_new0 (CbTallySeries, 1);
              s->name = g_strdup (t->name);
              s->label = g_strdup (t->label ? t->label : "");
              g_hash_table_insert (by_name, s->name, s);
              g_ptr_array_add (chart->series, s);
            }
          while (next_mark (&p, &a, &b))
            {
              guint bin;

              if (a < 0)
                continue;
              if (s->bins == NULL)
                s->bins = g_new0 (guint, chart->n_bins);
              bin = (guint) MIN (a / bin_seconds, (gint64) chart->n_bins - 1);
              s->bins[bin]++;
              n_marks++;
            }
          s->total += MAX (MAX (t->count, 0), n_marks);
        }
    }

  if (chart->teacher_seconds + chart->student_seconds > 0)
    chart->teacher_percent = (int) ((chart->teacher_seconds * 100 +
                                     (chart->teacher_seconds + chart->student_seconds) / 2) /
                                    (chart->teacher_seconds + chart->student_seconds));
  else
    chart->teacher_percent = -1;
  return chart;
}

/**
 * cb_lesson_chart_find:
 *
 * Returns: (nullable) (transfer none): the counter named @name
 */
const CbTallySeries *
cb_lesson_chart_find (CbLessonChart *chart,
                      const char    *name)
{
  g_return_val_if_fail (chart != NULL, NULL);
  for (guint i = 0; i < chart->series->len; i++)
    {
      const CbTallySeries *s = g_ptr_array_index (chart->series, i);
      if (g_strcmp0 (s->name, name) == 0)
        return s;
    }
  return NULL;
}

void
cb_lesson_chart_free (CbLessonChart *chart)
{
  if (chart == NULL)
    return;
  for (guint i = 0; chart->series && i < chart->series->len; i++)
    {
      CbTallySeries *s = g_ptr_array_index (chart->series, i);
      g_free (s->name);
      g_free (s->label);
      g_free (s->bins);
      g_free (s);
    }
  g_clear_pointer (&chart->series, g_ptr_array_unref);
  g_free (chart->teacher_bins);
  g_free (chart->student_bins);
  g_free (chart);
}

/* ------------------------------------------------------ action items */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * cb_action_classify:
 * @status: (nullable): open, in_progress, done or dropped
 * @due: (nullable): the due date, YYYY-MM-DD
 * @today: today, YYYY-MM-DD
 * @due_soon_days: how many days ahead count as "due" (7: this week)
 *
 * Returns: done and dropped items by their status; otherwise overdue
 *   before @today, due from @today to @due_soon_days later, open after
 *   that or without a due date
 */
CbActionState
cb_action_classify (const char *status,
                    const char *due,
                    const char *today,
                    guint       due_soon_days)
{
  GDate d, t;

  if (g_strcmp0 (status, "done") == 0)
    return CB_ACTION_DONE;
  if (g_strcmp0 (status, "dropped") == 0)
    return CB_ACTION_DROPPED;
  if (!parse_date (due, &d) || !parse_date (today, &t))
    return CB_ACTION_OPEN;
  if (g_date_compare (&d, &t) < 0)
    return CB_ACTION_OVERDUE;
  g_date_add_days (&t, due_soon_days);
  if (g_date_compare (&d, &t) <= 0)
    return CB_ACTION_DUE;
  return CB_ACTION_OPEN;
}

const char *
cb_action_state_label (CbActionState state)
{
  switch (state)
    {
    case CB_ACTION_DUE:
      return _("Due soon");
    case CB_ACTION_OVERDUE:
      return _("Overdue");
    case CB_ACTION_DONE:
      return _("Done");
    case CB_ACTION_DROPPED:
      return _("Dropped");
    case CB_ACTION_OPEN:
    default:
      return C_("action item status", "Open");
    }
}

/* ------------------------------------------------ look-fors in a lesson */

static int
compare_seen (gconstpointer a,
              gconstpointer b)
{
  const CbLookForSeen *x = *(const CbLookForSeen **) a, *y = *(const CbLookForSeen **) b;

  if (x->first_offset != y->first_offset)
    return x->first_offset < y->first_offset ? -1 : 1;
  return strcmp (x->look_for, y->look_for);
}

/**
 * cb_look_fors_seen:
 * @focus: (nullable): the observation's focus look-fors (REFS)
 * @lines: (array length=n_lines): the tags of the evidence lines
 *
 * Returns: (transfer full) (element-type CbLookForSeen): the focus
 *   look-fors in their order, seen or not, then the other look-fors
 *   tagged on some line, by first appearance
 */
GPtrArray *
cb_look_fors_seen (const char           *focus,
                   const CbEvidenceTags *lines,
                   guint                 n_lines)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_look_for_seen_free);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) parts = cb_refs_split (focus);
  guint n_focus;

  g_return_val_if_fail (lines != NULL || n_lines == 0, out);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0' && !g_hash_table_contains (index, parts[i]))
      {
        CbLookForSeen *s = g_new0 (CbLookForSeen, 1);
        s->look_for = g_strdup (parts[i]);
        s->in_focus = TRUE;
        s->first_offset = -1;
        g_hash_table_insert (index, s->look_for, s);
        g_ptr_array_add (out, s);
      }
  n_focus = out->len;

  for (guint i = 0; i < n_lines; i++)
    {
      g_auto(GStrv) tags = cb_refs_split (lines[i].tags);
      g_autoptr(GHashTable) on_line = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint k = 0; tags[k]; k++)
        {
          CbLookForSeen *s;

          if (*tags[k] == '\0' || !g_hash_table_add (on_line, tags[k]))
            continue;
          if ((s = g_hash_table_lookup (index, tags[k])) == NULL)
            {
              s = g_new0 (CbLookForSeen, 1);
              s->look_for = g_strdup (tags[k]);
              s->first_offset = -1;
              g_hash_table_insert (index, s->look_for, s);
              g_ptr_array_add (out, s);
            }
          s->n_lines++;
          if (s->first_offset < 0 || lines[i].offset < s->first_offset)
            s->first_offset = MAX (lines[i].offset, 0);
        }
    }

  /* the focus keeps its own order; the others go by first appearance */
  if (out->len > n_focus + 1)
    qsort (out->pdata + n_focus, out->len - n_focus, sizeof (gpointer), compare_seen);
  return out;
}

void
cb_look_for_seen_free (CbLookForSeen *seen)
{
  if (seen == NULL)
    return;
  g_free (seen->look_for);
  g_free (seen);
}
