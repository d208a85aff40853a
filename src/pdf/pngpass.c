/* pngpass.c — a PNG without alpha, tRNS or interlace as its own IDAT bytes
 * (PDF reads them with /DecodeParms telling the predictors): the chunks
 * gathered, the palette taken, and the data inflated once to check it — by
 * libdeflate in one call, by zlib's streaming inflate only to say what is
 * wrong when that fails — never decoded. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <libdeflate.h>

#include "pdf-private.h"

/* The reason that is no damage: memory ran out. */
static const char OOM[] = "out of memory";

static uint32_t be32(const unsigned char *q)
{
    return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
}

/* Inflate the IDAT data without keeping it: the right number of bytes, a
 * valid filter type starting every row, and zlib's own checks. */
static const char *check_idat_zlib(const image_data *o, size_t rowbytes, size_t rows)
{
    unsigned char scratch[16384];   /* inflated bytes: only row starts are looked at */
    z_stream z = {0};
    if (inflateInit(&z) != Z_OK)
        return OOM;
    z.next_in = (unsigned char *)o->data;
    z.avail_in = (uInt)o->len;
    size_t want = rows * (rowbytes + 1), got = 0, row_at = 0;   /* row_at: next filter byte */
    const char *why = NULL;
    while (!why && got < want) {
        z.next_out = scratch;
        z.avail_out = sizeof scratch;
        int rc = inflate(&z, Z_NO_FLUSH);
        size_t n = sizeof scratch - z.avail_out;
        for (; row_at < got + n && row_at < want; row_at += rowbytes + 1)
            if (scratch[row_at - got] > 4)
                why = "damaged PNG: a row with an unknown filter type";
        got += n;
        if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && z.avail_in == 0))
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            why = rc == Z_MEM_ERROR ? OOM : "damaged PNG: the compressed image data is corrupt";
    }
    if (!why && got < want)
        why = "damaged PNG: the image data ends early";
    inflateEnd(&z);
    return why;
}

/* The same check in one call (libdeflate), into a buffer of the image's
 * size: 1 it passed, 0 it did not, or the data is more than that size holds
 * (then zlib's streaming check above says what is wrong), -1 out of memory. */
static int check_idat_whole(const image_data *o, size_t rowbytes, size_t rows)
{
    size_t want = rows * (rowbytes + 1), got = 0;
    if (rows && want / rows != rowbytes + 1)
        return 0;
    unsigned char *raw = malloc(want ? want : 1);
    struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
    int ok = -1;
    if (raw && z) {
        ok = libdeflate_zlib_decompress(z, o->data, o->len, raw, want, &got) == LIBDEFLATE_SUCCESS
             && got == want;
        for (size_t at = 0; ok && at < want; at += rowbytes + 1)
            ok = raw[at] <= 4;
    }
    libdeflate_free_decompressor(z);
    free(raw);
    return ok;
}

static const char *check_idat(const image_data *o, size_t rowbytes, size_t rows)
{
    int ok = check_idat_whole(o, rowbytes, rows);
    if (ok < 0)
        return OOM;
    return ok ? NULL : check_idat_zlib(o, rowbytes, rows);
}

/* What is wrong with the PNG d[0..len) as IDAT bytes into o (NULL: nothing). */
static const char *gather(const image_info *info, const unsigned char *d, size_t len,
                          image_data *o)
{
    o->width = info->width;
    o->height = info->height;
    o->colors = info->components;
    o->bits = info->bits;
    o->space = info->color == IMAGE_GRAY ? "DeviceGray" : info->color == IMAGE_RGB ? "DeviceRGB" : NULL;
    o->predictors = 1;
    for (size_t off = 8; len - off >= 12;) {
        uint32_t n = be32(d + off);
        const unsigned char *type = d + off + 4, *data = d + off + 8;
        if (n > len - off - 12)
            return "damaged PNG: a chunk runs past the end of the file";
        if (memcmp(type, "IDAT", 4) == 0 && buf_append(&o->own, data, n) < 0)
            return OOM;
        if (memcmp(type, "PLTE", 4) == 0 && n % 3 == 0 && n <= sizeof o->palette) {
            memcpy(o->palette, data, n);
            o->palette_size = (int)n / 3;
        }
        if (memcmp(type, "IEND", 4) == 0)
            break;
        off += 12 + (size_t)n;
    }
    if (!o->space && !o->palette_size)
        return "damaged PNG: a palette image without a palette";
    o->data = (const unsigned char *)o->own.data;
    o->len = o->own.len;
    size_t rowbytes = ((size_t)info->width * info->components * info->bits + 7) / 8;
    return check_idat(o, rowbytes, (size_t)info->height);
}


int png_pass(const image_info *info, const unsigned char *d, size_t len, image_data *o,
             const image_report *r)
{
    const char *why = gather(info, d, len, o);
    if (!why)
        return 0;
    return why == OOM ? diag_oom(r->d) : image_unusable(r, why);
}
