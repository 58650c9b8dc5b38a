/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encrypted exchange files: the encoder and decoder on their own (round
 * trips over chunk boundaries, a wrong passphrase, every kind of cut
 * and changed byte), then through export and import, where any of these
 * leaves the database exactly as it was. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cb-crypt.h"
#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-generate.h"
#include "cb-test-util.h"

#define PASS "correct horse battery staple"

static char *tmpdir;

static GByteArray *
sample (gsize len)
{
  GByteArray *data = g_byte_array_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = (guint8) (i * 131 + i / 7);
      g_byte_array_append (data, &b, 1);
    }
  return data;
}

static GByteArray *
encrypt (const GByteArray *plain)
{
  g_autoptr(GError) error = NULL;
  GByteArray *out = g_byte_array_new ();

  g_assert_true (cb_crypt_encrypt_bytes (plain->data, plain->len, PASS, out, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_bytes_round_trip (void)
{
  /* empty, tiny, one byte short of, exactly, and past a 64 KiB chunk,
   * and several chunks */
  const gsize sizes[] = { 0, 1, 65535, 65536, 65537, 3 * 65536 + 5 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GByteArray) plain = sample (sizes[i]);
      g_autoptr(GByteArray) sealed = encrypt (plain);
      g_autoptr(GByteArray) back = g_byte_array_new ();
      g_autoptr(GByteArray) streamed = g_byte_array_new ();
      g_autoptr(CbCryptDecoder) dec = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (cb_crypt_has_magic (sealed->data, sealed->len));
      g_assert_true (cb_crypt_decrypt_bytes (sealed->data, sealed->len, PASS, back, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (back->data, back->len, plain->data, plain->len);

      /* fed in odd pieces, as reads from a file come */
      dec = cb_crypt_decoder_new (PASS, &error);
      g_assert_no_error (error);
      for (gsize at = 0; at < sealed->len; at += 7777)
        {
          g_assert_true (cb_crypt_decoder_push (dec, sealed->data + at, MIN (7777, sealed->len - at),
                                                streamed, &error));
          g_assert_no_error (error);
          /* never more plaintext than was sent */
          g_assert_cmpuint (streamed->len, <=, plain->len);
        }
      g_assert_true (cb_crypt_decoder_finish (dec, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (streamed->data, streamed->len, plain->data, plain->len);
    }
}

static void
test_bytes_fresh_salt (void)
{
  g_autoptr(GByteArray) plain = sample (100);
  g_autoptr(GByteArray) a = encrypt (plain);
  g_autoptr(GByteArray) b = encrypt (plain);

  /* the same text and passphrase never give the same file */
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_true (memcmp (a->data, b->data, a->len) != 0);
}

static void
test_bytes_wrong_passphrase (void)
{
  g_autoptr(GByteArray) plain = sample (70000);
  g_autoptr(GByteArray) sealed = encrypt (plain);
  g_autoptr(GByteArray) back = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (cb_crypt_decrypt_bytes (sealed->data, sealed->len, "correct horse battery stapler", back, &error));
  g_assert_error (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_BAD_PASSPHRASE);
  g_assert_cmpuint (back->len, ==, 0);
  g_clear_error (&error);

  g_assert_null (cb_crypt_encoder_new ("", &error));
  g_assert_error (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_EMPTY_PASSPHRASE);
}

static void
test_bytes_truncated (void)
{
  g_autoptr(GByteArray) plain = sample (2 * 65536 + 100);
  g_autoptr(GByteArray) sealed = encrypt (plain);
  /* in the header, in the check chunk, at the end of each chunk, inside
   * the last one, one byte short */
  const gsize first = CB_CRYPT_HEADER_SIZE + 4 + 17;
  const gsize chunk = 4 + 65536 + 17;
  const gsize cuts[] = { 10, CB_CRYPT_HEADER_SIZE, first, first + chunk, first + 2 * chunk,
                         first + 2 * chunk + 50, sealed->len - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GByteArray) back = g_byte_array_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (cb_crypt_decrypt_bytes (sealed->data, cuts[i], PASS, back, &error));
      g_assert_error (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_TRUNCATED);
      g_assert_cmpuint (back->len, <, plain->len);
    }
}

static void
test_bytes_flipped (void)
{
  g_autoptr(GByteArray) plain = sample (2 * 65536 + 100);
  g_autoptr(GByteArray) sealed = encrypt (plain);
  const gsize first = CB_CRYPT_HEADER_SIZE + 4 + 17;
  const gsize chunk = 4 + 65536 + 17;
  /* magic, version, limits, salt, stream header, chunk size, the check
   * chunk, a length, a body byte, a tag, the last byte */
  const struct { gsize at; int code; } flips[] = {
    { 0, CB_CRYPT_ERROR_DAMAGED },
    { 8, CB_CRYPT_ERROR_TOO_NEW },
    { 13, CB_CRYPT_ERROR_DAMAGED },
    { 25, CB_CRYPT_ERROR_BAD_PASSPHRASE },
    { 40, CB_CRYPT_ERROR_BAD_PASSPHRASE },
    { 61, CB_CRYPT_ERROR_BAD_PASSPHRASE },
    { CB_CRYPT_HEADER_SIZE + 6, CB_CRYPT_ERROR_BAD_PASSPHRASE },
    { first + 1, CB_CRYPT_ERROR_DAMAGED },
    { first + 4 + 1000, CB_CRYPT_ERROR_DAMAGED },
    { first + chunk + 4 + 65536 + 3, CB_CRYPT_ERROR_DAMAGED },
    { sealed->len - 1, CB_CRYPT_ERROR_DAMAGED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autoptr(GByteArray) copy = g_byte_array_new ();
      g_autoptr(GByteArray) back = g_byte_array_new ();
      g_autoptr(GError) error = NULL;

      g_byte_array_append (copy, sealed->data, sealed->len);
      copy->data[flips[i].at] ^= 0x10;
      g_assert_false (cb_crypt_decrypt_bytes (copy->data, copy->len, PASS, back, &error));
      g_assert_error (error, CB_CRYPT_ERROR, flips[i].code);
      /* what came out before the changed chunk is whole chunks only */
      g_assert_cmpuint (back->len % 65536, ==, 0);
    }

  /* and bytes after the end */
  {
    g_autoptr(GByteArray) copy = g_byte_array_new ();
    g_autoptr(GByteArray) back = g_byte_array_new ();
    g_autoptr(GError) error = NULL;

    g_byte_array_append (copy, sealed->data, sealed->len);
    g_byte_array_append (copy, (const guint8 *) "x", 1);
    g_assert_false (cb_crypt_decrypt_bytes (copy->data, copy->len, PASS, back, &error));
    g_assert_error (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_DAMAGED);
  }
}

/* ----------------------------------------------------------- exchange */

static CbStore *
new_store (const char *author)
{
  g_autoptr(GError) error = NULL;
  CbStore *store = cb_store_open_memory (&error);

  g_assert_no_error (error);
  cb_store_set_author (store, author);
  return store;
}

static char *
export_encrypted (CbStore    *store,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (cb_exchange_export_encrypted (store, path, PASS, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static CbImportReport *
import_with (CbStore     *store,
             const char  *path,
             const char  *passphrase,
             GError     **error)
{
  const char *paths[] = { path, NULL };

  return cb_exchange_import_encrypted (store, paths, FALSE, NULL, passphrase, NULL, NULL, NULL, error);
}

static void
test_exchange_round_trip (void)
{
  g_autoptr(CbStore) ana = new_store ("Ana García");
  g_autoptr(CbStore) ben = new_store ("Ben Okafor");
  g_autoptr(CbStore) cleo = new_store ("Cleo Ruiz");
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(CbImportReport) plain_report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *plain = g_build_filename (tmpdir, "plain.coachbook.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *ben_hash = NULL;
  g_autofree char *cleo_hash = NULL;
  gsize len;

  cb_generate (ana, 400, 7, &error);
  g_assert_no_error (error);
  sealed = export_encrypted (ana, "ana.coachbook.enc");
  cb_test_export (ana, plain);

  /* several chunks, and not a word of the notes readable */
  g_assert_true (g_file_get_contents (sealed, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 3 * 65536);
  g_assert_true (cb_crypt_file_is_encrypted (sealed));
  g_assert_false (cb_crypt_file_is_encrypted (plain));
  g_assert_null (g_strstr_len (contents, len, "Ana Garc"));
  g_assert_null (g_strstr_len (contents, len, "coachbook"));

  report = import_with (ben, sealed, PASS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_changed, >, 300);
  /* exactly what the plain file gives */
  plain_report = import_with (cleo, plain, PASS, &error);
  g_assert_no_error (error);
  ben_hash = cb_test_dump_shared (ben, NULL);
  cleo_hash = cb_test_dump_shared (cleo, NULL);
  g_assert_cmpstr (ben_hash, ==, cleo_hash);
  g_assert_cmpuint (report->n_changed, ==, plain_report->n_changed);
}

/* Each way an encrypted import can fail leaves the database as it was. */
static void
check_refused (CbStore    *store,
               const char *path,
               const char *passphrase,
               int         code)
{
  g_autofree char *before = cb_test_dump_hash (store);
  g_autofree char *after = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_with (store, path, passphrase, &error);
  g_assert_null (report);
  g_assert_error (error, CB_EXCHANGE_ERROR, code);
  g_assert_true (strstr (error->message, "Nothing was imported") != NULL ||
                 strstr (error->message, "passphrase") != NULL);
  after = cb_test_dump_hash (store);
  g_assert_cmpstr (before, ==, after);
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

static void
test_exchange_refused (void)
{
  g_autoptr(CbStore) ana = new_store ("Ana García");
  g_autoptr(CbStore) ben = new_store ("Ben Okafor");
  g_autoptr(GError) error = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *cut = g_build_filename (tmpdir, "cut.coachbook.enc", NULL);
  g_autofree char *flipped = g_build_filename (tmpdir, "flipped.coachbook.enc", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  cb_generate (ana, 300, 11, &error);
  g_assert_no_error (error);
  sealed = export_encrypted (ana, "ana.coachbook.enc");
  /* Ben has notes of his own that must stay as they are */
  cb_generate (ben, 20, 12, &error);
  g_assert_no_error (error);

  check_refused (ben, sealed, NULL, CB_EXCHANGE_ERROR_ENCRYPTED);
  check_refused (ben, sealed, "wrong", CB_EXCHANGE_ERROR_PASSPHRASE);

  g_assert_true (g_file_get_contents (sealed, &contents, &len, NULL));
  /* cut after most of the records have been parsed and merged */
  write_bytes (cut, (const guint8 *) contents, len - 10);
  check_refused (ben, cut, PASS, CB_EXCHANGE_ERROR_DECRYPT);
  contents[len - 70000] ^= 1;
  write_bytes (flipped, (const guint8 *) contents, len);
  check_refused (ben, flipped, PASS, CB_EXCHANGE_ERROR_DECRYPT);
}

static void
test_exchange_plain_unchanged (void)
{
  g_autoptr(CbStore) ana = new_store ("Ana García");
  g_autoptr(CbStore) ben = new_store ("Ben Okafor");
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = g_build_filename (tmpdir, "ana.coachbook.xml", NULL);
  g_autofree char *contents = NULL;

  cb_generate (ana, 30, 3, &error);
  g_assert_no_error (error);
  cb_test_export (ana, plain);
  g_assert_true (g_file_get_contents (plain, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  /* a plain file needs no passphrase, and one given is not in the way */
  report = cb_test_import_ok (ben, plain);
  g_clear_pointer (&report, cb_import_report_free);
  report = import_with (ben, plain, PASS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_changed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = cb_test_tmpdir ();

  g_test_add_func ("/crypt/bytes/round-trip", test_bytes_round_trip);
  g_test_add_func ("/crypt/bytes/fresh-salt", test_bytes_fresh_salt);
  g_test_add_func ("/crypt/bytes/wrong-passphrase", test_bytes_wrong_passphrase);
  g_test_add_func ("/crypt/bytes/truncated", test_bytes_truncated);
  g_test_add_func ("/crypt/bytes/flipped", test_bytes_flipped);
  g_test_add_func ("/crypt/exchange/round-trip", test_exchange_round_trip);
  g_test_add_func ("/crypt/exchange/refused", test_exchange_refused);
  g_test_add_func ("/crypt/exchange/plain-unchanged", test_exchange_plain_unchanged);

  ret = g_test_run ();
  cb_test_rmtree (tmpdir);
  g_free (tmpdir);
  return ret;
}
