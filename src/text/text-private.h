/* text-private.h — private to src/text: the structures that fonts.c, shape.c,
 * breaks.c, hyphen.c, paragraph.c and linebreak.c share. Nothing outside src/text includes this;
 * the contract with other modules is text.h. */
#ifndef BULLETIN_TEXT_PRIVATE_H
#define BULLETIN_TEXT_PRIVATE_H

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include <freetype/freetype.h>
#include "text.h"

struct face {
    char *file;
    int index;               /* face index in a .ttc */
    int serial;              /* opening order */
    hb_blob_t *blob;
    hb_face_t *hb_face;
    hb_font_t *hb_font;      /* scale = upem */
    char *psname;
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
};

/* One code point of a paragraph being set. */
enum {
    TC_SPACE = 1,            /* a word space (U+0020, U+3000) */
    TC_HARD = 2,             /* a hard line break: not drawn, ends the line */
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
    uint32_t ch;             /* char index of its cluster's start */
} tglyph;

typedef struct cache_entry cache_entry;

/* The paragraph as boxes (unbreakable text), glue (breakable word spaces)
 * and penalties (break opportunities with their class), built by paragraph.c.
 * A glue item is always followed by the penalty that breaks it. */
enum item_kind { IT_BOX, IT_GLUE, IT_PENALTY };

typedef struct para_item {
    enum item_kind kind;
    int brk;                 /* IT_PENALTY: BRK_* class */
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

typedef struct kp_node kp_node;   /* linebreak.c: a feasible break */
typedef struct line_model line_model;   /* linemodel.c, below */

typedef struct word_cache {
    cache_entry **slots;     /* open addressing, power-of-two size */
    size_t nslots, used;
    size_t hits, misses;
} word_cache;


struct fontset {
    FT_Library ft;
    FcConfig *fc;
    char *fonts_dir;
    face **faces;
    size_t nfaces, faces_cap;
    font_chain **chains;
    size_t nchains, chains_cap;
    hb_buffer_t *hb_buf;     /* one buffer, reused for every word */
    word_cache cache;
    strmap *warned;          /* "no font has" warnings given: "file:line:col:cp" */
    /* scratch for the paragraph being set, reused */
    tchar *chars;
    size_t nchars, chars_cap;
    tglyph *glyphs;
    size_t nglyphs, glyphs_cap;
    double *cumw;            /* nchars+1: width in points before char i */
    size_t cumw_cap;
    uint32_t *u32;
    size_t u32_cap;
    char *lb;
    size_t lb_cap;
    char *key;               /* cache key being built */
    size_t key_cap;
    para_item *items;        /* paragraph.c: boxes, glue, penalties */
    size_t items_cap;
    line_span *spans;        /* linebreak.c: lines found */
    size_t spans_cap;
    line_span *spans_ff;     /* linebreak.c: first fit's, to compare with */
    size_t spans_ff_cap;
    struct run_span *runs;   /* paragraph.c: runs of the line being built */
    size_t runs_cap;
    double *cumspace;        /* linebreak.c: nchars+1, width of glue before char i */
    size_t cumspace_cap;
    uint32_t *cumgap;        /* linebreak.c: nchars+1, syllable gaps after chars before i */
    size_t cumgap_cap;
    kp_node *nodes;          /* linebreak.c: breaks of the total-fit pass */
    size_t nodes_cap;
    void *hyph_en;           /* hyphen.c: the English patterns (HyphenDict), loaded once */
    int hyph_tried;          /* loading was tried (a missing file is warned about once) */
    char *hyph_word;         /* hyphen.c: scratch for one word and its points */
    size_t hyph_word_cap;
    double *hang;            /* paragraph.c: nchars+1, the hang (R4.2) of a line starting at
                                char i, when `hanging` */
    size_t hang_cap;
    int hanging;             /* the paragraph being set has a marker that hangs */
    break_stats stats;       /* linebreak.c: figures for tests and make bench */
    int compare_breakers;
};

/* shape.c: decode, itemise and shape pieces into fs->chars / fs->glyphs /
 * fs->cumw. 0 ok, -1 on OOM or bad input (reported). */
int text_shape_pieces(fontset *fs, const text_piece *pieces, int npieces, diag *d);
void word_cache_free(word_cache *c);

/* breaks.c: fill chars[i].brk for the shaped paragraph. 0 ok, -1 OOM. */
int text_find_breaks(fontset *fs, int syllable_break);
/* breaks.c, R4.2: when the line from char `at` (the paragraph's start or just
 * after a hard break) opens with a lead marker and a space in Korean text,
 * the first char of the text after them; else `at`. */
size_t text_marker_text(const fontset *fs, size_t at);

/* hyphen.c: mark hyphenation points (BRK_HYPHEN) in the English words of the
 * shaped paragraph. Returns how many, or -1 on OOM (reported). */
int text_hyphenate(fontset *fs, const text_piece *pieces, const break_params *bp, diag *d);
/* The hyphen glyph of face f and its advance in font units; -1 when it has none. */
int text_hyphen_glyph(const face *f, uint32_t *gid, int32_t *adv);
void text_hyphen_free(fontset *fs);

/* paragraph.c: the boxes, glue and penalties of the shaped paragraph into
 * fs->items. Words wider than `narrowest` points get last-resort breaks
 * inside (HUGE_VAL: none, as for measuring). 0 ok, -1 OOM. */
int text_build_items(fontset *fs, const text_piece *pieces, double narrowest, size_t *nitems);

/* ---- linebreak.c --------------------------------------------------------- */

/* Choose the lines of the paragraph whose items are built into
 * fs->spans, first fit or total fit as pp->breaking says (hyphenating and
 * rebuilding the items when a pass needs it); *model: the model of the pass
 * that chose them, which justifies them. 0 ok, -1 on OOM (reported). */
int text_break_lines(fontset *fs, const text_piece *pieces, const para_params *pp,
                     double narrowest, size_t *nitems, size_t *nlines, line_model *model,
                     diag *d);

/* ---- linemodel.c: the line model of the breakers and justification ---- */

enum { FIT_TIGHT, FIT_DECENT, FIT_LOOSE, FIT_VERY_LOOSE, FIT_CLASSES };   /* fitness classes */
#define TEXT_INF_BAD 10000.0   /* TeX's "infinitely bad" badness */

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
static inline double text_line_indent(const fontset *fs, const para_params *pp, int line,
                                      size_t start)
{
    return (line == 0 ? pp->first_indent : pp->rest_indent) + (fs->hanging ? fs->hang[start] : 0);
}

/* The model for the paragraph shaped in fs, set with pp; *em: its largest size. */
line_model text_line_model(const fontset *fs, const text_piece *pieces, const para_params *pp,
                           double *em);
/* Prefix sums over the shaped chars for the model: glue width (cumspace) and
 * syllable gaps (cumgap) before each char. 0 ok, -1 OOM. */
int text_line_sums(fontset *fs);
/* What chars [a, vis_end) hold, with an inserted hyphen of width `hyphen`. */
line_shape text_line_shape(const fontset *fs, size_t a, size_t vis_end, double hyphen, int last);
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
break_cost text_break_cost(const fontset *fs, const break_params *bp, int brk, size_t pos);
/* TeX's demerits of a line of badness b ending at a break of cost c. */
double text_demerits(const break_params *bp, double b, const break_cost *c, int prev_flagged,
                     int fit, int prev_fit);
/* The demerits of lines chosen, counted as a pass with emergency stretch
 * extra and the given badness counts them. */
double text_lines_demerits(const fontset *fs, const line_model *m, const line_span *ls,
                           size_t nl, double extra, int uncapped);

/* linemodel.c: how a justified line spreads its slack — a share of each
 * word space's width added (negative: taken away), points added to each gap
 * between Hangul syllables, and a share by which the glyphs widen. */
typedef struct stretch {
    double space;            /* factor of each space glyph's advance */
    double gap;              /* points per syllable gap */
    double scale;            /* factor of every other glyph's advance (and width) */
    double added;            /* points the line grows by (negative: shrinks) */
} stretch;
/* m: the model the line was chosen with (text_break_lines). */
stretch text_justify(const fontset *fs, const line_model *m, const line_span *l);
/* Is there a stretchable Hangul–Hangul gap after char i (before vis_end)? */
int text_syllable_gap_after(const tchar *ch, size_t i, size_t vis_end);

/* Is cp a Hangul syllable or jamo? */
int text_is_hangul(uint32_t cp);
/* A precomposed Hangul syllable (U+AC00–D7A3), the unit of Korean breaking and spacing. */
static inline int is_hangul_syllable(uint32_t c)
{
    return c >= 0xAC00 && c <= 0xD7A3;
}

#endif
