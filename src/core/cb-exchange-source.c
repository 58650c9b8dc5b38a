/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The guarded stream an import reads a file through
 * (cb-exchange-reader.c): from a file or memory, decrypted one checked
 * chunk at a time when the file is encrypted (cb-crypt.h), and scanned
 * by a lexical guard that stops a DOCTYPE or an element with too many
 * attributes before libxml2 sees them. */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cb-exchange-source-private.h"

/* From the file or memory itself. */
static gssize
source_read_file (Source *s,
                  guint8 *buf,
                  gsize   len)
{
  if (s->fd < 0)
    {
      gsize n = MIN (len, s->mem_len - s->mem_pos);
      memcpy (buf, s->mem + s->mem_pos, n);
      s->mem_pos += n;
      cb_file_hash_update (&s->hash, buf, n);
      return n;
    }
  for (;;)
    {
      gssize n = read (s->fd, buf, len);
      if (n >= 0)
        {
          cb_file_hash_update (&s->hash, buf, n);
          return n;
        }
      if (errno != EINTR)
        {
          s->saved_errno = errno;
          return -1;
        }
    }
}

/* Decrypts until there is plaintext to hand on, or the end. */
static gboolean
source_decrypt_more (Source *s)
{
  while (s->plain_pos == s->plain->len && !s->cipher_eof)
    {
      gssize n = source_read_file (s, s->cipher, CIPHER_READ_SIZE);

      g_byte_array_set_size (s->plain, 0);
      s->plain_pos = 0;
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          s->cipher_eof = TRUE;
          if (!cb_crypt_decoder_finish (s->crypt, &s->crypt_error))
            break;
        }
      else if (!cb_crypt_decoder_push (s->crypt, s->cipher, n, s->plain, &s->crypt_error))
        break;
    }
  if (s->crypt_error != NULL)
    {
      s->error_code = CB_EXCHANGE_ERROR_DECRYPT;
      return FALSE;
    }
  return TRUE;
}

/* The file's plaintext, bypassing the peek buffer. */
static gssize
source_read_underlying (Source *s,
                        guint8 *buf,
                        gsize   len)
{
  gsize n;

  if (s->crypt == NULL)
    return source_read_file (s, buf, len);
  if (!source_decrypt_more (s))
    return -1;
  n = MIN (len, s->plain->len - s->plain_pos);
  memcpy (buf, s->plain->data + s->plain_pos, n);
  s->plain_pos += n;
  return n;
}

static gssize
source_raw_read (Source *s,
                 guint8 *buf,
                 gsize   len)
{
  if (s->peek_pos < s->peek_len)
    {
      gsize n = MIN (len, s->peek_len - s->peek_pos);
      memcpy (buf, s->peek + s->peek_pos, n);
      s->peek_pos += n;
      return n;
    }
  return source_read_underlying (s, buf, len);
}

/* The lexical guard. It only needs to be right for well-formed input:
 * anything else the parser refuses anyway. A comment or CDATA section
 * holding "<!DOCTYPE" or a tag-like run of '=' could be refused wrongly;
 * exchange files never contain either. */
static gboolean
source_scan (Source       *s,
             const guint8 *p,
             gsize         len)
{
  const guint8 *end = p + len;

  while (p < end)
    {
      switch (s->lex)
        {
        case LEX_TEXT:
          p = memchr (p, '<', end - p);
          if (p == NULL)
            return TRUE;
          s->lex = LEX_LT;
          p++;
          break;
        case LEX_LT:
          if (*p == '!')
            {
              s->lex = LEX_BANG;
              s->lex_n = 0;
            }
          else if (*p == '?' || *p == '/')
            s->lex = LEX_SKIP;
          else
            {
              s->lex = LEX_TAG;
              s->lex_n = 0;
            }
          p++;
          break;
        case LEX_BANG:
          if (*p == (guint8) "DOCTYPE"[s->lex_n])
            {
              p++;
              if (++s->lex_n == 7)
                {
                  s->error_code = CB_EXCHANGE_ERROR_DOCTYPE;
                  return FALSE;
                }
            }
          else
            s->lex = LEX_SKIP;
          break;
        case LEX_SKIP:
          p = memchr (p, '>', end - p);
          if (p == NULL)
            return TRUE;
          s->lex = LEX_TEXT;
          p++;
          break;
        case LEX_TAG:
          /* names and spaces between the bytes that matter */
          while (p < end && *p != '"' && *p != '\'' && *p != '>' && *p != '=')
            p++;
          if (p == end)
            return TRUE;
          if (*p == '"')
            s->lex = LEX_DQ;
          else if (*p == '\'')
            s->lex = LEX_SQ;
          else if (*p == '>')
            s->lex = LEX_TEXT;
          else if (++s->lex_n > MAX_ATTRIBUTES)
            {
              s->error_code = CB_EXCHANGE_ERROR_MALFORMED;
              return FALSE;
            }
          p++;
          break;
        case LEX_DQ:
        case LEX_SQ:
          p = memchr (p, s->lex == LEX_DQ ? '"' : '\'', end - p);
          if (p == NULL)
            return TRUE;
          s->lex = LEX_TAG;
          p++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/**
 * cb_exchange_source_read:
 *
 * libxml2's read callback: the next bytes of the file, through the
 * lexical guard; -1 with s->error_code set on any problem.
 */
int
cb_exchange_source_read (void *data,
                         char *buffer,
                         int   len)
{
  Source *s = data;
  gssize n;

  if (s->error_code >= 0)
    return -1;
  n = source_raw_read (s, (guint8 *) buffer, len);
  if (n < 0)
    {
      if (s->error_code < 0)
        s->error_code = CB_EXCHANGE_ERROR_IO;
      return -1;
    }
  s->pos += n;
  if (s->pos > CB_EXCHANGE_MAX_FILE_SIZE)
    {
      s->error_code = CB_EXCHANGE_ERROR_TOO_LARGE;
      return -1;
    }
  if (!source_scan (s, (const guint8 *) buffer, n))
    return -1;
  return n;
}

/**
 * cb_exchange_source_fill_peek:
 *
 * Reads the first PEEK_SIZE bytes, to be checked before parsing.
 */
void
cb_exchange_source_fill_peek (Source *s)
{
  while (s->peek_len < PEEK_SIZE)
    {
      gssize n = source_read_underlying (s, s->peek + s->peek_len, PEEK_SIZE - s->peek_len);
      if (n <= 0)
        break;
      s->peek_len += n;
    }
  s->peek_pos = 0;
}

/**
 * cb_exchange_source_decrypt:
 * @passphrase: the file's passphrase
 *
 * The peeked bytes start an encrypted file: from here on @s hands on its
 * plaintext, and the peek buffer holds the plaintext's start.
 *
 * Returns: %FALSE with s->error_code and s->crypt_error set
 */
gboolean
cb_exchange_source_decrypt (Source     *s,
                            const char *passphrase)
{
  s->crypt = cb_crypt_decoder_new (passphrase, &s->crypt_error);
  if (s->crypt == NULL)
    {
      s->error_code = CB_EXCHANGE_ERROR_DECRYPT;
      return FALSE;
    }
  s->cipher = g_malloc (CIPHER_READ_SIZE);
  s->plain = g_byte_array_new ();
  if (!cb_crypt_decoder_push (s->crypt, s->peek, s->peek_len, s->plain, &s->crypt_error))
    {
      s->error_code = CB_EXCHANGE_ERROR_DECRYPT;
      return FALSE;
    }
  s->peek_len = 0;
  s->peek_pos = 0;
  cb_exchange_source_fill_peek (s);
  return s->error_code < 0;
}

/**
 * cb_exchange_source_clear:
 *
 * Closes the file and wipes what decrypting it needed.
 */
void
cb_exchange_source_clear (Source *s)
{
  if (s->fd >= 0)
    close (s->fd);
  s->fd = -1;
  g_clear_pointer (&s->crypt, cb_crypt_decoder_free);
  g_clear_pointer (&s->cipher, g_free);
  g_clear_pointer (&s->plain, g_byte_array_unref);
  g_clear_error (&s->crypt_error);
}

/**
 * cb_exchange_source_hash_rest:
 *
 * Reads what the parser left after the root (blank lines) into the
 * hash, which then covers the whole file as it is on disk (encrypted
 * or not); @hex is left alone when the rest cannot be read.
 */
void
cb_exchange_source_hash_rest (Source *s,
                              char    hex[CB_FILE_HASH_HEX])
{
  guint8 buf[4096];
  gssize n;

  while ((n = source_read_underlying (s, buf, sizeof buf)) > 0)
    ;
  if (n == 0)
    cb_file_hash_end (&s->hash, hex);
}
