/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observation capture. Nothing waits for a Save: each line, tag, count
 * and clock change is one small transaction, written when it happens.
 * The lesson clock is kept as a state plus the wall-clock moment it
 * started running, so a reopened observation (after a crash, too)
 * shows the clock exactly where it would be. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-capture-logic.h"
#include "cb-debrief-view.h"
#include "cb-editor.h"
#include "cb-evidence-row.h"
#include "cb-minutes-logic.h"
#include "cb-monitor-chart.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-ref-chooser.h"
#include "cb-text-row.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"
#include "cb-wrap-layout.h"

#define TICK_MS 250

typedef struct
{
  char      *uuid;      /* NULL until first counted */
  char      *name;
  char      *label;
  gint64     count;
  gint64     seconds;
  char      *marks;
  guint      position;
  GtkLabel  *count_label;
} Counter;

struct _CbObservationEditor
{
  GtkWidget        parent_instance;

  GtkLabel        *clock_label;
  GtkLabel        *clock_state_label;
  GtkWidget       *start_button;
  GtkToggleButton *capture_toggle;
  GtkToggleButton *debrief_toggle;
  GtkStack        *page_stack;
  CbDebriefView   *debrief_view;
  CbMonitorChart  *monitor_chart;
  AdwFlap         *flap;
  GtkScrolledWindow *scroller;
  GtkExpander     *details_expander;
  GtkWidget       *focus_group;
  GtkWidget       *page_switcher;
  GtkFlowBox      *tag_bar;
  CbRecordEditor  *details_editor;
  GtkMenuButton   *focus_add_button;
  GtkListBox      *focus_list;
  GtkStack        *timeline_stack;
  GtkListBox      *evidence_list;
  GtkLabel        *capture_offset_label;
  GtkTextView     *capture_entry;
  GtkWidget       *capture_placeholder;
  GtkToggleButton *teacher_talk_button;
  GtkToggleButton *student_talk_button;
  GtkLabel        *teacher_talk_label;
  GtkLabel        *student_talk_label;
  GtkLevelBar     *talk_level;
  GtkLabel        *talk_ratio_label;
  GtkListBox      *counters_list;
  GtkEntry        *new_counter_entry;

  CbNames         *names;
  GSettings       *settings;
  gulong           changed_id;

  char            *uuid;
  CbClock          clock;
  char            *focus;
  char            *start_time;
  char            *end_time;
  GPtrArray       *counters;        /* of Counter */
  Counter         *talk[3];         /* indexed by CbTalk; [0] unused */
  GHashTable      *short_labels;    /* look-for uuid → "MP1" */
  GHashTable      *line_tags;       /* evidence uuid → tags */
  GHashTable      *private_lines;   /* evidence uuids of private lines */
  GHashTable      *drafts;          /* observation uuid → capture text not entered */
  char            *last_line;
  guint            writing;
  guint            tick_id;
  gboolean         scroll_to_end;
  gboolean         scrolling;
  GtkEventController *root_keys;    /* owned by the window */
  guint            stick_id;
  gboolean         focus_mode;
};

static void cb_observation_editor_editor_iface_init (CbEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbObservationEditor, cb_observation_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CB_TYPE_EDITOR, cb_observation_editor_editor_iface_init))

enum {
  PROP_0,
  PROP_FOCUS_MODE,
  N_PROPS,
  /* CbEditor's */
  PROP_NAMES = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum {
  LINE_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const details_fields[] = {
  "teacher", "lesson", "class_period", "grade", "date", "school",
  "start_time", "end_time", NULL
};

static void update_clock_ui (CbObservationEditor *self);
static void load_lines      (CbObservationEditor *self);

static void
counter_free (gpointer data)
{
  Counter *c = data;

  g_free (c->uuid);
  g_free (c->name);
  g_free (c->label);
  g_free (c->marks);
  g_free (c);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static CbStore *
get_store (CbObservationEditor *self)
{
  return cb_names_get_store (self->names);
}

static void
report_error (CbObservationEditor *self,
              const GError        *error)
{
  cb_view_error (GTK_WIDGET (self), error);
}

static gboolean
store_set (CbObservationEditor *self,
           const char          *uuid,
           const char          *field,
           const char          *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->writing++;
  ok = cb_store_set (get_store (self), uuid, field, value, &error);
  self->writing--;
  if (!ok)
    report_error (self, error);
  return ok;
}

static char *
store_create (CbObservationEditor *self,
              const char          *kind,
              const char * const  *names,
              const char * const  *values,
              guint                n)
{
  g_autoptr(GError) error = NULL;
  char *uuid;

  self->writing++;
  uuid = cb_store_create (get_store (self), kind, names, values, n, &error);
  self->writing--;
  if (uuid == NULL)
    report_error (self, error);
  return uuid;
}

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

  store_set (self, self->uuid, "clock", text);
}

/* Look-for labels */

static const char *
look_for_short_label (CbObservationEditor *self,
                      const char          *uuid)
{
  const char *label = g_hash_table_lookup (self->short_labels, uuid);
  g_autoptr(CbRecord) record = NULL;
  const char *code;
  char *text;

  if (label != NULL)
    return label;
  record = cb_store_get (get_store (self), uuid, NULL);
  code = record ? cb_record_get (record, "code") : NULL;
  if (code != NULL && *code != '\0')
    text = g_strdup (code);
  else if (record != NULL)
    {
      g_autofree char *title = cb_names_record_title (record);
      if (g_utf8_strlen (title, -1) > 24)
        {
          g_autofree char *cut = g_utf8_substring (title, 0, 23);
          text = g_strconcat (cut, "…", NULL);
        }
      else
        text = g_strdup (title);
    }
  else
    text = g_strdup ("?");
  g_hash_table_insert (self->short_labels, g_strdup (uuid), text);
  return text;
}

static char **
tag_labels (CbObservationEditor *self,
            const char          *tags)
{
  g_auto(GStrv) parts = cb_refs_split (tags);
  GStrvBuilder *b = g_strv_builder_new ();
  char **out;

  for (guint i = 0; parts[i]; i++)
    g_strv_builder_add (b, look_for_short_label (self, parts[i]));
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

/* Timeline */

static CbEvidenceRow *
row_evidence (GtkListBoxRow *row)
{
  return CB_EVIDENCE_ROW (gtk_list_box_row_get_child (row));
}

static GtkListBoxRow *
find_row (CbObservationEditor *self,
          const char          *uuid)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (cb_evidence_row_get_uuid (row_evidence (GTK_LIST_BOX_ROW (child))), uuid) == 0)
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

static void
update_row (CbObservationEditor *self,
            CbEvidenceRow       *row,
            gint64               offset,
            const char          *text,
            const char          *phase)
{
  const char *uuid = cb_evidence_row_get_uuid (row);
  const char *tags = g_hash_table_lookup (self->line_tags, uuid);
  g_auto(GStrv) labels = tag_labels (self, tags);

  cb_evidence_row_update (row, offset, text, phase, (const char * const *) labels);
  cb_evidence_row_set_private (row, g_hash_table_contains (self->private_lines, uuid));
}

/* Makes a line private or not, in the database and on screen. A line
 * made shared again takes the tier lines are created with. */
static gboolean
set_line_private (CbObservationEditor *self,
                  const char          *uuid,
                  gboolean             is_private)
{
  g_autofree char *copy = g_strdup (uuid);
  GtkListBoxRow *row;

  if (is_private == g_hash_table_contains (self->private_lines, copy))
    return TRUE;
  if (!store_set (self, copy, CB_FIELD_PRIVACY,
                  is_private ? "private" : cb_kind_lookup ("evidence")->default_privacy))
    {
      row = find_row (self, copy);
      if (row != NULL)
        cb_evidence_row_set_private (row_evidence (row), !is_private);
      return FALSE;
    }
  if (is_private)
    g_hash_table_add (self->private_lines, g_strdup (copy));
  else
    g_hash_table_remove (self->private_lines, copy);
  row = find_row (self, copy);
  if (row != NULL)
    cb_evidence_row_set_private (row_evidence (row), is_private);
  return TRUE;
}

/* The Private item of a line's menu. */
static void
on_line_private_changed_cb (CbEvidenceRow       *row,
                            GParamSpec          *pspec,
                            CbObservationEditor *self)
{
  set_line_private (self, cb_evidence_row_get_uuid (row), cb_evidence_row_get_private (row));
}

/* Shows a row again after its time or tags changed. */
static void
refresh_row (CbObservationEditor *self,
             CbEvidenceRow       *row,
             gint64               offset)
{
  g_autofree char *text = g_strdup (cb_evidence_row_get_text (row));
  g_autofree char *phase = g_strdup (cb_evidence_row_get_phase (row));

  update_row (self, row, offset, text, phase);
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  gint64 x = cb_evidence_row_get_offset (row_evidence (a));
  gint64 y = cb_evidence_row_get_offset (row_evidence (b));

  /* Equal times keep the order they were added in. */
  return x < y ? -1 : x > y ? 1 : 0;
}

static void
on_line_edited_cb (CbEvidenceRow       *row,
                   const char          *text,
                   CbObservationEditor *self)
{
  if (store_set (self, cb_evidence_row_get_uuid (row), "text", text))
    update_row (self, row, cb_evidence_row_get_offset (row), text, NULL);
}

static void
on_line_retimed_cb (CbEvidenceRow       *row,
                    gint64               seconds,
                    CbObservationEditor *self)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
  GtkWidget *list_row = gtk_widget_get_parent (GTK_WIDGET (row));

  if (!store_set (self, cb_evidence_row_get_uuid (row), "offset", value))
    return;
  refresh_row (self, row, seconds);
  gtk_list_box_row_changed (GTK_LIST_BOX_ROW (list_row));
}

static void
on_line_delete_requested_cb (CbEvidenceRow       *row,
                             CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (cb_evidence_row_get_uuid (row));
  GtkWidget *list_row = gtk_widget_get_parent (GTK_WIDGET (row));
  gboolean ok;

  self->writing++;
  ok = cb_store_delete (get_store (self), uuid, &error);
  self->writing--;
  if (!ok)
    {
      report_error (self, error);
      return;
    }
  gtk_list_box_remove (self->evidence_list, list_row);
  if (g_strcmp0 (self->last_line, uuid) == 0)
    g_clear_pointer (&self->last_line, g_free);
  if (gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list)) == NULL)
    gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
  g_signal_emit (self, signals[LINE_DELETED], 0, uuid);
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
}

static CbEvidenceRow *
append_row (CbObservationEditor *self,
            const char          *uuid,
            gint64               offset,
            const char          *text,
            const char          *phase,
            const char          *tags,
            gboolean             is_private)
{
  GtkWidget *row = cb_evidence_row_new (uuid);

  g_hash_table_insert (self->line_tags, g_strdup (uuid), g_strdup (tags ? tags : ""));
  if (is_private)
    g_hash_table_add (self->private_lines, g_strdup (uuid));
  update_row (self, CB_EVIDENCE_ROW (row), offset, text, phase);
  g_signal_connect (row, "edited", G_CALLBACK (on_line_edited_cb), self);
  g_signal_connect (row, "retimed", G_CALLBACK (on_line_retimed_cb), self);
  g_signal_connect (row, "delete-requested", G_CALLBACK (on_line_delete_requested_cb), self);
  g_signal_connect (row, "notify::private", G_CALLBACK (on_line_private_changed_cb), self);
  gtk_list_box_append (self->evidence_list, row);
  gtk_stack_set_visible_child_name (self->timeline_stack, "lines");
  return CB_EVIDENCE_ROW (row);
}

static void
clear_lines (CbObservationEditor *self)
{
  GtkWidget *child;

  /* From the end: removing the first row would restyle every other
   * (boxed lists style their first and last rows). */
  while ((child = gtk_widget_get_last_child (GTK_WIDGET (self->evidence_list))) != NULL)
    gtk_list_box_remove (self->evidence_list, child);
  g_hash_table_remove_all (self->line_tags);
  g_hash_table_remove_all (self->private_lines);
  g_clear_pointer (&self->last_line, g_free);
  gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
}

static void
load_lines (CbObservationEditor *self)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child, *next;

  lines = cb_store_children (get_store (self), "evidence", self->uuid, &error);
  if (lines == NULL || lines->len == 0)
    {
      clear_lines (self);
      if (lines == NULL)
        report_error (self, error);
      return;
    }
  /* The rows already there show the new lines: making and styling a
   * row costs more than changing what it says. */
  g_hash_table_remove_all (self->line_tags);
  g_hash_table_remove_all (self->private_lines);
  g_clear_pointer (&self->last_line, g_free);
  child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));
  for (guint i = 0; i < lines->len; i++)
    {
      CbRecord *line = g_ptr_array_index (lines, i);
      const char *uuid = cb_record_get_uuid (line);
      const char *phase = g_strcmp0 (cb_record_get (line, "type"), "phase") == 0
                          ? cb_record_get (line, "phase") : NULL;
      const char *tags = cb_record_get (line, "tags");
      gboolean is_private = g_strcmp0 (cb_record_get_privacy (line), "private") == 0;
      CbEvidenceRow *row;

      if (child == NULL)
        {
          append_row (self, uuid, cb_record_get_int (line, "offset"), cb_record_get (line, "text"), phase, tags,
                      is_private);
          continue;
        }
      if (is_private)
        g_hash_table_add (self->private_lines, g_strdup (uuid));
      row = row_evidence (GTK_LIST_BOX_ROW (child));
      cb_evidence_row_set_uuid (row, uuid);
      g_hash_table_insert (self->line_tags, g_strdup (uuid), g_strdup (tags ? tags : ""));
      update_row (self, row, cb_record_get_int (line, "offset"), cb_record_get (line, "text"), phase);
      child = gtk_widget_get_next_sibling (child);
    }
  for (; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_list_box_remove (self->evidence_list, child);
    }
  /* Sorted by time again; equal times keep the order they came in. */
  gtk_list_box_invalidate_sort (self->evidence_list);
  gtk_stack_set_visible_child_name (self->timeline_stack, "lines");
}

/* Sets the timeline's scroll position from a tick, never while the
 * viewport is being laid out: a value set then (from notify::upper) is
 * taken by the scrollbar but not by the viewport, which went on drawing
 * the oldest lines while the scrollbar sat at the bottom, and the wheel
 * could not move it down. */
static gboolean
stick_to_end_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       data)
{
  CbObservationEditor *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->stick_id = 0;
  if (self->scroll_to_end)
    {
      self->scrolling = TRUE;
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
      self->scrolling = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
queue_stick_to_end (CbObservationEditor *self)
{
  if (self->stick_id == 0)
    self->stick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller), stick_to_end_cb, self, NULL);
}

static void
scroll_to_end (CbObservationEditor *self)
{
  /* A popover left open on a field scrolled out of view cannot be
   * placed (GTK 4.8 warns about a missing monitor): close it first. */
  cb_record_editor_popdown (self->details_editor);
  cb_debrief_view_popdown (self->debrief_view);
  self->scroll_to_end = TRUE;
  queue_stick_to_end (self);
}

/* While the coach types, the newest line stays in view: the timeline
 * sticks to the bottom until the coach scrolls up. */
static void
on_vadjustment_upper_changed_cb (GtkAdjustment       *adj,
                                 GParamSpec          *pspec,
                                 CbObservationEditor *self)
{
  if (self->scroll_to_end)
    queue_stick_to_end (self);
}

static void
on_vadjustment_value_changed_cb (GtkAdjustment       *adj,
                                 CbObservationEditor *self)
{
  if (self->scrolling)
    return;
  self->scroll_to_end = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
                        gtk_adjustment_get_upper (adj) - 1;
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

static Counter *
ensure_talk_counter (CbObservationEditor *self,
                     CbTalk               talk)
{
  Counter *c = self->talk[talk];

  if (c == NULL)
    {
      c = g_new0 (Counter, 1);
      c->name = g_strdup (talk == CB_TALK_TEACHER ? CB_TALLY_TEACHER_TALK : CB_TALLY_STUDENT_TALK);
      c->position = 100 + talk;
      self->talk[talk] = c;
    }
  return c;
}

/* Writes a counter's values, creating its record on first use. Must be
 * called inside a transaction when combined with other writes. */
static gboolean
save_counter (CbObservationEditor *self,
              Counter             *c)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, c->count);
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, c->seconds);
  g_autofree char *position = g_strdup_printf ("%u", c->position);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (c->uuid == NULL)
    {
      const char *names[] = { "observation", "name", "label", "position", "count", "seconds", "marks" };
      const char *values[] = { self->uuid, c->name, c->label ? c->label : "", position, count, seconds,
                               c->marks ? c->marks : "" };

      c->uuid = store_create (self, "tally", names, values, G_N_ELEMENTS (names));
      return c->uuid != NULL;
    }
  else
    {
      const char *names[] = { "count", "seconds", "marks" };
      const char *values[] = { count, seconds, c->marks ? c->marks : "" };

      self->writing++;
      ok = cb_store_set_fields (get_store (self), c->uuid, names, values, G_N_ELEMENTS (names), &error);
      self->writing--;
      if (!ok)
        report_error (self, error);
      return ok;
    }
}

static gboolean
begin (CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!cb_store_begin (get_store (self), &error))
    {
      report_error (self, error);
      return FALSE;
    }
  self->writing++;
  return TRUE;
}

static void
commit (CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!cb_store_commit (get_store (self), &error))
    {
      cb_store_rollback (get_store (self));
      report_error (self, error);
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

  if (talk == CB_TALK_NONE)
    return;
  c = ensure_talk_counter (self, talk);
  c->seconds += (ms + 500) / 1000;
  save_counter (self, c);
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

static void
start_clock (CbObservationEditor *self)
{
  gboolean first = self->clock.accumulated_ms == 0 && self->clock.state == CB_CLOCK_STOPPED;
  gint64 now = now_ms ();

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
  update_clock_ui (self);
}

static void
pause_clock (CbObservationEditor *self)
{
  if (!cb_clock_pause (&self->clock, now_ms ()))
    return;
  save_clock (self);
  update_clock_ui (self);
}

/* An ended observation counts its minutes in the coaching log, once
 * (cb_visit_count_minutes()). */
static void
count_minutes (CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  gint64 minutes = cb_visit_minutes (cb_clock_elapsed_ms (&self->clock, now_ms ()),
                                     self->start_time, self->end_time);

  /* The end time just set waits in the details editor: the log made
   * from the observation takes its time in and out from the store. */
  cb_record_editor_flush (self->details_editor);
  log = cb_visit_count_minutes (get_store (self), self->uuid, "observation", minutes, &error);
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
  if (cb_clock_stop (&self->clock, now_ms (), &talk, &ms))
    {
      close_talk (self, talk, ms);
      save_clock (self);
    }
  commit (self);
  set_time_field (self, "end_time", &self->end_time);
  update_clock_ui (self);
  count_minutes (self);
  scroll_to_end (self);
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
  before = cb_clock_switch_talk (&self->clock, now_ms (), to, &ms);
  close_talk (self, before, ms);
  save_clock (self);
  commit (self);
  if (!was_running && first)
    set_time_field (self, "start_time", &self->start_time);
  update_clock_ui (self);
}

static void
update_talk_ui (CbObservationEditor *self)
{
  gint64 now = now_ms ();
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
  gint64 now = now_ms ();
  g_autofree char *text = cb_format_offset (cb_clock_offset_seconds (&self->clock, now));

  gtk_label_set_text (self->clock_label, text);
  gtk_label_set_text (self->capture_offset_label, text);
  update_talk_ui (self);
  return G_SOURCE_CONTINUE;
}

static void
update_clock_ui (CbObservationEditor *self)
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

  tick_cb (self);
  if (self->clock.state == CB_CLOCK_RUNNING && self->uuid != NULL)
    {
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
    }
  else
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* Focus look-fors */

static void
save_focus (CbObservationEditor *self,
            const char          *refs)
{
  if (store_set (self, self->uuid, "focus", refs))
    {
      g_free (self->focus);
      self->focus = g_strdup (refs);
    }
}

static void rebuild_focus (CbObservationEditor *self);

static void
update_tag_bar_visible (CbObservationEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->tag_bar),
                          self->focus_mode && gtk_widget_get_first_child (GTK_WIDGET (self->tag_bar)) != NULL);
}

/* One button per focus look-for (Alt+1 to Alt+9), shown in capture
 * focus where the list of look-fors is not. */
static void
rebuild_tag_bar (CbObservationEditor *self)
{
  g_auto(GStrv) parts = cb_refs_split (self->focus);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_bar))) != NULL)
    gtk_flow_box_remove (self->tag_bar, child);
  for (guint i = 0; parts[i] != NULL && i < 9; i++)
    {
      const char *name = cb_names_lookup (self->names, parts[i]);
      /* TRANSLATORS: a tag button, e.g. "1 · MP1": its key, the look-for's code */
      g_autofree char *label = g_strdup_printf (_("%u · %s"), i + 1, look_for_short_label (self, parts[i]));
      /* TRANSLATORS: tooltip of a tag button: the look-for's name, then its key */
      g_autofree char *tooltip = g_strdup_printf (_("Tag the newest line with “%s” (Alt+%u)"),
                                                  *name ? name : _("(missing)"), i + 1);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "observation.tag");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (i + 1));
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_flow_box_append (self->tag_bar, button);
    }
  update_tag_bar_visible (self);
}

static void
on_focus_move_clicked_cb (GtkButton           *button,
                          CbObservationEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autofree char *refs = delta == 0 ? cb_refs_remove (self->focus, uuid)
                                     : cb_refs_move (self->focus, uuid, delta);

  save_focus (self, refs);
  rebuild_focus (self);
}

static void
on_focus_chosen_cb (CbRefChooser        *chooser,
                    const char          *uuid,
                    CbObservationEditor *self)
{
  g_autofree char *refs = NULL;

  if (cb_refs_contains (self->focus, uuid))
    return;
  refs = cb_refs_toggle (self->focus, uuid);
  save_focus (self, refs);
  rebuild_focus (self);
}

static GtkWidget *
focus_button (CbObservationEditor *self,
              const char          *icon,
              const char          *tooltip,
              const char          *uuid,
              int                  delta,
              gboolean             sensitive)
{
  GtkWidget *button = cb_view_icon_button (icon, tooltip);

  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data_full (G_OBJECT (button), "uuid", g_strdup (uuid), g_free);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_focus_move_clicked_cb), self);
  return button;
}

static void
rebuild_focus (CbObservationEditor *self)
{
  g_auto(GStrv) parts = cb_refs_split (self->focus);
  guint n = g_strv_length (parts);
  GtkWidget *child;
  CbRefChooser *chooser = CB_REF_CHOOSER (gtk_menu_button_get_popover (self->focus_add_button));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->focus_list))) != NULL)
    gtk_list_box_remove (self->focus_list, child);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = cb_text_row_new ();
      GtkWidget *key;
      const char *name = cb_names_lookup (self->names, parts[i]);
      g_autofree char *key_text = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name ? name : _("(missing)"));
      cb_text_row_set_title_lines (CB_TEXT_ROW (row), 2);
      cb_text_row_set_subtitle (CB_TEXT_ROW (row), look_for_short_label (self, parts[i]));
      if (i < 9)
        {
          /* TRANSLATORS: the shortcut that tags a line, e.g. "Alt+3" */
          key_text = g_strdup_printf (_("Alt+%u"), i + 1);
          key = gtk_label_new (key_text);
          gtk_widget_add_css_class (key, "cb-key");
          gtk_widget_add_css_class (key, "numeric");
          gtk_widget_set_valign (key, GTK_ALIGN_CENTER);
          cb_text_row_add_prefix (CB_TEXT_ROW (row), key);
        }
      cb_text_row_add_suffix (CB_TEXT_ROW (row),
                              focus_button (self, "go-up-symbolic", _("Move Up"), parts[i], -1, i > 0));
      cb_text_row_add_suffix (CB_TEXT_ROW (row),
                              focus_button (self, "go-down-symbolic", _("Move Down"), parts[i], 1, i + 1 < n));
      cb_text_row_add_suffix (CB_TEXT_ROW (row),
                              focus_button (self, "list-remove-symbolic", _("Remove"), parts[i], 0, TRUE));
      gtk_list_box_append (self->focus_list, row);
    }
  if (n == 0)
    {
      GtkWidget *row = cb_text_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No focus look-fors yet"));
      cb_text_row_set_subtitle (CB_TEXT_ROW (row), _("Add the practices you agreed to watch for."));
      gtk_list_box_append (self->focus_list, row);
    }
  if (chooser != NULL)
    cb_ref_chooser_set_exclude (chooser, self->focus);
  rebuild_tag_bar (self);
}

/* Counters */

static void
update_counter_label (Counter *c)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, c->count);

  if (c->count_label != NULL)
    gtk_label_set_text (c->count_label, text);
}

static void
change_count (CbObservationEditor *self,
              Counter             *c,
              int                  delta)
{
  if (delta > 0)
    {
      g_autofree char *marks = cb_marks_append (c->marks, cb_clock_offset_seconds (&self->clock, now_ms ()));
      g_free (c->marks);
      c->marks = g_steal_pointer (&marks);
      c->count++;
    }
  else
    {
      g_autofree char *marks = NULL;

      if (c->count == 0)
        return;
      marks = cb_marks_drop_last (c->marks);
      g_free (c->marks);
      c->marks = g_steal_pointer (&marks);
      c->count--;
    }
  save_counter (self, c);
  update_counter_label (c);
}

static void
on_counter_button_clicked_cb (GtkButton           *button,
                              CbObservationEditor *self)
{
  Counter *c = g_object_get_data (G_OBJECT (button), "counter");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));

  change_count (self, c, delta);
}

static GtkWidget *
counter_button (CbObservationEditor *self,
                Counter             *c,
                const char          *icon,
                const char          *tooltip,
                int                  delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "counter", c);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_counter_button_clicked_cb), self);
  return button;
}

static void
rebuild_counters (CbObservationEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counters_list))) != NULL)
    gtk_list_box_remove (self->counters_list, child);

  for (guint i = 0; i < self->counters->len; i++)
    {
      Counter *c = g_ptr_array_index (self->counters, i);
      GtkWidget *row = cb_text_row_new ();
      GtkWidget *count = gtk_label_new (NULL);
      const char *label = cb_counter_label (c->name, c->label);
      g_autofree char *a11y = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      cb_text_row_set_title_lines (CB_TEXT_ROW (row), 2);
      if (i < 9)
        {
          g_autofree char *key = g_strdup_printf (_("Ctrl+%u"), i + 1);
          cb_text_row_set_subtitle (CB_TEXT_ROW (row), key);
        }
      gtk_widget_add_css_class (count, "title-3");
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
      c->count_label = GTK_LABEL (count);
      update_counter_label (c);
      cb_text_row_add_suffix (CB_TEXT_ROW (row), counter_button (self, c, "list-remove-symbolic", _("Count One Less"), -1));
      cb_text_row_add_suffix (CB_TEXT_ROW (row), count);
      cb_text_row_add_suffix (CB_TEXT_ROW (row), counter_button (self, c, "list-add-symbolic", _("Count One"), 1));
      a11y = g_strdup_printf ("%s", label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_list_box_append (self->counters_list, row);
    }
}

static void
load_counters (CbObservationEditor *self)
{
  g_autoptr(GPtrArray) tallies = NULL;
  guint n_defaults;
  const CbCounterInfo *defaults = cb_default_counters (&n_defaults);

  g_ptr_array_set_size (self->counters, 0);
  g_clear_pointer (&self->talk[CB_TALK_TEACHER], counter_free);
  g_clear_pointer (&self->talk[CB_TALK_STUDENT], counter_free);

  for (guint i = 0; i < n_defaults; i++)
    {
      Counter *c = g_new0 (Counter, 1);
      c->name = g_strdup (defaults[i].name);
      c->position = i;
      g_ptr_array_add (self->counters, c);
    }

  tallies = cb_store_children (get_store (self), "tally", self->uuid, NULL);
  for (guint i = 0; tallies && i < tallies->len; i++)
    {
      CbRecord *t = g_ptr_array_index (tallies, i);
      const char *name = cb_record_get (t, "name");
      Counter *c = NULL;

      if (g_strcmp0 (name, CB_TALLY_TEACHER_TALK) == 0)
        c = ensure_talk_counter (self, CB_TALK_TEACHER);
      else if (g_strcmp0 (name, CB_TALLY_STUDENT_TALK) == 0)
        c = ensure_talk_counter (self, CB_TALK_STUDENT);
      else
        for (guint j = 0; j < self->counters->len && c == NULL; j++)
          {
            Counter *d = g_ptr_array_index (self->counters, j);
            if (d->uuid == NULL && g_strcmp0 (d->name, name) == 0)
              c = d;
          }
      if (c == NULL)
        {
          c = g_new0 (Counter, 1);
          c->name = g_strdup (name);
          c->position = cb_record_get_int (t, "position");
          g_ptr_array_add (self->counters, c);
        }
      g_free (c->uuid);
      c->uuid = g_strdup (cb_record_get_uuid (t));
      g_free (c->label);
      c->label = g_strdup (cb_record_get (t, "label"));
      c->count = cb_record_get_int (t, "count");
      c->seconds = cb_record_get_int (t, "seconds");
      g_free (c->marks);
      c->marks = g_strdup (cb_record_get (t, "marks"));
    }
  rebuild_counters (self);
}

static void
on_new_counter_activated_cb (CbObservationEditor *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_counter_entry))));
  Counter *c;

  if (*label == '\0' || self->uuid == NULL)
    return;
  c = g_new0 (Counter, 1);
  c->name = g_strdup (label);
  c->label = g_strdup (label);
  c->position = self->counters->len;
  g_ptr_array_add (self->counters, c);
  save_counter (self, c);
  rebuild_counters (self);
  gtk_editable_set_text (GTK_EDITABLE (self->new_counter_entry), "");
}

/* Monitoring chart */

static gint64
monitor_offset_cb (gpointer data)
{
  CbObservationEditor *self = data;

  return cb_clock_offset_seconds (&self->clock, now_ms ());
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
      scroll_to_end (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
    }
}

/* Actions */

static void
clock_start_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  start_clock (CB_OBSERVATION_EDITOR (widget));
}

static void
clock_pause_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  pause_clock (CB_OBSERVATION_EDITOR (widget));
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
    start_clock (self);
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
  g_autoptr(CbRecord) record = cb_store_get (get_store (self), self->uuid, NULL);
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

static void
clock_toggle_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  if (self->uuid == NULL)
    return;
  if (self->clock.state == CB_CLOCK_RUNNING)
    pause_clock (self);
  else if (self->clock.state == CB_CLOCK_STOPPED && self->clock.accumulated_ms > 0)
    ask_resume (self);
  else
    start_clock (self);
}

static void
clock_stop_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  stop_clock (CB_OBSERVATION_EDITOR (widget));
}

static void
talk_switch_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  if (self->uuid != NULL)
    switch_talk (self, cb_clock_next_talk (&self->clock));
}

static void
talk_stop_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  if (self->uuid != NULL)
    switch_talk (self, CB_TALK_NONE);
}

static void
on_talk_button_clicked_cb (CbObservationEditor *self,
                           GtkToggleButton     *button)
{
  CbTalk which = button == self->teacher_talk_button ? CB_TALK_TEACHER : CB_TALK_STUDENT;

  if (self->uuid == NULL)
    return;
  switch_talk (self, self->clock.talk == which ? CB_TALK_NONE : which);
  update_talk_ui (self);
}

static const char *
target_line (CbObservationEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *row;

  /* A line the coach moved to with the keyboard wins over the newest. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->evidence_list)))
    {
      row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      if (row != NULL)
        return cb_evidence_row_get_uuid (row_evidence (GTK_LIST_BOX_ROW (row)));
    }
  if (self->last_line != NULL && find_row (self, self->last_line) != NULL)
    return self->last_line;
  /* Else the latest line of evidence; phase markers take no tags. */
  for (row = gtk_widget_get_last_child (GTK_WIDGET (self->evidence_list)); row != NULL;
       row = gtk_widget_get_prev_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        cb_evidence_row_get_phase (row_evidence (GTK_LIST_BOX_ROW (row))) == NULL)
      return cb_evidence_row_get_uuid (row_evidence (GTK_LIST_BOX_ROW (row)));
  return NULL;
}

static void
tag_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  int n = g_variant_get_int32 (param);
  g_auto(GStrv) focus = cb_refs_split (self->focus);
  const char *line = target_line (self);
  const char *tags;
  g_autofree char *new_tags = NULL;
  g_autofree char *line_copy = NULL;
  GtkListBoxRow *row;

  if (line == NULL || n < 1 || (guint) n > g_strv_length (focus))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  line_copy = g_strdup (line);
  tags = g_hash_table_lookup (self->line_tags, line_copy);
  new_tags = cb_refs_toggle (tags, focus[n - 1]);
  if (!store_set (self, line_copy, "tags", new_tags))
    return;
  g_hash_table_insert (self->line_tags, g_strdup (line_copy), g_strdup (new_tags));
  row = find_row (self, line_copy);
  if (row != NULL)
    {
      CbEvidenceRow *ev = row_evidence (row);
      refresh_row (self, ev, cb_evidence_row_get_offset (ev));
    }
}

/* Alt+P: the line with the focus, else the newest. */
static void
private_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  const char *line = target_line (self);

  if (line == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  set_line_private (self, line, !g_hash_table_contains (self->private_lines, line));
}

static void
count_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  int n = g_variant_get_int32 (param);

  if (self->uuid == NULL || n < 1 || (guint) n > self->counters->len)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  change_count (self, g_ptr_array_index (self->counters, n - 1), 1);
}

static void
phase_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  const char *phase = g_variant_get_string (param, NULL);
  gint64 offset;
  g_autofree char *offset_text = NULL;
  g_autofree char *uuid = NULL;
  const char *names[] = { "observation", "offset", "type", "phase" };
  const char *values[4];

  if (self->uuid == NULL)
    return;
  offset = cb_clock_offset_seconds (&self->clock, now_ms ());
  offset_text = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
  values[0] = self->uuid;
  values[1] = offset_text;
  values[2] = "phase";
  values[3] = phase;
  uuid = store_create (self, "evidence", names, values, G_N_ELEMENTS (names));
  if (uuid == NULL)
    return;
  append_row (self, uuid, offset, NULL, phase, NULL, FALSE);
  gtk_list_box_invalidate_sort (self->evidence_list);
  scroll_to_end (self);
}

static void
focus_capture_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  cb_observation_editor_focus_capture (CB_OBSERVATION_EDITOR (widget));
}

/* Capture line */

static char *
capture_text (CbObservationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->capture_entry);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_capture_text (CbObservationEditor *self,
                  const char          *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->capture_entry), text, -1);
}

static void
commit_capture (CbObservationEditor *self)
{
  g_autofree char *text = capture_text (self);

  if (cb_observation_editor_add_line (self, text))
    set_capture_text (self, "");
}

/* Enter adds the line, Shift+Enter starts a new line in it. Run before
 * the text view, which would insert a line break for either. */
static gboolean
on_capture_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           CbObservationEditor   *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->capture_entry);

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if ((state & GDK_SHIFT_MASK) != 0)
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", 1, TRUE);
  else
    commit_capture (self);
  return TRUE;
}

static void
on_capture_changed_cb (GtkTextBuffer       *buffer,
                       CbObservationEditor *self)
{
  gtk_widget_set_visible (self->capture_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
on_evidence_row_activated_cb (CbObservationEditor *self,
                              GtkListBoxRow       *row)
{
  cb_evidence_row_start_editing (row_evidence (row));
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
      load_lines (self);
    }
}

/* Leaves the observation shown, its pending writes flushed. The views
 * keep what they show: loading another observation replaces it (no need
 * to empty the lists first), unloading empties them (clear_views). */
static void
forget_record (CbObservationEditor *self,
               gboolean             closing)
{
  g_autofree char *typed = capture_text (self);

  cb_observation_editor_flush (self);
  /* What was typed and not yet entered is never dropped: it waits for
   * the lesson to be opened again, or, when the window closes, goes in
   * as a line. */
  if (g_strstrip (typed)[0] != '\0')
    {
      if (closing)
        cb_observation_editor_add_line (self, typed);
      else
        g_hash_table_insert (self->drafts, g_strdup (self->uuid), capture_text (self));
    }
  set_capture_text (self, "");
  if (closing && self->settings != NULL &&
      g_settings_get_boolean (self->settings, "clock-pause-on-close") &&
      self->clock.state == CB_CLOCK_RUNNING)
    pause_clock (self);

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
  clear_lines (self);
  cb_record_editor_clear (self->details_editor);
  cb_debrief_view_load (self->debrief_view, NULL);
  cb_monitor_chart_load (self->monitor_chart, NULL);
  update_clock_ui (self);
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
    case PROP_NAMES:
      g_value_set_object (value, self->names);
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
    case PROP_NAMES:
      if (self->names != g_value_get_object (value))
        {
          cb_observation_editor_set_names (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
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
    update_clock_ui (self);
}

/* The capture keys work wherever the focus is in the window (a coach
 * who opened the lesson from Today has the focus in that list): the
 * window runs them, before the focused widget (a list would take
 * Ctrl+Space for itself), while the editor is shown. */
static void
add_shortcut (GtkEventController *controller,
              guint               key,
              GdkModifierType     mods,
              const char         *action,
              GVariant           *target)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                            gtk_named_action_new (action));

  if (target != NULL)
    gtk_shortcut_set_arguments (shortcut, target);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

static void
add_shortcuts (CbObservationEditor *self)
{
  static const struct { guint key; const char *phase; } phase_keys[] = {
    { GDK_KEY_l, "launch" },
    { GDK_KEY_e, "explore" },
    { GDK_KEY_d, "discuss" },
    { GDK_KEY_s, "synthesize" },
  };
  GtkEventController *c = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (c, "observation-shortcuts");
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (c), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (c, GTK_PHASE_CAPTURE);
  add_shortcut (c, GDK_KEY_space, GDK_CONTROL_MASK, "observation.clock-toggle", NULL);
  add_shortcut (c, GDK_KEY_space, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "observation.clock-stop", NULL);
  add_shortcut (c, GDK_KEY_t, GDK_ALT_MASK, "observation.talk-switch", NULL);
  add_shortcut (c, GDK_KEY_0, GDK_ALT_MASK, "observation.talk-stop", NULL);
  add_shortcut (c, GDK_KEY_KP_0, GDK_ALT_MASK, "observation.talk-stop", NULL);
  add_shortcut (c, GDK_KEY_Return, GDK_CONTROL_MASK, "observation.focus-capture", NULL);
  add_shortcut (c, GDK_KEY_p, GDK_ALT_MASK, "observation.private", NULL);
  add_shortcut (c, GDK_KEY_F9, 0, "observation.focus-mode", NULL);
  for (int i = 1; i <= 9; i++)
    {
      add_shortcut (c, GDK_KEY_0 + i, GDK_ALT_MASK, "observation.tag", g_variant_new_int32 (i));
      add_shortcut (c, GDK_KEY_KP_0 + i, GDK_ALT_MASK, "observation.tag", g_variant_new_int32 (i));
      add_shortcut (c, GDK_KEY_0 + i, GDK_CONTROL_MASK, "observation.count", g_variant_new_int32 (i));
      add_shortcut (c, GDK_KEY_KP_0 + i, GDK_CONTROL_MASK, "observation.count", g_variant_new_int32 (i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (phase_keys); i++)
    add_shortcut (c, phase_keys[i].key, GDK_ALT_MASK, "observation.phase",
                  g_variant_new_string (phase_keys[i].phase));
  gtk_widget_add_controller (GTK_WIDGET (self), c);
}

/* A key typed with the focus outside any text field (on a list, the
 * sidebar, a button) while a lesson is shown would be lost: it goes to
 * the capture line instead. The window sees it only if nothing else
 * used it. */
static gboolean
on_root_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        CbObservationEditor   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gunichar ch = gdk_keyval_to_unicode (keyval);
  GtkWidget *text;

  if (self->uuid == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->capture_entry)))
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      ch == 0 || !g_unichar_isprint (ch))
    return FALSE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  text = GTK_WIDGET (self->capture_entry);
  gtk_widget_grab_focus (text);
  return gtk_event_controller_key_forward (GTK_EVENT_CONTROLLER_KEY (controller), text);
}

static void
cb_observation_editor_root (GtkWidget *widget)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);

  GTK_WIDGET_CLASS (cb_observation_editor_parent_class)->root (widget);
  self->root_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (self->root_keys, "observation-typing");
  g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (on_root_key_pressed_cb), self);
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
    g_clear_signal_handler (&self->changed_id, get_store (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_OBSERVATION_EDITOR);
  /* Template children without an id are not unparented by the above. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
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
  g_clear_pointer (&self->talk[CB_TALK_TEACHER], counter_free);
  g_clear_pointer (&self->talk[CB_TALK_STUDENT], counter_free);
  g_clear_pointer (&self->short_labels, g_hash_table_unref);
  g_clear_pointer (&self->line_tags, g_hash_table_unref);
  g_clear_pointer (&self->private_lines, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (cb_observation_editor_parent_class)->finalize (object);
}


/* CbEditor */

static gboolean
cb_observation_editor_editor_load (CbEditor   *editor,
                                   const char *uuid,
                                   gboolean    read_only)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (editor);

  return cb_observation_editor_load (self, uuid);
}

static void
cb_observation_editor_editor_unload (CbEditor *editor)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (editor);

  cb_observation_editor_unload (self, FALSE);
}

static void
cb_observation_editor_editor_flush (CbEditor *editor)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (editor);

  cb_observation_editor_flush (self);
}

static const char *
cb_observation_editor_editor_get_uuid (CbEditor *editor)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (editor);

  return cb_observation_editor_get_uuid (self);
}

static void
cb_observation_editor_editor_iface_init (CbEditorInterface *iface)
{
  iface->load = cb_observation_editor_editor_load;
  iface->unload = cb_observation_editor_editor_unload;
  iface->flush = cb_observation_editor_editor_flush;
  iface->get_uuid = cb_observation_editor_editor_get_uuid;
}


static void
cb_observation_editor_class_init (CbObservationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
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
  g_object_class_override_property (object_class, PROP_NAMES, "names");
  widget_class->unroot = cb_observation_editor_unroot;

  /**
   * CbObservationEditor::line-deleted:
   * @uuid: the evidence line moved to the Trash
   */
  signals[LINE_DELETED] = g_signal_new ("line-deleted", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "observation.clock-start", NULL, clock_start_action);
  gtk_widget_class_install_action (widget_class, "observation.clock-pause", NULL, clock_pause_action);
  gtk_widget_class_install_action (widget_class, "observation.clock-toggle", NULL, clock_toggle_action);
  gtk_widget_class_install_action (widget_class, "observation.clock-stop", NULL, clock_stop_action);
  gtk_widget_class_install_action (widget_class, "observation.talk-switch", NULL, talk_switch_action);
  gtk_widget_class_install_action (widget_class, "observation.talk-stop", NULL, talk_stop_action);
  gtk_widget_class_install_action (widget_class, "observation.tag", "i", tag_action);
  gtk_widget_class_install_action (widget_class, "observation.count", "i", count_action);
  gtk_widget_class_install_action (widget_class, "observation.phase", "s", phase_action);
  gtk_widget_class_install_action (widget_class, "observation.focus-capture", NULL, focus_capture_action);
  gtk_widget_class_install_action (widget_class, "observation.private", NULL, private_action);
  gtk_widget_class_install_property_action (widget_class, "observation.focus-mode", "focus-mode");

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  g_type_ensure (CB_TYPE_DEBRIEF_VIEW);
  g_type_ensure (CB_TYPE_MONITOR_CHART);
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
  gtk_widget_class_bind_template_callback (widget_class, on_evidence_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_talk_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_counter_activated_cb);
}

static void
cb_observation_editor_init (CbObservationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_shortcuts (self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_capture_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->capture_entry), keys);
    g_signal_connect (gtk_text_view_get_buffer (self->capture_entry), "changed",
                      G_CALLBACK (on_capture_changed_cb), self);
  }

  self->counters = g_ptr_array_new_with_free_func (counter_free);
  self->short_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->line_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->private_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cb_clock_init (&self->clock);

  cb_record_editor_set_fields (self->details_editor, details_fields);
  cb_record_editor_set_extras (self->details_editor, FALSE);

  gtk_list_box_set_sort_func (self->evidence_list, sort_rows, NULL, NULL);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "notify::upper",
                    G_CALLBACK (on_vadjustment_upper_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                    G_CALLBACK (on_vadjustment_value_changed_cb), self);
  update_clock_ui (self);
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
  GtkWidget *chooser;

  g_return_if_fail (CB_IS_OBSERVATION_EDITOR (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->details_editor, names);
  cb_debrief_view_set_names (self->debrief_view, names);
  cb_monitor_chart_set_names (self->monitor_chart, names);
  cb_monitor_chart_set_offset_func (self->monitor_chart, monitor_offset_cb, self);
  self->changed_id = g_signal_connect (get_store (self), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);

  chooser = cb_ref_chooser_new (names, "look_for");
  g_signal_connect (chooser, "chosen", G_CALLBACK (on_focus_chosen_cb), self);
  gtk_menu_button_set_popover (self->focus_add_button, chooser);
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
}

/* An observation made with its co-plan (Coaching Day makes both at
 * once, before anything is planned) watches for what the co-plan says
 * once the co-plan has look-fors and the lesson has not begun: its
 * focus is still empty, its clock never ran, no line was written. */
static void
take_coplan_focus (CbObservationEditor *self,
                   const char          *uuid)
{
  CbStore *store = get_store (self);
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
  store_set (self, uuid, "focus", look_fors);
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
  record = cb_store_get (get_store (self), uuid, &error);
  if (record == NULL)
    {
      if (had_record)
        clear_views (self);
      report_error (self, error);
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
  gtk_expander_set_expanded (self->details_expander,
                             cb_record_get (record, "teacher") == NULL ||
                             *cb_record_get (record, "teacher") == '\0');
  rebuild_focus (self);
  load_lines (self);
  load_counters (self);
  update_clock_ui (self);
  set_capture_text (self, g_hash_table_lookup (self->drafts, uuid) ? g_hash_table_lookup (self->drafts, uuid) : "");
  g_hash_table_remove (self->drafts, uuid);
  /* A lesson that ended opens on its debrief. */
  if (self->clock.state == CB_CLOCK_STOPPED && self->clock.accumulated_ms > 0)
    gtk_toggle_button_set_active (self->debrief_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->capture_toggle, TRUE);
  scroll_to_end (self);
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
 * cb_observation_editor_add_line:
 * @text: what the coach typed
 *
 * Adds an evidence line stamped with the lesson time, starting the
 * lesson clock first if the coach asked for that.
 *
 * Returns: %TRUE if a line was added
 */
gboolean
cb_observation_editor_add_line (CbObservationEditor *self,
                                const char          *text)
{
  g_autofree char *line = NULL;
  g_autofree char *offset_text = NULL;
  g_autofree char *uuid = NULL;
  const char *names[] = { "observation", "offset", "type", "text" };
  const char *values[4];
  gint64 offset;

  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), FALSE);

  if (self->uuid == NULL || text == NULL)
    return FALSE;
  line = g_strstrip (g_strdup (text));
  if (*line == '\0')
    return FALSE;

  if (self->clock.state == CB_CLOCK_STOPPED && self->clock.accumulated_ms == 0 &&
      (self->settings == NULL || g_settings_get_boolean (self->settings, "clock-autostart")))
    start_clock (self);

  offset = cb_clock_offset_seconds (&self->clock, now_ms ());
  offset_text = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
  values[0] = self->uuid;
  values[1] = offset_text;
  values[2] = "note";
  values[3] = line;
  uuid = store_create (self, "evidence", names, values, G_N_ELEMENTS (names));
  if (uuid == NULL)
    return FALSE;

  append_row (self, uuid, offset, line, NULL, NULL, FALSE);
  g_free (self->last_line);
  self->last_line = g_steal_pointer (&uuid);
  scroll_to_end (self);
  return TRUE;
}

guint
cb_observation_editor_get_n_lines (CbObservationEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
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
  records = cb_store_list (store, &filter, 0, 500, NULL);
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
  update_tag_bar_visible (self);
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
  scroll_to_end (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_MODE]);
}

gboolean
cb_observation_editor_get_focus_mode (CbObservationEditor *self)
{
  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), FALSE);

  return self->focus_mode;
}
