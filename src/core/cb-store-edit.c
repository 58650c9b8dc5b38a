/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Local edits: creating a record and setting, deleting or restoring
 * its fields, each stamped by this laptop. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-sql.h"
#include "cb-store-private.h"

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
validate_fields (const CbKind       *kind,
                 const char * const *names,
                 const char * const *values,
                 guint               n,
                 GError            **error)
{
  for (guint i = 0; i < n; i++)
    {
      const CbField *field = cb_kind_field (kind, names[i]);

      if (field == NULL)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("A %s has no field “%s”."), cb_kind_get_label (kind), names[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (names[i], names[j]) == 0)
          {
            g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                         _("The field “%s” is given twice."), names[i]);
            return FALSE;
          }
      if (!cb_field_validate (field, values[i], error))
        return FALSE;
    }
  return TRUE;
}

/* The one function for local edits: a new dot for this replica, each
 * field's values replaced by the one new value, the vector raised. */
static gboolean
local_edit (CbStore            *self,
            const CbRecRef     *ref,
            gboolean            is_new,
            const char         *vv_text,
            const char * const *names,
            const char * const *values,
            guint               n,
            GError            **error)
{
  g_autoptr(CbVector) vv = NULL;
  g_autofree char *vv_new = NULL;
  sqlite3_stmt *del, *ins, *upd;
  gint64 counter, hlc;

  vv = cb_vector_parse (vv_text, error);
  if (vv == NULL)
    return FALSE;

  counter = self->counter + 1;
  hlc = cb_hlc_tick (self->hlc, cb_store_wall_ms (self));

  del = cb_store_prepare (self, "DELETE FROM vals WHERE rec = ? AND field = ?", error);
  if (del == NULL)
    return FALSE;
  for (guint i = 0; i < n && !is_new; i++)
    {
      sqlite3_reset (del);
      sqlite3_bind_int64 (del, 1, ref->id);
      sqlite3_bind_text (del, 2, names[i], -1, SQLITE_STATIC);
      if (!cb_store_step_done (self, del, error))
        return FALSE;
    }
  ins = cb_store_prepare (self,
      "INSERT INTO vals (rec, field, replica, counter, hlc, value) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, ref->id);
      sqlite3_bind_text (ins, 2, names[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 3, self->replica, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 4, counter);
      sqlite3_bind_int64 (ins, 5, hlc);
      sqlite3_bind_text (ins, 6, values[i] ? values[i] : "", -1, SQLITE_STATIC);
      if (!cb_store_step_done (self, ins, error))
        return FALSE;
    }

  cb_vector_set (vv, self->replica, counter);
  vv_new = cb_vector_to_string (vv);
  upd = cb_store_prepare (self, "UPDATE records SET vv = ?, updated = ? WHERE id = ?", error);
  if (upd == NULL)
    return FALSE;
  sqlite3_bind_text (upd, 1, vv_new, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upd, 2, hlc);
  sqlite3_bind_int64 (upd, 3, ref->id);
  if (!cb_store_step_done (self, upd, error))
    return FALSE;

  self->counter = counter;
  self->hlc = hlc;
  self->clock_dirty = TRUE;

  return cb_store_materialize (self, ref, error);
}

/**
 * cb_store_create_with_uuid:
 * @uuid: (nullable): the new record's UUID; %NULL for a random one
 * @names: (array length=n): field names
 * @values: (array length=n): their values
 *
 * Creates a record of @kind. Fields not given stay empty; "privacy"
 * takes the kind's default when not given.
 *
 * Returns: (transfer full) (nullable): the UUID of the new record
 */
char *
cb_store_create_with_uuid (CbStore            *self,
                           const char         *uuid,
                           const char         *kind_name,
                           const char * const *names,
                           const char * const *values,
                           guint               n,
                           GError            **error)
{
  const CbKind *kind;
  g_autofree char *new_uuid = NULL;
  g_autofree char *created = NULL;
  g_autofree const char **all_names = NULL;
  g_autofree const char **all_values = NULL;
  guint n_all = n;
  gboolean has_privacy = FALSE;
  sqlite3_stmt *stmt;
  CbRecRef ref;
  CbStoreOp op;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  g_return_val_if_fail (n == 0 || (names != NULL && values != NULL), NULL);

  kind = cb_kind_lookup (kind_name);
  if (kind == NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record."), kind_name ? kind_name : "");
      return NULL;
    }
  if (uuid != NULL && !cb_uuid_is_valid (uuid))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid UUID."), uuid);
      return NULL;
    }
  if (!validate_fields (kind, names, values, n, error))
    return NULL;

  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], CB_FIELD_PRIVACY) == 0)
      has_privacy = TRUE;
  all_names = g_new0 (const char *, n + 1);
  all_values = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      all_names[i] = names[i];
      all_values[i] = values[i];
    }
  if (!has_privacy)
    {
      all_names[n_all] = CB_FIELD_PRIVACY;
      all_values[n_all] = kind->default_privacy;
      n_all++;
    }

  new_uuid = uuid ? g_strdup (uuid) : g_uuid_string_random ();
  created = now_iso ();

  if (!cb_store_op_begin (self, &op, error))
    return NULL;

  stmt = cb_store_prepare (self,
      "INSERT INTO records (uuid, kind, author, created, vv, privacy) VALUES (?, ?, ?, ?, '', ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, new_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, kind->default_privacy, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_errcode (self->db);
      sqlite3_reset (stmt);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                     _("A record with the UUID %s already exists."), new_uuid);
      else
        cb_store_set_sqlite_error (self, error, rc);
      goto fail;
    }
  sqlite3_reset (stmt);
  ref.id = sqlite3_last_insert_rowid (self->db);
  ref.kind = kind;

  if (!local_edit (self, &ref, TRUE, "", all_names, all_values, n_all, error))
    goto fail;

  cb_store_queue_change (self, kind->name, new_uuid);
  if (!cb_store_op_commit (self, &op, error))
    return NULL;
  return g_steal_pointer (&new_uuid);

fail:
  cb_store_op_fail (self, &op);
  return NULL;
}

char *
cb_store_create (CbStore            *self,
                 const char         *kind,
                 const char * const *names,
                 const char * const *values,
                 guint               n,
                 GError            **error)
{
  return cb_store_create_with_uuid (self, NULL, kind, names, values, n, error);
}

/**
 * cb_store_set_fields:
 *
 * Sets several fields of one record in one local edit.
 */
gboolean
cb_store_set_fields (CbStore            *self,
                     const char         *uuid,
                     const char * const *names,
                     const char * const *values,
                     guint               n,
                     GError            **error)
{
  g_autofree char *vv = NULL;
  CbRecRef ref;
  CbStoreOp op;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (n == 0)
    return TRUE;
  if (!cb_store_op_begin (self, &op, error))
    return FALSE;
  if (!cb_store_lookup_record (self, uuid, &ref, &vv, error) ||
      !validate_fields (ref.kind, names, values, n, error) ||
      !local_edit (self, &ref, FALSE, vv, names, values, n, error))
    {
      cb_store_op_fail (self, &op);
      return FALSE;
    }
  cb_store_queue_change (self, ref.kind->name, uuid);
  return cb_store_op_commit (self, &op, error);
}

gboolean
cb_store_set (CbStore     *self,
              const char  *uuid,
              const char  *field,
              const char  *value,
              GError     **error)
{
  const char *names[] = { field };
  const char *values[] = { value };
  return cb_store_set_fields (self, uuid, names, values, 1, error);
}

/**
 * cb_store_delete:
 *
 * Moves a record to the Trash. Deleting is an edit of the "deleted"
 * field: the record and its history stay, and it can be restored.
 */
gboolean
cb_store_delete (CbStore     *self,
                 const char  *uuid,
                 GError     **error)
{
  return cb_store_set (self, uuid, CB_FIELD_DELETED, "1", error);
}

gboolean
cb_store_restore (CbStore     *self,
                  const char  *uuid,
                  GError     **error)
{
  return cb_store_set (self, uuid, CB_FIELD_DELETED, "0", error);
}
