/* embedded.c — the sources inside the PDF (PDF/A-3, ISO 19005-3 6.8): every
 * file the document was made from, as the input stage read it, embedded once
 * as an associated file — a /Filespec (/F and /UF its path relative to the
 * root, /Desc, /AFRelationship /Source) holding an /EmbeddedFile stream (the
 * MIME type as /Subtype; /Params with /Size, /ModDate — the document's one
 * instant, so the same inputs give the same bytes — and /CheckSum, the MD5 of
 * the file). The manifests hang on the catalog's /AF, each release's Markdown
 * and images on its Sect's; all are listed in the catalog's /Names
 * /EmbeddedFiles, where readers (pdfdetach -list) find them. The bytes are
 * read again and must be those read before (size and hash), or nothing is
 * written. */
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

/* Is f carried, given the options? */
static int carried(const pdf_writer *w, const source_file *f)
{
    return f && (f->kind != SOURCE_IMAGE || w->opts->embed_images);
}

/* Stop with a message about f (an input error unless memory ran out). */
static int file_error(pdf_writer *w, const source_file *f, const char *why)
{
    if (strcmp(why, "out of memory") == 0) {
        diag_oom(w->d);
    } else {
        diag_error(w->d, (srcpos){f->path, 1, 1}, "cannot carry the source '%s' inside the "
                   "PDF: %s", f->name, why);
    }
    w->reported = 1;
    return -1;
}

/* The /EmbeddedFile stream of f's bytes data[0..f->bytes). NULL on error. */
static HPDF_Dict file_stream(pdf_writer *w, const source_file *f, const unsigned char *data,
                             const char *moddate)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict ef = HPDF_DictStream_New(mm, w->pdf->xref), params;
    HPDF_BYTE md5[16];
    HPDF_MD5_CTX ctx;
    HPDF_MD5Init(&ctx);
    HPDF_MD5Update(&ctx, data, (HPDF_UINT32)f->bytes);
    HPDF_MD5Final(md5, &ctx);
    void *date, *sum;
    if (!ef || f->bytes > 0x7FFFFFFF
        || HPDF_Dict_AddName(ef, "Type", "EmbeddedFile") != HPDF_OK
        || HPDF_Dict_AddName(ef, "Subtype", f->mime) != HPDF_OK   /* written text#2Fmarkdown */
        || !(params = HPDF_Dict_New(mm)) || HPDF_Dict_Add(ef, "Params", params) != HPDF_OK
        || HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)f->bytes) != HPDF_OK
        || !(date = HPDF_String_New(mm, moddate, NULL))
        || HPDF_Dict_Add(params, "ModDate", date) != HPDF_OK
        || !(sum = HPDF_Binary_New(mm, md5, sizeof md5))
        || HPDF_Dict_Add(params, "CheckSum", sum) != HPDF_OK)
        return NULL;
    /* text deflates well; PNG and JPEG are compressed already */
    if (pdfw_stream_data(w, ef, data, f->bytes, f->kind == SOURCE_IMAGE ? PDFW_RAW : PDFW_FLATE))
        return NULL;
    return ef;
}

/* f's /Filespec, made once per file (a later record of the same path must
 * have read the same bytes); NULL after reporting. */
static HPDF_Dict filespec(pdf_writer *w, const source_file *f, const char *moddate)
{
    HPDF_Dict fs = strmap_get(w->embedded, f->path);
    if (fs)
        return fs;
    if (f->outside_root)
        diag_warning(w->d, (srcpos){f->path, 1, 1}, "the file is outside --root: the PDF "
                     "carries it as '%s', so its files alone will not render this PDF again",
                     f->name);
    char why[160];
    unsigned char *data = pdfw_read_checked(f->path, f->bytes, f->hash, why, sizeof why);
    if (!data) {
        file_error(w, f, why);
        return NULL;
    }
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict ef = file_stream(w, f, data, moddate), refs;
    /* the /ID covers what is carried */
    HPDF_MD5Update(&w->md5, (const HPDF_BYTE *)f->name, (HPDF_UINT32)strlen(f->name));
    HPDF_MD5Update(&w->md5, data, (HPDF_UINT32)f->bytes);
    free(data);
    void *name, *uname, *desc;
    if (!ef || !(fs = HPDF_Dict_New(mm)) || HPDF_Xref_Add(w->pdf->xref, fs) != HPDF_OK
        || HPDF_Dict_AddName(fs, "Type", "Filespec") != HPDF_OK
        || !(name = pdfw_text_string(w, f->name)) || HPDF_Dict_Add(fs, "F", name) != HPDF_OK
        || !(uname = pdfw_text_string(w, f->name)) || HPDF_Dict_Add(fs, "UF", uname) != HPDF_OK
        || !(desc = pdfw_text_string(w, f->desc)) || HPDF_Dict_Add(fs, "Desc", desc) != HPDF_OK
        || HPDF_Dict_AddName(fs, "AFRelationship", "Source") != HPDF_OK
        || !(refs = HPDF_Dict_New(mm)) || HPDF_Dict_Add(fs, "EF", refs) != HPDF_OK
        || HPDF_Dict_Add(refs, "F", ef) != HPDF_OK || HPDF_Dict_Add(refs, "UF", ef) != HPDF_OK
        || strmap_put(w->embedded, f->path, fs) != 0)
        return NULL;
    return fs;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const pdf_tree_entry *)a)->name, ((const pdf_tree_entry *)b)->name);
}

/* The catalog's /Names /EmbeddedFiles: every file once, by its path. */
static int name_tree(pdf_writer *w, pdf_tree_entry *e, size_t n)
{
    qsort(e, n, sizeof *e, by_name);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)   /* each file once (two files outside the root may share */
        if (!k || strcmp(e[i].name, e[k - 1].name) != 0)   /* a name: the /AF keeps both) */
            e[k++] = e[i];
    HPDF_Dict names, tree;
    HPDF_TRYP(names, HPDF_Dict_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Dict_Add(w->pdf->catalog, "Names", names));
    HPDF_TRYP(tree, HPDF_Dict_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Dict_Add(names, "EmbeddedFiles", tree));
    return pdfw_tree(w, tree, e, k);
}

int embedded_write(pdf_writer *w)
{
    const document *doc = w->doc;
    if (!w->opts->embed_sources)
        return 0;
    char moddate[80], xmpdate[80];
    pdfw_dates(w->opts->epoch, moddate, xmpdate);
    size_t n = (size_t)doc->nsources;
    for (int i = 0; i < doc->nreleases; i++)
        n += (size_t)doc->releases[i]->nsources;
    pdf_tree_entry *e = calloc(n ? n : 1, sizeof *e);
    HPDF_Array af = NULL;
    int rc = -1;
    if (!e || !(w->embedded = strmap_new())) {
        w->reported = 1;
        diag_oom(w->d);
        goto out;
    }
    size_t k = 0;
    for (int i = 0; i < doc->nsources; i++) {   /* the manifests (and what they name) */
        const source_file *f = doc->sources[i];
        if (!carried(w, f))
            continue;
        HPDF_Dict fs = filespec(w, f, moddate);
        if (!fs)
            goto out;
        if (!af && (!(af = HPDF_Array_New(w->pdf->mmgr))
                    || HPDF_Dict_Add(w->pdf->catalog, "AF", af) != HPDF_OK))
            goto out;
        int listed = 0;   /* once in the /AF, however often it was read */
        for (size_t j = 0; j < k && !listed; j++)
            listed = e[j].value == fs;
        if (!listed && HPDF_Array_Add(af, fs) != HPDF_OK)
            goto out;
        e[k++] = (pdf_tree_entry){.name = f->name, .value = fs};
    }
    for (int i = 0; i < doc->nreleases; i++) {   /* each release's, in order */
        const release_meta *m = doc->releases[i];
        for (int j = 0; j < m->nsources; j++) {
            const source_file *f = m->sources[j];
            HPDF_Dict fs = carried(w, f) ? filespec(w, f, moddate) : NULL;
            if (carried(w, f) && !fs)
                goto out;
            if (fs)
                e[k++] = (pdf_tree_entry){.name = f->name, .value = fs};
        }
    }
    rc = name_tree(w, e, k);
out:
    free(e);   /* the tree holds its keys as strings of its own */
    return rc;   /* a libharu failure is said by pdf_close */
}

int embedded_has_af(const pdf_writer *w, const node *n)
{
    if (!w->embedded || n->kind != N_SECT || !n->meta)
        return 0;
    for (int i = 0; i < n->meta->nsources; i++)
        if (carried(w, n->meta->sources[i]))
            return 1;
    return 0;
}

int embedded_add_af(pdf_writer *w, const node *n, HPDF_Dict dict)
{
    HPDF_Array af;
    HPDF_TRYP(af, HPDF_Array_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Dict_Add(dict, "AF", af));
    for (int i = 0; i < n->meta->nsources; i++) {
        const source_file *f = n->meta->sources[i];
        HPDF_Dict fs = carried(w, f) ? strmap_get(w->embedded, f->path) : NULL;
        if (fs)
            HPDF_TRY(HPDF_Array_Add(af, fs));
    }
    return 0;
}
