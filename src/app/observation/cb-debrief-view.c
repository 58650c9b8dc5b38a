/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The debrief, twenty minutes after the lesson: everything is read from
 * the store when the page is shown, so it pictures what was saved. This
 * file holds the page: sharing, the chart, look-fors, monitoring, the
 * timeline, the debrief's fields and its time. The action items are in
 * cb-debrief-view-action-items.c, the teacher's packet (print and PDF)
 * in cb-debrief-view-packet.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-action-logic.h"
#include "cb-capture-logic.h"
#include "cb-color-logic.h"
#include "cb-debrief-view-private.h"
#include "cb-lesson-chart-area.h"
#include "cb-minutes-logic.h"
#include "cb-monitor-logic.h"
#include "cb-privacy.h"
#include "cb-record-editor.h"
#include "cb-talk.h"
#include "cb-text-row.h"
#include "cb-view-logic.h"
#include "cb-view-util.h"
#include "cb-wrap-bin.h"
#include "cb-wrap-layout.h"

#define BIN_SECONDS 300
#define DEFAULT_DUE_DAYS 14

G_DEFINE_FINAL_TYPE (CbDebriefView, cb_debrief_view, GTK_TYPE_WIDGET)

CbStore *
_cb_debrief_view_get_store (CbDebriefView *self)
{
  return cb_names_get_store (self->names);
}

static GtkWidget *
color_chip (int color)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *cls = g_strdup_printf ("cb-lf-%d", color);

  gtk_widget_add_css_class (chip, "cb-chip");
  if (color >= 0)
    gtk_widget_add_css_class (chip, cls);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  return chip;
}

/* Gives the chip @row keeps (see timeline_row_new()) the colour of a
 * look-for, or none (-1). */
static void
set_chip_color (GtkWidget *row,
                int        color)
{
  GtkWidget *chip = g_object_get_data (G_OBJECT (row), "chip");
  int old_color = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "color"));
  g_autofree char *old_class = NULL;
  g_autofree char *new_class = NULL;

  if (old_color == color)
    return;
  old_class = g_strdup_printf ("cb-lf-%d", old_color);
  new_class = g_strdup_printf ("cb-lf-%d", color);
  if (old_color >= 0)
    gtk_widget_remove_css_class (chip, old_class);
  if (color >= 0)
    gtk_widget_add_css_class (chip, new_class);
  g_object_set_data (G_OBJECT (row), "color", GINT_TO_POINTER (color));
}

/* Sharing */

static gboolean
update_sharing (CbDebriefView *self)
{
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(GError) error = NULL;
  CbSharing sharing;
  gboolean private, shared;

  /* the packet's own rule, conflicts included: what is offered here is
   * what cb_packet_new() will make; asked for this record alone, as this
   * runs on every save of the debrief */
  if (self->uuid == NULL)
    return FALSE;
  privacy = cb_privacy_new_lazy (_cb_debrief_view_get_store (self));
  sharing = cb_privacy_teacher_sharing (privacy, self->uuid, &error);
  if (error != NULL)
    return FALSE;
  private = sharing == CB_SHARING_PRIVATE;
  shared = sharing == CB_SHARING_TEACHER;
  if (private)
    gtk_label_set_text (self->sharing_label,
                        _("This observation is private: it stays on this laptop and has no packet for the teacher."));
  else if (shared)
    gtk_label_set_text (self->sharing_label,
                        _("The teacher’s packet holds the lesson, the pictures below, strengths, wonderings, next steps and action items. Private notes and private lines never go in."));
  else
    gtk_label_set_text (self->sharing_label,
                        _("To hand the teacher a packet, turn on “Shared with teacher” below. Private notes and private lines never go in."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debrief.print", shared);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debrief.save-pdf", shared);
  return shared;
}

/* Lesson length, as the packet measures it: the lesson clock, or end −
 * start. */
static gint64
lesson_seconds (CbRecord *obs)
{
  CbClock clock;
  int start = cb_time_to_minutes (cb_record_get (obs, "start_time"));
  int end = cb_time_to_minutes (cb_record_get (obs, "end_time"));

  if (cb_clock_parse (cb_record_get (obs, "clock"), &clock) && clock.accumulated_ms > 0)
    return clock.accumulated_ms / 1000;
  if (start >= 0 && end > start)
    return (gint64) (end - start) * 60;
  return 0;
}

static char *
look_for_short (CbDebriefView *self,
                GHashTable    *cache,
                const char    *uuid)
{
  const char *cached = g_hash_table_lookup (cache, uuid);
  g_autoptr(CbRecord) record = NULL;
  const char *code;
  char *text;

  if (cached != NULL)
    return g_strdup (cached);
  record = cb_store_get (_cb_debrief_view_get_store (self), uuid, NULL);
  code = record ? cb_record_get (record, "code") : NULL;
  text = code != NULL && *code != '\0' ? g_strdup (code) : g_strdup (cb_names_lookup (self->names, uuid));
  g_hash_table_insert (cache, g_strdup (uuid), g_strdup (text));
  return text;
}

/* A row of the timeline: its colour chip, time, text and tags. */
static GtkWidget *
timeline_row_new (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *bin = cb_wrap_bin_new ();
  GtkWidget *chip = color_chip (-1);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *tags = gtk_label_new (NULL);

  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (tags), 0);
  gtk_label_set_wrap (GTK_LABEL (tags), TRUE);
  gtk_widget_add_css_class (tags, "caption");
  gtk_widget_add_css_class (tags, "dim-label");
  gtk_box_append (GTK_BOX (text_box), text);
  gtk_box_append (GTK_BOX (text_box), tags);
  gtk_widget_set_hexpand (text_box, TRUE);
  /* The text's width is measured once, not at every row height. */
  gtk_widget_set_hexpand (bin, TRUE);
  cb_wrap_bin_set_child (CB_WRAP_BIN (bin), text_box);
  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), bin);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "chip", chip);
  g_object_set_data (G_OBJECT (row), "time", time);
  g_object_set_data (G_OBJECT (row), "text", text);
  g_object_set_data (G_OBJECT (row), "tags", tags);
  g_object_set_data (G_OBJECT (row), "color", GINT_TO_POINTER (-1));
  return row;
}

static void
timeline_row_update (GtkWidget  *row,
                     int         color,
                     const char *time,
                     const char *text,
                     gboolean    phase,
                     const char *tags)
{
  GtkWidget *text_label = g_object_get_data (G_OBJECT (row), "text");
  GtkWidget *tags_label = g_object_get_data (G_OBJECT (row), "tags");

  set_chip_color (row, color);
  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (row), "time")), time);
  gtk_label_set_text (GTK_LABEL (text_label), text ? text : "");
  if (phase)
    gtk_widget_add_css_class (text_label, "heading");
  else
    gtk_widget_remove_css_class (text_label, "heading");
  gtk_label_set_text (GTK_LABEL (tags_label), tags ? tags : "");
  gtk_widget_set_visible (tags_label, tags != NULL && *tags != '\0');
}

/* The rows already there show the new lines: making and styling a row
 * costs more than changing what it says. */
static void
fill_timeline (CbDebriefView *self,
               const char    *focus,
               GPtrArray     *lines)
{
  g_autoptr(GHashTable) short_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list));
  GtkWidget *next;

  /* The placeholder is no line's row. */
  if (lines->len == 0 || (child != NULL && g_object_get_data (G_OBJECT (child), "chip") == NULL))
    {
      cb_view_clear_list (self->timeline_list);
      child = NULL;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      CbRecord *line = g_ptr_array_index (lines, i);
      const char *tags = cb_record_get (line, "tags");
      g_autofree char *offset = cb_format_offset (cb_record_get_int (line, "offset"));
      GtkWidget *row = child;

      if (row == NULL)
        {
          row = timeline_row_new ();
          gtk_list_box_append (self->timeline_list, row);
        }
      else
        child = gtk_widget_get_next_sibling (child);

      if (g_strcmp0 (cb_record_get (line, "type"), "phase") == 0)
        timeline_row_update (row, -1, offset, cb_field_choice_label (cb_kind_field (cb_kind_lookup ("evidence"), "phase"), cb_record_get (line, "phase")),
                             TRUE, NULL);
      else
        {
          g_auto(GStrv) parts = cb_refs_split (tags);
          GString *names = g_string_new (NULL);

          /* Said here too, where the coach checks what the packet holds. */
          if (g_strcmp0 (cb_record_get_privacy (line), "private") == 0)
            g_string_append (names, _("Private: not in the packet"));
          for (guint j = 0; parts[j]; j++)
            {
              g_autofree char *name = look_for_short (self, short_names, parts[j]);
              if (names->len > 0)
                g_string_append (names, " · ");
              g_string_append (names, name);
            }
          timeline_row_update (row, cb_line_color (focus, tags), offset, cb_record_get (line, "text"),
                               FALSE, names->str);
          g_string_free (names, TRUE);
        }
    }
  for (; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_list_box_remove (self->timeline_list, child);
    }
  if (lines->len == 0)
    gtk_list_box_append (self->timeline_list, cb_view_placeholder_row (_("No evidence lines")));
}

static void
fill_look_fors (CbDebriefView *self,
                const char    *focus,
                GPtrArray     *lines)
{
  g_autoptr(GArray) tags = g_array_new (FALSE, TRUE, sizeof (CbEvidenceTags));
  g_autoptr(GPtrArray) seen = NULL;
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->look_for_list));
  GtkWidget *next;

  for (guint i = 0; i < lines->len; i++)
    {
      CbRecord *line = g_ptr_array_index (lines, i);
      CbEvidenceTags t;

      if (g_strcmp0 (cb_record_get (line, "type"), "phase") == 0)
        continue;
      t.offset = cb_record_get_int (line, "offset");
      t.tags = cb_record_get (line, "tags");
      g_array_append_val (tags, t);
    }
  seen = cb_look_fors_seen (focus, (const CbEvidenceTags *) tags->data, tags->len);
  /* The rows there are kept, as in fill_timeline(); the placeholder is
   * no look-for's row. */
  if (seen->len == 0 || (child != NULL && g_object_get_data (G_OBJECT (child), "chip") == NULL))
    {
      cb_view_clear_list (self->look_for_list);
      child = NULL;
    }
  for (guint i = 0; i < seen->len; i++)
    {
      CbLookForSeen *s = g_ptr_array_index (seen, i);
      GtkWidget *row = child;
      const char *name = cb_names_lookup (self->names, s->look_for);
      g_autofree char *detail = NULL;

      if (row == NULL)
        {
          GtkWidget *chip = color_chip (-1);

          row = cb_text_row_new ();
          cb_text_row_set_title_lines (CB_TEXT_ROW (row), 2);
          cb_text_row_add_prefix (CB_TEXT_ROW (row), chip);
          g_object_set_data (G_OBJECT (row), "chip", chip);
          g_object_set_data (G_OBJECT (row), "color", GINT_TO_POINTER (-1));
          gtk_list_box_append (self->look_for_list, row);
        }
      else
        child = gtk_widget_get_next_sibling (child);

      if (s->n_lines > 0)
        {
          g_autofree char *first = cb_format_offset (s->first_offset);
          /* TRANSLATORS: "Seen in 3 lines, first at 04:10" */
          detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Seen in %u line, first at %s",
                                                 "Seen in %u lines, first at %s", s->n_lines),
                                    s->n_lines, first);
        }
      else
        detail = g_strdup (_("Not seen"));
      if (!s->in_focus)
        {
          g_autofree char *more = g_strdup_printf (_("%s · not in focus"), detail);
          g_free (detail);
          detail = g_steal_pointer (&more);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name ? name : _("(missing)"));
      cb_text_row_set_subtitle (CB_TEXT_ROW (row), detail);
      set_chip_color (row, cb_look_for_color (focus, s->look_for));
      if (s->n_lines == 0)
        gtk_widget_add_css_class (row, "cb-not-seen");
      else
        gtk_widget_remove_css_class (row, "cb-not-seen");
    }
  for (; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_list_box_remove (self->look_for_list, child);
    }
  if (seen->len == 0)
    gtk_list_box_append (self->look_for_list,
                         cb_view_placeholder_row (_("No focus look-fors and no tagged lines")));
}

static void
fill_chart (CbDebriefView *self,
            CbRecord      *obs,
            GPtrArray     *lines)
{
  g_autoptr(GPtrArray) tallies = cb_store_children (_cb_debrief_view_get_store (self), "tally", self->uuid, NULL);
  g_autoptr(GArray) infos = g_array_new (FALSE, TRUE, sizeof (CbTallyInfo));
  gint64 last = 0;

  for (guint i = 0; i < lines->len; i++)
    last = MAX (last, cb_record_get_int (g_ptr_array_index (lines, i), "offset"));
  for (guint i = 0; tallies != NULL && i < tallies->len; i++)
    {
      CbRecord *r = g_ptr_array_index (tallies, i);
      CbTallyInfo info;

      info.name = cb_record_get (r, "name");
      info.label = cb_record_get (r, "label");
      info.count = cb_record_get_int (r, "count");
      info.seconds = cb_record_get_int (r, "seconds");
      info.marks = cb_record_get (r, "marks");
      g_array_append_val (infos, info);
    }
  /* the chart copies what it keeps: the records may go */
  cb_lesson_chart_area_set_chart (self->lesson_chart,
                                  cb_lesson_chart_compute ((const CbTallyInfo *) infos->data, infos->len,
                                                           MAX (lesson_seconds (obs), last), BIN_SECONDS));
  /* the estimate from a recording, under the timed talk */
  {
    g_autofree char *estimate = cb_talk_summary (cb_record_get (obs, "talk_estimate"));

    gtk_label_set_text (self->talk_estimate_label, estimate != NULL ? estimate : "");
    gtk_widget_set_visible (GTK_WIDGET (self->talk_estimate_label), estimate != NULL);
  }
}

static void
fill_monitor (CbDebriefView *self)
{
  g_autoptr(GPtrArray) records = cb_store_children (_cb_debrief_view_get_store (self), "monitor", self->uuid, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_monitor_row_free);
  g_autofree char *summary = NULL;
  GString *text;
  guint n_seen = 0;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CbRecord *r = g_ptr_array_index (records, i);
      CbMonitorRow *row = cb_monitor_row_new (cb_record_get_uuid (r), cb_record_get (r, "strategy"));

      row->seen = cb_record_get_bool (r, "seen");
      g_free (row->students);
      row->students = g_strdup (cb_record_get (r, "students") ? cb_record_get (r, "students") : "");
      row->share_order = MAX (0, cb_record_get_int (r, "share_order"));
      n_seen += row->seen;
      g_ptr_array_add (rows, row);
    }
  gtk_widget_set_visible (self->monitor_group, rows->len > 0);
  if (rows->len == 0)
    return;
  text = g_string_new (NULL);
  /* TRANSLATORS: "3 of 4 strategies were seen." */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u strategy was seen.",
                                             "%u of %u strategies were seen.", rows->len),
                          n_seen, rows->len);
  summary = cb_share_order_summary (rows);
  if (summary != NULL)
    g_string_append_printf (text, "\n\n%s\n%s", _("Order to share in the discussion:"), summary);
  else
    g_string_append_printf (text, "\n%s", _("None was chosen for the discussion."));
  gtk_label_set_text (self->monitor_label, text->str);
  g_string_free (text, TRUE);
}

/* Changes */

static void
on_debrief_saved_cb (CbDebriefView *self)
{
  update_sharing (self);
}

static void
on_store_changed_cb (CbStore       *store,
                     const char    *kind,
                     const char    *uuid,
                     CbDebriefView *self)
{
  if (self->uuid == NULL)
    return;
  if (g_strcmp0 (kind, "action_item") == 0 && self->writing == 0)
    {
      _cb_debrief_view_fill_actions (self);
      return;
    }
  if (kind == NULL || g_strcmp0 (uuid, self->uuid) == 0 ||
      g_strcmp0 (kind, "evidence") == 0 || g_strcmp0 (kind, "tally") == 0 ||
      g_strcmp0 (kind, "monitor") == 0)
    {
      /* Capture writes often; the page catches up when it is shown.
       * The observation's own fields (its focus look-fors, say) change
       * the page too; while it is shown, they are the page's own. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)) && g_strcmp0 (uuid, self->uuid) != 0)
        cb_debrief_view_refresh (self);
      else if (g_strcmp0 (uuid, self->uuid) == 0)
        {
          update_sharing (self);
          if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
            self->stale = TRUE;
        }
      else
        self->stale = TRUE;
    }
}

/* The debrief of an ended lesson is timed while its page is open, and
 * counts in the coaching log once (cb_visit_count_minutes()). */
static void
start_debrief_time (CbDebriefView *self)
{
  g_autoptr(CbRecord) obs = NULL;
  const char *end;

  self->shown_at = 0;
  if (self->uuid == NULL || self->names == NULL ||
      (obs = cb_store_get (_cb_debrief_view_get_store (self), self->uuid, NULL)) == NULL)
    return;
  end = cb_record_get (obs, "end_time");
  if (end != NULL && *end != '\0')
    self->shown_at = g_get_monotonic_time ();
}

static void
count_debrief_time (CbDebriefView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  gint64 minutes = cb_debrief_minutes (self->shown_at, g_get_monotonic_time ());

  self->shown_at = 0;
  if (minutes <= 0 || self->uuid == NULL)
    return;
  log = cb_visit_count_minutes (_cb_debrief_view_get_store (self), self->uuid, "debrief", minutes, &error);
  if (error != NULL)
    cb_view_error (GTK_WIDGET (self), error);
  else if (log != NULL)
    {
      g_autofree char *time = cb_format_minutes (minutes);
      /* TRANSLATORS: a toast when the coach leaves a debrief; %s is a duration such as "20 min" */
      g_autofree char *text = g_strdup_printf (_("Debrief: %s counted in the coaching log"), time);

      cb_view_toast (GTK_WIDGET (self), text);
    }
}

static void
cb_debrief_view_map (GtkWidget *widget)
{
  CbDebriefView *self = CB_DEBRIEF_VIEW (widget);

  GTK_WIDGET_CLASS (cb_debrief_view_parent_class)->map (widget);
  if (self->stale)
    cb_debrief_view_refresh (self);
  start_debrief_time (self);
}

static void
cb_debrief_view_unmap (GtkWidget *widget)
{
  cb_debrief_view_flush (CB_DEBRIEF_VIEW (widget));
  count_debrief_time (CB_DEBRIEF_VIEW (widget));

  GTK_WIDGET_CLASS (cb_debrief_view_parent_class)->unmap (widget);
}

static void
cb_debrief_view_dispose (GObject *object)
{
  CbDebriefView *self = CB_DEBRIEF_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->names != NULL)
    g_clear_signal_handler (&self->changed_id, _cb_debrief_view_get_store (self));
  cb_view_dispose_template (GTK_WIDGET (self), CB_TYPE_DEBRIEF_VIEW);
  g_clear_object (&self->names);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cb_debrief_view_parent_class)->dispose (object);
}

static void
cb_debrief_view_finalize (GObject *object)
{
  CbDebriefView *self = CB_DEBRIEF_VIEW (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->teacher, g_free);

  G_OBJECT_CLASS (cb_debrief_view_parent_class)->finalize (object);
}

static void
cb_debrief_view_class_init (CbDebriefViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_debrief_view_dispose;
  object_class->finalize = cb_debrief_view_finalize;
  widget_class->map = cb_debrief_view_map;
  widget_class->unmap = cb_debrief_view_unmap;

  _cb_debrief_view_packet_init (widget_class);

  g_type_ensure (CB_TYPE_RECORD_EDITOR);
  g_type_ensure (CB_TYPE_LESSON_CHART_AREA);
  gtk_widget_class_set_layout_manager_type (widget_class, CB_TYPE_WRAP_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/cb-debrief-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, sharing_label);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, print_button);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, lesson_chart);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, talk_estimate_label);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, look_for_list);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, monitor_group);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, monitor_label);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, debrief_editor);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, action_list);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, action_entry);
  gtk_widget_class_bind_template_child (widget_class, CbDebriefView, due_entry);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_action_row_activated_cb",
                                                G_CALLBACK (_cb_debrief_view_on_action_row_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_action_add_cb",
                                                G_CALLBACK (_cb_debrief_view_on_action_add_cb));
}

static void
cb_debrief_view_init (CbDebriefView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->debrief_editor, "saved", G_CALLBACK (on_debrief_saved_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debrief.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debrief.save-pdf", FALSE);
}

GtkWidget *
cb_debrief_view_new (void)
{
  return g_object_new (CB_TYPE_DEBRIEF_VIEW, NULL);
}

void
cb_debrief_view_set_names (CbDebriefView *self,
                           CbNames       *names)
{
  g_return_if_fail (CB_IS_DEBRIEF_VIEW (self));
  g_return_if_fail (self->names == NULL);

  self->names = g_object_ref (names);
  cb_record_editor_set_names (self->debrief_editor, names);
  self->changed_id = g_signal_connect (_cb_debrief_view_get_store (self), "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
}

/**
 * cb_debrief_view_load:
 * @observation: (nullable)
 *
 * Returns: %FALSE if the observation could not be read
 */
gboolean
cb_debrief_view_load (CbDebriefView *self,
                      const char    *observation)
{
  g_autofree char *copy = g_strdup (observation);

  g_return_val_if_fail (CB_IS_DEBRIEF_VIEW (self), FALSE);
  g_return_val_if_fail (self->names != NULL, FALSE);

  cb_debrief_view_flush (self);
  count_debrief_time (self);
  g_clear_pointer (&self->uuid, g_free);
  self->uuid = g_steal_pointer (&copy);
  cb_record_editor_load (self->debrief_editor, self->uuid, FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_debrief_time (self);
  {
    g_autofree char *due = NULL;
    g_autofree char *today = cb_today_string ();

    due = cb_date_add_days (today, DEFAULT_DUE_DAYS);
    gtk_editable_set_text (GTK_EDITABLE (self->due_entry), due ? due : "");
    gtk_editable_set_text (GTK_EDITABLE (self->action_entry), "");
  }
  /* A page not shown is filled when it is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cb_debrief_view_refresh (self);
  else
    self->stale = TRUE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return self->uuid == NULL || cb_record_editor_get_uuid (self->debrief_editor) != NULL;
}

/**
 * cb_debrief_view_refresh:
 *
 * Reads the observation's lines, tallies, chart and action items again.
 */
void
cb_debrief_view_refresh (CbDebriefView *self)
{
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const char *focus;

  g_return_if_fail (CB_IS_DEBRIEF_VIEW (self));

  self->stale = FALSE;
  if (self->uuid == NULL || (obs = cb_store_get (_cb_debrief_view_get_store (self), self->uuid, NULL)) == NULL)
    {
      cb_view_clear_list (self->look_for_list);
      cb_view_clear_list (self->timeline_list);
      cb_view_clear_list (self->action_list);
      cb_lesson_chart_area_set_chart (self->lesson_chart, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->talk_estimate_label), FALSE);
      gtk_widget_set_visible (self->monitor_group, FALSE);
      return;
    }
  g_free (self->teacher);
  self->teacher = g_strdup (cb_record_get (obs, "teacher"));
  focus = cb_record_get (obs, "focus");
  lines = cb_store_children (_cb_debrief_view_get_store (self), "evidence", self->uuid, NULL);
  if (lines == NULL)
    lines = g_ptr_array_new ();
  update_sharing (self);
  fill_chart (self, obs, lines);
  fill_look_fors (self, focus, lines);
  fill_monitor (self);
  fill_timeline (self, focus, lines);
  _cb_debrief_view_fill_actions (self);
}

void
cb_debrief_view_flush (CbDebriefView *self)
{
  g_return_if_fail (CB_IS_DEBRIEF_VIEW (self));

  cb_record_editor_flush (self->debrief_editor);
}

void
cb_debrief_view_popdown (CbDebriefView *self)
{
  g_return_if_fail (CB_IS_DEBRIEF_VIEW (self));

  cb_record_editor_popdown (self->debrief_editor);
}

/**
 * cb_debrief_view_get_child:
 * @name: "lesson_chart", "look_for_list", "timeline_list",
 *   "action_list", "action_entry", "due_entry", "debrief_editor",
 *   "monitor_label", "sharing_label"
 *
 * For tests.
 *
 * Returns: (transfer none) (nullable)
 */
GtkWidget *
cb_debrief_view_get_child (CbDebriefView *self,
                           const char    *name)
{
  g_return_val_if_fail (CB_IS_DEBRIEF_VIEW (self), NULL);

  if (g_strcmp0 (name, "lesson_chart") == 0)
    return GTK_WIDGET (self->lesson_chart);
  if (g_strcmp0 (name, "look_for_list") == 0)
    return GTK_WIDGET (self->look_for_list);
  if (g_strcmp0 (name, "timeline_list") == 0)
    return GTK_WIDGET (self->timeline_list);
  if (g_strcmp0 (name, "action_list") == 0)
    return GTK_WIDGET (self->action_list);
  if (g_strcmp0 (name, "action_entry") == 0)
    return GTK_WIDGET (self->action_entry);
  if (g_strcmp0 (name, "due_entry") == 0)
    return GTK_WIDGET (self->due_entry);
  if (g_strcmp0 (name, "debrief_editor") == 0)
    return GTK_WIDGET (self->debrief_editor);
  if (g_strcmp0 (name, "monitor_label") == 0)
    return GTK_WIDGET (self->monitor_label);
  if (g_strcmp0 (name, "sharing_label") == 0)
    return GTK_WIDGET (self->sharing_label);
  return NULL;
}
