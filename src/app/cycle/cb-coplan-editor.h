/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"

#include "cb-line-list.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_COPLAN_EDITOR (cb_coplan_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbCoplanEditor, cb_coplan_editor, CB, COPLAN_EDITOR, CbEditorWidget)

/* A co-planned lesson: teachers, lesson, goal, task, the strategies and
 * misconceptions anticipated (one per row), assessing and advancing
 * questions, look-fors to watch; and "Observe this lesson". Saved as
 * the coach types. */
GtkWidget  *cb_coplan_editor_new        (void);
CbLineList *cb_coplan_editor_get_list   (CbCoplanEditor *self,
                                         const char     *field);
char       *cb_coplan_editor_observe    (CbCoplanEditor *self);
GtkWidget  *cb_coplan_editor_get_child  (CbCoplanEditor *self,
                                         const char     *name);

G_END_DECLS
