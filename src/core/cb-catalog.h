/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_CATALOG_RESOURCE "/io/github/coachbook/Coachbook/lookfors.xml"
/* The first framework's name in data/lookfors.xml: translated when the
 * interface language has the catalog's translations. */
#define CB_CATALOG_FIRST_NAME "Effective Mathematics Teaching Practices"

gboolean cb_catalog_install (CbStore  *store,
                             GError  **error);

G_END_DECLS
