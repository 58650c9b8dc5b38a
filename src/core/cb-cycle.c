/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A coaching cycle read whole: its measure's points, its steps, the
 * trend of its look-fors and its reflection (see cb-cycle.h). The
 * arithmetic is in pure functions that tests call without a store. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cb-cycle.h"
#include "cb-kinds.h"
#include "cb-record.h"
#include "cb-refs.h"
#include "cb-store-error.h"

/* Kinds that link to a cycle through their "cycle" field. */
static const char * const step_kinds[] = {
  "observation", "coplan", "coaching_log", "action_item", NULL
};

#define MAX_LINKED 2000

static void
point_free (CbCyclePoint *p)
{
  g_free (p->date);
  g_free (p->note);
  g_free (p);
}

static void
step_free (CbCycleStep *s)
{
  g_free (s->uuid);
  g_free (s->kind);
  g_free (s->date);
  g_free (s->title);
  g_free (s);
}

void
cb_cycle_trend_free (CbCycleTrend *trend)
{
  if (trend == NULL)
    return;
  g_free (trend->look_for);
  g_free (trend->name);
  g_clear_pointer (&trend->lines, g_array_unref);
  g_free (trend);
}

void
cb_cycle_free (CbCycle *cycle)
{
  if (cycle == NULL)
    return;
  g_free (cycle->uuid);
  g_free (cycle->goal);
  g_free (cycle->measure);
  g_free (cycle->unit);
  g_free (cycle->status);
  g_free (cycle->start_date);
  g_free (cycle->end_date);
  g_free (cycle->teachers);
  g_clear_pointer (&cycle->points, g_ptr_array_unref);
  g_clear_pointer (&cycle->steps, g_ptr_array_unref);
  g_clear_pointer (&cycle->trend, g_ptr_array_unref);
  g_free (cycle->what_worked);
  g_free (cycle->barriers);
  g_free (cycle->drivers);
  g_free (cycle->next_cycle);
  g_free (cycle);
}

static char *
dup_or_null (const char *s)
{
  return s && *s ? g_strdup (s) : NULL;
}

static void
add_point (GPtrArray        *points,
           CbCyclePointKind  kind,
           const char       *date,
           const char       *value,
           const char       *note)
{
  CbCyclePoint *p;

  if (value == NULL || *value == '\0')
    return;
  p = g_new0 (CbCyclePoint, 1);
  p->kind = kind;
  p->date = dup_or_null (date);
  p->value = g_ascii_strtod (value, NULL);
  p->note = dup_or_null (note);
  g_ptr_array_add (points, p);
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const CbCycleStep *x = *(CbCycleStep * const *) a;
  const CbCycleStep *y = *(CbCycleStep * const *) b;
  int c;

  /* undated steps last */
  if ((x->date == NULL) != (y->date == NULL))
    return x->date == NULL ? 1 : -1;
  if ((c = g_strcmp0 (x->date, y->date)) != 0)
    return c;
  return g_strcmp0 (x->uuid, y->uuid);
}

/**
 * cb_cycle_trend:
 * @look_fors: (nullable): the cycle's look-fors worked on (REFS)
 * @observation_tags: (element-type GPtrArray): per observation in date
 *   order, the tags (REFS) of each of its evidence lines
 *
 * How often each look-for was seen across a cycle's observations: the
 * look-fors worked on first, in their order (seen or not), then any
 * other look-for tagged, by first appearance. A line tagged twice with
 * one look-for counts once.
 *
 * Returns: (transfer full) (element-type CbCycleTrend): one per look-for;
 *   the names are left NULL
 */
GPtrArray *
cb_cycle_trend (const char *look_fors,
                GPtrArray  *observation_tags)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_cycle_trend_free);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) wanted = cb_refs_split (look_fors);
  guint n_obs = observation_tags ? observation_tags->len : 0;

  for (guint i = 0; wanted[i]; i++)
    if (*wanted[i] != '\0' && !g_hash_table_contains (index, wanted[i]))
      {
        CbCycleTrend *t = g_new0 (CbCycleTrend, 1);
        t->look_for = g_strdup (wanted[i]);
        t->lines = g_array_new (FALSE, TRUE, sizeof (guint));
        g_array_set_size (t->lines, n_obs);
        g_hash_table_insert (index, t->look_for, t);
        g_ptr_array_add (out, t);
      }

  for (guint o = 0; o < n_obs; o++)
    {
      GPtrArray *lines = g_ptr_array_index (observation_tags, o);

      for (guint l = 0; lines && l < lines->len; l++)
        {
          g_auto(GStrv) tags = cb_refs_split (g_ptr_array_index (lines, l));
          g_autoptr(GHashTable) on_line = g_hash_table_new (g_str_hash, g_str_equal);

          for (guint k = 0; tags[k]; k++)
            {
              CbCycleTrend *t;

              if (*tags[k] == '\0' || !g_hash_table_add (on_line, tags[k]))
                continue;
              if ((t = g_hash_table_lookup (index, tags[k])) == NULL)
                {
                  t = g_new0 (CbCycleTrend, 1);
                  t->look_for = g_strdup (tags[k]);
                  t->lines = g_array_new (FALSE, TRUE, sizeof (guint));
                  g_array_set_size (t->lines, n_obs);
                  g_hash_table_insert (index, t->look_for, t);
                  g_ptr_array_add (out, t);
                }
              if (g_array_index (t->lines, guint, o)++ == 0)
                t->n_seen++;
            }
        }
    }
  return out;
}

static gboolean
load_steps (CbStore    *store,
            CbCycle    *cycle,
            CbPrivacy  *privacy,
            GPtrArray  *observations,
            GError    **error)
{
  for (guint k = 0; step_kinds[k]; k++)
    {
      CbFilter filter = { .kind = step_kinds[k], .ref_field = "cycle", .ref_value = cycle->uuid };
      const CbField *date = cb_kind_sort_field (cb_kind_lookup (step_kinds[k]));
      g_autoptr(GPtrArray) records = cb_store_list (store, &filter, MAX_LINKED, error);

      if (records == NULL)
        return FALSE;
      for (guint i = 0; i < records->len; i++)
        {
          CbRecord *r = g_ptr_array_index (records, i);
          CbCycleStep *s;

          if (privacy && !cb_privacy_record_may_leave (privacy, cb_record_get_uuid (r)))
            continue;
          s = g_new0 (CbCycleStep, 1);
          s->uuid = g_strdup (cb_record_get_uuid (r));
          s->kind = g_strdup (step_kinds[k]);
          s->date = date ? dup_or_null (cb_record_get (r, date->name)) : NULL;
          s->title = g_strdup (cb_record_get_title (r));
          g_ptr_array_add (cycle->steps, s);
        }
    }
  g_ptr_array_sort (cycle->steps, compare_steps);
  for (guint i = 0; i < cycle->steps->len; i++)
    {
      CbCycleStep *s = g_ptr_array_index (cycle->steps, i);
      if (strcmp (s->kind, "observation") == 0)
        g_ptr_array_add (observations, s->uuid);
    }
  return TRUE;
}

static gboolean
load_trend (CbStore     *store,
            CbCycle     *cycle,
            const char  *look_fors,
            CbPrivacy   *privacy,
            GPtrArray   *observations,
            GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint o = 0; o < observations->len; o++)
    {
      g_autoptr(GPtrArray) lines = cb_store_children (store, "evidence", g_ptr_array_index (observations, o), error);
      GPtrArray *line_tags = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (tags, line_tags);
      if (lines == NULL)
        return FALSE;
      for (guint l = 0; l < lines->len; l++)
        g_ptr_array_add (line_tags, g_strdup (cb_record_get (g_ptr_array_index (lines, l), "tags")));
    }
  cycle->n_observations = observations->len;
  cycle->trend = cb_cycle_trend (look_fors, tags);
  for (guint i = 0; i < cycle->trend->len; i++)
    {
      CbCycleTrend *t = g_ptr_array_index (cycle->trend, i);
      g_autoptr(CbRecord) lf = NULL;

      if (privacy && !cb_privacy_name_may_show (privacy, t->look_for))
        continue;
      lf = cb_store_get (store, t->look_for, NULL);
      if (lf != NULL)
        t->name = g_strdup (cb_record_get_title (lf));
    }
  return TRUE;
}

/**
 * cb_cycle_load:
 * @uuid: a coaching cycle
 * @privacy: (nullable): with a rule, only what may leave the laptop is
 *   read (steps and data points that are not private; private fields
 *   left out); without, everything (the cycle's own page)
 *
 * Returns: (transfer full): the cycle, or %NULL with @error set
 */
CbCycle *
cb_cycle_load (CbStore     *store,
               const char  *uuid,
               CbPrivacy   *privacy,
               GError     **error)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GPtrArray) data = NULL;
  g_autoptr(GPtrArray) observations = g_ptr_array_new ();
  g_autoptr(CbCycle) cycle = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if ((record = cb_store_get (store, uuid, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (record), "cycle") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("This record is not a coaching cycle."));
      return NULL;
    }
  cycle = g_new0 (CbCycle, 1);
  cycle->uuid = g_strdup (uuid);
  cycle->goal = g_strdup (cb_record_get (record, "goal"));
  cycle->measure = g_strdup (cb_record_get (record, "measure"));
  cycle->unit = g_strdup (cb_record_get (record, "unit"));
  cycle->status = g_strdup (cb_record_get (record, "status"));
  cycle->start_date = dup_or_null (cb_record_get (record, "start_date"));
  cycle->end_date = dup_or_null (cb_record_get (record, "end_date"));
  cycle->teachers = g_strdup (cb_record_get (record, "teachers"));
  cycle->what_worked = g_strdup (cb_record_get (record, "what_worked"));
  cycle->barriers = g_strdup (cb_record_get (record, "barriers"));
  cycle->drivers = g_strdup (cb_record_get (record, "drivers"));
  cycle->next_cycle = g_strdup (cb_record_get (record, "next_cycle"));
  cycle->points = g_ptr_array_new_with_free_func ((GDestroyNotify) point_free);
  cycle->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  add_point (cycle->points, CB_CYCLE_POINT_BASELINE, cb_record_get (record, "baseline_date"),
             cb_record_get (record, "baseline"), NULL);
  if ((data = cb_store_children (store, "data_point", uuid, error)) == NULL)
    return NULL;
  for (guint i = 0; i < data->len; i++)
    {
      CbRecord *p = g_ptr_array_index (data, i);

      if (privacy && !cb_privacy_record_may_leave (privacy, cb_record_get_uuid (p)))
        continue;
      add_point (cycle->points, CB_CYCLE_POINT_DATA, cb_record_get (p, "date"),
                 cb_record_get (p, "value"), cb_record_get (p, "note"));
    }
  add_point (cycle->points, CB_CYCLE_POINT_TARGET, cb_record_get (record, "target_date"),
             cb_record_get (record, "target"), NULL);

  if (!load_steps (store, cycle, privacy, observations, error) ||
      !load_trend (store, cycle, cb_record_get (record, "look_fors"), privacy, observations, error))
    return NULL;
  return g_steal_pointer (&cycle);
}

/**
 * cb_cycle_latest:
 *
 * Returns: (nullable): the latest data point (by date; the last one
 *   entered among undated ones), or %NULL before the first
 */
const CbCyclePoint *
cb_cycle_latest (const CbCycle *cycle)
{
  const CbCyclePoint *latest = NULL;

  for (guint i = 0; i < cycle->points->len; i++)
    {
      const CbCyclePoint *p = g_ptr_array_index (cycle->points, i);

      if (p->kind == CB_CYCLE_POINT_DATA)
        latest = p;
    }
  return latest;
}

/**
 * cb_cycle_range:
 * @low: (out): the lowest value on the chart's scale
 * @high: (out): the highest
 *
 * The scale of the measure's chart: from 0 (or the lowest value when
 * negative) to the highest point, 100 for a percentage.
 *
 * Returns: %FALSE when there is no point to draw
 */
gboolean
cb_cycle_range (const CbCycle *cycle,
                double        *low,
                double        *high)
{
  double lo = 0, hi = 0;

  if (cycle->points->len == 0)
    return FALSE;
  for (guint i = 0; i < cycle->points->len; i++)
    {
      const CbCyclePoint *p = g_ptr_array_index (cycle->points, i);
      lo = MIN (lo, p->value);
      hi = MAX (hi, p->value);
    }
  if (g_strcmp0 (cycle->unit, "%") == 0 && hi <= 100)
    hi = 100;
  if (hi <= lo)
    hi = lo + 1;
  *low = lo;
  *high = hi;
  return TRUE;
}

/**
 * cb_cycle_format_value:
 * @unit: (nullable): "%" or a word such as "students"
 *
 * Returns: (transfer full): "35 %", "4.5 students", "12"
 */
char *
cb_cycle_format_value (double      value,
                       const char *unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.4g", value);
  if (unit == NULL || *unit == '\0')
    return g_strdup (number);
  /* TRANSLATORS: a value and its unit, "35 %" or "4 students" */
  return g_strdup_printf (C_("measure", "%s %s"), number, unit);
}

/**
 * cb_cycle_progress_text:
 *
 * Returns: (transfer full): "Baseline 20 % · Latest 35 % (2025-10-21) ·
 *   Target 60 % by 2025-11-12", the parts that are known
 */
char *
cb_cycle_progress_text (const CbCycle *cycle)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cycle->points->len; i++)
    {
      const CbCyclePoint *p = g_ptr_array_index (cycle->points, i);
      g_autofree char *value = NULL;

      if (p->kind == CB_CYCLE_POINT_DATA && p != cb_cycle_latest (cycle))
        continue;
      value = cb_cycle_format_value (p->value, cycle->unit);
      if (out->len > 0)
        g_string_append (out, " · ");
      switch (p->kind)
        {
        case CB_CYCLE_POINT_BASELINE:
          g_string_append_printf (out, _("Baseline %s"), value);
          break;
        case CB_CYCLE_POINT_DATA:
          if (p->date)
            g_string_append_printf (out, _("Latest %s (%s)"), value, p->date);
          else
            g_string_append_printf (out, _("Latest %s"), value);
          break;
        case CB_CYCLE_POINT_TARGET:
          if (p->date)
            g_string_append_printf (out, _("Target %s by %s"), value, p->date);
          else
            g_string_append_printf (out, _("Target %s"), value);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * cb_cycle_open_for_teacher:
 * @teacher: a person
 * @date: (nullable): YYYY-MM-DD the step is for; today when %NULL
 *
 * The teacher's open cycle a new observation or coaching day joins: a
 * live cycle naming @teacher whose status is open (or not set) — the one
 * whose dates hold @date first, else the one started most recently.
 *
 * Returns: (transfer full) (nullable): its UUID, %NULL when there is none
 *   (then @error is set only if the store could not be read)
 */
char *
cb_cycle_open_for_teacher (CbStore     *store,
                           const char  *teacher,
                           const char  *date,
                           GError     **error)
{
  CbFilter filter = { .kind = "cycle", .ref_field = "teachers", .ref_value = teacher };
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *best = NULL;
  gboolean best_holds = FALSE;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  if (teacher == NULL || *teacher == '\0')
    return NULL;
  if (date == NULL || *date == '\0')
    date = today;
  /* newest start first */
  if ((cycles = cb_store_list (store, &filter, MAX_LINKED, error)) == NULL)
    return NULL;
  for (guint i = 0; i < cycles->len; i++)
    {
      CbRecord *c = g_ptr_array_index (cycles, i);
      const char *status = cb_record_get (c, "status");
      const char *start = cb_record_get (c, "start_date");
      const char *end = cb_record_get (c, "end_date");
      gboolean holds;

      if (*status != '\0' && strcmp (status, "open") != 0)
        continue;
      holds = (*start == '\0' || strcmp (start, date) <= 0) &&
              (*end == '\0' || strcmp (date, end) <= 0);
      if (best == NULL || (holds && !best_holds))
        {
          best = cb_record_get_uuid (c);
          best_holds = holds;
        }
    }
  return g_strdup (best);
}
