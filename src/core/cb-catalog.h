/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

/* Built-in records carry this replica id and these stamps, so that every
 * fresh laptop holds byte-identical built-ins and merging them is a no-op. */
#define CB_BUILTIN_REPLICA "0000000000000000"
#define CB_BUILTIN_HLC     ((gint64) 0)
#define CB_BUILTIN_CREATED "2024-01-01T00:00:00Z"
#define CB_CATALOG_RESOURCE "/io/github/coachbook/Coachbook/lookfors.xml"
/* The first framework's name in data/lookfors.xml: translated when the
 * interface language has the catalog's translations. */
#define CB_CATALOG_FIRST_NAME "Effective Mathematics Teaching Practices"

gboolean cb_catalog_install (CbStore  *store,
                             GError  **error);

G_END_DECLS
