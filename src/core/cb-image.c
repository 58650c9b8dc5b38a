/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The photo pipeline of student work (see cb-image.h). Every input is
 * hostile until proven otherwise: its declared dimensions are read and
 * checked before a single pixel is decoded (a small PNG may declare a
 * billion pixels), the decoder's errors are errors, and an image that
 * ends before its data does is refused rather than stored half grey. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-image.h"

#define JPEG_QUALITY "82"
#define THUMB_QUALITY "75"

G_DEFINE_QUARK (cb-image-error-quark, cb_image_error)

void
cb_image_free (CbImage *image)
{
  if (image == NULL)
    return;
  g_free (image->photo);
  g_free (image->thumbnail);
  g_free (image);
}

static gboolean
is_allowed_format (GdkPixbufFormat *format)
{
  g_autofree char *name = format ? gdk_pixbuf_format_get_name (format) : NULL;

  return name != NULL && (strcmp (name, "jpeg") == 0 || strcmp (name, "png") == 0);
}

static void
set_not_image (GError **error)
{
  g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_NOT_IMAGE,
               _("This file is not a JPEG or PNG photo."));
}

static void
set_damaged (GError **error)
{
  g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_DAMAGED,
               _("This photo is damaged or incomplete; take or save it again."));
}

static gboolean
check_dimensions (int       width,
                  int       height,
                  gint64    max_pixels,
                  GError  **error)
{
  if (width <= 0 || height <= 0)
    {
      set_damaged (error);
      return FALSE;
    }
  if ((gint64) width * height > max_pixels)
    {
      g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_TOO_LARGE,
                   _("This photo is too large (%d × %d pixels); use one of at most %u megapixels."),
                   width, height, (guint) (max_pixels / 1000000));
      return FALSE;
    }
  return TRUE;
}

/* A JPEG ends with its end-of-image marker; libjpeg fills what is
 * missing with grey and only warns. */
static gboolean
jpeg_is_complete (const guint8 *data,
                  gsize         len)
{
  gsize end = len;

  while (end > 2 && data[end - 1] == 0)   /* some cameras pad the file */
    end--;
  return end >= 4 && data[end - 2] == 0xFF && data[end - 1] == 0xD9;
}

typedef struct
{
  int     width;
  int     height;
  int     target;     /* scale down to this long side */
  int     max_side;   /* refuse a larger one; 0: any */
  gint64  max_pixels;
  GError *error;
} Sizing;

static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     gpointer         data)
{
  Sizing *s = data;
  double scale;

  s->width = width;
  s->height = height;
  if (s->max_side > 0 && MAX (width, height) > s->max_side)
    g_set_error (&s->error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_TOO_LARGE,
                 _("A stored photo is larger than %d pixels on a side."), s->max_side);
  if (s->error != NULL || !check_dimensions (width, height, s->max_pixels, &s->error))
    {
      /* decode as little as possible; the error is reported on close */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }
  scale = MIN (1.0, (double) s->target / MAX (width, height));
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)), MAX (1, (int) (height * scale + 0.5)));
}

/* Decodes @data (already known to be JPEG or PNG and not too large by
 * its header) at no more than @target pixels on its long side. */
static GdkPixbuf *
decode (const guint8  *data,
        gsize          len,
        int            target,
        int            max_side,
        gint64         max_pixels,
        GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  Sizing sizing = { 0, 0, target, max_side, max_pixels, NULL };
  GdkPixbuf *pixbuf;
  gboolean ok;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), &sizing);
  ok = gdk_pixbuf_loader_write (loader, data, len, &local_error);
  ok = gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL) && ok;
  if (sizing.error != NULL)
    {
      g_propagate_error (error, sizing.error);
      return NULL;
    }
  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf == NULL)
    {
      set_damaged (error);
      return NULL;
    }
  return g_object_ref (pixbuf);
}

static char *
encode_jpeg (GdkPixbuf   *pixbuf,
             const char  *quality,
             GError     **error)
{
  g_autofree char *buffer = NULL;
  g_autoptr(GdkPixbuf) opaque = NULL;
  gsize size = 0;

  /* JPEG has no alpha: flatten a PNG's transparency onto white */
  if (gdk_pixbuf_get_has_alpha (pixbuf))
    {
      int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);

      opaque = gdk_pixbuf_composite_color_simple (pixbuf, w, h, GDK_INTERP_NEAREST, 255, 8,
                                                  0xffffffu, 0xffffffu);
      pixbuf = opaque;
    }
  if (pixbuf == NULL || !gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error,
                                                    "quality", quality, NULL))
    return NULL;
  return g_base64_encode ((const guchar *) buffer, size);
}

static GdkPixbuf *
scale_to (GdkPixbuf *pixbuf,
          int        side)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  double scale = MIN (1.0, (double) side / MAX (w, h));

  if (scale >= 1.0)
    return g_object_ref (pixbuf);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (w * scale + 0.5)), MAX (1, (int) (h * scale + 0.5)),
                                  GDK_INTERP_BILINEAR);
}

/**
 * cb_image_import_bytes:
 * @bytes: the file's contents
 *
 * Checks the declared format and dimensions, decodes the image at most
 * CB_IMAGE_MAX_SIDE on its long side, turns it upright by its EXIF
 * orientation and re-encodes it, with a thumbnail. No metadata of the
 * original survives.
 *
 * Returns: (transfer full): the stored form, or %NULL with @error set
 *   (%CB_IMAGE_ERROR) and nothing else done
 */
CbImage *
cb_image_import_bytes (GBytes  *bytes,
                       GError **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(CbImage) image = g_new0 (CbImage, 1);
  g_autofree char *name = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (len < 8)
    {
      set_not_image (error);
      return NULL;
    }
  if ((goffset) len > CB_IMAGE_MAX_FILE_SIZE)
    {
      g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_TOO_LARGE,
                   _("This photo file is larger than %u MB."), (guint) (CB_IMAGE_MAX_FILE_SIZE / (1024 * 1024)));
      return NULL;
    }
  /* the format by its signature, never by the file's name */
  if (memcmp (data, "\xFF\xD8\xFF", 3) == 0)
    name = g_strdup ("jpeg");
  else if (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    name = g_strdup ("png");
  else
    {
      set_not_image (error);
      return NULL;
    }
  if (strcmp (name, "jpeg") == 0 && !jpeg_is_complete (data, len))
    {
      set_damaged (error);
      return NULL;
    }
  if ((decoded = decode (data, len, CB_IMAGE_MAX_SIDE, 0, CB_IMAGE_MAX_PIXELS, error)) == NULL)
    return NULL;
  upright = gdk_pixbuf_apply_embedded_orientation (decoded);
  if (upright == NULL)
    {
      set_damaged (error);
      return NULL;
    }
  {
    g_autoptr(GdkPixbuf) capped = scale_to (upright, CB_IMAGE_MAX_SIDE);

    thumb = scale_to (capped, CB_IMAGE_THUMB_SIDE);
    image->width = gdk_pixbuf_get_width (capped);
    image->height = gdk_pixbuf_get_height (capped);
    image->photo = encode_jpeg (capped, JPEG_QUALITY, NULL);
  }
  image->thumbnail = encode_jpeg (thumb, THUMB_QUALITY, NULL);
  if (image->photo == NULL || image->thumbnail == NULL)
    {
      set_damaged (error);
      return NULL;
    }
  return g_steal_pointer (&image);
}

/**
 * cb_image_import_file:
 * @path: a photo the coach picked, dropped or pasted
 *
 * Like cb_image_import_bytes(), reading @path first; its declared
 * dimensions are checked with gdk_pixbuf_get_file_info() before the
 * file is read whole.
 *
 * Returns: (transfer full): the stored form, or %NULL with @error set
 */
CbImage *
cb_image_import_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GdkPixbufFormat *format;
  int width = 0, height = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_NOT_IMAGE,
                   _("This photo could not be opened."));
      return NULL;
    }
  if (g_file_info_get_size (info) > CB_IMAGE_MAX_FILE_SIZE)
    {
      g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_TOO_LARGE,
                   _("This photo file is larger than %u MB."), (guint) (CB_IMAGE_MAX_FILE_SIZE / (1024 * 1024)));
      return NULL;
    }
  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (!is_allowed_format (format))
    {
      set_not_image (error);
      return NULL;
    }
  if (!check_dimensions (width, height, CB_IMAGE_MAX_PIXELS, error))
    return NULL;
  if ((bytes = g_file_load_bytes (file, NULL, NULL, NULL)) == NULL)
    {
      g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_NOT_IMAGE,
                   _("This photo could not be opened."));
      return NULL;
    }
  return cb_image_import_bytes (bytes, error);
}

static guchar *
decode_base64 (const char *base64,
               gsize      *len,
               GError    **error)
{
  gsize n = strlen (base64);

  /* base64 grows by 4/3: check before decoding */
  if (n > CB_IMAGE_MAX_STORED_BYTES / 3 * 4 + 4)
    {
      g_set_error (error, CB_IMAGE_ERROR, CB_IMAGE_ERROR_TOO_LARGE,
                   _("A stored photo is larger than %u KB."), (guint) (CB_IMAGE_MAX_STORED_BYTES / 1024));
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (base64[i]) && base64[i] != '+' && base64[i] != '/' && base64[i] != '=')
      {
        set_not_image (error);
        return NULL;
      }
  return g_base64_decode (base64, len);
}

/**
 * cb_image_decode_stored:
 * @base64: a stored photo or thumbnail
 *
 * Decodes a stored image, refusing one over the caps whatever its
 * origin (a colleague's exchange file included): not JPEG, more than
 * CB_IMAGE_MAX_STORED_BYTES, larger than CB_IMAGE_MAX_SIDE, or damaged.
 * Slow for a full photo: call it off the main loop.
 *
 * Returns: (transfer full): the pixels, or %NULL with @error set
 */
GdkPixbuf *
cb_image_decode_stored (const char  *base64,
                        GError     **error)
{
  g_autofree guchar *data = NULL;
  gsize len = 0;
  gint64 max_pixels = (gint64) CB_IMAGE_MAX_SIDE * CB_IMAGE_MAX_SIDE;

  g_return_val_if_fail (base64 != NULL, NULL);

  if ((data = decode_base64 (base64, &len, error)) == NULL)
    return NULL;
  if (len < 4 || memcmp (data, "\xFF\xD8\xFF", 3) != 0)
    {
      set_not_image (error);
      return NULL;
    }
  if (!jpeg_is_complete (data, len))
    {
      set_damaged (error);
      return NULL;
    }
  return decode (data, len, CB_IMAGE_MAX_SIDE, CB_IMAGE_MAX_SIDE, max_pixels, error);
}

/**
 * cb_image_check_stored:
 * @base64: a value for a CB_TYPE_IMAGE field
 *
 * Returns: whether @base64 is a photo within the caps (see
 *   cb_image_decode_stored()); the kinds table's check of an image field
 */
gboolean
cb_image_check_stored (const char  *base64,
                       GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = cb_image_decode_stored (base64, error);

  return pixbuf != NULL;
}
