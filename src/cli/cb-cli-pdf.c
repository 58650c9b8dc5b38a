/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens coachbook-pdf.so, the part of coachbook-cli that draws PDFs. */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "cb-cli-pdf.h"

/* The installed module is in MODULEDIR (libdir/coachbook). An uninstalled
 * build (the tests, build-aux/dev) names its own folder through
 * COACHBOOK_MODULEDIR. */
static char *
module_path (void)
{
  const char *dir = g_getenv ("COACHBOOK_MODULEDIR");

  return g_build_filename (dir != NULL && *dir != '\0' ? dir : MODULEDIR, CB_CLI_PDF_MODULE, NULL);
}

/**
 * cb_cli_pdf_load:
 * @error: where a missing or unusable module is told
 *
 * Opens the module once; it stays loaded until the program exits.
 *
 * Returns: (transfer none): the module's entry points, or %NULL
 */
const CbCliPdf *
cb_cli_pdf_load (GError **error)
{
  static const CbCliPdf *pdf = NULL;
  g_autofree char *path = NULL;
  GModule *module;
  gpointer symbol = NULL;

  if (pdf != NULL)
    return pdf;

  path = module_path ();
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_debug ("%s", g_module_error ());
      /* TRANSLATORS: %s is a file such as /usr/lib/x86_64-linux-gnu/coachbook/coachbook-pdf.so */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot write PDFs: “%s” is missing or damaged; reinstall Coachbook."), path);
      return NULL;
    }
  if (!g_module_symbol (module, CB_CLI_PDF_SYMBOL, &symbol) || symbol == NULL ||
      ((const CbCliPdf *) symbol)->abi != CB_CLI_PDF_ABI)
    {
      g_module_close (module);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write PDFs: “%s” belongs to another version of Coachbook; reinstall Coachbook."),
                   path);
      return NULL;
    }
  g_module_make_resident (module);
  pdf = symbol;
  return pdf;
}
