/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The coaching cycle's page. What it shows follows the records: a data
 * point, an observation or an evidence line saved anywhere reloads it,
 * after a short delay, on a worker thread. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-cycle-editor.h"
#include "cb-editor.h"
#include "cb-goal-logic.h"
#include "cb-measure-chart.h"
#include "cb-record-editor.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"
#include "cb-work-strip.h"

#define RELOAD_DELAY_MS 300

struct _CbCycleEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel          *progress_label;
  CbMeasureChart    *chart;
  GtkEntry          *date_entry;
  GtkEntry          *value_entry;
  GtkListBox        *steps_list;
  GtkListBox        *trend_list;
  CbRecordEditor    *fields;
  CbWorkStrip       *work_strip;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  CbCycle           *cycle;
  GCancellable      *cancellable;
  guint              reload_id;
  gboolean           framed;       /* a frame was painted since the record opened */
  gulong             paint_id;
  GdkFrameClock     *paint_clock;
  CbCycle           *pending;      /* read before that frame: shown after it */
};

G_DEFINE_FINAL_TYPE (CbCycleEditor, cb_cycle_editor, CB_TYPE_EDITOR_WIDGET)

static gpointer
load_cycle (CbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return cb_cycle_load (store, data, NULL, error);
}

static void
on_step_activated_cb (AdwActionRow  *row,
                      CbCycleEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");
  g_autofree char *copy = g_strdup (uuid);

  cb_editor_flush (CB_EDITOR (self));
  cb_view_open_record (GTK_WIDGET (self), copy);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title && *title ? title : _("Untitled"));
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
show_steps (CbCycleEditor *self)
{
  cb_view_clear_list (self->steps_list);
  for (guint i = 0; self->cycle && i < self->cycle->steps->len; i++)
    {
      const CbCycleStep *step = g_ptr_array_index (self->cycle->steps, i);
      g_autofree char *subtitle = cb_goal_step_subtitle (step);
      GtkWidget *row = new_row (step->title, subtitle);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (step->uuid), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_step_activated_cb), self);
      gtk_list_box_append (self->steps_list, row);
    }
  if (self->cycle == NULL || self->cycle->steps->len == 0)
    gtk_list_box_append (self->steps_list,
                         cb_view_placeholder_row (_("Link an observation, a co-plan, a coaching log or an action item to this cycle in its “Coaching cycle” field.")));
}

static void
show_trend (CbCycleEditor *self)
{
  cb_view_clear_list (self->trend_list);
  for (guint i = 0; self->cycle && i < self->cycle->trend->len; i++)
    {
      const CbCycleTrend *t = g_ptr_array_index (self->cycle->trend, i);
      g_autofree char *subtitle = cb_goal_trend_subtitle (t, self->cycle->n_observations);

      gtk_list_box_append (self->trend_list, new_row (t->name ? t->name : _("Unknown look-for"), subtitle));
    }
  if (self->cycle == NULL || self->cycle->trend->len == 0)
    gtk_list_box_append (self->trend_list,
                         cb_view_placeholder_row (_("Choose the look-fors this cycle works on; tag them in its observations.")));
}

static void
show_cycle (CbCycleEditor *self)
{
  g_autofree char *progress = self->cycle ? cb_cycle_progress_text (self->cycle) : NULL;

  gtk_label_set_text (self->progress_label, progress && *progress ? progress
                      : _("Give the cycle a baseline and a target, then add a data point after each check."));
  cb_measure_chart_set_cycle (self->chart, self->cycle);
  show_steps (self);
  show_trend (self);
}

static void
stop_waiting (CbCycleEditor *self)
{
  /* a window's frame clock drops its handlers when the window goes */
  if (self->paint_clock != NULL && self->paint_id != 0 &&
      g_signal_handler_is_connected (self->paint_clock, self->paint_id))
    g_signal_handler_disconnect (self->paint_clock, self->paint_id);
  self->paint_id = 0;
  g_clear_object (&self->paint_clock);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   CbCycleEditor *self)
{
  stop_waiting (self);
  self->framed = TRUE;
  if (self->pending != NULL)
    {
      g_clear_pointer (&self->cycle, cb_cycle_free);
      self->cycle = g_steal_pointer (&self->pending);
      show_cycle (self);
    }
}

/* A cycle just opened paints its page first: its steps, chart and
 * trend, read meanwhile, follow in the next frame. */
static void
wait_for_frame (CbCycleEditor *self)
{
  GdkFrameClock *clock = gtk_widget_get_realized (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  stop_waiting (self);
  g_clear_pointer (&self->pending, cb_cycle_free);
  self->framed = clock == NULL;
  if (clock == NULL)
    return;
  self->paint_clock = g_object_ref (clock);
  self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CbCycle *cycle = cb_store_work_finish (result, &error);
  CbCycleEditor *self;

  if (cycle == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cb_view_error (GTK_WIDGET (user_data), error);
      return;
    }
  self = CB_CYCLE_EDITOR (user_data);
  if (!self->framed && self->paint_id != 0)
    {
      g_clear_pointer (&self->pending, cb_cycle_free);
      self->pending = cycle;
      return;
    }
  g_clear_pointer (&self->cycle, cb_cycle_free);
  self->cycle = cycle;
  show_cycle (self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbCycleEditor *self = data;

  self->reload_id = 0;
  cb_cycle_editor_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore       *store,
                     const char    *kind,
                     const char    *uuid,
                     CbCycleEditor *self)
{
  static const char * const shown[] = {
    "cycle", "data_point", "observation", "evidence", "coplan", "coaching_log", "action_item", "look_for", NULL
  };

  if (self->uuid == NULL || (kind != NULL && !g_strv_contains (shown, kind)))
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
add_point_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CbCycleEditor *self = CB_CYCLE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cb_cycle_editor_add_point (self, gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                                  gtk_editable_get_text (GTK_EDITABLE (self->value_entry)), &error))
    {
      cb_view_error (widget, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->value_entry));
}

static void
on_value_entry_activated_cb (GtkEntry      *entry,
                             CbCycleEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "goal.add-point", NULL);
}

static void
cb_cycle_editor_unmap (GtkWidget *widget)
{
  cb_editor_flush (CB_EDITOR (widget));

  GTK_WIDGET_CLASS (cb_cycle_editor_parent_class)->unmap (widget);
}

static void
cb_cycle_editor_dispose (GObject *object)
{
  CbCycleEditor *self = CB_CYCLE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_CYCLE_EDITOR);
  g_clear_object (&self->names);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cycle, cb_cycle_free);
  g_clear_pointer (&self->pending, cb_cycle_free);
  stop_waiting (self);

  G_OBJECT_CLASS (cb_cycle_editor_parent_class)->dispose (object);
}

static void
cb_cycle_editor_finalize (GObject *object)
{
  CbCycleEditor *self = CB_CYCLE_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);

  G_OBJECT_CLASS (cb_cycle_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbCycleEditor *self = CB_CYCLE_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);

  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->fields, names);
  cb_work_strip_set_store (self->work_strip, cb_names_get_store (names));
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/* Loads @uuid, a coaching cycle, or nothing; %FALSE if it could not be
 * read. */
static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbCycleEditor *self = CB_CYCLE_EDITOR (editor);
  g_autofree char *copy = g_strdup (uuid);
  g_autofree char *today = cb_today_string ();
  gboolean ok = TRUE;

  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->cycle, cb_cycle_free);
  show_cycle (self);
  if (copy != NULL)
    ok = cb_record_editor_load (self->fields, copy, FALSE);
  else
    cb_record_editor_clear (self->fields);
  if (!ok)
    g_clear_pointer (&copy, g_free);
  self->uuid = g_steal_pointer (&copy);
  wait_for_frame (self);
  cb_work_strip_set_parent (self->work_strip, self->uuid);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");
  cb_cycle_editor_reload (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  cb_record_editor_flush (CB_CYCLE_EDITOR (editor)->fields);
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return CB_CYCLE_EDITOR (editor)->uuid;
}

static void
cb_cycle_editor_class_init (CbCycleEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_cycle_editor_dispose;
  object_class->finalize = cb_cycle_editor_finalize;
  widget_class->unmap = cb_cycle_editor_unmap;

  g_type_ensure (CB_TYPE_MEASURE_CHART);
  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  g_type_ensure (CB_TYPE_WORK_STRIP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-cycle-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, chart);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, value_entry);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, steps_list);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, trend_list);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, fields);
  gtk_widget_class_bind_template_child (widget_class, CbCycleEditor, work_strip);
  gtk_widget_class_bind_template_callback (widget_class, on_value_entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "goal.add-point", NULL, add_point_action);
}

static void
cb_cycle_editor_init (CbCycleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
cb_cycle_editor_new (void)
{
  return g_object_new (CB_TYPE_CYCLE_EDITOR, NULL);
}

/**
 * cb_cycle_editor_reload:
 *
 * Reads the cycle again, on a worker thread.
 */
void
cb_cycle_editor_reload (CbCycleEditor *self)
{
  g_return_if_fail (CB_IS_CYCLE_EDITOR (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names == NULL || self->uuid == NULL)
    return;
  cb_record_editor_flush (self->fields);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cb_store_work_async (cb_names_get_store (self->names), load_cycle, g_strdup (self->uuid), g_free,
                       (GDestroyNotify) cb_cycle_free, self->cancellable, on_loaded_cb, self);
}

/**
 * cb_cycle_editor_get_cycle:
 *
 * Returns: (transfer none) (nullable): what the page shows
 */
CbCycle *
cb_cycle_editor_get_cycle (CbCycleEditor *self)
{
  g_return_val_if_fail (CB_IS_CYCLE_EDITOR (self), NULL);

  return self->cycle;
}

/**
 * cb_cycle_editor_add_point:
 * @date: YYYY-MM-DD
 * @value: a number on the cycle's measure
 *
 * Adds a data point to the shown cycle; nothing is written when either
 * value is not valid.
 *
 * Returns: %TRUE when the point was saved
 */
gboolean
cb_cycle_editor_add_point (CbCycleEditor  *self,
                           const char     *date,
                           const char     *value,
                           GError        **error)
{
  const CbKind *kind = cb_kind_lookup ("data_point");
  const char *names[] = { "cycle", "date", "value" };
  g_autofree char *number = g_strstrip (g_strdelimit (g_strdup (value ? value : ""), ",", '.'));
  g_autofree char *day = g_strstrip (g_strdup (date ? date : ""));
  const char *values[] = { self->uuid, day, number };
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (CB_IS_CYCLE_EDITOR (self), FALSE);
  g_return_val_if_fail (self->uuid != NULL, FALSE);

  if (*number == '\0')
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Type the value measured, such as 35."));
      return FALSE;
    }
  if (!cb_field_validate (cb_kind_field (kind, "value"), number, error) ||
      !cb_field_validate (cb_kind_field (kind, "date"), day, error))
    return FALSE;
  uuid = cb_store_create (cb_names_get_store (self->names), "data_point", names, values, 3, error);
  if (uuid == NULL)
    return FALSE;
  cb_cycle_editor_reload (self);
  return TRUE;
}

/**
 * cb_cycle_editor_get_child:
 * @name: "chart", "fields", "steps_list", "trend_list", "date_entry",
 *   "value_entry", "progress_label" or "work_strip"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_cycle_editor_get_child (CbCycleEditor *self,
                           const char    *name)
{
  g_return_val_if_fail (CB_IS_CYCLE_EDITOR (self), NULL);

  if (g_strcmp0 (name, "chart") == 0)
    return GTK_WIDGET (self->chart);
  if (g_strcmp0 (name, "fields") == 0)
    return GTK_WIDGET (self->fields);
  if (g_strcmp0 (name, "steps_list") == 0)
    return GTK_WIDGET (self->steps_list);
  if (g_strcmp0 (name, "trend_list") == 0)
    return GTK_WIDGET (self->trend_list);
  if (g_strcmp0 (name, "date_entry") == 0)
    return GTK_WIDGET (self->date_entry);
  if (g_strcmp0 (name, "value_entry") == 0)
    return GTK_WIDGET (self->value_entry);
  if (g_strcmp0 (name, "progress_label") == 0)
    return GTK_WIDGET (self->progress_label);
  if (g_strcmp0 (name, "work_strip") == 0)
    return GTK_WIDGET (self->work_strip);
  return NULL;
}
