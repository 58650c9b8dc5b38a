/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_TODAY_VIEW (cb_today_view_get_type ())
G_DECLARE_FINAL_TYPE (CbTodayView, cb_today_view, CB, TODAY_VIEW, GtkWidget)

/* What matters today: scheduled records, action items due, teachers not
 * observed lately, recent records. Emits "open-record". */
void  cb_today_view_set_names    (CbTodayView *self,
                                  CbNames     *names);
void  cb_today_view_set_settings (CbTodayView *self,
                                  GSettings   *settings);
void  cb_today_view_refresh      (CbTodayView *self);
guint cb_today_view_get_n_items  (CbTodayView *self);

GtkWidget   *cb_today_view_get_sample_button (CbTodayView *self);

G_END_DECLS
