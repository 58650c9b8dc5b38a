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
#include "cb-rounds-schedule.h"
#include "cb-sync.h"
#include "cb-view-util.h"

struct _CbRoundsEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  CbRecordEditor    *visit_fields;
  CbRecordEditor    *debrief_fields;
  CbRoundsSchedule  *schedule;
  GtkEntry          *classroom_entry;
  GtkEntry          *teacher_entry;
  GtkEntry          *capture_entry;
  GtkLabel          *tags_label;
  GtkCheckButton    *by_classroom_check;
  GtkListBox        *board_list;
  GtkEntry          *pattern_entry;
  GtkListBox        *cards_list;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  char              *newest;         /* the note added last */
  guint              writing;
  gboolean           read_only;
  int                applied_slot;   /* the slot whose classroom capture took */
  gint64             clock;          /* a time of day for tests, or -1 */
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

/* The line itself follows the pointer while it is dragged. */
static void
on_note_drag_begun_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static GtkWidget *
note_row (CbRoundsEditor *self,
          CbRecord       *note,
          GPtrArray      *cards)
{
  g_autofree char *time = cb_rounds_format_time (cb_record_get (note, "at")[0] ? cb_record_get_int (note, "at") : -1);
  const char *look_for = cb_names_lookup (self->names, cb_record_get (note, "look_for"));
  const char *room = cb_record_get (note, "classroom");
  const char *teacher = cb_record_get (note, "teacher");
  g_autofree char *observer = NULL;
  g_autoptr(GString) about = g_string_new (time);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_label_new (cb_record_get (note, "text"));
  GtkWidget *meta;

  if (room && *room)
    g_string_append_printf (about, "%s%s", about->len ? " · " : "", room);
  if (teacher && *teacher)
    g_string_append_printf (about, "%s%s", about->len ? " · " : "", teacher);
  if (look_for && *look_for)
    g_string_append_printf (about, "%s%s", about->len ? " · " : "", look_for);
  if (*cb_record_get (note, "observer_name") || *cb_record_get (note, "observer_laptop"))
    {
      const char *laptop = cb_record_get (note, "observer_laptop");
      const char *name = cb_record_get (note, "observer_name");

      /* TRANSLATORS: on a board line, "by you": a note taken on this laptop by a coach with no name */
      if (!*name && g_strcmp0 (laptop, cb_store_get_replica (get_store (self))) == 0)
        observer = g_strdup (_("you"));
      else
        observer = cb_sync_colleague_label (name, laptop);
      if (about->len)
        g_string_append (about, " · ");
      /* TRANSLATORS: on a board line: who took the note */
      g_string_append_printf (about, _("by %s"), observer);
    }
  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (cb_record_get_uuid (g_ptr_array_index (cards, i)), cb_record_get (note, "pattern")) == 0)
      /* TRANSLATORS: on a board line: the pattern card it is on, by number */
      g_string_append_printf (about, _(" · pattern %u"), i + 1);
  meta = gtk_label_new (about->str);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
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
  if (!self->read_only)
    {
      GtkDragSource *source = gtk_drag_source_new ();
      g_autoptr(GdkContentProvider) content = gdk_content_provider_new_typed (G_TYPE_STRING, cb_record_get_uuid (note));

      gtk_drag_source_set_content (source, content);
      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE | GDK_ACTION_COPY);
      g_signal_connect (source, "drag-begin", G_CALLBACK (on_note_drag_begun_cb), NULL);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
    }
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
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void build_board (CbRoundsEditor *self);

static gboolean
rebuild_board_cb (gpointer data)
{
  g_autoptr(CbRoundsEditor) self = data;

  if (self->names != NULL)
    build_board (self);
  return G_SOURCE_REMOVE;
}

/* A board line dropped on a card: the note goes on that card. */
static gboolean
on_card_dropped_cb (GtkDropTarget  *target,
                    const GValue   *value,
                    double          x,
                    double          y,
                    CbRoundsEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *card = g_object_get_data (G_OBJECT (row), "card");
  const char *note = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (note == NULL || card == NULL || self->uuid == NULL || self->read_only ||
      (record = cb_store_get (get_store (self), note, NULL)) == NULL ||
      g_strcmp0 (cb_record_get_kind (record), "rounds_note") != 0 ||
      g_strcmp0 (cb_record_get (record, "visit"), self->uuid) != 0)
    return FALSE;
  self->writing++;
  if (!cb_store_set (get_store (self), note, "pattern", card, &error))
    cb_view_error (GTK_WIDGET (self), error);
  self->writing--;
  /* the dragged row is the board's: rebuild once the drag is over */
  g_idle_add (rebuild_board_cb, g_object_ref (self));
  return error == NULL;
}

static GtkWidget *
card_row (CbRoundsEditor *self,
          CbRecord       *card,
          guint           number,
          guint           n)
{
  /* TRANSLATORS: a pattern card: its number (the key Ctrl+number), its name, its lines */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u · %s — %u line", "%u · %s — %u lines", n),
                                           number, cb_record_get_title (card), n);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE | GDK_ACTION_COPY);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), "card", g_strdup (cb_record_get_uuid (card)), g_free);
  g_signal_connect (target, "drop", G_CALLBACK (on_card_dropped_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  return row;
}

static void
update_patterns (CbRoundsEditor *self,
                 GPtrArray      *cards,
                 GPtrArray      *notes)
{
  cb_view_clear_list (self->cards_list);
  for (guint i = 0; i < cards->len; i++)
    {
      CbRecord *card = g_ptr_array_index (cards, i);
      guint n = 0;

      for (guint k = 0; k < notes->len; k++)
        n += g_strcmp0 (cb_record_get (g_ptr_array_index (notes, k), "pattern"), cb_record_get_uuid (card)) == 0;
      gtk_list_box_append (self->cards_list, card_row (self, card, i + 1, n));
    }
  if (cards->len == 0)
    gtk_list_box_append (self->cards_list, cb_view_placeholder_row (_("No pattern cards yet.")));
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

/* The person this laptop's coach is, when the people list has one of
 * that name; the note keeps the name and the laptop either way. */
static char *
find_observer (CbRoundsEditor *self,
               const char     *author)
{
  g_autoptr(GPtrArray) hits = NULL;

  if (author == NULL || *author == '\0')
    return NULL;
  hits = cb_store_search (get_store (self), author, "person", 20, NULL);
  for (guint i = 0; hits && i < hits->len; i++)
    {
      CbSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_utf8_collate (hit->title, author) == 0)
        return g_strdup (hit->uuid);
    }
  return NULL;
}

static gboolean
records_teachers (CbRoundsEditor *self)
{
  g_autoptr(CbRecord) visit = self->uuid ? cb_store_get (get_store (self), self->uuid, NULL) : NULL;

  return visit != NULL && cb_record_get_bool (visit, "record_teachers");
}

static void
update_teacher_entry (CbRoundsEditor *self)
{
  gboolean shown = records_teachers (self);

  gtk_widget_set_visible (GTK_WIDGET (self->teacher_entry), shown);
  if (!shown)
    gtk_editable_set_text (GTK_EDITABLE (self->teacher_entry), "");
}

/* Capture takes the classroom (and teacher) of the slot under way as
 * the schedule moves on; a classroom typed over it stays for the slot. */
static void
follow_schedule (CbRoundsEditor *self)
{
  g_autoptr(GPtrArray) slots = children (self, "rounds_slot");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int current = cb_rounds_current_slot (slots, self->clock >= 0 ? self->clock : cb_rounds_time_of_day (now));
  CbRecord *slot;

  if (current < 0 || current == self->applied_slot)
    return;
  self->applied_slot = current;
  slot = g_ptr_array_index (slots, current);
  gtk_editable_set_text (GTK_EDITABLE (self->classroom_entry), cb_record_get (slot, "classroom"));
  if (records_teachers (self))
    gtk_editable_set_text (GTK_EDITABLE (self->teacher_entry), cb_record_get (slot, "teacher"));
}

static void
on_capture_focus_entered_cb (CbRoundsEditor *self)
{
  follow_schedule (self);
}

static void
add_note (CbRoundsEditor *self,
          GtkEntry       *entry)
{
  CbStore *store = get_store (self);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         self->clock >= 0 ? self->clock : cb_rounds_time_of_day (now));
  const char *author = cb_store_get_author (store);
  g_autofree char *observer = find_observer (self, author);
  /* a teacher's name only when the group chose to record them */
  g_autofree char *teacher = g_strstrip (g_strdup (records_teachers (self)
                                                   ? gtk_editable_get_text (GTK_EDITABLE (self->teacher_entry)) : ""));
  const char *names[] = { "visit", "text", "classroom", "at", "observer_name", "observer_laptop",
                          "teacher", "observer" };
  const char *values[] = { self->uuid, text,
                           gtk_editable_get_text (GTK_EDITABLE (self->classroom_entry)), at,
                           author ? author : "", cb_store_get_replica (store), teacher, observer };
  g_autoptr(GError) error = NULL;
  char *uuid;

  if (self->uuid == NULL || *text == '\0')
    return;
  self->writing++;
  uuid = cb_store_create (store, "rounds_note", names, values,
                          G_N_ELEMENTS (names) - (observer == NULL), &error);
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
on_capture_entry_activated_cb (GtkEntry       *entry,
                               CbRoundsEditor *self)
{
  follow_schedule (self);
  add_note (self, entry);
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
  if (kind == NULL || g_strcmp0 (kind, "rounds_visit") == 0)
    update_teacher_entry (self);
}

static void
on_visit_fields_saved_cb (CbRoundsEditor *self)
{
  update_tags (self);
  update_teacher_entry (self);
  cb_rounds_schedule_reload (self->schedule);
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
  cb_rounds_schedule_set_store (self->schedule, get_store (self));
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
  self->read_only = read_only;
  cb_record_editor_load (self->debrief_fields, self->uuid, read_only);
  cb_rounds_schedule_load (self->schedule, self->uuid, read_only);
  self->applied_slot = -1;
  gtk_widget_set_sensitive (GTK_WIDGET (self->capture_entry), self->uuid != NULL && !read_only);
  update_teacher_entry (self);
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
  g_type_ensure (CB_TYPE_ROUNDS_SCHEDULE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-rounds-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, visit_fields);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, debrief_fields);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, schedule);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, classroom_entry);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, teacher_entry);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, capture_entry);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, tags_label);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, by_classroom_check);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, board_list);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, pattern_entry);
  gtk_widget_class_bind_template_child (widget_class, CbRoundsEditor, cards_list);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pattern_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_by_classroom_check_toggled_cb);
}

static void
cb_rounds_editor_init (CbRoundsEditor *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->applied_slot = -1;
  self->clock = -1;
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_capture_focus_entered_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->capture_entry), focus);
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
 * @part: "visit" (the visit's fields), "schedule", "classroom", "teacher", "capture",
 *   "board", "pattern" or "patterns"
 *
 * Returns: (transfer none) (nullable): the widget, for tests
 */
GtkWidget *
cb_rounds_editor_get_widget (CbRoundsEditor *self,
                             const char     *part)
{
  g_return_val_if_fail (CB_IS_ROUNDS_EDITOR (self), NULL);

  if (g_strcmp0 (part, "schedule") == 0)
    return GTK_WIDGET (self->schedule);
  if (g_strcmp0 (part, "visit") == 0)
    return GTK_WIDGET (self->visit_fields);
  if (g_strcmp0 (part, "classroom") == 0)
    return GTK_WIDGET (self->classroom_entry);
  if (g_strcmp0 (part, "teacher") == 0)
    return GTK_WIDGET (self->teacher_entry);
  if (g_strcmp0 (part, "capture") == 0)
    return GTK_WIDGET (self->capture_entry);
  if (g_strcmp0 (part, "board") == 0)
    return GTK_WIDGET (self->board_list);
  if (g_strcmp0 (part, "pattern") == 0)
    return GTK_WIDGET (self->pattern_entry);
  if (g_strcmp0 (part, "patterns") == 0)
    return GTK_WIDGET (self->cards_list);
  return NULL;
}

/**
 * cb_rounds_editor_set_time_of_day:
 * @seconds: seconds since midnight, or -1 to follow the clock
 *
 * Sets the time of day notes are stamped with and the schedule is
 * followed by: for tests, which cannot wait for a slot to begin.
 */
void
cb_rounds_editor_set_time_of_day (CbRoundsEditor *self,
                                  gint64          seconds)
{
  g_return_if_fail (CB_IS_ROUNDS_EDITOR (self));
  self->clock = seconds;
}
