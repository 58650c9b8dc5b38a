/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form is built from the kinds table, so a field added there shows
 * up here with a widget that fits its type. Edits are queued and written
 * in one transaction half a second after the last keystroke, and at
 * once when the form is left. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cb-capture-logic.h"
#include "cb-editor.h"
#include "cb-order.h"
#include "cb-record-editor.h"
#include "cb-ref-chooser.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define SAVE_DELAY_MS 500

typedef struct
{
  const CbField *field;
  GtkWidget     *row;      /* what is shown */
  GtkWidget     *input;    /* entry row, text view, switch, combo row, … */
  GtkWidget     *menu;     /* the button of a chooser or calendar popover */
  char          *value;    /* the value shown, as stored */
} FieldUi;

struct _CbRecordEditor
{
  GtkWidget     parent_instance;

  GtkBox       *content;

  CbNames      *names;
  char        **only_fields;
  gboolean      show_extras;

  char         *uuid;
  const CbKind *kind;
  const CbKind *form_kind; /* the fields shown were built for it */
  gboolean      form_read_only;
  gboolean      read_only;
  gboolean      loading;
  GHashTable   *fields;    /* name → FieldUi */
  GHashTable   *pending;   /* name → value to write */
  guint         save_id;
  GtkWidget    *first_input;
};

static void cb_record_editor_editor_iface_init (CbEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbRecordEditor, cb_record_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CB_TYPE_EDITOR, cb_record_editor_editor_iface_init))

enum {
  OPEN_RECORD,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void field_ui_update (CbRecordEditor *self, FieldUi *ui);

static void
field_ui_free (gpointer data)
{
  FieldUi *ui = data;

  g_free (ui->value);
  g_free (ui);
}

static CbStore *
get_store (CbRecordEditor *self)
{
  return self->names ? cb_names_get_store (self->names) : NULL;
}

static void
emit_error (CbRecordEditor *self,
            const GError   *error)
{
  cb_view_error (GTK_WIDGET (self), error);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CbRecordEditor *self = data;

  self->save_id = 0;
  cb_record_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
queue_value (CbRecordEditor *self,
             FieldUi        *ui,
             const char     *value)
{
  if (self->loading || self->read_only || self->uuid == NULL)
    return;
  if (g_strcmp0 (ui->value ? ui->value : "", value ? value : "") == 0)
    {
      g_hash_table_remove (self->pending, ui->field->name);
      return;
    }
  g_free (ui->value);
  ui->value = g_strdup (value);
  g_hash_table_insert (self->pending, g_strdup (ui->field->name), g_strdup (value ? value : ""));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* A teacher brings their school along when the record has none yet. */
static void
fill_from_ref (CbRecordEditor *self,
               FieldUi        *ui,
               const char     *uuid)
{
  FieldUi *school;
  g_autoptr(CbRecord) ref = NULL;
  const char *ref_school;

  if (uuid == NULL || *uuid == '\0' || g_strcmp0 (ui->field->ref_kind, "person") != 0)
    return;
  school = g_hash_table_lookup (self->fields, "school");
  if (school == NULL || (school->value != NULL && *school->value != '\0'))
    return;
  ref = cb_store_get (get_store (self), uuid, NULL);
  ref_school = ref ? cb_record_get (ref, "school") : NULL;
  if (ref_school == NULL || *ref_school == '\0')
    return;
  queue_value (self, school, ref_school);
  field_ui_update (self, school);
}

/* A date that is not one says how to type it, in its row's title:
 * red alone does not tell. */
static void
show_invalid (FieldUi  *ui,
              gboolean  invalid)
{
  const char *label = cb_field_get_label (ui->field);

  if (invalid)
    gtk_widget_add_css_class (ui->row, "error");
  else
    gtk_widget_remove_css_class (ui->row, "error");
  if (ui->field->type == CB_TYPE_DATE)
    {
      g_autofree char *hint = invalid ? cb_date_format_hint () : NULL;
      /* TRANSLATORS: a field's name, then how to type it */
      g_autofree char *title = invalid ? g_strdup_printf (_("%s: %s"), label, hint) : g_strdup (label);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row), title);
    }
}

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
          show_invalid (ui, TRUE);
          return;
        }
      show_invalid (ui, FALSE);
      queue_value (self, ui, date != NULL ? date : stripped);
      return;
    }
  queue_value (self, ui, text);
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
  queue_value (self, ui, text);
}

static void
on_switch_changed_cb (GtkSwitch      *sw,
                      GParamSpec     *pspec,
                      CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (sw), "field-ui");

  queue_value (self, ui, gtk_switch_get_active (sw) ? "1" : "0");
}

static void
on_combo_changed_cb (AdwComboRow    *row,
                     GParamSpec     *pspec,
                     CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (row), "field-ui");
  const char * const *choices = ui->field->choices;
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || choices == NULL)
    return;
  /* Position 0 is "none" except for privacy, which always has a value. */
  if (ui->field->choices == cb_privacy_choices)
    queue_value (self, ui, selected < g_strv_length ((char **) choices) ? choices[selected] : NULL);
  else if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    queue_value (self, ui, "");
  else
    queue_value (self, ui, choices[selected - 1]);
}

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
      queue_value (self, ui, refs);
    }
  else
    {
      queue_value (self, ui, uuid);
      fill_from_ref (self, ui, uuid);
    }
  field_ui_update (self, ui);
}

static void
on_ref_clear_clicked_cb (GtkButton      *button,
                         CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (button), "field-ui");

  queue_value (self, ui, "");
  field_ui_update (self, ui);
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
      g_signal_emit (self, signals[OPEN_RECORD], 0, copy);
    }
}

static void
on_refs_remove_clicked_cb (GtkButton      *button,
                           CbRecordEditor *self)
{
  FieldUi *ui = g_object_get_data (G_OBJECT (button), "field-ui");
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  g_autofree char *refs = cb_refs_remove (ui->value, uuid);

  queue_value (self, ui, refs);
  field_ui_update (self, ui);
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
  queue_value (self, ui, refs);
  field_ui_update (self, ui);
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
static gboolean
move_focused_ref_cb (GtkWidget *widget,
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

/* Value → widget */

static void
clear_refs_children (FieldUi *ui)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (ui->row), "item-rows");

  for (guint i = 0; rows && i < rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (ui->row), g_ptr_array_index (rows, i));
  if (rows)
    g_ptr_array_set_size (rows, 0);
}

/* One record of a several-records field: its name, Move Up and Move
 * Down when there are more than one, and Remove. */
static GtkWidget *
build_refs_item_row (CbRecordEditor *self,
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

static void
field_ui_update (CbRecordEditor *self,
                 FieldUi        *ui)
{
  const CbField *field = ui->field;
  const char *value = ui->value ? ui->value : "";
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  switch (field->type)
    {
    case CB_TYPE_TEXT:
    case CB_TYPE_INT:
    case CB_TYPE_NUMBER:
    case CB_TYPE_DATE:
    case CB_TYPE_TIME:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (ui->input)), value) != 0)
        gtk_editable_set_text (GTK_EDITABLE (ui->input), value);
      show_invalid (ui, FALSE);
      break;

    case CB_TYPE_LONGTEXT:
    case CB_TYPE_LIST:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui->input));

        /* What was stored is not an edit the coach can undo. */
        gtk_text_buffer_begin_irreversible_action (buffer);
        gtk_text_buffer_set_text (buffer, value, -1);
        gtk_text_buffer_end_irreversible_action (buffer);
      }
      break;

    case CB_TYPE_BOOL:
      gtk_switch_set_active (GTK_SWITCH (ui->input), g_strcmp0 (value, "1") == 0);
      break;

    case CB_TYPE_ENUM:
      {
        guint pos = 0;
        gboolean always = field->choices == cb_privacy_choices;

        for (guint i = 0; field->choices && field->choices[i]; i++)
          if (g_strcmp0 (field->choices[i], value) == 0)
            pos = always ? i : i + 1;
        adw_combo_row_set_selected (ADW_COMBO_ROW (ui->row), pos);
      }
      break;

    case CB_TYPE_REF:
      {
        const char *name = cb_names_lookup (self->names, value);
        GtkWidget *clear = g_object_get_data (G_OBJECT (ui->row), "clear-button");
        GtkWidget *open = g_object_get_data (G_OBJECT (ui->row), "open-button");

        adw_action_row_set_subtitle (ADW_ACTION_ROW (ui->row),
                                     *value == '\0' ? _("None") : (*name ? name : _("(missing)")));
        if (clear)
          gtk_widget_set_visible (clear, *value != '\0' && !self->read_only);
        if (open)
          gtk_widget_set_visible (open, *value != '\0');
        /* A teacher added from a chooser here works at this school. */
        if (g_strcmp0 (field->ref_kind, "school") == 0)
          {
            GHashTableIter iter;
            gpointer other;

            g_hash_table_iter_init (&iter, self->fields);
            while (g_hash_table_iter_next (&iter, NULL, &other))
              {
                FieldUi *o = other;
                CbRefChooser *chooser = g_object_get_data (G_OBJECT (o->row), "chooser");

                if (chooser != NULL && g_strcmp0 (o->field->ref_kind, "person") == 0)
                  cb_ref_chooser_set_school (chooser, value);
              }
          }
      }
      break;

    case CB_TYPE_REFS:
      {
        g_auto(GStrv) parts = cb_refs_split (value);
        g_autofree char *names = cb_names_join (self->names, value, ", ");
        GPtrArray *rows = g_object_get_data (G_OBJECT (ui->row), "item-rows");
        CbRefChooser *chooser = g_object_get_data (G_OBJECT (ui->row), "chooser");

        clear_refs_children (ui);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (ui->row),
                                       *names ? names : _("None"));
        for (guint i = 0; parts[i]; i++)
          {
            GtkWidget *row = build_refs_item_row (self, ui, parts[i], i, g_strv_length (parts));

            adw_expander_row_add_row (ADW_EXPANDER_ROW (ui->row), row);
            g_ptr_array_add (rows, row);
          }
        if (chooser)
          cb_ref_chooser_set_exclude (chooser, value);
      }
      break;

    default:
      break;
    }
  self->loading = was_loading;
}

/* Building the form */

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
  for (guint i = 0; field->choices && field->choices[i]; i++)
    gtk_string_list_append (model, cb_names_choice_label (field->name, field->choices[i]));
  ui->row = ui->input = adw_combo_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ui->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->row), label);
  adw_combo_row_set_model (ADW_COMBO_ROW (ui->row), G_LIST_MODEL (model));
  g_object_set_data (G_OBJECT (ui->row), "field-ui", ui);
  g_signal_connect (ui->row, "notify::selected", G_CALLBACK (on_combo_changed_cb), self);
}

/* Another record: a row with Choose, Clear and Open. */
static void
build_ref_field (CbRecordEditor *self,
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
static void
build_refs_field (CbRecordEditor *self,
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

static FieldUi *
build_field (CbRecordEditor *self,
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
      build_ref_field (self, ui, label);
      break;

    case CB_TYPE_REFS:
      build_refs_field (self, ui, label);
      break;

    default:
      g_assert_not_reached ();
    }

  if (self->read_only && field->type != CB_TYPE_LONGTEXT && field->type != CB_TYPE_LIST &&
      field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS)
    gtk_widget_set_sensitive (ui->input, FALSE);
  return ui;
}

static gboolean
field_is_inline (const CbField *field)
{
  return field->type != CB_TYPE_LONGTEXT && field->type != CB_TYPE_LIST;
}

static gboolean
field_is_shown (CbRecordEditor *self,
                const CbField  *field)
{
  if (self->only_fields != NULL)
    return g_strv_contains ((const char * const *) self->only_fields, field->name);
  /* The lesson clock has its own controls in the observation editor. */
  if (g_strcmp0 (field->name, "clock") == 0)
    return FALSE;
  return TRUE;
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
on_child_row_activated_cb (AdwActionRow   *row,
                           CbRecordEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");
  g_autofree char *copy = g_strdup (uuid);

  cb_record_editor_flush (self);
  g_signal_emit (self, signals[OPEN_RECORD], 0, copy);
}

static void
on_add_child_clicked_cb (GtkButton      *button,
                         CbRecordEditor *self)
{
  const CbKind *child_kind = g_object_get_data (G_OBJECT (button), "kind");
  const CbField *parent = cb_kind_parent_field (child_kind);
  const CbField *order = cb_kind_order_field (child_kind);
  guint n_existing = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "n-children"));
  g_autofree char *position = g_strdup_printf ("%u", n_existing);
  const char *names[2] = { parent->name, NULL };
  const char *values[2] = { self->uuid, position };
  guint n = 1;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (order != NULL && order->type == CB_TYPE_INT)
    {
      names[1] = order->name;
      n = 2;
    }
  cb_record_editor_flush (self);
  uuid = cb_store_create (get_store (self), child_kind->name, names, values, n, &error);
  if (uuid == NULL)
    {
      emit_error (self, error);
      return;
    }
  g_signal_emit (self, signals[OPEN_RECORD], 0, uuid);
}

static void
build_children (CbRecordEditor *self)
{
  guint n_kinds;
  const CbKind *kinds = cb_kinds (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    {
      const CbField *parent = cb_kind_parent_field (&kinds[k]);
      g_autoptr(GPtrArray) children = NULL;
      GtkWidget *group, *add;

      if (parent == NULL || g_strcmp0 (parent->ref_kind, self->kind->name) != 0)
        continue;
      /* Evidence and tallies are shown by the observation editor. */
      if (g_strcmp0 (self->kind->name, "observation") == 0)
        continue;

      children = cb_store_children (get_store (self), kinds[k].name, self->uuid, NULL);
      group = new_group (cb_kind_get_plural (&kinds[k]), NULL);
      if (!self->read_only)
        {
          add = gtk_button_new_from_icon_name ("list-add-symbolic");
          gtk_widget_add_css_class (add, "flat");
          /* TRANSLATORS: %s is a kind of record, such as "Agenda block" */
          {
            g_autofree char *tip = g_strdup_printf (_("Add %s"), cb_kind_get_label (&kinds[k]));
            gtk_widget_set_tooltip_text (add, tip);
            gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
            gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
          }
          g_object_set_data (G_OBJECT (add), "kind", (gpointer) &kinds[k]);
          g_object_set_data (G_OBJECT (add), "n-children",
                             GUINT_TO_POINTER (children ? children->len : 0));
          g_signal_connect (add, "clicked", G_CALLBACK (on_add_child_clicked_cb), self);
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
        }
      for (guint i = 0; children && i < children->len; i++)
        {
          CbRecord *child = g_ptr_array_index (children, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = cb_names_title (self->names, child);
          g_autofree char *subtitle = NULL;

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          subtitle = cb_names_describe (self->names, child, FALSE);
          if (g_strcmp0 (kinds[k].name, "agenda_item") == 0 && cb_record_get (child, "start_time"))
            {
              g_free (subtitle);
              subtitle = g_strdup_printf ("%s–%s", cb_record_get (child, "start_time"),
                                          cb_record_get (child, "end_time") ? cb_record_get (child, "end_time") : "");
            }
          else if (g_strcmp0 (kinds[k].name, "segment") == 0 && cb_record_get (child, "minutes"))
            {
              g_free (subtitle);
              subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                                       (int) cb_record_get_int (child, "minutes")),
                                          (int) cb_record_get_int (child, "minutes"));
            }
          else if (g_strcmp0 (kinds[k].name, "attendance") == 0)
            {
              g_free (subtitle);
              subtitle = g_strdup (cb_record_get_bool (child, "present") ? _("Present") : _("Absent"));
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *title ? title : _("Untitled"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (cb_record_get_uuid (child)), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_child_row_activated_cb), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      if (children == NULL || children->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None yet"));
          gtk_widget_add_css_class (row, "dim-label");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (self->content, group);
    }
}

static void
build_parent_link (CbRecordEditor *self,
                   CbRecord       *record)
{
  const CbField *parent = cb_kind_parent_field (self->kind);
  const char *uuid;
  GtkWidget *group, *row;
  g_autofree char *title = NULL;

  if (parent == NULL)
    return;
  uuid = cb_record_get (record, parent->name);
  if (uuid == NULL || *uuid == '\0')
    return;
  group = new_group (NULL, NULL);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* TRANSLATORS: %s is a kind of record, such as "PD session" */
  title = g_strdup_printf (_("Part of %s"), cb_field_get_label (parent));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cb_names_lookup (self->names, uuid));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-up-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (uuid), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_child_row_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (self->content, group);
}

static void
clear_content (CbRecordEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  g_hash_table_remove_all (self->fields);
  self->first_input = NULL;
  self->form_kind = NULL;
}

/* The same fields of another record of the same kind: the rows stay,
 * only their values change. Building the rows again for each record
 * cost more than reading it (a debrief or an observation's details
 * opened in 8–9 ms instead of under 1 ms). */
static gboolean
can_refill_form (CbRecordEditor *self,
                 const CbKind   *kind,
                 gboolean        read_only)
{
  return self->only_fields != NULL && !self->show_extras &&
         self->form_kind == kind && self->form_read_only == read_only &&
         g_hash_table_size (self->fields) > 0;
}

static void
refill_form (CbRecordEditor *self,
             CbRecord       *record)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FieldUi *ui = value;

      g_free (ui->value);
      ui->value = g_strdup (cb_record_get (record, ui->field->name));
      field_ui_update (self, ui);
    }
}

static void
add_field (CbRecordEditor *self,
           CbRecord       *record,
           const CbField  *field,
           GtkWidget     **inline_group)
{
  FieldUi *ui = build_field (self, field);

  ui->value = g_strdup (cb_record_get (record, field->name));
  g_hash_table_insert (self->fields, (gpointer) field->name, ui);
  field_ui_update (self, ui);

  if (self->first_input == NULL && field->type != CB_TYPE_REFS)
    self->first_input = ui->input;

  if (field_is_inline (field))
    {
      if (*inline_group == NULL)
        {
          *inline_group = new_group (NULL, NULL);
          gtk_box_append (self->content, *inline_group);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (*inline_group), ui->row);
    }
  else
    {
      if (field->flags & CB_FIELD_PRIVATE)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (ui->row),
                                               _("Stays on this laptop: never exported, never in a packet."));
      gtk_box_append (self->content, ui->row);
      *inline_group = NULL;
    }
}

static void
build_form (CbRecordEditor *self,
            CbRecord       *record)
{
  GtkWidget *group = NULL;
  GtkWidget *private_group = NULL;
  const char *private_note = _("Stays on this laptop: never exported, never in a packet.");
  guint n_common;
  const CbField *common = cb_common_fields (&n_common);

  if (self->show_extras && cb_record_get_n_conflicts (record) > 0)
    {
      GtkWidget *label = gtk_label_new (NULL);
      g_autofree char *text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "%u field holds two versions from different laptops. The newest is shown.",
                       "%u fields hold two versions from different laptops. The newest is shown.",
                       cb_record_get_n_conflicts (record)),
          cb_record_get_n_conflicts (record));
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (self->content, label);
    }

  if (self->show_extras && self->read_only)
    {
      GtkWidget *label = gtk_label_new (_("This record is in the Trash. Restore it to edit it."));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->content, label);
    }

  if (self->show_extras)
    build_parent_link (self, record);

  if (self->only_fields != NULL)
    {
      for (guint i = 0; self->only_fields[i]; i++)
        {
          const CbField *field = cb_kind_field (self->kind, self->only_fields[i]);
          if (field != NULL)
            add_field (self, record, field, &group);
        }
      return;
    }

  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const CbField *field = &self->kind->fields[i];

      if (!field_is_shown (self, field) || (field->flags & CB_FIELD_PARENT) ||
          (field->flags & CB_FIELD_PRIVATE))
        continue;
      add_field (self, record, field, &group);
    }

  if (self->show_extras)
    build_children (self);

  for (guint i = 0; i < self->kind->n_fields; i++)
    {
      const CbField *field = &self->kind->fields[i];
      FieldUi *ui;

      if (!(field->flags & CB_FIELD_PRIVATE) || !field_is_shown (self, field))
        continue;
      ui = build_field (self, field);
      ui->value = g_strdup (cb_record_get (record, field->name));
      g_hash_table_insert (self->fields, (gpointer) field->name, ui);
      field_ui_update (self, ui);
      if (field_is_inline (field))
        {
          if (private_group == NULL)
            {
              private_group = new_group (_("Private"), private_note);
              gtk_box_append (self->content, private_group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (private_group), ui->row);
        }
      else
        {
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (ui->row), private_note);
          gtk_box_append (self->content, ui->row);
        }
    }

  if (self->show_extras)
    {
      GtkWidget *sharing = new_group (_("Sharing"), NULL);
      group = NULL;
      for (guint i = 0; i < n_common; i++)
        if (strcmp (common[i].name, CB_FIELD_PRIVACY) == 0)
          {
            FieldUi *ui = build_field (self, &common[i]);
            ui->value = g_strdup (cb_record_get (record, CB_FIELD_PRIVACY));
            g_hash_table_insert (self->fields, (gpointer) common[i].name, ui);
            field_ui_update (self, ui);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (sharing), ui->row);
          }
      gtk_box_append (self->content, sharing);
    }
}

static void
cb_record_editor_unmap (GtkWidget *widget)
{
  cb_record_editor_flush (CB_RECORD_EDITOR (widget));

  GTK_WIDGET_CLASS (cb_record_editor_parent_class)->unmap (widget);
}

static void
cb_record_editor_dispose (GObject *object)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (object);

  cb_record_editor_flush (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->fields)
    g_hash_table_remove_all (self->fields);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_RECORD_EDITOR);
  /* Template children without an id are not unparented by the above. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_record_editor_parent_class)->dispose (object);
}

static void
cb_record_editor_finalize (GObject *object)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->only_fields, g_strfreev);
  g_clear_pointer (&self->uuid, g_free);

  G_OBJECT_CLASS (cb_record_editor_parent_class)->finalize (object);
}


/* CbEditor */

static gboolean
cb_record_editor_editor_load (CbEditor   *editor,
                              const char *uuid,
                              gboolean    read_only)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (editor);

  return cb_record_editor_load (self, uuid, read_only);
}

static void
cb_record_editor_editor_unload (CbEditor *editor)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (editor);

  cb_record_editor_load (self, NULL, FALSE);
}

static void
cb_record_editor_editor_flush (CbEditor *editor)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (editor);

  cb_record_editor_flush (self);
}

static const char *
cb_record_editor_editor_get_uuid (CbEditor *editor)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (editor);

  return cb_record_editor_get_uuid (self);
}

static void
cb_record_editor_editor_iface_init (CbEditorInterface *iface)
{
  iface->load = cb_record_editor_editor_load;
  iface->unload = cb_record_editor_editor_unload;
  iface->flush = cb_record_editor_editor_flush;
  iface->get_uuid = cb_record_editor_editor_get_uuid;
}

enum
{
  PROP_0,
  PROP_NAMES,
};

static void
cb_record_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_record_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NAMES:
      if (self->names != g_value_get_object (value))
        {
          cb_record_editor_set_names (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_record_editor_class_init (CbRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cb_record_editor_get_property;
  object_class->set_property = cb_record_editor_set_property;
  g_object_class_override_property (object_class, PROP_NAMES, "names");

  object_class->dispose = cb_record_editor_dispose;
  object_class->finalize = cb_record_editor_finalize;
  widget_class->unmap = cb_record_editor_unmap;

  /**
   * CbRecordEditor::open-record:
   * @uuid: the record the coach wants to see (a child, a parent, a link)
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CbRecordEditor::error:
   * @message: a message for the coach
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_focused_ref_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_focused_ref_cb, "i", 1);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRecordEditor, content);
}

static void
cb_record_editor_init (CbRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, field_ui_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->show_extras = TRUE;
}

GtkWidget *
cb_record_editor_new (void)
{
  return g_object_new (CB_TYPE_RECORD_EDITOR, NULL);
}

void
cb_record_editor_set_names (CbRecordEditor *self,
                            CbNames        *names)
{
  g_return_if_fail (CB_IS_RECORD_EDITOR (self));

  g_set_object (&self->names, names);
}

/**
 * cb_record_editor_set_fields:
 * @fields: (nullable) (array zero-terminated=1): the fields to show, in
 *   this order; %NULL for all of them
 */
void
cb_record_editor_set_fields (CbRecordEditor     *self,
                             const char * const *fields)
{
  g_return_if_fail (CB_IS_RECORD_EDITOR (self));

  g_strfreev (self->only_fields);
  self->only_fields = g_strdupv ((char **) fields);
  self->form_kind = NULL;
}

/**
 * cb_record_editor_set_extras:
 * @show_extras: whether to show children, the parent link, sharing and
 *   conflict notes around the fields
 */
void
cb_record_editor_set_extras (CbRecordEditor *self,
                             gboolean        show_extras)
{
  g_return_if_fail (CB_IS_RECORD_EDITOR (self));

  self->show_extras = show_extras;
  self->form_kind = NULL;
}

/**
 * cb_record_editor_load:
 * @uuid: (nullable): the record to edit
 * @read_only: show it without letting it change (the Trash)
 *
 * Writes what is pending for the previous record first.
 *
 * Returns: %FALSE if the record could not be read
 */
gboolean
cb_record_editor_load (CbRecordEditor *self,
                       const char     *uuid,
                       gboolean        read_only)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CB_IS_RECORD_EDITOR (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_record_editor_flush (self);
  g_clear_pointer (&self->uuid, g_free);
  self->kind = NULL;

  record = uuid ? cb_store_get (get_store (self), uuid, &error) : NULL;
  if (record == NULL)
    {
      clear_content (self);
      if (uuid == NULL)
        return TRUE;
      emit_error (self, error);
      return FALSE;
    }

  self->uuid = g_strdup (uuid);
  self->kind = cb_record_get_kind_info (record);
  self->read_only = read_only;
  self->loading = TRUE;
  if (can_refill_form (self, self->kind, read_only))
    refill_form (self, record);
  else
    {
      clear_content (self);
      build_form (self, record);
      self->form_kind = self->kind;
      self->form_read_only = read_only;
    }
  self->loading = FALSE;
  return TRUE;
}

void
cb_record_editor_clear (CbRecordEditor *self)
{
  cb_record_editor_load (self, NULL, FALSE);
}

/**
 * cb_record_editor_flush:
 *
 * Writes the queued edits now, in one transaction.
 */
void
cb_record_editor_flush (CbRecordEditor *self)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (CB_IS_RECORD_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->uuid == NULL || self->names == NULL || g_hash_table_size (self->pending) == 0)
    return;

  names = g_ptr_array_new_with_free_func (g_free);
  values = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (names, g_strdup (key));
      g_ptr_array_add (values, g_strdup (value));
    }
  g_hash_table_remove_all (self->pending);

  if (!cb_store_set_fields (get_store (self), self->uuid,
                            (const char * const *) names->pdata,
                            (const char * const *) values->pdata,
                            names->len, &error))
    {
      emit_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
}

const char *
cb_record_editor_get_uuid (CbRecordEditor *self)
{
  g_return_val_if_fail (CB_IS_RECORD_EDITOR (self), NULL);

  return self->uuid;
}

gboolean
cb_record_editor_focus_first (CbRecordEditor *self)
{
  g_return_val_if_fail (CB_IS_RECORD_EDITOR (self), FALSE);

  if (self->first_input == NULL)
    return FALSE;
  return gtk_widget_grab_focus (self->first_input);
}

/**
 * cb_record_editor_get_field_widget:
 *
 * Returns: (transfer none) (nullable): the input widget of @field
 */
GtkWidget *
cb_record_editor_get_field_widget (CbRecordEditor *self,
                                   const char     *field)
{
  FieldUi *ui;

  g_return_val_if_fail (CB_IS_RECORD_EDITOR (self), NULL);

  ui = g_hash_table_lookup (self->fields, field);
  return ui ? ui->input : NULL;
}

/**
 * cb_record_editor_popdown:
 *
 * Closes any open chooser or calendar, e.g. before the form scrolls
 * away from it.
 */
void
cb_record_editor_popdown (CbRecordEditor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (CB_IS_RECORD_EDITOR (self));

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FieldUi *ui = value;
      if (ui->menu != NULL)
        gtk_menu_button_popdown (GTK_MENU_BUTTON (ui->menu));
    }
}

/**
 * cb_record_editor_set_value:
 *
 * Sets a field as if the coach had chosen @value, and queues it.
 */
void
cb_record_editor_set_value (CbRecordEditor *self,
                            const char     *field,
                            const char     *value)
{
  FieldUi *ui;

  g_return_if_fail (CB_IS_RECORD_EDITOR (self));

  ui = g_hash_table_lookup (self->fields, field);
  if (ui == NULL)
    return;
  queue_value (self, ui, value);
  if (ui->field->type == CB_TYPE_REF)
    fill_from_ref (self, ui, value);
  field_ui_update (self, ui);
}

/**
 * cb_record_editor_reload_field:
 * @field: a field of the open record
 *
 * Shows @field as it is stored now, after an edit made outside the
 * editor (Move Up in the window); a value not yet saved is left alone.
 */
void
cb_record_editor_reload_field (CbRecordEditor *self,
                               const char     *field)
{
  g_autoptr(CbRecord) record = NULL;
  FieldUi *ui;

  g_return_if_fail (CB_IS_RECORD_EDITOR (self));
  g_return_if_fail (field != NULL);

  if (self->uuid == NULL || self->fields == NULL ||
      (ui = g_hash_table_lookup (self->fields, field)) == NULL ||
      g_hash_table_contains (self->pending, field))
    return;
  record = cb_store_get (get_store (self), self->uuid, NULL);
  if (record == NULL)
    return;
  g_free (ui->value);
  ui->value = g_strdup (cb_record_get (record, field));
  field_ui_update (self, ui);
}
