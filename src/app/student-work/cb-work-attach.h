/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* Attaching photos of student work to a record (an observation, a
 * monitoring-chart strategy, a coaching cycle, a team meeting): from a
 * file chosen, dropped on a widget, or pasted. The photo is read and
 * re-encoded on a worker thread (cb_image_import_file()); the record is
 * then written on the main loop, so every view hears of it. A refused
 * photo is one message in the window and nothing is written. */

void     cb_work_attach_file_async   (GtkWidget           *widget,
                                      CbStore             *store,
                                      const char          *parent,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void     cb_work_attach_bytes_async  (GtkWidget           *widget,
                                      CbStore             *store,
                                      const char          *parent,
                                      GBytes              *bytes,
                                      const char          *title,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void     cb_work_attached_cb         (GObject             *source,
                                      GAsyncResult        *result,
                                      gpointer             user_data);
char    *cb_work_attach_file_finish  (GAsyncResult        *result,
                                      GError             **error);
void     cb_work_choose_photo        (GtkWidget           *widget,
                                      CbStore             *store,
                                      const char          *parent);
void     cb_work_add_drop_target     (GtkWidget           *widget,
                                      CbStore             *store,
                                      const char          *parent);

G_END_DECLS
