/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A roster is what a school office exports from a spreadsheet: UTF-8
 * (with or without a byte-order mark), separated by commas or by
 * semicolons (spreadsheets in Spanish and other locales), fields quoted
 * when they hold the separator. The columns are the person's fields
 * the kinds table flags CB_FIELD_ROSTER (src/core/cb-kinds.c): found by
 * their titles (a field's name, its label, English or translated, or
 * one of the other titles the table gives it, in any order), or without
 * titles in the table's order. A CB_FIELD_REQUIRED column must be
 * titled, and a line without it is skipped.
 * Every line either adds a person or is reported, by its number, with
 * the reason it was skipped; a quote left open is one such reason and
 * never takes the lines after it. Importing the same file twice adds
 * nobody twice. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-kinds.h"
#include "cb-roster.h"

/* One record of the file and the line it starts on; @fields is NULL
 * when its quotes are broken. */
typedef struct
{
  guint   line;
  char  **fields;
} RosterRow;

static void
roster_row_free (gpointer data)
{
  RosterRow *row = data;

  g_strfreev (row->fields);
  g_free (row);
}

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

typedef enum
{
  RECORD_OK,
  RECORD_UNCLOSED,      /* a quote still open at the end of the file */
  RECORD_BAD_CLOSE,     /* a quote closed in the middle of a field */
} RecordStatus;

/* Reads one record from @pos: its fields, where the next one starts
 * and how many line breaks it spans. */
static RecordStatus
read_record (const char  *text,
             gsize        length,
             gsize        pos,
             char         sep,
             GPtrArray   *fields,
             gsize       *next,
             guint       *breaks)
{
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  guint spanned = 0;
  gsize i;

  *breaks = 0;
  for (i = pos; i < length; i++)
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
            {
              quoted = FALSE;
              /* "Ana" Ruiz on one line reads as Ana Ruiz; a quote that
               * closed a line later and runs on is broken. */
              if (spanned > 0 && i + 1 < length && text[i + 1] != sep &&
                  text[i + 1] != '\n' && text[i + 1] != '\r')
                return RECORD_BAD_CLOSE;
            }
          else
            {
              if (c == '\n')
                spanned++;
              g_string_append_c (field, c);
            }
          continue;
        }
      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          spanned = 0;
        }
      else if (c == sep)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          break;
        }
      else
        g_string_append_c (field, c);
    }
  if (quoted)
    return RECORD_UNCLOSED;
  g_ptr_array_add (fields, g_strdup (field->str));
  *next = i < length ? i + 1 : length;
  for (gsize k = pos; k < *next && k < length; k++)
    if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= length || text[k + 1] != '\n')))
      (*breaks)++;
  return RECORD_OK;
}

/* Where the line after the one starting at @pos starts. */
static gsize
next_line (const char *text,
           gsize       length,
           gsize       pos)
{
  for (gsize i = pos; i < length; i++)
    if (text[i] == '\n')
      return i + 1;
    else if (text[i] == '\r')
      return i + 1 < length && text[i + 1] == '\n' ? i + 2 : i + 1;
  return length;
}

/* Splits a roster into records, each with the line it starts on. A
 * field in quotes may hold a line break (a note typed on two lines in
 * the spreadsheet), but a quote left open never takes the lines after
 * it: when it does not close cleanly, or the record it makes has
 * another number of columns than the first line, that one line is
 * reported as broken and reading goes on with the next. */
static GPtrArray *
roster_parse (const char  *text,
              gsize        length,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (roster_row_free);
  guint expected = 0;
  guint line = 1;
  gsize pos = 0;
  char sep;

  if (length >= 3 && (guchar) text[0] == 0xEF && (guchar) text[1] == 0xBB && (guchar) text[2] == 0xBF)
    pos = 3;
  if (!g_utf8_validate_len (text + pos, length - pos, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and try again."));
      return NULL;
    }
  sep = cb_csv_detect_separator (text + pos, length - pos);

  while (pos < length)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      RosterRow *row = g_new0 (RosterRow, 1);
      RecordStatus status;
      gsize next = length;
      guint breaks = 0;

      status = read_record (text, length, pos, sep, fields, &next, &breaks);
      row->line = line;
      if (status == RECORD_OK && breaks > 1 && expected > 0 && fields->len != expected)
        status = RECORD_BAD_CLOSE;
      if (status != RECORD_OK)
        {
          g_ptr_array_add (rows, row);
          pos = next_line (text, length, pos);
          line++;
          continue;
        }
      g_ptr_array_add (fields, NULL);
      row->fields = (char **) g_ptr_array_steal (fields, NULL);
      if (expected == 0 && g_strv_length (row->fields) > 1)
        expected = g_strv_length (row->fields);
      g_ptr_array_add (rows, row);
      pos = next;
      line += MAX (breaks, 1);
    }
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

static const CbKind *
person_kind (void)
{
  return cb_kind_lookup ("person");
}

/* The roster column a header cell names, or NULL. */
static const CbField *
header_field (const char *text)
{
  g_autoptr(GPtrArray) fields = cb_kind_roster_fields (person_kind ());
  g_autofree char *key = name_key (text);

  g_strdelimit (key, "_", ' ');
  if (*key == '\0')
    return NULL;
  for (guint f = 0; f < fields->len; f++)
    {
      const CbField *field = g_ptr_array_index (fields, f);
      g_autofree char *name = g_strdelimit (g_strdup (field->name), "_", ' ');
      g_autofree char *english = name_key (field->label);
      g_autofree char *translated = name_key (cb_field_get_label (field));

      if (strcmp (key, name) == 0 || strcmp (key, english) == 0 || strcmp (key, translated) == 0)
        return field;
    }
  for (guint f = 0; f < fields->len; f++)
    {
      const CbField *field = g_ptr_array_index (fields, f);

      for (guint a = 0; field->aliases != NULL && field->aliases[a] != NULL; a++)
        {
          g_autofree char *alias = name_key (field->aliases[a]);

          if (strcmp (key, alias) == 0)
            return field;
        }
    }
  return NULL;
}

/* Finds the columns from a header line: @columns gets the field of
 * each (NULL for one left out). FALSE if it is not a header: it names
 * every required column and at least one other, so that a first line
 * such as "Eva Fox,teacher,…" is read as data. */
static gboolean
read_header (char      **row,
             GPtrArray  *columns)
{
  g_autoptr(GPtrArray) fields = cb_kind_roster_fields (person_kind ());
  guint matched = 0;

  g_ptr_array_set_size (columns, 0);
  for (guint i = 0; row[i]; i++)
    {
      const CbField *field = header_field (row[i]);

      /* A field named twice is read from its first column. */
      for (guint k = 0; field != NULL && k < columns->len; k++)
        if (g_ptr_array_index (columns, k) == field)
          field = NULL;
      g_ptr_array_add (columns, (gpointer) field);
      if (field != NULL)
        matched++;
    }
  for (guint f = 0; f < fields->len; f++)
    {
      const CbField *field = g_ptr_array_index (fields, f);
      guint k;

      if (g_ptr_array_find (columns, field, &k))
        continue;
      if (field->flags & CB_FIELD_REQUIRED)
        return FALSE;
    }
  return matched >= 2;
}

/* The column of @field, or -1. */
static int
column_of (GPtrArray  *columns,
           const char *field)
{
  for (guint i = 0; i < columns->len; i++)
    {
      const CbField *f = g_ptr_array_index (columns, i);
      if (f != NULL && strcmp (f->name, field) == 0)
        return i;
    }
  return -1;
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
  g_autoptr(CbRecord) last = NULL;
  CbListKey after;

  filter.kind = kind;
  for (;;)
    {
      g_autoptr(GPtrArray) page = cb_store_list (store, &filter, 500, error);

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
      g_set_object (&last, g_ptr_array_index (page, page->len - 1));
      cb_record_get_list_key (last, &after);
      filter.after = &after;
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

/* One person of the roster: name, role, school, and every other text
 * field of a person that has a column in @row (@used: the name, role
 * and school columns, written already). */
static char *
create_person (CbStore     *store,
               GPtrArray   *columns,
               char       **row,
               const int   *used,
               const char  *name,
               const char  *role,
               const char  *school_uuid,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (names, (gpointer) "name");
  g_ptr_array_add (values, g_strdup (name));
  g_ptr_array_add (names, (gpointer) "role");
  g_ptr_array_add (values, g_strdup (role));
  if (school_uuid != NULL)
    {
      g_ptr_array_add (names, (gpointer) "school");
      g_ptr_array_add (values, g_strdup (school_uuid));
    }
  /* Every other field of a person that has a column. */
  for (guint c = 0; c < columns->len; c++)
    {
      const CbField *field = g_ptr_array_index (columns, c);
      g_autofree char *value = NULL;

      if (field == NULL || (int) c == used[0] || (int) c == used[1] || (int) c == used[2] ||
          (field->type != CB_TYPE_TEXT && field->type != CB_TYPE_LONGTEXT))
        continue;
      value = g_strstrip (g_strdup (cell (row, c)));
      if (*value == '\0')
        continue;
      g_ptr_array_add (names, (gpointer) field->name);
      g_ptr_array_add (values, g_steal_pointer (&value));
    }
  return cb_store_create (store, "person", (const char * const *) names->pdata,
                          (const char * const *) values->pdata, names->len, error);
}

/* The columns of @rows: from the header, the first line that is not
 * blank, when it names fields (a column no field has is reported), or
 * else every roster field in the kinds table's order. Returns the index of the first data row. */
static guint
read_columns (GPtrArray      *rows,
              GPtrArray      *columns,
              CbRosterReport *report)
{
  guint first = 0;

  /* The first line that is not blank may be a header. */
  while (first < rows->len)
    {
      RosterRow *row = g_ptr_array_index (rows, first);
      if (row->fields == NULL || !row_is_blank (row->fields))
        break;
      first++;
    }
  if (first < rows->len && ((RosterRow *) g_ptr_array_index (rows, first))->fields != NULL &&
      read_header (((RosterRow *) g_ptr_array_index (rows, first))->fields, columns))
    {
      char **header = ((RosterRow *) g_ptr_array_index (rows, first))->fields;
      g_autofree char *known = NULL;

      for (guint i = 0; i < columns->len; i++)
        if (g_ptr_array_index (columns, i) == NULL && *g_strstrip (header[i]) != '\0')
          {
            if (known == NULL)
              known = cb_roster_describe_columns ();
            /* TRANSLATORS: the first %s is a column's title in a roster
             * file, the second the list of columns read ("Name, Role, …") */
            g_ptr_array_add (report->messages,
                             g_strdup_printf (_("Column “%s” left out: people have no such field (the columns read are %s)"),
                                              header[i], known));
          }
      first++;
    }
  else
    {
      g_autoptr(GPtrArray) fields = cb_kind_roster_fields (person_kind ());

      g_ptr_array_set_size (columns, 0);
      g_ptr_array_extend (columns, fields, NULL, NULL);
      first = 0;
    }
  return first;
}

/* What one import keeps from row to row. */
typedef struct
{
  CbStore        *store;
  GPtrArray      *columns;
  CbRosterReport *report;
  GHashTable     *schools;  /* name key → UUID */
  GHashTable     *people;   /* name key and school UUID → UUID */
  GHashTable     *in_file;  /* the same keys → the line that added them */
  int             col_name;
  int             col_role;
  int             col_school;
} Import;

/* The UUID of @school, made now if the roster names it first. A new
 * school cannot hold anyone yet: it is created before its people, so
 * that people are told apart by the school's UUID. */
static gboolean
find_or_add_school (Import      *im,
                    const char  *school,
                    const char **uuid_out,
                    GError     **error)
{
  g_autofree char *key = NULL;
  const char *names[] = { "name" };
  const char *values[] = { school };
  char *uuid;

  *uuid_out = NULL;
  if (*school == '\0')
    return TRUE;
  key = name_key (school);
  if ((*uuid_out = g_hash_table_lookup (im->schools, key)) != NULL)
    return TRUE;
  if ((uuid = cb_store_create (im->store, "school", names, values, 1, error)) == NULL)
    return FALSE;
  g_hash_table_insert (im->schools, g_steal_pointer (&key), uuid);
  im->report->n_schools++;
  *uuid_out = uuid;
  return TRUE;
}

/* One line of the roster: a person added, or the reason it was not.
 * FALSE only on a database error. */
static gboolean
import_row (Import     *im,
            RosterRow  *rrow,
            GError    **error)
{
  char **row = rrow->fields;
  guint line = rrow->line;
  g_autofree char *name = NULL;
  g_autofree char *school = NULL;
  g_autofree char *person_key = NULL;
  g_autofree char *new_uuid = NULL;
  const char *role;
  const char *school_uuid = NULL;

  if (row == NULL)
    {
      im->report->n_lines++;
      add_message (im->report, line, _("skipped: a quote mark (\") opens here and does not close on this line. Fix the quotes, then import the file again: people already added are not added twice"));
      return TRUE;
    }
  if (row_is_blank (row))
    return TRUE;
  im->report->n_lines++;
  name = g_strstrip (g_strdup (cell (row, im->col_name)));
  school = g_strstrip (g_strdup (cell (row, im->col_school)));

  for (guint c = 0; c < im->columns->len; c++)
    {
      const CbField *field = g_ptr_array_index (im->columns, c);
      g_autofree char *value = NULL;
      g_autofree char *reason = NULL;

      if (field == NULL || !(field->flags & CB_FIELD_REQUIRED))
        continue;
      value = g_strstrip (g_strdup (cell (row, c)));
      if (*value != '\0')
        continue;
      /* TRANSLATORS: %s is a column's label, such as “Name” */
      reason = g_strdup_printf (_("skipped: the “%s” column is empty"), cb_field_get_label (field));
      add_message (im->report, line, reason);
      return TRUE;
    }
  role = cb_roster_parse_role (cell (row, im->col_role));
  if (role == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("skipped: “%s” is not a role Coachbook knows (teacher, coach, site leader, principal, district leader)"),
                                                 cell (row, im->col_role));
      add_message (im->report, line, reason);
      return TRUE;
    }
  if (!find_or_add_school (im, school, &school_uuid, error))
    return FALSE;

  {
    g_autofree char *nk = name_key (name);
    person_key = g_strconcat (nk, "\n", school_uuid ? school_uuid : "", NULL);
  }
  if (g_hash_table_contains (im->in_file, person_key))
    {
      g_autofree char *reason = g_strdup_printf (_("skipped: “%s” is on line %u already"), name,
                                                 GPOINTER_TO_UINT (g_hash_table_lookup (im->in_file, person_key)));
      add_message (im->report, line, reason);
      return TRUE;
    }
  if (g_hash_table_contains (im->people, person_key))
    {
      g_autofree char *reason = g_strdup_printf (_("skipped: “%s” is already in Coachbook"), name);
      g_hash_table_insert (im->in_file, g_strdup (person_key), GUINT_TO_POINTER (line));
      add_message (im->report, line, reason);
      return TRUE;
    }

  {
    const int used[] = { im->col_name, im->col_role, im->col_school };

    new_uuid = create_person (im->store, im->columns, row, used, name, role, school_uuid, error);
    if (new_uuid == NULL)
      return FALSE;
  }
  g_hash_table_insert (im->people, g_strdup (person_key), g_steal_pointer (&new_uuid));
  g_hash_table_insert (im->in_file, g_strdup (person_key), GUINT_TO_POINTER (line));
  im->report->n_people++;
  return TRUE;
}

/**
 * cb_roster_describe_columns:
 *
 * The labels of a roster's columns (the person's fields flagged
 * %CB_FIELD_ROSTER in the kinds table), translated, in the order they
 * are read from a file without titles.
 *
 * Returns: (transfer full): "Name, Role, School, …"
 */
char *
cb_roster_describe_columns (void)
{
  g_autoptr(GPtrArray) fields = cb_kind_roster_fields (person_kind ());
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint f = 0; f < fields->len; f++)
    {
      if (f > 0)
        /* TRANSLATORS: between the columns of "Name, Role, School" */
        g_string_append (out, _(", "));
      g_string_append (out, cb_field_get_label (g_ptr_array_index (fields, f)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
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
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(CbRosterReport) report = NULL;
  g_autoptr(GHashTable) schools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Import im;
  guint first;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  rows = roster_parse (text, length, error);
  if (rows == NULL)
    return NULL;
  report = report_new ();
  first = read_columns (rows, columns, report);

  if (!load_existing (store, "school", schools, FALSE, error) ||
      !load_existing (store, "person", people, TRUE, error))
    return NULL;

  im = (Import) { store, columns, report, schools, people, in_file,
                  column_of (columns, "name"), column_of (columns, "role"), column_of (columns, "school") };
  if (!cb_store_begin (store, error))
    return NULL;
  for (guint r = first; r < rows->len; r++)
    if (!import_row (&im, g_ptr_array_index (rows, r), error))
      {
        cb_store_rollback (store);
        return NULL;
      }
  if (!cb_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&report);
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
