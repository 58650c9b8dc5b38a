/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cb-exchange.h"

G_BEGIN_DECLS

/* The sync folder (docs/sharing.md, ARCHITECTURE §4b): a folder that
 * Syncthing, Nextcloud or a USB stick shares between laptops. The app's
 * Sync Now and `coachbook-cli sync` both run cb_sync_run(). */

/* A laptop compacts its own change files once it has this many. */
#define CB_SYNC_COMPACT_AT 16

typedef enum
{
  CB_SYNC_NAME_OTHER,     /* not an exchange file: left alone */
  CB_SYNC_NAME_EXCHANGE,  /* an exchange file, conflict copies included */
  CB_SYNC_NAME_BUSY,      /* a file still being written: retried later */
} CbSyncName;

typedef struct
{
  char           *written;      /* (nullable): the change file this sync wrote */
  char           *compacted;    /* (nullable): the file this laptop's files became */
  guint64         bytes_written;
  guint           n_files;      /* exchange files in the folder */
  guint           n_known;      /* left unread: imported before or covered */
  GPtrArray      *read;         /* of char*: files imported, folder-relative */
  GPtrArray      *skipped;      /* of char*: "file: why", tried again next time */
  guint           n_busy;       /* files being written, tried again next time */
  guint           n_locked;     /* encrypted files the passphrase did not open */
  char           *locked;       /* (nullable): why, in one line, when n_locked > 0 */
  GPtrArray      *colleagues;   /* of char*: names of the colleagues in the folder */
  CbImportReport *report;       /* (nullable): NULL when nothing was imported */
} CbSyncReport;

CbSyncName    cb_sync_classify_name (const char      *basename);
GBytes       *cb_sync_file_read     (const char      *path,
                                     const char      *passphrase,
                                     GError         **error);
char         *cb_sync_file_write    (const char      *dir,
                                     const char      *name,
                                     GBytes          *bytes,
                                     const char      *passphrase,
                                     guint64         *size,
                                     GError         **error);
gboolean      cb_sync_folder_is_encrypted (const char *folder,
                                     char           **sample);
CbSyncReport *cb_sync_run           (CbStore         *store,
                                     const char      *folder,
                                     const char      *passphrase,
                                     const char      *snapshot_path,
                                     CbImportProgress progress,
                                     gpointer         user_data,
                                     GCancellable    *cancellable,
                                     GError         **error);
gboolean      cb_sync_get_status    (CbStore         *store,
                                     const char      *folder,
                                     gint64          *synced,
                                     GPtrArray      **colleagues);
void          cb_sync_report_free   (CbSyncReport    *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSyncReport, cb_sync_report_free)

G_END_DECLS
