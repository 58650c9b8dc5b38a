/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_COACHING_DAY_DIALOG (cb_coaching_day_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CbCoachingDayDialog, cb_coaching_day_dialog, CB, COACHING_DAY_DIALOG, AdwMessageDialog)

/* "Coaching day": pick a teacher, a date and the engagement it counts
 * for (prefilled when only one covers the teacher's school that day);
 * the linked co-plan, observation and coaching log are created in one
 * step and the co-plan opens (cb_coaching_day_create()). */
CbCoachingDayDialog *cb_coaching_day_dialog_new         (GtkWindow           *parent,
                                                         CbNames             *names,
                                                         const char          *focus);
void                 cb_coaching_day_dialog_set_teacher (CbCoachingDayDialog *self,
                                                         const char          *teacher);
void                 cb_coaching_day_dialog_set_date    (CbCoachingDayDialog *self,
                                                         const char          *date);
const char          *cb_coaching_day_dialog_get_created (CbCoachingDayDialog *self);
const char          *cb_coaching_day_dialog_get_engagement (CbCoachingDayDialog *self);
GtkWidget           *cb_coaching_day_dialog_get_engagement_row (CbCoachingDayDialog *self);
GtkWidget           *cb_coaching_day_dialog_get_coaches_spin   (CbCoachingDayDialog *self);

G_END_DECLS
