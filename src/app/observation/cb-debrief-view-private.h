/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the debrief view's files share: its instance struct and the
 * functions one file calls in another. */
#pragma once

#include "cb-debrief-view.h"
#include "cb-lesson-chart-area.h"
#include "cb-record-editor.h"

G_BEGIN_DECLS

struct _CbDebriefView
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel          *sharing_label;
  GtkWidget         *print_button;
  GtkWidget         *pdf_button;
  CbLessonChartArea *lesson_chart;
  GtkLabel          *talk_estimate_label;
  GtkListBox        *look_for_list;
  GtkWidget         *monitor_group;
  GtkLabel          *monitor_label;
  GtkListBox        *timeline_list;
  CbRecordEditor    *debrief_editor;
  GtkListBox        *action_list;
  GtkEntry          *action_entry;
  GtkEntry          *due_entry;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  char              *teacher;
  gint64             shown_at;   /* monotonic µs the page of an ended lesson was shown */
  gboolean           stale;
  guint              writing;
  GCancellable      *cancellable;
};

/* cb-debrief-view.c */
CbStore *_cb_debrief_view_get_store                   (CbDebriefView *self);

/* cb-debrief-view-action-items.c */
void     _cb_debrief_view_fill_actions                (CbDebriefView *self);
void     _cb_debrief_view_on_action_row_activated_cb  (CbDebriefView *self,
                                                       GtkListBoxRow *row);
void     _cb_debrief_view_on_action_add_cb            (CbDebriefView *self);

/* cb-debrief-view-packet.c */
void     _cb_debrief_view_packet_init                 (GtkWidgetClass *widget_class);

G_END_DECLS
