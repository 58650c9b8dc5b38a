/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The packet's inside, shared by its reader (cb-packet.c) and its layout
 * (cb-packet-layout.c). Not public API. */
#pragma once

#include <pango/pangocairo.h>

#include "cb-packet.h"
#include "cb-reports.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  gint64    offset;
  gboolean  phase;
  char     *text;
  char     *tags_markup;    /* NULL without tags */
} Line;

typedef struct
{
  char     *text;
  char     *meta;           /* owner, due, check back */
  gboolean  done;
} Action;

typedef struct
{
  char     *name;
  gboolean  in_focus;
  guint     n_lines;
  gint64    first_offset;
} Seen;

typedef struct
{
  char   *label;
  gint64  total;
} Counter;

typedef enum
{
  ITEM_TEXT,
  ITEM_RULE,
  ITEM_TALK,
  ITEM_QUESTIONS,
  ITEM_PHOTO,
} ItemType;

typedef struct
{
  char            *caption;   /* what it shows, level, students */
  cairo_surface_t *surface;
} Photo;

typedef struct
{
  ItemType     type;
  PangoLayout *layout;        /* TEXT */
  PangoLayout *gutter;        /* TEXT: beside the first line */
  Rgb          color;
  double       x;             /* from the content's left edge */
  const Rgb   *bar;           /* an accent bar left of the text */
  gboolean     rule_above;
  double       space_before;
  gboolean     keep_with_next;
  gboolean     keep_together; /* TEXT: move whole to the next page rather than split */
  double       height;        /* not TEXT */
  const Photo *photo;         /* PHOTO */
  guint        n_lines;
  double      *tops;          /* per line, relative to the layout */
  double      *bottoms;
  double      *baselines;
  double      *xs;
} Item;

typedef struct
{
  guint  item;
  guint  page;
  double y;
  guint  from;                /* lines of a TEXT item */
  guint  to;
} Slice;

struct _CbPacket
{
  char          *title;
  char          *teacher;
  char          *date;        /* YYYY-MM-DD */
  char          *date_label;
  char          *when;        /* "Tuesday, October 14, 2025 · 09:05–09:52" */
  char          *where;       /* "Grade 4 · Room 12 · School" */
  char          *coach;
  char          *lesson;
  char          *goal;
  char          *cycle_goal;      /* the shared coaching cycle's, or NULL */
  char          *cycle_progress;  /* its measure, baseline, latest, target */
  char          *strengths;
  char          *wonderings;
  char          *next_steps;
  GPtrArray     *lines;       /* Line */
  GPtrArray     *actions;     /* Action */
  GPtrArray     *seen;        /* Seen */
  GPtrArray     *counters;    /* Counter */
  GPtrArray     *photos;      /* Photo: student work that may leave */
  CbLessonChart *chart;
  char          *talk_estimate;  /* cb_talk_summary(), or NULL */

  /* the layout of the last page size */
  double         width;
  double         height;
  PangoContext  *context;
  GPtrArray     *items;       /* Item */
  GArray        *slices;      /* Slice */
  guint          n_pages;
};

static inline const char *
nonempty (const char *s)
{
  return s && *s ? s : NULL;
}

const char *cb_packet_counter_label (const char *name,
                                     const char *stored);

G_END_DECLS
