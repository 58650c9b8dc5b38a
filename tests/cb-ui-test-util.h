/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the UI tests share: spinning the main loop, pressing a
 * shortcut the way GTK would, typing, and starting the real app. */
#pragma once

#include <gtk/gtk.h>

#include "cb-application.h"
#include "cb-record-editor.h"
#include "cb-store.h"
#include "cb-window.h"

static G_GNUC_UNUSED gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static G_GNUC_UNUSED void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static G_GNUC_UNUSED void
drain (void)
{
  spin (50);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static G_GNUC_UNUSED gboolean
press (GtkWidget       *start,
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
                  drain ();
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}

static G_GNUC_UNUSED GtkWidget *
focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

static G_GNUC_UNUSED void
type_and_enter (GtkWidget  *editable,
                const char *text)
{
  GtkWidget *entry = editable;

  if (GTK_IS_TEXT (entry) && gtk_widget_get_parent (entry) != NULL &&
      GTK_IS_EDITABLE (gtk_widget_get_parent (entry)))
    entry = gtk_widget_get_parent (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  drain ();
  g_signal_emit_by_name (entry, "activate");
  drain ();
}

static G_GNUC_UNUSED CbApplication *
start_app (const char *db)
{
  CbApplication *app = cb_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  cb_application_set_db_path (app, db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  drain ();
  return app;
}

static G_GNUC_UNUSED CbWindow *
app_window (CbApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (CB_IS_WINDOW (window));
  return CB_WINDOW (window);
}

static G_GNUC_UNUSED CbRecord *
get_record (CbStore    *store,
            const char *uuid)
{
  g_autoptr(GError) error = NULL;
  CbRecord *record = cb_store_get (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static G_GNUC_UNUSED void
close_window (CbWindow *window)
{
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_close (GTK_WINDOW (window));
  for (guint i = 0; weak != NULL && i < 100; i++)
    spin (20);
  g_assert_null (weak);
}

static G_GNUC_UNUSED GPtrArray *
children (CbStore    *store,
          const char *kind,
          const char *parent)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *out = cb_store_children (store, kind, parent, &error);

  g_assert_no_error (error);
  return out;
}

static G_GNUC_UNUSED void
choose_in_popup (CbWindow   *window,
                 const char *text)
{
  GtkWidget *focus = focus_of (GTK_WIDGET (window));
  GtkWidget *entry;

  g_assert_nonnull (focus);
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  spin (300);   /* the search delay */
  g_signal_emit_by_name (entry, "activate");
  drain ();
}

static G_GNUC_UNUSED void
popup_field (CbRecordEditor *editor,
             const char     *field)
{
  GtkWidget *button = cb_record_editor_get_field_widget (editor, field);

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  drain ();
}
