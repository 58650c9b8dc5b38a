/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small SQLite helpers shared by everything that runs its own
 * statements on a store's connection. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-sql.h"
#include "cb-store-error.h"

/**
 * cb_sql_prepare:
 * @db: a connection
 * @sql: one statement
 *
 * Prepares a statement the caller finalizes (see cb_sql_finish()).
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL with
 *   @error set
 */
sqlite3_stmt *
cb_sql_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cb_sql_set_error (db, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/**
 * cb_sql_finish:
 * @stmt: (transfer full) (nullable): a statement from cb_sql_prepare()
 * @rc: what its last sqlite3_step() returned
 *
 * Finalizes @stmt and tells whether it ran to its end.
 *
 * Returns: %TRUE if @rc is %SQLITE_DONE (or %SQLITE_OK); otherwise
 *   %FALSE with @error set
 */
gboolean
cb_sql_finish (sqlite3_stmt  *stmt,
               int            rc,
               GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                   _("Could not read the database: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/**
 * cb_sql_set_error:
 *
 * Sets @error from the last error of @db.
 */
void
cb_sql_set_error (sqlite3  *db,
                  GError  **error)
{
  g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
               _("Could not read the database: %s"), sqlite3_errmsg (db));
}

/**
 * cb_sql_col_text:
 *
 * Returns: (transfer none): the text of column @col of the current row,
 *   "" for NULL; never %NULL
 */
const char *
cb_sql_col_text (sqlite3_stmt *stmt,
                 int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text ? text : "";
}
