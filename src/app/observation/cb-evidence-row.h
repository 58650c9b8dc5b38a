/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_EVIDENCE_ROW (cb_evidence_row_get_type ())
G_DECLARE_FINAL_TYPE (CbEvidenceRow, cb_evidence_row, CB, EVIDENCE_ROW, GtkWidget)

/* One line of an observation's timeline: its time, its text, its tags.
 * Emits "edited", "retimed" and "delete-requested"; the editor writes. */
GtkWidget  *cb_evidence_row_new           (const char         *uuid);
void        cb_evidence_row_set_uuid      (CbEvidenceRow      *self,
                                           const char         *uuid);
const char *cb_evidence_row_get_uuid      (CbEvidenceRow      *self);
gint64      cb_evidence_row_get_offset    (CbEvidenceRow      *self);
const char *cb_evidence_row_get_text      (CbEvidenceRow      *self);
const char *cb_evidence_row_get_phase     (CbEvidenceRow      *self);
void        cb_evidence_row_update        (CbEvidenceRow      *self,
                                           gint64              offset,
                                           const char         *text,
                                           const char         *phase,
                                           const char * const *tags);
void        cb_evidence_row_start_editing (CbEvidenceRow      *self);
gboolean    cb_evidence_row_is_editing    (CbEvidenceRow      *self);
void        cb_evidence_row_set_private   (CbEvidenceRow      *self,
                                           gboolean            is_private);
gboolean    cb_evidence_row_get_private   (CbEvidenceRow      *self);

G_END_DECLS
