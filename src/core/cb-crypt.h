/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Encrypted exchange files (docs/exchange-format.md, "Encrypted files"):
 * a header recognised before anything is parsed, a key derived from a
 * passphrase with Argon2id, and the body in authenticated chunks
 * (libsodium's XChaCha20-Poly1305 secretstream). */

#define CB_CRYPT_MAGIC       "CBCRYPT\x1a"
#define CB_CRYPT_MAGIC_LEN   8
#define CB_CRYPT_VERSION     1
#define CB_CRYPT_HEADER_SIZE 64
/* What an exported encrypted file is called (the plain one ends in
 * CB_EXCHANGE_SUFFIX). */
#define CB_CRYPT_SUFFIX      ".coachbook.enc"

#define CB_CRYPT_ERROR (cb_crypt_error_quark ())

typedef enum
{
  CB_CRYPT_ERROR_FAILED,          /* libsodium could not start, out of memory */
  CB_CRYPT_ERROR_NO_PASSPHRASE,   /* the file is encrypted and no passphrase was given */
  CB_CRYPT_ERROR_BAD_PASSPHRASE,  /* the passphrase does not open the file */
  CB_CRYPT_ERROR_DAMAGED,         /* a chunk fails its check: changed or corrupt */
  CB_CRYPT_ERROR_TRUNCATED,       /* the file ends before its last chunk */
  CB_CRYPT_ERROR_TOO_NEW,         /* a header version this Coachbook does not know */
  CB_CRYPT_ERROR_EMPTY_PASSPHRASE,/* refused when encrypting */
} CbCryptError;

typedef struct _CbCryptEncoder CbCryptEncoder;
typedef struct _CbCryptDecoder CbCryptDecoder;

GQuark          cb_crypt_error_quark      (void);
gboolean        cb_crypt_init             (GError        **error);
gboolean        cb_crypt_has_magic        (const guint8   *data,
                                           gsize           len);
gboolean        cb_crypt_file_is_encrypted (const char    *path);
char           *cb_crypt_passphrase_dup   (const char     *passphrase);
void            cb_crypt_passphrase_free  (char           *passphrase);

CbCryptEncoder *cb_crypt_encoder_new      (const char     *passphrase,
                                           GError        **error);
void            cb_crypt_encoder_push     (CbCryptEncoder *encoder,
                                           const guint8   *data,
                                           gsize           len,
                                           GByteArray     *out);
void            cb_crypt_encoder_finish   (CbCryptEncoder *encoder,
                                           GByteArray     *out);
void            cb_crypt_encoder_free     (CbCryptEncoder *encoder);

CbCryptDecoder *cb_crypt_decoder_new      (const char     *passphrase,
                                           GError        **error);
gboolean        cb_crypt_decoder_push     (CbCryptDecoder *decoder,
                                           const guint8   *data,
                                           gsize           len,
                                           GByteArray     *out,
                                           GError        **error);
gboolean        cb_crypt_decoder_finish   (CbCryptDecoder *decoder,
                                           GError        **error);
void            cb_crypt_decoder_free     (CbCryptDecoder *decoder);

gboolean        cb_crypt_encrypt_bytes    (const guint8   *data,
                                           gsize           len,
                                           const char     *passphrase,
                                           GByteArray     *out,
                                           GError        **error);
gboolean        cb_crypt_decrypt_bytes    (const guint8   *data,
                                           gsize           len,
                                           const char     *passphrase,
                                           GByteArray     *out,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCryptEncoder, cb_crypt_encoder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCryptDecoder, cb_crypt_decoder_free)

G_END_DECLS
