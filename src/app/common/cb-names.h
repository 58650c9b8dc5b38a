/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_NAMES (cb_names_get_type ())
G_DECLARE_FINAL_TYPE (CbNames, cb_names, CB, NAMES, GObject)

/* Titles of referenced records (a teacher's name, a school's name)
 * looked up once and kept until a record of that kind changes. */
CbNames    *cb_names_new              (CbStore    *store);
CbStore    *cb_names_get_store        (CbNames    *self);
const char *cb_names_lookup           (CbNames    *self,
                                       const char *uuid);
char       *cb_names_join             (CbNames    *self,
                                       const char *refs,
                                       const char *separator);
char       *cb_names_record_title     (CbRecord   *record);
char       *cb_names_title            (CbNames    *self,
                                       CbRecord   *record);
char       *cb_names_describe         (CbNames    *self,
                                       CbRecord   *record,
                                       gboolean    in_trash);

G_END_DECLS
