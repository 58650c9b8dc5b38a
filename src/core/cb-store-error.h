/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's error domain, on its own: the kinds table and the version
 * vectors report bad values in it without depending on the store. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CB_STORE_ERROR (cb_store_error_quark ())

typedef enum
{
  CB_STORE_ERROR_NOT_A_DATABASE,
  CB_STORE_ERROR_CORRUPT,
  CB_STORE_ERROR_TOO_NEW,
  CB_STORE_ERROR_READ_ONLY,
  CB_STORE_ERROR_IO,
  CB_STORE_ERROR_NOT_FOUND,
  CB_STORE_ERROR_INVALID,
  CB_STORE_ERROR_BUSY,
  CB_STORE_ERROR_FAILED,
} CbStoreError;

GQuark cb_store_error_quark (void);

G_END_DECLS
