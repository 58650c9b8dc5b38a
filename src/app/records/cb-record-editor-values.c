/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The record editor's values: a value shown in its widget, edits
 * queued and written in one transaction half a second after the last
 * keystroke (or at once by cb_record_editor_flush()). */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-record-editor-private.h"
#include "cb-ref-chooser.h"
#include "cb-refs.h"
#include "cb-view-logic.h"

#define SAVE_DELAY_MS 500

static gboolean
save_timeout_cb (gpointer data)
{
  CbRecordEditor *self = data;

  self->save_id = 0;
  cb_record_editor_flush (self);
  return G_SOURCE_REMOVE;
}

void
_cb_record_editor_queue_value (CbRecordEditor *self,
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
void
_cb_record_editor_fill_from_ref (CbRecordEditor *self,
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
  ref = cb_store_get (_cb_record_editor_get_store (self), uuid, NULL);
  ref_school = ref ? cb_record_get (ref, "school") : NULL;
  if (ref_school == NULL || *ref_school == '\0')
    return;
  _cb_record_editor_queue_value (self, school, ref_school);
  _cb_record_editor_field_ui_update (self, school);
}

/* A date that is not one says how to type it, in its row's title:
 * red alone does not tell. */
void
_cb_record_editor_show_invalid (FieldUi  *ui,
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
/* Value → widget */

void
_cb_record_editor_field_ui_update (CbRecordEditor *self,
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
      _cb_record_editor_show_invalid (ui, FALSE);
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

        for (guint i = 0; field->choices && field->choices[i].value; i++)
          if (g_strcmp0 (field->choices[i].value, value) == 0)
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

        _cb_record_editor_clear_refs_children (ui);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (ui->row),
                                       *names ? names : _("None"));
        for (guint i = 0; parts[i]; i++)
          {
            GtkWidget *row = _cb_record_editor_build_refs_item_row (self, ui, parts[i], i, g_strv_length (parts));

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

  if (!cb_store_set_fields (_cb_record_editor_get_store (self), self->uuid,
                            (const char * const *) names->pdata,
                            (const char * const *) values->pdata,
                            names->len, &error))
    {
      _cb_record_editor_emit_error (self, error);
      return;
    }
  g_signal_emit (self, _cb_record_editor_signals[SAVED], 0);
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
  _cb_record_editor_queue_value (self, ui, value);
  if (ui->field->type == CB_TYPE_REF)
    _cb_record_editor_fill_from_ref (self, ui, value);
  _cb_record_editor_field_ui_update (self, ui);
}
