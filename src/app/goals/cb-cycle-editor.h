/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-cycle.h"
#include "cb-editor-widget.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_CYCLE_EDITOR (cb_cycle_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbCycleEditor, cb_cycle_editor, CB, CYCLE_EDITOR, CbEditorWidget)

/* A coaching cycle's page: its progress (the measure's chart with the
 * baseline, each data point and the target, and a row to add a data
 * point), its steps in time order, how often each of its look-fors was
 * seen across its observations, and its fields with the closing
 * reflection. The cycle is read on a worker thread (cb_cycle_load()). */
GtkWidget   *cb_cycle_editor_new        (void);
void         cb_cycle_editor_reload     (CbCycleEditor *self);
CbCycle     *cb_cycle_editor_get_cycle  (CbCycleEditor *self);
gboolean     cb_cycle_editor_add_point  (CbCycleEditor *self,
                                         const char    *date,
                                         const char    *value,
                                         GError       **error);
GtkWidget   *cb_cycle_editor_get_child  (CbCycleEditor *self,
                                         const char    *name);

G_END_DECLS
