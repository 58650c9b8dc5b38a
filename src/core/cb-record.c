/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cb-record.h"

struct _CbRecord
{
  GObject       parent_instance;
  char         *uuid;
  char         *kind;
  char         *author;
  char         *created;
  const CbKind *kind_info;
  GHashTable   *values;   /* field name → displayed value */
  guint         n_conflicts;
  char         *sort_key;
  gint64        id;
};

G_DEFINE_FINAL_TYPE (CbRecord, cb_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_KIND,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cb_record_finalize (GObject *object)
{
  CbRecord *self = (CbRecord *) object;

  g_free (self->uuid);
  g_free (self->kind);
  g_free (self->author);
  g_free (self->created);
  g_free (self->sort_key);
  g_hash_table_unref (self->values);

  G_OBJECT_CLASS (cb_record_parent_class)->finalize (object);
}

static void
cb_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CbRecord *self = CB_RECORD (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, cb_record_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_record_class_init (CbRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_record_finalize;
  object_class->get_property = cb_record_get_property;

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_record_init (CbRecord *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CbRecord *
cb_record_new (const char *uuid,
               const char *kind,
               const char *author,
               const char *created)
{
  CbRecord *self = g_object_new (CB_TYPE_RECORD, NULL);

  self->uuid = g_strdup (uuid);
  self->kind = g_strdup (kind);
  self->author = g_strdup (author ? author : "");
  self->created = g_strdup (created ? created : "");
  self->kind_info = cb_kind_lookup (kind);
  return self;
}

const char *
cb_record_get_uuid (CbRecord *self)
{
  g_return_val_if_fail (CB_IS_RECORD (self), NULL);
  return self->uuid;
}

const char *
cb_record_get_kind (CbRecord *self)
{
  g_return_val_if_fail (CB_IS_RECORD (self), NULL);
  return self->kind;
}

const CbKind *
cb_record_get_kind_info (CbRecord *self)
{
  g_return_val_if_fail (CB_IS_RECORD (self), NULL);
  return self->kind_info;
}

const char *
cb_record_get_author (CbRecord *self)
{
  g_return_val_if_fail (CB_IS_RECORD (self), NULL);
  return self->author;
}

const char *
cb_record_get_created (CbRecord *self)
{
  g_return_val_if_fail (CB_IS_RECORD (self), NULL);
  return self->created;
}

/**
 * cb_record_get:
 *
 * Returns: (transfer none): the displayed value of @field, "" when unset
 */
const char *
cb_record_get (CbRecord   *self,
               const char *field)
{
  const char *v;

  g_return_val_if_fail (CB_IS_RECORD (self), "");
  v = g_hash_table_lookup (self->values, field);
  return v ? v : "";
}

const char *
cb_record_get_title (CbRecord *self)
{
  const CbField *f;

  g_return_val_if_fail (CB_IS_RECORD (self), "");
  if (self->kind_info == NULL || (f = cb_kind_title_field (self->kind_info)) == NULL)
    return "";
  return cb_record_get (self, f->name);
}

gint64
cb_record_get_int (CbRecord   *self,
                   const char *field)
{
  return g_ascii_strtoll (cb_record_get (self, field), NULL, 10);
}

gboolean
cb_record_get_bool (CbRecord   *self,
                    const char *field)
{
  return strcmp (cb_record_get (self, field), "1") == 0;
}

gboolean
cb_record_get_deleted (CbRecord *self)
{
  return cb_record_get_bool (self, CB_FIELD_DELETED);
}

const char *
cb_record_get_privacy (CbRecord *self)
{
  const char *p = cb_record_get (self, CB_FIELD_PRIVACY);
  if (*p == '\0' && self->kind_info)
    return self->kind_info->default_privacy;
  return p;
}

guint
cb_record_get_n_conflicts (CbRecord *self)
{
  g_return_val_if_fail (CB_IS_RECORD (self), 0);
  return self->n_conflicts;
}

void
cb_record_set_n_conflicts (CbRecord *self,
                           guint     n_conflicts)
{
  g_return_if_fail (CB_IS_RECORD (self));
  self->n_conflicts = n_conflicts;
}

/**
 * cb_record_get_list_key:
 * @key: (out caller-allocates): the record's place in the lists; its
 *   string belongs to the record
 */
void
cb_record_get_list_key (CbRecord  *self,
                        CbListKey *key)
{
  g_return_if_fail (CB_IS_RECORD (self));
  g_return_if_fail (key != NULL);
  key->sort_key = self->sort_key ? self->sort_key : "";
  key->id = self->id;
}

void
cb_record_set_list_key (CbRecord   *self,
                        const char *sort_key,
                        gint64      id)
{
  g_return_if_fail (CB_IS_RECORD (self));
  g_free (self->sort_key);
  self->sort_key = g_strdup (sort_key);
  self->id = id;
}

/**
 * cb_record_take:
 * @value: (transfer full) (nullable):
 */
void
cb_record_take (CbRecord   *self,
                const char *field,
                char       *value)
{
  g_return_if_fail (CB_IS_RECORD (self));
  if (value == NULL)
    g_hash_table_remove (self->values, field);
  else
    g_hash_table_replace (self->values, g_strdup (field), value);
}
