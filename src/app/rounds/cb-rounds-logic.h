/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-record.h"

G_BEGIN_DECLS

/* The debrief board of a rounds visit, without a display: every note
 * once per grouping, grouped by look-for (the focus look-fors first, in
 * their order, then the others, then the untagged) or by classroom. */

typedef enum
{
  CB_ROUNDS_BY_LOOK_FOR,
  CB_ROUNDS_BY_CLASSROOM,
} CbRoundsGrouping;

typedef struct
{
  char      *key;               /* a look-for UUID or a classroom label; "" for none */
  GPtrArray *notes;             /* CbRecord, in their order */
} CbRoundsGroup;

GPtrArray *cb_rounds_board_groups (GPtrArray        *notes,
                                   CbRoundsGrouping  by,
                                   const char       *focus);
char      *cb_rounds_format_time (gint64            seconds);
gint64     cb_rounds_time_of_day (GDateTime        *now);
gint64     cb_rounds_parse_time  (const char       *text);
int        cb_rounds_current_slot (GPtrArray       *slots,
                                   gint64           now);

G_END_DECLS
