/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-kinds.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* The one privacy rule: what may leave this laptop, asked by every
 * output (the exchange file, the teacher's packet, the spreadsheets,
 * the reports). docs/privacy.md says it in words. Under conflict the
 * strictest value wins:
 *
 * - a record is private when its privacy field holds "private" among
 *   any of its values;
 * - a record that belongs to another (CB_FIELD_PARENT) is private when
 *   any value of its parent field names a private record, in the Trash
 *   or not;
 * - a name or title is shown only from a record that is not private;
 * - a field flagged CB_FIELD_PRIVATE never leaves;
 * - a teacher's rating (a child whose parent field is flagged
 *   CB_FIELD_SHARED_ONLY: a walkthrough score) counts as private unless
 *   every value of its parent field names a record shared with its
 *   teacher (cb_privacy_teacher_sharing()); it may still be counted in
 *   an aggregate (cb_privacy_may_count()). */

typedef enum
{
  CB_SHARING_PRIVATE,     /* private: no packet */
  CB_SHARING_NOT_SHARED,  /* not shared with its teacher */
  CB_SHARING_TEACHER,     /* shared with its teacher: a packet may be made */
} CbSharing;

typedef struct _CbPrivacy CbPrivacy;

CbPrivacy  *cb_privacy_new                (CbStore        *store,
                                           GError        **error);
CbPrivacy  *cb_privacy_new_lazy           (CbStore        *store);
void        cb_privacy_free               (CbPrivacy      *self);
gboolean    cb_privacy_is_private         (CbPrivacy      *self,
                                           const char     *uuid);
gboolean    cb_privacy_record_may_leave   (CbPrivacy      *self,
                                           const char     *uuid);
gboolean    cb_privacy_may_count          (CbPrivacy      *self,
                                           const char     *uuid);
gboolean    cb_privacy_name_may_show      (CbPrivacy      *self,
                                           const char     *uuid);
gboolean    cb_privacy_field_may_leave    (const CbField  *field);
GHashTable *cb_privacy_load_names         (CbPrivacy      *self,
                                           const char     *kind,
                                           GError        **error);
CbSharing   cb_privacy_teacher_sharing    (CbPrivacy      *self,
                                           const char     *observation_uuid,
                                           GError        **error);
guint       cb_privacy_get_n_private      (CbPrivacy      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbPrivacy, cb_privacy_free)

G_END_DECLS
