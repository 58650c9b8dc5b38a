/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* Small helpers the coaching-cycle views share: messages in the window,
 * opening a record, and store work on a worker thread. */

void        cb_view_toast            (GtkWidget           *widget,
                                      const char          *message);
void        cb_view_undo_toast       (GtkWidget           *widget,
                                      const char          *message,
                                      const char          *uuid);
void        cb_view_error            (GtkWidget           *widget,
                                      const GError        *error);
void        cb_view_open_record      (GtkWidget           *widget,
                                      const char          *uuid);
GtkWidget  *cb_view_icon_button      (const char          *icon_name,
                                      const char          *tooltip);
GtkWidget  *cb_view_wrap_button      (const char          *mnemonic);
GtkWidget  *cb_view_placeholder_row  (const char          *text);
void        cb_view_clear_list       (GtkListBox          *list);
void        cb_view_dispose_template (GtkWidget           *widget,
                                      GType                type);

/* Runs @func on a worker thread with its own connection to the store's
 * file (the main loop never waits on it); an in-memory store has no
 * file to share, so @func runs at once on the store itself. */
typedef gpointer (*CbStoreWorkFunc) (CbStore      *store,
                                     gpointer      data,
                                     GCancellable *cancellable,
                                     GError      **error);

void        cb_store_work_async      (CbStore             *store,
                                      CbStoreWorkFunc      func,
                                      gpointer             data,
                                      GDestroyNotify       data_free,
                                      GDestroyNotify       result_free,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gpointer    cb_store_work_finish     (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
