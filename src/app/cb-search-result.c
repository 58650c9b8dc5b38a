/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cb-search-result.h"
#include "cb-view-logic.h"

struct _CbSearchResult
{
  GObject  parent_instance;

  char    *uuid;
  char    *kind;
  char    *title;
  char    *markup;
};

G_DEFINE_FINAL_TYPE (CbSearchResult, cb_search_result, G_TYPE_OBJECT)

static void
cb_search_result_finalize (GObject *object)
{
  CbSearchResult *self = CB_SEARCH_RESULT (object);

  g_free (self->uuid);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->markup);

  G_OBJECT_CLASS (cb_search_result_parent_class)->finalize (object);
}

static void
cb_search_result_class_init (CbSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_search_result_finalize;
}

static void
cb_search_result_init (CbSearchResult *self)
{
}

/**
 * cb_search_result_new:
 * @snippet: (nullable): matched terms between \x02 and \x03
 *
 * Returns: (transfer full): a new result; the snippet is turned into
 *   escaped Pango markup here.
 */
CbSearchResult *
cb_search_result_new (const char *uuid,
                      const char *kind,
                      const char *title,
                      const char *snippet)
{
  CbSearchResult *self = g_object_new (CB_TYPE_SEARCH_RESULT, NULL);

  self->uuid = g_strdup (uuid);
  self->kind = g_strdup (kind);
  self->title = g_strdup (title);
  self->markup = cb_snippet_to_markup (snippet);
  return self;
}

const char *
cb_search_result_get_uuid (CbSearchResult *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULT (self), NULL);
  return self->uuid;
}

const char *
cb_search_result_get_kind (CbSearchResult *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULT (self), NULL);
  return self->kind;
}

const char *
cb_search_result_get_title (CbSearchResult *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULT (self), NULL);
  return self->title;
}

const char *
cb_search_result_get_markup (CbSearchResult *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULT (self), NULL);
  return self->markup;
}
