/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CB_TYPE_TEXT_ROW (cb_text_row_get_type ())
G_DECLARE_FINAL_TYPE (CbTextRow, cb_text_row, CB, TEXT_ROW, AdwPreferencesRow)

/* A row with a title (adw_preferences_row_set_title(), plain text), a
 * subtitle, and widgets before and after them: AdwActionRow's look,
 * measured cheaply (see cb-text-row.c). */
GtkWidget  *cb_text_row_new             (void);
void        cb_text_row_set_subtitle    (CbTextRow  *self,
                                         const char *subtitle);
const char *cb_text_row_get_subtitle    (CbTextRow  *self);
void        cb_text_row_set_title_lines (CbTextRow  *self,
                                         int         lines);
void        cb_text_row_add_prefix      (CbTextRow  *self,
                                         GtkWidget  *widget);
void        cb_text_row_add_suffix      (CbTextRow  *self,
                                         GtkWidget  *widget);

G_END_DECLS
