/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Coachbook has this database open", told to other processes.
 *
 * The lock is taken on a file of its own, "<database>.lock", never on
 * the database, its -wal or its -shm: a descriptor of ours on those,
 * once closed, would drop the POSIX locks SQLite holds for this process
 * (docs/data-model.md, "Who touches the file"). And it is a flock(),
 * which Linux keeps apart from the fcntl() locks SQLite uses. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "cb-db-lock.h"
#include "cb-store.h"

struct _CbDbLock
{
  int fd;
};

static int
open_lock_file (const char *db_path,
                int         flags)
{
  g_autofree char *path = g_strconcat (db_path, ".lock", NULL);

  return g_open (path, O_RDWR | O_CLOEXEC | O_NOCTTY | flags, 0600);
}

/**
 * cb_db_lock_hold:
 * @db_path: the database the app shows
 *
 * Takes a shared lock that lasts until cb_db_lock_release(): several
 * windows or processes may show one database, a restore may not run.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL with @error
 *   set when the lock file cannot be made (a read-only folder)
 */
CbDbLock *
cb_db_lock_hold (const char  *db_path,
                 GError     **error)
{
  CbDbLock *lock;
  int fd;

  g_return_val_if_fail (db_path != NULL, NULL);

  fd = open_lock_file (db_path, O_CREAT);
  if (fd < 0 || flock (fd, LOCK_SH | LOCK_NB) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_IO,
                   _("Could not mark the database as in use: %s"), g_strerror (saved));
      return NULL;
    }
  lock = g_new0 (CbDbLock, 1);
  lock->fd = fd;
  return lock;
}

void
cb_db_lock_release (CbDbLock *lock)
{
  if (lock == NULL)
    return;
  flock (lock->fd, LOCK_UN);
  close (lock->fd);
  g_free (lock);
}

/**
 * cb_db_lock_is_held:
 * @db_path: a database
 *
 * Returns: whether some process (the app) holds @db_path's lock now
 */
gboolean
cb_db_lock_is_held (const char *db_path)
{
  gboolean held;
  int fd;

  g_return_val_if_fail (db_path != NULL, FALSE);

  /* no lock file: nobody ever held it */
  fd = open_lock_file (db_path, 0);
  if (fd < 0)
    return FALSE;
  held = flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  return held;
}
