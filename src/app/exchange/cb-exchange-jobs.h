/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-exchange.h"
#include "cb-sync.h"

G_BEGIN_DECLS

/* Export, import and sync on a worker thread, each with its own
 * connection to the window's database (ARCHITECTURE §6): the main loop
 * never waits for them. */

typedef struct _CbJobProgress CbJobProgress;

CbJobProgress  *cb_job_progress_new           (void);
CbJobProgress  *cb_job_progress_ref           (CbJobProgress       *self);
void            cb_job_progress_unref         (CbJobProgress       *self);
double          cb_job_progress_get_fraction  (CbJobProgress       *self);

void            cb_exchange_job_export_async  (CbStore             *store,
                                               const char          *path,
                                               const char          *passphrase,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        cb_exchange_job_export_finish (GAsyncResult        *result,
                                               GError             **error);

void            cb_exchange_job_import_async  (CbStore             *store,
                                               const char * const  *paths,
                                               gboolean             dry_run,
                                               const char          *passphrase,
                                               CbJobProgress       *progress,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CbImportReport *cb_exchange_job_import_finish (CbStore             *store,
                                               GAsyncResult        *result,
                                               GError             **error);

void            cb_exchange_job_sync_async    (CbStore             *store,
                                               const char          *folder,
                                               gboolean             encrypt,
                                               const char          *passphrase,
                                               CbJobProgress       *progress,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CbSyncReport   *cb_exchange_job_sync_finish   (CbStore             *store,
                                               GAsyncResult        *result,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbJobProgress, cb_job_progress_unref)

G_END_DECLS
