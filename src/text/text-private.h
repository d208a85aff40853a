/* text-private.h — private to src/text: the structures that fonts.c, shape.c,
 * breaks.c and paragraph.c share. Nothing outside src/text includes this;
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
};

/* Break class of the position after a character (breaks.c). */
enum {
    BRK_NONE = 0,
    BRK_ALLOW,               /* a normal opportunity */
    BRK_HARD,                /* mandatory (after a hard break) */
    BRK_EMERGENCY1,          /* R1.7.1: tailored UAX #14 inside an eojeol */
    BRK_EMERGENCY2,          /* R1.7.2: between two Hangul syllables */
    BRK_EMERGENCY3,          /* R7.2: any cluster boundary of a word wider than the line */
};

typedef struct tchar {
    uint32_t cp;
    int piece;
    uint32_t off;            /* byte offset in the piece's text */
    uint8_t len;             /* bytes of UTF-8 */
    uint8_t flags;           /* TC_* */
    uint8_t brk;             /* BRK_* for the position after this char */
    const face *face;        /* NULL: not drawn (uncovered, control, hard break) */
    uint32_t glyph;          /* first glyph of its cluster when TC_CLUSTER */
} tchar;

typedef struct tglyph {
    uint32_t gid;
    int32_t adv;             /* font units */
    uint32_t ch;             /* char index of its cluster's start */
} tglyph;

typedef struct cache_entry cache_entry;

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
    struct para_item *items; /* paragraph.c: boxes, glue, penalties */
    size_t items_cap;
    struct line_span *spans; /* paragraph.c: lines found */
    size_t spans_cap;
    struct run_span *runs;   /* paragraph.c: runs of the line being built */
    size_t runs_cap;
};

/* shape.c: decode, itemise and shape pieces into fs->chars / fs->glyphs /
 * fs->cumw. 0 ok, -1 on OOM or bad input (reported). */
int text_shape_pieces(fontset *fs, const text_piece *pieces, int npieces, diag *d);
void word_cache_free(word_cache *c);

/* breaks.c: fill chars[i].brk for the shaped paragraph. 0 ok, -1 OOM. */
int text_find_breaks(fontset *fs, int syllable_break);

/* Is cp a Hangul syllable or jamo? */
int text_is_hangul(uint32_t cp);
/* A precomposed Hangul syllable (U+AC00–D7A3), the unit of Korean breaking and spacing. */
static inline int is_hangul_syllable(uint32_t c)
{
    return c >= 0xAC00 && c <= 0xD7A3;
}

#endif
