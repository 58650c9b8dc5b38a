/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-monitor-logic.h"

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
