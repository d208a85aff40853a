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

/* Lay out the whole document. Everything goes in doc->arena.
 * 0 ok; -1 error (reported through d). */
int layout_document(const document *doc, const style *st, fontset *fs, diag *d, display *out);

#endif
