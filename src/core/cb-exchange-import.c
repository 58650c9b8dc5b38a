/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import: merge colleagues' exchange files into this database
 * (docs/exchange-format.md, ARCHITECTURE §3 and §4).
 *
 * A file is untrusted input. Before libxml2 sees a byte, the first 4 KiB
 * are checked (empty, compressed, not UTF-8, not XML); then every byte
 * goes through a small lexical guard on its way to the parser, which
 * refuses a DOCTYPE (so no entity, internal or external, is ever
 * declared) and more than MAX_ATTRIBUTES attributes on one tag (libxml2
 * 2.9 checks duplicate attributes in quadratic time), and stops at
 * CB_EXCHANGE_MAX_FILE_SIZE. The parser runs with XML_PARSE_NONET only,
 * an external entity loader that always fails, a structured error
 * handler that fails the import on the first error or warning, and the
 * RelaxNG schema attached before the first read. The reader streams:
 * one record is in memory at a time.
 *
 * All files of one import are merged in one BEGIN IMMEDIATE transaction,
 * record by record as they are read; any error, a cancel, or a dry run
 * rolls everything back. A record is written only when the merge changed
 * it, so importing a file twice writes nothing the second time.
 *
 * Two threads share the work: a parser thread reads and checks the files
 * (libxml2, the schema, every value) and hands each record on through a
 * short queue; the calling thread, the only one to touch the database,
 * merges and writes them in the order they were read. A problem found
 * by either stops both; what is reported is the first problem in the
 * order of the files, as if one thread had done everything.
 *
 * This file is the writer and the import's entry points; the parser is
 * cb-exchange-reader.c, and cb-exchange-import-private.h what they share. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cb-crypt.h"
#include "cb-exchange-import-private.h"

#define PROGRESS_STEP   (256 * 1024)
#define TITLE_CHARS     80

G_DEFINE_QUARK (cb-exchange-error-quark, cb_exchange_error)

/* ------------------------------------------------------------- import */

/* Copies the committed database to @dest: with VACUUM INTO on a second,
 * read-only connection when the database is a file (in WAL mode it sees
 * the state before this import's uncommitted writes, whenever it runs),
 * with the backup API on @db itself otherwise (only possible outside a
 * write transaction). */
static gboolean
copy_database (sqlite3     *db,
               const char  *db_path,
               const char  *dest,
               GError     **error)
{
  sqlite3 *other = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_unlink (dest);
  if (db_path != NULL)
    {
      rc = sqlite3_open_v2 (db_path, &other, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (other, 5000);
          rc = sqlite3_prepare_v2 (other, "VACUUM INTO ?", -1, &stmt, NULL);
        }
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, dest, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
    }
  else
    {
      rc = sqlite3_open_v2 (dest, &other, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_backup *backup = sqlite3_backup_init (other, "main", db, "main");
          if (backup == NULL)
            rc = sqlite3_errcode (other);
          else
            {
              rc = sqlite3_backup_step (backup, -1);
              sqlite3_backup_finish (backup);
              if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
            }
        }
    }
  sqlite3_close (other);
  if (rc != SQLITE_OK)
    {
      g_unlink (dest);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("Could not save a copy of the database before importing (%s)."),
                   sqlite3_errstr (rc));
      return FALSE;
    }
  g_chmod (dest, 0600);
  return TRUE;
}

/* Called before the import's first write. */
static gboolean
ensure_snapshot (Import  *im,
                 GError **error)
{
  if (im->report->dry_run || im->snapshot_path == NULL || im->snapshot_taken)
    return TRUE;
  if (!copy_database (cb_store_get_db (im->store), cb_store_get_path (im->store),
                      im->snapshot_path, error))
    return FALSE;
  im->snapshot_taken = TRUE;
  return TRUE;
}

static char *
title_of (const CbState *state,
          const CbKind  *kind)
{
  const CbField *field = cb_kind_title_field (kind);
  const CbStamped *best = NULL;
  const char *text, *nl;
  g_autofree char *line = NULL;

  if (field == NULL)
    return g_strdup ("");
  for (guint i = 0; i < state->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (state->values, i);
      if (strcmp (v->field, field->name) == 0 && (best == NULL || cb_stamped_wins (v, best)))
        best = v;
    }
  if (best == NULL)
    return g_strdup ("");
  text = field->type == CB_TYPE_ENUM ? cb_field_choice_label (field, best->value) : best->value;
  nl = strchr (text, '\n');
  line = nl ? g_strndup (text, nl - text) : g_strdup (text);
  if (g_utf8_strlen (line, -1) > TITLE_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (line, TITLE_CHARS - 1);
      *cut = '\0';
      return g_strconcat (line, "…", NULL);
    }
  return g_steal_pointer (&line);
}

static guint8
combine (guint8 before,
         guint8 now)
{
  if (before == CB_MERGE_CONFLICT || now == CB_MERGE_CONFLICT)
    return CB_MERGE_CONFLICT;
  if (before == CB_MERGE_ADDED)
    return CB_MERGE_ADDED;
  if (now == CB_MERGE_UNCHANGED)
    return before;
  return now;
}

static void
item_free (CbImportItem *item)
{
  g_free (item->uuid);
  g_free (item->title);
  g_free (item);
}

/* The writer's counterpart of set_error(), for the record of @msg. */
static void set_record_error (Import      *im,
                              const Msg   *msg,
                              GError     **error,
                              int          code,
                              const char  *format,
                              ...) G_GNUC_PRINTF (5, 6);

static void
set_record_error (Import      *im,
                  const Msg   *msg,
                  GError     **error,
                  int          code,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* Translators: a file name, a line number, then what is wrong */
  g_set_error (error, CB_EXCHANGE_ERROR, code, _("“%s”, line %d: %s"), im->names[msg->file], msg->line, message);
}

/* The clocks of the record's values (writer). A clock more than a day
 * ahead is kept on its value (it only decides which value is shown
 * first) but never drags this laptop's clock. */
static gboolean
observe_clocks (Import         *im,
                const CbState  *record,
                GError        **error)
{
  for (guint i = 0; i < record->values->len; i++)
    {
      gint64 clock = ((const CbStamped *) g_ptr_array_index (record->values, i))->hlc;

      if (CB_HLC_TO_MS (clock) > im->wall_ms + CB_HLC_MAX_AHEAD_MS)
        {
          im->report->n_far_future++;
          im->far_max = MAX (im->far_max, clock);
        }
      else if (clock > cb_store_get_hlc (im->store))
        {
          if (!ensure_snapshot (im, error))
            return FALSE;
          if (!cb_store_observe_hlc (im->store, clock))
            {
              im->report->n_far_future++;
              im->far_max = MAX (im->far_max, clock);
            }
        }
    }
  return TRUE;
}

/* Private fields are not in the file. Left in the merge, a value the
 * file's vector covers would look replaced: keep them out of it. Returns
 * @local without them; they go to @private_values. */
static CbState *
split_private (const CbState *local,
               const CbKind  *kind,
               GPtrArray     *private_values)
{
  CbState *shared = cb_state_new (local->uuid, local->kind, local->author, local->created);

  cb_vector_free (shared->vector);
  shared->vector = cb_vector_copy (local->vector);
  for (guint i = 0; i < local->values->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (local->values, i);
      const CbField *field = cb_kind_field (kind, v->field);
      g_ptr_array_add (field != NULL && (field->flags & CB_FIELD_PRIVATE) ? private_values : shared->values,
                       cb_stamped_copy (v));
    }
  return shared;
}

/* Stamps that reached the record with two texts: the report names the
 * first, and one of this laptop's own means another database signs with
 * its id. */
static void
note_collisions (Import    *im,
                 const Msg *msg,
                 GPtrArray *collisions)
{
  for (guint i = 0; i < collisions->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (collisions, i);
      if (im->report->n_collisions++ == 0)
        {
          memcpy (im->collision_replica, v->replica, sizeof im->collision_replica);
          im->collision_here = cb_store_replica_author (im->store, v->replica);
          im->collision_file = msg->file;
        }
      if (strcmp (v->replica, im->own_replica) == 0)
        im->own_collision = TRUE;
    }
}

/* What the report says of the record: one entry per record whatever the
 * number of files, an item for each record that changed. */
static void
note_outcome (Import         *im,
              const Msg      *msg,
              const CbKind   *kind,
              const CbState  *result,
              CbMergeOutcome  outcome)
{
  Entry *entry;

  if (msg->entry == im->entries->len)
    {
      Entry e = { G_MAXUINT, msg->kind, -1, CB_MERGE_UNCHANGED };
      g_array_append_val (im->entries, e);
    }
  entry = &g_array_index (im->entries, Entry, msg->entry);
  entry->outcome = entry->file == G_MAXUINT ? outcome : combine (entry->outcome, outcome);
  if (outcome != CB_MERGE_UNCHANGED)
    {
      CbImportItem *item;

      if (entry->item < 0)
        {
          item = g_new0 (CbImportItem, 1);
          item->uuid = g_strdup (result->uuid);
          item->kind = kind->name;
          entry->item = im->report->items->len;
          g_ptr_array_add (im->report->items, item);
        }
      item = g_ptr_array_index (im->report->items, entry->item);
      g_free (item->title);
      item->title = title_of (result, kind);
      item->outcome = entry->outcome;
    }
  entry->file = msg->file;
}

/* Merges one record read from the file into the database (writer). */
static gboolean
merge_record (Import     *im,
              const Msg  *msg,
              GError    **error)
{
  const CbState *incoming = msg->record;
  const CbKind *kind = &cb_kinds (NULL)[msg->kind];
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CbState) local = NULL;
  g_autoptr(CbState) shared = NULL;
  g_autoptr(CbState) merged = NULL;
  g_autoptr(GPtrArray) private_values = NULL;
  const CbState *result = incoming;
  CbMergeOutcome outcome;
  gboolean found;

  /* Most records of a file seen before are here exactly as in it. */
  if (cb_store_holds_state (im->store, incoming, &found, &local_error))
    {
      note_outcome (im, msg, kind, incoming, CB_MERGE_UNCHANGED);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (found)
    local = cb_store_read_state (im->store, incoming->uuid, &local_error);
  if (local == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (local != NULL && strcmp (local->kind, incoming->kind) != 0)
    {
      set_record_error (im, msg, error, CB_EXCHANGE_ERROR_INVALID,
                        _("The record %s is a %s here but a %s in the file."),
                        incoming->uuid, local->kind, incoming->kind);
      return FALSE;
    }

  /* A record new here is written as read: cb_merge_states() would only
   * copy it. */
  if (local != NULL)
    {
      g_autoptr(GPtrArray) collisions = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);

      private_values = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_stamped_free);
      shared = split_private (local, kind, private_values);
      merged = cb_merge_states_full (shared, incoming, &outcome, collisions);
      result = merged;
      note_collisions (im, msg, collisions);
    }
  else
    outcome = cb_state_count_conflicts (incoming) > 0 ? CB_MERGE_CONFLICT : CB_MERGE_ADDED;
  if (outcome != CB_MERGE_UNCHANGED)
    {
      if (!ensure_snapshot (im, error))
        return FALSE;
      if (private_values != NULL && private_values->len > 0)
        {
          for (guint i = 0; i < private_values->len; i++)
            cb_state_add (merged, cb_stamped_copy (g_ptr_array_index (private_values, i)));
          cb_state_sort (merged);
        }
      if (!cb_store_write_merged (im->store, local, result, error))
        return FALSE;
    }

  note_outcome (im, msg, kind, result, outcome);
  return TRUE;
}

static gboolean
note_authors (Import  *im,
              GError **error)
{
  for (guint i = 0; i + 2 < im->authors->len; i += 3)
    {
      const char *replica = g_ptr_array_index (im->authors, i);
      const char *author = g_ptr_array_index (im->authors, i + 1);
      gint64 named = g_ascii_strtoll (g_ptr_array_index (im->authors, i + 2), NULL, 10);
      g_autofree char *known = cb_store_replica_author (im->store, replica);
      gint64 known_named = cb_store_replica_named (im->store, replica);

      /* the store's rule (cb_store_note_replica()), checked first so that
       * a name that changes nothing takes no snapshot */
      if (named < known_named || (named == known_named && strcmp (author, known) <= 0) ||
          strcmp (replica, cb_store_get_replica (im->store)) == 0 ||
          strcmp (replica, CB_BUILTIN_REPLICA) == 0)
        continue;
      if (!ensure_snapshot (im, error) ||
          !cb_store_note_replica (im->store, replica, author, named, error))
        return FALSE;
    }
  return TRUE;
}

static void
finish_report (Import *im)
{
  CbImportReport *report = im->report;

  for (guint i = 0; i < im->entries->len; i++)
    {
      const Entry *e = &g_array_index (im->entries, Entry, i);
      CbImportCounts *c = &g_array_index (report->counts, CbImportCounts, e->kind);

      switch (e->outcome)
        {
        case CB_MERGE_ADDED:
          c->added++;
          break;
        case CB_MERGE_UPDATED:
          c->updated++;
          break;
        case CB_MERGE_CONFLICT:
          c->conflicts++;
          break;
        case CB_MERGE_UNCHANGED:
        default:
          c->unchanged++;
          break;
        }
      if (e->outcome != CB_MERGE_UNCHANGED)
        report->n_changed++;
    }
  report->n_records = im->entries->len;

  if (report->n_far_future > 0)
    {
      g_autofree char *when = cb_hlc_format_iso (im->far_max);
      g_ptr_array_add (report->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u value is dated more than a day in the future (up to %s). It was kept, but this laptop’s clock was not moved forward: check the clock of the laptop that made the file.",
                                                     "%u values are dated more than a day in the future (up to %s). They were kept, but this laptop’s clock was not moved forward: check the clock of the laptop that made the file.",
                                                     report->n_far_future),
                                        report->n_far_future, when));
    }
  if (report->n_collisions > 0)
    {
      const char *here = im->collision_here;
      const char *there = im->file_authors[im->collision_file];

      g_ptr_array_add (report->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u value in “%s” has the same stamp as a different value here: the laptops of “%s” and “%s” signed with the same identity (a copied database or disk image), or the file was changed by hand. Both values were kept, as a conflict that every laptop will show the same way: choose the right one in Conflicts.",
                                                     "%u values in “%s” have the same stamp as a different value here: the laptops of “%s” and “%s” signed with the same identity (a copied database or disk image), or the file was changed by hand. Both values were kept, as conflicts that every laptop will show the same way: choose the right ones in Conflicts.",
                                                     report->n_collisions),
                                        report->n_collisions, im->names[im->collision_file],
                                        here[0] ? here : im->collision_replica,
                                        there && there[0] ? there : "?"));
    }
  if (report->new_replica)
    g_ptr_array_add (report->warnings,
                     g_strdup (_("The file holds edits signed with this laptop’s identity that this laptop did not make: was its database put back from an old backup, or copied to another laptop? So that none of its edits can be mistaken for those, this laptop now signs its edits with a new identity. Nothing else changes.")));
}

/* The store keeps the last counter it issued in its meta table. */
static gint64
own_counter (CbStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 counter = G_MAXINT64;

  if (sqlite3_prepare_v2 (cb_store_get_db (store), "SELECT value FROM meta WHERE key = 'counter'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    counter = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return counter;
}

static CbImportReport *
report_new (gboolean dry_run)
{
  CbImportReport *report = g_new0 (CbImportReport, 1);
  const CbKind *kinds;
  guint n_kinds;

  kinds = cb_kinds (&n_kinds);
  report->counts = g_array_sized_new (FALSE, TRUE, sizeof (CbImportCounts), n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      CbImportCounts c = { kinds[k].name, 0, 0, 0, 0 };
      g_array_append_val (report->counts, c);
    }
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->dry_run = dry_run;
  return report;
}

static void
import_init (Import           *im,
             CbStore          *store,
             const Input      *inputs,
             guint             n_inputs,
             CbImportReport   *report,
             const char       *snapshot_path,
             CbImportProgress  progress,
             gpointer          progress_data,
             GCancellable     *cancellable)
{
  im->inputs = inputs;
  im->n_inputs = n_inputs;
  im->names = g_new0 (char *, n_inputs + 1);
  for (guint i = 0; i < n_inputs; i++)
    im->names[i] = inputs[i].path ? g_filename_display_basename (inputs[i].path)
                   : inputs[i].name ? g_filename_display_name (inputs[i].name) : g_strdup (_("data"));
  im->store = store;
  im->report = report;
  im->snapshot_path = snapshot_path;
  im->cancellable = cancellable;
  im->progress = progress;
  im->progress_data = progress_data;
  im->wall_ms = g_get_real_time () / 1000;
  g_strlcpy (im->own_replica, cb_store_get_replica (store), sizeof im->own_replica);
  im->own_counter = own_counter (store);
  im->queue = g_async_queue_new ();
  im->slots = g_async_queue_new ();
  for (guint i = 0; i < QUEUE_BATCHES; i++)
    g_async_queue_push (im->slots, GINT_TO_POINTER (1));
  im->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_import_msg_free);
  im->seen = g_hash_table_new (g_str_hash, g_str_equal);
  im->strings = g_string_chunk_new (64 * 1024);
  im->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  im->last_file = g_array_new (FALSE, FALSE, sizeof (guint));
  im->authors = g_ptr_array_new_with_free_func (g_free);
  im->file_authors = g_new0 (char *, n_inputs + 1);
  im->text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (im->attrs); i++)
    im->attrs[i] = g_string_new (NULL);
  im->name = "";
  for (guint i = 0; i < n_inputs; i++)
    im->bytes_total += inputs[i].size;
}

static void
import_clear (Import *im)
{
  g_async_queue_unref (im->queue);
  g_async_queue_unref (im->slots);
  g_ptr_array_unref (im->batch);
  g_strfreev (im->names);
  cb_crypt_passphrase_free (im->passphrase);
  g_hash_table_unref (im->seen);
  g_string_chunk_free (im->strings);
  g_array_unref (im->entries);
  g_array_unref (im->last_file);
  g_ptr_array_unref (im->authors);
  g_strfreev (im->file_authors);
  g_free (im->collision_here);
  g_string_free (im->text, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (im->attrs); i++)
    g_string_free (im->attrs[i], TRUE);
}

/* Merges the records the parser hands over, in the order they were
 * read, until its last word (which carries its error, if any). After a
 * problem here the batches are only drained, so that the parser can
 * stop. */
static void
write_batches (Import  *im,
               GError **parse_error,
               GError **write_error)
{
  for (gboolean last = FALSE; !last; )
    {
      g_autoptr(GPtrArray) batch = g_async_queue_pop (im->queue);

      for (guint i = 0; i < batch->len; i++)
        {
          Msg *msg = g_ptr_array_index (batch, i);

          if (msg->record == NULL)
            {
              *parse_error = g_steal_pointer (&msg->error);
              last = TRUE;
              break;
            }
          if (*write_error == NULL &&
              (g_cancellable_set_error_if_cancelled (im->cancellable, write_error) ||
               !observe_clocks (im, msg->record, write_error) ||
               !merge_record (im, msg, write_error)))
            g_atomic_int_set (&im->stop, 1);
          if (*write_error == NULL && im->progress != NULL && msg->pos >= im->bytes_reported + PROGRESS_STEP)
            {
              im->bytes_reported = msg->pos;
              im->progress (im->bytes_reported, im->bytes_total, im->progress_data);
            }
        }
      g_async_queue_push (im->slots, GINT_TO_POINTER (1));
    }
}

/* After every record: the replica names the files gave, and a new
 * replica id when the files show this one's stamps issued elsewhere. */
static gboolean
settle_identity (Import  *im,
                 GError **error)
{
  if (!note_authors (im, error))
    return FALSE;
  /* A stamp is issued once: files showing this laptop's replica beyond
   * what it issued, or one of its stamps on another text, mean another
   * database signs with its id (a restored backup, a copied disk image,
   * a changed file). Its next edit must not reuse any of those stamps:
   * it takes a new id, in this transaction. */
  if (im->own_ahead > im->own_counter || im->own_collision)
    {
      if (!ensure_snapshot (im, error) || !cb_store_renew_replica (im->store, error))
        return FALSE;
      im->report->new_replica = TRUE;
    }
  return TRUE;
}

static CbImportReport *
run_import (CbStore           *store,
            const Input       *inputs,
            guint              n_inputs,
            gboolean           dry_run,
            const char        *snapshot_path,
            const char        *passphrase,
            CbImportProgress   progress,
            gpointer           progress_data,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(CbImportReport) report = report_new (dry_run);
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) parse_error = NULL;
  GThread *parser = NULL;
  gboolean ok = FALSE;
  int changes_before = 0;
  gboolean changed;
  char seen_hash[CB_FILE_HASH_HEX];
  Import im = { 0 };

  /* A file already imported here, byte for byte: nothing to merge. */
  if (n_inputs == 1 && cb_import_seen_check (store, &inputs[0], seen_hash, report))
    {
      if (progress != NULL)
        progress (inputs[0].size, inputs[0].size, progress_data);
      return g_steal_pointer (&report);
    }

  cb_import_init_libxml ();
  import_init (&im, store, inputs, n_inputs, report, snapshot_path, progress, progress_data, cancellable);
  im.passphrase = cb_crypt_passphrase_dup (passphrase);

  /* A database in memory can only be copied outside the transaction:
   * copy it now, and drop the copy if nothing changes. */
  if (snapshot_path != NULL && !dry_run && cb_store_get_path (store) == NULL &&
      !ensure_snapshot (&im, error))
    goto out;
  /* an exchange file spends about a kilobyte on a record */
  if (!cb_store_begin_bulk (store, im.bytes_total / 1024, error))
    goto out;
  changes_before = sqlite3_total_changes (cb_store_get_db (store));

  parser = g_thread_try_new ("coachbook-import", cb_import_parse_files, &im, error);
  if (parser == NULL)
    goto rollback;
  write_batches (&im, &parse_error, &write_error);
  g_thread_join (parser);
  /* the first problem in the order of the files */
  if (write_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&write_error));
      goto rollback;
    }
  if (parse_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&parse_error));
      goto rollback;
    }

  if (!settle_identity (&im, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;
  finish_report (&im);
  changed = sqlite3_total_changes (cb_store_get_db (store)) != changes_before;
  if (im.snapshot_taken && !changed)
    {
      g_unlink (snapshot_path);
      im.snapshot_taken = FALSE;
    }
  /* An import that changes nothing writes nothing, not even this note. */
  if (changed && !dry_run && im.file_hash[0] != '\0' &&
      !cb_import_seen_remember (store, im.file_hash, report, error))
    goto rollback;
  if (im.snapshot_taken)
    report->snapshot = g_strdup (snapshot_path);

  if (dry_run)
    cb_store_rollback (store);
  else if (!cb_store_commit (store, error))
    goto out;
  if (progress != NULL)
    progress (im.bytes_total, im.bytes_total, progress_data);
  ok = TRUE;
  goto out;

rollback:
  cb_store_rollback (store);
out:
  import_clear (&im);
  if (!ok)
    {
      if (im.snapshot_taken)
        g_unlink (snapshot_path);
      return NULL;
    }
  return g_steal_pointer (&report);
}

/**
 * cb_exchange_import_encrypted:
 * @store: the database, on the calling thread's own connection
 * @paths: (array zero-terminated=1): exchange files
 * @dry_run: merge, report, then roll back: the preview
 * @snapshot_path: (nullable): where to save the database as it was
 *   before the import, for Undo (cb_store_restore_backup()); written only
 *   when the import changes something, inside the import's transaction
 * @passphrase: (nullable): opens the encrypted files among @paths (one
 *   passphrase for all); without it an encrypted file fails with
 *   %CB_EXCHANGE_ERROR_ENCRYPTED. Kept in guarded memory during the
 *   import only.
 * @progress: (nullable) (scope call): called from this thread
 * @cancellable: (nullable): checked after every node; cancelling rolls
 *   everything back
 *
 * Merges every file into @store in one transaction (ARCHITECTURE §3):
 * idempotent, commutative and associative, so the order of files and of
 * imports does not matter and importing a file again changes nothing.
 * Any problem in any file rolls the whole import back: a wrong
 * passphrase (%CB_EXCHANGE_ERROR_PASSPHRASE) or an encrypted file that
 * was changed or cut short (%CB_EXCHANGE_ERROR_DECRYPT) too.
 *
 * Returns: (transfer full) (nullable): what was (or, for a dry run, would
 *   be) added, updated and put in conflict, or %NULL with @error set
 */
CbImportReport *
cb_exchange_import_encrypted (CbStore            *store,
                              const char * const *paths,
                              gboolean            dry_run,
                              const char         *snapshot_path,
                              const char         *passphrase,
                              CbImportProgress    progress,
                              gpointer            user_data,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autofree Input *inputs = NULL;
  guint n;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = g_strv_length ((char **) paths);
  inputs = g_new0 (Input, n + 1);
  for (guint i = 0; i < n; i++)
    {
      GStatBuf st;
      inputs[i].path = paths[i];
      if (g_stat (paths[i], &st) == 0)
        inputs[i].size = st.st_size;
    }
  return run_import (store, inputs, n, dry_run, snapshot_path, passphrase, progress, user_data,
                     cancellable, error);
}

/**
 * cb_exchange_import_full:
 *
 * cb_exchange_import_encrypted() without a passphrase: plain files only.
 *
 * Returns: (transfer full) (nullable): the report
 */
CbImportReport *
cb_exchange_import_full (CbStore            *store,
                         const char * const *paths,
                         gboolean            dry_run,
                         const char         *snapshot_path,
                         CbImportProgress    progress,
                         gpointer            user_data,
                         GCancellable       *cancellable,
                         GError            **error)
{
  return cb_exchange_import_encrypted (store, paths, dry_run, snapshot_path, NULL, progress, user_data,
                                       cancellable, error);
}

/**
 * cb_exchange_import:
 *
 * cb_exchange_import_full() without an Undo snapshot.
 *
 * Returns: (transfer full) (nullable): the report
 */
CbImportReport *
cb_exchange_import (CbStore            *store,
                    const char * const *paths,
                    gboolean            dry_run,
                    CbImportProgress    progress,
                    gpointer            user_data,
                    GCancellable       *cancellable,
                    GError            **error)
{
  return cb_exchange_import_full (store, paths, dry_run, NULL, progress, user_data, cancellable, error);
}

/**
 * cb_exchange_import_bytes:
 * @bytes: the content of one exchange file
 *
 * Imports an exchange file held in memory (a drop, tests, the fuzzer);
 * the same checks as for a file.
 *
 * Returns: (transfer full) (nullable): the report
 */
CbImportReport *
cb_exchange_import_bytes (CbStore   *store,
                          GBytes    *bytes,
                          gboolean   dry_run,
                          GError   **error)
{
  Input input = { NULL, bytes, 0, NULL };

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  input.size = g_bytes_get_size (bytes);
  if (input.size > CB_EXCHANGE_MAX_FILE_SIZE)
    {
      g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_TOO_LARGE,
                   _("The file is larger than %s, the most Coachbook imports."), "1 GiB");
      return NULL;
    }
  return run_import (store, &input, 1, dry_run, NULL, NULL, NULL, NULL, NULL, error);
}

/**
 * cb_exchange_import_many_bytes:
 * @bytes: (array length=n): the contents of @n exchange files
 * @names: (array length=n): their names, for messages
 *
 * cb_exchange_import_full() for files already read into memory (the sync
 * folder reads each file once: its hash, its summary and its import).
 *
 * Returns: (transfer full) (nullable): the report
 */
CbImportReport *
cb_exchange_import_many_bytes (CbStore            *store,
                               GBytes * const     *bytes,
                               const char * const *names,
                               guint               n,
                               gboolean            dry_run,
                               const char         *snapshot_path,
                               CbImportProgress    progress,
                               gpointer            user_data,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autofree Input *inputs = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  inputs = g_new0 (Input, n + 1);
  for (guint i = 0; i < n; i++)
    {
      inputs[i].bytes = bytes[i];
      inputs[i].size = g_bytes_get_size (bytes[i]);
      inputs[i].name = names ? names[i] : NULL;
      if (inputs[i].size > CB_EXCHANGE_MAX_FILE_SIZE)
        {
          g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_TOO_LARGE,
                       _("The file is larger than %s, the most Coachbook imports."), "1 GiB");
          return NULL;
        }
    }
  return run_import (store, inputs, n, dry_run, snapshot_path, NULL, progress, user_data, cancellable, error);
}

const CbImportCounts *
cb_import_report_get_counts (const CbImportReport *report,
                             const char           *kind)
{
  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->counts->len; i++)
    {
      const CbImportCounts *c = &g_array_index (report->counts, CbImportCounts, i);
      if (g_strcmp0 (c->kind, kind) == 0)
        return c;
    }
  return NULL;
}

void
cb_import_report_free (CbImportReport *report)
{
  if (report == NULL)
    return;
  g_array_unref (report->counts);
  g_ptr_array_unref (report->items);
  g_ptr_array_unref (report->warnings);
  g_free (report->snapshot);
  g_free (report);
}

/**
 * cb_exchange_fields_version:
 *
 * Returns: the highest `since` of the kinds table: a file whose "fields"
 *   attribute is higher may hold kinds or fields this build does not know
 */
guint
cb_exchange_fields_version (void)
{
  const CbKind *kinds;
  const CbField *common;
  guint n_kinds, n_common, v = 1;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      v = MAX (v, kinds[k].since);
      for (guint f = 0; f < kinds[k].n_fields; f++)
        v = MAX (v, kinds[k].fields[f].since);
    }
  common = cb_common_fields (&n_common);
  for (guint f = 0; f < n_common; f++)
    v = MAX (v, common[f].since);
  return v;
}
