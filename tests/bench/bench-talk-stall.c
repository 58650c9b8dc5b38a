/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the window's main loop goes without running while the talk
 * pane analyses a recording, against the same loop idle, in the same
 * run (timed just after the analysis, for as long as it took): a 1 ms
 * timeout notes every gap between its runs, and the longest iteration
 * less its wait in poll() is the longest stretch of work on the main
 * thread (or of waiting for a core). Run by tests/bench/bench-talk
 * under tests/xvfb-wrap.sh with the 60-minute recording it makes.
 * Prints figures; never fails on one.
 *
 * Usage: bench-talk-stall RECORDING */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "cb-talk-pane.h"
#include "cb-talk-strip.h"

typedef struct
{
  gint64  last;
  GArray *gaps;   /* of double, ms */
  double  work;   /* the longest iteration less its wait in poll(), ms */
} Gaps;

/* Time spent waiting in poll() in the current iteration: the rest of
 * an iteration is work on the main thread (or waiting for a core). */
static gint64 polled;

static gint
timed_poll (GPollFD *fds,
            guint    n,
            gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint r = g_poll (fds, n, timeout);

  polled += g_get_monotonic_time () - start;
  return r;
}

static gboolean
on_tick_cb (gpointer data)
{
  Gaps *g = data;
  gint64 now = g_get_monotonic_time ();

  if (g->last > 0)
    {
      double ms = (now - g->last) / 1000.0;

      g_array_append_val (g->gaps, ms);
    }
  g->last = now;
  return G_SOURCE_CONTINUE;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        Gaps       *g,
        double      seconds)
{
  double *v = (double *) g->gaps->data;
  guint n = g->gaps->len, over = 0;

  qsort (v, n, sizeof (double), cmp_double);
  for (guint i = 0; i < n; i++)
    over += v[i] > 16.0;
  g_print ("%-28s %8.1f %9.1f %9.1f %9.1f %8u %9.1f\n", what, seconds,
           n > 0 ? v[MIN ((guint) (0.99 * n), n - 1)] : 0.0,
           n > 0 ? v[MIN ((guint) (0.999 * n), n - 1)] : 0.0,
           n > 0 ? v[n - 1] : 0.0, over, g->work);
}

static double
run_loop (Gaps       *g,
          CbTalkPane *pane,
          double      idle_seconds)
{
  gint64 start = g_get_monotonic_time ();
  guint id = g_timeout_add (1, on_tick_cb, g);

  g->last = 0;
  while (pane != NULL ? cb_talk_pane_is_busy (pane)
                      : g_get_monotonic_time () - start < idle_seconds * G_USEC_PER_SEC)
    {
      gint64 before = g_get_monotonic_time ();

      polled = 0;
      g_main_context_iteration (NULL, TRUE);
      g->work = MAX (g->work, (g_get_monotonic_time () - before - polled) / 1000.0);
    }
  g_source_remove (id);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  Gaps idle = { 0, g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  Gaps busy = { 0, g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  GtkWidget *window;
  CbTalkPane *pane;
  double analysed, waited;
  GArray *segments;

  if (argc != 2)
    {
      g_printerr ("usage: bench-talk-stall RECORDING\n");
      return 2;
    }
  adw_init ();
  g_main_context_set_poll_func (NULL, timed_poll);
  window = gtk_window_new ();
  pane = g_object_new (CB_TYPE_TALK_PANE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pane));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 400);
  gtk_window_present (GTK_WINDOW (window));
  cb_talk_pane_load (pane, "00000000-0000-4000-8000-000000000000", NULL);
  cb_talk_pane_set_lesson (pane, 3600, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  cb_talk_pane_analyse_file (pane, argv[1], 0, FALSE);
  analysed = run_loop (&busy, pane, 0);
  /* the baseline: the same window and loop, idle, for as long */
  waited = run_loop (&idle, NULL, analysed);
  segments = cb_talk_strip_get_segments (CB_TALK_STRIP (cb_talk_pane_get_strip (pane)));
  if (segments->len == 0)
    {
      g_printerr ("bench-talk-stall: the analysis gave no estimate\n");
      return 1;
    }
  g_print ("estimate: %u segments over %u s\n", segments->len, cb_talk_segments_total (segments));
  g_print ("main-loop gaps, ms (a 1 ms timeout)   p99     p99.9   longest  over 16  longest work\n");
  report ("idle (baseline)", &idle, waited);
  report ("analysing the recording", &busy, analysed);
  g_print ("longest gap while analysing / idle: %.2f×\n",
           ((double *) busy.gaps->data)[busy.gaps->len - 1] / MAX (((double *) idle.gaps->data)[idle.gaps->len - 1], 0.001));
  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (idle.gaps);
  g_array_unref (busy.gaps);
  return 0;
}
