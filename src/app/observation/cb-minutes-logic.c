/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-minutes-logic.h"
#include "cb-steps.h"

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


/* The coaching log an ended observation makes when none counts its
 * minutes yet: dated and timed as the observation, for its teacher
 * (named unless private), private with it. */
static char *
create_visit_log (CbStore     *store,
                  CbRecord    *obs,
                  const char  *observation,
                  CbFields    *f,
                  GError     **error)
{
  g_autoptr(CbRecord) person = NULL;
  const char *teacher = cb_record_get (obs, "teacher");
  const char *lesson = cb_record_get (obs, "lesson");
  g_autofree char *summary = NULL;

  if (teacher != NULL && *teacher != '\0')
    person = cb_store_get (store, teacher, NULL);
  if (person != NULL && !cb_step_is_private (store, person) && cb_record_get_title (person) != NULL)
    /* TRANSLATORS: the summary of the coaching log an ended observation makes; %s is a teacher */
    summary = g_strdup_printf (_("Observation of %s"), cb_record_get_title (person));
  else if (lesson != NULL && *lesson != '\0')
    /* TRANSLATORS: the summary of the coaching log an ended observation makes; %s is a lesson */
    summary = g_strdup_printf (_("Observation: %s"), lesson);
  else
    summary = g_strdup (_("Observation"));
  cb_fields_add (f, "summary", summary);
  cb_fields_add (f, "date", cb_record_get (obs, "date"));
  cb_fields_add (f, "teachers", teacher);
  cb_fields_add (f, "mode", "one_on_one");
  cb_fields_add (f, "school", cb_record_get (obs, "school"));
  cb_fields_add (f, "engagement", cb_record_get (obs, "engagement"));
  cb_fields_add (f, "time_in", cb_record_get (obs, "start_time"));
  cb_fields_add (f, "time_out", cb_record_get (obs, "end_time"));
  cb_fields_add (f, "focus", cb_record_get (obs, "focus"));
  cb_fields_add (f, "coplan", cb_record_get (obs, "coplan"));
  cb_fields_add (f, "observation", observation);
  if (cb_step_is_private (store, obs))
    cb_fields_add (f, CB_FIELD_PRIVACY, "private");
  return cb_fields_create (f, store, "coaching_log", error);
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
  CbFields f;
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
  if ((records = cb_store_list (store, &filter, 50, error)) == NULL)
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
  cb_fields_init (&f);
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
          pos = g_strdup ("0");
          log = create_visit_log (store, obs, observation, &f, error);
          ok = log != NULL;
        }
      if (ok)
        {
          cb_fields_add (&f, "log", log);
          cb_fields_add (&f, "position", pos);
          cb_fields_add (&f, "activity", activity);
          cb_fields_add (&f, "minutes", text);
          if (cb_step_is_private (store, obs))
            cb_fields_add (&f, CB_FIELD_PRIVACY, "private");
          seg = cb_fields_create (&f, store, "segment", error);
          ok = seg != NULL;
        }
    }
  cb_fields_clear (&f);
  if (!cb_step_finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&log);
}
