/* slices.c — the slice list: the slices of the group being set and their
 * items (slice-relative), the anchors waiting for the slice they start at,
 * the space asked for before the next slice and the group it starts, the
 * citations of notes and the paragraphs' other settings (alternates). Blocks
 * append to it; the page builder reads it and empties it. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

slice *lay_slice(slice_list *S, const env *e, double height)
{
    if (grow_array((void **)&S->v, &S->cap, S->n + 1, sizeof *S->v)) {
        diag_oom(S->d);
        return NULL;
    }
    slice *s = &S->v[S->n++];
    *s = (slice){.space_before = S->pending_space, .height = height,
                 .first_item = S->nitems};
    S->pending_space = 0;
    if (S->pending_group) {
        s->starts_group = 1;
        s->group = S->pending_group_node;
        S->pending_group = 0;
    }
    for (int b = 0; e && b < e->nbars; b++) {
        item *it = lay_item(S);
        if (!it)
            return NULL;
        *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = e->bar_x[b],
                     .y = -height, .h = height, .line_width = S->st->quote_bar,
                     .color = S->st->rule_color};
    }
    return s;
}

item *lay_item(slice_list *S)
{
    if (!S->n) {
        diag_internal(S->d, "layout: an item before any slice");
        return NULL;
    }
    if (grow_array((void **)&S->items, &S->items_cap, S->nitems + 1, sizeof *S->items)) {
        diag_oom(S->d);
        return NULL;
    }
    item *it = &S->items[S->nitems++];
    memset(it, 0, sizeof *it);
    S->v[S->n - 1].nitems++;
    return it;
}

int lay_anchor_here(slice_list *S, const node *n)
{
    if (grow_array((void **)&S->anchors, &S->anchors_cap, S->nanchors + 1, sizeof *S->anchors))
        return diag_oom(S->d);
    S->anchors[S->nanchors++] = (pending_anchor){S->n, n};
    return 0;
}

void lay_want_space(slice_list *S, double s)
{
    if (s > S->pending_space)
        S->pending_space = s;
}

void lay_start_group(slice_list *S, const node *g)
{
    S->pending_group = 1;
    S->pending_group_node = g;
    S->pending_space = 0;
}

void lay_slices_clear(slice_list *S)
{
    S->n = S->nitems = S->nanchors = 0;
    S->alt.n = S->alt.nsl = S->alt.nrefs = S->alt.next = 0;
    S->nrefs = S->next_ref = 0;
}

void lay_slices_free(slice_list *S)
{
    free(S->v);
    free(S->items);
    free(S->anchors);
    free(S->refs);
    free(S->alt.v);
    free(S->alt.sl);
    free(S->alt.refs);
}
