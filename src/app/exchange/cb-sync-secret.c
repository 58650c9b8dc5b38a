/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync folder's passphrase in the desktop keyring (GNOME Keyring,
 * KWallet, any Secret Service). One entry per user: the team shares one
 * passphrase for its folder. Lookups return it in non-pageable memory
 * from libsecret, copied at once into libsodium's guarded memory; the
 * keyring's copy is wiped with secret_password_free(). Where there is
 * no keyring (no session bus, a bare window manager) every call fails
 * with the Secret Service's error, and the caller asks the coach
 * instead (docs/sharing.md). */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "cb-crypt.h"
#include "cb-sync-secret.h"

#define KIND "sync-folder"

static const SecretSchema *
sync_schema (void)
{
  static const SecretSchema schema = {
    "io.github.coachbook.Coachbook.SyncPassphrase", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/**
 * cb_sync_secret_lookup_async:
 *
 * Looks the sync folder's passphrase up in the keyring.
 */
void
cb_sync_secret_lookup_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  secret_password_lookup (sync_schema (), cancellable, callback, user_data, "kind", KIND, NULL);
}

/**
 * cb_sync_secret_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the passphrase, to be freed with
 *   cb_crypt_passphrase_free(); %NULL without @error when none is kept,
 *   %NULL with @error when there is no keyring to ask
 */
char *
cb_sync_secret_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  gchar *found = secret_password_lookup_nonpageable_finish (result, error);
  char *passphrase;

  if (found == NULL)
    return NULL;
  passphrase = *found != '\0' ? cb_crypt_passphrase_dup (found) : NULL;
  secret_password_free (found);
  return passphrase;
}

/**
 * cb_sync_secret_lookup_sync:
 *
 * cb_sync_secret_lookup_async() for a worker thread.
 *
 * Returns: (transfer full) (nullable): as cb_sync_secret_lookup_finish()
 */
char *
cb_sync_secret_lookup_sync (GCancellable  *cancellable,
                            GError       **error)
{
  gchar *found = secret_password_lookup_nonpageable_sync (sync_schema (), cancellable, error,
                                                          "kind", KIND, NULL);
  char *passphrase;

  if (found == NULL)
    return NULL;
  passphrase = *found != '\0' ? cb_crypt_passphrase_dup (found) : NULL;
  secret_password_free (found);
  return passphrase;
}

/**
 * cb_sync_secret_store_async:
 * @passphrase: the team's passphrase; not kept here
 *
 * Keeps @passphrase in the keyring's default collection, replacing the
 * one kept before.
 */
void
cb_sync_secret_store_async (const char          *passphrase,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (passphrase != NULL);

  secret_password_store (sync_schema (), SECRET_COLLECTION_DEFAULT,
                         _("Coachbook sync folder passphrase"), passphrase,
                         cancellable, callback, user_data, "kind", KIND, NULL);
}

gboolean
cb_sync_secret_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return secret_password_store_finish (result, error);
}

/**
 * cb_sync_secret_clear_async:
 *
 * Removes the passphrase from the keyring.
 */
void
cb_sync_secret_clear_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  secret_password_clear (sync_schema (), cancellable, callback, user_data, "kind", KIND, NULL);
}

gboolean
cb_sync_secret_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* nothing to remove is not a failure */
  if (!secret_password_clear_finish (result, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
