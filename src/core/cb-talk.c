/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Labels the seconds of a recording from the loudness of its 20 ms
 * windows, and keeps the labels as runs (segments). Pure: tested by
 * feeding windows (tests/test-talk.c). */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cb-talk.h"

/* A window counts as voiced when it is this much louder than the
 * recording's floor (its quiet windows: room noise, hum). */
#define VOICED_DB 12.0f
/* Below the floor's own level nothing is voiced, however quiet the room. */
#define SILENT_DBFS -60.0f
/* A second with fewer voiced windows than this holds no voice. */
#define MIN_VOICED 0.30
/* A window "dips" when it is this far below the loud windows around
 * it. One voice dips between syllables and words; several voices at
 * once fill each other's dips. */
#define DIP_DB 9.0f
/* Seconds of context on each side for the dips, so that one breath
 * does not decide a second. */
#define CONTEXT_WINDOWS 25
/* At least this share of dips makes a voiced second one voice. */
#define ONE_VOICE_DIPS 0.33
/* The pitches a voice is looked for in, Hz: men, women and children. */
#define PITCH_MIN 70.0f
#define PITCH_MAX 450.0f
/* An autocorrelation peak below this is no pitch: noise, or several voices. */
#define PITCH_CLARITY 0.5f
/* A second takes the voice of at least this many of its windows. */
#define PITCH_MIN_WINDOWS 5
/* A one-voice run is cut where the voice moves this many semitones
 * away from the run's own: another speaker took over. */
#define PITCH_CHANGE_SEMITONES 3.0

struct _CbTalkAnalysis
{
  GArray *levels;   /* float dBFS, one per window */
  GArray *pitches;  /* float Hz, one per window, 0 for none */
  GArray *changes;  /* of VoiceChange: a voice detector's opinion, if any */
};

typedef struct
{
  guint64  window;
  gboolean voice;
} VoiceChange;

static const struct
{
  const char *id;
  const char *name;
} label_table[CB_TALK_N_LABELS] = {
  [CB_TALK_LABEL_SILENCE] = { "silence", N_("No voice") },
  [CB_TALK_LABEL_ONE]     = { "one",     N_("One voice") },
  [CB_TALK_LABEL_SEVERAL] = { "several", N_("Several voices") },
  [CB_TALK_LABEL_TEACHER] = { "teacher", N_("Likely teacher") },
  [CB_TALK_LABEL_STUDENT] = { "student", N_("Likely student") },
};

static int
compare_floats (gconstpointer a,
                gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return (x > y) - (x < y);
}

static float
percentile (const float *values,
            guint        n,
            double       p)
{
  g_autofree float *copy = NULL;
  float result;

  if (n == 0)
    return -120.0f;
  copy = g_memdup2 (values, n * sizeof (float));
  qsort (copy, n, sizeof (float), compare_floats);
  result = copy[MIN ((guint) (p * n), n - 1)];
  return result;
}

static CbTalkLabel
classify_second (const float  *levels,
                 const guint8 *detected,
                 guint         n_levels,
                 guint         second,
                 float         floor_db)
{
  guint first = second * CB_TALK_WINDOWS_PER_SECOND;
  guint last = MIN (first + CB_TALK_WINDOWS_PER_SECOND, n_levels);
  guint from = first > CONTEXT_WINDOWS ? first - CONTEXT_WINDOWS : 0;
  guint to = MIN (last + CONTEXT_WINDOWS, n_levels);
  float voiced_db = MAX (floor_db + VOICED_DB, SILENT_DBFS);
  guint voiced = 0, dips = 0, counted = 0;
  float loud;

  /* loud enough, and a voice to the detector where there is one */
  for (guint w = first; w < last; w++)
    if (levels[w] > voiced_db && (detected == NULL || detected[w]))
      voiced++;
  if (last <= first || voiced < MIN_VOICED * (last - first))
    return CB_TALK_LABEL_SILENCE;

  loud = percentile (levels + from, to - from, 0.9);
  for (guint w = from; w < to; w++)
    {
      counted++;
      if (levels[w] < loud - DIP_DB)
        dips++;
    }
  return dips >= ONE_VOICE_DIPS * counted ? CB_TALK_LABEL_ONE : CB_TALK_LABEL_SEVERAL;
}

/* A label that differs from both its neighbours, which agree, is one
 * second of noise in a longer run: it takes theirs. */
static void
smooth_labels (guint8 *out,
               guint   n)
{
  g_autofree guint8 *in = g_memdup2 (out, n);

  for (guint i = 1; i + 1 < n; i++)
    if (in[i - 1] == in[i + 1] && in[i] != in[i - 1])
      out[i] = in[i - 1];
}

/* The voice of one second: the median pitch of its voiced windows, 0
 * when too few of them had one. */
static float
second_pitch (CbTalkAnalysis *self,
              guint           second,
              float           voiced_db)
{
  const float *levels = (const float *) self->levels->data;
  const float *pitches = (const float *) self->pitches->data;
  guint first = second * CB_TALK_WINDOWS_PER_SECOND;
  guint last = MIN (first + CB_TALK_WINDOWS_PER_SECOND, self->levels->len);
  float found[CB_TALK_WINDOWS_PER_SECOND];
  guint n = 0;

  for (guint w = first; w < last; w++)
    if (levels[w] > voiced_db && pitches[w] > 0)
      found[n++] = pitches[w];
  return n >= PITCH_MIN_WINDOWS ? percentile (found, n, 0.5) : 0.0f;
}

static double
semitones (float a,
           float b)
{
  return fabs (12.0 * log2 ((double) a / b));
}

typedef struct
{
  double log_sum;
  guint  count;
} Voice;

static float
voice_mean (const Voice *v)
{
  return v->count > 0 ? (float) exp (v->log_sum / v->count) : 0.0f;
}

/* Cuts one one-voice run where its voice changes for two seconds
 * running, and gives each piece its voice. */
static void
split_run (const CbTalkSegment *run,
           const float         *pitch,
           GArray              *out)
{
  CbTalkSegment piece = *run;
  Voice v = { 0, 0 };

  for (guint s = run->start; s < run->end; s++)
    {
      float mean = voice_mean (&v);

      if (pitch[s] > 0 && mean > 0 && semitones (pitch[s], mean) > PITCH_CHANGE_SEMITONES &&
          (s + 1 == run->end || pitch[s + 1] == 0 ||
           semitones (pitch[s + 1], mean) > PITCH_CHANGE_SEMITONES))
        {
          piece.end = s;
          piece.voice = mean;
          g_array_append_val (out, piece);
          piece.start = s;
          v = (Voice) { 0, 0 };
        }
      if (pitch[s] > 0)
        {
          v.log_sum += log (pitch[s]);
          v.count++;
        }
    }
  piece.end = run->end;
  piece.voice = voice_mean (&v);
  g_array_append_val (out, piece);
}

static GArray *
split_by_voice (GArray      *runs,
                const float *pitch)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));

  for (guint i = 0; i < runs->len; i++)
    {
      const CbTalkSegment *run = &g_array_index (runs, CbTalkSegment, i);

      if (run->label == CB_TALK_LABEL_ONE)
        split_run (run, pitch, out);
      else
        g_array_append_val (out, *run);
    }
  return out;
}

/* Neighbours with the same label become one segment, their voices
 * averaged by length; two one-voice segments with their own voices
 * stay apart, since the split may yet tell them apart. */
static void
merge_neighbours (GArray *segments)
{
  guint out = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      CbTalkSegment seg = g_array_index (segments, CbTalkSegment, i);
      CbTalkSegment *last = out > 0 ? &g_array_index (segments, CbTalkSegment, out - 1) : NULL;

      if (last != NULL && last->label == seg.label && last->end == seg.start &&
          (seg.label != CB_TALK_LABEL_ONE || (last->voice == 0 && seg.voice == 0)))
        {
          guint a = last->end - last->start, b = seg.end - seg.start;

          if (last->voice > 0 && seg.voice > 0)
            last->voice = (last->voice * a + seg.voice * b) / (a + b);
          else
            last->voice = MAX (last->voice, seg.voice);
          last->end = seg.end;
        }
      else
        g_array_index (segments, CbTalkSegment, out++) = seg;
    }
  g_array_set_size (segments, out);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = ((const VoiceChange *) a)->window, y = ((const VoiceChange *) b)->window;

  return (x > y) - (x < y);
}

/* One flag a window from the detector's changes, or NULL without a
 * detector. */
static guint8 *
detected_windows (CbTalkAnalysis *self)
{
  guint8 *detected;
  guint n = self->levels->len, c = 0;
  gboolean voice = FALSE;

  if (self->changes->len == 0)
    return NULL;
  g_array_sort (self->changes, compare_changes);
  detected = g_new0 (guint8, MAX (n, 1));
  for (guint w = 0; w < n; w++)
    {
      while (c < self->changes->len && g_array_index (self->changes, VoiceChange, c).window <= w)
        voice = g_array_index (self->changes, VoiceChange, c++).voice;
      detected[w] = voice;
    }
  return detected;
}

/**
 * cb_talk_analysis_new:
 *
 * Returns: (transfer full): an empty analysis; feed it windows
 */
CbTalkAnalysis *
cb_talk_analysis_new (void)
{
  CbTalkAnalysis *self = g_new0 (CbTalkAnalysis, 1);

  self->levels = g_array_new (FALSE, FALSE, sizeof (float));
  self->pitches = g_array_new (FALSE, FALSE, sizeof (float));
  self->changes = g_array_new (FALSE, FALSE, sizeof (VoiceChange));
  return self;
}

void
cb_talk_analysis_free (CbTalkAnalysis *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->levels);
  g_array_unref (self->pitches);
  g_array_unref (self->changes);
  g_free (self);
}

/**
 * cb_talk_analysis_add_window:
 * @self: an analysis
 * @level_db: the loudness (RMS, dB below full scale) of the next 20 ms
 *
 * Four bytes a window: an hour is 720 kB.
 */
void
cb_talk_analysis_add_window (CbTalkAnalysis *self,
                             float           level_db)
{
  cb_talk_analysis_add_voiced_window (self, level_db, 0.0f);
}

/**
 * cb_talk_analysis_add_voiced_window:
 * @self: an analysis
 * @level_db: as for cb_talk_analysis_add_window()
 * @pitch_hz: the window's pitch from cb_talk_pitch(), 0 for none
 *
 * Eight bytes a window: an hour is 1.4 MB.
 */
void
cb_talk_analysis_add_voiced_window (CbTalkAnalysis *self,
                                    float           level_db,
                                    float           pitch_hz)
{
  g_return_if_fail (self != NULL);

  if (!isfinite (level_db) || level_db < -120.0f)
    level_db = -120.0f;
  if (!isfinite (pitch_hz) || pitch_hz < PITCH_MIN || pitch_hz > PITCH_MAX)
    pitch_hz = 0.0f;
  g_array_append_val (self->levels, level_db);
  g_array_append_val (self->pitches, pitch_hz);
}

/**
 * cb_talk_analysis_set_voice_activity:
 * @self: an analysis
 * @window: the window (20 ms from the start) where the change happens
 * @voice: a voice detector (webrtcdsp) hears a voice from there on
 *
 * A voice detector's opinion, in any order: once any is given, a
 * window counts as voiced only when it is loud enough and the detector
 * hears a voice in it. Until its first change the detector hears none.
 */
void
cb_talk_analysis_set_voice_activity (CbTalkAnalysis *self,
                                     guint64         window,
                                     gboolean        voice)
{
  VoiceChange change = { window, voice != FALSE };

  g_return_if_fail (self != NULL);
  g_array_append_val (self->changes, change);
}

/**
 * cb_talk_analysis_get_seconds:
 *
 * Returns: the seconds fed so far, a started second counted
 */
guint
cb_talk_analysis_get_seconds (CbTalkAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (self->levels->len + CB_TALK_WINDOWS_PER_SECOND - 1) / CB_TALK_WINDOWS_PER_SECOND;
}

/**
 * cb_talk_analysis_finish:
 * @self: an analysis
 *
 * Labels every second fed.
 *
 * Returns: (transfer full) (element-type CbTalkSegment): the segments
 */
GArray *
cb_talk_analysis_finish (CbTalkAnalysis *self)
{
  g_autofree guint8 *out = NULL;
  g_autofree guint8 *detected = NULL;
  g_autofree float *pitch = NULL;
  g_autoptr(GArray) runs = NULL;
  const float *levels;
  guint n_seconds, n;
  float floor_db;

  g_return_val_if_fail (self != NULL, NULL);

  levels = (const float *) self->levels->data;
  n = self->levels->len;
  n_seconds = cb_talk_analysis_get_seconds (self);
  floor_db = percentile (levels, n, 0.1);
  detected = detected_windows (self);
  out = g_new0 (guint8, MAX (n_seconds, 1));
  for (guint s = 0; s < n_seconds; s++)
    out[s] = classify_second (levels, detected, n, s, floor_db);
  smooth_labels (out, n_seconds);
  pitch = g_new0 (float, MAX (n_seconds, 1));
  for (guint s = 0; s < n_seconds; s++)
    pitch[s] = second_pitch (self, s, MAX (floor_db + VOICED_DB, SILENT_DBFS));
  runs = cb_talk_segments_from_labels (out, n_seconds);
  return split_by_voice (runs, pitch);
}

/**
 * cb_talk_pitch:
 * @samples: (array length=n): mono sound, about 40 ms of it
 * @rate: its sample rate, at least 8000
 *
 * The pitch of one voice by autocorrelation, on the sound brought down
 * to about 4 kHz so that an hour costs about a second.
 *
 * Returns: the pitch in Hz, or 0 when the window holds no clear one
 *   (noise, silence, several voices)
 */
float
cb_talk_pitch (const float *samples,
               guint        n,
               guint        rate)
{
  float x[512];
  guint step, m = 0, lag_min, lag_max, best_lag = 0;
  double mean = 0, best = 0;
  double r[512] = { 0 };

  g_return_val_if_fail (samples != NULL || n == 0, 0.0f);

  if (rate < 8000)
    return 0.0f;
  step = rate / 4000;
  for (guint i = 0; i + step <= n && m < G_N_ELEMENTS (x); i += step, m++)
    {
      double sum = 0;

      for (guint k = 0; k < step; k++)
        sum += samples[i + k];
      x[m] = (float) (sum / step);
      mean += x[m];
    }
  rate /= step;
  lag_min = (guint) (rate / PITCH_MAX);
  lag_max = MIN ((guint) (rate / PITCH_MIN) + 1, m / 2);
  if (m == 0 || lag_min >= lag_max)
    return 0.0f;
  mean /= m;
  for (guint i = 0; i < m; i++)
    x[i] -= (float) mean;
  for (guint lag = lag_min; lag <= lag_max; lag++)
    {
      double xy = 0, xx = 0, yy = 0;

      for (guint i = 0; i + lag < m; i++)
        {
          xy += (double) x[i] * x[i + lag];
          xx += (double) x[i] * x[i];
          yy += (double) x[i + lag] * x[i + lag];
        }
      r[lag] = xx > 0 && yy > 0 ? xy / sqrt (xx * yy) : 0;
      best = MAX (best, r[lag]);
    }
  if (best < PITCH_CLARITY)
    return 0.0f;
  /* the shortest period that nearly matches the best: a period's
   * multiples match almost as well, and would halve the pitch */
  for (guint lag = lag_min; lag <= lag_max && best_lag == 0; lag++)
    if (r[lag] >= 0.9 * best && (lag == lag_max || r[lag] >= r[lag + 1]))
      best_lag = lag;
  return best_lag > 0 ? (float) rate / best_lag : 0.0f;
}

/**
 * cb_talk_segments_reference:
 * @segments: (element-type CbTalkSegment): an estimate
 * @start: where the coach's sample of the teacher starts, in seconds
 * @end: where it ends (exclusive)
 *
 * Returns: the teacher's voice: the pitch of the one-voice segments in
 *   the sample, weighted by how much of each it holds; 0 when none has
 *   a voice
 */
float
cb_talk_segments_reference (GArray *segments,
                            guint   start,
                            guint   end)
{
  double log_sum = 0;
  guint weight = 0;

  g_return_val_if_fail (segments != NULL, 0.0f);

  for (guint i = 0; i < segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);
      guint from = MAX (seg->start, start), to = MIN (seg->end, end);

      if (to > from && seg->voice > 0 && cb_talk_label_is_voice (seg->label) &&
          seg->label != CB_TALK_LABEL_SEVERAL)
        {
          log_sum += (to - from) * log (seg->voice);
          weight += to - from;
        }
    }
  return weight > 0 ? (float) exp (log_sum / weight) : 0.0f;
}

/**
 * cb_talk_segments_split_voices:
 * @segments: (element-type CbTalkSegment): an estimate
 * @reference: the teacher's voice from cb_talk_segments_reference()
 *
 * The teacher/student split: every one-voice segment with a voice
 * becomes "likely teacher" when its voice is within
 * %CB_TALK_TEACHER_SEMITONES of @reference, else "likely student".
 * Segments without a voice stay "one voice"; group talk and silence
 * are left alone. Running it again with another reference redoes the
 * split.
 */
void
cb_talk_segments_split_voices (GArray *segments,
                               float   reference)
{
  g_return_if_fail (segments != NULL);

  if (!(reference > 0))
    return;
  for (guint i = 0; i < segments->len; i++)
    {
      CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      if (seg->voice <= 0 || (seg->label != CB_TALK_LABEL_ONE &&
                              seg->label != CB_TALK_LABEL_TEACHER &&
                              seg->label != CB_TALK_LABEL_STUDENT))
        continue;
      seg->label = semitones (seg->voice, reference) <= CB_TALK_TEACHER_SEMITONES
        ? CB_TALK_LABEL_TEACHER : CB_TALK_LABEL_STUDENT;
    }
  merge_neighbours (segments);
}

/**
 * cb_talk_segments_confirm_teacher:
 * @segments: (element-type CbTalkSegment): an estimate
 * @second: a second of the segment the coach marks "teacher"
 *
 * The coach's mark of a teacher segment. The first such mark on a
 * segment with a voice, before any split, is the sample: every
 * one-voice segment is then split by its distance to that voice.
 * Later marks correct one segment only, so the coach's corrections
 * are never undone.
 *
 * Returns: %TRUE when the mark split the estimate
 */
gboolean
cb_talk_segments_confirm_teacher (GArray *segments,
                                  guint   second)
{
  float reference = 0;

  g_return_val_if_fail (segments != NULL, FALSE);

  for (guint i = 0; i < segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      if (seg->label == CB_TALK_LABEL_TEACHER || seg->label == CB_TALK_LABEL_STUDENT)
        reference = -1;
      else if (reference == 0 && second >= seg->start && second < seg->end &&
               seg->label == CB_TALK_LABEL_ONE)
        reference = seg->voice;
    }
  cb_talk_segments_set_label (segments, second, CB_TALK_LABEL_TEACHER);
  if (reference <= 0)
    return FALSE;
  cb_talk_segments_split_voices (segments, reference);
  return TRUE;
}

/**
 * cb_talk_segments_from_labels:
 * @labels: (array length=n_seconds): one CbTalkLabel a second
 *
 * Returns: (transfer full) (element-type CbTalkSegment): the runs
 */
GArray *
cb_talk_segments_from_labels (const guint8 *labels,
                              guint         n_seconds)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));

  for (guint s = 0; s < n_seconds; s++)
    {
      CbTalkSegment *last = segments->len > 0
        ? &g_array_index (segments, CbTalkSegment, segments->len - 1) : NULL;

      if (last != NULL && last->label == labels[s] && last->end == s)
        last->end = s + 1;
      else
        {
          CbTalkSegment seg = { s, s + 1, MIN (labels[s], CB_TALK_N_LABELS - 1), 0.0f };
          g_array_append_val (segments, seg);
        }
    }
  return segments;
}

/**
 * cb_talk_segments_to_labels:
 * @n_seconds: (out): where the segments end
 *
 * Seconds no segment covers are silence.
 *
 * Returns: (transfer full): one label a second
 */
guint8 *
cb_talk_segments_to_labels (GArray *segments,
                            guint  *n_seconds)
{
  guint n = cb_talk_segments_total (segments);
  guint8 *out = g_new0 (guint8, MAX (n, 1));

  for (guint i = 0; i < segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      for (guint s = seg->start; s < seg->end; s++)
        out[s] = seg->label;
    }
  *n_seconds = n;
  return out;
}

/**
 * cb_talk_segments_set_label:
 * @segments: (element-type CbTalkSegment): segments to correct
 * @second: a second inside one of them
 * @label: its new label
 *
 * The coach's correction: the whole segment holding @second takes
 * @label and joins neighbours with the same label.
 */
void
cb_talk_segments_set_label (GArray      *segments,
                            guint        second,
                            CbTalkLabel  label)
{
  g_return_if_fail (segments != NULL && label < CB_TALK_N_LABELS);

  for (guint i = 0; i < segments->len; i++)
    {
      CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      if (second >= seg->start && second < seg->end)
        seg->label = label;
    }
  merge_neighbours (segments);
}

/**
 * cb_talk_segments_shift:
 * @seconds: how much later (negative: earlier) the lesson clock started
 *   than the recording
 *
 * Aligns the segments to the lesson clock: what falls before zero is
 * cut.
 */
void
cb_talk_segments_shift (GArray *segments,
                        int     seconds)
{
  guint out = 0;

  for (guint i = 0; i < segments->len; i++)
    {
      CbTalkSegment seg = g_array_index (segments, CbTalkSegment, i);
      gint64 start = (gint64) seg.start - seconds, end = (gint64) seg.end - seconds;

      if (end <= 0)
        continue;
      seg.start = (guint) MAX (start, 0);
      seg.end = (guint) MIN (end, CB_TALK_MAX_SECONDS);
      if (seg.end > seg.start)
        g_array_index (segments, CbTalkSegment, out++) = seg;
    }
  g_array_set_size (segments, out);
}

/**
 * cb_talk_segments_total:
 *
 * Returns: where the last segment ends, in seconds
 */
guint
cb_talk_segments_total (GArray *segments)
{
  guint end = 0;

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    end = MAX (end, g_array_index (segments, CbTalkSegment, i).end);
  return end;
}

/* The time axis of the strip is the evidence timeline's: the lesson
 * clock, 0 at the lesson's start, so a segment sits under the evidence
 * lines of the same minute. The segments are already on that clock
 * (cb_talk_segments_shift() applied the recording's offset). */

/**
 * cb_talk_axis_length:
 * @segments: (nullable): on the lesson clock
 * @lesson_seconds: how long the lesson clock has run
 *
 * Returns: the seconds the axis spans: the lesson, or the estimate when
 *   it runs past the lesson's end; at least one
 */
guint
cb_talk_axis_length (GArray *segments,
                     guint   lesson_seconds)
{
  return MAX (MAX (lesson_seconds, cb_talk_segments_total (segments)), 1);
}

/**
 * cb_talk_axis_x:
 * @second: on the lesson clock
 * @axis_length: from cb_talk_axis_length()
 * @width: of the axis, in pixels
 *
 * Returns: where @second is drawn, 0 to @width
 */
double
cb_talk_axis_x (guint  second,
                guint  axis_length,
                double width)
{
  if (axis_length == 0)
    return 0;
  return MIN (second, axis_length) * width / axis_length;
}

/**
 * cb_talk_axis_second:
 *
 * Returns: the second on the lesson clock drawn at @x, the inverse of
 *   cb_talk_axis_x(), clamped to the axis
 */
guint
cb_talk_axis_second (double x,
                     guint  axis_length,
                     double width)
{
  if (axis_length == 0 || width <= 0 || x <= 0)
    return 0;
  /* the epsilon undoes the rounding of cb_talk_axis_x() */
  return (guint) MIN (x * axis_length / width + 1e-6, axis_length - 1);
}

/**
 * cb_talk_segments_shares:
 * @shares: (out caller-allocates): each label's share of the time, 0–1
 */
void
cb_talk_segments_shares (GArray *segments,
                         double  shares[CB_TALK_N_LABELS])
{
  guint total = 0;
  guint per[CB_TALK_N_LABELS] = { 0 };

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      per[seg->label] += seg->end - seg->start;
      total += seg->end - seg->start;
    }
  for (guint l = 0; l < CB_TALK_N_LABELS; l++)
    shares[l] = total > 0 ? (double) per[l] / total : 0.0;
}

/**
 * cb_talk_segments_serialize:
 *
 * The stored form, one segment a line after a version line:
 * "talk 1\n0 12 one 182\n12 40 several\n": start, end, label and,
 * where one voice was heard, its pitch in whole Hz. Never sound.
 *
 * Returns: (transfer full): the text
 */
char *
cb_talk_segments_serialize (GArray *segments)
{
  GString *out = g_string_new ("talk 1\n");

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      g_string_append_printf (out, "%u %u %s", seg->start, seg->end, label_table[seg->label].id);
      if (seg->voice >= 1)
        g_string_append_printf (out, " %u", (guint) lroundf (seg->voice));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

const char *
cb_talk_label_id (CbTalkLabel label)
{
  g_return_val_if_fail (label < CB_TALK_N_LABELS, "silence");
  return label_table[label].id;
}

/**
 * cb_talk_label_name:
 *
 * Returns: (transfer none): the label as the coach reads it, translated
 */
const char *
cb_talk_label_name (CbTalkLabel label)
{
  g_return_val_if_fail (label < CB_TALK_N_LABELS, "");
  return _(label_table[label].name);
}

gboolean
cb_talk_label_from_id (const char  *id,
                       CbTalkLabel *label)
{
  for (guint l = 0; id != NULL && l < CB_TALK_N_LABELS; l++)
    if (strcmp (label_table[l].id, id) == 0)
      {
        *label = l;
        return TRUE;
      }
  return FALSE;
}

gboolean
cb_talk_label_is_voice (CbTalkLabel label)
{
  return label != CB_TALK_LABEL_SILENCE;
}

/**
 * cb_talk_summary:
 * @estimate: (nullable): a stored talk estimate
 *
 * The estimate in one line for the debrief and the packet, marked as
 * an estimate: "Estimated from a recording: one voice 55 % · …".
 *
 * Returns: (transfer full) (nullable): the line, or %NULL without a
 *   usable estimate
 */
char *
cb_talk_summary (const char *estimate)
{
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GString) text = NULL;
  double shares[CB_TALK_N_LABELS];
  static const CbTalkLabel order[] = {
    CB_TALK_LABEL_TEACHER, CB_TALK_LABEL_STUDENT, CB_TALK_LABEL_ONE,
    CB_TALK_LABEL_SEVERAL, CB_TALK_LABEL_SILENCE,
  };
  gboolean first = TRUE;

  if (estimate == NULL || *estimate == '\0' ||
      (segments = cb_talk_segments_parse (estimate, NULL)) == NULL || segments->len == 0)
    return NULL;
  cb_talk_segments_shares (segments, shares);
  text = g_string_new (_("Estimated from a recording:"));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (shares[order[i]] <= 0)
        continue;
      g_string_append (text, first ? " " : " · ");
      /* TRANSLATORS: a label's share of the lesson, e.g. "One voice 45 %" */
      g_string_append_printf (text, _("%s %.0f %%"), cb_talk_label_name (order[i]), shares[order[i]] * 100);
      first = FALSE;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
