/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The observation editor's instance struct and what its files share:
 * cb-observation-editor.c (the template, loading, the public API),
 * -clock.c (the lesson clock and talk timer), -timeline.c (lines,
 * tags, focus look-fors, private lines, scrolling), -tallies.c (the
 * counters) and -capture.c (the capture line and the capture keys). */
#pragma once

#include "cb-capture-logic.h"
#include "cb-debrief-view.h"
#include "cb-monitor-chart.h"
#include "cb-observation-editor.h"
#include "cb-record-editor.h"
#include "cb-ref-chooser.h"
#include "cb-talk-pane.h"
#include "cb-work-strip.h"
#include "cb-walk-form.h"

G_BEGIN_DECLS

typedef struct
{
  char      *uuid;      /* NULL until first counted */
  char      *name;
  char      *label;
  gint64     count;
  gint64     seconds;
  char      *marks;
  guint      position;
  GtkLabel  *count_label;
} Counter;

struct _CbObservationEditor
{
  CbEditorWidget   parent_instance;

  GtkLabel        *clock_label;
  GtkLabel        *clock_state_label;
  GtkWidget       *start_button;
  GtkToggleButton *capture_toggle;
  GtkToggleButton *debrief_toggle;
  GtkStack        *page_stack;
  CbDebriefView   *debrief_view;
  CbMonitorChart  *monitor_chart;
  CbTalkPane      *talk_pane;
  CbWorkStrip     *work_strip;
  CbWalkForm      *walk_form;
  AdwFlap         *flap;
  GtkScrolledWindow *scroller;
  GtkExpander     *details_expander;
  GtkWidget       *focus_group;
  GtkWidget       *page_switcher;
  GtkFlowBox      *tag_bar;
  CbRecordEditor  *details_editor;
  GtkMenuButton   *focus_add_button;
  GtkListBox      *focus_list;
  GtkStack        *timeline_stack;
  GtkListBox      *evidence_list;
  GtkLabel        *capture_offset_label;
  GtkTextView     *capture_entry;
  GtkWidget       *capture_placeholder;
  GtkToggleButton *teacher_talk_button;
  GtkToggleButton *student_talk_button;
  GtkLabel        *teacher_talk_label;
  GtkLabel        *student_talk_label;
  GtkLevelBar     *talk_level;
  GtkLabel        *talk_ratio_label;
  GtkListBox      *counters_list;
  GtkEntry        *new_counter_entry;

  CbNames         *names;
  GSettings       *settings;
  gulong           changed_id;

  char            *uuid;
  CbClock          clock;
  char            *focus;
  char            *start_time;
  char            *end_time;
  GPtrArray       *counters;        /* of Counter */
  Counter         *talk[3];         /* indexed by CbTalk; [0] unused */
  GHashTable      *short_labels;    /* look-for uuid → "MP1" */
  GHashTable      *line_tags;       /* evidence uuid → tags */
  GHashTable      *private_lines;   /* evidence uuids of private lines */
  GHashTable      *drafts;          /* observation uuid → capture text not entered */
  char            *last_line;
  guint            writing;
  guint            tick_id;
  gboolean         scroll_to_end;
  gboolean         scrolling;
  GtkEventController *root_keys;    /* owned by the window */
  guint            stick_id;
  gboolean         focus_mode;
};

/* cb-observation-editor.c */
void _cb_observation_editor_emit_line_deleted (CbObservationEditor *self,
                                               const char          *uuid);
CbStore *_cb_observation_editor_get_store (CbObservationEditor *self);
gint64 _cb_observation_editor_now_ms (void);
void _cb_observation_editor_report_error (CbObservationEditor *self,
                                          const GError        *error);
char *_cb_observation_editor_store_create (CbObservationEditor *self,
                                           const char          *kind,
                                           const char * const  *names,
                                           const char * const  *values,
                                           guint                n);
gboolean _cb_observation_editor_store_set (CbObservationEditor *self,
                                           const char          *uuid,
                                           const char          *field,
                                           const char          *value);

/* cb-observation-editor-clock.c */
void _cb_observation_editor_clock_pause_action (GtkWidget  *widget,
                                                const char *name,
                                                GVariant   *param);
void _cb_observation_editor_clock_start_action (GtkWidget  *widget,
                                                const char *name,
                                                GVariant   *param);
void _cb_observation_editor_clock_stop_action (GtkWidget  *widget,
                                               const char *name,
                                               GVariant   *param);
void _cb_observation_editor_clock_toggle_action (GtkWidget  *widget,
                                                 const char *name,
                                                 GVariant   *param);
void _cb_observation_editor_on_talk_button_clicked_cb (CbObservationEditor *self,
                                                       GtkToggleButton     *button);
void _cb_observation_editor_pause_clock (CbObservationEditor *self);
void _cb_observation_editor_start_clock (CbObservationEditor *self);
void _cb_observation_editor_talk_stop_action (GtkWidget  *widget,
                                              const char *name,
                                              GVariant   *param);
void _cb_observation_editor_talk_switch_action (GtkWidget  *widget,
                                                const char *name,
                                                GVariant   *param);
void _cb_observation_editor_update_clock_ui (CbObservationEditor *self);

/* cb-observation-editor-timeline.c */
void _cb_observation_editor_clear_lines (CbObservationEditor *self);
void _cb_observation_editor_load_lines (CbObservationEditor *self);
void _cb_observation_editor_on_evidence_row_activated_cb (CbObservationEditor *self,
                                                          GtkListBoxRow       *row);
void _cb_observation_editor_on_focus_chosen_cb (CbRefChooser        *chooser,
                                                const char          *uuid,
                                                CbObservationEditor *self);
void _cb_observation_editor_on_vadjustment_upper_changed_cb (GtkAdjustment       *adj,
                                                             GParamSpec          *pspec,
                                                             CbObservationEditor *self);
void _cb_observation_editor_on_vadjustment_value_changed_cb (GtkAdjustment       *adj,
                                                             CbObservationEditor *self);
void _cb_observation_editor_phase_action (GtkWidget  *widget,
                                          const char *name,
                                          GVariant   *param);
void _cb_observation_editor_private_action (GtkWidget  *widget,
                                            const char *name,
                                            GVariant   *param);
void _cb_observation_editor_rebuild_focus (CbObservationEditor *self);
void _cb_observation_editor_scroll_to_end (CbObservationEditor *self);
void _cb_observation_editor_update_talk_axis (CbObservationEditor *self);
int _cb_observation_editor_sort_rows (GtkListBoxRow *a,
                                      GtkListBoxRow *b,
                                      gpointer       user_data);
void _cb_observation_editor_tag_action (GtkWidget  *widget,
                                        const char *name,
                                        GVariant   *param);
void _cb_observation_editor_update_tag_bar_visible (CbObservationEditor *self);

/* cb-observation-editor-tallies.c */
void _cb_observation_editor_count_action (GtkWidget  *widget,
                                          const char *name,
                                          GVariant   *param);
void _cb_observation_editor_counter_free (gpointer data);
Counter *_cb_observation_editor_ensure_talk_counter (CbObservationEditor *self,
                                                    CbTalk               talk);
void _cb_observation_editor_load_counters (CbObservationEditor *self);
void _cb_observation_editor_on_new_counter_activated_cb (CbObservationEditor *self);
gboolean _cb_observation_editor_save_counter (CbObservationEditor *self,
                                              Counter             *c);

/* cb-observation-editor-capture.c */
void _cb_observation_editor_add_shortcuts (CbObservationEditor *self);
char *_cb_observation_editor_capture_text (CbObservationEditor *self);
gboolean _cb_observation_editor_add_line_private (CbObservationEditor *self,
                                                  const char          *text,
                                                  gboolean             is_private);
void _cb_observation_editor_walk_form_action (GtkWidget  *widget,
                                              const char *name,
                                              GVariant   *param);
void _cb_observation_editor_focus_capture_action (GtkWidget  *widget,
                                                  const char *name,
                                                  GVariant   *param);
void _cb_observation_editor_on_capture_changed_cb (GtkTextBuffer       *buffer,
                                                   CbObservationEditor *self);
gboolean _cb_observation_editor_on_capture_key_pressed_cb (GtkEventControllerKey *controller,
                                                           guint                  keyval,
                                                           guint                  keycode,
                                                           GdkModifierType        state,
                                                           CbObservationEditor   *self);
gboolean _cb_observation_editor_on_root_key_pressed_cb (GtkEventControllerKey *controller,
                                                        guint                  keyval,
                                                        guint                  keycode,
                                                        GdkModifierType        state,
                                                        CbObservationEditor   *self);
void _cb_observation_editor_set_capture_text (CbObservationEditor *self,
                                              const char          *text);

G_END_DECLS
