/* SPDX-License-Identifier: GPL-3.0-or-later */
/* REFS values: the UUIDs of other records, separated by single spaces
 * (a field of type CB_TYPE_REFS). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      **cb_refs_split    (const char *refs);
guint       cb_refs_count    (const char *refs);
gboolean    cb_refs_contains (const char *refs,
                              const char *uuid);
char       *cb_refs_toggle   (const char *refs,
                              const char *uuid);
char       *cb_refs_remove   (const char *refs,
                              const char *uuid);

G_END_DECLS
