/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Levels of student work, without GTK. A sample's level is on the
 * scale of the cycle it belongs to when that cycle's unit is a range of
 * whole levels ("1–4", "0-3", "levels 1 to 5"), else low / middle /
 * high. The stored value is the level's number or "low", "middle",
 * "high"; a sample without a level sorts before the lowest. */

#define CB_WORK_MAX_LEVELS 7

char       **cb_work_levels            (const char  *unit);
char        *cb_work_level_label       (const char  *level);
int          cb_work_level_index       (const char * const *levels,
                                        const char  *level);
const char  *cb_work_level_step        (const char * const *levels,
                                        const char  *level,
                                        int          step);

G_END_DECLS
