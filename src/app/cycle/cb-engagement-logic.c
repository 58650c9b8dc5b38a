/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-engagement-logic.h"
#include "cb-locale.h"

static void
clear_bar (gpointer data)
{
  CbDeliveredBar *bar = data;

  g_free (bar->text);
}

static char *
days_text (guint  delivered,
           gint64 planned)
{
  if (planned <= 0)
    /* TRANSLATORS: days delivered when the engagement planned none */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day, none planned",
                                         "%u days, none planned", delivered), delivered);
  if (delivered > planned)
    /* TRANSLATORS: more days delivered than planned: "10 of 8, 2 over" */
    return g_strdup_printf (_("%u of %d, %d over"), delivered, (int) planned, (int) (delivered - planned));
  /* TRANSLATORS: "3 of 8" days delivered of those planned */
  return g_strdup_printf (_("%u of %d"), delivered, (int) planned);
}

/**
 * cb_delivered_bars:
 *
 * Returns: (transfer full) (element-type CbDeliveredBar): the rows of
 *   the engagement dashboard: launch PD days, PD days, coaching days
 *   and hours, each delivered against planned
 */
GArray *
cb_delivered_bars (const CbDelivered *d)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (CbDeliveredBar));
  CbDeliveredBar bar;

  g_array_set_clear_func (bars, clear_bar);
  g_return_val_if_fail (d != NULL, bars);

  bar.label = _("Launch PD days");
  bar.planned = d->planned_launch_days;
  bar.delivered = d->launch_days;
  bar.text = days_text (d->launch_days, d->planned_launch_days);
  g_array_append_val (bars, bar);

  bar.label = _("PD days");
  bar.planned = d->planned_pd_days;
  bar.delivered = d->pd_days;
  bar.text = days_text (d->pd_days, d->planned_pd_days);
  g_array_append_val (bars, bar);

  bar.label = _("Coaching days");
  bar.planned = d->planned_coaching_days;
  bar.delivered = d->coaching_days;
  bar.text = days_text (d->coaching_days, d->planned_coaching_days);
  g_array_append_val (bars, bar);

  /* the contract's "two coaches on each day" */
  if (d->planned_coaches_per_day > 1 || d->coach_days > d->coaching_days)
    {
      bar.label = _("Coach days");
      bar.planned = d->planned_coach_days;
      bar.delivered = d->coach_days;
      bar.text = days_text (d->coach_days, d->planned_coach_days);
      g_array_append_val (bars, bar);
    }

  bar.label = _("Hours");
  bar.planned = d->planned_hours;
  bar.delivered = d->hours;
  {
    g_autofree char *done = cb_format_hours_duration (d->hours);
    g_autofree char *planned = cb_format_hours_duration (d->planned_hours);

    if (d->planned_hours > 0 && d->hours > d->planned_hours)
      {
        g_autofree char *over = cb_format_hours_duration (d->hours - d->planned_hours);

        /* TRANSLATORS: more time delivered than planned, "187 h 55 min of 86 h, 101 h 55 min over" */
        bar.text = g_strdup_printf (_("%s of %s, %s over"), done, planned, over);
      }
    else if (d->planned_hours > 0)
      /* TRANSLATORS: time delivered of time planned, "23 h 5 min of 120 h" */
      bar.text = g_strdup_printf (_("%s of %s"), done, planned);
    else
      /* TRANSLATORS: time delivered, "23 h 5 min, none planned" */
      bar.text = g_strdup_printf (_("%s, none planned"), done);
  }
  g_array_append_val (bars, bar);
  return bars;
}

/* ------------------------------------------------------ engagements */

/**
 * cb_engagement_choice_new:
 * @schools: (nullable): school UUIDs separated by spaces (a REFS value)
 *
 * Returns: (transfer full): an engagement with the plan
 *   cb_plan_covers() reads
 */
CbEngagementChoice *
cb_engagement_choice_new (const char *uuid,
                          const char *name,
                          const char *schools,
                          const char *start_date,
                          const char *end_date)
{
  CbEngagementChoice *choice = g_new0 (CbEngagementChoice, 1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (schools ? schools : "", " ", -1);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (b, parts[i]);
  choice->uuid = g_strdup (uuid);
  choice->name = g_strdup (name ? name : "");
  choice->schools = g_strv_builder_end (b);
  choice->start_date = g_strdup (start_date);
  choice->end_date = g_strdup (end_date);
  choice->plan.uuid = choice->uuid;
  choice->plan.schools = (const char * const *) choice->schools;
  choice->plan.start_date = choice->start_date;
  choice->plan.end_date = choice->end_date;
  return choice;
}

void
cb_engagement_choice_free (CbEngagementChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->uuid);
  g_free (choice->name);
  g_strfreev (choice->schools);
  g_free (choice->start_date);
  g_free (choice->end_date);
  g_free (choice);
}

/* A handful per coach: one per client and school year. */
#define MAX_ENGAGEMENTS 1000

/**
 * cb_engagement_choices_load:
 *
 * Returns: (transfer full) (nullable) (element-type CbEngagementChoice):
 *   the live engagements, newest first
 */
GPtrArray *
cb_engagement_choices_load (CbStore  *store,
                            GError  **error)
{
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *out;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  filter.kind = "engagement";
  if ((records = cb_store_list (store, &filter, MAX_ENGAGEMENTS, error)) == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_engagement_choice_free);
  for (guint i = 0; i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);

      CbEngagementChoice *choice = cb_engagement_choice_new (cb_record_get_uuid (r), cb_record_get_title (r),
                                                             cb_record_get (r, "schools"),
                                                             cb_record_get (r, "start_date"),
                                                             cb_record_get (r, "end_date"));

      choice->plan.planned_coaches_per_day = cb_record_get_int (r, "coaches_per_day");
      g_ptr_array_add (out, choice);
    }
  return out;
}

/**
 * cb_engagement_guess:
 * @choices: (element-type CbEngagementChoice): the engagements
 * @school: (nullable): the teacher's school
 * @date: (nullable): the coaching day
 *
 * Returns: the index of the one engagement that covers @school on
 *   @date (cb_plan_covers()), or -1 when none does or several do: the
 *   coach picks then
 */
int
cb_engagement_guess (GPtrArray  *choices,
                     const char *school,
                     const char *date)
{
  int found = -1;

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      CbEngagementChoice *c = g_ptr_array_index (choices, i);

      if (!cb_plan_covers (&c->plan, NULL, school, date))
        continue;
      if (found >= 0)
        return -1;
      found = (int) i;
    }
  return found;
}
