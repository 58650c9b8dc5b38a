/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-kinds.h"
#include "cb-search-result.h"
#include "cb-view-logic.h"

struct _CbSearchResult
{
  GObject  parent_instance;

  char    *uuid;
  char    *kind;
  char    *title;
  char    *markup;
  char    *context;
  char    *date;
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
  g_free (self->context);
  g_free (self->date);

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
 * @hit: a hit of cb_store_search_full()
 *
 * Returns: (transfer full): a new result; the snippet is turned into
 *   escaped Pango markup here, and the kind and a child line's parent
 *   into the line above the title ("Evidence · Unit 3 Lesson 4").
 */
CbSearchResult *
cb_search_result_new (const CbSearchHit *hit)
{
  CbSearchResult *self = g_object_new (CB_TYPE_SEARCH_RESULT, NULL);
  const CbKind *kind = cb_kind_lookup (hit->kind);
  const char *label = kind ? cb_kind_get_label (kind) : hit->kind;

  self->uuid = g_strdup (hit->uuid);
  self->kind = g_strdup (hit->kind);
  self->title = g_strdup (hit->title);
  self->markup = cb_snippet_to_markup (hit->snippet);
  self->date = g_strdup (hit->date);
  if (hit->parent_title != NULL)
    /* TRANSLATORS: a search result's kind and the record it belongs to,
     * "Evidence · Unit 3 Lesson 4" */
    self->context = g_strdup_printf (_("%s · %s"), label,
                                     *hit->parent_title ? hit->parent_title : _("Untitled"));
  else
    self->context = g_strdup (label);
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

/* The line above the title: the kind, and a child line's parent. */
const char *
cb_search_result_get_context (CbSearchResult *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULT (self), NULL);
  return self->context;
}

/* YYYY-MM-DD the result is listed under, or NULL */
const char *
cb_search_result_get_date (CbSearchResult *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULT (self), NULL);
  return self->date;
}
