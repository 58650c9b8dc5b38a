/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-view-logic.h"

G_BEGIN_DECLS

#define CB_TYPE_SECTION_TOOLS (cb_section_tools_get_type ())
G_DECLARE_FINAL_TYPE (CbSectionTools, cb_section_tools, CB, SECTION_TOOLS, GtkWidget)

/* The buttons above a section's list: "Coaching Day…" and "Totals" for
 * the coaching log, "Calendar" for PD, and spreadsheet export. Each is
 * a window action (win.coaching-day, win.show-view, win.export-csv). */
GtkWidget  *cb_section_tools_new          (void);
void        cb_section_tools_set_section  (CbSectionTools *self,
                                           CbSection       section);

G_END_DECLS
