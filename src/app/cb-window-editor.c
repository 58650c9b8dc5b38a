/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's editor pane: which editor opens a record, flushing and
 * unloading them through CbEditor, the editor's header. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-conflict-list.h"
#include "cb-conflict-logic.h"
#include "cb-editor.h"
#include "cb-look-fors.h"
#include "cb-names.h"
#include "cb-record-list-model.h"
#include "cb-window-private.h"
#include "config.h"

/* Editors */

/* The type a section row names. GtkBuilder finds a type not yet
 * registered by calling its get_type function (CbFooEditor:
 * cb_foo_editor_get_type), which the executables export. */
static GType
editor_type_from_name (const char *type_name)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  GType type = gtk_builder_get_type_from_name (builder, type_name);

  if (type == G_TYPE_INVALID || !g_type_is_a (type, CB_TYPE_EDITOR) ||
      !g_type_is_a (type, GTK_TYPE_WIDGET))
    {
      g_critical ("The sections table names %s, which is not a CbEditor widget", type_name);
      return G_TYPE_INVALID;
    }
  return type;
}

/**
 * _cb_window_get_editor:
 * @page: an editor pane's page, as the sections table names it
 *
 * The editor of @page, made the first time it is needed from the type
 * the sections table gives the page, and added to the editor pane.
 * Nothing else in the window lists the editors.
 *
 * Returns: (transfer none): the editor; the generic editor for "record"
 *   or a page the table does not know
 */
CbEditor *
_cb_window_get_editor (CbWindow   *self,
                       const char *page)
{
  CbEditor *editor = g_hash_table_lookup (self->editors, page);
  const char *type_name;
  GType type;

  if (editor != NULL)
    return editor;
  type_name = cb_editor_type_for_page (page);
  if (type_name == NULL || (type = editor_type_from_name (type_name)) == G_TYPE_INVALID)
    return CB_EDITOR (self->record_editor);

  editor = g_object_new (type, "names", self->names, NULL);
  gtk_stack_add_named (self->editor_stack, GTK_WIDGET (editor), page);
  g_hash_table_insert (self->editors, g_strdup (page), editor);
  if (g_signal_lookup ("open-record", type) != 0)
    g_signal_connect_object (editor, "open-record",
                             G_CALLBACK (_cb_window_on_editor_open_record_cb), self, G_CONNECT_SWAPPED);
  if (g_signal_lookup ("message", type) != 0)
    g_signal_connect_object (editor, "message",
                             G_CALLBACK (_cb_window_on_editor_message_cb), self, G_CONNECT_SWAPPED);
  return editor;
}

/* Writes what every editor holds and has not saved yet. */
void
_cb_window_flush_editors (CbWindow *self)
{
  GHashTableIter iter;
  gpointer editor;

  if (self->editors == NULL)
    return;
  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &editor))
    cb_editor_flush (editor);
}

static void
unload_editors_except (CbWindow *self,
                       CbEditor *keep)
{
  GHashTableIter iter;
  gpointer editor;

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &editor))
    if (editor != keep)
      cb_editor_unload (editor);
}

/* Editor */

/* Favourite and Move Up/Down, for an open look-for. */
static void
update_look_for_tools (CbWindow *self,
                       CbRecord *record)
{
  gboolean shown = record != NULL && !self->current_deleted && !_cb_window_is_damaged (self) &&
                   g_strcmp0 (cb_record_get_kind (record), "look_for") == 0;
  gboolean favourite = shown && cb_record_get_bool (record, "favourite");
  const char *label = favourite ? _("Remove from Favourites") : _("Add to Favourites");

  gtk_widget_set_visible (self->look_for_tools, shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-favourite", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.look-for-up",
                                 shown && cb_look_fors_can_move (self->store, self->current_uuid, -1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.look-for-down",
                                 shown && cb_look_fors_can_move (self->store, self->current_uuid, 1));
  if (!shown)
    return;
  gtk_button_set_icon_name (self->favourite_button, favourite ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->favourite_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->favourite_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The same three, in the menu that holds them when folded. */
  g_menu_remove_all (self->look_for_menu);
  g_menu_append (self->look_for_menu, label, "win.toggle-favourite");
  g_menu_append (self->look_for_menu, _("Move Up"), "win.look-for-up");
  g_menu_append (self->look_for_menu, _("Move Down"), "win.look-for-down");
}

void
_cb_window_update_editor_header (CbWindow *self)
{
  g_autoptr(CbRecord) record = NULL;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->delete_button, self->current_uuid != NULL && !self->current_deleted);
  gtk_widget_set_visible (self->restore_button, self->current_uuid != NULL && self->current_deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-record",
                                 self->current_uuid != NULL && !self->current_deleted && !_cb_window_is_damaged (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-record",
                                 self->current_uuid != NULL && self->current_deleted && !_cb_window_is_damaged (self));

  if (self->current_uuid == NULL ||
      (record = cb_store_get (self->store, self->current_uuid, NULL)) == NULL)
    {
      adw_window_title_set_title (self->editor_title, "");
      adw_window_title_set_subtitle (self->editor_title, "");
      update_look_for_tools (self, NULL);
      return;
    }
  update_look_for_tools (self, record);
  title = cb_names_title (self->names, record);
  adw_window_title_set_title (self->editor_title, title);
  adw_window_title_set_subtitle (self->editor_title,
                                 self->current_deleted ? _("In the Trash")
                                                       : cb_kind_get_label (cb_record_get_kind_info (record)));
}

void
_cb_window_close_editor (CbWindow *self)
{
  unload_editors_except (self, NULL);
  g_clear_pointer (&self->current_view, g_free);
  g_clear_pointer (&self->current_uuid, g_free);
  self->current_deleted = FALSE;
  /* The list shows nothing chosen either. */
  if (self->list_model != NULL)
    cb_record_list_model_set_selected_uuid (self->list_model, NULL);
  if (self->look_for_selection != NULL)
    gtk_single_selection_set_selected (self->look_for_selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->editor_stack, "none");
  _cb_window_update_editor_header (self);
}

/* Whether the record in the editor is one the section lists. */
gboolean
_cb_window_editor_fits_section (CbWindow *self)
{
  g_autoptr(CbRecord) record = NULL;
  const CbSectionInfo *info = cb_section_info (self->section);
  const char *kind;

  if (self->current_uuid == NULL)
    return TRUE;
  if (self->section == CB_SECTION_TRASH)
    return self->current_deleted;
  if (self->current_deleted || info->kind == NULL)
    return FALSE;
  record = cb_store_get (self->store, self->current_uuid, NULL);
  if (record == NULL)
    return FALSE;
  kind = cb_record_get_kind (record);
  return g_strcmp0 (kind, info->kind) == 0 || g_strcmp0 (kind, info->alt_kind) == 0;
}

/* What the editor pane says when nothing is open. */
void
_cb_window_update_editor_empty_page (CbWindow *self)
{
  adw_status_page_set_description (self->editor_empty_page,
                                   _(cb_section_info (self->section)->pick_hint));
}

/* In the Conflicts section a record opens side by side with its other
 * versions, whatever its kind (a line of an observation too). */
static gboolean
open_conflicts (CbWindow   *self,
                const char *uuid,
                gboolean    navigate)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_strdup (uuid);
  CbEditor *editor;

  record = cb_store_get (self->store, target, &error);
  if (record == NULL)
    {
      _cb_window_show_error (self, error);
      return FALSE;
    }
  _cb_window_flush_editors (self);
  editor = _cb_window_get_editor (self, "conflicts");
  unload_editors_except (self, editor);
  g_free (self->current_uuid);
  self->current_uuid = g_strdup (target);
  self->current_deleted = cb_record_get_deleted (record);
  cb_editor_load (editor, target, FALSE);
  cb_conflict_list_set_selected (self->conflict_list, target);
  gtk_stack_set_visible_child_name (self->editor_stack, "conflicts");
  _cb_window_update_editor_header (self);
  if (navigate)
    _cb_window_show_pane (self, self->editor_pane);
  return TRUE;
}

/* Children edited inside their parent's editor open the parent. */
static const char *
parent_field_to_open (const char *kind)
{
  static const char * const shown_in_parent[] = {
    "evidence", "tally", "monitor", "segment", "agenda_item", "attendance",
    "exit_question", "exit_ticket", NULL
  };
  const CbField *parent;

  if (kind == NULL || !g_strv_contains (shown_in_parent, kind))
    return NULL;
  parent = cb_kind_parent_field (cb_kind_lookup (kind));
  return parent ? parent->name : NULL;
}

gboolean
_cb_window_open_record (CbWindow   *self,
                        const char *uuid,
                        gboolean    navigate)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_strdup (uuid);
  const char *kind, *page;
  CbEditor *editor;
  gboolean ok;

  if (self->store == NULL || uuid == NULL)
    return FALSE;
  if (g_strcmp0 (cb_section_info (self->section)->editor, "conflicts") == 0)
    return open_conflicts (self, uuid, navigate);

  record = cb_store_get (self->store, target, &error);
  if (record == NULL)
    {
      _cb_window_show_error (self, error);
      return FALSE;
    }

  /* Lines and counters open the observation they belong to; agenda
   * blocks, sign-ins and activities their session or log. */
  kind = cb_record_get_kind (record);
  if (parent_field_to_open (kind) != NULL)
    {
      const char *parent = cb_record_get (record, parent_field_to_open (kind));

      if (parent != NULL && *parent != '\0' && !cb_record_get_deleted (record))
        {
          g_free (target);
          target = g_strdup (parent);
          g_clear_object (&record);
          record = cb_store_get (self->store, target, &error);
          if (record == NULL)
            {
              _cb_window_show_error (self, error);
              return FALSE;
            }
          kind = cb_record_get_kind (record);
        }
    }

  _cb_window_flush_editors (self);

  g_free (self->current_uuid);
  self->current_uuid = g_strdup (target);
  self->current_deleted = cb_record_get_deleted (record);

  g_clear_pointer (&self->current_view, g_free);
  /* The editor of the kind's section; a deleted record only reads, in
   * the generic editor. */
  page = self->current_deleted ? "record" : cb_kind_editor (kind);
  editor = _cb_window_get_editor (self, page);
  unload_editors_except (self, editor);
  ok = cb_editor_load (editor, target, self->current_deleted);
  if (editor == CB_EDITOR (self->record_editor))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->record_scroller), 0);
  gtk_stack_set_visible_child_name (self->editor_stack, page);

  if (self->section != CB_SECTION_LOOK_FORS)
    cb_record_list_model_set_selected_uuid (self->list_model, target);
  _cb_window_update_editor_header (self);
  if (navigate)
    _cb_window_show_pane (self, self->editor_pane);
  return ok;
}
