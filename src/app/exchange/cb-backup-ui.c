/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's Back Up…: the copy is made by SQLite on a worker's own
 * connection (VACUUM INTO), never by copying the live file, so it is
 * consistent while the window goes on writing, and the file's locks are
 * never touched from outside SQLite. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "cb-backup-ui.h"
#include "cb-file-chooser.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

static gpointer
write_backup (CbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *path = data;
  g_autofree char *tmp = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return cb_store_backup (store, path, error) ? g_strdup (path) : NULL;

  /* The file chooser asked before replacing an older backup: the new
   * one is made and checked beside it, then takes its name. */
  tmp = g_strdup_printf ("%s.new-%" G_GINT64_FORMAT, path, g_get_real_time ());
  if (!cb_store_backup (store, tmp, error))
    return NULL;
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the backup “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  return g_strdup (path);
}

/**
 * cb_backup_ui_suggested_name:
 *
 * Returns: (transfer full): "coachbook-backup-2026-12-07.db"
 */
char *
cb_backup_ui_suggested_name (void)
{
  g_autofree char *today = cb_today_string ();

  /* TRANSLATORS: a file name, no spaces */
  return g_strdup_printf ("%s-%s.db", _("coachbook-backup"), today);
}

void
cb_backup_ui_write_async (CbStore             *store,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  cb_store_work_async (store, write_backup, g_strdup (path), g_free, g_free,
                       cancellable, callback, user_data);
}

/**
 * cb_backup_ui_write_finish:
 *
 * Returns: (transfer full) (nullable): the backup's path, or %NULL with
 *   @error set
 */
char *
cb_backup_ui_write_finish (GAsyncResult  *result,
                           GError       **error)
{
  return cb_store_work_finish (result, error);
}

static void
show_restore_help (GtkWidget  *parent,
                   const char *path)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("“%s” holds every record, private notes included. Keep it somewhere only you can reach.\n\n"
                            "To restore it, quit Coachbook and run:\n"
                            "coachbook-cli restore %s\n\n"
                            "The restored laptop then takes a new identity, so nothing restored can clash "
                            "with edits your colleagues already have."),
                          base, path);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Backup Saved"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_backup_ui_write_finish (result, &error);

  if (path == NULL)
    {
      cb_view_error (parent, error);
      return;
    }
  show_restore_help (parent, path);
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  GtkWidget *parent = g_object_get_data (G_OBJECT (dialog), "parent");
  CbStore *store = g_object_get_data (G_OBJECT (dialog), "store");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autofree char *db = cb_store_get_path (store) ? g_canonicalize_filename (cb_store_get_path (store), NULL) : NULL;
      g_autofree char *chosen = path ? g_canonicalize_filename (path, NULL) : NULL;

      if (path == NULL)
        cb_view_toast (parent, _("Choose a folder on this computer to save the backup in."));
      else if (g_strcmp0 (db, chosen) == 0)
        cb_view_toast (parent, _("Choose another name: that is the database itself."));
      else
        cb_backup_ui_write_async (store, path, NULL, on_written_cb, g_object_ref (parent));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/**
 * cb_backup_ui_run:
 * @parent: a widget of the window, for the dialogs and the messages
 *
 * Asks where to save, then writes the backup.
 */
void
cb_backup_ui_run (GtkWidget *parent,
                  CbStore   *store)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = cb_backup_ui_suggested_name ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CB_IS_STORE (store));

  gtk_file_filter_set_name (filter, _("Coachbook backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  chooser = cb_file_chooser_new (parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("Back Up Coachbook"),
                                 _("_Back Up"), filter, name);
  g_object_set_data_full (G_OBJECT (chooser), "parent", g_object_ref (parent), g_object_unref);
  g_object_set_data_full (G_OBJECT (chooser), "store", g_object_ref (store), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
