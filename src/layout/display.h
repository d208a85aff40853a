/* display.h — the display list: the seam between layout and pdf. Layout
 * produces pages of items (glyph runs, images, rules, boxes, link areas), each
 * tied to the structure element it belongs to or marked as an artifact, and
 * anchors where nodes start; the PDF stage walks them and knows nothing else
 * of layout. Pages go to the PDF stage whole (a display) or one by one as
 * they are finished (a page_sink). */
#ifndef BULLETIN_DISPLAY_H
#define BULLETIN_DISPLAY_H

#include "../doc/doc.h"
#include "../text/text.h"

enum item_kind {
    ITEM_GLYPHS,   /* a glyph run at (x, y) = baseline start; run->rise is NOT added to y
                      (the PDF stage applies it, Ts); decorations come from run->deco */
    ITEM_IMAGE,    /* image drawn into the box (x, y, w, h), turned as its orientation says */
    ITEM_RULE,     /* a line from (x, y) to (x + w, y + h), line_width thick */
    ITEM_RECT,     /* a filled box (x, y, w, h) */
    ITEM_LINK,     /* a link area (x, y, w, h): uri, or dest inside the document */
};

enum artifact_kind {
    ART_NONE,      /* real content of item.node */
    ART_HEADER,    /* running header (Pagination/Header) */
    ART_FOOTER,    /* footer and page number (Pagination/Footer) */
    ART_LAYOUT,    /* rules, underlines, table borders, shading, decorative images (Layout) */
};

typedef struct item {
    enum item_kind kind;
    enum artifact_kind artifact;
    const node *node;          /* the structure element this belongs to; NULL for artifacts
                                  but a decorative image's N_FIGURE (for messages).
                                  ITEM_LINK: the N_LINK element (or N_REFERENCE) */
    double x, y, w, h;         /* points, PDF space: origin at the page's lower left */
    double line_width;         /* ITEM_RULE */
    uint32_t color;            /* ITEM_RULE / ITEM_RECT, 0xRRGGBB */
    const glyph_run *run;      /* ITEM_GLYPHS */
    const image_info *image;   /* ITEM_IMAGE: the file and its facts */
    const char *uri;           /* ITEM_LINK: external target */
    const node *dest;          /* ITEM_LINK: internal target (a node with an anchor) */
} item;

/* How a page is numbered: the cover and contents in lower-case roman, the
 * body from 1 (the PDF's /PageLabels say the same). */
enum page_numbering { NUMBER_ARABIC, NUMBER_ROMAN };

typedef struct page {
    item *items;               /* in reading order: content order = tag order */
    size_t nitems, cap;
    item *furniture;           /* running header and footer: artifacts only */
    size_t nfurniture;
    int number;                /* its number in its numbering, from 1 */
    enum page_numbering numbering;
    double width, height;
} page;

/* The page's label as printed and as viewers show it ("iii", "12") into out
 * (display.c). */
void page_label(const page *p, char *out, size_t size);

/* Where a node (heading, release, note) starts: for the outline and internal links. */
typedef struct anchor {
    const node *node;
    int page;                  /* index into pages */
    double y;                  /* top of the node, PDF space */
} anchor;

typedef struct display {
    page *pages;               /* all in the document's arena; streamed through a
                                  page_sink, only their numbers and sizes (no items) */
    int npages;
    anchor *anchors;           /* in document order */
    int nanchors;
} display;

/* Which part of the document a page belongs to: the body is laid out first,
 * numbered from 1; the front matter (cover, contents) after it, and goes
 * before it. A page's place in the document: its index among the front
 * pages, or the count of front pages plus its index among the body's. */
enum page_part { PART_BODY, PART_FRONT };

/* Where pages go as layout finishes them (the seam streamed: a yearly volume
 * never holds its pages all at once). Layout calls page() once for every page,
 * in the order each part makes them, the body's all before the front
 * matter's; the page's items (and its furniture, when running heads are set
 * as pages close) are valid only during the call: a sink copies what it
 * keeps. When the running heads need the count of body pages ({pages}), a
 * page comes without its furniture, and furniture() brings it once every page
 * is made, in document order. Both return 0, or -1 after reporting through
 * the diag: layout then stops with -1. */
typedef struct page_sink {
    void *user;
    int (*page)(void *user, const page *p, enum page_part part, int index);
    int (*furniture)(void *user, enum page_part part, int index, const item *items, size_t n);
    /* A sink that keeps pages a while (another thread writes them) says how
     * many it is done with (the text they show may go only then), and waits
     * until it is done with all: 0, or -1 when it failed. NULL: at once. */
    size_t (*done)(void *user);
    int (*flush)(void *user);
} page_sink;

/* ---- display.c: the display list's own functions (a leaf of layout) ---- */

/* The anchor of n, or NULL. A binary search by node id: call doc_number on the
 * finished tree before layout (an unnumbered tree falls back to a scan). */
const anchor *layout_anchor(const display *dl, const node *n);
/* The same among anchors[0..n), in document order (node ids ascending). */
const anchor *anchor_find(const anchor *anchors, size_t n, const node *target);

#endif
