/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-privacy.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* Exit tickets of PD sessions: the questions (kind exit_question), one
 * ticket per participant (exit_ticket, anonymous when it names nobody)
 * and its answers (exit_answer). The aggregates are pure functions of
 * plain arrays, so they are tested without a database; the loaders
 * read the store into them, asking the privacy rule when the result
 * leaves the laptop. */

#define CB_SCALE_MAX 5

typedef struct
{
  guint n;                      /* answers with a score of 1 to 5 */
  guint counts[CB_SCALE_MAX];   /* counts[i]: answers scored i + 1 */
  guint sum;
} CbScaleStats;

void     cb_scale_stats_add      (CbScaleStats       *stats,
                                  gint64              score);
void     cb_scale_stats_merge    (CbScaleStats       *into,
                                  const CbScaleStats *from);
double   cb_scale_stats_mean     (const CbScaleStats *stats);
char    *cb_scale_stats_format_mean (const CbScaleStats *stats);

typedef struct
{
  char  *text;                  /* as first typed */
  guint  count;
} CbAnswerGroup;

GPtrArray *cb_exit_group_answers (const char * const *answers,
                                  guint               n_answers);

/* The input of a session's summary, as read from the records. */
typedef struct
{
  const char *uuid;
  const char *prompt;
  const char *type;             /* "scale" or "free_text" */
  const char *level;            /* "reaction", "learning", "use" or NULL */
} CbExitQuestionIn;

typedef struct
{
  const char *ticket;
  const char *question;
  gint64      score;            /* 0: none */
  const char *text;
} CbExitAnswerIn;

typedef struct
{
  char         *uuid;
  char         *prompt;
  char         *type;
  char         *level;
  CbScaleStats  stats;
  GPtrArray    *answers;        /* char *: open answers, ticket order */
} CbExitItem;

typedef struct
{
  char      *session;
  char      *title;
  char      *date;
  guint      n_tickets;
  GPtrArray *items;             /* CbExitItem, in the questions' order */
} CbExitSummary;

CbExitSummary *cb_exit_summary_build (const CbExitQuestionIn *questions,
                                      guint                   n_questions,
                                      const char * const     *tickets,
                                      guint                   n_tickets,
                                      const CbExitAnswerIn   *answers,
                                      guint                   n_answers);
void           cb_exit_summary_free  (CbExitSummary          *summary);
CbExitSummary *cb_exit_summary_load  (CbStore                *store,
                                      const char             *session,
                                      CbPrivacy              *privacy,
                                      GError                **error);

/* The year: Likert answers of every summary by Guskey level. */
typedef enum
{
  CB_GUSKEY_REACTION,
  CB_GUSKEY_LEARNING,
  CB_GUSKEY_USE,
  CB_GUSKEY_N_LEVELS
} CbGuskeyLevel;

int         cb_guskey_level_from_string (const char          *level);
const char *cb_guskey_level_to_string   (CbGuskeyLevel        level);
void        cb_exit_levels_combine      (GPtrArray           *summaries,
                                         CbScaleStats         levels[CB_GUSKEY_N_LEVELS]);

/* The questions a new session starts from ("Use the usual questions"). */
typedef struct
{
  const char *prompt;
  const char *type;
  const char *level;
} CbExitTemplateQuestion;

const CbExitTemplateQuestion *cb_exit_template (guint *n_questions);
gboolean cb_exit_add_template   (CbStore    *store,
                                 const char *session,
                                 GError    **error);
char    *cb_exit_add_ticket     (CbStore    *store,
                                 const char *session,
                                 const char *respondent,
                                 const char * const *questions,
                                 const char * const *values,
                                 guint       n,
                                 GError    **error);

/* Table rows (a header first) handed to @row: one per answer, or one
 * per question of each session with its aggregates. The CSV export
 * writes them. */
typedef void (*CbExitRowFunc) (const char * const *fields,
                               guint               n_fields,
                               gpointer            data);

gboolean cb_exit_write_rows     (CbStore       *store,
                                 CbPrivacy     *privacy,
                                 GHashTable    *people,
                                 gboolean       aggregates,
                                 CbExitRowFunc  row,
                                 gpointer       data,
                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbExitSummary, cb_exit_summary_free)

G_END_DECLS
