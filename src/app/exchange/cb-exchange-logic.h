/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-exchange.h"
#include "cb-sync.h"

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

char       *cb_sync_done_text        (const CbSyncReport   *sync);
char       *cb_sync_status_text      (gint64                synced,
                                      GPtrArray            *colleagues,
                                      GDateTime            *now);
char       *cb_import_snapshot_path  (GError              **error);

G_END_DECLS
