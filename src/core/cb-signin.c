/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A PD session's sign-in, without a display: what the printed sheet
 * shows (people by name with school, role and hours, as the privacy rule
 * lets them out) and the kiosk's check-in, shared by the window and
 * coachbook-cli. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-privacy.h"
#include "cb-reports.h"
#include "cb-signin.h"
#include "cb-sql.h"
#include "cb-store-error.h"

static void
signin_row_free (gpointer data)
{
  CbSigninRow *row = data;

  g_free (row->name);
  g_free (row->school);
  g_free (row->role);
  g_free (row->hours);
  g_free (row);
}

void
cb_signin_sheet_free (CbSigninSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->title);
  g_free (sheet->date);
  g_free (sheet->start);
  g_free (sheet->end);
  g_free (sheet->location);
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}

static double
session_hours (CbRecord *session)
{
  int s = cb_time_to_minutes (cb_record_get (session, "start_time"));
  int e = cb_time_to_minutes (cb_record_get (session, "end_time"));

  return s < 0 || e <= s ? 0 : (e - s) / 60.0;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CbSigninRow *x = *(CbSigninRow **) a, *y = *(CbSigninRow **) b;

  return g_utf8_collate (x->name, y->name);
}

static gboolean
load_rows (CbStore       *store,
           CbPrivacy     *privacy,
           const char    *session,
           CbSigninSheet *sheet,
           GError       **error)
{
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GHashTable) schools = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if ((people = cb_privacy_load_names (privacy, "person", error)) == NULL ||
      (schools = cb_privacy_load_names (privacy, "school", error)) == NULL)
    return FALSE;
  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT ra.uuid, a.person, a.present, a.hours, p.school, p.role "
                         "FROM records ra JOIN k_attendance a ON a.id = ra.id "
                         "JOIN records rp ON rp.uuid = a.person JOIN k_person p ON p.id = rp.id "
                         "WHERE a.session = ? AND ra.deleted = 0 AND rp.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, session, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = g_hash_table_lookup (people, cb_sql_col_text (stmt, 1));
      const char *school = g_hash_table_lookup (schools, cb_sql_col_text (stmt, 4));
      CbSigninRow *row;

      /* a private person is not named, so not listed: the line stays
       * blank for them to sign */
      if (name == NULL || !cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      row = g_new0 (CbSigninRow, 1);
      row->name = g_strdup (name);
      row->school = g_strdup (school ? school : "");
      row->role = g_strdup (*cb_sql_col_text (stmt, 5) ? cb_field_choice_label (cb_kind_field (cb_kind_lookup ("person"), "role"),
                                                                               cb_sql_col_text (stmt, 5))
                                                        : "");
      if (sqlite3_column_int (stmt, 2) && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          row->hours = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", sqlite3_column_double (stmt, 3)));
        }
      else
        row->hours = g_strdup ("");
      g_ptr_array_add (sheet->rows, row);
    }
  if (!cb_sql_finish (stmt, rc, error))
    return FALSE;
  g_ptr_array_sort (sheet->rows, compare_rows);
  return TRUE;
}

/**
 * cb_signin_sheet_load:
 * @session: a PD session
 *
 * Reads what the sign-in sheet shows: the session, and each person it
 * has an attendance for with their school, role and, when present, the
 * hours. A private session is refused; a private person or attendance
 * is left out, and so is the name of a private school.
 *
 * Returns: (transfer full) (nullable): the sheet
 */
CbSigninSheet *
cb_signin_sheet_load (CbStore     *store,
                      const char  *session,
                      GError     **error)
{
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(CbSigninSheet) sheet = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  if ((record = cb_store_get (store, session, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (record), "pd_session") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("“%s” is not a PD session."), session);
      return NULL;
    }
  if ((privacy = cb_privacy_new (store, error)) == NULL)
    return NULL;
  if (!cb_privacy_record_may_leave (privacy, session))
    {
      g_set_error_literal (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                           _("This PD session is private: its sign-in sheet cannot leave this laptop."));
      return NULL;
    }
  sheet = g_new0 (CbSigninSheet, 1);
  sheet->rows = g_ptr_array_new_with_free_func (signin_row_free);
  sheet->title = g_strdup (cb_record_get_title (record));
  sheet->date = g_strdup (cb_record_get (record, "date"));
  sheet->start = g_strdup (cb_record_get (record, "start_time"));
  sheet->end = g_strdup (cb_record_get (record, "end_time"));
  sheet->location = g_strdup (cb_record_get (record, "location"));
  sheet->hours = session_hours (record);
  if (!load_rows (store, privacy, session, sheet, error))
    return NULL;
  return g_steal_pointer (&sheet);
}

/* "  Ana  ruiz " and "Ana Ruiz" are one name. */
static char *
name_key (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name, " \t", -1);
  g_autofree char *joined = NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
  joined = g_string_free (out, FALSE);
  return g_utf8_casefold (joined, -1);
}

static char *
find_person (CbStore     *store,
             const char  *key,
             GError     **error)
{
  g_autofree char *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid, k.name FROM records r JOIN k_person k ON k.id = r.id "
                         "WHERE r.deleted = 0 AND k.name IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *other = name_key (cb_sql_col_text (stmt, 1));

      if (strcmp (other, key) != 0)
        continue;
      if (found != NULL)
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("Several people are called “%s”: sign them in from the list."),
                       cb_sql_col_text (stmt, 1));
          sqlite3_finalize (stmt);
          return NULL;
        }
      found = g_strdup (cb_sql_col_text (stmt, 0));
    }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;
  return found ? g_steal_pointer (&found) : g_strdup ("");
}

/**
 * cb_signin_find_person:
 * @name: a name as typed
 *
 * Returns: (transfer full) (nullable): the UUID of the one person with
 *   that name (case and spacing aside), "" when nobody has it, or %NULL
 *   with an error when several people have it
 */
char *
cb_signin_find_person (CbStore     *store,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = name_key (name);
  if (*key == '\0')
    return g_strdup ("");
  return find_person (store, key, error);
}

/**
 * cb_signin_check_in:
 * @session: a PD session
 * @name: the name typed at the kiosk
 * @new_person: (out) (optional): set when nobody had that name and a
 *   person was added
 *
 * Signs @name in as present with the session's hours, in one
 * transaction: the person with that name (case and spacing aside), or a
 * new person. Signing in twice changes nothing.
 *
 * Returns: (transfer full) (nullable): the person's UUID
 */
char *
cb_signin_check_in (CbStore     *store,
                    const char  *session,
                    const char  *name,
                    gboolean    *new_person,
                    GError     **error)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autofree char *key = NULL;
  g_autofree char *person = NULL;
  g_autofree char *clean = NULL;
  char hours[G_ASCII_DTOSTR_BUF_SIZE];
  CbRecord *existing = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL && name != NULL, NULL);

  if (new_person)
    *new_person = FALSE;
  key = name_key (name);
  if (*key == '\0')
    {
      g_set_error_literal (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID, _("Type your name to sign in."));
      return NULL;
    }
  if ((record = cb_store_get (store, session, error)) == NULL || !cb_store_begin (store, error))
    return NULL;
  if ((person = find_person (store, key, error)) == NULL)
    goto fail;
  if (*person == '\0')
    {
      const char *names[] = { "name" };
      const char *values[] = { NULL };

      g_free (person);
      clean = g_strstrip (g_strdup (name));
      values[0] = clean;
      if ((person = cb_store_create (store, "person", names, values, 1, error)) == NULL)
        goto fail;
      if (new_person)
        *new_person = TRUE;
    }
  if ((attendance = cb_store_children (store, "attendance", session, error)) == NULL)
    goto fail;
  for (guint i = 0; i < attendance->len && existing == NULL; i++)
    if (g_strcmp0 (cb_record_get (g_ptr_array_index (attendance, i), "person"), person) == 0)
      existing = g_ptr_array_index (attendance, i);
  g_ascii_formatd (hours, sizeof hours, "%.6g", session_hours (record));
  if (existing == NULL)
    {
      const char *names[] = { "session", "person", "present", "hours" };
      const char *values[] = { session, person, "1", hours };
      g_autofree char *uuid = cb_store_create (store, "attendance", names, values, 4, error);

      if (uuid == NULL)
        goto fail;
    }
  else if (!cb_record_get_bool (existing, "present"))
    {
      const char *names[] = { "present", "hours" };
      const char *values[] = { "1", hours };

      if (!cb_store_set_fields (store, cb_record_get_uuid (existing), names, values, 2, error))
        goto fail;
    }
  if (!cb_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&person);

fail:
  cb_store_rollback (store);
  return NULL;
}
