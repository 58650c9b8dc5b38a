/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-coplan-logic.h"
#include "cb-cycle.h"
#include "cb-steps.h"

/**
 * cb_coplan_observe:
 * @coplan: a co-plan
 * @today: today's date, YYYY-MM-DD
 *
 * "Observe this lesson": the co-plan's observation if it has one (not
 * in the Trash); else a new observation of its first teacher, with the
 * lesson, school and look-fors to watch as focus, linked both ways,
 * in the co-plan's coaching cycle (or the teacher's open one, see
 * cb_cycle_open_for_teacher()), and a monitoring-chart row for each
 * anticipated strategy. One
 * transaction: all of it or nothing.
 *
 * Returns: (transfer full) (nullable): the observation's UUID
 */
char *
cb_coplan_observe (CbStore     *store,
                   const char  *coplan,
                   const char  *today,
                   GError     **error)
{
  g_autoptr(CbRecord) plan = NULL;
  g_autofree char *teacher = NULL;
  g_autofree char *school = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *cycle = NULL;
  g_auto(GStrv) strategies = NULL;
  const char *linked;
  const char *date;
  CbFields f;
  gboolean ok = TRUE, private;
  guint position = 0;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (coplan != NULL, NULL);

  if ((plan = cb_store_get (store, coplan, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (plan), "coplan") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Only a co-plan can be observed."));
      return NULL;
    }
  linked = cb_record_get (plan, "observation");
  if (linked != NULL && *linked != '\0')
    {
      g_autoptr(CbRecord) existing = cb_store_get (store, linked, NULL);

      if (existing != NULL && !cb_record_get_deleted (existing))
        return g_strdup (linked);
    }

  teacher = cb_step_first_ref (cb_record_get (plan, "teachers"));
  school = g_strdup (cb_record_get (plan, "school"));
  if (school == NULL || *school == '\0')
    {
      g_free (school);
      school = cb_step_school_of (store, teacher);
    }
  date = cb_record_get (plan, "date");
  if (date == NULL || today == NULL || g_strcmp0 (date, today) < 0)
    date = today;

  /* the co-plan's coaching cycle, else the teacher's open one */
  cycle = g_strdup (cb_record_get (plan, "cycle"));
  if (cycle == NULL || *cycle == '\0')
    {
      g_free (cycle);
      cycle = cb_cycle_open_for_teacher (store, teacher, date, NULL);
    }

  private = cb_step_is_private (store, plan);
  if (!cb_store_begin (store, error))
    return NULL;
  cb_fields_init (&f);
  cb_fields_add (&f, "lesson", cb_record_get (plan, "lesson"));
  cb_fields_add (&f, "teacher", teacher);
  cb_fields_add (&f, "school", school);
  cb_fields_add (&f, "date", date);
  cb_fields_add (&f, "focus", cb_record_get (plan, "look_fors"));
  cb_fields_add (&f, "coplan", coplan);
  cb_fields_add (&f, "cycle", cycle);
  if (private)
    cb_fields_add (&f, CB_FIELD_PRIVACY, "private");
  obs = cb_fields_create (&f, store, "observation", error);
  ok = obs != NULL;

  strategies = g_strsplit (cb_record_get (plan, "strategies") ? cb_record_get (plan, "strategies") : "", "\n", -1);
  for (guint i = 0; ok && strategies[i]; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (strategies[i]));
      g_autofree char *pos = g_strdup_printf ("%u", position);
      g_autofree char *uuid = NULL;

      if (*line == '\0')
        continue;
      position++;
      cb_fields_add (&f, "observation", obs);
      cb_fields_add (&f, "position", pos);
      cb_fields_add (&f, "strategy", line);
      cb_fields_add (&f, "seen", "0");
      if (private)
        cb_fields_add (&f, CB_FIELD_PRIVACY, "private");
      uuid = cb_fields_create (&f, store, "monitor", error);
      ok = uuid != NULL;
    }
  if (ok)
    ok = cb_store_set (store, coplan, "observation", obs, error);
  cb_fields_clear (&f);
  if (!cb_step_finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&obs);
}
