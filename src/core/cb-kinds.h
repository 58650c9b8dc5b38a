/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CbFieldType:
 *
 * How a field's value (always stored and exchanged as a UTF-8 string)
 * is read.
 */
typedef enum
{
  CB_TYPE_TEXT,     /* one line */
  CB_TYPE_LONGTEXT, /* several lines */
  CB_TYPE_INT,      /* decimal integer, may be negative */
  CB_TYPE_NUMBER,   /* decimal number such as "1.5" */
  CB_TYPE_BOOL,     /* "0" or "1" */
  CB_TYPE_DATE,     /* YYYY-MM-DD */
  CB_TYPE_TIME,     /* HH:MM */
  CB_TYPE_ENUM,     /* one of CbField.choices */
  CB_TYPE_REF,      /* the UUID of a record of CbField.ref_kind */
  CB_TYPE_REFS,     /* UUIDs separated by single spaces, in order */
  CB_TYPE_LIST,     /* lines separated by '\n', in order */
  CB_TYPE_DATA,     /* machine-readable text (e.g. the lesson clock), not searched */
  CB_TYPE_IMAGE,    /* a photo: base64 JPEG within cb-image.h's caps, not searched */
} CbFieldType;

typedef enum
{
  CB_FIELD_NONE     = 0,
  CB_FIELD_SEARCH   = 1 << 0, /* indexed by full-text search */
  CB_FIELD_PRIVATE  = 1 << 1, /* never leaves this laptop */
  CB_FIELD_TITLE    = 1 << 2, /* the record's title in lists and search */
  CB_FIELD_SORT     = 1 << 3, /* the date that orders lists, newest first */
  CB_FIELD_PARENT   = 1 << 4, /* the REF naming the record this one belongs to */
  CB_FIELD_ORDER    = 1 << 5, /* orders children of one parent */
  CB_FIELD_ROSTER   = 1 << 6, /* a column of a roster (person), in the table's order */
  CB_FIELD_REQUIRED = 1 << 7, /* a roster's titles must name it; a line without it is skipped */
  CB_FIELD_OWN_VIEW = 1 << 8, /* edited in a view of its own, not the record's form */
  CB_FIELD_SHARED_ONLY = 1 << 9, /* PARENT: the record (a teacher's rating)
                                  * leaves only with that parent shared
                                  * with its teacher (cb-privacy.h) */
} CbFieldFlags;

/* One value an ENUM field allows, with the words a coach reads for it. */
typedef struct
{
  const char *value;
  const char *label;    /* N_(), or NC_() with the context below */
  const char *context;  /* the label's translation context, or NULL */
} CbChoice;

typedef struct
{
  const char         *name;
  CbFieldType         type;
  CbFieldFlags        flags;
  const char         *ref_kind;  /* REF/REFS: kind pointed to, NULL for any */
  const CbChoice     *choices;   /* ENUM: the allowed values, ending in { NULL } */
  guint               since;     /* schema version that added the field */
  const char         *label;     /* N_() */
  const char * const *aliases;   /* ROSTER: other titles a roster may give it, NULL-ended */
} CbField;

typedef struct
{
  const char    *name;
  const char    *label;          /* N_(), singular */
  const char    *plural;         /* N_() */
  const CbField *fields;
  guint          n_fields;
  const char    *default_privacy;
  guint          since;
  /* The second line of the kind's rows in lists, NULL-ended: each entry
   * a field, shown as its type reads (a REF by the record's name, REFS
   * as names joined by commas, an ENUM by its label), the parts joined
   * by " · ". "a|b": the first of them that has a value. "?a": only when
   * nothing before it has one. "~a": a due date, shown (as "due in 3
   * days") only while the record's status leaves it due. Read by
   * cb_names_describe() (src/app/common/cb-names.c). */
  const char * const *subtitle;
} CbKind;

/* Fields every record has, versioned like any other. */
#define CB_FIELD_PRIVACY "privacy"
#define CB_FIELD_DELETED "deleted"

extern const CbChoice cb_privacy_choices[];

const CbKind  *cb_kinds                (guint          *n_kinds);
const CbKind  *cb_kind_lookup          (const char     *name);
const CbField *cb_kind_field           (const CbKind   *kind,
                                        const char     *name);
const CbField *cb_kind_title_field     (const CbKind   *kind);
const CbField *cb_kind_sort_field      (const CbKind   *kind);
const CbField *cb_kind_parent_field    (const CbKind   *kind);
const CbField *cb_kind_order_field     (const CbKind   *kind);
const CbField *cb_common_fields        (guint          *n_fields);
const char    *cb_kind_get_label       (const CbKind   *kind);
const char    *cb_kind_get_plural      (const CbKind   *kind);
const char    *cb_field_get_label      (const CbField  *field);
gboolean       cb_field_validate       (const CbField  *field,
                                        const char     *value,
                                        GError        **error);
gboolean       cb_field_is_text        (const CbField  *field);
const char    *cb_field_choice_label   (const CbField  *field,
                                        const char     *value);
guint          cb_field_n_choices      (const CbField  *field);
GPtrArray     *cb_kind_roster_fields   (const CbKind   *kind);

G_END_DECLS
