/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* "Observe this lesson" from a co-plan. No GTK: tests call these
 * without a display. */

char         *cb_coplan_observe         (CbStore            *store,
                                         const char         *coplan,
                                         const char         *today,
                                         GError            **error);

G_END_DECLS
