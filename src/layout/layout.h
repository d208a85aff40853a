/* layout: the document tree into pages — the display list. It owns page
 * templates (margins, running header and footer), block flow, lists, tables,
 * figures, footnotes and pagination. It knows nothing of PDF: the display list
 * is the seam, and tests can check lines, positions and page breaks on it. */
#ifndef BULLETIN_LAYOUT_H
#define BULLETIN_LAYOUT_H

#include "../doc/doc.h"
#include "../text/text.h"
#include "display.h"

/* The style's line-breaking values as text takes them (layout turns
 * hyphenation off for text it does not justify). */
break_params layout_break_params(const style *st);

/* Resolve every font chain the style can need (each role, bold or not,
 * italic or not) in fonts, at start-up: layout only looks them up. 0, or -1
 * reported. */
int layout_resolve_fonts(font_registry *fonts, const style *st, diag *d);

/* Lay out the whole document with the chains of fonts (resolved by
 * layout_resolve_fonts) and the typesetter ts. Everything goes in
 * doc->arena. 0 ok; -1 error (reported through d). */
int layout_document(const document *doc, const style *st, font_registry *fonts, typesetter *ts,
                    diag *d, display *out);

/* Lay out the whole document, handing each page to sink as it is finished
 * and freeing what set it (text set per release lives only until its pages
 * are handed over). out gets the pages' numbers and sizes (no items) and the
 * anchors, in doc->arena. 0 ok; -1 error (reported through d, or by the sink). */
int layout_document_to(const document *doc, const style *st, font_registry *fonts,
                       typesetter *ts, diag *d, const page_sink *sink, display *out);

/* A page sink that hands pages to another sink on a thread of its own (the
 * PDF written while layout goes on), in the same order: the same output. */
typedef struct page_pipe page_pipe;
/* Start the thread that feeds `to` (kept by the caller); d is the feeding
 * thread's diag (out of memory copying a page is reported there). NULL when
 * no thread can be had (nothing reported: the caller works on one thread). */
page_pipe *page_pipe_new(const page_sink *to, diag *d);
/* The sink to give layout_document_to. */
page_sink page_pipe_sink(page_pipe *p);
/* Let the thread finish what it holds and end it. 0, or -1 when `to` failed. */
int page_pipe_free(page_pipe *p);

#endif
