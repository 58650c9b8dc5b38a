/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's search over every section, and the list's filters. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-action-list.h"
#include "cb-conflict-list.h"
#include "cb-list-filter.h"
#include "cb-names.h"
#include "cb-record-list-model.h"
#include "cb-ref-chooser.h"
#include "cb-search-result.h"
#include "cb-window-private.h"

static void update_filter_rows (CbWindow *self);
#include "config.h"

/* Search */

void
_cb_window_run_search (CbWindow   *self,
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
      _cb_window_update_list_state (self);
      return;
    }
  /* TRANSLATORS: the list header while searching every section */
  adw_window_title_set_title (self->list_title, C_("header", "Search"));

  hits = cb_store_search_full (self->store, text, NULL, SEARCH_LIMIT, &count, &error);
  if (hits == NULL && error != NULL)
    {
      _cb_window_show_error (self, error);
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

void
_cb_window_on_search_changed_cb (CbWindow *self)
{
  _cb_window_run_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

void
_cb_window_on_search_activate_cb (CbWindow *self)
{
  g_autoptr(CbSearchResult) first = g_list_model_get_item (G_LIST_MODEL (self->search_store), 0);

  if (first != NULL)
    _cb_window_open_record (self, cb_search_result_get_uuid (first), TRUE);
}

void
_cb_window_on_search_stopped_cb (CbWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
_cb_window_on_search_mode_changed_cb (CbWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      adw_window_title_set_title (self->list_title, _(cb_section_info (self->section)->title));
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_list_store_remove_all (self->search_store);
      _cb_window_update_list_state (self);
    }
}

void
_cb_window_on_search_selection_changed_cb (CbWindow *self)
{
  CbSearchResult *result = gtk_single_selection_get_selected_item (self->search_selection);

  if (result != NULL)
    _cb_window_open_record (self, cb_search_result_get_uuid (result), self->pointer_pressed);
  self->pointer_pressed = FALSE;
}

void
_cb_window_on_search_list_activated_cb (CbWindow *self,
                                        guint     position)
{
  g_autoptr(CbSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_store), position);

  if (result != NULL)
    _cb_window_open_record (self, cb_search_result_get_uuid (result), TRUE);
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
  const char *kind = _cb_window_section_kind (self);
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

void
_cb_window_apply_filter (CbWindow *self)
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
        _cb_window_reload_look_fors (self);
      if (self->section == CB_SECTION_CONFLICTS)
        cb_conflict_list_reload (self->conflict_list);
      _cb_window_update_list_state (self);
      return;
    }
  else
    cb_list_filter_apply (&self->list_filter, _cb_window_section_kind (self), &filter);
  if (self->section == CB_SECTION_ACTIONS)
    cb_action_list_set_list_filter (self->action_list, &self->list_filter);
  cb_record_list_model_set_filter (self->list_model, &filter);
  _cb_window_update_list_state (self);
}

static void
on_filter_chosen_cb (CbRefChooser *chooser,
                     const char   *uuid,
                     CbWindow     *self)
{
  CbListFilterRef ref = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "filter-ref"));

  cb_list_filter_set_ref (&self->list_filter, ref, uuid);
  _cb_window_apply_filter (self);
}

static void
on_filter_clear_clicked_cb (GtkButton *button,
                            CbWindow  *self)
{
  cb_list_filter_clear (&self->list_filter);
  gtk_editable_set_text (GTK_EDITABLE (self->date_from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_to_entry), "");
  _cb_window_apply_filter (self);
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
  _cb_window_apply_filter (self);
}

void
_cb_window_build_filters (CbWindow *self)
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
