/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Makes what it holds one stop for Tab. The sidebar's sections are a
 * list in browse mode, where moving the focus to a row selects it: Tab
 * walking the rows would switch section at every press and never get
 * past them. With this around the list, Tab enters at the current
 * section and the next Tab leaves; the arrow keys move between rows. */

#include "config.h"

#include "cb-tab-stop.h"

struct _CbTabStop
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (CbTabStop, cb_tab_stop, GTK_TYPE_WIDGET)

static gboolean
cb_tab_stop_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL)
    return FALSE;
  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD) &&
      gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  return gtk_widget_child_focus (child, direction);
}

static void
cb_tab_stop_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_tab_stop_parent_class)->dispose (object);
}

static void
cb_tab_stop_class_init (CbTabStopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_tab_stop_dispose;
  widget_class->focus = cb_tab_stop_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_tab_stop_init (CbTabStop *self)
{
}

/**
 * cb_tab_stop_new:
 *
 * Returns: (transfer floating): a new tab stop; add its one child with
 *   gtk_widget_set_parent() or a `<child>` in a .ui file
 */
GtkWidget *
cb_tab_stop_new (void)
{
  return g_object_new (CB_TYPE_TAB_STOP, NULL);
}
