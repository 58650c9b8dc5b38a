/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The debrief packet: a snapshot of what an observation shares with its
 * teacher, laid out in pages with Pango and drawn with cairo.
 *
 * cb_packet_new() reads everything it needs from the store once and
 * keeps its own copy, so pages can be drawn later (or on another
 * thread) without touching the store. What may go in is asked of the
 * one privacy rule (cb-privacy.h) while reading: see docs/privacy.md.
 *
 * This file reads the packet; cb-packet-layout.c lays it out in pages,
 * draws them and writes the PDF. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>
#ifdef HAVE_NL_PAPER
#include <langinfo.h>
#endif

#include "cb-locale.h"
#include "cb-packet-private.h"
#include "cb-cycle.h"
#include "cb-image.h"
#include "cb-privacy.h"
#include "cb-refs.h"
#include "cb-talk.h"

#define BIN_SECONDS   300

/* Okabe–Ito colours, told apart by most colour-blind readers; a look-for
 * keeps its colour from one packet to the next. */
static const char * const tag_colors[] = {
  "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#555555",
};

G_DEFINE_QUARK (cb-packet-error-quark, cb_packet_error)

/* ------------------------------------------------------------ freeing */

static void
line_free (gpointer data)
{
  Line *l = data;
  g_free (l->text);
  g_free (l->tags_markup);
  g_free (l);
}

static void
action_free (gpointer data)
{
  Action *a = data;
  g_free (a->text);
  g_free (a->meta);
  g_free (a);
}

static void
seen_free (gpointer data)
{
  Seen *s = data;
  g_free (s->name);
  g_free (s);
}

static void
counter_free (gpointer data)
{
  Counter *c = data;
  g_free (c->label);
  g_free (c);
}

/* ------------------------------------------------------- paper, dates */

/**
 * cb_packet_default_paper:
 * @width: (out): points
 * @height: (out): points
 *
 * The paper of the user's locale (LC_PAPER): US Letter where that is
 * the custom, A4 elsewhere.
 */
void
cb_packet_default_paper (double *width,
                         double *height)
{
  gboolean letter = FALSE;

#ifdef HAVE_NL_PAPER
  {
    int w = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);
    letter = w == 216;
  }
#endif
  *width = letter ? CB_PAPER_LETTER_WIDTH : CB_PAPER_A4_WIDTH;
  *height = letter ? CB_PAPER_LETTER_HEIGHT : CB_PAPER_A4_HEIGHT;
}

static GDateTime *
parse_date (const char *text)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new_utc (y, m, d, 12, 0, 0);
}

static char *
format_date (const char *text,
             gboolean    long_form)
{
  g_autoptr(GDateTime) dt = parse_date (text);

  if (dt == NULL)
    return g_strdup (text ? text : "");
  /* Translators: a date in a teacher's packet, see g_date_time_format() */
  return cb_date_time_format (dt, long_form ? _("%A, %B %-d, %Y") : _("%b %-d, %Y"));
}

/* ------------------------------------------------------------ reading */

static const char *
lookup (GHashTable *names,
        const char *uuid)
{
  return uuid && *uuid ? g_hash_table_lookup (names, uuid) : NULL;
}

const char *
cb_packet_counter_label (const char *name,
                         const char *stored)
{
  if (g_strcmp0 (name, "funneling") == 0)
    return _("Funneling questions");
  if (g_strcmp0 (name, "focusing") == 0)
    return _("Focusing questions");
  if (g_strcmp0 (name, "otr") == 0)
    return _("Opportunities to respond");
  return stored && *stored ? stored : name;
}

static int
counter_rank (const char *name)
{
  static const char * const known[] = { "funneling", "focusing", "otr" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (name, known[i]) == 0)
      return i;
  return G_N_ELEMENTS (known);
}

/* The usual counters first, in their usual order; the coach's own after. */
static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const CbTallySeries *x = *(const CbTallySeries **) a, *y = *(const CbTallySeries **) b;

  return counter_rank (x->name) - counter_rank (y->name);
}

static char *
tags_markup (GHashTable *look_fors,
             const char *tags)
{
  g_auto(GStrv) parts = cb_refs_split (tags);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      const char *name = lookup (look_fors, parts[i]);
      g_autofree char *piece = NULL;

      if (name == NULL)
        continue;
      piece = g_markup_printf_escaped ("<span foreground=\"%s\">■</span> %s",
                                       tag_colors[g_str_hash (parts[i]) % G_N_ELEMENTS (tag_colors)],
                                       name);
      if (out->len > 0)
        g_string_append (out, "   ");
      g_string_append (out, piece);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gint64
lesson_seconds (CbRecord *obs)
{
  g_auto(GStrv) clock = g_strsplit (cb_record_get (obs, "clock"), ";", -1);
  int start = cb_time_to_minutes (cb_record_get (obs, "start_time"));
  int end = cb_time_to_minutes (cb_record_get (obs, "end_time"));

  /* the lesson clock knows the real length, pauses left out */
  if (g_strv_length (clock) >= 2)
    {
      gint64 ms = g_ascii_strtoll (clock[1], NULL, 10);
      if (ms > 0)
        return ms / 1000;
    }
  if (start >= 0 && end > start)
    return (gint64) (end - start) * 60;
  return 0;
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  CbRecord *x = *(CbRecord **) a, *y = *(CbRecord **) b;
  const char *dx = cb_record_get (x, "due"), *dy = cb_record_get (y, "due");

  if ((*dx == '\0') != (*dy == '\0'))
    return *dx == '\0' ? 1 : -1;
  return strcmp (dx, dy);
}

static gboolean
may_leave (CbPrivacy *privacy,
           CbRecord  *record)
{
  return cb_privacy_record_may_leave (privacy, cb_record_get_uuid (record));
}

static gboolean
read_actions (CbPacket    *self,
              CbStore     *store,
              CbPrivacy   *privacy,
              const char  *uuid,
              GHashTable  *people,
              GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) logs = NULL;
  CbFilter filter = { 0 };

  /* the observation itself, and the (non-private) logs of its debrief */
  g_ptr_array_add (sources, g_strdup (uuid));
  filter.kind = "coaching_log";
  filter.ref_field = "observation";
  filter.ref_value = uuid;
  if ((logs = cb_store_list (store, &filter, G_MAXINT, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < logs->len; i++)
    if (may_leave (privacy, g_ptr_array_index (logs, i)))
      g_ptr_array_add (sources, g_strdup (cb_record_get_uuid (g_ptr_array_index (logs, i))));

  for (guint s = 0; s < sources->len; s++)
    {
      g_autoptr(GPtrArray) found = NULL;

      memset (&filter, 0, sizeof filter);
      filter.kind = "action_item";
      filter.ref_field = "source";
      filter.ref_value = g_ptr_array_index (sources, s);
      if ((found = cb_store_list (store, &filter, G_MAXINT, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < found->len; i++)
        if (may_leave (privacy, g_ptr_array_index (found, i)))
          g_ptr_array_add (items, g_object_ref (g_ptr_array_index (found, i)));
    }
  g_ptr_array_sort (items, compare_actions);

  for (guint i = 0; i < items->len; i++)
    {
      CbRecord *r = g_ptr_array_index (items, i);
      const char *status = cb_record_get (r, "status");
      Action *a;
      GString *meta = g_string_new (NULL);
      const char *owner = lookup (people, cb_record_get (r, "owner"));

      if (g_strcmp0 (status, "dropped") == 0)
        {
          g_string_free (meta, TRUE);
          continue;
        }
      a = g_new0 (Action, 1);
      a->text = g_strdup (cb_record_get (r, "text"));
      a->done = g_strcmp0 (status, "done") == 0;
      if (owner != NULL)
        g_string_append_printf (meta, _("Who: %s"), owner);
      if (nonempty (cb_record_get (r, "due")))
        {
          g_autofree char *d = format_date (cb_record_get (r, "due"), FALSE);
          if (meta->len > 0)
            g_string_append (meta, "  ·  ");
          g_string_append_printf (meta, _("By: %s"), d);
        }
      if (nonempty (cb_record_get (r, "check_back")))
        {
          g_autofree char *d = format_date (cb_record_get (r, "check_back"), FALSE);
          if (meta->len > 0)
            g_string_append (meta, "  ·  ");
          g_string_append_printf (meta, _("We check back: %s"), d);
        }
      if (a->done)
        {
          if (meta->len > 0)
            g_string_append (meta, "  ·  ");
          g_string_append (meta, _("Done"));
        }
      a->meta = g_string_free (meta, FALSE);
      g_ptr_array_add (self->actions, a);
    }
  return TRUE;
}

/* The privacy rule of @store, once @obs is known to be an observation
 * that may go into its teacher's packet; else %NULL with @error set. */
static CbPrivacy *
open_shared (CbStore     *store,
             CbRecord    *obs,
             const char  *uuid,
             GError     **error)
{
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(GError) local_error = NULL;
  CbSharing sharing;

  if (g_strcmp0 (cb_record_get_kind (obs), "observation") != 0)
    {
      g_set_error (error, CB_PACKET_ERROR, CB_PACKET_ERROR_NOT_AN_OBSERVATION,
                   _("The record %s is not an observation; a packet is made from an observation."),
                   uuid);
      return NULL;
    }
  if (cb_record_get_deleted (obs))
    {
      g_set_error_literal (error, CB_PACKET_ERROR, CB_PACKET_ERROR_DELETED,
                           _("This observation is in the Trash. Restore it to make a packet."));
      return NULL;
    }
  if ((privacy = cb_privacy_new (store, error)) == NULL)
    return NULL;
  sharing = cb_privacy_teacher_sharing (privacy, uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (sharing == CB_SHARING_PRIVATE)
    {
      g_set_error_literal (error, CB_PACKET_ERROR, CB_PACKET_ERROR_PRIVATE,
                           _("This observation is private, so it cannot go into a teacher’s packet. "
                             "Change its privacy to “Teacher” first."));
      return NULL;
    }
  if (sharing != CB_SHARING_TEACHER)
    {
      g_set_error_literal (error, CB_PACKET_ERROR, CB_PACKET_ERROR_NOT_SHARED,
                           _("This observation is not shared with the teacher. "
                             "Turn on “Shared with teacher” first."));
      return NULL;
    }
  return g_steal_pointer (&privacy);
}

/* The packet's heading: who, when, where. */
static void
read_heading (CbPacket   *self,
              CbRecord   *obs,
              GHashTable *people,
              GHashTable *schools)
{
  g_autoptr(GString) when = g_string_new (NULL);
  g_autoptr(GString) where = g_string_new (NULL);
  const char *grade, *period, *school, *start, *end;

  self->teacher = g_strdup (lookup (people, cb_record_get (obs, "teacher")));
  self->date = g_strdup (cb_record_get (obs, "date"));
  self->date_label = format_date (self->date, FALSE);
  self->lesson = g_strdup (cb_record_get (obs, "lesson"));
  self->strengths = g_strdup (cb_record_get (obs, "strengths"));
  /* the labels estimated from a recording, marked as an estimate; the
   * recording itself is never anywhere in the store */
  self->talk_estimate = cb_talk_summary (cb_record_get (obs, "talk_estimate"));
  self->wonderings = g_strdup (cb_record_get (obs, "wonderings"));
  self->next_steps = g_strdup (cb_record_get (obs, "next_steps"));
  self->coach = g_strdup (cb_record_get_author (obs));

  if (nonempty (self->date))
    {
      g_autofree char *d = format_date (self->date, TRUE);
      g_string_append (when, d);
    }
  start = cb_record_get (obs, "start_time");
  end = cb_record_get (obs, "end_time");
  if (nonempty (start))
    g_string_append_printf (when, "%s%s%s%s", when->len ? "  ·  " : "", start,
                            nonempty (end) ? "–" : "", nonempty (end) ? end : "");
  self->when = g_string_free (g_steal_pointer (&when), FALSE);

  grade = cb_record_get (obs, "grade");
  period = cb_record_get (obs, "class_period");
  school = lookup (schools, cb_record_get (obs, "school"));
  if (nonempty (grade))
    g_string_append_printf (where, _("Grade %s"), grade);
  if (nonempty (period))
    g_string_append_printf (where, "%s%s", where->len ? "  ·  " : "", period);
  if (nonempty (school))
    g_string_append_printf (where, "%s%s", where->len ? "  ·  " : "", school);
  self->where = g_string_free (g_steal_pointer (&where), FALSE);
}

/* The evidence lines that may leave; @tags receives the tags of each
 * line that is not a phase marker. Returns the end of the last line, in
 * seconds from the lesson's start. */
static gint64
read_lines (CbPacket   *self,
            CbPrivacy  *privacy,
            GHashTable *look_fors,
            GPtrArray  *evidence,
            GArray     *tags)
{
  gint64 last_offset = 0;

  for (guint i = 0; i < evidence->len; i++)
    {
      CbRecord *r = g_ptr_array_index (evidence, i);
      Line *line;

      if (!may_leave (privacy, r))
        continue;
      line = g_new0 (Line, 1);
      line->offset = MAX (cb_record_get_int (r, "offset"), 0);
      line->phase = g_strcmp0 (cb_record_get (r, "type"), "phase") == 0;
      line->text = g_strdup (cb_record_get (r, "text"));
      if (line->phase && *line->text == '\0')
        {
          g_free (line->text);
          line->text = g_strdup (cb_field_choice_label (cb_kind_field (cb_kind_lookup ("evidence"), "phase"), cb_record_get (r, "phase")));
        }
      line->tags_markup = tags_markup (look_fors, cb_record_get (r, "tags"));
      last_offset = MAX (last_offset, line->offset + 1);
      g_ptr_array_add (self->lines, line);
      if (!line->phase)
        {
          CbEvidenceTags t = { line->offset, cb_record_get (r, "tags") };
          g_array_append_val (tags, t);
        }
    }

  return last_offset;
}

/* The look-fors seen, the focus first, by the name each may show. */
static void
read_seen (CbPacket   *self,
           CbRecord   *obs,
           GHashTable *look_fors,
           GArray     *tags)
{
  g_autoptr(GPtrArray) seen = NULL;

  seen = cb_look_fors_seen (cb_record_get (obs, "focus"), (const CbEvidenceTags *) tags->data, tags->len);
  for (guint i = 0; i < seen->len; i++)
    {
      CbLookForSeen *s = g_ptr_array_index (seen, i);
      const char *name = lookup (look_fors, s->look_for);
      Seen *out;

      if (name == NULL)
        continue;
      out = g_new0 (Seen, 1);
      out->name = g_strdup (name);
      out->in_focus = s->in_focus;
      out->n_lines = s->n_lines;
      out->first_offset = s->first_offset;
      g_ptr_array_add (self->seen, out);
    }
}

/* The lesson chart and its counters, from the tallies that may leave. */
static void
read_counters (CbPacket  *self,
               CbPrivacy *privacy,
               CbRecord  *obs,
               GPtrArray *tallies,
               gint64     last_offset)
{
  g_autoptr(GArray) infos = g_array_new (FALSE, TRUE, sizeof (CbTallyInfo));
  gint64 length;

  for (guint i = 0; i < tallies->len; i++)
    {
      CbRecord *r = g_ptr_array_index (tallies, i);
      CbTallyInfo info;

      if (!may_leave (privacy, r))
        continue;
      info.name = cb_record_get (r, "name");
      info.label = cb_record_get (r, "label");
      info.count = cb_record_get_int (r, "count");
      info.seconds = cb_record_get_int (r, "seconds");
      info.marks = cb_record_get (r, "marks");
      g_array_append_val (infos, info);
    }
  length = MAX (lesson_seconds (obs), last_offset);
  self->chart = cb_lesson_chart_compute ((const CbTallyInfo *) infos->data, infos->len,
                                         length, BIN_SECONDS);
  /* g_ptr_array_sort() is stable */
  g_ptr_array_sort (self->chart->series, compare_series);
  for (guint i = 0; i < self->chart->series->len; i++)
    {
      const CbTallySeries *s = g_ptr_array_index (self->chart->series, i);
      Counter *c = g_new0 (Counter, 1);

      c->label = g_strdup (cb_packet_counter_label (s->name, s->label));
      c->total = s->total;
      g_ptr_array_add (self->counters, c);
    }
}

static void
set_title (CbPacket *self)
{
  if (self->teacher != NULL && *self->date_label != '\0')
    self->title = g_strdup_printf (_("Debrief notes for %s, %s"), self->teacher, self->date_label);
  else if (self->teacher != NULL)
    self->title = g_strdup_printf (_("Debrief notes for %s"), self->teacher);
  else if (*self->date_label != '\0')
    self->title = g_strdup_printf (_("Debrief notes, %s"), self->date_label);
  else
    self->title = g_strdup (_("Debrief notes"));
}

/* The goal and progress of the observation's coaching cycle, when the
 * cycle itself is shared with the teacher (cb_privacy_teacher_sharing()). */
static gboolean
read_cycle (CbPacket    *self,
            CbStore     *store,
            CbPrivacy   *privacy,
            CbRecord    *obs,
            GError     **error)
{
  const char *uuid = cb_record_get (obs, "cycle");
  g_autoptr(CbRecord) record = NULL;
  g_autoptr(CbCycle) cycle = NULL;
  g_autofree char *progress = NULL;

  if (!nonempty (uuid) || (record = cb_store_get (store, uuid, NULL)) == NULL ||
      cb_record_get_deleted (record) || g_strcmp0 (cb_record_get_kind (record), "cycle") != 0 ||
      cb_privacy_teacher_sharing (privacy, uuid, NULL) != CB_SHARING_TEACHER)
    return TRUE;
  if ((cycle = cb_cycle_load (store, uuid, privacy, error)) == NULL)
    return FALSE;
  progress = cb_cycle_progress_text (cycle);
  self->cycle_goal = g_strdup (cycle->goal);
  if (nonempty (cycle->measure) && nonempty (progress))
    self->cycle_progress = g_strdup_printf ("%s\n%s", cycle->measure, progress);
  else
    self->cycle_progress = g_strdup (nonempty (progress) ? progress : cycle->measure);
  return TRUE;
}

static void
photo_free (gpointer data)
{
  Photo *photo = data;

  g_free (photo->caption);
  g_clear_pointer (&photo->surface, cairo_surface_destroy);
  g_free (photo);
}

/* cairo has no loader of its own for JPEG: copy the decoded pixels. */
static cairo_surface_t *
surface_of (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf), in_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *in = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guchar *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *p = in + y * in_stride + x * n;
        guint32 *q = (guint32 *) (gpointer) (out + y * out_stride + x * 4);
        *q = 0xff000000u | (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
add_photos_of (CbPacket   *self,
               CbStore    *store,
               CbPrivacy  *privacy,
               const char *parent)
{
  g_autoptr(GPtrArray) samples = cb_store_children (store, "student_work", parent, NULL);

  for (guint i = 0; samples && i < samples->len; i++)
    {
      CbRecord *r = g_ptr_array_index (samples, i);
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      GString *caption;
      Photo *photo;

      if (!may_leave (privacy, r) || !nonempty (cb_record_get (r, "photo")) ||
          (pixbuf = cb_image_decode_stored (cb_record_get (r, "photo"), NULL)) == NULL)
        continue;
      caption = g_string_new (cb_record_get (r, "title"));
      if (nonempty (cb_record_get (r, "level")))
        g_string_append_printf (caption, "%s%s", caption->len ? " · " : "", cb_record_get (r, "level"));
      if (nonempty (cb_record_get (r, "students")))
        g_string_append_printf (caption, "%s%s", caption->len ? " · " : "", cb_record_get (r, "students"));
      photo = g_new0 (Photo, 1);
      photo->caption = g_string_free (caption, FALSE);
      photo->surface = surface_of (pixbuf);
      g_ptr_array_add (self->photos, photo);
    }
}

/* Student work of the observation and of its monitoring chart's
 * strategies, as the rule allows. */
static void
read_photos (CbPacket   *self,
             CbStore    *store,
             CbPrivacy  *privacy,
             const char *observation_uuid)
{
  g_autoptr(GPtrArray) rows = cb_store_children (store, "monitor", observation_uuid, NULL);

  add_photos_of (self, store, privacy, observation_uuid);
  for (guint i = 0; rows && i < rows->len; i++)
    if (may_leave (privacy, g_ptr_array_index (rows, i)))
      add_photos_of (self, store, privacy, cb_record_get_uuid (g_ptr_array_index (rows, i)));
}

/* cb_packet_new() without its read transaction. */
static CbPacket *
read_packet (CbStore     *store,
             const char  *observation_uuid,
             GError     **error)
{
  g_autoptr(CbPacket) self = NULL;
  g_autoptr(CbRecord) obs = NULL;
  g_autoptr(CbPrivacy) privacy = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GHashTable) schools = NULL;
  g_autoptr(GHashTable) look_fors = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) tallies = NULL;
  g_autoptr(GArray) tags = g_array_new (FALSE, TRUE, sizeof (CbEvidenceTags));
  gint64 last_offset;

  if ((obs = cb_store_get (store, observation_uuid, error)) == NULL)
    return NULL;
  if ((privacy = open_shared (store, obs, observation_uuid, error)) == NULL)
    return NULL;
  if ((people = cb_privacy_load_names (privacy, "person", error)) == NULL ||
      (schools = cb_privacy_load_names (privacy, "school", error)) == NULL ||
      (look_fors = cb_privacy_load_names (privacy, "look_for", error)) == NULL ||
      (evidence = cb_store_children (store, "evidence", observation_uuid, error)) == NULL ||
      (tallies = cb_store_children (store, "tally", observation_uuid, error)) == NULL)
    return NULL;

  self = g_new0 (CbPacket, 1);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->actions = g_ptr_array_new_with_free_func (action_free);
  self->seen = g_ptr_array_new_with_free_func (seen_free);
  self->counters = g_ptr_array_new_with_free_func (counter_free);
  self->photos = g_ptr_array_new_with_free_func (photo_free);

  read_heading (self, obs, people, schools);
  /* the co-planned learning goal, when the co-plan is shared too */
  if (nonempty (cb_record_get (obs, "coplan")))
    {
      g_autoptr(CbRecord) coplan = cb_store_get (store, cb_record_get (obs, "coplan"), NULL);

      if (coplan != NULL && may_leave (privacy, coplan) && !cb_record_get_deleted (coplan) &&
          g_strcmp0 (cb_record_get_kind (coplan), "coplan") == 0)
        self->goal = g_strdup (cb_record_get (coplan, "learning_goal"));
    }

  if (!read_cycle (self, store, privacy, obs, error))
    return NULL;
  last_offset = read_lines (self, privacy, look_fors, evidence, tags);
  read_seen (self, obs, look_fors, tags);
  read_counters (self, privacy, obs, tallies, last_offset);
  read_photos (self, store, privacy, observation_uuid);
  if (!read_actions (self, store, privacy, observation_uuid, people, error))
    return NULL;
  set_title (self);
  return g_steal_pointer (&self);
}

/**
 * cb_packet_new:
 * @store: the store to read
 * @observation_uuid: the observation
 *
 * Reads what the observation shares with its teacher, as the privacy
 * rule allows (cb_privacy_teacher_sharing()): the observation must not
 * be private, must not be in the Trash, and must be shared with its
 * teacher. Then every evidence line, tally and action item of it that
 * may leave the laptop goes in; no private field (private notes) of any
 * record is copied, and names come only from records whose name may be
 * shown. Everything is read in one read transaction.
 *
 * Returns: (transfer full) (nullable): the packet, or %NULL with @error
 *   set (%CB_PACKET_ERROR or %CB_STORE_ERROR)
 */
CbPacket *
cb_packet_new (CbStore     *store,
               const char  *observation_uuid,
               GError     **error)
{
  sqlite3 *db;
  gboolean own_txn;
  CbPacket *packet;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);
  g_return_val_if_fail (observation_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = cb_store_get_db (store);
  own_txn = sqlite3_get_autocommit (db) != 0;
  if (own_txn && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_FAILED,
                   _("Could not read the database: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  packet = read_packet (store, observation_uuid, error);
  if (own_txn)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return packet;
}

void
cb_packet_free (CbPacket *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->teacher);
  g_free (self->date);
  g_free (self->date_label);
  g_free (self->when);
  g_free (self->where);
  g_free (self->coach);
  g_free (self->lesson);
  g_free (self->goal);
  g_free (self->cycle_goal);
  g_free (self->cycle_progress);
  g_free (self->strengths);
  g_free (self->talk_estimate);
  g_free (self->wonderings);
  g_free (self->next_steps);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_ptr_array_unref);
  g_clear_pointer (&self->counters, g_ptr_array_unref);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->chart, cb_lesson_chart_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->slices, g_array_unref);
  g_clear_object (&self->context);
  g_free (self);
}

/**
 * cb_packet_get_title:
 *
 * Returns: (transfer none): "Debrief notes for Maria García, Oct 14, 2025",
 *   for a print job or a window title
 */
const char *
cb_packet_get_title (CbPacket *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

/**
 * cb_packet_get_suggested_filename:
 *
 * Returns: (transfer full): "Debrief 2025-10-14 Maria García.pdf"
 */
char *
cb_packet_get_suggested_filename (CbPacket *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  /* Translators: a file name; %s are the date and the teacher's name */
  name = g_strdup_printf (_("Debrief %s %s"), self->date ? self->date : "", self->teacher ? self->teacher : "");
  g_strdelimit (g_strstrip (name), "/\\:*?\"<>|", '-');
  return g_strconcat (name, ".pdf", NULL);
}
