/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cb-goal-logic.h"
#include "cb-kinds.h"
#include "cb-view-logic.h"

/* Days since 1 January of year 1, or -1 for no date. */
static gint64
day_number (const char *date)
{
  int y, m, d;
  GDate day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return -1;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  return g_date_get_julian (&day);
}

/**
 * cb_goal_chart_points:
 *
 * Where the measure's points go on the chart: across by date when every
 * point has one (the baseline on the left, the target on the right),
 * else evenly in their order; up by value on the scale of
 * cb_cycle_range().
 *
 * Returns: (transfer full) (element-type CbGoalChartPoint): one per point
 */
GArray *
cb_goal_chart_points (const CbCycle *cycle)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CbGoalChartPoint));
  gboolean dated = TRUE;
  gint64 first = G_MAXINT64, last = G_MININT64;
  double lo, hi;
  guint n = cycle->points->len;

  if (!cb_cycle_range (cycle, &lo, &hi))
    return out;
  for (guint i = 0; i < n; i++)
    {
      const CbCyclePoint *p = g_ptr_array_index (cycle->points, i);
      gint64 day = day_number (p->date);

      if (day < 0)
        dated = FALSE;
      first = MIN (first, day);
      last = MAX (last, day);
    }
  dated = dated && last > first;
  for (guint i = 0; i < n; i++)
    {
      const CbCyclePoint *p = g_ptr_array_index (cycle->points, i);
      CbGoalChartPoint c;

      c.kind = p->kind;
      if (dated)
        c.x = (double) (day_number (p->date) - first) / (double) (last - first);
      else
        c.x = n > 1 ? (double) i / (double) (n - 1) : 0.5;
      c.y = (p->value - lo) / (hi - lo);
      g_array_append_val (out, c);
    }
  return out;
}

/**
 * cb_goal_chart_summary:
 *
 * Returns: (transfer full): the chart in words, for screen readers:
 *   "Baseline 20 %, 25 % on 2025-10-08, …, target 60 %"
 */
char *
cb_goal_chart_summary (const CbCycle *cycle)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cycle->points->len; i++)
    {
      const CbCyclePoint *p = g_ptr_array_index (cycle->points, i);
      g_autofree char *value = cb_cycle_format_value (p->value, cycle->unit);

      if (out->len > 0)
        g_string_append (out, ", ");
      if (p->kind == CB_CYCLE_POINT_BASELINE)
        g_string_append_printf (out, _("baseline %s"), value);
      else if (p->kind == CB_CYCLE_POINT_TARGET)
        g_string_append_printf (out, _("target %s"), value);
      else if (p->date != NULL)
        /* TRANSLATORS: a data point: "35 % on 2025-10-15" */
        g_string_append_printf (out, _("%s on %s"), value, p->date);
      else
        g_string_append (out, value);
    }
  if (out->len == 0)
    g_string_append (out, _("No data yet"));
  return g_string_free (out, FALSE);
}

/**
 * cb_goal_step_subtitle:
 *
 * Returns: (transfer full): "Observation · Tue, Oct 14" or the kind alone
 */
char *
cb_goal_step_subtitle (const CbCycleStep *step)
{
  const CbKind *kind = cb_kind_lookup (step->kind);
  const char *label = kind ? cb_kind_get_label (kind) : step->kind;
  g_autofree char *date = NULL;

  if (step->date == NULL)
    return g_strdup (label);
  date = cb_date_label (step->date, NULL);
  return g_strdup_printf ("%s · %s", label, date);
}

/**
 * cb_goal_trend_subtitle:
 *
 * Returns: (transfer full): "Seen in 2 of 3 observations (lines: 1, 0, 2)"
 */
char *
cb_goal_trend_subtitle (const CbCycleTrend *trend,
                        guint               n_observations)
{
  GString *lines = g_string_new (NULL);
  g_autofree char *counts = NULL;

  if (n_observations == 0)
    {
      g_string_free (lines, TRUE);
      return g_strdup (_("No observation in this cycle yet"));
    }
  for (guint i = 0; i < trend->lines->len; i++)
    g_string_append_printf (lines, "%s%u", i > 0 ? ", " : "", g_array_index (trend->lines, guint, i));
  counts = g_string_free (lines, FALSE);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Seen in %u of %u observation (lines: %s)",
                                       "Seen in %u of %u observations (lines: %s)", n_observations),
                          trend->n_seen, n_observations, counts);
}
