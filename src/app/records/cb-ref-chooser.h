/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cb-names.h"

G_BEGIN_DECLS

#define CB_TYPE_REF_CHOOSER (cb_ref_chooser_get_type ())
G_DECLARE_FINAL_TYPE (CbRefChooser, cb_ref_chooser, CB, REF_CHOOSER, GtkPopover)

/* A popover to pick a record of one kind by typing part of its name.
 * Emits "chosen" with the UUID. When nothing matches, a person or a
 * school can be added as typed, in place. */
GtkWidget *cb_ref_chooser_new         (CbNames      *names,
                                       const char   *kind);
void       cb_ref_chooser_set_kind    (CbRefChooser *self,
                                       const char   *kind);
void       cb_ref_chooser_set_exclude (CbRefChooser *self,
                                       const char   *refs);
void       cb_ref_chooser_set_school  (CbRefChooser *self,
                                       const char   *school);

G_END_DECLS
