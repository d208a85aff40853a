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

void embedded_init(pdf_embedded *e, pdf_objs *o, pdf_streams *s, int images, diag *d)
{
    *e = (pdf_embedded){.objs = o, .streams = s, .d = d, .images = images};
}

void embedded_free(pdf_embedded *e)
{
    strmap_free(e->filespecs);
    e->filespecs = NULL;
}

/* Is f carried, given the options? */
static int carried(const pdf_embedded *e, const source_file *f)
{
    return f && (f->kind != SOURCE_IMAGE || e->images);
}

/* The /EmbeddedFile stream of f's bytes data[0..f->bytes). NULL on error. */
static pdf_obj *file_stream(pdf_embedded *e, const source_file *f, const unsigned char *data,
                            const char *moddate)
{
    pdf_objs *o = e->objs;
    pdf_obj *ef = obj_stream(o), *params;
    unsigned char md5[16];
    objs_md5(data, f->bytes, md5);
    if (!ef || obj_put_name(ef, "Type", "EmbeddedFile") < 0
        || obj_put_name(ef, "Subtype", f->mime) < 0   /* written text#2Fmarkdown */
        || !(params = obj_dict(o)) || obj_put(ef, "Params", params) < 0
        || obj_put_int(params, "Size", (int)f->bytes) < 0
        || obj_put(params, "ModDate", obj_string(o, moddate)) < 0
        || obj_put(params, "CheckSum", obj_binary(o, md5, sizeof md5)) < 0)
        return NULL;
    /* text deflates well; PNG and JPEG are compressed already */
    if (pdfw_stream_data(e->streams, ef, data, f->bytes,
                         f->kind == SOURCE_IMAGE ? PDFW_RAW : PDFW_FLATE) < 0)
        return NULL;
    return ef;
}

/* f's /Filespec, made once per file (a later record of the same path must
 * have read the same bytes); NULL after reporting. */
static pdf_obj *filespec(pdf_embedded *e, const source_file *f, const char *moddate)
{
    pdf_obj *fs = strmap_get(e->filespecs, f->path);
    if (fs)
        return fs;
    if (f->outside_root)
        diag_warning(e->d, (srcpos){f->path, 1, 1}, "the file is outside --root: the PDF "
                     "carries it as '%s', so its files alone will not render this PDF again",
                     f->name);
    if (f->bytes > PDF_MAX_STREAM) {   /* as the stream would say, before reading it */
        diag_error(e->d, (srcpos){f->path, 1, 1}, "cannot carry the source '%s' inside the PDF: "
                   "more than %zu bytes", f->name, PDF_MAX_STREAM);
        return NULL;
    }
    char what[300];
    snprintf(what, sizeof what, "cannot carry the source '%s' inside the PDF", f->name);
    unsigned char *data = pdfw_read_checked(e->d, (srcpos){f->path, 1, 1}, what, f->path,
                                            f->bytes, f->hash);
    if (!data)
        return NULL;
    pdf_objs *o = e->objs;
    pdf_obj *ef = file_stream(e, f, data, moddate), *refs;
    /* the /ID covers what is carried */
    objs_hash(o, f->name, strlen(f->name));
    objs_hash(o, data, f->bytes);
    free(data);
    if (!ef || !(fs = obj_dict(o)) || obj_indirect(o, fs) < 0
        || obj_put_name(fs, "Type", "Filespec") < 0
        || obj_put(fs, "F", pdfw_text_string(o, f->name)) < 0
        || obj_put(fs, "UF", pdfw_text_string(o, f->name)) < 0
        || obj_put(fs, "Desc", pdfw_text_string(o, f->desc)) < 0
        || obj_put_name(fs, "AFRelationship", "Source") < 0
        || !(refs = obj_dict(o)) || obj_put(fs, "EF", refs) < 0
        || obj_put(refs, "F", ef) < 0 || obj_put(refs, "UF", ef) < 0)
        return NULL;
    if (strmap_put(e->filespecs, f->path, fs) != 0) {
        diag_oom(e->d);
        return NULL;
    }
    return fs;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const pdf_tree_entry *)a)->name, ((const pdf_tree_entry *)b)->name);
}

/* The catalog's /Names /EmbeddedFiles: every file once, by its path. */
static int name_tree(pdf_embedded *emb, pdf_tree_entry *e, size_t n)
{
    qsort(e, n, sizeof *e, by_name);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)   /* each file once (two files outside the root may share */
        if (!k || strcmp(e[i].name, e[k - 1].name) != 0)   /* a name: the /AF keeps both) */
            e[k++] = e[i];
    pdf_objs *o = emb->objs;
    pdf_obj *names, *tree;
    TRYP(names, obj_dict(o));
    TRY(obj_put(objs_catalog(o), "Names", names));
    TRYP(tree, obj_dict(o));
    TRY(obj_put(names, "EmbeddedFiles", tree));
    return pdfw_tree(o, NULL, tree, e, k);
}

int embedded_write(pdf_embedded *emb, const document *doc, long long epoch)
{
    pdf_objs *o = emb->objs;
    char moddate[80], xmpdate[80];
    pdfw_dates(epoch, moddate, xmpdate);
    size_t n = (size_t)doc->nsources;
    for (int i = 0; i < doc->nreleases; i++)
        n += (size_t)doc->releases[i]->nsources;
    pdf_tree_entry *e = calloc(n ? n : 1, sizeof *e);
    pdf_obj *af = NULL;
    int rc = -1;
    if (!e || !(emb->filespecs = strmap_new())) {
        diag_oom(emb->d);
        goto out;
    }
    size_t k = 0;
    for (int i = 0; i < doc->nsources; i++) {   /* the manifests (and what they name) */
        const source_file *f = doc->sources[i];
        if (!carried(emb, f))
            continue;
        pdf_obj *fs = filespec(emb, f, moddate);
        if (!fs)
            goto out;
        if (!af && (!(af = obj_array(o)) || obj_put(objs_catalog(o), "AF", af) < 0))
            goto out;
        int listed = 0;   /* once in the /AF, however often it was read */
        for (size_t j = 0; j < k && !listed; j++)
            listed = e[j].value == fs;
        if (!listed && obj_push(af, fs) < 0)
            goto out;
        e[k++] = (pdf_tree_entry){.name = f->name, .value = fs};
    }
    for (int i = 0; i < doc->nreleases; i++) {   /* each release's, in order */
        const release_meta *m = doc->releases[i];
        for (int j = 0; j < m->nsources; j++) {
            const source_file *f = m->sources[j];
            pdf_obj *fs = carried(emb, f) ? filespec(emb, f, moddate) : NULL;
            if (carried(emb, f) && !fs)
                goto out;
            if (fs)
                e[k++] = (pdf_tree_entry){.name = f->name, .value = fs};
        }
    }
    rc = name_tree(emb, e, k);
out:
    free(e);   /* the tree holds its keys as strings of its own */
    return rc;
}

int embedded_has_af(const pdf_embedded *e, const node *n)
{
    if (!e->filespecs || n->kind != N_SECT || !n->meta)
        return 0;
    for (int i = 0; i < n->meta->nsources; i++)
        if (carried(e, n->meta->sources[i]))
            return 1;
    return 0;
}

int embedded_add_af(const pdf_embedded *e, const node *n, pdf_obj *dict)
{
    pdf_obj *af;
    TRYP(af, obj_array(e->objs));
    TRY(obj_put(dict, "AF", af));
    for (int i = 0; i < n->meta->nsources; i++) {
        const source_file *f = n->meta->sources[i];
        pdf_obj *fs = carried(e, f) ? strmap_get(e->filespecs, f->path) : NULL;
        if (fs)
            TRY(obj_push(af, fs));
    }
    return 0;
}
