/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preparing and running a PD session. Agenda times are the one place
 * where an edit can be refused: new times are checked against the
 * other blocks and the session's own times (cb_agenda_try_times()), and
 * only times that fit are written, both together. A refused edit stays
 * in the entries, marked, with the reason next to the block, until it
 * is fixed; the stored agenda never holds half of it. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-agenda-logic.h"
#include "cb-editor.h"
#include "cb-pd-editor.h"
#include "cb-record-editor.h"
#include "cb-view-util.h"

#define SAVE_DELAY_MS 500
#define CHECK_DELAY_MS 800
#define PEOPLE_PAGE 500
#define NEW_BLOCK_MINUTES 30

typedef struct
{
  CbPdEditor *self;
  char       *uuid;
  char       *start;        /* as stored, "" if none */
  char       *end;
  GHashTable *pending;      /* field → text not written yet */
  GtkWidget  *start_entry;
  GtkWidget  *end_entry;
  GtkWidget  *title_entry;
  GtkWidget  *audience;
  GtkWidget  *facilitator_entry;
  GtkWidget  *materials_entry;
  GtkWidget  *message;
  GtkWidget  *remove;
  guint       check_id;
  gboolean    refused;
} Block;

typedef struct
{
  char      *person;
  char      *attendance;    /* UUID once signed in */
  char      *fold;          /* casefolded name, for the search */
  gboolean   present;
  double     hours;
  gboolean   hours_pending;
  gboolean   by_hand;       /* hours typed: they no longer follow the session */
  GtkWidget *row;
  GtkWidget *check;
  GtkWidget *spin;
} Signin;

struct _CbPdEditor
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *scroller;
  CbRecordEditor    *session_fields;
  CbRecordEditor    *notes_fields;
  GtkListBox        *agenda_list;
  GtkSearchEntry    *people_search;
  GtkLabel          *signin_label;
  GtkListBox        *people_list;

  CbNames           *names;
  gulong             changed_id;
  char              *uuid;
  GPtrArray         *blocks;      /* Block */
  GPtrArray         *people;      /* Signin */
  guint              save_id;
  guint              writing;
  gboolean           building;
};

static void cb_pd_editor_editor_iface_init (CbEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbPdEditor, cb_pd_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CB_TYPE_EDITOR, cb_pd_editor_editor_iface_init))

static const char * const session_fields[] = {
  "title", "date", "start_time", "end_time", "location", "format", "audience",
  "engagement", "launch", "objectives", NULL
};

static const char * const notes_fields[] = {
  "exit_tickets", "reflection", "private_notes", CB_FIELD_PRIVACY, NULL
};

static void
block_free (gpointer data)
{
  Block *b = data;

  g_clear_handle_id (&b->check_id, g_source_remove);
  g_free (b->uuid);
  g_free (b->start);
  g_free (b->end);
  g_hash_table_unref (b->pending);
  g_free (b);
}

static void
signin_free (gpointer data)
{
  Signin *s = data;

  g_free (s->person);
  g_free (s->attendance);
  g_free (s->fold);
  g_free (s);
}

static CbStore *
get_store (CbPdEditor *self)
{
  return cb_names_get_store (self->names);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CbPdEditor *self = data;

  self->save_id = 0;
  cb_pd_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
queue_save (CbPdEditor *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static char *
session_time (CbPdEditor *self,
              const char *field)
{
  g_autoptr(CbRecord) session = cb_store_get (get_store (self), self->uuid, NULL);

  return session ? g_strdup (cb_record_get (session, field)) : NULL;
}

/* Agenda */

static const char * const *
audiences (guint *n)
{
  const CbField *field = cb_kind_field (cb_kind_lookup ("agenda_item"), "audience");

  if (n)
    *n = g_strv_length ((char **) field->choices);
  return field->choices;
}

static void
show_message (Block      *b,
              const char *message,
              gboolean    refused)
{
  gtk_label_set_text (GTK_LABEL (b->message), message ? message : "");
  gtk_widget_set_visible (b->message, message != NULL);
  gtk_widget_remove_css_class (b->message, "error");
  gtk_widget_remove_css_class (b->message, "warning");
  if (message != NULL)
    gtk_widget_add_css_class (b->message, refused ? "error" : "warning");
  if (refused)
    {
      gtk_widget_add_css_class (b->start_entry, "error");
      gtk_widget_add_css_class (b->end_entry, "error");
    }
  else
    {
      gtk_widget_remove_css_class (b->start_entry, "error");
      gtk_widget_remove_css_class (b->end_entry, "error");
    }
  b->refused = refused;
}

/* The agenda as stored, with titles as typed so messages name them. */
static CbAgendaBlock *
stored_agenda (CbPdEditor *self)
{
  CbAgendaBlock *blocks = g_new0 (CbAgendaBlock, self->blocks->len + 1);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      const char *title = gtk_editable_get_text (GTK_EDITABLE (b->title_entry));

      blocks[i].title = *title ? title : _("Untitled block");
      blocks[i].start = b->start;
      blocks[i].end = b->end;
    }
  return blocks;
}

/* Problems of the stored agenda (after the session's times changed, or
 * an import) are shown as warnings on blocks with no refused edit. */
static void
show_stored_problems (CbPdEditor *self)
{
  g_autofree CbAgendaBlock *blocks = stored_agenda (self);
  g_autofree char *ss = session_time (self, "start_time");
  g_autofree char *se = session_time (self, "end_time");
  g_autoptr(GPtrArray) problems = cb_agenda_problems (blocks, self->blocks->len, ss, se);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      g_autofree char *message = NULL;

      if (b->refused)
        continue;
      message = cb_agenda_block_message (problems, i);
      show_message (b, message, FALSE);
    }
}

static guint
block_index (CbPdEditor *self,
             Block      *b)
{
  guint index = G_MAXUINT;

  g_ptr_array_find (self->blocks, b, &index);
  return index;
}

/* Checks the times typed in block @b; writes them if they fit. */
static void
check_block (CbPdEditor *self,
             Block      *b)
{
  const char *start = gtk_editable_get_text (GTK_EDITABLE (b->start_entry));
  const char *end = gtk_editable_get_text (GTK_EDITABLE (b->end_entry));
  g_autofree char *s = cb_normalize_time (start);
  g_autofree char *e = cb_normalize_time (end);
  g_autofree CbAgendaBlock *blocks = NULL;
  g_autofree char *ss = NULL;
  g_autofree char *se = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  guint index = block_index (self, b);
  const char *names[] = { "start_time", "end_time" };
  const char *values[2];
  gboolean ok;

  g_clear_handle_id (&b->check_id, g_source_remove);
  if (index == G_MAXUINT || self->uuid == NULL)
    return;
  if (s != NULL && e != NULL && g_strcmp0 (s, b->start) == 0 && g_strcmp0 (e, b->end) == 0)
    {
      show_message (b, NULL, FALSE);
      show_stored_problems (self);
      return;
    }
  blocks = stored_agenda (self);
  ss = session_time (self, "start_time");
  se = session_time (self, "end_time");
  if (!cb_agenda_try_times (blocks, self->blocks->len, index, start, end, ss, se, &message))
    {
      /* Refused: nothing is written; the reason stays by the block. */
      show_message (b, message, TRUE);
      return;
    }
  values[0] = s;
  values[1] = e;
  self->writing++;
  ok = cb_store_set_fields (get_store (self), b->uuid, names, values, 2, &error);
  self->writing--;
  if (!ok)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  g_free (b->start);
  b->start = g_strdup (s);
  g_free (b->end);
  b->end = g_strdup (e);
  self->building = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (b->start_entry), s);
  gtk_editable_set_text (GTK_EDITABLE (b->end_entry), e);
  self->building = FALSE;
  show_message (b, NULL, FALSE);
  show_stored_problems (self);
}

static gboolean
check_timeout_cb (gpointer data)
{
  Block *b = data;

  b->check_id = 0;
  check_block (b->self, b);
  return G_SOURCE_REMOVE;
}

static void
on_time_changed_cb (GtkEditable *editable,
                    Block       *b)
{
  if (b->self->building)
    return;
  g_clear_handle_id (&b->check_id, g_source_remove);
  b->check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, b);
}

static void
on_time_activated_cb (GtkEntry *entry,
                      Block    *b)
{
  check_block (b->self, b);
}

static void
on_time_focus_left_cb (GtkEventControllerFocus *controller,
                       Block                   *b)
{
  if (b->check_id != 0)
    check_block (b->self, b);
}

static void
on_text_changed_cb (GtkEditable *editable,
                    Block       *b)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "field");

  if (b->self->building)
    return;
  g_hash_table_insert (b->pending, (gpointer) field, g_strdup (gtk_editable_get_text (editable)));
  queue_save (b->self);
}

static void
on_audience_changed_cb (GtkDropDown *dropdown,
                        GParamSpec  *pspec,
                        Block       *b)
{
  guint n, selected = gtk_drop_down_get_selected (dropdown);
  const char * const *choices = audiences (&n);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (b->self->building)
    return;
  b->self->writing++;
  ok = cb_store_set (get_store (b->self), b->uuid, "audience",
                     selected >= 1 && selected <= n ? choices[selected - 1] : "", &error);
  b->self->writing--;
  if (!ok)
    cb_view_error (GTK_WIDGET (b->self), error);
}

static void load_agenda (CbPdEditor *self);

static void
on_block_remove_clicked_cb (GtkButton *button,
                            Block     *b)
{
  CbPdEditor *self = b->self;
  g_autoptr(GError) error = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (b->title_entry));
  g_autofree char *uuid = g_strdup (b->uuid);
  /* TRANSLATORS: %s is the title of a record */
  g_autofree char *message = g_strdup_printf (_("“%s” deleted"), *title ? title : _("Untitled block"));
  gboolean ok;

  cb_pd_editor_flush (self);
  self->writing++;
  ok = cb_store_delete (get_store (self), uuid, &error);
  self->writing--;
  if (!ok)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  load_agenda (self);
  cb_view_undo_toast (GTK_WIDGET (self), message, uuid);
}

static GtkWidget *
block_entry (Block      *b,
             const char *text,
             const char *placeholder,
             const char *a11y)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return entry;
}

static GtkWidget *
text_entry (Block      *b,
            CbRecord   *r,
            const char *field,
            const char *placeholder)
{
  const CbField *f = cb_kind_field (cb_kind_lookup ("agenda_item"), field);
  GtkWidget *entry = block_entry (b, cb_record_get (r, field), placeholder, cb_field_get_label (f));

  gtk_widget_set_hexpand (entry, TRUE);
  g_object_set_data (G_OBJECT (entry), "field", (gpointer) f->name);
  g_signal_connect (entry, "changed", G_CALLBACK (on_text_changed_cb), b);
  return entry;
}

static GtkWidget *
time_entry (Block      *b,
            const char *value,
            const char *a11y)
{
  GtkWidget *entry = block_entry (b, value, _("HH:MM"), a11y);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_widget_set_tooltip_text (entry, _("Hours and minutes, such as 13:05"));
  g_signal_connect (entry, "changed", G_CALLBACK (on_time_changed_cb), b);
  g_signal_connect (entry, "activate", G_CALLBACK (on_time_activated_cb), b);
  g_signal_connect (focus, "leave", G_CALLBACK (on_time_focus_left_cb), b);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
add_block_row (CbPdEditor *self,
               CbRecord   *r)
{
  Block *b = g_new0 (Block, 1);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line1 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *line2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dash = gtk_label_new ("–");
  guint n, selected = 0;
  const char * const *choices = audiences (&n);

  b->self = self;
  b->uuid = g_strdup (cb_record_get_uuid (r));
  b->start = g_strdup (cb_record_get (r, "start_time") ? cb_record_get (r, "start_time") : "");
  b->end = g_strdup (cb_record_get (r, "end_time") ? cb_record_get (r, "end_time") : "");
  b->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  b->start_entry = time_entry (b, b->start, _("Start"));
  b->end_entry = time_entry (b, b->end, _("End"));
  b->title_entry = text_entry (b, r, "title", _("Title"));
  b->remove = cb_view_icon_button ("user-trash-symbolic", _("Remove Block"));
  g_signal_connect (b->remove, "clicked", G_CALLBACK (on_block_remove_clicked_cb), b);
  gtk_box_append (GTK_BOX (line1), b->start_entry);
  gtk_box_append (GTK_BOX (line1), dash);
  gtk_box_append (GTK_BOX (line1), b->end_entry);
  gtk_box_append (GTK_BOX (line1), b->title_entry);
  gtk_box_append (GTK_BOX (line1), b->remove);

  gtk_string_list_append (model, _("Audience not set"));
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (model, cb_choice_get_label (choices[i]));
      if (g_strcmp0 (choices[i], cb_record_get (r, "audience")) == 0)
        selected = i + 1;
    }
  b->audience = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
  gtk_widget_add_css_class (b->audience, "flat");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (b->audience), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b->audience), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Audience"), -1);
  g_signal_connect (b->audience, "notify::selected", G_CALLBACK (on_audience_changed_cb), b);
  b->facilitator_entry = text_entry (b, r, "facilitator", _("Facilitator"));
  gtk_box_append (GTK_BOX (line2), b->audience);
  gtk_box_append (GTK_BOX (line2), b->facilitator_entry);

  b->materials_entry = text_entry (b, r, "materials", _("Materials"));

  b->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (b->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (b->message), 0);
  gtk_widget_set_visible (b->message, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (b->start_entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, b->message, NULL, -1);

  gtk_box_append (GTK_BOX (box), line1);
  gtk_box_append (GTK_BOX (box), line2);
  gtk_box_append (GTK_BOX (box), b->materials_entry);
  gtk_box_append (GTK_BOX (box), b->message);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->agenda_list, row);
  g_ptr_array_add (self->blocks, b);
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  CbRecord *x = *(CbRecord **) a, *y = *(CbRecord **) b;
  const char *sx = cb_record_get (x, "start_time"), *sy = cb_record_get (y, "start_time");
  gboolean ex = sx == NULL || *sx == '\0', ey = sy == NULL || *sy == '\0';

  /* unscheduled blocks last, in the order they were added */
  if (ex != ey)
    return ex ? 1 : -1;
  return ex ? 0 : g_strcmp0 (sx, sy);
}

static void
load_agenda (CbPdEditor *self)
{
  g_autoptr(GPtrArray) records = NULL;

  self->building = TRUE;
  cb_view_clear_list (self->agenda_list);
  g_ptr_array_set_size (self->blocks, 0);
  if (self->uuid != NULL)
    records = cb_store_children (get_store (self), "agenda_item", self->uuid, NULL);
  if (records != NULL)
    g_ptr_array_sort (records, compare_blocks);
  for (guint i = 0; records != NULL && i < records->len; i++)
    add_block_row (self, g_ptr_array_index (records, i));
  if (self->blocks->len == 0)
    gtk_list_box_append (self->agenda_list, cb_view_placeholder_row (_("No agenda blocks yet")));
  self->building = FALSE;
  if (self->uuid != NULL)
    show_stored_problems (self);
}

/* Sign-in */

/* The session's length in hours, as typed: what is typed in Start and
 * End is written first, so a tick right after typing them counts. */
static double
session_length (CbPdEditor *self)
{
  g_autofree char *ss = NULL;
  g_autofree char *se = NULL;

  cb_record_editor_flush (self->session_fields);
  ss = session_time (self, "start_time");
  se = session_time (self, "end_time");
  return cb_session_hours (ss, se);
}

static void update_signin_label (CbPdEditor *self);

/* Hours not typed by hand follow the session's length: on screen, and
 * in the store for people signed in. */
static void
follow_session_length (CbPdEditor *self,
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
    queue_save (self);
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

      s->attendance = cb_store_create (get_store (self), "attendance", names, values, 4, &error);
      ok = s->attendance != NULL;
    }
  else
    {
      const char *names[] = { "present", "hours" };
      const char *values[] = { s->present ? "1" : "0", hours };

      ok = cb_store_set_fields (get_store (self), s->attendance, names, values, 2, &error);
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
  follow_session_length (self, session_length (self));
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
      queue_save (self);
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

static void
filter_people (CbPdEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->people_search));
  g_autofree char *fold = g_utf8_casefold (text, -1);

  for (guint i = 0; i < self->people->len; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);
      gtk_widget_set_visible (s->row, *fold == '\0' || strstr (s->fold, fold) != NULL);
    }
}

static void
on_people_search_changed_cb (CbPdEditor *self)
{
  filter_people (self);
}

static void
load_people (CbPdEditor *self)
{
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GHashTable) by_person = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *ss = NULL;
  g_autofree char *se = NULL;
  CbFilter filter = { 0 };
  double default_hours;
  guint offset = 0;

  self->building = TRUE;
  cb_view_clear_list (self->people_list);
  g_ptr_array_set_size (self->people, 0);
  if (self->uuid == NULL)
    {
      self->building = FALSE;
      return;
    }
  ss = session_time (self, "start_time");
  se = session_time (self, "end_time");
  default_hours = cb_session_hours (ss, se);
  attendance = cb_store_children (get_store (self), "attendance", self->uuid, NULL);
  for (guint i = 0; attendance != NULL && i < attendance->len; i++)
    {
      CbRecord *a = g_ptr_array_index (attendance, i);
      if (cb_record_get (a, "person") != NULL)
        g_hash_table_insert (by_person, (gpointer) cb_record_get (a, "person"), a);
    }

  filter.kind = "person";
  for (;;)
    {
      g_autoptr(GPtrArray) page = cb_store_list (get_store (self), &filter, offset, PEOPLE_PAGE, NULL);

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
      offset += page->len;
      if (page->len < PEOPLE_PAGE)
        break;
    }
  g_ptr_array_sort (self->people, compare_signins);

  for (guint i = 0; i < self->people->len; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);
      g_autoptr(CbRecord) p = cb_store_get (get_store (self), s->person, NULL);
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
  filter_people (self);
  update_signin_label (self);
}

/* Actions */

static void
add_block_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  g_autofree char *uuid = cb_pd_editor_add_block (CB_PD_EDITOR (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  g_autofree char *copy = cb_pd_editor_duplicate (CB_PD_EDITOR (widget));

  if (copy != NULL)
    {
      cb_view_open_record (widget, copy);
      cb_view_toast (widget, _("Duplicated: give the new session its date"));
    }
}

static void
on_session_saved_cb (CbPdEditor *self)
{
  g_autofree char *ss = session_time (self, "start_time");
  g_autofree char *se = session_time (self, "end_time");

  show_stored_problems (self);
  follow_session_length (self, cb_session_hours (ss, se));
}

static void
on_store_changed_cb (CbStore    *store,
                     const char *kind,
                     const char *uuid,
                     CbPdEditor *self)
{
  if (self->uuid == NULL || self->writing > 0)
    return;
  /* An import or an Undo changed the agenda or the sign-in. */
  if (kind == NULL || g_strcmp0 (kind, "agenda_item") == 0 || g_strcmp0 (kind, "attendance") == 0)
    {
      if (kind != NULL)
        {
          g_autoptr(CbRecord) record = cb_store_get (store, uuid, NULL);
          if (record == NULL || g_strcmp0 (cb_record_get (record, "session"), self->uuid) != 0)
            return;
        }
      cb_pd_editor_flush (self);
      if (kind == NULL || g_strcmp0 (kind, "agenda_item") == 0)
        load_agenda (self);
      if (kind == NULL || g_strcmp0 (kind, "attendance") == 0)
        load_people (self);
    }
}

static void
cb_pd_editor_unmap (GtkWidget *widget)
{
  cb_pd_editor_flush (CB_PD_EDITOR (widget));

  GTK_WIDGET_CLASS (cb_pd_editor_parent_class)->unmap (widget);
}

static void
cb_pd_editor_dispose (GObject *object)
{
  CbPdEditor *self = CB_PD_EDITOR (object);

  if (self->names != NULL)
    {
      cb_pd_editor_flush (self);
      g_clear_signal_handler (&self->changed_id, get_store (self));
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_PD_EDITOR);
  /* Template children without an id are not unparented by the above. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  /* after the widgets that call back with them */
  if (self->blocks != NULL)
    g_ptr_array_set_size (self->blocks, 0);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_pd_editor_parent_class)->dispose (object);
}

static void
cb_pd_editor_finalize (GObject *object)
{
  CbPdEditor *self = CB_PD_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_pd_editor_parent_class)->finalize (object);
}


/* CbEditor */

static gboolean
cb_pd_editor_editor_load (CbEditor   *editor,
                          const char *uuid,
                          gboolean    read_only)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);

  return cb_pd_editor_load (self, uuid);
}

static void
cb_pd_editor_editor_unload (CbEditor *editor)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);

  if (cb_pd_editor_get_uuid (self) != NULL)
    cb_pd_editor_load (self, NULL);
}

static void
cb_pd_editor_editor_flush (CbEditor *editor)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);

  cb_pd_editor_flush (self);
}

static const char *
cb_pd_editor_editor_get_uuid (CbEditor *editor)
{
  CbPdEditor *self = CB_PD_EDITOR (editor);

  return cb_pd_editor_get_uuid (self);
}

static void
cb_pd_editor_editor_iface_init (CbEditorInterface *iface)
{
  iface->load = cb_pd_editor_editor_load;
  iface->unload = cb_pd_editor_editor_unload;
  iface->flush = cb_pd_editor_editor_flush;
  iface->get_uuid = cb_pd_editor_editor_get_uuid;
}

enum
{
  PROP_0,
  PROP_NAMES,
};

static void
cb_pd_editor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CbPdEditor *self = CB_PD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_pd_editor_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CbPdEditor *self = CB_PD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_NAMES:
      if (self->names != g_value_get_object (value))
        {
          cb_pd_editor_set_names (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_pd_editor_class_init (CbPdEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cb_pd_editor_get_property;
  object_class->set_property = cb_pd_editor_set_property;
  g_object_class_override_property (object_class, PROP_NAMES, "names");

  object_class->dispose = cb_pd_editor_dispose;
  object_class->finalize = cb_pd_editor_finalize;
  widget_class->unmap = cb_pd_editor_unmap;

  gtk_widget_class_install_action (widget_class, "pd.add-block", NULL, add_block_action);
  gtk_widget_class_install_action (widget_class, "pd.duplicate", NULL, duplicate_action);

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-pd-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, session_fields);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, notes_fields);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, people_search);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, signin_label);
  gtk_widget_class_bind_template_child (widget_class, CbPdEditor, people_list);
  gtk_widget_class_bind_template_callback (widget_class, on_people_search_changed_cb);
}

static void
cb_pd_editor_init (CbPdEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->people = g_ptr_array_new_with_free_func (signin_free);
  cb_record_editor_set_fields (self->session_fields, session_fields);
  cb_record_editor_set_extras (self->session_fields, FALSE);
  cb_record_editor_set_fields (self->notes_fields, notes_fields);
  cb_record_editor_set_extras (self->notes_fields, FALSE);
  g_signal_connect_swapped (self->session_fields, "saved", G_CALLBACK (on_session_saved_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.add-block", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.duplicate", FALSE);
}

GtkWidget *
cb_pd_editor_new (void)
{
  return g_object_new (CB_TYPE_PD_EDITOR, NULL);
}

void
cb_pd_editor_set_names (CbPdEditor *self,
                        CbNames    *names)
{
  g_return_if_fail (CB_IS_PD_EDITOR (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->session_fields, names);
  cb_record_editor_set_names (self->notes_fields, names);
  self->changed_id = g_signal_connect (get_store (self), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_pd_editor_load:
 * @uuid: (nullable): a PD session
 *
 * Returns: %FALSE if it could not be read
 */
gboolean
cb_pd_editor_load (CbPdEditor *self,
                   const char *uuid)
{
  g_autofree char *copy = g_strdup (uuid);
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PD_EDITOR (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_pd_editor_flush (self);
  g_clear_pointer (&self->uuid, g_free);
  if (copy != NULL)
    ok = cb_record_editor_load (self->session_fields, copy, FALSE);
  else
    cb_record_editor_clear (self->session_fields);
  if (!ok)
    g_clear_pointer (&copy, g_free);
  self->uuid = g_steal_pointer (&copy);
  cb_record_editor_load (self->notes_fields, self->uuid, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->people_search), "");
  load_agenda (self);
  load_people (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.add-block", self->uuid != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pd.duplicate", self->uuid != NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return ok;
}

/**
 * cb_pd_editor_flush:
 *
 * Writes block titles, facilitators, materials and hours typed and not
 * saved yet. Times are written only when they fit (see above).
 */
void
cb_pd_editor_flush (CbPdEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean any = FALSE;

  g_return_if_fail (CB_IS_PD_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->names == NULL || self->uuid == NULL)
    return;
  cb_record_editor_flush (self->session_fields);
  cb_record_editor_flush (self->notes_fields);

  for (guint i = 0; i < self->blocks->len && !any; i++)
    any = g_hash_table_size (((Block *) g_ptr_array_index (self->blocks, i))->pending) > 0;
  for (guint i = 0; i < self->people->len && !any; i++)
    any = ((Signin *) g_ptr_array_index (self->people, i))->hours_pending;
  if (!any)
    return;

  if (!cb_store_begin (get_store (self), &error))
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  self->writing++;
  for (guint i = 0; i < self->blocks->len && error == NULL; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, b->pending);
      while (g_hash_table_iter_next (&iter, &key, &value) && error == NULL)
        cb_store_set (get_store (self), b->uuid, key, value, &error);
      g_hash_table_remove_all (b->pending);
    }
  for (guint i = 0; i < self->people->len && error == NULL; i++)
    {
      Signin *s = g_ptr_array_index (self->people, i);
      if (s->hours_pending && s->attendance != NULL)
        {
          g_autofree char *hours = cb_format_hours (s->hours);
          cb_store_set (get_store (self), s->attendance, "hours", hours, &error);
        }
      s->hours_pending = FALSE;
    }
  if (error != NULL || !cb_store_commit (get_store (self), &error))
    {
      cb_store_rollback (get_store (self));
      cb_view_error (GTK_WIDGET (self), error);
    }
  self->writing--;
}

const char *
cb_pd_editor_get_uuid (CbPdEditor *self)
{
  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  return self->uuid;
}

/**
 * cb_pd_editor_add_block:
 *
 * Adds a block after the last one (unscheduled if the session has no
 * room left).
 *
 * Returns: (transfer full) (nullable): its UUID
 */
char *
cb_pd_editor_add_block (CbPdEditor *self)
{
  g_autofree CbAgendaBlock *blocks = NULL;
  g_autofree char *ss = NULL;
  g_autofree char *se = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "session", "start_time", "end_time" };
  const char *values[3];
  guint n = 1;
  char *uuid;

  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  if (self->uuid == NULL)
    return NULL;
  cb_pd_editor_flush (self);
  blocks = stored_agenda (self);
  ss = session_time (self, "start_time");
  se = session_time (self, "end_time");
  values[0] = self->uuid;
  if (cb_agenda_next_slot (blocks, self->blocks->len, ss, se, NEW_BLOCK_MINUTES, &start, &end))
    {
      values[1] = start;
      values[2] = end;
      n = 3;
    }
  self->writing++;
  uuid = cb_store_create (get_store (self), "agenda_item", names, values, n, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return NULL;
    }
  load_agenda (self);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      if (g_strcmp0 (b->uuid, uuid) == 0)
        gtk_widget_grab_focus (b->title_entry);
    }
  return uuid;
}

guint
cb_pd_editor_get_n_blocks (CbPdEditor *self)
{
  g_return_val_if_fail (CB_IS_PD_EDITOR (self), 0);

  return self->blocks->len;
}

/**
 * cb_pd_editor_get_block_widget:
 * @part: "start", "end", "title", "audience", "facilitator",
 *   "materials", "message" or "remove"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_pd_editor_get_block_widget (CbPdEditor *self,
                               guint       index,
                               const char *part)
{
  Block *b;

  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  if (index >= self->blocks->len)
    return NULL;
  b = g_ptr_array_index (self->blocks, index);
  if (g_strcmp0 (part, "start") == 0)
    return b->start_entry;
  if (g_strcmp0 (part, "end") == 0)
    return b->end_entry;
  if (g_strcmp0 (part, "title") == 0)
    return b->title_entry;
  if (g_strcmp0 (part, "audience") == 0)
    return b->audience;
  if (g_strcmp0 (part, "facilitator") == 0)
    return b->facilitator_entry;
  if (g_strcmp0 (part, "materials") == 0)
    return b->materials_entry;
  if (g_strcmp0 (part, "message") == 0)
    return b->message;
  if (g_strcmp0 (part, "remove") == 0)
    return b->remove;
  return NULL;
}

/**
 * cb_pd_editor_check_block:
 *
 * Checks (and writes, if they fit) the times typed in block @index now,
 * as leaving its entries does.
 */
void
cb_pd_editor_check_block (CbPdEditor *self,
                          guint       index)
{
  g_return_if_fail (CB_IS_PD_EDITOR (self));

  if (index < self->blocks->len)
    check_block (self, g_ptr_array_index (self->blocks, index));
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

/**
 * cb_pd_editor_duplicate:
 *
 * Returns: (transfer full) (nullable): the new session's UUID
 */
char *
cb_pd_editor_duplicate (CbPdEditor *self)
{
  g_autoptr(GError) error = NULL;
  char *copy;

  g_return_val_if_fail (CB_IS_PD_EDITOR (self), NULL);

  if (self->uuid == NULL)
    return NULL;
  cb_pd_editor_flush (self);
  copy = cb_pd_session_duplicate (get_store (self), self->uuid, &error);
  if (copy == NULL)
    cb_view_error (GTK_WIDGET (self), error);
  return copy;
}
