/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Decodes a recording to 16 kHz mono and hands the loudness of each
 * 20 ms window to CbTalkAnalysis. Nothing of the sound is kept: the
 * samples of one buffer at a time, then four bytes a window. */

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "cb-talk-decode.h"
#include "cb-talk.h"

#define RATE 16000
#define WINDOW_SAMPLES (RATE / CB_TALK_WINDOWS_PER_SECOND)
#define PULL_TIMEOUT (100 * GST_MSECOND)

G_DEFINE_QUARK (cb-talk-error-quark, cb_talk_error)

typedef struct
{
  GstElement *pipeline;
  GstElement *convert;
  GstElement *sink;
  gboolean    linked;
  gboolean    vad;       /* webrtcdsp's voice activity is heard */
  CbTalkAnalysis *analysis;
} Decoder;

/* webrtcdsp (gstreamer1.0-plugins-bad) tells where it hears a voice:
 * a second opinion beside the loudness, used where it is installed
 * when COACHBOOK_TALK_VAD=1 (=0 leaves it out). Unset, the default
 * below: the loudness alone, which did as well on
 * tests/talk/talk-eval.py, with and without bursts of noise, for less
 * work and one package fewer (docs/talk.md). */
#define VAD_DEFAULT FALSE

static gboolean
want_vad (void)
{
  const char *env = g_getenv ("COACHBOOK_TALK_VAD");
  gboolean wanted = env != NULL && *env != '\0' ? strcmp (env, "0") != 0 : VAD_DEFAULT;
  g_autoptr(GstElementFactory) factory = wanted ? gst_element_factory_find ("webrtcdsp") : NULL;

  return factory != NULL;
}

/* Only the voice detection: everything that would change the sound is
 * switched off, so the loudness is the same with or without it. */
static GstElement *
make_vad (void)
{
  GstElement *dsp = gst_element_factory_make ("webrtcdsp", NULL);
  static const char * const off[] = {
    "echo-cancel", "noise-suppression", "gain-control", "high-pass-filter",
    "extended-filter", "delay-agnostic", "experimental-agc",
  };

  if (dsp == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    if (g_object_class_find_property (G_OBJECT_GET_CLASS (dsp), off[i]) != NULL)
      gst_util_set_object_arg (G_OBJECT (dsp), off[i], "false");
  gst_util_set_object_arg (G_OBJECT (dsp), "voice-detection", "true");
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (dsp), "voice-detection-frame-size-ms") != NULL)
    gst_util_set_object_arg (G_OBJECT (dsp), "voice-detection-frame-size-ms", "10");
  return dsp;
}

/* Each element the analysis needs, and the Debian package it comes in. */
static const struct
{
  const char *factory;
  const char *package;
} needed[] = {
  { "filesrc",       "libgstreamer1.0-0" },
  { "decodebin",     "gstreamer1.0-plugins-base" },
  { "audioconvert",  "gstreamer1.0-plugins-base" },
  { "audioresample", "gstreamer1.0-plugins-base" },
  { "appsink",       "gstreamer1.0-plugins-base" },
};

static gboolean
check_elements (GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (needed[i].factory);

      if (factory == NULL)
        {
          /* TRANSLATORS: the first %s is a GStreamer element such as
           * decodebin, the second a Debian package name */
          g_set_error (error, CB_TALK_ERROR, CB_TALK_ERROR_MISSING_PLUGIN,
                       _("Cannot analyse recordings: the GStreamer element “%s” is missing; install the package %s."),
                       needed[i].factory, needed[i].package);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * cb_talk_init:
 * @error: where missing GStreamer parts are named
 *
 * Starts GStreamer once and checks that what the analysis needs is
 * installed. Safe to call from any thread, any number of times.
 *
 * Returns: %TRUE when recordings can be analysed
 */
gboolean
cb_talk_init (GError **error)
{
  static gsize done = 0;
  static gboolean ok = FALSE;
  static GError *saved = NULL;

  if (g_once_init_enter (&done))
    {
      GError *local = NULL;

      ok = gst_init_check (NULL, NULL, &local) && check_elements (&local);
      if (!ok)
        saved = local;
      g_once_init_leave (&done, 1);
    }
  if (!ok && error != NULL)
    *error = g_error_copy (saved);
  return ok;
}

static void
on_decodebin_pad_added_cb (GstElement *decodebin,
                           GstPad     *pad,
                           Decoder    *decoder)
{
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstPad) sinkpad = NULL;
  const GstStructure *s;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  s = gst_caps_get_structure (caps, 0);
  if (decoder->linked || s == NULL || !g_str_has_prefix (gst_structure_get_name (s), "audio/"))
    return;
  sinkpad = gst_element_get_static_pad (decoder->convert, "sink");
  if (gst_pad_link (pad, sinkpad) == GST_PAD_LINK_OK)
    decoder->linked = TRUE;
}

/* convert ! resample ! S16LE ! webrtcdsp ! audioconvert ! F32LE ! sink:
 * webrtcdsp takes 16-bit samples. FALSE when it cannot be put in. */
static gboolean
link_with_vad (Decoder    *decoder,
               GstElement *resample,
               GstElement *filter)
{
  g_autoptr(GstCaps) s16 = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE",
                                                "channels", G_TYPE_INT, 1, "rate", G_TYPE_INT, RATE, NULL);
  GstElement *dsp = make_vad ();
  GstElement *s16_filter = gst_element_factory_make ("capsfilter", NULL);
  GstElement *back = gst_element_factory_make ("audioconvert", NULL);

  if (dsp == NULL || s16_filter == NULL || back == NULL)
    {
      g_clear_pointer (&dsp, gst_object_unref);
      g_clear_pointer (&s16_filter, gst_object_unref);
      g_clear_pointer (&back, gst_object_unref);
      return FALSE;
    }
  g_object_set (s16_filter, "caps", s16, NULL);
  gst_bin_add_many (GST_BIN (decoder->pipeline), s16_filter, dsp, back, NULL);
  return gst_element_link_many (decoder->convert, resample, s16_filter, dsp, back, filter,
                                decoder->sink, NULL);
}

static gboolean
build_pipeline (Decoder     *decoder,
                const char  *path,
                GError     **error)
{
  GstElement *src, *decodebin, *resample, *filter;
  g_autoptr(GstCaps) caps = NULL;

  decoder->pipeline = gst_pipeline_new ("talk");
  src = gst_element_factory_make ("filesrc", NULL);
  decodebin = gst_element_factory_make ("decodebin", NULL);
  decoder->convert = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  filter = gst_element_factory_make ("capsfilter", NULL);
  decoder->sink = gst_element_factory_make ("appsink", NULL);
  if (src == NULL || decodebin == NULL || decoder->convert == NULL || resample == NULL ||
      filter == NULL || decoder->sink == NULL)
    return check_elements (error);

  caps = gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "F32LE",
                              "channels", G_TYPE_INT, 1,
                              "rate", G_TYPE_INT, RATE,
                              NULL);
  g_object_set (src, "location", path, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (decoder->sink, "sync", FALSE, "max-buffers", 8, "drop", FALSE, NULL);
  gst_bin_add_many (GST_BIN (decoder->pipeline), src, decodebin, decoder->convert,
                    resample, filter, decoder->sink, NULL);
  if (!gst_element_link (src, decodebin))
    return check_elements (error);
  decoder->vad = want_vad () && link_with_vad (decoder, resample, filter);
  if (!decoder->vad &&
      !gst_element_link_many (decoder->convert, resample, filter, decoder->sink, NULL))
    return check_elements (error);
  if (decoder->vad)
    cb_talk_analysis_set_voice_activity (decoder->analysis, 0, FALSE);
  g_signal_connect (decodebin, "pad-added", G_CALLBACK (on_decodebin_pad_added_cb), decoder);
  return TRUE;
}

/* One message for whatever GStreamer says went wrong: the coach needs
 * to know whether to install something or to find another file. */
static void
set_error_from_message (GstMessage  *message,
                        GError     **error)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("talk: %s (%s)", gst_error->message, debug ? debug : "");
  if (g_error_matches (gst_error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN) ||
      g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND))
    g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_MISSING_PLUGIN,
                         _("No decoder for this recording’s format: install the packages "
                           "gstreamer1.0-plugins-good and gstreamer1.0-libav, or convert it to WAV."));
  else
    g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_UNREADABLE,
                         _("This file is not a recording Coachbook can read, or it is damaged."));
}

/* Checks the bus without waiting. Returns FALSE on an error. */
static gboolean
check_bus (Decoder  *decoder,
           GError  **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (decoder->pipeline);
  GstMessage *message;

  while ((message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_ELEMENT)) != NULL)
    {
      const GstStructure *s = gst_message_get_structure (message);
      guint64 time;
      gboolean voice;

      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        {
          set_error_from_message (message, error);
          gst_message_unref (message);
          return FALSE;
        }
      /* webrtcdsp says when a voice starts and stops */
      if (decoder->vad && s != NULL && gst_structure_has_name (s, "voice-activity") &&
          gst_structure_get_uint64 (s, "stream-time", &time) &&
          gst_structure_get_boolean (s, "stream-has-voice", &voice))
        cb_talk_analysis_set_voice_activity (decoder->analysis,
                                             time / (GST_SECOND / CB_TALK_WINDOWS_PER_SECOND), voice);
      gst_message_unref (message);
    }
  return TRUE;
}

typedef struct
{
  CbTalkAnalysis *analysis;
  double          sum;    /* of squares in the open window */
  guint           count;  /* samples in it */
  guint64         samples;
  /* the last window and the open one: 40 ms, enough for two periods
   * of a low voice, for the pitch; overwritten window by window */
  float           span[2 * WINDOW_SAMPLES];
} Windows;

static void
add_samples (Windows     *w,
             const float *data,
             gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      w->sum += (double) data[i] * data[i];
      w->span[WINDOW_SAMPLES + w->count] = data[i];
      if (++w->count == WINDOW_SAMPLES)
        {
          cb_talk_analysis_add_voiced_window (w->analysis,
                                              10.0f * log10f ((float) (w->sum / WINDOW_SAMPLES) + 1e-12f),
                                              cb_talk_pitch (w->span, G_N_ELEMENTS (w->span), RATE));
          memmove (w->span, w->span + WINDOW_SAMPLES, WINDOW_SAMPLES * sizeof (float));
          w->sum = 0;
          w->count = 0;
        }
    }
  w->samples += n;
}

static void
report_progress (Decoder            *decoder,
                 Windows            *w,
                 CbTalkProgressFunc  progress,
                 gpointer            user_data)
{
  gint64 duration = 0;

  if (progress == NULL ||
      !gst_element_query_duration (decoder->pipeline, GST_FORMAT_TIME, &duration) || duration <= 0)
    return;
  progress (MIN (1.0, (double) gst_util_uint64_scale (w->samples, GST_SECOND, RATE) / duration), user_data);
}

static gboolean
check_duration (Decoder  *decoder,
                Windows  *w,
                GError  **error)
{
  gint64 duration = 0;

  if (w->samples / RATE <= CB_TALK_MAX_SECONDS &&
      (!gst_element_query_duration (decoder->pipeline, GST_FORMAT_TIME, &duration) ||
       duration <= (gint64) CB_TALK_MAX_SECONDS * GST_SECOND))
    return TRUE;
  g_set_error (error, CB_TALK_ERROR, CB_TALK_ERROR_TOO_LONG,
               _("This recording is longer than %u hours; Coachbook analyses one lesson at a time."),
               CB_TALK_MAX_SECONDS / 3600);
  return FALSE;
}

/* Pulls until the end; FALSE with @error on an error or a cancel. */
static gboolean
pull_all (Decoder             *decoder,
          Windows             *w,
          GCancellable        *cancellable,
          CbTalkProgressFunc   progress,
          gpointer             user_data,
          GError             **error)
{
  guint64 next_report = 0;

  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      GstBuffer *buffer;
      GstMapInfo map;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !check_bus (decoder, error))
        return FALSE;
      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (decoder->sink), PULL_TIMEOUT);
      if (sample == NULL)
        {
          if (gst_app_sink_is_eos (GST_APP_SINK (decoder->sink)))
            return check_bus (decoder, error);
          continue;
        }
      buffer = gst_sample_get_buffer (sample);
      if (buffer != NULL && gst_buffer_map (buffer, &map, GST_MAP_READ))
        {
          add_samples (w, (const float *) map.data, map.size / sizeof (float));
          gst_buffer_unmap (buffer, &map);
        }
      if (!check_duration (decoder, w, error))
        return FALSE;
      if (w->samples >= next_report)
        {
          report_progress (decoder, w, progress, user_data);
          next_report = w->samples + 30 * RATE;
        }
    }
}

/**
 * cb_talk_analyse_file:
 * @path: a recording: WAV, OGG, FLAC, MP3, M4A where a decoder exists
 * @cancellable: (nullable): stops the analysis
 * @progress: (nullable) (scope call): told the share done, on this thread
 * @error: one message a coach can act on
 *
 * Decodes and labels a recording. Blocking: call it on a worker thread.
 *
 * Returns: (transfer full) (element-type CbTalkSegment): the segments
 *   from the recording's start, or %NULL
 */
GArray *
cb_talk_analyse_file (const char          *path,
                      GCancellable        *cancellable,
                      CbTalkProgressFunc   progress,
                      gpointer             user_data,
                      GError             **error)
{
  g_autoptr(CbTalkAnalysis) analysis = cb_talk_analysis_new ();
  Decoder decoder = { .analysis = analysis };
  Windows w = { analysis, 0, 0, 0, { 0 } };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (!cb_talk_init (error))
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CB_TALK_ERROR, CB_TALK_ERROR_UNREADABLE,
                   _("“%s” is not a file."), path);
      return NULL;
    }
  ok = build_pipeline (&decoder, path, error);
  if (ok && gst_element_set_state (decoder.pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      ok = check_bus (&decoder, error);
      if (ok)
        g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_UNREADABLE,
                             _("This file is not a recording Coachbook can read, or it is damaged."));
      ok = FALSE;
    }
  if (ok)
    ok = pull_all (&decoder, &w, cancellable, progress, user_data, error);
  if (decoder.pipeline != NULL)
    {
      gst_element_set_state (decoder.pipeline, GST_STATE_NULL);
      gst_object_unref (decoder.pipeline);
    }
  if (!ok)
    return NULL;
  if (w.samples < RATE)
    {
      g_set_error_literal (error, CB_TALK_ERROR, CB_TALK_ERROR_EMPTY,
                           _("This recording holds less than a second of sound."));
      return NULL;
    }
  if (progress != NULL)
    progress (1.0, user_data);
  return cb_talk_analysis_finish (analysis);
}
