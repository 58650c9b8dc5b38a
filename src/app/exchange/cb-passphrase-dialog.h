/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * CbPassphraseFunc:
 * @passphrase: (transfer full) (nullable): the passphrase in guarded
 *   memory, to be freed with cb_crypt_passphrase_free(); %NULL when the
 *   coach cancelled
 * @user_data: the data given with the function
 */
typedef void (*CbPassphraseFunc) (char     *passphrase,
                                  gpointer  user_data);

AdwMessageDialog *cb_passphrase_dialog_show (GtkWindow        *parent,
                                             const char       *heading,
                                             const char       *body,
                                             const char       *accept_label,
                                             gboolean          confirm,
                                             CbPassphraseFunc  func,
                                             gpointer          user_data,
                                             GDestroyNotify    notify);

G_END_DECLS
