/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the record editor's files share: the instance struct, one
 * field's widgets, the signals, and the functions each file gives the
 * others. */
#pragma once

#include "cb-names.h"
#include "cb-record-editor.h"

G_BEGIN_DECLS

typedef struct
{
  const CbField *field;
  GtkWidget     *row;      /* what is shown */
  GtkWidget     *input;    /* entry row, text view, switch, combo row, … */
  GtkWidget     *menu;     /* the button of a chooser or calendar popover */
  char          *value;    /* the value shown, as stored */
} FieldUi;

struct _CbRecordEditor
{
  CbEditorWidget parent_instance;

  GtkBox       *content;

  CbNames      *names;
  char        **only_fields;
  gboolean      show_extras;

  char         *uuid;
  const CbKind *kind;
  const CbKind *form_kind; /* the fields shown were built for it */
  gboolean      form_read_only;
  gboolean      read_only;
  gboolean      loading;
  GHashTable   *fields;    /* name → FieldUi */
  GHashTable   *pending;   /* name → value to write */
  guint         save_id;
  GtkWidget    *first_input;
};

enum {
  OPEN_RECORD,
  SAVED,
  N_SIGNALS
};

extern guint _cb_record_editor_signals[N_SIGNALS];

/* cb-record-editor.c */
CbStore *_cb_record_editor_get_store (CbRecordEditor *self);
void _cb_record_editor_emit_error (CbRecordEditor *self,
                                   const GError *error);

/* cb-record-editor-fields.c */
FieldUi *_cb_record_editor_build_field (CbRecordEditor *self,
                                        const CbField *field);

/* cb-record-editor-refs.c */
void _cb_record_editor_build_ref_field (CbRecordEditor *self,
                                        FieldUi *ui,
                                        const char *label);
void _cb_record_editor_build_refs_field (CbRecordEditor *self,
                                         FieldUi *ui,
                                         const char *label);
GtkWidget *_cb_record_editor_build_refs_item_row (CbRecordEditor *self,
                                                  FieldUi *ui,
                                                  const char *uuid,
                                                  guint index,
                                                  guint n);
void _cb_record_editor_clear_refs_children (FieldUi *ui);
gboolean _cb_record_editor_move_focused_ref_cb (GtkWidget *widget,
                                                GVariant *args,
                                                gpointer data);

/* cb-record-editor-values.c */
void _cb_record_editor_field_ui_update (CbRecordEditor *self,
                                        FieldUi *ui);
void _cb_record_editor_fill_from_ref (CbRecordEditor *self,
                                      FieldUi *ui,
                                      const char *uuid);
void _cb_record_editor_queue_value (CbRecordEditor *self,
                                    FieldUi *ui,
                                    const char *value);
void _cb_record_editor_show_invalid (FieldUi *ui,
                                     gboolean invalid);

G_END_DECLS
