/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observation capture. Nothing waits for a Save: each line, tag, count
 * and clock change is one small transaction, written when it happens.
 * The lesson clock is kept as a state plus the wall-clock moment it
 * started running, so a reopened observation (after a crash, too)
 * shows the clock exactly where it would be.
 *
 * This file holds the template, loading and the public API; the clock,
 * the timeline, the tallies and the capture keys have files of their
 * own (cb-observation-editor-private.h lists them). */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-editor.h"
#include "cb-observation-editor-private.h"
#include "cb-view-util.h"
#include "cb-wrap-layout.h"

G_DEFINE_FINAL_TYPE (CbObservationEditor, cb_observation_editor, CB_TYPE_EDITOR_WIDGET)

enum {
  PROP_0,
  PROP_FOCUS_MODE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum {
  LINE_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gint64
_cb_observation_editor_now_ms (void)
{
  return g_get_real_time () / 1000;
}

CbStore *
_cb_observation_editor_get_store (CbObservationEditor *self)
{
  return cb_names_get_store (self->names);
}

void
_cb_observation_editor_report_error (CbObservationEditor *self,
                                     const GError        *error)
{
  cb_view_error (GTK_WIDGET (self), error);
}

gboolean
_cb_observation_editor_store_set (CbObservationEditor *self,
                                  const char          *uuid,
                                  const char          *field,
                                  const char          *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->writing++;
  ok = cb_store_set (_cb_observation_editor_get_store (self), uuid, field, value, &error);
  self->writing--;
  if (!ok)
    _cb_observation_editor_report_error (self, error);
  return ok;
}

char *
_cb_observation_editor_store_create (CbObservationEditor *self,
                                     const char          *kind,
                                     const char * const  *names,
                                     const char * const  *values,
                                     guint                n)
{
  g_autoptr(GError) error = NULL;
  char *uuid;

  self->writing++;
  uuid = cb_store_create (_cb_observation_editor_get_store (self), kind, names, values, n, &error);
  self->writing--;
  if (uuid == NULL)
    _cb_observation_editor_report_error (self, error);
  return uuid;
}

void
_cb_observation_editor_emit_line_deleted (CbObservationEditor *self,
                                          const char          *uuid)
{
  g_signal_emit (self, signals[LINE_DELETED], 0, uuid);
}

/* Monitoring chart */

static gint64
monitor_offset_cb (gpointer data)
{
  CbObservationEditor *self = data;

  return cb_clock_offset_seconds (&self->clock, _cb_observation_editor_now_ms ());
}

static void
on_page_toggled_cb (CbObservationEditor *self)
{
  gboolean capture = gtk_toggle_button_get_active (self->capture_toggle);

  /* The debrief reads what was saved when it is shown, and only if
   * something changed since it was last filled. */
  if (!capture)
    cb_monitor_chart_flush (self->monitor_chart);
  gtk_stack_set_visible_child_name (self->page_stack, capture ? "capture" : "debrief");
  if (capture)
    {
      _cb_observation_editor_scroll_to_end (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
    }
}

static gboolean
popup_teacher_cb (gpointer data)
{
  GtkWidget *button = data;

  GtkNative *native = gtk_widget_get_native (button);
  GdkSurface *surface = native ? gtk_native_get_surface (native) : NULL;

  /* A popover can only be placed once its button has a size and its
   * window is known to be on a monitor (not so right after start-up). */
  if (gtk_widget_get_mapped (button) && gtk_widget_get_width (button) > 0 &&
      surface != NULL && gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      g_object_unref (button);
      return G_SOURCE_REMOVE;
    }
  if (!gtk_widget_get_mapped (button) && gtk_widget_get_root (button) == NULL)
    {
      g_object_unref (button);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Changes made elsewhere: an Undo in the window, an import. */
static void
on_store_changed_cb (CbStore             *store,
                     const char          *kind,
                     const char          *uuid,
                     CbObservationEditor *self)
{
  if (self->writing > 0 || self->uuid == NULL)
    return;
  if (kind == NULL || g_strcmp0 (kind, "evidence") == 0)
    {
      if (kind != NULL)
        {
          g_autoptr(CbRecord) record = cb_store_get (store, uuid, NULL);
          if (record == NULL || g_strcmp0 (cb_record_get (record, "observation"), self->uuid) != 0)
            return;
        }
      _cb_observation_editor_load_lines (self);
    }
}

/* Leaves the observation shown, its pending writes flushed. The views
 * keep what they show: loading another observation replaces it (no need
 * to empty the lists first), unloading empties them (clear_views). */
static void
forget_record (CbObservationEditor *self,
               gboolean             closing)
{
  g_autofree char *typed = _cb_observation_editor_capture_text (self);

  cb_observation_editor_flush (self);
  /* What was typed and not yet entered is never dropped: it waits for
   * the lesson to be opened again, or, when the window closes, goes in
   * as a line. */
  if (g_strstrip (typed)[0] != '\0')
    {
      if (closing)
        cb_observation_editor_add_line (self, typed);
      else
        g_hash_table_insert (self->drafts, g_strdup (self->uuid), _cb_observation_editor_capture_text (self));
    }
  _cb_observation_editor_set_capture_text (self, "");
  if (closing && self->settings != NULL &&
      g_settings_get_boolean (self->settings, "clock-pause-on-close") &&
      self->clock.state == CB_CLOCK_RUNNING)
    _cb_observation_editor_pause_clock (self);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->focus, g_free);
  g_clear_pointer (&self->start_time, g_free);
  g_clear_pointer (&self->end_time, g_free);
  cb_clock_init (&self->clock);
  g_hash_table_remove_all (self->short_labels);
}

static void
clear_views (CbObservationEditor *self)
{
  _cb_observation_editor_clear_lines (self);
  cb_record_editor_clear (self->details_editor);
  cb_debrief_view_load (self->debrief_view, NULL);
  cb_monitor_chart_load (self->monitor_chart, NULL);
  cb_walk_form_load (self->walk_form, NULL);
  cb_talk_pane_load (self->talk_pane, NULL, NULL);
  cb_work_strip_set_parent (self->work_strip, NULL);
  _cb_observation_editor_update_clock_ui (self);
}

/* The pane analysed a recording or the coach corrected a segment, for
 * this observation or (a recording finished) the one before it. */
static void
on_talk_pane_estimate_changed_cb (CbObservationEditor *self,
                                  const char          *uuid,
                                  const char          *estimate)
{
  _cb_observation_editor_store_set (self, uuid, "talk_estimate", estimate);
}

static void
cb_observation_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FOCUS_MODE:
      g_value_set_boolean (value, self->focus_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_observation_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FOCUS_MODE:
      cb_observation_editor_set_focus_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_observation_editor_unmap (GtkWidget *widget)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  /* Capture focus belongs to the lesson shown: another view gets the
   * window's panes back. */
  cb_observation_editor_set_focus_mode (self, FALSE);
  cb_observation_editor_flush (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (cb_observation_editor_parent_class)->unmap (widget);
}

static void
cb_observation_editor_map (GtkWidget *widget)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  GTK_WIDGET_CLASS (cb_observation_editor_parent_class)->map (widget);
  if (self->uuid != NULL)
    _cb_observation_editor_update_clock_ui (self);
}

static void
cb_observation_editor_root (GtkWidget *widget)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  GTK_WIDGET_CLASS (cb_observation_editor_parent_class)->root (widget);
  self->root_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (self->root_keys, "observation-typing");
  g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (_cb_observation_editor_on_root_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (gtk_widget_get_root (widget)), self->root_keys);
}

static void
cb_observation_editor_unroot (GtkWidget *widget)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  if (self->root_keys != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (gtk_widget_get_root (widget)), self->root_keys);
      self->root_keys = NULL;
    }
  GTK_WIDGET_CLASS (cb_observation_editor_parent_class)->unroot (widget);
}

static void
cb_observation_editor_dispose (GObject *object)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->stick_id != 0 && self->scroller != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->stick_id);
  self->stick_id = 0;
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, _cb_observation_editor_get_store (self));
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_OBSERVATION_EDITOR);
  g_clear_object (&self->names);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_observation_editor_parent_class)->dispose (object);
}

static void
cb_observation_editor_finalize (GObject *object)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->focus, g_free);
  g_clear_pointer (&self->start_time, g_free);
  g_clear_pointer (&self->end_time, g_free);
  g_clear_pointer (&self->last_line, g_free);
  g_clear_pointer (&self->counters, g_ptr_array_unref);
  g_clear_pointer (&self->talk[CB_TALK_TEACHER], _cb_observation_editor_counter_free);
  g_clear_pointer (&self->talk[CB_TALK_STUDENT], _cb_observation_editor_counter_free);
  g_clear_pointer (&self->short_labels, g_hash_table_unref);
  g_clear_pointer (&self->line_tags, g_hash_table_unref);
  g_clear_pointer (&self->private_lines, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (cb_observation_editor_parent_class)->finalize (object);
}


/* CbEditorWidget */

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  return cb_observation_editor_load (CB_OBSERVATION_EDITOR (editor), uuid);
}

static void
unload_record (CbEditorWidget *editor)
{
  cb_observation_editor_unload (CB_OBSERVATION_EDITOR (editor), FALSE);
}

static void
flush_record (CbEditorWidget *editor)
{
  cb_observation_editor_flush (CB_OBSERVATION_EDITOR (editor));
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return cb_observation_editor_get_uuid (CB_OBSERVATION_EDITOR (editor));
}

static void
names_changed (CbEditorWidget *editor)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);
  GtkWidget *chooser;

  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->details_editor, names);
  cb_debrief_view_set_names (self->debrief_view, names);
  cb_monitor_chart_set_names (self->monitor_chart, names);
  cb_monitor_chart_set_offset_func (self->monitor_chart, monitor_offset_cb, self);
  cb_work_strip_set_store (self->work_strip, cb_names_get_store (names));
  cb_walk_form_set_names (self->walk_form, names);
  self->changed_id = g_signal_connect (_cb_observation_editor_get_store (self), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);

  chooser = cb_ref_chooser_new (names, "look_for");
  g_signal_connect (chooser, "chosen", G_CALLBACK (_cb_observation_editor_on_focus_chosen_cb), self);
  gtk_menu_button_set_popover (self->focus_add_button, chooser);
}

static void
cb_observation_editor_class_init (CbObservationEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->unload = unload_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_observation_editor_dispose;
  object_class->finalize = cb_observation_editor_finalize;
  widget_class->map = cb_observation_editor_map;
  widget_class->unmap = cb_observation_editor_unmap;
  widget_class->root = cb_observation_editor_root;
  object_class->get_property = cb_observation_editor_get_property;
  object_class->set_property = cb_observation_editor_set_property;

  /**
   * CbObservationEditor:focus-mode:
   *
   * Capture focus: the window folds its sidebar and list away (it
   * follows this property), and the editor gives the timeline, the
   * capture line, the tag buttons and the tallies all the room.
   */
  properties[PROP_FOCUS_MODE] = g_param_spec_boolean ("focus-mode", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->unroot = cb_observation_editor_unroot;

  /**
   * CbObservationEditor::line-deleted:
   * @uuid: the evidence line moved to the Trash
   */
  signals[LINE_DELETED] = g_signal_new ("line-deleted", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "observation.clock-start", NULL, _cb_observation_editor_clock_start_action);
  gtk_widget_class_install_action (widget_class, "observation.clock-pause", NULL, _cb_observation_editor_clock_pause_action);
  gtk_widget_class_install_action (widget_class, "observation.clock-toggle", NULL, _cb_observation_editor_clock_toggle_action);
  gtk_widget_class_install_action (widget_class, "observation.clock-stop", NULL, _cb_observation_editor_clock_stop_action);
  gtk_widget_class_install_action (widget_class, "observation.talk-switch", NULL, _cb_observation_editor_talk_switch_action);
  gtk_widget_class_install_action (widget_class, "observation.talk-stop", NULL, _cb_observation_editor_talk_stop_action);
  gtk_widget_class_install_action (widget_class, "observation.tag", "i", _cb_observation_editor_tag_action);
  gtk_widget_class_install_action (widget_class, "observation.count", "i", _cb_observation_editor_count_action);
  gtk_widget_class_install_action (widget_class, "observation.phase", "s", _cb_observation_editor_phase_action);
  gtk_widget_class_install_action (widget_class, "observation.focus-capture", NULL, _cb_observation_editor_focus_capture_action);
  gtk_widget_class_install_action (widget_class, "observation.private", NULL, _cb_observation_editor_private_action);
  gtk_widget_class_install_action (widget_class, "observation.walk-form", NULL, _cb_observation_editor_walk_form_action);
  gtk_widget_class_install_property_action (widget_class, "observation.focus-mode", "focus-mode");

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  g_type_ensure (CB_TYPE_DEBRIEF_VIEW);
  g_type_ensure (CB_TYPE_MONITOR_CHART);
  g_type_ensure (CB_TYPE_TALK_PANE);
  g_type_ensure (CB_TYPE_WORK_STRIP);
  g_type_ensure (CB_TYPE_WALK_FORM);
  gtk_widget_class_set_layout_manager_type (widget_class, CB_TYPE_WRAP_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-observation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, clock_label);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, clock_state_label);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, start_button);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, capture_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, debrief_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, page_stack);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, debrief_view);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, monitor_chart);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, talk_pane);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, work_strip);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, walk_form);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, flap);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, details_expander);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, focus_group);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, tag_bar);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, details_editor);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, focus_add_button);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, focus_list);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, capture_offset_label);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, capture_entry);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, capture_placeholder);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, teacher_talk_button);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, student_talk_button);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, teacher_talk_label);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, student_talk_label);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, talk_level);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, talk_ratio_label);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, counters_list);
  gtk_widget_class_bind_template_child (widget_class, CbObservationEditor, new_counter_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_page_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_talk_pane_estimate_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_evidence_row_activated_cb",
                                                G_CALLBACK (_cb_observation_editor_on_evidence_row_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_talk_button_clicked_cb",
                                                G_CALLBACK (_cb_observation_editor_on_talk_button_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_new_counter_activated_cb",
                                                G_CALLBACK (_cb_observation_editor_on_new_counter_activated_cb));
}

static void
cb_observation_editor_init (CbObservationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _cb_observation_editor_add_shortcuts (self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (_cb_observation_editor_on_capture_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->capture_entry), keys);
    g_signal_connect (gtk_text_view_get_buffer (self->capture_entry), "changed",
                      G_CALLBACK (_cb_observation_editor_on_capture_changed_cb), self);
  }

  self->counters = g_ptr_array_new_with_free_func (_cb_observation_editor_counter_free);
  self->short_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->line_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->private_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cb_clock_init (&self->clock);


  gtk_list_box_set_sort_func (self->evidence_list, _cb_observation_editor_sort_rows, NULL, NULL);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "notify::upper",
                    G_CALLBACK (_cb_observation_editor_on_vadjustment_upper_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                    G_CALLBACK (_cb_observation_editor_on_vadjustment_value_changed_cb), self);
  _cb_observation_editor_update_clock_ui (self);
}

GtkWidget *
cb_observation_editor_new (void)
{
  return g_object_new (CB_TYPE_OBSERVATION_EDITOR, NULL);
}

void
cb_observation_editor_set_names (CbObservationEditor *self,
                                 CbNames             *names)
{
  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));

  g_object_set (self, "names", names, NULL);
}

/**
 * cb_observation_editor_set_settings:
 * @settings: (nullable): the application settings
 */
void
cb_observation_editor_set_settings (CbObservationEditor *self,
                                    GSettings           *settings)
{
  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));

  g_set_object (&self->settings, settings);
  cb_talk_pane_set_settings (self->talk_pane, settings);
}

/* An observation made with its co-plan (Coaching Day makes both at
 * once, before anything is planned) watches for what the co-plan says
 * once the co-plan has look-fors and the lesson has not begun: its
 * focus is still empty, its clock never ran, no line was written. */
static void
take_coplan_focus (CbObservationEditor *self,
                   const char          *uuid)
{
  CbStore *store = _cb_observation_editor_get_store (self);
  g_autoptr(CbRecord) obs = cb_store_get (store, uuid, NULL);
  g_autoptr(CbRecord) plan = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const char *coplan, *look_fors, *focus, *clock;

  if (obs == NULL || cb_record_get_deleted (obs))
    return;
  coplan = cb_record_get (obs, "coplan");
  focus = cb_record_get (obs, "focus");
  clock = cb_record_get (obs, "clock");
  if (coplan == NULL || *coplan == '\0' || (focus != NULL && *focus != '\0') ||
      (clock != NULL && *clock != '\0'))
    return;
  plan = cb_store_get (store, coplan, NULL);
  look_fors = plan != NULL && !cb_record_get_deleted (plan) ? cb_record_get (plan, "look_fors") : NULL;
  if (look_fors == NULL || *look_fors == '\0')
    return;
  lines = cb_store_children (store, "evidence", uuid, NULL);
  if (lines == NULL || lines->len > 0)
    return;
  _cb_observation_editor_store_set (self, uuid, "focus", look_fors);
}

/**
 * cb_observation_editor_load:
 * @uuid: (nullable): an observation
 *
 * Returns: %FALSE if it could not be read
 */
gboolean
cb_observation_editor_load (CbObservationEditor *self,
                            const char          *uuid)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_record;

  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  had_record = self->uuid != NULL;
  if (had_record)
    forget_record (self, FALSE);
  if (uuid == NULL)
    {
      if (had_record)
        clear_views (self);
      return TRUE;
    }

  take_coplan_focus (self, uuid);
  record = cb_store_get (_cb_observation_editor_get_store (self), uuid, &error);
  if (record == NULL)
    {
      if (had_record)
        clear_views (self);
      _cb_observation_editor_report_error (self, error);
      return FALSE;
    }

  self->uuid = g_strdup (uuid);
  if (!cb_clock_parse (cb_record_get (record, "clock"), &self->clock))
    g_warning ("Unreadable lesson clock “%s” in %s", cb_record_get (record, "clock"), uuid);
  self->focus = g_strdup (cb_record_get (record, "focus"));
  self->start_time = g_strdup (cb_record_get (record, "start_time"));
  self->end_time = g_strdup (cb_record_get (record, "end_time"));

  cb_record_editor_load (self->details_editor, uuid, FALSE);
  cb_debrief_view_load (self->debrief_view, uuid);
  cb_monitor_chart_load (self->monitor_chart, uuid);
  cb_walk_form_load (self->walk_form, uuid);
  cb_talk_pane_load (self->talk_pane, uuid, cb_record_get (record, "talk_estimate"));
  cb_work_strip_set_parent (self->work_strip, uuid);
  gtk_expander_set_expanded (self->details_expander,
                             cb_record_get (record, "teacher") == NULL ||
                             *cb_record_get (record, "teacher") == '\0');
  _cb_observation_editor_rebuild_focus (self);
  _cb_observation_editor_load_lines (self);
  _cb_observation_editor_load_counters (self);
  _cb_observation_editor_update_clock_ui (self);
  _cb_observation_editor_set_capture_text (self, g_hash_table_lookup (self->drafts, uuid) ? g_hash_table_lookup (self->drafts, uuid) : "");
  g_hash_table_remove (self->drafts, uuid);
  /* A lesson that ended opens on its debrief. */
  if (self->clock.state == CB_CLOCK_STOPPED && self->clock.accumulated_ms > 0)
    gtk_toggle_button_set_active (self->debrief_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->capture_toggle, TRUE);
  _cb_observation_editor_scroll_to_end (self);
  return TRUE;
}

/**
 * cb_observation_editor_unload:
 * @closing: the window is closing: pause a running clock if the coach
 *   asked for that in Preferences
 */
void
cb_observation_editor_unload (CbObservationEditor *self,
                              gboolean             closing)
{
  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));

  if (self->uuid == NULL)
    return;
  forget_record (self, closing);
  clear_views (self);
}

void
cb_observation_editor_flush (CbObservationEditor *self)
{
  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));

  cb_record_editor_flush (self->details_editor);
  cb_debrief_view_flush (self->debrief_view);
  cb_monitor_chart_flush (self->monitor_chart);
}

/**
 * cb_observation_editor_get_talk_pane:
 *
 * Returns: (transfer none): the talk pane, whose CbTalkPane:recording
 *   the window's header shows
 */
GtkWidget *
cb_observation_editor_get_talk_pane (CbObservationEditor *self)
{
  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), NULL);
  return GTK_WIDGET (self->talk_pane);
}

/**
 * cb_observation_editor_get_work_strip:
 *
 * Returns: (transfer none): the observation's samples of student work
 */
GtkWidget *
cb_observation_editor_get_work_strip (CbObservationEditor *self)
{
  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), NULL);
  return GTK_WIDGET (self->work_strip);
}

const char *
cb_observation_editor_get_uuid (CbObservationEditor *self)
{
  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), NULL);

  return self->uuid;
}

void
cb_observation_editor_focus_capture (CbObservationEditor *self)
{
  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
}

/**
 * cb_observation_editor_choose_teacher:
 *
 * Opens the teacher field's typeahead, for a new observation.
 */
void
cb_observation_editor_choose_teacher (CbObservationEditor *self)
{
  GtkWidget *button;

  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));

  gtk_expander_set_expanded (self->details_expander, TRUE);
  button = cb_record_editor_get_field_widget (self->details_editor, "teacher");
  if (button == NULL || !GTK_IS_MENU_BUTTON (button))
    return;
  /* The popover must point at a button on screen: show the details. */
  self->scroll_to_end = FALSE;
  self->scrolling = TRUE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  self->scrolling = FALSE;
  g_timeout_add_full (G_PRIORITY_LOW, 50, popup_teacher_cb, g_object_ref (button), NULL);
}

/**
 * cb_observation_editor_set_focus_mode:
 * @focus_mode: whether the lesson gets the whole window
 *
 * Capture focus (F9): hides the lesson details, the look-for list
 * (their keys stay on the tag buttons above the capture line) and the
 * Capture/Debrief switch, and shows the tallies; the window hides its sidebar and list while
 * #CbObservationEditor:focus-mode is on.
 */
void
cb_observation_editor_set_focus_mode (CbObservationEditor *self,
                                      gboolean             focus_mode)
{
  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));

  focus_mode = !!focus_mode;
  if (self->focus_mode == focus_mode)
    return;
  self->focus_mode = focus_mode;
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), !focus_mode);
  gtk_widget_set_visible (self->focus_group, !focus_mode);
  /* Capture focus is for capturing: the Debrief is one F9 away. */
  gtk_widget_set_visible (self->page_switcher, !focus_mode);
  /* and the timeline gets the room of the talk pane; a recording still
   * shows in the header bar */
  gtk_widget_set_visible (GTK_WIDGET (self->talk_pane), !focus_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->work_strip), !focus_mode);
  _cb_observation_editor_update_tag_bar_visible (self);
  if (focus_mode)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cb-capture-focus");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cb-capture-focus");
  if (focus_mode)
    {
      /* Folded (a narrow window), the tallies would cover the timeline. */
      if (!adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, TRUE);
      gtk_toggle_button_set_active (self->capture_toggle, TRUE);
    }
  _cb_observation_editor_scroll_to_end (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_MODE]);
}

gboolean
cb_observation_editor_get_focus_mode (CbObservationEditor *self)
{
  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), FALSE);

  return self->focus_mode;
}
