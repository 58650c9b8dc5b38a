/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-agenda-logic.h"
#include "cb-steps.h"

/**
 * cb_agenda_block_message:
 * @problems: (element-type CbAgendaProblem): from cb_agenda_problems()
 *
 * Returns: (transfer full) (nullable): the problems of block @index,
 *   one per line, or %NULL
 */
char *
cb_agenda_block_message (GPtrArray *problems,
                         guint      index)
{
  GString *out = NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      CbAgendaProblem *p = g_ptr_array_index (problems, i);

      if (p->first != index && p->second != index)
        continue;
      if (out == NULL)
        out = g_string_new (p->message);
      else
        g_string_append_printf (out, "\n%s", p->message);
    }
  return out ? g_string_free (out, FALSE) : NULL;
}

/**
 * cb_normalize_time:
 * @text: what was typed: "9:05", "09:05", " 14:30 " or ""
 *
 * Returns: (transfer full) (nullable): "HH:MM", "" for nothing typed,
 *   or %NULL if @text is not a time
 */
char *
cb_normalize_time (const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  int m;

  if (*t == '\0')
    return g_strdup ("");
  m = cb_time_to_minutes (t);
  if (m < 0)
    return NULL;
  return g_strdup_printf ("%02d:%02d", m / 60, m % 60);
}

/**
 * cb_agenda_try_times:
 * @blocks: (array length=n_blocks): the agenda as it is stored
 * @index: the block being edited
 * @start: its new start as typed
 * @end: its new end as typed
 * @message: (out) (optional) (transfer full): why the times are refused
 *
 * Whether block @index may take the new times: they must be times (or
 * both empty), the end after the start, inside the session, and not
 * overlap another block. Problems between other blocks (after an
 * import, say) do not hold this edit back.
 *
 * Returns: %TRUE if the times may be written
 */
gboolean
cb_agenda_try_times (const CbAgendaBlock *blocks,
                     guint                n_blocks,
                     guint                index,
                     const char          *start,
                     const char          *end,
                     const char          *session_start,
                     const char          *session_end,
                     char               **message)
{
  g_autofree CbAgendaBlock *copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *s = cb_normalize_time (start);
  g_autofree char *e = cb_normalize_time (end);
  char *text;

  g_return_val_if_fail (index < n_blocks, FALSE);

  if (message)
    *message = NULL;
  copy = g_memdup2 (blocks, sizeof (CbAgendaBlock) * n_blocks);
  /* Something that is not a time is checked as such by the agenda
   * rules, which name the block. */
  copy[index].start = s ? s : start;
  copy[index].end = e ? e : end;
  problems = cb_agenda_problems (copy, n_blocks, session_start, session_end);
  text = cb_agenda_block_message (problems, index);
  if (text == NULL)
    return TRUE;
  if (message)
    *message = text;
  else
    g_free (text);
  return FALSE;
}

/**
 * cb_agenda_next_slot:
 * @minutes: the length of the new block
 * @start: (out) (transfer full)
 * @end: (out) (transfer full)
 *
 * Where a new block goes: after the last one, or at the session's
 * start, cut at the session's end.
 *
 * Returns: %FALSE if there is no room (the block starts unscheduled)
 */
gboolean
cb_agenda_next_slot (const CbAgendaBlock *blocks,
                     guint                n_blocks,
                     const char          *session_start,
                     const char          *session_end,
                     int                  minutes,
                     char               **start,
                     char               **end)
{
  int s = cb_time_to_minutes (session_start);
  int se = cb_time_to_minutes (session_end);
  int e;

  *start = *end = NULL;
  for (guint i = 0; i < n_blocks; i++)
    {
      int be = cb_time_to_minutes (blocks[i].end);
      int bs = cb_time_to_minutes (blocks[i].start);

      if (bs >= 0 && be > bs)
        s = MAX (s, be);
    }
  if (s < 0)
    return FALSE;
  e = MIN (s + minutes, 23 * 60 + 59);
  if (se > 0 && e > se)
    e = se;
  if (e <= s)
    return FALSE;
  *start = g_strdup_printf ("%02d:%02d", s / 60, s % 60);
  *end = g_strdup_printf ("%02d:%02d", e / 60, e % 60);
  return TRUE;
}

/**
 * cb_session_hours:
 *
 * Returns: the hours from @start to @end, 0 if unknown
 */
double
cb_session_hours (const char *start,
                  const char *end)
{
  int s = cb_time_to_minutes (start);
  int e = cb_time_to_minutes (end);

  if (s < 0 || e <= s)
    return 0;
  return (e - s) / 60.0;
}

/**
 * cb_format_hours:
 *
 * Returns: (transfer full): @hours as the store keeps numbers: "1.5",
 *   "2", "0.75"
 */
char *
cb_format_hours (double hours)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *out;
  gsize len;

  if (hours < 0)
    hours = 0;
  g_ascii_formatd (buf, sizeof buf, "%.2f", hours);
  out = g_strdup (buf);
  len = strlen (out);
  while (len > 0 && out[len - 1] == '0')
    out[--len] = '\0';
  if (len > 0 && out[len - 1] == '.')
    out[--len] = '\0';
  return out;
}


/**
 * cb_pd_session_duplicate:
 *
 * "Duplicate as template": a new, undated session with the plan of
 * @session (title, times, place, format, audience, engagement,
 * objectives) and a copy of its agenda; not its sign-in, exit tickets,
 * reflection or private notes, which belong to the day it happened.
 *
 * Returns: (transfer full) (nullable): the new session's UUID
 */
char *
cb_pd_session_duplicate (CbStore     *store,
                         const char  *session,
                         GError     **error)
{
  static const char * const copied[] = {
    "start_time", "end_time", "location", "format", "audience", "engagement",
    "launch", "objectives", CB_FIELD_PRIVACY,
  };
  static const char * const agenda_fields[] = {
    "start_time", "end_time", "title", "facilitator", "materials", "audience", CB_FIELD_PRIVACY,
  };
  g_autoptr(CbRecord) source = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autofree char *title = NULL;
  g_autofree char *copy = NULL;
  CbFields f;
  gboolean ok;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  if ((source = cb_store_get (store, session, error)) == NULL)
    return NULL;
  if (g_strcmp0 (cb_record_get_kind (source), "pd_session") != 0)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Only a PD session can be duplicated as a template."));
      return NULL;
    }
  if ((agenda = cb_store_children (store, "agenda_item", session, error)) == NULL)
    return NULL;
  /* TRANSLATORS: the title of a session duplicated as a template */
  title = g_strdup_printf (_("%s (copy)"), cb_record_get (source, "title") ? cb_record_get (source, "title") : "");

  if (!cb_store_begin (store, error))
    return NULL;
  cb_fields_init (&f);
  cb_fields_add (&f, "title", title);
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    cb_fields_add (&f, copied[i], cb_record_get (source, copied[i]));
  copy = cb_fields_create (&f, store, "pd_session", error);
  ok = copy != NULL;
  for (guint i = 0; ok && i < agenda->len; i++)
    {
      CbRecord *block = g_ptr_array_index (agenda, i);
      g_autofree char *uuid = NULL;

      cb_fields_add (&f, "session", copy);
      for (guint j = 0; j < G_N_ELEMENTS (agenda_fields); j++)
        cb_fields_add (&f, agenda_fields[j], cb_record_get (block, agenda_fields[j]));
      uuid = cb_fields_create (&f, store, "agenda_item", error);
      ok = uuid != NULL;
    }
  cb_fields_clear (&f);
  if (!cb_step_finish (store, ok, error))
    return NULL;
  return g_steal_pointer (&copy);
}
