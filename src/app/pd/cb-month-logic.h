/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* The PD calendar's month grid. No GTK: tests call these without a
 * display. */

#define CB_MONTH_GRID_CELLS 42

char        **cb_month_grid_dates       (int                 year,
                                         int                 month,
                                         GDateWeekday        first_weekday);
char         *cb_month_shift            (const char         *month,
                                         int                 delta);

G_END_DECLS
