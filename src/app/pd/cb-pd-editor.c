/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preparing and running a PD session. Agenda times are the one place
 * where an edit can be refused: new times are checked against the
 * other blocks and the session's own times (cb_agenda_try_times()), and
 * only times that fit are written, both together. A refused edit stays
 * in the entries, marked, with the reason next to the block, until it
 * is fixed; the stored agenda never holds half of it. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-agenda-logic.h"
#include "cb-editor.h"
#include "cb-editor-widget.h"
#include "cb-pd-editor-private.h"
#include "cb-record-editor.h"
#include "cb-view-util.h"

#define SAVE_DELAY_MS 500

G_DEFINE_FINAL_TYPE (CbPdEditor, cb_pd_editor, CB_TYPE_EDITOR_WIDGET)

CbStore *
_cb_pd_editor_get_store (CbPdEditor *self)
{
  return cb_names_get_store (self->names);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CbPdEditor *self = data;

  self->save_id = 0;
  cb_editor_flush (CB_EDITOR (self));
  return G_SOURCE_REMOVE;
}

void
_cb_pd_editor_queue_save (CbPdEditor *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

char *
_cb_pd_editor_session_time (CbPdEditor *self,
                            const char *field)
{
  g_autoptr(CbRecord) session = cb_store_get (_cb_pd_editor_get_store (self), self->uuid, NULL);

  return session ? g_strdup (cb_record_get (session, field)) : NULL;
}

static void
on_people_search_changed_cb (CbPdEditor *self)
{
  _cb_pd_editor_filter_people (self);
}

static void
on_checkin_activated_cb (CbPdEditor *self)
{
  _cb_pd_editor_check_in (self);
}

static void
on_exit_entry_activated_cb (CbPdEditor *self)
{
  _cb_pd_editor_exit_entry_activated (self);
}

/* Actions */

static void
add_block_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  g_autofree char *uuid = cb_pd_editor_add_block (CB_PD_EDITOR (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  g_autofree char *copy = cb_pd_editor_duplicate (CB_PD_EDITOR (widget));

  if (copy != NULL)
    {
      cb_view_open_record (widget, copy);
      cb_view_toast (widget, _("Duplicated: give the new session its date"));
    }
}

static void
exit_template_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  _cb_pd_editor_exit_template (CB_PD_EDITOR (widget));
}

static void
exit_kiosk_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  _cb_pd_editor_exit_kiosk (CB_PD_EDITOR (widget));
}

static void
signin_sheet_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  _cb_pd_editor_choose_sheet_file (CB_PD_EDITOR (widget));
}

static gboolean
is_exit_kind (const char *kind)
{
  return g_strcmp0 (kind, "exit_question") == 0 || g_strcmp0 (kind, "exit_ticket") == 0;
}

static void
on_session_saved_cb (CbPdEditor *self)
{
  g_autofree char *ss = _cb_pd_editor_session_time (self, "start_time");
  g_autofree char *se = _cb_pd_editor_session_time (self, "end_time");

  _cb_pd_editor_show_stored_problems (self);
  _cb_pd_editor_follow_session_length (self, cb_session_hours (ss, se));
}

static void
on_store_changed_cb (CbStore    *store,
                     const char *kind,
                     const char *uuid,
                     CbPdEditor *self)
{
  if (self->uuid == NULL || self->writing > 0)
    return;
  /* An import or an Undo changed the agenda or the sign-in; the kiosk
   * or an import, the exit tickets. */
  if (kind == NULL || g_strcmp0 (kind, "agenda_item") == 0 || g_strcmp0 (kind, "attendance") == 0 ||
      is_exit_kind (kind))
    {
      if (kind != NULL)
        {
          g_autoptr(CbRecord) record = cb_store_get (store, uuid, NULL);
          if (record == NULL || g_strcmp0 (cb_record_get (record, "session"), self->uuid) != 0)
            return;
        }
      cb_editor_flush (CB_EDITOR (self));
      if (kind == NULL || g_strcmp0 (kind, "agenda_item") == 0)
        _cb_pd_editor_load_agenda (self);
      if (kind == NULL || g_strcmp0 (kind, "attendance") == 0)
        _cb_pd_editor_load_people (self);
      if (kind == NULL || is_exit_kind (kind))
        _cb_pd_editor_load_exit (self);
    }
}

static void
cb_pd_editor_unmap (GtkWidget *widget)
{
  cb_editor_flush (CB_EDITOR (CB_PD_EDITOR (widget)));

  GTK_WIDGET_CLASS (cb_pd_editor_parent_class)->unmap (widget);
}

static void
cb_pd_editor_dispose (GObject *object)
{
  CbPdEditor *self = CB_PD_EDITOR (object);

  if (self->names != NULL)
    {
      cb_editor_flush (CB_EDITOR (self));
      g_clear_signal_handler (&self->changed_id, _cb_pd_editor_get_store (self));
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_PD_EDITOR);
  /* after the widgets that call back with them */
  if (self->blocks != NULL)
    g_ptr_array_set_size (self->blocks, 0);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_pd_editor_parent_class)->dispose (object);
}

static void
cb_pd_editor_finalize (GObject *object)
{
  CbPdEditor *self = CB_PD_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_pd_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);

  self->changed_id = cb_editor_widget_share_names (editor, &self->names, G_CALLBACK (on_store_changed_cb),
                                                   CB_EDITOR (self->session_fields), CB_EDITOR (self->notes_fields));
}

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);
  gboolean ok;

  g_return_val_if_fail (CB_IS_PD_EDITOR (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  ok = cb_editor_widget_load_parts (editor, &self->uuid, uuid,
                                    CB_EDITOR (self->session_fields), CB_EDITOR (self->notes_fields));
  gtk_editable_set_text (GTK_EDITABLE (self->people_search), "");
  _cb_pd_editor_load_agenda (self);
  _cb_pd_editor_load_people (self);
  _cb_pd_editor_load_exit (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.add-block", self->uuid != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.duplicate", self->uuid != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.exit-template", self->uuid != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.signin-sheet", self->uuid != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->checkin_entry), "");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);
  g_autoptr(GError) error = NULL;
  gboolean any = FALSE;

  g_return_if_fail (CB_IS_PD_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->names == NULL || self->uuid == NULL)
    return;
  cb_record_editor_flush (self->session_fields);
  cb_record_editor_flush (self->notes_fields);

  for (guint i = 0; i < self->blocks->len && !any; i++)
    any = g_hash_table_size (((Block *) g_ptr_array_index (self->blocks, i))->pending) > 0;
  for (guint i = 0; i < self->people->len && !any; i++)
    any = ((Signin *) g_ptr_array_index (self->people, i))->hours_pending;
  if (!any)
    return;

  if (!cb_store_begin (_cb_pd_editor_get_store (self), &error))
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  self->writing++;
  for (guint i = 0; i < self->blocks->len && error == NULL; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, b->pending);
      while (g_hash_table_iter_next (&iter, &key, &value) && error == NULL)
        cb_store_set (_cb_pd_editor_get_store (self), b->uuid, key, value, &error);
      g_hash_table_remove_all (b->pending);
    }
  for (guint i = 0; i < self->people->len && error == NULL; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);
      if (s->hours_pending && s->attendance != NULL)
        {
          g_autofree char *hours = cb_format_hours (s->hours);
          cb_store_set (_cb_pd_editor_get_store (self), s->attendance, "hours", hours, &error);
        }
      s->hours_pending = FALSE;
    }
  if (error != NULL || !cb_store_commit (_cb_pd_editor_get_store (self), &error))
    {
      cb_store_rollback (_cb_pd_editor_get_store (self));
      cb_view_error (GTK_WIDGET (self), error);
    }
  self->writing--;
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);
  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  return self->uuid;
}

static void
cb_pd_editor_class_init (CbPdEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_pd_editor_dispose;
  object_class->finalize = cb_pd_editor_finalize;
  widget_class->unmap = cb_pd_editor_unmap;

  gtk_widget_class_install_action (widget_class, "pd.add-block", NULL, add_block_action);
  gtk_widget_class_install_action (widget_class, "pd.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "pd.exit-template", NULL, exit_template_action);
  gtk_widget_class_install_action (widget_class, "pd.exit-kiosk", NULL, exit_kiosk_action);
  gtk_widget_class_install_action (widget_class, "pd.signin-sheet", NULL, signin_sheet_action);

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-pd-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, session_fields);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, notes_fields);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, people_search);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, signin_label);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, people_list);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, checkin_entry);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, exit_list);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, exit_entry);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, exit_type);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, exit_level);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, exit_label);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, exit_summary);
  gtk_widget_class_bind_template_callback (widget_class, on_people_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_checkin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_exit_entry_activated_cb);
}

static void
cb_pd_editor_init (CbPdEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->blocks = g_ptr_array_new_with_free_func (_cb_pd_editor_block_free);
  self->people = g_ptr_array_new_with_free_func (_cb_pd_editor_signin_free);
  g_signal_connect_swapped (self->session_fields, "saved", G_CALLBACK (on_session_saved_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.add-block", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.duplicate", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.exit-template", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.exit-kiosk", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.signin-sheet", FALSE);
  _cb_pd_editor_exit_init (self);
}

GtkWidget *
cb_pd_editor_new (void)
{
  return g_object_new (CB_TYPE_PD_EDITOR, NULL);
}

/**
 * cb_pd_editor_duplicate:
 *
 * Returns: (transfer full) (nullable): the new session's UUID
 */
char *
cb_pd_editor_duplicate (CbPdEditor *self)
{
  g_autoptr(GError) error = NULL;
  char *copy;

  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  if (self->uuid == NULL)
    return NULL;
  cb_editor_flush (CB_EDITOR (self));
  copy = cb_pd_session_duplicate (_cb_pd_editor_get_store (self), self->uuid, &error);
  if (copy == NULL)
    cb_view_error (GTK_WIDGET (self), error);
  return copy;
}
