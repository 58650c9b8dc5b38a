/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Full-text search over every text field of every kind (FTS5, diacritics
 * folded by the unicode61 tokenizer, prefix indexes for typing). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-catalog.h"
#include "cb-store-private.h"
#include "cb-store.h"

#define CB_SEARCH_WINDOW 2000
/* People and schools whose records a name brings along, and how many
 * records each field brings at most. */
#define CB_SEARCH_MAX_NAMED 20
#define CB_SEARCH_MAX_REFERENCING 500
/* Matches counted for "the first 200 of 3,412". */
#define CB_SEARCH_COUNT_MAX 10000

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
  g_free (hit->date);
  g_free (hit->parent_kind);
  g_free (hit->parent_title);
  g_free (hit);
}

static CbSearchHit *
hit_new (sqlite3_stmt *stmt)
{
  CbSearchHit *hit = g_new0 (CbSearchHit, 1);

  hit->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  hit->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  return hit;
}

static gboolean
step_rows_done (CbStore       *self,
                sqlite3_stmt  *stmt,
                int            rc,
                GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* A person or school whose name matches every word typed. */
typedef struct
{
  gint64  id;
  char   *uuid;
  char   *kind;
  char   *name;
} Named;

static void
named_free (Named *named)
{
  if (named == NULL)
    return;
  g_free (named->uuid);
  g_free (named->kind);
  g_free (named->name);
  g_free (named);
}

/* Whether every word of the query begins a word of @title, folded as
 * the index folds them: what `title : ("w1"* "w2"*)` asks of FTS5. */
static gboolean
title_matches (const char *title,
               GPtrArray  *qwords)
{
  g_autoptr(GPtrArray) twords = query_words (title);

  for (guint q = 0; q < qwords->len; q++)
    {
      gboolean found = FALSE;

      for (guint t = 0; t < twords->len && !found; t++)
        found = g_str_has_prefix (g_ptr_array_index (twords, t), g_ptr_array_index (qwords, q));
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The people and schools whose name the query matches. There are a few
 * hundred of them where records run to 100,000: reading their names and
 * matching here costs a fraction of asking the index, which would list
 * every record whose title holds a common word before keeping the
 * people among them. */
static GPtrArray *
find_named (CbStore     *self,
            const char  *text,
            GError     **error)
{
  g_autoptr(GPtrArray) named = g_ptr_array_new_with_free_func ((GDestroyNotify) named_free);
  g_autoptr(GPtrArray) qwords = query_words (text);
  sqlite3_stmt *stmt;
  int rc;

  if (qwords->len == 0)
    return g_steal_pointer (&named);
  stmt = cb_store_prepare (self,
      "SELECT r.id, r.uuid, r.kind, s.title FROM records r JOIN search_text s ON s.id = r.id "
      "WHERE r.kind IN ('person', 'school') AND r.deleted = 0 ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 3);
      Named *n;

      if (named->len >= CB_SEARCH_MAX_NAMED || title == NULL || !title_matches (title, qwords))
        continue;
      n = g_new0 (Named, 1);
      n->id = sqlite3_column_int64 (stmt, 0);
      n->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      n->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      n->name = g_strdup (title);
      g_ptr_array_add (named, n);
    }
  if (!step_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&named);
}

/* Appends to @out the live records that name @named in a REF or REFS
 * field (a child line stands for its parent: attendance for its PD
 * session), of @only_kind when not %NULL, each with a snippet naming
 * the field. @ids holds the row ids already in the results. */
static gboolean
add_referencing (CbStore     *self,
                 const Named *named,
                 const char  *only_kind,
                 guint        max,
                 GHashTable  *ids,
                 GPtrArray   *out,
                 GError     **error)
{
  const CbKind *kinds;
  guint n_kinds;

  kinds = cb_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    {
      const CbKind *kind = &kinds[k];
      const CbField *parent = cb_kind_parent_field (kind);
      const char *shown_kind = parent ? parent->ref_kind : kind->name;

      if (only_kind != NULL && g_strcmp0 (only_kind, shown_kind) != 0)
        continue;
      for (guint f = 0; f < kind->n_fields && out->len < max; f++)
        {
          const CbField *field = &kind->fields[f];
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;
          int rc;

          if ((field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS) ||
              field == parent || g_strcmp0 (field->ref_kind, named->kind) != 0)
            continue;
          {
            /* REF fields have an index; REFS hold uuids between spaces,
             * read in the kind's newest-first order (records_list) so
             * that the LIMIT ends the scan */
            g_autofree char *where = field->type == CB_TYPE_REF
              ? g_strdup_printf ("k.\"%s\" = ?1", field->name)
              : g_strdup_printf ("instr (' ' || k.\"%s\" || ' ', ' ' || ?1 || ' ') > 0 AND r.kind = '%s'",
                                 field->name, kind->name);

            if (parent == NULL)
              sql = g_strdup_printf (
                  "SELECT r.id, r.uuid, r.kind, s.title FROM k_%s k JOIN records r ON r.id = k.id "
                  "JOIN search_text s ON s.id = r.id WHERE %s AND r.deleted = 0 "
                  "ORDER BY r.sort_key DESC, r.id DESC LIMIT ?2", kind->name, where);
            else
              sql = g_strdup_printf (
                  "SELECT p.id, p.uuid, p.kind, s.title FROM k_%s k JOIN records r ON r.id = k.id "
                  "JOIN records p ON p.uuid = k.\"%s\" JOIN search_text s ON s.id = p.id "
                  "WHERE %s AND r.deleted = 0 AND p.deleted = 0 "
                  "ORDER BY p.sort_key DESC, p.id DESC LIMIT ?2", kind->name, parent->name, where);
          }
          stmt = cb_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, named->uuid, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, MIN (max, CB_SEARCH_MAX_REFERENCING));
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              CbSearchHit *hit;

              if (g_hash_table_contains (ids, &id))
                continue;
              hit = hit_new (stmt);
              hit->rank = id;
              /* TRANSLATORS: why a search found a record: "Teacher: Ana Núñez" */
              hit->snippet = g_strdup_printf (_("%s: \002%s\003"), cb_field_get_label (field), named->name);
              g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
              g_ptr_array_add (out, hit);
            }
          if (!step_rows_done (self, stmt, rc, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The date a hit is listed under (its own, or its parent's for a child
 * line) and, for a child line, its parent: two hits that look alike
 * ("Counts on", twice) tell which observation each belongs to. */
static gboolean
add_context (CbStore      *self,
             CbSearchHit  *hit,
             gint64        id,
             GError      **error)
{
  const CbKind *kind = cb_kind_lookup (hit->kind);
  const CbField *parent = kind ? cb_kind_parent_field (kind) : NULL;
  const CbField *sort = kind ? cb_kind_sort_field (kind) : NULL;
  g_autofree char *parent_uuid = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (kind == NULL || (parent == NULL && sort == NULL))
    return TRUE;
  sql = g_strdup_printf ("SELECT %s%s%s FROM k_%s WHERE id = ?",
                         sort ? "\"" : "NULL", sort ? sort->name : "", sort ? "\"" : "",
                         kind->name);
  if (parent != NULL)
    {
      g_free (sql);
      sql = g_strdup_printf ("SELECT %s%s%s, \"%s\" FROM k_%s WHERE id = ?",
                             sort ? "\"" : "NULL", sort ? sort->name : "", sort ? "\"" : "",
                             parent->name, kind->name);
    }
  stmt = cb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      hit->date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (parent != NULL)
        parent_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (parent_uuid != NULL)
    {
      const CbKind *pkind = cb_kind_lookup (parent->ref_kind);
      const CbField *psort = pkind ? cb_kind_sort_field (pkind) : NULL;
      g_autofree char *psql = NULL;

      if (pkind == NULL)
        return TRUE;
      psql = g_strdup_printf ("SELECT s.title, %s%s%s FROM records r JOIN search_text s ON s.id = r.id "
                              "JOIN k_%s k ON k.id = r.id WHERE r.uuid = ?",
                              psort ? "k.\"" : "NULL", psort ? psort->name : "", psort ? "\"" : "",
                              pkind->name);
      stmt = cb_store_prepare (self, psql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, parent_uuid, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          hit->parent_kind = g_strdup (pkind->name);
          hit->parent_title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          if (hit->date == NULL)
            hit->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Whether every word of the query begins a word of @text (folded). */
static gboolean
text_matches (const char *text,
              GPtrArray  *qwords)
{
  g_autoptr(GPtrArray) words = query_words (text);

  for (guint q = 0; q < qwords->len; q++)
    {
      gboolean found = FALSE;

      for (guint w = 0; w < words->len && !found; w++)
        found = g_str_has_prefix (words->pdata[w], qwords->pdata[q]);
      if (!found)
        return FALSE;
    }
  return qwords->len > 0;
}

/* The built-in frameworks and look-fors are indexed in the catalog's
 * English, and shown in the interface language while they hold the
 * catalog's text (see translate_builtin() in cb-store.c). So that the
 * coach finds them by what is shown, their translated name and
 * description are matched here too, and a hit on one of them shows the
 * translated text. They are a few dozen records. */
static gboolean
match_builtin (CbStore     *self,
               const char  *text,
               const char  *kind,
               GHashTable  *ids,
               GPtrArray   *found,
               GError     **error)
{
  g_autoptr(GPtrArray) qwords = query_words (text);
  g_autoptr(GArray) recs = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (kind != NULL && g_strcmp0 (kind, "look_for") != 0 && g_strcmp0 (kind, "framework") != 0)
    return TRUE;
  /* nothing to do while the catalog is not translated */
  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, CB_CATALOG_FIRST_NAME), CB_CATALOG_FIRST_NAME) == 0)
    return TRUE;
  stmt = cb_store_prepare (self,
      "SELECT id FROM records WHERE kind IN ('look_for', 'framework') AND deleted = 0 "
      "AND (?1 IS NULL OR kind = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  if (kind)
    sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (recs, id);
    }
  if (!step_rows_done (self, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < recs->len; i++)
    {
      gint64 id = g_array_index (recs, gint64, i);
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      CbSearchHit *hit = NULL;

      stmt = cb_store_prepare (self,
          "SELECT field, value FROM vals WHERE rec = ? AND replica = '" CB_BUILTIN_REPLICA "' "
          "AND field IN ('name', 'description')", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *field = (const char *) sqlite3_column_text (stmt, 0);
          const char *value = (const char *) sqlite3_column_text (stmt, 1);

          if (g_str_equal (field, "name"))
            {
              g_free (name);
              name = g_strdup (g_dgettext (GETTEXT_PACKAGE, value));
            }
          else
            {
              g_free (description);
              description = g_strdup (g_dgettext (GETTEXT_PACKAGE, value));
            }
        }
      if (!step_rows_done (self, stmt, rc, error))
        return FALSE;
      if (name == NULL && description == NULL)
        continue;

      /* an FTS hit on it shows the translated text */
      for (guint h = 0; h < found->len; h++)
        if ((gint64) ((CbSearchHit *) found->pdata[h])->rank == id)
          hit = found->pdata[h];
      if (hit == NULL)
        {
          g_autofree char *both = g_strconcat (name ? name : "", " ", description, NULL);

          if (!text_matches (both, qwords))
            continue;
          stmt = cb_store_prepare (self,
              "SELECT r.id, r.uuid, r.kind, s.title FROM records r JOIN search_text s ON s.id = r.id "
              "WHERE r.id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              hit = hit_new (stmt);
              hit->rank = id;
              g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
              g_ptr_array_add (found, hit);
              rc = SQLITE_DONE;
            }
          if (!step_rows_done (self, stmt, rc, error))
            return FALSE;
          if (hit == NULL)
            continue;
        }
      if (name != NULL)
        {
          g_free (hit->title);
          hit->title = g_strdup (name);
        }
      g_free (hit->snippet);
      hit->snippet = cb_search_snippet (hit->title, description, text, 10);
    }
  return TRUE;
}

/* How many live records (of @kind) the query matches, counting no
 * further than CB_SEARCH_COUNT_MAX: *@more is set when there are more. */
static gboolean
count_matches (CbStore     *self,
               const char  *query,
               const char  *kind,
               guint       *n,
               gboolean    *more,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
      "SELECT count (*), (SELECT count (*) FROM (SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT ?2)) FROM ("
      "  SELECT rowid AS id FROM fts WHERE fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
      ") m JOIN records r ON r.id = m.id WHERE r.deleted = 0 AND (?3 IS NULL OR r.kind = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, CB_SEARCH_COUNT_MAX + 1);
  if (kind)
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n = MIN ((guint) sqlite3_column_int (stmt, 0), CB_SEARCH_COUNT_MAX);
      *more = sqlite3_column_int (stmt, 1) > CB_SEARCH_COUNT_MAX;
      rc = SQLITE_DONE;
    }
  return step_rows_done (self, stmt, rc, error);
}

/**
 * cb_store_search:
 * @text: what the coach typed
 * @kind: (nullable): only records of this kind
 * @limit: hits to return at most
 *
 * Like cb_store_search_full() without the count.
 *
 * Returns: (transfer full) (element-type CbSearchHit): the hits
 */
GPtrArray *
cb_store_search (CbStore     *self,
                 const char  *text,
                 const char  *kind,
                 guint        limit,
                 GError     **error)
{
  return cb_store_search_full (self, text, kind, limit, NULL, error);
}

/* The newest matches of @query, ranked, into @found (their row ids in
 * @ids and, for now, in their rank). */
static gboolean
find_matches (CbStore     *self,
              const char  *query,
              const char  *kind,
              guint        limit,
              GHashTable  *ids,
              GPtrArray   *found,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Ranking every match of a common word costs time in proportion to
   * the whole database; the newest CB_SEARCH_WINDOW matches (row ids
   * grow with creation) are ranked by bm25 instead, so typing stays fast
   * however many records there are. Records in the Trash or of another
   * kind are filtered after that. */
  stmt = cb_store_prepare (self,
      "SELECT m.id, r.uuid, r.kind, s.title FROM ("
      "  SELECT rowid AS id, bm25 (fts, 8.0, 1.0) AS score"
      "  FROM fts WHERE fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
      ") m JOIN records r ON r.id = m.id JOIN search_text s ON s.id = m.id "
      "WHERE r.deleted = 0 AND (?3 IS NULL OR r.kind = ?3) "
      "ORDER BY m.score, m.id DESC LIMIT ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, CB_SEARCH_WINDOW);
  if (kind)
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbSearchHit *hit = hit_new (stmt);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      hit->rank = id; /* row id until the results are put in order */
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (found, hit);
    }
  return step_rows_done (self, stmt, rc, error);
}

/* Snippets only for the hits shown, made here from the stored text:
 * asking FTS5 for them would set up a prefix query again per hit. */
static gboolean
add_snippets (CbStore     *self,
              const char  *text,
              GPtrArray   *found,
              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "SELECT title, body FROM search_text WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      CbSearchHit *hit = found->pdata[i];

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, (gint64) hit->rank);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        hit->snippet = cb_search_snippet ((const char *) sqlite3_column_text (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          text, 10);
      else
        hit->snippet = g_strdup ("");
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * cb_store_search_full:
 * @text: what the coach typed
 * @kind: (nullable): only records of this kind
 * @limit: hits to return at most
 * @count: (out caller-allocates) (optional): how many records match in
 *   all, to tell "the first 200 of 3,412"
 *
 * Finds live records matching every word, best first (bm25, titles
 * weigh more). A person's or school's name also finds the records that
 * name them (her observations, co-plans, coaching logs, action items,
 * the PD sessions she attended; a school's people and engagements):
 * they follow the person or school, newest first, with a snippet such
 * as "Teacher: Ana Núñez". Each hit carries the date it is listed under
 * and, for a child line, its parent.
 *
 * Returns: (transfer full) (element-type CbSearchHit): the hits
 */
GPtrArray *
cb_store_search_full (CbStore        *self,
                      const char     *text,
                      const char     *kind,
                      guint           limit,
                      CbSearchCount  *count,
                      GError        **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_search_hit_free);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_search_hit_free);
  g_autoptr(GPtrArray) named = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *query = cb_search_build_query (text);
  gboolean referencing;
  guint n_referencing = 0;

  g_return_val_if_fail (CB_IS_STORE (self), NULL);

  if (count != NULL)
    *count = (CbSearchCount) { 0, FALSE };
  if (query == NULL || limit == 0)
    return g_steal_pointer (&hits);
  /* inside an import, what it added may wait to be indexed */
  if (!cb_store_index_pending (self, error))
    return NULL;

  if (!find_matches (self, query, kind, limit, ids, found, error))
    return NULL;

  /* Choosing a person or a school, a name finds only them. */
  referencing = g_strcmp0 (kind, "person") != 0 && g_strcmp0 (kind, "school") != 0;
  if (referencing && (named = find_named (self, text, error)) == NULL)
    return NULL;

  if (!add_snippets (self, text, found, error))
    return NULL;
  if (!match_builtin (self, text, kind, ids, found, error))
    return NULL;

  /* In order: each hit, and after a named person or school the records
   * that name them; named ones beyond the hits come last. */
  for (guint i = 0; i <= found->len && hits->len < limit; i++)
    {
      g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_search_hit_free);

      if (i < found->len)
        {
          CbSearchHit *hit = found->pdata[i];
          found->pdata[i] = NULL;
          g_ptr_array_add (hits, hit);
        }
      for (guint j = 0; named != NULL && j < named->len; j++)
        {
          Named *n = named->pdata[j];

          if (n == NULL || (i < found->len && n->id != (gint64) ((CbSearchHit *) hits->pdata[hits->len - 1])->rank))
            continue;
          /* without a count, only as many as the page still takes */
          if (!add_referencing (self, n, kind,
                                count != NULL ? CB_SEARCH_MAX_REFERENCING : limit - hits->len,
                                ids, more, error))
            return NULL;
          named->pdata[j] = NULL;
          named_free (n);
        }
      n_referencing += more->len;
      while (more->len > 0 && hits->len < limit)
        g_ptr_array_add (hits, g_ptr_array_steal_index (more, 0));
    }

  for (guint i = 0; i < hits->len; i++)
    {
      CbSearchHit *hit = hits->pdata[i];

      if (!add_context (self, hit, (gint64) hit->rank, error))
        return NULL;
      hit->rank = i;
    }

  if (count != NULL)
    {
      count->n = hits->len;
      /* only a query that filled the page or the window has more */
      if (found->len >= MIN (limit, (guint) CB_SEARCH_WINDOW) || hits->len >= limit)
        {
          guint n = 0;
          gboolean more = FALSE;

          if (!count_matches (self, query, kind, &n, &more, error))
            return NULL;
          count->n = MAX (hits->len, n + n_referencing);
          count->more = more;
        }
    }
  return g_steal_pointer (&hits);
}
