/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pure computations behind the charts, the engagement dashboard and the
 * debrief packet, and thin readers that feed them from a store. The
 * rules (what counts as a day, whose minutes are whose) are written
 * down in docs/reports.md; keep the two in step.
 *
 * This file holds the helpers, the coaching-log totals and delivered
 * against planned; cb-reports-lesson.c the computations behind one PD
 * session, one lesson and one action item. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-privacy.h"
#include "cb-refs.h"
#include "cb-reports.h"
#include "cb-sql.h"

struct _CbLogData
{
  GArray       *entries;      /* CbLogEntry */
  GStringChunk *strings;
  GPtrArray    *owned;        /* teacher vectors and segment arrays */
};

G_DEFINE_QUARK (cb-reports-error-quark, cb_reports_error)

/* ------------------------------------------------------------ helpers */

/**
 * cb_time_to_minutes:
 * @hhmm: (nullable): a time such as "09:05" or "9:05"
 *
 * Returns: minutes after midnight, or -1 if @hhmm is not a time
 */
int
cb_time_to_minutes (const char *hhmm)
{
  const char *colon;
  gsize hl;
  int h, m;

  if (hhmm == NULL || (colon = strchr (hhmm, ':')) == NULL)
    return -1;
  hl = colon - hhmm;
  if (hl < 1 || hl > 2 || strlen (colon + 1) != 2 ||
      !g_ascii_isdigit (hhmm[0]) || (hl == 2 && !g_ascii_isdigit (hhmm[1])) ||
      !g_ascii_isdigit (colon[1]) || !g_ascii_isdigit (colon[2]))
    return -1;
  h = atoi (hhmm);
  m = atoi (colon + 1);
  if (h > 23 || m > 59)
    return -1;
  return h * 60 + m;
}

/**
 * cb_format_offset_seconds:
 *
 * Returns: (transfer full): "m:ss", or "h:mm:ss" from an hour on
 */
char *
cb_format_offset_seconds (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/**
 * cb_format_minutes:
 *
 * Returns: (transfer full): "45 min", "2 h" or "23 h 5 min", translated
 */
char *
cb_format_minutes (gint64 minutes)
{
  if (minutes < 0)
    minutes = 0;
  if (minutes < 60)
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes % 60 == 0)
    /* TRANSLATORS: a duration of whole hours */
    return g_strdup_printf (_("%d h"), (int) (minutes / 60));
  /* TRANSLATORS: a duration, "23 h 5 min" */
  return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
}

/* ----------------------------------------------------- coaching logs */

static CbTotal *
total_new (const char *key)
{
  CbTotal *t = g_new0 (CbTotal, 1);
  t->key = g_strdup (key ? key : "");
  return t;
}

static void
total_free (gpointer data)
{
  CbTotal *t = data;
  g_free (t->key);
  g_free (t);
}

static CbTotal *
total_get (GHashTable *table,
           GPtrArray  *list,
           const char *key)
{
  CbTotal *t = g_hash_table_lookup (table, key ? key : "");

  if (t == NULL)
    {
      t = total_new (key);
      g_hash_table_insert (table, t->key, t);
      g_ptr_array_add (list, t);
    }
  return t;
}

/**
 * cb_log_entry_minutes:
 *
 * Returns: the minutes of one log: the sum of its segments' minutes
 *   (negative values count as 0)
 */
gint64
cb_log_entry_minutes (const CbLogEntry *entry)
{
  gint64 minutes = 0;

  g_return_val_if_fail (entry != NULL, 0);
  for (guint i = 0; i < entry->n_segments; i++)
    minutes += MAX (entry->segments[i].minutes, 0);
  return minutes;
}

static int
activity_rank (const char *activity)
{
  const CbField *field = cb_kind_field (cb_kind_lookup ("segment"), "activity");

  if (activity == NULL || *activity == '\0')
    return G_MAXINT;
  for (int i = 0; field->choices[i].value != NULL; i++)
    if (strcmp (field->choices[i].value, activity) == 0)
      return i;
  return G_MAXINT - 1;
}

static int
compare_activity (gconstpointer a,
                  gconstpointer b)
{
  const CbTotal *x = *(const CbTotal **) a, *y = *(const CbTotal **) b;
  int rx = activity_rank (x->key), ry = activity_rank (y->key);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return strcmp (x->key, y->key);
}

static int
compare_minutes_desc (gconstpointer a,
                      gconstpointer b)
{
  const CbTotal *x = *(const CbTotal **) a, *y = *(const CbTotal **) b;

  if (x->minutes != y->minutes)
    return x->minutes > y->minutes ? -1 : 1;
  return strcmp (x->key, y->key);
}

static int
compare_key (gconstpointer a,
             gconstpointer b)
{
  const CbTotal *x = *(const CbTotal **) a, *y = *(const CbTotal **) b;
  return strcmp (x->key, y->key);
}

/**
 * cb_log_totals_compute:
 * @entries: (array length=n_entries): coaching logs
 *
 * Totals of coaching time. Every minute is counted once in the overall,
 * activity, school and month totals: a 60-minute session with a group
 * of three teachers adds 60 minutes, not 180.
 *
 * The per-teacher totals are *attributed*: each teacher of a session is
 * credited with the whole session (that teacher was there for all of
 * it), so they add up to more than the overall total whenever there
 * were group sessions. CbTotal.shared_minutes says how much of a
 * teacher's time was spent in such shared sessions.
 *
 * Returns: (transfer full): the totals
 */
CbLogTotals *
cb_log_totals_compute (const CbLogEntry *entries,
                       guint             n_entries)
{
  CbLogTotals *totals = g_new0 (CbLogTotals, 1);
  g_autoptr(GHashTable) activities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) teachers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) schools = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) months = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (entries != NULL || n_entries == 0, totals);

  totals->by_activity = g_ptr_array_new_with_free_func (total_free);
  totals->by_teacher = g_ptr_array_new_with_free_func (total_free);
  totals->by_school = g_ptr_array_new_with_free_func (total_free);
  totals->by_month = g_ptr_array_new_with_free_func (total_free);

  for (guint i = 0; i < n_entries; i++)
    {
      const CbLogEntry *e = &entries[i];
      gint64 minutes = cb_log_entry_minutes (e);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *month = NULL;
      guint n_teachers = 0;
      CbTotal *t;

      totals->minutes += minutes;
      totals->n_logs++;

      for (guint s = 0; s < e->n_segments; s++)
        {
          const char *activity = e->segments[s].activity ? e->segments[s].activity : "";

          t = total_get (activities, totals->by_activity, activity);
          t->minutes += MAX (e->segments[s].minutes, 0);
          if (g_hash_table_add (seen, (gpointer) activity))
            t->n_logs++;
        }

      t = total_get (schools, totals->by_school, e->school);
      t->minutes += minutes;
      t->n_logs++;

      month = g_strndup (e->date ? e->date : "", 7);
      t = total_get (months, totals->by_month, month);
      t->minutes += minutes;
      t->n_logs++;

      /* the same teacher named twice is still one teacher */
      g_hash_table_remove_all (seen);
      for (guint k = 0; e->teachers && e->teachers[k]; k++)
        if (*e->teachers[k] != '\0' && g_hash_table_add (seen, (gpointer) e->teachers[k]))
          n_teachers++;
      for (guint k = 0; e->teachers && e->teachers[k]; k++)
        {
          if (*e->teachers[k] == '\0' || !g_hash_table_remove (seen, e->teachers[k]))
            continue;
          t = total_get (teachers, totals->by_teacher, e->teachers[k]);
          t->minutes += minutes;
          if (n_teachers > 1)
            t->shared_minutes += minutes;
          t->n_logs++;
        }
    }

  g_ptr_array_sort (totals->by_activity, compare_activity);
  g_ptr_array_sort (totals->by_teacher, compare_minutes_desc);
  g_ptr_array_sort (totals->by_school, compare_minutes_desc);
  g_ptr_array_sort (totals->by_month, compare_key);
  return totals;
}

/**
 * cb_log_totals_find:
 * @list: one of the lists of a #CbLogTotals
 *
 * Returns: (nullable) (transfer none): the total for @key
 */
const CbTotal *
cb_log_totals_find (GPtrArray  *list,
                    const char *key)
{
  g_return_val_if_fail (list != NULL, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const CbTotal *t = g_ptr_array_index (list, i);
      if (g_strcmp0 (t->key, key ? key : "") == 0)
        return t;
    }
  return NULL;
}

void
cb_log_totals_free (CbLogTotals *totals)
{
  if (totals == NULL)
    return;
  g_clear_pointer (&totals->by_activity, g_ptr_array_unref);
  g_clear_pointer (&totals->by_teacher, g_ptr_array_unref);
  g_clear_pointer (&totals->by_school, g_ptr_array_unref);
  g_clear_pointer (&totals->by_month, g_ptr_array_unref);
  g_free (totals);
}

static const char *
chunk (CbLogData  *data,
       const char *s)
{
  return s && *s ? g_string_chunk_insert_const (data->strings, s) : NULL;
}

typedef struct
{
  CbLogEntry  entry;
  GArray     *segments;   /* CbLogSegment */
  gint64      fallback;   /* time out - time in, or 0 */
} LogRow;

static void
log_row_free (gpointer data)
{
  LogRow *row = data;
  g_array_unref (row->segments);
  g_free (row);
}

/**
 * cb_log_data_load:
 * @date_from: (nullable): first date, YYYY-MM-DD, inclusive
 * @date_to: (nullable): last date, inclusive
 * @include_private: whether private logs and segments count; when
 *   %FALSE the privacy rule (cb-privacy.h) leaves them out
 *
 * Reads the live coaching logs and their live segments, oldest first.
 * A log without any segment minutes counts its time out minus time in
 * as one segment of unspecified activity (""), so a log typed with
 * only its times is not lost from the totals.
 *
 * Returns: (transfer full) (nullable): the logs, for
 *   cb_log_totals_compute() and cb_delivered_compute()
 */
CbLogData *
cb_log_data_load (CbStore     *store,
                  const char  *date_from,
                  const char  *date_to,
                  gboolean     include_private,
                  GError     **error)
{
  g_autoptr(CbLogData) data = g_new0 (CbLogData, 1);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (log_row_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(CbPrivacy) privacy = NULL;
  sqlite3_stmt *stmt;
  int rc, n = 0;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  if (!include_private && (privacy = cb_privacy_new (store, error)) == NULL)
    return NULL;

  data->entries = g_array_new (FALSE, TRUE, sizeof (CbLogEntry));
  data->strings = g_string_chunk_new (4096);
  data->owned = g_ptr_array_new_with_free_func (g_free);

  g_string_append (sql, "SELECT r.uuid, k.date, k.school, k.engagement, k.teachers, k.time_in, k.time_out, k.coaches "
                        "FROM records r JOIN k_coaching_log k ON k.id = r.id WHERE r.deleted = 0");
  if (date_from != NULL)
    g_string_append (sql, " AND k.date >= ?");
  if (date_to != NULL)
    g_string_append (sql, " AND k.date <= ?");
  g_string_append (sql, " ORDER BY k.date, k.time_in, r.id");
  if ((stmt = cb_sql_prepare (cb_store_get_db (store), sql->str, error)) == NULL)
    return NULL;
  if (date_from != NULL)
    sqlite3_bind_text (stmt, ++n, date_from, -1, SQLITE_TRANSIENT);
  if (date_to != NULL)
    sqlite3_bind_text (stmt, ++n, date_to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) parts = NULL;
      const char **teachers;
      LogRow *row;
      int tin, tout;
      guint k = 0;

      if (privacy != NULL && !cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      row = g_new0 (LogRow, 1);
      parts = cb_refs_split (cb_sql_col_text (stmt, 4));
      teachers = g_new0 (const char *, g_strv_length (parts) + 1);
      tin = cb_time_to_minutes (cb_sql_col_text (stmt, 5));
      tout = cb_time_to_minutes (cb_sql_col_text (stmt, 6));
      for (guint i = 0; parts[i]; i++)
        if (*parts[i] != '\0')
          teachers[k++] = chunk (data, parts[i]);
      g_ptr_array_add (data->owned, teachers);

      row->entry.uuid = chunk (data, cb_sql_col_text (stmt, 0));
      row->entry.date = chunk (data, cb_sql_col_text (stmt, 1));
      row->entry.school = chunk (data, cb_sql_col_text (stmt, 2));
      row->entry.engagement = chunk (data, cb_sql_col_text (stmt, 3));
      row->entry.teachers = teachers;
      row->entry.coaches = sqlite3_column_int64 (stmt, 7);
      row->segments = g_array_new (FALSE, TRUE, sizeof (CbLogSegment));
      row->fallback = tin >= 0 && tout > tin ? tout - tin : 0;
      g_hash_table_insert (rows, (gpointer) row->entry.uuid, row);
      g_ptr_array_add (order, row);
    }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;

  g_string_assign (sql, "SELECT k.log, k.activity, k.minutes, r.uuid FROM records r "
                        "JOIN k_segment k ON k.id = r.id WHERE r.deleted = 0 "
                        "ORDER BY k.log, k.position IS NULL, k.position, r.id");
  if ((stmt = cb_sql_prepare (cb_store_get_db (store), sql->str, error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LogRow *row = g_hash_table_lookup (rows, cb_sql_col_text (stmt, 0));
      CbLogSegment seg;

      if (row == NULL || (privacy != NULL && !cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 3))))
        continue;
      seg.activity = chunk (data, cb_sql_col_text (stmt, 1));
      if (seg.activity == NULL)
        seg.activity = "";
      seg.minutes = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (row->segments, seg);
    }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;

  for (guint i = 0; i < order->len; i++)
    {
      LogRow *row = g_ptr_array_index (order, i);
      CbLogEntry entry = row->entry;
      CbLogSegment *segs;

      entry.n_segments = row->segments->len;
      entry.segments = NULL;
      if (entry.n_segments > 0)
        entry.segments = segs = g_memdup2 (row->segments->data, sizeof (CbLogSegment) * entry.n_segments);
      else
        segs = NULL;
      if (cb_log_entry_minutes (&entry) == 0 && row->fallback > 0)
        {
          g_free (segs);
          segs = g_new0 (CbLogSegment, 1);
          segs->activity = "";
          segs->minutes = row->fallback;
          entry.segments = segs;
          entry.n_segments = 1;
        }
      if (segs != NULL)
        g_ptr_array_add (data->owned, segs);
      g_array_append_val (data->entries, entry);
    }
  return g_steal_pointer (&data);
}

/**
 * cb_log_data_get_entries:
 *
 * Returns: (transfer none) (array length=n_entries): the logs
 */
const CbLogEntry *
cb_log_data_get_entries (CbLogData *data,
                         guint     *n_entries)
{
  g_return_val_if_fail (data != NULL, NULL);
  if (n_entries)
    *n_entries = data->entries->len;
  return (const CbLogEntry *) data->entries->data;
}

void
cb_log_data_free (CbLogData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->entries, g_array_unref);
  g_clear_pointer (&data->owned, g_ptr_array_unref);
  if (data->strings)
    g_string_chunk_free (data->strings);
  g_free (data);
}

/* ------------------------------------------------- delivered vs planned */

/**
 * cb_plan_covers:
 * @engagement: (nullable): the engagement a record names
 * @school: (nullable): the school a record names
 * @date: (nullable): the record's date
 *
 * A record belongs to an engagement when it names it; a record that
 * names no engagement belongs to it when its school is one of the
 * engagement's schools and its date falls within the engagement's
 * dates. A record naming another engagement never does.
 *
 * Returns: whether the record counts for @plan
 */
gboolean
cb_plan_covers (const CbPlan *plan,
                const char   *engagement,
                const char   *school,
                const char   *date)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (engagement != NULL && *engagement != '\0')
    return g_strcmp0 (engagement, plan->uuid) == 0;
  if (school == NULL || *school == '\0' || date == NULL || *date == '\0' ||
      plan->schools == NULL || !g_strv_contains (plan->schools, school))
    return FALSE;
  if (plan->start_date != NULL && *plan->start_date != '\0' && strcmp (date, plan->start_date) < 0)
    return FALSE;
  if (plan->end_date != NULL && *plan->end_date != '\0' && strcmp (date, plan->end_date) > 0)
    return FALSE;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static GPtrArray *
sorted_keys (GHashTable *set)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, g_strdup (key));
  g_ptr_array_sort (out, compare_strings);
  return out;
}

/**
 * cb_delivered_compute:
 * @plan: the engagement and its planned services
 * @sessions: (array length=n_sessions): PD sessions
 * @logs: (array length=n_logs): coaching logs
 * @visits: (array length=n_visits): observations
 *
 * Counts what was delivered for @plan from the records themselves:
 *
 * - a launch PD day is a date with at least one launch session of the
 *   engagement (two sessions on one date are one day);
 * - a PD day is a date with at least one other session of the
 *   engagement (the all-teacher morning and the math afternoon of one
 *   date are one day);
 * - a coaching day is a date with at least one coaching log or
 *   observation that belongs to the engagement (cb_plan_covers()); two
 *   coaches on the same date are one coaching day;
 * - each date counts for one service only: launch before PD before
 *   coaching, so a debrief logged on a PD day does not add a coaching day;
 * - PD hours are the sessions' end minus start; coaching hours are the
 *   logs' segment minutes, each minute once; hours are both;
 * - coach days: each coaching date counts the most coaches any of its
 *   logs gives (two coaches logging the same day each say "2"), 1 when
 *   none says; planned coach days are the planned coaching days times
 *   the coaches per day (or the coaching days, when that is not given).
 *
 * Returns: (transfer full): the delivered services next to the planned ones
 */
CbDelivered *
cb_delivered_compute (const CbPlan          *plan,
                      const CbPdSessionInfo *sessions,
                      guint                  n_sessions,
                      const CbLogEntry      *logs,
                      guint                  n_logs,
                      const CbVisitInfo     *visits,
                      guint                  n_visits)
{
  CbDelivered *d = g_new0 (CbDelivered, 1);
  g_autoptr(GHashTable) launch = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pd = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) coaching = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) coaches = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 pd_minutes = 0, coaching_minutes = 0;

  g_return_val_if_fail (plan != NULL, d);

  d->planned_launch_days = plan->planned_launch_days;
  d->planned_pd_days = plan->planned_pd_days;
  d->planned_coaching_days = plan->planned_coaching_days;
  d->planned_hours = plan->planned_hours;

  for (guint i = 0; i < n_sessions; i++)
    {
      const CbPdSessionInfo *s = &sessions[i];

      if (s->engagement == NULL || g_strcmp0 (s->engagement, plan->uuid) != 0)
        continue;
      pd_minutes += MAX (s->minutes, 0);
      if (s->date == NULL || *s->date == '\0')
        continue;
      g_hash_table_add (s->launch ? launch : pd, (gpointer) s->date);
    }
  for (guint i = 0; i < n_logs; i++)
    {
      const CbLogEntry *e = &logs[i];

      if (!cb_plan_covers (plan, e->engagement, e->school, e->date))
        continue;
      coaching_minutes += cb_log_entry_minutes (e);
      if (e->date != NULL && *e->date != '\0')
        {
          guint most = GPOINTER_TO_UINT (g_hash_table_lookup (coaches, e->date));

          g_hash_table_add (coaching, (gpointer) e->date);
          if (e->coaches > most)
            g_hash_table_insert (coaches, (gpointer) e->date, GUINT_TO_POINTER ((guint) MIN (e->coaches, 99)));
        }
    }
  for (guint i = 0; i < n_visits; i++)
    {
      const CbVisitInfo *v = &visits[i];

      if (v->date != NULL && *v->date != '\0' &&
          cb_plan_covers (plan, v->engagement, v->school, v->date))
        g_hash_table_add (coaching, (gpointer) v->date);
    }

  /* one date, one service */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, pd);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (g_hash_table_contains (launch, key))
        g_hash_table_iter_remove (&iter);
    g_hash_table_iter_init (&iter, coaching);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (g_hash_table_contains (launch, key) || g_hash_table_contains (pd, key))
        g_hash_table_iter_remove (&iter);
  }

  d->launch_dates = sorted_keys (launch);
  d->pd_dates = sorted_keys (pd);
  d->coaching_dates = sorted_keys (coaching);
  d->launch_days = d->launch_dates->len;
  d->pd_days = d->pd_dates->len;
  d->coaching_days = d->coaching_dates->len;
  d->coaches_by_date = g_array_new (FALSE, TRUE, sizeof (guint));
  for (guint i = 0; i < d->coaching_dates->len; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (coaches, g_ptr_array_index (d->coaching_dates, i)));

      n = MAX (n, 1);
      g_array_append_val (d->coaches_by_date, n);
      d->coach_days += n;
    }
  d->planned_coaches_per_day = MAX (plan->planned_coaches_per_day, 0);
  d->planned_coach_days = MAX (d->planned_coaching_days, 0) * MAX (d->planned_coaches_per_day, 1);
  d->pd_hours = pd_minutes / 60.0;
  d->coaching_hours = coaching_minutes / 60.0;
  d->hours = d->pd_hours + d->coaching_hours;
  return d;
}

void
cb_delivered_free (CbDelivered *delivered)
{
  if (delivered == NULL)
    return;
  g_clear_pointer (&delivered->launch_dates, g_ptr_array_unref);
  g_clear_pointer (&delivered->pd_dates, g_ptr_array_unref);
  g_clear_pointer (&delivered->coaching_dates, g_ptr_array_unref);
  g_clear_pointer (&delivered->coaches_by_date, g_array_unref);
  g_free (delivered);
}

/**
 * cb_delivered_load:
 * @engagement_uuid: an engagement
 *
 * Reads the engagement's plan and every live PD session, coaching log
 * and observation, private ones included (the dashboard shows counts
 * and time, never their content), and counts what was delivered with
 * cb_delivered_compute().
 *
 * Returns: (transfer full) (nullable): the delivered services
 */
CbDelivered *
cb_delivered_load (CbStore     *store,
                   const char  *engagement_uuid,
                   GError     **error)
{
  return cb_delivered_load_full (store, engagement_uuid, TRUE, error);
}

/**
 * cb_delivered_load_full:
 * @engagement_uuid: an engagement
 * @include_private: whether private sessions, logs and observations
 *   count: %TRUE for the dashboard on this laptop, %FALSE for what
 *   leaves it (the spreadsheet and PDF of the contract)
 *
 * Returns: (transfer full) (nullable): the delivered services
 */
CbDelivered *
cb_delivered_load_full (CbStore     *store,
                        const char  *engagement_uuid,
                        gboolean     include_private,
                        GError     **error)
{
  g_autoptr(CbRecord) engagement = NULL;
  g_autoptr(CbLogData) logs = NULL;
  g_autoptr(GArray) sessions = g_array_new (FALSE, TRUE, sizeof (CbPdSessionInfo));
  g_autoptr(GArray) visits = g_array_new (FALSE, TRUE, sizeof (CbVisitInfo));
  g_autoptr(GStringChunk) strings = g_string_chunk_new (1024);
  g_auto(GStrv) schools = NULL;
  const CbLogEntry *entries;
  guint n_entries;
  sqlite3_stmt *stmt;
  CbPlan plan = { 0 };
  g_autoptr(CbPrivacy) privacy = NULL;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (engagement_uuid != NULL, NULL);

  if ((engagement = cb_store_get (store, engagement_uuid, error)) == NULL)
    return NULL;
  if (strcmp (cb_record_get_kind (engagement), "engagement") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("The record %s is not an engagement."), engagement_uuid);
      return NULL;
    }

  schools = g_strsplit (cb_record_get (engagement, "schools"), " ", -1);
  plan.uuid = cb_record_get_uuid (engagement);
  plan.schools = (const char * const *) schools;
  plan.start_date = cb_record_get (engagement, "start_date");
  plan.end_date = cb_record_get (engagement, "end_date");
  plan.planned_launch_days = cb_record_get_int (engagement, "planned_launch_days");
  plan.planned_pd_days = cb_record_get_int (engagement, "planned_pd_days");
  plan.planned_coaching_days = cb_record_get_int (engagement, "planned_coaching_days");
  plan.planned_hours = g_ascii_strtod (cb_record_get (engagement, "planned_hours"), NULL);
  plan.planned_coaches_per_day = cb_record_get_int (engagement, "coaches_per_day");

  /* What leaves the laptop is decided by the one rule (cb-privacy.h). */
  if (!include_private && (privacy = cb_privacy_new (store, error)) == NULL)
    return NULL;

  if ((stmt = cb_sql_prepare (cb_store_get_db (store),
                              "SELECT k.date, k.launch, k.start_time, k.end_time, r.uuid FROM records r "
                              "JOIN k_pd_session k ON k.id = r.id WHERE r.deleted = 0 AND k.engagement = ?",
                              error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan.uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbPdSessionInfo s = { 0 };
      int start = cb_time_to_minutes (cb_sql_col_text (stmt, 2));
      int end = cb_time_to_minutes (cb_sql_col_text (stmt, 3));

      if (privacy != NULL && cb_privacy_is_private (privacy, cb_sql_col_text (stmt, 4)))
        continue;

      s.engagement = plan.uuid;
      s.date = g_string_chunk_insert_const (strings, cb_sql_col_text (stmt, 0));
      s.launch = sqlite3_column_int (stmt, 1) != 0;
      s.minutes = start >= 0 && end > start ? end - start : 0;
      g_array_append_val (sessions, s);
    }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;

  if ((stmt = cb_sql_prepare (cb_store_get_db (store),
                              "SELECT k.engagement, k.school, k.date, r.uuid FROM records r "
                              "JOIN k_observation k ON k.id = r.id WHERE r.deleted = 0",
                              error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbVisitInfo v;

      if (privacy != NULL && cb_privacy_is_private (privacy, cb_sql_col_text (stmt, 3)))
        continue;

      v.engagement = g_string_chunk_insert_const (strings, cb_sql_col_text (stmt, 0));
      v.school = g_string_chunk_insert_const (strings, cb_sql_col_text (stmt, 1));
      v.date = g_string_chunk_insert_const (strings, cb_sql_col_text (stmt, 2));
      if (cb_plan_covers (&plan, v.engagement, v.school, v.date))
        g_array_append_val (visits, v);
    }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;

  if ((logs = cb_log_data_load (store, NULL, NULL, include_private, error)) == NULL)
    return NULL;
  entries = cb_log_data_get_entries (logs, &n_entries);
  return cb_delivered_compute (&plan,
                               (const CbPdSessionInfo *) sessions->data, sessions->len,
                               entries, n_entries,
                               (const CbVisitInfo *) visits->data, visits->len);
}

/* ------------------------------------------- the table for invoicing */

/**
 * cb_delivered_load_shared:
 * @engagement_uuid: an engagement
 * @record: (out) (optional) (transfer full): the engagement
 *
 * What the delivered-against-planned table may take off this laptop
 * (the spreadsheet and the PDF of the contract), by the privacy rule of
 * docs/privacy.md: a private engagement, or one in the Trash, is
 * refused; private sessions, logs and observations are not counted.
 *
 * Returns: (transfer full) (nullable): the delivered services
 */
CbDelivered *
cb_delivered_load_shared (CbStore     *store,
                          const char  *engagement_uuid,
                          CbRecord   **record,
                          GError     **error)
{
  g_autoptr(CbRecord) engagement = NULL;
  g_autoptr(CbPrivacy) privacy = cb_privacy_new_lazy (store);
  CbDelivered *d;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (engagement_uuid != NULL, NULL);

  if ((engagement = cb_store_get (store, engagement_uuid, error)) == NULL)
    return NULL;
  if (!cb_privacy_record_may_leave (privacy, engagement_uuid) || cb_record_get_deleted (engagement))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("This engagement is private or in the Trash: its services do not leave this laptop."));
      return NULL;
    }
  if ((d = cb_delivered_load_full (store, engagement_uuid, FALSE, error)) == NULL)
    return NULL;
  if (record != NULL)
    *record = g_steal_pointer (&engagement);
  return d;
}

static char *
plain_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  len = strlen (buf);
  while (len > 0 && buf[len - 1] == '0')
    buf[--len] = '\0';
  if (len > 0 && buf[len - 1] == '.')
    buf[--len] = '\0';
  return g_strdup (strcmp (buf, "-0") == 0 ? "0" : buf);
}

static void
row_free (gpointer data)
{
  CbDeliveredRow *row = data;

  g_free (row->planned);
  g_free (row->delivered);
  g_free (row->difference);
  g_free (row->dates);
  g_free (row);
}

static void
add_row (GPtrArray  *rows,
         const char *service,
         gboolean    planned_given,
         double      planned,
         double      delivered,
         char       *dates)
{
  CbDeliveredRow *row = g_new0 (CbDeliveredRow, 1);

  row->service = service;
  row->planned = planned_given ? plain_number (planned) : g_strdup ("");
  row->delivered = plain_number (delivered);
  if (planned_given)
    {
      g_autofree char *diff = plain_number (delivered - planned);

      row->difference = delivered - planned > 0.004 ? g_strconcat ("+", diff, NULL) : g_steal_pointer (&diff);
    }
  else
    row->difference = g_strdup ("");
  row->dates = dates ? dates : g_strdup ("");
  g_ptr_array_add (rows, row);
}

static char *
join_dates (GPtrArray *dates,
            GArray    *counts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (dates, i));
      if (counts != NULL && i < counts->len)
        g_string_append_printf (out, " (%u)", g_array_index (counts, guint, i));
    }
  return g_string_free (out, FALSE);
}

/**
 * cb_delivered_rows:
 *
 * The delivered-against-planned table for the spreadsheet and the PDF
 * of the contract: launch PD days, PD days, coaching days, coach days
 * (each coaching day's coaches), PD hours, coaching hours and hours.
 * Only counts, time and dates: nothing a teacher said.
 *
 * Returns: (transfer full) (element-type CbDeliveredRow): the rows
 */
GPtrArray *
cb_delivered_rows (const CbDelivered *d)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

  g_return_val_if_fail (d != NULL, rows);

  add_row (rows, _("Launch PD days"), d->planned_launch_days > 0, d->planned_launch_days, d->launch_days,
           join_dates (d->launch_dates, NULL));
  add_row (rows, _("PD days"), d->planned_pd_days > 0, d->planned_pd_days, d->pd_days,
           join_dates (d->pd_dates, NULL));
  add_row (rows, _("Coaching days"), d->planned_coaching_days > 0, d->planned_coaching_days, d->coaching_days,
           join_dates (d->coaching_dates, NULL));
  add_row (rows, _("Coach days"), d->planned_coaching_days > 0, d->planned_coach_days, d->coach_days,
           join_dates (d->coaching_dates, d->coaches_by_date));
  add_row (rows, _("PD hours"), FALSE, 0, d->pd_hours, NULL);
  add_row (rows, _("Coaching hours"), FALSE, 0, d->coaching_hours, NULL);
  add_row (rows, _("Hours"), d->planned_hours > 0, d->planned_hours, d->hours, NULL);
  return rows;
}
