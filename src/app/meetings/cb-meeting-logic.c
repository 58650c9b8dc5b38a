/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cb-meeting-logic.h"

/* What a team's next meeting keeps from this one. */
static const char * const carried[] = {
  "title", "meeting_type", "team", "school", "engagement", "attendees", "roles_present",
};

/**
 * cb_meeting_next_values:
 * @meeting: a meeting
 * @names: (element-type utf8): filled with the next meeting's fields
 * @values: (element-type utf8): filled with their values
 *
 * The fields the team's next meeting starts with: the same title, kind,
 * team, school, engagement and people present, and @meeting as its
 * previous meeting. Its date and everything said are left to it.
 */
void
cb_meeting_next_values (CbRecord  *meeting,
                        GPtrArray *names,
                        GPtrArray *values)
{
  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    {
      const char *value = cb_record_get (meeting, carried[i]);

      if (value == NULL || *value == '\0')
        continue;
      g_ptr_array_add (names, g_strdup (carried[i]));
      g_ptr_array_add (values, g_strdup (value));
    }
  g_ptr_array_add (names, g_strdup ("previous"));
  g_ptr_array_add (values, g_strdup (cb_record_get_uuid (meeting)));
}

/**
 * cb_meeting_item_is_open:
 * @item: an action item
 *
 * Returns: whether @item is still to be done (carried to the next
 *   meeting): neither done nor dropped
 */
gboolean
cb_meeting_item_is_open (CbRecord *item)
{
  const char *status = cb_record_get (item, "status");

  return g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "dropped") != 0;
}
