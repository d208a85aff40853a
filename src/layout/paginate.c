/* paginate.c — the page builder: it consumes the slice list of a group and
 * places the slices on pages in one pass — keep-with-next chains, the
 * paragraphs' other settings swapped in where a page would end after an
 * inserted hyphen, figures shrunk to fit, a table's header row again atop
 * each page it continues on, groups (releases, weekly bulletins) starting
 * pages (right-hand ones two-sided, a blank left-hand page before when
 * needed), the notes their lines cite at the pages' feet (notes.c), and
 * anchors. Closed pages go to the hand-off (handoff.c). */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* ---- pages ------------------------------------------------------------ */

int lay_page_close(pager *P)
{
    if (!P->open)
        return 0;
    if (lay_notes_close(P->notes, P))
        return -1;
    P->open = 0;
    if (lay_page_done(P->out, P))   /* to the sink */
        return -1;
    P->nitems = 0;
    return 0;
}

/* A new page in the current numbering, with what its running heads need. */
static int page_push(pager *P, int bare)
{
    if (grow_array((void **)&P->pages, &P->pages_cap, P->npages + 1, sizeof *P->pages) ||
        grow_array((void **)&P->pinfo, &P->pinfo_cap, P->npages + 1, sizeof *P->pinfo))
        return diag_oom(P->d);
    P->pages[P->npages] = (page){.number = (int)P->npages + 1, .numbering = P->numbering,
                                 .width = P->st->page_w, .height = P->st->page_h};
    page_info pi = P->subject;
    pi.opening = 0;
    pi.bare = bare || P->subject.bare;
    P->pinfo[P->npages] = pi;
    P->npages++;
    return 0;
}

item *lay_page_item(pager *P)
{
    if (grow_array((void **)&P->items, &P->items_cap, P->nitems + 1, sizeof *P->items)) {
        diag_oom(P->d);
        return NULL;
    }
    item *it = &P->items[P->nitems++];
    memset(it, 0, sizeof *it);
    return it;
}

int lay_page_new(pager *P, int right_hand)
{
    if (lay_page_close(P))
        return -1;
    if (right_hand && lay_left_hand(P->st, (int)P->npages + 1)) {
        /* a blank left-hand page: nothing on it, not even its folio */
        if (page_push(P, 1))
            return -1;
    }
    if (page_push(P, 0))
        return -1;
    P->pinfo[P->npages - 1].opening = right_hand;
    P->open = 1;
    P->has_content = 0;
    P->cursor = P->fr.top;
    P->left = lay_frame_left(P->st, (int)P->npages);
    return lay_notes_carry(P->notes, P);   /* a long note continues at this page's foot */
}

void lay_pager_free(pager *P)
{
    free(P->pages);
    free(P->pinfo);
    free(P->items);
    free(P->anchors);
}

/* ---- placing slices --------------------------------------------------- */

int lay_place_items(pager *P, const item *items, const slice *s, double dx, double top)
{
    for (size_t k = 0; k < s->nitems; k++) {
        item *it = lay_page_item(P);
        if (!it)
            return -1;
        *it = items[s->first_item + k];
        it->x += dx;
        it->y += top;
    }
    return 0;
}

int lay_record_anchor(pager *P, const node *n, double y)
{
    if (grow_array((void **)&P->anchors, &P->anchors_cap, P->nanchors + 1, sizeof *P->anchors))
        return diag_oom(P->d);
    P->anchors[P->nanchors++] = (anchor){n, (int)P->npages - 1, y};
    return 0;
}

/* Height of the keep-with-next chain starting at slice i (its own space
 * excluded), with the first lines of the notes its lines cite, which go to
 * the page's foot with them (a rule's space too much when two of them cite). */
static double chain_height(const pager *P, size_t i, size_t *last)
{
    const slice_list *S = P->in;
    double h = S->v[i].height + lay_notes_need(P->notes, S, i);
    size_t j = i;
    for (; S->v[j].keep_with_next && j + 1 < S->n; j++) {
        const slice *s = &S->v[j + 1];
        if (s->starts_group)
            break;
        h += s->space_before + s->height + lay_notes_need(P->notes, S, j + 1);
    }
    if (last)
        *last = j;
    return h;
}

/* Exchange the slices (and citations) of a paragraph that alternate a stands
 * in for with its own; the space before and a group start stay with the place. */
static void exchange_alternate(slice_list *S, const alternate *a)
{
    alternates *A = &S->alt;
    for (size_t k = 0; k < a->nlines - a->from; k++) {
        slice *s = &S->v[a->para + a->from + k], *t = &A->sl[a->first + k], keep = *s;
        t->space_before = s->space_before;
        t->starts_group = s->starts_group;
        t->group = s->group;
        *s = *t;
        *t = keep;
    }
    for (size_t k = 0; k < a->nrefs; k++) {
        note_ref r = S->refs[a->refs_at + k];
        S->refs[a->refs_at + k] = A->refs[a->first_ref + k];
        A->refs[a->first_ref + k] = r;
    }
}

/* The keep chain from slice i (a heading's, a paragraph's) is taller than
 * avail: swap in another setting of a paragraph in it (its lines before i
 * the same) with which it fits. 1 when one was swapped in, 0 when none fits. */
static int swap_alternate_in(pager *P, size_t i, double avail)
{
    alternates *A = &P->in->alt;
    size_t last;
    chain_height(P, i, &last);
    while (A->next < A->n && A->v[A->next].para + A->v[A->next].nlines <= i)
        A->next++;
    for (size_t k = A->next; k < A->n && A->v[k].para <= last; k++) {
        alternate *a = &A->v[k];
        if (a->spent || a->para + a->from < i)
            continue;   /* it would change a line already placed */
        exchange_alternate(P->in, a);
        if (chain_height(P, i, NULL) <= avail + FIT_SLACK) {
            for (size_t j = A->next; j < A->n && A->v[j].para <= last; j++)
                A->v[j].spent |= A->v[j].para == a->para;
            return 1;
        }
        exchange_alternate(P->in, a);
    }
    return 0;
}

static int place_figure(pager *P, slice *s, double *space)
{
    double w = s->fig_w, h = s->fig_h;
    double avail = P->cursor - *space - (P->fr.bottom + P->notes->foot);
    if (P->has_content && h > avail) {
        if (avail >= P->st->figure_min_fit * h && avail >= P->st->figure_min_height) {
            w *= avail / h;
            h = avail;
        } else {
            if (lay_page_new(P, 0))
                return -1;
            *space = 0;
        }
    }
    double top = P->cursor - *space;
    item *it = lay_page_item(P);
    if (!it)
        return -1;
    int decorative = (s->figure->flags & NF_DECORATIVE) != 0;   /* no alt text: an artifact */
    *it = (item){.kind = ITEM_IMAGE, .node = s->figure, .image = s->figure->image,
                 .artifact = decorative ? ART_LAYOUT : ART_NONE,
                 .x = P->left + s->fig_left + (s->fig_width - w) / 2, .y = top - h,
                 .w = w, .h = h};
    s->height = h;
    return 0;
}

/* A table continues on a new page: its header row again at the top, as an
 * artifact (the header in the structure tree stays the first one). */
static int repeat_rows(pager *P, const slice *s)
{
    const slice_list *S = P->in;
    for (size_t h = s->repeat_first; h < s->repeat_first + s->repeat_n; h++) {
        const slice *hs = &S->v[h];
        for (size_t k = 0; k < hs->nitems; k++) {
            const item *src = &S->items[hs->first_item + k];
            if (src->kind == ITEM_LINK)
                continue;   /* one link annotation per link: the first row has it */
            item *it = lay_page_item(P);
            if (!it)
                return -1;
            *it = *src;
            it->node = NULL;
            it->artifact = ART_LAYOUT;
            it->x += P->left;
            it->y += P->cursor;
        }
        P->cursor -= hs->height;
    }
    P->has_content = 1;
    return 0;
}

/* A group starts at slice s: the release (or part) its pages are about, on
 * a page of its own — the open one when it is still empty and right-hand,
 * or when the group shares its part's page. */
static int start_group(pager *P, const slice *s)
{
    const node *g = s->group;
    P->subject.release = g && g->kind == N_SECT ? g : NULL;
    if (g && g->kind == N_PART)
        P->subject.part = g;
    int shares = P->continue_group && P->open && P->has_content;
    P->continue_group = 0;
    if (!shares && (!P->open || P->has_content || lay_left_hand(P->st, (int)P->npages)))
        return lay_page_new(P, 1);
    /* the open page is the group's own: an empty right-hand one, or its part's */
    page_info *pi = &P->pinfo[P->npages - 1];
    pi->release = P->subject.release;
    pi->part = P->subject.part;
    pi->opening = 1;
    return 0;
}

int lay_flush(pager *P)
{
    slice_list *S = P->in;
    double frame_h = P->fr.top - P->fr.bottom;
    size_t next_anchor = 0;
    for (size_t i = 0; i < S->n; i++) {
        slice *s = &S->v[i];
        if (s->starts_group && start_group(P, s))
            return -1;
        if (!P->open && lay_page_new(P, 0))
            return -1;
        double foot = P->notes->foot;
        double space = P->has_content ? s->space_before : 0;
        double avail = P->cursor - space - (P->fr.bottom + foot);
        if (P->has_content && s->keep_with_next && (i == 0 || !s[-1].keep_with_next)) {
            double ch = chain_height(P, i, NULL);
            if (ch > avail + FIT_SLACK && ch <= frame_h && swap_alternate_in(P, i, avail))
                ch = chain_height(P, i, NULL);   /* a page may end in a paragraph after all */
            if (ch > avail + FIT_SLACK && ch <= frame_h) {
                if (lay_page_new(P, 0))
                    return -1;
                space = 0;
            }
        }
        if (s->figure) {
            if (place_figure(P, s, &space))
                return -1;
        } else if (P->has_content &&
                   s->height + lay_notes_need(P->notes, S, i) >
                       P->cursor - space - (P->fr.bottom + P->notes->foot) + FIT_SLACK) {
            if (lay_page_new(P, 0))   /* the line, and the first lines of a note it cites */
                return -1;
            space = 0;
        }
        if (s->repeat_n && !P->has_content && repeat_rows(P, s))
            return -1;
        double top = P->cursor - space;
        if (lay_place_items(P, S->items, s, P->left, top))
            return -1;
        for (; next_anchor < S->nanchors && S->anchors[next_anchor].slice <= i; next_anchor++)
            if (lay_record_anchor(P, S->anchors[next_anchor].node, top))
                return -1;
        P->cursor = top - s->height;
        P->has_content = 1;
        if (lay_notes_place(P->notes, S, P, i))
            return -1;
    }
    /* anchors after the last slice (an empty heading at the very end) */
    for (; next_anchor < S->nanchors; next_anchor++) {
        if (!P->open && lay_page_new(P, S->pending_group))
            return -1;
        if (lay_record_anchor(P, S->anchors[next_anchor].node, P->cursor))
            return -1;
    }
    lay_slices_clear(S);
    return 0;
}
