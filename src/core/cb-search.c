/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Full-text search over every text field of every kind (FTS5, diacritics
 * folded by the unicode61 tokenizer, prefix indexes for typing). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-store-private.h"
#include "cb-store.h"

#define CB_SEARCH_WINDOW 2000

/**
 * cb_search_build_query:
 * @text: what the coach typed
 *
 * Turns typed text into an FTS5 query: every word is quoted, so that
 * `-`, `:`, `*`, `"` or `AND` are never syntax, and made a prefix, so
 * that results follow the typing. Words are ANDed.
 *
 * Returns: (transfer full) (nullable): the MATCH expression, or %NULL
 *   when @text holds no word
 */
char *
cb_search_build_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  words = g_strsplit_set (text, " \t\n\r", -1);
  for (guint i = 0; words[i]; i++)
    {
      gboolean has_word_char = FALSE;

      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          {
            has_word_char = TRUE;
            break;
          }
      /* A token of punctuation only would be an empty phrase. */
      if (!has_word_char)
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Folds a word the way the index does: lower case, accents removed. */
static char *
fold_word (const char *word,
           gssize      len)
{
  g_autofree char *lower = g_utf8_casefold (word, len);
  g_autofree char *nfd = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);
      if (t != G_UNICODE_NON_SPACING_MARK && t != G_UNICODE_SPACING_MARK &&
          t != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The words of the query, folded. */
static GPtrArray *
query_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (p && *p)
    {
      const char *start;
      while (*p && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, fold_word (start, p - start));
    }
  return words;
}

typedef struct
{
  const char *start;
  const char *end;
  gboolean    hit;
} Word;

/**
 * cb_search_snippet:
 * @title: (nullable): the record's title
 * @body: (nullable): its other text
 * @query: what the coach typed
 * @n_words: about how many words to show
 *
 * Returns: (transfer full): a short excerpt around the first match, the
 *   matched words between \x02 and \x03, "…" where text was cut
 */
char *
cb_search_snippet (const char *title,
                   const char *body,
                   const char *query,
                   guint       n_words)
{
  g_autoptr(GPtrArray) qwords = query_words (query);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *text = body && *body ? body : (title ? title : "");
  GString *out;
  gint first = -1;
  guint from, to;
  const char *p;

  /* the body shows more context; fall back to the title when only the
   * title matches */
  for (int pass = 0; pass < 2 && first < 0; pass++)
    {
      if (pass == 1)
        text = title ? title : "";
      g_array_set_size (words, 0);
      for (p = text; *p;)
        {
          Word w;
          while (*p && !is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          w.start = p;
          while (*p && is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p == w.start)
            break;
          w.end = p;
          w.hit = FALSE;
          {
            g_autofree char *folded = fold_word (w.start, w.end - w.start);
            for (guint q = 0; q < qwords->len; q++)
              if (g_str_has_prefix (folded, g_ptr_array_index (qwords, q)))
                w.hit = TRUE;
          }
          if (w.hit && first < 0)
            first = words->len;
          g_array_append_val (words, w);
        }
    }

  if (words->len == 0)
    return g_strdup ("");
  if (first < 0)
    first = 0;
  from = first > (gint) n_words / 3 ? first - n_words / 3 : 0;
  to = MIN (words->len, from + n_words);

  out = g_string_new (NULL);
  if (from > 0)
    g_string_append (out, "…");
  for (guint i = from; i < to; i++)
    {
      Word *w = &g_array_index (words, Word, i);
      const char *gap_end = i + 1 < to ? g_array_index (words, Word, i + 1).start : w->end;

      if (w->hit)
        g_string_append_c (out, '\002');
      g_string_append_len (out, w->start, w->end - w->start);
      if (w->hit)
        g_string_append_c (out, '\003');
      /* keep the punctuation and spaces between words, lines become spaces */
      for (const char *q = w->end; q < gap_end; q++)
        g_string_append_c (out, *q == '\n' || *q == '\t' || *q == '\r' ? ' ' : *q);
    }
  if (to < words->len)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

void
cb_search_hit_free (CbSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->uuid);
  g_free (hit->kind);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/**
 * cb_store_search:
 * @text: what the coach typed
 * @kind: (nullable): only records of this kind
 * @limit: hits to return at most
 *
 * Returns: (transfer full) (element-type CbSearchHit): live records
 *   matching every word, best first (bm25, titles weigh more)
 */
GPtrArray *
cb_store_search (CbStore     *self,
                 const char  *text,
                 const char  *kind,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_search_hit_free);
  g_autofree char *query = cb_search_build_query (text);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  if (query == NULL || limit == 0)
    return g_steal_pointer (&hits);
  /* inside an import, what it added may wait to be indexed */
  if (!cb_store_index_pending (self, error))
    return NULL;

  /* Ranking every match of a common word costs time in proportion to
   * the whole database; the newest CB_SEARCH_WINDOW matches (row ids
   * grow with creation) are ranked by bm25 instead, so typing stays fast
   * however many records there are. Records in the Trash, of another
   * kind or child lines are filtered after that. */
  stmt = cb_store_prepare (self,
      "SELECT r.uuid, r.kind, s.title, m.id FROM ("
      "  SELECT rowid AS id, bm25 (fts, 8.0, 1.0) AS score"
      "  FROM fts WHERE fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
      ") m JOIN records r ON r.id = m.id JOIN search_text s ON s.id = m.id "
      "WHERE r.deleted = 0 AND (?3 IS NULL OR r.kind = ?3) "
      "ORDER BY m.score, m.id DESC LIMIT ?4", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, CB_SEARCH_WINDOW);
  if (kind)
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbSearchHit *hit = g_new0 (CbSearchHit, 1);
      hit->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->rank = sqlite3_column_int64 (stmt, 3); /* row id until the snippet is made */
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return NULL;
    }

  /* Snippets only for the hits shown, made here from the stored text:
   * asking FTS5 for them would set up a prefix query again per hit. */
  stmt = cb_store_prepare (self, "SELECT title, body FROM search_text WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      CbSearchHit *hit = hits->pdata[i];

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, (gint64) hit->rank);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        hit->snippet = cb_search_snippet ((const char *) sqlite3_column_text (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          text, 10);
      else
        hit->snippet = g_strdup ("");
      hit->rank = i;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&hits);
}
