/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GListModel of CbRecord over one CbFilter that asks the store for
 * rows a page at a time, only when the list view needs them, and keeps
 * a few pages. Pages are read by key, never by skipping rows: counting
 * the list notes where every page starts (cb_store_list_marks(), one
 * pass over the list index), so any page, however deep and in whatever
 * order the view asks, is one index seek. It is also the list's selection model: the selection is
 * a UUID, not a position, so it survives refreshes and never makes
 * GTK walk the whole list looking for a moved item. */

#include "config.h"

#include <string.h>

#include "cb-record-list-model.h"

#define MAX_CACHED_PAGES 8

typedef struct
{
  guint      index;
  GPtrArray *records;
  guint64    used;
} Page;

struct _CbRecordListModel
{
  GObject     parent_instance;

  CbStore    *store;
  gulong      changed_id;

  char       *kind;
  char       *ref_field;
  char       *ref_value;
  char       *date_from;
  char       *date_to;
  char       *look_for;
  char       *more_fields[CB_FILTER_MORE_REFS];
  char       *more_values[CB_FILTER_MORE_REFS];
  gboolean    trash;
  gboolean    conflicts;

  guint       n_items;
  GArray     *marks;      /* CbListKey: the last record of each page */
  GHashTable *pages;      /* page index → Page */
  guint64     use_clock;
  guint       n_fetched;

  char       *selected_uuid;
};

static void list_model_iface_init      (GListModelInterface      *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbRecordListModel, cb_record_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum {
  PROP_0,
  PROP_SELECTED_UUID,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_free (page);
}

static void
fill_filter (CbRecordListModel *self,
             CbFilter          *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->kind = self->kind;
  filter->trash = self->trash;
  filter->ref_field = self->ref_field;
  filter->ref_value = self->ref_value;
  filter->date_from = self->date_from;
  filter->date_to = self->date_to;
  filter->look_for = self->look_for;
  for (guint i = 0; i < CB_FILTER_MORE_REFS; i++)
    {
      filter->more_refs[i].field = self->more_fields[i];
      filter->more_refs[i].value = self->more_values[i];
    }
  filter->conflicts = self->conflicts;
}

static GPtrArray *
fetch_page (CbRecordListModel *self,
            guint              index)
{
  g_autoptr(GError) error = NULL;
  CbFilter filter;
  GPtrArray *records;

  fill_filter (self, &filter);
  if (index > 0)
    {
      /* Rows past the marks came in behind our back (another process);
       * the next change signal or reload counts again. */
      if (self->marks == NULL || index - 1 >= self->marks->len)
        return g_ptr_array_new_with_free_func (g_object_unref);
      filter.after = &g_array_index (self->marks, CbListKey, index - 1);
    }
  self->n_fetched++;
  g_debug ("Reading page %u of %s", index, self->kind ? self->kind : "trash");
  records = cb_store_list (self->store, &filter, CB_RECORD_LIST_PAGE_SIZE, &error);
  if (records == NULL)
    {
      g_warning ("Could not read the list: %s", error ? error->message : "?");
      records = g_ptr_array_new_with_free_func (g_object_unref);
    }
  return records;
}

static void
evict_pages (CbRecordListModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_CACHED_PAGES)
    {
      GHashTableIter iter;
      gpointer value;
      Page *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Page *page = value;
          if (oldest == NULL || page->used < oldest->used)
            oldest = page;
        }
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

static Page *
get_page (CbRecordListModel *self,
          guint              index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL)
    {
      page = g_new0 (Page, 1);
      page->index = index;
      page->records = fetch_page (self, index);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      page->used = ++self->use_clock;
      evict_pages (self);
    }
  page->used = ++self->use_clock;
  return page;
}

/* The record at @position if its page is already in memory. */
static CbRecord *
peek_record (CbRecordListModel *self,
             guint              position)
{
  Page *page = g_hash_table_lookup (self->pages,
                                    GUINT_TO_POINTER (position / CB_RECORD_LIST_PAGE_SIZE));
  guint i = position % CB_RECORD_LIST_PAGE_SIZE;

  if (page == NULL || i >= page->records->len)
    return NULL;
  return g_ptr_array_index (page->records, i);
}

/* Counts the rows and notes where each page starts; the marks replace
 * the old ones, which the pages in memory no longer need. */
static guint
count_items (CbRecordListModel *self)
{
  g_autoptr(GError) error = NULL;
  CbFilter filter;
  guint n;

  g_clear_pointer (&self->marks, g_array_unref);
  if (self->kind == NULL && !self->trash)
    return 0;
  fill_filter (self, &filter);
  n = cb_store_list_marks (self->store, &filter, CB_RECORD_LIST_PAGE_SIZE, &self->marks, &error);
  if (error != NULL)
    g_warning ("Could not count the list: %s", error->message);
  return n;
}

/* Drops every page for a list of @n_items rows, counted by
 * count_items() just before. */
static void
reset_counted (CbRecordListModel *self,
               guint              n_items)
{
  guint old_n = self->n_items;

  g_hash_table_remove_all (self->pages);
  self->n_items = n_items;
  /* Two signals, not one: GTK 4.8's list views look up every added item
   * that might reuse a row of the removed range, which fetches the whole
   * new list. Emptied first, the list has no rows left to reuse. */
  if (old_n != 0 && self->n_items != 0)
    {
      guint new_n = self->n_items;

      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
    }
  else if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
reset (CbRecordListModel *self)
{
  reset_counted (self, count_items (self));
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* One record changed and the number of rows did not: refetch the pages
 * in memory and announce only the span of rows that differ. Rows in
 * pages not in memory are read fresh when asked for. */
/* The common case while the coach edits a record: it is in a page in
 * memory and keeps its place. Refetch that page only and announce that
 * one row. */
static gboolean
refresh_one_row (CbRecordListModel *self,
                 const char        *changed_uuid)
{
  GHashTableIter iter;
  gpointer value;
  Page *page = NULL;
  guint index = 0;
  g_autoptr(GPtrArray) fresh = NULL;

  g_hash_table_iter_init (&iter, self->pages);
  while (page == NULL && g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *p = value;
      for (guint i = 0; i < p->records->len; i++)
        if (g_strcmp0 (cb_record_get_uuid (g_ptr_array_index (p->records, i)), changed_uuid) == 0)
          {
            page = p;
            index = i;
            break;
          }
    }
  if (page == NULL)
    return FALSE;

  fresh = fetch_page (self, page->index);
  if (fresh->len != page->records->len)
    return FALSE;
  for (guint i = 0; i < fresh->len; i++)
    if (g_strcmp0 (cb_record_get_uuid (g_ptr_array_index (fresh, i)),
                   cb_record_get_uuid (g_ptr_array_index (page->records, i))) != 0)
      return FALSE;

  g_ptr_array_unref (page->records);
  page->records = g_steal_pointer (&fresh);
  g_list_model_items_changed (G_LIST_MODEL (self),
                              page->index * CB_RECORD_LIST_PAGE_SIZE + index, 1, 1);
  return TRUE;
}

static void
refresh_in_place (CbRecordListModel *self,
                  const char        *changed_uuid)
{
  g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;
  guint first = G_MAXUINT, last = 0;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key);
      g_array_append_val (indexes, index);
    }
  g_array_sort (indexes, compare_uint);

  for (guint k = 0; k < indexes->len; k++)
    {
      guint index = g_array_index (indexes, guint, k);
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
      g_autoptr(GPtrArray) fresh = fetch_page (self, index);
      guint n = MAX (fresh->len, page->records->len);

      for (guint i = 0; i < n; i++)
        {
          CbRecord *a = i < page->records->len ? g_ptr_array_index (page->records, i) : NULL;
          CbRecord *b = i < fresh->len ? g_ptr_array_index (fresh, i) : NULL;
          gboolean same = a != NULL && b != NULL &&
                          g_strcmp0 (cb_record_get_uuid (a), cb_record_get_uuid (b)) == 0 &&
                          g_strcmp0 (cb_record_get_uuid (a), changed_uuid) != 0;

          if (!same)
            {
              guint pos = index * CB_RECORD_LIST_PAGE_SIZE + i;
              first = MIN (first, pos);
              last = MAX (last, pos);
            }
        }
      g_ptr_array_unref (page->records);
      page->records = g_steal_pointer (&fresh);
    }

  if (first != G_MAXUINT)
    {
      last = MIN (last, self->n_items - 1);
      if (first <= last)
        g_list_model_items_changed (G_LIST_MODEL (self), first,
                                    last - first + 1, last - first + 1);
    }
}

static void
on_store_changed_cb (CbStore           *store,
                     const char        *kind,
                     const char        *uuid,
                     CbRecordListModel *self)
{
  guint new_n;

  if (kind != NULL && self->kind != NULL && g_strcmp0 (kind, self->kind) != 0)
    return;
  if (self->kind == NULL && !self->trash)
    return;

  if (kind == NULL || uuid == NULL || g_hash_table_size (self->pages) == 0)
    {
      reset (self);
      return;
    }

  new_n = count_items (self);
  if (new_n != self->n_items)
    {
      reset_counted (self, new_n);
      return;
    }
  if (!refresh_one_row (self, uuid))
    refresh_in_place (self, uuid);
}

/* GListModel */

static GType
cb_record_list_model_get_item_type (GListModel *model)
{
  return CB_TYPE_RECORD;
}

static guint
cb_record_list_model_get_n_items (GListModel *model)
{
  return CB_RECORD_LIST_MODEL (model)->n_items;
}

static gpointer
cb_record_list_model_get_item (GListModel *model,
                               guint       position)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (model);
  Page *page;
  guint i;

  if (position >= self->n_items)
    return NULL;
  page = get_page (self, position / CB_RECORD_LIST_PAGE_SIZE);
  i = position % CB_RECORD_LIST_PAGE_SIZE;
  /* The database changed behind our back (another process); the next
   * change signal or reload fixes the count. */
  if (i >= page->records->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->records, i));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cb_record_list_model_get_item_type;
  iface->get_n_items = cb_record_list_model_get_n_items;
  iface->get_item = cb_record_list_model_get_item;
}

/* GtkSelectionModel: one selected UUID */

static gboolean
position_is_selected (CbRecordListModel *self,
                      guint              position,
                      gboolean           fetch)
{
  CbRecord *record;
  g_autoptr(CbRecord) owned = NULL;

  if (self->selected_uuid == NULL || position >= self->n_items)
    return FALSE;
  record = peek_record (self, position);
  if (record == NULL && fetch)
    record = owned = g_list_model_get_item (G_LIST_MODEL (self), position);
  return record != NULL && g_strcmp0 (cb_record_get_uuid (record), self->selected_uuid) == 0;
}

static gboolean
cb_record_list_model_is_selected (GtkSelectionModel *model,
                                  guint              position)
{
  return position_is_selected (CB_RECORD_LIST_MODEL (model), position, TRUE);
}

static GtkBitset *
cb_record_list_model_get_selection_in_range (GtkSelectionModel *model,
                                             guint              position,
                                             guint              n_items)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (model);
  GtkBitset *set = gtk_bitset_new_empty ();

  /* Only look at rows in memory: a range may span the whole list. */
  for (guint i = position; i < position + n_items && i < self->n_items; i++)
    if (position_is_selected (self, i, FALSE))
      gtk_bitset_add (set, i);
  return set;
}

static void
set_selected (CbRecordListModel *self,
              const char        *uuid)
{
  if (g_strcmp0 (self->selected_uuid, uuid) == 0)
    return;
  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (uuid);
  if (self->n_items > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, self->n_items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UUID]);
}

static gboolean
cb_record_list_model_select_item (GtkSelectionModel *model,
                                  guint              position,
                                  gboolean           unselect_rest)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (model);
  g_autoptr(CbRecord) record = g_list_model_get_item (G_LIST_MODEL (self), position);

  if (record == NULL)
    return FALSE;
  set_selected (self, cb_record_get_uuid (record));
  return TRUE;
}

static gboolean
cb_record_list_model_unselect_item (GtkSelectionModel *model,
                                    guint              position)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (model);

  if (position_is_selected (self, position, TRUE))
    set_selected (self, NULL);
  return TRUE;
}

static gboolean
cb_record_list_model_unselect_all (GtkSelectionModel *model)
{
  set_selected (CB_RECORD_LIST_MODEL (model), NULL);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = cb_record_list_model_is_selected;
  iface->get_selection_in_range = cb_record_list_model_get_selection_in_range;
  iface->select_item = cb_record_list_model_select_item;
  iface->unselect_item = cb_record_list_model_unselect_item;
  iface->unselect_all = cb_record_list_model_unselect_all;
}

static void
clear_filter (CbRecordListModel *self)
{
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->ref_field, g_free);
  g_clear_pointer (&self->ref_value, g_free);
  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_to, g_free);
  g_clear_pointer (&self->look_for, g_free);
  for (guint i = 0; i < CB_FILTER_MORE_REFS; i++)
    {
      g_clear_pointer (&self->more_fields[i], g_free);
      g_clear_pointer (&self->more_values[i], g_free);
    }
  self->trash = FALSE;
  self->conflicts = FALSE;
}

static void
cb_record_list_model_dispose (GObject *object)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  if (self->pages != NULL)
    g_hash_table_remove_all (self->pages);

  G_OBJECT_CLASS (cb_record_list_model_parent_class)->dispose (object);
}

static void
cb_record_list_model_finalize (GObject *object)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (object);

  clear_filter (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->selected_uuid, g_free);

  G_OBJECT_CLASS (cb_record_list_model_parent_class)->finalize (object);
}

static void
cb_record_list_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SELECTED_UUID:
      g_value_set_string (value, self->selected_uuid);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_record_list_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CbRecordListModel *self = CB_RECORD_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SELECTED_UUID:
      cb_record_list_model_set_selected_uuid (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_record_list_model_class_init (CbRecordListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_record_list_model_dispose;
  object_class->finalize = cb_record_list_model_finalize;
  object_class->get_property = cb_record_list_model_get_property;
  object_class->set_property = cb_record_list_model_set_property;

  properties[PROP_SELECTED_UUID] =
    g_param_spec_string ("selected-uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_record_list_model_init (CbRecordListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
}

/**
 * cb_record_list_model_new:
 * @store: the store to read from
 *
 * The model lists nothing until a filter is set.
 *
 * Returns: (transfer full): a new model
 */
CbRecordListModel *
cb_record_list_model_new (CbStore *store)
{
  CbRecordListModel *self;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  self = g_object_new (CB_TYPE_RECORD_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
  return self;
}

CbStore *
cb_record_list_model_get_store (CbRecordListModel *self)
{
  g_return_val_if_fail (CB_IS_RECORD_LIST_MODEL (self), NULL);

  return self->store;
}

/**
 * cb_record_list_model_set_filter:
 * @filter: (nullable): what to list; %NULL lists nothing
 *
 * Copies @filter and reloads: the old rows go, then the new ones come
 * (see reset()).
 */
void
cb_record_list_model_set_filter (CbRecordListModel *self,
                                 const CbFilter    *filter)
{
  g_return_if_fail (CB_IS_RECORD_LIST_MODEL (self));

  clear_filter (self);
  if (filter != NULL)
    {
      self->kind = g_strdup (filter->kind);
      self->ref_field = g_strdup (filter->ref_field);
      self->ref_value = g_strdup (filter->ref_value);
      self->date_from = g_strdup (filter->date_from);
      self->date_to = g_strdup (filter->date_to);
      self->look_for = g_strdup (filter->look_for);
      for (guint i = 0; i < CB_FILTER_MORE_REFS; i++)
        {
          self->more_fields[i] = g_strdup (filter->more_refs[i].field);
          self->more_values[i] = g_strdup (filter->more_refs[i].value);
        }
      self->trash = filter->trash;
      self->conflicts = filter->conflicts;
    }
  reset (self);
}

const char *
cb_record_list_model_get_kind (CbRecordListModel *self)
{
  g_return_val_if_fail (CB_IS_RECORD_LIST_MODEL (self), NULL);

  return self->kind;
}

gboolean
cb_record_list_model_get_trash (CbRecordListModel *self)
{
  g_return_val_if_fail (CB_IS_RECORD_LIST_MODEL (self), FALSE);

  return self->trash;
}

/**
 * cb_record_list_model_reload:
 *
 * Drops every page and counts again (see reset()).
 */
void
cb_record_list_model_reload (CbRecordListModel *self)
{
  g_return_if_fail (CB_IS_RECORD_LIST_MODEL (self));

  reset (self);
}

const char *
cb_record_list_model_get_selected_uuid (CbRecordListModel *self)
{
  g_return_val_if_fail (CB_IS_RECORD_LIST_MODEL (self), NULL);

  return self->selected_uuid;
}

void
cb_record_list_model_set_selected_uuid (CbRecordListModel *self,
                                        const char        *uuid)
{
  g_return_if_fail (CB_IS_RECORD_LIST_MODEL (self));

  set_selected (self, uuid);
}

/* For tests and benchmarks: how many pages were read so far. */
guint
cb_record_list_model_get_n_fetched (CbRecordListModel *self)
{
  g_return_val_if_fail (CB_IS_RECORD_LIST_MODEL (self), 0);

  return self->n_fetched;
}

guint
cb_record_list_model_get_n_cached_pages (CbRecordListModel *self)
{
  g_return_val_if_fail (CB_IS_RECORD_LIST_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}
