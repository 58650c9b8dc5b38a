/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Action plans that persist across visits: every action item, sorted
 * overdue first, filtered by state. The list is small enough (a few
 * hundred a year) to classify in memory; rows are built only for what
 * is on screen. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-action-list.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define RELOAD_DELAY_MS 200
#define PAGE 500

struct _CbActionList
{
  GtkWidget           parent_instance;

  GtkToggleButton    *open_toggle;
  GtkToggleButton    *due_toggle;
  GtkToggleButton    *overdue_toggle;
  GtkToggleButton    *done_toggle;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;

  CbNames            *names;
  gulong              changed_id;
  GPtrArray          *all;           /* CbRecord, every live action item */
  GHashTable         *states;        /* CbRecord → CbActionState */
  GListStore         *shown;
  GtkSingleSelection *selection;
  CbActionFilter      filter;
  CbListFilter        narrow;        /* the window's teacher and dates */
  guint               reload_id;
};

G_DEFINE_FINAL_TYPE (CbActionList, cb_action_list, GTK_TYPE_WIDGET)

static CbActionState
state_of (CbActionList *self,
          CbRecord     *record)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->states, record));
}

/* The labels wrap: in a narrow window "Overdue 24" takes two lines
 * rather than push the window wider. */
static void
set_toggle_label (GtkToggleButton *toggle,
                  const char      *text)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (toggle));

  if (!GTK_IS_LABEL (label))
    {
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_button_set_child (GTK_BUTTON (toggle), label);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
update_labels (CbActionList *self)
{
  g_autofree char *open = NULL;
  g_autofree char *due = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *done = NULL;

  /* TRANSLATORS: filters of the action items, with their number */
  open = g_strdup_printf (_("Open %u"), cb_action_list_count (self, CB_ACTION_FILTER_OPEN));
  due = g_strdup_printf (_("Due %u"), cb_action_list_count (self, CB_ACTION_FILTER_DUE));
  overdue = g_strdup_printf (_("Overdue %u"), cb_action_list_count (self, CB_ACTION_FILTER_OVERDUE));
  done = g_strdup_printf (_("Done %u"), cb_action_list_count (self, CB_ACTION_FILTER_DONE));
  set_toggle_label (self->open_toggle, open);
  set_toggle_label (self->due_toggle, due);
  set_toggle_label (self->overdue_toggle, overdue);
  set_toggle_label (self->done_toggle, done);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  CbActionList *self = user_data;
  CbRecord *x = (CbRecord *) a, *y = (CbRecord *) b;

  return cb_action_compare (cb_record_get (x, "due"), state_of (self, x),
                            cb_record_get (y, "due"), state_of (self, y));
}

static void
apply_filter (CbActionList *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; i < self->all->len; i++)
    if (cb_action_filter_matches (self->filter, state_of (self, g_ptr_array_index (self->all, i))))
      g_ptr_array_add (items, g_ptr_array_index (self->all, i));
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       items->pdata, items->len);
  g_list_store_sort (self->shown, compare_items, self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  if (items->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      switch (self->filter)
        {
        case CB_ACTION_FILTER_DUE:
          adw_status_page_set_title (self->empty_page, _("Nothing Due This Week"));
          adw_status_page_set_description (self->empty_page, _("Action items due in the next seven days show here."));
          break;
        case CB_ACTION_FILTER_OVERDUE:
          adw_status_page_set_title (self->empty_page, _("Nothing Overdue"));
          adw_status_page_set_description (self->empty_page, _("Every action item with a past due date is done."));
          break;
        case CB_ACTION_FILTER_DONE:
          adw_status_page_set_title (self->empty_page, _("Nothing Done Yet"));
          adw_status_page_set_description (self->empty_page, _("Tick an action item when it is done."));
          break;
        case CB_ACTION_FILTER_OPEN:
        default:
          adw_status_page_set_title (self->empty_page, _("No Open Action Items"));
          adw_status_page_set_description (self->empty_page,
                                           _("Agree next steps in a debrief, or press Ctrl+N to add one."));
          break;
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  update_labels (self);
}

/* Rows */

static void
on_source_clicked_cb (GtkButton    *button,
                      CbActionList *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");

  if (uuid != NULL)
    {
      g_autofree char *copy = g_strdup (uuid);
      cb_view_open_record (GTK_WIDGET (self), copy);
    }
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CbActionList             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *dates = gtk_label_new (NULL);
  GtkWidget *source = gtk_button_new ();
  GtkWidget *source_label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_label_set_xalign (GTK_LABEL (dates), 0);
  gtk_label_set_ellipsize (GTK_LABEL (dates), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (dates, "caption");
  gtk_widget_add_css_class (dates, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (source_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (source_label), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (source), source_label);
  gtk_widget_add_css_class (source, "flat");
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_add_css_class (source, "cb-link");
  gtk_widget_set_halign (source, GTK_ALIGN_START);
  g_signal_connect (source, "clicked", G_CALLBACK (on_source_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (box), dates);
  gtk_box_append (GTK_BOX (box), source);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "dates", dates);
  g_object_set_data (G_OBJECT (box), "source", source);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CbActionList             *self)
{
  CbRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = g_object_get_data (G_OBJECT (box), "title");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (box), "subtitle");
  GtkWidget *dates = g_object_get_data (G_OBJECT (box), "dates");
  GtkWidget *source = g_object_get_data (G_OBJECT (box), "source");
  const char *owner = cb_record_get (record, "owner");
  const char *due = cb_record_get (record, "due");
  const char *check_back = cb_record_get (record, "check_back");
  const char *from = cb_record_get (record, "source");
  const char *text = cb_record_get (record, "text");
  CbActionState state = state_of (self, record);
  g_autofree char *today = cb_today_string ();
  GString *sub = g_string_new (NULL);
  GString *when = g_string_new (NULL);

  gtk_label_set_text (GTK_LABEL (title), text && *text ? text : _("Untitled"));

  /* who and what state; the dates line says how due it is */
  if (owner != NULL && *owner != '\0')
    g_string_append (sub, cb_names_lookup (self->names, owner));
  if (sub->len > 0)
    g_string_append (sub, " · ");
  g_string_append (sub, state == CB_ACTION_DONE || state == CB_ACTION_DROPPED
                        ? cb_action_state_label (state)
                        : cb_field_choice_label (cb_kind_field (cb_kind_lookup ("action_item"), "status"),
                                                cb_record_get (record, "status") ? cb_record_get (record, "status") : "open"));
  gtk_label_set_text (GTK_LABEL (subtitle), sub->str);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_remove_css_class (dates, "error");
  gtk_widget_remove_css_class (dates, "warning");
  gtk_widget_remove_css_class (dates, "dim-label");
  if (state == CB_ACTION_OVERDUE)
    gtk_widget_add_css_class (dates, "error");
  else if (state == CB_ACTION_DUE)
    gtk_widget_add_css_class (dates, "warning");
  else
    gtk_widget_add_css_class (dates, "dim-label");

  if (due != NULL && *due != '\0')
    {
      g_autofree char *label = cb_due_label (due, today);
      g_string_append (when, label);
    }
  if (check_back != NULL && *check_back != '\0')
    {
      g_autofree char *label = cb_date_label (check_back, NULL);
      if (when->len > 0)
        g_string_append (when, " · ");
      /* TRANSLATORS: %s is a date */
      g_string_append_printf (when, _("check back %s"), label);
    }
  gtk_label_set_text (GTK_LABEL (dates), when->str);
  gtk_widget_set_visible (dates, when->len > 0);

  if (from != NULL && *from != '\0')
    {
      g_autoptr(CbRecord) src = cb_store_get (cb_names_get_store (self->names), from, NULL);
      const char *name = cb_names_lookup (self->names, from);
      g_autofree char *label = NULL;

      if (src != NULL)
        /* TRANSLATORS: the record an action item came from: "From Observation: Unit 3 Lesson 2" */
        label = g_strdup_printf (_("From %s: %s"), cb_kind_get_label (cb_record_get_kind_info (src)),
                                 *name ? name : _("Untitled"));
      else
        label = g_strdup (_("From a record that is gone"));
      gtk_label_set_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (source))), label);
      gtk_widget_set_tooltip_text (source, _("Open the record it came from"));
      g_object_set_data_full (G_OBJECT (source), "uuid", src ? g_strdup (from) : NULL, g_free);
      gtk_widget_set_sensitive (source, src != NULL);
      gtk_widget_set_visible (source, TRUE);
    }
  else
    {
      g_object_set_data (G_OBJECT (source), "uuid", NULL);
      gtk_widget_set_visible (source, FALSE);
    }
  g_string_free (sub, TRUE);
  g_string_free (when, TRUE);
}

static void
on_list_activated_cb (CbActionList *self,
                      guint         position)
{
  g_autoptr(CbRecord) record = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (record != NULL)
    cb_view_open_record (GTK_WIDGET (self), cb_record_get_uuid (record));
}

static void
on_filter_toggled_cb (CbActionList    *self,
                      GtkToggleButton *button)
{
  CbActionFilter filter;

  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->due_toggle)
    filter = CB_ACTION_FILTER_DUE;
  else if (button == self->overdue_toggle)
    filter = CB_ACTION_FILTER_OVERDUE;
  else if (button == self->done_toggle)
    filter = CB_ACTION_FILTER_DONE;
  else
    filter = CB_ACTION_FILTER_OPEN;
  if (filter != self->filter)
    {
      self->filter = filter;
      apply_filter (self);
    }
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbActionList *self = data;

  self->reload_id = 0;
  cb_action_list_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore      *store,
                     const char   *kind,
                     const char   *uuid,
                     CbActionList *self)
{
  if (kind != NULL && g_strcmp0 (kind, "action_item") != 0)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
cb_action_list_dispose (GObject *object)
{
  CbActionList *self = CB_ACTION_LIST (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_ACTION_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_action_list_parent_class)->dispose (object);
}

static void
cb_action_list_finalize (GObject *object)
{
  CbActionList *self = CB_ACTION_LIST (object);

  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  cb_list_filter_clear (&self->narrow);

  G_OBJECT_CLASS (cb_action_list_parent_class)->finalize (object);
}

static void
cb_action_list_class_init (CbActionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_action_list_dispose;
  object_class->finalize = cb_action_list_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-action-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CbActionList, open_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbActionList, due_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbActionList, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbActionList, done_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbActionList, stack);
  gtk_widget_class_bind_template_child (widget_class, CbActionList, list_view);
  gtk_widget_class_bind_template_child (widget_class, CbActionList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled_cb);
}

static void
cb_action_list_init (CbActionList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->states = g_hash_table_new (NULL, NULL);
  self->shown = g_list_store_new (CB_TYPE_RECORD);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  self->filter = CB_ACTION_FILTER_OPEN;
  update_labels (self);
}

GtkWidget *
cb_action_list_new (void)
{
  return g_object_new (CB_TYPE_ACTION_LIST, NULL);
}

void
cb_action_list_set_names (CbActionList *self,
                          CbNames      *names)
{
  g_return_if_fail (CB_IS_ACTION_LIST (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_action_list_reload:
 *
 * Reads the action items again and classifies them against today.
 */
void
cb_action_list_reload (CbActionList *self)
{
  CbFilter filter = { 0 };
  g_autofree char *today = cb_today_string ();
  g_autoptr(CbRecord) last = NULL;
  CbListKey after;

  g_return_if_fail (CB_IS_ACTION_LIST (self));

  if (self->names == NULL)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_hash_table_remove_all (self->states);
  g_ptr_array_set_size (self->all, 0);
  cb_list_filter_apply (&self->narrow, "action_item", &filter);
  for (;;)
    {
      g_autoptr(GPtrArray) page = cb_store_list (cb_names_get_store (self->names), &filter, PAGE, NULL);

      if (page == NULL || page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          CbRecord *r = g_ptr_array_index (page, i);
          CbActionState state = cb_action_classify (cb_record_get (r, "status"), cb_record_get (r, "due"),
                                                    today, CB_ACTION_DUE_SOON_DAYS);

          g_ptr_array_add (self->all, g_object_ref (r));
          g_hash_table_insert (self->states, r, GINT_TO_POINTER (state));
        }
      if (page->len < PAGE)
        break;
      g_set_object (&last, g_ptr_array_index (page, page->len - 1));
      cb_record_get_list_key (last, &after);
      filter.after = &after;
    }
  apply_filter (self);
}

/**
 * cb_action_list_set_list_filter:
 * @filter: the window's filter: an owner and due dates narrow the list
 *
 * Copies @filter and reads the action items again if it changed.
 */
void
cb_action_list_set_list_filter (CbActionList       *self,
                                const CbListFilter *filter)
{
  g_return_if_fail (CB_IS_ACTION_LIST (self));
  g_return_if_fail (filter != NULL);

  if (cb_list_filter_equal (&self->narrow, filter))
    return;
  cb_list_filter_copy (&self->narrow, filter);
  cb_action_list_reload (self);
}

void
cb_action_list_set_filter (CbActionList   *self,
                           CbActionFilter  filter)
{
  GtkToggleButton *button;

  g_return_if_fail (CB_IS_ACTION_LIST (self));

  switch (filter)
    {
    case CB_ACTION_FILTER_DUE:
      button = self->due_toggle;
      break;
    case CB_ACTION_FILTER_OVERDUE:
      button = self->overdue_toggle;
      break;
    case CB_ACTION_FILTER_DONE:
      button = self->done_toggle;
      break;
    case CB_ACTION_FILTER_OPEN:
    default:
      button = self->open_toggle;
      break;
    }
  gtk_toggle_button_set_active (button, TRUE);
}

CbActionFilter
cb_action_list_get_filter (CbActionList *self)
{
  g_return_val_if_fail (CB_IS_ACTION_LIST (self), CB_ACTION_FILTER_OPEN);

  return self->filter;
}

/**
 * cb_action_list_get_model:
 *
 * Returns: (transfer none): the items shown, in their order
 */
GListModel *
cb_action_list_get_model (CbActionList *self)
{
  g_return_val_if_fail (CB_IS_ACTION_LIST (self), NULL);

  return G_LIST_MODEL (self->shown);
}

guint
cb_action_list_count (CbActionList   *self,
                      CbActionFilter  filter)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_ACTION_LIST (self), 0);

  for (guint i = 0; i < self->all->len; i++)
    if (cb_action_filter_matches (filter, state_of (self, g_ptr_array_index (self->all, i))))
      n++;
  return n;
}
