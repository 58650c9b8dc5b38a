/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

#include "cb-kinds.h"
#include "cb-locale.h"
#include "cb-look-fors.h"
#include "cb-view-logic.h"

#define VALUES(...) ((const char * const[]) { __VA_ARGS__, NULL })

static const CbSectionTool log_tools[] = {
  { N_("Coaching _Day…"), NULL, N_("Co-plan, observation and log for one teacher, linked"),
    "win.coaching-day", NULL },
  { N_("_Totals"), NULL, N_("Coaching time by activity, teacher, school and month"),
    "win.show-view", "log-totals" },
  { NULL, "document-save-as-symbolic", N_("Export the Coaching Log as a Spreadsheet"),
    "win.export-csv", "coaching_log" },
  { NULL }
};

static const CbSectionTool pd_tools[] = {
  { N_("_Calendar"), NULL, N_("PD sessions in a month view"),
    "win.show-view", "pd-calendar" },
  { NULL, "document-save-as-symbolic", N_("Export PD Attendance as a Spreadsheet"),
    "win.export-csv", "attendance" },
  { NULL }
};

static const CbSectionTool action_tools[] = {
  { N_("_Export as Spreadsheet…"), NULL, N_("Export the action items as CSV"),
    "win.export-csv", "action_item" },
  { NULL }
};

/* A new look-for comes last among the coach's own. */
static void
new_look_for (CbStore    *store,
              const char *kind,
              GPtrArray  *names,
              GPtrArray  *values)
{
  g_ptr_array_add (names, g_strdup ("position"));
  g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT,
                                            cb_look_fors_next_position (store, NULL)));
}

/* The sidebar's sections, in its order: what each lists, and the
 * editor its records open in. A section no code names says
 * CB_SECTION_UNNAMED; a section with an editor of its own names the
 * editor's page and type, and the window makes that page from here. */
static const CbSectionInfo rows[] = {
  { CB_SECTION_TODAY, "today", N_("Today"), "x-office-calendar-symbolic",
    NULL, NULL,
    N_("Nothing Today"),
    N_("Observations, co-planning and PD sessions dated today appear here, with action items that are due."),
    NULL,
    "today", NULL, NULL,
    N_("Pick something from Today, or press Ctrl+N to start an observation.") },
  { CB_SECTION_OBSERVATIONS, "observations", N_("Observations"), "view-reveal-symbolic",
    "observation", NULL,
    N_("No Observations Yet"),
    N_("Press Ctrl+N to start an observation: pick the teacher, start the lesson clock and type what you see."),
    N_("New Observation"),
    "list", "observation", "CbObservationEditor",
    N_("Pick a record from the list, or press Ctrl+N to start a new one."),
    .new_values = VALUES ("focus=@setting:default-focus") },
  { CB_SECTION_COPLANS, "coplans", N_("Co-planning"), "document-edit-symbolic",
    "coplan", NULL,
    N_("No Co-plans Yet"),
    N_("Plan a lesson with a teacher: the goal, the task, the strategies and misconceptions you anticipate."),
    N_("New Co-plan"),
    "list", "cycle", "CbCyclePane",
    N_("Pick a record from the list, or press Ctrl+N to start a new one.") },
  { CB_SECTION_LOGS, "logs", N_("Coaching Log"), "view-list-bullet-symbolic",
    "coaching_log", NULL,
    N_("No Coaching Logs Yet"),
    N_("Log each coaching day: who you worked with, the activities and the minutes spent."),
    N_("New Coaching Log"),
    "list", "cycle", "CbCyclePane",
    N_("Pick a record from the list, or press Ctrl+N to start a new one."),
    .tools = log_tools },
  { CB_SECTION_UNNAMED, "cycles", N_("Coaching Cycles"), "view-refresh-symbolic",
    "cycle", NULL,
    N_("No Coaching Cycles Yet"),
    N_("Press Ctrl+N to start a cycle with a teacher: a goal for students, a measure with a baseline and a target, and the look-fors you will work on."),
    N_("New Coaching Cycle"),
    "list", "goal", "CbCycleEditor",
    N_("Pick a record from the list, or press Ctrl+N to start a new one.") },
  { CB_SECTION_UNNAMED, "inquiry", N_("Inquiry Cycles"), "media-playlist-repeat-symbolic",
    "inquiry_cycle", NULL,
    N_("No Inquiry Cycles Yet"),
    N_("Press Ctrl+N to start a team’s Plan-Do-Study-Act cycle: a change idea, predictions, data points and a run chart across the team’s cycles."),
    N_("New Inquiry Cycle"),
    "list", "inquiry", "CbInquiryEditor",
    N_("Pick a record from the list, or press Ctrl+N to start a new one.") },
  { CB_SECTION_PD, "pd", N_("PD Sessions"), "x-office-presentation-symbolic",
    "pd_session", NULL,
    N_("No PD Sessions Yet"),
    N_("Add a professional development session with its date, audience and objectives."),
    N_("New PD Session"),
    "list", "cycle", "CbCyclePane",
    N_("Pick a record from the list, or press Ctrl+N to start a new one."),
    .tools = pd_tools },
  { CB_SECTION_ENGAGEMENTS, "engagements", N_("Engagements"), "emblem-documents-symbolic",
    "engagement", NULL,
    N_("No Engagements Yet"),
    N_("Enter a client’s scope of services — PD days, coaching days, hours — and see what was delivered against it."),
    N_("New Engagement"),
    "list", "cycle", "CbCyclePane",
    N_("Pick a record from the list, or press Ctrl+N to start a new one.") },
  { CB_SECTION_UNNAMED, "meetings", N_("Meetings"), "x-office-address-book-symbolic",
    "meeting", NULL,
    N_("No Meetings Yet"),
    N_("Keep implementation-team and impact-review meetings: the data looked at, barriers and drivers, decisions and who does what by when."),
    N_("New Meeting"),
    "list", "meeting", "CbMeetingEditor",
    N_("Pick a record from the list, or press Ctrl+N to start a new one.") },
  { CB_SECTION_UNNAMED, "rounds", N_("Rounds"), "view-grid-symbolic",
    "rounds_visit", NULL,
    N_("No Rounds Yet"),
    N_("Plan an instructional-rounds visit: a problem of practice, the look-fors, the observers and the classrooms. Notes describe, never judge."),
    N_("New Rounds Visit"),
    "list", "rounds", "CbRoundsEditor",
    N_("Pick a record from the list, or press Ctrl+N to start a new one.") },
  { CB_SECTION_PEOPLE, "people", N_("People & Schools"), "system-users-symbolic",
    "person", "school",
    N_("No People Yet"),
    N_("Add the teachers and leaders you work with, or import a roster from a CSV file."),
    N_("New Person"),
    "list", "record", NULL,
    N_("Pick a record from the list, or press Ctrl+N to start a new one."),
    .new_values = VALUES ("role=teacher") },
  { CB_SECTION_LOOK_FORS, "look-fors", N_("Look-fors"), "emblem-default-symbolic",
    "look_for", NULL,
    N_("No Look-fors"),
    N_("Look-fors are the practices you watch for. Add your own or use the built-in catalogs."),
    N_("New Look-for"),
    "list", "record", NULL,
    N_("Pick a record from the list, or press Ctrl+N to start a new one."),
    .new_record = new_look_for },
  { CB_SECTION_UNNAMED, "walk-forms", N_("Walkthrough Forms"), "view-list-bullet-symbolic",
    "walk_form", NULL,
    N_("No Walkthrough Forms"),
    N_("A walkthrough form is a list of items scored 1 to 4 or yes / no, each tied to a look-for or not. Make your own, or receive your district’s in an exchange file."),
    N_("New Walkthrough Form"),
    "list", "walk-form", "CbWalkFormEditor",
    N_("Pick a record from the list, or press Ctrl+N to start a new one.") },
  { CB_SECTION_ACTIONS, "actions", N_("Action Items"), "task-due-symbolic",
    "action_item", NULL,
    N_("No Action Items"),
    N_("Agree next steps with a teacher and give them a due date: they show up on Today when due."),
    N_("New Action Item"),
    "actions", "record", NULL,
    N_("Pick a record from the list, or press Ctrl+N to start a new one."),
    .new_values = VALUES ("status=open", "due="), .tools = action_tools },
  { CB_SECTION_CONFLICTS, "conflicts", N_("Conflicts"), "view-dual-symbolic",
    NULL, NULL,
    N_("No Conflicts"),
    N_("When you and a colleague change the same thing, both versions are kept and listed here for you to choose."),
    NULL,
    "conflicts", "conflicts", "CbConflictEditor",
    N_("Pick a record to compare its versions and keep the right one.") },
  { CB_SECTION_TRASH, "trash", N_("Trash"), "user-trash-symbolic",
    NULL, NULL,
    N_("Trash Is Empty"),
    N_("Deleted records stay here and can be restored."),
    NULL,
    "list", "record", NULL,
    N_("Pick a deleted record to see it and restore it.") },
};

static CbSectionInfo *sections;
static guint n_sections;

/* The rows, each with its value: a named one its own, the others the
 * values past CB_N_NAMED_SECTIONS in the order they come. */
static const CbSectionInfo *
table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      CbSection next = CB_N_NAMED_SECTIONS;

      n_sections = G_N_ELEMENTS (rows);
      sections = g_new (CbSectionInfo, n_sections);
      for (guint i = 0; i < n_sections; i++)
        {
          sections[i] = rows[i];
          if (rows[i].section == CB_SECTION_UNNAMED)
            sections[i].section = next++;
        }
      g_once_init_leave (&done, 1);
    }
  return sections;
}

/**
 * cb_section_count:
 *
 * Returns: how many sections the sidebar lists
 */
guint
cb_section_count (void)
{
  table ();
  return n_sections;
}

/**
 * cb_section_at:
 * @position: a row of the sidebar, from 0
 *
 * Returns: the section at @position
 */
CbSection
cb_section_at (guint position)
{
  const CbSectionInfo *all = table ();

  g_return_val_if_fail (position < n_sections, CB_SECTION_TODAY);

  return all[position].section;
}

static const CbSectionInfo *
find_section (CbSection section)
{
  const CbSectionInfo *all = table ();

  for (guint i = 0; i < n_sections; i++)
    if (all[i].section == section)
      return &all[i];
  return NULL;
}

/**
 * cb_section_position:
 *
 * Returns: the sidebar row of @section, from 0
 */
guint
cb_section_position (CbSection section)
{
  const CbSectionInfo *info = find_section (section);

  g_return_val_if_fail (info != NULL, 0);

  return info - table ();
}

gboolean
cb_section_is_valid (CbSection section)
{
  return find_section (section) != NULL;
}

const CbSectionInfo *
cb_section_info (CbSection section)
{
  return &table ()[cb_section_position (section)];
}

const CbSectionInfo *
cb_section_lookup (const char *id)
{
  const CbSectionInfo *all = table ();

  for (guint i = 0; i < n_sections; i++)
    if (g_strcmp0 (all[i].id, id) == 0)
      return &all[i];
  return NULL;
}

/**
 * cb_section_for_kind:
 *
 * Returns: the section that lists records of @kind; child kinds belong
 *   to their parent's section.
 */
CbSection
cb_section_for_kind (const char *kind)
{
  static const struct { const char *kind; CbSection section; } extra[] = {
    { "evidence",    CB_SECTION_OBSERVATIONS },
    { "tally",       CB_SECTION_OBSERVATIONS },
    { "segment",     CB_SECTION_LOGS },
    { "agenda_item", CB_SECTION_PD },
    { "attendance",  CB_SECTION_PD },
    { "framework",   CB_SECTION_LOOK_FORS },
    { "monitor",     CB_SECTION_OBSERVATIONS },
    { "exit_question", CB_SECTION_PD },
    { "exit_ticket", CB_SECTION_PD },
    { "exit_answer", CB_SECTION_PD },
  };

  const CbSectionInfo *all = table ();
  const CbKind *info;
  const CbField *parent;

  for (guint i = 0; i < n_sections; i++)
    if (g_strcmp0 (all[i].kind, kind) == 0 ||
        g_strcmp0 (all[i].alt_kind, kind) == 0)
      return all[i].section;
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    if (g_strcmp0 (extra[i].kind, kind) == 0)
      return extra[i].section;
  /* Any other child kind whose parent field names one kind (a cycle's
   * data points) goes where that kind goes. */
  if (kind != NULL && (info = cb_kind_lookup (kind)) != NULL &&
      (parent = cb_kind_parent_field (info)) != NULL &&
      parent->ref_kind != NULL && g_strcmp0 (parent->ref_kind, kind) != 0)
    return cb_section_for_kind (parent->ref_kind);
  return CB_SECTION_TODAY;
}

const char *
cb_section_kind (CbSection section,
                 gboolean  alt)
{
  const CbSectionInfo *info = cb_section_info (section);

  if (alt && info->alt_kind != NULL)
    return info->alt_kind;
  return info->kind;
}

/**
 * cb_kind_editor:
 *
 * Returns: the editor pane's page that edits records of @kind: the
 *   editor of the section that lists the kind, else the generic
 *   "record" editor
 */
const char *
cb_kind_editor (const char *kind)
{
  const CbSectionInfo *all = table ();

  for (guint i = 0; i < n_sections; i++)
    if (kind != NULL && all[i].editor != NULL &&
        (g_strcmp0 (all[i].kind, kind) == 0 || g_strcmp0 (all[i].alt_kind, kind) == 0))
      return all[i].editor;
  return "record";
}

/**
 * cb_editor_type_for_page:
 * @page: an editor pane's page, as a section row names it
 *
 * Returns: (nullable): the type name of the editor the sections table
 *   gives @page, %NULL for the generic editor or an unknown page
 */
const char *
cb_editor_type_for_page (const char *page)
{
  const CbSectionInfo *all = table ();

  for (guint i = 0; i < n_sections; i++)
    if (page != NULL && g_strcmp0 (all[i].editor, page) == 0 && all[i].editor_type != NULL)
      return all[i].editor_type;
  return NULL;
}

/* @names/@values: set @field to @value, in place of a value given before */
static void
set_value (GPtrArray  *names,
           GPtrArray  *values,
           const char *field,
           char       *value)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (names->pdata[i], field) == 0)
      {
        g_ptr_array_remove_index (names, i);
        g_ptr_array_remove_index (values, i);
        break;
      }
  if (value == NULL)
    return;
  g_ptr_array_add (names, g_strdup (field));
  g_ptr_array_add (values, value);
}

/**
 * cb_section_new_values:
 * @info: the section Ctrl+N was pressed in
 * @kind: the kind of the record it makes
 * @settings: (nullable): the application's settings
 * @names: (element-type utf8): field names, freed with g_free()
 * @values: (element-type utf8): their values, freed with g_free()
 *
 * Appends what a new record of @kind made in @info starts with: its
 * sort date (today), then the row's `new_values`, then what its
 * `new_record` computes.
 */
void
cb_section_new_values (const CbSectionInfo *info,
                       const char          *kind,
                       CbStore             *store,
                       GSettings           *settings,
                       GPtrArray           *names,
                       GPtrArray           *values)
{
  const CbKind *kind_info = cb_kind_lookup (kind);
  const CbField *date = kind_info ? cb_kind_sort_field (kind_info) : NULL;

  g_return_if_fail (info != NULL && kind_info != NULL);

  if (date != NULL && date->type == CB_TYPE_DATE)
    set_value (names, values, date->name, cb_today_string ());
  for (guint i = 0; info->new_values != NULL && info->new_values[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (info->new_values[i], "=", 2);
      char *value = NULL;

      if (pair[1] == NULL || cb_kind_field (kind_info, pair[0]) == NULL)
        continue;
      if (g_str_has_prefix (pair[1], "@setting:"))
        {
          g_auto(GStrv) items = settings ? g_settings_get_strv (settings, pair[1] + 9) : NULL;

          if (items != NULL && items[0] != NULL)
            value = g_strjoinv (" ", items);
        }
      else if (pair[1][0] != '\0')
        value = g_strdup (pair[1]);
      set_value (names, values, pair[0], value);
    }
  if (info->new_record != NULL)
    info->new_record (store, kind, names, values);
}

gboolean
cb_section_can_create (CbSection section,
                       gboolean  alt)
{
  return cb_section_kind (section, alt) != NULL;
}

static GDate *
parse_date (const char *date)
{
  int y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return NULL;
  if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * cb_today_string:
 *
 * Returns: (transfer full): today's local date as YYYY-MM-DD
 */
char *
cb_today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * cb_date_add_days:
 *
 * Returns: (transfer full) (nullable): @date moved by @days, or %NULL if
 *   @date is not a date
 */
char *
cb_date_add_days (const char *date,
                  int         days)
{
  GDate *d = parse_date (date);
  char *out;

  if (d == NULL)
    return NULL;
  if (days >= 0)
    g_date_add_days (d, days);
  else
    g_date_subtract_days (d, -days);
  out = format_date (d);
  g_date_free (d);
  return out;
}

/**
 * cb_date_days_between:
 *
 * Returns: days from @from to @to (negative if @to is earlier), or
 *   G_MININT if either is not a date
 */
int
cb_date_days_between (const char *from,
                      const char *to)
{
  GDate *a = parse_date (from);
  GDate *b = parse_date (to);
  int days = G_MININT;

  if (a != NULL && b != NULL)
    days = g_date_days_between (a, b);
  g_clear_pointer (&a, g_date_free);
  g_clear_pointer (&b, g_date_free);
  return days;
}

/**
 * cb_date_label:
 * @date: (nullable): YYYY-MM-DD
 * @today: (nullable): the date to count from; %NULL for the real today
 *
 * Returns: (transfer full): "Today", "Yesterday", "Tomorrow", a weekday
 *   within the last week, else a short date; "" for no date.
 */
char *
cb_date_label (const char *date,
               GDate      *today)
{
  GDate *d = parse_date (date);
  GDate *t = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int diff;
  char *out;

  if (d == NULL)
    return g_strdup (date ? date : "");

  if (today == NULL)
    {
      g_autofree char *s = cb_today_string ();
      t = parse_date (s);
    }
  else
    t = g_date_copy (today);

  diff = g_date_days_between (t, d);
  dt = g_date_time_new_local (g_date_get_year (d), g_date_get_month (d),
                              g_date_get_day (d), 12, 0, 0);

  if (diff == 0)
    out = g_strdup (_("Today"));
  else if (diff == -1)
    out = g_strdup (_("Yesterday"));
  else if (diff == 1)
    out = g_strdup (_("Tomorrow"));
  else if (diff < 0 && diff > -7)
    /* TRANSLATORS: a weekday in the last week, see g_date_time_format() */
    out = cb_date_time_format (dt, _("%A"));
  else if (g_date_get_year (d) == g_date_get_year (t))
    /* TRANSLATORS: a date this year, see g_date_time_format(); e.g. "Mar 3" */
    out = cb_date_time_format (dt, _("%b %-d"));
  else
    /* TRANSLATORS: a date in another year, see g_date_time_format() */
    out = cb_date_time_format (dt, _("%b %-d, %Y"));

  g_date_free (d);
  g_date_free (t);
  return out;
}

/**
 * cb_snippet_to_markup:
 * @snippet: (nullable): text where matched terms are between \x02 and \x03
 *
 * Returns: (transfer full): Pango markup with the text escaped and the
 *   matched terms in bold.
 */
char *
cb_snippet_to_markup (const char *snippet)
{
  GString *out = g_string_new (NULL);
  const char *p = snippet;
  gboolean open = FALSE;

  if (snippet == NULL)
    return g_string_free (out, FALSE);

  while (*p)
    {
      const char *q = p;
      g_autofree char *esc = NULL;

      while (*q && *q != '\x02' && *q != '\x03')
        q++;
      esc = g_markup_escape_text (p, q - p);
      g_string_append (out, esc);
      if (*q == '\x02' && !open)
        {
          g_string_append (out, "<b>");
          open = TRUE;
        }
      else if (*q == '\x03' && open)
        {
          g_string_append (out, "</b>");
          open = FALSE;
        }
      p = *q ? q + 1 : q;
    }
  if (open)
    g_string_append (out, "</b>");

  /* Snippets come from several lines; show them as one. */
  g_strdelimit (out->str, "\n\r\t", ' ');
  return g_string_free (out, FALSE);
}

/**
 * cb_due_bucket:
 * @due: (nullable): the due date
 * @status: (nullable): the action item's status
 * @today: YYYY-MM-DD
 */
CbDueBucket
cb_due_bucket (const char *due,
               const char *status,
               const char *today)
{
  int days;

  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "dropped") == 0)
    return CB_DUE_NONE;
  days = cb_date_days_between (today, due);
  if (days == G_MININT)
    return CB_DUE_NONE;
  if (days < 0)
    return CB_DUE_OVERDUE;
  if (days == 0)
    return CB_DUE_TODAY;
  if (days <= 7)
    return CB_DUE_THIS_WEEK;
  return CB_DUE_LATER;
}

/**
 * cb_due_label:
 *
 * Returns: (transfer full): "Overdue by 3 days", "Due today", ...
 */
char *
cb_due_label (const char *due,
              const char *today)
{
  int days = cb_date_days_between (today, due);

  if (days == G_MININT)
    return g_strdup (_("No due date"));
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                         "Overdue by %d days", -days), -days);
  if (days == 0)
    return g_strdup (_("Due today"));
  if (days == 1)
    return g_strdup (_("Due tomorrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day",
                                       "Due in %d days", days), days);
}

static int
compare_seen (gconstpointer a,
              gconstpointer b)
{
  const CbTeacherSeen *x = *(const CbTeacherSeen * const *) a;
  const CbTeacherSeen *y = *(const CbTeacherSeen * const *) b;
  gboolean xn = x->last_observed == NULL || *x->last_observed == '\0';
  gboolean yn = y->last_observed == NULL || *y->last_observed == '\0';
  int c;

  /* Never observed first, then the longest ago, then by name. */
  if (xn != yn)
    return xn ? -1 : 1;
  if (!xn && (c = strcmp (x->last_observed, y->last_observed)) != 0)
    return c;
  return g_utf8_collate (x->name ? x->name : "", y->name ? y->name : "");
}

/**
 * cb_not_observed:
 * @teachers: (array length=n_teachers): teachers and their newest observation
 * @today: YYYY-MM-DD
 * @days: how long counts as "not observed"
 *
 * Returns: (transfer container) (element-type CbTeacherSeen): pointers
 *   into @teachers for those not observed within @days days, never
 *   observed first, then the longest ago.
 */
GPtrArray *
cb_not_observed (const CbTeacherSeen *teachers,
                 guint                n_teachers,
                 const char          *today,
                 int                  days)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < n_teachers; i++)
    {
      const char *last = teachers[i].last_observed;
      int since;

      if (last == NULL || *last == '\0')
        {
          g_ptr_array_add (out, (gpointer) &teachers[i]);
          continue;
        }
      since = cb_date_days_between (last, today);
      if (since == G_MININT || since >= days)
        g_ptr_array_add (out, (gpointer) &teachers[i]);
    }
  g_ptr_array_sort (out, compare_seen);
  return out;
}

/**
 * cb_not_observed_label:
 *
 * Returns: (transfer full): "Never observed" or "Last observed 34 days ago"
 */
char *
cb_not_observed_label (const char *last_observed,
                       const char *today)
{
  int since = cb_date_days_between (last_observed, today);

  if (since == G_MININT)
    return g_strdup (_("Never observed"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Last observed %d day ago",
                                       "Last observed %d days ago", since),
                          since);
}

/* Dates typed the locale's way */

typedef enum { PART_DAY, PART_MONTH, PART_YEAR } DatePart;

/* The order of day, month and year in the locale's own date format
 * (30/09/2024 in Spain, 09/30/2024 in the United States) and the
 * character between them. FALSE if the locale writes dates in ISO
 * order or some other way. */
static gboolean
locale_date_order (DatePart  order[3],
                   char     *separator)
{
  const char *fmt = nl_langinfo (D_FMT);
  guint n = 0;

  *separator = '/';
  if (fmt == NULL || strcmp (fmt, "%D") == 0)
    fmt = "%m/%d/%y";
  for (const char *p = fmt; *p != '\0' && n < 3; p++)
    {
      if (*p != '%')
        {
          if (n == 1 && !g_ascii_isalnum (*p))
            *separator = *p;
          continue;
        }
      p++;
      while (*p == 'E' || *p == 'O' || *p == '-' || *p == '_' || *p == '0')
        p++;
      switch (*p)
        {
        case 'd': case 'e': order[n++] = PART_DAY; break;
        case 'm': order[n++] = PART_MONTH; break;
        case 'y': case 'Y': case 'C': order[n++] = PART_YEAR; break;
        default: return FALSE;
        }
    }
  return n == 3 && order[0] != PART_YEAR;
}

/**
 * cb_date_from_typed:
 * @text: a date as typed
 *
 * Reads 2024-09-30, and the locale's own way of writing dates with
 * digits (30/09/2024 or 30.9.24 in Spanish, 9/30/2024 in American
 * English); a year of two digits is in this century.
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD, or %NULL
 *   when @text is not a whole, real date
 */
char *
cb_date_from_typed (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  DatePart order[3];
  char separator;
  int values[3] = { 0 }, digits[3] = { 0 };
  int d = 0, m = 0, y = 0;
  guint n = 0;
  const char *p = s;

  if (*s == '\0')
    return NULL;
  /* Three runs of digits, split by one of / . - */
  while (n < 3)
    {
      if (!g_ascii_isdigit (*p))
        return NULL;
      while (g_ascii_isdigit (*p) && digits[n] < 5)
        {
          values[n] = values[n] * 10 + (*p - '0');
          digits[n]++;
          p++;
        }
      n++;
      if (n < 3)
        {
          if (*p != '/' && *p != '.' && *p != '-')
            return NULL;
          p++;
        }
    }
  if (*p != '\0')
    return NULL;

  if (digits[0] == 4)
    {
      /* Year first: ISO, whatever the locale. */
      y = values[0];
      m = values[1];
      d = values[2];
    }
  else
    {
      if (!locale_date_order (order, &separator))
        return NULL;
      for (guint i = 0; i < 3; i++)
        {
          if (order[i] == PART_DAY)
            d = values[i];
          else if (order[i] == PART_MONTH)
            m = values[i];
          else if (digits[i] == 2)
            y = 2000 + values[i];
          else if (digits[i] == 4)
            y = values[i];
          else
            return NULL;
        }
    }
  if (d < 1 || m < 1 || m > 12 || y < 1 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/**
 * cb_date_format_hint:
 *
 * Returns: (transfer full): how to type a date, with an example in
 *   each way that cb_date_from_typed() reads: "Type a date as
 *   2024-09-30 or 30/09/2024"
 */
char *
cb_date_format_hint (void)
{
  DatePart order[3];
  char separator;
  g_autoptr(GString) local = g_string_new (NULL);

  if (!locale_date_order (order, &separator))
    /* TRANSLATORS: how to type a date; keep the example as it is */
    return g_strdup (_("Type a date as 2024-09-30"));
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append_c (local, separator);
      g_string_append (local, order[i] == PART_DAY ? "30" : order[i] == PART_MONTH ? "09" : "2024");
    }
  /* TRANSLATORS: how to type a date; %s is the same date written the
   * way of the coach's language and country, such as 30/09/2024 */
  return g_strdup_printf (_("Type a date as 2024-09-30 or %s"), local->str);
}

/**
 * cb_search_summary:
 * @shown: results listed
 * @total: records matching in all (at least @shown)
 * @more: counting stopped at @total: there are more
 *
 * Returns: (transfer full): the header's line under "Search": "12
 *   results", or for a capped list "First 200 of 3,412"
 */
char *
cb_search_summary (guint    shown,
                   guint    total,
                   gboolean more)
{
  g_autofree char *n = NULL;

  if (total <= shown && !more)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", shown), shown);
  n = cb_format_count (total);
  if (more)
    /* TRANSLATORS: a capped list of search results, "First 200 of more than 10,000" */
    return g_strdup_printf (_("First %u of more than %s"), shown, n);
  /* TRANSLATORS: a capped list of search results, "First 200 of 3,412" */
  return g_strdup_printf (_("First %u of %s"), shown, n);
}
