/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-coaching-day-dialog.h"
#include "cb-coaching-day-logic.h"
#include "cb-engagement-logic.h"
#include "cb-ref-chooser.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"

struct _CbCoachingDayDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *teacher_row;
  GtkWidget        *date_row;
  GtkWidget        *engagement_row;
  GtkWidget        *coaches_spin;
  CbNames          *names;
  GPtrArray        *engagements;   /* CbEngagementChoice, as listed after "None" */
  gboolean          guessing;
  gboolean          engagement_chosen;
  gboolean          coaches_chosen;
  gboolean          setting_coaches;
  char             *teacher;
  char             *focus;
  char             *created;
  GtkWindow        *parent;
};

G_DEFINE_FINAL_TYPE (CbCoachingDayDialog, cb_coaching_day_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The date typed, as YYYY-MM-DD (typed so or the locale's way), or
 * NULL. */
static char *
typed_date (CbCoachingDayDialog *self)
{
  return cb_date_from_typed (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
}

static gboolean
date_is_valid (CbCoachingDayDialog *self)
{
  g_autofree char *date = typed_date (self);

  return date != NULL;
}

static void
update_response (CbCoachingDayDialog *self)
{
  gboolean ok = self->teacher != NULL && date_is_valid (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", ok);
  if (date_is_valid (self) || *gtk_editable_get_text (GTK_EDITABLE (self->date_row)) == '\0')
    {
      gtk_widget_remove_css_class (self->date_row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Date"));
    }
  else
    {
      g_autofree char *hint = cb_date_format_hint ();
      g_autofree char *title = g_strdup_printf (_("%s: %s"), _("Date"), hint);

      /* Red alone does not say how to type a date. */
      gtk_widget_add_css_class (self->date_row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), title);
    }
}

/* The engagement follows the teacher and the date (the only one that
 * covers the teacher's school that day) until the coach picks one. */
static void
guess_engagement (CbCoachingDayDialog *self)
{
  g_autoptr(CbRecord) person = NULL;
  const char *school = NULL;
  g_autofree char *date = typed_date (self);
  int index;

  if (self->engagement_chosen || self->engagements == NULL)
    return;
  if (self->teacher != NULL &&
      (person = cb_store_get (cb_names_get_store (self->names), self->teacher, NULL)) != NULL)
    school = cb_record_get (person, "school");
  index = date_is_valid (self) ? cb_engagement_guess (self->engagements, school, date) : -1;
  self->guessing = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->engagement_row), index < 0 ? 0 : (guint) index + 1);
  self->guessing = FALSE;
}

/* The coaches on the day follow the engagement's coaches per day until
 * the coach sets them. */
static void
follow_coaches (CbCoachingDayDialog *self)
{
  guint index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->engagement_row));
  CbEngagementChoice *c;

  if (self->coaches_chosen || self->engagements == NULL || index == 0 || index > self->engagements->len)
    return;
  c = g_ptr_array_index (self->engagements, index - 1);
  if (c->plan.planned_coaches_per_day <= 0)
    return;
  self->setting_coaches = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->coaches_spin), c->plan.planned_coaches_per_day);
  self->setting_coaches = FALSE;
}

static void
on_engagement_selected_cb (CbCoachingDayDialog *self)
{
  if (!self->guessing)
    self->engagement_chosen = TRUE;
  follow_coaches (self);
}

static void
on_coaches_changed_cb (CbCoachingDayDialog *self)
{
  if (!self->setting_coaches)
    self->coaches_chosen = TRUE;
}

static void
on_teacher_chosen_cb (CbRefChooser        *chooser,
                      const char          *uuid,
                      CbCoachingDayDialog *self)
{
  cb_coaching_day_dialog_set_teacher (self, uuid);
}

static void
on_date_changed_cb (CbCoachingDayDialog *self)
{
  update_response (self);
  guess_engagement (self);
}

static void
cb_coaching_day_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  CbCoachingDayDialog *self = CB_COACHING_DAY_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  GtkWidget *target = self->parent ? GTK_WIDGET (self->parent) : GTK_WIDGET (self);

  if (g_strcmp0 (response, "create") == 0 && self->teacher != NULL)
    {
      g_autofree char *date = typed_date (self);

      g_free (self->created);
      self->created = cb_coaching_day_create (cb_names_get_store (self->names), self->teacher, date,
                                              self->focus, cb_coaching_day_dialog_get_engagement (self),
                                              gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->coaches_spin)),
                                              &error);
      if (self->created == NULL)
        cb_view_error (target, error);
      else
        {
          cb_view_open_record (target, self->created);
          cb_view_toast (target, _("Coaching day ready: co-plan, observation and coaching log are linked"));
        }
    }
  if (ADW_MESSAGE_DIALOG_CLASS (cb_coaching_day_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (cb_coaching_day_dialog_parent_class)->response (dialog, response);
}

static void
cb_coaching_day_dialog_dispose (GObject *object)
{
  CbCoachingDayDialog *self = CB_COACHING_DAY_DIALOG (object);

  g_clear_object (&self->names);
  g_clear_pointer (&self->engagements, g_ptr_array_unref);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (cb_coaching_day_dialog_parent_class)->dispose (object);
}

static void
cb_coaching_day_dialog_finalize (GObject *object)
{
  CbCoachingDayDialog *self = CB_COACHING_DAY_DIALOG (object);

  g_clear_pointer (&self->teacher, g_free);
  g_clear_pointer (&self->focus, g_free);
  g_clear_pointer (&self->created, g_free);

  G_OBJECT_CLASS (cb_coaching_day_dialog_parent_class)->finalize (object);
}

static void
cb_coaching_day_dialog_class_init (CbCoachingDayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = cb_coaching_day_dialog_dispose;
  object_class->finalize = cb_coaching_day_dialog_finalize;
  dialog_class->response = cb_coaching_day_dialog_response;
}

static void
cb_coaching_day_dialog_init (CbCoachingDayDialog *self)
{
}

/**
 * cb_coaching_day_dialog_new:
 * @focus: (nullable): look-fors to watch, from Preferences
 *
 * Returns: (transfer none): the dialog, to be presented; it closes
 *   itself
 */
CbCoachingDayDialog *
cb_coaching_day_dialog_new (GtkWindow  *parent,
                            CbNames    *names,
                            const char *focus)
{
  CbCoachingDayDialog *self = g_object_new (CB_TYPE_COACHING_DAY_DIALOG,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            "heading", _("Coaching Day"),
                                            "body", _("Creates the day’s co-plan, its observation and the coaching log, linked to each other, for one teacher."),
                                            NULL);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *chooser = cb_ref_chooser_new (names, "person");
  g_autofree char *today = cb_today_string ();

  self->names = g_object_ref (names);
  self->focus = g_strdup (focus);
  g_set_weak_pointer (&self->parent, parent);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->teacher_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->teacher_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->teacher_row), _("Teacher"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->teacher_row), _("None"));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Teacher"), -1);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), chooser);
  g_signal_connect (chooser, "chosen", G_CALLBACK (on_teacher_chosen_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->teacher_row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->teacher_row), button);
  gtk_list_box_append (GTK_LIST_BOX (list), self->teacher_row);

  self->date_row = adw_entry_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->date_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Date"));
  {
    g_autofree char *hint = cb_date_format_hint ();
    gtk_widget_set_tooltip_text (self->date_row, hint);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (on_date_changed_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), self->date_row);

  /* Which engagement's coaching days this one counts toward. */
  {
    g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
    g_autoptr(GError) error = NULL;

    self->engagements = cb_engagement_choices_load (cb_names_get_store (names), &error);
    /* without the list the day is still made, counted by school and date */
    if (self->engagements == NULL && parent != NULL)
      cb_view_error (GTK_WIDGET (parent), error);
    gtk_string_list_append (model, _("None"));
    for (guint i = 0; self->engagements != NULL && i < self->engagements->len; i++)
      {
        CbEngagementChoice *c = g_ptr_array_index (self->engagements, i);
        gtk_string_list_append (model, *c->name ? c->name : _("Untitled"));
      }
    self->engagement_row = adw_combo_row_new ();
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->engagement_row), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->engagement_row), _("Engagement"));
    /* the chosen name as the subtitle: it has the row's width */
    adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self->engagement_row), TRUE);
    gtk_widget_set_tooltip_text (self->engagement_row, _("The services this day counts toward"));
    adw_combo_row_set_model (ADW_COMBO_ROW (self->engagement_row), G_LIST_MODEL (model));
    gtk_widget_set_visible (self->engagement_row, self->engagements != NULL && self->engagements->len > 0);
    g_signal_connect_swapped (self->engagement_row, "notify::selected",
                              G_CALLBACK (on_engagement_selected_cb), self);
    gtk_list_box_append (GTK_LIST_BOX (list), self->engagement_row);
  }
  /* The contract's "two coaches on each day". */
  {
    GtkWidget *row = adw_action_row_new ();

    self->coaches_spin = gtk_spin_button_new_with_range (1, 9, 1);
    gtk_widget_set_valign (self->coaches_spin, GTK_ALIGN_CENTER);
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Coaches on the day"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->coaches_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Coaches on the day"), -1);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->coaches_spin);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->coaches_spin);
    g_signal_connect_swapped (self->coaches_spin, "value-changed", G_CALLBACK (on_coaches_changed_cb), self);
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  update_response (self);
  guess_engagement (self);
  return self;
}

void
cb_coaching_day_dialog_set_teacher (CbCoachingDayDialog *self,
                                    const char          *teacher)
{
  const char *name;

  g_return_if_fail (CB_IS_COACHING_DAY_DIALOG (self));

  g_free (self->teacher);
  self->teacher = g_strdup (teacher);
  name = teacher ? cb_names_lookup (self->names, teacher) : "";
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->teacher_row), *name ? name : _("None"));
  update_response (self);
  guess_engagement (self);
}

void
cb_coaching_day_dialog_set_date (CbCoachingDayDialog *self,
                                 const char          *date)
{
  g_return_if_fail (CB_IS_COACHING_DAY_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date ? date : "");
}

/**
 * cb_coaching_day_dialog_get_created:
 *
 * Returns: (nullable): the co-plan created, once "Create" was chosen
 */
const char *
cb_coaching_day_dialog_get_created (CbCoachingDayDialog *self)
{
  g_return_val_if_fail (CB_IS_COACHING_DAY_DIALOG (self), NULL);

  return self->created;
}

/**
 * cb_coaching_day_dialog_get_engagement:
 *
 * Returns: (nullable): the engagement chosen (or guessed), %NULL for none
 */
const char *
cb_coaching_day_dialog_get_engagement (CbCoachingDayDialog *self)
{
  guint selected;

  g_return_val_if_fail (CB_IS_COACHING_DAY_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->engagement_row));
  if (self->engagements == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > self->engagements->len)
    return NULL;
  return ((CbEngagementChoice *) g_ptr_array_index (self->engagements, selected - 1))->uuid;
}

/**
 * cb_coaching_day_dialog_get_engagement_row:
 *
 * Returns: (transfer none): the engagement's combo row, for tests
 */
GtkWidget *
cb_coaching_day_dialog_get_engagement_row (CbCoachingDayDialog *self)
{
  g_return_val_if_fail (CB_IS_COACHING_DAY_DIALOG (self), NULL);

  return self->engagement_row;
}

/**
 * cb_coaching_day_dialog_get_coaches_spin:
 *
 * Returns: (transfer none): the spin button of the coaches on the day
 */
GtkWidget *
cb_coaching_day_dialog_get_coaches_spin (CbCoachingDayDialog *self)
{
  g_return_val_if_fail (CB_IS_COACHING_DAY_DIALOG (self), NULL);
  return self->coaches_spin;
}
