/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cb-locale.h"
#include "cb-month-grid.h"
#include "cb-month-logic.h"
#include "cb-pd-planner.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define RELOAD_DELAY_MS 300

struct _CbPdPlanner
{
  GtkWidget          parent_instance;

  GtkLabel          *month_label;
  CbMonthGrid       *grid;
  AdwPreferencesGroup *list_group;
  GtkButton         *new_button;
  GtkListBox        *session_list;

  CbNames           *names;
  gulong             changed_id;
  char              *month;       /* YYYY-MM */
  char              *day;         /* YYYY-MM-DD or NULL: the whole month */
  guint              n_listed;
  guint              reload_id;
};

G_DEFINE_FINAL_TYPE (CbPdPlanner, cb_pd_planner, GTK_TYPE_WIDGET)

static char *
session_line (CbPdPlanner *self,
              CbRecord    *r)
{
  const char *start = cb_record_get (r, "start_time");
  const char *end = cb_record_get (r, "end_time");
  const char *audience = cb_record_get (r, "audience");
  g_autofree char *date = cb_date_label (cb_record_get (r, "date"), NULL);
  GString *out = g_string_new (date);

  if (start != NULL && *start != '\0')
    g_string_append_printf (out, " · %s–%s", start, end ? end : "");
  if (audience != NULL && *audience != '\0')
    g_string_append_printf (out, " · %s", cb_field_choice_label (cb_kind_field (cb_kind_lookup ("pd_session"), "audience"), audience));
  if (cb_record_get_bool (r, "launch"))
    g_string_append_printf (out, " · %s", _("Launch day"));
  return g_string_free (out, FALSE);
}

static void
fill (CbPdPlanner *self)
{
  CbFilter filter = { 0 };
  g_autofree char *from = g_strdup_printf ("%s-01", self->month);
  g_autofree char *next = cb_month_shift (self->month, 1);
  g_autofree char *to = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  int y = 0, m = 0;

  {
    g_autofree char *first_next = g_strdup_printf ("%s-01", next);
    to = cb_date_add_days (first_next, -1);
  }
  if (sscanf (self->month, "%4d-%2d", &y, &m) == 2)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, 1, 12, 0, 0);
      /* TRANSLATORS: the month shown, strftime format: "October 2025" */
      g_autofree char *title = cb_date_time_format (dt, _("%B %Y"));
      gtk_label_set_text (self->month_label, title);
      cb_month_grid_set_month (self->grid, y, m);
    }

  /* The grid shows its six weeks: a week around the month too. */
  filter.kind = "pd_session";
  filter.date_from = cb_date_add_days (from, -7);
  filter.date_to = cb_date_add_days (to, 14);
  sessions = cb_store_list (cb_names_get_store (self->names), &filter, 500, NULL);
  g_free ((char *) filter.date_from);
  g_free ((char *) filter.date_to);
  if (sessions != NULL)
    for (guint i = sessions->len; i > 0; i--)
      {
        /* newest first from the store: the day's sessions read in order */
        CbRecord *r = g_ptr_array_index (sessions, i - 1);
        const char *date = cb_record_get (r, "date");
        GPtrArray *titles;

        if (date == NULL || *date == '\0')
          continue;
        titles = g_hash_table_lookup (items, date);
        if (titles == NULL)
          {
            titles = g_ptr_array_new_with_free_func (g_free);
            g_hash_table_insert (items, g_strdup (date), titles);
          }
        g_ptr_array_add (titles, g_strdup (cb_record_get_title (r) && *cb_record_get_title (r)
                                           ? cb_record_get_title (r) : _("Untitled session")));
      }
  cb_month_grid_set_items (self->grid, items);
  cb_month_grid_select_day (self->grid, self->day);

  cb_view_clear_list (self->session_list);
  self->n_listed = 0;
  if (sessions != NULL)
    for (guint i = sessions->len; i > 0; i--)
      {
        CbRecord *r = g_ptr_array_index (sessions, i - 1);
        const char *date = cb_record_get (r, "date");
        GtkWidget *row;
        g_autofree char *line = NULL;

        if (self->day != NULL ? g_strcmp0 (date, self->day) != 0
                              : (date == NULL || g_strcmp0 (date, from) < 0 || g_strcmp0 (date, to) > 0))
          continue;
        row = adw_action_row_new ();
        line = session_line (self, r);
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                       cb_record_get_title (r) && *cb_record_get_title (r)
                                       ? cb_record_get_title (r) : _("Untitled session"));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (cb_record_get_uuid (r)), g_free);
        gtk_list_box_append (self->session_list, row);
        self->n_listed++;
      }
  if (self->n_listed == 0)
    gtk_list_box_append (self->session_list,
                         cb_view_placeholder_row (self->day ? _("No sessions on this day")
                                                            : _("No sessions this month")));
  if (self->day != NULL)
    {
      g_autofree char *label = cb_date_label (self->day, NULL);
      /* TRANSLATORS: %s is a date */
      g_autofree char *title = g_strdup_printf (_("Sessions on %s"), label);
      adw_preferences_group_set_title (self->list_group, title);
      gtk_button_set_label (self->new_button, _("_New Session on This Day"));
    }
  else
    {
      adw_preferences_group_set_title (self->list_group, _("Sessions This Month"));
      gtk_button_set_label (self->new_button, _("_New Session"));
    }
}

static void
show_month (CbPdPlanner *self,
            const char  *month)
{
  g_free (self->month);
  self->month = g_strdup (month);
  g_clear_pointer (&self->day, g_free);
  fill (self);
}

static void
on_previous_clicked_cb (CbPdPlanner *self)
{
  g_autofree char *month = cb_month_shift (self->month, -1);

  if (month != NULL)
    show_month (self, month);
}

static void
on_next_clicked_cb (CbPdPlanner *self)
{
  g_autofree char *month = cb_month_shift (self->month, 1);

  if (month != NULL)
    show_month (self, month);
}

static void
on_today_clicked_cb (CbPdPlanner *self)
{
  g_autofree char *today = cb_today_string ();
  g_autofree char *month = g_strndup (today, 7);

  show_month (self, month);
}

static void
on_day_activated_cb (CbPdPlanner *self,
                     const char  *date)
{
  cb_pd_planner_select_day (self, date);
}

static void
on_session_activated_cb (CbPdPlanner   *self,
                         GtkListBoxRow *row)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");

  if (uuid != NULL)
    {
      g_autofree char *copy = g_strdup (uuid);
      cb_view_open_record (GTK_WIDGET (self), copy);
    }
}

static void
on_new_clicked_cb (CbPdPlanner *self)
{
  g_autofree char *today = cb_today_string ();
  const char *names[] = { "date" };
  const char *values[] = { self->day ? self->day : today };
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = cb_store_create (cb_names_get_store (self->names), "pd_session",
                                           names, values, 1, &error);

  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  cb_view_open_record (GTK_WIDGET (self), uuid);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbPdPlanner *self = data;

  self->reload_id = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore     *store,
                     const char  *kind,
                     const char  *uuid,
                     CbPdPlanner *self)
{
  if (kind != NULL && g_strcmp0 (kind, "pd_session") != 0)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
cb_pd_planner_map (GtkWidget *widget)
{
  CbPdPlanner *self = CB_PD_PLANNER (widget);

  GTK_WIDGET_CLASS (cb_pd_planner_parent_class)->map (widget);
  if (self->names != NULL)
    fill (self);
}

static void
cb_pd_planner_dispose (GObject *object)
{
  CbPdPlanner *self = CB_PD_PLANNER (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_PD_PLANNER);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_pd_planner_parent_class)->dispose (object);
}

static void
cb_pd_planner_finalize (GObject *object)
{
  CbPdPlanner *self = CB_PD_PLANNER (object);

  g_clear_pointer (&self->month, g_free);
  g_clear_pointer (&self->day, g_free);

  G_OBJECT_CLASS (cb_pd_planner_parent_class)->finalize (object);
}

static void
cb_pd_planner_class_init (CbPdPlannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_pd_planner_dispose;
  object_class->finalize = cb_pd_planner_finalize;
  widget_class->map = cb_pd_planner_map;

  g_type_ensure (CB_TYPE_MONTH_GRID);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-pd-planner.ui");
  gtk_widget_class_bind_template_child (widget_class, CbPdPlanner, month_label);
  gtk_widget_class_bind_template_child (widget_class, CbPdPlanner, grid);
  gtk_widget_class_bind_template_child (widget_class, CbPdPlanner, list_group);
  gtk_widget_class_bind_template_child (widget_class, CbPdPlanner, new_button);
  gtk_widget_class_bind_template_child (widget_class, CbPdPlanner, session_list);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_session_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked_cb);
}

static void
cb_pd_planner_init (CbPdPlanner *self)
{
  g_autofree char *today = cb_today_string ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->month = g_strndup (today, 7);
}

GtkWidget *
cb_pd_planner_new (void)
{
  return g_object_new (CB_TYPE_PD_PLANNER, NULL);
}

void
cb_pd_planner_set_names (CbPdPlanner *self,
                         CbNames     *names)
{
  g_return_if_fail (CB_IS_PD_PLANNER (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_pd_planner_show_month:
 * @month: "YYYY-MM"
 */
void
cb_pd_planner_show_month (CbPdPlanner *self,
                          const char  *month)
{
  g_return_if_fail (CB_IS_PD_PLANNER (self));
  g_return_if_fail (month != NULL);

  if (self->names != NULL)
    show_month (self, month);
  else
    {
      g_free (self->month);
      self->month = g_strdup (month);
    }
}

/**
 * cb_pd_planner_select_day:
 * @date: (nullable): a day of the month shown, or %NULL for the month
 */
void
cb_pd_planner_select_day (CbPdPlanner *self,
                          const char  *date)
{
  g_autofree char *copy = g_strdup (date);

  g_return_if_fail (CB_IS_PD_PLANNER (self));

  g_free (self->day);
  self->day = g_steal_pointer (&copy);
  if (self->day != NULL && !g_str_has_prefix (self->day, self->month))
    {
      g_free (self->month);
      self->month = g_strndup (self->day, 7);
    }
  if (self->names != NULL)
    fill (self);
}

void
cb_pd_planner_reload (CbPdPlanner *self)
{
  g_return_if_fail (CB_IS_PD_PLANNER (self));

  if (self->names != NULL)
    fill (self);
}

guint
cb_pd_planner_get_n_listed (CbPdPlanner *self)
{
  g_return_val_if_fail (CB_IS_PD_PLANNER (self), 0);

  return self->n_listed;
}

GtkWidget *
cb_pd_planner_get_grid (CbPdPlanner *self)
{
  g_return_val_if_fail (CB_IS_PD_PLANNER (self), NULL);

  return GTK_WIDGET (self->grid);
}
