/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

/* A record list's filter: a teacher, a school, a look-for and a date
 * range, all at once, and the store filter it makes for each kind of
 * record. No GTK: tests call it without a display. */

typedef enum
{
  CB_LIST_FILTER_TEACHER,
  CB_LIST_FILTER_SCHOOL,
  CB_LIST_FILTER_LOOK_FOR,
  CB_LIST_FILTER_N_REFS
} CbListFilterRef;

typedef struct
{
  char *refs[CB_LIST_FILTER_N_REFS];  /* a record's UUID each, NULL for any */
  char *date_from;                    /* YYYY-MM-DD, NULL for any */
  char *date_to;
} CbListFilter;

typedef const char *(*CbListFilterNameFunc) (const char *uuid,
                                             gpointer    data);

const char *cb_list_filter_ref_kind   (CbListFilterRef       ref);
const char *cb_list_filter_ref_title  (CbListFilterRef       ref);
const char *cb_list_filter_field      (const char           *kind,
                                       CbListFilterRef       ref);
gboolean    cb_list_filter_has_dates  (const char           *kind);
gboolean    cb_list_filter_offered    (const char           *kind);
gboolean    cb_list_filter_date_valid (const char           *text);

void        cb_list_filter_set_ref    (CbListFilter         *self,
                                       CbListFilterRef       ref,
                                       const char           *uuid);
gboolean    cb_list_filter_set_dates  (CbListFilter         *self,
                                       const char           *from,
                                       const char           *to);
void        cb_list_filter_clear      (CbListFilter         *self);
void        cb_list_filter_copy       (CbListFilter         *self,
                                       const CbListFilter   *other);
gboolean    cb_list_filter_equal      (const CbListFilter   *a,
                                       const CbListFilter   *b);
gboolean    cb_list_filter_is_active  (const CbListFilter   *self,
                                       const char           *kind);
void        cb_list_filter_apply      (const CbListFilter   *self,
                                       const char           *kind,
                                       CbFilter             *filter);
char       *cb_list_filter_describe   (const CbListFilter   *self,
                                       const char           *kind,
                                       CbListFilterNameFunc  name_func,
                                       gpointer              data);

G_END_DECLS
