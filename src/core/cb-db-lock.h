/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the app has a database open: a flock() on "<database>.lock"
 * beside it. The app holds a shared lock as long as it shows the
 * database; commands that must not run under it (restoring a backup)
 * ask for the lock alone and are refused while the app holds it. */
typedef struct _CbDbLock CbDbLock;

CbDbLock   *cb_db_lock_hold        (const char  *db_path,
                                    GError     **error);
void        cb_db_lock_release     (CbDbLock    *lock);
gboolean    cb_db_lock_is_held     (const char  *db_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbDbLock, cb_db_lock_release)

G_END_DECLS
