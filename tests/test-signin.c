/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sign-in without a display: the kiosk's check-in (a typed name →
 * present with the session's hours) and what the printed sheet lists,
 * which the privacy rule decides. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-signin.h"
#include "cb-test-util.h"

static guint
count_live (CbStore    *store,
            const char *kind)
{
  CbFilter filter = { .kind = kind };
  return cb_store_count (store, &filter);
}

static void
test_check_in (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "db", NULL);
  g_autoptr(CbStore) store = cb_test_open_store (path, "Test");
  g_autoptr(GError) error = NULL;
  g_autofree char *session = cb_test_create (store, "pd_session", "title", "PD day", "date", "2026-10-02",
                                             "start_time", "08:00", "end_time", "14:30", NULL);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Ruiz", NULL);
  g_autofree char *twin1 = cb_test_create (store, "person", "name", "Sam Lee", NULL);
  g_autofree char *twin2 = cb_test_create (store, "person", "name", "Sam  Lee", NULL);
  g_autofree char *who = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  gboolean added = TRUE;
  CbRecord *a;

  who = cb_signin_check_in (store, session, "  ana   RUIZ ", &added, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (who, ==, ana);
  g_assert_false (added);
  attendance = cb_store_children (store, "attendance", session, NULL);
  g_assert_cmpuint (attendance->len, ==, 1);
  a = g_ptr_array_index (attendance, 0);
  g_assert_true (cb_record_get_bool (a, "present"));
  g_assert_cmpstr (cb_record_get (a, "hours"), ==, "6.5");
  g_clear_pointer (&attendance, g_ptr_array_unref);

  /* twice changes nothing */
  g_clear_pointer (&who, g_free);
  who = cb_signin_check_in (store, session, "Ana Ruiz", NULL, &error);
  g_assert_cmpstr (who, ==, ana);
  attendance = cb_store_children (store, "attendance", session, NULL);
  g_assert_cmpuint (attendance->len, ==, 1);
  g_clear_pointer (&attendance, g_ptr_array_unref);

  /* a name nobody has adds the person */
  g_clear_pointer (&who, g_free);
  who = cb_signin_check_in (store, session, "Walk-in Teacher", &added, &error);
  g_assert_no_error (error);
  g_assert_true (added);
  g_assert_cmpuint (count_live (store, "person"), ==, 4);
  attendance = cb_store_children (store, "attendance", session, NULL);
  g_assert_cmpuint (attendance->len, ==, 2);
  g_clear_pointer (&attendance, g_ptr_array_unref);

  /* two people of one name, or no name: a message, nothing written */
  g_clear_pointer (&who, g_free);
  who = cb_signin_check_in (store, session, "sam lee", NULL, &error);
  g_assert_null (who);
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Several people"));
  g_clear_error (&error);
  who = cb_signin_check_in (store, session, "   ", NULL, &error);
  g_assert_null (who);
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_live (store, "attendance"), ==, 2);
  g_assert_cmpuint (count_live (store, "person"), ==, 4);
  cb_test_rmtree (dir);
}

static void
test_sheet (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "db", NULL);
  g_autoptr(CbStore) store = cb_test_open_store (path, "Test");
  g_autoptr(GError) error = NULL;
  g_autofree char *session = cb_test_create (store, "pd_session", "title", "PD day", "date", "2026-10-02",
                                             "start_time", "08:00", "end_time", "11:30", NULL);
  g_autofree char *secret = cb_test_create (store, "pd_session", "title", "Secret", "privacy", "private", NULL);
  g_autofree char *school = cb_test_create (store, "school", "name", "Lincoln Middle", NULL);
  g_autofree char *zoe = cb_test_create (store, "person", "name", "Zoe Park", "school", school, "role", "teacher", NULL);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Ruiz", "role", "principal", NULL);
  g_autofree char *hidden = cb_test_create (store, "person", "name", "Hidden Person", "privacy", "private", NULL);
  g_autofree char *a1 = cb_test_create (store, "attendance", "session", session, "person", zoe, "present", "1", "hours", "3.5", NULL);
  g_autofree char *a2 = cb_test_create (store, "attendance", "session", session, "person", ana, "present", "0", NULL);
  g_autofree char *a3 = cb_test_create (store, "attendance", "session", session, "person", hidden, "present", "1", NULL);
  g_autoptr(CbSigninSheet) sheet = cb_signin_sheet_load (store, session, &error);
  g_autoptr(CbSigninSheet) refused = NULL;
  CbSigninRow *row;

  g_assert_no_error (error);
  g_assert_cmpstr (sheet->title, ==, "PD day");
  g_assert_cmpfloat (sheet->hours, ==, 3.5);
  g_assert_cmpuint (sheet->rows->len, ==, 2);
  row = g_ptr_array_index (sheet->rows, 0);
  g_assert_cmpstr (row->name, ==, "Ana Ruiz");
  g_assert_cmpstr (row->role, ==, "Principal");
  g_assert_cmpstr (row->hours, ==, "");
  row = g_ptr_array_index (sheet->rows, 1);
  g_assert_cmpstr (row->name, ==, "Zoe Park");
  g_assert_cmpstr (row->school, ==, "Lincoln Middle");
  g_assert_cmpstr (row->role, ==, "Teacher");
  g_assert_cmpstr (row->hours, ==, "3.5");

  refused = cb_signin_sheet_load (store, secret, &error);
  g_assert_null (refused);
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  cb_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/signin/check-in", test_check_in);
  g_test_add_func ("/signin/sheet", test_sheet);
  return g_test_run ();
}
