/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_MONITOR_CHART (cb_monitor_chart_get_type ())
G_DECLARE_FINAL_TYPE (CbMonitorChart, cb_monitor_chart, CB, MONITOR_CHART, GtkWidget)

/* The 5 Practices monitoring chart shown while an observation prepared
 * by a co-plan is captured: each anticipated strategy seen or not, by
 * which students, and the order to share them in the discussion. Each
 * row is a `monitor` record of the observation. */
typedef gint64 (*CbLessonOffsetFunc) (gpointer user_data);

GtkWidget  *cb_monitor_chart_new             (void);
void        cb_monitor_chart_set_names       (CbMonitorChart     *self,
                                              CbNames            *names);
void        cb_monitor_chart_set_offset_func (CbMonitorChart     *self,
                                              CbLessonOffsetFunc  func,
                                              gpointer            user_data);
gboolean    cb_monitor_chart_load            (CbMonitorChart     *self,
                                              const char         *observation);
void        cb_monitor_chart_flush           (CbMonitorChart     *self);
guint       cb_monitor_chart_get_n_rows      (CbMonitorChart     *self);
GtkWidget  *cb_monitor_chart_get_row_widget  (CbMonitorChart     *self,
                                              guint               index,
                                              const char         *part);
GtkWidget  *cb_monitor_chart_get_add_entry   (CbMonitorChart     *self);

void        cb_monitor_chart_attach_photo_async (CbMonitorChart      *self,
                                                 guint                index,
                                                 const char          *path,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

G_END_DECLS
