/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The observation's walkthrough form (docs/walkthrough-forms.md). The
 * coach picks a form from a list, then scores its items with the keys
 * alone; every change is a store edit, so it lasts, merges and is
 * exchanged like any other — and leaves the laptop only under the
 * privacy rule (a score goes with its observation shared). The form's
 * own Ctrl+Z takes the last change back through the store. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-capture-logic.h"
#include "cb-refs.h"
#include "cb-view-util.h"
#include "cb-walk-form.h"
#include "cb-walk.h"

#define RELOAD_DELAY_MS 200

typedef struct
{
  char      *score_uuid;   /* NULL until scored */
  char      *score;
  char      *note;
  char      *evidence;
  GtkWidget *row;
  GtkWidget *score_label;
  GtkWidget *level_label;
  GtkWidget *note_label;
  GtkWidget *lines_box;
  GtkWidget *note_entry;
} ItemUi;

typedef struct
{
  char     *uuid;        /* the score record */
  gboolean  created;     /* made by this change: undone by deleting it */
  char     *field;
  char     *old;
} Undo;

struct _CbWalkForm
{
  GtkWidget   parent_instance;

  GtkWidget  *group;
  GtkStack   *stack;
  GtkListBox *forms_list;
  GtkLabel   *form_label;
  GtkListBox *list;

  CbNames    *names;
  gulong      changed_id;
  guint       reload_id;
  guint       writing;

  char       *observation;
  char       *form;
  GPtrArray  *form_uuids;  /* parallel to forms_list's rows */
  GPtrArray  *items;       /* CbWalkItem */
  GArray     *ui;          /* ItemUi, parallel to items */
  GQueue      undo;        /* Undo, newest first */
};

G_DEFINE_FINAL_TYPE (CbWalkForm, cb_walk_form, GTK_TYPE_WIDGET)

static void rebuild (CbWalkForm *self);

static CbStore *
get_store (CbWalkForm *self)
{
  return cb_names_get_store (self->names);
}

static void
item_ui_clear (gpointer data)
{
  ItemUi *ui = data;

  g_clear_pointer (&ui->score_uuid, g_free);
  g_clear_pointer (&ui->score, g_free);
  g_clear_pointer (&ui->note, g_free);
  g_clear_pointer (&ui->evidence, g_free);
}

static void
undo_free (Undo *u)
{
  g_free (u->uuid);
  g_free (u->field);
  g_free (u->old);
  g_free (u);
}

static void
clear_undo (CbWalkForm *self)
{
  g_queue_clear_full (&self->undo, (GDestroyNotify) undo_free);
}

/* What the score means: its level's description on a 1–4 item. */
static char *
describe_score (CbWalkItem *item,
                const char *score)
{
  const CbField *field = cb_kind_field (cb_kind_lookup ("walk_score"), "score");

  if (score == NULL || *score == '\0')
    return g_strdup (g_strcmp0 (item->scale, "yes_no") == 0 ?
                     _("Not scored: press Y, N or 0 (not observed)") :
                     _("Not scored: press 1 to 4, or 0 (not observed)"));
  if (score[0] >= '1' && score[0] <= '4' && score[1] == '\0' && *item->levels[score[0] - '1'] != '\0')
    return g_strdup (item->levels[score[0] - '1']);
  return g_strdup (cb_field_choice_label (field, score));
}

static void
show_lines (CbWalkForm *self,
            ItemUi     *ui)
{
  g_auto(GStrv) refs = cb_refs_split (ui->evidence);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (ui->lines_box)) != NULL)
    gtk_box_remove (GTK_BOX (ui->lines_box), child);
  for (guint i = 0; refs[i] != NULL; i++)
    {
      g_autoptr(CbRecord) line = cb_store_get (get_store (self), refs[i], NULL);
      g_autofree char *at = NULL;
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (line == NULL || cb_record_get_deleted (line))
        continue;
      at = cb_format_offset (cb_record_get_int (line, "offset"));
      text = g_strdup_printf ("%s  %s", at, cb_record_get (line, "text") ? cb_record_get (line, "text") : "");
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (ui->lines_box), label);
    }
  gtk_widget_set_visible (ui->lines_box, gtk_widget_get_first_child (ui->lines_box) != NULL);
}

static void
update_row (CbWalkForm *self,
            guint       index)
{
  CbWalkItem *item = g_ptr_array_index (self->items, index);
  ItemUi *ui = &g_array_index (self->ui, ItemUi, index);
  const CbField *field = cb_kind_field (cb_kind_lookup ("walk_score"), "score");
  g_autofree char *meaning = describe_score (item, ui->score);
  g_autofree char *note = NULL;
  g_autofree char *name = NULL;
  const char *shown = ui->score && *ui->score ? cb_field_choice_label (field, ui->score) : "–";

  gtk_label_set_text (GTK_LABEL (ui->score_label), shown);
  gtk_label_set_text (GTK_LABEL (ui->level_label), meaning);
  note = ui->note && *ui->note ? g_strdup_printf (_("Note: %s"), ui->note) : NULL;
  gtk_label_set_text (GTK_LABEL (ui->note_label), note ? note : "");
  gtk_widget_set_visible (ui->note_label, note != NULL);
  show_lines (self, ui);
  /* Translators: a walkthrough form item and its score, for screen readers */
  name = g_strdup_printf (_("%s: %s"), item->prompt, ui->score && *ui->score ? shown : _("not scored"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ui->row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static int
focused_index (CbWalkForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list))
    return -1;
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

/* Writes one field of item @index's score, remembering the old value
 * for Ctrl+Z when @remember. */
static gboolean
write_field (CbWalkForm *self,
             guint       index,
             const char *field,
             const char *value,
             gboolean    remember)
{
  CbWalkItem *item = g_ptr_array_index (self->items, index);
  ItemUi *ui = &g_array_index (self->ui, ItemUi, index);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  char **slot = g_str_equal (field, "score") ? &ui->score :
                g_str_equal (field, "note") ? &ui->note : &ui->evidence;

  if (g_strcmp0 (*slot ? *slot : "", value) == 0)
    return TRUE;
  self->writing++;
  uuid = cb_walk_set_score (get_store (self), self->observation, item->uuid, field, value, &error);
  self->writing--;
  if (uuid == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  if (remember)
    {
      Undo *u = g_new0 (Undo, 1);

      u->uuid = g_strdup (uuid);
      u->created = ui->score_uuid == NULL;
      u->field = g_strdup (field);
      u->old = g_strdup (*slot ? *slot : "");
      g_queue_push_head (&self->undo, u);
    }
  g_free (ui->score_uuid);
  ui->score_uuid = g_steal_pointer (&uuid);
  g_free (*slot);
  *slot = g_strdup (value);
  update_row (self, index);
  return TRUE;
}

static void
focus_row (CbWalkForm *self,
           int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, MAX (index, 0));

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
close_note (CbWalkForm *self,
            guint       index,
            gboolean    save)
{
  ItemUi *ui = &g_array_index (self->ui, ItemUi, index);

  if (!gtk_widget_get_visible (ui->note_entry))
    return;
  if (save)
    write_field (self, index, "note", gtk_editable_get_text (GTK_EDITABLE (ui->note_entry)), TRUE);
  gtk_widget_set_visible (ui->note_entry, FALSE);
  focus_row (self, index);
}

static void
on_note_activated_cb (GtkEntry   *entry,
                      CbWalkForm *self)
{
  for (guint i = 0; i < self->ui->len; i++)
    if (g_array_index (self->ui, ItemUi, i).note_entry == GTK_WIDGET (entry))
      close_note (self, i, TRUE);
}

static gboolean
on_note_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        CbWalkForm            *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval != GDK_KEY_Escape)
    return FALSE;
  for (guint i = 0; i < self->ui->len; i++)
    if (g_array_index (self->ui, ItemUi, i).note_entry == entry)
      close_note (self, i, FALSE);
  return TRUE;
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     CbWalkForm    *self)
{
  int index = gtk_list_box_row_get_index (row);
  ItemUi *ui;

  if (index < 0 || (guint) index >= self->ui->len)
    return;
  ui = &g_array_index (self->ui, ItemUi, index);
  gtk_editable_set_text (GTK_EDITABLE (ui->note_entry), ui->note ? ui->note : "");
  gtk_widget_set_visible (ui->note_entry, TRUE);
  gtk_widget_grab_focus (ui->note_entry);
}

/* Digits, y and n score the focused item, P pulls its evidence in,
 * Ctrl+Z undoes; Up/Down are the list's own. */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        CbWalkForm            *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int index = focused_index (self);
  gunichar ch = gdk_keyval_to_unicode (keyval);
  const char *score;

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  if ((state & GDK_CONTROL_MASK) && (keyval == GDK_KEY_z || keyval == GDK_KEY_Z))
    return cb_walk_form_undo (self), TRUE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || index < 0)
    return FALSE;
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    ch = '0' + (keyval - GDK_KEY_KP_0);
  if (ch == 'p' || ch == 'P')
    {
      cb_walk_form_pull_evidence (self, index);
      return TRUE;
    }
  score = cb_walk_score_for_key (((CbWalkItem *) g_ptr_array_index (self->items, index))->scale, ch);
  if (score == NULL)
    return FALSE;
  write_field (self, index, "score", score, TRUE);
  return TRUE;
}

static GtkWidget *
build_row (CbWalkForm *self,
           CbWalkItem *item,
           ItemUi     *ui)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *prompt = gtk_label_new (item->prompt);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (prompt), 0);
  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  gtk_widget_set_hexpand (prompt, TRUE);
  gtk_widget_add_css_class (prompt, "heading");
  gtk_box_append (GTK_BOX (top), prompt);
  ui->score_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (ui->score_label, "title-3");
  gtk_widget_set_valign (ui->score_label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), ui->score_label);
  gtk_box_append (GTK_BOX (box), top);

  ui->level_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (ui->level_label), 0);
  gtk_label_set_wrap (GTK_LABEL (ui->level_label), TRUE);
  gtk_widget_add_css_class (ui->level_label, "dim-label");
  gtk_box_append (GTK_BOX (box), ui->level_label);
  ui->note_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (ui->note_label), 0);
  gtk_label_set_wrap (GTK_LABEL (ui->note_label), TRUE);
  gtk_box_append (GTK_BOX (box), ui->note_label);
  ui->lines_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (ui->lines_box, 12);
  gtk_box_append (GTK_BOX (box), ui->lines_box);

  ui->note_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (ui->note_entry), _("Evidence note; Enter saves, Escape cancels"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ui->note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Evidence note"), -1);
  gtk_widget_set_visible (ui->note_entry, FALSE);
  g_signal_connect (ui->note_entry, "activate", G_CALLBACK (on_note_activated_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_note_key_pressed_cb), self);
  gtk_widget_add_controller (ui->note_entry, keys);
  gtk_box_append (GTK_BOX (box), ui->note_entry);

  ui->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (ui->row), box);
  return ui->row;
}

static void
load_scores (CbWalkForm *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      CbWalkItem *item = g_ptr_array_index (self->items, i);
      ItemUi *ui = &g_array_index (self->ui, ItemUi, i);
      g_autoptr(CbRecord) score = cb_walk_find_score (get_store (self), self->observation, item->uuid, NULL);

      item_ui_clear (ui);
      if (score == NULL)
        continue;
      ui->score_uuid = g_strdup (cb_record_get_uuid (score));
      ui->score = g_strdup (cb_record_get (score, "score"));
      ui->note = g_strdup (cb_record_get (score, "note"));
      ui->evidence = g_strdup (cb_record_get (score, "evidence"));
    }
}

static void
rebuild_forms (CbWalkForm *self)
{
  CbFilter filter = { .kind = "walk_form" };
  g_autoptr(GPtrArray) forms = cb_store_list (get_store (self), &filter, 1000, NULL);

  cb_view_clear_list (self->forms_list);
  g_ptr_array_set_size (self->form_uuids, 0);
  for (guint i = 0; forms != NULL && i < forms->len; i++)
    {
      CbRecord *form = g_ptr_array_index (forms, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cb_record_get (form, "name"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cb_record_get (form, "description"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->forms_list, row);
      g_ptr_array_add (self->form_uuids, g_strdup (cb_record_get_uuid (form)));
    }
}

/* Reads the observation's form, its items and scores, and shows them,
 * keeping the focus on the item it was on. */
static void
rebuild (CbWalkForm *self)
{
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(CbRecord) form = NULL;
  int focused = focused_index (self);
  const char *chosen;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  cb_view_clear_list (self->list);
  g_array_set_size (self->ui, 0);
  g_ptr_array_set_size (self->items, 0);
  g_clear_pointer (&self->form, g_free);
  if (self->names == NULL || self->observation == NULL ||
      (obs = cb_store_get (get_store (self), self->observation, NULL)) == NULL)
    return;
  chosen = cb_record_get (obs, "walk_form");
  if (chosen != NULL && *chosen != '\0' && (form = cb_store_get (get_store (self), chosen, NULL)) != NULL &&
      !cb_record_get_deleted (form))
    {
      g_autoptr(GPtrArray) items = cb_walk_load_items (get_store (self), chosen, NULL);

      self->form = g_strdup (chosen);
      gtk_label_set_text (self->form_label, cb_record_get (form, "name"));
      for (guint i = 0; items != NULL && i < items->len; i++)
        g_ptr_array_add (self->items, g_steal_pointer (&items->pdata[i]));
      g_array_set_size (self->ui, self->items->len);
      load_scores (self);
      for (guint i = 0; i < self->items->len; i++)
        {
          gtk_list_box_append (self->list, build_row (self, g_ptr_array_index (self->items, i),
                                                      &g_array_index (self->ui, ItemUi, i)));
          update_row (self, i);
        }
      gtk_stack_set_visible_child_name (self->stack, "items");
      if (focused >= 0)
        focus_row (self, MIN ((guint) focused, self->items->len - 1));
      return;
    }
  rebuild_forms (self);
  gtk_stack_set_visible_child_name (self->stack, "choose");
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbWalkForm *self = data;

  self->reload_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore    *store,
                     const char *kind,
                     const char *uuid,
                     CbWalkForm *self)
{
  static const char * const shown[] = { "walk_form", "walk_item", "walk_score", "observation", NULL };

  if (self->writing > 0 || self->observation == NULL || (kind != NULL && !g_strv_contains (shown, kind)))
    return;
  /* another window's edit of this observation, or a form edited */
  if (g_strcmp0 (kind, "observation") == 0 && g_strcmp0 (uuid, self->observation) != 0)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
on_form_activated_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      CbWalkForm    *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->form_uuids->len)
    cb_walk_form_choose (self, g_ptr_array_index (self->form_uuids, index));
}

static void
on_change_clicked_cb (GtkButton  *button,
                      CbWalkForm *self)
{
  cb_walk_form_choose (self, "");
}

static void
on_pull_clicked_cb (GtkButton  *button,
                    CbWalkForm *self)
{
  cb_walk_form_pull_evidence (self, -1);
}

static void
cb_walk_form_dispose (GObject *object)
{
  CbWalkForm *self = CB_WALK_FORM (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, get_store (self));
  g_clear_pointer (&self->group, gtk_widget_unparent);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_walk_form_parent_class)->dispose (object);
}

static void
cb_walk_form_finalize (GObject *object)
{
  CbWalkForm *self = CB_WALK_FORM (object);

  clear_undo (self);
  g_clear_pointer (&self->observation, g_free);
  g_clear_pointer (&self->form, g_free);
  g_clear_pointer (&self->form_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ui, g_array_unref);

  G_OBJECT_CLASS (cb_walk_form_parent_class)->finalize (object);
}

static void
cb_walk_form_class_init (CbWalkFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_walk_form_dispose;
  object_class->finalize = cb_walk_form_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
build_items_page (CbWalkForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *change = gtk_button_new_from_icon_name ("view-list-symbolic");
  GtkWidget *pull = gtk_button_new_with_label (_("Pull In Evidence"));
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->form_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->form_label, 0);
  gtk_label_set_wrap (self->form_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->form_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->form_label), "heading");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->form_label));
  /* a button, not a label, so that a narrow window still fits */
  gtk_widget_set_tooltip_text (change, _("Change Form"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (change), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Change Form"), -1);
  gtk_widget_add_css_class (change, "flat");
  gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), change);
  gtk_widget_set_tooltip_text (pull, _("Add the timeline’s lines tagged with each item’s look-for as its evidence (P on an item)"));
  g_signal_connect (pull, "clicked", G_CALLBACK (on_pull_clicked_cb), self);
  g_signal_connect (change, "clicked", G_CALLBACK (on_change_clicked_cb), self);
  gtk_widget_set_halign (pull, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (buttons), pull);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), buttons);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Walkthrough form items"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  return box;
}

static void
cb_walk_form_init (CbWalkForm *self)
{
  GtkWidget *choose = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *hint = gtk_label_new (_("Choose a form to score this lesson with; Enter picks it."));

  self->form_uuids = g_ptr_array_new_with_free_func (g_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_walk_item_free);
  self->ui = g_array_new (FALSE, TRUE, sizeof (ItemUi));
  g_array_set_clear_func (self->ui, item_ui_clear);
  g_queue_init (&self->undo);

  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Walkthrough Form"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                         _("Alt+W comes here. Up and Down move between items; 1 to 4 (or Y, N, 0) score one; Enter opens its evidence note; P pulls in its tagged lines. Scores stay on this laptop unless the observation is shared with the teacher."));
  gtk_widget_set_parent (self->group, GTK_WIDGET (self));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (choose), hint);
  self->forms_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->forms_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->forms_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->forms_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Walkthrough forms"), -1);
  g_signal_connect (self->forms_list, "row-activated", G_CALLBACK (on_form_activated_cb), self);
  gtk_box_append (GTK_BOX (choose), GTK_WIDGET (self->forms_list));
  gtk_stack_add_named (self->stack, choose, "choose");
  gtk_stack_add_named (self->stack, build_items_page (self), "items");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (self->stack));
}

GtkWidget *
cb_walk_form_new (void)
{
  return g_object_new (CB_TYPE_WALK_FORM, NULL);
}

void
cb_walk_form_set_names (CbWalkForm *self,
                        CbNames    *names)
{
  g_return_if_fail (CB_IS_WALK_FORM (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  self->changed_id = g_signal_connect (get_store (self), "changed", G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_walk_form_load:
 * @observation: (nullable): the observation shown
 *
 * Shows the observation's form and scores, or the forms to choose from.
 */
void
cb_walk_form_load (CbWalkForm *self,
                   const char *observation)
{
  g_autofree char *copy = g_strdup (observation);

  g_return_if_fail (CB_IS_WALK_FORM (self));

  clear_undo (self);
  g_free (self->observation);
  self->observation = g_steal_pointer (&copy);
  rebuild (self);
}

/**
 * cb_walk_form_focus:
 *
 * Moves the focus to the first item not scored yet (or the first item),
 * or to the list of forms when none is chosen.
 *
 * Returns: %TRUE when something took the focus
 */
gboolean
cb_walk_form_focus (CbWalkForm *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CB_IS_WALK_FORM (self), FALSE);

  if (self->form == NULL)
    return (row = gtk_list_box_get_row_at_index (self->forms_list, 0)) != NULL &&
           gtk_widget_grab_focus (GTK_WIDGET (row));
  for (guint i = 0; i < self->ui->len; i++)
    {
      ItemUi *ui = &g_array_index (self->ui, ItemUi, i);
      if (ui->score == NULL || *ui->score == '\0')
        return gtk_widget_grab_focus (ui->row);
    }
  return (row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL &&
         gtk_widget_grab_focus (GTK_WIDGET (row));
}

/**
 * cb_walk_form_choose:
 * @form: a walkthrough form's UUID, or "" for none
 *
 * Makes @form the observation's walkthrough form (a store edit) and
 * focuses its first item.
 *
 * Returns: %TRUE when saved
 */
gboolean
cb_walk_form_choose (CbWalkForm *self,
                     const char *form)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CB_IS_WALK_FORM (self), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  if (self->observation == NULL)
    return FALSE;
  self->writing++;
  if (!cb_store_set (get_store (self), self->observation, "walk_form", form, &error))
    {
      self->writing--;
      cb_view_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  self->writing--;
  rebuild (self);
  cb_walk_form_focus (self);
  return TRUE;
}

/**
 * cb_walk_form_pull_evidence:
 * @index: the item, or -1 for every item
 *
 * Adds the timeline's lines tagged with the item's look-for to its
 * evidence (lines already there stay, in timeline order).
 *
 * Returns: how many lines were added
 */
guint
cb_walk_form_pull_evidence (CbWalkForm *self,
                            int         index)
{
  guint added = 0;

  g_return_val_if_fail (CB_IS_WALK_FORM (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      CbWalkItem *item = g_ptr_array_index (self->items, i);
      ItemUi *ui = &g_array_index (self->ui, ItemUi, i);
      g_autofree char *tagged = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *refs = g_strdup (ui->evidence ? ui->evidence : "");

      if ((index >= 0 && (guint) index != i) || *item->look_for == '\0')
        continue;
      tagged = cb_walk_tagged_lines (get_store (self), self->observation, item->look_for, NULL);
      lines = cb_refs_split (tagged);
      for (guint l = 0; lines[l] != NULL; l++)
        if (!cb_refs_contains (refs, lines[l]))
          {
            char *more = *refs ? g_strconcat (refs, " ", lines[l], NULL) : g_strdup (lines[l]);
            g_free (refs);
            refs = more;
            added++;
          }
      write_field (self, i, "evidence", refs, TRUE);
    }
  if (added == 0)
    cb_view_toast (GTK_WIDGET (self), _("No more lines tagged with these look-fors"));
  else
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u evidence line pulled in",
                                                               "%u evidence lines pulled in", added), added);
      cb_view_toast (GTK_WIDGET (self), message);
    }
  return added;
}

/**
 * cb_walk_form_undo:
 *
 * Takes back the last score, note or evidence change (through the
 * store: a score this form made is moved to the Trash).
 *
 * Returns: %TRUE when something was undone
 */
gboolean
cb_walk_form_undo (CbWalkForm *self)
{
  Undo *u;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (CB_IS_WALK_FORM (self), FALSE);

  if ((u = g_queue_pop_head (&self->undo)) == NULL)
    return FALSE;
  self->writing++;
  ok = u->created ? cb_store_delete (get_store (self), u->uuid, &error) :
                    cb_store_set (get_store (self), u->uuid, u->field, u->old, &error);
  self->writing--;
  undo_free (u);
  if (!ok)
    cb_view_error (GTK_WIDGET (self), error);
  rebuild (self);
  return ok;
}

guint
cb_walk_form_get_n_items (CbWalkForm *self)
{
  g_return_val_if_fail (CB_IS_WALK_FORM (self), 0);

  return self->items->len;
}

/**
 * cb_walk_form_get_item_widget:
 * @part: "row", "score", "level", "note", "lines" or "note-entry"; or,
 *   with any @index, "forms" (the list of forms) and "items"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_walk_form_get_item_widget (CbWalkForm *self,
                              guint       index,
                              const char *part)
{
  ItemUi *ui;

  g_return_val_if_fail (CB_IS_WALK_FORM (self), NULL);

  if (g_strcmp0 (part, "forms") == 0)
    return GTK_WIDGET (self->forms_list);
  if (g_strcmp0 (part, "items") == 0)
    return GTK_WIDGET (self->list);
  if (index >= self->ui->len)
    return NULL;
  ui = &g_array_index (self->ui, ItemUi, index);
  if (g_strcmp0 (part, "row") == 0)
    return ui->row;
  if (g_strcmp0 (part, "score") == 0)
    return ui->score_label;
  if (g_strcmp0 (part, "level") == 0)
    return ui->level_label;
  if (g_strcmp0 (part, "note") == 0)
    return ui->note_label;
  if (g_strcmp0 (part, "lines") == 0)
    return ui->lines_box;
  if (g_strcmp0 (part, "note-entry") == 0)
    return ui->note_entry;
  return NULL;
}
