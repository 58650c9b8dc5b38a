/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-cycle.h"
#include "cb-inquiry-logic.h"

void
cb_run_chart_free (CbRunChart *chart)
{
  if (chart == NULL)
    return;
  g_clear_pointer (&chart->points, g_array_unref);
  g_clear_pointer (&chart->boundaries, g_array_unref);
  g_free (chart);
}

/**
 * cb_run_chart_compute:
 * @points: (element-type CbInquiryPoint): every point of a chain, in
 *   date order (cb_inquiry_sort_points())
 * @current: the index in the chain of the cycle shown
 * @unit: (nullable): the measure's unit; "%" puts the scale's top at 100
 *
 * A run chart: the points evenly across in their order, up by value on
 * a scale from 0 (or the lowest value when negative) to the highest; the
 * median of them all; a boundary halfway between two neighbouring
 * points of different cycles; and the span of the cycle shown.
 *
 * Returns: (transfer full): the chart
 */
CbRunChart *
cb_run_chart_compute (GPtrArray  *points,
                      guint       current,
                      const char *unit)
{
  CbRunChart *chart = g_new0 (CbRunChart, 1);
  guint n = points ? points->len : 0;
  g_autofree double *values = g_new0 (double, MAX (n, 1));
  double lo = 0, hi = 0;

  chart->points = g_array_new (FALSE, TRUE, sizeof (CbRunPoint));
  chart->boundaries = g_array_new (FALSE, TRUE, sizeof (double));
  chart->current_from = chart->current_to = -1;
  for (guint i = 0; i < n; i++)
    {
      const CbInquiryPoint *p = g_ptr_array_index (points, i);

      values[i] = p->value;
      lo = MIN (lo, p->value);
      hi = MAX (hi, p->value);
    }
  if (g_strcmp0 (unit, "%") == 0 && hi <= 100)
    hi = 100;
  if (hi <= lo)
    hi = lo + 1;
  chart->low = lo;
  chart->high = hi;
  chart->median = cb_inquiry_median (values, n);
  chart->median_y = (chart->median - lo) / (hi - lo);

  for (guint i = 0; i < n; i++)
    {
      const CbInquiryPoint *p = g_ptr_array_index (points, i);
      CbRunPoint r;

      r.x = n > 1 ? (double) i / (double) (n - 1) : 0.5;
      r.y = (p->value - lo) / (hi - lo);
      r.value = p->value;
      r.cycle = p->cycle;
      r.current = p->cycle == current;
      if (i > 0)
        {
          const CbRunPoint *before = &g_array_index (chart->points, CbRunPoint, i - 1);

          if (before->cycle != r.cycle)
            {
              double between = (before->x + r.x) / 2;
              g_array_append_val (chart->boundaries, between);
            }
        }
      if (r.current)
        {
          if (chart->current_from < 0)
            chart->current_from = r.x;
          chart->current_to = r.x;
        }
      g_array_append_val (chart->points, r);
    }
  return chart;
}

/**
 * cb_inquiry_chain_label:
 *
 * Returns: (transfer full): "Cycle 2 of 3 · Grade 7 math PLC"
 */
char *
cb_inquiry_chain_label (const CbInquiry *inquiry)
{
  g_autofree char *position = g_strdup_printf (_("Cycle %u of %u"), inquiry->current + 1, inquiry->chain->len);

  if (inquiry->team == NULL || *inquiry->team == '\0')
    return g_steal_pointer (&position);
  return g_strdup_printf ("%s · %s", position, inquiry->team);
}

/**
 * cb_inquiry_point_label:
 *
 * Returns: (transfer full): "35 % on 2025-10-04, cycle 1"
 */
char *
cb_inquiry_point_label (const CbInquiry      *inquiry,
                        const CbInquiryPoint *point)
{
  g_autofree char *value = cb_cycle_format_value (point->value, inquiry->unit);

  if (point->date == NULL)
    /* TRANSLATORS: a run chart's point: "35 %, cycle 2" */
    return g_strdup_printf (_("%s, cycle %u"), value, point->cycle + 1);
  /* TRANSLATORS: a run chart's point: "35 % on 2025-10-04, cycle 2" */
  return g_strdup_printf (_("%s on %s, cycle %u"), value, point->date, point->cycle + 1);
}

/**
 * cb_run_chart_summary:
 *
 * Returns: (transfer full): the run chart in words, for screen readers
 *   and as the page's text: "9 points over 3 cycles, median 45 %: …"
 */
char *
cb_run_chart_summary (const CbInquiry  *inquiry,
                      const CbRunChart *chart)
{
  GString *out = g_string_new (NULL);
  g_autofree char *median = NULL;

  if (chart->points->len == 0)
    {
      g_string_free (out, TRUE);
      return g_strdup (_("No data yet"));
    }
  median = cb_cycle_format_value (chart->median, inquiry->unit);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points", chart->points->len),
                          chart->points->len);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u cycle", "%u cycles", inquiry->chain->len),
                          inquiry->chain->len);
  g_string_append (out, " · ");
  g_string_append_printf (out, _("median %s"), median);
  g_string_append (out, ": ");
  for (guint i = 0; i < inquiry->points->len; i++)
    {
      g_autofree char *label = cb_inquiry_point_label (inquiry, g_ptr_array_index (inquiry->points, i));

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, label);
    }
  return g_string_free (out, FALSE);
}

/**
 * cb_inquiry_results_text:
 *
 * Returns: (transfer full): the cycle's results in numbers beside the
 *   team's words: "4 points, from 35 % to 48 % · the chain's median
 *   45 % · 3 points above it"
 */
char *
cb_inquiry_results_text (const CbInquiry  *inquiry,
                         const CbRunChart *chart)
{
  const CbInquiryPoint *first = NULL, *last = NULL;
  guint n = 0, above = 0;
  g_autofree char *from = NULL, *to = NULL, *median = NULL;
  GString *out;

  for (guint i = 0; i < inquiry->points->len; i++)
    {
      const CbInquiryPoint *p = g_ptr_array_index (inquiry->points, i);

      if (p->cycle != inquiry->current)
        continue;
      if (first == NULL)
        first = p;
      last = p;
      n++;
      if (p->value > chart->median)
        above++;
    }
  if (n == 0)
    return g_strdup (_("No data point in this cycle yet."));
  from = cb_cycle_format_value (first->value, inquiry->unit);
  to = cb_cycle_format_value (last->value, inquiry->unit);
  median = cb_cycle_format_value (chart->median, inquiry->unit);
  out = g_string_new (NULL);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u point, from %s to %s",
                                            "%u points, from %s to %s", n), n, from, to);
  g_string_append (out, " · ");
  g_string_append_printf (out, _("median of the chain %s"), median);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u above it", "%u above it", above), above);
  return g_string_free (out, FALSE);
}
