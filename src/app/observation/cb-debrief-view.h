/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_DEBRIEF_VIEW (cb_debrief_view_get_type ())
G_DECLARE_FINAL_TYPE (CbDebriefView, cb_debrief_view, CB, DEBRIEF_VIEW, GtkWidget)

/* The debrief of one observation: the tallies as a picture, look-fors
 * seen and not seen, the monitoring chart's discussion order, the
 * timeline coloured by look-for, strengths / wonderings / next steps,
 * action items agreed here, and the teacher's packet (print or PDF). */
GtkWidget  *cb_debrief_view_new            (void);
void        cb_debrief_view_set_names      (CbDebriefView *self,
                                            CbNames       *names);
gboolean    cb_debrief_view_load           (CbDebriefView *self,
                                            const char    *observation);
void        cb_debrief_view_refresh        (CbDebriefView *self);
void        cb_debrief_view_flush          (CbDebriefView *self);
void        cb_debrief_view_popdown        (CbDebriefView *self);
char       *cb_debrief_view_add_action     (CbDebriefView *self,
                                            const char    *text,
                                            const char    *due);
gboolean    cb_debrief_view_save_packet    (CbDebriefView *self,
                                            const char    *path);
gboolean    cb_debrief_view_export_packet  (CbDebriefView *self,
                                            const char    *path);
GtkWidget  *cb_debrief_view_get_child      (CbDebriefView *self,
                                            const char    *name);

G_END_DECLS
