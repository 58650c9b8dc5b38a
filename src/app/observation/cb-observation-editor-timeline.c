/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The observation editor's timeline: its lines and their tags, the
 * focus look-fors the tags come from, private lines, phase markers, and
 * keeping the newest line in view. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-evidence-row.h"
#include "cb-observation-editor-private.h"
#include "cb-talk.h"
#include "cb-text-row.h"
#include "cb-view-util.h"

/* Look-for labels */

static const char *
look_for_short_label (CbObservationEditor *self,
                      const char          *uuid)
{
  const char *label = g_hash_table_lookup (self->short_labels, uuid);
  g_autoptr(CbRecord) record = NULL;
  const char *code;
  char *text;

  if (label != NULL)
    return label;
  record = cb_store_get (_cb_observation_editor_get_store (self), uuid, NULL);
  code = record ? cb_record_get (record, "code") : NULL;
  if (code != NULL && *code != '\0')
    text = g_strdup (code);
  else if (record != NULL)
    {
      g_autofree char *title = cb_names_record_title (record);
      if (g_utf8_strlen (title, -1) > 24)
        {
          g_autofree char *cut = g_utf8_substring (title, 0, 23);
          text = g_strconcat (cut, "…", NULL);
        }
      else
        text = g_strdup (title);
    }
  else
    text = g_strdup ("?");
  g_hash_table_insert (self->short_labels, g_strdup (uuid), text);
  return text;
}

static char **
tag_labels (CbObservationEditor *self,
            const char          *tags)
{
  g_auto(GStrv) parts = cb_refs_split (tags);
  GStrvBuilder *b = g_strv_builder_new ();
  char **out;

  for (guint i = 0; parts[i]; i++)
    g_strv_builder_add (b, look_for_short_label (self, parts[i]));
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

/* Timeline */

static CbEvidenceRow *
row_evidence (GtkListBoxRow *row)
{
  return CB_EVIDENCE_ROW (gtk_list_box_row_get_child (row));
}

static GtkListBoxRow *
find_row (CbObservationEditor *self,
          const char          *uuid)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (cb_evidence_row_get_uuid (row_evidence (GTK_LIST_BOX_ROW (child))), uuid) == 0)
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

static void
update_row (CbObservationEditor *self,
            CbEvidenceRow       *row,
            gint64               offset,
            const char          *text,
            const char          *phase)
{
  const char *uuid = cb_evidence_row_get_uuid (row);
  const char *tags = g_hash_table_lookup (self->line_tags, uuid);
  g_auto(GStrv) labels = tag_labels (self, tags);

  cb_evidence_row_update (row, offset, text, phase, (const char * const *) labels);
  cb_evidence_row_set_private (row, g_hash_table_contains (self->private_lines, uuid));
}

/* Makes a line private or not, in the database and on screen. A line
 * made shared again takes the tier lines are created with. */
static gboolean
set_line_private (CbObservationEditor *self,
                  const char          *uuid,
                  gboolean             is_private)
{
  g_autofree char *copy = g_strdup (uuid);
  GtkListBoxRow *row;

  if (is_private == g_hash_table_contains (self->private_lines, copy))
    return TRUE;
  if (!_cb_observation_editor_store_set (self, copy, CB_FIELD_PRIVACY,
                                         is_private ? "private" : cb_kind_lookup ("evidence")->default_privacy))
    {
      row = find_row (self, copy);
      if (row != NULL)
        cb_evidence_row_set_private (row_evidence (row), !is_private);
      return FALSE;
    }
  if (is_private)
    g_hash_table_add (self->private_lines, g_strdup (copy));
  else
    g_hash_table_remove (self->private_lines, copy);
  row = find_row (self, copy);
  if (row != NULL)
    cb_evidence_row_set_private (row_evidence (row), is_private);
  return TRUE;
}

/* The Private item of a line's menu. */
static void
on_line_private_changed_cb (CbEvidenceRow       *row,
                            GParamSpec          *pspec,
                            CbObservationEditor *self)
{
  set_line_private (self, cb_evidence_row_get_uuid (row), cb_evidence_row_get_private (row));
}

/* Shows a row again after its time or tags changed. */
static void
refresh_row (CbObservationEditor *self,
             CbEvidenceRow       *row,
             gint64               offset)
{
  g_autofree char *text = g_strdup (cb_evidence_row_get_text (row));
  g_autofree char *phase = g_strdup (cb_evidence_row_get_phase (row));

  update_row (self, row, offset, text, phase);
}

int
_cb_observation_editor_sort_rows (GtkListBoxRow *a,
                                  GtkListBoxRow *b,
                                  gpointer       user_data)
{
  gint64 x = cb_evidence_row_get_offset (row_evidence (a));
  gint64 y = cb_evidence_row_get_offset (row_evidence (b));

  /* Equal times keep the order they were added in. */
  return x < y ? -1 : x > y ? 1 : 0;
}

static void
on_line_edited_cb (CbEvidenceRow       *row,
                   const char          *text,
                   CbObservationEditor *self)
{
  if (_cb_observation_editor_store_set (self, cb_evidence_row_get_uuid (row), "text", text))
    update_row (self, row, cb_evidence_row_get_offset (row), text, NULL);
}

static void
on_line_retimed_cb (CbEvidenceRow       *row,
                    gint64               seconds,
                    CbObservationEditor *self)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
  GtkWidget *list_row = gtk_widget_get_parent (GTK_WIDGET (row));

  if (!_cb_observation_editor_store_set (self, cb_evidence_row_get_uuid (row), "offset", value))
    return;
  refresh_row (self, row, seconds);
  gtk_list_box_row_changed (GTK_LIST_BOX_ROW (list_row));
}

static void
on_line_delete_requested_cb (CbEvidenceRow       *row,
                             CbObservationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (cb_evidence_row_get_uuid (row));
  GtkWidget *list_row = gtk_widget_get_parent (GTK_WIDGET (row));
  gboolean ok;

  self->writing++;
  ok = cb_store_delete (_cb_observation_editor_get_store (self), uuid, &error);
  self->writing--;
  if (!ok)
    {
      _cb_observation_editor_report_error (self, error);
      return;
    }
  gtk_list_box_remove (self->evidence_list, list_row);
  if (g_strcmp0 (self->last_line, uuid) == 0)
    g_clear_pointer (&self->last_line, g_free);
  if (gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list)) == NULL)
    gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
  _cb_observation_editor_emit_line_deleted (self, uuid);
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
}

static CbEvidenceRow *
append_row (CbObservationEditor *self,
            const char          *uuid,
            gint64               offset,
            const char          *text,
            const char          *phase,
            const char          *tags,
            gboolean             is_private)
{
  GtkWidget *row = cb_evidence_row_new (uuid);

  g_hash_table_insert (self->line_tags, g_strdup (uuid), g_strdup (tags ? tags : ""));
  if (is_private)
    g_hash_table_add (self->private_lines, g_strdup (uuid));
  update_row (self, CB_EVIDENCE_ROW (row), offset, text, phase);
  g_signal_connect (row, "edited", G_CALLBACK (on_line_edited_cb), self);
  g_signal_connect (row, "retimed", G_CALLBACK (on_line_retimed_cb), self);
  g_signal_connect (row, "delete-requested", G_CALLBACK (on_line_delete_requested_cb), self);
  g_signal_connect (row, "notify::private", G_CALLBACK (on_line_private_changed_cb), self);
  gtk_list_box_append (self->evidence_list, row);
  gtk_stack_set_visible_child_name (self->timeline_stack, "lines");
  return CB_EVIDENCE_ROW (row);
}

void
_cb_observation_editor_clear_lines (CbObservationEditor *self)
{
  GtkWidget *child;

  /* From the end: removing the first row would restyle every other
   * (boxed lists style their first and last rows). */
  while ((child = gtk_widget_get_last_child (GTK_WIDGET (self->evidence_list))) != NULL)
    gtk_list_box_remove (self->evidence_list, child);
  g_hash_table_remove_all (self->line_tags);
  g_hash_table_remove_all (self->private_lines);
  g_clear_pointer (&self->last_line, g_free);
  gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
}

void
_cb_observation_editor_load_lines (CbObservationEditor *self)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child, *next;

  lines = cb_store_children (_cb_observation_editor_get_store (self), "evidence", self->uuid, &error);
  if (lines == NULL || lines->len == 0)
    {
      _cb_observation_editor_clear_lines (self);
      if (lines == NULL)
        _cb_observation_editor_report_error (self, error);
      return;
    }
  /* The rows already there show the new lines: making and styling a
   * row costs more than changing what it says. */
  g_hash_table_remove_all (self->line_tags);
  g_hash_table_remove_all (self->private_lines);
  g_clear_pointer (&self->last_line, g_free);
  child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));
  for (guint i = 0; i < lines->len; i++)
    {
      CbRecord *line = g_ptr_array_index (lines, i);
      const char *uuid = cb_record_get_uuid (line);
      const char *phase = g_strcmp0 (cb_record_get (line, "type"), "phase") == 0
                          ? cb_record_get (line, "phase") : NULL;
      const char *tags = cb_record_get (line, "tags");
      gboolean is_private = g_strcmp0 (cb_record_get_privacy (line), "private") == 0;
      CbEvidenceRow *row;

      if (child == NULL)
        {
          append_row (self, uuid, cb_record_get_int (line, "offset"), cb_record_get (line, "text"), phase, tags,
                      is_private);
          continue;
        }
      if (is_private)
        g_hash_table_add (self->private_lines, g_strdup (uuid));
      row = row_evidence (GTK_LIST_BOX_ROW (child));
      cb_evidence_row_set_uuid (row, uuid);
      g_hash_table_insert (self->line_tags, g_strdup (uuid), g_strdup (tags ? tags : ""));
      update_row (self, row, cb_record_get_int (line, "offset"), cb_record_get (line, "text"), phase);
      child = gtk_widget_get_next_sibling (child);
    }
  for (; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_list_box_remove (self->evidence_list, child);
    }
  /* Sorted by time again; equal times keep the order they came in. */
  gtk_list_box_invalidate_sort (self->evidence_list);
  gtk_stack_set_visible_child_name (self->timeline_stack, "lines");
  _cb_observation_editor_update_talk_axis (self);
}

/* The talk strip is drawn on the timeline's axis: the lesson clock, to
 * its end, with a tick for each line. */
void
_cb_observation_editor_update_talk_axis (CbObservationEditor *self)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 seconds = cb_clock_offset_seconds (&self->clock, _cb_observation_editor_now_ms ());

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child)) != NULL &&
          CB_IS_EVIDENCE_ROW (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child))))
        {
          guint offset = (guint) CLAMP (cb_evidence_row_get_offset (row_evidence (GTK_LIST_BOX_ROW (child))),
                                        0, CB_TALK_MAX_SECONDS);

          g_array_append_val (marks, offset);
        }
    }
  cb_talk_pane_set_lesson (self->talk_pane, (guint) CLAMP (seconds, 0, CB_TALK_MAX_SECONDS), marks);
}

/* Sets the timeline's scroll position from a tick, never while the
 * viewport is being laid out: a value set then (from notify::upper) is
 * taken by the scrollbar but not by the viewport, which went on drawing
 * the oldest lines while the scrollbar sat at the bottom, and the wheel
 * could not move it down. */
static gboolean
stick_to_end_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       data)
{
  CbObservationEditor *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->stick_id = 0;
  if (self->scroll_to_end)
    {
      self->scrolling = TRUE;
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
      self->scrolling = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
queue_stick_to_end (CbObservationEditor *self)
{
  if (self->stick_id == 0)
    self->stick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller), stick_to_end_cb, self, NULL);
}

void
_cb_observation_editor_scroll_to_end (CbObservationEditor *self)
{
  /* A popover left open on a field scrolled out of view cannot be
   * placed (GTK 4.8 warns about a missing monitor): close it first. */
  cb_record_editor_popdown (self->details_editor);
  cb_debrief_view_popdown (self->debrief_view);
  self->scroll_to_end = TRUE;
  queue_stick_to_end (self);
}

/* While the coach types, the newest line stays in view: the timeline
 * sticks to the bottom until the coach scrolls up. */
void
_cb_observation_editor_on_vadjustment_upper_changed_cb (GtkAdjustment       *adj,
                                                        GParamSpec          *pspec,
                                                        CbObservationEditor *self)
{
  if (self->scroll_to_end)
    queue_stick_to_end (self);
}

void
_cb_observation_editor_on_vadjustment_value_changed_cb (GtkAdjustment       *adj,
                                                        CbObservationEditor *self)
{
  if (self->scrolling)
    return;
  self->scroll_to_end = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
                        gtk_adjustment_get_upper (adj) - 1;
}

/* Focus look-fors */

static void
save_focus (CbObservationEditor *self,
            const char          *refs)
{
  if (_cb_observation_editor_store_set (self, self->uuid, "focus", refs))
    {
      g_free (self->focus);
      self->focus = g_strdup (refs);
    }
}


void
_cb_observation_editor_update_tag_bar_visible (CbObservationEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->tag_bar),
                          self->focus_mode && gtk_widget_get_first_child (GTK_WIDGET (self->tag_bar)) != NULL);
}

/* One button per focus look-for (Alt+1 to Alt+9), shown in capture
 * focus where the list of look-fors is not. */
static void
rebuild_tag_bar (CbObservationEditor *self)
{
  g_auto(GStrv) parts = cb_refs_split (self->focus);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_bar))) != NULL)
    gtk_flow_box_remove (self->tag_bar, child);
  for (guint i = 0; parts[i] != NULL && i < 9; i++)
    {
      const char *name = cb_names_lookup (self->names, parts[i]);
      /* TRANSLATORS: a tag button, e.g. "1 · MP1": its key, the look-for's code */
      g_autofree char *label = g_strdup_printf (_("%u · %s"), i + 1, look_for_short_label (self, parts[i]));
      /* TRANSLATORS: tooltip of a tag button: the look-for's name, then its key */
      g_autofree char *tooltip = g_strdup_printf (_("Tag the newest line with “%s” (Alt+%u)"),
                                                  *name ? name : _("(missing)"), i + 1);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "observation.tag");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (i + 1));
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_flow_box_append (self->tag_bar, button);
    }
  _cb_observation_editor_update_tag_bar_visible (self);
}

static void
on_focus_move_clicked_cb (GtkButton           *button,
                          CbObservationEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autofree char *refs = delta == 0 ? cb_refs_remove (self->focus, uuid)
                                     : cb_refs_move (self->focus, uuid, delta);

  save_focus (self, refs);
  _cb_observation_editor_rebuild_focus (self);
}

void
_cb_observation_editor_on_focus_chosen_cb (CbRefChooser        *chooser,
                                           const char          *uuid,
                                           CbObservationEditor *self)
{
  g_autofree char *refs = NULL;

  if (cb_refs_contains (self->focus, uuid))
    return;
  refs = cb_refs_toggle (self->focus, uuid);
  save_focus (self, refs);
  _cb_observation_editor_rebuild_focus (self);
}

static GtkWidget *
focus_button (CbObservationEditor *self,
              const char          *icon,
              const char          *tooltip,
              const char          *uuid,
              int                  delta,
              gboolean             sensitive)
{
  GtkWidget *button = cb_view_icon_button (icon, tooltip);

  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data_full (G_OBJECT (button), "uuid", g_strdup (uuid), g_free);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_focus_move_clicked_cb), self);
  return button;
}

void
_cb_observation_editor_rebuild_focus (CbObservationEditor *self)
{
  g_auto(GStrv) parts = cb_refs_split (self->focus);
  guint n = g_strv_length (parts);
  GtkWidget *child;
  CbRefChooser *chooser = CB_REF_CHOOSER (gtk_menu_button_get_popover (self->focus_add_button));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->focus_list))) != NULL)
    gtk_list_box_remove (self->focus_list, child);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = cb_text_row_new ();
      GtkWidget *key;
      const char *name = cb_names_lookup (self->names, parts[i]);
      g_autofree char *key_text = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name ? name : _("(missing)"));
      cb_text_row_set_title_lines (CB_TEXT_ROW (row), 2);
      cb_text_row_set_subtitle (CB_TEXT_ROW (row), look_for_short_label (self, parts[i]));
      if (i < 9)
        {
          /* TRANSLATORS: the shortcut that tags a line, e.g. "Alt+3" */
          key_text = g_strdup_printf (_("Alt+%u"), i + 1);
          key = gtk_label_new (key_text);
          gtk_widget_add_css_class (key, "cb-key");
          gtk_widget_add_css_class (key, "numeric");
          gtk_widget_set_valign (key, GTK_ALIGN_CENTER);
          cb_text_row_add_prefix (CB_TEXT_ROW (row), key);
        }
      cb_text_row_add_suffix (CB_TEXT_ROW (row),
                              focus_button (self, "go-up-symbolic", _("Move Up"), parts[i], -1, i > 0));
      cb_text_row_add_suffix (CB_TEXT_ROW (row),
                              focus_button (self, "go-down-symbolic", _("Move Down"), parts[i], 1, i + 1 < n));
      cb_text_row_add_suffix (CB_TEXT_ROW (row),
                              focus_button (self, "list-remove-symbolic", _("Remove"), parts[i], 0, TRUE));
      gtk_list_box_append (self->focus_list, row);
    }
  if (n == 0)
    {
      GtkWidget *row = cb_text_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No focus look-fors yet"));
      cb_text_row_set_subtitle (CB_TEXT_ROW (row), _("Add the practices you agreed to watch for."));
      gtk_list_box_append (self->focus_list, row);
    }
  if (chooser != NULL)
    cb_ref_chooser_set_exclude (chooser, self->focus);
  rebuild_tag_bar (self);
}

static const char *
target_line (CbObservationEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *row;

  /* A line the coach moved to with the keyboard wins over the newest. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->evidence_list)))
    {
      row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      if (row != NULL)
        return cb_evidence_row_get_uuid (row_evidence (GTK_LIST_BOX_ROW (row)));
    }
  if (self->last_line != NULL && find_row (self, self->last_line) != NULL)
    return self->last_line;
  /* Else the latest line of evidence; phase markers take no tags. */
  for (row = gtk_widget_get_last_child (GTK_WIDGET (self->evidence_list)); row != NULL;
       row = gtk_widget_get_prev_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        cb_evidence_row_get_phase (row_evidence (GTK_LIST_BOX_ROW (row))) == NULL)
      return cb_evidence_row_get_uuid (row_evidence (GTK_LIST_BOX_ROW (row)));
  return NULL;
}

void
_cb_observation_editor_tag_action (GtkWidget  *widget,
                                   const char *name,
                                   GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  int n = g_variant_get_int32 (param);
  g_auto(GStrv) focus = cb_refs_split (self->focus);
  const char *line = target_line (self);
  const char *tags;
  g_autofree char *new_tags = NULL;
  g_autofree char *line_copy = NULL;
  GtkListBoxRow *row;

  if (line == NULL || n < 1 || (guint) n > g_strv_length (focus))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  line_copy = g_strdup (line);
  tags = g_hash_table_lookup (self->line_tags, line_copy);
  new_tags = cb_refs_toggle (tags, focus[n - 1]);
  if (!_cb_observation_editor_store_set (self, line_copy, "tags", new_tags))
    return;
  g_hash_table_insert (self->line_tags, g_strdup (line_copy), g_strdup (new_tags));
  row = find_row (self, line_copy);
  if (row != NULL)
    {
      CbEvidenceRow *ev = row_evidence (row);
      refresh_row (self, ev, cb_evidence_row_get_offset (ev));
    }
}

/* Alt+P: the line with the focus, else the newest. */
void
_cb_observation_editor_private_action (GtkWidget  *widget,
                                       const char *name,
                                       GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  g_autofree char *typed = NULL;
  const char *line;

  /* A line being typed is the one the coach means: it goes in private
   * (Alt+P then Enter must never leave it shared). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->capture_entry)) &&
      *g_strstrip (typed = _cb_observation_editor_capture_text (self)) != '\0')
    {
      if (_cb_observation_editor_add_line_private (self, typed, TRUE))
        _cb_observation_editor_set_capture_text (self, "");
      return;
    }
  line = target_line (self);
  if (line == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  set_line_private (self, line, !g_hash_table_contains (self->private_lines, line));
}


void
_cb_observation_editor_phase_action (GtkWidget  *widget,
                                     const char *name,
                                     GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  const char *phase = g_variant_get_string (param, NULL);
  gint64 offset;
  g_autofree char *offset_text = NULL;
  g_autofree char *uuid = NULL;
  const char *names[] = { "observation", "offset", "type", "phase" };
  const char *values[4];

  if (self->uuid == NULL)
    return;
  offset = cb_clock_offset_seconds (&self->clock, _cb_observation_editor_now_ms ());
  offset_text = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
  values[0] = self->uuid;
  values[1] = offset_text;
  values[2] = "phase";
  values[3] = phase;
  uuid = _cb_observation_editor_store_create (self, "evidence", names, values, G_N_ELEMENTS (names));
  if (uuid == NULL)
    return;
  append_row (self, uuid, offset, NULL, phase, NULL, FALSE);
  gtk_list_box_invalidate_sort (self->evidence_list);
  _cb_observation_editor_scroll_to_end (self);
}

void
_cb_observation_editor_on_evidence_row_activated_cb (CbObservationEditor *self,
                                                     GtkListBoxRow       *row)
{
  cb_evidence_row_start_editing (row_evidence (row));
}

/**
 * cb_observation_editor_add_line:
 * @text: what the coach typed
 *
 * Adds an evidence line stamped with the lesson time, starting the
 * lesson clock first if the coach asked for that.
 *
 * Returns: %TRUE if a line was added
 */
gboolean
cb_observation_editor_add_line (CbObservationEditor *self,
                                const char          *text)
{
  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), FALSE);

  return _cb_observation_editor_add_line_private (self, text, FALSE);
}

/* Adds a line as cb_observation_editor_add_line() does; a private one
 * is written private in the same write, so that no export ever sees it
 * shared, even for a moment. */
gboolean
_cb_observation_editor_add_line_private (CbObservationEditor *self,
                                         const char          *text,
                                         gboolean             is_private)
{
  g_autofree char *line = NULL;
  g_autofree char *offset_text = NULL;
  g_autofree char *uuid = NULL;
  const char *names[] = { "observation", "offset", "type", "text", CB_FIELD_PRIVACY };
  const char *values[5];
  gint64 offset;

  if (self->uuid == NULL || text == NULL)
    return FALSE;
  line = g_strstrip (g_strdup (text));
  if (*line == '\0')
    return FALSE;

  if (self->clock.state == CB_CLOCK_STOPPED && self->clock.accumulated_ms == 0 &&
      (self->settings == NULL || g_settings_get_boolean (self->settings, "clock-autostart")))
    _cb_observation_editor_start_clock (self);

  offset = cb_clock_offset_seconds (&self->clock, _cb_observation_editor_now_ms ());
  offset_text = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
  values[0] = self->uuid;
  values[1] = offset_text;
  values[2] = "note";
  values[3] = line;
  values[4] = "private";
  uuid = _cb_observation_editor_store_create (self, "evidence", names, values,
                                              is_private ? G_N_ELEMENTS (names) : G_N_ELEMENTS (names) - 1);
  if (uuid == NULL)
    return FALSE;

  append_row (self, uuid, offset, line, NULL, NULL, is_private);
  g_free (self->last_line);
  self->last_line = g_steal_pointer (&uuid);
  _cb_observation_editor_scroll_to_end (self);
  _cb_observation_editor_update_talk_axis (self);
  return TRUE;
}

guint
cb_observation_editor_get_n_lines (CbObservationEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_OBSERVATION_EDITOR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}
