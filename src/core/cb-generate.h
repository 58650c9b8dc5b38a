/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cb-store.h"

G_BEGIN_DECLS

gboolean cb_generate (CbStore  *store,
                      guint     n_records,
                      guint32   seed,
                      GError  **error);

gboolean cb_generate_full (CbStore    *store,
                           guint       n_records,
                           guint32     seed,
                           const char *today,
                           GError    **error);

G_END_DECLS
