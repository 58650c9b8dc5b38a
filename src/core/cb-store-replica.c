/* SPDX-License-Identifier: GPL-3.0-or-later */
/* This laptop's identity in the store: its replica id (renewed when the
 * database turns out to be a copy), the names of replicas, and the clock
 * moved by files from other laptops. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cb-sql.h"
#include "cb-store-private.h"

/* Names @replica @author, dated with a tick of this laptop's clock,
 * which only goes forward: colleagues keep the latest name a laptop gave
 * itself (cb_store_note_replica()). In a transaction. Without @tick, the
 * date is the clock as it is (opening a database does not move it). */
static gboolean
name_replica (CbStore     *self,
              const char  *replica,
              const char  *author,
              gboolean     tick,
              GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
      "INSERT INTO replicas (replica, author, named) VALUES (?, ?, ?) "
      "ON CONFLICT (replica) DO UPDATE SET author = excluded.author, named = excluded.named", error);

  g_assert (self->depth > 0);
  if (stmt == NULL)
    return FALSE;
  if (tick)
    {
      self->hlc = cb_hlc_tick (self->hlc, cb_store_wall_ms (self));
      self->clock_dirty = TRUE;
    }
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, self->hlc);
  return cb_store_step_done (self, stmt, error);
}

/* This laptop's own name, set by the coach: the one a file can never
 * replace. */
gboolean
cb_store_note_own_name (CbStore  *self,
                        gboolean  tick,
                        GError  **error)
{
  return name_replica (self, self->replica, self->author, tick, error);
}

char *
cb_store_fingerprint (CbStore *self)
{
  g_autofree char *machine = NULL;
  g_autofree char *real = NULL;
  GStatBuf st;
  guint64 inode = 0;

  if (self->path == NULL)
    return g_strdup ("memory");

  if (!g_file_get_contents ("/etc/machine-id", &machine, NULL, NULL))
    machine = g_strdup (g_get_host_name ());
  g_strstrip (machine);
  real = g_canonicalize_filename (self->path, NULL);
  if (g_stat (self->path, &st) == 0)
    inode = st.st_ino;

  /* A database copied to another laptop or another file is a clone: it
   * must not keep issuing stamps under the original's replica id. */
  {
    g_autofree char *text = g_strdup_printf ("%s\n%s\n%" G_GUINT64_FORMAT, machine, real, inode);
    return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  }
}

gboolean
cb_store_load_replica (CbStore  *self,
                       GError  **error)
{
  g_autofree char *replica = cb_store_meta_get (self, "replica");
  g_autofree char *stored = cb_store_meta_get (self, "fingerprint");
  g_autofree char *fingerprint = cb_store_fingerprint (self);
  g_autofree char *author = cb_store_meta_get (self, "author");

  g_free (self->author);
  self->author = g_strdup (author ? author : "");

  if (replica != NULL && cb_replica_is_valid (replica) && g_strcmp0 (stored, fingerprint) == 0)
    {
      self->replica = g_steal_pointer (&replica);
      cb_store_load_clock (self);
      return TRUE;
    }

  if (replica != NULL)
    g_message ("Database %s was copied from elsewhere: it gets a new replica id",
               self->path ? self->path : ":memory:");

  /* the clock goes on from the copy's; the new id counts from 0 */
  if (!cb_store_begin (self, error))
    return FALSE;
  g_free (self->replica);
  self->replica = cb_replica_new ();
  self->counter = 0;
  if (!cb_store_meta_set (self, "replica", self->replica, error) ||
      !cb_store_meta_set (self, "fingerprint", fingerprint, error) ||
      !cb_store_meta_set_int (self, "counter", 0, error) ||
      !cb_store_note_own_name (self, FALSE, error))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  if (!cb_store_commit (self, error))
    return FALSE;
  cb_store_load_clock (self);
  return TRUE;
}

/**
 * cb_store_replica_author:
 *
 * Returns: (transfer full): the name of the coach whose laptop has
 *   @replica, or "" when unknown
 */
char *
cb_store_replica_author (CbStore    *self,
                         const char *replica)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT author FROM replicas WHERE replica = ?", NULL);
  char *author = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    author = g_strdup (cb_sql_col_text (stmt, 0));
  sqlite3_reset (stmt);
  return author ? author : g_strdup ("");
}

/**
 * cb_store_note_replica:
 * @replica: a replica id
 * @author: the coach's name for it, as a file gives it
 * @named: the clock of the replica's own laptop when it took that name,
 *   or 0 when the file does not say
 *
 * Merges a name for @replica from a file. Names merge deterministically,
 * whatever the order of the files: the one with the higher @named wins,
 * then the greater name (in bytes), so two laptops that saw the same
 * files show the same names, and an old file does not bring back an old
 * name. This laptop's own replica and the built-in catalog's are never
 * named by a file: their names are left as they are.
 *
 * Returns: %FALSE on a database error
 */
gboolean
cb_store_note_replica (CbStore     *self,
                       const char  *replica,
                       const char  *author,
                       gint64       named,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  if (!cb_replica_is_valid (replica) || author == NULL || author[0] == '\0' ||
      strcmp (replica, self->replica) == 0 || strcmp (replica, CB_BUILTIN_REPLICA) == 0)
    return TRUE;
  stmt = cb_store_prepare (self,
      "INSERT INTO replicas (replica, author, named) VALUES (?, ?, ?) "
      "ON CONFLICT (replica) DO UPDATE SET author = excluded.author, named = excluded.named "
      "WHERE (excluded.named, excluded.author) > (named, author)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, MAX (named, 0));
  return cb_store_step_done (self, stmt, error);
}

/**
 * cb_store_replica_named:
 *
 * Returns: the clock of @replica's own laptop when it took the name
 *   cb_store_replica_author() gives (see cb_store_note_replica()), or 0
 *   when unknown
 */
gint64
cb_store_replica_named (CbStore    *self,
                        const char *replica)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT named FROM replicas WHERE replica = ?", NULL);
  gint64 named = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    named = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return named;
}

/**
 * cb_store_renew_replica:
 *
 * Gives this laptop a new random replica id, with its counter at 0, for
 * every edit from now on. Needed whenever this laptop may already have
 * issued stamps it no longer knows of: after the database was put back
 * from a backup of any age (the backup does not know the edits made
 * since), or when files show this replica at counters it has not issued
 * (a copied database or disk image, a changed file); the import does it
 * by itself then. The old id stays in every stamp and vector that has
 * it, with this laptop's name. Inside a transaction, a rollback undoes
 * it too.
 *
 * Returns: %FALSE on a database error, with nothing changed
 */
gboolean
cb_store_renew_replica (CbStore  *self,
                        GError  **error)
{
  g_autofree char *old = NULL;
  gint64 old_counter;

  g_return_val_if_fail (CB_IS_STORE (self), FALSE);

  if (!cb_store_begin (self, error))
    return FALSE;
  old = g_strdup (self->replica);
  old_counter = self->counter;
  g_free (self->replica);
  self->replica = cb_replica_new ();
  self->counter = 0;
  if (!cb_store_meta_set (self, "replica", self->replica, error) ||
      !cb_store_meta_set_int (self, "counter", 0, error) ||
      !cb_store_note_own_name (self, TRUE, error))
    goto fail;
  if (!cb_store_commit (self, error))
    goto undo;
  return TRUE;

fail:
  cb_store_rollback (self);
undo:
  g_free (self->replica);
  self->replica = g_steal_pointer (&old);
  self->counter = old_counter;
  return FALSE;
}

/**
 * cb_store_observe_hlc:
 *
 * Moves the local clock past a clock seen in another laptop's file.
 *
 * Returns: %FALSE if @remote_hlc is more than a day ahead of this
 *   laptop's clock: it was not followed, and the caller should warn.
 */
gboolean
cb_store_observe_hlc (CbStore *self,
                      gint64   remote_hlc)
{
  gboolean too_far = FALSE;
  gint64 next = cb_hlc_observe (self->hlc, remote_hlc, cb_store_wall_ms (self), &too_far);

  if (next != self->hlc)
    {
      self->hlc = next;
      if (self->depth > 0)
        self->clock_dirty = TRUE;
      else
        cb_store_meta_set_int (self, "hlc", next, NULL);
    }
  return !too_far;
}
