/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-action-logic.h"
#include "cb-list-filter.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_ACTION_LIST (cb_action_list_get_type ())
G_DECLARE_FINAL_TYPE (CbActionList, cb_action_list, CB, ACTION_LIST, GtkWidget)

/* The action items, with open / due / overdue / done filters: owner,
 * due and check-back dates, status, and a link to the record each one
 * came from (a click opens it). */
GtkWidget     *cb_action_list_new          (void);
void           cb_action_list_set_names    (CbActionList   *self,
                                            CbNames        *names);
void           cb_action_list_reload       (CbActionList   *self);
void           cb_action_list_set_filter   (CbActionList   *self,
                                            CbActionFilter  filter);
CbActionFilter cb_action_list_get_filter   (CbActionList   *self);
void           cb_action_list_set_list_filter (CbActionList       *self,
                                               const CbListFilter *filter);
GListModel    *cb_action_list_get_model    (CbActionList   *self);
guint          cb_action_list_count        (CbActionList   *self,
                                            CbActionFilter  filter);

G_END_DECLS
