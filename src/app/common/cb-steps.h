/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* What the multi-record steps ("Observe this lesson", "Coaching day",
 * "Duplicate as template", ...) share: fields gathered for
 * cb_store_create(), and one transaction's end. No GTK. */

typedef struct
{
  GPtrArray *names;
  GPtrArray *values;
} CbFields;

void      cb_fields_init      (CbFields    *f);
void      cb_fields_clear     (CbFields    *f);
void      cb_fields_add       (CbFields    *f,
                               const char  *name,
                               const char  *value);
char     *cb_fields_create    (CbFields    *f,
                               CbStore     *store,
                               const char  *kind,
                               GError     **error);
gboolean  cb_step_is_private  (CbStore     *store,
                               CbRecord    *record);
char     *cb_step_first_ref   (const char  *refs);
char     *cb_step_school_of   (CbStore     *store,
                               const char  *person);
gboolean  cb_step_finish      (CbStore     *store,
                               gboolean     ok,
                               GError     **error);

G_END_DECLS
