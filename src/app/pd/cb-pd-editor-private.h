/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the PD editor's files share: its struct, an agenda block's and a
 * person's sign-in state, and the helpers each file calls in another.
 * cb-pd-editor.c holds the editor itself, cb-pd-editor-agenda.c the
 * agenda blocks, cb-pd-editor-signin.c the sign-in and
 * cb-pd-editor-exit.c the exit tickets, check-in and sign-in sheet. */
#pragma once

#include <adwaita.h>

#include "cb-pd-editor.h"
#include "cb-record-editor.h"

G_BEGIN_DECLS

typedef struct
{
  CbPdEditor *self;
  char       *uuid;
  char       *start;        /* as stored, "" if none */
  char       *end;
  GHashTable *pending;      /* field → text not written yet */
  GtkWidget  *start_entry;
  GtkWidget  *end_entry;
  GtkWidget  *title_entry;
  GtkWidget  *audience;
  GtkWidget  *facilitator_entry;
  GtkWidget  *materials_entry;
  GtkWidget  *message;
  GtkWidget  *remove;
  guint       check_id;
  gboolean    refused;
} Block;

typedef struct
{
  char      *person;
  char      *attendance;    /* UUID once signed in */
  char      *fold;          /* casefolded name, for the search */
  gboolean   present;
  double     hours;
  gboolean   hours_pending;
  gboolean   by_hand;       /* hours typed: they no longer follow the session */
  GtkWidget *row;
  GtkWidget *check;
  GtkWidget *spin;
} Signin;

struct _CbPdEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  CbRecordEditor    *session_fields;
  CbRecordEditor    *notes_fields;
  GtkListBox        *agenda_list;
  GtkSearchEntry    *people_search;
  GtkLabel          *signin_label;
  GtkListBox        *people_list;
  GtkEntry          *checkin_entry;
  GtkListBox        *exit_list;
  GtkEntry          *exit_entry;
  GtkDropDown       *exit_type;
  GtkDropDown       *exit_level;
  GtkLabel          *exit_label;
  GtkBox            *exit_summary;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  GPtrArray         *blocks;      /* Block */
  GPtrArray         *people;      /* Signin */
  guint              save_id;
  guint              writing;
  gboolean           building;
};

/* cb-pd-editor.c */
CbStore *_cb_pd_editor_get_store               (CbPdEditor *self);
void     _cb_pd_editor_queue_save              (CbPdEditor *self);
char    *_cb_pd_editor_session_time            (CbPdEditor *self,
                                                const char *field);

/* cb-pd-editor-agenda.c */
void     _cb_pd_editor_block_free              (gpointer    data);
void     _cb_pd_editor_show_stored_problems    (CbPdEditor *self);
void     _cb_pd_editor_load_agenda             (CbPdEditor *self);

/* cb-pd-editor-signin.c */
void     _cb_pd_editor_signin_free             (gpointer    data);
void     _cb_pd_editor_follow_session_length   (CbPdEditor *self,
                                                double      length);
void     _cb_pd_editor_filter_people           (CbPdEditor *self);
void     _cb_pd_editor_load_people             (CbPdEditor *self);

/* cb-pd-editor-exit.c */
void       _cb_pd_editor_exit_init           (CbPdEditor *self);
void       _cb_pd_editor_load_exit           (CbPdEditor *self);
void       _cb_pd_editor_exit_entry_activated (CbPdEditor *self);
void       _cb_pd_editor_exit_template       (CbPdEditor *self);
GtkWidget *_cb_pd_editor_exit_kiosk          (CbPdEditor *self);
void       _cb_pd_editor_check_in            (CbPdEditor *self);
void       _cb_pd_editor_choose_sheet_file   (CbPdEditor *self);
void       _cb_pd_editor_write_sheet_async   (CbPdEditor *self,
                                              const char *path);

G_END_DECLS
