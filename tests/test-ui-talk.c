/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The talk estimate in the observation editor: nothing is recorded
 * until the coach switches recording on; then the lesson clock starts,
 * pauses and ends the recording, the estimate lands in the database
 * and the recording is gone. The coach corrects a segment with keys.
 * There is no microphone under Xvfb: audiotestsrc stands in for it. */

#include "config.h"

#include "cb-ui-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cb-observation-editor.h"
#include "cb-talk-pane.h"
#include "cb-talk-strip.h"
#include "cb-talk.h"

/* The pane's words, as the coach reads them (in any language). */
#define REFUSED "Only a one-voice segment can be marked teacher or student; press 2 first if one person was talking."
#define NO_MICROPHONE "No microphone could be opened, so this lesson is not being recorded. " \
                      "Record it on a phone and add it with “Analyse a Recording…”."
#define PAST_THE_END "The recording ends before the lesson starts; check “Lesson starts at”."

typedef struct
{
  CbApplication       *app;
  CbWindow            *window;
  CbStore             *store;
  CbObservationEditor *editor;
  CbTalkPane          *pane;
  GSettings           *settings;
  char                *teacher;
  char                *observation;
  char                *imported;   /* the observation of the phone's recording */
} Fixture;

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static guint
count_recordings (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "coachbook", "recordings", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *estimate_of (Fixture *f);
static void shoot_variants (Fixture *f, const char *name);

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The recording mark in the window's header bar. */
static GtkWidget *
header_indicator (Fixture *f)
{
  GtkWidget *label = cb_ui_find_widget (GTK_WIDGET (f->window), is_label_starting, _("● Rec"));

  if (label == NULL)
    label = cb_ui_find_widget (GTK_WIDGET (f->window), is_label_starting, _("❚❚ Rec paused"));

  g_assert_nonnull (label);
  g_assert_nonnull (gtk_widget_get_ancestor (label, ADW_TYPE_HEADER_BAR));
  return label;
}

/* @seconds of a tone that comes and goes, 8 kHz 8-bit WAV. */
static char *
write_wav (const char *name,
           guint       seconds)
{
  const guint rate = 8000, n = rate * seconds;
  g_autofree guint8 *data = g_malloc (44 + n);
  char *path = cb_ui_test_path (name);
  guint32 u32;
  guint16 u16;

  memcpy (data, "RIFF", 4);
  u32 = GUINT32_TO_LE (36 + n); memcpy (data + 4, &u32, 4);
  memcpy (data + 8, "WAVEfmt ", 8);
  u32 = GUINT32_TO_LE (16); memcpy (data + 16, &u32, 4);
  u16 = GUINT16_TO_LE (1); memcpy (data + 20, &u16, 2);  /* PCM */
  u16 = GUINT16_TO_LE (1); memcpy (data + 22, &u16, 2);  /* mono */
  u32 = GUINT32_TO_LE (rate); memcpy (data + 24, &u32, 4);
  u32 = GUINT32_TO_LE (rate); memcpy (data + 28, &u32, 4);
  u16 = GUINT16_TO_LE (1); memcpy (data + 32, &u16, 2);
  u16 = GUINT16_TO_LE (8); memcpy (data + 34, &u16, 2);
  memcpy (data + 36, "data", 4);
  u32 = GUINT32_TO_LE (n); memcpy (data + 40, &u32, 4);
  for (guint i = 0; i < n; i++)
    {
      gboolean on = (i / (rate / 5)) % 3 != 0;

      data[44 + i] = (guint8) (128 + (on ? 60 * sin (i * 2 * G_PI * 180 / rate) : 0));
    }
  g_assert_true (g_file_set_contents (path, (const char *) data, 44 + n, NULL));
  return path;
}

/* Ten minutes: long enough that Cancel lands while the analysis runs. */
static char *
write_long_wav (void)
{
  return write_wav ("talk-long.wav", 600);
}

/* GTK's list of recently used files, as the desktop reads it. */
static char *
recent_files (void)
{
  g_autofree char *xbel = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  char *text = NULL;

  if (!g_file_get_contents (xbel, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static gboolean
is_spin (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static gboolean
is_text (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_TEXT (widget);
}

/* Types @text into the spin button and presses Enter in it. */
static void
type_in_spin (GtkWidget  *spin,
              const char *text)
{
  GtkWidget *entry = cb_ui_find_widget (spin, is_text, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  cb_ui_drain ();
  g_signal_emit_by_name (entry, "activate");
  cb_ui_drain ();
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* Cancel during the analysis: the window stays usable, nothing is
 * written, and the coach's own file is left alone. */
static void
check_cancel_during_analysis (Fixture *f)
{
  g_autofree char *path = write_long_wav ();
  GtkWidget *cancel;
  guint waited = 0;

  g_assert_null (estimate_of (f));
  cb_talk_pane_analyse_file (f->pane, path, 0, FALSE);
  g_assert_true (cb_talk_pane_is_busy (f->pane));
  cb_ui_spin (100);
  cancel = cb_ui_find_widget (GTK_WIDGET (f->pane), is_button_labelled, _("_Cancel"));
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_is_visible (cancel));
  g_assert_true (cb_talk_pane_is_busy (f->pane));
  gtk_widget_activate (cancel);
  while (cb_talk_pane_is_busy (f->pane) && waited++ < 200)
    cb_ui_spin (50);
  g_assert_false (cb_talk_pane_is_busy (f->pane));
  g_assert_false (gtk_widget_is_visible (cancel));
  cb_ui_spin (200);
  g_assert_null (estimate_of (f));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_unlink (path);
}

static char *
estimate_of (Fixture *f)
{
  g_autoptr(CbRecord) r = cb_ui_get_record (f->store, f->observation);
  const char *value = cb_record_get (r, "talk_estimate");

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* A lesson not started yet, open in the editor. */
static void
open_new_observation (Fixture *f)
{
  g_free (f->observation);
  f->observation = cb_test_create (f->store, "observation", "teacher", f->teacher, "date", "2025-10-06",
                                   "lesson", "Fractions on a number line", NULL);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (f->window, f->observation));
  cb_ui_drain ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = cb_ui_test_path ("talk.db");
  g_autofree char *teacher = NULL;

  g_unlink (path);
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "record-lessons");
  g_settings_reset (f->settings, "recording-keep-days");
  f->app = cb_ui_start_app (path);
  f->window = cb_ui_app_window (f->app);
  f->store = cb_application_get_store (f->app);
  teacher = cb_test_create (f->store, "person", "name", "Ada Reyes", "role", "teacher", NULL);
  f->teacher = g_steal_pointer (&teacher);
  cb_window_set_section (f->window, CB_SECTION_OBSERVATIONS);
  open_new_observation (f);
  f->editor = CB_OBSERVATION_EDITOR (cb_window_get_child (f->window, "observation_editor"));
  f->pane = CB_TALK_PANE (cb_ui_find_widget (GTK_WIDGET (f->editor), is_type,
                                             GSIZE_TO_POINTER (CB_TYPE_TALK_PANE)));
  g_assert_nonnull (f->pane);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cb_ui_stop_app (f->app);
  g_clear_object (&f->settings);
  g_free (f->observation);
  g_free (f->imported);
  g_free (f->teacher);
}

/* Ctrl+Space (start, pause) or Ctrl+Shift+Space (end) from the
 * capture line, where the coach types during the lesson. */
static void
press_clock (Fixture         *f,
             GdkModifierType  mods)
{
  cb_observation_editor_focus_capture (f->editor);
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_space, mods));
  cb_ui_drain ();
}

/* Start, pause, resume and end the lesson with the keys, as a coach. */
static void
run_lesson (Fixture *f)
{
  press_clock (f, GDK_CONTROL_MASK);
  cb_ui_spin (2000);
  press_clock (f, GDK_CONTROL_MASK);
  cb_ui_spin (1500);
  press_clock (f, GDK_CONTROL_MASK);
  cb_ui_spin (1500);
  press_clock (f, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
}

static void
check_not_recorded_unless_switched_on (Fixture *f)
{
  g_autofree char *estimate = NULL;

  g_assert_false (g_settings_get_boolean (f->settings, "record-lessons"));
  run_lesson (f);
  g_assert_false (cb_talk_pane_is_recording (f->pane));
  g_assert_cmpuint (count_recordings (), ==, 0);
  estimate = estimate_of (f);
  g_assert_null (estimate);
}

static void
check_recorded_analysed_deleted (Fixture *f)
{
  g_autofree char *estimate = NULL;
  g_autoptr(GArray) segments = NULL;
  guint waited = 0;
  gint64 t[4];
  double running, paused;

  g_settings_set_boolean (f->settings, "record-lessons", TRUE);
  g_assert_false (gtk_widget_get_visible (header_indicator (f)));
  t[0] = g_get_monotonic_time ();
  press_clock (f, GDK_CONTROL_MASK);
  g_assert_true (cb_talk_pane_is_recording (f->pane));
  g_assert_cmpuint (count_recordings (), ==, 1);
  /* shown in the window's header bar, not only in the pane */
  g_assert_true (gtk_widget_is_visible (header_indicator (f)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header_indicator (f))), ==, _("● Rec"));
  /* the pane says what is happening, not how to switch recording on */
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with,
                                       _("Recording… the estimate appears when the lesson ends.")));
  g_assert_null (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_starting, _("No estimate yet")));
  cb_ui_save_png (GTK_WIDGET (f->window), "talk-recording.png");
  shoot_variants (f, "talk-recording");
  cb_ui_spin (2000);
  t[1] = g_get_monotonic_time ();
  press_clock (f, GDK_CONTROL_MASK);
  /* the pause shows, in the header and the pane */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header_indicator (f))), ==, _("❚❚ Rec paused"));
  g_assert_true (gtk_widget_is_visible (header_indicator (f)));
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _("❚❚ Recording paused")));
  shoot_variants (f, "talk-recording-paused");
  cb_ui_spin (3000);
  t[2] = g_get_monotonic_time ();
  press_clock (f, GDK_CONTROL_MASK);
  cb_ui_spin (1500);
  t[3] = g_get_monotonic_time ();
  press_clock (f, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_false (cb_talk_pane_is_recording (f->pane));
  g_assert_false (gtk_widget_get_visible (header_indicator (f)));
  while (cb_talk_pane_is_busy (f->pane) && waited++ < 200)
    cb_ui_spin (50);

  estimate = estimate_of (f);
  g_assert_nonnull (estimate);
  segments = cb_talk_segments_parse (estimate, NULL);
  g_assert_nonnull (segments);
  /* the running clock's time was recorded, the paused time not (on a
   * loaded machine the spins take longer than asked: measured) */
  running = (t[1] - t[0] + t[3] - t[2]) / (double) G_USEC_PER_SEC;
  paused = (t[2] - t[1]) / (double) G_USEC_PER_SEC;
  g_test_message ("recorded %u s; clock ran %.1f s, paused %.1f s",
                  cb_talk_segments_total (segments), running, paused);
  g_assert_cmpfloat (paused, >=, 2.9);
  g_assert_cmpuint (cb_talk_segments_total (segments), >=, 2);
  g_assert_cmpfloat (cb_talk_segments_total (segments), <=, running + 1.5);
  g_assert_cmpfloat (cb_talk_segments_total (segments), <, running + paused - 2);
  g_assert_cmpuint (count_recordings (), ==, 0);
  {
    g_autofree char *recent = NULL;

    cb_ui_spin (1000);
    recent = recent_files ();
    g_assert_null (strstr (recent, "recordings"));
  }
}

/* With CB_SCREENSHOT_DIR: the strip dark, and 360 pixels wide. */
static void
shoot_variants (Fixture    *f,
                const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autofree char *narrow = g_strdup_printf ("%s-360.png", name);
  g_autofree char *narrow_dark = g_strdup_printf ("%s-360-dark.png", name);
  int width, height;

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  cb_ui_drain ();
  cb_ui_save_png (GTK_WIDGET (f->window), dark);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  cb_ui_spin (300);
  gtk_widget_grab_focus (GTK_WIDGET (f->pane));
  cb_ui_drain ();
  cb_ui_save_png (GTK_WIDGET (f->window), narrow_dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  cb_ui_drain ();
  cb_ui_save_png (GTK_WIDGET (f->window), narrow);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  cb_ui_spin (300);
}

/* The coach marks the first one-voice segment "teacher" with key 4: it
 * is the sample, and the other one-voice segments are split by their
 * voice into likely teacher and likely student. */
static void
check_split_from_sample (Fixture *f)
{
  g_autofree char *estimate = NULL;
  GtkWidget *strip;

  g_assert_true (cb_store_set (f->store, f->observation, "talk_estimate",
                               "talk 1\n0 20 one 110\n20 30 several\n30 50 one 210\n50 60 one 118\n", NULL));
  cb_window_open_record (f->window, NULL);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (f->window, f->observation));
  cb_ui_drain ();
  strip = cb_ui_find_widget (GTK_WIDGET (f->pane), is_type, GSIZE_TO_POINTER (CB_TYPE_TALK_STRIP));
  gtk_widget_grab_focus (strip);
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_Home, 0));
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_4, 0));
  cb_ui_drain ();
  estimate = estimate_of (f);
  g_assert_cmpstr (estimate, ==,
                   "talk 1\n0 20 teacher 110\n20 30 several\n30 50 student 210\n50 60 teacher 118\n");
  cb_ui_save_png (GTK_WIDGET (f->window), "talk-split.png");
  shoot_variants (f, "talk-split");
}

/* Analysing another recording would lose the corrections: asked
 * first, and Cancel keeps everything. */
static void
check_replace_asks (Fixture *f)
{
  g_autofree char *before = estimate_of (f);
  g_autofree char *wav = write_wav ("talk-again.wav", 20);
  g_autofree char *after = NULL;
  GtkWidget *dialog = NULL;
  g_autoptr(GList) toplevels = NULL;

  g_assert_nonnull (before);
  cb_talk_pane_import_file (f->pane, wav);
  cb_ui_drain ();
  g_assert_false (cb_talk_pane_is_busy (f->pane));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL && dialog == NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Replace the Estimate?"));
  if (g_getenv ("CB_SCREENSHOT_DIR") != NULL)
    cb_ui_save_png (dialog, "talk-replace.png");
  /* Escape, as the coach would: the close response is Cancel */
  g_assert_true (cb_ui_press (cb_ui_focus_of (dialog), GDK_KEY_Escape, 0));
  cb_ui_spin (300);
  g_assert_false (cb_talk_pane_is_busy (f->pane));
  after = estimate_of (f);
  g_assert_cmpstr (after, ==, before);
  g_unlink (wav);
}

static void
check_corrected_with_keys (Fixture *f)
{
  g_autofree char *estimate = NULL;
  GtkWidget *strip;

  g_assert_true (cb_store_set (f->store, f->observation, "talk_estimate",
                               "talk 1\n0 40 one\n40 70 several\n70 90 silence\n90 150 one\n", NULL));
  cb_window_open_record (f->window, NULL);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (f->window, f->observation));
  cb_ui_drain ();
  strip = cb_ui_find_widget (GTK_WIDGET (f->pane), is_type, GSIZE_TO_POINTER (CB_TYPE_TALK_STRIP));
  g_assert_nonnull (strip);
  g_assert_true (gtk_widget_get_visible (strip));
  cb_ui_save_png (GTK_WIDGET (f->window), "talk-strip.png");
  shoot_variants (f, "talk-strip");

  gtk_widget_grab_focus (strip);
  /* the first segment is likely the teacher; the second, one voice */
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_4, 0));
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_Right, 0));
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_2, 0));
  cb_ui_drain ();
  estimate = estimate_of (f);
  g_assert_cmpstr (estimate, ==, "talk 1\n0 40 teacher\n40 70 one\n70 90 silence\n90 150 one\n");

  /* The debrief shows the estimate, marked as one. */
  {
    GtkWidget *toggle = cb_ui_find_widget (GTK_WIDGET (f->editor), is_toggle_labelled, _("Debrief"));
    GtkWidget *label;

    g_assert_nonnull (toggle);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    cb_ui_drain ();
    label = cb_ui_find_widget (GTK_WIDGET (f->editor), is_label_starting, _("Estimated from a recording:"));
    g_assert_nonnull (label);
    g_assert_true (gtk_widget_is_visible (label));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), _("Likely teacher")));
    cb_ui_save_png (GTK_WIDGET (f->window), "talk-debrief.png");
    shoot_variants (f, "talk-debrief");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cb_ui_find_widget (GTK_WIDGET (f->editor), is_toggle_labelled,
                                                                        _("Capture"))), TRUE);
    cb_ui_drain ();
  }
  check_replace_asks (f);
}

typedef struct
{
  gint64 last;
  gint64 worst;
} Gaps;

static gboolean
on_tick_cb (gpointer data)
{
  Gaps *g = data;
  gint64 now = g_get_monotonic_time ();

  if (g->last > 0)
    g->worst = MAX (g->worst, now - g->last);
  g->last = now;
  return G_SOURCE_CONTINUE;
}

/* With CB_TALK_LONG_RECORDING (tests/bench/bench-talk makes a 60-minute
 * one), how long the main loop went without running while the pane
 * analysed it: told, never judged (docs/performance.md). */
static void
measure_long_analysis (Fixture *f)
{
  const char *path = g_getenv ("CB_TALK_LONG_RECORDING");
  Gaps gaps = { 0, 0 }, idle = { 0, 0 };
  gint64 start;
  guint id;

  if (path == NULL || *path == '\0')
    return;
  open_new_observation (f);
  cb_ui_drain ();
  /* the baseline: the same loop, idle, for as long, in the same run */
  id = g_timeout_add (1, on_tick_cb, &idle);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  start = g_get_monotonic_time ();
  cb_talk_pane_analyse_file (f->pane, path, 0, FALSE);
  id = g_timeout_add (1, on_tick_cb, &gaps);
  while (cb_talk_pane_is_busy (f->pane))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  g_test_message ("analysed %s in %.1f s; longest main-loop gap %.1f ms (idle, same run: %.1f ms)",
                  path, (g_get_monotonic_time () - start) / 1e6, gaps.worst / 1000.0, idle.worst / 1000.0);
  g_assert_nonnull (estimate_of (f));
}

/* Emits a click at @x on @widget's click gesture, as a mouse would. */
static void
click_at (GtkWidget *widget,
          double     x)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (c))
        g_signal_emit_by_name (c, "pressed", 1, x, 4.0);
    }
}

/* The strip is on the evidence timeline's axis: a recording that began
 * two minutes into a 20-minute lesson sits under the lines of minutes
 * 2 and 3, not at the strip's left edge. The coach clicks under the
 * line of 2:30 and relabels the segment there. */
static void
check_aligned_to_lesson_clock (Fixture *f)
{
  g_autofree char *estimate = NULL;
  GtkWidget *strip;
  int width;

  g_assert_nonnull (cb_test_create (f->store, "evidence", "observation", f->observation, "offset", "150",
                                    "type", "note", "text", "Asks why the halves are equal", NULL));
  g_assert_nonnull (cb_test_create (f->store, "evidence", "observation", f->observation, "offset", "1200",
                                    "type", "note", "text", "Exit ticket", NULL));
  g_assert_true (cb_store_set (f->store, f->observation, "talk_estimate",
                               "talk 1\n0 120 silence\n120 240 several\n240 300 one\n", NULL));
  cb_window_open_record (f->window, NULL);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (f->window, f->observation));
  cb_ui_drain ();
  strip = cb_talk_pane_get_strip (f->pane);
  /* the axis runs to the lesson's last line, past the estimate's end */
  g_assert_cmpuint (cb_talk_strip_get_axis_length (CB_TALK_STRIP (strip)), ==, 1200);
  width = gtk_widget_get_width (strip);
  g_assert_cmpint (width, >, 0);
  cb_ui_save_png (GTK_WIDGET (f->window), "talk-strip-aligned.png");
  shoot_variants (f, "talk-strip-aligned");
  width = gtk_widget_get_width (strip);

  click_at (strip, cb_talk_axis_x (150, 1200, width) + 0.5);
  g_assert_true (gtk_widget_has_focus (strip));
  /* several voices cannot be the teacher: left as it is, and why */
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_4, 0));
  cb_ui_drain ();
  estimate = estimate_of (f);
  g_assert_cmpstr (estimate, ==, "talk 1\n0 120 silence\n120 240 several\n240 300 one\n");
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _(REFUSED)));
  cb_ui_save_png (GTK_WIDGET (f->window), "talk-refused.png");
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_5, 0));
  cb_ui_drain ();
  g_clear_pointer (&estimate, g_free);
  estimate = estimate_of (f);
  g_assert_cmpstr (estimate, ==, "talk 1\n0 120 silence\n120 240 several\n240 300 one\n");
  /* the next key that is not refused clears the notice */
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_Right, 0));
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_Left, 0));
  cb_ui_drain ();
  g_assert_null (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _(REFUSED)));
  /* refused again, then another page and back: gone */
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_5, 0));
  cb_ui_drain ();
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _(REFUSED)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cb_ui_find_widget (GTK_WIDGET (f->editor), is_toggle_labelled,
                                                                      _("Debrief"))), TRUE);
  cb_ui_drain ();
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cb_ui_find_widget (GTK_WIDGET (f->editor), is_toggle_labelled,
                                                                      _("Capture"))), TRUE);
  cb_ui_drain ();
  g_assert_null (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _(REFUSED)));
  gtk_widget_grab_focus (strip);
  /* one person was talking after all: 2, then 4 */
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_2, 0));
  g_assert_true (cb_ui_key_to_controllers (cb_ui_focus_of (GTK_WIDGET (f->window)), GDK_KEY_4, 0));
  cb_ui_drain ();
  g_clear_pointer (&estimate, g_free);
  estimate = estimate_of (f);
  g_assert_cmpstr (estimate, ==, "talk 1\n0 120 silence\n120 300 teacher\n");
  g_assert_null (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _(REFUSED)));
}

static void
reopen (Fixture    *f,
        const char *uuid)
{
  cb_window_open_record (f->window, NULL);
  cb_ui_drain ();
  g_assert_true (cb_window_open_record (f->window, uuid));
  cb_ui_drain ();
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cb_ui_find_widget (GTK_WIDGET (f->editor), is_toggle_labelled,
                                                                      _("Capture"))), TRUE);
  cb_ui_drain ();
}

/* What follows the second line of a stored estimate: the segments on
 * the recording's clock. */
static const char *
segments_part (const char *estimate)
{
  const char *second = strchr (estimate, '\n');

  g_assert_nonnull (second);
  second = strchr (second + 1, '\n');
  g_assert_nonnull (second);
  return second + 1;
}

/* A phone's five-minute recording of a one-minute lesson that began
 * ten seconds into it, analysed through the file chooser as a coach
 * does: only the lesson counts, the length is warned about, the file
 * stays out of the recent files, and moving "Lesson starts at" moves
 * the estimate at once and is saved with it. */
static void
check_import_aligned_and_saved (Fixture *f)
{
  g_autofree char *wav = write_wav ("talk-phone.wav", 300);
  g_autoptr(GFile) file = g_file_new_for_path (wav);
  g_autofree char *estimate = NULL;
  g_autofree char *again = NULL;
  g_autofree char *recent = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(CbTalkEstimate) parsed = NULL;
  g_autoptr(GArray) lesson = NULL;
  GtkWindow *chooser = NULL;
  GtkWidget *spin, *button;
  guint waited = 0;

  g_assert_true (cb_store_set (f->store, f->observation, "clock", "stopped;60000;0", NULL));
  reopen (f, f->observation);
  spin = cb_ui_find_widget (GTK_WIDGET (f->pane), is_spin, NULL);
  g_assert_nonnull (spin);
  type_in_spin (spin, "10");
  g_assert_null (estimate_of (f));

  button = cb_ui_find_widget (GTK_WIDGET (f->pane), is_button_labelled, _("Analyse a _Recording…"));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  for (guint i = 0; i < 200 && (chooser = cb_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL; i++)
    cb_ui_spin (20);
  g_assert_nonnull (chooser);
  cb_ui_spin (300);   /* the chooser settles on its first folder */
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  /* GTK's chooser ignores its accept button until the file is
   * selected in the listed folder: wait for that, as a coach would */
  for (guint i = 0; i < 250; i++)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (chosen != NULL && g_file_equal (chosen, file))
        break;
      cb_ui_spin (20);
    }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cb_ui_drain ();
  {
    GtkWindow *dialog = cb_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    if (dialog != NULL)
      g_test_message ("dialog: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  }
  g_assert_true (cb_talk_pane_is_busy (f->pane) || estimate_of (f) != NULL);
  while (cb_talk_pane_is_busy (f->pane) && waited++ < 400)
    cb_ui_spin (50);
  estimate = estimate_of (f);
  g_assert_nonnull (estimate);
  g_test_message ("%s", estimate);
  g_assert_true (g_str_has_prefix (estimate, "talk 2\nlesson 10 60\n"));
  parsed = cb_talk_estimate_parse (estimate, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpuint (cb_talk_segments_total (parsed->segments), ==, 300);
  lesson = cb_talk_estimate_lesson_segments (parsed);
  g_assert_cmpuint (cb_talk_segments_total (lesson), ==, 60);
  g_assert_cmpuint (cb_talk_segments_total (cb_talk_strip_get_segments (CB_TALK_STRIP (cb_talk_pane_get_strip (f->pane)))),
                    ==, 60);
  warning = cb_talk_estimate_length_warning (parsed);
  g_assert_nonnull (warning);
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, warning));
  cb_ui_save_png (GTK_WIDGET (f->window), "talk-imported.png");
  shoot_variants (f, "talk-imported");

  /* the recording's name is not among the recent files */
  cb_ui_spin (1500);
  recent = recent_files ();
  g_assert_null (strstr (recent, "talk-phone"));

  /* the lesson began 30 s in, after all: re-aligned and saved at once */
  type_in_spin (spin, "30");
  again = estimate_of (f);
  g_assert_true (g_str_has_prefix (again, "talk 2\nlesson 30 60\n"));
  g_assert_cmpstr (segments_part (again), ==, segments_part (estimate));
  g_clear_pointer (&again, g_free);
  /* past the recording's end: said, not silently empty */
  type_in_spin (spin, "400");
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _(PAST_THE_END)));
  type_in_spin (spin, "30");
  again = estimate_of (f);
  g_assert_true (g_str_has_prefix (again, "talk 2\nlesson 30 60\n"));

  /* opened again, the alignment is the one saved */
  g_free (f->imported);
  f->imported = g_strdup (f->observation);
  open_new_observation (f);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 0);
  reopen (f, f->imported);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 30);
  g_unlink (wav);
}

/* The app started again on the same database: the same alignment. */
static void
check_alignment_survives_restart (Fixture *f)
{
  g_autofree char *path = cb_ui_test_path ("talk.db");
  g_autofree char *estimate = NULL;
  GtkWidget *spin;

  cb_ui_stop_app (f->app);
  f->app = cb_ui_start_app (path);
  f->window = cb_ui_app_window (f->app);
  f->store = cb_application_get_store (f->app);
  cb_window_set_section (f->window, CB_SECTION_OBSERVATIONS);
  cb_ui_drain ();
  f->editor = NULL;
  g_assert_true (cb_window_open_record (f->window, f->imported));
  cb_ui_drain ();
  f->editor = CB_OBSERVATION_EDITOR (cb_window_get_child (f->window, "observation_editor"));
  f->pane = CB_TALK_PANE (cb_ui_find_widget (GTK_WIDGET (f->editor), is_type,
                                             GSIZE_TO_POINTER (CB_TYPE_TALK_PANE)));
  reopen (f, f->imported);
  spin = cb_ui_find_widget (GTK_WIDGET (f->pane), is_spin, NULL);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 30);
  g_free (f->observation);
  f->observation = g_strdup (f->imported);
  estimate = estimate_of (f);
  g_assert_true (g_str_has_prefix (estimate, "talk 2\nlesson 30 60\n"));
  g_assert_cmpuint (cb_talk_segments_total (cb_talk_strip_get_segments (CB_TALK_STRIP (cb_talk_pane_get_strip (f->pane)))),
                    ==, 60);
}

/* No microphone (a source that fails once it runs, as the automatic
 * one does without a device): the failure is seen at once, the marks
 * go, the empty file goes, and the coach is told to import instead. */
static void
test_talk_no_microphone (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *message = NULL;

  g_setenv ("COACHBOOK_TEST_AUDIO_SOURCE", "fakesrc is-live=true", TRUE);
  g_settings_set_boolean (f->settings, "record-lessons", TRUE);
  press_clock (f, GDK_CONTROL_MASK);
  for (guint i = 0; message == NULL && i < 40; i++)
    {
      cb_ui_spin (50);
      message = cb_ui_find_widget (GTK_WIDGET (f->window), is_label_with, _(NO_MICROPHONE));
    }
  g_assert_nonnull (message);
  g_assert_false (cb_talk_pane_is_recording (f->pane));
  g_assert_false (gtk_widget_get_visible (header_indicator (f)));
  g_assert_null (cb_ui_find_widget (GTK_WIDGET (f->pane), is_label_with, _("● Recording")));
  g_assert_cmpuint (count_recordings (), ==, 0);
  /* the rest of the lesson: no second message, nothing recorded */
  cb_ui_spin (500);
  press_clock (f, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpuint (count_recordings (), ==, 0);
  g_assert_null (estimate_of (f));
  g_settings_reset (f->settings, "record-lessons");
  g_setenv ("COACHBOOK_TEST_AUDIO_SOURCE", "audiotestsrc is-live=true wave=pink-noise volume=0.2", TRUE);
}

/* One app for the three steps, each on an observation of its own: a
 * lesson that ran keeps the app alive past the fixture's end. */
static void
test_talk_lessons (Fixture       *f,
                   gconstpointer  data)
{
  check_corrected_with_keys (f);
  open_new_observation (f);
  check_split_from_sample (f);
  open_new_observation (f);
  check_aligned_to_lesson_clock (f);
  open_new_observation (f);
  check_import_aligned_and_saved (f);
  check_alignment_survives_restart (f);
  open_new_observation (f);
  check_cancel_during_analysis (f);
  open_new_observation (f);
  check_not_recorded_unless_switched_on (f);
  open_new_observation (f);
  check_recorded_analysed_deleted (f);
  measure_long_analysis (f);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;

  cb_ui_test_init (&argc, &argv);
  data = cb_ui_test_path ("talk-data");
  /* the recordings folder of this test only */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("COACHBOOK_TEST_AUDIO_SOURCE", "audiotestsrc is-live=true wave=pink-noise volume=0.2", TRUE);
  g_test_add ("/talk/lessons", Fixture, NULL, fixture_set_up, test_talk_lessons, fixture_tear_down);
  g_test_add ("/talk/no-microphone", Fixture, NULL, fixture_set_up, test_talk_no_microphone, fixture_tear_down);
  return cb_ui_test_run ();
}
