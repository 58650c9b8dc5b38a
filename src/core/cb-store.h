/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cb-kinds.h"
#include "cb-record.h"
#include "cb-state.h"
#include "cb-store-error.h"

G_BEGIN_DECLS

/* The schema version this build writes: the top of the migration
 * ladder, derived from the kinds table (cb_schema_version() in
 * cb-store-schema.c), so adding a kind or a field does not touch this
 * header. What each step added: docs/data-model.md, "Migrations". */
guint cb_schema_version (void);
#define CB_SCHEMA_VERSION ((int) cb_schema_version ())

#define CB_TYPE_STORE (cb_store_get_type ())
G_DECLARE_FINAL_TYPE (CbStore, cb_store, CB, STORE, GObject)

/* One more reference a filtered record must hold: its REF or REFS
 * field @field names @value. */
typedef struct
{
  const char *field;
  const char *value;
} CbFilterRef;

#define CB_FILTER_MORE_REFS 2

/* A filter for record lists. NULL/0 members do not filter; all the
 * others must hold at once. */
typedef struct
{
  const char *kind;
  gboolean    trash;        /* TRUE: only deleted records; FALSE: only live */
  const char *ref_field;    /* with ref_value: records whose REF/REFS field names it */
  const char *ref_value;
  CbFilterRef more_refs[CB_FILTER_MORE_REFS]; /* and these too (a teacher and a school) */
  const char *date_from;    /* YYYY-MM-DD, on the kind's sort field */
  const char *date_to;
  const char *look_for;     /* a look_for UUID in the kind's "focus"/"tags"/"look_fors" */
  gboolean    conflicts;    /* only records with a field holding several values */
  gboolean    deleted_edited; /* only records deleted on one laptop while
                               * edited on another (with trash = TRUE) */
  const CbListKey *after;   /* cb_store_list(): only the records listed after
                             * this one (the last of the page before) */
} CbFilter;

typedef struct
{
  char   *uuid;
  char   *kind;
  char   *title;
  char   *snippet;   /* matched terms between \x02 and \x03 */
  double  rank;
  char   *date;      /* YYYY-MM-DD it is listed under (its parent's for a child line), or NULL */
  char   *parent_kind;  /* a child line's parent (an evidence line's observation), or NULL */
  char   *parent_title;
} CbSearchHit;

/* How many records a search matches in all. */
typedef struct
{
  guint    n;
  gboolean more;     /* more than n: counting stopped there */
} CbSearchCount;

typedef enum
{
  CB_STORE_OPEN_DEFAULT      = 0,
  CB_STORE_OPEN_DEFER_CHECK  = 1 << 0,
  CB_STORE_OPEN_EXISTING     = 1 << 1,
} CbStoreOpenFlags;

char       *cb_store_default_path    (void);

CbStore    *cb_store_open            (const char     *path,
                                      GError        **error);
CbStore    *cb_store_open_full       (const char     *path,
                                      CbStoreOpenFlags flags,
                                      GError        **error);
CbStore    *cb_store_open_memory     (GError        **error);
CbStore    *cb_store_open_worker     (const char     *path,
                                      GError        **error);
gboolean    cb_store_check_file      (const char     *path,
                                      GError        **error);
const char *cb_store_get_path        (CbStore        *self);
const char *cb_store_get_replica     (CbStore        *self);
const char *cb_store_get_author      (CbStore        *self);
void        cb_store_set_author      (CbStore        *self,
                                      const char     *author);
sqlite3    *cb_store_get_db          (CbStore        *self);
gboolean    cb_store_set_read_only   (CbStore        *self,
                                      gboolean        read_only,
                                      GError        **error);
gboolean    cb_store_is_read_only    (CbStore        *self);
gboolean    cb_store_mark_damaged    (CbStore        *self,
                                      const GError   *damage,
                                      GError        **error);
gboolean    cb_store_is_damaged      (CbStore        *self);
const GError *cb_store_get_damage    (CbStore        *self);
void        cb_store_set_cache_size  (CbStore        *self,
                                      guint           kib);
gint64      cb_store_get_hlc         (CbStore        *self);
void        cb_store_set_clock_offset_for_testing (CbStore *self,
                                                   gint64   offset_ms);

/* Transactions nest; the outermost commit emits the change signals. */
gboolean    cb_store_begin           (CbStore        *self,
                                      GError        **error);
gboolean    cb_store_commit          (CbStore        *self,
                                      GError        **error);
void        cb_store_rollback        (CbStore        *self);

/* Local edits: each is one transaction (or part of the open one) that
 * writes value, stamp and version vector together. */
char       *cb_store_create          (CbStore        *self,
                                      const char     *kind,
                                      const char * const *names,
                                      const char * const *values,
                                      guint           n,
                                      GError        **error);
char       *cb_store_create_with_uuid (CbStore       *self,
                                      const char     *uuid,
                                      const char     *kind,
                                      const char * const *names,
                                      const char * const *values,
                                      guint           n,
                                      GError        **error);
gboolean    cb_store_set_fields      (CbStore        *self,
                                      const char     *uuid,
                                      const char * const *names,
                                      const char * const *values,
                                      guint           n,
                                      GError        **error);
gboolean    cb_store_set             (CbStore        *self,
                                      const char     *uuid,
                                      const char     *field,
                                      const char     *value,
                                      GError        **error);
gboolean    cb_store_delete          (CbStore        *self,
                                      const char     *uuid,
                                      GError        **error);
gboolean    cb_store_restore         (CbStore        *self,
                                      const char     *uuid,
                                      GError        **error);

/* Reads. */
CbRecord   *cb_store_get             (CbStore        *self,
                                      const char     *uuid,
                                      GError        **error);
guint       cb_store_count           (CbStore        *self,
                                      const CbFilter *filter);
GPtrArray  *cb_store_list            (CbStore        *self,
                                      const CbFilter *filter,
                                      guint           limit,
                                      GError        **error);
GPtrArray  *cb_store_list_conflicts  (CbStore        *self,
                                      guint           limit,
                                      GError        **error);
guint       cb_store_list_marks      (CbStore        *self,
                                      const CbFilter *filter,
                                      guint           every,
                                      GArray        **marks,
                                      GError        **error);
GPtrArray  *cb_store_children        (CbStore        *self,
                                      const char     *kind,
                                      const char     *parent_uuid,
                                      GError        **error);
GPtrArray  *cb_store_get_values      (CbStore        *self,
                                      const char     *uuid,
                                      const char     *field,
                                      GError        **error);
char       *cb_store_replica_author  (CbStore        *self,
                                      const char     *replica);
gint64      cb_store_replica_named   (CbStore        *self,
                                      const char     *replica);

/* Search. */
char       *cb_search_build_query    (const char     *text);
GPtrArray  *cb_store_search          (CbStore        *self,
                                      const char     *text,
                                      const char     *kind,
                                      guint           limit,
                                      GError        **error);
GPtrArray  *cb_store_search_full     (CbStore        *self,
                                      const char     *text,
                                      const char     *kind,
                                      guint           limit,
                                      CbSearchCount  *count,
                                      GError        **error);
void        cb_search_hit_free       (CbSearchHit    *hit);
char       *cb_search_snippet        (const char     *title,
                                      const char     *body,
                                      const char     *query,
                                      guint           n_words);

/* Versioned state, for merge and exchange. */
CbState    *cb_store_read_state      (CbStore        *self,
                                      const char     *uuid,
                                      GError        **error);
gboolean    cb_store_write_state     (CbStore        *self,
                                      const CbState  *state,
                                      GError        **error);
gboolean    cb_store_write_merged    (CbStore        *self,
                                      const CbState  *local,
                                      const CbState  *state,
                                      GError        **error);
guint       cb_store_count_conflicts (CbStore        *self);
gboolean    cb_store_observe_hlc     (CbStore        *self,
                                      gint64          remote_hlc);
gboolean    cb_store_note_replica    (CbStore        *self,
                                      const char     *replica,
                                      const char     *author,
                                      gint64          named,
                                      GError        **error);
gboolean    cb_store_renew_replica   (CbStore        *self,
                                      GError        **error);

/* Maintenance. */
gboolean    cb_store_check           (CbStore        *self,
                                      GString        *report,
                                      GError        **error);
gboolean    cb_store_backup          (CbStore        *self,
                                      const char     *dest_path,
                                      GError        **error);
gboolean    cb_store_restore_file    (CbStore        *self,
                                      const char     *src_path,
                                      GError        **error);
gboolean    cb_store_restore_backup  (CbStore        *self,
                                      const char     *src_path,
                                      GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSearchHit, cb_search_hit_free)

G_END_DECLS
