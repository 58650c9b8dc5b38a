/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The observation editor's tallies: the counters, their buttons and
 * keys, and the talk tallies the clock adds to. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-observation-editor-private.h"
#include "cb-text-row.h"

void
_cb_observation_editor_counter_free (gpointer data)
{
  Counter *c = data;

  g_free (c->uuid);
  g_free (c->name);
  g_free (c->label);
  g_free (c->marks);
  g_free (c);
}

Counter *
_cb_observation_editor_ensure_talk_counter (CbObservationEditor *self,
                                            CbTalk               talk)
{
  Counter *c = self->talk[talk];

  if (c == NULL)
    {
      c = g_new0 (Counter, 1);
      c->name = g_strdup (talk == CB_TALK_TEACHER ? CB_TALLY_TEACHER_TALK : CB_TALLY_STUDENT_TALK);
      c->position = 100 + talk;
      self->talk[talk] = c;
    }
  return c;
}

/* Writes a counter's values, creating its record on first use. Must be
 * called inside a transaction when combined with other writes. */
gboolean
_cb_observation_editor_save_counter (CbObservationEditor *self,
                                     Counter             *c)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, c->count);
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, c->seconds);
  g_autofree char *position = g_strdup_printf ("%u", c->position);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (c->uuid == NULL)
    {
      const char *names[] = { "observation", "name", "label", "position", "count", "seconds", "marks" };
      const char *values[] = { self->uuid, c->name, c->label ? c->label : "", position, count, seconds,
                               c->marks ? c->marks : "" };

      c->uuid = _cb_observation_editor_store_create (self, "tally", names, values, G_N_ELEMENTS (names));
      return c->uuid != NULL;
    }
  else
    {
      const char *names[] = { "count", "seconds", "marks" };
      const char *values[] = { count, seconds, c->marks ? c->marks : "" };

      self->writing++;
      ok = cb_store_set_fields (_cb_observation_editor_get_store (self), c->uuid, names, values, G_N_ELEMENTS (names), &error);
      self->writing--;
      if (!ok)
        _cb_observation_editor_report_error (self, error);
      return ok;
    }
}

static void
update_counter_label (Counter *c)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, c->count);

  if (c->count_label != NULL)
    gtk_label_set_text (c->count_label, text);
}

static void
change_count (CbObservationEditor *self,
              Counter             *c,
              int                  delta)
{
  if (delta > 0)
    {
      g_autofree char *marks = cb_marks_append (c->marks, cb_clock_offset_seconds (&self->clock, _cb_observation_editor_now_ms ()));
      g_free (c->marks);
      c->marks = g_steal_pointer (&marks);
      c->count++;
    }
  else
    {
      g_autofree char *marks = NULL;

      if (c->count == 0)
        return;
      marks = cb_marks_drop_last (c->marks);
      g_free (c->marks);
      c->marks = g_steal_pointer (&marks);
      c->count--;
    }
  _cb_observation_editor_save_counter (self, c);
  update_counter_label (c);
}

static void
on_counter_button_clicked_cb (GtkButton           *button,
                              CbObservationEditor *self)
{
  Counter *c = g_object_get_data (G_OBJECT (button), "counter");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));

  change_count (self, c, delta);
}

static GtkWidget *
counter_button (CbObservationEditor *self,
                Counter             *c,
                const char          *icon,
                const char          *tooltip,
                int                  delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "counter", c);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_counter_button_clicked_cb), self);
  return button;
}

static void
rebuild_counters (CbObservationEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counters_list))) != NULL)
    gtk_list_box_remove (self->counters_list, child);

  for (guint i = 0; i < self->counters->len; i++)
    {
      Counter *c = g_ptr_array_index (self->counters, i);
      GtkWidget *row = cb_text_row_new ();
      GtkWidget *count = gtk_label_new (NULL);
      const char *label = cb_counter_label (c->name, c->label);
      g_autofree char *a11y = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      cb_text_row_set_title_lines (CB_TEXT_ROW (row), 2);
      if (i < 9)
        {
          g_autofree char *key = g_strdup_printf (_("Ctrl+%u"), i + 1);
          cb_text_row_set_subtitle (CB_TEXT_ROW (row), key);
        }
      gtk_widget_add_css_class (count, "title-3");
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
      c->count_label = GTK_LABEL (count);
      update_counter_label (c);
      cb_text_row_add_suffix (CB_TEXT_ROW (row), counter_button (self, c, "list-remove-symbolic", _("Count One Less"), -1));
      cb_text_row_add_suffix (CB_TEXT_ROW (row), count);
      cb_text_row_add_suffix (CB_TEXT_ROW (row), counter_button (self, c, "list-add-symbolic", _("Count One"), 1));
      a11y = g_strdup_printf ("%s", label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_list_box_append (self->counters_list, row);
    }
}

void
_cb_observation_editor_load_counters (CbObservationEditor *self)
{
  g_autoptr(GPtrArray) tallies = NULL;
  guint n_defaults;
  const CbCounterInfo *defaults = cb_default_counters (&n_defaults);

  g_ptr_array_set_size (self->counters, 0);
  g_clear_pointer (&self->talk[CB_TALK_TEACHER], _cb_observation_editor_counter_free);
  g_clear_pointer (&self->talk[CB_TALK_STUDENT], _cb_observation_editor_counter_free);

  for (guint i = 0; i < n_defaults; i++)
    {
      Counter *c = g_new0 (Counter, 1);
      c->name = g_strdup (defaults[i].name);
      c->position = i;
      g_ptr_array_add (self->counters, c);
    }

  tallies = cb_store_children (_cb_observation_editor_get_store (self), "tally", self->uuid, NULL);
  for (guint i = 0; tallies && i < tallies->len; i++)
    {
      CbRecord *t = g_ptr_array_index (tallies, i);
      const char *name = cb_record_get (t, "name");
      Counter *c = NULL;

      if (g_strcmp0 (name, CB_TALLY_TEACHER_TALK) == 0)
        c = _cb_observation_editor_ensure_talk_counter (self, CB_TALK_TEACHER);
      else if (g_strcmp0 (name, CB_TALLY_STUDENT_TALK) == 0)
        c = _cb_observation_editor_ensure_talk_counter (self, CB_TALK_STUDENT);
      else
        for (guint j = 0; j < self->counters->len && c == NULL; j++)
          {
            Counter *d = g_ptr_array_index (self->counters, j);
            if (d->uuid == NULL && g_strcmp0 (d->name, name) == 0)
              c = d;
          }
      if (c == NULL)
        {
          c = g_new0 (Counter, 1);
          c->name = g_strdup (name);
          c->position = cb_record_get_int (t, "position");
          g_ptr_array_add (self->counters, c);
        }
      g_free (c->uuid);
      c->uuid = g_strdup (cb_record_get_uuid (t));
      g_free (c->label);
      c->label = g_strdup (cb_record_get (t, "label"));
      c->count = cb_record_get_int (t, "count");
      c->seconds = cb_record_get_int (t, "seconds");
      g_free (c->marks);
      c->marks = g_strdup (cb_record_get (t, "marks"));
    }
  rebuild_counters (self);
}

void
_cb_observation_editor_on_new_counter_activated_cb (CbObservationEditor *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_counter_entry))));
  Counter *c;

  if (*label == '\0' || self->uuid == NULL)
    return;
  c = g_new0 (Counter, 1);
  c->name = g_strdup (label);
  c->label = g_strdup (label);
  c->position = self->counters->len;
  g_ptr_array_add (self->counters, c);
  _cb_observation_editor_save_counter (self, c);
  rebuild_counters (self);
  gtk_editable_set_text (GTK_EDITABLE (self->new_counter_entry), "");
}

void
_cb_observation_editor_count_action (GtkWidget  *widget,
                                     const char *name,
                                     GVariant   *param)
{
  CbObservationEditor *self = CB_OBSERVATION_EDITOR (widget);
  int n = g_variant_get_int32 (param);

  if (self->uuid == NULL || n < 1 || (guint) n > self->counters->len)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  change_count (self, g_ptr_array_index (self->counters, n - 1), 1);
}
