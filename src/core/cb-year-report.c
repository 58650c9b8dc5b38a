/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The year's contract report: PD attendance and exit tickets per
 * session, by Guskey level, and the meetings held (see
 * cb-year-report.h). Only what cb-privacy.c lets leave is counted: a
 * private session, attendance, ticket or meeting is not. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-privacy.h"
#include "cb-sql.h"
#include "cb-store-error.h"
#include "cb-year-report.h"

static void
year_session_free (gpointer data)
{
  CbYearSession *s = data;

  g_free (s->session);
  g_free (s->date);
  g_free (s->title);
  g_free (s);
}

void
cb_year_report_free (CbYearReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->sessions);
  g_free (report);
}

static gboolean
load_attendance (CbStore       *store,
                 CbPrivacy     *privacy,
                 CbYearSession *s,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid, k.present, k.hours FROM records r JOIN k_attendance k ON k.id = r.id "
                         "WHERE k.session = ? AND r.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, s->session, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_int (stmt, 1) && cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
      {
        s->present++;
        s->hours += sqlite3_column_double (stmt, 2);
      }
  return cb_sql_finish (stmt, rc, error);
}

static gboolean
load_sessions (CbStore      *store,
               CbPrivacy    *privacy,
               const char   *engagement,
               CbYearReport *report,
               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid, k.date, k.title FROM records r JOIN k_pd_session k ON k.id = r.id "
                         "WHERE k.engagement = ? AND r.deleted = 0 ORDER BY k.date, k.start_time, r.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, engagement, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbYearSession *s;

      if (!cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      s = g_new0 (CbYearSession, 1);
      s->session = g_strdup (cb_sql_col_text (stmt, 0));
      s->date = g_strdup (cb_sql_col_text (stmt, 1));
      s->title = g_strdup (cb_sql_col_text (stmt, 2));
      g_ptr_array_add (report->sessions, s);
    }
  return cb_sql_finish (stmt, rc, error);
}

static gboolean
count_meetings (CbStore      *store,
                CbPrivacy    *privacy,
                const char   *engagement,
                CbYearReport *report,
                GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid, k.meeting_type FROM records r JOIN k_meeting k ON k.id = r.id "
                         "WHERE k.engagement = ? AND r.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, engagement, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
      {
        report->meetings++;
        report->impact_reviews += g_strcmp0 (cb_sql_col_text (stmt, 1), "impact_review") == 0;
      }
  return cb_sql_finish (stmt, rc, error);
}

/**
 * cb_year_report_load:
 * @engagement: an engagement that may leave the laptop
 *
 * Returns: (transfer full) (nullable): the report's PD and meeting part
 */
CbYearReport *
cb_year_report_load (CbStore     *store,
                     const char  *engagement,
                     GError     **error)
{
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(CbYearReport) report = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (engagement != NULL, NULL);

  if ((privacy = cb_privacy_new (store, error)) == NULL)
    return NULL;
  if (!cb_privacy_record_may_leave (privacy, engagement))
    {
      g_set_error_literal (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                           _("This engagement is private or in the Trash: its services do not leave this laptop."));
      return NULL;
    }
  report = g_new0 (CbYearReport, 1);
  report->sessions = g_ptr_array_new_with_free_func (year_session_free);
  if (!load_sessions (store, privacy, engagement, report, error) ||
      !count_meetings (store, privacy, engagement, report, error))
    return NULL;
  for (guint i = 0; i < report->sessions->len; i++)
    {
      CbYearSession *s = g_ptr_array_index (report->sessions, i);
      g_autoptr(CbExitSummary) summary = NULL;
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      if (!load_attendance (store, privacy, s, error) ||
          (summary = cb_exit_summary_load (store, s->session, privacy, error)) == NULL)
        return NULL;
      g_ptr_array_add (one, summary);
      cb_exit_levels_combine (one, s->levels);
      s->tickets = summary->n_tickets;
      report->tickets += s->tickets;
      report->present += s->present;
      for (guint l = 0; l < CB_GUSKEY_N_LEVELS; l++)
        cb_scale_stats_merge (&report->levels[l], &s->levels[l]);
    }
  return g_steal_pointer (&report);
}

/**
 * cb_year_report_rows:
 *
 * Returns: (transfer full) (element-type GStrv): the PD table, a header
 *   first: date, session, present, hours, tickets, then the mean of the
 *   reaction, learning and use items; a last row for the year
 */
GPtrArray *
cb_year_report_rows (CbYearReport *report)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double hours = 0;

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Date"), _("PD session"), _("Present"), _("Hours"),
                                                 _("Exit tickets"), _("Reaction"), _("Learning"), _("Use"), NULL }));
  for (guint i = 0; i <= report->sessions->len; i++)
    {
      gboolean total = i == report->sessions->len;
      CbYearSession *s = total ? NULL : g_ptr_array_index (report->sessions, i);
      const CbScaleStats *levels = total ? report->levels : s->levels;
      char **row = g_new0 (char *, 9);

      if (!total)
        hours += s->hours;
      row[0] = g_strdup (total ? "" : s->date);
      row[1] = g_strdup (total ? _("The year") : s->title);
      row[2] = g_strdup_printf ("%u", total ? report->present : s->present);
      row[3] = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", total ? hours : s->hours));
      row[4] = g_strdup_printf ("%u", total ? report->tickets : s->tickets);
      for (guint l = 0; l < CB_GUSKEY_N_LEVELS; l++)
        row[5 + l] = cb_scale_stats_format_mean (&levels[l]);
      g_ptr_array_add (rows, row);
    }
  return rows;
}
