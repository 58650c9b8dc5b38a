/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Versioned state, for merge and exchange: a record's state read back,
 * compared, and written after a merge with only the values that changed. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-sql.h"
#include "cb-store-private.h"

/**
 * cb_store_read_state:
 *
 * Returns: (transfer full) (nullable): the versioned state of @uuid, or
 *   %NULL without error when there is no such record
 */
CbState *
cb_store_read_state (CbStore     *self,
                     const char  *uuid,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(CbState) state = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  stmt = cb_store_prepare (self, "SELECT id, kind, author, created, vv FROM records WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
  id = sqlite3_column_int64 (stmt, 0);
  state = cb_state_new (uuid, cb_sql_col_text (stmt, 1), cb_sql_col_text (stmt, 2), cb_sql_col_text (stmt, 3));
  cb_vector_free (state->vector);
  state->vector = cb_vector_parse (cb_sql_col_text (stmt, 4), error);
  sqlite3_reset (stmt);
  if (state->vector == NULL)
    return NULL;

  if (!cb_store_read_vals (self, id, NULL, state->values, error))
    return NULL;
  return g_steal_pointer (&state);
}

/**
 * cb_store_holds_state:
 * @state: a record's state as another laptop shares it: values sorted,
 *   no private field
 * @found: (out) (optional): whether the record is here at all
 *
 * Whether this store holds exactly @state for that record, leaving its
 * private fields aside: then merging @state changes nothing. Compares
 * the rows as they are read, without building the local state, which
 * makes importing a file again cheap.
 *
 * Returns: %TRUE if the record is here with the same author, creation
 *   time, vector and shared values; %FALSE otherwise or on error
 */
gboolean
cb_store_holds_state (CbStore        *self,
                      const CbState  *state,
                      gboolean       *found,
                      GError        **error)
{
  g_autofree char *vv = NULL;
  const CbKind *kind;
  sqlite3_stmt *stmt;
  gboolean same;
  gint64 id;
  guint j = 0;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (found)
    *found = TRUE;  /* unless seen absent */
  kind = cb_kind_lookup (state->kind);
  if (kind == NULL)
    return FALSE;
  stmt = cb_store_prepare (self, "SELECT id, kind, author, created, vv FROM records WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state->uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        cb_store_set_sqlite_error (self, error, rc);
      else if (found)
        *found = FALSE;
      return FALSE;
    }
  vv = cb_vector_to_string (state->vector);
  id = sqlite3_column_int64 (stmt, 0);
  same = strcmp (cb_sql_col_text (stmt, 1), kind->name) == 0 &&
         strcmp (cb_sql_col_text (stmt, 2), state->author ? state->author : "") == 0 &&
         strcmp (cb_sql_col_text (stmt, 3), state->created ? state->created : "") == 0 &&
         strcmp (cb_sql_col_text (stmt, 4), vv) == 0;
  sqlite3_reset (stmt);
  if (!same)
    return FALSE;

  /* the order of cb_stamped_compare() */
  stmt = cb_store_prepare (self,
      "SELECT field, replica, counter, hlc, value FROM vals WHERE rec = ? ORDER BY field, replica, counter", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (same && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = cb_sql_col_text (stmt, 0);
      const CbField *f = cb_kind_field (kind, field);
      const CbStamped *v;

      if (f != NULL && (f->flags & CB_FIELD_PRIVATE))
        continue;
      if (j >= state->values->len)
        {
          same = FALSE;
          break;
        }
      v = g_ptr_array_index (state->values, j++);
      same = strcmp (field, v->field) == 0 &&
             strcmp (cb_sql_col_text (stmt, 1), v->replica) == 0 &&
             sqlite3_column_int64 (stmt, 2) == v->counter &&
             sqlite3_column_int64 (stmt, 3) == v->hlc &&
             strcmp (cb_sql_col_text (stmt, 4), v->value) == 0;
    }
  sqlite3_reset (stmt);
  if (same && rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return same && j == state->values->len;
}

/**
 * cb_store_write_state:
 *
 * Replaces the versioned state of one record (creating it if needed) and
 * rebuilds what is displayed. Used by the merge: the caller computed
 * @state with cb_merge_states().
 */
gboolean
cb_store_write_state (CbStore        *self,
                      const CbState  *state,
                      GError        **error)
{
  g_autoptr(CbState) local = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (state->uuid != NULL && cb_uuid_is_valid (state->uuid))
    {
      local = cb_store_read_state (self, state->uuid, &local_error);
      if (local == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return cb_store_write_merged (self, local, state, error);
}

static int
compare_stamped_ptrs (gconstpointer a,
                      gconstpointer b)
{
  return cb_stamped_compare (*(CbStamped * const *) a, *(CbStamped * const *) b);
}

/* @values in cb_stamped_compare() order, without copying them. */
static GPtrArray *
sorted_values (GPtrArray *values)
{
  GPtrArray *sorted = g_ptr_array_sized_new (values->len);
  gboolean in_order = TRUE;

  for (guint i = 0; i < values->len; i++)
    {
      g_ptr_array_add (sorted, g_ptr_array_index (values, i));
      if (i > 0 && cb_stamped_compare (g_ptr_array_index (values, i - 1),
                                       g_ptr_array_index (values, i)) > 0)
        in_order = FALSE;
    }
  if (!in_order)
    g_ptr_array_sort (sorted, compare_stamped_ptrs);
  return sorted;
}

/* Inserts @n values of one record, up to VALS_PER_INSERT in each
 * statement: a record's values cost one statement, not one each. OR FAIL
 * rather than the default ABORT: a statement that may abort after its
 * first row keeps a journal of every page it changes, so that it can undo
 * itself, and a failure here fails the whole transaction anyway. */
static gboolean
insert_values (CbStore          *self,
               gint64            id,
               CbStamped * const *values,
               guint             n,
               GError          **error)
{
  while (n > 0)
    {
      guint rows = MIN (n, VALS_PER_INSERT);
      sqlite3_stmt *stmt;

      if (self->vals_sql[rows - 1] == NULL)
        {
          GString *sql = g_string_new ("INSERT OR FAIL INTO vals (rec, field, replica, counter, hlc, value) VALUES ");

          for (guint r = 0; r < rows; r++)
            g_string_append (sql, r == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
          self->vals_sql[rows - 1] = g_string_free (sql, FALSE);
        }
      stmt = cb_store_prepare (self, self->vals_sql[rows - 1], error);
      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < rows; r++)
        {
          const CbStamped *v = values[r];
          int col = 6 * r;

          sqlite3_bind_int64 (stmt, col + 1, id);
          sqlite3_bind_text (stmt, col + 2, v->field, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, col + 3, v->replica, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, col + 4, v->counter);
          sqlite3_bind_int64 (stmt, col + 5, v->hlc);
          sqlite3_bind_text (stmt, col + 6, v->value, -1, SQLITE_STATIC);
        }
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
      values += rows;
      n -= rows;
    }
  return TRUE;
}

static gboolean
delete_value (CbStore          *self,
              gint64            id,
              const CbStamped  *v,
              GError          **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
      "DELETE FROM vals WHERE rec = ? AND field = ? AND replica = ? AND counter = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, v->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, v->replica, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, v->counter);
  return cb_store_step_done (self, stmt, error);
}

/* Makes the record's values in vals go from @before to @after: deletes
 * what @after no longer holds, inserts what it adds. */
static gboolean
write_value_changes (CbStore        *self,
                     gint64          id,
                     GPtrArray      *before,
                     GPtrArray      *after,
                     GError        **error)
{
  g_autoptr(GPtrArray) b = sorted_values (before);
  g_autoptr(GPtrArray) a = sorted_values (after);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint i = 0, j = 0;

  while (i < b->len || j < a->len)
    {
      const CbStamped *x = i < b->len ? g_ptr_array_index (b, i) : NULL;
      const CbStamped *y = j < a->len ? g_ptr_array_index (a, j) : NULL;
      int c = x == NULL ? 1 : y == NULL ? -1 : cb_stamped_compare (x, y);

      if (c == 0 && x->hlc == y->hlc && strcmp (x->value, y->value) == 0)
        {
          i++;
          j++;
          continue;
        }
      /* gone, or the same stamp now with other content */
      if (c <= 0 && !delete_value (self, id, x, error))
        return FALSE;
      if (c >= 0)
        g_ptr_array_add (added, (gpointer) y);
      if (c <= 0)
        i++;
      if (c >= 0)
        j++;
    }
  return insert_values (self, id, (CbStamped * const *) added->pdata, added->len, error);
}

/* The records row of @state with its caches, in one statement: a new
 * row when @local is %NULL (@id receives it), else the row of @local. */
static gboolean
write_records_row (CbStore          *self,
                   const CbKind     *kind,
                   const CbState    *local,
                   const CbState    *state,
                   const CbDisplay  *d,
                   const char       *vv,
                   gint64           *id,
                   GError          **error)
{
  sqlite3_stmt *stmt;

  if (local == NULL)
    stmt = cb_store_prepare (self,
        "INSERT INTO records (uuid, kind, author, created, vv, privacy, deleted, conflicts, "
        "deleted_edited, sort_key) VALUES (?1, ?10, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        CB_SORT_KEY_SQL ("?9", "?3") ")", error);
  else
    {
      CbRecRef ref;

      if (!cb_store_lookup_record (self, state->uuid, &ref, NULL, error))
        return FALSE;
      if (ref.kind != kind)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("The record %s is a %s here and something else in the file."),
                       state->uuid, ref.kind->name);
          return FALSE;
        }
      *id = ref.id;
      stmt = cb_store_prepare (self,
          "UPDATE records SET author = ?2, created = ?3, vv = ?4, privacy = ?5, deleted = ?6, "
          "conflicts = ?7, deleted_edited = ?8, sort_key = " CB_SORT_KEY_SQL ("?9", "?3") " "
          "WHERE id = ?10", error);
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, state->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, state->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, vv, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, d->privacy, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, d->deleted);
  sqlite3_bind_int (stmt, 7, d->conflicts);
  sqlite3_bind_int (stmt, 8, d->deleted_edited);
  if (d->sort_value)
    sqlite3_bind_text (stmt, 9, d->sort_value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  if (local == NULL)
    {
      sqlite3_bind_text (stmt, 1, state->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, kind->name, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_int64 (stmt, 10, *id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_errcode (self->db);

      sqlite3_reset (stmt);
      if (local == NULL && (rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                     _("A record with the UUID %s already exists."), state->uuid);
      else
        cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (local == NULL)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * cb_store_write_merged:
 * @local: (nullable): the record's state as cb_store_read_state() read it
 *   in the same transaction, or %NULL when the record is not here
 * @state: the state to write, e.g. cb_merge_states() of @local
 *
 * cb_store_write_state() for a caller that has just read the record's
 * state: only the values that changed are written, and what is displayed
 * is derived from @state in memory. The import's write path.
 */
gboolean
cb_store_write_merged (CbStore        *self,
                       const CbState  *local,
                       const CbState  *state,
                       GError        **error)
{
  const CbKind *kind;
  g_autofree char *vv = NULL;
  g_auto(CbDisplay) d = { 0 };
  gint64 id = 0;
  CbStoreOp op;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  kind = cb_kind_lookup (state->kind);
  if (kind == NULL || !cb_uuid_is_valid (state->uuid))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("The record %s is not valid."), state->uuid ? state->uuid : "");
      return FALSE;
    }
  if (local != NULL && (g_strcmp0 (local->uuid, state->uuid) != 0 ||
                        g_strcmp0 (local->kind, kind->name) != 0))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("The record %s is a %s here and something else in the file."),
                   state->uuid, local->kind);
      return FALSE;
    }
  vv = cb_vector_to_string (state->vector);
  cb_display_compute (&d, kind, state->values);

  if (!cb_store_op_begin (self, &op, error))
    return FALSE;

  if (local == NULL && self->bulk_indexes && self->dropped_indexes == NULL &&
      !cb_store_drop_indexes (self, error))
    goto fail;

  if (!write_records_row (self, kind, local, state, &d, vv, &id, error))
    goto fail;
  if (local != NULL && !write_value_changes (self, id, local->values, state->values, error))
    goto fail;
  if (local == NULL &&
      !insert_values (self, id, (CbStamped * const *) state->values->pdata, state->values->len, error))
    goto fail;

  if (!cb_store_write_kind_row (self, id, local == NULL, &d, error) ||
      !cb_store_write_search (self, id, local == NULL, &d, error))
    goto fail;
  cb_store_queue_change (self, kind->name, state->uuid);
  return cb_store_op_commit (self, &op, error);

fail:
  cb_store_op_fail (self, &op);
  return FALSE;
}
