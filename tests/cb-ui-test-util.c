/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cb-ui-test-util.h"

/* The test's own folder, made by ui_test_init() and removed by
 * ui_test_run(). */
static char *ui_test_dir;

/* Sets up a UI test program: memory settings, no accessibility bus,
 * English (or CB_TEST_LANGUAGE, for a child process that checks a
 * translation) with the catalogs of the build tree, the test's folder
 * (a child started by g_test_trap_subprocess() shares its parent's),
 * and GTK. */
void
cb_ui_test_init (int    *argc,
                 char ***argv)
{
  const char *language = g_getenv ("CB_TEST_LANGUAGE");
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LANGUAGE", language != NULL && *language != '\0' ? language : "C", TRUE);
  /* gettext ignores LANGUAGE in the plain C locale. */
  if (g_strcmp0 (setlocale (LC_ALL, ""), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  if (builddir != NULL)
    {
      g_autofree char *po = g_build_filename (builddir, "..", "po", NULL);
      bindtextdomain (GETTEXT_PACKAGE, po);
    }
  else
    bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_getenv ("CB_TEST_TMPDIR") != NULL)
    ui_test_dir = g_strdup (g_getenv ("CB_TEST_TMPDIR"));
  else
    {
      ui_test_dir = cb_test_tmpdir ();
      g_setenv ("CB_TEST_TMPDIR", ui_test_dir, TRUE);
    }
  /* Undo snapshots go to the cache folder: the test's own. */
  {
    g_autofree char *cache = g_build_filename (ui_test_dir, "cache", NULL);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  gtk_test_init (argc, argv, NULL);
}

/* Runs the tests, then removes the test's folder (a child process
 * leaves it to its parent). */
int
cb_ui_test_run (void)
{
  int rc = g_test_run ();

  if (!g_test_subprocess ())
    cb_test_rmtree (ui_test_dir);
  return rc;
}

/* @name (a database, a PDF, …) in the test's folder. */
char *
cb_ui_test_path (const char *name)
{
  return g_build_filename (ui_test_dir, name, NULL);
}

/* A database at @path with @n generated records, closed again. */
void
cb_ui_generate_db (const char *path,
                   guint       n,
                   guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cb_generate (store, n, seed, &error));
  g_assert_no_error (error);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
cb_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
cb_ui_drain (void)
{
  cb_ui_spin (50);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
cb_ui_press (GtkWidget       *start,
             guint            keyval,
             GdkModifierType  mods)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (GtkWidget *w = start; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (c))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
            {
              g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
              GtkShortcutTrigger *t = gtk_shortcut_get_trigger (s);
              gboolean match = gtk_shortcut_trigger_equal (t, wanted);

              if (!match && GTK_IS_ALTERNATIVE_TRIGGER (t))
                match = gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (t)), wanted) ||
                        gtk_shortcut_trigger_equal (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (t)), wanted);
              if (match &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (s), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                w, gtk_shortcut_get_arguments (s)))
                {
                  cb_ui_drain ();
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}

GtkWidget *
cb_ui_focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

/* What @widget (an editable or a text view) holds. */
char *
cb_ui_text_of (GtkWidget *widget)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  g_assert_true (GTK_IS_TEXT_VIEW (widget));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Sends Return to the key controllers of @widget, as a key press would
 * (the first to take it wins). */
gboolean
cb_ui_key_to_controllers (GtkWidget       *widget,
                          guint            keyval,
                          GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (c))
        continue;
      g_signal_emit_by_name (c, "key-pressed", keyval, 0, mods, &handled);
      if (handled)
        return TRUE;
    }
  return FALSE;
}

void
cb_ui_type_and_enter (GtkWidget  *editable,
                      const char *text)
{
  GtkWidget *entry = editable;

  if (GTK_IS_TEXT_VIEW (entry))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (entry)), text, -1);
      cb_ui_drain ();
      g_assert_true (cb_ui_key_to_controllers (entry, GDK_KEY_Return, 0));
      cb_ui_drain ();
      return;
    }

  if (GTK_IS_TEXT (entry) && gtk_widget_get_parent (entry) != NULL &&
      GTK_IS_EDITABLE (gtk_widget_get_parent (entry)))
    entry = gtk_widget_get_parent (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  cb_ui_drain ();
  g_signal_emit_by_name (entry, "activate");
  cb_ui_drain ();
}

CbApplication *
cb_ui_start_app (const char *db)
{
  CbApplication *app = cb_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  cb_application_set_db_path (app, db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  cb_ui_drain ();
  return app;
}

/* Ctrl+N in @section of @window. Returns the new record's uuid (NULL if
 * nothing was opened). */
char *
cb_ui_new_record (CbWindow  *window,
                  CbSection  section)
{
  cb_window_set_section (window, section);
  cb_ui_drain ();
  g_assert_true (cb_ui_press (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));
  return g_strdup (cb_window_get_current_uuid (window));
}

CbWindow *
cb_ui_app_window (CbApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (CB_IS_WINDOW (window));
  return CB_WINDOW (window);
}

CbRecord *
cb_ui_get_record (CbStore    *store,
                  const char *uuid)
{
  g_autoptr(GError) error = NULL;
  CbRecord *record = cb_store_get (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* @root or the first of its descendants (depth first) that @match
 * accepts, or NULL. */
GtkWidget *
cb_ui_find_widget (GtkWidget       *root,
                   CbWidgetMatchFunc  match,
                   gconstpointer    data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cb_ui_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A shown toplevel window of @type (the last one listed), or NULL. */
GtkWindow *
cb_ui_find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; type != G_TYPE_INVALID && l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

void
cb_ui_close_window (CbWindow *window)
{
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_close (GTK_WINDOW (window));
  /* A sync at close keeps the window until it is over. */
  for (guint i = 0; weak != NULL && i < 1500; i++)
    cb_ui_spin (20);
  g_assert_null (weak);
}

/* Closes the app's windows and drops it: each main window as the coach
 * would, and it must go away; anything else still open (a dialog, a
 * Preferences window) is destroyed. */
void
cb_ui_stop_app (CbApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l; l = l->next)
    if (CB_IS_WINDOW (l->data))
      cb_ui_close_window (l->data);
    else
      gtk_window_destroy (l->data);
  g_list_free (windows);
  cb_ui_drain ();
  g_object_unref (app);
}

/* With CB_SCREENSHOT_DIR set, writes what @widget shows to @name there. */
void
cb_ui_save_png (GtkWidget  *widget,
                const char *name)
{
  const char *dir = g_getenv ("CB_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = 0, h = 0;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  /* Now and then the widget has nothing drawn yet: wait a frame. */
  for (guint tries = 0; node == NULL && tries < 5; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      cb_ui_spin (400);
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_test_message ("screenshot %s: nothing drawn", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("screenshot %s", path);
}

GPtrArray *
cb_ui_children (CbStore    *store,
                const char *kind,
                const char *parent)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *out = cb_store_children (store, kind, parent, &error);

  g_assert_no_error (error);
  return out;
}

/* Picks the first match for @text in the reference chooser that just
 * popped up in the window (or dialog) of @widget. */
void
cb_ui_choose_in_root (GtkWidget  *widget,
                      const char *text)
{
  GtkWidget *focus = cb_ui_focus_of (widget);
  GtkWidget *entry;

  g_assert_nonnull (focus);
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  cb_ui_spin (300);   /* the search delay */
  g_signal_emit_by_name (entry, "activate");
  cb_ui_drain ();
}

void
cb_ui_choose_in_popup (CbWindow   *window,
                       const char *text)
{
  cb_ui_choose_in_root (GTK_WIDGET (window), text);
}

void
cb_ui_popup_field (CbRecordEditor *editor,
                   const char     *field)
{
  GtkWidget *button = cb_record_editor_get_field_widget (editor, field);

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
}
