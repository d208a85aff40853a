/* serialize.c — the finished document as the bytes of a PDF 1.7 file (ISO
 * 32000-1 §7.5), written to a file descriptor: the header; every stream
 * object as itself, in object-number order, through libharu's own object
 * writer; every other object (dictionaries, arrays, numbers: the structure
 * tree, pages, annotations, outline, font dictionaries, streams' /Length)
 * packed in object-number order into deflated object streams (§7.5.7); then a
 * cross-reference stream (§7.5.8), PNG-predicted and deflated, whose
 * dictionary is the trailer (/Root /Info /ID /Size); startxref and %%EOF.
 * PDF/A-2 allows both kinds of stream; the file is never encrypted, so none
 * of §7.5.7's exceptions for an encryption dictionary arise. The only file
 * that walks libharu's cross-reference table and calls its object writers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf-private.h"

/* Objects per object stream: a reader decodes a whole object stream to reach
 * one of its objects; more objects compress a little better. */
enum { OBJSTM_OBJECTS = 1000 };

/* ---- the file --------------------------------------------------------- */

/* The output file, written in big writes; pos is the next byte's offset. */
typedef struct out_file {
    int fd;
    int err;                      /* errno of the first failed write */
    unsigned long long pos;
    size_t len;
    unsigned char data[1 << 16];
} out_file;

static int file_flush(out_file *o)
{
    if (o->len && !o->err && write_all(o->fd, o->data, o->len) < 0)
        o->err = errno ? errno : EIO;
    o->len = 0;
    return o->err ? -1 : 0;
}

static int file_put(out_file *o, const void *p, size_t n)
{
    if (o->err)
        return -1;
    o->pos += n;
    if (o->len + n > sizeof o->data && file_flush(o) < 0)
        return -1;
    if (n >= sizeof o->data) {
        if (write_all(o->fd, p, n) < 0) {
            o->err = errno ? errno : EIO;
            return -1;
        }
        return 0;
    }
    memcpy(o->data + o->len, p, n);
    o->len += n;
    return 0;
}

static int file_str(out_file *o, const char *s)
{
    return file_put(o, s, strlen(s));
}

/* Objects are written into the file through this (its failure recorded in
 * the file's err, said by the caller)... */
static int file_write(void *ctx, const void *p, size_t n)
{
    return file_put(ctx, p, n);
}

/* ... and into memory (an object stream's body) through this. */
typedef struct mem_out {
    buf *b;
    diag *d;
} mem_out;

static int mem_write(void *ctx, const void *p, size_t n)
{
    mem_out *m = ctx;
    return buf_append(m->b, p, n) < 0 ? diag_oom(m->d) : 0;
}

/* ---- the cross-reference stream --------------------------------------- */

/* An entry of the cross-reference stream: type 0 free (next free object,
 * generation), 1 in the file (offset, generation), 2 in an object stream
 * (its object number, the index in it). */
typedef struct xref_entry {
    unsigned long long f2;
    unsigned f3;
    unsigned char type;
} xref_entry;

/* Bytes needed for v (at least one). */
static int width_of(unsigned long long v)
{
    int n = 1;
    while (v >>= 8)
        n++;
    return n;
}

static void put_be(unsigned char *p, unsigned long long v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
}

/* The rows of the cross-reference stream; when predict, each after PNG's Up
 * predictor (a byte 2, then each byte less the one above it: /Predictor 12),
 * which turns the offsets' slow growth into runs that deflate well. NULL on OOM. */
static unsigned char *xref_rows(const xref_entry *e, size_t n, const int wd[3], int predict,
                                size_t *len)
{
    size_t row = (size_t)(wd[0] + wd[1] + wd[2]), tag = predict ? 1 : 0;
    unsigned char *raw = calloc(n + 1, row);   /* a zero row above the first */
    unsigned char *out = raw ? malloc(n * (row + tag) + 1) : NULL;
    if (!out) {
        free(raw);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char *r = raw + (i + 1) * row;
        put_be(r, e[i].type, wd[0]);
        put_be(r + wd[0], e[i].f2, wd[1]);
        put_be(r + wd[0] + wd[1], e[i].f3, wd[2]);
        unsigned char *o = out + i * (row + tag);
        if (predict)
            o[0] = 2;
        for (size_t k = 0; k < row; k++)
            o[tag + k] = predict ? (unsigned char)(r[k] - r[k - row]) : r[k];
    }
    free(raw);
    *len = n * (row + tag);
    return out;
}

/* ---- the writer ------------------------------------------------------- */

typedef struct serializer {
    pdf_objs *objs;
    diag *d;
    out_file *o;
    pdf_out *file, *mem;          /* objects' writers onto o and onto body */
    mem_out to_body;
    buf body, head;               /* an object stream's objects and its header */
    xref_entry *xref;             /* by object number */
    size_t nxref;
    int compress;
    struct libdeflate_compressor *deflater;   /* the pages' (flate.c) */
} serializer;

/* "num 0 obj\n": object num starts here. */
static int begin_object(serializer *z, unsigned num)
{
    char b[32];
    snprintf(b, sizeof b, "%u 0 obj\012", num);
    z->xref[num] = (xref_entry){.type = 1, .f2 = z->o->pos};
    return file_str(z->o, b);
}

/* A stream we made (an object stream, the cross-reference stream): its
 * dictionary's entries (dict, without << >>), /Filter when deflated, /Length,
 * then the data, deflated when the options compress. */
static int put_stream(serializer *z, unsigned num, const char *dict, const unsigned char *data,
                      size_t len)
{
    unsigned char *packed = NULL;
    size_t plen = len;
    if (z->compress) {
        if (!(packed = pdfw_deflate(z->deflater, data, len, &plen)))
            return diag_oom(z->d);
        data = packed;
    }
    char b[96];
    snprintf(b, sizeof b, "%s/Length %zu\012>>\012stream\015\012", packed ? "/Filter /FlateDecode\012" : "",
             plen);
    int rc = begin_object(z, num) < 0 || file_str(z->o, "<<\012") < 0 || file_str(z->o, dict) < 0
             || file_str(z->o, b) < 0 || file_put(z->o, data, plen) < 0
             || file_str(z->o, "\012endstream\012endobj\012") < 0 ? -1 : 0;
    free(packed);
    return rc;
}

/* The objects numbered nums[0..n) as object stream num. */
static int put_object_stream(serializer *z, unsigned num, const unsigned *nums, size_t n)
{
    z->body.len = z->head.len = 0;
    for (size_t i = 0; i < n; i++) {
        if (buf_printf(&z->head, "%u %zu ", nums[i], z->body.len) < 0)
            return diag_oom(z->d);
        z->xref[nums[i]] = (xref_entry){.type = 2, .f2 = num, .f3 = (unsigned)i};
        if (objs_write(z->objs, nums[i], z->mem) < 0)
            return -1;
        if (buf_append(&z->body, "\012", 1) < 0)
            return diag_oom(z->d);
    }
    size_t first = z->head.len;
    if (buf_append(&z->head, z->body.data, z->body.len) < 0)
        return diag_oom(z->d);
    char dict[96];
    snprintf(dict, sizeof dict, "/Type /ObjStm\012/N %zu\012/First %zu\012", n, first);
    return put_stream(z, num, dict, (const unsigned char *)z->head.data, z->head.len);
}

/* Every object that is not a stream, in object-number order, OBJSTM_OBJECTS
 * to an object stream numbered from *next on. */
static int put_packed(serializer *z, unsigned *next)
{
    unsigned nums[OBJSTM_OBJECTS];
    size_t n = 0;
    unsigned count = objs_count(z->objs);
    for (unsigned i = 1; i <= count; i++) {
        int last = i == count;
        if (!last && objs_kind(z->objs, i) != OBJ_PLAIN)
            continue;
        if (!last)
            nums[n++] = i;
        if (n == OBJSTM_OBJECTS || (last && n > 0)) {
            if (put_object_stream(z, (*next)++, nums, n) < 0)
                return -1;
            n = 0;
        }
    }
    return 0;
}

/* The trailer as the cross-reference stream's dictionary, and the stream. */
static int put_xref_stream(serializer *z, unsigned num)
{
    pdf_objs *objs = z->objs;
    z->xref[num] = (xref_entry){.type = 1, .f2 = z->o->pos};
    unsigned long long big2 = 0, big3 = 0;
    for (size_t i = 0; i < z->nxref; i++) {
        if (z->xref[i].f2 > big2)
            big2 = z->xref[i].f2;
        if (z->xref[i].f3 > big3)
            big3 = z->xref[i].f3;
    }
    int wd[3] = {1, width_of(big2), width_of(big3)};
    size_t len;
    int predict = z->compress;
    unsigned char *rows = xref_rows(z->xref, z->nxref, wd, predict, &len);
    if (!rows)
        return diag_oom(z->d);
    pdf_obj *t = objs_trailer(objs), *parms, *wa;
    int rc = -1;
    if (obj_put_name(t, "Type", "XRef") < 0 || obj_put_int(t, "Size", (int)z->nxref) < 0
        || !(wa = obj_array(objs)) || obj_put(t, "W", wa) < 0)
        goto out;
    for (int k = 0; k < 3; k++)
        if (obj_push_int(wa, wd[k]) < 0)
            goto out;
    if (obj_put(t, "Root", objs_catalog(objs)) < 0 || obj_put(t, "Info", objs_info(objs)) < 0)
        goto out;
    if (predict && (!(parms = obj_dict(objs)) || obj_put(t, "DecodeParms", parms) < 0
        || obj_put_int(parms, "Predictor", 12) < 0
        || obj_put_int(parms, "Columns", wd[0] + wd[1] + wd[2]) < 0))
        goto out;
    /* the entries libharu writes, then ours; the stream is ours */
    z->body.len = 0;
    if (objs_write(objs, 0, z->mem) < 0)
        goto out;
    if (z->body.len < 4) {
        diag_internal(z->d, "a trailer of %zu bytes", z->body.len);
        goto out;
    }
    z->body.data[z->body.len -= 2] = 0;   /* its ">>": put_stream closes it */
    rc = put_stream(z, num, z->body.data + 3, rows, len);   /* after its "<<\n" */
out:
    free(rows);
    return rc;
}

int pdfw_serialize(pdf_objs *objs, pdf_streams *s, diag *d, int fd, const char *path)
{
    if (objs_check(objs) < 0)
        return -1;
    serializer z = {.objs = objs, .d = d, .compress = s->compress};
    z.to_body = (mem_out){&z.body, d};
    size_t nobj = objs_count(objs), npacked = 0;
    for (unsigned i = 1; i < nobj; i++)
        npacked += objs_kind(objs, i) == OBJ_PLAIN;
    size_t nstm = (npacked + OBJSTM_OBJECTS - 1) / OBJSTM_OBJECTS;
    z.nxref = nobj + nstm + 1;   /* the objects, the object streams, the xref stream */
    int rc = -1;
    if (!(z.o = malloc(sizeof *z.o)) || !(z.xref = calloc(z.nxref, sizeof *z.xref))) {
        diag_oom(d);
        goto out;
    }
    /* the pages' compressor (flate.c): every page is in */
    if (z.compress && !(z.deflater = streams_deflater(s)))
        goto out;
    *z.o = (out_file){.fd = fd};
    if (!(z.file = out_new(objs, file_write, z.o)) || !(z.mem = out_new(objs, mem_write, &z.to_body)))
        goto out;
    z.xref[0] = (xref_entry){.type = 0, .f2 = 0, .f3 = 65535};
    /* %PDF-1.7 and a comment of four bytes above 127: a binary file */
    if (file_str(z.o, "%PDF-1.7\012%\267\276\255\252\012") < 0)
        goto out;
    for (unsigned i = 1; i < nobj; i++) {
        if (objs_kind(objs, i) != OBJ_STREAM)
            continue;
        if (begin_object(&z, i) < 0 || objs_write(objs, i, z.file) < 0
            || file_str(z.o, "\012endobj\012") < 0)
            goto out;
    }
    /* the streams' /Length objects are known now: they are packed with the rest */
    unsigned next = (unsigned)nobj;
    if (put_packed(&z, &next) < 0 || put_xref_stream(&z, next) < 0)
        goto out;
    char tail[64];
    snprintf(tail, sizeof tail, "startxref\012%llu\012%%%%EOF\012", z.xref[next].f2);
    if (file_str(z.o, tail) < 0 || file_flush(z.o) < 0)
        goto out;
    rc = 0;
out:
    if (z.o && z.o->err)   /* a write failed: the only failure not reported yet */
        diag_system(d, (srcpos){0}, "cannot write %s: %s; the file there was left as it was",
                    path, strerror(z.o->err));
    out_free(z.file);
    out_free(z.mem);
    buf_free(&z.body);
    buf_free(&z.head);
    free(z.xref);
    free(z.o);
    return rc;
}
