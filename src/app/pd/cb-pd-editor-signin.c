/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PD editor's sign-in: a row per person with a tick for being
 * present and the hours to count, which follow the session's length
 * until typed by hand. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-agenda-logic.h"
#include "cb-pd-editor-private.h"
#include "cb-view-util.h"

#define PEOPLE_PAGE 500

void
_cb_pd_editor_signin_free (gpointer data)
{
  Signin *s = data;

  g_free (s->person);
  g_free (s->attendance);
  g_free (s->fold);
  g_free (s);
}

/* The session's length in hours, as typed: what is typed in Start and
 * End is written first, so a tick right after typing them counts. */
static double
session_length (CbPdEditor *self)
{
  g_autofree char *ss = NULL;
  g_autofree char *se = NULL;

  cb_record_editor_flush (self->session_fields);
  ss = _cb_pd_editor_session_time (self, "start_time");
  se = _cb_pd_editor_session_time (self, "end_time");
  return cb_session_hours (ss, se);
}

static void update_signin_label (CbPdEditor *self);

/* Hours not typed by hand follow the session's length: on screen, and
 * in the store for people signed in. */
void
_cb_pd_editor_follow_session_length (CbPdEditor *self,
                                     double      length)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->people->len; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);

      if (s->by_hand || s->hours == length)
        continue;
      s->hours = length;
      self->building = TRUE;
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (s->spin), length);
      self->building = FALSE;
      if (s->attendance != NULL)
        {
          s->hours_pending = TRUE;
          any = TRUE;
        }
    }
  if (any)
    _cb_pd_editor_queue_save (self);
  update_signin_label (self);
}

static void
update_signin_label (CbPdEditor *self)
{
  guint n = 0;
  double hours = 0;
  g_autofree char *h = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->people->len; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);
      if (s->present)
        {
          n++;
          hours += s->hours;
        }
    }
  h = cb_format_hours (hours);
  /* TRANSLATORS: "12 present · 78 h" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u present · %s h", "%u present · %s h", n), n, h);
  gtk_label_set_text (self->signin_label, text);
}

static gboolean
write_signin (CbPdEditor *self,
              Signin     *s)
{
  g_autofree char *hours = cb_format_hours (s->hours);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->writing++;
  if (s->attendance == NULL)
    {
      const char *names[] = { "session", "person", "present", "hours" };
      const char *values[] = { self->uuid, s->person, s->present ? "1" : "0", hours };

      s->attendance = cb_store_create (_cb_pd_editor_get_store (self), "attendance", names, values, 4, &error);
      ok = s->attendance != NULL;
    }
  else
    {
      const char *names[] = { "present", "hours" };
      const char *values[] = { s->present ? "1" : "0", hours };

      ok = cb_store_set_fields (_cb_pd_editor_get_store (self), s->attendance, names, values, 2, &error);
    }
  self->writing--;
  s->hours_pending = FALSE;
  if (!ok)
    cb_view_error (GTK_WIDGET (self), error);
  return ok;
}

static void
on_present_toggled_cb (GtkCheckButton *check,
                       Signin         *s)
{
  CbPdEditor *self = g_object_get_data (G_OBJECT (check), "editor");

  if (self->building)
    return;
  s->present = gtk_check_button_get_active (check);
  _cb_pd_editor_follow_session_length (self, session_length (self));
  s->hours = gtk_spin_button_get_value (GTK_SPIN_BUTTON (s->spin));
  write_signin (self, s);
  update_signin_label (self);
}

static void
on_hours_changed_cb (GtkSpinButton *spin,
                     Signin        *s)
{
  CbPdEditor *self = g_object_get_data (G_OBJECT (spin), "editor");

  if (self->building)
    return;
  s->hours = gtk_spin_button_get_value (spin);
  s->by_hand = TRUE;
  /* Hours of someone not signed in wait for the tick. */
  if (s->attendance != NULL)
    {
      s->hours_pending = TRUE;
      _cb_pd_editor_queue_save (self);
    }
  update_signin_label (self);
}

static int
compare_signins (gconstpointer a,
                 gconstpointer b)
{
  const Signin *x = *(Signin **) a, *y = *(Signin **) b;

  if (x->present != y->present)
    return x->present ? -1 : 1;
  return g_utf8_collate (x->fold, y->fold);
}

void
_cb_pd_editor_filter_people (CbPdEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->people_search));
  g_autofree char *fold = g_utf8_casefold (text, -1);

  for (guint i = 0; i < self->people->len; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);
      gtk_widget_set_visible (s->row, *fold == '\0' || strstr (s->fold, fold) != NULL);
    }
}

void
_cb_pd_editor_load_people (CbPdEditor *self)
{
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GHashTable) by_person = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *ss = NULL;
  g_autofree char *se = NULL;
  CbFilter filter = { 0 };
  double default_hours;
  g_autoptr(CbRecord) last = NULL;
  CbListKey after;

  self->building = TRUE;
  cb_view_clear_list (self->people_list);
  g_ptr_array_set_size (self->people, 0);
  if (self->uuid == NULL)
    {
      self->building = FALSE;
      return;
    }
  ss = _cb_pd_editor_session_time (self, "start_time");
  se = _cb_pd_editor_session_time (self, "end_time");
  default_hours = cb_session_hours (ss, se);
  attendance = cb_store_children (_cb_pd_editor_get_store (self), "attendance", self->uuid, NULL);
  for (guint i = 0; attendance != NULL && i < attendance->len; i++)
    {
      CbRecord *a = g_ptr_array_index (attendance, i);
      if (cb_record_get (a, "person") != NULL)
        g_hash_table_insert (by_person, (gpointer) cb_record_get (a, "person"), a);
    }

  filter.kind = "person";
  for (;;)
    {
      g_autoptr(GPtrArray) page = cb_store_list (_cb_pd_editor_get_store (self), &filter, PEOPLE_PAGE, NULL);

      if (page == NULL || page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          CbRecord *p = g_ptr_array_index (page, i);
          CbRecord *a = g_hash_table_lookup (by_person, cb_record_get_uuid (p));
          Signin *s = g_new0 (Signin, 1);
          const char *name = cb_record_get_title (p);

          s->person = g_strdup (cb_record_get_uuid (p));
          s->fold = g_utf8_casefold (name ? name : "", -1);
          if (a != NULL)
            {
              const char *hours = cb_record_get (a, "hours");
              s->attendance = g_strdup (cb_record_get_uuid (a));
              s->present = cb_record_get_bool (a, "present");
              s->hours = hours && *hours ? g_ascii_strtod (hours, NULL) : default_hours;
              /* Hours other than the session's were typed by hand. */
              s->by_hand = s->hours != default_hours;
            }
          else
            s->hours = default_hours;
          g_ptr_array_add (self->people, s);
        }
      if (page->len < PEOPLE_PAGE)
        break;
      g_set_object (&last, g_ptr_array_index (page, page->len - 1));
      cb_record_get_list_key (last, &after);
      filter.after = &after;
    }
  g_ptr_array_sort (self->people, compare_signins);

  for (guint i = 0; i < self->people->len; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);
      g_autoptr(CbRecord) p = cb_store_get (_cb_pd_editor_get_store (self), s->person, NULL);
      g_autofree char *desc = p ? cb_names_describe (self->names, p, FALSE) : NULL;
      GtkWidget *row = adw_action_row_new ();
      const char *name = p ? cb_record_get_title (p) : NULL;

      s->check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (s->check), s->present);
      gtk_widget_set_valign (s->check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (s->check), "editor", self);
      g_signal_connect (s->check, "toggled", G_CALLBACK (on_present_toggled_cb), s);
      s->spin = gtk_spin_button_new_with_range (0, 24, 0.25);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (s->spin), 2);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (s->spin), s->hours);
      gtk_widget_set_valign (s->spin, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (s->spin, _("Hours"));
      g_object_set_data (G_OBJECT (s->spin), "editor", self);
      g_signal_connect (s->spin, "value-changed", G_CALLBACK (on_hours_changed_cb), s);
      {
        /* TRANSLATORS: accessible names in the sign-in; %s is a person */
        g_autofree char *present = g_strdup_printf (_("%s was present"), name ? name : "");
        g_autofree char *hours = g_strdup_printf (_("Hours of %s"), name ? name : "");
        gtk_accessible_update_property (GTK_ACCESSIBLE (s->check), GTK_ACCESSIBLE_PROPERTY_LABEL, present, -1);
        gtk_accessible_update_property (GTK_ACCESSIBLE (s->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, hours, -1);
      }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name && *name ? name : _("Unnamed"));
      if (desc != NULL && *desc != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), desc);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), s->check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), s->spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), s->check);
      s->row = row;
      gtk_list_box_append (self->people_list, row);
    }
  if (self->people->len == 0)
    gtk_list_box_append (self->people_list,
                         cb_view_placeholder_row (_("Add people (or import a roster) to sign them in")));
  self->building = FALSE;
  _cb_pd_editor_filter_people (self);
  update_signin_label (self);
}
/**
 * cb_pd_editor_get_person_widget:
 * @part: "check", "hours" or "row"
 *
 * Returns: (transfer none) (nullable): the sign-in widget of @person
 */
GtkWidget *
cb_pd_editor_get_person_widget (CbPdEditor *self,
                                const char *person,
                                const char *part)
{
  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  for (guint i = 0; i < self->people->len; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);

      if (g_strcmp0 (s->person, person) != 0)
        continue;
      if (g_strcmp0 (part, "check") == 0)
        return s->check;
      if (g_strcmp0 (part, "hours") == 0)
        return s->spin;
      return s->row;
    }
  return NULL;
}
