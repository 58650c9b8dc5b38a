/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The observation editor's lesson clock and talk timer: starting,
 * pausing, ending and resuming the lesson, the teacher and student talk
 * segments, the clock's actions and the running lesson found again. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-minutes-logic.h"
#include "cb-observation-editor-private.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define TICK_MS 250

static char *
hh_mm_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%H:%M");
}

static void
save_clock (CbObservationEditor *self)
{
  g_autofree char *text = cb_clock_to_string (&self->clock);

  _cb_observation_editor_store_set (self, self->uuid, "clock", text);
}

/* Clock */

static void
set_time_field (CbObservationEditor *self,
                const char          *field,
                char               **cache)
{
  g_autofree char *now = NULL;

  if (*cache != NULL && **cache != '\0')
    return;
  now = hh_mm_now ();
  g_free (*cache);
  *cache = g_strdup (now);
  cb_record_editor_set_value (self->details_editor, field, now);
}

static gboolean
begin (CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!cb_store_begin (_cb_observation_editor_get_store (self), &error))
    {
      _cb_observation_editor_report_error (self, error);
      return FALSE;
    }
  self->writing++;
  return TRUE;
}

static void
commit (CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!cb_store_commit (_cb_observation_editor_get_store (self), &error))
    {
      cb_store_rollback (_cb_observation_editor_get_store (self));
      _cb_observation_editor_report_error (self, error);
    }
  self->writing--;
}

/* Adds a closed talk segment to its tally. */
static void
close_talk (CbObservationEditor *self,
            CbTalk               talk,
            gint64               ms)
{
  Counter *c;
  CbTalk other = talk == CB_TALK_TEACHER ? CB_TALK_STUDENT : CB_TALK_TEACHER;

  if (talk == CB_TALK_NONE)
    return;
  c = _cb_observation_editor_ensure_talk_counter (self, talk);
  c->seconds = cb_talk_add_seconds (c->seconds, ms, self->talk[other] != NULL ? self->talk[other]->seconds : 0,
                                    cb_clock_elapsed_ms (&self->clock, _cb_observation_editor_now_ms ()));
  _cb_observation_editor_save_counter (self, c);
}

static CbTalk
talk_from_setting (CbObservationEditor *self)
{
  g_autofree char *value = NULL;

  if (self->settings == NULL)
    return CB_TALK_TEACHER;
  value = g_settings_get_string (self->settings, "talk-timer-start");
  if (g_strcmp0 (value, "student") == 0)
    return CB_TALK_STUDENT;
  if (g_strcmp0 (value, "none") == 0)
    return CB_TALK_NONE;
  return CB_TALK_TEACHER;
}

void
_cb_observation_editor_start_clock (CbObservationEditor *self)
{
  gboolean first = self->clock.accumulated_ms == 0 && self->clock.state == CB_CLOCK_STOPPED;
  gint64 now = _cb_observation_editor_now_ms ();

  if (!cb_clock_start (&self->clock, now))
    return;
  if (first)
    {
      CbTalk talk = talk_from_setting (self);

      set_time_field (self, "start_time", &self->start_time);
      if (talk != CB_TALK_NONE && self->clock.talk == CB_TALK_NONE)
        cb_clock_switch_talk (&self->clock, now, talk, NULL);
    }
  save_clock (self);
  _cb_observation_editor_update_clock_ui (self);
}

void
_cb_observation_editor_pause_clock (CbObservationEditor *self)
{
  if (!cb_clock_pause (&self->clock, _cb_observation_editor_now_ms ()))
    return;
  save_clock (self);
  _cb_observation_editor_update_clock_ui (self);
}

/* An ended observation counts its minutes in the coaching log, once
 * (cb_visit_count_minutes()). */
static void
count_minutes (CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  gint64 minutes = cb_visit_minutes (cb_clock_elapsed_ms (&self->clock, _cb_observation_editor_now_ms ()),
                                     self->start_time, self->end_time);

  /* The end time just set waits in the details editor: the log made
   * from the observation takes its time in and out from the store. */
  cb_record_editor_flush (self->details_editor);
  log = cb_visit_count_minutes (_cb_observation_editor_get_store (self), self->uuid, "observation", minutes, &error);
  if (error != NULL)
    cb_view_error (GTK_WIDGET (self), error);
  else if (log != NULL)
    {
      g_autofree char *time = cb_format_minutes (minutes);
      /* TRANSLATORS: a toast when an observation ends; %s is a duration such as "45 min" */
      g_autofree char *text = g_strdup_printf (_("%s counted in the coaching log"), time);

      cb_view_toast (GTK_WIDGET (self), text);
    }
}

static void
stop_clock (CbObservationEditor *self)
{
  CbTalk talk;
  gint64 ms;

  if (!begin (self))
    return;
  if (cb_clock_stop (&self->clock, _cb_observation_editor_now_ms (), &talk, &ms))
    {
      close_talk (self, talk, ms);
      save_clock (self);
    }
  commit (self);
  set_time_field (self, "end_time", &self->end_time);
  _cb_observation_editor_update_clock_ui (self);
  count_minutes (self);
  _cb_observation_editor_scroll_to_end (self);
}

static void
switch_talk (CbObservationEditor *self,
             CbTalk               to)
{
  gint64 ms;
  CbTalk before;
  gboolean was_running = self->clock.state == CB_CLOCK_RUNNING;
  gboolean first = self->clock.accumulated_ms == 0 && self->clock.state == CB_CLOCK_STOPPED;

  if (to == self->clock.talk)
    return;
  if (!begin (self))
    return;
  before = cb_clock_switch_talk (&self->clock, _cb_observation_editor_now_ms (), to, &ms);
  close_talk (self, before, ms);
  save_clock (self);
  commit (self);
  if (!was_running && first)
    set_time_field (self, "start_time", &self->start_time);
  _cb_observation_editor_update_clock_ui (self);
}

static void
update_talk_ui (CbObservationEditor *self)
{
  gint64 now = _cb_observation_editor_now_ms ();
  gint64 t = self->talk[CB_TALK_TEACHER] ? self->talk[CB_TALK_TEACHER]->seconds : 0;
  gint64 s = self->talk[CB_TALK_STUDENT] ? self->talk[CB_TALK_STUDENT]->seconds : 0;
  g_autofree char *tt = NULL;
  g_autofree char *st = NULL;
  int percent;

  if (self->clock.talk == CB_TALK_TEACHER)
    t += cb_clock_talk_ms (&self->clock, now) / 1000;
  else if (self->clock.talk == CB_TALK_STUDENT)
    s += cb_clock_talk_ms (&self->clock, now) / 1000;

  tt = cb_format_duration (t);
  st = cb_format_duration (s);
  gtk_label_set_text (self->teacher_talk_label, tt);
  gtk_label_set_text (self->student_talk_label, st);
  gtk_toggle_button_set_active (self->teacher_talk_button, self->clock.talk == CB_TALK_TEACHER);
  gtk_toggle_button_set_active (self->student_talk_button, self->clock.talk == CB_TALK_STUDENT);

  percent = cb_talk_percent (t, s);
  gtk_level_bar_set_value (self->talk_level, percent < 0 ? 0 : percent);
  if (percent < 0)
    gtk_label_set_text (self->talk_ratio_label, _("No talk timed yet"));
  else
    {
      /* TRANSLATORS: teacher talk share, e.g. "Teacher 70% · students 30%" */
      g_autofree char *text = g_strdup_printf (_("Teacher %d%% · students %d%%"), percent, 100 - percent);
      gtk_label_set_text (self->talk_ratio_label, text);
    }
}

static gboolean
tick_cb (gpointer data)
{
  CbObservationEditor *self = data;
  gint64 now = _cb_observation_editor_now_ms ();
  g_autofree char *text = cb_format_offset (cb_clock_offset_seconds (&self->clock, now));

  gtk_label_set_text (self->clock_label, text);
  gtk_label_set_text (self->capture_offset_label, text);
  update_talk_ui (self);
  _cb_observation_editor_update_talk_axis (self);
  return G_SOURCE_CONTINUE;
}

void
_cb_observation_editor_update_clock_ui (CbObservationEditor *self)
{
  CbClockActions a = cb_clock_get_actions (&self->clock);
  const char *state;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "observation.clock-start", a.can_start && self->uuid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "observation.clock-pause", a.can_pause && self->uuid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "observation.clock-stop", a.can_stop && self->uuid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "observation.talk-stop",
                                 self->clock.talk != CB_TALK_NONE);
  /* Only a lesson not started yet asks to be started. */
  if (a.can_start && !a.resumes)
    gtk_widget_add_css_class (self->start_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->start_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->start_button,
                               a.resumes ? _("Resume the Lesson Clock (Ctrl+Space)")
                                         : _("Start the Lesson Clock (Ctrl+Space)"));

  switch (self->clock.state)
    {
    case CB_CLOCK_RUNNING:
      state = _("Lesson running");
      break;
    case CB_CLOCK_PAUSED:
      state = _("Paused");
      break;
    case CB_CLOCK_STOPPED:
    default:
      state = self->clock.accumulated_ms > 0 ? _("Lesson ended") : _("Not started");
      break;
    }
  gtk_label_set_text (self->clock_state_label, state);
  cb_talk_pane_follow_clock (self->talk_pane, self->clock.state == CB_CLOCK_RUNNING && self->uuid != NULL,
                             self->clock.state == CB_CLOCK_STOPPED && self->clock.accumulated_ms > 0);

  tick_cb (self);
  if (self->clock.state == CB_CLOCK_RUNNING && self->uuid != NULL)
    {
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
    }
  else
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* Actions */

void
_cb_observation_editor_clock_start_action (GtkWidget  *widget,
                                           const char *name,
                                           GVariant   *param)
{
  _cb_observation_editor_start_clock (CB_OBSERVATION_EDITOR (widget));
}

void
_cb_observation_editor_clock_pause_action (GtkWidget  *widget,
                                           const char *name,
                                           GVariant   *param)
{
  _cb_observation_editor_pause_clock (CB_OBSERVATION_EDITOR (widget));
}

static void
on_resume_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       CbObservationEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "observation");

  /* Only the lesson asked about, if it is still shown and still ended. */
  if (g_strcmp0 (response, "resume") == 0 && g_strcmp0 (uuid, self->uuid) == 0 &&
      self->clock.state == CB_CLOCK_STOPPED)
    _cb_observation_editor_start_clock (self);
}

/* Ctrl+Space on a lesson that ended (perhaps months ago) asks first:
 * a slip of the keys must not restart its clock. The Resume button
 * is the explicit way and does not ask. */
static void
ask_resume (CbObservationEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *elapsed = cb_format_offset (self->clock.accumulated_ms / 1000);
  g_autofree char *body = NULL;
  g_autoptr(CbRecord) record = cb_store_get (_cb_observation_editor_get_store (self), self->uuid, NULL);
  const char *date = record ? cb_record_get (record, "date") : NULL;
  GtkWidget *dialog;

  if (date != NULL && *date != '\0')
    /* TRANSLATORS: %s is a date (2025-03-14), then the lesson time (45:00) */
    body = g_strdup_printf (_("This lesson of %s ended at %s. Resume its clock? New lines will be stamped from there on."),
                            date, elapsed);
  else
    /* TRANSLATORS: %s is the lesson time (45:00) */
    body = g_strdup_printf (_("This lesson ended at %s. Resume its clock? New lines will be stamped from there on."),
                            elapsed);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Resume the Ended Lesson?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "resume", _("_Resume Lesson"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "observation", g_strdup (self->uuid), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_resume_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cb_observation_editor_clock_toggle_action (GtkWidget  *widget,
                                            const char *name,
                                            GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  if (self->uuid == NULL)
    return;
  if (self->clock.state == CB_CLOCK_RUNNING)
    _cb_observation_editor_pause_clock (self);
  else if (self->clock.state == CB_CLOCK_STOPPED && self->clock.accumulated_ms > 0)
    ask_resume (self);
  else
    _cb_observation_editor_start_clock (self);
}

void
_cb_observation_editor_clock_stop_action (GtkWidget  *widget,
                                          const char *name,
                                          GVariant   *param)
{
  stop_clock (CB_OBSERVATION_EDITOR (widget));
}

void
_cb_observation_editor_talk_switch_action (GtkWidget  *widget,
                                           const char *name,
                                           GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  if (self->uuid != NULL)
    switch_talk (self, cb_clock_next_talk (&self->clock));
}

void
_cb_observation_editor_talk_stop_action (GtkWidget  *widget,
                                         const char *name,
                                         GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  if (self->uuid != NULL)
    switch_talk (self, CB_TALK_NONE);
}

void
_cb_observation_editor_on_talk_button_clicked_cb (CbObservationEditor *self,
                                                  GtkToggleButton     *button)
{
  CbTalk which = button == self->teacher_talk_button ? CB_TALK_TEACHER : CB_TALK_STUDENT;

  if (self->uuid == NULL)
    return;
  switch_talk (self, self->clock.talk == which ? CB_TALK_NONE : which);
  update_talk_ui (self);
}

/**
 * cb_observation_editor_find_running:
 * @store: the database
 *
 * Finds the lesson whose clock is running: after a crash (or a close
 * with the clock left running) the window opens it again. Only
 * observations of the last weeks are looked at, so the cost does not
 * grow with the database.
 *
 * Returns: (transfer full) (nullable): the observation started last
 *   among those running
 */
char *
cb_observation_editor_find_running (CbStore *store)
{
  g_autofree char *today = cb_today_string ();
  g_autofree char *from = cb_date_add_days (today, -28);
  g_autofree char *to = cb_date_add_days (today, 1);
  g_autoptr(GPtrArray) records = NULL;
  CbFilter filter = { 0 };
  const char *found = NULL;
  gint64 latest = G_MININT64;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  filter.kind = "observation";
  filter.date_from = from;
  filter.date_to = to;
  records = cb_store_list (store, &filter, 500, NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      CbClock clock;

      if (cb_clock_parse (cb_record_get (r, "clock"), &clock) &&
          clock.state == CB_CLOCK_RUNNING && clock.started_at_ms > latest)
        {
          latest = clock.started_at_ms;
          found = cb_record_get_uuid (r);
        }
    }
  return g_strdup (found);
}
