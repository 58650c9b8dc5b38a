/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_CATALOG_RESOURCE "/io/github/coachbook/Coachbook/lookfors.xml"
/* The first framework's name in data/lookfors.xml: translated when the
 * interface language has the catalog's translations. */
#define CB_CATALOG_FIRST_NAME "Effective Mathematics Teaching Practices"
/* The version of the built-in catalogs a database holds (its "catalog"
 * meta): 2 added the walkthrough forms. */
#define CB_CATALOG_VERSION "2"
/* The built-in walkthrough form of six NCTM teaching practices. */
#define CB_CATALOG_NCTM_FORM "3bcffb2e-9cf1-4788-a6b4-f58851880239"

gboolean cb_catalog_install (CbStore  *store,
                             GError  **error);

G_END_DECLS
