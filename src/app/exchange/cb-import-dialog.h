/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-exchange.h"

G_BEGIN_DECLS

#define CB_TYPE_IMPORT_DIALOG (cb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CbImportDialog, cb_import_dialog, CB, IMPORT_DIALOG, AdwWindow)

CbImportDialog       *cb_import_dialog_new        (GtkWindow          *parent,
                                                   CbStore            *store,
                                                   const char * const *paths);
const char           *cb_import_dialog_get_state  (CbImportDialog     *self);
const CbImportReport *cb_import_dialog_get_preview (CbImportDialog    *self);
const char           *cb_import_dialog_get_error  (CbImportDialog     *self);

G_END_DECLS
