/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_RECORD_ROW (cb_record_row_get_type ())
G_DECLARE_FINAL_TYPE (CbRecordRow, cb_record_row, CB, RECORD_ROW, GtkWidget)

GtkWidget *cb_record_row_new          (void);
void       cb_record_row_set          (CbRecordRow *self,
                                       const char  *kind_label,
                                       const char  *title,
                                       const char  *subtitle,
                                       gboolean     subtitle_is_markup,
                                       const char  *date_label,
                                       gboolean     starred);

G_END_DECLS
