/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record editor's form rows, built by field type
 * (_cb_record_editor_build_field() hands each type to its
 * build_*_field()), and the handlers that read an entry, a text view,
 * a switch or a combo row into a value. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cb-record-editor-private.h"
#include "cb-view-logic.h"

/* Widget → value */

static void
on_entry_changed_cb (GtkEditable    *editable,
                     CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (editable), "field-ui");
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const CbField *field = ui->field;

  if (self->loading)
    return;
  /* Typed dates, times and numbers are written only once they are
   * valid; a date may be typed the locale's way too. */
  if (field->type != CB_TYPE_TEXT)
    {
      g_autofree char *date = NULL;

      if (field->type == CB_TYPE_DATE && *stripped != '\0' && !cb_field_validate (field, stripped, NULL))
        date = cb_date_from_typed (stripped);
      if (date == NULL && !cb_field_validate (field, stripped, NULL))
        {
          _cb_record_editor_show_invalid (ui, TRUE);
          return;
        }
      _cb_record_editor_show_invalid (ui, FALSE);
      _cb_record_editor_queue_value (self, ui, date != NULL ? date : stripped);
      return;
    }
  _cb_record_editor_queue_value (self, ui, text);
}

static void
on_buffer_changed_cb (GtkTextBuffer  *buffer,
                      CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (buffer), "field-ui");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  _cb_record_editor_queue_value (self, ui, text);
}

static void
on_switch_changed_cb (GtkSwitch      *sw,
                      GParamSpec     *pspec,
                      CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (sw), "field-ui");

  _cb_record_editor_queue_value (self, ui, gtk_switch_get_active (sw) ? "1" : "0");
}

static void
on_combo_changed_cb (AdwComboRow    *row,
                     GParamSpec     *pspec,
                     CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (row), "field-ui");
  const CbChoice *choices = ui->field->choices;
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || choices == NULL)
    return;
  /* Position 0 is "none" except for privacy, which always has a value. */
  if (ui->field->choices == cb_privacy_choices)
    _cb_record_editor_queue_value (self, ui, selected < cb_field_n_choices (ui->field) ? choices[selected].value : NULL);
  else if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    _cb_record_editor_queue_value (self, ui, "");
  else
    _cb_record_editor_queue_value (self, ui, choices[selected - 1].value);
}
static void
on_calendar_day_selected_cb (GtkCalendar    *calendar,
                             CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (calendar), "field-ui");
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (ui->input), date);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_date_popover_show_cb (GtkWidget      *popover,
                         CbRecordEditor *self)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));
  FieldUi *ui = g_object_get_data (G_OBJECT (calendar), "field-ui");
  int y, m, d;

  if (ui->value != NULL && sscanf (ui->value, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 12, 0, 0);
      g_signal_handlers_block_by_func (calendar, on_calendar_day_selected_cb, self);
      gtk_calendar_select_day (calendar, dt);
      g_signal_handlers_unblock_by_func (calendar, on_calendar_day_selected_cb, self);
    }
}

/* Building the form */

/* Text, numbers, dates (with a calendar to pick from) and times: an
 * entry row. */
static void
build_entry_field (CbRecordEditor *self,
                  FieldUi        *ui,
                  const char     *label)
{
  const CbField *field = ui->field;

  ui->row = ui->input = adw_entry_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ui->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row), label);
  if (field->type == CB_TYPE_INT || field->type == CB_TYPE_NUMBER)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (ui->row), GTK_INPUT_PURPOSE_NUMBER);
  if (field->type == CB_TYPE_DATE)
    {
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *calendar = gtk_calendar_new ();
      g_autofree char *hint = cb_date_format_hint ();

      /* TRANSLATORS: the format a date is typed in; keep it as is */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row),
                                     label);
      gtk_widget_set_tooltip_text (ui->row, hint);
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      g_object_set_data (G_OBJECT (calendar), "field-ui", ui);
      g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected_cb), self);
      g_signal_connect (popover, "show", G_CALLBACK (on_date_popover_show_cb), self);
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      gtk_widget_set_tooltip_text (button, _("Pick a Date"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a Date"), -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_sensitive (button, !self->read_only);
      /* Tab goes from the date to the next field: a coach typing the
       * next value after Tab would otherwise type into this button and
       * lose it. The date is typed; the calendar is for the pointer. */
      gtk_widget_set_can_focus (button, FALSE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (ui->row), button);
      ui->menu = button;
    }
  else if (field->type == CB_TYPE_TIME)
    gtk_widget_set_tooltip_text (ui->row, _("Hours and minutes, such as 13:05"));
  g_object_set_data (G_OBJECT (ui->input), "field-ui", ui);
  g_signal_connect (ui->input, "changed", G_CALLBACK (on_entry_changed_cb), self);
}

/* Long text and lists (one item per line): a text view in a group. */
static void
build_text_field (CbRecordEditor *self,
                 FieldUi        *ui,
                 const char     *label)
{
  const CbField *field = ui->field;
  GtkTextBuffer *buffer;

  ui->input = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (ui->input), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (ui->input), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (ui->input), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (ui->input), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (ui->input), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (ui->input), 12);
  gtk_widget_set_size_request (ui->input, -1, field->type == CB_TYPE_LIST ? 72 : 96);
  gtk_widget_add_css_class (ui->input, "card");
  gtk_widget_add_css_class (ui->input, "cb-text-field");
  gtk_text_view_set_editable (GTK_TEXT_VIEW (ui->input), !self->read_only);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ui->input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui->input));
  g_object_set_data (G_OBJECT (buffer), "field-ui", ui);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
  ui->row = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (ui->row), label);
  if (field->type == CB_TYPE_LIST)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (ui->row), _("One per line"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (ui->row), ui->input);
}

/* Yes or no: a switch. */
static void
build_switch_field (CbRecordEditor *self,
                   FieldUi        *ui,
                   const char     *label)
{
  ui->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ui->row), FALSE);
  ui->input = gtk_switch_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row), label);
  gtk_widget_set_valign (ui->input, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (ui->row), ui->input);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (ui->row), ui->input);
  g_object_set_data (G_OBJECT (ui->input), "field-ui", ui);
  g_signal_connect (ui->input, "notify::active", G_CALLBACK (on_switch_changed_cb), self);
}

/* One of a few values: a combo row ("Not set" first, but for privacy). */
static void
build_enum_field (CbRecordEditor *self,
                 FieldUi        *ui,
                 const char     *label)
{
  const CbField *field = ui->field;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  if (field->choices != cb_privacy_choices)
    gtk_string_list_append (model, _("Not set"));
  for (guint i = 0; field->choices && field->choices[i].value; i++)
    gtk_string_list_append (model, cb_field_choice_label (field, field->choices[i].value));
  ui->row = ui->input = adw_combo_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ui->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row), label);
  adw_combo_row_set_model (ADW_COMBO_ROW (ui->row), G_LIST_MODEL (model));
  g_object_set_data (G_OBJECT (ui->row), "field-ui", ui);
  g_signal_connect (ui->row, "notify::selected", G_CALLBACK (on_combo_changed_cb), self);
}

FieldUi *
_cb_record_editor_build_field (CbRecordEditor *self,
                               const CbField  *field)
{
  FieldUi *ui = g_new0 (FieldUi, 1);
  const char *label = cb_field_get_label (field);

  ui->field = field;

  switch (field->type)
    {
    case CB_TYPE_TEXT:
    case CB_TYPE_INT:
    case CB_TYPE_NUMBER:
    case CB_TYPE_DATE:
    case CB_TYPE_TIME:
      build_entry_field (self, ui, label);
      break;

    case CB_TYPE_LONGTEXT:
    case CB_TYPE_LIST:
      build_text_field (self, ui, label);
      break;

    case CB_TYPE_BOOL:
      build_switch_field (self, ui, label);
      break;

    case CB_TYPE_ENUM:
      build_enum_field (self, ui, label);
      break;

    case CB_TYPE_REF:
      _cb_record_editor_build_ref_field (self, ui, label);
      break;

    case CB_TYPE_REFS:
      _cb_record_editor_build_refs_field (self, ui, label);
      break;

    default:
      g_assert_not_reached ();
    }

  if (self->read_only && field->type != CB_TYPE_LONGTEXT && field->type != CB_TYPE_LIST &&
      field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS)
    gtk_widget_set_sensitive (ui->input, FALSE);
  return ui;
}
