/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One record's conflicts (cb-conflict-logic.c describes them). Every
 * choice is an ordinary local edit, which covers all the values it
 * replaces (ARCHITECTURE §3), so it travels to colleagues like any
 * other edit and settles the conflict on their laptops too. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-conflict-editor.h"
#include "cb-conflict-logic.h"
#include "cb-view-util.h"

#define CARD_MIN_WIDTH 240

struct _CbConflictEditor
{
  CbEditorWidget   parent_instance;

  GtkRevealer     *banner_revealer;
  GtkLabel        *banner_label;
  GtkStack        *stack;
  GtkScrolledWindow *scroller;
  GtkLabel        *title_label;
  GtkLabel        *intro_label;
  AdwPreferencesGroup *edits_group;
  GtkListBox      *edits_list;
  GtkBox          *fields_box;

  CbNames         *names;
  gulong           changed_id;
  guint            reload_id;
  char            *uuid;
  CbState         *state;
  CbConflictInfo  *info;
};

G_DEFINE_FINAL_TYPE (CbConflictEditor, cb_conflict_editor, CB_TYPE_EDITOR_WIDGET)

enum
{
  OPEN_RECORD,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (CbConflictEditor *self);

/* Helpers */

static CbStore *
get_store (CbConflictEditor *self)
{
  return cb_names_get_store (self->names);
}

static void
report_error (CbConflictEditor *self,
              const GError     *error)
{
  cb_view_error (GTK_WIDGET (self), error);
}

static char *
author_of (CbConflictEditor *self,
           const char       *replica)
{
  CbStore *store = get_store (self);
  g_autofree char *author = NULL;

  if (g_strcmp0 (replica, cb_store_get_replica (store)) == 0)
    return g_strdup (_("you"));
  author = cb_store_replica_author (store, replica);
  if (author != NULL && *author != '\0')
    return g_steal_pointer (&author);
  {
    g_autofree char *laptop = cb_conflict_short_replica (replica);
    /* TRANSLATORS: an unknown coach, with their laptop's short id */
    return g_strdup_printf (_("a colleague (laptop %s)"), laptop);
  }
}

static const CbConflictField *
find_field (CbConflictEditor *self,
            const char       *name)
{
  for (guint i = 0; self->info != NULL && i < self->info->fields->len; i++)
    {
      const CbConflictField *cf = g_ptr_array_index (self->info->fields, i);
      if (g_strcmp0 (cf->field->name, name) == 0)
        return cf;
    }
  return NULL;
}

static gboolean
can_edit_merged (const CbField *field)
{
  return field->type == CB_TYPE_TEXT || field->type == CB_TYPE_LONGTEXT ||
         field->type == CB_TYPE_LIST;
}

static GtkWidget *
named_button (const char *label,
              const char *prefix,
              const char *field)
{
  GtkWidget *button = cb_view_wrap_button (label);
  g_autofree char *name = g_strdup_printf ("%s-%s", prefix, field);

  gtk_widget_set_name (button, name);
  g_object_set_data (G_OBJECT (button), "field", (gpointer) field);
  return button;
}

static void
set_field (CbConflictEditor *self,
           const char       *field,
           const char       *value)
{
  g_autoptr(GError) error = NULL;

  if (!cb_store_set (get_store (self), self->uuid, field, value, &error))
    report_error (self, error);
}

/* Callbacks */

static void
on_keep_clicked_cb (GtkButton        *button,
                    CbConflictEditor *self)
{
  const CbConflictField *cf = find_field (self, g_object_get_data (G_OBJECT (button), "field"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autofree char *value = NULL;

  if (cf == NULL || index >= cf->values->len)
    return;
  value = g_strdup (((CbStamped *) g_ptr_array_index (cf->values, index))->value);
  set_field (self, cf->field->name, value);
}

static void
on_separate_clicked_cb (GtkButton        *button,
                        CbConflictEditor *self)
{
  const CbConflictField *cf = find_field (self, g_object_get_data (G_OBJECT (button), "field"));
  CbStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbState) state = NULL;
  g_autofree char *field = NULL;
  g_autofree char *kept = NULL;
  guint n_copies;

  if (cf == NULL)
    return;
  /* The values are read from a copy: the edit below reloads the view. */
  state = cb_state_copy (self->state);
  field = g_strdup (cf->field->name);
  kept = g_strdup (((CbStamped *) g_ptr_array_index (cf->values, 0))->value);
  n_copies = cf->values->len - 1;

  if (!cb_store_begin (store, &error))
    {
      report_error (self, error);
      return;
    }
  /* This record keeps the version shown first; each other version
   * goes into a copy of the record. */
  for (guint i = 1; i < cf->values->len; i++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      g_autofree char *copy = NULL;

      cb_conflict_copy_fields (state, field, ((CbStamped *) g_ptr_array_index (cf->values, i))->value,
                               names, values);
      copy = cb_store_create (store, state->kind, (const char * const *) names->pdata,
                              (const char * const *) values->pdata, names->len, &error);
      if (copy == NULL)
        {
          cb_store_rollback (store);
          report_error (self, error);
          return;
        }
    }
  if (!cb_store_set (store, self->uuid, field, kept, &error) || !cb_store_commit (store, &error))
    {
      cb_store_rollback (store);
      report_error (self, error);
      return;
    }
  g_signal_emit (self, signals[MESSAGE], 0,
                 g_dngettext (GETTEXT_PACKAGE, "Kept both: the other version is in a copy of the record",
                              "Kept all: the other versions are in copies of the record", n_copies));
}

static void
on_join_clicked_cb (GtkButton        *button,
                    CbConflictEditor *self)
{
  const CbConflictField *cf = find_field (self, g_object_get_data (G_OBJECT (button), "field"));
  g_autofree char *joined = NULL;
  g_autofree char *field = NULL;

  if (cf == NULL)
    return;
  joined = cb_conflict_join (cf->field, cf->values);
  field = g_strdup (cf->field->name);
  set_field (self, field, joined);
}

static void
on_edit_clicked_cb (GtkButton        *button,
                    CbConflictEditor *self)
{
  GtkRevealer *revealer = g_object_get_data (G_OBJECT (button), "revealer");
  GtkWidget *view = g_object_get_data (G_OBJECT (button), "view");

  gtk_revealer_set_reveal_child (revealer, TRUE);
  gtk_widget_grab_focus (view);
}

static void
on_edit_cancel_clicked_cb (GtkButton        *button,
                           CbConflictEditor *self)
{
  GtkRevealer *revealer = g_object_get_data (G_OBJECT (button), "revealer");

  gtk_revealer_set_reveal_child (revealer, FALSE);
}

static void
on_save_clicked_cb (GtkButton        *button,
                    CbConflictEditor *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (button), "view");
  const char *field = g_object_get_data (G_OBJECT (button), "field");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *name = g_strdup (field);
  const CbConflictField *cf = find_field (self, field);

  if (cf == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* One-line text stays one line. */
  if (cf->field->type == CB_TYPE_TEXT)
    g_strdelimit (text, "\r\n", ' ');
  set_field (self, name, text);
}

static void
on_banner_restore_clicked_cb (CbConflictEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->uuid != NULL && !cb_store_restore (get_store (self), self->uuid, &error))
    report_error (self, error);
}

static void
on_banner_delete_clicked_cb (CbConflictEditor *self)
{
  g_autoptr(GError) error = NULL;

  /* A new delete, stamped after the edit it did not see. */
  if (self->uuid != NULL && !cb_store_delete (get_store (self), self->uuid, &error))
    report_error (self, error);
}

static void
on_open_clicked_cb (CbConflictEditor *self)
{
  if (self->uuid != NULL)
    g_signal_emit (self, signals[OPEN_RECORD], 0, self->uuid);
}

static gboolean
reload_idle_cb (gpointer data)
{
  CbConflictEditor *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore          *store,
                     const char       *kind,
                     const char       *uuid,
                     CbConflictEditor *self)
{
  /* Rebuilt from idle: the change may come from one of our buttons. */
  if (self->uuid != NULL && (uuid == NULL || g_strcmp0 (uuid, self->uuid) == 0) && self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* Building */

static GtkWidget *
build_card (CbConflictEditor      *self,
            const CbConflictField *cf,
            guint                  index)
{
  const CbStamped *v = g_ptr_array_index (cf->values, index);
  CbStore *store = get_store (self);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *badge = gtk_label_new (index == 0 ? _("Shown now") : _("Also kept"));
  GtkWidget *value, *source, *bottom, *keep;
  g_autofree char *text = cb_conflict_format_value (self->names, cf->field, v->value);
  g_autofree char *author = cb_store_replica_author (store, v->replica);
  g_autofree char *from = cb_conflict_format_source (author, v->replica, v->hlc,
                                                     cb_store_get_replica (store), NULL);
  g_autofree char *keep_name = g_strdup_printf ("keep-%s-%u", cf->field->name, index);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "cb-version");
  gtk_widget_set_size_request (card, CARD_MIN_WIDTH, -1);

  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, index == 0 ? "cb-tag" : "cb-key");
  gtk_box_append (GTK_BOX (card), badge);

  value = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  /* A modest natural width lets two versions stand side by side. The
   * flow box measures a card's height at its minimum width: a wrapped
   * label's minimum is one word (or one character), and the card grew
   * as tall as the text set one word a line. A minimum near the card's
   * own width keeps the card as tall as its text. */
  gtk_label_set_width_chars (GTK_LABEL (value), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 24);
  gtk_widget_set_vexpand (value, TRUE);
  gtk_widget_set_valign (value, GTK_ALIGN_START);
  if (v->value == NULL || *v->value == '\0')
    gtk_widget_add_css_class (value, "dim-label");
  gtk_box_append (GTK_BOX (card), value);

  source = gtk_label_new (from);
  gtk_label_set_wrap (GTK_LABEL (source), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (source), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (source), 24);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_add_css_class (source, "dim-label");
  gtk_box_append (GTK_BOX (card), source);

  bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (bottom, GTK_ALIGN_END);
  keep = gtk_button_new_with_mnemonic (_("_Keep This"));
  gtk_widget_set_name (keep, keep_name);
  {
    /* TRANSLATORS: %s is one version of a field, as shown */
    g_autofree char *tip = g_strdup_printf (_("Keep “%s” and drop the other versions"), text);
    gtk_widget_set_tooltip_text (keep, tip);
  }
  g_object_set_data (G_OBJECT (keep), "field", (gpointer) cf->field->name);
  g_object_set_data (G_OBJECT (keep), "index", GUINT_TO_POINTER (index));
  g_signal_connect (keep, "clicked", G_CALLBACK (on_keep_clicked_cb), self);
  gtk_box_append (GTK_BOX (bottom), keep);
  gtk_box_append (GTK_BOX (card), bottom);
  return card;
}

static GtkWidget *
new_flow_box (guint max_per_line)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), max_per_line);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  return flow;
}

static GtkWidget *
build_merged_editor (CbConflictEditor      *self,
                     const CbConflictField *cf,
                     GtkWidget             *edit_button)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = named_button (_("_Save Merged Text"), "save", cf->field->name);
  g_autofree char *joined = cb_conflict_join (cf->field, cf->values);
  g_autofree char *view_name = g_strdup_printf ("merged-%s", cf->field->name);

  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_name (view, view_name);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), joined, -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_widget_add_css_class (view, "cb-text-field");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Merged text"), -1);
  gtk_box_append (GTK_BOX (box), view);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (save, "suggested-action");
  g_object_set_data (G_OBJECT (save), "view", view);
  g_object_set_data (G_OBJECT (cancel), "revealer", revealer);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_edit_cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);

  g_object_set_data (G_OBJECT (edit_button), "revealer", revealer);
  g_object_set_data (G_OBJECT (edit_button), "view", view);
  return revealer;
}

static GtkWidget *
build_field_group (CbConflictEditor      *self,
                   const CbConflictField *cf)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (cb_field_get_label (cf->field));
  GtkWidget *cards = new_flow_box (MIN (cf->values->len, 3));
  GtkWidget *actions = new_flow_box (3);
  gboolean is_deleted = g_strcmp0 (cf->field->name, CB_FIELD_DELETED) == 0;
  g_autofree char *group_name = g_strdup_printf ("field-%s", cf->field->name);

  gtk_widget_set_name (group, group_name);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (group), heading);

  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (cards), TRUE);
  for (guint i = 0; i < cf->values->len; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (cards), build_card (self, cf, i));
  gtk_box_append (GTK_BOX (group), cards);

  if (!is_deleted)
    {
      GtkWidget *separate = named_button (cf->values->len > 2 ? _("Keep All as _Separate Records")
                                                              : _("Keep Both as _Separate Records"),
                                          "separate", cf->field->name);
      gtk_widget_set_tooltip_text (separate, _("This record keeps the version shown now; a copy of it gets the other"));
      g_signal_connect (separate, "clicked", G_CALLBACK (on_separate_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (actions), separate);
    }
  if (cb_conflict_can_join (cf->field))
    {
      GtkWidget *join = named_button (cf->field->type == CB_TYPE_REFS ? _("Keep _Both in the List")
                                                                      : _("Keep _Both in One Text"),
                                      "join", cf->field->name);
      gtk_widget_set_tooltip_text (join, _("Keep every version, one after the other"));
      g_signal_connect (join, "clicked", G_CALLBACK (on_join_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (actions), join);
    }
  if (can_edit_merged (cf->field))
    {
      GtkWidget *edit = named_button (_("_Edit a Merged Text…"), "edit", cf->field->name);

      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (actions), edit);
      gtk_box_append (GTK_BOX (group), actions);
      gtk_box_append (GTK_BOX (group), build_merged_editor (self, cf, edit));
    }
  else
    {
      gtk_box_append (GTK_BOX (group), actions);
      gtk_widget_set_visible (actions, gtk_widget_get_first_child (actions) != NULL);
    }
  return group;
}

static void
clear_fields (CbConflictEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);
}

static const CbField *
field_info (const CbKind *kind,
            const char   *name)
{
  const CbField *common;
  guint n_common;

  if (kind != NULL && cb_kind_field (kind, name) != NULL)
    return cb_kind_field (kind, name);
  common = cb_common_fields (&n_common);
  for (guint i = 0; i < n_common; i++)
    if (g_strcmp0 (common[i].name, name) == 0)
      return &common[i];
  return NULL;
}

/* What the other laptop changed without seeing the delete. */
static void
fill_edits (CbConflictEditor *self)
{
  CbStore *store = get_store (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->edits_list))) != NULL)
    gtk_list_box_remove (self->edits_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->edits_group),
                          self->info != NULL && cb_conflict_info_deleted_edited (self->info));
  for (guint i = 0; self->info != NULL && i < self->info->edits->len; i++)
    {
      const CbStamped *v = g_ptr_array_index (self->info->edits, i);
      const CbField *field = field_info (self->info->kind, v->field);
      g_autofree char *text = NULL;
      g_autofree char *author = NULL;
      g_autofree char *from = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (field == NULL)
        continue;
      text = cb_conflict_format_value (self->names, field, v->value);
      author = cb_store_replica_author (store, v->replica);
      from = cb_conflict_format_source (author, v->replica, v->hlc, cb_store_get_replica (store), NULL);
      subtitle = g_strdup_printf ("%s\n%s", text, from);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cb_field_get_label (field));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->edits_list, row);
    }
}

static void
update_intro (CbConflictEditor *self)
{
  GString *text = g_string_new (NULL);

  if (self->info != NULL && cb_conflict_info_deleted_edited (self->info))
    {
      g_autofree char *editor = author_of (self, self->info->edit_stamp->replica);

      /* TRANSLATORS: %s is a coach (or "a colleague (laptop …)") */
      g_string_append_printf (text, _("This record was deleted, and %s changed it without knowing. "
                                      "Restore it with the change, or delete it again."), editor);
    }
  if (self->info != NULL && self->info->fields->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _("You and a colleague changed this record at the same time. Both versions "
                               "are kept until you choose; whatever you choose goes to your colleagues "
                               "with your next sync or export."));
    }
  gtk_label_set_text (self->intro_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), text->len > 0);
  g_string_free (text, TRUE);
}

static void
update_banner (CbConflictEditor *self)
{
  g_autofree char *deleter = NULL;
  g_autofree char *editor = NULL;
  g_autofree char *text = NULL;

  if (self->info == NULL || !cb_conflict_info_deleted_edited (self->info))
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }
  deleter = author_of (self, self->info->delete_stamp->replica);
  editor = author_of (self, self->info->edit_stamp->replica);
  text = cb_conflict_banner_text (self->info, deleter, editor, NULL);
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
reload (CbConflictEditor *self)
{
  g_autoptr(CbRecord) record = NULL;
  g_autofree char *title = NULL;
  double scroll;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->info, cb_conflict_info_free);
  g_clear_pointer (&self->state, cb_state_free);
  scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
  clear_fields (self);

  if (self->uuid == NULL || self->names == NULL)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "resolved");
      return;
    }
  self->state = cb_store_read_state (get_store (self), self->uuid, NULL);
  record = cb_store_get (get_store (self), self->uuid, NULL);
  if (self->state == NULL || record == NULL)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "resolved");
      return;
    }
  self->info = cb_conflict_describe (self->state);
  title = cb_names_title (self->names, record);
  gtk_label_set_text (self->title_label, title);
  update_intro (self);
  update_banner (self);
  fill_edits (self);
  for (guint i = 0; i < self->info->fields->len; i++)
    gtk_box_append (self->fields_box, build_field_group (self, g_ptr_array_index (self->info->fields, i)));
  gtk_stack_set_visible_child_name (self->stack,
                                    cb_conflict_info_is_resolved (self->info) ? "resolved" : "fields");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), scroll);
}

/* Overrides */

static void
cb_conflict_editor_dispose (GObject *object)
{
  CbConflictEditor *self = CB_CONFLICT_EDITOR (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  g_clear_object (&self->names);
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_CONFLICT_EDITOR);

  G_OBJECT_CLASS (cb_conflict_editor_parent_class)->dispose (object);
}

static void
cb_conflict_editor_finalize (GObject *object)
{
  CbConflictEditor *self = CB_CONFLICT_EDITOR (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->info, cb_conflict_info_free);
  g_clear_pointer (&self->state, cb_state_free);

  G_OBJECT_CLASS (cb_conflict_editor_parent_class)->finalize (object);
}


/* CbEditorWidget */

static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  return cb_conflict_editor_load (CB_CONFLICT_EDITOR (editor), uuid);
}

static const char *
get_record_uuid (CbEditorWidget *editor)
{
  return cb_conflict_editor_get_uuid (CB_CONFLICT_EDITOR (editor));
}

static void
names_changed (CbEditorWidget *editor)
{
  CbConflictEditor *self = CB_CONFLICT_EDITOR (editor);
  CbNames *names = cb_editor_widget_get_names (editor);

  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, cb_names_get_store (self->names));
  g_set_object (&self->names, names);
  if (names != NULL)
    self->changed_id = g_signal_connect (cb_names_get_store (names), "changed",
                                         G_CALLBACK (on_store_changed_cb), self);
}

static void
cb_conflict_editor_class_init (CbConflictEditorClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Unloading loads nothing: the default. */
  editor_class->load = load_record;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;
  object_class->dispose = cb_conflict_editor_dispose;
  object_class->finalize = cb_conflict_editor_finalize;

  /**
   * CbConflictEditor::open-record:
   * @uuid: the record, to open in its usual editor
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CbConflictEditor::error:
   * @message: what went wrong, for the coach
   */
  /**
   * CbConflictEditor::message:
   * @message: what a choice did, for a toast
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-conflict-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, edits_group);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, edits_list);
  gtk_widget_class_bind_template_child (widget_class, CbConflictEditor, fields_box);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
}

static void
cb_conflict_editor_init (CbConflictEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cb_conflict_editor_set_names (CbConflictEditor *self,
                              CbNames          *names)
{
  g_return_if_fail (CB_IS_CONFLICT_EDITOR (self));
  g_return_if_fail (CB_IS_NAMES (names));

  g_object_set (self, "names", names, NULL);
}

/**
 * cb_conflict_editor_load:
 * @uuid: (nullable): the record; %NULL shows nothing
 *
 * Returns: %TRUE if the record exists
 */
gboolean
cb_conflict_editor_load (CbConflictEditor *self,
                         const char       *uuid)
{
  g_return_val_if_fail (CB_IS_CONFLICT_EDITOR (self), FALSE);

  if (g_strcmp0 (uuid, self->uuid) != 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  reload (self);
  return self->state != NULL;
}

const char *
cb_conflict_editor_get_uuid (CbConflictEditor *self)
{
  g_return_val_if_fail (CB_IS_CONFLICT_EDITOR (self), NULL);

  return self->uuid;
}

/**
 * cb_conflict_editor_is_resolved:
 *
 * Returns: %TRUE when the record shown has nothing left to decide
 */
gboolean
cb_conflict_editor_is_resolved (CbConflictEditor *self)
{
  g_return_val_if_fail (CB_IS_CONFLICT_EDITOR (self), TRUE);

  return self->info == NULL || cb_conflict_info_is_resolved (self->info);
}
