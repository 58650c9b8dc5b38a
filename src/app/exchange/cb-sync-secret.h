/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The team's passphrase for an encrypted sync folder, in the desktop
 * keyring (libsecret). No GTK. */

void      cb_sync_secret_lookup_async  (GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *cb_sync_secret_lookup_finish (GAsyncResult        *result,
                                        GError             **error);
char     *cb_sync_secret_lookup_sync   (GCancellable        *cancellable,
                                        GError             **error);
void      cb_sync_secret_store_async   (const char          *passphrase,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  cb_sync_secret_store_finish  (GAsyncResult        *result,
                                        GError             **error);
void      cb_sync_secret_clear_async   (GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  cb_sync_secret_clear_finish  (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
