/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CB_TYPE_LINE_LIST (cb_line_list_get_type ())
G_DECLARE_FINAL_TYPE (CbLineList, cb_line_list, CB, LINE_LIST, GtkWidget)

/* A LIST field edited one line per row: each row can be edited, moved
 * (Move Up / Move Down, Alt+Up / Alt+Down, drag by the handle) or
 * removed, a last row adds one. Emits "changed" after each edit. */
GtkWidget  *cb_line_list_new        (const char *title,
                                     const char *description,
                                     const char *add_label);
void        cb_line_list_set_value  (CbLineList *self,
                                     const char *value);
char       *cb_line_list_get_value  (CbLineList *self);
guint       cb_line_list_get_n_lines (CbLineList *self);
gboolean    cb_line_list_add        (CbLineList *self,
                                     const char *line);
void        cb_line_list_remove     (CbLineList *self,
                                     guint       index);
gboolean    cb_line_list_move       (CbLineList *self,
                                     guint       from,
                                     guint       to);
GtkWidget  *cb_line_list_get_add_row (CbLineList *self);
GtkWidget  *cb_line_list_get_row_widget (CbLineList *self,
                                     guint       index,
                                     const char *part);

G_END_DECLS
