/* SPDX-License-Identifier: GPL-3.0-or-later */
/* coachbook-talk.so: the talk estimate of coachbook-cli, built from
 * src/talk. See cb-cli-talk.h. */

#include "config.h"

#include <gmodule.h>

#include "cb-cli-talk.h"
#include "cb-talk-decode.h"

static GArray *
analyse_file (const char  *path,
              GError     **error)
{
  return cb_talk_analyse_file (path, NULL, NULL, NULL, error);
}

G_MODULE_EXPORT extern const CbCliTalk cb_cli_talk;

G_MODULE_EXPORT const CbCliTalk cb_cli_talk = {
  .abi = CB_CLI_TALK_ABI,
  .analyse_file = analyse_file,
};
