/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"
#include "cb-inquiry.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_INQUIRY_EDITOR (cb_inquiry_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbInquiryEditor, cb_inquiry_editor, CB, INQUIRY_EDITOR, CbEditorWidget)

/* A team's inquiry (PDSA) cycle's page: its fields in four groups
 * (Plan, Do, Study, Act); in Study the predictions beside the results,
 * the run chart of the measure across the chain of cycles with its
 * table, and a row to add a data point; "Start Next Cycle"; the chain's
 * cycles and the team's meetings. The cycle is read on a worker thread
 * (cb_inquiry_load()). */
GtkWidget   *cb_inquiry_editor_new         (void);
void         cb_inquiry_editor_reload      (CbInquiryEditor *self);
CbInquiry   *cb_inquiry_editor_get_inquiry (CbInquiryEditor *self);
gboolean     cb_inquiry_editor_add_point   (CbInquiryEditor *self,
                                            const char      *date,
                                            const char      *value,
                                            GError         **error);
GtkWidget   *cb_inquiry_editor_get_child   (CbInquiryEditor *self,
                                            const char      *name);

G_END_DECLS
