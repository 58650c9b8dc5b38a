/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The talk labels from windows of loudness, without any sound: the
 * segmentation, the coach's corrections and the stored form. */

#include "config.h"

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

    g_assert_cmpstr (summary, ==, "Estimated from a recording: Likely teacher 30 % · Several voices 30 % · No voice 40 %");
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
  return g_test_run ();
}
