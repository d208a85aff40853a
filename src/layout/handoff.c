/* handoff.c — finished pages leave layout: each closed page (and any blank
 * page made before it) goes to the page sink with its items and, when the
 * running heads can be set as pages close, its furniture. Streaming, the text
 * of each release is set in a scratch arena of its own, freed once every page
 * showing it has been handed over, so a volume never holds its pages at once. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* Free the retired arenas whose pages the sink is done with. */
static void free_handed_over(lay *L)
{
    size_t made = L->base_pages + L->nsent, kept = 0;
    if (L->sink->done) {   /* pages still in a pipe show text of their arenas */
        size_t done = L->sink->done(L->sink->user);
        made = done < made ? done : made;
    }
    for (size_t i = 0; i < L->nretired; i++) {
        if (L->retired[i].upto <= made)
            arena_free(L->retired[i].a);
        else
            L->retired[kept++] = L->retired[i];
    }
    L->nretired = kept;
}

int lay_page_done(lay *L)
{
    size_t closed = L->npages - 1;   /* the page just closed; blank ones may come before it */
    for (size_t i = L->nsent; i < L->npages; i++) {
        page p = L->pages[i];
        if (i == closed) {
            p.items = L->pitems;
            p.nitems = p.cap = L->npitems;
        }
        L->nfurn = 0;
        if (!L->furniture_later && lay_page_furniture(L, i, 0))
            return -1;
        p.furniture = L->nfurn ? L->furn : NULL;
        p.nfurniture = L->nfurn;
        if (L->sink->page(L->sink->user, &p, L->making, (int)i))
            return -1;
        L->nsent = i + 1;
    }
    L->npitems = 0;
    L->nfurn = 0;
    free_handed_over(L);
    return 0;
}

int lay_scratch_next(lay *L)
{
    if (!L->streaming)
        return 0;
    arena *next = arena_new();
    if (!next || grow_array((void **)&L->retired, &L->retired_cap, L->nretired + 1,
                            sizeof *L->retired)) {
        arena_free(next);
        return lay_oom(L, NULL);
    }
    L->retired[L->nretired++] = (retired_arena){L->a, L->base_pages + L->npages};
    L->a = next;
    free_handed_over(L);
    return 0;
}

void lay_scratch_free(lay *L)
{
    if (!L->streaming)
        return;
    for (size_t i = 0; i < L->nretired; i++)
        arena_free(L->retired[i].a);
    free(L->retired);
    L->retired = NULL;
    L->nretired = L->retired_cap = 0;
    arena_free(L->a);
    L->a = L->keep;
}
