/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder's files one by one (see cb-sync.c for the whole):
 * which names are exchange files, and the one way a file of the folder
 * is read and written, decrypted and encrypted. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cb-crypt.h"
#include "cb-sync.h"

/* ------------------------------------------------------------- names */

static gboolean
has_busy_suffix (const char *name)
{
  static const char * const suffixes[] = { ".tmp", ".part", ".partial", ".filepart", ".crdownload", ".download" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]))
      return TRUE;
  return strstr (name, ".~") != NULL;
}

/**
 * cb_sync_classify_name:
 * @basename: a file name found in the sync folder
 *
 * An exchange file's name holds ".coachbook" and ends in ".xml", which
 * takes in the conflict copies sync engines make beside it: Syncthing's
 * `x.coachbook.sync-conflict-20260105-101500-ABCDEFG.xml`, Nextcloud's
 * `x.coachbook (conflicted copy 2026-01-05 101500).xml`, Dropbox's
 * `x.coachbook (Ana's conflicted copy 2026-01-05).xml`. Hidden and
 * `~`-prefixed names and temporary suffixes are files being written:
 * Syncthing's `.syncthing.x.tmp`, this module's own `.x.XXXXXX`,
 * Nextcloud's `.~123`, partial downloads.
 *
 * Returns: what the file is to a sync
 */
CbSyncName
cb_sync_classify_name (const char *basename)
{
  gboolean ours;

  g_return_val_if_fail (basename != NULL, CB_SYNC_NAME_OTHER);

  ours = strstr (basename, ".coachbook") != NULL;
  if (!ours)
    return CB_SYNC_NAME_OTHER;
  if (basename[0] == '.' || basename[0] == '~' || has_busy_suffix (basename))
    return CB_SYNC_NAME_BUSY;
  if (g_str_has_suffix (basename, ".xml") && strlen (basename) > strlen (CB_EXCHANGE_SUFFIX))
    return CB_SYNC_NAME_EXCHANGE;
  if (strstr (basename, CB_EXCHANGE_SUFFIX) != NULL &&
      (strstr (basename, "sync-conflict") != NULL || strstr (basename, "conflicted copy") != NULL))
    return CB_SYNC_NAME_EXCHANGE;
  return CB_SYNC_NAME_OTHER;
}

/* ------------------------------------------------------ the file pair */

static void
set_io_error (GError     **error,
              int          saved,
              const char  *path,
              const char  *what)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", what);
  g_prefix_error (error, "%s: ", name);
  if (saved != 0)
    {
      g_autofree char *old = (*error)->message;
      (*error)->message = g_strdup_printf ("%s (%s)", old, g_strerror (saved));
    }
}

/* An encrypted file of the folder, whole in memory → its plain bytes. */
static GBytes *
decrypt_read (GByteArray  *data,
              const char  *passphrase,
              GError     **error)
{
  g_autoptr(GByteArray) plain = NULL;
  g_autoptr(GError) local = NULL;

  if (passphrase == NULL)
    {
      g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_ENCRYPTED,
                           _("This file is encrypted, and no team passphrase was given"));
      return NULL;
    }
  plain = g_byte_array_sized_new (data->len);
  if (cb_crypt_decrypt_bytes (data->data, data->len, passphrase, plain, &local))
    return g_byte_array_free_to_bytes (g_steal_pointer (&plain));
  if (g_error_matches (local, CB_CRYPT_ERROR, CB_CRYPT_ERROR_BAD_PASSPHRASE))
    g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_PASSPHRASE,
                         _("The team passphrase does not open this file"));
  else
    g_set_error_literal (error, CB_EXCHANGE_ERROR, CB_EXCHANGE_ERROR_DECRYPT, local->message);
  return NULL;
}

/**
 * cb_sync_file_read:
 * @path: a file in the sync folder
 * @passphrase: (nullable): the team passphrase of an encrypted folder
 *
 * Reads a whole file of the sync folder, the one way the sync reads one.
 * A file that vanishes fails with %G_IO_ERROR_NOT_FOUND; one that
 * changes size while it is read (still being written) with
 * %G_IO_ERROR_BUSY; both are tried again at the next sync. An encrypted
 * file is recognised by its first bytes and opened with @passphrase:
 * without one it fails with %CB_EXCHANGE_ERROR_ENCRYPTED, with one that
 * does not open it with %CB_EXCHANGE_ERROR_PASSPHRASE.
 *
 * Returns: (transfer full) (nullable): the file's bytes, decrypted
 */
GBytes *
cb_sync_file_read (const char  *path,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(GByteArray) data = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_io_error (error, errno, path, _("The file could not be opened"));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || (guint64) st.st_size > CB_EXCHANGE_MAX_FILE_SIZE)
    {
      close (fd);
      set_io_error (error, 0, path, _("This is not a regular exchange file"));
      return NULL;
    }
  data = g_byte_array_sized_new (st.st_size + 1);
  for (;;)
    {
      guint8 buf[64 * 1024];
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          set_io_error (error, saved, path, _("The file could not be read"));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buf, n);
      if (data->len > (guint64) st.st_size)
        break;
    }
  close (fd);
  if (data->len != (guint64) st.st_size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                   _("The file changed while it was read: it is still being written"));
      return NULL;
    }
  if (cb_crypt_has_magic (data->data, data->len))
    return decrypt_read (data, passphrase, error);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
write_all (int          fd,
           const guint8 *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/**
 * cb_sync_file_write:
 * @dir: a folder in the sync folder (made if missing)
 * @name: the file's name, `first-last.coachbook.xml`
 * @bytes: its content
 * @passphrase: (nullable): the team passphrase of an encrypted folder
 * @size: (out) (optional): the size of the file written
 *
 * Writes a new file of the sync folder, the one way the sync writes
 * one: under a hidden temporary name (which readers skip), fsynced, then
 * renamed. A file is never rewritten: if @name exists, the file gets
 * `-2`, `-3`… before its suffix. With @passphrase, the file is
 * encrypted (docs/exchange-format.md) under the same name.
 *
 * Returns: (transfer full) (nullable): the name it got
 */
char *
cb_sync_file_write (const char  *dir,
                    const char  *name,
                    GBytes      *bytes,
                    const char  *passphrase,
                    guint64     *size,
                    GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GByteArray) sealed = NULL;
  gsize len;
  const guint8 *data;
  int fd;

  g_return_val_if_fail (dir != NULL && name != NULL && bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (passphrase != NULL)
    {
      sealed = g_byte_array_new ();
      if (!cb_crypt_encrypt_bytes (data, len, passphrase, sealed, error))
        return NULL;
      data = sealed->data;
      len = sealed->len;
    }
  if (size != NULL)
    *size = len;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      set_io_error (error, errno, dir, _("The folder could not be made"));
      return NULL;
    }
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, name);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_io_error (error, errno, dir, _("A file could not be written in the folder"));
      return NULL;
    }
  if (!write_all (fd, data, len) || fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (tmp);
      set_io_error (error, saved, name, _("The file could not be written"));
      return NULL;
    }
  close (fd);
  stem = g_strndup (name, g_str_has_suffix (name, CB_EXCHANGE_SUFFIX)
                            ? strlen (name) - strlen (CB_EXCHANGE_SUFFIX) : strlen (name));
  for (guint i = 1; ; i++)
    {
      g_autofree char *final = i == 1 ? g_strdup (name)
                                      : g_strdup_printf ("%s-%u%s", stem, i, CB_EXCHANGE_SUFFIX);
      g_autofree char *path = g_build_filename (dir, final, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (tmp, path) != 0)
        {
          int saved = errno;
          g_unlink (tmp);
          set_io_error (error, saved, final, _("The file could not be written"));
          return NULL;
        }
      return g_steal_pointer (&final);
    }
}
