/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-reports.h"

G_BEGIN_DECLS

#define CB_TYPE_LESSON_CHART_AREA (cb_lesson_chart_area_get_type ())
G_DECLARE_FINAL_TYPE (CbLessonChartArea, cb_lesson_chart_area, CB, LESSON_CHART_AREA, GtkDrawingArea)

/* The tallies of one lesson as a picture (cairo in a GtkDrawingArea):
 * the talk ratio as one split bar, then each counter over the lesson,
 * a bar per five minutes, on a shared time axis. */
GtkWidget  *cb_lesson_chart_area_new        (void);
void        cb_lesson_chart_area_set_chart  (CbLessonChartArea *self,
                                             CbLessonChart     *chart);
CbLessonChart *cb_lesson_chart_area_get_chart (CbLessonChartArea *self);

G_END_DECLS
