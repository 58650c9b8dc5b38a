/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* The printable sign-in sheet of a PD session (cb_signin_sheet_load()):
 * name, school, role, hours and a column to sign, with blank lines for
 * walk-ins. */

#define CB_SIGNIN_BLANK_LINES 10

gboolean cb_signin_sheet_write_pdf (CbStore     *store,
                                    const char  *session,
                                    const char  *path,
                                    double       width,
                                    double       height,
                                    GError     **error);

G_END_DECLS
