/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The base of the editors: CbEditor and its "names" property, once. */

#include "config.h"

#include "cb-editor-widget.h"

typedef struct
{
  CbNames *names;
} CbEditorWidgetPrivate;

static void cb_editor_widget_editor_iface_init (CbEditorInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CbEditorWidget, cb_editor_widget, GTK_TYPE_WIDGET,
                                  G_ADD_PRIVATE (CbEditorWidget)
                                  G_IMPLEMENT_INTERFACE (CB_TYPE_EDITOR, cb_editor_widget_editor_iface_init))

enum
{
  PROP_0,
  PROP_NAMES,
};

/* CbEditor */

static gboolean
cb_editor_widget_load (CbEditor   *editor,
                       const char *uuid,
                       gboolean    read_only)
{
  return CB_EDITOR_WIDGET_GET_CLASS (editor)->load (CB_EDITOR_WIDGET (editor), uuid, read_only);
}

static void
cb_editor_widget_flush (CbEditor *editor)
{
  if (CB_EDITOR_WIDGET_GET_CLASS (editor)->flush != NULL)
    CB_EDITOR_WIDGET_GET_CLASS (editor)->flush (CB_EDITOR_WIDGET (editor));
}

static const char *
cb_editor_widget_get_uuid (CbEditor *editor)
{
  return CB_EDITOR_WIDGET_GET_CLASS (editor)->get_uuid (CB_EDITOR_WIDGET (editor));
}

static void
cb_editor_widget_unload (CbEditor *editor)
{
  CbEditorWidgetClass *klass = CB_EDITOR_WIDGET_GET_CLASS (editor);

  if (klass->unload != NULL)
    klass->unload (CB_EDITOR_WIDGET (editor));
  else if (klass->get_uuid (CB_EDITOR_WIDGET (editor)) != NULL)
    klass->load (CB_EDITOR_WIDGET (editor), NULL, FALSE);
}

static void
cb_editor_widget_editor_iface_init (CbEditorInterface *iface)
{
  iface->load = cb_editor_widget_load;
  iface->unload = cb_editor_widget_unload;
  iface->flush = cb_editor_widget_flush;
  iface->get_uuid = cb_editor_widget_get_uuid;
}

/* Overrides */

static void
cb_editor_widget_dispose (GObject *object)
{
  CbEditorWidget *self = CB_EDITOR_WIDGET (object);
  CbEditorWidgetPrivate *priv = cb_editor_widget_get_instance_private (self);

  g_clear_object (&priv->names);

  G_OBJECT_CLASS (cb_editor_widget_parent_class)->dispose (object);
}

static void
cb_editor_widget_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbEditorWidget *self = CB_EDITOR_WIDGET (object);
  CbEditorWidgetPrivate *priv = cb_editor_widget_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAMES:
      g_value_set_object (value, priv->names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_editor_widget_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CbEditorWidget *self = CB_EDITOR_WIDGET (object);
  CbEditorWidgetPrivate *priv = cb_editor_widget_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAMES:
      if (g_set_object (&priv->names, g_value_get_object (value)))
        {
          if (CB_EDITOR_WIDGET_GET_CLASS (self)->names_changed != NULL)
            CB_EDITOR_WIDGET_GET_CLASS (self)->names_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_editor_widget_class_init (CbEditorWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_editor_widget_dispose;
  object_class->get_property = cb_editor_widget_get_property;
  object_class->set_property = cb_editor_widget_set_property;
  g_object_class_override_property (object_class, PROP_NAMES, "names");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_editor_widget_init (CbEditorWidget *self)
{
}

/* Public API */

/**
 * cb_editor_widget_get_names:
 *
 * Returns: (transfer none) (nullable): the names the editor uses
 */
CbNames *
cb_editor_widget_get_names (CbEditorWidget *self)
{
  CbEditorWidgetPrivate *priv;

  g_return_val_if_fail (CB_IS_EDITOR_WIDGET (self), NULL);

  priv = cb_editor_widget_get_instance_private (self);
  return priv->names;
}

/**
 * cb_editor_widget_share_names:
 * @names_out: (out): where the editor keeps its own reference to the names
 * @on_store_changed: connected, with @self for data, to the store's "changed"
 * @first: a part of the editor that takes the names too
 * @second: (nullable): another such part
 *
 * For an editor made of parts over one record (a fields editor and a
 * notes editor): called from its names_changed, it hands the names on.
 *
 * Returns: the handler id of @on_store_changed
 */
gulong
cb_editor_widget_share_names (CbEditorWidget  *self,
                              CbNames        **names_out,
                              GCallback        on_store_changed,
                              CbEditor        *first,
                              CbEditor        *second)
{
  CbNames *names = cb_editor_widget_get_names (self);

  g_return_val_if_fail (*names_out == NULL, 0);

  *names_out = g_object_ref (names);
  g_object_set (first, "names", names, NULL);
  if (second != NULL)
    g_object_set (second, "names", names, NULL);
  return g_signal_connect (cb_names_get_store (names), "changed", on_store_changed, self);
}

/**
 * cb_editor_widget_load_parts:
 * @uuid: (inout) (transfer full): the editor's own record, replaced by
 *   @new_uuid, or by %NULL if @fields does not find it
 * @new_uuid: (nullable): the record to show; %NULL shows nothing
 * @fields: the part that edits the record's fields: it decides whether
 *   the record exists
 * @notes: (nullable): another part over the same record
 *
 * The first half of loading an editor made of parts: what was typed is
 * written, then the parts load @new_uuid.
 *
 * Returns: %FALSE if @new_uuid was not found
 */
gboolean
cb_editor_widget_load_parts (CbEditorWidget  *self,
                             char           **uuid,
                             const char      *new_uuid,
                             CbEditor        *fields,
                             CbEditor        *notes)
{
  /* @new_uuid may be *@uuid, which the flush below still needs. */
  g_autofree char *copy = g_strdup (new_uuid);
  gboolean ok = TRUE;

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (uuid, g_free);
  ok = cb_editor_load (fields, copy, FALSE) || copy == NULL;
  if (!ok)
    g_clear_pointer (&copy, g_free);
  *uuid = g_steal_pointer (&copy);
  if (notes != NULL)
    cb_editor_load (notes, *uuid, FALSE);
  return ok;
}
