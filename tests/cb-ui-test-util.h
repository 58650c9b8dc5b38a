/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the UI tests share (libcb-ui-test, tests/cb-ui-test-util.c): the test's folder and its setup,
 * spinning the main loop, pressing a shortcut the way GTK would,
 * typing, starting and stopping the real app, and screenshots. */
#pragma once

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "cb-application.h"
#include "cb-generate.h"
#include "cb-record-editor.h"
#include "cb-store.h"
#include "cb-test-util.h"
#include "cb-window.h"

G_BEGIN_DECLS

/* Whether @widget is the one looked for, as @data describes it. */
typedef gboolean (*CbWidgetMatchFunc) (GtkWidget     *widget,
                                     gconstpointer  data);

void cb_ui_test_init (int *argc,
                      char ***argv);
int cb_ui_test_run (void);
char *cb_ui_test_path (const char *name);
void cb_ui_generate_db (const char *path,
                        guint n,
                        guint seed);
void cb_ui_spin (guint ms);
void cb_ui_drain (void);
gboolean cb_ui_press (GtkWidget *start,
                      guint keyval,
                      GdkModifierType mods);
GtkWidget *cb_ui_focus_of (GtkWidget *widget);
char *cb_ui_text_of (GtkWidget *widget);
gboolean cb_ui_key_to_controllers (GtkWidget *widget,
                                   guint keyval,
                                   GdkModifierType mods);
void cb_ui_type_and_enter (GtkWidget *editable,
                           const char *text);
CbApplication *cb_ui_start_app (const char *db);
char *cb_ui_new_record (CbWindow *window,
                        CbSection section);
CbWindow *cb_ui_app_window (CbApplication *app);
CbRecord *cb_ui_get_record (CbStore *store,
                            const char *uuid);
GtkWidget *cb_ui_find_widget (GtkWidget *root,
                              CbWidgetMatchFunc match,
                              gconstpointer data);
GtkWindow *cb_ui_find_toplevel (GType type);
void cb_ui_close_window (CbWindow *window);
void cb_ui_stop_app (CbApplication *app);
void cb_ui_save_png (GtkWidget *widget,
                     const char *name);
GPtrArray *cb_ui_children (CbStore *store,
                           const char *kind,
                           const char *parent);
void cb_ui_choose_in_root (GtkWidget *widget,
                           const char *text);
void cb_ui_choose_in_popup (CbWindow *window,
                            const char *text);
void cb_ui_popup_field (CbRecordEditor *editor,
                        const char *field);

G_END_DECLS
