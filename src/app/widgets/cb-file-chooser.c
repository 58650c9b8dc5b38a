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
