/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one privacy rule (cb-privacy.h, docs/privacy.md).
 *
 * cb_privacy_new() reads, once, the UUIDs of every private record: those
 * whose privacy holds "private" as any of its values, then, down the
 * CB_FIELD_PARENT links, every record that names one of them as any
 * value of its parent field. Every output asks this set, so a conflict
 * can never turn something written under a private record into
 * something shared just by changing which value is displayed. Reading
 * the set costs one pass over the records table, one statement for the
 * children in conflict over their parent and one indexed lookup per
 * private parent: about 20 ms for 100,000 records.
 *
 * cb_privacy_new_lazy() asks the same rule for one record at a time,
 * from the bottom up, for views that need one answer on the main loop. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-privacy.h"
#include "cb-sql.h"
#include "cb-state.h"

struct _CbPrivacy
{
  CbStore      *store;
  GHashTable   *private;     /* UUIDs; NULL when asked record by record */
  GHashTable   *held;        /* UUIDs of ratings whose parent is not shared */
  GHashTable   *known;       /* record by record: UUID → Known */
  sqlite3_stmt *record_stmt;
  sqlite3_stmt *values_stmt;
};

typedef enum
{
  ANSWER_SHARED,
  ANSWER_PRIVATE,
  ANSWER_ASKING,             /* on the way up: never private through a loop */
} Answer;

typedef struct
{
  Answer        answer;
  const CbKind *kind;
  gboolean      held;        /* a rating whose parent is not shared */
} Known;

typedef struct
{
  char         *uuid;
  const CbKind *kind;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->uuid);
  g_free (p);
}


/* Whether a record of @kind can be the parent named by @parent: a value
 * naming a record of another kind is no parent (the app never shows it
 * as one). An unknown kind, from a newer Coachbook, may be. */
static gboolean
parent_kind_matches (const CbField *parent,
                     const CbKind  *kind)
{
  return parent->ref_kind == NULL || kind == NULL || strcmp (parent->ref_kind, kind->name) == 0;
}

static void
mark (GHashTable   *private,
      GPtrArray    *queue,
      const char   *uuid,
      const CbKind *kind)
{
  Pending *p;

  if (uuid == NULL || g_hash_table_contains (private, uuid))
    return;
  p = g_new0 (Pending, 1);
  p->uuid = g_strdup (uuid);
  p->kind = kind;
  g_hash_table_add (private, g_strdup (uuid));
  g_ptr_array_add (queue, p);
}

/* Children that hold more than one parent, by every parent they name:
 * few, since conflicts are rare. One statement for every kind, so that
 * the partial index on conflicts finds them instead of a walk through
 * every record of each child kind. */
static gboolean
read_contested (sqlite3     *db,
                GHashTable  *contested,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  const CbKind *kinds;
  guint n_kinds;
  int rc;

  kinds = cb_kinds (&n_kinds);
  g_string_append (sql, "SELECT r.uuid, r.kind, v.field, v.value FROM records r JOIN vals v ON v.rec = r.id "
                        "WHERE r.conflicts > 0 AND v.field IN (''");
  for (guint k = 0; k < n_kinds; k++)
    {
      const CbField *parent = cb_kind_parent_field (&kinds[k]);
      if (parent != NULL)
        g_string_append_printf (sql, ", '%s'", parent->name);
    }
  g_string_append (sql, ")");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      cb_sql_set_error (db, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const CbKind *kind = cb_kind_lookup ((const char *) sqlite3_column_text (stmt, 1));
      const CbField *parent = kind != NULL ? cb_kind_parent_field (kind) : NULL;
      const char *value = (const char *) sqlite3_column_text (stmt, 3);
      GPtrArray *children;
      Pending *c;

      /* another kind's parent field of the same name is not a parent here */
      if (parent == NULL || g_strcmp0 (parent->name, (const char *) sqlite3_column_text (stmt, 2)) != 0 ||
          value == NULL)
        continue;
      if ((children = g_hash_table_lookup (contested, value)) == NULL)
        {
          children = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
          g_hash_table_insert (contested, g_strdup (value), children);
        }
      c = g_new0 (Pending, 1);
      c->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->kind = kind;
      g_ptr_array_add (children, c);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_sql_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect_private (sqlite3     *db,
                 GHashTable  *private,
                 GError     **error)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_autoptr(GPtrArray) child_stmts = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_finalize);
  g_autoptr(GPtrArray) child_kinds = g_ptr_array_new ();
  g_autoptr(GHashTable) contested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = NULL;
  const CbKind *kinds;
  guint n_kinds;
  int rc;

  /* the displayed privacy, or any value of a privacy in conflict */
  if (sqlite3_prepare_v2 (db,
        "SELECT uuid, kind FROM records r WHERE privacy = 'private' OR "
        "(conflicts > 0 AND EXISTS (SELECT 1 FROM vals v WHERE v.rec = r.id "
        "AND v.field = '" CB_FIELD_PRIVACY "' AND v.value = 'private'))", -1, &stmt, NULL) != SQLITE_OK)
    {
      cb_sql_set_error (db, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    mark (private, queue, (const char *) sqlite3_column_text (stmt, 0),
          cb_kind_lookup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_sql_set_error (db, error);
      return FALSE;
    }
  if (queue->len == 0)
    return TRUE;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      const CbField *parent = cb_kind_parent_field (&kinds[k]);
      g_autofree char *sql = NULL;

      if (parent == NULL)
        continue;
      /* the displayed parent, through the column's index */
      sql = g_strdup_printf ("SELECT r.uuid FROM k_%s k JOIN records r ON r.id = k.id WHERE k.\"%s\" = ?",
                             kinds[k].name, parent->name);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          cb_sql_set_error (db, error);
          return FALSE;
        }
      g_ptr_array_add (child_stmts, stmt);
      g_ptr_array_add (child_kinds, (gpointer) &kinds[k]);
    }
  if (!read_contested (db, contested, error))
    return FALSE;

  while (queue->len > 0)
    {
      g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

      for (guint i = 0; i < queue->len; i++)
        {
          Pending *p = g_ptr_array_index (queue, i);
          GPtrArray *children = g_hash_table_lookup (contested, p->uuid);

          for (guint c = 0; children != NULL && c < children->len; c++)
            {
              Pending *child = g_ptr_array_index (children, c);
              if (parent_kind_matches (cb_kind_parent_field (child->kind), p->kind))
                mark (private, next, child->uuid, child->kind);
            }

          for (guint c = 0; c < child_stmts->len; c++)
            {
              const CbKind *child = g_ptr_array_index (child_kinds, c);
              const CbField *parent = cb_kind_parent_field (child);

              if (!parent_kind_matches (parent, p->kind))
                continue;
              stmt = g_ptr_array_index (child_stmts, c);
              sqlite3_reset (stmt);
              sqlite3_bind_text (stmt, 1, p->uuid, -1, SQLITE_STATIC);
              while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
                mark (private, next, (const char *) sqlite3_column_text (stmt, 0), child);
              sqlite3_reset (stmt);
              if (rc != SQLITE_DONE)
                {
                  cb_sql_set_error (db, error);
                  return FALSE;
                }
            }
        }
      g_ptr_array_unref (queue);
      queue = g_steal_pointer (&next);
    }
  return TRUE;
}

/* Whether every value of a rating's parent field names a record shared
 * with its teacher: a rating (CB_FIELD_SHARED_ONLY) leaves only then.
 * No parent at all is not shared. */
static gboolean
parents_shared (CbPrivacy *self,
                GPtrArray *parents)
{
  gboolean any = FALSE;

  for (guint i = 0; i < parents->len; i++)
    {
      const char *value = g_ptr_array_index (parents, i);

      if (value == NULL || *value == '\0')
        continue;
      if (cb_privacy_teacher_sharing (self, value, NULL) != CB_SHARING_TEACHER)
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* The ratings (children whose parent field is CB_FIELD_SHARED_ONLY) not
 * private by the rule whose parent is not shared with its teacher, by
 * every value of that field. Read after the private set: the sharing
 * asks it. */
static gboolean
collect_held (CbPrivacy  *self,
              GError    **error)
{
  sqlite3 *db = cb_store_get_db (self->store);
  const CbKind *kinds;
  guint n_kinds;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      const CbField *parent = cb_kind_parent_field (&kinds[k]);
      g_autoptr(GHashTable) parents = NULL;
      sqlite3_stmt *stmt = NULL;
      GHashTableIter iter;
      gpointer key, value;
      int rc;

      if (parent == NULL || !(parent->flags & CB_FIELD_SHARED_ONLY))
        continue;
      /* record → its parent values, every value of the field */
      parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
      if (sqlite3_prepare_v2 (db,
            "SELECT r.uuid, v.value FROM records r LEFT JOIN vals v ON v.rec = r.id AND v.field = ?2 "
            "WHERE r.kind = ?1", -1, &stmt, NULL) != SQLITE_OK)
        {
          cb_sql_set_error (db, error);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, kinds[k].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parent->name, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
          GPtrArray *values = g_hash_table_lookup (parents, uuid);

          if (values == NULL)
            {
              values = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (parents, g_strdup (uuid), values);
            }
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          cb_sql_set_error (db, error);
          return FALSE;
        }
      g_hash_table_iter_init (&iter, parents);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (self->private, key) && !parents_shared (self, value))
          g_hash_table_add (self->held, g_strdup (key));
    }
  return TRUE;
}

/* The same rule for one record, from the bottom up: its own privacy
 * values, then every value of its parent field, each parent asked the
 * same way. A record that cannot be read counts as private. */
static Known *
ask (CbPrivacy  *self,
     const char *uuid)
{
  g_autoptr(GPtrArray) parents = NULL;
  sqlite3_stmt *stmt;
  const CbField *parent;
  Known *known;
  gint64 id;
  int rc;

  if ((known = g_hash_table_lookup (self->known, uuid)) != NULL)
    return known;
  known = g_new0 (Known, 1);
  known->answer = ANSWER_ASKING;
  g_hash_table_insert (self->known, g_strdup (uuid), known);

  stmt = self->record_stmt;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      /* a record this laptop does not hold is nothing it could leak */
      known->answer = rc == SQLITE_DONE ? ANSWER_SHARED : ANSWER_PRIVATE;
      return known;
    }
  id = sqlite3_column_int64 (stmt, 0);
  known->kind = cb_kind_lookup ((const char *) sqlite3_column_text (stmt, 1));
  known->answer = sqlite3_column_int (stmt, 2) ? ANSWER_PRIVATE : ANSWER_ASKING;
  sqlite3_reset (stmt);
  if (known->answer == ANSWER_PRIVATE)
    return known;
  if (known->kind == NULL || (parent = cb_kind_parent_field (known->kind)) == NULL)
    {
      known->answer = ANSWER_SHARED;
      return known;
    }

  parents = g_ptr_array_new_with_free_func (g_free);
  stmt = self->values_stmt;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, parent->name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (parents, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      known->answer = ANSWER_PRIVATE;
      return known;
    }
  for (guint i = 0; i < parents->len; i++)
    {
      const char *value = g_ptr_array_index (parents, i);
      Known *up;

      if (value == NULL || *value == '\0')
        continue;
      up = ask (self, value);
      if (up->answer == ANSWER_PRIVATE && parent_kind_matches (parent, up->kind))
        {
          known->answer = ANSWER_PRIVATE;
          return known;
        }
    }
  known->answer = ANSWER_SHARED;
  known->held = (parent->flags & CB_FIELD_SHARED_ONLY) != 0 && !parents_shared (self, parents);
  return known;
}

/**
 * cb_privacy_new:
 * @store: the database, on the calling thread's own connection
 *
 * Reads which records are private by the rule of cb-privacy.h, all at
 * once: for an output that asks about many records. The answer is a
 * snapshot: an output reads it once, in the same read transaction as
 * the records it writes.
 *
 * Returns: (transfer full) (nullable): the rule for @store's records
 */
CbPrivacy *
cb_privacy_new (CbStore  *store,
                GError  **error)
{
  g_autoptr(CbPrivacy) self = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (CbPrivacy, 1);
  self->store = g_object_ref (store);
  self->private = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!collect_private (cb_store_get_db (store), self->private, error) ||
      !collect_held (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * cb_privacy_new_lazy:
 * @store: the database, on the calling thread's own connection
 *
 * The same rule as cb_privacy_new(), asked record by record from the
 * bottom up (the record's privacy values, then each of its parents):
 * for a view that asks about one or a few records and must not read
 * the whole database. Answers are kept, so ask again after a change
 * with a new one. A record that cannot be read counts as private.
 *
 * Returns: (transfer full): the rule for @store's records
 */
CbPrivacy *
cb_privacy_new_lazy (CbStore *store)
{
  CbPrivacy *self;
  sqlite3 *db;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  db = cb_store_get_db (store);
  self = g_new0 (CbPrivacy, 1);
  self->store = g_object_ref (store);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (sqlite3_prepare_v2 (db,
        "SELECT r.id, r.kind, r.privacy = 'private' OR (r.conflicts > 0 AND EXISTS ("
        "SELECT 1 FROM vals v WHERE v.rec = r.id AND v.field = '" CB_FIELD_PRIVACY "' "
        "AND v.value = 'private')) FROM records r WHERE r.uuid = ?", -1, &self->record_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT value FROM vals WHERE rec = ? AND field = ?", -1,
                          &self->values_stmt, NULL) != SQLITE_OK)
    g_warning ("Could not read the database: %s", sqlite3_errmsg (db));
  return self;
}

void
cb_privacy_free (CbPrivacy *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->record_stmt);
  sqlite3_finalize (self->values_stmt);
  g_clear_object (&self->store);
  g_clear_pointer (&self->private, g_hash_table_unref);
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_free (self);
}

/**
 * cb_privacy_is_private:
 * @uuid: (nullable): a record
 *
 * Returns: whether the record is private: its privacy holds "private"
 *   among any of its values, or any value of its parent field names a
 *   private record (in the Trash or not), or it is a teacher's rating
 *   (a walkthrough score) whose parent is not shared with its teacher
 */
gboolean
cb_privacy_is_private (CbPrivacy  *self,
                       const char *uuid)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (uuid == NULL || *uuid == '\0')
    return FALSE;
  if (self->private != NULL)
    return g_hash_table_contains (self->private, uuid) || g_hash_table_contains (self->held, uuid);
  /* without its statements the lazy rule answers "private" */
  if (self->record_stmt == NULL || self->values_stmt == NULL)
    return TRUE;
  {
    Known *known = ask (self, uuid);
    return known->answer == ANSWER_PRIVATE || known->held;
  }
}

/**
 * cb_privacy_may_count:
 * @uuid: a record, such as a walkthrough score
 *
 * Whether the record may be counted in an aggregate that names no one
 * and quotes nothing (how many 1s, 2s, 3s and 4s an item got): when it
 * is not private by the tiers. A teacher's rating counts even while it
 * may not leave by itself (cb_privacy_is_private()).
 *
 * Returns: %TRUE when it may be counted
 */
gboolean
cb_privacy_may_count (CbPrivacy  *self,
                      const char *uuid)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (self->private != NULL)
    return !g_hash_table_contains (self->private, uuid);
  if (self->record_stmt == NULL || self->values_stmt == NULL)
    return FALSE;
  return ask (self, uuid)->answer != ANSWER_PRIVATE;
}

/**
 * cb_privacy_record_may_leave:
 * @uuid: a record
 *
 * Whether the record may go to colleagues (the exchange file, a
 * spreadsheet) or into a packet of a shared observation: whether it is
 * not private. Its private fields never go: cb_privacy_field_may_leave().
 *
 * Returns: %TRUE when it is not private
 */
gboolean
cb_privacy_record_may_leave (CbPrivacy  *self,
                             const char *uuid)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return !cb_privacy_is_private (self, uuid);
}

/**
 * cb_privacy_name_may_show:
 * @uuid: (nullable): the referenced record (a teacher, a school, an
 *   owner, a look-for, the record an action came from)
 *
 * Returns: whether an output may print the name or title of the record
 *   @uuid names: only when that record is not private
 */
gboolean
cb_privacy_name_may_show (CbPrivacy  *self,
                          const char *uuid)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return uuid != NULL && *uuid != '\0' && !cb_privacy_is_private (self, uuid);
}

/**
 * cb_privacy_field_may_leave:
 * @field: a field of the kinds table
 *
 * Returns: whether values of @field may leave the laptop: never for a
 *   field flagged %CB_FIELD_PRIVATE (private notes), whatever the tier
 */
gboolean
cb_privacy_field_may_leave (const CbField *field)
{
  return field != NULL && !(field->flags & CB_FIELD_PRIVATE);
}

/**
 * cb_privacy_load_names:
 * @kind: a kind with a title field, such as "person", "school" or
 *   "look_for"
 *
 * Reads the titles of the records of @kind whose name may be shown
 * (cb_privacy_name_may_show()), Trash included: a log still names a
 * teacher who was moved to the Trash.
 *
 * Returns: (transfer full) (nullable): UUID → title
 */
GHashTable *
cb_privacy_load_names (CbPrivacy   *self,
                       const char  *kind,
                       GError     **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const CbKind *info = cb_kind_lookup (kind);
  sqlite3 *db = cb_store_get_db (self->store);
  const CbField *title;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  if (info == NULL || (title = cb_kind_title_field (info)) == NULL)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record."), kind ? kind : "");
      return NULL;
    }
  sql = g_strdup_printf ("SELECT r.uuid, k.\"%s\" FROM records r JOIN k_%s k ON k.id = r.id",
                         title->name, info->name);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cb_sql_set_error (db, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (cb_privacy_name_may_show (self, uuid))
        g_hash_table_insert (names, g_strdup (uuid), g_strdup (name ? name : ""));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_sql_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* The strictest tier among the values of a privacy field: "private",
 * then "team", then "teacher". An empty field has the kind's default. */
static const char *
strictest_tier (GPtrArray    *values,
                const CbKind *kind)
{
  static const char * const order[] = { "private", "team", "teacher" };
  const char *fallback = kind != NULL ? kind->default_privacy : "team";
  guint best = G_N_ELEMENTS (order);

  for (guint i = 0; i < values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (values, i);
      const char *value = v->value != NULL && *v->value != '\0' ? v->value : fallback;
      guint rank = 1;   /* a tier this version does not know counts as "team" */

      for (guint o = 0; o < G_N_ELEMENTS (order); o++)
        if (strcmp (value, order[o]) == 0)
          rank = o;
      best = MIN (best, rank);
    }
  return best < G_N_ELEMENTS (order) ? order[best] : fallback;
}

/**
 * cb_privacy_teacher_sharing:
 * @observation_uuid: an observation, or a coaching cycle
 *
 * Whether the observation is shared with its teacher, so that a packet
 * may be made of it (for a coaching cycle: whether its goal and
 * progress may go into the packet of its shared observations). Under conflict the strictest value wins: it is
 * %CB_SHARING_PRIVATE when it is private by the rule; otherwise it is
 * %CB_SHARING_TEACHER when every value of its privacy is "teacher", or
 * when none is stricter than "team" and every value of "Shared with
 * teacher" is on; else %CB_SHARING_NOT_SHARED.
 *
 * Returns: the sharing, or %CB_SHARING_PRIVATE with @error set when
 *   the record cannot be read
 */
CbSharing
cb_privacy_teacher_sharing (CbPrivacy   *self,
                            const char  *observation_uuid,
                            GError     **error)
{
  g_autoptr(GPtrArray) tiers = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(CbRecord) record = NULL;
  const char *tier;

  g_return_val_if_fail (self != NULL, CB_SHARING_PRIVATE);
  g_return_val_if_fail (observation_uuid != NULL, CB_SHARING_PRIVATE);

  if (cb_privacy_is_private (self, observation_uuid))
    return CB_SHARING_PRIVATE;
  if ((record = cb_store_get (self->store, observation_uuid, error)) == NULL ||
      (tiers = cb_store_get_values (self->store, observation_uuid, CB_FIELD_PRIVACY, error)) == NULL)
    return CB_SHARING_PRIVATE;
  /* a kind without the flag (a coaching cycle) is shared by its tier alone */
  if (cb_kind_field (cb_record_get_kind_info (record), "shared_with_teacher") == NULL)
    flags = g_ptr_array_new ();
  else if ((flags = cb_store_get_values (self->store, observation_uuid, "shared_with_teacher", error)) == NULL)
    return CB_SHARING_PRIVATE;

  tier = strictest_tier (tiers, cb_record_get_kind_info (record));
  if (strcmp (tier, "private") == 0)
    return CB_SHARING_PRIVATE;
  if (strcmp (tier, "teacher") == 0)
    return CB_SHARING_TEACHER;
  if (flags->len == 0)
    return CB_SHARING_NOT_SHARED;
  for (guint i = 0; i < flags->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (flags, i);
      if (g_strcmp0 (v->value, "1") != 0)
        return CB_SHARING_NOT_SHARED;
    }
  return CB_SHARING_TEACHER;
}

/**
 * cb_privacy_get_n_private:
 *
 * Returns: how many records are private by the rule; for
 *   cb_privacy_new_lazy(), how many of those asked about so far
 */
guint
cb_privacy_get_n_private (CbPrivacy *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->private != NULL)
    return g_hash_table_size (self->private) + g_hash_table_size (self->held);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((Known *) value)->answer == ANSWER_PRIVATE || ((Known *) value)->held;
  return n;
}
