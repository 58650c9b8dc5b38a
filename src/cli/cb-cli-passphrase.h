/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cb_cli_passphrase_get (const char  *file,
                             gboolean     confirm,
                             GError     **error);

G_END_DECLS
