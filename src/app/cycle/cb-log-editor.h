/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_LOG_EDITOR (cb_log_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbLogEditor, cb_log_editor, CB, LOG_EDITOR, CbEditorWidget)

/* A coaching log: teachers or group, date, time in and out, kind of
 * support, focus look-fors, notes and next plan, and its activities
 * (type and minutes, added and removed as rows, the total shown with
 * each minute counted once). */
GtkWidget  *cb_log_editor_new             (void);
guint       cb_log_editor_get_n_segments  (CbLogEditor *self);
GtkWidget  *cb_log_editor_get_segment_widget (CbLogEditor *self,
                                           guint        index,
                                           const char  *part);
gint64      cb_log_editor_get_total       (CbLogEditor *self);
char       *cb_log_editor_add_segment     (CbLogEditor *self,
                                           const char  *activity,
                                           int          minutes);
GtkWidget  *cb_log_editor_get_child       (CbLogEditor *self,
                                           const char  *name);

G_END_DECLS
