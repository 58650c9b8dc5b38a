/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_CYCLE_PANE (cb_cycle_pane_get_type ())
G_DECLARE_FINAL_TYPE (CbCyclePane, cb_cycle_pane, CB, CYCLE_PANE, CbEditorWidget)

/* The window's editor pane for the coaching cycle and PD: the co-plan,
 * coaching-log, PD-session and engagement editors, and the coaching
 * totals and PD calendar views. One widget, so the window dispatches
 * to it in one place. */
GtkWidget  *cb_cycle_pane_new            (void);
gboolean    cb_cycle_pane_load           (CbCyclePane *self,
                                          const char  *kind,
                                          const char  *uuid);
gboolean    cb_cycle_pane_show_view      (CbCyclePane *self,
                                          const char  *view);
const char *cb_cycle_pane_get_view_title (const char  *view);
void        cb_cycle_pane_focus_first    (CbCyclePane *self);
const char *cb_cycle_pane_get_page       (CbCyclePane *self);
GtkWidget  *cb_cycle_pane_get_child      (CbCyclePane *self,
                                          const char  *name);

G_END_DECLS
