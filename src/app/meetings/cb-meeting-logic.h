/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-record.h"

G_BEGIN_DECLS

/* A team's meetings as a chain, without a display: what the next
 * meeting carries over, and the earlier meetings a meeting follows. */

void       cb_meeting_next_values  (CbRecord   *meeting,
                                    GPtrArray  *names,
                                    GPtrArray  *values);
gboolean   cb_meeting_item_is_open (CbRecord   *item);

G_END_DECLS
