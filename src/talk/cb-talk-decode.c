/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Decodes a recording to 16 kHz mono and hands the loudness of each
 * 20 ms window to CbTalkAnalysis. Nothing of the sound is kept: the
 * samples of one buffer at a time, then four bytes a window. */

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>

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
} Decoder;

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
  if (!gst_element_link (src, decodebin) ||
      !gst_element_link_many (decoder->convert, resample, filter, decoder->sink, NULL))
    return check_elements (error);
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

  while ((message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR)) != NULL)
    {
      set_error_from_message (message, error);
      gst_message_unref (message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  CbTalkAnalysis *analysis;
  double          sum;    /* of squares in the open window */
  guint           count;  /* samples in it */
  guint64         samples;
} Windows;

static void
add_samples (Windows     *w,
             const float *data,
             gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      w->sum += (double) data[i] * data[i];
      if (++w->count == WINDOW_SAMPLES)
        {
          cb_talk_analysis_add_window (w->analysis, 10.0f * log10f ((float) (w->sum / WINDOW_SAMPLES) + 1e-12f));
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
  Decoder decoder = { 0 };
  Windows w = { analysis, 0, 0, 0 };
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
