/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PD editor's exit tickets and check-in: the session's questions
 * (added one by one or as the usual set, removed with a button), the
 * kiosk that takes tickets, the aggregates with a chart per 1–5 item
 * and open answers grouped, the kiosk check-in by name and the sign-in
 * sheet as PDF. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-bar-chart.h"
#include "cb-exit-kiosk.h"
#include "cb-exit-tickets.h"
#include "cb-file-chooser.h"
#include "cb-packet.h"
#include "cb-pd-editor-private.h"
#include "cb-signin-sheet.h"
#include "cb-signin.h"
#include "cb-view-util.h"

#define MAX_GROUPS 8

/* A question's ENUM field: "type" or "level". */
static const CbField *
question_field (const char *name)
{
  return cb_kind_field (cb_kind_lookup ("exit_question"), name);
}

/* The labels of @field's choices, in their order. */
static GtkStringList *
choices_model (const CbField *field)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; field->choices[i].value != NULL; i++)
    gtk_string_list_append (list, cb_field_choice_label (field, field->choices[i].value));
  return list;
}

/* The value at @position of @field's choices (the last one past them). */
static const char *
choice_at (const CbField *field,
           guint          position)
{
  return field->choices[MIN (position, cb_field_n_choices (field) - 1)].value;
}

/**
 * _cb_pd_editor_exit_init:
 *
 * Fills the question's type and level choices.
 */
void
_cb_pd_editor_exit_init (CbPdEditor *self)
{
  g_autoptr(GtkStringList) t = choices_model (question_field ("type"));
  g_autoptr(GtkStringList) l = choices_model (question_field ("level"));

  gtk_drop_down_set_model (self->exit_type, G_LIST_MODEL (t));
  gtk_drop_down_set_model (self->exit_level, G_LIST_MODEL (l));
}

static void
on_remove_question_clicked_cb (GtkButton *button,
                               CbPdEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  g_autoptr(GError) error = NULL;

  if (!cb_store_delete (_cb_pd_editor_get_store (self), uuid, &error))
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  cb_view_undo_toast (GTK_WIDGET (self), _("Question removed"), uuid);
}

static GtkWidget *
question_row (CbPdEditor *self,
              CbRecord   *q)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = cb_view_icon_button ("user-trash-symbolic", _("Remove the Question"));
  const char *prompt = cb_record_get_title (q);
  const char *level = cb_record_get (q, "level");
  g_autofree char *subtitle = NULL;

  subtitle = level && *level
             ? g_strdup_printf ("%s · %s", cb_field_choice_label (question_field ("type"), cb_record_get (q, "type")),
                                cb_field_choice_label (question_field ("level"), level))
             : g_strdup (cb_field_choice_label (question_field ("type"), cb_record_get (q, "type")));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), prompt && *prompt ? prompt : _("Untitled question"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (remove), "uuid", g_strdup (cb_record_get_uuid (q)), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_question_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static GtkWidget *
heading (const char *text,
         const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
add_item (CbPdEditor *self,
          CbExitItem *item)
{
  g_autofree char *about = NULL;
  const char *level = item->level && *item->level ? cb_field_choice_label (question_field ("level"), item->level) : NULL;

  gtk_box_append (GTK_BOX (self->exit_summary), heading (item->prompt, "heading"));
  if (g_strcmp0 (item->type, "free_text") == 0)
    {
      g_autoptr(GPtrArray) groups = cb_exit_group_answers ((const char * const *) item->answers->pdata,
                                                           item->answers->len);

      /* TRANSLATORS: under an open question: "Learning · 21 answers" */
      about = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s%u answer", "%s%s%u answers", item->answers->len),
                               level ? level : "", level ? " · " : "", item->answers->len);
      gtk_box_append (GTK_BOX (self->exit_summary), heading (about, "dim-label"));
      for (guint g = 0; g < groups->len && g < MAX_GROUPS; g++)
        {
          CbAnswerGroup *group = g_ptr_array_index (groups, g);
          g_autofree char *line = group->count > 1 ? g_strdup_printf ("• %s (×%u)", group->text, group->count)
                                                   : g_strdup_printf ("• %s", group->text);
          gtk_box_append (GTK_BOX (self->exit_summary), heading (line, NULL));
        }
      if (groups->len > MAX_GROUPS)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u other answer",
                                                                "and %u other answers", groups->len - MAX_GROUPS),
                                                   groups->len - MAX_GROUPS);
          gtk_box_append (GTK_BOX (self->exit_summary), heading (more, "dim-label"));
        }
    }
  else
    {
      g_autofree char *mean = cb_scale_stats_format_mean (&item->stats);
      GtkWidget *chart = cb_bar_chart_new ();

      /* TRANSLATORS: under a 1-5 item: "Reaction · mean 4.2 · 25 answers" */
      about = item->stats.n > 0
              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%smean %s · %u answer", "%s%smean %s · %u answers",
                                              item->stats.n),
                                 level ? level : "", level ? " · " : "", mean, item->stats.n)
              : g_strdup_printf ("%s%s%s", level ? level : "", level ? " · " : "", _("no answers yet"));
      gtk_box_append (GTK_BOX (self->exit_summary), heading (about, "dim-label"));
      for (guint s = 0; s < CB_SCALE_MAX; s++)
        {
          g_autofree char *label = g_strdup_printf ("%u", s + 1);
          g_autofree char *text = g_strdup_printf ("%u", item->stats.counts[s]);

          cb_bar_chart_add (CB_BAR_CHART (chart), label, item->stats.counts[s], 0, text);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, about, -1);
      gtk_widget_set_margin_bottom (chart, 6);
      gtk_box_append (GTK_BOX (self->exit_summary), chart);
    }
}

/**
 * _cb_pd_editor_load_exit:
 *
 * Shows the session's questions and the aggregates of its tickets.
 */
void
_cb_pd_editor_load_exit (CbPdEditor *self)
{
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(CbExitSummary) summary = NULL;
  g_autofree char *label = NULL;
  GtkWidget *child;

  cb_view_clear_list (self->exit_list);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->exit_summary))) != NULL)
    gtk_box_remove (GTK_BOX (self->exit_summary), child);
  if (self->uuid == NULL)
    return;
  questions = cb_store_children (_cb_pd_editor_get_store (self), "exit_question", self->uuid, NULL);
  for (guint i = 0; questions != NULL && i < questions->len; i++)
    gtk_list_box_append (self->exit_list, question_row (self, g_ptr_array_index (questions, i)));
  if (questions == NULL || questions->len == 0)
    gtk_list_box_append (self->exit_list,
                         cb_view_placeholder_row (_("No questions yet: add one below or use the usual questions")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.exit-kiosk", questions != NULL && questions->len > 0);

  summary = cb_exit_summary_load (_cb_pd_editor_get_store (self), self->uuid, NULL, NULL);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets",
                                        summary ? summary->n_tickets : 0),
                           summary ? summary->n_tickets : 0);
  gtk_label_set_text (self->exit_label, label);
  for (guint i = 0; summary != NULL && summary->n_tickets > 0 && i < summary->items->len; i++)
    add_item (self, g_ptr_array_index (summary->items, i));
}

static void
add_question (CbPdEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->exit_entry));
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = g_strstrip (g_strdup (text));
  g_autofree char *position = NULL;
  g_autofree char *uuid = NULL;
  guint type = gtk_drop_down_get_selected (self->exit_type);
  guint level = gtk_drop_down_get_selected (self->exit_level);

  if (self->uuid == NULL || *prompt == '\0')
    return;
  existing = cb_store_children (_cb_pd_editor_get_store (self), "exit_question", self->uuid, NULL);
  position = g_strdup_printf ("%u", existing ? existing->len + 1 : 1);
  {
    const char *names[] = { "session", "position", "prompt", "type", "level" };
    const char *values[] = { self->uuid, position, prompt,
                             choice_at (question_field ("type"), type),
                             choice_at (question_field ("level"), level) };

    uuid = cb_store_create (_cb_pd_editor_get_store (self), "exit_question", names, values, 5, &error);
  }
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->exit_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->exit_entry));
}

void
_cb_pd_editor_exit_entry_activated (CbPdEditor *self)
{
  add_question (self);
}

void
_cb_pd_editor_exit_template (CbPdEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->uuid != NULL && !cb_exit_add_template (_cb_pd_editor_get_store (self), self->uuid, &error))
    cb_view_error (GTK_WIDGET (self), error);
}

/**
 * _cb_pd_editor_exit_kiosk:
 *
 * Returns: (transfer none) (nullable): the kiosk, shown
 */
GtkWidget *
_cb_pd_editor_exit_kiosk (CbPdEditor *self)
{
  CbExitKiosk *kiosk;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->uuid == NULL)
    return NULL;
  cb_editor_flush (CB_EDITOR (self));
  kiosk = cb_exit_kiosk_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             _cb_pd_editor_get_store (self), self->uuid);
  gtk_window_present (GTK_WINDOW (kiosk));
  return GTK_WIDGET (kiosk);
}

/* Check-in */

void
_cb_pd_editor_check_in (CbPdEditor *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->checkin_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *person = NULL;
  gboolean added = FALSE;

  if (self->uuid == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  person = cb_signin_check_in (_cb_pd_editor_get_store (self), self->uuid, name, &added, &error);
  if (person == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  {
    g_autoptr(CbRecord) p = cb_store_get (_cb_pd_editor_get_store (self), person, NULL);
    /* TRANSLATORS: a toast after the kiosk check-in; %s is a name */
    g_autofree char *text = g_strdup_printf (added ? _("Welcome, %s: added and signed in")
                                                   : _("Welcome, %s: signed in"),
                                             p ? cb_record_get_title (p) : name);
    cb_view_toast (GTK_WIDGET (self), text);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->checkin_entry), "");
  _cb_pd_editor_load_people (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->checkin_entry));
}

/* The sign-in sheet as PDF */

typedef struct
{
  char *session;
  char *path;
} SheetJob;

static void
sheet_job_free (gpointer data)
{
  SheetJob *job = data;

  g_free (job->session);
  g_free (job->path);
  g_free (job);
}

static gpointer
write_sheet (CbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SheetJob *job = data;
  double width, height;

  cb_packet_default_paper (&width, &height);
  if (!cb_signin_sheet_write_pdf (store, job->session, job->path, width, height, error))
    return NULL;
  return g_strdup (job->path);
}

static void
on_sheet_written_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cb_store_work_finish (result, &error);
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  if (path == NULL)
    {
      cb_view_error (self, error);
      return;
    }
  base = g_path_get_basename (path);
  /* TRANSLATORS: %s is a file name */
  message = g_strdup_printf (_("Saved “%s”"), base);
  cb_view_toast (self, message);
}

/**
 * _cb_pd_editor_write_sheet_async:
 * @path: the PDF file
 *
 * Writes the session's sign-in sheet on a worker thread.
 */
void
_cb_pd_editor_write_sheet_async (CbPdEditor *self,
                                 const char *path)
{
  SheetJob *job = g_new0 (SheetJob, 1);

  job->session = g_strdup (self->uuid);
  job->path = g_strdup (path);
  cb_store_work_async (_cb_pd_editor_get_store (self), write_sheet, job, sheet_job_free, g_free,
                       NULL, on_sheet_written_cb, g_object_ref (self));
}

static void
on_sheet_file_chosen_cb (GtkNativeDialog *dialog,
                         int              response,
                         CbPdEditor      *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->uuid != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        _cb_pd_editor_write_sheet_async (self, path);
      else
        cb_view_toast (GTK_WIDGET (self), _("Choose a folder on this computer to save the file in."));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
_cb_pd_editor_choose_sheet_file (CbPdEditor *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->uuid == NULL)
    return;
  cb_editor_flush (CB_EDITOR (self));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  /* TRANSLATORS: a file name, no spaces */
  chooser = cb_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save the Sign-in Sheet"),
                                 _("_Save"), filter, _("sign-in-sheet.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_sheet_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * cb_pd_editor_get_exit_widget:
 * @part: "checkin" (the check-in entry), "entry" (a new question),
 *   "type", "level", "label" (the tickets' count) or "summary"
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
cb_pd_editor_get_exit_widget (CbPdEditor *self,
                              const char *part)
{
  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  if (g_strcmp0 (part, "checkin") == 0)
    return GTK_WIDGET (self->checkin_entry);
  if (g_strcmp0 (part, "entry") == 0)
    return GTK_WIDGET (self->exit_entry);
  if (g_strcmp0 (part, "type") == 0)
    return GTK_WIDGET (self->exit_type);
  if (g_strcmp0 (part, "level") == 0)
    return GTK_WIDGET (self->exit_level);
  if (g_strcmp0 (part, "label") == 0)
    return GTK_WIDGET (self->exit_label);
  if (g_strcmp0 (part, "summary") == 0)
    return GTK_WIDGET (self->exit_summary);
  return NULL;
}
