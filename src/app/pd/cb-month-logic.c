/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include "cb-month-logic.h"

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
