/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-capture-logic.h"
#include "cb-evidence-row.h"
#include "cb-names.h"
#include "cb-view-util.h"
#include "cb-wrap-bin.h"

struct _CbEvidenceRow
{
  GtkWidget       parent_instance;

  GtkMenuButton  *time_button;
  GtkPopover     *time_popover;   /* NULL until the time is first changed */
  GtkEntry       *time_entry;
  GtkStack       *text_stack;
  GtkLabel       *text_label;
  GtkEntry       *text_entry;     /* NULL until the line is first edited */
  GtkBox         *tags_box;
  GtkWidget      *edit_button;
  GtkMenuButton  *menu_button;
  GtkWidget      *lock_icon;
  GMenuModel     *line_menu;

  char           *uuid;
  char           *text;
  char           *phase;
  gint64          offset;
  gboolean        is_phase;
  gboolean        is_private;
};

G_DEFINE_FINAL_TYPE (CbEvidenceRow, cb_evidence_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRIVATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EDITED,
  RETIMED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
stop_editing (CbEvidenceRow *self,
              gboolean       commit)
{
  g_autofree char *text = NULL;

  if (!cb_evidence_row_is_editing (self))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry))));
  gtk_stack_set_visible_child_name (self->text_stack, "label");
  if (commit && *text != '\0' && g_strcmp0 (text, self->text) != 0)
    g_signal_emit (self, signals[EDITED], 0, text);
}

static void
on_text_entry_activated_cb (CbEvidenceRow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_BOX_ROW);

  stop_editing (self, TRUE);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static gboolean
on_text_entry_key_pressed_cb (GtkEventControllerKey *controller,
                              guint                  keyval,
                              guint                  keycode,
                              GdkModifierType        state,
                              CbEvidenceRow         *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_BOX_ROW);

      stop_editing (self, FALSE);
      if (row != NULL)
        gtk_widget_grab_focus (row);
      return TRUE;
    }
  return FALSE;
}

static void
on_text_entry_focus_left_cb (GtkEventControllerFocus *controller,
                             CbEvidenceRow           *self)
{
  stop_editing (self, TRUE);
}

static void
on_edit_clicked_cb (CbEvidenceRow *self)
{
  cb_evidence_row_start_editing (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  g_signal_emit (widget, signals[DELETE_REQUESTED], 0);
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       data)
{
  CbEvidenceRow *self = data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->line_menu);
}

static void
update_a11y (CbEvidenceRow *self)
{
  g_autofree char *time = cb_format_offset (self->offset);
  g_autofree char *a11y = NULL;

  /* TRANSLATORS: how a screen reader names a private timeline line,
   * e.g. "Private, 03:10 T funnels toward doubling" */
  a11y = self->is_private ? g_strdup_printf (_("Private, %s %s"), time, self->text ? self->text : "")
                          : g_strdup_printf ("%s %s", time, self->text ? self->text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
on_time_popover_shown_cb (CbEvidenceRow *self)
{
  g_autofree char *text = cb_format_offset (self->offset);

  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), text);
  gtk_widget_grab_focus (GTK_WIDGET (self->time_entry));
}

static void
on_time_entry_activated_cb (CbEvidenceRow *self)
{
  gint64 seconds;

  if (!cb_parse_offset (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)), &seconds))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->time_entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");
  gtk_popover_popdown (self->time_popover);
  if (seconds != self->offset)
    g_signal_emit (self, signals[RETIMED], 0, seconds);
}

/* A timeline holds a row per line: the popover and the entries that are
 * rarely used are made when first needed, not with each row. */
static void
create_time_popover_cb (GtkMenuButton *button,
                        gpointer       data)
{
  CbEvidenceRow *self = data;
  GtkWidget *box, *label;

  if (self->time_popover != NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (_("Time from the lesson start (mm:ss)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  self->time_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (self->time_entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->time_entry), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time from the lesson start"), -1);
  g_signal_connect_swapped (self->time_entry, "activate", G_CALLBACK (on_time_entry_activated_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->time_entry));
  self->time_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->time_popover, box);
  g_signal_connect_swapped (self->time_popover, "show", G_CALLBACK (on_time_popover_shown_cb), self);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->time_popover));
}

static void
add_text_entry (CbEvidenceRow *self)
{
  GtkEventController *controller;

  self->text_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Evidence"), -1);
  g_signal_connect_swapped (self->text_entry, "activate", G_CALLBACK (on_text_entry_activated_cb), self);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_text_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_text_entry_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_entry), controller);

  gtk_stack_add_named (self->text_stack, GTK_WIDGET (self->text_entry), "entry");
}

static void
cb_evidence_row_dispose (GObject *object)
{
  cb_view_dispose_template (GTK_WIDGET (object), CB_TYPE_EVIDENCE_ROW);

  G_OBJECT_CLASS (cb_evidence_row_parent_class)->dispose (object);
}

static void
cb_evidence_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CbEvidenceRow *self = CB_EVIDENCE_ROW (object);

  switch (prop_id)
    {
    case PROP_PRIVATE:
      g_value_set_boolean (value, self->is_private);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_evidence_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CbEvidenceRow *self = CB_EVIDENCE_ROW (object);

  switch (prop_id)
    {
    case PROP_PRIVATE:
      cb_evidence_row_set_private (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_evidence_row_finalize (GObject *object)
{
  CbEvidenceRow *self = CB_EVIDENCE_ROW (object);

  g_free (self->uuid);
  g_free (self->text);
  g_free (self->phase);

  G_OBJECT_CLASS (cb_evidence_row_parent_class)->finalize (object);
}

static void
cb_evidence_row_class_init (CbEvidenceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_evidence_row_dispose;
  object_class->finalize = cb_evidence_row_finalize;
  object_class->get_property = cb_evidence_row_get_property;
  object_class->set_property = cb_evidence_row_set_property;

  /**
   * CbEvidenceRow:private:
   *
   * The line stays on this laptop: it never goes into the teacher's
   * packet, an exchange file or a spreadsheet. The row shows a lock and
   * mutes its text. The Private item of the line's menu toggles it.
   */
  properties[PROP_PRIVATE] = g_param_spec_boolean ("private", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[RETIMED] = g_signal_new ("retimed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  g_type_ensure (CB_TYPE_WRAP_BIN);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-evidence-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, time_button);
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, text_stack);
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, lock_icon);
  gtk_widget_class_bind_template_child (widget_class, CbEvidenceRow, line_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked_cb);
  gtk_widget_class_install_property_action (widget_class, "line.private", "private");
  gtk_widget_class_install_action (widget_class, "line.delete", NULL, delete_action);
}

static void
cb_evidence_row_init (CbEvidenceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->time_button, create_time_popover_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_cb, self, NULL);
}

GtkWidget *
cb_evidence_row_new (const char *uuid)
{
  CbEvidenceRow *self = g_object_new (CB_TYPE_EVIDENCE_ROW, NULL);

  self->uuid = g_strdup (uuid);
  return GTK_WIDGET (self);
}

/**
 * cb_evidence_row_set_uuid:
 * @uuid: the line the row shows from now on
 *
 * Lets a row show another line (follow with cb_evidence_row_update()):
 * an editor reuses its rows when it shows another observation. An edit
 * in progress is dropped: it belonged to the other line.
 */
void
cb_evidence_row_set_uuid (CbEvidenceRow *self,
                          const char    *uuid)
{
  g_return_if_fail (CB_IS_EVIDENCE_ROW (self));

  stop_editing (self, FALSE);
  if (self->time_popover != NULL)
    gtk_popover_popdown (self->time_popover);
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
}

const char *
cb_evidence_row_get_uuid (CbEvidenceRow *self)
{
  g_return_val_if_fail (CB_IS_EVIDENCE_ROW (self), NULL);
  return self->uuid;
}

gint64
cb_evidence_row_get_offset (CbEvidenceRow *self)
{
  g_return_val_if_fail (CB_IS_EVIDENCE_ROW (self), 0);
  return self->offset;
}

const char *
cb_evidence_row_get_text (CbEvidenceRow *self)
{
  g_return_val_if_fail (CB_IS_EVIDENCE_ROW (self), NULL);
  return self->text;
}

/**
 * cb_evidence_row_update:
 * @phase: (nullable): set for a lesson-phase marker
 * @tags: (nullable) (array zero-terminated=1): short labels of the
 *   look-fors the line is tagged with
 */
void
cb_evidence_row_update (CbEvidenceRow      *self,
                        gint64              offset,
                        const char         *text,
                        const char         *phase,
                        const char * const *tags)
{
  g_autofree char *time = cb_format_offset (offset);
  char *old_text;
  GtkWidget *child;

  g_return_if_fail (CB_IS_EVIDENCE_ROW (self));

  /* @text may be our own text: copy before freeing. */
  old_text = self->text;
  self->offset = offset;
  self->is_phase = phase != NULL && *phase != '\0';
  if (self->is_phase)
    {
      /* TRANSLATORS: a marker in the timeline, e.g. "Explore begins" */
      self->text = g_strdup_printf (_("%s begins"), cb_field_choice_label (cb_kind_field (cb_kind_lookup ("evidence"), "phase"), phase));
      gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "accent");
    }
  else
    {
      /* A row may show another line than before (see _set_uuid()). */
      gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "heading");
      gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "accent");
      self->text = g_strdup (text ? text : "");
    }
  g_free (old_text);
  if (phase != self->phase)
    {
      g_free (self->phase);
      self->phase = self->is_phase ? g_strdup (phase) : NULL;
    }

  gtk_menu_button_set_label (self->time_button, time);
  gtk_label_set_text (self->text_label, self->text);
  gtk_widget_set_visible (self->edit_button, !self->is_phase);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_box_remove (self->tags_box, child);
  for (guint i = 0; tags && tags[i]; i++)
    {
      GtkWidget *tag = gtk_label_new (tags[i]);
      gtk_widget_add_css_class (tag, "cb-tag");
      gtk_widget_add_css_class (tag, "caption");
      gtk_box_append (self->tags_box, tag);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags != NULL && tags[0] != NULL);

  update_a11y (self);
}

void
cb_evidence_row_start_editing (CbEvidenceRow *self)
{
  g_return_if_fail (CB_IS_EVIDENCE_ROW (self));

  if (self->is_phase)
    return;
  if (self->text_entry == NULL)
    add_text_entry (self);
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), self->text);
  gtk_stack_set_visible_child_name (self->text_stack, "entry");
  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

/**
 * cb_evidence_row_get_phase:
 *
 * Returns: (nullable): the lesson phase this marker starts, %NULL for a
 *   line of evidence
 */
const char *
cb_evidence_row_get_phase (CbEvidenceRow *self)
{
  g_return_val_if_fail (CB_IS_EVIDENCE_ROW (self), NULL);
  return self->phase;
}

gboolean
cb_evidence_row_is_editing (CbEvidenceRow *self)
{
  g_return_val_if_fail (CB_IS_EVIDENCE_ROW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->text_stack), "entry") == 0;
}

/**
 * cb_evidence_row_set_private:
 * @is_private: whether the line stays on this laptop
 *
 * Shows the line as private (a lock, muted text) or not. Notifies
 * #CbEvidenceRow:private on a change.
 */
void
cb_evidence_row_set_private (CbEvidenceRow *self,
                             gboolean       is_private)
{
  g_return_if_fail (CB_IS_EVIDENCE_ROW (self));

  is_private = !!is_private;
  if (self->is_private == is_private)
    return;
  self->is_private = is_private;
  gtk_widget_set_visible (self->lock_icon, is_private);
  if (is_private)
    gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "dim-label");
  update_a11y (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIVATE]);
}

gboolean
cb_evidence_row_get_private (CbEvidenceRow *self)
{
  g_return_val_if_fail (CB_IS_EVIDENCE_ROW (self), FALSE);

  return self->is_private;
}
