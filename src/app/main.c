/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "cb-application.h"
#include "cb-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CbApplication) app = NULL;

  cb_i18n_init ();
  /* gtk_init() would set the locale from the environment again, undoing
   * the C.UTF-8 that lets LANGUAGE work on a machine without locales */
  gtk_disable_setlocale ();

  app = cb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
