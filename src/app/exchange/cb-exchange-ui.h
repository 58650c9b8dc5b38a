/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-import-dialog.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* The window's side of sharing with colleagues: the "exchange.*"
 * actions of the main menu (export, import, sync now), dropping files
 * on the window, the Undo toast after an import, and the sync when the
 * window closes. */

void            cb_exchange_ui_setup            (GtkWindow          *window,
                                                 AdwToastOverlay    *toasts,
                                                 CbStore            *store,
                                                 GSettings          *settings);
void            cb_exchange_ui_export_to        (GtkWindow          *window,
                                                 const char         *path);
AdwMessageDialog *cb_exchange_ui_export_encrypted_to (GtkWindow      *window,
                                                 const char         *path);
CbImportDialog *cb_exchange_ui_import_files     (GtkWindow          *window,
                                                 const char * const *paths);
void            cb_exchange_ui_sync_to          (GtkWindow          *window,
                                                 const char         *folder);
gboolean        cb_exchange_ui_sync_before_close (GtkWindow         *window);
gboolean        cb_exchange_ui_is_busy          (GtkWindow          *window);
AdwToast       *cb_exchange_ui_get_undo_toast   (GtkWindow          *window);

G_END_DECLS
