/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

G_BEGIN_DECLS

/* Photos of student work: read from a file the coach picks (JPEG or
 * PNG), turned upright by their EXIF orientation, re-encoded as a JPEG
 * no larger than CB_IMAGE_MAX_SIDE on its long side (the re-encoding
 * keeps no metadata: no location, no camera) and a thumbnail. Stored
 * and exchanged as base64 text in a CB_TYPE_IMAGE field, whose value
 * is checked against the same caps wherever it comes from. gdk-pixbuf
 * only: no GTK. */

#define CB_IMAGE_MAX_FILE_SIZE    ((goffset) 64 * 1024 * 1024)  /* a photo picked from disk */
#define CB_IMAGE_MAX_PIXELS       ((gint64) 120 * 1000 * 1000)  /* declared, before decoding */
#define CB_IMAGE_MAX_SIDE         1600                          /* stored photo, long side */
#define CB_IMAGE_THUMB_SIDE       240
#define CB_IMAGE_MAX_STORED_BYTES ((gsize) 1536 * 1024)         /* one stored JPEG */
#define CB_IMAGE_ERROR (cb_image_error_quark ())

typedef enum
{
  CB_IMAGE_ERROR_NOT_IMAGE,
  CB_IMAGE_ERROR_TOO_LARGE,
  CB_IMAGE_ERROR_DAMAGED,
} CbImageError;

typedef struct
{
  char *photo;      /* base64 JPEG */
  char *thumbnail;  /* base64 JPEG */
  int   width;
  int   height;
} CbImage;

GQuark     cb_image_error_quark   (void);
CbImage   *cb_image_import_file   (const char    *path,
                                   GError       **error);
CbImage   *cb_image_import_bytes  (GBytes        *bytes,
                                   GError       **error);
void       cb_image_free          (CbImage       *image);
gboolean   cb_image_check_stored  (const char    *base64,
                                   GError       **error);
GdkPixbuf *cb_image_decode_stored (const char    *base64,
                                   GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbImage, cb_image_free)

G_END_DECLS
