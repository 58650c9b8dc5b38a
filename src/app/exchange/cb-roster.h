/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* Roster import from CSV: a person per line, its columns the person's
 * fields the kinds table flags CB_FIELD_ROSTER, found by their titles. */

typedef struct _CbRosterReport CbRosterReport;

struct _CbRosterReport
{
  guint      n_lines;        /* data lines read (the header not counted) */
  guint      n_people;       /* people added */
  guint      n_schools;      /* schools added */
  guint      n_skipped;
  GPtrArray *messages;       /* one line per skipped line: why */
};

#define CB_ROSTER_MAX_BYTES (8 * 1024 * 1024)

GPtrArray      *cb_csv_parse               (const char      *text,
                                            gsize            length,
                                            GError         **error);
char            cb_csv_detect_separator    (const char      *text,
                                            gsize            length);
const char     *cb_roster_parse_role       (const char      *text);
char           *cb_roster_describe_columns (void);

CbRosterReport *cb_roster_import_text      (CbStore         *store,
                                            const char      *text,
                                            gsize            length,
                                            GError         **error);
void            cb_roster_import_async     (CbStore         *store,
                                            GFile           *file,
                                            GCancellable    *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer         user_data);
CbRosterReport *cb_roster_import_finish    (GAsyncResult    *result,
                                            GError         **error);

char           *cb_roster_report_summary   (const CbRosterReport *report);
char           *cb_roster_report_details   (const CbRosterReport *report);
void            cb_roster_report_free      (CbRosterReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbRosterReport, cb_roster_report_free)

G_END_DECLS
