/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encrypted exchange files.
 *
 * Layout (all integers little-endian), docs/exchange-format.md:
 *
 *   header, 64 bytes:
 *     0  magic "CBCRYPT\x1a"        8  version (1)   9  algorithm (1)
 *     10 reserved (0, 0)           12 Argon2id opslimit (u32)
 *     16 Argon2id memlimit in KiB (u32)
 *     20 salt (16 bytes)           36 secretstream header (24 bytes)
 *     60 plaintext chunk size (u32)
 *   then chunks, each a u32 length and that many bytes of secretstream
 *   output: first an empty "check" chunk whose additional data is the
 *   whole header, then the body in chunks of the chunk size, the last
 *   one tagged FINAL.
 *
 * The check chunk tells a wrong passphrase (or a changed header) from a
 * damaged body before a byte of plaintext is handed on; the FINAL tag
 * tells a file cut short from a whole one. Only one chunk of plaintext
 * is held here at a time, so memory does not grow with the file. The
 * passphrase and the key live in libsodium's guarded memory and are
 * wiped as soon as they are no longer needed. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "cb-crypt.h"

#define ALGORITHM        1
#define SALT_OFFSET      20
#define STREAM_OFFSET    36
#define CHUNK_SIZE       (64 * 1024)
#define MAX_CHUNK_SIZE   (1024 * 1024)
/* Argon2id: 3 passes over 64 MiB, about a quarter of a second on a
 * school laptop, for each file written or read. */
#define OPSLIMIT         3
#define MEMLIMIT_KIB     (64 * 1024)
/* What a file may ask of the reader: more would let a hostile file
 * take a laptop's memory or minutes of its time. */
#define MAX_OPSLIMIT     10
#define MAX_MEMLIMIT_KIB (1024 * 1024)

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_HEADERBYTES == 24);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_KEYBYTES == crypto_box_SEEDBYTES);

#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

typedef struct
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 chunk[MAX_CHUNK_SIZE + ABYTES];
} Secret;

struct _CbCryptEncoder
{
  Secret  *secret;          /* sodium_malloc'd */
  guint8   header[CB_CRYPT_HEADER_SIZE];
  gboolean started;
  gsize    fill;            /* plaintext bytes waiting in secret->chunk */
};

typedef enum
{
  DEC_HEADER,
  DEC_CHECK,
  DEC_BODY,
  DEC_DONE,
} DecState;

struct _CbCryptDecoder
{
  Secret     *secret;
  char       *passphrase;   /* until the key is derived */
  guint8      header[CB_CRYPT_HEADER_SIZE];
  GByteArray *pending;      /* ciphertext not yet a whole chunk */
  DecState    state;
  gsize       chunk_size;
};

G_DEFINE_QUARK (cb-crypt-error-quark, cb_crypt_error)

static void
put_u32 (guint8  *p,
         guint32  v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static Secret *
secret_new (GError **error)
{
  Secret *secret;

  if (!cb_crypt_init (error))
    return NULL;
  secret = sodium_malloc (sizeof (Secret));
  if (secret == NULL)
    g_set_error (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                 _("The file could not be encrypted or decrypted: %s"), g_strerror (ENOMEM));
  return secret;
}

static gboolean
derive_key (Secret        *secret,
            const char    *passphrase,
            const guint8  *salt,
            guint32        opslimit,
            guint32        memlimit_kib,
            GError       **error)
{
  if (crypto_pwhash (secret->key, sizeof secret->key, passphrase, strlen (passphrase), salt,
                     opslimit, (gsize) memlimit_kib * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                   _("The file could not be encrypted or decrypted: %s"), g_strerror (ENOMEM));
      return FALSE;
    }
  return TRUE;
}

/* Appends one chunk: its length, then the secretstream output. */
static void
push_chunk (Secret       *secret,
            const guint8 *plain,
            gsize         len,
            const guint8 *ad,
            gsize         ad_len,
            guint8        tag,
            GByteArray   *out)
{
  guint8 prefix[4];
  guint old = out->len;

  put_u32 (prefix, len + ABYTES);
  g_byte_array_append (out, prefix, 4);
  g_byte_array_set_size (out, old + 4 + len + ABYTES);
  crypto_secretstream_xchacha20poly1305_push (&secret->state, out->data + old + 4, NULL,
                                              plain, len, ad, ad_len, tag);
}

static void
encoder_start (CbCryptEncoder *enc,
               GByteArray     *out)
{
  enc->started = TRUE;
  g_byte_array_append (out, enc->header, CB_CRYPT_HEADER_SIZE);
  push_chunk (enc->secret, NULL, 0, enc->header, CB_CRYPT_HEADER_SIZE,
              crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, out);
}

static gboolean
set_header_error (const guint8  *h,
                  GError       **error)
{
  if (h[8] != CB_CRYPT_VERSION || h[9] != ALGORITHM)
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_TOO_NEW,
                           _("This encrypted file was made by a newer Coachbook. Update Coachbook to open it."));
      return FALSE;
    }
  if (get_u32 (h + 12) < crypto_pwhash_OPSLIMIT_MIN || get_u32 (h + 12) > MAX_OPSLIMIT ||
      get_u32 (h + 16) < crypto_pwhash_MEMLIMIT_MIN / 1024 || get_u32 (h + 16) > MAX_MEMLIMIT_KIB ||
      get_u32 (h + 60) == 0 || get_u32 (h + 60) > MAX_CHUNK_SIZE)
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_DAMAGED,
                           _("The encrypted file is damaged: its header is not valid."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
decoder_read_header (CbCryptDecoder  *dec,
                     GError         **error)
{
  const guint8 *h = dec->pending->data;
  gboolean ok;

  memcpy (dec->header, h, CB_CRYPT_HEADER_SIZE);
  g_byte_array_remove_range (dec->pending, 0, CB_CRYPT_HEADER_SIZE);
  h = dec->header;
  if (!cb_crypt_has_magic (h, CB_CRYPT_HEADER_SIZE))
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_DAMAGED,
                           _("This is not an encrypted Coachbook file."));
      return FALSE;
    }
  if (!set_header_error (h, error))
    return FALSE;
  dec->chunk_size = get_u32 (h + 60);
  ok = derive_key (dec->secret, dec->passphrase, h + SALT_OFFSET, get_u32 (h + 12), get_u32 (h + 16), error);
  cb_crypt_passphrase_free (g_steal_pointer (&dec->passphrase));
  if (!ok)
    return FALSE;
  crypto_secretstream_xchacha20poly1305_init_pull (&dec->secret->state, h + STREAM_OFFSET,
                                                   dec->secret->key);
  sodium_memzero (dec->secret->key, sizeof dec->secret->key);
  dec->state = DEC_CHECK;
  return TRUE;
}

/* Decrypts the chunk at the start of dec->pending, if it is all there. */
static gboolean
decoder_read_chunk (CbCryptDecoder  *dec,
                    GByteArray      *out,
                    gboolean        *more,
                    GError         **error)
{
  guint32 len;
  unsigned long long plain_len;
  guint8 tag = 0;
  gboolean check = dec->state == DEC_CHECK;

  *more = FALSE;
  if (dec->pending->len < 4)
    return TRUE;
  len = get_u32 (dec->pending->data);
  if (len < ABYTES || len > dec->chunk_size + ABYTES || (check && len != ABYTES))
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, check ? CB_CRYPT_ERROR_BAD_PASSPHRASE : CB_CRYPT_ERROR_DAMAGED,
                           check ? _("The passphrase is wrong, or the file is damaged. Nothing was imported.")
                                 : _("The encrypted file is damaged: a part of it fails its check. Nothing was imported."));
      return FALSE;
    }
  if (dec->pending->len < 4 + len)
    return TRUE;
  if (crypto_secretstream_xchacha20poly1305_pull (&dec->secret->state, dec->secret->chunk, &plain_len, &tag,
                                                  dec->pending->data + 4, len,
                                                  check ? dec->header : NULL,
                                                  check ? CB_CRYPT_HEADER_SIZE : 0) != 0 ||
      (check && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE))
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, check ? CB_CRYPT_ERROR_BAD_PASSPHRASE : CB_CRYPT_ERROR_DAMAGED,
                           check ? _("The passphrase is wrong, or the file is damaged. Nothing was imported.")
                                 : _("The encrypted file is damaged: a part of it fails its check. Nothing was imported."));
      return FALSE;
    }
  g_byte_array_remove_range (dec->pending, 0, 4 + len);
  if (!check)
    g_byte_array_append (out, dec->secret->chunk, plain_len);
  sodium_memzero (dec->secret->chunk, plain_len);
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    dec->state = DEC_DONE;
  else
    dec->state = DEC_BODY;
  *more = TRUE;
  return TRUE;
}

/**
 * cb_crypt_init:
 *
 * Starts libsodium once; safe from any thread.
 *
 * Returns: %FALSE with @error set if it cannot start
 */
gboolean
cb_crypt_init (GError **error)
{
  static gsize done = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&done))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                         _("The encryption library could not start."));
  return ok;
}

/**
 * cb_crypt_has_magic:
 * @data: the first bytes of a file
 * @len: how many there are
 *
 * Returns: whether they start like an encrypted Coachbook file
 */
gboolean
cb_crypt_has_magic (const guint8 *data,
                    gsize         len)
{
  return len >= CB_CRYPT_MAGIC_LEN && memcmp (data, CB_CRYPT_MAGIC, CB_CRYPT_MAGIC_LEN) == 0;
}

/**
 * cb_crypt_file_is_encrypted:
 * @path: a file
 *
 * Reads the first bytes of @path (never an exchange file's body).
 *
 * Returns: %TRUE if @path is a regular file that starts like an
 *   encrypted Coachbook file; %FALSE otherwise or if it cannot be read
 */
gboolean
cb_crypt_file_is_encrypted (const char *path)
{
  guint8 magic[CB_CRYPT_MAGIC_LEN];
  gsize got = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return FALSE;
  while (got < sizeof magic)
    {
      gssize n = read (fd, magic + got, sizeof magic - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  close (fd);
  return cb_crypt_has_magic (magic, got);
}

/**
 * cb_crypt_passphrase_dup:
 * @passphrase: (nullable): a passphrase
 *
 * Returns: (transfer full) (nullable): a copy in guarded memory, to be
 *   freed (and wiped) with cb_crypt_passphrase_free()
 */
char *
cb_crypt_passphrase_dup (const char *passphrase)
{
  gsize len;
  char *copy;

  if (passphrase == NULL || !cb_crypt_init (NULL))
    return NULL;
  len = strlen (passphrase);
  copy = sodium_malloc (len + 1);
  if (copy != NULL)
    memcpy (copy, passphrase, len + 1);
  return copy;
}

/**
 * cb_crypt_passphrase_free:
 * @passphrase: (nullable) (transfer full): from cb_crypt_passphrase_dup()
 *
 * Wipes and frees it.
 */
void
cb_crypt_passphrase_free (char *passphrase)
{
  if (passphrase != NULL)
    sodium_free (passphrase);
}

/**
 * cb_crypt_encoder_new:
 * @passphrase: the passphrase; not kept
 *
 * Derives a key from @passphrase and a fresh salt (this takes a
 * noticeable fraction of a second: call it off the main loop).
 *
 * Returns: (transfer full) (nullable): a new encoder, or %NULL with
 *   @error set (an empty passphrase is refused)
 */
CbCryptEncoder *
cb_crypt_encoder_new (const char  *passphrase,
                      GError     **error)
{
  g_autoptr(CbCryptEncoder) enc = NULL;
  guint8 *h;

  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*passphrase == '\0')
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_EMPTY_PASSPHRASE,
                           _("The passphrase is empty."));
      return NULL;
    }
  enc = g_new0 (CbCryptEncoder, 1);
  enc->secret = secret_new (error);
  if (enc->secret == NULL)
    return NULL;
  h = enc->header;
  memcpy (h, CB_CRYPT_MAGIC, CB_CRYPT_MAGIC_LEN);
  h[8] = CB_CRYPT_VERSION;
  h[9] = ALGORITHM;
  put_u32 (h + 12, OPSLIMIT);
  put_u32 (h + 16, MEMLIMIT_KIB);
  randombytes_buf (h + SALT_OFFSET, crypto_pwhash_SALTBYTES);
  put_u32 (h + 60, CHUNK_SIZE);
  if (!derive_key (enc->secret, passphrase, h + SALT_OFFSET, OPSLIMIT, MEMLIMIT_KIB, error))
    return NULL;
  crypto_secretstream_xchacha20poly1305_init_push (&enc->secret->state, h + STREAM_OFFSET,
                                                   enc->secret->key);
  sodium_memzero (enc->secret->key, sizeof enc->secret->key);
  return g_steal_pointer (&enc);
}

/**
 * cb_crypt_encoder_push:
 * @encoder: an encoder
 * @data: plaintext
 * @len: its length
 * @out: where the encrypted bytes are appended (the header first)
 *
 * Encrypts @data, a whole chunk at a time: a part of a chunk waits for
 * the next push or for cb_crypt_encoder_finish().
 */
void
cb_crypt_encoder_push (CbCryptEncoder *enc,
                       const guint8   *data,
                       gsize           len,
                       GByteArray     *out)
{
  g_return_if_fail (enc != NULL && out != NULL);

  if (!enc->started)
    encoder_start (enc, out);
  while (len > 0)
    {
      gsize n;

      /* A full chunk is only written once more follows: the last one,
       * full or not, carries the FINAL tag. */
      if (enc->fill == CHUNK_SIZE)
        {
          push_chunk (enc->secret, enc->secret->chunk, CHUNK_SIZE, NULL, 0,
                      crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, out);
          enc->fill = 0;
        }
      n = MIN (len, CHUNK_SIZE - enc->fill);
      memcpy (enc->secret->chunk + enc->fill, data, n);
      enc->fill += n;
      data += n;
      len -= n;
    }
}

/**
 * cb_crypt_encoder_finish:
 * @encoder: an encoder
 * @out: where the last encrypted bytes are appended
 *
 * Writes the last chunk, tagged as the last. Push nothing after it.
 */
void
cb_crypt_encoder_finish (CbCryptEncoder *enc,
                         GByteArray     *out)
{
  g_return_if_fail (enc != NULL && out != NULL);

  if (!enc->started)
    encoder_start (enc, out);
  push_chunk (enc->secret, enc->secret->chunk, enc->fill, NULL, 0,
              crypto_secretstream_xchacha20poly1305_TAG_FINAL, out);
  sodium_memzero (enc->secret->chunk, enc->fill);
  enc->fill = 0;
}

/**
 * cb_crypt_encoder_free:
 * @encoder: (nullable) (transfer full): an encoder
 *
 * Wipes its state and frees it.
 */
void
cb_crypt_encoder_free (CbCryptEncoder *enc)
{
  if (enc == NULL)
    return;
  if (enc->secret != NULL)
    sodium_free (enc->secret);
  g_free (enc);
}

/**
 * cb_crypt_decoder_new:
 * @passphrase: the passphrase, copied into guarded memory until the
 *   header has been read
 *
 * Returns: (transfer full) (nullable): a new decoder
 */
CbCryptDecoder *
cb_crypt_decoder_new (const char  *passphrase,
                      GError     **error)
{
  g_autoptr(CbCryptDecoder) dec = NULL;

  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dec = g_new0 (CbCryptDecoder, 1);
  dec->secret = secret_new (error);
  if (dec->secret == NULL)
    return NULL;
  dec->passphrase = cb_crypt_passphrase_dup (passphrase);
  dec->pending = g_byte_array_new ();
  dec->state = DEC_HEADER;
  return g_steal_pointer (&dec);
}

/**
 * cb_crypt_decoder_push:
 * @decoder: a decoder
 * @data: encrypted bytes, as they come from the file
 * @len: how many
 * @out: where the plaintext of each whole, checked chunk is appended
 *
 * Nothing of a chunk is appended before the whole chunk has passed its
 * check. Deriving the key (once the header is in) takes a noticeable
 * fraction of a second.
 *
 * Returns: %FALSE with @error set (a #CbCryptError) if the passphrase
 *   is wrong or the file damaged; the decoder is then of no more use
 */
gboolean
cb_crypt_decoder_push (CbCryptDecoder  *dec,
                       const guint8    *data,
                       gsize            len,
                       GByteArray      *out,
                       GError         **error)
{
  gboolean more = TRUE;

  g_return_val_if_fail (dec != NULL && out != NULL, FALSE);

  if (dec->state == DEC_DONE)
    {
      if (len == 0)
        return TRUE;
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_DAMAGED,
                           _("The encrypted file is damaged: it goes on after its end. Nothing was imported."));
      return FALSE;
    }
  g_byte_array_append (dec->pending, data, len);
  if (dec->state == DEC_HEADER)
    {
      if (dec->pending->len < CB_CRYPT_HEADER_SIZE)
        return TRUE;
      if (!decoder_read_header (dec, error))
        return FALSE;
    }
  while (more && dec->state != DEC_DONE)
    if (!decoder_read_chunk (dec, out, &more, error))
      return FALSE;
  if (dec->state == DEC_DONE && dec->pending->len > 0)
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_DAMAGED,
                           _("The encrypted file is damaged: it goes on after its end. Nothing was imported."));
      return FALSE;
    }
  return TRUE;
}

/**
 * cb_crypt_decoder_finish:
 * @decoder: a decoder, after the last byte of the file
 *
 * Returns: %FALSE with %CB_CRYPT_ERROR_TRUNCATED if the file ended
 *   before its last chunk
 */
gboolean
cb_crypt_decoder_finish (CbCryptDecoder  *dec,
                         GError         **error)
{
  g_return_val_if_fail (dec != NULL, FALSE);

  if (dec->state != DEC_DONE)
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_TRUNCATED,
                           _("The encrypted file is cut short: it was not copied or received whole. Nothing was imported."));
      return FALSE;
    }
  return TRUE;
}

/**
 * cb_crypt_decoder_free:
 * @decoder: (nullable) (transfer full): a decoder
 */
void
cb_crypt_decoder_free (CbCryptDecoder *dec)
{
  if (dec == NULL)
    return;
  if (dec->secret != NULL)
    sodium_free (dec->secret);
  cb_crypt_passphrase_free (dec->passphrase);
  if (dec->pending != NULL)
    g_byte_array_unref (dec->pending);
  g_free (dec);
}

/**
 * cb_crypt_encrypt_bytes:
 * @data: plaintext
 * @len: its length
 * @passphrase: the passphrase
 * @out: where the whole encrypted file is appended
 *
 * For small files held in memory; files are streamed with an encoder.
 */
gboolean
cb_crypt_encrypt_bytes (const guint8  *data,
                        gsize          len,
                        const char    *passphrase,
                        GByteArray    *out,
                        GError       **error)
{
  g_autoptr(CbCryptEncoder) enc = cb_crypt_encoder_new (passphrase, error);

  if (enc == NULL)
    return FALSE;
  cb_crypt_encoder_push (enc, data, len, out);
  cb_crypt_encoder_finish (enc, out);
  return TRUE;
}

/**
 * cb_crypt_decrypt_bytes:
 * @data: a whole encrypted file
 * @len: its length
 * @passphrase: the passphrase
 * @out: where the plaintext is appended
 *
 * Returns: %FALSE with @error set if the passphrase is wrong or the
 *   file damaged or cut short
 */
gboolean
cb_crypt_decrypt_bytes (const guint8  *data,
                        gsize          len,
                        const char    *passphrase,
                        GByteArray    *out,
                        GError       **error)
{
  g_autoptr(CbCryptDecoder) dec = cb_crypt_decoder_new (passphrase, error);

  return dec != NULL &&
         cb_crypt_decoder_push (dec, data, len, out, error) &&
         cb_crypt_decoder_finish (dec, error);
}
