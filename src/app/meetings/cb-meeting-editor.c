/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An implementation-team or impact-review meeting: its fields in
 * groups (who met, what they looked at, barriers and drivers,
 * decisions), its action items (action_item records whose source is
 * the meeting: added and completed by keyboard, each with an owner from
 * the people present and a due date), the open items of the team's
 * earlier meetings, and the chain: the previous meeting, the next one,
 * and Next Meeting, which starts the team's next meeting. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-action-logic.h"
#include "cb-editor-widget.h"
#include "cb-editor.h"
#include "cb-meeting-editor.h"
#include "cb-meeting-logic.h"
#include "cb-names.h"
#include "cb-record-editor.h"
#include "cb-refs.h"
#include "cb-text-row.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

/* how far back the chain is followed for open items */
#define CHAIN_LIMIT 50

struct _CbMeetingEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  CbRecordEditor    *details_fields;
  CbRecordEditor    *people_fields;
  CbRecordEditor    *talk_fields;
  CbRecordEditor    *private_fields;
  GtkListBox        *action_list;
  GtkEntry          *action_entry;
  GtkDropDown       *owner_dropdown;
  GtkEntry          *due_entry;
  GtkListBox        *carried_list;
  GtkListBox        *chain_list;
  CbRecordEditor    *parts[4];        /* the four field editors above */

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  GPtrArray         *owners;          /* char *: the dropdown's people, "" first */
  gboolean           read_only;
  guint              writing;
};

G_DEFINE_FINAL_TYPE (CbMeetingEditor, cb_meeting_editor, CB_TYPE_EDITOR_WIDGET)

static CbStore *
get_store (CbMeetingEditor *self)
{
  return cb_names_get_store (self->names);
}

static GPtrArray *
items_from (CbMeetingEditor *self,
            const char      *meeting)
{
  CbFilter filter = { .kind = "action_item", .ref_field = "source", .ref_value = meeting };
  GPtrArray *items = cb_store_list (get_store (self), &filter, 500, NULL);

  return items ? items : g_ptr_array_new_with_free_func (g_object_unref);
}

static char *
item_subtitle (CbMeetingEditor *self,
               CbRecord        *item,
               const char      *from)
{
  g_autofree char *today = cb_today_string ();
  const char *owner = cb_record_get (item, "owner");
  const char *due = cb_record_get (item, "due");
  const char *status = cb_record_get (item, "status");
  CbActionState state = cb_action_classify (status, due, today, CB_ACTION_DUE_SOON_DAYS);
  GString *sub = g_string_new (NULL);

  if (owner && *owner)
    g_string_append (sub, cb_names_lookup (self->names, owner));
  /* the due date says whether it is late; done says itself */
  if (due && *due && g_strcmp0 (status, "done") != 0)
    {
      g_autofree char *label = cb_due_label (due, today);

      g_string_append_printf (sub, "%s%s", sub->len ? " · " : "", label);
    }
  else
    g_string_append_printf (sub, "%s%s", sub->len ? " · " : "", cb_action_state_label (state));
  if (from != NULL)
    {
      g_string_append (sub, " · ");
      /* TRANSLATORS: an open action item carried from an earlier meeting: its title */
      g_string_append_printf (sub, _("from %s"), from);
    }
  return g_string_free (sub, FALSE);
}

static void
on_done_toggled_cb (GtkCheckButton  *button,
                    CbMeetingEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), CB_TYPE_TEXT_ROW);
  g_autoptr(CbRecord) item = NULL;
  g_autoptr(GError) error = NULL;

  self->writing++;
  if (!cb_store_set (get_store (self), uuid, "status",
                     gtk_check_button_get_active (button) ? "done" : "open", &error))
    cb_view_error (GTK_WIDGET (self), error);
  self->writing--;
  /* the row stays (and the focus on its box): only its line changes */
  if (row != NULL && (item = cb_store_get (get_store (self), uuid, NULL)) != NULL)
    {
      g_autofree char *sub = item_subtitle (self, item, g_object_get_data (G_OBJECT (row), "from"));

      cb_text_row_set_subtitle (CB_TEXT_ROW (row), sub);
    }
}

static GtkWidget *
item_row (CbMeetingEditor *self,
          CbRecord        *item,
          const char      *from)
{
  g_autofree char *sub = item_subtitle (self, item, from);
  GtkWidget *row = cb_text_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (cb_record_get (item, "status"), "done") == 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (check, !self->read_only);
  gtk_widget_set_tooltip_text (check, _("Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
  g_object_set_data_full (G_OBJECT (check), "uuid", g_strdup (cb_record_get_uuid (item)), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_done_toggled_cb), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cb_record_get (item, "text"));
  cb_text_row_set_title_lines (CB_TEXT_ROW (row), 3);
  cb_text_row_set_subtitle (CB_TEXT_ROW (row), sub);
  cb_text_row_add_prefix (CB_TEXT_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (cb_record_get_uuid (item)), g_free);
  g_object_set_data_full (G_OBJECT (row), "from", g_strdup (from), g_free);
  return row;
}

static void
fill_actions (CbMeetingEditor *self)
{
  g_autoptr(GPtrArray) items = self->uuid ? items_from (self, self->uuid) : NULL;

  cb_view_clear_list (self->action_list);
  for (guint i = 0; items && i < items->len; i++)
    gtk_list_box_append (self->action_list, item_row (self, g_ptr_array_index (items, i), NULL));
  if (items == NULL || items->len == 0)
    gtk_list_box_append (self->action_list, cb_view_placeholder_row (_("No action items yet")));
}

static GtkWidget *
chain_row (CbRecord   *meeting,
           const char *role)
{
  GtkWidget *row = adw_action_row_new ();
  const char *date = cb_record_get (meeting, "date");
  /* TRANSLATORS: a meeting in the chain: "Previous meeting · 2026-03-12" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), role, date && *date ? date : _("no date"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cb_record_get_title (meeting));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (cb_record_get_uuid (meeting)), g_free);
  return row;
}

/* The earlier meetings of the chain, nearest first, and their open
 * items; then the meetings that follow this one. */
static void
fill_chain (CbMeetingEditor *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CbRecord) meeting = self->uuid ? cb_store_get (get_store (self), self->uuid, NULL) : NULL;
  CbFilter next = { .kind = "meeting", .ref_field = "previous", .ref_value = self->uuid };
  g_autoptr(GPtrArray) following = NULL;
  guint carried = 0;

  cb_view_clear_list (self->carried_list);
  cb_view_clear_list (self->chain_list);
  if (meeting != NULL)
    g_hash_table_add (seen, g_strdup (self->uuid));
  for (guint hops = 0; meeting != NULL && hops < CHAIN_LIMIT; hops++)
    {
      g_autofree char *previous = g_strdup (cb_record_get (meeting, "previous"));
      CbRecord *earlier;
      g_autoptr(GPtrArray) items = NULL;

      if (previous == NULL || *previous == '\0' || !g_hash_table_add (seen, g_strdup (previous)) ||
          (earlier = cb_store_get (get_store (self), previous, NULL)) == NULL)
        break;
      g_object_unref (meeting);
      meeting = earlier;
      if (hops == 0)
        gtk_list_box_append (self->chain_list, chain_row (meeting, _("Previous meeting")));
      items = items_from (self, previous);
      for (guint i = 0; i < items->len; i++)
        if (cb_meeting_item_is_open (g_ptr_array_index (items, i)))
          {
            gtk_list_box_append (self->carried_list,
                                 item_row (self, g_ptr_array_index (items, i), cb_record_get_title (meeting)));
            carried++;
          }
    }
  if (carried == 0)
    gtk_list_box_append (self->carried_list, cb_view_placeholder_row (_("Nothing left open from earlier meetings")));
  following = self->uuid ? cb_store_list (get_store (self), &next, 20, NULL) : NULL;
  for (guint i = 0; following && i < following->len; i++)
    gtk_list_box_append (self->chain_list, chain_row (g_ptr_array_index (following, i), _("Next meeting")));
  if (gtk_widget_get_first_child (GTK_WIDGET (self->chain_list)) == NULL)
    gtk_list_box_append (self->chain_list, cb_view_placeholder_row (_("The team’s first meeting here")));
}

/* The owners to choose from: the people present. */
static void
fill_owners (CbMeetingEditor *self)
{
  g_autoptr(CbRecord) meeting = self->uuid ? cb_store_get (get_store (self), self->uuid, NULL) : NULL;
  g_auto(GStrv) present = cb_refs_split (meeting ? cb_record_get (meeting, "attendees") : NULL);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->owners, 0);
  g_ptr_array_add (self->owners, g_strdup (""));
  gtk_string_list_append (model, _("No owner"));
  for (guint i = 0; present && present[i]; i++)
    {
      g_ptr_array_add (self->owners, g_strdup (present[i]));
      gtk_string_list_append (model, cb_names_lookup (self->names, present[i]));
    }
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->owner_dropdown, self->owners->len > 1 ? 1 : 0);
}

static void
reload (CbMeetingEditor *self)
{
  fill_actions (self);
  fill_chain (self);
}

static void
on_action_add_cb (CbMeetingEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->action_entry))));
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->due_entry))));
  g_autofree char *due = *typed ? cb_date_from_typed (typed) : g_strdup ("");
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (self->uuid == NULL || self->read_only || *text == '\0')
    return;
  if (due == NULL)
    {
      g_autofree char *hint = cb_date_format_hint ();

      gtk_widget_add_css_class (GTK_WIDGET (self->due_entry), "error");
      cb_view_toast (GTK_WIDGET (self), hint);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_entry), "error");
  self->writing++;
  uuid = cb_action_item_create (get_store (self), text,
                                owner < self->owners->len ? g_ptr_array_index (self->owners, owner) : "",
                                due, self->uuid, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->action_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_entry), "");
  fill_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->action_entry));
}

static void
on_chain_row_activated_cb (GtkListBox      *list,
                           GtkListBoxRow   *row,
                           CbMeetingEditor *self)
{
  g_autofree char *uuid = g_strdup (g_object_get_data (G_OBJECT (row), "uuid"));

  if (uuid == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  cb_view_open_record (GTK_WIDGET (self), uuid);
}

static void
on_store_changed_cb (CbStore         *store,
                     const char      *kind,
                     const char      *uuid,
                     CbMeetingEditor *self)
{
  if (self->uuid == NULL || self->writing > 0)
    return;
  if (kind == NULL || g_strcmp0 (kind, "action_item") == 0 || g_strcmp0 (kind, "meeting") == 0)
    reload (self);
  if (kind == NULL || g_strcmp0 (kind, "person") == 0 || g_strcmp0 (uuid, self->uuid) == 0)
    fill_owners (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CbMeetingEditor *self = CB_MEETING_EDITOR (widget);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CbRecord) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (self->uuid == NULL || self->read_only)
    return;
  cb_editor_flush (CB_EDITOR (self));
  if ((meeting = cb_store_get (get_store (self), self->uuid, &error)) == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  cb_meeting_next_values (meeting, names, values);
  self->writing++;
  uuid = cb_store_create (get_store (self), "meeting", (const char **) names->pdata,
                          (const char **) values->pdata, names->len, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  cb_view_open_record (GTK_WIDGET (self), uuid);
}

static void
cb_meeting_editor_dispose (GObject *object)
{
  CbMeetingEditor *self = CB_MEETING_EDITOR (object);

  if (self->names != NULL)
    {
      cb_editor_flush (CB_EDITOR (self));
      g_clear_signal_handler (&self->changed_id, get_store (self));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_MEETING_EDITOR);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_meeting_editor_parent_class)->dispose (object);
}

static void
cb_meeting_editor_finalize (GObject *object)
{
  CbMeetingEditor *self = CB_MEETING_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->owners, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_meeting_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static CbRecordEditor **
parts (CbMeetingEditor *self,
       guint           *n)
{
  *n = G_N_ELEMENTS (self->parts);
  return self->parts;
}

static void
names_changed (CbEditorWidget *editor)
{
  CbMeetingEditor *self = CB_MEETING_EDITOR (editor);
  guint n;
  CbRecordEditor **editors = parts (self, &n);

  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (cb_editor_widget_get_names (editor));
  for (guint i = 0; i < n; i++)
    cb_record_editor_set_names (editors[i], self->names);
  self->changed_id = g_signal_connect (get_store (self), "changed", G_CALLBACK (on_store_changed_cb), self);
}

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbMeetingEditor *self = CB_MEETING_EDITOR (editor);
  g_autofree char *copy = g_strdup (uuid);
  guint n;
  CbRecordEditor **editors = parts (self, &n);
  gboolean ok = TRUE;

  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (&self->uuid, g_free);
  for (guint i = 0; i < n; i++)
    {
      if (copy == NULL)
        cb_record_editor_clear (editors[i]);
      else if (!cb_record_editor_load (editors[i], copy, read_only))
        ok = FALSE;
    }
  if (ok)
    self->uuid = g_steal_pointer (&copy);
  self->read_only = read_only;
  /* what was being typed belonged to the meeting left */
  gtk_editable_set_text (GTK_EDITABLE (self->action_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_entry), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_entry), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->action_entry), self->uuid != NULL && !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->due_entry), self->uuid != NULL && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.next", self->uuid != NULL && !read_only);
  fill_owners (self);
  reload (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  CbMeetingEditor *self = CB_MEETING_EDITOR (editor);
  guint n;
  CbRecordEditor **editors = parts (self, &n);

  if (self->names == NULL || self->uuid == NULL)
    return;
  for (guint i = 0; i < n; i++)
    cb_record_editor_flush (editors[i]);
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return CB_MEETING_EDITOR (editor)->uuid;
}

static void
cb_meeting_editor_class_init (CbMeetingEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_meeting_editor_dispose;
  object_class->finalize = cb_meeting_editor_finalize;

  gtk_widget_class_install_action (widget_class, "meeting.next", NULL, next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "meeting.next", NULL);

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, details_fields);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, people_fields);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, talk_fields);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, private_fields);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, action_list);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, action_entry);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, due_entry);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, carried_list);
  gtk_widget_class_bind_template_child (widget_class, CbMeetingEditor, chain_list);
  gtk_widget_class_bind_template_callback (widget_class, on_action_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chain_row_activated_cb);
}

static void
cb_meeting_editor_init (CbMeetingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->parts[0] = self->details_fields;
  self->parts[1] = self->people_fields;
  self->parts[2] = self->talk_fields;
  self->parts[3] = self->private_fields;
  self->owners = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.next", FALSE);
}

/**
 * cb_meeting_editor_get_widget:
 * @part: "details", "people", "talk" (their record editors), "actions",
 *   "action", "owner", "due", "carried" or "chain"
 *
 * Returns: (transfer none) (nullable): the widget, for tests
 */
GtkWidget *
cb_meeting_editor_get_widget (CbMeetingEditor *self,
                              const char      *part)
{
  static const char * const names[] = { "details", "people", "talk", "actions", "action", "owner", "due", "carried",
                                        "chain" };
  GtkWidget *widgets[] = { GTK_WIDGET (self->details_fields), GTK_WIDGET (self->people_fields),
                           GTK_WIDGET (self->talk_fields),
                           GTK_WIDGET (self->action_list), GTK_WIDGET (self->action_entry),
                           GTK_WIDGET (self->owner_dropdown), GTK_WIDGET (self->due_entry),
                           GTK_WIDGET (self->carried_list), GTK_WIDGET (self->chain_list) };

  g_return_val_if_fail (CB_IS_MEETING_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (part, names[i]) == 0)
      return widgets[i];
  return NULL;
}
