/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import's inside, shared by its writer (cb-exchange-import.c) and
 * its parser thread (cb-exchange-reader.c). Not public API. */
#pragma once

#include <libxml/xmlreader.h>

#include "cb-exchange.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* The guarded stream a file is read through (cb-exchange-reader.c). */
typedef struct _Source Source;

/* What the import did to one record, over all files (writer). */
typedef struct
{
  guint       file;     /* the last file that held it */
  guint       kind;     /* index in the kinds table */
  int         item;     /* index in report->items, or -1 */
  guint8      outcome;  /* CbMergeOutcome over all files */
} Entry;

/* From the parser to the writer, in the order of the files. */
typedef struct
{
  CbState  *record;     /* NULL: the parser's last message */
  GError   *error;      /* with no record: why the parser stopped, or NULL */
  guint     entry;      /* index in entries */
  guint     kind;       /* index in the kinds table */
  guint     file;
  int       line;
  guint64   pos;        /* bytes read over all files when the record ended */
} Msg;

/* Records go to the writer in batches, a few batches ahead at most: a
 * bound on the memory the queue holds, and few enough hand-overs that
 * the threads do not wake each other for every record. */
#define BATCH_RECORDS 64
#define QUEUE_BATCHES 4

typedef struct _Input Input;

/* A fast 128-bit hash of a file's bytes (cb-exchange-seen.c). */
#define CB_FILE_HASH_HEX 33

typedef struct
{
  guint64 a, b, len;
  guint8  tail[8];
  guint   n_tail;
} CbFileHash;

void     cb_file_hash_init       (CbFileHash           *h);
void     cb_file_hash_update     (CbFileHash           *h,
                                  const guint8         *p,
                                  gsize                 len);
void     cb_file_hash_end        (const CbFileHash     *h,
                                  char                  hex[CB_FILE_HASH_HEX]);
gboolean cb_import_seen_check    (CbStore              *store,
                                  const Input          *input,
                                  char                  hex[CB_FILE_HASH_HEX],
                                  CbImportReport       *report);
gboolean cb_import_seen_remember (CbStore              *store,
                                  const char           *hex,
                                  const CbImportReport *report,
                                  GError              **error);

typedef struct
{
  /* set up before the parser starts, read by both threads */
  const Input      *inputs;
  guint             n_inputs;
  char            **names;     /* display names of the inputs */
  char             *passphrase; /* (nullable): guarded copy, for encrypted files */
  GCancellable     *cancellable;
  guint64           bytes_total;
  gint64            wall_ms;
  char              own_replica[CB_REPLICA_LEN + 1];
  GAsyncQueue      *queue;     /* of GPtrArray* of Msg*, parser → writer */
  GAsyncQueue      *slots;     /* QUEUE_BATCHES tokens, writer → parser */
  gint              stop;      /* atomic: the writer stopped, so must the parser */

  /* the writer (the calling thread) only */
  CbStore          *store;
  CbImportReport   *report;
  const char       *snapshot_path;
  gboolean          snapshot_taken;
  CbImportProgress  progress;
  gpointer          progress_data;
  guint64           bytes_reported;
  gint64            far_max;
  gint64            own_counter; /* the last counter this laptop issued */
  GArray           *entries;   /* of Entry */
  gboolean          own_collision; /* a stamp of this laptop's on two texts */
  char              collision_replica[CB_REPLICA_LEN + 1];
  char             *collision_here; /* its name here before the import */
  guint             collision_file;

  /* the parser only, until it has finished */
  gint64            own_ahead;   /* the highest the files say it issued */
  GHashTable       *seen;      /* uuid → index + 1 in entries */
  GStringChunk     *strings;
  GArray           *last_file; /* of guint: per entry, the last file that held it */
  GPtrArray        *authors;   /* replica, author, named triples to note */
  char            **file_authors; /* per file, its maker's name (set before its records) */
  guint64           bytes_before;
  GPtrArray        *batch;     /* of Msg*, not handed over yet */

  /* the file being read (parser) */
  const char       *name;
  guint             file;
  Source           *source;
  char              file_hash[CB_FILE_HASH_HEX]; /* of the bytes read, the only file */
  xmlTextReaderPtr  reader;
  gboolean          root_seen;
  char             *xml_message;
  int               xml_line;
  int               xml_code;
  int               xml_domain;

  /* the record being read */
  CbState          *record;
  const CbKind     *kind;
  int               record_line;
  gboolean          in_value;
  const CbField    *value_field;
  char              value_replica[CB_REPLICA_LEN + 1];
  gint64            value_counter;
  gint64            value_clock;
  GString          *text;
  GString          *attrs[5];  /* scratch for read_attributes() */
  int               value_line;
} Import;

struct _Input
{
  const char   *path;    /* NULL: bytes */
  GBytes       *bytes;
  guint64       size;
  const char   *name;    /* (nullable): bytes' display name */
};

void     cb_import_init_libxml (void);
void     cb_import_msg_free    (Msg      *msg);
gpointer cb_import_parse_files (gpointer  data);

G_END_DECLS
