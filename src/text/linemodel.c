/* linemodel.c — the line model the breakers (linebreak.c) and justification
 * share: what a line holds (natural width, word spaces, syllable gaps), how
 * it takes up its slack, its adjustment ratio, TeX's badness, fitness class
 * and demerits, and the stretch justification applies.
 *   - word spaces (glue) stretch by space_stretch and shrink by space_shrink
 *     of their width; ratio 1 is all of it (badness 100), -1 all the shrink;
 *   - past the ratio gap_after the Korean syllable gaps open, each up to
 *     GAP_CAP_EM (R3.3, R3.3a), then the glyphs widen by up to glyph_scale
 *     (emergency_glyph_scale in the one pass that allows it),
 *     and only then do the spaces stretch on. Each of these counts gap_after
 *     looser when used to the full, so lines set by their word spaces win.
 *     Shrinking takes the same steps (gaps close by up to gap_shrink);
 *   - last lines (and lines before a hard break) have unlimited stretch, and
 *     shrink as the others when justified;
 *   - unjustified text: spaces keep their width, each line ends with
 *     ragged_stretch of stretch. */
#include <math.h>
#include "text-private.h"

/* Hundredths of an em a gap between two syllables may open at most: wider,
 * pdf.js, poppler and screen readers take it for a word space (R3.3a). */
enum { GAP_CAP_EM = 5 };

line_model text_line_model(const para_text *t, const text_piece *pieces, const para_params *pp,
                           double *em)
{
    /* the paragraph's em: its largest size for emergency and ragged stretch,
     * its smallest for the syllable-gap caps */
    double large = 0, small = HUGE_VAL;
    for (size_t i = 0; i < t->nchars; i++) {
        double size = pieces[t->chars[i].piece].size;
        large = fmax(large, size);
        small = fmin(small, size);
    }
    if (!t->nchars)
        small = 0;
    const break_params *bp = pp->breaking;
    *em = large;
    return (line_model){bp, pp->justify, small * GAP_CAP_EM / 100, bp ? small * bp->gap_shrink : 0,
                        bp ? bp->glyph_scale : 0, bp ? bp->ragged_stretch * large : 0};
}

int text_syllable_gap_after(const tchar *ch, size_t i, size_t vis_end)
{
    return i + 1 < vis_end && uchar_is_hangul_syllable(ch[i].cp) &&
           uchar_is_hangul_syllable(ch[i + 1].cp) && (ch[i].flags & TC_CLUSTER) &&
           (ch[i + 1].flags & TC_CLUSTER);
}

/* Prefix sums over chars: glue width and syllable gaps before each char. */
int text_line_sums(paragraph *p)
{
    const para_text *t = &p->t;
    size_t n = t->nchars;
    if (grow_array((void **)&p->cumspace, &p->cumspace_cap, n + 1, sizeof(double)) ||
        grow_array((void **)&p->cumgap, &p->cumgap_cap, n + 1, sizeof(uint32_t)))
        return -1;
    double w = 0;
    uint32_t g = 0;
    for (size_t i = 0; i < n; i++) {
        p->cumspace[i] = w;
        p->cumgap[i] = g;
        if (t->chars[i].flags & TC_GLUE)
            w += t->cumw[i + 1] - t->cumw[i];
        g += (uint32_t)text_syllable_gap_after(t->chars, i, n);
    }
    p->cumspace[n] = w;
    p->cumgap[n] = g;
    p->widths_grow = 1;
    for (size_t k = 0; k < t->nglyphs && p->widths_grow; k++)
        p->widths_grow = t->glyphs[k].adv >= 0;
    return 0;
}

line_shape text_line_shape(const paragraph *p, size_t a, size_t vis_end, double hyphen, int last)
{
    const para_text *t = &p->t;
    line_shape s = {hyphen, 0, 0, last, 0};
    if (vis_end > a) {
        s.natural += t->cumw[vis_end] - t->cumw[a];
        s.spaces = p->cumspace[vis_end] - p->cumspace[a];
        s.gaps = p->cumgap[vis_end - 1] - p->cumgap[a];
        size_t m = a;   /* a hanging marker opens the line: it keeps its width */
        while (m < vis_end && (t->chars[m].flags & TC_MARKER))
            m++;
        s.fixed = t->cumw[m] - t->cumw[a];
    }
    return s;
}

/* How a justified line takes up `need` points of slack (need < 0: shrinks)
 * from its resources, in the model's order: the word spaces up to gap_after
 * of their stretch (y points at all of it), then the syllable gaps (g points
 * at their cap), then the glyphs' scaling (x points at its limit), then the
 * spaces on. The ratio counts each of gaps and glyphs gap_after more when
 * used to the full. Shared by the breaker and justification. */
typedef struct spread {
    double ratio;            /* on the model's scale, negative when shrinking */
    double spaces;           /* share of the spaces' stretch or shrink used */
    double gaps, glyphs;     /* shares of the gaps' and the glyphs' used, 0..1 */
    int overfull;            /* shrinking needs more than all of it */
} spread;

static spread spread_slack(double need, double y, double g, double x, double weight)
{
    spread s = {0, 0, 0, 0, 0};
    double left = fabs(need), sign = need < 0 ? -1 : 1, cost = 0;
    double first = y > 0 ? weight * y : 0;
    if (left <= first + TEXT_EPS) {
        s.spaces = y > 0 ? left / y : 0;
    } else {
        s.spaces = y > 0 ? weight : 0;
        left -= first;
        double *share[2] = {&s.gaps, &s.glyphs}, room[2] = {g, x};
        for (int k = 0; k < 2 && left > TEXT_EPS; k++) {
            if (room[k] <= 0)
                continue;
            *share[k] = fmin(left / room[k], 1);
            cost += weight * *share[k];
            left -= *share[k] * room[k];
        }
        if (left > TEXT_EPS && y <= 0) {   /* no word space to take the rest */
            s.ratio = sign * HUGE_VAL;
            s.overfull = sign < 0;
            return s;
        }
        if (left > TEXT_EPS)
            s.spaces += left / y;
    }
    s.ratio = sign * (s.spaces + cost);
    s.overfull = sign < 0 && s.spaces > 1 + TEXT_EPS;
    return s;
}

/* The line's slack spread over its resources, as for line_ratio. */
static spread line_spread(const line_model *m, const line_shape *s, double avail, double extra)
{
    const break_params *bp = m->bp;
    double need = avail - s->natural, glyphs = s->natural - s->spaces - s->fixed;
    if (need < 0)
        return spread_slack(need, s->spaces * bp->space_shrink, s->gaps * m->gap_close,
                            glyphs * m->glyph_scale, bp->gap_after);
    return spread_slack(need, s->spaces * bp->space_stretch + extra, s->gaps * m->gap_open,
                        glyphs * m->glyph_scale, bp->gap_after);
}

int text_line_too_loose(const line_model *m, const line_shape *s, double avail)
{
    if (!m->justify)
        return 0;   /* unjustified word spaces keep their width */
    spread sp = line_spread(m, s, avail, 0);
    return sp.ratio >= HUGE_VAL || sp.spaces * m->bp->space_stretch > m->bp->space_limit + TEXT_EPS;
}

/* The adjustment ratio of a line that must fill avail, on the model's scale
 * (the top of the file); extra: emergency stretch in points. *overfull when
 * it cannot shrink enough. */
double text_line_ratio(const line_model *m, const line_shape *s, double avail, double extra,
                       int *overfull)
{
    double need = avail - s->natural;
    *overfull = 0;
    if (!m->justify) {
        if (need < -TEXT_EPS) {
            *overfull = 1;
            return -HUGE_VAL;
        }
        double y = m->ragged + extra;
        return s->last ? 0 : y > 0 ? need / y : need > TEXT_EPS ? HUGE_VAL : 0;
    }
    if (s->last && need >= 0)
        return 0;
    spread sp = line_spread(m, s, avail, extra);
    *overfull = sp.overfull;
    return sp.overfull ? -HUGE_VAL : sp.ratio;
}

/* TeX's badness, 100 |r|^3, capped at TEXT_INF_BAD unless `uncapped`. */
double text_badness(double r, int uncapped)
{
    double a = fmin(fabs(r), 1e6);
    return uncapped ? 100 * a * a * a : a > 4.7 ? TEXT_INF_BAD : fmin(100 * a * a * a, TEXT_INF_BAD);
}

int text_fitness(double r)
{
    return r < -0.5 ? FIT_TIGHT : r <= 0.5 ? FIT_DECENT : r <= 1 ? FIT_LOOSE : FIT_VERY_LOOSE;
}

break_cost text_break_cost(const para_text *t, const break_params *bp, int brk, size_t pos)
{
    break_cost c = {0, 0, 0, 0};
    switch (brk) {
    case BRK_HARD:
        c.forced = 1;
        break;
    case BRK_SOFT_HYPHEN:
    case BRK_HYPHEN:
        c.penalty = bp->hyphen_penalty;
        c.flagged = c.inserted = 1;
        break;
    case BRK_EMERGENCY1:
    case BRK_EMERGENCY2:
    case BRK_EMERGENCY3:
        c.penalty = bp->last_resort_penalty * (brk - BRK_EMERGENCY1 + 1);
        break;
    default: {
        /* after a hyphen written in the text (well-|known), not in a URL */
        const tchar *p = pos > 0 ? &t->chars[pos - 1] : NULL;
        if (p && (p->cp == '-' || p->cp == 0x2010) && !(p->flags & TC_URL)) {
            c.penalty = bp->hyphen_penalty;
            c.flagged = 1;
        }
    }
    }
    return c;
}

/* TeX's demerits of a line of badness b ending at a break of cost c. */
double text_demerits(const break_params *bp, double b, const break_cost *c, int prev_flagged,
                     int fit, int prev_fit)
{
    double l = bp->line_penalty + b;
    double d = l >= TEXT_INF_BAD && b <= TEXT_INF_BAD ? TEXT_INF_BAD * TEXT_INF_BAD : l * l;
    if (c->penalty > 0)
        d += c->penalty * c->penalty;
    if (c->flagged && prev_flagged)
        d += bp->double_hyphen_demerits;
    if (abs(fit - prev_fit) > 1)
        d += bp->adjacent_demerits;
    return d;
}

/* The demerits of lines already chosen, counted as the pass that settled the
 * paragraph counts them (extra: its emergency stretch; uncapped: the last
 * pass's badness): what break_stats reports for either breaker. */
double text_lines_demerits(const paragraph *p, const line_model *m, const line_span *ls,
                           size_t nl, double extra, int uncapped)
{
    double total = 0;
    int prev_fit = FIT_DECENT, prev_flagged = 0;
    for (size_t k = 0; k < nl; k++) {
        const line_span *l = &ls[k];
        line_shape s = text_line_shape(p, l->a, l->vis_end, 0, l->last);
        s.natural = l->width;
        int over;
        double r = text_line_ratio(m, &s, l->avail, extra, &over);
        break_cost c = text_break_cost(&p->t, m->bp, l->last ? BRK_HARD : l->brk, l->b);
        int fit = over ? FIT_DECENT : text_fitness(r);
        double b = over ? TEXT_INF_BAD : text_badness(r, uncapped);
        total += text_demerits(m->bp, b, &c, prev_flagged, fit, prev_fit);
        prev_fit = fit;
        prev_flagged = c.flagged;
    }
    return total;
}

stretch text_justify(const paragraph *p, const line_model *m, const line_span *l)
{
    stretch s = {0, 0, 0, 0};
    double need = l->avail - l->width;
    if ((l->last && need > 0) || l->overfull || fabs(need) <= TEXT_EPS || l->vis_end <= l->a)
        return s;
    line_shape sh = text_line_shape(p, l->a, l->vis_end, 0, l->last);
    const break_params *bp = m->bp;
    if (!bp) {   /* no model: the word spaces take it all */
        if (sh.spaces > 0 && need > 0)
            s.space = need / sh.spaces;
        s.added = s.space * sh.spaces;
        return s;
    }
    sh.natural = l->width;
    spread sp = line_spread(m, &sh, l->avail, 0);
    double sign = need < 0 ? -1 : 1;
    /* a loose line without word spaces stays short: its gaps and glyphs at their limits */
    s.space = sign * sp.spaces * (need < 0 ? bp->space_shrink : bp->space_stretch);
    if (need < 0 && sp.spaces > 1)
        s.space = -bp->space_shrink;
    s.gap = sign * sp.gaps * (need < 0 ? m->gap_close : m->gap_open);
    s.scale = sign * sp.glyphs * m->glyph_scale;
    s.added = s.space * sh.spaces + s.gap * sh.gaps + s.scale * (l->width - sh.spaces - sh.fixed);
    return s;
}
