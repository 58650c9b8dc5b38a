/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record editor's references: the chooser of one record or of
 * several, Clear and Open, and the rows of a list of references with
 * Move Up, Move Down (Alt+Up, Alt+Down) and Remove. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-capture-logic.h"
#include "cb-order.h"
#include "cb-record-editor-private.h"
#include "cb-ref-chooser.h"
#include "cb-view-util.h"

static void
on_ref_chosen_cb (CbRefChooser   *chooser,
                  const char     *uuid,
                  CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (chooser), "field-ui");

  if (ui->field->type == CB_TYPE_REFS)
    {
      g_autofree char *refs = cb_refs_contains (ui->value, uuid)
                              ? g_strdup (ui->value)
                              : cb_refs_toggle (ui->value, uuid);
      _cb_record_editor_queue_value (self, ui, refs);
    }
  else
    {
      _cb_record_editor_queue_value (self, ui, uuid);
      _cb_record_editor_fill_from_ref (self, ui, uuid);
    }
  _cb_record_editor_field_ui_update (self, ui);
}

static void
on_ref_clear_clicked_cb (GtkButton      *button,
                         CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (button), "field-ui");

  _cb_record_editor_queue_value (self, ui, "");
  _cb_record_editor_field_ui_update (self, ui);
}

static void
on_ref_open_clicked_cb (GtkButton      *button,
                        CbRecordEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");

  if (uuid == NULL)
    {
      FieldUi *ui = g_object_get_data (G_OBJECT (button), "field-ui");
      uuid = ui ? ui->value : NULL;
    }
  if (uuid != NULL && *uuid != '\0')
    {
      g_autofree char *copy = g_strdup (uuid);
      cb_record_editor_flush (self);
      g_signal_emit (self, _cb_record_editor_signals[OPEN_RECORD], 0, copy);
    }
}

static void
on_refs_remove_clicked_cb (GtkButton      *button,
                           CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (button), "field-ui");
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  g_autofree char *refs = cb_refs_remove (ui->value, uuid);

  _cb_record_editor_queue_value (self, ui, refs);
  _cb_record_editor_field_ui_update (self, ui);
}

/* After a move the item rows are new: the focus goes to the moved
 * item's same button, or its other one at the top or bottom. */
static void
focus_refs_item (FieldUi    *ui,
                 const char *uuid,
                 int         delta)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (ui->row), "item-rows");

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GObject *row = g_ptr_array_index (rows, i);
      GtkWidget *same = g_object_get_data (row, delta < 0 ? "up" : "down");
      GtkWidget *other = g_object_get_data (row, delta < 0 ? "down" : "up");

      if (g_strcmp0 (g_object_get_data (row, "uuid"), uuid) != 0)
        continue;
      gtk_widget_grab_focus (gtk_widget_get_sensitive (same) ? same : other);
      return;
    }
}

static void
move_refs_item (CbRecordEditor *self,
                FieldUi        *ui,
                const char     *uuid,
                int             delta)
{
  g_autofree char *copy = g_strdup (uuid);
  g_autofree char *refs = cb_refs_move (ui->value, copy, delta);

  if (self->read_only || g_strcmp0 (refs, ui->value ? ui->value : "") == 0)
    return;
  _cb_record_editor_queue_value (self, ui, refs);
  _cb_record_editor_field_ui_update (self, ui);
  focus_refs_item (ui, copy, delta);
}

static void
on_refs_move_clicked_cb (GtkButton      *button,
                         CbRecordEditor *self)
{
  move_refs_item (self, g_object_get_data (G_OBJECT (button), "field-ui"),
                  g_object_get_data (G_OBJECT (button), "uuid"),
                  GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta")));
}

/* Alt+Up / Alt+Down in an item of a list of references (the order of
 * teachers and look-fors matters: the first teacher is the one
 * observed, the focus look-fors get Alt+1, Alt+2…). */
gboolean
_cb_record_editor_move_focused_ref_cb (GtkWidget *widget,
                                       GVariant  *args,
                                       gpointer   data)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != widget; w = gtk_widget_get_parent (w))
    {
      FieldUi *ui = g_object_get_data (G_OBJECT (w), "field-ui");
      const char *uuid = g_object_get_data (G_OBJECT (w), "uuid");

      if (ADW_IS_ACTION_ROW (w) && ui != NULL && uuid != NULL)
        {
          move_refs_item (self, ui, uuid, g_variant_get_int32 (args));
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
refs_item_button (CbRecordEditor *self,
                  FieldUi        *ui,
                  const char     *uuid,
                  const char     *icon,
                  const char     *label,
                  const char     *tooltip,
                  int             delta,
                  gboolean        sensitive)
{
  GtkWidget *button = cb_view_icon_button (icon, tooltip);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_sensitive (button, sensitive && !self->read_only);
  g_object_set_data (G_OBJECT (button), "field-ui", ui);
  g_object_set_data_full (G_OBJECT (button), "uuid", g_strdup (uuid), g_free);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_refs_move_clicked_cb), self);
  return button;
}

void
_cb_record_editor_clear_refs_children (FieldUi *ui)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (ui->row), "item-rows");

  for (guint i = 0; rows && i < rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (ui->row), g_ptr_array_index (rows, i));
  if (rows)
    g_ptr_array_set_size (rows, 0);
}

/* One record of a several-records field: its name, Move Up and Move
 * Down when there are more than one, and Remove. */
GtkWidget *
_cb_record_editor_build_refs_item_row (CbRecordEditor *self,
                                       FieldUi        *ui,
                                       const char     *uuid,
                                       guint           index,
                                       guint           n)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  const char *name = cb_names_lookup (self->names, uuid);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name ? name : _("(missing)"));
  g_object_set_data (G_OBJECT (row), "field-ui", ui);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (uuid), g_free);
  /* the order is kept: Move Up / Move Down when there is one */
  if (n > 1)
    {
      GtkWidget *up = refs_item_button (self, ui, uuid, "go-up-symbolic", _("Move Up"),
                                        _("Move Up (Alt+Up)"), -1,
                                        cb_order_target (n, index, -1, NULL));
      GtkWidget *down = refs_item_button (self, ui, uuid, "go-down-symbolic", _("Move Down"),
                                          _("Move Down (Alt+Down)"), 1,
                                          cb_order_target (n, index, 1, NULL));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      g_object_set_data (G_OBJECT (row), "up", up);
      g_object_set_data (G_OBJECT (row), "down", down);
    }
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  gtk_widget_set_sensitive (remove, !self->read_only);
  g_object_set_data (G_OBJECT (remove), "field-ui", ui);
  g_object_set_data_full (G_OBJECT (remove), "uuid", g_strdup (uuid), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_refs_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static GtkWidget *
build_ref_button (CbRecordEditor *self,
                  FieldUi        *ui,
                  const char     *icon,
                  const char     *tooltip)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *chooser = cb_ref_chooser_new (self->names, ui->field->ref_kind);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), chooser);
  g_object_set_data (G_OBJECT (chooser), "field-ui", ui);
  g_object_set_data (G_OBJECT (ui->row), "chooser", chooser);
  g_signal_connect (chooser, "chosen", G_CALLBACK (on_ref_chosen_cb), self);
  gtk_widget_set_sensitive (button, !self->read_only);
  return button;
}

/* Another record: a row with Choose, Clear and Open. */
void
_cb_record_editor_build_ref_field (CbRecordEditor *self,
                                  FieldUi        *ui,
                                  const char     *label)
{
  const CbField *field = ui->field;
  GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");

  ui->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ui->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row), label);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (ui->row), 1);
  gtk_widget_add_css_class (ui->row, "property");
  if (field->ref_kind != NULL)
    {
      GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");

      ui->input = ui->menu = build_ref_button (self, ui, "document-edit-symbolic", _("Choose"));
      gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (clear, "flat");
      gtk_widget_set_tooltip_text (clear, _("Clear"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear"), -1);
      g_object_set_data (G_OBJECT (clear), "field-ui", ui);
      g_signal_connect (clear, "clicked", G_CALLBACK (on_ref_clear_clicked_cb), self);
      g_object_set_data (G_OBJECT (ui->row), "clear-button", clear);
      adw_action_row_add_suffix (ADW_ACTION_ROW (ui->row), clear);
      adw_action_row_add_suffix (ADW_ACTION_ROW (ui->row), ui->input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (ui->row), ui->input);
    }
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  g_object_set_data (G_OBJECT (open), "field-ui", ui);
  g_signal_connect (open, "clicked", G_CALLBACK (on_ref_open_clicked_cb), self);
  g_object_set_data (G_OBJECT (ui->row), "open-button", open);
  adw_action_row_add_suffix (ADW_ACTION_ROW (ui->row), open);
}

/* Several records: an expander row with Add. */
void
_cb_record_editor_build_refs_field (CbRecordEditor *self,
                                   FieldUi        *ui,
                                   const char     *label)
{
  GtkWidget *add;

  ui->row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ui->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row), label);
  g_object_set_data_full (G_OBJECT (ui->row), "item-rows",
                          g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  add = build_ref_button (self, ui, "list-add-symbolic", _("Add"));
  ui->input = ui->menu = add;
  adw_expander_row_add_action (ADW_EXPANDER_ROW (ui->row), add);
}
