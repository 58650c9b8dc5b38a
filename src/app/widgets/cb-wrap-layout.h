/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_WRAP_LAYOUT (cb_wrap_layout_get_type ())
G_DECLARE_FINAL_TYPE (CbWrapLayout, cb_wrap_layout, CB, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *cb_wrap_layout_new (void);

G_END_DECLS
