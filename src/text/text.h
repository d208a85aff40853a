/* text: fonts and the setting of text into lines. It owns the FreeType
 * library and every face (opened once per process run), the fallback chains,
 * script itemisation, HarfBuzz shaping with a word cache, break opportunities
 * (UAX #14 tailored for Korean) and line breaking. It knows nothing of the
 * document tree: what text belongs to is an opaque tag handed back in runs. */
#ifndef BULLETIN_TEXT_H
#define BULLETIN_TEXT_H

#include <hb.h>
#include "../util/util.h"

typedef struct fontset fontset;   /* all faces and chains of a run; owns them */
typedef struct face face;         /* one font face (file + index) */
typedef struct font_chain font_chain;  /* ordered fallback faces for one role */

/* Open the font machinery. fonts_dir (may be NULL) holds named font sets
 * (NAME.fontset) and font files; it is searched before the system's fonts.
 * NULL on failure (reported through d). */
fontset *fontset_new(const char *fonts_dir, diag *d);
void fontset_free(fontset *fs);

/* The chain for spec — a font set name from fonts_dir, or a comma-separated
 * list of family names — in the given weight/slant. Faces the system lacks are
 * skipped; NULL (with an error) when none is found. Owned by fs. */
const font_chain *fontset_chain(fontset *fs, const char *spec, int bold, int italic, diag *d);

/* The faces of a chain, in fallback order (0 <= i < font_chain_count). */
int font_chain_count(const font_chain *c);
const face *font_chain_face(const font_chain *c, int i);
/* Does face f have a glyph for code point cp (cmap, not .notdef)? */
int face_has_char(const face *f, uint32_t cp);

/* Face facts for the PDF writer. */
hb_face_t *face_hb_face(const face *f);
hb_font_t *face_hb_font(const face *f);      /* scaled to upem */
const char *face_postscript_name(const face *f);  /* ASCII, no spaces */
const char *face_file(const face *f);
int face_upem(const face *f);
int face_is_cff(const face *f);            /* CFF outlines (OTF/.ttc CJK) vs glyf */
int face_serial(const face *f);            /* 0,1,2… in opening order: a stable sort key */

typedef struct face_metrics {              /* in 1/1000 em */
    double ascent, descent, cap_height, italic_angle, stem_v;
    double bbox[4];
    int fixed_pitch, serif;
} face_metrics;
void face_get_metrics(const face *f, face_metrics *m);
/* Advance of glyph gid in 1/1000 em, as the PDF /W wants it. */
double face_glyph_width(const face *f, unsigned gid);

/* ---- setting text ---------------------------------------------------- */

enum { DECO_UNDERLINE = 1, DECO_STRIKE = 2 };

/* One styled piece of a paragraph's text. A piece of text "\n" is a hard break. */
typedef struct text_piece {
    const char *text;
    size_t len;              /* bytes of UTF-8 */
    const font_chain *chain;
    double size;             /* points */
    double rise;             /* baseline shift in points (superscript > 0) */
    uint32_t color;          /* 0xRRGGBB */
    unsigned deco;           /* DECO_* */
    const char *lang;        /* BCP 47: "ko", "en" */
    const void *tag;         /* handed back in every run made from this piece */
    srcpos pos;              /* for "no font has U+xxxx" warnings */
    int url;                 /* a URL or e-mail address: breaks before / . - and the like,
                                never after a hyphen (a reader would take it for hyphenation) */
} text_piece;

/* Glyphs of one face, size and tag on one line, left to right. */
typedef struct glyph_run {
    const face *face;
    double size, rise;
    uint32_t color;
    unsigned deco;
    const void *tag;
    const char *lang;
    double x;                /* start, from the line's start edge, points */
    double width;            /* sum of advances, points */
    int nglyphs;
    uint32_t *gids;
    double *advances;        /* points, final (justification included) */
    uint32_t *clusters;      /* per glyph: byte offset in text where its cluster starts;
                                a cluster ends where the next larger offset starts */
    const char *text;        /* the source text these glyphs stand for */
    size_t text_len;
} glyph_run;

typedef struct text_line {
    glyph_run *runs;
    int nruns;
    double width;            /* of the visible content (no trailing space) */
    int last;                /* last line of the paragraph or ended by a hard break */
    int overfull;            /* wider than the measure (reported) */
} text_line;

typedef struct para_params {
    double width;            /* the measure, points */
    double first_indent;     /* first line starts this far in */
    double rest_indent;      /* every other line starts this far in (hanging indent) */
    int justify;             /* stretch word spaces; last line flush start */
    int syllable_break;      /* Korean: allow breaks between syllables */
} para_params;

/* Set pieces into lines. Runs' x include the indents. Word spaces are real
 * space glyphs (a line-final space stays in the run, after `width`).
 * Lines and runs live in arena a. 0 ok, -1 on OOM (reported). */
int paragraph_set(fontset *fs, arena *a, const text_piece *pieces, int npieces,
                  const para_params *pp, text_line **lines, int *nlines, diag *d);

/* Widths for table columns: the widest unbreakable unit and the whole text
 * on one line, in points. 0 ok, -1 on OOM. */
int paragraph_measure(fontset *fs, const text_piece *pieces, int npieces,
                      double *min_width, double *max_width, diag *d);

/* Shaping-cache statistics for -v and make bench. */
void fontset_stats(const fontset *fs, size_t *cache_hits, size_t *cache_misses);

#endif
