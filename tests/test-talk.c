/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The talk labels from windows of loudness, without any sound: the
 * segmentation, the coach's corrections and the stored form. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "cb-talk.h"

#define FLOOR_DB -62.0f

static guint32 seed = 7;

static float
jitter (float amount)
{
  seed = seed * 1103515245u + 12345u;
  return amount * (((seed >> 16) & 0x7fff) / 32767.0f - 0.5f);
}

/* A room with nobody talking. */
static void
feed_silence (CbTalkAnalysis *a,
              guint           seconds)
{
  for (guint w = 0; w < seconds * CB_TALK_WINDOWS_PER_SECOND; w++)
    cb_talk_analysis_add_window (a, FLOOR_DB + jitter (3));
}

/* One speaker: syllables of 160 ms with dips of 80 ms between them,
 * and a breath every two seconds. */
static void
feed_one_voice (CbTalkAnalysis *a,
                guint           seconds)
{
  for (guint w = 0; w < seconds * CB_TALK_WINDOWS_PER_SECOND; w++)
    {
      gboolean dip = (w % 12) >= 8 || (w % 100) >= 92;

      cb_talk_analysis_add_window (a, (dip ? -48.0f : -22.0f) + jitter (6));
    }
}

/* Several speakers at once fill each other's dips. */
static void
feed_several_voices (CbTalkAnalysis *a,
                     guint           seconds)
{
  for (guint w = 0; w < seconds * CB_TALK_WINDOWS_PER_SECOND; w++)
    cb_talk_analysis_add_window (a, -20.0f + jitter (6));
}

static CbTalkLabel
label_at (GArray *segments,
          guint   second)
{
  for (guint i = 0; i < segments->len; i++)
    {
      CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      if (second >= seg->start && second < seg->end)
        return seg->label;
    }
  g_assert_not_reached ();
}

static void
test_talk_labels (void)
{
  g_autoptr(CbTalkAnalysis) a = cb_talk_analysis_new ();
  g_autoptr(GArray) segments = NULL;
  double shares[CB_TALK_N_LABELS];

  feed_silence (a, 10);
  feed_one_voice (a, 20);
  feed_several_voices (a, 15);
  feed_silence (a, 5);
  g_assert_cmpuint (cb_talk_analysis_get_seconds (a), ==, 50);
  segments = cb_talk_analysis_finish (a);

  g_assert_cmpuint (segments->len, ==, 4);
  g_assert_cmpuint (cb_talk_segments_total (segments), ==, 50);
  /* Inside each stretch, away from the changes, the label is known;
   * the seconds at a change may go either way. */
  for (guint s = 0; s < 9; s++)
    g_assert_cmpint (label_at (segments, s), ==, CB_TALK_LABEL_SILENCE);
  for (guint s = 11; s < 29; s++)
    g_assert_cmpint (label_at (segments, s), ==, CB_TALK_LABEL_ONE);
  for (guint s = 31; s < 44; s++)
    g_assert_cmpint (label_at (segments, s), ==, CB_TALK_LABEL_SEVERAL);
  for (guint s = 46; s < 50; s++)
    g_assert_cmpint (label_at (segments, s), ==, CB_TALK_LABEL_SILENCE);

  cb_talk_segments_shares (segments, shares);
  g_assert_cmpfloat_with_epsilon (shares[CB_TALK_LABEL_ONE], 20.0 / 50, 2.5 / 50);
  g_assert_cmpfloat_with_epsilon (shares[CB_TALK_LABEL_SEVERAL], 15.0 / 50, 2.5 / 50);
  g_assert_cmpfloat_with_epsilon (shares[CB_TALK_LABEL_SILENCE] + shares[CB_TALK_LABEL_ONE] + shares[CB_TALK_LABEL_SEVERAL],
                                  1.0, 1e-9);
}

/* A one-second blip in a long run is noise, not a change: a speaker's
 * pause for breath does not end their turn. */
static void
test_talk_smoothing (void)
{
  const guint8 blip[] = { 1, 1, 1, 2, 1, 1, 0, 0, 0 };
  g_autoptr(CbTalkAnalysis) a = cb_talk_analysis_new ();
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) runs = cb_talk_segments_from_labels (blip, G_N_ELEMENTS (blip));

  g_assert_cmpuint (runs->len, ==, 4);

  feed_silence (a, 5);
  feed_one_voice (a, 10);
  feed_silence (a, 1);
  feed_one_voice (a, 10);
  segments = cb_talk_analysis_finish (a);
  g_assert_cmpuint (segments->len, ==, 2);
  g_assert_cmpint (label_at (segments, 15), ==, CB_TALK_LABEL_ONE);
}

/* Only room noise, however loud, is not a voice. */
static void
test_talk_empty_room (void)
{
  g_autoptr(CbTalkAnalysis) a = cb_talk_analysis_new ();
  g_autoptr(GArray) segments = NULL;

  for (guint w = 0; w < 30 * CB_TALK_WINDOWS_PER_SECOND; w++)
    cb_talk_analysis_add_window (a, -30.0f + jitter (3));
  segments = cb_talk_analysis_finish (a);
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (label_at (segments, 0), ==, CB_TALK_LABEL_SILENCE);
}

static void
test_talk_corrections (void)
{
  const guint8 labels[] = { 0, 0, 1, 1, 1, 2, 2, 1, 1, 0 };
  g_autoptr(GArray) segments = cb_talk_segments_from_labels (labels, G_N_ELEMENTS (labels));

  g_assert_cmpuint (segments->len, ==, 5);
  /* The coach hears one voice where several were found: three
   * segments become one. */
  cb_talk_segments_set_label (segments, 6, CB_TALK_LABEL_ONE);
  g_assert_cmpuint (segments->len, ==, 3);
  g_assert_cmpuint (g_array_index (segments, CbTalkSegment, 1).start, ==, 2);
  g_assert_cmpuint (g_array_index (segments, CbTalkSegment, 1).end, ==, 9);
  cb_talk_segments_set_label (segments, 3, CB_TALK_LABEL_TEACHER);
  g_assert_cmpint (label_at (segments, 8), ==, CB_TALK_LABEL_TEACHER);
  g_assert_cmpint (label_at (segments, 9), ==, CB_TALK_LABEL_SILENCE);

  /* The lesson clock started 3 s into the recording. */
  cb_talk_segments_shift (segments, 3);
  g_assert_cmpuint (g_array_index (segments, CbTalkSegment, 0).start, ==, 0);
  g_assert_cmpint (label_at (segments, 0), ==, CB_TALK_LABEL_TEACHER);
  g_assert_cmpuint (cb_talk_segments_total (segments), ==, 7);
  /* ... or 2 s before it. */
  cb_talk_segments_shift (segments, -2);
  g_assert_cmpint (label_at (segments, 2), ==, CB_TALK_LABEL_TEACHER);
  g_assert_cmpuint (cb_talk_segments_total (segments), ==, 9);
}

/* The strip shares the evidence timeline's axis: the lesson clock. */
static void
test_talk_axis (void)
{
  /* A 40-minute lesson; the recording began 2 minutes after the clock. */
  const guint8 labels[] = { 1, 1, 1, 2, 2, 0 };
  g_autoptr(GArray) segments = cb_talk_segments_from_labels (labels, G_N_ELEMENTS (labels));
  guint length;

  cb_talk_segments_shift (segments, -120);
  length = cb_talk_axis_length (segments, 40 * 60);
  g_assert_cmpuint (length, ==, 40 * 60);
  /* The segment of minute 2 is drawn where an evidence line at 2:00 is,
   * not at the left edge as a strip of the recording alone would be. */
  g_assert_cmpfloat_with_epsilon (cb_talk_axis_x (g_array_index (segments, CbTalkSegment, 0).start, length, 800),
                                  120.0 * 800 / 2400, 1e-9);
  g_assert_cmpfloat_with_epsilon (cb_talk_axis_x (g_array_index (segments, CbTalkSegment, 1).start, length, 800),
                                  123.0 * 800 / 2400, 1e-9);
  g_assert_cmpuint (cb_talk_axis_second (40.0, length, 800), ==, 120);
  g_assert_cmpuint (cb_talk_axis_second (cb_talk_axis_x (2000, length, 800), length, 800), ==, 2000);
  /* Clamped at both ends. */
  g_assert_cmpuint (cb_talk_axis_second (-5, length, 800), ==, 0);
  g_assert_cmpuint (cb_talk_axis_second (900, length, 800), ==, length - 1);
  g_assert_cmpfloat (cb_talk_axis_x (5000, length, 800), ==, 800);
  /* An estimate running past the clock (no clock kept) stretches the
   * axis; an empty one still has one second. */
  g_assert_cmpuint (cb_talk_axis_length (segments, 60), ==, 126);
  g_assert_cmpuint (cb_talk_axis_length (NULL, 0), ==, 1);
}

static void
test_talk_stored_form (void)
{
  const guint8 labels[] = { 0, 1, 1, 2, 3, 4 };
  g_autoptr(GArray) segments = cb_talk_segments_from_labels (labels, G_N_ELEMENTS (labels));
  g_autofree char *text = cb_talk_segments_serialize (segments);
  g_autoptr(GArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  const char *bad[] = {
    "", "talk 2\n0 1 one\n", "talk 1\n0 1 shouting\n", "talk 1\n5 2 one\n",
    "talk 1\n0 4 one\n2 6 several\n", "talk 1\n0 99999999 one\n", "talk 1\n0 1\n",
    "talk 1\n-1 1 one\n", "talk 1\n0 1 one extra\n",
  };

  g_assert_cmpstr (text, ==, "talk 1\n0 1 silence\n1 3 one\n3 4 several\n4 5 teacher\n5 6 student\n");
  back = cb_talk_segments_parse (text, &error);
  g_assert_no_error (error);
  again = cb_talk_segments_serialize (back);
  g_assert_cmpstr (again, ==, text);

  {
    g_autofree char *summary = cb_talk_summary ("talk 1\n0 30 teacher\n30 60 several\n60 100 silence\n");

    g_assert_cmpstr (summary, ==, "Estimated from a recording: Likely teacher 30 % · Several voices 30 % · No voice 40 %");
    g_assert_null (cb_talk_summary ("talk 1\n"));
    g_assert_null (cb_talk_summary ("not an estimate"));
    g_assert_null (cb_talk_summary (NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(GArray) none = cb_talk_segments_parse (bad[i], &bad_error);

      g_assert_null (none);
      g_assert_error (bad_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

/* A pulse train (a voice's glottal pulses) at @hz is heard at @hz;
 * noise has no pitch. */
static void
test_talk_pitch (void)
{
  float samples[640];
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint hz = 100; hz <= 300; hz += 50)
    {
      float got;

      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        samples[i] = (float) (sin (2 * G_PI * hz * i / 16000.0) +
                              0.5 * sin (4 * G_PI * hz * i / 16000.0));
      got = cb_talk_pitch (samples, G_N_ELEMENTS (samples), 16000);
      g_assert_cmpfloat (fabs (12 * log2 (got / hz)), <, 1.0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[i] = (float) g_rand_double_range (rand, -1, 1);
  g_assert_cmpfloat (cb_talk_pitch (samples, G_N_ELEMENTS (samples), 16000), ==, 0);
  g_assert_cmpfloat (cb_talk_pitch (samples, G_N_ELEMENTS (samples), 4000), ==, 0);
  g_assert_cmpfloat (cb_talk_pitch (samples, 0, 16000), ==, 0);
}

/* The split: one-voice segments near the teacher's voice are likely
 * teacher, the others likely student; group talk, silence and
 * segments without a voice are left alone. */
static void
test_talk_split (void)
{
  CbTalkSegment in[] = {
    { 0, 10, CB_TALK_LABEL_ONE, 110 },
    { 10, 15, CB_TALK_LABEL_ONE, 190 },
    { 15, 20, CB_TALK_LABEL_SEVERAL, 0 },
    { 20, 30, CB_TALK_LABEL_ONE, 118 },
    { 30, 32, CB_TALK_LABEL_ONE, 0 },
    { 32, 40, CB_TALK_LABEL_SILENCE, 0 },
    { 40, 50, CB_TALK_LABEL_ONE, 250 },
    { 50, 55, CB_TALK_LABEL_ONE, 90 },
  };
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  g_autofree char *stored = NULL;
  g_autoptr(GArray) back = NULL;
  float reference;

  g_array_append_vals (segments, in, G_N_ELEMENTS (in));
  /* the sample: the first segment; group talk holds no single voice */
  reference = cb_talk_segments_reference (segments, 0, 10);
  g_assert_cmpfloat (reference, ==, 110);
  g_assert_cmpfloat (cb_talk_segments_reference (segments, 15, 20), ==, 0);
  g_assert_cmpfloat (cb_talk_segments_reference (segments, 32, 40), ==, 0);

  cb_talk_segments_split_voices (segments, reference);
  stored = cb_talk_segments_serialize (segments);
  /* 118 Hz is 1.2 semitones from 110: teacher; 90 Hz is 3.5 below: student */
  g_assert_cmpstr (stored, ==,
                   "talk 1\n0 10 teacher 110\n10 15 student 190\n15 20 several\n"
                   "20 30 teacher 118\n30 32 one\n32 40 silence\n40 55 student 197\n");
  back = cb_talk_segments_parse (stored, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (back->len, ==, segments->len);
  g_assert_cmpfloat (g_array_index (back, CbTalkSegment, 0).voice, ==, 110);

  /* another sample redoes the split */
  cb_talk_segments_split_voices (segments, 190);
  g_assert_cmpint (g_array_index (segments, CbTalkSegment, 0).label, ==, CB_TALK_LABEL_STUDENT);
  g_assert_cmpint (g_array_index (segments, CbTalkSegment, 1).label, ==, CB_TALK_LABEL_TEACHER);
  /* no reference: nothing changes */
  g_clear_pointer (&stored, g_free);
  stored = cb_talk_segments_serialize (segments);
  cb_talk_segments_split_voices (segments, 0);
  {
    g_autofree char *again = cb_talk_segments_serialize (segments);

    g_assert_cmpstr (again, ==, stored);
  }
  g_assert_null (cb_talk_segments_parse ("talk 1\n0 10 one 0\n", NULL));

  /* the coach's first teacher mark is the sample; later ones correct
   * one segment and leave the rest as they are */
  g_array_set_size (segments, 0);
  g_array_append_vals (segments, in, G_N_ELEMENTS (in));
  g_assert_false (cb_talk_segments_confirm_teacher (segments, 16));
  g_assert_cmpint (g_array_index (segments, CbTalkSegment, 2).label, ==, CB_TALK_LABEL_TEACHER);
  g_array_set_size (segments, 0);
  g_array_append_vals (segments, in, G_N_ELEMENTS (in));
  g_assert_true (cb_talk_segments_confirm_teacher (segments, 3));
  g_clear_pointer (&stored, g_free);
  stored = cb_talk_segments_serialize (segments);
  g_assert_cmpstr (stored, ==,
                   "talk 1\n0 10 teacher 110\n10 15 student 190\n15 20 several\n"
                   "20 30 teacher 118\n30 32 one\n32 40 silence\n40 55 student 197\n");
  g_assert_false (cb_talk_segments_confirm_teacher (segments, 12));
  g_assert_cmpint (g_array_index (segments, CbTalkSegment, 0).label, ==, CB_TALK_LABEL_TEACHER);
  g_assert_cmpuint (g_array_index (segments, CbTalkSegment, 0).end, ==, 15);
  g_assert_cmpint (g_array_index (segments, CbTalkSegment, 2).label, ==, CB_TALK_LABEL_TEACHER);
  g_assert_null (cb_talk_segments_parse ("talk 1\n0 10 one 120 4\n", NULL));
}


/* A voice detector's opinion (webrtcdsp): a loud stretch it hears no
 * voice in (chairs, a door) is no voice; without a detector, the same
 * windows are labelled by their loudness alone. */
static void
test_talk_voice_detector (void)
{
  g_autoptr(CbTalkAnalysis) with = cb_talk_analysis_new ();
  g_autoptr(CbTalkAnalysis) without = cb_talk_analysis_new ();
  g_autoptr(GArray) heard = NULL;
  g_autoptr(GArray) loud = NULL;

  for (guint k = 0; k < 2; k++)
    {
      CbTalkAnalysis *a = k == 0 ? with : without;

      seed = 7;
      feed_silence (a, 10);
      feed_one_voice (a, 20);
      feed_several_voices (a, 15);
      feed_silence (a, 5);
    }
  /* the detector hears a voice in 10–30 s only; given out of order */
  cb_talk_analysis_set_voice_activity (with, 30 * CB_TALK_WINDOWS_PER_SECOND, FALSE);
  cb_talk_analysis_set_voice_activity (with, 0, FALSE);
  cb_talk_analysis_set_voice_activity (with, 10 * CB_TALK_WINDOWS_PER_SECOND, TRUE);
  heard = cb_talk_analysis_finish (with);
  loud = cb_talk_analysis_finish (without);
  for (guint s = 11; s < 29; s++)
    g_assert_cmpint (label_at (heard, s), ==, CB_TALK_LABEL_ONE);
  for (guint s = 31; s < 50; s++)
    g_assert_cmpint (label_at (heard, s), ==, CB_TALK_LABEL_SILENCE);
  for (guint s = 31; s < 44; s++)
    g_assert_cmpint (label_at (loud, s), ==, CB_TALK_LABEL_SEVERAL);
}

/* A phone started two minutes before the lesson, and kept recording
 * ten minutes after its 20 minutes: only the lesson is counted and
 * shown, and moving the lesson's start re-aligns the same estimate. */
static void
test_talk_estimate_lesson (void)
{
  /* on the recording's clock: 0–120 before the lesson (talk in the
   * corridor), 120–1320 the lesson, 1320–1920 after it */
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  CbTalkSegment segs[] = {
    { 0, 120, CB_TALK_LABEL_SEVERAL, 0 },
    { 120, 720, CB_TALK_LABEL_ONE, 110 },
    { 720, 1320, CB_TALK_LABEL_SILENCE, 0 },
    { 1320, 1920, CB_TALK_LABEL_SEVERAL, 0 },
  };
  g_autoptr(CbTalkEstimate) estimate = NULL;
  g_autoptr(CbTalkEstimate) back = NULL;
  g_autoptr(GArray) lesson = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *warning = NULL;
  double shares[CB_TALK_N_LABELS];

  g_array_append_vals (raw, segs, G_N_ELEMENTS (segs));
  estimate = cb_talk_estimate_new (raw, 120, 1200);
  lesson = cb_talk_estimate_lesson_segments (estimate);
  g_assert_cmpuint (lesson->len, ==, 2);
  g_assert_cmpuint (g_array_index (lesson, CbTalkSegment, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (lesson, CbTalkSegment, 1).end, ==, 1200);
  cb_talk_segments_shares (lesson, shares);
  g_assert_cmpfloat_with_epsilon (shares[CB_TALK_LABEL_ONE], 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (shares[CB_TALK_LABEL_SEVERAL], 0.0, 1e-9);
  /* ten minutes past a 20-minute lesson: much longer */
  warning = cb_talk_estimate_length_warning (estimate);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "32 min"));

  /* stored with the lesson, read back the same, and the debrief's line
   * counts the lesson only */
  stored = cb_talk_estimate_serialize (estimate);
  g_assert_cmpstr (stored, ==, "talk 2\nlesson 120 1200\n0 120 several\n120 720 one 110\n"
                               "720 1320 silence\n1320 1920 several\n");
  back = cb_talk_estimate_parse (stored, NULL);
  g_assert_nonnull (back);
  g_assert_cmpint (back->lesson_starts_at, ==, 120);
  g_assert_cmpuint (back->lesson_seconds, ==, 1200);
  g_assert_cmpuint (back->segments->len, ==, 4);
  summary = cb_talk_summary (stored);
  g_assert_nonnull (strstr (summary, "One voice 50 %"));
  g_assert_null (strstr (summary, "Several"));

  /* re-aligned: the lesson started at the recording's start */
  estimate->lesson_starts_at = 0;
  g_clear_pointer (&lesson, g_array_unref);
  lesson = cb_talk_estimate_lesson_segments (estimate);
  g_assert_cmpuint (g_array_index (lesson, CbTalkSegment, 0).label, ==, CB_TALK_LABEL_SEVERAL);
  g_assert_cmpuint (g_array_index (lesson, CbTalkSegment, lesson->len - 1).end, ==, 1200);

  /* the stored form of earlier versions still reads, as the lesson */
  g_clear_pointer (&back, cb_talk_estimate_free);
  back = cb_talk_estimate_parse ("talk 1\n0 40 one\n", NULL);
  g_assert_nonnull (back);
  g_assert_cmpint (back->lesson_starts_at, ==, 0);
  g_assert_cmpuint (back->lesson_seconds, ==, 0);
  g_clear_pointer (&stored, g_free);
  stored = cb_talk_estimate_serialize (back);
  g_assert_cmpstr (stored, ==, "talk 1\n0 40 one\n");
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "talk 2\n0 40 one\n", "talk 2\nlesson 1 2 3\n0 40 one\n",
                            "talk 2\nlesson x 2\n0 40 one\n", "talk 2\nlesson 99999 0\n0 40 one\n" };

      g_assert_null (cb_talk_estimate_parse (bad[i], NULL));
    }
}

static void
test_talk_length_warning (void)
{
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  CbTalkSegment all = { 0, 2700, CB_TALK_LABEL_ONE, 0 };
  g_autoptr(CbTalkEstimate) e = NULL;
  g_autofree char *w = NULL;

  g_array_append_val (raw, all);
  /* 45 minutes of recording for a 45-minute lesson, a minute off */
  e = cb_talk_estimate_new (raw, 60, 2700);
  g_assert_null (cb_talk_estimate_length_warning (e));
  /* the lesson's length unknown: nothing to say */
  e->lesson_seconds = 0;
  g_assert_null (cb_talk_estimate_length_warning (e));
  /* a 90-minute lesson: the recording is much shorter */
  e->lesson_seconds = 5400;
  w = cb_talk_estimate_length_warning (e);
  g_assert_nonnull (strstr (w, "shorter"));
  g_clear_pointer (&w, g_free);
  /* the right length, but the lesson set to start 40 minutes in */
  e->lesson_seconds = 2700;
  e->lesson_starts_at = 2400;
  w = cb_talk_estimate_length_warning (e);
  g_assert_nonnull (strstr (w, "Lesson starts at"));
  g_clear_pointer (&w, g_free);
  /* a 16-second lesson in three minutes of recording: not "0 min" */
  g_clear_pointer (&e, cb_talk_estimate_free);
  g_array_index (raw, CbTalkSegment, 0).end = 180;
  e = cb_talk_estimate_new (raw, 0, 16);
  w = cb_talk_estimate_length_warning (e);
  g_assert_cmpstr (w, ==, "The recording (3 min) is much longer than the lesson (16 s): only the lesson is counted.");
}

/* Keys 4 and 5 mark one voice as the teacher's or a student's: a
 * segment of several voices or none is left as it is. */
static void
test_talk_relabel_one_voice_only (void)
{
  g_autoptr(CbTalkEstimate) e = cb_talk_estimate_parse ("talk 2\nlesson 10 0\n0 30 one 110\n30 60 several\n"
                                                        "60 80 silence\n80 100 one 220\n", NULL);
  g_autofree char *stored = NULL;

  g_assert_nonnull (e);
  /* lesson second 25 is the recording's 35: several voices */
  g_assert_false (cb_talk_estimate_relabel (e, 25, CB_TALK_LABEL_TEACHER));
  g_assert_false (cb_talk_estimate_relabel (e, 25, CB_TALK_LABEL_STUDENT));
  g_assert_false (cb_talk_estimate_relabel (e, 55, CB_TALK_LABEL_STUDENT));
  stored = cb_talk_estimate_serialize (e);
  g_assert_cmpstr (stored, ==, "talk 2\nlesson 10 0\n0 30 one 110\n30 60 several\n60 80 silence\n80 100 one 220\n");
  g_clear_pointer (&stored, g_free);
  /* one voice: the sample, which splits the others */
  g_assert_true (cb_talk_estimate_relabel (e, 5, CB_TALK_LABEL_TEACHER));
  /* 2 makes several voices one voice; then it can be marked */
  g_assert_true (cb_talk_estimate_relabel (e, 25, CB_TALK_LABEL_ONE));
  g_assert_true (cb_talk_estimate_relabel (e, 25, CB_TALK_LABEL_STUDENT));
  stored = cb_talk_estimate_serialize (e);
  g_assert_cmpstr (stored, ==, "talk 2\nlesson 10 0\n0 30 teacher 110\n30 60 student\n60 80 silence\n80 100 student 220\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/talk/labels", test_talk_labels);
  g_test_add_func ("/talk/smoothing", test_talk_smoothing);
  g_test_add_func ("/talk/empty-room", test_talk_empty_room);
  g_test_add_func ("/talk/corrections", test_talk_corrections);
  g_test_add_func ("/talk/stored-form", test_talk_stored_form);
  g_test_add_func ("/talk/axis", test_talk_axis);
  g_test_add_func ("/talk/pitch", test_talk_pitch);
  g_test_add_func ("/talk/split", test_talk_split);
  g_test_add_func ("/talk/voice-detector", test_talk_voice_detector);
  g_test_add_func ("/talk/estimate-lesson", test_talk_estimate_lesson);
  g_test_add_func ("/talk/length-warning", test_talk_length_warning);
  g_test_add_func ("/talk/relabel-one-voice-only", test_talk_relabel_one_voice_only);
  return g_test_run ();
}
