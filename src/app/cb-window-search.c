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

/* Filters: the filter bar (records/cb-filter-bar.c) keeps the filter;
 * the window says when it is offered and applies it. */

static void
update_filter_rows (CbWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean searching = gtk_search_bar_get_search_mode (self->search_bar) && search != NULL && *search != '\0';

  cb_filter_bar_update (self->filter_bar, _cb_window_section_kind (self),
                        !searching &&
                        self->section != CB_SECTION_TODAY &&
                        self->section != CB_SECTION_TRASH &&
                        self->section != CB_SECTION_LOOK_FORS);
}

void
_cb_window_apply_filter (CbWindow *self)
{
  const CbListFilter *list_filter = cb_filter_bar_get_filter (self->filter_bar);
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
    cb_list_filter_apply (list_filter, _cb_window_section_kind (self), &filter);
  if (self->section == CB_SECTION_ACTIONS)
    cb_action_list_set_list_filter (self->action_list, list_filter);
  cb_record_list_model_set_filter (self->list_model, &filter);
  _cb_window_update_list_state (self);
}

void
_cb_window_build_filters (CbWindow *self)
{
  cb_filter_bar_set_names (self->filter_bar, self->names);
  g_signal_connect_swapped (self->filter_bar, "changed", G_CALLBACK (_cb_window_apply_filter), self);
}
