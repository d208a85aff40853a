/* writer.c — a PDF written as layout hands its pages over: the writer and
 * the flow through its parts. pdf_open makes the document (hpdf.c) and the
 * parts; each page as it comes is made (pages.c) and its content stream
 * written at once (content.c); pdf_close builds, in this order, the fonts,
 * images, the sources carried inside, the structure tree, metadata, outline,
 * page labels, output intent and the trailer /ID (fontembed.c, image.c,
 * embedded.c, tags.c, meta.c, outline.c, intent.c, hpdf.c), and the file
 * (save.c). The order is the objects' numbering: the same input, the same
 * bytes. */
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

/* The writer: what the options and layout give it, and its parts, each
 * owned by the file that names it (pdf-private.h). */
typedef struct pdf_writer pdf_writer;
struct pdf_writer {
    const document *doc;
    const display *dl;             /* layout's summary, given at the end */
    pdf_options opts;              /* the caller's, the document's title and language filled in */
    diag *d;
    int failed;                    /* a page could not be written: nothing will be */
    arena *records;                /* compact records of the objects we write (structure
                                      elements, links, outline items, images) */
    pdf_objs *objs;
    pdf_streams streams;
    pdf_pages pages;
    pdf_fonts fonts;
    pdf_images images;
    pdf_tags tags;
    struct_records se;
    pdf_links links;
    pdf_embedded embedded;
};

static void free_writer(pdf_writer *w)
{
    fonts_free(&w->fonts);
    streams_free(&w->streams);
    pages_free(&w->pages);
    links_free(&w->links);
    tags_free(&w->tags);
    images_free(&w->images);
    embedded_free(&w->embedded);
    se_free(&w->se);
    objs_free(w->objs);   /* before the records: its objects point into them */
    arena_free(w->records);
    free(w);
}

/* ---- pages as they come ------------------------------------------------ */

static page_parts parts_of(pdf_writer *w)
{
    return (page_parts){.d = w->d, .objs = w->objs, .streams = &w->streams, .fonts = &w->fonts,
                        .images = &w->images, .tags = &w->tags, .links = &w->links};
}

static int sink_page(void *user, const page *pg, enum page_part part, int index)
{
    pdf_writer *w = user;
    if (w->failed)
        return -1;
    int slot;
    pdf_page_ref *ref = pages_add(&w->pages, pg, part, index, &slot);
    page_parts pp = parts_of(w);
    if (!ref || content_write_page(&pp, pg, ref, slot) < 0) {
        w->failed = 1;   /* reported */
        return -1;
    }
    return 0;
}

static int sink_furniture(void *user, enum page_part part, int index, const item *items,
                          size_t n)
{
    pdf_writer *w = user;
    if (w->failed)
        return -1;
    int slot = part == PART_FRONT ? -1 - index : index;
    pdf_page_ref *ref = pages_at_slot(&w->pages, slot);
    page_parts pp = parts_of(w);
    if (!ref)
        diag_internal(w->d, "running heads for a page not made");
    if (!ref || content_write_furniture(&pp, ref, slot, items, n) < 0) {
        w->failed = 1;   /* reported */
        return -1;
    }
    return 0;
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
    w->opts = *o;   /* the document's title and language when the options have none */
    if (!w->opts.title)
        w->opts.title = doc->title ? doc->title : "";
    if (!w->opts.lang)
        w->opts.lang = doc->lang;
    streams_init(&w->streams, w->opts.compress, d);
    if (!(w->objs = objs_new(d))) {
        free(w);
        return NULL;
    }
    objs_hash(w->objs, w->opts.title, strlen(w->opts.title));
    if (!(w->records = arena_new())) {
        diag_oom(d);
        free_writer(w);
        return NULL;
    }
    /* the parts, in the order their first objects are numbered */
    if (pages_init(&w->pages, w->objs, d) < 0
        || fonts_init(&w->fonts, w->objs, &w->streams, w->pages.resources, w->opts.threads, d) < 0) {
        free_writer(w);
        return NULL;
    }
    images_init(&w->images, w->objs, &w->streams, w->records, w->pages.resources,
                w->opts.images, d);
    links_init(&w->links, w->objs, w->records, &w->pages, d);
    se_init(&w->se, w->objs, w->records, &w->pages, d);
    embedded_init(&w->embedded, w->objs, &w->streams, w->opts.embed_images, d);
    if (tags_init(&w->tags, doc, w->opts.lang, d) < 0) {
        free_writer(w);
        return NULL;
    }
    return w;
}

page_sink pdf_page_sink(pdf_doc *p)
{
    return (page_sink){.user = p, .page = sink_page, .furniture = sink_furniture};
}

/* ---- the end ----------------------------------------------------------- */

/* Everything after the pages, into the file at path. 0, or -1 reported. */
static int finish(pdf_writer *w, const char *path)
{
    const display *dl = w->dl;
    TRY(pages_order(&w->pages, dl->npages));
    TRY(tags_order_marks(&w->tags, &w->pages));
    TRY(links_resolve(&w->links, dl));
    TRY(fonts_embed(&w->fonts));
    TRY(images_embed(&w->images));
    if (w->opts.embed_sources)
        TRY(embedded_write(&w->embedded, w->doc, w->opts.epoch));
    TRY(tags_build(&w->tags, &w->se, &w->embedded));
    TRY(meta_write(w->objs, &w->streams, &w->opts));
    TRY(outline_write(w->objs, w->records, &w->pages, w->doc, dl));
    TRY(meta_page_labels(w->objs, dl));
    TRY(intent_write(w->objs, &w->streams));
    TRY(objs_add_id(w->objs));
    return pdf_save_file(w->objs, &w->streams, w->d, path);
}

int pdf_close(pdf_doc *w, const display *dl, const char *path)
{
    if (!w)
        return -1;
    int errors = w->d->errors, rc = -1;
    if (w->failed || !dl || !path) {
        ;   /* reported already, or layout failed: nothing is written */
    } else if (dl->npages <= 0) {
        diag_error(w->d, (srcpos){0}, "nothing to write: the document has no pages");
    } else {
        w->dl = dl;
        rc = finish(w, path);
        if (rc < 0 && w->d->errors == errors)   /* never silence */
            diag_internal(w->d, "the PDF was not written, and nothing said why");
    }
    free_writer(w);
    return rc;
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
