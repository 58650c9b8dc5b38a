/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

sqlite3_stmt *cb_store_prepare   (CbStore     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      cb_store_exec      (CbStore     *self,
                                  const char  *sql,
                                  GError     **error);
void          cb_store_set_sqlite_error (CbStore *self,
                                         GError **error,
                                         int      rc);

char         *cb_store_migration_sql (guint version);

G_END_DECLS
