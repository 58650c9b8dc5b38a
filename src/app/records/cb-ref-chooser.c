/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-capture-logic.h"
#include "cb-look-fors.h"
#include "cb-ref-chooser.h"
#include "cb-view-util.h"

#define MAX_RESULTS 40

struct _CbRefChooser
{
  GtkPopover      parent_instance;

  CbNames        *names;
  char           *kind;
  char           *exclude;
  char           *school;    /* where a person added here works, if known */
  char           *shown;     /* the text the list was made for */
  GtkSearchEntry *entry;
  GtkListBox     *list;
  GtkLabel       *empty_label;
};

G_DEFINE_FINAL_TYPE (CbRefChooser, cb_ref_chooser, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_row (CbRefChooser *self,
         const char   *uuid,
         const char   *title,
         const char   *subtitle,
         gboolean      starred)
{
  GtkWidget *row, *box, *label, *line;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A row that adds someone is read whole: the school is at its end. */
  if (uuid == NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_hexpand (box, TRUE);
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (line), box);
  if (starred)
    {
      GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

      gtk_widget_add_css_class (star, "cb-star");
      gtk_widget_set_valign (star, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Favourite"), -1);
      gtk_box_append (GTK_BOX (line), star);
    }
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (uuid), g_free);
  gtk_list_box_append (self->list, row);
  return row;
}

static void
add_result (CbRefChooser *self,
            const char   *uuid,
            const char   *title,
            const char   *subtitle,
            gboolean      starred)
{
  if (!cb_refs_contains (self->exclude, uuid))
    add_row (self, uuid, title, subtitle, starred);
}

typedef struct
{
  CbRecord *record;
  char     *title;
  guint     rank;      /* how well the title matches; lower is better */
  guint     order;     /* the search's own order */
} Hit;

static void
hit_free (gpointer data)
{
  Hit *hit = data;

  g_clear_object (&hit->record);
  g_free (hit->title);
  g_free (hit);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = *(Hit **) a, *y = *(Hit **) b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* 0: the title is what was typed; 1: it starts with it; 2: a word of
 * it does; 3: anything else the search found. */
static guint
match_rank (const char *title,
            const char *typed)
{
  g_autofree char *t = g_utf8_casefold (title, -1);
  g_autofree char *q = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (typed));
  const char *p;

  q = g_utf8_casefold (stripped, -1);
  if (*q == '\0')
    return 3;
  if (strcmp (t, q) == 0)
    return 0;
  if (g_str_has_prefix (t, q))
    return 1;
  for (p = strstr (t, q); p != NULL; p = strstr (p + 1, q))
    if (p > t && !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p))))
      return 2;
  return 3;
}

/* Nothing found: a person or a school can be added as typed. */
static void
add_create_rows (CbRefChooser *self,
                 const char   *typed)
{
  CbStore *store = cb_names_get_store (self->names);
  g_autofree char *name = g_strstrip (g_strdup (typed));
  g_autofree char *title = NULL;
  GtkWidget *row;

  if (*name == '\0')
    return;
  if (g_strcmp0 (self->kind, "school") == 0)
    {
      /* TRANSLATORS: in a chooser that found nothing; %s is what was typed */
      title = g_strdup_printf (_("Add “%s” as a school"), name);
      row = add_row (self, NULL, title, NULL, FALSE);
      g_object_set_data_full (G_OBJECT (row), "create-name", g_strdup (name), g_free);
      return;
    }
  if (g_strcmp0 (self->kind, "person") != 0)
    return;

  /* At the school the record is about first, then without a school,
   * then at each other school. */
  if (self->school != NULL && *cb_names_lookup (self->names, self->school) != '\0')
    {
      /* TRANSLATORS: in a chooser that found nothing; the first %s is
       * what was typed, the second a school */
      title = g_strdup_printf (_("Add “%s” as a teacher at %s"), name, cb_names_lookup (self->names, self->school));
      row = add_row (self, NULL, title, NULL, FALSE);
      g_object_set_data_full (G_OBJECT (row), "create-name", g_strdup (name), g_free);
      g_object_set_data_full (G_OBJECT (row), "create-school", g_strdup (self->school), g_free);
      g_clear_pointer (&title, g_free);
    }
  /* TRANSLATORS: in a chooser that found nothing; %s is what was typed */
  title = g_strdup_printf (_("Add “%s” as a teacher"), name);
  row = add_row (self, NULL, title, _("No school yet"), FALSE);
  g_object_set_data_full (G_OBJECT (row), "create-name", g_strdup (name), g_free);
  {
    CbFilter filter = { .kind = "school" };
    g_autoptr(GPtrArray) schools = cb_store_list (store, &filter, MAX_RESULTS, NULL);

    for (guint i = 0; schools != NULL && i < schools->len; i++)
      {
        CbRecord *school = g_ptr_array_index (schools, i);
        const char *uuid = cb_record_get_uuid (school);
        g_autofree char *school_name = cb_names_title (self->names, school);
        g_autofree char *text = NULL;

        if (g_strcmp0 (uuid, self->school) == 0)
          continue;
        text = g_strdup_printf (_("Add “%s” as a teacher at %s"), name, school_name);
        row = add_row (self, NULL, text, NULL, FALSE);
        g_object_set_data_full (G_OBJECT (row), "create-name", g_strdup (name), g_free);
        g_object_set_data_full (G_OBJECT (row), "create-school", g_strdup (uuid), g_free);
      }
  }
}

static void
refresh (CbRefChooser *self)
{
  CbStore *store = cb_names_get_store (self->names);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_free (self->shown);
  self->shown = g_strdup (text);

  if (self->kind == NULL)
    return;

  if (text == NULL || *text == '\0')
    {
      CbFilter filter = { 0 };
      g_autoptr(GPtrArray) records = NULL;
      gboolean look_fors = g_strcmp0 (self->kind, "look_for") == 0;

      /* Look-fors all, in the coach's order with favourites first;
       * other kinds the newest few, typing finds the rest. */
      filter.kind = self->kind;
      records = look_fors ? cb_look_fors_list_sorted (store, NULL)
                          : cb_store_list (store, &filter, MAX_RESULTS, NULL);
      for (guint i = 0; records && i < records->len; i++)
        {
          CbRecord *record = g_ptr_array_index (records, i);
          g_autofree char *title = cb_names_title (self->names, record);
          g_autofree char *subtitle = cb_names_describe (self->names, record, FALSE);

          add_result (self, cb_record_get_uuid (record), title, subtitle,
                      look_fors && cb_record_get_bool (record, "favourite"));
        }
    }
  else
    {
      g_autoptr(GPtrArray) hits = cb_store_search (store, text, self->kind, MAX_RESULTS, NULL);
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (hit_free);

      for (guint i = 0; hits && i < hits->len; i++)
        {
          CbSearchHit *hit = g_ptr_array_index (hits, i);
          CbRecord *record = cb_store_get (store, hit->uuid, NULL);
          Hit *h;

          if (record == NULL || cb_record_get_deleted (record))
            {
              g_clear_object (&record);
              continue;
            }
          h = g_new0 (Hit, 1);
          h->record = record;
          h->title = cb_names_title (self->names, record);
          h->rank = match_rank (h->title, text);
          h->order = i;
          g_ptr_array_add (found, h);
        }
      /* The best match on top: Enter takes it. */
      g_ptr_array_sort (found, compare_hits);
      for (guint i = 0; i < found->len; i++)
        {
          Hit *h = g_ptr_array_index (found, i);
          g_autofree char *subtitle = cb_names_describe (self->names, h->record, FALSE);

          add_result (self, cb_record_get_uuid (h->record), h->title, subtitle,
                      g_strcmp0 (self->kind, "look_for") == 0 && cb_record_get_bool (h->record, "favourite"));
        }
      if (gtk_widget_get_first_child (GTK_WIDGET (self->list)) == NULL)
        add_create_rows (self, text);
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child; child = gtk_widget_get_next_sibling (child))
    n++;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
  if (n > 0)
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
}

static void
choose (CbRefChooser  *self,
        GtkListBoxRow *row)
{
  const char *uuid;
  g_autofree char *copy = NULL;

  if (row == NULL)
    return;
  uuid = g_object_get_data (G_OBJECT (row), "uuid");
  if (uuid == NULL && g_object_get_data (G_OBJECT (row), "create-name") != NULL)
    {
      const char *name = g_object_get_data (G_OBJECT (row), "create-name");
      const char *school = g_object_get_data (G_OBJECT (row), "create-school");
      const char *names[] = { "name", "role", "school" };
      const char *values[] = { name, "teacher", school };
      gboolean person = g_strcmp0 (self->kind, "person") == 0;
      g_autoptr(GError) error = NULL;

      copy = cb_store_create (cb_names_get_store (self->names), self->kind, names, values,
                              !person ? 1 : school != NULL ? 3 : 2, &error);
      if (copy == NULL)
        {
          cb_view_error (GTK_WIDGET (self), error);
          return;
        }
    }
  else
    copy = g_strdup (uuid);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, copy);
}

static void
on_entry_changed_cb (CbRefChooser *self)
{
  refresh (self);
}

static void
on_entry_activate_cb (CbRefChooser *self)
{
  GtkListBoxRow *row;

  /* Enter pressed before the search delay ran: the list still shows
   * what matched less typing. Search now, then take the best match. */
  if (g_strcmp0 (self->shown, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    refresh (self);
  row = gtk_list_box_get_selected_row (self->list);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  choose (self, row);
}

static void
on_row_activated_cb (CbRefChooser  *self,
                     GtkListBoxRow *row)
{
  choose (self, row);
}

static void
on_stop_search_cb (CbRefChooser *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_next_match_cb (CbRefChooser *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row ? gtk_list_box_row_get_index (row) + 1 : 0;
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->list, index);

  if (next != NULL)
    gtk_list_box_select_row (self->list, next);
}

static void
on_previous_match_cb (CbRefChooser *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row ? gtk_list_box_row_get_index (row) - 1 : 0;
  GtkListBoxRow *prev = index >= 0 ? gtk_list_box_get_row_at_index (self->list, index) : NULL;

  if (prev != NULL)
    gtk_list_box_select_row (self->list, prev);
}

static void
cb_ref_chooser_show (GtkWidget *widget)
{
  CbRefChooser *self = CB_REF_CHOOSER (widget);

  GTK_WIDGET_CLASS (cb_ref_chooser_parent_class)->show (widget);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
cb_ref_chooser_dispose (GObject *object)
{
  CbRefChooser *self = CB_REF_CHOOSER (object);

  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_ref_chooser_parent_class)->dispose (object);
}

static void
cb_ref_chooser_finalize (GObject *object)
{
  CbRefChooser *self = CB_REF_CHOOSER (object);

  g_free (self->kind);
  g_free (self->exclude);
  g_free (self->school);
  g_free (self->shown);

  G_OBJECT_CLASS (cb_ref_chooser_parent_class)->finalize (object);
}

static void
cb_ref_chooser_class_init (CbRefChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_ref_chooser_dispose;
  object_class->finalize = cb_ref_chooser_finalize;
  widget_class->show = cb_ref_chooser_show;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cb_ref_chooser_init (CbRefChooser *self)
{
  GtkWidget *box, *scroller;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_search_entry_set_search_delay (self->entry, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Type a name"),
                                  -1);
  g_object_set (self->entry, "placeholder-text", _("Type a name"), NULL);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (on_stop_search_cb), self);
  g_signal_connect_swapped (self->entry, "next-match", G_CALLBACK (on_next_match_cb), self);
  g_signal_connect_swapped (self->entry, "previous-match", G_CALLBACK (on_previous_match_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scroller);

  self->empty_label = GTK_LABEL (gtk_label_new (_("Nothing found")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_label));

  gtk_popover_set_child (GTK_POPOVER (self), box);
}

/**
 * cb_ref_chooser_new:
 * @kind: the kind of record to choose
 *
 * Returns: (transfer floating): a new chooser
 */
GtkWidget *
cb_ref_chooser_new (CbNames    *names,
                    const char *kind)
{
  CbRefChooser *self = g_object_new (CB_TYPE_REF_CHOOSER, NULL);

  self->names = g_object_ref (names);
  self->kind = g_strdup (kind);
  return GTK_WIDGET (self);
}

void
cb_ref_chooser_set_kind (CbRefChooser *self,
                         const char   *kind)
{
  g_return_if_fail (CB_IS_REF_CHOOSER (self));

  g_free (self->kind);
  self->kind = g_strdup (kind);
}

/**
 * cb_ref_chooser_set_exclude:
 * @refs: (nullable): UUIDs not to offer, e.g. those already chosen
 */
void
cb_ref_chooser_set_exclude (CbRefChooser *self,
                            const char   *refs)
{
  g_return_if_fail (CB_IS_REF_CHOOSER (self));

  g_free (self->exclude);
  self->exclude = g_strdup (refs);
}

/**
 * cb_ref_chooser_set_school:
 * @school: (nullable): the school of the record being edited
 *
 * A person added from the chooser is first offered at @school.
 */
void
cb_ref_chooser_set_school (CbRefChooser *self,
                           const char   *school)
{
  g_return_if_fail (CB_IS_REF_CHOOSER (self));

  g_free (self->school);
  self->school = school != NULL && *school != '\0' ? g_strdup (school) : NULL;
}
