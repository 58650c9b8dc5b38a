/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder's accounting (see cb-sync.c for the whole): the
 * summaries that let a file go unparsed, what this laptop remembers of
 * the files and ranges it imported, the listing of the folder, and the
 * files left out and why. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cb-store-private.h"
#include "cb-sync-private.h"

/* ---------------------------------------------------------- summaries */

char *
_cb_sync_hash (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The root's "covers" attribute, from the file's first bytes: the
 * importer checks the whole file later; here it only decides whether
 * to parse it at all. */
char *
_cb_sync_covers_of (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *root, *end, *at, *quote;
  gsize head = MIN (len, 4096);

  root = g_strstr_len (data, head, "<coachbook");
  if (root == NULL)
    return NULL;
  end = memchr (root, '>', head - (root - data));
  if (end == NULL)
    return NULL;
  at = g_strstr_len (root, end - root, " covers=\"");
  if (at == NULL)
    return NULL;
  at += strlen (" covers=\"");
  quote = memchr (at, '"', end - at);
  return quote ? g_strndup (at, quote - at) : NULL;
}


/* "replica:first-last …" → Ranges; FALSE when it says nothing usable. */
static gboolean
parse_covers (const char *covers,
              GArray     *out)
{
  g_auto(GStrv) items = NULL;

  if (covers == NULL || covers[0] == '\0')
    return FALSE;
  items = g_strsplit (covers, " ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      Range r = { { 0 }, 0, 0 };
      char *colon = strchr (items[i], ':');
      char *end;

      if (colon == NULL || colon - items[i] != CB_REPLICA_LEN)
        return FALSE;
      memcpy (r.replica, items[i], CB_REPLICA_LEN);
      r.first = g_ascii_strtoll (colon + 1, &end, 10);
      if (*end != '-')
        return FALSE;
      r.last = g_ascii_strtoll (end + 1, &end, 10);
      if (*end != '\0' || r.first < 1 || r.last < r.first || !cb_replica_is_valid (r.replica))
        return FALSE;
      g_array_append_val (out, r);
    }
  return out->len > 0;
}

/* Whether every counter of @r is in a range imported before. */
static gboolean
range_covered (Sync        *s,
               const Range *r)
{
  sqlite3_stmt *stmt;
  gint64 next = r->first;

  stmt = cb_store_prepare (s->store,
                           "SELECT first, last FROM sync_ranges WHERE replica = ?1 AND last >= ?2 "
                           "ORDER BY first", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->replica, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, r->first);
  while (next <= r->last && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) > next)
        break;
      next = MAX (next, sqlite3_column_int64 (stmt, 1) + 1);
    }
  sqlite3_reset (stmt);
  return next > r->last;
}

static gboolean
file_covered (Sync       *s,
              const char *covers)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));

  if (!parse_covers (covers, ranges))
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    if (!range_covered (s, &g_array_index (ranges, Range, i)))
      return FALSE;
  return TRUE;
}

/* A conflict copy a sync engine made (Syncthing's "sync-conflict",
 * Nextcloud's and Dropbox's "conflicted copy"): its text may differ from
 * the original's under the same stamps, so its summary proves nothing. */
static gboolean
is_conflict_copy (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return strstr (lower, "conflict") != NULL;
}

/* Whether @bytes end as a whole exchange file does: a copy cut short
 * still has its root's summary, and must be parsed to be named. */
static gboolean
ends_whole (GBytes *bytes)
{
  static const char end[] = "</coachbook>";
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  while (len > 0 && g_ascii_isspace (data[len - 1]))
    len--;
  return len >= strlen (end) && memcmp (data + len - strlen (end), end, strlen (end)) == 0;
}

/* Whether @f can be left unparsed: the same bytes as a file imported
 * before, or a whole file (not a conflict copy) whose ranges were all
 * imported. */
gboolean
_cb_sync_already_had (Sync        *s,
                      const Found *f)
{
  if (g_hash_table_contains (s->hashes, f->hash))
    return TRUE;
  return !is_conflict_copy (f->name) && ends_whole (f->bytes) && file_covered (s, f->covers);
}

/* ------------------------------------------------------------ memory */

gboolean
_cb_sync_remember_file (Sync        *s,
                        const Found *f,
                        GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (s->store,
      "INSERT OR REPLACE INTO sync_files (folder, name, size, mtime, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, f->size);
  sqlite3_bind_int64 (stmt, 4, f->mtime);
  sqlite3_bind_text (stmt, 5, f->hash ? f->hash : "", -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (s->store, stmt, error))
    return FALSE;
  if (f->hash != NULL)
    g_hash_table_add (s->hashes, g_strdup (f->hash));
  return TRUE;
}

static gboolean
remember_ranges (Sync        *s,
                 const char  *covers,
                 GError     **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  sqlite3_stmt *stmt;

  if (!parse_covers (covers, ranges))
    return TRUE;
  stmt = cb_store_prepare (s->store, "INSERT OR IGNORE INTO sync_ranges VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *r = &g_array_index (ranges, Range, i);

      sqlite3_bind_text (stmt, 1, r->replica, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, r->first);
      sqlite3_bind_int64 (stmt, 3, r->last);
      if (!cb_store_step_done (s->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Files imported (or known) in one transaction: a crash before it only
 * means reading them again, which changes nothing. */
gboolean
_cb_sync_remember_files (Sync       *s,
                         GPtrArray  *files,
                         gboolean    with_ranges,
                         GError    **error)
{
  if (files->len == 0)
    return TRUE;
  if (!cb_store_begin (s->store, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      Found *f = g_ptr_array_index (files, i);

      if (!_cb_sync_remember_file (s, f, error) ||
          (with_ranges && !remember_ranges (s, f->covers, error)))
        {
          cb_store_rollback (s->store);
          return FALSE;
        }
    }
  return cb_store_commit (s->store, error);
}

void
_cb_sync_load_known (Sync *s)
{
  sqlite3_stmt *stmt = cb_store_prepare (s->store,
      "SELECT name, size, mtime, hash FROM sync_files WHERE folder = ?1", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, s->folder, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 3);

      g_hash_table_insert (s->known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                            (gint64) sqlite3_column_int64 (stmt, 1),
                                            (gint64) sqlite3_column_int64 (stmt, 2), hash));
      if (hash[0] != '\0')
        g_hash_table_add (s->hashes, g_strdup (hash));
    }
  sqlite3_reset (stmt);
}

gboolean
_cb_sync_is_known (Sync        *s,
                   const Found *f)
{
  const char *seen = g_hash_table_lookup (s->known, f->name);
  g_autofree char *now = NULL;
  const char *space;

  if (seen == NULL)
    return FALSE;
  space = strchr (seen, ' ');
  space = space ? strchr (space + 1, ' ') : NULL;
  now = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GINT64_FORMAT, f->size, f->mtime);
  return space != NULL && strncmp (seen, now, space - seen) == 0 && strlen (now) == (gsize) (space - seen);
}

/* --------------------------------------------------------- listing */

static void
add_found (Sync       *s,
           const char *dir,
           const char *prefix,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;
  Found *f;

  switch (cb_sync_classify_name (name))
    {
    case CB_SYNC_NAME_BUSY:
      s->report->n_files++;
      s->report->n_busy++;
      return;
    case CB_SYNC_NAME_OTHER:
      return;
    case CB_SYNC_NAME_EXCHANGE:
    default:
      break;
    }
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return;
  f = g_new0 (Found, 1);
  f->name = prefix ? g_strconcat (prefix, "/", name, NULL) : g_strdup (name);
  f->path = g_steal_pointer (&path);
  f->size = st.st_size;
  f->mtime = st.st_mtime;
  g_ptr_array_add (s->found, f);
  s->report->n_files++;
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(Found * const *) a)->name, (*(Found * const *) b)->name);
}

/* The folder's exchange files, at its top and one folder down (one
 * folder per laptop); hidden folders (.stfolder, .stversions) aside. */
gboolean
_cb_sync_list_folder (Sync    *s,
                      GError **error)
{
  g_autoptr(GDir) top = g_dir_open (s->folder, 0, error);
  const char *name;

  if (top == NULL)
    {
      g_prefix_error (error, _("The sync folder cannot be read: "));
      return FALSE;
    }
  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub = g_build_filename (s->folder, name, NULL);
      g_autoptr(GDir) dir = NULL;
      const char *inner;

      if (!g_file_test (sub, G_FILE_TEST_IS_DIR))
        {
          add_found (s, s->folder, NULL, name);
          continue;
        }
      if (name[0] == '.' || (dir = g_dir_open (sub, 0, NULL)) == NULL)
        continue;
      /* named after the import: a first file brings its author's name */
      if (cb_replica_is_valid (name) && strcmp (name, s->replica) != 0)
        g_ptr_array_add (s->report->colleagues, g_strdup (name));
      while ((inner = g_dir_read_name (dir)) != NULL)
        add_found (s, sub, name, inner);
    }
  g_ptr_array_sort (s->found, compare_found);
  return TRUE;
}

/* ---------------------------------------------------------- problems */

/* Names @f as left out, for @why. Whether its problem is new (not named
 * by an earlier sync, by name, size and hash) is noted too, so the app
 * shows a file's problem once. */
void
_cb_sync_add_skipped (Sync        *s,
                      const Found *f,
                      const char  *why)
{
  g_autofree char *key = g_strdup_printf ("%s %" G_GUINT64_FORMAT " %s", f->name, f->size,
                                          f->hash ? f->hash : "");
  g_autofree char *base = g_path_get_basename (f->name);
  g_autofree char *own = g_strdup_printf ("%s: ", base);
  const char *at = strstr (why, f->name);
  char *line;

  /* the name once: the importer's message starts with it in the
   * language's quotes (“…”, «…»), a read's with its base name */
  if (at != NULL && at - why <= 4)
    {
      const char *end = at + strlen (f->name);

      why = end;
      while (*why != '\0' && *why != ',' && *why != ':' && why - end < 4)
        why++;
    }
  else if (g_str_has_prefix (why, own))
    why += strlen (own) - 1;
  while (*why == ',' || *why == ':' || *why == ' ')
    why++;
  line = g_strdup_printf ("%s: %s", f->name, why);

  g_ptr_array_add (s->report->skipped, line);
  if (!g_hash_table_contains (s->problems, key))
    g_ptr_array_add (s->report->skipped_new, g_strdup (line));
  g_ptr_array_add (s->problems_now, g_steal_pointer (&key));
}

static char *
problems_key (Sync *s)
{
  return g_strconcat ("sync-problems ", s->folder, NULL);
}

void
_cb_sync_load_problems (Sync *s)
{
  g_autofree char *key = problems_key (s);
  g_autofree char *text = cb_store_meta_get (s->store, key);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_hash_table_add (s->problems, g_strdup (lines[i]));
}

/* The problems of this sync replace the last ones: a file mended, then
 * broken again, is named again. */
gboolean
_cb_sync_note_problems (Sync    *s,
                        GError **error)
{
  g_autofree char *key = problems_key (s);
  g_autofree char *text = NULL;

  g_ptr_array_add (s->problems_now, NULL);
  text = g_strjoinv ("\n", (char **) s->problems_now->pdata);
  g_ptr_array_set_size (s->problems_now, s->problems_now->len - 1);
  if (s->problems_now->len == 0 && g_hash_table_size (s->problems) == 0)
    return TRUE;
  return cb_store_meta_set (s->store, key, text, error);
}
