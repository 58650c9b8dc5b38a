/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_WRAP_BIN (cb_wrap_bin_get_type ())
G_DECLARE_FINAL_TYPE (CbWrapBin, cb_wrap_bin, CB, WRAP_BIN, GtkWidget)

GtkWidget *cb_wrap_bin_new       (void);
void       cb_wrap_bin_set_child (CbWrapBin *self,
                                  GtkWidget *child);
GtkWidget *cb_wrap_bin_get_child (CbWrapBin *self);

G_END_DECLS
