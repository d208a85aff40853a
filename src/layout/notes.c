/* notes.c — footnotes at the foot of the page that cites them. A release's
 * notes (input puts each after the block that first cites it) are laid out
 * ahead, in the note size, and kept aside. A line that cites a note takes it
 * along: the paginator places the line only where the note's first lines fit
 * under it, the note's lines go to the page's foot below a short rule (an
 * artifact), and a long note continues at the foot of the next page. The
 * note's items follow the citing line's in the page's content, so a screen
 * reader meets the note right after the citation. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

static double rule_space(const lay *L)
{
    return L->st->section_space;
}

double lay_note_rule(const style *st, double column)
{
    double most = column * st->note_rule_share;
    return st->note_rule_length < most ? st->note_rule_length : most;
}

static note_block *find_note(lay *L, const node *note)
{
    for (size_t i = 0; i < L->nnotes; i++)
        if (L->notes[i].note == note)
            return &L->notes[i];
    return NULL;
}

int lay_notes_prepare(lay *L, const node *group, const env *body)
{
    env ne = lay_note_env(L, body);
    L->nnotes = L->nnote_sl = L->nnote_it = L->nrefs = L->next_ref = 0;
    for (const node *c = group->first; c; c = c->next) {
        if (c->kind != N_NOTE)
            continue;
        size_t s0 = L->nslices, i0 = L->nsitems, alts0 = L->nalts, alt_sl0 = L->nalt_sl,
               alt_refs0 = L->nalt_refs;
        L->pending_space = 0;
        if (lay_note_block(L, c, &ne))
            return -1;
        L->nalts = alts0;   /* a note's lines are placed at the foot, without alternates */
        L->nalt_sl = alt_sl0;
        L->nalt_refs = alt_refs0;
        size_t ns = L->nslices - s0, ni = L->nsitems - i0;
        if (grow_array((void **)&L->notes, &L->notes_cap, L->nnotes + 1, sizeof *L->notes) ||
            grow_array((void **)&L->note_sl, &L->note_sl_cap, L->nnote_sl + ns, sizeof *L->note_sl) ||
            grow_array((void **)&L->note_it, &L->note_it_cap, L->nnote_it + ni, sizeof *L->note_it))
            return lay_oom(L, c);
        note_block *nb = &L->notes[L->nnotes++];
        *nb = (note_block){.note = c, .first = L->nnote_sl, .n = ns};
        for (size_t k = 0; k < ns; k++) {
            slice s = L->slices[s0 + k];
            s.first_item = s.first_item - i0 + L->nnote_it;
            L->note_sl[L->nnote_sl++] = s;
        }
        memcpy(L->note_it + L->nnote_it, L->sitems + i0, ni * sizeof *L->sitems);
        L->nnote_it += ni;
        L->nslices = s0;
        L->nsitems = i0;
    }
    L->pending_space = 0;
    return 0;
}

int lay_is_prepared_note(lay *L, const node *n)
{
    return find_note(L, n) != NULL;
}

int lay_note_ref(lay *L, const node *note)
{
    if (!L->nslices || !find_note(L, note))
        return 0;   /* laid out inline (uncited notes), or cited from a note */
    size_t s = L->nslices - 1;
    for (size_t i = L->nrefs; i > 0 && L->refs[i - 1].slice == s; i--)
        if (L->refs[i - 1].note == note)
            return 0;
    if (grow_array((void **)&L->refs, &L->refs_cap, L->nrefs + 1, sizeof *L->refs))
        return lay_oom(L, note);
    L->refs[L->nrefs++] = (note_ref){s, note};
    return 0;
}

/* Height of lines [from, to) of a note on the foot, with the space between
 * notes unless it opens the foot. */
static double lines_height(const lay *L, const note_block *nb, size_t from, size_t to)
{
    double h = 0;
    for (size_t k = from; k < to; k++) {
        const slice *s = &L->note_sl[nb->first + k];
        h += s->height + (k == 0 && L->foot > 0 ? s->space_before : 0);
    }
    return h;
}

double lay_notes_need(lay *L, size_t slice_index)
{
    double need = 0;
    for (size_t r = L->next_ref; r < L->nrefs && L->refs[r].slice <= slice_index; r++) {
        if (L->refs[r].slice != slice_index)
            continue;
        note_block *nb = find_note(L, L->refs[r].note);
        if (!nb || nb->placed)
            continue;
        /* its first lines stay with the citing line: as far as they keep
         * together (two, or more when they end with inserted hyphens) */
        size_t keep = 1;
        while (keep < nb->n && L->note_sl[nb->first + keep - 1].keep_with_next)
            keep++;
        need += lines_height(L, nb, 0, keep);
        if (L->foot == 0 && need > 0)
            need += rule_space(L);
        break;   /* later notes of the line may go over to the next page */
    }
    return need;
}

/* Put lines [from, n) of nb at the foot as far as they fit above the body
 * (cursor); what does not fit waits for the next page. The page ends inside
 * the note only after a line that does not keep with the next (orphan,
 * widow, inserted hyphen), unless that would leave none of the note here. */
static int place_lines(lay *L, note_block *nb, size_t from)
{
    size_t end = from;
    for (double foot = L->foot; end < nb->n; end++) {
        const slice *s = &L->note_sl[nb->first + end];
        double space = end == 0 && foot > 0 ? s->space_before : 0;
        double rule = foot == 0 ? rule_space(L) : 0;
        if (L->cursor - (L->frame_bottom + foot + rule + space + s->height) < -FIT_SLACK &&
            (L->page_has_content || foot > 0))
            break;
        foot += rule + space + s->height;
    }
    if (end < nb->n)
        while (end > from + 1 && L->note_sl[nb->first + end - 1].keep_with_next)
            end--;
    for (size_t k = from; k < end; k++) {
        const slice *s = &L->note_sl[nb->first + k];
        double space = k == 0 && L->foot > 0 ? s->space_before : 0;
        double rule = L->foot == 0 ? rule_space(L) : 0;
        if (k == 0)
            nb->anchor_page = (int)L->npages - 1, nb->anchor_off = L->foot + rule + space;
        L->foot += rule + space;
        for (size_t j = 0; j < s->nitems; j++) {
            item *it = lay_page_item(L);
            if (!it || grow_array((void **)&L->foot_idx, &L->foot_idx_cap, L->nfoot_idx + 1,
                                  sizeof *L->foot_idx))
                return lay_oom(L, nb->note);
            *it = L->note_it[s->first_item + j];
            it->x += L->frame_left;
            it->y -= L->foot;   /* from the foot area's top, fixed when the page closes */
            L->foot_idx[L->nfoot_idx++] = L->npitems - 1;
        }
        L->foot += s->height;
    }
    nb->placed = 1;
    if (end < nb->n) {   /* the rest goes to the next page's foot */
        if (grow_array((void **)&L->carry, &L->carry_cap, L->ncarry + 1, sizeof *L->carry))
            return lay_oom(L, nb->note);
        L->carry[L->ncarry++] = (note_carry){(size_t)(nb - L->notes), end};
    }
    return 0;
}

int lay_notes_place(lay *L, size_t slice_index)
{
    for (; L->next_ref < L->nrefs && L->refs[L->next_ref].slice <= slice_index; L->next_ref++) {
        const note_ref *r = &L->refs[L->next_ref];
        note_block *nb = find_note(L, r->note);
        if (r->slice != slice_index || !nb || nb->placed)
            continue;
        if (L->ncarry) {   /* notes wait behind a note already carried over */
            if (grow_array((void **)&L->carry, &L->carry_cap, L->ncarry + 1, sizeof *L->carry))
                return lay_oom(L, nb->note);
            L->carry[L->ncarry++] = (note_carry){(size_t)(nb - L->notes), 0};
            nb->placed = 1;
            continue;
        }
        if (place_lines(L, nb, 0))
            return -1;
    }
    return 0;
}

int lay_notes_carry(lay *L)
{
    size_t n = L->ncarry;
    if (!n)
        return 0;
    note_carry *queue = malloc(n * sizeof *queue);
    if (!queue)
        return lay_oom(L, NULL);
    memcpy(queue, L->carry, n * sizeof *queue);
    L->ncarry = 0;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (L->ncarry) {   /* an earlier one did not fit either: keep the order */
            if (grow_array((void **)&L->carry, &L->carry_cap, L->ncarry + 1, sizeof *L->carry))
                rc = lay_oom(L, NULL);
            else
                L->carry[L->ncarry++] = queue[i];
            continue;
        }
        rc = place_lines(L, &L->notes[queue[i].note], queue[i].from);
    }
    free(queue);
    return rc;
}

int lay_notes_close(lay *L)
{
    if (L->foot <= 0)
        return 0;
    double top = L->frame_bottom + L->foot;
    for (size_t i = 0; i < L->nfoot_idx; i++)
        L->pitems[L->foot_idx[i]].y += top;
    /* the short rule above the notes */
    item *it = lay_page_item(L);
    if (!it)
        return -1;
    double len = lay_note_rule(L->st, L->frame_w);
    *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = L->frame_left,
                 .y = top - rule_space(L) / 2, .w = len, .line_width = L->st->rule_width,
                 .color = L->st->rule_color};
    for (size_t i = 0; i < L->nnotes; i++) {
        note_block *nb = &L->notes[i];
        if (nb->placed && nb->anchor_page == (int)L->npages - 1 && !nb->anchored) {
            nb->anchored = 1;
            if (lay_record_anchor(L, nb->note, top - nb->anchor_off))
                return -1;
        }
    }
    L->foot = 0;
    L->nfoot_idx = 0;
    return 0;
}

void lay_notes_free(lay *L)
{
    free(L->notes);
    free(L->note_sl);
    free(L->note_it);
    free(L->refs);
    free(L->carry);
    free(L->foot_idx);
}
