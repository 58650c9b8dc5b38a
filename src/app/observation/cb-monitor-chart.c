/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Monitoring, selecting and sequencing (Smith & Stein): while students
 * work, the coach ticks which anticipated strategies appear and who
 * uses them, then picks which to share and in what order. A strategy's
 * row is written the first time it is marked, so an untouched chart
 * leaves no records behind. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-capture-logic.h"
#include "cb-monitor-chart.h"
#include "cb-monitor-logic.h"
#include "cb-privacy.h"
#include "cb-view-util.h"
#include "cb-work-attach.h"
#include "cb-work-look.h"
#include "cb-wrap-bin.h"

#define STUDENTS_DELAY_MS 600

typedef struct
{
  GtkWidget *seen;
  GtkWidget *detail;
  GtkWidget *students;
  GtkWidget *share;
  GtkWidget *up;
  GtkWidget *down;
  GtkWidget *photo;
} RowUi;

struct _CbMonitorChart
{
  GtkWidget           parent_instance;

  GtkWidget          *group;
  GtkListBox         *list;
  GtkWidget          *add_entry;
  GtkLabel           *sequence_label;

  CbNames            *names;
  gulong              changed_id;
  CbLessonOffsetFunc  offset_func;
  gpointer            offset_data;

  char               *observation;
  char               *privacy;
  GPtrArray          *rows;        /* CbMonitorRow */
  GArray             *ui;          /* RowUi, parallel to rows */
  GHashTable         *dirty;       /* CbMonitorRow* with students to write */
  guint               students_id;
  guint               rebuild_id;
  guint               writing;
  gboolean            rebuilding;
};

G_DEFINE_FINAL_TYPE (CbMonitorChart, cb_monitor_chart, GTK_TYPE_WIDGET)

static void rebuild (CbMonitorChart *self);

static gboolean
rebuild_idle_cb (gpointer data)
{
  CbMonitorChart *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rows are rebuilt after the click that changed them is handled, not
 * under the button being clicked. */
static void
queue_rebuild (CbMonitorChart *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static CbStore *
get_store (CbMonitorChart *self)
{
  return cb_names_get_store (self->names);
}

static gint64
lesson_offset (CbMonitorChart *self)
{
  return self->offset_func ? self->offset_func (self->offset_data) : -1;
}

/* Writes @row: created on first use, else only the given fields. */
static gboolean
write_row (CbMonitorChart     *self,
           CbMonitorRow       *row,
           const char * const *fields)
{
  g_autofree char *position = g_strdup_printf ("%u", row->position);
  g_autofree char *seen_at = row->seen_at >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, row->seen_at) : g_strdup ("");
  g_autofree char *order = row->share_order > 0 ? g_strdup_printf ("%u", row->share_order) : g_strdup ("");
  const char *all[] = { "observation", "position", "strategy", "seen", "seen_at", "students", "share_order",
                        CB_FIELD_PRIVACY, NULL };
  const char *names[8];
  const char *values[8];
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok;

  for (guint i = 0; all[i] != NULL; i++)
    {
      const char *name = all[i];
      const char *value;

      if (row->uuid != NULL && !g_strv_contains (fields, name))
        continue;
      if (g_str_equal (name, "observation"))
        value = self->observation;
      else if (g_str_equal (name, "position"))
        value = position;
      else if (g_str_equal (name, "strategy"))
        value = row->strategy;
      else if (g_str_equal (name, "seen"))
        value = row->seen ? "1" : "0";
      else if (g_str_equal (name, "seen_at"))
        value = seen_at;
      else if (g_str_equal (name, "students"))
        value = row->students ? row->students : "";
      else if (g_str_equal (name, "share_order"))
        value = order;
      else if (row->uuid == NULL && self->privacy != NULL)
        value = self->privacy;
      else
        continue;
      names[n] = name;
      values[n++] = value;
    }

  self->writing++;
  if (row->uuid == NULL)
    {
      row->uuid = cb_store_create (get_store (self), "monitor", names, values, n, &error);
      ok = row->uuid != NULL;
    }
  else
    ok = cb_store_set_fields (get_store (self), row->uuid, names, values, n, &error);
  self->writing--;
  if (!ok)
    cb_view_error (GTK_WIDGET (self), error);
  return ok;
}

static CbMonitorRow *
row_at (CbMonitorChart *self,
        GtkWidget      *widget)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "index"));

  return index < self->rows->len ? g_ptr_array_index (self->rows, index) : NULL;
}

static char *
detail_text (CbMonitorRow *row,
             guint         n_photos)
{
  GString *out = g_string_new (NULL);

  if (!row->anticipated)
    g_string_append (out, _("Noticed during the lesson"));
  if (row->seen)
    {
      if (out->len > 0)
        g_string_append (out, " · ");
      if (row->seen_at >= 0)
        {
          g_autofree char *at = cb_format_offset (row->seen_at);
          /* TRANSLATORS: %s is the lesson time, such as 12:30 */
          g_string_append_printf (out, _("Seen at %s"), at);
        }
      else
        g_string_append (out, _("Seen"));
    }
  else if (row->anticipated)
    g_string_append (out, _("Not seen yet"));
  if (n_photos > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %u photo of student work",
                                              " · %u photos of student work", n_photos), n_photos);
  return g_string_free (out, FALSE);
}

static guint
count_photos (CbMonitorChart *self,
              CbMonitorRow   *row)
{
  g_autoptr(GPtrArray) photos = NULL;

  if (row->uuid == NULL)
    return 0;
  photos = cb_store_children (get_store (self), "student_work", row->uuid, NULL);
  return photos ? photos->len : 0;
}

/* The row must exist before a photo can belong to it. */
static const char *
row_uuid_for_photo (CbMonitorChart *self,
                    CbMonitorRow   *row)
{
  static const char * const none[] = { NULL };

  if (row->uuid == NULL && !write_row (self, row, none))
    return NULL;
  return row->uuid;
}

static void
on_photo_clicked_cb (GtkButton      *button,
                     CbMonitorChart *self)
{
  CbMonitorRow *row = row_at (self, GTK_WIDGET (button));
  const char *uuid = row ? row_uuid_for_photo (self, row) : NULL;

  if (uuid != NULL)
    cb_work_choose_photo (GTK_WIDGET (self), get_store (self), uuid);
}

static void
on_seen_toggled_cb (GtkCheckButton *button,
                    CbMonitorChart *self)
{
  CbMonitorRow *row = row_at (self, GTK_WIDGET (button));
  const char *fields[] = { "seen", "seen_at", NULL };
  RowUi *ui;

  if (self->rebuilding || row == NULL)
    return;
  row->seen = gtk_check_button_get_active (button);
  if (row->seen && row->seen_at < 0)
    row->seen_at = lesson_offset (self);
  else if (!row->seen)
    row->seen_at = -1;
  if (!write_row (self, row, fields))
    return;
  ui = &g_array_index (self->ui, RowUi, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
  {
    g_autofree char *text = detail_text (row, count_photos (self, row));
    gtk_label_set_text (GTK_LABEL (ui->detail), text);
  }
}

static gboolean
students_timeout_cb (gpointer data)
{
  CbMonitorChart *self = data;

  self->students_id = 0;
  cb_monitor_chart_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_students_changed_cb (GtkEditable    *editable,
                        CbMonitorChart *self)
{
  CbMonitorRow *row = row_at (self, GTK_WIDGET (editable));

  if (self->rebuilding || row == NULL)
    return;
  g_free (row->students);
  row->students = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_hash_table_add (self->dirty, row);
  g_clear_handle_id (&self->students_id, g_source_remove);
  self->students_id = g_timeout_add (STUDENTS_DELAY_MS, students_timeout_cb, self);
}

/* Writes the rows whose share order changed, in one transaction. */
static void
apply_orders (CbMonitorChart *self,
              const guint    *orders)
{
  const char *fields[] = { "share_order", NULL };
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  cb_monitor_chart_flush (self);
  if (!cb_store_begin (get_store (self), &error))
    {
      cb_view_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < self->rows->len && ok; i++)
    {
      CbMonitorRow *row = g_ptr_array_index (self->rows, i);

      if (row->share_order == orders[i])
        continue;
      row->share_order = orders[i];
      ok = write_row (self, row, fields);
    }
  self->writing++;
  if (!ok || !cb_store_commit (get_store (self), &error))
    {
      cb_store_rollback (get_store (self));
      if (error != NULL)
        cb_view_error (GTK_WIDGET (self), error);
      self->writing--;
      cb_monitor_chart_load (self, self->observation);
      return;
    }
  self->writing--;
  queue_rebuild (self);
}

static guint *
current_orders (CbMonitorChart *self)
{
  guint *orders = g_new0 (guint, self->rows->len + 1);

  for (guint i = 0; i < self->rows->len; i++)
    orders[i] = ((CbMonitorRow *) g_ptr_array_index (self->rows, i))->share_order;
  return orders;
}

static void
on_share_toggled_cb (GtkToggleButton *button,
                     CbMonitorChart  *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autofree guint *orders = NULL;

  if (self->rebuilding || index >= self->rows->len)
    return;
  orders = current_orders (self);
  cb_share_order_toggle (orders, self->rows->len, index);
  apply_orders (self, orders);
}

static void
on_move_clicked_cb (GtkButton      *button,
                    CbMonitorChart *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autofree guint *orders = NULL;

  if (index >= self->rows->len)
    return;
  orders = current_orders (self);
  if (cb_share_order_move (orders, self->rows->len, index, delta))
    apply_orders (self, orders);
}

static void
on_add_activated_cb (GtkEntry       *entry,
                     CbMonitorChart *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  CbMonitorRow *row;
  guint position = 0;
  const char *none[] = { NULL };

  if (*text == '\0' || self->observation == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    position = MAX (position, ((CbMonitorRow *) g_ptr_array_index (self->rows, i))->position + 1);
  /* A strategy noticed during the lesson was seen, just now. */
  row = cb_monitor_row_new (NULL, text);
  row->position = position;
  row->seen = TRUE;
  row->seen_at = lesson_offset (self);
  if (!write_row (self, row, none))
    {
      cb_monitor_row_free (row);
      return;
    }
  g_ptr_array_add (self->rows, row);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  queue_rebuild (self);
}

static GtkWidget *
move_button (CbMonitorChart *self,
             const char     *icon,
             const char     *tooltip,
             guint           index,
             int             delta)
{
  GtkWidget *button = cb_view_icon_button (icon, tooltip);

  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);
  return button;
}

/* Add a photo to the row's strategy, or drop one on the row. */
static GtkWidget *
photo_button (CbMonitorChart *self,
              CbMonitorRow   *row,
              guint           index,
              GtkWidget      *list_row)
{
  /* TRANSLATORS: tooltip; %s is a strategy */
  g_autofree char *tip = g_strdup_printf (_("Add a Photo of Student Work Using “%s”…"), row->strategy);
  GtkWidget *button = cb_view_icon_button ("camera-photo-symbolic", tip);

  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_photo_clicked_cb), self);
  if (row->uuid != NULL)
    cb_work_add_drop_target (list_row, get_store (self), row->uuid);
  return button;
}

static void
rebuild (CbMonitorChart *self)
{
  guint n_selected = 0;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->rebuilding = TRUE;
  cb_view_clear_list (self->list);
  g_array_set_size (self->ui, 0);

  for (guint i = 0; i < self->rows->len; i++)
    if (((CbMonitorRow *) g_ptr_array_index (self->rows, i))->share_order > 0)
      n_selected++;

  for (guint i = 0; i < self->rows->len; i++)
    {
      CbMonitorRow *row = g_ptr_array_index (self->rows, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *text_bin;
      GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *strategy = gtk_label_new (row->strategy);
      GtkWidget *list_row = gtk_list_box_row_new ();
      g_autofree char *detail = detail_text (row, count_photos (self, row));
      g_autofree char *share_label = row->share_order > 0
                                     /* TRANSLATORS: the place in the discussion, "#2" */
                                     ? g_strdup_printf (_("#%u"), row->share_order)
                                     : g_strdup (_("Share"));
      RowUi ui;

      ui.seen = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (ui.seen), row->seen);
      gtk_widget_set_valign (ui.seen, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (ui.seen), GTK_ACCESSIBLE_PROPERTY_LABEL, row->strategy, -1);
      gtk_widget_set_tooltip_text (ui.seen, _("Seen"));
      g_object_set_data (G_OBJECT (ui.seen), "index", GUINT_TO_POINTER (i));
      g_signal_connect (ui.seen, "toggled", G_CALLBACK (on_seen_toggled_cb), self);

      gtk_label_set_wrap (GTK_LABEL (strategy), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (strategy), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (strategy), 0);
      gtk_widget_set_hexpand (strategy, TRUE);
      ui.detail = gtk_label_new (detail);
      gtk_label_set_xalign (GTK_LABEL (ui.detail), 0);
      gtk_label_set_wrap (GTK_LABEL (ui.detail), TRUE);
      gtk_widget_add_css_class (ui.detail, "caption");
      gtk_widget_add_css_class (ui.detail, "dim-label");
      gtk_box_append (GTK_BOX (text_box), strategy);
      gtk_box_append (GTK_BOX (text_box), ui.detail);
      gtk_box_append (GTK_BOX (top), ui.seen);
      /* The text's width is measured once, not at every row height. */
      text_bin = cb_wrap_bin_new ();
      gtk_widget_set_hexpand (text_bin, TRUE);
      cb_wrap_bin_set_child (CB_WRAP_BIN (text_bin), text_box);
      gtk_box_append (GTK_BOX (top), text_bin);

      ui.students = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (ui.students), row->students ? row->students : "");
      gtk_entry_set_placeholder_text (GTK_ENTRY (ui.students), _("Who? Initials or names"));
      gtk_editable_set_width_chars (GTK_EDITABLE (ui.students), 6);
      gtk_widget_set_hexpand (ui.students, TRUE);
      {
        /* TRANSLATORS: accessible name of the entry; %s is a strategy */
        g_autofree char *a11y = g_strdup_printf (_("Students using “%s”"), row->strategy);
        gtk_accessible_update_property (GTK_ACCESSIBLE (ui.students), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      }
      g_object_set_data (G_OBJECT (ui.students), "index", GUINT_TO_POINTER (i));
      g_signal_connect (ui.students, "changed", G_CALLBACK (on_students_changed_cb), self);

      ui.share = gtk_toggle_button_new_with_label (share_label);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ui.share), row->share_order > 0);
      gtk_widget_set_tooltip_text (ui.share, row->share_order > 0
                                             ? _("Chosen for the discussion: click to take it out")
                                             : _("Choose it for the discussion"));
      gtk_widget_add_css_class (ui.share, "numeric");
      g_object_set_data (G_OBJECT (ui.share), "index", GUINT_TO_POINTER (i));
      g_signal_connect (ui.share, "toggled", G_CALLBACK (on_share_toggled_cb), self);

      ui.up = move_button (self, "go-up-symbolic", _("Share Earlier"), i, -1);
      ui.down = move_button (self, "go-down-symbolic", _("Share Later"), i, 1);
      gtk_widget_set_visible (ui.up, row->share_order > 0);
      gtk_widget_set_visible (ui.down, row->share_order > 0);
      gtk_widget_set_sensitive (ui.up, row->share_order > 1);
      gtk_widget_set_sensitive (ui.down, row->share_order > 0 && row->share_order < n_selected);

      gtk_box_append (GTK_BOX (bottom), ui.students);
      gtk_box_append (GTK_BOX (bottom), ui.share);
      gtk_box_append (GTK_BOX (bottom), ui.up);
      gtk_box_append (GTK_BOX (bottom), ui.down);
      ui.photo = photo_button (self, row, i, list_row);
      gtk_box_append (GTK_BOX (bottom), ui.photo);
      gtk_widget_set_margin_start (bottom, 30);

      gtk_box_append (GTK_BOX (box), top);
      gtk_box_append (GTK_BOX (box), bottom);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
      gtk_list_box_append (self->list, list_row);
      g_array_append_val (self->ui, ui);
    }
  if (self->rows->len == 0)
    gtk_list_box_append (self->list, cb_view_placeholder_row (_("The co-plan anticipates no strategies yet")));

  {
    g_autofree char *summary = cb_share_order_summary (self->rows);
    gtk_label_set_text (self->sequence_label, summary ? summary : "");
    gtk_widget_set_visible (GTK_WIDGET (self->sequence_label), summary != NULL);
  }
  self->rebuilding = FALSE;
}

static void
on_store_changed_cb (CbStore        *store,
                     const char     *kind,
                     const char     *uuid,
                     CbMonitorChart *self)
{
  if (self->writing > 0 || self->observation == NULL)
    return;
  /* An import, an Undo, the co-plan edited in another view, a photo. */
  if (kind == NULL || g_strcmp0 (kind, "monitor") == 0 || g_strcmp0 (kind, "coplan") == 0 ||
      g_strcmp0 (kind, "student_work") == 0)
    {
      if (kind != NULL && g_strcmp0 (kind, "monitor") == 0)
        {
          g_autoptr(CbRecord) record = cb_store_get (store, uuid, NULL);
          if (record == NULL || g_strcmp0 (cb_record_get (record, "observation"), self->observation) != 0)
            return;
        }
      cb_monitor_chart_flush (self);
      cb_monitor_chart_load (self, self->observation);
    }
}

/* The samples of the chart's strategies (and of the observation), sorted
 * by level with the team. */
static void
on_look_clicked_cb (GtkButton      *button,
                    CbMonitorChart *self)
{
  if (self->names != NULL && self->observation != NULL)
    cb_work_look_new (GTK_WIDGET (self), get_store (self), self->observation);
}

static void
cb_monitor_chart_dispose (GObject *object)
{
  CbMonitorChart *self = CB_MONITOR_CHART (object);

  if (self->names != NULL)
    {
      cb_monitor_chart_flush (self);
      g_clear_signal_handler (&self->changed_id, get_store (self));
    }
  g_clear_handle_id (&self->students_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->group, gtk_widget_unparent);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (cb_monitor_chart_parent_class)->dispose (object);
}

static void
cb_monitor_chart_finalize (GObject *object)
{
  CbMonitorChart *self = CB_MONITOR_CHART (object);

  g_clear_pointer (&self->observation, g_free);
  g_clear_pointer (&self->privacy, g_free);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->ui, g_array_unref);

  G_OBJECT_CLASS (cb_monitor_chart_parent_class)->finalize (object);
}

static void
cb_monitor_chart_class_init (CbMonitorChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_monitor_chart_dispose;
  object_class->finalize = cb_monitor_chart_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_monitor_chart_init (CbMonitorChart *self)
{
  GtkWidget *box;

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_monitor_row_free);
  self->ui = g_array_new (FALSE, TRUE, sizeof (RowUi));
  self->dirty = g_hash_table_new (NULL, NULL);

  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Monitoring Chart"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                         _("Tick each anticipated strategy you see, note who uses it, and choose the order to share them in the discussion."));
  gtk_widget_set_parent (self->group, GTK_WIDGET (self));
  {
    GtkWidget *look = cb_view_icon_button ("view-grid-symbolic", _("Look at Student Work"));

    gtk_widget_set_valign (look, GTK_ALIGN_CENTER);
    g_signal_connect (look, "clicked", G_CALLBACK (on_look_clicked_cb), self);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), look);
  }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Monitoring Chart"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));

  self->add_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->add_entry), _("Add a strategy you noticed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a strategy you noticed"), -1);
  g_signal_connect (self->add_entry, "activate", G_CALLBACK (on_add_activated_cb), self);
  gtk_box_append (GTK_BOX (box), self->add_entry);

  self->sequence_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->sequence_label, 0);
  gtk_label_set_wrap (self->sequence_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->sequence_label), "cb-sequence");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sequence_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cb_monitor_chart_new (void)
{
  return g_object_new (CB_TYPE_MONITOR_CHART, NULL);
}

void
cb_monitor_chart_set_names (CbMonitorChart *self,
                            CbNames        *names)
{
  g_return_if_fail (CB_IS_MONITOR_CHART (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  self->changed_id = g_signal_connect (get_store (self), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_monitor_chart_set_offset_func:
 * @func: (nullable): tells the lesson time, in seconds, when a strategy
 *   is ticked
 */
void
cb_monitor_chart_set_offset_func (CbMonitorChart     *self,
                                  CbLessonOffsetFunc  func,
                                  gpointer            user_data)
{
  g_return_if_fail (CB_IS_MONITOR_CHART (self));

  self->offset_func = func;
  self->offset_data = user_data;
}

/**
 * cb_monitor_chart_load:
 * @observation: (nullable): the observation being captured
 *
 * Shows the chart if the observation was prepared by a co-plan (or
 * already has chart rows); hides it otherwise.
 *
 * Returns: %TRUE if the chart is shown
 */
gboolean
cb_monitor_chart_load (CbMonitorChart *self,
                       const char     *observation)
{
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(CbRecord) plan = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autofree char *copy = g_strdup (observation);
  const char *coplan;

  g_return_val_if_fail (CB_IS_MONITOR_CHART (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_monitor_chart_flush (self);
  g_clear_pointer (&self->observation, g_free);
  g_clear_pointer (&self->privacy, g_free);
  g_ptr_array_set_size (self->rows, 0);
  if (copy == NULL || (obs = cb_store_get (get_store (self), copy, NULL)) == NULL)
    {
      rebuild (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return FALSE;
    }
  self->observation = g_steal_pointer (&copy);
  /* new rows of a private observation (by the rule, so also one that
   * holds "private" as one side of a conflict) are written private */
  {
    g_autoptr(CbPrivacy) privacy = cb_privacy_new_lazy (get_store (self));

    if (cb_privacy_is_private (privacy, self->observation))
      self->privacy = g_strdup ("private");
  }
  coplan = cb_record_get (obs, "coplan");
  if (coplan != NULL && *coplan != '\0')
    plan = cb_store_get (get_store (self), coplan, NULL);
  if (plan != NULL && cb_record_get_deleted (plan))
    g_clear_object (&plan);

  records = cb_store_children (get_store (self), "monitor", self->observation, NULL);
  stored = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_monitor_row_free);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      CbMonitorRow *row = cb_monitor_row_new (cb_record_get_uuid (r), cb_record_get (r, "strategy"));
      const char *seen_at = cb_record_get (r, "seen_at");

      row->seen = cb_record_get_bool (r, "seen");
      row->seen_at = seen_at != NULL && *seen_at != '\0' ? cb_record_get_int (r, "seen_at") : -1;
      g_free (row->students);
      row->students = g_strdup (cb_record_get (r, "students") ? cb_record_get (r, "students") : "");
      row->share_order = MAX (0, cb_record_get_int (r, "share_order"));
      row->position = MAX (0, cb_record_get_int (r, "position"));
      g_ptr_array_add (stored, row);
    }
  merged = cb_monitor_rows_merge (plan ? cb_record_get (plan, "strategies") : NULL, stored);
  g_ptr_array_extend_and_steal (self->rows, g_steal_pointer (&merged));
  rebuild (self);
  gtk_widget_set_visible (GTK_WIDGET (self), plan != NULL || self->rows->len > 0);
  return gtk_widget_get_visible (GTK_WIDGET (self));
}

/**
 * cb_monitor_chart_flush:
 *
 * Writes the students typed and not saved yet.
 */
void
cb_monitor_chart_flush (CbMonitorChart *self)
{
  const char *fields[] = { "students", NULL };
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (CB_IS_MONITOR_CHART (self));

  g_clear_handle_id (&self->students_id, g_source_remove);
  if (self->names == NULL || self->observation == NULL)
    {
      g_hash_table_remove_all (self->dirty);
      return;
    }
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    write_row (self, key, fields);
  g_hash_table_remove_all (self->dirty);
}

guint
cb_monitor_chart_get_n_rows (CbMonitorChart *self)
{
  g_return_val_if_fail (CB_IS_MONITOR_CHART (self), 0);

  return self->rows->len;
}

/**
 * cb_monitor_chart_get_row_widget:
 * @part: "seen", "students", "share", "up", "down" or "photo"
 *
 * For tests.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
cb_monitor_chart_get_row_widget (CbMonitorChart *self,
                                 guint           index,
                                 const char     *part)
{
  RowUi *ui;

  g_return_val_if_fail (CB_IS_MONITOR_CHART (self), NULL);

  if (index >= self->ui->len)
    return NULL;
  ui = &g_array_index (self->ui, RowUi, index);
  if (g_strcmp0 (part, "seen") == 0)
    return ui->seen;
  if (g_strcmp0 (part, "students") == 0)
    return ui->students;
  if (g_strcmp0 (part, "share") == 0)
    return ui->share;
  if (g_strcmp0 (part, "up") == 0)
    return ui->up;
  if (g_strcmp0 (part, "down") == 0)
    return ui->down;
  if (g_strcmp0 (part, "photo") == 0)
    return ui->photo;
  return NULL;
}

/**
 * cb_monitor_chart_attach_photo_async:
 * @index: a row
 * @path: a photo file
 *
 * What choosing or dropping a photo on row @index does: the row is
 * written if it was not yet, and the photo attached to it off the main
 * loop (cb_work_attach_file_async()).
 */
void
cb_monitor_chart_attach_photo_async (CbMonitorChart      *self,
                                     guint                index,
                                     const char          *path,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  const char *uuid;

  g_return_if_fail (CB_IS_MONITOR_CHART (self));
  g_return_if_fail (index < self->rows->len);

  uuid = row_uuid_for_photo (self, g_ptr_array_index (self->rows, index));
  if (uuid != NULL)
    cb_work_attach_file_async (GTK_WIDGET (self), get_store (self), uuid, path, NULL, callback, user_data);
}

GtkWidget *
cb_monitor_chart_get_add_entry (CbMonitorChart *self)
{
  g_return_val_if_fail (CB_IS_MONITOR_CHART (self), NULL);

  return self->add_entry;
}
