/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_OBSERVATION_EDITOR (cb_observation_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbObservationEditor, cb_observation_editor, CB, OBSERVATION_EDITOR, CbEditorWidget)

/* Live capture of one observation: the lesson clock, the timeline of
 * evidence lines, focus look-for tags, talk timer and counters, and the
 * debrief fields. Every action is written to the store at once. */
GtkWidget  *cb_observation_editor_new            (void);
void        cb_observation_editor_set_names      (CbObservationEditor *self,
                                                  CbNames             *names);
void        cb_observation_editor_set_settings   (CbObservationEditor *self,
                                                  GSettings           *settings);
gboolean    cb_observation_editor_load           (CbObservationEditor *self,
                                                  const char          *uuid);
void        cb_observation_editor_unload         (CbObservationEditor *self,
                                                  gboolean             closing);
void        cb_observation_editor_flush          (CbObservationEditor *self);
const char *cb_observation_editor_get_uuid       (CbObservationEditor *self);
GtkWidget  *cb_observation_editor_get_talk_pane  (CbObservationEditor *self);
GtkWidget  *cb_observation_editor_get_work_strip (CbObservationEditor *self);
void        cb_observation_editor_focus_capture  (CbObservationEditor *self);
void        cb_observation_editor_choose_teacher (CbObservationEditor *self);
gboolean    cb_observation_editor_add_line       (CbObservationEditor *self,
                                                  const char          *text);
guint       cb_observation_editor_get_n_lines    (CbObservationEditor *self);
char       *cb_observation_editor_find_running   (CbStore             *store);
void        cb_observation_editor_set_focus_mode (CbObservationEditor *self,
                                                  gboolean             focus_mode);
gboolean    cb_observation_editor_get_focus_mode (CbObservationEditor *self);

G_END_DECLS
