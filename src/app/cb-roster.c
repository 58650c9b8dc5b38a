/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A roster is what a school office exports from a spreadsheet: UTF-8
 * (with or without a byte-order mark), separated by commas or by
 * semicolons (spreadsheets in Spanish and other locales), fields quoted
 * when they hold the separator. Every line either adds a person or is
 * reported with the reason it was skipped; importing the same file
 * twice adds nobody twice. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-roster.h"

enum { COL_NAME, COL_ROLE, COL_SCHOOL, COL_GRADES, COL_SUBJECTS, N_COLS };

static const struct { const char *header; int column; } header_names[] = {
  { "name", COL_NAME }, { "nombre", COL_NAME }, { "full name", COL_NAME },
  { "teacher", COL_NAME }, { "docente", COL_NAME },
  { "role", COL_ROLE }, { "rol", COL_ROLE }, { "position", COL_ROLE }, { "cargo", COL_ROLE },
  { "school", COL_SCHOOL }, { "escuela", COL_SCHOOL }, { "site", COL_SCHOOL }, { "campus", COL_SCHOOL },
  { "grade", COL_GRADES }, { "grades", COL_GRADES }, { "grado", COL_GRADES }, { "grados", COL_GRADES },
  { "subject", COL_SUBJECTS }, { "subjects", COL_SUBJECTS }, { "materia", COL_SUBJECTS },
  { "materias", COL_SUBJECTS }, { "asignatura", COL_SUBJECTS },
};

static const struct { const char *text; const char *role; } role_names[] = {
  { "teacher", "teacher" }, { "docente", "teacher" }, { "maestro", "teacher" },
  { "maestra", "teacher" }, { "profesor", "teacher" }, { "profesora", "teacher" },
  { "coach", "coach" }, { "instructional coach", "coach" }, { "math coach", "coach" },
  { "coach instruccional", "coach" },
  { "site leader", "site_leader" }, { "site_leader", "site_leader" },
  { "assistant principal", "site_leader" }, { "ap", "site_leader" },
  { "principal", "principal" }, { "director", "principal" }, { "directora", "principal" },
  { "district leader", "district_leader" }, { "district_leader", "district_leader" },
  { "district", "district_leader" },
};

/* Lower case, trimmed, inner whitespace collapsed: the key used to tell
 * whether two names are the same. */
static char *
name_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  g_autofree char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_auto(GStrv) words = g_strsplit_set (normal ? normal : "", " \t", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **) kept->pdata);
}

/**
 * cb_csv_detect_separator:
 *
 * Returns: ';' if the first line has more semicolons than commas
 *   outside quotes, else ','
 */
char
cb_csv_detect_separator (const char *text,
                         gsize       length)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

static void
end_field (GPtrArray *row,
           GString   *field)
{
  g_ptr_array_add (row, g_strdup (field->str));
  g_string_truncate (field, 0);
}

static void
end_row (GPtrArray *rows,
         GPtrArray *row)
{
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
}

/**
 * cb_csv_parse:
 * @text: the file's bytes
 *
 * Reads CSV as RFC 4180 describes it (quotes, doubled quotes, line
 * breaks inside quotes), with either separator, after a UTF-8 BOM.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, or %NULL if
 *   the text is not UTF-8
 */
GPtrArray *
cb_csv_parse (const char  *text,
              gsize        length,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) field = g_string_new (NULL);
  GPtrArray *row;
  gboolean quoted = FALSE;
  gboolean field_started = FALSE;
  char sep;
  gsize i = 0;

  if (length >= 3 && (guchar) text[0] == 0xEF && (guchar) text[1] == 0xBB && (guchar) text[2] == 0xBF)
    i = 3;
  if (!g_utf8_validate_len (text + i, length - i, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and try again."));
      return NULL;
    }
  sep = cb_csv_detect_separator (text + i, length - i);

  row = g_ptr_array_new ();
  for (; i < length; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
          continue;
        }

      if (c == '"' && field->len == 0 && !field_started)
        {
          quoted = TRUE;
          field_started = TRUE;
        }
      else if (c == sep)
        {
          end_field (row, field);
          field_started = FALSE;
        }
      else if (c == '\r' || c == '\n')
        {
          end_field (row, field);
          field_started = FALSE;
          end_row (rows, row);
          row = g_ptr_array_new ();
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
        }
      else
        {
          g_string_append_c (field, c);
          field_started = TRUE;
        }
    }
  if (field->len > 0 || field_started || row->len > 0)
    {
      end_field (row, field);
      end_row (rows, row);
    }
  else
    g_ptr_array_free (row, TRUE);

  return g_steal_pointer (&rows);
}

/**
 * cb_roster_parse_role:
 * @text: (nullable): a role as typed in a roster
 *
 * Returns: (nullable): the role value, "teacher" for an empty cell, or
 *   %NULL when the role is not known
 */
const char *
cb_roster_parse_role (const char *text)
{
  g_autofree char *key = name_key (text);

  if (*key == '\0')
    return "teacher";
  g_strdelimit (key, "_-", ' ');
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (strcmp (key, role_names[i].text) == 0)
      return role_names[i].role;
  return NULL;
}

static gboolean
row_is_blank (char **row)
{
  for (guint i = 0; row[i]; i++)
    {
      g_autofree char *s = g_strstrip (g_strdup (row[i]));
      if (*s != '\0')
        return FALSE;
    }
  return TRUE;
}

/* Finds the columns from a header line; FALSE if it is not one. A
 * header names the name column and at least one other, so that a first
 * line such as "Eva Fox,teacher,…" is read as data. */
static gboolean
read_header (char **row,
             int    columns[N_COLS])
{
  gboolean found = FALSE;
  guint matched = 0;

  for (guint c = 0; c < N_COLS; c++)
    columns[c] = -1;
  for (guint i = 0; row[i]; i++)
    {
      g_autofree char *key = name_key (row[i]);

      for (guint h = 0; h < G_N_ELEMENTS (header_names); h++)
        if (strcmp (key, header_names[h].header) == 0 && columns[header_names[h].column] < 0)
          {
            columns[header_names[h].column] = i;
            matched++;
            if (header_names[h].column == COL_NAME)
              found = TRUE;
          }
    }
  return found && matched >= 2;
}

static const char *
cell (char **row,
      int    column)
{
  if (column < 0 || (guint) column >= g_strv_length (row))
    return "";
  return row[column];
}

static void
add_message (CbRosterReport *report,
             guint           line,
             const char     *reason)
{
  /* TRANSLATORS: "Line 4: the name is empty" */
  g_ptr_array_add (report->messages, g_strdup_printf (_("Line %u: %s"), line, reason));
  report->n_skipped++;
}

static gboolean
load_existing (CbStore     *store,
               const char  *kind,
               GHashTable  *into,
               gboolean     person,
               GError     **error)
{
  CbFilter filter = { 0 };
  guint offset = 0;

  filter.kind = kind;
  for (;;)
    {
      g_autoptr(GPtrArray) page = cb_store_list (store, &filter, offset, 500, error);

      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        {
          CbRecord *r = g_ptr_array_index (page, i);
          g_autofree char *name = name_key (cb_record_get (r, "name"));
          char *key = person ? g_strconcat (name, "\n", cb_record_get (r, "school") ? cb_record_get (r, "school") : "", NULL)
                             : g_strdup (name);

          g_hash_table_replace (into, key, g_strdup (cb_record_get_uuid (r)));
        }
      if (page->len < 500)
        return TRUE;
      offset += page->len;
    }
}

static CbRosterReport *
report_new (void)
{
  CbRosterReport *report = g_new0 (CbRosterReport, 1);

  report->messages = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
cb_roster_report_free (CbRosterReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->messages);
  g_free (report);
}

/**
 * cb_roster_import_text:
 * @text: the CSV file's bytes
 *
 * Adds the people (and their schools) of a roster in one transaction.
 * A person whose name is already at that school is not added again.
 *
 * Returns: (transfer full) (nullable): what was done, line by line
 */
CbRosterReport *
cb_roster_import_text (CbStore     *store,
                       const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CbRosterReport) report = NULL;
  g_autoptr(GHashTable) schools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[N_COLS] = { COL_NAME, COL_ROLE, COL_SCHOOL, COL_GRADES, COL_SUBJECTS };
  guint first = 0;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  rows = cb_csv_parse (text, length, error);
  if (rows == NULL)
    return NULL;
  report = report_new ();

  if (rows->len > 0 && read_header (g_ptr_array_index (rows, 0), columns))
    first = 1;
  else
    for (guint c = 0; c < N_COLS; c++)
      columns[c] = c;

  if (!load_existing (store, "school", schools, FALSE, error) ||
      !load_existing (store, "person", people, TRUE, error))
    return NULL;

  if (!cb_store_begin (store, error))
    return NULL;

  for (guint r = first; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      guint line = r + 1;
      g_autofree char *name = g_strstrip (g_strdup (cell (row, columns[COL_NAME])));
      g_autofree char *school = g_strstrip (g_strdup (cell (row, columns[COL_SCHOOL])));
      g_autofree char *grades = g_strstrip (g_strdup (cell (row, columns[COL_GRADES])));
      g_autofree char *subjects = g_strstrip (g_strdup (cell (row, columns[COL_SUBJECTS])));
      g_autofree char *school_key = NULL;
      g_autofree char *person_key = NULL;
      const char *role;
      const char *school_uuid = NULL;
      g_autofree char *new_uuid = NULL;

      if (row_is_blank (row))
        continue;
      report->n_lines++;

      if (*name == '\0')
        {
          add_message (report, line, _("skipped: the name is empty"));
          continue;
        }
      role = cb_roster_parse_role (cell (row, columns[COL_ROLE]));
      if (role == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("skipped: “%s” is not a role Coachbook knows (teacher, coach, site leader, principal, district leader)"),
                                                     cell (row, columns[COL_ROLE]));
          add_message (report, line, reason);
          continue;
        }

      if (*school != '\0')
        {
          school_key = name_key (school);
          school_uuid = g_hash_table_lookup (schools, school_key);
        }

      /* A new school cannot hold anyone yet: create it first, so that
       * people are told apart by the school's UUID. */
      if (*school != '\0' && school_uuid == NULL)
        {
          const char *names[] = { "name" };
          const char *values[] = { school };
          char *uuid = cb_store_create (store, "school", names, values, 1, error);

          if (uuid == NULL)
            goto fail;
          g_hash_table_insert (schools, g_strdup (school_key), uuid);
          school_uuid = uuid;
          report->n_schools++;
        }

      {
        g_autofree char *nk = name_key (name);
        person_key = g_strconcat (nk, "\n", school_uuid ? school_uuid : "", NULL);
      }
      if (g_hash_table_contains (in_file, person_key))
        {
          g_autofree char *reason = g_strdup_printf (_("skipped: “%s” is on line %u already"), name,
                                                     GPOINTER_TO_UINT (g_hash_table_lookup (in_file, person_key)));
          add_message (report, line, reason);
          continue;
        }
      if (g_hash_table_contains (people, person_key))
        {
          g_autofree char *reason = g_strdup_printf (_("skipped: “%s” is already in Coachbook"), name);
          g_hash_table_insert (in_file, g_strdup (person_key), GUINT_TO_POINTER (line));
          add_message (report, line, reason);
          continue;
        }

      {
        const char *names[5] = { "name", "role", NULL, NULL, NULL };
        const char *values[5] = { name, role, NULL, NULL, NULL };
        guint n = 2;

        if (school_uuid != NULL)
          {
            names[n] = "school";
            values[n++] = school_uuid;
          }
        if (*grades != '\0')
          {
            names[n] = "grades";
            values[n++] = grades;
          }
        if (*subjects != '\0')
          {
            names[n] = "subjects";
            values[n++] = subjects;
          }
        new_uuid = cb_store_create (store, "person", names, values, n, error);
        if (new_uuid == NULL)
          goto fail;
      }
      g_hash_table_insert (people, g_strdup (person_key), g_steal_pointer (&new_uuid));
      g_hash_table_insert (in_file, g_strdup (person_key), GUINT_TO_POINTER (line));
      report->n_people++;
    }

  if (!cb_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&report);

fail:
  cb_store_rollback (store);
  return NULL;
}

static void
on_contents_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  CbRosterReport *report;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = cb_roster_import_text (g_task_get_task_data (task), contents, length, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) cb_roster_report_free);
}

static void
on_info_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_file_info_get_size (info) > CB_ROSTER_MAX_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("This file is too large to be a roster."));
      return;
    }
  g_file_load_contents_async (G_FILE (source), g_task_get_cancellable (task),
                              on_contents_loaded_cb, g_object_ref (task));
}

/**
 * cb_roster_import_async:
 *
 * Reads @file without blocking, then imports it (a roster is a few
 * hundred lines: the import itself is one quick transaction).
 */
void
cb_roster_import_async (CbStore             *store,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CB_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_roster_import_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, on_info_loaded_cb,
                           g_steal_pointer (&task));
}

CbRosterReport *
cb_roster_import_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cb_roster_report_summary:
 *
 * Returns: (transfer full): one sentence on what was added and skipped
 */
char *
cb_roster_report_summary (const CbRosterReport *report)
{
  g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person added",
                                                          "%u people added", report->n_people),
                                             report->n_people);
  g_autofree char *schools = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u school added",
                                                           "%u schools added", report->n_schools),
                                              report->n_schools);
  g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line skipped",
                                                           "%u lines skipped", report->n_skipped),
                                              report->n_skipped);

  /* TRANSLATORS: "3 people added, 1 school added, 2 lines skipped." */
  return g_strdup_printf (_("%s, %s, %s."), people, schools, skipped);
}

/**
 * cb_roster_report_details:
 *
 * Returns: (transfer full): the reason for every skipped line
 */
char *
cb_roster_report_details (const CbRosterReport *report)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < report->messages->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (report->messages, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
