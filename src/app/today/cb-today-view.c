/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-locale.h"
#include "cb-today-view.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define MAX_TEACHERS 1000
#define MAX_SHOWN 12
#define REFRESH_DELAY_MS 300

struct _CbTodayView
{
  GtkWidget             parent_instance;

  GtkLabel             *date_label;
  GtkWidget            *welcome_group;
  GtkWidget            *sample_button;
  AdwPreferencesGroup  *not_observed_group;
  GtkListBox           *scheduled_list;
  GtkListBox           *due_list;
  GtkListBox           *not_observed_list;
  GtkListBox           *recent_list;

  CbNames              *names;
  GSettings            *settings;
  gulong                changed_id;
  gulong                settings_id;
  guint                 refresh_id;
  gboolean              dirty;
  char                 *shown_date;
  guint                 n_items;
};

G_DEFINE_FINAL_TYPE (CbTodayView, cb_today_view, GTK_TYPE_WIDGET)

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const dated_kinds[] = {
  "observation", "coplan", "coaching_log", "pd_session", NULL
};

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox *list,
         const char *uuid,
         const char *title,
         const char *subtitle,
         const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  if (uuid != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (uuid), g_free);
    }
  gtk_list_box_append (list, row);
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "observation") == 0)
    return "view-reveal-symbolic";
  if (g_strcmp0 (kind, "coplan") == 0)
    return "document-edit-symbolic";
  if (g_strcmp0 (kind, "coaching_log") == 0)
    return "view-list-bullet-symbolic";
  if (g_strcmp0 (kind, "pd_session") == 0)
    return "x-office-presentation-symbolic";
  return NULL;
}

static void
add_record_row (CbTodayView *self,
                GtkListBox  *list,
                CbRecord    *record,
                const char  *extra)
{
  g_autofree char *title = cb_names_title (self->names, record);
  g_autofree char *subtitle = cb_names_describe (self->names, record, FALSE);
  g_autofree char *full = NULL;

  if (extra != NULL && *extra != '\0')
    full = *subtitle ? g_strdup_printf ("%s · %s", extra, subtitle) : g_strdup (extra);
  add_row (list, cb_record_get_uuid (record), title, full ? full : subtitle,
           kind_icon (cb_record_get_kind (record)));
  self->n_items++;
}

static int
compare_by_date_desc (gconstpointer a,
                      gconstpointer b)
{
  CbRecord *x = *(CbRecord * const *) a;
  CbRecord *y = *(CbRecord * const *) b;
  const CbField *fx = cb_kind_sort_field (cb_record_get_kind_info (x));
  const CbField *fy = cb_kind_sort_field (cb_record_get_kind_info (y));

  return -g_strcmp0 (fx ? cb_record_get (x, fx->name) : NULL,
                     fy ? cb_record_get (y, fy->name) : NULL);
}

static int
compare_by_due (gconstpointer a,
                gconstpointer b)
{
  CbRecord *x = *(CbRecord * const *) a;
  CbRecord *y = *(CbRecord * const *) b;

  return g_strcmp0 (cb_record_get (x, "due"), cb_record_get (y, "due"));
}

static void
fill_scheduled (CbTodayView *self,
                const char  *today)
{
  CbStore *store = cb_names_get_store (self->names);
  guint n = 0;

  clear_list (self->scheduled_list);
  for (guint k = 0; dated_kinds[k]; k++)
    {
      CbFilter filter = { 0 };
      g_autoptr(GPtrArray) records = NULL;

      filter.kind = dated_kinds[k];
      filter.date_from = today;
      filter.date_to = today;
      records = cb_store_list (store, &filter, MAX_SHOWN, NULL);
      for (guint i = 0; records && i < records->len; i++, n++)
        {
          CbRecord *r = g_ptr_array_index (records, i);
          const char *start = cb_record_get (r, "start_time");
          add_record_row (self, self->scheduled_list, r, start);
        }
    }
  if (n == 0)
    add_placeholder (self->scheduled_list, _("Nothing is scheduled for today"));
}

static void
fill_due (CbTodayView *self,
          const char  *today)
{
  CbStore *store = cb_names_get_store (self->names);
  CbFilter filter = { 0 };
  g_autofree char *week = cb_date_add_days (today, 7);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new ();

  clear_list (self->due_list);
  filter.kind = "action_item";
  filter.date_to = week;
  records = cb_store_list (store, &filter, 500, NULL);
  for (guint i = 0; records && i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      CbDueBucket b = cb_due_bucket (cb_record_get (r, "due"), cb_record_get (r, "status"), today);

      if (b == CB_DUE_OVERDUE || b == CB_DUE_TODAY || b == CB_DUE_THIS_WEEK)
        g_ptr_array_add (due, r);
    }
  g_ptr_array_sort (due, compare_by_due);
  for (guint i = 0; i < due->len && i < MAX_SHOWN; i++)
    {
      /* The second line already says how late it is. */
      add_record_row (self, self->due_list, g_ptr_array_index (due, i), NULL);
    }
  if (due->len > MAX_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more",
                                                            "And %u more", due->len - MAX_SHOWN),
                                               due->len - MAX_SHOWN);
      add_placeholder (self->due_list, more);
    }
  if (due->len == 0)
    add_placeholder (self->due_list, _("No action items due this week"));
}

static void
fill_not_observed (CbTodayView *self,
                   const char  *today)
{
  CbStore *store = cb_names_get_store (self->names);
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, TRUE, sizeof (CbTeacherSeen));
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) late = NULL;
  g_autofree char *title = NULL;
  int days = self->settings ? g_settings_get_int (self->settings, "not-observed-days") : 30;

  clear_list (self->not_observed_list);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not Observed in %d Day",
                                        "Not Observed in %d Days", days), days);
  adw_preferences_group_set_title (self->not_observed_group, title);

  filter.kind = "person";
  people = cb_store_list (store, &filter, MAX_TEACHERS, NULL);
  for (guint i = 0; people && i < people->len; i++)
    {
      CbRecord *p = g_ptr_array_index (people, i);
      CbFilter obs = { 0 };
      g_autoptr(GPtrArray) last = NULL;
      CbTeacherSeen t;

      if (g_strcmp0 (cb_record_get (p, "role"), "teacher") != 0)
        continue;
      obs.kind = "observation";
      obs.ref_field = "teacher";
      obs.ref_value = cb_record_get_uuid (p);
      last = cb_store_list (store, &obs, 1, NULL);
      t.uuid = cb_record_get_uuid (p);
      t.name = cb_record_get_title (p);
      t.last_observed = NULL;
      if (last != NULL && last->len > 0)
        {
          char *date = g_strdup (cb_record_get (g_ptr_array_index (last, 0), "date"));
          g_ptr_array_add (dates, date);
          t.last_observed = date;
        }
      g_array_append_val (seen, t);
    }

  late = cb_not_observed ((CbTeacherSeen *) (gpointer) seen->data, seen->len, today, days);
  for (guint i = 0; i < late->len && i < MAX_SHOWN; i++)
    {
      const CbTeacherSeen *t = g_ptr_array_index (late, i);
      g_autofree char *label = cb_not_observed_label (t->last_observed, today);

      add_row (self->not_observed_list, t->uuid, t->name && *t->name ? t->name : _("Untitled"),
               label, "avatar-default-symbolic");
      self->n_items++;
    }
  if (late->len > MAX_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more",
                                                            "And %u more", late->len - MAX_SHOWN),
                                               late->len - MAX_SHOWN);
      add_placeholder (self->not_observed_list, more);
    }
  if (late->len == 0)
    add_placeholder (self->not_observed_list,
                     seen->len == 0 ? _("Add teachers under People & Schools")
                                    : _("Every teacher was observed recently"));
}

static void
fill_recent (CbTodayView *self,
             const char  *today)
{
  CbStore *store = cb_names_get_store (self->names);
  g_autofree char *from = cb_date_add_days (today, -7);
  g_autofree char *to = cb_date_add_days (today, -1);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  clear_list (self->recent_list);
  for (guint k = 0; dated_kinds[k]; k++)
    {
      CbFilter filter = { 0 };
      g_autoptr(GPtrArray) records = NULL;

      filter.kind = dated_kinds[k];
      filter.date_from = from;
      filter.date_to = to;
      records = cb_store_list (store, &filter, MAX_SHOWN, NULL);
      for (guint i = 0; records && i < records->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (records, i)));
    }
  g_ptr_array_sort (all, compare_by_date_desc);
  for (guint i = 0; i < all->len && i < MAX_SHOWN; i++)
    {
      CbRecord *r = g_ptr_array_index (all, i);
      const CbField *f = cb_kind_sort_field (cb_record_get_kind_info (r));
      g_autofree char *date = cb_date_label (f ? cb_record_get (r, f->name) : NULL, NULL);

      add_record_row (self, self->recent_list, r, date);
    }
  if (all->len == 0)
    add_placeholder (self->recent_list, _("Nothing in the seven days before today"));
}

/* An empty notebook offers the sample notebook. */
static void
update_welcome (CbTodayView *self)
{
  static const char * const kinds[] = {
    "school", "person", "engagement", "observation", "coplan", "coaching_log", "pd_session", "action_item",
  };
  CbStore *store = cb_names_get_store (self->names);
  gboolean empty = TRUE;

  for (guint i = 0; empty && i < G_N_ELEMENTS (kinds); i++)
    {
      CbFilter filter = { 0 };

      filter.kind = kinds[i];
      empty = cb_store_count (store, &filter) == 0;
    }
  gtk_widget_set_visible (self->welcome_group, empty);
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  CbTodayView *self = data;

  self->refresh_id = 0;
  cb_today_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (CbTodayView *self)
{
  self->dirty = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->refresh_id != 0)
    return;
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static void
on_store_changed_cb (CbStore     *store,
                     const char  *kind,
                     const char  *uuid,
                     CbTodayView *self)
{
  /* Lines and counters typed during an observation do not change Today. */
  if (g_strcmp0 (kind, "evidence") == 0 || g_strcmp0 (kind, "tally") == 0)
    return;
  queue_refresh (self);
}

static void
on_settings_changed_cb (GSettings   *settings,
                        const char  *key,
                        CbTodayView *self)
{
  queue_refresh (self);
}

static void
on_row_activated_cb (CbTodayView   *self,
                     GtkListBoxRow *row)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");
  g_autofree char *copy = g_strdup (uuid);

  if (copy != NULL)
    g_signal_emit (self, signals[OPEN_RECORD], 0, copy);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  CbTodayView *self = data;

  self->refresh_id = 0;
  cb_today_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
cb_today_view_map (GtkWidget *widget)
{
  CbTodayView *self = CB_TODAY_VIEW (widget);
  g_autofree char *today = NULL;

  GTK_WIDGET_CLASS (cb_today_view_parent_class)->map (widget);
  today = cb_today_string ();
  /* After the frame is drawn: start-up does not wait for these queries.
   * Coming back after midnight shows the new day. */
  if ((self->dirty || g_strcmp0 (today, self->shown_date) != 0) && self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

static void
cb_today_view_dispose (GObject *object)
{
  CbTodayView *self = CB_TODAY_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_id, self->settings);
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_TODAY_VIEW);
  g_clear_object (&self->names);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_today_view_parent_class)->dispose (object);
}

static void
cb_today_view_finalize (GObject *object)
{
  CbTodayView *self = CB_TODAY_VIEW (object);

  g_free (self->shown_date);

  G_OBJECT_CLASS (cb_today_view_parent_class)->finalize (object);
}

static void
cb_today_view_class_init (CbTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_today_view_dispose;
  object_class->finalize = cb_today_view_finalize;
  widget_class->map = cb_today_view_map;

  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, date_label);
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, welcome_group);
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, sample_button);
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, not_observed_group);
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, scheduled_list);
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, due_list);
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, not_observed_list);
  gtk_widget_class_bind_template_child (widget_class, CbTodayView, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
cb_today_view_init (CbTodayView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dirty = TRUE;
}

void
cb_today_view_set_names (CbTodayView *self,
                         CbNames     *names)
{
  g_return_if_fail (CB_IS_TODAY_VIEW (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
  queue_refresh (self);
}

/**
 * cb_today_view_set_settings:
 * @settings: (nullable): the application settings
 */
void
cb_today_view_set_settings (CbTodayView *self,
                            GSettings   *settings)
{
  g_return_if_fail (CB_IS_TODAY_VIEW (self));

  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_id, self->settings);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    self->settings_id = g_signal_connect (settings, "changed::not-observed-days",
                                          G_CALLBACK (on_settings_changed_cb), self);
  queue_refresh (self);
}

/* The record row the keyboard focus is in, inside this view, or NULL. */
static GtkListBoxRow *
focused_row (CbTodayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;
  if (!GTK_IS_LIST_BOX_ROW (focus))
    focus = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (focus == NULL || g_object_get_data (G_OBJECT (focus), "uuid") == NULL)
    return NULL;
  return GTK_LIST_BOX_ROW (focus);
}

/* Gives the focus to the row of @uuid in @list, else in any list. */
static void
focus_row (CbTodayView *self,
           GtkListBox  *list,
           const char  *uuid)
{
  GtkListBox *lists[] = { list, self->scheduled_list, self->due_list,
                          self->not_observed_list, self->recent_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (lists[i]));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "uuid"), uuid) == 0 &&
          gtk_widget_get_visible (row))
        {
          gtk_widget_grab_focus (row);
          return;
        }
}

void
cb_today_view_refresh (CbTodayView *self)
{
  g_autofree char *today = cb_today_string ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* TRANSLATORS: today's date as a heading, see g_date_time_format() */
  g_autofree char *heading = cb_date_time_format (now, _("%A, %B %-d"));
  GtkListBoxRow *focused;
  GtkListBox *focused_list = NULL;
  g_autofree char *focused_uuid = NULL;

  g_return_if_fail (CB_IS_TODAY_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;
  if (self->names == NULL)
    return;

  /* The rows are made again: a coach who opened a lesson from its row
   * and started it (the lesson changed, so Today refreshes) keeps the
   * keyboard focus on that lesson's row, not on nothing. */
  if ((focused = focused_row (self)) != NULL)
    {
      focused_list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (focused)));
      focused_uuid = g_strdup (g_object_get_data (G_OBJECT (focused), "uuid"));
    }

  self->n_items = 0;
  g_free (self->shown_date);
  self->shown_date = g_strdup (today);
  gtk_label_set_text (self->date_label, heading);
  update_welcome (self);
  fill_scheduled (self, today);
  fill_due (self, today);
  fill_not_observed (self, today);
  fill_recent (self, today);
  if (focused_uuid != NULL)
    focus_row (self, focused_list, focused_uuid);
}

/* How many records and teachers are listed, for tests. */
guint
cb_today_view_get_n_items (CbTodayView *self)
{
  g_return_val_if_fail (CB_IS_TODAY_VIEW (self), 0);

  return self->n_items;
}

/**
 * cb_today_view_get_sample_button:
 *
 * Returns: (transfer none): "Explore a Sample Notebook", for tests
 */
GtkWidget *
cb_today_view_get_sample_button (CbTodayView *self)
{
  g_return_val_if_fail (CB_IS_TODAY_VIEW (self), NULL);

  return self->sample_button;
}
