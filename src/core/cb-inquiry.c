/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team's inquiry (PDSA) cycle read whole: its chain, the data points
 * of the chain and its meetings (see cb-inquiry.h); the next cycle of a
 * chain; and its rows in the spreadsheet. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cb-inquiry.h"
#include "cb-kinds.h"
#include "cb-record.h"
#include "cb-sql.h"
#include "cb-store-error.h"

#define MAX_LINKED 2000

static char *
dup_or_null (const char *s)
{
  return s && *s ? g_strdup (s) : NULL;
}

static void
link_free (CbInquiryLink *link)
{
  g_free (link->uuid);
  g_free (link->change_idea);
  g_free (link->start_date);
  g_free (link->act);
  g_free (link);
}

void
cb_inquiry_point_free (CbInquiryPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->date);
  g_free (point->note);
  g_free (point);
}

static void
meeting_free (CbInquiryMeeting *meeting)
{
  g_free (meeting->uuid);
  g_free (meeting->date);
  g_free (meeting->title);
  g_free (meeting);
}

void
cb_inquiry_free (CbInquiry *inquiry)
{
  if (inquiry == NULL)
    return;
  g_free (inquiry->uuid);
  g_free (inquiry->change_idea);
  g_free (inquiry->team);
  g_free (inquiry->measure);
  g_free (inquiry->unit);
  g_free (inquiry->predictions);
  g_free (inquiry->study);
  g_clear_pointer (&inquiry->chain, g_ptr_array_unref);
  g_clear_pointer (&inquiry->points, g_ptr_array_unref);
  g_clear_pointer (&inquiry->meetings, g_ptr_array_unref);
  g_free (inquiry);
}

static CbInquiryLink *
link_new (CbRecord *r)
{
  CbInquiryLink *link = g_new0 (CbInquiryLink, 1);

  link->uuid = g_strdup (cb_record_get_uuid (r));
  link->change_idea = g_strdup (cb_record_get (r, "change_idea"));
  link->start_date = dup_or_null (cb_record_get (r, "start_date"));
  link->act = dup_or_null (cb_record_get (r, "act"));
  return link;
}

static gboolean
may_show (CbPrivacy *privacy,
          CbRecord  *r)
{
  return privacy == NULL || cb_privacy_record_may_leave (privacy, cb_record_get_uuid (r));
}

/* The cycle a live cycle names as the one that follows @uuid: the
 * first started, when a team started two from one. */
static CbRecord *
next_of (CbStore     *store,
         const char  *uuid,
         CbPrivacy   *privacy,
         GHashTable  *seen,
         GError     **error)
{
  CbFilter filter = { .kind = "inquiry_cycle", .ref_field = "previous", .ref_value = uuid };
  g_autoptr(GPtrArray) next = cb_store_list (store, &filter, MAX_LINKED, error);
  CbRecord *best = NULL;

  if (next == NULL)
    return NULL;
  /* newest first: the last one that may be shown started first */
  for (guint i = 0; i < next->len; i++)
    {
      CbRecord *r = g_ptr_array_index (next, i);

      if (!g_hash_table_contains (seen, cb_record_get_uuid (r)) && may_show (privacy, r))
        best = r;
    }
  return best ? g_object_ref (best) : NULL;
}

static gboolean
load_chain (CbStore     *store,
            CbInquiry   *inquiry,
            CbRecord    *record,
            CbPrivacy   *privacy,
            GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CbRecord) at = g_object_ref (record);

  g_hash_table_add (seen, g_strdup (inquiry->uuid));
  g_ptr_array_add (inquiry->chain, link_new (record));
  /* back, down the "previous" links; a loop or a gap ends the chain */
  for (guint n = 0; n < CB_INQUIRY_MAX_CHAIN; n++)
    {
      const char *previous = cb_record_get (at, "previous");
      g_autoptr(CbRecord) before = NULL;

      if (*previous == '\0' || g_hash_table_contains (seen, previous))
        break;
      before = cb_store_get (store, previous, NULL);
      if (before == NULL || cb_record_get_deleted (before) || !may_show (privacy, before) ||
          g_strcmp0 (cb_record_get_kind (before), "inquiry_cycle") != 0)
        break;
      g_hash_table_add (seen, g_strdup (previous));
      g_ptr_array_insert (inquiry->chain, 0, link_new (before));
      inquiry->current++;
      g_set_object (&at, before);
    }
  /* and forward, to the cycles that name this one */
  g_set_object (&at, record);
  for (guint n = 0; n < CB_INQUIRY_MAX_CHAIN; n++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(CbRecord) after = next_of (store, cb_record_get_uuid (at), privacy, seen, &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (after == NULL)
        break;
      g_hash_table_add (seen, g_strdup (cb_record_get_uuid (after)));
      g_ptr_array_add (inquiry->chain, link_new (after));
      g_set_object (&at, after);
    }
  return TRUE;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const CbInquiryPoint *x = *(CbInquiryPoint * const *) a;
  const CbInquiryPoint *y = *(CbInquiryPoint * const *) b;
  int c;

  /* undated points last */
  if ((x->date == NULL) != (y->date == NULL))
    return x->date == NULL ? 1 : -1;
  if ((c = g_strcmp0 (x->date, y->date)) != 0)
    return c;
  return (x->cycle > y->cycle) - (x->cycle < y->cycle);
}

/**
 * cb_inquiry_sort_points:
 * @points: (element-type CbInquiryPoint): the points of a chain
 *
 * Puts the points in date order, a date's points in the order of their
 * cycles, and undated points last, by cycle. The
 * sort is stable: points of one date and cycle keep their order.
 */
void
cb_inquiry_sort_points (GPtrArray *points)
{
  g_ptr_array_sort (points, compare_points);
}

static gboolean
load_points (CbStore    *store,
             CbInquiry  *inquiry,
             CbPrivacy  *privacy,
             GError    **error)
{
  for (guint c = 0; c < inquiry->chain->len; c++)
    {
      CbInquiryLink *link = g_ptr_array_index (inquiry->chain, c);
      g_autoptr(GPtrArray) data = cb_store_children (store, "inquiry_point", link->uuid, error);

      if (data == NULL)
        return FALSE;
      for (guint i = 0; i < data->len; i++)
        {
          CbRecord *r = g_ptr_array_index (data, i);
          const char *value = cb_record_get (r, "value");
          CbInquiryPoint *p;

          if (*value == '\0' || !may_show (privacy, r))
            continue;
          p = g_new0 (CbInquiryPoint, 1);
          p->date = dup_or_null (cb_record_get (r, "date"));
          p->value = g_ascii_strtod (value, NULL);
          p->cycle = c;
          p->note = dup_or_null (cb_record_get (r, "note"));
          g_ptr_array_add (inquiry->points, p);
        }
    }
  cb_inquiry_sort_points (inquiry->points);
  return TRUE;
}

static int
compare_meetings (gconstpointer a,
                  gconstpointer b)
{
  const CbInquiryMeeting *x = *(CbInquiryMeeting * const *) a;
  const CbInquiryMeeting *y = *(CbInquiryMeeting * const *) b;

  return g_strcmp0 (x->date, y->date);
}

static gboolean
load_meetings (CbStore    *store,
               CbInquiry  *inquiry,
               CbPrivacy  *privacy,
               GError    **error)
{
  CbFilter filter = { .kind = "coaching_log", .ref_field = "inquiry", .ref_value = inquiry->uuid };
  g_autoptr(GPtrArray) logs = cb_store_list (store, &filter, MAX_LINKED, error);

  if (logs == NULL)
    return FALSE;
  for (guint i = 0; i < logs->len; i++)
    {
      CbRecord *r = g_ptr_array_index (logs, i);
      CbInquiryMeeting *m;

      if (!may_show (privacy, r))
        continue;
      m = g_new0 (CbInquiryMeeting, 1);
      m->uuid = g_strdup (cb_record_get_uuid (r));
      m->date = g_strdup (cb_record_get (r, "date"));
      m->title = g_strdup (cb_record_get_title (r));
      g_ptr_array_add (inquiry->meetings, m);
    }
  g_ptr_array_sort (inquiry->meetings, compare_meetings);
  return TRUE;
}

/**
 * cb_inquiry_load:
 * @uuid: an inquiry cycle
 * @privacy: (nullable): with a rule, only what may leave the laptop is
 *   read (the chain stops at a cycle that may not); without, everything
 *
 * Returns: (transfer full): the cycle, or %NULL with @error set
 */
CbInquiry *
cb_inquiry_load (CbStore     *store,
                 const char  *uuid,
                 CbPrivacy   *privacy,
                 GError     **error)
{
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(CbInquiry) inquiry = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if ((record = cb_store_get (store, uuid, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (record), "inquiry_cycle") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("This record is not an inquiry cycle."));
      return NULL;
    }
  inquiry = g_new0 (CbInquiry, 1);
  inquiry->uuid = g_strdup (uuid);
  inquiry->change_idea = g_strdup (cb_record_get (record, "change_idea"));
  inquiry->team = g_strdup (cb_record_get (record, "team"));
  inquiry->measure = g_strdup (cb_record_get (record, "measure"));
  inquiry->unit = g_strdup (cb_record_get (record, "unit"));
  inquiry->predictions = g_strdup (cb_record_get (record, "predictions"));
  inquiry->study = g_strdup (cb_record_get (record, "study"));
  inquiry->chain = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  inquiry->points = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_inquiry_point_free);
  inquiry->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) meeting_free);

  if (!load_chain (store, inquiry, record, privacy, error) ||
      !load_points (store, inquiry, privacy, error) ||
      !load_meetings (store, inquiry, privacy, error))
    return NULL;
  return g_steal_pointer (&inquiry);
}

/**
 * cb_inquiry_count_points:
 * @cycle: an index in the chain
 *
 * Returns: how many data points the cycle at @cycle has
 */
guint
cb_inquiry_count_points (const CbInquiry *inquiry,
                         guint            cycle)
{
  guint n = 0;

  for (guint i = 0; i < inquiry->points->len; i++)
    if (((CbInquiryPoint *) g_ptr_array_index (inquiry->points, i))->cycle == cycle)
      n++;
  return n;
}

/**
 * cb_inquiry_latest:
 * @cycle: an index in the chain
 *
 * Returns: (nullable): the last data point of the cycle at @cycle
 */
const CbInquiryPoint *
cb_inquiry_latest (const CbInquiry *inquiry,
                   guint            cycle)
{
  const CbInquiryPoint *latest = NULL;

  for (guint i = 0; i < inquiry->points->len; i++)
    {
      const CbInquiryPoint *p = g_ptr_array_index (inquiry->points, i);

      if (p->cycle == cycle)
        latest = p;
    }
  return latest;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * cb_inquiry_median:
 * @values: (array length=n): the values
 *
 * Returns: the median of @values (the mean of the middle two for an
 *   even count), 0 for none
 */
double
cb_inquiry_median (const double *values,
                   guint         n)
{
  g_autofree double *sorted = NULL;

  if (n == 0)
    return 0;
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * cb_inquiry_start_next:
 * @uuid: an inquiry cycle
 * @today: YYYY-MM-DD, the new cycle's start
 *
 * Starts the next cycle of @uuid's chain: its previous cycle is @uuid;
 * the team, school, engagement, aim, measure, unit, data plan and
 * privacy are carried over; it is open from @today.
 *
 * Returns: (transfer full): the new cycle's UUID, or %NULL with @error set
 */
char *
cb_inquiry_start_next (CbStore     *store,
                       const char  *uuid,
                       const char  *today,
                       GError     **error)
{
  static const char * const carried[] = {
    "team", "school", "engagement", "aim", "measure", "unit", "data_what", "data_who", "data_when",
  };
  g_autoptr(CbRecord) record = NULL;
  const char *names[G_N_ELEMENTS (carried) + 4];
  const char *values[G_N_ELEMENTS (carried) + 4];
  guint n = 0;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if ((record = cb_store_get (store, uuid, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (record), "inquiry_cycle") != 0 || cb_record_get_deleted (record))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Only a live inquiry cycle can have a next cycle."));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    if (*cb_record_get (record, carried[i]) != '\0')
      {
        names[n] = carried[i];
        values[n++] = cb_record_get (record, carried[i]);
      }
  names[n] = "previous";
  values[n++] = uuid;
  names[n] = "status";
  values[n++] = "open";
  names[n] = CB_FIELD_PRIVACY;
  values[n++] = cb_record_get_privacy (record);
  if (today != NULL && *today != '\0')
    {
      names[n] = "start_date";
      values[n++] = today;
    }
  return cb_store_create (store, "inquiry_cycle", names, values, n, error);
}

typedef struct
{
  char   *previous;
  char   *latest_value;
  char   *latest_date;
  guint   n_points;
} Row;

static void
row_free (Row *row)
{
  g_free (row->previous);
  g_free (row->latest_value);
  g_free (row->latest_date);
  g_free (row);
}

/* Every live cycle that may leave, UUID → Row: its previous cycle and
 * its latest data point that may leave. */
static GHashTable *
read_rows (sqlite3    *db,
           CbPrivacy  *privacy,
           GError    **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) row_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (db, "SELECT r.uuid, k.previous FROM records r JOIN k_inquiry_cycle k ON k.id = r.id "
                             "WHERE r.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
      {
        Row *row = g_new0 (Row, 1);

        row->previous = g_strdup (cb_sql_col_text (stmt, 1));
        g_hash_table_insert (rows, g_strdup (cb_sql_col_text (stmt, 0)), row);
      }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;

  stmt = cb_sql_prepare (db, "SELECT rp.uuid, p.inquiry, p.date, p.value "
                             "FROM k_inquiry_point p JOIN records rp ON rp.id = p.id "
                             "WHERE rp.deleted = 0 AND p.value IS NOT NULL "
                             "ORDER BY p.date IS NULL, p.date, rp.created, rp.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_hash_table_lookup (rows, cb_sql_col_text (stmt, 1));
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (row == NULL || !cb_privacy_record_may_leave (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      row->n_points++;
      g_ascii_formatd (value, sizeof value, "%.6g", sqlite3_column_double (stmt, 3));
      g_free (row->latest_value);
      g_free (row->latest_date);
      row->latest_value = g_strdup (value);
      row->latest_date = g_strdup (cb_sql_col_text (stmt, 2));
    }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The cycle's place in its chain, 1 for the first, counting only the
 * cycles in @rows (those that may leave). */
static guint
chain_position (GHashTable *rows,
                const char *uuid)
{
  guint n = 1;
  Row *row = g_hash_table_lookup (rows, uuid);

  while (row != NULL && *row->previous != '\0' && n <= CB_INQUIRY_MAX_CHAIN)
    {
      row = g_hash_table_lookup (rows, row->previous);
      if (row != NULL)
        n++;
    }
  return n;
}

static const char *
label_of (const char *field,
          const char *value)
{
  return cb_field_choice_label (cb_kind_field (cb_kind_lookup ("inquiry_cycle"), field), value);
}

/**
 * cb_inquiry_write_rows:
 * @privacy: the one rule: rows only for cycles that may leave
 * @schools: UUID → name of the schools that may be named
 * @row: called with a header, then one row per live inquiry cycle
 *
 * The spreadsheet of inquiry cycles: each with its team, school, plan,
 * decision, its place in its chain (counting the cycles that may leave),
 * its previous cycle, its latest value and how many points it has. No
 * private field and no private data point.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_inquiry_write_rows (CbStore           *store,
                       CbPrivacy         *privacy,
                       GHashTable        *schools,
                       CbInquiryRowFunc   row,
                       gpointer           data,
                       GError           **error)
{
  const char *header[] = {
    _("Team"), _("School"), _("Change idea"), _("Aim statement or problem of practice"), _("Measure"),
    _("Unit"), _("Start date"), _("End date"), _("Status"), _("Decision"), _("Cycle in chain"),
    _("Previous cycle ID"), _("Latest value"), _("Latest date"), _("Data points"), _("Cycle ID"),
  };
  sqlite3 *db = cb_store_get_db (store);
  g_autoptr(GHashTable) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if ((rows = read_rows (db, privacy, error)) == NULL)
    return FALSE;
  row (header, G_N_ELEMENTS (header), data);
  stmt = cb_sql_prepare (db, "SELECT r.uuid, k.team, k.school, k.change_idea, k.aim, k.measure, k.unit, "
                             "k.start_date, k.end_date, k.status, k.act "
                             "FROM records r JOIN k_inquiry_cycle k ON k.id = r.id "
                             "WHERE r.deleted = 0 ORDER BY k.start_date IS NULL, k.start_date, r.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *r = g_hash_table_lookup (rows, cb_sql_col_text (stmt, 0));
      const char *school = NULL;
      char position[16], n_points[16];
      const char *fields[G_N_ELEMENTS (header)];

      if (r == NULL)
        continue;
      if (*cb_sql_col_text (stmt, 2) != '\0')
        school = g_hash_table_lookup (schools, cb_sql_col_text (stmt, 2));
      g_snprintf (position, sizeof position, "%u", chain_position (rows, cb_sql_col_text (stmt, 0)));
      g_snprintf (n_points, sizeof n_points, "%u", r->n_points);
      for (guint i = 0; i < 8; i++)
        fields[i] = cb_sql_col_text (stmt, i + 1);
      fields[1] = school ? school : "";
      fields[8] = label_of ("status", cb_sql_col_text (stmt, 9));
      fields[9] = label_of ("act", cb_sql_col_text (stmt, 10));
      fields[10] = position;
      fields[11] = g_hash_table_contains (rows, r->previous) ? r->previous : "";
      fields[12] = r->latest_value ? r->latest_value : "";
      fields[13] = r->latest_date ? r->latest_date : "";
      fields[14] = n_points;
      fields[15] = cb_sql_col_text (stmt, 0);
      row (fields, G_N_ELEMENTS (fields), data);
    }
  return cb_sql_finish (stmt, rc, error);
}
