/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The passphrase of an encrypted exchange file, for coachbook-cli: asked
 * on the terminal with echo off, or read from a file for scripts. It is
 * only ever held in libsodium's guarded memory (cb_crypt_passphrase_dup)
 * and in buffers wiped before they are freed. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cb-cli-passphrase.h"
#include "cb-crypt.h"

#define MAX_PASSPHRASE 1024

/* A guarded copy of @text's first line. */
static char *
first_line (char    *text,
            GError **error)
{
  text[strcspn (text, "\r\n")] = '\0';
  if (*text == '\0')
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_EMPTY_PASSPHRASE,
                           _("The passphrase is empty."));
      return NULL;
    }
  return cb_crypt_passphrase_dup (text);
}

static char *
read_file (const char  *file,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize len = 0;
  char *passphrase;

  if (!g_file_get_contents (file, &contents, &len, &local_error))
    {
      g_set_error (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                   _("Could not read the passphrase file: %s"), local_error->message);
      return NULL;
    }
  passphrase = first_line (contents, error);
  sodium_memzero (contents, len);
  g_free (contents);
  return passphrase;
}

/* One line from the terminal @fd with echo off; the prompt on it too. */
static char *
ask (int          fd,
     const char  *prompt,
     GError     **error)
{
  char line[MAX_PASSPHRASE];
  struct termios saved, quiet;
  gsize got = 0;
  gboolean ended = FALSE;
  char *passphrase;

  if (tcgetattr (fd, &saved) != 0)
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                           _("No terminal to ask for the passphrase: give it with --passphrase-file PATH."));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(ECHO | ECHONL);
  quiet.c_lflag |= ICANON;
  if (write (fd, prompt, strlen (prompt)) < 0 || tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                           _("No terminal to ask for the passphrase: give it with --passphrase-file PATH."));
      return NULL;
    }
  while (got + 1 < sizeof line && !ended)
    {
      gssize n = read (fd, line + got, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || line[got] == '\n')
        ended = TRUE;
      else
        got++;
    }
  line[got] = '\0';
  tcsetattr (fd, TCSAFLUSH, &saved);
  /* the newline the user typed was not echoed */
  if (write (fd, "\n", 1) < 0)
    {
      /* cosmetic only */
    }
  passphrase = first_line (line, error);
  sodium_memzero (line, sizeof line);
  return passphrase;
}

/**
 * cb_cli_passphrase_get:
 * @file: (nullable): a file whose first line is the passphrase
 * @confirm: on the terminal, ask twice and refuse two different answers
 *   (when encrypting: a typo would lock the file for good)
 *
 * Returns: (transfer full) (nullable): the passphrase, to be freed with
 *   cb_crypt_passphrase_free(); %NULL with @error set if it is empty,
 *   unreadable, there is no terminal, or the two answers differ
 */
char *
cb_cli_passphrase_get (const char  *file,
                       gboolean     confirm,
                       GError     **error)
{
  char *first;
  char *second;
  gboolean same;
  int fd;

  if (!cb_crypt_init (error))
    return NULL;
  if (file != NULL)
    return read_file (file, error);

  fd = g_open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                           _("No terminal to ask for the passphrase: give it with --passphrase-file PATH."));
      return NULL;
    }
  first = ask (fd, _("Passphrase: "), error);
  if (first == NULL || !confirm)
    {
      close (fd);
      return first;
    }
  second = ask (fd, _("The same passphrase again: "), error);
  close (fd);
  same = second != NULL && strcmp (first, second) == 0;
  cb_crypt_passphrase_free (second);
  if (!same)
    {
      cb_crypt_passphrase_free (first);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CB_CRYPT_ERROR, CB_CRYPT_ERROR_FAILED,
                             _("The two passphrases differ. Nothing was written."));
      return NULL;
    }
  return first;
}
