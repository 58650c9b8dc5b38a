/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exit tickets: aggregates as pure functions (a Likert item's n,
 * distribution and mean; open answers grouped when they say the same;
 * the year by Guskey level), the loader that feeds them from the store,
 * the usual questions, writing a ticket in one transaction, and the
 * rows of the CSV export. What leaves the laptop is decided by cb-privacy.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-exit-tickets.h"
#include "cb-sql.h"

/**
 * cb_scale_stats_add:
 * @score: an answer; anything but 1 to 5 is no answer and not counted
 */
void
cb_scale_stats_add (CbScaleStats *stats,
                    gint64        score)
{
  g_return_if_fail (stats != NULL);
  if (score < 1 || score > CB_SCALE_MAX)
    return;
  stats->counts[score - 1]++;
  stats->n++;
  stats->sum += (guint) score;
}

void
cb_scale_stats_merge (CbScaleStats       *into,
                      const CbScaleStats *from)
{
  g_return_if_fail (into != NULL && from != NULL);
  for (guint i = 0; i < CB_SCALE_MAX; i++)
    into->counts[i] += from->counts[i];
  into->n += from->n;
  into->sum += from->sum;
}

/**
 * cb_scale_stats_mean:
 *
 * Returns: the mean score, or 0 when nobody answered
 */
double
cb_scale_stats_mean (const CbScaleStats *stats)
{
  g_return_val_if_fail (stats != NULL, 0);
  return stats->n > 0 ? (double) stats->sum / stats->n : 0;
}

/**
 * cb_scale_stats_format_mean:
 *
 * Returns: (transfer full): the mean with one decimal ("4.2"), in the C
 *   locale so a spreadsheet reads it, or "" when nobody answered
 */
char *
cb_scale_stats_format_mean (const CbScaleStats *stats)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (stats != NULL, NULL);
  if (stats->n == 0)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", cb_scale_stats_mean (stats)));
}

/* "Great, the tasks!" and "great the tasks" say the same: case,
 * punctuation and runs of spaces do not count. */
static char *
answer_key (const char *text)
{
  g_autofree char *fold = g_utf8_casefold (text, -1);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = fold; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (space && key->len > 0)
            g_string_append_c (key, ' ');
          space = FALSE;
          g_string_append_unichar (key, c);
        }
      else
        space = TRUE;
    }
  return g_string_free (key, FALSE);
}

static void
answer_group_free (gpointer data)
{
  CbAnswerGroup *g = data;

  g_free (g->text);
  g_free (g);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const CbAnswerGroup *x = *(CbAnswerGroup **) a, *y = *(CbAnswerGroup **) b;

  return x->count == y->count ? 0 : x->count > y->count ? -1 : 1;
}

/**
 * cb_exit_group_answers:
 * @answers: (array length=n_answers): open answers; empty ones are skipped
 *
 * Groups answers that say the same thing (ignoring case, punctuation
 * and spacing), most frequent first, ties in the order first typed.
 *
 * Returns: (transfer full) (element-type CbAnswerGroup): the groups
 */
GPtrArray *
cb_exit_group_answers (const char * const *answers,
                       guint               n_answers)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *groups = g_ptr_array_new_with_free_func (answer_group_free);

  for (guint i = 0; i < n_answers; i++)
    {
      g_autofree char *stripped = NULL;
      char *key;
      CbAnswerGroup *g;

      if (answers[i] == NULL)
        continue;
      stripped = g_strstrip (g_strdup (answers[i]));
      key = answer_key (stripped);
      if (*key == '\0')
        {
          g_free (key);
          continue;
        }
      if ((g = g_hash_table_lookup (by_key, key)) != NULL)
        {
          g->count++;
          g_free (key);
          continue;
        }
      g = g_new0 (CbAnswerGroup, 1);
      g->text = g_steal_pointer (&stripped);
      g->count = 1;
      g_hash_table_insert (by_key, key, g);
      g_ptr_array_add (groups, g);
    }
  /* g_ptr_array_sort is stable from GLib 2.76 only: sort by count then
   * first position by hand for older GLib. */
  for (guint i = 1; i < groups->len; i++)
    for (guint j = i; j > 0 && compare_groups (&groups->pdata[j - 1], &groups->pdata[j]) > 0; j--)
      {
        gpointer t = groups->pdata[j];
        groups->pdata[j] = groups->pdata[j - 1];
        groups->pdata[j - 1] = t;
      }
  return groups;
}

static void
exit_item_free (gpointer data)
{
  CbExitItem *item = data;

  g_free (item->uuid);
  g_free (item->prompt);
  g_free (item->type);
  g_free (item->level);
  g_ptr_array_unref (item->answers);
  g_free (item);
}

void
cb_exit_summary_free (CbExitSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->session);
  g_free (summary->title);
  g_free (summary->date);
  g_ptr_array_unref (summary->items);
  g_free (summary);
}

/**
 * cb_exit_summary_build:
 * @questions: (array length=n_questions): the session's questions in order
 * @tickets: (array length=n_tickets): the tickets counted
 * @answers: (array length=n_answers): their answers, in ticket order
 *
 * Aggregates a session's tickets: for each question the n,
 * distribution and mean of its scores, and its open answers. An answer
 * to a question or from a ticket not given is not counted.
 *
 * Returns: (transfer full): the summary
 */
CbExitSummary *
cb_exit_summary_build (const CbExitQuestionIn *questions,
                       guint                   n_questions,
                       const char * const     *tickets,
                       guint                   n_tickets,
                       const CbExitAnswerIn   *answers,
                       guint                   n_answers)
{
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  CbExitSummary *summary = g_new0 (CbExitSummary, 1);

  summary->items = g_ptr_array_new_with_free_func (exit_item_free);
  for (guint i = 0; i < n_questions; i++)
    {
      CbExitItem *item = g_new0 (CbExitItem, 1);

      item->uuid = g_strdup (questions[i].uuid);
      item->prompt = g_strdup (questions[i].prompt ? questions[i].prompt : "");
      item->type = g_strdup (questions[i].type ? questions[i].type : "scale");
      item->level = g_strdup (questions[i].level);
      item->answers = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (summary->items, item);
      if (item->uuid != NULL)
        g_hash_table_insert (items, item->uuid, item);
    }
  for (guint i = 0; i < n_tickets; i++)
    if (tickets[i] != NULL && g_hash_table_add (known, (gpointer) tickets[i]))
      summary->n_tickets++;
  for (guint i = 0; i < n_answers; i++)
    {
      const CbExitAnswerIn *a = &answers[i];
      CbExitItem *item = a->question ? g_hash_table_lookup (items, a->question) : NULL;

      if (item == NULL || a->ticket == NULL || !g_hash_table_contains (known, a->ticket))
        continue;
      if (g_strcmp0 (item->type, "free_text") == 0)
        {
          if (a->text != NULL && *a->text != '\0')
            g_ptr_array_add (item->answers, g_strdup (a->text));
        }
      else
        cb_scale_stats_add (&item->stats, a->score);
    }
  return summary;
}

int
cb_guskey_level_from_string (const char *level)
{
  for (int i = 0; i < CB_GUSKEY_N_LEVELS; i++)
    if (g_strcmp0 (level, cb_guskey_level_to_string (i)) == 0)
      return i;
  return -1;
}

const char *
cb_guskey_level_to_string (CbGuskeyLevel level)
{
  static const char * const names[] = { "reaction", "learning", "use" };

  g_return_val_if_fail (level < CB_GUSKEY_N_LEVELS, NULL);
  return names[level];
}

/**
 * cb_exit_levels_combine:
 * @summaries: (element-type CbExitSummary): sessions' summaries
 * @levels: (out caller-allocates): the scale answers of every session by
 *   Guskey level; a question without a level is not counted
 */
void
cb_exit_levels_combine (GPtrArray    *summaries,
                        CbScaleStats  levels[CB_GUSKEY_N_LEVELS])
{
  memset (levels, 0, sizeof (CbScaleStats) * CB_GUSKEY_N_LEVELS);
  for (guint s = 0; summaries != NULL && s < summaries->len; s++)
    {
      CbExitSummary *summary = g_ptr_array_index (summaries, s);

      for (guint i = 0; i < summary->items->len; i++)
        {
          CbExitItem *item = g_ptr_array_index (summary->items, i);
          int level = cb_guskey_level_from_string (item->level);

          if (level >= 0 && g_strcmp0 (item->type, "free_text") != 0)
            cb_scale_stats_merge (&levels[level], &item->stats);
        }
    }
}

static gboolean
may_leave (CbPrivacy  *privacy,
           const char *uuid)
{
  return privacy == NULL || cb_privacy_record_may_leave (privacy, uuid);
}

static gboolean
load_questions (CbStore    *store,
                const char *session,
                CbPrivacy  *privacy,
                GArray     *questions,
                GPtrArray  *keep,
                GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid, k.prompt, k.type, k.level FROM records r "
                         "JOIN k_exit_question k ON k.id = r.id WHERE k.session = ? AND r.deleted = 0 "
                         "ORDER BY k.position IS NULL, k.position, r.created, r.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, session, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbExitQuestionIn q = { 0 };

      if (!may_leave (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      for (int c = 0; c < 4; c++)
        g_ptr_array_add (keep, g_strdup ((const char *) sqlite3_column_text (stmt, c)));
      q.uuid = g_ptr_array_index (keep, keep->len - 4);
      q.prompt = g_ptr_array_index (keep, keep->len - 3);
      q.type = g_ptr_array_index (keep, keep->len - 2);
      q.level = g_ptr_array_index (keep, keep->len - 1);
      g_array_append_val (questions, q);
    }
  return cb_sql_finish (stmt, rc, error);
}

static gboolean
load_answers (CbStore    *store,
              const char *session,
              CbPrivacy  *privacy,
              GPtrArray  *tickets,
              GArray     *answers,
              GPtrArray  *keep,
              GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid FROM records r JOIN k_exit_ticket k ON k.id = r.id "
                         "WHERE k.session = ? AND r.deleted = 0 ORDER BY k.number, r.created, r.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, session, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (may_leave (privacy, cb_sql_col_text (stmt, 0)))
      {
        g_ptr_array_add (keep, g_strdup (cb_sql_col_text (stmt, 0)));
        g_ptr_array_add (tickets, g_ptr_array_index (keep, keep->len - 1));
      }
  if (!cb_sql_finish (stmt, rc, error))
    return FALSE;

  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT ra.uuid, a.ticket, a.question, a.score, a.text FROM records ra "
                         "JOIN k_exit_answer a ON a.id = ra.id JOIN records rt ON rt.uuid = a.ticket "
                         "JOIN k_exit_ticket t ON t.id = rt.id "
                         "WHERE t.session = ? AND ra.deleted = 0 ORDER BY t.number, ra.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, session, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbExitAnswerIn a = { 0 };

      if (!may_leave (privacy, cb_sql_col_text (stmt, 0)))
        continue;
      for (int c = 1; c < 3; c++)
        g_ptr_array_add (keep, g_strdup (cb_sql_col_text (stmt, c)));
      g_ptr_array_add (keep, g_strdup (cb_sql_col_text (stmt, 4)));
      a.ticket = g_ptr_array_index (keep, keep->len - 3);
      a.question = g_ptr_array_index (keep, keep->len - 2);
      a.text = g_ptr_array_index (keep, keep->len - 1);
      a.score = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 3);
      g_array_append_val (answers, a);
    }
  return cb_sql_finish (stmt, rc, error);
}

/**
 * cb_exit_summary_load:
 * @session: a PD session
 * @privacy: (nullable): for an output, the privacy rule: questions,
 *   tickets and answers that may not leave are not counted (a session
 *   that may not leave gives an empty summary). %NULL on screen.
 *
 * Returns: (transfer full) (nullable): the session's summary
 */
CbExitSummary *
cb_exit_summary_load (CbStore     *store,
                      const char  *session,
                      CbPrivacy   *privacy,
                      GError     **error)
{
  g_autoptr(GArray) questions = g_array_new (FALSE, TRUE, sizeof (CbExitQuestionIn));
  g_autoptr(GArray) answers = g_array_new (FALSE, TRUE, sizeof (CbExitAnswerIn));
  g_autoptr(GPtrArray) tickets = g_ptr_array_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CbRecord) record = NULL;
  CbExitSummary *summary;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  if ((record = cb_store_get (store, session, error)) == NULL)
    return NULL;
  if (may_leave (privacy, session) &&
      (!load_questions (store, session, privacy, questions, keep, error) ||
       !load_answers (store, session, privacy, tickets, answers, keep, error)))
    return NULL;
  summary = cb_exit_summary_build ((CbExitQuestionIn *) questions->data, questions->len,
                                   (const char * const *) tickets->pdata, tickets->len,
                                   (CbExitAnswerIn *) answers->data, answers->len);
  summary->session = g_strdup (session);
  summary->title = g_strdup (may_leave (privacy, session) ? cb_record_get_title (record) : "");
  summary->date = g_strdup (cb_record_get (record, "date"));
  return summary;
}

static const CbExitTemplateQuestion template[] = {
  { N_("The session was a good use of my time."), "scale", "reaction" },
  { N_("The facilitators modeled what they asked us to do."), "scale", "reaction" },
  { N_("I understand the key ideas of today's session."), "scale", "learning" },
  { N_("What is one idea you are taking away?"), "free_text", "learning" },
  { N_("I will use something from today in my classroom within two weeks."), "scale", "use" },
  { N_("What will you try first, and with which class?"), "free_text", "use" },
};

/**
 * cb_exit_template:
 *
 * Returns: (array length=n_questions): the usual questions, untranslated
 */
const CbExitTemplateQuestion *
cb_exit_template (guint *n_questions)
{
  if (n_questions)
    *n_questions = G_N_ELEMENTS (template);
  return template;
}

/**
 * cb_exit_add_template:
 *
 * Adds the usual questions, in the coach's language, after the
 * session's own, in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_exit_add_template (CbStore     *store,
                      const char  *session,
                      GError     **error)
{
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  if ((existing = cb_store_children (store, "exit_question", session, error)) == NULL ||
      !cb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (template); i++)
    {
      g_autofree char *position = g_strdup_printf ("%u", existing->len + i + 1);
      g_autofree char *uuid = NULL;
      const char *names[] = { "session", "position", "prompt", "type", "level" };
      const char *values[] = { session, position, g_dgettext (GETTEXT_PACKAGE, template[i].prompt),
                               template[i].type, template[i].level };

      if ((uuid = cb_store_create (store, "exit_question", names, values, 5, error)) == NULL)
        {
          cb_store_rollback (store);
          return FALSE;
        }
    }
  return cb_store_commit (store, error);
}

/**
 * cb_exit_add_ticket:
 * @respondent: (nullable): the person answering, or %NULL for anonymous
 * @questions: (array length=n): the questions answered
 * @values: (array length=n): each answer: a score "1" to "5" or text;
 *   an empty one is not written
 *
 * Writes one ticket, numbered after the session's last, with its
 * answers, in one transaction: a ticket is whole or not there.
 *
 * Returns: (transfer full) (nullable): the ticket's UUID
 */
char *
cb_exit_add_ticket (CbStore            *store,
                    const char         *session,
                    const char         *respondent,
                    const char * const *questions,
                    const char * const *values,
                    guint               n,
                    GError            **error)
{
  g_autoptr(GPtrArray) tickets = NULL;
  g_autofree char *number = NULL;
  g_autofree char *ticket = NULL;
  gint64 last = 0;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  if (!cb_store_begin (store, error))
    return NULL;
  if ((tickets = cb_store_children (store, "exit_ticket", session, error)) == NULL)
    goto fail;
  for (guint i = 0; i < tickets->len; i++)
    last = MAX (last, cb_record_get_int (g_ptr_array_index (tickets, i), "number"));
  number = g_strdup_printf ("%" G_GINT64_FORMAT, last + 1);
  {
    const char *names[] = { "session", "number", "respondent" };
    const char *vals[] = { session, number, respondent && *respondent ? respondent : NULL };

    if ((ticket = cb_store_create (store, "exit_ticket", names, vals, vals[2] ? 3 : 2, error)) == NULL)
      goto fail;
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbRecord) q = NULL;
      g_autofree char *uuid = NULL;
      gboolean text;
      const char *names[] = { "ticket", "question", NULL };
      const char *vals[] = { ticket, questions[i], values[i] };

      if (values[i] == NULL || *values[i] == '\0')
        continue;
      if ((q = cb_store_get (store, questions[i], error)) == NULL)
        goto fail;
      text = g_strcmp0 (cb_record_get (q, "type"), "free_text") == 0;
      names[2] = text ? "text" : "score";
      if ((uuid = cb_store_create (store, "exit_answer", names, vals, 3, error)) == NULL)
        goto fail;
    }
  if (!cb_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&ticket);

fail:
  cb_store_rollback (store);
  return NULL;
}

/* The label of @choice as a value of an exit question's @field. */
static const char *
label_or_empty (const char *field,
                const char *choice)
{
  return cb_field_choice_label (cb_kind_field (cb_kind_lookup ("exit_question"), field), choice);
}

static gboolean
append_session_rows (CbStore       *store,
                     CbPrivacy     *privacy,
                     GHashTable    *people,
                     CbExitSummary *summary,
                     CbExitRowFunc  row,
                     gpointer       data,
                     GError       **error)
{
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < summary->items->len; i++)
    {
      CbExitItem *item = g_ptr_array_index (summary->items, i);
      g_hash_table_insert (items, item->uuid, item);
    }
  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT ra.uuid, rt.uuid, t.number, t.respondent, a.question, a.score, a.text "
                         "FROM records ra JOIN k_exit_answer a ON a.id = ra.id "
                         "JOIN records rt ON rt.uuid = a.ticket JOIN k_exit_ticket t ON t.id = rt.id "
                         "WHERE t.session = ? AND ra.deleted = 0 AND rt.deleted = 0 ORDER BY t.number, ra.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, summary->session, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbExitItem *item = g_hash_table_lookup (items, cb_sql_col_text (stmt, 4));
      const char *person = cb_sql_col_text (stmt, 3);
      const char *name = *person ? g_hash_table_lookup (people, person) : NULL;
      const char *fields[9];

      if (item == NULL || !may_leave (privacy, cb_sql_col_text (stmt, 0)) ||
          !may_leave (privacy, cb_sql_col_text (stmt, 1)))
        continue;
      fields[0] = summary->title;
      fields[1] = summary->date;
      fields[2] = cb_sql_col_text (stmt, 2);
      fields[3] = name ? name : *person ? "" : _("Anonymous");
      fields[4] = item->prompt;
      fields[5] = label_or_empty ("level", item->level);
      fields[6] = cb_sql_col_text (stmt, 5);
      fields[7] = cb_sql_col_text (stmt, 6);
      fields[8] = summary->session;
      row (fields, G_N_ELEMENTS (fields), data);
    }
  return cb_sql_finish (stmt, rc, error);
}

static void
append_aggregate_rows (CbExitSummary *summary,
                       CbExitRowFunc  row,
                       gpointer       data)
{
  for (guint i = 0; i < summary->items->len; i++)
    {
      CbExitItem *item = g_ptr_array_index (summary->items, i);
      gboolean text = g_strcmp0 (item->type, "free_text") == 0;
      g_autofree char *tickets = g_strdup_printf ("%u", summary->n_tickets);
      g_autofree char *n = g_strdup_printf ("%u", text ? item->answers->len : item->stats.n);
      g_autofree char *mean = text ? g_strdup ("") : cb_scale_stats_format_mean (&item->stats);
      char counts[CB_SCALE_MAX][16];
      const char *fields[7 + CB_SCALE_MAX + 1];

      fields[0] = summary->title;
      fields[1] = summary->date;
      fields[2] = tickets;
      fields[3] = item->prompt;
      fields[4] = label_or_empty ("level", item->level);
      fields[5] = label_or_empty ("type", item->type);
      fields[6] = n;
      for (guint c = 0; c < CB_SCALE_MAX; c++)
        {
          g_snprintf (counts[c], sizeof counts[c], "%u", item->stats.counts[c]);
          fields[7 + c] = text ? "" : counts[c];
        }
      fields[7 + CB_SCALE_MAX] = mean;
      row (fields, G_N_ELEMENTS (fields), data);
    }
}

/**
 * cb_exit_write_rows:
 * @privacy: the privacy rule; nothing it keeps in is written
 * @people: UUID → name of the people that may be named
 * @aggregates: %FALSE for one row per answer, %TRUE for one row per
 *   question of each session: tickets, answers, the distribution 1–5
 *   and the mean
 * @row: called with each row, the header first
 *
 * Returns: %TRUE on success
 */
gboolean
cb_exit_write_rows (CbStore        *store,
                    CbPrivacy      *privacy,
                    GHashTable     *people,
                    gboolean        aggregates,
                    CbExitRowFunc   row,
                    gpointer        data,
                    GError        **error)
{
  const char *answers_header[] = {
    _("Session"), _("Date"), _("Ticket"), _("Respondent"), _("Question"), _("Level"),
    _("Score"), _("Answer"), _("Session ID"),
  };
  const char *aggregates_header[] = {
    _("Session"), _("Date"), _("Tickets"), _("Question"), _("Level"), _("Type of answer"),
    _("Answers"), "1", "2", "3", "4", "5", _("Mean"),
  };
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (store) && privacy != NULL && people != NULL && row != NULL, FALSE);

  if (aggregates)
    row (aggregates_header, G_N_ELEMENTS (aggregates_header), data);
  else
    row (answers_header, G_N_ELEMENTS (answers_header), data);
  stmt = cb_sql_prepare (cb_store_get_db (store),
                         "SELECT r.uuid FROM records r JOIN k_pd_session k ON k.id = r.id "
                         "WHERE r.deleted = 0 AND r.uuid IN (SELECT session FROM k_exit_question) "
                         "ORDER BY k.date, k.start_time, k.title, r.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (may_leave (privacy, cb_sql_col_text (stmt, 0)))
      g_ptr_array_add (sessions, g_strdup (cb_sql_col_text (stmt, 0)));
  if (!cb_sql_finish (stmt, rc, error))
    return FALSE;
  for (guint i = 0; i < sessions->len; i++)
    {
      g_autoptr(CbExitSummary) summary = cb_exit_summary_load (store, g_ptr_array_index (sessions, i),
                                                                privacy, error);
      if (summary == NULL)
        return FALSE;
      if (aggregates)
        append_aggregate_rows (summary, row, data);
      else if (!append_session_rows (store, privacy, people, summary, row, data, error))
        return FALSE;
    }
  return TRUE;
}
