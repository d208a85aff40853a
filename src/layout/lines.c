/* lines.c — lines into slices: the glyph items and link areas of a line,
 * labels waiting for a first line, and one slice per line with the keeps of
 * orphan and widow control and of lines ending with an inserted hyphen —
 * with, aside, the settings of a paragraph in which such a line ends without
 * one, which the page builder may swap in to end a page there. */
#include <string.h>
#include "layout-private.h"

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

int lay_link_item(slice_list *S, const node *link, double x0, double x1, double y,
                  double size, double rise)
{
    item *it = lay_item(S);
    if (!it)
        return -1;
    *it = (item){.kind = ITEM_LINK, .node = link, .x = x0,
                 .y = y + rise - S->st->link_depth * size,
                 .w = x1 - x0, .h = S->st->link_height * size,
                 .uri = link->target ? NULL : link->text, .dest = link->target};
    return 0;
}

int lay_line_items(flow *F, const text_line *ln, double x, double y)
{
    slice_list *S = F->out;
    const node *cur = NULL;
    double gx0 = 0, gx1 = 0, gsize = 0, grise = 0;
    for (int r = 0; r < ln->nruns; r++) {
        const glyph_run *run = &ln->runs[r];
        const node *lk = link_of(run->tag);
        if (cur && lk != cur) {
            if (lay_link_item(S, cur, gx0, gx1, y, gsize, grise))
                return -1;
            cur = NULL;
        }
        item *it = lay_item(S);
        if (!it)
            return -1;
        *it = (item){.kind = ITEM_GLYPHS, .node = run->tag, .run = run, .x = x + run->x, .y = y};
        if (lk && lk->target && lk->target->kind == N_NOTE &&
            lay_note_ref(S, F->notes, lk->target))
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
    if (cur && lay_link_item(S, cur, gx0, gx1, y, gsize, grise))
        return -1;
    return 0;
}

int lay_flush_label(flow *F, const env *e)
{
    if (!F->label)
        return 0;
    double size = F->label_size, pitch = size * e->leading;
    if (!lay_slice(F->out, e, pitch))
        return -1;
    const text_line *lbl = F->label;
    F->label = NULL;
    return lay_line_items(F, lbl, F->label_x, -lay_baseline(F->set->st, pitch, size));
}

/* One slice per line of lines[from, n). Orphan and widow control: a paragraph
 * of two lines or more never leaves its first or last line alone on a page;
 * and a page never ends after a line that ends with an inserted hyphen: the
 * line keeps with the next (the page builder may swap in another setting). */
static int emit_range(flow *F, const env *e, const text_line *lines, int from, int n,
                      const line_style *ls)
{
    const style *st = F->set->st;
    double pitch = e->size * e->leading, base = lay_baseline(st, pitch, e->size);
    for (int i = from; i < n; i++) {
        slice *s = lay_slice(F->out, e, pitch);
        if (!s)
            return -1;
        s->keep_with_next = ls->keep_all || (n >= 2 && (i == 0 || i == n - 2)) ||
                            lines[i].hyphenated;
        if (ls->background) {
            item *it = lay_item(F->out);
            if (!it)
                return -1;
            *it = (item){.kind = ITEM_RECT, .artifact = ART_LAYOUT, .x = e->left, .y = -pitch,
                         .w = e->width, .h = pitch, .color = st->code_background};
        }
        if (F->label) {
            const text_line *lbl = F->label;
            F->label = NULL;
            if (lay_line_items(F, lbl, F->label_x, -base))
                return -1;
        }
        double dx = 0;
        if (ls->align == ALIGN_MIDDLE && lines[i].width < e->width - ls->xoff)
            dx = (e->width - ls->xoff - lines[i].width) / 2;
        if (lay_line_items(F, &lines[i], e->left + ls->xoff + dx, -base))
            return -1;
    }
    return 0;
}

int lay_emit_lines(flow *F, const env *e, const text_line *lines, int n, const line_style *ls)
{
    return emit_range(F, e, lines, 0, n, ls);
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

/* The citations (S->refs, in slice order) of slices from `slice` on, among
 * refs [r0, r1): the first's index and how many. */
static size_t refs_from(const slice_list *S, size_t r0, size_t r1, size_t slice, size_t *n)
{
    while (r0 < r1 && S->refs[r0].slice < slice)
        r0++;
    *n = r1 - r0;
    return r0;
}

/* Keep slices [s0, S->n) and their citations (refs from r0) aside as the
 * alternate of the paragraph whose first line is slice `para`, from its line
 * `from` on, the paragraph's own citations of those lines being refs
 * [refs_at, refs_at + nrefs). Dropped (0) when they cite otherwise. */
static int keep_alternate(slice_list *S, size_t s0, size_t r0, size_t para, int nlines,
                          int from, size_t refs_at, size_t nrefs)
{
    alternates *A = &S->alt;
    size_t n = S->n - s0, nr = S->nrefs - r0;
    if (nr == nrefs) {
        if (grow_array((void **)&A->v, &A->cap, A->n + 1, sizeof *A->v) ||
            grow_array((void **)&A->sl, &A->sl_cap, A->nsl + n, sizeof *A->sl) ||
            grow_array((void **)&A->refs, &A->refs_cap, A->nrefs + nr, sizeof *A->refs))
            return diag_oom(S->d);
        memcpy(A->sl + A->nsl, S->v + s0, n * sizeof *S->v);
        for (size_t k = 0; k < nr; k++) {   /* the slices they would stand at */
            note_ref r = S->refs[r0 + k];
            r.slice = r.slice - s0 + para + (size_t)from;
            A->refs[A->nrefs + k] = r;
        }
        A->v[A->n++] = (alternate){
            .para = para, .nlines = (size_t)nlines, .from = (size_t)from, .first = A->nsl,
            .refs_at = refs_at, .nrefs = nr, .first_ref = A->nrefs};
        A->nsl += n;
        A->nrefs += nr;
    }
    S->n = s0;   /* the items stay in S->items, for when the slices are swapped in */
    S->nrefs = r0;
    return 0;
}

/* The paragraph of pieces F->set->pieces set as pp into lines[0, n),
 * emitted from slice `para` on (its label was `label`, its citations refs
 * [r0, nrefs)): set it again for each line that may end a page — not the
 * first, nor one of the last two, which keep with their neighbours — and
 * ends with an inserted hyphen, with that line ending without one, and keep
 * the settings with as many lines aside, from their first line that
 * differs, for the page builder (paginate.c). */
static int make_alternates(flow *F, const env *e, const line_style *ls, para_params pp,
                           const text_line *lines, int n, size_t para, const text_line *label,
                           size_t r0)
{
    slice_list *S = F->out;
    const piece_vec *pv = &F->set->pieces;
    const text_line *waiting = F->label;   /* NULL once the paragraph has a line */
    size_t r1 = S->nrefs;
    if (paragraph_windowed(pv->v, (int)pv->n))
        return 0;   /* set again per hyphenated line, its lines each time: quadratic */
    for (int k = 1; k + 3 <= n; k++) {
        if (!lines[k].hyphenated)
            continue;
        text_line *alt;
        int m, from = 0;
        pp.unhyphenated_line = k + 1;
        if (lay_set_para(F->set, pv->v, pv->n, &pp, &alt, &m))
            return -1;
        if (m != n || alt[k].hyphenated)
            continue;   /* swapped in, it would move the slices after it */
        while (from < n && same_line(&lines[from], &alt[from]))
            from++;
        size_t s0 = S->n, nrefs, at = refs_from(S, r0, r1, para + (size_t)from, &nrefs);
        F->label = from == 0 ? label : NULL;
        if (emit_range(F, e, alt, from, n, ls) ||
            keep_alternate(S, s0, r1, para, n, from, at, nrefs))
            return -1;
    }
    F->label = waiting;
    return 0;
}

int lay_text_block(flow *F, const node *n, const env *e, int keep_all)
{
    line_style ls = {.keep_all = keep_all};
    return lay_text_lines(F, n, e, &ls);
}

int lay_text_lines(flow *F, const node *n, const env *e, const line_style *ls)
{
    text_line *lines;
    int nlines;
    para_params pp = {.width = e->width - ls->xoff, .justify = e->justify,
                      .hang_marker = ls->hang};
    if (lay_set_inline(F->set, n, e, &pp, &lines, &nlines))
        return -1;
    size_t para = F->out->n, refs = F->out->nrefs;
    const text_line *label = F->label;
    if (lay_emit_lines(F, e, lines, nlines, ls))
        return -1;
    if (e->justify && !ls->keep_all)   /* only justified text hyphenates */
        return make_alternates(F, e, ls, pp, lines, nlines, para, label, refs);
    return 0;
}
