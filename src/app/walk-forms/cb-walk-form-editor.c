/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The walkthrough form's editor. The form and each item are records
 * edited by a CbRecordEditor (saved as the coach types); adding, moving
 * and removing items are store edits too, so a district's form spreads
 * and merges through exchange files like the built-in catalogs. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-editor.h"
#include "cb-record-editor.h"
#include "cb-view-util.h"
#include "cb-walk-form-editor.h"
#include "cb-walk.h"

#define RELOAD_DELAY_MS 300

struct _CbWalkFormEditor
{
  CbEditorWidget  parent_instance;

  GtkWidget      *scroller;
  CbRecordEditor *fields;
  GtkBox         *items_box;

  CbNames        *names;
  gulong          changed_id;
  guint           reload_id;
  guint           writing;
  char           *uuid;
  GPtrArray      *item_uuids;    /* in order */
  GPtrArray      *item_editors;  /* CbRecordEditor, parallel */
};

G_DEFINE_FINAL_TYPE (CbWalkFormEditor, cb_walk_form_editor, CB_TYPE_EDITOR_WIDGET)

static const char * const item_fields[] = {
  "prompt", "look_for", "scale", "level_1", "level_2", "level_3", "level_4", NULL
};

static CbStore *
get_store (CbWalkFormEditor *self)
{
  return cb_names_get_store (self->names);
}

static void
flush_items (CbWalkFormEditor *self)
{
  for (guint i = 0; i < self->item_editors->len; i++)
    cb_record_editor_flush (g_ptr_array_index (self->item_editors, i));
}

static void
on_move_clicked_cb (GtkButton        *button,
                    CbWalkFormEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));

  cb_walk_form_editor_move_item (self, index, delta);
}

static void
on_remove_clicked_cb (GtkButton        *button,
                      CbWalkFormEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GError) error = NULL;
  const char *uuid;

  if (index >= self->item_uuids->len)
    return;
  flush_items (self);
  uuid = g_ptr_array_index (self->item_uuids, index);
  if (!cb_store_delete (get_store (self), uuid, &error))
    cb_view_error (GTK_WIDGET (self), error);
  else
    cb_view_undo_toast (GTK_WIDGET (self), _("Item removed"), uuid);
}

static GtkWidget *
item_button (CbWalkFormEditor *self,
             const char       *icon,
             const char       *tooltip,
             guint             index,
             int               delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  if (delta != 0)
    g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  else
    g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  return button;
}

static void
rebuild_items (CbWalkFormEditor *self)
{
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *child;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  flush_items (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_box))) != NULL)
    gtk_box_remove (self->items_box, child);
  g_ptr_array_set_size (self->item_uuids, 0);
  g_ptr_array_set_size (self->item_editors, 0);
  if (self->uuid == NULL || (items = cb_walk_load_items (get_store (self), self->uuid, NULL)) == NULL)
    return;
  for (guint i = 0; i < items->len; i++)
    {
      CbWalkItem *item = g_ptr_array_index (items, i);
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *editor = cb_record_editor_new ();
      g_autofree char *title = g_strdup_printf (_("Item %u"), i + 1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      gtk_box_append (GTK_BOX (buttons), item_button (self, "go-up-symbolic", _("Move Item Up"), i, -1));
      gtk_box_append (GTK_BOX (buttons), item_button (self, "go-down-symbolic", _("Move Item Down"), i, 1));
      gtk_box_append (GTK_BOX (buttons), item_button (self, "user-trash-symbolic", _("Remove Item"), i, 0));
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
      cb_record_editor_set_names (CB_RECORD_EDITOR (editor), self->names);
      cb_record_editor_set_fields (CB_RECORD_EDITOR (editor), item_fields);
      cb_record_editor_set_extras (CB_RECORD_EDITOR (editor), FALSE);
      cb_record_editor_load (CB_RECORD_EDITOR (editor), item->uuid, FALSE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), editor);
      gtk_box_append (self->items_box, group);
      g_ptr_array_add (self->item_uuids, g_strdup (item->uuid));
      g_ptr_array_add (self->item_editors, editor);
    }
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbWalkFormEditor *self = data;

  self->reload_id = 0;
  rebuild_items (self);
  return G_SOURCE_REMOVE;
}

/* An item added, moved or removed here or by an import: the items are
 * read again. A field typed into an item's editor is not a reason. */
static void
on_store_changed_cb (CbStore          *store,
                     const char       *kind,
                     const char       *uuid,
                     CbWalkFormEditor *self)
{
  g_autoptr(CbRecord) record = NULL;
  gboolean known;

  if (self->uuid == NULL || self->writing > 0 || (kind != NULL && g_strcmp0 (kind, "walk_item") != 0))
    return;
  known = uuid != NULL && g_ptr_array_find_with_equal_func (self->item_uuids, uuid, g_str_equal, NULL);
  if (known && (record = cb_store_get (store, uuid, NULL)) != NULL && !cb_record_get_deleted (record))
    {
      /* still here: only a reorder changes what is listed */
      guint at = 0;
      g_ptr_array_find_with_equal_func (self->item_uuids, uuid, g_str_equal, &at);
      if (cb_record_get_int (record, "position") == (gint64) at + 1)
        return;
    }
  else if (!known && uuid != NULL &&
           ((record = cb_store_get (store, uuid, NULL)) == NULL ||
            g_strcmp0 (cb_record_get (record, "form"), self->uuid) != 0))
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
on_add_clicked_cb (GtkButton        *button,
                   CbWalkFormEditor *self)
{
  cb_walk_form_editor_add_item (self);
}

static void
cb_walk_form_editor_unmap (GtkWidget *widget)
{
  cb_editor_flush (CB_EDITOR (widget));

  GTK_WIDGET_CLASS (cb_walk_form_editor_parent_class)->unmap (widget);
}

static void
cb_walk_form_editor_dispose (GObject *object)
{
  CbWalkFormEditor *self = CB_WALK_FORM_EDITOR (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, get_store (self));
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->names);
  g_clear_pointer (&self->item_editors, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_walk_form_editor_parent_class)->dispose (object);
}

static void
cb_walk_form_editor_finalize (GObject *object)
{
  CbWalkFormEditor *self = CB_WALK_FORM_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->item_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_walk_form_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbWalkFormEditor *self = CB_WALK_FORM_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);

  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->fields, names);
  self->changed_id = g_signal_connect (get_store (self), "changed", G_CALLBACK (on_store_changed_cb), self);
}

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbWalkFormEditor *self = CB_WALK_FORM_EDITOR (editor);
  g_autofree char *copy = g_strdup (uuid);
  gboolean ok = TRUE;

  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (&self->uuid, g_free);
  if (copy != NULL)
    ok = cb_record_editor_load (self->fields, copy, read_only);
  else
    cb_record_editor_clear (self->fields);
  if (ok)
    self->uuid = g_steal_pointer (&copy);
  rebuild_items (self);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  CbWalkFormEditor *self = CB_WALK_FORM_EDITOR (editor);

  cb_record_editor_flush (self->fields);
  flush_items (self);
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return CB_WALK_FORM_EDITOR (editor)->uuid;
}

static void
cb_walk_form_editor_class_init (CbWalkFormEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_walk_form_editor_dispose;
  object_class->finalize = cb_walk_form_editor_finalize;
  widget_class->unmap = cb_walk_form_editor_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_walk_form_editor_init (CbWalkFormEditor *self)
{
  static const char * const form_fields[] = { "name", "description", "framework", NULL };
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *items = adw_preferences_group_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Item"));

  self->item_uuids = g_ptr_array_new_with_free_func (g_free);
  self->item_editors = g_ptr_array_new ();
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->fields = CB_RECORD_EDITOR (cb_record_editor_new ());
  cb_record_editor_set_fields (self->fields, form_fields);
  cb_record_editor_set_extras (self->fields, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->fields));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (items), _("Items"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (items),
                                         _("Each item is scored 1 to 4 (say what each level looks like) or yes, no or not observed. Tie it to a look-for to pull in the lines tagged with it."));
  gtk_widget_add_css_class (add, "pill");
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (items), add);
  gtk_box_append (GTK_BOX (box), items);
  self->items_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->items_box));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
}

GtkWidget *
cb_walk_form_editor_new (void)
{
  return g_object_new (CB_TYPE_WALK_FORM_EDITOR, NULL);
}

/**
 * cb_walk_form_editor_add_item:
 *
 * Adds an item at the end of the form and puts the focus in its prompt.
 *
 * Returns: %TRUE when the item was made
 */
gboolean
cb_walk_form_editor_add_item (CbWalkFormEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (CB_IS_WALK_FORM_EDITOR (self), FALSE);

  if (self->uuid == NULL)
    return FALSE;
  flush_items (self);
  self->writing++;
  uuid = cb_walk_add_item (get_store (self), self->uuid, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  rebuild_items (self);
  if (self->item_editors->len > 0)
    cb_record_editor_focus_first (g_ptr_array_index (self->item_editors, self->item_editors->len - 1));
  return TRUE;
}

/**
 * cb_walk_form_editor_move_item:
 * @delta: -1 to move it up, 1 down
 *
 * Returns: %TRUE on success
 */
gboolean
cb_walk_form_editor_move_item (CbWalkFormEditor *self,
                               guint             index,
                               int               delta)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (CB_IS_WALK_FORM_EDITOR (self), FALSE);

  if (self->uuid == NULL || index >= self->item_uuids->len)
    return FALSE;
  flush_items (self);
  self->writing++;
  ok = cb_walk_move_item (get_store (self), self->uuid, g_ptr_array_index (self->item_uuids, index),
                          delta, &error);
  self->writing--;
  if (!ok)
    cb_view_error (GTK_WIDGET (self), error);
  rebuild_items (self);
  return ok;
}

guint
cb_walk_form_editor_get_n_items (CbWalkFormEditor *self)
{
  g_return_val_if_fail (CB_IS_WALK_FORM_EDITOR (self), 0);

  return self->item_uuids->len;
}

/**
 * cb_walk_form_editor_get_item_editor:
 *
 * Returns: (transfer none) (nullable): the CbRecordEditor of item @index
 */
GtkWidget *
cb_walk_form_editor_get_item_editor (CbWalkFormEditor *self,
                                     guint             index)
{
  g_return_val_if_fail (CB_IS_WALK_FORM_EDITOR (self), NULL);

  return index < self->item_editors->len ? g_ptr_array_index (self->item_editors, index) : NULL;
}
