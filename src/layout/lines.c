/* lines.c — text set into lines and lines into slices: the style's
 * breaking values handed to text, the glyph items and link areas of a line,
 * labels waiting for a first line, and one slice per line with the keeps of
 * orphan and widow control. */
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
    if (paragraph_set(L->fs, L->a, p, (int)n, &pp, lines, nlines, L->d))
        return -1;
    return 0;
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
    *it = (item){.kind = ITEM_LINK, .node = link, .x = x0, .y = y + rise - 0.25 * size,
                 .w = x1 - x0, .h = 1.15 * size,
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


/* One slice per line; orphan and widow control: a paragraph of two lines or more
 * never leaves its first or last line alone on a page. */
int lay_emit_lines(lay *L, const env *e, const text_line *lines, int n, const line_style *ls)
{
    double pitch = e->size * e->leading, base = lay_baseline(L, pitch, e->size);
    for (int i = 0; i < n; i++) {
        slice *s = lay_slice(L, e, pitch);
        if (!s)
            return -1;
        s->keep_with_next = ls->keep_all || (n >= 2 && (i == 0 || i == n - 2));
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

int lay_text_block(lay *L, const node *n, const env *e, int keep_all)
{
    line_style ls = {.keep_all = keep_all};
    return lay_text_lines(L, n, e, &ls);
}

int lay_text_lines(lay *L, const node *n, const env *e, const line_style *ls)
{
    piece_vec *pv = &L->pieces;
    pv->n = 0;
    if (lay_inline(L, n, e, pv))
        return -1;
    text_line *lines;
    int nlines;
    para_params pp = {.width = e->width - ls->xoff, .justify = e->justify,
                      .hang_marker = ls->hang};
    if (lay_set_para(L, pv->v, pv->n, &pp, &lines, &nlines))
        return -1;
    return lay_emit_lines(L, e, lines, nlines, ls);
}
