/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PD editor's agenda: a row per block, with its times, title,
 * audience, facilitator and materials. Times typed are checked against
 * the other blocks and the session's times before they are written. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-agenda-logic.h"
#include "cb-pd-editor-private.h"
#include "cb-view-util.h"

#define CHECK_DELAY_MS 800
#define NEW_BLOCK_MINUTES 30

void
_cb_pd_editor_block_free (gpointer data)
{
  Block *b = data;

  g_clear_handle_id (&b->check_id, g_source_remove);
  g_free (b->uuid);
  g_free (b->start);
  g_free (b->end);
  g_hash_table_unref (b->pending);
  g_free (b);
}

/* The audience field's choices, @n of them; their labels are the field's. */
static const CbChoice *
audiences (guint *n)
{
  const CbField *field = cb_kind_field (cb_kind_lookup ("agenda_item"), "audience");

  if (n)
    *n = cb_field_n_choices (field);
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
void
_cb_pd_editor_show_stored_problems (CbPdEditor *self)
{
  g_autofree CbAgendaBlock *blocks = stored_agenda (self);
  g_autofree char *ss = _cb_pd_editor_session_time (self, "start_time");
  g_autofree char *se = _cb_pd_editor_session_time (self, "end_time");
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
      _cb_pd_editor_show_stored_problems (self);
      return;
    }
  blocks = stored_agenda (self);
  ss = _cb_pd_editor_session_time (self, "start_time");
  se = _cb_pd_editor_session_time (self, "end_time");
  if (!cb_agenda_try_times (blocks, self->blocks->len, index, start, end, ss, se, &message))
    {
      /* Refused: nothing is written; the reason stays by the block. */
      show_message (b, message, TRUE);
      return;
    }
  values[0] = s;
  values[1] = e;
  self->writing++;
  ok = cb_store_set_fields (_cb_pd_editor_get_store (self), b->uuid, names, values, 2, &error);
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
  _cb_pd_editor_show_stored_problems (self);
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
  _cb_pd_editor_queue_save (b->self);
}

static void
on_audience_changed_cb (GtkDropDown *dropdown,
                        GParamSpec  *pspec,
                        Block       *b)
{
  guint n, selected = gtk_drop_down_get_selected (dropdown);
  const CbChoice *choices = audiences (&n);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (b->self->building)
    return;
  b->self->writing++;
  ok = cb_store_set (_cb_pd_editor_get_store (b->self), b->uuid, "audience",
                     selected >= 1 && selected <= n ? choices[selected - 1].value : "", &error);
  b->self->writing--;
  if (!ok)
    cb_view_error (GTK_WIDGET (b->self), error);
}

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

  cb_editor_flush (CB_EDITOR (self));
  self->writing++;
  ok = cb_store_delete (_cb_pd_editor_get_store (self), uuid, &error);
  self->writing--;
  if (!ok)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  _cb_pd_editor_load_agenda (self);
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
  const CbChoice *choices = audiences (&n);

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
      gtk_string_list_append (model, cb_field_choice_label (cb_kind_field (cb_kind_lookup ("agenda_item"), "audience"), choices[i].value));
      if (g_strcmp0 (choices[i].value, cb_record_get (r, "audience")) == 0)
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

void
_cb_pd_editor_load_agenda (CbPdEditor *self)
{
  g_autoptr(GPtrArray) records = NULL;

  self->building = TRUE;
  cb_view_clear_list (self->agenda_list);
  g_ptr_array_set_size (self->blocks, 0);
  if (self->uuid != NULL)
    records = cb_store_children (_cb_pd_editor_get_store (self), "agenda_item", self->uuid, NULL);
  if (records != NULL)
    g_ptr_array_sort (records, compare_blocks);
  for (guint i = 0; records != NULL && i < records->len; i++)
    add_block_row (self, g_ptr_array_index (records, i));
  if (self->blocks->len == 0)
    gtk_list_box_append (self->agenda_list, cb_view_placeholder_row (_("No agenda blocks yet")));
  self->building = FALSE;
  if (self->uuid != NULL)
    _cb_pd_editor_show_stored_problems (self);
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
  cb_editor_flush (CB_EDITOR (self));
  blocks = stored_agenda (self);
  ss = _cb_pd_editor_session_time (self, "start_time");
  se = _cb_pd_editor_session_time (self, "end_time");
  values[0] = self->uuid;
  if (cb_agenda_next_slot (blocks, self->blocks->len, ss, se, NEW_BLOCK_MINUTES, &start, &end))
    {
      values[1] = start;
      values[2] = end;
      n = 3;
    }
  self->writing++;
  uuid = cb_store_create (_cb_pd_editor_get_store (self), "agenda_item", names, values, n, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return NULL;
    }
  _cb_pd_editor_load_agenda (self);
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
