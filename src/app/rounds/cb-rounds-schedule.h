/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_ROUNDS_SCHEDULE (cb_rounds_schedule_get_type ())
G_DECLARE_FINAL_TYPE (CbRoundsSchedule, cb_rounds_schedule, CB, ROUNDS_SCHEDULE, GtkWidget)

void        cb_rounds_schedule_set_store  (CbRoundsSchedule *self,
                                           CbStore          *store);
void        cb_rounds_schedule_load       (CbRoundsSchedule *self,
                                           const char       *visit,
                                           gboolean          read_only);
void        cb_rounds_schedule_reload     (CbRoundsSchedule *self);
GtkWidget  *cb_rounds_schedule_get_entry  (CbRoundsSchedule *self,
                                           guint             row,
                                           const char       *field);

G_END_DECLS
