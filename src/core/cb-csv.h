/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* Spreadsheet export: RFC 4180 CSV (comma-separated, fields quoted when
 * needed, CRLF line ends), UTF-8, one header row. Private records and
 * private fields are never written; see docs/privacy.md. */

typedef enum
{
  CB_CSV_COACHING_LOG,   /* one row per activity segment */
  CB_CSV_ACTION_ITEM,    /* one row per action item */
  CB_CSV_ATTENDANCE,     /* one row per person signed in to a PD session */
  CB_CSV_CYCLE,          /* one row per coaching cycle, with its latest data point */
  CB_CSV_INQUIRY,        /* one row per inquiry cycle, with its place in its chain */
  CB_CSV_EXIT_TICKET,    /* one row per exit-ticket answer */
  CB_CSV_EXIT_SUMMARY,   /* one row per exit-ticket question of a session */
  CB_CSV_WALK_COUNTS,    /* one row per walkthrough form item: counts of each score */
} CbCsvKind;

typedef enum
{
  CB_CSV_FLAGS_NONE = 0,
  CB_CSV_FLAGS_BOM  = 1 << 0,  /* start with a UTF-8 byte order mark, for Excel */
} CbCsvFlags;

gboolean    cb_csv_kind_from_string (const char     *name,
                                     CbCsvKind      *kind);
const char *cb_csv_kind_to_string   (CbCsvKind       kind);

void        cb_csv_append_field     (GString        *line,
                                     const char     *value);
void        cb_csv_append_row       (GString        *out,
                                     const char * const *fields,
                                     guint           n_fields);

gboolean    cb_csv_write            (CbStore        *store,
                                     CbCsvKind       kind,
                                     CbCsvFlags      flags,
                                     GOutputStream  *out,
                                     GCancellable   *cancellable,
                                     GError        **error);
gboolean    cb_csv_write_file       (CbStore        *store,
                                     CbCsvKind       kind,
                                     CbCsvFlags      flags,
                                     const char     *path,
                                     GError        **error);
/* The same, counting only records dated from @date_from to @date_to
 * (YYYY-MM-DD, either may be NULL): for walk_score_counts. */
gboolean    cb_csv_write_range      (CbStore        *store,
                                     CbCsvKind       kind,
                                     CbCsvFlags      flags,
                                     const char     *date_from,
                                     const char     *date_to,
                                     GOutputStream  *out,
                                     GCancellable   *cancellable,
                                     GError        **error);
gboolean    cb_csv_write_file_range (CbStore        *store,
                                     CbCsvKind       kind,
                                     CbCsvFlags      flags,
                                     const char     *date_from,
                                     const char     *date_to,
                                     const char     *path,
                                     GError        **error);

/* The delivered-against-planned table of one engagement, for invoicing. */
gboolean    cb_csv_write_delivered  (CbStore        *store,
                                     const char     *engagement,
                                     CbCsvFlags      flags,
                                     GOutputStream  *out,
                                     GCancellable   *cancellable,
                                     GError        **error);
gboolean    cb_csv_write_delivered_file (CbStore    *store,
                                     const char     *engagement,
                                     CbCsvFlags      flags,
                                     const char     *path,
                                     GError        **error);

/* The year's contract report: delivered against planned, PD attendance
 * and exit tickets by level, meetings held. */
gboolean    cb_csv_write_report_file (CbStore   *store,
                                     const char     *engagement,
                                     CbCsvFlags      flags,
                                     const char     *path,
                                     GError        **error);

G_END_DECLS
