/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Anticipated strategies, misconceptions and questions are lists a
 * coach builds one item at a time; a row per item reads better than a
 * text box and makes "remove this one" one click. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-line-list.h"
#include "cb-view-util.h"

struct _CbLineList
{
  GtkWidget   parent_instance;

  GtkWidget  *group;
  GtkListBox *list;
  GtkWidget  *add_row;
  GPtrArray  *rows;        /* AdwEntryRow, in order */
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (CbLineList, cb_line_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (CbLineList *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_row_changed_cb (GtkEditable *editable,
                   CbLineList  *self)
{
  emit_changed (self);
}

static void
on_remove_clicked_cb (GtkButton  *button,
                      CbLineList *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint index;

  if (g_ptr_array_find (self->rows, row, &index))
    cb_line_list_remove (self, index);
}

static GtkWidget *
append_row (CbLineList *self,
            const char *text)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = cb_view_icon_button ("list-remove-symbolic", _("Remove"));
  g_autofree char *title = g_strdup_printf ("%u", self->rows->len + 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), self);
  gtk_list_box_insert (self->list, row, self->rows->len);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
renumber (CbLineList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *title = g_strdup_printf ("%u", i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (g_ptr_array_index (self->rows, i)), title);
    }
}

static void
add_from_entry (CbLineList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_row));

  if (cb_line_list_add (self, text))
    gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
on_add_activated_cb (AdwEntryRow *row,
                     CbLineList  *self)
{
  add_from_entry (self);
}

static void
cb_line_list_dispose (GObject *object)
{
  CbLineList *self = CB_LINE_LIST (object);

  g_clear_pointer (&self->group, gtk_widget_unparent);

  G_OBJECT_CLASS (cb_line_list_parent_class)->dispose (object);
}

static void
cb_line_list_finalize (GObject *object)
{
  CbLineList *self = CB_LINE_LIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_line_list_parent_class)->finalize (object);
}

static void
cb_line_list_class_init (CbLineListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_line_list_dispose;
  object_class->finalize = cb_line_list_finalize;

  /**
   * CbLineList::changed:
   *
   * A line was edited, added or removed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_line_list_init (CbLineList *self)
{
  self->rows = g_ptr_array_new ();
  self->group = adw_preferences_group_new ();
  gtk_widget_set_parent (self->group, GTK_WIDGET (self));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (self->list));

  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->add_row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  gtk_widget_add_css_class (self->add_row, "cb-add-row");
  g_signal_connect (self->add_row, "apply", G_CALLBACK (on_add_activated_cb), self);
  g_signal_connect (self->add_row, "entry-activated", G_CALLBACK (on_add_activated_cb), self);
  gtk_list_box_append (self->list, self->add_row);
}

/**
 * cb_line_list_new:
 * @add_label: the title of the row that adds a line, e.g. "Add a strategy"
 */
GtkWidget *
cb_line_list_new (const char *title,
                  const char *description,
                  const char *add_label)
{
  CbLineList *self = g_object_new (CB_TYPE_LINE_LIST, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

/**
 * cb_line_list_set_value:
 * @value: (nullable): lines separated by '\n'
 *
 * Shows @value without emitting "changed".
 */
void
cb_line_list_set_value (CbLineList *self,
                        const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value ? value : "", "\n", -1);

  g_return_if_fail (CB_IS_LINE_LIST (self));

  self->loading = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; lines[i]; i++)
    if (*g_strstrip (lines[i]) != '\0')
      append_row (self, lines[i]);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  self->loading = FALSE;
}

/**
 * cb_line_list_get_value:
 *
 * Returns: (transfer full): the non-empty lines joined by '\n'
 */
char *
cb_line_list_get_value (CbLineList *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (CB_IS_LINE_LIST (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (gtk_editable_get_text (g_ptr_array_index (self->rows, i))));

      /* one line per item: a pasted newline would split it */
      g_strdelimit (line, "\n\r", ' ');
      if (*line == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}

guint
cb_line_list_get_n_lines (CbLineList *self)
{
  g_return_val_if_fail (CB_IS_LINE_LIST (self), 0);

  return self->rows->len;
}

/**
 * cb_line_list_add:
 *
 * Returns: %TRUE if @line was not empty and was added
 */
gboolean
cb_line_list_add (CbLineList *self,
                  const char *line)
{
  g_autofree char *text = g_strstrip (g_strdup (line ? line : ""));

  g_return_val_if_fail (CB_IS_LINE_LIST (self), FALSE);

  if (*text == '\0')
    return FALSE;
  append_row (self, text);
  emit_changed (self);
  return TRUE;
}

void
cb_line_list_remove (CbLineList *self,
                     guint       index)
{
  g_return_if_fail (CB_IS_LINE_LIST (self));
  g_return_if_fail (index < self->rows->len);

  gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, index));
  g_ptr_array_remove_index (self->rows, index);
  renumber (self);
  emit_changed (self);
  gtk_widget_grab_focus (self->add_row);
}

/**
 * cb_line_list_get_add_row:
 *
 * Returns: (transfer none): the entry row that adds a line
 */
GtkWidget *
cb_line_list_get_add_row (CbLineList *self)
{
  g_return_val_if_fail (CB_IS_LINE_LIST (self), NULL);

  return self->add_row;
}
