/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-capture-logic.h"
#include "cb-names.h"
#include "cb-view-logic.h"

struct _CbNames
{
  GObject     parent_instance;

  CbStore    *store;
  gulong      changed_id;
  GHashTable *titles;   /* uuid → title ("" for a missing record) */
};

G_DEFINE_FINAL_TYPE (CbNames, cb_names, G_TYPE_OBJECT)

static void
on_store_changed_cb (CbStore    *store,
                     const char *kind,
                     const char *uuid,
                     CbNames    *self)
{
  if (uuid == NULL)
    g_hash_table_remove_all (self->titles);
  else
    g_hash_table_remove (self->titles, uuid);
}

static void
cb_names_dispose (GObject *object)
{
  CbNames *self = CB_NAMES (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cb_names_parent_class)->dispose (object);
}

static void
cb_names_finalize (GObject *object)
{
  CbNames *self = CB_NAMES (object);

  g_clear_pointer (&self->titles, g_hash_table_unref);

  G_OBJECT_CLASS (cb_names_parent_class)->finalize (object);
}

static void
cb_names_class_init (CbNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cb_names_dispose;
  object_class->finalize = cb_names_finalize;
}

static void
cb_names_init (CbNames *self)
{
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CbNames *
cb_names_new (CbStore *store)
{
  CbNames *self;

  g_return_val_if_fail (CB_IS_STORE (store), NULL);

  self = g_object_new (CB_TYPE_NAMES, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
  return self;
}

CbStore *
cb_names_get_store (CbNames *self)
{
  g_return_val_if_fail (CB_IS_NAMES (self), NULL);

  return self->store;
}

/**
 * cb_names_record_title:
 *
 * Returns: (transfer full): the record's title, or "Untitled …"
 */
char *
cb_names_record_title (CbRecord *record)
{
  const char *title = cb_record_get_title (record);
  const CbKind *kind = cb_record_get_kind_info (record);

  if (title != NULL && *title != '\0')
    {
      const CbField *field = kind ? cb_kind_title_field (kind) : NULL;

      if (field != NULL && field->type == CB_TYPE_ENUM)
        return g_strdup (cb_field_choice_label (field, title));
      if (strchr (title, '\n') != NULL)
        return g_strndup (title, strchr (title, '\n') - title);
      return g_strdup (title);
    }
  if (kind == NULL)
    return g_strdup (_("Untitled"));
  /* TRANSLATORS: %s is a kind of record, such as "Observation" */
  return g_strdup_printf (_("Untitled %s"), cb_kind_get_label (kind));
}

/**
 * cb_names_title:
 *
 * Like cb_names_record_title(), but names a record by what it refers
 * to when it has no title of its own: an observation without a lesson
 * by its teacher, an attendance by its person.
 *
 * Returns: (transfer full): the title to show
 */
char *
cb_names_title (CbNames  *self,
                CbRecord *record)
{
  const CbKind *kind = cb_record_get_kind_info (record);
  const CbField *field = kind ? cb_kind_title_field (kind) : NULL;
  const char *title = cb_record_get_title (record);

  g_return_val_if_fail (CB_IS_NAMES (self), NULL);

  if (field != NULL && field->type == CB_TYPE_REF)
    {
      const char *name = cb_names_lookup (self, title);
      if (*name != '\0')
        return g_strdup (name);
    }
  if ((title == NULL || *title == '\0') && g_strcmp0 (cb_record_get_kind (record), "observation") == 0)
    {
      const char *teacher = cb_names_lookup (self, cb_record_get (record, "teacher"));
      if (*teacher != '\0')
        /* TRANSLATORS: an observation without a lesson title, by teacher */
        return g_strdup_printf (_("Observation of %s"), teacher);
    }
  return cb_names_record_title (record);
}

/**
 * cb_names_lookup:
 * @uuid: (nullable): a record's UUID
 *
 * Returns: (transfer none): the title of the record, "" if there is none
 */
const char *
cb_names_lookup (CbNames    *self,
                 const char *uuid)
{
  const char *title;
  g_autoptr(CbRecord) record = NULL;

  g_return_val_if_fail (CB_IS_NAMES (self), "");

  if (uuid == NULL || *uuid == '\0')
    return "";
  title = g_hash_table_lookup (self->titles, uuid);
  if (title != NULL)
    return title;

  record = cb_store_get (self->store, uuid, NULL);
  /* A reference names a record as its own page does: an observation
   * without a lesson by its teacher, not "Untitled Observation". */
  g_hash_table_insert (self->titles, g_strdup (uuid),
                       record ? cb_names_title (self, record) : g_strdup (""));
  return g_hash_table_lookup (self->titles, uuid);
}

/**
 * cb_names_join:
 *
 * Returns: (transfer full): the titles of the records in @refs
 */
char *
cb_names_join (CbNames    *self,
               const char *refs,
               const char *separator)
{
  g_auto(GStrv) parts = cb_refs_split (refs);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      const char *name = cb_names_lookup (self, parts[i]);

      if (*name == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_part (GPtrArray  *parts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (parts, g_strdup (text));
}

/* One field of a row's second line as its type reads, or NULL. */
static char *
describe_field (CbNames      *self,
                CbRecord     *record,
                const CbKind *kind,
                const char   *name)
{
  const CbField *field = cb_kind_field (kind, name);
  const char *value = cb_record_get (record, name);

  if (field == NULL || value == NULL || *value == '\0')
    return NULL;
  switch (field->type)
    {
    case CB_TYPE_REF:
      return g_strdup (cb_names_lookup (self, value));
    case CB_TYPE_REFS:
      return cb_names_join (self, value, ", ");
    case CB_TYPE_ENUM:
      return g_strdup (cb_field_choice_label (field, value));
    default:
      return g_strdup (value);
    }
}

/* A due date, while the record's status leaves it due. */
static char *
describe_due (CbRecord   *record,
              const char *name)
{
  g_autofree char *today = cb_today_string ();
  const char *due = cb_record_get (record, name);
  const char *status = cb_record_get (record, "status");

  if (due == NULL || cb_due_bucket (due, status, today) == CB_DUE_NONE)
    return NULL;
  return cb_due_label (due, today);
}

/* One entry of CbKind.subtitle (see cb-kinds.h): "a|b", "?a", "~a". */
static char *
describe_entry (CbNames      *self,
                CbRecord     *record,
                const CbKind *kind,
                const char   *entry,
                gboolean      said)
{
  g_auto(GStrv) alternatives = NULL;

  if (entry[0] == '?')
    return said ? NULL : describe_field (self, record, kind, entry + 1);
  if (entry[0] == '~')
    return describe_due (record, entry + 1);
  alternatives = g_strsplit (entry, "|", -1);
  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      char *text = describe_field (self, record, kind, alternatives[i]);

      if (text != NULL && *text != '\0')
        return text;
      g_free (text);
    }
  return NULL;
}

/**
 * cb_names_describe:
 * @in_trash: describe for the Trash: say what kind of record it is
 *
 * Returns: (transfer full): the second line of a record in a list
 */
char *
cb_names_describe (CbNames  *self,
                   CbRecord *record,
                   gboolean  in_trash)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const CbKind *info = cb_record_get_kind_info (record);

  g_return_val_if_fail (CB_IS_NAMES (self), NULL);

  if (in_trash && info != NULL)
    add_part (parts, cb_kind_get_label (info));

  for (guint i = 0; info != NULL && info->subtitle && info->subtitle[i]; i++)
    {
      char *text = describe_entry (self, record, info, info->subtitle[i],
                                   parts->len > (in_trash ? 1u : 0u));

      if (text != NULL && *text != '\0')
        g_ptr_array_add (parts, text);
      else
        g_free (text);
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}
