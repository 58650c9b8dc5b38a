/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-list-filter.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_FILTER_BAR (cb_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (CbFilterBar, cb_filter_bar, CB, FILTER_BAR, GtkWidget)

/* The list's filter: what it keeps, in a line, and a Filter button
 * whose popover chooses a teacher, a school, a look-for and dates, all
 * at once (cb-list-filter.c decides what each means for each list).
 * "changed" says the coach changed the filter. */
GtkWidget          *cb_filter_bar_new        (void);
void                cb_filter_bar_set_names  (CbFilterBar *self,
                                              CbNames     *names);
void                cb_filter_bar_update     (CbFilterBar *self,
                                              const char  *kind,
                                              gboolean     offered);
const CbListFilter *cb_filter_bar_get_filter (CbFilterBar *self);
GtkWidget          *cb_filter_bar_get_child  (CbFilterBar *self,
                                              const char  *name);

G_END_DECLS
