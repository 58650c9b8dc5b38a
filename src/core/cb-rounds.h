/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* The data picture of an instructional-rounds visit, without a display:
 * a picture of the school, never of a teacher. Shared by the window and
 * coachbook-cli; what it holds is decided by the privacy rule. */

#define CB_ROUNDS_EXAMPLES 3

typedef struct
{
  char  *label;
  guint  count;
} CbRoundsCount;

typedef struct
{
  char      *title;
  char      *description;
  guint      n_notes;
  GPtrArray *examples;          /* char *, at most CB_ROUNDS_EXAMPLES */
} CbRoundsPattern;

typedef struct
{
  char      *title;
  char      *school;
  char      *date;
  char      *problem;
  guint      n_notes;
  guint      n_classrooms;
  GPtrArray *by_look_for;       /* CbRoundsCount, focus look-fors first */
  GPtrArray *by_classroom;      /* CbRoundsCount; empty unless chosen */
  GPtrArray *patterns;          /* CbRoundsPattern, in the cards' order */
  char      *predictions;
  char      *next_week;
  char      *next_month;
  char      *next_year;
} CbRoundsPicture;

CbRoundsPicture *cb_rounds_picture_load (CbStore          *store,
                                         const char       *visit,
                                         GError          **error);
void             cb_rounds_picture_free (CbRoundsPicture  *picture);

char            *cb_rounds_hide_names   (const char       *text,
                                         GPtrArray        *names,
                                         const char       *stand_in);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbRoundsPicture, cb_rounds_picture_free)

G_END_DECLS
