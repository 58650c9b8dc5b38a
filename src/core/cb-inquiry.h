/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-privacy.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* A team's inquiry (PDSA) cycle read whole for its page and the
 * spreadsheet: the chain of cycles it belongs to (each naming the one
 * before in "previous"), every data point of the chain in date order,
 * and the team meetings (coaching logs) linked to it. The rules are in
 * docs/inquiry-cycle.md. */

typedef struct
{
  char   *uuid;
  char   *change_idea;
  char   *start_date;       /* YYYY-MM-DD or NULL */
  char   *act;              /* adopt, adapt, abandon or NULL */
} CbInquiryLink;

typedef struct
{
  char   *date;             /* YYYY-MM-DD or NULL */
  double  value;
  guint   cycle;            /* index in the chain */
  char   *note;
} CbInquiryPoint;

typedef struct
{
  char   *uuid;
  char   *date;
  char   *title;
} CbInquiryMeeting;

typedef struct
{
  char      *uuid;
  char      *change_idea;
  char      *team;
  char      *measure;
  char      *unit;
  char      *predictions;
  char      *study;
  guint      current;       /* this cycle's index in the chain */
  GPtrArray *chain;         /* CbInquiryLink, the first cycle first */
  GPtrArray *points;        /* CbInquiryPoint of the whole chain, by date */
  GPtrArray *meetings;      /* CbInquiryMeeting of this cycle, by date */
} CbInquiry;

/* At most this many cycles are followed either way. */
#define CB_INQUIRY_MAX_CHAIN 100

CbInquiry  *cb_inquiry_load           (CbStore         *store,
                                       const char      *uuid,
                                       CbPrivacy       *privacy,
                                       GError         **error);
void        cb_inquiry_free           (CbInquiry       *inquiry);
guint       cb_inquiry_count_points   (const CbInquiry *inquiry,
                                       guint            cycle);
const CbInquiryPoint *cb_inquiry_latest (const CbInquiry *inquiry,
                                       guint            cycle);
void        cb_inquiry_sort_points    (GPtrArray       *points);
double      cb_inquiry_median         (const double    *values,
                                       guint            n);
char       *cb_inquiry_start_next     (CbStore         *store,
                                       const char      *uuid,
                                       const char      *today,
                                       GError         **error);
typedef void (*CbInquiryRowFunc) (const char * const *fields,
                                  guint               n_fields,
                                  gpointer            data);

gboolean    cb_inquiry_write_rows     (CbStore         *store,
                                       CbPrivacy       *privacy,
                                       GHashTable      *schools,
                                       CbInquiryRowFunc row,
                                       gpointer         data,
                                       GError         **error);

void        cb_inquiry_point_free     (CbInquiryPoint  *point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbInquiry, cb_inquiry_free)

G_END_DECLS
