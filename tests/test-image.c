/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Photos of student work: a 30 MB photo is stored under the cap, upright
 * and without its location; a truncated JPEG, a PNG bomb (huge declared
 * dimensions) and a text file named .jpg are each refused with one
 * message. In an exchange file, an oversized or damaged photo refuses
 * the import and leaves the database as it was. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cb-exchange-test-util.h"
#include "cb-exchange.h"
#include "cb-image.h"
#include "cb-test-util.h"

/* A JPEG of @w × @h with a gradient, as bytes. */
static GByteArray *
make_jpeg (int w,
           int h,
           int quality)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autofree char *buffer = NULL;
  g_autofree char *q = g_strdup_printf ("%d", quality);
  gsize size = 0;
  GByteArray *out;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        /* the left half red, the right half blue: orientation shows */
        p[0] = x < w / 2 ? 220 : 20;
        p[1] = (guchar) (y * 255 / MAX (1, h - 1));
        p[2] = x < w / 2 ? 20 : 220;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", q, NULL));
  out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) buffer, size);
  return out;
}

static void
put16 (GByteArray *a,
       guint       v)
{
  guint8 b[2] = { v >> 8, v & 0xff };
  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
  g_byte_array_append (a, b, 4);
}

/* An APP1 Exif segment: orientation 6 (rotate 90° clockwise to view) and
 * a GPS directory with a latitude reference and the camera's make. */
static GByteArray *
exif_segment (void)
{
  GByteArray *tiff = g_byte_array_new ();
  GByteArray *seg = g_byte_array_new ();

  g_byte_array_append (tiff, (const guint8 *) "MM\0\x2a", 4);
  put32 (tiff, 8);                      /* IFD0 at 8 */
  put16 (tiff, 3);                      /* 3 entries */
  put16 (tiff, 0x0112); put16 (tiff, 3); put32 (tiff, 1); put16 (tiff, 6); put16 (tiff, 0);
  put16 (tiff, 0x010f); put16 (tiff, 2); put32 (tiff, 4); g_byte_array_append (tiff, (const guint8 *) "CAM\0", 4);
  put16 (tiff, 0x8825); put16 (tiff, 4); put32 (tiff, 1); put32 (tiff, 8 + 2 + 3 * 12 + 4);
  put32 (tiff, 0);                      /* no next IFD */
  put16 (tiff, 1);                      /* GPS IFD: 1 entry */
  put16 (tiff, 0x0001); put16 (tiff, 2); put32 (tiff, 2); g_byte_array_append (tiff, (const guint8 *) "N\0\0\0", 4);
  put32 (tiff, 0);

  g_byte_array_append (seg, (const guint8 *) "\xFF\xE1", 2);
  put16 (seg, 2 + 6 + tiff->len);
  g_byte_array_append (seg, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (seg, tiff->data, tiff->len);
  g_byte_array_unref (tiff);
  return seg;
}

/* @jpeg with the Exif segment after its SOI and comment segments until
 * the file is @pad_to bytes long. */
static GBytes *
camera_photo (GByteArray *jpeg,
              gsize       pad_to)
{
  g_autoptr(GByteArray) exif = exif_segment ();
  GByteArray *out = g_byte_array_new ();
  static guint8 filler[65533];

  memset (filler, 'x', sizeof filler);
  g_byte_array_append (out, jpeg->data, 2);
  g_byte_array_append (out, exif->data, exif->len);
  while (out->len + jpeg->len + 4 + sizeof filler < pad_to)
    {
      g_byte_array_append (out, (const guint8 *) "\xFF\xFE", 2);
      put16 (out, 2 + sizeof filler);
      g_byte_array_append (out, filler, sizeof filler);
    }
  g_byte_array_append (out, jpeg->data + 2, jpeg->len - 2);
  return g_byte_array_free_to_bytes (out);
}

static char *
write_file (const char *dir,
            const char *name,
            GBytes     *bytes)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return path;
}

static GBytes *
decoded_jpeg (const char *base64)
{
  gsize len = 0;
  guchar *data = g_base64_decode (base64, &len);

  return g_bytes_new_take (data, len);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle,
               gsize       n)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_big_photo (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autoptr(GByteArray) jpeg = make_jpeg (4000, 3000, 95);
  g_autoptr(GBytes) photo = camera_photo (jpeg, 30 * 1024 * 1024);
  g_autofree char *path = write_file (dir, "IMG_0001.JPG", photo);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImage) image = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  guchar *px;

  g_assert_cmpuint (g_bytes_get_size (photo), >=, 30 * 1000 * 1000);
  image = cb_image_import_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);

  /* upright: a 4000 × 3000 photo with orientation 6 stands 1200 × 1600 */
  g_assert_cmpint (image->width, ==, 1200);
  g_assert_cmpint (image->height, ==, 1600);
  stored = decoded_jpeg (image->photo);
  g_assert_cmpuint (g_bytes_get_size (stored), <=, CB_IMAGE_MAX_STORED_BYTES);
  /* no Exif, no GPS, no camera */
  g_assert_false (bytes_contain (stored, "Exif", 4));
  g_assert_false (bytes_contain (stored, "CAM", 3));
  g_assert_true (cb_image_check_stored (image->photo, &error));
  g_assert_no_error (error);
  g_assert_true (cb_image_check_stored (image->thumbnail, &error));

  /* turned clockwise: the left half (red) is now the top */
  pixbuf = cb_image_decode_stored (image->photo, &error);
  g_assert_no_error (error);
  px = gdk_pixbuf_get_pixels (pixbuf) + gdk_pixbuf_get_rowstride (pixbuf) * 100 + 3 * 600;
  g_assert_cmpint (px[0], >, 150);
  g_assert_cmpint (px[2], <, 100);
  g_clear_object (&pixbuf);
  pixbuf = cb_image_decode_stored (image->thumbnail, &error);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf)), ==, CB_IMAGE_THUMB_SIDE);
  cb_test_rmtree (dir);
}

/* A PNG whose header declares @w × @h with a few bytes of pixels. */
static GBytes *
png_bomb (guint32 w,
          guint32 h)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) ihdr = g_byte_array_new ();
  static const guint8 idat[] = { 0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 };
  GByteArray *chunks[2];

  g_byte_array_append (out, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  g_byte_array_append (ihdr, (const guint8 *) "IHDR", 4);
  put32 (ihdr, w);
  put32 (ihdr, h);
  g_byte_array_append (ihdr, (const guint8 *) "\x08\x00\x00\x00\x00", 5);
  chunks[0] = ihdr;
  chunks[1] = g_byte_array_new ();
  g_byte_array_append (chunks[1], (const guint8 *) "IDAT", 4);
  g_byte_array_append (chunks[1], idat, sizeof idat);
  for (guint i = 0; i < 2; i++)
    {
      guint32 crc = 0xffffffffu;

      for (guint k = 0; k < chunks[i]->len; k++)
        {
          crc ^= chunks[i]->data[k];
          for (int b = 0; b < 8; b++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
        }
      put32 (out, chunks[i]->len - 4);
      g_byte_array_append (out, chunks[i]->data, chunks[i]->len);
      put32 (out, crc ^ 0xffffffffu);
    }
  g_byte_array_unref (chunks[1]);
  g_byte_array_append (out, (const guint8 *) "\0\0\0\0IEND\xae\x42\x60\x82", 12);
  return g_byte_array_free_to_bytes (out);
}

static void
test_refused (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autoptr(GByteArray) jpeg = make_jpeg (800, 600, 90);
  g_autoptr(GBytes) half = g_bytes_new (jpeg->data, jpeg->len / 2);
  g_autoptr(GBytes) bomb = png_bomb (100000, 100000);
  g_autoptr(GBytes) text = g_bytes_new_static ("Students will explain\n", 22);
  struct { const char *name; GBytes *bytes; int code; } cases[] = {
    { "truncated.jpg", half, CB_IMAGE_ERROR_DAMAGED },
    { "bomb.png", bomb, CB_IMAGE_ERROR_TOO_LARGE },
    { "notes.jpg", text, CB_IMAGE_ERROR_NOT_IMAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (dir, cases[i].name, cases[i].bytes);
      g_autoptr(GError) error = NULL;
      g_autoptr(CbImage) image = cb_image_import_file (path, &error);

      g_assert_null (image);
      g_assert_error (error, CB_IMAGE_ERROR, cases[i].code);
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
      /* the same from memory (a paste, a drop) */
      image = cb_image_import_bytes (cases[i].bytes, &error);
      g_assert_null (image);
      g_assert_error (error, CB_IMAGE_ERROR, cases[i].code);
    }
  cb_test_rmtree (dir);
}

static char *
base64_of (GByteArray *a,
           gsize       len)
{
  return g_base64_encode (a->data, len);
}

/* An exchange file with a photo over the cap, or a damaged one, is
 * refused whole: the database stays as it was. */
static void
test_exchange_caps (void)
{
  g_autofree char *dir = cb_test_tmpdir ();
  g_autofree char *a_path = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b_path = g_build_filename (dir, "b.db", NULL);
  g_autofree char *file = g_build_filename (dir, "x.coachbook", NULL);
  g_autoptr(CbStore) a = cb_test_open_store (a_path, "A");
  g_autoptr(CbStore) b = cb_test_open_store (b_path, "B");
  g_autoptr(GByteArray) small = make_jpeg (640, 480, 85);
  g_autoptr(GByteArray) big = make_jpeg (2400, 1800, 60);
  g_autofree char *good = base64_of (small, small->len);
  g_autofree char *oversized = base64_of (big, big->len);
  g_autofree char *truncated = base64_of (small, small->len - 200);
  g_autofree char *obs = cb_test_create (a, "observation", "lesson", "Fractions", NULL);
  g_autofree char *sample = cb_test_create (a, "student_work", "parent", obs, "title", "Bar model",
                                            "level", "high", "students", "AB", "photo", good, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  const char *bad[] = { oversized, truncated };

  /* a local edit is checked the same way */
  g_assert_false (cb_store_set (a, sample, "photo", oversized, &error));
  g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* the photo travels */
  cb_test_exchange (a, b, file);
  {
    g_autoptr(CbRecord) there = cb_store_get (b, sample, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cb_record_get (there, "photo"), ==, good);
  }

  /* the same file with the photo swapped for a bad one */
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, good));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *c_path = g_strdup_printf ("%s/c%u.db", dir, i);
      g_autoptr(CbStore) c = cb_test_open_store (c_path, "C");
      g_autoptr(GString) forged = g_string_new (text);
      g_autofree char *forged_path = g_strdup_printf ("%s/forged%u.coachbook", dir, i);
      g_autoptr(CbImportReport) report = NULL;

      g_string_replace (forged, good, bad[i], 1);
      g_assert_true (g_file_set_contents (forged_path, forged->str, forged->len, NULL));
      g_free (before);
      before = cb_test_dump_hash (c);
      report = cb_test_import (c, forged_path, FALSE, &error);
      g_assert_null (report);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "photo"));
      g_clear_error (&error);
      {
        g_autofree char *after = cb_test_dump_hash (c);
        g_assert_cmpstr (before, ==, after);
      }
    }
  cb_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image/big-photo", test_big_photo);
  g_test_add_func ("/image/refused", test_refused);
  g_test_add_func ("/image/exchange-caps", test_exchange_caps);
  return g_test_run ();
}
