/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-csv.h"

G_BEGIN_DECLS

/* Spreadsheet export from the window: a file chooser, then the CSV
 * written on a worker thread with its own connection (cb_csv_write_file,
 * which leaves private records and fields out). */
void        cb_csv_export_run          (GtkWidget           *parent,
                                        CbStore             *store,
                                        CbCsvKind            kind);
void        cb_csv_export_file_async   (CbStore             *store,
                                        CbCsvKind            kind,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    cb_csv_export_file_finish  (GAsyncResult        *result,
                                        GError             **error);
char       *cb_csv_export_suggested_name (CbCsvKind          kind);

G_END_DECLS
