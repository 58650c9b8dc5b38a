/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Records the default microphone to WAV. The tests, which have no
 * microphone, name another GStreamer source in
 * COACHBOOK_TEST_AUDIO_SOURCE (for example "audiotestsrc is-live=true"). */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <unistd.h>

#include "cb-talk-decode.h"
#include "cb-talk-record.h"

#define STOP_TIMEOUT (5 * GST_SECOND)
/* A source that cannot open its device says so on the bus within this */
#define START_TIMEOUT (500 * GST_MSECOND)

struct _CbTalkRecorder
{
  GstElement *pipeline;
  char       *path;
  int         fd;
  gboolean    stopped;
  gboolean    failed;   /* the source reported an error */
};

static const char *
no_microphone (void)
{
  return _("No microphone could be opened, so this lesson is not being recorded. "
           "Record it on a phone and add it with “Analyse a Recording…”.");
}

static GstElement *
make_source (GError **error)
{
  const char *test_source = g_getenv ("COACHBOOK_TEST_AUDIO_SOURCE");
  GstElement *source;

  if (test_source != NULL && *test_source != '\0')
    return gst_parse_bin_from_description (test_source, TRUE, error);
  source = gst_element_factory_make ("autoaudiosrc", NULL);
  if (source == NULL)
    g_set_error (error, CB_TALK_ERROR, CB_TALK_ERROR_MISSING_PLUGIN,
                 _("Cannot record: the GStreamer element “%s” is missing; install the package %s."),
                 "autoaudiosrc", "gstreamer1.0-plugins-good");
  return source;
}

static gboolean
build_pipeline (CbTalkRecorder  *self,
                GError         **error)
{
  g_autoptr(GstCaps) caps = gst_caps_new_simple ("audio/x-raw",
                                                 "format", G_TYPE_STRING, "S16LE",
                                                 "channels", G_TYPE_INT, 1,
                                                 "rate", G_TYPE_INT, 16000, NULL);
  GstElement *source, *convert, *resample, *filter, *encoder, *sink;

  if ((source = make_source (error)) == NULL)
    return FALSE;
  convert = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  filter = gst_element_factory_make ("capsfilter", NULL);
  encoder = gst_element_factory_make ("wavenc", NULL);
  sink = gst_element_factory_make ("fdsink", NULL);
  self->pipeline = gst_pipeline_new ("talk-record");
  gst_bin_add (GST_BIN (self->pipeline), source);
  if (convert == NULL || resample == NULL || filter == NULL || encoder == NULL || sink == NULL)
    {
      g_set_error (error, CB_TALK_ERROR, CB_TALK_ERROR_MISSING_PLUGIN,
                   _("Cannot record: a GStreamer element is missing; install the packages %s."),
                   "gstreamer1.0-plugins-base gstreamer1.0-plugins-good");
      g_clear_object (&convert);
      g_clear_object (&resample);
      g_clear_object (&filter);
      g_clear_object (&encoder);
      g_clear_object (&sink);
      return FALSE;
    }
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "fd", self->fd, NULL);
  gst_bin_add_many (GST_BIN (self->pipeline), convert, resample, filter, encoder, sink, NULL);
  if (!gst_element_link_many (source, convert, resample, filter, encoder, sink, NULL))
    {
      g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_RECORDING, no_microphone ());
      return FALSE;
    }
  return TRUE;
}

/**
 * cb_talk_recorder_start:
 * @path: a new file (see cb_talk_recording_new_path()); it must not exist
 * @error: a missing microphone or plugin, told so that the coach can act
 *
 * Returns: (transfer full) (nullable): a recorder, recording
 */
CbTalkRecorder *
cb_talk_recorder_start (const char  *path,
                        GError     **error)
{
  g_autoptr(CbTalkRecorder) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!cb_talk_init (error))
    return NULL;
  self = g_new0 (CbTalkRecorder, 1);
  self->path = g_strdup (path);
  /* Made here, 0600, never over another file: the sink writes into it. */
  self->fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot record to “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!build_pipeline (self, error))
    return NULL;
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE ||
      gst_element_get_state (self->pipeline, NULL, NULL, START_TIMEOUT) == GST_STATE_CHANGE_FAILURE ||
      !cb_talk_recorder_check (self, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_RECORDING, no_microphone ());
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * cb_talk_recorder_check:
 *
 * Without waiting: a device that could not be opened (the automatic
 * source reports it once the pipeline runs) or was lost since.
 *
 * Returns: %TRUE while the recorder records
 */
gboolean
cb_talk_recorder_check (CbTalkRecorder  *self,
                        GError         **error)
{
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->stopped || self->failed)
    return !self->failed;
  bus = gst_element_get_bus (self->pipeline);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message == NULL)
    return TRUE;
  self->failed = TRUE;
  g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_RECORDING, no_microphone ());
  return FALSE;
}

/**
 * cb_talk_recorder_set_paused:
 *
 * A paused recorder keeps nothing: the file holds the lesson clock's
 * running time only, so it lines up with it.
 */
void
cb_talk_recorder_set_paused (CbTalkRecorder *self,
                             gboolean        paused)
{
  g_return_if_fail (self != NULL);

  if (!self->stopped)
    gst_element_set_state (self->pipeline, paused ? GST_STATE_PAUSED : GST_STATE_PLAYING);
}

/**
 * cb_talk_recorder_stop:
 *
 * Ends the file (the WAV header gets its length) and closes it.
 *
 * Returns: %TRUE when the file is complete
 */
gboolean
cb_talk_recorder_stop (CbTalkRecorder  *self,
                       GError         **error)
{
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->stopped)
    return TRUE;
  self->stopped = TRUE;
  bus = gst_element_get_bus (self->pipeline);
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  gst_element_send_event (self->pipeline, gst_event_new_eos ());
  message = gst_bus_timed_pop_filtered (bus, STOP_TIMEOUT, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (message == NULL || GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_RECORDING,
                           _("The recording could not be finished; the lesson’s notes are safe."));
      ok = FALSE;
    }
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (self->fd >= 0 && fsync (self->fd) != 0)
    ok = FALSE;
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  return ok;
}

const char *
cb_talk_recorder_get_path (CbTalkRecorder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

void
cb_talk_recorder_free (CbTalkRecorder *self)
{
  if (self == NULL)
    return;
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_object_unref (self->pipeline);
    }
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_free (self);
}

/**
 * cb_talk_recordings_dir:
 *
 * The folder of lesson recordings, made 0700 if missing:
 * `$XDG_DATA_HOME/coachbook/recordings`. Never a synced folder.
 *
 * Returns: (transfer full) (nullable): its path
 */
char *
cb_talk_recordings_dir (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "coachbook", "recordings", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the recordings folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&dir);
}

/**
 * cb_talk_recording_new_path:
 *
 * Returns: (transfer full) (nullable): a new file name in the
 *   recordings folder, named by the time only
 */
char *
cb_talk_recording_new_path (GError **error)
{
  g_autofree char *dir = cb_talk_recordings_dir (error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;

  if (dir == NULL)
    return NULL;
  name = g_strdup_printf ("lesson-%s-%08x.wav", stamp, g_random_int ());
  return g_build_filename (dir, name, NULL);
}

/**
 * cb_talk_recording_delete:
 * @path: a recording in the recordings folder
 * @keep_days: the coach's preference; 0 deletes it now
 *
 * Returns: %TRUE when the file was deleted
 */
gboolean
cb_talk_recording_delete (const char *path,
                          guint       keep_days)
{
  if (keep_days > 0)
    return FALSE;
  return g_unlink (path) == 0;
}

/**
 * cb_talk_recordings_purge:
 * @keep_days: recordings older than this many days are deleted
 *
 * Run when the app starts: a recording left by a crash or kept by the
 * coach's preference goes when its days are up (at once with 0).
 *
 * Returns: how many were deleted
 */
guint
cb_talk_recordings_purge (guint keep_days)
{
  g_autofree char *dir_path = g_build_filename (g_get_user_data_dir (), "coachbook", "recordings", NULL);
  g_autoptr(GDir) dir = NULL;
  gint64 limit = g_get_real_time () / G_USEC_PER_SEC - (gint64) keep_days * 86400;
  const char *name;
  guint deleted = 0;

  if (dir_path == NULL || (dir = g_dir_open (dir_path, 0, NULL)) == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      GStatBuf st;

      if (g_str_has_prefix (name, "lesson-") && g_str_has_suffix (name, ".wav") &&
          g_stat (path, &st) == 0 && st.st_mtime <= limit && g_unlink (path) == 0)
        deleted++;
    }
  return deleted;
}
