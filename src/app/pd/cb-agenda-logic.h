/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-reports.h"
#include "cb-store.h"

G_BEGIN_DECLS

/* PD agendas and hours: block times, session hours and "Duplicate as
 * template". No GTK: tests call these without a display. */

char         *cb_agenda_block_message   (GPtrArray          *problems,
                                         guint               index);
gboolean      cb_agenda_try_times       (const CbAgendaBlock *blocks,
                                         guint               n_blocks,
                                         guint               index,
                                         const char         *start,
                                         const char         *end,
                                         const char         *session_start,
                                         const char         *session_end,
                                         char              **message);
gboolean      cb_agenda_next_slot       (const CbAgendaBlock *blocks,
                                         guint               n_blocks,
                                         const char         *session_start,
                                         const char         *session_end,
                                         int                 minutes,
                                         char              **start,
                                         char              **end);
char         *cb_normalize_time         (const char         *text);
double        cb_session_hours          (const char         *start,
                                         const char         *end);
char         *cb_format_hours           (double              hours);

char         *cb_pd_session_duplicate   (CbStore            *store,
                                         const char         *session,
                                         GError            **error);

G_END_DECLS
