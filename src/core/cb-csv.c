/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spreadsheet export of the coaching log, the action items, PD
 * attendance, coaching cycles and inquiry cycles. What is left out, and why, is in docs/privacy.md: the one
 * privacy rule (cb-privacy.h) decides, so no private record, no record
 * that belongs to one, no private field, and no name or title taken
 * from a private record. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-csv.h"
#include "cb-exit-tickets.h"
#include "cb-inquiry.h"
#include "cb-privacy.h"
#include "cb-refs.h"
#include "cb-reports.h"
#include "cb-sql.h"
#include "cb-walk.h"
#include "cb-year-report.h"

#define FLUSH_SIZE (64 * 1024)

typedef struct
{
  CbStore       *store;
  GOutputStream *out;
  GCancellable  *cancellable;
  GString       *buffer;
  CbPrivacy     *privacy;
  GHashTable    *people;     /* UUID → name, of those that may be named */
  GHashTable    *schools;
} Writer;

static const struct
{
  CbCsvKind   kind;
  const char *name;
} kind_names[] = {
  { CB_CSV_COACHING_LOG, "coaching_log" },
  { CB_CSV_ACTION_ITEM,  "action_item" },
  { CB_CSV_ATTENDANCE,   "attendance" },
  { CB_CSV_CYCLE,        "cycle" },
  { CB_CSV_INQUIRY,      "inquiry_cycle" },
  { CB_CSV_EXIT_TICKET,  "exit_ticket" },
  { CB_CSV_EXIT_SUMMARY, "exit_ticket_summary" },
  { CB_CSV_WALK_COUNTS,  "walk_score_counts" },
};

/**
 * cb_csv_kind_from_string:
 * @name: "coaching_log", "action_item", "attendance", "cycle",
 *   "inquiry_cycle", "exit_ticket", "exit_ticket_summary" or "walk_score_counts"
 *
 * Returns: whether @name is a kind of CSV export
 */
gboolean
cb_csv_kind_from_string (const char *name,
                         CbCsvKind  *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i].name, name) == 0)
      {
        if (kind)
          *kind = kind_names[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
cb_csv_kind_to_string (CbCsvKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (kind_names[i].kind == kind)
      return kind_names[i].name;
  return NULL;
}

static gboolean
is_number (const char *value)
{
  char *end = NULL;

  g_ascii_strtod (value, &end);
  return end != value && *end == '\0';
}

/**
 * cb_csv_append_field:
 * @line: where to append
 * @value: (nullable): the field's text
 *
 * Appends one RFC 4180 field: as is, or between double quotes with
 * inner quotes doubled when it holds a comma, a quote or a line break.
 * Text that is not UTF-8 is repaired first. Text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return, and not a plain number) gets a leading apostrophe: a note
 * typed by a colleague must never become a formula on this computer.
 */
void
cb_csv_append_field (GString    *line,
                     const char *value)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (line != NULL);

  if (value == NULL)
    return;
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  if (strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0' && !is_number (value))
    {
      g_autofree char *guarded = g_strconcat ("'", value, NULL);
      cb_csv_append_field (line, guarded);
      return;
    }
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/**
 * cb_csv_append_row:
 * @fields: (array length=n_fields): the row's fields; NULL is empty
 *
 * Appends one record: fields separated by commas, ended by CRLF.
 */
void
cb_csv_append_row (GString            *out,
                   const char * const *fields,
                   guint               n_fields)
{
  g_return_if_fail (out != NULL);
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      cb_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

static void
append_row (const char * const *fields,
            guint               n_fields,
            gpointer            data)
{
  cb_csv_append_row (data, fields, n_fields);
}

static gboolean
flush (Writer   *w,
       gboolean  force,
       GError  **error)
{
  if (w->buffer->len == 0 || (!force && w->buffer->len < FLUSH_SIZE))
    return TRUE;
  if (!g_output_stream_write_all (w->out, w->buffer->str, w->buffer->len, NULL,
                                  w->cancellable, error))
    return FALSE;
  g_string_truncate (w->buffer, 0);
  return TRUE;
}

static gboolean
row (Writer              *w,
     const char * const  *fields,
     guint                n_fields,
     GError             **error)
{
  cb_csv_append_row (w->buffer, fields, n_fields);
  return flush (w, FALSE, error);
}




static const char *
name_of (GHashTable *names,
         const char *uuid)
{
  const char *name = uuid && *uuid ? g_hash_table_lookup (names, uuid) : NULL;
  return name ? name : "";
}

/* "Ana García; Luis Pérez": the named people who are not private. */
static char *
names_of (GHashTable *names,
          const char *refs)
{
  g_auto(GStrv) parts = cb_refs_split (refs);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      const char *name = name_of (names, parts[i]);

      if (*name == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, name);
    }
  return g_string_free (out, FALSE);
}

/* The label of @value as a choice of @kind's @field. */
static const char *
choice (const char *kind,
        const char *field,
        const char *value)
{
  return cb_field_choice_label (cb_kind_field (cb_kind_lookup (kind), field), value);
}

typedef struct
{
  char   *activity;
  gint64  minutes;
  gboolean has_minutes;
} Segment;

static void
segment_free (gpointer data)
{
  Segment *s = data;
  g_free (s->activity);
  g_free (s);
}

static gboolean
write_coaching_log (Writer  *w,
                    GError **error)
{
  const char *header[] = {
    _("Date"), _("Time in"), _("Time out"), _("Summary"), _("Teachers"), _("Group"),
    _("School"), _("Kind of support"), _("Activity"), _("Minutes"), _("Log ID"),
  };
  g_autoptr(GHashTable) segments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  if (!row (w, header, G_N_ELEMENTS (header), error))
    return FALSE;

  stmt = cb_sql_prepare (cb_store_get_db (w->store),
                         "SELECT k.log, k.activity, k.minutes, r.uuid FROM records r JOIN k_segment k ON k.id = r.id "
                         "WHERE r.deleted = 0 ORDER BY k.log, k.position IS NULL, k.position, r.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *list = g_hash_table_lookup (segments, cb_sql_col_text (stmt, 0));
      Segment *s;

      if (!cb_privacy_record_may_leave (w->privacy, cb_sql_col_text (stmt, 3)))
        continue;
      s = g_new0 (Segment, 1);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (segment_free);
          g_hash_table_insert (segments, g_strdup (cb_sql_col_text (stmt, 0)), list);
        }
      s->activity = g_strdup (cb_sql_col_text (stmt, 1));
      s->has_minutes = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      s->minutes = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (list, s);
    }
  if (!cb_sql_finish (stmt, rc, error))
    return FALSE;

  stmt = cb_sql_prepare (cb_store_get_db (w->store),
                         "SELECT r.uuid, k.date, k.time_in, k.time_out, k.summary, k.teachers, k.group_name, "
                         "k.school, k.mode FROM records r JOIN k_coaching_log k ON k.id = r.id "
                         "WHERE r.deleted = 0 ORDER BY k.date, k.time_in, r.id", error);
  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *list = g_hash_table_lookup (segments, cb_sql_col_text (stmt, 0));
      g_autofree char *teachers = NULL;
      const char *fields[G_N_ELEMENTS (header)];

      if (!cb_privacy_record_may_leave (w->privacy, cb_sql_col_text (stmt, 0)))
        continue;
      teachers = names_of (w->people, cb_sql_col_text (stmt, 5));

      fields[0] = cb_sql_col_text (stmt, 1);
      fields[1] = cb_sql_col_text (stmt, 2);
      fields[2] = cb_sql_col_text (stmt, 3);
      fields[3] = cb_sql_col_text (stmt, 4);
      fields[4] = teachers;
      fields[5] = cb_sql_col_text (stmt, 6);
      fields[6] = name_of (w->schools, cb_sql_col_text (stmt, 7));
      fields[7] = choice ("coaching_log", "mode", cb_sql_col_text (stmt, 8));
      fields[10] = cb_sql_col_text (stmt, 0);

      if (list == NULL || list->len == 0)
        {
          /* a log typed with only its times: one row of unspecified activity */
          int tin = cb_time_to_minutes (cb_sql_col_text (stmt, 2));
          int tout = cb_time_to_minutes (cb_sql_col_text (stmt, 3));
          g_autofree char *minutes = tin >= 0 && tout > tin ? g_strdup_printf ("%d", tout - tin) : NULL;

          fields[8] = "";
          fields[9] = minutes ? minutes : "";
          ok = row (w, fields, G_N_ELEMENTS (fields), error);
          continue;
        }
      for (guint i = 0; ok && i < list->len; i++)
        {
          Segment *s = g_ptr_array_index (list, i);
          g_autofree char *minutes = s->has_minutes ? g_strdup_printf ("%" G_GINT64_FORMAT, s->minutes) : NULL;

          fields[8] = choice ("segment", "activity", s->activity);
          fields[9] = minutes ? minutes : "";
          ok = row (w, fields, G_N_ELEMENTS (fields), error);
        }
    }
  if (!ok)
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  return cb_sql_finish (stmt, rc, error);
}

/* "Observation: Fractions on a number line (2025-10-14)", or "" for a
 * record whose name may not be shown, or a missing one. */
static char *
describe_source (Writer     *w,
                 const char *uuid)
{
  g_autoptr(CbRecord) record = NULL;
  const CbField *date;
  const char *title;

  if (!cb_privacy_name_may_show (w->privacy, uuid) ||
      (record = cb_store_get (w->store, uuid, NULL)) == NULL ||
      cb_record_get_kind_info (record) == NULL)
    return g_strdup ("");
  title = cb_record_get_title (record);
  date = cb_kind_sort_field (cb_record_get_kind_info (record));
  if (date != NULL && *cb_record_get (record, date->name) != '\0')
    return g_strdup_printf ("%s: %s (%s)", cb_kind_get_label (cb_record_get_kind_info (record)),
                            title, cb_record_get (record, date->name));
  return g_strdup_printf ("%s: %s", cb_kind_get_label (cb_record_get_kind_info (record)), title);
}

static gboolean
write_action_items (Writer  *w,
                    GError **error)
{
  const char *header[] = {
    _("Action"), _("Owner"), _("Due"), _("Check back"), _("Status"), _("From"), _("Action ID"),
  };
  sqlite3_stmt *stmt;
  int rc;

  if (!row (w, header, G_N_ELEMENTS (header), error))
    return FALSE;
  stmt = cb_sql_prepare (cb_store_get_db (w->store),
                         "SELECT r.uuid, k.text, k.owner, k.due, k.check_back, k.status, k.source "
                         "FROM records r JOIN k_action_item k ON k.id = r.id "
                         "WHERE r.deleted = 0 ORDER BY k.due IS NULL, k.due, r.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *source = NULL;
      const char *fields[G_N_ELEMENTS (header)];

      if (!cb_privacy_record_may_leave (w->privacy, cb_sql_col_text (stmt, 0)))
        continue;
      source = describe_source (w, cb_sql_col_text (stmt, 6));

      fields[0] = cb_sql_col_text (stmt, 1);
      fields[1] = name_of (w->people, cb_sql_col_text (stmt, 2));
      fields[2] = cb_sql_col_text (stmt, 3);
      fields[3] = cb_sql_col_text (stmt, 4);
      fields[4] = choice ("action_item", "status", cb_sql_col_text (stmt, 5));
      fields[5] = source;
      fields[6] = cb_sql_col_text (stmt, 0);
      if (!row (w, fields, G_N_ELEMENTS (fields), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  return cb_sql_finish (stmt, rc, error);
}

static gboolean
write_attendance (Writer  *w,
                  GError **error)
{
  const char *header[] = {
    _("Session"), _("Date"), _("Start"), _("End"), _("Person"), _("Present"), _("Hours"), _("Session ID"),
  };
  sqlite3_stmt *stmt;
  int rc;

  if (!row (w, header, G_N_ELEMENTS (header), error))
    return FALSE;
  /* a child of a deleted session goes with it; the rule takes a child
   * of a private session out, whichever of its sessions is displayed */
  stmt = cb_sql_prepare (cb_store_get_db (w->store),
                         "SELECT rs.uuid, s.title, s.date, s.start_time, s.end_time, a.person, a.present, a.hours, "
                         "ra.uuid FROM records ra JOIN k_attendance a ON a.id = ra.id "
                         "JOIN records rs ON rs.uuid = a.session JOIN k_pd_session s ON s.id = rs.id "
                         "WHERE ra.deleted = 0 AND rs.deleted = 0 "
                         "ORDER BY s.date, s.start_time, s.title, rs.id, ra.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char hours[G_ASCII_DTOSTR_BUF_SIZE] = "";
      const char *fields[G_N_ELEMENTS (header)];

      if (!cb_privacy_record_may_leave (w->privacy, cb_sql_col_text (stmt, 8)) ||
          !cb_privacy_record_may_leave (w->privacy, cb_sql_col_text (stmt, 0)))
        continue;

      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        g_ascii_formatd (hours, sizeof hours, "%.6g", sqlite3_column_double (stmt, 7));
      fields[0] = cb_sql_col_text (stmt, 1);
      fields[1] = cb_sql_col_text (stmt, 2);
      fields[2] = cb_sql_col_text (stmt, 3);
      fields[3] = cb_sql_col_text (stmt, 4);
      fields[4] = name_of (w->people, cb_sql_col_text (stmt, 5));
      fields[5] = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? ""
                  : sqlite3_column_int (stmt, 6) ? _("Yes") : _("No");
      fields[6] = hours;
      fields[7] = cb_sql_col_text (stmt, 0);
      if (!row (w, fields, G_N_ELEMENTS (fields), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  return cb_sql_finish (stmt, rc, error);
}

static void
format_number (char          *buf,
               gsize          size,
               sqlite3_stmt  *stmt,
               int            col)
{
  *buf = '\0';
  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    g_ascii_formatd (buf, size, "%.6g", sqlite3_column_double (stmt, col));
}

/* One row per cycle, with its latest data point that may leave. */
static gboolean
write_cycles (Writer  *w,
              GError **error)
{
  const char *header[] = {
    _("Student goal"), _("Teachers"), _("School"), _("Measure"), _("Unit"), _("Start date"),
    _("End date"), _("Status"), _("Baseline"), _("Baseline date"), _("Target"), _("Target date"),
    _("Latest value"), _("Latest date"), _("Data points"), _("Cycle ID"),
  };
  sqlite3_stmt *stmt;
  int rc;

  if (!row (w, header, G_N_ELEMENTS (header), error))
    return FALSE;
  stmt = cb_sql_prepare (cb_store_get_db (w->store),
                         "SELECT r.uuid, k.goal, k.teachers, k.school, k.measure, k.unit, k.start_date, "
                         "k.end_date, k.status, k.baseline, k.baseline_date, k.target, k.target_date, "
                         "(SELECT group_concat (u || ' ' || d || ' ' || v, '\n') FROM "
                         "  (SELECT rp.uuid AS u, coalesce (p.date, '-') AS d, p.value AS v "
                         "   FROM k_data_point p JOIN records rp ON rp.id = p.id "
                         "   WHERE p.cycle = r.uuid AND rp.deleted = 0 AND p.value IS NOT NULL "
                         "   ORDER BY p.date IS NULL, p.date, rp.created, rp.id)) "
                         "FROM records r JOIN k_cycle k ON k.id = r.id "
                         "WHERE r.deleted = 0 ORDER BY k.start_date IS NULL, k.start_date, r.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *teachers = NULL;
      g_auto(GStrv) points = NULL;
      char baseline[G_ASCII_DTOSTR_BUF_SIZE], target[G_ASCII_DTOSTR_BUF_SIZE];
      char latest_value[G_ASCII_DTOSTR_BUF_SIZE] = "", latest_date[16] = "";
      char n_points[16];
      guint n = 0;
      const char *fields[G_N_ELEMENTS (header)];

      if (!cb_privacy_record_may_leave (w->privacy, cb_sql_col_text (stmt, 0)))
        continue;
      teachers = names_of (w->people, cb_sql_col_text (stmt, 2));
      format_number (baseline, sizeof baseline, stmt, 9);
      format_number (target, sizeof target, stmt, 11);
      /* "uuid date value" per data point, in date order ("-": no date) */
      points = g_strsplit (cb_sql_col_text (stmt, 13), "\n", -1);
      for (guint i = 0; points[i]; i++)
        {
          g_auto(GStrv) parts = g_strsplit (points[i], " ", 3);

          if (g_strv_length (parts) != 3 || !cb_privacy_record_may_leave (w->privacy, parts[0]))
            continue;
          n++;
          g_strlcpy (latest_date, strcmp (parts[1], "-") == 0 ? "" : parts[1], sizeof latest_date);
          g_ascii_formatd (latest_value, sizeof latest_value, "%.6g", g_ascii_strtod (parts[2], NULL));
        }
      g_snprintf (n_points, sizeof n_points, "%u", n);

      fields[0] = cb_sql_col_text (stmt, 1);
      fields[1] = teachers;
      fields[2] = name_of (w->schools, cb_sql_col_text (stmt, 3));
      fields[3] = cb_sql_col_text (stmt, 4);
      fields[4] = cb_sql_col_text (stmt, 5);
      fields[5] = cb_sql_col_text (stmt, 6);
      fields[6] = cb_sql_col_text (stmt, 7);
      fields[7] = choice ("cycle", "status", cb_sql_col_text (stmt, 8));
      fields[8] = baseline;
      fields[9] = cb_sql_col_text (stmt, 10);
      fields[10] = target;
      fields[11] = cb_sql_col_text (stmt, 12);
      fields[12] = latest_value;
      fields[13] = latest_date;
      fields[14] = n_points;
      fields[15] = cb_sql_col_text (stmt, 0);
      if (!row (w, fields, G_N_ELEMENTS (fields), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  return cb_sql_finish (stmt, rc, error);
}

/**
 * cb_csv_write:
 * @kind: what to export
 * @flags: %CB_CSV_FLAGS_BOM to start with a byte order mark
 * @out: where to write; not closed
 *
 * Writes the live records of @kind that may leave the laptop
 * (cb_privacy_record_may_leave()) as CSV: a header row,
 * then one row per segment of a coaching log (a log without segments
 * gives one row with its time out minus time in), per action item or
 * per attendance, per inquiry cycle, per exit-ticket answer or per exit-ticket question of
 * a session with its aggregates. Names of teachers, owners, schools and the record an
 * action came from are printed only when cb_privacy_name_may_show().
 *
 * Returns: %TRUE on success
 */
gboolean
cb_csv_write (CbStore        *store,
              CbCsvKind       kind,
              CbCsvFlags      flags,
              GOutputStream  *out,
              GCancellable   *cancellable,
              GError        **error)
{
  return cb_csv_write_range (store, kind, flags, NULL, NULL, out, cancellable, error);
}

/**
 * cb_csv_write_range:
 * @date_from: (nullable): YYYY-MM-DD
 * @date_to: (nullable): YYYY-MM-DD
 *
 * Like cb_csv_write(); walk_score_counts counts only the observations
 * dated within the range (the other kinds ignore it): how many 1s, 2s,
 * 3s and 4s (or yes, no, not observed) each form item got, numbers
 * only (cb_privacy_may_count()).
 *
 * Returns: %TRUE on success
 */
gboolean
cb_csv_write_range (CbStore        *store,
                    CbCsvKind       kind,
                    CbCsvFlags      flags,
                    const char     *date_from,
                    const char     *date_to,
                    GOutputStream  *out,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GHashTable) schools = NULL;
  sqlite3 *db;
  Writer w = { 0 };
  gboolean own_txn, ok;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (cb_csv_kind_to_string (kind) != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One read transaction: the privacy rule is read from the same
   * snapshot as the rows, so a record made private meanwhile by another
   * connection is never written. */
  db = cb_store_get_db (store);
  own_txn = sqlite3_get_autocommit (db) != 0;
  if (own_txn && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                   _("Could not read the database: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  ok = (privacy = cb_privacy_new (store, error)) != NULL &&
       (people = cb_privacy_load_names (privacy, "person", error)) != NULL &&
       (schools = cb_privacy_load_names (privacy, "school", error)) != NULL;

  w.store = store;
  w.out = out;
  w.cancellable = cancellable;
  w.buffer = buffer;
  w.privacy = privacy;
  w.people = people;
  w.schools = schools;

  if (flags & CB_CSV_FLAGS_BOM)
    g_string_append (buffer, "\xEF\xBB\xBF");

  if (ok)
    switch (kind)
      {
      case CB_CSV_COACHING_LOG:
        ok = write_coaching_log (&w, error);
        break;
      case CB_CSV_ACTION_ITEM:
        ok = write_action_items (&w, error);
        break;
      case CB_CSV_ATTENDANCE:
        ok = write_attendance (&w, error);
        break;
      case CB_CSV_CYCLE:
        ok = write_cycles (&w, error);
        break;
      case CB_CSV_INQUIRY:
        ok = cb_inquiry_write_rows (store, privacy, schools, append_row, buffer, error);
        break;
      case CB_CSV_EXIT_TICKET:
      case CB_CSV_EXIT_SUMMARY:
        ok = cb_exit_write_rows (store, privacy, people, kind == CB_CSV_EXIT_SUMMARY, append_row, buffer, error);
        break;
      case CB_CSV_WALK_COUNTS:
        ok = cb_walk_write_counts (store, privacy, date_from, date_to, append_row, buffer, error);
        break;
      default:
        g_assert_not_reached ();
      }
  if (own_txn)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok && flush (&w, TRUE, error) && g_output_stream_flush (out, cancellable, error);
}

/**
 * cb_csv_write_file:
 * @path: the file to write; replaced only once the export is complete
 *
 * Like cb_csv_write(), into a file written beside @path and renamed over
 * it at the end, so a failed export never leaves half a spreadsheet.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_csv_write_file (CbStore     *store,
                   CbCsvKind    kind,
                   CbCsvFlags   flags,
                   const char  *path,
                   GError     **error)
{
  return cb_csv_write_file_range (store, kind, flags, NULL, NULL, path, error);
}

/**
 * cb_csv_write_file_range:
 *
 * cb_csv_write_file() with the range of cb_csv_write_range().
 *
 * Returns: %TRUE on success
 */
gboolean
cb_csv_write_file_range (CbStore     *store,
                         CbCsvKind    kind,
                         CbCsvFlags   flags,
                         const char  *date_from,
                         const char  *date_to,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!cb_csv_write_range (store, kind, flags, date_from, date_to, G_OUTPUT_STREAM (stream), NULL, error))
    {
      /* closing a cancelled replace drops the temporary file */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static gboolean
write_delivered (const CbDelivered  *d,
                 CbCsvFlags          flags,
                 GOutputStream      *out,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GPtrArray) rows = cb_delivered_rows (d);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *header[] = { _("Service"), _("Planned"), _("Delivered"), _("Difference"), _("Dates") };

  if (flags & CB_CSV_FLAGS_BOM)
    g_string_append (text, "\xEF\xBB\xBF");
  cb_csv_append_row (text, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      CbDeliveredRow *r = g_ptr_array_index (rows, i);
      const char *fields[] = { r->service, r->planned, r->delivered, r->difference, r->dates };

      cb_csv_append_row (text, fields, G_N_ELEMENTS (fields));
    }
  return g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error) &&
         g_output_stream_flush (out, cancellable, error);
}

/**
 * cb_csv_write_delivered:
 * @engagement: an engagement
 * @out: where to write; not closed
 *
 * Writes the engagement's delivered-against-planned table
 * (cb_delivered_rows()) for invoicing: service, planned, delivered,
 * difference and dates. What leaves the laptop follows
 * cb_delivered_load_shared(): a private engagement is refused and no
 * private record is counted.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_csv_write_delivered (CbStore        *store,
                        const char     *engagement,
                        CbCsvFlags      flags,
                        GOutputStream  *out,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(CbDelivered) d = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (engagement != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if ((d = cb_delivered_load_shared (store, engagement, NULL, error)) == NULL)
    return FALSE;
  return write_delivered (d, flags, out, cancellable, error);
}

/**
 * cb_csv_write_delivered_file:
 * @path: the file to write; replaced only once the export is complete
 *
 * Like cb_csv_write_delivered(), into a file renamed over @path at the
 * end; nothing is written when the engagement may not leave the laptop.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_csv_write_delivered_file (CbStore     *store,
                             const char  *engagement,
                             CbCsvFlags   flags,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(CbDelivered) d = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (engagement != NULL && path != NULL, FALSE);

  if ((d = cb_delivered_load_shared (store, engagement, NULL, error)) == NULL)
    return FALSE;
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!write_delivered (d, flags, G_OUTPUT_STREAM (stream), NULL, error))
    {
      /* closing a cancelled replace drops the temporary file */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static gboolean
write_year (CbYearReport   *year,
            GOutputStream  *out,
            GError        **error)
{
  g_autoptr(GPtrArray) rows = cb_year_report_rows (year);
  g_autoptr(GString) text = g_string_new ("\r\n");
  g_autofree char *meetings = g_strdup_printf ("%u", year->meetings);
  g_autofree char *reviews = g_strdup_printf ("%u", year->impact_reviews);
  const char *m1[] = { _("Meetings held"), meetings };
  const char *m2[] = { _("Impact reviews"), reviews };

  for (guint i = 0; i < rows->len; i++)
    cb_csv_append_row (text, (const char * const *) g_ptr_array_index (rows, i), 8);
  g_string_append (text, "\r\n");
  cb_csv_append_row (text, m1, 2);
  cb_csv_append_row (text, m2, 2);
  return g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error);
}

/**
 * cb_csv_write_report_file:
 * @path: the file to write; replaced only once the export is complete
 *
 * The year's contract report as a spreadsheet: the delivered-against-
 * planned table (cb_csv_write_delivered()), a blank line, the PD
 * sessions with attendance and exit-ticket means by level and the
 * year's row (cb_year_report_rows()), a blank line, and the meetings
 * held. Nothing private is counted; a private engagement is refused.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_csv_write_report_file (CbStore     *store,
                          const char  *engagement,
                          CbCsvFlags   flags,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(CbDelivered) d = NULL;
  g_autoptr(CbYearReport) year = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (engagement != NULL && path != NULL, FALSE);

  if ((d = cb_delivered_load_shared (store, engagement, NULL, error)) == NULL ||
      (year = cb_year_report_load (store, engagement, error)) == NULL)
    return FALSE;
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!write_delivered (d, flags, G_OUTPUT_STREAM (stream), NULL, error) ||
      !write_year (year, G_OUTPUT_STREAM (stream), error))
    {
      /* closing a cancelled replace drops the temporary file */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
