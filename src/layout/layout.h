/* layout: the document tree into pages — the display list. It owns page
 * templates (margins, running header and footer), block flow, lists, tables,
 * figures, footnotes and pagination. It knows nothing of PDF: the display list
 * is the seam, and tests can check lines, positions and page breaks on it. */
#ifndef BULLETIN_LAYOUT_H
#define BULLETIN_LAYOUT_H

#include "../doc/doc.h"
#include "../text/text.h"
#include "display.h"

/* Lay out the whole document. Everything goes in doc->arena.
 * 0 ok; -1 error (reported through d). */
int layout_document(const document *doc, const style *st, fontset *fs, diag *d, display *out);

/* Lay out the whole document, handing each page to sink as it is finished
 * and freeing what set it (text set per release lives only until its pages
 * are handed over). out gets the pages' numbers and sizes (no items) and the
 * anchors, in doc->arena. 0 ok; -1 error (reported through d, or by the sink). */
int layout_document_to(const document *doc, const style *st, fontset *fs, diag *d,
                       const page_sink *sink, display *out);

#endif
