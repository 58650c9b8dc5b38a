/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cb-work-logic.h"

static const char * const default_levels[] = { "low", "middle", "high", NULL };

/* The first two whole numbers of @unit, with only a dash, "to" or "a"
 * and spaces between them: "1–4", "1 - 4", "levels 1 to 4". */
static gboolean
parse_range (const char *unit,
             int        *low,
             int        *high)
{
  const char *p = unit;
  char *end;
  long a, b;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  if (*p == '\0')
    return FALSE;
  a = strtol (p, &end, 10);
  p = end;
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "-"))
    p += 1;
  else if (g_str_has_prefix (p, "–") || g_str_has_prefix (p, "—"))
    p += strlen ("–");
  else if (g_str_has_prefix (p, "to "))
    p += 3;
  else if (g_str_has_prefix (p, "a "))
    p += 2;
  else
    return FALSE;
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  b = strtol (p, &end, 10);
  if (a < 0 || b <= a || b - a + 1 > CB_WORK_MAX_LEVELS)
    return FALSE;
  *low = (int) a;
  *high = (int) b;
  return TRUE;
}

/**
 * cb_work_levels:
 * @unit: (nullable): the unit of the cycle's measure, or %NULL without
 *   a cycle
 *
 * Returns: (transfer full): the levels a sample may take, lowest first
 */
char **
cb_work_levels (const char *unit)
{
  int low, high;
  GPtrArray *levels;

  if (unit == NULL || !parse_range (unit, &low, &high))
    return g_strdupv ((char **) default_levels);
  levels = g_ptr_array_new ();
  for (int i = low; i <= high; i++)
    g_ptr_array_add (levels, g_strdup_printf ("%d", i));
  g_ptr_array_add (levels, NULL);
  return (char **) g_ptr_array_free (levels, FALSE);
}

/**
 * cb_work_level_label:
 *
 * Returns: (transfer full): the level as shown: "Low", "Middle",
 *   "High", "Level 3", or "No level"
 */
char *
cb_work_level_label (const char *level)
{
  if (level == NULL || *level == '\0')
    return g_strdup (_("No level"));
  if (strcmp (level, "low") == 0)
    return g_strdup (C_("student work level", "Low"));
  if (strcmp (level, "middle") == 0)
    return g_strdup (C_("student work level", "Middle"));
  if (strcmp (level, "high") == 0)
    return g_strdup (C_("student work level", "High"));
  /* TRANSLATORS: a sample of student work on a cycle's scale, e.g. "Level 3" */
  return g_strdup_printf (_("Level %s"), level);
}

/**
 * cb_work_level_index:
 * @levels: the levels, lowest first
 * @level: (nullable): a sample's level
 *
 * Returns: where @level is among @levels, -1 without one (or with one
 *   not on this scale): the column of samples not yet sorted
 */
int
cb_work_level_index (const char * const *levels,
                     const char         *level)
{
  g_return_val_if_fail (levels != NULL, -1);

  for (int i = 0; level != NULL && levels[i] != NULL; i++)
    if (strcmp (levels[i], level) == 0)
      return i;
  return -1;
}

/**
 * cb_work_level_step:
 * @step: -1 for the level below, 1 for the one above
 *
 * Returns: (nullable): the level a sample moves to, %NULL for "no
 *   level" (below the lowest); at the highest it stays there
 */
const char *
cb_work_level_step (const char * const *levels,
                    const char         *level,
                    int                 step)
{
  guint n;
  int i;

  g_return_val_if_fail (levels != NULL, NULL);

  n = g_strv_length ((char **) levels);
  if (n == 0)
    return NULL;
  i = cb_work_level_index (levels, level) + step;
  if (i < 0)
    return NULL;
  return levels[MIN ((guint) i, n - 1)];
}
