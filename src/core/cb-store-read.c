/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reads: one record as displayed, lists and counts under a filter, a
 * record's children and a field's values. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-sql.h"
#include "cb-store-private.h"

gboolean
cb_store_lookup_record (CbStore    *self,
                        const char *uuid,
                        CbRecRef   *ref,
                        char      **vv,
                        GError    **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, kind, vv FROM records WHERE uuid = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ref->id = sqlite3_column_int64 (stmt, 0);
      ref->kind = cb_kind_lookup (cb_sql_col_text (stmt, 1));
      if (vv)
        *vv = g_strdup (cb_sql_col_text (stmt, 2));
      sqlite3_reset (stmt);
      if (ref->kind == NULL)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                       _("The record %s has an unknown kind."), uuid);
          return FALSE;
        }
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    cb_store_set_sqlite_error (self, error, rc);
  else
    g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND,
                 _("The record %s does not exist."), uuid);
  return FALSE;
}

/* Appends to @out the stamped values of record @rec (of its @field
 * only, when not NULL), in the order of their primary key. */
gboolean
cb_store_read_vals (CbStore     *self,
                    gint64       rec,
                    const char  *field,
                    GPtrArray   *out,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self, field == NULL
      ? "SELECT field, value, replica, counter, hlc FROM vals WHERE rec = ? ORDER BY field, replica, counter"
      : "SELECT field, value, replica, counter, hlc FROM vals WHERE rec = ? AND field = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rec);
  if (field != NULL)
    sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, cb_stamped_new (cb_sql_col_text (stmt, 0), cb_sql_col_text (stmt, 1), cb_sql_col_text (stmt, 2),
                                          sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

static void
fill_record (CbRecord      *record,
             const CbKind  *kind,
             sqlite3_stmt  *stmt,
             int            first_col)
{
  for (guint f = 0; f < kind->n_fields; f++)
    {
      const CbField *field = &kind->fields[f];
      int col = first_col + f;

      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        continue;
      if (field->type == CB_TYPE_NUMBER)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_ascii_formatd (buf, sizeof buf, "%.6g", sqlite3_column_double (stmt, col));
          cb_record_take (record, field->name, g_strdup (buf));
        }
      else
        cb_record_take (record, field->name, g_strdup (cb_sql_col_text (stmt, col)));
    }
}

/* The names and descriptions of the built-in frameworks and look-fors
 * are shown in the interface language for as long as they hold the
 * catalog's own value (data/lookfors.xml, extracted for translation by
 * data/its/): a coach's edit is stamped by this laptop and shown as
 * typed. Only what is shown changes; the stored values, and so what
 * exchange files carry, stay the catalog's. */
static gboolean
translate_builtin (CbStore      *self,
                   gint64        id,
                   CbRecord     *record,
                   GError      **error)
{
  const char *kind = cb_record_get_kind (record);
  sqlite3_stmt *stmt;
  int rc;

  if (strcmp (kind, "look_for") != 0 && strcmp (kind, "framework") != 0 &&
      strcmp (kind, "walk_form") != 0 && strcmp (kind, "walk_item") != 0)
    return TRUE;
  stmt = cb_store_prepare (self,
      "SELECT field, value FROM vals WHERE rec = ? AND replica = '" CB_BUILTIN_REPLICA "' "
      "AND field IN ('name', 'description', 'prompt', 'level_1', 'level_2', 'level_3', 'level_4')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = cb_sql_col_text (stmt, 0);
      const char *value = cb_sql_col_text (stmt, 1);

      if (*value != '\0' && g_strcmp0 (cb_record_get (record, field), value) == 0)
        cb_record_take (record, field, g_strdup (g_dgettext (GETTEXT_PACKAGE, value)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

static CbRecord *
read_record (CbStore     *self,
             const char  *uuid,
             gint64       id,
             GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GString) sql = NULL;
  const CbKind *kind;
  int rc;

  if (uuid != NULL)
    {
      stmt = cb_store_prepare (self,
          "SELECT id, uuid, kind, author, created, privacy, deleted, conflicts, sort_key FROM records WHERE uuid = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = cb_store_prepare (self,
          "SELECT id, uuid, kind, author, created, privacy, deleted, conflicts, sort_key FROM records WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND,
                     _("The record %s does not exist."), uuid ? uuid : "");
      else
        cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
  id = sqlite3_column_int64 (stmt, 0);
  kind = cb_kind_lookup (cb_sql_col_text (stmt, 2));
  if (kind == NULL)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                   _("The record %s has an unknown kind."), uuid ? uuid : "");
      return NULL;
    }
  record = cb_record_new (cb_sql_col_text (stmt, 1), kind->name, cb_sql_col_text (stmt, 3), cb_sql_col_text (stmt, 4));
  cb_record_take (record, CB_FIELD_PRIVACY, g_strdup (cb_sql_col_text (stmt, 5)));
  cb_record_take (record, CB_FIELD_DELETED, g_strdup (sqlite3_column_int (stmt, 6) ? "1" : "0"));
  cb_record_set_n_conflicts (record, sqlite3_column_int (stmt, 7));
  cb_record_set_list_key (record, cb_sql_col_text (stmt, 8), id);
  sqlite3_reset (stmt);

  sql = g_string_new ("SELECT id");
  for (guint f = 0; f < kind->n_fields; f++)
    g_string_append_printf (sql, ", \"%s\"", kind->fields[f].name);
  g_string_append_printf (sql, " FROM k_%s WHERE id = ?", kind->name);
  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    fill_record (record, kind, stmt, 1);
  sqlite3_reset (stmt);
  if (!translate_builtin (self, id, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * cb_store_get:
 *
 * Returns: (transfer full) (nullable): the record as displayed
 */
CbRecord *
cb_store_get (CbStore     *self,
              const char  *uuid,
              GError     **error)
{
  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  return read_record (self, uuid, 0, error);
}

static const CbField *
look_for_field (const CbKind *kind)
{
  for (guint f = 0; f < kind->n_fields; f++)
    if (kind->fields[f].type == CB_TYPE_REFS &&
        g_strcmp0 (kind->fields[f].ref_kind, "look_for") == 0)
      return &kind->fields[f];
  return NULL;
}

static gboolean
filter_has_refs (const CbFilter *filter)
{
  if (filter->ref_field != NULL && filter->ref_value != NULL)
    return TRUE;
  for (guint i = 0; i < CB_FILTER_MORE_REFS; i++)
    if (filter->more_refs[i].field != NULL && filter->more_refs[i].value != NULL)
      return TRUE;
  return FALSE;
}

/* " AND the REF/REFS field @name of the kind's table names @value" */
static gboolean
ref_sql (const CbKind  *kind,
         const char    *name,
         const char    *value,
         GString       *sql,
         GPtrArray     *binds,
         GError       **error)
{
  const CbField *field = cb_kind_field (kind, name);

  if (field == NULL || (field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("A %s has no field “%s”."), cb_kind_get_label (kind), name);
      return FALSE;
    }
  if (field->type == CB_TYPE_REF)
    g_string_append_printf (sql, " AND k.\"%s\" = ?", field->name);
  else
    g_string_append_printf (sql, " AND instr (' ' || k.\"%s\" || ' ', ' ' || ? || ' ') > 0", field->name);
  g_ptr_array_add (binds, (gpointer) value);
  return TRUE;
}

/* Builds "FROM … WHERE …" for a filter; binds go into @binds in order. */
static gboolean
filter_sql (const CbFilter  *filter,
            GString         *sql,
            GPtrArray       *binds,
            GError         **error)
{
  const CbKind *kind = NULL;

  if (filter->kind != NULL && (kind = cb_kind_lookup (filter->kind)) == NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record."), filter->kind);
      return FALSE;
    }

  /* The kind's own table is joined only when a field filters: paging
   * deep into a long list then skips rows on the records index alone. */
  if (kind != NULL && (filter_has_refs (filter) ||
                       (filter->look_for != NULL && look_for_field (kind) != NULL)))
    g_string_append_printf (sql, " FROM records r JOIN k_%s k ON k.id = r.id WHERE r.kind = ?", kind->name);
  else if (kind != NULL)
    g_string_append (sql, " FROM records r WHERE r.kind = ?");
  else
    g_string_append (sql, " FROM records r WHERE r.kind NOT IN "
                          "('evidence', 'tally', 'segment', 'agenda_item', 'attendance', 'monitor', "
                          "'exit_question', 'exit_ticket', 'exit_answer', 'data_point')");
  if (kind != NULL)
    g_ptr_array_add (binds, (gpointer) kind->name);
  g_string_append (sql, filter->trash ? " AND r.deleted = 1" : " AND r.deleted = 0");
  if (filter->conflicts)
    g_string_append (sql, " AND r.conflicts > 0");
  if (filter->deleted_edited)
    g_string_append (sql, " AND r.deleted_edited = 1");

  if (kind != NULL && filter->ref_field != NULL && filter->ref_value != NULL &&
      !ref_sql (kind, filter->ref_field, filter->ref_value, sql, binds, error))
    return FALSE;
  for (guint i = 0; kind != NULL && i < CB_FILTER_MORE_REFS; i++)
    if (filter->more_refs[i].field != NULL && filter->more_refs[i].value != NULL &&
        !ref_sql (kind, filter->more_refs[i].field, filter->more_refs[i].value, sql, binds, error))
      return FALSE;
  if (kind != NULL && filter->look_for != NULL)
    {
      const CbField *field = look_for_field (kind);
      if (field != NULL)
        {
          g_string_append_printf (sql, " AND instr (' ' || k.\"%s\" || ' ', ' ' || ? || ' ') > 0", field->name);
          g_ptr_array_add (binds, (gpointer) filter->look_for);
        }
    }
  if (filter->date_from != NULL)
    {
      g_string_append (sql, " AND r.sort_key >= ?");
      g_ptr_array_add (binds, (gpointer) filter->date_from);
    }
  if (filter->date_to != NULL)
    {
      /* sort keys start with the date; "~" sorts after any time suffix */
      g_string_append (sql, " AND r.sort_key <= ? || '~'");
      g_ptr_array_add (binds, (gpointer) filter->date_to);
    }
  return TRUE;
}

/* Steps @stmt, whose first column is a record id, and reads each
 * record; ids are gathered first since reading uses other statements. */
static GPtrArray *
read_records_of_rows (CbStore       *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      CbRecord *record = read_record (self, NULL, g_array_index (ids, gint64, i), error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/**
 * cb_store_count:
 *
 * Returns: how many records match @filter
 */
guint
cb_store_count (CbStore        *self,
                const CbFilter *filter)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CB_IS_STORE (self), 0);
  g_return_val_if_fail (filter != NULL, 0);

  if (!filter_sql (filter, sql, binds, NULL))
    return 0;
  stmt = cb_store_prepare (self, sql->str, NULL);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * cb_store_count_conflicts:
 *
 * Counts, live or in the Trash, the records with a field holding
 * different values and the records deleted on one laptop while edited on
 * another: what the Conflicts section lists. Two index seeks: the caches
 * are kept where values are written.
 *
 * Returns: the number of records
 */
guint
cb_store_count_conflicts (CbStore *self)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CB_IS_STORE (self), 0);

  stmt = cb_store_prepare (self,
      "SELECT (SELECT count (*) FROM records WHERE conflicts > 0) + "
      "(SELECT count (*) FROM records WHERE deleted_edited = 1 AND conflicts = 0)", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * cb_store_list:
 * @limit: rows to return at most
 *
 * Lists records matching @filter, newest first (by the kind's date,
 * then creation). A list is paged by its keys, never by skipping rows:
 * the next page is @filter with `after` set to the last record's
 * cb_record_get_list_key(), an index seek at any depth.
 *
 * Returns: (transfer full) (element-type CbRecord): the records
 */
GPtrArray *
cb_store_list (CbStore        *self,
               const CbFilter *filter,
               guint           limit,
               GError        **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  limit = MIN (limit, (guint) G_MAXINT);
  if (filter->after == NULL)
    {
      g_string_append (sql, "SELECT r.id");
      if (!filter_sql (filter, sql, binds, error))
        return NULL;
      g_string_append (sql, " ORDER BY r.sort_key DESC, r.id DESC LIMIT ?");
    }
  else
    {
      /* Two seeks, each on every column of the list index: the rest of
       * the last record's sort key, then the keys after it. A row value
       * (r.sort_key, r.id) < (?, ?) seeks on the sort key only and walks
       * the rows sharing it (thousands, for the lines of a busy day). */
      g_string_append (sql, "SELECT id FROM (SELECT * FROM (SELECT r.id, r.sort_key");
      if (!filter_sql (filter, sql, binds, error))
        return NULL;
      g_string_append (sql, " AND r.sort_key = ? AND r.id < ? ORDER BY r.id DESC LIMIT ?)"
                            " UNION ALL SELECT * FROM (SELECT r.id, r.sort_key");
      if (!filter_sql (filter, sql, binds, error))
        return NULL;
      g_string_append (sql, " AND r.sort_key < ? ORDER BY r.sort_key DESC, r.id DESC LIMIT ?))"
                            " ORDER BY sort_key DESC, id DESC LIMIT ?");
    }
  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (filter->after == NULL)
    {
      for (guint i = 0; i < binds->len; i++)
        sqlite3_bind_text (stmt, ++n, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);
    }
  else
    {
      const char *key = filter->after->sort_key ? filter->after->sort_key : "";

      for (guint i = 0; i < binds->len / 2; i++)
        sqlite3_bind_text (stmt, ++n, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, ++n, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, ++n, filter->after->id);
      sqlite3_bind_int64 (stmt, ++n, limit);
      for (guint i = binds->len / 2; i < binds->len; i++)
        sqlite3_bind_text (stmt, ++n, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, ++n, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, ++n, limit);
    }
  sqlite3_bind_int64 (stmt, ++n, limit);
  return read_records_of_rows (self, stmt, error);
}

/**
 * cb_store_list_conflicts:
 * @limit: rows to return at most
 *
 * The records cb_store_count_conflicts() counts, from the two partial
 * indexes that hold them and nothing else: first those with a field
 * holding several values, then those deleted on one laptop while edited
 * on another; each kind by kind (in the kinds table's order), live
 * before the Trash, newest first. However many records
 * the database holds, this reads only the records in conflict.
 *
 * Returns: (transfer full) (element-type CbRecord): the records
 */
GPtrArray *
cb_store_list_conflicts (CbStore  *self,
                         guint     limit,
                         GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const CbKind *kinds;
  guint n_kinds;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  /* Kind by kind in the kinds table's order, as the sections list them. */
  kinds = cb_kinds (&n_kinds);
  g_string_append (sql,
      "SELECT id FROM ("
      "  SELECT id, kind, 0 AS deleted_edited, deleted, sort_key FROM records WHERE conflicts > 0"
      "  UNION ALL"
      "  SELECT id, kind, 1, deleted, sort_key FROM records WHERE deleted_edited = 1 AND conflicts = 0)"
      " ORDER BY deleted_edited, CASE kind");
  for (guint k = 0; k < n_kinds; k++)
    g_string_append_printf (sql, " WHEN '%s' THEN %u", kinds[k].name, k);
  g_string_append_printf (sql, " ELSE %u END, deleted, sort_key DESC, id DESC LIMIT ?", n_kinds);
  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, MIN (limit, (guint) G_MAXINT));
  return read_records_of_rows (self, stmt, error);
}

static void
list_key_clear (gpointer data)
{
  CbListKey *key = data;

  g_free ((char *) key->sort_key);
}

/**
 * cb_store_list_marks:
 * @every: rows per page
 * @marks: (out) (element-type CbListKey): the key of every @every-th
 *   record: mark k is the last record of page k, where page k + 1 starts
 *
 * Counts the records cb_store_list() lists for @filter and notes where
 * each page starts, in one pass over the list index (its keys only, no
 * record read): a list can then show any position at once by seeking
 * to the mark before it.
 *
 * Returns: the number of records
 */
guint
cb_store_list_marks (CbStore        *self,
                     const CbFilter *filter,
                     guint           every,
                     GArray        **marks,
                     GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT r.sort_key, r.id");
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (CbListKey));
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), 0);
  g_return_val_if_fail (filter != NULL && filter->after == NULL, 0);
  g_return_val_if_fail (every > 0, 0);
  g_return_val_if_fail (marks != NULL, 0);

  g_array_set_clear_func (out, list_key_clear);
  *marks = NULL;
  if (!filter_sql (filter, sql, binds, error))
    return 0;
  g_string_append (sql, " ORDER BY r.sort_key DESC, r.id DESC");
  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (++n % every == 0)
      {
        CbListKey key = { g_strdup (cb_sql_col_text (stmt, 0)), sqlite3_column_int64 (stmt, 1) };
        g_array_append_val (out, key);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return 0;
    }
  *marks = g_steal_pointer (&out);
  return n;
}

/**
 * cb_store_children:
 * @kind: a child kind such as "evidence"
 * @parent_uuid: the parent record
 *
 * Returns: (transfer full) (element-type CbRecord): the live children in
 *   their order (the kind's order field, then creation)
 */
GPtrArray *
cb_store_children (CbStore     *self,
                   const char  *kind_name,
                   const char  *parent_uuid,
                   GError     **error)
{
  const CbKind *kind = cb_kind_lookup (kind_name);
  const CbField *parent, *order;
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  if (kind == NULL || (parent = cb_kind_parent_field (kind)) == NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record that belongs to another."), kind_name ? kind_name : "");
      return NULL;
    }
  order = cb_kind_order_field (kind);
  sql = g_string_new (NULL);
  g_string_append_printf (sql,
      "SELECT r.id FROM k_%s k JOIN records r ON r.id = k.id WHERE k.\"%s\" = ? AND r.deleted = 0 ORDER BY ",
      kind->name, parent->name);
  if (order != NULL)
    g_string_append_printf (sql, "k.\"%s\" IS NULL, k.\"%s\", ", order->name, order->name);
  g_string_append (sql, "r.created, r.id");

  stmt = cb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, parent_uuid, -1, SQLITE_STATIC);
  return read_records_of_rows (self, stmt, error);
}

static int
compare_winner_first (gconstpointer a,
                      gconstpointer b)
{
  const CbStamped *x = *(CbStamped * const *) a;
  const CbStamped *y = *(CbStamped * const *) b;

  if (cb_stamped_wins (x, y))
    return -1;
  if (cb_stamped_wins (y, x))
    return 1;
  return 0;
}

/**
 * cb_store_get_values:
 *
 * Returns: (transfer full) (element-type CbStamped): every value @field
 *   holds, the displayed one first. More than one is a conflict.
 */
GPtrArray *
cb_store_get_values (CbStore     *self,
                     const char  *uuid,
                     const char  *field,
                     GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
  CbRecRef ref;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  if (!cb_store_lookup_record (self, uuid, &ref, NULL, error))
    return NULL;
  if (!cb_store_read_vals (self, ref.id, field, values, error))
    return NULL;
  g_ptr_array_sort (values, compare_winner_first);
  return g_steal_pointer (&values);
}
