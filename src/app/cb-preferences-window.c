/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-crypt.h"
#include "cb-exchange-logic.h"
#include "cb-file-chooser.h"
#include "cb-names.h"
#include "cb-passphrase-dialog.h"
#include "cb-preferences-window.h"
#include "cb-ref-chooser.h"
#include "cb-sync-secret.h"

struct _CbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *coach_name_row;
  AdwExpanderRow       *focus_row;
  GtkSpinButton        *days_spin;
  GtkSwitch            *autostart_switch;
  GtkSwitch            *pause_switch;
  AdwComboRow          *talk_row;
  GtkSwitch            *record_switch;
  GtkSpinButton        *keep_spin;
  AdwComboRow          *style_row;
  AdwActionRow         *folder_row;
  GtkSwitch            *encrypt_switch;
  AdwActionRow         *passphrase_row;
  GtkWidget            *passphrase_forget_button;
  AdwActionRow         *sync_status_row;

  GSettings            *settings;
  CbStore              *store;
  GCancellable         *cancellable;  /* keyring calls */
  CbNames              *names;
  GPtrArray            *focus_rows;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CbPreferencesWindow, cb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const talk_values[] = { "teacher", "student", "none" };
/* in the order of style_row's items */
static const char * const style_values[] = { "default", "light", "dark" };

static void rebuild_focus (CbPreferencesWindow *self);

static void
update_folder (CbPreferencesWindow *self)
{
  g_autofree char *folder = self->settings ? g_settings_get_string (self->settings, "sync-folder") : NULL;

  adw_action_row_set_subtitle (self->folder_row,
                               folder && *folder ? folder : _("None: Sync Now asks each time"));
  /* when this laptop last synced with that folder, and with whom */
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status_row), folder && *folder && self->store);
  if (folder && *folder && self->store)
    {
      g_autoptr(GPtrArray) colleagues = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = NULL;
      gint64 synced;

      cb_sync_get_status (self->store, folder, &synced, &colleagues);
      text = cb_sync_status_text (synced, colleagues, now);
      adw_action_row_set_subtitle (self->sync_status_row, text);
    }
}

static void
on_folder_response_cb (GtkNativeDialog     *dialog,
                       int                  response,
                       CbPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->settings != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "sync-folder", path);
      update_folder (self);
    }
  g_clear_object (&self->chooser);
}

static void
on_folder_clicked_cb (CbPreferencesWindow *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = cb_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                       _("Exchange Folder"), _("_Select"), NULL, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_folder_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_folder_clear_clicked_cb (CbPreferencesWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sync-folder", "");
  update_folder (self);
}

/* What the keyring holds: @kept, or no keyring at all (@error). */
static void
show_passphrase_state (CbPreferencesWindow *self,
                       gboolean             kept,
                       const GError        *error)
{
  const char *text;

  if (error != NULL)
    text = _("No keyring on this laptop: the passphrase is asked at each sync");
  else if (kept)
    text = _("Kept in this laptop’s keyring");
  else
    text = _("Not set: the passphrase is asked at each sync");
  adw_action_row_set_subtitle (self->passphrase_row, text);
  gtk_widget_set_visible (self->passphrase_forget_button, kept && error == NULL);
}

static void
on_passphrase_looked_up_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *passphrase = cb_sync_secret_lookup_finish (result, &error);
  gboolean kept = passphrase != NULL;

  cb_crypt_passphrase_free (passphrase);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_passphrase_state (user_data, kept, error);
}

static void
update_passphrase (CbPreferencesWindow *self)
{
  adw_action_row_set_subtitle (self->passphrase_row, _("Looking in the keyring…"));
  cb_sync_secret_lookup_async (self->cancellable, on_passphrase_looked_up_cb, self);
}

static void
on_passphrase_stored_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cb_sync_secret_store_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_passphrase_state (user_data, ok, error);
}

static void
on_passphrase_cleared_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  cb_sync_secret_clear_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_passphrase_state (user_data, FALSE, error);
}

static void
on_passphrase_chosen_cb (char     *passphrase,
                         gpointer  user_data)
{
  CbPreferencesWindow *self = user_data;

  if (passphrase != NULL && !g_cancellable_is_cancelled (self->cancellable))
    cb_sync_secret_store_async (passphrase, self->cancellable, on_passphrase_stored_cb, self);
  cb_crypt_passphrase_free (passphrase);
}

static void
on_passphrase_clicked_cb (CbPreferencesWindow *self)
{
  cb_passphrase_dialog_show (GTK_WINDOW (self), _("Team Passphrase"),
                             _("The passphrase your team chose for the sync folder. Every colleague sets the same one."),
                             _("_Keep"), TRUE, on_passphrase_chosen_cb, g_object_ref (self), g_object_unref);
}

static void
on_passphrase_forget_clicked_cb (CbPreferencesWindow *self)
{
  cb_sync_secret_clear_async (self->cancellable, on_passphrase_cleared_cb, self);
}

static void
on_talk_selected_cb (AdwComboRow         *row,
                     GParamSpec          *pspec,
                     CbPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (talk_values))
    g_settings_set_string (self->settings, "talk-timer-start", talk_values[selected]);
}

static void
on_style_selected_cb (AdwComboRow         *row,
                      GParamSpec          *pspec,
                      CbPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (style_values))
    g_settings_set_string (self->settings, "color-scheme", style_values[selected]);
}

static void
set_focus (CbPreferencesWindow *self,
           GStrv                focus)
{
  g_settings_set_strv (self->settings, "default-focus", (const char * const *) focus);
  rebuild_focus (self);
}

static void
on_focus_remove_clicked_cb (GtkButton           *button,
                            CbPreferencesWindow *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  g_auto(GStrv) focus = g_settings_get_strv (self->settings, "default-focus");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) out = NULL;

  for (guint i = 0; focus[i]; i++)
    if (g_strcmp0 (focus[i], uuid) != 0)
      g_strv_builder_add (b, focus[i]);
  out = g_strv_builder_end (b);
  set_focus (self, out);
}

static void
on_focus_chosen_cb (CbRefChooser        *chooser,
                    const char          *uuid,
                    CbPreferencesWindow *self)
{
  g_auto(GStrv) focus = g_settings_get_strv (self->settings, "default-focus");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) out = NULL;

  if (g_strv_contains ((const char * const *) focus, uuid))
    return;
  g_strv_builder_addv (b, (const char **) focus);
  g_strv_builder_add (b, uuid);
  out = g_strv_builder_end (b);
  set_focus (self, out);
}

static void
rebuild_focus (CbPreferencesWindow *self)
{
  g_auto(GStrv) focus = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < self->focus_rows->len; i++)
    adw_expander_row_remove (self->focus_row, g_ptr_array_index (self->focus_rows, i));
  g_ptr_array_set_size (self->focus_rows, 0);

  if (self->settings == NULL || self->names == NULL)
    return;

  focus = g_settings_get_strv (self->settings, "default-focus");
  for (guint i = 0; focus[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      const char *name = cb_names_lookup (self->names, focus[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name ? name : _("(missing)"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      g_object_set_data_full (G_OBJECT (remove), "uuid", g_strdup (focus[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_focus_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (self->focus_row, row);
      g_ptr_array_add (self->focus_rows, row);
    }
  joined = g_strjoinv (" ", focus);
  {
    GtkMenuButton *add = g_object_get_data (G_OBJECT (self->focus_row), "add-button");
    if (add != NULL)
      cb_ref_chooser_set_exclude (CB_REF_CHOOSER (gtk_menu_button_get_popover (add)), joined);
  }
}

static void
cb_preferences_window_dispose (GObject *object)
{
  CbPreferencesWindow *self = CB_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->names);
  g_clear_pointer (&self->focus_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_preferences_window_parent_class)->dispose (object);
}

static void
cb_preferences_window_class_init (CbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, coach_name_row);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, focus_row);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, pause_switch);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, record_switch);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, talk_row);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, encrypt_switch);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, passphrase_forget_button);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, sync_status_row);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_forget_clicked_cb);
}

static void
cb_preferences_window_init (CbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->focus_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/**
 * cb_preferences_window_new:
 * @settings: (nullable): the application settings; without them every
 *   row is shown but cannot change
 * @store: (nullable): the store, to name look-fors and say when it last
 *   synced
 *
 * Returns: (transfer full): a new window
 */
CbPreferencesWindow *
cb_preferences_window_new (GSettings *settings,
                           CbStore   *store)
{
  CbPreferencesWindow *self = g_object_new (CB_TYPE_PREFERENCES_WINDOW, NULL);
  g_autofree char *talk = NULL;

  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return self;
    }

  self->settings = g_object_ref (settings);
  if (store != NULL)
    {
      GtkWidget *add = gtk_menu_button_new ();
      GtkWidget *chooser;

      self->store = g_object_ref (store);
      self->names = cb_names_new (store);
      chooser = cb_ref_chooser_new (self->names, "look_for");
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
      gtk_widget_set_tooltip_text (add, _("Add a Look-for"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a Look-for"), -1);
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (add, "flat");
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (add), chooser);
      g_signal_connect (chooser, "chosen", G_CALLBACK (on_focus_chosen_cb), self);
      adw_expander_row_add_action (self->focus_row, add);
      g_object_set_data (G_OBJECT (self->focus_row), "add-button", add);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->focus_row), FALSE);

  g_settings_bind (settings, "coach-name", self->coach_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "not-observed-days", self->days_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "clock-autostart", self->autostart_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "clock-pause-on-close", self->pause_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-encrypt", self->encrypt_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->encrypt_switch, "active", self->passphrase_row, "sensitive", G_BINDING_SYNC_CREATE);
  g_settings_bind (settings, "record-lessons", self->record_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "recording-keep-days", self->keep_spin, "value", G_SETTINGS_BIND_DEFAULT);

  talk = g_settings_get_string (settings, "talk-timer-start");
  for (guint i = 0; i < G_N_ELEMENTS (talk_values); i++)
    if (g_strcmp0 (talk, talk_values[i]) == 0)
      adw_combo_row_set_selected (self->talk_row, i);
  g_signal_connect (self->talk_row, "notify::selected", G_CALLBACK (on_talk_selected_cb), self);

  {
    g_autofree char *style = g_settings_get_string (settings, "color-scheme");

    for (guint i = 0; i < G_N_ELEMENTS (style_values); i++)
      if (g_strcmp0 (style, style_values[i]) == 0)
        adw_combo_row_set_selected (self->style_row, i);
    g_signal_connect (self->style_row, "notify::selected", G_CALLBACK (on_style_selected_cb), self);
  }

  update_folder (self);
  update_passphrase (self);
  rebuild_focus (self);
  return self;
}
