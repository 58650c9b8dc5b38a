/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile and broken exchange files. Each must be refused with a clear
 * error, in a few seconds and a few hundred MB at most, and leave the
 * database exactly as it was (a hash of every row of every table before
 * and after), even when imported together with a valid file.
 *
 * The files are made here. `test-hostile --write-corpus DIR` writes the
 * small ones to DIR, to seed the fuzzer (tests/fuzz/run). */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-generate.h"
#include "cb-test-util.h"

#define REPLICA "1111111111111111"
#define UUID_A  "0f8e2f5c-6a51-4c61-9a7e-2b6c4d8e1f01"
#define UUID_B  "0f8e2f5c-6a51-4c61-9a7e-2b6c4d8e1f02"
#define MAX_SECONDS 5.0

static char *tmpdir;
static char *valid_path;
static CbStore *store;
static char *local_school;     /* a record the store holds, as a school */

typedef struct
{
  const char *name;
  GBytes   *(*make) (void);
  int         code;       /* expected CbExchangeError; -1: accepted */
  int         alt_code;   /* also acceptable, or -1 */
} Case;

/* ---------------------------------------------------------- builders */

static char *
head (const char *extra_root_attrs)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<coachbook xmlns=\"" CB_EXCHANGE_NAMESPACE "\" format=\"1\" fields=\"%u\" "
                          "replica=\"" REPLICA "\" author=\"Eve\" exported=\"2025-01-01T00:00:00Z\"%s>\n",
                          cb_exchange_fields_version (), extra_root_attrs ? extra_root_attrs : "");
}

/* A one-record file; @values is the raw XML of its values. */
static GBytes *
record_file (const char *uuid,
             const char *kind,
             const char *vector,
             const char *values)
{
  g_autofree char *h = head (NULL);
  char *s = g_strdup_printf ("%s  <record id=\"%s\" kind=\"%s\" author=\"Eve\" created=\"2025-01-01T00:00:00Z\" vector=\"%s\">\n"
                             "%s  </record>\n</coachbook>\n",
                             h, uuid, kind, vector, values);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
one_value (const char *field,
           const char *value)
{
  g_autofree char *v = g_strdup_printf ("    <value field=\"%s\" replica=\"" REPLICA "\" counter=\"1\" clock=\"100\">%s</value>\n",
                                        field, value);
  return record_file (UUID_A, "school", REPLICA ":1", v);
}

static GBytes *
typed_value (const char *kind,
             const char *field,
             const char *value)
{
  g_autofree char *v = g_strdup_printf ("    <value field=\"%s\" replica=\"" REPLICA "\" counter=\"1\" clock=\"100\">%s</value>\n",
                                        field, value);
  return record_file (UUID_A, kind, REPLICA ":1", v);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GBytes *
with_doctype (const char *doctype,
              const char *value)
{
  g_autofree char *h = head (NULL);
  char *nl = strchr (h, '\n');
  g_autofree char *decl = g_strndup (h, nl - h + 1);
  char *s = g_strdup_printf ("%s%s\n%s  <record id=\"" UUID_A "\" kind=\"school\" author=\"Eve\" created=\"\" vector=\"" REPLICA ":1\">\n"
                             "    <value field=\"name\" replica=\"" REPLICA "\" counter=\"1\" clock=\"1\">%s</value>\n"
                             "  </record>\n</coachbook>\n", decl, doctype, nl + 1, value);
  return g_bytes_new_take (s, strlen (s));
}

/* ------------------------------------------------------------ cases */

static GBytes *
make_billion_laughs (void)
{
  return with_doctype ("<!DOCTYPE coachbook [\n"
                       " <!ENTITY lol \"lol\">\n"
                       " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                       " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
                       " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
                       " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
                       " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
                       " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
                       " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
                       " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
                       " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
                       "]>", "&lol9;");
}

static GBytes *
make_quadratic_blowup (void)
{
  g_autoptr(GString) doctype = g_string_new ("<!DOCTYPE coachbook [<!ENTITY a \"");
  g_autoptr(GString) refs = g_string_new (NULL);

  for (guint i = 0; i < 50000; i++)
    g_string_append_c (doctype, 'a');
  g_string_append (doctype, "\">]>");
  for (guint i = 0; i < 50000; i++)
    g_string_append (refs, "&a;");
  return with_doctype (doctype->str, refs->str);
}

static GBytes *
make_external_entity_file (void)
{
  return with_doctype ("<!DOCTYPE coachbook [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;");
}

static GBytes *
make_external_dtd_http (void)
{
  return with_doctype ("<!DOCTYPE coachbook SYSTEM \"http://127.0.0.1:9/evil.dtd\">", "x");
}

static GBytes *
make_parameter_entities (void)
{
  return with_doctype ("<!DOCTYPE coachbook [\n"
                       " <!ENTITY % file SYSTEM \"file:///etc/hostname\">\n"
                       " <!ENTITY % eval \"<!ENTITY &#x25; send SYSTEM 'http://127.0.0.1:9/?%file;'>\">\n"
                       " %eval;\n %send;\n]>", "x");
}

static GBytes *
make_xinclude (void)
{
  return one_value ("name", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\" parse=\"text\"/>");
}

static GBytes *
make_xinclude_top (void)
{
  g_autofree char *h = head (NULL);
  char *s = g_strdup_printf ("%s  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>\n</coachbook>\n", h);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_deep_nesting (void)
{
  g_autofree char *h = head (NULL);
  GString *s = g_string_new (h);

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "<record>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "</record>");
  g_string_append (s, "</coachbook>\n");
  return g_string_free_to_bytes (s);
}

static GBytes *
make_huge_text_node (void)
{
  gsize n = 20 * 1024 * 1024;
  g_autofree char *big = g_malloc (n + 1);

  memset (big, 'x', n);
  big[n] = '\0';
  return one_value ("notes", big);
}

static GBytes *
make_many_attributes (void)
{
  g_autofree char *h = head (NULL);
  GString *s = g_string_new (h);

  g_string_append (s, "  <record id=\"" UUID_A "\" kind=\"school\" author=\"Eve\" created=\"\" vector=\"\"");
  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (s, " a%u=\"1\"", i);
  g_string_append (s, "/>\n</coachbook>\n");
  return g_string_free_to_bytes (s);
}

static GBytes *
make_gzip (void)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_true (g_file_get_contents (valid_path, &data, &len, NULL));
  raw = g_memory_input_stream_new_from_data (g_steal_pointer (&data), len, g_free);
  in = g_converter_input_stream_new (raw, gz);
  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static GBytes *
make_invalid_utf8 (void)
{
  return one_value ("name", "bad \xc3\x28 byte \xff");
}

static GBytes *
make_latin1_bytes_declared_utf8 (void)
{
  return one_value ("name", "caf\xe9");
}

static GBytes *
make_declared_latin1 (void)
{
  g_autoptr(GBytes) good = one_value ("name", "café");
  g_autofree char *text = g_strndup (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  char *s = g_strconcat ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", strchr (text, '\n'), NULL);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_declared_utf16 (void)
{
  g_autoptr(GBytes) good = one_value ("name", "x");
  g_autofree char *text = g_strndup (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  char *s = g_strconcat ("<?xml version='1.0' encoding='UTF-16'?>", strchr (text, '\n'), NULL);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_utf16_bom (void)
{
  static const char data[] = "\xff\xfe<\0?\0x\0m\0l\0";
  return g_bytes_new (data, sizeof data - 1);
}

static GBytes *
make_nul (void)
{
  g_autoptr(GBytes) good = one_value ("name", "NUL>@<here");
  gsize len = g_bytes_get_size (good);
  char *copy = g_memdup2 (g_bytes_get_data (good, NULL), len);
  *(char *) memchr (copy, '@', len) = '\0';
  return g_bytes_new_take (copy, len);
}

static GBytes *
make_control_char (void)
{
  return one_value ("name", "bell \x07 and escape \x1b");
}

static GBytes *
make_control_char_ref (void)
{
  return one_value ("name", "char ref &#1; here");
}

static GBytes *
make_truncated (void)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (valid_path, &data, &len, NULL));
  return g_bytes_new (data, len / 2);
}

static GBytes *
make_two_roots (void)
{
  g_autofree char *data = NULL;
  char *s;

  g_assert_true (g_file_get_contents (valid_path, &data, NULL, NULL));
  s = g_strconcat (data, "<coachbook xmlns=\"" CB_EXCHANGE_NAMESPACE "\"/>\n", NULL);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_empty (void)
{
  return g_bytes_new (NULL, 0);
}

static GBytes *
make_blank (void)
{
  return text_bytes ("  \n\n\t  \n");
}

static GBytes *
make_declaration_only (void)
{
  return text_bytes ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

static GBytes *
make_undeclared_prefix (void)
{
  g_autofree char *h = head (NULL);
  char *s = g_strdup_printf ("%s  <cb:record id=\"" UUID_A "\" kind=\"school\" author=\"\" created=\"\" vector=\"\"/>\n</coachbook>\n", h);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_wrong_namespace (void)
{
  return text_bytes ("<?xml version=\"1.0\"?>\n<coachbook xmlns=\"https://example.com/not-coachbook\" format=\"1\" "
                     "fields=\"1\" replica=\"" REPLICA "\" author=\"\" exported=\"2025-01-01T00:00:00Z\"/>\n");
}

static GBytes *
make_no_namespace (void)
{
  return text_bytes ("<coachbook format=\"1\"/>");
}

static GBytes *
make_other_root (void)
{
  return text_bytes ("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>hi</body></html>\n");
}

static GBytes *
make_newer_format (void)
{
  char *s = g_strdup ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<coachbook xmlns=\"" CB_EXCHANGE_NAMESPACE "\" format=\"3\" fields=\"99\" replica=\"" REPLICA "\" "
                      "author=\"Eve\" exported=\"2031-01-01T00:00:00Z\" compression=\"none\">\n"
                      "  <journal/>\n</coachbook>\n");
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_newer_fields (void)
{
  g_autofree char *h = head (NULL);
  g_autofree char *fields = g_strdup_printf ("fields=\"%u\"", cb_exchange_fields_version ());
  g_autofree char *newer = g_strdup_printf ("fields=\"%u\"", cb_exchange_fields_version () + 1);
  GString *s = g_string_new (h);

  g_string_replace (s, fields, newer, 1);
  g_string_append (s, "  <record id=\"" UUID_A "\" kind=\"school\" author=\"\" created=\"\" vector=\"" REPLICA ":1\">\n"
                      "    <value field=\"motto\" replica=\"" REPLICA "\" counter=\"1\" clock=\"1\">new</value>\n"
                      "  </record>\n</coachbook>\n");
  return g_string_free_to_bytes (s);
}

static GBytes *
make_duplicate_uuid (void)
{
  g_autofree char *h = head (NULL);
  char *s = g_strdup_printf ("%s"
                             "  <record id=\"" UUID_A "\" kind=\"school\" author=\"\" created=\"\" vector=\"\"/>\n"
                             "  <record id=\"" UUID_B "\" kind=\"school\" author=\"\" created=\"\" vector=\"\"/>\n"
                             "  <record id=\"" UUID_A "\" kind=\"school\" author=\"\" created=\"\" vector=\"\"/>\n"
                             "</coachbook>\n", h);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_non_uuid_id (void)
{
  return record_file ("42", "school", "", "");
}

static GBytes *
make_uppercase_uuid (void)
{
  return record_file ("0F8E2F5C-6A51-4C61-9A7E-2B6C4D8E1F01", "school", "", "");
}

static GBytes *
make_non_uuid_ref (void)
{
  return typed_value ("person", "school", "../../etc/passwd");
}

static GBytes *
make_wrong_int (void)
{
  return typed_value ("engagement", "planned_pd_days", "three");
}

static GBytes *
make_wrong_date (void)
{
  return typed_value ("observation", "date", "2025-02-30");
}

static GBytes *
make_wrong_time (void)
{
  return typed_value ("observation", "start_time", "25:61");
}

static GBytes *
make_wrong_bool (void)
{
  return typed_value ("observation", "shared_with_teacher", "yes");
}

static GBytes *
make_wrong_enum (void)
{
  return typed_value ("person", "role", "superintendent");
}

static GBytes *
make_wrong_number (void)
{
  return typed_value ("engagement", "planned_hours", "1e308");
}

static GBytes *
make_wrong_deleted (void)
{
  return typed_value ("school", CB_FIELD_DELETED, "maybe");
}

static GBytes *
make_private_field (void)
{
  return typed_value ("person", "private_notes", "leaked");
}

static GBytes *
make_private_record (void)
{
  return typed_value ("person", CB_FIELD_PRIVACY, "private");
}

static GBytes *
make_uncovered_value (void)
{
  return record_file (UUID_A, "school", REPLICA ":1",
                      "    <value field=\"name\" replica=\"" REPLICA "\" counter=\"5\" clock=\"1\">x</value>\n");
}

static GBytes *
make_unknown_kind (void)
{
  return record_file (UUID_A, "spaceship", "", "");
}

static GBytes *
make_unknown_field (void)
{
  return one_value ("warp_speed", "9");
}

static GBytes *
make_bad_vector (void)
{
  return record_file (UUID_A, "school", REPLICA ":1 " REPLICA ":2", "");
}

static GBytes *
make_bad_vector_syntax (void)
{
  return record_file (UUID_A, "school", "everyone:everything", "");
}

static GBytes *
make_bad_counter (void)
{
  return record_file (UUID_A, "school", REPLICA ":1",
                      "    <value field=\"name\" replica=\"" REPLICA "\" counter=\"-1\" clock=\"1\">x</value>\n");
}

static GBytes *
make_bad_clock (void)
{
  return record_file (UUID_A, "school", REPLICA ":1",
                      "    <value field=\"name\" replica=\"" REPLICA "\" counter=\"1\" clock=\"99999999999999999999999\">x</value>\n");
}

static GBytes *
make_bad_replica (void)
{
  return record_file (UUID_A, "school", REPLICA ":1",
                      "    <value field=\"name\" replica=\"ZZZZ\" counter=\"1\" clock=\"1\">x</value>\n");
}

static GBytes *
make_duplicate_value (void)
{
  return record_file (UUID_A, "school", REPLICA ":1",
                      "    <value field=\"name\" replica=\"" REPLICA "\" counter=\"1\" clock=\"1\">x</value>\n"
                      "    <value field=\"name\" replica=\"" REPLICA "\" counter=\"1\" clock=\"2\">y</value>\n");
}

static GBytes *
make_bad_created (void)
{
  g_autofree char *h = head (NULL);
  char *s = g_strdup_printf ("%s  <record id=\"" UUID_A "\" kind=\"school\" author=\"\" created=\"yesterday\" vector=\"\"/>\n</coachbook>\n", h);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_unknown_attribute (void)
{
  g_autofree char *h = head (" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://127.0.0.1:9/x.xsd\"");
  char *s = g_strdup_printf ("%s</coachbook>\n", h);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_text_in_root (void)
{
  g_autofree char *h = head (NULL);
  char *s = g_strdup_printf ("%sstray words\n</coachbook>\n", h);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_long_author (void)
{
  g_autofree char *h = head (NULL);
  g_autofree char *author = g_strnfill (600, 'e');
  char *s = g_strdup_printf ("%s  <record id=\"" UUID_A "\" kind=\"school\" author=\"%s\" created=\"\" vector=\"\"/>\n</coachbook>\n", h, author);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_undefined_entity (void)
{
  return one_value ("name", "&nbsp;");
}

static GBytes *
make_xml_1_1 (void)
{
  g_autoptr(GBytes) good = one_value ("name", "x");
  g_autofree char *text = g_strndup (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  char *s = g_strconcat ("<?xml version=\"1.1\" encoding=\"UTF-8\"?>", strchr (text, '\n'), NULL);
  return g_bytes_new_take (s, strlen (s));
}

static GBytes *
make_kind_mismatch (void)
{
  return record_file (local_school, "person", REPLICA ":1",
                      "    <value field=\"name\" replica=\"" REPLICA "\" counter=\"1\" clock=\"1\">x</value>\n");
}

static GBytes *
make_not_xml (void)
{
  return text_bytes ("name,district\nLincoln,North\n");
}

static GBytes *
make_zip (void)
{
  static const char data[] = "PK\x03\x04\x14\0\0\0\x08\0";
  return g_bytes_new (data, sizeof data - 1);
}

static GBytes *
make_xz (void)
{
  static const char data[] = "\xfd" "7zXZ\0\0\x04\xe6\xd6\xb4\x46";
  return g_bytes_new (data, sizeof data - 1);
}

static GBytes *
make_unclosed_declaration (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" ");
  for (guint i = 0; i < 5000; i++)
    g_string_append (s, "          ");
  return g_string_free_to_bytes (s);
}

static const Case cases[] = {
  { "billion-laughs",          make_billion_laughs,          CB_EXCHANGE_ERROR_DOCTYPE,      -1 },
  { "quadratic-blowup",        make_quadratic_blowup,        CB_EXCHANGE_ERROR_DOCTYPE,      -1 },
  { "external-entity-file",    make_external_entity_file,    CB_EXCHANGE_ERROR_DOCTYPE,      -1 },
  { "external-dtd-http",       make_external_dtd_http,       CB_EXCHANGE_ERROR_DOCTYPE,      -1 },
  { "parameter-entities",      make_parameter_entities,      CB_EXCHANGE_ERROR_DOCTYPE,      -1 },
  { "xinclude",                make_xinclude,                CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "xinclude-top",            make_xinclude_top,            CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "deep-nesting",            make_deep_nesting,            CB_EXCHANGE_ERROR_INVALID,      CB_EXCHANGE_ERROR_MALFORMED },
  { "huge-text-node",          make_huge_text_node,          CB_EXCHANGE_ERROR_INVALID,      CB_EXCHANGE_ERROR_MALFORMED },
  { "many-attributes",         make_many_attributes,         CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "gzip",                    make_gzip,                    CB_EXCHANGE_ERROR_COMPRESSED,   -1 },
  { "zip",                     make_zip,                     CB_EXCHANGE_ERROR_COMPRESSED,   -1 },
  { "xz",                      make_xz,                      CB_EXCHANGE_ERROR_COMPRESSED,   -1 },
  { "invalid-utf8",            make_invalid_utf8,            CB_EXCHANGE_ERROR_ENCODING,     -1 },
  { "latin1-declared-utf8",    make_latin1_bytes_declared_utf8, CB_EXCHANGE_ERROR_ENCODING,  -1 },
  { "declared-latin1",         make_declared_latin1,         CB_EXCHANGE_ERROR_ENCODING,     -1 },
  { "declared-utf16",          make_declared_utf16,          CB_EXCHANGE_ERROR_ENCODING,     -1 },
  { "utf16-bom",               make_utf16_bom,               CB_EXCHANGE_ERROR_ENCODING,     -1 },
  { "nul-byte",                make_nul,                     CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "control-char",            make_control_char,            CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "control-char-reference",  make_control_char_ref,        CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "truncated",               make_truncated,               CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "two-roots",               make_two_roots,               CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "empty",                   make_empty,                   CB_EXCHANGE_ERROR_EMPTY,        -1 },
  { "blank",                   make_blank,                   CB_EXCHANGE_ERROR_EMPTY,        -1 },
  { "declaration-only",        make_declaration_only,        CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "unclosed-declaration",    make_unclosed_declaration,    CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "undeclared-prefix",       make_undeclared_prefix,       CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "wrong-namespace",         make_wrong_namespace,         CB_EXCHANGE_ERROR_NOT_EXCHANGE, -1 },
  { "no-namespace",            make_no_namespace,            CB_EXCHANGE_ERROR_NOT_EXCHANGE, -1 },
  { "other-root",              make_other_root,              CB_EXCHANGE_ERROR_NOT_EXCHANGE, -1 },
  { "not-xml",                 make_not_xml,                 CB_EXCHANGE_ERROR_NOT_XML,      -1 },
  { "newer-format",            make_newer_format,            CB_EXCHANGE_ERROR_TOO_NEW,      -1 },
  { "newer-fields",            make_newer_fields,            CB_EXCHANGE_ERROR_TOO_NEW,      -1 },
  { "duplicate-uuid",          make_duplicate_uuid,          CB_EXCHANGE_ERROR_DUPLICATE,    -1 },
  { "non-uuid-id",             make_non_uuid_id,             CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "uppercase-uuid",          make_uppercase_uuid,          CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "non-uuid-ref",            make_non_uuid_ref,            CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "wrong-type-int",          make_wrong_int,               CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "wrong-type-date",         make_wrong_date,              CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "wrong-type-time",         make_wrong_time,              CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "wrong-type-bool",         make_wrong_bool,              CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "wrong-type-enum",         make_wrong_enum,              CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "wrong-type-number",       make_wrong_number,            CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "wrong-type-deleted",      make_wrong_deleted,           CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "private-field",           make_private_field,           CB_EXCHANGE_ERROR_PRIVATE,      -1 },
  { "private-record",          make_private_record,          CB_EXCHANGE_ERROR_PRIVATE,      -1 },
  { "uncovered-value",         make_uncovered_value,         CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "unknown-kind",            make_unknown_kind,            CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "unknown-field",           make_unknown_field,           CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "vector-twice",            make_bad_vector,              CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "vector-syntax",           make_bad_vector_syntax,       CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "bad-counter",             make_bad_counter,             CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "bad-clock",               make_bad_clock,               CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "bad-replica",             make_bad_replica,             CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "duplicate-value",         make_duplicate_value,         CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "bad-created",             make_bad_created,             CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "unknown-attribute",       make_unknown_attribute,       CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "text-in-root",            make_text_in_root,            CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "long-author",             make_long_author,             CB_EXCHANGE_ERROR_INVALID,      -1 },
  { "undefined-entity",        make_undefined_entity,        CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "xml-1.1",                 make_xml_1_1,                 CB_EXCHANGE_ERROR_MALFORMED,    -1 },
  { "kind-mismatch",           make_kind_mismatch,           CB_EXCHANGE_ERROR_INVALID,      -1 },
};

/* ------------------------------------------------------------ running */

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static glong
max_rss_kb (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static void
expect_refused (const char *path,
                int         code,
                int         alt_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = cb_test_dump_hash (store);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);
  const char *paths[] = { valid_path, path, NULL };
  gint64 hlc = cb_store_get_hlc (store);
  double t0 = now_s ();
  CbImportReport *report;

  /* with a valid file first, in the same import: all or nothing */
  report = cb_exchange_import (store, paths, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", base, error->message);
  if (!g_error_matches (error, CB_EXCHANGE_ERROR, code) &&
      !(alt_code >= 0 && g_error_matches (error, CB_EXCHANGE_ERROR, alt_code)))
    g_error ("%s: expected code %d, got %s %d: %s", base, code,
             g_quark_to_string (error->domain), error->code, error->message);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_cmpfloat (now_s () - t0, <, MAX_SECONDS);

  after = cb_test_dump_hash (store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (cb_store_get_hlc (store), ==, hlc);

  /* and alone, as a dry run */
  g_clear_error (&error);
  g_assert_null (cb_test_import (store, path, TRUE, &error));
  g_assert_nonnull (error);
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GBytes) bytes = c->make ();
  g_autofree char *path = g_strdup_printf ("%s/%s.xml", tmpdir, c->name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  expect_refused (path, c->code, c->alt_code);
  g_unlink (path);
}

static void
test_far_future_clock (void)
{
  g_autofree char *path = g_strdup_printf ("%s/far-future.xml", tmpdir);
  g_autofree char *values = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GPtrArray) got = NULL;
  gint64 far = CB_HLC_FROM_MS (g_get_real_time () / 1000 + (gint64) 40 * 24 * 3600 * 1000);
  gint64 hlc = cb_store_get_hlc (store);

  values = g_strdup_printf ("    <value field=\"name\" replica=\"" REPLICA "\" counter=\"1\" clock=\"%" G_GINT64_FORMAT "\">From the future</value>\n", far);
  bytes = record_file (UUID_B, "school", REPLICA ":1", values);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  report = cb_test_import (store, path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_far_future, ==, 1);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (report->warnings, 0));
  g_assert_cmpuint (cb_import_report_get_counts (report, "school")->added, ==, 1);
  /* kept, but the local clock did not jump */
  g_assert_cmpint (cb_store_get_hlc (store), ==, hlc);
  got = cb_store_get_values (store, UUID_B, "name", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((CbStamped *) g_ptr_array_index (got, 0))->hlc, ==, far);

  /* a local edit afterwards is stamped by the local clock, not after it */
  cb_store_set (store, UUID_B, "district", "Here and now", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_store_get_hlc (store), <, far);
}

static void
test_not_regular_files (void)
{
  g_autofree char *fifo = g_strdup_printf ("%s/fifo.xml", tmpdir);
  g_autofree char *missing = g_strdup_printf ("%s/missing.xml", tmpdir);
  g_autofree char *big = g_strdup_printf ("%s/over-1-gib.xml", tmpdir);
  int fd;

  expect_refused (tmpdir, CB_EXCHANGE_ERROR_IO, -1);
  expect_refused (missing, CB_EXCHANGE_ERROR_IO, -1);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  expect_refused (fifo, CB_EXCHANGE_ERROR_IO, -1);

  /* a sparse file just over the cap: refused before a byte is parsed */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, CB_EXCHANGE_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  expect_refused (big, CB_EXCHANGE_ERROR_TOO_LARGE, -1);
  g_unlink (big);
}

static void
test_bytes_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_billion_laughs ();
  g_autofree char *before = cb_test_dump_hash (store);
  g_autofree char *after = NULL;

  g_assert_null (cb_exchange_import_bytes (store, bytes, FALSE, &error));
  g_assert_error (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_DOCTYPE);
  after = cb_test_dump_hash (store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_memory_bounded (void)
{
  /* the biggest cases ran above; whatever they did, it fit in this */
  g_test_message ("peak RSS %ld MB", max_rss_kb () / 1024);
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer inflates memory use");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  g_test_skip ("AddressSanitizer inflates memory use");
#else
  g_assert_cmpint (max_rss_kb (), <, 400 * 1024);
#endif
#else
  g_assert_cmpint (max_rss_kb (), <, 400 * 1024);
#endif
}

static void
setup_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) other = NULL;

  store = cb_store_open_memory (&error);
  g_assert_no_error (error);
  cb_store_set_author (store, "Victim");
  cb_generate (store, 60, 1, &error);
  g_assert_no_error (error);
  local_school = cb_test_create (store, "school", "name", "Here", NULL);

  /* the valid file imported alongside each hostile one */
  other = cb_store_open_memory (&error);
  g_assert_no_error (error);
  cb_store_set_author (other, "Colleague");
  cb_generate (other, 40, 2, &error);
  g_assert_no_error (error);
  valid_path = g_build_filename (tmpdir, "valid.coachbook.xml", NULL);
  cb_exchange_export (other, valid_path, NULL, &error);
  g_assert_no_error (error);
}

static int
write_corpus (const char *dir)
{
  g_autoptr(GError) error = NULL;

  tmpdir = cb_test_tmpdir ();
  setup_store ();
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = cases[i].make ();
      g_autofree char *path = g_strdup_printf ("%s/hostile-%s.xml", dir, cases[i].name);

      if (g_bytes_get_size (bytes) > 64 * 1024)
        continue;
      if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  cb_test_rmtree (tmpdir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (argc == 3 && g_str_equal (argv[1], "--write-corpus"))
    return write_corpus (argv[2]);

  g_test_init (&argc, &argv, NULL);
  tmpdir = cb_test_tmpdir ();
  setup_store ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/hostile/%s", cases[i].name);
      g_test_add_data_func (name, &cases[i], run_case);
    }
  g_test_add_func ("/hostile/not-regular-files", test_not_regular_files);
  g_test_add_func ("/hostile/bytes", test_bytes_refused);
  g_test_add_func ("/hostile/far-future-clock", test_far_future_clock);
  g_test_add_func ("/hostile/memory-bounded", test_memory_bounded);

  ret = g_test_run ();
  g_clear_object (&store);
  cb_test_rmtree (tmpdir);
  g_free (tmpdir);
  g_free (valid_path);
  g_free (local_school);
  return ret;
}
