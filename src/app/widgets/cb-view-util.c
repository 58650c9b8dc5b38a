/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-view-util.h"

typedef struct
{
  CbStoreWorkFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  char           *path;
} Work;

static void
work_free (gpointer p)
{
  Work *work = p;

  if (work->data_free != NULL && work->data != NULL)
    work->data_free (work->data);
  g_free (work->path);
  g_free (work);
}

/**
 * cb_view_toast:
 * @message: plain text, not markup
 *
 * Shows @message in a toast of the window that holds @widget (its
 * `win.toast` action); a widget outside such a window logs it.
 */
void
cb_view_toast (GtkWidget  *widget,
               const char *message)
{
  if (!gtk_widget_activate_action (widget, "win.toast", "s", message))
    g_message ("%s", message);
}

/**
 * cb_view_undo_toast:
 * @message: what was deleted, such as "“Debrief” deleted"
 * @uuid: the record deleted
 *
 * A toast with an Undo button that brings @uuid back (the window's
 * `win.undo-toast` action).
 */
void
cb_view_undo_toast (GtkWidget  *widget,
                    const char *message,
                    const char *uuid)
{
  if (!gtk_widget_activate_action (widget, "win.undo-toast", "(ss)", message, uuid))
    g_message ("%s", message);
}

/**
 * cb_view_error:
 * @error: (nullable): what went wrong
 *
 * Shows @error in the window that holds @widget, worded as the window
 * words every error (`win.show-error`): a write the damaged database
 * refused says so rather than repeating the store's message.
 */
void
cb_view_error (GtkWidget    *widget,
               const GError *error)
{
  const char *message = error ? error->message : _("Something went wrong.");

  if (!gtk_widget_activate_action (widget, "win.show-error", "(sis)",
                                   error ? g_quark_to_string (error->domain) : "",
                                   error ? error->code : 0, message))
    g_message ("%s", message);
}

/**
 * cb_view_open_record:
 *
 * Opens @uuid in the window's editor pane, as a click on a link would.
 */
void
cb_view_open_record (GtkWidget  *widget,
                     const char *uuid)
{
  if (uuid == NULL || *uuid == '\0')
    return;
  gtk_widget_activate_action (widget, "win.open-record", "s", uuid);
}

GtkWidget *
cb_view_icon_button (const char *icon_name,
                     const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* A button whose label wraps: a narrow window makes it taller, never
 * wider than the window (a translation may be twice as long). */
GtkWidget *
cb_view_wrap_button (const char *mnemonic)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
  gtk_button_set_child (GTK_BUTTON (button), label);
  return button;
}

GtkWidget *
cb_view_placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
cb_view_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
work_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbStore) store = cb_store_open_worker (work->path, &error);
  gpointer result;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = work->func (store, work->data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error ? g_steal_pointer (&error)
                                     : g_error_new_literal (CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                                                            _("Something went wrong.")));
  else
    g_task_return_pointer (task, result, work->result_free);
}

/**
 * cb_store_work_async:
 * @func: returns a result (never %NULL on success) or %NULL with an error
 */
void
cb_store_work_async (CbStore             *store,
                     CbStoreWorkFunc      func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GDestroyNotify       result_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *path = cb_store_get_path (store);
  Work *work = g_new0 (Work, 1);

  g_task_set_source_tag (task, cb_store_work_async);
  work->func = func;
  work->data = data;
  work->data_free = data_free;
  work->result_free = result_free;
  work->path = g_strdup (path);
  g_task_set_task_data (task, work, work_free);

  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      gpointer result = func (store, data, cancellable, &error);

      if (result == NULL)
        g_task_return_error (task, error ? g_steal_pointer (&error)
                                         : g_error_new_literal (CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                                                                _("Something went wrong.")));
      else
        g_task_return_pointer (task, result, result_free);
      return;
    }
  g_task_run_in_thread (task, work_thread);
}

gpointer
cb_store_work_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cb_view_dispose_template:
 * @widget: a widget made from a template
 * @type: the type whose template made its children
 *
 * Disposes @widget's template children (gtk_widget_dispose_template())
 * and unparents the children left: a template's top-level children
 * without an id are not unparented by GTK, and a child left would warn
 * at finalization. Call it in dispose where the widgets that call back
 * into the instance must go, before what they call back with.
 */
void
cb_view_dispose_template (GtkWidget *widget,
                          GType      type)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
