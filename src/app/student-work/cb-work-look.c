/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The team's page for looking at student work (cb-work-look.h). The
 * samples are read on a worker thread (cb_work_samples_load()); a level
 * changed or a sample added anywhere reloads them. The three steps are
 * written to the record a moment after typing stops, and when the page
 * closes. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-view-util.h"
#include "cb-work-logic.h"
#include "cb-work-look.h"
#include "cb-work-samples.h"

#define RELOAD_DELAY_MS 200
#define SAVE_DELAY_MS   600
#define THUMB_SIZE      72
#define N_STEPS         3

static const char * const step_fields[N_STEPS] = { "work_describe", "work_interpret", "work_implications" };

struct _CbWorkLook
{
  AdwWindow      parent_instance;

  GtkWidget     *columns;
  GtkWidget     *steps[N_STEPS];    /* GtkTextView */

  CbStore       *store;
  gulong         changed_id;
  char          *parent;
  char         **levels;
  GPtrArray     *lists;             /* GtkListBox per column: "no level", then each level */
  char          *focus_uuid;        /* the sample to focus once reloaded */
  GCancellable  *cancellable;
  guint          reload_id;
  guint          save_id;
  gboolean       loading;
};

G_DEFINE_FINAL_TYPE (CbWorkLook, cb_work_look, ADW_TYPE_WINDOW)

static void reload (CbWorkLook *self);

static gpointer
load_samples (CbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return cb_work_samples_load (store, data, CB_WORK_SAMPLES_RELATED, cancellable, error);
}

static void
move_sample (CbWorkLook *self,
             GtkWidget  *row,
             int         step)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");
  const char *level = g_object_get_data (G_OBJECT (row), "level");
  const char *to = cb_work_level_step ((const char * const *) self->levels, level, step);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (to, level) == 0 || (to == NULL && (level == NULL || *level == '\0')))
    {
      gtk_widget_error_bell (row);
      return;
    }
  if (!cb_store_set (self->store, uuid, "level", to ? to : "", &error))
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  g_free (self->focus_uuid);
  self->focus_uuid = g_strdup (uuid);
  reload (self);
}

static gboolean
move_down_cb (GtkWidget *row,
              GVariant  *args,
              gpointer   self)
{
  move_sample (self, row, -1);
  return TRUE;
}

static gboolean
move_up_cb (GtkWidget *row,
            GVariant  *args,
            gpointer   self)
{
  move_sample (self, row, 1);
  return TRUE;
}

/* Left and Right on a sample's row (not in its entry, which keeps them
 * for its cursor) move it. */
static void
add_move_keys (CbWorkLook *self,
               GtkWidget  *row)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0), gtk_callback_action_new (move_down_cb, self, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0), gtk_callback_action_new (move_up_cb, self, NULL)));
  gtk_widget_add_controller (row, keys);
}

static void
save_students (CbWorkLook *self,
               GtkWidget  *entry)
{
  const char *uuid = g_object_get_data (G_OBJECT (entry), "uuid");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *old = g_object_get_data (G_OBJECT (entry), "saved");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (old, text) == 0)
    return;
  if (!cb_store_set (self->store, uuid, "students", text, &error))
    cb_view_error (GTK_WIDGET (self), error);
  else
    g_object_set_data_full (G_OBJECT (entry), "saved", g_strdup (text), g_free);
}

static void
on_students_activated_cb (GtkEntry   *entry,
                          CbWorkLook *self)
{
  save_students (self, GTK_WIDGET (entry));
}

static void
on_students_focus_left_cb (GtkEventControllerFocus *focus,
                           CbWorkLook              *self)
{
  save_students (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)));
}

static GtkWidget *
students_entry (CbWorkLook         *self,
                const CbWorkSample *s)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), s->students ? s->students : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Initials or pseudonyms"));
  gtk_widget_set_tooltip_text (entry, _("Name students by initials or pseudonyms only, never their full names"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Students"), -1);
  g_object_set_data_full (G_OBJECT (entry), "uuid", g_strdup (s->uuid), g_free);
  g_object_set_data_full (G_OBJECT (entry), "saved", g_strdup (s->students), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (on_students_activated_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_students_focus_left_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
sample_row (CbWorkLook         *self,
            const CbWorkSample *s)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture, *title;
  const char *name = s->title && *s->title ? s->title : _("Photo of student work");

  if (s->thumbnail != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (s->thumbnail);
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
    }
  else
    picture = gtk_image_new_from_icon_name ("image-missing-symbolic");
  gtk_widget_set_size_request (picture, THUMB_SIZE, THUMB_SIZE * 3 / 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (box), picture);
  title = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), students_entry (self, s));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* TRANSLATORS: a sample's row for screen readers: its title, then how to move it */
  {
    g_autofree char *label = g_strdup_printf (_("%s. Left or Right moves it to the level below or above."), name);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  g_object_set_data_full (G_OBJECT (row), "uuid", g_strdup (s->uuid), g_free);
  g_object_set_data_full (G_OBJECT (row), "level", g_strdup (s->level), g_free);
  add_move_keys (self, row);
  return row;
}

static GtkWidget *
column (CbWorkLook *self,
        const char *level,
        guint       n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *name = cb_work_level_label (level);
  /* TRANSLATORS: a level's column heading and how many samples are in it, e.g. "High (3)" */
  g_autofree char *heading = g_strdup_printf (_("%s (%u)"), name, n);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  {
    GtkWidget *placeholder = gtk_label_new (_("No samples at this level"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  }
  gtk_box_append (GTK_BOX (box), list);
  gtk_widget_set_size_request (box, 200, -1);
  g_ptr_array_add (self->lists, list);
  gtk_flow_box_append (GTK_FLOW_BOX (self->columns), box);
  /* the columns are no stops of their own: Tab goes to the samples */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
  return list;
}

static void
show_samples (CbWorkLook    *self,
              CbWorkSamples *loaded)
{
  GtkWidget *child;
  guint n_levels = g_strv_length (loaded->levels);
  g_autofree guint *counts = g_new0 (guint, n_levels + 1);
  GtkWidget *focus = NULL;

  g_strfreev (self->levels);
  self->levels = g_strdupv (loaded->levels);
  while ((child = gtk_widget_get_first_child (self->columns)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->columns), child);
  g_ptr_array_set_size (self->lists, 0);
  for (guint i = 0; i < loaded->samples->len; i++)
    {
      const CbWorkSample *s = g_ptr_array_index (loaded->samples, i);
      counts[cb_work_level_index ((const char * const *) self->levels, s->level) + 1]++;
    }
  /* samples not yet sorted first, then lowest to highest */
  for (guint c = 0; c <= n_levels; c++)
    {
      const char *level = c == 0 ? NULL : self->levels[c - 1];
      GtkWidget *list = column (self, level, counts[c]);

      for (guint i = 0; i < loaded->samples->len; i++)
        {
          const CbWorkSample *s = g_ptr_array_index (loaded->samples, i);
          GtkWidget *row;

          if (cb_work_level_index ((const char * const *) self->levels, s->level) + 1 != (int) c)
            continue;
          row = sample_row (self, s);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          if (g_strcmp0 (s->uuid, self->focus_uuid) == 0)
            focus = row;
        }
    }
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_clear_pointer (&self->focus_uuid, g_free);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CbWorkLook) self = user_data;
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
  show_samples (self, loaded);
  cb_work_samples_free (loaded);
}

static void
reload (CbWorkLook *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  cb_store_work_async (self->store, load_samples, g_strdup (self->parent), g_free,
                       (GDestroyNotify) cb_work_samples_free, self->cancellable, on_loaded_cb,
                       g_object_ref (self));
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CbWorkLook *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CbStore    *store,
                     const char *kind,
                     const char *uuid,
                     CbWorkLook *self)
{
  static const char * const shown[] = { "student_work", "cycle", "observation", "coaching_log", "monitor", NULL };

  if (kind != NULL && !g_strv_contains (shown, kind))
    return;
  /* our own typing of the steps reloads nothing */
  if (g_strcmp0 (uuid, self->parent) == 0)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static char *
step_text (CbWorkLook *self,
           guint       step)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->steps[step]));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CbWorkLook *self = data;

  self->save_id = 0;
  cb_work_look_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_step_changed_cb (GtkTextBuffer *buffer,
                    CbWorkLook    *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static GtkWidget *
step_area (CbWorkLook *self,
           guint       step,
           const char *heading,
           const char *hint)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (heading);
  GtkWidget *desc = gtk_label_new (hint);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_label_set_xalign (GTK_LABEL (desc), 0);
  gtk_label_set_wrap (GTK_LABEL (desc), TRUE);
  gtk_widget_add_css_class (desc, "dim-label");
  gtk_box_append (GTK_BOX (box), desc);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), frame);
  self->steps[step] = view;
  return box;
}

static void
build (CbWorkLook *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *hint = gtk_label_new (_("Sort the samples by level: focus one and press Left or Right to move it "
                                     "to the level below or above. Name students by initials or pseudonyms only."));

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Look at Student Work"), NULL));
  gtk_box_append (GTK_BOX (outer), header);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), hint);

  /* side by side, or one under another in a narrow window */
  self->columns = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->columns), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->columns), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->columns), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->columns), CB_WORK_MAX_LEVELS + 1);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->columns), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->columns), 18);
  gtk_box_append (GTK_BOX (box), self->columns);

  gtk_box_append (GTK_BOX (box), step_area (self, 0, _("1. _Describe"),
                                            _("What do we see in the work? Only what is there, without judging it.")));
  gtk_box_append (GTK_BOX (box), step_area (self, 1, _("2. _Interpret"),
                                            _("What does it tell us about what the students understand?")));
  gtk_box_append (GTK_BOX (box), step_area (self, 2, _("3. I_mplications for Teaching"),
                                            _("What will we do next in our teaching?")));

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), scroller);
  adw_window_set_content (ADW_WINDOW (self), outer);
}

static gboolean
cb_work_look_close_request (GtkWindow *window)
{
  cb_work_look_flush (CB_WORK_LOOK (window));

  return GTK_WINDOW_CLASS (cb_work_look_parent_class)->close_request (window);
}

static void
cb_work_look_dispose (GObject *object)
{
  CbWorkLook *self = CB_WORK_LOOK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cb_work_look_parent_class)->dispose (object);
}

static void
cb_work_look_finalize (GObject *object)
{
  CbWorkLook *self = CB_WORK_LOOK (object);

  g_free (self->parent);
  g_free (self->focus_uuid);
  g_strfreev (self->levels);
  g_ptr_array_unref (self->lists);

  G_OBJECT_CLASS (cb_work_look_parent_class)->finalize (object);
}

static void
cb_work_look_class_init (CbWorkLookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_work_look_dispose;
  object_class->finalize = cb_work_look_finalize;
  window_class->close_request = cb_work_look_close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cb_work_look_init (CbWorkLook *self)
{
  self->lists = g_ptr_array_new ();
  self->levels = cb_work_levels (NULL);
  build (self);
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 720);
}

/**
 * cb_work_look_new:
 * @for_widget: the view it opens from: its window is the page's parent
 * @parent: the record whose student work to look at
 *
 * Returns: (transfer none): the page, shown; it closes with Escape
 */
CbWorkLook *
cb_work_look_new (GtkWidget  *for_widget,
                  CbStore    *store,
                  const char *parent)
{
  CbWorkLook *self;
  g_autoptr(CbRecord) record = NULL;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (for_widget), NULL);
  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (parent != NULL, NULL);

  self = g_object_new (CB_TYPE_WORK_LOOK, NULL);
  root = gtk_widget_get_root (for_widget);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (self), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }
  self->store = g_object_ref (store);
  self->parent = g_strdup (parent);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);

  record = cb_store_get (store, parent, NULL);
  if (record != NULL)
    {
      const char *title = cb_record_get_title (record);
      AdwWindowTitle *wt = ADW_WINDOW_TITLE (adw_header_bar_get_title_widget (
        ADW_HEADER_BAR (gtk_widget_get_first_child (adw_window_get_content (ADW_WINDOW (self))))));

      adw_window_title_set_subtitle (wt, title ? title : "");
      for (guint i = 0; i < N_STEPS; i++)
        {
          const char *value = cb_record_get (record, step_fields[i]);
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->steps[i]));

          gtk_text_buffer_set_text (buffer, value ? value : "", -1);
        }
    }
  for (guint i = 0; i < N_STEPS; i++)
    g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->steps[i])), "changed",
                      G_CALLBACK (on_step_changed_cb), self);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * cb_work_look_flush:
 *
 * Writes the three steps to the record, those that changed.
 */
void
cb_work_look_flush (CbWorkLook *self)
{
  g_return_if_fail (CB_IS_WORK_LOOK (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->store == NULL)
    return;
  {
    g_autoptr(CbRecord) record = cb_store_get (self->store, self->parent, NULL);
    const char *names[N_STEPS];
    char *values[N_STEPS];
    guint n = 0;
    g_autoptr(GError) error = NULL;

    if (record == NULL)
      return;
    for (guint i = 0; i < N_STEPS; i++)
      {
        char *text = step_text (self, i);
        const char *old = cb_record_get (record, step_fields[i]);

        if (g_strcmp0 (old ? old : "", text) == 0)
          {
            g_free (text);
            continue;
          }
        names[n] = step_fields[i];
        values[n++] = text;
      }
    if (n > 0 && !cb_store_set_fields (self->store, self->parent, names, (const char * const *) values, n, &error))
      cb_view_error (GTK_WIDGET (self), error);
    for (guint i = 0; i < n; i++)
      g_free (values[i]);
  }
}

/**
 * cb_work_look_is_loading:
 *
 * Returns: whether samples are being read (for tests)
 */
gboolean
cb_work_look_is_loading (CbWorkLook *self)
{
  g_return_val_if_fail (CB_IS_WORK_LOOK (self), FALSE);

  return self->loading || self->reload_id != 0;
}

/**
 * cb_work_look_get_n_in_level:
 * @level: -1 for the samples without a level, else the level's index
 *
 * Returns: how many samples its column shows
 */
guint
cb_work_look_get_n_in_level (CbWorkLook *self,
                             int         level)
{
  GtkWidget *list;
  guint n = 0;

  g_return_val_if_fail (CB_IS_WORK_LOOK (self), 0);

  if (level + 1 < 0 || (guint) (level + 1) >= self->lists->len)
    return 0;
  list = g_ptr_array_index (self->lists, level + 1);
  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c) && g_object_get_data (G_OBJECT (c), "uuid") != NULL)
      n++;
  return n;
}

/**
 * cb_work_look_get_sample_row:
 *
 * Returns: (transfer none) (nullable): the row showing sample @uuid
 */
GtkWidget *
cb_work_look_get_sample_row (CbWorkLook *self,
                             const char *uuid)
{
  g_return_val_if_fail (CB_IS_WORK_LOOK (self), NULL);

  for (guint i = 0; i < self->lists->len; i++)
    for (GtkWidget *c = gtk_widget_get_first_child (g_ptr_array_index (self->lists, i)); c != NULL;
         c = gtk_widget_get_next_sibling (c))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "uuid"), uuid) == 0)
        return c;
  return NULL;
}

/**
 * cb_work_look_get_step_view:
 * @step: 0 describe, 1 interpret, 2 implications
 *
 * Returns: (transfer none): the step's text view
 */
GtkWidget *
cb_work_look_get_step_view (CbWorkLook *self,
                            guint       step)
{
  g_return_val_if_fail (CB_IS_WORK_LOOK (self), NULL);
  g_return_val_if_fail (step < N_STEPS, NULL);

  return self->steps[step];
}
