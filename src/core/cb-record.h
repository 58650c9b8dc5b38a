/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cb-kinds.h"

G_BEGIN_DECLS

#define CB_TYPE_RECORD (cb_record_get_type ())
G_DECLARE_FINAL_TYPE (CbRecord, cb_record, CB, RECORD, GObject)

/* A record's place in the lists, which are ordered by sort key then
 * row id, both descending: a list page starts after the last record of
 * the page before it. The strings are borrowed. */
typedef struct
{
  const char *sort_key;
  gint64      id;
} CbListKey;

/* A read-only snapshot of one record as it is shown: for every field the
 * value with the highest (hlc, replica). */
CbRecord     *cb_record_new             (const char *uuid,
                                         const char *kind,
                                         const char *author,
                                         const char *created);
const char   *cb_record_get_uuid        (CbRecord   *self);
const char   *cb_record_get_kind        (CbRecord   *self);
const CbKind *cb_record_get_kind_info   (CbRecord   *self);
const char   *cb_record_get_author      (CbRecord   *self);
const char   *cb_record_get_created     (CbRecord   *self);
const char   *cb_record_get_title       (CbRecord   *self);
const char   *cb_record_get             (CbRecord   *self,
                                         const char *field);
gint64        cb_record_get_int         (CbRecord   *self,
                                         const char *field);
gboolean      cb_record_get_bool        (CbRecord   *self,
                                         const char *field);
gboolean      cb_record_get_deleted     (CbRecord   *self);
const char   *cb_record_get_privacy     (CbRecord   *self);
guint         cb_record_get_n_conflicts (CbRecord   *self);
void          cb_record_set_n_conflicts (CbRecord   *self,
                                         guint       n_conflicts);
void          cb_record_get_list_key    (CbRecord   *self,
                                         CbListKey  *key);
/* Used by the store while building the snapshot. */
void          cb_record_set_list_key    (CbRecord   *self,
                                         const char *sort_key,
                                         gint64      id);
void          cb_record_take            (CbRecord   *self,
                                         const char *field,
                                         char       *value);

G_END_DECLS
