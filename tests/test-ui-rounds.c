/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A rounds visit in the real window under Xvfb: Ctrl+N in the Rounds
 * section, notes typed in a classroom and tagged with Alt+number, a
 * pattern card named and filled from the debrief board with
 * Ctrl+number; everything is read back from the database. */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "cb-rounds-editor.h"
#include "cb-rounds-schedule.h"
#include "cb-view-logic.h"
#include "cb-ui-test-util.h"

static void
shot (GtkWidget  *widget,
      const char *name)
{
  const char *language = g_getenv ("CB_TEST_LANGUAGE");
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autofree char *file = g_strdup_printf ("%s-%d%s.png", name, gtk_widget_get_width (root),
                                           language != NULL ? "-es" : "");

  cb_ui_save_png (widget, file);
}

static CbWindow *
sized_window (CbApplication *app)
{
  CbWindow *window = cb_ui_app_window (app);
  const char *width = g_getenv ("CB_TEST_WIDTH");
  int w = width != NULL ? atoi (width) : 1280;

  gtk_window_set_default_size (GTK_WINDOW (window), w, w < 600 ? 720 : 800);
  cb_ui_drain ();
  return window;
}

static char *
create (CbStore    *store,
        const char *kind,
        const char *field,
        const char *value,
        const char *field2,
        const char *value2)
{
  const char *names[] = { field, field2 };
  const char *values[] = { value, value2 };
  g_autoptr(GError) error = NULL;
  char *uuid = cb_store_create (store, kind, names, values, field2 ? 2 : 1, &error);

  g_assert_no_error (error);
  return uuid;
}

static GtkListBoxRow *
board_row_of (GtkListBox *board,
              const char *note)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (board, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "note"), note) == 0)
      return row;
  return NULL;
}

static void
test_capture_and_board (void)
{
  g_autofree char *path = cb_ui_test_path ("rounds.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  const CbSectionInfo *section = cb_section_lookup ("rounds");
  g_autofree char *framework = create (store, "framework", "name", "Rounds focus", NULL, NULL);
  g_autofree char *explain = create (store, "look_for", "framework", framework, "name", "Students explain reasoning");
  g_autofree char *question = create (store, "look_for", "framework", framework, "name", "Purposeful questions");
  g_autofree char *focus = g_strjoin (" ", explain, question, NULL);
  g_autofree char *visit = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  CbRoundsEditor *editor;
  GtkWidget *capture, *board;
  GtkListBoxRow *row;
  const char *first;

  g_assert_nonnull (section);
  visit = cb_ui_new_record (window, section->section);
  g_assert_nonnull (visit);
  g_assert_true (cb_store_set (store, visit, "look_fors", focus, &error));
  g_assert_no_error (error);
  cb_ui_drain ();
  editor = CB_ROUNDS_EDITOR (gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")),
                                                          "rounds"));
  g_assert_nonnull (editor);
  capture = cb_rounds_editor_get_widget (editor, "capture");
  board = cb_rounds_editor_get_widget (editor, "board");

  gtk_editable_set_text (GTK_EDITABLE (cb_rounds_editor_get_widget (editor, "classroom")), "Room 12");
  gtk_widget_grab_focus (capture);
  cb_ui_type_and_enter (capture, "Two students compare strategies aloud");
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_1, GDK_ALT_MASK));
  cb_ui_type_and_enter (capture, "Teacher asks: why does that work?");
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_2, GDK_ALT_MASK));

  notes = cb_ui_children (store, "rounds_note", visit);
  g_assert_cmpuint (notes->len, ==, 2);
  first = cb_record_get_uuid (g_ptr_array_index (notes, 0));
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 0), "classroom"), ==, "Room 12");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 0), "look_for"), ==, explain);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 1), "look_for"), ==, question);
  g_assert_cmpint (cb_record_get_int (g_ptr_array_index (notes, 0), "at"), >, 0);

  /* a pattern card, then the first line put on it from the board */
  cb_ui_type_and_enter (cb_rounds_editor_get_widget (editor, "pattern"), "Students compare strategies");
  row = board_row_of (GTK_LIST_BOX (board), first);
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (board), row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  cb_ui_drain ();
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_1, GDK_CONTROL_MASK));
  cards = cb_ui_children (store, "rounds_pattern", visit);
  g_assert_cmpuint (cards->len, ==, 1);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = cb_ui_children (store, "rounds_note", visit);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 0), "pattern"), ==,
                   cb_record_get_uuid (g_ptr_array_index (cards, 0)));
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 1), "pattern"), ==, "");
  shot (GTK_WIDGET (window), "rounds");
  cb_ui_stop_app (app);
}

static CbRoundsEditor *
rounds_editor (CbWindow *window)
{
  return CB_ROUNDS_EDITOR (gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")),
                                                        "rounds"));
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* Each captured note keeps who took it (this laptop's coach, and the
 * person of that name) and shows it on the board; a teacher's name is
 * asked for only once the group switches "Record teacher names" on. */
static void
test_observer_and_teacher (void)
{
  g_autofree char *path = cb_ui_test_path ("rounds-observer.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *ana = create (store, "person", "name", "Ana Ruiz", "role", "coach");
  g_autofree char *visit = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  CbRoundsEditor *editor;
  g_autoptr(CbRecord) record = NULL;
  GtkWidget *capture, *teacher, *toggle;
  CbRecord *note;

  cb_store_set_author (store, "Ana Ruiz");
  visit = cb_ui_new_record (window, cb_section_lookup ("rounds")->section);
  g_assert_nonnull (visit);
  editor = rounds_editor (window);
  capture = cb_rounds_editor_get_widget (editor, "capture");
  teacher = cb_rounds_editor_get_widget (editor, "teacher");

  /* by default: no teacher field, and no teacher on the note */
  g_assert_false (gtk_widget_get_visible (teacher));
  gtk_editable_set_text (GTK_EDITABLE (cb_rounds_editor_get_widget (editor, "classroom")), "Room 7");
  gtk_widget_grab_focus (capture);
  cb_ui_type_and_enter (capture, "Students sort fractions on a number line");
  notes = cb_ui_children (store, "rounds_note", visit);
  g_assert_cmpuint (notes->len, ==, 1);
  note = g_ptr_array_index (notes, 0);
  g_assert_cmpstr (cb_record_get (note, "observer_name"), ==, "Ana Ruiz");
  g_assert_cmpstr (cb_record_get (note, "observer_laptop"), ==, cb_store_get_replica (store));
  g_assert_cmpstr (cb_record_get (note, "observer"), ==, ana);
  g_assert_cmpstr (cb_record_get (note, "teacher"), ==, "");
  g_assert_nonnull (cb_ui_find_widget (cb_rounds_editor_get_widget (editor, "board"), label_contains, "by Ana Ruiz"));

  /* the group chooses to record names: the switch, by keyboard */
  toggle = cb_record_editor_get_field_widget (CB_RECORD_EDITOR (cb_rounds_editor_get_widget (editor, "visit")),
                                              "record_teachers");
  g_assert_nonnull (toggle);
  gtk_widget_grab_focus (toggle);
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_space, 0));
  cb_ui_spin (1000);  /* the editor saves a moment after the change */
  g_clear_object (&record);
  record = cb_ui_get_record (store, visit);
  g_assert_true (cb_record_get_bool (record, "record_teachers"));
  g_assert_true (gtk_widget_get_visible (teacher));
  gtk_editable_set_text (GTK_EDITABLE (teacher), "Ms. Delgado");
  gtk_widget_grab_focus (capture);
  cb_ui_type_and_enter (capture, "Teacher asks which fraction is closer to one");
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = cb_ui_children (store, "rounds_note", visit);
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 1), "teacher"), ==, "Ms. Delgado");
  g_assert_nonnull (cb_ui_find_widget (cb_rounds_editor_get_widget (editor, "board"), label_contains, "Ms. Delgado"));
  shot (GTK_WIDGET (window), "rounds-teachers");

  /* switched off again: the field goes, and no name is kept */
  gtk_widget_grab_focus (toggle);
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_space, 0));
  cb_ui_spin (1000);  /* the editor saves a moment after the change */
  g_assert_false (gtk_widget_get_visible (teacher));
  gtk_widget_grab_focus (capture);
  cb_ui_type_and_enter (capture, "Pairs explain their order to each other");
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = cb_ui_children (store, "rounds_note", visit);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 2), "teacher"), ==, "");
  cb_ui_stop_app (app);
}

static GtkEventController *
controller_of_type (GtkWidget *widget,
                    GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  return NULL;
}

/* A board line dragged onto a pattern card: what the line's drag
 * source offers is dropped through the card's drop target, as GTK does
 * at the end of a drag; the note is on the card in the database. A
 * drop of something that is not one of the visit's notes is refused. */
static void
test_drag_to_card (void)
{
  g_autofree char *path = cb_ui_test_path ("rounds-drag.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *visit = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  GValue value = G_VALUE_INIT;
  CbRoundsEditor *editor;
  GtkWidget *capture, *board, *card;
  GtkDragSource *source;
  GtkDropTarget *target;
  GtkListBoxRow *row;
  g_autofree char *second = NULL;
  gboolean dropped = FALSE;

  visit = cb_ui_new_record (window, cb_section_lookup ("rounds")->section);
  editor = rounds_editor (window);
  capture = cb_rounds_editor_get_widget (editor, "capture");
  board = cb_rounds_editor_get_widget (editor, "board");
  gtk_widget_grab_focus (capture);
  cb_ui_type_and_enter (capture, "Students restate a classmate's idea");
  cb_ui_type_and_enter (capture, "Students use a number line to compare");
  cb_ui_type_and_enter (cb_rounds_editor_get_widget (editor, "pattern"), "Students build on each other");
  cb_ui_type_and_enter (cb_rounds_editor_get_widget (editor, "pattern"), "Representations");
  notes = cb_ui_children (store, "rounds_note", visit);
  second = g_strdup (cb_record_get_uuid (g_ptr_array_index (notes, 1)));

  /* what the second line's drag carries … */
  row = board_row_of (GTK_LIST_BOX (board), second);
  g_assert_nonnull (row);
  source = GTK_DRAG_SOURCE (controller_of_type (GTK_WIDGET (row), GTK_TYPE_DRAG_SOURCE));
  g_assert_nonnull (source);
  content = g_object_ref (gtk_drag_source_get_content (source));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  /* … dropped on the second card */
  card = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (cb_rounds_editor_get_widget (editor, "patterns")), 1));
  target = GTK_DROP_TARGET (controller_of_type (card, GTK_TYPE_DROP_TARGET));
  g_assert_nonnull (target);
  g_assert_true (gtk_drop_target_get_formats (target) != NULL &&
                 gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target), G_TYPE_STRING));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_true (dropped);
  cb_ui_drain ();

  cards = cb_ui_children (store, "rounds_pattern", visit);
  g_assert_cmpuint (cards->len, ==, 2);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = cb_ui_children (store, "rounds_note", visit);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 1), "pattern"), ==,
                   cb_record_get_uuid (g_ptr_array_index (cards, 1)));
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 0), "pattern"), ==, "");
  g_assert_nonnull (cb_ui_find_widget (cb_rounds_editor_get_widget (editor, "patterns"), label_contains,
                                       "2 · Representations — 1 line"));

  /* a visit's card takes no other record */
  card = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (cb_rounds_editor_get_widget (editor, "patterns")), 0));
  target = GTK_DROP_TARGET (controller_of_type (card, GTK_TYPE_DROP_TARGET));
  g_value_set_string (&value, visit);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_false (dropped);
  g_value_unset (&value);
  gtk_widget_grab_focus (GTK_WIDGET (board_row_of (GTK_LIST_BOX (board), second)));
  cb_ui_spin (300);
  shot (GTK_WIDGET (window), "rounds-cards");
  cb_ui_stop_app (app);
}

/* Types @text into @cell and presses Enter, as a coach does. */
static void
type_cell (CbRoundsSchedule *schedule,
           guint             row,
           const char       *field,
           const char       *text)
{
  GtkWidget *cell = cb_rounds_schedule_get_entry (schedule, row, field);

  g_assert_nonnull (cell);
  gtk_widget_grab_focus (cell);
  cb_ui_type_and_enter (cell, text);
}

/* The schedule as rows typed from the keyboard: a classroom added with
 * Enter, its grade and times typed cell after cell (Enter moves on), a
 * bad time refused; capture then takes the classroom of the slot under
 * way, and a classroom typed over it stays until the next slot. */
static void
test_schedule (void)
{
  g_autofree char *path = cb_ui_test_path ("rounds-schedule.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *visit = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  CbRoundsEditor *editor;
  CbRoundsSchedule *schedule;
  GtkWidget *add, *capture, *classroom;

  visit = cb_ui_new_record (window, cb_section_lookup ("rounds")->section);
  g_assert_nonnull (visit);
  editor = rounds_editor (window);
  schedule = CB_ROUNDS_SCHEDULE (cb_rounds_editor_get_widget (editor, "schedule"));
  add = gtk_widget_get_last_child (GTK_WIDGET (schedule));
  g_assert_true (GTK_IS_ENTRY (add));

  /* Room 12, then Enter through grade, start and end */
  gtk_widget_grab_focus (add);
  cb_ui_type_and_enter (add, "Room 12");
  g_assert_true (gtk_widget_is_ancestor (cb_ui_focus_of (GTK_WIDGET (window)),
                                        cb_rounds_schedule_get_entry (schedule, 0, "grade")));
  cb_ui_type_and_enter (cb_ui_focus_of (GTK_WIDGET (window)), "4");
  cb_ui_type_and_enter (cb_ui_focus_of (GTK_WIDGET (window)), "9:00");
  cb_ui_type_and_enter (cb_ui_focus_of (GTK_WIDGET (window)), "9:20");
  gtk_widget_grab_focus (add);
  cb_ui_type_and_enter (add, "Room 14");
  type_cell (schedule, 1, "grade", "5");
  type_cell (schedule, 1, "start", "nine twenty");
  type_cell (schedule, 1, "start", "9:20");
  type_cell (schedule, 1, "end", "9:40");

  slots = cb_ui_children (store, "rounds_slot", visit);
  g_assert_cmpuint (slots->len, ==, 2);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (slots, 0), "classroom"), ==, "Room 12");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (slots, 0), "grade"), ==, "4");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (slots, 0), "start"), ==, "9:00");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (slots, 0), "end"), ==, "9:20");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (slots, 1), "classroom"), ==, "Room 14");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (slots, 1), "start"), ==, "9:20");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (slots, 1), "end"), ==, "9:40");
  shot (GTK_WIDGET (window), "rounds-schedule");

  /* 9:05: capture takes Room 12; a classroom typed over it stays */
  capture = cb_rounds_editor_get_widget (editor, "capture");
  classroom = cb_rounds_editor_get_widget (editor, "classroom");
  cb_rounds_editor_set_time_of_day (editor, 9 * 3600 + 5 * 60);
  gtk_widget_grab_focus (capture);
  cb_ui_drain ();
  cb_ui_type_and_enter (capture, "Students count on a hundreds chart");
  gtk_editable_set_text (GTK_EDITABLE (classroom), "Room 12 (hall)");
  cb_ui_type_and_enter (capture, "Two students explain their count");
  /* 9:25: the next slot's classroom */
  cb_rounds_editor_set_time_of_day (editor, 9 * 3600 + 25 * 60);
  cb_ui_type_and_enter (capture, "Students sort shapes by sides");
  notes = cb_ui_children (store, "rounds_note", visit);
  g_assert_cmpuint (notes->len, ==, 3);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 0), "classroom"), ==, "Room 12");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 1), "classroom"), ==, "Room 12 (hall)");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (notes, 2), "classroom"), ==, "Room 14");
  cb_ui_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/rounds/capture-and-board", test_capture_and_board);
  g_test_add_func ("/rounds/observer-and-teacher", test_observer_and_teacher);
  g_test_add_func ("/rounds/schedule", test_schedule);
  g_test_add_func ("/rounds/drag-to-card", test_drag_to_card);
  return cb_ui_test_run ();
}
