/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Action items: the list's filters and order, and making an item. No
 * GTK: tests call these without a display. */

typedef enum
{
  CB_ACTION_FILTER_OPEN,      /* not done: open, due and overdue */
  CB_ACTION_FILTER_DUE,       /* due today or within the week */
  CB_ACTION_FILTER_OVERDUE,
  CB_ACTION_FILTER_DONE,      /* done or dropped */
} CbActionFilter;

#define CB_ACTION_DUE_SOON_DAYS 7

gboolean      cb_action_filter_matches  (CbActionFilter      filter,
                                         CbActionState       state);
int           cb_action_compare         (const char         *due_a,
                                         CbActionState       state_a,
                                         const char         *due_b,
                                         CbActionState       state_b);

char         *cb_action_item_create     (CbStore            *store,
                                         const char         *text,
                                         const char         *owner,
                                         const char         *due,
                                         const char         *source,
                                         GError            **error);

G_END_DECLS
