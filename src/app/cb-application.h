/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-store.h"
#include "cb-window.h"

G_BEGIN_DECLS

#define CB_TYPE_APPLICATION (cb_application_get_type ())
G_DECLARE_FINAL_TYPE (CbApplication, cb_application, CB, APPLICATION, AdwApplication)

CbApplication *cb_application_new              (void);
void           cb_application_set_db_path      (CbApplication *self,
                                                const char    *path);
CbStore       *cb_application_get_store        (CbApplication *self);
const GError  *cb_application_get_store_error  (CbApplication *self);
GSettings     *cb_application_get_settings     (CbApplication *self);
const GError  *cb_application_get_damage       (CbApplication *self);

gboolean       cb_application_is_sample        (CbApplication *self);
CbWindow      *cb_application_new_window       (CbApplication *self);

G_END_DECLS
