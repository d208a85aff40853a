/* flate.c — stream data compressed once, by us: content streams, font
 * programs and ToUnicode CMaps deflated with libdeflate and handed over
 * as data deflated already (hpdf.h's OBJ_DEFLATED), copied out as it is when
 * the file is written. The bytes live in one exact-size block per stream
 * (obj_data), owned by the stream and freed with it: what is held is the
 * compressed size. Page content, the bulk of a volume, goes to a spool file
 * instead (unlinked, in $TMPDIR), read back when the file is written; where
 * there is no spool, in memory too. Owns pdf_streams: the options'
 * compression, the pages' compressor, the spool. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libdeflate.h>

#include "pdf-private.h"

/* zlib's default level: the same ratio, at a fraction of zlib's time; and
 * zlib's best for the font programs, deflated once per document on the
 * subsetting threads and the bulk of a weekly bulletin's bytes: 0.6 % smaller
 * at the same memory (libdeflate's levels 10-12 take 9 MB a compressor, 3.5
 * MiB more at the peak of a weekly bulletin, for 1 % more) */
enum { FLATE_LEVEL = 6, FLATE_LEVEL_FONTS = 9 };

void streams_init(pdf_streams *s, int compress, diag *d)
{
    *s = (pdf_streams){.d = d, .compress = compress, .spool_fd = -1};
}

void streams_free(pdf_streams *s)
{
    libdeflate_free_compressor(s->deflater);
    s->deflater = NULL;
    if (s->spool_fd >= 0)
        close(s->spool_fd);
    s->spool_fd = -1;
}

struct libdeflate_compressor *streams_deflater(pdf_streams *s)
{
    if (!s->deflater && !(s->deflater = pdfw_deflater()))
        diag_oom(s->d);
    return s->deflater;
}

/* The spool file for page content, made when first needed: -1 when none
 * can be made (page content then stays in memory). */
static int spool_fd(pdf_streams *s)
{
    if (s->spool_fd >= 0 || s->spool_failed)
        return s->spool_fd;
    const char *dir = getenv("TMPDIR");
    buf path = {0};
    if (buf_puts(&path, dir && *dir ? dir : "/tmp") == 0
        && buf_puts(&path, "/bulletin-spool-XXXXXX") == 0) {
        s->spool_fd = mkstemp(path.data);
        if (s->spool_fd >= 0)
            unlink(path.data);   /* gone with the process, whatever happens */
    }
    buf_free(&path);
    s->spool_failed = s->spool_fd < 0;
    return s->spool_fd;
}

/* Move h's bytes to the spool; h shrinks to its record. 0 ok, -1 (h as it was). */
static int spool(pdf_streams *s, obj_data **hp)
{
    obj_data *h = *hp;
    int fd = spool_fd(s);
    if (fd < 0)
        return -1;
    if (write_all(fd, h->data, h->len) < 0) {   /* a full disk: what is left stays in memory */
        s->spool_failed = 1;
        return -1;
    }
    obj_data *small = realloc(h, sizeof *h);
    h = small ? small : h;
    h->fd = fd;
    h->at = s->spool_at;
    s->spool_at += (off_t)h->len;
    *hp = h;
    return 0;
}

int pdfw_stream_data(pdf_streams *s, pdf_obj *stream, const void *data, size_t len, int how)
{
    if (len > PDF_MAX_STREAM) {
        diag_error(s->d, (srcpos){0}, "cannot build the PDF: a stream of %zu bytes, more than "
                   "libharu can write; split the input", len);
        return -1;
    }
    obj_data *h;
    int deflate = (how == PDFW_FLATE || how == PDFW_SPOOL) && s->compress;
    if (deflate) {
        if (!streams_deflater(s))
            return -1;
        size_t bound = libdeflate_zlib_compress_bound(s->deflater, len);
        if (!(h = malloc(sizeof *h + bound)))
            return diag_oom(s->d);
        h->fd = -1;
        h->at = 0;
        size_t n = libdeflate_zlib_compress(s->deflater, data, len, h->data, bound);
        obj_data *fit = n ? realloc(h, sizeof *h + n) : NULL;
        if (!fit) {
            free(h);
            return diag_oom(s->d);
        }
        h = fit;
        h->len = n;
        if (how == PDFW_SPOOL && !s->spool_failed)
            spool(s, &h);   /* else it stays in memory */
    } else {
        if (!(h = malloc(sizeof *h + (len ? len : 1))))
            return diag_oom(s->d);
        h->fd = -1;
        h->at = 0;
        if (len)
            memcpy(h->data, data, len);
        h->len = len;
    }
    enum obj_filter filter = deflate || how == PDFW_DEFLATED ? OBJ_DEFLATED
                           : how == PDFW_DCT ? OBJ_DCT : OBJ_RAW;
    return obj_stream_data(stream, h, filter);
}

unsigned char *pdfw_deflate(struct libdeflate_compressor *c, const void *data, size_t len,
                            size_t *out_len)
{
    size_t bound = libdeflate_zlib_compress_bound(c, len);
    unsigned char *z = malloc(bound ? bound : 1);
    size_t n = z ? libdeflate_zlib_compress(c, data, len, z, bound) : 0;
    unsigned char *fit = n ? realloc(z, n) : NULL;
    if (!fit) {
        free(z);
        return NULL;
    }
    *out_len = n;
    return fit;
}

struct libdeflate_compressor *pdfw_deflater(void)
{
    return libdeflate_alloc_compressor(FLATE_LEVEL);
}

struct libdeflate_compressor *pdfw_font_deflater(void)
{
    return libdeflate_alloc_compressor(FLATE_LEVEL_FONTS);
}
