/* text-private.h — private to src/text: the parts the text module is made
 * of and the functions its files share. Nothing outside src/text includes
 * this; the contract with other modules is text.h.
 *
 * The parts, each with one owner:
 *   font_registry   fonts.c: FreeType, fontconfig, faces (face.c), chains
 *   typesetter      paragraph.c: the parts below, and the statistics watch
 *     shaper        shape.c: HarfBuzz's buffer, the word cache, its key
 *     hyphenator    hyphen.c: the English patterns
 *     paragraph     the paragraph being set: its shaped text (para_text,
 *                   filled by shape.c, read by every later step) and the
 *                   scratch arrays of the steps after, each owned by the file
 *                   named beside it
 *
 * The files:
 *   fonts.c       the font registry: start-up, font sets, chains, fontconfig
 *   fcwatch.c     what fontconfig says at start-up; its configuration loaded
 *   face.c        one face: opened, checked, made immutable; its facts (text.h)
 *   shape.c       pieces → chars, faces, glyphs and widths (para_text)
 *   breaks.c      break opportunities (UAX #14 tailored for Korean), markers
 *   hyphen.c      English hyphenation points
 *   paragraph.c   the typesetter; items (boxes, glue, penalties), hangs,
 *                 lines into glyph runs (offsets, the space of a hard break)
 *   window.c      paragraph_set: a long paragraph set in windows of its text
 *   linebreak.c   where lines end: first fit and total fit
 *   linemodel.c   what a line holds and costs; justification */
#ifndef BULLETIN_TEXT_PRIVATE_H
#define BULLETIN_TEXT_PRIVATE_H

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include <freetype/freetype.h>
#include "text.h"

/* ---- the font registry (fonts.c) ---------------------------------------- */

/* A face. Everything here is written while start-up opens it, on one
 * thread, and only read after — by layout and, with -j 2 or more, by the
 * PDF writer's thread at the same time — except serial, written once when
 * a chain holding it is first looked up, before any run of it exists. Its
 * HarfBuzz objects are immutable from the start; FreeType only reads its
 * facts while it opens (no FT_Face outlives that). */
struct face {
    char *file;
    int index;               /* face index in a .ttc */
    int id;                  /* opening order: the shaping cache's key */
    int serial;              /* see face_serial (text.h); -1 until used */
    hb_blob_t *blob;
    hb_face_t *hb_face;
    hb_font_t *hb_font;      /* scale = upem */
    char *psname;            /* NULL until serial is given, when the font has none */
    int upem;
    int cff;
    int hangul;              /* covers U+AC00: a Korean face */
    face_metrics metrics;
};

struct font_chain {
    char *spec;
    int bold, italic;
    face **faces;
    int nfaces;
    int failed;              /* its font set file is bad (reported at start-up) */
    int used;                /* looked up: its faces have serials; an empty one reported */
};

struct font_registry {
    FT_Library ft;           /* start-up only: NULL once sealed */
    FcConfig *fc;            /* start-up only: NULL once sealed */
    char *fonts_dir;
    face **faces;
    size_t nfaces, faces_cap;
    font_chain **chains;
    size_t nchains, chains_cap;
    int next_serial;
    strmap *families;        /* start-up only: "bold italic family" → its face, or the
                                registry itself when none (fonts.c: find_family) */
    FILE *fc_said;           /* start-up only: where fontconfig's stderr goes while it
                                works (fcwatch.c: fc_listen, fc_heard) */
    int stderr_fd;           /* the real stderr meanwhile; -1 when not listening */
    char fc_text[4096];      /* what it said, the last time (fcwatch.c) */
};

/* ---- fcwatch.c ---------------------------------------------------------- */

/* fontconfig's stderr to r's file until fc_heard: 0, or -1 reported. */
int fc_listen(font_registry *r, diag *d);
/* stderr back; what fontconfig said kept for fc_pass_on and judged: nothing
 * or warnings 0, out of memory -1 (reported), an error 1. */
int fc_heard(font_registry *r, diag *d);
/* What fontconfig said, passed on to stderr as it said it. */
void fc_pass_on(const font_registry *r);
/* fontconfig's configuration into r->fc (loaded again once when it fails:
 * one that loads then failed for want of memory): 0, or -1 reported. */
int fc_load_config(font_registry *r, diag *d);

/* ---- face.c ------------------------------------------------------------- */

/* Open face (file, index), the id-th opened, into *out: 0 with *out,
 * or with *out NULL when it cannot be used (said with -v); -1 reported (out
 * of memory). */
int face_open(FT_Library ft, const char *file, int index, int id, face **out, diag *d);
void face_free(face *f);
/* f is used from now on — its serial (face_serial), and a PostScript
 * name when it has none of its own. 0, or -1 reported (out of memory). */
int face_use(face *f, int serial, diag *d);

/* ---- the paragraph being set -------------------------------------------- */

/* One code point of a paragraph being set. */
enum {
    TC_SPACE = 1,            /* a word space (U+0020, U+3000) */
    TC_HARD = 2,             /* a hard line break: ends the line, read as a space */
    TC_CLUSTER = 4,          /* starts a glyph cluster (has glyphs) */
    TC_KOREAN = 8,           /* from a Korean-language piece */
    TC_HANGUL = 16,          /* a Hangul syllable or jamo */
    TC_GLUE = 32,            /* a word space that is glue (stretchable, breakable) */
    TC_URL = 64,             /* from a piece that is a URL or e-mail address */
    TC_NOHYPH = 128,         /* from a piece never hyphenated (code) */
    TC_MARKER = 256,         /* a lead marker and its space, whose text the lines after hang
                                under (R4.2): kept at their width when justifying */
};

/* Break class of the position after a character (breaks.c). */
enum {
    BRK_NONE = 0,
    BRK_ALLOW,               /* a normal opportunity */
    BRK_HARD,                /* mandatory (after a hard break) */
    BRK_SOFT_HYPHEN,         /* after U+00AD in a Latin word: drawn with a hyphen */
    BRK_HYPHEN,              /* a hyphenation point (hyphen.c): drawn with a hyphen */
    BRK_EMERGENCY1,          /* R1.7.1: tailored UAX #14 inside an eojeol */
    BRK_EMERGENCY2,          /* R1.7.2: between two Hangul syllables */
    BRK_EMERGENCY3,          /* R7.2: any cluster boundary of a word wider than the line */
};

/* Is a break of class brk drawn with a hyphen we insert? */
static inline int brk_drawn_hyphen(int brk)
{
    return brk == BRK_SOFT_HYPHEN || brk == BRK_HYPHEN;
}

typedef struct tchar {
    uint32_t cp;
    int piece;
    uint32_t off;            /* byte offset in the piece's text */
    uint8_t len;             /* bytes of UTF-8 */
    uint8_t brk;             /* BRK_* for the position after this char */
    uint16_t flags;          /* TC_* */
    const face *face;        /* NULL: not drawn (uncovered, control, hard break) */
    uint32_t glyph;          /* first glyph of its cluster when TC_CLUSTER */
} tchar;

typedef struct tglyph {
    uint32_t gid;
    int32_t adv;             /* font units */
    int32_t dx, dy;          /* where HarfBuzz moves it from its pen position (GPOS: a
                                mark over its base), font units */
    uint32_t ch;             /* char index of its cluster's start */
} tglyph;

/* The shaped text of the paragraph being set: shape.c fills it, every later
 * step reads it (breaks.c, hyphen.c and paragraph.c also mark chars). */
typedef struct para_text {
    tchar *chars;
    size_t nchars, chars_cap;
    tglyph *glyphs;
    size_t nglyphs, glyphs_cap;
    double *cumw;            /* nchars+1: width in points before char i */
    size_t cumw_cap;
} para_text;

/* The paragraph as boxes (unbreakable text), glue (breakable word spaces)
 * and penalties (break opportunities with their class), built by paragraph.c.
 * A glue item is always followed by the penalty that breaks it. (Not the
 * display list's items: display.h.) */
enum para_item_kind { PI_BOX, PI_GLUE, PI_PENALTY };

typedef struct para_item {
    enum para_item_kind kind;
    int brk;                 /* PI_PENALTY: BRK_* class */
    size_t a, b;             /* chars [a, b) (a penalty: b = a = the position) */
    double width;            /* points; a penalty: of the hyphen drawn when broken there */
} para_item;

/* One line as the breakers choose it. */
typedef struct line_span {
    size_t a, b;             /* chars [a, b) */
    size_t vis_end;          /* chars before this are visible (no trailing glue) */
    double width;            /* natural visible width, an inserted hyphen included */
    double indent, avail;
    int last, overfull;
    int brk;                 /* BRK_* class of the break that ends it */
    int hyphen;              /* ends in an inserted hyphen */
} line_span;

typedef struct kp_node kp_node;     /* linebreak.c: a feasible break */
typedef struct run_span run_span;   /* paragraph.c: a run of the line being cut */
typedef struct line_model line_model;   /* linemodel.c, below */

/* What breaks.c hands libunibreak and what it answers, per char. */
typedef struct uax14_scratch {
    uint32_t *cps;           /* the code points as UAX #14 is to see them (R1.3) */
    size_t cps_cap;
    char *lb;                /* libunibreak's answer */
    size_t lb_cap;
} uax14_scratch;

/* The paragraph being set: its shaped text and the scratch arrays of the
 * steps after shaping, each named with the file that fills it. */
typedef struct paragraph {
    para_text t;
    uax14_scratch uax14;     /* breaks.c */
    para_item *items;        /* paragraph.c: boxes, glue, penalties */
    size_t items_cap;
    double *hang;            /* paragraph.c: nchars+1, the hang (R4.2) of a line starting at
                                char i, when `hanging` */
    size_t hang_cap;
    int hanging;             /* the paragraph being set has a marker that hangs */
    run_span *runs;          /* paragraph.c: runs of the line being cut */
    size_t runs_cap;
    double *cumspace;        /* linemodel.c: nchars+1, width of glue before char i */
    size_t cumspace_cap;
    uint32_t *cumgap;        /* linemodel.c: nchars+1, syllable gaps after chars before i */
    size_t cumgap_cap;
    int widths_grow;         /* linemodel.c: no glyph has a negative advance: a line that
                                starts later and ends at the same place is no wider */
    line_span *spans;        /* linebreak.c: lines found */
    size_t spans_cap;
    line_span *spans_ff;     /* linebreak.c: first fit's, to compare with */
    size_t spans_ff_cap;
    kp_node *nodes;          /* linebreak.c: breaks of the total-fit pass */
    size_t nodes_cap;
} paragraph;

/* ---- the shaper (shape.c) and the hyphenator (hyphen.c) ------------------ */

typedef struct cache_entry cache_entry;

typedef struct word_cache {
    cache_entry **slots;     /* open addressing, power-of-two size */
    size_t nslots, used;
    size_t hits, misses;
} word_cache;

typedef struct plan_seen plan_seen;   /* shape.c */

typedef struct shaper {
    hb_buffer_t *buf;        /* one buffer, reused for every word */
    word_cache cache;
    cache_entry *uncached;   /* the last text shaped too long to cache (shape.c) */
    char *key;               /* cache key being built */
    size_t key_cap;
    plan_seen *plans;        /* the shape plans checked whole (shape.c) */
    size_t nplans, plans_cap;
    uint32_t *scripts;       /* per char of the paragraph: its resolved script */
    size_t scripts_cap;
    strmap *warned;          /* "no font has" warnings given: "line:col:cp:file" */
} shaper;

typedef struct hyphenator {
    void *dict;              /* the English patterns (HyphenDict), loaded when first needed */
    int tried;               /* loading was tried (a missing file is warned about once) */
    char *word;              /* scratch for one word and its points */
    size_t word_cap;
} hyphenator;

struct typesetter {
    shaper shaper;
    hyphenator hyph;
    paragraph para;
    break_stats *watch;      /* where figures are counted (typesetter_watch); NULL: nowhere */
};

/* ---- shape.c ------------------------------------------------------------- */

/* Do shape plans a and b apply the same lookups of GSUB and GPOS? 0 also
 * when memory ran out comparing them. */
int text_same_lookups(hb_shape_plan_t *a, hb_shape_plan_t *b);

/* 0 ok, -1 reported (out of memory). */
int shaper_init(shaper *sh, diag *d);
void shaper_free(shaper *sh);
/* Decode, itemise and shape pieces into t. 0 ok, -1 reported (out of
 * memory, a piece without a chain). */
int text_shape_pieces(shaper *sh, para_text *t, const text_piece *pieces, int npieces, diag *d);

/* ---- breaks.c ------------------------------------------------------------ */

/* Fill chars[i].brk for the shaped paragraph. 0 ok, -1 reported (OOM). */
int text_find_breaks(para_text *t, uax14_scratch *s, int syllable_break, diag *d);
/* R4.2: when the line from char `at` (the paragraph's start or just after a
 * hard break) opens with a lead marker and a space in Korean text, the first
 * char of the text after them; else `at`. */
size_t text_marker_text(const para_text *t, size_t at);
void uax14_scratch_free(uax14_scratch *s);

/* ---- hyphen.c ------------------------------------------------------------ */

/* Mark hyphenation points (BRK_HYPHEN) in the English words of the shaped
 * paragraph. Returns how many, or -1 reported (out of memory). */
int text_hyphenate(hyphenator *h, para_text *t, const text_piece *pieces, const break_params *bp,
                   diag *d);
/* The hyphen glyph of face f and its advance in font units; -1 when it has none. */
int text_hyphen_glyph(const face *f, uint32_t *gid, int32_t *adv);
void hyphenator_free(hyphenator *h);

/* ---- paragraph.c ----------------------------------------------------------- */

/* paragraph_measure (text.h) over pieces at once: what window.c measures a
 * window's text with. */
int text_measure_window(typesetter *ts, const text_piece *pieces, int npieces,
                        double *min_width, double *max_width, diag *d);

/* A paragraph too long to set at once is set in windows of its text
 * (window.c), each broken as a paragraph of its own; every line of a window
 * but its last is kept, and the next window starts where that line did. What
 * one window hands the next: */
typedef struct para_window {
    int first;               /* in: the paragraph's first window (its first line is line
                                0, where a lead marker may open) */
    int final;               /* in: the paragraph's last window: every line is kept */
    double hang;             /* in: the hang (R4.2) in force where the window starts */
    int after_hyphen;        /* in: the line before ended with an inserted hyphen */
    size_t kept;             /* out: lines kept */
    size_t next;             /* out: the char where the line left starts ((size_t)-1: none) */
    double next_hang;        /* out: the hang in force there */
    int next_after_hyphen;   /* out: the last kept line ended with an inserted hyphen */
} para_window;

/* Set pieces as one window into *lines (in arena a, *nlines of them): the
 * whole paragraph when win is first and final. 0, or -1 reported. */
int text_set_window(typesetter *ts, arena *a, const text_piece *pieces, int npieces,
                    const para_params *pp, para_window *win, text_line **lines, int *nlines,
                    diag *d);

/* The boxes, glue and penalties of the shaped paragraph into p->items.
 * Words wider than `narrowest` points get last-resort breaks inside
 * (HUGE_VAL: none, as for measuring). 0 ok, -1 OOM (not reported). */
int text_build_items(paragraph *p, const text_piece *pieces, double narrowest, size_t *nitems);

/* ---- linebreak.c --------------------------------------------------------- */

/* Choose the lines of the paragraph whose items are built into p->spans,
 * first fit or total fit as pp->breaking says (hyphenating with h and
 * rebuilding the items when a pass needs it), counted into watch (may be
 * NULL); *model: the model of the pass that chose them, which justifies
 * them. 0 ok, -1 reported (out of memory). */
int text_break_lines(paragraph *p, hyphenator *h, const text_piece *pieces, const para_params *pp,
                     double narrowest, size_t *nitems, size_t *nlines, line_model *model,
                     break_stats *watch, diag *d);

/* ---- linemodel.c: the line model of the breakers and justification ---- */

enum { FIT_TIGHT, FIT_DECENT, FIT_LOOSE, FIT_VERY_LOOSE, FIT_CLASSES };   /* fitness classes */
#define TEXT_INF_BAD 10000.0   /* TeX's "infinitely bad" badness */
/* Points (and ratios) closer than this are equal: what widths summed in a
 * different order may differ by. */
#define TEXT_EPS 1e-6
/* Points a line set first fit may reach past the measure and not be overfull
 * (reported): a hundredth of a point, less than any printer shows. */
#define TEXT_OVERFULL_SLACK 0.01

/* The line model of one paragraph. */
struct line_model {
    const break_params *bp;
    int justify;
    double gap_open;         /* points a syllable gap opens at most */
    double gap_close;        /* points a syllable gap closes at most */
    double glyph_scale;      /* share glyphs may widen or narrow by: glyph_scale, or
                                emergency_glyph_scale in the pass that allows it */
    double ragged;           /* points of end-of-line stretch, unjustified */
};

/* What a line holds, for the model. */
typedef struct line_shape {
    double natural;          /* visible width, an inserted hyphen included */
    double spaces;           /* width of the word spaces that stretch and shrink */
    double gaps;             /* syllable gaps that may open */
    int last;                /* ends the paragraph or a hard break */
    double fixed;            /* width of a hanging marker and its space (TC_MARKER): not scaled */
} line_shape;

/* What breaking at a penalty costs. */
typedef struct break_cost {
    double penalty;
    int flagged;             /* a hyphen ends the line (inserted or written) */
    int inserted;            /* the hyphen is drawn by us */
    int forced;              /* a hard break or the paragraph's end */
} break_cost;

/* Where a line starts (points from the measure's start edge): the first or
 * the rest indent of pp, and the hang of a marker paragraph (R4.2). */
static inline double text_line_indent(const paragraph *p, const para_params *pp, int line,
                                      size_t start)
{
    return (line == 0 ? pp->first_indent : pp->rest_indent) + (p->hanging ? p->hang[start] : 0);
}

/* The model for the paragraph shaped in t, set with pp; *em: its largest size. */
line_model text_line_model(const para_text *t, const text_piece *pieces, const para_params *pp,
                           double *em);
/* Prefix sums over the shaped chars for the model: glue width (cumspace) and
 * syllable gaps (cumgap) before each char. 0 ok, -1 OOM (not reported). */
int text_line_sums(paragraph *p);
/* What chars [a, vis_end) hold, with an inserted hyphen of width `hyphen`. */
line_shape text_line_shape(const paragraph *p, size_t a, size_t vis_end, double hyphen, int last);
/* The adjustment ratio of a line that must fill avail (extra: emergency
 * stretch, points); *overfull when it cannot shrink enough. */
double text_line_ratio(const line_model *m, const line_shape *s, double avail, double extra,
                       int *overfull);
/* Would the line's word spaces widen past space_limit (or not fill it at all)? */
int text_line_too_loose(const line_model *m, const line_shape *s, double avail);
/* TeX's badness of ratio r, 100 |r|^3, capped at TEXT_INF_BAD unless uncapped. */
double text_badness(double r, int uncapped);
int text_fitness(double r);
/* What breaking at position pos (after a penalty of class brk) costs. */
break_cost text_break_cost(const para_text *t, const break_params *bp, int brk, size_t pos);
/* TeX's demerits of a line of badness b ending at a break of cost c. */
double text_demerits(const break_params *bp, double b, const break_cost *c, int prev_flagged,
                     int fit, int prev_fit);
/* The demerits of lines chosen, counted as a pass with emergency stretch
 * extra and the given badness counts them. */
double text_lines_demerits(const paragraph *p, const line_model *m, const line_span *ls,
                           size_t nl, double extra, int uncapped);

/* How a justified line spreads its slack — a share of each word space's
 * width added (negative: taken away), points added to each gap between
 * Hangul syllables, and a share by which the glyphs widen. */
typedef struct stretch {
    double space;            /* factor of each space glyph's advance */
    double gap;              /* points per syllable gap */
    double scale;            /* factor of every other glyph's advance (and width) */
    double added;            /* points the line grows by (negative: shrinks) */
} stretch;
/* m: the model the line was chosen with (text_break_lines). */
stretch text_justify(const paragraph *p, const line_model *m, const line_span *l);
/* Is there a stretchable Hangul–Hangul gap after char i (before vis_end)? */
int text_syllable_gap_after(const tchar *ch, size_t i, size_t vis_end);

#endif
