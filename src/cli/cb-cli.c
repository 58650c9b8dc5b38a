/* SPDX-License-Identifier: GPL-3.0-or-later */
/* coachbook-cli: the headless side of Coachbook. Shares core with the app
 * and needs no display. Exit status 0 on success; 1 with one line on
 * stderr when the command failed; 2 for a usage error. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cb-cli-passphrase.h"
#include "cb-cli-private.h"
#include "cb-cli-pdf.h"
#include "cb-crypt.h"
#include "cb-csv.h"
#include "cb-db-lock.h"
#include "cb-exchange.h"
#include "cb-generate.h"
#include "cb-locale.h"
#include "cb-store.h"
#include "cb-sync.h"
#include "cb-trends.h"

#define PROGRAM "coachbook-cli"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

GQuark
cb_cli_usage_error_quark (void)
{
  return g_quark_from_static_string ("cb-cli-usage-error-quark");
}

static void
print_usage (FILE *out)
{
  g_autofree char *def = cb_store_default_path ();

  fprintf (out, _("Usage: %s [--db PATH] COMMAND [ARGS…]\n"), PROGRAM);
  fputs ("\n", out);
  fputs (_("Commands:\n"), out);
  fputs (_("  stats                               Records per kind, conflicts, size and replica\n"), out);
  fputs (_("  search QUERY [--kind K] [--limit N] Full-text search, one hit per line\n"), out);
  fputs (_("  check                               Check the database and its search index\n"), out);
  fputs (_("  generate [--records N] [--seed S]   Add realistic demo records\n"), out);
  fputs (_("  packet OBSERVATION -o FILE.pdf      Write the debrief packet for the teacher\n"), out);
  fputs (_("  csv KIND -o FILE                    Export a kind as CSV (csv --help lists them)\n"), out);
  fputs (_("  delivered ENGAGEMENT -o FILE        Delivered against planned as .csv or .pdf\n"), out);
  fputs (_("  report ENGAGEMENT -o FILE           The year's report as .csv or .pdf\n"), out);
  fputs (_("  signin SESSION -o FILE.pdf          Write a PD session's sign-in sheet\n"), out);
  fputs (_("  picture ROUNDS -o FILE.pdf          Write a rounds visit's data picture\n"), out);
  fputs (_("  export FILE [--encrypt]             Write the exchange file to give colleagues\n"), out);
  fputs (_("  import FILE… [--dry-run]            Merge colleagues’ exchange files, encrypted or not\n"), out);
  fputs (_("  sync FOLDER                         Sync with colleagues through a shared folder\n"), out);
  fputs (_("  backup FILE                         Write a consistent copy of the database\n"), out);
  fputs (_("  restore FILE                        Replace the database with a backup\n"), out);
  fputs (_("  talk RECORDING                      Estimate talk time: segments and shares\n"), out);
  fputs ("\n", out);
  fputs (_("Options:\n"), out);
  fprintf (out, _("  --db PATH    The database to use (default: %s)\n"), def);
  fputs (_("  --version    Print the version and exit\n"), out);
  fputs (_("  -h, --help   Show this help; COMMAND --help shows a command's options\n"), out);
}

static void
usage_error (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, CB_CLI_USAGE_ERROR, 0, message);
}

/* Exactly one line, whatever the message holds. */
static void
print_error (const char *message)
{
  g_autofree char *line = g_strdup (message ? message : _("Unknown error"));

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("%s: %s\n", PROGRAM, g_strstrip (line));
}

/* Parses a command's options; fails with a usage error. */
gboolean
cb_cli_parse_options (CbCli         *cli,
               const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               GError       **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) local_error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, _("Every command also takes --db PATH."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &cli->args, &local_error))
    {
      usage_error (error, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
expect_no_arguments (CbCli   *cli,
                     GError **error)
{
  if (g_strv_length (cli->args) > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), cli->args[1]);
      usage_error (error, message);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  OPEN_EXISTING = 0,
  OPEN_CREATE   = 1 << 0,  /* a missing database is made */
  OPEN_CHECK    = 1 << 1,  /* read every page first (quick_check) */
} OpenFlags;

/* Only commands that write much or judge the file pay for reading every
 * page: at 100k records the check is most of a search's time. */
static CbStore *
open_store (CbCli      *cli,
            OpenFlags   flags,
            GError    **error)
{
  if (!(flags & OPEN_CREATE) && !g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”."), cli->db_path);
      return NULL;
    }
  if (g_file_test (cli->db_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a Coachbook database."), cli->db_path);
      return NULL;
    }
  return cb_store_open_full (cli->db_path,
                             (flags & OPEN_CHECK) ? CB_STORE_OPEN_DEFAULT : CB_STORE_OPEN_DEFER_CHECK,
                             error);
}

/* A command that made a new database and then failed leaves nothing
 * behind: its store, the only connection to the file, is closed first. */
static void
drop_new_database (CbCli    *cli,
                   CbStore **store,
                   gboolean  existed)
{
  g_clear_object (store);
  if (existed)
    return;
  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *path = g_strconcat (cli->db_path, suffixes[i], NULL);

      g_unlink (path);
    }
}

static gint64
pragma_int (CbStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (cb_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every record, live or in the Trash, children included. */
static guint
count_all (CbStore *store)
{
  const CbKind *kinds;
  guint n_kinds, total = 0;

  kinds = cb_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      CbFilter filter = { 0 };

      filter.kind = kinds[i].name;
      total += cb_store_count (store, &filter);
      filter.trash = TRUE;
      total += cb_store_count (store, &filter);
    }
  return total;
}

static gboolean
run_stats (CbCli   *cli,
           GError **error)
{
  g_autoptr(CbStore) store = NULL;
  const CbKind *kinds;
  guint n_kinds, total_live = 0, total_trash = 0, conflicts = 0;

  if (!cb_cli_parse_options (cli, NULL, _("Show records per kind, conflicts, size and replica."), NULL, error) ||
      !expect_no_arguments (cli, error))
    return FALSE;
  if ((store = open_store (cli, OPEN_EXISTING, error)) == NULL)
    return FALSE;

  kinds = cb_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      CbFilter filter = { 0 };

      filter.kind = kinds[i].name;
      filter.conflicts = TRUE;
      conflicts += cb_store_count (store, &filter);
      filter.trash = TRUE;
      conflicts += cb_store_count (store, &filter);
    }

  g_print ("%-16s %s\n", _("Database:"), cli->db_path);
  g_print ("%-16s %s\n", _("Replica:"), cb_store_get_replica (store));
  g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Schema version:"), pragma_int (store, "PRAGMA user_version"));
  g_print ("%-16s %" G_GINT64_FORMAT " %s\n", _("Size:"),
           pragma_int (store, "PRAGMA page_count") * pragma_int (store, "PRAGMA page_size"),
           _("bytes"));
  g_print ("%-16s %u\n", _("Conflicts:"), conflicts);
  g_print ("\n%-16s %10s %10s  %s\n", _("Kind"), _("Live"), _("In Trash"), _("Name"));
  for (guint i = 0; i < n_kinds; i++)
    {
      CbFilter filter = { 0 };
      guint live, trash;

      filter.kind = kinds[i].name;
      live = cb_store_count (store, &filter);
      filter.trash = TRUE;
      trash = cb_store_count (store, &filter);
      total_live += live;
      total_trash += trash;
      g_print ("%-16s %10u %10u  %s\n", kinds[i].name, live, trash, cb_kind_get_plural (&kinds[i]));
    }
  g_print ("%-16s %10u %10u\n", _("Total"), total_live, total_trash);
  return TRUE;
}

/* Snippets mark matches with \x02…\x03: bold on a terminal, [brackets]
 * otherwise. Newlines and tabs become spaces so each hit is one line. */
static char *
format_snippet (const char *text,
                gboolean    tty)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\x02')
        g_string_append (out, tty ? "\033[1m" : "[");
      else if (*p == '\x03')
        g_string_append (out, tty ? "\033[0m" : "]");
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
run_search (CbCli   *cli,
            GError **error)
{
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *query = NULL;
  int limit = 20;
  gboolean tty = isatty (STDOUT_FILENO);
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only records of this kind, such as observation"), N_("KIND") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most this many hits (default 20)"), N_("N") },
    { NULL }
  };

  if (!cb_cli_parse_options (cli, _("QUERY"), _("Search the text of all records."), entries, error))
    return FALSE;
  if (g_strv_length (cli->args) < 2)
    {
      usage_error (error, _("search needs a QUERY."));
      return FALSE;
    }
  if (kind != NULL && cb_kind_lookup (kind) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind of record."), kind);
      usage_error (error, message);
      return FALSE;
    }
  if (limit <= 0)
    {
      usage_error (error, _("--limit must be a positive number."));
      return FALSE;
    }

  query = g_strjoinv (" ", cli->args + 1);
  if ((store = open_store (cli, OPEN_EXISTING, error)) == NULL)
    return FALSE;
  hits = cb_store_search (store, query, kind, limit, error);
  if (hits == NULL)
    return FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      CbSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *title = format_snippet (hit->title && *hit->title ? hit->title : _("(no title)"), FALSE);
      g_autofree char *snippet = format_snippet (hit->snippet, tty);

      g_print ("%s\t%s\t%s\t%s\n", hit->kind, hit->uuid, title, snippet);
    }
  return TRUE;
}

static gboolean
run_check (CbCli   *cli,
           GError **error)
{
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  gboolean ok;

  if (!cb_cli_parse_options (cli, NULL, _("Check the database and its search index."), NULL, error) ||
      !expect_no_arguments (cli, error))
    return FALSE;
  if ((store = open_store (cli, OPEN_CHECK, error)) == NULL)
    return FALSE;

  ok = cb_store_check (store, report, error);
  g_print ("%s", report->str);
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT, _("The database check found problems."));
  return ok;
}

static gboolean
parse_unsigned (const char  *text,
                guint64      max,
                guint64     *out,
                const char  *option,
                GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
      /* TRANSLATORS: the first %s is an option such as --records, the
       * second the largest number it takes */
      g_autofree char *message = g_strdup_printf (_("%s must be a whole number from 0 to %s."),
                                                  option, limit);
      usage_error (error, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_generate (CbCli   *cli,
              GError **error)
{
  g_autoptr(CbStore) store = NULL;
  g_autofree char *records_text = NULL;
  g_autofree char *seed_text = NULL;
  guint64 records = 1000, seed;
  guint before;
  gint64 start;
  GOptionEntry entries[] = {
    { "records", 'r', 0, G_OPTION_ARG_STRING, &records_text, N_("About how many records to add (default 1000)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text, N_("The same seed gives the same records (default: random)"), N_("S") },
    { NULL }
  };

  if (!cb_cli_parse_options (cli, NULL, _("Add realistic demo records for demos and benchmarks."), entries, error) ||
      !expect_no_arguments (cli, error))
    return FALSE;
  if (records_text != NULL && !parse_unsigned (records_text, 10000000, &records, "--records", error))
    return FALSE;
  if (seed_text != NULL)
    {
      if (!parse_unsigned (seed_text, G_MAXUINT32, &seed, "--seed", error))
        return FALSE;
    }
  else
    seed = g_random_int ();

  if ((store = open_store (cli, OPEN_CREATE | OPEN_CHECK, error)) == NULL)
    return FALSE;

  before = count_all (store);
  start = g_get_monotonic_time ();
  if (!cb_generate (store, (guint) records, (guint32) seed, error))
    return FALSE;

  g_print (_("Generated %u records in %.1f s (seed %u).\n"),
           count_all (store) - before,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
           (guint) seed);
  return TRUE;
}

/* One positional argument, such as a UUID or a KIND. */
gboolean
cb_cli_expect_one_argument (CbCli       *cli,
                     const char  *missing,
                     GError     **error)
{
  guint n = g_strv_length (cli->args);

  if (n < 2)
    {
      usage_error (error, missing);
      return FALSE;
    }
  if (n > 2)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), cli->args[2]);
      usage_error (error, message);
      return FALSE;
    }
  return TRUE;
}

/* A command that writes a file of one record, named by its one
 * argument, to -o FILE: a PDF drawn by coachbook-pdf.so or, when the
 * command has a table, a CSV file. */
typedef gboolean (*CbCliWriteCsv) (CbStore     *store,
                                   const char  *uuid,
                                   CbCsvFlags   flags,
                                   const char  *path,
                                   GError     **error);

typedef struct
{
  const char       *argument;    /* N_(): what the argument names, "SESSION" */
  const char       *summary;     /* N_(): what --help says the command does */
  const char       *missing;     /* N_(): the usage error without the argument */
  const char       *bad_output;  /* N_(): the usage error without a fitting -o */
  CbCliPdfDocument  document;    /* the PDF it draws */
  CbCliWriteCsv     write_csv;   /* (nullable): -o FILE.csv writes this table */
  gboolean          paper;       /* takes --paper; else -o ends in .pdf (or .csv) */
} OutputCommand;

static const OutputCommand packet_command = {
  N_("OBSERVATION"),
  N_("Write the debrief packet of an observation: only what is shared with the teacher."),
  N_("packet needs the UUID of an observation."),
  N_("packet needs -o FILE.pdf."),
  CB_CLI_PDF_PACKET, NULL, TRUE,
};
static const OutputCommand delivered_command = {
  N_("ENGAGEMENT"),
  N_("Write an engagement's delivered-against-planned table, for invoicing. "
     "Private records are not counted."),
  N_("delivered needs the UUID of an engagement."),
  N_("delivered needs -o FILE.csv or -o FILE.pdf."),
  CB_CLI_PDF_CONTRACT, cb_csv_write_delivered_file, FALSE,
};
static const OutputCommand report_command = {
  N_("ENGAGEMENT"),
  N_("Write an engagement's year report: delivered against planned, PD attendance "
     "and exit tickets by level, meetings held. Private records are not counted."),
  N_("report needs the UUID of an engagement."),
  N_("report needs -o FILE.csv or -o FILE.pdf."),
  CB_CLI_PDF_CONTRACT, cb_csv_write_report_file, FALSE,
};
static const OutputCommand signin_command = {
  N_("SESSION"),
  N_("Write the printable sign-in sheet of a PD session: name, school, role, "
     "hours and a column to sign. Private people are not listed."),
  N_("signin needs the UUID of a PD session."),
  N_("signin needs -o FILE.pdf."),
  CB_CLI_PDF_SIGNIN, NULL, FALSE,
};
static const OutputCommand picture_command = {
  N_("ROUNDS"),
  N_("Write the data picture of an instructional-rounds visit: notes counted by "
     "look-for, patterns with example lines, predictions and the next level of "
     "work. No teacher is named."),
  N_("picture needs the UUID of a rounds visit."),
  N_("picture needs -o FILE.pdf."),
  CB_CLI_PDF_PICTURE, NULL, FALSE,
};

/* Whether -o names a file @command writes; @csv: a table, not a PDF. */
static gboolean
output_fits (const OutputCommand *command,
             const char          *output,
             gboolean            *csv)
{
  *csv = command->write_csv != NULL && output != NULL && g_str_has_suffix (output, ".csv");
  if (output == NULL || *output == '\0')
    return FALSE;
  return command->paper || *csv || g_str_has_suffix (output, ".pdf");
}

static gboolean
parse_paper (const char  *name,
             CbCliPaper  *paper,
             GError     **error)
{
  g_autofree char *message = NULL;

  if (name == NULL)
    *paper = CB_CLI_PAPER_DEFAULT;
  else if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = CB_CLI_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = CB_CLI_PAPER_LETTER;
  else
    {
      message = g_strdup_printf (_("--paper must be a4 or letter, not “%s”."), name);
      usage_error (error, message);
      return FALSE;
    }
  return TRUE;
}

/* Checks the arguments, then opens the PDF module (only a PDF loads
 * cairo and Pango) and the store, and writes the file. */
static gboolean
run_output_command (CbCli               *cli,
                    const OutputCommand *command,
                    GError             **error)
{
  g_autoptr(CbStore) store = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  CbCliPaper paper = CB_CLI_PAPER_DEFAULT;
  const CbCliPdf *pdf = NULL;
  gboolean csv;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      command->write_csv ? N_("The .csv or .pdf file to write") : N_("The PDF file to write"), N_("FILE") },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 or letter (default: from the locale)"), N_("SIZE") },
    { NULL }
  };

  if (!command->paper)
    entries[1] = entries[2];
  if (!cb_cli_parse_options (cli, _(command->argument), _(command->summary), entries, error) ||
      !cb_cli_expect_one_argument (cli, _(command->missing), error))
    return FALSE;
  if (!output_fits (command, output, &csv))
    {
      usage_error (error, _(command->bad_output));
      return FALSE;
    }
  if (command->paper && !parse_paper (paper_name, &paper, error))
    return FALSE;
  if ((!csv && (pdf = cb_cli_pdf_load (error)) == NULL) ||
      (store = open_store (cli, OPEN_EXISTING, error)) == NULL)
    return FALSE;
  if (csv)
    return command->write_csv (store, cli->args[1], CB_CSV_FLAGS_NONE, output, error);
  return pdf->write (command->document, store, cli->args[1], output, paper, error);
}

static gboolean
run_packet (CbCli   *cli,
            GError **error)
{
  return run_output_command (cli, &packet_command, error);
}

static gboolean
write_csv_to (CbStore        *store,
              gboolean        trends,
              CbCsvKind       kind,
              const char     *teacher,
              const char     *school,
              const char     *from,
              const char     *to,
              gboolean        bom,
              GOutputStream  *out,
              GError        **error)
{
  CbCsvFlags flags = bom ? CB_CSV_FLAGS_BOM : CB_CSV_FLAGS_NONE;

  if (trends)
    return cb_trends_write_csv (store, teacher, school, flags, out, NULL, error);
  return cb_csv_write_range (store, kind, flags, from, to, out, NULL, error);
}

static gboolean
run_csv (CbCli   *cli,
         GError **error)
{
  g_autoptr(CbStore) store = NULL;
  g_autofree char *output = NULL;
  g_autofree char *teacher = NULL;
  g_autofree char *school = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean bom = FALSE;
  gboolean trends;
  CbCsvKind kind = CB_CSV_COACHING_LOG;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The CSV file to write, or - for standard output"), N_("FILE") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, N_("Start with a byte order mark, for Excel"), NULL },
    { "teacher", 0, 0, G_OPTION_ARG_STRING, &teacher, N_("trends: one teacher’s months only"), N_("UUID") },
    { "school", 0, 0, G_OPTION_ARG_STRING, &school, N_("trends: one school’s months only"), N_("UUID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("walk_score_counts: the first observation date counted"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("walk_score_counts: the last observation date counted"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!cb_cli_parse_options (cli, _("KIND"),
                      _("Export coaching_log (one row per activity), action_item, attendance, cycle "
                        "(baseline, target and latest value), inquiry_cycle (its place in its chain and latest "
                        "value), exit_ticket (one row per answer), "
                        "exit_ticket_summary (one row per question), walk_score_counts (how many of "
                        "each score every walkthrough form item got, counts only; --from and --to to narrow) "
                        "or trends (one row per month, counts only; --teacher or --school to narrow) as CSV. "
                        "Private records and private notes are left out."),
                      entries, error) ||
      !cb_cli_expect_one_argument (cli, _("csv needs a KIND: coaching_log, action_item, attendance, cycle, inquiry_cycle, exit_ticket, exit_ticket_summary, walk_score_counts or trends."), error))
    return FALSE;
  trends = strcmp (cli->args[1], "trends") == 0;
  if (!trends && !cb_csv_kind_from_string (cli->args[1], &kind))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be exported; use coaching_log, action_item, attendance, cycle, inquiry_cycle, exit_ticket, exit_ticket_summary, walk_score_counts or trends."),
                                                  cli->args[1]);
      usage_error (error, message);
      return FALSE;
    }
  if ((teacher != NULL || school != NULL) && !trends)
    {
      usage_error (error, _("--teacher and --school go with csv trends only."));
      return FALSE;
    }
  if (teacher != NULL && school != NULL)
    {
      usage_error (error, _("csv trends takes --teacher or --school, not both."));
      return FALSE;
    }
  if (output == NULL || *output == '\0')
    {
      usage_error (error, _("csv needs -o FILE (or -o - for standard output)."));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *date = i == 0 ? from : to;

      if (date != NULL && !cb_field_validate (cb_kind_field (cb_kind_lookup ("observation"), "date"), date, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a date; write it as YYYY-MM-DD."), date);
          usage_error (error, message);
          return FALSE;
        }
    }

  if ((store = open_store (cli, OPEN_EXISTING, error)) == NULL)
    return FALSE;
  if (strcmp (output, "-") == 0)
    {
      g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();

      if (!write_csv_to (store, trends, kind, teacher, school, from, to, bom, mem, error) ||
          !g_output_stream_close (mem, NULL, error))
        return FALSE;
      if (fwrite (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (mem)), 1,
                  g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (mem)), stdout) !=
            g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (mem)) ||
          fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write to standard output."));
          return FALSE;
        }
      return TRUE;
    }
  if (trends)
    return cb_trends_write_csv_file (store, teacher, school, bom ? CB_CSV_FLAGS_BOM : CB_CSV_FLAGS_NONE,
                                     output, error);
  return cb_csv_write_file_range (store, kind, bom ? CB_CSV_FLAGS_BOM : CB_CSV_FLAGS_NONE, from, to, output, error);
}

static gboolean
run_delivered (CbCli   *cli,
               GError **error)
{
  return run_output_command (cli, &delivered_command, error);
}

static gboolean
run_report (CbCli   *cli,
            GError **error)
{
  return run_output_command (cli, &report_command, error);
}

static gboolean
run_signin (CbCli   *cli,
            GError **error)
{
  return run_output_command (cli, &signin_command, error);
}

static gboolean
run_picture (CbCli   *cli,
             GError **error)
{
  return run_output_command (cli, &picture_command, error);
}

static gboolean
run_export (CbCli   *cli,
            GError **error)
{
  g_autoptr(CbStore) store = NULL;
  gboolean encrypt = FALSE, ok;
  g_autofree char *passphrase_file = NULL;
  char *passphrase = NULL;
  GOptionEntry entries[] = {
    { "encrypt", 'e', 0, G_OPTION_ARG_NONE, &encrypt,
      N_("Encrypt the file with a passphrase, asked twice on the terminal"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Encrypt with the passphrase on the first line of PATH"), N_("PATH") },
    { NULL }
  };

  if (!cb_cli_parse_options (cli, _("FILE"),
                      _("Write this laptop’s shared records to an exchange file for colleagues. "
                        "Private records and private notes are left out."),
                      entries, error) ||
      !cb_cli_expect_one_argument (cli, _("export needs a FILE."), error))
    return FALSE;
  if ((store = open_store (cli, OPEN_EXISTING, error)) == NULL)
    return FALSE;
  if ((encrypt || passphrase_file != NULL) &&
      (passphrase = cb_cli_passphrase_get (passphrase_file, TRUE, error)) == NULL)
    return FALSE;
  ok = cb_exchange_export_encrypted (store, cli->args[1], passphrase, NULL, error);
  cb_crypt_passphrase_free (passphrase);
  return ok;
}

/* The passphrase, asked only when one of the files is encrypted. */
static gboolean
import_passphrase (CbCli       *cli,
                   const char  *passphrase_file,
                   char       **passphrase,
                   GError     **error)
{
  gboolean encrypted = FALSE;

  *passphrase = NULL;
  for (guint i = 1; cli->args[i] != NULL; i++)
    encrypted |= cb_crypt_file_is_encrypted (cli->args[i]);
  if (!encrypted)
    return TRUE;
  *passphrase = cb_cli_passphrase_get (passphrase_file, FALSE, error);
  return *passphrase != NULL;
}

static void
print_import_report (const CbImportReport *report)
{
  guint added = 0, updated = 0, conflicts = 0, unchanged = 0;

  g_print ("%-16s %9s %9s %9s %9s\n", _("Kind"), _("Added"), _("Updated"), _("Conflicts"), _("Unchanged"));
  for (guint i = 0; i < report->counts->len; i++)
    {
      const CbImportCounts *c = &g_array_index (report->counts, CbImportCounts, i);

      g_print ("%-16s %9u %9u %9u %9u\n", c->kind, c->added, c->updated, c->conflicts, c->unchanged);
      added += c->added;
      updated += c->updated;
      conflicts += c->conflicts;
      unchanged += c->unchanged;
    }
  g_print ("%-16s %9u %9u %9u %9u\n", _("Total"), added, updated, conflicts, unchanged);
  for (guint i = 0; i < report->warnings->len; i++)
    g_printerr ("%s: %s\n", PROGRAM, (const char *) g_ptr_array_index (report->warnings, i));
}

static gboolean
run_import (CbCli   *cli,
            GError **error)
{
  g_autoptr(CbStore) store = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *passphrase_file = NULL;
  char *passphrase = NULL;
  gboolean dry_run = FALSE, existed;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would change, and change nothing"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Open encrypted files with the passphrase on the first line of PATH"), N_("PATH") },
    { NULL }
  };

  if (!cb_cli_parse_options (cli, _("FILE…"),
                      _("Merge colleagues’ exchange files into this database, all or nothing. "
                        "The passphrase of encrypted files is asked on the terminal."),
                      entries, error))
    return FALSE;
  if (g_strv_length (cli->args) < 2)
    {
      usage_error (error, _("import needs at least one FILE."));
      return FALSE;
    }
  if (!import_passphrase (cli, passphrase_file, &passphrase, error))
    return FALSE;
  existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  if ((store = open_store (cli, OPEN_CREATE | OPEN_CHECK, error)) != NULL)
    report = cb_exchange_import_encrypted (store, (const char * const *) cli->args + 1, dry_run, NULL,
                                           passphrase, NULL, NULL, NULL, error);
  cb_crypt_passphrase_free (passphrase);
  if (store == NULL)
    return FALSE;
  /* a dry run into a new database leaves none behind either */
  if (report == NULL || dry_run)
    drop_new_database (cli, &store, existed);
  if (report == NULL)
    return FALSE;

  print_import_report (report);
  if (dry_run)
    g_print ("%s\n", _("Dry run: nothing was changed."));
  return TRUE;
}

static void
print_sync_report (const CbSyncReport *sync)
{
  const CbImportReport *report = sync->report;

  if (sync->written != NULL)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, sync->bytes_written);
      /* TRANSLATORS: the file written, then its size in bytes */
      g_print (_("Wrote: %s (%s bytes in all)\n"), sync->written, size);
    }
  else
    g_print ("%s\n", _("Wrote: nothing, no change since the last sync"));
  if (sync->compacted != NULL)
    g_print (_("Compacted this laptop’s files into: %s\n"), sync->compacted);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u exchange file in the folder:\n",
                        "%u exchange files in the folder:\n", sync->n_files), sync->n_files);
  g_print (_("  Imported now: %u\n"), sync->read->len);
  for (guint i = 0; i < sync->read->len; i++)
    g_print ("    %s\n", (const char *) g_ptr_array_index (sync->read, i));
  /* TRANSLATORS: files left unread: this laptop's own, or imported before */
  g_print (_("  Already had: %u\n"), sync->n_known);
  g_print (_("  Still being written, tried again at the next sync: %u\n"), sync->n_busy);
  g_print (_("  Left out, tried again at the next sync: %u\n"), sync->skipped->len);
  for (guint i = 0; i < sync->skipped->len; i++)
    g_print ("    %s\n", (const char *) g_ptr_array_index (sync->skipped, i));
  if (sync->locked != NULL)
    g_printerr ("%s: %s\n", PROGRAM, sync->locked);
  if (sync->colleagues->len > 0)
    {
      g_ptr_array_add (sync->colleagues, NULL);
      {
        g_autofree char *names = g_strjoinv (", ", (char **) sync->colleagues->pdata);
        g_print (_("Colleagues in the folder: %s\n"), names);
      }
      g_ptr_array_set_size (sync->colleagues, sync->colleagues->len - 1);
    }
  if (report != NULL)
    g_print (_("Records: %u read, %u changed\n"), report->n_records, report->n_changed);
  for (guint i = 0; report != NULL && i < report->warnings->len; i++)
    g_printerr ("%s: %s\n", PROGRAM, (const char *) g_ptr_array_index (report->warnings, i));
}

static gboolean
run_sync (CbCli   *cli,
          GError **error)
{
  g_autoptr(CbStore) store = NULL;
  g_autoptr(CbSyncReport) sync = NULL;
  g_autofree char *passphrase_file = NULL;
  char *passphrase = NULL;
  gboolean existed;
  GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("The team passphrase of an encrypted sync folder, on the first line of PATH"), N_("PATH") },
    { NULL }
  };

  if (!cb_cli_parse_options (cli, _("FOLDER"),
                      _("Do what the app’s Sync Now does: write this laptop’s changes to a sync folder "
                        "and import colleagues’ files from it. The team passphrase of an encrypted "
                        "folder is asked on the terminal."),
                      entries, error) ||
      !cb_cli_expect_one_argument (cli, _("sync needs a FOLDER."), error))
    return FALSE;
  /* given, or asked only when the folder's files are encrypted */
  if ((passphrase_file != NULL || cb_sync_folder_is_encrypted (cli->args[1], NULL)) &&
      (passphrase = cb_cli_passphrase_get (passphrase_file, FALSE, error)) == NULL)
    return FALSE;
  existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  if ((store = open_store (cli, OPEN_CREATE | OPEN_CHECK, error)) == NULL)
    {
      cb_crypt_passphrase_free (passphrase);
      return FALSE;
    }
  sync = cb_sync_run (store, cli->args[1], passphrase, NULL, NULL, NULL, NULL, error);
  cb_crypt_passphrase_free (passphrase);
  if (sync == NULL)
    {
      /* a failed sync into a new database leaves none behind */
      drop_new_database (cli, &store, existed);
      return FALSE;
    }
  print_sync_report (sync);
  return TRUE;
}

static gboolean
run_backup (CbCli   *cli,
            GError **error)
{
  g_autoptr(CbStore) store = NULL;

  if (!cb_cli_parse_options (cli, _("FILE"),
                      _("Write a consistent copy of the whole database, private records included. "
                        "Safe while Coachbook is open."),
                      NULL, error) ||
      !cb_cli_expect_one_argument (cli, _("backup needs a FILE."), error))
    return FALSE;
  if ((store = open_store (cli, OPEN_EXISTING, error)) == NULL)
    return FALSE;
  if (!cb_store_backup (store, cli->args[1], error))
    return FALSE;
  g_print (_("Backed up to %s\n"), cli->args[1]);
  return TRUE;
}

static gboolean
run_restore (CbCli   *cli,
             GError **error)
{
  g_autoptr(CbStore) store = NULL;
  gboolean existed;

  if (!cb_cli_parse_options (cli, _("FILE"),
                      _("Replace the database with a backup. This laptop then takes a new "
                        "identity, so nothing restored can clash with edits colleagues already have. "
                        "Quit Coachbook first."),
                      NULL, error) ||
      !cb_cli_expect_one_argument (cli, _("restore needs a FILE."), error))
    return FALSE;
  if (cb_db_lock_is_held (cli->db_path))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_BUSY,
                   _("Coachbook is open on “%s”: quit it, then restore."), cli->db_path);
      return FALSE;
    }
  existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  if ((store = open_store (cli, OPEN_CREATE | OPEN_CHECK, error)) == NULL)
    return FALSE;
  if (!cb_store_restore_file (store, cli->args[1], error))
    {
      drop_new_database (cli, &store, existed);
      return FALSE;
    }
  g_print (_("Restored from %s\n"), cli->args[1]);
  return TRUE;
}

static const struct
{
  const char   *name;
  CbCliCommand  run;
} commands[] = {
  { "stats",    run_stats },
  { "search",   run_search },
  { "check",    run_check },
  { "generate", run_generate },
  { "packet",   run_packet },
  { "csv",      run_csv },
  { "delivered", run_delivered },
  { "signin",   run_signin },
  { "picture",  run_picture },
  { "report",   run_report },
  { "export",   run_export },
  { "import",   run_import },
  { "sync",     run_sync },
  { "backup",   run_backup },
  { "restore",  run_restore },
  { "talk",     cb_cli_run_talk },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *prefixed = NULL;
  const char *command = NULL;
  const char *db_path = NULL;
  gboolean version = FALSE, help = FALSE, dashdash = FALSE;
  CbCliCommand run = NULL;
  CbCli cli = { 0 };
  gboolean ok;

  cb_i18n_init ();
  g_set_prgname (PROGRAM);

  /* --db, --version and --help may come before or after the command;
   * everything else belongs to the command. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (!dashdash)
        {
          if (strcmp (arg, "--") == 0)
            dashdash = TRUE;
          else if (strcmp (arg, "--db") == 0)
            {
              if (i + 1 >= argc)
                {
                  print_error (_("--db needs a PATH."));
                  return EXIT_USAGE;
                }
              db_path = argv[++i];
              continue;
            }
          else if (g_str_has_prefix (arg, "--db="))
            {
              db_path = arg + strlen ("--db=");
              continue;
            }
          else if (strcmp (arg, "--version") == 0)
            {
              version = TRUE;
              continue;
            }
          else if (command == NULL && (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0))
            {
              help = TRUE;
              continue;
            }
        }
      if (command == NULL && !dashdash)
        {
          if (arg[0] == '-')
            {
              g_autofree char *message = g_strdup_printf (_("Unknown option “%s” (try --help)."), arg);
              print_error (message);
              return EXIT_USAGE;
            }
          command = arg;
          continue;
        }
      g_ptr_array_add (args, g_strdup (arg));
    }

  if (version)
    {
      g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (help || g_strcmp0 (command, "help") == 0)
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (command == NULL)
    {
      print_error (_("No command given (try --help)."));
      return EXIT_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, command) == 0)
      run = commands[i].run;
  if (run == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s” (try --help)."), command);
      print_error (message);
      return EXIT_USAGE;
    }
  if (db_path != NULL && *db_path == '\0')
    {
      print_error (_("--db needs a PATH."));
      return EXIT_USAGE;
    }
  if (db_path == NULL)
    db_path = default_path = cb_store_default_path ();

  /* GOption wants a program name first; it shows in the command's --help */
  prefixed = g_strdup_printf ("%s %s", PROGRAM, command);
  g_ptr_array_insert (args, 0, g_strdup (prefixed));
  g_ptr_array_add (args, NULL);
  cli.db_path = db_path;
  cli.args = (char **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
  g_set_prgname (prefixed);

  ok = run (&cli, &error);
  g_strfreev (cli.args);
  if (!ok)
    {
      print_error (error ? error->message : NULL);
      return error && error->domain == CB_CLI_USAGE_ERROR ? EXIT_USAGE : EXIT_FAILED;
    }
  return EXIT_SUCCESS;
}
