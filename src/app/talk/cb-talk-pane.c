/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "cb-file-chooser.h"
#include "cb-talk-decode.h"
#include "cb-talk-pane.h"
#include "cb-talk-record.h"
#include "cb-talk-strip.h"
#include "cb-talk.h"
#include "cb-view-util.h"

#define PROGRESS_MS 100
#define CHECK_MS    250  /* how often a running recorder is asked for errors */

/* One analysis, shared by the worker thread and the main loop. */
typedef struct
{
  char   *uuid;
  char   *path;
  int     lesson_starts_at;
  guint   lesson_seconds; /* the lesson clock's when the job began */
  guint   keep_days;      /* of a recording; G_MAXUINT: the coach's own file */
  gint    permille;       /* atomic: the share done */
} Job;

struct _CbTalkPane
{
  GtkWidget       parent_instance;

  GtkWidget      *recording_label;
  GtkWidget      *import_button;
  GtkSpinButton  *offset_spin;
  GtkWidget      *progress_box;
  GtkProgressBar *progress_bar;
  CbTalkStrip    *strip;
  GtkLabel       *summary_label;
  GtkFlowBox     *legend;         /* one "■ label share" a child */
  GtkLabel       *warning_label;  /* the recording's length against the lesson's */
  GtkLabel       *notice_label;   /* why a key left a segment as it was */
  GtkWidget      *hint_label;

  GSettings      *settings;
  char           *uuid;
  CbTalkRecorder *recorder;
  char           *recording_uuid;
  guint           lesson_seconds;  /* the lesson clock, at the last tick or load */
  guint           recording_starts_at;  /* on the lesson clock */
  gboolean        recording_paused;     /* with the lesson clock */
  guint           check_id;             /* asks the recorder for errors */
  GCancellable   *cancellable;
  Job            *job;            /* a reference, while analysing */
  guint           progress_id;
  gboolean        warned;         /* about the microphone, once per observation */
};

G_DEFINE_FINAL_TYPE (CbTalkPane, cb_talk_pane, GTK_TYPE_WIDGET)

enum { ESTIMATE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_RECORDING, PROP_RECORDING_PAUSED, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
clear_job (Job *job)
{
  g_free (job->uuid);
  g_free (job->path);
}

static void
unref_job (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) clear_job);
}

static void
update_warning (CbTalkPane *self)
{
  g_autofree char *warning = cb_talk_estimate_length_warning (cb_talk_strip_get_estimate (self->strip));

  gtk_label_set_text (self->warning_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);
}

static void
update_summary (CbTalkPane *self)
{
  GArray *segments = cb_talk_strip_get_segments (self->strip);
  const CbTalkEstimate *estimate = cb_talk_strip_get_estimate (self->strip);
  double shares[CB_TALK_N_LABELS];
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->strip), segments->len > 0);
  gtk_widget_set_visible (self->hint_label, segments->len > 0);
  update_warning (self);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))) != NULL;)
    gtk_flow_box_remove (self->legend, child);
  gtk_widget_set_visible (GTK_WIDGET (self->legend), FALSE);
  if (segments->len == 0 && estimate->segments->len > 0)
    {
      /* analysed, but "Lesson starts at" puts the lesson past its end */
      gtk_label_set_text (self->summary_label,
                          _("The recording ends before the lesson starts; check “Lesson starts at”."));
      return;
    }
  if (segments->len == 0 && self->recorder != NULL)
    {
      gtk_label_set_text (self->summary_label,
                          _("Recording… the estimate appears when the lesson ends."));
      return;
    }
  if (segments->len == 0)
    {
      gtk_label_set_text (self->summary_label,
                          _("No estimate yet. Analyse a recording of the lesson, or switch on "
                            "recording in Preferences before the lesson starts."));
      return;
    }
  cb_talk_segments_shares (segments, shares);
  gtk_label_set_text (self->summary_label, _("Estimated from the recording:"));
  /* Each share whole on its line, its square beside it, however
   * narrow the window: a flow box of one label each. */
  for (guint l = 0; l < CB_TALK_N_LABELS; l++)
    if (shares[l] > 0)
      {
        g_autofree char *name = g_markup_escape_text (cb_talk_label_name (l), -1);
        GtkWidget *item;

        g_string_truncate (text, 0);
        /* TRANSLATORS: one share of the talk estimate after a coloured
         * square, e.g. "One voice 45 %" */
        g_string_append_printf (text, "<span foreground=\"%s\">■</span> ", cb_talk_strip_colors[l]);
        g_string_append_printf (text, _("%s %.0f %%"), name, shares[l] * 100);
        item = gtk_label_new (NULL);
        gtk_label_set_markup (GTK_LABEL (item), text->str);
        gtk_label_set_xalign (GTK_LABEL (item), 0);
        gtk_flow_box_append (self->legend, item);
        gtk_widget_set_focusable (gtk_widget_get_parent (item), FALSE);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->legend), TRUE);
}

static void
set_busy (CbTalkPane *self,
          gboolean    busy)
{
  gtk_widget_set_visible (self->progress_box, busy);
  gtk_widget_set_sensitive (self->import_button, !busy);
  if (!busy)
    g_clear_handle_id (&self->progress_id, g_source_remove);
}

static void
on_strip_changed_cb (CbTalkStrip *strip,
                     CbTalkPane  *self)
{
  g_autofree char *text = cb_talk_estimate_serialize (cb_talk_strip_get_estimate (strip));

  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  update_summary (self);
  if (self->uuid != NULL)
    g_signal_emit (self, signals[ESTIMATE_CHANGED], 0, self->uuid, text);
}

static void
on_strip_refused_cb (CbTalkStrip *strip,
                     guint        label,
                     CbTalkPane  *self)
{
  gtk_label_set_text (self->notice_label,
                      _("Only a one-voice segment can be marked teacher or student; "
                        "press 2 first if one person was talking."));
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
}

/* The notice answers one key: the next key or click on the strip, or
 * a page switch, clears it (a refused key sets it again). */
static void
clear_notice (CbTalkPane *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
}

/* Shows @starts_at in the spin button without re-aligning anything. */
static void
show_offset (CbTalkPane *self,
             int         starts_at)
{
  g_signal_handlers_block_matched (self->offset_spin, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_spin_button_set_value (self->offset_spin, starts_at);
  g_signal_handlers_unblock_matched (self->offset_spin, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* The coach moved the lesson on the recording: the estimate follows at
 * once and is saved with its new alignment. */
static void
on_offset_changed_cb (GtkSpinButton *spin,
                      CbTalkPane    *self)
{
  const CbTalkEstimate *estimate = cb_talk_strip_get_estimate (self->strip);
  g_autofree char *text = NULL;

  if (estimate->segments->len == 0 || self->uuid == NULL)
    return;
  cb_talk_strip_realign (self->strip, gtk_spin_button_get_value_as_int (spin), self->lesson_seconds);
  update_summary (self);
  text = cb_talk_estimate_serialize (cb_talk_strip_get_estimate (self->strip));
  g_signal_emit (self, signals[ESTIMATE_CHANGED], 0, self->uuid, text);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->permille, (gint) (fraction * 1000));
}

typedef struct
{
  Job          *job;
  GCancellable *cancellable;
  GError       *error;
} Analysis;

/* On a thread of its own, niced, so that it and the GStreamer threads
 * it starts (they take its priority) give way to the window's main
 * loop on a busy machine; the thread ends with the analysis, so no
 * pooled thread stays niced. */
static gpointer
analyse_niced (gpointer data)
{
  Analysis *a = data;

#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif
  return cb_talk_analyse_file (a->job->path, a->cancellable, on_progress, a->job, &a->error);
}

static void
analyse_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  Analysis a = { job, cancellable, NULL };
  GArray *segments = g_thread_join (g_thread_new ("cb-talk-analysis", analyse_niced, &a));
  GError *error = a.error;

  /* A recording goes once analysed, unless the coach keeps them. */
  if (segments != NULL && job->keep_days != G_MAXUINT)
    cb_talk_recording_delete (job->path, job->keep_days);
  if (segments == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, segments, (GDestroyNotify) g_array_unref);
}

static void
on_analysed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CbTalkPane *self = CB_TALK_PANE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) segments = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(CbTalkEstimate) estimate = NULL;
  g_autofree char *text = NULL;

  if (self->job == job)
    {
      g_clear_pointer (&self->job, unref_job);
      set_busy (self, FALSE);
    }
  if (segments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  estimate = cb_talk_estimate_new (segments, job->lesson_starts_at, job->lesson_seconds);
  text = cb_talk_estimate_serialize (estimate);
  if (g_strcmp0 (job->uuid, self->uuid) == 0)
    {
      cb_talk_strip_set_estimate (self->strip, estimate);
      show_offset (self, job->lesson_starts_at);
      update_summary (self);
    }
  g_signal_emit (self, signals[ESTIMATE_CHANGED], 0, job->uuid, text);
}

static gboolean
on_progress_tick_cb (gpointer data)
{
  CbTalkPane *self = data;

  if (self->job != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
on_cancel_clicked_cb (GtkButton  *button,
                      CbTalkPane *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
on_recording_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        CbTalkPane      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* A recording of a lesson is not left in the desktop's recent files. */
  if (file != NULL)
    cb_file_chooser_forget (file);
  if (response == GTK_RESPONSE_ACCEPT && file == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (CB_TALK_ERROR, CB_TALK_ERROR_UNREADABLE,
                                                     _("No recording was chosen; select one, then Analyse."));
      cb_view_error (GTK_WIDGET (self), error);
    }
  else if (file != NULL && (path = g_file_get_path (file)) == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (CB_TALK_ERROR, CB_TALK_ERROR_UNREADABLE,
                                                     _("This recording is not on this laptop; copy it here first, then analyse it."));
      cb_view_error (GTK_WIDGET (self), error);
    }
  else if (path != NULL)
    cb_talk_pane_import_file (self, path);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_import_clicked_cb (GtkButton  *button,
                      CbTalkPane *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Recordings"));
  gtk_file_filter_add_mime_type (filter, "audio/*");
  for (const char * const *ext = (const char * const[]) { "*.wav", "*.ogg", "*.oga", "*.flac", "*.mp3", "*.m4a", NULL };
       *ext != NULL; ext++)
    gtk_file_filter_add_pattern (filter, *ext);
  chooser = cb_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("Analyse a Recording"), _("_Analyse"), filter, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_recording_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Recording */

static guint
keep_days (CbTalkPane *self)
{
  return self->settings != NULL ? (guint) MAX (g_settings_get_int (self->settings, "recording-keep-days"), 0) : 0;
}

/* The mark in the pane follows the recorder: recording, paused or gone;
 * the window's header follows the properties. */
static void
show_recording (CbTalkPane *self)
{
  gtk_widget_set_visible (self->recording_label, self->recorder != NULL);
  gtk_label_set_text (GTK_LABEL (self->recording_label),
                      self->recording_paused ? _("❚❚ Recording paused") : _("● Recording"));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RECORDING]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RECORDING_PAUSED]);
  update_summary (self);
}

/* The microphone failed: nothing is being recorded, so nothing says so,
 * and the empty or partial file goes. */
static void
drop_recording (CbTalkPane *self,
                GError     *error)
{
  g_autoptr(CbTalkRecorder) recorder = g_steal_pointer (&self->recorder);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->recording_uuid, g_free);
  self->recording_paused = FALSE;
  if (recorder != NULL)
    {
      g_autofree char *path = g_strdup (cb_talk_recorder_get_path (recorder));

      g_clear_pointer (&recorder, cb_talk_recorder_free);
      g_unlink (path);
    }
  show_recording (self);
  if (!self->warned)
    cb_view_error (GTK_WIDGET (self), error);
  self->warned = TRUE;
}

static gboolean
on_check_recorder_cb (gpointer data)
{
  CbTalkPane *self = data;
  g_autoptr(GError) error = NULL;

  if (self->recorder == NULL)
    {
      self->check_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (cb_talk_recorder_check (self->recorder, &error))
    return G_SOURCE_CONTINUE;
  self->check_id = 0;
  drop_recording (self, error);
  return G_SOURCE_REMOVE;
}

static void
finish_recording (CbTalkPane *self)
{
  g_autoptr(CbTalkRecorder) recorder = g_steal_pointer (&self->recorder);
  g_autofree char *uuid = g_steal_pointer (&self->recording_uuid);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->check_id, g_source_remove);
  self->recording_paused = FALSE;
  if (recorder == NULL)
    {
      gtk_widget_set_visible (self->recording_label, FALSE);
      return;
    }
  show_recording (self);
  if (!cb_talk_recorder_check (recorder, &error) || !cb_talk_recorder_stop (recorder, &error))
    {
      g_autofree char *path = g_strdup (cb_talk_recorder_get_path (recorder));

      g_clear_pointer (&recorder, cb_talk_recorder_free);
      g_unlink (path);
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  {
    g_autofree char *current = g_strdup (self->uuid);

    g_free (self->uuid);
    self->uuid = g_strdup (uuid);
    /* A recording switched on during the lesson starts later than
     * the clock: its offset is negative. */
    cb_talk_pane_analyse_file (self, cb_talk_recorder_get_path (recorder), -(int) self->recording_starts_at, TRUE);
    g_free (self->uuid);
    self->uuid = g_steal_pointer (&current);
  }
}

static void
start_recording (CbTalkPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_talk_recording_new_path (&error);

  if (path != NULL)
    self->recorder = cb_talk_recorder_start (path, &error);
  if (self->recorder == NULL)
    {
      if (path != NULL)
        g_unlink (path);
      if (!self->warned)
        cb_view_error (GTK_WIDGET (self), error);
      self->warned = TRUE;
      return;
    }
  self->recording_uuid = g_strdup (self->uuid);
  self->recording_starts_at = self->lesson_seconds;
  self->recording_paused = FALSE;
  self->check_id = g_timeout_add (CHECK_MS, on_check_recorder_cb, self);
  show_recording (self);
}

/* Overrides */

static void
cb_talk_pane_dispose (GObject *object)
{
  CbTalkPane *self = CB_TALK_PANE (object);
  GtkWidget *child;

  if (self->recorder != NULL)
    {
      /* The file stays, complete, until the next purge. */
      cb_talk_recorder_stop (self->recorder, NULL);
      g_clear_pointer (&self->recorder, cb_talk_recorder_free);
    }
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->job, unref_job);
  G_OBJECT_CLASS (cb_talk_pane_parent_class)->dispose (object);
}

static void
cb_talk_pane_finalize (GObject *object)
{
  CbTalkPane *self = CB_TALK_PANE (object);

  g_free (self->uuid);
  g_free (self->recording_uuid);
  G_OBJECT_CLASS (cb_talk_pane_parent_class)->finalize (object);
}

static void
cb_talk_pane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CbTalkPane *self = CB_TALK_PANE (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      g_value_set_boolean (value, self->recorder != NULL);
      break;
    case PROP_RECORDING_PAUSED:
      g_value_set_boolean (value, self->recorder != NULL && self->recording_paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_talk_pane_class_init (CbTalkPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_talk_pane_dispose;
  object_class->finalize = cb_talk_pane_finalize;
  object_class->get_property = cb_talk_pane_get_property;

  /**
   * CbTalkPane:recording:
   *
   * The lesson is being recorded (the window's header shows it).
   */
  props[PROP_RECORDING] = g_param_spec_boolean ("recording", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CbTalkPane:recording-paused:
   *
   * The recording waits for the paused lesson clock.
   */
  props[PROP_RECORDING_PAUSED] = g_param_spec_boolean ("recording-paused", NULL, NULL, FALSE,
                                                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CbTalkPane::estimate-changed:
   * @uuid: the observation
   * @estimate: its new talk estimate (cb_talk_segments_serialize())
   */
  signals[ESTIMATE_CHANGED] = g_signal_new ("estimate-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cb-talk-pane");
}

/* The title and the recording mark on one line; the alignment and the
 * import button under it, wrapping in a narrow window. */
static GtkWidget *
build_header (CbTalkPane *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Talk from a Recording"));
  GtkWidget *controls = gtk_flow_box_new ();
  GtkWidget *offset_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *offset_label = gtk_label_new_with_mnemonic (_("Lesson starts _at (s)"));

  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (title_row), title);
  self->recording_label = gtk_label_new (_("● Recording"));
  gtk_widget_add_css_class (self->recording_label, "error");
  gtk_widget_set_tooltip_text (self->recording_label,
                               _("The microphone is recording into a private file on this laptop"));
  gtk_widget_set_visible (self->recording_label, FALSE);
  gtk_box_append (GTK_BOX (title_row), self->recording_label);
  gtk_box_append (GTK_BOX (header), title_row);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (controls), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (controls), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (controls), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (controls), 6);
  gtk_widget_add_css_class (offset_label, "dim-label");
  gtk_box_append (GTK_BOX (offset_box), offset_label);
  self->offset_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-CB_TALK_MAX_SECONDS, CB_TALK_MAX_SECONDS, 1));
  gtk_label_set_mnemonic_widget (GTK_LABEL (offset_label), GTK_WIDGET (self->offset_spin));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->offset_spin),
                               _("How many seconds into the recording the lesson clock started; below 0 when the recording started after the lesson clock"));
  g_signal_connect (self->offset_spin, "value-changed", G_CALLBACK (on_offset_changed_cb), self);
  gtk_box_append (GTK_BOX (offset_box), GTK_WIDGET (self->offset_spin));
  gtk_flow_box_append (GTK_FLOW_BOX (controls), offset_box);

  self->import_button = gtk_button_new_with_mnemonic (_("Analyse a _Recording…"));
  gtk_widget_set_tooltip_text (self->import_button,
                               _("A recording made on this laptop or a phone: WAV, OGG, FLAC, MP3 or M4A. "
                                 "It is read here and never copied."));
  g_signal_connect (self->import_button, "clicked", G_CALLBACK (on_import_clicked_cb), self);
  gtk_flow_box_append (GTK_FLOW_BOX (controls), self->import_button);
  for (GtkWidget *child = gtk_widget_get_first_child (controls); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_box_append (GTK_BOX (header), controls);
  return header;
}

static void
cb_talk_pane_init (CbTalkPane *self)
{
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (widget)),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 6);
  gtk_widget_set_parent (build_header (self), widget);

  self->progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_text (self->progress_bar, _("Analysing the recording…"));
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress_bar));
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->progress_box), cancel);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_widget_set_parent (self->progress_box, widget);

  self->strip = CB_TALK_STRIP (cb_talk_strip_new ());
  g_signal_connect (self->strip, "changed", G_CALLBACK (on_strip_changed_cb), self);
  g_signal_connect (self->strip, "refused", G_CALLBACK (on_strip_refused_cb), self);
  g_signal_connect_swapped (self->strip, "acted", G_CALLBACK (clear_notice), self);
  g_signal_connect (self, "unmap", G_CALLBACK (clear_notice), NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->strip), widget);

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_set_parent (GTK_WIDGET (self->summary_label), widget);
  self->legend = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->legend, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->legend, CB_TALK_N_LABELS);
  gtk_flow_box_set_column_spacing (self->legend, 18);
  gtk_flow_box_set_row_spacing (self->legend, 2);
  gtk_widget_set_parent (GTK_WIDGET (self->legend), widget);

  self->notice_label = GTK_LABEL (gtk_label_new (NULL));
  self->warning_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->warning_label, TRUE);
  gtk_label_set_xalign (self->warning_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->warning_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->warning_label), widget);
  gtk_label_set_wrap (self->notice_label, TRUE);
  gtk_label_set_xalign (self->notice_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->notice_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->notice_label), widget);

  self->hint_label = gtk_label_new (_("Every label is an estimate from the sound. Select a segment with "
                                      "the mouse or ←/→ and correct it: 1 no voice, 2 one voice, "
                                      "3 several voices, 4 likely teacher, 5 likely student."));
  gtk_label_set_wrap (GTK_LABEL (self->hint_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint_label), 0);
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_widget_add_css_class (self->hint_label, "caption");
  gtk_widget_set_parent (self->hint_label, widget);

  self->cancellable = g_cancellable_new ();
  update_summary (self);
}

/* Public API */

/**
 * cb_talk_pane_set_settings:
 * @settings: the app's settings: "record-lessons", "recording-keep-days"
 */
void
cb_talk_pane_set_settings (CbTalkPane *self,
                           GSettings  *settings)
{
  g_return_if_fail (CB_IS_TALK_PANE (self));

  g_set_object (&self->settings, settings);
}

/**
 * cb_talk_pane_load:
 * @uuid: (nullable): the observation, or %NULL for none
 * @estimate: (nullable): its talk_estimate field
 *
 * A recording of the previous observation is finished and analysed
 * for it.
 */
void
cb_talk_pane_load (CbTalkPane *self,
                   const char *uuid,
                   const char *estimate)
{
  g_autoptr(CbTalkEstimate) parsed = NULL;

  g_return_if_fail (CB_IS_TALK_PANE (self));

  if (g_strcmp0 (uuid, self->uuid) != 0)
    {
      finish_recording (self);
      self->warned = FALSE;
      show_offset (self, 0);
    }
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  if (estimate != NULL && *estimate != '\0')
    parsed = cb_talk_estimate_parse (estimate, NULL);
  /* the alignment saved with the estimate */
  if (parsed != NULL)
    show_offset (self, parsed->lesson_starts_at);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  cb_talk_strip_set_estimate (self->strip, parsed);
  update_summary (self);
}

/**
 * cb_talk_pane_follow_clock:
 * @running: the lesson clock runs
 * @ended: the lesson clock was stopped after it ran
 *
 * With the "record-lessons" preference on, records while the clock
 * runs, pauses with it and analyses the recording when it stops. With
 * it off nothing is recorded.
 */
void
cb_talk_pane_follow_clock (CbTalkPane *self,
                           gboolean    running,
                           gboolean    ended)
{
  g_return_if_fail (CB_IS_TALK_PANE (self));

  if (self->recorder != NULL && g_strcmp0 (self->recording_uuid, self->uuid) != 0)
    finish_recording (self);
  if (running)
    {
      if (self->recorder != NULL)
        {
          cb_talk_recorder_set_paused (self->recorder, FALSE);
          self->recording_paused = FALSE;
          show_recording (self);
        }
      else if (self->uuid != NULL && self->settings != NULL &&
               g_settings_get_boolean (self->settings, "record-lessons"))
        start_recording (self);
    }
  else if (ended)
    finish_recording (self);
  else if (self->recorder != NULL)
    {
      cb_talk_recorder_set_paused (self->recorder, TRUE);
      self->recording_paused = TRUE;
      show_recording (self);
    }
}

/**
 * cb_talk_pane_analyse_file:
 * @path: a recording
 * @lesson_starts_at: seconds into the recording when the lesson clock
 *   started
 * @delete_after: the recording is Coachbook's own: delete it once
 *   analysed unless the coach keeps recordings
 *
 * Analyses on a worker thread for the loaded observation; progress and
 * Cancel are shown meanwhile.
 */
void
cb_talk_pane_analyse_file (CbTalkPane *self,
                           const char *path,
                           int         lesson_starts_at,
                           gboolean    delete_after)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (CB_IS_TALK_PANE (self));
  g_return_if_fail (path != NULL);

  if (self->uuid == NULL)
    return;
  job = g_atomic_rc_box_new0 (Job);
  job->uuid = g_strdup (self->uuid);
  job->path = g_strdup (path);
  job->lesson_starts_at = lesson_starts_at;
  job->lesson_seconds = self->lesson_seconds;
  job->keep_days = delete_after ? keep_days (self) : G_MAXUINT;
  g_clear_pointer (&self->job, unref_job);
  self->job = g_atomic_rc_box_acquire (job);

  task = g_task_new (self, self->cancellable, on_analysed_cb, NULL);
  g_task_set_source_tag (task, cb_talk_pane_analyse_file);
  g_task_set_task_data (task, job, unref_job);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_busy (self, TRUE);
  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (PROGRESS_MS, on_progress_tick_cb, self);
  g_task_run_in_thread (task, analyse_thread);
}

typedef struct
{
  CbTalkPane *pane;
  char       *uuid;
  char       *path;
} Replace;

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          data)
{
  Replace *r = data;

  /* still the observation the coach was asked about */
  if (g_strcmp0 (response, "replace") == 0 && g_strcmp0 (r->uuid, r->pane->uuid) == 0)
    cb_talk_pane_analyse_file (r->pane, r->path, gtk_spin_button_get_value_as_int (r->pane->offset_spin), FALSE);
  g_object_unref (r->pane);
  g_free (r->uuid);
  g_free (r->path);
  g_free (r);
}

/**
 * cb_talk_pane_import_file:
 * @path: a recording the coach chose
 *
 * Analyses it for the loaded observation, aligned by "Lesson starts
 * at"; an estimate there already is replaced only once the coach says
 * so, since its corrections go with it.
 */
void
cb_talk_pane_import_file (CbTalkPane *self,
                          const char *path)
{
  GtkRoot *root;
  GtkWidget *dialog;
  Replace *r;

  g_return_if_fail (CB_IS_TALK_PANE (self));
  g_return_if_fail (path != NULL);

  if (self->uuid == NULL)
    return;
  if (cb_talk_strip_get_estimate (self->strip)->segments->len == 0)
    {
      cb_talk_pane_analyse_file (self, path, gtk_spin_button_get_value_as_int (self->offset_spin), FALSE);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Replace the Estimate?"),
                                   _("This observation already has a talk estimate. Your corrections to it will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  r = g_new0 (Replace, 1);
  r->pane = g_object_ref (self);
  r->uuid = g_strdup (self->uuid);
  r->path = g_strdup (path);
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response_cb), r);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cb_talk_pane_set_lesson:
 * @lesson_seconds: how long the lesson clock has run
 * @marks: (nullable) (element-type guint): the evidence lines' offsets
 *
 * Draws the strip on the evidence timeline's axis.
 */
void
cb_talk_pane_set_lesson (CbTalkPane *self,
                         guint       lesson_seconds,
                         GArray     *marks)
{
  g_return_if_fail (CB_IS_TALK_PANE (self));
  self->lesson_seconds = lesson_seconds;
  cb_talk_strip_set_lesson (self->strip, lesson_seconds, marks);
}

/**
 * cb_talk_pane_get_strip:
 *
 * Returns: (transfer none): the strip, for the tests
 */
GtkWidget *
cb_talk_pane_get_strip (CbTalkPane *self)
{
  g_return_val_if_fail (CB_IS_TALK_PANE (self), NULL);
  return GTK_WIDGET (self->strip);
}

gboolean
cb_talk_pane_is_recording (CbTalkPane *self)
{
  g_return_val_if_fail (CB_IS_TALK_PANE (self), FALSE);
  return self->recorder != NULL;
}

gboolean
cb_talk_pane_is_busy (CbTalkPane *self)
{
  g_return_val_if_fail (CB_IS_TALK_PANE (self), FALSE);
  return self->job != NULL;
}
