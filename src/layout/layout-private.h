/* layout-private.h — shared between the layout module's own .c files only:
 * the layout state, block environments and slices.
 *
 * How layout works: blocks (blocks.c, table.c) cut the document into
 * *slices* — one text line, one table row band, one figure, one rule — each
 * with its items in coordinates relative to the slice (x from the frame's
 * left edge, y up from the slice's top, so ≤ 0), a discardable space before
 * it and keep-with-next flags. The paginator (paginate.c) then places the
 * slices of one release on pages in one pass, translating items into page
 * space, opening pages with their running header and footer and recording
 * anchors. Nothing is laid out twice. */
#ifndef BULLETIN_LAYOUT_PRIVATE_H
#define BULLETIN_LAYOUT_PRIVATE_H

#include "layout.h"

enum { MAX_QUOTE_BARS = 6 };

/* Where and how a block is set: its column and its text defaults. */
typedef struct env {
    double left, width;          /* column, points from the frame's left edge */
    double size, leading;        /* text size; line pitch = size * leading */
    enum font_role role;
    int bold;
    int justify;
    uint32_t color;
    double para_space;           /* space before each paragraph of this column */
    int nbars;                   /* blockquote rules drawn beside every slice */
    double bar_x[MAX_QUOTE_BARS];
    int list_depth;              /* nesting of lists, for bullet shapes */
    int depth;                   /* lists, block quotes and notes around this column:
                                    from DOC_MAX_NESTING on they indent no further */
} env;

/* One unbreakable piece of the vertical flow. */
typedef struct slice {
    double space_before;         /* dropped at the top of a page */
    double height;               /* content height below the slice's top */
    size_t first_item, nitems;   /* range in lay.sitems (slice-relative coordinates) */
    int keep_with_next;          /* no page break between this slice and the next */
    int starts_group;            /* a release/part begins: new (right-hand) page */
    const node *group;           /* with starts_group: the N_SECT (or NULL for others) */
    /* a figure is scaled when placed: natural size and its column */
    const node *figure;
    double fig_w, fig_h, fig_left, fig_width;
} slice;

/* An anchor waiting for the slice it starts at. */
typedef struct pending_anchor {
    size_t slice;
    const node *node;
} pending_anchor;

/* A growable list of text pieces (heap). */
typedef struct piece_vec {
    text_piece *v;
    size_t n, cap;
} piece_vec;

typedef struct running_line {    /* cache of set running-head texts */
    const char *text;
    double avail;
    const text_line *line;
} running_line;

enum { RUNNING_CACHE = 8 };

typedef struct lay {
    const document *doc;
    const style *st;
    fontset *fs;
    diag *d;
    arena *a;                    /* doc->arena: everything the display keeps */
    const font_chain *chains[FONT_ROLE_COUNT][2][2];
    int chain_tried[FONT_ROLE_COUNT][2][2];

    /* frame: the same size on every page; only its left edge mirrors */
    double frame_w, frame_top, frame_bottom;

    /* slices of the group (release) being laid out, and their items (heap) */
    slice *slices;
    size_t nslices, slices_cap;
    item *sitems;
    size_t nsitems, sitems_cap;
    pending_anchor *panchors;
    size_t npanchors, panchors_cap;
    double pending_space;        /* taken by the next slice as space_before */
    int pending_group;           /* the next slice starts a release/part */
    const node *pending_group_node;
    const text_line *label;      /* list / note label waiting for its first line */
    double label_x, label_size;

    /* pages being built (heap until the end; items copied into the arena) */
    page *pages;
    size_t npages, pages_cap;
    item *pitems;                /* items of the open page */
    size_t npitems, pitems_cap;
    int page_open, page_has_content;
    double cursor;               /* top of the free space on the open page */
    double frame_left;           /* of the open page */
    const node *release;         /* running heads: the release being set */
    anchor *anchors;
    size_t nanchors, anchors_cap;
    running_line running[RUNNING_CACHE];
    int running_next;

    piece_vec pieces;            /* scratch for one paragraph */
} lay;

/* ---- paginate.c ---- */
/* Start a new slice of the given height with the pending space, anchors,
 * group break and quote bars of e; NULL on OOM (reported). */
slice *lay_slice(lay *L, const env *e, double height);
/* Append an item to the last slice; NULL on OOM (reported). */
item *lay_item(lay *L);
/* An anchor for n at the next slice. */
int lay_anchor_here(lay *L, const node *n);
/* Ask for at least s points of space before the next slice. */
void lay_want_space(lay *L, double s);
/* Place every pending slice on pages. */
int lay_flush(lay *L);
/* Report an out-of-memory error. Returns -1. */
int lay_oom(lay *L, const node *at);

/* ---- blocks.c ---- */
/* The font chain for a role and variant, falling back to upright, regular,
 * then serif; NULL (reported) when none can be opened. */
const font_chain *lay_chain(lay *L, enum font_role role, int bold, int italic);
/* Lay out n and its following siblings as blocks in e. */
int lay_blocks(lay *L, const node *first, const env *e);
/* Lay out the one block n in e. */
int lay_block(lay *L, const node *n, const env *e);
/* Collect the inline content under n as pieces (appended to pv). */
int lay_inline(lay *L, const node *n, const env *e, piece_vec *pv);
/* Set pieces into lines in column e with the given indents. */
int lay_set(lay *L, const text_piece *p, size_t n, double width, double first_indent,
            double rest_indent, int justify, text_line **lines, int *nlines);
/* The baseline of a line of pitch `pitch` and size `size`, below its top. */
double lay_baseline(double pitch, double size);
/* Glyph items (and link areas) of one line at baseline y, shifted by x. */
int lay_line_items(lay *L, const text_line *ln, double x, double y);
/* Append a copy of p to pv; -1 (reported) on OOM or when p has no font chain. */
int piece_push(lay *L, piece_vec *pv, const text_piece *p);

/* ---- table.c ---- */
/* Lay out an N_TABLE in e: one slice per row (bands of lines for rows taller
 * than a page). 0 ok, -1 reported. */
int lay_table(lay *L, const node *table, const env *e);

#endif
