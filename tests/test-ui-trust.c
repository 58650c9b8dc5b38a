/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The app keeps every committed edit while other programs use its
 * database, and Back Up… writes a copy that restores.
 *
 * The reproduction of a lost edit, as a coach met it: the app open on an
 * engagement (its dashboard reads on a worker's own connection), the
 * README's backup command and the command-line tool run, a new record is
 * added, and the app dies. Run in a child process that exits without
 * closing anything; the parent finds every record. */
#include "cb-ui-test-util.h"

#include <adwaita.h>
#include <unistd.h>

#include "cb-cycle-pane.h"
#include "cb-engagement-editor.h"

static char *
cli_path (void)
{
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli", "coachbook-cli", NULL);
}

static void
run_or_fail (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static void
app_killed_after_backup_child (void)
{
  g_autofree char *path = cb_ui_test_path ("kill.db");
  g_autofree char *external = cb_ui_test_path ("external-backup.db");
  g_autofree char *cli = cli_path ();
  g_autofree char *command = g_strdup_printf (".backup '%s'", external);
  const char *sqlite_argv[] = { "sqlite3", path, command, NULL };
  const char *search_argv[] = { cli, "--db", path, "search", "Academia", NULL };
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *school = cb_test_create (store, "school", "name", "Academia Charter", NULL);
  g_autofree char *eng = NULL;
  CbEngagementEditor *ee;
  g_autoptr(GError) error = NULL;

  eng = cb_ui_new_record (window, CB_SECTION_ENGAGEMENTS);
  g_assert_nonnull (eng);
  g_assert_true (cb_store_set (store, eng, "name", "Academia 2026–27", &error));
  g_assert_no_error (error);
  ee = CB_ENGAGEMENT_EDITOR (cb_cycle_pane_get_child (CB_CYCLE_PANE (cb_window_get_child (window, "cycle_pane")),
                                                       "engagement"));
  /* The dashboard has been counted on the worker's connection. */
  for (guint i = 0; i < 300 && cb_engagement_editor_get_delivered (ee) == NULL; i++)
    cb_ui_spin (20);
  g_assert_nonnull (cb_engagement_editor_get_delivered (ee));

  run_or_fail (sqlite_argv);
  run_or_fail (search_argv);
  cb_ui_drain ();

  g_free (cb_test_create (store, "school", "name", "Added After The Backup", NULL));
  cb_ui_drain ();
  /* Killed: no window closes, no connection closes. */
  _exit (0);
}

static gboolean
has_record (CbStore    *store,
            const char *kind,
            const char *field,
            const char *wanted)
{
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  filter.kind = kind;
  records = cb_store_list (store, &filter, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (cb_record_get (records->pdata[i], field), wanted) == 0)
      return TRUE;
  return FALSE;
}

static void
test_app_killed_after_backup (void)
{
  g_autofree char *path = cb_ui_test_path ("kill.db");
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      app_killed_after_backup_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  store = cb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (has_record (store, "school", "name", "Academia Charter"));
  g_assert_true (has_record (store, "engagement", "name", "Academia 2026–27"));
  g_assert_true (has_record (store, "school", "name", "Added After The Backup"));
}

/* Back Up… in the main menu: the file chooser, the copy, and a dialog
 * that says how to restore it. The copy holds private records too and
 * restores with coachbook-cli. */
static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static void
test_back_up_menu (void)
{
  g_autofree char *path = cb_ui_test_path ("menu.db");
  g_autofree char *backup = cb_ui_test_path ("menu-backup.db");
  g_autofree char *restored = cb_ui_test_path ("menu-restored.db");
  g_autofree char *cli = cli_path ();
  const char *restore_argv[] = { cli, "--db", restored, "restore", backup, NULL };
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *secret = cb_test_create (store, "person", "name", "Private Person", "privacy", "private", NULL);
  GtkWindow *chooser = NULL;
  GtkWindow *done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) copy = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back-up", NULL));
  for (guint i = 0; i < 200 && (chooser = cb_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL; i++)
    cb_ui_spin (20);
  g_assert_nonnull (chooser);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    g_assert_true (g_str_has_suffix (name, ".db"));
  }
  /* The chooser settles on its first folder asynchronously. */
  cb_ui_spin (300);
  {
    g_autoptr(GFile) file = g_file_new_for_path (backup);

    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
    g_assert_no_error (error);
  }
  cb_ui_drain ();
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "menu-backup.db");
  cb_ui_drain ();
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
    g_autofree char *chosen_path = chosen ? g_file_get_path (chosen) : NULL;

    g_assert_cmpstr (chosen_path, ==, backup);
  }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < 500 && (done = cb_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) == NULL; i++)
    cb_ui_spin (20);
  if (done != NULL)
    g_test_message ("dialog: %s / %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (done)),
                    adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (done)));
  g_assert_nonnull (done);
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (done), is_label_with, "coachbook-cli restore"));
  cb_ui_save_png (GTK_WIDGET (done), "backup-saved.png");
  gtk_window_destroy (done);

  /* Restoring over the database the app shows is refused, with one line. */
  {
    const char *argv[] = { cli, "--db", path, "restore", backup, NULL };
    g_autofree char *err = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "quit it, then restore"));
    g_assert_null (strchr (g_strstrip (err), '\n'));
  }

  /* A sound copy, private records included, that restores. */
  cb_store_check_file (backup, &error);
  g_assert_no_error (error);
  run_or_fail (restore_argv);
  copy = cb_store_open (restored, &error);
  g_assert_no_error (error);
  g_assert_true (has_record (copy, "person", "name", "Private Person"));
  g_assert_cmpstr (cb_store_get_replica (copy), !=, cb_store_get_replica (store));
  cb_ui_stop_app (app);
}

int
main (int argc, char **argv)
{
  cb_ui_test_init (&argc, &argv);
  g_test_add_func ("/trust/app-killed-after-backup", test_app_killed_after_backup);
  g_test_add_func ("/trust/back-up-menu", test_back_up_menu);
  return cb_ui_test_run ();
}
