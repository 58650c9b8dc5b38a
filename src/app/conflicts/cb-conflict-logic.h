/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-names.h"
#include "cb-state.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* What the Conflicts view shows, as pure functions of a record's
 * versioned state: the fields that hold several values, and whether the
 * record was deleted on one laptop while edited on another. Tests call
 * these without a display. */

typedef struct
{
  const CbField *field;     /* the kinds table's, or a common field */
  GPtrArray     *values;    /* of CbStamped*, the value shown first first */
} CbConflictField;

typedef struct
{
  char          *uuid;
  const CbKind  *kind;
  GPtrArray     *fields;        /* of CbConflictField*, in the kinds table's order */
  gboolean       deleted;       /* the record is in the Trash */
  CbStamped     *delete_stamp;  /* (nullable): the delete, when edited after it */
  CbStamped     *edit_stamp;    /* (nullable): the newest edit made after the
                                 * delete on another laptop */
  GPtrArray     *edits;         /* of CbStamped*: per field, the newest value
                                 * written after the delete on another laptop */
} CbConflictInfo;

CbConflictInfo *cb_conflict_describe          (const CbState        *state);
void            cb_conflict_info_free         (CbConflictInfo       *info);
gboolean        cb_conflict_info_is_resolved  (const CbConflictInfo *info);
gboolean        cb_conflict_info_deleted_edited (const CbConflictInfo *info);

char           *cb_conflict_short_replica     (const char           *replica);
char           *cb_conflict_format_time       (gint64                hlc,
                                               GTimeZone            *tz);
char           *cb_conflict_format_source     (const char           *author,
                                               const char           *replica,
                                               gint64                hlc,
                                               const char           *own_replica,
                                               GTimeZone            *tz);
char           *cb_conflict_format_value      (CbNames              *names,
                                               const CbField        *field,
                                               const char           *value);
gboolean        cb_conflict_can_join          (const CbField        *field);
char           *cb_conflict_join              (const CbField        *field,
                                               GPtrArray            *values);
char           *cb_conflict_banner_text       (const CbConflictInfo *info,
                                               const char           *delete_author,
                                               const char           *edit_author,
                                               GTimeZone            *tz);
void            cb_conflict_copy_fields       (const CbState        *state,
                                               const char           *field,
                                               const char           *value,
                                               GPtrArray            *names,
                                               GPtrArray            *values);
char           *cb_conflict_describe_short    (const CbConflictInfo *info);

/* The records the Conflicts section lists. */
GPtrArray      *cb_conflicts_find             (CbStore              *store,
                                               guint                 limit,
                                               GError              **error);
guint           cb_conflicts_count            (CbStore              *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbConflictInfo, cb_conflict_info_free)

G_END_DECLS
