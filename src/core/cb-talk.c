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

struct _CbTalkAnalysis
{
  GArray *levels;  /* float dBFS, one per window */
};

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
classify_second (const float *levels,
                 guint        n_levels,
                 guint        second,
                 float        floor_db)
{
  guint first = second * CB_TALK_WINDOWS_PER_SECOND;
  guint last = MIN (first + CB_TALK_WINDOWS_PER_SECOND, n_levels);
  guint from = first > CONTEXT_WINDOWS ? first - CONTEXT_WINDOWS : 0;
  guint to = MIN (last + CONTEXT_WINDOWS, n_levels);
  float voiced_db = MAX (floor_db + VOICED_DB, SILENT_DBFS);
  guint voiced = 0, dips = 0, counted = 0;
  float loud;

  for (guint w = first; w < last; w++)
    if (levels[w] > voiced_db)
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
  return self;
}

void
cb_talk_analysis_free (CbTalkAnalysis *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->levels);
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
  g_return_if_fail (self != NULL);

  if (!isfinite (level_db) || level_db < -120.0f)
    level_db = -120.0f;
  g_array_append_val (self->levels, level_db);
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
  const float *levels;
  guint n_seconds, n;
  float floor_db;

  g_return_val_if_fail (self != NULL, NULL);

  levels = (const float *) self->levels->data;
  n = self->levels->len;
  n_seconds = cb_talk_analysis_get_seconds (self);
  floor_db = percentile (levels, n, 0.1);
  out = g_new0 (guint8, MAX (n_seconds, 1));
  for (guint s = 0; s < n_seconds; s++)
    out[s] = classify_second (levels, n, s, floor_db);
  smooth_labels (out, n_seconds);
  return cb_talk_segments_from_labels (out, n_seconds);
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
          CbTalkSegment seg = { s, s + 1, MIN (labels[s], CB_TALK_N_LABELS - 1) };
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
  g_autofree guint8 *labels = NULL;
  guint n;

  g_return_if_fail (segments != NULL && label < CB_TALK_N_LABELS);

  for (guint i = 0; i < segments->len; i++)
    {
      CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      if (second >= seg->start && second < seg->end)
        seg->label = label;
    }
  labels = cb_talk_segments_to_labels (segments, &n);
  g_array_set_size (segments, 0);
  {
    g_autoptr(GArray) merged = cb_talk_segments_from_labels (labels, n);

    g_array_append_vals (segments, merged->data, merged->len);
  }
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
 * "talk 1\n0 12 one\n12 40 several\n". Labels only; never sound.
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

      g_string_append_printf (out, "%u %u %s\n", seg->start, seg->end, label_table[seg->label].id);
    }
  return g_string_free (out, FALSE);
}

/**
 * cb_talk_segments_parse:
 * @text: what cb_talk_segments_serialize() wrote, perhaps by another
 *   laptop
 *
 * Refuses anything else whole: unknown labels, overlaps, absurd times.
 *
 * Returns: (transfer full) (nullable): the segments, or %NULL
 */
GArray *
cb_talk_segments_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  g_auto(GStrv) lines = NULL;
  guint previous_end = 0;

  if (text == NULL || !g_str_has_prefix (text, "talk 1\n"))
    goto bad;
  lines = g_strsplit (text + strlen ("talk 1\n"), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint64 start, end;
      CbTalkSegment seg;

      if (lines[i][0] == '\0')
        continue;
      parts = g_strsplit (lines[i], " ", -1);
      if (g_strv_length (parts) != 3 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, CB_TALK_MAX_SECONDS, &start, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, CB_TALK_MAX_SECONDS, &end, NULL) ||
          end <= start || start < previous_end ||
          !cb_talk_label_from_id (parts[2], &seg.label))
        goto bad;
      seg.start = start;
      seg.end = end;
      previous_end = end;
      g_array_append_val (segments, seg);
    }
  return g_steal_pointer (&segments);

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The talk estimate is damaged; analyse the recording again."));
  return NULL;
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
      g_string_append_printf (text, _("%s %.0f %%"), cb_talk_label_name (order[i]), shares[order[i]] * 100);
      first = FALSE;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
