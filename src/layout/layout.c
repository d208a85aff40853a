/* layout.c — the driver: it makes the parts of the layout state, walks the
 * document and hands each part what it needs. The body is laid out first,
 * its pages numbered from 1: each group (a release, a weekly bulletin) is
 * cut into slices by the blocks, then placed on pages by the page builder;
 * then the front matter of a bulletin or volume — the cover and the
 * contents, numbered in lower-case roman — whose page numbers the body
 * already knows, so they never depend on the contents' length (DESIGN §4).
 * The front pages go before the body (an even count of them two-sided, so the
 * body starts on a right-hand page), and the running heads come last. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* Every part of one layout run; only the driver sees them all. */
typedef struct lay {
    const document *doc;
    const style *st;
    diag *d;
    setter set;
    slice_list slices;
    note_list notes;
    flow fl;
    pager pg;
    running heads;
    handoff out;
    page_sink collect;           /* layout_document's: pages' items copied into the arena */
} lay;

static int by_node_id(const void *a, const void *b)
{
    int x = ((const anchor *)a)->node->id, y = ((const anchor *)b)->node->id;
    return x < y ? -1 : x > y;
}

static void lay_free(lay *L)
{
    lay_scratch_free(&L->out, &L->set.a);
    lay_notes_free(&L->notes);
    lay_slices_free(&L->slices);
    lay_pager_free(&L->pg);
    lay_running_free(&L->heads);
    free(L->set.pieces.v);
}

/* ---- the body ------------------------------------------------------------ */

/* Every slice so far placed, a new scratch arena for what comes (streaming). */
static int next_group(lay *L)
{
    return lay_flush(&L->pg) || lay_scratch_next(&L->out, &L->set.a, L->pg.npages) ? -1 : 0;
}

/* A group (a release, a weekly bulletin); shares_page: it goes on under what
 * is on the open page (a weekly bulletin's first release follows the
 * bulletin's heading). Its blocks are cut into slices, which the page
 * builder places as the group ends (or as a group inside it starts). */
static int lay_group(lay *L, const node *g, const env *body, int shares_page)
{
    if (next_group(L) || (g->kind == N_SECT && lay_notes_prepare(&L->notes, &L->fl, g, body)))
        return -1;
    L->pg.continue_group = shares_page;
    lay_start_group(&L->slices, g);
    if (g->kind == N_SECT && lay_anchor_here(&L->slices, g))
        return -1;
    int first = 1;
    for (const node *c = g->first; c; c = c->next) {
        if (c->kind == N_SECT || c->kind == N_PART) {
            if (lay_group(L, c, body, g->kind == N_PART && first))
                return -1;
            first = 0;
            continue;
        }
        if (lay_block(&L->fl, c, body))
            return -1;
    }
    if (lay_flush(&L->pg))
        return -1;
    while (L->notes.ncarry)   /* the end of a long note: on the pages after */
        if (lay_page_new(&L->pg, 0))
            return -1;
    /* the release's notes are done with the page: close it while they are known */
    if (g->kind == N_SECT && L->notes.n && lay_page_close(&L->pg))
        return -1;
    L->slices.pending_group = 0;
    return 0;
}

/* The body: every child of the root but the front matter. */
static int lay_body(lay *L, const env *body, const node **cover, const node **contents)
{
    L->pg.numbering = NUMBER_ARABIC;
    for (const node *c = L->doc->root->first; c; c = c->next) {
        int rc;
        if (c->kind == N_DIV && c->role == R_COVER)
            *cover = c, rc = 0;
        else if (c->kind == N_DIV && c->role == R_CONTENTS)
            *contents = c, rc = 0;
        else if (c->kind == N_SECT && c->role == R_INDEX)
            rc = next_group(L) || lay_index(&L->fl, &L->pg, c, body);
        else if (c->kind == N_SECT || c->kind == N_PART)
            rc = lay_group(L, c, body, 0);
        else
            rc = lay_block(&L->fl, c, body);
        if (rc)
            return -1;
    }
    if (lay_flush(&L->pg) || (!L->pg.npages && lay_page_new(&L->pg, 0)))
        return -1;
    return lay_page_close(&L->pg);
}

/* ---- the front matter ------------------------------------------------------ */

/* Put the front pages (now in P) before the body's, anchors likewise. */
static int join_front(lay *L, page *body, page_info *binfo, size_t nbody, anchor *banchors,
                      size_t nbanchors)
{
    pager *P = &L->pg;
    size_t nfront = P->npages, n = nfront + nbody, na = P->nanchors + nbanchors;
    page *pages = malloc(n * sizeof *pages);
    page_info *pinfo = malloc(n * sizeof *pinfo);
    anchor *anchors = malloc((na ? na : 1) * sizeof *anchors);
    if (!pages || !pinfo || !anchors) {
        free(pages);
        free(pinfo);
        free(anchors);
        return diag_oom(L->d);
    }
    memcpy(pages, P->pages, nfront * sizeof *pages);
    memcpy(pages + nfront, body, nbody * sizeof *pages);
    memcpy(pinfo, P->pinfo, nfront * sizeof *pinfo);
    memcpy(pinfo + nfront, binfo, nbody * sizeof *pinfo);
    /* front nodes come first in the tree, so anchors stay in document order */
    memcpy(anchors, P->anchors, P->nanchors * sizeof *anchors);
    for (size_t i = 0; i < nbanchors; i++) {
        anchors[P->nanchors + i] = banchors[i];
        anchors[P->nanchors + i].page += (int)nfront;
    }
    free(P->pages);
    free(P->pinfo);
    free(P->anchors);
    P->pages = pages;
    P->pinfo = pinfo;
    P->anchors = anchors;
    P->npages = P->pages_cap = P->pinfo_cap = n;
    P->nanchors = P->anchors_cap = na;
    L->out.nfront = nfront;
    L->out.nsent = n;
    return 0;
}

/* The cover and contents after the body, numbered i, ii, …, then put first. */
static int lay_front(lay *L, const env *body, const node *cover, const node *contents)
{
    pager *P = &L->pg;
    page *bpages = P->pages;
    page_info *binfo = P->pinfo;
    anchor *banchors = P->anchors;
    size_t nbody = P->npages, nbanchors = P->nanchors;
    P->pages = NULL;
    P->pinfo = NULL;
    P->anchors = NULL;
    P->npages = P->pages_cap = P->pinfo_cap = P->nanchors = P->anchors_cap = 0;
    P->numbering = NUMBER_ROMAN;
    P->subject.release = P->subject.part = NULL;
    L->out.making = PART_FRONT;
    L->out.base_pages = nbody;
    L->out.nsent = 0;
    /* the body's text goes: its pages are all handed over */
    int rc = lay_scratch_next(&L->out, &L->set.a, P->npages);
    if (!rc && cover)
        rc = lay_cover(&L->fl, P, cover, body);
    if (!rc && contents)
        rc = lay_contents(&L->fl, P, contents, body, banchors, nbanchors, bpages);
    if (!rc)
        rc = lay_page_close(P);
    if (!rc && L->st->two_sided && P->npages % 2) {
        /* the body starts on a right-hand page: a blank left-hand one before it */
        rc = lay_page_new(P, 0);
        if (!rc) {
            P->pinfo[P->npages - 1].bare = 1;   /* before it closes: no folio */
            rc = lay_page_close(P);
        }
    }
    if (!rc)
        rc = join_front(L, bpages, binfo, nbody, banchors, nbanchors);
    free(bpages);
    free(binfo);
    free(banchors);
    return rc;
}

/* ---- the display ------------------------------------------------------------ */

/* layout_document's sink: each page's items, and its furniture when it
 * comes, copied into the document's arena, in the page it belongs to. */
static int collect_page(void *user, const page *p, enum page_part part, int index)
{
    lay *L = user;
    arena *keep = L->out.keep;
    (void)part;   /* the pager's pages are the part being made */
    page *to = &L->pg.pages[index];
    to->items = p->nitems ? arena_array(keep, p->nitems, sizeof *p->items) : NULL;
    to->furniture = p->nfurniture ? arena_array(keep, p->nfurniture, sizeof *p->items) : NULL;
    if ((p->nitems && !to->items) || (p->nfurniture && !to->furniture))
        return diag_oom(L->d);
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
    page *to = &L->pg.pages[part == PART_FRONT ? (size_t)index : L->out.nfront + (size_t)index];
    if (!(to->furniture = arena_array(L->out.keep, n, sizeof *items)))
        return diag_oom(L->d);
    memcpy(to->furniture, items, n * sizeof *items);
    to->nfurniture = n;
    return 0;
}

/* The finished layout into out (in the document's arena). */
static int make_display(lay *L, display *out)
{
    pager *P = &L->pg;
    /* in document order for layout_anchor (a footnote's comes when it is placed) */
    if (P->nanchors > 1 && L->doc->root->id > 0)
        qsort(P->anchors, P->nanchors, sizeof *P->anchors, by_node_id);
    out->pages = arena_array(L->out.keep, P->npages, sizeof *out->pages);
    out->anchors = arena_array(L->out.keep, P->nanchors ? P->nanchors : 1, sizeof *out->anchors);
    if (!out->pages || !out->anchors)
        return diag_oom(L->d);
    memcpy(out->pages, P->pages, P->npages * sizeof *out->pages);
    if (P->nanchors)
        memcpy(out->anchors, P->anchors, P->nanchors * sizeof *out->anchors);
    out->npages = (int)P->npages;
    out->nanchors = (int)P->nanchors;
    return 0;
}

/* ---- the run ------------------------------------------------------------------ */

/* Wire the parts of L together for doc in st (L zeroed, frame checked). */
static void make_parts(lay *L, const document *doc, const style *st, font_registry *fonts,
                       typesetter *ts, diag *d, const page_sink *sink, const frame *fr)
{
    L->doc = doc;
    L->st = st;
    L->d = d;
    L->set = (setter){.doc = doc, .st = st, .fonts = fonts, .ts = ts, .d = d,
                        .a = doc->arena};
    L->slices = (slice_list){.st = st, .d = d};
    L->notes = (note_list){.st = st, .d = d};
    L->fl = (flow){.set = &L->set, .out = &L->slices, .notes = &L->notes,
                   .frame_h = fr->top - fr->bottom};
    L->heads = (running){.set = &L->set, .keep = doc->arena, .fr = *fr};
    L->collect = (page_sink){.user = L, .page = collect_page, .furniture = collect_furniture};
    L->out = (handoff){.d = d, .sink = sink ? sink : &L->collect, .heads = &L->heads,
                       .furniture_later = lay_running_needs_total(st),
                       .streaming = sink != NULL, .keep = doc->arena, .making = PART_BODY};
    L->pg = (pager){.st = st, .d = d, .fr = *fr, .in = &L->slices, .notes = &L->notes,
                    .out = &L->out};
}

static int run_layout(const document *doc, const style *st, font_registry *fonts,
                      typesetter *ts, diag *d, const page_sink *sink, display *out)
{
    *out = (display){0};
    frame fr;
    if (lay_frame(&fr, st, d))
        return -1;
    if (!doc->root) {
        diag_internal(d, "layout: a document without its root");
        return -1;
    }
    lay *L = calloc(1, sizeof *L);
    if (!L)
        return diag_oom(d);
    make_parts(L, doc, st, fonts, ts, d, sink, &fr);
    int rc = 0;
    if (L->out.streaming && !(L->set.a = arena_new())) {
        L->set.a = doc->arena;
        rc = diag_oom(d);
    }
    /* every other chain falls back to the body's: without it nothing can be set */
    if (!rc && !lay_chain(&L->set, FONT_SERIF, 0, 0))
        rc = -1;   /* reported by the text module */
    env body = {.left = 0, .width = fr.w, .size = st->body_size,
                .leading = st->body_leading, .role = FONT_SERIF, .justify = st->justify,
                .color = st->text_color, .para_space = st->para_space};
    const node *cover = NULL, *contents = NULL;
    if (!rc)
        rc = lay_body(L, &body, &cover, &contents);
    if (!rc && (cover || contents))
        rc = lay_front(L, &body, cover, contents);
    if (!rc && L->out.furniture_later)
        rc = lay_running_heads(&L->out, &L->pg);
    if (!rc)
        rc = make_display(L, out);
    /* a sink on another thread may still read text set in the scratch arenas */
    const page_sink *to = L->out.sink;
    if (to->flush && to->flush(to->user) && !rc)
        rc = -1;   /* reported by the sink */
    lay_free(L);
    free(L);
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
