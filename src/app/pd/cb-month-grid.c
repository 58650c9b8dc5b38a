/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small calendar of our own: GtkCalendar marks days but cannot show
 * what is on them. */

#include "config.h"

#define _GNU_SOURCE 1
#include <glib/gi18n.h>
#include <langinfo.h>
#include <stdlib.h>

#include "cb-locale.h"
#include "cb-month-grid.h"
#include "cb-month-logic.h"
#include "cb-view-logic.h"

#define MAX_TITLES 2

struct _CbMonthGrid
{
  GtkWidget   parent_instance;

  GtkGrid    *grid;
  GtkWidget  *headers[7];
  GtkWidget  *cells[CB_MONTH_GRID_CELLS];
  char      **dates;
  GHashTable *items;      /* date → GPtrArray of titles */
  int         year;
  int         month;
  char       *selected;
};

G_DEFINE_FINAL_TYPE (CbMonthGrid, cb_month_grid, GTK_TYPE_WIDGET)

enum {
  DAY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * cb_month_grid_first_weekday:
 *
 * Returns: the first day of the week in the user's locale
 */
GDateWeekday
cb_month_grid_first_weekday (void)
{
#if defined (HAVE_NL_TIME_FIRST_WEEKDAY)
  /* As GtkCalendar reads it: a day (1 = the week's origin) counted
   * from an origin date that is a Sunday or a Monday. */
  union { unsigned int word; char *string; } langinfo;
  int first = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  int origin_is_monday;
  int day;

  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  origin_is_monday = langinfo.word == 19971201;
  /* 0 = Sunday … 6 = Saturday */
  day = ((origin_is_monday ? 1 : 0) + first - 1) % 7;
  return day == 0 ? G_DATE_SUNDAY : (GDateWeekday) day;
#else
  return G_DATE_MONDAY;
#endif
}

static void
on_day_clicked_cb (GtkButton   *button,
                   CbMonthGrid *self)
{
  const char *date = g_object_get_data (G_OBJECT (button), "date");

  if (date != NULL)
    {
      g_autofree char *copy = g_strdup (date);
      cb_month_grid_select_day (self, copy);
      g_signal_emit (self, signals[DAY_ACTIVATED], 0, copy);
    }
}

static void
fill_cell (CbMonthGrid *self,
           guint        i)
{
  GtkWidget *button = self->cells[i];
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));
  GtkWidget *child;
  const char *date = self->dates[i];
  GPtrArray *titles = self->items ? g_hash_table_lookup (self->items, date) : NULL;
  g_autofree char *today = cb_today_string ();
  g_autofree char *month = g_strdup_printf ("%04d-%02d", self->year, self->month);
  int day = atoi (date + 8);
  g_autofree char *number = g_strdup_printf ("%d", day);
  GString *a11y = g_string_new (NULL);
  GtkWidget *label;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  label = gtk_label_new (number);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "cb-day-number");
  gtk_box_append (GTK_BOX (box), label);
  {
    g_autofree char *pretty = cb_date_label (date, NULL);
    g_string_append (a11y, pretty);
  }

  for (guint t = 0; titles != NULL && t < titles->len && t < MAX_TITLES; t++)
    {
      GtkWidget *title = gtk_label_new (g_ptr_array_index (titles, t));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (title), 1);
      gtk_widget_add_css_class (title, "cb-day-item");
      gtk_box_append (GTK_BOX (box), title);
    }
  if (titles != NULL && titles->len > MAX_TITLES)
    {
      /* TRANSLATORS: more sessions on a day than the calendar shows */
      g_autofree char *more = g_strdup_printf (_("+%u more"), titles->len - MAX_TITLES);
      GtkWidget *more_label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (more_label), 0);
      gtk_widget_add_css_class (more_label, "caption");
      gtk_widget_add_css_class (more_label, "dim-label");
      gtk_box_append (GTK_BOX (box), more_label);
    }
  for (guint t = 0; titles != NULL && t < titles->len; t++)
    g_string_append_printf (a11y, ", %s", (char *) g_ptr_array_index (titles, t));

  g_object_set_data_full (G_OBJECT (button), "date", g_strdup (date), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y->str, -1);
  g_string_free (a11y, TRUE);

  if (g_str_has_prefix (date, month))
    gtk_widget_remove_css_class (button, "cb-other-month");
  else
    gtk_widget_add_css_class (button, "cb-other-month");
  if (g_strcmp0 (date, today) == 0)
    gtk_widget_add_css_class (button, "cb-today");
  else
    gtk_widget_remove_css_class (button, "cb-today");
  if (g_strcmp0 (date, self->selected) == 0)
    gtk_widget_add_css_class (button, "cb-selected-day");
  else
    gtk_widget_remove_css_class (button, "cb-selected-day");
  if (titles != NULL && titles->len > 0)
    gtk_widget_add_css_class (button, "cb-busy-day");
  else
    gtk_widget_remove_css_class (button, "cb-busy-day");
}

static void
fill (CbMonthGrid *self)
{
  GDateWeekday first = cb_month_grid_first_weekday ();
  GDate d;

  g_strfreev (self->dates);
  self->dates = cb_month_grid_dates (self->year, self->month, first);

  /* weekday names from a week that starts on the first weekday */
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, 2024);   /* a Monday */
  while (g_date_get_weekday (&d) != first)
    g_date_add_days (&d, 1);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d),
                                                       g_date_get_day (&d), 12, 0, 0);
      g_autofree char *name = cb_date_time_format (dt, "%a");

      gtk_label_set_text (GTK_LABEL (self->headers[i]), name);
      g_date_add_days (&d, 1);
    }
  for (guint i = 0; i < CB_MONTH_GRID_CELLS; i++)
    fill_cell (self, i);
}

static void
cb_month_grid_dispose (GObject *object)
{
  CbMonthGrid *self = CB_MONTH_GRID (object);

  if (self->grid != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->grid));
      self->grid = NULL;
    }

  G_OBJECT_CLASS (cb_month_grid_parent_class)->dispose (object);
}

static void
cb_month_grid_finalize (GObject *object)
{
  CbMonthGrid *self = CB_MONTH_GRID (object);

  g_clear_pointer (&self->dates, g_strfreev);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (cb_month_grid_parent_class)->finalize (object);
}

static void
cb_month_grid_class_init (CbMonthGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_month_grid_dispose;
  object_class->finalize = cb_month_grid_finalize;

  /**
   * CbMonthGrid::day-activated:
   * @date: YYYY-MM-DD
   */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cb-month-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
cb_month_grid_init (CbMonthGrid *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_grid_set_row_homogeneous (self->grid, FALSE);
  gtk_grid_set_column_spacing (self->grid, 2);
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));

  for (guint i = 0; i < 7; i++)
    {
      self->headers[i] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->headers[i], "caption-heading");
      gtk_widget_add_css_class (self->headers[i], "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (self->headers[i]), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (self->headers[i]), 1);
      gtk_grid_attach (self->grid, self->headers[i], i, 0, 1, 1);
    }
  for (guint i = 0; i < CB_MONTH_GRID_CELLS; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);

      gtk_widget_set_valign (box, GTK_ALIGN_START);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "cb-day");
      gtk_widget_set_hexpand (button, TRUE);
      gtk_widget_set_size_request (button, 40, 56);
      g_signal_connect (button, "clicked", G_CALLBACK (on_day_clicked_cb), self);
      gtk_grid_attach (self->grid, button, i % 7, 1 + i / 7, 1, 1);
      self->cells[i] = button;
    }
  self->year = g_date_time_get_year (now);
  self->month = g_date_time_get_month (now);
  fill (self);
}

GtkWidget *
cb_month_grid_new (void)
{
  return g_object_new (CB_TYPE_MONTH_GRID, NULL);
}

void
cb_month_grid_set_month (CbMonthGrid *self,
                         int          year,
                         int          month)
{
  g_return_if_fail (CB_IS_MONTH_GRID (self));
  g_return_if_fail (month >= 1 && month <= 12);

  self->year = year;
  self->month = month;
  fill (self);
}

/**
 * cb_month_grid_set_items:
 * @items: (nullable) (element-type utf8 GPtrArray): date → titles
 */
void
cb_month_grid_set_items (CbMonthGrid *self,
                         GHashTable  *items)
{
  g_return_if_fail (CB_IS_MONTH_GRID (self));

  g_clear_pointer (&self->items, g_hash_table_unref);
  if (items != NULL)
    self->items = g_hash_table_ref (items);
  for (guint i = 0; i < CB_MONTH_GRID_CELLS; i++)
    fill_cell (self, i);
}

void
cb_month_grid_select_day (CbMonthGrid *self,
                          const char  *date)
{
  g_return_if_fail (CB_IS_MONTH_GRID (self));

  g_free (self->selected);
  self->selected = g_strdup (date);
  for (guint i = 0; i < CB_MONTH_GRID_CELLS; i++)
    {
      if (g_strcmp0 (self->dates[i], date) == 0)
        gtk_widget_add_css_class (self->cells[i], "cb-selected-day");
      else
        gtk_widget_remove_css_class (self->cells[i], "cb-selected-day");
    }
}

/**
 * cb_month_grid_get_day:
 *
 * Returns: (transfer none) (nullable): the button of @date, if shown
 */
GtkWidget *
cb_month_grid_get_day (CbMonthGrid *self,
                       const char  *date)
{
  g_return_val_if_fail (CB_IS_MONTH_GRID (self), NULL);

  for (guint i = 0; i < CB_MONTH_GRID_CELLS; i++)
    if (g_strcmp0 (self->dates[i], date) == 0)
      return self->cells[i];
  return NULL;
}
