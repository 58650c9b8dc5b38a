/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Look-for colours: one of a few colours per look-for, stable across
 * views. No GTK: tests call these without a display. */

#define CB_N_LOOK_FOR_COLORS 8

int           cb_look_for_color         (const char         *focus,
                                         const char         *look_for);
int           cb_line_color             (const char         *focus,
                                         const char         *tags);

G_END_DECLS
