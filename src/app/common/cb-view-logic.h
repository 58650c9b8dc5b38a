/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the window shows, as pure functions: the sections of the
 * sidebar, date labels, search snippets, the Today lists. Tests call
 * these without a display. */

typedef enum
{
  CB_SECTION_TODAY,
  CB_SECTION_OBSERVATIONS,
  CB_SECTION_COPLANS,
  CB_SECTION_LOGS,
  CB_SECTION_PD,
  CB_SECTION_ENGAGEMENTS,
  CB_SECTION_PEOPLE,
  CB_SECTION_LOOK_FORS,
  CB_SECTION_ACTIONS,
  CB_SECTION_CONFLICTS,
  CB_SECTION_TRASH,
  CB_N_NAMED_SECTIONS,
  /* A row no code names needs no value here: its row says
   * CB_SECTION_UNNAMED and is given a value past the named ones. */
  CB_SECTION_UNNAMED = G_MAXINT
} CbSection;

typedef struct
{
  CbSection   section;
  const char *id;            /* stable name, used by actions and tests */
  const char *title;         /* N_() */
  const char *icon_name;
  const char *kind;          /* the kind listed, NULL for Today and Trash */
  const char *alt_kind;      /* a second kind listed on a switch (schools) */
  const char *empty_title;   /* N_() */
  const char *empty_description; /* N_() */
  const char *new_label;     /* N_(), the "new" button's tooltip, or NULL */
  const char *list;          /* the list pane's page: "list" (the records
                              * of kind), "today", "actions", "conflicts" */
  const char *editor;        /* the editor pane's page its records open
                              * in: "record" (the generic editor),
                              * "observation", "cycle", "conflicts" */
  const char *editor_type;   /* the type name of that page's editor, a
                              * CbEditor the window makes when first
                              * needed; NULL for the generic editor */
  const char *pick_hint;     /* N_(), the editor pane with nothing open */
} CbSectionInfo;

guint                cb_section_count        (void);
CbSection            cb_section_at           (guint       position);
guint                cb_section_position     (CbSection   section);
gboolean             cb_section_is_valid     (CbSection   section);
const CbSectionInfo *cb_section_info         (CbSection   section);
const CbSectionInfo *cb_section_lookup       (const char *id);
CbSection            cb_section_for_kind     (const char *kind);
gboolean             cb_section_can_create   (CbSection   section,
                                              gboolean    alt);
const char          *cb_section_kind         (CbSection   section,
                                              gboolean    alt);
const char          *cb_kind_editor          (const char *kind);
const char          *cb_editor_type_for_page (const char *page);

char      *cb_date_label          (const char   *date,
                                   GDate        *today);
char      *cb_snippet_to_markup   (const char   *snippet);
char      *cb_search_summary      (guint         shown,
                                   guint         total,
                                   gboolean      more);
char      *cb_today_string        (void);
char      *cb_date_add_days       (const char   *date,
                                   int           days);
int        cb_date_days_between   (const char   *from,
                                   const char   *to);
char      *cb_date_from_typed     (const char   *text);
char      *cb_date_format_hint    (void);

typedef enum
{
  CB_DUE_NONE,       /* done, dropped, or no due date */
  CB_DUE_OVERDUE,
  CB_DUE_TODAY,
  CB_DUE_THIS_WEEK,  /* within the next 7 days */
  CB_DUE_LATER,
} CbDueBucket;

CbDueBucket cb_due_bucket          (const char   *due,
                                    const char   *status,
                                    const char   *today);
char       *cb_due_label           (const char   *due,
                                    const char   *today);

/* A teacher and the date of the newest observation of them (or NULL). */
typedef struct
{
  const char *uuid;
  const char *name;
  const char *last_observed;
} CbTeacherSeen;

GPtrArray  *cb_not_observed        (const CbTeacherSeen *teachers,
                                    guint                n_teachers,
                                    const char          *today,
                                    int                  days);
char       *cb_not_observed_label  (const char          *last_observed,
                                    const char          *today);

G_END_DECLS
