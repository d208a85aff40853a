/* linebreak.c — where lines end, over the boxes, glue and penalties of
 * paragraph.c, each line weighed with the model of linemodel.c.
 * Total fit (Knuth–Plass) as TeX does it, in passes: the first without
 * hyphenation within `tolerance`; the second with hyphenation within
 * `hyphen_tolerance`, with no inserted hyphen before the last line of a
 * paragraph (or a hard break); the same with such a hyphen allowed at a cost
 * (TeX's \finalhyphendemerits); then the emergency passes, with emergency
 * stretch, uncapped badness and no tolerance — first keeping word spaces
 * within space_limit, then the same with glyphs scaled up to
 * emergency_glyph_scale, then without the limit, which always ends (a line wider than the
 * measure only where one unbreakable piece is). Demerits with fitness
 * classes, hyphen penalties, demerits for two hyphenated lines in a row and a
 * hard limit on their run; looseness 0. First fit stays for comparison
 * (style `line-breaking: first-fit`).
 * The active list stays small: a break drops out once the line from it would
 * overflow, and at most MAX_ACTIVE are kept (the oldest go first), so a long
 * paragraph costs time in proportion to its length. */
#include <math.h>
#include <stdlib.h>
#include "text-private.h"

/* Active breaks kept at most: beyond, the oldest are dropped. Bounds the work
 * per break point on text with many zero-width break opportunities. */
enum { MAX_ACTIVE = 400 };
/* hyphen_max_lines is clamped to this (the classes of a break point). */
enum { MAX_HYPHEN_RUN = 4 };

struct kp_node {
    size_t item;             /* the penalty item broken at (nitems: the paragraph's end) */
    size_t start;            /* first char of the line after this break */
    size_t vis;              /* the visible end of the line that ends here */
    size_t prev;             /* the break before (NONE at the start) */
    size_t next;             /* the next active break (NONE: the end of the list) */
    double demerits;         /* total from the start of the paragraph */
    int line;                /* lines before this break */
    uint8_t fitness;         /* of the line that ends here */
    uint8_t run;             /* flagged (hyphen) breaks in a row ending here */
    uint8_t inserted;        /* broken at an inserted hyphen */
    uint8_t overfull;        /* the line ending here is wider than the measure */
};

static const size_t NONE = (size_t)-1;

/* ---- first fit ---------------------------------------------------------- */

/* Lines found, growing as first fit finds them. */
typedef struct line_list {
    line_span **v;
    size_t *cap;
    size_t n;
} line_list;

static int push_line(line_list *ll, const line_span *l)
{
    if (grow_array((void **)ll->v, ll->cap, ll->n + 1, sizeof(line_span)))
        return -1;
    (*ll->v)[ll->n++] = *l;
    return 0;
}

/* Are there breaks drawn with a hyphen among the items? */
static int drawn_hyphens(const paragraph *para, size_t nitems)
{
    for (size_t i = 0; i < nitems; i++)
        if (para->items[i].kind == PI_PENALTY && brk_drawn_hyphen(para->items[i].brk))
            return 1;
    return 0;
}

/* Line number `line` from char a to the break at item `at` (nitems: the
 * paragraph's end), visible up to char vis; its width and overfull are the
 * breaker's to set. */
static line_span span_to(const paragraph *para, const para_params *pp, size_t nitems, int line,
                         size_t a, size_t at, size_t vis)
{
    const para_item *it = para->items;
    line_span l = {0};
    l.a = a;
    l.b = at < nitems ? it[at].a : para->t.nchars;
    if (l.b < l.a)
        l.b = l.a;
    l.vis_end = vis < l.a ? l.a : vis;
    l.brk = at < nitems ? it[at].brk : BRK_HARD;
    l.last = l.brk == BRK_HARD;
    l.hyphen = brk_drawn_hyphen(l.brk);
    l.indent = text_line_indent(para, pp, line, a);
    l.avail = pp->width - l.indent;
    return l;
}

/* A candidate break of first fit: the item, the visible width and end. */
typedef struct ff_break {
    long at;
    double w;
    size_t vis;
} ff_break;

/* First fit: each line takes what fits at natural width, into ll. Last-resort
 * penalties (R1.7, R7.2) count only while the line holds no normal break,
 * i.e. when one word alone is wider than the line; it never hyphenates (soft
 * hyphens aside). */
static int first_fit(paragraph *para, size_t nitems, const para_params *pp, line_list *ll)
{
    const para_item *it = para->items;
    size_t start = 0;
    while (start < nitems) {
        double avail = pp->width - text_line_indent(para, pp, (int)ll->n, it[start].a);
        double total = 0, visible = 0;
        size_t vis_end = it[start].a;
        ff_break fit[4] = {{-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}};   /* normal, E1..E3 */
        ff_break any = {-1, 0, 0}, chosen = {-1, 0, 0};
        int overflow = 0;
        size_t i;
        for (i = start; i < nitems; i++) {
            if (it[i].kind == PI_BOX) {
                if (total + it[i].width > avail + TEXT_EPS && !overflow) {
                    overflow = 1;
                    if (fit[0].at >= 0 || fit[1].at >= 0 || fit[2].at >= 0 || fit[3].at >= 0)
                        break;
                }
                total += it[i].width;
                visible = total;
                vis_end = it[i].b;
            } else if (it[i].kind == PI_GLUE) {
                total += it[i].width;
            } else if (it[i].brk != BRK_HYPHEN) {
                double w = visible + (brk_drawn_hyphen(it[i].brk) ? it[i].width : 0);
                ff_break here = {(long)i, w, vis_end};
                if (it[i].brk == BRK_HARD) {
                    chosen = here;
                    break;
                }
                if (overflow) {   /* nothing fitted: the first break of any class */
                    any = here;
                    break;
                }
                int cls = it[i].brk >= BRK_EMERGENCY1 ? it[i].brk - BRK_EMERGENCY1 + 1 : 0;
                int kept = brk_drawn_hyphen(it[i].brk) && (int)ll->n + 1 == pp->unhyphenated_line;
                if (w <= avail + TEXT_EPS && (cls == 0 || fit[0].at < 0) && !kept)
                    fit[cls] = here;
            }
        }
        if (chosen.at < 0) {
            if (i == nitems && !overflow) {
                chosen = (ff_break){(long)nitems, visible, vis_end};
            } else {
                for (int c = 0; c < 4 && chosen.at < 0; c++)
                    chosen = fit[c];
                if (chosen.at < 0)
                    chosen = any;
                if (chosen.at < 0)   /* overflowing to the end */
                    chosen = (ff_break){(long)nitems, visible, vis_end};
            }
        }
        size_t at = (size_t)chosen.at;
        line_span l = span_to(para, pp, nitems, (int)ll->n, it[start].a, at, chosen.vis);
        l.width = chosen.w;
        l.overfull = chosen.w > l.avail + TEXT_OVERFULL_SLACK;
        if (push_line(ll, &l))
            return -1;
        start = at + 1;   /* past nitems after the paragraph's end */
    }
    return 0;
}

/* ---- total fit ---------------------------------------------------------- */

/* One pass of the breaker over para->items. */
typedef struct kp_pass {
    paragraph *para;
    const para_params *pp;
    const line_model *m;
    size_t nitems;
    double threshold;        /* badness limit (HUGE_VAL: none) */
    double extra;            /* emergency stretch, points */
    int final_hyphens;       /* an inserted hyphen may end the line before the last */
    int limited;             /* word spaces widen by at most space_limit */
    int uncapped;            /* badness grows without TeX's cap (the emergency passes) */
    int last;                /* the last pass: it always ends, with an overfull line if it must */
    size_t nn;               /* nodes used */
    size_t head, tail, nactive;
    size_t evaluations, most_active;   /* figures for break_stats, over every pass */
} kp_pass;

typedef struct kp_cand {
    double d;
    size_t from;
} kp_cand;

/* Append a node to the pass (active, at the tail); NONE on OOM. */
static size_t add_node(kp_pass *p, kp_node n)
{
    paragraph *para = p->para;
    if (grow_array((void **)&para->nodes, &para->nodes_cap, p->nn + 1, sizeof(kp_node)))
        return NONE;
    size_t i = p->nn++;
    n.next = NONE;
    para->nodes[i] = n;
    if (p->tail != NONE)
        para->nodes[p->tail].next = i;
    else
        p->head = i;
    p->tail = i;
    p->nactive++;
    return i;
}

/* Take node i out of the active list; before: the active node ahead of it. */
static void deactivate(kp_pass *p, size_t before, size_t i)
{
    kp_node *nodes = p->para->nodes;
    if (before == NONE)
        p->head = nodes[i].next;
    else
        nodes[before].next = nodes[i].next;
    if (p->tail == i)
        p->tail = before;
    p->nactive--;
}

/* A line from active node nd that is too short to fill its measure and has
 * nothing to stretch (r is HUGE_VAL, not feasible in a pass with a badness
 * limit: a word wider than the line broken at its last resorts, far from the
 * end of a line): is every line from the active nodes after nd too? They
 * start later and end at the same break, so they are narrower — when widths
 * only grow along the text (no negative advance) — hold no more word spaces,
 * gaps or glyphs, and have the same measure — when nd and they are not the
 * first line (its own indent; the start node is the oldest, at the head of
 * the list) and no marker hangs (the hang depends on where a line starts).
 * Breaking off the scan there is exact, and makes the last resorts of a word
 * wider than the line cost a few lines weighed per break, not a line's worth
 * of active breaks each. */
static int short_for_all_after(const paragraph *para, const kp_node *nd)
{
    return nd->line >= 1 && !para->hanging && para->widths_grow;
}

/* Run one pass. 1: the paragraph is set (its best last break in *best),
 * 0: not within this pass's limits, -1: out of memory. */
static int kp_run(kp_pass *p, size_t *best)
{
    paragraph *para = p->para;
    const para_item *it = para->items;
    const break_params *bp = p->m->bp;
    const para_params *pp = p->pp;
    int max_run = bp->hyphen_max_lines < 0 ? 0 : bp->hyphen_max_lines > MAX_HYPHEN_RUN
                                                     ? MAX_HYPHEN_RUN : bp->hyphen_max_lines;
    size_t first = p->nitems ? it[0].a : 0, vis = first;
    p->nn = p->nactive = 0;
    p->head = p->tail = NONE;
    kp_node start = {.item = NONE, .start = first, .vis = first, .prev = NONE, .fitness = FIT_DECENT};
    if (add_node(p, start) == NONE)
        return -1;
    for (size_t k = 0; k <= p->nitems; k++) {
        int brk = BRK_HARD;
        if (k < p->nitems) {
            if (it[k].kind == PI_BOX)
                vis = it[k].b;
            if (it[k].kind != PI_PENALTY)
                continue;
            brk = it[k].brk;
        }
        size_t pos = k < p->nitems ? it[k].a : para->t.nchars;
        break_cost c = text_break_cost(&para->t, bp, brk, pos);
        double hyphen = c.inserted ? it[k].width : 0;
        kp_cand cand[FIT_CLASSES][MAX_HYPHEN_RUN + 1];
        for (int f = 0; f < FIT_CLASSES; f++)
            for (int r = 0; r <= MAX_HYPHEN_RUN; r++)
                cand[f][r] = (kp_cand){HUGE_VAL, NONE};
        int any = 0, rescue_over = 0;
        size_t rescue = NONE, before = NONE;
        for (size_t a = p->head; a != NONE;) {
            const kp_node *nd = &para->nodes[a];
            size_t next = nd->next;
            line_shape sh = text_line_shape(para, nd->start, vis, hyphen, c.forced);
            double indent = text_line_indent(para, pp, nd->line, nd->start);
            int over;
            double r = text_line_ratio(p->m, &sh, pp->width - indent, p->extra, &over);
            p->evaluations++;
            int run = c.flagged ? nd->run + 1 : 0;
            double b = over ? TEXT_INF_BAD : text_badness(r, p->uncapped);
            int final_hyphen = c.forced && nd->inserted;
            int too_loose = !over && p->limited && r > 0 && !c.forced &&
                            text_line_too_loose(p->m, &sh, pp->width - indent);
            int unwanted = c.inserted && nd->line + 1 == pp->unhyphenated_line;
            if (!over && !too_loose && !unwanted && b <= p->threshold && run <= max_run &&
                (!final_hyphen || p->final_hyphens)) {
                int fit = text_fitness(r);
                double d = nd->demerits + text_demerits(bp, b, &c, nd->run > 0, fit, nd->fitness) +
                           (final_hyphen ? bp->final_hyphen_demerits : 0);
                if (d < cand[fit][run].d)
                    cand[fit][run] = (kp_cand){d, a};
                any = 1;
            }
            if (over || c.forced) {   /* no later break can be reached from it */
                deactivate(p, before, a);
                rescue = a;   /* the list runs in text order: the latest start wins */
                rescue_over = over;
            } else {
                before = a;
            }
            if (r == HUGE_VAL && b > p->threshold && short_for_all_after(para, nd))
                break;   /* too short to fill, without stretch: so is every line after it */
            a = next;
        }
        if (any) {
            double least = HUGE_VAL;
            for (int f = 0; f < FIT_CLASSES; f++)
                for (int r = 0; r <= max_run; r++)
                    least = fmin(least, cand[f][r].d);
            for (int f = 0; f < FIT_CLASSES; f++)
                for (int r = 0; r <= max_run; r++) {
                    const kp_cand *cd = &cand[f][r];
                    if (cd->from == NONE || cd->d > least + bp->adjacent_demerits)
                        continue;
                    kp_node n = {.item = k, .start = pos, .vis = vis, .prev = cd->from,
                                 .demerits = cd->d, .line = para->nodes[cd->from].line + 1,
                                 .fitness = (uint8_t)f, .run = (uint8_t)r,
                                 .inserted = (uint8_t)c.inserted};
                    if (add_node(p, n) == NONE)
                        return -1;
                }
        } else if (p->nactive == 0) {
            if (!p->last || rescue == NONE)
                return 0;
            /* TeX's artificial break: the line from the latest break left is set
             * as it is (overfull when one piece alone is wider than the measure) */
            const kp_node *rn = &para->nodes[rescue];
            kp_node n = {.item = k, .start = pos, .vis = vis, .prev = rescue,
                         .demerits = rn->demerits, .line = rn->line + 1, .fitness = FIT_DECENT,
                         .inserted = (uint8_t)c.inserted, .overfull = (uint8_t)rescue_over};
            if (add_node(p, n) == NONE)
                return -1;
        }
        while (p->nactive > MAX_ACTIVE)
            deactivate(p, NONE, p->head);
        if (p->nactive > p->most_active)
            p->most_active = p->nactive;
    }
    *best = NONE;
    for (size_t a = p->head; a != NONE; a = para->nodes[a].next)
        if (*best == NONE || para->nodes[a].demerits < para->nodes[*best].demerits)
            *best = a;
    return *best != NONE;
}

/* The lines of the chosen breaks into para->spans. */
static int kp_lines(kp_pass *p, size_t best, size_t *nlines)
{
    paragraph *para = p->para;
    const para_item *it = para->items;
    size_t nl = (size_t)para->nodes[best].line;
    if (grow_array((void **)&para->spans, &para->spans_cap, nl ? nl : 1, sizeof(line_span)))
        return -1;
    for (size_t n = best, k = nl; k > 0 && n != NONE; n = para->nodes[n].prev) {
        const kp_node *nd = &para->nodes[n], *pv = &para->nodes[nd->prev];
        line_span *l = &para->spans[--k];
        *l = span_to(para, p->pp, p->nitems, pv->line, pv->start, nd->item, nd->vis);
        l->width = (l->hyphen ? it[nd->item].width : 0) + para->t.cumw[l->vis_end] -
                   para->t.cumw[l->a];
        l->overfull = nd->overfull;   /* wider than the measure even with all its shrink */
    }
    *nlines = nl;
    return 0;
}

/* ---- both --------------------------------------------------------------- */

/* Count the paragraph set into para->spans into st; ff: first fit's lines,
 * when compared. */
static void count_paragraph(break_stats *st, const paragraph *para, const line_model *m, size_t nl,
                            int pass, double extra, const line_span *ff, size_t nff)
{
    double d = text_lines_demerits(para, m, para->spans, nl, extra, pass >= 3);
    st->paragraphs++;
    st->lines += nl;
    st->demerits += d;
    st->passes[pass]++;
    for (size_t k = 0; k < nl; k++) {
        st->hyphenated += (size_t)para->spans[k].hyphen;
        st->overfull += (size_t)para->spans[k].overfull;
    }
    if (!ff)
        return;
    double f = text_lines_demerits(para, m, ff, nff, extra, pass >= 3);
    double tol = 1e-9 * fmax(1, fabs(f));
    st->compared++;
    st->tf_demerits += d;
    st->ff_demerits += f;
    st->tf_lower += d < f - tol;
    st->tf_equal += fabs(d - f) <= tol;
    st->tf_higher += d > f + tol;
}

int text_break_lines(paragraph *para, hyphenator *h, const text_piece *pieces, const para_params *pp,
                     double narrowest, size_t *nitems, size_t *nlines, line_model *model,
                     break_stats *watch, diag *d)
{
    const break_params *bp = pp->breaking;
    if (text_line_sums(para))
        return diag_oom(d);
    double em;
    line_model m = text_line_model(&para->t, pieces, pp, &em), wide = m;
    const line_model *counted = &m;   /* the model the paragraph's demerits are counted with */
    int rc = 0, pass = 0, compared = bp && bp->total_fit && pp->justify && watch && watch->compare;
    line_list lines = {&para->spans, &para->spans_cap, 0},
              ff = {&para->spans_ff, &para->spans_ff_cap, 0};
    size_t evaluations = 0, most_active = 0;
    double extra = 0;
    *model = m;
    if (!bp || !bp->total_fit) {
        rc = first_fit(para, *nitems, pp, &lines);
        *nlines = lines.n;
    } else {
        kp_pass p = {.para = para, .pp = pp, .m = &m, .nitems = *nitems, .threshold = bp->tolerance,
                     .head = NONE, .tail = NONE};
        size_t best;
        int found = kp_run(&p, &best);
        if (found == 0) {
            pass = 1;
            int hy = bp->hyphenate ? text_hyphenate(h, &para->t, pieces, bp, d) : 0;
            if (hy < 0)
                return -1;
            if (hy > 0 && text_build_items(para, pieces, narrowest, nitems))
                rc = -1;
            p.nitems = *nitems;
            p.threshold = bp->hyphen_tolerance;
            found = rc ? -1 : kp_run(&p, &best);
        }
        if (found == 0 && drawn_hyphens(para, *nitems)) {
            /* the same, a hyphen before the last line allowed at a cost */
            pass = 2;
            p.final_hyphens = 1;
            found = kp_run(&p, &best);
        }
        if (found == 0) {   /* the last: no threshold, emergency stretch, spaces limited */
            pass = 3;
            p.threshold = HUGE_VAL;
            p.extra = extra = bp->emergency_stretch * em;
            p.final_hyphens = p.limited = p.uncapped = 1;
            found = kp_run(&p, &best);
        }
        if (found == 0 && bp->emergency_glyph_scale > m.glyph_scale) {
            /* the same, glyphs narrowing or widening further (Korean editors'
             * 장평): a word that cannot break may still move up */
            pass = 4;
            wide.glyph_scale = bp->emergency_glyph_scale;
            p.m = &wide;
            found = kp_run(&p, &best);
        }
        if (found == 0) {   /* the same without the limit: it always ends */
            pass = 5;
            p.limited = 0;
            p.last = 1;
            found = kp_run(&p, &best);
        }
        if (found > 0)
            rc = kp_lines(&p, best, nlines), *model = *p.m;
        else if (found == 0)   /* the last pass always ends; first fit if it did not */
            rc = first_fit(para, *nitems, pp, &lines), *nlines = lines.n;
        else
            rc = -1;
        counted = p.m;
        evaluations = p.evaluations;
        most_active = p.most_active;
        if (rc == 0 && compared)
            rc = first_fit(para, *nitems, pp, &ff);
    }
    if (rc)
        return diag_oom(d);
    if (bp && watch) {
        watch->evaluations += evaluations;
        if (most_active > watch->most_active)
            watch->most_active = most_active;
        count_paragraph(watch, para, counted, *nlines, pass, extra,
                        compared ? para->spans_ff : NULL, ff.n);
    }
    return 0;
}
