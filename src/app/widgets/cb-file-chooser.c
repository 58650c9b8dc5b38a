/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-file-chooser.h"

/**
 * cb_file_chooser_new:
 * @parent: a widget in the window the chooser belongs to
 * @action: open, save or select a folder
 * @title: the chooser's title, translated
 * @accept_label: the accept button's mnemonic, translated
 * @filter: (nullable): the files offered, the first filter if the
 *   caller adds more
 * @current_name: (nullable): the name a saved file is offered under
 *
 * Returns: (transfer full): a modal chooser, not shown yet
 */
GtkFileChooserNative *
cb_file_chooser_new (GtkWidget            *parent,
                     GtkFileChooserAction  action,
                     const char           *title,
                     const char           *accept_label,
                     GtkFileFilter        *filter,
                     const char           *current_name)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (filter == NULL || GTK_IS_FILE_FILTER (filter), NULL);

  root = gtk_widget_get_root (parent);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  /* A file saved lands in the coach's documents, not in the folder the
   * app was started from. */
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      const char *docs = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
      g_autoptr(GFile) folder = g_file_new_for_path (docs != NULL && g_file_test (docs, G_FILE_TEST_IS_DIR)
                                                     ? docs : g_get_home_dir ());

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  return chooser;
}

/* The files to keep out of the recent files, for the app's lifetime. */
static GHashTable *forgotten;

/* Runs at the start of every emission of GtkRecentManager::changed,
 * before its class handler writes recently-used.xbel: GTK's own
 * chooser adds each file opened a moment after it closes (once it has
 * looked the file up), so taking it out at the response is too early. */
static gboolean
forget_hook_cb (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               data)
{
  GtkRecentManager *manager = g_value_get_object (&values[0]);
  GHashTableIter iter;
  gpointer uri;

  g_hash_table_iter_init (&iter, forgotten);
  while (g_hash_table_iter_next (&iter, &uri, NULL))
    gtk_recent_manager_remove_item (manager, uri, NULL);  /* not there: fine */
  return TRUE;
}

/**
 * cb_file_chooser_forget:
 * @file: a file the coach chose
 *
 * Keeps @file out of the desktop's recently used files
 * (recently-used.xbel), where GTK's own chooser puts every file opened:
 * the name of a lesson's recording stays private. Taken out before the
 * list is written, whenever GTK adds it.
 */
void
cb_file_chooser_forget (GFile *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (G_IS_FILE (file));

  if (forgotten == NULL)
    {
      forgotten = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_signal_add_emission_hook (g_signal_lookup ("changed", GTK_TYPE_RECENT_MANAGER), 0,
                                  forget_hook_cb, NULL, NULL);
    }
  uri = g_file_get_uri (file);
  g_hash_table_add (forgotten, g_strdup (uri));
  gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
}
