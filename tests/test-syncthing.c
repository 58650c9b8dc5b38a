/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder on a real Syncthing: two daemons, each with its own
 * home, share one folder between two laptops' sync folders over
 * 127.0.0.1 only (no global or local discovery, relays, NAT, usage or
 * crash reporting, upgrades; maxConflicts set). Two laptops edit one
 * record at the same time and others apart, sync, wait until both
 * daemons report the folder idle (REST /rest/db/status) with the same
 * files, and sync again: both databases export the same file, the
 * conflict shows on both, no edit is lost. Both laptops also drop a
 * full exchange file under one name at once: Syncthing keeps a conflict
 * copy, which the next sync reads.
 *
 * Skipped, saying why, only when syncthing is not installed or its
 * daemon does not answer. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "cb-exchange-test-util.h"
#include "cb-sync.h"
#include "cb-test-util.h"

#define FOLDER_ID   "coachbook"
/* an upper bound for a loaded machine; on an idle one it takes seconds */
#define WAIT_S      90

typedef struct
{
  char        *home;
  char        *folder;
  char        *device;
  char        *apikey;
  guint16      listen_port;
  guint16      gui_port;
  GSubprocess *process;
  gboolean     exited;
} Daemon;

static char *tmpdir;

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* One HTTP request to a daemon's REST API; the body, or NULL. */
static char *
rest (Daemon     *d,
      const char *method,
      const char *path)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);
  GOutputStream *out;
  GInputStream *in;
  char buf[4096];
  gssize n;
  const char *body;

  g_socket_client_set_timeout (client, 5);
  g_socket_client_set_enable_proxy (client, FALSE);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", d->gui_port, NULL, NULL);
  if (conn == NULL)
    return NULL;
  request = g_strdup_printf ("%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\nX-API-Key: %s\r\n"
                             "Content-Length: 0\r\n\r\n", method, path, d->apikey);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  if (!g_output_stream_write_all (out, request, strlen (request), NULL, NULL, NULL))
    return NULL;
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (reply, buf, n);
  if (!g_str_has_prefix (reply->str, "HTTP/1.") || strstr (reply->str, " 200 ") == NULL)
    return NULL;
  body = strstr (reply->str, "\r\n\r\n");
  return body ? g_strdup (body + 4) : NULL;
}

/* A value of a flat JSON object, as text (enough for /rest/db/status). */
static char *
json_value (const char *json,
            const char *key)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\"\\s*:\\s*\"?([^\",}\\s]*)", key);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (json == NULL || !g_regex_match (re, json, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static char *
run_capture (const char * const *argv)
{
  g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, NULL);
  char *out = NULL;

  if (p == NULL || !g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, NULL) ||
      !g_subprocess_get_successful (p))
    {
      g_free (out);
      return NULL;
    }
  return g_strstrip (out);
}

/* Keys and an identity in @d->home; FALSE when syncthing cannot make them. */
static gboolean
generate (Daemon     *d,
          const char *syncthing)
{
  g_autofree char *home_arg = g_strdup_printf ("--home=%s", d->home);
  const char *gen[] = { syncthing, "generate", home_arg, "--no-default-folder", "--skip-port-probing", NULL };
  const char *id[] = { syncthing, "serve", home_arg, "--device-id", NULL };
  g_autofree char *out = run_capture (gen);

  if (out == NULL)
    return FALSE;
  d->device = run_capture (id);
  d->apikey = g_uuid_string_random ();
  d->listen_port = free_port ();
  d->gui_port = free_port ();
  return d->device != NULL && strlen (d->device) > 50;
}

static void
write_config (Daemon *d,
              Daemon *a,
              Daemon *b)
{
  g_autofree char *path = g_build_filename (d->home, "config.xml", NULL);
  g_autofree char *xml = g_strdup_printf (
    "<configuration version=\"36\">\n"
    "  <folder id=\"" FOLDER_ID "\" label=\"Coachbook\" path=\"%s\" type=\"sendreceive\"\n"
    "          rescanIntervalS=\"3600\" fsWatcherEnabled=\"true\" fsWatcherDelayS=\"1\">\n"
    "    <filesystemType>basic</filesystemType>\n"
    "    <device id=\"%s\"></device>\n"
    "    <device id=\"%s\"></device>\n"
    "    <minDiskFree unit=\"%%\">0</minDiskFree>\n"
    "    <maxConflicts>10</maxConflicts>\n"
    "  </folder>\n"
    "  <device id=\"%s\" name=\"a\" compression=\"metadata\"><address>tcp://127.0.0.1:%u</address></device>\n"
    "  <device id=\"%s\" name=\"b\" compression=\"metadata\"><address>tcp://127.0.0.1:%u</address></device>\n"
    "  <gui enabled=\"true\" tls=\"false\">\n"
    "    <address>127.0.0.1:%u</address>\n"
    "    <apikey>%s</apikey>\n"
    "  </gui>\n"
    "  <options>\n"
    "    <listenAddress>tcp://127.0.0.1:%u</listenAddress>\n"
    "    <globalAnnounceEnabled>false</globalAnnounceEnabled>\n"
    "    <localAnnounceEnabled>false</localAnnounceEnabled>\n"
    "    <relaysEnabled>false</relaysEnabled>\n"
    "    <natEnabled>false</natEnabled>\n"
    "    <urAccepted>-1</urAccepted>\n"
    "    <urSeen>3</urSeen>\n"
    "    <crashReportingEnabled>false</crashReportingEnabled>\n"
    "    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>\n"
    "    <startBrowser>false</startBrowser>\n"
    "    <announceLANAddresses>false</announceLANAddresses>\n"
    "    <setLowPriority>false</setLowPriority>\n"
    "  </options>\n"
    "</configuration>\n",
    d->folder, a->device, b->device, a->device, a->listen_port, b->device, b->listen_port,
    d->gui_port, d->apikey, d->listen_port);

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Daemon *d = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  d->exited = TRUE;
}

/* In the child: the daemon goes when the test does, even when an
 * assertion aborts it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
start (Daemon     *d,
       const char *syncthing)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *home_arg = g_strdup_printf ("--home=%s", d->home);
  g_autofree char *log = g_build_filename (d->home, "syncthing.log", NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_setenv (launcher, "STNOUPGRADE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "STNORESTART", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "STNODEFAULTFOLDER", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", d->home, TRUE);
  d->process = g_subprocess_launcher_spawn (launcher, NULL, syncthing, "serve", home_arg, "--no-browser",
                                            "--no-restart", "--no-upgrade", "--no-default-folder", NULL);
  if (d->process != NULL)
    g_subprocess_wait_async (d->process, NULL, on_exited_cb, d);
  return d->process != NULL;
}

static gboolean
answers (Daemon *d)
{
  for (guint i = 0; i < WAIT_S * 10; i++)
    {
      g_autofree char *pong = rest (d, "GET", "/rest/system/ping");

      if (pong != NULL && strstr (pong, "pong") != NULL)
        return TRUE;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (d->exited)
        return FALSE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

static void
stop (Daemon *d)
{
  if (d->process != NULL)
    {
      if (!d->exited)
        g_free (rest (d, "POST", "/rest/system/shutdown"));
      for (guint i = 0; i < 100 && !d->exited; i++)
        {
          if (i == 50)
            g_subprocess_force_exit (d->process);
          g_usleep (100 * 1000);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      g_clear_object (&d->process);
    }
  g_free (d->home);
  g_free (d->folder);
  g_free (d->device);
  g_free (d->apikey);
}

/* The exchange files of @folder and their sizes, one per line. */
static char *
listing (const char *folder)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) top = g_dir_open (folder, 0, NULL);
  const char *name;

  while (top != NULL && (name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GDir) sub = NULL;
      const char *inner;
      GStatBuf st;

      if (name[0] == '.')
        continue;
      if ((sub = g_dir_open (path, 0, NULL)) == NULL)
        {
          if (g_stat (path, &st) == 0)
            g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GINT64_FORMAT, name, (gint64) st.st_size));
          continue;
        }
      while ((inner = g_dir_read_name (sub)) != NULL)
        {
          g_autofree char *ipath = g_build_filename (path, inner, NULL);
          if (inner[0] != '.' && g_stat (ipath, &st) == 0)
            g_ptr_array_add (lines, g_strdup_printf ("%s/%s %" G_GINT64_FORMAT, name, inner, (gint64) st.st_size));
        }
    }
  g_ptr_array_sort (lines, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static gboolean
idle (Daemon *d)
{
  g_autofree char *status = rest (d, "GET", "/rest/db/status?folder=" FOLDER_ID);
  g_autofree char *state = json_value (status, "state");
  g_autofree char *need = json_value (status, "needTotalItems");

  return g_strcmp0 (state, "idle") == 0 && g_strcmp0 (need, "0") == 0;
}

/* Until both daemons are idle with nothing to fetch and both folders
 * hold the same files; FALSE when they do not settle. */
static gboolean
wait_synced (Daemon *a,
             Daemon *b)
{
  g_free (rest (a, "POST", "/rest/db/scan?folder=" FOLDER_ID));
  g_free (rest (b, "POST", "/rest/db/scan?folder=" FOLDER_ID));
  for (guint i = 0; i < WAIT_S * 5; i++)
    {
      g_autofree char *la = listing (a->folder);
      g_autofree char *lb = listing (b->folder);

      if (g_str_equal (la, lb) && idle (a) && idle (b))
        return TRUE;
      g_usleep (200 * 1000);
    }
  g_test_message ("the two Syncthing daemons did not settle in %u s", WAIT_S);
  g_test_fail ();
  return FALSE;
}

static CbSyncReport *
sync_ok (CbStore    *store,
         const char *folder)
{
  g_autoptr(GError) error = NULL;
  CbSyncReport *report = cb_sync_run (store, folder, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static gboolean
read_a_conflict_copy (const CbSyncReport *r)
{
  for (guint i = 0; i < r->read->len; i++)
    if (strstr (g_ptr_array_index (r->read, i), ".sync-conflict-") != NULL)
      return TRUE;
  return FALSE;
}

static void
check_values (CbStore    *store,
              const char *uuid,
              const char *field,
              guint       n)
{
  g_autoptr(GPtrArray) values = cb_store_get_values (store, uuid, field, NULL);

  g_assert_nonnull (values);
  g_assert_cmpuint (values->len, ==, n);
}

/* Two laptops on one Syncthing folder (see the top of this file). */
static void
run_laptops (Daemon *da,
             Daemon *db)
{
  g_autofree char *a_db = g_build_filename (tmpdir, "a.db", NULL);
  g_autofree char *b_db = g_build_filename (tmpdir, "b.db", NULL);
  g_autofree char *fa = g_build_filename (tmpdir, "a.xml", NULL);
  g_autofree char *fb = g_build_filename (tmpdir, "b.xml", NULL);
  g_autofree char *team_a = g_build_filename (da->folder, "team.coachbook.xml", NULL);
  g_autofree char *team_b = g_build_filename (db->folder, "team.coachbook.xml", NULL);
  g_autoptr(CbStore) a = cb_test_open_store (a_db, "Ana García");
  g_autoptr(CbStore) b = cb_test_open_store (b_db, "Ben Okafor");
  g_autofree char *school = cb_test_create (a, "school", "name", "Lincoln", NULL);
  g_autofree char *pa = cb_test_create (a, "person", "name", "Carla Ruiz", NULL);
  g_autofree char *pb = cb_test_create (b, "person", "name", "Dan Wu", NULL);
  g_autoptr(GError) error = NULL;
  gboolean copy_read = FALSE;

  for (guint round = 0; round < 2; round++)
    {
      cb_sync_report_free (sync_ok (a, da->folder));
      cb_sync_report_free (sync_ok (b, db->folder));
      if (!wait_synced (da, db))
        return;
    }
  g_assert_nonnull (cb_store_get (b, school, NULL));

  /* at the same time: one record on both laptops, others apart, and
   * one file name written on both sides */
  g_assert_true (cb_store_set (a, school, "name", "Lincoln ES", &error));
  g_assert_true (cb_store_set (b, school, "name", "Lincoln Elementary", &error));
  g_assert_true (cb_store_set (a, pa, "name", "Carla Ruiz-Soto", &error));
  g_assert_true (cb_store_set (b, pb, "name", "Daniel Wu", &error));
  g_assert_no_error (error);
  cb_test_export (a, team_a);
  cb_test_export (b, team_b);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(CbSyncReport) ra = sync_ok (a, da->folder);
      g_autoptr(CbSyncReport) rb = sync_ok (b, db->folder);

      copy_read |= read_a_conflict_copy (ra) || read_a_conflict_copy (rb);
      if (!wait_synced (da, db))
        return;
    }
  {
    g_autoptr(CbSyncReport) ra = sync_ok (a, da->folder);
    g_autoptr(CbSyncReport) rb = sync_ok (b, db->folder);
    copy_read |= read_a_conflict_copy (ra) || read_a_conflict_copy (rb);
  }

  /* Syncthing kept both versions of team.coachbook.xml, and a sync read the copy */
  g_assert_true (copy_read);
  /* the conflict shows on both laptops; nothing is lost */
  g_assert_cmpuint (cb_store_count_conflicts (a), ==, 1);
  g_assert_cmpuint (cb_store_count_conflicts (b), ==, 1);
  check_values (a, school, "name", 2);
  check_values (b, school, "name", 2);
  check_values (a, pb, "name", 1);
  check_values (b, pa, "name", 1);
  {
    g_autoptr(CbRecord) ra = cb_store_get (b, pa, NULL);
    g_autoptr(CbRecord) rb = cb_store_get (a, pb, NULL);
    g_assert_cmpstr (cb_record_get (ra, "name"), ==, "Carla Ruiz-Soto");
    g_assert_cmpstr (cb_record_get (rb, "name"), ==, "Daniel Wu");
  }
  cb_test_export (a, fa);
  cb_test_export (b, fb);
  g_assert_true (cb_test_files_same_body (fa, fb));
}

static void
test_syncthing (void)
{
  g_autofree char *syncthing = g_find_program_in_path ("syncthing");
  Daemon da = { 0 }, dbb = { 0 };

  if (syncthing == NULL)
    {
      g_test_skip ("syncthing is not installed (build-aux/dev test installs it)");
      return;
    }
  da.home = g_build_filename (tmpdir, "home-a", NULL);
  dbb.home = g_build_filename (tmpdir, "home-b", NULL);
  da.folder = g_build_filename (tmpdir, "laptop-a", "sync", NULL);
  dbb.folder = g_build_filename (tmpdir, "laptop-b", "sync", NULL);
  g_mkdir_with_parents (da.folder, 0700);
  g_mkdir_with_parents (dbb.folder, 0700);
  if (!generate (&da, syncthing) || !generate (&dbb, syncthing))
    {
      g_test_skip ("syncthing could not generate its keys and identity");
      stop (&da);
      stop (&dbb);
      return;
    }
  write_config (&da, &da, &dbb);
  write_config (&dbb, &da, &dbb);
  if (!start (&da, syncthing) || !start (&dbb, syncthing) || !answers (&da) || !answers (&dbb))
    {
      g_autofree char *log = g_build_filename (da.home, "syncthing.log", NULL);
      g_autofree char *why = NULL;

      g_file_get_contents (log, &why, NULL, NULL);
      g_test_message ("syncthing log: %s", why ? why : "(none)");
      g_test_skip ("the syncthing daemons did not answer on 127.0.0.1");
      stop (&da);
      stop (&dbb);
      return;
    }
  run_laptops (&da, &dbb);
  stop (&da);
  stop (&dbb);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = cb_test_tmpdir ();
  g_test_add_func ("/syncthing/two-laptops", test_syncthing);
  rc = g_test_run ();
  cb_test_rmtree (tmpdir);
  g_free (tmpdir);
  return rc;
}
