/* index.c — the index by department, laid out at the end of the body (its
 * pages numbered on from the releases', with running heads): the heading,
 * then the entries in the style's columns, filled down one column after the
 * other and page after page, the last page's columns balanced. Each piece is
 * a unit that never splits — an initial (ㄱ, A), a department's name, an
 * entry (the release's title with leaders to its page number, as in the
 * contents, and its date and id under it) — and an initial or a department
 * stays with what follows it. A column that opens in the middle of a
 * department's entries repeats the department's name above them, with
 * "(continued)" in the document's words, as an artifact. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* An unbreakable piece of the index: its slices, placed together. */
typedef struct unit {
    size_t first, end;          /* slices [first, end) in the slice list */
    double height;              /* from its first slice's top to its last's foot */
    double space;               /* above it, but at a column's top */
    int keep;                   /* stays in one column with the unit after it */
    const node *anchor;         /* the heading it sets (outline, contents), or NULL */
    long head;                  /* an entry: its department's unit (repeated above a
                                   column it opens), or -1 */
    size_t rep_first, rep_end;  /* a department: its name "(continued)", slices to repeat */
    double rep_height;
    /* where it goes */
    int page;                   /* counted from the index's first page */
    int col;
    double y;                   /* its top, below the column's top */
    int repeat;                 /* its department's name goes above it, again */
} unit;

typedef struct indexer {
    flow *F;
    pager *P;
    unit *u;
    size_t n, cap;
    int cols;
    double col_w, gap;
    anchor *anchors;            /* the body's so far, by node id */
    size_t nanchors;
} indexer;

/* Start a unit at the next slice. */
static unit *unit_begin(indexer *x, double space, int keep, const node *anchor, long head)
{
    slice_list *S = x->F->out;
    if (grow_array((void **)&x->u, &x->cap, x->n + 1, sizeof *x->u)) {
        diag_oom(S->d);
        return NULL;
    }
    unit *u = &x->u[x->n++];
    *u = (unit){.first = S->n, .space = space, .keep = keep, .anchor = anchor, .head = head};
    S->pending_space = 0;
    return u;
}

/* The unit's slices are made: its height. */
static void unit_end(indexer *x, unit *u)
{
    const slice_list *S = x->F->out;
    u->end = S->n;
    u->height = 0;
    for (size_t s = u->first; s < u->end; s++)
        u->height += (s > u->first ? S->v[s].space_before : 0) + S->v[s].height;
}

/* The name of department h followed by "(word)" in the column e, for
 * the top of a column that continues it: slices after the unit's own. */
static int repeat_lines(indexer *x, unit *u, const node *h, const env *e, const char *word)
{
    setter *S = x->F->set;
    piece_vec *pv = &S->pieces;
    pv->n = 0;
    if (lay_inline(S, h, e, pv))
        return -1;
    const char *tail = arena_printf(S->a, " (%s)", word);
    if (!tail)
        return diag_oom(S->d);
    text_piece p = lay_piece(S, e, h, tail, strlen(tail));
    p.lang = S->doc->lang;   /* the word is the document's */
    p.color = S->st->meta_color;
    if (piece_push(S, pv, &p))
        return -1;
    text_line *lines = NULL;
    int n = 0;
    para_params pp = {.width = e->width};
    if (lay_set_para(S, pv->v, pv->n, &pp, &lines, &n))
        return -1;
    double pitch = e->size * e->leading, base = lay_baseline(S->st, pitch, e->size);
    u->rep_first = x->F->out->n;
    for (int i = 0; i < n; i++)
        if (!lay_slice(x->F->out, e, pitch) || lay_line_items(x->F, &lines[i], e->left, -base))
            return -1;
    u->rep_end = x->F->out->n;
    u->rep_height = n * pitch;
    return 0;
}

/* A heading of the index (an initial, a department) in sans bold at size;
 * an initial ruled off under it across the column (an artifact). */
static int heading_unit(indexer *x, const node *h, const env *col, double size, double space,
                        int ruled, const char *continued)
{
    flow *F = x->F;
    const style *st = F->set->st;
    env e = *col;
    e.size = size;
    e.leading = st->heading_leading;
    e.role = FONT_SANS;
    e.bold = 1;
    e.justify = 0;
    unit *u = unit_begin(x, space, 1, h, -1);
    if (!u || lay_text_block(F, h, &e, 1))
        return -1;
    if (ruled) {
        slice *s = lay_slice(F->out, &e, st->para_space);
        item *it = s ? lay_item(F->out) : NULL;
        if (!it)
            return -1;
        s->keep_with_next = 1;
        *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = e.left,
                     .y = -st->para_space / 2, .w = e.width, .line_width = st->rule_width,
                     .color = st->rule_color};
    }
    unit_end(x, &x->u[x->n - 1]);
    return continued ? repeat_lines(x, &x->u[x->n - 1], h, &e, continued) : 0;
}

/* One release: its title and page number, its date and id under them. */
static int entry_unit(indexer *x, const node *li, const env *col, const glyph_run *dot,
                      long head)
{
    flow *F = x->F;
    const style *st = F->set->st;
    const node *body = lay_child_of_kind(li, N_LBODY);
    const node *link = lay_child_of_kind(lay_child_of_kind(body, N_REFERENCE), N_LINK);
    if (!link)
        return 0;
    const anchor *a = anchor_find(x->anchors, x->nanchors, link->target);
    char label[32] = "";
    if (a)
        page_label(&x->P->pages[a->page], label, sizeof label);
    env e = *col;
    e.size = st->index_size;
    e.leading = st->index_leading;
    e.justify = 0;
    double indent = head >= 0 ? st->index_indent : 0;
    if (!unit_begin(x, st->para_space * st->list_item_space, 0, NULL, head)
        || lay_leader_entry(F, link, &e, indent, label, dot, 1, 0))
        return -1;
    for (const node *p = body->first; p; p = p->next) {
        if (p->kind != N_P)
            continue;
        env me = e;
        me.left = e.left + indent;
        me.width = e.width - indent - st->contents_gap;
        me.size = st->index_meta_size;
        me.leading = st->meta_leading;
        me.role = FONT_SANS;
        me.color = st->meta_color;
        if (lay_text_block(F, p, &me, 1))
            return -1;
    }
    F->out->v[F->out->n - 1].keep_with_next = 0;
    unit_end(x, &x->u[x->n - 1]);
    return 0;
}

/* The index's pieces into units, in order. */
static int make_units(indexer *x, const node *index, const env *col)
{
    const style *st = x->F->set->st;
    const glyph_run *dot = lay_leader_dot(x->F->set, col, st->index_size, index);
    if (!dot)
        return -1;
    long head = -1;
    for (const node *c = index->first; c; c = c->next) {
        int r = 0;
        if (c->kind == N_H && c->role == R_INDEX_INITIAL) {
            head = -1;
            r = heading_unit(x, c, col, st->index_initial_size, st->section_space, 1, NULL);
        } else if (c->kind == N_H) {
            head = (long)x->n;
            r = heading_unit(x, c, col, st->index_department_size, st->para_space, 0,
                             index->alt ? index->alt : "");
        } else if (c->kind == N_L) {
            for (const node *li = c->first; li && !r; li = li->next)
                if (li->kind == N_LI)
                    r = entry_unit(x, li, col, dot, head);
        }
        if (r)
            return -1;
    }
    return 0;
}

/* ---- placing units ------------------------------------------------------- */

/* The height a column needs above unit i when it opens there: its
 * department's name again. */
static double repeat_height(const indexer *x, size_t i)
{
    const unit *u = &x->u[i];
    return u->head >= 0 ? x->u[u->head].rep_height + x->u[i].space : 0;
}

/* Units [from, to) into columns, from column col of page 0 whose columns are
 * first_h high (then full pages of full_h), no column higher than limit.
 * Returns the pages used (1: all on the first). */
static int fill(indexer *x, size_t from, size_t to, double first_h, double full_h, double limit)
{
    int page = 0, col = 0;
    double y = 0;   /* how far down the open column is filled */
    for (size_t i = from; i < to; i++) {
        unit *u = &x->u[i];
        double col_h = fmin(page ? full_h : first_h, limit);
        /* what must go with it: the units it keeps with, up to the first that does not */
        double chain = u->height;
        for (size_t j = i; x->u[j].keep && j + 1 < to; j++)
            chain += x->u[j + 1].space + x->u[j + 1].height;
        double need = (y > 0 ? u->space : repeat_height(x, i)) + chain;
        if (y > 0 && y + need > col_h + FIT_SLACK) {
            if (++col == x->cols) {
                col = 0;
                page++;
            }
            y = 0;
        }
        u->page = page;
        u->col = col;
        u->repeat = y == 0 && u->head >= 0 && (size_t)u->head < i
                    && !(i > from && x->u[i - 1].page == page && x->u[i - 1].col == col);
        if (u->repeat)
            y += repeat_height(x, i);
        else if (y > 0)
            y += u->space;
        u->y = y;
        y += u->height;
    }
    return page + 1;
}

/* The units on the last page laid out again in balanced columns: the least
 * height with which they still fit that page's columns. */
static void balance(indexer *x, double first_h, double full_h, int pages)
{
    size_t from = 0;
    while (from < x->n && x->u[from].page < pages - 1)
        from++;
    if (from == x->n)
        return;
    double avail = pages == 1 ? first_h : full_h;
    double lo = 0, hi = avail;
    for (int it = 0; it < BISECT_STEPS; it++) {
        double mid = (lo + hi) / 2;
        if (fill(x, from, x->n, avail, avail, mid) == 1)
            hi = mid;
        else
            lo = mid;
    }
    fill(x, from, x->n, avail, avail, hi);
    for (size_t i = from; i < x->n; i++)
        x->u[i].page = pages - 1;
}

/* Unit u's slices onto the open page at column col, its top top. */
static int place_unit(indexer *x, const unit *u, double top, int artifact)
{
    pager *P = x->P;
    const slice_list *S = x->F->out;
    double left = P->left + u->col * (x->col_w + x->gap), y = top;
    size_t mark = P->nitems;
    for (size_t s = u->first; s < u->end; s++) {
        if (s > u->first)
            y -= S->v[s].space_before;
        if (lay_place_items(P, S->items, &S->v[s], left, y))
            return -1;
        y -= S->v[s].height;
    }
    if (!artifact)
        return 0;
    size_t kept = mark;   /* a repeat is no content: artifacts, and no second link */
    for (size_t k = mark; k < P->nitems; k++) {
        item it = P->items[k];
        if (it.kind == ITEM_LINK)
            continue;
        it.node = NULL;
        it.artifact = ART_LAYOUT;
        P->items[kept++] = it;
    }
    P->nitems = kept;
    return 0;
}

static int place_all(indexer *x)
{
    pager *P = x->P;
    int page = 0;
    double top = P->cursor;
    for (size_t i = 0; i < x->n; i++) {
        const unit *u = &x->u[i];
        if (u->page != page) {
            if (lay_page_new(P, 0))
                return -1;
            page = u->page;
            top = P->cursor;
        }
        if (u->repeat) {
            unit rep = x->u[u->head];
            rep.col = u->col;
            rep.first = rep.rep_first;
            rep.end = rep.rep_end;
            if (place_unit(x, &rep, top, 1))
                return -1;
        }
        if (place_unit(x, u, top - u->y, 0)
            || (u->anchor && lay_record_anchor(P, u->anchor, top - u->y)))
            return -1;
        P->has_content = 1;
    }
    return 0;
}

static int by_node_id(const void *a, const void *b)
{
    int x = ((const anchor *)a)->node->id, y = ((const anchor *)b)->node->id;
    return x < y ? -1 : x > y;
}

int lay_index(flow *F, pager *P, const node *sect, const env *body)
{
    const style *st = P->st;
    slice_list *S = F->out;
    /* its pages' running heads: the document's and the index's */
    P->subject.release = P->subject.part = NULL;
    P->subject.section = sect;
    int rc = -1;
    indexer x = {.F = F, .P = P, .cols = st->index_columns > 0 ? st->index_columns : 1,
                 .gap = st->index_column_gap};
    x.col_w = (P->fr.w - (x.cols - 1) * x.gap) / x.cols;
    if (x.col_w < st->min_measure * st->index_size) {   /* too narrow for an entry: one column */
        x.cols = 1;
        x.col_w = P->fr.w;
    }
    /* the releases' pages, to number the entries (anchors by node id, as anchor_find wants) */
    x.nanchors = P->nanchors;
    x.anchors = malloc((x.nanchors ? x.nanchors : 1) * sizeof *x.anchors);
    if (!x.anchors) {
        diag_oom(P->d);
        goto out;
    }
    if (x.nanchors)
        memcpy(x.anchors, P->anchors, x.nanchors * sizeof *x.anchors);
    qsort(x.anchors, x.nanchors, sizeof *x.anchors, by_node_id);
    if (lay_page_new(P, 1))
        goto out;
    const node *index = NULL;
    for (const node *c = sect->first; c; c = c->next) {
        if (c->kind == N_INDEX)
            index = c;
        else if (lay_block(F, c, body))   /* the heading */
            goto out;
    }
    if (lay_flush(P))
        goto out;
    if (index) {
        env col = *body;
        col.left = 0;
        col.width = x.col_w;
        double first_h = P->cursor - S->pending_space - P->fr.bottom;
        double full_h = P->fr.top - P->fr.bottom;
        P->cursor -= S->pending_space;   /* the space the heading asked for after it */
        S->pending_space = 0;
        if (make_units(&x, index, &col))
            goto out;
        int pages = fill(&x, 0, x.n, first_h, full_h, INFINITY);
        balance(&x, first_h, full_h, pages);
        if (place_all(&x))
            goto out;
        lay_slices_clear(S);   /* the slices are placed: gone, as lay_flush leaves them */
    }
    rc = 0;
out:
    P->subject.section = NULL;
    free(x.u);
    free(x.anchors);
    return rc;
}
