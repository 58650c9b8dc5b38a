/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_TRENDS_VIEW (cb_trends_view_get_type ())

G_DECLARE_FINAL_TYPE (CbTrendsView, cb_trends_view, CB, TRENDS_VIEW, AdwWindow)

/* Trends across the year for a teacher, a school or the whole caseload
 * (cb-trends.h): a month table and a small chart of the look-fors seen
 * per observation. Counts only. Read on a worker thread. */

CbTrendsView *cb_trends_view_new         (GtkWindow    *parent,
                                          CbStore      *store);
void          cb_trends_view_set_scope   (CbTrendsView *self,
                                          const char   *teacher,
                                          const char   *school);
gboolean      cb_trends_view_is_loading  (CbTrendsView *self);
GArray       *cb_trends_view_get_months  (CbTrendsView *self);

G_END_DECLS
