/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_WORK_STRIP (cb_work_strip_get_type ())

G_DECLARE_FINAL_TYPE (CbWorkStrip, cb_work_strip, CB, WORK_STRIP, GtkWidget)

/* The samples of student work of one record (an observation, a coaching
 * cycle, a coaching log), as thumbnails decoded on a worker thread, each
 * with its level chosen from a drop-down. Photos come from "Add Photo…",
 * a file dropped on the strip, or Ctrl+V of an image or an image file.
 * "Look at Student Work" opens the team's page for the record. */

GtkWidget   *cb_work_strip_new          (void);
void         cb_work_strip_set_store    (CbWorkStrip *self,
                                         CbStore     *store);
void         cb_work_strip_set_parent   (CbWorkStrip *self,
                                         const char  *parent);
const char  *cb_work_strip_get_parent   (CbWorkStrip *self);
guint        cb_work_strip_get_n_samples (CbWorkStrip *self);
gboolean     cb_work_strip_is_loading   (CbWorkStrip *self);
GtkWidget   *cb_work_strip_get_child    (CbWorkStrip *self,
                                         const char  *name);

G_END_DECLS
