/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* The contract as delivered: the engagement's delivered-against-planned
 * table (cb_delivered_rows()) as a PDF for invoicing, drawn with cairo
 * and Pango like the debrief packet. Only counts, time and dates leave
 * the laptop, by cb_delivered_load_shared(). */

gboolean cb_contract_write_pdf (CbStore     *store,
                                const char  *engagement,
                                const char  *path,
                                double       width,
                                double       height,
                                GError     **error);

G_END_DECLS
