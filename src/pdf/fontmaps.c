/* fontmaps.c — what a font's dictionaries say of its glyphs: the CIDFont's
 * widths (/DW, the commonest whole width, and /W: runs of one width as
 * "first last w", the rest in arrays) and the ToUnicode CMap (bfrange where
 * glyphs and their text run in step, as a Korean face's syllables do; bfchar
 * for the rest), from the glyphs the pages showed (fontembed.c). Text only:
 * fontembed.c puts it into the font's objects. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The most common width of the used glyphs (the smallest on a tie; 1000
 * when none is used) into *out. 0, or -1 on OOM (not reported): a guess
 * would be a different file. */
static int common_width(const pdf_font *f, double *out)
{
    *out = 1000;
    size_t n = 0;
    for (unsigned g = 0; g < f->nglyphs; g++)
        n += f->used[g];
    if (!n)
        return 0;
    double *v = malloc(n * sizeof *v);
    if (!v)
        return -1;
    n = 0;
    for (unsigned g = 0; g < f->nglyphs; g++)
        if (f->used[g])
            v[n++] = f->width[g];
    qsort(v, n, sizeof *v, cmp_double);
    double best = v[0];
    size_t bestn = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] == v[i])
            j++;
        if (j - i > bestn) {
            bestn = j - i;
            best = v[i];
        }
        i = j;
    }
    free(v);
    *out = best;
    return 0;
}

/* /W's entries (ISO 32000-1 §9.7.4.3) for the used glyphs whose width is not
 * dw (the rest take /DW), into b: "first last w" for two or more used glyphs
 * in a row (in glyph order) of one width, the glyphs between them never
 * shown; "first [w w ...]" for used glyphs that follow one another. 0 ok, -1 OOM. */
static int width_entries(const pdf_font *f, double dw, buf *b)
{
    unsigned g = 1;
    while (g < f->nglyphs && !f->used[g])
        g++;
    while (g < f->nglyphs) {
        unsigned next = g + 1;   /* the used glyph after g */
        while (next < f->nglyphs && !f->used[next])
            next++;
        double v = f->width[g];
        if (v == dw) {
            g = next;
            continue;
        }
        if (next < f->nglyphs && f->width[next] == v) {   /* a run of one width */
            unsigned last;
            do {
                last = next++;
                while (next < f->nglyphs && !f->used[next])
                    next++;
            } while (next < f->nglyphs && f->width[next] == v);
            if (buf_printf(b, "%u %u ", g, last) < 0 || pdfw_num(b, v) < 0 || buf_puts(b, " ") < 0)
                return -1;
            g = next;
            continue;
        }
        /* an array from g: the used glyphs right after it, none of /DW's
         * width nor the start of a run */
        if (buf_printf(b, "%u [ ", g) < 0)
            return -1;
        for (;;) {
            if (pdfw_num(b, f->width[g]) < 0 || buf_puts(b, " ") < 0)
                return -1;
            if (next != g + 1 || next >= f->nglyphs || f->width[next] == dw)
                break;
            g = next++;
            while (next < f->nglyphs && !f->used[next])
                next++;
            if (next < f->nglyphs && f->width[next] == f->width[g]) {
                next = g;   /* g starts a run */
                break;
            }
        }
        if (buf_puts(b, "] ") < 0)
            return -1;
        g = next;
    }
    return 0;
}

/* /DW and /W over the used glyphs.
 * /DW is the commonest width when that is a whole number; else the default
 * (1000) stays: poppler reads a /DW only when it is an integer. NULL on OOM. */
char *fontmap_widths(const pdf_font *f)
{
    double dw;
    if (common_width(f, &dw) < 0)
        return NULL;
    if (dw != floor(dw) || fabs(dw) > 1e6)
        dw = 1000;
    buf b = {0};
    if ((dw != 1000 && (buf_printf(&b, "/DW %d\012", (int)dw) < 0))
        || buf_puts(&b, "/W [ ") < 0 || width_entries(f, dw, &b) < 0 || buf_puts(&b, "]\012") < 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* The one UTF-16 code unit glyph g's text is (a BMP character, not a
 * surrogate), or -1 when it is several or none. */
static long single_unit(const pdf_font *f, unsigned g)
{
    const char *t = f->text[g];
    uint32_t cp;
    if (!t || utf8_decode(t, strlen(t), &cp) != (int)strlen(t) || cp == 0 || cp > 0xFFFF
        || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    return (long)cp;
}

/* The used glyph after g, or f->nglyphs. */
static unsigned next_used(const pdf_font *f, unsigned g)
{
    for (g++; g < f->nglyphs && !f->used[g]; g++)
        ;
    return g;
}

/* The last used glyph of a bfrange from used glyph g (itself when none):
 * the used glyphs after it whose text is one code unit as far on from g's
 * as the glyph is, with the same high byte of CID and no carry out of the
 * low byte of the code unit (ISO 32000-1 §9.10.3). The glyphs between,
 * never shown, are mapped along. */
static unsigned range_end(const pdf_font *f, unsigned g)
{
    long u = single_unit(f, g);
    unsigned last = g;
    if (u < 0)
        return g;
    for (unsigned n = next_used(f, g); n < f->nglyphs; n = next_used(f, n)) {
        long v = single_unit(f, n);
        if (v < 0 || v - u != (long)(n - g) || (n >> 8) != (g >> 8) || (u & 0xFF) + (n - g) > 0xFF)
            break;
        last = n;
    }
    return last;
}

/* A block of n entries (the text of part) of kind "bfchar" or "bfrange"
 * into b; part is emptied. */
static int put_block(buf *b, const char *kind, int n, buf *part)
{
    if (!part->len)
        return 0;
    int rc = buf_printf(b, "%d begin%s\n", n, kind) < 0 || buf_append(b, part->data, part->len) < 0
             || buf_printf(b, "end%s\n", kind) < 0 ? -1 : 0;
    part->len = 0;
    return rc;
}

/* A bfrange for each run that range_end finds, a bfchar for every other used
 * glyph, at most 100 to a block. */
int fontmap_tounicode(const pdf_font *f, buf *b)
{
    buf part[2] = {{0}, {0}};   /* bfchar, bfrange entries */
    static const char *const kind[2] = {"bfchar", "bfrange"};
    int rc = -1, count[2] = {0, 0};
    if (buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n") < 0)
        goto out;
    for (unsigned g = next_used(f, 0); g < f->nglyphs; g = next_used(f, g)) {
        unsigned last = range_end(f, g);
        int k = last > g;
        buf *into = &part[k];
        if (count[k] == 100 && put_block(b, kind[k], 100, into) < 0)
            goto out;
        count[k] = count[k] == 100 ? 0 : count[k];
        const char *t = f->text[g] ? f->text[g] : "\xEF\xBF\xBD";   /* U+FFFD */
        if (buf_puts(into, "<") < 0 || pdfw_hex4(into, g) < 0
            || (k && (buf_puts(into, "> <") < 0 || pdfw_hex4(into, last) < 0))
            || buf_puts(into, "> <") < 0 || pdfw_utf16_hex(into, t, strlen(t)) < 0
            || buf_puts(into, ">\n") < 0)
            goto out;
        count[k]++;
        g = last;
    }
    if (put_block(b, kind[0], count[0], &part[0]) < 0 || put_block(b, kind[1], count[1], &part[1]) < 0
        || buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n") < 0)
        goto out;
    rc = 0;
out:
    buf_free(&part[0]);
    buf_free(&part[1]);
    return rc;
}
