/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The debrief's packet for the teacher: built by src/report (which
 * applies the privacy rule), printed with GtkPrintOperation or written
 * as a PDF on a worker thread; the debrief.print and debrief.save-pdf
 * actions and the "packet-saved" signal. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-debrief-view-private.h"
#include "cb-file-chooser.h"
#include "cb-packet.h"
#include "cb-view-util.h"

enum {
  PACKET_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CbPacket *
make_packet (CbDebriefView *self)
{
  g_autoptr(GError) error = NULL;
  CbPacket *packet;

  cb_debrief_view_flush (self);
  packet = cb_packet_new (_cb_debrief_view_get_store (self), self->uuid, &error);
  if (packet == NULL)
    cb_view_error (GTK_WIDGET (self), error);
  return packet;
}

static void
on_begin_print_cb (GtkPrintOperation *op,
                   GtkPrintContext   *context,
                   CbPacket          *packet)
{
  guint n = cb_packet_get_n_pages (packet, gtk_print_context_get_width (context),
                                   gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (op, MAX (1, (int) n));
}

static void
on_draw_page_cb (GtkPrintOperation *op,
                 GtkPrintContext   *context,
                 int                page,
                 CbPacket          *packet)
{
  cb_packet_draw_page (packet, gtk_print_context_get_cairo_context (context), page,
                       gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
on_print_done_cb (GtkPrintOperation       *op,
                  GtkPrintOperationResult  result,
                  CbDebriefView           *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (op, &error);
      cb_view_error (GTK_WIDGET (self), error);
    }
  g_object_unref (op);
}

static GtkPrintOperation *
new_print_operation (CbDebriefView *self,
                     CbPacket      *packet)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  double w, h;

  cb_packet_default_paper (&w, &h);
  paper = gtk_paper_size_new (w < 600 ? GTK_PAPER_NAME_A4 : GTK_PAPER_NAME_LETTER);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_job_name (op, cb_packet_get_title (packet));
  g_object_set_data_full (G_OBJECT (op), "packet", packet, (GDestroyNotify) cb_packet_free);
  g_signal_connect (op, "begin-print", G_CALLBACK (on_begin_print_cb), packet);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_draw_page_cb), packet);
  return op;
}

static void
print_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  CbDebriefView *self = CB_DEBRIEF_VIEW (widget);
  CbPacket *packet = make_packet (self);
  GtkPrintOperation *op;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (packet == NULL)
    return;
  op = new_print_operation (self, packet);
  gtk_print_operation_set_allow_async (op, TRUE);
  g_signal_connect (op, "done", G_CALLBACK (on_print_done_cb), self);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  /* "done" follows in every case and releases the operation */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    cb_view_error (widget, error);
}

typedef struct
{
  CbPacket *packet;
  char     *path;
} PdfJob;

static void
pdf_job_free (gpointer data)
{
  PdfJob *job = data;

  g_clear_pointer (&job->packet, cb_packet_free);
  g_free (job->path);
  g_free (job);
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PdfJob *job = task_data;
  g_autoptr(GError) error = NULL;
  double w, h;

  cb_packet_default_paper (&w, &h);
  if (!cb_packet_write_pdf (job->packet, job->path, w, h, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_pdf_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CbDebriefView *self = CB_DEBRIEF_VIEW (source);
  PdfJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cb_view_error (GTK_WIDGET (self), error);
      g_signal_emit (self, signals[PACKET_SAVED], 0, NULL);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (job->path);
    /* TRANSLATORS: %s is a file name */
    g_autofree char *message = g_strdup_printf (_("Packet saved as “%s”"), base);
    cb_view_toast (GTK_WIDGET (self), message);
  }
  g_signal_emit (self, signals[PACKET_SAVED], 0, job->path);
}

static void
on_pdf_file_chosen_cb (GtkNativeDialog *dialog,
                       int              response,
                       CbDebriefView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cb_debrief_view_save_packet (self, path);
      else if (file != NULL)
        cb_view_toast (GTK_WIDGET (self), _("Choose a folder on this computer to save the packet in."));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  CbDebriefView *self = CB_DEBRIEF_VIEW (widget);
  g_autoptr(CbPacket) packet = make_packet (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;

  if (packet == NULL)
    return;
  suggested = cb_packet_get_suggested_filename (packet);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  chooser = cb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE, _("Save the Teacher’s Packet"),
                                 _("_Save"), filter, suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (on_pdf_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * _cb_debrief_view_packet_init:
 *
 * Installs the packet's `debrief.*` actions and the "packet-saved"
 * signal.
 */
void
_cb_debrief_view_packet_init (GtkWidgetClass *widget_class)
{
  /**
   * CbDebriefView::packet-saved:
   * @path: (nullable): the PDF written, or %NULL if it could not be
   */
  signals[PACKET_SAVED] = g_signal_new ("packet-saved", G_TYPE_FROM_CLASS (widget_class),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "debrief.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "debrief.save-pdf", NULL, save_pdf_action);
}

/**
 * cb_debrief_view_save_packet:
 * @path: where to write the PDF
 *
 * Writes the teacher's packet on a worker thread; "packet-saved" says
 * when it is done.
 *
 * Returns: %FALSE if there is no packet to write (the reason is shown)
 */
gboolean
cb_debrief_view_save_packet (CbDebriefView *self,
                             const char    *path)
{
  g_autoptr(GTask) task = NULL;
  PdfJob *job;
  CbPacket *packet;

  g_return_val_if_fail (CB_IS_DEBRIEF_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((packet = make_packet (self)) == NULL)
    return FALSE;
  job = g_new0 (PdfJob, 1);
  job->packet = packet;
  job->path = g_strdup (path);
  task = g_task_new (self, self->cancellable, on_pdf_written_cb, NULL);
  g_task_set_source_tag (task, cb_debrief_view_save_packet);
  g_task_set_task_data (task, job, pdf_job_free);
  g_task_run_in_thread (task, write_pdf_thread);
  return TRUE;
}

/**
 * cb_debrief_view_export_packet:
 * @path: a PDF file
 *
 * Runs the print operation without its dialog, exporting to @path: the
 * same pages as printing. For tests.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
cb_debrief_view_export_packet (CbDebriefView *self,
                               const char    *path)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  CbPacket *packet;
  GtkPrintOperationResult result;

  g_return_val_if_fail (CB_IS_DEBRIEF_VIEW (self), FALSE);

  if ((packet = make_packet (self)) == NULL)
    return FALSE;
  op = new_print_operation (self, packet);
  gtk_print_operation_set_export_filename (op, path);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}
