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
} CbTalkSegment;

typedef struct _CbTalkAnalysis CbTalkAnalysis;

CbTalkAnalysis *cb_talk_analysis_new          (void);
void            cb_talk_analysis_free         (CbTalkAnalysis *self);
void            cb_talk_analysis_add_window   (CbTalkAnalysis *self,
                                               float           level_db);
guint           cb_talk_analysis_get_seconds  (CbTalkAnalysis *self);
GArray         *cb_talk_analysis_finish       (CbTalkAnalysis *self);

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

char           *cb_talk_summary               (const char     *estimate);

const char     *cb_talk_label_id              (CbTalkLabel     label);
const char     *cb_talk_label_name            (CbTalkLabel     label);
gboolean        cb_talk_label_from_id         (const char     *id,
                                               CbTalkLabel    *label);
gboolean        cb_talk_label_is_voice        (CbTalkLabel     label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbTalkAnalysis, cb_talk_analysis_free)

G_END_DECLS
