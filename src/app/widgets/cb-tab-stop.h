/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_TAB_STOP (cb_tab_stop_get_type ())
G_DECLARE_FINAL_TYPE (CbTabStop, cb_tab_stop, CB, TAB_STOP, GtkWidget)

GtkWidget *cb_tab_stop_new (void);

G_END_DECLS
