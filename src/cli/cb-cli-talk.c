/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens coachbook-talk.so, the part of coachbook-cli that decodes sound. */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <gmodule.h>

#include "cb-cli-talk.h"

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
  GModule *module;
  gpointer symbol = NULL;

  if (talk != NULL)
    return talk;
  path = g_build_filename (dir != NULL && *dir != '\0' ? dir : MODULEDIR, CB_CLI_TALK_MODULE, NULL);
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
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
