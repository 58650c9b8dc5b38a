/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-editor-widget.h"

G_BEGIN_DECLS

#define CB_TYPE_MEETING_EDITOR (cb_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbMeetingEditor, cb_meeting_editor, CB, MEETING_EDITOR, CbEditorWidget)

GtkWidget *cb_meeting_editor_get_widget (CbMeetingEditor *self,
                                         const char      *part);

G_END_DECLS
