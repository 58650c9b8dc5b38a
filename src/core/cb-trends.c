/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Trends across the year (cb-trends.h). cb_trends_build() is the pure
 * part, months from observations and cycles already read; the loader
 * reads them with four statements (observations, tagged lines, the
 * talk and question counters, cycles) and asks the one privacy rule
 * for each record when the counts are to leave the laptop. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cb-csv.h"
#include "cb-privacy.h"
#include "cb-refs.h"
#include "cb-sql.h"
#include "cb-store-error.h"
#include "cb-talk.h"
#include "cb-trends.h"

/* Months with nothing between two with something are shown, so a chart
 * reads as time; not across more than this many. */
#define MAX_FILLED_MONTHS 60

/* "2026-09" from a date, or FALSE when it does not start with one. */
static gboolean
month_of (const char *date,
          char        month[8])
{
  if (date == NULL || strlen (date) < 7 || date[4] != '-')
    return FALSE;
  for (guint i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (date[i]))
      return FALSE;
  if (!(date[5] == '0' && date[6] >= '1') && !(date[5] == '1' && date[6] <= '2'))
    return FALSE;
  memcpy (month, date, 7);
  month[7] = '\0';
  return TRUE;
}

static int
month_index (const char *month)
{
  return atoi (month) * 12 + atoi (month + 5) - 1;
}

static CbTrendMonth *
month_for (GHashTable *months,
           const char *date)
{
  char key[8];
  CbTrendMonth *m;

  if (!month_of (date, key))
    return NULL;
  m = g_hash_table_lookup (months, key);
  if (m == NULL)
    {
      m = g_new0 (CbTrendMonth, 1);
      memcpy (m->month, key, sizeof key);
      g_hash_table_insert (months, m->month, m);
    }
  return m;
}

static int
compare_months (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const CbTrendMonth *) a)->month, ((const CbTrendMonth *) b)->month);
}

static void
add_observation (GHashTable               *months,
                 const CbTrendObservation *o)
{
  CbTrendMonth *m = month_for (months, o->date);

  if (m == NULL)
    return;
  m->observations++;
  m->look_fors_seen += o->look_fors_seen;
  if (o->timer_teacher + o->timer_student > 0)
    {
      m->timed++;
      m->timer_teacher += o->timer_teacher;
      m->timer_student += o->timer_student;
    }
  if (o->estimate_seconds > 0)
    {
      m->estimated++;
      m->estimate_teacher += o->estimate_teacher;
      m->estimate_seconds += o->estimate_seconds;
    }
  if (o->funneling + o->focusing > 0)
    {
      m->questioned++;
      m->funneling += o->funneling;
      m->focusing += o->focusing;
    }
}

static void
add_cycle (GHashTable         *months,
           const CbTrendCycle *c)
{
  CbTrendMonth *m = month_for (months, c->start_date);

  if (m != NULL)
    m->cycles_opened++;
  if (c->met)
    {
      m = month_for (months, c->end_date);
      if (m == NULL)
        m = month_for (months, c->start_date);
      if (m != NULL)
        m->goals_met++;
    }
}

/**
 * cb_trends_build:
 * @observations: (array length=n_observations): what each observation adds
 * @cycles: (array length=n_cycles): the cycles
 *
 * Adds them up by month. A record without a date is not counted. The
 * months between the first and the last are all there (empty ones
 * too) when they are no more than five years apart.
 *
 * Returns: (transfer full) (element-type CbTrendMonth): the months, in order
 */
GArray *
cb_trends_build (const CbTrendObservation *observations,
                 guint                     n_observations,
                 const CbTrendCycle       *cycles,
                 guint                     n_cycles)
{
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CbTrendMonth));
  GHashTableIter iter;
  CbTrendMonth *m;

  for (guint i = 0; i < n_observations; i++)
    add_observation (months, &observations[i]);
  for (guint i = 0; i < n_cycles; i++)
    add_cycle (months, &cycles[i]);

  g_hash_table_iter_init (&iter, months);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &m))
    g_array_append_val (out, *m);
  g_array_sort (out, compare_months);

  if (out->len > 1)
    {
      int first = month_index (g_array_index (out, CbTrendMonth, 0).month);
      int last = month_index (g_array_index (out, CbTrendMonth, out->len - 1).month);

      if (last - first < MAX_FILLED_MONTHS)
        for (int i = first + 1; i < last; i++)
          {
            CbTrendMonth empty = { 0 };

            g_snprintf (empty.month, sizeof empty.month, "%04d-%02d", i / 12, i % 12 + 1);
            if (!g_hash_table_contains (months, empty.month))
              g_array_append_val (out, empty);
          }
      g_array_sort (out, compare_months);
    }
  return out;
}

/**
 * cb_trend_month_look_fors:
 *
 * Returns: the look-fors seen per observation that month, -1 without one
 */
double
cb_trend_month_look_fors (const CbTrendMonth *month)
{
  g_return_val_if_fail (month != NULL, -1);

  return month->observations > 0 ? (double) month->look_fors_seen / month->observations : -1;
}

static int
percent (gint64 part,
         gint64 total)
{
  return total > 0 ? (int) ((part * 100 + total / 2) / total) : -1;
}

/**
 * cb_trend_month_timer_percent:
 *
 * Returns: the teacher's share of the talk timed that month, in
 *   percent, -1 when nothing was timed
 */
int
cb_trend_month_timer_percent (const CbTrendMonth *month)
{
  g_return_val_if_fail (month != NULL, -1);

  return percent (month->timer_teacher, month->timer_teacher + month->timer_student);
}

/**
 * cb_trend_month_estimate_percent:
 *
 * Returns: the share of the recorded time labelled likely teacher that
 *   month, in percent, -1 without an estimate
 */
int
cb_trend_month_estimate_percent (const CbTrendMonth *month)
{
  g_return_val_if_fail (month != NULL, -1);

  return percent (month->estimate_teacher, month->estimate_seconds);
}

/* ---- reading the store ---- */

typedef struct
{
  CbStore    *store;
  CbPrivacy  *privacy;      /* NULL: count everything */
  GHashTable *observations; /* UUID → index into obs */
  GArray     *obs;          /* CbTrendObservation */
  GPtrArray  *strings;      /* what the CbTrend* point to */
  GHashTable *seen;         /* "observation look-for" pairs counted */
} Loader;

static gboolean
counts (Loader     *l,
        const char *uuid)
{
  return l->privacy == NULL || cb_privacy_record_may_leave (l->privacy, uuid);
}

static const char *
keep (Loader     *l,
      const char *text)
{
  char *copy = g_strdup (text);

  g_ptr_array_add (l->strings, copy);
  return copy;
}

static void
add_estimate (CbTrendObservation *o,
              const char         *text)
{
  g_autoptr(GArray) segments = NULL;

  if (text == NULL || *text == '\0' || (segments = cb_talk_segments_parse (text, NULL)) == NULL)
    return;
  for (guint i = 0; i < segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      o->estimate_seconds += seg->end - seg->start;
      if (seg->label == CB_TALK_LABEL_TEACHER)
        o->estimate_teacher += seg->end - seg->start;
    }
}

static gboolean
load_observations (Loader      *l,
                   const char  *teacher,
                   const char  *school,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* an observation without a school is the school's when its teacher is */
  stmt = cb_sql_prepare (cb_store_get_db (l->store),
                         "SELECT r.uuid, k.date, k.talk_estimate FROM records r "
                         "JOIN k_observation k ON k.id = r.id "
                         "WHERE r.deleted = 0 AND k.date IS NOT NULL "
                         "AND (?1 IS NULL OR k.teacher = ?1) "
                         "AND (?2 IS NULL OR k.school = ?2 OR (coalesce (k.school, '') = '' AND k.teacher IN "
                         "  (SELECT rp.uuid FROM records rp JOIN k_person p ON p.id = rp.id WHERE p.school = ?2)))",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, teacher, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, school, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbTrendObservation o = { 0 };
      const char *uuid = cb_sql_col_text (stmt, 0);

      if (!counts (l, uuid))
        continue;
      o.date = keep (l, cb_sql_col_text (stmt, 1));
      add_estimate (&o, cb_sql_col_text (stmt, 2));
      g_hash_table_insert (l->observations, (char *) keep (l, uuid), GUINT_TO_POINTER (l->obs->len));
      g_array_append_val (l->obs, o);
    }
  return cb_sql_finish (stmt, rc, error);
}

static CbTrendObservation *
observation_of (Loader     *l,
                const char *uuid)
{
  gpointer index;

  if (!g_hash_table_lookup_extended (l->observations, uuid, NULL, &index))
    return NULL;
  return &g_array_index (l->obs, CbTrendObservation, GPOINTER_TO_UINT (index));
}

/* Each look-for tagged on at least one line of an observation is seen
 * once in it. */
static gboolean
load_tags (Loader  *l,
           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (l->store),
                         "SELECT r.uuid, k.observation, k.tags FROM records r JOIN k_evidence k ON k.id = r.id "
                         "WHERE r.deleted = 0 AND coalesce (k.tags, '') <> ''", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbTrendObservation *o = observation_of (l, cb_sql_col_text (stmt, 1));
      g_auto(GStrv) tags = NULL;

      if (o == NULL || !counts (l, cb_sql_col_text (stmt, 0)))
        continue;
      tags = cb_refs_split (cb_sql_col_text (stmt, 2));
      for (guint i = 0; tags[i]; i++)
        {
          char *pair = g_strconcat (cb_sql_col_text (stmt, 1), " ", tags[i], NULL);

          if (g_hash_table_add (l->seen, pair))
            o->look_fors_seen++;
        }
    }
  return cb_sql_finish (stmt, rc, error);
}

static gboolean
load_counters (Loader  *l,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (l->store),
                         "SELECT r.uuid, k.observation, k.name, coalesce (k.count, 0), coalesce (k.seconds, 0) "
                         "FROM records r JOIN k_tally k ON k.id = r.id WHERE r.deleted = 0 "
                         "AND k.name IN ('teacher_talk', 'student_talk', 'funneling', 'focusing')", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbTrendObservation *o = observation_of (l, cb_sql_col_text (stmt, 1));
      const char *name = cb_sql_col_text (stmt, 2);
      gint64 count = MAX (sqlite3_column_int64 (stmt, 3), 0);
      gint64 seconds = MAX (sqlite3_column_int64 (stmt, 4), 0);

      if (o == NULL || !counts (l, cb_sql_col_text (stmt, 0)))
        continue;
      if (strcmp (name, "teacher_talk") == 0)
        o->timer_teacher += seconds;
      else if (strcmp (name, "student_talk") == 0)
        o->timer_student += seconds;
      else if (strcmp (name, "funneling") == 0)
        o->funneling += count;
      else
        o->focusing += count;
    }
  return cb_sql_finish (stmt, rc, error);
}

static gboolean
load_cycles (Loader      *l,
             const char  *teacher,
             const char  *school,
             GArray      *cycles,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (l->store),
                         "SELECT r.uuid, k.start_date, coalesce (nullif (k.end_date, ''), k.target_date), "
                         "k.status, k.teachers, k.school FROM records r JOIN k_cycle k ON k.id = r.id "
                         "WHERE r.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbTrendCycle c = { 0 };
      const char *teachers = cb_sql_col_text (stmt, 4);

      if (teacher != NULL && !cb_refs_contains (teachers, teacher))
        continue;
      if (school != NULL && g_strcmp0 (cb_sql_col_text (stmt, 5), school) != 0)
        continue;
      if (!counts (l, cb_sql_col_text (stmt, 0)))
        continue;
      c.start_date = keep (l, cb_sql_col_text (stmt, 1));
      c.end_date = keep (l, cb_sql_col_text (stmt, 2));
      c.met = g_strcmp0 (cb_sql_col_text (stmt, 3), "met") == 0;
      g_array_append_val (cycles, c);
    }
  return cb_sql_finish (stmt, rc, error);
}

/* Whether @uuid names a live record of @kind. */
static gboolean
names_live (CbStore    *store,
            const char *uuid,
            const char *kind)
{
  g_autoptr(CbRecord) record = cb_store_get (store, uuid, NULL);

  return record != NULL && g_strcmp0 (cb_record_get_kind (record), kind) == 0 && !cb_record_get_deleted (record);
}

static gboolean
check_scope (CbStore     *store,
             const char  *teacher,
             const char  *school,
             GError     **error)
{
  if (teacher != NULL && !names_live (store, teacher, "person"))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND, _("No person has the ID “%s”."), teacher);
      return FALSE;
    }
  if (school != NULL && !names_live (store, school, "school"))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND, _("No school has the ID “%s”."), school);
      return FALSE;
    }
  return TRUE;
}

/**
 * cb_trends_load:
 * @teacher: (nullable): a teacher's UUID, to count only their records
 * @school: (nullable): a school's UUID, to count only its records
 * @flags: %CB_TRENDS_FLAGS_LEAVING for an output that leaves the laptop
 *
 * Reads the trends of the live records: an observation of @teacher (or
 * at @school, or of a teacher of it when it names no school), a cycle
 * naming @teacher among its teachers (or at @school). Both %NULL: the
 * whole caseload. With %CB_TRENDS_FLAGS_LEAVING a record the privacy
 * rule withholds — an observation, a line, a counter, a cycle — is not
 * counted. A @teacher or @school that names no live person or school
 * is an error.
 *
 * Returns: (transfer full) (element-type CbTrendMonth): the months, or
 *   %NULL with @error set
 */
GArray *
cb_trends_load (CbStore       *store,
                const char    *teacher,
                const char    *school,
                CbTrendsFlags  flags,
                GError       **error)
{
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(GHashTable) observations = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) obs = g_array_new (FALSE, TRUE, sizeof (CbTrendObservation));
  g_autoptr(GArray) cycles = g_array_new (FALSE, TRUE, sizeof (CbTrendCycle));
  sqlite3 *db;
  gboolean own_txn, ok;
  Loader l;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_scope (store, teacher, school, error))
    return NULL;
  /* one snapshot: the privacy rule and the counts read the same records */
  db = cb_store_get_db (store);
  own_txn = sqlite3_get_autocommit (db) != 0;
  if (own_txn && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                   _("Could not read the database: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  ok = !(flags & CB_TRENDS_FLAGS_LEAVING) || (privacy = cb_privacy_new (store, error)) != NULL;
  l = (Loader) { store, privacy, observations, obs, strings, seen };
  ok = ok &&
       load_observations (&l, teacher, school, error) &&
       load_tags (&l, error) &&
       load_counters (&l, error) &&
       load_cycles (&l, teacher, school, cycles, error);
  if (own_txn)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  return cb_trends_build ((CbTrendObservation *) (gpointer) obs->data, obs->len,
                          (CbTrendCycle *) (gpointer) cycles->data, cycles->len);
}

static void
format_count (char   *buf,
              gsize   size,
              gint64  value,
              gboolean shown)
{
  if (shown)
    g_snprintf (buf, size, "%" G_GINT64_FORMAT, value);
  else
    *buf = '\0';
}

static void
append_month (GString            *out,
              const CbTrendMonth *m)
{
  char cells[12][G_ASCII_DTOSTR_BUF_SIZE];
  const char *fields[13];
  double look_fors = cb_trend_month_look_fors (m);
  int timer = cb_trend_month_timer_percent (m);
  int estimate = cb_trend_month_estimate_percent (m);

  format_count (cells[0], sizeof cells[0], m->observations, TRUE);
  format_count (cells[1], sizeof cells[1], m->look_fors_seen, TRUE);
  if (look_fors >= 0)
    g_ascii_formatd (cells[2], sizeof cells[2], "%.2f", look_fors);
  else
    cells[2][0] = '\0';
  format_count (cells[3], sizeof cells[3], m->timed, TRUE);
  format_count (cells[4], sizeof cells[4], timer, timer >= 0);
  format_count (cells[5], sizeof cells[5], m->estimated, TRUE);
  format_count (cells[6], sizeof cells[6], estimate, estimate >= 0);
  format_count (cells[7], sizeof cells[7], m->questioned, TRUE);
  format_count (cells[8], sizeof cells[8], m->funneling, m->questioned > 0);
  format_count (cells[9], sizeof cells[9], m->focusing, m->questioned > 0);
  format_count (cells[10], sizeof cells[10], m->cycles_opened, TRUE);
  format_count (cells[11], sizeof cells[11], m->goals_met, TRUE);
  fields[0] = m->month;
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    fields[i + 1] = cells[i];
  cb_csv_append_row (out, fields, G_N_ELEMENTS (fields));
}

/**
 * cb_trends_write_csv:
 * @flags: %CB_CSV_FLAGS_BOM to start with a byte order mark
 * @out: where to write; not closed
 *
 * Writes the trends (cb_trends_load() with %CB_TRENDS_FLAGS_LEAVING) as
 * CSV: a header row, then one row per month. Counts only.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_trends_write_csv (CbStore        *store,
                     const char     *teacher,
                     const char     *school,
                     CbCsvFlags      flags,
                     GOutputStream  *out,
                     GCancellable   *cancellable,
                     GError        **error)
{
  const char *header[] = {
    _("Month"), _("Observations"), _("Look-fors seen"), _("Look-fors seen per observation"),
    _("Observations timed"), _("Teacher talk, timed (%)"), _("Observations with an estimate"),
    _("Likely teacher, estimated (%)"), _("Observations with questions counted"),
    _("Funneling questions"), _("Focusing questions"), _("Coaching cycles opened"), _("Goals met"),
  };
  g_autoptr(GArray) months = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  months = cb_trends_load (store, teacher, school, CB_TRENDS_FLAGS_LEAVING, error);
  if (months == NULL)
    return FALSE;
  if (flags & CB_CSV_FLAGS_BOM)
    g_string_append (text, "\xEF\xBB\xBF");
  cb_csv_append_row (text, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < months->len; i++)
    append_month (text, &g_array_index (months, CbTrendMonth, i));
  return g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error) &&
         g_output_stream_flush (out, cancellable, error);
}

/**
 * cb_trends_write_csv_file:
 * @path: the file to write; replaced only once the export is complete
 *
 * Like cb_trends_write_csv(), into a file written beside @path and
 * renamed over it at the end, so a failed export leaves nothing half
 * written.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_trends_write_csv_file (CbStore     *store,
                          const char  *teacher,
                          const char  *school,
                          CbCsvFlags   flags,
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
  if (!cb_trends_write_csv (store, teacher, school, flags, G_OUTPUT_STREAM (stream), NULL, error))
    {
      /* closing a cancelled replace drops the temporary file */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
