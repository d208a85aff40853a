/* flate.c — stream data compressed once, by us: content streams, font
 * programs and ToUnicode CMaps deflated with libdeflate and handed to libharu
 * as already-filtered streams that it copies out as they are when it saves
 * (its own filter off, /Filter /FlateDecode written by a dictionary hook,
 * since libharu 2.3.0 drops a /Filter key from a stream whose filter is off).
 * The bytes live in one exact-size block per stream, owned by the stream's
 * dictionary and freed with it: what is held is the compressed size. Page
 * content, the bulk of a volume, goes to a spool file instead (unlinked, in
 * $TMPDIR), read back when the file is saved; where there is no spool, in
 * memory too. */
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

/* A stream's bytes, read back by libharu when it saves: data[], or len
 * bytes at offset `at` of the spool file fd. */
typedef struct held_stream {
    size_t len, pos;
    int fd;                      /* -1: in data */
    off_t at;
    unsigned char data[];
} held_stream;

static HPDF_STATUS held_read(HPDF_Stream s, HPDF_BYTE *p, HPDF_UINT *size)
{
    held_stream *h = s->attr;
    size_t n = h->len - h->pos < *size ? h->len - h->pos : *size;
    if (h->fd < 0) {
        memcpy(p, h->data + h->pos, n);
    } else {
        for (size_t got = 0; got < n;) {
            ssize_t k = pread(h->fd, p + got, n - got, h->at + (off_t)(h->pos + got));
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)errno);
            got += (size_t)k;
        }
    }
    h->pos += n;
    *size = (HPDF_UINT)n;
    return h->pos >= h->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS held_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    held_stream *h = s->attr;
    long long at = mode == HPDF_SEEK_CUR ? (long long)h->pos + pos
                 : mode == HPDF_SEEK_END ? (long long)h->len - pos : pos;
    if (at < 0 || at > (long long)h->len)
        return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    h->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 held_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((held_stream *)s->attr)->pos;
}

static HPDF_UINT32 held_size(HPDF_Stream s)
{
    return (HPDF_UINT32)((held_stream *)s->attr)->len;
}

/* The dictionary's free hook: its held bytes go with it. */
static void held_free(HPDF_Dict d)
{
    if (d->stream && d->stream->read_fn == held_read) {
        free(d->stream->attr);
        d->stream->attr = NULL;
    }
}

HPDF_STATUS pdfw_write_flate_filter(HPDF_Dict d, HPDF_Stream s)
{
    (void)d;
    return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

/* Give stream dictionary d the n bytes at h as its data (h then belongs to d). */
static int hold(pdf_writer *w, HPDF_Dict d, held_stream *h)
{
    HPDF_Stream s = HPDF_CallbackReader_New(w->pdf->mmgr, held_read, held_seek, held_tell,
                                            held_size, h);
    if (!s) {
        free(h);
        return -1;
    }
    if (d->stream && d->stream->read_fn == held_read)
        held_free(d);
    HPDF_Stream_Free(d->stream);
    d->stream = s;
    d->free_fn = held_free;
    d->filter = HPDF_STREAM_FILTER_NONE;
    return 0;
}

/* The spool file for page content, made when first needed: -1 when none
 * can be made (page content then stays in memory). */
static int spool_fd(pdf_writer *w)
{
    if (w->spool_fd >= 0 || w->spool_failed)
        return w->spool_fd;
    const char *dir = getenv("TMPDIR");
    buf path = {0};
    if (buf_puts(&path, dir && *dir ? dir : "/tmp") == 0
        && buf_puts(&path, "/bulletin-spool-XXXXXX") == 0) {
        w->spool_fd = mkstemp(path.data);
        if (w->spool_fd >= 0)
            unlink(path.data);   /* gone with the process, whatever happens */
    }
    buf_free(&path);
    w->spool_failed = w->spool_fd < 0;
    return w->spool_fd;
}

/* Move h's bytes to the spool; h shrinks to its record. 0 ok, -1 (h as it was). */
static int spool(pdf_writer *w, held_stream **hp)
{
    held_stream *h = *hp;
    int fd = spool_fd(w);
    if (fd < 0)
        return -1;
    if (pdfw_write_all(fd, h->data, h->len) < 0) {   /* a full disk: what is left stays in memory */
        w->spool_failed = 1;
        return -1;
    }
    held_stream *small = realloc(h, sizeof *h);
    h = small ? small : h;
    h->fd = fd;
    h->at = w->spool_at;
    w->spool_at += (off_t)h->len;
    *hp = h;
    return 0;
}

int pdfw_stream_data(pdf_writer *w, HPDF_Dict d, const void *data, size_t len, int flate)
{
    if (len > 0x7FFFFFFF)   /* libharu counts stream bytes in 32 bits */
        return -1;
    held_stream *h;
    if (flate && w->opts->compress) {
        if (!w->deflater && !(w->deflater = pdfw_deflater()))
            return -1;
        size_t bound = libdeflate_zlib_compress_bound(w->deflater, len);
        if (!(h = malloc(sizeof *h + bound)))
            return -1;
        h->fd = -1;
        h->at = 0;
        size_t n = libdeflate_zlib_compress(w->deflater, data, len, h->data, bound);
        held_stream *fit = n ? realloc(h, sizeof *h + n) : NULL;
        if (!fit) {
            free(h);
            return -1;
        }
        h = fit;
        h->len = n;
        if (flate == PDFW_SPOOL && !w->spool_failed)
            spool(w, &h);   /* else it stays in memory */
    } else {
        if (!(h = malloc(sizeof *h + (len ? len : 1))))
            return -1;
        h->fd = -1;
        h->at = 0;
        if (len)
            memcpy(h->data, data, len);
        h->len = len;
    }
    h->pos = 0;
    if (hold(w, d, h) < 0)
        return -1;
    d->write_fn = flate && w->opts->compress ? pdfw_write_flate_filter : NULL;
    return 0;
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

void pdfw_flate_free(pdf_writer *w)
{
    libdeflate_free_compressor(w->deflater);
    w->deflater = NULL;
    if (w->spool_fd >= 0)
        close(w->spool_fd);
    w->spool_fd = -1;
}
