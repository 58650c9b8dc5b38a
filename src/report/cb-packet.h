/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* The debrief packet handed to a teacher after an observation: the
 * lesson, strengths / wonderings / next steps, the agreed actions, the
 * tallies as pictures, the look-fors seen and the evidence timeline.
 * Only what is shared with the teacher goes in; docs/privacy.md has the
 * rule. The same drawing serves the PDF written by coachbook-cli and the
 * app's GtkPrintOperation (set its unit to GTK_UNIT_POINTS and pass the
 * print context's cairo_t, width and height). */

#define CB_PACKET_ERROR (cb_packet_error_quark ())

typedef enum
{
  CB_PACKET_ERROR_NOT_AN_OBSERVATION,
  CB_PACKET_ERROR_NOT_SHARED,
  CB_PACKET_ERROR_PRIVATE,
  CB_PACKET_ERROR_DELETED,
  CB_PACKET_ERROR_WRITE,
} CbPacketError;

/* Page sizes in points (1/72 inch). */
#define CB_PAPER_A4_WIDTH      595.276
#define CB_PAPER_A4_HEIGHT     841.890
#define CB_PAPER_LETTER_WIDTH  612.0
#define CB_PAPER_LETTER_HEIGHT 792.0

typedef struct _CbPacket CbPacket;

GQuark      cb_packet_error_quark          (void);
void        cb_packet_default_paper        (double      *width,
                                            double      *height);

CbPacket   *cb_packet_new                  (CbStore     *store,
                                            const char  *observation_uuid,
                                            GError     **error);
void        cb_packet_free                 (CbPacket    *self);
const char *cb_packet_get_title            (CbPacket    *self);
char       *cb_packet_get_suggested_filename (CbPacket  *self);
guint       cb_packet_get_n_pages          (CbPacket    *self,
                                            double       width,
                                            double       height);
void        cb_packet_draw_page            (CbPacket    *self,
                                            cairo_t     *cr,
                                            guint        page,
                                            double       width,
                                            double       height);
gboolean    cb_packet_write_pdf            (CbPacket    *self,
                                            const char  *path,
                                            double       width,
                                            double       height,
                                            GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbPacket, cb_packet_free)

G_END_DECLS
