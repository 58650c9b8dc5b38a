/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A replica id is 16 lowercase hex digits. */
#define CB_REPLICA_LEN 16

/* Built-in records carry this replica id and these stamps, so that every
 * fresh laptop holds byte-identical built-ins and merging them is a no-op. */
#define CB_BUILTIN_REPLICA "0000000000000000"
#define CB_BUILTIN_HLC     ((gint64) 0)
#define CB_BUILTIN_CREATED "2024-01-01T00:00:00Z"

/* Hybrid logical clock: milliseconds since the epoch in the high bits,
 * a logical counter in the low 16 bits. */
#define CB_HLC_LOGICAL_BITS 16
#define CB_HLC_FROM_MS(ms) (((gint64) (ms)) << CB_HLC_LOGICAL_BITS)
#define CB_HLC_TO_MS(h)    (((gint64) (h)) >> CB_HLC_LOGICAL_BITS)
/* A remote clock further ahead than this never moves ours. */
#define CB_HLC_MAX_AHEAD_MS ((gint64) 24 * 3600 * 1000)

typedef struct
{
  char   replica[CB_REPLICA_LEN + 1];
  gint64 counter;
} CbDot;

/* A version vector: dots sorted by replica, at most one per replica. */
typedef struct _CbVector CbVector;

CbVector *cb_vector_new          (void);
CbVector *cb_vector_copy         (const CbVector *self);
void      cb_vector_free         (CbVector       *self);
CbVector *cb_vector_parse        (const char     *text,
                                  GError        **error);
char     *cb_vector_to_string    (const CbVector *self);
gint64    cb_vector_get          (const CbVector *self,
                                  const char     *replica);
void      cb_vector_set          (CbVector       *self,
                                  const char     *replica,
                                  gint64          counter);
void      cb_vector_merge        (CbVector       *self,
                                  const CbVector *other);
gboolean  cb_vector_covers       (const CbVector *self,
                                  const char     *replica,
                                  gint64          counter);
gboolean  cb_vector_equal        (const CbVector *a,
                                  const CbVector *b);
guint     cb_vector_get_n_dots   (const CbVector *self);
const CbDot *cb_vector_get_dot   (const CbVector *self,
                                  guint           i);

gboolean  cb_replica_is_valid    (const char     *replica);
char     *cb_replica_new         (void);
gboolean  cb_uuid_is_valid       (const char     *uuid);

gint64    cb_hlc_tick            (gint64          last,
                                  gint64          wall_ms);
gint64    cb_hlc_observe         (gint64          last,
                                  gint64          remote,
                                  gint64          wall_ms,
                                  gboolean       *too_far_ahead);
char     *cb_hlc_format_iso      (gint64          hlc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbVector, cb_vector_free)

G_END_DECLS
