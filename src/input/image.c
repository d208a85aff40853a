/* image.c — the pixel size and type of a PNG (IHDR) or JPEG (SOFn) file,
 * read from its header without decoding the image. */
#include <errno.h>
#include <stdio.h>
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
