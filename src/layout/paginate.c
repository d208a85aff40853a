/* paginate.c — the page builder: page templates (mirrored margins, blank
 * pages before right-hand release starts), the placement of slices onto
 * pages with keep-with-next chains and figure fitting, groups (releases,
 * weekly bulletins) starting pages, and anchors. Closed pages go to the sink
 * (handoff.c), running heads with them (running.c); the entry point is layout.c. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

int lay_oom(lay *L, const node *at)
{
    (void)at;   /* out of memory is no place's fault */
    return diag_oom(L->d);
}

/* ---- building slices ------------------------------------------------- */

slice *lay_slice(lay *L, const env *e, double height)
{
    if (grow_array((void **)&L->slices, &L->slices_cap, L->nslices + 1, sizeof *L->slices)) {
        lay_oom(L, NULL);
        return NULL;
    }
    slice *s = &L->slices[L->nslices++];
    *s = (slice){.space_before = L->pending_space, .height = height,
                 .first_item = L->nsitems};
    L->pending_space = 0;
    if (L->pending_group) {
        s->starts_group = 1;
        s->group = L->pending_group_node;
        L->pending_group = 0;
    }
    for (int b = 0; e && b < e->nbars; b++) {
        item *it = lay_item(L);
        if (!it)
            return NULL;
        *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = e->bar_x[b],
                     .y = -height, .h = height, .line_width = L->st->quote_bar,
                     .color = L->st->rule_color};
    }
    return s;
}

item *lay_item(lay *L)
{
    if (!L->nslices)
        return NULL;
    if (grow_array((void **)&L->sitems, &L->sitems_cap, L->nsitems + 1, sizeof *L->sitems)) {
        lay_oom(L, NULL);
        return NULL;
    }
    item *it = &L->sitems[L->nsitems++];
    memset(it, 0, sizeof *it);
    L->slices[L->nslices - 1].nitems++;
    return it;
}

int lay_anchor_here(lay *L, const node *n)
{
    if (grow_array((void **)&L->panchors, &L->panchors_cap, L->npanchors + 1,
                   sizeof *L->panchors))
        return lay_oom(L, n);
    L->panchors[L->npanchors++] = (pending_anchor){L->nslices, n};
    return 0;
}

void lay_want_space(lay *L, double s)
{
    if (s > L->pending_space)
        L->pending_space = s;
}

/* ---- pages ------------------------------------------------------------ */

int lay_page_close(lay *L)
{
    if (!L->page_open)
        return 0;
    if (lay_notes_close(L))
        return -1;
    L->page_open = 0;
    return lay_page_done(L);   /* to the sink (handoff.c) */
}

int lay_left_hand(const style *st, int number)
{
    return st->two_sided && number % 2 == 0;
}

/* A new page in the current numbering, with what its running heads need. */
static int page_push(lay *L, int bare)
{
    if (grow_array((void **)&L->pages, &L->pages_cap, L->npages + 1, sizeof *L->pages) ||
        grow_array((void **)&L->pinfo, &L->pinfo_cap, L->npages + 1, sizeof *L->pinfo))
        return lay_oom(L, NULL);
    L->pages[L->npages] = (page){.number = (int)L->npages + 1, .numbering = L->numbering,
                                 .width = L->st->page_w, .height = L->st->page_h};
    L->pinfo[L->npages] = (page_info){.release = L->release, .part = L->part,
                                      .section = L->section, .bare = bare || L->bare_pages};
    L->npages++;
    return 0;
}

item *lay_page_item(lay *L)
{
    if (grow_array((void **)&L->pitems, &L->pitems_cap, L->npitems + 1, sizeof *L->pitems)) {
        lay_oom(L, NULL);
        return NULL;
    }
    item *it = &L->pitems[L->npitems++];
    memset(it, 0, sizeof *it);
    return it;
}

int lay_page_new(lay *L, int right_hand)
{
    if (lay_page_close(L))
        return -1;
    if (right_hand && lay_left_hand(L->st, (int)L->npages + 1)) {
        /* a blank left-hand page: nothing on it, not even its folio */
        if (page_push(L, 1))
            return -1;
    }
    if (page_push(L, 0))
        return -1;
    L->pinfo[L->npages - 1].opening = right_hand;
    L->page_open = 1;
    L->page_has_content = 0;
    L->cursor = L->frame_top;
    L->frame_left = lay_left_hand(L->st, (int)L->npages) ? L->st->margin_outer
                                                           : L->st->margin_inner;
    return lay_notes_carry(L);   /* a long note continues at this page's foot */
}

/* ---- placing slices --------------------------------------------------- */

int lay_place_items(lay *L, const slice *s, double dx, double top)
{
    for (size_t k = 0; k < s->nitems; k++) {
        item *it = lay_page_item(L);
        if (!it)
            return -1;
        *it = L->sitems[s->first_item + k];
        it->x += dx;
        it->y += top;
    }
    return 0;
}

int lay_record_anchor(lay *L, const node *n, double y)
{
    if (grow_array((void **)&L->anchors, &L->anchors_cap, L->nanchors + 1, sizeof *L->anchors))
        return lay_oom(L, n);
    L->anchors[L->nanchors++] = (anchor){n, (int)L->npages - 1, y};
    return 0;
}

/* Height of the keep-with-next chain starting at slice i (its own space
 * excluded), with the first lines of the notes its lines cite, which go to
 * the page's foot with them (a rule's space too much when two of them cite). */
static double chain_height(lay *L, size_t i, size_t *last)
{
    double h = L->slices[i].height + lay_notes_need(L, i);
    size_t j = i;
    for (; L->slices[j].keep_with_next && j + 1 < L->nslices; j++) {
        const slice *s = &L->slices[j + 1];
        if (s->starts_group)
            break;
        h += s->space_before + s->height + lay_notes_need(L, j + 1);
    }
    if (last)
        *last = j;
    return h;
}

/* Exchange the slices (and citations) of a paragraph that alternate a stands
 * in for with its own; the space before and a group start stay with the place. */
static void exchange_alternate(lay *L, const alternate *a)
{
    for (size_t k = 0; k < a->nlines - a->from; k++) {
        slice *s = &L->slices[a->para + a->from + k], *t = &L->alt_sl[a->first + k], keep = *s;
        t->space_before = s->space_before;
        t->starts_group = s->starts_group;
        t->group = s->group;
        *s = *t;
        *t = keep;
    }
    for (size_t k = 0; k < a->nrefs; k++) {
        note_ref r = L->refs[a->refs_at + k];
        L->refs[a->refs_at + k] = L->alt_refs[a->first_ref + k];
        L->alt_refs[a->first_ref + k] = r;
    }
}

/* The keep chain from slice i (a heading's, a paragraph's) is taller than
 * avail: swap in another setting of a paragraph in it (its lines before i
 * the same) with which it fits. 1 when one was swapped in, 0 when none fits. */
static int swap_alternate_in(lay *L, size_t i, double avail)
{
    size_t last;
    chain_height(L, i, &last);
    while (L->next_alt < L->nalts &&
           L->alts[L->next_alt].para + L->alts[L->next_alt].nlines <= i)
        L->next_alt++;
    for (size_t k = L->next_alt; k < L->nalts && L->alts[k].para <= last; k++) {
        alternate *a = &L->alts[k];
        if (a->spent || a->para + a->from < i)
            continue;   /* it would change a line already placed */
        exchange_alternate(L, a);
        if (chain_height(L, i, NULL) <= avail + FIT_SLACK) {
            for (size_t j = L->next_alt; j < L->nalts && L->alts[j].para <= last; j++)
                L->alts[j].spent |= L->alts[j].para == a->para;
            return 1;
        }
        exchange_alternate(L, a);
    }
    return 0;
}

static int place_figure(lay *L, slice *s, double *space)
{
    double w = s->fig_w, h = s->fig_h;
    double avail = L->cursor - *space - (L->frame_bottom + L->foot);
    if (L->page_has_content && h > avail) {
        if (avail >= L->st->figure_min_fit * h && avail >= L->st->figure_min_height) {
            w *= avail / h;
            h = avail;
        } else {
            if (lay_page_new(L, 0))
                return -1;
            *space = 0;
        }
    }
    double top = L->cursor - *space;
    item *it = lay_page_item(L);
    if (!it)
        return -1;
    int decorative = (s->figure->flags & NF_DECORATIVE) != 0;   /* no alt text: an artifact */
    *it = (item){.kind = ITEM_IMAGE, .node = s->figure, .image = s->figure->image,
                 .artifact = decorative ? ART_LAYOUT : ART_NONE,
                 .x = L->frame_left + s->fig_left + (s->fig_width - w) / 2, .y = top - h,
                 .w = w, .h = h};
    s->height = h;
    return 0;
}

/* A table continues on a new page: its header row again at the top, as an
 * artifact (the header in the structure tree stays the first one). */
static int repeat_rows(lay *L, const slice *s)
{
    for (size_t h = s->repeat_first; h < s->repeat_first + s->repeat_n; h++) {
        const slice *hs = &L->slices[h];
        for (size_t k = 0; k < hs->nitems; k++) {
            const item *src = &L->sitems[hs->first_item + k];
            if (src->kind == ITEM_LINK)
                continue;   /* one link annotation per link: the first row has it */
            item *it = lay_page_item(L);
            if (!it)
                return -1;
            *it = *src;
            it->node = NULL;
            it->artifact = ART_LAYOUT;
            it->x += L->frame_left;
            it->y += L->cursor;
        }
        L->cursor -= hs->height;
    }
    L->page_has_content = 1;
    return 0;
}

int lay_flush(lay *L)
{
    double frame_h = L->frame_top - L->frame_bottom;
    size_t next_anchor = 0;
    for (size_t i = 0; i < L->nslices; i++) {
        slice *s = &L->slices[i];
        if (s->starts_group) {
            const node *g = s->group;
            L->release = g && g->kind == N_SECT ? g : NULL;
            if (g && g->kind == N_PART)
                L->part = g;
            int shares = L->continue_group && L->page_open && L->page_has_content;
            L->continue_group = 0;
            if (!shares && (!L->page_open || L->page_has_content ||
                            lay_left_hand(L->st, (int)L->npages))) {
                if (lay_page_new(L, 1))
                    return -1;
            } else {   /* the open page is the group's own: an empty right-hand one, or its part's */
                page_info *pi = &L->pinfo[L->npages - 1];
                pi->release = L->release;
                pi->part = L->part;
                pi->opening = 1;
            }
        }
        if (!L->page_open && lay_page_new(L, 0))
            return -1;
        double space = L->page_has_content ? s->space_before : 0;
        double avail = L->cursor - space - (L->frame_bottom + L->foot);
        if (L->page_has_content && s->keep_with_next && (i == 0 || !s[-1].keep_with_next)) {
            double ch = chain_height(L, i, NULL);
            if (ch > avail + FIT_SLACK && ch <= frame_h && swap_alternate_in(L, i, avail))
                ch = chain_height(L, i, NULL);   /* a page may end in a paragraph after all */
            if (ch > avail + FIT_SLACK && ch <= frame_h) {
                if (lay_page_new(L, 0))
                    return -1;
                space = 0;
            }
        }
        if (s->figure) {
            if (place_figure(L, s, &space))
                return -1;
        } else if (L->page_has_content &&
                   s->height + lay_notes_need(L, i) >
                       L->cursor - space - (L->frame_bottom + L->foot) + FIT_SLACK) {
            if (lay_page_new(L, 0))   /* the line, and the first lines of a note it cites */
                return -1;
            space = 0;
        }
        if (s->repeat_n && !L->page_has_content && repeat_rows(L, s))
            return -1;
        double top = L->cursor - space;
        if (lay_place_items(L, s, L->frame_left, top))
            return -1;
        for (; next_anchor < L->npanchors && L->panchors[next_anchor].slice <= i; next_anchor++)
            if (lay_record_anchor(L, L->panchors[next_anchor].node, top))
                return -1;
        L->cursor = top - s->height;
        L->page_has_content = 1;
        if (lay_notes_place(L, i))
            return -1;
    }
    /* anchors after the last slice (an empty heading at the very end) */
    for (; next_anchor < L->npanchors; next_anchor++) {
        if (!L->page_open && lay_page_new(L, L->pending_group))
            return -1;
        if (lay_record_anchor(L, L->panchors[next_anchor].node, L->cursor))
            return -1;
    }
    L->nslices = L->nsitems = L->npanchors = 0;
    L->nalts = L->nalt_sl = L->nalt_refs = L->next_alt = 0;
    L->nrefs = L->next_ref = 0;
    return 0;
}

/* ---- groups ---------------------------------------------------------- */

/* A group; shares_page: it goes on under what is on the open page (a weekly
 * bulletin's first release follows the bulletin's heading). */
static int group(lay *L, const node *g, const env *body, int shares_page)
{
    if (lay_flush(L) || lay_scratch_next(L)
        || (g->kind == N_SECT && lay_notes_prepare(L, g, body)))
        return -1;
    L->continue_group = shares_page;
    L->pending_group = 1;
    L->pending_group_node = g;
    L->pending_space = 0;
    if (g->kind == N_SECT && lay_anchor_here(L, g))
        return -1;
    int first = 1;
    for (const node *c = g->first; c; c = c->next) {
        if (c->kind == N_SECT || c->kind == N_PART) {
            if (group(L, c, body, g->kind == N_PART && first))
                return -1;
            first = 0;
            continue;
        }
        if (lay_block(L, c, body))
            return -1;
    }
    if (lay_flush(L))
        return -1;
    while (L->ncarry)   /* the end of a long note: on the pages after */
        if (lay_page_new(L, 0))
            return -1;
    /* the release's notes are done with the page: close it while they are known */
    if (g->kind == N_SECT && L->nnotes && lay_page_close(L))
        return -1;
    L->pending_group = 0;
    return 0;
}

int lay_group(lay *L, const node *g, const env *body)
{
    return group(L, g, body, 0);
}
