/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's list pane: the record list's factories and model, the
 * look-fors list, the empty states, and what is chosen in it. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-conflict-logic.h"
#include "cb-list-filter.h"
#include "cb-look-fors.h"
#include "cb-names.h"
#include "cb-record-list-model.h"
#include "cb-record-row.h"
#include "cb-search-result.h"
#include "cb-window-private.h"
#include "config.h"

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
void
_cb_window_reload_look_fors (CbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = cb_look_fors_list_sorted (self->store, &error);
  guint selected = GTK_INVALID_LIST_POSITION;

  if (all == NULL)
    {
      _cb_window_show_error (self, error);
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

GListModel *
_cb_window_current_list_model (CbWindow *self)
{
  if (self->section == CB_SECTION_LOOK_FORS)
    return G_LIST_MODEL (self->look_for_store);
  return G_LIST_MODEL (self->list_model);
}

void
_cb_window_update_list_state (CbWindow *self)
{
  const CbSectionInfo *info = cb_section_info (self->section);
  guint n = g_list_model_get_n_items (_cb_window_current_list_model (self));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *subtitle = NULL;
  gboolean filtered = cb_list_filter_is_active (cb_filter_bar_get_filter (self->filter_bar), _cb_window_section_kind (self));

  if (gtk_search_bar_get_search_mode (self->search_bar) && search != NULL && *search != '\0')
    return;

  /* Today, action items (with due and overdue filters) and conflicts
   * have lists of their own. */
  if (g_strcmp0 (info->list, "list") != 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, info->list);
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
  _cb_window_update_list_state (self);
}

/* Record list selection */

static void
on_list_selected_uuid_changed_cb (CbWindow *self)
{
  const char *uuid = cb_record_list_model_get_selected_uuid (self->list_model);

  if (uuid != NULL && g_strcmp0 (uuid, self->current_uuid) != 0)
    _cb_window_open_record (self, uuid, self->pointer_pressed);
  else if (uuid != NULL && self->pointer_pressed)
    _cb_window_show_pane (self, self->editor_pane);
  self->pointer_pressed = FALSE;
}

static void
on_look_for_selection_changed_cb (CbWindow *self)
{
  CbRecord *record = gtk_single_selection_get_selected_item (self->look_for_selection);

  if (record != NULL && g_strcmp0 (cb_record_get_uuid (record), self->current_uuid) != 0)
    _cb_window_open_record (self, cb_record_get_uuid (record), self->pointer_pressed);
  self->pointer_pressed = FALSE;
}

void
_cb_window_on_record_list_activated_cb (CbWindow *self,
                                        guint     position)
{
  g_autoptr(GObject) item = g_list_model_get_item (_cb_window_current_list_model (self), position);

  if (item != NULL && CB_IS_RECORD (item))
    _cb_window_open_record (self, cb_record_get_uuid (CB_RECORD (item)), TRUE);
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

/* A click on the row already open, in a folded window showing the list,
 * goes back to that record: its selection does not change, so nothing
 * else would. Looked at once the list has handled the click. */
static gboolean
show_clicked_record_cb (gpointer data)
{
  g_autoptr(CbWindow) self = data;
  const char *selected = cb_record_list_model_get_selected_uuid (self->list_model);

  if (self->current_uuid != NULL && g_strcmp0 (selected, self->current_uuid) == 0)
    _cb_window_show_pane (self, self->editor_pane);
  return G_SOURCE_REMOVE;
}

static void
on_list_released_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     CbWindow        *self)
{
  g_idle_add (show_clicked_record_cb, g_object_ref (self));
}

void
_cb_window_setup_lists (CbWindow *self)
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
                            G_CALLBACK (_cb_window_on_search_selection_changed_cb), self);

  gtk_list_view_set_factory (self->record_list, factory);
  gtk_list_view_set_model (self->record_list, GTK_SELECTION_MODEL (self->list_model));
  gtk_list_view_set_factory (self->search_list, search_factory);
  gtk_list_view_set_model (self->search_list, GTK_SELECTION_MODEL (self->search_selection));

  /* Only a click (not arrow keys) moves a folded window to the editor. */
  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_list_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (on_list_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->record_list), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_list), GTK_EVENT_CONTROLLER (gesture));
}
