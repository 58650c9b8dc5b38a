/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cb-cycle-logic.h"
#include "cb-locale.h"
#include "cb-privacy.h"

/* ------------------------------------------------------------ fields */

/* Names and values for cb_store_create(), freed together. */
typedef struct
{
  GPtrArray *names;
  GPtrArray *values;
} Fields;

static void
fields_init (Fields *f)
{
  f->names = g_ptr_array_new ();
  f->values = g_ptr_array_new_with_free_func (g_free);
}

static void
fields_clear (Fields *f)
{
  g_clear_pointer (&f->names, g_ptr_array_unref);
  g_clear_pointer (&f->values, g_ptr_array_unref);
}

static void
fields_add (Fields     *f,
            const char *name,
            const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_ptr_array_add (f->names, (gpointer) name);
  g_ptr_array_add (f->values, g_strdup (value));
}

static char *
fields_create (Fields      *f,
               CbStore     *store,
               const char  *kind,
               GError     **error)
{
  char *uuid = cb_store_create (store, kind,
                                (const char * const *) f->names->pdata,
                                (const char * const *) f->values->pdata,
                                f->names->len, error);
  g_ptr_array_set_size (f->names, 0);
  g_ptr_array_set_size (f->values, 0);
  return uuid;
}

/* Whether what is made from @record must stay private with it: by the
 * one privacy rule, so a record that holds "private" as one side of a
 * conflict passes it on too. */
static gboolean
is_private (CbStore  *store,
            CbRecord *record)
{
  g_autoptr(CbPrivacy) privacy = cb_privacy_new_lazy (store);

  return cb_privacy_is_private (privacy, cb_record_get_uuid (record));
}

/* -------------------------------------------------- monitoring chart */

/**
 * cb_monitor_row_new:
 *
 * Returns: (transfer full): a row not seen, not selected
 */
CbMonitorRow *
cb_monitor_row_new (const char *uuid,
                    const char *strategy)
{
  CbMonitorRow *row = g_new0 (CbMonitorRow, 1);

  row->uuid = g_strdup (uuid);
  row->strategy = g_strdup (strategy ? strategy : "");
  row->seen_at = -1;
  row->students = g_strdup ("");
  return row;
}

void
cb_monitor_row_free (CbMonitorRow *row)
{
  if (row == NULL)
    return;
  g_free (row->uuid);
  g_free (row->strategy);
  g_free (row->students);
  g_free (row);
}

static CbMonitorRow *
monitor_row_copy (const CbMonitorRow *row)
{
  CbMonitorRow *copy = g_memdup2 (row, sizeof *row);

  copy->uuid = g_strdup (row->uuid);
  copy->strategy = g_strdup (row->strategy);
  copy->students = g_strdup (row->students ? row->students : "");
  return copy;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CbMonitorRow *x = *(CbMonitorRow **) a, *y = *(CbMonitorRow **) b;

  return x->position < y->position ? -1 : x->position > y->position ? 1 : 0;
}

/**
 * cb_monitor_rows_merge:
 * @coplan_strategies: (nullable): the co-plan's strategies, one per line
 * @stored: (element-type CbMonitorRow): the rows already written
 *
 * What the monitoring chart shows: the written rows in their order,
 * each marked as anticipated when the co-plan still lists it, then the
 * co-plan's strategies that have no row yet (without a UUID: they are
 * written when first marked). Strategies added to the co-plan after the
 * lesson started so appear, and a row is never lost because the
 * co-plan's wording changed.
 *
 * Returns: (transfer full) (element-type CbMonitorRow): new rows
 */
GPtrArray *
cb_monitor_rows_merge (const char *coplan_strategies,
                       GPtrArray  *stored)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_monitor_row_free);
  g_auto(GStrv) lines = g_strsplit (coplan_strategies ? coplan_strategies : "", "\n", -1);
  g_autofree gboolean *used = g_new0 (gboolean, g_strv_length (lines) + 1);
  guint next_position = 0;

  for (guint i = 0; stored != NULL && i < stored->len; i++)
    g_ptr_array_add (out, monitor_row_copy (g_ptr_array_index (stored, i)));
  g_ptr_array_sort (out, compare_rows);

  for (guint i = 0; i < out->len; i++)
    {
      CbMonitorRow *row = g_ptr_array_index (out, i);
      g_autofree char *mine = g_strstrip (g_strdup (row->strategy));

      row->anticipated = FALSE;
      for (guint j = 0; lines[j] && !row->anticipated; j++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[j]));

          if (!used[j] && *line != '\0' && strcmp (line, mine) == 0)
            row->anticipated = used[j] = TRUE;
        }
      next_position = MAX (next_position, row->position + 1);
    }

  for (guint j = 0; lines[j]; j++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[j]));
      CbMonitorRow *row;

      if (used[j] || *line == '\0')
        continue;
      row = cb_monitor_row_new (NULL, line);
      row->anticipated = TRUE;
      row->position = next_position++;
      g_ptr_array_add (out, row);
    }
  return out;
}

static guint
max_order (const guint *orders,
           guint        n)
{
  guint max = 0;

  for (guint i = 0; i < n; i++)
    max = MAX (max, orders[i]);
  return max;
}

/**
 * cb_share_order_toggle:
 * @orders: (array length=n): each row's place in the discussion, 0 for
 *   none
 *
 * Selects row @index to be shared last, or takes it out of the
 * sequence, closing the gap (Select and Sequence, the 5 Practices).
 */
void
cb_share_order_toggle (guint *orders,
                       guint  n,
                       guint  index)
{
  guint removed;

  g_return_if_fail (index < n);

  if (orders[index] == 0)
    {
      orders[index] = max_order (orders, n) + 1;
      return;
    }
  removed = orders[index];
  orders[index] = 0;
  for (guint i = 0; i < n; i++)
    if (orders[i] > removed)
      orders[i]--;
}

/**
 * cb_share_order_move:
 * @delta: -1 to be shared earlier, 1 later
 *
 * Returns: %TRUE if row @index moved
 */
gboolean
cb_share_order_move (guint *orders,
                     guint  n,
                     guint  index,
                     int    delta)
{
  int target;

  g_return_val_if_fail (index < n, FALSE);

  if (orders[index] == 0 || delta == 0)
    return FALSE;
  target = (int) orders[index] + delta;
  if (target < 1 || target > (int) max_order (orders, n))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if ((int) orders[i] == target)
      {
        orders[i] = orders[index];
        orders[index] = target;
        return TRUE;
      }
  return FALSE;
}

static int
compare_share (gconstpointer a,
               gconstpointer b)
{
  const CbMonitorRow *x = *(CbMonitorRow **) a, *y = *(CbMonitorRow **) b;

  return x->share_order < y->share_order ? -1 : x->share_order > y->share_order ? 1 : 0;
}

/**
 * cb_share_order_summary:
 * @rows: (element-type CbMonitorRow)
 *
 * Returns: (transfer full) (nullable): the strategies chosen for the
 *   discussion, one per line in their order with who used them, or
 *   %NULL if none is chosen
 */
char *
cb_share_order_summary (GPtrArray *rows)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  GString *out;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CbMonitorRow *row = g_ptr_array_index (rows, i);
      if (row->share_order > 0)
        g_ptr_array_add (chosen, row);
    }
  if (chosen->len == 0)
    return NULL;
  g_ptr_array_sort (chosen, compare_share);
  out = g_string_new (NULL);
  for (guint i = 0; i < chosen->len; i++)
    {
      CbMonitorRow *row = g_ptr_array_index (chosen, i);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (row->students != NULL && *row->students != '\0')
        /* TRANSLATORS: a strategy in the order of the discussion, e.g.
         * "1. Draws a bar model (AB, CD)" */
        g_string_append_printf (out, _("%u. %s (%s)"), i + 1, row->strategy, row->students);
      else
        g_string_append_printf (out, _("%u. %s"), i + 1, row->strategy);
    }
  return g_string_free (out, FALSE);
}

/* --------------------------------------------------- coaching logs */

/**
 * cb_segments_total:
 *
 * Returns: the minutes of a log's activities, each counted once;
 *   negative minutes count as none
 */
gint64
cb_segments_total (const gint64 *minutes,
                   guint         n)
{
  gint64 total = 0;

  for (guint i = 0; i < n; i++)
    if (minutes[i] > 0)
      total += minutes[i];
  return total;
}

/**
 * cb_segments_check:
 *
 * Returns: (transfer full) (nullable): a warning when the activities add
 *   up to more than the time from time in to time out, else %NULL
 */
char *
cb_segments_check (gint64      total,
                   const char *time_in,
                   const char *time_out)
{
  int tin = cb_time_to_minutes (time_in);
  int tout = cb_time_to_minutes (time_out);
  g_autofree char *sum = NULL;
  g_autofree char *span = NULL;

  if (total <= 0 || tin < 0 || tout <= tin || total <= tout - tin)
    return NULL;
  sum = cb_format_minutes (total);
  span = cb_format_minutes (tout - tin);
  /* TRANSLATORS: both are durations, such as "1 h 35 min" */
  return g_strdup_printf (_("The activities add up to %s, more than the %s from time in to time out. Each minute counts once: is one of them counted twice?"),
                          sum, span);
}

/* ------------------------------------------------- observed minutes */

/**
 * cb_visit_minutes:
 * @lesson_ms: the lesson clock's time, pauses left out; 0 if not timed
 * @start_time: (nullable): HH:MM
 * @end_time: (nullable): HH:MM
 *
 * Returns: the minutes an observation took: its lesson clock to the
 *   nearest minute (at least one), or else its end minus its start,
 *   or 0 when neither is known
 */
gint64
cb_visit_minutes (gint64      lesson_ms,
                  const char *start_time,
                  const char *end_time)
{
  int start, end;

  if (lesson_ms > 0)
    return MAX (1, (lesson_ms + 30000) / 60000);
  start = cb_time_to_minutes (start_time);
  end = cb_time_to_minutes (end_time);
  return start >= 0 && end > start ? end - start : 0;
}

#define DEBRIEF_MIN_MINUTES 3
#define DEBRIEF_MAX_MINUTES 90

/**
 * cb_debrief_minutes:
 * @shown_us: monotonic time the debrief page of an ended lesson was shown
 * @hidden_us: monotonic time it was left
 *
 * The debrief's length, from how long its page was open: a glance of
 * less than three minutes is no debrief, and a page left open past an
 * hour and a half counts an hour and a half (the coach adjusts it in
 * the log).
 *
 * Returns: minutes, or 0 for none
 */
gint64
cb_debrief_minutes (gint64 shown_us,
                    gint64 hidden_us)
{
  gint64 minutes;

  if (shown_us <= 0 || hidden_us <= shown_us)
    return 0;
  minutes = (hidden_us - shown_us + 30 * G_USEC_PER_SEC) / (60 * G_USEC_PER_SEC);
  if (minutes < DEBRIEF_MIN_MINUTES)
    return 0;
  return MIN (minutes, DEBRIEF_MAX_MINUTES);
}

/**
 * cb_visit_log_step:
 * @activity: "observation" or "debrief"
 * @minutes: the minutes to count
 * @logs: (array length=n_logs): the live coaching logs that name the
 *   observation, oldest first
 * @log_index: (out): the log to fill or add to
 * @segment_index: (out): the segment to fill
 *
 * Each minute is counted once. The minutes are already counted, and
 * nothing changes, when a log of the observation has a segment of
 * @activity with minutes (the coach's own number, or one counted
 * before, stands), or when a log with no segment minutes has a time
 * in and a time out (its span is what it counts, and the visit is in
 * it). Otherwise an empty segment of @activity (the one Coaching Day
 * leaves for the coach) is filled, or a log of the observation gets a
 * segment, or, with no log at all, a log is made.
 *
 * Returns: what to do
 */
CbVisitLogStep
cb_visit_log_step (const char       *activity,
                   gint64            minutes,
                   const CbVisitLog *logs,
                   guint             n_logs,
                   guint            *log_index,
                   guint            *segment_index)
{
  g_return_val_if_fail (activity != NULL, CB_VISIT_LOG_KEEP);
  g_return_val_if_fail (n_logs == 0 || logs != NULL, CB_VISIT_LOG_KEEP);

  *log_index = 0;
  *segment_index = 0;
  if (minutes <= 0)
    return CB_VISIT_LOG_KEEP;
  for (guint i = 0; i < n_logs; i++)
    {
      gint64 total = 0;

      for (guint j = 0; j < logs[i].n_segments; j++)
        {
          const CbLogSegment *seg = &logs[i].segments[j];

          if (g_strcmp0 (seg->activity, activity) == 0 && seg->minutes > 0)
            return CB_VISIT_LOG_KEEP;
          total += MAX (seg->minutes, 0);
        }
      if (total == 0 && logs[i].span > 0)
        return CB_VISIT_LOG_KEEP;
    }
  for (guint i = 0; i < n_logs; i++)
    for (guint j = 0; j < logs[i].n_segments; j++)
      if (g_strcmp0 (logs[i].segments[j].activity, activity) == 0)
        {
          *log_index = i;
          *segment_index = j;
          return CB_VISIT_LOG_FILL;
        }
  return n_logs > 0 ? CB_VISIT_LOG_ADD : CB_VISIT_LOG_CREATE;
}

/* ------------------------------------------------------- PD agendas */

/**
 * cb_agenda_block_message:
 * @problems: (element-type CbAgendaProblem): from cb_agenda_problems()
 *
 * Returns: (transfer full) (nullable): the problems of block @index,
 *   one per line, or %NULL
 */
char *
cb_agenda_block_message (GPtrArray *problems,
                         guint      index)
{
  GString *out = NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      CbAgendaProblem *p = g_ptr_array_index (problems, i);

      if (p->first != index && p->second != index)
        continue;
      if (out == NULL)
        out = g_string_new (p->message);
      else
        g_string_append_printf (out, "\n%s", p->message);
    }
  return out ? g_string_free (out, FALSE) : NULL;
}

/**
 * cb_normalize_time:
 * @text: what was typed: "9:05", "09:05", " 14:30 " or ""
 *
 * Returns: (transfer full) (nullable): "HH:MM", "" for nothing typed,
 *   or %NULL if @text is not a time
 */
char *
cb_normalize_time (const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  int m;

  if (*t == '\0')
    return g_strdup ("");
  m = cb_time_to_minutes (t);
  if (m < 0)
    return NULL;
  return g_strdup_printf ("%02d:%02d", m / 60, m % 60);
}

/**
 * cb_agenda_try_times:
 * @blocks: (array length=n_blocks): the agenda as it is stored
 * @index: the block being edited
 * @start: its new start as typed
 * @end: its new end as typed
 * @message: (out) (optional) (transfer full): why the times are refused
 *
 * Whether block @index may take the new times: they must be times (or
 * both empty), the end after the start, inside the session, and not
 * overlap another block. Problems between other blocks (after an
 * import, say) do not hold this edit back.
 *
 * Returns: %TRUE if the times may be written
 */
gboolean
cb_agenda_try_times (const CbAgendaBlock *blocks,
                     guint                n_blocks,
                     guint                index,
                     const char          *start,
                     const char          *end,
                     const char          *session_start,
                     const char          *session_end,
                     char               **message)
{
  g_autofree CbAgendaBlock *copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *s = cb_normalize_time (start);
  g_autofree char *e = cb_normalize_time (end);
  char *text;

  g_return_val_if_fail (index < n_blocks, FALSE);

  if (message)
    *message = NULL;
  copy = g_memdup2 (blocks, sizeof (CbAgendaBlock) * n_blocks);
  /* Something that is not a time is checked as such by the agenda
   * rules, which name the block. */
  copy[index].start = s ? s : start;
  copy[index].end = e ? e : end;
  problems = cb_agenda_problems (copy, n_blocks, session_start, session_end);
  text = cb_agenda_block_message (problems, index);
  if (text == NULL)
    return TRUE;
  if (message)
    *message = text;
  else
    g_free (text);
  return FALSE;
}

/**
 * cb_agenda_next_slot:
 * @minutes: the length of the new block
 * @start: (out) (transfer full)
 * @end: (out) (transfer full)
 *
 * Where a new block goes: after the last one, or at the session's
 * start, cut at the session's end.
 *
 * Returns: %FALSE if there is no room (the block starts unscheduled)
 */
gboolean
cb_agenda_next_slot (const CbAgendaBlock *blocks,
                     guint                n_blocks,
                     const char          *session_start,
                     const char          *session_end,
                     int                  minutes,
                     char               **start,
                     char               **end)
{
  int s = cb_time_to_minutes (session_start);
  int se = cb_time_to_minutes (session_end);
  int e;

  *start = *end = NULL;
  for (guint i = 0; i < n_blocks; i++)
    {
      int be = cb_time_to_minutes (blocks[i].end);
      int bs = cb_time_to_minutes (blocks[i].start);

      if (bs >= 0 && be > bs)
        s = MAX (s, be);
    }
  if (s < 0)
    return FALSE;
  e = MIN (s + minutes, 23 * 60 + 59);
  if (se > 0 && e > se)
    e = se;
  if (e <= s)
    return FALSE;
  *start = g_strdup_printf ("%02d:%02d", s / 60, s % 60);
  *end = g_strdup_printf ("%02d:%02d", e / 60, e % 60);
  return TRUE;
}

/**
 * cb_session_hours:
 *
 * Returns: the hours from @start to @end, 0 if unknown
 */
double
cb_session_hours (const char *start,
                  const char *end)
{
  int s = cb_time_to_minutes (start);
  int e = cb_time_to_minutes (end);

  if (s < 0 || e <= s)
    return 0;
  return (e - s) / 60.0;
}

/**
 * cb_format_hours:
 *
 * Returns: (transfer full): @hours as the store keeps numbers: "1.5",
 *   "2", "0.75"
 */
char *
cb_format_hours (double hours)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *out;
  gsize len;

  if (hours < 0)
    hours = 0;
  g_ascii_formatd (buf, sizeof buf, "%.2f", hours);
  out = g_strdup (buf);
  len = strlen (out);
  while (len > 0 && out[len - 1] == '0')
    out[--len] = '\0';
  if (len > 0 && out[len - 1] == '.')
    out[--len] = '\0';
  return out;
}

/* ------------------------------------------------------ action items */

gboolean
cb_action_filter_matches (CbActionFilter filter,
                          CbActionState  state)
{
  switch (filter)
    {
    case CB_ACTION_FILTER_OPEN:
      return state == CB_ACTION_OPEN || state == CB_ACTION_DUE || state == CB_ACTION_OVERDUE;
    case CB_ACTION_FILTER_DUE:
      return state == CB_ACTION_DUE;
    case CB_ACTION_FILTER_OVERDUE:
      return state == CB_ACTION_OVERDUE;
    case CB_ACTION_FILTER_DONE:
      return state == CB_ACTION_DONE || state == CB_ACTION_DROPPED;
    default:
      return FALSE;
    }
}

static int
state_rank (CbActionState state)
{
  switch (state)
    {
    case CB_ACTION_OVERDUE:
      return 0;
    case CB_ACTION_DUE:
      return 1;
    case CB_ACTION_OPEN:
      return 2;
    case CB_ACTION_DONE:
      return 3;
    case CB_ACTION_DROPPED:
    default:
      return 4;
    }
}

/**
 * cb_action_compare:
 *
 * The action list's order: overdue, due, open, then done and dropped;
 * the oldest due date first among open items (undated last), the
 * newest first among finished ones.
 */
int
cb_action_compare (const char    *due_a,
                   CbActionState  state_a,
                   const char    *due_b,
                   CbActionState  state_b)
{
  int ra = state_rank (state_a), rb = state_rank (state_b);
  gboolean ea = due_a == NULL || *due_a == '\0';
  gboolean eb = due_b == NULL || *due_b == '\0';
  int c;

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ea != eb)
    return ea ? 1 : -1;
  if (ea)
    return 0;
  c = strcmp (due_a, due_b);
  return ra >= 3 ? -c : c;
}

/* -------------------------------------------------------- month grid */

/**
 * cb_month_grid_dates:
 * @month: 1–12
 * @first_weekday: the weekday of the grid's first column
 *
 * Returns: (transfer full): CB_MONTH_GRID_CELLS dates "YYYY-MM-DD",
 *   six weeks from the @first_weekday on or before the 1st
 */
char **
cb_month_grid_dates (int          year,
                     int          month,
                     GDateWeekday first_weekday)
{
  GDate d;
  char **out = g_new0 (char *, CB_MONTH_GRID_CELLS + 1);

  g_return_val_if_fail (month >= 1 && month <= 12, out);
  g_return_val_if_fail (g_date_valid_weekday (first_weekday), out);

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, month, year);
  while (g_date_get_weekday (&d) != first_weekday)
    g_date_subtract_days (&d, 1);
  for (guint i = 0; i < CB_MONTH_GRID_CELLS; i++)
    {
      out[i] = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d),
                                g_date_get_month (&d), g_date_get_day (&d));
      g_date_add_days (&d, 1);
    }
  return out;
}

/**
 * cb_month_shift:
 * @month: "YYYY-MM"
 *
 * Returns: (transfer full) (nullable): the month @delta months away
 */
char *
cb_month_shift (const char *month,
                int         delta)
{
  int y, m, index;

  if (month == NULL || sscanf (month, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
    return NULL;
  index = y * 12 + (m - 1) + delta;
  if (index < 0)
    return NULL;
  return g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1);
}

/* --------------------------------------------------- delivered bars */

static void
clear_bar (gpointer data)
{
  CbDeliveredBar *bar = data;

  g_free (bar->text);
}

static char *
days_text (guint  delivered,
           gint64 planned)
{
  if (planned <= 0)
    /* TRANSLATORS: days delivered when the engagement planned none */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day, none planned",
                                         "%u days, none planned", delivered), delivered);
  if (delivered > planned)
    /* TRANSLATORS: more days delivered than planned: "10 of 8, 2 over" */
    return g_strdup_printf (_("%u of %d, %d over"), delivered, (int) planned, (int) (delivered - planned));
  /* TRANSLATORS: "3 of 8" days delivered of those planned */
  return g_strdup_printf (_("%u of %d"), delivered, (int) planned);
}

/**
 * cb_delivered_bars:
 *
 * Returns: (transfer full) (element-type CbDeliveredBar): the rows of
 *   the engagement dashboard: launch PD days, PD days, coaching days
 *   and hours, each delivered against planned
 */
GArray *
cb_delivered_bars (const CbDelivered *d)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (CbDeliveredBar));
  CbDeliveredBar bar;

  g_array_set_clear_func (bars, clear_bar);
  g_return_val_if_fail (d != NULL, bars);

  bar.label = _("Launch PD days");
  bar.planned = d->planned_launch_days;
  bar.delivered = d->launch_days;
  bar.text = days_text (d->launch_days, d->planned_launch_days);
  g_array_append_val (bars, bar);

  bar.label = _("PD days");
  bar.planned = d->planned_pd_days;
  bar.delivered = d->pd_days;
  bar.text = days_text (d->pd_days, d->planned_pd_days);
  g_array_append_val (bars, bar);

  bar.label = _("Coaching days");
  bar.planned = d->planned_coaching_days;
  bar.delivered = d->coaching_days;
  bar.text = days_text (d->coaching_days, d->planned_coaching_days);
  g_array_append_val (bars, bar);

  /* the contract's "two coaches on each day" */
  if (d->planned_coaches_per_day > 1 || d->coach_days > d->coaching_days)
    {
      bar.label = _("Coach days");
      bar.planned = d->planned_coach_days;
      bar.delivered = d->coach_days;
      bar.text = days_text (d->coach_days, d->planned_coach_days);
      g_array_append_val (bars, bar);
    }

  bar.label = _("Hours");
  bar.planned = d->planned_hours;
  bar.delivered = d->hours;
  {
    g_autofree char *done = cb_format_hours_duration (d->hours);
    g_autofree char *planned = cb_format_hours_duration (d->planned_hours);

    if (d->planned_hours > 0 && d->hours > d->planned_hours)
      {
        g_autofree char *over = cb_format_hours_duration (d->hours - d->planned_hours);

        /* TRANSLATORS: more time delivered than planned, "187 h 55 min of 86 h, 101 h 55 min over" */
        bar.text = g_strdup_printf (_("%s of %s, %s over"), done, planned, over);
      }
    else if (d->planned_hours > 0)
      /* TRANSLATORS: time delivered of time planned, "23 h 5 min of 120 h" */
      bar.text = g_strdup_printf (_("%s of %s"), done, planned);
    else
      /* TRANSLATORS: time delivered, "23 h 5 min, none planned" */
      bar.text = g_strdup_printf (_("%s, none planned"), done);
  }
  g_array_append_val (bars, bar);
  return bars;
}

/* ------------------------------------------------------ engagements */

/**
 * cb_engagement_choice_new:
 * @schools: (nullable): school UUIDs separated by spaces (a REFS value)
 *
 * Returns: (transfer full): an engagement with the plan
 *   cb_plan_covers() reads
 */
CbEngagementChoice *
cb_engagement_choice_new (const char *uuid,
                          const char *name,
                          const char *schools,
                          const char *start_date,
                          const char *end_date)
{
  CbEngagementChoice *choice = g_new0 (CbEngagementChoice, 1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (schools ? schools : "", " ", -1);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (b, parts[i]);
  choice->uuid = g_strdup (uuid);
  choice->name = g_strdup (name ? name : "");
  choice->schools = g_strv_builder_end (b);
  choice->start_date = g_strdup (start_date);
  choice->end_date = g_strdup (end_date);
  choice->plan.uuid = choice->uuid;
  choice->plan.schools = (const char * const *) choice->schools;
  choice->plan.start_date = choice->start_date;
  choice->plan.end_date = choice->end_date;
  return choice;
}

void
cb_engagement_choice_free (CbEngagementChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->uuid);
  g_free (choice->name);
  g_strfreev (choice->schools);
  g_free (choice->start_date);
  g_free (choice->end_date);
  g_free (choice);
}

/* A handful per coach: one per client and school year. */
#define MAX_ENGAGEMENTS 1000

/**
 * cb_engagement_choices_load:
 *
 * Returns: (transfer full) (nullable) (element-type CbEngagementChoice):
 *   the live engagements, newest first
 */
GPtrArray *
cb_engagement_choices_load (CbStore  *store,
                            GError  **error)
{
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *out;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  filter.kind = "engagement";
  if ((records = cb_store_list (store, &filter, 0, MAX_ENGAGEMENTS, error)) == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_engagement_choice_free);
  for (guint i = 0; i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);

      CbEngagementChoice *choice = cb_engagement_choice_new (cb_record_get_uuid (r), cb_record_get_title (r),
                                                             cb_record_get (r, "schools"),
                                                             cb_record_get (r, "start_date"),
                                                             cb_record_get (r, "end_date"));

      choice->plan.planned_coaches_per_day = cb_record_get_int (r, "coaches_per_day");
      g_ptr_array_add (out, choice);
    }
  return out;
}

/**
 * cb_engagement_guess:
 * @choices: (element-type CbEngagementChoice): the engagements
 * @school: (nullable): the teacher's school
 * @date: (nullable): the coaching day
 *
 * Returns: the index of the one engagement that covers @school on
 *   @date (cb_plan_covers()), or -1 when none does or several do: the
 *   coach picks then
 */
int
cb_engagement_guess (GPtrArray  *choices,
                     const char *school,
                     const char *date)
{
  int found = -1;

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      CbEngagementChoice *c = g_ptr_array_index (choices, i);

      if (!cb_plan_covers (&c->plan, NULL, school, date))
        continue;
      if (found >= 0)
        return -1;
      found = (int) i;
    }
  return found;
}

/* -------------------------------------------------- look-for colours */

/**
 * cb_look_for_color:
 *
 * Returns: the colour of @look_for: its place among the @focus
 *   look-fors (modulo CB_N_LOOK_FOR_COLORS), or -1 if not in focus
 */
int
cb_look_for_color (const char *focus,
                   const char *look_for)
{
  g_auto(GStrv) parts = g_strsplit (focus ? focus : "", " ", -1);
  int n = 0;

  if (look_for == NULL || *look_for == '\0')
    return -1;
  for (guint i = 0; parts[i]; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (strcmp (parts[i], look_for) == 0)
        return n % CB_N_LOOK_FOR_COLORS;
      n++;
    }
  return -1;
}

/**
 * cb_line_color:
 * @tags: an evidence line's look-for tags
 *
 * Returns: the colour of the line's first tag that is in focus, or -1
 */
int
cb_line_color (const char *focus,
               const char *tags)
{
  g_auto(GStrv) parts = g_strsplit (tags ? tags : "", " ", -1);

  for (guint i = 0; parts[i]; i++)
    {
      int c = cb_look_for_color (focus, parts[i]);
      if (c >= 0)
        return c;
    }
  return -1;
}

/* ------------------------------------------------ multi-record steps */

static char *
first_ref (const char *refs)
{
  g_auto(GStrv) parts = g_strsplit (refs ? refs : "", " ", -1);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0')
      return g_strdup (parts[i]);
  return NULL;
}

static char *
school_of (CbStore    *store,
           const char *person)
{
  g_autoptr(CbRecord) record = NULL;

  if (person == NULL)
    return NULL;
  record = cb_store_get (store, person, NULL);
  return record ? g_strdup (cb_record_get (record, "school")) : NULL;
}

static gboolean
finish (CbStore   *store,
        gboolean   ok,
        GError   **error)
{
  if (ok && cb_store_commit (store, error))
    return TRUE;
  cb_store_rollback (store);
  return FALSE;
}

/**
 * cb_coplan_observe:
 * @coplan: a co-plan
 * @today: today's date, YYYY-MM-DD
 *
 * "Observe this lesson": the co-plan's observation if it has one (not
 * in the Trash); else a new observation of its first teacher, with the
 * lesson, school and look-fors to watch as focus, linked both ways,
 * and a monitoring-chart row for each anticipated strategy. One
 * transaction: all of it or nothing.
 *
 * Returns: (transfer full) (nullable): the observation's UUID
 */
char *
cb_coplan_observe (CbStore     *store,
                   const char  *coplan,
                   const char  *today,
                   GError     **error)
{
  g_autoptr(CbRecord) plan = NULL;
  g_autofree char *teacher = NULL;
  g_autofree char *school = NULL;
  g_autofree char *obs = NULL;
  g_auto(GStrv) strategies = NULL;
  const char *linked;
  const char *date;
  Fields f;
  gboolean ok = TRUE, private;
  guint position = 0;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (coplan != NULL, NULL);

  if ((plan = cb_store_get (store, coplan, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (plan), "coplan") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Only a co-plan can be observed."));
      return NULL;
    }
  linked = cb_record_get (plan, "observation");
  if (linked != NULL && *linked != '\0')
    {
      g_autoptr(CbRecord) existing = cb_store_get (store, linked, NULL);

      if (existing != NULL && !cb_record_get_deleted (existing))
        return g_strdup (linked);
    }

  teacher = first_ref (cb_record_get (plan, "teachers"));
  school = g_strdup (cb_record_get (plan, "school"));
  if (school == NULL || *school == '\0')
    {
      g_free (school);
      school = school_of (store, teacher);
    }
  date = cb_record_get (plan, "date");
  if (date == NULL || today == NULL || g_strcmp0 (date, today) < 0)
    date = today;

  private = is_private (store, plan);
  if (!cb_store_begin (store, error))
    return NULL;
  fields_init (&f);
  fields_add (&f, "lesson", cb_record_get (plan, "lesson"));
  fields_add (&f, "teacher", teacher);
  fields_add (&f, "school", school);
  fields_add (&f, "date", date);
  fields_add (&f, "focus", cb_record_get (plan, "look_fors"));
  fields_add (&f, "coplan", coplan);
  if (private)
    fields_add (&f, CB_FIELD_PRIVACY, "private");
  obs = fields_create (&f, store, "observation", error);
  ok = obs != NULL;

  strategies = g_strsplit (cb_record_get (plan, "strategies") ? cb_record_get (plan, "strategies") : "", "\n", -1);
  for (guint i = 0; ok && strategies[i]; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (strategies[i]));
      g_autofree char *pos = g_strdup_printf ("%u", position);
      g_autofree char *uuid = NULL;

      if (*line == '\0')
        continue;
      position++;
      fields_add (&f, "observation", obs);
      fields_add (&f, "position", pos);
      fields_add (&f, "strategy", line);
      fields_add (&f, "seen", "0");
      if (private)
        fields_add (&f, CB_FIELD_PRIVACY, "private");
      uuid = fields_create (&f, store, "monitor", error);
      ok = uuid != NULL;
    }
  if (ok)
    ok = cb_store_set (store, coplan, "observation", obs, error);
  fields_clear (&f);
  if (!finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&obs);
}

/**
 * cb_coaching_day_create:
 * @teacher: a person
 * @date: the day, YYYY-MM-DD
 * @focus: (nullable): look-fors to watch
 * @engagement: (nullable): the engagement the day counts for
 * @coaches: coaches on the day (the contract's "two coaches on each
 *   day"), 0 if not given
 *
 * "Coaching day": a co-plan, its observation and the day's coaching
 * log (with co-planning, observation and debrief activities whose
 * minutes the coach types), all linked to each other, in one
 * transaction. With @engagement, the observation and the log name it,
 * so the engagement's dashboard counts the day by that link rather
 * than by school and date.
 *
 * Returns: (transfer full) (nullable): the co-plan's UUID
 */
char *
cb_coaching_day_create (CbStore     *store,
                        const char  *teacher,
                        const char  *date,
                        const char  *focus,
                        const char  *engagement,
                        guint        coaches,
                        GError     **error)
{
  static const char * const activities[] = { "coplanning", "observation", "debrief" };
  g_autofree char *coaches_text = coaches > 0 ? g_strdup_printf ("%u", coaches) : NULL;
  g_autoptr(CbRecord) person = NULL;
  g_autofree char *coplan = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *log = NULL;
  g_autofree char *summary = NULL;
  const char *school;
  Fields f;
  gboolean ok;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (teacher != NULL && date != NULL, NULL);

  if ((person = cb_store_get (store, teacher, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (person), "person") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("A coaching day needs a teacher."));
      return NULL;
    }
  if (engagement != NULL && *engagement != '\0')
    {
      g_autoptr(CbRecord) eng = cb_store_get (store, engagement, error);

      if (eng == NULL)
        return NULL;
      if (g_strcmp0 (cb_record_get_kind (eng), "engagement") != 0 || cb_record_get_deleted (eng))
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("Choose an engagement, or none."));
          return NULL;
        }
    }
  school = cb_record_get (person, "school");
  /* TRANSLATORS: the summary of a new coaching log; %s is a teacher */
  summary = g_strdup_printf (_("Coaching day with %s"),
                             cb_record_get_title (person) ? cb_record_get_title (person) : "");

  if (!cb_store_begin (store, error))
    return NULL;
  fields_init (&f);
  fields_add (&f, "teachers", teacher);
  fields_add (&f, "school", school);
  fields_add (&f, "date", date);
  fields_add (&f, "look_fors", focus);
  coplan = fields_create (&f, store, "coplan", error);
  ok = coplan != NULL;

  if (ok)
    {
      fields_add (&f, "teacher", teacher);
      fields_add (&f, "school", school);
      fields_add (&f, "date", date);
      fields_add (&f, "focus", focus);
      fields_add (&f, "coplan", coplan);
      fields_add (&f, "engagement", engagement);
      obs = fields_create (&f, store, "observation", error);
      ok = obs != NULL;
    }
  if (ok)
    ok = cb_store_set (store, coplan, "observation", obs, error);
  if (ok)
    {
      fields_add (&f, "summary", summary);
      fields_add (&f, "date", date);
      fields_add (&f, "teachers", teacher);
      fields_add (&f, "mode", "one_on_one");
      fields_add (&f, "school", school);
      fields_add (&f, "engagement", engagement);
      fields_add (&f, "focus", focus);
      fields_add (&f, "coplan", coplan);
      fields_add (&f, "observation", obs);
      fields_add (&f, "coaches", coaches_text);
      log = fields_create (&f, store, "coaching_log", error);
      ok = log != NULL;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (activities); i++)
    {
      g_autofree char *pos = g_strdup_printf ("%u", i);
      g_autofree char *seg = NULL;

      fields_add (&f, "log", log);
      fields_add (&f, "position", pos);
      fields_add (&f, "activity", activities[i]);
      seg = fields_create (&f, store, "segment", error);
      ok = seg != NULL;
    }
  fields_clear (&f);
  if (!finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&coplan);
}

/**
 * cb_visit_count_minutes:
 * @observation: an observation
 * @activity: "observation" or "debrief"
 * @minutes: how long it took (cb_visit_minutes())
 *
 * Counts an ended observation (or its debrief) in the coaching log
 * without retyping, once (cb_visit_log_step()): fills the empty
 * segment Coaching Day left, adds a segment to the observation's log,
 * or makes a log of the visit (its date, teacher, school, engagement,
 * times and look-fors; private when the observation is). The coach
 * adjusts the minutes in the log like any others. One transaction.
 *
 * Returns: (transfer full) (nullable): the UUID of the log that counts
 *   the minutes, or NULL with @error unset when there was nothing to
 *   count or they were counted already
 */
char *
cb_visit_count_minutes (CbStore     *store,
                        const char  *observation,
                        const char  *activity,
                        gint64       minutes,
                        GError     **error)
{
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) logs = g_array_new (FALSE, TRUE, sizeof (CbVisitLog));
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (CbLogSegment));
  g_autofree guint *firsts = NULL;
  g_autofree char *log = NULL;
  g_autofree char *text = NULL;
  CbFilter filter = { 0 };
  CbVisitLogStep step;
  guint li, si;
  Fields f;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (observation != NULL && activity != NULL, NULL);

  if ((obs = cb_store_get (store, observation, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (obs), "observation") != 0 || cb_record_get_deleted (obs))
    return NULL;

  filter.kind = "coaching_log";
  filter.ref_field = "observation";
  filter.ref_value = observation;
  if ((records = cb_store_list (store, &filter, 0, 50, error)) == NULL)
    return NULL;
  firsts = g_new0 (guint, records->len + 1);
  for (guint i = 0; i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      GPtrArray *children = cb_store_children (store, "segment", cb_record_get_uuid (r), error);
      int tin = cb_time_to_minutes (cb_record_get (r, "time_in"));
      int tout = cb_time_to_minutes (cb_record_get (r, "time_out"));
      CbVisitLog entry = { 0 };

      if (children == NULL)
        return NULL;
      g_ptr_array_add (segments, children);
      firsts[i] = all->len;
      for (guint j = 0; j < children->len; j++)
        {
          CbRecord *c = g_ptr_array_index (children, j);
          CbLogSegment seg;

          seg.activity = cb_record_get (c, "activity");
          seg.minutes = cb_record_get_int (c, "minutes");
          g_array_append_val (all, seg);
        }
      entry.n_segments = children->len;
      entry.span = tin >= 0 && tout > tin ? tout - tin : 0;
      g_array_append_val (logs, entry);
    }
  for (guint i = 0; i < logs->len; i++)
    g_array_index (logs, CbVisitLog, i).segments = &g_array_index (all, CbLogSegment, firsts[i]);

  step = cb_visit_log_step (activity, minutes, (const CbVisitLog *) logs->data, logs->len, &li, &si);
  if (step == CB_VISIT_LOG_KEEP)
    return NULL;

  text = g_strdup_printf ("%" G_GINT64_FORMAT, minutes);
  if (!cb_store_begin (store, error))
    return NULL;
  fields_init (&f);
  if (step == CB_VISIT_LOG_FILL)
    {
      CbRecord *seg = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (segments, li), si);

      log = g_strdup (cb_record_get_uuid (g_ptr_array_index (records, li)));
      ok = cb_store_set (store, cb_record_get_uuid (seg), "minutes", text, error);
    }
  else
    {
      g_autofree char *pos = NULL;
      g_autofree char *seg = NULL;

      if (step == CB_VISIT_LOG_ADD)
        {
          GPtrArray *children = g_ptr_array_index (segments, li);
          gint64 last = -1;

          for (guint j = 0; j < children->len; j++)
            last = MAX (last, cb_record_get_int (g_ptr_array_index (children, j), "position"));
          pos = g_strdup_printf ("%" G_GINT64_FORMAT, last + 1);
          log = g_strdup (cb_record_get_uuid (g_ptr_array_index (records, li)));
        }
      else
        {
          g_autoptr(CbRecord) person = NULL;
          const char *teacher = cb_record_get (obs, "teacher");
          const char *lesson = cb_record_get (obs, "lesson");
          g_autofree char *summary = NULL;

          if (teacher != NULL && *teacher != '\0')
            person = cb_store_get (store, teacher, NULL);
          if (person != NULL && !is_private (store, person) && cb_record_get_title (person) != NULL)
            /* TRANSLATORS: the summary of the coaching log an ended observation makes; %s is a teacher */
            summary = g_strdup_printf (_("Observation of %s"), cb_record_get_title (person));
          else if (lesson != NULL && *lesson != '\0')
            /* TRANSLATORS: the summary of the coaching log an ended observation makes; %s is a lesson */
            summary = g_strdup_printf (_("Observation: %s"), lesson);
          else
            summary = g_strdup (_("Observation"));
          pos = g_strdup ("0");
          fields_add (&f, "summary", summary);
          fields_add (&f, "date", cb_record_get (obs, "date"));
          fields_add (&f, "teachers", teacher);
          fields_add (&f, "mode", "one_on_one");
          fields_add (&f, "school", cb_record_get (obs, "school"));
          fields_add (&f, "engagement", cb_record_get (obs, "engagement"));
          fields_add (&f, "time_in", cb_record_get (obs, "start_time"));
          fields_add (&f, "time_out", cb_record_get (obs, "end_time"));
          fields_add (&f, "focus", cb_record_get (obs, "focus"));
          fields_add (&f, "coplan", cb_record_get (obs, "coplan"));
          fields_add (&f, "observation", observation);
          if (is_private (store, obs))
            fields_add (&f, CB_FIELD_PRIVACY, "private");
          log = fields_create (&f, store, "coaching_log", error);
          ok = log != NULL;
        }
      if (ok)
        {
          fields_add (&f, "log", log);
          fields_add (&f, "position", pos);
          fields_add (&f, "activity", activity);
          fields_add (&f, "minutes", text);
          if (is_private (store, obs))
            fields_add (&f, CB_FIELD_PRIVACY, "private");
          seg = fields_create (&f, store, "segment", error);
          ok = seg != NULL;
        }
    }
  fields_clear (&f);
  if (!finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&log);
}

/**
 * cb_pd_session_duplicate:
 *
 * "Duplicate as template": a new, undated session with the plan of
 * @session (title, times, place, format, audience, engagement,
 * objectives) and a copy of its agenda; not its sign-in, exit tickets,
 * reflection or private notes, which belong to the day it happened.
 *
 * Returns: (transfer full) (nullable): the new session's UUID
 */
char *
cb_pd_session_duplicate (CbStore     *store,
                         const char  *session,
                         GError     **error)
{
  static const char * const copied[] = {
    "start_time", "end_time", "location", "format", "audience", "engagement",
    "launch", "objectives", CB_FIELD_PRIVACY,
  };
  static const char * const agenda_fields[] = {
    "start_time", "end_time", "title", "facilitator", "materials", "audience", CB_FIELD_PRIVACY,
  };
  g_autoptr(CbRecord) source = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autofree char *title = NULL;
  g_autofree char *copy = NULL;
  Fields f;
  gboolean ok;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  if ((source = cb_store_get (store, session, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (source), "pd_session") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Only a PD session can be duplicated as a template."));
      return NULL;
    }
  if ((agenda = cb_store_children (store, "agenda_item", session, error)) == NULL)
    return NULL;
  /* TRANSLATORS: the title of a session duplicated as a template */
  title = g_strdup_printf (_("%s (copy)"), cb_record_get (source, "title") ? cb_record_get (source, "title") : "");

  if (!cb_store_begin (store, error))
    return NULL;
  fields_init (&f);
  fields_add (&f, "title", title);
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    fields_add (&f, copied[i], cb_record_get (source, copied[i]));
  copy = fields_create (&f, store, "pd_session", error);
  ok = copy != NULL;
  for (guint i = 0; ok && i < agenda->len; i++)
    {
      CbRecord *block = g_ptr_array_index (agenda, i);
      g_autofree char *uuid = NULL;

      fields_add (&f, "session", copy);
      for (guint j = 0; j < G_N_ELEMENTS (agenda_fields); j++)
        fields_add (&f, agenda_fields[j], cb_record_get (block, agenda_fields[j]));
      uuid = fields_create (&f, store, "agenda_item", error);
      ok = uuid != NULL;
    }
  fields_clear (&f);
  if (!finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&copy);
}

/**
 * cb_action_item_create:
 * @owner: (nullable): who does it
 * @due: (nullable): YYYY-MM-DD
 * @source: (nullable): the record it came from
 *
 * An open action item. One that comes from a private record is private
 * too, so its text never leaves the laptop when its source does not.
 *
 * Returns: (transfer full) (nullable): its UUID
 */
char *
cb_action_item_create (CbStore     *store,
                       const char  *text,
                       const char  *owner,
                       const char  *due,
                       const char  *source,
                       GError     **error)
{
  g_autoptr(CbRecord) from = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  Fields f;
  char *uuid;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  if (*stripped == '\0')
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Type what is to be done first."));
      return NULL;
    }
  if (source != NULL && *source != '\0')
    from = cb_store_get (store, source, NULL);
  fields_init (&f);
  fields_add (&f, "text", stripped);
  fields_add (&f, "owner", owner);
  fields_add (&f, "due", due);
  fields_add (&f, "status", "open");
  fields_add (&f, "source", source);
  if (from != NULL && is_private (store, from))
    fields_add (&f, CB_FIELD_PRIVACY, "private");
  uuid = fields_create (&f, store, "action_item", error);
  fields_clear (&f);
  return uuid;
}
