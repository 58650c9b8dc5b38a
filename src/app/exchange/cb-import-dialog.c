/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing colleagues' files: a dry run on a worker thread first (a
 * progress bar and Cancel), the preview of what would change, then the
 * real import, again on the worker, after an Undo snapshot. A file that
 * is broken or hostile stops at the dry run with its message; nothing
 * touches the database until "Import".
 *
 * An encrypted file stops the dry run before anything is parsed; the
 * dialog then asks for its passphrase (again, with the reason, if it
 * was wrong) and reads the files anew with it. The passphrase is kept,
 * in guarded memory, until the real import is done. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-crypt.h"
#include "cb-exchange-jobs.h"
#include "cb-exchange-logic.h"
#include "cb-import-dialog.h"
#include "cb-passphrase-dialog.h"

#define PREVIEW_ROWS     100
#define PROGRESS_POLL_MS 100

typedef enum
{
  STATE_READING,
  STATE_PREVIEW,
  STATE_NOTHING,
  STATE_ERROR,
  STATE_IMPORTING,
  STATE_DONE,
  STATE_CANCELLED,
  STATE_PASSPHRASE,
} State;

struct _CbImportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_button;
  GtkWidget            *import_button;
  GtkStack             *stack;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *warnings_group;
  AdwPreferencesGroup  *kinds_group;
  AdwPreferencesGroup  *records_group;
  AdwStatusPage        *error_page;

  CbStore              *store;
  GStrv                 paths;
  GCancellable         *cancellable;
  CbJobProgress        *progress;
  guint                 poll_id;
  State                 state;
  CbImportReport       *preview;
  char                 *error_message;
  char                 *passphrase;   /* (nullable): guarded, for encrypted files */
};

G_DEFINE_FINAL_TYPE (CbImportDialog, cb_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_job (CbImportDialog *self,
                       gboolean        dry_run);

/* Helpers */

static const char * const state_names[] = {
  "reading", "preview", "nothing", "error", "importing", "done", "cancelled", "passphrase",
};

static void
set_state (CbImportDialog *self,
           State           state)
{
  gboolean busy = state == STATE_READING || state == STATE_IMPORTING;

  self->state = state;
  switch (state)
    {
    case STATE_PASSPHRASE:
      adw_status_page_set_title (self->progress_page, _("Encrypted File"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_stack_set_visible_child_name (self->stack, "progress");
      break;
    case STATE_READING:
    case STATE_IMPORTING:
      adw_status_page_set_title (self->progress_page, state == STATE_READING
                                                      ? _("Reading the Files…") : _("Importing…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_stack_set_visible_child_name (self->stack, "progress");
      break;
    case STATE_PREVIEW:
    case STATE_NOTHING:
      gtk_stack_set_visible_child_name (self->stack, "preview");
      break;
    case STATE_ERROR:
      gtk_stack_set_visible_child_name (self->stack, "error");
      break;
    case STATE_DONE:
    case STATE_CANCELLED:
    default:
      break;
    }

  gtk_widget_set_visible (self->import_button, state == STATE_PREVIEW || state == STATE_READING ||
                                               state == STATE_IMPORTING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit", state == STATE_PREVIEW);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button),
                        state == STATE_NOTHING || state == STATE_ERROR ? _("_Close") : _("_Cancel"));
  gtk_widget_set_tooltip_text (self->cancel_button,
                               busy ? _("Stop; nothing is imported") : NULL);
}

static gboolean
poll_progress_cb (gpointer data)
{
  CbImportDialog *self = data;

  gtk_progress_bar_set_fraction (self->progress_bar, cb_job_progress_get_fraction (self->progress));
  return G_SOURCE_CONTINUE;
}

static void
stop_polling (CbImportDialog *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* One line, ellipsized; not for a title narrower than the ellipsis
   * itself (a walkthrough score's "1"), which GTK 4.8 measures as
   * wider at its minimum than at its natural size, and warns. */
  if (g_utf8_strlen (title, -1) > 3)
    adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_preview (CbImportDialog *self)
{
  const CbImportReport *report = self->preview;
  g_autofree char *summary = cb_import_summary (report);
  g_autoptr(GPtrArray) counts = cb_import_visible_counts (report);
  g_autoptr(GPtrArray) items = cb_import_preview_items (report, PREVIEW_ROWS);

  gtk_label_set_text (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), report->warnings->len > 0);
  for (guint i = 0; i < report->warnings->len; i++)
    {
      GtkWidget *row = new_row (g_ptr_array_index (report->warnings, i), NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (report->warnings, i));
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->warnings_group, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->kinds_group), counts->len > 0);
  for (guint i = 0; i < counts->len; i++)
    {
      const CbImportCounts *c = g_ptr_array_index (counts, i);
      const CbKind *kind = cb_kind_lookup (c->kind);
      g_autofree char *text = cb_import_counts_text (c);

      adw_preferences_group_add (self->kinds_group,
                                 new_row (kind ? cb_kind_get_plural (kind) : c->kind, text));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->records_group), items->len > 0);
  for (guint i = 0; i < items->len; i++)
    {
      const CbImportItem *item = g_ptr_array_index (items, i);
      const CbKind *kind = cb_kind_lookup (item->kind);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", kind ? cb_kind_get_label (kind) : item->kind,
                                                   cb_import_outcome_label (item->outcome));
      const char *title = item->title && *item->title ? item->title : _("Untitled");
      GtkWidget *row = new_row (title, subtitle);

      if (item->outcome == CB_MERGE_CONFLICT)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_set_tooltip_text (icon, _("Two versions: both are kept"));
          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      adw_preferences_group_add (self->records_group, row);
    }
  if (report->items->len > items->len)
    {
      guint more = report->items->len - items->len;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more record",
                                                            "And %u more records", more), more);
      GtkWidget *row = new_row (text, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->records_group, row);
    }

  set_state (self, report->n_changed > 0 ? STATE_PREVIEW : STATE_NOTHING);
  if (report->n_changed > 0)
    gtk_widget_grab_focus (self->import_button);
}

static void
show_error (CbImportDialog *self,
            const GError   *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  g_free (self->error_message);
  self->error_message = g_strdup (error->message);
  adw_status_page_set_description (self->error_page, escaped);
  set_state (self, STATE_ERROR);
}

/* Callbacks */

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_passphrase_cb (char     *passphrase,
                  gpointer  user_data)
{
  CbImportDialog *self = user_data;

  if (self->state != STATE_PASSPHRASE)
    {
      cb_crypt_passphrase_free (passphrase);
      return;
    }
  if (passphrase == NULL)
    {
      /* after the passphrase dialog, which this one carries, is done */
      set_state (self, STATE_CANCELLED);
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (self), g_object_unref);
      return;
    }
  cb_crypt_passphrase_free (self->passphrase);
  self->passphrase = passphrase;
  start_job (self, TRUE);
}

/* The file is encrypted, or the passphrase given did not open it:
 * @error says which, and is the passphrase dialog's text. */
static void
ask_passphrase (CbImportDialog *self,
                const GError   *error)
{
  set_state (self, STATE_PASSPHRASE);
  g_clear_pointer (&self->passphrase, cb_crypt_passphrase_free);
  cb_passphrase_dialog_show (GTK_WINDOW (self), _("Passphrase Needed"), error->message, _("_Open"),
                             FALSE, on_passphrase_cb, g_object_ref (self), g_object_unref);
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CbImportReport *report = cb_exchange_job_import_finish (CB_STORE (source), result, &error);
  gboolean was_dry = self->state == STATE_READING;

  stop_polling (self);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Cancelled while importing: rolled back; the preview stays. */
          if (!was_dry && self->preview != NULL)
            set_state (self, STATE_PREVIEW);
          else
            {
              set_state (self, STATE_CANCELLED);
              gtk_window_destroy (GTK_WINDOW (self));
            }
          return;
        }
      if (was_dry && (g_error_matches (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED) ||
                      g_error_matches (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE)))
        ask_passphrase (self, error);
      else
        show_error (self, error);
      return;
    }

  if (was_dry)
    {
      g_clear_pointer (&self->preview, cb_import_report_free);
      self->preview = report;
      show_preview (self);
      return;
    }

  g_clear_pointer (&self->passphrase, cb_crypt_passphrase_free);
  set_state (self, STATE_DONE);
  g_signal_emit (self, signals[IMPORTED], 0, report);
  cb_import_report_free (report);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_job (CbImportDialog *self,
           gboolean        dry_run)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, cb_job_progress_unref);
  self->cancellable = g_cancellable_new ();
  self->progress = cb_job_progress_new ();
  set_state (self, dry_run ? STATE_READING : STATE_IMPORTING);
  stop_polling (self);
  self->poll_id = g_timeout_add (PROGRESS_POLL_MS, poll_progress_cb, self);
  /* The callback holds the dialog until the worker is done. */
  cb_exchange_job_import_async (self->store, (const char * const *) self->paths, dry_run,
                                self->passphrase, self->progress, self->cancellable, on_job_done_cb,
                                g_object_ref (self));
}

/* Actions */

static void
commit_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CbImportDialog *self = CB_IMPORT_DIALOG (widget);

  if (self->state == STATE_PREVIEW)
    start_job (self, FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CbImportDialog *self = CB_IMPORT_DIALOG (widget);

  if (self->state == STATE_READING || self->state == STATE_IMPORTING)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Overrides */

static gboolean
cb_import_dialog_close_request (GtkWindow *window)
{
  CbImportDialog *self = CB_IMPORT_DIALOG (window);

  /* A running job is cancelled and the dialog stays until it is done:
   * an import may commit before it sees the cancel, and then reports
   * back like any other. */
  if (self->state == STATE_READING || self->state == STATE_IMPORTING)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (cb_import_dialog_parent_class)->close_request (window);
}

static void
cb_import_dialog_dispose (GObject *object)
{
  CbImportDialog *self = CB_IMPORT_DIALOG (object);

  stop_polling (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cb_import_dialog_parent_class)->dispose (object);
}

static void
cb_import_dialog_finalize (GObject *object)
{
  CbImportDialog *self = CB_IMPORT_DIALOG (object);

  g_clear_pointer (&self->progress, cb_job_progress_unref);
  g_clear_pointer (&self->preview, cb_import_report_free);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->passphrase, cb_crypt_passphrase_free);

  G_OBJECT_CLASS (cb_import_dialog_parent_class)->finalize (object);
}

static void
cb_import_dialog_class_init (CbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cb_import_dialog_dispose;
  object_class->finalize = cb_import_dialog_finalize;
  window_class->close_request = cb_import_dialog_close_request;

  /**
   * CbImportDialog::imported:
   * @report: (type gpointer): the CbImportReport of the committed import
   *
   * Emitted once the import committed, just before the dialog closes.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_install_action (widget_class, "import.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, kinds_group);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, records_group);
  gtk_widget_class_bind_template_child (widget_class, CbImportDialog, error_page);
}

static void
cb_import_dialog_init (CbImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cb_import_dialog_new:
 * @parent: the main window
 * @store: the window's store (the import runs on its own connection)
 * @paths: (array zero-terminated=1): the files to import
 *
 * Starts reading the files at once.
 *
 * Returns: (transfer full): a new dialog
 */
CbImportDialog *
cb_import_dialog_new (GtkWindow          *parent,
                      CbStore            *store,
                      const char * const *paths)
{
  CbImportDialog *self;
  g_autofree char *subtitle = NULL;
  guint n;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  self = g_object_new (CB_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->paths = g_strdupv ((char **) paths);
  n = g_strv_length (self->paths);
  if (n == 1)
    subtitle = g_filename_display_basename (paths[0]);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  start_job (self, TRUE);
  return self;
}

/**
 * cb_import_dialog_get_state:
 *
 * For tests: "reading", "preview", "nothing", "error", "importing",
 * "done", "cancelled" or "passphrase" (asking for one).
 */
const char *
cb_import_dialog_get_state (CbImportDialog *self)
{
  g_return_val_if_fail (CB_IS_IMPORT_DIALOG (self), NULL);

  return state_names[self->state];
}

/**
 * cb_import_dialog_get_preview:
 *
 * Returns: (transfer none) (nullable): the dry run's report
 */
const CbImportReport *
cb_import_dialog_get_preview (CbImportDialog *self)
{
  g_return_val_if_fail (CB_IS_IMPORT_DIALOG (self), NULL);

  return self->preview;
}

/**
 * cb_import_dialog_get_error:
 *
 * Returns: (transfer none) (nullable): the message shown, in the error state
 */
const char *
cb_import_dialog_get_error (CbImportDialog *self)
{
  g_return_val_if_fail (CB_IS_IMPORT_DIALOG (self), NULL);

  return self->error_message;
}
