/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-log-logic.h"

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
