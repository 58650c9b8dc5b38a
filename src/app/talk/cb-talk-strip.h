/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The talk estimate as a strip of coloured segments along the lesson
 * clock, under the evidence timeline. The coach selects a segment with
 * the mouse or Left/Right and relabels it with 1–5; "changed" follows. */

#define CB_TYPE_TALK_STRIP (cb_talk_strip_get_type ())

G_DECLARE_FINAL_TYPE (CbTalkStrip, cb_talk_strip, CB, TALK_STRIP, GtkWidget)

/* One colour a CbTalkLabel, for a legend beside the strip. */
extern const char * const cb_talk_strip_colors[];

GtkWidget *cb_talk_strip_new           (void);
void       cb_talk_strip_set_segments  (CbTalkStrip *self,
                                        GArray      *segments);
GArray    *cb_talk_strip_get_segments  (CbTalkStrip *self);
guint      cb_talk_strip_get_selected  (CbTalkStrip *self);
void       cb_talk_strip_set_lesson    (CbTalkStrip *self,
                                        guint        lesson_seconds,
                                        GArray      *marks);
guint      cb_talk_strip_get_axis_length (CbTalkStrip *self);

G_END_DECLS
