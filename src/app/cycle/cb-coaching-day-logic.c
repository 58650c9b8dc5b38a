/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-coaching-day-logic.h"
#include "cb-cycle.h"
#include "cb-steps.h"

/**
 * cb_coaching_day_create:
 * @teacher: a person
 * @date: the day, YYYY-MM-DD
 * @focus: (nullable): look-fors to watch
 * @engagement: (nullable): the engagement the day counts for
 * @coaches: coaches on the day (the contract's "two coaches on each
 *   day"), 0 if not given
 *
 * "Coaching day": a co-plan, its observation and the day's coaching
 * log (with co-planning, observation and debrief activities whose
 * minutes the coach types), all linked to each other, in one
 * transaction. With @engagement, the observation and the log name it,
 * so the engagement's dashboard counts the day by that link rather
 * than by school and date. The three join the teacher's open coaching
 * cycle (cb_cycle_open_for_teacher()), if there is one.
 *
 * Returns: (transfer full) (nullable): the co-plan's UUID
 */
char *
cb_coaching_day_create (CbStore     *store,
                        const char  *teacher,
                        const char  *date,
                        const char  *focus,
                        const char  *engagement,
                        guint        coaches,
                        GError     **error)
{
  static const char * const activities[] = { "coplanning", "observation", "debrief" };
  g_autofree char *coaches_text = coaches > 0 ? g_strdup_printf ("%u", coaches) : NULL;
  g_autoptr(CbRecord) person = NULL;
  g_autofree char *coplan = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *log = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *cycle = NULL;
  const char *school;
  CbFields f;
  gboolean ok;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (teacher != NULL && date != NULL, NULL);

  if ((person = cb_store_get (store, teacher, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (person), "person") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("A coaching day needs a teacher."));
      return NULL;
    }
  if (engagement != NULL && *engagement != '\0')
    {
      g_autoptr(CbRecord) eng = cb_store_get (store, engagement, error);

      if (eng == NULL)
        return NULL;
      if (g_strcmp0 (cb_record_get_kind (eng), "engagement") != 0 || cb_record_get_deleted (eng))
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("Choose an engagement, or none."));
          return NULL;
        }
    }
  school = cb_record_get (person, "school");
  /* TRANSLATORS: the summary of a new coaching log; %s is a teacher */
  summary = g_strdup_printf (_("Coaching day with %s"),
                             cb_record_get_title (person) ? cb_record_get_title (person) : "");

  cycle = cb_cycle_open_for_teacher (store, teacher, date, NULL);

  if (!cb_store_begin (store, error))
    return NULL;
  cb_fields_init (&f);
  cb_fields_add (&f, "teachers", teacher);
  cb_fields_add (&f, "school", school);
  cb_fields_add (&f, "date", date);
  cb_fields_add (&f, "look_fors", focus);
  cb_fields_add (&f, "cycle", cycle);
  coplan = cb_fields_create (&f, store, "coplan", error);
  ok = coplan != NULL;

  if (ok)
    {
      cb_fields_add (&f, "teacher", teacher);
      cb_fields_add (&f, "school", school);
      cb_fields_add (&f, "date", date);
      cb_fields_add (&f, "focus", focus);
      cb_fields_add (&f, "coplan", coplan);
      cb_fields_add (&f, "engagement", engagement);
      cb_fields_add (&f, "cycle", cycle);
      obs = cb_fields_create (&f, store, "observation", error);
      ok = obs != NULL;
    }
  if (ok)
    ok = cb_store_set (store, coplan, "observation", obs, error);
  if (ok)
    {
      cb_fields_add (&f, "summary", summary);
      cb_fields_add (&f, "date", date);
      cb_fields_add (&f, "teachers", teacher);
      cb_fields_add (&f, "mode", "one_on_one");
      cb_fields_add (&f, "school", school);
      cb_fields_add (&f, "engagement", engagement);
      cb_fields_add (&f, "focus", focus);
      cb_fields_add (&f, "coplan", coplan);
      cb_fields_add (&f, "observation", obs);
      cb_fields_add (&f, "coaches", coaches_text);
      cb_fields_add (&f, "cycle", cycle);
      log = cb_fields_create (&f, store, "coaching_log", error);
      ok = log != NULL;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (activities); i++)
    {
      g_autofree char *pos = g_strdup_printf ("%u", i);
      g_autofree char *seg = NULL;

      cb_fields_add (&f, "log", log);
      cb_fields_add (&f, "position", pos);
      cb_fields_add (&f, "activity", activities[i]);
      seg = cb_fields_create (&f, store, "segment", error);
      ok = seg != NULL;
    }
  cb_fields_clear (&f);
  if (!cb_step_finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&coplan);
}
