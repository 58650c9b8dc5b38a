/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The integrity check of the database file, which takes time in
 * proportion to its size (about 220 ms at 100,000 records), runs on a
 * worker thread with its own read-only connection once the window has
 * drawn its first frame: start-up does not wait for it, and the coach
 * learns of damage a moment later instead of never. */

#include "config.h"

#include "cb-store-check.h"
#include "cb-store.h"

typedef struct
{
  GtkWidget           *widget;
  char                *path;
  GCancellable        *cancellable;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  gulong               realize_id;
  gulong               unrealize_id;
  gulong               paint_id;
  GdkFrameClock       *clock;
} Pending;

static void
pending_free (Pending *p)
{
  if (p->clock != NULL)
    g_clear_signal_handler (&p->paint_id, p->clock);
  g_clear_object (&p->clock);
  if (p->widget != NULL)
    {
      g_clear_signal_handler (&p->realize_id, p->widget);
      g_clear_signal_handler (&p->unrealize_id, p->widget);
      g_object_remove_weak_pointer (G_OBJECT (p->widget), (gpointer *) &p->widget);
    }
  g_free (p->path);
  g_clear_object (&p->cancellable);
  g_free (p);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (cb_store_check_file (path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_check (Pending *p)
{
  g_autoptr(GTask) task = g_task_new (NULL, p->cancellable, p->callback, p->user_data);

  g_task_set_source_tag (task, cb_store_check_after_first_frame);
  g_task_set_task_data (task, g_steal_pointer (&p->path), g_free);
  g_task_run_in_thread (task, check_thread);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Pending       *p)
{
  start_check (p);
  pending_free (p);
}

/* A window closed before it ever drew: check all the same, later
 * windows need to know. */
static void
on_unrealize_cb (GtkWidget *widget,
                 Pending   *p)
{
  start_check (p);
  pending_free (p);
}

static void
watch_frame_clock (Pending *p)
{
  p->clock = g_object_ref (gtk_widget_get_frame_clock (p->widget));
  p->paint_id = g_signal_connect (p->clock, "after-paint", G_CALLBACK (on_after_paint_cb), p);
  p->unrealize_id = g_signal_connect (p->widget, "unrealize", G_CALLBACK (on_unrealize_cb), p);
}

static void
on_realize_cb (GtkWidget *widget,
               Pending   *p)
{
  g_clear_signal_handler (&p->realize_id, widget);
  watch_frame_clock (p);
}

/**
 * cb_store_check_after_first_frame:
 * @widget: a widget about to be shown, usually the window
 * @path: the database file
 * @callback: called on the main thread with the result, see
 *   cb_store_check_finish()
 *
 * Runs cb_store_check_file() on a worker thread once @widget has
 * painted its first frame (its next one if it is on screen already).
 */
void
cb_store_check_after_first_frame (GtkWidget           *widget,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Pending *p;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL);

  p = g_new0 (Pending, 1);
  p->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &p->widget);
  p->path = g_strdup (path);
  p->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  p->callback = callback;
  p->user_data = user_data;

  if (gtk_widget_get_frame_clock (widget) != NULL)
    {
      watch_frame_clock (p);
      /* Already on screen and maybe idle: make sure a frame comes. */
      gtk_widget_queue_draw (widget);
    }
  else
    p->realize_id = g_signal_connect (widget, "realize", G_CALLBACK (on_realize_cb), p);
}

/**
 * cb_store_check_finish:
 *
 * Returns: %TRUE if the database is sound; %FALSE with @error set
 *   (%CB_STORE_ERROR_CORRUPT when it is damaged) otherwise
 */
gboolean
cb_store_check_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
