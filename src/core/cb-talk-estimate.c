/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The talk estimate as an observation keeps it: its stored form, and
 * the lesson on the recording's clock (cb-talk.h). Pure: tested in
 * tests/test-talk.c. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cb-talk.h"

/**
 * cb_talk_segments_parse:
 * @text: a stored estimate (cb_talk_estimate_serialize() or
 *   cb_talk_segments_serialize()), perhaps by another laptop
 *
 * Refuses anything else whole: unknown labels, overlaps, absurd times.
 *
 * Returns: (transfer full) (nullable): the segments of the lesson, on
 *   its clock (cb_talk_estimate_lesson_segments()), or %NULL
 */
GArray *
cb_talk_segments_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(CbTalkEstimate) estimate = cb_talk_estimate_parse (text, error);

  return estimate != NULL ? cb_talk_estimate_lesson_segments (estimate) : NULL;
}

/* The segment lines after the version line (and the lesson line). */
static GArray *
parse_segment_lines (const char  *text,
                     GError     **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  g_auto(GStrv) lines = NULL;
  guint previous_end = 0;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint64 start, end, voice = 0;
      CbTalkSegment seg;
      guint n_parts;

      if (lines[i][0] == '\0')
        continue;
      parts = g_strsplit (lines[i], " ", -1);
      n_parts = g_strv_length (parts);
      if (n_parts < 3 || n_parts > 4 ||
          (n_parts == 4 && !g_ascii_string_to_unsigned (parts[3], 10, 1, 10000, &voice, NULL)) ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, CB_TALK_MAX_SECONDS, &start, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, CB_TALK_MAX_SECONDS, &end, NULL) ||
          end <= start || start < previous_end ||
          !cb_talk_label_from_id (parts[2], &seg.label))
        goto bad;
      seg.start = start;
      seg.end = end;
      seg.voice = (float) voice;
      previous_end = end;
      g_array_append_val (segments, seg);
    }
  return g_steal_pointer (&segments);

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The talk estimate is damaged; analyse the recording again."));
  return NULL;
}

/* The estimate as stored: the segments on the recording's clock, and
 * where the lesson lies on it, so that the coach can move the lesson
 * (Lesson starts at) without analysing the recording again. */

static void
damaged (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The talk estimate is damaged; analyse the recording again."));
}

/**
 * cb_talk_estimate_new:
 * @segments: (nullable) (element-type CbTalkSegment): on the
 *   recording's clock, copied
 * @lesson_starts_at: seconds into the recording when the lesson clock
 *   started; below 0 when the recording started after it
 * @lesson_seconds: the lesson's length on its clock, 0 when unknown
 *
 * Returns: (transfer full): an estimate
 */
CbTalkEstimate *
cb_talk_estimate_new (GArray *segments,
                      int     lesson_starts_at,
                      guint   lesson_seconds)
{
  CbTalkEstimate *self = g_new0 (CbTalkEstimate, 1);

  self->segments = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  if (segments != NULL)
    g_array_append_vals (self->segments, segments->data, segments->len);
  self->lesson_starts_at = CLAMP (lesson_starts_at, -CB_TALK_MAX_SECONDS, CB_TALK_MAX_SECONDS);
  self->lesson_seconds = MIN (lesson_seconds, CB_TALK_MAX_SECONDS);
  return self;
}

/**
 * cb_talk_estimate_copy:
 *
 * Returns: (transfer full): a copy of @self
 */
CbTalkEstimate *
cb_talk_estimate_copy (const CbTalkEstimate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return cb_talk_estimate_new (self->segments, self->lesson_starts_at, self->lesson_seconds);
}

void
cb_talk_estimate_free (CbTalkEstimate *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->segments);
  g_free (self);
}

/**
 * cb_talk_estimate_serialize:
 *
 * "talk 1" and the segments when the lesson is the recording (no
 * offset, no known length: what earlier versions read), else "talk 2",
 * a line "lesson STARTS_AT SECONDS", and the segments on the
 * recording's clock. Never sound.
 *
 * Returns: (transfer full): the stored form
 */
char *
cb_talk_estimate_serialize (const CbTalkEstimate *self)
{
  g_autofree char *lines = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  lines = cb_talk_segments_serialize (self->segments);
  if (self->lesson_starts_at == 0 && self->lesson_seconds == 0)
    return g_steal_pointer (&lines);
  return g_strdup_printf ("talk 2\nlesson %d %u\n%s", self->lesson_starts_at, self->lesson_seconds,
                          lines + strlen ("talk 1\n"));
}

/**
 * cb_talk_estimate_parse:
 * @text: what cb_talk_estimate_serialize() wrote, perhaps by another
 *   laptop
 *
 * Refuses anything else whole: unknown labels, overlaps, absurd times.
 *
 * Returns: (transfer full) (nullable): the estimate, or %NULL
 */
CbTalkEstimate *
cb_talk_estimate_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(GArray) segments = NULL;
  gint64 starts_at = 0;
  guint64 seconds = 0;

  if (text != NULL && g_str_has_prefix (text, "talk 1\n"))
    segments = parse_segment_lines (text + strlen ("talk 1\n"), error);
  else if (text != NULL && g_str_has_prefix (text, "talk 2\nlesson "))
    {
      const char *line = text + strlen ("talk 2\nlesson ");
      const char *end = strchr (line, '\n');
      g_autofree char *first = end != NULL ? g_strndup (line, end - line) : NULL;
      g_auto(GStrv) parts = first != NULL ? g_strsplit (first, " ", -1) : NULL;

      if (parts == NULL || g_strv_length (parts) != 2 ||
          !g_ascii_string_to_signed (parts[0], 10, -CB_TALK_MAX_SECONDS, CB_TALK_MAX_SECONDS, &starts_at, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, CB_TALK_MAX_SECONDS, &seconds, NULL))
        {
          damaged (error);
          return NULL;
        }
      segments = parse_segment_lines (end + 1, error);
    }
  else
    damaged (error);
  if (segments == NULL)
    return NULL;
  return cb_talk_estimate_new (segments, (int) starts_at, (guint) seconds);
}

/**
 * cb_talk_estimate_lesson_segments:
 *
 * What the coach sees and what is counted: the segments on the lesson
 * clock, without what was recorded before the lesson started or, when
 * its length is known, after it ended.
 *
 * Returns: (transfer full) (element-type CbTalkSegment): the segments
 */
GArray *
cb_talk_estimate_lesson_segments (const CbTalkEstimate *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  guint n = 0;

  g_return_val_if_fail (self != NULL, out);

  g_array_append_vals (out, self->segments->data, self->segments->len);
  cb_talk_segments_shift (out, self->lesson_starts_at);
  for (guint i = 0; self->lesson_seconds > 0 && i < out->len; i++)
    {
      CbTalkSegment seg = g_array_index (out, CbTalkSegment, i);

      if (seg.start >= self->lesson_seconds)
        break;
      seg.end = MIN (seg.end, self->lesson_seconds);
      g_array_index (out, CbTalkSegment, n++) = seg;
    }
  if (self->lesson_seconds > 0)
    g_array_set_size (out, n);
  return out;
}

/**
 * cb_talk_estimate_relabel:
 * @self: an estimate
 * @second: a second of the lesson clock, inside the segment to relabel
 * @label: its new label
 *
 * The coach's correction (cb_talk_segments_set_label(), and for
 * %CB_TALK_LABEL_TEACHER cb_talk_segments_confirm_teacher()). Teacher
 * and student are one voice each: only a one-voice segment can be
 * marked so; any other is left as it is.
 *
 * Returns: %FALSE when the segment was left as it is for that reason
 */
gboolean
cb_talk_estimate_relabel (CbTalkEstimate *self,
                          guint           second,
                          CbTalkLabel     label)
{
  gint64 at;

  g_return_val_if_fail (self != NULL && label < CB_TALK_N_LABELS, FALSE);

  at = (gint64) second + self->lesson_starts_at;
  if (at < 0 || at > CB_TALK_MAX_SECONDS)
    return TRUE;
  if (label == CB_TALK_LABEL_TEACHER || label == CB_TALK_LABEL_STUDENT)
    for (guint i = 0; i < self->segments->len; i++)
      {
        const CbTalkSegment *seg = &g_array_index (self->segments, CbTalkSegment, i);

        if (at >= seg->start && at < seg->end && seg->label != CB_TALK_LABEL_ONE &&
            seg->label != CB_TALK_LABEL_TEACHER && seg->label != CB_TALK_LABEL_STUDENT)
          return FALSE;
      }
  if (label == CB_TALK_LABEL_TEACHER)
    cb_talk_segments_confirm_teacher (self->segments, (guint) at);
  else
    cb_talk_segments_set_label (self->segments, (guint) at, label);
  return TRUE;
}

/* "Much" longer or shorter: a fifth of the lesson, and two minutes. */
static gboolean
much (guint difference,
      guint lesson)
{
  return difference > MAX (lesson / 5, 120);
}

/* A length as the coach reads it: seconds under two minutes, where
 * whole minutes would say "0 min" for a short lesson. */
static char *
duration_text (gint64 seconds)
{
  if (seconds < 120)
    /* TRANSLATORS: a duration in seconds, e.g. "16 s" */
    return g_strdup_printf (_("%u s"), (guint) seconds);
  /* TRANSLATORS: a duration in minutes, e.g. "32 min" */
  return g_strdup_printf (_("%u min"), (guint) ((seconds + 30) / 60));
}

/**
 * cb_talk_estimate_length_warning:
 *
 * Returns: (transfer full) (nullable): one line for the coach when the
 *   recording is much longer or shorter than the lesson, or lies much
 *   beside it; %NULL when they agree or the lesson's length is unknown
 */
char *
cb_talk_estimate_length_warning (const CbTalkEstimate *self)
{
  gint64 recording, from, to, covered, lesson;
  g_autofree char *recording_text = NULL;
  g_autofree char *lesson_text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  lesson = self->lesson_seconds;
  recording = cb_talk_segments_total (self->segments);
  if (lesson == 0 || recording == 0)
    return NULL;
  /* the recording on the lesson clock, and what of the lesson it covers */
  from = -(gint64) self->lesson_starts_at;
  to = from + recording;
  covered = MAX (0, MIN (to, lesson) - MAX (from, 0));
  lesson_text = duration_text (lesson);
  if (much (recording - covered, lesson) && much (lesson - covered, lesson))
    {
      g_autofree char *covered_text = duration_text (covered);

      /* TRANSLATORS: durations ("16 s", "32 min") of the recording's
       * part in the lesson and of the lesson */
      return g_strdup_printf (_("The recording covers only %s of the lesson’s %s; check “Lesson starts at”."),
                              covered_text, lesson_text);
    }
  recording_text = duration_text (recording);
  if (much (recording - covered, lesson))
    /* TRANSLATORS: durations ("16 s", "32 min") of the recording and the lesson */
    return g_strdup_printf (_("The recording (%s) is much longer than the lesson (%s): only the lesson is counted."),
                            recording_text, lesson_text);
  if (much (lesson - covered, lesson))
    /* TRANSLATORS: durations ("16 s", "32 min") of the recording and the lesson */
    return g_strdup_printf (_("The recording (%s) is much shorter than the lesson (%s): part of the lesson has no estimate."),
                            recording_text, lesson_text);
  return NULL;
}
