/* SPDX-License-Identifier: GPL-3.0-or-later */
/* AdwActionRow's look (the same style classes in the same places, so
 * libadwaita's stylesheet draws it the same) with its title and
 * subtitle in a CbWrapBin.
 *
 * In an AdwActionRow the title and subtitle sit in a vertical box in a
 * horizontal one: GTK 4.8 measures that box's width for its height by a
 * binary search over widths, laying both labels out again at each step
 * (19 widths a label on a debrief's look-fors list). Lists that are
 * filled again for each observation opened (the debrief's look-fors) use
 * this row instead. */

#include "config.h"

#include "cb-text-row.h"
#include "cb-wrap-bin.h"

struct _CbTextRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget *prefixes;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *suffixes;
};

G_DEFINE_FINAL_TYPE (CbTextRow, cb_text_row, ADW_TYPE_PREFERENCES_ROW)

static void
on_title_changed_cb (CbTextRow  *self,
                     GParamSpec *pspec)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_text (GTK_LABEL (self->title), title ? title : "");
  gtk_widget_set_visible (self->title, title != NULL && *title != '\0');
}

static GtkWidget *
wrapping_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
cb_text_row_class_init (CbTextRowClass *klass)
{
}

static void
cb_text_row_init (CbTextRow *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title_bin = cb_wrap_bin_new ();
  /* The stylesheet spaces the title box's children (3px) only in a
   * GtkBox that is the title box itself. */
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (header, FALSE);
  gtk_widget_add_css_class (header, "header");

  self->prefixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->prefixes, "prefixes");
  gtk_widget_set_visible (self->prefixes, FALSE);
  gtk_box_append (GTK_BOX (header), self->prefixes);

  gtk_widget_set_valign (title_bin, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (title_bin, TRUE);
  gtk_widget_add_css_class (title_bin, "title");
  self->title = wrapping_label ("title");
  self->subtitle = wrapping_label ("subtitle");
  gtk_box_append (GTK_BOX (title_box), self->title);
  gtk_box_append (GTK_BOX (title_box), self->subtitle);
  cb_wrap_bin_set_child (CB_WRAP_BIN (title_bin), title_box);
  gtk_box_append (GTK_BOX (header), title_bin);

  self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->suffixes, "suffixes");
  gtk_widget_set_visible (self->suffixes, FALSE);
  gtk_box_append (GTK_BOX (header), self->suffixes);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                  -1);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
}

GtkWidget *
cb_text_row_new (void)
{
  return g_object_new (CB_TYPE_TEXT_ROW, NULL);
}

/**
 * cb_text_row_set_subtitle:
 * @subtitle: (nullable): plain text; none hides the subtitle
 */
void
cb_text_row_set_subtitle (CbTextRow  *self,
                          const char *subtitle)
{
  g_return_if_fail (CB_IS_TEXT_ROW (self));

  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle ? subtitle : "");
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && *subtitle != '\0');
}

const char *
cb_text_row_get_subtitle (CbTextRow *self)
{
  g_return_val_if_fail (CB_IS_TEXT_ROW (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->subtitle));
}

/**
 * cb_text_row_set_title_lines:
 * @lines: the title is cut with an ellipsis after so many lines; 0 for
 *   no limit
 */
void
cb_text_row_set_title_lines (CbTextRow *self,
                             int        lines)
{
  g_return_if_fail (CB_IS_TEXT_ROW (self));

  gtk_label_set_lines (GTK_LABEL (self->title), lines);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

void
cb_text_row_add_prefix (CbTextRow *self,
                        GtkWidget *widget)
{
  g_return_if_fail (CB_IS_TEXT_ROW (self));

  gtk_box_append (GTK_BOX (self->prefixes), widget);
  gtk_widget_set_visible (self->prefixes, TRUE);
}

void
cb_text_row_add_suffix (CbTextRow *self,
                        GtkWidget *widget)
{
  g_return_if_fail (CB_IS_TEXT_ROW (self));

  gtk_box_append (GTK_BOX (self->suffixes), widget);
  gtk_widget_set_visible (self->suffixes, TRUE);
}
