/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files already imported, known by a hash of their bytes.
 *
 * An import is idempotent: a file merged once changes nothing when it is
 * merged again, whatever was edited since (the edits' version vectors
 * cover the file's). So a file whose bytes were imported into this
 * database before is not read again: the database remembers, in its meta
 * table and in the import's own transaction, a 128-bit hash of each
 * file it imported alone and how many records of each kind it held. An
 * Undo of the import, or a restored backup, takes the memory back with
 * the records. The hash is no defence against a file made to collide on
 * purpose; such a file would only be skipped, never half-imported. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cb-exchange-import-private.h"

#define SEEN_PREFIX "imported:"
#define READ_SIZE   (256 * 1024)

static const guint64 K1 = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
static const guint64 K2 = G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f);

static inline guint64
rotl (guint64 x,
      int     r)
{
  return (x << r) | (x >> (64 - r));
}

static inline void
mix_word (CbFileHash *h,
          guint64     w)
{
  h->a = rotl ((h->a ^ w) * K1, 31);
  h->b = rotl ((h->b + w) * K2, 27) ^ h->a;
}

static inline guint64
fmix (guint64 k)
{
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  k ^= k >> 33;
  return k;
}

void
cb_file_hash_init (CbFileHash *h)
{
  memset (h, 0, sizeof *h);
  h->a = K2;
  h->b = K1;
}

void
cb_file_hash_update (CbFileHash   *h,
                     const guint8 *p,
                     gsize         len)
{
  guint64 w;

  h->len += len;
  while (h->n_tail > 0 && h->n_tail < 8 && len > 0)
    {
      h->tail[h->n_tail++] = *p++;
      len--;
    }
  if (h->n_tail > 0 && h->n_tail < 8)
    return;
  if (h->n_tail == 8)
    {
      memcpy (&w, h->tail, 8);
      mix_word (h, GUINT64_FROM_LE (w));
      h->n_tail = 0;
    }
  for (; len >= 8; p += 8, len -= 8)
    {
      memcpy (&w, p, 8);
      mix_word (h, GUINT64_FROM_LE (w));
    }
  memcpy (h->tail, p, len);
  h->n_tail = len;
}

void
cb_file_hash_end (const CbFileHash *h,
                  char              hex[CB_FILE_HASH_HEX])
{
  CbFileHash f = *h;
  guint64 w = 0;

  for (guint i = 0; i < f.n_tail; i++)
    w |= (guint64) f.tail[i] << (8 * i);
  mix_word (&f, w ^ ((guint64) f.n_tail << 56));
  mix_word (&f, f.len);
  g_snprintf (hex, CB_FILE_HASH_HEX, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
              fmix (f.a + f.b), fmix (f.b ^ rotl (f.a, 17)));
}

/* Reads the whole file through the hash; FALSE if it cannot be read
 * (the import then reports why). */
static gboolean
hash_input (const Input *input,
            char         hex[CB_FILE_HASH_HEX])
{
  CbFileHash h;
  g_autofree guint8 *buf = NULL;
  int fd;
  gboolean ok = TRUE;

  cb_file_hash_init (&h);
  if (input->path == NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (input->bytes, &len);

      cb_file_hash_update (&h, data, len);
      cb_file_hash_end (&h, hex);
      return TRUE;
    }
  fd = g_open (input->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return FALSE;
  buf = g_malloc (READ_SIZE);
  for (;;)
    {
      gssize n = read (fd, buf, READ_SIZE);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        {
          ok = FALSE; /* a FIFO or the like: let the import say what it is */
          break;
        }
      if (n <= 0)
        {
          ok = n == 0;
          break;
        }
      cb_file_hash_update (&h, buf, n);
    }
  close (fd);
  if (ok)
    cb_file_hash_end (&h, hex);
  return ok;
}

/* A build that knows more fields reads a file again: it may keep what
 * this one could not. */
static char *
seen_key (const char *hex)
{
  return g_strdup_printf ("%s%u:%s", SEEN_PREFIX, cb_exchange_fields_version (), hex);
}

static void
fill_report (CbImportReport *report,
             const char     *value)
{
  g_auto(GStrv) parts = g_strsplit (value, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');

      if (eq == NULL)
        continue;
      for (guint k = 0; k < report->counts->len; k++)
        {
          CbImportCounts *c = &g_array_index (report->counts, CbImportCounts, k);

          if (strlen (c->kind) == (gsize) (eq - parts[i]) && strncmp (c->kind, parts[i], eq - parts[i]) == 0)
            {
              c->unchanged = (guint) g_ascii_strtoull (eq + 1, NULL, 10);
              report->n_records += c->unchanged;
            }
        }
    }
}

/**
 * cb_import_seen_check:
 * @hex: (out): the input's hash, when it could be read
 *
 * Returns: %TRUE if this database imported exactly these bytes before;
 *   @report then counts the file's records as unchanged
 */
gboolean
cb_import_seen_check (CbStore        *store,
                      const Input    *input,
                      char            hex[CB_FILE_HASH_HEX],
                      CbImportReport *report)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  hex[0] = '\0';
  /* the import refuses it without reading it */
  if (input->size > CB_EXCHANGE_MAX_FILE_SIZE)
    return FALSE;
  if (!hash_input (input, hex))
    return FALSE;
  key = seen_key (hex);
  value = cb_store_meta_get (store, key);
  if (value == NULL)
    return FALSE;
  fill_report (report, value);
  return TRUE;
}

/**
 * cb_import_seen_remember:
 * @hex: the hash of the bytes the parser read
 *
 * Notes, in the import's transaction, that the file was imported and how
 * many records of each kind it held.
 */
gboolean
cb_import_seen_remember (CbStore               *store,
                         const char            *hex,
                         const CbImportReport  *report,
                         GError               **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autofree char *key = seen_key (hex);

  for (guint k = 0; k < report->counts->len; k++)
    {
      const CbImportCounts *c = &g_array_index (report->counts, CbImportCounts, k);
      guint n = c->added + c->updated + c->conflicts + c->unchanged;

      if (n > 0)
        g_string_append_printf (value, "%s%s=%u", value->len ? " " : "", c->kind, n);
    }
  return cb_store_meta_set (store, key, value->str, error);
}
