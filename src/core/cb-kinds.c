/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one declarative table of record kinds. The SQL schema and its
 * migrations, reads and writes, search indexing, the exchange format
 * and the merge are all driven from it: adding a field is one line here
 * with its `since` (the next schema version: the highest `since` + 1).
 * The migration step is generated from it (cb_store_migration_sql()),
 * and the schema version follows (cb_schema_version()). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cb-image.h"
#include "cb-kinds.h"
#include "cb-store-error.h"
#include "cb-versions.h"

#define S  CB_FIELD_SEARCH
#define P  CB_FIELD_PRIVATE
#define T  CB_FIELD_TITLE
#define D  CB_FIELD_SORT
#define PA CB_FIELD_PARENT
#define O  CB_FIELD_ORDER
#define R  CB_FIELD_ROSTER
#define RQ CB_FIELD_REQUIRED
#define V  CB_FIELD_OWN_VIEW
#define SO CB_FIELD_SHARED_ONLY

const CbChoice cb_privacy_choices[] = {
  { "private", N_("Private (this laptop only)"), NULL },
  { "team", N_("Team (shared with colleagues)"), NULL },
  { "teacher", N_("Teacher (also in the teacher's packet)"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice bool_choices[] = {
  { NULL, NULL, NULL }
};
static const CbChoice role_choices[] = {
  { "teacher", N_("Teacher"), NULL },
  { "coach", N_("Coach"), NULL },
  { "site_leader", N_("Site leader"), NULL },
  { "principal", N_("Principal"), NULL },
  { "district_leader", N_("District leader"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice evidence_type_choices[] = {
  { "note", N_("Note"), NULL },
  { "phase", N_("Phase"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice phase_choices[] = {
  { "launch", N_("Launch"), NULL },
  { "explore", N_("Explore"), NULL },
  { "discuss", N_("Discuss"), NULL },
  { "synthesize", N_("Synthesize"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice activity_choices[] = {
  { "coplanning", N_("Co-planning"), NULL },
  { "observation", N_("Observation"), NULL },
  { "debrief", N_("Debrief"), NULL },
  { "modeling", N_("Modeling"), NULL },
  { "coteaching", N_("Co-teaching"), NULL },
  { "plc", N_("PLC"), NULL },
  { "rounds", N_("Instructional rounds"), NULL },
  { "data_cycle", N_("Data cycle"), NULL },
  { "planning", N_("Planning"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice status_choices[] = {
  { "open", NC_("action item status", "Open"), "action item status" },
  { "in_progress", N_("In progress"), NULL },
  { "done", N_("Done"), NULL },
  { "dropped", N_("Dropped"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice format_choices[] = {
  { "in_person", N_("In person"), NULL },
  { "virtual", N_("Virtual"), NULL },
  { "hybrid", N_("Hybrid"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice audience_choices[] = {
  { "all_teachers", N_("All teachers"), NULL },
  { "math_teachers", N_("Math teachers"), NULL },
  { "leaders", N_("Leaders"), NULL },
  { "mixed", N_("Mixed"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice log_mode_choices[] = {
  { "one_on_one", N_("One-on-one"), NULL },
  { "group", N_("Group"), NULL },
  { "support", N_("Support time"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice question_type_choices[] = {
  { "scale", N_("Scale of 1 to 5"), NULL },
  { "free_text", N_("Open answer"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice guskey_choices[] = {
  { "reaction", N_("Reaction"), NULL },
  { "learning", N_("Learning"), NULL },
  { "use", N_("Use"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice meeting_type_choices[] = {
  { "implementation_team", N_("Implementation team"), NULL },
  { "impact_review", N_("Impact review"), NULL },
  { "leadership", N_("Leadership team"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice cycle_status_choices[] = {
  { "open", NC_("coaching cycle status", "Open"), "coaching cycle status" },
  { "met", N_("Goal met"), NULL },
  { "not_met", N_("Goal not met"), NULL },
  { "dropped", N_("Dropped"), NULL },
  { NULL, NULL, NULL }
};

static const CbChoice inquiry_status_choices[] = {
  { "open", NC_("inquiry cycle status", "Open"), "inquiry cycle status" },
  { "done", N_("Done"), NULL },
  { "dropped", N_("Dropped"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice act_choices[] = {
  { "adopt", N_("Adopt"), NULL },
  { "adapt", N_("Adapt"), NULL },
  { "abandon", N_("Abandon"), NULL },
  { NULL, NULL, NULL }
};

/* How a walkthrough form's item is scored. */
static const CbChoice walk_scale_choices[] = {
  { "levels", N_("1 to 4, with level descriptions"), NULL },
  { "yes_no", N_("Yes, no or not observed"), NULL },
  { NULL, NULL, NULL }
};
static const CbChoice walk_score_choices[] = {
  { "1", "1", NULL },
  { "2", "2", NULL },
  { "3", "3", NULL },
  { "4", "4", NULL },
  { "yes", NC_("walkthrough score", "Yes"), "walkthrough score" },
  { "no", NC_("walkthrough score", "No"), "walkthrough score" },
  { "not_observed", N_("Not observed"), NULL },
  { NULL, NULL, NULL }
};

static const CbField common_fields[] = {
  { CB_FIELD_PRIVACY, CB_TYPE_ENUM, 0, NULL, cb_privacy_choices, 1, N_("Privacy") },
  { CB_FIELD_DELETED, CB_TYPE_BOOL, 0, NULL, bool_choices, 1, N_("Deleted") },
};

static const CbField school_fields[] = {
  { "name",     CB_TYPE_TEXT,     S | T, NULL, NULL, 1, N_("Name") },
  { "district", CB_TYPE_TEXT,     S,     NULL, NULL, 1, N_("District") },
  { "address",  CB_TYPE_TEXT,     S,     NULL, NULL, 1, N_("Address") },
  { "grades",   CB_TYPE_TEXT,     S,     NULL, NULL, 1, N_("Grades") },
  { "notes",    CB_TYPE_LONGTEXT, S,     NULL, NULL, 1, N_("Notes") },
};

/* The other titles a roster (a school office's spreadsheet, English
 * or Spanish) gives a person's columns; the name and the label, English
 * or translated, are always read too. */
static const char * const name_titles[] = {
  "nombre", "full name", "nombre completo", "teacher", "docente", NULL
};
static const char * const role_titles[] = { "rol", "position", "cargo", "puesto", NULL };
static const char * const school_titles[] = { "escuela", "site", "campus", "colegio", NULL };
static const char * const grades_titles[] = { "grade", "grado", "grados", NULL };
static const char * const subjects_titles[] = {
  "subject", "materia", "materias", "asignatura", NULL
};
static const char * const email_titles[] = {
  "e-mail", "email address", "correo", "correo electrónico", NULL
};
static const char * const notes_titles[] = { "notes", "notas", NULL };

/* R: a roster column, in this order when the file has no titles. */
static const CbField person_fields[] = {
  { "name",          CB_TYPE_TEXT,     S | T | R | RQ, NULL, NULL, 1, N_("Name"), name_titles },
  { "role",          CB_TYPE_ENUM,     R,     NULL,     role_choices, 1, N_("Role"), role_titles },
  { "school",        CB_TYPE_REF,      R,     "school", NULL,         1, N_("School"), school_titles },
  { "grades",        CB_TYPE_TEXT,     S | R, NULL,     NULL,         1, N_("Grades"), grades_titles },
  { "subjects",      CB_TYPE_TEXT,     S | R, NULL,     NULL,         1, N_("Subjects"), subjects_titles },
  { "email",         CB_TYPE_TEXT,     S | R, NULL,     NULL,         2, N_("Email"), email_titles },
  { "private_notes", CB_TYPE_LONGTEXT, S | P | R, NULL, NULL,         1, N_("Private notes"), notes_titles },
};

static const CbField engagement_fields[] = {
  { "name",                  CB_TYPE_TEXT,     S | T, NULL,     NULL, 1, N_("Name") },
  { "client",                CB_TYPE_TEXT,     S,     NULL,     NULL, 1, N_("Client") },
  { "schools",               CB_TYPE_REFS,     0,     "school", NULL, 1, N_("Schools") },
  { "school_year",           CB_TYPE_TEXT,     S,     NULL,     NULL, 1, N_("School year") },
  { "start_date",            CB_TYPE_DATE,     D,     NULL,     NULL, 1, N_("Start date") },
  { "end_date",              CB_TYPE_DATE,     0,     NULL,     NULL, 1, N_("End date") },
  { "teachers_served",       CB_TYPE_INT,      0,     NULL,     NULL, 1, N_("Teachers served") },
  { "planned_launch_days",   CB_TYPE_INT,      0,     NULL,     NULL, 1, N_("Planned launch PD days") },
  { "planned_pd_days",       CB_TYPE_INT,      0,     NULL,     NULL, 1, N_("Planned PD days") },
  { "planned_coaching_days", CB_TYPE_INT,      0,     NULL,     NULL, 1, N_("Planned coaching days") },
  { "planned_hours",         CB_TYPE_NUMBER,   0,     NULL,     NULL, 1, N_("Planned hours") },
  { "coaches_per_day",       CB_TYPE_INT,      0,     NULL,     NULL, 5, N_("Coaches per coaching day") },
  { "notes",                 CB_TYPE_LONGTEXT, S,     NULL,     NULL, 1, N_("Notes") },
};

static const CbField observation_fields[] = {
  { "lesson",              CB_TYPE_TEXT,     S | T, NULL,       NULL, 1, N_("Lesson") },
  { "teacher",             CB_TYPE_REF,      0,     "person",   NULL, 1, N_("Teacher") },
  { "school",              CB_TYPE_REF,      0,     "school",   NULL, 1, N_("School") },
  { "date",                CB_TYPE_DATE,     D,     NULL,       NULL, 1, N_("Date") },
  { "start_time",          CB_TYPE_TIME,     0,     NULL,       NULL, 1, N_("Start") },
  { "end_time",            CB_TYPE_TIME,     0,     NULL,       NULL, 1, N_("End") },
  { "grade",               CB_TYPE_TEXT,     S,     NULL,       NULL, 1, N_("Grade") },
  { "class_period",        CB_TYPE_TEXT,     S,     NULL,       NULL, 1, N_("Class or period") },
  { "focus",               CB_TYPE_REFS,     0,     "look_for", NULL, 1, N_("Focus look-fors") },
  { "strengths",           CB_TYPE_LONGTEXT, S,     NULL,       NULL, 1, N_("Strengths") },
  { "wonderings",          CB_TYPE_LONGTEXT, S,     NULL,       NULL, 1, N_("Wonderings") },
  { "next_steps",          CB_TYPE_LONGTEXT, S,     NULL,       NULL, 1, N_("Next steps") },
  { "shared_with_teacher", CB_TYPE_BOOL,     0,     NULL,       NULL, 1, N_("Shared with teacher") },
  { "coplan",              CB_TYPE_REF,      0,     "coplan",   NULL, 1, N_("Co-plan") },
  { "engagement",          CB_TYPE_REF,      0,     "engagement", NULL, 1, N_("Engagement") },
  { "clock",               CB_TYPE_DATA,     0,     NULL,       NULL, 1, N_("Lesson clock") },
  /* Segments labelled from a recording (cb-talk.h): labels, never sound. */
  { "talk_estimate",       CB_TYPE_DATA,     0,     NULL,       NULL, 7, N_("Talk estimate") },
  { "private_notes",       CB_TYPE_LONGTEXT, S | P, NULL,       NULL, 1, N_("Private notes") },
  { "cycle",               CB_TYPE_REF,      0,     "cycle",    NULL, 9, N_("Coaching cycle") },
  /* the team's look at the record's student work (describe → interpret
   * → implications for teaching), written on its Look at Student Work
   * page */
  { "work_describe",     CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: what we see") },
  { "work_interpret",    CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: what it tells us") },
  { "work_implications", CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: implications for teaching") },
  { "walk_form",           CB_TYPE_REF,      0,     "walk_form", NULL, 15, N_("Walkthrough form") },
};

static const CbField evidence_fields[] = {
  { "observation", CB_TYPE_REF,      PA,    "observation", NULL,                  1, N_("Observation") },
  { "offset",      CB_TYPE_INT,      O,     NULL,          NULL,                  1, N_("Time from start (seconds)") },
  { "type",        CB_TYPE_ENUM,     0,     NULL,          evidence_type_choices, 1, N_("Type") },
  { "text",        CB_TYPE_LONGTEXT, S | T, NULL,          NULL,                  1, N_("Evidence") },
  { "tags",        CB_TYPE_REFS,     0,     "look_for",    NULL,                  1, N_("Look-fors") },
  { "phase",       CB_TYPE_ENUM,     0,     NULL,          phase_choices,         1, N_("Lesson phase") },
};

static const CbField tally_fields[] = {
  { "observation", CB_TYPE_REF,  PA,    "observation", NULL, 1, N_("Observation") },
  { "name",        CB_TYPE_TEXT, S | T, NULL,          NULL, 1, N_("Counter") },
  { "label",       CB_TYPE_TEXT, S,     NULL,          NULL, 1, N_("Label") },
  { "position",    CB_TYPE_INT,  O,     NULL,          NULL, 1, N_("Position") },
  { "count",       CB_TYPE_INT,  0,     NULL,          NULL, 1, N_("Count") },
  { "seconds",     CB_TYPE_INT,  0,     NULL,          NULL, 1, N_("Seconds") },
  { "marks",       CB_TYPE_DATA, 0,     NULL,          NULL, 1, N_("Times counted (seconds)") },
};

static const CbField coplan_fields[] = {
  { "lesson",              CB_TYPE_TEXT,     S | T, NULL,          NULL, 1, N_("Lesson") },
  { "teachers",            CB_TYPE_REFS,     0,     "person",      NULL, 1, N_("Teachers") },
  { "school",              CB_TYPE_REF,      0,     "school",      NULL, 1, N_("School") },
  { "date",                CB_TYPE_DATE,     D,     NULL,          NULL, 1, N_("Date") },
  { "learning_goal",       CB_TYPE_LONGTEXT, S,     NULL,          NULL, 1, N_("Learning goal") },
  { "task",                CB_TYPE_LONGTEXT, S,     NULL,          NULL, 1, N_("Task") },
  { "strategies",          CB_TYPE_LIST,     S,     NULL,          NULL, 1, N_("Anticipated strategies") },
  { "misconceptions",      CB_TYPE_LIST,     S,     NULL,          NULL, 1, N_("Anticipated misconceptions") },
  { "assessing_questions", CB_TYPE_LIST,     S,     NULL,          NULL, 1, N_("Assessing questions") },
  { "advancing_questions", CB_TYPE_LIST,     S,     NULL,          NULL, 1, N_("Advancing questions") },
  { "look_fors",           CB_TYPE_REFS,     0,     "look_for",    NULL, 1, N_("Look-fors to watch") },
  { "observation",         CB_TYPE_REF,      0,     "observation", NULL, 1, N_("Observation") },
  { "notes",               CB_TYPE_LONGTEXT, S,     NULL,          NULL, 1, N_("Notes") },
  { "private_notes",       CB_TYPE_LONGTEXT, S | P, NULL,          NULL, 1, N_("Private notes") },
  { "cycle",               CB_TYPE_REF,      0,     "cycle",       NULL, 9, N_("Coaching cycle") },
};

static const CbField coaching_log_fields[] = {
  { "summary",       CB_TYPE_TEXT,     S | T, NULL,          NULL,             1, N_("Summary") },
  { "date",          CB_TYPE_DATE,     D,     NULL,          NULL,             1, N_("Date") },
  { "teachers",      CB_TYPE_REFS,     0,     "person",      NULL,             1, N_("Teachers") },
  { "group_name",    CB_TYPE_TEXT,     S,     NULL,          NULL,             1, N_("Group") },
  { "mode",          CB_TYPE_ENUM,     0,     NULL,          log_mode_choices, 1, N_("Kind of support") },
  { "school",        CB_TYPE_REF,      0,     "school",      NULL,             1, N_("School") },
  { "engagement",    CB_TYPE_REF,      0,     "engagement",  NULL,             1, N_("Engagement") },
  { "time_in",       CB_TYPE_TIME,     0,     NULL,          NULL,             1, N_("Time in") },
  { "time_out",      CB_TYPE_TIME,     0,     NULL,          NULL,             1, N_("Time out") },
  { "coaches",       CB_TYPE_INT,      0,     NULL,          NULL,             5, N_("Coaches on the day") },
  { "focus",         CB_TYPE_REFS,     0,     "look_for",    NULL,             1, N_("Focus look-fors") },
  { "coplan",        CB_TYPE_REF,      0,     "coplan",      NULL,             1, N_("Co-plan") },
  { "observation",   CB_TYPE_REF,      0,     "observation", NULL,             1, N_("Observation") },
  { "notes",         CB_TYPE_LONGTEXT, S,     NULL,          NULL,             1, N_("Notes") },
  { "next_plan",     CB_TYPE_LONGTEXT, S,     NULL,          NULL,             1, N_("Next session plan") },
  { "private_notes", CB_TYPE_LONGTEXT, S | P, NULL,          NULL,             1, N_("Private notes") },
  { "cycle",         CB_TYPE_REF,      0,     "cycle",       NULL,             9, N_("Coaching cycle") },
  /* the team's look at the record's student work (describe → interpret
   * → implications for teaching), written on its Look at Student Work
   * page */
  { "work_describe",     CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: what we see") },
  { "work_interpret",    CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: what it tells us") },
  { "work_implications", CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: implications for teaching") },
  { "inquiry",       CB_TYPE_REF,      0,     "inquiry_cycle", NULL,           13, N_("Inquiry cycle") },
};

static const CbField segment_fields[] = {
  { "log",      CB_TYPE_REF,  PA, "coaching_log", NULL,             1, N_("Coaching log") },
  { "position", CB_TYPE_INT,  O,  NULL,           NULL,             1, N_("Position") },
  { "activity", CB_TYPE_ENUM, T,  NULL,           activity_choices, 1, N_("Activity") },
  { "minutes",  CB_TYPE_INT,  0,  NULL,           NULL,             1, N_("Minutes") },
  { "note",     CB_TYPE_TEXT, S,  NULL,           NULL,             1, N_("Note") },
};

static const CbField action_item_fields[] = {
  { "text",       CB_TYPE_LONGTEXT, S | T, NULL,     NULL,           1, N_("Action") },
  { "owner",      CB_TYPE_REF,      0,     "person", NULL,           1, N_("Owner") },
  { "due",        CB_TYPE_DATE,     D,     NULL,     NULL,           1, N_("Due") },
  { "check_back", CB_TYPE_DATE,     0,     NULL,     NULL,           1, N_("Check back") },
  { "status",     CB_TYPE_ENUM,     0,     NULL,     status_choices, 1, N_("Status") },
  { "source",     CB_TYPE_REF,      0,     NULL,     NULL,           1, N_("From") },
  { "cycle",      CB_TYPE_REF,      0,     "cycle",  NULL,           9, N_("Coaching cycle") },
};

static const CbField pd_session_fields[] = {
  { "title",         CB_TYPE_TEXT,     S | T, NULL,         NULL,             1, N_("Title") },
  { "date",          CB_TYPE_DATE,     D,     NULL,         NULL,             1, N_("Date") },
  { "start_time",    CB_TYPE_TIME,     0,     NULL,         NULL,             1, N_("Start") },
  { "end_time",      CB_TYPE_TIME,     0,     NULL,         NULL,             1, N_("End") },
  { "location",      CB_TYPE_TEXT,     S,     NULL,         NULL,             1, N_("Location") },
  { "format",        CB_TYPE_ENUM,     0,     NULL,         format_choices,   1, N_("Format") },
  { "audience",      CB_TYPE_ENUM,     0,     NULL,         audience_choices, 1, N_("Audience") },
  { "engagement",    CB_TYPE_REF,      0,     "engagement", NULL,             1, N_("Engagement") },
  { "launch",        CB_TYPE_BOOL,     0,     NULL,         NULL,             1, N_("Launch day") },
  { "objectives",    CB_TYPE_LONGTEXT, S,     NULL,         NULL,             1, N_("Objectives") },
  { "exit_tickets",  CB_TYPE_LONGTEXT, S,     NULL,         NULL,             1, N_("Exit-ticket notes") },
  { "reflection",    CB_TYPE_LONGTEXT, S,     NULL,         NULL,             1, N_("Reflection") },
  { "private_notes", CB_TYPE_LONGTEXT, S | P, NULL,         NULL,             1, N_("Private notes") },
};

static const CbField agenda_item_fields[] = {
  { "session",     CB_TYPE_REF,      PA,    "pd_session", NULL,             1, N_("PD session") },
  { "start_time",  CB_TYPE_TIME,     O,     NULL,         NULL,             1, N_("Start") },
  { "end_time",    CB_TYPE_TIME,     0,     NULL,         NULL,             1, N_("End") },
  { "title",       CB_TYPE_TEXT,     S | T, NULL,         NULL,             1, N_("Title") },
  { "facilitator", CB_TYPE_TEXT,     S,     NULL,         NULL,             1, N_("Facilitator") },
  { "materials",   CB_TYPE_LONGTEXT, S,     NULL,         NULL,             1, N_("Materials") },
  { "audience",    CB_TYPE_ENUM,     0,     NULL,         audience_choices, 1, N_("Audience") },
};

static const CbField attendance_fields[] = {
  { "session", CB_TYPE_REF,    PA, "pd_session", NULL, 1, N_("PD session") },
  { "person",  CB_TYPE_REF,    T,  "person",     NULL, 1, N_("Person") },
  { "present", CB_TYPE_BOOL,   0,  NULL,         NULL, 1, N_("Present") },
  { "hours",   CB_TYPE_NUMBER, 0,  NULL,         NULL, 1, N_("Hours") },
};

static const CbField framework_fields[] = {
  { "name",        CB_TYPE_TEXT,     S | T, NULL, NULL, 1, N_("Name") },
  { "short_name",  CB_TYPE_TEXT,     S,     NULL, NULL, 1, N_("Short name") },
  { "source",      CB_TYPE_TEXT,     S,     NULL, NULL, 1, N_("Source") },
  { "description", CB_TYPE_LONGTEXT, S,     NULL, NULL, 1, N_("Description") },
  { "position",    CB_TYPE_INT,      O,     NULL, NULL, 1, N_("Position") },
};

static const CbField look_for_fields[] = {
  { "framework",   CB_TYPE_REF,      PA,    "framework", NULL, 1, N_("Framework") },
  { "code",        CB_TYPE_TEXT,     S,     NULL,        NULL, 1, N_("Code") },
  { "name",        CB_TYPE_TEXT,     S | T, NULL,        NULL, 1, N_("Name") },
  { "description", CB_TYPE_LONGTEXT, S,     NULL,        NULL, 1, N_("Description") },
  { "position",    CB_TYPE_INT,      O,     NULL,        NULL, 1, N_("Position") },
  { "favourite",   CB_TYPE_BOOL,     0,     NULL,        NULL, 2, N_("Favourite") },
};

/* The 5 Practices monitoring chart of an observation prepared by a
 * co-plan: one record per anticipated (or noticed) strategy. */
static const CbField monitor_fields[] = {
  { "observation", CB_TYPE_REF,  PA,    "observation", NULL, 3, N_("Observation") },
  { "position",    CB_TYPE_INT,  O,     NULL,          NULL, 3, N_("Position") },
  { "strategy",    CB_TYPE_TEXT, S | T, NULL,          NULL, 3, N_("Strategy") },
  { "seen",        CB_TYPE_BOOL, 0,     NULL,          NULL, 3, N_("Seen") },
  { "seen_at",     CB_TYPE_INT,  0,     NULL,          NULL, 3, N_("Seen at (seconds)") },
  { "students",    CB_TYPE_TEXT, S,     NULL,          NULL, 3, N_("Students") },
  { "share_order", CB_TYPE_INT,  0,     NULL,          NULL, 3, N_("Share order") },
};

/* Exit tickets of a PD session: its questions (a Likert item 1–5 or an
 * open question, each at one of Guskey's levels), one ticket per
 * participant (anonymous when it names nobody) and its answers. */
static const CbField exit_question_fields[] = {
  { "session",  CB_TYPE_REF,  PA,    "pd_session", NULL,                  8, N_("PD session") },
  { "position", CB_TYPE_INT,  O,     NULL,         NULL,                  8, N_("Position") },
  { "prompt",   CB_TYPE_TEXT, S | T, NULL,         NULL,                  8, N_("Question") },
  { "type",     CB_TYPE_ENUM, 0,     NULL,         question_type_choices, 8, N_("Type of answer") },
  { "level",    CB_TYPE_ENUM, 0,     NULL,         guskey_choices,        8, N_("Level") },
};

static const CbField exit_ticket_fields[] = {
  { "session",    CB_TYPE_REF, PA,    "pd_session", NULL, 8, N_("PD session") },
  { "number",     CB_TYPE_INT, O | T, NULL,         NULL, 8, N_("Ticket") },
  { "respondent", CB_TYPE_REF, 0,     "person",     NULL, 8, N_("Respondent") },
};

static const CbField exit_answer_fields[] = {
  { "ticket",   CB_TYPE_REF,      PA,    "exit_ticket",   NULL, 8, N_("Exit ticket") },
  { "question", CB_TYPE_REF,      0,     "exit_question", NULL, 8, N_("Question") },
  { "score",    CB_TYPE_INT,      0,     NULL,            NULL, 8, N_("Score") },
  { "text",     CB_TYPE_LONGTEXT, S | T, NULL,            NULL, 8, N_("Answer") },
};

/* An implementation-team or impact-review meeting: progress measured,
 * barriers and drivers named, the work ahead decided. Its action items
 * are action_item records whose source is the meeting; "previous"
 * links the meetings of one team into a chain. */
static const CbField meeting_fields[] = {
  { "title",         CB_TYPE_TEXT,     S | T, NULL,         NULL,                 8, N_("Title") },
  { "meeting_type",  CB_TYPE_ENUM,     0,     NULL,         meeting_type_choices, 8, N_("Kind of meeting") },
  { "date",          CB_TYPE_DATE,     D,     NULL,         NULL,                 8, N_("Date") },
  { "team",          CB_TYPE_TEXT,     S,     NULL,         NULL,                 8, N_("Team") },
  { "school",        CB_TYPE_REF,      0,     "school",     NULL,                 8, N_("School") },
  { "engagement",    CB_TYPE_REF,      0,     "engagement", NULL,                 8, N_("Engagement") },
  { "attendees",     CB_TYPE_REFS,     0,     "person",     NULL,                 8, N_("Present") },
  { "roles_present", CB_TYPE_TEXT,     S,     NULL,         NULL,                 8, N_("Roles present") },
  { "agenda",        CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 8, N_("Agenda") },
  { "data_reviewed", CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 8, N_("Data looked at") },
  { "progress",      CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 8, N_("Progress") },
  { "barriers",      CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 8, N_("Barriers") },
  { "drivers",       CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 8, N_("Drivers") },
  { "decisions",     CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 8, N_("Decisions") },
  { "previous",      CB_TYPE_REF,      0,     "meeting",    NULL,                 8, N_("Previous meeting") },
  { "private_notes", CB_TYPE_LONGTEXT, S | P, NULL,         NULL,                 8, N_("Private notes") },
};

/* A coaching cycle aimed at student learning: a student-centred goal,
 * a measure on student evidence with a baseline and a target, the
 * look-fors worked on, and the closing reflection. Observations,
 * co-plans, coaching logs and action items name it in their "cycle". */
static const CbField cycle_fields[] = {
  { "goal",          CB_TYPE_LONGTEXT, S | T, NULL,         NULL,                 9, N_("Student goal") },
  { "teachers",      CB_TYPE_REFS,     0,     "person",     NULL,                 9, N_("Teachers") },
  { "school",        CB_TYPE_REF,      0,     "school",     NULL,                 9, N_("School") },
  { "engagement",    CB_TYPE_REF,      0,     "engagement", NULL,                 9, N_("Engagement") },
  { "measure",       CB_TYPE_TEXT,     S,     NULL,         NULL,                 9, N_("Measure") },
  { "unit",          CB_TYPE_TEXT,     S,     NULL,         NULL,                 9, N_("Unit") },
  { "baseline",      CB_TYPE_NUMBER,   0,     NULL,         NULL,                 9, N_("Baseline") },
  { "baseline_date", CB_TYPE_DATE,     0,     NULL,         NULL,                 9, N_("Baseline date") },
  { "target",        CB_TYPE_NUMBER,   0,     NULL,         NULL,                 9, N_("Target") },
  { "target_date",   CB_TYPE_DATE,     0,     NULL,         NULL,                 9, N_("Target date") },
  { "look_fors",     CB_TYPE_REFS,     0,     "look_for",   NULL,                 9, N_("Look-fors worked on") },
  { "start_date",    CB_TYPE_DATE,     D,     NULL,         NULL,                 9, N_("Start date") },
  { "end_date",      CB_TYPE_DATE,     0,     NULL,         NULL,                 9, N_("End date") },
  { "status",        CB_TYPE_ENUM,     0,     NULL,         cycle_status_choices, 9, N_("Status") },
  { "what_worked",   CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 9, N_("What worked") },
  { "barriers",      CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 9, N_("Barriers") },
  { "drivers",       CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 9, N_("Drivers") },
  { "next_cycle",    CB_TYPE_LONGTEXT, S,     NULL,         NULL,                 9, N_("Next cycle") },
  { "private_notes", CB_TYPE_LONGTEXT, S | P, NULL,         NULL,                 9, N_("Private notes") },
  /* the team's look at the record's student work (describe → interpret
   * → implications for teaching), written on its Look at Student Work
   * page */
  { "work_describe",     CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: what we see") },
  { "work_interpret",    CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: what it tells us") },
  { "work_implications", CB_TYPE_LONGTEXT, S | V, NULL, NULL, 12, N_("Student work: implications for teaching") },
};

/* One measurement of a cycle's measure on a date. */
static const CbField data_point_fields[] = {
  { "cycle", CB_TYPE_REF,    PA,    "cycle", NULL, 9, N_("Coaching cycle") },
  { "date",  CB_TYPE_DATE,   O,     NULL,    NULL, 9, N_("Date") },
  { "value", CB_TYPE_NUMBER, 0,     NULL,    NULL, 9, N_("Value") },
  { "note",  CB_TYPE_TEXT,   S | T, NULL,    NULL, 9, N_("What was measured") },
};

/* A sample of student work: a photo with its thumbnail, attached to an
 * observation, a monitoring-chart strategy, a coaching cycle or a team
 * meeting (a coaching log); students by initials or pseudonyms only.
 * It takes its parent's privacy (a child of a private record is
 * private), unless its own tier is stricter. */
static const CbField student_work_fields[] = {
  { "parent",    CB_TYPE_REF,      PA,    NULL, NULL, 10, N_("Attached to") },
  { "position",  CB_TYPE_INT,      O,     NULL, NULL, 10, N_("Position") },
  { "title",     CB_TYPE_TEXT,     S | T, NULL, NULL, 10, N_("What it shows") },
  { "level",     CB_TYPE_TEXT,     S,     NULL, NULL, 10, N_("Level") },
  { "students",  CB_TYPE_TEXT,     S,     NULL, NULL, 10, N_("Students (initials or pseudonyms)") },
  { "notes",     CB_TYPE_LONGTEXT, S,     NULL, NULL, 10, N_("Notes") },
  { "photo",     CB_TYPE_IMAGE,    0,     NULL, NULL, 10, N_("Photo") },
  { "thumbnail", CB_TYPE_IMAGE,    0,     NULL, NULL, 10, N_("Thumbnail") },
  { "width",     CB_TYPE_INT,      0,     NULL, NULL, 10, N_("Width") },
  { "height",    CB_TYPE_INT,      0,     NULL, NULL, 10, N_("Height") },
};

/* Instructional rounds: a visit (the group's problem of practice, the
 * look-fors it watches for, its observers and schedule, and what the
 * debrief decides), each observer's descriptive notes per classroom,
 * and the pattern cards the group fills by tagging notes. A classroom
 * is named by a label; the teacher's name is kept only when the group
 * chooses and never leaves in the data picture. */
static const CbField rounds_visit_fields[] = {
  { "title",           CB_TYPE_TEXT,     S | T, NULL,       NULL, 11, N_("Title") },
  { "school",          CB_TYPE_REF,      0,     "school",   NULL, 11, N_("School") },
  { "date",            CB_TYPE_DATE,     D,     NULL,       NULL, 11, N_("Date") },
  { "problem",         CB_TYPE_LONGTEXT, S,     NULL,       NULL, 11, N_("Problem of practice") },
  { "look_fors",       CB_TYPE_REFS,     0,     "look_for", NULL, 11, N_("Focus look-fors") },
  { "observers",       CB_TYPE_REFS,     0,     "person",   NULL, 11, N_("Observers") },
  { "schedule",        CB_TYPE_LONGTEXT, S,     NULL,       NULL, 11, N_("Schedule notes") },
  { "show_classrooms", CB_TYPE_BOOL,     0,     NULL,       NULL, 11, N_("Classroom labels in the data picture") },
  { "record_teachers", CB_TYPE_BOOL,     0,     NULL,       NULL, 14, N_("Record teacher names") },
  { "predictions",     CB_TYPE_LONGTEXT, S,     NULL,       NULL, 11, N_("Predictions") },
  { "next_week",       CB_TYPE_LONGTEXT, S,     NULL,       NULL, 11, N_("Next level of work: next week") },
  { "next_month",      CB_TYPE_LONGTEXT, S,     NULL,       NULL, 11, N_("Next level of work: next month") },
  { "next_year",       CB_TYPE_LONGTEXT, S,     NULL,       NULL, 11, N_("Next level of work: next year") },
  { "private_notes",   CB_TYPE_LONGTEXT, S | P, NULL,       NULL, 11, N_("Private notes") },
};

static const CbField rounds_note_fields[] = {
  { "visit",     CB_TYPE_REF,      PA,    "rounds_visit",   NULL, 11, N_("Rounds visit") },
  { "at",        CB_TYPE_INT,      O,     NULL,             NULL, 11, N_("Time (seconds)") },
  { "text",      CB_TYPE_LONGTEXT, S | T, NULL,             NULL, 11, N_("Note") },
  { "classroom", CB_TYPE_TEXT,     S,     NULL,             NULL, 11, N_("Classroom") },
  { "teacher",   CB_TYPE_TEXT,     S,     NULL,             NULL, 11, N_("Teacher (only if the group chooses)") },
  { "look_for",  CB_TYPE_REF,      0,     "look_for",       NULL, 11, N_("Look-for") },
  { "observer",  CB_TYPE_REF,      0,     "person",         NULL, 11, N_("Observer") },
  { "pattern",   CB_TYPE_REF,      0,     "rounds_pattern", NULL, 11, N_("Pattern") },
  /* who took the note: the name the laptop's coach gave (or none) and
   * the laptop's replica id, so an unnamed observer is still told apart */
  { "observer_name",   CB_TYPE_TEXT,   S,     NULL,             NULL, 14, N_("Observer’s name") },
  { "observer_laptop", CB_TYPE_TEXT,   S,     NULL,             NULL, 14, N_("Observer’s laptop") },
};

static const CbField rounds_pattern_fields[] = {
  { "visit",       CB_TYPE_REF,      PA,    "rounds_visit", NULL, 11, N_("Rounds visit") },
  { "position",    CB_TYPE_INT,      O,     NULL,           NULL, 11, N_("Position") },
  { "title",       CB_TYPE_TEXT,     S | T, NULL,           NULL, 11, N_("Pattern") },
  { "description", CB_TYPE_LONGTEXT, S,     NULL,           NULL, 11, N_("Description") },
};

/* A team's inquiry (Plan-Do-Study-Act) cycle: a PLC, grade level or
 * department tests one change idea against predictions, on a measure
 * kept across the cycles it chains through "previous". Its meetings
 * are coaching logs naming it in their "inquiry". */
static const CbField inquiry_cycle_fields[] = {
  { "change_idea",   CB_TYPE_TEXT,     S | T, NULL,            NULL,                   13, N_("Change idea") },
  { "team",          CB_TYPE_TEXT,     S,     NULL,            NULL,                   13, N_("Team (PLC, grade level or department)") },
  { "school",        CB_TYPE_REF,      0,     "school",        NULL,                   13, N_("School") },
  { "engagement",    CB_TYPE_REF,      0,     "engagement",    NULL,                   13, N_("Engagement") },
  { "aim",           CB_TYPE_LONGTEXT, S,     NULL,            NULL,                   13, N_("Aim statement or problem of practice") },
  { "measure",       CB_TYPE_TEXT,     S,     NULL,            NULL,                   13, N_("Measure") },
  { "unit",          CB_TYPE_TEXT,     S,     NULL,            NULL,                   13, N_("Unit") },
  { "predictions",   CB_TYPE_LONGTEXT, S,     NULL,            NULL,                   13, N_("Predictions") },
  { "data_what",     CB_TYPE_LONGTEXT, S,     NULL,            NULL,                   13, N_("Data to collect") },
  { "data_who",      CB_TYPE_TEXT,     S,     NULL,            NULL,                   13, N_("Who collects it") },
  { "data_when",     CB_TYPE_TEXT,     S,     NULL,            NULL,                   13, N_("When") },
  { "start_date",    CB_TYPE_DATE,     D,     NULL,            NULL,                   13, N_("Start date") },
  { "end_date",      CB_TYPE_DATE,     0,     NULL,            NULL,                   13, N_("End date") },
  { "do_notes",      CB_TYPE_LONGTEXT, S,     NULL,            NULL,                   13, N_("What happened") },
  { "deviations",    CB_TYPE_LONGTEXT, S,     NULL,            NULL,                   13, N_("What deviated from the plan") },
  { "study",         CB_TYPE_LONGTEXT, S,     NULL,            NULL,                   13, N_("Results against the predictions") },
  { "act",           CB_TYPE_ENUM,     0,     NULL,            act_choices,            13, N_("Decision") },
  { "previous",      CB_TYPE_REF,      0,     "inquiry_cycle", NULL,                   13, N_("Previous cycle") },
  { "status",        CB_TYPE_ENUM,     0,     NULL,            inquiry_status_choices, 13, N_("Status") },
  { "private_notes", CB_TYPE_LONGTEXT, S | P, NULL,            NULL,                   13, N_("Private notes") },
};

/* One measurement of an inquiry cycle's measure on a date: a data point
 * of its own kind, so that it belongs to (and is private with) its cycle. */
static const CbField inquiry_point_fields[] = {
  { "inquiry", CB_TYPE_REF,    PA,    "inquiry_cycle", NULL, 13, N_("Inquiry cycle") },
  { "date",    CB_TYPE_DATE,   O,     NULL,            NULL, 13, N_("Date") },
  { "value",   CB_TYPE_NUMBER, 0,     NULL,            NULL, 13, N_("Value") },
  { "note",    CB_TYPE_TEXT,   S | T, NULL,            NULL, 13, N_("What was measured") },
};

/* One row of a visit's schedule: a classroom (by its label, a grade)
 * from a start to an end time of day ("09:05"), and its teacher only
 * when the group chose to record teacher names. */
static const CbField rounds_slot_fields[] = {
  { "visit",     CB_TYPE_REF,  PA,    "rounds_visit", NULL, 14, N_("Rounds visit") },
  { "position",  CB_TYPE_INT,  O,     NULL,           NULL, 14, N_("Position") },
  { "classroom", CB_TYPE_TEXT, S | T, NULL,           NULL, 14, N_("Classroom") },
  { "grade",     CB_TYPE_TEXT, S,     NULL,           NULL, 14, N_("Grade") },
  { "start",     CB_TYPE_TEXT, S,     NULL,           NULL, 14, N_("Start") },
  { "end",       CB_TYPE_TEXT, S,     NULL,           NULL, 14, N_("End") },
  { "teacher",   CB_TYPE_TEXT, S,     NULL,           NULL, 14, N_("Teacher (only if the group chooses)") },
};

/* Scored walkthrough forms: a form (data, exchanged and edited like the
 * built-in catalogs; data/lookfors.xml ships one), its items, each tied
 * to a look-for or not and scored 1–4 or yes / no / not observed, and
 * one score per item of an observation. A score is a teacher's rating:
 * it leaves the laptop only with its observation shared with the
 * teacher (CB_FIELD_SHARED_ONLY, cb-privacy.c). */
static const CbField walk_form_fields[] = {
  { "name",        CB_TYPE_TEXT,     S | T, NULL,        NULL, 15, N_("Name") },
  { "description", CB_TYPE_LONGTEXT, S,     NULL,        NULL, 15, N_("Description") },
  { "framework",   CB_TYPE_REF,      0,     "framework", NULL, 15, N_("Framework") },
};

static const CbField walk_item_fields[] = {
  { "form",     CB_TYPE_REF,  PA,    "walk_form", NULL,               15, N_("Walkthrough form") },
  { "position", CB_TYPE_INT,  O,     NULL,        NULL,               15, N_("Position") },
  { "prompt",   CB_TYPE_TEXT, S | T, NULL,        NULL,               15, N_("What to look for") },
  { "look_for", CB_TYPE_REF,  0,     "look_for",  NULL,               15, N_("Look-for") },
  { "scale",    CB_TYPE_ENUM, 0,     NULL,        walk_scale_choices, 15, N_("Scale") },
  { "level_1",  CB_TYPE_TEXT, S,     NULL,        NULL,               15, N_("Level 1") },
  { "level_2",  CB_TYPE_TEXT, S,     NULL,        NULL,               15, N_("Level 2") },
  { "level_3",  CB_TYPE_TEXT, S,     NULL,        NULL,               15, N_("Level 3") },
  { "level_4",  CB_TYPE_TEXT, S,     NULL,        NULL,               15, N_("Level 4") },
};

static const CbField walk_score_fields[] = {
  { "observation", CB_TYPE_REF,      PA | SO, "observation", NULL,               15, N_("Observation") },
  { "item",        CB_TYPE_REF,      T,       "walk_item",   NULL,               15, N_("Form item") },
  { "score",       CB_TYPE_ENUM,     0,       NULL,          walk_score_choices, 15, N_("Score") },
  { "note",        CB_TYPE_LONGTEXT, S,       NULL,          NULL,               15, N_("Evidence note") },
  { "evidence",    CB_TYPE_REFS,     0,       "evidence",    NULL,               15, N_("Evidence lines") },
};

/* A list row's second line (CbKind.subtitle) */
#define SUBTITLE(...) ((const char * const[]) { __VA_ARGS__, NULL })

#define KIND(n, l, p, f, priv) { n, l, p, f, G_N_ELEMENTS (f), priv, 1, NULL }
#define KIND_SUB(n, l, p, f, sub) { n, l, p, f, G_N_ELEMENTS (f), "team", 1, sub }
#define KIND_SINCE(n, l, p, f, v) { n, l, p, f, G_N_ELEMENTS (f), "team", v, NULL }

static const CbKind kinds[] = {
  KIND_SUB ("school",       N_("School"),        N_("Schools"),        school_fields,
            SUBTITLE ("district", "grades")),
  KIND_SUB ("person",       N_("Person"),        N_("People"),         person_fields,
            SUBTITLE ("role", "school")),
  KIND_SUB ("engagement",   N_("Engagement"),    N_("Engagements"),    engagement_fields,
            SUBTITLE ("client", "school_year")),
  KIND_SUB ("observation",  N_("Observation"),   N_("Observations"),   observation_fields,
            SUBTITLE ("teacher", "class_period", "?school")),
  KIND ("evidence",     N_("Evidence line"), N_("Evidence lines"), evidence_fields,     "team"),
  KIND ("tally",        N_("Tally"),         N_("Tallies"),        tally_fields,        "team"),
  KIND_SUB ("coplan",       N_("Co-plan"),       N_("Co-plans"),       coplan_fields,
            SUBTITLE ("teachers", "school")),
  KIND_SUB ("coaching_log", N_("Coaching log"),  N_("Coaching logs"),  coaching_log_fields,
            SUBTITLE ("teachers|group_name", "mode")),
  KIND ("segment",      N_("Activity"),      N_("Activities"),     segment_fields,      "team"),
  KIND_SUB ("action_item",  N_("Action item"),   N_("Action items"),   action_item_fields,
            SUBTITLE ("owner", "status", "~due")),
  KIND_SUB ("pd_session",   N_("PD session"),    N_("PD sessions"),    pd_session_fields,
            SUBTITLE ("location", "audience")),
  KIND ("agenda_item",  N_("Agenda block"),  N_("Agenda blocks"),  agenda_item_fields,  "team"),
  KIND ("attendance",   N_("Attendance"),    N_("Attendance"),     attendance_fields,   "team"),
  KIND_SUB ("framework",    N_("Framework"),     N_("Frameworks"),     framework_fields,
            SUBTITLE ("short_name")),
  KIND_SUB ("look_for",     N_("Look-for"),      N_("Look-fors"),      look_for_fields,
            SUBTITLE ("code", "framework")),
  { "monitor", N_("Monitored strategy"), N_("Monitored strategies"), monitor_fields,
    G_N_ELEMENTS (monitor_fields), "team", 3, NULL },
  KIND_SINCE ("exit_question", N_("Exit-ticket question"), N_("Exit-ticket questions"), exit_question_fields, 8),
  KIND_SINCE ("exit_ticket",   N_("Exit ticket"),          N_("Exit tickets"),          exit_ticket_fields,   8),
  KIND_SINCE ("exit_answer",   N_("Exit-ticket answer"),   N_("Exit-ticket answers"),   exit_answer_fields,   8),
  KIND_SINCE ("meeting",       N_("Meeting"),              N_("Meetings"),              meeting_fields,       8),
  KIND_SINCE ("cycle",         N_("Coaching cycle"),       N_("Coaching cycles"),       cycle_fields,         9),
  KIND_SINCE ("data_point",    N_("Data point"),           N_("Data points"),           data_point_fields,    9),
  KIND_SINCE ("student_work",  N_("Student work"),         N_("Student work"),          student_work_fields,  10),
  KIND_SINCE ("rounds_visit",   N_("Rounds visit"), N_("Rounds visits"), rounds_visit_fields,   11),
  KIND_SINCE ("rounds_note",    N_("Rounds note"),  N_("Rounds notes"),  rounds_note_fields,    11),
  KIND_SINCE ("rounds_pattern", N_("Pattern card"), N_("Pattern cards"), rounds_pattern_fields, 11),
  KIND_SINCE ("inquiry_cycle",  N_("Inquiry cycle"), N_("Inquiry cycles"), inquiry_cycle_fields, 13),
  KIND_SINCE ("inquiry_point",  N_("Inquiry data point"), N_("Inquiry data points"), inquiry_point_fields, 13),
  KIND_SINCE ("rounds_slot",    N_("Schedule slot"), N_("Schedule slots"), rounds_slot_fields, 14),
  KIND_SINCE ("walk_form",  N_("Walkthrough form"),      N_("Walkthrough forms"),      walk_form_fields,  15),
  KIND_SINCE ("walk_item",  N_("Walkthrough form item"), N_("Walkthrough form items"), walk_item_fields,  15),
  KIND_SINCE ("walk_score", N_("Walkthrough score"),     N_("Walkthrough scores"),     walk_score_fields, 15),
};


const CbKind *
cb_kinds (guint *n_kinds)
{
  if (n_kinds)
    *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

const CbField *
cb_common_fields (guint *n_fields)
{
  if (n_fields)
    *n_fields = G_N_ELEMENTS (common_fields);
  return common_fields;
}

const CbKind *
cb_kind_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].name, name) == 0)
      return &kinds[i];
  return NULL;
}

const CbField *
cb_kind_field (const CbKind *kind,
               const char   *name)
{
  g_return_val_if_fail (kind != NULL, NULL);
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, name) == 0)
      return &kind->fields[i];
  for (guint i = 0; i < G_N_ELEMENTS (common_fields); i++)
    if (strcmp (common_fields[i].name, name) == 0)
      return &common_fields[i];
  return NULL;
}

static const CbField *
find_flag (const CbKind *kind,
           CbFieldFlags  flag)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & flag)
      return &kind->fields[i];
  return NULL;
}

const CbField *
cb_kind_title_field (const CbKind *kind)
{
  return find_flag (kind, CB_FIELD_TITLE);
}

const CbField *
cb_kind_sort_field (const CbKind *kind)
{
  return find_flag (kind, CB_FIELD_SORT);
}

const CbField *
cb_kind_parent_field (const CbKind *kind)
{
  return find_flag (kind, CB_FIELD_PARENT);
}

const CbField *
cb_kind_order_field (const CbKind *kind)
{
  return find_flag (kind, CB_FIELD_ORDER);
}

const char *
cb_kind_get_label (const CbKind *kind)
{
  return g_dgettext (GETTEXT_PACKAGE, kind->label);
}

const char *
cb_kind_get_plural (const CbKind *kind)
{
  return g_dgettext (GETTEXT_PACKAGE, kind->plural);
}

const char *
cb_field_get_label (const CbField *field)
{
  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

/**
 * cb_field_choice_label:
 * @field: an ENUM field
 * @value: (nullable): one of @field's choices
 *
 * Returns: (transfer none): the translated label of @value as a choice
 *   of @field; @value itself if @field does not offer it; "" for %NULL
 */
const char *
cb_field_choice_label (const CbField *field,
                       const char    *value)
{
  if (value == NULL)
    return "";
  for (guint i = 0; field != NULL && field->choices != NULL && field->choices[i].value != NULL; i++)
    {
      const CbChoice *choice = &field->choices[i];

      if (strcmp (choice->value, value) != 0)
        continue;
      if (choice->context != NULL)
        return g_dpgettext2 (GETTEXT_PACKAGE, choice->context, choice->label);
      return g_dgettext (GETTEXT_PACKAGE, choice->label);
    }
  return value;
}

/**
 * cb_field_n_choices:
 *
 * Returns: how many choices @field offers (0 but for ENUM fields)
 */
guint
cb_field_n_choices (const CbField *field)
{
  guint n = 0;

  while (field->choices != NULL && field->choices[n].value != NULL)
    n++;
  return n;
}

/**
 * cb_kind_roster_fields:
 *
 * The fields of @kind a roster has columns for (flag %CB_FIELD_ROSTER),
 * in the table's order: the order of a roster's columns when it has no
 * titles.
 *
 * Returns: (transfer container) (element-type CbField): the fields
 */
GPtrArray *
cb_kind_roster_fields (const CbKind *kind)
{
  GPtrArray *fields = g_ptr_array_new ();

  g_return_val_if_fail (kind != NULL, fields);

  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & CB_FIELD_ROSTER)
      g_ptr_array_add (fields, (gpointer) &kind->fields[i]);
  return fields;
}

gboolean
cb_field_is_text (const CbField *field)
{
  return field->type == CB_TYPE_TEXT ||
         field->type == CB_TYPE_LONGTEXT ||
         field->type == CB_TYPE_LIST;
}

static gboolean
is_digits (const char *s,
           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
valid_date (const char *v)
{
  int y, m, d;

  if (strlen (v) != 10 || v[4] != '-' || v[7] != '-' ||
      !is_digits (v, 4) || !is_digits (v + 5, 2) || !is_digits (v + 8, 2))
    return FALSE;
  y = atoi (v);
  m = atoi (v + 5);
  d = atoi (v + 8);
  return g_date_valid_dmy (d, m, y);
}

static gboolean
valid_time (const char *v)
{
  if (strlen (v) != 5 || v[2] != ':' || !is_digits (v, 2) || !is_digits (v + 3, 2))
    return FALSE;
  return atoi (v) < 24 && atoi (v + 3) < 60;
}

static gboolean
valid_int (const char *v)
{
  const char *p = v;

  if (*p == '-')
    p++;
  if (*p == '\0' || strlen (p) > 15)
    return FALSE;
  return is_digits (p, strlen (p));
}

static gboolean
valid_number (const char *v)
{
  const char *dot = strchr (v, '.');
  g_autofree char *ip = NULL;

  if (dot == NULL)
    return valid_int (v);
  ip = g_strndup (v, dot - v);
  return (*ip == '\0' || valid_int (ip)) &&
         dot[1] != '\0' && strlen (dot + 1) <= 6 &&
         is_digits (dot + 1, strlen (dot + 1));
}

/**
 * cb_field_validate:
 * @field: a field of the kinds table
 * @value: (nullable): the value to check; NULL and "" mean "empty"
 *
 * Returns: %TRUE if @value may be stored in @field.
 */
gboolean
cb_field_validate (const CbField  *field,
                   const char     *value,
                   GError        **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (field != NULL, FALSE);

  if (value == NULL || *value == '\0')
    return TRUE;

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("The value of “%s” is not valid text."),
                   cb_field_get_label (field));
      return FALSE;
    }

  switch (field->type)
    {
    case CB_TYPE_TEXT:
    case CB_TYPE_LONGTEXT:
    case CB_TYPE_LIST:
    case CB_TYPE_DATA:
      break;
    case CB_TYPE_INT:
      ok = valid_int (value);
      break;
    case CB_TYPE_NUMBER:
      ok = valid_number (value);
      break;
    case CB_TYPE_BOOL:
      ok = strcmp (value, "0") == 0 || strcmp (value, "1") == 0;
      break;
    case CB_TYPE_DATE:
      ok = valid_date (value);
      break;
    case CB_TYPE_TIME:
      ok = valid_time (value);
      break;
    case CB_TYPE_ENUM:
      ok = FALSE;
      /* by value: a label may be the very string of its value ("1") */
      for (guint i = 0; field->choices != NULL && field->choices[i].value != NULL && !ok; i++)
        ok = strcmp (field->choices[i].value, value) == 0;
      break;
    case CB_TYPE_REF:
      ok = cb_uuid_is_valid (value);
      break;
    case CB_TYPE_REFS:
      {
        g_auto(GStrv) parts = g_strsplit (value, " ", -1);
        for (guint i = 0; parts[i] && ok; i++)
          ok = cb_uuid_is_valid (parts[i]);
      }
      break;
    case CB_TYPE_IMAGE:
      {
        g_autoptr(GError) image_error = NULL;

        if (cb_image_check_stored (value, &image_error))
          return TRUE;
        /* one message naming the field, with the reason */
        g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                     _("The photo in “%s” was refused: %s"), cb_field_get_label (field), image_error->message);
        return FALSE;
      }
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                 _("“%s” is not a valid value for “%s”."),
                 value, cb_field_get_label (field));
  return ok;
}
