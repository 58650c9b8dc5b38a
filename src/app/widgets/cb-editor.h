/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_EDITOR (cb_editor_get_type ())
G_DECLARE_INTERFACE (CbEditor, cb_editor, CB, EDITOR, GtkWidget)

/* What every editor in the window's editor pane does, so the window
 * opens, saves and closes records without knowing which editor shows
 * them. An editor also has a "names" property: the names of the store
 * it edits (CbNames knows its store). */
struct _CbEditorInterface
{
  GTypeInterface parent_iface;

  gboolean     (*load)     (CbEditor   *self,
                            const char *uuid,
                            gboolean    read_only);
  void         (*flush)    (CbEditor   *self);
  void         (*unload)   (CbEditor   *self);
  const char * (*get_uuid) (CbEditor   *self);
};

gboolean    cb_editor_load      (CbEditor   *self,
                                 const char *uuid,
                                 gboolean    read_only);
void        cb_editor_flush     (CbEditor   *self);
void        cb_editor_unload    (CbEditor   *self);
const char *cb_editor_get_uuid  (CbEditor   *self);
CbNames    *cb_editor_get_names (CbEditor   *self);
void        cb_editor_set_names (CbEditor   *self,
                                 CbNames    *names);

G_END_DECLS
