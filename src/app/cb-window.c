/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: sections, a lazily paged record list, and the editor
 * of the open record, in a leaflet that folds to one pane when narrow. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-action-list.h"
#include "cb-capture-logic.h"
#include "cb-coaching-day-dialog.h"
#include "cb-backup-ui.h"
#include "cb-csv-export.h"
#include "cb-cycle-pane.h"
#include "cb-section-tools.h"
#include "cb-conflict-editor.h"
#include "cb-conflict-list.h"
#include "cb-conflict-logic.h"
#include "cb-exchange-ui.h"
#include "cb-list-filter.h"
#include "cb-look-fors.h"
#include "cb-names.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-record-list-model.h"
#include "cb-record-row.h"
#include "cb-ref-chooser.h"
#include "cb-roster.h"
#include "cb-search-result.h"
#include "cb-tab-stop.h"
#include "cb-today-view.h"
#include "cb-window.h"

#define SEARCH_LIMIT 200
#define COUNTS_DELAY_MS 250

struct _CbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkRevealer          *damage_revealer;
  GtkLabel             *damage_label;
  GtkRevealer          *sample_revealer;
  GtkWidget            *sidebar_pane;
  GtkWidget            *list_pane;
  GtkWidget            *editor_pane;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *list_title;
  GtkWidget            *new_button;
  GtkWidget            *filter_bar;
  GtkWidget            *filter_button;
  GtkBox               *filter_box;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkWidget            *people_switch;
  GtkToggleButton      *people_toggle;
  GtkToggleButton      *schools_toggle;
  GtkLabel             *filter_label;
  AdwStatusPage        *editor_empty_page;
  GtkLabel             *date_hint;
  GtkStack             *list_stack;
  GtkScrolledWindow    *list_scroller;
  GtkListView          *record_list;
  GtkListView          *search_list;
  AdwStatusPage        *list_empty_page;
  GtkButton            *empty_new_button;
  CbTodayView          *today_view;
  CbConflictList       *conflict_list;
  AdwWindowTitle       *editor_title;
  GtkWidget            *delete_button;
  GtkWidget            *restore_button;
  GtkWidget            *look_for_tools;
  GtkButton            *favourite_button;
  GMenu                *look_for_menu;
  GtkStack             *editor_stack;
  GtkScrolledWindow    *record_scroller;
  CbRecordEditor       *record_editor;
  CbObservationEditor  *observation_editor;
  CbConflictEditor     *conflict_editor;
  CbCyclePane          *cycle_pane;
  CbActionList         *action_list;
  CbSectionTools       *section_tools;
  char                 *current_view;

  CbStore              *store;
  CbNames              *names;
  GSettings            *settings;
  gulong                changed_id;
  guint                 counts_id;
  guint                 scroll_top_id;

  CbRecordListModel    *list_model;
  GListStore           *look_for_store;
  GtkSingleSelection   *look_for_selection;
  GListStore           *search_store;
  GtkSingleSelection   *search_selection;

  CbSection             section;
  gboolean              alt;
  GtkLabel             *counts[CB_N_SECTIONS];
  char                 *current_uuid;
  gboolean              current_deleted;
  gboolean              pointer_pressed;
  gboolean              damaged;

  CbListFilter          list_filter;
  GtkWidget            *filter_rows[CB_LIST_FILTER_N_REFS];
  GtkEntry             *date_from_entry;
  GtkEntry             *date_to_entry;
};

G_DEFINE_FINAL_TYPE (CbWindow, cb_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_list_state  (CbWindow *self);
static void apply_filter       (CbWindow *self);
static void update_filter_rows (CbWindow *self);

/* Helpers */

static void
show_toast (CbWindow   *self,
            const char *message)
{
  /* Toast titles are Pango markup. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (CbWindow     *self,
            const GError *error)
{
  /* A damaged database only reads (cb_window_show_damage()). */
  gboolean refused = self->damaged && g_error_matches (error, CB_STORE_ERROR, CB_STORE_ERROR_READ_ONLY);
  const char *message = refused ? _("Not saved: the database is damaged, and Coachbook has stopped saving changes.")
                        : error ? error->message : _("Something went wrong.");
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* Normal priority: libadwaita 1.2 can abort when a toast pushed
   * aside by a high-priority one comes back. */
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_undo_toast (CbWindow   *self,
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

static const char *
section_kind (CbWindow *self)
{
  return cb_section_kind (self->section, self->alt);
}

static gboolean
is_folded (CbWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

static void
show_pane (CbWindow  *self,
           GtkWidget *pane)
{
  if (is_folded (self))
    adw_leaflet_set_visible_child (self->leaflet, pane);
}

/* Sidebar */

static void
build_sidebar (CbWindow *self)
{
  for (guint i = 0; i < CB_N_SECTIONS; i++)
    {
      const CbSectionInfo *info = cb_section_info (i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (_(info->title));
      GtkWidget *count = gtk_label_new (NULL);

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon_name));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* a long name beside a three-digit count, or in Spanish, takes a
       * second line rather than losing its end */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_add_css_class (count, "caption");
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, info->id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(info->title), -1);
      gtk_list_box_append (self->sidebar_list, row);
      self->counts[i] = GTK_LABEL (count);
    }
}

static gboolean is_child_kind (const char *kind);

/* Kind by kind: each count is a seek in the store's list index, where
 * one count of every deleted record reads the whole index (20 ms at
 * 100,000 records, after each edit). Lines and counters go to the
 * Trash with their parent and are not listed there. */
static guint
count_trash (CbWindow *self)
{
  guint n_kinds = 0, n = 0;
  const CbKind *kinds = cb_kinds (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    {
      CbFilter filter = { 0 };

      if (is_child_kind (kinds[i].name))
        continue;
      filter.kind = kinds[i].name;
      filter.trash = TRUE;
      n += cb_store_count (self->store, &filter);
    }
  return n;
}

static guint
count_section (CbWindow  *self,
               CbSection  section)
{
  const CbSectionInfo *info = cb_section_info (section);
  CbFilter filter = { 0 };
  guint n;

  if (section == CB_SECTION_TODAY)
    return 0;
  if (section == CB_SECTION_CONFLICTS)
    return cb_conflicts_count (self->store);
  if (section == CB_SECTION_TRASH)
    return count_trash (self);
  filter.kind = info->kind;
  n = cb_store_count (self->store, &filter);
  if (info->alt_kind != NULL)
    {
      filter.kind = info->alt_kind;
      n += cb_store_count (self->store, &filter);
    }
  return n;
}

static void
update_counts (CbWindow *self)
{
  g_clear_handle_id (&self->counts_id, g_source_remove);
  if (self->store == NULL)
    return;
  for (guint i = 0; i < CB_N_SECTIONS; i++)
    {
      guint n = count_section (self, i);
      g_autofree char *text = n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");

      gtk_label_set_text (self->counts[i], text);
    }
}

static gboolean
counts_timeout_cb (gpointer data)
{
  CbWindow *self = data;

  self->counts_id = 0;
  update_counts (self);
  return G_SOURCE_REMOVE;
}

/* Lists */

static void
bind_record_row (CbWindow    *self,
                 CbRecordRow *row,
                 CbRecord    *record)
{
  g_autofree char *title = cb_names_title (self->names, record);
  g_autofree char *subtitle = cb_names_describe (self->names, record,
                                                 self->section == CB_SECTION_TRASH);
  const CbField *sort = cb_kind_sort_field (cb_record_get_kind_info (record));
  g_autofree char *date = sort ? cb_date_label (cb_record_get (record, sort->name), NULL) : NULL;
  gboolean starred = g_strcmp0 (cb_record_get_kind (record), "look_for") == 0 &&
                     cb_record_get_bool (record, "favourite");

  cb_record_row_set (row, NULL, title, subtitle, FALSE, date, starred);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CbWindow                 *self)
{
  gtk_list_item_set_child (item, cb_record_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CbWindow                 *self)
{
  CbRecordRow *row = CB_RECORD_ROW (gtk_list_item_get_child (item));
  gpointer object = gtk_list_item_get_item (item);

  if (CB_IS_RECORD (object))
    bind_record_row (self, row, object);
  else if (CB_IS_SEARCH_RESULT (object))
    {
      CbSearchResult *result = object;
      const char *title = cb_search_result_get_title (result);
      g_autofree char *date = cb_search_result_get_date (result)
                              ? cb_date_label (cb_search_result_get_date (result), NULL) : NULL;

      cb_record_row_set (row, cb_search_result_get_context (result),
                         title && *title ? title : _("Untitled"),
                         cb_search_result_get_markup (result), TRUE, date, FALSE);
    }
  else
    cb_record_row_set (row, NULL, "", NULL, FALSE, NULL, FALSE);
}

static GtkListItemFactory *
create_factory (CbWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  return factory;
}

/* Look-for catalogs are small: all of them, in the coach's order
 * (cb-look-fors.c), keeping the open one selected. */
static void
reload_look_fors (CbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = cb_look_fors_list_sorted (self->store, &error);
  guint selected = GTK_INVALID_LIST_POSITION;

  if (all == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < all->len && self->current_uuid != NULL; i++)
    if (g_strcmp0 (cb_record_get_uuid (g_ptr_array_index (all, i)), self->current_uuid) == 0)
      selected = i;
  g_list_store_splice (self->look_for_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->look_for_store)),
                       all->pdata, all->len);
  gtk_single_selection_set_selected (self->look_for_selection, selected);
}

static GListModel *
current_list_model (CbWindow *self)
{
  if (self->section == CB_SECTION_LOOK_FORS)
    return G_LIST_MODEL (self->look_for_store);
  return G_LIST_MODEL (self->list_model);
}

static void
update_list_state (CbWindow *self)
{
  const CbSectionInfo *info = cb_section_info (self->section);
  guint n = g_list_model_get_n_items (current_list_model (self));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *subtitle = NULL;
  gboolean filtered = cb_list_filter_is_active (&self->list_filter, section_kind (self));

  if (gtk_search_bar_get_search_mode (self->search_bar) && search != NULL && *search != '\0')
    return;

  if (self->section == CB_SECTION_TODAY)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "today");
      adw_window_title_set_subtitle (self->list_title, "");
      return;
    }
  if (self->section == CB_SECTION_CONFLICTS)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "conflicts");
      adw_window_title_set_subtitle (self->list_title, "");
      return;
    }
  /* Action items have their own list, with due and overdue filters. */
  if (self->section == CB_SECTION_ACTIONS)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "actions");
      adw_window_title_set_subtitle (self->list_title, "");
      return;
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
  adw_window_title_set_subtitle (self->list_title, subtitle);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (filtered)
    {
      adw_status_page_set_icon_name (self->list_empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->list_empty_page, _("Nothing Matches the Filter"));
      adw_status_page_set_description (self->list_empty_page, _("Clear the filter to see everything."));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_new_button), FALSE);
    }
  else
    {
      adw_status_page_set_icon_name (self->list_empty_page, info->icon_name);
      if (self->section == CB_SECTION_PEOPLE && self->alt)
        {
          adw_status_page_set_title (self->list_empty_page, _("No Schools Yet"));
          adw_status_page_set_description (self->list_empty_page,
                                           _("Add the schools you work in, then the people who teach there."));
          gtk_button_set_label (self->empty_new_button, _("_New School"));
        }
      else
        {
          adw_status_page_set_title (self->list_empty_page, _(info->empty_title));
          adw_status_page_set_description (self->list_empty_page, _(info->empty_description));
          if (info->new_label)
            {
              g_autofree char *label = g_strdup_printf ("_%s", _(info->new_label));
              gtk_button_set_label (self->empty_new_button, label);
            }
        }
      gtk_widget_set_visible (GTK_WIDGET (self->empty_new_button),
                              cb_section_can_create (self->section, self->alt));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
on_n_items_changed_cb (CbWindow *self)
{
  update_list_state (self);
}

/* Editor */

/* Favourite and Move Up/Down, for an open look-for. */
static void
update_look_for_tools (CbWindow *self,
                       CbRecord *record)
{
  gboolean shown = record != NULL && !self->current_deleted && !self->damaged &&
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

static void
update_editor_header (CbWindow *self)
{
  g_autoptr(CbRecord) record = NULL;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->delete_button, self->current_uuid != NULL && !self->current_deleted);
  gtk_widget_set_visible (self->restore_button, self->current_uuid != NULL && self->current_deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-record",
                                 self->current_uuid != NULL && !self->current_deleted && !self->damaged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-record",
                                 self->current_uuid != NULL && self->current_deleted && !self->damaged);

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

static void
close_editor (CbWindow *self)
{
  cb_record_editor_load (self->record_editor, NULL, FALSE);
  cb_observation_editor_unload (self->observation_editor, FALSE);
  cb_conflict_editor_load (self->conflict_editor, NULL);
  cb_cycle_pane_unload (self->cycle_pane);
  g_clear_pointer (&self->current_view, g_free);
  g_clear_pointer (&self->current_uuid, g_free);
  self->current_deleted = FALSE;
  /* The list shows nothing chosen either. */
  if (self->list_model != NULL)
    cb_record_list_model_set_selected_uuid (self->list_model, NULL);
  if (self->look_for_selection != NULL)
    gtk_single_selection_set_selected (self->look_for_selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->editor_stack, "none");
  update_editor_header (self);
}

/* Whether the record in the editor is one the section lists. */
static gboolean
editor_fits_section (CbWindow *self)
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
static void
update_editor_empty_page (CbWindow *self)
{
  const char *description;

  switch (self->section)
    {
    case CB_SECTION_TRASH:
      description = _("Pick a deleted record to see it and restore it.");
      break;
    case CB_SECTION_CONFLICTS:
      description = _("Pick a record to compare its versions and keep the right one.");
      break;
    case CB_SECTION_TODAY:
      description = _("Pick something from Today, or press Ctrl+N to start an observation.");
      break;
    default:
      description = _("Pick a record from the list, or press Ctrl+N to start a new one.");
      break;
    }
  adw_status_page_set_description (self->editor_empty_page, description);
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

  record = cb_store_get (self->store, target, &error);
  if (record == NULL)
    {
      show_error (self, error);
      return FALSE;
    }
  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  cb_cycle_pane_flush (self->cycle_pane);
  cb_record_editor_load (self->record_editor, NULL, FALSE);
  cb_observation_editor_unload (self->observation_editor, FALSE);
  cb_cycle_pane_unload (self->cycle_pane);
  g_free (self->current_uuid);
  self->current_uuid = g_strdup (target);
  self->current_deleted = cb_record_get_deleted (record);
  cb_conflict_editor_load (self->conflict_editor, target);
  cb_conflict_list_set_selected (self->conflict_list, target);
  gtk_stack_set_visible_child_name (self->editor_stack, "conflicts");
  update_editor_header (self);
  if (navigate)
    show_pane (self, self->editor_pane);
  return TRUE;
}

/* Children edited inside their parent's editor open the parent. */
static const char *
parent_field_to_open (const char *kind)
{
  static const char * const shown_in_parent[] = {
    "evidence", "tally", "monitor", "segment", "agenda_item", "attendance", NULL
  };
  const CbField *parent;

  if (kind == NULL || !g_strv_contains (shown_in_parent, kind))
    return NULL;
  parent = cb_kind_parent_field (cb_kind_lookup (kind));
  return parent ? parent->name : NULL;
}

static gboolean
open_record (CbWindow   *self,
             const char *uuid,
             gboolean    navigate)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_strdup (uuid);
  const char *kind;
  gboolean ok;

  if (self->store == NULL || uuid == NULL)
    return FALSE;
  if (self->section == CB_SECTION_CONFLICTS)
    return open_conflicts (self, uuid, navigate);

  record = cb_store_get (self->store, target, &error);
  if (record == NULL)
    {
      show_error (self, error);
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
              show_error (self, error);
              return FALSE;
            }
          kind = cb_record_get_kind (record);
        }
    }

  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  cb_cycle_pane_flush (self->cycle_pane);

  g_free (self->current_uuid);
  self->current_uuid = g_strdup (target);
  self->current_deleted = cb_record_get_deleted (record);

  g_clear_pointer (&self->current_view, g_free);
  if (g_strcmp0 (kind, "observation") == 0 && !self->current_deleted)
    {
      cb_record_editor_load (self->record_editor, NULL, FALSE);
      cb_cycle_pane_unload (self->cycle_pane);
      ok = cb_observation_editor_load (self->observation_editor, target);
      gtk_stack_set_visible_child_name (self->editor_stack, "observation");
    }
  else if (cb_cycle_pane_handles (kind) && !self->current_deleted)
    {
      cb_record_editor_load (self->record_editor, NULL, FALSE);
      cb_observation_editor_unload (self->observation_editor, FALSE);
      ok = cb_cycle_pane_load (self->cycle_pane, kind, target);
      gtk_stack_set_visible_child_name (self->editor_stack, "cycle");
    }
  else
    {
      cb_observation_editor_unload (self->observation_editor, FALSE);
      cb_cycle_pane_unload (self->cycle_pane);
      ok = cb_record_editor_load (self->record_editor, target, self->current_deleted);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->record_scroller), 0);
      gtk_stack_set_visible_child_name (self->editor_stack, "record");
    }

  if (self->section != CB_SECTION_LOOK_FORS)
    cb_record_list_model_set_selected_uuid (self->list_model, target);
  update_editor_header (self);
  if (navigate)
    show_pane (self, self->editor_pane);
  return ok;
}

/* Search */

static void
run_search (CbWindow   *self,
            const char *text)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = cb_search_build_query (text);
  CbSearchCount count = { 0 };

  /* Search finds records of every kind: the filter does not apply,
   * and the header names no section. */
  update_filter_rows (self);
  if (query == NULL)
    {
      adw_window_title_set_title (self->list_title, _(cb_section_info (self->section)->title));
      g_list_store_remove_all (self->search_store);
      update_list_state (self);
      return;
    }
  /* TRANSLATORS: the list header while searching every section */
  adw_window_title_set_title (self->list_title, C_("header", "Search"));

  hits = cb_store_search_full (self->store, text, NULL, SEARCH_LIMIT, &count, &error);
  if (hits == NULL && error != NULL)
    {
      show_error (self, error);
      return;
    }
  results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; hits && i < hits->len; i++)
    {
      CbSearchHit *hit = g_ptr_array_index (hits, i);
      g_ptr_array_add (results, cb_search_result_new (hit));
    }
  g_list_store_splice (self->search_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->search_store)),
                       results->pdata, results->len);
  gtk_single_selection_set_selected (self->search_selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->list_stack, results->len > 0 ? "search" : "no-results");
  {
    g_autofree char *subtitle = cb_search_summary (results->len, count.n, count.more);
    adw_window_title_set_subtitle (self->list_title, subtitle);
  }
}

static void
on_search_changed_cb (CbWindow *self)
{
  run_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate_cb (CbWindow *self)
{
  g_autoptr(CbSearchResult) first = g_list_model_get_item (G_LIST_MODEL (self->search_store), 0);

  if (first != NULL)
    open_record (self, cb_search_result_get_uuid (first), TRUE);
}

static void
on_search_stopped_cb (CbWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_changed_cb (CbWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      adw_window_title_set_title (self->list_title, _(cb_section_info (self->section)->title));
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_list_store_remove_all (self->search_store);
      update_list_state (self);
    }
}

static void
on_search_selection_changed_cb (CbWindow *self)
{
  CbSearchResult *result = gtk_single_selection_get_selected_item (self->search_selection);

  if (result != NULL)
    open_record (self, cb_search_result_get_uuid (result), self->pointer_pressed);
  self->pointer_pressed = FALSE;
}

static void
on_search_list_activated_cb (CbWindow *self,
                             guint     position)
{
  g_autoptr(CbSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_store), position);

  if (result != NULL)
    open_record (self, cb_search_result_get_uuid (result), TRUE);
}

/* Filters: a teacher, a school, a look-for and dates, all at once
 * (cb-list-filter.c decides what each means for each list). */

static const char *
filter_name_cb (const char *uuid,
                gpointer    data)
{
  return cb_names_lookup (data, uuid);
}

static void
update_filter_rows (CbWindow *self)
{
  const char *kind = section_kind (self);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean searching = gtk_search_bar_get_search_mode (self->search_bar) && search != NULL && *search != '\0';
  g_autofree char *text = NULL;

  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    {
      const char *value = self->list_filter.refs[i];

      gtk_widget_set_visible (self->filter_rows[i], cb_list_filter_field (kind, i) != NULL);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->filter_rows[i]),
                                   value ? cb_names_lookup (self->names, value) : _("Any"));
    }
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->date_from_entry)),
                          cb_list_filter_has_dates (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->date_hint),
                          cb_list_filter_has_dates (kind) &&
                          (gtk_widget_has_css_class (GTK_WIDGET (self->date_from_entry), "error") ||
                           gtk_widget_has_css_class (GTK_WIDGET (self->date_to_entry), "error")));
  gtk_widget_set_visible (self->filter_bar, cb_list_filter_offered (kind) && !searching &&
                                            self->section != CB_SECTION_TODAY &&
                                            self->section != CB_SECTION_TRASH &&
                                            self->section != CB_SECTION_LOOK_FORS);
  text = cb_list_filter_describe (&self->list_filter, kind, filter_name_cb, self->names);
  gtk_label_set_text (self->filter_label, text ? text : "");
}

static void
apply_filter (CbWindow *self)
{
  CbFilter filter = { 0 };

  update_filter_rows (self);
  if (self->store == NULL)
    return;

  if (self->section == CB_SECTION_TRASH)
    filter.trash = TRUE;
  else if (self->section == CB_SECTION_TODAY || self->section == CB_SECTION_LOOK_FORS ||
           self->section == CB_SECTION_CONFLICTS)
    {
      cb_record_list_model_set_filter (self->list_model, NULL);
      if (self->section == CB_SECTION_LOOK_FORS)
        reload_look_fors (self);
      if (self->section == CB_SECTION_CONFLICTS)
        cb_conflict_list_reload (self->conflict_list);
      update_list_state (self);
      return;
    }
  else
    cb_list_filter_apply (&self->list_filter, section_kind (self), &filter);
  if (self->section == CB_SECTION_ACTIONS)
    cb_action_list_set_list_filter (self->action_list, &self->list_filter);
  cb_record_list_model_set_filter (self->list_model, &filter);
  update_list_state (self);
}

static void
on_filter_chosen_cb (CbRefChooser *chooser,
                     const char   *uuid,
                     CbWindow     *self)
{
  CbListFilterRef ref = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "filter-ref"));

  cb_list_filter_set_ref (&self->list_filter, ref, uuid);
  apply_filter (self);
}

static void
on_filter_clear_clicked_cb (GtkButton *button,
                            CbWindow  *self)
{
  cb_list_filter_clear (&self->list_filter);
  gtk_editable_set_text (GTK_EDITABLE (self->date_from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_to_entry), "");
  apply_filter (self);
}

static void
on_filter_date_changed_cb (GtkEditable *editable,
                           CbWindow    *self)
{
  GtkEditable *entries[] = { GTK_EDITABLE (self->date_from_entry), GTK_EDITABLE (self->date_to_entry) };
  char *dates[2] = { NULL, NULL };

  /* A date half typed is marked, says how to type one, and does not
   * limit the list yet; the locale's own way of writing it is read too. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entries[i])));

      if (*text != '\0')
        dates[i] = cb_date_from_typed (text);
      if (*text == '\0' || dates[i] != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (entries[i]), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (entries[i]), "error");
    }
  cb_list_filter_set_dates (&self->list_filter, dates[0], dates[1]);
  g_free (dates[0]);
  g_free (dates[1]);
  apply_filter (self);
}

static void
build_filters (CbWindow *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *dates = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filter"));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* The popover is a window of its own: it fits a screen 360 wide. */
  gtk_widget_set_size_request (list, 280, -1);
  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *chooser = cb_ref_chooser_new (self->names, cb_list_filter_ref_kind (i));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cb_list_filter_ref_title (i));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Choose"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose"), -1);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), chooser);
      g_object_set_data (G_OBJECT (chooser), "filter-ref", GUINT_TO_POINTER (i));
      g_signal_connect (chooser, "chosen", G_CALLBACK (on_filter_chosen_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      self->filter_rows[i] = row;
    }
  gtk_box_append (self->filter_box, list);

  self->date_from_entry = GTK_ENTRY (gtk_entry_new ());
  self->date_to_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->date_from_entry, _("From (YYYY-MM-DD)"));
  gtk_entry_set_placeholder_text (self->date_to_entry, _("To (YYYY-MM-DD)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_from_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("From date"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_to_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("To date"), -1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_from_entry), 11);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_to_entry), 11);
  g_signal_connect (self->date_from_entry, "changed", G_CALLBACK (on_filter_date_changed_cb), self);
  g_signal_connect (self->date_to_entry, "changed", G_CALLBACK (on_filter_date_changed_cb), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self->date_from_entry), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->date_to_entry), TRUE);
  gtk_box_append (GTK_BOX (dates), GTK_WIDGET (self->date_from_entry));
  gtk_box_append (GTK_BOX (dates), GTK_WIDGET (self->date_to_entry));
  gtk_box_append (self->filter_box, dates);
  {
    g_autofree char *hint = cb_date_format_hint ();

    self->date_hint = GTK_LABEL (gtk_label_new (hint));
    gtk_label_set_wrap (self->date_hint, TRUE);
    gtk_label_set_xalign (self->date_hint, 0);
    gtk_widget_add_css_class (GTK_WIDGET (self->date_hint), "caption");
    gtk_widget_add_css_class (GTK_WIDGET (self->date_hint), "error");
    gtk_widget_set_visible (GTK_WIDGET (self->date_hint), FALSE);
    gtk_box_append (self->filter_box, GTK_WIDGET (self->date_hint));
  }

  g_signal_connect (clear, "clicked", G_CALLBACK (on_filter_clear_clicked_cb), self);
  gtk_box_append (self->filter_box, clear);
}

/* Sections */

static gboolean
scroll_list_top_cb (gpointer data)
{
  CbWindow *self = data;

  self->scroll_top_id = 0;
  /* GtkListView warns when asked to scroll while it has no rows. */
  if (g_list_model_get_n_items (current_list_model (self)) > 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self->record_list)))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
  return G_SOURCE_REMOVE;
}

static void
set_section (CbWindow  *self,
             CbSection  section,
             gboolean   alt)
{
  const CbSectionInfo *info = cb_section_info (section);
  GtkSelectionModel *new_model;
  gboolean same_model;
  GtkListBoxRow *row;

  self->section = section;
  self->alt = alt && info->alt_kind != NULL;

  row = gtk_list_box_get_row_at_index (self->sidebar_list, section);
  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);

  adw_window_title_set_title (self->list_title, _(info->title));
  gtk_widget_set_visible (self->people_switch, section == CB_SECTION_PEOPLE);
  cb_section_tools_set_section (self->section_tools, section);
  if (section == CB_SECTION_ACTIONS)
    cb_action_list_reload (self->action_list);
  /* A view (coaching time, the PD calendar) belongs to its section; a
   * record stays open only in a section that lists it. */
  if (self->current_view != NULL || !editor_fits_section (self))
    close_editor (self);
  update_editor_empty_page (self);
  if (section == CB_SECTION_PEOPLE)
    gtk_toggle_button_set_active (self->alt ? self->schools_toggle : self->people_toggle, TRUE);

  gtk_widget_set_visible (self->new_button, cb_section_can_create (section, self->alt) && !self->damaged);
  {
    const char *label = section == CB_SECTION_PEOPLE && self->alt ? _("New School")
                        : info->new_label != NULL ? _(info->new_label) : NULL;

    if (label != NULL)
      {
        gtk_widget_set_tooltip_text (self->new_button, label);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
  }

  new_model = section == CB_SECTION_LOOK_FORS
              ? GTK_SELECTION_MODEL (self->look_for_selection)
              : GTK_SELECTION_MODEL (self->list_model);
  same_model = gtk_list_view_get_model (self->record_list) == new_model;
  gtk_list_view_set_model (self->record_list, new_model);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  apply_filter (self);
  /* A new section starts at its top. A new model does anyway; the same
   * model refiltered is scrolled once its rows exist. */
  if (same_model && self->scroll_top_id == 0)
    self->scroll_top_id = g_idle_add (scroll_list_top_cb, self);
}

static void
on_sidebar_row_selected_cb (CbWindow      *self,
                            GtkListBoxRow *row)
{
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index >= 0 && (CbSection) index != self->section)
    set_section (self, index, FALSE);
}

static void
on_sidebar_row_activated_cb (CbWindow      *self,
                             GtkListBoxRow *row)
{
  show_pane (self, self->list_pane);
}

static void
on_people_toggled_cb (CbWindow *self)
{
  gboolean alt = !gtk_toggle_button_get_active (self->people_toggle);

  if (self->section == CB_SECTION_PEOPLE && alt != self->alt)
    set_section (self, CB_SECTION_PEOPLE, alt);
}

/* Record list selection */

static void
on_list_selected_uuid_changed_cb (CbWindow *self)
{
  const char *uuid = cb_record_list_model_get_selected_uuid (self->list_model);

  if (uuid != NULL && g_strcmp0 (uuid, self->current_uuid) != 0)
    open_record (self, uuid, self->pointer_pressed);
  else if (uuid != NULL && self->pointer_pressed)
    show_pane (self, self->editor_pane);
  self->pointer_pressed = FALSE;
}

static void
on_look_for_selection_changed_cb (CbWindow *self)
{
  CbRecord *record = gtk_single_selection_get_selected_item (self->look_for_selection);

  if (record != NULL && g_strcmp0 (cb_record_get_uuid (record), self->current_uuid) != 0)
    open_record (self, cb_record_get_uuid (record), self->pointer_pressed);
  self->pointer_pressed = FALSE;
}

static void
on_record_list_activated_cb (CbWindow *self,
                             guint     position)
{
  g_autoptr(GObject) item = g_list_model_get_item (current_list_model (self), position);

  if (item != NULL && CB_IS_RECORD (item))
    open_record (self, cb_record_get_uuid (CB_RECORD (item)), TRUE);
}

static void
on_list_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CbWindow        *self)
{
  self->pointer_pressed = TRUE;
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
  open_record (self, uuid, TRUE);
}

/* "Open the Record" in the Conflicts view: its usual editor, in its
 * usual section. */
static void
on_conflict_editor_open_record_cb (CbWindow   *self,
                                   const char *uuid)
{
  g_autoptr(CbRecord) record = cb_store_get (self->store, uuid, NULL);
  g_autofree char *target = g_strdup (uuid);

  if (record == NULL)
    return;
  set_section (self, cb_record_get_deleted (record) ? CB_SECTION_TRASH
                                                    : cb_section_for_kind (cb_record_get_kind (record)),
               g_strcmp0 (cb_record_get_kind (record), "school") == 0);
  open_record (self, target, TRUE);
}

static void
on_conflict_editor_message_cb (CbWindow   *self,
                               const char *message)
{
  show_toast (self, message);
}

static void
on_editor_error_cb (CbWindow   *self,
                    const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (CB_STORE_ERROR, CB_STORE_ERROR_FAILED, message);

  show_error (self, error);
}

static void
on_line_deleted_cb (CbWindow   *self,
                    const char *uuid)
{
  show_undo_toast (self, _("Line deleted"), uuid);
}

static gboolean
is_child_kind (const char *kind)
{
  const CbKind *info = cb_kind_lookup (kind);

  return info != NULL && cb_kind_parent_field (info) != NULL &&
         g_strcmp0 (kind, "look_for") != 0;
}

static void
on_store_changed_cb (CbStore    *store,
                     const char *kind,
                     const char *uuid,
                     CbWindow   *self)
{
  /* Lines and counters typed during a lesson change no section count:
   * counting costs nothing then, whatever the size of the database. */
  if (self->counts_id == 0 && !is_child_kind (kind))
    self->counts_id = g_timeout_add (COUNTS_DELAY_MS, counts_timeout_cb, self);

  if (self->current_uuid != NULL && (uuid == NULL || g_strcmp0 (uuid, self->current_uuid) == 0))
    {
      g_autoptr(CbRecord) record = cb_store_get (store, self->current_uuid, NULL);

      /* Deleted or restored elsewhere (an Undo, an import): follow it. */
      if (record == NULL)
        close_editor (self);
      else if (cb_record_get_deleted (record) != self->current_deleted)
        {
          if (cb_record_get_deleted (record) && self->section != CB_SECTION_TRASH)
            close_editor (self);
          else
            {
              g_autofree char *current = g_strdup (self->current_uuid);
              open_record (self, current, FALSE);
            }
        }
      else
        update_editor_header (self);
    }

  if (self->section == CB_SECTION_LOOK_FORS &&
      (kind == NULL || g_strcmp0 (kind, "look_for") == 0 || g_strcmp0 (kind, "framework") == 0))
    reload_look_fors (self);
}

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
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->editor_stack), "cycle") == 0)
    cb_cycle_pane_focus_first (self->cycle_pane);
  else
    cb_record_editor_focus_first (self->record_editor);
}

static void
search_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);

  if (self->store == NULL)
    return;
  show_pane (self, self->list_pane);
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

  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  cb_cycle_pane_flush (self->cycle_pane);
  close_editor (self);
  if (!cb_store_delete (self->store, uuid, &error))
    {
      show_error (self, error);
      return;
    }
  /* TRANSLATORS: %s is the title of a record */
  message = g_strdup_printf (_("“%s” deleted"), title);
  show_undo_toast (self, message, uuid);
  show_pane (self, self->list_pane);
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
    show_error (self, error);
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
      show_error (self, error);
      return;
    }
  show_toast (self, _("Restored"));
  open_record (self, uuid, FALSE);
}

/* The look-for in the editor, its pending edits written; NULL when the
 * editor shows something else or the database is read-only. */
static CbRecord *
current_look_for (CbWindow *self)
{
  g_autoptr(CbRecord) record = NULL;

  if (self->current_uuid == NULL || self->damaged ||
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
    show_error (self, error);
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
    show_error (self, error);
  cb_record_editor_reload_field (self->record_editor, "position");
  /* Its neighbours moved: whether it can move again changed. */
  update_editor_header (self);
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
      set_section (self, info->section, FALSE);
      show_pane (self, self->list_pane);
    }
}

static void
open_record_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  open_record (CB_WINDOW (widget), g_variant_get_string (param, NULL), TRUE);
}

/* The actions views use to reach the window without naming it. */
static void
toast_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  show_toast (CB_WINDOW (widget), g_variant_get_string (param, NULL));
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
        show_error (self, error);
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
  set_section (self, CB_SECTION_PEOPLE, FALSE);
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
  chooser = gtk_file_chooser_native_new (_("Import a Roster"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_roster_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Window */

/* Coaching cycle and PD views */

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
  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  close_editor (self);
  cb_cycle_pane_show_view (self->cycle_pane, view);
  self->current_view = g_strdup (view);
  gtk_stack_set_visible_child_name (self->editor_stack, "cycle");
  adw_window_title_set_title (self->editor_title, title);
  adw_window_title_set_subtitle (self->editor_title, "");
  show_pane (self, self->editor_pane);
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
  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  cb_csv_export_run (widget, self->store, kind);
}

static void
back_up_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CbWindow *self = CB_WINDOW (widget);

  if (self->store == NULL)
    return;
  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  cb_backup_ui_run (widget, self->store);
}

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

  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_unload (self->observation_editor, TRUE);
  cb_cycle_pane_flush (self->cycle_pane);
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
  cb_list_filter_clear (&self->list_filter);

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

  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.delete-record", NULL, delete_record_action);
  gtk_widget_class_install_action (widget_class, "win.restore-record", NULL, restore_record_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "s", open_record_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.undo-toast", "(ss)", undo_toast_action);
  gtk_widget_class_install_action (widget_class, "win.flush", NULL, flush_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.coaching-day", NULL, coaching_day_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", "s", export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL, import_roster_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-favourite", NULL, toggle_favourite_action);
  gtk_widget_class_install_action (widget_class, "win.look-for-up", NULL, move_look_for_action);
  gtk_widget_class_install_action (widget_class, "win.look-for-down", NULL, move_look_for_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.look-for-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.look-for-down", NULL);

  /* A binding, not an application accelerator: those run before the
   * focused widget, and Ctrl+Delete in a text field deletes a word. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.delete-record", NULL);

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
  gtk_widget_class_bind_template_child (widget_class, CbWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, people_switch);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, people_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, schools_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, filter_label);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, editor_empty_page);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, record_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, list_empty_page);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, today_view);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, editor_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, look_for_tools);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, favourite_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, look_for_menu);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, record_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, record_editor);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, observation_editor);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, cycle_pane);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, action_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, section_tools);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_people_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_record_list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_record_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_error_cb);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, conflict_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, conflict_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_editor_open_record_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_editor_message_cb);
}

static void
cb_window_init (CbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
setup_lists (CbWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = create_factory (self);
  g_autoptr(GtkListItemFactory) search_factory = create_factory (self);
  GtkGesture *gesture;

  self->list_model = cb_record_list_model_new (self->store);
  g_signal_connect_swapped (self->list_model, "notify::selected-uuid",
                            G_CALLBACK (on_list_selected_uuid_changed_cb), self);
  g_signal_connect_swapped (self->list_model, "notify::n-items",
                            G_CALLBACK (on_n_items_changed_cb), self);

  self->look_for_store = g_list_store_new (CB_TYPE_RECORD);
  self->look_for_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->look_for_store)));
  gtk_single_selection_set_autoselect (self->look_for_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->look_for_selection, TRUE);
  gtk_single_selection_set_selected (self->look_for_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->look_for_selection, "notify::selected",
                            G_CALLBACK (on_look_for_selection_changed_cb), self);
  g_signal_connect_swapped (self->look_for_store, "items-changed",
                            G_CALLBACK (on_n_items_changed_cb), self);

  self->search_store = g_list_store_new (CB_TYPE_SEARCH_RESULT);
  self->search_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->search_store)));
  gtk_single_selection_set_autoselect (self->search_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->search_selection, TRUE);
  g_signal_connect_swapped (self->search_selection, "notify::selected",
                            G_CALLBACK (on_search_selection_changed_cb), self);

  gtk_list_view_set_factory (self->record_list, factory);
  gtk_list_view_set_model (self->record_list, GTK_SELECTION_MODEL (self->list_model));
  gtk_list_view_set_factory (self->search_list, search_factory);
  gtk_list_view_set_model (self->search_list, GTK_SELECTION_MODEL (self->search_selection));

  /* Only a click (not arrow keys) moves a folded window to the editor. */
  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->record_list), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_list), GTK_EVENT_CONTROLLER (gesture));
}

/**
 * cb_window_new:
 * @app: the application the window belongs to
 * @store: (nullable): the store the window shows; %NULL if it could
 *   not be opened
 * @store_error: (nullable): why @store could not be opened
 * @settings: (nullable): the application's settings
 * @sample: whether @store is the sample notebook (never synced)
 * @damage: (nullable): the damage a check found in @store
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
               gboolean        sample,
               const GError   *damage)
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

  cb_record_editor_set_names (self->record_editor, self->names);
  cb_observation_editor_set_names (self->observation_editor, self->names);
  cb_cycle_pane_set_names (self->cycle_pane, self->names);
  cb_action_list_set_names (self->action_list, self->names);
  cb_observation_editor_set_settings (self->observation_editor, self->settings);
  g_signal_connect_swapped (self->observation_editor, "line-deleted",
                            G_CALLBACK (on_line_deleted_cb), self);
  g_signal_connect_swapped (self->observation_editor, "notify::focus-mode",
                            G_CALLBACK (on_focus_mode_changed_cb), self);
  cb_today_view_set_names (self->today_view, self->names);
  cb_conflict_list_set_names (self->conflict_list, self->names);
  cb_conflict_editor_set_names (self->conflict_editor, self->names);
  /* A sample notebook never reaches the sync folder. */
  cb_exchange_ui_setup (GTK_WINDOW (self), self->toast_overlay, store, sample ? NULL : self->settings);
  gtk_revealer_set_reveal_child (self->sample_revealer, sample);
  cb_today_view_set_settings (self->today_view, self->settings);

  build_sidebar (self);
  build_filters (self);
  setup_lists (self);
  gtk_stack_set_visible_child_name (self->main_stack, "main");

  set_section (self, CB_SECTION_TODAY, FALSE);
  if (damage != NULL)
    cb_window_show_damage (self, damage);
  /* Counting waits until the window is on screen. */
  self->counts_id = g_idle_add_full (G_PRIORITY_LOW, counts_timeout_cb, self, NULL);
  close_editor (self);
  /* A lesson still running (the app crashed, or was closed with its
   * clock running) opens again, beside Today. */
  {
    g_autofree char *running = cb_observation_editor_find_running (store);

    if (running != NULL)
      open_record (self, running, TRUE);
  }
  return self;
}

void
cb_window_set_section (CbWindow  *self,
                       CbSection  section)
{
  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (section < CB_N_SECTIONS);

  if (self->store != NULL)
    set_section (self, section, FALSE);
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

  return open_record (self, uuid, TRUE);
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
  const CbKind *info;
  const CbField *date;
  g_autofree char *today = cb_today_string ();
  g_autofree char *focus = NULL;
  g_autofree char *position = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[4];
  const char *values[4];
  guint n = 0;
  char *uuid;

  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  kind = section_kind (self);
  if (kind == NULL)
    {
      set_section (self, CB_SECTION_OBSERVATIONS, FALSE);
      kind = "observation";
    }
  info = cb_kind_lookup (kind);
  date = cb_kind_sort_field (info);
  if (date != NULL && date->type == CB_TYPE_DATE && g_strcmp0 (kind, "action_item") != 0)
    {
      names[n] = date->name;
      values[n++] = today;
    }
  if (g_strcmp0 (kind, "observation") == 0 && self->settings != NULL)
    {
      g_auto(GStrv) def = g_settings_get_strv (self->settings, "default-focus");

      if (def[0] != NULL)
        {
          focus = g_strjoinv (" ", def);
          names[n] = "focus";
          values[n++] = focus;
        }
    }
  if (g_strcmp0 (kind, "person") == 0)
    {
      names[n] = "role";
      values[n++] = "teacher";
    }
  if (g_strcmp0 (kind, "look_for") == 0)
    {
      /* Last among the coach's own look-fors. */
      position = g_strdup_printf ("%" G_GINT64_FORMAT, cb_look_fors_next_position (self->store, NULL));
      names[n] = "position";
      values[n++] = position;
    }
  if (g_strcmp0 (kind, "action_item") == 0)
    {
      names[n] = "status";
      values[n++] = "open";
    }

  uuid = cb_store_create (self->store, kind, names, values, n, &error);
  if (uuid == NULL)
    {
      show_error (self, error);
      return NULL;
    }
  open_record (self, uuid, TRUE);
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
  run_search (self, text);
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
  return current_list_model (self);
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
    { "observation_editor", G_STRUCT_OFFSET (CbWindow, observation_editor) },
    { "cycle_pane", G_STRUCT_OFFSET (CbWindow, cycle_pane) },
    { "action_list", G_STRUCT_OFFSET (CbWindow, action_list) },
    { "section_tools", G_STRUCT_OFFSET (CbWindow, section_tools) },
    { "today_view", G_STRUCT_OFFSET (CbWindow, today_view) },
    { "sidebar_pane", G_STRUCT_OFFSET (CbWindow, sidebar_pane) },
    { "list_pane", G_STRUCT_OFFSET (CbWindow, list_pane) },
    { "editor_pane", G_STRUCT_OFFSET (CbWindow, editor_pane) },
    { "conflict_list", G_STRUCT_OFFSET (CbWindow, conflict_list) },
    { "conflict_editor", G_STRUCT_OFFSET (CbWindow, conflict_editor) },
    { "list_empty_page", G_STRUCT_OFFSET (CbWindow, list_empty_page) },
    { "sidebar_list", G_STRUCT_OFFSET (CbWindow, sidebar_list) },
    { "filter_bar", G_STRUCT_OFFSET (CbWindow, filter_bar) },
    { "filter_label", G_STRUCT_OFFSET (CbWindow, filter_label) },
    { "filter_button", G_STRUCT_OFFSET (CbWindow, filter_button) },
    { "filter_box", G_STRUCT_OFFSET (CbWindow, filter_box) },
  };

  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);

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

  show_toast (self, message);
}

/**
 * cb_window_show_damage:
 * @error: the damage cb_store_check_file() found
 *
 * Says so above every pane, for as long as the window is open, and
 * makes the window read-only: the application has stopped the store
 * writing (see cb_application_get_damage()), so nothing the coach types
 * could be kept.
 */
void
cb_window_show_damage (CbWindow     *self,
                       const GError *error)
{
  static const char * const write_actions[] = {
    "win.new-record", "win.delete-record", "win.restore-record",
    "win.undo-delete", "win.import-roster",
  };
  g_autofree char *details = NULL;

  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* SQLite's report can run to a hundred lines: the coach gets what to
   * do, the report stays in the tooltip for whoever helps them. */
  gtk_label_set_text (self->damage_label,
                      _("The database is damaged. Coachbook has stopped saving changes so the damage "
                        "does not spread; you can still read your notes. Quit, then restore a backup "
                        "or import your last exported file."));
  details = g_utf8_make_valid (error->message, MIN (strlen (error->message), 600));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->damage_label), details);
  gtk_revealer_set_reveal_child (self->damage_revealer, TRUE);

  if (self->store == NULL)
    return;
  self->damaged = TRUE;
  cb_exchange_ui_set_damaged (GTK_WINDOW (self));
  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  cb_cycle_pane_flush (self->cycle_pane);
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

  cb_record_editor_flush (self->record_editor);
  cb_observation_editor_flush (self->observation_editor);
  cb_cycle_pane_flush (self->cycle_pane);
}
