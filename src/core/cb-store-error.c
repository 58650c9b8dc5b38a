/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's error domain (see cb-store-error.h). */

#include "config.h"

#include "cb-store-error.h"

G_DEFINE_QUARK (cb-store-error-quark, cb_store_error)
