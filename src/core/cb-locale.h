/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  cb_i18n_init            (void);
char *cb_date_time_format     (GDateTime  *dt,
                               const char *format);
char *cb_format_hours_duration (double     hours);
char *cb_format_count         (guint64     n);

G_END_DECLS
