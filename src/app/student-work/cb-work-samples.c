/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cb-image.h"
#include "cb-sql.h"
#include "cb-work-logic.h"
#include "cb-work-samples.h"

static void
sample_free (gpointer data)
{
  CbWorkSample *s = data;

  g_free (s->uuid);
  g_free (s->parent);
  g_free (s->title);
  g_free (s->level);
  g_free (s->students);
  g_clear_object (&s->thumbnail);
  g_free (s);
}

void
cb_work_samples_free (CbWorkSamples *samples)
{
  if (samples == NULL)
    return;
  g_clear_pointer (&samples->samples, g_ptr_array_unref);
  g_strfreev (samples->levels);
  g_free (samples);
}

/* The unit of the cycle @uuid is, or links to (an observation's, a
 * log's, a monitoring-chart strategy's observation's), or NULL. */
static char *
cycle_unit (sqlite3    *db,
            const char *uuid)
{
  sqlite3_stmt *stmt = cb_sql_prepare (db,
    "WITH c (uuid) AS ("
    "  SELECT ?1 UNION ALL SELECT k.cycle FROM k_observation k JOIN records r ON r.id = k.id WHERE r.uuid = ?1"
    "  UNION ALL SELECT k.cycle FROM k_coaching_log k JOIN records r ON r.id = k.id WHERE r.uuid = ?1"
    "  UNION ALL SELECT o.cycle FROM k_monitor m JOIN records r ON r.id = m.id "
    "    JOIN records ro ON ro.uuid = m.observation JOIN k_observation o ON o.id = ro.id WHERE r.uuid = ?1) "
    "SELECT k.unit FROM c JOIN records r ON r.uuid = c.uuid JOIN k_cycle k ON k.id = r.id "
    "WHERE r.deleted = 0 LIMIT 1", NULL);
  char *unit = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    unit = g_strdup (cb_sql_col_text (stmt, 0));
  sqlite3_finalize (stmt);
  return unit;
}

/* The parents whose samples are shown: @parent, and with RELATED the
 * live records linked to it. */
static const char *parents_sql =
  "WITH p (uuid) AS ("
  "  SELECT ?1 "
  "  UNION SELECT r.uuid FROM k_observation k JOIN records r ON r.id = k.id WHERE ?2 AND k.cycle = ?1 AND r.deleted = 0"
  "  UNION SELECT r.uuid FROM k_coaching_log k JOIN records r ON r.id = k.id WHERE ?2 AND k.cycle = ?1 AND r.deleted = 0"
  "  UNION SELECT r.uuid FROM k_monitor m JOIN records r ON r.id = m.id WHERE ?2 AND r.deleted = 0 AND m.observation IN "
  "    (SELECT ?1 UNION SELECT ro.uuid FROM k_observation o JOIN records ro ON ro.id = o.id "
  "     WHERE o.cycle = ?1 AND ro.deleted = 0)) "
  "SELECT r.uuid, k.parent, k.title, k.level, k.students, k.thumbnail FROM p "
  "JOIN k_student_work k ON k.parent = p.uuid JOIN records r ON r.id = k.id WHERE r.deleted = 0 "
  "ORDER BY k.parent <> ?1, k.position IS NULL, k.position, r.created, r.id";

/**
 * cb_work_samples_load:
 * @parent: the record whose samples to read
 *
 * Reads the samples with their thumbnails decoded: slow for many,
 * call it on a worker thread (cb_store_work_async()).
 *
 * Returns: (transfer full): the samples, or %NULL with @error set
 */
CbWorkSamples *
cb_work_samples_load (CbStore             *store,
                      const char          *parent,
                      CbWorkSamplesFlags   flags,
                      GCancellable        *cancellable,
                      GError             **error)
{
  sqlite3 *db = cb_store_get_db (store);
  g_autofree char *unit = cycle_unit (db, parent);
  g_autoptr(CbWorkSamples) out = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (db, parents_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (flags & CB_WORK_SAMPLES_RELATED) != 0);
  out = g_new0 (CbWorkSamples, 1);
  out->samples = g_ptr_array_new_with_free_func (sample_free);
  out->levels = cb_work_levels (unit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbWorkSample *s;
      const char *thumb = cb_sql_col_text (stmt, 5);

      if (g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_finalize (stmt);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
      s = g_new0 (CbWorkSample, 1);
      s->uuid = g_strdup (cb_sql_col_text (stmt, 0));
      s->parent = g_strdup (cb_sql_col_text (stmt, 1));
      s->title = g_strdup (cb_sql_col_text (stmt, 2));
      s->level = g_strdup (cb_sql_col_text (stmt, 3));
      s->students = g_strdup (cb_sql_col_text (stmt, 4));
      /* a damaged thumbnail shows as none; the sample stays */
      if (*thumb != '\0')
        s->thumbnail = cb_image_decode_stored (thumb, NULL);
      g_ptr_array_add (out->samples, s);
    }
  if (!cb_sql_finish (stmt, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}
