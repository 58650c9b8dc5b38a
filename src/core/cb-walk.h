/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-privacy.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Scored walkthrough forms (docs/walkthrough-forms.md): a form's items
 * in order, an observation's scores, pulling tagged evidence lines in,
 * and the counts that are all a score contributes to an aggregate. */

#define CB_WALK_N_LEVELS 4

typedef struct
{
  char   *uuid;
  char   *prompt;
  char   *look_for;                  /* a look-for UUID, or "" */
  char   *scale;                     /* "levels" or "yes_no" */
  char   *levels[CB_WALK_N_LEVELS];  /* what 1–4 look like, or "" */
  gint64  position;
} CbWalkItem;

typedef void (*CbWalkRowFunc) (const char * const *fields,
                               guint               n_fields,
                               gpointer            data);

void        cb_walk_item_free          (CbWalkItem    *item);
GPtrArray  *cb_walk_load_items         (CbStore       *store,
                                        const char    *form,
                                        GError       **error);
CbRecord   *cb_walk_find_score         (CbStore       *store,
                                        const char    *observation,
                                        const char    *item,
                                        GError       **error);
char       *cb_walk_set_score          (CbStore       *store,
                                        const char    *observation,
                                        const char    *item,
                                        const char    *field,
                                        const char    *value,
                                        GError       **error);
char       *cb_walk_tagged_lines       (CbStore       *store,
                                        const char    *observation,
                                        const char    *look_for,
                                        GError       **error);
const char *cb_walk_score_for_key      (const char    *scale,
                                        gunichar       key);
char       *cb_walk_add_item           (CbStore       *store,
                                        const char    *form,
                                        GError       **error);
gboolean    cb_walk_move_item          (CbStore       *store,
                                        const char    *form,
                                        const char    *item,
                                        int            delta,
                                        GError       **error);
gboolean    cb_walk_write_counts       (CbStore       *store,
                                        CbPrivacy     *privacy,
                                        const char    *date_from,
                                        const char    *date_to,
                                        CbWalkRowFunc  row,
                                        gpointer       data,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbWalkItem, cb_walk_item_free)

G_END_DECLS
