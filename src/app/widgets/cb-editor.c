/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cb-editor.h"

G_DEFINE_INTERFACE (CbEditor, cb_editor, GTK_TYPE_WIDGET)

static void
cb_editor_default_init (CbEditorInterface *iface)
{
  /**
   * CbEditor:names:
   *
   * The names of the store the editor reads and writes.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_object ("names", NULL, NULL,
                                                            CB_TYPE_NAMES,
                                                            G_PARAM_READWRITE |
                                                            G_PARAM_EXPLICIT_NOTIFY |
                                                            G_PARAM_STATIC_STRINGS));
}

/**
 * cb_editor_load:
 * @uuid: (nullable): the record to show; %NULL leaves the editor empty
 * @read_only: show it without letting it be changed (a record in the
 *   Trash); an editor that only edits may ignore it
 *
 * Writes what the editor held, then shows @uuid.
 *
 * Returns: %FALSE if @uuid could not be read
 */
gboolean
cb_editor_load (CbEditor   *self,
                const char *uuid,
                gboolean    read_only)
{
  g_return_val_if_fail (CB_IS_EDITOR (self), FALSE);

  return CB_EDITOR_GET_IFACE (self)->load (self, uuid, read_only);
}

/**
 * cb_editor_flush:
 *
 * Writes what the editor holds but has not saved yet.
 */
void
cb_editor_flush (CbEditor *self)
{
  g_return_if_fail (CB_IS_EDITOR (self));

  if (CB_EDITOR_GET_IFACE (self)->flush != NULL)
    CB_EDITOR_GET_IFACE (self)->flush (self);
}

/**
 * cb_editor_unload:
 *
 * Writes what is pending and leaves the editor empty.
 */
void
cb_editor_unload (CbEditor *self)
{
  g_return_if_fail (CB_IS_EDITOR (self));

  CB_EDITOR_GET_IFACE (self)->unload (self);
}

/**
 * cb_editor_get_uuid:
 *
 * Returns: (nullable): the record shown, %NULL if none
 */
const char *
cb_editor_get_uuid (CbEditor *self)
{
  g_return_val_if_fail (CB_IS_EDITOR (self), NULL);

  return CB_EDITOR_GET_IFACE (self)->get_uuid (self);
}

/**
 * cb_editor_get_names:
 *
 * Returns: (transfer none) (nullable): the names the editor uses
 */
CbNames *
cb_editor_get_names (CbEditor *self)
{
  g_autoptr(CbNames) names = NULL;

  g_return_val_if_fail (CB_IS_EDITOR (self), NULL);

  g_object_get (self, "names", &names, NULL);
  /* The editor holds its own reference. */
  return names;
}

void
cb_editor_set_names (CbEditor *self,
                     CbNames  *names)
{
  g_return_if_fail (CB_IS_EDITOR (self));
  g_return_if_fail (names == NULL || CB_IS_NAMES (names));

  g_object_set (self, "names", names, NULL);
}
