/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coaching time for the coach (and the principal's counts-and-time
 * report): logs are read on a worker thread with its own connection,
 * so a year of logs never holds the window up. Private logs count:
 * the view stays on this laptop and shows time, not content. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cb-bar-chart.h"
#include "cb-locale.h"
#include "cb-log-totals-view.h"
#include "cb-view-util.h"

#define RELOAD_DELAY_MS 400

struct _CbLogTotalsView
{
  GtkWidget          parent_instance;

  GtkDropDown       *dimension_dropdown;
  GtkEntry          *from_entry;
  GtkEntry          *to_entry;
  GtkLabel          *summary_label;
  CbBarChart        *chart;
  GtkLabel          *note_label;
  GtkListBox        *total_list;

  CbNames           *names;
  gulong             changed_id;
  CbLogTotals       *totals;
  GCancellable      *cancellable;
  guint              reload_id;
  gboolean           stale;
};

G_DEFINE_FINAL_TYPE (CbLogTotalsView, cb_log_totals_view, GTK_TYPE_WIDGET)

typedef struct
{
  char *from;
  char *to;
} Range;

static void
range_free (gpointer data)
{
  Range *r = data;

  g_free (r->from);
  g_free (r->to);
  g_free (r);
}

static gpointer
load_totals (CbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Range *range = data;
  g_autoptr(CbLogData) logs = cb_log_data_load (store, range->from, range->to, TRUE, error);
  const CbLogEntry *entries;
  guint n;

  if (logs == NULL)
    return NULL;
  entries = cb_log_data_get_entries (logs, &n);
  return cb_log_totals_compute (entries, n);
}

static char *
month_label (const char *key)
{
  int y, m;
  g_autoptr(GDateTime) dt = NULL;

  if (key == NULL || sscanf (key, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
    return g_strdup (_("No date"));
  dt = g_date_time_new_local (y, m, 1, 12, 0, 0);
  /* TRANSLATORS: a month in the totals, strftime format: "October 2025" */
  return cb_date_time_format (dt, _("%B %Y"));
}

static char *
key_label (CbLogTotalsView   *self,
           CbTotalsDimension  dimension,
           const char        *key)
{
  switch (dimension)
    {
    case CB_TOTALS_BY_ACTIVITY:
      return g_strdup (key == NULL || *key == '\0' ? _("Not specified") : cb_field_choice_label (cb_kind_field (cb_kind_lookup ("segment"), "activity"), key));
    case CB_TOTALS_BY_TEACHER:
    case CB_TOTALS_BY_SCHOOL:
      {
        const char *name = key && *key ? cb_names_lookup (self->names, key) : "";
        if (key == NULL || *key == '\0')
          return g_strdup (dimension == CB_TOTALS_BY_SCHOOL ? _("No school") : _("No teacher"));
        return g_strdup (*name ? name : _("(missing)"));
      }
    case CB_TOTALS_BY_MONTH:
    default:
      return month_label (key);
    }
}

static void
show_totals (CbLogTotalsView *self)
{
  CbTotalsDimension dimension = gtk_drop_down_get_selected (self->dimension_dropdown);
  GPtrArray *list;
  g_autofree char *all = NULL;
  g_autofree char *summary = NULL;

  cb_bar_chart_clear (self->chart);
  cb_view_clear_list (self->total_list);
  if (self->totals == NULL)
    return;

  all = cb_format_minutes (self->totals->minutes);
  /* TRANSLATORS: "37 coaching logs · 42 h 10 min" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coaching log · %s",
                                          "%u coaching logs · %s", self->totals->n_logs),
                             self->totals->n_logs, all);
  gtk_label_set_text (self->summary_label, summary);

  switch (dimension)
    {
    case CB_TOTALS_BY_TEACHER:
      list = self->totals->by_teacher;
      gtk_label_set_text (self->note_label,
                          _("Each teacher of a group session is credited with all of it, so these add up to more than the total."));
      break;
    case CB_TOTALS_BY_SCHOOL:
      list = self->totals->by_school;
      gtk_label_set_text (self->note_label, _("Each minute counted once."));
      break;
    case CB_TOTALS_BY_MONTH:
      list = self->totals->by_month;
      gtk_label_set_text (self->note_label, _("Each minute counted once."));
      break;
    case CB_TOTALS_BY_ACTIVITY:
    default:
      list = self->totals->by_activity;
      gtk_label_set_text (self->note_label, _("Each minute counted once."));
      break;
    }

  for (guint i = 0; i < list->len; i++)
    {
      CbTotal *t = g_ptr_array_index (list, i);
      g_autofree char *label = key_label (self, dimension, t->key);
      g_autofree char *time = cb_format_minutes (t->minutes);
      g_autofree char *logs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u log", "%u logs", t->n_logs),
                                               t->n_logs);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (time);

      cb_bar_chart_add (self->chart, label, t->minutes, 0, time);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      if (dimension == CB_TOTALS_BY_TEACHER && t->shared_minutes > 0)
        {
          g_autofree char *shared = cb_format_minutes (t->shared_minutes);
          /* TRANSLATORS: "4 logs · 2 h in group sessions" */
          g_autofree char *sub = g_strdup_printf (_("%s · %s in group sessions"), logs, shared);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), logs);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (self->total_list, row);
    }
  if (list->len == 0)
    gtk_list_box_append (self->total_list, cb_view_placeholder_row (_("No coaching logs in these dates")));
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CbLogTotals *totals = cb_store_work_finish (result, &error);
  CbLogTotalsView *self;

  if (totals == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self = CB_LOG_TOTALS_VIEW (user_data);
          cb_view_error (GTK_WIDGET (self), error);
        }
      return;
    }
  self = CB_LOG_TOTALS_VIEW (user_data);
  g_clear_pointer (&self->totals, cb_log_totals_free);
  self->totals = totals;
  show_totals (self);
}

static const char *
date_or_null (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const CbField *field = cb_kind_field (cb_kind_lookup ("coaching_log"), "date");

  if (*text == '\0' || !cb_field_validate (field, text, NULL))
    return NULL;
  return text;
}

static void
on_dimension_changed_cb (CbLogTotalsView *self)
{
  show_totals (self);
}

static void
on_dates_changed_cb (CbLogTotalsView *self,
                     GtkEditable     *editable)
{
  const char *text = gtk_editable_get_text (editable);

  if (*text != '\0' && date_or_null (GTK_ENTRY (editable)) == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  cb_log_totals_view_reload (self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbLogTotalsView *self = data;

  self->reload_id = 0;
  cb_log_totals_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore         *store,
                     const char      *kind,
                     const char      *uuid,
                     CbLogTotalsView *self)
{
  if (kind != NULL && g_strcmp0 (kind, "coaching_log") != 0 && g_strcmp0 (kind, "segment") != 0)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
cb_log_totals_view_map (GtkWidget *widget)
{
  CbLogTotalsView *self = CB_LOG_TOTALS_VIEW (widget);

  GTK_WIDGET_CLASS (cb_log_totals_view_parent_class)->map (widget);
  if (self->stale || self->totals == NULL)
    cb_log_totals_view_reload (self);
}

static void
cb_log_totals_view_dispose (GObject *object)
{
  CbLogTotalsView *self = CB_LOG_TOTALS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_LOG_TOTALS_VIEW);
  g_clear_object (&self->names);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->totals, cb_log_totals_free);

  G_OBJECT_CLASS (cb_log_totals_view_parent_class)->dispose (object);
}

static void
cb_log_totals_view_class_init (CbLogTotalsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_log_totals_view_dispose;
  widget_class->map = cb_log_totals_view_map;

  g_type_ensure (CB_TYPE_BAR_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-log-totals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbLogTotalsView, dimension_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbLogTotalsView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CbLogTotalsView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CbLogTotalsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogTotalsView, chart);
  gtk_widget_class_bind_template_child (widget_class, CbLogTotalsView, note_label);
  gtk_widget_class_bind_template_child (widget_class, CbLogTotalsView, total_list);
  gtk_widget_class_bind_template_callback (widget_class, on_dimension_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dates_changed_cb);
}

static void
cb_log_totals_view_init (CbLogTotalsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
cb_log_totals_view_new (void)
{
  return g_object_new (CB_TYPE_LOG_TOTALS_VIEW, NULL);
}

void
cb_log_totals_view_set_names (CbLogTotalsView *self,
                              CbNames         *names)
{
  g_return_if_fail (CB_IS_LOG_TOTALS_VIEW (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_log_totals_view_reload:
 *
 * Reads the logs again on a worker thread; an earlier read still
 * running is cancelled.
 */
void
cb_log_totals_view_reload (CbLogTotalsView *self)
{
  Range *range;

  g_return_if_fail (CB_IS_LOG_TOTALS_VIEW (self));

  if (self->names == NULL)
    return;
  self->stale = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  range = g_new0 (Range, 1);
  range->from = g_strdup (date_or_null (self->from_entry));
  range->to = g_strdup (date_or_null (self->to_entry));
  cb_store_work_async (cb_names_get_store (self->names), load_totals, range, range_free,
                       (GDestroyNotify) cb_log_totals_free, self->cancellable, on_loaded_cb, self);
}

void
cb_log_totals_view_set_dimension (CbLogTotalsView   *self,
                                  CbTotalsDimension  dimension)
{
  g_return_if_fail (CB_IS_LOG_TOTALS_VIEW (self));

  gtk_drop_down_set_selected (self->dimension_dropdown, dimension);
}

/**
 * cb_log_totals_view_get_totals:
 *
 * Returns: (transfer none) (nullable): what is shown, %NULL until read
 */
CbLogTotals *
cb_log_totals_view_get_totals (CbLogTotalsView *self)
{
  g_return_val_if_fail (CB_IS_LOG_TOTALS_VIEW (self), NULL);

  return self->totals;
}

GtkWidget *
cb_log_totals_view_get_chart (CbLogTotalsView *self)
{
  g_return_val_if_fail (CB_IS_LOG_TOTALS_VIEW (self), NULL);

  return GTK_WIDGET (self->chart);
}
