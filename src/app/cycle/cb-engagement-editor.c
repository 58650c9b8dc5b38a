/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scope of services and how much of it is done. The dashboard
 * follows the records: a PD session or a coaching log saved anywhere
 * moves it, after a short delay, read on a worker thread. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-bar-chart.h"
#include "cb-contract.h"
#include "cb-csv.h"
#include "cb-editor.h"
#include "cb-editor-widget.h"
#include "cb-engagement-editor.h"
#include "cb-engagement-logic.h"
#include "cb-file-chooser.h"
#include "cb-packet.h"
#include "cb-record-editor.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define RELOAD_DELAY_MS 500

struct _CbEngagementEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  CbBarChart        *chart;
  GtkListBox        *dates_list;
  CbRecordEditor    *fields;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  CbDelivered       *delivered;
  GCancellable      *cancellable;
  guint              reload_id;
};

G_DEFINE_FINAL_TYPE (CbEngagementEditor, cb_engagement_editor, CB_TYPE_EDITOR_WIDGET)

static gpointer
load_delivered (CbStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return cb_delivered_load (store, data, error);
}

static char *
dates_text (GPtrArray *dates)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      g_autofree char *label = cb_date_label (g_ptr_array_index (dates, i), NULL);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, label);
    }
  return g_string_free (out, FALSE);
}

static void
add_dates_row (CbEngagementEditor *self,
               const char         *title,
               GPtrArray          *dates)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = dates_text (dates);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *text ? text : _("None yet"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_append (self->dates_list, row);
}

static void
show_delivered (CbEngagementEditor *self)
{
  g_autoptr(GArray) bars = NULL;

  cb_bar_chart_clear (self->chart);
  cb_view_clear_list (self->dates_list);
  if (self->delivered == NULL)
    return;
  bars = cb_delivered_bars (self->delivered);
  for (guint i = 0; i < bars->len; i++)
    {
      CbDeliveredBar *bar = &g_array_index (bars, CbDeliveredBar, i);
      cb_bar_chart_add (self->chart, bar->label, bar->delivered, MAX (bar->planned, 0.0001), bar->text);
    }
  add_dates_row (self, _("Launch PD days"), self->delivered->launch_dates);
  add_dates_row (self, _("PD days"), self->delivered->pd_dates);
  add_dates_row (self, _("Coaching days"), self->delivered->coaching_dates);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CbDelivered *delivered = cb_store_work_finish (result, &error);
  CbEngagementEditor *self;

  if (delivered == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cb_view_error (GTK_WIDGET (user_data), error);
      return;
    }
  self = CB_ENGAGEMENT_EDITOR (user_data);
  g_clear_pointer (&self->delivered, cb_delivered_free);
  self->delivered = delivered;
  show_delivered (self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbEngagementEditor *self = data;

  self->reload_id = 0;
  cb_engagement_editor_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore            *store,
                     const char         *kind,
                     const char         *uuid,
                     CbEngagementEditor *self)
{
  static const char * const counted[] = {
    "engagement", "pd_session", "coaching_log", "segment", "observation", NULL
  };

  if (self->uuid == NULL || (kind != NULL && !g_strv_contains (counted, kind)))
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* Export of the delivered-against-planned table, for invoicing */

typedef struct
{
  char            *engagement;
  char            *path;
  CbContractFormat format;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->engagement);
  g_free (job->path);
  g_free (job);
}

static gpointer
write_export (CbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ExportJob *job = data;
  gboolean ok;

  if (job->format == CB_CONTRACT_CSV)
    /* Excel reads UTF-8 only after a byte order mark. */
    ok = cb_csv_write_delivered_file (store, job->engagement, CB_CSV_FLAGS_BOM, job->path, error);
  else
    {
      double width, height;

      cb_packet_default_paper (&width, &height);
      ok = cb_contract_write_pdf (store, job->engagement, job->path, width, height, error);
    }
  return ok ? g_strdup (job->path) : NULL;
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_store_work_finish (result, &error);

  if (path == NULL)
    {
      cb_view_error (self, error);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    /* TRANSLATORS: %s is a file name */
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), base);

    cb_view_toast (self, message);
  }
}

static void
on_export_file_chosen_cb (GtkNativeDialog    *dialog,
                          int                 response,
                          CbEngagementEditor *self)
{
  CbContractFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));

  if (response == GTK_RESPONSE_ACCEPT && self->uuid != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cb_engagement_editor_export_async (self, format, path, NULL, on_exported_cb, g_object_ref (self));
      else
        cb_view_toast (GTK_WIDGET (self), _("Choose a folder on this computer to save the file in."));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbEngagementEditor *self = CB_ENGAGEMENT_EDITOR (widget);
  CbContractFormat format = g_str_has_suffix (action_name, "pdf") ? CB_CONTRACT_PDF : CB_CONTRACT_CSV;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->uuid == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  name = cb_engagement_editor_suggested_name (self, format);
  if (format == CB_CONTRACT_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_pattern (filter, "*.pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  chooser = cb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE,
                                 format == CB_CONTRACT_PDF ? _("Export Delivered against Planned as PDF")
                                                           : _("Export Delivered against Planned as a Spreadsheet"),
                                 _("_Export"), filter, name);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cb_engagement_editor_unmap (GtkWidget *widget)
{
  cb_editor_flush (CB_EDITOR (CB_ENGAGEMENT_EDITOR (widget)));

  GTK_WIDGET_CLASS (cb_engagement_editor_parent_class)->unmap (widget);
}

static void
cb_engagement_editor_dispose (GObject *object)
{
  CbEngagementEditor *self = CB_ENGAGEMENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_ENGAGEMENT_EDITOR);
  g_clear_object (&self->names);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->delivered, cb_delivered_free);

  G_OBJECT_CLASS (cb_engagement_editor_parent_class)->dispose (object);
}

static void
cb_engagement_editor_finalize (GObject *object)
{
  CbEngagementEditor *self = CB_ENGAGEMENT_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);

  G_OBJECT_CLASS (cb_engagement_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbEngagementEditor *self = CB_ENGAGEMENT_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);

  g_return_if_fail (CB_IS_ENGAGEMENT_EDITOR (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->fields, names);
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbEngagementEditor *self = CB_ENGAGEMENT_EDITOR (editor);
  g_autofree char *copy = g_strdup (uuid);
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_ENGAGEMENT_EDITOR (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->delivered, cb_delivered_free);
  show_delivered (self);
  if (copy != NULL)
    ok = cb_record_editor_load (self->fields, copy, FALSE);
  else
    cb_record_editor_clear (self->fields);
  if (!ok)
    g_clear_pointer (&copy, g_free);
  self->uuid = g_steal_pointer (&copy);
  cb_engagement_editor_reload (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  CbEngagementEditor *self = CB_ENGAGEMENT_EDITOR (editor);
  g_return_if_fail (CB_IS_ENGAGEMENT_EDITOR (self));

  cb_record_editor_flush (self->fields);
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  CbEngagementEditor *self = CB_ENGAGEMENT_EDITOR (editor);
  g_return_val_if_fail (CB_IS_ENGAGEMENT_EDITOR (self), NULL);

  return self->uuid;
}

static void
cb_engagement_editor_class_init (CbEngagementEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_engagement_editor_dispose;
  object_class->finalize = cb_engagement_editor_finalize;
  widget_class->unmap = cb_engagement_editor_unmap;

  g_type_ensure (CB_TYPE_BAR_CHART);
  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-engagement-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbEngagementEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbEngagementEditor, chart);
  gtk_widget_class_bind_template_child (widget_class, CbEngagementEditor, dates_list);
  gtk_widget_class_bind_template_child (widget_class, CbEngagementEditor, fields);
  gtk_widget_class_install_action (widget_class, "engagement.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "engagement.export-pdf", NULL, export_action);
}

static void
cb_engagement_editor_init (CbEngagementEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
cb_engagement_editor_new (void)
{
  return g_object_new (CB_TYPE_ENGAGEMENT_EDITOR, NULL);
}

/**
 * cb_engagement_editor_reload:
 *
 * Counts what was delivered again, on a worker thread.
 */
void
cb_engagement_editor_reload (CbEngagementEditor *self)
{
  g_return_if_fail (CB_IS_ENGAGEMENT_EDITOR (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names == NULL || self->uuid == NULL)
    return;
  cb_record_editor_flush (self->fields);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cb_store_work_async (cb_names_get_store (self->names), load_delivered, g_strdup (self->uuid), g_free,
                       (GDestroyNotify) cb_delivered_free, self->cancellable, on_loaded_cb, self);
}

/**
 * cb_engagement_editor_get_delivered:
 *
 * Returns: (transfer none) (nullable): what the dashboard shows
 */
CbDelivered *
cb_engagement_editor_get_delivered (CbEngagementEditor *self)
{
  g_return_val_if_fail (CB_IS_ENGAGEMENT_EDITOR (self), NULL);

  return self->delivered;
}

/**
 * cb_engagement_editor_get_child:
 * @name: "chart", "fields" or "dates_list"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_engagement_editor_get_child (CbEngagementEditor *self,
                                const char         *name)
{
  g_return_val_if_fail (CB_IS_ENGAGEMENT_EDITOR (self), NULL);

  if (g_strcmp0 (name, "chart") == 0)
    return GTK_WIDGET (self->chart);
  if (g_strcmp0 (name, "fields") == 0)
    return GTK_WIDGET (self->fields);
  if (g_strcmp0 (name, "dates_list") == 0)
    return GTK_WIDGET (self->dates_list);
  return NULL;
}

/**
 * cb_engagement_editor_suggested_name:
 *
 * Returns: (transfer full): "delivered-<engagement>-<date>.csv" or ".pdf"
 */
char *
cb_engagement_editor_suggested_name (CbEngagementEditor *self,
                                     CbContractFormat    format)
{
  g_autofree char *today = cb_today_string ();
  g_autoptr(CbRecord) record = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CB_IS_ENGAGEMENT_EDITOR (self), NULL);

  if (self->names != NULL && self->uuid != NULL)
    record = cb_store_get (cb_names_get_store (self->names), self->uuid, NULL);
  title = g_strdup (record && cb_record_get_title (record) ? cb_record_get_title (record) : "");
  g_strdelimit (g_strstrip (title), "/\\:*?\"<>|", '-');
  /* TRANSLATORS: the start of a file name, no spaces */
  return g_strdup_printf ("%s%s%s-%s.%s", _("delivered"), *title ? "-" : "", title, today,
                          format == CB_CONTRACT_PDF ? "pdf" : "csv");
}

/**
 * cb_engagement_editor_export_async:
 * @path: the file to write
 *
 * Writes the shown engagement's delivered-against-planned table as a
 * spreadsheet or a PDF on a worker thread with its own connection. No
 * private record is counted (cb_delivered_load_shared()).
 */
void
cb_engagement_editor_export_async (CbEngagementEditor  *self,
                                   CbContractFormat     format,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ExportJob *job;

  g_return_if_fail (CB_IS_ENGAGEMENT_EDITOR (self));
  g_return_if_fail (self->names != NULL && self->uuid != NULL);
  g_return_if_fail (path != NULL);

  cb_editor_flush (CB_EDITOR (self));
  job = g_new0 (ExportJob, 1);
  job->engagement = g_strdup (self->uuid);
  job->path = g_strdup (path);
  job->format = format;
  cb_store_work_async (cb_names_get_store (self->names), write_export, job, export_job_free, g_free,
                       cancellable, callback, user_data);
}

/**
 * cb_engagement_editor_export_finish:
 *
 * Returns: %TRUE when the file was written
 */
gboolean
cb_engagement_editor_export_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_autofree char *path = cb_store_work_finish (result, error);

  return path != NULL;
}
