/* layout-private.h — shared between the layout module's own .c files only:
 * the layout state, block environments and slices.
 *
 * How layout works: blocks (blocks.c, lines.c, table.c) cut the document
 * into *slices* — one text line, one table row band, one figure, one rule —
 * each with its items in coordinates relative to the slice (x from the
 * frame's left edge, y up from the slice's top, so ≤ 0), a discardable space
 * before it and keep-with-next flags. The paginator (paginate.c) then places
 * the slices of one release on pages in one pass, translating items into
 * page space, opening pages with their running header and footer and
 * recording anchors. Nothing is laid out twice, with one exception decided
 * ahead: a paragraph with a line that ends with an inserted hyphen and could
 * end a page is also set with that line ending otherwise, its slices kept
 * aside (alternate) for the paginator to swap in. */
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
    size_t first_item, nitems;   /* range in lay.sitems (slice-relative coordinates) */
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

typedef struct running_line {    /* cache of set running-head texts */
    const char *text;
    double avail;
    const text_line *line;
} running_line;

enum { RUNNING_CACHE = 8 };

/* A footnote laid out ahead (notes.c): its slices in lay.note_sl. */
typedef struct note_block {
    const node *note;
    size_t first, n;             /* slices note_sl[first .. first + n) */
    int placed;                  /* its first line is on a page (or queued behind one) */
    int anchored;                /* its anchor is recorded */
    int anchor_page;             /* page of its first line */
    double anchor_off;           /* its first line's top below the foot area's top */
} note_block;

typedef struct note_ref {        /* a slice (line) citing a note */
    size_t slice;
    const node *note;
} note_ref;

typedef struct note_carry {      /* note lines waiting for the next page's foot */
    size_t note;                 /* index in lay.notes */
    size_t from;                 /* first line not placed */
} note_carry;

/* A paragraph set again so that a line that may end a page does not end
 * with an inserted hyphen (lines.c): as many lines as the first setting, its
 * slices from the first line that differs kept aside (paginate.c swaps them
 * in when the page would otherwise end before that line). */
typedef struct alternate {
    size_t para;                 /* slice of the paragraph's first line */
    size_t nlines;               /* its lines, in either setting */
    size_t from;                 /* lines [from, nlines) differ: slices para + from … */
    size_t first;                /* … whose stand-ins are alt_sl[first …] */
    size_t refs_at, nrefs;       /* the citations of those lines: refs[refs_at …] … */
    size_t first_ref;            /* … and of the stand-ins: alt_refs[first_ref …] */
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

/* A scratch arena of text set for releases already placed: freed once the
 * pages holding that text are handed to the sink. */
typedef struct retired_arena {
    arena *a;
    size_t upto;                 /* pages made (all parts) when it was retired */
} retired_arena;

typedef struct lay {
    const document *doc;
    const style *st;
    font_registry *fonts;        /* the chains, resolved at start-up: looked up only */
    typesetter *ts;              /* sets every paragraph */
    diag *d;
    arena *a;                    /* where text is set: doc->arena, or (streaming) the
                                    current release's scratch arena */
    arena *keep;                 /* doc->arena: what outlives a release (the running-head
                                    cache, the display) */
    const page_sink *sink;       /* where finished pages go (handoff.c) */
    page_sink collect;           /* layout_document's: pages' items copied into keep */
    int streaming;               /* scratch arenas per release, freed as pages are handed over */
    retired_arena *retired;
    size_t nretired, retired_cap;
    enum page_part making;       /* the part whose pages are being made */
    size_t nsent;                /* pages of `pages` handed to the sink */
    size_t base_pages;           /* pages of the part made before (the body, while the front is) */
    size_t nfront;               /* front pages, once they are put before the body */
    int furniture_later;         /* running heads wait until the count of body pages is known */
    item *furn;                  /* one page's furniture, being built */
    size_t nfurn, furn_cap;
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
    alternate *alts;             /* other settings of paragraphs, in slice order (lines.c) */
    size_t nalts, alts_cap, next_alt;
    slice *alt_sl;               /* their slices (items in sitems) */
    size_t nalt_sl, alt_sl_cap;
    note_ref *alt_refs;          /* their citations (slice: where they would stand) */
    size_t nalt_refs, alt_refs_cap;
    double pending_space;        /* taken by the next slice as space_before */
    int pending_group;           /* the next slice starts a release/part */
    const node *pending_group_node;
    int continue_group;          /* the next group shares its page (a part's first release) */
    const text_line *label;      /* list / note label waiting for its first line */
    double label_x, label_size;

    /* pages being built (heap until the end; items copied into the arena) */
    page *pages;
    page_info *pinfo;            /* parallel to pages */
    size_t npages, pages_cap, pinfo_cap;
    enum page_numbering numbering;   /* of the pages being made */
    int bare_pages;              /* pages being made carry no running heads (the cover) */
    item *pitems;                /* items of the open page */
    size_t npitems, pitems_cap;
    int page_open, page_has_content;
    double cursor;               /* top of the free space on the open page */
    double frame_left;           /* of the open page */
    const node *release;         /* running heads: the release being set */
    const node *part;            /* ... the weekly bulletin being set */
    const node *section;         /* ... the front-matter section being set */
    anchor *anchors;
    size_t nanchors, anchors_cap;
    running_line running[RUNNING_CACHE];
    int running_next;

    /* footnotes of the release being set (notes.c) */
    note_block *notes;
    size_t nnotes, notes_cap;
    slice *note_sl;              /* their slices, and their items (heap) */
    size_t nnote_sl, note_sl_cap;
    item *note_it;
    size_t nnote_it, note_it_cap;
    note_ref *refs;              /* citations, in slice order */
    size_t nrefs, refs_cap, next_ref;
    note_carry *carry;
    size_t ncarry, carry_cap;
    double foot;                 /* height the open page's notes take at its foot */
    size_t *foot_idx;            /* their items in pitems (y from the foot's top) */
    size_t nfoot_idx, foot_idx_cap;

    piece_vec pieces;            /* scratch for one paragraph */
} lay;

/* ---- paginate.c ---- */
/* Start a new slice of the given height with the pending space, anchors,
 * group break and quote bars of e; NULL on OOM (reported). */
slice *lay_slice(lay *L, const env *e, double height);
/* Append an item to the open page, in page coordinates; NULL on OOM (reported). */
item *lay_page_item(lay *L);
/* Append slice s's items to the open page, moved right by dx and down to top. */
int lay_place_items(lay *L, const slice *s, double dx, double top);
/* Append an item to the last slice; NULL on OOM (reported). */
item *lay_item(lay *L);
/* An anchor for n at the next slice. */
int lay_anchor_here(lay *L, const node *n);
/* Ask for at least s points of space before the next slice. */
void lay_want_space(lay *L, double s);
/* Place every pending slice on pages. */
int lay_flush(lay *L);
/* Is page `number` (of its numbering) a left-hand one? Only in two-sided print. */
int lay_left_hand(const style *st, int number);
/* Open a new page (closing the open one); right_hand: in two-sided print a
 * blank left-hand page goes first when needed. */
int lay_page_new(lay *L, int right_hand);
/* Close the open page: its items move into the arena. */
int lay_page_close(lay *L);
/* Lay out a release or part: it starts a new (right-hand) page. */
int lay_group(lay *L, const node *g, const env *body);
/* Report an out-of-memory error. Returns -1. */
int lay_oom(lay *L, const node *at);

/* Record that n starts at y on the open page. */
int lay_record_anchor(lay *L, const node *n, double y);

/* ---- notes.c ---- */
/* Lay out ahead the notes that are children of group (a release). */
int lay_notes_prepare(lay *L, const node *group, const env *body);
/* Is n a note laid out ahead (placed by its citations)? */
int lay_is_prepared_note(lay *L, const node *n);
/* The last slice cites note. */
int lay_note_ref(lay *L, const node *note);
/* Height the notes first cited by slice i need at the open page's foot. */
double lay_notes_need(lay *L, size_t slice_index);
/* Slice i is placed: its notes go to the foot, the rest of a long one waits. */
int lay_notes_place(lay *L, size_t slice_index);
/* A new page: note lines waiting go to its foot first. */
int lay_notes_carry(lay *L);
/* The page closes: the foot's items take their place, the rule, the anchors. */
int lay_notes_close(lay *L);
void lay_notes_free(lay *L);
/* The short rule above notes set in a column this wide: the style's length,
 * at most its share of the column (the one home of both rules' length). */
double lay_note_rule(const style *st, double column);

/* ---- handoff.c ---- */
/* The open page was closed: it and the pages before it not handed over yet
 * (blank ones) go to the sink, its items from pitems, its furniture set when
 * it can be; scratch arenas whose pages are all handed over are freed. */
int lay_page_done(lay *L);
/* A release or part is about to be set and every slice before it is placed:
 * what was set so far goes once its pages are handed over (streaming). */
int lay_scratch_next(lay *L);
/* Free the scratch arenas, the retired ones and the current one (streaming). */
void lay_scratch_free(lay *L);

/* ---- running.c ---- */
/* Do the style's running heads show the count of body pages ({pages})? Then
 * they are set once every page is made (lay_running_heads), else as each
 * page closes (lay_page_furniture). */
int lay_running_needs_total(const style *st);
/* The running header and footer of page i of `pages` into L->furn, given the
 * count of body pages (unused unless the templates show it). */
int lay_page_furniture(lay *L, size_t i, int body_pages);
/* Every page's furniture to the sink, now that every page, its number and
 * the count of body pages are known (pages: the whole document, front first). */
int lay_running_heads(lay *L);

/* ---- cover.c, contents.c: front matter, laid out after the body ---- */
/* The cover of a bulletin or volume: its own page(s), no running heads. */
int lay_cover(lay *L, const node *cover, const env *body);
/* The contents, page numbers from the body's anchors body[0..nbody). */
int lay_contents(lay *L, const node *contents, const env *body, const anchor *body_anchors,
                 size_t nbody_anchors, const page *body_pages);
/* An entry with a page number (contents, index) into slices: link's text set
 * ragged in e from indent (wrapped lines a hang further in), dot leaders of
 * glyph dot to label, flush right on its last line; text and label are the
 * Link's content, each line a click target. keep: its last line keeps with
 * what follows; space: asked for above it. 0 ok, -1 reported. */
int lay_leader_entry(lay *L, const node *link, const env *e, double indent, const char *label,
                     const glyph_run *dot, int keep, double space);
/* The first child of n of kind k, or NULL (n NULL: NULL). */
const node *lay_child_of_kind(const node *n, enum node_kind k);
/* One leader dot ('.' at size in body's face, tagged tag), set once per list. NULL: reported. */
const glyph_run *lay_leader_dot(lay *L, const env *body, double size, const node *tag);

/* ---- index.c: the index by department, at the body's end ---- */
/* The index's section (an N_SECT, R_INDEX): its heading, then its entries in
 * the style's columns, on pages of its own (a right-hand one first), page
 * numbers from the anchors of the body laid out so far. */
int lay_index(lay *L, const node *sect, const env *body);

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
/* A note (N_NOTE): its number as a label, its blocks in e beside it. */
int lay_note_block(lay *L, const node *n, const env *e);
/* The column footnotes are set in, inside e: the note size, one level deeper. */
env lay_note_env(const lay *L, const env *e);
/* A piece of text in e's font for inline element tag (size and colour of e). */
text_piece lay_piece(lay *L, const env *e, const node *tag, const char *text, size_t len);
/* Append a copy of p to pv; -1 (reported) on OOM or when p has no font chain. */
int piece_push(lay *L, piece_vec *pv, const text_piece *p);

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

/* Set pieces into lines in column e with the given indents. */
int lay_set(lay *L, const text_piece *p, size_t n, double width, double first_indent,
            double rest_indent, int justify, text_line **lines, int *nlines);
/* The same with how's measure, indents, justification, marker hang and
 * unhyphenated line; the breaking rules come from the style. */
int lay_set_para(lay *L, const text_piece *p, size_t n, const para_params *how,
                 text_line **lines, int *nlines);
/* Set the inline content of n in e as how says (its pieces stay in L->pieces). */
int lay_set_inline(lay *L, const node *n, const env *e, const para_params *how,
                   text_line **lines, int *nlines);
/* The baseline of a line of pitch `pitch` and size `size`, below its top. */
double lay_baseline(const lay *L, double pitch, double size);
/* A link area for link from x0 to x1 around a line at baseline y. */
int lay_link_item(lay *L, const node *link, double x0, double x1, double y, double size,
                  double rise);
/* Glyph items (and link areas) of one line at baseline y, shifted by x. */
int lay_line_items(lay *L, const text_line *ln, double x, double y);
/* Put the label that waits for a first line (list, note) on a line of its own. */
int lay_flush_label(lay *L, const env *e);
/* One slice per line in e; a paragraph of two lines or more never leaves its
 * first or last line alone on a page. */
int lay_emit_lines(lay *L, const env *e, const text_line *lines, int n, const line_style *ls);
/* Set the inline content of n in e and emit its lines as ls says. */
int lay_text_lines(lay *L, const node *n, const env *e, const line_style *ls);
/* The same, every line kept with the next when keep_all. */
int lay_text_block(lay *L, const node *n, const env *e, int keep_all);

/* ---- table.c ---- */
/* Lay out an N_TABLE in e: one slice per row (bands of lines for rows taller
 * than a page). 0 ok, -1 reported. */
int lay_table(lay *L, const node *table, const env *e);

#endif
