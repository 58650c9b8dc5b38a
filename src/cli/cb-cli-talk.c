/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens coachbook-talk.so, the part of coachbook-cli that decodes sound. */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <gmodule.h>

#include "cb-cli-private.h"
#include "cb-cli-talk.h"
#include "cb-talk.h"

/* The folder of the running program when the module lies beside it:
 * a build tree, run without COACHBOOK_MODULEDIR. */
static char *
module_beside_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *module = dir != NULL ? g_build_filename (dir, CB_CLI_TALK_MODULE, NULL) : NULL;

  if (module == NULL || !g_file_test (module, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&dir);
}

/**
 * cb_cli_talk_load:
 * @error: where a missing or unusable module is told
 *
 * Opens the module once, from MODULEDIR or $COACHBOOK_MODULEDIR (an
 * uninstalled build); it stays loaded until the program exits.
 *
 * Returns: (transfer none): the module's entry points, or %NULL
 */
const CbCliTalk *
cb_cli_talk_load (GError **error)
{
  static const CbCliTalk *talk = NULL;
  const char *dir = g_getenv ("COACHBOOK_MODULEDIR");
  g_autofree char *path = NULL;
  g_autofree char *beside = NULL;
  GModule *module;
  gpointer symbol = NULL;

  if (talk != NULL)
    return talk;
  path = g_build_filename (dir != NULL && *dir != '\0' ? dir : MODULEDIR, CB_CLI_TALK_MODULE, NULL);
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL && (dir == NULL || *dir == '\0') && (beside = module_beside_program ()) != NULL)
    {
      g_debug ("%s", g_module_error ());
      /* TRANSLATORS: %s is the build tree's folder holding coachbook-talk.so */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot analyse recordings: this coachbook-cli is not installed; run it with "
                     "COACHBOOK_MODULEDIR=%s, or with build-aux/dev cli."), beside);
      return NULL;
    }
  if (module == NULL)
    {
      g_debug ("%s", g_module_error ());
      /* TRANSLATORS: %s is a file such as /usr/lib/x86_64-linux-gnu/coachbook/coachbook-talk.so */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot analyse recordings: “%s” is missing or damaged; reinstall Coachbook."), path);
      return NULL;
    }
  if (!g_module_symbol (module, CB_CLI_TALK_SYMBOL, &symbol) || symbol == NULL ||
      ((const CbCliTalk *) symbol)->abi != CB_CLI_TALK_ABI)
    {
      g_module_close (module);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot analyse recordings: “%s” belongs to another version of Coachbook; reinstall Coachbook."),
                   path);
      return NULL;
    }
  g_module_make_resident (module);
  talk = symbol;
  return talk;
}

static void
print_hms (guint seconds)
{
  g_print ("%u:%02u:%02u", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

/* "START-END" in whole seconds, START before END. */
static gboolean
parse_span (const char  *text,
            guint       *start,
            guint       *end,
            GError     **error)
{
  g_auto(GStrv) parts = text != NULL ? g_strsplit (text, "-", -1) : NULL;
  guint64 a, b;

  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, CB_TALK_MAX_SECONDS, &a, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, CB_TALK_MAX_SECONDS, &b, NULL) || b <= a)
    {
      g_set_error (error, CB_CLI_USAGE_ERROR, 0,
                   _("--teacher-from needs START-END in seconds, such as 0-20, not “%s”."),
                   text != NULL ? text : "");
      return FALSE;
    }
  *start = a;
  *end = b;
  return TRUE;
}

static void
print_segments (GArray *segments)
{
  double shares[CB_TALK_N_LABELS];

  for (guint i = 0; i < segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (segments, CbTalkSegment, i);

      print_hms (seg->start);
      g_print ("\t");
      print_hms (seg->end);
      g_print ("\t%s\t%s\n", cb_talk_label_id (seg->label), cb_talk_label_name (seg->label));
    }
  cb_talk_segments_shares (segments, shares);
  g_print ("\n");
  for (guint l = CB_TALK_LABEL_SILENCE; l < CB_TALK_N_LABELS; l++)
    if (l <= CB_TALK_LABEL_SEVERAL || shares[l] > 0)
      /* TRANSLATORS: a share of the recording's time, e.g. "One voice: 45 %" */
      g_print (_("%s: %.0f %%\n"), cb_talk_label_name (l), shares[l] * 100.0);
  g_print (_("These are estimates from the sound alone; check them against the lesson.\n"));
}

/* The same analysis as the window's (src/talk/cb-talk-decode.c, in
 * coachbook-talk.so); the recording is only read, nothing is written. */
gboolean
cb_cli_run_talk (CbCli   *cli,
          GError **error)
{
  g_autoptr(GArray) segments = NULL;
  g_autofree char *teacher_from = NULL;
  const CbCliTalk *talk;
  guint start = 0, end = 0;
  GOptionEntry entries[] = {
    { "teacher-from", 't', 0, G_OPTION_ARG_STRING, &teacher_from,
      N_("Seconds of the recording where only the teacher talks: one-voice segments are then split into likely teacher and likely student"),
      N_("START-END") },
    { NULL }
  };

  if (!cb_cli_parse_options (cli, _("RECORDING"),
                      _("Estimate who talks in a recording (WAV, OGG, FLAC, MP3, M4A): one line a "
                        "segment — start, end, label — then each label’s share of the time. "
                        "The recording stays where it is; nothing is stored."),
                      entries, error) ||
      !cb_cli_expect_one_argument (cli, _("talk needs a RECORDING."), error) ||
      (teacher_from != NULL && !parse_span (teacher_from, &start, &end, error)))
    return FALSE;
  if ((talk = cb_cli_talk_load (error)) == NULL ||
      (segments = talk->analyse_file (cli->args[1], error)) == NULL)
    return FALSE;
  if (teacher_from != NULL)
    {
      float reference = cb_talk_segments_reference (segments, start, end);

      if (reference <= 0)
        {
          g_set_error (error, CB_CLI_USAGE_ERROR, 0,
                       _("No single voice was heard between %u and %u seconds; choose a stretch where the teacher talks alone."),
                       start, end);
          return FALSE;
        }
      cb_talk_segments_split_voices (segments, reference);
    }
  print_segments (segments);
  return TRUE;
}
