/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

/* The coach's order of look-fors: favourites first, then by catalog
 * (framework) in the frameworks' order, custom look-fors (no framework)
 * last, and within each group by the look-for's "position". Moving a
 * look-for up or down stays within its group and is an ordinary local
 * edit of "position" (one transaction). */

typedef struct
{
  const char *uuid;
  const char *framework;           /* NULL or "" for a custom look-for */
  int         framework_position;  /* G_MAXINT without a framework */
  gint64      position;
  gboolean    favourite;
  const char *title;
} CbLookForKey;

typedef struct
{
  guint  index;      /* into the sorted keys */
  gint64 position;   /* to write */
} CbLookForEdit;

int        cb_look_for_key_compare     (const CbLookForKey *a,
                                        const CbLookForKey *b);
gboolean   cb_look_for_same_group      (const CbLookForKey *a,
                                        const CbLookForKey *b);
gboolean   cb_look_for_can_move        (const CbLookForKey *sorted,
                                        guint               n,
                                        guint               index,
                                        int                 delta);
GArray    *cb_look_for_plan_move       (const CbLookForKey *sorted,
                                        guint               n,
                                        guint               index,
                                        int                 delta);
gint64     cb_look_for_next_position   (const CbLookForKey *keys,
                                        guint               n,
                                        const char         *framework);

GPtrArray *cb_look_fors_list_sorted    (CbStore            *store,
                                        GError            **error);
gboolean   cb_look_fors_can_move       (CbStore            *store,
                                        const char         *uuid,
                                        int                 delta);
gboolean   cb_look_fors_move           (CbStore            *store,
                                        const char         *uuid,
                                        int                 delta,
                                        GError            **error);
gint64     cb_look_fors_next_position  (CbStore            *store,
                                        const char         *framework);

G_END_DECLS
