/* hpdf.c — libharu behind one door (hpdf.h): the only file of bulletin that
 * includes a libharu header. It owns libharu's document (its objects, cross-
 * reference table, catalog, Info and trailer), the pool our own objects'
 * dictionaries come from, the hash behind /ID, and libharu's errors, which
 * it reports through the diag.
 *
 * It was written against the headers and sources of libharu 2.3.0 (Debian
 * bookworm's libhpdf-dev) and refuses any other version at compile time.
 * A libharu upgrade is this file's work; it must check, in the new headers
 * and sources, what this file relies on beyond libharu's public API:
 *   - the fields HPDF_Doc_Rec.{mmgr, error, xref, catalog, trailer, info,
 *     pdf_version, encrypt_on}, HPDF_Xref_Rec.{entries, prev, start_offset},
 *     HPDF_XrefEntry_Rec, HPDF_Obj_Header, HPDF_Error_Rec.user_data,
 *     HPDF_PageAttr_Rec.contents, and those of HPDF_Dict_Rec and
 *     HPDF_Stream_Rec (obj_custom builds a dictionary by hand);
 *   - a dictionary's write_fn runs after its entries, before ">>"; a stream
 *     dictionary whose filter is off loses a /Filter key when written;
 *   - every object's error (and so its user_data) is the document's; the
 *     object layer records its errors there without calling the handler;
 *   - HPDF_Real_New makes a real out of ±HPDF_LIMIT_MAX_REAL anyway, unset
 *     (real_ok refuses it first); the other limits (HPDF_LIMIT_*) as fail()
 *     names them;
 *   - memory of an HPDF_MMgr with a pool is freed with the pool only;
 *   - the bytes: objects are written as this version writes them (reals,
 *     string escapes, spacing), and the output must stay byte-identical —
 *     render the corpus before and after and compare. */
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>

#include "hpdf.h"

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "src/pdf/hpdf.c was written for libharu 2.3.0 and reaches into its structures: review \
it (and only it) against this libharu's headers, then change the version it checks"
#endif

_Static_assert(PDF_MAX_ARRAY == HPDF_LIMIT_MAX_ARRAY, "hpdf.h's PDF_MAX_ARRAY is libharu's");

struct pdf_objs {
    HPDF_Doc doc;
    diag *d;
    int failed;                 /* the first failure was reported: later ones are not */
    int callback_failed;        /* a callback of ours failed: its owner reports it */
    HPDF_STATUS err, err_detail;   /* the first error libharu raised through the handler */
    HPDF_MMgr pool;             /* our objects' dictionaries, freed with the document */
    HPDF_List empty;            /* their one (empty) list of entries */
    HPDF_MD5_CTX md5;           /* the /ID's hash */
};

/* Every object's error is the document's, whose user data is o. */
static pdf_objs *owner_of(HPDF_Error e)
{
    return e->user_data;
}

/* ---- libharu's memory ------------------------------------------------------ */

/* libharu does not always stop when an allocation fails: HPDF_Page_New goes
 * on with the page HPDF_Xref_Add freed on its failure (a crash, found by
 * make oom). Its allocations come here: when malloc fails, a reserve set
 * aside when the document was opened is given back and the allocation tried
 * again, so that libharu's own failure paths are not taken while the reserve
 * lasts; the document then stops with out of memory at its next call
 * (haru_spent, read by check and made). One reserve for the process:
 * libharu's allocator takes no context. */
#define HARU_RESERVE_BYTES ((size_t)64 << 10)
static _Atomic(void *) haru_reserve;
static atomic_int haru_spent;

static void *haru_alloc(HPDF_UINT size)
{
    void *p = malloc(size);
    if (!p) {
        void *r = atomic_exchange(&haru_reserve, NULL);
        if (r) {
            free(r);
            atomic_store(&haru_spent, 1);
            p = malloc(size);
        }
        errno = ENOMEM;
    }
    return p;
}

static void haru_free(void *p)
{
    free(p);
}

/* ---- errors ---------------------------------------------------------------- */

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    pdf_objs *o = user;
    if (!o->err) {
        o->err = code;
        o->err_detail = detail;
    }
}

/* A libharu call failed: say why, once. Object-layer calls record their
 * error in the document without calling the handler, so it is read back
 * here. A limit of libharu's (array entries, string bytes) is the input's
 * size: an input error. Returns -1. */
static int fail(pdf_objs *o)
{
    if (o->failed)
        return -1;
    o->failed = 1;
    if (o->callback_failed)
        return -1;   /* ours: reported where it happened */
    HPDF_STATUS err = o->err, detail = o->err_detail;
    if (!err) {
        err = HPDF_GetError(o->doc);
        detail = HPDF_GetErrorDetail(o->doc);
    }
    const char *limit = err == HPDF_ARRAY_COUNT_ERR ? "an array of more than 32767 entries"
                      : err == HPDF_DICT_COUNT_ERR ? "a dictionary of more than 4095 entries"
                      : err == HPDF_STRING_OUT_OF_RANGE || err == HPDF_BINARY_LENGTH_ERR
                          ? "a string of more than 65535 bytes"
                      : err == HPDF_REAL_OUT_OF_RANGE ? "a number beyond 32767"
                      : NULL;
    if (limit)
        diag_error(o->d, (srcpos){0}, "cannot build the PDF: the document needs %s, more than "
                   "libharu can write (libharu error 0x%04X); split the input", limit,
                   (unsigned)err);
    else if (err && err != HPDF_FAILD_TO_ALLOC_MEM)   /* a call libharu refused: ours */
        diag_internal(o->d, "cannot build the PDF: libharu error 0x%04X (detail %u)",
                      (unsigned)err, (unsigned)detail);
    else   /* libharu's allocations fail without another word */
        diag_oom(o->d);
    return -1;
}

static int check(pdf_objs *o, HPDF_STATUS rc)
{
    if (atomic_load(&haru_spent))
        return objs_oom(o);
    return rc == HPDF_OK ? 0 : fail(o);
}

static void *made(pdf_objs *o, void *obj)
{
    if (atomic_load(&haru_spent))
        objs_oom(o);   /* obj, made on the reserve, is the caller's all the same */
    else if (!obj)
        fail(o);
    return obj;
}

/* A call that makes several objects at once (a page, a stream, Info)
 * failed after alloc_watch_start: libharu can record another error than
 * the allocation's on the way out (HPDF_Page_New sums the codes of the
 * entries it adds), so a failed allocation in between says out of memory. */
static int fail_watched(pdf_objs *o)
{
    return alloc_watch_failed() ? objs_oom(o) : fail(o);
}

int objs_oom(pdf_objs *o)
{
    if (!o->failed) {
        o->failed = 1;
        diag_oom(o->d);
    }
    return -1;
}

/* ---- the document ---------------------------------------------------------- */

pdf_objs *objs_new(diag *d)
{
    pdf_objs *o = calloc(1, sizeof *o);
    if (!o) {
        diag_oom(d);
        return NULL;
    }
    o->d = d;
    void *reserve = atomic_load(&haru_reserve) ? NULL : malloc(HARU_RESERVE_BYTES);
    if (reserve && (reserve = atomic_exchange(&haru_reserve, reserve)))
        free(reserve);   /* another document's, set aside meanwhile */
    if (!atomic_load(&haru_reserve) ||
        !(o->doc = HPDF_NewEx(on_error, haru_alloc, haru_free, 0, o))) {   /* fails only allocating */
        diag_oom(d);
        free(o);
        return NULL;
    }
    o->doc->pdf_version = HPDF_VER_17;
    HPDF_MD5Init(&o->md5);
    if (!(o->pool = HPDF_MMgr_New(&o->doc->error, 1 << 16, haru_alloc, haru_free))) {
        fail(o);
        objs_free(o);
        return NULL;
    }
    return o;
}

void objs_free(pdf_objs *o)
{
    if (!o)
        return;
    HPDF_Free(o->doc);
    HPDF_MMgr_Free(o->pool);   /* after the document: its dictionaries were there */
    free(atomic_exchange(&haru_reserve, NULL));
    free(o);
}

pdf_obj *objs_catalog(pdf_objs *o)
{
    return (pdf_obj *)o->doc->catalog;
}

pdf_obj *objs_trailer(pdf_objs *o)
{
    return (pdf_obj *)o->doc->trailer;
}

pdf_obj *objs_info(pdf_objs *o)
{
    /* libharu makes its Info dictionary with its first attribute; every key
     * is then set by the caller */
    alloc_watch_start();
    if (!o->doc->info && HPDF_SetInfoAttr(o->doc, HPDF_INFO_PRODUCER, "-") != HPDF_OK) {
        fail_watched(o);
        return NULL;
    }
    return made(o, o->doc->info);
}

const char *objs_library_version(void)
{
    return HPDF_VERSION_TEXT;
}

void objs_hash(pdf_objs *o, const void *p, size_t n)
{
    for (size_t k; n; n -= k, p = (const char *)p + k) {   /* libharu counts in 32 bits */
        k = n > 0x40000000 ? 0x40000000 : n;
        HPDF_MD5Update(&o->md5, p, (HPDF_UINT32)k);
    }
}

int objs_add_id(pdf_objs *o)
{
    HPDF_BYTE digest[16];
    HPDF_MD5Final(digest, &o->md5);
    pdf_obj *id = obj_array(o);
    if (obj_put(objs_trailer(o), "ID", id) < 0)
        return -1;
    for (int i = 0; i < 2; i++)
        if (obj_push(id, obj_binary(o, digest, sizeof digest)) < 0)
            return -1;
    return 0;
}

void objs_md5(const void *p, size_t n, unsigned char out[16])
{
    HPDF_MD5_CTX ctx;
    HPDF_MD5Init(&ctx);
    for (size_t k; n; n -= k, p = (const char *)p + k) {
        k = n > 0x40000000 ? 0x40000000 : n;
        HPDF_MD5Update(&ctx, p, (HPDF_UINT32)k);
    }
    HPDF_MD5Final(out, &ctx);
}

/* ---- objects --------------------------------------------------------------- */

pdf_obj *obj_dict(pdf_objs *o)
{
    return o->failed ? NULL : made(o, HPDF_Dict_New(o->doc->mmgr));
}

pdf_obj *obj_array(pdf_objs *o)
{
    return o->failed ? NULL : made(o, HPDF_Array_New(o->doc->mmgr));
}

pdf_obj *obj_string(pdf_objs *o, const char *s)
{
    return o->failed ? NULL : made(o, HPDF_String_New(o->doc->mmgr, s, NULL));
}

pdf_obj *obj_binary(pdf_objs *o, const void *p, size_t n)
{
    if (o->failed)
        return NULL;
    if (n > HPDF_LIMIT_MAX_STRING_LEN) {   /* as HPDF_Binary_New says, before HPDF_UINT wraps */
        HPDF_SetError(&o->doc->error, HPDF_BINARY_LENGTH_ERR, 0);
        fail(o);
        return NULL;
    }
    return made(o, HPDF_Binary_New(o->doc->mmgr, (HPDF_BYTE *)p, (HPDF_UINT)n));
}

pdf_obj *obj_int(pdf_objs *o, int v)
{
    return o->failed ? NULL : made(o, HPDF_Number_New(o->doc->mmgr, v));
}

int obj_indirect(pdf_objs *o, pdf_obj *obj)
{
    if (o->failed || !obj)
        return -1;
    return check(o, HPDF_Xref_Add(o->doc->xref, obj));
}

void obj_free(pdf_objs *o, pdf_obj *obj)
{
    HPDF_Obj_Free(o->doc->mmgr, obj);
}

/* The document of dictionary or array x, NULL when x is NULL (an earlier
 * failure) or the document failed. */
static pdf_objs *live_dict(const pdf_obj *x)
{
    pdf_objs *o = x ? owner_of(((HPDF_Dict)x)->error) : NULL;
    return o && !o->failed ? o : NULL;
}

static pdf_objs *live_array(const pdf_obj *x)
{
    pdf_objs *o = x ? owner_of(((HPDF_Array)x)->error) : NULL;
    return o && !o->failed ? o : NULL;
}

/* Putting value into a container of document o (NULL: none) failed before
 * libharu was asked: the value goes, as libharu frees what it refuses. */
static int refused(pdf_objs *o, pdf_obj *value)
{
    if (o && value)
        HPDF_Obj_Free(o->doc->mmgr, value);
    if (o && !o->failed && !value) {   /* made by no one who said why: a bug of ours */
        o->failed = 1;
        diag_internal(o->d, "cannot build the PDF: an object was not made, and nothing said why");
    }
    return -1;
}

int obj_put(pdf_obj *dict, const char *key, pdf_obj *value)
{
    pdf_objs *o = live_dict(dict);
    if (!o || !value)
        return refused(dict ? owner_of(((HPDF_Dict)dict)->error) : NULL, value);
    return check(o, HPDF_Dict_Add((HPDF_Dict)dict, key, value));
}

int obj_put_name(pdf_obj *dict, const char *key, const char *name)
{
    pdf_objs *o = live_dict(dict);
    return o ? check(o, HPDF_Dict_AddName((HPDF_Dict)dict, key, name)) : -1;
}

int obj_put_int(pdf_obj *dict, const char *key, int v)
{
    pdf_objs *o = live_dict(dict);
    return o ? check(o, HPDF_Dict_AddNumber((HPDF_Dict)dict, key, v)) : -1;
}

/* libharu's HPDF_Real_New records a value out of its range as the
 * document's error but makes the real all the same, its value unset, and
 * the put succeeds: refuse it here, before libharu is asked. */
static int real_ok(pdf_objs *o, double v)
{
    if (v >= HPDF_LIMIT_MIN_REAL && v <= HPDF_LIMIT_MAX_REAL)
        return 0;
    if (isnan(v)) {   /* no input makes one: ours */
        o->failed = 1;
        diag_internal(o->d, "cannot build the PDF: a number that is not a number");
        return -1;
    }
    HPDF_SetError(&o->doc->error, HPDF_REAL_OUT_OF_RANGE, 0);
    return fail(o);
}

int obj_put_real(pdf_obj *dict, const char *key, double v)
{
    pdf_objs *o = live_dict(dict);
    if (!o || real_ok(o, v) < 0)
        return -1;
    return check(o, HPDF_Dict_AddReal((HPDF_Dict)dict, key, (HPDF_REAL)v));
}

int obj_put_bool(pdf_obj *dict, const char *key, int v)
{
    pdf_objs *o = live_dict(dict);
    return o ? check(o, HPDF_Dict_AddBoolean((HPDF_Dict)dict, key, v ? HPDF_TRUE : HPDF_FALSE))
             : -1;
}

int obj_push(pdf_obj *array, pdf_obj *value)
{
    pdf_objs *o = live_array(array);
    if (!o || !value)
        return refused(array ? owner_of(((HPDF_Array)array)->error) : NULL, value);
    return check(o, HPDF_Array_Add((HPDF_Array)array, value));
}

int obj_push_name(pdf_obj *array, const char *name)
{
    pdf_objs *o = live_array(array);
    return o ? check(o, HPDF_Array_AddName((HPDF_Array)array, name)) : -1;
}

int obj_push_int(pdf_obj *array, int v)
{
    pdf_objs *o = live_array(array);
    return o ? check(o, HPDF_Array_AddNumber((HPDF_Array)array, v)) : -1;
}

int obj_push_real(pdf_obj *array, double v)
{
    pdf_objs *o = live_array(array);
    if (!o || real_ok(o, v) < 0)
        return -1;
    return check(o, HPDF_Array_AddReal((HPDF_Array)array, (HPDF_REAL)v));
}

/* ---- writing --------------------------------------------------------------- */

/* The stream of an out_new: its write function and context. */
typedef struct sink {
    int (*write)(void *ctx, const void *p, size_t n);
    void *ctx;
    pdf_objs *o;
} sink;

static HPDF_STATUS sink_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    sink *k = s->attr;
    if (k->write(k->ctx, p, n) == 0)
        return HPDF_OK;
    k->o->callback_failed = 1;
    return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
}

static void sink_free(HPDF_Stream s)
{
    free(s->attr);
}

pdf_out *out_new(pdf_objs *o, int (*write)(void *ctx, const void *p, size_t n), void *ctx)
{
    if (o->failed)
        return NULL;
    sink *k = malloc(sizeof *k);
    if (!k) {
        objs_oom(o);
        return NULL;
    }
    *k = (sink){write, ctx, o};
    HPDF_Stream s = HPDF_CallbackWriter_New(o->doc->mmgr, sink_write, k);
    if (!s) {
        free(k);
        fail(o);
        return NULL;
    }
    s->free_fn = sink_free;
    return (pdf_out *)s;
}

void out_free(pdf_out *out)
{
    if (out)
        HPDF_Stream_Free((HPDF_Stream)out);
}

static int out_ok(HPDF_STATUS rc)
{
    return rc == HPDF_OK ? 0 : -1;
}

int out_str(pdf_out *out, const char *s)
{
    return out_ok(HPDF_Stream_WriteStr((HPDF_Stream)out, s));
}

int out_char(pdf_out *out, char c)
{
    return out_ok(HPDF_Stream_WriteChar((HPDF_Stream)out, c));
}

int out_int(pdf_out *out, int v)
{
    return out_ok(HPDF_Stream_WriteInt((HPDF_Stream)out, v));
}

int out_real(pdf_out *out, double v)
{
    return out_ok(HPDF_Stream_WriteReal((HPDF_Stream)out, (HPDF_REAL)v));
}

int out_name(pdf_out *out, const char *name)
{
    return out_ok(HPDF_Stream_WriteEscapeName((HPDF_Stream)out, name));
}

int out_ref(pdf_out *out, const pdf_obj *obj)
{
    const HPDF_Obj_Header *h = (const HPDF_Obj_Header *)obj;
    char b[32];
    snprintf(b, sizeof b, "%u %u R", (unsigned)(h->obj_id & 0x00FFFFFF), (unsigned)h->gen_no);
    return out_str(out, b);
}

static int to_buf(void *ctx, const void *p, size_t n)
{
    return buf_append(ctx, p, n);
}

int obj_entries(pdf_objs *o, pdf_obj *dict, arena *a, char **out)
{
    *out = NULL;
    if (!dict)
        return -1;
    HPDF_Dict d = (HPDF_Dict)dict;
    buf b = {0};
    pdf_out *s = out_new(o, to_buf, &b);
    int rc = s ? 0 : -1;
    for (HPDF_UINT i = 0; !rc && i < d->list->count; i++) {   /* as HPDF_Dict_Write would */
        HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);
        if (out_name(s, el->key) < 0 || out_char(s, ' ') < 0
            || HPDF_Obj_Write(el->value, (HPDF_Stream)s, NULL) != HPDF_OK || out_str(s, "\012") < 0)
            rc = -1;
    }
    out_free(s);
    HPDF_Dict_Free(d);
    if (rc < 0 && s)   /* only the buffer can fail: memory */
        objs_oom(o);
    if (!rc && b.len && !(*out = arena_strndup(a, b.data, b.len)))
        rc = objs_oom(o);
    buf_free(&b);
    return rc;
}

/* ---- objects of ours ------------------------------------------------------- */

/* A hook's record: the address of its first member, a pointer to the hook. */
static HPDF_STATUS run_hook(HPDF_Dict d, HPDF_Stream s)
{
    const obj_hook *const *rec = d->attr;
    if ((*rec)->write((*rec)->ctx, rec, (pdf_out *)s) == 0)
        return HPDF_OK;
    owner_of(d->error)->callback_failed = 1;
    return HPDF_SetError(d->error, HPDF_INVALID_OPERATION, 0);
}

pdf_obj *obj_custom(pdf_objs *o, const obj_hook *const *rec)
{
    if (o->failed)
        return NULL;
    /* as HPDF_Dict_New makes a dictionary, but for its list of entries:
     * ours have none, and share one empty list (freeing pooled memory is
     * nothing to libharu, so each "frees" it harmlessly) */
    if (!o->empty && !(o->empty = HPDF_List_New(o->pool, 1)))
        return fail(o), NULL;
    HPDF_Dict d = HPDF_GetMem(o->pool, sizeof *d);
    if (!d)
        return fail(o), NULL;
    memset(d, 0, sizeof *d);
    d->header.obj_class = HPDF_OCLASS_DICT;
    d->mmgr = o->pool;
    d->error = o->pool->error;
    d->list = o->empty;
    d->filter = HPDF_STREAM_FILTER_NONE;
    d->attr = (void *)rec;
    d->write_fn = run_hook;
    if (check(o, HPDF_Xref_Add(o->doc->xref, d)) < 0)
        return NULL;
    return (pdf_obj *)d;
}

int obj_hook_dict(pdf_obj *dict, const obj_hook *const *rec)
{
    if (!live_dict(dict))
        return -1;
    ((HPDF_Dict)dict)->attr = (void *)rec;
    ((HPDF_Dict)dict)->write_fn = run_hook;
    return 0;
}

static HPDF_STATUS write_text(HPDF_Dict d, HPDF_Stream s)
{
    return HPDF_Stream_WriteStr(s, d->attr);
}

int obj_put_text(pdf_obj *dict, const char *text)
{
    if (!live_dict(dict))
        return -1;
    ((HPDF_Dict)dict)->attr = (void *)text;
    ((HPDF_Dict)dict)->write_fn = write_text;
    return 0;
}

/* ---- streams --------------------------------------------------------------- */

pdf_obj *obj_stream(pdf_objs *o)
{
    if (o->failed)
        return NULL;
    alloc_watch_start();
    HPDF_Dict s = HPDF_DictStream_New(o->doc->mmgr, o->doc->xref);
    if (!s)
        fail_watched(o);
    return (pdf_obj *)s;
}

/* libharu reads the data back through these when it writes the stream. */
static HPDF_STATUS data_read(HPDF_Stream s, HPDF_BYTE *p, HPDF_UINT *size)
{
    obj_data *h = s->attr;
    size_t n = h->len - h->pos < *size ? h->len - h->pos : *size;
    if (h->fd < 0) {
        memcpy(p, h->data + h->pos, n);
    } else {
        for (size_t got = 0; got < n;) {
            ssize_t k = pread(h->fd, p + got, n - got, h->at + (off_t)(h->pos + got));
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0) {
                pdf_objs *o = owner_of(s->error);
                if (!o->failed)
                    diag_system(o->d, (srcpos){0}, "cannot read back page content from its "
                                "temporary file: %s", k < 0 ? strerror(errno) : "it ends early");
                o->failed = o->callback_failed = 1;
                return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)errno);
            }
            got += (size_t)k;
        }
    }
    h->pos += n;
    *size = (HPDF_UINT)n;
    return h->pos >= h->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS data_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    obj_data *h = s->attr;
    long long at = mode == HPDF_SEEK_CUR ? (long long)h->pos + pos
                 : mode == HPDF_SEEK_END ? (long long)h->len - pos : pos;
    if (at < 0 || at > (long long)h->len)
        return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    h->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 data_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((obj_data *)s->attr)->pos;
}

static HPDF_UINT32 data_size(HPDF_Stream s)
{
    return (HPDF_UINT32)((obj_data *)s->attr)->len;
}

/* The stream dictionary's free hook: its data goes with it. */
static void data_free(HPDF_Dict d)
{
    if (d->stream && d->stream->read_fn == data_read) {
        free(d->stream->attr);
        d->stream->attr = NULL;
    }
}

/* libharu drops a /Filter key from a stream whose own filter is off: data
 * deflated already says so through this hook, after the entries. */
static HPDF_STATUS write_flate_filter(HPDF_Dict d, HPDF_Stream s)
{
    (void)d;
    return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

int obj_stream_data(pdf_obj *stream, obj_data *data, enum obj_filter filter)
{
    HPDF_Dict d = (HPDF_Dict)stream;
    pdf_objs *o = live_dict(stream);
    if (!o || data->len > PDF_MAX_STREAM) {
        if (o) {
            o->failed = 1;
            diag_error(o->d, (srcpos){0}, "cannot build the PDF: a stream of %zu bytes, more "
                       "than libharu can write; split the input", data->len);
        }
        free(data);
        return -1;
    }
    data->pos = 0;
    HPDF_Stream s = HPDF_CallbackReader_New(o->doc->mmgr, data_read, data_seek, data_tell,
                                            data_size, data);
    if (!s) {
        free(data);
        return fail(o);
    }
    data_free(d);
    HPDF_Stream_Free(d->stream);
    d->stream = s;
    d->free_fn = data_free;
    d->filter = filter == OBJ_DCT ? HPDF_STREAM_FILTER_DCT_DECODE : HPDF_STREAM_FILTER_NONE;
    d->write_fn = filter == OBJ_DEFLATED ? write_flate_filter : NULL;
    return 0;
}

/* ---- pages ----------------------------------------------------------------- */

pdf_obj *obj_page(pdf_objs *o, pdf_obj *before, double width, double height)
{
    if (o->failed)
        return NULL;
    alloc_watch_start();
    HPDF_Page p = before ? HPDF_InsertPage(o->doc, (HPDF_Page)before) : HPDF_AddPage(o->doc);
    if (!p || HPDF_Page_SetWidth(p, (HPDF_REAL)width) != HPDF_OK
        || HPDF_Page_SetHeight(p, (HPDF_REAL)height) != HPDF_OK)
        return fail_watched(o), NULL;
    return (pdf_obj *)p;
}

pdf_obj *obj_page_contents(pdf_obj *page)
{
    return (pdf_obj *)((HPDF_PageAttr)((HPDF_Page)page)->attr)->contents;
}

/* ---- the file -------------------------------------------------------------- */

unsigned objs_count(const pdf_objs *o)
{
    return (unsigned)o->doc->xref->entries->count;
}

enum obj_kind objs_kind(const pdf_objs *o, unsigned num)
{
    HPDF_XrefEntry e = HPDF_Xref_GetEntry(o->doc->xref, num);
    const HPDF_Obj_Header *h = e->obj;
    return (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && ((HPDF_Dict)e->obj)->stream
           ? OBJ_STREAM : OBJ_PLAIN;
}

int objs_check(pdf_objs *o)
{
    HPDF_Xref x = o->doc->xref;
    if (x->prev || x->start_offset != 0 || o->doc->encrypt_on) {
        diag_internal(o->d, "an encrypted or incremental document");
        return -1;
    }
    for (unsigned i = 1; i < x->entries->count; i++) {   /* libharu frees no object */
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
        if (e->entry_typ == HPDF_FREE_ENTRY || e->gen_no != 0) {
            diag_internal(o->d, "object %u is free or has generation %u", i, (unsigned)e->gen_no);
            return -1;
        }
    }
    return 0;
}

int objs_write(pdf_objs *o, unsigned num, pdf_out *out)
{
    void *obj = num ? HPDF_Xref_GetEntry(o->doc->xref, num)->obj : o->doc->trailer;
    return check(o, HPDF_Obj_WriteValue(obj, (HPDF_Stream)out, NULL));
}
