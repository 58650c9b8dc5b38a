/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A PD day in the real window under Xvfb: people check in by typing
 * their name, the session gets the usual exit-ticket questions and one
 * of its own, participants fill the kiosk one after another (each sees
 * a fresh form, never the previous person's answers), and the editor
 * shows the aggregates; a meeting is kept from the Meetings section.
 * Results are checked in the database. */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "cb-cycle-pane.h"
#include "cb-exit-kiosk.h"
#include "cb-exit-tickets.h"
#include "cb-meeting-editor.h"
#include "cb-pd-editor.h"
#include "cb-view-logic.h"
#include "cb-ui-test-util.h"

static gboolean
is_record_editor (GtkWidget     *widget,
                  gconstpointer  data)
{
  return CB_IS_RECORD_EDITOR (widget);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* With CB_SCREENSHOT_DIR set: @widget as a PNG named after the test's
 * window width and language. */
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

static guint
count_kind (CbStore    *store,
            const char *kind)
{
  CbFilter filter = { .kind = kind };
  return cb_store_count (store, &filter);
}

static gboolean
any_active (CbExitKiosk *kiosk)
{
  for (guint q = 0; q < cb_exit_kiosk_get_n_questions (kiosk); q++)
    {
      GtkWidget *entry = cb_exit_kiosk_get_answer_widget (kiosk, q, 0);

      if (entry != NULL && *gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
        {
          g_test_message ("question %u has text", q);
          return TRUE;
        }
      for (guint s = 1; entry == NULL && s <= 5; s++)
        if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (cb_exit_kiosk_get_answer_widget (kiosk, q, s))))
          {
            g_test_message ("question %u has score %u", q, s);
            return TRUE;
          }
    }
  return *gtk_editable_get_text (GTK_EDITABLE (cb_exit_kiosk_get_name_entry (kiosk))) != '\0';
}

/* Fills one ticket the way a participant does and hands it in with
 * Ctrl+Enter from wherever the focus is. */
static void
fill_ticket (CbExitKiosk *kiosk,
             guint        first,
             guint        other,
             const char  *idea,
             const char  *name)
{
  for (guint q = 0; q < cb_exit_kiosk_get_n_questions (kiosk); q++)
    {
      GtkWidget *entry = cb_exit_kiosk_get_answer_widget (kiosk, q, 0);

      if (entry != NULL)
        {
          if (idea != NULL)
            gtk_editable_set_text (GTK_EDITABLE (entry), idea);
        }
      else if (first > 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cb_exit_kiosk_get_answer_widget (kiosk, q, q == 0 ? first : other)), TRUE);
    }
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (cb_exit_kiosk_get_name_entry (kiosk)), name);
  g_assert_true (cb_ui_press (cb_ui_focus_of (GTK_WIDGET (kiosk)), GDK_KEY_Return, GDK_CONTROL_MASK));
}

static void
test_exit_tickets (void)
{
  g_autofree char *path = cb_ui_test_path ("pd-exit.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  g_autofree char *ana = cb_test_create (store, "person", "name", "Ana Pérez", "role", "teacher", NULL);
  g_autofree char *ben = cb_test_create (store, "person", "name", "Ben Okafor", "role", "teacher", NULL);
  g_autofree char *session = NULL;
  g_autoptr(CbExitSummary) summary = NULL;
  CbPdEditor *pe;
  CbRecordEditor *fields;
  CbExitKiosk *kiosk;
  GtkWidget *checkin;

  session = cb_ui_new_record (window, CB_SECTION_PD);
  g_assert_nonnull (session);
  pe = CB_PD_EDITOR (cb_cycle_pane_get_child (CB_CYCLE_PANE (cb_window_get_child (window, "cycle_pane")), "pd"));
  fields = CB_RECORD_EDITOR (cb_ui_find_widget (GTK_WIDGET (pe), is_record_editor, NULL));
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "title")), "Number talks day");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "start_time")), "08:00");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (fields, "end_time")), "15:00");
  cb_editor_flush (CB_EDITOR (pe));

  /* Check-in: a name as typed, and someone nobody added yet. */
  checkin = cb_pd_editor_get_exit_widget (pe, "checkin");
  gtk_widget_grab_focus (checkin);
  cb_ui_type_and_enter (checkin, "  ana PÉREZ ");
  cb_ui_type_and_enter (checkin, "Dee Walker");
  cb_ui_drain ();
  {
    g_autoptr(GPtrArray) att = cb_ui_children (store, "attendance", session);

    g_assert_cmpuint (att->len, ==, 2);
    for (guint i = 0; i < att->len; i++)
      {
        g_assert_true (cb_record_get_bool (g_ptr_array_index (att, i), "present"));
        g_assert_cmpstr (cb_record_get (g_ptr_array_index (att, i), "hours"), ==, "7");
      }
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (att, 0), "person"), ==, ana);
  }
  g_assert_cmpuint (count_kind (store, "person"), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (checkin)), ==, "");

  /* The usual questions, then one of the session's own. */
  gtk_widget_activate_action (GTK_WIDGET (pe), "pd.exit-template", NULL);
  cb_ui_drain ();
  g_assert_cmpuint (count_kind (store, "exit_question"), ==, 6);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cb_pd_editor_get_exit_widget (pe, "type")), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cb_pd_editor_get_exit_widget (pe, "level")), 2);
  gtk_widget_grab_focus (cb_pd_editor_get_exit_widget (pe, "entry"));
  cb_ui_type_and_enter (cb_pd_editor_get_exit_widget (pe, "entry"), "Which routine will you try first?");
  cb_ui_drain ();
  {
    g_autoptr(GPtrArray) qs = cb_ui_children (store, "exit_question", session);
    CbRecord *last = g_ptr_array_index (qs, qs->len - 1);

    g_assert_cmpuint (qs->len, ==, 7);
    g_assert_cmpstr (cb_record_get (last, "prompt"), ==, "Which routine will you try first?");
    g_assert_cmpstr (cb_record_get (last, "type"), ==, "free_text");
    g_assert_cmpstr (cb_record_get (last, "level"), ==, "use");
    g_assert_cmpstr (cb_record_get (last, "position"), ==, "7");
  }

  /* The kiosk: one participant after another. */
  gtk_widget_activate_action (GTK_WIDGET (pe), "pd.exit-kiosk", NULL);
  cb_ui_drain ();
  kiosk = CB_EXIT_KIOSK (cb_ui_find_toplevel (CB_TYPE_EXIT_KIOSK));
  g_assert_nonnull (kiosk);
  g_assert_cmpuint (cb_exit_kiosk_get_n_questions (kiosk), ==, 7);
  fill_ticket (kiosk, 5, 4, "Number talks", "ana pérez");
  g_assert_cmpuint (count_kind (store, "exit_ticket"), ==, 1);
  /* a fresh form: nothing of Ana's answers is visible */
  g_assert_false (any_active (kiosk));
  shot (GTK_WIDGET (kiosk), "exit-kiosk");
  fill_ticket (kiosk, 3, 5, "number talks!", NULL);
  g_assert_false (any_active (kiosk));
  /* nothing answered, or a name that is nobody's: a message, no ticket */
  fill_ticket (kiosk, 0, 0, NULL, NULL);
  g_assert_true (gtk_widget_get_visible (cb_exit_kiosk_get_status (kiosk)));
  g_assert_true (gtk_widget_has_css_class (cb_exit_kiosk_get_status (kiosk), "error"));
  fill_ticket (kiosk, 2, 2, NULL, "Nobody Here");
  g_assert_cmpuint (count_kind (store, "exit_ticket"), ==, 2);
  /* the refused form keeps what was typed, to fix the name */
  g_assert_true (any_active (kiosk));
  {
    /* closed is gone: the kiosk keeps nothing of the session alive */
    gpointer weak = kiosk;

    g_object_add_weak_pointer (G_OBJECT (kiosk), &weak);
    gtk_window_close (GTK_WINDOW (kiosk));
    cb_ui_drain ();
    g_assert_null (weak);
  }

  {
    g_autoptr(GPtrArray) tickets = cb_ui_children (store, "exit_ticket", session);

    g_assert_cmpstr (cb_record_get (g_ptr_array_index (tickets, 0), "respondent"), ==, ana);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (tickets, 1), "respondent"), ==, "");
  }
  summary = cb_exit_summary_load (store, session, NULL, NULL);
  g_assert_cmpuint (summary->n_tickets, ==, 2);
  {
    CbExitItem *first = g_ptr_array_index (summary->items, 0);
    CbExitItem *idea = g_ptr_array_index (summary->items, 3);

    g_assert_cmpuint (first->stats.n, ==, 2);
    g_assert_cmpfloat (cb_scale_stats_mean (&first->stats), ==, 4.0);
    g_assert_cmpuint (idea->answers->len, ==, 2);
  }
  cb_ui_drain ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cb_pd_editor_get_exit_widget (pe, "label"))), ==, "2 tickets");
  g_assert_nonnull (gtk_widget_get_first_child (cb_pd_editor_get_exit_widget (pe, "summary")));
  {
    /* the summary in view: focus the kiosk's button just above it */
    GtkWidget *button = cb_ui_find_widget (GTK_WIDGET (pe), has_action, "pd.exit-kiosk");
    GtkWidget *sw = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));

    gtk_widget_grab_focus (button);
    cb_ui_spin (300);
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) / 2);
    shot (GTK_WIDGET (window), "exit-summary");
  }
  (void) ben;
  cb_ui_stop_app (app);
}

/* A meeting from the Meetings section: Ctrl+N, then its fields in the
 * meeting editor's groups; it is found in the database and by search. */
static void
test_meeting (void)
{
  g_autofree char *path = cb_ui_test_path ("pd-meeting.db");
  CbApplication *app = cb_ui_start_app (path);
  CbWindow *window = sized_window (app);
  CbStore *store = cb_application_get_store (app);
  CbMeetingEditor *meetings;
  CbRecordEditor *editor, *talk;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GtkWidget *title;

  first = cb_ui_new_record (window, cb_section_lookup ("meetings")->section);
  g_assert_nonnull (first);
  meetings = CB_MEETING_EDITOR (gtk_stack_get_child_by_name (GTK_STACK (cb_window_get_child (window, "editor_stack")),
                                                             "meeting"));
  editor = CB_RECORD_EDITOR (cb_meeting_editor_get_widget (meetings, "details"));
  talk = CB_RECORD_EDITOR (cb_meeting_editor_get_widget (meetings, "talk"));
  title = cb_record_editor_get_field_widget (editor, "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Implementation team, October");
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (editor, "date")), "2026-10-14");
  g_assert_true (gtk_widget_activate_action (title, "win.flush", NULL));
  second = cb_ui_new_record (window, cb_section_lookup ("meetings")->section);
  g_assert_nonnull (second);
  gtk_editable_set_text (GTK_EDITABLE (cb_record_editor_get_field_widget (editor, "title")), "Implementation team, December");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (cb_record_editor_get_field_widget (talk, "barriers"))),
                            "Common planning time lost to testing", -1);
  title = cb_record_editor_get_field_widget (editor, "title");
  g_assert_true (gtk_widget_activate_action (title, "win.flush", NULL));
  g_assert_cmpuint (count_kind (store, "meeting"), ==, 2);
  record = cb_store_get (store, second, NULL);
  g_assert_cmpstr (cb_record_get (record, "title"), ==, "Implementation team, December");
  g_assert_cmpstr (cb_record_get (record, "barriers"), ==, "Common planning time lost to testing");
  hits = cb_store_search (store, "planning time lost", NULL, 10, NULL);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, 1);
  shot (GTK_WIDGET (window), "meeting");
  cb_ui_stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add_func ("/pd/exit-tickets", test_exit_tickets);
  g_test_add_func ("/pd/meeting", test_meeting);
  return cb_ui_test_run ();
}
