/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The talk estimate of one observation, under its evidence timeline:
 * the strip, the shares, analysing a recording (imported, or recorded
 * while the lesson clock runs when the coach has switched recording
 * on) on a worker thread with progress and Cancel. The pane never
 * writes the store: "estimate-changed" hands the observation's uuid
 * and the new estimate to the editor. */

#define CB_TYPE_TALK_PANE (cb_talk_pane_get_type ())

G_DECLARE_FINAL_TYPE (CbTalkPane, cb_talk_pane, CB, TALK_PANE, GtkWidget)

void     cb_talk_pane_set_settings  (CbTalkPane  *self,
                                     GSettings   *settings);
void     cb_talk_pane_load          (CbTalkPane  *self,
                                     const char  *uuid,
                                     const char  *estimate);
void     cb_talk_pane_follow_clock  (CbTalkPane  *self,
                                     gboolean     running,
                                     gboolean     ended);
void     cb_talk_pane_analyse_file  (CbTalkPane  *self,
                                     const char  *path,
                                     int          lesson_starts_at,
                                     gboolean     delete_after);
void     cb_talk_pane_import_file   (CbTalkPane  *self,
                                     const char  *path);
void     cb_talk_pane_set_lesson    (CbTalkPane  *self,
                                     guint        lesson_seconds,
                                     GArray      *marks);
GtkWidget *cb_talk_pane_get_strip   (CbTalkPane  *self);
gboolean cb_talk_pane_is_recording  (CbTalkPane  *self);
gboolean cb_talk_pane_is_busy       (CbTalkPane  *self);

G_END_DECLS
