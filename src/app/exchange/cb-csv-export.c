/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-csv-export.h"
#include "cb-file-chooser.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

typedef struct
{
  CbCsvKind  kind;
  char      *path;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_free (job);
}

static gpointer
write_csv (CbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  /* Excel reads UTF-8 only after a byte order mark. */
  if (!cb_csv_write_file (store, job->kind, CB_CSV_FLAGS_BOM, job->path, error))
    return NULL;
  return g_strdup (job->path);
}

/**
 * cb_csv_export_suggested_name:
 *
 * Returns: (transfer full): "coaching-log-2025-10-06.csv" and the like
 */
char *
cb_csv_export_suggested_name (CbCsvKind kind)
{
  g_autofree char *today = cb_today_string ();
  const char *base;

  switch (kind)
    {
    case CB_CSV_COACHING_LOG:
      /* TRANSLATORS: a file name, no spaces */
      base = _("coaching-log");
      break;
    case CB_CSV_ACTION_ITEM:
      base = _("action-items");
      break;
    case CB_CSV_CYCLE:
      base = _("coaching-cycles");
      break;
    case CB_CSV_EXIT_TICKET:
      base = _("exit-tickets");
      break;
    case CB_CSV_EXIT_SUMMARY:
      base = _("exit-ticket-summary");
      break;
    case CB_CSV_ATTENDANCE:
    default:
      base = _("pd-attendance");
      break;
    }
  return g_strdup_printf ("%s-%s.csv", base, today);
}

void
cb_csv_export_file_async (CbStore             *store,
                          CbCsvKind            kind,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  cb_store_work_async (store, write_csv, job, job_free, g_free, cancellable, callback, user_data);
}

gboolean
cb_csv_export_file_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_autofree char *path = cb_store_work_finish (result, error);

  return path != NULL;
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_store_work_finish (result, &error);

  if (path == NULL)
    {
      cb_view_error (parent, error);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    /* TRANSLATORS: %s is a file name */
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), base);
    cb_view_toast (parent, message);
  }
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  GtkWidget *parent = g_object_get_data (G_OBJECT (dialog), "parent");
  CbStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  CbCsvKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cb_csv_export_file_async (store, kind, path, NULL, on_written_cb, g_object_ref (parent));
      else
        cb_view_toast (parent, _("Choose a folder on this computer to save the spreadsheet in."));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/**
 * cb_csv_export_run:
 * @parent: a widget of the window, for the dialog and the messages
 *
 * Asks where to save, then writes the spreadsheet.
 */
void
cb_csv_export_run (GtkWidget *parent,
                   CbStore   *store,
                   CbCsvKind  kind)
{
  static const char *titles[] = {
    N_("Export the Coaching Log"),
    N_("Export the Action Items"),
    N_("Export PD Attendance"),
    N_("Export the Coaching Cycles"),
    N_("Export the Exit-Ticket Answers"),
    N_("Export the Exit-Ticket Summary"),
  };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = cb_csv_export_suggested_name (kind);
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CB_IS_STORE (store));
  g_return_if_fail (kind <= CB_CSV_EXIT_SUMMARY);

  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  chooser = cb_file_chooser_new (parent, GTK_FILE_CHOOSER_ACTION_SAVE, _(titles[kind]),
                                 _("_Export"), filter, name);
  g_object_set_data_full (G_OBJECT (chooser), "parent", g_object_ref (parent), g_object_unref);
  g_object_set_data_full (G_OBJECT (chooser), "store", g_object_ref (store), g_object_unref);
  g_object_set_data (G_OBJECT (chooser), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
