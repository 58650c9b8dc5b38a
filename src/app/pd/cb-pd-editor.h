/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_PD_EDITOR (cb_pd_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbPdEditor, cb_pd_editor, CB, PD_EDITOR, CbEditorWidget)

/* A PD session: its plan, agenda blocks (times checked: an overlapping
 * or misplaced block is refused with a message next to it, and nothing
 * is written), sign-in from the people list with hours per person,
 * check-in by typed name and the sign-in sheet as PDF, exit-ticket
 * questions with a kiosk to take tickets and their aggregates charted,
 * exit-ticket notes, reflection, and "Duplicate as template". */
GtkWidget  *cb_pd_editor_new             (void);
char       *cb_pd_editor_add_block       (CbPdEditor *self);
guint       cb_pd_editor_get_n_blocks    (CbPdEditor *self);
GtkWidget  *cb_pd_editor_get_block_widget (CbPdEditor *self,
                                          guint       index,
                                          const char *part);
void        cb_pd_editor_check_block     (CbPdEditor *self,
                                          guint       index);
GtkWidget  *cb_pd_editor_get_person_widget (CbPdEditor *self,
                                          const char *person,
                                          const char *part);
char       *cb_pd_editor_duplicate       (CbPdEditor *self);
GtkWidget  *cb_pd_editor_get_exit_widget (CbPdEditor *self,
                                          const char *part);

G_END_DECLS
