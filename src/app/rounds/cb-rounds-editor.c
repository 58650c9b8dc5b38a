/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A rounds visit: its details, the observer's notes typed one a line
 * (time-stamped, in a classroom, tagged with a focus look-for by key),
 * the debrief board where every observer's notes meet, grouped by
 * look-for or by classroom, the pattern cards filled from the board by
 * key, predictions and the next level of work, and the data picture. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-editor-widget.h"
#include "cb-editor.h"
#include "cb-file-chooser.h"
#include "cb-names.h"
#include "cb-packet.h"
#include "cb-record-editor.h"
#include "cb-refs.h"
#include "cb-rounds-editor.h"
#include "cb-rounds-logic.h"
#include "cb-rounds-picture.h"
#include "cb-view-util.h"

struct _CbRoundsEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  CbRecordEditor    *visit_fields;
  CbRecordEditor    *debrief_fields;
  GtkEntry          *classroom_entry;
  GtkEntry          *capture_entry;
  GtkLabel          *tags_label;
  GtkCheckButton    *by_classroom_check;
  GtkListBox        *board_list;
  GtkEntry          *pattern_entry;
  GtkLabel          *patterns_label;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  char              *newest;         /* the note added last */
  guint              writing;
};

G_DEFINE_FINAL_TYPE (CbRoundsEditor, cb_rounds_editor, CB_TYPE_EDITOR_WIDGET)

static CbStore *
get_store (CbRoundsEditor *self)
{
  return cb_names_get_store (self->names);
}

static char **
focus_look_fors (CbRoundsEditor *self)
{
  g_autoptr(CbRecord) visit = self->uuid ? cb_store_get (get_store (self), self->uuid, NULL) : NULL;

  return cb_refs_split (visit ? cb_record_get (visit, "look_fors") : NULL);
}

static GPtrArray *
children (CbRoundsEditor *self,
          const char     *kind)
{
  GPtrArray *list = self->uuid ? cb_store_children (get_store (self), kind, self->uuid, NULL) : NULL;

  return list ? list : g_ptr_array_new_with_free_func (g_object_unref);
}

static GtkWidget *
note_row (CbRoundsEditor *self,
          CbRecord       *note,
          GPtrArray      *cards)
{
  g_autofree char *time = cb_rounds_format_time (cb_record_get (note, "at")[0] ? cb_record_get_int (note, "at") : -1);
  const char *look_for = cb_names_lookup (self->names, cb_record_get (note, "look_for"));
  const char *room = cb_record_get (note, "classroom");
  g_autoptr(GString) about = g_string_new (time);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_label_new (cb_record_get (note, "text"));
  GtkWidget *meta;

  if (room && *room)
    g_string_append_printf (about, "%s%s", about->len ? " · " : "", room);
  if (look_for && *look_for)
    g_string_append_printf (about, "%s%s", about->len ? " · " : "", look_for);
  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (cb_record_get_uuid (g_ptr_array_index (cards, i)), cb_record_get (note, "pattern")) == 0)
      /* TRANSLATORS: on a board line: the pattern card it is on, by number */
      g_string_append_printf (about, _(" · pattern %u"), i + 1);
  meta = gtk_label_new (about->str);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "note", g_strdup (cb_record_get_uuid (note)), g_free);
  return row;
}

static GtkWidget *
group_row (const char *title,
           guint       n)
{
  /* TRANSLATORS: a group of the debrief board: its name and its number of notes */
  g_autofree char *text = g_strdup_printf (_("%s (%u)"), title, n);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
update_patterns (CbRoundsEditor *self,
                 GPtrArray      *cards,
                 GPtrArray      *notes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    {
      CbRecord *card = g_ptr_array_index (cards, i);
      guint n = 0;

      for (guint k = 0; k < notes->len; k++)
        n += g_strcmp0 (cb_record_get (g_ptr_array_index (notes, k), "pattern"), cb_record_get_uuid (card)) == 0;
      /* TRANSLATORS: a pattern card: its number (the key Ctrl+number), its name, its lines */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s%u · %s — %u line", "%s%u · %s — %u lines", n),
                              text->len ? "\n" : "", i + 1, cb_record_get_title (card), n);
    }
  gtk_label_set_text (self->patterns_label, text->len ? text->str : _("No pattern cards yet."));
}

static void
update_tags (CbRoundsEditor *self)
{
  g_auto(GStrv) focus = focus_look_fors (self);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; focus && focus[i] && i < 9; i++)
    g_string_append_printf (text, "%sAlt+%u · %s", text->len ? "   " : "", i + 1,
                            cb_names_lookup (self->names, focus[i]) ?: "");
  gtk_label_set_text (self->tags_label, text->len ? text->str : _("Choose focus look-fors above to tag lines by key."));
}

static void
build_board (CbRoundsEditor *self)
{
  g_autoptr(GPtrArray) notes = children (self, "rounds_note");
  g_autoptr(GPtrArray) cards = children (self, "rounds_pattern");
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(CbRecord) visit = self->uuid ? cb_store_get (get_store (self), self->uuid, NULL) : NULL;
  gboolean by_room = gtk_check_button_get_active (self->by_classroom_check);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->board_list))) != NULL)
    gtk_list_box_remove (self->board_list, child);
  groups = cb_rounds_board_groups (notes, by_room ? CB_ROUNDS_BY_CLASSROOM : CB_ROUNDS_BY_LOOK_FOR,
                                   visit ? cb_record_get (visit, "look_fors") : NULL);
  for (guint g = 0; g < groups->len; g++)
    {
      CbRoundsGroup *group = g_ptr_array_index (groups, g);
      const char *title = *group->key == '\0' ? (by_room ? _("No classroom") : _("No look-for"))
                          : by_room ? group->key : cb_names_lookup (self->names, group->key);

      gtk_list_box_append (self->board_list, group_row (title ? title : "", group->notes->len));
      for (guint i = 0; i < group->notes->len; i++)
        gtk_list_box_append (self->board_list, note_row (self, g_ptr_array_index (group->notes, i), cards));
    }
  update_patterns (self, cards, notes);
  update_tags (self);
}

static const char *
chosen_note (CbRoundsEditor *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->board_list);

  return row ? g_object_get_data (G_OBJECT (row), "note") : NULL;
}

static void
set_note_field (CbRoundsEditor *self,
                const char     *note,
                const char     *field,
                const char     *value)
{
  g_autoptr(GError) error = NULL;

  self->writing++;
  if (!cb_store_set (get_store (self), note, field, value, &error))
    cb_view_error (GTK_WIDGET (self), error);
  self->writing--;
  build_board (self);
}

static void
on_capture_entry_activated_cb (GtkEntry       *entry,
                               CbRoundsEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, cb_rounds_time_of_day (now));
  const char *names[] = { "visit", "text", "classroom", "at" };
  const char *values[] = { self->uuid, text,
                           gtk_editable_get_text (GTK_EDITABLE (self->classroom_entry)), at };
  g_autoptr(GError) error = NULL;
  char *uuid;

  if (self->uuid == NULL || *text == '\0')
    return;
  self->writing++;
  uuid = cb_store_create (get_store (self), "rounds_note", names, values, G_N_ELEMENTS (names), &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  g_free (self->newest);
  self->newest = uuid;
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  build_board (self);
}

static void
on_pattern_entry_activated_cb (GtkEntry       *entry,
                               CbRoundsEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GPtrArray) cards = children (self, "rounds_pattern");
  g_autofree char *position = g_strdup_printf ("%u", cards->len + 1);
  const char *names[] = { "visit", "title", "position" };
  const char *values[] = { self->uuid, title, position };
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (self->uuid == NULL || *title == '\0')
    return;
  self->writing++;
  uuid = cb_store_create (get_store (self), "rounds_pattern", names, values, G_N_ELEMENTS (names), &error);
  self->writing--;
  if (uuid == NULL)
    cb_view_error (GTK_WIDGET (self), error);
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  build_board (self);
}

static void
on_by_classroom_check_toggled_cb (GtkCheckButton *check,
                                  CbRoundsEditor *self)
{
  build_board (self);
}

static void
on_store_changed_cb (CbStore        *store,
                     const char     *kind,
                     const char     *uuid,
                     CbRoundsEditor *self)
{
  if (self->uuid == NULL || self->writing > 0)
    return;
  /* an import brought other observers' notes, or the visit changed */
  if (kind == NULL || g_str_has_prefix (kind, "rounds_") || g_strcmp0 (kind, "look_for") == 0)
    build_board (self);
}

static void
on_visit_fields_saved_cb (CbRoundsEditor *self)
{
  update_tags (self);
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (widget);
  g_auto(GStrv) focus = focus_look_fors (self);
  guint n = g_variant_get_uint32 (parameter);
  const char *note = chosen_note (self) ? chosen_note (self) : self->newest;

  if (note == NULL || focus == NULL || n < 1 || n > g_strv_length (focus))
    return;
  set_note_field (self, note, "look_for", focus[n - 1]);
}

static void
pattern_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (widget);
  g_autoptr(GPtrArray) cards = children (self, "rounds_pattern");
  guint n = g_variant_get_uint32 (parameter);
  g_autofree char *note = g_strdup (chosen_note (self));
  GtkListBoxRow *row;

  if (note == NULL || n > cards->len)
    return;
  set_note_field (self, note, "pattern", n == 0 ? "" : cb_record_get_uuid (g_ptr_array_index (cards, n - 1)));
  /* the board was rebuilt: choose the same line again */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->board_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "note"), note) == 0)
      {
        gtk_list_box_select_row (self->board_list, row);
        gtk_widget_grab_focus (GTK_WIDGET (row));
        break;
      }
}

typedef struct
{
  char *visit;
  char *path;
} PictureJob;

static void
picture_job_free (gpointer data)
{
  PictureJob *job = data;

  g_free (job->visit);
  g_free (job->path);
  g_free (job);
}

static gpointer
write_picture (CbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  PictureJob *job = data;
  double width, height;

  cb_packet_default_paper (&width, &height);
  if (!cb_rounds_picture_write_pdf (store, job->visit, job->path, width, height, error))
    return NULL;
  return g_strdup (job->path);
}

static void
on_picture_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_store_work_finish (result, &error);
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (path == NULL)
    {
      cb_view_error (self, error);
      return;
    }
  base = g_path_get_basename (path);
  /* TRANSLATORS: %s is a file name */
  message = g_strdup_printf (_("Saved “%s”"), base);
  cb_view_toast (self, message);
}

static void
on_picture_file_chosen_cb (GtkNativeDialog *dialog,
                           int              response,
                           CbRoundsEditor  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->uuid != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cb_rounds_editor_write_picture_async (self, path);
      else
        cb_view_toast (GTK_WIDGET (self), _("Choose a folder on this computer to save the file in."));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
picture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->uuid == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  /* TRANSLATORS: a file name, no spaces */
  chooser = cb_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save the Data Picture"),
                                 _("_Save"), filter, _("data-picture.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_picture_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cb_rounds_editor_dispose (GObject *object)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (object);

  if (self->names != NULL)
    {
      cb_editor_flush (CB_EDITOR (self));
      g_clear_signal_handler (&self->changed_id, get_store (self));
    }
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_ROUNDS_EDITOR);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_rounds_editor_parent_class)->dispose (object);
}

static void
cb_rounds_editor_finalize (GObject *object)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->newest, g_free);

  G_OBJECT_CLASS (cb_rounds_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);

  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->visit_fields, names);
  cb_record_editor_set_names (self->debrief_fields, names);
  self->changed_id = g_signal_connect (get_store (self), "changed", G_CALLBACK (on_store_changed_cb), self);
}

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (editor);
  g_autofree char *copy = g_strdup (uuid);
  gboolean ok = TRUE;

  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->newest, g_free);
  if (copy != NULL)
    ok = cb_record_editor_load (self->visit_fields, copy, read_only);
  else
    cb_record_editor_clear (self->visit_fields);
  if (!ok)
    g_clear_pointer (&copy, g_free);
  self->uuid = g_steal_pointer (&copy);
  cb_record_editor_load (self->debrief_fields, self->uuid, read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->capture_entry), self->uuid != NULL && !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pattern_entry), self->uuid != NULL && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.picture", self->uuid != NULL);
  build_board (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  CbRoundsEditor *self = CB_ROUNDS_EDITOR (editor);

  if (self->names == NULL || self->uuid == NULL)
    return;
  cb_record_editor_flush (self->visit_fields);
  cb_record_editor_flush (self->debrief_fields);
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return CB_ROUNDS_EDITOR (editor)->uuid;
}

static void
add_number_keys (GtkWidgetClass  *widget_class,
                 GdkModifierType  modifiers,
                 const char      *action,
                 guint            first)
{
  for (guint i = first; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, modifiers, action, "u", i);
}

static void
cb_rounds_editor_class_init (CbRoundsEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_rounds_editor_dispose;
  object_class->finalize = cb_rounds_editor_finalize;

  gtk_widget_class_install_action (widget_class, "rounds.tag", "u", tag_action);
  gtk_widget_class_install_action (widget_class, "rounds.pattern", "u", pattern_action);
  gtk_widget_class_install_action (widget_class, "rounds.picture", NULL, picture_action);
  add_number_keys (widget_class, GDK_ALT_MASK, "rounds.tag", 1);
  add_number_keys (widget_class, GDK_CONTROL_MASK, "rounds.pattern", 0);

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-rounds-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, visit_fields);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, debrief_fields);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, classroom_entry);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, capture_entry);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, tags_label);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, by_classroom_check);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, board_list);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, pattern_entry);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, patterns_label);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pattern_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_by_classroom_check_toggled_cb);
}

static void
cb_rounds_editor_init (CbRoundsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->visit_fields, "saved", G_CALLBACK (on_visit_fields_saved_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.picture", FALSE);
}

/**
 * cb_rounds_editor_write_picture_async:
 * @path: the PDF file
 *
 * Writes the visit's data picture on a worker thread.
 */
void
cb_rounds_editor_write_picture_async (CbRoundsEditor *self,
                                      const char     *path)
{
  PictureJob *job = g_new0 (PictureJob, 1);

  g_return_if_fail (CB_IS_ROUNDS_EDITOR (self));
  job->visit = g_strdup (self->uuid);
  job->path = g_strdup (path);
  cb_store_work_async (get_store (self), write_picture, job, picture_job_free, g_free,
                       NULL, on_picture_written_cb, g_object_ref (self));
}

GtkWidget *
cb_rounds_editor_new (void)
{
  return g_object_new (CB_TYPE_ROUNDS_EDITOR, NULL);
}

/**
 * cb_rounds_editor_get_widget:
 * @part: "classroom", "capture", "board", "pattern" or "patterns"
 *
 * Returns: (transfer none) (nullable): the widget, for tests
 */
GtkWidget *
cb_rounds_editor_get_widget (CbRoundsEditor *self,
                             const char     *part)
{
  g_return_val_if_fail (CB_IS_ROUNDS_EDITOR (self), NULL);

  if (g_strcmp0 (part, "classroom") == 0)
    return GTK_WIDGET (self->classroom_entry);
  if (g_strcmp0 (part, "capture") == 0)
    return GTK_WIDGET (self->capture_entry);
  if (g_strcmp0 (part, "board") == 0)
    return GTK_WIDGET (self->board_list);
  if (g_strcmp0 (part, "pattern") == 0)
    return GTK_WIDGET (self->pattern_entry);
  if (g_strcmp0 (part, "patterns") == 0)
    return GTK_WIDGET (self->patterns_label);
  return NULL;
}
