/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-talk-strip.h"
#include "cb-talk.h"

#define STRIP_HEIGHT 28

struct _CbTalkStrip
{
  GtkWidget  parent_instance;

  CbTalkEstimate *estimate;  /* as stored: the recording's clock */
  GArray    *segments;  /* of CbTalkSegment: the lesson's, on its clock */
  guint      selected;  /* index into segments */
  guint      clock_seconds;   /* as set */
  guint      lesson_seconds;  /* the evidence timeline's axis: the clock or the last line */
  GArray    *marks;     /* of guint: the evidence lines' offsets */
};

G_DEFINE_FINAL_TYPE (CbTalkStrip, cb_talk_strip, GTK_TYPE_WIDGET)

enum { CHANGED, REFUSED, ACTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Colours that read on light and dark backgrounds alike. */
const char * const cb_talk_strip_colors[CB_TALK_N_LABELS] = {
  [CB_TALK_LABEL_SILENCE] = "#9a9996",  /* mid grey: apart from a light and a dark window */
  [CB_TALK_LABEL_ONE]     = "#3584e4",
  [CB_TALK_LABEL_SEVERAL] = "#e66100",
  [CB_TALK_LABEL_TEACHER] = "#9141ac",
  [CB_TALK_LABEL_STUDENT] = "#26a269",
};

static char *
format_time (guint seconds)
{
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static void
update_description (CbTalkStrip *self)
{
  g_autofree char *text = NULL;

  if (self->segments->len == 0)
    text = g_strdup (_("No talk estimate"));
  else
    {
      const CbTalkSegment *seg = &g_array_index (self->segments, CbTalkSegment, self->selected);
      g_autofree char *from = format_time (seg->start);
      g_autofree char *to = format_time (seg->end);

      /* TRANSLATORS: a segment of the talk estimate: "2:10 to 2:45: Likely teacher" */
      text = g_strdup_printf (_("%s to %s: %s"), from, to, cb_talk_label_name (seg->label));
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
select_segment (CbTalkStrip *self,
                guint        index)
{
  if (self->segments->len == 0)
    return;
  self->selected = MIN (index, self->segments->len - 1);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The segments the coach sees, again from the estimate. */
static void
update_segments (CbTalkStrip *self)
{
  g_autoptr(GArray) lesson = cb_talk_estimate_lesson_segments (self->estimate);

  g_array_set_size (self->segments, 0);
  g_array_append_vals (self->segments, lesson->data, lesson->len);
  self->selected = MIN (self->selected, self->segments->len > 0 ? self->segments->len - 1 : 0);
}

static void
relabel_selected (CbTalkStrip *self,
                  CbTalkLabel  label)
{
  guint second;

  if (self->segments->len == 0)
    return;
  second = g_array_index (self->segments, CbTalkSegment, self->selected).start;
  if (!cb_talk_estimate_relabel (self->estimate, second, label))
    {
      g_signal_emit (self, signals[REFUSED], 0, label);
      return;
    }
  update_segments (self);
  for (guint i = 0; i < self->segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (self->segments, CbTalkSegment, i);

      if (second >= seg->start && second < seg->end)
        self->selected = i;
    }
  select_segment (self, self->selected);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CbTalkStrip           *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  g_signal_emit (self, signals[ACTED], 0);
  switch (keyval)
    {
    case GDK_KEY_Left:
      select_segment (self, self->selected > 0 ? self->selected - 1 : 0);
      return TRUE;
    case GDK_KEY_Right:
      select_segment (self, self->selected + 1);
      return TRUE;
    case GDK_KEY_Home:
      select_segment (self, 0);
      return TRUE;
    case GDK_KEY_End:
      select_segment (self, G_MAXUINT);
      return TRUE;
    case GDK_KEY_1: case GDK_KEY_KP_1:
    case GDK_KEY_2: case GDK_KEY_KP_2:
    case GDK_KEY_3: case GDK_KEY_KP_3:
    case GDK_KEY_4: case GDK_KEY_KP_4:
    case GDK_KEY_5: case GDK_KEY_KP_5:
      relabel_selected (self, (gdk_keyval_to_unicode (keyval) - '1'));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     CbTalkStrip     *self)
{
  guint total = cb_talk_axis_length (self->segments, self->lesson_seconds);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint second;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[ACTED], 0);
  if (self->segments->len == 0 || width <= 0)
    return;
  second = cb_talk_axis_second (x, total, width);
  for (guint i = 0; i < self->segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (self->segments, CbTalkSegment, i);

      if (second >= seg->start && second < seg->end)
        select_segment (self, i);
    }
}

static void
cb_talk_strip_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CbTalkStrip *self = CB_TALK_STRIP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint total = cb_talk_axis_length (self->segments, self->lesson_seconds);
  GdkRGBA color, fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  /* the axis without a recording: a faint tint of the text colour,
   * apart from the grey of a segment with no voice */
  color = fg;
  color.alpha *= 0.08f;
  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The evidence lines, as ticks above the segments of their minute. */
  fg.alpha *= 0.6f;
  for (guint i = 0; i < self->marks->len; i++)
    {
      float x = cb_talk_axis_x (g_array_index (self->marks, guint, i), total, width);

      gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (MIN (x, width - 1), 0, 1, height / 4));
    }
  fg.alpha /= 0.6f;
  if (self->segments->len == 0)
    return;
  for (guint i = 0; i < self->segments->len; i++)
    {
      const CbTalkSegment *seg = &g_array_index (self->segments, CbTalkSegment, i);
      float x0 = cb_talk_axis_x (seg->start, total, width);
      float x1 = cb_talk_axis_x (seg->end, total, width);

      gdk_rgba_parse (&color, cb_talk_strip_colors[seg->label]);
      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x0, height / 4, MAX (x1 - x0, 1), height - height / 4));
    }
  if (gtk_widget_has_focus (widget) && self->segments->len > 0)
    {
      const CbTalkSegment *seg = &g_array_index (self->segments, CbTalkSegment, self->selected);
      float x0 = cb_talk_axis_x (seg->start, total, width);
      float x1 = MAX (cb_talk_axis_x (seg->end, total, width), x0 + 3);
      const float widths[4] = { 3, 3, 3, 3 };
      GskRoundedRect outline;
      GdkRGBA c[4];

      for (guint k = 0; k < 4; k++)
        c[k] = fg;
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x0, 0, x1 - x0, height), 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, c);
    }
}

static void
cb_talk_strip_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? STRIP_HEIGHT : 120;
}

static void
cb_talk_strip_finalize (GObject *object)
{
  CbTalkStrip *self = CB_TALK_STRIP (object);

  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->estimate, cb_talk_estimate_free);
  g_clear_pointer (&self->marks, g_array_unref);
  G_OBJECT_CLASS (cb_talk_strip_parent_class)->finalize (object);
}

static void
cb_talk_strip_class_init (CbTalkStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cb_talk_strip_finalize;
  widget_class->snapshot = cb_talk_strip_snapshot;
  widget_class->measure = cb_talk_strip_measure;

  /**
   * CbTalkStrip::changed:
   *
   * The coach relabelled a segment.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CbTalkStrip::refused:
   * @label: the CbTalkLabel the coach asked for
   *
   * The coach marked a segment that is not one voice as the teacher's
   * or a student's: it was left as it is.
   */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * CbTalkStrip::acted:
   *
   * The coach pressed a key or clicked on the strip (before it acts).
   */
  signals[ACTED] = g_signal_new ("acted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "cb-talk-strip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cb_talk_strip_init (CbTalkStrip *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->segments = g_array_new (FALSE, FALSE, sizeof (CbTalkSegment));
  self->estimate = cb_talk_estimate_new (NULL, 0, 0);
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Talk estimate"), -1);
  update_description (self);
}

/**
 * cb_talk_strip_new:
 *
 * Returns: (transfer floating): an empty strip
 */
GtkWidget *
cb_talk_strip_new (void)
{
  return g_object_new (CB_TYPE_TALK_STRIP, NULL);
}

/**
 * cb_talk_strip_set_estimate:
 * @estimate: (nullable): copied; %NULL for none
 */
void
cb_talk_strip_set_estimate (CbTalkStrip          *self,
                            const CbTalkEstimate *estimate)
{
  g_return_if_fail (CB_IS_TALK_STRIP (self));

  g_clear_pointer (&self->estimate, cb_talk_estimate_free);
  self->estimate = estimate != NULL ? cb_talk_estimate_copy (estimate) : cb_talk_estimate_new (NULL, 0, 0);
  self->selected = 0;
  update_segments (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cb_talk_strip_realign:
 * @lesson_starts_at: seconds into the recording when the lesson clock
 *   started
 * @lesson_seconds: the lesson's length, 0 to keep the one known
 *
 * Moves the lesson on the recording: the same estimate, re-aligned.
 */
void
cb_talk_strip_realign (CbTalkStrip *self,
                       int          lesson_starts_at,
                       guint        lesson_seconds)
{
  g_return_if_fail (CB_IS_TALK_STRIP (self));

  self->estimate->lesson_starts_at = CLAMP (lesson_starts_at, -CB_TALK_MAX_SECONDS, CB_TALK_MAX_SECONDS);
  if (lesson_seconds > 0)
    self->estimate->lesson_seconds = MIN (lesson_seconds, CB_TALK_MAX_SECONDS);
  update_segments (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cb_talk_strip_get_estimate:
 *
 * Returns: (transfer none): the estimate, as it is to be stored
 */
const CbTalkEstimate *
cb_talk_strip_get_estimate (CbTalkStrip *self)
{
  g_return_val_if_fail (CB_IS_TALK_STRIP (self), NULL);
  return self->estimate;
}

/**
 * cb_talk_strip_get_segments:
 *
 * Returns: (transfer none) (element-type CbTalkSegment): the lesson's
 *   segments, on its clock
 */
GArray *
cb_talk_strip_get_segments (CbTalkStrip *self)
{
  g_return_val_if_fail (CB_IS_TALK_STRIP (self), NULL);
  return self->segments;
}

guint
cb_talk_strip_get_selected (CbTalkStrip *self)
{
  g_return_val_if_fail (CB_IS_TALK_STRIP (self), 0);
  return self->selected;
}

/**
 * cb_talk_strip_set_lesson:
 * @lesson_seconds: how long the lesson clock has run
 * @marks: (nullable) (element-type guint): the evidence lines' offsets
 *   on the lesson clock, copied
 *
 * Puts the strip on the evidence timeline's axis (0 to the lesson's
 * end), with a tick for each evidence line.
 */
void
cb_talk_strip_set_lesson (CbTalkStrip *self,
                          guint        lesson_seconds,
                          GArray      *marks)
{
  g_return_if_fail (CB_IS_TALK_STRIP (self));

  if (lesson_seconds == self->clock_seconds &&
      (marks == NULL ? self->marks->len == 0
                     : marks->len == self->marks->len &&
                       memcmp (marks->data, self->marks->data, marks->len * sizeof (guint)) == 0))
    return;
  self->clock_seconds = lesson_seconds;
  self->lesson_seconds = lesson_seconds;
  g_array_set_size (self->marks, 0);
  if (marks != NULL)
    g_array_append_vals (self->marks, marks->data, marks->len);
  /* a line retimed past the clock still falls on the axis */
  for (guint i = 0; i < self->marks->len; i++)
    self->lesson_seconds = MAX (self->lesson_seconds, g_array_index (self->marks, guint, i));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cb_talk_strip_get_axis_length:
 *
 * Returns: the seconds of the lesson clock the strip spans
 */
guint
cb_talk_strip_get_axis_length (CbTalkStrip *self)
{
  g_return_val_if_fail (CB_IS_TALK_STRIP (self), 0);
  return cb_talk_axis_length (self->segments, self->lesson_seconds);
}
