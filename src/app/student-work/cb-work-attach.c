/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-file-chooser.h"
#include "cb-image.h"
#include "cb-view-util.h"
#include "cb-work-attach.h"

typedef struct
{
  CbStore *store;
  char    *parent;
  char    *path;    /* or: */
  GBytes  *bytes;   /* a pasted image */
  char    *title;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->store);
  g_free (job->parent);
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->title);
  g_free (job);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImage) image = cb_store_work_finish (result, &error);
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *title = NULL;
  char *uuid;

  if (image == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  width = g_strdup_printf ("%d", image->width);
  height = g_strdup_printf ("%d", image->height);
  title = job->title ? g_strdup (job->title) : g_path_get_basename (job->path);
  {
    const char *names[] = { "parent", "title", "photo", "thumbnail", "width", "height" };
    const char *values[] = { job->parent, title, image->photo, image->thumbnail, width, height };

    uuid = cb_store_create (job->store, "student_work", names, values, G_N_ELEMENTS (names), &error);
  }
  if (uuid == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, uuid, g_free);
  g_object_unref (task);
}

static gpointer
import_photo (CbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return cb_image_import_file (data, error);
}

static gpointer
import_bytes (CbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return cb_image_import_bytes (data, error);
}

/**
 * cb_work_attach_file_async:
 * @widget: the view asking, for its window's messages
 * @parent: the record the photo belongs to
 * @path: the photo's file
 *
 * Reads, checks and re-encodes @path off the main loop, then saves a
 * student_work record of @parent with it.
 */
void
cb_work_attach_file_async (GtkWidget           *widget,
                           CbStore             *store,
                           const char          *parent,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CB_IS_STORE (store));
  g_return_if_fail (parent != NULL && path != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_work_attach_file_async);
  job = g_new0 (Job, 1);
  job->store = g_object_ref (store);
  job->parent = g_strdup (parent);
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, job_free);
  cb_store_work_async (store, import_photo, g_strdup (path), g_free, (GDestroyNotify) cb_image_free,
                       cancellable, on_imported_cb, task);
}

/**
 * cb_work_attach_bytes_async:
 * @bytes: an image's file contents (PNG or JPEG), such as a pasted one
 * @title: what the new sample is called
 *
 * Like cb_work_attach_file_async(), from bytes in memory.
 */
void
cb_work_attach_bytes_async (GtkWidget           *widget,
                            CbStore             *store,
                            const char          *parent,
                            GBytes              *bytes,
                            const char          *title,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CB_IS_STORE (store));
  g_return_if_fail (parent != NULL && bytes != NULL && title != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_work_attach_bytes_async);
  job = g_new0 (Job, 1);
  job->store = g_object_ref (store);
  job->parent = g_strdup (parent);
  job->bytes = g_bytes_ref (bytes);
  job->title = g_strdup (title);
  g_task_set_task_data (task, job, job_free);
  cb_store_work_async (store, import_bytes, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref,
                       (GDestroyNotify) cb_image_free, cancellable, on_imported_cb, task);
}

/**
 * cb_work_attach_file_finish:
 *
 * Returns: (transfer full) (nullable): the new student_work's UUID
 */
char *
cb_work_attach_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cb_work_attached_cb:
 *
 * A callback for the attach functions that says in the window what
 * happened: a toast, or the photo refused.
 */
void
cb_work_attached_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = cb_work_attach_file_finish (result, &error);

  if (uuid == NULL)
    cb_view_error (GTK_WIDGET (source), error);
  else
    cb_view_toast (GTK_WIDGET (source), _("Photo of student work added"));
}

static void
on_chosen_cb (GtkNativeDialog *dialog,
              int              response,
              GtkWidget       *widget)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      CbStore *store = g_object_get_data (G_OBJECT (dialog), "store");
      const char *parent = g_object_get_data (G_OBJECT (dialog), "parent");

      if (path != NULL)
        cb_work_attach_file_async (widget, store, parent, path, NULL, cb_work_attached_cb, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (widget);
}

/**
 * cb_work_choose_photo:
 *
 * Asks for a JPEG or PNG photo and attaches it to @parent.
 */
void
cb_work_choose_photo (GtkWidget  *widget,
                      CbStore    *store,
                      const char *parent)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_file_filter_set_name (filter, _("Photos (JPEG, PNG)"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  chooser = cb_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_OPEN, _("Add a Photo of Student Work"),
                                 _("_Add"), filter, NULL);
  g_object_set_data_full (G_OBJECT (chooser), "store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (chooser), "parent", g_strdup (parent), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chosen_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CbStore *store = g_object_get_data (G_OBJECT (target), "store");
  const char *parent = g_object_get_data (G_OBJECT (target), "parent");
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        cb_work_attach_file_async (widget, store, parent, path, NULL, cb_work_attached_cb, NULL);
    }
  return files != NULL;
}

/**
 * cb_work_add_drop_target:
 *
 * Photos dropped on @widget are attached to @parent.
 */
void
cb_work_add_drop_target (GtkWidget  *widget,
                         CbStore    *store,
                         const char *parent)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_object_set_data_full (G_OBJECT (target), "store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (target), "parent", g_strdup (parent), g_free);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), NULL);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}
