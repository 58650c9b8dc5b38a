/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Co-planning the week before: what the coach and teacher anticipate
 * becomes what the coach watches for. The single-value fields use the
 * generic record editor; the four lists get a row per item. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-coplan-editor.h"
#include "cb-coplan-logic.h"
#include "cb-editor.h"
#include "cb-editor-widget.h"
#include "cb-record-editor.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

#define SAVE_DELAY_MS 500

typedef struct
{
  const char *field;
  const char *description;   /* N_() */
  const char *add_label;     /* N_() */
} ListInfo;

static const ListInfo lists[] = {
  { "strategies",
    N_("What students might do. During the lesson they become the monitoring chart."),
    N_("Add a strategy") },
  { "misconceptions",
    N_("Errors to listen for, and how to respond to them."),
    N_("Add a misconception") },
  { "assessing_questions",
    N_("Questions that find out what a student is thinking."),
    N_("Add an assessing question") },
  { "advancing_questions",
    N_("Questions that move a student’s thinking forward."),
    N_("Add an advancing question") },
};

#define N_LISTS G_N_ELEMENTS (lists)

struct _CbCoplanEditor
{
  CbEditorWidget   parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel        *observe_label;
  GtkButton       *observe_button;
  CbRecordEditor  *plan_editor;
  CbRecordEditor  *notes_editor;
  GtkBox          *lists_box;

  CbLineList      *list_widgets[N_LISTS];
  char            *stored[N_LISTS];
  CbNames         *names;
  char            *uuid;
  guint            save_id;
  gulong           changed_id;
  guint            writing;
};

G_DEFINE_FINAL_TYPE (CbCoplanEditor, cb_coplan_editor, CB_TYPE_EDITOR_WIDGET)

static CbStore *
get_store (CbCoplanEditor *self)
{
  return cb_names_get_store (self->names);
}

static void
update_observe (CbCoplanEditor *self)
{
  g_autoptr(CbRecord) plan = NULL;
  g_autoptr(CbRecord) obs = NULL;
  const char *linked;

  if (self->uuid == NULL || (plan = cb_store_get (get_store (self), self->uuid, NULL)) == NULL)
    return;
  linked = cb_record_get (plan, "observation");
  if (linked != NULL && *linked != '\0')
    obs = cb_store_get (get_store (self), linked, NULL);
  if (obs != NULL && !cb_record_get_deleted (obs))
    {
      g_autofree char *date = cb_date_label (cb_record_get (obs, "date"), NULL);
      g_autofree char *text = NULL;

      if (date != NULL && *date != '\0')
        /* TRANSLATORS: %s is a date */
        text = g_strdup_printf (_("This lesson is observed (%s). The observation shows the anticipated strategies as a monitoring chart."), date);
      else
        text = g_strdup (_("This lesson is observed. The observation shows the anticipated strategies as a monitoring chart."));
      gtk_label_set_text (self->observe_label, text);
      gtk_button_set_label (self->observe_button, _("_Open the Observation"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->observe_button), "suggested-action");
    }
  else
    {
      gtk_label_set_text (self->observe_label,
                          _("When the lesson starts, open an observation prefilled with this plan: the teacher, the lesson, the look-fors to watch and a monitoring chart of the anticipated strategies."));
      gtk_button_set_label (self->observe_button, _("_Observe This Lesson"));
      gtk_widget_add_css_class (GTK_WIDGET (self->observe_button), "suggested-action");
    }
}

static gboolean
save_timeout_cb (gpointer data)
{
  CbCoplanEditor *self = data;

  self->save_id = 0;
  cb_editor_flush (CB_EDITOR (self));
  return G_SOURCE_REMOVE;
}

static void
on_list_changed_cb (CbLineList     *list,
                    CbCoplanEditor *self)
{
  if (self->uuid == NULL)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
load_lists (CbCoplanEditor *self,
            CbRecord       *record)
{
  for (guint i = 0; i < N_LISTS; i++)
    {
      g_free (self->stored[i]);
      self->stored[i] = g_strdup (record ? cb_record_get (record, lists[i].field) : NULL);
      cb_line_list_set_value (self->list_widgets[i], self->stored[i]);
    }
}

static void
on_store_changed_cb (CbStore        *store,
                     const char     *kind,
                     const char     *uuid,
                     CbCoplanEditor *self)
{
  if (self->uuid == NULL || self->writing > 0)
    return;
  if (uuid == NULL || g_strcmp0 (uuid, self->uuid) == 0 || g_strcmp0 (kind, "observation") == 0)
    update_observe (self);
}

/* The first teacher brings their school along, as in other editors. */
static void
on_plan_saved_cb (CbCoplanEditor *self)
{
  g_autoptr(CbRecord) plan = NULL;
  g_autoptr(CbRecord) teacher = NULL;
  g_auto(GStrv) teachers = NULL;
  const char *school;

  if (self->uuid == NULL || (plan = cb_store_get (get_store (self), self->uuid, NULL)) == NULL)
    return;
  school = cb_record_get (plan, "school");
  if (school != NULL && *school != '\0')
    return;
  teachers = g_strsplit (cb_record_get (plan, "teachers") ? cb_record_get (plan, "teachers") : "", " ", 2);
  if (teachers[0] == NULL || *teachers[0] == '\0' ||
      (teacher = cb_store_get (get_store (self), teachers[0], NULL)) == NULL)
    return;
  school = cb_record_get (teacher, "school");
  if (school != NULL && *school != '\0')
    cb_record_editor_set_value (self->plan_editor, "school", school);
}

static void
observe_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CbCoplanEditor *self = CB_COPLAN_EDITOR (widget);
  g_autofree char *obs = cb_coplan_editor_observe (self);

  if (obs != NULL)
    cb_view_open_record (widget, obs);
}

static void
cb_coplan_editor_unmap (GtkWidget *widget)
{
  cb_editor_flush (CB_EDITOR (CB_COPLAN_EDITOR (widget)));

  GTK_WIDGET_CLASS (cb_coplan_editor_parent_class)->unmap (widget);
}

static void
cb_coplan_editor_dispose (GObject *object)
{
  CbCoplanEditor *self = CB_COPLAN_EDITOR (object);

  if (self->names != NULL)
    {
      cb_editor_flush (CB_EDITOR (self));
      g_clear_signal_handler (&self->changed_id, get_store (self));
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_COPLAN_EDITOR);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_coplan_editor_parent_class)->dispose (object);
}

static void
cb_coplan_editor_finalize (GObject *object)
{
  CbCoplanEditor *self = CB_COPLAN_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&self->stored[i], g_free);

  G_OBJECT_CLASS (cb_coplan_editor_parent_class)->finalize (object);
}

/* CbEditorWidget */

static void
names_changed (CbEditorWidget *editor)
{
  CbCoplanEditor *self = CB_COPLAN_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);

  g_return_if_fail (CB_IS_COPLAN_EDITOR (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->plan_editor, names);
  cb_record_editor_set_names (self->notes_editor, names);
  self->changed_id = g_signal_connect (get_store (self), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbCoplanEditor *self = CB_COPLAN_EDITOR (editor);
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CB_IS_COPLAN_EDITOR (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_editor_flush (CB_EDITOR (self));
  g_clear_pointer (&self->uuid, g_free);
  if (uuid != NULL && (record = cb_store_get (get_store (self), uuid, &error)) == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      uuid = NULL;
    }
  self->uuid = g_strdup (uuid);
  cb_record_editor_load (self->plan_editor, uuid, FALSE);
  cb_record_editor_load (self->notes_editor, uuid, FALSE);
  load_lists (self, record);
  update_observe (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "coplan.observe", uuid != NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return record != NULL || uuid == NULL;
}

static void
flush_record (CbEditorWidget *editor)
{
  CbCoplanEditor *self = CB_COPLAN_EDITOR (editor);
  const char *names[N_LISTS];
  char *values[N_LISTS];
  guint n = 0;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_return_if_fail (CB_IS_COPLAN_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->uuid == NULL || self->names == NULL)
    return;
  cb_record_editor_flush (self->plan_editor);
  cb_record_editor_flush (self->notes_editor);

  for (guint i = 0; i < N_LISTS; i++)
    {
      char *value = cb_line_list_get_value (self->list_widgets[i]);

      if (g_strcmp0 (value, self->stored[i] ? self->stored[i] : "") == 0)
        {
          g_free (value);
          continue;
        }
      names[n] = lists[i].field;
      values[n++] = value;
    }
  if (n > 0)
    {
      self->writing++;
      ok = cb_store_set_fields (get_store (self), self->uuid, names, (const char * const *) values, n, &error);
      self->writing--;
    }
  for (guint i = 0, j = 0; i < N_LISTS && j < n; i++)
    if (g_strcmp0 (names[j], lists[i].field) == 0)
      {
        if (ok)
          {
            g_free (self->stored[i]);
            self->stored[i] = values[j];
          }
        else
          g_free (values[j]);
        j++;
      }
  if (!ok)
    cb_view_error (GTK_WIDGET (self), error);
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  CbCoplanEditor *self = CB_COPLAN_EDITOR (editor);
  g_return_val_if_fail (CB_IS_COPLAN_EDITOR (self), NULL);

  return self->uuid;
}

static void
cb_coplan_editor_class_init (CbCoplanEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_coplan_editor_dispose;
  object_class->finalize = cb_coplan_editor_finalize;
  widget_class->unmap = cb_coplan_editor_unmap;

  gtk_widget_class_install_action (widget_class, "coplan.observe", NULL, observe_action);

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-coplan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCoplanEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbCoplanEditor, observe_label);
  gtk_widget_class_bind_template_child (widget_class, CbCoplanEditor, observe_button);
  gtk_widget_class_bind_template_child (widget_class, CbCoplanEditor, plan_editor);
  gtk_widget_class_bind_template_child (widget_class, CbCoplanEditor, notes_editor);
  gtk_widget_class_bind_template_child (widget_class, CbCoplanEditor, lists_box);
}

static void
cb_coplan_editor_init (CbCoplanEditor *self)
{
  const CbKind *kind = cb_kind_lookup ("coplan");

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->plan_editor, "saved", G_CALLBACK (on_plan_saved_cb), self);

  for (guint i = 0; i < N_LISTS; i++)
    {
      const CbField *field = cb_kind_field (kind, lists[i].field);
      GtkWidget *list = cb_line_list_new (cb_field_get_label (field), _(lists[i].description),
                                          _(lists[i].add_label));

      gtk_widget_set_name (list, lists[i].field);
      g_signal_connect (list, "changed", G_CALLBACK (on_list_changed_cb), self);
      gtk_box_append (self->lists_box, list);
      self->list_widgets[i] = CB_LINE_LIST (list);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "coplan.observe", FALSE);
}

GtkWidget *
cb_coplan_editor_new (void)
{
  return g_object_new (CB_TYPE_COPLAN_EDITOR, NULL);
}

/**
 * cb_coplan_editor_get_list:
 * @field: "strategies", "misconceptions", "assessing_questions" or
 *   "advancing_questions"
 *
 * Returns: (transfer none) (nullable): the list editor of @field
 */
CbLineList *
cb_coplan_editor_get_list (CbCoplanEditor *self,
                           const char     *field)
{
  g_return_val_if_fail (CB_IS_COPLAN_EDITOR (self), NULL);

  for (guint i = 0; i < N_LISTS; i++)
    if (g_strcmp0 (lists[i].field, field) == 0)
      return self->list_widgets[i];
  return NULL;
}

/**
 * cb_coplan_editor_observe:
 *
 * Saves the plan, then finds or creates its observation (see
 * cb_coplan_observe()). Errors are shown in the window.
 *
 * Returns: (transfer full) (nullable): the observation's UUID
 */
char *
cb_coplan_editor_observe (CbCoplanEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = cb_today_string ();
  char *obs;

  g_return_val_if_fail (CB_IS_COPLAN_EDITOR (self), NULL);

  if (self->uuid == NULL)
    return NULL;
  cb_editor_flush (CB_EDITOR (self));
  self->writing++;
  obs = cb_coplan_observe (get_store (self), self->uuid, today, &error);
  self->writing--;
  if (obs == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return NULL;
    }
  update_observe (self);
  return obs;
}

/**
 * cb_coplan_editor_get_child:
 * @name: "plan_editor", "notes_editor", "observe_button" or
 *   "observe_label"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_coplan_editor_get_child (CbCoplanEditor *self,
                            const char     *name)
{
  g_return_val_if_fail (CB_IS_COPLAN_EDITOR (self), NULL);

  if (g_strcmp0 (name, "plan_editor") == 0)
    return GTK_WIDGET (self->plan_editor);
  if (g_strcmp0 (name, "notes_editor") == 0)
    return GTK_WIDGET (self->notes_editor);
  if (g_strcmp0 (name, "observe_button") == 0)
    return GTK_WIDGET (self->observe_button);
  if (g_strcmp0 (name, "observe_label") == 0)
    return GTK_WIDGET (self->observe_label);
  return NULL;
}
