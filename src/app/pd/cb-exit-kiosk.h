/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_EXIT_KIOSK (cb_exit_kiosk_get_type ())
G_DECLARE_FINAL_TYPE (CbExitKiosk, cb_exit_kiosk, CB, EXIT_KIOSK, AdwWindow)

/* The exit-ticket kiosk: a window participants fill one after another
 * (or the coach types paper tickets into). Each "Hand In" writes one
 * ticket whole (cb_exit_add_ticket()) and shows a fresh form: no
 * previous answer stays visible. A name is optional; without one the
 * ticket is anonymous. */
CbExitKiosk *cb_exit_kiosk_new            (GtkWindow   *parent,
                                           CbStore     *store,
                                           const char  *session);
guint        cb_exit_kiosk_get_n_questions (CbExitKiosk *self);
GtkWidget   *cb_exit_kiosk_get_answer_widget (CbExitKiosk *self,
                                           guint        question,
                                           guint        score);
GtkWidget   *cb_exit_kiosk_get_name_entry (CbExitKiosk *self);
GtkWidget   *cb_exit_kiosk_get_status     (CbExitKiosk *self);
gboolean     cb_exit_kiosk_hand_in        (CbExitKiosk *self);

G_END_DECLS
