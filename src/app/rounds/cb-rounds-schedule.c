/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A rounds visit's schedule, edited as rows with the keyboard: each row
 * a classroom (label, grade) from a start to an end time, and its
 * teacher only when the group chose to record teacher names. Enter
 * saves a cell and moves to the next; the last line adds a classroom.
 * A time that is not one is refused with a message, never saved. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-rounds-logic.h"
#include "cb-rounds-schedule.h"
#include "cb-view-util.h"

struct _CbRoundsSchedule
{
  GtkWidget   parent_instance;

  GtkListBox *list;
  GtkEntry   *add_entry;

  CbStore    *store;
  char       *visit;
  gboolean    read_only;
  guint       writing;
};

G_DEFINE_FINAL_TYPE (CbRoundsSchedule, cb_rounds_schedule, GTK_TYPE_WIDGET)

static const struct
{
  const char *field;
  int         width;
  const char *placeholder;
} cells[] = {
  /* TRANSLATORS: placeholders of a schedule row's cells */
  { "classroom", 8, N_("Classroom") },
  { "grade",     4, N_("Grade") },
  { "start",     5, N_("Start") },
  { "end",       5, N_("End") },
  { "teacher",   8, N_("Teacher") },
};

static GPtrArray *
load_slots (CbRoundsSchedule *self)
{
  GPtrArray *slots = self->visit ? cb_store_children (self->store, "rounds_slot", self->visit, NULL) : NULL;

  return slots ? slots : g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
records_teachers (CbRoundsSchedule *self)
{
  g_autoptr(CbRecord) visit = self->visit ? cb_store_get (self->store, self->visit, NULL) : NULL;

  return visit != NULL && cb_record_get_bool (visit, "record_teachers");
}

/* Saves @entry's cell; a time that is not one is refused. */
static gboolean
save_cell (CbRoundsSchedule *self,
           GtkEntry         *entry)
{
  const char *slot = g_object_get_data (G_OBJECT (entry), "slot");
  const char *field = g_object_get_data (G_OBJECT (entry), "field");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(CbRecord) record = cb_store_get (self->store, slot, NULL);
  g_autoptr(GError) error = NULL;
  gboolean is_time = g_str_equal (field, "start") || g_str_equal (field, "end");

  if (record == NULL || self->read_only)
    return TRUE;
  if (is_time && *text && cb_rounds_parse_time (text) < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      cb_view_toast (GTK_WIDGET (self), _("Type a time of day such as 9:05 or 13:40."));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (g_strcmp0 (cb_record_get (record, field), text) == 0)
    return TRUE;
  self->writing++;
  if (!cb_store_set (self->store, slot, field, text, &error))
    cb_view_error (GTK_WIDGET (self), error);
  self->writing--;
  return error == NULL;
}

static void
on_cell_activated_cb (GtkEntry         *entry,
                      CbRoundsSchedule *self)
{
  if (save_cell (self, entry))
    gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))), GTK_DIR_TAB_FORWARD);
}

static void
on_cell_left_cb (GtkEventControllerFocus *focus,
                 CbRoundsSchedule        *self)
{
  save_cell (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

static void
on_remove_clicked_cb (GtkButton        *button,
                      CbRoundsSchedule *self)
{
  g_autoptr(GError) error = NULL;

  self->writing++;
  if (!cb_store_delete (self->store, g_object_get_data (G_OBJECT (button), "slot"), &error))
    cb_view_error (GTK_WIDGET (self), error);
  self->writing--;
  cb_rounds_schedule_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
}

static GtkWidget *
cell_entry (CbRoundsSchedule *self,
            CbRecord         *slot,
            guint             cell)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  const char *text = cb_record_get (slot, cells[cell].field);

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  /* narrow at least, as wide as its text at most: a row fits 360 px */
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 2);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), cells[cell].width);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _(cells[cell].placeholder));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(cells[cell].placeholder), -1);
  gtk_widget_set_sensitive (entry, !self->read_only);
  gtk_widget_set_hexpand (entry, cell == 0 || cell == 4);
  g_object_set_data_full (G_OBJECT (entry), "slot", g_strdup (cb_record_get_uuid (slot)), g_free);
  g_object_set_data (G_OBJECT (entry), "field", (gpointer) cells[cell].field);
  g_signal_connect (entry, "activate", G_CALLBACK (on_cell_activated_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_cell_left_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
slot_row (CbRoundsSchedule *self,
          CbRecord         *slot,
          gboolean          teachers)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *remove = cb_view_icon_button ("list-remove-symbolic", _("Remove This Classroom"));

  for (guint c = 0; c < 4; c++)
    gtk_box_append (GTK_BOX (line), cell_entry (self, slot, c));
  g_object_set_data_full (G_OBJECT (remove), "slot", g_strdup (cb_record_get_uuid (slot)), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_widget_set_sensitive (remove, !self->read_only);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (lines), line);
  if (teachers)
    gtk_box_append (GTK_BOX (lines), cell_entry (self, slot, 4));
  gtk_widget_set_margin_start (lines, 6);
  gtk_widget_set_margin_end (lines, 6);
  gtk_widget_set_margin_top (lines, 6);
  gtk_widget_set_margin_bottom (lines, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), lines);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
on_add_entry_activated_cb (GtkEntry         *entry,
                           CbRoundsSchedule *self)
{
  g_autofree char *classroom = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GPtrArray) slots = load_slots (self);
  g_autofree char *position = g_strdup_printf ("%u", slots->len + 1);
  const char *names[] = { "visit", "classroom", "position" };
  const char *values[] = { self->visit, classroom, position };
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *grade;

  if (self->visit == NULL || self->read_only || *classroom == '\0')
    return;
  self->writing++;
  uuid = cb_store_create (self->store, "rounds_slot", names, values, G_N_ELEMENTS (names), &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  cb_rounds_schedule_reload (self);
  /* on to the new row's grade, then its times */
  if ((grade = cb_rounds_schedule_get_entry (self, slots->len, "grade")) != NULL)
    gtk_widget_grab_focus (grade);
}

static void
on_store_changed_cb (CbStore          *store,
                     const char       *kind,
                     const char       *uuid,
                     CbRoundsSchedule *self)
{
  if (self->visit == NULL || self->writing > 0)
    return;
  /* an import brought the facilitator's schedule, or the visit changed */
  if (kind == NULL || g_strcmp0 (kind, "rounds_slot") == 0 || g_strcmp0 (kind, "rounds_visit") == 0)
    cb_rounds_schedule_reload (self);
}

static void
cb_rounds_schedule_dispose (GObject *object)
{
  CbRoundsSchedule *self = CB_ROUNDS_SCHEDULE (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->visit, g_free);

  G_OBJECT_CLASS (cb_rounds_schedule_parent_class)->dispose (object);
}

static void
cb_rounds_schedule_class_init (CbRoundsScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_rounds_schedule_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cb_rounds_schedule_init (CbRoundsSchedule *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Schedule"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));
  self->add_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->add_entry, _("Add a classroom and press Enter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New classroom in the schedule"), -1);
  g_signal_connect (self->add_entry, "activate", G_CALLBACK (on_add_entry_activated_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->add_entry), GTK_WIDGET (self));
}

/**
 * cb_rounds_schedule_set_store:
 *
 * Sets the store the schedule reads and writes, once.
 */
void
cb_rounds_schedule_set_store (CbRoundsSchedule *self,
                              CbStore          *store)
{
  g_return_if_fail (CB_IS_ROUNDS_SCHEDULE (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_rounds_schedule_load:
 * @visit: (nullable): a rounds visit
 *
 * Shows @visit's schedule.
 */
void
cb_rounds_schedule_load (CbRoundsSchedule *self,
                         const char       *visit,
                         gboolean          read_only)
{
  g_return_if_fail (CB_IS_ROUNDS_SCHEDULE (self));

  g_free (self->visit);
  self->visit = g_strdup (visit);
  self->read_only = read_only;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_entry), visit != NULL && !read_only);
  cb_rounds_schedule_reload (self);
}

/**
 * cb_rounds_schedule_reload:
 *
 * Shows the schedule again from the store.
 */
void
cb_rounds_schedule_reload (CbRoundsSchedule *self)
{
  g_autoptr(GPtrArray) slots = NULL;
  gboolean teachers;

  g_return_if_fail (CB_IS_ROUNDS_SCHEDULE (self));

  cb_view_clear_list (self->list);
  if (self->store == NULL)
    return;
  slots = load_slots (self);
  teachers = records_teachers (self);
  for (guint i = 0; i < slots->len; i++)
    gtk_list_box_append (self->list, slot_row (self, g_ptr_array_index (slots, i), teachers));
  gtk_widget_set_visible (GTK_WIDGET (self->list), slots->len > 0);
}

/**
 * cb_rounds_schedule_get_entry:
 * @row: a row, from 0
 * @field: "classroom", "grade", "start", "end" or "teacher"
 *
 * Returns: (transfer none) (nullable): the cell, or %NULL
 */
GtkWidget *
cb_rounds_schedule_get_entry (CbRoundsSchedule *self,
                              guint             row,
                              const char       *field)
{
  GtkListBoxRow *list_row;
  GtkWidget *lines;

  g_return_val_if_fail (CB_IS_ROUNDS_SCHEDULE (self), NULL);

  if ((list_row = gtk_list_box_get_row_at_index (self->list, row)) == NULL)
    return NULL;
  lines = gtk_list_box_row_get_child (list_row);
  for (GtkWidget *line = gtk_widget_get_first_child (lines); line; line = gtk_widget_get_next_sibling (line))
    {
      GtkWidget *cell = GTK_IS_ENTRY (line) ? line : gtk_widget_get_first_child (line);

      for (; cell; cell = GTK_IS_ENTRY (line) ? NULL : gtk_widget_get_next_sibling (cell))
        if (g_strcmp0 (g_object_get_data (G_OBJECT (cell), "field"), field) == 0)
          return cell;
    }
  return NULL;
}
