/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"

#include "cb-names.h"
#include "cb-reports.h"

G_BEGIN_DECLS

typedef enum
{
  CB_CONTRACT_CSV,
  CB_CONTRACT_PDF,
} CbContractFormat;

#define CB_TYPE_ENGAGEMENT_EDITOR (cb_engagement_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbEngagementEditor, cb_engagement_editor, CB, ENGAGEMENT_EDITOR, CbEditorWidget)

/* An engagement: client, schools, school year, planned services, and a
 * dashboard of what was delivered against them (cb_delivered_load(),
 * read on a worker thread) with a bar chart. */
GtkWidget   *cb_engagement_editor_new            (void);
void         cb_engagement_editor_reload         (CbEngagementEditor *self);
CbDelivered *cb_engagement_editor_get_delivered  (CbEngagementEditor *self);
GtkWidget   *cb_engagement_editor_get_child      (CbEngagementEditor *self,
                                                  const char         *name);
char        *cb_engagement_editor_suggested_name (CbEngagementEditor *self,
                                                  CbContractFormat    format);
void         cb_engagement_editor_export_async   (CbEngagementEditor *self,
                                                  CbContractFormat    format,
                                                  const char         *path,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gboolean     cb_engagement_editor_export_finish  (GAsyncResult       *result,
                                                  GError            **error);

G_END_DECLS
