/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What coachbook-cli's commands share across its files: the parsed
 * command line and the helpers that read a command's own options and
 * arguments (cb-cli.c). A command in a file of its own (the talk
 * estimate, cb-cli-talk.c) is declared here and named in cb-cli.c's
 * table of commands. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CB_CLI_USAGE_ERROR (cb_cli_usage_error_quark ())

typedef struct
{
  const char  *db_path;
  char       **args;       /* the command's own arguments, args[0] a name */
} CbCli;

typedef gboolean (*CbCliCommand) (CbCli   *cli,
                                  GError **error);

GQuark   cb_cli_usage_error_quark   (void);

/* Parses a command's options; fails with a usage error. */
gboolean cb_cli_parse_options       (CbCli         *cli,
                                     const char    *parameters,
                                     const char    *summary,
                                     GOptionEntry  *entries,
                                     GError       **error);

/* One positional argument, such as a UUID or a KIND. */
gboolean cb_cli_expect_one_argument (CbCli         *cli,
                                     const char    *missing,
                                     GError       **error);

/* coachbook-cli talk RECORDING (cb-cli-talk.c) */
gboolean cb_cli_run_talk            (CbCli         *cli,
                                     GError       **error);

G_END_DECLS
