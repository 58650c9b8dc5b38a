/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-exchange-text.h"
#include "cb-merge.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* The exchange file (docs/exchange-format.md). */
#define CB_EXCHANGE_NAMESPACE       "https://coachbook.github.io/ns/exchange"
/* The newest format this build reads; change files (sync folder) are
 * written in it, full files in CB_EXCHANGE_FORMAT_FULL, which the
 * Coachbook before change files reads too. */
#define CB_EXCHANGE_FORMAT          3
#define CB_EXCHANGE_FORMAT_FULL     2
#define CB_EXCHANGE_SCHEMA_RESOURCE "/io/github/coachbook/Coachbook/exchange.rng"
#define CB_EXCHANGE_SUFFIX          ".coachbook.xml"
/* Files larger than this are refused before they are parsed. */
#define CB_EXCHANGE_MAX_FILE_SIZE   ((guint64) 1 << 30)
/* The longest text one value may hold in a file (libxml2's own limit). */
#define CB_EXCHANGE_MAX_VALUE_SIZE  ((gsize) 10000000)

#define CB_EXCHANGE_ERROR (cb_exchange_error_quark ())

typedef enum
{
  CB_EXCHANGE_ERROR_IO,           /* the file could not be read or written */
  CB_EXCHANGE_ERROR_EMPTY,        /* the file is empty */
  CB_EXCHANGE_ERROR_COMPRESSED,   /* gzip, zip, xz…: never unpacked */
  CB_EXCHANGE_ERROR_NOT_XML,      /* does not start like an XML file */
  CB_EXCHANGE_ERROR_ENCODING,     /* not UTF-8, or declares another encoding */
  CB_EXCHANGE_ERROR_TOO_LARGE,    /* over CB_EXCHANGE_MAX_FILE_SIZE */
  CB_EXCHANGE_ERROR_DOCTYPE,      /* has a DOCTYPE (entities, external DTD) */
  CB_EXCHANGE_ERROR_MALFORMED,    /* not well-formed XML, or too deep/large */
  CB_EXCHANGE_ERROR_NOT_EXCHANGE, /* XML, but not a Coachbook exchange file */
  CB_EXCHANGE_ERROR_TOO_NEW,      /* made by a newer Coachbook */
  CB_EXCHANGE_ERROR_INVALID,      /* breaks the schema or the kinds table */
  CB_EXCHANGE_ERROR_DUPLICATE,    /* one record twice in one file */
  CB_EXCHANGE_ERROR_PRIVATE,      /* carries a private field or record */
  CB_EXCHANGE_ERROR_ENCRYPTED,    /* encrypted, and no passphrase was given */
  CB_EXCHANGE_ERROR_PASSPHRASE,   /* the passphrase does not open the file */
  CB_EXCHANGE_ERROR_DECRYPT,      /* encrypted, damaged or cut short */
} CbExchangeError;

/**
 * CbImportProgress:
 * @bytes_done: bytes read so far, over all files
 * @bytes_total: the size of all files
 *
 * Called from the thread running the import, at most every 256 KiB.
 */
typedef void (*CbImportProgress) (guint64  bytes_done,
                                  guint64  bytes_total,
                                  gpointer user_data);

/* One record an import added, updated or put in conflict. */
typedef struct
{
  char           *uuid;
  const char     *kind;     /* static: the kinds table's name */
  char           *title;    /* the displayed title after the merge, cut short */
  CbMergeOutcome  outcome;
} CbImportItem;

/* Records per kind; each record counted once whatever the number of files. */
typedef struct
{
  const char *kind;         /* static: the kinds table's name */
  guint       added;
  guint       updated;
  guint       conflicts;
  guint       unchanged;
} CbImportCounts;

typedef struct
{
  GArray     *counts;       /* of CbImportCounts, one per kind, table order */
  GPtrArray  *items;        /* of CbImportItem*, every record not unchanged */
  GPtrArray  *warnings;     /* of char*, translated sentences */
  guint       n_records;    /* distinct records read in all files */
  guint       n_changed;    /* records added, updated or put in conflict */
  guint       n_far_future; /* values stamped more than a day ahead */
  guint       n_collisions; /* stamps found on two different texts; both kept */
  gboolean    new_replica;  /* this laptop took a new replica id */
  gboolean    dry_run;      /* nothing was committed */
  char       *snapshot;     /* (nullable): the Undo snapshot, when one was taken */
} CbImportReport;

GQuark          cb_exchange_error_quark   (void);

gboolean        cb_exchange_export        (CbStore            *store,
                                           const char         *path,
                                           GCancellable       *cancellable,
                                           GError            **error);
gboolean        cb_exchange_export_encrypted (CbStore         *store,
                                           const char         *path,
                                           const char         *passphrase,
                                           GCancellable       *cancellable,
                                           GError            **error);
char           *cb_exchange_default_filename (CbStore         *store);
GBytes         *cb_exchange_export_changes (CbStore            *store,
                                            const char         *replica,
                                            gint64              first,
                                            gint64              last,
                                            const char * const *extra,
                                            const char         *covers,
                                            GPtrArray          *withheld,
                                            guint              *n_records,
                                            GCancellable       *cancellable,
                                            GError            **error);

CbImportReport *cb_exchange_import        (CbStore            *store,
                                           const char * const *paths,
                                           gboolean            dry_run,
                                           CbImportProgress    progress,
                                           gpointer            user_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
CbImportReport *cb_exchange_import_full   (CbStore            *store,
                                           const char * const *paths,
                                           gboolean            dry_run,
                                           const char         *snapshot_path,
                                           CbImportProgress    progress,
                                           gpointer            user_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
CbImportReport *cb_exchange_import_encrypted (CbStore         *store,
                                           const char * const *paths,
                                           gboolean            dry_run,
                                           const char         *snapshot_path,
                                           const char         *passphrase,
                                           CbImportProgress    progress,
                                           gpointer            user_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
CbImportReport *cb_exchange_import_many_bytes (CbStore          *store,
                                           GBytes * const     *bytes,
                                           const char * const *names,
                                           guint               n,
                                           gboolean            dry_run,
                                           const char         *snapshot_path,
                                           CbImportProgress    progress,
                                           gpointer            user_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
CbImportReport *cb_exchange_import_bytes  (CbStore            *store,
                                           GBytes             *bytes,
                                           gboolean            dry_run,
                                           GError            **error);

const CbImportCounts *cb_import_report_get_counts (const CbImportReport *report,
                                                   const char           *kind);
void            cb_import_report_free     (CbImportReport     *report);

guint           cb_exchange_fields_version (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbImportReport, cb_import_report_free)

G_END_DECLS
