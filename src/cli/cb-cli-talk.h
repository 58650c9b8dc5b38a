/* SPDX-License-Identifier: GPL-3.0-or-later */
/* coachbook-cli's talk estimate decodes sound with GStreamer, which lives
 * in a private module, coachbook-talk.so, as cairo and Pango live in
 * coachbook-pdf.so (cb-cli-pdf.h): the other commands do not load it.
 * The module takes core from the program, which exports its symbols. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bumped whenever CbCliTalk changes. */
#define CB_CLI_TALK_ABI 1
#define CB_CLI_TALK_SYMBOL "cb_cli_talk"
#define CB_CLI_TALK_MODULE "coachbook-talk.so"

typedef struct
{
  guint    abi;
  /* cb_talk_analyse_file() (src/talk/cb-talk-decode.h) */
  GArray *(*analyse_file) (const char  *path,
                           GError     **error);
} CbCliTalk;

const CbCliTalk *cb_cli_talk_load (GError **error);

G_END_DECLS
