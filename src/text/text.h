/* text: fonts and the setting of text into lines, in two parts with one
 * owner each. The font registry owns the FreeType library, fontconfig's
 * configuration, every face (opened once per run, made immutable for
 * HarfBuzz as it opens) and the fallback chains; it resolves every chain at
 * start-up and is sealed after, so that fontconfig is never called while
 * pages are set. The typesetter owns the setting of paragraphs: script
 * itemisation, HarfBuzz shaping with a word cache, break opportunities
 * (UAX #14 tailored for Korean), hyphenation and line breaking, with the
 * scratch of the paragraph being set. It knows nothing of the document
 * tree: what text belongs to is an opaque tag handed back in runs. */
#ifndef BULLETIN_TEXT_H
#define BULLETIN_TEXT_H

#include <hb.h>
#include "../util/util.h"

typedef struct font_registry font_registry;   /* faces and chains of a run; owns them */
typedef struct typesetter typesetter;         /* sets paragraphs into lines */
typedef struct face face;         /* one font face (file + index) */
typedef struct font_chain font_chain;  /* ordered fallback faces for one role */

/* ---- the font registry (fonts.c) --------------------------------------- */

/* Open FreeType and fontconfig's configuration (a configuration fontconfig
 * cannot load, or only in part, is a system error, never a silent fallback).
 * fonts_dir (may be NULL) holds named font sets (NAME.fontset) and font
 * files; it is searched before the system's fonts. NULL on failure
 * (reported through d). */
font_registry *font_registry_new(const char *fonts_dir, diag *d);
void font_registry_free(font_registry *r);

/* Start-up: resolve the chain for spec — a font set name from fonts_dir, or
 * a comma-separated list of family names — in the given weight/slant,
 * opening its faces. Faces the system lacks are skipped; a chain left
 * without any is not reported here but when it is looked up (a style may
 * name fonts for text a document does not have). 0, or -1 reported (a bad
 * font set file, out of memory). */
int font_registry_resolve(font_registry *r, const char *spec, int bold, int italic, diag *d);
/* The end of start-up: from now on fontconfig and FreeType are never called
 * (their memory is given back); only chains resolved before are found. */
void font_registry_seal(font_registry *r);
/* The chain for spec in weight/slant, owned by r: one resolved at start-up
 * (before the registry is sealed, one not resolved yet is resolved now).
 * NULL when none of its fonts is installed (a system error, reported once
 * per chain) or it was not resolved before the seal (an internal error). */
const font_chain *font_registry_chain(font_registry *r, const char *spec, int bold, int italic,
                                      diag *d);

/* The faces of a chain, in fallback order (0 <= i < font_chain_count). */
int font_chain_count(const font_chain *c);
const face *font_chain_face(const font_chain *c, int i);
/* Does face f have a glyph for code point cp (cmap, not .notdef)? */
int face_has_char(const face *f, uint32_t cp);

/* Face facts for the PDF writer. */
hb_face_t *face_hb_face(const face *f);
/* A HarfBuzz face of f's bytes for the caller alone (hb_face_destroy it),
 * for work that changes a face (subsetting loads tables into it) and must
 * not touch the one shaping shares. NULL out of memory. */
hb_face_t *face_hb_face_own(const face *f);
hb_font_t *face_hb_font(const face *f);      /* scaled to upem */
const char *face_postscript_name(const face *f);  /* ASCII, no spaces */
const char *face_file(const face *f);
int face_upem(const face *f);
int face_is_cff(const face *f);            /* CFF outlines (OTF/.ttc CJK) vs glyf */
/* 0,1,2… in the order the chains holding the face were first looked up
 * (font_registry_chain): the order the PDF embeds faces in, the same
 * whatever order start-up resolved the chains in; -1 before. */
int face_serial(const face *f);

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
    int no_hyphen;           /* never hyphenated, soft hyphens included (code spans) */
    int code;                /* code: every character the chain's first face has comes from
                                that face, whatever the language (one monospaced face for
                                the letters, digits and punctuation of a code line); only
                                what it lacks (Hangul) falls to the next faces */
} text_piece;

/* How far a glyph is drawn from its pen position, points: x to the right
 * (scaled by the run's hscale, as advances are), y up. */
typedef struct glyph_offset {
    double x, y;
} glyph_offset;

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
    glyph_offset *offsets;   /* per glyph, where it is drawn from its pen position, as the
                                font positions it (GPOS: a mark over its base); NULL when
                                no glyph of the run has one */
    uint32_t *clusters;      /* per glyph: byte offset in text where its cluster starts;
                                a cluster ends where the next larger offset starts */
    const char *text;        /* the source text these glyphs stand for */
    size_t text_len;
    /* A word broken at a hyphen we insert reads whole: the hyphen is not text,
     * and the word's two halves are read as one word at the end of the first line. */
    int hyphen;              /* 1: the last glyph is a hyphen inserted at the line break:
                                drawn, but not text (its cluster is empty, at text_len) */
    size_t word_from;        /* with hyphen: the broken word's first half is text[word_from..] */
    const char *word;        /* with hyphen: the whole word, both halves (NUL-terminated) */
    size_t word_rest;        /* text[0..word_rest) ends a word broken on the line before (0: none) */
    double hscale;           /* horizontal scale the glyphs are drawn at (justification);
                                advances include it; 0 or 1: none */
} glyph_run;

typedef struct text_line {
    glyph_run *runs;
    int nruns;
    double width;            /* of the visible content (no trailing space) */
    int last;                /* last line of the paragraph or ended by a hard break */
    int overfull;            /* wider than the measure (reported) */
    int hyphenated;          /* ends in an inserted hyphen (a hyphenation or a soft hyphen):
                                a page should not end after it — set the paragraph again
                                with para_params.unhyphenated_line */
} text_line;

/* How lines are chosen. Every value is a typographic choice of the computed
 * style (doc/style.c holds the defaults, input/stylesheet.c the keys); layout
 * copies them here. Badness and demerits are TeX's: badness 100 is a line
 * whose word spaces stretch or shrink by all of their stretch or shrink. */
typedef struct break_params {
    int total_fit;            /* 1: Knuth–Plass over the whole paragraph; 0: first fit */
    int hyphenate;            /* English words may hyphenate (total fit only) */
    double tolerance;         /* badness limit of the first pass, without hyphenation */
    double hyphen_tolerance;  /* badness limit of the second pass, with it */
    double emergency_stretch; /* em of stretch added to every line in the last pass */
    double line_penalty;      /* added to each line's badness before squaring */
    double hyphen_penalty;    /* a break at a hyphen, inserted or written */
    double last_resort_penalty;     /* R1.7 and R7.2 breaks inside a word wider than
                                       the line: after · / ~ - (×1), between syllables
                                       (×2), at any cluster (×3) */
    double adjacent_demerits;       /* neighbouring lines two fitness classes apart */
    double double_hyphen_demerits;  /* two hyphenated lines in a row */
    double final_hyphen_demerits;   /* an inserted hyphen before a paragraph's last line:
                                       none where the paragraph can be set within
                                       hyphen_tolerance without; at this cost where not */
    int hyphen_min_before, hyphen_min_after;  /* letters either side of a hyphenation */
    int hyphen_max_lines;     /* hyphenated lines in a row, at most */
    double space_stretch, space_shrink;  /* of a word space, as a factor of its width */
    double gap_after;         /* Korean: the stretch (or shrink) ratio word spaces reach before
                                 the gaps between syllables open (up to a measured cap) or close
                                 (up to gap_shrink); a line whose gaps are in use counts that
                                 much looser (or tighter) */
    double gap_shrink;        /* em a gap between two Hangul syllables may close (R3.3) */
    double glyph_scale;       /* glyphs may widen or narrow by this share of their width
                                 (0.02: 98–102 %), after the syllable gaps; 0: never */
    double emergency_glyph_scale;   /* the same, in the emergency pass that follows one
                                 that cannot keep word spaces within space_limit: a
                                 word that may not break moves up on narrower glyphs */
    double space_limit;       /* word spaces never widen by more than this share of their
                                 width (1: they at most double) where the paragraph can be
                                 set otherwise; a line that must is reported */
    double ragged_stretch;    /* em: the stretch at the end of an unjustified line */
} break_params;

typedef struct para_params {
    double width;            /* the measure, points */
    double first_indent;     /* first line starts this far in */
    double rest_indent;      /* every other line starts this far in (hanging indent) */
    int justify;             /* stretch word spaces; last line flush start */
    int syllable_break;      /* Korean: allow breaks between syllables */
    const break_params *breaking;  /* NULL: first fit, no hyphenation, and justified lines
                                      put all their slack into the word spaces */
    int unhyphenated_line;   /* 1-based: this line may not end with an inserted hyphen
                                (layout: the last line of a page); 0: any may */
    int hang_marker;         /* R4.2: where Korean text opens with a lead marker and a space
                                (the paragraph, or a line after a hard break), the lines after
                                start under the text after them, measured in the faces they
                                are set in; lines after a hard break without a marker keep
                                the hang in force (0: no hang) */
} para_params;

/* ---- the typesetter (paragraph.c and the files text-private.h lists) ---- */

/* A typesetter: its shaping cache, hyphenation patterns (loaded when first
 * needed) and the scratch of the paragraph being set, reused from one to the
 * next. One thread at a time. NULL on failure (reported). */
typesetter *typesetter_new(diag *d);
void typesetter_free(typesetter *ts);

/* Set pieces into lines. Runs' x include the indents. Word spaces are real
 * space glyphs (a line-final space stays in the run, after `width`).
 * Lines and runs live in arena a. A paragraph_windowed one is set in windows
 * of its text, its memory bounded (window.c). 0 ok, -1 on OOM (reported). */
int paragraph_set(typesetter *ts, arena *a, const text_piece *pieces, int npieces,
                  const para_params *pp, text_line **lines, int *nlines, diag *d);
/* Is the paragraph so long (tens of kilobytes: no press release's) that
 * paragraph_set sets it in windows, a window's lines chosen without the
 * text after it? Layout then does not set it again (its alternates). */
int paragraph_windowed(const text_piece *pieces, int npieces);

/* R4.1–R4.3: does a line of text open with a lead marker of Korean government
 * paragraphs (□ ○ ※ ▲ - · ㅇ ① …, or a short 1. 가. (1)) and a space, with text
 * after them? The byte offset of that text; 0 when it does not. The one class
 * of markers breaking, the hang (para_params.hang_marker) and tests share. */
size_t text_lead_marker(const char *s, size_t len);

/* Where pieces may break with a drawn hyphen, as paragraph_set finds them when
 * it hyphenates: the byte offsets (into the pieces' texts laid end to end)
 * after which a hyphenation point of bp's rules or an honoured soft hyphen
 * falls, in order, up to max of them. Returns how many, or -1 (reported). */
int paragraph_hyphen_points(typesetter *ts, const text_piece *pieces, int npieces,
                            const break_params *bp, size_t *offsets, int max, diag *d);

/* Widths for table columns: the widest unbreakable unit and the whole text
 * on one line, in points. 0 ok, -1 on OOM (reported). */
int paragraph_measure(typesetter *ts, const text_piece *pieces, int npieces,
                      double *min_width, double *max_width, diag *d);

/* Shaping-cache statistics for -v and make bench. */
void typesetter_cache_stats(const typesetter *ts, size_t *cache_hits, size_t *cache_misses);

/* Line-breaking figures of paragraphs set with break_params, for tests:
 * whoever wants them hands the typesetter a break_stats to count into
 * (typesetter_watch). Demerits are those of the chosen breaks, counted as
 * the pass that settled each paragraph counts them. */
typedef struct break_stats {
    int compare;              /* set by the watcher: every justified paragraph set by total
                                 fit is broken first fit too, and the two sums of demerits
                                 compared (compared, tf_* and ff_demerits) */
    size_t paragraphs, lines, hyphenated, overfull;
    size_t passes[6];         /* paragraphs settled in the first pass, the second (with
                                 hyphenation), the second again with a hyphen allowed
                                 before the last line, the emergency pass (emergency
                                 stretch) within space_limit, the same with
                                 emergency_glyph_scale, the same without the limit */
    double demerits;
    size_t most_active;       /* the longest active list of total fit (work per break point) */
    size_t evaluations;       /* lines total fit weighed, for the work per character */
    size_t compared, tf_lower, tf_equal, tf_higher;
    double tf_demerits, ff_demerits;
} break_stats;
/* Count the paragraphs set from now on into *into (kept by the caller;
 * NULL: count no more). */
void typesetter_watch(typesetter *ts, break_stats *into);

#endif
