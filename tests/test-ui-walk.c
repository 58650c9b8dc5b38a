/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scored walkthrough forms as a coach fills one: keys pressed on the
 * real X keyboard (XTest) from wherever the focus is — Alt+W, Enter to
 * pick the built-in NCTM form, digits to score its six items, Enter
 * for a note, P to pull in the tagged lines, Ctrl+Z — each result read
 * back from the database, and again after a restart. Then a form a
 * colleague made arrives in an exchange file and is filled the same
 * way. With CB_SCREENSHOT_DIR set, screenshots of both. */

#include "cb-ui-test-util.h"

#include <adwaita.h>
#include <string.h>
#include <unistd.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "cb-catalog.h"
#include "cb-exchange.h"
#include "cb-observation-editor.h"
#include "cb-walk-form-editor.h"
#include "cb-walk-form.h"
#include "cb-walk.h"

#define TP1 "aae8e4c4-a734-4c4c-a3e8-bf676e294d67"
#define TP4 "a399566c-fd5c-438b-908d-f1aa3058d8db"

static Display *
x_display (GtkWidget *widget)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
}

static void
x_focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *dpy = x_display (GTK_WIDGET (window));
  Window xid = gdk_x11_surface_get_xid (surface);

  XRaiseWindow (dpy, xid);
  XSetInputFocus (dpy, xid, RevertToParent, CurrentTime);
  XSync (dpy, False);
  cb_ui_drain ();
}

static void
x_key (Display *dpy,
       KeySym   sym,
       gboolean down)
{
  KeyCode code = XKeysymToKeycode (dpy, sym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (dpy, code, down, CurrentTime);
}

/* Presses @sym with @mods on the keyboard: the event goes wherever the
 * focus is, as a coach's key would. */
static void
x_press (GtkWidget       *widget,
         KeySym           sym,
         GdkModifierType  mods)
{
  Display *dpy = x_display (widget);

  if (mods & GDK_CONTROL_MASK)
    x_key (dpy, XK_Control_L, TRUE);
  if (mods & GDK_ALT_MASK)
    x_key (dpy, XK_Alt_L, TRUE);
  x_key (dpy, sym, TRUE);
  x_key (dpy, sym, FALSE);
  if (mods & GDK_ALT_MASK)
    x_key (dpy, XK_Alt_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    x_key (dpy, XK_Control_L, FALSE);
  XSync (dpy, False);
  cb_ui_drain ();
}

static void
x_type (GtkWidget  *widget,
        const char *text)
{
  for (const char *p = text; *p; p++)
    x_press (widget, *p == ' ' ? XK_space : (KeySym) (guchar) *p, 0);
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static CbWalkForm *
walk_form_of (CbWindow *window)
{
  GtkWidget *editor = cb_window_get_child (window, "observation_editor");

  return CB_WALK_FORM (cb_ui_find_widget (editor, is_type, GSIZE_TO_POINTER (CB_TYPE_WALK_FORM)));
}

static char *
line (CbStore    *store,
      const char *obs,
      const char *offset,
      const char *text,
      const char *tags)
{
  const char *names[] = { "observation", "offset", "type", "text", "tags" };
  const char *values[] = { obs, offset, "note", text, tags };
  g_autoptr(GError) error = NULL;
  char *uuid = cb_store_create (store, "evidence", names, values, G_N_ELEMENTS (names), &error);

  g_assert_no_error (error);
  return uuid;
}

/* An observation of today with lines tagged with TP1 and TP4. */
static char *
make_lesson (CbStore    *store,
             char      **tp1_lines,
             char      **tp4_lines)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *pn[] = { "name", "role" };
  const char *pv[] = { "Ana García", "teacher" };
  g_autofree char *teacher = cb_store_create (store, "person", pn, pv, 2, NULL);
  const char *on[] = { "date", "lesson", "teacher" };
  const char *ov[] = { today, "Fractions as division", teacher };
  char *obs = cb_store_create (store, "observation", on, ov, 3, NULL);
  g_autofree char *a = line (store, obs, "40", "Goal posted: fractions are division", TP1);
  g_autofree char *b = line (store, obs, "300", "Turn and talk: is 3/4 the same as 3 ÷ 4?", TP4);
  g_autofree char *c = line (store, obs, "420", "S4 builds on S2's drawing", TP4);
  g_autofree char *d = line (store, obs, "900", "T closes with the learning goal", TP1);
  g_autofree char *e = line (store, obs, "500", "Most finish the exit ticket", "");

  if (tp1_lines)
    *tp1_lines = g_strjoin (" ", a, d, NULL);
  if (tp4_lines)
    *tp4_lines = g_strjoin (" ", b, c, NULL);
  return obs;
}

static CbRecord *
score_of (CbStore    *store,
          const char *obs,
          const char *item)
{
  g_autoptr(GError) error = NULL;
  CbRecord *r = cb_walk_find_score (store, obs, item, &error);

  g_assert_no_error (error);
  return r;
}

static void
test_fill_by_keyboard (void)
{
  g_autofree char *db = cb_ui_test_path ("walk-fill.db");
  CbApplication *app = cb_ui_start_app (db);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *tp1 = NULL, *tp4 = NULL;
  g_autofree char *obs = make_lesson (store, &tp1, &tp4);
  g_autoptr(GPtrArray) items = cb_walk_load_items (store, CB_CATALOG_NCTM_FORM, NULL);
  static const KeySym keys[] = { XK_3, XK_2, XK_4, XK_1, XK_0, XK_4 };
  static const char * const expected[] = { "3", "2", "4", "1", "not_observed", "4" };
  CbWalkForm *form;
  GtkWidget *w = GTK_WIDGET (window);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  cb_ui_drain ();
  x_focus_window (GTK_WINDOW (window));
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_spin (300);
  form = walk_form_of (window);
  g_assert_nonnull (form);

  /* from the sidebar: Alt+W, then Enter picks the first form listed */
  gtk_widget_grab_focus (cb_window_get_child (window, "sidebar_list"));
  x_press (w, XK_w, GDK_ALT_MASK);
  x_press (w, XK_Return, 0);
  {
    g_autoptr(CbRecord) r = cb_ui_get_record (store, obs);
    g_assert_cmpstr (cb_record_get (r, "walk_form"), ==, CB_CATALOG_NCTM_FORM);
  }
  g_assert_cmpuint (cb_walk_form_get_n_items (form), ==, 6);

  /* six digits with Down between them; a note and tagged lines on the first */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      x_press (w, keys[i], 0);
      if (i == 0)
        {
          x_press (w, XK_Return, 0);
          x_type (w, "goal posted and revisited");
          x_press (w, XK_Return, 0);
          x_press (w, XK_p, 0);
        }
      if (i == 2)
        x_press (w, XK_p, 0);
      if (i + 1 < G_N_ELEMENTS (keys))
        x_press (w, XK_Down, 0);
    }
  /* Ctrl+Z takes the last score back; the item is scored again */
  x_press (w, XK_z, GDK_CONTROL_MASK);
  {
    g_autoptr(CbRecord) gone = score_of (store, obs, ((CbWalkItem *) items->pdata[5])->uuid);
    g_assert_null (gone);
  }
  x_press (w, XK_4, 0);
  cb_ui_spin (300);

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(CbRecord) s = score_of (store, obs, ((CbWalkItem *) items->pdata[i])->uuid);

      g_assert_nonnull (s);
      g_assert_cmpstr (cb_record_get (s, "score"), ==, expected[i]);
      if (i == 0)
        {
          g_assert_cmpstr (cb_record_get (s, "note"), ==, "goal posted and revisited");
          g_assert_cmpstr (cb_record_get (s, "evidence"), ==, tp1);
        }
      else if (i == 2)
        g_assert_cmpstr (cb_record_get (s, "evidence"), ==, tp4);
      else
        g_assert_cmpstr (cb_record_get (s, "evidence") ? cb_record_get (s, "evidence") : "", ==, "");
    }
  {
    g_autoptr(GPtrArray) scores = cb_ui_children (store, "walk_score", obs);
    g_assert_cmpuint (scores->len, ==, 6);
  }

  /* after a restart the form shows what was saved */
  cb_ui_stop_app (app);
  app = cb_ui_start_app (db);
  window = cb_ui_app_window (app);
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_spin (300);
  form = walk_form_of (window);
  g_assert_cmpuint (cb_walk_form_get_n_items (form), ==, 6);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cb_walk_form_get_item_widget (form, 0, "score"))), ==, "3");
  g_assert_true (gtk_widget_get_visible (cb_walk_form_get_item_widget (form, 0, "lines")));
  cb_ui_stop_app (app);
}

/* A district lead's laptop makes a form and exports; the coach's
 * laptop imports the file, sees the form in its section and fills it
 * on a lesson by keyboard. */
static char *
make_district_file (const char *dir)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("district-%d-%u.db", (int) getpid (), n++);
  g_autofree char *db = g_build_filename (dir, name, NULL);
  char *file = g_strconcat (db, ".coachbook.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open (db, &error);
  const char *fn[] = { "name", "description" };
  const char *fv[] = { "District Discourse Walk", "Three quick looks at student talk, from the district math office." };
  g_autofree char *form = cb_store_create (store, "walk_form", fn, fv, 2, &error);
  static const char * const prompts[] = {
    "Students explain their thinking to a partner",
    "Students respond to a classmate's idea",
    "The goal is posted in student-friendly words",
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    {
      g_autofree char *item = cb_walk_add_item (store, form, &error);

      g_assert_true (cb_store_set (store, item, "prompt", prompts[i], &error));
      g_assert_true (cb_store_set (store, item, "look_for", i < 2 ? TP4 : TP1, &error));
      if (i == 2)
        g_assert_true (cb_store_set (store, item, "scale", "yes_no", &error));
      else
        g_assert_true (cb_store_set (store, item, "level_4", "Nearly every student, unprompted", &error));
      g_assert_no_error (error);
    }
  g_assert_true (cb_exchange_export (store, file, NULL, &error));
  g_assert_no_error (error);
  return file;
}

static char *
import_district_form (CbStore    *store,
                      const char *dir)
{
  g_autofree char *file = make_district_file (dir);
  const char *paths[] = { file, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = cb_exchange_import (store, paths, FALSE, NULL, NULL, NULL, &error);
  CbFilter filter = { .kind = "walk_form" };
  g_autoptr(GPtrArray) forms = cb_store_list (store, &filter, 10, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < forms->len; i++)
    if (g_strcmp0 (cb_record_get (forms->pdata[i], "name"), "District Discourse Walk") == 0)
      return g_strdup (cb_record_get_uuid (forms->pdata[i]));
  g_assert_not_reached ();
}

static void
test_colleague_form (void)
{
  g_autofree char *db = cb_ui_test_path ("walk-colleague.db");
  g_autofree char *dir = g_path_get_dirname (db);
  CbApplication *app = cb_ui_start_app (db);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *form_uuid = import_district_form (store, dir);
  g_autofree char *obs = make_lesson (store, NULL, NULL);
  g_autoptr(GPtrArray) items = cb_walk_load_items (store, form_uuid, NULL);
  GtkWidget *w = GTK_WIDGET (window);
  GtkStack *editors = GTK_STACK (cb_window_get_child (window, "editor_stack"));
  CbWalkFormEditor *editor;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  cb_ui_drain ();
  x_focus_window (GTK_WINDOW (window));
  g_assert_cmpuint (items->len, ==, 3);

  /* the form in its section, with its items */
  g_assert_true (cb_window_open_record (window, form_uuid));
  cb_ui_spin (300);
  editor = CB_WALK_FORM_EDITOR (gtk_stack_get_child_by_name (editors, "walk-form"));
  g_assert_nonnull (editor);
  g_assert_cmpuint (cb_walk_form_editor_get_n_items (editor), ==, 3);
  g_assert_true (cb_walk_form_editor_move_item (editor, 2, -1));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = cb_walk_load_items (store, form_uuid, NULL);
  g_assert_cmpstr (((CbWalkItem *) items->pdata[1])->prompt, ==, "The goal is posted in student-friendly words");
  g_assert_true (cb_walk_form_editor_add_item (editor));
  g_assert_cmpuint (cb_walk_form_editor_get_n_items (editor), ==, 4);

  /* filled on a lesson: Down to the district's form, Enter, then keys */
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_spin (300);
  gtk_widget_grab_focus (cb_window_get_child (window, "sidebar_list"));
  x_press (w, XK_w, GDK_ALT_MASK);
  {
    GtkListBox *forms = GTK_LIST_BOX (cb_walk_form_get_item_widget (walk_form_of (window), 0, "forms"));
    for (guint i = 0; i < 4; i++)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (forms, i);
        const char *text = row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
        if (text != NULL && strstr (text, "District") != NULL)
          break;
        x_press (w, XK_Down, 0);
      }
  }
  x_press (w, XK_Return, 0);
  x_press (w, XK_4, 0);
  x_press (w, XK_Down, 0);
  x_press (w, XK_y, 0);
  x_press (w, XK_Down, 0);
  x_press (w, XK_2, 0);
  {
    g_autoptr(CbRecord) a = score_of (store, obs, ((CbWalkItem *) items->pdata[0])->uuid);
    g_autoptr(CbRecord) b = score_of (store, obs, ((CbWalkItem *) items->pdata[1])->uuid);
    g_autoptr(CbRecord) c = score_of (store, obs, ((CbWalkItem *) items->pdata[2])->uuid);
    g_assert_cmpstr (cb_record_get (a, "score"), ==, "4");
    g_assert_cmpstr (cb_record_get (b, "score"), ==, "yes");
    g_assert_cmpstr (cb_record_get (c, "score"), ==, "2");
  }
  cb_ui_stop_app (app);
}

/* Screenshots */

static void
shoot (CbApplication *app,
       const char    *uuid,
       int            width,
       int            height,
       const char    *name,
       gboolean       focus_form)
{
  CbWindow *window = cb_application_new_window (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cb_ui_spin (300);
  g_assert_true (cb_window_open_record (window, uuid));
  cb_ui_spin (400);
  if (focus_form)
    {
      CbObservationEditor *editor = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
      cb_observation_editor_set_focus_mode (editor, TRUE);
      cb_ui_spin (300);
      gtk_widget_activate_action (GTK_WIDGET (editor), "observation.walk-form", NULL);
      cb_ui_spin (600);
    }
  cb_ui_save_png (GTK_WIDGET (window), name);
  cb_ui_close_window (window);
}

static void
test_screenshots (void)
{
  const char *language = g_getenv ("CB_TEST_LANGUAGE");
  const char *lang = language != NULL ? "-es" : "";
  g_autofree char *db = NULL, *dir = NULL, *obs = NULL, *form = NULL, *fresh = NULL;
  g_autoptr(GPtrArray) items = NULL;
  AdwStyleManager *style;
  CbApplication *app;
  CbStore *store;
  static const char * const scores[] = { "3", "2", "4", "3", "not_observed", "2" };

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set CB_SCREENSHOT_DIR to write screenshots");
      return;
    }
  db = cb_ui_test_path (language != NULL ? "walk-shots-es.db" : "walk-shots.db");
  dir = g_path_get_dirname (db);
  app = cb_ui_start_app (db);
  store = cb_application_get_store (app);
  obs = make_lesson (store, NULL, NULL);
  form = import_district_form (store, dir);
  fresh = make_lesson (store, NULL, NULL);
  g_assert_true (cb_store_set (store, obs, "walk_form", CB_CATALOG_NCTM_FORM, NULL));
  items = cb_walk_load_items (store, CB_CATALOG_NCTM_FORM, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      CbWalkItem *item = g_ptr_array_index (items, i);
      g_autofree char *lines = cb_walk_tagged_lines (store, obs, item->look_for, NULL);

      g_free (cb_walk_set_score (store, obs, item->uuid, "score", scores[i], NULL));
      if (*lines != '\0')
        g_free (cb_walk_set_score (store, obs, item->uuid, "evidence", lines, NULL));
    }
  g_free (cb_walk_set_score (store, obs, ((CbWalkItem *) items->pdata[0])->uuid, "note",
                             "Goal posted, and revisited in the closing", NULL));

  style = adw_style_manager_get_default ();
  for (guint dark = 0; dark < 2; dark++)
    {
      const char *suffix = dark ? "-dark" : "";

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint n = 0; n < 2; n++)
        {
          int width = n ? 360 : 1280, height = n ? 720 : 800;
          g_autofree char *a = g_strdup_printf ("walk-form-%dx%d%s%s.png", width, height, suffix, lang);
          g_autofree char *b = g_strdup_printf ("walk-form-received-%dx%d%s%s.png", width, height, suffix, lang);
          g_autofree char *c = g_strdup_printf ("walk-form-choose-%dx%d%s%s.png", width, height, suffix, lang);

          shoot (app, obs, width, height, a, TRUE);
          shoot (app, form, width, height, b, FALSE);
          shoot (app, fresh, width, height, c, TRUE);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  cb_ui_stop_app (app);
  if (language == NULL)
    {
      g_setenv ("CB_TEST_LANGUAGE", "es", TRUE);
      g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("CB_TEST_LANGUAGE");
      g_test_trap_assert_passed ();
    }
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/walk/fill-by-keyboard", test_fill_by_keyboard);
  g_test_add_func ("/ui/walk/colleague-form", test_colleague_form);
  g_test_add_func ("/ui/walk/screenshots", test_screenshots);
  return cb_ui_test_run ();
}
