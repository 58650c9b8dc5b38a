/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exit-ticket kiosk (see cb-exit-kiosk.h). Its messages are shown
 * in the kiosk itself: it is its own window, in front of the one that
 * shows errors. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-exit-kiosk.h"
#include "cb-exit-tickets.h"
#include "cb-signin.h"

typedef struct
{
  char      *uuid;
  gboolean   text;
  GtkWidget *entry;                     /* an open question */
  GtkWidget *scores[CB_SCALE_MAX];      /* a 1–5 item */
} Question;

struct _CbExitKiosk
{
  AdwWindow  parent_instance;

  CbStore   *store;
  char      *session;
  GPtrArray *questions;                 /* Question */
  GtkWidget *form;
  GtkWidget *name_entry;
  GtkWidget *status;
  GtkWidget *scroller;
};

G_DEFINE_FINAL_TYPE (CbExitKiosk, cb_exit_kiosk, ADW_TYPE_WINDOW)

static void
question_free (gpointer data)
{
  Question *q = data;

  g_free (q->uuid);
  g_free (q);
}

static void
set_status (CbExitKiosk *self,
            const char  *text,
            gboolean     error)
{
  gtk_label_set_text (GTK_LABEL (self->status), text);
  gtk_widget_set_visible (self->status, text != NULL && *text != '\0');
  if (error)
    {
      gtk_widget_remove_css_class (self->status, "success");
      gtk_widget_add_css_class (self->status, "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->status, "error");
      gtk_widget_add_css_class (self->status, "success");
    }
}

/* A fresh form: nothing of the last person's answers stays. */
static void
clear_form (CbExitKiosk *self)
{
  for (guint i = 0; i < self->questions->len; i++)
    {
      Question *q = g_ptr_array_index (self->questions, i);

      if (q->text)
        gtk_editable_set_text (GTK_EDITABLE (q->entry), "");
      else
        for (guint s = 0; s < CB_SCALE_MAX; s++)
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (q->scores[s]), FALSE);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
  if (self->questions->len > 0)
    {
      Question *q = g_ptr_array_index (self->questions, 0);
      gtk_widget_grab_focus (q->text ? q->entry : q->scores[0]);
    }
}

/* One score at a time, and none after a fresh form: a toggle group
 * would not let the form go back to no score. */
static void
on_score_toggled_cb (GtkToggleButton *button,
                     Question        *q)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint s = 0; s < CB_SCALE_MAX; s++)
    if (q->scores[s] != GTK_WIDGET (button))
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (q->scores[s]), FALSE);
}

static GtkWidget *
build_scale (Question   *q,
             const char *prompt)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  for (guint s = 0; s < CB_SCALE_MAX; s++)
    {
      g_autofree char *label = g_strdup_printf ("%u", s + 1);
      /* TRANSLATORS: the accessible name of a score button: "The session
       * was a good use of my time: 4 of 5" */
      g_autofree char *name = g_strdup_printf (_("%s: %u of 5"), prompt, s + 1);

      q->scores[s] = gtk_toggle_button_new_with_label (label);
      gtk_widget_set_size_request (q->scores[s], 48, 40);
      gtk_widget_add_css_class (q->scores[s], "numeric");
      g_signal_connect (q->scores[s], "toggled", G_CALLBACK (on_score_toggled_cb), q);
      gtk_accessible_update_property (GTK_ACCESSIBLE (q->scores[s]), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (GTK_BOX (box), q->scores[s]);
    }
  return box;
}

static void
build_form (CbExitKiosk *self)
{
  g_autoptr(GPtrArray) questions = cb_store_children (self->store, "exit_question", self->session, NULL);
  GtkWidget *hint;

  for (guint i = 0; questions != NULL && i < questions->len; i++)
    {
      CbRecord *record = g_ptr_array_index (questions, i);
      Question *q = g_new0 (Question, 1);
      const char *prompt = cb_record_get_title (record);
      GtkWidget *label = gtk_label_new (prompt && *prompt ? prompt : _("Untitled question"));

      q->uuid = g_strdup (cb_record_get_uuid (record));
      q->text = g_strcmp0 (cb_record_get (record, "type"), "free_text") == 0;
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (self->form), label);
      if (q->text)
        {
          q->entry = gtk_entry_new ();
          gtk_accessible_update_property (GTK_ACCESSIBLE (q->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, prompt, -1);
          gtk_box_append (GTK_BOX (self->form), q->entry);
        }
      else
        gtk_box_append (GTK_BOX (self->form), build_scale (q, prompt ? prompt : ""));
      g_ptr_array_add (self->questions, q);
    }
  hint = gtk_label_new (self->questions->len > 0
                        ? _("1 means strongly disagree and 5 strongly agree.")
                        : _("This session has no exit-ticket questions yet: add them in the session first."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_prepend (GTK_BOX (self->form), hint);
}

static void
on_hand_in_clicked_cb (CbExitKiosk *self)
{
  cb_exit_kiosk_hand_in (self);
}

static void
hand_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  cb_exit_kiosk_hand_in (CB_EXIT_KIOSK (widget));
}

static void
cb_exit_kiosk_dispose (GObject *object)
{
  CbExitKiosk *self = CB_EXIT_KIOSK (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cb_exit_kiosk_parent_class)->dispose (object);
}

static void
cb_exit_kiosk_finalize (GObject *object)
{
  CbExitKiosk *self = CB_EXIT_KIOSK (object);

  g_clear_pointer (&self->session, g_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  G_OBJECT_CLASS (cb_exit_kiosk_parent_class)->finalize (object);
}

static void
cb_exit_kiosk_class_init (CbExitKioskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_exit_kiosk_dispose;
  object_class->finalize = cb_exit_kiosk_finalize;
  gtk_widget_class_install_action (widget_class, "kiosk.hand-in", NULL, hand_in_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "kiosk.hand-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cb_exit_kiosk_init (CbExitKiosk *self)
{
  self->questions = g_ptr_array_new_with_free_func (question_free);
}

/**
 * cb_exit_kiosk_new:
 * @parent: (nullable): the window it stands in front of
 * @session: a PD session with exit-ticket questions
 *
 * Returns: (transfer none): the kiosk, to present
 */
CbExitKiosk *
cb_exit_kiosk_new (GtkWindow  *parent,
                   CbStore    *store,
                   const char *session)
{
  CbExitKiosk *self = g_object_new (CB_TYPE_EXIT_KIOSK,
                                    "modal", TRUE,
                                    "transient-for", parent,
                                    "default-width", 640,
                                    "default-height", 720,
                                    "title", _("Exit Ticket"),
                                    NULL);
  g_autoptr(CbRecord) record = NULL;
  GtkWidget *box, *header, *clamp, *inner, *title, *button, *name_label;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  self->session = g_strdup (session);
  record = cb_store_get (store, session, NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 24);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  title = gtk_label_new (record && *cb_record_get_title (record) ? cb_record_get_title (record) : _("Untitled session"));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (inner), title);
  self->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_widget_set_visible (self->status, FALSE);
  gtk_box_append (GTK_BOX (inner), self->status);
  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (inner), self->form);
  build_form (self);

  name_label = gtk_label_new (_("Your name (leave it empty to stay anonymous)"));
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "heading");
  gtk_widget_set_margin_top (name_label, 8);
  gtk_box_append (GTK_BOX (inner), name_label);
  self->name_entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your name (leave it empty to stay anonymous)"), -1);
  gtk_box_append (GTK_BOX (inner), self->name_entry);

  button = gtk_button_new_with_mnemonic (_("_Hand In"));
  gtk_widget_set_tooltip_text (button, _("Save this ticket and clear the form for the next person (Ctrl+Enter)"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_set_sensitive (button, self->questions->len > 0);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_hand_in_clicked_cb), self);
  gtk_box_append (GTK_BOX (inner), button);

  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_box_append (GTK_BOX (box), self->scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
  clear_form (self);
  return self;
}

guint
cb_exit_kiosk_get_n_questions (CbExitKiosk *self)
{
  g_return_val_if_fail (CB_IS_EXIT_KIOSK (self), 0);
  return self->questions->len;
}

/**
 * cb_exit_kiosk_get_answer_widget:
 * @question: the question's index
 * @score: 1 to 5 for the button of that score, 0 for an open question's entry
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
cb_exit_kiosk_get_answer_widget (CbExitKiosk *self,
                                 guint        question,
                                 guint        score)
{
  Question *q;

  g_return_val_if_fail (CB_IS_EXIT_KIOSK (self), NULL);
  if (question >= self->questions->len)
    return NULL;
  q = g_ptr_array_index (self->questions, question);
  if (score == 0)
    return q->entry;
  return !q->text && score <= CB_SCALE_MAX ? q->scores[score - 1] : NULL;
}

GtkWidget *
cb_exit_kiosk_get_name_entry (CbExitKiosk *self)
{
  g_return_val_if_fail (CB_IS_EXIT_KIOSK (self), NULL);
  return self->name_entry;
}

GtkWidget *
cb_exit_kiosk_get_status (CbExitKiosk *self)
{
  g_return_val_if_fail (CB_IS_EXIT_KIOSK (self), NULL);
  return self->status;
}

/**
 * cb_exit_kiosk_hand_in:
 *
 * Writes the form as one ticket and clears it; a form with no answer,
 * or a name that is not one person's, is not written and says why.
 *
 * Returns: %TRUE if a ticket was written
 */
gboolean
cb_exit_kiosk_hand_in (CbExitKiosk *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *respondent = NULL;
  g_autofree char *ticket = NULL;
  g_autoptr(CbRecord) record = NULL;
  const char *name;
  gboolean any = FALSE;

  g_return_val_if_fail (CB_IS_EXIT_KIOSK (self), FALSE);

  for (guint i = 0; i < self->questions->len; i++)
    {
      Question *q = g_ptr_array_index (self->questions, i);
      char *value = NULL;

      if (q->text)
        value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (q->entry))));
      else
        for (guint s = 0; s < CB_SCALE_MAX && value == NULL; s++)
          if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (q->scores[s])))
            value = g_strdup_printf ("%u", s + 1);
      any |= value != NULL && *value != '\0';
      g_ptr_array_add (ids, q->uuid);
      g_ptr_array_add (values, value);
    }
  if (!any)
    {
      set_status (self, _("Answer at least one question before handing in."), TRUE);
      return FALSE;
    }
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  if ((respondent = cb_signin_find_person (self->store, name, &error)) == NULL)
    {
      set_status (self, error->message, TRUE);
      return FALSE;
    }
  if (*name != '\0' && *respondent == '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Nobody called “%s” is in Coachbook: check the spelling, or leave the name empty."),
                                               name);
      set_status (self, text, TRUE);
      return FALSE;
    }
  ticket = cb_exit_add_ticket (self->store, self->session, respondent,
                               (const char * const *) ids->pdata, (const char * const *) values->pdata,
                               ids->len, &error);
  if (ticket == NULL)
    {
      set_status (self, error->message, TRUE);
      return FALSE;
    }
  record = cb_store_get (self->store, ticket, NULL);
  {
    /* TRANSLATORS: %s is the number of the ticket just saved */
    g_autofree char *text = g_strdup_printf (_("Thank you! Ticket %s is saved. Next person, please."),
                                             record ? cb_record_get (record, "number") : "");
    set_status (self, text, FALSE);
  }
  clear_form (self);
  return TRUE;
}
