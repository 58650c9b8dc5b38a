/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cb-store.h"

G_BEGIN_DECLS

/* A PD session's sign-in: the printable sheet's content and the kiosk
 * check-in (a name typed → present with the session's hours). */

typedef struct
{
  char *name;
  char *school;
  char *role;
  char *hours;                  /* "" when not signed in */
} CbSigninRow;

typedef struct
{
  char      *title;
  char      *date;
  char      *start;
  char      *end;
  char      *location;
  double     hours;             /* the session's length */
  GPtrArray *rows;              /* CbSigninRow, by name */
} CbSigninSheet;

CbSigninSheet *cb_signin_sheet_load (CbStore       *store,
                                     const char    *session,
                                     GError       **error);
void           cb_signin_sheet_free (CbSigninSheet *sheet);

char          *cb_signin_find_person (CbStore     *store,
                                      const char  *name,
                                      GError     **error);
char          *cb_signin_check_in   (CbStore       *store,
                                     const char    *session,
                                     const char    *name,
                                     gboolean      *new_person,
                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSigninSheet, cb_signin_sheet_free)

G_END_DECLS
