/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-store.h"

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

/* What a section's own code gives a new record of @kind on Ctrl+N:
 * appends field names and their values (owned) to @names and @values. */
typedef void (*CbSectionNewFunc) (CbStore    *store,
                                  const char *kind,
                                  GPtrArray  *names,
                                  GPtrArray  *values);

/* A button in a section's list header: a window action with its
 * target. A row's list ends with one whose action is NULL. */
typedef struct
{
  const char *label;         /* N_(), with a mnemonic; NULL for an icon only */
  const char *icon;          /* the icon when there is no label */
  const char *tooltip;       /* N_(), also the button's accessible label */
  const char *action;        /* such as "win.export-csv" */
  const char *target;        /* a string target (a kind for
                              * "win.export-csv"), or NULL */
} CbSectionTool;

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
  /* Ctrl+N: a new record's values beyond its sort date (today), as
   * "field=value": "field=" leaves the field empty (an action item's due
   * date), "field=@setting:KEY" takes a list setting's items joined by
   * spaces; an entry for a field the kind lacks is skipped. NULL-ended,
   * or NULL. cb_section_new_values() reads it. */
  const char * const *new_values;
  CbSectionNewFunc    new_record; /* Ctrl+N: values the section's code
                                   * computes (a look-for's position) */
  const CbSectionTool *tools; /* buttons in its list's header, or NULL */
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
void                 cb_section_new_values   (const CbSectionInfo *info,
                                              const char          *kind,
                                              CbStore             *store,
                                              GSettings           *settings,
                                              GPtrArray           *names,
                                              GPtrArray           *values);

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
