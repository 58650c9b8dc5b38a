/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exchange work on a GTask thread. Each job opens its own connection to
 * the window's database (SQLite connections are not shared between
 * threads) and closes it before it returns. After an import commits,
 * the finish function, on the main thread, tells the window's own
 * connection: its clock observes the import's, and its "changed" signal
 * fires for everything, so every view reloads. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-crypt.h"
#include "cb-exchange-jobs.h"
#include "cb-exchange-logic.h"
#include "cb-sync-secret.h"

struct _CbJobProgress
{
  gatomicrefcount ref_count;
  int             permille;   /* atomic */
};

typedef struct
{
  char          *db_path;
  char          *author;
  char          *target;      /* export: the file; sync: the folder */
  GStrv          paths;
  gboolean       dry_run;
  CbJobProgress *progress;
  double         base;        /* this phase's share of the progress bar */
  double         span;
  gint64         hlc;         /* the worker connection's clock at the end */
  char          *passphrase;  /* (nullable): guarded, for encrypted files */
  gboolean       encrypt;     /* sync: encrypt this laptop's file */
} JobData;

/* CbJobProgress */

CbJobProgress *
cb_job_progress_new (void)
{
  CbJobProgress *self = g_new0 (CbJobProgress, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

CbJobProgress *
cb_job_progress_ref (CbJobProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cb_job_progress_unref (CbJobProgress *self)
{
  if (self != NULL && g_atomic_ref_count_dec (&self->ref_count))
    g_free (self);
}

/**
 * cb_job_progress_get_fraction:
 *
 * Returns: how far the job is, from 0 to 1; safe from any thread
 */
double
cb_job_progress_get_fraction (CbJobProgress *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return g_atomic_int_get (&self->permille) / 1000.0;
}

static void
set_fraction (JobData *data,
              double   fraction)
{
  int permille;

  if (data->progress == NULL)
    return;
  permille = (int) ((data->base + CLAMP (fraction, 0.0, 1.0) * data->span) * 1000.0);
  g_atomic_int_set (&data->progress->permille, CLAMP (permille, 0, 1000));
}

static void
on_import_progress_cb (guint64  bytes_done,
                       guint64  bytes_total,
                       gpointer user_data)
{
  set_fraction (user_data, bytes_total > 0 ? (double) bytes_done / (double) bytes_total : 0.0);
}

static void
set_phase (JobData *data,
           double   base,
           double   span)
{
  data->base = base;
  data->span = span;
  set_fraction (data, 0.0);
}

/* JobData */

static void
job_data_free (JobData *data)
{
  g_free (data->db_path);
  g_free (data->author);
  g_free (data->target);
  g_strfreev (data->paths);
  g_clear_pointer (&data->progress, cb_job_progress_unref);
  cb_crypt_passphrase_free (data->passphrase);
  g_free (data);
}

static JobData *
job_data_new (CbStore       *store,
              CbJobProgress *progress)
{
  JobData *data = g_new0 (JobData, 1);

  data->db_path = g_strdup (cb_store_get_path (store));
  data->author = g_strdup (cb_store_get_author (store));
  data->progress = progress ? cb_job_progress_ref (progress) : NULL;
  data->span = 1.0;
  return data;
}

/* Tags @task and gives it its JobData, for the caller to fill in before
 * it runs the thread. Returns NULL when @store cannot be shared: @task
 * has then returned its error. */
static JobData *
job_start (GTask         *task,
           CbStore       *store,
           gpointer       source_tag,
           CbJobProgress *progress)
{
  JobData *data;

  g_task_set_source_tag (task, source_tag);
  if (cb_store_get_path (store) == NULL)
    {
      g_task_return_new_error (task, CB_STORE_ERROR, CB_STORE_ERROR_FAILED, "%s",
                               _("Sharing needs a database file; this one is only in memory."));
      return NULL;
    }
  data = job_data_new (store, progress);
  g_task_set_task_data (task, data, (GDestroyNotify) job_data_free);
  return data;
}

/* The thread's own connection. */
static CbStore *
open_worker_store (JobData  *data,
                   GError  **error)
{
  CbStore *store = cb_store_open_worker (data->db_path, error);

  if (store != NULL)
    cb_store_set_author (store, data->author);
  return store;
}

/* After an import committed on the worker's connection. */
static void
tell_window_store (CbStore *store,
                   gint64   hlc)
{
  cb_store_observe_hlc (store, hlc);
  /* Many records changed on another connection: every view reloads. */
  g_signal_emit_by_name (store, "changed", NULL, NULL);
}

/* Export */

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(CbStore) store = NULL;
  GError *error = NULL;

  store = open_worker_store (data, &error);
  if (store == NULL ||
      !cb_exchange_export_encrypted (store, data->target, data->passphrase, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cb_exchange_job_export_async:
 * @path: the file to write
 * @passphrase: (nullable): encrypt the file with it; copied into
 *   guarded memory and wiped when the job is done
 *
 * Writes this laptop's exchange file on a worker thread.
 */
void
cb_exchange_job_export_async (CbStore             *store,
                              const char          *path,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JobData *data;

  g_return_if_fail (CB_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  if ((data = job_start (task, store, cb_exchange_job_export_async, NULL)) == NULL)
    return;
  data->target = g_strdup (path);
  data->passphrase = cb_crypt_passphrase_dup (passphrase);
  g_task_run_in_thread (task, export_thread);
}

gboolean
cb_exchange_job_export_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cb_exchange_job_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Import */

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(CbStore) store = NULL;
  g_autofree char *snapshot = NULL;
  CbImportReport *report;
  GError *error = NULL;

  store = open_worker_store (data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!data->dry_run && (snapshot = cb_import_snapshot_path (&error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report = cb_exchange_import_encrypted (store, (const char * const *) data->paths, data->dry_run,
                                         snapshot, data->passphrase, on_import_progress_cb, data,
                                         cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->hlc = cb_store_get_hlc (store);
  g_task_return_pointer (task, report, (GDestroyNotify) cb_import_report_free);
}

/**
 * cb_exchange_job_import_async:
 * @paths: (array zero-terminated=1): exchange files
 * @dry_run: only the preview: everything is rolled back
 * @passphrase: (nullable): opens encrypted files; copied into guarded
 *   memory and wiped when the job is done
 * @progress: (nullable): follows the bytes read
 *
 * Imports on a worker thread. A real import takes an Undo snapshot in
 * the user's cache folder first (CbImportReport.snapshot).
 */
void
cb_exchange_job_import_async (CbStore             *store,
                              const char * const  *paths,
                              gboolean             dry_run,
                              const char          *passphrase,
                              CbJobProgress       *progress,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JobData *data;

  g_return_if_fail (CB_IS_STORE (store));
  g_return_if_fail (paths != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  if ((data = job_start (task, store, cb_exchange_job_import_async, progress)) == NULL)
    return;
  data->paths = g_strdupv ((char **) paths);
  data->dry_run = dry_run;
  data->passphrase = cb_crypt_passphrase_dup (passphrase);
  g_task_run_in_thread (task, import_thread);
}

/**
 * cb_exchange_job_import_finish:
 * @store: the store given to cb_exchange_job_import_async()
 *
 * After a real import that changed something, @store's views reload.
 *
 * Returns: (transfer full) (nullable): the report
 */
CbImportReport *
cb_exchange_job_import_finish (CbStore       *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  CbImportReport *report;
  JobData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cb_exchange_job_import_async, NULL);

  report = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL && !report->dry_run && report->n_changed > 0)
    tell_window_store (store, data->hlc);
  return report;
}

/* Sync */

/* An encrypted sync folder: the passphrase given, else the keyring's. */
static gboolean
find_sync_passphrase (JobData       *data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  if (!data->encrypt || data->passphrase != NULL)
    return TRUE;
  data->passphrase = cb_sync_secret_lookup_sync (cancellable, NULL);
  if (data->passphrase != NULL)
    return TRUE;
  g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED,
                       _("The sync folder is encrypted, and no passphrase is kept on this laptop."));
  return FALSE;
}

static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(CbStore) store = NULL;
  g_autofree char *snapshot = NULL;
  CbSyncReport *report;
  GError *error = NULL;

  store = find_sync_passphrase (data, cancellable, &error) ? open_worker_store (data, &error) : NULL;
  if (store == NULL || (snapshot = cb_import_snapshot_path (&error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* the same code as `coachbook-cli sync` */
  report = cb_sync_run (store, data->target, data->passphrase, snapshot, on_import_progress_cb, data, cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->hlc = cb_store_get_hlc (store);
  set_phase (data, 1.0, 0.0);
  g_task_return_pointer (task, report, (GDestroyNotify) cb_sync_report_free);
}

/**
 * cb_exchange_job_sync_async:
 * @folder: the sync folder
 *
 * cb_sync_run() on a worker thread, with an Undo snapshot: writes this
 * laptop's changes into @folder and imports what is new there. Files
 * that cannot be imported are left out and named in the result.
 */
void
cb_exchange_job_sync_async (CbStore             *store,
                            const char          *folder,
                            gboolean             encrypt,
                            const char          *passphrase,
                            CbJobProgress       *progress,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JobData *data;

  g_return_if_fail (CB_IS_STORE (store));
  g_return_if_fail (folder != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  if ((data = job_start (task, store, cb_exchange_job_sync_async, progress)) == NULL)
    return;
  data->target = g_strdup (folder);
  data->encrypt = encrypt;
  data->passphrase = cb_crypt_passphrase_dup (passphrase);
  g_task_run_in_thread (task, sync_thread);
}

/**
 * cb_exchange_job_sync_finish:
 *
 * Returns: (transfer full) (nullable): what the sync did
 */
CbSyncReport *
cb_exchange_job_sync_finish (CbStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  CbSyncReport *out;
  JobData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cb_exchange_job_sync_async, NULL);

  out = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (out != NULL && out->report != NULL && out->report->n_changed > 0)
    tell_window_store (store, data->hlc);
  return out;
}
