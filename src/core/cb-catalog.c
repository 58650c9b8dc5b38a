/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in look-for catalogs, shipped in data/lookfors.xml. Each is
 * installed as an ordinary versioned record with a fixed UUID and a fixed
 * stamp from the reserved built-in replica, so every fresh laptop holds
 * the same states and merging them is a no-op; a coach's later edit is a
 * normal local edit that covers the built-in stamp. The same file ships
 * the built-in walkthrough forms and their items, installed the same
 * way. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "cb-catalog.h"
#include "cb-merge.h"

#define CATALOG_NS "https://coachbook.github.io/ns/catalogs/1"

static char *
child_text (xmlNode    *node,
            const char *name)
{
  for (xmlNode *c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, name) == 0)
      {
        xmlChar *t = xmlNodeGetContent (c);
        char *s = g_strdup ((const char *) t);
        xmlFree (t);
        return g_strstrip (s);
      }
  return g_strdup ("");
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *t = xmlGetProp (node, (const xmlChar *) name);
  char *s = g_strdup (t ? (const char *) t : "");
  xmlFree (t);
  return s;
}

static gboolean
install_one (CbStore            *store,
             const char         *uuid,
             const char         *kind,
             const char * const *names,
             const char * const *values,
             guint               n,
             GError            **error)
{
  g_autoptr(CbState) builtin = cb_state_new (uuid, kind, "", CB_BUILTIN_CREATED);
  g_autoptr(CbState) local = NULL;
  g_autoptr(CbState) merged = NULL;
  CbMergeOutcome outcome;

  if (!cb_uuid_is_valid (uuid))
    {
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                   "Built-in catalog: invalid id %s", uuid);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    cb_state_add (builtin, cb_stamped_new (names[i], values[i], CB_BUILTIN_REPLICA, 1, CB_BUILTIN_HLC));
  cb_state_add (builtin, cb_stamped_new (CB_FIELD_PRIVACY, "team", CB_BUILTIN_REPLICA, 1, CB_BUILTIN_HLC));
  cb_state_sort (builtin);
  cb_vector_set (builtin->vector, CB_BUILTIN_REPLICA, 1);

  local = cb_store_read_state (store, uuid, error);
  if (local == NULL && error && *error)
    return FALSE;
  merged = cb_merge_states (local, builtin, &outcome);
  if (outcome == CB_MERGE_UNCHANGED)
    return TRUE;
  return cb_store_write_state (store, merged, error);
}

static xmlNode *
find_level (xmlNode *item,
            guint    n)
{
  for (xmlNode *c = item->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, "level") == 0)
      {
        g_autofree char *at = attr (c, "n");
        if (g_ascii_strtoull (at, NULL, 10) == n)
          return c;
      }
  return NULL;
}

static gboolean
install_item (CbStore     *store,
              const char  *form_id,
              xmlNode     *item,
              GError     **error)
{
  g_autofree char *id = attr (item, "id");
  g_autofree char *pos = attr (item, "position");
  g_autofree char *scale = attr (item, "scale");
  g_autofree char *look_for = attr (item, "look-for");
  g_autofree char *prompt = child_text (item, "prompt");
  char *levels[4] = { NULL, };
  const char *names[] = { "form", "position", "prompt", "look_for", "scale",
                          "level_1", "level_2", "level_3", "level_4" };
  gboolean ok;

  for (guint n = 0; n < 4; n++)
    {
      xmlNode *level = find_level (item, n + 1);
      xmlChar *t = level ? xmlNodeGetContent (level) : NULL;

      levels[n] = g_strstrip (g_strdup (t ? (const char *) t : ""));
      xmlFree (t);
    }
  {
    const char *values[] = { form_id, pos, prompt, look_for, scale,
                             levels[0], levels[1], levels[2], levels[3] };
    ok = install_one (store, id, "walk_item", names, values, G_N_ELEMENTS (names), error);
  }
  for (guint n = 0; n < 4; n++)
    g_free (levels[n]);
  return ok;
}

static gboolean
install_form (CbStore  *store,
              xmlNode  *form,
              GError  **error)
{
  g_autofree char *id = attr (form, "id");
  g_autofree char *framework = attr (form, "framework");
  g_autofree char *name = child_text (form, "name");
  g_autofree char *desc = child_text (form, "description");
  const char *names[] = { "name", "description", "framework" };
  const char *values[] = { name, desc, framework };

  if (!install_one (store, id, "walk_form", names, values, G_N_ELEMENTS (names), error))
    return FALSE;
  for (xmlNode *item = form->children; item; item = item->next)
    if (item->type == XML_ELEMENT_NODE && strcmp ((const char *) item->name, "item") == 0 &&
        !install_item (store, id, item, error))
      return FALSE;
  return TRUE;
}

/**
 * cb_catalog_install:
 *
 * Merges the built-in frameworks, look-fors and walkthrough forms into
 * @store. Installing again is a no-op for what is already there.
 */
gboolean
cb_catalog_install (CbStore  *store,
                    GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = TRUE;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (CB_CATALOG_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  doc = xmlReadMemory (data, size, "lookfors.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL ||
      root->ns == NULL || strcmp ((const char *) root->ns->href, CATALOG_NS) != 0)
    {
      xmlFreeDoc (doc);
      g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_CORRUPT,
                   "The built-in look-for catalog is damaged");
      return FALSE;
    }

  for (xmlNode *fw = root->children; fw && ok; fw = fw->next)
    {
      g_autofree char *fw_id = NULL, *fw_pos = NULL, *fw_short = NULL;
      g_autofree char *fw_name = NULL, *fw_source = NULL, *fw_desc = NULL;

      if (fw->type == XML_ELEMENT_NODE && strcmp ((const char *) fw->name, "form") == 0)
        {
          ok = install_form (store, fw, error);
          continue;
        }
      if (fw->type != XML_ELEMENT_NODE || strcmp ((const char *) fw->name, "framework") != 0)
        continue;
      fw_id = attr (fw, "id");
      fw_pos = attr (fw, "position");
      fw_short = attr (fw, "short");
      fw_name = child_text (fw, "name");
      fw_source = child_text (fw, "source");
      fw_desc = child_text (fw, "description");
      {
        const char *names[] = { "name", "short_name", "source", "description", "position" };
        const char *values[] = { fw_name, fw_short, fw_source, fw_desc, fw_pos };
        ok = install_one (store, fw_id, "framework", names, values, G_N_ELEMENTS (names), error);
      }

      for (xmlNode *lf = fw->children; lf && ok; lf = lf->next)
        {
          g_autofree char *id = NULL, *code = NULL, *pos = NULL, *name = NULL, *desc = NULL;

          if (lf->type != XML_ELEMENT_NODE || strcmp ((const char *) lf->name, "look-for") != 0)
            continue;
          id = attr (lf, "id");
          code = attr (lf, "code");
          pos = attr (lf, "position");
          name = child_text (lf, "name");
          desc = child_text (lf, "description");
          {
            const char *names[] = { "framework", "code", "name", "description", "position" };
            const char *values[] = { fw_id, code, name, desc, pos };
            ok = install_one (store, id, "look_for", names, values, G_N_ELEMENTS (names), error);
          }
        }
    }
  xmlFreeDoc (doc);
  return ok;
}
