/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* "Coaching day": a day's co-plan, observation and log in one step. No
 * GTK: tests call these without a display. */

char         *cb_coaching_day_create    (CbStore            *store,
                                         const char         *teacher,
                                         const char         *date,
                                         const char         *focus,
                                         const char         *engagement,
                                         guint               coaches,
                                         GError            **error);

G_END_DECLS
