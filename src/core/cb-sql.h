/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small SQLite helpers for code that reads the database with its own
 * statements (reports, CSV, privacy, exports): errors become GErrors in
 * the store's error domain with one wording. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

sqlite3_stmt *cb_sql_prepare   (sqlite3       *db,
                                const char    *sql,
                                GError       **error);
gboolean      cb_sql_finish    (sqlite3_stmt  *stmt,
                                int            rc,
                                GError       **error);
void          cb_sql_set_error (sqlite3       *db,
                                GError       **error);
const char   *cb_sql_col_text  (sqlite3_stmt  *stmt,
                                int            col);

G_END_DECLS
