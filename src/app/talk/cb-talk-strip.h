/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-talk.h"

G_BEGIN_DECLS

/* The talk estimate as a strip of coloured segments along the lesson
 * clock, under the evidence timeline: the lesson's part of the
 * estimate. The coach selects a segment with the mouse or Left/Right
 * and relabels it with 1–5; "changed" follows, or "refused" when 4 or
 * 5 is pressed on a segment that is not one voice. */

#define CB_TYPE_TALK_STRIP (cb_talk_strip_get_type ())

G_DECLARE_FINAL_TYPE (CbTalkStrip, cb_talk_strip, CB, TALK_STRIP, GtkWidget)

/* One colour a CbTalkLabel, for a legend beside the strip. */
extern const char * const cb_talk_strip_colors[];

GtkWidget *cb_talk_strip_new           (void);
void       cb_talk_strip_set_estimate  (CbTalkStrip *self,
                                        const CbTalkEstimate *estimate);
void       cb_talk_strip_realign       (CbTalkStrip *self,
                                        int          lesson_starts_at,
                                        guint        lesson_seconds);
const CbTalkEstimate *cb_talk_strip_get_estimate (CbTalkStrip *self);
GArray    *cb_talk_strip_get_segments  (CbTalkStrip *self);
guint      cb_talk_strip_get_selected  (CbTalkStrip *self);
void       cb_talk_strip_set_lesson    (CbTalkStrip *self,
                                        guint        lesson_seconds,
                                        GArray      *marks);
guint      cb_talk_strip_get_axis_length (CbTalkStrip *self);

G_END_DECLS
