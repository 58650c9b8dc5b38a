/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A coaching log and its activity segments. Each segment is its own
 * record (so two coaches adding activities never collide); a change of
 * minutes is written half a second after the last click. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-editor.h"
#include "cb-editor-widget.h"
#include "cb-log-editor.h"
#include "cb-log-logic.h"
#include "cb-names.h"
#include "cb-record-editor.h"
#include "cb-view-util.h"
#include "cb-work-strip.h"

#define SAVE_DELAY_MS 500
#define MAX_MINUTES 1440

typedef struct
{
  char      *uuid;
  gint64     minutes;
  GtkWidget *activity;   /* GtkDropDown */
  GtkWidget *spin;
  GtkWidget *remove;
} Segment;

struct _CbLogEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  CbRecordEditor    *log_fields;
  CbRecordEditor    *notes_fields;
  GtkListBox        *segment_list;
  GtkLabel          *total_label;
  GtkLabel          *warning_label;
  CbWorkStrip       *work_strip;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  GPtrArray         *segments;     /* Segment */
  GHashTable        *pending;      /* Segment* whose minutes are not written */
  guint              save_id;
  guint              writing;
  gboolean           building;
};

G_DEFINE_FINAL_TYPE (CbLogEditor, cb_log_editor, CB_TYPE_EDITOR_WIDGET)

static void
segment_free (gpointer data)
{
  Segment *s = data;

  g_free (s->uuid);
  g_free (s);
}

static CbStore *
get_store (CbLogEditor *self)
{
  return cb_names_get_store (self->names);
}

/* The activity field's choices, @n of them; their labels are the field's. */
static const CbChoice *
activities (guint *n)
{
  const CbField *field = cb_kind_field (cb_kind_lookup ("segment"), "activity");

  if (n)
    *n = cb_field_n_choices (field);
  return field->choices;
}

static void
update_total (CbLogEditor *self)
{
  g_autofree gint64 *minutes = g_new0 (gint64, self->segments->len + 1);
  g_autoptr(CbRecord) log = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *warning = NULL;
  gint64 total;

  for (guint i = 0; i < self->segments->len; i++)
    minutes[i] = ((Segment *) g_ptr_array_index (self->segments, i))->minutes;
  total = cb_segments_total (minutes, self->segments->len);
  total_text = cb_format_minutes (total);
  /* TRANSLATORS: %s is a duration, such as "1 h 35 min" */
  text = g_strdup_printf (_("Total: %s"), total_text);
  gtk_label_set_text (self->total_label, text);

  if (self->uuid != NULL && (log = cb_store_get (get_store (self), self->uuid, NULL)) != NULL)
    warning = cb_segments_check (total, cb_record_get (log, "time_in"), cb_record_get (log, "time_out"));
  gtk_label_set_text (self->warning_label, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CbLogEditor *self = data;

  self->save_id = 0;
  cb_editor_flush (CB_EDITOR (self));
  return G_SOURCE_REMOVE;
}

static Segment *
segment_of (CbLogEditor *self,
            GtkWidget   *widget)
{
  Segment *s = g_object_get_data (G_OBJECT (widget), "segment");

  return s != NULL && g_ptr_array_find (self->segments, s, NULL) ? s : NULL;
}

static void
on_minutes_changed_cb (GtkSpinButton *spin,
                       CbLogEditor   *self)
{
  Segment *s = segment_of (self, GTK_WIDGET (spin));

  if (self->building || s == NULL)
    return;
  s->minutes = gtk_spin_button_get_value_as_int (spin);
  g_hash_table_add (self->pending, s);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  update_total (self);
}

static void
on_activity_changed_cb (GtkDropDown *dropdown,
                        GParamSpec  *pspec,
                        CbLogEditor *self)
{
  Segment *s = segment_of (self, GTK_WIDGET (dropdown));
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint n;
  const CbChoice *choices = activities (&n);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->building || s == NULL)
    return;
  self->writing++;
  ok = cb_store_set (get_store (self), s->uuid, "activity",
                     selected >= 1 && selected <= n ? choices[selected - 1].value : "", &error);
  self->writing--;
  if (!ok)
    cb_view_error (GTK_WIDGET (self), error);
}

static void rebuild_segments (CbLogEditor *self);

static void
on_remove_clicked_cb (GtkButton   *button,
                      CbLogEditor *self)
{
  Segment *s = segment_of (self, GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (s == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  uuid = g_strdup (s->uuid);
  record = cb_store_get (get_store (self), uuid, NULL);
  self->writing++;
  ok = cb_store_delete (get_store (self), uuid, &error);
  self->writing--;
  if (!ok)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  /* TRANSLATORS: %s is the title of a record */
  title = record ? cb_names_record_title (record) : g_strdup ("");
  message = g_strdup_printf (_("“%s” deleted"), title);
  cb_view_undo_toast (GTK_WIDGET (self), message, uuid);
  g_hash_table_remove (self->pending, s);
  g_ptr_array_remove (self->segments, s);
  rebuild_segments (self);
}

static void
on_activity_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  shorten)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (shorten))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_activity_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static void
add_row (CbLogEditor *self,
         Segment     *s,
         const char  *activity)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *unit = gtk_label_new (_("min"));
  guint n, selected = 0;
  const CbChoice *choices = activities (&n);

  gtk_string_list_append (model, _("Not set"));
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (model, cb_field_choice_label (cb_kind_field (cb_kind_lookup ("segment"), "activity"), choices[i].value));
      if (g_strcmp0 (choices[i].value, activity) == 0)
        selected = i + 1;
    }
  s->activity = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
  /* The chosen activity may shorten to fit a narrow window; the popup
   * shows each name in full. */
  {
    g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
    g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (button_factory, "setup", G_CALLBACK (on_activity_setup_cb), GINT_TO_POINTER (TRUE));
    g_signal_connect (button_factory, "bind", G_CALLBACK (on_activity_bind_cb), NULL);
    g_signal_connect (list_factory, "setup", G_CALLBACK (on_activity_setup_cb), GINT_TO_POINTER (FALSE));
    g_signal_connect (list_factory, "bind", G_CALLBACK (on_activity_bind_cb), NULL);
    gtk_drop_down_set_factory (GTK_DROP_DOWN (s->activity), button_factory);
    gtk_drop_down_set_list_factory (GTK_DROP_DOWN (s->activity), list_factory);
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (s->activity), selected);
  gtk_widget_set_hexpand (s->activity, TRUE);
  gtk_widget_add_css_class (s->activity, "flat");
  gtk_widget_set_valign (s->activity, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (s->activity), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Activity"), -1);
  g_object_set_data (G_OBJECT (s->activity), "segment", s);
  g_signal_connect (s->activity, "notify::selected", G_CALLBACK (on_activity_changed_cb), self);

  s->spin = gtk_spin_button_new_with_range (0, MAX_MINUTES, 5);
  gtk_editable_set_width_chars (GTK_EDITABLE (s->spin), 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (s->spin), s->minutes);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (s->spin), TRUE);
  gtk_widget_set_valign (s->spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (s->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minutes"), -1);
  g_object_set_data (G_OBJECT (s->spin), "segment", s);
  g_signal_connect (s->spin, "value-changed", G_CALLBACK (on_minutes_changed_cb), self);
  gtk_widget_add_css_class (unit, "dim-label");

  s->remove = cb_view_icon_button ("list-remove-symbolic", _("Remove"));
  g_object_set_data (G_OBJECT (s->remove), "segment", s);
  g_signal_connect (s->remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), s->activity);
  gtk_box_append (GTK_BOX (box), s->spin);
  gtk_box_append (GTK_BOX (box), unit);
  gtk_box_append (GTK_BOX (box), s->remove);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "activity", g_strdup (activity), g_free);
  gtk_list_box_append (self->segment_list, row);
}

/* Rows again from the segments in memory, after one was removed. */
static void
rebuild_segments (CbLogEditor *self)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  guint n;
  const CbChoice *choices = activities (&n);

  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *s = g_ptr_array_index (self->segments, i);
      guint selected = s->activity ? gtk_drop_down_get_selected (GTK_DROP_DOWN (s->activity)) : 0;

      g_hash_table_insert (chosen, s, g_strdup (selected >= 1 && selected <= n ? choices[selected - 1].value : ""));
    }
  self->building = TRUE;
  cb_view_clear_list (self->segment_list);
  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *s = g_ptr_array_index (self->segments, i);
      add_row (self, s, g_hash_table_lookup (chosen, s));
    }
  if (self->segments->len == 0)
    gtk_list_box_append (self->segment_list, cb_view_placeholder_row (_("No activities yet")));
  self->building = FALSE;
  update_total (self);
}

static void
load_segments (CbLogEditor *self)
{
  g_autoptr(GPtrArray) records = NULL;

  g_hash_table_remove_all (self->pending);
  g_ptr_array_set_size (self->segments, 0);
  self->building = TRUE;
  cb_view_clear_list (self->segment_list);
  if (self->uuid != NULL)
    records = cb_store_children (get_store (self), "segment", self->uuid, NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      Segment *s = g_new0 (Segment, 1);

      s->uuid = g_strdup (cb_record_get_uuid (r));
      s->minutes = MAX (0, cb_record_get_int (r, "minutes"));
      g_ptr_array_add (self->segments, s);
      add_row (self, s, cb_record_get (r, "activity"));
    }
  if (self->segments->len == 0)
    gtk_list_box_append (self->segment_list, cb_view_placeholder_row (_("No activities yet")));
  self->building = FALSE;
  update_total (self);
}

static void
add_segment_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  g_autofree char *uuid = cb_log_editor_add_segment (CB_LOG_EDITOR (widget), NULL, 0);
}

static void
on_fields_saved_cb (CbLogEditor *self)
{
  update_total (self);
}

static void
on_store_changed_cb (CbStore     *store,
                     const char  *kind,
                     const char  *uuid,
                     CbLogEditor *self)
{
  if (self->uuid == NULL || self->writing > 0)
    return;
  /* An import or an Undo brought segments back or changed them. */
  if (kind == NULL || g_strcmp0 (kind, "segment") == 0)
    {
      if (kind != NULL)
        {
          g_autoptr(CbRecord) record = cb_store_get (store, uuid, NULL);
          if (record == NULL || g_strcmp0 (cb_record_get (record, "log"), self->uuid) != 0)
            return;
        }
      cb_editor_flush (CB_EDITOR (self));
      load_segments (self);
    }
  else if (g_strcmp0 (uuid, self->uuid) == 0)
    update_total (self);
}

static void
cb_log_editor_unmap (GtkWidget *widget)
{
  cb_editor_flush (CB_EDITOR (CB_LOG_EDITOR (widget)));

  GTK_WIDGET_CLASS (cb_log_editor_parent_class)->unmap (widget);
}

static void
cb_log_editor_dispose (GObject *object)
{
  CbLogEditor *self = CB_LOG_EDITOR (object);

  if (self->names != NULL)
    {
      cb_editor_flush (CB_EDITOR (self));
      g_clear_signal_handler (&self->changed_id, get_store (self));
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_LOG_EDITOR);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_log_editor_parent_class)->dispose (object);
}

static void
cb_log_editor_finalize (GObject *object)
{
  CbLogEditor *self = CB_LOG_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_log_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbLogEditor *self = CB_LOG_EDITOR (editor);

  self->changed_id = cb_editor_widget_share_names (editor, &self->names, G_CALLBACK (on_store_changed_cb),
                                                   CB_EDITOR (self->log_fields), CB_EDITOR (self->notes_fields));
  cb_work_strip_set_store (self->work_strip, cb_names_get_store (self->names));
}

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbLogEditor *self = CB_LOG_EDITOR (editor);
  gboolean ok;

  g_return_val_if_fail (CB_IS_LOG_EDITOR (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  ok = cb_editor_widget_load_parts (editor, &self->uuid, uuid,
                                    CB_EDITOR (self->log_fields), CB_EDITOR (self->notes_fields));
  load_segments (self);
  cb_work_strip_set_parent (self->work_strip, self->uuid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.add-segment", self->uuid != NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  CbLogEditor *self = CB_LOG_EDITOR (editor);
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CB_IS_LOG_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->names == NULL || self->uuid == NULL)
    return;
  cb_record_editor_flush (self->log_fields);
  cb_record_editor_flush (self->notes_fields);
  if (g_hash_table_size (self->pending) == 0)
    return;
  if (!cb_store_begin (get_store (self), &error))
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  self->writing++;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL) && error == NULL)
    {
      Segment *s = key;
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, s->minutes);

      cb_store_set (get_store (self), s->uuid, "minutes", value, &error);
    }
  g_hash_table_remove_all (self->pending);
  if (error != NULL || !cb_store_commit (get_store (self), &error))
    {
      cb_store_rollback (get_store (self));
      cb_view_error (GTK_WIDGET (self), error);
    }
  self->writing--;
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  CbLogEditor *self = CB_LOG_EDITOR (editor);
  g_return_val_if_fail (CB_IS_LOG_EDITOR (self), NULL);

  return self->uuid;
}

static void
cb_log_editor_class_init (CbLogEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_log_editor_dispose;
  object_class->finalize = cb_log_editor_finalize;
  widget_class->unmap = cb_log_editor_unmap;

  gtk_widget_class_install_action (widget_class, "log.add-segment", NULL, add_segment_action);

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  g_type_ensure (CB_TYPE_WORK_STRIP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-log-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbLogEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbLogEditor, log_fields);
  gtk_widget_class_bind_template_child (widget_class, CbLogEditor, notes_fields);
  gtk_widget_class_bind_template_child (widget_class, CbLogEditor, segment_list);
  gtk_widget_class_bind_template_child (widget_class, CbLogEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogEditor, warning_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogEditor, work_strip);
}

static void
cb_log_editor_init (CbLogEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->segments = g_ptr_array_new_with_free_func (segment_free);
  self->pending = g_hash_table_new (NULL, NULL);
  g_signal_connect_swapped (self->log_fields, "saved", G_CALLBACK (on_fields_saved_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.add-segment", FALSE);
}

GtkWidget *
cb_log_editor_new (void)
{
  return g_object_new (CB_TYPE_LOG_EDITOR, NULL);
}

guint
cb_log_editor_get_n_segments (CbLogEditor *self)
{
  g_return_val_if_fail (CB_IS_LOG_EDITOR (self), 0);

  return self->segments->len;
}

/**
 * cb_log_editor_get_segment_widget:
 * @part: "activity", "minutes" or "remove"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_log_editor_get_segment_widget (CbLogEditor *self,
                                  guint        index,
                                  const char  *part)
{
  Segment *s;

  g_return_val_if_fail (CB_IS_LOG_EDITOR (self), NULL);

  if (index >= self->segments->len)
    return NULL;
  s = g_ptr_array_index (self->segments, index);
  if (g_strcmp0 (part, "activity") == 0)
    return s->activity;
  if (g_strcmp0 (part, "minutes") == 0)
    return s->spin;
  if (g_strcmp0 (part, "remove") == 0)
    return s->remove;
  return NULL;
}

/**
 * cb_log_editor_get_total:
 *
 * Returns: the minutes shown as the total
 */
gint64
cb_log_editor_get_total (CbLogEditor *self)
{
  gint64 total = 0;

  g_return_val_if_fail (CB_IS_LOG_EDITOR (self), 0);

  for (guint i = 0; i < self->segments->len; i++)
    total += MAX (0, ((Segment *) g_ptr_array_index (self->segments, i))->minutes);
  return total;
}

/**
 * cb_log_editor_add_segment:
 * @activity: (nullable): one of the segment activities
 *
 * Returns: (transfer full) (nullable): the new segment's UUID
 */
char *
cb_log_editor_add_segment (CbLogEditor *self,
                           const char  *activity,
                           int          minutes)
{
  g_autofree char *position = NULL;
  g_autofree char *mins = g_strdup_printf ("%d", MAX (0, minutes));
  const char *names[] = { "log", "position", "activity", "minutes" };
  const char *values[4];
  g_autoptr(GError) error = NULL;
  guint n = 2;
  guint max = 0;
  Segment *s;
  char *uuid;

  g_return_val_if_fail (CB_IS_LOG_EDITOR (self), NULL);

  if (self->uuid == NULL)
    return NULL;
  for (guint i = 0; i < self->segments->len; i++)
    max = i + 1;
  position = g_strdup_printf ("%u", max);
  values[0] = self->uuid;
  values[1] = position;
  if (activity != NULL)
    {
      values[n++] = activity;
      values[n++] = mins;
    }
  else
    {
      names[n] = "minutes";
      values[n++] = mins;
    }
  cb_editor_flush (CB_EDITOR (self));
  self->writing++;
  uuid = cb_store_create (get_store (self), "segment", names, values, n, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return NULL;
    }
  if (self->segments->len == 0)
    cb_view_clear_list (self->segment_list);
  s = g_new0 (Segment, 1);
  s->uuid = g_strdup (uuid);
  s->minutes = MAX (0, minutes);
  g_ptr_array_add (self->segments, s);
  self->building = TRUE;
  add_row (self, s, activity);
  self->building = FALSE;
  update_total (self);
  gtk_widget_grab_focus (s->activity);
  return uuid;
}

/**
 * cb_log_editor_get_child:
 * @name: "log_fields", "notes_fields", "total_label" or "warning_label"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_log_editor_get_child (CbLogEditor *self,
                         const char  *name)
{
  g_return_val_if_fail (CB_IS_LOG_EDITOR (self), NULL);

  if (g_strcmp0 (name, "log_fields") == 0)
    return GTK_WIDGET (self->log_fields);
  if (g_strcmp0 (name, "notes_fields") == 0)
    return GTK_WIDGET (self->notes_fields);
  if (g_strcmp0 (name, "total_label") == 0)
    return GTK_WIDGET (self->total_label);
  if (g_strcmp0 (name, "warning_label") == 0)
    return GTK_WIDGET (self->warning_label);
  return NULL;
}
