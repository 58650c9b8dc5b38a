/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"

G_BEGIN_DECLS

#define CB_TYPE_WALK_FORM_EDITOR (cb_walk_form_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbWalkFormEditor, cb_walk_form_editor, CB, WALK_FORM_EDITOR, CbEditorWidget)

/* A walkthrough form: its name, description and framework, and its
 * items — each a prompt, a look-for or none, a scale and what levels
 * 1 to 4 look like — added, moved up and down and removed here. */
GtkWidget *cb_walk_form_editor_new        (void);
gboolean   cb_walk_form_editor_add_item   (CbWalkFormEditor *self);
gboolean   cb_walk_form_editor_move_item  (CbWalkFormEditor *self,
                                           guint             index,
                                           int               delta);
guint      cb_walk_form_editor_get_n_items (CbWalkFormEditor *self);
GtkWidget *cb_walk_form_editor_get_item_editor (CbWalkFormEditor *self,
                                           guint             index);

G_END_DECLS
