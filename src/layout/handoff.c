/* handoff.c — finished pages leave layout: each closed page (and any blank
 * page made before it) goes to the page sink with its items and, when the
 * running heads can be set as pages close, its furniture; when they show the
 * count of body pages, every page's furniture goes once all are made.
 * Streaming, the text of each release is set in a scratch arena of its own,
 * freed once every page showing it has been handed over, so a volume never
 * holds its pages at once. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* Free the retired arenas whose pages the sink is done with. */
static void free_handed_over(handoff *H)
{
    size_t made = H->base_pages + H->nsent, kept = 0;
    if (H->sink->done) {   /* pages still in a pipe show text of their arenas */
        size_t done = H->sink->done(H->sink->user);
        made = done < made ? done : made;
    }
    for (size_t i = 0; i < H->nretired; i++) {
        if (H->retired[i].upto <= made)
            arena_free(H->retired[i].a);
        else
            H->retired[kept++] = H->retired[i];
    }
    H->nretired = kept;
}

int lay_page_done(handoff *H, const pager *P)
{
    running *R = H->heads;
    size_t closed = P->npages - 1;   /* the page just closed; blank ones may come before it */
    for (size_t i = H->nsent; i < P->npages; i++) {
        page p = P->pages[i];
        if (i == closed) {
            p.items = P->items;
            p.nitems = p.cap = P->nitems;
        }
        R->nfurn = 0;
        if (!H->furniture_later && lay_page_furniture(R, &P->pages[i], &P->pinfo[i], 0))
            return -1;
        p.furniture = R->nfurn ? R->furn : NULL;
        p.nfurniture = R->nfurn;
        if (H->sink->page(H->sink->user, &p, H->making, (int)i))
            return -1;
        H->nsent = i + 1;
    }
    R->nfurn = 0;
    free_handed_over(H);
    return 0;
}

int lay_scratch_next(handoff *H, arena **current, size_t made)
{
    if (!H->streaming)
        return 0;
    arena *next = arena_new();
    if (!next || grow_array((void **)&H->retired, &H->retired_cap, H->nretired + 1,
                            sizeof *H->retired)) {
        arena_free(next);
        return diag_oom(H->d);
    }
    H->retired[H->nretired++] = (retired_arena){*current, H->base_pages + made};
    *current = next;
    free_handed_over(H);
    return 0;
}

void lay_scratch_free(handoff *H, arena **current)
{
    if (!H->streaming)
        return;
    for (size_t i = 0; i < H->nretired; i++)
        arena_free(H->retired[i].a);
    free(H->retired);
    H->retired = NULL;
    H->nretired = H->retired_cap = 0;
    if (*current != H->keep)
        arena_free(*current);
    *current = H->keep;
}

int lay_running_heads(handoff *H, const pager *P)
{
    running *R = H->heads;
    int body_pages = (int)(P->npages - H->nfront);
    size_t nfront = H->nfront;
    for (size_t i = 0; i < P->npages; i++) {
        if (lay_page_furniture(R, &P->pages[i], &P->pinfo[i], body_pages))
            return -1;
        enum page_part part = i < nfront ? PART_FRONT : PART_BODY;
        int index = (int)(part == PART_FRONT ? i : i - nfront);
        if (R->nfurn && H->sink->furniture(H->sink->user, part, index, R->furn, R->nfurn))
            return -1;
    }
    R->nfurn = 0;
    return 0;
}
