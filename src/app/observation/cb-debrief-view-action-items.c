/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The debrief's action items: the list of those this observation made,
 * their Done boxes, and the row that adds one for the teacher. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-action-logic.h"
#include "cb-debrief-view-private.h"
#include "cb-text-row.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

static void
on_action_done_toggled_cb (GtkCheckButton *button,
                           CbDebriefView  *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->writing++;
  ok = cb_store_set (_cb_debrief_view_get_store (self), uuid, "status",
                     gtk_check_button_get_active (button) ? "done" : "open", &error);
  self->writing--;
  if (!ok)
    cb_view_error (GTK_WIDGET (self), error);
}

void
_cb_debrief_view_fill_actions (CbDebriefView *self)
{
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *today = cb_today_string ();

  cb_view_clear_list (self->action_list);
  filter.kind = "action_item";
  filter.ref_field = "source";
  filter.ref_value = self->uuid;
  items = cb_store_list (_cb_debrief_view_get_store (self), &filter, 200, NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CbRecord *item = g_ptr_array_index (items, i);
      GtkWidget *row = cb_text_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *owner = cb_record_get (item, "owner");
      const char *status = cb_record_get (item, "status");
      CbActionState state = cb_action_classify (status, cb_record_get (item, "due"), today,
                                                CB_ACTION_DUE_SOON_DAYS);
      GString *sub = g_string_new (NULL);

      if (owner != NULL && *owner != '\0')
        g_string_append (sub, cb_names_lookup (self->names, owner));
      if (cb_record_get (item, "due") != NULL && *cb_record_get (item, "due") != '\0')
        {
          g_autofree char *due = cb_due_label (cb_record_get (item, "due"), today);
          if (sub->len > 0)
            g_string_append (sub, " · ");
          g_string_append (sub, due);
        }
      if (sub->len > 0)
        g_string_append (sub, " · ");
      g_string_append (sub, cb_action_state_label (state));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (status, "done") == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, _("Done"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
      g_object_set_data_full (G_OBJECT (check), "uuid", g_strdup (cb_record_get_uuid (item)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_action_done_toggled_cb), self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cb_record_get (item, "text") ? cb_record_get (item, "text") : "");
      cb_text_row_set_title_lines (CB_TEXT_ROW (row), 3);
      cb_text_row_set_subtitle (CB_TEXT_ROW (row), sub->str);
      cb_text_row_add_prefix (CB_TEXT_ROW (row), check);
      cb_text_row_add_suffix (CB_TEXT_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (cb_record_get_uuid (item)), g_free);
      gtk_list_box_append (self->action_list, row);
      g_string_free (sub, TRUE);
    }
  if (items == NULL || items->len == 0)
    gtk_list_box_append (self->action_list, cb_view_placeholder_row (_("No action items yet")));
}

void
_cb_debrief_view_on_action_row_activated_cb (CbDebriefView *self,
                                             GtkListBoxRow *row)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");

  if (uuid != NULL)
    {
      g_autofree char *copy = g_strdup (uuid);
      cb_debrief_view_flush (self);
      cb_view_open_record (GTK_WIDGET (self), copy);
    }
}

void
_cb_debrief_view_on_action_add_cb (CbDebriefView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->action_entry));
  const char *due = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));
  g_autofree char *uuid = cb_debrief_view_add_action (self, text, due);

  if (uuid != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->action_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->action_entry));
    }
}

/**
 * cb_debrief_view_add_action:
 * @due: (nullable): YYYY-MM-DD or empty
 *
 * Adds an action item from this observation, owned by its teacher.
 * Problems are shown in the window.
 *
 * Returns: (transfer full) (nullable): the new item's UUID
 */
char *
cb_debrief_view_add_action (CbDebriefView *self,
                            const char    *text,
                            const char    *due)
{
  g_autofree char *typed = g_strstrip (g_strdup (due ? due : ""));
  g_autofree char *due_text = NULL;
  g_autoptr(GError) error = NULL;
  char *uuid;

  g_return_val_if_fail (CB_IS_DEBRIEF_VIEW (self), NULL);

  if (self->uuid == NULL)
    return NULL;
  /* As in every date field: ISO or the locale's own order, and a real
   * date; an empty one is no due date. */
  due_text = *typed == '\0' ? g_strdup ("") : cb_date_from_typed (typed);
  if (due_text == NULL)
    {
      g_autofree char *hint = cb_date_format_hint ();

      gtk_widget_add_css_class (GTK_WIDGET (self->due_entry), "error");
      cb_view_toast (GTK_WIDGET (self), hint);
      return NULL;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_entry), "error");
  self->writing++;
  uuid = cb_action_item_create (_cb_debrief_view_get_store (self), text, self->teacher, due_text, self->uuid, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return NULL;
    }
  _cb_debrief_view_fill_actions (self);
  return uuid;
}
