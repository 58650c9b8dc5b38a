/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Anticipated strategies, misconceptions and questions are lists a
 * coach builds one item at a time; a row per item reads better than a
 * text box and makes "remove this one" one click. The order is the
 * coach's (the strategies become the monitoring chart in that order):
 * Move Up / Move Down on each row, Alt+Up / Alt+Down in a row, or a
 * drag by the row's handle. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-line-list.h"
#include "cb-order.h"
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

static guint
row_index (CbLineList *self,
           GtkWidget  *widget)
{
  guint index;

  if (widget != NULL && g_ptr_array_find (self->rows, widget, &index))
    return index;
  return G_MAXUINT;
}

/* The row holding the keyboard focus, or G_MAXUINT. */
static guint
focused_row (CbLineList *self,
             GtkWidget **focus)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL)
    *focus = widget;
  for (guint i = 0; widget != NULL && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (widget == row || gtk_widget_is_ancestor (widget, row))
        return i;
    }
  return G_MAXUINT;
}

static void
on_move_clicked_cb (GtkButton  *button,
                    CbLineList *self)
{
  guint index = row_index (self, g_object_get_data (G_OBJECT (button), "row"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  guint to;

  if (cb_order_target (self->rows->len, index, delta, &to))
    cb_line_list_move (self, index, to);
}

/* Drag and drop, by the handle: the row itself travels, and only to a
 * row of the same list. */
static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    CbLineList    *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkWidget *row = g_object_get_data (G_OBJECT (handle), "row");

  if (row_index (self, row) == G_MAXUINT)
    return NULL;
  return gdk_content_provider_new_typed (ADW_TYPE_ENTRY_ROW, row);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  CbLineList    *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkWidget *row = g_object_get_data (G_OBJECT (handle), "row");
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);
  GtkWidget *label = gtk_label_new (gtk_editable_get_text (GTK_EDITABLE (row)));

  /* what travels under the pointer: the line, on a card */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "cb-drag-line");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), label);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            CbLineList    *self)
{
  GtkWidget *onto = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint from, to;

  if (!G_VALUE_HOLDS (value, ADW_TYPE_ENTRY_ROW))
    return FALSE;
  from = row_index (self, g_value_get_object (value));
  to = row_index (self, onto);
  if (from == G_MAXUINT || to == G_MAXUINT)
    return FALSE;
  cb_line_list_move (self, from, to);
  return TRUE;
}

static GtkWidget *
move_button (CbLineList *self,
             GtkWidget  *row,
             const char *icon,
             const char *label,
             const char *tooltip,
             int         delta)
{
  GtkWidget *button = cb_view_icon_button (icon, label);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "row", row);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  return button;
}

static GtkWidget *
append_row (CbLineList *self,
            const char *text)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *up = move_button (self, row, "go-up-symbolic", _("Move Up"), _("Move Up (Alt+Up)"), -1);
  GtkWidget *down = move_button (self, row, "go-down-symbolic", _("Move Down"), _("Move Down (Alt+Down)"), 1);
  GtkWidget *remove = cb_view_icon_button ("list-remove-symbolic", _("Remove"));
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (ADW_TYPE_ENTRY_ROW, GDK_ACTION_MOVE);
  g_autofree char *title = g_strdup_printf ("%u", self->rows->len + 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);

  /* The handle is for the pointer; the buttons and Alt+Up/Down do the
   * same from the keyboard. */
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to Reorder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drag to Reorder"), -1);
  gtk_widget_set_cursor_from_name (handle, "grab");
  g_object_set_data (G_OBJECT (handle), "row", row);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (source));
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), handle);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  /* Up above down, one column: the line keeps its room in a narrow
   * window. */
  {
    GtkWidget *arrows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_add_css_class (arrows, "cb-move-arrows");
    gtk_widget_set_valign (arrows, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (arrows), up);
    gtk_box_append (GTK_BOX (arrows), down);
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), arrows);
  }
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "handle", handle);
  g_object_set_data (G_OBJECT (row), "up", up);
  g_object_set_data (G_OBJECT (row), "down", down);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), self);
  gtk_list_box_insert (self->list, row, self->rows->len);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* Numbers the rows 1, 2, 3… and lets each move only where it can. */
static void
renumber (CbLineList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);
      g_autofree char *title = g_strdup_printf ("%u", i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_sensitive (g_object_get_data (row, "up"), cb_order_target (self->rows->len, i, -1, NULL));
      gtk_widget_set_sensitive (g_object_get_data (row, "down"), cb_order_target (self->rows->len, i, 1, NULL));
    }
}

static gboolean
move_focused_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   data)
{
  CbLineList *self = CB_LINE_LIST (widget);
  guint index = focused_row (self, NULL);
  guint to;

  if (index == G_MAXUINT)
    return FALSE;
  if (cb_order_target (self->rows->len, index, g_variant_get_int32 (args), &to))
    cb_line_list_move (self, index, to);
  return TRUE;
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

/* Where the focus goes after a move: the same button or entry in the
 * item's new row, or its entry when that button cannot move further. */
static void
refocus (CbLineList *self,
         guint       from,
         guint       to,
         GtkWidget  *focus)
{
  GObject *old_row = g_ptr_array_index (self->rows, from);
  GObject *new_row = g_ptr_array_index (self->rows, to);
  static const char * const parts[] = { "up", "down", "remove" };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (focus == g_object_get_data (old_row, parts[i]))
      {
        GtkWidget *same = g_object_get_data (new_row, parts[i]);

        if (gtk_widget_get_sensitive (same))
          {
            gtk_widget_grab_focus (same);
            return;
          }
        break;
      }
  gtk_widget_grab_focus (GTK_WIDGET (new_row));
  gtk_editable_set_position (GTK_EDITABLE (new_row), -1);
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
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_focused_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_focused_cb, "i", 1);
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
  renumber (self);
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
  renumber (self);
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

/**
 * cb_line_list_move:
 * @from: the line to move
 * @to: its new place; the lines in between shift by one
 *
 * Moves a line (cb_order_move()) and emits "changed"; the keyboard
 * focus follows the line when it was in the line's row.
 *
 * Returns: %TRUE if a line moved
 */
gboolean
cb_line_list_move (CbLineList *self,
                   guint       from,
                   guint       to)
{
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *focus = NULL;
  gboolean follow;

  g_return_val_if_fail (CB_IS_LINE_LIST (self), FALSE);

  if (from >= self->rows->len || to >= self->rows->len || from == to)
    return FALSE;
  follow = focused_row (self, &focus) == from;

  /* The rows stay; their texts move. */
  texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (texts, g_strdup (gtk_editable_get_text (g_ptr_array_index (self->rows, i))));
  cb_order_move (texts->pdata, texts->len, from, to);
  self->loading = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    gtk_editable_set_text (g_ptr_array_index (self->rows, i), g_ptr_array_index (texts, i));
  self->loading = FALSE;
  if (follow)
    refocus (self, from, to, focus);
  emit_changed (self);
  return TRUE;
}

/**
 * cb_line_list_get_row_widget:
 * @part: "row" (the entry row), "handle", "up", "down" or "remove"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_line_list_get_row_widget (CbLineList *self,
                             guint       index,
                             const char *part)
{
  GObject *row;

  g_return_val_if_fail (CB_IS_LINE_LIST (self), NULL);

  if (index >= self->rows->len)
    return NULL;
  row = g_ptr_array_index (self->rows, index);
  if (g_strcmp0 (part, "row") == 0)
    return GTK_WIDGET (row);
  return g_object_get_data (row, part);
}
