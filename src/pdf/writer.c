/* writer.c — a PDF written as layout hands its pages over: the libharu
 * document, each page as it comes (body pages in order, then the front
 * matter's put before them) with its content stream written at once
 * (content.c), and at the end the fonts, images, the sources carried inside
 * (associated files), structure tree, metadata, output intent and the trailer
 * /ID, built by fontembed.c, image.c, embedded.c, tags.c, meta.c and
 * intent.c, and the file, written by save.c. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pdf-private.h"

/* ---- small helpers shared by the module ---------------------------------- */

const node *pdfw_element_of(const pdf_writer *w, const node *n)
{
    while (n && !doc_is_element(n->kind))
        n = n->parent;
    if (!n || n->id <= 0 || n->id >= w->nelems || w->elems[n->id].node != n)
        return NULL;
    return n;
}

HPDF_STATUS pdfw_put_dest(HPDF_Stream s, pdf_writer *w, int pg, double y)
{
    HPDF_STATUS rc;
    if (pg < 0 || pg >= w->dl->npages)
        return HPDF_SetError(s->error, HPDF_INVALID_PARAMETER, 0);
    if ((rc = HPDF_Stream_WriteStr(s, "[ ")) != HPDF_OK || (rc = pdfw_put_ref(s, w->pages[pg])) != HPDF_OK
        || (rc = HPDF_Stream_WriteStr(s, " /XYZ 0 ")) != HPDF_OK
        || (rc = HPDF_Stream_WriteReal(s, (HPDF_REAL)(isfinite(y) ? y : 0))) != HPDF_OK)
        return rc;
    return HPDF_Stream_WriteStr(s, " null ]");
}

unsigned char *pdfw_read_checked(const char *path, size_t bytes, uint64_t hash, char *why,
                                 size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, size, "it can no longer be read: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    unsigned char *data = malloc(bytes ? bytes : 1);
    int same = data && fstat(fileno(f), &st) == 0 && (unsigned long long)st.st_size == bytes
               && fread(data, 1, bytes, f) == bytes && getc(f) == EOF
               && fnv1a(data, bytes, FNV1A_INIT) == hash;
    fclose(f);
    if (!same) {
        snprintf(why, size, "%s", data ? "the file changed after it was checked; render again"
                                       : "out of memory");
        free(data);
        return NULL;
    }
    return data;
}

char *pdfw_node_text(const node *n)
{
    buf b = {0};
    int entering = 1;
    for (const node *c = n; c; c = doc_next(n, c, &entering)) {
        if (!entering)
            continue;
        if (c->kind == N_TEXT && c->text) {
            if (buf_puts(&b, c->text) < 0)
                break;
        } else if (c->kind == N_BREAK) {
            if (buf_puts(&b, " ") < 0)
                break;
        }
    }
    return buf_take(&b);
}

/* ---- errors -------------------------------------------------------------- */

static void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    pdf_writer *w = user;
    if (!w->err) {
        w->err = code;
        w->err_detail = detail;
    }
}

/* Say why pdf_write failed when nothing was reported yet. Object-layer calls
 * (HPDF_Array_Add, HPDF_String_New...) record their error in the document
 * without calling the handler, so it is read back here. A limit of libharu's
 * (array entries, string bytes) is the input's size: an input error. */
static void report_failure(pdf_writer *w)
{
    HPDF_STATUS err = w->err, detail = w->err_detail;
    if (!err && w->pdf) {
        err = HPDF_GetError(w->pdf);
        detail = HPDF_GetErrorDetail(w->pdf);
    }
    const char *limit = err == HPDF_ARRAY_COUNT_ERR ? "an array of more than 32767 entries"
                      : err == HPDF_DICT_COUNT_ERR ? "a dictionary of more than 4095 entries"
                      : err == HPDF_STRING_OUT_OF_RANGE || err == HPDF_BINARY_LENGTH_ERR
                          ? "a string of more than 65535 bytes"
                      : err == HPDF_REAL_OUT_OF_RANGE ? "a number beyond 32767"
                      : NULL;
    if (limit)
        diag_error(w->d, (srcpos){0}, "cannot build the PDF: the document needs %s, more than "
                   "libharu can write (libharu error 0x%04X); split the input", limit,
                   (unsigned)err);
    else if (err && err != HPDF_FAILD_TO_ALLOC_MEM)   /* a call libharu refused: ours */
        diag_internal(w->d, "cannot build the PDF: libharu error 0x%04X (detail %u)",
                      (unsigned)err, (unsigned)detail);
    else   /* libharu's allocations, or ours with nothing said */
        diag_oom(w->d);
    w->reported = 1;
}

/* ---- pages as they come ----------------------------------------------- */

/* Record a failure of the writer, reported: every later call refuses. */
static int failed(pdf_writer *w)
{
    if (!w->reported)
        report_failure(w);
    w->failed = 1;
    return -1;
}

static pdf_page_ref *slot_ref(pdf_writer *w, int slot)
{
    if (slot >= 0)
        return (size_t)slot < w->nbody ? &w->body[slot] : NULL;
    return (size_t)(-1 - slot) < w->nfront ? &w->front[-1 - slot] : NULL;
}

/* A new libharu page for layout's page pg: appended to the body, or put
 * before the body's first page (front matter, in its order). */
static HPDF_Page new_page(pdf_writer *w, const page *pg, enum page_part part)
{
    HPDF_Page p = part == PART_FRONT && w->nbody ? HPDF_InsertPage(w->pdf, w->body[0].hp)
                                                 : HPDF_AddPage(w->pdf);
    if (!p)
        return NULL;
    double pw = pg->width < 3 ? 3 : pg->width > 14400 ? 14400 : pg->width;
    double ph = pg->height < 3 ? 3 : pg->height > 14400 ? 14400 : pg->height;
    /* one /Resources for every page (fonts and images are named once for the
     * document), in place of the page's own: a page costs what it holds */
    if (HPDF_Page_SetWidth(p, (HPDF_REAL)pw) != HPDF_OK
        || HPDF_Page_SetHeight(p, (HPDF_REAL)ph) != HPDF_OK
        || HPDF_Dict_Add(p, "Resources", w->resources) != HPDF_OK
        || HPDF_Dict_AddName(p, "Tabs", "S") != HPDF_OK)
        return NULL;
    return p;
}

static int sink_page(void *user, const page *pg, enum page_part part, int index)
{
    pdf_writer *w = user;
    if (w->failed)
        return -1;
    pdf_page_ref **list = part == PART_FRONT ? &w->front : &w->body;
    size_t *n = part == PART_FRONT ? &w->nfront : &w->nbody;
    size_t *cap = part == PART_FRONT ? &w->capfront : &w->capbody;
    if (index < 0 || (size_t)index != *n) {
        diag_internal(w->d, "page %d of the %s came out of order", index + 1,
                      part == PART_FRONT ? "front matter" : "body");
        w->reported = 1;
        return failed(w);
    }
    if (grow_array((void **)list, cap, *n + 1, sizeof **list) < 0)
        return failed(w);
    HPDF_Page hp = new_page(w, pg, part);
    if (!hp)
        return failed(w);
    (*list)[*n] = (pdf_page_ref){hp, pg->width, pg->height};
    (*n)++;
    int slot = part == PART_FRONT ? -1 - index : index;
    return content_write_page(w, pg, hp, slot) < 0 ? failed(w) : 0;
}

static int sink_furniture(void *user, enum page_part part, int index, const item *items,
                          size_t n)
{
    pdf_writer *w = user;
    if (w->failed)
        return -1;
    int slot = part == PART_FRONT ? -1 - index : index;
    pdf_page_ref *ref = slot_ref(w, slot);
    if (!ref) {
        diag_internal(w->d, "running heads for a page not made");
        w->reported = 1;
        return failed(w);
    }
    page pg = {.width = ref->width, .height = ref->height};
    return content_write_furniture(w, &pg, ref->hp, slot, items, n) < 0 ? failed(w) : 0;
}

pdf_doc *pdf_open(const document *doc, const pdf_options *o, diag *d)
{
    pdf_writer *w = calloc(1, sizeof *w);
    if (!w) {
        diag_oom(d);
        return NULL;
    }
    w->doc = doc;
    w->d = d;
    w->spool_fd = -1;
    w->own_opts = *o;   /* the document's title and language when the options have none */
    if (!w->own_opts.title)
        w->own_opts.title = doc->title ? doc->title : "";
    if (!w->own_opts.lang)
        w->own_opts.lang = doc->lang;
    w->opts = &w->own_opts;
    w->image_tail = &w->image_list;
    w->pdf = HPDF_NewEx(on_hpdf_error, NULL, NULL, 0, w);
    if (!w->pdf) {   /* HPDF_NewEx fails only allocating */
        diag_oom(d);
        free(w);
        return NULL;
    }
    w->pdf->pdf_version = HPDF_VER_17;
    HPDF_MD5Init(&w->md5);
    const char *title = w->opts->title;
    HPDF_MD5Update(&w->md5, (const HPDF_BYTE *)title, (HPDF_UINT32)strlen(title));
    if (!(w->records = arena_new())
        || !(w->shells = HPDF_MMgr_New(&w->pdf->error, 1 << 16, NULL, NULL))
        || !(w->resources = HPDF_Dict_New(w->pdf->mmgr))
        || HPDF_Xref_Add(w->pdf->xref, w->resources) != HPDF_OK
        || !(w->res_fonts = HPDF_Dict_New(w->pdf->mmgr))
        || HPDF_Dict_Add(w->resources, "Font", w->res_fonts) != HPDF_OK) {
        report_failure(w);
        pdf_close(w, NULL, NULL);
        return NULL;
    }
    if (tags_index(w) < 0) {
        pdf_close(w, NULL, NULL);
        return NULL;
    }
    return w;
}

page_sink pdf_page_sink(pdf_doc *p)
{
    return (page_sink){.user = p, .page = sink_page, .furniture = sink_furniture};
}

/* ---- the end ----------------------------------------------------------- */

static int add_id(pdf_writer *w)
{
    HPDF_BYTE digest[16];
    HPDF_MD5Final(digest, &w->md5);
    HPDF_Array id;
    HPDF_Binary b;
    HPDF_TRYP(id, HPDF_Array_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Dict_Add(w->pdf->trailer, "ID", id));
    for (int i = 0; i < 2; i++) {
        HPDF_TRYP(b, HPDF_Binary_New(w->pdf->mmgr, digest, 16));
        HPDF_TRY(HPDF_Array_Add(id, b));
    }
    return 0;
}

/* The pages in document order, front first, each with its /StructParents. */
static int order_pages(pdf_writer *w)
{
    size_t n = w->nfront + w->nbody;
    if (w->dl->npages < 0 || (size_t)w->dl->npages != n) {
        diag_internal(w->d, "%d pages laid out, %zu written", w->dl->npages, n);
        w->reported = 1;
        return -1;
    }
    if (!(w->pages = calloc(n ? n : 1, sizeof *w->pages)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        w->pages[i] = i < w->nfront ? w->front[i].hp : w->body[i - w->nfront].hp;
        HPDF_TRY(HPDF_Dict_AddNumber(w->pages[i], "StructParents", (HPDF_INT32)i));
    }
    return 0;
}

int pdfw_page_of_slot(const pdf_writer *w, int slot)
{
    return slot < 0 ? -1 - slot : (int)w->nfront + slot;
}

static void free_writer(pdf_writer *w)
{
    fonts_free(w);
    pdfw_flate_free(w);
    free(w->pages);
    free(w->body);
    free(w->front);
    free(w->links);
    free(w->elems);
    free(w->boxes);
    free(w->groups);
    free(w->marks);
    strmap_free(w->images);
    strmap_free(w->embedded);
    se_free_all(w);
    se_free_leaves(w);
    HPDF_Free(w->pdf);
    HPDF_MMgr_Free(w->shells);   /* after the document: its dictionaries were there */
    arena_free(w->records);
    free(w);
}

int pdf_close(pdf_doc *w, const display *dl, const char *path)
{
    if (!w)
        return -1;
    int ok = 0;
    if (w->failed || !dl || !path) {
        ;   /* reported already, or layout failed: nothing is written */
    } else if (dl->npages <= 0) {
        diag_error(w->d, (srcpos){0}, "nothing to write: the document has no pages");
        w->reported = 1;
    } else {
        w->dl = dl;
        if (order_pages(w) == 0 && tags_order_marks(w) == 0 && links_resolve(w) == 0
            && fonts_embed(w) == 0 && images_embed(w) == 0 && embedded_write(w) == 0
            && tags_build(w) == 0
            && meta_write(w) == 0 && intent_write(w) == 0 && add_id(w) == 0
            && pdf_save_file(w, path) == 0)
            ok = 1;
        if (!ok && !w->reported)
            report_failure(w);
    }
    free_writer(w);
    return ok ? 0 : -1;
}

int pdf_write(const document *doc, const display *dl, const pdf_options *o, const char *path,
              diag *d)
{
    if (dl->npages <= 0) {
        diag_error(d, (srcpos){0}, "nothing to write: the document has no pages");
        return -1;
    }
    pdf_doc *w = pdf_open(doc, o, d);
    if (!w)
        return -1;
    page_sink sink = pdf_page_sink(w);
    for (int i = 0; i < dl->npages; i++)
        if (sink.page(sink.user, &dl->pages[i], PART_BODY, i) < 0)
            return pdf_close(w, NULL, NULL);
    return pdf_close(w, dl, path);
}
