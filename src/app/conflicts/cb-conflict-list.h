/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_CONFLICT_LIST (cb_conflict_list_get_type ())
G_DECLARE_FINAL_TYPE (CbConflictList, cb_conflict_list, CB, CONFLICT_LIST, AdwBin)

/* The Conflicts section's list: records with a field that holds two
 * versions, and records deleted on one laptop while edited on another.
 * Follows the store; emits "open-record". */
void        cb_conflict_list_set_names    (CbConflictList *self,
                                           CbNames        *names);
void        cb_conflict_list_reload       (CbConflictList *self);
guint       cb_conflict_list_get_n_items  (CbConflictList *self);
const char *cb_conflict_list_get_uuid     (CbConflictList *self,
                                           guint           index);
void        cb_conflict_list_set_selected (CbConflictList *self,
                                           const char     *uuid);

G_END_DECLS
