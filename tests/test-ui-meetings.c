/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team's meetings in the real window under Xvfb: Ctrl+N in the
 * Meetings section opens the meeting editor; action items are added
 * with an owner among those present and a due date, and one completed,
 * by keyboard; Ctrl+Shift+N starts the team's next meeting, which
 * carries the team and shows the open item, completed there in turn.
 * Everything is read back from the database. */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "cb-meeting-editor.h"
#include "cb-meeting-logic.h"
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

static CbMeetingEditor *
meeting_editor (CbWindow *window)
{
  return CB_MEETING_EDITOR (gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")),
                                                         "meeting"));
}

static GPtrArray *
items_from (CbStore    *store,
            const char *meeting)
{
  CbFilter filter = { .kind = "action_item", .ref_field = "source", .ref_value = meeting };
  g_autoptr(GError) error = NULL;
  GPtrArray *items = cb_store_list (store, &filter, 100, &error);

  g_assert_no_error (error);
  return items;
}

static CbRecord *
item_with_text (GPtrArray  *items,
                const char *text)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_has_prefix (cb_record_get (g_ptr_array_index (items, i), "text"), text))
      return g_ptr_array_index (items, i);
  g_assert_not_reached ();
}

static gboolean
is_check (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

/* Space on the first Done box of @list, from the keyboard focus. */
static void
complete_first (CbWindow  *window,
                GtkWidget *list)
{
  GtkWidget *check = cb_ui_find_widget (list, is_check, NULL);

  g_assert_nonnull (check);
  gtk_widget_grab_focus (check);
  g_assert_true (gtk_widget_is_focus (check) ||
                 gtk_widget_is_ancestor (cb_ui_focus_of (GTK_WIDGET (window)), check));
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_space, 0));
  cb_ui_drain ();
}

static void
test_items_and_next (void)
{
  g_autofree char *path = cb_ui_test_path ("meetings.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = cb_ui_app_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *principal = cb_test_create (store, "person", "name", "Rosa Medina", "role", "principal", NULL);
  g_autofree char *coach = cb_test_create (store, "person", "name", "Sam Okafor", "role", "coach", NULL);
  g_autofree char *present = g_strjoin (" ", principal, coach, NULL);
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  CbMeetingEditor *editor;
  GtkWidget *action, *due;

  const char *width = g_getenv ("CB_TEST_WIDTH");
  int w = width != NULL ? atoi (width) : 1280;

  gtk_window_set_default_size (GTK_WINDOW (window), w, w < 600 ? 720 : 800);
  first = cb_ui_new_record (window, cb_section_lookup ("meetings")->section);
  g_assert_nonnull (first);
  editor = meeting_editor (window);
  g_assert_nonnull (editor);
  g_assert_true (cb_store_set (store, first, "title", "Implementation team", &error));
  g_assert_true (cb_store_set (store, first, "team", "Lincoln implementation team", &error));
  g_assert_true (cb_store_set (store, first, "attendees", present, &error));
  g_assert_true (cb_store_set (store, first, "date", "2026-09-15", &error));
  g_assert_no_error (error);
  cb_ui_drain ();

  /* two items: Rosa's with a due date, Sam's without */
  action = cb_meeting_editor_get_widget (editor, "action");
  due = cb_meeting_editor_get_widget (editor, "due");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (cb_meeting_editor_get_widget (editor, "owner"))), ==, 1);
  gtk_widget_grab_focus (action);
  gtk_editable_set_text (GTK_EDITABLE (action), "Share the walkthrough data with grade leads");
  cb_ui_type_and_enter (due, "2026-09-30");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cb_meeting_editor_get_widget (editor, "owner")), 2);
  cb_ui_type_and_enter (action, "Schedule the next rounds visit");
  /* a due date that is not one: refused, nothing added */
  gtk_editable_set_text (GTK_EDITABLE (action), "Order the new number-talk cards");
  cb_ui_type_and_enter (due, "the 31st");
  items = items_from (store, first);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (cb_record_get (item_with_text (items, "Share"), "owner"), ==, principal);
  g_assert_cmpstr (cb_record_get (item_with_text (items, "Share"), "due"), ==, "2026-09-30");
  g_assert_cmpstr (cb_record_get (item_with_text (items, "Schedule"), "owner"), ==, coach);
  g_assert_cmpstr (cb_record_get (item_with_text (items, "Schedule"), "due"), ==, "");
  g_assert_cmpstr (cb_record_get (item_with_text (items, "Schedule"), "status"), ==, "open");

  /* the first listed is done, from the keyboard */
  complete_first (window, cb_meeting_editor_get_widget (editor, "actions"));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = items_from (store, first);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (items, 0), "status"), ==, "done");
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (items, 1), "status"), ==, "open");
  shot (GTK_WIDGET (window), "meeting");

  /* Ctrl+Shift+N: the next meeting, with the team and the open item */
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (window)), GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  cb_ui_drain ();
  next = g_strdup (cb_editor_get_uuid (CB_EDITOR (editor)));
  g_assert_nonnull (next);
  g_assert_cmpstr (next, !=, first);
  record = cb_ui_get_record (store, next);
  g_assert_cmpstr (cb_record_get (record, "previous"), ==, first);
  g_assert_cmpstr (cb_record_get (record, "team"), ==, "Lincoln implementation team");
  g_assert_cmpstr (cb_record_get (record, "attendees"), ==, present);
  g_assert_cmpstr (cb_record_get (record, "date"), ==, "");
  g_assert_nonnull (cb_ui_find_widget (cb_meeting_editor_get_widget (editor, "carried"), is_check, NULL));
  shot (GTK_WIDGET (window), "meeting-next");

  /* the carried item is done at the next meeting */
  complete_first (window, cb_meeting_editor_get_widget (editor, "carried"));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = items_from (store, first);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (items, 1), "status"), ==, "done");
  cb_ui_spin (300);
  shot (GTK_WIDGET (window), "meeting-carried");
  cb_ui_stop_app (app);
}

/* What the next meeting keeps, without a display. */
static void
test_next_values (void)
{
  g_autoptr(CbRecord) meeting = cb_record_new ("m1", "meeting", "a", "2026-09-15T09:00:00Z");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CbRecord) item = cb_record_new ("a1", "action_item", "a", "2026-09-15T09:00:00Z");

  cb_record_take (meeting, "team", g_strdup ("Lincoln"));
  cb_record_take (meeting, "decisions", g_strdup ("Keep rounds monthly"));
  cb_record_take (meeting, "date", g_strdup ("2026-09-15"));
  cb_meeting_next_values (meeting, names, values);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "team");
  g_assert_cmpstr (g_ptr_array_index (values, 0), ==, "Lincoln");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "previous");
  g_assert_cmpstr (g_ptr_array_index (values, 1), ==, "m1");
  cb_record_take (item, "status", g_strdup ("in_progress"));
  g_assert_true (cb_meeting_item_is_open (item));
  cb_record_take (item, "status", g_strdup ("dropped"));
  g_assert_false (cb_meeting_item_is_open (item));
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/meetings/next-values", test_next_values);
  g_test_add_func ("/meetings/items-and-next", test_items_and_next);
  return cb_ui_test_run ();
}
