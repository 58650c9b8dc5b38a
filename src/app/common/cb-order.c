/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cb-order.h"

/**
 * cb_order_target:
 * @n: the number of items
 * @index: the item to move
 * @delta: -1 for one place earlier (Move Up), 1 for one place later
 * @target: (out) (optional): where the item goes
 *
 * Returns: %TRUE if the item can move that way: the first item cannot
 *   move up, the last cannot move down
 */
gboolean
cb_order_target (guint  n,
                 guint  index,
                 int    delta,
                 guint *target)
{
  gint64 to = (gint64) index + delta;

  if (index >= n || delta == 0 || to < 0 || to >= n)
    return FALSE;
  if (target != NULL)
    *target = (guint) to;
  return TRUE;
}

/**
 * cb_order_move:
 * @items: (array length=n): the list, changed in place
 * @from: the item to move
 * @to: its new place; the items in between shift by one
 *
 * Moving by one place (Move Up / Move Down) swaps two neighbours; a
 * drop moves an item past several.
 *
 * Returns: %TRUE if anything moved
 */
gboolean
cb_order_move (gpointer *items,
               guint     n,
               guint     from,
               guint     to)
{
  gpointer moving;

  if (items == NULL || from >= n || to >= n || from == to)
    return FALSE;
  moving = items[from];
  if (from < to)
    memmove (&items[from], &items[from + 1], (to - from) * sizeof (gpointer));
  else
    memmove (&items[to + 1], &items[to], (from - to) * sizeof (gpointer));
  items[to] = moving;
  return TRUE;
}
