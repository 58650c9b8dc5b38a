/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Coaching logs: the minutes of a log's segments against its span. No
 * GTK: tests call these without a display. */

gint64        cb_segments_total         (const gint64       *minutes,
                                         guint               n);
char         *cb_segments_check         (gint64              total,
                                         const char         *time_in,
                                         const char         *time_out);

G_END_DECLS
