/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cb-list-filter.h"

static const struct
{
  const char *kind;    /* of the record chosen */
  const char *title;   /* N_() */
} refs[CB_LIST_FILTER_N_REFS] = {
  [CB_LIST_FILTER_TEACHER]  = { "person",   N_("Teacher") },
  [CB_LIST_FILTER_SCHOOL]   = { "school",   N_("School") },
  [CB_LIST_FILTER_LOOK_FOR] = { "look_for", N_("Look-for") },
};

/**
 * cb_list_filter_ref_kind:
 *
 * Returns: the kind of record @ref is chosen from
 */
const char *
cb_list_filter_ref_kind (CbListFilterRef ref)
{
  g_return_val_if_fail (ref < CB_LIST_FILTER_N_REFS, NULL);
  return refs[ref].kind;
}

/**
 * cb_list_filter_ref_title:
 *
 * Returns: @ref's name, translated
 */
const char *
cb_list_filter_ref_title (CbListFilterRef ref)
{
  g_return_val_if_fail (ref < CB_LIST_FILTER_N_REFS, NULL);
  return _(refs[ref].title);
}

static const CbField *
ref_field (const CbKind *info,
           const char   *name,
           const char   *ref_kind)
{
  const CbField *field = cb_kind_field (info, name);

  if (field == NULL || (field->type != CB_TYPE_REF && field->type != CB_TYPE_REFS) ||
      g_strcmp0 (field->ref_kind, ref_kind) != 0)
    return NULL;
  return field;
}

/**
 * cb_list_filter_field:
 *
 * Returns: (nullable): the field of @kind that @ref filters on: the
 *   observed teacher, a co-plan's or a log's teachers, an action item's
 *   owner; the school, an engagement's schools; the focus look-fors.
 *   %NULL when @kind has none.
 */
const char *
cb_list_filter_field (const char      *kind,
                      CbListFilterRef  ref)
{
  static const char * const teacher_fields[] = { "teacher", "teachers", "owner" };
  static const char * const school_fields[] = { "school", "schools" };
  const CbKind *info = kind ? cb_kind_lookup (kind) : NULL;

  if (info == NULL)
    return NULL;
  switch (ref)
    {
    case CB_LIST_FILTER_TEACHER:
      for (guint i = 0; i < G_N_ELEMENTS (teacher_fields); i++)
        if (ref_field (info, teacher_fields[i], "person") != NULL)
          return teacher_fields[i];
      return NULL;
    case CB_LIST_FILTER_SCHOOL:
      for (guint i = 0; i < G_N_ELEMENTS (school_fields); i++)
        if (ref_field (info, school_fields[i], "school") != NULL)
          return school_fields[i];
      return NULL;
    case CB_LIST_FILTER_LOOK_FOR:
      /* The store filters on the kind's list of look-fors (the first). */
      for (guint i = 0; i < info->n_fields; i++)
        if (info->fields[i].type == CB_TYPE_REFS && g_strcmp0 (info->fields[i].ref_kind, "look_for") == 0)
          return info->fields[i].name;
      return NULL;
    case CB_LIST_FILTER_N_REFS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Whether @kind is listed by a date: the date range filters it. */
gboolean
cb_list_filter_has_dates (const char *kind)
{
  const CbKind *info = kind ? cb_kind_lookup (kind) : NULL;
  const CbField *sort = info ? cb_kind_sort_field (info) : NULL;

  return sort != NULL && sort->type == CB_TYPE_DATE;
}

/* Whether a list of @kind has anything to filter on. */
gboolean
cb_list_filter_offered (const char *kind)
{
  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    if (cb_list_filter_field (kind, i) != NULL)
      return TRUE;
  return cb_list_filter_has_dates (kind);
}

/* "" (no limit) or a real YYYY-MM-DD date. */
gboolean
cb_list_filter_date_valid (const char *text)
{
  int y, m, d;
  char end;

  if (text == NULL || *text == '\0')
    return TRUE;
  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 &&
         g_date_valid_dmy (d, m, y);
}

void
cb_list_filter_set_ref (CbListFilter    *self,
                        CbListFilterRef  ref,
                        const char      *uuid)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ref < CB_LIST_FILTER_N_REFS);

  g_free (self->refs[ref]);
  self->refs[ref] = uuid != NULL && *uuid != '\0' ? g_strdup (uuid) : NULL;
}

/**
 * cb_list_filter_set_dates:
 * @from: (nullable): what the coach typed
 * @to: (nullable): the same
 *
 * Keeps each date that is valid; one not valid (yet) or empty does not
 * limit the range.
 *
 * Returns: whether both were empty or valid
 */
gboolean
cb_list_filter_set_dates (CbListFilter *self,
                          const char   *from,
                          const char   *to)
{
  gboolean from_ok = cb_list_filter_date_valid (from);
  gboolean to_ok = cb_list_filter_date_valid (to);

  g_return_val_if_fail (self != NULL, FALSE);

  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_to, g_free);
  if (from_ok && from != NULL && *from != '\0')
    self->date_from = g_strdup (from);
  if (to_ok && to != NULL && *to != '\0')
    self->date_to = g_strdup (to);
  return from_ok && to_ok;
}

void
cb_list_filter_clear (CbListFilter *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    g_clear_pointer (&self->refs[i], g_free);
  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_to, g_free);
}

/* Makes @self hold what @other holds. */
void
cb_list_filter_copy (CbListFilter       *self,
                     const CbListFilter *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  if (self == other)
    return;
  cb_list_filter_clear (self);
  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    self->refs[i] = g_strdup (other->refs[i]);
  self->date_from = g_strdup (other->date_from);
  self->date_to = g_strdup (other->date_to);
}

gboolean
cb_list_filter_equal (const CbListFilter *a,
                      const CbListFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    if (g_strcmp0 (a->refs[i], b->refs[i]) != 0)
      return FALSE;
  return g_strcmp0 (a->date_from, b->date_from) == 0 && g_strcmp0 (a->date_to, b->date_to) == 0;
}

/* Whether @self narrows a list of @kind: the parts @kind has no field
 * for are kept for other sections, but do not count here. */
gboolean
cb_list_filter_is_active (const CbListFilter *self,
                          const char         *kind)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    if (self->refs[i] != NULL && cb_list_filter_field (kind, i) != NULL)
      return TRUE;
  return cb_list_filter_has_dates (kind) && (self->date_from != NULL || self->date_to != NULL);
}

/**
 * cb_list_filter_apply:
 * @filter: (out caller-allocates): set for @kind; it points into @self
 *
 * Every part of @self that @kind has a field for narrows the list: a
 * teacher AND a school AND a look-for AND the dates.
 */
void
cb_list_filter_apply (const CbListFilter *self,
                      const char         *kind,
                      CbFilter           *filter)
{
  guint n = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->kind = kind;
  for (guint i = CB_LIST_FILTER_TEACHER; i <= CB_LIST_FILTER_SCHOOL; i++)
    {
      const char *field = cb_list_filter_field (kind, i);

      if (self->refs[i] != NULL && field != NULL)
        {
          g_assert (n < CB_FILTER_MORE_REFS);
          filter->more_refs[n].field = field;
          filter->more_refs[n].value = self->refs[i];
          n++;
        }
    }
  if (self->refs[CB_LIST_FILTER_LOOK_FOR] != NULL && cb_list_filter_field (kind, CB_LIST_FILTER_LOOK_FOR) != NULL)
    filter->look_for = self->refs[CB_LIST_FILTER_LOOK_FOR];
  if (cb_list_filter_has_dates (kind))
    {
      filter->date_from = self->date_from;
      filter->date_to = self->date_to;
    }
}

/**
 * cb_list_filter_describe:
 * @name_func: the name of a record, from its UUID
 *
 * Returns: (transfer full) (nullable): "Showing only: Ana Ruiz ·
 *   Lincoln · from 2025-09-01", or %NULL when @self does not narrow a
 *   list of @kind
 */
char *
cb_list_filter_describe (const CbListFilter   *self,
                         const char           *kind,
                         CbListFilterNameFunc  name_func,
                         gpointer              data)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name_func != NULL, NULL);

  for (guint i = 0; i < CB_LIST_FILTER_N_REFS; i++)
    if (self->refs[i] != NULL && cb_list_filter_field (kind, i) != NULL)
      {
        const char *name = name_func (self->refs[i], data);
        g_ptr_array_add (parts, g_strdup (name != NULL ? name : self->refs[i]));
      }
  if (cb_list_filter_has_dates (kind) && self->date_from != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("from %s"), self->date_from));
  if (cb_list_filter_has_dates (kind) && self->date_to != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("until %s"), self->date_to));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" · ", (char **) parts->pdata);
  /* TRANSLATORS: %s lists the active filters */
  return g_strdup_printf (_("Showing only: %s"), joined);
}
