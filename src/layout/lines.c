/* lines.c — text set into lines and lines into slices: the style's
 * breaking values handed to text, the glyph items and link areas of a line,
 * labels waiting for a first line, and one slice per line with the keeps of
 * orphan and widow control and of lines ending with an inserted hyphen —
 * with, aside, the settings of a paragraph in which such a line ends without
 * one, which the paginator may swap in to end a page there. */
#include <string.h>
#include "layout-private.h"

break_params layout_break_params(const style *st)
{
    return (break_params){
        .total_fit = st->total_fit, .hyphenate = st->hyphenate, .tolerance = st->tolerance,
        .hyphen_tolerance = st->hyphen_tolerance, .emergency_stretch = st->emergency_stretch,
        .line_penalty = st->line_penalty, .hyphen_penalty = st->hyphen_penalty,
        .last_resort_penalty = st->last_resort_penalty,
        .adjacent_demerits = st->adjacent_demerits,
        .double_hyphen_demerits = st->double_hyphen_demerits,
        .final_hyphen_demerits = st->final_hyphen_demerits,
        .hyphen_min_before = st->hyphen_min_before, .hyphen_min_after = st->hyphen_min_after,
        .hyphen_max_lines = st->hyphen_max_lines, .space_stretch = st->space_stretch,
        .space_shrink = st->space_shrink, .gap_after = st->gap_after,
        .gap_shrink = st->gap_shrink, .glyph_scale = st->glyph_scale,
        .emergency_glyph_scale = st->emergency_glyph_scale,
        .space_limit = st->space_limit, .ragged_stretch = st->ragged_stretch};
}

int lay_set(lay *L, const text_piece *p, size_t n, double width, double first_indent,
            double rest_indent, int justify, text_line **lines, int *nlines)
{
    para_params pp = {.width = width, .first_indent = first_indent, .rest_indent = rest_indent,
                      .justify = justify};
    return lay_set_para(L, p, n, &pp, lines, nlines);
}

int lay_set_para(lay *L, const text_piece *p, size_t n, const para_params *how,
                 text_line **lines, int *nlines)
{
    *lines = NULL;
    *nlines = 0;
    if (!n)
        return 0;
    break_params bp = layout_break_params(L->st);
    bp.hyphenate = bp.hyphenate && how->justify;   /* not headings, not ragged text */
    para_params pp = *how;
    pp.width = how->width > 1 ? how->width : 1;
    pp.syllable_break = L->st->korean_syllable_break;
    pp.breaking = &bp;
    if (paragraph_set(L->ts, L->a, p, (int)n, &pp, lines, nlines, L->d))
        return -1;
    return 0;
}

int lay_set_inline(lay *L, const node *n, const env *e, const para_params *how,
                   text_line **lines, int *nlines)
{
    piece_vec *pv = &L->pieces;
    pv->n = 0;
    if (lay_inline(L, n, e, pv))
        return -1;
    return lay_set_para(L, pv->v, pv->n, how, lines, nlines);
}

double lay_baseline(const lay *L, double pitch, double size)
{
    return (pitch - size) / 2 + L->st->baseline * size;
}

/* The N_LINK a run belongs to (its tag or an ancestor inside the paragraph). */
static const node *link_of(const node *tag)
{
    for (const node *n = tag; n && (n->kind == N_LINK || n->kind == N_SPAN ||
                                    n->kind == N_REFERENCE || n->kind == N_CODE);
         n = n->parent)
        if (n->kind == N_LINK)
            return n;
    return NULL;
}

int lay_link_item(lay *L, const node *link, double x0, double x1, double y, double size,
                  double rise)
{
    item *it = lay_item(L);
    if (!it)
        return -1;
    *it = (item){.kind = ITEM_LINK, .node = link, .x = x0, .y = y + rise - L->st->link_depth * size,
                 .w = x1 - x0, .h = L->st->link_height * size,
                 .uri = link->target ? NULL : link->text, .dest = link->target};
    return 0;
}

int lay_line_items(lay *L, const text_line *ln, double x, double y)
{
    const node *cur = NULL;
    double gx0 = 0, gx1 = 0, gsize = 0, grise = 0;
    for (int r = 0; r < ln->nruns; r++) {
        const glyph_run *run = &ln->runs[r];
        const node *lk = link_of(run->tag);
        if (cur && lk != cur) {
            if (lay_link_item(L, cur, gx0, gx1, y, gsize, grise))
                return -1;
            cur = NULL;
        }
        item *it = lay_item(L);
        if (!it)
            return -1;
        *it = (item){.kind = ITEM_GLYPHS, .node = run->tag, .run = run, .x = x + run->x, .y = y};
        if (lk && lk->target && lk->target->kind == N_NOTE && lay_note_ref(L, lk->target))
            return -1;
        if (lk) {
            if (!cur) {
                cur = lk;
                gx0 = x + run->x;
                gsize = run->size;
                grise = run->rise;
            }
            gx1 = x + run->x + run->width;
            if (run->nglyphs && run->text_len && run->text[run->text_len - 1] == ' ')
                gx1 -= run->advances[run->nglyphs - 1]; /* not over a word space */
            if (run->size > gsize)
                gsize = run->size;
        }
    }
    if (cur && lay_link_item(L, cur, gx0, gx1, y, gsize, grise))
        return -1;
    return 0;
}

/* Put the label that waits for a first line (list, note) on a line of its own. */
int lay_flush_label(lay *L, const env *e)
{
    if (!L->label)
        return 0;
    double size = L->label_size, pitch = size * e->leading;
    if (!lay_slice(L, e, pitch))
        return -1;
    const text_line *lbl = L->label;
    L->label = NULL;
    return lay_line_items(L, lbl, L->label_x, -lay_baseline(L, pitch, size));
}

/* One slice per line of lines[from, n). Orphan and widow control: a paragraph
 * of two lines or more never leaves its first or last line alone on a page;
 * and a page never ends after a line that ends with an inserted hyphen: the
 * line keeps with the next (the paginator may swap in another setting). */
static int emit_range(lay *L, const env *e, const text_line *lines, int from, int n,
                      const line_style *ls)
{
    double pitch = e->size * e->leading, base = lay_baseline(L, pitch, e->size);
    for (int i = from; i < n; i++) {
        slice *s = lay_slice(L, e, pitch);
        if (!s)
            return -1;
        s->keep_with_next = ls->keep_all || (n >= 2 && (i == 0 || i == n - 2)) ||
                            lines[i].hyphenated;
        if (ls->background) {
            item *it = lay_item(L);
            if (!it)
                return -1;
            *it = (item){.kind = ITEM_RECT, .artifact = ART_LAYOUT, .x = e->left, .y = -pitch,
                         .w = e->width, .h = pitch, .color = L->st->code_background};
        }
        if (L->label) {
            const text_line *lbl = L->label;
            L->label = NULL;
            if (lay_line_items(L, lbl, L->label_x, -base))
                return -1;
        }
        double dx = 0;
        if (ls->align == ALIGN_MIDDLE && lines[i].width < e->width - ls->xoff)
            dx = (e->width - ls->xoff - lines[i].width) / 2;
        if (lay_line_items(L, &lines[i], e->left + ls->xoff + dx, -base))
            return -1;
    }
    return 0;
}

int lay_emit_lines(lay *L, const env *e, const text_line *lines, int n, const line_style *ls)
{
    return emit_range(L, e, lines, 0, n, ls);
}

/* Are lines a and b set alike: the same text in the same runs, at the same places? */
static int same_line(const text_line *a, const text_line *b)
{
    if (a->nruns != b->nruns || a->hyphenated != b->hyphenated || a->width != b->width)
        return 0;
    for (int r = 0; r < a->nruns; r++) {
        const glyph_run *p = &a->runs[r], *q = &b->runs[r];
        if (p->x != q->x || p->width != q->width || p->text_len != q->text_len ||
            memcmp(p->text, q->text, p->text_len) != 0)
            return 0;
    }
    return 1;
}

/* The citations (L->refs, in slice order) of slices from `slice` on, among
 * refs [r0, r1): the first's index and how many. */
static size_t refs_from(const lay *L, size_t r0, size_t r1, size_t slice, size_t *n)
{
    while (r0 < r1 && L->refs[r0].slice < slice)
        r0++;
    *n = r1 - r0;
    return r0;
}

/* Keep slices [s0, nslices) and their citations (refs from r0) aside as the
 * alternate of the paragraph whose first line is slice `para`, from its line
 * `from` on, the paragraph's own citations of those lines being refs
 * [refs_at, refs_at + nrefs). Dropped (0) when they cite otherwise. */
static int keep_alternate(lay *L, size_t s0, size_t r0, size_t para, int nlines, int from,
                          size_t refs_at, size_t nrefs)
{
    size_t n = L->nslices - s0, nr = L->nrefs - r0;
    if (nr == nrefs) {
        if (grow_array((void **)&L->alts, &L->alts_cap, L->nalts + 1, sizeof *L->alts) ||
            grow_array((void **)&L->alt_sl, &L->alt_sl_cap, L->nalt_sl + n, sizeof *L->alt_sl) ||
            grow_array((void **)&L->alt_refs, &L->alt_refs_cap, L->nalt_refs + nr,
                       sizeof *L->alt_refs))
            return lay_oom(L, NULL);
        memcpy(L->alt_sl + L->nalt_sl, L->slices + s0, n * sizeof *L->slices);
        for (size_t k = 0; k < nr; k++) {   /* the slices they would stand at */
            note_ref r = L->refs[r0 + k];
            r.slice = r.slice - s0 + para + (size_t)from;
            L->alt_refs[L->nalt_refs + k] = r;
        }
        L->alts[L->nalts++] = (alternate){
            .para = para, .nlines = (size_t)nlines, .from = (size_t)from, .first = L->nalt_sl,
            .refs_at = refs_at, .nrefs = nr, .first_ref = L->nalt_refs};
        L->nalt_sl += n;
        L->nalt_refs += nr;
    }
    L->nslices = s0;   /* the items stay in sitems, for when the slices are swapped in */
    L->nrefs = r0;
    return 0;
}

/* The paragraph of pieces L->pieces set as pp into lines[0, n), emitted from
 * slice `para` on (its label was `label`, its citations refs [r0, nrefs)):
 * set it again for each line that may end a page — not the first, nor one
 * of the last two, which keep with their neighbours — and ends with an
 * inserted hyphen, with that line ending without one, and keep the settings
 * with as many lines aside, from their first line that differs, for the
 * paginator (paginate.c). */
static int make_alternates(lay *L, const env *e, const line_style *ls, para_params pp,
                           const text_line *lines, int n, size_t para, const text_line *label,
                           size_t r0)
{
    const piece_vec *pv = &L->pieces;
    const text_line *waiting = L->label;   /* NULL once the paragraph has a line */
    size_t r1 = L->nrefs;
    for (int k = 1; k + 3 <= n; k++) {
        if (!lines[k].hyphenated)
            continue;
        text_line *alt;
        int m, from = 0;
        pp.unhyphenated_line = k + 1;
        if (lay_set_para(L, pv->v, pv->n, &pp, &alt, &m))
            return -1;
        if (m != n || alt[k].hyphenated)
            continue;   /* swapped in, it would move the slices after it */
        while (from < n && same_line(&lines[from], &alt[from]))
            from++;
        size_t s0 = L->nslices, nrefs, at = refs_from(L, r0, r1, para + (size_t)from, &nrefs);
        L->label = from == 0 ? label : NULL;
        if (emit_range(L, e, alt, from, n, ls) ||
            keep_alternate(L, s0, r1, para, n, from, at, nrefs))
            return -1;
    }
    L->label = waiting;
    return 0;
}

int lay_text_block(lay *L, const node *n, const env *e, int keep_all)
{
    line_style ls = {.keep_all = keep_all};
    return lay_text_lines(L, n, e, &ls);
}

int lay_text_lines(lay *L, const node *n, const env *e, const line_style *ls)
{
    text_line *lines;
    int nlines;
    para_params pp = {.width = e->width - ls->xoff, .justify = e->justify,
                      .hang_marker = ls->hang};
    if (lay_set_inline(L, n, e, &pp, &lines, &nlines))
        return -1;
    size_t para = L->nslices, refs = L->nrefs;
    const text_line *label = L->label;
    if (lay_emit_lines(L, e, lines, nlines, ls))
        return -1;
    if (e->justify && !ls->keep_all)   /* only justified text hyphenates */
        return make_alternates(L, e, ls, pp, lines, nlines, para, label, refs);
    return 0;
}
