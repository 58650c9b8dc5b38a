/* SPDX-License-Identifier: GPL-3.0-or-later */
/* No audio and no audio path leaves: a recording whose file name and
 * bytes carry planted markers is analysed for a shared observation the
 * way the window does it, then the exchange file, the teacher's packet
 * (read with pdftotext) and every spreadsheet, each made by
 * coachbook-cli, must hold no marker and no sound, while the estimate
 * itself — data like any other field — goes where the observation goes.
 *
 * Usage: test-talk-privacy --tap PATH-TO-coachbook-cli */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-talk-decode.h"
#include "cb-talk.h"
#include "cb-test-util.h"

#define RATE 16000

static const char *cli_path;

/* A WAV file: a LIST chunk holding @marker, then @seconds of a voice-like
 * tone in bursts. */
static void
write_marked_wav (const char *path,
                  const char *marker,
                  guint       seconds)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 n = RATE * seconds, list_len = 4 + 8 + (guint32) strlen (marker) + 1;
  guint32 u32;
  guint16 u16;

  list_len += list_len & 1;
#define PUT32(v) (u32 = GUINT32_TO_LE (v), g_byte_array_append (out, (guint8 *) &u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), g_byte_array_append (out, (guint8 *) &u16, 2))
#define PUTS(s) g_byte_array_append (out, (const guint8 *) (s), 4)
  PUTS ("RIFF"); PUT32 (4 + 24 + 8 + list_len + 8 + n * 2); PUTS ("WAVE");
  PUTS ("fmt "); PUT32 (16); PUT16 (1); PUT16 (1); PUT32 (RATE); PUT32 (RATE * 2); PUT16 (2); PUT16 (16);
  PUTS ("LIST"); PUT32 (list_len); PUTS ("INFO");
  PUTS ("ICMT"); PUT32 ((guint32) strlen (marker) + 1);
  g_byte_array_append (out, (const guint8 *) marker, strlen (marker) + 1);
  if ((strlen (marker) + 1) & 1)
    g_byte_array_append (out, (const guint8 *) "", 1);
  PUTS ("data"); PUT32 (n * 2);
  for (guint32 i = 0; i < n; i++)
    {
      gboolean on = (i / (RATE / 5)) % 2 == 0;
      gint16 v = on ? (gint16) (8000 * sin (2 * G_PI * 180 * i / RATE)) : 0;

      PUT16 ((guint16) v);
    }
#undef PUT32
#undef PUT16
#undef PUTS
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
}

static char *
run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", args[0], err);
  return out;
}

static char *
read_file (const char *path)
{
  char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  /* markers are ASCII: NULs in binary output do not hide them */
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\0')
      text[i] = ' ';
  return text;
}

static void
assert_no_audio (const char *what,
                 const char *text,
                 const char *dir)
{
  static const char * const forbidden[] = {
    "SECRETAUDIONAME", "SECRETAUDIOBYTES", "RIFF", "WAVE", ".wav", "recordings",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (strstr (text, forbidden[i]) != NULL)
      g_error ("%s holds “%s”", what, forbidden[i]);
  if (strstr (text, dir) != NULL)
    g_error ("%s holds the recording's folder", what);
}

static void
test_no_audio_leaves (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "talk.db", NULL);
  g_autofree char *wav = g_build_filename (dir, "SECRETAUDIONAME-lesson.wav", NULL);
  g_autofree char *xml = g_build_filename (dir, "out.coachbook", NULL);
  g_autofree char *pdf = g_build_filename (dir, "packet.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(CbStore) store = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *teacher = NULL;
  g_autofree char *obs = NULL;
  g_autofree char *estimate = NULL;
  g_autofree char *exported = NULL;

  write_marked_wav (wav, "SECRETAUDIOBYTES", 12);
  segments = cb_talk_analyse_file (wav, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  estimate = cb_talk_segments_serialize (segments);

  store = cb_test_open_store (db, "Coach");
  teacher = cb_test_create (store, "person", "name", "Ada Reyes", "role", "teacher", NULL);
  obs = cb_test_create (store, "observation", "teacher", teacher, "date", "2025-10-06",
                        "lesson", "Fractions", "strengths", "SHAREDSTRENGTH",
                        "shared_with_teacher", "1", NULL);
  g_assert_true (cb_store_set (store, obs, "talk_estimate", estimate, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  {
    const char *args[] = { "--db", db, "export", xml, NULL };
    g_autofree char *out = run_cli (args);

    exported = read_file (xml);
    assert_no_audio ("the exchange file", exported, dir);
    /* the derived estimate is data: it travels with the observation */
    g_assert_nonnull (strstr (exported, "talk_estimate"));
  }
  {
    static const char * const kinds[] = { "coaching_log", "action_item", "attendance" };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        g_autofree char *csv = g_build_filename (dir, kinds[i], NULL);
        const char *args[] = { "--db", db, "csv", kinds[i], "-o", csv, NULL };
        g_autofree char *out = run_cli (args);
        g_autofree char *text = read_file (csv);

        assert_no_audio (kinds[i], text, dir);
      }
  }
  if (pdftotext == NULL)
    {
      g_test_message ("pdftotext (poppler-utils) is not installed: the packet's text is not read");
      cb_test_rmtree (dir);
      return;
    }
  {
    const char *args[] = { "--db", db, "packet", obs, "-o", pdf, NULL };
    const char *to_text[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *out = run_cli (args);
    g_autofree char *raw = read_file (pdf);
    g_autofree char *text = NULL;

    assert_no_audio ("the packet's bytes", raw, dir);
    g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, NULL, NULL, NULL));
    assert_no_audio ("the packet", text, dir);
    g_assert_nonnull (strstr (text, "SHAREDSTRENGTH"));
    g_assert_nonnull (strstr (text, "Estimated from a recording"));
  }
  cb_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  g_test_add_func ("/talk-privacy/no-audio-leaves", test_no_audio_leaves);
  return g_test_run ();
}
