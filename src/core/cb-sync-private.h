/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the sync's files share: cb-sync.c imports and runs a sync,
 * cb-sync-folder.c lists the folder and keeps its accounts,
 * cb-sync-write.c writes this laptop's files into it (cb-sync-file.c,
 * reading and writing one file, needs nothing of this). */

#include "cb-sync.h"
#include "cb-versions.h"

G_BEGIN_DECLS

typedef struct
{
  char    *name;    /* folder-relative, '/'-separated */
  char    *path;
  guint64  size;
  gint64   mtime;
  char    *hash;    /* once read */
  char    *covers;  /* once read: the root's summary, or NULL */
  GBytes  *bytes;   /* while it waits for its import */
} Found;

typedef struct
{
  CbStore         *store;
  const char      *folder;
  const char      *passphrase;   /* (nullable): an encrypted folder's */
  const char      *replica;
  const char      *snapshot;
  CbImportProgress progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  CbSyncReport    *report;
  GHashTable      *known;        /* name → "size mtime hash" */
  GHashTable      *hashes;       /* hashes imported from this folder */
  GPtrArray       *found;        /* of Found* */
  GHashTable      *problems;     /* "name size hash" of files left out last time */
  GPtrArray       *problems_now; /* of char*: the same, this time */
  guint64          bytes_total;
  guint64          bytes_done;
} Sync;

typedef struct
{
  char   replica[CB_REPLICA_LEN + 1];
  gint64 first;
  gint64 last;
} Range;

void      _cb_sync_found_free     (Found       *f);

/* cb-sync-folder.c */
char     *_cb_sync_hash           (GBytes      *bytes);
char     *_cb_sync_covers_of      (GBytes      *bytes);
gboolean  _cb_sync_already_had    (Sync        *s,
                                   const Found *f);
gboolean  _cb_sync_remember_file  (Sync        *s,
                                   const Found *f,
                                   GError     **error);
gboolean  _cb_sync_remember_files (Sync        *s,
                                   GPtrArray   *files,
                                   gboolean     with_ranges,
                                   GError     **error);
void      _cb_sync_load_known     (Sync        *s);
gboolean  _cb_sync_is_known       (Sync        *s,
                                   const Found *f);
gboolean  _cb_sync_list_folder    (Sync        *s,
                                   GError     **error);
void      _cb_sync_add_skipped    (Sync        *s,
                                   const Found *f,
                                   const char  *why);
void      _cb_sync_load_problems  (Sync        *s);
gboolean  _cb_sync_note_problems  (Sync        *s,
                                   GError     **error);

/* cb-sync-write.c */
gboolean  _cb_sync_write_changes  (Sync        *s,
                                   GError     **error);
gboolean  _cb_sync_compact        (Sync        *s,
                                   GError     **error);

G_END_DECLS
