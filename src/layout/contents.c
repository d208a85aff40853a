/* contents.c — the table of contents, laid out after the body so that every
 * entry knows its page: the title set ragged with a hanging indent, dot
 * leaders (an artifact) on a grid so they align down the page, and the
 * page's label flush right on the entry's last line. Title and number are
 * the Link's content, and the whole entry is one click target per line. A
 * volume's weekly bulletins are the first level, their releases the second.
 * The index's entries are set the same way (lay_leader_entry). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* Grid steps a place may pass a grid point by and still be on it. */
#define GRID_SLACK 1e-9

typedef struct toc {
    flow *F;
    const env *body;
    const anchor *anchors;       /* the body's, page indexes into pages */
    size_t nanchors;
    const page *pages;
    const glyph_run *dot;        /* one leader dot, set once */
} toc;

const node *lay_child_of_kind(const node *n, enum node_kind k)
{
    for (const node *c = n ? n->first : NULL; c; c = c->next)
        if (c->kind == k)
            return c;
    return NULL;
}

/* Leader dots of glyph dot on the grid of the style's pitch from the frame's
 * edge, at baseline y: the first at or after x0, the last a pitch before x1
 * (slice coordinates). */
static int leaders(flow *F, const glyph_run *dot, double x0, double x1, double y)
{
    arena *a = F->set->a;
    double pitch = F->set->st->contents_leader;
    if (!dot || pitch <= 0)
        return 0;
    /* a dot that falls a rounding error past a grid point still goes on it */
    long first = lround(ceil(x0 / pitch - GRID_SLACK)), last = lround(floor((x1 - pitch) / pitch));
    if (last < first)
        return 0;
    int n = (int)(last - first + 1);
    glyph_run *r = arena_alloc(a, sizeof *r);
    char *text = arena_alloc(a, (size_t)n + 1);
    uint32_t *gids = arena_array(a, (size_t)n, sizeof *gids);
    uint32_t *clusters = arena_array(a, (size_t)n, sizeof *clusters);
    double *adv = arena_array(a, (size_t)n, sizeof *adv);
    if (!r || !text || !gids || !clusters || !adv)
        return diag_oom(F->set->d);
    *r = *dot;
    for (int i = 0; i < n; i++) {
        text[i] = '.';
        gids[i] = dot->gids[0];
        clusters[i] = (uint32_t)i;
        adv[i] = pitch;
    }
    r->nglyphs = n;
    r->gids = gids;
    r->clusters = clusters;
    r->advances = adv;
    r->offsets = NULL;   /* dots in a row, none offset */
    r->text = text;
    r->text_len = (size_t)n;
    r->width = n * pitch;
    r->x = 0;
    r->tag = NULL;
    item *it = lay_item(F->out);
    if (!it)
        return -1;
    *it = (item){.kind = ITEM_GLYPHS, .artifact = ART_LAYOUT, .run = r, .x = first * pitch,
                 .y = y};
    return 0;
}

/* The glyph items of one line, tagged with the Link (no link areas: the
 * entry makes its own). */
static int line_glyphs(slice_list *S, const text_line *ln, double x, double y)
{
    for (int r = 0; r < ln->nruns; r++) {
        item *it = lay_item(S);
        if (!it)
            return -1;
        *it = (item){.kind = ITEM_GLYPHS, .node = ln->runs[r].tag, .run = &ln->runs[r],
                     .x = x + ln->runs[r].x, .y = y};
    }
    return 0;
}

int lay_leader_entry(flow *F, const node *link, const env *e, double indent, const char *label,
                     const glyph_run *dot, int keep, double space)
{
    setter *S = F->set;
    double hang = e->size;
    double pitch = e->size * e->leading, base = lay_baseline(S->st, pitch, e->size);

    text_line *num = NULL, *lines = NULL;
    int nnum = 0, nlines = 0;
    text_piece np = lay_piece(S, e, link, label, strlen(label));
    np.lang = S->doc->lang;   /* one face for the column of numbers, whatever the title's language */
    if (*label && lay_set(S, &np, 1, ONE_LINE_MEASURE, 0, 0, 0, &num, &nnum))
        return -1;
    double numw = nnum ? num[0].width : 0, gap = S->st->contents_gap;
    para_params pp = {.width = e->width - indent - numw - gap, .rest_indent = hang};
    if (lay_set_inline(S, link, e, &pp, &lines, &nlines))
        return -1;
    if (space > 0)
        lay_want_space(F->out, space);
    for (int i = 0; i < nlines; i++) {
        const text_line *ln = &lines[i];
        int last = i == nlines - 1;
        slice *s = lay_slice(F->out, e, pitch);
        if (!s)
            return -1;
        s->keep_with_next = !last || keep;
        if (line_glyphs(F->out, ln, indent, -base))
            return -1;
        /* the line's text from x0 to x1: lines after the first hang */
        double x0 = indent + (i ? hang : 0), x1 = x0 + ln->width;
        if (last && nnum) {
            double numx = e->width - numw;   /* the dots keep the gap after the text */
            if (leaders(F, dot, x1 + gap, numx, -base) ||
                line_glyphs(F->out, &num[0], numx, -base))
                return -1;
            x1 = e->width;
        }
        if (lay_link_item(F->out, link, e->left + x0, e->left + x1, -base, e->size, 0))
            return -1;
    }
    return 0;
}

/* One entry: TOCI > Reference > Link, at depth level (1, 2); keep: its last
 * line keeps with the entry after it (a weekly bulletin with its releases);
 * strong: set in bold sans, as the entries of a level that has sub-entries
 * (a volume's weekly bulletins, and its index beside them). */
static int entry(toc *t, const node *toci, int level, int keep, int strong)
{
    const style *st = t->F->set->st;
    const node *link = lay_child_of_kind(lay_child_of_kind(toci, N_REFERENCE), N_LINK);
    if (!link)
        return 0;
    const anchor *a = anchor_find(t->anchors, t->nanchors, link->target);
    char label[32] = "";
    if (a)
        page_label(&t->pages[a->page], label, sizeof label);
    env e = *t->body;
    e.size = st->contents_size;
    e.justify = 0;
    e.role = strong ? FONT_SANS : FONT_SERIF;
    e.bold = strong;
    return lay_leader_entry(t->F, link, &e, (level - 1) * st->contents_indent, label, t->dot, keep,
                            strong ? e.para_space : 0);
}

/* The entries of toc (and of the TOCs nested in its entries) at depth level. */
static int entries(toc *t, const node *list, int level)
{
    int strong = 0;   /* does any entry of this level have entries under it? */
    for (const node *toci = list->first; toci && !strong; toci = toci->next)
        strong = toci->kind == N_TOCI && lay_child_of_kind(toci, N_TOC);
    for (const node *toci = list->first; toci; toci = toci->next) {
        if (toci->kind != N_TOCI)
            continue;
        const node *sub = lay_child_of_kind(toci, N_TOC);
        if (entry(t, toci, level, sub != NULL, strong) || (sub && entries(t, sub, level + 1)))
            return -1;
    }
    return 0;
}

const glyph_run *lay_leader_dot(setter *S, const env *body, double size, const node *tag)
{
    env e = *body;
    e.size = size;
    text_piece p = lay_piece(S, &e, tag, ".", 1);
    text_line *ln = NULL;
    int n = 0;
    if (lay_set(S, &p, 1, ONE_LINE_MEASURE, 0, 0, 0, &ln, &n))
        return NULL;
    if (n < 1 || ln[0].nruns < 1 || ln[0].runs[0].nglyphs < 1) {
        diag_internal(S->d, "a leader dot set in no glyph");
        return NULL;
    }
    return &ln[0].runs[0];
}

int lay_contents(flow *F, pager *P, const node *contents, const env *body,
                 const anchor *body_anchors, size_t nbody_anchors, const page *body_pages)
{
    toc t = {F, body, body_anchors, nbody_anchors, body_pages, NULL};
    if (lay_flush(P))
        return -1;
    P->subject.section = contents;
    if (lay_page_new(P, 1))
        return -1;
    for (const node *c = contents->first; c; c = c->next) {
        if (c->kind != N_TOC) {
            if (lay_block(F, c, body))
                return -1;
            continue;
        }
        if (!t.dot && !(t.dot = lay_leader_dot(F->set, body, F->set->st->contents_size, c)))
            return -1;
        if (entries(&t, c, 1))
            return -1;
    }
    int rc = lay_flush(P);
    P->subject.section = NULL;
    return rc;
}
