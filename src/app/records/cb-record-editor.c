/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The form is built from the kinds table, so a field added there shows
 * up here with a widget that fits its type. Edits are queued and written
 * in one transaction half a second after the last keystroke, and at
 * once when the form is left. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-editor.h"
#include "cb-editor-widget.h"
#include "cb-record-editor-private.h"
#include "cb-view-util.h"

G_DEFINE_FINAL_TYPE (CbRecordEditor, cb_record_editor, CB_TYPE_EDITOR_WIDGET)

guint _cb_record_editor_signals[N_SIGNALS];

static void
field_ui_free (gpointer data)
{
  FieldUi *ui = data;

  g_free (ui->value);
  g_free (ui);
}

CbStore *
_cb_record_editor_get_store (CbRecordEditor *self)
{
  return self->names ? cb_names_get_store (self->names) : NULL;
}

void
_cb_record_editor_emit_error (CbRecordEditor *self,
                              const GError   *error)
{
  cb_view_error (GTK_WIDGET (self), error);
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
  /* photos have their own view; machine-readable data has none */
  if (field->type == CB_TYPE_IMAGE || field->type == CB_TYPE_DATA)
    return FALSE;
  /* nor a field a view of its own edits */
  if ((field->flags & CB_FIELD_OWN_VIEW) && self->only_fields == NULL)
    return FALSE;
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
  g_signal_emit (self, _cb_record_editor_signals[OPEN_RECORD], 0, copy);
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
  uuid = cb_store_create (_cb_record_editor_get_store (self), child_kind->name, names, values, n, &error);
  if (uuid == NULL)
    {
      _cb_record_editor_emit_error (self, error);
      return;
    }
  g_signal_emit (self, _cb_record_editor_signals[OPEN_RECORD], 0, uuid);
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

      children = cb_store_children (_cb_record_editor_get_store (self), kinds[k].name, self->uuid, NULL);
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
      _cb_record_editor_field_ui_update (self, ui);
    }
}

static void
add_field (CbRecordEditor *self,
           CbRecord       *record,
           const CbField  *field,
           GtkWidget     **inline_group)
{
  FieldUi *ui = _cb_record_editor_build_field (self, field);

  ui->value = g_strdup (cb_record_get (record, field->name));
  g_hash_table_insert (self->fields, (gpointer) field->name, ui);
  _cb_record_editor_field_ui_update (self, ui);

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
      ui = _cb_record_editor_build_field (self, field);
      ui->value = g_strdup (cb_record_get (record, field->name));
      g_hash_table_insert (self->fields, (gpointer) field->name, ui);
      _cb_record_editor_field_ui_update (self, ui);
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
            FieldUi *ui = _cb_record_editor_build_field (self, &common[i]);
            ui->value = g_strdup (cb_record_get (record, CB_FIELD_PRIVACY));
            g_hash_table_insert (self->fields, (gpointer) common[i].name, ui);
            _cb_record_editor_field_ui_update (self, ui);
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
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_RECORD_EDITOR);
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


enum
{
  PROP_0,
  PROP_FIELDS,
  PROP_EXTRAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One field a line, as a .ui gives them; blank lines and the white
 * space around a name do not count. */
static void
set_fields_from_strv (CbRecordEditor     *self,
                      const char * const *lines)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) fields = NULL;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (lines[i]));

      if (*name != '\0')
        g_strv_builder_add (names, name);
    }
  fields = g_strv_builder_end (names);
  cb_record_editor_set_fields (self, lines != NULL ? (const char * const *) fields : NULL);
}

static void
cb_record_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbRecordEditor *self = CB_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FIELDS:
      g_value_set_boxed (value, self->only_fields);
      break;
    case PROP_EXTRAS:
      g_value_set_boolean (value, self->show_extras);
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
    case PROP_FIELDS:
      set_fields_from_strv (self, g_value_get_boxed (value));
      break;
    case PROP_EXTRAS:
      cb_record_editor_set_extras (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* CbEditorWidget: the editor's own functions, which the editors that
 * show their fields in one call directly. */

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  return cb_record_editor_load (CB_RECORD_EDITOR (editor), uuid, read_only);
}

static void
flush_record (CbEditorWidget *editor)
{
  cb_record_editor_flush (CB_RECORD_EDITOR (editor));
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return cb_record_editor_get_uuid (CB_RECORD_EDITOR (editor));
}

static void
names_changed (CbEditorWidget *editor)
{
  g_set_object (&CB_RECORD_EDITOR (editor)->names, cb_editor_widget_get_names (editor));
}

static void
cb_record_editor_class_init (CbRecordEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->get_property = cb_record_editor_get_property;
  object_class->set_property = cb_record_editor_set_property;

  /**
   * CbRecordEditor:fields:
   *
   * The fields to show, in this order; %NULL for all of them. In a
   * .ui, one field a line: showing another field is one line there.
   */
  properties[PROP_FIELDS] =
    g_param_spec_boxed ("fields", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * CbRecordEditor:extras:
   *
   * Whether to show children, the parent link, sharing and conflict
   * notes around the fields.
   */
  properties[PROP_EXTRAS] =
    g_param_spec_boolean ("extras", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  object_class->dispose = cb_record_editor_dispose;
  object_class->finalize = cb_record_editor_finalize;
  widget_class->unmap = cb_record_editor_unmap;

  /**
   * CbRecordEditor::open-record:
   * @uuid: the record the coach wants to see (a child, a parent, a link)
   */
  _cb_record_editor_signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CbRecordEditor::error:
   * @message: a message for the coach
   */
  _cb_record_editor_signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, _cb_record_editor_move_focused_ref_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, _cb_record_editor_move_focused_ref_cb, "i", 1);
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

  /* Through the property, which keeps them (CbEditorWidget). */
  cb_editor_set_names (CB_EDITOR (self), names);
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

  record = uuid ? cb_store_get (_cb_record_editor_get_store (self), uuid, &error) : NULL;
  if (record == NULL)
    {
      clear_content (self);
      if (uuid == NULL)
        return TRUE;
      _cb_record_editor_emit_error (self, error);
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
  record = cb_store_get (_cb_record_editor_get_store (self), self->uuid, NULL);
  if (record == NULL)
    return;
  g_free (ui->value);
  ui->value = g_strdup (cb_record_get (record, field));
  _cb_record_editor_field_ui_update (self, ui);
}
