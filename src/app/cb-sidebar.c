/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's sidebar: its rows and counts from the sections table,
 * and moving between sections. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-action-list.h"
#include "cb-conflict-logic.h"
#include "cb-list-filter.h"
#include "cb-record-list-model.h"
#include "cb-section-tools.h"
#include "cb-window-private.h"
#include "config.h"

/* Sidebar */

void
_cb_window_build_sidebar (CbWindow *self)
{
  self->counts = g_new0 (GtkLabel *, cb_section_count ());
  for (guint i = 0; i < cb_section_count (); i++)
    {
      const CbSectionInfo *info = cb_section_info (cb_section_at (i));
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

      if (_cb_window_is_child_kind (kinds[i].name))
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
  for (guint i = 0; i < cb_section_count (); i++)
    {
      guint n = count_section (self, cb_section_at (i));
      g_autofree char *text = n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");

      gtk_label_set_text (self->counts[i], text);
    }
}

gboolean
_cb_window_counts_timeout_cb (gpointer data)
{
  CbWindow *self = data;

  self->counts_id = 0;
  update_counts (self);
  return G_SOURCE_REMOVE;
}

/* Sections */

static gboolean
scroll_list_top_cb (gpointer data)
{
  CbWindow *self = data;

  self->scroll_top_id = 0;
  /* GtkListView warns when asked to scroll while it has no rows. */
  if (g_list_model_get_n_items (_cb_window_current_list_model (self)) > 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self->record_list)))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
  return G_SOURCE_REMOVE;
}

void
_cb_window_set_section (CbWindow  *self,
                        CbSection  section,
                        gboolean   alt)
{
  const CbSectionInfo *info = cb_section_info (section);
  GtkSelectionModel *new_model;
  gboolean same_model;
  GtkListBoxRow *row;

  self->section = section;
  self->alt = alt && info->alt_kind != NULL;

  row = gtk_list_box_get_row_at_index (self->sidebar_list, cb_section_position (section));
  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);

  adw_window_title_set_title (self->list_title, _(info->title));
  gtk_widget_set_visible (self->people_switch, section == CB_SECTION_PEOPLE);
  cb_section_tools_set_section (self->section_tools, section);
  if (section == CB_SECTION_ACTIONS)
    cb_action_list_reload (self->action_list);
  /* A view (coaching time, the PD calendar) belongs to its section; a
   * record stays open only in a section that lists it. */
  if (self->current_view != NULL || !_cb_window_editor_fits_section (self))
    _cb_window_close_editor (self);
  _cb_window_update_editor_empty_page (self);
  if (section == CB_SECTION_PEOPLE)
    gtk_toggle_button_set_active (self->alt ? self->schools_toggle : self->people_toggle, TRUE);

  gtk_widget_set_visible (self->new_button, cb_section_can_create (section, self->alt) && !_cb_window_is_damaged (self));
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

  _cb_window_apply_filter (self);
  /* A new section starts at its top. A new model does anyway; the same
   * model refiltered is scrolled once its rows exist. */
  if (same_model && self->scroll_top_id == 0)
    self->scroll_top_id = g_idle_add (scroll_list_top_cb, self);
}

void
_cb_window_on_sidebar_row_selected_cb (CbWindow      *self,
                                       GtkListBoxRow *row)
{
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index >= 0 && (guint) index < cb_section_count () &&
      cb_section_at (index) != self->section)
    _cb_window_set_section (self, cb_section_at (index), FALSE);
}

void
_cb_window_on_sidebar_row_activated_cb (CbWindow      *self,
                                        GtkListBoxRow *row)
{
  _cb_window_show_pane (self, self->list_pane);
}

void
_cb_window_on_people_toggled_cb (CbWindow *self)
{
  gboolean alt = !gtk_toggle_button_get_active (self->people_toggle);

  if (self->section == CB_SECTION_PEOPLE && alt != self->alt)
    _cb_window_set_section (self, CB_SECTION_PEOPLE, alt);
}
