/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-action-logic.h"
#include "cb-steps.h"

gboolean
cb_action_filter_matches (CbActionFilter filter,
                          CbActionState  state)
{
  switch (filter)
    {
    case CB_ACTION_FILTER_OPEN:
      return state == CB_ACTION_OPEN || state == CB_ACTION_DUE || state == CB_ACTION_OVERDUE;
    case CB_ACTION_FILTER_DUE:
      return state == CB_ACTION_DUE;
    case CB_ACTION_FILTER_OVERDUE:
      return state == CB_ACTION_OVERDUE;
    case CB_ACTION_FILTER_DONE:
      return state == CB_ACTION_DONE || state == CB_ACTION_DROPPED;
    default:
      return FALSE;
    }
}

static int
state_rank (CbActionState state)
{
  switch (state)
    {
    case CB_ACTION_OVERDUE:
      return 0;
    case CB_ACTION_DUE:
      return 1;
    case CB_ACTION_OPEN:
      return 2;
    case CB_ACTION_DONE:
      return 3;
    case CB_ACTION_DROPPED:
    default:
      return 4;
    }
}

/**
 * cb_action_compare:
 *
 * The action list's order: overdue, due, open, then done and dropped;
 * the oldest due date first among open items (undated last), the
 * newest first among finished ones.
 */
int
cb_action_compare (const char    *due_a,
                   CbActionState  state_a,
                   const char    *due_b,
                   CbActionState  state_b)
{
  int ra = state_rank (state_a), rb = state_rank (state_b);
  gboolean ea = due_a == NULL || *due_a == '\0';
  gboolean eb = due_b == NULL || *due_b == '\0';
  int c;

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ea != eb)
    return ea ? 1 : -1;
  if (ea)
    return 0;
  c = strcmp (due_a, due_b);
  return ra >= 3 ? -c : c;
}


/**
 * cb_action_item_create:
 * @owner: (nullable): who does it
 * @due: (nullable): YYYY-MM-DD
 * @source: (nullable): the record it came from
 *
 * An open action item. One that comes from a private record is private
 * too, so its text never leaves the laptop when its source does not.
 *
 * Returns: (transfer full) (nullable): its UUID
 */
char *
cb_action_item_create (CbStore     *store,
                       const char  *text,
                       const char  *owner,
                       const char  *due,
                       const char  *source,
                       GError     **error)
{
  g_autoptr(CbRecord) from = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  CbFields f;
  char *uuid;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  if (*stripped == '\0')
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Type what is to be done first."));
      return NULL;
    }
  if (source != NULL && *source != '\0')
    from = cb_store_get (store, source, NULL);
  cb_fields_init (&f);
  cb_fields_add (&f, "text", stripped);
  cb_fields_add (&f, "owner", owner);
  cb_fields_add (&f, "due", due);
  cb_fields_add (&f, "status", "open");
  cb_fields_add (&f, "source", source);
  if (from != NULL && cb_step_is_private (store, from))
    cb_fields_add (&f, CB_FIELD_PRIVACY, "private");
  uuid = cb_fields_create (&f, store, "action_item", error);
  cb_fields_clear (&f);
  return uuid;
}
