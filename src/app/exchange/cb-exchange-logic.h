/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-exchange.h"

G_BEGIN_DECLS

/* What the import preview, the Undo toast and the sync folder show, as
 * pure functions tested without a display. */

const char *cb_import_outcome_label  (CbMergeOutcome        outcome);
char       *cb_import_counts_text    (const CbImportCounts *counts);
char       *cb_import_summary        (const CbImportReport *report);
char       *cb_import_done_text      (const CbImportReport *report);
GPtrArray  *cb_import_visible_counts (const CbImportReport *report);
GPtrArray  *cb_import_preview_items  (const CbImportReport *report,
                                      guint                 limit);

gboolean    cb_sync_is_colleague_file (const char          *basename,
                                       const char          *own_replica);
GPtrArray  *cb_sync_list_files       (const char           *folder,
                                      const char           *own_replica,
                                      GError              **error);
char       *cb_sync_done_text        (guint                 n_files,
                                      const CbImportReport *report);
char       *cb_import_snapshot_path  (GError              **error);

G_END_DECLS
