/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a coaching cycle's page against opening an observation, in
 * the real window (run it under Xvfb: tests/xvfb-wrap.sh, as run-all
 * does). One database holds a cycle with 10 observations linked and 20
 * photos of student work (10 on the cycle, one on each observation,
 * 1600×1200 each, stored as the app stores them) and, as the baseline,
 * an ended observation of 20 lines; a cycle like the first without
 * photos says what the photos add. Each is opened in turn from another
 * page, 5 times after one warm-up each; the time is from the call to
 * the first frame painted after it, median of the 5. The photos'
 * thumbnails are decoded on a worker thread and their cards follow the
 * first frame: the time until they are all shown is printed beside it.
 *
 * Prints figures and the ratio (target ≤ 1.2×); never fails on one.
 *
 * Usage: bench-cycle                        (DISPLAY must be set)
 * Env:   BENCH_CYCLE_REPS (opens of each, default 5, odd, at most 41) */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "cb-application.h"
#include "cb-cycle-editor.h"
#include "cb-image.h"
#include "cb-observation-editor.h"
#include "cb-store.h"
#include "cb-window.h"
#include "cb-work-strip.h"

#define MAX_REPS 41
#define N_OBSERVATIONS 10
#define N_PHOTOS 20
#define N_LINES 20

static CbWindow *window;
static guint reps = 5;
static CbApplication *app;
static char *db_path;
static char *cycle_uuid;
static char *bare_cycle_uuid;
static char *obs_uuid;
static char *other_uuid;

static void
die (const char *what)
{
  fprintf (stderr, "bench-cycle: %s\n", what);
  exit (1);
}

static char *
create (CbStore            *store,
        const char         *kind,
        const char * const *names,
        const char * const *values,
        guint               n)
{
  g_autoptr(GError) error = NULL;
  char *uuid = cb_store_create (store, kind, names, values, n, &error);

  if (uuid == NULL)
    die (error->message);
  return uuid;
}

/* A photo as a coach's phone takes it: a gradient with some texture, so
 * that the JPEG is of a realistic size. */
static CbImage *
make_photo (guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2400, 1800);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GBytes) bytes = NULL;
  CbImage *image;

  for (int y = 0; y < 1800; y++)
    for (int x = 0; x < 2400; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        guint noise = (x * 7 + y * 13 + seed * 31) % 23;

        p[0] = (guchar) (200 + noise);
        p[1] = (guchar) ((x / 10 + seed * 20) % 256);
        p[2] = (guchar) ((y / 8) % 256);
      }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "85", NULL))
    die (error->message);
  bytes = g_bytes_new_take (g_steal_pointer (&buffer), size);
  image = cb_image_import_bytes (bytes, &error);
  if (image == NULL)
    die (error->message);
  return image;
}

static void
make_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open (path, &error);
  g_autofree char *teacher = NULL;

  if (store == NULL)
    die (error->message);
  {
    const char *n[] = { "name", "role" };
    const char *v[] = { "Ana Pérez", "teacher" };
    teacher = create (store, "person", n, v, 2);
  }
  {
    const char *n[] = { "goal", "teachers", "measure", "unit", "baseline", "target", "start_date" };
    const char *v[] = { "Students will explain their strategy on the exit ticket.", teacher,
                        "% of students who explain their strategy", "%", "20", "60", "2025-10-01" };
    cycle_uuid = create (store, "cycle", n, v, G_N_ELEMENTS (n));
  }
  /* the same cycle without photos: what the photos add */
  {
    const char *n[] = { "goal", "teachers", "measure", "unit", "baseline", "target", "start_date" };
    const char *v[] = { "Students will compare fractions with a model.", teacher,
                        "% of students who compare correctly", "%", "30", "70", "2025-10-01" };
    bare_cycle_uuid = create (store, "cycle", n, v, G_N_ELEMENTS (n));
  }
  for (guint i = 0; i < N_OBSERVATIONS; i++)
    {
      g_autofree char *date = g_strdup_printf ("2025-10-%02u", i + 2);
      g_autofree char *lesson = g_strdup_printf ("Unit 4 Lesson %u", i + 1);
      const char *n[] = { "lesson", "teacher", "date", "cycle", "clock" };
      const char *v[] = { lesson, teacher, date, cycle_uuid, "stopped;2700000;0" };
      const char *bv[] = { lesson, teacher, date, bare_cycle_uuid, "stopped;2700000;0" };
      g_autofree char *obs = create (store, "observation", n, v, G_N_ELEMENTS (n));
      g_autofree char *bare = create (store, "observation", n, bv, G_N_ELEMENTS (n));

      for (guint l = 0; l < 3; l++)
        {
          g_autofree char *text = g_strdup_printf ("S%u splits the bar into %u parts", l, l + 2);
          g_autofree char *offset = g_strdup_printf ("%u", l * 60);
          const char *ln[] = { "observation", "offset", "type", "text" };
          const char *lv[] = { obs, offset, "note", text };
          const char *blv[] = { bare, offset, "note", text };
          g_free (create (store, "evidence", ln, lv, G_N_ELEMENTS (ln)));
          g_free (create (store, "evidence", ln, blv, G_N_ELEMENTS (ln)));
        }
    }
  {
    g_autoptr(GPtrArray) linked = NULL;
    CbFilter filter = { .kind = "observation", .ref_field = "cycle", .ref_value = cycle_uuid };

    linked = cb_store_list (store, &filter, 100, NULL);
    for (guint i = 0; i < N_PHOTOS; i++)
      {
        g_autoptr(CbImage) image = make_photo (i);
        g_autofree char *title = g_strdup_printf ("Exit ticket %u", i + 1);
        g_autofree char *w = g_strdup_printf ("%d", image->width);
        g_autofree char *h = g_strdup_printf ("%d", image->height);
        const char *parent = i < N_PHOTOS / 2 ? cycle_uuid
                             : cb_record_get_uuid (g_ptr_array_index (linked, i % linked->len));
        const char *n[] = { "parent", "title", "photo", "thumbnail", "width", "height" };
        const char *v[] = { parent, title, image->photo, image->thumbnail, w, h };

        g_free (create (store, "student_work", n, v, G_N_ELEMENTS (n)));
      }
  }
  /* the baseline: an ended lesson of 20 lines, in no cycle */
  {
    const char *n[] = { "lesson", "teacher", "date", "clock" };
    const char *v[] = { "Sharing pizza", teacher, "2025-09-20", "stopped;2700000;0" };

    obs_uuid = create (store, "observation", n, v, G_N_ELEMENTS (n));
    for (guint l = 0; l < N_LINES; l++)
      {
        g_autofree char *text = g_strdup_printf ("S%u explains how she split the fraction bar into %u parts", l, l % 9 + 2);
        g_autofree char *offset = g_strdup_printf ("%u", l * 90);
        const char *ln[] = { "observation", "offset", "type", "text" };
        const char *lv[] = { obs_uuid, offset, "note", text };
        g_free (create (store, "evidence", ln, lv, G_N_ELEMENTS (ln)));
      }
  }
  /* where each open starts from: another page, the teacher's */
  other_uuid = g_strdup (teacher);
}

static void
on_painted_cb (GdkFrameClock *clock,
               gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_frame (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_painted_cb), &painted);

  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
settle (void)
{
  for (guint i = 0; i < 5; i++)
    wait_for_frame ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* From the call to the first frame painted after it. */
static double
open_ms (const char *uuid)
{
  gint64 t0;

  cb_window_open_record (window, other_uuid);
  settle ();
  t0 = g_get_monotonic_time ();
  if (!cb_window_open_record (window, uuid))
    die ("a record did not open");
  wait_for_frame ();
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static CbWorkStrip *
cycle_strip (void)
{
  GtkWidget *editor = gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")), "goal");

  return editor ? CB_WORK_STRIP (cb_cycle_editor_get_child (CB_CYCLE_EDITOR (editor), "work_strip")) : NULL;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v)
{
  qsort (v, reps, sizeof (double), compare_double);
  return v[reps / 2];
}

static gboolean
run_cb (gpointer data)
{
  double obs[MAX_REPS], cycle[MAX_REPS], bare[MAX_REPS], thumbs[MAX_REPS];
  double m_obs, m_cycle, m_bare;

  settle ();
  /* one warm-up each: the editors are made the first time */
  open_ms (obs_uuid);
  open_ms (cycle_uuid);
  for (guint i = 0; i < reps; i++)
    {
      CbWorkStrip *strip;
      gint64 t0;

      obs[i] = open_ms (obs_uuid);
      bare[i] = open_ms (bare_cycle_uuid);
      cycle[i] = open_ms (cycle_uuid);
      /* back to the call that opened it */
      t0 = g_get_monotonic_time () - (gint64) (cycle[i] * 1000);
      strip = cycle_strip ();
      if (strip == NULL)
        die ("no cycle page");
      while (cb_work_strip_is_loading (strip))
        g_main_context_iteration (NULL, TRUE);
      wait_for_frame ();
      thumbs[i] = (g_get_monotonic_time () - t0) / 1000.0;
      if (cb_work_strip_get_n_samples (strip) != N_PHOTOS / 2)
        die ("the cycle's photos are not shown");
    }
  m_obs = median (obs);
  m_cycle = median (cycle);
  m_bare = median (bare);
  printf ("opening a page, to its first frame, median of %u (1280x800):\n", reps);
  printf ("  an observation of %u lines          %7.1f ms\n", N_LINES, m_obs);
  printf ("  a cycle of %u observations, %u photos %7.1f ms\n", N_OBSERVATIONS, N_PHOTOS, m_cycle);
  printf ("  ratio                               %7.2f×  (target ≤ 1.2×)\n", m_cycle / m_obs);
  printf ("  the same cycle without photos       %7.1f ms  (%.2f×)\n", m_bare, m_bare / m_obs);
  printf ("  the cycle's %u thumbnails all shown  %7.1f ms (decoded on a worker thread)\n",
          N_PHOTOS / 2, median (thumbs));
  fflush (stdout);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *added,
                    gpointer        data)
{
  if (!CB_IS_WINDOW (added) || window != NULL)
    return;
  window = CB_WINDOW (added);
  g_timeout_add (1500, run_cb, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *schemas = NULL;
  g_autoptr(GError) error = NULL;
  char *app_argv[] = { (char *) "coachbook", NULL };
  int status;

  dir = g_path_get_dirname (exe ? exe : argv[0]);
  /* <build>/tests/bench/bench-cycle → <build>/data */
  schemas = g_build_filename (dir, "..", "..", "data", NULL);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  if (g_getenv ("BENCH_CYCLE_REPS") != NULL)
    reps = CLAMP ((guint) g_ascii_strtoull (g_getenv ("BENCH_CYCLE_REPS"), NULL, 10) | 1, 1, MAX_REPS);
  if (g_getenv ("DISPLAY") == NULL)
    die ("no DISPLAY: run it under tests/xvfb-wrap.sh");

  {
    g_autofree char *tmp = g_dir_make_tmp ("cb-bench-cycle-XXXXXX", &error);

    if (tmp == NULL)
      die (error->message);
    db_path = g_build_filename (tmp, "coachbook.db", NULL);
  }
  make_database (db_path);
  app = cb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  cb_application_set_db_path (app, db_path);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, app_argv);
  g_object_unref (app);
  {
    g_autofree char *tmp = g_path_get_dirname (db_path);
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    if (system (cmd) != 0)
      status = 1;
  }
  return status;
}
