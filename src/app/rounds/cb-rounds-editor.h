/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-editor-widget.h"

G_BEGIN_DECLS

#define CB_TYPE_ROUNDS_EDITOR (cb_rounds_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbRoundsEditor, cb_rounds_editor, CB, ROUNDS_EDITOR, CbEditorWidget)

GtkWidget *cb_rounds_editor_new        (void);
void       cb_rounds_editor_write_picture_async (CbRoundsEditor *self,
                                                 const char     *path);
GtkWidget *cb_rounds_editor_get_widget (CbRoundsEditor *self,
                                        const char     *part);
void       cb_rounds_editor_set_time_of_day (CbRoundsEditor *self,
                                             gint64          seconds);

G_END_DECLS
