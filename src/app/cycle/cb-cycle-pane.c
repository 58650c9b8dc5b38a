/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cb-coplan-editor.h"
#include "cb-cycle-pane.h"
#include "cb-editor.h"
#include "cb-editor-widget.h"
#include "cb-engagement-editor.h"
#include "cb-log-editor.h"
#include "cb-log-totals-view.h"
#include "cb-pd-editor.h"
#include "cb-pd-planner.h"

struct _CbCyclePane
{
  CbEditorWidget      parent_instance;

  GtkStack           *stack;
  CbCoplanEditor     *coplan;
  CbLogEditor        *log;
  CbPdEditor         *pd;
  CbEngagementEditor *engagement;
  CbLogTotalsView    *totals;
  CbPdPlanner        *planner;
  CbNames            *names;
  char               *pd_day;     /* date of the last session opened */
};

G_DEFINE_FINAL_TYPE (CbCyclePane, cb_cycle_pane, CB_TYPE_EDITOR_WIDGET)

static gboolean    load_record     (CbEditorWidget *editor,
                                    const char     *uuid,
                                    gboolean        read_only);
static void        flush_records   (CbEditorWidget *editor);
static void        unload_records  (CbEditorWidget *editor);
static const char *get_record_uuid (CbEditorWidget *editor);
static void        names_changed   (CbEditorWidget *editor);

static const struct { const char *kind; const char *page; } editors[] = {
  { "coplan",       "coplan" },
  { "coaching_log", "log" },
  { "pd_session",   "pd" },
  { "engagement",   "engagement" },
};

static const struct { const char *view; const char *title; } views[] = {
  { "log-totals",  N_("Coaching Time") },
  { "pd-calendar", N_("PD Calendar") },
};

static void
cb_cycle_pane_dispose (GObject *object)
{
  CbCyclePane *self = CB_CYCLE_PANE (object);

  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
    }
  g_clear_object (&self->names);
  g_clear_pointer (&self->pd_day, g_free);

  G_OBJECT_CLASS (cb_cycle_pane_parent_class)->dispose (object);
}


static void
cb_cycle_pane_class_init (CbCyclePaneClass *klass)
{
  CbEditorWidgetClass *editor_class = CB_EDITOR_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  editor_class->load = load_record;
  editor_class->flush = flush_records;
  editor_class->unload = unload_records;
  editor_class->get_uuid = get_record_uuid;
  editor_class->names_changed = names_changed;

  object_class->dispose = cb_cycle_pane_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_cycle_pane_init (CbCyclePane *self)
{
  self->stack = GTK_STACK (gtk_stack_new ());
  /* Measure only the editor shown: the others are not in use. */
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  gtk_stack_add_named (self->stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "none");
  self->coplan = CB_COPLAN_EDITOR (cb_coplan_editor_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->coplan), "coplan");
  self->log = CB_LOG_EDITOR (cb_log_editor_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->log), "log");
  self->pd = CB_PD_EDITOR (cb_pd_editor_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->pd), "pd");
  self->engagement = CB_ENGAGEMENT_EDITOR (cb_engagement_editor_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->engagement), "engagement");
  self->totals = CB_LOG_TOTALS_VIEW (cb_log_totals_view_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->totals), "log-totals");
  self->planner = CB_PD_PLANNER (cb_pd_planner_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->planner), "pd-calendar");
  gtk_stack_set_visible_child_name (self->stack, "none");
}

GtkWidget *
cb_cycle_pane_new (void)
{
  return g_object_new (CB_TYPE_CYCLE_PANE, NULL);
}

/* The names go to every editor and view of the pane. */
static void
names_changed (CbEditorWidget *editor)
{
  CbCyclePane *self = CB_CYCLE_PANE (editor);
  CbNames *names = cb_editor_widget_get_names (editor);

  g_set_object (&self->names, names);
  cb_editor_set_names (CB_EDITOR (self->coplan), names);
  cb_editor_set_names (CB_EDITOR (self->log), names);
  cb_editor_set_names (CB_EDITOR (self->pd), names);
  cb_editor_set_names (CB_EDITOR (self->engagement), names);
  cb_log_totals_view_set_names (self->totals, names);
  cb_pd_planner_set_names (self->planner, names);
}

/**
 * cb_cycle_pane_load:
 *
 * Shows @uuid (of @kind) in its editor, after the other editors wrote
 * what was pending.
 *
 * Returns: %FALSE if the record could not be read or is not for here
 */
gboolean
cb_cycle_pane_load (CbCyclePane *self,
                    const char  *kind,
                    const char  *uuid)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (CB_IS_CYCLE_PANE (self), FALSE);

  cb_editor_unload (CB_EDITOR (self));
  if (g_strcmp0 (kind, "coplan") == 0)
    ok = cb_editor_load (CB_EDITOR (self->coplan), uuid, FALSE);
  else if (g_strcmp0 (kind, "coaching_log") == 0)
    ok = cb_editor_load (CB_EDITOR (self->log), uuid, FALSE);
  else if (g_strcmp0 (kind, "pd_session") == 0)
    {
      g_autoptr(CbRecord) session = self->names ? cb_store_get (cb_names_get_store (self->names), uuid, NULL) : NULL;
      const char *date = session ? cb_record_get (session, "date") : NULL;

      ok = cb_editor_load (CB_EDITOR (self->pd), uuid, FALSE);
      if (date != NULL && *date != '\0')
        {
          g_free (self->pd_day);
          self->pd_day = g_strdup (date);
        }
    }
  else if (g_strcmp0 (kind, "engagement") == 0)
    ok = cb_editor_load (CB_EDITOR (self->engagement), uuid, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    if (g_strcmp0 (editors[i].kind, kind) == 0)
      gtk_stack_set_visible_child_name (self->stack, editors[i].page);
  return ok;
}

/* Shows @uuid in the editor for its kind (the store tells the kind);
 * %FALSE if it could not be read, or no editor here edits it. */
static gboolean
load_record (CbEditorWidget *editor,
             const char     *uuid,
             gboolean        read_only)
{
  CbCyclePane *self = CB_CYCLE_PANE (editor);
  g_autoptr(CbRecord) record = NULL;

  g_return_val_if_fail (CB_IS_CYCLE_PANE (self), FALSE);

  if (uuid == NULL || self->names == NULL)
    {
      cb_editor_unload (CB_EDITOR (self));
      return uuid == NULL;
    }
  record = cb_store_get (cb_names_get_store (self->names), uuid, NULL);
  if (record == NULL)
    return FALSE;
  return cb_cycle_pane_load (self, cb_record_get_kind (record), uuid);
}

/* The record one of the editors shows, %NULL if none does (a view,
 * or nothing, is shown). */
static const char *
get_record_uuid (CbEditorWidget *editor)
{
  CbCyclePane *self = CB_CYCLE_PANE (editor);
  CbEditor *editors_shown[] = {
    CB_EDITOR (self->coplan), CB_EDITOR (self->log),
    CB_EDITOR (self->pd), CB_EDITOR (self->engagement),
  };

  g_return_val_if_fail (CB_IS_CYCLE_PANE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (editors_shown); i++)
    if (cb_editor_get_uuid (editors_shown[i]) != NULL)
      return cb_editor_get_uuid (editors_shown[i]);
  return NULL;
}

/**
 * cb_cycle_pane_show_view:
 * @view: "log-totals" or "pd-calendar"
 *
 * Returns: %FALSE if there is no such view
 */
gboolean
cb_cycle_pane_show_view (CbCyclePane *self,
                         const char  *view)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (CB_IS_CYCLE_PANE (self), FALSE);

  if (cb_cycle_pane_get_view_title (view) == NULL)
    return FALSE;
  /* The calendar opens on the month of the last session opened. */
  day = g_strdup (self->pd_day);
  cb_editor_unload (CB_EDITOR (self));
  gtk_stack_set_visible_child_name (self->stack, view);
  if (g_strcmp0 (view, "log-totals") == 0)
    cb_log_totals_view_reload (self->totals);
  else if (day != NULL)
    cb_pd_planner_select_day (self->planner, day);
  else
    cb_pd_planner_reload (self->planner);
  return TRUE;
}

/**
 * cb_cycle_pane_get_view_title:
 *
 * Returns: (nullable): the translated title of @view, %NULL if unknown
 */
const char *
cb_cycle_pane_get_view_title (const char *view)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (views[i].view, view) == 0)
      return _(views[i].title);
  return NULL;
}

/* Writes what is pending and leaves every editor empty. */
static void
unload_records (CbEditorWidget *editor)
{
  CbCyclePane *self = CB_CYCLE_PANE (editor);

  g_return_if_fail (CB_IS_CYCLE_PANE (self));

  cb_editor_unload (CB_EDITOR (self->coplan));
  cb_editor_unload (CB_EDITOR (self->log));
  cb_editor_unload (CB_EDITOR (self->pd));
  cb_editor_unload (CB_EDITOR (self->engagement));
  gtk_stack_set_visible_child_name (self->stack, "none");
}

static void
flush_records (CbEditorWidget *editor)
{
  CbCyclePane *self = CB_CYCLE_PANE (editor);

  g_return_if_fail (CB_IS_CYCLE_PANE (self));

  cb_editor_flush (CB_EDITOR (self->coplan));
  cb_editor_flush (CB_EDITOR (self->log));
  cb_editor_flush (CB_EDITOR (self->pd));
  cb_editor_flush (CB_EDITOR (self->engagement));
}

const char *
cb_cycle_pane_get_page (CbCyclePane *self)
{
  g_return_val_if_fail (CB_IS_CYCLE_PANE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cb_cycle_pane_get_child:
 * @name: "coplan", "log", "pd", "engagement", "log-totals" or
 *   "pd-calendar"
 *
 * Returns: (transfer none) (nullable): for tests
 */
GtkWidget *
cb_cycle_pane_get_child (CbCyclePane *self,
                         const char  *name)
{
  g_return_val_if_fail (CB_IS_CYCLE_PANE (self), NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

static gboolean
focus_first_cb (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(CbCyclePane) self = g_weak_ref_get (ref);
  GtkWidget *page = self ? gtk_stack_get_visible_child (self->stack) : NULL;

  if (page != NULL)
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * cb_cycle_pane_focus_first:
 *
 * Moves the focus to the first field of the editor shown (after
 * Ctrl+N). An editor just shown has no size yet, and the focus goes by
 * position: so this happens once it is laid out.
 */
void
cb_cycle_pane_focus_first (CbCyclePane *self)
{
  GWeakRef *ref;

  g_return_if_fail (CB_IS_CYCLE_PANE (self));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_first_cb, ref, free_weak_ref);
}
