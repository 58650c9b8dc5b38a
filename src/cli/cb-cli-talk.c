/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens coachbook-talk.so, the part of coachbook-cli that decodes sound. */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <gmodule.h>

#include "cb-cli-talk.h"

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
