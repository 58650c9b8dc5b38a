/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-editor-widget.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_CONFLICT_EDITOR (cb_conflict_editor_get_type ())
G_DECLARE_FINAL_TYPE (CbConflictEditor, cb_conflict_editor, CB, CONFLICT_EDITOR, CbEditorWidget)

/* One record's conflicts, side by side: keep this / keep that / keep
 * both as separate records / keep both in one / edit a merged text; a
 * banner for a record deleted on one laptop and edited on another.
 * Emits "open-record" (to edit the record as usual); errors go to the
 * window (cb_view_error()). */
void        cb_conflict_editor_set_names (CbConflictEditor *self,
                                          CbNames          *names);
gboolean    cb_conflict_editor_load      (CbConflictEditor *self,
                                          const char       *uuid);
const char *cb_conflict_editor_get_uuid  (CbConflictEditor *self);
gboolean    cb_conflict_editor_is_resolved (CbConflictEditor *self);

G_END_DECLS
