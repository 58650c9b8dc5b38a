/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The debrief packet's pages: its parts laid out as Pango items, cut into
 * pages of the paper size asked for, drawn with cairo, and written as a
 * PDF (see cb-packet.c for what it holds). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cb-packet-private.h"
#include "cb-report-pen.h"

#define MARGIN_X      54.0
#define MARGIN_TOP    50.0
#define MARGIN_BOTTOM 56.0
#define FOOTER_Y      30.0    /* from the bottom edge */
#define GUTTER        46.0    /* the timeline's time column */

#define FONT          "Sans"

static const Rgb ink        = { 0.13, 0.15, 0.18 };
static const Rgb muted      = { 0.38, 0.42, 0.47 };
static const Rgb faint      = { 0.82, 0.84, 0.87 };
static const Rgb accent     = { 0.12, 0.31, 0.47 };
static const Rgb strengths  = { 0.00, 0.62, 0.45 };
static const Rgb wonderings = { 0.90, 0.62, 0.00 };
static const Rgb next_steps = { 0.00, 0.45, 0.70 };
static const Rgb teacher_c  = { 0.90, 0.62, 0.00 };
static const Rgb student_c  = { 0.00, 0.45, 0.70 };
static const Rgb funnel_c   = { 0.84, 0.37, 0.00 };
static const Rgb focus_c    = { 0.00, 0.62, 0.45 };

static void
item_free (gpointer data)
{
  Item *it = data;
  g_clear_object (&it->layout);
  g_clear_object (&it->gutter);
  g_free (it->tops);
  g_free (it->bottoms);
  g_free (it->baselines);
  g_free (it->xs);
  g_free (it);
}

/* ------------------------------------------------------------ layout */

static PangoContext *
ensure_context (CbPacket *self)
{
  if (self->context == NULL)
    self->context = cb_report_context_new ();
  return self->context;
}

static PangoLayout *
new_layout (CbPacket   *self,
            const char *font,
            double      width)
{
  return cb_report_layout_new (ensure_context (self), font, width);
}

static void
measure_lines (Item *it)
{
  PangoLayoutIter *iter = pango_layout_get_iter (it->layout);
  guint k = 0;

  it->n_lines = pango_layout_get_line_count (it->layout);
  it->tops = g_new0 (double, it->n_lines);
  it->bottoms = g_new0 (double, it->n_lines);
  it->baselines = g_new0 (double, it->n_lines);
  it->xs = g_new0 (double, it->n_lines);
  do
    {
      PangoRectangle logical;

      if (k >= it->n_lines)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      it->tops[k] = (double) logical.y / PANGO_SCALE;
      it->bottoms[k] = (double) (logical.y + logical.height) / PANGO_SCALE;
      it->xs[k] = (double) logical.x / PANGO_SCALE;
      it->baselines[k] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      k++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Adds a text item; @markup is Pango markup, already escaped. */
static Item *
add_text (CbPacket   *self,
          const char *font,
          const char *markup,
          double      x,
          double      width,
          Rgb         color,
          double      space_before)
{
  Item *it = g_new0 (Item, 1);

  it->type = ITEM_TEXT;
  it->layout = new_layout (self, font, width - x);
  pango_layout_set_markup (it->layout, markup, -1);
  it->color = color;
  it->x = x;
  it->space_before = space_before;
  measure_lines (it);
  g_ptr_array_add (self->items, it);
  return it;
}

static Item *
add_plain (CbPacket   *self,
           const char *font,
           const char *text,
           double      x,
           double      width,
           Rgb         color,
           double      space_before)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  return add_text (self, font, markup, x, width, color, space_before);
}

static void
add_gutter (CbPacket   *self,
            Item       *it,
            const char *font,
            const char *markup)
{
  it->gutter = new_layout (self, font, -1);
  pango_layout_set_markup (it->gutter, markup, -1);
}

static Item *
add_fixed (CbPacket *self,
           ItemType  type,
           double    height,
           double    space_before)
{
  Item *it = g_new0 (Item, 1);

  it->type = type;
  it->height = height;
  it->space_before = space_before;
  g_ptr_array_add (self->items, it);
  return it;
}

static void
add_heading (CbPacket   *self,
             const char *text,
             double      width)
{
  Item *it = add_plain (self, FONT " Bold 12.5", text, 0, width, accent, 18);
  it->keep_with_next = TRUE;
}

/* A line typed as "- item", "* item" or "• item" loses its marker: the
 * packet draws its own bullets. */
static const char *
skip_list_marker (const char *line)
{
  if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
    return line + 2;
  if (g_str_has_prefix (line, "• "))
    return line + strlen ("• ");
  return line;
}

/* Several lines become a bulleted list with hanging indents. */
static void
add_body (CbPacket   *self,
          const char *text,
          const Rgb  *bar,
          double      width)
{
  g_auto(GStrv) parts = g_strsplit (text, "\n", -1);
  g_autoptr(GString) markup = g_string_new (NULL);
  guint n = 0;
  Item *it;

  for (guint i = 0; parts[i]; i++)
    if (*g_strstrip (parts[i]) != '\0')
      n++;
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *escaped = NULL;

      if (*parts[i] == '\0')
        continue;
      escaped = g_markup_escape_text (n > 1 ? skip_list_marker (parts[i]) : parts[i], -1);
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      if (n > 1)
        g_string_append (markup, "•\t");
      g_string_append (markup, escaped);
    }
  it = add_text (self, FONT " 10.5", markup->str, 12, width, ink, 4);
  it->bar = bar;
  if (n > 1)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 12);

      pango_layout_set_tabs (it->layout, tabs);
      pango_layout_set_indent (it->layout, -12 * PANGO_SCALE);
      pango_layout_set_spacing (it->layout, 3 * PANGO_SCALE);
      pango_tab_array_free (tabs);
      g_free (it->tops);
      g_free (it->bottoms);
      g_free (it->baselines);
      g_free (it->xs);
      measure_lines (it);
    }
}

static void
add_section (CbPacket   *self,
             const char *heading,
             const char *text,
             const Rgb  *bar,
             double      width)
{
  if (!nonempty (text))
    return;
  add_heading (self, heading, width);
  add_body (self, text, bar, width);
}

static double
question_chart_height (CbPacket *self)
{
  const CbTallySeries *f = cb_lesson_chart_find (self->chart, "funneling");
  const CbTallySeries *g = cb_lesson_chart_find (self->chart, "focusing");

  if ((f && f->bins) || (g && g->bins))
    return 150;
  return 0;
}

/* The header: who, when, where, the lesson and its goal. */
static void
add_header_items (CbPacket *self,
                  double    width)
{
  g_autofree char *kicker = g_utf8_strup (_("Debrief notes"), -1);
  g_autofree char *markup = NULL;

  markup = g_markup_printf_escaped ("<span letter_spacing=\"900\" weight=\"bold\">%s</span>", kicker);
  add_text (self, FONT " 8.5", markup, 0, width, accent, 0);
  g_clear_pointer (&markup, g_free);
  add_plain (self, FONT " Bold 21", self->teacher ? self->teacher : _("Your lesson"), 0, width, ink, 2);
  if (nonempty (self->when))
    add_plain (self, FONT " 10.5", self->when, 0, width, muted, 3);
  if (nonempty (self->where))
    add_plain (self, FONT " 10.5", self->where, 0, width, muted, 1);
  add_fixed (self, ITEM_RULE, 2, 10);
  if (nonempty (self->lesson))
    {
      markup = g_markup_printf_escaped ("<b>%s</b>   %s", _("Lesson"), self->lesson);
      add_text (self, FONT " 10.5", markup, 0, width, ink, 10);
      g_clear_pointer (&markup, g_free);
    }
  if (nonempty (self->goal))
    {
      markup = g_markup_printf_escaped ("<b>%s</b>   %s", _("Learning goal"), self->goal);
      add_text (self, FONT " 10.5", markup, 0, width, ink, 4);
      g_clear_pointer (&markup, g_free);
    }
  if (nonempty (self->coach))
    {
      markup = g_markup_printf_escaped ("<b>%s</b>   %s", _("Coach"), self->coach);
      add_text (self, FONT " 10.5", markup, 0, width, ink, 4);
      g_clear_pointer (&markup, g_free);
    }
}

/* What we agreed to do: one line per action, ticked when done. */
static void
add_action_items (CbPacket *self,
                  double    width)
{
  if (self->actions->len == 0)
    return;
  add_heading (self, _("What we agreed to do"), width);
  for (guint i = 0; i < self->actions->len; i++)
    {
      Action *a = g_ptr_array_index (self->actions, i);
      g_autofree char *markup = NULL;
      Item *it;

      if (nonempty (a->meta))
        markup = g_markup_printf_escaped ("%s\n<span size=\"9pt\" foreground=\"#5f6b78\">%s</span>",
                                          a->text, a->meta);
      else
        markup = g_markup_escape_text (a->text, -1);
      it = add_text (self, FONT " 10.5", markup, 20, width, ink, i == 0 ? 4 : 7);
      it->keep_together = TRUE;
      add_gutter (self, it, FONT " 12", a->done ? "☑" : "☐");
    }
}

/* The tallies as pictures: the counts, talk time and questions. */
static void
add_number_items (CbPacket *self,
                  double    width)
{
  double qh;

  if (self->chart->teacher_percent < 0 && self->counters->len == 0 && self->talk_estimate == NULL)
    return;
  qh = question_chart_height (self);
  add_heading (self, _("The lesson in numbers"), width);
  if (self->counters->len > 0)
    {
      GString *counts = g_string_new (NULL);

      for (guint i = 0; i < self->counters->len; i++)
        {
          Counter *c = g_ptr_array_index (self->counters, i);
          g_autofree char *piece = g_markup_printf_escaped ("%s <b>%" G_GINT64_FORMAT "</b>",
                                                           c->label, c->total);
          if (counts->len > 0)
            g_string_append (counts, "    ·    ");
          g_string_append (counts, piece);
        }
      add_text (self, FONT " 10", counts->str, 0, width, ink, 4)->keep_with_next = TRUE;
      g_string_free (counts, TRUE);
    }
  add_fixed (self, ITEM_TALK, self->chart->teacher_bins ? 104 : 64, 10);
  if (self->talk_estimate != NULL)
    {
      g_autofree char *estimate = g_markup_escape_text (self->talk_estimate, -1);

      add_text (self, FONT " 10", estimate, 0, width, ink, 4);
    }
  if (qh > 0)
    add_fixed (self, ITEM_QUESTIONS, qh, 12);
}

/* The look-fors: the focus, then the others seen. */
static void
add_look_for_items (CbPacket *self,
                    double    width)
{
  gboolean others = FALSE;

  if (self->seen->len == 0)
    return;
  add_heading (self, _("Look-fors"), width);
  for (guint i = 0; i < self->seen->len; i++)
    {
      Seen *s = g_ptr_array_index (self->seen, i);
      g_autofree char *detail = NULL;
      g_autofree char *markup = NULL;
      Item *it;

      if (!s->in_focus && !others)
        {
          others = TRUE;
          add_plain (self, FONT " Bold 10", _("Also seen"), 0, width, muted, 8)->keep_with_next = TRUE;
        }
      if (s->n_lines > 0)
        {
          g_autofree char *first = cb_format_offset_seconds (s->first_offset);
          detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "on %u line, first at %s",
                                                 "on %u lines, first at %s", s->n_lines),
                                    s->n_lines, first);
        }
      else
        detail = g_strdup (_("not seen this time"));
      markup = g_markup_printf_escaped ("%s  <span foreground=\"#5f6b78\">— %s</span>", s->name, detail);
      it = add_text (self, FONT " 10.5", markup, 20, width, ink, 4);
      add_gutter (self, it, FONT " 11",
                  s->n_lines > 0 ? "<span foreground=\"#009E73\">✓</span>"
                                 : "<span foreground=\"#9aa3ad\">○</span>");
    }
}

/* The evidence timeline: each line at its time, phases as headings. */
static void
add_timeline_items (CbPacket *self,
                    double    width)
{
  add_heading (self, _("Evidence timeline"), width);
  if (self->lines->len == 0)
    add_plain (self, FONT " Italic 10", _("No evidence lines were shared for this lesson."), 0, width, muted, 4);
  else
    add_plain (self, FONT " 9", _("Times are minutes:seconds from the start of the lesson."),
               0, width, muted, 2)->keep_with_next = TRUE;
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *l = g_ptr_array_index (self->lines, i);
      g_autofree char *offset = cb_format_offset_seconds (l->offset);
      g_autofree char *gutter = NULL;
      g_autofree char *markup = NULL;
      Item *it;

      if (l->phase)
        {
          g_autofree char *upper = g_utf8_strup (l->text, -1);

          markup = g_markup_printf_escaped ("<span letter_spacing=\"700\" weight=\"bold\">%s</span>", upper);
          it = add_text (self, FONT " 8.5", markup, GUTTER, width, accent, 10);
          it->rule_above = TRUE;
          it->keep_with_next = TRUE;
          gutter = g_markup_printf_escaped ("<span foreground=\"#1f4f78\">%s</span>", offset);
          add_gutter (self, it, FONT " 8.5", gutter);
        }
      else
        {
          if (l->tags_markup != NULL)
            {
              g_autofree char *escaped = g_markup_escape_text (l->text, -1);
              markup = g_strdup_printf ("%s\n<span size=\"8.5pt\" foreground=\"#5f6b78\">%s</span>",
                                        escaped, l->tags_markup);
            }
          else
            markup = g_markup_escape_text (l->text, -1);
          it = add_text (self, FONT " 10", markup, GUTTER, width, ink, 5);
          it->keep_together = TRUE;
          gutter = g_markup_printf_escaped ("<span foreground=\"#5f6b78\">%s</span>", offset);
          add_gutter (self, it, FONT " 9", gutter);
        }
    }
}

/* The coaching cycle this lesson is part of: its goal and progress. */
static void
add_cycle_items (CbPacket *self,
                 double    width)
{
  g_autofree char *text = NULL;

  if (!nonempty (self->cycle_goal))
    return;
  text = nonempty (self->cycle_progress) ? g_strdup_printf ("%s\n%s", self->cycle_goal, self->cycle_progress)
                                         : g_strdup (self->cycle_goal);
  add_section (self, _("Our coaching cycle"), text, &accent, width);
}

/* Student work: each photo at the width of the page's column, at most
 * 240 points high, with its caption under it. */
static void
add_photo_items (CbPacket *self,
                 double    width)
{
  for (guint i = 0; i < self->photos->len; i++)
    {
      const Photo *photo = g_ptr_array_index (self->photos, i);
      double w = cairo_image_surface_get_width (photo->surface);
      double h = cairo_image_surface_get_height (photo->surface);
      double scale = MIN (width / w, 240 / h);
      Item *it;

      if (i == 0)
        add_heading (self, _("Student work"), width);
      it = add_fixed (self, ITEM_PHOTO, h * scale, i == 0 ? 4 : 12);
      it->photo = photo;
      it->keep_with_next = TRUE;
      add_plain (self, FONT " 9", photo->caption, 0, width, muted, 3);
    }
}

static void
build_items (CbPacket *self,
             double    width)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_ptr_array_new_with_free_func (item_free);

  add_header_items (self, width);
  add_cycle_items (self, width);
  /* what we talked about */
  add_section (self, _("Strengths"), self->strengths, &strengths, width);
  add_section (self, _("Wonderings"), self->wonderings, &wonderings, width);
  add_section (self, _("Next steps"), self->next_steps, &next_steps, width);
  add_action_items (self, width);
  add_number_items (self, width);
  add_look_for_items (self, width);
  add_photo_items (self, width);
  add_timeline_items (self, width);
}

static double
full_height (const Item *it)
{
  if (it->type == ITEM_TEXT)
    return it->n_lines > 0 ? it->bottoms[it->n_lines - 1] - it->tops[0] : 0;
  return it->height;
}

/* The part of an item that must fit where it starts. */
static double
first_height (const Item *it)
{
  if (it->type == ITEM_TEXT && !it->keep_together)
    return it->n_lines > 0 ? it->bottoms[0] - it->tops[0] : 0;
  return full_height (it);
}

static void
paginate (CbPacket *self,
          double    width,
          double    height)
{
  double content_w = MAX (width - 2 * MARGIN_X, 72);
  double top = MARGIN_TOP;
  double bottom = MAX (height - MARGIN_BOTTOM, top + 72);
  double y = top;
  guint page = 0;

  if (self->items != NULL && self->width == width && self->height == height)
    return;
  self->width = width;
  self->height = height;
  build_items (self, content_w);
  g_clear_pointer (&self->slices, g_array_unref);
  self->slices = g_array_new (FALSE, TRUE, sizeof (Slice));

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *it = g_ptr_array_index (self->items, i);
      double before = y > top ? it->space_before : 0;
      double need = before + first_height (it);

      /* a heading stays with the first line of what follows it */
      for (guint j = i;; j++)
        {
          Item *cur = g_ptr_array_index (self->items, j);

          if (!cur->keep_with_next || j + 1 >= self->items->len)
            {
              need += first_height (cur) - (cur == it ? first_height (it) : 0);
              break;
            }
          need += full_height (cur) - (cur == it ? first_height (it) : 0);
          need += ((Item *) g_ptr_array_index (self->items, j + 1))->space_before;
        }
      if (y + need > bottom && y > top && need - before <= bottom - top)
        {
          page++;
          y = top;
          before = 0;
        }
      y += before;

      if (it->type != ITEM_TEXT)
        {
          Slice s = { i, page, y, 0, 0 };
          g_array_append_val (self->slices, s);
          y += it->height;
          continue;
        }

      for (guint from = 0; from < it->n_lines;)
        {
          guint to = from;
          double base = it->tops[from];

          while (to < it->n_lines && (y + it->bottoms[to] - base <= bottom || (to == from && y == top)))
            to++;
          if (to == from)
            {
              page++;
              y = top;
              continue;
            }
          {
            Slice s = { i, page, y, from, to };
            g_array_append_val (self->slices, s);
          }
          y += it->bottoms[to - 1] - base;
          from = to;
          if (from < it->n_lines)
            {
              page++;
              y = top;
            }
        }
    }
  self->n_pages = page + 1;
}

/**
 * cb_packet_get_n_pages:
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Lays the packet out for pages of this size (the packet keeps its own
 * margins inside them).
 *
 * Returns: the number of pages, at least 1
 */
guint
cb_packet_get_n_pages (CbPacket *self,
                       double    width,
                       double    height)
{
  g_return_val_if_fail (self != NULL, 0);
  paginate (self, width, height);
  return self->n_pages;
}

/* ----------------------------------------------------------- drawing */

static void
set_color (cairo_t   *cr,
           const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static void
show_text (CbPacket    *self,
           cairo_t     *cr,
           const char  *font,
           const char  *markup,
           double       x,
           double       y,
           double       align,   /* 0 left, 0.5 centre, 1 right of x */
           const Rgb   *color)
{
  g_autoptr(PangoLayout) layout = new_layout (self, font, -1);
  int w, h;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_size (layout, &w, &h);
  set_color (cr, color);
  cairo_move_to (cr, x - align * w / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
}

static double
text_width (CbPacket   *self,
            const char *font,
            const char *markup)
{
  g_autoptr(PangoLayout) layout = new_layout (self, font, -1);
  int w, h;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static char *
minutes_seconds (gint64 seconds)
{
  return cb_format_offset_seconds (seconds);
}

static void
draw_talk (CbPacket *self,
           cairo_t  *cr,
           double    x,
           double    y,
           double    w)
{
  CbLessonChart *c = self->chart;
  double bar_y = y + 18, bar_h = 20;
  double tw;
  g_autofree char *t_time = minutes_seconds (c->teacher_seconds);
  g_autofree char *s_time = minutes_seconds (c->student_seconds);
  g_autofree char *legend = NULL;
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", _("Talk time"));

  show_text (self, cr, FONT " 10", title, x, y, 0, &ink);
  if (c->teacher_percent < 0)
    {
      g_autofree char *none = g_markup_escape_text (_("Talk time was not timed in this lesson."), -1);
      show_text (self, cr, FONT " Italic 10", none, x, bar_y, 0, &muted);
      return;
    }

  tw = w * c->teacher_percent / 100.0;
  cairo_save (cr);
  rounded_rect (cr, x, bar_y, w, bar_h, 4);
  cairo_clip (cr);
  set_color (cr, &teacher_c);
  cairo_rectangle (cr, x, bar_y, tw, bar_h);
  cairo_fill (cr);
  set_color (cr, &student_c);
  cairo_rectangle (cr, x + tw, bar_y, w - tw, bar_h);
  cairo_fill (cr);
  cairo_restore (cr);

  {
    static const Rgb white = { 1, 1, 1 };
    g_autofree char *tl = g_markup_printf_escaped ("<b>%s %d%%</b>", _("Teacher"), c->teacher_percent);
    g_autofree char *sl = g_markup_printf_escaped ("<b>%s %d%%</b>", _("Students"), 100 - c->teacher_percent);

    if (text_width (self, FONT " 9", tl) + 12 < tw)
      show_text (self, cr, FONT " 9", tl, x + 6, bar_y + 4, 0, &white);
    if (text_width (self, FONT " 9", sl) + 12 < w - tw)
      show_text (self, cr, FONT " 9", sl, x + w - 6, bar_y + 4, 1, &white);
  }

  legend = g_markup_printf_escaped ("<span foreground=\"#E69F00\">■</span> %s %s (%d%%)      "
                                    "<span foreground=\"#0072B2\">■</span> %s %s (%d%%)",
                                    _("Teacher talk"), t_time, c->teacher_percent,
                                    _("Student talk"), s_time, 100 - c->teacher_percent);
  show_text (self, cr, FONT " 9", legend, x, bar_y + bar_h + 6, 0, &muted);

  /* talk over the lesson, when the timer kept its intervals */
  if (c->teacher_bins != NULL)
    {
      double sy = bar_y + bar_h + 26, sh = 30;
      double bw = w / c->n_bins;

      for (guint b = 0; b < c->n_bins; b++)
        {
          gint64 t = c->teacher_bins[b], s = c->student_bins[b];
          double th = c->bin_seconds ? sh * t / c->bin_seconds : 0;
          double shh = c->bin_seconds ? sh * s / c->bin_seconds : 0;

          set_color (cr, &faint);
          cairo_rectangle (cr, x + b * bw + 1, sy, bw - 2, sh);
          cairo_fill (cr);
          set_color (cr, &teacher_c);
          cairo_rectangle (cr, x + b * bw + 1, sy + sh - th, bw - 2, th);
          cairo_fill (cr);
          set_color (cr, &student_c);
          cairo_rectangle (cr, x + b * bw + 1, sy + sh - th - shh, bw - 2, shh);
          cairo_fill (cr);
        }
      {
        g_autofree char *caption = g_markup_escape_text (_("Talk in each 5 minutes of the lesson"), -1);
        show_text (self, cr, FONT " 8", caption, x, sy + sh + 2, 0, &muted);
      }
    }
}

static void
draw_questions (CbPacket *self,
                cairo_t  *cr,
                double    x,
                double    y,
                double    w)
{
  CbLessonChart *c = self->chart;
  const CbTallySeries *series[2] = {
    cb_lesson_chart_find (c, "funneling"),
    cb_lesson_chart_find (c, "focusing"),
  };
  const Rgb *colors[2] = { &funnel_c, &focus_c };
  const char *hex[2] = { "#D55E00", "#009E73" };
  double plot_x = x + 26, plot_y = y + 28, plot_h = 86, plot_w = w - 26;
  guint max = 1, step, top;
  double group;
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", _("Questions over the lesson"));
  g_autofree char *sub = g_markup_escape_text (_("per 5 minutes"), -1);
  GString *legend = g_string_new (NULL);

  for (guint k = 0; k < 2; k++)
    for (guint b = 0; series[k] && series[k]->bins && b < c->n_bins; b++)
      max = MAX (max, series[k]->bins[b]);
  step = max <= 5 ? 1 : (max + 4) / 5;
  top = ((max + step - 1) / step) * step;

  show_text (self, cr, FONT " 10", title, x, y, 0, &ink);
  show_text (self, cr, FONT " 9", sub, x + text_width (self, FONT " 10", title) + 6, y + 1, 0, &muted);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *piece = NULL;

      if (series[k] == NULL)
        continue;
      piece = g_markup_printf_escaped ("<span foreground=\"%s\">■</span> %s %" G_GINT64_FORMAT,
                                       hex[k], cb_packet_counter_label (series[k]->name, series[k]->label),
                                       series[k]->total);
      if (legend->len > 0)
        g_string_append (legend, "     ");
      g_string_append (legend, piece);
    }
  show_text (self, cr, FONT " 9", legend->str, x + w, y + 1, 1, &muted);
  g_string_free (legend, TRUE);

  /* grid and y axis */
  cairo_set_line_width (cr, 0.5);
  for (guint v = 0; v <= top; v += step)
    {
      double gy = plot_y + plot_h - plot_h * v / top;
      g_autofree char *label = g_strdup_printf ("%u", v);

      set_color (cr, &faint);
      cairo_move_to (cr, plot_x, gy);
      cairo_line_to (cr, plot_x + plot_w, gy);
      cairo_stroke (cr);
      show_text (self, cr, FONT " 8", label, plot_x - 5, gy - 5, 1, &muted);
    }

  /* bars */
  group = plot_w / c->n_bins;
  for (guint b = 0; b < c->n_bins; b++)
    {
      double bw = MIN (group * 0.34, 16);
      double gx = plot_x + b * group + (group - 2 * bw - 2) / 2;

      for (guint k = 0; k < 2; k++)
        {
          guint v = series[k] && series[k]->bins ? series[k]->bins[b] : 0;
          double h = plot_h * v / top;

          if (v == 0)
            continue;
          set_color (cr, colors[k]);
          cairo_rectangle (cr, gx + k * (bw + 2), plot_y + plot_h - h, bw, h);
          cairo_fill (cr);
        }
    }

  /* x axis: minutes at the start of each bin */
  set_color (cr, &muted);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);
  for (guint b = 0, every = MAX (1, (guint) ceil ((c->n_bins + 1) * 20.0 / plot_w)); b <= c->n_bins; b++)
    {
      g_autofree char *label = NULL;

      if (b % every != 0)
        continue;
      label = g_strdup_printf ("%u", b * c->bin_seconds / 60);
      show_text (self, cr, FONT " 8", label, plot_x + b * group, plot_y + plot_h + 3, 0.5, &muted);
    }
  {
    g_autofree char *axis = g_markup_escape_text (_("minutes from the start of the lesson"), -1);
    show_text (self, cr, FONT " 8", axis, plot_x + plot_w / 2, plot_y + plot_h + 16, 0.5, &muted);
  }
}

static void
draw_item (CbPacket    *self,
           cairo_t     *cr,
           const Slice *s,
           double       left,
           double       width)
{
  Item *it = g_ptr_array_index (self->items, s->item);

  switch (it->type)
    {
    case ITEM_RULE:
      set_color (cr, &accent);
      cairo_rectangle (cr, left, s->y, width, it->height);
      cairo_fill (cr);
      break;
    case ITEM_TALK:
      draw_talk (self, cr, left, s->y, width);
      break;
    case ITEM_QUESTIONS:
      draw_questions (self, cr, left, s->y, width);
      break;
    case ITEM_PHOTO:
      {
        double scale = it->height / cairo_image_surface_get_height (it->photo->surface);

        cairo_save (cr);
        cairo_translate (cr, left, s->y);
        cairo_scale (cr, scale, scale);
        cairo_set_source_surface (cr, it->photo->surface, 0, 0);
        cairo_paint (cr);
        cairo_restore (cr);
      }
      break;
    case ITEM_TEXT:
      {
        double base = it->tops[s->from];
        double bottom = it->bottoms[s->to - 1] - base;

        if (it->rule_above && s->from == 0)
          {
            set_color (cr, &faint);
            cairo_set_line_width (cr, 0.6);
            cairo_move_to (cr, left, s->y - 4);
            cairo_line_to (cr, left + width, s->y - 4);
            cairo_stroke (cr);
          }
        if (it->bar != NULL)
          {
            set_color (cr, it->bar);
            cairo_rectangle (cr, left, s->y + 1, 3, bottom - 2);
            cairo_fill (cr);
          }
        if (it->gutter != NULL && s->from == 0)
          {
            double gb = (double) pango_layout_get_baseline (it->gutter) / PANGO_SCALE;

            set_color (cr, &muted);
            cairo_move_to (cr, left, s->y + it->baselines[0] - base - gb);
            pango_cairo_show_layout (cr, it->gutter);
          }
        set_color (cr, &it->color);
        for (guint k = s->from; k < s->to; k++)
          {
            cairo_move_to (cr, left + it->x + it->xs[k], s->y + it->baselines[k] - base);
            pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (it->layout, k));
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * cb_packet_draw_page:
 * @cr: where to draw, in points, with (0, 0) the page's top left
 * @page: from 0 to cb_packet_get_n_pages() - 1
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Draws one page: the packet's margins are inside @width × @height.
 */
void
cb_packet_draw_page (CbPacket *self,
                     cairo_t  *cr,
                     guint     page,
                     double    width,
                     double    height)
{
  double left = MARGIN_X;
  double content_w = MAX (width - 2 * MARGIN_X, 72);
  g_autofree char *left_footer = NULL;
  g_autofree char *right_footer = NULL;
  g_autofree char *lm = NULL;
  g_autofree char *rm = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  paginate (self, width, height);
  if (page >= self->n_pages)
    return;

  cairo_save (cr);
  for (guint i = 0; i < self->slices->len; i++)
    {
      const Slice *s = &g_array_index (self->slices, Slice, i);

      if (s->page == page)
        draw_item (self, cr, s, left, content_w);
    }

  /* footer */
  set_color (cr, &faint);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, height - FOOTER_Y - 6);
  cairo_line_to (cr, left + content_w, height - FOOTER_Y - 6);
  cairo_stroke (cr);
  left_footer = g_strdup (self->title);
  right_footer = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  lm = g_markup_escape_text (left_footer, -1);
  rm = g_markup_escape_text (right_footer, -1);
  show_text (self, cr, FONT " 8", lm, left, height - FOOTER_Y, 0, &muted);
  show_text (self, cr, FONT " 8", rm, left + content_w, height - FOOTER_Y, 1, &muted);
  cairo_restore (cr);
}

/* ------------------------------------------------------------ the PDF */

typedef struct
{
  CbPacket *packet;
  double    width;
  double    height;
} PacketPages;

static void
draw_packet_pages (cairo_t  *cr,
                   gpointer  data)
{
  PacketPages *pages = data;
  guint n = cb_packet_get_n_pages (pages->packet, pages->width, pages->height);

  for (guint page = 0; page < n; page++)
    {
      cb_packet_draw_page (pages->packet, cr, page, pages->width, pages->height);
      cairo_show_page (cr);
    }
}

/**
 * cb_packet_write_pdf:
 * @path: the PDF file; replaced only once it is complete
 * @width: the page's width in points, such as %CB_PAPER_A4_WIDTH
 * @height: the page's height in points
 *
 * Returns: %TRUE on success
 */
gboolean
cb_packet_write_pdf (CbPacket    *self,
                     const char  *path,
                     double       width,
                     double       height,
                     GError     **error)
{
  PacketPages pages = { self, width, height };
  g_autofree char *failure = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  if (cb_report_write_pdf (path, width, height, self->title, self->coach,
                           draw_packet_pages, &pages, &failure, error))
    return TRUE;
  if (failure == NULL)
    return FALSE;
  name = g_filename_display_name (path);
  g_set_error (error, CB_PACKET_ERROR, CB_PACKET_ERROR_WRITE,
               _("Could not write the packet to “%s”: %s"), name, failure);
  return FALSE;
}
