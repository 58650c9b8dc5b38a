/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cb-privacy.h"
#include "cb-steps.h"

void
cb_fields_init (CbFields *f)
{
  f->names = g_ptr_array_new ();
  f->values = g_ptr_array_new_with_free_func (g_free);
}

void
cb_fields_clear (CbFields *f)
{
  g_clear_pointer (&f->names, g_ptr_array_unref);
  g_clear_pointer (&f->values, g_ptr_array_unref);
}

void
cb_fields_add (CbFields   *f,
               const char *name,
               const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_ptr_array_add (f->names, (gpointer) name);
  g_ptr_array_add (f->values, g_strdup (value));
}

char *
cb_fields_create (CbFields    *f,
                  CbStore     *store,
                  const char  *kind,
                  GError     **error)
{
  char *uuid = cb_store_create (store, kind,
                                (const char * const *) f->names->pdata,
                                (const char * const *) f->values->pdata,
                                f->names->len, error);
  g_ptr_array_set_size (f->names, 0);
  g_ptr_array_set_size (f->values, 0);
  return uuid;
}

/* Whether what is made from @record must stay private with it: by the
 * one privacy rule, so a record that holds "private" as one side of a
 * conflict passes it on too. */
gboolean
cb_step_is_private (CbStore  *store,
                    CbRecord *record)
{
  g_autoptr(CbPrivacy) privacy = cb_privacy_new_lazy (store);

  return cb_privacy_is_private (privacy, cb_record_get_uuid (record));
}

char *
cb_step_first_ref (const char *refs)
{
  g_auto(GStrv) parts = g_strsplit (refs ? refs : "", " ", -1);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0')
      return g_strdup (parts[i]);
  return NULL;
}

char *
cb_step_school_of (CbStore    *store,
                   const char *person)
{
  g_autoptr(CbRecord) record = NULL;

  if (person == NULL)
    return NULL;
  record = cb_store_get (store, person, NULL);
  return record ? g_strdup (cb_record_get (record, "school")) : NULL;
}

gboolean
cb_step_finish (CbStore   *store,
                gboolean   ok,
                GError   **error)
{
  if (ok && cb_store_commit (store, error))
    return TRUE;
  cb_store_rollback (store);
  return FALSE;
}
