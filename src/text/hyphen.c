/* hyphen.c — English hyphenation: libhyphen with Debian's hyphen-en-us
 * patterns (TeX's US English patterns), loaded once per typesetter, marking
 * chars[i].brk = BRK_HYPHEN after each point it allows. Which words:
 *   - text in English only: never Korean text (R7.1, R7.2), a URL or e-mail
 *     address (TC_URL) or code (TC_NOHYPH);
 *   - a word is a run of ASCII letters (each part of a compound such as
 *     innovation-led is one); one touching a digit, another letter (accented:
 *     the patterns are ASCII), a soft hyphen (such a word breaks only at its
 *     soft hyphens, breaks.c), / @ _ \ or a dot inside a name (example.com) is
 *     left alone, and so is a word of capitals only (an acronym);
 *   - hyphen_min_before letters at least before a point, hyphen_min_after after;
 *   - never inside a glyph cluster (a ligature), and only where the face has
 *     a hyphen glyph to draw.
 * Where the hyphen is drawn and that it is not text: paragraph.c, glyph_run.hyphen.
 *
 * libhyphen allocates through hnj_malloc and hnj_realloc, which print "can't
 * allocate" and exit with status 1 (an input error's) when malloc fails; it
 * has no way to report it. Ours, below, take their place — libhyphen calls
 * them through the dynamic linker, and the program's own definitions come
 * first — and give up the same way but as the error convention says of out
 * of memory (util.h): "bulletin: error: out of memory", exit status 3.
 * Nothing is on disk yet then: the output is only written at the end. */
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "text-private.h"

void *hnj_malloc(int size);
void *hnj_realloc(void *p, int size);
void hnj_free(void *p);

static void hnj_out_of_memory(void)
{
    static const char msg[] = "bulletin: error: out of memory\n";
    fflush(stdout);
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nowhere left to say it */
    }
    _exit(3);   /* util.h: ERR_SYSTEM */
}

void *hnj_malloc(int size)
{
    void *p = malloc(size > 0 ? (size_t)size : 1);
    if (!p)
        hnj_out_of_memory();
    return p;
}

void *hnj_realloc(void *p, int size)
{
    void *q = realloc(p, size > 0 ? (size_t)size : 1);
    if (!q)
        hnj_out_of_memory();
    return q;
}

void hnj_free(void *p)
{
    free(p);
}

/* Where Debian's hyphen-en-us installs the patterns (tools/deps.sh installs it). */
static const char *const HYPHEN_PATTERNS_EN = "/usr/share/hyphen/hyph_en_US.dic";
/* A longer run of letters is no word (and would only cost time). */
enum { HYPHEN_WORD_MAX = 64 };

void hyphenator_free(hyphenator *h)
{
    if (h->dict)
        hnj_hyphen_free(h->dict);
    free(h->word);
    memset(h, 0, sizeof *h);
}

int text_hyphen_glyph(const face *f, uint32_t *gid, int32_t *adv)
{
    static const uint32_t hyphens[] = {'-', 0x2010};
    for (size_t i = 0; f && i < sizeof hyphens / sizeof hyphens[0]; i++) {
        hb_codepoint_t g;
        if (hb_font_get_nominal_glyph(f->hb_font, hyphens[i], &g) && g != 0) {
            *gid = g;
            *adv = hb_font_get_glyph_h_advance(f->hb_font, g);
            return 0;
        }
    }
    return -1;
}

/* The English patterns, loaded when first asked for: 0 with *dict (NULL
 * when there are none: warned once), -1 reported (out of memory). */
static int english_patterns(hyphenator *h, HyphenDict **dict, diag *d)
{
    if (!h->tried) {
        h->tried = 1;
        h->dict = hnj_hyphen_load(HYPHEN_PATTERNS_EN);
        /* its own allocations cannot fail (above); its fopen's can: a file
         * there to be read that did not load is out of memory */
        if (!h->dict && access(HYPHEN_PATTERNS_EN, R_OK) == 0) {
            h->tried = 0;
            return diag_oom(d);
        }
        if (!h->dict)
            diag_warning(d, (srcpos){0}, "cannot read the hyphenation patterns %s (install "
                         "hyphen-en-us): English is set without hyphenation", HYPHEN_PATTERNS_EN);
    }
    *dict = h->dict;
    return 0;
}

static int ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A letter (any script), a mark, a digit or a soft hyphen: part of a word. */
static int joins_word(uint32_t c)
{
    hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
    return ascii_letter(c) || c == 0x00AD || (c >= '0' && c <= '9') ||
           (gc >= HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER &&
            gc <= HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER) ||
           gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK;
}

/* May the letters [a, b) be hyphenated at all (the rules at the top)? */
static int hyphenable_word(const tchar *ch, size_t n, size_t a, size_t b,
                           const text_piece *pieces, size_t shortest)
{
    if (b - a < shortest || b - a > HYPHEN_WORD_MAX)
        return 0;
    uint32_t prev = a > 0 ? ch[a - 1].cp : ' ', next = b < n ? ch[b].cp : ' ';
    if (joins_word(prev) || joins_word(next) || strchr("/@_\\", (int)(prev < 0x80 ? prev : 'x')) ||
        strchr("/@_\\", (int)(next < 0x80 ? next : 'x')))
        return 0;
    if ((prev == '.' && a >= 2 && joins_word(ch[a - 2].cp)) ||
        (next == '.' && b + 1 < n && joins_word(ch[b + 1].cp)))
        return 0;
    int lower = 0;
    for (size_t i = a; i < b; i++) {
        if ((ch[i].flags & (TC_URL | TC_NOHYPH | TC_KOREAN)) || !ch[i].face ||
            !lang_is(pieces[ch[i].piece].lang, "en"))
            return 0;
        lower |= ch[i].cp >= 'a';
    }
    return lower;
}

int text_hyphenate(hyphenator *h, para_text *t, const text_piece *pieces, const break_params *bp,
                   diag *d)
{
    HyphenDict *dict = NULL;
    if (english_patterns(h, &dict, d))
        return -1;
    if (!dict)
        return 0;
    tchar *ch = t->chars;
    size_t n = t->nchars;
    int before = bp->hyphen_min_before > 1 ? bp->hyphen_min_before : 1;
    int after = bp->hyphen_min_after > 1 ? bp->hyphen_min_after : 1;
    int count = 0;
    for (size_t a = 0; a < n;) {
        if (!ascii_letter(ch[a].cp)) {
            a++;
            continue;
        }
        size_t b = a;
        while (b < n && ascii_letter(ch[b].cp))
            b++;
        size_t len = b - a;
        if (!hyphenable_word(ch, n, a, b, pieces, (size_t)(before + after))) {
            a = b;
            continue;
        }
        /* the word in lower case, then its points vector (len + 5, as libhyphen wants) */
        if (grow_array((void **)&h->word, &h->word_cap, 2 * len + 6, 1))
            return diag_oom(d);
        char *word = h->word, *points = word + len + 1;
        for (size_t i = 0; i < len; i++)
            word[i] = (char)(ch[a + i].cp | 0x20);
        word[len] = 0;
        char **rep = NULL;
        int *pos = NULL, *cut = NULL;
        int failed = hnj_hyphen_hyphenate3(dict, word, (int)len, points, NULL, &rep, &pos, &cut,
                                           before, after, before, after);
        if (rep) {   /* non-standard hyphenation (a spelling change): none in English */
            for (size_t i = 0; i < len; i++)
                free(rep[i]);
            failed = 1;
        }
        free(rep);
        free(pos);
        free(cut);
        for (size_t j = (size_t)before - 1; !failed && j + (size_t)after < len; j++) {
            size_t i = a + j;
            uint32_t gid;
            int32_t adv;
            if ((points[j] & 1) && ch[i].brk == BRK_NONE && (ch[i + 1].flags & TC_CLUSTER) &&
                text_hyphen_glyph(ch[i].face, &gid, &adv) == 0) {
                ch[i].brk = BRK_HYPHEN;
                count++;
            }
        }
        a = b;
    }
    return count;
}
