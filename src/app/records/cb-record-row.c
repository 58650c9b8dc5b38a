/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cb-record-row.h"
#include "cb-view-util.h"

struct _CbRecordRow
{
  GtkWidget  parent_instance;

  GtkLabel  *kind_label;
  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *date_label;
  GtkImage  *star_image;
};

G_DEFINE_FINAL_TYPE (CbRecordRow, cb_record_row, GTK_TYPE_WIDGET)

static void
cb_record_row_dispose (GObject *object)
{
  cb_view_dispose_template (GTK_WIDGET (object), CB_TYPE_RECORD_ROW);

  G_OBJECT_CLASS (cb_record_row_parent_class)->dispose (object);
}

static void
cb_record_row_class_init (CbRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_record_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CbRecordRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CbRecordRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CbRecordRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CbRecordRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, CbRecordRow, star_image);
}

static void
cb_record_row_init (CbRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cb_record_row_new (void)
{
  return g_object_new (CB_TYPE_RECORD_ROW, NULL);
}

/**
 * cb_record_row_set:
 * @kind_label: (nullable): shown above the title (search results)
 * @subtitle: (nullable): second line, plain text or Pango markup
 * @date_label: (nullable): shown on the right
 */
void
cb_record_row_set (CbRecordRow *self,
                   const char  *kind_label,
                   const char  *title,
                   const char  *subtitle,
                   gboolean     subtitle_is_markup,
                   const char  *date_label,
                   gboolean     starred)
{
  g_return_if_fail (CB_IS_RECORD_ROW (self));

  gtk_label_set_text (self->kind_label, kind_label ? kind_label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_label), kind_label != NULL && *kind_label);
  gtk_label_set_text (self->title_label, title ? title : "");
  if (subtitle_is_markup)
    gtk_label_set_markup (self->subtitle_label, subtitle ? subtitle : "");
  else
    gtk_label_set_text (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle);
  gtk_label_set_text (self->date_label, date_label ? date_label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->star_image), starred);
}
