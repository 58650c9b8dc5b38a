/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import's parser thread (see cb-exchange-import.c): reads each file
 * through its guarded stream (cb-exchange-source.c) into libxml2's streaming reader with the
 * schema attached, checks every record and value against the kinds
 * table, and hands the records to the writer in batches. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-crypt.h"
#include "cb-exchange-import-private.h"
#include "cb-exchange-source-private.h"
#include "cb-kinds.h"


static gboolean
has_prefix (const guint8 *p,
            gsize         len,
            const char   *magic,
            gsize         magic_len)
{
  return len >= magic_len && memcmp (p, magic, magic_len) == 0;
}

/* ----------------------------------------------------------- libxml2 */

static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  /* Exchange files never need anything outside themselves. */
  return NULL;
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  xmlRelaxNGInitTypes ();
  /* Process-wide: nothing in Coachbook loads external entities. */
  xmlSetExternalEntityLoader (refuse_external_entity);
  return NULL;
}

/* Once per process, before the first import. */
void
cb_import_init_libxml (void)
{
  static GOnce xml_once = G_ONCE_INIT;

  g_once (&xml_once, init_libxml, NULL);
}

static void
on_xml_structured_error (void        *data,
                         xmlErrorPtr  err)
{
  Import *im = data;

  if (im->xml_message != NULL || err == NULL)
    return;
  im->xml_message = g_strstrip (g_strdup (err->message ? err->message : "error"));
  /* one line: some messages carry a second one with the bytes */
  g_strdelimit (im->xml_message, "\r\n", ' ');
  im->xml_code = err->code;
  im->xml_domain = err->domain;
  im->xml_line = err->line;
  if (im->xml_line <= 0 && err->node != NULL && err->domain != XML_FROM_IO)
    im->xml_line = xmlGetLineNo ((xmlNodePtr) err->node);
  if (im->xml_line <= 0 && im->reader != NULL)
    im->xml_line = xmlTextReaderGetParserLineNumber (im->reader);
}

static void on_xml_generic_error (void       *data,
                                  const char *msg,
                                  ...) G_GNUC_PRINTF (2, 3);

static void
on_xml_generic_error (void       *data,
                      const char *msg,
                      ...)
{
  Import *im = data;
  va_list ap;

  if (im->xml_message != NULL)
    return;
  va_start (ap, msg);
  im->xml_message = g_strstrip (g_strdup_vprintf (msg, ap));
  g_strdelimit (im->xml_message, "\r\n", ' ');
  va_end (ap);
  im->xml_code = XML_ERR_INTERNAL_ERROR;
  im->xml_domain = XML_FROM_PARSER;
  im->xml_line = im->reader ? xmlTextReaderGetParserLineNumber (im->reader) : 0;
}

/* Sets @error to "“file”, line N: message". */
static void set_error (Import      *im,
                       GError     **error,
                       int          code,
                       int          line,
                       const char  *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
set_error (Import      *im,
           GError     **error,
           int          code,
           int          line,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (line > 0)
    /* Translators: a file name, a line number, then what is wrong */
    g_set_error (error, CB_EXCHANGE_ERROR, code, _("“%s”, line %d: %s"), im->name, line, message);
  else
    /* Translators: a file name, then what is wrong */
    g_set_error (error, CB_EXCHANGE_ERROR, code, _("“%s”: %s"), im->name, message);
}

static int
node_line (Import *im)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (im->reader);
  int line = node ? xmlGetLineNo (node) : -1;

  /* Node lines stop at 65535 without XML_PARSE_BIG_LINES. */
  if (line <= 0 || line >= 65535)
    line = xmlTextReaderGetParserLineNumber (im->reader);
  return line;
}

static void
set_source_error (Import  *im,
                  GError **error)
{
  switch (im->source->error_code)
    {
    case CB_EXCHANGE_ERROR_DOCTYPE:
      set_error (im, error, CB_EXCHANGE_ERROR_DOCTYPE, 0, "%s",
                 _("The file contains a document type declaration (DOCTYPE). Exchange files never have one: it can hide entities that read other files or expand without end. Nothing was imported."));
      break;
    case CB_EXCHANGE_ERROR_MALFORMED:
      set_error (im, error, CB_EXCHANGE_ERROR_MALFORMED, 0,
                 _("An element of the file has more than %d attributes: this is not an exchange file."),
                 MAX_ATTRIBUTES);
      break;
    case CB_EXCHANGE_ERROR_DECRYPT:
      set_error (im, error, g_error_matches (im->source->crypt_error, CB_CRYPT_ERROR,
                                             CB_CRYPT_ERROR_BAD_PASSPHRASE)
                              ? CB_EXCHANGE_ERROR_PASSPHRASE : CB_EXCHANGE_ERROR_DECRYPT,
                 0, "%s", im->source->crypt_error->message);
      break;
    case CB_EXCHANGE_ERROR_TOO_LARGE:
      set_error (im, error, CB_EXCHANGE_ERROR_TOO_LARGE, 0,
                 _("The file is larger than %s, the most Coachbook imports."),
                 "1 GiB");
      break;
    case CB_EXCHANGE_ERROR_IO:
    default:
      set_error (im, error, CB_EXCHANGE_ERROR_IO, 0, _("The file could not be read: %s"),
                 g_strerror (im->source->saved_errno ? im->source->saved_errno : EIO));
      break;
    }
}

static void
set_xml_error (Import  *im,
               GError **error)
{
  const char *msg = im->xml_message;
  int line = im->xml_line;

  if (im->xml_domain == XML_FROM_RELAXNGV || im->xml_domain == XML_FROM_RELAXNGP)
    set_error (im, error, CB_EXCHANGE_ERROR_INVALID, line,
               _("The file does not follow the exchange format (%s)."), msg);
  else if (im->xml_code == XML_ERR_INVALID_ENCODING || im->xml_code == XML_ERR_UNSUPPORTED_ENCODING ||
           im->xml_code == XML_ERR_UNKNOWN_ENCODING ||
           /* libxml2 gives bad UTF-8 the code of a forbidden character */
           g_str_has_prefix (msg, "Input is not proper UTF-8"))
    set_error (im, error, CB_EXCHANGE_ERROR_ENCODING, line,
               _("The file is not valid UTF-8 text (%s)."), msg);
  else if (im->xml_code == XML_ERR_INVALID_CHAR)
    set_error (im, error, CB_EXCHANGE_ERROR_MALFORMED, line,
               _("The file contains a character that XML does not allow (%s)."), msg);
  else if (im->xml_code == XML_ERR_TAG_NOT_FINISHED || im->xml_code == XML_ERR_DOCUMENT_END ||
           im->xml_code == XML_ERR_LTSLASH_REQUIRED || im->xml_code == XML_ERR_GT_REQUIRED)
    set_error (im, error, CB_EXCHANGE_ERROR_MALFORMED, line,
               _("The file is incomplete or has extra content after its end; it may have been cut short while copying (%s)."), msg);
  else
    set_error (im, error, CB_EXCHANGE_ERROR_MALFORMED, line,
               _("The file is damaged or is not an exchange file (%s)."), msg);
}

static guint
kind_index (const CbKind *kind)
{
  guint n;
  const CbKind *kinds = cb_kinds (&n);
  return kind - kinds;
}

void
cb_import_msg_free (Msg *msg)
{
  g_clear_pointer (&msg->record, cb_state_free);
  g_clear_error (&msg->error);
  g_free (msg);
}

/* Passes the batch to the writer, once there is room in the queue. */
static void
hand_over (Import *im)
{
  g_async_queue_pop (im->slots);
  g_async_queue_push (im->queue, g_steal_pointer (&im->batch));
  im->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_import_msg_free);
}

/* ----------------------------------------------------------- records */

static const char *
attr_value (Import     *im,
            const char *name)
{
  if (xmlTextReaderMoveToAttribute (im->reader, BAD_CAST name) != 1)
    return NULL;
  return (const char *) xmlTextReaderConstValue (im->reader);
}

/* Reads @n attributes of the element the reader is on (NULL when
 * absent) straight from its node, without moving the reader: a record
 * has five and a value four, and asking the reader for each by name
 * walks them all again. The strings stay valid until the next read. A
 * value the parser kept as several nodes is joined in a scratch string. */
static void
read_attributes (Import             *im,
                 const char * const *names,
                 const char        **values,
                 guint               n)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (im->reader);

  g_assert (n <= G_N_ELEMENTS (im->attrs));
  for (guint i = 0; i < n; i++)
    values[i] = NULL;
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return;
  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    {
      /* as xmlTextReaderMoveToAttribute(): unprefixed names only */
      if (a->ns != NULL && a->ns->prefix != NULL)
        continue;
      for (guint i = 0; i < n; i++)
        {
          if (values[i] != NULL || strcmp ((const char *) a->name, names[i]) != 0)
            continue;
          if (a->children == NULL)
            values[i] = "";
          else if (a->children->type == XML_TEXT_NODE && a->children->next == NULL)
            values[i] = a->children->content ? (const char *) a->children->content : "";
          else
            {
              xmlChar *joined = xmlNodeListGetString (node->doc, a->children, 1);
              g_string_assign (im->attrs[i], joined ? (const char *) joined : "");
              xmlFree (joined);
              values[i] = im->attrs[i]->str;
            }
          break;
        }
    }
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           gint64     *out)
{
  gint64 n = 0;
  gsize len = 0;

  if (text == NULL)
    return FALSE;
  /* Plain digits, the common case, without g_ascii_string_to_signed()'s
   * cost on every stamp of a large file; anything else goes to it. */
  while (g_ascii_isdigit (text[len]) && len < 18)
    n = n * 10 + (text[len++] - '0');
  if (len > 0 && text[len] == '\0')
    {
      if (n < min || n > max)
        return FALSE;
      *out = n;
      return TRUE;
    }
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

/* A name for a replica, dated by its own laptop's clock (@named, 0 when
 * unknown): kept for cb_store_note_replica() at the end of the import. */
static void
note_claim (Import     *im,
            const char *replica,
            const char *author,
            const char *named)
{
  gint64 when = 0;

  if (!cb_replica_is_valid (replica) || author == NULL || author[0] == '\0')
    return;
  if (named != NULL && !parse_int (named, 0, G_MAXINT64, &when))
    when = 0;
  g_ptr_array_add (im->authors, g_strdup (replica));
  g_ptr_array_add (im->authors, g_strdup (author));
  g_ptr_array_add (im->authors, g_strdup_printf ("%" G_GINT64_FORMAT, when));
}

static gboolean
start_root (Import  *im,
            GError **error)
{
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (im->reader);
  const char *local = (const char *) xmlTextReaderConstLocalName (im->reader);
  const char *text;
  gint64 format = 0, fields = 0;
  int line = node_line (im);

  if (g_strcmp0 (local, "coachbook") != 0 || g_strcmp0 (ns, CB_EXCHANGE_NAMESPACE) != 0)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_NOT_EXCHANGE, line, "%s",
                 _("This is not a Coachbook exchange file (its root element or namespace is wrong)."));
      return FALSE;
    }
  text = attr_value (im, "format");
  if (parse_int (text, 1, G_MAXINT, &format) && format > CB_EXCHANGE_FORMAT)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_TOO_NEW, 0, "%s",
                 _("This file was made by a newer Coachbook. Update Coachbook to import it."));
      return FALSE;
    }
  text = attr_value (im, "fields");
  if (parse_int (text, 1, G_MAXINT, &fields) && fields > cb_exchange_fields_version ())
    {
      set_error (im, error, CB_EXCHANGE_ERROR_TOO_NEW, 0, "%s",
                 _("This file was made by a newer Coachbook, with kinds of records or fields this one does not know. Update Coachbook to import it."));
      return FALSE;
    }
  if (im->xml_message == NULL)
    {
      g_autofree char *replica = g_strdup (attr_value (im, "replica"));
      const char *author = attr_value (im, "author");

      /* Undated: a maker that signs a value of the file names itself,
       * dated, in a replica element too; the root's name only fills in
       * for a replica no dated name reached. */
      note_claim (im, replica, author, NULL);
      g_free (im->file_authors[im->file]);
      im->file_authors[im->file] = g_strdup (author && author[0] ? author : replica ? replica : "");
    }
  xmlTextReaderMoveToElement (im->reader);
  im->root_seen = TRUE;
  return TRUE;
}

static gboolean
start_record (Import  *im,
              GError **error)
{
  static const char * const names[] = { "id", "kind", "author", "created", "vector" };
  const char *attrs[G_N_ELEMENTS (names)];
  const char *uuid, *kind_name, *author, *created, *vector;
  g_autoptr(CbVector) vv = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer slot;

  read_attributes (im, names, attrs, G_N_ELEMENTS (names));
  uuid = attrs[0];
  kind_name = attrs[1];
  author = attrs[2];
  created = attrs[3];
  vector = attrs[4];
  im->record_line = node_line (im);
  if (!cb_uuid_is_valid (uuid))
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->record_line,
                 _("“%s” is not a valid record id."), uuid ? uuid : "");
      return FALSE;
    }
  im->kind = cb_kind_lookup (kind_name);
  if (im->kind == NULL)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->record_line,
                 _("“%s” is not a kind of record."), kind_name ? kind_name : "");
      return FALSE;
    }
  slot = g_hash_table_lookup (im->seen, uuid);
  if (slot != NULL && g_array_index (im->last_file, guint, GPOINTER_TO_UINT (slot) - 1) == im->file)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_DUPLICATE, im->record_line,
                 _("The record %s appears twice in the file."), uuid);
      return FALSE;
    }
  if (created != NULL && created[0] != '\0')
    {
      g_autoptr(GDateTime) dt = strlen (created) <= 64 ? g_date_time_new_from_iso8601 (created, NULL) : NULL;
      if (dt == NULL)
        {
          set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->record_line,
                     _("“%s” is not a valid creation time."), created);
          return FALSE;
        }
    }
  vv = cb_vector_parse (vector ? vector : "", &local_error);
  if (vv == NULL)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->record_line, "%s", local_error->message);
      return FALSE;
    }
  im->record = cb_state_new (uuid, im->kind->name, author, created);
  cb_vector_free (im->record->vector);
  im->record->vector = g_steal_pointer (&vv);
  if (cb_vector_get (im->record->vector, im->own_replica) > im->own_ahead)
    im->own_ahead = cb_vector_get (im->record->vector, im->own_replica);
  xmlTextReaderMoveToElement (im->reader);
  return TRUE;
}

static gboolean
start_value (Import  *im,
             GError **error)
{
  static const char * const names[] = { "field", "replica", "counter", "clock" };
  const char *attrs[G_N_ELEMENTS (names)];
  const char *field_name, *replica, *counter_text, *clock_text;
  const CbField *field;
  gint64 counter, clock;

  read_attributes (im, names, attrs, G_N_ELEMENTS (names));
  field_name = attrs[0];
  replica = attrs[1];
  counter_text = attrs[2];
  clock_text = attrs[3];

  im->value_line = node_line (im);
  field = field_name ? cb_kind_field (im->kind, field_name) : NULL;
  if (field == NULL)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->value_line,
                 _("A %s has no field “%s”."), im->kind->name, field_name ? field_name : "");
      return FALSE;
    }
  if (field->flags & CB_FIELD_PRIVATE)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_PRIVATE, im->value_line,
                 _("The file carries the private field “%s”. Coachbook never exports private fields, so the file was not made by Coachbook or was changed by hand."),
                 field_name);
      return FALSE;
    }
  if (!cb_replica_is_valid (replica) ||
      !parse_int (counter_text, 1, G_MAXINT64 / 2, &counter) ||
      !parse_int (clock_text, 0, G_MAXINT64, &clock))
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->value_line, "%s",
                 _("A value has an invalid stamp (replica, counter or clock)."));
      return FALSE;
    }
  if (!cb_vector_covers (im->record->vector, replica, counter))
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->value_line,
                 _("A value of the record %s is newer than the record's version."), im->record->uuid);
      return FALSE;
    }
  im->in_value = TRUE;
  im->value_field = field;
  memcpy (im->value_replica, replica, sizeof im->value_replica); /* checked: 16 digits */
  im->value_counter = counter;
  im->value_clock = clock;
  g_string_truncate (im->text, 0);
  return TRUE;
}

static gboolean
end_value (Import  *im,
           GError **error)
{
  const CbField *field = im->value_field;
  g_autoptr(GError) local_error = NULL;
  gint64 clock = im->value_clock;

  im->in_value = FALSE;
  if (!cb_field_validate (field, im->text->str, &local_error))
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->value_line, "%s", local_error->message);
      return FALSE;
    }
  if (strcmp (field->name, CB_FIELD_PRIVACY) == 0 && strcmp (im->text->str, "private") == 0)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_PRIVATE, im->value_line,
                 _("The file carries the private record %s. Coachbook never exports private records, so the file was not made by Coachbook or was changed by hand."),
                 im->record->uuid);
      return FALSE;
    }

  cb_state_add (im->record, cb_stamped_new (field->name, im->text->str, im->value_replica,
                                            im->value_counter, clock));
  return TRUE;
}

static gboolean
end_record (Import  *im,
            GError **error)
{
  g_autoptr(CbState) record = g_steal_pointer (&im->record);
  gpointer slot;
  Msg *msg;

  cb_state_sort (record);
  for (guint i = 1; i < record->values->len; i++)
    if (cb_stamped_compare (g_ptr_array_index (record->values, i - 1),
                            g_ptr_array_index (record->values, i)) == 0)
      {
        set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->record_line,
                   _("The record %s holds the same value twice."), record->uuid);
        return FALSE;
      }

  slot = g_hash_table_lookup (im->seen, record->uuid);
  if (slot == NULL)
    {
      const char *uuid = g_string_chunk_insert (im->strings, record->uuid);
      guint none = G_MAXUINT;

      g_array_append_val (im->last_file, none);
      slot = GUINT_TO_POINTER (im->last_file->len);
      g_hash_table_insert (im->seen, (gpointer) uuid, slot);
    }
  g_array_index (im->last_file, guint, GPOINTER_TO_UINT (slot) - 1) = im->file;

  msg = g_new0 (Msg, 1);
  msg->record = g_steal_pointer (&record);
  msg->entry = GPOINTER_TO_UINT (slot) - 1;
  msg->kind = kind_index (im->kind);
  msg->file = im->file;
  msg->line = im->record_line;
  msg->pos = im->bytes_before + im->source->pos;
  g_ptr_array_add (im->batch, msg);
  if (im->batch->len >= BATCH_RECORDS)
    hand_over (im);
  return TRUE;
}

static gboolean
handle_node (Import  *im,
             GError **error)
{
  int type = xmlTextReaderNodeType (im->reader);
  int depth = xmlTextReaderDepth (im->reader);
  const char *name;

  switch (type)
    {
    case XML_READER_TYPE_ELEMENT:
      name = (const char *) xmlTextReaderConstLocalName (im->reader);
      if (depth == 1 && g_strcmp0 (name, "record") == 0)
        {
          if (!start_record (im, error))
            return FALSE;
          if (xmlTextReaderIsEmptyElement (im->reader))
            return end_record (im, error);
          return TRUE;
        }
      if (depth == 2 && im->record != NULL && g_strcmp0 (name, "value") == 0)
        {
          if (!start_value (im, error))
            return FALSE;
          if (xmlTextReaderIsEmptyElement (im->reader))
            return end_value (im, error);
          return TRUE;
        }
      if (depth == 1 && g_strcmp0 (name, "replica") == 0)
        {
          g_autofree char *id = g_strdup (attr_value (im, "id"));
          g_autofree char *author = g_strdup (attr_value (im, "author"));
          const char *named = attr_value (im, "named");

          note_claim (im, id, author, named);
          xmlTextReaderMoveToElement (im->reader);
          return TRUE;
        }
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, node_line (im),
                 _("Unexpected element “%s”."), name ? name : "");
      return FALSE;

    case XML_READER_TYPE_END_ELEMENT:
      if (depth == 2 && im->in_value)
        return end_value (im, error);
      if (depth == 1 && im->record != NULL)
        return end_record (im, error);
      return TRUE;

    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      if (im->in_value)
        {
          const char *text = (const char *) xmlTextReaderConstValue (im->reader);
          gsize len = text ? strlen (text) : 0;
          if (im->text->len + len > CB_EXCHANGE_MAX_VALUE_SIZE)
            {
              set_error (im, error, CB_EXCHANGE_ERROR_INVALID, im->value_line,
                         _("A value is longer than %u bytes."), (guint) CB_EXCHANGE_MAX_VALUE_SIZE);
              return FALSE;
            }
          g_string_append_len (im->text, text, len);
        }
      return TRUE;

    case XML_READER_TYPE_DOCUMENT_TYPE:
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
      set_error (im, error, CB_EXCHANGE_ERROR_DOCTYPE, node_line (im), "%s",
                 _("The file declares or uses entities. Exchange files never do. Nothing was imported."));
      return FALSE;

    default:
      /* comments and processing instructions carry nothing */
      return TRUE;
    }
}

/* ------------------------------------------------------------- files */

static xmlRelaxNGPtr
load_schema (Import  *im,
             GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlRelaxNGParserCtxtPtr pctxt;
  xmlRelaxNGPtr schema;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (CB_EXCHANGE_SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  pctxt = xmlRelaxNGNewMemParserCtxt (data, size);
  xmlRelaxNGSetParserStructuredErrors (pctxt, on_xml_structured_error, im);
  schema = pctxt ? xmlRelaxNGParse (pctxt) : NULL;
  xmlRelaxNGFreeParserCtxt (pctxt);
  if (schema == NULL)
    g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                 "The built-in exchange schema is damaged: %s",
                 im->xml_message ? im->xml_message : "?");
  g_clear_pointer (&im->xml_message, g_free);
  return schema;
}

static void
reset_file_state (Import *im)
{
  g_clear_pointer (&im->record, cb_state_free);
  im->in_value = FALSE;
  g_clear_pointer (&im->xml_message, g_free);
  im->kind = NULL;
  im->root_seen = FALSE;
}

/* Checks the first bytes, before any parser sees them. */
static gboolean
check_start (Import  *im,
             GError **error)
{
  const guint8 *p = im->source->peek;
  gsize n = im->source->peek_len;
  gsize i = 0;

  if (n == 0)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_EMPTY, 0, "%s", _("The file is empty."));
      return FALSE;
    }
  if (has_prefix (p, n, "\x1f\x8b", 2))
    {
      set_error (im, error, CB_EXCHANGE_ERROR_COMPRESSED, 0, "%s",
                 _("The file is compressed (gzip). Coachbook reads exchange files only as they were exported; uncompress it first."));
      return FALSE;
    }
  if (has_prefix (p, n, "PK\x03\x04", 4) || has_prefix (p, n, "\xfd" "7zXZ", 5) ||
      has_prefix (p, n, "BZh", 3) || has_prefix (p, n, "\x28\xb5\x2f\xfd", 4) ||
      has_prefix (p, n, "7z\xbc\xaf", 4))
    {
      set_error (im, error, CB_EXCHANGE_ERROR_COMPRESSED, 0, "%s",
                 _("The file is compressed or archived. Coachbook reads exchange files only as they were exported; unpack it first."));
      return FALSE;
    }
  if (has_prefix (p, n, "\xfe\xff", 2) || has_prefix (p, n, "\xff\xfe", 2) ||
      (n >= 2 && (p[0] == 0 || p[1] == 0)))
    {
      set_error (im, error, CB_EXCHANGE_ERROR_ENCODING, 0, "%s",
                 _("The file is not in UTF-8 (it looks like UTF-16 or UTF-32). Exchange files are always UTF-8."));
      return FALSE;
    }
  if (has_prefix (p, n, "\xef\xbb\xbf", 3))
    i = 3;
  if (has_prefix (p + i, n - i, "<?xml", 5))
    {
      const guint8 *close = NULL;
      g_autofree char *decl = NULL;
      const char *enc;

      for (gsize j = i; j + 1 < n; j++)
        if (p[j] == '?' && p[j + 1] == '>')
          {
            close = p + j;
            break;
          }
      if (close == NULL)
        {
          set_error (im, error, CB_EXCHANGE_ERROR_MALFORMED, 1, "%s",
                     _("The XML declaration at the start of the file is not closed."));
          return FALSE;
        }
      decl = g_strndup ((const char *) p + i, close - (p + i));
      enc = strstr (decl, "encoding");
      if (enc != NULL)
        {
          const char *q = enc + strlen ("encoding");
          char quote;
          const char *stop;
          g_autofree char *name = NULL;

          while (g_ascii_isspace (*q))
            q++;
          if (*q == '=')
            q++;
          while (g_ascii_isspace (*q))
            q++;
          quote = *q;
          stop = (quote == '"' || quote == '\'') ? strchr (q + 1, quote) : NULL;
          name = stop ? g_strndup (q + 1, stop - q - 1) : g_strdup (q);
          if (g_ascii_strcasecmp (name, "UTF-8") != 0)
            {
              set_error (im, error, CB_EXCHANGE_ERROR_ENCODING, 1,
                         _("The file declares the encoding “%s”. Exchange files are always UTF-8."), name);
              return FALSE;
            }
        }
      return TRUE;
    }
  while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
    i++;
  if (i == n && n < PEEK_SIZE)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_EMPTY, 0, "%s", _("The file is empty."));
      return FALSE;
    }
  if (i < n && p[i] != '<')
    {
      set_error (im, error, CB_EXCHANGE_ERROR_NOT_XML, 0, "%s",
                 _("This is not a Coachbook exchange file: it is not XML."));
      return FALSE;
    }
  return TRUE;
}

/* An encrypted file: from here on the source hands on its plaintext,
 * and the checks on the start of the file see the plaintext's start. */
static gboolean
start_decrypting (Import  *im,
                  GError **error)
{
  if (im->passphrase == NULL)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_ENCRYPTED, 0, "%s",
                 _("The file is encrypted. Give its passphrase to import it."));
      return FALSE;
    }
  if (!cb_exchange_source_decrypt (im->source, im->passphrase))
    {
      set_source_error (im, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_source (Import         *im,
               xmlRelaxNGPtr   schema,
               GError        **error)
{
  int ret;

  reset_file_state (im);
  cb_exchange_source_fill_peek (im->source);
  if (im->source->error_code < 0 && im->source->saved_errno == 0 &&
      cb_crypt_has_magic (im->source->peek, im->source->peek_len) &&
      !start_decrypting (im, error))
    return FALSE;
  if (im->source->error_code >= 0 || im->source->saved_errno != 0)
    {
      if (im->source->error_code < 0)
        im->source->error_code = CB_EXCHANGE_ERROR_IO;
      set_source_error (im, error);
      return FALSE;
    }
  if (!check_start (im, error))
    return FALSE;

  /* Encoding forced to UTF-8 (check_start refused any other), no option
   * but NONET: no entity substitution, no DTD loading or validation,
   * no XInclude, no recovery, libxml2's default size and depth limits. */
  im->reader = xmlReaderForIO (cb_exchange_source_read, NULL, im->source, NULL, "UTF-8", XML_PARSE_NONET);
  if (im->reader == NULL)
    {
      if (im->source->error_code >= 0)
        set_source_error (im, error);
      else
        set_error (im, error, CB_EXCHANGE_ERROR_MALFORMED, 0, "%s",
                   _("The file could not be read as XML."));
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (im->reader, on_xml_structured_error, im);
  if (xmlTextReaderRelaxNGSetSchema (im->reader, schema) != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                   "Could not attach the exchange schema");
      goto fail;
    }

  for (;;)
    {
      gboolean root;

      ret = xmlTextReaderRead (im->reader);
      if (im->source->error_code >= 0)
        {
          set_source_error (im, error);
          goto fail;
        }
      root = ret == 1 && xmlTextReaderDepth (im->reader) == 0 &&
             xmlTextReaderNodeType (im->reader) == XML_READER_TYPE_ELEMENT;
      /* The root's own checks first: "made by a newer Coachbook" says
       * more than the schema's complaint about the same file. */
      if (root && !start_root (im, error))
        goto fail;
      if (im->xml_message != NULL)
        {
          set_xml_error (im, error);
          goto fail;
        }
      if (ret != 1)
        break;
      if (!root && !handle_node (im, error))
        goto fail;
      if (g_cancellable_set_error_if_cancelled (im->cancellable, error))
        goto fail;
      if (g_atomic_int_get (&im->stop))
        {
          /* the writer has its own error to report */
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
          goto fail;
        }
    }

  if (ret < 0 || !im->root_seen)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_MALFORMED, 0, "%s",
                 _("The file is damaged or is not an exchange file."));
      goto fail;
    }
  if (xmlTextReaderIsValid (im->reader) != 1)
    {
      set_error (im, error, CB_EXCHANGE_ERROR_INVALID, 0, "%s",
                 _("The file does not follow the exchange format."));
      goto fail;
    }
  xmlFreeTextReader (im->reader);
  im->reader = NULL;
  return TRUE;

fail:
  xmlFreeTextReader (im->reader);
  im->reader = NULL;
  return FALSE;
}

/* Opens @path for reading; refuses what is not a regular file. */
static gboolean
open_source (Import      *im,
             Source      *source,
             const char  *path,
             GError     **error)
{
  struct stat st;
  /* O_NONBLOCK: opening a FIFO must not wait for a writer */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

  if (fd < 0)
    {
      int saved = errno;
      set_error (im, error, CB_EXCHANGE_ERROR_IO, 0, _("The file could not be opened: %s"),
                 g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      set_error (im, error, CB_EXCHANGE_ERROR_IO, 0, "%s", _("This is not a regular file."));
      return FALSE;
    }
  if ((guint64) st.st_size > CB_EXCHANGE_MAX_FILE_SIZE)
    {
      close (fd);
      set_error (im, error, CB_EXCHANGE_ERROR_TOO_LARGE, 0,
                 _("The file is larger than %s, the most Coachbook imports."), "1 GiB");
      return FALSE;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  source->fd = fd;
  return TRUE;
}

/* The parser thread: reads every file in turn and hands each record to
 * the writer; its last message says whether all went well. */
gpointer
cb_import_parse_files (gpointer data)
{
  Import *im = data;
  GError *error = NULL;
  xmlRelaxNGPtr schema;
  Msg *last = g_new0 (Msg, 1);

  /* libxml2's handlers are per thread: ours for this one, whatever
   * reports outside a parser context (memory, encoding) included. */
  xmlSetStructuredErrorFunc (im, on_xml_structured_error);
  xmlSetGenericErrorFunc (im, on_xml_generic_error);

  schema = load_schema (im, &error);
  for (guint i = 0; schema != NULL && i < im->n_inputs; i++)
    {
      Source source = { 0 };
      gboolean file_ok;

      source.fd = -1;
      source.error_code = -1;
      cb_file_hash_init (&source.hash);
      im->name = im->names[i];
      im->file = i;
      im->source = &source;
      if (im->inputs[i].path != NULL)
        {
          if (!open_source (im, &source, im->inputs[i].path, &error))
            break;
        }
      else
        source.mem = g_bytes_get_data (im->inputs[i].bytes, &source.mem_len);

      file_ok = import_source (im, schema, &error);
      if (file_ok && im->n_inputs == 1)
        cb_exchange_source_hash_rest (&source, im->file_hash);
      cb_exchange_source_clear (&source);
      im->source = NULL;
      im->bytes_before += im->inputs[i].size;
      if (!file_ok)
        break;
    }

  reset_file_state (im);
  if (schema != NULL)
    xmlRelaxNGFree (schema);
  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlSetGenericErrorFunc (NULL, NULL);
  last->error = error;
  g_ptr_array_add (im->batch, last);
  hand_over (im);
  return NULL;
}
