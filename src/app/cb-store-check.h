/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     cb_store_check_after_first_frame (GtkWidget           *widget,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean cb_store_check_finish            (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
