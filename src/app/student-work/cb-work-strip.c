/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The samples of student work of one record (cb-work-strip.h). The
 * samples, their thumbnails decoded and the scale of the record's cycle
 * are read on a worker thread (cb_store_work_async()); the main loop
 * only turns each decoded thumbnail into a texture. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-view-util.h"
#include "cb-work-attach.h"
#include "cb-work-logic.h"
#include "cb-work-look.h"
#include "cb-work-samples.h"
#include "cb-work-strip.h"

#define RELOAD_DELAY_MS 200
#define THUMB_SIZE      120

struct _CbWorkStrip
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkWidget    *add_button;
  GtkWidget    *look_button;
  GtkWidget    *flow;
  GtkWidget    *hint;

  CbStore      *store;
  gulong        changed_id;
  char         *parent;
  char        **levels;
  guint         n_samples;
  GCancellable *cancellable;
  guint         reload_id;
  gboolean      loading;
  gboolean      framed;        /* a frame was painted since the parent was set */
  gulong        paint_id;
  GdkFrameClock *paint_clock;
  CbWorkSamples *pending;      /* read before that frame: shown after it */
};

G_DEFINE_FINAL_TYPE (CbWorkStrip, cb_work_strip, GTK_TYPE_WIDGET)

static gpointer
load_samples (CbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return cb_work_samples_load (store, data, CB_WORK_SAMPLES_OWN, cancellable, error);
}

static void
on_level_selected_cb (GtkDropDown *drop,
                      GParamSpec  *pspec,
                      CbWorkStrip *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (drop), "uuid");
  guint selected = gtk_drop_down_get_selected (drop);
  const char *level = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? "" : self->levels[selected - 1];
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || uuid == NULL)
    return;
  if (!cb_store_set (self->store, uuid, "level", level, &error))
    cb_view_error (GTK_WIDGET (self), error);
}

static GtkWidget *
level_drop_down (CbWorkStrip  *self,
                 const CbWorkSample *s)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *drop;
  int index;

  gtk_string_list_take (labels, cb_work_level_label (NULL));
  for (guint i = 0; self->levels[i]; i++)
    gtk_string_list_take (labels, cb_work_level_label (self->levels[i]));
  drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  index = cb_work_level_index ((const char * const *) self->levels, s->level);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), (guint) (index + 1));
  gtk_widget_set_tooltip_text (drop, _("Level of this sample"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Level of this sample"), -1);
  g_object_set_data_full (G_OBJECT (drop), "uuid", g_strdup (s->uuid), g_free);
  g_signal_connect (drop, "notify::selected", G_CALLBACK (on_level_selected_cb), self);
  return drop;
}

static GtkWidget *
sample_card (CbWorkStrip  *self,
             const CbWorkSample *s)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture;
  GtkWidget *title;

  gtk_widget_add_css_class (card, "card");
  if (s->thumbnail != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (s->thumbnail);
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
    }
  else
    picture = gtk_image_new_from_icon_name ("image-missing-symbolic");
  gtk_widget_set_size_request (picture, THUMB_SIZE, THUMB_SIZE * 3 / 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  s->title && *s->title ? s->title : _("Photo of student work"), -1);
  gtk_box_append (GTK_BOX (card), picture);
  title = gtk_label_new (s->title && *s->title ? s->title : _("Untitled"));
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 16);
  gtk_widget_add_css_class (title, "caption");
  gtk_box_append (GTK_BOX (card), title);
  if (s->students && *s->students)
    {
      GtkWidget *students = gtk_label_new (s->students);
      gtk_widget_add_css_class (students, "dim-label");
      gtk_widget_add_css_class (students, "caption");
      gtk_box_append (GTK_BOX (card), students);
    }
  gtk_box_append (GTK_BOX (card), level_drop_down (self, s));
  g_object_set_data_full (G_OBJECT (card), "uuid", g_strdup (s->uuid), g_free);
  return card;
}

static void
show_samples (CbWorkStrip   *self,
              CbWorkSamples *loaded)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);
  g_strfreev (self->levels);
  self->levels = g_strdupv (loaded->levels);
  for (guint i = 0; i < loaded->samples->len; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (self->flow), sample_card (self, g_ptr_array_index (loaded->samples, i)));
  self->n_samples = loaded->samples->len;
  gtk_widget_set_visible (self->flow, self->n_samples > 0);
  gtk_widget_set_visible (self->look_button, self->n_samples > 0);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CbWorkStrip) self = user_data;
  g_autoptr(GError) error = NULL;
  CbWorkSamples *loaded = cb_store_work_finish (result, &error);

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading = FALSE;
          cb_view_error (GTK_WIDGET (self), error);
        }
      return;
    }
  self->loading = FALSE;
  /* A record just opened paints its page first; the cards follow in
   * the next frame. */
  if (!self->framed && self->paint_id != 0)
    {
      g_clear_pointer (&self->pending, cb_work_samples_free);
      self->pending = loaded;
      return;
    }
  show_samples (self, loaded);
  cb_work_samples_free (loaded);
}

static void
stop_waiting (CbWorkStrip *self)
{
  /* a window's frame clock drops its handlers when the window goes */
  if (self->paint_clock != NULL && self->paint_id != 0 &&
      g_signal_handler_is_connected (self->paint_clock, self->paint_id))
    g_signal_handler_disconnect (self->paint_clock, self->paint_id);
  self->paint_id = 0;
  g_clear_object (&self->paint_clock);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   CbWorkStrip   *self)
{
  stop_waiting (self);
  self->framed = TRUE;
  if (self->pending != NULL)
    {
      show_samples (self, self->pending);
      g_clear_pointer (&self->pending, cb_work_samples_free);
    }
}

/* Waits for the next frame of the window before the cards. */
static void
wait_for_frame (CbWorkStrip *self)
{
  GdkFrameClock *clock = gtk_widget_get_realized (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  stop_waiting (self);
  self->framed = clock == NULL;
  if (clock == NULL)
    return;
  self->paint_clock = g_object_ref (clock);
  self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

static void
reload (CbWorkStrip *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || self->parent == NULL)
    {
      CbWorkSamples empty = { g_ptr_array_new (), cb_work_levels (NULL) };

      self->loading = FALSE;
      show_samples (self, &empty);
      g_ptr_array_unref (empty.samples);
      g_strfreev (empty.levels);
      return;
    }
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  cb_store_work_async (self->store, load_samples, g_strdup (self->parent), g_free, (GDestroyNotify) cb_work_samples_free,
                       self->cancellable, on_loaded_cb, g_object_ref (self));
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbWorkStrip *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore     *store,
                     const char  *kind,
                     const char  *uuid,
                     CbWorkStrip *self)
{
  static const char * const shown[] = { "student_work", "cycle", "observation", "coaching_log", NULL };

  if (self->parent == NULL || (kind != NULL && !g_strv_contains (shown, kind)))
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
attach_file (CbWorkStrip *self,
             GFile       *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    cb_work_attach_file_async (GTK_WIDGET (self), self->store, self->parent, path, NULL, cb_work_attached_cb, NULL);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            CbWorkStrip   *self)
{
  if (self->store == NULL || self->parent == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      attach_file (self, g_value_get_object (value));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      for (GSList *l = files; l != NULL; l = l->next)
        attach_file (self, l->data);
      return files != NULL;
    }
  return FALSE;
}

static void
on_texture_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CbWorkStrip) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (texture == NULL)
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  if (self->store == NULL || self->parent == NULL)
    return;
  bytes = gdk_texture_save_to_png_bytes (texture);
  cb_work_attach_bytes_async (GTK_WIDGET (self), self->store, self->parent, bytes, _("Pasted photo"),
                              NULL, cb_work_attached_cb, NULL);
}

static void
on_files_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CbWorkStrip) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (value == NULL)
    cb_view_error (GTK_WIDGET (self), error);
  else
    on_drop_cb (NULL, value, 0, 0, self);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CbWorkStrip *self = CB_WORK_STRIP (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (self->store == NULL || self->parent == NULL)
    return;
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                    on_files_read_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE))
    gdk_clipboard_read_value_async (clipboard, G_TYPE_FILE, G_PRIORITY_DEFAULT, NULL,
                                    on_files_read_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, NULL, on_texture_read_cb, g_object_ref (self));
  else
    cb_view_toast (widget, _("To paste student work, copy a photo or a photo file first."));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CbWorkStrip *self = CB_WORK_STRIP (widget);

  if (self->store != NULL && self->parent != NULL)
    cb_work_choose_photo (widget, self->store, self->parent);
}

static void
look_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CbWorkStrip *self = CB_WORK_STRIP (widget);

  if (self->store != NULL && self->parent != NULL)
    cb_work_look_new (widget, self->store, self->parent);
}

static void
build (CbWorkStrip *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Student Work"));
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  self->look_button = cb_view_wrap_button (_("_Look at Student Work"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->look_button), "work.look");
  gtk_widget_set_tooltip_text (self->look_button, _("Sort the samples by level and talk them through as a team"));
  gtk_box_append (GTK_BOX (header), self->look_button);
  self->add_button = cb_view_wrap_button (_("_Add Photo…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "work.add");
  gtk_widget_set_tooltip_text (self->add_button, _("Add a photo of student work (or drop one here, or paste one with Ctrl+V)"));
  gtk_box_append (GTK_BOX (header), self->add_button);
  gtk_box_append (GTK_BOX (self->box), header);

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), TRUE);
  gtk_widget_set_halign (self->flow, GTK_ALIGN_START);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Samples of student work"), -1);
  gtk_box_append (GTK_BOX (self->box), self->flow);

  self->hint = gtk_label_new (_("Drop photos of student work here, or paste one with Ctrl+V. "
                                "Name students by initials or pseudonyms only."));
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_widget_add_css_class (self->hint, "caption");
  gtk_box_append (GTK_BOX (self->box), self->hint);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
cb_work_strip_dispose (GObject *object)
{
  CbWorkStrip *self = CB_WORK_STRIP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_pointer (&self->pending, cb_work_samples_free);
  stop_waiting (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cb_work_strip_parent_class)->dispose (object);
}

static void
cb_work_strip_finalize (GObject *object)
{
  CbWorkStrip *self = CB_WORK_STRIP (object);

  g_free (self->parent);
  g_strfreev (self->levels);

  G_OBJECT_CLASS (cb_work_strip_parent_class)->finalize (object);
}

static void
cb_work_strip_class_init (CbWorkStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_work_strip_dispose;
  object_class->finalize = cb_work_strip_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "workstrip");
  gtk_widget_class_install_action (widget_class, "work.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "work.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "work.look", NULL, look_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "work.paste", NULL);
}

static void
cb_work_strip_init (CbWorkStrip *self)
{
  self->levels = cb_work_levels (NULL);
  build (self);
  gtk_widget_set_visible (self->flow, FALSE);
  gtk_widget_set_visible (self->look_button, FALSE);
}

GtkWidget *
cb_work_strip_new (void)
{
  return g_object_new (CB_TYPE_WORK_STRIP, NULL);
}

/**
 * cb_work_strip_set_store:
 *
 * The database the samples are read from and written to.
 */
void
cb_work_strip_set_store (CbWorkStrip *self,
                         CbStore     *store)
{
  g_return_if_fail (CB_IS_WORK_STRIP (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  reload (self);
}

/**
 * cb_work_strip_set_parent:
 * @parent: (nullable): the record whose samples to show
 *
 * Shows @parent's samples; they are read on a worker thread.
 */
void
cb_work_strip_set_parent (CbWorkStrip *self,
                          const char  *parent)
{
  g_return_if_fail (CB_IS_WORK_STRIP (self));

  if (g_strcmp0 (self->parent, parent) == 0 && parent != NULL)
    return;
  g_free (self->parent);
  self->parent = g_strdup (parent);
  gtk_widget_set_sensitive (self->add_button, parent != NULL);
  g_clear_pointer (&self->pending, cb_work_samples_free);
  wait_for_frame (self);
  reload (self);
}

const char *
cb_work_strip_get_parent (CbWorkStrip *self)
{
  g_return_val_if_fail (CB_IS_WORK_STRIP (self), NULL);

  return self->parent;
}

/**
 * cb_work_strip_get_n_samples:
 *
 * Returns: how many samples the strip shows
 */
guint
cb_work_strip_get_n_samples (CbWorkStrip *self)
{
  g_return_val_if_fail (CB_IS_WORK_STRIP (self), 0);

  return self->n_samples;
}

/**
 * cb_work_strip_is_loading:
 *
 * Returns: whether samples are being read (for tests and benches)
 */
gboolean
cb_work_strip_is_loading (CbWorkStrip *self)
{
  g_return_val_if_fail (CB_IS_WORK_STRIP (self), FALSE);

  return self->loading || self->reload_id != 0 || self->pending != NULL;
}

/**
 * cb_work_strip_get_child:
 * @name: "add", "look" or "flow"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_work_strip_get_child (CbWorkStrip *self,
                         const char  *name)
{
  g_return_val_if_fail (CB_IS_WORK_STRIP (self), NULL);

  if (g_strcmp0 (name, "add") == 0)
    return self->add_button;
  if (g_strcmp0 (name, "look") == 0)
    return self->look_button;
  if (g_strcmp0 (name, "flow") == 0)
    return self->flow;
  return NULL;
}
