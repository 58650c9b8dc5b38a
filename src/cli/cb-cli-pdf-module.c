/* SPDX-License-Identifier: GPL-3.0-or-later */
/* coachbook-pdf.so: the PDF-drawing entry points of coachbook-cli, built
 * from the report library. See cb-cli-pdf.h. */

#include "config.h"

#include <gmodule.h>

#include "cb-cli-pdf.h"
#include "cb-contract.h"
#include "cb-packet.h"
#include "cb-rounds-picture.h"
#include "cb-signin-sheet.h"

static void
paper_size (CbCliPaper  paper,
            double     *width,
            double     *height)
{
  switch (paper)
    {
    case CB_CLI_PAPER_A4:
      *width = CB_PAPER_A4_WIDTH;
      *height = CB_PAPER_A4_HEIGHT;
      break;
    case CB_CLI_PAPER_LETTER:
      *width = CB_PAPER_LETTER_WIDTH;
      *height = CB_PAPER_LETTER_HEIGHT;
      break;
    case CB_CLI_PAPER_DEFAULT:
    default:
      cb_packet_default_paper (width, height);
      break;
    }
}

/* Every PDF but the packet is drawn by one call at a paper size. */
typedef gboolean (*WriteSized) (CbStore     *store,
                                const char  *uuid,
                                const char  *path,
                                double       width,
                                double       height,
                                GError     **error);

static gboolean
write_pdf (CbCliPdfDocument   document,
           CbStore           *store,
           const char        *uuid,
           const char        *path,
           CbCliPaper         paper,
           GError           **error)
{
  static const WriteSized writers[] = {
    [CB_CLI_PDF_CONTRACT] = cb_contract_write_pdf,
    [CB_CLI_PDF_SIGNIN] = cb_signin_sheet_write_pdf,
    [CB_CLI_PDF_PICTURE] = cb_rounds_picture_write_pdf,
  };
  g_autoptr(CbPacket) packet = NULL;
  double width, height;

  g_return_val_if_fail (document < G_N_ELEMENTS (writers), FALSE);

  paper_size (paper, &width, &height);
  if (document != CB_CLI_PDF_PACKET)
    return writers[document] (store, uuid, path, width, height, error);
  if ((packet = cb_packet_new (store, uuid, error)) == NULL)
    return FALSE;
  return cb_packet_write_pdf (packet, path, width, height, error);
}

G_MODULE_EXPORT extern const CbCliPdf cb_cli_pdf;

G_MODULE_EXPORT const CbCliPdf cb_cli_pdf = {
  .abi = CB_CLI_PDF_ABI,
  .write = write_pdf,
};
