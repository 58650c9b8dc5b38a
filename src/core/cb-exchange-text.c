/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text as an exchange file carries it: XML 1.0 allows fewer characters
 * than a stored value may hold. On its own so that the merge, which
 * compares texts as they travel, does not depend on the exchange. */

#include "config.h"

#include "cb-exchange-text.h"

static gboolean
xml_char_allowed (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/* Bytes that may start something XML 1.0 forbids: C0 controls other
 * than tab, newline and carriage return, and U+FFFE/U+FFFF (EF BF BE/BF). */
static gboolean
needs_sanitizing (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        return TRUE;
      if (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
        return TRUE;
    }
  return !g_utf8_validate (text, -1, NULL);
}

/**
 * cb_exchange_sanitize_text:
 * @out: receives the text
 * @text: any bytes, NUL-terminated
 *
 * Makes @text writable into an XML 1.0 file: invalid UTF-8 and every
 * character XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF) are
 * replaced by U+FFFD. An exported value is the stored value passed through
 * this; the stored value itself is left as it is.
 */
void
cb_exchange_sanitize_text (GString    *out,
                           const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  g_string_truncate (out, 0);
  if (text == NULL)
    return;
  if (!needs_sanitizing (text))
    {
      g_string_append (out, text);
      return;
    }
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (xml_char_allowed (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append_unichar (out, 0xFFFD);
    }
}
