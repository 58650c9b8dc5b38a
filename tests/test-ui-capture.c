/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observation capture as a coach meets it: keys pressed on the real X
 * keyboard (XTest) wherever the focus happens to be, a timeline that
 * keeps its newest line in view and scrolls with the wheel, private
 * lines, an ended lesson that is not restarted by accident, a lesson
 * reopened after a crash, and the capture focus mode. Every result is
 * read back from the database. */

#include "cb-ui-test-util.h"

#include <adwaita.h>
#include <signal.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "cb-capture-logic.h"
#include "cb-evidence-row.h"
#include "cb-exchange.h"
#include "cb-observation-editor.h"
#include "cb-packet.h"
#include "cb-today-view.h"

typedef struct
{
  char          *db;
  CbApplication *app;
  CbWindow      *window;
  CbStore       *store;
  CbObservationEditor *editor;
} Fixture;

/* Real key events */

static Display *
x_display (GtkWidget *widget)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
}

/* Gives @window the X keyboard focus, as a click on it would. */
static void
x_focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *dpy = x_display (GTK_WIDGET (window));
  Window xid = gdk_x11_surface_get_xid (surface);

  XRaiseWindow (dpy, xid);
  XSetInputFocus (dpy, xid, RevertToParent, CurrentTime);
  XSync (dpy, False);
  cb_ui_drain ();
}

static void
x_key (Display *dpy,
       KeySym   sym,
       gboolean down)
{
  KeyCode code = XKeysymToKeycode (dpy, sym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (dpy, code, down, CurrentTime);
}

static void
x_mods (Display         *dpy,
        GdkModifierType  mods,
        gboolean         down)
{
  if (mods & GDK_CONTROL_MASK)
    x_key (dpy, XK_Control_L, down);
  if (mods & GDK_SHIFT_MASK)
    x_key (dpy, XK_Shift_L, down);
  if (mods & GDK_ALT_MASK)
    x_key (dpy, XK_Alt_L, down);
}

/* Presses @keyval with @mods on the keyboard: the event goes wherever
 * the focus is, as a coach's key would. */
static void
x_press (GtkWidget       *widget,
         guint            keyval,
         GdkModifierType  mods)
{
  Display *dpy = x_display (widget);

  x_mods (dpy, mods, TRUE);
  x_key (dpy, keyval, TRUE);
  x_key (dpy, keyval, FALSE);
  x_mods (dpy, mods, FALSE);
  XSync (dpy, False);
  cb_ui_drain ();
}

/* Types @text at full speed: every key is sent before the app sees the
 * first one. Lower-case letters, digits and spaces. */
static void
x_type (GtkWidget  *widget,
        const char *text)
{
  Display *dpy = x_display (widget);

  for (const char *p = text; *p; p++)
    {
      KeySym sym = *p == ' ' ? XK_space : (KeySym) (guchar) *p;

      g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == ' ');
      x_key (dpy, sym, TRUE);
      x_key (dpy, sym, FALSE);
    }
  XSync (dpy, False);
  cb_ui_drain ();
}

/* Moves the pointer over the middle of @widget and turns the wheel
 * @clicks notches (negative: up). */
static void
x_wheel (GtkWidget *widget,
         int        clicks)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *dpy = x_display (widget);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  graphene_point_t p;
  double sx, sy;
  int rx, ry;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (dpy, xid, DefaultRootWindow (dpy), (int) (p.x + sx), (int) (p.y + sy), &rx, &ry, &child);
  XTestFakeMotionEvent (dpy, -1, rx, ry, CurrentTime);
  XSync (dpy, False);
  cb_ui_drain ();
  for (int i = 0; i < ABS (clicks); i++)
    {
      XTestFakeButtonEvent (dpy, clicks < 0 ? 4 : 5, True, CurrentTime);
      XTestFakeButtonEvent (dpy, clicks < 0 ? 4 : 5, False, CurrentTime);
      XSync (dpy, False);
      cb_ui_spin (30);
    }
  cb_ui_drain ();
  cb_ui_spin (300);
}

/* Fixture */

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
create_observation (CbStore    *store,
                    const char *clock,
                    guint       n_lines)
{
  g_autofree char *today = today_iso ();
  const char *names[] = { "date", "clock", "lesson" };
  const char *values[] = { today, clock, "Fractions as division" };
  g_autoptr(GError) error = NULL;
  char *uuid = cb_store_create (store, "observation", names, values, clock ? 3 : 1, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *offset = g_strdup_printf ("%u", i * 20);
      g_autofree char *text = g_strdup_printf ("Line %02u: students compare their strategies in pairs", i + 1);
      const char *ln[] = { "observation", "offset", "type", "text" };
      const char *lv[] = { uuid, offset, "note", text };
      g_autofree char *line = cb_store_create (store, "evidence", ln, lv, 4, &error);

      g_assert_no_error (error);
    }
  return uuid;
}

static void
fixture_start (Fixture *f)
{
  f->app = cb_ui_start_app (f->db);
  f->window = cb_ui_app_window (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  f->store = cb_application_get_store (f->app);
  f->editor = CB_OBSERVATION_EDITOR (cb_window_get_child (f->window, "observation_editor"));
  cb_ui_drain ();
  x_focus_window (GTK_WINDOW (f->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("capture-%u.db", n++);

  f->db = cb_ui_test_path (name);
  fixture_start (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->app != NULL)
    cb_ui_stop_app (f->app);
  g_free (f->db);
}

static GPtrArray *
lines_of (Fixture    *f,
          const char *observation)
{
  return cb_ui_children (f->store, "evidence", observation);
}

static CbClockState
clock_state (Fixture    *f,
             const char *observation)
{
  g_autoptr(CbRecord) obs = cb_ui_get_record (f->store, observation);
  CbClock clock;

  g_assert_true (cb_clock_parse (cb_record_get (obs, "clock"), &clock));
  return clock.state;
}

static gboolean
is_today_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "uuid"), data) == 0;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
show_page (Fixture    *f,
           const char *label)
{
  GtkWidget *toggle = cb_ui_find_widget (GTK_WIDGET (f->editor), is_toggle_labelled, label);

  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  cb_ui_drain ();
  cb_ui_spin (300);
}

/* The timeline's rows (CbEvidenceRow), in the order shown. */
static GPtrArray *
timeline_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *first = cb_ui_find_widget (GTK_WIDGET (f->editor), is_type, GSIZE_TO_POINTER (CB_TYPE_EVIDENCE_ROW));
  GtkWidget *list = first ? gtk_widget_get_ancestor (first, GTK_TYPE_LIST_BOX) : NULL;

  for (GtkWidget *row = list ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      g_ptr_array_add (rows, gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
  return rows;
}

static GtkWidget *
timeline_scroller (Fixture *f)
{
  g_autoptr(GPtrArray) rows = timeline_rows (f);

  g_assert_cmpuint (rows->len, >, 0);
  return gtk_widget_get_ancestor (g_ptr_array_index (rows, 0), GTK_TYPE_SCROLLED_WINDOW);
}

/* Where @row is drawn in the timeline's scroller: -1 above the part
 * shown, 0 wholly shown, 1 below it (or partly shown). */
static int
row_place (Fixture   *f,
           GtkWidget *row)
{
  GtkWidget *scroller = timeline_scroller (f);
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (row, scroller, &r));
  if (r.origin.y < 0)
    return -1;
  if (r.origin.y + r.size.height > gtk_widget_get_height (scroller))
    return 1;
  return 0;
}

static guint
rows_shown (Fixture *f)
{
  g_autoptr(GPtrArray) rows = timeline_rows (f);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (row_place (f, g_ptr_array_index (rows, i)) == 0)
      n++;
  return n;
}

static void
assert_newest_shown (Fixture    *f,
                     const char *when)
{
  g_autoptr(GPtrArray) rows = timeline_rows (f);
  GtkWidget *last = g_ptr_array_index (rows, rows->len - 1);
  guint waited = 0;

  /* Rows are measured over a few frames: give them a second. */
  for (; row_place (f, last) != 0 && waited < 1000; waited += 50)
    cb_ui_spin (50);
  g_test_message ("%s: newest line “%s” at %d after %u ms, %u lines shown", when,
                  cb_evidence_row_get_text (CB_EVIDENCE_ROW (last)), row_place (f, last), waited, rows_shown (f));
  g_assert_cmpint (row_place (f, last), ==, 0);
}

/* Keys */

static const char *
privacy_of_line (Fixture    *f,
                 const char *observation,
                 const char *text)
{
  g_autoptr(GPtrArray) lines = lines_of (f, observation);
  static char privacy[32];

  for (guint i = 0; i < lines->len; i++)
    if (g_strcmp0 (cb_record_get (g_ptr_array_index (lines, i), "text"), text) == 0)
      {
        g_strlcpy (privacy, cb_record_get_privacy (g_ptr_array_index (lines, i)), sizeof privacy);
        return privacy;
      }
  g_assert_not_reached ();
}


/* The Today row of @uuid as it is now (Today makes its rows again
 * when a record changes). */
static GtkWidget *
today_row (Fixture    *f,
           const char *uuid)
{
  GtkWidget *row = cb_ui_find_widget (cb_window_get_child (f->window, "today_view"), is_today_row, uuid);

  g_assert_nonnull (row);
  return row;
}

/* Opened from Today with the keyboard, the focus stays in the Today
 * list: the capture keys must still reach the observation, and what
 * the coach types must land in the capture line. */
static void
test_keys_from_any_focus (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *obs = create_observation (f->store, NULL, 0);
  GtkWidget *focus;
  g_autoptr(GPtrArray) lines = NULL;

  cb_window_set_section (f->window, CB_SECTION_TODAY);
  cb_ui_spin (300);
  gtk_widget_grab_focus (today_row (f, obs));
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  g_assert_cmpstr (cb_window_get_current_uuid (f->window), ==, obs);
  g_assert_cmpstr (cb_observation_editor_get_uuid (f->editor), ==, obs);

  /* Wherever the focus is now, Ctrl+Space starts the lesson. */
  gtk_widget_grab_focus (today_row (f, obs));
  x_press (GTK_WIDGET (f->window), XK_space, GDK_CONTROL_MASK);
  g_assert_cmpint (clock_state (f, obs), ==, CB_CLOCK_RUNNING);

  /* The lesson changed, so Today makes its rows again (300 ms later,
   * while it is shown; at once here): the focus stays on the lesson's
   * row, not lost, and the keys below still work. */
  gtk_widget_grab_focus (today_row (f, obs));
  cb_today_view_refresh (CB_TODAY_VIEW (cb_window_get_child (f->window, "today_view")));
  cb_ui_drain ();
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_test_message ("focus %s %p row %p", focus ? G_OBJECT_TYPE_NAME (focus) : "none", focus, today_row (f, obs));
  g_assert_nonnull (focus);
  g_assert_true (focus == today_row (f, obs));

  /* Ctrl+Return goes to the capture line, and the typed line is kept. */
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_CONTROL_MASK);
  x_type (GTK_WIDGET (f->window), "funneling toward doubling");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  lines = lines_of (f, obs);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (lines, 0), "text"), ==, "funneling toward doubling");
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* Typed with the focus on a list, the text is not lost either. */
  gtk_widget_grab_focus (today_row (f, obs));
  x_type (GTK_WIDGET (f->window), "s2 explains");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  lines = lines_of (f, obs);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (lines, 1), "text"), ==, "s2 explains");
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* Ctrl+Shift+Space ends the lesson from the sidebar too. */
  gtk_widget_grab_focus (GTK_WIDGET (cb_window_get_child (f->window, "sidebar_list")));
  x_press (GTK_WIDGET (f->window), XK_space, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpint (clock_state (f, obs), ==, CB_CLOCK_STOPPED);
}

/* Every capture key of the shortcuts window, pressed with the focus
 * in the sidebar, does its work; the database shows it. */
static void
test_every_capture_key_from_sidebar (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *obs = create_observation (f->store, NULL, 0);
  g_autoptr(GPtrArray) look_fors = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) tallies = NULL;
  g_autoptr(CbRecord) record = NULL;
  CbFilter filter = { 0 };
  GtkWidget *sidebar = cb_window_get_child (f->window, "sidebar_list");
  const char *first;
  gboolean counted = FALSE, phased = FALSE;
  CbClock clock;

  filter.kind = "look_for";
  look_fors = cb_store_list (f->store, &filter, 1, NULL);
  first = cb_record_get_uuid (g_ptr_array_index (look_fors, 0));
  g_assert_true (cb_store_set (f->store, obs, "focus", first, NULL));
  g_assert_true (cb_window_open_record (f->window, obs));
  cb_ui_spin (200);

#define FROM_SIDEBAR(key, mods) \
  G_STMT_START { gtk_widget_grab_focus (sidebar); x_press (GTK_WIDGET (f->window), key, mods); } G_STMT_END

  FROM_SIDEBAR (XK_space, GDK_CONTROL_MASK);            /* start */
  FROM_SIDEBAR (XK_Return, GDK_CONTROL_MASK);           /* capture line */
  x_type (GTK_WIDGET (f->window), "t poses the task");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  FROM_SIDEBAR (XK_1, GDK_ALT_MASK);                    /* tag */
  FROM_SIDEBAR (XK_1, GDK_CONTROL_MASK);                /* count */
  FROM_SIDEBAR (XK_e, GDK_ALT_MASK);                    /* explore */
  FROM_SIDEBAR (XK_t, GDK_ALT_MASK);                    /* talk: to students */
  FROM_SIDEBAR (XK_F9, 0);                              /* capture focus */
  g_assert_true (cb_observation_editor_get_focus_mode (f->editor));
  FROM_SIDEBAR (XK_F9, 0);
  g_assert_false (cb_observation_editor_get_focus_mode (f->editor));

  lines = lines_of (f, obs);
  for (guint i = 0; i < lines->len; i++)
    {
      CbRecord *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (cb_record_get (line, "text"), "t poses the task") == 0)
        g_assert_cmpstr (cb_record_get (line, "tags"), ==, first);
      phased |= g_strcmp0 (cb_record_get (line, "phase"), "explore") == 0;
    }
  g_assert_true (phased);
  tallies = cb_ui_children (f->store, "tally", obs);
  for (guint i = 0; i < tallies->len; i++)
    counted |= cb_record_get_int (g_ptr_array_index (tallies, i), "count") == 1;
  g_assert_true (counted);
  record = cb_ui_get_record (f->store, obs);
  g_assert_true (cb_clock_parse (cb_record_get (record, "clock"), &clock));
  g_assert_cmpint (clock.talk, ==, CB_TALK_STUDENT);
  g_clear_object (&record);

  FROM_SIDEBAR (XK_0, GDK_ALT_MASK);                    /* talk stops */
  FROM_SIDEBAR (XK_p, GDK_ALT_MASK);                    /* private */
  FROM_SIDEBAR (XK_space, GDK_CONTROL_MASK);            /* pause */
  record = cb_ui_get_record (f->store, obs);
  g_assert_true (cb_clock_parse (cb_record_get (record, "clock"), &clock));
  g_assert_cmpint (clock.talk, ==, CB_TALK_NONE);
  g_assert_cmpint (clock.state, ==, CB_CLOCK_PAUSED);
  g_assert_cmpstr (privacy_of_line (f, obs, "t poses the task"), ==, "private");
  FROM_SIDEBAR (XK_space, GDK_CONTROL_MASK | GDK_SHIFT_MASK);   /* end */
  g_assert_cmpint (clock_state (f, obs), ==, CB_CLOCK_STOPPED);
#undef FROM_SIDEBAR
}

/* Text typed and not yet entered waits while another record is open,
 * and goes in as a line when the window closes. */
static void
test_typed_text_kept (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = create_observation (f->store, NULL, 0);
  g_autofree char *b = create_observation (f->store, NULL, 0);
  g_autoptr(GPtrArray) lines = NULL;
  GtkWidget *capture;

  g_assert_true (cb_window_open_record (f->window, a));
  cb_ui_spin (200);
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_CONTROL_MASK);
  capture = cb_ui_focus_of (GTK_WIDGET (f->window));
  x_type (GTK_WIDGET (f->window), "s3 counts on her fingers");
  g_assert_true (cb_window_open_record (f->window, b));
  cb_ui_spin (200);
  {
    g_autofree char *text = cb_ui_text_of (capture);
    g_assert_cmpstr (text, ==, "");
  }
  g_assert_true (cb_window_open_record (f->window, a));
  cb_ui_spin (200);
  {
    g_autofree char *text = cb_ui_text_of (capture);
    g_assert_cmpstr (text, ==, "s3 counts on her fingers");
  }
  lines = lines_of (f, a);
  g_assert_cmpuint (lines->len, ==, 0);
  g_clear_pointer (&lines, g_ptr_array_unref);

  cb_ui_stop_app (f->app);
  f->app = NULL;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CbStore) store = cb_store_open (f->db, &error);

    g_assert_no_error (error);
    lines = cb_ui_children (store, "evidence", a);
    g_assert_cmpuint (lines->len, ==, 1);
    g_assert_cmpstr (cb_record_get (g_ptr_array_index (lines, 0), "text"), ==, "s3 counts on her fingers");
  }
}

/* Ctrl+N in every section puts the focus in the new record's editor,
 * so what the coach types next goes into the record. */
static void
test_new_record_focus (Fixture       *f,
                       gconstpointer  data)
{
  static const CbSection sections[] = {
    CB_SECTION_PEOPLE, CB_SECTION_OBSERVATIONS, CB_SECTION_COPLANS,
    CB_SECTION_LOGS, CB_SECTION_PD, CB_SECTION_ENGAGEMENTS, CB_SECTION_ACTIONS,
    CB_SECTION_TODAY, CB_SECTION_LOOK_FORS,
  };
  GtkWidget *pane = cb_window_get_child (f->window, "editor_pane");

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *focus;

      cb_window_set_section (f->window, sections[i]);
      cb_ui_drain ();
      gtk_widget_grab_focus (cb_window_get_child (f->window, "sidebar_list"));
      x_press (GTK_WIDGET (f->window), XK_n, GDK_CONTROL_MASK);
      cb_ui_spin (200);
      g_assert_nonnull (cb_window_get_current_uuid (f->window));
      focus = cb_ui_focus_of (GTK_WIDGET (f->window));
      g_test_message ("section %u: focus on %s", sections[i], focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
      g_assert_nonnull (focus);
      g_assert_true (gtk_widget_is_ancestor (focus, pane));
      /* A chooser popped up from the editor counts too; Escape
       * closes it. */
      x_press (GTK_WIDGET (f->window), XK_Escape, 0);
    }
}

/* Private lines */

static CbEvidenceRow *
row_with_text (Fixture    *f,
               const char *text)
{
  g_autoptr(GPtrArray) rows = timeline_rows (f);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (cb_evidence_row_get_text (g_ptr_array_index (rows, i)), text) == 0)
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

static gboolean
is_lock (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "changes-prevent-symbolic") == 0;
}

static gboolean
shows_private (CbEvidenceRow *row)
{
  GtkWidget *lock = cb_ui_find_widget (GTK_WIDGET (row), is_lock, NULL);

  return lock != NULL && gtk_widget_get_visible (lock);
}

static gboolean
is_model_button_labelled (GtkWidget     *widget,
                          gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") != 0)
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, data) == 0;
}

static gboolean
is_menu_button_labelled (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* Opens the line's menu and clicks "Private". */
static void
click_private (CbEvidenceRow *row)
{
  GtkWidget *button = cb_ui_find_widget (GTK_WIDGET (row), is_menu_button_labelled, "Line Menu");
  GtkWidget *popover, *item;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cb_ui_drain ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  item = cb_ui_find_widget (popover, is_model_button_labelled, "_Private");
  if (item == NULL)
    item = cb_ui_find_widget (popover, is_model_button_labelled, "Private");
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  cb_ui_drain ();
  gtk_popover_popdown (GTK_POPOVER (popover));
  cb_ui_drain ();
}

static char *
read_text_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static char *
packet_text (Fixture    *f,
             const char *observation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbPacket) packet = cb_packet_new (f->store, observation, &error);
  g_autofree char *pdf = cb_ui_test_path ("packet.pdf");
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  char *out = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_true (cb_packet_write_pdf (packet, pdf, CB_PAPER_LETTER_WIDTH, CB_PAPER_LETTER_HEIGHT, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A candid line made private, by Alt+P on the newest line or by its
 * menu, is kept in the database as private, shown with a lock, and
 * stays out of the teacher's packet and the exchange file. */
static void
test_private_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *today = today_iso ();
  const char *names[] = { "date", "privacy", "shared_with_teacher" };
  const char *values[] = { today, "teacher", "1" };
  g_autofree char *obs = cb_store_create (f->store, "observation", names, values, 3, NULL);
  g_autofree char *xml = cb_ui_test_path ("private.xml");
  g_autofree char *packet = NULL;
  g_autofree char *exported = NULL;
  GtkWidget *list_row;

  g_assert_nonnull (obs);
  g_assert_true (cb_window_open_record (f->window, obs));
  cb_ui_spin (300);
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_CONTROL_MASK);
  x_type (GTK_WIDGET (f->window), "t launches the pizza task");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  x_type (GTK_WIDGET (f->window), "funneling toward doubling");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  x_type (GTK_WIDGET (f->window), "s2 explains her drawing");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  g_assert_cmpstr (privacy_of_line (f, obs, "funneling toward doubling"), ==, "team");

  /* Alt+P makes the newest line private; again makes it shared. */
  x_press (GTK_WIDGET (f->window), XK_p, GDK_ALT_MASK);
  g_assert_cmpstr (privacy_of_line (f, obs, "s2 explains her drawing"), ==, "private");
  g_assert_true (shows_private (row_with_text (f, "s2 explains her drawing")));
  x_press (GTK_WIDGET (f->window), XK_p, GDK_ALT_MASK);
  g_assert_cmpstr (privacy_of_line (f, obs, "s2 explains her drawing"), ==, "team");
  g_assert_false (shows_private (row_with_text (f, "s2 explains her drawing")));

  /* The candid line, from its menu. */
  click_private (row_with_text (f, "funneling toward doubling"));
  g_assert_cmpstr (privacy_of_line (f, obs, "funneling toward doubling"), ==, "private");
  g_assert_true (shows_private (row_with_text (f, "funneling toward doubling")));

  /* Alt+P acts on the line with the focus: the first one. */
  list_row = gtk_widget_get_parent (GTK_WIDGET (row_with_text (f, "t launches the pizza task")));
  gtk_widget_grab_focus (list_row);
  x_press (GTK_WIDGET (f->window), XK_p, GDK_ALT_MASK);
  g_assert_cmpstr (privacy_of_line (f, obs, "t launches the pizza task"), ==, "private");
  x_press (GTK_WIDGET (f->window), XK_p, GDK_ALT_MASK);
  g_assert_cmpstr (privacy_of_line (f, obs, "t launches the pizza task"), ==, "team");
  g_assert_cmpstr (privacy_of_line (f, obs, "funneling toward doubling"), ==, "private");

  /* Alt+P while a line is being typed is meant for that line: it goes
   * in private at once, and Enter after it adds nothing more. */
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_CONTROL_MASK);
  x_type (GTK_WIDGET (f->window), "the teacher looked tired");
  x_press (GTK_WIDGET (f->window), XK_p, GDK_ALT_MASK);
  g_assert_cmpstr (privacy_of_line (f, obs, "the teacher looked tired"), ==, "private");
  g_assert_true (shows_private (row_with_text (f, "the teacher looked tired")));
  g_assert_cmpstr (privacy_of_line (f, obs, "s2 explains her drawing"), ==, "team");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  {
    g_autoptr(GPtrArray) lines = cb_ui_children (f->store, "evidence", obs);
    g_assert_cmpuint (lines->len, ==, 4);
  }
  cb_ui_save_png (GTK_WIDGET (f->window), "private-line-test.png");

  /* The Debrief says so where the coach checks the packet. */
  show_page (f, "Debrief");
  g_assert_nonnull (cb_ui_find_widget (GTK_WIDGET (f->editor), is_label_with, "Private: not in the packet"));
  show_page (f, "Capture");

  /* The packet and the exchange file leave the private line out. */
  packet = packet_text (f, obs);
  g_assert_nonnull (strstr (packet, "pizza task"));
  g_assert_nonnull (strstr (packet, "her drawing"));
  g_assert_null (strstr (packet, "doubling"));
  g_assert_null (strstr (packet, "looked tired"));
  g_assert_true (cb_exchange_export (f->store, xml, NULL, NULL));
  exported = read_text_file (xml);
  g_assert_nonnull (strstr (exported, "pizza task"));
  g_assert_null (strstr (exported, "doubling"));
  g_assert_null (strstr (exported, "looked tired"));

  /* Opened again, the line still shows as private. */
  cb_ui_stop_app (f->app);
  fixture_start (f);
  g_assert_true (cb_window_open_record (f->window, obs));
  cb_ui_spin (300);
  g_assert_true (shows_private (row_with_text (f, "funneling toward doubling")));
  g_assert_false (shows_private (row_with_text (f, "t launches the pizza task")));
}

/* Scrolling */

/* Opened again, back from the Debrief, after a line and after the end
 * of the lesson, the timeline shows its newest line where the coach
 * sees it; and the wheel scrolls it. */
static void
test_timeline_scrolls (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = create_observation (f->store, NULL, 40);
  g_autofree char *b = create_observation (f->store, NULL, 30);
  GtkWidget *last;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (cb_window_open_record (f->window, a));
  cb_ui_spin (500);
  assert_newest_shown (f, "opened");

  g_assert_true (cb_window_open_record (f->window, b));
  cb_ui_spin (300);
  g_assert_true (cb_window_open_record (f->window, a));
  cb_ui_spin (500);
  assert_newest_shown (f, "reopened");

  show_page (f, "Debrief");
  show_page (f, "Capture");
  assert_newest_shown (f, "back from the debrief");

  /* The wheel scrolls up: the newest line leaves the view; and down
   * again. */
  rows = timeline_rows (f);
  last = g_ptr_array_index (rows, rows->len - 1);
  x_wheel (timeline_scroller (f), -8);
  g_assert_cmpint (row_place (f, last), ==, 1);
  x_wheel (timeline_scroller (f), 30);
  g_assert_cmpint (row_place (f, last), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A line added, typed at the keyboard. */
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_CONTROL_MASK);
  x_type (GTK_WIDGET (f->window), "t asks how do you know");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  cb_ui_spin (300);
  assert_newest_shown (f, "added");

  /* The lesson ended. */
  x_press (GTK_WIDGET (f->window), XK_space, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  cb_ui_spin (300);
  g_assert_cmpint (clock_state (f, a), ==, CB_CLOCK_STOPPED);
  assert_newest_shown (f, "ended");
  x_wheel (timeline_scroller (f), -8);
  rows = timeline_rows (f);
  g_assert_cmpint (row_place (f, g_ptr_array_index (rows, rows->len - 1)), ==, 1);
  x_wheel (timeline_scroller (f), 30);
  g_assert_cmpint (row_place (f, g_ptr_array_index (rows, rows->len - 1)), ==, 0);
}

/* The clock */

/* Ctrl+Space on a lesson that ended months ago asks before it restarts
 * the clock; Cancel leaves it ended, Resume runs it. */
static void
test_ended_lesson_asks (Fixture       *f,
                        gconstpointer  data)
{
  const char *names[] = { "date", "clock", "start_time", "end_time" };
  const char *values[] = { "2026-03-10", "stopped;2700000;0", "09:05", "09:50" };
  g_autofree char *obs = cb_store_create (f->store, "observation", names, values, 4, NULL);
  AdwMessageDialog *dialog;

  g_assert_nonnull (obs);
  g_assert_true (cb_window_open_record (f->window, obs));
  cb_ui_spin (300);
  x_press (GTK_WIDGET (f->window), XK_space, GDK_CONTROL_MASK);
  g_assert_cmpint (clock_state (f, obs), ==, CB_CLOCK_STOPPED);
  dialog = ADW_MESSAGE_DIALOG (cb_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2026-03-10"));
  cb_ui_save_png (GTK_WIDGET (dialog), "resume-question-test.png");
  /* Escape is Cancel. */
  x_press (GTK_WIDGET (dialog), XK_Escape, 0);
  cb_ui_spin (200);
  g_assert_null (cb_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (clock_state (f, obs), ==, CB_CLOCK_STOPPED);

  x_focus_window (GTK_WINDOW (f->window));
  x_press (GTK_WIDGET (f->window), XK_space, GDK_CONTROL_MASK);
  dialog = ADW_MESSAGE_DIALOG (cb_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "resume");
  cb_ui_drain ();
  g_assert_cmpint (clock_state (f, obs), ==, CB_CLOCK_RUNNING);
}

/* After a crash the window opens the lesson that was running, not
 * Today alone; a lesson that ended or paused is left closed. */
static void
test_running_lesson_reopens (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *clock = g_strdup_printf ("running;60000;%" G_GINT64_FORMAT,
                                            g_get_real_time () / 1000 - 300000);
  g_autofree char *ended = create_observation (f->store, "stopped;2700000;0", 2);
  g_autofree char *running = create_observation (f->store, clock, 3);
  g_autofree char *paused = create_observation (f->store, "paused;60000;0", 1);

  /* The crash: the window goes without closing, its clock left running. */
  cb_ui_stop_app (f->app);
  fixture_start (f);
  cb_ui_spin (300);
  g_assert_cmpstr (cb_window_get_current_uuid (f->window), ==, running);
  g_assert_cmpstr (cb_observation_editor_get_uuid (f->editor), ==, running);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->editor)));
  g_assert_cmpint (clock_state (f, running), ==, CB_CLOCK_RUNNING);
  g_assert_cmpuint (cb_observation_editor_get_n_lines (f->editor), ==, 3);
  /* And the capture keys reach it at once. */
  x_type (GTK_WIDGET (f->window), "back after the crash");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  {
    g_autoptr(GPtrArray) lines = lines_of (f, running);
    g_assert_cmpuint (lines->len, ==, 4);
  }

  /* Nothing running: Today alone. */
  g_assert_true (cb_store_set (f->store, running, "clock", "stopped;400000;0", NULL));
  cb_ui_stop_app (f->app);
  fixture_start (f);
  cb_ui_spin (300);
  g_assert_null (cb_window_get_current_uuid (f->window));
}

/* The real thing: a child process starts the lesson and types a line
 * on the X keyboard, then dies by SIGKILL; the app started again opens
 * that lesson, its clock running, its line kept. */
static void
test_crash_reopens_lesson (void)
{
  g_autofree char *db = cb_ui_test_path ("crash.db");
  g_autofree char *obs = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CbApplication *app;
  CbWindow *window;
  CbStore *store;
  CbClock clock;

  if (g_test_subprocess ())
    {
      app = cb_ui_start_app (db);
      window = cb_ui_app_window (app);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      cb_ui_spin (300);
      x_focus_window (GTK_WINDOW (window));
      g_assert_true (cb_window_open_record (window, g_getenv ("CB_CRASH_OBSERVATION")));
      cb_ui_spin (200);
      x_press (GTK_WIDGET (window), XK_space, GDK_CONTROL_MASK);
      x_press (GTK_WIDGET (window), XK_Return, GDK_CONTROL_MASK);
      x_type (GTK_WIDGET (window), "s5 uses a number line");
      x_press (GTK_WIDGET (window), XK_Return, 0);
      raise (SIGKILL);
      g_assert_not_reached ();
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CbStore) setup = cb_store_open (db, &error);

    g_assert_no_error (error);
    obs = create_observation (setup, NULL, 0);
  }
  g_setenv ("CB_CRASH_OBSERVATION", obs, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  app = cb_ui_start_app (db);
  window = cb_ui_app_window (app);
  store = cb_application_get_store (app);
  cb_ui_spin (300);
  g_assert_cmpstr (cb_window_get_current_uuid (window), ==, obs);
  g_assert_cmpstr (cb_observation_editor_get_uuid (CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"))),
                   ==, obs);
  {
    g_autoptr(CbRecord) record = cb_ui_get_record (store, obs);

    g_assert_true (cb_clock_parse (cb_record_get (record, "clock"), &clock));
    g_assert_cmpint (clock.state, ==, CB_CLOCK_RUNNING);
  }
  lines = cb_ui_children (store, "evidence", obs);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (cb_record_get (g_ptr_array_index (lines, 0), "text"), ==, "s5 uses a number line");
  cb_ui_stop_app (app);
}

/* Capture focus */

/* F9 gives the lesson the window: at 1280×800 at least 12 timeline
 * lines show, with the tag buttons and the tallies; the capture line
 * grows with Shift+Enter and Enter adds the line. F9 again gives the
 * sidebar and list back. */
static void
test_focus_mode (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *obs = create_observation (f->store, NULL, 30);
  g_autoptr(GPtrArray) look_fors = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *focus = NULL;
  CbFilter filter = { 0 };
  GtkWidget *sidebar = cb_window_get_child (f->window, "sidebar_pane");
  GtkWidget *list = cb_window_get_child (f->window, "list_pane");
  GtkWidget *capture;
  guint before, after;
  int one_line;

  filter.kind = "look_for";
  look_fors = cb_store_list (f->store, &filter, 2, NULL);
  g_assert_cmpuint (look_fors->len, ==, 2);
  focus = g_strjoin (" ", cb_record_get_uuid (g_ptr_array_index (look_fors, 0)),
                     cb_record_get_uuid (g_ptr_array_index (look_fors, 1)), NULL);
  g_assert_true (cb_store_set (f->store, obs, "focus", focus, NULL));
  g_assert_true (cb_window_open_record (f->window, obs));
  cb_ui_spin (500);
  assert_newest_shown (f, "before focus");
  before = rows_shown (f);

  x_press (GTK_WIDGET (f->window), XK_F9, 0);
  cb_ui_spin (500);
  g_assert_false (gtk_widget_get_visible (sidebar));
  g_assert_false (gtk_widget_get_visible (list));
  assert_newest_shown (f, "in focus");
  after = rows_shown (f);
  g_test_message ("timeline lines shown at 1280×800: %u, in capture focus %u", before, after);
  cb_ui_save_png (GTK_WIDGET (f->window), "focus-mode-lines.png");
  g_assert_cmpuint (after, >=, 12);

  /* The tag buttons: the first tags the newest line. */
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_CONTROL_MASK);
  capture = cb_ui_focus_of (GTK_WIDGET (f->window));
  g_assert_true (GTK_IS_TEXT_VIEW (capture));
  one_line = gtk_widget_get_height (capture);
  x_type (GTK_WIDGET (f->window), "t asks");
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_SHIFT_MASK);
  x_type (GTK_WIDGET (f->window), "how do you know");
  x_press (GTK_WIDGET (f->window), XK_Return, GDK_SHIFT_MASK);
  x_type (GTK_WIDGET (f->window), "each part is the same");
  cb_ui_spin (200);
  g_test_message ("capture line: %d px for one line, %d for three", one_line, gtk_widget_get_height (capture));
  cb_ui_save_png (GTK_WIDGET (f->window), "focus-mode-test.png");
  g_assert_cmpint (gtk_widget_get_height (capture), >, one_line);
  cb_ui_save_png (GTK_WIDGET (f->window), "focus-mode-test.png");
  x_press (GTK_WIDGET (f->window), XK_Return, 0);
  lines = lines_of (f, obs);
  g_assert_cmpuint (lines->len, ==, 31);
  {
    gboolean found = FALSE;
    for (guint i = 0; i < lines->len; i++)
      found |= g_strcmp0 (cb_record_get (g_ptr_array_index (lines, i), "text"),
                          "t asks\nhow do you know\neach part is the same") == 0;
    g_assert_true (found);
  }
  {
    g_autofree char *left = cb_ui_text_of (capture);
    g_assert_cmpstr (left, ==, "");
  }
  cb_ui_spin (200);
  g_assert_cmpint (gtk_widget_get_height (capture), ==, one_line);

  /* F9 again: the panes come back. */
  x_press (GTK_WIDGET (f->window), XK_F9, 0);
  g_assert_true (gtk_widget_get_visible (sidebar));
  g_assert_true (gtk_widget_get_visible (list));
}

/* Screenshots */

/* A lesson as a coach has it half-way: a teacher, two focus
 * look-fors, tagged lines, and one candid line made private. */
static char *
make_screenshot_lesson (CbStore *store)
{
  static const char * const texts[] = {
    "Launch: share 3 pizzas among 4 friends; T reads the task twice",
    "Students start in pairs; most draw circles",
    "S1: \"I cut each pizza in fourths\"",
    "T to pair 3: \"so what do you get if you double it?\"",
    "S4 explains 3/4 to the class using her drawing",
    "T asks: \"how do you know each part is the same?\"",
    "Two students compare a bar model and circles",
    "S6: \"it's like 3 divided by 4\"",
    "T writes 3 ÷ 4 = 3/4 on the board",
    "Turn and talk: when is a fraction a division?",
    "Exit ticket: 2 pizzas among 3",
    "Most finish; 5 students still draw wholes",
    "Funneling toward doubling; the pair stops thinking",
    "T closes with the learning goal",
  };
  g_autofree char *today = today_iso ();
  g_autoptr(GPtrArray) look_fors = NULL;
  CbFilter filter = { 0 };
  const char *pn[] = { "name", "role" };
  const char *pv[] = { "Ana García", "teacher" };
  g_autofree char *teacher = cb_store_create (store, "person", pn, pv, 2, NULL);
  g_autofree char *focus = NULL;
  g_autofree char *clock = g_strdup_printf ("running;0;%" G_GINT64_FORMAT, g_get_real_time () / 1000 - 1710000);
  char *obs;

  filter.kind = "look_for";
  look_fors = cb_store_list (store, &filter, 2, NULL);
  focus = g_strjoin (" ", cb_record_get_uuid (g_ptr_array_index (look_fors, 0)),
                     cb_record_get_uuid (g_ptr_array_index (look_fors, 1)), NULL);
  {
    const char *on[] = { "date", "teacher", "lesson", "grade", "focus", "clock", "start_time" };
    const char *ov[] = { today, teacher, "Fractions as division", "5", focus, clock, "09:05" };
    obs = cb_store_create (store, "observation", on, ov, G_N_ELEMENTS (on), NULL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *offset = g_strdup_printf ("%u", 30 + i * 120);
      const char *tags = i == 3 || i == 6 ? cb_record_get_uuid (g_ptr_array_index (look_fors, 0))
                       : i == 5 || i == 8 ? cb_record_get_uuid (g_ptr_array_index (look_fors, 1)) : "";
      const char *ln[] = { "observation", "offset", "type", "text", "tags", "privacy" };
      const char *lv[] = { obs, offset, "note", texts[i], tags, i == 12 ? "private" : "team" };
      g_autofree char *line = cb_store_create (store, "evidence", ln, lv, G_N_ELEMENTS (ln), NULL);

      g_assert_nonnull (line);
    }
  return obs;
}

static void
shoot_focus (CbApplication *app,
             const char    *obs,
             int            width,
             int            height,
             const char    *suffix)
{
  CbWindow *window = cb_application_new_window (app);
  CbObservationEditor *editor = CB_OBSERVATION_EDITOR (cb_window_get_child (window, "observation_editor"));
  g_autofree char *name = g_strdup_printf ("capture-focus-%s.png", suffix);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cb_ui_spin (300);
  g_assert_true (cb_window_open_record (window, obs));
  cb_ui_spin (300);
  cb_observation_editor_set_focus_mode (editor, TRUE);
  cb_ui_spin (600);
  cb_ui_save_png (GTK_WIDGET (window), name);
  if (gtk_widget_get_width (GTK_WIDGET (window)) > width)
    {
      g_test_message ("screenshot %s: %d px wide, not %d", name, gtk_widget_get_width (GTK_WIDGET (window)), width);
      g_test_fail ();
    }
  cb_ui_close_window (window);
}

/* Capture focus with a private line, at 1280×800 and 360×720, light
 * and dark, in English and (in a child process) Spanish. */
static void
test_screenshots (void)
{
  const char *language = g_getenv ("CB_TEST_LANGUAGE");
  const char *lang = language != NULL ? "-es" : "";
  AdwStyleManager *style;
  g_autofree char *db = NULL;
  g_autofree char *obs = NULL;
  CbApplication *app;

  if (g_getenv ("CB_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set CB_SCREENSHOT_DIR to write screenshots");
      return;
    }
  db = cb_ui_test_path (language != NULL ? "shots-es.db" : "shots.db");
  app = cb_ui_start_app (db);
  obs = make_screenshot_lesson (cb_application_get_store (app));
  style = adw_style_manager_get_default ();
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *wide = g_strdup_printf ("1280x800%s%s", dark ? "-dark" : "", lang);
      g_autofree char *narrow = g_strdup_printf ("360x720%s%s", dark ? "-dark" : "", lang);

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      shoot_focus (app, obs, 1280, 800, wide);
      shoot_focus (app, obs, 360, 720, narrow);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  cb_ui_stop_app (app);
  if (language == NULL)
    {
      g_setenv ("CB_TEST_LANGUAGE", "es", TRUE);
      g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("CB_TEST_LANGUAGE");
      g_test_trap_assert_passed ();
    }
}

int
main (int   argc,
      char *argv[])
{
  cb_ui_test_init (&argc, &argv);

  g_test_add ("/ui/capture/keys-from-any-focus", Fixture, NULL,
              fixture_set_up, test_keys_from_any_focus, fixture_tear_down);
  g_test_add ("/ui/capture/every-key-from-sidebar", Fixture, NULL,
              fixture_set_up, test_every_capture_key_from_sidebar, fixture_tear_down);
  g_test_add ("/ui/capture/typed-text-kept", Fixture, NULL,
              fixture_set_up, test_typed_text_kept, fixture_tear_down);
  g_test_add ("/ui/capture/new-record-focus", Fixture, NULL,
              fixture_set_up, test_new_record_focus, fixture_tear_down);
  g_test_add ("/ui/capture/private-line", Fixture, NULL,
              fixture_set_up, test_private_line, fixture_tear_down);
  g_test_add ("/ui/capture/ended-lesson-asks", Fixture, NULL,
              fixture_set_up, test_ended_lesson_asks, fixture_tear_down);
  g_test_add ("/ui/capture/running-lesson-reopens", Fixture, NULL,
              fixture_set_up, test_running_lesson_reopens, fixture_tear_down);
  g_test_add ("/ui/capture/focus-mode", Fixture, NULL,
              fixture_set_up, test_focus_mode, fixture_tear_down);
  g_test_add ("/ui/capture/timeline-scrolls", Fixture, NULL,
              fixture_set_up, test_timeline_scrolls, fixture_tear_down);
  g_test_add_func ("/ui/capture/crash-reopens-lesson", test_crash_reopens_lesson);
  g_test_add_func ("/ui/capture/screenshots", test_screenshots);
  return cb_ui_test_run ();
}
