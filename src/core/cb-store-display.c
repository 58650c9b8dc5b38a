/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a record displays, derived from its versioned values: the winner
 * of each field in its k_<kind> row, the caches on its records row and
 * its search text and index. */

#include "config.h"

#include <string.h>

#include "cb-sql.h"
#include "cb-store-private.h"

static int
slot_of (const CbKind *kind,
         const char   *name)
{
  const CbField *field = cb_kind_field (kind, name);
  const CbField *common;
  guint n_common;

  if (field == NULL)
    return -1;
  if (field >= kind->fields && field < kind->fields + kind->n_fields)
    return field - kind->fields;
  common = cb_common_fields (&n_common);
  return kind->n_fields + (field - common);
}

void
cb_display_clear (CbDisplay *d)
{
  if (d->body != NULL)
    g_string_free (d->body, TRUE);
}

/* Fills @d from @values (CbStamped*, any order); @d points into them. */
void
cb_display_compute (CbDisplay    *d,
                    const CbKind *kind,
                    GPtrArray    *values)
{
  gboolean differs[MAX_SLOTS] = { FALSE };
  guint n_common;
  const CbField *title_field = cb_kind_title_field (kind);
  const CbField *sort_field = cb_kind_sort_field (kind);
  int privacy_slot, deleted_slot;
  const CbStamped *w;

  cb_common_fields (&n_common);
  g_assert (kind->n_fields + n_common <= MAX_SLOTS);

  memset (d, 0, sizeof *d);
  d->kind = kind;
  d->body = g_string_new (NULL);
  for (guint i = 0; i < values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (values, i);
      int slot = slot_of (kind, v->field);
      const CbStamped *cur;

      if (slot < 0)
        continue;
      cur = d->winner[slot];
      /* Two laptops that wrote the same value (both deleted the record,
       * both typed the same text) do not disagree. */
      if (cur != NULL && strcmp (cur->value, v->value) != 0)
        differs[slot] = TRUE;
      if (cur == NULL || cb_stamped_wins (v, cur))
        d->winner[slot] = v;
    }
  for (guint s = 0; s < kind->n_fields + n_common; s++)
    if (differs[s])
      d->conflicts++;

  privacy_slot = slot_of (kind, CB_FIELD_PRIVACY);
  deleted_slot = slot_of (kind, CB_FIELD_DELETED);
  w = d->winner[privacy_slot];
  d->privacy = w && w->value[0] ? w->value : kind->default_privacy;
  w = d->winner[deleted_slot];
  d->deleted = w && strcmp (w->value, "1") == 0;

  /* Deleted on one laptop while another, not having seen the delete,
   * went on editing: the Conflicts section shows it. */
  if (d->deleted)
    for (guint i = 0; i < values->len && !d->deleted_edited; i++)
      {
        const CbStamped *v = g_ptr_array_index (values, i);
        d->deleted_edited = strcmp (v->field, CB_FIELD_DELETED) != 0 &&
                            strcmp (v->replica, w->replica) != 0 &&
                            v->hlc > w->hlc;
      }

  if (sort_field != NULL && (w = d->winner[sort_field - kind->fields]) && w->value[0])
    d->sort_value = w->value;

  d->title = "";
  for (guint f = 0; f < kind->n_fields; f++)
    {
      const CbField *field = &kind->fields[f];

      w = d->winner[f];
      if (w == NULL || !(field->flags & CB_FIELD_SEARCH) || w->value[0] == '\0')
        continue;
      if (field == title_field)
        d->title = w->value;
      else
        {
          if (d->body->len > 0)
            g_string_append_c (d->body, '\n');
          g_string_append (d->body, w->value);
        }
    }
}

static const char *
kind_row_sql (CbStore       *self,
              const CbKind  *kind,
              gboolean       update)
{
  guint k = 2 * (kind - cb_kinds (NULL)) + (update ? 1 : 0);

  if (self->kind_sql[k] == NULL)
    {
      GString *sql = g_string_new (NULL);

      if (update)
        {
          g_string_append_printf (sql, "UPDATE k_%s SET ", kind->name);
          for (guint f = 0; f < kind->n_fields; f++)
            g_string_append_printf (sql, "%s\"%s\" = ?%u", f ? ", " : "", kind->fields[f].name, f + 2);
          g_string_append (sql, " WHERE id = ?1");
        }
      else
        {
          g_string_append_printf (sql, "INSERT INTO k_%s (id", kind->name);
          for (guint f = 0; f < kind->n_fields; f++)
            g_string_append_printf (sql, ", \"%s\"", kind->fields[f].name);
          g_string_append (sql, ") VALUES (?1");
          for (guint f = 0; f < kind->n_fields; f++)
            g_string_append_printf (sql, ", ?%u", f + 2);
          g_string_append (sql, ")");
        }
      self->kind_sql[k] = g_string_free (sql, FALSE);
    }
  return self->kind_sql[k];
}

/* The k_<kind> row: the winners, typed. An existing row is updated in
 * place (a REPLACE would keep a statement journal, see
 * cb_store_write_search()). */
gboolean
cb_store_write_kind_row (CbStore         *self,
                         gint64           id,
                         gboolean         is_new,
                         const CbDisplay *d,
                         GError         **error)
{
  const CbKind *kind = d->kind;
  gboolean update = !is_new;

  for (;;)
    {
      sqlite3_stmt *stmt = cb_store_prepare (self, kind_row_sql (self, kind, update), error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      for (guint f = 0; f < kind->n_fields; f++)
        {
          const CbField *field = &kind->fields[f];
          const CbStamped *w = d->winner[f];

          if (w == NULL || w->value[0] == '\0')
            sqlite3_bind_null (stmt, f + 2);
          else if (field->type == CB_TYPE_INT || field->type == CB_TYPE_BOOL)
            sqlite3_bind_int64 (stmt, f + 2, g_ascii_strtoll (w->value, NULL, 10));
          else if (field->type == CB_TYPE_NUMBER)
            sqlite3_bind_double (stmt, f + 2, g_ascii_strtod (w->value, NULL));
          else
            sqlite3_bind_text (stmt, f + 2, w->value, -1, SQLITE_STATIC);
        }
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
      if (!update || sqlite3_changes (self->db) > 0)
        return TRUE;
      update = FALSE;  /* no row yet */
    }
}

/* The search text and its index. Since schema version 4 the store
 * keeps the index itself instead of triggers on search_text: a statement
 * that fires a trigger keeps a statement journal, and FTS5 writes its
 * pending terms out as a new segment at every statement journal, so an
 * import wrote ~100,000 tiny segments and then merged them. These
 * single-row statements keep no journal: FTS5 gathers the terms of a
 * whole transaction (up to its own memory bound) and writes them in a few
 * segments. Every write of search_text goes through here. */
gboolean
cb_store_write_search (CbStore         *self,
                       gint64           id,
                       gboolean         is_new,
                       const CbDisplay *d,
                       GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  /* rows added in a bulk transaction are indexed by cb_store_index_pending() */
  gboolean indexed;

  if (is_new && self->bulk && self->fts_from == 0)
    self->fts_from = id;
  indexed = self->fts_from == 0 || id < self->fts_from;

  if (!is_new)
    {
      g_autofree char *old_title = NULL;
      g_autofree char *old_body = NULL;

      stmt = cb_store_prepare (self, "SELECT title, body FROM search_text WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          exists = TRUE;
          old_title = g_strdup (cb_sql_col_text (stmt, 0));
          old_body = g_strdup (cb_sql_col_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (exists && strcmp (old_title, d->title) == 0 && strcmp (old_body, d->body->str) == 0)
        return TRUE;
      if (exists && indexed)
        {
          /* an external-content index forgets a row given its old text */
          stmt = cb_store_prepare (self,
              "INSERT INTO fts (fts, rowid, title, body) VALUES ('delete', ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, old_title, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, old_body, -1, SQLITE_STATIC);
          if (!cb_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  stmt = cb_store_prepare (self, exists ?
      "UPDATE search_text SET title = ?2, body = ?3 WHERE id = ?1" :
      "INSERT INTO search_text (id, title, body) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, d->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, d->body->str, d->body->len, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  /* in large batches, so that an import's indexing goes on while its
   * parser reads the rest of the files */
  if (!indexed && id - self->fts_from + 1 >= self->fts_batch)
    return cb_store_index_pending (self, error);
  if (!indexed)
    return TRUE;

  stmt = cb_store_prepare (self, "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, d->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, d->body->str, d->body->len, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

/**
 * cb_store_index_pending:
 *
 * Indexes the search texts a bulk transaction added, in one statement:
 * one pass over them costs a third of indexing each as it is written,
 * where FTS5's work comes between every other write of the import. The
 * outermost commit calls it, and so does every search.
 */
gboolean
cb_store_index_pending (CbStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  if (self->fts_from == 0)
    return TRUE;
  stmt = cb_store_prepare (self,
      "INSERT INTO fts (rowid, title, body) SELECT id, title, body FROM search_text WHERE id >= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->fts_from);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  self->fts_from = 0;
  return TRUE;
}

/* Rebuilds the displayed values, caches and search text of one record
 * from its versioned values, read back from vals (local edits). */
gboolean
cb_store_materialize (CbStore        *self,
                      const CbRecRef *ref,
                      GError        **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  g_auto(CbDisplay) d = { 0 };
  sqlite3_stmt *stmt;

  if (!cb_store_read_vals (self, ref->id, NULL, values, error))
    return FALSE;

  cb_display_compute (&d, ref->kind, values);
  if (!cb_store_write_kind_row (self, ref->id, FALSE, &d, error))
    return FALSE;

  stmt = cb_store_prepare (self,
      "UPDATE records SET privacy = ?1, deleted = ?2, conflicts = ?3, deleted_edited = ?4, "
      "sort_key = " CB_SORT_KEY_SQL ("?5", "created") " WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d.privacy, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, d.deleted);
  sqlite3_bind_int (stmt, 3, d.conflicts);
  sqlite3_bind_int (stmt, 4, d.deleted_edited);
  if (d.sort_value)
    sqlite3_bind_text (stmt, 5, d.sort_value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, ref->id);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  return cb_store_write_search (self, ref->id, FALSE, &d, error);
}
