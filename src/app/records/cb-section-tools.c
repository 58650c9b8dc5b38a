/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-section-tools.h"
#include "cb-view-util.h"

struct _CbSectionTools
{
  GtkWidget  parent_instance;

  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (CbSectionTools, cb_section_tools, GTK_TYPE_WIDGET)

static void
cb_section_tools_dispose (GObject *object)
{
  CbSectionTools *self = CB_SECTION_TOOLS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cb_section_tools_parent_class)->dispose (object);
}

static void
cb_section_tools_class_init (CbSectionToolsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_section_tools_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_section_tools_init (CbSectionTools *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  cb_section_tools_set_section (self, CB_SECTION_TODAY);
}

static GtkWidget *
make_button (const CbSectionTool *tool)
{
  GtkWidget *button = tool->label ? cb_view_wrap_button (_(tool->label))
                                  : gtk_button_new_from_icon_name (tool->icon);

  gtk_widget_set_tooltip_text (button, _(tool->tooltip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(tool->tooltip), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), tool->action);
  if (tool->target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                            g_variant_new_string (tool->target));
  return button;
}

GtkWidget *
cb_section_tools_new (void)
{
  return g_object_new (CB_TYPE_SECTION_TOOLS, NULL);
}

/**
 * cb_section_tools_set_section:
 *
 * Shows the tools @section's row lists (CbSectionInfo.tools), and hides
 * itself when it lists none.
 */
void
cb_section_tools_set_section (CbSectionTools *self,
                              CbSection       section)
{
  const CbSectionTool *tools;
  GtkWidget *child;

  g_return_if_fail (CB_IS_SECTION_TOOLS (self));

  tools = cb_section_is_valid (section) ? cb_section_info (section)->tools : NULL;
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  for (guint i = 0; tools != NULL && tools[i].action != NULL; i++)
    gtk_box_append (GTK_BOX (self->box), make_button (&tools[i]));
  gtk_widget_set_visible (GTK_WIDGET (self), tools != NULL && tools[0].action != NULL);
}
