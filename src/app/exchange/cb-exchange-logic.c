/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The words of the import preview and of the sync folder, and which
 * files of a sync folder are a colleague's. No GTK here. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cb-exchange-logic.h"

/* Undo snapshots older than this are removed when a new one is made. */
#define SNAPSHOT_MAX_AGE_S (24 * 3600)

const char *
cb_import_outcome_label (CbMergeOutcome outcome)
{
  switch (outcome)
    {
    case CB_MERGE_ADDED:
      return _("New");
    case CB_MERGE_UPDATED:
      return _("Updated");
    case CB_MERGE_CONFLICT:
      return _("Two versions");
    case CB_MERGE_UNCHANGED:
    default:
      return _("Unchanged");
    }
}

/* Takes @text when @n is not zero. */
static void
add_count (GPtrArray *parts,
           guint      n,
           char      *text)
{
  if (n > 0)
    g_ptr_array_add (parts, text);
  else
    g_free (text);
}

static char *
join_parts (GPtrArray  *parts,
            const char *sep)
{
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (sep, (char **) parts->pdata);
}

/**
 * cb_import_counts_text:
 *
 * Returns: (transfer full): one kind's line: "2 new · 1 updated · 40
 *   unchanged"; zeros are left out
 */
char *
cb_import_counts_text (const CbImportCounts *counts)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (counts != NULL, NULL);

  add_count (parts, counts->added,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", counts->added),
                              counts->added));
  add_count (parts, counts->updated,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", counts->updated),
                              counts->updated));
  add_count (parts, counts->conflicts,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with two versions", "%u with two versions",
                                           counts->conflicts),
                              counts->conflicts));
  add_count (parts, counts->unchanged,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", counts->unchanged),
                              counts->unchanged));
  return join_parts (parts, " · ");
}

/**
 * cb_import_visible_counts:
 *
 * Returns: (transfer container) (element-type CbImportCounts): the kinds
 *   the files hold records of, in the kinds table's order
 */
GPtrArray *
cb_import_visible_counts (const CbImportReport *report)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (report != NULL, out);

  for (guint i = 0; i < report->counts->len; i++)
    {
      const CbImportCounts *c = &g_array_index (report->counts, CbImportCounts, i);
      if (c->added + c->updated + c->conflicts + c->unchanged > 0)
        g_ptr_array_add (out, (gpointer) c);
    }
  return out;
}

static int
outcome_rank (CbMergeOutcome outcome)
{
  switch (outcome)
    {
    case CB_MERGE_CONFLICT:
      return 0;
    case CB_MERGE_ADDED:
      return 1;
    case CB_MERGE_UPDATED:
      return 2;
    case CB_MERGE_UNCHANGED:
    default:
      return 3;
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CbImportItem *x = *(const CbImportItem **) a;
  const CbImportItem *y = *(const CbImportItem **) b;
  int rx = outcome_rank (x->outcome), ry = outcome_rank (y->outcome);

  return rx != ry ? rx - ry : 0;
}

/**
 * cb_import_preview_items:
 * @limit: the most items returned
 *
 * Returns: (transfer container) (element-type CbImportItem): the records
 *   that change, those with two versions first, then new, then updated;
 *   in file order within each
 */
GPtrArray *
cb_import_preview_items (const CbImportReport *report,
                         guint                 limit)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (report != NULL, out);

  for (guint i = 0; i < report->items->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (report->items, i));
  /* g_ptr_array_sort is stable (merge sort): file order is kept. */
  g_ptr_array_sort (out, compare_items);
  if (out->len > limit)
    g_ptr_array_set_size (out, limit);
  return out;
}

/**
 * cb_import_summary:
 *
 * Returns: (transfer full): the preview's first line: what importing
 *   would do, over all kinds
 */
char *
cb_import_summary (const CbImportReport *report)
{
  CbImportCounts total = { NULL, 0, 0, 0, 0 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->counts->len; i++)
    {
      const CbImportCounts *c = &g_array_index (report->counts, CbImportCounts, i);
      total.added += c->added;
      total.updated += c->updated;
      total.conflicts += c->conflicts;
      total.unchanged += c->unchanged;
    }
  if (report->n_changed == 0)
    return g_strdup (report->n_records == 0
                     ? _("The files hold no records.")
                     : _("Everything in these files is already here: importing changes nothing."));

  add_count (parts, total.added,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new record", "%u new records", total.added),
                              total.added));
  add_count (parts, total.updated,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", total.updated),
                              total.updated));
  add_count (parts, total.conflicts,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with two versions to look at",
                                           "%u with two versions to look at", total.conflicts),
                              total.conflicts));
  add_count (parts, total.unchanged,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u already here", "%u already here",
                                           total.unchanged),
                              total.unchanged));
  joined = join_parts (parts, ", ");
  /* TRANSLATORS: %s is a list such as "3 new records, 2 updated" */
  return g_strdup_printf (_("Importing brings %s."), joined);
}

/**
 * cb_import_done_text:
 *
 * Returns: (transfer full): the toast after an import
 */
char *
cb_import_done_text (const CbImportReport *report)
{
  guint conflicts = 0;

  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_changed == 0)
    return g_strdup (_("Nothing new to import"));
  for (guint i = 0; i < report->counts->len; i++)
    conflicts += g_array_index (report->counts, CbImportCounts, i).conflicts;
  if (conflicts > 0)
    {
      g_autofree char *first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u record",
                                                             "Imported %u records", report->n_changed),
                                                report->n_changed);
      /* TRANSLATORS: "Imported 5 records" + ", 2 with two versions" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u with two versions",
                                           "%s, %u with two versions", conflicts),
                              first, conflicts);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u record", "Imported %u records",
                                       report->n_changed),
                          report->n_changed);
}

/**
 * cb_sync_done_text:
 * @sync: what a sync did
 *
 * Returns: (transfer full): the toast after a sync
 */
char *
cb_sync_done_text (const CbSyncReport *sync)
{
  g_autofree char *imported = NULL;
  guint n_colleagues, n_read;

  g_return_val_if_fail (sync != NULL, NULL);

  n_colleagues = sync->colleagues->len;
  n_read = sync->read->len;
  if (sync->report == NULL || sync->report->n_changed == 0)
    {
      if (n_colleagues == 0 && n_read == 0)
        return g_strdup (_("Your changes are in the sync folder; no colleague’s file there yet"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Synced with %u colleague: nothing new",
                                           "Synced with %u colleagues: nothing new", MAX (n_colleagues, 1)),
                              MAX (n_colleagues, 1));
    }
  imported = cb_import_done_text (sync->report);
  /* TRANSLATORS: "Imported 5 records" + " from 2 files" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s from %u file", "%s from %u files", n_read),
                          imported, n_read);
}

/**
 * cb_sync_status_text:
 * @synced: when this laptop last synced (Unix seconds), 0 for never
 * @colleagues: (element-type utf8): whose files were in the folder
 * @now: the time to say "today" against
 *
 * Returns: (transfer full): when this laptop last synced and with whom,
 *   for Preferences
 */
char *
cb_sync_status_text (gint64            synced,
                     GPtrArray        *colleagues,
                     GDateTime        *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *at = NULL;
  g_autofree char *names = NULL;
  guint n;

  g_return_val_if_fail (now != NULL, NULL);

  if (synced <= 0)
    return g_strdup (_("Not synced with this folder yet"));
  utc = g_date_time_new_from_unix_utc (synced);
  when = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* TRANSLATORS: a time of day today, for g_date_time_format() */
    at = g_date_time_format (when, _("today at %H:%M"));
  else
    /* TRANSLATORS: a date and time, for g_date_time_format() */
    at = g_date_time_format (when, _("%Y-%m-%d at %H:%M"));
  n = colleagues ? colleagues->len : 0;
  if (n == 0)
    /* TRANSLATORS: %s is "today at 17:40" or "2026-12-05 at 17:40" */
    return g_strdup_printf (_("Last synced %s; no colleague’s file there yet"), at);
  if (n <= 3)
    {
      g_ptr_array_add (colleagues, NULL);
      names = g_strjoinv (", ", (char **) colleagues->pdata);
      g_ptr_array_set_size (colleagues, n);
      /* TRANSLATORS: "Last synced today at 17:40 with Ana García, Ben Okafor" */
      return g_strdup_printf (_("Last synced %s with %s"), at, names);
    }
  /* TRANSLATORS: "Last synced today at 17:40 with Ana García, Ben Okafor and 12 others" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %s with %s, %s and %u other",
                                       "Last synced %s with %s, %s and %u others", n - 2),
                          at, (char *) g_ptr_array_index (colleagues, 0),
                          (char *) g_ptr_array_index (colleagues, 1), n - 2);
}

static void
remove_old_snapshots (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_str_has_prefix (name, "import-") && g_stat (path, &st) == 0 &&
          now - st.st_mtime > SNAPSHOT_MAX_AGE_S)
        g_unlink (path);
    }
}

/**
 * cb_import_snapshot_path:
 *
 * Makes the folder for Undo snapshots in the user's cache folder
 * (mode 0700: a snapshot is the whole database) and drops snapshots
 * left from earlier days.
 *
 * Returns: (transfer full) (nullable): a path that does not exist yet
 */
char *
cb_import_snapshot_path (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "coachbook", "undo", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not make the folder “%s” for the Undo copy: %s"), dir, g_strerror (saved));
      return NULL;
    }
  g_chmod (dir, 0700);
  remove_old_snapshots (dir);
  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("import-%s-%u.db", stamp, i);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}
