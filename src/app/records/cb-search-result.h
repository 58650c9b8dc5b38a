/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cb-store.h"

G_BEGIN_DECLS

#define CB_TYPE_SEARCH_RESULT (cb_search_result_get_type ())
G_DECLARE_FINAL_TYPE (CbSearchResult, cb_search_result, CB, SEARCH_RESULT, GObject)

/* One search hit as a list item. */
CbSearchResult *cb_search_result_new         (const CbSearchHit *hit);
const char     *cb_search_result_get_uuid    (CbSearchResult *self);
const char     *cb_search_result_get_kind    (CbSearchResult *self);
const char     *cb_search_result_get_title   (CbSearchResult *self);
const char     *cb_search_result_get_markup  (CbSearchResult *self);
const char     *cb_search_result_get_context (CbSearchResult *self);
const char     *cb_search_result_get_date    (CbSearchResult *self);

G_END_DECLS
