/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cb-application.h"
#include "cb-db-lock.h"
#include "cb-generate.h"
#include "cb-preferences-window.h"
#include "cb-store-check.h"
#include "cb-talk-record.h"
#include "cb-window.h"

struct _CbApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  CbStore        *store;
  GError         *store_error;
  GSettings      *settings;
  gboolean        store_tried;
  gboolean        check_started;
  GCancellable   *check_cancellable;
  CbStore        *own_store;     /* the coach's own, while a sample is shown */
  CbDbLock       *db_lock;       /* the coach's database is shown here */
  gboolean        making_sample;
};

/* Records in a sample notebook: a school year under way, one school. */
#define SAMPLE_RECORDS 2000
#define SAMPLE_SEED    2024

G_DEFINE_FINAL_TYPE (CbApplication, cb_application, ADW_TYPE_APPLICATION)

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Without the schema (an uninstalled build run without
   * GSETTINGS_SCHEMA_DIR) GSettings would abort: run with defaults. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; preferences will not be kept.",
                 APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
apply_author (CbApplication *self)
{
  g_autofree char *name = NULL;

  if (self->store == NULL || self->settings == NULL)
    return;
  name = g_settings_get_string (self->settings, "coach-name");
  cb_store_set_author (self->store, name);
}

static void
ensure_store (CbApplication *self)
{
  if (self->store_tried)
    return;
  self->store_tried = TRUE;
  /* The integrity check waits for the first frame: see check_store(). */
  self->store = cb_store_open_full (self->db_path, CB_STORE_OPEN_DEFER_CHECK, &self->store_error);
  /* The window reads a page of rows at a time: 8 MB of SQLite page
   * cache keeps that hot (core's 16 MB suits imports, which run on
   * connections of their own) and keeps the app's peak memory with
   * 100,000 records within 30 MB of an empty database (bench-app). */
  if (self->store != NULL)
    cb_store_set_cache_size (self->store, 8000);
  /* Tells coachbook-cli restore that the database is shown here. A
   * folder where no lock file can be made is no reason not to run. */
  if (self->store != NULL && cb_store_get_path (self->store) != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->db_lock = cb_db_lock_hold (cb_store_get_path (self->store), &error);
      if (self->db_lock == NULL)
        g_message ("%s", error->message);
    }
  apply_author (self);
}

static void
on_store_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CbApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) write_error = NULL;
  CbStore *checked;

  if (cb_store_check_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  /* The check could not run (the file could not be opened a second
   * time): say so, but the store is no less sound than it was. */
  if (!g_error_matches (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT))
    {
      /* TRANSLATORS: %s says why */
      g_autofree char *text = g_strdup_printf (_("The database could not be checked: %s"), error->message);

      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (CB_IS_WINDOW (l->data))
          cb_window_show_toast (l->data, text);
      return;
    }
  /* The coach's own store, even with the sample shown meanwhile. */
  checked = self->own_store != NULL ? self->own_store : self->store;
  g_message ("Integrity check of %s failed: %s", cb_store_get_path (checked), error->message);

  /* Writing to a damaged file can spread the damage over what is still
   * good: from now on the store only reads (the coach can still read
   * what is left), and the windows say why. The store keeps it. */
  if (!cb_store_mark_damaged (checked, error, &write_error))
    g_warning ("Could not stop writing to the damaged database: %s", write_error->message);
  if (checked != self->store)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CB_IS_WINDOW (l->data))
      cb_window_show_damage (l->data);
}

/* Once per run, after the first window has drawn its first frame. */
static void
check_store (CbApplication *self,
             GtkWindow     *window)
{
  const char *path;

  if (self->check_started || self->store == NULL)
    return;
  path = cb_store_get_path (self->store);
  if (path == NULL)
    return;
  self->check_started = TRUE;
  self->check_cancellable = g_cancellable_new ();
  cb_store_check_after_first_frame (GTK_WIDGET (window), path, self->check_cancellable,
                                    on_store_checked_cb, g_object_ref (self));
}

static void
on_coach_name_changed_cb (GSettings     *settings,
                          const char    *key,
                          CbApplication *self)
{
  apply_author (self);
}

/* The style chosen in Preferences: follow the system, light or dark. */
static void
apply_color_scheme (CbApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
on_color_scheme_changed_cb (GSettings     *settings,
                            const char    *key,
                            CbApplication *self)
{
  apply_color_scheme (self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  CbApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close windows first so editors write what is pending. A window
   * that syncs at close stays until its sync is over; the application
   * ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
    g_application_quit (G_APPLICATION (self));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  CbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CbPreferencesWindow *prefs;

  ensure_store (self);
  prefs = cb_preferences_window_new (self->settings, self->store);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  CbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Coachbook authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Coachbook"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Coachbook authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Notes for K-12 math instructional coaches: observations, co-planning, coaching logs and PD, kept on your laptop."),
                        "website", "https://github.com/coachbook/coachbook",
                        "issue-url", "https://github.com/coachbook/coachbook/issues",
                        "copyright", "© 2024 The Coachbook authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* TRANSLATORS: your name(s) here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  gtk_window_present (GTK_WINDOW (about));
}

/* The sample notebook: demo data in a database of its own, beside the
 * coach's but never the same file, dated around today. The coach's
 * store stays open and untouched while the sample is shown; the
 * window is made again on the other store each way. */

static char *
sample_path (CbApplication *self)
{
  g_autofree char *own = self->db_path ? g_strdup (self->db_path) : cb_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (own);

  return g_build_filename (dir, "sample-notebook.db", NULL);
}

static void
make_sample_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  const char *path = data;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(CbStore) store = NULL;
  GError *error = NULL;

  /* A new sample each time, dated around today. No connection to the
   * old one is open in this process. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                                   _("The old sample notebook could not be removed: %s"), g_strerror (errno));
          return;
        }
    }
  today = g_date_time_format (now, "%Y-%m-%d");
  if ((store = cb_store_open (path, &error)) == NULL ||
      !cb_generate_full (store, SAMPLE_RECORDS, SAMPLE_SEED, today, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_object (&store);
  g_task_return_boolean (task, TRUE);
}

static void
replace_windows (CbApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  GtkWindow *window;

  /* Editors write what is pending to the store they were made on. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (CB_IS_WINDOW (l->data))
      {
        cb_window_flush (l->data);
        gtk_window_destroy (l->data);
      }
  g_list_free (windows);
  window = GTK_WINDOW (cb_application_new_window (self));
  gtk_window_present (window);
}

static void
on_sample_made_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CbApplication *self = CB_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_path (self);
  CbStore *sample;

  self->making_sample = FALSE;
  g_application_release (G_APPLICATION (self));
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      (sample = cb_store_open (path, &error)) == NULL)
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (CB_IS_WINDOW (window))
        {
          /* TRANSLATORS: %s says why */
          g_autofree char *text = g_strdup_printf (_("The sample notebook could not be made: %s"), error->message);
          cb_window_show_toast (CB_WINDOW (window), text);
        }
      return;
    }
  self->own_store = g_steal_pointer (&self->store);
  self->store = sample;
  replace_windows (self);
}

static void
explore_sample_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer      user_data)
{
  CbApplication *self = user_data;
  g_autoptr(GTask) task = NULL;

  ensure_store (self);
  if (self->own_store != NULL || self->making_sample || self->store == NULL)
    return;
  self->making_sample = TRUE;
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, on_sample_made_cb, NULL);
  g_task_set_source_tag (task, explore_sample_activated);
  g_task_set_task_data (task, sample_path (self), g_free);
  g_task_run_in_thread (task, make_sample_thread);
}

static void
leave_sample_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  CbApplication *self = user_data;
  GList *windows;

  if (self->own_store == NULL)
    return;
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (CB_IS_WINDOW (l->data))
      {
        cb_window_flush (l->data);
        gtk_window_destroy (l->data);
      }
  g_list_free (windows);
  g_clear_object (&self->store);
  self->store = g_steal_pointer (&self->own_store);
  replace_windows (self);
}

static const GActionEntry app_actions[] = {
  { "explore-sample", explore_sample_activated },
  { "leave-sample", leave_sample_activated },
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static int
cb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CbApplication *self = CB_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);

      g_free (self->db_path);
      self->db_path = g_file_get_path (file);
      /* Another database is another instance: do not hand the
       * request to a running Coachbook that has a different one open. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
cb_application_startup (GApplication *app)
{
  CbApplication *self = CB_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit",              { "<Control>q", NULL } },
    { "app.preferences",       { "<Control>comma", NULL } },
    { "win.new-record",        { "<Control>n", NULL } },
    { "win.search",            { "<Control>f", NULL } },
    { "win.show-section::today",        { "<Alt>Home", NULL } },
    { "window.close",          { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (cb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  self->settings = create_settings ();
  if (self->settings != NULL)
    {
      g_signal_connect (self->settings, "changed::coach-name",
                        G_CALLBACK (on_coach_name_changed_cb), self);
      g_signal_connect (self->settings, "changed::color-scheme",
                        G_CALLBACK (on_color_scheme_changed_cb), self);
      apply_color_scheme (self);
      cb_talk_recordings_purge ((guint) MAX (g_settings_get_int (self->settings, "recording-keep-days"), 0));
    }
}

static void
cb_application_activate (GApplication *app)
{
  CbApplication *self = CB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  ensure_store (self);
  if (window == NULL)
    window = GTK_WINDOW (cb_application_new_window (self));
  gtk_window_present (window);
  check_store (self, window);
}

static void
cb_application_shutdown (GApplication *app)
{
  CbApplication *self = CB_APPLICATION (app);

  G_APPLICATION_CLASS (cb_application_parent_class)->shutdown (app);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->own_store);
  g_clear_pointer (&self->db_lock, cb_db_lock_release);
}

static void
cb_application_finalize (GObject *object)
{
  CbApplication *self = CB_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->own_store);
  g_clear_pointer (&self->db_lock, cb_db_lock_release);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (cb_application_parent_class)->finalize (object);
}

static void
cb_application_class_init (CbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cb_application_finalize;
  app_class->handle_local_options = cb_application_handle_local_options;
  app_class->startup = cb_application_startup;
  app_class->activate = cb_application_activate;
  app_class->shutdown = cb_application_shutdown;
}

static void
cb_application_init (CbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database instead of your own"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/**
 * cb_application_new:
 *
 * Returns: (transfer full): the application
 */
CbApplication *
cb_application_new (void)
{
  return g_object_new (CB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/coachbook/Coachbook",
                       NULL);
}

/**
 * cb_application_set_db_path:
 * @path: (nullable): the database to open; %NULL for the default one
 *
 * Must be called before the application is activated; used by tests.
 */
void
cb_application_set_db_path (CbApplication *self,
                            const char    *path)
{
  g_return_if_fail (CB_IS_APPLICATION (self));
  g_return_if_fail (!self->store_tried);

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

/**
 * cb_application_get_store:
 *
 * Opens the database on first use.
 *
 * Returns: (transfer none) (nullable): the store, %NULL if it could not
 *   be opened (see cb_application_get_store_error())
 */
CbStore *
cb_application_get_store (CbApplication *self)
{
  g_return_val_if_fail (CB_IS_APPLICATION (self), NULL);

  ensure_store (self);
  return self->store;
}

const GError *
cb_application_get_store_error (CbApplication *self)
{
  g_return_val_if_fail (CB_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * cb_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, %NULL when the
 *   schema is not installed
 */
GSettings *
cb_application_get_settings (CbApplication *self)
{
  g_return_val_if_fail (CB_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * cb_application_get_damage:
 *
 * Returns: (transfer none) (nullable): why the database was found
 *   damaged after start-up (the store then only reads), or %NULL
 */
const GError *
cb_application_get_damage (CbApplication *self)
{
  g_return_val_if_fail (CB_IS_APPLICATION (self), NULL);

  /* the damage is the coach's own database's, not the sample's: the
   * store shown keeps it */
  return self->store != NULL ? cb_store_get_damage (self->store) : NULL;
}

/**
 * cb_application_is_sample:
 *
 * Returns: whether the windows show the sample notebook rather than
 *   the coach's own
 */
gboolean
cb_application_is_sample (CbApplication *self)
{
  g_return_val_if_fail (CB_IS_APPLICATION (self), FALSE);

  return self->own_store != NULL;
}

/**
 * cb_application_new_window:
 *
 * A window on the application's store, its settings, and what is known
 * of the store's damage.
 *
 * Returns: (transfer full): a new window
 */
CbWindow *
cb_application_new_window (CbApplication *self)
{
  CbStore *store;

  g_return_val_if_fail (CB_IS_APPLICATION (self), NULL);

  /* First: opening the store is what sets its error. */
  store = cb_application_get_store (self);
  return cb_window_new (GTK_APPLICATION (self), store,
                        cb_application_get_store_error (self),
                        cb_application_get_settings (self),
                        cb_application_is_sample (self));
}
