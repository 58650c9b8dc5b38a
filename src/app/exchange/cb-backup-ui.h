/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* Back Up… from the main menu: a file chooser, then a consistent copy of
 * the whole database written on a worker thread through SQLite
 * (cb_store_backup), then a dialog that says how to restore it. */
void        cb_backup_ui_run           (GtkWidget           *parent,
                                        CbStore             *store);
void        cb_backup_ui_write_async   (CbStore             *store,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char       *cb_backup_ui_write_finish  (GAsyncResult        *result,
                                        GError             **error);
char       *cb_backup_ui_suggested_name (void);

G_END_DECLS
