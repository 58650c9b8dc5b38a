/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team's inquiry cycle's page. Its fields are four fields editors over
 * one record, one per PDSA step, and one for the private notes and the
 * sharing; what it shows of the chain follows the records: a cycle, a
 * data point or a coaching log saved anywhere reloads it, after a short
 * delay, on a worker thread. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-cycle.h"
#include "cb-editor.h"
#include "cb-inquiry-editor.h"
#include "cb-inquiry-logic.h"
#include "cb-record-editor.h"
#include "cb-run-chart-view.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define RELOAD_DELAY_MS 300

struct _CbInquiryEditor
{
  CbEditorWidget     parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel          *chain_label;
  GtkLabel          *predicted_label;
  GtkLabel          *numbers_label;
  GtkLabel          *results_label;
  GtkLabel          *chart_title;
  CbRunChartView    *chart;
  GtkListBox        *table_list;
  GtkEntry          *date_entry;
  GtkEntry          *value_entry;
  GtkListBox        *chain_list;
  GtkButton         *next_button;
  GtkListBox        *meetings_list;
  CbRecordEditor    *plan_fields;
  CbRecordEditor    *do_fields;
  CbRecordEditor    *study_fields;
  CbRecordEditor    *act_fields;
  CbRecordEditor    *other_fields;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  CbInquiry         *inquiry;
  GCancellable      *cancellable;
  guint              reload_id;
};

G_DEFINE_FINAL_TYPE (CbInquiryEditor, cb_inquiry_editor, CB_TYPE_EDITOR_WIDGET)

/* The fields editors, each over the same record. */
static CbRecordEditor **
parts (CbInquiryEditor *self,
       CbRecordEditor  *out[5])
{
  out[0] = self->plan_fields;
  out[1] = self->do_fields;
  out[2] = self->study_fields;
  out[3] = self->act_fields;
  out[4] = self->other_fields;
  return out;
}

static void
flush_parts (CbInquiryEditor *self)
{
  CbRecordEditor *p[5];

  parts (self, p);
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    cb_record_editor_flush (p[i]);
}

static gpointer
load_inquiry (CbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return cb_inquiry_load (store, data, NULL, error);
}

static void
on_row_activated_cb (AdwActionRow    *row,
                     CbInquiryEditor *self)
{
  g_autofree char *uuid = g_strdup (g_object_get_data (G_OBJECT (row), "uuid"));

  cb_editor_flush (CB_EDITOR (self));
  cb_view_open_record (GTK_WIDGET (self), uuid);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle,
         const char *uuid)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title && *title ? title : _("Untitled"));
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (uuid != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (uuid), g_free);
    }
  return row;
}

static void
show_table (CbInquiryEditor *self)
{
  CbInquiry *inquiry = self->inquiry;

  cb_view_clear_list (self->table_list);
  for (guint i = 0; inquiry && i < inquiry->points->len; i++)
    {
      const CbInquiryPoint *p = g_ptr_array_index (inquiry->points, i);
      g_autofree char *value = cb_cycle_format_value (p->value, inquiry->unit);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (p->cycle == inquiry->current)
        subtitle = g_strdup_printf (_("%s · cycle %u (this cycle)"), p->date ? p->date : _("No date"), p->cycle + 1);
      else
        subtitle = g_strdup_printf (_("%s · cycle %u"), p->date ? p->date : _("No date"), p->cycle + 1);
      row = new_row (value, subtitle, NULL);
      gtk_list_box_append (self->table_list, row);
    }
  if (inquiry == NULL || inquiry->points->len == 0)
    gtk_list_box_append (self->table_list, cb_view_placeholder_row (_("No data point yet.")));
}

static void
show_chain (CbInquiryEditor *self)
{
  CbInquiry *inquiry = self->inquiry;
  const CbKind *kind = cb_kind_lookup ("inquiry_cycle");

  cb_view_clear_list (self->chain_list);
  for (guint i = 0; inquiry && i < inquiry->chain->len; i++)
    {
      const CbInquiryLink *link = g_ptr_array_index (inquiry->chain, i);
      GString *subtitle = g_string_new (NULL);
      GtkWidget *row;

      g_string_append_printf (subtitle, _("Cycle %u"), i + 1);
      if (link->start_date)
        g_string_append_printf (subtitle, " · %s", link->start_date);
      if (link->act)
        g_string_append_printf (subtitle, " · %s", cb_field_choice_label (cb_kind_field (kind, "act"), link->act));
      if (i == inquiry->current)
        g_string_append_printf (subtitle, " · %s", _("this cycle"));
      row = new_row (link->change_idea, subtitle->str, i == inquiry->current ? NULL : link->uuid);
      if (i != inquiry->current)
        g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), self);
      gtk_list_box_append (self->chain_list, row);
      g_string_free (subtitle, TRUE);
    }
}

static void
show_meetings (CbInquiryEditor *self)
{
  CbInquiry *inquiry = self->inquiry;

  cb_view_clear_list (self->meetings_list);
  for (guint i = 0; inquiry && i < inquiry->meetings->len; i++)
    {
      const CbInquiryMeeting *m = g_ptr_array_index (inquiry->meetings, i);
      g_autofree char *date = *m->date ? cb_date_label (m->date, NULL) : NULL;
      GtkWidget *row = new_row (m->title, date, m->uuid);

      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), self);
      gtk_list_box_append (self->meetings_list, row);
    }
  if (inquiry == NULL || inquiry->meetings->len == 0)
    gtk_list_box_append (self->meetings_list,
                         cb_view_placeholder_row (_("Add a team meeting with +, or name this cycle in a coaching log’s “Inquiry cycle” field.")));
}

static void
show_inquiry (CbInquiryEditor *self)
{
  CbInquiry *inquiry = self->inquiry;
  g_autofree char *chain = inquiry ? cb_inquiry_chain_label (inquiry) : NULL;
  g_autoptr(CbRunChart) chart = NULL;
  g_autofree char *numbers = NULL;

  gtk_label_set_text (self->chain_label, chain ? chain : "");
  gtk_label_set_text (self->predicted_label, inquiry && inquiry->predictions && *inquiry->predictions
                      ? inquiry->predictions : _("Write the team’s predictions in Plan."));
  gtk_label_set_text (self->results_label, inquiry && inquiry->study && *inquiry->study
                      ? inquiry->study : _("Write what the results say about the predictions below."));
  if (inquiry != NULL)
    {
      chart = cb_run_chart_compute (inquiry->points, inquiry->current, inquiry->unit);
      numbers = cb_inquiry_results_text (inquiry, chart);
    }
  gtk_label_set_text (self->numbers_label, numbers ? numbers : "");
  gtk_label_set_text (self->chart_title, inquiry && inquiry->measure && *inquiry->measure
                      ? inquiry->measure : _("Run chart"));
  cb_run_chart_view_set_inquiry (self->chart, inquiry);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), inquiry != NULL && inquiry->points->len > 0);
  show_table (self);
  show_chain (self);
  show_meetings (self);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CbInquiry *inquiry = cb_store_work_finish (result, &error);
  CbInquiryEditor *self;

  if (inquiry == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cb_view_error (GTK_WIDGET (user_data), error);
      return;
    }
  self = CB_INQUIRY_EDITOR (user_data);
  g_clear_pointer (&self->inquiry, cb_inquiry_free);
  self->inquiry = inquiry;
  show_inquiry (self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbInquiryEditor *self = data;

  self->reload_id = 0;
  cb_inquiry_editor_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore         *store,
                     const char      *kind,
                     const char      *uuid,
                     CbInquiryEditor *self)
{
  static const char * const shown[] = { "inquiry_cycle", "inquiry_point", "coaching_log", NULL };

  if (self->uuid == NULL || (kind != NULL && !g_strv_contains (shown, kind)))
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
add_point_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CbInquiryEditor *self = CB_INQUIRY_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cb_inquiry_editor_add_point (self, gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->value_entry)), &error))
    {
      cb_view_error (widget, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->value_entry));
}

static void
start_next_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CbInquiryEditor *self = CB_INQUIRY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = cb_today_string ();
  g_autofree char *next = NULL;

  if (self->uuid == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  next = cb_inquiry_start_next (cb_names_get_store (self->names), self->uuid, today, &error);
  if (next == NULL)
    {
      cb_view_error (widget, error);
      return;
    }
  cb_view_open_record (widget, next);
  cb_view_toast (widget, _("Next cycle started"));
}

/* A team meeting of this cycle: a group coaching log dated today with
 * the PLC activity, for the team, opened to be filled in. */
static void
add_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CbInquiryEditor *self = CB_INQUIRY_EDITOR (widget);
  CbStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRecord) cycle = NULL;
  g_autofree char *today = cb_today_string ();
  g_autofree char *summary = NULL;
  g_autofree char *log = NULL;
  g_autofree char *segment = NULL;
  const char *team;

  if (self->uuid == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  store = cb_names_get_store (self->names);
  if ((cycle = cb_store_get (store, self->uuid, &error)) == NULL)
    {
      cb_view_error (widget, error);
      return;
    }
  team = cb_record_get (cycle, "team");
  /* TRANSLATORS: a team meeting's summary, "Grade 7 PLC: team meeting" */
  summary = *team ? g_strdup_printf (_("%s: team meeting"), team) : g_strdup (_("Team meeting"));
  {
    const char *names[] = { "summary", "date", "group_name", "mode", "school", "engagement", "inquiry", CB_FIELD_PRIVACY };
    const char *values[] = { summary, today, team, "group", cb_record_get (cycle, "school"),
                             cb_record_get (cycle, "engagement"), self->uuid, cb_record_get_privacy (cycle) };

    log = cb_store_create (store, "coaching_log", names, values, G_N_ELEMENTS (names), &error);
  }
  if (log != NULL)
    {
      const char *names[] = { "log", "position", "activity", CB_FIELD_PRIVACY };
      const char *values[] = { log, "0", "plc", cb_record_get_privacy (cycle) };

      segment = cb_store_create (store, "segment", names, values, G_N_ELEMENTS (names), &error);
    }
  if (segment == NULL)
    {
      cb_view_error (widget, error);
      return;
    }
  cb_view_open_record (widget, log);
}

static void
on_value_entry_activated_cb (GtkEntry        *entry,
                             CbInquiryEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "inquiry.add-point", NULL);
}

static void
cb_inquiry_editor_unmap (GtkWidget *widget)
{
  cb_editor_flush (CB_EDITOR (widget));

  GTK_WIDGET_CLASS (cb_inquiry_editor_parent_class)->unmap (widget);
}

static void
cb_inquiry_editor_dispose (GObject *object)
{
  CbInquiryEditor *self = CB_INQUIRY_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_INQUIRY_EDITOR);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->names);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->inquiry, cb_inquiry_free);

  G_OBJECT_CLASS (cb_inquiry_editor_parent_class)->dispose (object);
}

static void
cb_inquiry_editor_finalize (GObject *object)
{
  CbInquiryEditor *self = CB_INQUIRY_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);

  G_OBJECT_CLASS (cb_inquiry_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbInquiryEditor *self = CB_INQUIRY_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);
  CbRecordEditor *p[5];

  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  parts (self, p);
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    cb_record_editor_set_names (p[i], names);
  self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/* Loads @uuid, an inquiry cycle, or nothing; %FALSE if it could not be
 * read. */
static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbInquiryEditor *self = CB_INQUIRY_EDITOR (editor);
  g_autofree char *copy = g_strdup (uuid);
  g_autofree char *today = cb_today_string ();
  CbRecordEditor *p[5];
  gboolean ok = TRUE;

  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->inquiry, cb_inquiry_free);
  show_inquiry (self);
  parts (self, p);
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      if (copy == NULL)
        cb_record_editor_clear (p[i]);
      else if (ok)
        ok = cb_record_editor_load (p[i], copy, read_only);
    }
  if (!ok)
    {
      for (guint i = 0; i < G_N_ELEMENTS (p); i++)
        cb_record_editor_clear (p[i]);
      g_clear_pointer (&copy, g_free);
    }
  self->uuid = g_steal_pointer (&copy);
  /* a cycle in the Trash is only read */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiry.add-point", self->uuid != NULL && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiry.start-next", self->uuid != NULL && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiry.add-meeting", self->uuid != NULL && !read_only);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");
  cb_inquiry_editor_reload (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

static void
flush_record (CbEditorWidget *editor)
{
  flush_parts (CB_INQUIRY_EDITOR (editor));
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return CB_INQUIRY_EDITOR (editor)->uuid;
}

static void
cb_inquiry_editor_class_init (CbInquiryEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_inquiry_editor_dispose;
  object_class->finalize = cb_inquiry_editor_finalize;
  widget_class->unmap = cb_inquiry_editor_unmap;

  g_type_ensure (CB_TYPE_RUN_CHART_VIEW);
  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-inquiry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, chain_label);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, predicted_label);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, numbers_label);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, results_label);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, chart_title);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, chart);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, table_list);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, value_entry);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, chain_list);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, next_button);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, meetings_list);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, plan_fields);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, do_fields);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, study_fields);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, act_fields);
  gtk_widget_class_bind_template_child (widget_class, CbInquiryEditor, other_fields);
  gtk_widget_class_bind_template_callback (widget_class, on_value_entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "inquiry.add-point", NULL, add_point_action);
  gtk_widget_class_install_action (widget_class, "inquiry.start-next", NULL, start_next_action);
  gtk_widget_class_install_action (widget_class, "inquiry.add-meeting", NULL, add_meeting_action);
}

static void
cb_inquiry_editor_init (CbInquiryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
cb_inquiry_editor_new (void)
{
  return g_object_new (CB_TYPE_INQUIRY_EDITOR, NULL);
}

/**
 * cb_inquiry_editor_reload:
 *
 * Reads the cycle and its chain again, on a worker thread.
 */
void
cb_inquiry_editor_reload (CbInquiryEditor *self)
{
  g_return_if_fail (CB_IS_INQUIRY_EDITOR (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names == NULL || self->uuid == NULL)
    return;
  flush_parts (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cb_store_work_async (cb_names_get_store (self->names), load_inquiry, g_strdup (self->uuid), g_free,
                       (GDestroyNotify) cb_inquiry_free, self->cancellable, on_loaded_cb, self);
}

/**
 * cb_inquiry_editor_get_inquiry:
 *
 * Returns: (transfer none) (nullable): what the page shows
 */
CbInquiry *
cb_inquiry_editor_get_inquiry (CbInquiryEditor *self)
{
  g_return_val_if_fail (CB_IS_INQUIRY_EDITOR (self), NULL);

  return self->inquiry;
}

/**
 * cb_inquiry_editor_add_point:
 * @date: YYYY-MM-DD
 * @value: a number on the cycle's measure ("35" or "35,5")
 *
 * Adds a data point to the shown cycle; nothing is written when either
 * value is not valid.
 *
 * Returns: %TRUE when the point was saved
 */
gboolean
cb_inquiry_editor_add_point (CbInquiryEditor  *self,
                             const char       *date,
                             const char       *value,
                             GError          **error)
{
  const CbKind *kind = cb_kind_lookup ("inquiry_point");
  const char *names[] = { "inquiry", "date", "value" };
  g_autofree char *number = g_strstrip (g_strdelimit (g_strdup (value ? value : ""), ",", '.'));
  g_autofree char *day = g_strstrip (g_strdup (date ? date : ""));
  const char *values[] = { self->uuid, day, number };
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (CB_IS_INQUIRY_EDITOR (self), FALSE);
  g_return_val_if_fail (self->uuid != NULL, FALSE);

  if (*number == '\0')
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                   _("Type the value measured, such as 35."));
      return FALSE;
    }
  if (!cb_field_validate (cb_kind_field (kind, "value"), number, error) ||
      !cb_field_validate (cb_kind_field (kind, "date"), day, error))
    return FALSE;
  uuid = cb_store_create (cb_names_get_store (self->names), "inquiry_point", names, values, 3, error);
  if (uuid == NULL)
    return FALSE;
  cb_inquiry_editor_reload (self);
  return TRUE;
}

/**
 * cb_inquiry_editor_get_child:
 * @name: "chart", "plan_fields", "do_fields", "study_fields",
 *   "act_fields", "other_fields", "table_list", "chain_list",
 *   "meetings_list", "date_entry", "value_entry", "predicted_label",
 *   "results_label", "numbers_label" or "next_button"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_inquiry_editor_get_child (CbInquiryEditor *self,
                             const char      *name)
{
  const struct { const char *name; gpointer widget; } children[] = {
    { "chart", self->chart }, { "plan_fields", self->plan_fields }, { "do_fields", self->do_fields },
    { "study_fields", self->study_fields }, { "act_fields", self->act_fields },
    { "other_fields", self->other_fields }, { "table_list", self->table_list },
    { "chain_list", self->chain_list }, { "meetings_list", self->meetings_list },
    { "date_entry", self->date_entry }, { "value_entry", self->value_entry },
    { "predicted_label", self->predicted_label }, { "results_label", self->results_label },
    { "numbers_label", self->numbers_label }, { "next_button", self->next_button },
  };

  g_return_val_if_fail (CB_IS_INQUIRY_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    if (g_strcmp0 (name, children[i].name) == 0)
      return GTK_WIDGET (children[i].widget);
  return NULL;
}
