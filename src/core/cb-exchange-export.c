/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export: this laptop's full shared state as one exchange file
 * (docs/exchange-format.md).
 *
 * The file is canonical: records by UUID, values by field, replica and
 * counter, vector dots by replica, so exporting the same state twice (on
 * any laptop) gives the same bytes apart from the root start tag, which
 * names the exporting laptop and the time. One SQL statement streams the
 * rows in that order straight into an xmlTextWriter, so memory does not
 * grow with the database. The file is written next to its destination,
 * fsynced and renamed over it: a reader never sees half a file.
 * Encrypted, the same bytes go through an encoder (cb-crypt.h) on their
 * way to the sink: no plaintext reaches the disk.
 *
 * What never leaves the laptop is decided by the one privacy rule
 * (cb-privacy.h): private fields, private records, and records that
 * belong to a private one by any value of their parent field. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <unistd.h>

#include "cb-catalog.h"
#include "cb-crypt.h"
#include "cb-exchange-text.h"
#include "cb-exchange.h"
#include "cb-kinds.h"
#include "cb-privacy.h"

#define SINK_BUFFER_SIZE (256 * 1024)
#define MAX_NAME_CHARS   500
#define CANCEL_EVERY     256
#define EXPORT_MMAP_SIZE 1073741824

typedef struct
{
  int             fd;
  GByteArray     *buffer;
  int             saved_errno;
  CbCryptEncoder *crypt;   /* (nullable): an encrypted file's encoder */
} Sink;

/* --------------------------------------------------------------- text */

/* A name (author) as written: sanitized and at most MAX_NAME_CHARS long,
 * the schema's limit. */
static void
sanitize_name (GString    *out,
               const char *text)
{
  cb_exchange_sanitize_text (out, text);
  if (g_utf8_strlen (out->str, -1) > MAX_NAME_CHARS)
    g_string_truncate (out, g_utf8_offset_to_pointer (out->str, MAX_NAME_CHARS) - out->str);
}

/* --------------------------------------------------------------- sink */

static gboolean
sink_flush (Sink *sink)
{
  gsize done = 0;

  /* in memory (cb_exchange_export_changes()): the buffer is the file */
  if (sink->fd < 0)
    return TRUE;
  while (done < sink->buffer->len)
    {
      gssize n = write (sink->fd, sink->buffer->data + done, sink->buffer->len - done);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->saved_errno = errno;
          return FALSE;
        }
      done += n;
    }
  g_byte_array_set_size (sink->buffer, 0);
  return TRUE;
}

static int
on_sink_write (void       *data,
               const char *buffer,
               int         len)
{
  Sink *sink = data;

  if (sink->saved_errno != 0)
    return -1;
  if (sink->crypt != NULL)
    cb_crypt_encoder_push (sink->crypt, (const guint8 *) buffer, len, sink->buffer);
  else
    g_byte_array_append (sink->buffer, (const guint8 *) buffer, len);
  if (sink->buffer->len >= SINK_BUFFER_SIZE && !sink_flush (sink))
    return -1;
  return len;
}

static int
on_sink_close (void *data)
{
  return 0;
}

static void
set_db_error (sqlite3  *db,
              GError  **error)
{
  g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
               _("Database error: %s"), sqlite3_errmsg (db));
}

/* ------------------------------------------------------------- writing */

#define W(call) G_STMT_START { if ((call) < 0) goto write_failed; } G_STMT_END

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_int (GString *s,
            gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  do
    *--p = '0' + v % 10;
  while ((v /= 10) != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (s, p, buf + sizeof buf - p);
}

static int
end_record (xmlTextWriterPtr w,
            gboolean         has_values)
{
  if (has_values && xmlTextWriterWriteRaw (w, BAD_CAST "\n  ") < 0)
    return -1;
  return xmlTextWriterEndElement (w);
}

/* In the writers below: fail as the writer's own calls do. */
#define R(call) G_STMT_START { if ((call) < 0) return -1; } G_STMT_END

/* The root's start tag: who exported, when, in which format. Layout by
 * hand (one record, one value per line), not by the writer's
 * indentation, which cannot indent the raw value tags. */
static int
start_document (CbStore          *store,
                xmlTextWriterPtr  w,
                const char       *covers,
                GString          *text)
{
  g_autofree char *exported = now_iso ();
  char number[32];

  R (xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL));
  R (xmlTextWriterStartElement (w, BAD_CAST "coachbook"));
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns", BAD_CAST CB_EXCHANGE_NAMESPACE));
  /* a full file stays readable by the Coachbook before change files */
  g_snprintf (number, sizeof number, "%d", covers ? CB_EXCHANGE_FORMAT : CB_EXCHANGE_FORMAT_FULL);
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "format", BAD_CAST number));
  g_snprintf (number, sizeof number, "%u", cb_exchange_fields_version ());
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "fields", BAD_CAST number));
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "replica", BAD_CAST cb_store_get_replica (store)));
  sanitize_name (text, cb_store_get_author (store));
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "author", BAD_CAST text->str));
  if (covers != NULL && covers[0] != '\0')
    R (xmlTextWriterWriteAttribute (w, BAD_CAST "covers", BAD_CAST covers));
  return xmlTextWriterWriteAttribute (w, BAD_CAST "exported", BAD_CAST exported);
}

/* A record's start tag, from the row of the document's statement. */
static int
start_record (xmlTextWriterPtr  w,
              sqlite3_stmt     *stmt,
              const CbKind     *kind,
              GString          *text)
{
  R (xmlTextWriterWriteRaw (w, BAD_CAST "\n  "));
  R (xmlTextWriterStartElement (w, BAD_CAST "record"));
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "id", sqlite3_column_text (stmt, 0)));
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "kind", BAD_CAST kind->name));
  sanitize_name (text, (const char *) sqlite3_column_text (stmt, 2));
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "author", BAD_CAST text->str));
  R (xmlTextWriterWriteAttribute (w, BAD_CAST "created", sqlite3_column_text (stmt, 3)));
  return xmlTextWriterWriteAttribute (w, BAD_CAST "vector", sqlite3_column_text (stmt, 4));
}

/* One value, from the row of the document's statement. The start tag is
 * written raw: every attribute is known to need no escaping (a field
 * name of the kinds table, a checked replica id, two numbers), and this
 * is the hot loop. The text goes through the writer's escaping. */
static int
write_value (xmlTextWriterPtr  w,
             sqlite3_stmt     *stmt,
             const CbField    *field,
             const char       *replica,
             GString          *tag,
             GString          *text)
{
  g_string_assign (tag, "\n    <value field=\"");
  g_string_append (tag, field->name);
  g_string_append (tag, "\" replica=\"");
  g_string_append (tag, replica);
  g_string_append (tag, "\" counter=\"");
  append_int (tag, sqlite3_column_int64 (stmt, 7));
  g_string_append (tag, "\" clock=\"");
  append_int (tag, sqlite3_column_int64 (stmt, 8));
  g_string_append (tag, "\">");
  R (xmlTextWriterWriteRawLen (w, BAD_CAST tag->str, tag->len));
  cb_exchange_sanitize_text (text, (const char *) sqlite3_column_text (stmt, 9));
  if (text->len > 0)
    R (xmlTextWriterWriteString (w, BAD_CAST text->str));
  return xmlTextWriterWriteRaw (w, BAD_CAST "</value>");
}

/* Who wrote the values, for the conflicts view: every replica in
 * @replicas that signs an exported value, when its coach's name is
 * known, in order. */
static int
write_replicas (CbStore          *store,
                xmlTextWriterPtr  w,
                GHashTable       *replicas,
                GString          *text)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  char number[32];

  g_hash_table_iter_init (&iter, replicas);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (sorted, key);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *replica = g_ptr_array_index (sorted, i);
      g_autofree char *author = cb_store_replica_author (store, replica);
      gint64 named;

      /* the built-in catalog has no coach to name */
      if (author[0] == '\0' || !cb_replica_is_valid (replica) || strcmp (replica, CB_BUILTIN_REPLICA) == 0)
        continue;
      /* when the replica's own laptop gave the name: names merge by it */
      named = cb_store_replica_named (store, replica);
      sanitize_name (text, author);
      R (xmlTextWriterWriteRaw (w, BAD_CAST "\n  "));
      R (xmlTextWriterStartElement (w, BAD_CAST "replica"));
      R (xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST replica));
      R (xmlTextWriterWriteAttribute (w, BAD_CAST "author", BAD_CAST text->str));
      if (named > 0)
        {
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, named);
          R (xmlTextWriterWriteAttribute (w, BAD_CAST "named", BAD_CAST number));
        }
      R (xmlTextWriterEndElement (w));
    }
  return 0;
}

#undef R

/* The rows of a full file: every record, values in canonical order. */
#define ALL_RECORDS_SQL \
  "SELECT r.uuid, r.kind, r.author, r.created, r.vv, " \
  "       v.field, v.replica, v.counter, v.hlc, v.value " \
  "FROM records r LEFT JOIN vals v ON v.rec = r.id " \
  "ORDER BY r.uuid, v.field, v.replica, v.counter"

/* The rows of a change file: the records named in temp.sync_pick. */
#define PICKED_RECORDS_SQL \
  "SELECT r.uuid, r.kind, r.author, r.created, r.vv, " \
  "       v.field, v.replica, v.counter, v.hlc, v.value " \
  "FROM temp.sync_pick p JOIN records r ON r.uuid = p.uuid LEFT JOIN vals v ON v.rec = r.id " \
  "ORDER BY r.uuid, v.field, v.replica, v.counter"

/* What one document holds: every record, or the picked ones with the
 * summary of the change file they make. */
typedef struct
{
  const char *sql;
  const char *covers;      /* (nullable): the root's summary */
  GPtrArray  *withheld;    /* (nullable): uuids the privacy rule kept back */
  const char *self;        /* (nullable): a replica always named in the file */
  guint       n_written;   /* out: records written */
} Selection;

/* Writes the whole document; on failure the caller removes the file. */
static gboolean
write_document (CbStore          *store,
                xmlTextWriterPtr  w,
                Sink             *sink,
                CbPrivacy        *privacy,
                Selection        *sel,
                GCancellable     *cancellable,
                GError          **error)
{
  sqlite3 *db = cb_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) replicas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) tag = g_string_new (NULL);
  char current[64] = "";
  const CbKind *kind = NULL;
  gboolean open = FALSE, skip = FALSE, has_values = FALSE;
  guint n = 0;
  int rc;

  W (start_document (store, w, sel->covers, text));
  if (sel->self != NULL)
    g_hash_table_add (replicas, g_strdup (sel->self));

  /* Both orders come from indexes (records.uuid, the vals primary key):
   * no sort, rows stream as they are read. */
  rc = sqlite3_prepare_v2 (db, sel->sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (db, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *field_name;
      const char *replica;
      const CbField *field;

      if (strcmp (uuid, current) != 0)
        {
          if (open)
            W (end_record (w, has_values));
          open = FALSE;
          has_values = FALSE;
          g_strlcpy (current, uuid, sizeof current);
          kind = cb_kind_lookup ((const char *) sqlite3_column_text (stmt, 1));
          skip = kind == NULL || !cb_uuid_is_valid (uuid) ||
                 !cb_privacy_record_may_leave (privacy, uuid);

          if (++n % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          if (skip && kind != NULL && sel->withheld != NULL)
            g_ptr_array_add (sel->withheld, g_strdup (uuid));
          if (skip)
            continue;

          W (start_record (w, stmt, kind, text));
          open = TRUE;
          sel->n_written++;
        }
      if (skip || sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        continue;

      field_name = (const char *) sqlite3_column_text (stmt, 5);
      field = cb_kind_field (kind, field_name);
      if (!cb_privacy_field_may_leave (field))
        continue;
      replica = (const char *) sqlite3_column_text (stmt, 6);
      if (!g_hash_table_contains (replicas, replica))
        g_hash_table_add (replicas, g_strdup (replica));

      if (!cb_replica_is_valid (replica))
        continue;
      W (write_value (w, stmt, field, replica, tag, text));
      has_values = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error);
      goto fail;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (open)
    W (end_record (w, has_values));

  W (write_replicas (store, w, replicas, text));
  W (xmlTextWriterWriteRaw (w, BAD_CAST "\n"));
  W (xmlTextWriterEndDocument (w));
  W (xmlTextWriterFlush (w));
  return TRUE;

write_failed:
  g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_IO,
               _("The file could not be written: %s"),
               g_strerror (sink->saved_errno ? sink->saved_errno : EIO));
fail:
  sqlite3_finalize (stmt);
  return FALSE;
}

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
restore_mmap (sqlite3 *db,
              gint64   before)
{
  g_autofree char *sql = NULL;

  if (before < 0 || pragma_int (db, "PRAGMA mmap_size") == before)
    return;
  sql = g_strdup_printf ("PRAGMA mmap_size = %" G_GINT64_FORMAT, before);
  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static gboolean
sync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return FALSE;
  /* Some file systems (FAT on a USB stick) refuse fsync on a directory;
   * the rename is still done. */
  fsync (fd);
  close (fd);
  return TRUE;
}

/* Flushes, syncs and closes the sink's file, then renames it to @path. */
static gboolean
finish_file (Sink        *sink,
             const char  *tmp,
             const char  *path,
             GError     **error)
{
  if (!sink_flush (sink) || fsync (sink->fd) != 0)
    {
      int saved = sink->saved_errno ? sink->saved_errno : errno;
      g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_IO,
                   _("The file could not be written: %s"), g_strerror (saved));
      return FALSE;
    }
  if (close (sink->fd) != 0)
    {
      int saved = errno;
      sink->fd = -1;
      g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_IO,
                   _("The file could not be written: %s"), g_strerror (saved));
      return FALSE;
    }
  sink->fd = -1;
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_IO,
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
ignore_xml_error (void        *data,
                  xmlErrorPtr  error)
{
}

static void G_GNUC_PRINTF (2, 3)
ignore_xml_generic_error (void       *data,
                          const char *format,
                          ...)
{
}

/**
 * cb_exchange_export_encrypted:
 * @store: the database, on the calling thread's own connection
 * @path: the file to write; replaced atomically if it exists
 * @passphrase: (nullable): encrypt the file with this passphrase
 *   (cb-crypt.h); %NULL writes a plain exchange file. Not kept.
 * @cancellable: (nullable): checked every few hundred records
 *
 * Writes the full shared state of @store (records, tombstones, version
 * vectors and stamped values; never private records or fields) to @path
 * in canonical order. Runs in one read transaction, so a concurrent
 * writer on another connection is neither blocked nor half-seen.
 *
 * Returns: %TRUE on success; on failure @path is left as it was
 */
gboolean
cb_exchange_export_encrypted (CbStore       *store,
                              const char    *path,
                              const char    *passphrase,
                              GCancellable  *cancellable,
                              GError       **error)
{
  sqlite3 *db;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  xmlOutputBufferPtr out;
  xmlTextWriterPtr w;
  gboolean own_txn, ok;
  gint64 mmap_before;
  g_autoptr(CbCryptEncoder) crypt = NULL;
  Sink sink = { -1, NULL, 0, NULL };

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (passphrase != NULL)
    {
      crypt = cb_crypt_encoder_new (passphrase, error);
      if (crypt == NULL)
        return FALSE;
      sink.crypt = crypt;
    }
  db = cb_store_get_db (store);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  sink.fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (sink.fd < 0)
    {
      int saved = errno;
      g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_IO,
                   _("Could not write a file in “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  buffer = g_byte_array_sized_new (SINK_BUFFER_SIZE + 8192);
  sink.buffer = buffer;

  /* The rows are read in UUID order, all over the file: mapping it
   * saves a read() per page (export time nearly halves at 100k records). */
  mmap_before = pragma_int (db, "PRAGMA mmap_size");
  if (cb_store_get_path (store) != NULL && mmap_before >= 0 && mmap_before < EXPORT_MMAP_SIZE)
    sqlite3_exec (db, "PRAGMA mmap_size = " G_STRINGIFY (EXPORT_MMAP_SIZE), NULL, NULL, NULL);

  own_txn = sqlite3_get_autocommit (db) != 0;
  if (own_txn && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      restore_mmap (db, mmap_before);
      goto fail_file;
    }

  privacy = cb_privacy_new (store, error);
  ok = privacy != NULL;
  if (ok)
    {
      /* libxml2 would also print a failed write on stderr itself; the
       * error returned here is the one report (one line on the CLI). */
      xmlSetStructuredErrorFunc (NULL, ignore_xml_error);
      xmlSetGenericErrorFunc (NULL, ignore_xml_generic_error);
      out = xmlOutputBufferCreateIO (on_sink_write, on_sink_close, &sink, NULL);
      w = out ? xmlNewTextWriter (out) : NULL;
      if (w == NULL)
        {
          if (out)
            xmlOutputBufferClose (out);
          g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_IO,
                       _("The file could not be written: %s"), g_strerror (ENOMEM));
          ok = FALSE;
        }
      else
        {
          Selection all = { ALL_RECORDS_SQL, NULL, NULL, NULL, 0 };

          ok = write_document (store, w, &sink, privacy, &all, cancellable, error);
          xmlFreeTextWriter (w);
        }
      xmlSetStructuredErrorFunc (NULL, NULL);
      xmlSetGenericErrorFunc (NULL, NULL);
    }
  if (own_txn)
    sqlite3_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  restore_mmap (db, mmap_before);
  if (!ok)
    goto fail_file;

  if (crypt != NULL)
    cb_crypt_encoder_finish (crypt, sink.buffer);
  if (!finish_file (&sink, tmp, path, error))
    goto fail_file;
  sync_dir (dir);
  return TRUE;

fail_file:
  if (sink.fd >= 0)
    close (sink.fd);
  g_unlink (tmp);
  return FALSE;
}

/**
 * cb_exchange_export:
 * @store: the database, on the calling thread's own connection
 * @path: the file to write; replaced atomically if it exists
 * @cancellable: (nullable): checked every few hundred records
 *
 * A plain exchange file: cb_exchange_export_encrypted() without a
 * passphrase.
 *
 * Returns: %TRUE on success; on failure @path is left as it was
 */
gboolean
cb_exchange_export (CbStore       *store,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return cb_exchange_export_encrypted (store, path, NULL, cancellable, error);
}

/**
 * cb_exchange_default_filename:
 *
 * Returns: (transfer full): the name this laptop's file has in a sync
 *   folder, `<author>-<replica>.coachbook.xml`, the author reduced to
 *   letters, digits and dashes
 */
char *
cb_exchange_default_filename (CbStore *store)
{
  g_autofree char *ascii = NULL;
  GString *name = g_string_new (NULL);

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  ascii = g_str_to_ascii (cb_store_get_author (store), "C");
  for (const char *p = ascii; *p && name->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "coachbook");
  g_string_append_printf (name, "-%s%s", cb_store_get_replica (store), CB_EXCHANGE_SUFFIX);
  return g_string_free (name, FALSE);
}

static gboolean
pick_records (sqlite3             *db,
              const char          *replica,
              gint64               first,
              gint64               last,
              const char * const  *extra,
              GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_exec (db, "CREATE TEMP TABLE IF NOT EXISTS sync_pick (uuid TEXT PRIMARY KEY) WITHOUT ROWID;"
                        "DELETE FROM temp.sync_pick", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;
  /* vals_stamp: the values this replica stamped in the range */
  if (sqlite3_prepare_v2 (db,
                          "INSERT OR IGNORE INTO temp.sync_pick "
                          "SELECT r.uuid FROM vals v JOIN records r ON r.id = v.rec "
                          "WHERE v.replica = ?1 AND v.counter BETWEEN ?2 AND ?3",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, replica, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, first);
  sqlite3_bind_int64 (stmt, 3, last);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto failed;
  if (extra == NULL || extra[0] == NULL)
    return TRUE;
  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO temp.sync_pick VALUES (?1)", -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  for (guint i = 0; extra[i] != NULL; i++)
    {
      sqlite3_bind_text (stmt, 1, extra[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          goto failed;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;

failed:
  set_db_error (db, error);
  return FALSE;
}

/**
 * cb_exchange_export_changes:
 * @store: the database, on the calling thread's own connection
 * @replica: whose changes: normally this laptop's replica id
 * @first: the first counter of the range
 * @last: the last counter of the range
 * @extra: (array zero-terminated=1) (nullable): uuids of more records
 *   to write (records an earlier change file had to withhold)
 * @covers: (nullable): the root's summary, `replica:first-last …`
 * @withheld: (element-type utf8) (nullable): gets the uuids of the
 *   records the privacy rule kept out
 * @n_records: (out) (optional): how many records the file holds
 *
 * A change file for the sync folder (docs/exchange-format.md): every
 * record holding a value @replica stamped with a counter from @first to
 * @last, plus @extra, each whole (all its shared values, their stamps,
 * its vector), under the same privacy rule as cb_exchange_export().
 * Written in memory: the caller puts it in the folder
 * (cb_sync_file_write()).
 *
 * Returns: (transfer full) (nullable): the file's bytes
 */
GBytes *
cb_exchange_export_changes (CbStore             *store,
                            const char          *replica,
                            gint64               first,
                            gint64               last,
                            const char * const  *extra,
                            const char          *covers,
                            GPtrArray           *withheld,
                            guint               *n_records,
                            GCancellable        *cancellable,
                            GError             **error)
{
  sqlite3 *db;
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new (64 * 1024);
  /* the author's name travels even in a file without records */
  Selection sel = { PICKED_RECORDS_SQL, covers, withheld, replica, 0 };
  Sink sink = { -1, NULL, 0 };
  xmlOutputBufferPtr out;
  xmlTextWriterPtr w;
  gboolean own_txn, ok;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (replica != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = cb_store_get_db (store);
  sink.buffer = buffer;
  own_txn = sqlite3_get_autocommit (db) != 0;
  if (own_txn && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      return NULL;
    }
  /* asked record by record: a change file holds few of the records */
  ok = pick_records (db, replica, first, last, extra, error);
  privacy = cb_privacy_new_lazy (store);
  if (ok)
    {
      xmlSetStructuredErrorFunc (NULL, ignore_xml_error);
      xmlSetGenericErrorFunc (NULL, ignore_xml_generic_error);
      out = xmlOutputBufferCreateIO (on_sink_write, on_sink_close, &sink, NULL);
      w = out ? xmlNewTextWriter (out) : NULL;
      if (w == NULL)
        {
          if (out)
            xmlOutputBufferClose (out);
          g_set_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_IO,
                       _("The file could not be written: %s"), g_strerror (ENOMEM));
          ok = FALSE;
        }
      else
        {
          ok = write_document (store, w, &sink, privacy, &sel, cancellable, error);
          xmlFreeTextWriter (w);
        }
      xmlSetStructuredErrorFunc (NULL, NULL);
      xmlSetGenericErrorFunc (NULL, NULL);
    }
  sqlite3_exec (db, "DELETE FROM temp.sync_pick", NULL, NULL, NULL);
  if (own_txn)
    sqlite3_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  if (n_records != NULL)
    *n_records = sel.n_written;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}
