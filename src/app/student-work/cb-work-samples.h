/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* Reading a record's samples of student work on a worker thread, with
 * their thumbnails decoded and the levels of the record's cycle
 * (cb_work_levels()). No GTK: the views make textures on the main loop. */

typedef struct
{
  char      *uuid;
  char      *parent;
  char      *title;
  char      *level;
  char      *students;
  GdkPixbuf *thumbnail;   /* NULL when it could not be decoded */
} CbWorkSample;

typedef struct
{
  GPtrArray *samples;     /* CbWorkSample, in their order */
  char     **levels;      /* lowest first */
} CbWorkSamples;

typedef enum
{
  CB_WORK_SAMPLES_OWN     = 0,
  /* also those of the records linked to it: a cycle's observations and
   * logs, an observation's monitoring-chart strategies */
  CB_WORK_SAMPLES_RELATED = 1 << 0,
} CbWorkSamplesFlags;

CbWorkSamples *cb_work_samples_load (CbStore             *store,
                                     const char          *parent,
                                     CbWorkSamplesFlags   flags,
                                     GCancellable        *cancellable,
                                     GError             **error);
void           cb_work_samples_free (CbWorkSamples       *samples);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbWorkSamples, cb_work_samples_free)

G_END_DECLS
