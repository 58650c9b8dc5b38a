/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-versions.h"

G_BEGIN_DECLS

/* One value of one field, stamped by the edit that wrote it. */
typedef struct
{
  char   *field;
  char   *value;
  char    replica[CB_REPLICA_LEN + 1];
  gint64  counter;
  gint64  hlc;
} CbStamped;

/* The whole versioned state of one record: what is merged and exchanged. */
typedef struct
{
  char      *uuid;
  char      *kind;
  char      *author;
  char      *created;   /* ISO 8601, UTC */
  CbVector  *vector;
  GPtrArray *values;    /* of CbStamped, sorted by cb_state_sort() */
} CbState;

CbStamped *cb_stamped_new      (const char      *field,
                                const char      *value,
                                const char      *replica,
                                gint64           counter,
                                gint64           hlc);
CbStamped *cb_stamped_copy     (const CbStamped *self);
void       cb_stamped_free     (CbStamped       *self);
int        cb_stamped_compare  (const CbStamped *a,
                                const CbStamped *b);
gboolean   cb_stamped_wins     (const CbStamped *a,
                                const CbStamped *b);

CbState   *cb_state_new        (const char      *uuid,
                                const char      *kind,
                                const char      *author,
                                const char      *created);
CbState   *cb_state_copy       (const CbState   *self);
void       cb_state_free       (CbState         *self);
void       cb_state_add        (CbState         *self,
                                CbStamped       *value);
void       cb_state_sort       (CbState         *self);
gboolean   cb_state_equal      (const CbState   *a,
                                const CbState   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbStamped, cb_stamped_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbState, cb_state_free)

G_END_DECLS
