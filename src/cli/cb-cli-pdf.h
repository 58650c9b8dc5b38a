/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDFs of coachbook-cli (the debrief packet, the delivered-against-
 * planned contract) are drawn with cairo and Pango. Those libraries live
 * in a private module, coachbook-pdf.so, so that the other commands do
 * not load them: the program opens the module only when a command draws
 * a PDF. The module takes the program's CbStore and core as they are:
 * core is linked once, into the program, which exports its symbols. */

#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* Bumped whenever CbCliPdf changes, so that a module from another build
 * is refused instead of called wrongly. */
#define CB_CLI_PDF_ABI 4

/* The symbol the module exports: a CbCliPdf. */
#define CB_CLI_PDF_SYMBOL "cb_cli_pdf"

/* The module's file name, in MODULEDIR or in $COACHBOOK_MODULEDIR. */
#define CB_CLI_PDF_MODULE "coachbook-pdf.so"

typedef enum
{
  CB_CLI_PAPER_DEFAULT,   /* from the locale (LC_PAPER) */
  CB_CLI_PAPER_A4,
  CB_CLI_PAPER_LETTER,
} CbCliPaper;

/* The PDFs the module draws, each of one record. */
typedef enum
{
  CB_CLI_PDF_PACKET,      /* an observation's debrief packet */
  CB_CLI_PDF_CONTRACT,    /* an engagement's delivered against planned */
  CB_CLI_PDF_SIGNIN,      /* a PD session's sign-in sheet */
  CB_CLI_PDF_PICTURE,     /* a rounds visit's data picture */
} CbCliPdfDocument;

typedef struct
{
  guint    abi;
  /* Writes @document of the record @uuid to @path. */
  gboolean (*write) (CbCliPdfDocument   document,
                     CbStore           *store,
                     const char        *uuid,
                     const char        *path,
                     CbCliPaper         paper,
                     GError           **error);
} CbCliPdf;

const CbCliPdf *cb_cli_pdf_load (GError **error);

G_END_DECLS
