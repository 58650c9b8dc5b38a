/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_RECORD_EDITOR (cb_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbRecordEditor, cb_record_editor, CB, RECORD_EDITOR, CbEditorWidget)

/* A form for any record, built from the kinds table: one row per field,
 * saved as the coach types (within half a second), no Save button. */
GtkWidget  *cb_record_editor_new            (void);
void        cb_record_editor_set_names      (CbRecordEditor     *self,
                                             CbNames            *names);
void        cb_record_editor_set_fields     (CbRecordEditor     *self,
                                             const char * const *fields);
void        cb_record_editor_set_extras     (CbRecordEditor     *self,
                                             gboolean            show_extras);
gboolean    cb_record_editor_load           (CbRecordEditor     *self,
                                             const char         *uuid,
                                             gboolean            read_only);
void        cb_record_editor_clear          (CbRecordEditor     *self);
void        cb_record_editor_flush          (CbRecordEditor     *self);
const char *cb_record_editor_get_uuid       (CbRecordEditor     *self);
gboolean    cb_record_editor_focus_first    (CbRecordEditor     *self);
GtkWidget  *cb_record_editor_get_field_widget (CbRecordEditor   *self,
                                             const char         *field);
void        cb_record_editor_popdown        (CbRecordEditor     *self);
void        cb_record_editor_reload_field   (CbRecordEditor     *self,
                                             const char         *field);
void        cb_record_editor_set_value      (CbRecordEditor     *self,
                                             const char         *field,
                                             const char         *value);

G_END_DECLS
