/* image.c — the pixel size and type of a PNG (IHDR) or JPEG (SOFn) file,
 * read from its header, and a full decode of PNGs: libharu lets libpng abort()
 * the process on a damaged PNG, so damage must be found here, with a position. */
#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
           (unsigned long)p[2] << 8 | p[3];
}

static int png_size(FILE *f, int *w, int *h, const char **why)
{
    unsigned char hd[24];
    if (fread(hd, 1, sizeof hd, f) != sizeof hd || memcmp(hd + 12, "IHDR", 4) != 0) {
        *why = "damaged PNG: no IHDR chunk";
        return -1;
    }
    unsigned long pw = be32(hd + 16), ph = be32(hd + 20);
    if (pw == 0 || ph == 0 || pw > 0x7fffffffUL || ph > 0x7fffffffUL) {
        *why = "damaged PNG: bad image size";
        return -1;
    }
    *w = (int)pw;
    *h = (int)ph;
    return 0;
}

/* Walk JPEG segments from after SOI to the first SOFn frame header. */
static int jpeg_size(FILE *f, int *w, int *h, const char **why)
{
    for (;;) {
        int c = getc(f);
        if (c == EOF)
            break;
        if (c != 0xFF) {
            *why = "damaged JPEG: bad segment marker";
            return -1;
        }
        while ((c = getc(f)) == 0xFF)
            ; /* fill bytes */
        if (c == EOF)
            break;
        if (c == 0xD8 || c == 0x01 || (c >= 0xD0 && c <= 0xD7))
            continue; /* markers without a length */
        if (c == 0xD9 || c == 0xDA)
            break;    /* end of image or start of scan before any frame */
        unsigned char lenb[2];
        if (fread(lenb, 1, 2, f) != 2)
            break;
        unsigned seglen = be16(lenb);
        if (seglen < 2) {
            *why = "damaged JPEG: bad segment length";
            return -1;
        }
        int is_sof = c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC;
        if (is_sof) {
            unsigned char sof[5];
            if (seglen < 7 || fread(sof, 1, 5, f) != 5)
                break;
            *h = (int)be16(sof + 1);
            *w = (int)be16(sof + 3);
            if (*w == 0 || *h == 0) {
                *why = "damaged JPEG: bad image size";
                return -1;
            }
            return 0;
        }
        if (fseek(f, (long)seglen - 2, SEEK_CUR) != 0)
            break;
    }
    *why = "damaged JPEG: no frame header";
    return -1;
}

int image_read_size(const char *path, enum image_format *fmt, int *w, int *h,
                    const char **why)
{
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char sig[8];
    *fmt = IMAGE_UNKNOWN;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return -1;
    }
    int rc = -1;
    size_t got = fread(sig, 1, sizeof sig, f);
    if (got == sizeof sig && memcmp(sig, png_sig, 8) == 0) {
        *fmt = IMAGE_PNG;
        /* png_size expects the 24 bytes from the start of the file */
        if (fseek(f, 0, SEEK_SET) == 0)
            rc = png_size(f, w, h, why);
        else
            *why = strerror(errno);
    } else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
        *fmt = IMAGE_JPEG;
        if (fseek(f, 2, SEEK_SET) == 0)
            rc = jpeg_size(f, w, h, why);
        else
            *why = strerror(errno);
    } else if (ferror(f)) {
        *why = strerror(errno);
    } else {
        *why = "not a PNG or JPEG image";
    }
    fclose(f);
    return rc;
}

/* libpng reports errors by longjmp to the reader's jump buffer; the message is
 * kept for the diagnostic. */
typedef struct png_check {
    jmp_buf jump;
    char message[128];
} png_check;

static void png_fail(png_structp png, png_const_charp msg)
{
    png_check *pc = png_get_error_ptr(png);
    snprintf(pc->message, sizeof pc->message, "%s", msg);
    longjmp(pc->jump, 1);
}

static void png_ignore_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

int image_check_png(const char *path, char *why, size_t size)
{
    png_check pc = {.message = ""};
    png_structp png = NULL;
    png_infop info = NULL;
    unsigned char *volatile row = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, size, "%s", strerror(errno));
        return -1;
    }
    volatile int rc = -1;
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &pc, png_fail, png_ignore_warning);
    if (!png || !(info = png_create_info_struct(png))) {
        snprintf(why, size, "out of memory");
        goto done;
    }
    if (setjmp(pc.jump)) {
        snprintf(why, size, "damaged PNG: %s", pc.message);
        goto done;
    }
    png_init_io(png, f);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_strip_16(png);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    row = malloc(png_get_rowbytes(png, info));
    if (!row) {
        snprintf(why, size, "out of memory");
        goto done;
    }
    png_uint_32 height = png_get_image_height(png, info);
    for (int p = 0; p < passes; p++)
        for (png_uint_32 y = 0; y < height; y++)
            png_read_row(png, row, NULL);
    png_read_end(png, NULL);
    rc = 0;
done:
    free(row);
    png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
    fclose(f);
    return rc;
}
