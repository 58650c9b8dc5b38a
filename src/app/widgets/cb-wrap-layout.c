/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lays its widget's children out like GtkBinLayout, and measures their
 * width without a height: for views made of wrapping text.
 *
 * GTK 4.8 asks "how wide for this height?" in many places (a horizontal
 * box allocating, or measuring its natural size; AdwFlap; a widget
 * aligned to the centre). A vertical box answers by a binary search,
 * measuring every child's height at a dozen trial widths, and a
 * wrapping label lays its text out again with Pango for each. A row of
 * text in a box, or a page of them, cost every label twenty or more
 * layouts at each relayout, and each label's size cache (a few sizes)
 * was emptied by them before the next relayout of the window could use
 * it. Our views are height-for-width: a width asked for a height is the
 * width asked for no height, measured once and cached. */

#include "config.h"

#include "cb-wrap-layout.h"

struct _CbWrapLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (CbWrapLayout, cb_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
cb_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cb_wrap_layout_measure (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        GtkOrientation    orientation,
                        int               for_size,
                        int              *minimum,
                        int              *natural,
                        int              *minimum_baseline,
                        int              *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0, child_min_baseline = -1, child_nat_baseline = -1;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat,
                          &child_min_baseline, &child_nat_baseline);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
      if (child_min_baseline > -1)
        *minimum_baseline = MAX (*minimum_baseline, child_min_baseline);
      if (child_nat_baseline > -1)
        *natural_baseline = MAX (*natural_baseline, child_nat_baseline);
    }
}

static void
cb_wrap_layout_allocate (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         int               width,
                         int               height,
                         int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
cb_wrap_layout_class_init (CbWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = cb_wrap_layout_get_request_mode;
  manager_class->measure = cb_wrap_layout_measure;
  manager_class->allocate = cb_wrap_layout_allocate;
}

static void
cb_wrap_layout_init (CbWrapLayout *self)
{
}

GtkLayoutManager *
cb_wrap_layout_new (void)
{
  return g_object_new (CB_TYPE_WRAP_LAYOUT, NULL);
}
