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
gboolean      cb_store_begin_bulk    (CbStore     *self,
                                      guint64      expected_records,
                                      GError     **error);
gboolean      cb_store_index_pending (CbStore     *self,
                                      GError     **error);
void          cb_store_set_bulk_limits_for_testing (CbStore *self,
                                                    guint64  index_min,
                                                    guint    fts_batch);
gboolean      cb_store_holds_state   (CbStore        *self,
                                      const CbState  *state,
                                      gboolean       *found,
                                      GError        **error);

G_END_DECLS
