/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Talk time estimated from a recording, without GTK and without
 * GStreamer: the decoder (src/talk/) hands the loudness of each 20 ms
 * window to a CbTalkAnalysis, which labels every second of the lesson
 * as no voice, one voice or several voices from the loudness and its
 * variation (the approach of DART, Owens et al., PNAS 2017). The
 * labels are runs of seconds, CbTalkSegments, which is all that is
 * kept: the sound itself never is. docs/talk.md says how. */

typedef enum
{
  CB_TALK_LABEL_SILENCE,   /* no voice, or a transition */
  CB_TALK_LABEL_ONE,       /* one voice */
  CB_TALK_LABEL_SEVERAL,   /* several voices: group talk */
  CB_TALK_LABEL_TEACHER,   /* one voice the coach took for the teacher's */
  CB_TALK_LABEL_STUDENT,   /* one voice the coach took for a student's */
  CB_TALK_N_LABELS,
} CbTalkLabel;

#define CB_TALK_WINDOWS_PER_SECOND 50
/* Lessons longer than this are refused rather than analysed for hours. */
#define CB_TALK_MAX_SECONDS (4 * 3600)

typedef struct
{
  guint       start;  /* seconds from the start of the recording */
  guint       end;    /* exclusive */
  CbTalkLabel label;
  float       voice;  /* the voice's pitch in Hz where one voice was
                       * heard, 0 when unknown: the teacher/student split */
} CbTalkSegment;

/* A one-voice segment is "likely teacher" when its pitch lies within
 * this many semitones of the teacher's sample, else "likely student". */
#define CB_TALK_TEACHER_SEMITONES 3.0

/* An estimate as the observation keeps it: the segments on the
 * recording's clock and where the lesson lies on that clock. */
typedef struct
{
  GArray *segments;          /* of CbTalkSegment, on the recording's clock */
  int     lesson_starts_at;  /* seconds into the recording when the lesson
                              * clock started; below 0: it started later */
  guint   lesson_seconds;    /* the lesson's length, 0 when unknown */
} CbTalkEstimate;

typedef struct _CbTalkAnalysis CbTalkAnalysis;

CbTalkAnalysis *cb_talk_analysis_new          (void);
void            cb_talk_analysis_free         (CbTalkAnalysis *self);
void            cb_talk_analysis_add_window   (CbTalkAnalysis *self,
                                               float           level_db);
void            cb_talk_analysis_add_voiced_window (CbTalkAnalysis *self,
                                                    float           level_db,
                                                    float           pitch_hz);
void            cb_talk_analysis_set_voice_activity (CbTalkAnalysis *self,
                                                     guint64         window,
                                                     gboolean        voice);
guint           cb_talk_analysis_get_seconds  (CbTalkAnalysis *self);
GArray         *cb_talk_analysis_finish       (CbTalkAnalysis *self);

float           cb_talk_pitch                 (const float    *samples,
                                               guint           n,
                                               guint           rate);
float           cb_talk_segments_reference    (GArray         *segments,
                                               guint           start,
                                               guint           end);
void            cb_talk_segments_split_voices (GArray         *segments,
                                               float           reference);
gboolean        cb_talk_segments_confirm_teacher (GArray      *segments,
                                                  guint        second);

GArray         *cb_talk_segments_from_labels  (const guint8   *labels,
                                               guint           n_seconds);
guint8         *cb_talk_segments_to_labels    (GArray         *segments,
                                               guint          *n_seconds);
void            cb_talk_segments_set_label    (GArray         *segments,
                                               guint           second,
                                               CbTalkLabel     label);
void            cb_talk_segments_shift        (GArray         *segments,
                                               int             seconds);
void            cb_talk_segments_shares       (GArray         *segments,
                                               double          shares[CB_TALK_N_LABELS]);
guint           cb_talk_segments_total        (GArray         *segments);
char           *cb_talk_segments_serialize    (GArray         *segments);
GArray         *cb_talk_segments_parse        (const char     *text,
                                               GError        **error);

guint           cb_talk_axis_length           (GArray         *segments,
                                               guint           lesson_seconds);
double          cb_talk_axis_x                (guint           second,
                                               guint           axis_length,
                                               double          width);
guint           cb_talk_axis_second           (double          x,
                                               guint           axis_length,
                                               double          width);

CbTalkEstimate *cb_talk_estimate_new          (GArray         *segments,
                                               int             lesson_starts_at,
                                               guint           lesson_seconds);
CbTalkEstimate *cb_talk_estimate_copy         (const CbTalkEstimate *self);
void            cb_talk_estimate_free         (CbTalkEstimate *self);
char           *cb_talk_estimate_serialize    (const CbTalkEstimate *self);
CbTalkEstimate *cb_talk_estimate_parse        (const char     *text,
                                               GError        **error);
GArray         *cb_talk_estimate_lesson_segments (const CbTalkEstimate *self);
gboolean        cb_talk_estimate_relabel      (CbTalkEstimate *self,
                                               guint           second,
                                               CbTalkLabel     label);
char           *cb_talk_estimate_length_warning (const CbTalkEstimate *self);

char           *cb_talk_summary               (const char     *estimate);

const char     *cb_talk_label_id              (CbTalkLabel     label);
const char     *cb_talk_label_name            (CbTalkLabel     label);
gboolean        cb_talk_label_from_id         (const char     *id,
                                               CbTalkLabel    *label);
gboolean        cb_talk_label_is_voice        (CbTalkLabel     label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbTalkAnalysis, cb_talk_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbTalkEstimate, cb_talk_estimate_free)

G_END_DECLS
