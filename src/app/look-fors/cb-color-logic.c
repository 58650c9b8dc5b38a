/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cb-color-logic.h"

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
