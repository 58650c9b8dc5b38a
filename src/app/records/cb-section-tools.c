/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-section-tools.h"
#include "cb-view-util.h"

typedef struct
{
  CbSection   section;
  const char *label;        /* N_(), NULL for an icon only */
  const char *icon;
  const char *tooltip;      /* N_() */
  const char *action;
  const char *target;       /* a string target, or NULL */
} Tool;

static const Tool tools[] = {
  { CB_SECTION_LOGS, N_("Coaching _Day…"), NULL, N_("Co-plan, observation and log for one teacher, linked"),
    "win.coaching-day", NULL },
  { CB_SECTION_LOGS, N_("_Totals"), NULL, N_("Coaching time by activity, teacher, school and month"),
    "win.show-view", "log-totals" },
  { CB_SECTION_LOGS, NULL, "document-save-as-symbolic", N_("Export the Coaching Log as a Spreadsheet"),
    "win.export-csv", "coaching_log" },
  { CB_SECTION_PD, N_("_Calendar"), NULL, N_("PD sessions in a month view"),
    "win.show-view", "pd-calendar" },
  { CB_SECTION_PD, NULL, "document-save-as-symbolic", N_("Export PD Attendance as a Spreadsheet"),
    "win.export-csv", "attendance" },
  { CB_SECTION_ACTIONS, N_("_Export as Spreadsheet…"), NULL, N_("Export the action items as CSV"),
    "win.export-csv", "action_item" },
};

struct _CbSectionTools
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *buttons[G_N_ELEMENTS (tools)];
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

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      GtkWidget *button = tools[i].label ? cb_view_wrap_button (_(tools[i].label))
                                         : gtk_button_new_from_icon_name (tools[i].icon);

      gtk_widget_set_tooltip_text (button, _(tools[i].tooltip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(tools[i].tooltip), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), tools[i].action);
      if (tools[i].target != NULL)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (tools[i].target));
      gtk_box_append (GTK_BOX (self->box), button);
      self->buttons[i] = button;
    }
  cb_section_tools_set_section (self, CB_SECTION_TODAY);
}

GtkWidget *
cb_section_tools_new (void)
{
  return g_object_new (CB_TYPE_SECTION_TOOLS, NULL);
}

void
cb_section_tools_set_section (CbSectionTools *self,
                              CbSection       section)
{
  gboolean any = FALSE;

  g_return_if_fail (CB_IS_SECTION_TOOLS (self));

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      gtk_widget_set_visible (self->buttons[i], tools[i].section == section);
      any |= tools[i].section == section;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), any);
}
