/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Engagements: delivered-against-planned bars and the engagements a
 * coaching day can count for. No GTK: tests call these without a
 * display. */

typedef struct
{
  const char *label;        /* translated */
  double      planned;
  double      delivered;
  char       *text;         /* "3 of 8" */
} CbDeliveredBar;

GArray       *cb_delivered_bars         (const CbDelivered  *delivered);

/* ------------------------------------------------- engagements */

typedef struct
{
  CbPlan  plan;        /* its strings point into this choice */
  char   *name;
  char   *uuid;
  char  **schools;
  char   *start_date;
  char   *end_date;
} CbEngagementChoice;

/* The engagements a coaching day can count for; Coaching Day picks the
 * only one that covers the teacher's school on that date. */
CbEngagementChoice *cb_engagement_choice_new   (const char *uuid,
                                                const char *name,
                                                const char *schools,
                                                const char *start_date,
                                                const char *end_date);
void                cb_engagement_choice_free  (CbEngagementChoice *choice);
GPtrArray          *cb_engagement_choices_load (CbStore    *store,
                                                GError    **error);
int                 cb_engagement_guess        (GPtrArray  *choices,
                                                const char *school,
                                                const char *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbEngagementChoice, cb_engagement_choice_free)

G_END_DECLS
