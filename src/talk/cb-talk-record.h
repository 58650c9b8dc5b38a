/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Recording a lesson to a WAV file of its own (mode 0600) in the data
 * folder, following the lesson clock: paused with it, finished when it
 * stops. Only the coach's "Record lessons" preference starts one. */

typedef struct _CbTalkRecorder CbTalkRecorder;

CbTalkRecorder *cb_talk_recorder_start       (const char      *path,
                                              GError         **error);
gboolean        cb_talk_recorder_check       (CbTalkRecorder  *self,
                                              GError         **error);
void            cb_talk_recorder_set_paused  (CbTalkRecorder  *self,
                                              gboolean         paused);
gboolean        cb_talk_recorder_stop        (CbTalkRecorder  *self,
                                              GError         **error);
const char     *cb_talk_recorder_get_path    (CbTalkRecorder  *self);
void            cb_talk_recorder_free        (CbTalkRecorder  *self);

char           *cb_talk_recordings_dir       (GError         **error);
char           *cb_talk_recording_new_path   (GError         **error);
guint           cb_talk_recordings_purge     (guint            keep_days);
gboolean        cb_talk_recording_delete     (const char      *path,
                                              guint            keep_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbTalkRecorder, cb_talk_recorder_free)

G_END_DECLS
