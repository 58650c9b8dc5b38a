/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Holds wrapping text beside other widgets in a row (a line's text and
 * tags between its time and its buttons), and answers "how wide?"
 * without a height: see CbWrapLayout for why. */

#include "config.h"

#include "cb-wrap-bin.h"
#include "cb-wrap-layout.h"

struct _CbWrapBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (CbWrapBin, cb_wrap_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cb_wrap_bin_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CbWrapBin *self = CB_WRAP_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
    }
}

static void
cb_wrap_bin_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CbWrapBin *self = CB_WRAP_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      cb_wrap_bin_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
    }
}

static void
cb_wrap_bin_dispose (GObject *object)
{
  CbWrapBin *self = CB_WRAP_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (cb_wrap_bin_parent_class)->dispose (object);
}

static void
cb_wrap_bin_class_init (CbWrapBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_wrap_bin_dispose;
  object_class->get_property = cb_wrap_bin_get_property;
  object_class->set_property = cb_wrap_bin_set_property;
  gtk_widget_class_set_layout_manager_type (widget_class, CB_TYPE_WRAP_LAYOUT);
  /* A box to the stylesheet: a row's "box.title" (see CbTextRow). */
  gtk_widget_class_set_css_name (widget_class, "box");

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_wrap_bin_init (CbWrapBin *self)
{
}

GtkWidget *
cb_wrap_bin_new (void)
{
  return g_object_new (CB_TYPE_WRAP_BIN, NULL);
}

/**
 * cb_wrap_bin_set_child:
 * @child: (nullable) (transfer none): the widget to hold
 */
void
cb_wrap_bin_set_child (CbWrapBin *self,
                       GtkWidget *child)
{
  g_return_if_fail (CB_IS_WRAP_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * cb_wrap_bin_get_child:
 *
 * Returns: (nullable) (transfer none): the widget held
 */
GtkWidget *
cb_wrap_bin_get_child (CbWrapBin *self)
{
  g_return_val_if_fail (CB_IS_WRAP_BIN (self), NULL);

  return self->child;
}
