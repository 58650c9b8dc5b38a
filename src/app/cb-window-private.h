/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-action-list.h"
#include "cb-conflict-editor.h"
#include "cb-conflict-list.h"
#include "cb-cycle-pane.h"
#include "cb-editor.h"
#include "cb-filter-bar.h"
#include "cb-list-filter.h"
#include "cb-names.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-record-list-model.h"
#include "cb-section-tools.h"
#include "cb-today-view.h"
#include "cb-window.h"

G_BEGIN_DECLS

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
  CbFilterBar          *filter_bar;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkWidget            *people_switch;
  GtkToggleButton      *people_toggle;
  GtkToggleButton      *schools_toggle;
  AdwStatusPage        *editor_empty_page;
  GtkStack             *list_stack;
  GtkScrolledWindow    *list_scroller;
  GtkListView          *record_list;
  GtkListView          *search_list;
  AdwStatusPage        *list_empty_page;
  GtkButton            *empty_new_button;
  CbTodayView          *today_view;
  CbConflictList       *conflict_list;
  AdwWindowTitle       *editor_title;
  GtkWidget            *recording_indicator;
  GtkWidget            *delete_button;
  GtkWidget            *restore_button;
  GtkWidget            *look_for_tools;
  GtkButton            *favourite_button;
  GMenu                *look_for_menu;
  GtkStack             *editor_stack;
  GtkScrolledWindow    *record_scroller;
  CbRecordEditor       *record_editor;
  /* Made by the window from the sections table (observation is
   * needed from the start: a running lesson reopens). */
  CbObservationEditor  *observation_editor;
  /* The editor pane's pages that edit records, page name to CbEditor
   * (the stack holds them): the generic editor, then each page the
   * sections table names, made when first needed. */
  GHashTable           *editors;
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
  GtkLabel            **counts;  /* by sidebar row */
  char                 *current_uuid;
  gboolean              current_deleted;
  gboolean              pointer_pressed;

};

/* cb-window.c */
gboolean _cb_window_is_child_kind (const char *kind);
const char *_cb_window_section_kind (CbWindow *self);
void _cb_window_show_error (CbWindow *self,
                            const GError *error);
void _cb_window_show_pane (CbWindow *self,
                           GtkWidget *pane);
void _cb_window_show_toast (CbWindow *self,
                            const char *message);
void _cb_window_show_undo_toast (CbWindow *self,
                                 const char *title,
                                 const char *uuid);

/* cb-window-editor.c */
void _cb_window_close_editor (CbWindow *self);
gboolean _cb_window_editor_fits_section (CbWindow *self);
void _cb_window_flush_editors (CbWindow *self);
CbEditor *_cb_window_get_editor (CbWindow *self,
                                 const char *page);
gboolean _cb_window_is_damaged (CbWindow *self);
void _cb_window_on_editor_open_record_cb (CbWindow *self,
                                          const char *uuid);
void _cb_window_on_editor_message_cb (CbWindow *self,
                                      const char *message);
gboolean _cb_window_open_record (CbWindow *self,
                                 const char *uuid,
                                 gboolean navigate);
void _cb_window_update_editor_empty_page (CbWindow *self);
void _cb_window_update_editor_header (CbWindow *self);

/* cb-sidebar.c */
void _cb_window_build_sidebar (CbWindow *self);
gboolean _cb_window_counts_timeout_cb (gpointer data);
void _cb_window_on_people_toggled_cb (CbWindow *self);
void _cb_window_on_sidebar_row_activated_cb (CbWindow *self,
                                             GtkListBoxRow *row);
void _cb_window_on_sidebar_row_selected_cb (CbWindow *self,
                                            GtkListBoxRow *row);
void _cb_window_set_section (CbWindow *self,
                             CbSection section,
                             gboolean alt);

/* cb-window-list.c */
GListModel *_cb_window_current_list_model (CbWindow *self);
void _cb_window_on_record_list_activated_cb (CbWindow *self,
                                             guint position);
void _cb_window_reload_look_fors (CbWindow *self);
void _cb_window_setup_lists (CbWindow *self);
void _cb_window_update_list_state (CbWindow *self);

/* cb-window-search.c */
void _cb_window_apply_filter (CbWindow *self);
void _cb_window_build_filters (CbWindow *self);
void _cb_window_on_search_activate_cb (CbWindow *self);
void _cb_window_on_search_changed_cb (CbWindow *self);
void _cb_window_on_search_list_activated_cb (CbWindow *self,
                                             guint position);
void _cb_window_on_search_mode_changed_cb (CbWindow *self);
void _cb_window_on_search_selection_changed_cb (CbWindow *self);
void _cb_window_on_search_stopped_cb (CbWindow *self);
void _cb_window_run_search (CbWindow *self,
                            const char *text);

/* cb-window-actions.c */
void _cb_window_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
