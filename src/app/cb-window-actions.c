/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's `win.*` actions. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-backup-ui.h"
#include "cb-coaching-day-dialog.h"
#include "cb-csv-export.h"
#include "cb-cycle-pane.h"
#include "cb-file-chooser.h"
#include "cb-look-fors.h"
#include "cb-names.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-roster.h"
#include "cb-trends-view.h"
#include "cb-window-private.h"
#include "config.h"

/* Actions */

static void
new_record_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *uuid = cb_window_new_record (self);

  if (uuid == NULL)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->observation_editor)) &&
      g_strcmp0 (cb_observation_editor_get_uuid (self->observation_editor), uuid) == 0)
    cb_observation_editor_choose_teacher (self->observation_editor);
  else
    {
      GtkWidget *shown = gtk_stack_get_visible_child (self->editor_stack);

      if (CB_IS_CYCLE_PANE (shown))
        cb_cycle_pane_focus_first (CB_CYCLE_PANE (shown));
      else if (CB_IS_EDITOR (shown))
        gtk_widget_child_focus (shown, GTK_DIR_TAB_FORWARD);
      else
        cb_record_editor_focus_first (self->record_editor);
    }
}

static void
search_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);

  if (self->store == NULL)
    return;
  _cb_window_show_pane (self, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
delete_record_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (self->current_uuid == NULL || self->current_deleted)
    return;
  uuid = g_strdup (self->current_uuid);
  record = cb_store_get (self->store, uuid, NULL);
  title = record ? cb_names_title (self->names, record) : g_strdup ("");

  _cb_window_flush_editors (self);
  _cb_window_close_editor (self);
  if (!cb_store_delete (self->store, uuid, &error))
    {
      _cb_window_show_error (self, error);
      return;
    }
  /* TRANSLATORS: %s is the title of a record */
  message = g_strdup_printf (_("“%s” deleted"), title);
  _cb_window_show_undo_toast (self, message, uuid);
  _cb_window_show_pane (self, self->list_pane);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *uuid = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_store_restore (self->store, uuid, &error))
    _cb_window_show_error (self, error);
}

static void
restore_record_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (self->current_uuid == NULL || !self->current_deleted)
    return;
  uuid = g_strdup (self->current_uuid);
  if (!cb_store_restore (self->store, uuid, &error))
    {
      _cb_window_show_error (self, error);
      return;
    }
  _cb_window_show_toast (self, _("Restored"));
  _cb_window_open_record (self, uuid, FALSE);
}

/* The look-for in the editor, its pending edits written; NULL when the
 * editor shows something else or the database is read-only. */
static CbRecord *
current_look_for (CbWindow *self)
{
  g_autoptr(CbRecord) record = NULL;

  if (self->current_uuid == NULL || _cb_window_is_damaged (self) ||
      (record = cb_store_get (self->store, self->current_uuid, NULL)) == NULL ||
      g_strcmp0 (cb_record_get_kind (record), "look_for") != 0)
    return NULL;
  cb_record_editor_flush (self->record_editor);
  return g_steal_pointer (&record);
}

static void
toggle_favourite_action (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if ((record = current_look_for (self)) == NULL)
    return;
  if (!cb_store_set (self->store, self->current_uuid, "favourite",
                     cb_record_get_bool (record, "favourite") ? "0" : "1", &error))
    _cb_window_show_error (self, error);
  cb_record_editor_reload_field (self->record_editor, "favourite");
}

static void
move_look_for_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if ((record = current_look_for (self)) == NULL)
    return;
  if (!cb_look_fors_move (self->store, self->current_uuid,
                          g_strcmp0 (name, "win.look-for-up") == 0 ? -1 : 1, &error))
    _cb_window_show_error (self, error);
  cb_record_editor_reload_field (self->record_editor, "position");
  /* Its neighbours moved: whether it can move again changed. */
  _cb_window_update_editor_header (self);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  const CbSectionInfo *info = cb_section_lookup (g_variant_get_string (param, NULL));

  if (info != NULL)
    {
      _cb_window_set_section (self, info->section, FALSE);
      _cb_window_show_pane (self, self->list_pane);
    }
}

static void
open_record_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  _cb_window_open_record (CB_WINDOW (widget), g_variant_get_string (param, NULL), TRUE);
}

/* The actions views use to reach the window without naming it. */
static void
toast_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  _cb_window_show_toast (CB_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* An error from a view, in the one wording the window gives errors
 * (a write refused by a damaged database says so). */
static void
show_error_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  const char *domain, *message;
  int code;
  g_autoptr(GError) error = NULL;

  g_variant_get (param, "(&si&s)", &domain, &code, &message);
  if (*domain != '\0')
    error = g_error_new_literal (g_quark_from_string (domain), code, message);
  _cb_window_show_error (CB_WINDOW (widget), error);
}

static void
undo_toast_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *message, *uuid;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_variant_get (param, "(&s&s)", &message, &uuid);
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uuid));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
flush_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  cb_window_flush (CB_WINDOW (widget));
}

static void
on_roster_imported_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRosterReport) report = cb_roster_import_finish (result, &error);
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;
  GtkWidget *dialog, *label, *scroller;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cb_window_show_error (self, error);
      return;
    }

  summary = cb_roster_report_summary (report);
  details = cb_roster_report_details (report);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Roster Imported"), summary);
  if (details != NULL && *details != '\0')
    {
      label = gtk_label_new (details);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
      /* A wrapped label asks for little height: every skipped line
       * must be readable without hunting for the scroll bar. */
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                                  report->messages->len > 1 ? 160 : 60);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  _cb_window_set_section (self, CB_SECTION_PEOPLE, FALSE);
}

static void
on_roster_file_chosen_cb (GtkNativeDialog *dialog,
                          int              response,
                          CbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        cb_roster_import_async (self->store, file, NULL, on_roster_imported_cb, g_object_ref (self));
    }
  g_object_unref (dialog);
}

static void
import_roster_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  chooser = cb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import a Roster"),
                                 _("_Import"), filter, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_roster_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *view = g_variant_get_string (param, NULL);
  const char *title = cb_cycle_pane_get_view_title (view);

  if (self->store == NULL || title == NULL)
    return;
  _cb_window_flush_editors (self);
  _cb_window_close_editor (self);
  cb_cycle_pane_show_view (CB_CYCLE_PANE (_cb_window_get_editor (self, "cycle")), view);
  self->current_view = g_strdup (view);
  gtk_stack_set_visible_child_name (self->editor_stack, "cycle");
  adw_window_title_set_title (self->editor_title, title);
  adw_window_title_set_subtitle (self->editor_title, "");
  _cb_window_show_pane (self, self->editor_pane);
}

static void
coaching_day_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  g_auto(GStrv) focus = NULL;
  g_autofree char *joined = NULL;
  CbCoachingDayDialog *dialog;

  if (self->store == NULL)
    return;
  if (self->settings != NULL)
    {
      focus = g_settings_get_strv (self->settings, "default-focus");
      if (focus[0] != NULL)
        joined = g_strjoinv (" ", focus);
    }
  dialog = cb_coaching_day_dialog_new (GTK_WINDOW (self), self->names, joined);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);
  CbCsvKind kind;

  if (self->store == NULL || !cb_csv_kind_from_string (g_variant_get_string (param, NULL), &kind))
    return;
  _cb_window_flush_editors (self);
  cb_csv_export_run (widget, self->store, kind);
}

static void
show_trends_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);

  if (self->store == NULL)
    return;
  _cb_window_flush_editors (self);
  cb_trends_view_new (GTK_WINDOW (self), self->store);
}

static void
back_up_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);

  if (self->store == NULL)
    return;
  _cb_window_flush_editors (self);
  cb_backup_ui_run (widget, self->store);
}

/**
 * _cb_window_actions_init:
 *
 * Installs the window's `win.*` actions and their key bindings.
 */
void
_cb_window_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.delete-record", NULL, delete_record_action);
  gtk_widget_class_install_action (widget_class, "win.restore-record", NULL, restore_record_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "s", open_record_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.undo-toast", "(ss)", undo_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(sis)", show_error_action);
  gtk_widget_class_install_action (widget_class, "win.flush", NULL, flush_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.coaching-day", NULL, coaching_day_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", "s", export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL, import_roster_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.show-trends", NULL, show_trends_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-favourite", NULL, toggle_favourite_action);
  gtk_widget_class_install_action (widget_class, "win.look-for-up", NULL, move_look_for_action);
  gtk_widget_class_install_action (widget_class, "win.look-for-down", NULL, move_look_for_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.look-for-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.look-for-down", NULL);

  /* A binding, not an application accelerator: those run before the
   * focused widget, and Ctrl+Delete in a text field deletes a word. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.delete-record", NULL);
}
