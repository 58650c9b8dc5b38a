/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Conflicts section's list (cb_conflicts_find()). It reloads itself
 * shortly after the store changes while it is on screen, and when it
 * comes back on screen after a change. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-conflict-list.h"
#include "cb-conflict-logic.h"
#include "cb-record-row.h"

#define MAX_SHOWN        500
#define RELOAD_DELAY_MS  250

struct _CbConflictList
{
  AdwBin       parent_instance;

  GtkStack    *stack;
  GtkListBox  *list;

  CbNames     *names;
  gulong       changed_id;
  guint        reload_id;
  gboolean     dirty;
  char        *selected;
  GPtrArray   *uuids;
};

G_DEFINE_FINAL_TYPE (CbConflictList, cb_conflict_list, ADW_TYPE_BIN)

enum
{
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (CbConflictList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->uuids, 0);
}

static void
add_row (CbConflictList *self,
         CbStore        *store,
         CbRecord       *record)
{
  g_autoptr(CbState) state = cb_store_read_state (store, cb_record_get_uuid (record), NULL);
  g_autoptr(CbConflictInfo) info = NULL;
  g_autofree char *title = cb_names_title (self->names, record);
  g_autofree char *what = NULL;
  const CbKind *kind = cb_record_get_kind_info (record);
  GtkWidget *row, *child;

  if (state == NULL)
    return;
  info = cb_conflict_describe (state);
  if (cb_conflict_info_is_resolved (info))
    return;
  what = cb_conflict_describe_short (info);
  child = cb_record_row_new ();
  cb_record_row_set (CB_RECORD_ROW (child), kind ? cb_kind_get_label (kind) : NULL, title, what,
                     FALSE, cb_record_get_deleted (record) ? _("In the Trash") : NULL, FALSE);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  gtk_widget_set_name (row, cb_record_get_uuid (record));
  gtk_list_box_append (self->list, row);
  g_ptr_array_add (self->uuids, g_strdup (cb_record_get_uuid (record)));
  if (g_strcmp0 (self->selected, cb_record_get_uuid (record)) == 0)
    gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbConflictList *self = data;

  self->reload_id = 0;
  cb_conflict_list_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore        *store,
                     const char     *kind,
                     const char     *uuid,
                     CbConflictList *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
on_row_activated_cb (CbConflictList *self,
                     GtkListBoxRow  *row)
{
  const char *uuid = gtk_widget_get_name (GTK_WIDGET (row));

  g_free (self->selected);
  self->selected = g_strdup (uuid);
  g_signal_emit (self, signals[OPEN_RECORD], 0, uuid);
}

static void
cb_conflict_list_map (GtkWidget *widget)
{
  CbConflictList *self = CB_CONFLICT_LIST (widget);

  GTK_WIDGET_CLASS (cb_conflict_list_parent_class)->map (widget);
  if (self->dirty)
    cb_conflict_list_reload (self);
}

static void
cb_conflict_list_dispose (GObject *object)
{
  CbConflictList *self = CB_CONFLICT_LIST (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  g_clear_object (&self->names);
  /* The stack is both the bin's child and a template child: let go of
   * it once, as the bin's child, before the template clears it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_CONFLICT_LIST);

  G_OBJECT_CLASS (cb_conflict_list_parent_class)->dispose (object);
}

static void
cb_conflict_list_finalize (GObject *object)
{
  CbConflictList *self = CB_CONFLICT_LIST (object);

  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_conflict_list_parent_class)->finalize (object);
}

static void
cb_conflict_list_class_init (CbConflictListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_conflict_list_dispose;
  object_class->finalize = cb_conflict_list_finalize;
  widget_class->map = cb_conflict_list_map;

  /**
   * CbConflictList::open-record:
   * @uuid: the record chosen
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-conflict-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CbConflictList, stack);
  gtk_widget_class_bind_template_child (widget_class, CbConflictList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
cb_conflict_list_init (CbConflictList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->uuids = g_ptr_array_new_with_free_func (g_free);
}

void
cb_conflict_list_set_names (CbConflictList *self,
                            CbNames        *names)
{
  g_return_if_fail (CB_IS_CONFLICT_LIST (self));
  g_return_if_fail (CB_IS_NAMES (names));

  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  g_set_object (&self->names, names);
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
  self->dirty = TRUE;
}

/**
 * cb_conflict_list_reload:
 *
 * Lists the records in conflict now.
 */
void
cb_conflict_list_reload (CbConflictList *self)
{
  CbStore *store;
  g_autoptr(GPtrArray) records = NULL;

  g_return_if_fail (CB_IS_CONFLICT_LIST (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = FALSE;
  clear_list (self);
  if (self->names == NULL)
    return;
  store = cb_names_get_store (self->names);
  records = cb_conflicts_find (store, MAX_SHOWN, NULL);
  for (guint i = 0; records != NULL && i < records->len; i++)
    add_row (self, store, g_ptr_array_index (records, i));
  gtk_stack_set_visible_child_name (self->stack, self->uuids->len > 0 ? "list" : "empty");
}

guint
cb_conflict_list_get_n_items (CbConflictList *self)
{
  g_return_val_if_fail (CB_IS_CONFLICT_LIST (self), 0);

  return self->uuids->len;
}

/**
 * cb_conflict_list_get_uuid:
 *
 * Returns: (transfer none) (nullable): the record in row @index
 */
const char *
cb_conflict_list_get_uuid (CbConflictList *self,
                           guint           index)
{
  g_return_val_if_fail (CB_IS_CONFLICT_LIST (self), NULL);

  return index < self->uuids->len ? g_ptr_array_index (self->uuids, index) : NULL;
}

/**
 * cb_conflict_list_set_selected:
 * @uuid: (nullable): the record open in the editor pane
 */
void
cb_conflict_list_set_selected (CbConflictList *self,
                               const char     *uuid)
{
  GtkListBoxRow *row = NULL;

  g_return_if_fail (CB_IS_CONFLICT_LIST (self));

  g_free (self->selected);
  self->selected = g_strdup (uuid);
  for (guint i = 0; uuid != NULL && i < self->uuids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->uuids, i), uuid) == 0)
      row = gtk_list_box_get_row_at_index (self->list, i);
  if (row != NULL)
    gtk_list_box_select_row (self->list, row);
  else
    gtk_list_box_unselect_all (self->list);
}
