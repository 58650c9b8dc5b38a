/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-state.h"

G_BEGIN_DECLS

typedef enum
{
  CB_MERGE_UNCHANGED,  /* the incoming state brought nothing new */
  CB_MERGE_ADDED,      /* the record was not here */
  CB_MERGE_UPDATED,    /* new values or dots, no field holds two values */
  CB_MERGE_CONFLICT,   /* after the merge some field holds several values */
} CbMergeOutcome;

CbState *cb_merge_states (const CbState  *local,
                          const CbState  *incoming,
                          CbMergeOutcome *outcome);
CbState *cb_merge_states_full (const CbState  *local,
                               const CbState  *incoming,
                               CbMergeOutcome *outcome,
                               GPtrArray      *collisions);
guint    cb_state_count_conflicts (const CbState *state);
char    *cb_stamp_split_replica   (const char    *replica,
                                   gint64         counter,
                                   const char    *uuid,
                                   const char    *field,
                                   const char    *value);

G_END_DECLS
