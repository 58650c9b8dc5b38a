/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* The data picture of a rounds visit as a PDF (cb_rounds_picture_load()). */

gboolean cb_rounds_picture_write_pdf (CbStore     *store,
                                      const char  *visit,
                                      const char  *path,
                                      double       width,
                                      double       height,
                                      GError     **error);

G_END_DECLS
