/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list's filter bar: its line, its popover, and the filter it
 * keeps; the window only hosts it and applies the filter. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-filter-bar.h"
#include "cb-ref-chooser.h"
#include "cb-view-logic.h"

struct _CbFilterBar
{
  GtkWidget     parent_instance;

  GtkLabel     *label;
  GtkWidget    *button;
  GtkBox       *box;
  GtkListBox   *ref_list;
  GtkEntry     *date_from_entry;
  GtkEntry     *date_to_entry;
  GtkLabel     *date_hint;

  CbNames      *names;
  CbListFilter  filter;
  GtkWidget    *rows[CB_LIST_FILTER_N_REFS];
  char         *kind;
};

G_DEFINE_FINAL_TYPE (CbFilterBar, cb_filter_bar, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_chosen_cb (CbRefChooser *chooser,
                          const char   *uuid,
                          CbFilterBar  *self);

static const char *
filter_name_cb (const char *uuid,
                gpointer    data)
{
  return cb_names_lookup (data, uuid);
}

static void
update_rows (CbFilterBar *self)
{
  g_autofree char *text = NULL;

  if (self->names == NULL)
    return;
  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    {
      const char *value = self->filter.refs[i];

      gtk_widget_set_visible (self->rows[i], cb_list_filter_field (self->kind, i) != NULL);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]),
                                   value ? cb_names_lookup (self->names, value) : _("Any"));
    }
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->date_from_entry)),
                          cb_list_filter_has_dates (self->kind));
  gtk_widget_set_visible (GTK_WIDGET (self->date_hint),
                          cb_list_filter_has_dates (self->kind) &&
                          (gtk_widget_has_css_class (GTK_WIDGET (self->date_from_entry), "error") ||
                           gtk_widget_has_css_class (GTK_WIDGET (self->date_to_entry), "error")));
  text = cb_list_filter_describe (&self->filter, self->kind, filter_name_cb, self->names);
  gtk_label_set_text (self->label, text ? text : "");
}

static void
build_rows (CbFilterBar *self)
{
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
      g_signal_connect (chooser, "chosen", G_CALLBACK (on_chosen_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->ref_list, row);
      self->rows[i] = row;
    }
}

static void
changed (CbFilterBar *self)
{
  update_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_chosen_cb (CbRefChooser *chooser,
              const char   *uuid,
              CbFilterBar  *self)
{
  CbListFilterRef ref = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "filter-ref"));

  cb_list_filter_set_ref (&self->filter, ref, uuid);
  changed (self);
}

static void
on_clear_clicked_cb (CbFilterBar *self)
{
  cb_list_filter_clear (&self->filter);
  gtk_editable_set_text (GTK_EDITABLE (self->date_from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_to_entry), "");
  changed (self);
}

static void
on_date_changed_cb (CbFilterBar *self)
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
  cb_list_filter_set_dates (&self->filter, dates[0], dates[1]);
  g_free (dates[0]);
  g_free (dates[1]);
  changed (self);
}

static void
cb_filter_bar_dispose (GObject *object)
{
  CbFilterBar *self = CB_FILTER_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_FILTER_BAR);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_filter_bar_parent_class)->dispose (object);
}

static void
cb_filter_bar_finalize (GObject *object)
{
  CbFilterBar *self = CB_FILTER_BAR (object);

  cb_list_filter_clear (&self->filter);
  g_free (self->kind);

  G_OBJECT_CLASS (cb_filter_bar_parent_class)->finalize (object);
}

static void
cb_filter_bar_class_init (CbFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_filter_bar_dispose;
  object_class->finalize = cb_filter_bar_finalize;

  /**
   * CbFilterBar::changed:
   *
   * The coach changed the filter (cb_filter_bar_get_filter()).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CbFilterBar, label);
  gtk_widget_class_bind_template_child (widget_class, CbFilterBar, button);
  gtk_widget_class_bind_template_child (widget_class, CbFilterBar, box);
  gtk_widget_class_bind_template_child (widget_class, CbFilterBar, ref_list);
  gtk_widget_class_bind_template_child (widget_class, CbFilterBar, date_from_entry);
  gtk_widget_class_bind_template_child (widget_class, CbFilterBar, date_to_entry);
  gtk_widget_class_bind_template_child (widget_class, CbFilterBar, date_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
}

static void
cb_filter_bar_init (CbFilterBar *self)
{
  g_autofree char *hint = cb_date_format_hint ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_label_set_text (self->date_hint, hint);
}

GtkWidget *
cb_filter_bar_new (void)
{
  return g_object_new (CB_TYPE_FILTER_BAR, NULL);
}

/**
 * cb_filter_bar_set_names:
 *
 * The names the choosers offer and the line shows; set once, before
 * the bar is used.
 */
void
cb_filter_bar_set_names (CbFilterBar *self,
                         CbNames     *names)
{
  g_return_if_fail (CB_IS_FILTER_BAR (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  build_rows (self);
}

/**
 * cb_filter_bar_update:
 * @kind: (nullable): the kind the list shows
 * @offered: whether the list may be filtered now (not while searching,
 *   nor in Today, the Trash or the look-fors)
 *
 * Shows the rows that filter @kind and the line that says what the
 * filter keeps; the bar shows only where @kind can be filtered.
 */
void
cb_filter_bar_update (CbFilterBar *self,
                      const char  *kind,
                      gboolean     offered)
{
  g_return_if_fail (CB_IS_FILTER_BAR (self));

  g_free (self->kind);
  self->kind = g_strdup (kind);
  update_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), cb_list_filter_offered (kind) && offered);
}

/**
 * cb_filter_bar_get_filter:
 *
 * Returns: (transfer none): the filter chosen
 */
const CbListFilter *
cb_filter_bar_get_filter (CbFilterBar *self)
{
  g_return_val_if_fail (CB_IS_FILTER_BAR (self), NULL);

  return &self->filter;
}

/**
 * cb_filter_bar_get_child:
 * @name: "label", "button" or "box" (the popover's content)
 *
 * For tests.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
cb_filter_bar_get_child (CbFilterBar *self,
                         const char  *name)
{
  g_return_val_if_fail (CB_IS_FILTER_BAR (self), NULL);

  if (g_strcmp0 (name, "label") == 0)
    return GTK_WIDGET (self->label);
  if (g_strcmp0 (name, "button") == 0)
    return self->button;
  if (g_strcmp0 (name, "box") == 0)
    return GTK_WIDGET (self->box);
  return NULL;
}
