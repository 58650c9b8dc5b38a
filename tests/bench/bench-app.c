/* SPDX-License-Identifier: GPL-3.0-or-later */
/* App benchmark, one run, under an Xvfb server it starts itself:
 *
 *  - start-up to the first frame (the window's GdkFrameClock
 *    "after-paint"), measured from before the process is spawned, with
 *    a database of N generated records against an empty database; each
 *    start is a fresh process, alternating, median of several;
 *  - adding a capture line in the observation editor (activation of the
 *    capture entry until the line is committed and in the timeline),
 *    with N records against the empty database;
 *  - scrolling the largest list of the N-record database to its end in
 *    steps: pages the list model fetched, pages it held at most, frame
 *    time of each step; and peak memory (VmHWM) of that process against
 *    the same steps over the empty database;
 *  - opening an ended lesson (it opens on its Debrief page), switching
 *    to its Capture page and back, in a 1280x800 window: from the call
 *    to the start of painting (the application's own work) and to the
 *    painted frame, over 12 ended observations of the N-record database
 *    against 12 ended lessons of 20 lines in an otherwise empty one.
 *
 * Prints figures and ratios; never fails on a figure. Exit status 1 only
 * when something cannot run (no Xvfb, a child crashed).
 *
 * Usage: bench-app [N_RECORDS]            (default 100000)
 * Env:   BENCH_APP_REPS (start-ups per database, default 11)
 *        BENCH_APP_SIZE (window for the pages, WIDTHxHEIGHT; default
 *                        1280x800, at most the screen's 1280x800)
 *        BENCH_DISPLAY  (Xvfb display number; default: any free one)
 *        BENCH_APP_ONLY (comma-separated: startup,capture,scroll,pages;
 *                        default: all of them) */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cb-application.h"
#include "cb-capture-logic.h"
#include "cb-generate.h"
#include "cb-observation-editor.h"
#include "cb-record-list-model.h"
#include "cb-store.h"
#include "cb-window.h"

#define CAPTURE_LINES 200
#define SCROLL_STEPS 120
#define SCROLL_JUMPS 40
#define PAGE_OBSERVATIONS 12

/* ---------------------------------------------------------------- */
/* Shared helpers */

static void
die (const char *what,
     const char *why)
{
  g_printerr ("bench-app: %s: %s\n", what, why ? why : "failed");
  exit (1);
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Nearest-rank percentile of @n sorted values. */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  guint rank;

  if (n == 0)
    return 0;
  rank = (guint) (p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return sorted[rank - 1];
}

static double
median_of (GArray *values)
{
  g_array_sort (values, cmp_double);
  return percentile ((double *) (gpointer) values->data, values->len, 50);
}

static long
vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

/* ---------------------------------------------------------------- */
/* Child: one start of the real application */

typedef enum
{
  MODE_STARTUP,
  MODE_CAPTURE,
  MODE_SCROLL,
  MODE_PAGES,
} Mode;

typedef struct
{
  Mode            mode;
  CbApplication  *app;
  CbWindow       *window;
  GdkFrameClock  *clock;
  gulong          paint_id;
  gboolean        painted;
} Child;

static Child child;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_step_painted_cb (GdkFrameClock *clock,
                    gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until the window has painted a new frame. */
static void
wait_for_frame (void)
{
  gboolean painted = FALSE;
  gulong id = g_signal_connect (child.clock, "after-paint", G_CALLBACK (on_step_painted_cb), &painted);

  gtk_widget_queue_draw (GTK_WIDGET (child.window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (child.clock, id);
}

/* The capture line is a text view; Enter reaches it through the key
 * controller the editor puts on it, which runs before the text view. */
static GtkEventController *
capture_keys_of (GtkWidget *text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (text);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  return NULL;
}

/* Per added line: the longest main-loop dispatch outside frames (the
 * key's handler, change signals, idles, timeouts), the longest
 * update and layout of a frame, and the longest painting of one
 * (snapshot and render; on this machine the renderer is software GL). */
typedef struct
{
  double  work;
  double  layout;
  double  paint;
  gint64  frame_start;
  gint64  paint_start;
  gint64  in_frames;    /* µs spent in frames during this dispatch */
} LineTimes;

static void
on_line_before_paint_cb (GdkFrameClock *clock,
                         LineTimes     *t)
{
  t->frame_start = g_get_monotonic_time ();
}

/* After the window's own "layout" handler: layout is done, painting
 * (snapshot and render, in the "paint" handler) comes next. */
static void
on_line_layout_cb (GdkFrameClock *clock,
                   LineTimes     *t)
{
  t->paint_start = g_get_monotonic_time ();
  if (t->frame_start != 0)
    t->layout = MAX (t->layout, (t->paint_start - t->frame_start) / 1000.0);
}

static void
on_line_after_paint_cb (GdkFrameClock *clock,
                        LineTimes     *t)
{
  gint64 now = g_get_monotonic_time ();

  if (t->paint_start != 0)
    t->paint = MAX (t->paint, (now - t->paint_start) / 1000.0);
  if (t->frame_start != 0)
    t->in_frames += now - t->frame_start;
  t->frame_start = t->paint_start = 0;
}

static void
timed_iteration (LineTimes *t)
{
  gint64 t0 = g_get_monotonic_time ();

  t->in_frames = 0;
  g_main_context_iteration (NULL, FALSE);
  t->work = MAX (t->work, (g_get_monotonic_time () - t0 - t->in_frames) / 1000.0);
}

/* Presses Enter in the capture line, then runs the main loop until the
 * timeline is drawn and until CAPTURE_WAIT_MS after the key, so that
 * work queued for later (change signals, idles, timeouts) runs too.
 * Waiting for something to be due is not counted. */
#define CAPTURE_WAIT_MS 400

static void
enter_line (GtkEventController *keys,
            LineTimes          *t)
{
  gboolean painted = FALSE, handled = FALSE;
  gulong ids[4];
  gint64 t0 = g_get_monotonic_time ();
  gint64 until = t0 + CAPTURE_WAIT_MS * 1000;

  memset (t, 0, sizeof *t);
  ids[0] = g_signal_connect (child.clock, "after-paint", G_CALLBACK (on_step_painted_cb), &painted);
  ids[1] = g_signal_connect (child.clock, "before-paint", G_CALLBACK (on_line_before_paint_cb), t);
  ids[2] = g_signal_connect_after (child.clock, "layout", G_CALLBACK (on_line_layout_cb), t);
  ids[3] = g_signal_connect (child.clock, "after-paint", G_CALLBACK (on_line_after_paint_cb), t);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 36, (GdkModifierType) 0, &handled);
  t->work = (g_get_monotonic_time () - t0) / 1000.0;
  if (!handled)
    die ("capture", "Enter was not taken by the capture line");
  gtk_widget_queue_draw (GTK_WIDGET (child.window));
  /* A coach types the next line in about this time. */
  while (!painted || g_get_monotonic_time () < until)
    {
      if (g_main_context_pending (NULL))
        timed_iteration (t);
      else
        g_usleep (500);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_signal_handler_disconnect (child.clock, ids[i]);
}

static void
print_line_times (const char *name,
                  double     *v)
{
  qsort (v, CAPTURE_LINES, sizeof (double), cmp_double);
  printf ("capture_%s_median_ms %.3f\n", name, percentile (v, CAPTURE_LINES, 50));
  printf ("capture_%s_p95_ms %.3f\n", name, percentile (v, CAPTURE_LINES, 95));
  printf ("capture_%s_max_ms %.3f\n", name, v[CAPTURE_LINES - 1]);
}

static void
run_capture (void)
{
  CbObservationEditor *editor;
  CbStore *store = cb_application_get_store (child.app);
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GtkWidget *focus;
  GtkEventController *keys;
  double work[CAPTURE_LINES], layout[CAPTURE_LINES], paint[CAPTURE_LINES];

  /* As a coach would: the Observations list on screen, Ctrl+N. */
  cb_window_set_section (child.window, CB_SECTION_OBSERVATIONS);
  wait_for_frame ();
  uuid = cb_window_new_record (child.window);
  if (uuid == NULL)
    die ("capture", "no observation");
  wait_for_frame ();
  editor = CB_OBSERVATION_EDITOR (cb_window_get_child (child.window, "observation_editor"));
  cb_observation_editor_focus_capture (editor);
  focus = gtk_root_get_focus (GTK_ROOT (child.window));
  if (focus == NULL || !GTK_IS_TEXT_VIEW (focus) || (keys = capture_keys_of (focus)) == NULL)
    die ("capture", "the capture line has no focus");

  for (guint i = 0; i < CAPTURE_LINES; i++)
    {
      g_autofree char *text = g_strdup_printf ("S%u explains how she split the fraction bar into %u parts", i, i % 9 + 2);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));

      LineTimes t;

      gtk_text_buffer_set_text (buffer, text, -1);
      enter_line (keys, &t);
      work[i] = t.work;
      layout[i] = t.layout;
      paint[i] = t.paint;
      if (gtk_text_buffer_get_char_count (buffer) != 0)
        die ("capture", "the line was not taken");
    }

  lines = cb_store_children (store, "evidence", uuid, NULL);
  if (lines == NULL || lines->len != CAPTURE_LINES ||
      cb_observation_editor_get_n_lines (editor) != CAPTURE_LINES)
    die ("capture", "lines missing from the database or the timeline");

  /* The first line after start-up meets a cold page cache. */
  printf ("capture_first_ms %.3f\n", work[0]);
  print_line_times ("work", work);
  print_line_times ("layout", layout);
  print_line_times ("paint", paint);
}

static gint64 paint_started_us;
static gboolean on_paint_emitted_cb (GSignalInvocationHint *hint, guint n_values,
                                     const GValue *values, gpointer data);

/* Moves the list to @target and waits for the frame; @ready gets the time
 * until painting starts (the list's work: pages read, rows bound,
 * measured, laid out), @shown until the frame is painted. */
static void
scroll_step (GtkAdjustment *adj,
             double         target,
             double        *ready,
             double        *shown)
{
  gint64 t0 = g_get_monotonic_time ();

  paint_started_us = 0;
  gtk_adjustment_set_value (adj, target);
  wait_for_frame ();
  *ready = ((paint_started_us ? paint_started_us : g_get_monotonic_time ()) - t0) / 1000.0;
  *shown = (g_get_monotonic_time () - t0) / 1000.0;
}

static void
print_spread (const char *key,
              double     *values,
              guint       n)
{
  if (n == 0)
    return;
  qsort (values, n, sizeof (double), cmp_double);
  printf ("%s_median_ms %.2f\n", key, percentile (values, n, 50));
  printf ("%s_p95_ms %.2f\n", key, percentile (values, n, 95));
  printf ("%s_max_ms %.2f\n", key, values[n - 1]);
}

/* The store's part of a step: reading a page of @kind at 20 depths
 * spread over the list (from its marks, as the list model does), next
 * to the first page; and counting the list with its marks, what the
 * model does when the list is shown or changes. */
static void
time_page_reads (CbStore    *store,
                 const char *kind)
{
  CbFilter filter = { .kind = kind };
  g_autoptr(GArray) marks = NULL;
  double deep[20], first[20], marks_ms[5];
  guint n = 0;

  for (guint r = 0; r < G_N_ELEMENTS (marks_ms); r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_clear_pointer (&marks, g_array_unref);
      n = cb_store_list_marks (store, &filter, CB_RECORD_LIST_PAGE_SIZE, &marks, NULL);
      marks_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  if (marks == NULL || marks->len == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (deep); i++)
    {
      guint page = 1 + (guint) ((marks->len - 1) * (double) i / (G_N_ELEMENTS (deep) - 1));
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) a = NULL, b = NULL;

      filter.after = &g_array_index (marks, CbListKey, page - 1);
      a = cb_store_list (store, &filter, CB_RECORD_LIST_PAGE_SIZE, NULL);
      deep[i] = (g_get_monotonic_time () - t0) / 1000.0;
      filter.after = NULL;
      t0 = g_get_monotonic_time ();
      b = cb_store_list (store, &filter, CB_RECORD_LIST_PAGE_SIZE, NULL);
      first[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  printf ("marks_rows %u\n", n);
  print_spread ("marks", marks_ms, G_N_ELEMENTS (marks_ms));
  print_spread ("page_deep", deep, G_N_ELEMENTS (deep));
  print_spread ("page_first", first, G_N_ELEMENTS (first));
}

static void
run_scroll (void)
{
  CbFilter filter = { 0 };
  CbStore *store = cb_application_get_store (child.app);
  GtkWidget *list = cb_window_get_child (child.window, "record_list");
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;
  CbRecordListModel *model;
  const char *kinds[] = { "evidence", "observation" };
  const char *kind = kinds[1];
  guint best = 0, n_items, max_cached = 0, steps = 0, shown_fetched, max_step_fetched = 0;
  double frames[SCROLL_STEPS + 8], ready[SCROLL_STEPS + 8];
  double jump_ready[SCROLL_JUMPS], jump_shown[SCROLL_JUMPS];
  long hwm_start;
  guint32 seed = 1;

  g_signal_add_emission_hook (g_signal_lookup ("paint", GDK_TYPE_FRAME_CLOCK), 0,
                              on_paint_emitted_cb, NULL, NULL);
  /* Today and the sidebar counts fill in after the first frame. */
  spin (1500);
  hwm_start = vm_hwm_kb ();

  /* The largest list of the database, in the window's own list view. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      guint n;

      filter.kind = kinds[i];
      n = cb_store_count (store, &filter);
      if (n > best)
        {
          best = n;
          kind = kinds[i];
        }
    }
  cb_window_set_section (child.window, CB_SECTION_OBSERVATIONS);
  wait_for_frame ();
  model = CB_RECORD_LIST_MODEL (cb_window_get_list_model (child.window));
  filter.kind = kind;
  cb_record_list_model_set_filter (model, &filter);
  wait_for_frame ();
  wait_for_frame ();
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  shown_fetched = cb_record_list_model_get_n_fetched (model);

  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW));
  adj = gtk_scrolled_window_get_vadjustment (scroller);
  while (n_items > 0 && steps < G_N_ELEMENTS (frames))
    {
      double upper = gtk_adjustment_get_upper (adj);
      double page = gtk_adjustment_get_page_size (adj);
      double value = gtk_adjustment_get_value (adj);
      double target;
      guint fetched = cb_record_list_model_get_n_fetched (model);

      if (value >= upper - page - 0.5)
        break;
      /* GtkListView estimates its height from the rows it has seen, so
       * the end moves as it scrolls: step towards the current end. */
      target = MIN (upper - page, value + MAX (page, (upper - page) / SCROLL_STEPS));
      scroll_step (adj, target, &ready[steps], &frames[steps]);
      steps++;
      max_step_fetched = MAX (max_step_fetched, cb_record_list_model_get_n_fetched (model) - fetched);
      max_cached = MAX (max_cached, cb_record_list_model_get_n_cached_pages (model));
    }
  /* The last row on screen, as the End key would. */
  if (n_items > 0)
    {
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", n_items - 1);
      wait_for_frame ();
    }

  /* Dragging the scrollbar: jumps to places all over the list, from the
   * end back, in an order fixed by the seed. */
  for (guint i = 0; n_items > 0 && i < SCROLL_JUMPS; i++)
    {
      double span = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

      seed = seed * 1103515245u + 12345u;
      scroll_step (adj, span * ((seed >> 8) % 10000) / 10000.0, &jump_ready[i], &jump_shown[i]);
    }

  time_page_reads (store, kind);
  printf ("scroll_kind %s\n", kind);
  printf ("scroll_items %u\n", n_items);
  printf ("scroll_pages_total %u\n", (n_items + CB_RECORD_LIST_PAGE_SIZE - 1) / CB_RECORD_LIST_PAGE_SIZE);
  printf ("scroll_pages_fetched %u\n", cb_record_list_model_get_n_fetched (model));
  printf ("scroll_pages_max_cached %u\n", max_cached);
  printf ("scroll_pages_fetched_shown %u\n", shown_fetched);
  printf ("scroll_pages_fetched_step_max %u\n", max_step_fetched);
  printf ("scroll_steps %u\n", steps);
  printf ("scroll_end_value %.0f\n", gtk_adjustment_get_value (adj));
  printf ("scroll_end_upper %.0f\n", gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  print_spread ("scroll_step", frames, steps);
  print_spread ("scroll_ready", ready, steps);
  if (n_items > 0)
    {
      print_spread ("jump_ready", jump_ready, SCROLL_JUMPS);
      print_spread ("jump_shown", jump_shown, SCROLL_JUMPS);
    }
  printf ("hwm_after_start_kb %ld\n", hwm_start);
  printf ("hwm_kb %ld\n", vm_hwm_kb ());
}

/* A toggle button of @root's subtree by its label. */
static GtkToggleButton *
find_toggle (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkToggleButton *found;

      if (GTK_IS_TOGGLE_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        return GTK_TOGGLE_BUTTON (w);
      if ((found = find_toggle (w, label)) != NULL)
        return found;
    }
  return NULL;
}

/* When the frame clock starts painting: everything the application
 * does for a change (handlers, store reads, measuring, layout) is done
 * by then; what follows is drawing (with software GL under Xvfb). */
static gboolean
on_paint_emitted_cb (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               data)
{
  if (paint_started_us == 0)
    paint_started_us = g_get_monotonic_time ();
  return TRUE;
}

typedef struct
{
  double ready[PAGE_OBSERVATIONS];   /* to the start of painting, ms */
  double shown[PAGE_OBSERVATIONS];   /* to the frame painted, ms */
} PageTimes;

/* Runs the main loop until the frame after a change made at @t0 is
 * painted. */
static void
record_frame (PageTimes *times,
              guint      i,
              gint64     t0)
{
  paint_started_us = 0;
  wait_for_frame ();
  times->ready[i] = ((paint_started_us ? paint_started_us : g_get_monotonic_time ()) - t0) / 1000.0;
  times->shown[i] = (g_get_monotonic_time () - t0) / 1000.0;
}

static void
print_times (const char *key,
             PageTimes  *times)
{
  const char *what[] = { "ready", "shown" };
  double *values[] = { times->ready, times->shown };

  for (guint k = 0; k < G_N_ELEMENTS (what); k++)
    {
      /* The first of each meets a cold page cache. */
      printf ("%s_%s_first_ms %.3f\n", key, what[k], values[k][0]);
      qsort (values[k], PAGE_OBSERVATIONS, sizeof (double), cmp_double);
      printf ("%s_%s_median_ms %.3f\n", key, what[k], percentile (values[k], PAGE_OBSERVATIONS, 50));
      printf ("%s_%s_max_ms %.3f\n", key, what[k], values[k][PAGE_OBSERVATIONS - 1]);
    }
}

/* Opening an ended lesson (it opens on its Debrief page), then its
 * Capture page, then its Debrief page again, as a coach would after a
 * lesson; the next observation after that. */
static void
run_pages (void)
{
  CbFilter filter = { 0 };
  CbStore *store = cb_application_get_store (child.app);
  g_autoptr(GPtrArray) observations = NULL;
  g_autoptr(GPtrArray) ended = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *editor;
  GtkToggleButton *capture, *debrief;
  PageTimes open, to_capture, to_debrief;
  guint n_lines = 0;

  g_signal_add_emission_hook (g_signal_lookup ("paint", GDK_TYPE_FRAME_CLOCK), 0,
                              on_paint_emitted_cb, NULL, NULL);

  /* The lessons that ended, newest first, as the list shows them. */
  filter.kind = "observation";
  observations = cb_store_list (store, &filter, 200, NULL);
  for (guint i = 0; observations != NULL && i < observations->len && ended->len < PAGE_OBSERVATIONS; i++)
    {
      CbRecord *obs = g_ptr_array_index (observations, i);
      CbClock clock;

      if (cb_clock_parse (cb_record_get (obs, "clock"), &clock) &&
          clock.state == CB_CLOCK_STOPPED && clock.accumulated_ms > 0)
        g_ptr_array_add (ended, g_strdup (cb_record_get_uuid (obs)));
    }
  cb_window_set_section (child.window, CB_SECTION_OBSERVATIONS);
  wait_for_frame ();
  editor = cb_window_get_child (child.window, "observation_editor");
  /* The empty database: as many lessons of 20 lines as the big one
   * opens, each ended, so that both open a different lesson each time. */
  for (guint n = ended->len == 0 ? PAGE_OBSERVATIONS : 0; n > 0; n--)
    {
      char *uuid = cb_window_new_record (child.window);

      if (uuid == NULL)
        die ("pages", "no observation");
      g_ptr_array_add (ended, uuid);
      for (guint i = 0; i < 20; i++)
        {
          g_autofree char *text = g_strdup_printf ("S%u explains how she split the fraction bar into %u parts", i, i % 9 + 2);

          cb_observation_editor_add_line (CB_OBSERVATION_EDITOR (editor), text);
        }
      gtk_widget_activate_action (editor, "observation.clock-stop", NULL);
      wait_for_frame ();
    }
  capture = find_toggle (editor, "Capture");
  debrief = find_toggle (editor, "Debrief");
  if (capture == NULL || debrief == NULL)
    die ("pages", "no Capture and Debrief buttons");

  for (guint i = 0; i < PAGE_OBSERVATIONS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      if (!cb_window_open_record (child.window, g_ptr_array_index (ended, i % ended->len)))
        die ("pages", "the observation did not open");
      record_frame (&open, i, t0);
      if (!gtk_toggle_button_get_active (debrief))
        die ("pages", "an ended lesson did not open on its Debrief page");
      n_lines += cb_observation_editor_get_n_lines (CB_OBSERVATION_EDITOR (editor));

      t0 = g_get_monotonic_time ();
      gtk_toggle_button_set_active (capture, TRUE);
      record_frame (&to_capture, i, t0);

      t0 = g_get_monotonic_time ();
      gtk_toggle_button_set_active (debrief, TRUE);
      record_frame (&to_debrief, i, t0);
    }

  printf ("pages_observations %u\n", PAGE_OBSERVATIONS);
  printf ("pages_lines_mean %.1f\n", (double) n_lines / PAGE_OBSERVATIONS);
  printf ("pages_width %d\n", gtk_widget_get_width (GTK_WIDGET (child.window)));
  printf ("pages_height %d\n", gtk_widget_get_height (GTK_WIDGET (child.window)));
  print_times ("open", &open);
  print_times ("to_capture", &to_capture);
  print_times ("to_debrief", &to_debrief);
}

static gboolean
run_scenario_cb (gpointer data)
{
  if (child.mode == MODE_CAPTURE)
    run_capture ();
  else if (child.mode == MODE_PAGES)
    run_pages ();
  else
    run_scroll ();
  fflush (stdout);
  /* Leave at once, like the start-up children: what is measured is
   * done, and tearing down 100k rows of caches measures nothing. */
  _exit (0);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  if (child.painted)
    return;
  child.painted = TRUE;
  printf ("first_frame_us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  printf ("hwm_first_frame_kb %ld\n", vm_hwm_kb ());
  fflush (stdout);
  if (child.mode == MODE_STARTUP)
    _exit (0);
  g_idle_add (run_scenario_cb, NULL);
}

static void
on_window_realized_cb (GtkWidget *widget,
                       gpointer   data)
{
  printf ("realize_us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  child.clock = gtk_widget_get_frame_clock (widget);
  child.paint_id = g_signal_connect (child.clock, "after-paint", G_CALLBACK (on_first_paint_cb), NULL);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    gpointer        data)
{
  if (!CB_IS_WINDOW (window) || child.window != NULL)
    return;
  child.window = CB_WINDOW (window);
  printf ("window_us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realized_cb), NULL);
}

static int
child_main (const char *mode,
            const char *db)
{
  char *argv[] = { (char *) "coachbook", NULL };

  printf ("main_us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (g_strcmp0 (mode, "startup") == 0)
    child.mode = MODE_STARTUP;
  else if (g_strcmp0 (mode, "capture") == 0)
    child.mode = MODE_CAPTURE;
  else if (g_strcmp0 (mode, "pages") == 0)
    child.mode = MODE_PAGES;
  else
    child.mode = MODE_SCROLL;

  setlocale (LC_ALL, "");
  if (child.mode == MODE_PAGES)
    {
      /* The window's size, as the coach left it (memory backend: this
       * process only). */
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
      const char *size = g_getenv ("BENCH_APP_SIZE");
      int width = 1280, height = 800;

      if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
        die ("BENCH_APP_SIZE", "use WIDTHxHEIGHT");
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  child.app = cb_application_new ();
  g_application_set_flags (G_APPLICATION (child.app), G_APPLICATION_NON_UNIQUE);
  cb_application_set_db_path (child.app, db);
  g_signal_connect (child.app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  g_application_run (G_APPLICATION (child.app), 1, argv);
  die (mode, "the window never drew a frame");
  return 1;
}

/* ---------------------------------------------------------------- */
/* Parent */

typedef struct
{
  char       *exe;
  GHashTable *values;   /* key → value, of the last child */
} Parent;

static GPid xvfb_pid;

static void
stop_xvfb (void)
{
  if (xvfb_pid > 0)
    {
      kill (xvfb_pid, SIGTERM);
      waitpid (xvfb_pid, NULL, 0);
      xvfb_pid = 0;
    }
}

static void
start_xvfb (void)
{
  int fds[2];
  g_autoptr(GError) error = NULL;
  g_autofree char *fd_arg = NULL;
  const char *display = g_getenv ("BENCH_DISPLAY");
  g_autofree char *display_arg = NULL;
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  char buf[32];
  gssize n;
  gsize got = 0;

  /* Not close-on-exec: Xvfb writes its display number to this fd. */
  if (!g_unix_open_pipe (fds, 0, &error))
    die ("pipe", error->message);
  fd_arg = g_strdup_printf ("%d", fds[1]);
  g_ptr_array_add (argv, g_strdup ("Xvfb"));
  if (display != NULL && *display != '\0')
    g_ptr_array_add (argv, g_strdup_printf (":%s", display[0] == ':' ? display + 1 : display));
  g_ptr_array_add (argv, g_strdup ("-displayfd"));
  g_ptr_array_add (argv, g_strdup (fd_arg));
  g_ptr_array_add (argv, g_strdup ("-screen"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("1280x800x24"));
  g_ptr_array_add (argv, g_strdup ("-nolisten"));
  g_ptr_array_add (argv, g_strdup ("tcp"));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_LEAVE_DESCRIPTORS_OPEN |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &xvfb_pid, &error))
    die ("Xvfb (apt install xvfb)", error->message);
  g_ptr_array_unref (argv);
  close (fds[1]);
  while (got < sizeof buf - 1 && (n = read (fds[0], buf + got, sizeof buf - 1 - got)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      got += n;
      if (memchr (buf, '\n', got) != NULL)
        break;
    }
  close (fds[0]);
  buf[got] = '\0';
  g_strstrip (buf);
  if (*buf == '\0')
    die ("Xvfb", "it did not start");
  display_arg = g_strdup_printf (":%s", buf);
  g_setenv ("DISPLAY", display_arg, TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  atexit (stop_xvfb);
}

static double
value (Parent     *p,
       const char *key)
{
  const char *v = g_hash_table_lookup (p->values, key);

  if (v == NULL)
    die (key, "missing from the child's report");
  return g_ascii_strtod (v, NULL);
}

static const char *
text_value (Parent     *p,
            const char *key)
{
  const char *v = g_hash_table_lookup (p->values, key);

  return v ? v : "?";
}

/* Runs one child; returns the monotonic time just before the spawn. */
static gint64
run_child (Parent     *p,
           const char *mode,
           const char *db)
{
  const char *argv[] = { p->exe, "--child", mode, db, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  gint64 t0;

  g_hash_table_remove_all (p->values);
  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    die (mode, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s", err ? err : "");
      die (mode, error->message);
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');
      if (space != NULL)
        {
          *space = '\0';
          g_hash_table_insert (p->values, g_strdup (lines[i]), g_strdup (space + 1));
        }
    }
  return t0;
}

/* Whether BENCH_APP_ONLY leaves @section in. */
static gboolean
wants (const char *section)
{
  const char *only = g_getenv ("BENCH_APP_ONLY");
  g_auto(GStrv) sections = NULL;

  if (only == NULL || *only == '\0')
    return TRUE;
  sections = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) sections, section);
}

static double
startup_ms (Parent     *p,
            const char *db)
{
  gint64 t0 = run_child (p, "startup", db);

  return (value (p, "first_frame_us") - t0) / 1000.0;
}

/* The small database holds lessons generated like the big one's, so
 * that opening them compares the same kind of lesson at two sizes. */
#define SMALL_RECORDS 1000

static void
make_databases (const char *empty,
                const char *small,
                const char *big,
                guint       n_records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) e = cb_store_open (empty, &error);
  g_autoptr(CbStore) s = NULL;
  g_autoptr(CbStore) b = NULL;
  double t0;

  if (e == NULL)
    die ("empty database", error->message);
  s = cb_store_open (small, &error);
  if (s == NULL || !cb_generate (s, SMALL_RECORDS, 1, &error))
    die ("small database", error->message);
  b = cb_store_open (big, &error);
  if (b == NULL)
    die ("database", error->message);
  t0 = g_get_monotonic_time () / 1e6;
  if (!cb_generate (b, n_records, 1, &error))
    die ("generate", error->message);
  printf ("generated %u records in %.1f s (seed 1)\n", n_records, g_get_monotonic_time () / 1e6 - t0);
}

static char *
schema_dir (const char *exe)
{
  g_autofree char *dir = g_path_get_dirname (exe);

  /* <build>/tests/bench/bench-app → <build>/data */
  return g_build_filename (dir, "..", "..", "data", NULL);
}

int
main (int   argc,
      char *argv[])
{
  Parent p = { 0 };
  g_autofree char *tmp = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autofree char *schemas = NULL;
  g_autoptr(GArray) t_empty = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_big = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  guint n_records = 100000;
  guint reps = 11;
  double med_empty, med_big;
  double cap_first[2];
  double hwm[2];
  const char *dbs[2];

  if (argc == 4 && g_strcmp0 (argv[1], "--child") == 0)
    return child_main (argv[2], argv[3]);

  if (argc > 1)
    n_records = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  if (g_getenv ("BENCH_APP_REPS") != NULL)
    reps = MAX (1, (guint) g_ascii_strtoull (g_getenv ("BENCH_APP_REPS"), NULL, 10));

  p.exe = g_file_read_link ("/proc/self/exe", NULL);
  if (p.exe == NULL)
    p.exe = g_strdup (argv[0]);
  p.values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  schemas = schema_dir (p.exe);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  tmp = g_dir_make_tmp ("cb-bench-app-XXXXXX", &error);
  if (tmp == NULL)
    die ("temporary folder", error->message);
  empty = g_build_filename (tmp, "empty.db", NULL);
  big = g_build_filename (tmp, "big.db", NULL);
  small = g_build_filename (tmp, "small.db", NULL);
  make_databases (empty, small, big, n_records);
  start_xvfb ();
  printf ("Xvfb on %s, 1280x800\n", g_getenv ("DISPLAY"));
  dbs[0] = empty;
  dbs[1] = big;

  /* Start-up: one start of each to warm the caches, then alternate. */
  if (wants ("startup"))
    {
      startup_ms (&p, empty);
      startup_ms (&p, big);
      for (guint i = 0; i < reps; i++)
        {
          double e = startup_ms (&p, empty);
          double b = startup_ms (&p, big);

          g_array_append_val (t_empty, e);
          g_array_append_val (t_big, b);
        }
      med_empty = median_of (t_empty);
      med_big = median_of (t_big);
      printf ("start-up to first frame, median of %u fresh processes:\n", reps);
      printf ("  empty database   %7.1f ms  (min %.1f, max %.1f)\n", med_empty,
              g_array_index (t_empty, double, 0), g_array_index (t_empty, double, t_empty->len - 1));
      printf ("  %u records  %7.1f ms  (min %.1f, max %.1f)\n", n_records, med_big,
              g_array_index (t_big, double, 0), g_array_index (t_big, double, t_big->len - 1));
      printf ("  ratio            %7.2f×  (target ≤ 1.2×)\n", med_big / med_empty);
    }

  /* Capture lines. */
  if (wants ("capture"))
    {
      const char *parts[] = { "work", "layout", "paint" };
      double v[2][3][3];

      for (guint i = 0; i < 2; i++)
        {
          run_child (&p, "capture", dbs[i]);
          cap_first[i] = value (&p, "capture_first_ms");
          for (guint j = 0; j < 3; j++)
            {
              g_autofree char *med = g_strdup_printf ("capture_%s_median_ms", parts[j]);
              g_autofree char *p95 = g_strdup_printf ("capture_%s_p95_ms", parts[j]);
              g_autofree char *max = g_strdup_printf ("capture_%s_max_ms", parts[j]);

              v[i][j][0] = value (&p, med);
              v[i][j][1] = value (&p, p95);
              v[i][j][2] = value (&p, max);
            }
        }
      printf ("adding a capture line (Enter, until %u ms later), %u lines; per line the longest\n"
              "  work: main-loop dispatch outside frames (the key's handler, signals, idles, timeouts)\n"
              "  layout: a frame's update and layout; paint: a frame's painting (the renderer):\n",
              CAPTURE_WAIT_MS, CAPTURE_LINES);
      for (guint j = 0; j < 3; j++)
        {
          printf ("  %-6s empty database  median %7.2f ms, p95 %7.2f ms, max %7.2f ms\n",
                  parts[j], v[0][j][0], v[0][j][1], v[0][j][2]);
          printf ("  %-6s %u records  median %7.2f ms, p95 %7.2f ms, max %7.2f ms  (median %.2f×)\n",
                  parts[j], n_records, v[1][j][0], v[1][j][1], v[1][j][2], v[1][j][0] / MAX (v[0][j][0], 0.001));
        }
      printf ("  first line (work): empty %.2f ms, %u records %.2f ms\n", cap_first[0], n_records, cap_first[1]);
    }

  /* Scrolling and peak memory. */
  if (wants ("scroll"))
    {
      for (guint i = 0; i < 2; i++)
        {
          run_child (&p, "scroll", dbs[i]);
          hwm[i] = value (&p, "hwm_kb") / 1024.0;
          if (i == 1)
            {
              printf ("scrolling the %s list of %.0f rows to its end in %.0f steps:\n",
                      text_value (&p, "scroll_kind"), value (&p, "scroll_items"), value (&p, "scroll_steps"));
              printf ("  pages fetched %.0f of %.0f (%u rows each), at most %.0f pages held at once\n",
                      value (&p, "scroll_pages_fetched"), value (&p, "scroll_pages_total"),
                      CB_RECORD_LIST_PAGE_SIZE, value (&p, "scroll_pages_max_cached"));
              printf ("  %.0f pages fetched to show the list, at most %.0f for one step\n",
                      value (&p, "scroll_pages_fetched_shown"), value (&p, "scroll_pages_fetched_step_max"));
              printf ("  step ready (until painting starts): median %.1f ms, p95 %.1f ms, max %.1f ms  (target < 16 ms)\n",
                      value (&p, "scroll_ready_median_ms"), value (&p, "scroll_ready_p95_ms"),
                      value (&p, "scroll_ready_max_ms"));
              printf ("  step shown (frame painted):         median %.1f ms, p95 %.1f ms, max %.1f ms\n",
                      value (&p, "scroll_step_median_ms"), value (&p, "scroll_step_p95_ms"),
                      value (&p, "scroll_step_max_ms"));
              printf ("  %u jumps (scrollbar drags) ready:   median %.1f ms, p95 %.1f ms, max %.1f ms; shown median %.1f ms\n",
                      SCROLL_JUMPS, value (&p, "jump_ready_median_ms"), value (&p, "jump_ready_p95_ms"),
                      value (&p, "jump_ready_max_ms"), value (&p, "jump_shown_median_ms"));
              printf ("  the store's part: a page of %u at 20 depths median %.2f ms (max %.2f), the first page %.2f ms: %.2fx;\n"
                      "  counting the list and marking its pages %.2f ms (median of 5)\n",
                      CB_RECORD_LIST_PAGE_SIZE, value (&p, "page_deep_median_ms"), value (&p, "page_deep_max_ms"),
                      value (&p, "page_first_median_ms"),
                      value (&p, "page_deep_median_ms") / value (&p, "page_first_median_ms"),
                      value (&p, "marks_median_ms"));
            }
        }
      printf ("peak memory (VmHWM) after start-up, Today, counts and the scroll:\n");
      printf ("  empty database   %.1f MB\n", hwm[0]);
      printf ("  %u records  %.1f MB\n", n_records, hwm[1]);
      printf ("  difference       %.1f MB  (target ≤ 30 MB)\n", hwm[1] - hwm[0]);
    }

  /* Opening an observation, switching its pages: in the empty database
   * (plain lessons of 20 lines), in a small generated one (lessons like
   * the big one's) and in the big one. */
  if (wants ("pages"))
    {
      const char *keys[] = { "open", "to_capture", "to_debrief" };
      const char *names[] = { "open an ended lesson", "Debrief -> Capture", "Capture -> Debrief" };
      const char *pages_dbs[] = { empty, small, big };
      double ready[3][3], shown[3][3], shown_max[3][3];
      g_autofree char *size = NULL;
      double lines[3];

      for (guint i = 0; i < G_N_ELEMENTS (pages_dbs); i++)
        {
          run_child (&p, "pages", pages_dbs[i]);
          lines[i] = value (&p, "pages_lines_mean");
          if (i == 2)
            size = g_strdup_printf ("%.0fx%.0f", value (&p, "pages_width"), value (&p, "pages_height"));
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              g_autofree char *r = g_strdup_printf ("%s_ready_median_ms", keys[k]);
              g_autofree char *sh = g_strdup_printf ("%s_shown_median_ms", keys[k]);
              g_autofree char *mx = g_strdup_printf ("%s_shown_max_ms", keys[k]);

              ready[i][k] = value (&p, r);
              shown[i][k] = value (&p, sh);
              shown_max[i][k] = value (&p, mx);
            }
        }
      printf ("an observation's pages in a %s window, median of %u (ready: until painting starts;\n"
              "shown: until the frame is painted):\n", size, PAGE_OBSERVATIONS);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          printf ("  %s\n", names[k]);
          printf ("    empty database (lessons of %.0f lines)  ready %6.1f ms, shown %6.1f ms\n",
                  lines[0], ready[0][k], shown[0][k]);
          printf ("    %u generated records (%.1f lines a lesson)  ready %6.1f ms, shown %6.1f ms\n",
                  SMALL_RECORDS, lines[1], ready[1][k], shown[1][k]);
          printf ("    %u records (%.1f lines a lesson)  ready %6.1f ms, shown %6.1f ms (max %.1f)\n",
                  n_records, lines[2], ready[2][k], shown[2][k], shown_max[2][k]);
          printf ("      ready at %u / at %u generated records  %.2fx   (target <= 1.2x)\n",
                  n_records, SMALL_RECORDS, ready[2][k] / MAX (ready[1][k], 0.001));
        }
    }

  stop_xvfb ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp);
  }
  g_hash_table_unref (p.values);
  g_free (p.exe);
  return 0;
}
