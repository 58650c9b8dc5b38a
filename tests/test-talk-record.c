/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Recording without a microphone: audiotestsrc stands in for it through
 * COACHBOOK_TEST_AUDIO_SOURCE. The file is private (0600), in the data
 * folder, and holds the lesson clock's running time only. */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <sys/stat.h>

#include "cb-talk-decode.h"
#include "cb-talk-record.h"
#include "cb-talk.h"
#include "cb-test-util.h"

static void
wait_ms (guint ms)
{
  g_usleep (ms * 1000);
}

static void
test_record_follows_clock (void)
{
  g_autofree char *data = cb_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CbTalkRecorder) recorder = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  GStatBuf st;
  guint total;

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("COACHBOOK_TEST_AUDIO_SOURCE", "audiotestsrc is-live=true wave=sine volume=0.3", TRUE);
  if (!cb_talk_init (&error))
    {
      g_test_skip (error->message);
      return;
    }
  path = cb_talk_recording_new_path (&error);
  g_assert_no_error (error);
  dir = g_path_get_dirname (path);
  g_assert_true (g_str_has_prefix (path, data));
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  recorder = cb_talk_recorder_start (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  wait_ms (2000);
  /* the lesson clock pauses: three seconds not kept */
  cb_talk_recorder_set_paused (recorder, TRUE);
  wait_ms (3000);
  cb_talk_recorder_set_paused (recorder, FALSE);
  wait_ms (1500);
  g_assert_true (cb_talk_recorder_stop (recorder, &error));
  g_assert_no_error (error);

  segments = cb_talk_analyse_file (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  total = cb_talk_segments_total (segments);
  g_test_message ("recorded %u s for 3.5 s of running clock", total);
  g_assert_cmpuint (total, >=, 3);
  g_assert_cmpuint (total, <=, 5);

  /* deleted after analysis by default; kept when the coach keeps N days */
  g_assert_false (cb_talk_recording_delete (path, 7));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cb_talk_recordings_purge (7), ==, 0);
  g_assert_cmpuint (cb_talk_recordings_purge (0), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  cb_test_rmtree (data);
}

static void
test_record_refuses_existing (void)
{
  g_autofree char *data = cb_test_tmpdir ();
  g_autofree char *path = g_build_filename (data, "taken.wav", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbTalkRecorder) recorder = NULL;

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  recorder = cb_talk_recorder_start (path, &error);
  g_assert_null (recorder);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  cb_test_rmtree (data);
}


/* Ten seconds of a tone that comes and goes, 16-bit 16 kHz WAV. */
static char *
write_wav (const char *dir)
{
  const guint rate = 16000, n = rate * 10;
  g_autofree gint16 *samples = g_new0 (gint16, n);
  char *path = g_build_filename (dir, "tone.wav", NULL);
  g_autoptr(GString) data = g_string_new (NULL);
  guint32 u32;
  guint16 u16;

  for (guint i = 0; i < n; i++)
    samples[i] = GINT16_TO_LE ((gint16) (((i / (rate / 5)) % 3 != 0) ? 8000 * sin (i * 2 * G_PI * 180 / rate) : 0));
  g_string_append_len (data, "RIFF", 4);
  u32 = GUINT32_TO_LE (36 + 2 * n); g_string_append_len (data, (const char *) &u32, 4);
  g_string_append_len (data, "WAVEfmt ", 8);
  u32 = GUINT32_TO_LE (16); g_string_append_len (data, (const char *) &u32, 4);
  u16 = GUINT16_TO_LE (1); g_string_append_len (data, (const char *) &u16, 2);
  u16 = GUINT16_TO_LE (1); g_string_append_len (data, (const char *) &u16, 2);
  u32 = GUINT32_TO_LE (rate); g_string_append_len (data, (const char *) &u32, 4);
  u32 = GUINT32_TO_LE (2 * rate); g_string_append_len (data, (const char *) &u32, 4);
  u16 = GUINT16_TO_LE (2); g_string_append_len (data, (const char *) &u16, 2);
  u16 = GUINT16_TO_LE (16); g_string_append_len (data, (const char *) &u16, 2);
  g_string_append_len (data, "data", 4);
  u32 = GUINT32_TO_LE (2 * n); g_string_append_len (data, (const char *) &u32, 4);
  g_string_append_len (data, (const char *) samples, 2 * n);
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  return path;
}

static char *
analyse_with (const char *path,
              const char *vad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) segments = NULL;

  g_setenv ("COACHBOOK_TALK_VAD", vad, TRUE);
  segments = cb_talk_analyse_file (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_talk_segments_total (segments), ==, 10);
  return cb_talk_segments_serialize (segments);
}

/* webrtcdsp's voice detection where it is installed (COACHBOOK_TALK_VAD=1),
 * the loudness alone with COACHBOOK_TALK_VAD=0; and where it is missing,
 * asking for it gives the loudness alone, without an error. */
static void
test_voice_detector_optional (void)
{
  g_autofree char *data = cb_test_tmpdir ();
  g_autofree char *path = write_wav (data);
  g_autofree char *plain = NULL;
  g_autofree char *detected = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GError) error = NULL;
  GstElementFactory *dsp;

  if (!cb_talk_init (&error))
    {
      g_test_skip (error->message);
      return;
    }
  plain = analyse_with (path, "0");
  dsp = gst_element_factory_find ("webrtcdsp");
  if (dsp != NULL)
    {
      detected = analyse_with (path, "1");
      g_test_message ("loudness alone:\n%swith webrtcdsp:\n%s", plain, detected);
      gst_registry_remove_feature (gst_registry_get (), GST_PLUGIN_FEATURE (dsp));
      gst_object_unref (dsp);
    }
  g_assert_null (gst_element_factory_find ("webrtcdsp"));
  missing = analyse_with (path, "1");
  g_assert_cmpstr (missing, ==, plain);
  g_unsetenv ("COACHBOOK_TALK_VAD");
  cb_test_rmtree (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/talk-record/follows-clock", test_record_follows_clock);
  g_test_add_func ("/talk-record/refuses-existing", test_record_refuses_existing);
  g_test_add_func ("/talk-record/voice-detector-optional", test_voice_detector_optional);
  return g_test_run ();
}
