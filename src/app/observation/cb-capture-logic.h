/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-refs.h"

G_BEGIN_DECLS

/* The view logic of observation capture: the lesson clock, the talk
 * timer, offsets and tags. Pure functions over plain values, so tests
 * call them without a display and without a store. */

typedef enum
{
  CB_CLOCK_STOPPED,
  CB_CLOCK_RUNNING,
  CB_CLOCK_PAUSED,
} CbClockState;

typedef enum
{
  CB_TALK_NONE,
  CB_TALK_TEACHER,
  CB_TALK_STUDENT,
} CbTalk;

/* The lesson clock as saved in an observation's "clock" field:
 *   "<running|paused|stopped>;<accumulated_ms>;<started_at_unix_ms>"
 * optionally followed by ";<teacher|student>;<talk_since_ms>" while the
 * talk timer runs. Talk time is measured in lesson time, so pausing the
 * lesson pauses the talk timer too. */
typedef struct
{
  CbClockState state;
  gint64       accumulated_ms;
  gint64       started_at_ms;   /* wall clock, unix ms, when RUNNING began */
  CbTalk       talk;
  gint64       talk_since_ms;   /* lesson time when the current talk began */
} CbClock;

typedef struct
{
  gboolean can_start;
  gboolean can_pause;
  gboolean can_stop;
  gboolean resumes;     /* "Start" would continue an earlier lesson time */
} CbClockActions;

void        cb_clock_init           (CbClock        *clock);
gboolean    cb_clock_parse          (const char     *text,
                                     CbClock        *clock);
char       *cb_clock_to_string      (const CbClock  *clock);
gint64      cb_clock_elapsed_ms     (const CbClock  *clock,
                                     gint64          now_ms);
gint64      cb_clock_offset_seconds (const CbClock  *clock,
                                     gint64          now_ms);
gboolean    cb_clock_start          (CbClock        *clock,
                                     gint64          now_ms);
gboolean    cb_clock_pause          (CbClock        *clock,
                                     gint64          now_ms);
gboolean    cb_clock_stop           (CbClock        *clock,
                                     gint64          now_ms,
                                     CbTalk         *closed_talk,
                                     gint64         *closed_ms);
CbTalk      cb_clock_switch_talk    (CbClock        *clock,
                                     gint64          now_ms,
                                     CbTalk          to,
                                     gint64         *closed_ms);
CbTalk      cb_clock_next_talk      (const CbClock  *clock);
gint64      cb_clock_talk_ms        (const CbClock  *clock,
                                     gint64          now_ms);
CbClockActions cb_clock_get_actions (const CbClock  *clock);

char       *cb_format_offset        (gint64          seconds);
gboolean    cb_parse_offset         (const char     *text,
                                     gint64         *seconds);
char       *cb_format_duration      (gint64          seconds);

/* REFS values: see cb-refs.h; moving one UUID follows the list order
 * of cb-order.h. */
char       *cb_refs_move            (const char     *refs,
                                     const char     *uuid,
                                     int             delta);

/* LIST values: lines separated by '\n'. */
char       *cb_marks_append         (const char     *marks,
                                     gint64          seconds);
char       *cb_marks_drop_last      (const char     *marks);

/* The counters every observation starts with, in order; Ctrl+N counts
 * the Nth. */
typedef struct
{
  const char *name;
  const char *label;   /* N_() */
} CbCounterInfo;

const CbCounterInfo *cb_default_counters (guint *n_counters);
const char          *cb_counter_label    (const char *name,
                                          const char *stored_label);
gint64               cb_talk_add_seconds (gint64      counted,
                                          gint64      ms,
                                          gint64      other,
                                          gint64      lesson_ms);
int                  cb_talk_percent     (gint64      teacher_seconds,
                                          gint64      student_seconds);

#define CB_TALLY_TEACHER_TALK "teacher_talk"
#define CB_TALLY_STUDENT_TALK "student_talk"

G_END_DECLS
