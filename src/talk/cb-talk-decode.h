/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Decoding a recording with GStreamer into the windows CbTalkAnalysis
 * labels (src/core/cb-talk.h), and recording one. The app and
 * coachbook-cli share this code. */

#define CB_TALK_ERROR (cb_talk_error_quark ())

typedef enum
{
  CB_TALK_ERROR_MISSING_PLUGIN,  /* names the Debian package */
  CB_TALK_ERROR_UNREADABLE,      /* not a recording, damaged, no decoder */
  CB_TALK_ERROR_TOO_LONG,
  CB_TALK_ERROR_EMPTY,
  CB_TALK_ERROR_RECORDING,
} CbTalkError;

/* Called on the decoding thread with the share decoded so far (0–1). */
typedef void (*CbTalkProgressFunc) (double   fraction,
                                    gpointer user_data);

GQuark   cb_talk_error_quark   (void);
gboolean cb_talk_init          (GError             **error);
GArray  *cb_talk_analyse_file  (const char          *path,
                                GCancellable        *cancellable,
                                CbTalkProgressFunc   progress,
                                gpointer             user_data,
                                GError             **error);

G_END_DECLS
