/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The observation editor's capture line and capture keys: Enter and
 * Shift+Enter in the line, the shortcuts the window runs while the
 * editor is shown, and typing sent to the line from anywhere. */

#include "config.h"

#include "cb-observation-editor-private.h"

/* Capture line */

char *
_cb_observation_editor_capture_text (CbObservationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->capture_entry);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_cb_observation_editor_set_capture_text (CbObservationEditor *self,
                                         const char          *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->capture_entry), text, -1);
}

static void
commit_capture (CbObservationEditor *self)
{
  g_autofree char *text = _cb_observation_editor_capture_text (self);

  if (cb_observation_editor_add_line (self, text))
    _cb_observation_editor_set_capture_text (self, "");
}

/* Enter adds the line, Shift+Enter starts a new line in it. Run before
 * the text view, which would insert a line break for either. */
gboolean
_cb_observation_editor_on_capture_key_pressed_cb (GtkEventControllerKey *controller,
                                                  guint                  keyval,
                                                  guint                  keycode,
                                                  GdkModifierType        state,
                                                  CbObservationEditor   *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->capture_entry);

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if ((state & GDK_SHIFT_MASK) != 0)
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", 1, TRUE);
  else
    commit_capture (self);
  return TRUE;
}

void
_cb_observation_editor_on_capture_changed_cb (GtkTextBuffer       *buffer,
                                              CbObservationEditor *self)
{
  gtk_widget_set_visible (self->capture_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

/* The capture keys work wherever the focus is in the window (a coach
 * who opened the lesson from Today has the focus in that list): the
 * window runs them, before the focused widget (a list would take
 * Ctrl+Space for itself), while the editor is shown. */
static void
add_shortcut (GtkEventController *controller,
              guint               key,
              GdkModifierType     mods,
              const char         *action,
              GVariant           *target)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                            gtk_named_action_new (action));

  if (target != NULL)
    gtk_shortcut_set_arguments (shortcut, target);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

void
_cb_observation_editor_add_shortcuts (CbObservationEditor *self)
{
  static const struct { guint key; const char *phase; } phase_keys[] = {
    { GDK_KEY_l, "launch" },
    { GDK_KEY_e, "explore" },
    { GDK_KEY_d, "discuss" },
    { GDK_KEY_s, "synthesize" },
  };
  GtkEventController *c = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (c, "observation-shortcuts");
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (c), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (c, GTK_PHASE_CAPTURE);
  add_shortcut (c, GDK_KEY_space, GDK_CONTROL_MASK, "observation.clock-toggle", NULL);
  add_shortcut (c, GDK_KEY_space, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "observation.clock-stop", NULL);
  add_shortcut (c, GDK_KEY_t, GDK_ALT_MASK, "observation.talk-switch", NULL);
  add_shortcut (c, GDK_KEY_0, GDK_ALT_MASK, "observation.talk-stop", NULL);
  add_shortcut (c, GDK_KEY_KP_0, GDK_ALT_MASK, "observation.talk-stop", NULL);
  add_shortcut (c, GDK_KEY_Return, GDK_CONTROL_MASK, "observation.focus-capture", NULL);
  add_shortcut (c, GDK_KEY_p, GDK_ALT_MASK, "observation.private", NULL);
  add_shortcut (c, GDK_KEY_F9, 0, "observation.focus-mode", NULL);
  add_shortcut (c, GDK_KEY_w, GDK_ALT_MASK, "observation.walk-form", NULL);
  for (int i = 1; i <= 9; i++)
    {
      add_shortcut (c, GDK_KEY_0 + i, GDK_ALT_MASK, "observation.tag", g_variant_new_int32 (i));
      add_shortcut (c, GDK_KEY_KP_0 + i, GDK_ALT_MASK, "observation.tag", g_variant_new_int32 (i));
      add_shortcut (c, GDK_KEY_0 + i, GDK_CONTROL_MASK, "observation.count", g_variant_new_int32 (i));
      add_shortcut (c, GDK_KEY_KP_0 + i, GDK_CONTROL_MASK, "observation.count", g_variant_new_int32 (i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (phase_keys); i++)
    add_shortcut (c, phase_keys[i].key, GDK_ALT_MASK, "observation.phase",
                  g_variant_new_string (phase_keys[i].phase));
  gtk_widget_add_controller (GTK_WIDGET (self), c);
}

/* A key typed with the focus outside any text field (on a list, the
 * sidebar, a button) while a lesson is shown would be lost: it goes to
 * the capture line instead. The window sees it only if nothing else
 * used it. */
gboolean
_cb_observation_editor_on_root_key_pressed_cb (GtkEventControllerKey *controller,
                                               guint                  keyval,
                                               guint                  keycode,
                                               GdkModifierType        state,
                                               CbObservationEditor   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gunichar ch = gdk_keyval_to_unicode (keyval);
  GtkWidget *text;

  if (self->uuid == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->capture_entry)))
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      ch == 0 || !g_unichar_isprint (ch))
    return FALSE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  text = GTK_WIDGET (self->capture_entry);
  gtk_widget_grab_focus (text);
  return gtk_event_controller_key_forward (GTK_EVENT_CONTROLLER_KEY (controller), text);
}

void
_cb_observation_editor_focus_capture_action (GtkWidget  *widget,
                                             const char *name,
                                             GVariant   *param)
{
  cb_observation_editor_focus_capture (CB_OBSERVATION_EDITOR (widget));
}

/* Alt+W: to the walkthrough form, on the capture page, from wherever
 * the focus is (during the lesson or after it). */
void
_cb_observation_editor_walk_form_action (GtkWidget  *widget,
                                         const char *name,
                                         GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  GtkRoot *root;
  GtkWidget *focus, *content;
  GtkAdjustment *adj;
  graphene_rect_t bounds;

  if (self->uuid == NULL)
    return;
  if (!gtk_toggle_button_get_active (self->capture_toggle))
    gtk_toggle_button_set_active (self->capture_toggle, TRUE);
  if (!cb_walk_form_focus (self->walk_form) || (root = gtk_widget_get_root (widget)) == NULL ||
      (focus = gtk_root_get_focus (root)) == NULL)
    return;
  /* bring the focused item into view: the timeline keeps the page at
   * its end while the lesson runs */
  content = gtk_scrolled_window_get_child (self->scroller);
  adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  if (content != NULL && gtk_widget_compute_bounds (focus, content, &bounds) &&
      (bounds.origin.y < gtk_adjustment_get_value (adj) ||
       bounds.origin.y + bounds.size.height > gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)))
    gtk_adjustment_set_value (adj, MAX (0, bounds.origin.y - 48));
}
