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

static int out_flush(out_file *o)
{
    if (o->len && !o->err && pdfw_write_all(o->fd, o->data, o->len) < 0)
        o->err = errno ? errno : EIO;
    o->len = 0;
    return o->err ? -1 : 0;
}

static int out_put(out_file *o, const void *p, size_t n)
{
    if (o->err)
        return -1;
    o->pos += n;
    if (o->len + n > sizeof o->data && out_flush(o) < 0)
        return -1;
    if (n >= sizeof o->data) {
        if (pdfw_write_all(o->fd, p, n) < 0) {
            o->err = errno ? errno : EIO;
            return -1;
        }
        return 0;
    }
    memcpy(o->data + o->len, p, n);
    o->len += n;
    return 0;
}

static int out_str(out_file *o, const char *s)
{
    return out_put(o, s, strlen(s));
}

/* libharu's writers write into the file through this... */
static HPDF_STATUS file_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    out_file *o = s->attr;
    if (out_put(o, p, n) < 0)
        return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)o->err);
    return HPDF_OK;
}

/* ... and into memory (an object stream's body) through this. */
static HPDF_STATUS mem_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    if (buf_append(s->attr, p, n) < 0)
        return HPDF_SetError(s->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
    return HPDF_OK;
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
    pdf_writer *w;
    out_file *o;
    HPDF_Stream file, mem;        /* libharu streams onto o and onto body */
    buf body, head;               /* an object stream's objects and its header */
    xref_entry *xref;             /* by object number */
    size_t nxref;
    struct libdeflate_compressor *deflater;   /* the writer's */
} serializer;

static int is_stream(const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    return (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && ((HPDF_Dict)obj)->stream;
}

/* "num 0 obj\n": object num starts here. */
static int begin_object(serializer *z, unsigned num)
{
    char b[32];
    snprintf(b, sizeof b, "%u 0 obj\012", num);
    z->xref[num] = (xref_entry){.type = 1, .f2 = z->o->pos};
    return out_str(z->o, b);
}

/* A stream we made (an object stream, the cross-reference stream): its
 * dictionary's entries (dict, without << >>), /Filter when deflated, /Length,
 * then the data, deflated when the options compress. */
static int put_stream(serializer *z, unsigned num, const char *dict, const unsigned char *data,
                      size_t len)
{
    unsigned char *packed = NULL;
    size_t plen = len;
    if (z->w->opts->compress) {
        if (!(packed = pdfw_deflate(z->deflater, data, len, &plen)))
            return -1;
        data = packed;
    }
    char b[96];
    snprintf(b, sizeof b, "%s/Length %zu\012>>\012stream\015\012", packed ? "/Filter /FlateDecode\012" : "",
             plen);
    int rc = begin_object(z, num) < 0 || out_str(z->o, "<<\012") < 0 || out_str(z->o, dict) < 0
             || out_str(z->o, b) < 0 || out_put(z->o, data, plen) < 0
             || out_str(z->o, "\012endstream\012endobj\012") < 0 ? -1 : 0;
    free(packed);
    return rc;
}

/* The objects objs[0..n) (their numbers nums[]) as object stream num. */
static int put_object_stream(serializer *z, unsigned num, void **objs, const unsigned *nums, size_t n)
{
    z->body.len = z->head.len = 0;
    for (size_t i = 0; i < n; i++) {
        if (buf_printf(&z->head, "%u %zu ", nums[i], z->body.len) < 0)
            return -1;
        z->xref[nums[i]] = (xref_entry){.type = 2, .f2 = num, .f3 = (unsigned)i};
        if (HPDF_Obj_WriteValue(objs[i], z->mem, NULL) != HPDF_OK
            || buf_append(&z->body, "\012", 1) < 0)
            return -1;
    }
    size_t first = z->head.len;
    if (buf_append(&z->head, z->body.data, z->body.len) < 0)
        return -1;
    char dict[96];
    snprintf(dict, sizeof dict, "/Type /ObjStm\012/N %zu\012/First %zu\012", n, first);
    return put_stream(z, num, dict, (const unsigned char *)z->head.data, z->head.len);
}

/* Every object that is not a stream, in object-number order, OBJSTM_OBJECTS
 * to an object stream numbered from *next on. */
static int put_packed(serializer *z, HPDF_Xref x, unsigned *next)
{
    void *objs[OBJSTM_OBJECTS];
    unsigned nums[OBJSTM_OBJECTS];
    size_t n = 0;
    for (unsigned i = 1; i <= x->entries->count; i++) {
        HPDF_XrefEntry e = i < x->entries->count ? HPDF_Xref_GetEntry(x, i) : NULL;
        if (e && (e->entry_typ == HPDF_FREE_ENTRY || is_stream(e->obj)))
            continue;
        if (e) {
            objs[n] = e->obj;
            nums[n++] = i;
        }
        if (n == OBJSTM_OBJECTS || (!e && n > 0)) {
            if (put_object_stream(z, (*next)++, objs, nums, n) < 0)
                return -1;
            n = 0;
        }
    }
    return 0;
}

/* The trailer as the cross-reference stream's dictionary, and the stream. */
static int put_xref_stream(serializer *z, unsigned num)
{
    HPDF_Doc pdf = z->w->pdf;
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
    int predict = z->w->opts->compress;
    unsigned char *rows = xref_rows(z->xref, z->nxref, wd, predict, &len);
    if (!rows)
        return -1;
    HPDF_Dict t = pdf->trailer, parms;
    HPDF_Array wa;
    int rc = -1;
    if (HPDF_Dict_AddName(t, "Type", "XRef") != HPDF_OK
        || HPDF_Dict_AddNumber(t, "Size", (HPDF_INT32)z->nxref) != HPDF_OK
        || !(wa = HPDF_Array_New(pdf->mmgr)) || HPDF_Dict_Add(t, "W", wa) != HPDF_OK)
        goto out;
    for (int k = 0; k < 3; k++)
        if (HPDF_Array_AddNumber(wa, wd[k]) != HPDF_OK)
            goto out;
    if (HPDF_Dict_Add(t, "Root", pdf->catalog) != HPDF_OK
        || (pdf->info && HPDF_Dict_Add(t, "Info", pdf->info) != HPDF_OK))
        goto out;
    if (predict && (!(parms = HPDF_Dict_New(pdf->mmgr)) || HPDF_Dict_Add(t, "DecodeParms", parms) != HPDF_OK
        || HPDF_Dict_AddNumber(parms, "Predictor", 12) != HPDF_OK
        || HPDF_Dict_AddNumber(parms, "Columns", wd[0] + wd[1] + wd[2]) != HPDF_OK))
        goto out;
    /* the entries libharu writes, then ours; the stream is ours */
    z->body.len = 0;
    if (HPDF_Dict_Write(t, z->mem, NULL) != HPDF_OK || z->body.len < 4)
        goto out;
    z->body.data[z->body.len -= 2] = 0;   /* its ">>": put_stream closes it */
    rc = put_stream(z, num, z->body.data + 3, rows, len);   /* after its "<<\n" */
out:
    free(rows);
    return rc;
}

int pdfw_serialize(pdf_writer *w, int fd, int *io_err)
{
    HPDF_Doc pdf = w->pdf;
    HPDF_Xref x = pdf->xref;
    *io_err = 0;
    if (x->prev || x->start_offset != 0 || pdf->encrypt_on) {
        diag_internal(w->d, "an encrypted or incremental document");
        w->reported = 1;
        return -1;
    }
    serializer z = {.w = w};
    size_t nobj = x->entries->count, npacked = 0;
    for (size_t i = 1; i < nobj; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, (HPDF_UINT)i);
        npacked += e->entry_typ != HPDF_FREE_ENTRY && !is_stream(e->obj);
    }
    size_t nstm = (npacked + OBJSTM_OBJECTS - 1) / OBJSTM_OBJECTS;
    z.nxref = nobj + nstm + 1;   /* the objects, the object streams, the xref stream */
    int rc = -1;
    if (!(z.o = malloc(sizeof *z.o)) || !(z.xref = calloc(z.nxref, sizeof *z.xref))
        || (w->opts->compress && !w->deflater && !(w->deflater = pdfw_deflater())))
        goto out;
    z.deflater = w->deflater;   /* the pages' (flate.c): every page is in */
    *z.o = (out_file){.fd = fd};
    if (!(z.file = HPDF_CallbackWriter_New(pdf->mmgr, file_write, z.o))
        || !(z.mem = HPDF_CallbackWriter_New(pdf->mmgr, mem_write, &z.body)))
        goto out;
    z.xref[0] = (xref_entry){.type = 0, .f2 = 0, .f3 = 65535};
    /* %PDF-1.7 and a comment of four bytes above 127: a binary file */
    if (out_str(z.o, "%PDF-1.7\012%\267\276\255\252\012") < 0)
        goto out;
    for (unsigned i = 1; i < nobj; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
        if (e->entry_typ == HPDF_FREE_ENTRY) {
            z.xref[i] = (xref_entry){.type = 0, .f3 = e->gen_no};
            continue;
        }
        if (e->gen_no != 0) {
            diag_internal(w->d, "object %u has generation %u", (unsigned)i,
                       (unsigned)e->gen_no);
            w->reported = 1;
            goto out;
        }
        if (!is_stream(e->obj))
            continue;
        if (begin_object(&z, i) < 0 || HPDF_Obj_WriteValue(e->obj, z.file, NULL) != HPDF_OK
            || out_str(z.o, "\012endobj\012") < 0)
            goto out;
    }
    /* the streams' /Length objects are known now: they are packed with the rest */
    unsigned next = (unsigned)nobj;
    if (put_packed(&z, x, &next) < 0 || put_xref_stream(&z, next) < 0)
        goto out;
    char tail[64];
    snprintf(tail, sizeof tail, "startxref\012%llu\012%%%%EOF\012", z.xref[next].f2);
    if (out_str(z.o, tail) < 0 || out_flush(z.o) < 0)
        goto out;
    rc = 0;
out:
    if (z.o && z.o->err)
        *io_err = z.o->err;
    if (z.file)
        HPDF_Stream_Free(z.file);
    if (z.mem)
        HPDF_Stream_Free(z.mem);
    buf_free(&z.body);
    buf_free(&z.head);
    free(z.xref);
    free(z.o);
    return rc;
}
