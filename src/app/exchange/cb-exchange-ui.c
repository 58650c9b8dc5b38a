/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sharing with colleagues, in the window: "Export for Colleagues…",
 * "Import from Colleagues…", "Sync Now" and files dropped on the window.
 * Work runs on worker threads (cb-exchange-jobs.c); results come back
 * as toasts, failures as dialogs with the reason.
 *
 * Undo: an import takes a snapshot of the database first; the toast's
 * "Undo" puts it back with cb_store_restore_backup(). The offer
 * is withdrawn as soon as anything else is written to the database:
 * restoring then would also throw away that later edit.
 *
 * Encrypted export: the passphrase is asked twice after the file is
 * chosen and handed to the job in guarded memory (cb-crypt.h); the
 * import dialog asks for it when a file turns out to be encrypted.
 *
 * Sync at close: when a sync folder is set, closing the window writes
 * this laptop's file there and imports the colleagues' files before the
 * window goes, with a small progress window and a button to skip. The
 * close request is refused while the sync runs (no nested main loop),
 * for at most SYNC_AT_CLOSE_TIMEOUT_S; then the sync is cancelled
 * (nothing of it is committed), and either way the window is closed
 * again once it is over. A failure is shown in
 * that progress window, which closes itself after ERROR_LINGER_S. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cb-crypt.h"
#include "cb-exchange-jobs.h"
#include "cb-exchange-logic.h"
#include "cb-exchange-ui.h"
#include "cb-file-chooser.h"
#include "cb-passphrase-dialog.h"

#define UI_KEY                  "cb-exchange-ui"
#define UNDO_TOAST_TIMEOUT_S    15
#define SYNC_AT_CLOSE_TIMEOUT_S 30
#define ERROR_LINGER_S          60
#define POLL_MS                 100

typedef struct
{
  GtkWindow       *window;        /* not owned: the data lives on it */
  AdwToastOverlay *toasts;        /* the window's, not owned */
  CbStore        *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  gboolean        busy;          /* an export or sync is running */
  gboolean        closing;       /* the sync at close is running */
  gboolean        close_synced;

  AdwToast       *busy_toast;    /* "Syncing…", while it is true */
  AdwToast       *undo_toast;
  char           *undo_snapshot;
  char           *sync_folder;   /* the Sync Now running, to ask its passphrase */
  char           *sync_passphrase; /* (nullable): typed this session, guarded */
  gulong          undo_changed_id;
} ExchangeUi;

static ExchangeUi *
get_ui (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), UI_KEY);
}

/* The window's toast (`win.toast`): the one look every message has. */
static void
show_toast (GtkWindow  *window,
            const char *text)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", text);
}

/* Editors write what they hold before the database is read or replaced. */
static void
flush_window (GtkWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.flush", NULL);
}

/* A damaged database only reads (cb_store_mark_damaged()): exports
 * still work, imports would be refused. */
static gboolean
refuse_if_damaged (ExchangeUi *ui)
{
  if (!cb_store_is_damaged (ui->store))
    return FALSE;
  show_toast (ui->window, _("The database is damaged: nothing can be imported into it"));
  return TRUE;
}

static void
show_error_dialog (ExchangeUi *ui,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (ui->window), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo */

static void
drop_undo (ExchangeUi *ui)
{
  if (ui->undo_changed_id != 0)
    g_clear_signal_handler (&ui->undo_changed_id, ui->store);
  if (ui->undo_snapshot != NULL)
    {
      g_unlink (ui->undo_snapshot);
      g_clear_pointer (&ui->undo_snapshot, g_free);
    }
  if (ui->undo_toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&ui->undo_toast);

      g_signal_handlers_disconnect_by_data (toast, ui);
      adw_toast_dismiss (toast);
      g_object_unref (toast);
    }
}

static void
on_undo_toast_dismissed_cb (AdwToast   *toast,
                            ExchangeUi *ui)
{
  if (toast == ui->undo_toast)
    drop_undo (ui);
}

static void
on_undo_clicked_cb (AdwToast   *toast,
                    ExchangeUi *ui)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;

  if (toast != ui->undo_toast || ui->undo_snapshot == NULL)
    return;
  snapshot = g_strdup (ui->undo_snapshot);
  g_clear_signal_handler (&ui->undo_changed_id, ui->store);
  flush_window (ui->window);
  if (!cb_store_restore_backup (ui->store, snapshot, &error))
    {
      drop_undo (ui);
      show_error_dialog (ui, _("The Import Could Not Be Undone"), error->message);
      return;
    }
  drop_undo (ui);
  show_toast (ui->window, _("Import undone"));
}

static void
on_store_changed_after_import_cb (CbStore    *store,
                                  const char *kind,
                                  const char *uuid,
                                  ExchangeUi *ui)
{
  /* A record written here after the import: restoring the snapshot
   * would lose it, so Undo is no longer offered. */
  if (uuid != NULL)
    drop_undo (ui);
}

static void
offer_undo (ExchangeUi *ui,
            const char *text,
            const char *snapshot)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  drop_undo (ui);
  adw_toast_set_timeout (toast, snapshot ? UNDO_TOAST_TIMEOUT_S : 5);
  if (snapshot != NULL)
    {
      /* Normal priority: libadwaita 1.2 asserts when a toast pushed
       * aside by a high-priority one comes back too soon. */
      adw_toast_set_button_label (toast, _("_Undo"));
      ui->undo_snapshot = g_strdup (snapshot);
      ui->undo_toast = g_object_ref (toast);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), ui);
      g_signal_connect (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), ui);
      ui->undo_changed_id = g_signal_connect (ui->store, "changed",
                                              G_CALLBACK (on_store_changed_after_import_cb), ui);
    }
  adw_toast_overlay_add_toast (ui->toasts, toast);
}

/* Export */

typedef struct
{
  GtkWindow *window;
  char     *path;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  g_object_unref (call->window);
  g_free (call->path);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportCall, export_call_free)

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportCall) call = user_data;
  ExchangeUi *ui = get_ui (call->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (ui == NULL)
    return;
  ui->busy = FALSE;
  if (!cb_exchange_job_export_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (ui, _("Export Failed"), error->message);
      return;
    }
  name = g_filename_display_basename (call->path);
  /* TRANSLATORS: %s is a file name */
  text = g_strdup_printf (_("Exported “%s”: give it to your colleagues"), name);
  show_toast (call->window, text);
}

static void
start_export (ExchangeUi *ui,
              const char *path,
              const char *passphrase)
{
  ExportCall *call;

  ui->busy = TRUE;
  flush_window (ui->window);
  call = g_new0 (ExportCall, 1);
  call->window = g_object_ref (ui->window);
  call->path = g_strdup (path);
  cb_exchange_job_export_async (ui->store, path, passphrase, ui->cancellable, on_exported_cb, call);
}

/**
 * cb_exchange_ui_export_to:
 * @path: the file to write
 *
 * Writes this laptop's exchange file on a worker thread; a toast says
 * when it is done.
 */
void
cb_exchange_ui_export_to (GtkWindow  *window,
                          const char *path)
{
  ExchangeUi *ui = get_ui (window);

  g_return_if_fail (path != NULL);

  if (ui == NULL || ui->busy)
    return;
  start_export (ui, path, NULL);
}

typedef struct
{
  GtkWindow *window;
  char      *path;
} EncryptCall;

static void
encrypt_call_free (EncryptCall *call)
{
  g_object_unref (call->window);
  g_free (call->path);
  g_free (call);
}

static void
on_export_passphrase_cb (char     *passphrase,
                         gpointer  user_data)
{
  EncryptCall *call = user_data;
  ExchangeUi *ui = get_ui (call->window);

  if (passphrase != NULL && ui != NULL && !ui->busy)
    start_export (ui, call->path, passphrase);
  cb_crypt_passphrase_free (passphrase);
}

/**
 * cb_exchange_ui_export_encrypted_to:
 * @path: the file to write
 *
 * Asks for a passphrase, twice, then writes this laptop's exchange file
 * encrypted with it on a worker thread.
 *
 * Returns: (transfer none) (nullable): the passphrase dialog
 */
AdwMessageDialog *
cb_exchange_ui_export_encrypted_to (GtkWindow  *window,
                                    const char *path)
{
  ExchangeUi *ui = get_ui (window);
  EncryptCall *call;

  g_return_val_if_fail (path != NULL, NULL);

  if (ui == NULL || ui->busy)
    return NULL;
  call = g_new0 (EncryptCall, 1);
  call->window = g_object_ref (window);
  call->path = g_strdup (path);
  return cb_passphrase_dialog_show (window, _("Choose a Passphrase"),
                                    _("Colleagues need this passphrase to import the file. "
                                      "Tell it to them in person or by phone, not in the mail that carries the file. "
                                      "Without it, nobody can read the file — you neither."),
                                    _("_Export"), TRUE, on_export_passphrase_cb, call,
                                    (GDestroyNotify) encrypt_call_free);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     GtkWindow       *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      gboolean encrypted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "cb-encrypted"));

      if (path != NULL && encrypted)
        cb_exchange_ui_export_encrypted_to (window, path);
      else if (path != NULL)
        cb_exchange_ui_export_to (window, path);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
exchange_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Coachbook exchange files"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_pattern (filter, "*.XML");
  gtk_file_filter_add_pattern (filter, "*" CB_CRYPT_SUFFIX);
  return filter;
}

static void
set_start_folder (ExchangeUi    *ui,
                  GtkFileChooser *chooser)
{
  g_autofree char *folder = ui->settings ? g_settings_get_string (ui->settings, "sync-folder") : NULL;

  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (chooser, dir, NULL);
    }
}

static void
choose_export_file (ExchangeUi *ui,
                    gboolean    encrypted)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = exchange_filter ();
  g_autofree char *name = cb_exchange_default_filename (ui->store);

  if (ui->busy)
    return;
  if (encrypted && g_str_has_suffix (name, CB_EXCHANGE_SUFFIX))
    {
      g_autofree char *plain = g_steal_pointer (&name);

      plain[strlen (plain) - strlen (CB_EXCHANGE_SUFFIX)] = '\0';
      name = g_strconcat (plain, CB_CRYPT_SUFFIX, NULL);
    }
  chooser = cb_file_chooser_new (GTK_WIDGET (ui->window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 encrypted ? _("Export Encrypted for Colleagues") : _("Export for Colleagues"),
                                 _("_Export"), filter, NULL);
  set_start_folder (ui, GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "cb-encrypted", GINT_TO_POINTER (encrypted));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen_cb), ui->window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  choose_export_file (user_data, FALSE);
}

static void
export_encrypted_activated (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  choose_export_file (user_data, TRUE);
}

/* Import */

static void
on_imported_cb (CbImportDialog *dialog,
                gpointer        report_ptr,
                GtkWindow      *window)
{
  const CbImportReport *report = report_ptr;
  ExchangeUi *ui = get_ui (window);
  g_autofree char *text = cb_import_done_text (report);

  if (ui != NULL)
    offer_undo (ui, text, report->snapshot);
}

/**
 * cb_exchange_ui_import_files:
 * @paths: (array zero-terminated=1): exchange files
 *
 * Opens the import dialog, which reads @paths at once and shows what
 * importing them would change.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
CbImportDialog *
cb_exchange_ui_import_files (GtkWindow          *window,
                             const char * const *paths)
{
  ExchangeUi *ui = get_ui (window);
  CbImportDialog *dialog;

  g_return_val_if_fail (paths != NULL, NULL);

  if (ui == NULL || paths[0] == NULL || refuse_if_damaged (ui))
    return NULL;
  flush_window (window);
  dialog = cb_import_dialog_new (GTK_WINDOW (window), ui->store, paths);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static char **
paths_of_files (GListModel *files)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (b, path);
    }
  return g_strv_builder_end (b);
}

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     GtkWindow       *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_auto(GStrv) paths = paths_of_files (files);

      cb_exchange_ui_import_files (window, (const char * const *) paths);
    }
  g_object_unref (chooser);
}

static void
import_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  ExchangeUi *ui = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = exchange_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = cb_file_chooser_new (GTK_WIDGET (ui->window), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("Import from Colleagues"), _("_Open"), filter, NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  set_start_folder (ui, GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen_cb), ui->window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            ExchangeUi    *ui)
{
  GdkFileList *list;
  GSList *files;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      if (path != NULL)
        g_strv_builder_add (b, path);
    }
  g_slist_free (files);
  paths = g_strv_builder_end (b);
  if (paths[0] == NULL)
    {
      show_toast (ui->window, _("Only files on this computer can be imported"));
      return FALSE;
    }
  return cb_exchange_ui_import_files (ui->window, (const char * const *) paths) != NULL;
}

/* Sync */

static gboolean
sync_encrypted (ExchangeUi *ui)
{
  return ui->settings != NULL && g_settings_get_boolean (ui->settings, "sync-encrypt");
}

static void start_sync (ExchangeUi *ui,
                        const char *folder,
                        const char *passphrase);

typedef struct
{
  GtkWindow *window;
  char      *folder;
} SyncCall;

static void
sync_call_free (SyncCall *call)
{
  g_object_unref (call->window);
  g_free (call->folder);
  g_free (call);
}

static void
on_sync_passphrase_cb (char     *passphrase,
                       gpointer  user_data)
{
  SyncCall *call = user_data;
  ExchangeUi *ui = get_ui (call->window);

  if (passphrase != NULL && ui != NULL && !ui->busy)
    {
      /* kept until the window closes, for its Sync Now and its sync at close */
      cb_crypt_passphrase_free (ui->sync_passphrase);
      ui->sync_passphrase = cb_crypt_passphrase_dup (passphrase);
      start_sync (ui, call->folder, passphrase);
    }
  else if (ui != NULL && !ui->busy && ui->busy_toast != NULL)
    {
      /* cancelled: the sync that asked is over */
      adw_toast_dismiss (ui->busy_toast);
      g_clear_object (&ui->busy_toast);
    }
  cb_crypt_passphrase_free (passphrase);
}

/* No keyring, or nothing kept in it: the team's passphrase, for this
 * sync only. */
static void
ask_sync_passphrase (ExchangeUi *ui,
                     const char *folder)
{
  SyncCall *call = g_new0 (SyncCall, 1);

  call->window = g_object_ref (ui->window);
  call->folder = g_strdup (folder);
  cb_passphrase_dialog_show (ui->window, _("Sync Folder Passphrase"),
                             _("The sync folder is encrypted. Type the passphrase your team shares; "
                               "to be asked no more, keep it in Preferences."),
                             _("_Sync"), FALSE, on_sync_passphrase_cb, call, (GDestroyNotify) sync_call_free);
}

/* The dialog's text for files left out: each with its problem, and
 * what happens to them. */
static char *
left_out_body (GPtrArray *lines)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (body, "%s\n\n", (const char *) g_ptr_array_index (lines, i));
  g_string_append (body, g_dngettext (GETTEXT_PACKAGE,
                                      "This file will be tried again at the next sync.",
                                      "These files will be tried again at the next sync.", lines->len));
  return g_string_free (body, FALSE);
}

static void
on_details_clicked_cb (AdwToast   *toast,
                       ExchangeUi *ui)
{
  show_error_dialog (ui, _("Some Files Were Left Out"), g_object_get_data (G_OBJECT (toast), "body"));
}

/* Files whose problem was shown before: a toast names how many, and
 * its Details shows them again. */
static void
offer_details (ExchangeUi *ui,
               GPtrArray  *skipped)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u unreadable file",
                                                         "%u unreadable files",
                                                         skipped->len),
                                            skipped->len);
  AdwToast *toast = adw_toast_new (title);

  drop_undo (ui);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_button_label (toast, _("_Details"));
  g_object_set_data_full (G_OBJECT (toast), "body", left_out_body (skipped), g_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_details_clicked_cb), ui);
  adw_toast_overlay_add_toast (ui->toasts, toast);
}

/* Dismisses "Syncing…" from an idle, after the toasts and dialogs of
 * the sync's result are in place. */
static gboolean
dismiss_busy_cb (gpointer data)
{
  AdwToast *toast = data;

  adw_toast_dismiss (toast);
  g_object_unref (toast);
  return G_SOURCE_REMOVE;
}

static void
dismiss_busy_later (ExchangeUi *ui)
{
  if (ui->busy_toast != NULL)
    g_idle_add (dismiss_busy_cb, g_steal_pointer (&ui->busy_toast));
}

static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  ExchangeUi *ui = get_ui (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSyncReport) sync = NULL;
  g_autofree char *text = NULL;
  const char *snapshot;

  if (ui == NULL)
    return;
  ui->busy = FALSE;
  sync = cb_exchange_job_sync_finish (CB_STORE (source), result, &error);
  if (sync == NULL && g_error_matches (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED) &&
      ui->sync_folder != NULL)
    {
      g_autofree char *folder = g_steal_pointer (&ui->sync_folder);

      /* "Syncing…" stays up while the passphrase is asked: dismissing
       * it and adding another one while its hide animation runs under
       * a modal dialog crashes libadwaita 1.2. */
      ask_sync_passphrase (ui, folder);
      return;
    }
  /* "Syncing…" goes only once what follows is shown: dismissing it
   * first and adding a toast or a dialog while its hide animation runs
   * crashes libadwaita 1.2 (a use-after-free in the toast overlay). */
  dismiss_busy_later (ui);
  g_clear_pointer (&ui->sync_folder, g_free);
  if (g_error_matches (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE))
    g_clear_pointer (&ui->sync_passphrase, cb_crypt_passphrase_free);
  if (sync == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (ui, _("Sync Failed"), error->message);
      return;
    }
  text = cb_sync_done_text (sync);
  snapshot = sync->report ? sync->report->snapshot : NULL;
  if (sync->locked != NULL)
    g_ptr_array_insert (sync->skipped_new, 0, g_strdup (sync->locked));
  if (sync->skipped_new->len > 0)
    {
      /* a file's problem is shown once; later syncs only mention it */
      g_autofree char *body = left_out_body (sync->skipped_new);

      offer_undo (ui, text, snapshot);
      show_error_dialog (ui, _("Some Files Were Left Out"), body);
    }
  else if (sync->skipped->len > 0 && snapshot == NULL)
    offer_details (ui, sync->skipped);
  else
    offer_undo (ui, text, snapshot);
}

static void
start_sync (ExchangeUi *ui,
            const char *folder,
            const char *passphrase)
{
  ui->busy = TRUE;
  flush_window (ui->window);
  g_free (ui->sync_folder);
  ui->sync_folder = g_strdup (folder);
  if (ui->busy_toast == NULL)
    {
      ui->busy_toast = g_object_ref (adw_toast_new (_("Syncing with colleagues…")));
      adw_toast_set_timeout (ui->busy_toast, 0);
      adw_toast_overlay_add_toast (ui->toasts, ui->busy_toast);
    }
  cb_exchange_job_sync_async (ui->store, folder, sync_encrypted (ui), passphrase, NULL, ui->cancellable,
                              on_synced_cb, g_object_ref (ui->window));
}

/**
 * cb_exchange_ui_sync_to:
 * @folder: the sync folder
 *
 * Writes this laptop's file into @folder, then imports the colleagues'
 * files found there, on a worker thread; a toast says what came in.
 */
void
cb_exchange_ui_sync_to (GtkWindow  *window,
                        const char *folder)
{
  ExchangeUi *ui = get_ui (window);

  g_return_if_fail (folder != NULL);

  if (ui == NULL || ui->busy || refuse_if_damaged (ui))
    return;
  start_sync (ui, folder, ui->sync_passphrase);
}

static void
on_sync_folder_chosen_cb (GtkNativeDialog *chooser,
                          int              response,
                          GtkWindow       *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cb_exchange_ui_sync_to (window, path);
    }
  g_object_unref (chooser);
}

static void
sync_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ExchangeUi *ui = user_data;
  g_autofree char *folder = ui->settings ? g_settings_get_string (ui->settings, "sync-folder") : NULL;
  GtkFileChooserNative *chooser;

  if (ui->busy)
    return;
  if (folder != NULL && *folder != '\0')
    {
      cb_exchange_ui_sync_to (ui->window, folder);
      return;
    }
  /* No folder in Preferences: ask, this time only. */
  chooser = cb_file_chooser_new (GTK_WIDGET (ui->window), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                 _("Sync Folder"), _("_Sync"), NULL, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_sync_folder_chosen_cb), ui->window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Sync at close */

typedef struct
{
  GtkWindow      *owner;        /* the window closing, ref held */
  gboolean        done;
  gboolean        finished;     /* the progress window is gone */
  GError         *error;
  GtkWidget      *window;
  GtkLabel       *label;
  GtkProgressBar *bar;
  GtkButton      *button;
  CbJobProgress  *progress;
  GCancellable   *cancellable;
  guint           poll_id;
  guint           timeout_id;
} CloseSync;

static void
close_sync_free (CloseSync *cs)
{
  g_clear_error (&cs->error);
  g_clear_pointer (&cs->progress, cb_job_progress_unref);
  g_clear_object (&cs->cancellable);
  g_clear_object (&cs->owner);
}

/* The sync is over (done, failed and seen, skipped or too slow): the
 * progress window goes, and the window closes again, this time for
 * good. A sync still running is cancelled, so its import commits
 * nothing. */
static void
finish_close (CloseSync *cs)
{
  ExchangeUi *ui;

  if (cs->finished)
    return;
  cs->finished = TRUE;
  if (!cs->done)
    g_cancellable_cancel (cs->cancellable);
  g_clear_handle_id (&cs->poll_id, g_source_remove);
  g_clear_handle_id (&cs->timeout_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (cs->window, cs);
  g_signal_handlers_disconnect_by_data (cs->button, cs);
  gtk_window_destroy (GTK_WINDOW (cs->window));
  cs->window = NULL;
  ui = get_ui (cs->owner);
  if (ui != NULL)
    {
      ui->closing = FALSE;
      ui->close_synced = TRUE;
    }
  gtk_window_close (cs->owner);
  g_rc_box_release_full (cs, (GDestroyNotify) close_sync_free);
}

static gboolean
on_close_sync_timeout_cb (gpointer data)
{
  CloseSync *cs = data;

  cs->timeout_id = 0;
  finish_close (cs);
  return G_SOURCE_REMOVE;
}

static gboolean
on_close_sync_poll_cb (gpointer data)
{
  CloseSync *cs = data;

  gtk_progress_bar_set_fraction (cs->bar, cb_job_progress_get_fraction (cs->progress));
  return G_SOURCE_CONTINUE;
}

static void
on_close_synced_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CloseSync *cs = user_data;
  g_autoptr(CbSyncReport) sync = NULL;

  if (!cs->finished)
    {
      sync = cb_exchange_job_sync_finish (CB_STORE (source), result, &cs->error);
      cs->done = TRUE;
      if (cs->error != NULL && !g_error_matches (cs->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: %s says why */
          g_autofree char *text = g_strdup_printf (_("Sync failed: %s"), cs->error->message);

          /* The failure stays on screen until seen, or for a while. */
          g_clear_handle_id (&cs->poll_id, g_source_remove);
          g_clear_handle_id (&cs->timeout_id, g_source_remove);
          gtk_label_set_text (cs->label, text);
          gtk_widget_set_visible (GTK_WIDGET (cs->bar), FALSE);
          gtk_button_set_label (cs->button, _("_Close"));
          cs->timeout_id = g_timeout_add_seconds (ERROR_LINGER_S, on_close_sync_timeout_cb, cs);
        }
      else
        finish_close (cs);
    }
  g_rc_box_release_full (cs, (GDestroyNotify) close_sync_free);
}

static void
on_close_sync_button_clicked_cb (GtkButton *button,
                                 CloseSync *cs)
{
  finish_close (cs);
}

static gboolean
on_close_sync_window_close_cb (GtkWindow *window,
                               CloseSync *cs)
{
  finish_close (cs);
  return TRUE;
}

static GtkWidget *
build_close_sync_window (ExchangeUi *ui,
                         CloseSync  *cs,
                         const char *folder)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Syncing with Colleagues"));
  g_autofree char *text = g_strdup_printf (_("Writing your file to “%s” and reading your colleagues’ files."),
                                           folder);

  gtk_window_set_title (GTK_WINDOW (window), _("Syncing with Colleagues"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (ui->window));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (box), title);
  cs->label = GTK_LABEL (gtk_label_new (text));
  gtk_label_set_wrap (cs->label, TRUE);
  gtk_label_set_max_width_chars (cs->label, 40);
  gtk_label_set_justify (cs->label, GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cs->label));
  cs->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cs->bar));
  cs->button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Close Without Syncing")));
  gtk_widget_set_halign (GTK_WIDGET (cs->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (cs->button), "pill");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cs->button));
  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect (cs->button, "clicked", G_CALLBACK (on_close_sync_button_clicked_cb), cs);
  g_signal_connect (window, "close-request", G_CALLBACK (on_close_sync_window_close_cb), cs);
  return window;
}

/**
 * cb_exchange_ui_sync_before_close:
 *
 * Called when the window is asked to close: with a sync folder set,
 * starts the sync at close (see the top of this file) and refuses this
 * close; the window is closed again once the sync is done, skipped or
 * given up.
 *
 * Returns: %TRUE if the close must not go on now
 */
gboolean
cb_exchange_ui_sync_before_close (GtkWindow *window)
{
  ExchangeUi *ui = get_ui (window);
  g_autofree char *folder = NULL;
  CloseSync *cs;

  if (ui == NULL)
    return FALSE;
  if (ui->closing)
    return TRUE;
  if (ui->close_synced || ui->settings == NULL)
    return FALSE;
  if (cb_store_is_damaged (ui->store))
    return FALSE;
  folder = g_settings_get_string (ui->settings, "sync-folder");
  if (folder == NULL || *folder == '\0')
    return FALSE;

  ui->closing = TRUE;
  drop_undo (ui);
  cs = g_rc_box_new0 (CloseSync);
  cs->owner = g_object_ref (window);
  cs->progress = cb_job_progress_new ();
  cs->cancellable = g_cancellable_new ();
  cs->window = build_close_sync_window (ui, cs, folder);
  gtk_window_present (GTK_WINDOW (cs->window));

  /* The close waits for the sync without blocking: the window stays
   * until finish_close() closes it again. */
  cs->poll_id = g_timeout_add (POLL_MS, on_close_sync_poll_cb, cs);
  cs->timeout_id = g_timeout_add_seconds (SYNC_AT_CLOSE_TIMEOUT_S, on_close_sync_timeout_cb, cs);
  cb_exchange_job_sync_async (ui->store, folder, sync_encrypted (ui), ui->sync_passphrase,
                              cs->progress, cs->cancellable,
                              on_close_synced_cb, g_rc_box_acquire (cs));
  return TRUE;
}

/* Setup */

static void
exchange_ui_free (ExchangeUi *ui)
{
  g_cancellable_cancel (ui->cancellable);
  drop_undo (ui);
  g_clear_pointer (&ui->sync_folder, g_free);
  g_clear_pointer (&ui->sync_passphrase, cb_crypt_passphrase_free);
  g_clear_object (&ui->busy_toast);
  g_clear_object (&ui->cancellable);
  g_clear_object (&ui->settings);
  g_clear_object (&ui->store);
  g_free (ui);
}

/**
 * cb_exchange_ui_setup:
 * @settings: (nullable): the application's settings
 *
 * Adds the "exchange" actions (export, import, sync) and the drop
 * target for exchange files to @window.
 */
void
cb_exchange_ui_setup (GtkWindow       *window,
                      AdwToastOverlay *toasts,
                      CbStore         *store,
                      GSettings       *settings)
{
  const GActionEntry entries[] = {
    { "export", export_activated },
    { "export-encrypted", export_encrypted_activated },
    { "import", import_activated },
    { "sync", sync_activated },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  ExchangeUi *ui = g_new0 (ExchangeUi, 1);
  GtkDropTarget *target;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (CB_IS_STORE (store));

  ui->window = window;
  ui->toasts = toasts;
  ui->store = g_object_ref (store);
  ui->settings = settings ? g_object_ref (settings) : NULL;
  ui->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (window), UI_KEY, ui, (GDestroyNotify) exchange_ui_free);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), ui);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "exchange", G_ACTION_GROUP (group));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), ui);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
}

gboolean
cb_exchange_ui_is_busy (GtkWindow *window)
{
  ExchangeUi *ui = get_ui (window);

  return ui != NULL && (ui->busy || ui->closing);
}

/**
 * cb_exchange_ui_get_undo_toast:
 *
 * For tests.
 *
 * Returns: (transfer none) (nullable): the toast offering to undo the
 *   last import, while it is offered
 */
AdwToast *
cb_exchange_ui_get_undo_toast (GtkWindow *window)
{
  ExchangeUi *ui = get_ui (window);

  return ui ? ui->undo_toast : NULL;
}
