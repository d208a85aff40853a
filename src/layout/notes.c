/* notes.c — footnotes at the foot of the page that cites them. A release's
 * notes (input puts each after the block that first cites it) are laid out
 * ahead, in the note size, and kept aside. A line that cites a note takes it
 * along: the page builder places the line only where the note's first lines
 * fit under it, the note's lines go to the page's foot below a short rule
 * (an artifact), and a long note continues at the foot of the next page. The
 * note's items follow the citing line's in the page's content, so a screen
 * reader meets the note right after the citation. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

static double rule_space(const note_list *N)
{
    return N->st->section_space;
}

double lay_note_rule(const style *st, double column)
{
    double most = column * st->note_rule_share;
    return st->note_rule_length < most ? st->note_rule_length : most;
}

static note_block *find_note(const note_list *N, const node *note)
{
    for (size_t i = 0; i < N->n; i++)
        if (N->v[i].note == note)
            return &N->v[i];
    return NULL;
}

int lay_notes_prepare(note_list *N, flow *F, const node *group, const env *body)
{
    slice_list *S = F->out;
    env ne = lay_note_env(N->st, body);
    N->n = N->nsl = N->nitems = 0;
    S->nrefs = S->next_ref = 0;
    for (const node *c = group->first; c; c = c->next) {
        if (c->kind != N_NOTE)
            continue;
        size_t s0 = S->n, i0 = S->nitems, alts0 = S->alt.n, alt_sl0 = S->alt.nsl,
               alt_refs0 = S->alt.nrefs;
        S->pending_space = 0;
        if (lay_note_block(F, c, &ne))
            return -1;
        S->alt.n = alts0;   /* a note's lines are placed at the foot, without alternates */
        S->alt.nsl = alt_sl0;
        S->alt.nrefs = alt_refs0;
        size_t ns = S->n - s0, ni = S->nitems - i0;
        if (grow_array((void **)&N->v, &N->cap, N->n + 1, sizeof *N->v) ||
            grow_array((void **)&N->sl, &N->sl_cap, N->nsl + ns, sizeof *N->sl) ||
            grow_array((void **)&N->items, &N->items_cap, N->nitems + ni, sizeof *N->items))
            return diag_oom(N->d);
        note_block *nb = &N->v[N->n++];
        *nb = (note_block){.note = c, .first = N->nsl, .n = ns};
        for (size_t k = 0; k < ns; k++) {
            slice s = S->v[s0 + k];
            s.first_item = s.first_item - i0 + N->nitems;
            N->sl[N->nsl++] = s;
        }
        memcpy(N->items + N->nitems, S->items + i0, ni * sizeof *S->items);
        N->nitems += ni;
        S->n = s0;
        S->nitems = i0;
    }
    S->pending_space = 0;
    return 0;
}

int lay_is_prepared_note(const note_list *N, const node *n)
{
    return find_note(N, n) != NULL;
}

int lay_note_ref(slice_list *S, const note_list *N, const node *note)
{
    if (!S->n || !find_note(N, note))
        return 0;   /* laid out inline (uncited notes), or cited from a note */
    size_t s = S->n - 1;
    for (size_t i = S->nrefs; i > 0 && S->refs[i - 1].slice == s; i--)
        if (S->refs[i - 1].note == note)
            return 0;
    if (grow_array((void **)&S->refs, &S->refs_cap, S->nrefs + 1, sizeof *S->refs))
        return diag_oom(S->d);
    S->refs[S->nrefs++] = (note_ref){s, note};
    return 0;
}

/* Height of lines [from, to) of a note on the foot, with the space between
 * notes unless it opens the foot. */
static double lines_height(const note_list *N, const note_block *nb, size_t from, size_t to)
{
    double h = 0;
    for (size_t k = from; k < to; k++) {
        const slice *s = &N->sl[nb->first + k];
        h += s->height + (k == 0 && N->foot > 0 ? s->space_before : 0);
    }
    return h;
}

double lay_notes_need(const note_list *N, const slice_list *S, size_t slice_index)
{
    double need = 0;
    for (size_t r = S->next_ref; r < S->nrefs && S->refs[r].slice <= slice_index; r++) {
        if (S->refs[r].slice != slice_index)
            continue;
        const note_block *nb = find_note(N, S->refs[r].note);
        if (!nb || nb->placed)
            continue;
        /* its first lines stay with the citing line: as far as they keep
         * together (two, or more when they end with inserted hyphens) */
        size_t keep = 1;
        while (keep < nb->n && N->sl[nb->first + keep - 1].keep_with_next)
            keep++;
        need += lines_height(N, nb, 0, keep);
        if (N->foot == 0 && need > 0)
            need += rule_space(N);
        break;   /* later notes of the line may go over to the next page */
    }
    return need;
}

/* Queue lines [from, …) of note `note` (an index in N->v) for the next page's foot. */
static int carry(note_list *N, size_t note, size_t from)
{
    if (grow_array((void **)&N->carry, &N->carry_cap, N->ncarry + 1, sizeof *N->carry))
        return diag_oom(N->d);
    N->carry[N->ncarry++] = (note_carry){note, from};
    return 0;
}

/* Put lines [from, n) of nb at the foot of P's open page as far as they fit
 * above the body (its cursor); what does not fit waits for the next page.
 * The page ends inside the note only after a line that does not keep with
 * the next (orphan, widow, inserted hyphen), unless that would leave none of
 * the note here. */
static int place_lines(note_list *N, pager *P, note_block *nb, size_t from)
{
    size_t end = from;
    for (double foot = N->foot; end < nb->n; end++) {
        const slice *s = &N->sl[nb->first + end];
        double space = end == 0 && foot > 0 ? s->space_before : 0;
        double rule = foot == 0 ? rule_space(N) : 0;
        if (P->cursor - (P->fr.bottom + foot + rule + space + s->height) < -FIT_SLACK &&
            (P->has_content || foot > 0))
            break;
        foot += rule + space + s->height;
    }
    if (end < nb->n)
        while (end > from + 1 && N->sl[nb->first + end - 1].keep_with_next)
            end--;
    for (size_t k = from; k < end; k++) {
        const slice *s = &N->sl[nb->first + k];
        double space = k == 0 && N->foot > 0 ? s->space_before : 0;
        double rule = N->foot == 0 ? rule_space(N) : 0;
        if (k == 0)
            nb->anchor_page = (int)P->npages - 1, nb->anchor_off = N->foot + rule + space;
        N->foot += rule + space;
        for (size_t j = 0; j < s->nitems; j++) {
            item *it = lay_page_item(P);
            if (!it)
                return -1;
            if (grow_array((void **)&N->foot_idx, &N->foot_idx_cap, N->nfoot_idx + 1,
                           sizeof *N->foot_idx))
                return diag_oom(N->d);
            *it = N->items[s->first_item + j];
            it->x += P->left;
            it->y -= N->foot;   /* from the foot area's top, fixed when the page closes */
            N->foot_idx[N->nfoot_idx++] = P->nitems - 1;
        }
        N->foot += s->height;
    }
    nb->placed = 1;
    if (end < nb->n)   /* the rest goes to the next page's foot */
        return carry(N, (size_t)(nb - N->v), end);
    return 0;
}

int lay_notes_place(note_list *N, slice_list *S, pager *P, size_t slice_index)
{
    for (; S->next_ref < S->nrefs && S->refs[S->next_ref].slice <= slice_index; S->next_ref++) {
        const note_ref *r = &S->refs[S->next_ref];
        note_block *nb = find_note(N, r->note);
        if (r->slice != slice_index || !nb || nb->placed)
            continue;
        if (N->ncarry) {   /* notes wait behind a note already carried over */
            if (carry(N, (size_t)(nb - N->v), 0))
                return -1;
            nb->placed = 1;
            continue;
        }
        if (place_lines(N, P, nb, 0))
            return -1;
    }
    return 0;
}

int lay_notes_carry(note_list *N, pager *P)
{
    size_t n = N->ncarry;
    if (!n)
        return 0;
    note_carry *queue = malloc(n * sizeof *queue);
    if (!queue)
        return diag_oom(N->d);
    memcpy(queue, N->carry, n * sizeof *queue);
    N->ncarry = 0;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (N->ncarry)   /* an earlier one did not fit either: keep the order */
            rc = carry(N, queue[i].note, queue[i].from);
        else
            rc = place_lines(N, P, &N->v[queue[i].note], queue[i].from);
    }
    free(queue);
    return rc;
}

int lay_notes_close(note_list *N, pager *P)
{
    if (N->foot <= 0)
        return 0;
    double top = P->fr.bottom + N->foot;
    for (size_t i = 0; i < N->nfoot_idx; i++)
        P->items[N->foot_idx[i]].y += top;
    /* the short rule above the notes */
    item *it = lay_page_item(P);
    if (!it)
        return -1;
    double len = lay_note_rule(N->st, P->fr.w);
    *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = P->left,
                 .y = top - rule_space(N) / 2, .w = len, .line_width = N->st->rule_width,
                 .color = N->st->rule_color};
    for (size_t i = 0; i < N->n; i++) {
        note_block *nb = &N->v[i];
        if (nb->placed && nb->anchor_page == (int)P->npages - 1 && !nb->anchored) {
            nb->anchored = 1;
            if (lay_record_anchor(P, nb->note, top - nb->anchor_off))
                return -1;
        }
    }
    N->foot = 0;
    N->nfoot_idx = 0;
    return 0;
}

void lay_notes_free(note_list *N)
{
    free(N->v);
    free(N->sl);
    free(N->items);
    free(N->carry);
    free(N->foot_idx);
}
