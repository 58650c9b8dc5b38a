/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: sections, a lazily paged record list, and the editor
 * of the open record, in a leaflet that folds to one pane when narrow. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-action-list.h"
#include "cb-backup-ui.h"
#include "cb-csv-export.h"
#include "cb-cycle-pane.h"
#include "cb-editor.h"
#include "cb-section-tools.h"
#include "cb-conflict-editor.h"
#include "cb-conflict-list.h"
#include "cb-conflict-logic.h"
#include "cb-exchange-ui.h"
#include "cb-list-filter.h"
#include "cb-names.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-record-list-model.h"
#include "cb-roster.h"
#include "cb-tab-stop.h"
#include "cb-today-view.h"
#include "cb-window-private.h"
#include "cb-window.h"

G_DEFINE_FINAL_TYPE (CbWindow, cb_window, ADW_TYPE_APPLICATION_WINDOW)

/* Helpers */

void
_cb_window_show_toast (CbWindow   *self,
                       const char *message)
{
  /* Toast titles are Pango markup. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_cb_window_show_error (CbWindow     *self,
                       const GError *error)
{
  /* A damaged database only reads (cb_window_show_damage()). */
  gboolean refused = _cb_window_is_damaged (self) &&
                     g_error_matches (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY);
  const char *message = refused ? _("Not saved: the database is damaged, and Coachbook has stopped saving changes.")
                        : error ? error->message : _("Something went wrong.");
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* Normal priority: libadwaita 1.2 can abort when a toast pushed
   * aside by a high-priority one comes back. */
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_cb_window_show_undo_toast (CbWindow   *self,
                            const char *title,
                            const char *uuid)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uuid));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
_cb_window_section_kind (CbWindow *self)
{
  return cb_section_kind (self->section, self->alt);
}

static gboolean
is_folded (CbWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

void
_cb_window_show_pane (CbWindow  *self,
                      GtkWidget *pane)
{
  if (is_folded (self))
    adw_leaflet_set_visible_child (self->leaflet, pane);
}

/* Navigation */

static void
on_list_back_clicked_cb (CbWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
}

static void
on_editor_back_clicked_cb (CbWindow *self)
{
  if (self->observation_editor != NULL)
    cb_observation_editor_set_focus_mode (self->observation_editor, FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* Capture focus: the lesson gets the window, the sidebar and list fold
 * away until it ends (F9 again, or another view). */
static void
on_focus_mode_changed_cb (CbWindow *self)
{
  gboolean focus = cb_observation_editor_get_focus_mode (self->observation_editor);

  gtk_widget_set_visible (self->sidebar_pane, !focus);
  gtk_widget_set_visible (self->list_pane, !focus);
  if (focus)
    adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
}

static void
on_leaflet_folded_changed_cb (CbWindow *self)
{
  /* Unfolding shows every pane; folding shows the editor if a record is
   * open, else the list. */
  if (is_folded (self))
    adw_leaflet_set_visible_child (self->leaflet,
                                   self->current_uuid ? self->editor_pane : self->list_pane);
}

/* "open-record" from Today, the record editor and the Conflicts list. */
static void
on_open_record_cb (CbWindow   *self,
                   const char *uuid)
{
  _cb_window_open_record (self, uuid, TRUE);
}

/* "open-record" from an editor the sections table gives (the
 * Conflicts view's "Open the Record"): its usual editor, in its usual
 * section. */
void
_cb_window_on_editor_open_record_cb (CbWindow   *self,
                                     const char *uuid)
{
  g_autoptr(CbRecord) record = cb_store_get (self->store, uuid, NULL);
  g_autofree char *target = g_strdup (uuid);

  if (record == NULL)
    return;
  _cb_window_set_section (self, cb_record_get_deleted (record) ? CB_SECTION_TRASH
                          : cb_section_for_kind (cb_record_get_kind (record)),
                          g_strcmp0 (cb_record_get_kind (record), "school") == 0);
  _cb_window_open_record (self, target, TRUE);
}

void
_cb_window_on_editor_message_cb (CbWindow   *self,
                                 const char *message)
{
  _cb_window_show_toast (self, message);
}

static void
on_line_deleted_cb (CbWindow   *self,
                    const char *uuid)
{
  _cb_window_show_undo_toast (self, _("Line deleted"), uuid);
}

gboolean
_cb_window_is_child_kind (const char *kind)
{
  const CbKind *info = cb_kind_lookup (kind);

  return info != NULL && cb_kind_parent_field (info) != NULL &&
         g_strcmp0 (kind, "look_for") != 0;
}

/* The header's recording mark says when the recording waits for the
 * paused lesson clock. */
static gboolean
recording_label_transform (GBinding     *binding,
                           const GValue *from,
                           GValue       *to,
                           gpointer      data)
{
  g_value_set_string (to, g_value_get_boolean (from)
                          /* TRANSLATORS: in the header bar while the lesson clock is paused */
                          ? _("❚❚ Rec paused")
                          /* TRANSLATORS: in the header bar while the lesson is recorded */
                          : _("● Rec"));
  return TRUE;
}

static void
on_store_changed_cb (CbStore    *store,
                     const char *kind,
                     const char *uuid,
                     CbWindow   *self)
{
  /* Lines and counters typed during a lesson change no section count:
   * counting costs nothing then, whatever the size of the database. */
  if (self->counts_id == 0 && !_cb_window_is_child_kind (kind))
    self->counts_id = g_timeout_add (COUNTS_DELAY_MS, _cb_window_counts_timeout_cb, self);

  if (self->current_uuid != NULL && (uuid == NULL || g_strcmp0 (uuid, self->current_uuid) == 0))
    {
      g_autoptr(CbRecord) record = cb_store_get (store, self->current_uuid, NULL);

      /* Deleted or restored elsewhere (an Undo, an import): follow it. */
      if (record == NULL)
        _cb_window_close_editor (self);
      else if (cb_record_get_deleted (record) != self->current_deleted)
        {
          if (cb_record_get_deleted (record) && self->section != CB_SECTION_TRASH)
            _cb_window_close_editor (self);
          else
            {
              g_autofree char *current = g_strdup (self->current_uuid);
              _cb_window_open_record (self, current, FALSE);
            }
        }
      else
        _cb_window_update_editor_header (self);
    }

  if (self->section == CB_SECTION_LOOK_FORS &&
      (kind == NULL || g_strcmp0 (kind, "look_for") == 0 || g_strcmp0 (kind, "framework") == 0))
    _cb_window_reload_look_fors (self);
}

/* Window */

/* Coaching cycle and PD views */

static void
restore_size (CbWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);
      return;
    }
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
cb_window_close_request (GtkWindow *window)
{
  CbWindow *self = CB_WINDOW (window);

  _cb_window_flush_editors (self);
  /* Closing: a running lesson clock is not stopped. */
  if (self->observation_editor != NULL)
    cb_observation_editor_unload (self->observation_editor, TRUE);
  /* With a sync folder set: write our file there and read the
   * colleagues' before going (cb-exchange-ui.c). */
  if (cb_exchange_ui_sync_before_close (GTK_WINDOW (self)))
    return TRUE;

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (cb_window_parent_class)->close_request (window);
}

static void
cb_window_dispose (GObject *object)
{
  CbWindow *self = CB_WINDOW (object);

  g_clear_handle_id (&self->counts_id, g_source_remove);
  g_clear_handle_id (&self->scroll_top_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_WINDOW);
  g_clear_object (&self->list_model);
  g_clear_object (&self->look_for_store);
  g_clear_object (&self->look_for_selection);
  g_clear_object (&self->search_store);
  g_clear_object (&self->search_selection);
  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_object (&self->names);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cb_window_parent_class)->dispose (object);
}

static void
cb_window_finalize (GObject *object)
{
  CbWindow *self = CB_WINDOW (object);

  g_clear_pointer (&self->current_uuid, g_free);
  g_clear_pointer (&self->current_view, g_free);
  g_clear_pointer (&self->counts, g_free);

  G_OBJECT_CLASS (cb_window_parent_class)->finalize (object);
}

static void
cb_window_class_init (CbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cb_window_dispose;
  object_class->finalize = cb_window_finalize;
  window_class->close_request = cb_window_close_request;

  g_type_ensure (CB_TYPE_FILTER_BAR);
  g_type_ensure (CB_TYPE_TAB_STOP);
  g_type_ensure (CB_TYPE_TODAY_VIEW);
  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  g_type_ensure (CB_TYPE_OBSERVATION_EDITOR);
  g_type_ensure (CB_TYPE_CYCLE_PANE);
  g_type_ensure (CB_TYPE_ACTION_LIST);
  g_type_ensure (CB_TYPE_SECTION_TOOLS);
  g_type_ensure (CB_TYPE_CONFLICT_LIST);
  g_type_ensure (CB_TYPE_CONFLICT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-window.ui");
  _cb_window_actions_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, damage_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, damage_label);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sample_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, editor_pane);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, people_switch);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, people_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, schools_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, editor_empty_page);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, record_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_empty_page);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, today_view);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, editor_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recording_indicator);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, look_for_tools);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, favourite_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, look_for_menu);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, record_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, record_editor);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, action_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, section_tools);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_sidebar_row_selected_cb", G_CALLBACK (_cb_window_on_sidebar_row_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_sidebar_row_activated_cb", G_CALLBACK (_cb_window_on_sidebar_row_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_list_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_back_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_mode_changed_cb", G_CALLBACK (_cb_window_on_search_mode_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_changed_cb", G_CALLBACK (_cb_window_on_search_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_activate_cb", G_CALLBACK (_cb_window_on_search_activate_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_stopped_cb", G_CALLBACK (_cb_window_on_search_stopped_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_people_toggled_cb", G_CALLBACK (_cb_window_on_people_toggled_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_record_list_activated_cb", G_CALLBACK (_cb_window_on_record_list_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_list_activated_cb", G_CALLBACK (_cb_window_on_search_list_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_open_record_cb);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, conflict_list);
}

static void
cb_window_init (CbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (self->editors, g_strdup ("record"), self->record_editor);
}

/**
 * cb_window_new:
 * @app: the application the window belongs to
 * @store: (nullable): the store the window shows; %NULL if it could
 *   not be opened
 * @store_error: (nullable): why @store could not be opened
 * @settings: (nullable): the application's settings
 * @sample: whether @store is the sample notebook (never synced)
 *
 * If the store could not be opened, the window says why instead.
 *
 * Returns: (transfer full): a new window
 */
CbWindow *
cb_window_new (GtkApplication *app,
               CbStore        *store,
               const GError   *store_error,
               GSettings      *settings,
               gboolean        sample)
{
  CbWindow *self = g_object_new (CB_TYPE_WINDOW, "application", app, NULL);

  if (settings != NULL)
    self->settings = g_object_ref (settings);
  restore_size (self);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       store_error ? store_error->message : _("The database could not be opened."));
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-record", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-roster", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coaching-day", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", FALSE);
      return self;
    }

  self->store = g_object_ref (store);
  self->names = cb_names_new (store);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);

  cb_editor_set_names (CB_EDITOR (self->record_editor), self->names);
  self->observation_editor = CB_OBSERVATION_EDITOR (_cb_window_get_editor (self, "observation"));
  /* Recording shows in the header, whichever page is in front. */
  g_object_bind_property (cb_observation_editor_get_talk_pane (self->observation_editor), "recording",
                          self->recording_indicator, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (cb_observation_editor_get_talk_pane (self->observation_editor), "recording-paused",
                               self->recording_indicator, "label", G_BINDING_SYNC_CREATE,
                               recording_label_transform, NULL, NULL, NULL);
  cb_action_list_set_names (self->action_list, self->names);
  cb_observation_editor_set_settings (self->observation_editor, self->settings);
  g_signal_connect_swapped (self->observation_editor, "line-deleted",
                            G_CALLBACK (on_line_deleted_cb), self);
  g_signal_connect_swapped (self->observation_editor, "notify::focus-mode",
                            G_CALLBACK (on_focus_mode_changed_cb), self);
  cb_today_view_set_names (self->today_view, self->names);
  cb_conflict_list_set_names (self->conflict_list, self->names);
  /* A sample notebook never reaches the sync folder. */
  cb_exchange_ui_setup (GTK_WINDOW (self), self->toast_overlay, store, sample ? NULL : self->settings);
  gtk_revealer_set_reveal_child (self->sample_revealer, sample);
  cb_today_view_set_settings (self->today_view, self->settings);

  _cb_window_build_sidebar (self);
  _cb_window_build_filters (self);
  _cb_window_setup_lists (self);
  gtk_stack_set_visible_child_name (self->main_stack, "main");

  _cb_window_set_section (self, CB_SECTION_TODAY, FALSE);
  if (cb_store_is_damaged (store))
    cb_window_show_damage (self);
  /* Counting waits until the window is on screen. */
  self->counts_id = g_idle_add_full (G_PRIORITY_LOW, _cb_window_counts_timeout_cb, self, NULL);
  _cb_window_close_editor (self);
  /* A lesson still running (the app crashed, or was closed with its
   * clock running) opens again, beside Today. */
  {
    g_autofree char *running = cb_observation_editor_find_running (store);

    if (running != NULL)
      _cb_window_open_record (self, running, TRUE);
  }
  return self;
}

void
cb_window_set_section (CbWindow  *self,
                       CbSection  section)
{
  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (cb_section_is_valid (section));

  if (self->store != NULL)
    _cb_window_set_section (self, section, FALSE);
}

CbSection
cb_window_get_section (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), CB_SECTION_TODAY);

  return self->section;
}

/**
 * cb_window_open_record:
 *
 * Opens @uuid in the editor pane (a line or counter opens its
 * observation) and shows that pane when the window is folded.
 */
gboolean
cb_window_open_record (CbWindow   *self,
                       const char *uuid)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  return _cb_window_open_record (self, uuid, TRUE);
}

const char *
cb_window_get_current_uuid (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  return self->current_uuid;
}

/**
 * cb_window_new_record:
 *
 * Creates a record of the kind the current section lists (an
 * observation on Today and in the Trash) and opens it.
 *
 * Returns: (transfer full) (nullable): its UUID
 */
char *
cb_window_new_record (CbWindow *self)
{
  const char *kind;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char *uuid;

  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  kind = _cb_window_section_kind (self);
  if (kind == NULL)
    {
      _cb_window_set_section (self, CB_SECTION_OBSERVATIONS, FALSE);
      kind = "observation";
    }
  /* what a new record starts with is the section row's */
  cb_section_new_values (cb_section_info (self->section), kind, self->store,
                         self->settings, names, values);

  uuid = cb_store_create (self->store, kind, (const char * const *) names->pdata,
                          (const char * const *) values->pdata, names->len, &error);
  if (uuid == NULL)
    {
      _cb_window_show_error (self, error);
      return NULL;
    }
  _cb_window_open_record (self, uuid, TRUE);
  return uuid;
}

/**
 * cb_window_search:
 * @text: (nullable): what to search for; %NULL or "" ends the search
 */
void
cb_window_search (CbWindow   *self,
                  const char *text)
{
  g_return_if_fail (CB_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  _cb_window_run_search (self, text);
}

/**
 * cb_window_get_list_model:
 *
 * Returns: (transfer none): what the record list shows: search results
 *   while searching, else the section's records
 */
GListModel *
cb_window_get_list_model (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  if (gtk_search_bar_get_search_mode (self->search_bar) &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    return G_LIST_MODEL (self->search_store);
  return _cb_window_current_list_model (self);
}

/**
 * cb_window_get_child:
 * @name: a template child, such as "leaflet" or "observation_editor"
 *
 * For tests.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
cb_window_get_child (CbWindow   *self,
                     const char *name)
{
  const struct { const char *name; gsize offset; } children[] = {
    { "leaflet", G_STRUCT_OFFSET (CbWindow, leaflet) },
    { "toast_overlay", G_STRUCT_OFFSET (CbWindow, toast_overlay) },
    { "damage_revealer", G_STRUCT_OFFSET (CbWindow, damage_revealer) },
    { "damage_label", G_STRUCT_OFFSET (CbWindow, damage_label) },
    { "sample_revealer", G_STRUCT_OFFSET (CbWindow, sample_revealer) },
    { "look_for_tools", G_STRUCT_OFFSET (CbWindow, look_for_tools) },
    { "favourite_button", G_STRUCT_OFFSET (CbWindow, favourite_button) },
    { "sidebar_pane", G_STRUCT_OFFSET (CbWindow, sidebar_pane) },
    { "list_pane", G_STRUCT_OFFSET (CbWindow, list_pane) },
    { "editor_pane", G_STRUCT_OFFSET (CbWindow, editor_pane) },
    { "main_stack", G_STRUCT_OFFSET (CbWindow, main_stack) },
    { "error_page", G_STRUCT_OFFSET (CbWindow, error_page) },
    { "list_stack", G_STRUCT_OFFSET (CbWindow, list_stack) },
    { "record_list", G_STRUCT_OFFSET (CbWindow, record_list) },
    { "search_entry", G_STRUCT_OFFSET (CbWindow, search_entry) },
    { "list_title", G_STRUCT_OFFSET (CbWindow, list_title) },
    { "editor_stack", G_STRUCT_OFFSET (CbWindow, editor_stack) },
    { "record_editor", G_STRUCT_OFFSET (CbWindow, record_editor) },
    { "action_list", G_STRUCT_OFFSET (CbWindow, action_list) },
    { "section_tools", G_STRUCT_OFFSET (CbWindow, section_tools) },
    { "today_view", G_STRUCT_OFFSET (CbWindow, today_view) },
    { "sidebar_pane", G_STRUCT_OFFSET (CbWindow, sidebar_pane) },
    { "list_pane", G_STRUCT_OFFSET (CbWindow, list_pane) },
    { "editor_pane", G_STRUCT_OFFSET (CbWindow, editor_pane) },
    { "conflict_list", G_STRUCT_OFFSET (CbWindow, conflict_list) },
    { "list_empty_page", G_STRUCT_OFFSET (CbWindow, list_empty_page) },
    { "sidebar_list", G_STRUCT_OFFSET (CbWindow, sidebar_list) },
    { "filter_bar", G_STRUCT_OFFSET (CbWindow, filter_bar) },
  };

  /* Editors the window makes from the sections table. */
  const struct { const char *name; const char *page; } editors[] = {
    { "observation_editor", "observation" },
    { "cycle_pane", "cycle" },
    { "conflict_editor", "conflicts" },
  };

  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  /* The filter bar's own parts. */
  if (g_str_has_prefix (name, "filter_") && g_strcmp0 (name, "filter_bar") != 0)
    return cb_filter_bar_get_child (self->filter_bar, name + strlen ("filter_"));
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    if (g_strcmp0 (editors[i].name, name) == 0)
      return self->store ? GTK_WIDGET (_cb_window_get_editor (self, editors[i].page)) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    if (g_strcmp0 (children[i].name, name) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, children[i].offset);
  return NULL;
}

void
cb_window_show_toast (CbWindow   *self,
                      const char *message)
{
  g_return_if_fail (CB_IS_WINDOW (self));

  _cb_window_show_toast (self, message);
}

/* The store keeps whether it was found damaged (cb_store_mark_damaged()). */
gboolean
_cb_window_is_damaged (CbWindow *self)
{
  return self->store != NULL && cb_store_is_damaged (self->store);
}

/**
 * cb_window_show_damage:
 *
 * Says above every pane that the store is damaged
 * (cb_store_mark_damaged(): the store keeps the damage and only reads),
 * for as long as the window is open, and makes the window read-only, so
 * nothing the coach types is lost.
 */
void
cb_window_show_damage (CbWindow *self)
{
  static const char * const write_actions[] = {
    "win.new-record", "win.delete-record", "win.restore-record",
    "win.undo-delete", "win.import-roster",
  };
  const GError *error;
  g_autofree char *details = NULL;

  g_return_if_fail (CB_IS_WINDOW (self));

  if (self->store == NULL || (error = cb_store_get_damage (self->store)) == NULL)
    return;
  /* SQLite's report can run to a hundred lines: the coach gets what to
   * do, the report stays in the tooltip for whoever helps them. */
  gtk_label_set_text (self->damage_label,
                      _("The database is damaged. Coachbook has stopped saving changes so the damage "
                        "does not spread; you can still read your notes. Quit, then restore a backup "
                        "or import your last exported file."));
  details = g_utf8_make_valid (error->message, MIN (strlen (error->message), 600));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->damage_label), details);
  gtk_revealer_set_reveal_child (self->damage_revealer, TRUE);

  _cb_window_flush_editors (self);
  for (guint i = 0; i < G_N_ELEMENTS (write_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), write_actions[i], FALSE);
  gtk_widget_set_visible (self->new_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_stack), FALSE);
}

/**
 * cb_window_add_toast:
 * @toast: (transfer full): a toast, such as one with an Undo button
 */
void
cb_window_add_toast (CbWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * cb_window_flush:
 *
 * Writes what the editors hold but have not saved yet, before work on
 * another connection (an export, an import) reads the database.
 */
void
cb_window_flush (CbWindow *self)
{
  g_return_if_fail (CB_IS_WINDOW (self));

  _cb_window_flush_editors (self);
}
