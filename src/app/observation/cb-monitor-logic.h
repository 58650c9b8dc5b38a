/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* The monitoring chart: which strategies a lesson showed, in the order
 * students shared. No GTK: tests call these without a display. */

typedef struct
{
  char     *uuid;          /* the monitor record, NULL until first written */
  char     *strategy;
  gboolean  anticipated;   /* one of the co-plan's strategies */
  gboolean  seen;
  gint64    seen_at;       /* lesson seconds, -1 if unknown */
  char     *students;
  guint     share_order;   /* 0: not selected for the discussion */
  guint     position;
} CbMonitorRow;

CbMonitorRow *cb_monitor_row_new        (const char         *uuid,
                                         const char         *strategy);
void          cb_monitor_row_free       (CbMonitorRow       *row);
GPtrArray    *cb_monitor_rows_merge     (const char         *coplan_strategies,
                                         GPtrArray          *stored);
void          cb_share_order_toggle     (guint              *orders,
                                         guint               n,
                                         guint               index);
gboolean      cb_share_order_move       (guint              *orders,
                                         guint               n,
                                         guint               index,
                                         int                 delta);
char         *cb_share_order_summary    (GPtrArray          *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMonitorRow, cb_monitor_row_free)

G_END_DECLS
