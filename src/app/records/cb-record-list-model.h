/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_RECORD_LIST_MODEL (cb_record_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CbRecordListModel, cb_record_list_model, CB, RECORD_LIST_MODEL, GObject)

/* Rows are fetched from the store a page at a time, on demand. */
#define CB_RECORD_LIST_PAGE_SIZE 100

CbRecordListModel *cb_record_list_model_new               (CbStore           *store);
CbStore           *cb_record_list_model_get_store         (CbRecordListModel *self);
void               cb_record_list_model_set_filter        (CbRecordListModel *self,
                                                           const CbFilter    *filter);
const char        *cb_record_list_model_get_kind          (CbRecordListModel *self);
gboolean           cb_record_list_model_get_trash         (CbRecordListModel *self);
void               cb_record_list_model_reload            (CbRecordListModel *self);
const char        *cb_record_list_model_get_selected_uuid (CbRecordListModel *self);
void               cb_record_list_model_set_selected_uuid (CbRecordListModel *self,
                                                           const char        *uuid);
guint              cb_record_list_model_get_n_fetched     (CbRecordListModel *self);
guint              cb_record_list_model_get_n_cached_pages (CbRecordListModel *self);

G_END_DECLS
