/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_WORK_LOOK (cb_work_look_get_type ())

G_DECLARE_FINAL_TYPE (CbWorkLook, cb_work_look, CB, WORK_LOOK, AdwWindow)

/* "Look at Student Work": a team's page for the samples of a record (a
 * coaching cycle with its observations and logs, a team meeting's log,
 * an observation with its monitoring chart), in columns by level, and
 * the protocol's three steps — describe, interpret, implications for
 * teaching — saved on the record. Left and Right move the focused
 * sample to the level below or above. */

CbWorkLook  *cb_work_look_new           (GtkWidget   *for_widget,
                                         CbStore     *store,
                                         const char  *parent);
gboolean     cb_work_look_is_loading    (CbWorkLook  *self);
guint        cb_work_look_get_n_in_level (CbWorkLook *self,
                                         int          level);
GtkWidget   *cb_work_look_get_sample_row (CbWorkLook *self,
                                         const char  *uuid);
GtkWidget   *cb_work_look_get_step_view (CbWorkLook  *self,
                                         guint        step);
void         cb_work_look_flush         (CbWorkLook  *self);

G_END_DECLS
