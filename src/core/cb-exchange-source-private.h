/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The guarded stream an import reads a file through
 * (cb-exchange-source.c). Not public API. */
#pragma once

#include "cb-crypt.h"
#include "cb-exchange.h"
#include "cb-exchange-import-private.h"

G_BEGIN_DECLS

typedef struct _Source Source;

#define PEEK_SIZE        4096
#define CIPHER_READ_SIZE (64 * 1024)
#define MAX_ATTRIBUTES   64

typedef enum
{
  LEX_TEXT,   /* character data */
  LEX_LT,     /* just after '<' */
  LEX_BANG,   /* after "<!", matching "DOCTYPE" */
  LEX_TAG,    /* inside a start tag, counting '=' */
  LEX_DQ,     /* inside a "-quoted attribute value */
  LEX_SQ,     /* inside a '-quoted attribute value */
  LEX_SKIP,   /* inside <!…>, <?…?> or an end tag, up to '>' */
} LexState;

struct _Source
{
  int           fd;          /* -1 when reading from memory */
  const guint8 *mem;
  gsize         mem_len;
  gsize         mem_pos;
  guint8        peek[PEEK_SIZE];
  gsize         peek_len;
  gsize         peek_pos;
  guint64       pos;         /* bytes handed to the parser */
  LexState      lex;
  guint         lex_n;
  int           error_code;  /* a CbExchangeError, or -1 */
  int           saved_errno;
  CbFileHash    hash;        /* of every byte read from the file */
  /* an encrypted file: its ciphertext is read into cipher and handed
   * on as plaintext, one checked chunk at a time */
  CbCryptDecoder *crypt;
  guint8       *cipher;
  GByteArray   *plain;
  gsize         plain_pos;
  gboolean      cipher_eof;
  GError       *crypt_error;
};

int      cb_exchange_source_read      (void       *data,
                                       char       *buffer,
                                       int         len);
void     cb_exchange_source_fill_peek (Source     *s);
gboolean cb_exchange_source_decrypt   (Source     *s,
                                       const char *passphrase);
void     cb_exchange_source_hash_rest (Source     *s,
                                       char        hex[CB_FILE_HASH_HEX]);
void     cb_exchange_source_clear     (Source     *s);

G_END_DECLS
