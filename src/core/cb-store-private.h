/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's inside, shared by its files (cb-store*.c, see
 * docs/data-model.md) and by the import and search, which write and read
 * through its cached statements. Nothing here is public API. */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

/* Rows of one INSERT into vals: a record's values in one statement. */
#define VALS_PER_INSERT 16

/* The most fields a kind has, its own and the common ones. */
#define MAX_SLOTS 64

struct _CbStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *stmts;      /* sql → sqlite3_stmt* */
  GHashTable *stmts_seen; /* address of an sql string → its statement */
  char       *replica;
  char       *author;
  gint64      counter;    /* last counter this replica issued */
  gint64      data_version; /* PRAGMA data_version when meta was last read */
  gint64      hlc;        /* last clock value issued or observed */
  gint64      clock_offset_ms; /* tests only: a skewed wall clock */
  guint       depth;      /* open transactions */
  gboolean    read_only;  /* PRAGMA query_only: see cb_store_set_read_only() */
  GError     *damage;     /* what a check found: see cb_store_mark_damaged() */
  gboolean    clock_dirty; /* counter/hlc to write to meta at commit */
  guint       spoiled;    /* depth at which an operation failed half-way, or 0 */
  GPtrArray  *pending;    /* kind\nuuid strings, emitted at commit */
  gboolean    pending_all;
  gboolean    bulk;       /* foreign keys off until the transaction ends */
  gint64      fts_from;   /* in bulk: rows from this id on are indexed together, or 0 */
  gboolean    bulk_indexes;    /* in bulk: drop the indexes at the first new record */
  guint64     bulk_index_min;  /* BULK_INDEX_MIN; tests lower it */
  gint64      fts_batch;       /* FTS_BATCH; tests lower it */
  GPtrArray  *dropped_indexes; /* their CREATE statements, run again at commit */
  char      **kind_sql;   /* per kind, replacing and new: the statement writing its k_ row */
  char       *vals_sql[VALS_PER_INSERT]; /* inserting 1… rows into vals */
};

/* One store operation (create, edit, write a merged state). At the top
 * level it is its own transaction. Inside an open one it takes no
 * savepoint, since each would flush the search index's pending terms to
 * a new segment: it checks its input before it writes, SQLite undoes a
 * failed statement, and a failure after its first write spoils the
 * enclosing transaction, which then saves nothing. */
typedef struct
{
  gboolean owned;
  gint64   changes;
} CbStoreOp;

/* A record's row in records, and its kind. */
typedef struct
{
  gint64        id;
  const CbKind *kind;
} CbRecRef;

/* What one record displays, derived from its values: the winner of each
 * field, the caches kept on its records row, its search text. The one
 * place these are computed, whether the values were just read back
 * (local edits) or are the merged state in memory (imports). */
typedef struct
{
  const CbKind    *kind;
  const CbStamped *winner[MAX_SLOTS];
  const char      *privacy;
  gboolean         deleted;
  guint            conflicts;       /* fields holding different values */
  gboolean         deleted_edited;  /* deleted, and edited after that elsewhere */
  const char      *sort_value;      /* (nullable): the sort field's value */
  const char      *title;
  GString         *body;
} CbDisplay;

/* The sort key of a records row, from the sort field's value (?N) and
 * its creation time (?M): "date created", or "created-day created". */
#define CB_SORT_KEY_SQL(value, created) \
  "coalesce (" value " || ' ' || " created ", substr (" created ", 1, 10) || ' ' || " created ")"

/* cb-store.c: statements, meta, transactions */
sqlite3_stmt *cb_store_prepare      (CbStore       *self,
                                     const char    *sql,
                                     GError       **error);
gboolean      cb_store_exec         (CbStore       *self,
                                     const char    *sql,
                                     GError       **error);
void          cb_store_set_sqlite_error (CbStore *self,
                                         GError **error,
                                         int      rc);
gboolean      cb_store_step_done    (CbStore       *self,
                                     sqlite3_stmt  *stmt,
                                     GError       **error);
gint64        cb_store_wall_ms      (CbStore       *self);
char         *cb_store_meta_get     (CbStore       *self,
                                     const char    *key);
gboolean      cb_store_meta_set     (CbStore       *self,
                                     const char    *key,
                                     const char    *value,
                                     GError       **error);
gboolean      cb_store_meta_set_int (CbStore       *self,
                                     const char    *key,
                                     gint64         value,
                                     GError       **error);
void          cb_store_load_clock   (CbStore       *self);
gint64        cb_store_data_version (CbStore       *self);
gboolean      cb_store_begin_bulk   (CbStore       *self,
                                     guint64        expected_records,
                                     GError       **error);
void          cb_store_set_bulk_limits_for_testing (CbStore *self,
                                                    guint64  index_min,
                                                    guint    fts_batch);
gboolean      cb_store_drop_indexes (CbStore       *self,
                                     GError       **error);
gboolean      cb_store_op_begin     (CbStore       *self,
                                     CbStoreOp     *op,
                                     GError       **error);
gboolean      cb_store_op_commit    (CbStore       *self,
                                     CbStoreOp     *op,
                                     GError       **error);
void          cb_store_op_fail      (CbStore       *self,
                                     CbStoreOp     *op);
void          cb_store_queue_change (CbStore       *self,
                                     const char    *kind,
                                     const char    *uuid);
void          cb_store_emit_changed (CbStore       *self,
                                     const char    *kind,
                                     const char    *uuid);

/* cb-store-schema.c */
char         *cb_store_migration_sql (guint        version);
gboolean      cb_store_migrate       (CbStore     *self,
                                      GError     **error);

/* cb-store-replica.c */
gboolean      cb_store_note_own_name (CbStore     *self,
                                      gboolean     tick,
                                      GError     **error);
char         *cb_store_fingerprint   (CbStore     *self);
gboolean      cb_store_load_replica  (CbStore     *self,
                                      GError     **error);

/* cb-store-display.c */
void          cb_display_compute      (CbDisplay      *d,
                                       const CbKind   *kind,
                                       GPtrArray      *values);
void          cb_display_clear        (CbDisplay      *d);
gboolean      cb_store_write_kind_row (CbStore        *self,
                                       gint64          id,
                                       gboolean        is_new,
                                       const CbDisplay *d,
                                       GError        **error);
gboolean      cb_store_write_search   (CbStore        *self,
                                       gint64          id,
                                       gboolean        is_new,
                                       const CbDisplay *d,
                                       GError        **error);
gboolean      cb_store_index_pending  (CbStore        *self,
                                       GError        **error);
gboolean      cb_store_materialize    (CbStore        *self,
                                       const CbRecRef *ref,
                                       GError        **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CbDisplay, cb_display_clear)

/* cb-store-read.c */
gboolean      cb_store_lookup_record  (CbStore        *self,
                                       const char     *uuid,
                                       CbRecRef       *ref,
                                       char          **vv,
                                       GError        **error);
gboolean      cb_store_read_vals      (CbStore        *self,
                                       gint64          rec,
                                       const char     *field,
                                       GPtrArray      *out,
                                       GError        **error);

/* cb-store-merge.c */
gboolean      cb_store_holds_state    (CbStore        *self,
                                       const CbState  *state,
                                       gboolean       *found,
                                       GError        **error);

G_END_DECLS
