/* layout.c — the entry point. The body is laid out first, its pages numbered
 * from 1; then the front matter of a bulletin or volume — the cover and the
 * contents, numbered in lower-case roman — whose page numbers the body
 * already knows, so they never depend on the contents' length (DESIGN §4).
 * The front pages go before the body (an even count of them two-sided, so the
 * body starts on a right-hand page), and the running heads come last. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

static int by_node_id(const void *a, const void *b)
{
    int x = ((const anchor *)a)->node->id, y = ((const anchor *)b)->node->id;
    return x < y ? -1 : x > y;
}

static void lay_free(lay *L)
{
    lay_scratch_free(L);
    lay_notes_free(L);
    free(L->slices);
    free(L->sitems);
    free(L->panchors);
    free(L->alts);
    free(L->alt_sl);
    free(L->alt_refs);
    free(L->pages);
    free(L->pinfo);
    free(L->pitems);
    free(L->anchors);
    free(L->furn);
    free(L->pieces.v);
}

/* The body: every child of the root but the front matter. */
static int lay_body(lay *L, const env *body, const node **cover, const node **contents)
{
    L->numbering = NUMBER_ARABIC;
    for (const node *c = L->doc->root->first; c; c = c->next) {
        int rc;
        if (c->kind == N_DIV && c->role == R_COVER)
            *cover = c, rc = 0;
        else if (c->kind == N_DIV && c->role == R_CONTENTS)
            *contents = c, rc = 0;
        else if (c->kind == N_SECT && c->role == R_INDEX)
            rc = lay_index(L, c, body);
        else if (c->kind == N_SECT || c->kind == N_PART)
            rc = lay_group(L, c, body);
        else
            rc = lay_block(L, c, body);
        if (rc)
            return -1;
    }
    if (lay_flush(L) || (!L->npages && lay_page_new(L, 0)))
        return -1;
    return lay_page_close(L);
}

/* Put the front pages (now in L) before the body's, anchors likewise. */
static int join_front(lay *L, page *body, page_info *binfo, size_t nbody, anchor *banchors,
                      size_t nbanchors)
{
    size_t nfront = L->npages, n = nfront + nbody, na = L->nanchors + nbanchors;
    page *pages = malloc(n * sizeof *pages);
    page_info *pinfo = malloc(n * sizeof *pinfo);
    anchor *anchors = malloc((na ? na : 1) * sizeof *anchors);
    if (!pages || !pinfo || !anchors) {
        free(pages);
        free(pinfo);
        free(anchors);
        return lay_oom(L, NULL);
    }
    memcpy(pages, L->pages, nfront * sizeof *pages);
    memcpy(pages + nfront, body, nbody * sizeof *pages);
    memcpy(pinfo, L->pinfo, nfront * sizeof *pinfo);
    memcpy(pinfo + nfront, binfo, nbody * sizeof *pinfo);
    /* front nodes come first in the tree, so anchors stay in document order */
    memcpy(anchors, L->anchors, L->nanchors * sizeof *anchors);
    for (size_t i = 0; i < nbanchors; i++) {
        anchors[L->nanchors + i] = banchors[i];
        anchors[L->nanchors + i].page += (int)nfront;
    }
    free(L->pages);
    free(L->pinfo);
    free(L->anchors);
    L->pages = pages;
    L->pinfo = pinfo;
    L->anchors = anchors;
    L->npages = L->pages_cap = L->pinfo_cap = n;
    L->nanchors = L->anchors_cap = na;
    L->nfront = nfront;
    L->nsent = n;
    return 0;
}

/* The cover and contents after the body, numbered i, ii, …, then put first. */
static int lay_front(lay *L, const env *body, const node *cover, const node *contents)
{
    page *bpages = L->pages;
    page_info *binfo = L->pinfo;
    anchor *banchors = L->anchors;
    size_t nbody = L->npages, nbanchors = L->nanchors;
    L->pages = NULL;
    L->pinfo = NULL;
    L->anchors = NULL;
    L->npages = L->pages_cap = L->pinfo_cap = L->nanchors = L->anchors_cap = 0;
    L->numbering = NUMBER_ROMAN;
    L->release = L->part = NULL;
    L->making = PART_FRONT;
    L->base_pages = nbody;
    L->nsent = 0;
    int rc = lay_scratch_next(L);   /* the body's text goes: its pages are all handed over */
    if (!rc && cover)
        rc = lay_cover(L, cover, body);
    if (!rc && contents)
        rc = lay_contents(L, contents, body, banchors, nbanchors, bpages);
    if (!rc)
        rc = lay_page_close(L);
    if (!rc && L->st->two_sided && L->npages % 2) {
        /* the body starts on a right-hand page: a blank left-hand one before it */
        rc = lay_page_new(L, 0);
        if (!rc) {
            L->pinfo[L->npages - 1].bare = 1;   /* before it closes: no folio */
            rc = lay_page_close(L);
        }
    }
    if (!rc)
        rc = join_front(L, bpages, binfo, nbody, banchors, nbanchors);
    free(bpages);
    free(binfo);
    free(banchors);
    return rc;
}

/* layout_document's sink: each page's items, and its furniture when it
 * comes, copied into the document's arena, in the page it belongs to. */
static int collect_page(void *user, const page *p, enum page_part part, int index)
{
    lay *L = user;
    (void)part;   /* L->pages is the part being made */
    page *to = &L->pages[index];
    to->items = p->nitems ? arena_array(L->keep, p->nitems, sizeof *p->items) : NULL;
    to->furniture = p->nfurniture ? arena_array(L->keep, p->nfurniture, sizeof *p->items) : NULL;
    if ((p->nitems && !to->items) || (p->nfurniture && !to->furniture))
        return lay_oom(L, NULL);
    if (p->nitems)
        memcpy(to->items, p->items, p->nitems * sizeof *p->items);
    if (p->nfurniture)
        memcpy(to->furniture, p->furniture, p->nfurniture * sizeof *p->items);
    to->nitems = to->cap = p->nitems;
    to->nfurniture = p->nfurniture;
    return 0;
}

static int collect_furniture(void *user, enum page_part part, int index, const item *items,
                             size_t n)
{
    lay *L = user;
    page *to = &L->pages[part == PART_FRONT ? (size_t)index : L->nfront + (size_t)index];
    if (!(to->furniture = arena_array(L->keep, n, sizeof *items)))
        return lay_oom(L, NULL);
    memcpy(to->furniture, items, n * sizeof *items);
    to->nfurniture = n;
    return 0;
}

static int run_layout(const document *doc, const style *st, font_registry *fonts,
                      typesetter *ts, diag *d, const page_sink *sink, display *out)
{
    *out = (display){0};
    lay L = {.doc = doc, .st = st, .fonts = fonts, .ts = ts, .d = d, .a = doc->arena, .keep = doc->arena,
             .sink = sink, .streaming = sink != NULL};
    L.collect = (page_sink){.user = &L, .page = collect_page, .furniture = collect_furniture};
    if (!sink)
        L.sink = &L.collect;
    L.furniture_later = lay_running_needs_total(st);
    L.frame_w = st->page_w - st->margin_inner - st->margin_outer;
    L.frame_top = st->page_h - st->margin_top;
    L.frame_bottom = st->margin_bottom;
    if (!(L.frame_w >= MIN_FRAME) || !(L.frame_top - L.frame_bottom >= MIN_FRAME) ||
        !(st->body_size > 0)) {
        diag_error(d, (srcpos){0}, "page size and margins leave no room for text "
                   "(frame %.0f x %.0f pt)", L.frame_w, L.frame_top - L.frame_bottom);
        return -1;
    }
    if (L.streaming && !(L.a = arena_new())) {
        L.a = L.keep;
        return lay_oom(&L, NULL);
    }
    /* every other chain falls back to the body's: without it nothing can be set */
    int rc = lay_chain(&L, FONT_SERIF, 0, 0) ? 0 : -1;   /* else reported by the text module */
    env body = {.left = 0, .width = L.frame_w, .size = st->body_size,
                .leading = st->body_leading, .role = FONT_SERIF, .justify = st->justify,
                .color = st->text_color, .para_space = st->para_space};
    const node *cover = NULL, *contents = NULL;
    if (!rc)
        rc = doc->root ? lay_body(&L, &body, &cover, &contents) : -1;
    if (!rc && (cover || contents))
        rc = lay_front(&L, &body, cover, contents);
    if (!rc && L.furniture_later)
        rc = lay_running_heads(&L);
    /* in document order for layout_anchor (a footnote's comes when it is placed) */
    if (!rc && L.nanchors > 1 && doc->root->id > 0)
        qsort(L.anchors, L.nanchors, sizeof *L.anchors, by_node_id);
    if (!rc) {
        out->pages = arena_array(L.keep, L.npages, sizeof *out->pages);
        out->anchors = arena_array(L.keep, L.nanchors ? L.nanchors : 1, sizeof *out->anchors);
        if (!out->pages || !out->anchors) {
            rc = lay_oom(&L, NULL);
        } else {
            memcpy(out->pages, L.pages, L.npages * sizeof *out->pages);
            if (L.nanchors)
                memcpy(out->anchors, L.anchors, L.nanchors * sizeof *out->anchors);
            out->npages = (int)L.npages;
            out->nanchors = (int)L.nanchors;
        }
    }
    /* a sink on another thread may still read text set in the scratch arenas */
    if (L.sink->flush && L.sink->flush(L.sink->user) && !rc)
        rc = -1;   /* reported by the sink */
    lay_free(&L);
    if (rc)
        *out = (display){0};
    return rc;
}

int layout_document(const document *doc, const style *st, font_registry *fonts, typesetter *ts,
                    diag *d, display *out)
{
    return run_layout(doc, st, fonts, ts, d, NULL, out);
}

int layout_document_to(const document *doc, const style *st, font_registry *fonts,
                       typesetter *ts, diag *d, const page_sink *sink, display *out)
{
    return run_layout(doc, st, fonts, ts, d, sink, out);
}
