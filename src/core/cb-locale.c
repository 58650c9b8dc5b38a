/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The interface language: where the translations are, and dates,
 * durations and counts written the way that language writes them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "cb-locale.h"
#include "cb-reports.h"

/**
 * cb_i18n_init:
 *
 * Sets the locale from the environment and binds the gettext domain.
 * In the plain C locale gettext ignores `LANGUAGE`, so C becomes
 * C.UTF-8 there: `LANGUAGE=es` then works on a machine with no
 * locales generated. `COACHBOOK_LOCALEDIR`, when set, names the folder
 * holding `LANG/LC_MESSAGES/coachbook.mo` instead of the install
 * prefix: `build-aux/dev run` points it at the build's own catalogs.
 */
void
cb_i18n_init (void)
{
  const char *dir = g_getenv ("COACHBOOK_LOCALEDIR");
  const char *locale = setlocale (LC_ALL, "");

  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static const char * const weekdays[] = {
  NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
  NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
  NC_("weekday", "Sunday"),
};

static const char * const weekdays_short[] = {
  NC_("abbreviated weekday", "Mon"), NC_("abbreviated weekday", "Tue"),
  NC_("abbreviated weekday", "Wed"), NC_("abbreviated weekday", "Thu"),
  NC_("abbreviated weekday", "Fri"), NC_("abbreviated weekday", "Sat"),
  NC_("abbreviated weekday", "Sun"),
};

static const char * const months[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

static const char * const months_short[] = {
  NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
  NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
  NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
  NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
  NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
  NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
};

/* A name for the format, with any % doubled so that it stays text. */
static void
append_name (GString    *out,
             const char *context,
             const char *name)
{
  for (const char *p = g_dpgettext2 (GETTEXT_PACKAGE, context, name); *p; p++)
    {
      if (*p == '%')
        g_string_append_c (out, '%');
      g_string_append_c (out, *p);
    }
}

/**
 * cb_date_time_format:
 * @format: as for g_date_time_format(), usually translated itself
 *
 * Like g_date_time_format(), but the names of weekdays and months
 * (`%A`, `%a`, `%B`, `%b`, `%h`) come from Coachbook's own
 * translations, so that they follow the interface language even where
 * the system's locale for it is not installed ("lunes, 7 de diciembre"
 * under `LANGUAGE=es`, not "Monday, 7 de December").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when
 *   g_date_time_format() fails
 */
char *
cb_date_time_format (GDateTime  *dt,
                     const char *format)
{
  g_autoptr(GString) expanded = g_string_new (NULL);

  g_return_val_if_fail (dt != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  for (const char *p = format; *p; p++)
    {
      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (expanded, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'A':
          append_name (expanded, "weekday", weekdays[g_date_time_get_day_of_week (dt) - 1]);
          break;
        case 'a':
          append_name (expanded, "abbreviated weekday", weekdays_short[g_date_time_get_day_of_week (dt) - 1]);
          break;
        case 'B':
          append_name (expanded, "month", months[g_date_time_get_month (dt) - 1]);
          break;
        case 'b':
        case 'h':
          append_name (expanded, "abbreviated month", months_short[g_date_time_get_month (dt) - 1]);
          break;
        default:
          /* everything else, "%%" and modifiers included, is GLib's */
          g_string_append_c (expanded, '%');
          g_string_append_c (expanded, *p);
        }
    }
  return g_date_time_format (dt, expanded->str);
}

/**
 * cb_format_hours_duration:
 * @hours: a number of hours, such as 23.08
 *
 * Returns: (transfer full): the duration to the nearest minute, as
 *   cb_format_minutes() writes it: "23 h 5 min", "2 h", "45 min"
 */
char *
cb_format_hours_duration (double hours)
{
  if (!(hours > 0))
    hours = 0;
  return cb_format_minutes ((gint64) (hours * 60 + 0.5));
}

/**
 * cb_format_count:
 *
 * Returns: (transfer full): @n with the locale's thousands separator
 *   ("3,412" in English, "3.412" in Spanish, "3412" in C)
 */
char *
cb_format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}
