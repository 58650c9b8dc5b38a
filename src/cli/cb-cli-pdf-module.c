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

static gboolean
write_packet (CbStore     *store,
              const char  *observation_uuid,
              const char  *path,
              CbCliPaper   paper,
              GError     **error)
{
  g_autoptr(CbPacket) packet = NULL;
  double width, height;

  paper_size (paper, &width, &height);
  if ((packet = cb_packet_new (store, observation_uuid, error)) == NULL)
    return FALSE;
  return cb_packet_write_pdf (packet, path, width, height, error);
}

static gboolean
write_contract (CbStore     *store,
                const char  *engagement_uuid,
                const char  *path,
                CbCliPaper   paper,
                GError     **error)
{
  double width, height;

  paper_size (paper, &width, &height);
  return cb_contract_write_pdf (store, engagement_uuid, path, width, height, error);
}

static gboolean
write_signin (CbStore     *store,
              const char  *session_uuid,
              const char  *path,
              CbCliPaper   paper,
              GError     **error)
{
  double width, height;

  paper_size (paper, &width, &height);
  return cb_signin_sheet_write_pdf (store, session_uuid, path, width, height, error);
}

static gboolean
write_picture (CbStore     *store,
               const char  *rounds_uuid,
               const char  *path,
               CbCliPaper   paper,
               GError     **error)
{
  double width, height;

  paper_size (paper, &width, &height);
  return cb_rounds_picture_write_pdf (store, rounds_uuid, path, width, height, error);
}

G_MODULE_EXPORT extern const CbCliPdf cb_cli_pdf;

G_MODULE_EXPORT const CbCliPdf cb_cli_pdf = {
  .abi = CB_CLI_PDF_ABI,
  .write_packet = write_packet,
  .write_contract = write_contract,
  .write_signin = write_signin,
  .write_picture = write_picture,
};
