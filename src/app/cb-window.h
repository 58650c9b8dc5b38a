/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-store.h"
#include "cb-view-logic.h"

G_BEGIN_DECLS

#define CB_TYPE_WINDOW (cb_window_get_type ())
G_DECLARE_FINAL_TYPE (CbWindow, cb_window, CB, WINDOW, AdwApplicationWindow)

CbWindow   *cb_window_new                (GtkApplication *app,
                                          CbStore       *store,
                                          const GError  *store_error,
                                          GSettings     *settings,
                                          gboolean       sample);
void        cb_window_set_section        (CbWindow      *self,
                                          CbSection      section);
CbSection   cb_window_get_section        (CbWindow      *self);
gboolean    cb_window_open_record        (CbWindow      *self,
                                          const char    *uuid);
const char *cb_window_get_current_uuid   (CbWindow      *self);
char       *cb_window_new_record         (CbWindow      *self);
void        cb_window_search             (CbWindow      *self,
                                          const char    *text);
GListModel *cb_window_get_list_model     (CbWindow      *self);
GtkWidget  *cb_window_get_child          (CbWindow      *self,
                                          const char    *name);
void        cb_window_show_toast         (CbWindow      *self,
                                          const char    *message);
void        cb_window_add_toast          (CbWindow      *self,
                                          AdwToast      *toast);
void        cb_window_flush              (CbWindow      *self);
void        cb_window_show_damage        (CbWindow      *self);

G_END_DECLS
