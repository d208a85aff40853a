/* layout-private.h — shared between the layout module's own .c files only:
 * the parts of the layout state, each with one owner, block environments
 * and slices; the functions of each file, by file.
 *
 * How layout works: the driver (layout.c) walks the document — groups
 * (releases, weekly bulletins), the index, then the front matter. Blocks
 * (blocks.c, lines.c, table.c) cut each group into *slices* — one text line,
 * one table row band, one figure, one rule — each with its items in
 * coordinates relative to the slice (x from the frame's left edge, y up from
 * the slice's top, so ≤ 0), a discardable space before it and keep-with-next
 * flags, into the slice list (slices.c). The page builder (paginate.c) then
 * consumes the slices of one group in one pass, placing them on pages,
 * translating items into page space, opening pages and recording anchors.
 * Footnotes (notes.c) are the one way back: laid out ahead as blocks, they
 * go to the foot of the page their citation is placed on. Closed pages leave
 * through the hand-off (handoff.c) with their running heads (running.c).
 * Nothing is laid out twice, with one exception decided ahead: a paragraph
 * with a line that ends with an inserted hyphen and could end a page is
 * also set with that line ending otherwise, its slices kept aside
 * (alternate) for the page builder to swap in.
 *
 * The parts, and who owns each (the driver makes them all):
 *   setter      text into pieces and lines: fonts, the current arena  setter.c
 *   slice_list  the slices of the group being set, and their items    slices.c
 *   flow        what cuts blocks into slices: a setter, a slice list,
 *               the notes it may cite, a label waiting for its line   blocks.c
 *   note_list   a release's footnotes, laid out ahead; the page's foot notes.c
 *   pager       the pages being made: the open page, its cursor,
 *               anchors, what the pages are about                     paginate.c
 *   handoff     finished pages to the sink; scratch arenas            handoff.c
 *   running     the running heads: the cache, one page's furniture    running.c */
#ifndef BULLETIN_LAYOUT_PRIVATE_H
#define BULLETIN_LAYOUT_PRIVATE_H

#include "layout.h"

enum { MAX_QUOTE_BARS = 6 };

/* Points a height may pass the room it is measured against and still count
 * as fitting. Heights are sums of many line pitches (10.5 × 1.6 …) whose
 * rounding differs with the order they are added in; a hundredth of a point
 * is far below what a printer or an eye resolves, and far above that
 * rounding, so a column filled exactly is never taken for an overfull one. */
#define FIT_SLACK 0.01

/* A measure no one-line text reaches: labels, numbers and running heads
 * are set on one line of their natural width. */
#define ONE_LINE_MEASURE 1e6

/* Steps of the bisections that balance columns (cover, index): each halves
 * the interval, which starts at most a page high (< 2000 pt), so 30 leave it
 * under two millionths of a point — past any height the columns can tell apart. */
enum { BISECT_STEPS = 30 };

/* Points a page's frame is at least wide and high: less, and a style's page
 * size and margins are refused (half an inch: a line or two of any text
 * size, a column the nesting of lists can still indent into). */
enum { MIN_FRAME = 36 };

/* Points per inch: images are sized from their pixels at the style's dpi. */
#define POINTS_PER_INCH 72.0

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
    size_t first_item, nitems;   /* range in its list's items (slice-relative coordinates) */
    int keep_with_next;          /* no page break between this slice and the next */
    int starts_group;            /* a release/part begins: new (right-hand) page */
    const node *group;           /* with starts_group: the N_SECT (or NULL for others) */
    /* a figure is scaled when placed: natural size and its column */
    const node *figure;
    double fig_w, fig_h, fig_left, fig_width;
    /* a table's body row: the header row's slices, repeated (as an artifact)
     * when this row opens a page */
    size_t repeat_first, repeat_n;
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

typedef struct note_ref {        /* a slice (line) citing a note */
    size_t slice;
    const node *note;
} note_ref;

/* A paragraph set again so that a line that may end a page does not end
 * with an inserted hyphen (lines.c): as many lines as the first setting, its
 * slices from the first line that differs kept aside (paginate.c swaps them
 * in when the page would otherwise end before that line). */
typedef struct alternate {
    size_t para;                 /* slice of the paragraph's first line */
    size_t nlines;               /* its lines, in either setting */
    size_t from;                 /* lines [from, nlines) differ: slices para + from … */
    size_t first;                /* … whose stand-ins are alternates.sl[first …] */
    size_t refs_at, nrefs;       /* the citations of those lines: refs[refs_at …] … */
    size_t first_ref;            /* … and of the stand-ins: alternates.refs[first_ref …] */
    int spent;                   /* swapped in, or its paragraph's lines are no longer
                                    those it was set against */
} alternate;

/* What the running heads of a page need to know, kept while pages are built. */
typedef struct page_info {
    const node *release;         /* the release (N_SECT) on the page, or NULL */
    const node *part;            /* the weekly bulletin (N_PART) it belongs to, or NULL */
    const node *section;         /* outside releases: the section (contents) on the page */
    int opening;                 /* a release or section starts here: no header */
    int bare;                    /* cover or blank page: no header, no footer */
} page_info;

/* The frame: the same size on every page; only its left edge mirrors. */
typedef struct frame {
    double w, top, bottom;
} frame;

/* ---- the parts (see the top of this file) ------------------------------ */

typedef struct setter {
    const document *doc;
    const style *st;
    font_registry *fonts;        /* the chains, resolved at start-up: looked up only */
    typesetter *ts;              /* sets every paragraph */
    diag *d;
    arena *a;                    /* where text is set: doc->arena, or (streaming) the
                                    current release's scratch arena (handoff.c's) */
    const font_chain *chains[FONT_ROLE_COUNT][2][2];
    int chain_tried[FONT_ROLE_COUNT][2][2];
    piece_vec pieces;            /* scratch for one paragraph */
} setter;

/* The other settings of paragraphs (lines.c makes them, paginate.c swaps
 * them in), in slice order; their slices' items are in the slice list's. */
typedef struct alternates {
    alternate *v;
    size_t n, cap;
    size_t next;                 /* the first the page builder has not passed */
    slice *sl;                   /* their slices */
    size_t nsl, sl_cap;
    note_ref *refs;              /* their citations (slice: where they would stand) */
    size_t nrefs, refs_cap;
} alternates;

/* The slices of the group being set (heap), made by blocks, consumed by
 * the page builder, emptied when it has placed them. */
typedef struct slice_list {
    const style *st;
    diag *d;
    slice *v;
    size_t n, cap;
    item *items;                 /* the slices' items, slice-relative */
    size_t nitems, items_cap;
    pending_anchor *anchors;
    size_t nanchors, anchors_cap;
    note_ref *refs;              /* citations of notes, in slice order */
    size_t nrefs, refs_cap;
    size_t next_ref;             /* the first the page builder has not passed */
    alternates alt;
    double pending_space;        /* taken by the next slice as space_before */
    int pending_group;           /* the next slice starts a release/part … */
    const node *pending_group_node;   /* … this one */
} slice_list;

/* A footnote laid out ahead (notes.c): its slices in note_list.sl. */
typedef struct note_block {
    const node *note;
    size_t first, n;             /* slices sl[first .. first + n) */
    int placed;                  /* its first line is on a page (or queued behind one) */
    int anchored;                /* its anchor is recorded */
    int anchor_page;             /* page of its first line */
    double anchor_off;           /* its first line's top below the foot area's top */
} note_block;

typedef struct note_carry {      /* note lines waiting for the next page's foot */
    size_t note;                 /* index in note_list.v */
    size_t from;                 /* first line not placed */
} note_carry;

/* The footnotes of the release being set, and the open page's foot (heap). */
typedef struct note_list {
    const style *st;
    diag *d;
    note_block *v;
    size_t n, cap;
    slice *sl;                   /* their slices, and their items */
    size_t nsl, sl_cap;
    item *items;
    size_t nitems, items_cap;
    note_carry *carry;
    size_t ncarry, carry_cap;
    double foot;                 /* height the open page's notes take at its foot */
    size_t *foot_idx;            /* their items among the open page's (y from the foot's top) */
    size_t nfoot_idx, foot_idx_cap;
} note_list;

/* What cuts blocks into slices (blocks.c, lines.c, table.c, and the front
 * matter's and index's own blocks). */
typedef struct flow {
    setter *set;                 /* sets their text */
    slice_list *out;             /* takes their slices */
    const note_list *notes;      /* the notes laid out ahead: cited, they go with the citation */
    double frame_h;              /* the frame's height: the most a figure or a band of a
                                    table's row may take */
    const text_line *label;      /* a list's or note's label waiting for its first line */
    double label_x, label_size;
} flow;

typedef struct handoff handoff;

/* The pages being made (heap until handed over; items copied out as each closes). */
typedef struct pager {
    const style *st;
    diag *d;
    frame fr;
    page *pages;
    page_info *pinfo;            /* parallel to pages */
    size_t npages, pages_cap, pinfo_cap;
    enum page_numbering numbering;   /* of the pages being made */
    page_info subject;           /* what the pages opened now are about (release, part,
                                    section) and whether bare (the cover): their running heads */
    item *items;                 /* the open page's */
    size_t nitems, items_cap;
    int open, has_content;
    double cursor;               /* top of the free space on the open page */
    double left;                 /* the open page's frame's left edge */
    anchor *anchors;
    size_t nanchors, anchors_cap;
    int continue_group;          /* the next group shares its page (a part's first release) */
    slice_list *in;              /* the slices it places */
    note_list *notes;            /* their notes, at the pages' feet */
    handoff *out;                /* where closed pages go */
} pager;

/* A scratch arena of text set for releases already placed: freed once the
 * pages holding that text are handed to the sink. */
typedef struct retired_arena {
    arena *a;
    size_t upto;                 /* pages made (all parts) when it was retired */
} retired_arena;

typedef struct running_line {    /* cache of set running-head texts */
    const char *text;
    double avail;
    const text_line *line;
} running_line;

enum { RUNNING_CACHE = 8 };

/* The running heads: one page's furniture set from the style's templates. */
typedef struct running {
    setter *set;                 /* sets the texts (a page's own in its current arena) */
    arena *keep;                 /* texts set once for many pages (doc->arena) */
    frame fr;
    running_line cache[RUNNING_CACHE];
    int next;                    /* the cache entry to replace next */
    item *furn;                  /* the page's furniture, being built (heap) */
    size_t nfurn, furn_cap;
} running;

struct handoff {
    diag *d;
    const page_sink *sink;       /* where finished pages go */
    running *heads;              /* sets their furniture */
    int furniture_later;         /* running heads wait until the count of body pages is known */
    int streaming;               /* scratch arenas per release, freed as pages are handed over */
    arena *keep;                 /* doc->arena: the current arena once the scratch ones go */
    retired_arena *retired;
    size_t nretired, retired_cap;
    enum page_part making;       /* the part whose pages are being made */
    size_t nsent;                /* pages of the part handed to the sink */
    size_t base_pages;           /* pages of the part made before (the body, while the front is) */
    size_t nfront;               /* front pages, once they are put before the body */
};

/* ---- frame.c: the page template ---- */
/* The frame of the style's pages; -1 (reported) when the margins leave
 * less than MIN_FRAME either way or the body has no size. */
int lay_frame(frame *f, const style *st, diag *d);
/* Is page `number` (of its numbering) a left-hand one? Only in two-sided print. */
int lay_left_hand(const style *st, int number);
/* The left edge of the frame on page `number`: mirrored on left-hand pages. */
double lay_frame_left(const style *st, int number);

/* ---- setter.c: text set (fonts, inline content, lines) ---- */
/* The font chain for a role and variant, falling back to upright, regular,
 * then serif; NULL (reported) when none can be opened. */
const font_chain *lay_chain(setter *S, enum font_role role, int bold, int italic);
/* Collect the inline content under n as pieces (appended to pv). */
int lay_inline(setter *S, const node *n, const env *e, piece_vec *pv);
/* A piece of text in e's font for inline element tag (size and colour of e). */
text_piece lay_piece(setter *S, const env *e, const node *tag, const char *text, size_t len);
/* Append a copy of p to pv; -1 (reported) on OOM or when p has no font chain. */
int piece_push(setter *S, piece_vec *pv, const text_piece *p);
/* Set pieces into lines in a measure of width with the given indents. */
int lay_set(setter *S, const text_piece *p, size_t n, double width, double first_indent,
            double rest_indent, int justify, text_line **lines, int *nlines);
/* The same with how's measure, indents, justification, marker hang and
 * unhyphenated line; the breaking rules come from the style. */
int lay_set_para(setter *S, const text_piece *p, size_t n, const para_params *how,
                 text_line **lines, int *nlines);
/* Set the inline content of n in e as how says (its pieces stay in S->pieces). */
int lay_set_inline(setter *S, const node *n, const env *e, const para_params *how,
                   text_line **lines, int *nlines);
/* The baseline of a line of pitch `pitch` and size `size`, below its top. */
double lay_baseline(const style *st, double pitch, double size);

/* ---- slices.c: the slice list ---- */
/* Start a new slice of the given height with the pending space, anchors,
 * group break and quote bars of e; NULL on OOM (reported). */
slice *lay_slice(slice_list *S, const env *e, double height);
/* Append an item to the last slice; NULL (reported) on OOM or without a slice. */
item *lay_item(slice_list *S);
/* An anchor for n at the next slice. */
int lay_anchor_here(slice_list *S, const node *n);
/* Ask for at least s points of space before the next slice. */
void lay_want_space(slice_list *S, double s);
/* The next slice starts group g (a release or part) on a page of its own. */
void lay_start_group(slice_list *S, const node *g);
/* Every slice placed: the list empty for the next group. */
void lay_slices_clear(slice_list *S);
void lay_slices_free(slice_list *S);

/* ---- paginate.c: the page builder ---- */
/* Append an item to the open page, in page coordinates; NULL on OOM (reported). */
item *lay_page_item(pager *P);
/* Append slice s's items (of items) to the open page, moved right by dx and down to top. */
int lay_place_items(pager *P, const item *items, const slice *s, double dx, double top);
/* Record that n starts at y on the open page. */
int lay_record_anchor(pager *P, const node *n, double y);
/* Place every slice of P->in on pages, and empty the list. */
int lay_flush(pager *P);
/* Open a new page (closing the open one); right_hand: in two-sided print a
 * blank left-hand page goes first when needed. */
int lay_page_new(pager *P, int right_hand);
/* Close the open page: its notes' foot done, it goes to the hand-off. */
int lay_page_close(pager *P);
void lay_pager_free(pager *P);

/* ---- notes.c ---- */
/* Lay out ahead, with F, the notes that are children of group (a release). */
int lay_notes_prepare(note_list *N, flow *F, const node *group, const env *body);
/* Is n a note laid out ahead (placed by its citations)? */
int lay_is_prepared_note(const note_list *N, const node *n);
/* The last slice of S cites note. */
int lay_note_ref(slice_list *S, const note_list *N, const node *note);
/* Height the notes first cited by slice i of S need at the open page's foot. */
double lay_notes_need(const note_list *N, const slice_list *S, size_t slice_index);
/* Slice i of S is placed on P's open page: its notes go to the foot, the
 * rest of a long one waits. */
int lay_notes_place(note_list *N, slice_list *S, pager *P, size_t slice_index);
/* A new page: note lines waiting go to its foot first. */
int lay_notes_carry(note_list *N, pager *P);
/* The page closes: the foot's items take their place, the rule, the anchors. */
int lay_notes_close(note_list *N, pager *P);
void lay_notes_free(note_list *N);
/* The short rule above notes set in a column this wide: the style's length,
 * at most its share of the column (the one home of both rules' length). */
double lay_note_rule(const style *st, double column);

/* ---- handoff.c ---- */
/* P's open page was closed: it and the pages before it not handed over yet
 * (blank ones) go to the sink, its items from P->items, its furniture set
 * when it can be; scratch arenas whose pages are all handed over are freed. */
int lay_page_done(handoff *H, const pager *P);
/* A release or part is about to be set and every slice before it is placed
 * (made: the pages of the part so far): what was set so far in *current
 * goes once its pages are handed over, *current is a new arena (streaming). */
int lay_scratch_next(handoff *H, arena **current, size_t made);
/* Free the scratch arenas, the retired ones and *current (streaming): *current
 * is the keep arena again. */
void lay_scratch_free(handoff *H, arena **current);
/* Every page's furniture to the sink, now that every page, its number and
 * the count of body pages are known (P's pages: the whole document, front first). */
int lay_running_heads(handoff *H, const pager *P);

/* ---- running.c ---- */
/* Do the style's running heads show the count of body pages ({pages})? Then
 * they are set once every page is made (lay_running_heads), else as each
 * page closes (lay_page_furniture). */
int lay_running_needs_total(const style *st);
/* The running header and footer of page pg (what it is about: pi) into
 * R->furn, given the count of body pages (unused unless the templates show it). */
int lay_page_furniture(running *R, const page *pg, const page_info *pi, int body_pages);
void lay_running_free(running *R);

/* ---- blocks.c ---- */
/* Lay out n and its following siblings as blocks in e. */
int lay_blocks(flow *F, const node *first, const env *e);
/* Lay out the one block n in e. */
int lay_block(flow *F, const node *n, const env *e);
/* A note (N_NOTE): its number as a label, its blocks in e beside it. */
int lay_note_block(flow *F, const node *n, const env *e);
/* The column footnotes are set in, inside e: the note size, one level deeper. */
env lay_note_env(const style *st, const env *e);

/* ---- lines.c ---- */
enum { ALIGN_START, ALIGN_MIDDLE };

/* How the lines of a text block are set and placed. */
typedef struct line_style {
    double xoff;       /* text starts this far in from e->left */
    int keep_all;      /* every line keeps with the next (headings) */
    int align;         /* ALIGN_START / ALIGN_MIDDLE */
    int background;    /* draw a shaded box behind each line (code) */
    int hang;          /* Korean marker paragraphs hang (R4.2: para_params.hang_marker) */
} line_style;

/* A link area for link from x0 to x1 around a line at baseline y. */
int lay_link_item(slice_list *S, const node *link, double x0, double x1, double y,
                  double size, double rise);
/* Glyph items (and link areas) of one line at baseline y, shifted by x. */
int lay_line_items(flow *F, const text_line *ln, double x, double y);
/* Put the label that waits for a first line (list, note) on a line of its own. */
int lay_flush_label(flow *F, const env *e);
/* One slice per line in e; a paragraph of two lines or more never leaves its
 * first or last line alone on a page. */
int lay_emit_lines(flow *F, const env *e, const text_line *lines, int n, const line_style *ls);
/* Set the inline content of n in e and emit its lines as ls says. */
int lay_text_lines(flow *F, const node *n, const env *e, const line_style *ls);
/* The same, every line kept with the next when keep_all. */
int lay_text_block(flow *F, const node *n, const env *e, int keep_all);

/* ---- table.c ---- */
/* Lay out an N_TABLE in e: one slice per row (bands of lines for rows taller
 * than a page). 0 ok, -1 reported. */
int lay_table(flow *F, const node *table, const env *e);

/* ---- cover.c, contents.c: front matter, laid out after the body ---- */
/* The cover of a bulletin or volume: its own page(s), no running heads. */
int lay_cover(flow *F, pager *P, const node *cover, const env *body);
/* The contents, page numbers from the body's anchors body[0..nbody). */
int lay_contents(flow *F, pager *P, const node *contents, const env *body,
                 const anchor *body_anchors, size_t nbody_anchors, const page *body_pages);
/* An entry with a page number (contents, index) into slices: link's text set
 * ragged in e from indent (wrapped lines a hang further in), dot leaders of
 * glyph dot to label, flush right on its last line; text and label are the
 * Link's content, each line a click target. keep: its last line keeps with
 * what follows; space: asked for above it. 0 ok, -1 reported. */
int lay_leader_entry(flow *F, const node *link, const env *e, double indent, const char *label,
                     const glyph_run *dot, int keep, double space);
/* The first child of n of kind k, or NULL (n NULL: NULL). */
const node *lay_child_of_kind(const node *n, enum node_kind k);
/* One leader dot ('.' at size in body's face, tagged tag), set once per list. NULL: reported. */
const glyph_run *lay_leader_dot(setter *S, const env *body, double size, const node *tag);

/* ---- index.c: the index by department, at the body's end ---- */
/* The index's section (an N_SECT, R_INDEX): its heading, then its entries in
 * the style's columns, on pages of its own (a right-hand one first), page
 * numbers from the anchors of the body laid out so far. Every slice before
 * it is placed. */
int lay_index(flow *F, pager *P, const node *sect, const env *body);

#endif
