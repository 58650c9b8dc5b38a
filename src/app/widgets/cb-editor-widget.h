/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-editor.h"
#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_EDITOR_WIDGET (cb_editor_widget_get_type ())
G_DECLARE_DERIVABLE_TYPE (CbEditorWidget, cb_editor_widget, CB, EDITOR_WIDGET, GtkWidget)

/* The one implementation of CbEditor's boilerplate: an editor derives
 * from this, fills in the class's functions, and has the "names"
 * property, the interface and a child laid out over the whole widget
 * (GtkBinLayout) without writing them again. */
struct _CbEditorWidgetClass
{
  GtkWidgetClass parent_class;

  gboolean     (*load)      (CbEditorWidget *self,
                             const char     *uuid,
                             gboolean        read_only);
  void         (*flush)     (CbEditorWidget *self);
  /* Optional: by default, loads nothing if a record is shown. */
  void         (*unload)    (CbEditorWidget *self);
  const char * (*get_uuid)  (CbEditorWidget *self);
  /* Optional: the names changed (cb_editor_widget_get_names() has the
   * new ones); hand them to the children. */
  void         (*names_changed) (CbEditorWidget *self);

  gpointer padding[4];
};

CbNames *cb_editor_widget_get_names    (CbEditorWidget  *self);
gulong    cb_editor_widget_share_names  (CbEditorWidget  *self,
                                         CbNames        **names_out,
                                         GCallback        on_store_changed,
                                         CbEditor        *first,
                                         CbEditor        *second);
gboolean  cb_editor_widget_load_parts   (CbEditorWidget  *self,
                                         char           **uuid,
                                         const char      *new_uuid,
                                         CbEditor        *fields,
                                         CbEditor        *notes);

G_END_DECLS
