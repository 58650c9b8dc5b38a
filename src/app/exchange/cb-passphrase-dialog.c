/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Asking for a passphrase: once to open an encrypted file, twice to
 * choose one (a typo would lock the file for good). The entries hide
 * what is typed and keep it in a GtkPasswordEntryBuffer, which GTK
 * holds in non-pageable memory; the answer is copied into libsodium's
 * guarded memory and the entries are emptied at once. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-crypt.h"
#include "cb-passphrase-dialog.h"

#define ASK_KEY "cb-passphrase-ask"

typedef struct
{
  GtkWidget        *first;
  GtkWidget        *second;   /* (nullable): only to confirm */
  GtkWidget        *mismatch;
  CbPassphraseFunc  func;
  gpointer          user_data;
  GDestroyNotify    notify;
  gboolean          answered;
} Ask;

static void
ask_free (Ask *ask)
{
  if (!ask->answered && ask->func != NULL)
    ask->func (NULL, ask->user_data);
  if (ask->notify != NULL)
    ask->notify (ask->user_data);
  g_free (ask);
}

static gboolean
is_acceptable (Ask *ask)
{
  const char *first = gtk_editable_get_text (GTK_EDITABLE (ask->first));

  if (*first == '\0')
    return FALSE;
  return ask->second == NULL || g_strcmp0 (first, gtk_editable_get_text (GTK_EDITABLE (ask->second))) == 0;
}

static void
on_entry_changed_cb (GtkEditable      *editable,
                     AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), ASK_KEY);
  gboolean differ;

  adw_message_dialog_set_response_enabled (dialog, "accept", is_acceptable (ask));
  differ = ask->second != NULL && *gtk_editable_get_text (GTK_EDITABLE (ask->second)) != '\0' &&
           !is_acceptable (ask);
  gtk_widget_set_visible (ask->mismatch, differ);
}

static void
on_entry_activated_cb (GtkWidget        *entry,
                       AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), ASK_KEY);

  if (entry == ask->first && ask->second != NULL)
    gtk_widget_grab_focus (ask->second);
  else if (is_acceptable (ask))
    {
      /* as the button would: respond, then close */
      g_object_ref (dialog);
      adw_message_dialog_response (dialog, "accept");
      gtk_window_close (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), ASK_KEY);
  char *passphrase = NULL;

  if (ask->answered)
    return;
  ask->answered = TRUE;
  if (g_strcmp0 (response, "accept") == 0 && is_acceptable (ask))
    passphrase = cb_crypt_passphrase_dup (gtk_editable_get_text (GTK_EDITABLE (ask->first)));
  gtk_editable_set_text (GTK_EDITABLE (ask->first), "");
  if (ask->second != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ask->second), "");
  ask->func (passphrase, ask->user_data);
}

static GtkWidget *
new_entry (const char       *label,
           AdwMessageDialog *dialog)
{
  g_autoptr(GtkEntryBuffer) buffer = gtk_password_entry_buffer_new ();
  GtkWidget *entry = gtk_entry_new_with_buffer (buffer);

  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set (entry, "placeholder-text", label, NULL);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activated_cb), dialog);
  return entry;
}

/**
 * cb_passphrase_dialog_show:
 * @parent: the window it belongs to
 * @heading: its heading, translated
 * @body: (nullable): what it is for, or why it is asked again
 * @accept_label: the button that accepts, translated, with a mnemonic
 * @confirm: ask twice, and accept only the same passphrase twice
 * @func: (scope notified): called once with the answer
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
cb_passphrase_dialog_show (GtkWindow        *parent,
                           const char       *heading,
                           const char       *body,
                           const char       *accept_label,
                           gboolean          confirm,
                           CbPassphraseFunc  func,
                           gpointer          user_data,
                           GDestroyNotify    notify)
{
  AdwMessageDialog *dialog;
  GtkWidget *box;
  Ask *ask;

  g_return_val_if_fail (heading != NULL && accept_label != NULL && func != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "accept", FALSE);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");

  ask = g_new0 (Ask, 1);
  ask->func = func;
  ask->user_data = user_data;
  ask->notify = notify;
  g_object_set_data_full (G_OBJECT (dialog), ASK_KEY, ask, (GDestroyNotify) ask_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  ask->first = new_entry (_("Passphrase"), dialog);
  gtk_box_append (GTK_BOX (box), ask->first);
  if (confirm)
    {
      ask->second = new_entry (_("The Same Passphrase Again"), dialog);
      gtk_box_append (GTK_BOX (box), ask->second);
    }
  ask->mismatch = gtk_label_new (_("The two passphrases differ."));
  gtk_label_set_wrap (GTK_LABEL (ask->mismatch), TRUE);
  gtk_widget_add_css_class (ask->mismatch, "error");
  gtk_widget_set_visible (ask->mismatch, FALSE);
  gtk_box_append (GTK_BOX (box), ask->mismatch);
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  gtk_window_set_focus (GTK_WINDOW (dialog), ask->first);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
