/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The one place a file chooser is made: GtkFileChooserNative (the
 * portal's chooser where there is one), modal over the window that
 * holds @parent. The caller connects to "response", shows it, and
 * destroys and unrefs it in the handler. */
GtkFileChooserNative *cb_file_chooser_new (GtkWidget            *parent,
                                           GtkFileChooserAction  action,
                                           const char           *title,
                                           const char           *accept_label,
                                           GtkFileFilter        *filter,
                                           const char           *current_name);
void                  cb_file_chooser_forget (GFile              *file);

G_END_DECLS
