/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Trends across the year (cb-trends-view.h). The coach's own view on
 * the laptop: it counts every record, private ones too; what leaves
 * (the CSV) counts only what the privacy rule lets out, and says so. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "cb-bar-chart.h"
#include "cb-locale.h"
#include "cb-trends.h"
#include "cb-trends-view.h"
#include "cb-view-util.h"

#define N_SCOPES_MAX 400

struct _CbTrendsView
{
  AdwWindow     parent_instance;

  GtkWidget    *scope_drop;
  GtkWidget    *chart;
  GtkWidget    *grid;
  GtkWidget    *empty_label;

  CbStore      *store;
  GPtrArray    *scopes;       /* "", "t:UUID" or "s:UUID", as the drop-down lists them */
  GArray       *months;       /* CbTrendMonth */
  GCancellable *cancellable;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (CbTrendsView, cb_trends_view, ADW_TYPE_WINDOW)

typedef struct
{
  char *teacher;
  char *school;
} Scope;

static void
scope_free (gpointer data)
{
  Scope *s = data;

  g_free (s->teacher);
  g_free (s->school);
  g_free (s);
}

static gpointer
load_trends (CbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Scope *scope = data;

  return cb_trends_load (store, scope->teacher, scope->school, CB_TRENDS_FLAGS_NONE, error);
}

static char *
month_label (const char *month)
{
  int year = atoi (month), mon = atoi (month + 5);
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, CLAMP (mon, 1, 12), 1, 0, 0, 0);

  /* TRANSLATORS: a month in the trends, e.g. "Sep 2025"; strftime format */
  return dt ? cb_date_time_format (dt, _("%b %Y")) : g_strdup (month);
}

static char *
count_or_dash (gint64   value,
               gboolean shown)
{
  return shown ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : g_strdup ("–");
}

static char *
percent_or_dash (int value)
{
  /* TRANSLATORS: a percentage in the trends table, e.g. "45 %" */
  return value >= 0 ? g_strdup_printf (_("%d %%"), value) : g_strdup ("–");
}

static void
add_cell (CbTrendsView *self,
          int           column,
          int           row,
          char         *text,
          gboolean      heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (heading)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_widget_add_css_class (label, "caption-heading");
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (GTK_GRID (self->grid), label, column, row, 1, 1);
  g_free (text);
}

static void
show_months (CbTrendsView *self)
{
  const char *headings[] = {
    N_("Month"), N_("Observations"), N_("Look-fors seen per observation"), N_("Teacher talk, timed"),
    N_("Likely teacher, estimated"), N_("Funneling questions"), N_("Focusing questions"),
    N_("Cycles opened"), N_("Goals met"),
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  cb_bar_chart_clear (CB_BAR_CHART (self->chart));
  gtk_widget_set_visible (self->empty_label, self->months == NULL || self->months->len == 0);
  if (self->months == NULL || self->months->len == 0)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    add_cell (self, c, 0, g_strdup (_(headings[c])), TRUE);
  for (guint i = 0; i < self->months->len; i++)
    {
      const CbTrendMonth *m = &g_array_index (self->months, CbTrendMonth, i);
      double look_fors = cb_trend_month_look_fors (m);
      g_autofree char *label = month_label (m->month);
      int row = (int) i + 1;

      add_cell (self, 0, row, g_strdup (label), FALSE);
      add_cell (self, 1, row, g_strdup_printf ("%u", m->observations), FALSE);
      add_cell (self, 2, row, look_fors >= 0 ? g_strdup_printf ("%.1f", look_fors) : g_strdup ("–"), FALSE);
      add_cell (self, 3, row, percent_or_dash (cb_trend_month_timer_percent (m)), FALSE);
      add_cell (self, 4, row, percent_or_dash (cb_trend_month_estimate_percent (m)), FALSE);
      add_cell (self, 5, row, count_or_dash (m->funneling, m->questioned > 0), FALSE);
      add_cell (self, 6, row, count_or_dash (m->focusing, m->questioned > 0), FALSE);
      add_cell (self, 7, row, g_strdup_printf ("%u", m->cycles_opened), FALSE);
      add_cell (self, 8, row, g_strdup_printf ("%u", m->goals_met), FALSE);
      {
        /* TRANSLATORS: a month's bar in the trends chart: look-fors seen per observation, and how many observations */
        g_autofree char *text = look_fors >= 0
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f per observation · %u observation",
                                          "%.1f per observation · %u observations", m->observations),
                             look_fors, m->observations)
          : g_strdup (_("No observations"));

        cb_bar_chart_add (CB_BAR_CHART (self->chart), label, MAX (look_fors, 0), 0, text);
      }
    }
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CbTrendsView) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *months = cb_store_work_finish (result, &error);

  if (months == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading = FALSE;
          cb_view_error (GTK_WIDGET (self), error);
        }
      return;
    }
  self->loading = FALSE;
  g_clear_pointer (&self->months, g_array_unref);
  self->months = months;
  show_months (self);
}

static void
reload (CbTrendsView *self,
        const char   *teacher,
        const char   *school)
{
  Scope *scope = g_new0 (Scope, 1);

  scope->teacher = g_strdup (teacher);
  scope->school = g_strdup (school);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  cb_store_work_async (self->store, load_trends, scope, scope_free, (GDestroyNotify) g_array_unref,
                       self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_scope_selected_cb (GtkDropDown  *drop,
                      GParamSpec   *pspec,
                      CbTrendsView *self)
{
  guint i = gtk_drop_down_get_selected (drop);
  const char *scope = i < self->scopes->len ? g_ptr_array_index (self->scopes, i) : "";

  if (g_str_has_prefix (scope, "t:"))
    reload (self, scope + 2, NULL);
  else if (g_str_has_prefix (scope, "s:"))
    reload (self, NULL, scope + 2);
  else
    reload (self, NULL, NULL);
}

/* The whole caseload, each school, each teacher, by name. */
static void
fill_scopes (CbTrendsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *kinds[] = { "school", "person" };

  gtk_string_list_append (names, _("Whole caseload"));
  g_ptr_array_add (self->scopes, g_strdup (""));
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      CbFilter filter = { .kind = kinds[k] };
      g_autoptr(GPtrArray) records = cb_store_list (self->store, &filter, N_SCOPES_MAX, NULL);

      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          CbRecord *r = g_ptr_array_index (records, i);
          const char *role = cb_record_get (r, "role");
          const char *title = cb_record_get_title (r);

          if (k == 1 && role != NULL && *role != '\0' && g_strcmp0 (role, "teacher") != 0)
            continue;
          gtk_string_list_take (names, k == 0
                                ? g_strdup_printf (_("School: %s"), title ? title : "")
                                : g_strdup_printf (_("Teacher: %s"), title ? title : ""));
          g_ptr_array_add (self->scopes, g_strdup_printf ("%c:%s", k == 0 ? 's' : 't', cb_record_get_uuid (r)));
        }
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->scope_drop), G_LIST_MODEL (names));
}

static GtkWidget *
build_content (CbTrendsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *note = gtk_label_new (_("Counts only, never a note’s text. Private records are counted here, "
                                     "on this laptop; the CSV (coachbook-cli csv trends) leaves them out."));
  GtkWidget *table_scroller = gtk_scrolled_window_new ();
  GtkWidget *chart_title = gtk_label_new (_("Look-fors Seen per Observation"));
  GtkWidget *table_title = gtk_label_new (_("By Month"));

  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), self->scope_drop);
  gtk_box_append (GTK_BOX (box), note);
  self->empty_label = gtk_label_new (_("Nothing to count yet: observations and coaching cycles with dates appear here by month."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_box_append (GTK_BOX (box), self->empty_label);

  gtk_widget_add_css_class (chart_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (chart_title), 0);
  gtk_box_append (GTK_BOX (box), chart_title);
  self->chart = cb_bar_chart_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Look-fors seen per observation, by month"), -1);
  gtk_box_append (GTK_BOX (box), self->chart);

  gtk_widget_add_css_class (table_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (table_title), 0);
  gtk_box_append (GTK_BOX (box), table_title);
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Trends by month"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (table_scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (table_scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroller), self->grid);
  gtk_box_append (GTK_BOX (box), table_scroller);
  return box;
}

static void
build (CbTrendsView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box;

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Trends across the Year"), NULL));
  gtk_box_append (GTK_BOX (outer), header);
  self->scope_drop = gtk_drop_down_new (NULL, NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->scope_drop), TRUE);
  gtk_widget_set_tooltip_text (self->scope_drop, _("A teacher, a school or the whole caseload"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scope_drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Whose trends"), -1);
  box = build_content (self);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), scroller);
  adw_window_set_content (ADW_WINDOW (self), outer);
}

static void
cb_trends_view_dispose (GObject *object)
{
  CbTrendsView *self = CB_TRENDS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cb_trends_view_parent_class)->dispose (object);
}

static void
cb_trends_view_finalize (GObject *object)
{
  CbTrendsView *self = CB_TRENDS_VIEW (object);

  g_ptr_array_unref (self->scopes);
  g_clear_pointer (&self->months, g_array_unref);

  G_OBJECT_CLASS (cb_trends_view_parent_class)->finalize (object);
}

static void
cb_trends_view_class_init (CbTrendsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_trends_view_dispose;
  object_class->finalize = cb_trends_view_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cb_trends_view_init (CbTrendsView *self)
{
  self->scopes = g_ptr_array_new_with_free_func (g_free);
  build (self);
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 700);
}

/**
 * cb_trends_view_new:
 * @parent: the window it opens over
 *
 * Returns: (transfer none): the view, shown, for the whole caseload
 */
CbTrendsView *
cb_trends_view_new (GtkWindow *parent,
                    CbStore   *store)
{
  CbTrendsView *self;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  self = g_object_new (CB_TYPE_TRENDS_VIEW, NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_modal (GTK_WINDOW (self), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  self->store = g_object_ref (store);
  fill_scopes (self);
  g_signal_connect (self->scope_drop, "notify::selected", G_CALLBACK (on_scope_selected_cb), self);
  reload (self, NULL, NULL);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * cb_trends_view_set_scope:
 * @teacher: (nullable): a teacher
 * @school: (nullable): a school; both %NULL for the whole caseload
 *
 * Chooses whose trends are shown, as the drop-down does.
 */
void
cb_trends_view_set_scope (CbTrendsView *self,
                          const char   *teacher,
                          const char   *school)
{
  g_autofree char *key = NULL;

  g_return_if_fail (CB_IS_TRENDS_VIEW (self));

  key = teacher ? g_strdup_printf ("t:%s", teacher) : school ? g_strdup_printf ("s:%s", school) : g_strdup ("");
  for (guint i = 0; i < self->scopes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->scopes, i), key) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->scope_drop), i);
        return;
      }
  reload (self, teacher, school);
}

/**
 * cb_trends_view_is_loading:
 *
 * Returns: whether the trends are being read (for tests)
 */
gboolean
cb_trends_view_is_loading (CbTrendsView *self)
{
  g_return_val_if_fail (CB_IS_TRENDS_VIEW (self), FALSE);

  return self->loading;
}

/**
 * cb_trends_view_get_months:
 *
 * Returns: (transfer none) (nullable) (element-type CbTrendMonth): what it shows
 */
GArray *
cb_trends_view_get_months (CbTrendsView *self)
{
  g_return_val_if_fail (CB_IS_TRENDS_VIEW (self), NULL);

  return self->months;
}
