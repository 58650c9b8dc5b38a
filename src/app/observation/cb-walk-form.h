/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_WALK_FORM (cb_walk_form_get_type ())
G_DECLARE_FINAL_TYPE (CbWalkForm, cb_walk_form, CB, WALK_FORM, GtkWidget)

/* An observation's scored walkthrough form, filled with the keyboard:
 * Up/Down between items, 1–4 (y, n, 0 on a yes/no item; 0 is "not
 * observed" on either) score the focused item, Enter opens its evidence
 * note, P pulls in the timeline's lines tagged with its look-for,
 * Ctrl+Z undoes the last change. Each score is a `walk_score` record of
 * the observation, written when first scored. */
GtkWidget  *cb_walk_form_new             (void);
void        cb_walk_form_set_names       (CbWalkForm  *self,
                                          CbNames     *names);
void        cb_walk_form_load            (CbWalkForm  *self,
                                          const char  *observation);
gboolean    cb_walk_form_focus           (CbWalkForm  *self);
gboolean    cb_walk_form_choose          (CbWalkForm  *self,
                                          const char  *form);
guint       cb_walk_form_pull_evidence   (CbWalkForm  *self,
                                          int          index);
gboolean    cb_walk_form_undo            (CbWalkForm  *self);
guint       cb_walk_form_get_n_items     (CbWalkForm  *self);
GtkWidget  *cb_walk_form_get_item_widget (CbWalkForm  *self,
                                          guint        index,
                                          const char  *part);

G_END_DECLS
