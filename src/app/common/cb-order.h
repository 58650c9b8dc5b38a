/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Moving one item of an ordered list: the one copy of the arithmetic
 * behind every Move Up / Move Down (Alt+Up / Alt+Down) and every
 * drag and drop in the app — look-fors in their catalog, focus
 * look-fors, the references of a record and the lines of a co-plan's
 * lists. No GTK: tests call it without a display. */

gboolean  cb_order_target (guint        n,
                           guint        index,
                           int          delta,
                           guint       *target);
gboolean  cb_order_move   (gpointer    *items,
                           guint        n,
                           guint        from,
                           guint        to);

G_END_DECLS
