/* pdf: the display list into a tagged, archival PDF (PDF/A-2a and PDF/UA-1
 * at once, PDF 1.7) through libharu's object layer: Type 0 fonts from
 * hb-subset, glyph-id content streams, the structure tree with MCIDs and a
 * ParentTree, links with OBJR, the outline, XMP and Info, the sRGB output
 * intent, and, when asked, the sources as PDF/A-3 associated files
 * (embedded.c). The same document and options give the same bytes. It knows
 * nothing of Markdown: it reads the document tree only as a structure tree.
 * Output goes to a temporary file beside the target and is renamed over it
 * only when complete. */
#ifndef BULLETIN_PDF_H
#define BULLETIN_PDF_H

#include "../doc/doc.h"
#include "../layout/display.h"
#include "../text/text.h"

typedef struct pdf_options {
    const char *title;       /* document title: Info, dc:title, DisplayDocTitle */
    const char *lang;        /* catalog /Lang */
    const char *author;      /* dc:creator / Info Author; NULL: none */
    const char *creator;     /* xmp:CreatorTool / Info Creator ("bulletin 0.1.0"); NULL: "bulletin" */
    long long epoch;         /* every date: creation = modification = metadata, seconds since 1970 UTC */
    int compress;            /* Flate page streams and fonts */
    int threads;             /* fonts are subset on this many threads at the end (0: one) */
    const image_style *images;   /* resolution cap and JPEG quality; NULL: the default style's */
    int embed_sources;       /* PDF/A-3a: the manifests and each release's Markdown as
                                associated files (doc->sources, release_meta.sources) */
    int embed_images;        /* ... and the image files the releases show */
} pdf_options;

/* A PDF being written as layout hands its pages over. */
typedef struct pdf_writer pdf_doc;

/* Start a PDF of doc (numbered: doc_number) with options o (copied); its
 * pages come through pdf_page_sink. NULL on error (reported through d). */
pdf_doc *pdf_open(const document *doc, const pdf_options *o, diag *d);
/* The sink that writes each page into p as layout finishes it: its content
 * stream is deflated and held, its display items are no longer needed. */
page_sink pdf_page_sink(pdf_doc *p);
/* Finish p with what layout knew at the end (dl: every page's number and
 * size, the anchors) — fonts, images, the structure tree, links' targets,
 * metadata — and write it at path, then free p. dl NULL (layout failed):
 * only free p, writing nothing (-1: layout has reported). 0, or -1 reported
 * through the diag given to pdf_open, as pdf_write. */
int pdf_close(pdf_doc *p, const display *dl, const char *path);

/* Write the PDF at path, from a whole display (pdf_open, every page, pdf_close). Images are embedded from the facts the input stage
 * found (image_info), from the very bytes it checked. 0, or -1 reported
 * through d with its kind: an input error (image data found damaged when
 * decoded, or a file changed since: at the figure's source position), a
 * system error (I/O, memory) or an internal one. On error nothing is left at
 * path that was not there before. */
int pdf_write(const document *doc, const display *dl, const pdf_options *o, const char *path,
              diag *d);

#endif
