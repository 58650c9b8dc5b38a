/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Student work in the real window: a photo dropped on an observation's
 * student work and another pasted with Ctrl+V become student_work rows
 * of the observation, with thumbnails shown; on a cycle's page the team
 * opens "Look at Student Work", moves a sample between the levels of
 * the cycle's scale with Left and Right, and writes the protocol's
 * steps, which are saved on the cycle. Each step is checked in the
 * database. */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "cb-application.h"
#include "cb-cycle-editor.h"
#include "cb-image.h"
#include "cb-observation-editor.h"
#include "cb-test-util.h"
#include "cb-ui-test-util.h"
#include "cb-view-logic.h"
#include "cb-window.h"
#include "cb-work-look.h"
#include "cb-trends-view.h"
#include "cb-work-strip.h"

static CbApplication *app;

static char *
write_photo (const char *name,
             int         width,
             int         height,
             guint32     colour)
{
  char *path = cb_ui_test_path (name);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", NULL, NULL));
  return path;
}

static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        return GTK_DROP_TARGET (c);
    }
  return NULL;
}

static void
wait_for_samples (CbStore    *store,
                  const char *parent,
                  guint       n)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GPtrArray) rows = cb_ui_children (store, "student_work", parent);

      if (rows->len == n)
        return;
      cb_ui_spin (20);
    }
  g_assert_not_reached ();
}

static void
wait_for_strip (CbWorkStrip *strip,
                guint        n)
{
  for (guint i = 0; i < 500 && (cb_work_strip_is_loading (strip) || cb_work_strip_get_n_samples (strip) != n); i++)
    cb_ui_spin (20);
  g_assert_cmpuint (cb_work_strip_get_n_samples (strip), ==, n);
}

/* A photo dropped on the observation's student work, another pasted. */
static void
test_drop_and_paste (void)
{
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Sharing pizza", "teacher", teacher,
                                         "date", "2025-10-08", NULL);
  g_autofree char *photo = write_photo ("dropped-work.jpg", 2400, 1800, 0xe0d0b0ff);
  CbObservationEditor *editor;
  CbWorkStrip *strip;
  GtkDropTarget *target;
  gboolean taken = FALSE;

  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_drain ();
  editor = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  strip = CB_WORK_STRIP (cb_observation_editor_get_work_strip (editor));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (strip)));
  wait_for_strip (strip, 0);

  /* the drop, as GTK hands a dropped file to the target */
  target = drop_target_of (GTK_WIDGET (strip));
  g_assert_nonnull (target);
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GFile) file = g_file_new_for_path (photo);

    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, file);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &taken);
  }
  g_assert_true (taken);
  wait_for_samples (store, obs, 1);
  {
    g_autoptr(GPtrArray) rows = cb_ui_children (store, "student_work", obs);
    CbRecord *sample = g_ptr_array_index (rows, 0);

    g_assert_cmpstr (cb_record_get (sample, "title"), ==, "dropped-work.jpg");
    g_assert_cmpstr (cb_record_get (sample, "width"), ==, "1600");
    g_assert_true (strlen (cb_record_get (sample, "thumbnail")) > 0);
  }
  wait_for_strip (strip, 1);

  /* a copied image, pasted with Ctrl+V where the focus is in the strip */
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 800, 600);
    g_autoptr(GdkTexture) texture = NULL;

    gdk_pixbuf_fill (pixbuf, 0x4080c0ff);
    texture = gdk_texture_new_for_pixbuf (pixbuf);
    gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (strip)), texture);
  }
  gtk_widget_grab_focus (cb_work_strip_get_child (strip, "add"));
  g_assert_true (gtk_widget_is_ancestor (cb_ui_focus_of (GTK_WIDGET (strip)), GTK_WIDGET (strip)));
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (strip)), GDK_KEY_v, GDK_CONTROL_MASK));
  wait_for_samples (store, obs, 2);
  {
    g_autoptr(GPtrArray) rows = cb_ui_children (store, "student_work", obs);
    CbRecord *pasted = g_ptr_array_index (rows, 1);

    g_assert_cmpstr (cb_record_get (pasted, "width"), ==, "800");
    g_assert_cmpstr (cb_record_get (pasted, "height"), ==, "600");
    g_assert_true (strlen (cb_record_get (pasted, "photo")) > 0);
  }
  wait_for_strip (strip, 2);
  cb_ui_save_png (GTK_WIDGET (window), "observation-work.png");
}

static char *
sample (CbStore    *store,
        const char *parent,
        const char *title,
        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImage) image = cb_image_import_file (path, &error);

  g_assert_no_error (error);
  return cb_test_create (store, "student_work", "parent", parent, "title", title, "photo", image->photo,
                         "thumbnail", image->thumbnail, NULL);
}

static void
wait_for_look (CbWorkLook *look)
{
  cb_ui_spin (300);
  for (guint i = 0; i < 500 && cb_work_look_is_loading (look); i++)
    cb_ui_spin (20);
  cb_ui_drain ();
}

static const char *
level_of (CbStore    *store,
          const char *uuid)
{
  static char level[16];
  g_autoptr(CbRecord) r = cb_ui_get_record (store, uuid);

  g_strlcpy (level, cb_record_get (r, "level") ? cb_record_get (r, "level") : "", sizeof level);
  return level;
}

/* On a cycle scored 1–4, a sample moves between levels by keyboard. */
static void
test_look_by_level (void)
{
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *teacher = cb_test_create (store, "person", "name", "Luis Gómez", "role", "teacher", NULL);
  g_autofree char *cycle = cb_test_create (store, "cycle", "goal", "Students will justify with a model",
                                           "teachers", teacher, "measure", "Exit-ticket rubric",
                                           "unit", "1–4", "start_date", "2025-10-01", NULL);
  g_autofree char *obs = cb_test_create (store, "observation", "lesson", "Fractions on a number line",
                                         "teacher", teacher, "cycle", cycle, "date", "2025-10-08", NULL);
  g_autofree char *photo = write_photo ("look-work.jpg", 640, 480, 0xc0e0c0ff);
  g_autofree char *a = sample (store, cycle, "Exit ticket A.B.", photo);
  g_autofree char *b = sample (store, obs, "Exit ticket C.D.", photo);
  CbCycleEditor *editor;
  CbWorkStrip *strip;
  CbWorkLook *look;
  GtkWidget *row;

  g_assert_true (cb_window_open_record (window, cycle));
  cb_ui_drain ();
  editor = CB_CYCLE_EDITOR (gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")), "goal"));
  strip = CB_WORK_STRIP (cb_cycle_editor_get_child (editor, "work_strip"));
  wait_for_strip (strip, 1);

  /* the strip's button opens the page, with the cycle's observation's
   * sample too, both not sorted yet */
  g_assert_true (gtk_widget_get_visible (cb_work_strip_get_child (strip, "look")));
  gtk_widget_activate (cb_work_strip_get_child (strip, "look"));
  for (guint i = 0; i < 100 && cb_ui_find_toplevel (CB_TYPE_WORK_LOOK) == NULL; i++)
    cb_ui_spin (20);
  look = CB_WORK_LOOK (cb_ui_find_toplevel (CB_TYPE_WORK_LOOK));
  g_assert_nonnull (look);
  wait_for_look (look);
  g_assert_cmpuint (cb_work_look_get_n_in_level (look, -1), ==, 2);
  g_assert_cmpuint (cb_work_look_get_n_in_level (look, 0), ==, 0);

  /* Right twice: level 1, then 2 — the focus follows the sample */
  row = cb_work_look_get_sample_row (look, a);
  gtk_widget_grab_focus (row);
  g_assert_true (cb_ui_press (cb_ui_focus_of (row), GDK_KEY_Right, 0));
  g_assert_cmpstr (level_of (store, a), ==, "1");
  wait_for_look (look);
  g_assert_cmpuint (cb_work_look_get_n_in_level (look, -1), ==, 1);
  g_assert_cmpuint (cb_work_look_get_n_in_level (look, 0), ==, 1);
  g_assert_true (cb_ui_focus_of (GTK_WIDGET (look)) == cb_work_look_get_sample_row (look, a));
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (look)), GDK_KEY_Right, 0));
  g_assert_cmpstr (level_of (store, a), ==, "2");
  wait_for_look (look);
  g_assert_cmpuint (cb_work_look_get_n_in_level (look, 1), ==, 1);
  /* Left: back to 1; the other sample is untouched */
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (look)), GDK_KEY_Left, 0));
  g_assert_cmpstr (level_of (store, a), ==, "1");
  g_assert_cmpstr (level_of (store, b), ==, "");
  wait_for_look (look);

  /* the three steps, saved on the cycle */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (cb_work_look_get_step_view (look, 0))),
                            "Most draw the number line; two label the halves.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (cb_work_look_get_step_view (look, 2))),
                            "Start with partitioning on Monday.", -1);
  cb_ui_save_png (GTK_WIDGET (look), "look-at-work.png");
  gtk_window_close (GTK_WINDOW (look));
  cb_ui_drain ();
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, cycle);

    g_assert_cmpstr (cb_record_get (r, "work_describe"), ==, "Most draw the number line; two label the halves.");
    g_assert_cmpstr (cb_record_get (r, "work_implications"), ==, "Start with partitioning on Monday.");
  }
}

static void
size_window (GtkWindow *window,
             int        width,
             int        height)
{
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  cb_ui_spin (600);
}

/* The trends view over a generated year and the team's page of a
 * generated cycle, at 1280×800 and 360×720, light and dark (with
 * CB_SCREENSHOT_DIR set; CB_TEST_LANGUAGE=es for Spanish). */
static void
test_screenshots (void)
{
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  const char *parent = NULL;
  CbFilter filter = { .kind = "cycle" };

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set CB_SCREENSHOT_DIR to write screenshots");
      return;
    }
  g_assert_true (cb_generate (store, 2000, 3, &error));
  g_assert_no_error (error);
  cycles = cb_store_list (store, &filter, 50, NULL);
  for (guint i = 0; parent == NULL && i < cycles->len; i++)
    {
      const char *uuid = cb_record_get_uuid (g_ptr_array_index (cycles, i));
      g_autoptr(GPtrArray) samples = cb_ui_children (store, "student_work", uuid);

      if (samples->len > 0)
        parent = uuid;
    }
  if (parent == NULL)
    parent = cb_record_get_uuid (g_ptr_array_index (cycles, 0));

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint narrow = 0; narrow < 2; narrow++)
        {
          int width = narrow ? 360 : 1280, height = narrow ? 720 : 800;
          g_autofree char *suffix = g_strdup_printf ("%dx%d%s", width, height, dark ? "-dark" : "");
          g_autofree char *trends_name = g_strdup_printf ("trends-%s.png", suffix);
          g_autofree char *look_name = g_strdup_printf ("look-at-work-%s.png", suffix);
          CbTrendsView *trends = cb_trends_view_new (GTK_WINDOW (window), store);
          CbWorkLook *look;

          size_window (GTK_WINDOW (trends), width, height);
          for (guint i = 0; i < 500 && cb_trends_view_is_loading (trends); i++)
            cb_ui_spin (20);
          g_assert_nonnull (cb_trends_view_get_months (trends));
          g_assert_cmpuint (cb_trends_view_get_months (trends)->len, >, 0);
          cb_ui_spin (300);
          cb_ui_save_png (GTK_WIDGET (trends), trends_name);
          gtk_window_close (GTK_WINDOW (trends));
          cb_ui_drain ();

          look = cb_work_look_new (GTK_WIDGET (window), store, parent);
          size_window (GTK_WINDOW (look), width, height);
          wait_for_look (look);
          cb_ui_save_png (GTK_WIDGET (look), look_name);
          gtk_window_close (GTK_WINDOW (look));
          cb_ui_drain ();
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  int status;

  cb_ui_test_init (&argc, &argv);
  path = cb_ui_test_path ("work.db");
  app = cb_ui_start_app (path);
  g_test_add_func ("/work/drop-and-paste", test_drop_and_paste);
  g_test_add_func ("/work/look-by-level", test_look_by_level);
  g_test_add_func ("/work/screenshots", test_screenshots);
  status = cb_ui_test_run ();
  cb_ui_stop_app (app);
  return status;
}
