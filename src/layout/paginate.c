/* paginate.c — the layout entry point and the page builder: page templates
 * (mirrored margins, blank pages before right-hand release starts), running
 * header and footer, the placement of slices onto pages with keep-with-next
 * chains and figure fitting, anchors, and copying the result into the arena. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

int lay_oom(lay *L, const node *at)
{
    diag_error(L->d, at ? at->pos : (srcpos){0}, "out of memory during layout");
    return -1;
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
                     .y = -height, .h = height, .line_width = 1.5,
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

static int page_close(lay *L)
{
    if (!L->page_open)
        return 0;
    page *p = &L->pages[L->npages - 1];
    L->page_open = 0;
    if (!L->npitems)
        return 0;
    p->items = arena_array(L->a, L->npitems, sizeof *p->items);
    if (!p->items)
        return lay_oom(L, NULL);
    memcpy(p->items, L->pitems, L->npitems * sizeof *p->items);
    p->nitems = p->cap = L->npitems;
    L->npitems = 0;
    return 0;
}

static int page_push(lay *L)
{
    if (grow_array((void **)&L->pages, &L->pages_cap, L->npages + 1, sizeof *L->pages))
        return lay_oom(L, NULL);
    L->pages[L->npages] = (page){.number = (int)L->npages + 1,
                                 .width = L->st->page_w, .height = L->st->page_h};
    L->npages++;
    return 0;
}

static item *page_item(lay *L)
{
    if (grow_array((void **)&L->pitems, &L->pitems_cap, L->npitems + 1, sizeof *L->pitems)) {
        lay_oom(L, NULL);
        return NULL;
    }
    item *it = &L->pitems[L->npitems++];
    memset(it, 0, sizeof *it);
    return it;
}

/* The text of a running-head field on page `number`, or NULL for none.
 * *varies: the text changes from page to page (not worth caching). */
static const char *field_text(lay *L, const char *field, int number, int *varies)
{
    *varies = 0;
    if (!field || !*field || !strcmp(field, "none"))
        return NULL;
    const release_meta *m = L->release ? L->release->meta : NULL;
    if (!strcmp(field, "title"))
        return L->doc->title;
    if (!strcmp(field, "release")) {
        if (!L->release)
            return NULL;
        return L->release->text ? L->release->text : m ? m->title : NULL;
    }
    if (!strcmp(field, "date"))
        return m && m->date ? m->date : L->doc->date;
    if (!strcmp(field, "page")) {
        *varies = 1;
        return arena_printf(L->a, "%d", number);
    }
    return NULL;
}

static text_piece running_piece(lay *L, const char *text, size_t len)
{
    return (text_piece){.text = text, .len = len,
                        .chain = lay_chain(L, FONT_SANS, 0, 0),
                        .size = L->st->header_size, .color = L->st->text_color,
                        .lang = L->release ? doc_lang(L->release) : L->doc->lang};
}

static double running_width(lay *L, const char *text, size_t len)
{
    text_piece p = running_piece(L, text, len);
    double mn = 0, mx = 0;
    if (!p.chain || paragraph_measure(L->fs, &p, 1, &mn, &mx, L->d))
        return -1;
    return mx;
}

/* The running-head text set on one line no wider than avail: cut at a
 * character boundary with an ellipsis when too long. Cached per text. */
static const text_line *running_set(lay *L, const char *text, double avail, int varies)
{
    for (int i = 0; !varies && i < RUNNING_CACHE; i++)
        if (L->running[i].text == text && L->running[i].avail == avail)
            return L->running[i].line;
    size_t len = strlen(text);
    const char *shown = text;
    double w = running_width(L, text, len);
    if (w < 0)
        return NULL;
    if (w > avail) {
        /* binary search over character boundaries for the longest prefix that fits with "…" */
        size_t *cuts = malloc((len + 1) * sizeof *cuts);
        buf probe = {0};
        if (!cuts) {
            lay_oom(L, NULL);
            return NULL;
        }
        size_t ncuts = 0;
        for (size_t off = 0; off < len;) {
            uint32_t cp;
            int k = utf8_decode(text + off, len - off, &cp);
            off += k > 0 ? (size_t)k : 1;
            cuts[ncuts++] = off;
        }
        size_t lo = 0, hi = ncuts; /* prefixes cuts[0..lo) fit; lo = count of chars kept */
        while (lo < hi) {
            size_t mid = (lo + hi + 1) / 2;
            probe.len = 0;
            if (buf_append(&probe, text, cuts[mid - 1]) || buf_puts(&probe, "\xE2\x80\xA6")) {
                free(cuts);
                buf_free(&probe);
                lay_oom(L, NULL);
                return NULL;
            }
            double pw = running_width(L, probe.data, probe.len);
            if (pw >= 0 && pw <= avail)
                lo = mid;
            else
                hi = mid - 1;
        }
        size_t keep = lo ? cuts[lo - 1] : 0;
        /* no trailing space before the ellipsis */
        while (keep && text[keep - 1] == ' ')
            keep--;
        shown = keep ? arena_printf(L->a, "%.*s\xE2\x80\xA6", (int)keep, text) : NULL;
        free(cuts);
        buf_free(&probe);
        if (!keep)
            return NULL; /* not even one character fits: show nothing */
        if (!shown) {
            lay_oom(L, NULL);
            return NULL;
        }
    }
    text_piece p = running_piece(L, shown, strlen(shown));
    text_line *lines = NULL;
    int n = 0;
    para_params pp = {.width = 1e6};
    if (!p.chain || paragraph_set(L->fs, L->a, &p, 1, &pp, &lines, &n, L->d) || n < 1)
        return NULL;
    if (!varies) {
        running_line *c = &L->running[L->running_next++ % RUNNING_CACHE];
        *c = (running_line){text, avail, &lines[0]};
    }
    return &lines[0];
}

static int running_line_items(lay *L, const text_line *ln, double x, double y,
                              enum artifact_kind art)
{
    for (int r = 0; r < ln->nruns; r++) {
        item *it = page_item(L);
        if (!it)
            return -1;
        *it = (item){.kind = ITEM_GLYPHS, .artifact = art, .run = &ln->runs[r],
                     .x = x + ln->runs[r].x, .y = y};
    }
    return 0;
}

static int running_footer(lay *L, int number);

/* Header (left and right fields, a thin rule under them) and footer (page number). */
static int running_heads(lay *L, int number)
{
    const style *st = L->st;
    double gap = 2 * st->header_size;
    double left = L->frame_left, right = left + L->frame_w;
    double rule_y = L->frame_top + (st->margin_top * 0.4 < 12 ? st->margin_top * 0.4 : 12);
    double head_y = rule_y + 0.4 * st->header_size;
    int lvar, rvar;
    const char *lt = field_text(L, st->header_left, number, &lvar);
    const char *rt = field_text(L, st->header_right, number, &rvar);
    if (lt && !*lt)
        lt = NULL;
    if (rt && !*rt)
        rt = NULL;
    if (lt || rt) {
        double lw = lt ? running_width(L, lt, strlen(lt)) : 0;
        double rw = rt ? running_width(L, rt, strlen(rt)) : 0;
        double half = (L->frame_w - gap) / 2, lavail = L->frame_w, ravail = L->frame_w;
        if (lt && rt) {
            if (lw + rw + gap <= L->frame_w)
                lavail = lw, ravail = rw;
            else if (rw <= half)
                lavail = L->frame_w - gap - rw, ravail = rw;
            else if (lw <= half)
                ravail = L->frame_w - gap - lw, lavail = lw;
            else
                lavail = ravail = half;
        }
        const text_line *ll = lt ? running_set(L, lt, lavail, lvar) : NULL;
        const text_line *rl = rt ? running_set(L, rt, ravail, rvar) : NULL;
        if (ll && running_line_items(L, ll, left, head_y, ART_HEADER))
            return -1;
        if (rl && running_line_items(L, rl, right - rl->width, head_y, ART_HEADER))
            return -1;
        item *it = page_item(L);
        if (!it)
            return -1;
        *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = left, .y = rule_y,
                     .w = L->frame_w, .line_width = 0.4, .color = st->rule_color};
    }
    return running_footer(L, number);
}

/* The footer field (the page number), centred, or in the outer corner two-sided. */
static int running_footer(lay *L, int number)
{
    const style *st = L->st;
    double left = L->frame_left, right = left + L->frame_w;
    int fvar;
    const char *ft = field_text(L, st->footer_center, number, &fvar);
    if (ft && *ft) {
        const text_line *fl = running_set(L, ft, L->frame_w, fvar);
        double foot_y = L->frame_bottom
                        - (st->margin_bottom * 0.5 < 24 ? st->margin_bottom * 0.5 : 24);
        if (fl) {
            double x = left + (L->frame_w - fl->width) / 2;
            if (st->two_sided)
                x = number % 2 ? right - fl->width : left;
            if (running_line_items(L, fl, x, foot_y, ART_FOOTER))
                return -1;
        }
    }
    return 0;
}

/* Open a new page; right_hand: in two-sided print, insert a blank page first
 * when the new page would be a left-hand (even) one. */
static int page_new(lay *L, int right_hand)
{
    if (page_close(L))
        return -1;
    if (right_hand && L->st->two_sided && (L->npages + 1) % 2 == 0) {
        /* a blank left-hand page: no running head (nothing runs on it), but its folio */
        if (page_push(L))
            return -1;
        L->page_open = 1;
        L->frame_left = L->st->margin_outer;
        if (running_footer(L, (int)L->npages) || page_close(L))
            return -1;
    }
    if (page_push(L))
        return -1;
    int number = (int)L->npages;
    L->page_open = 1;
    L->page_has_content = 0;
    L->cursor = L->frame_top;
    L->frame_left = L->st->two_sided && number % 2 == 0 ? L->st->margin_outer
                                                          : L->st->margin_inner;
    return running_heads(L, number);
}

/* ---- placing slices --------------------------------------------------- */

static int record_anchor(lay *L, const node *n, double y)
{
    if (grow_array((void **)&L->anchors, &L->anchors_cap, L->nanchors + 1, sizeof *L->anchors))
        return lay_oom(L, n);
    L->anchors[L->nanchors++] = (anchor){n, (int)L->npages - 1, y};
    return 0;
}

/* Height of the keep-with-next chain starting at slice i (its own space excluded). */
static double chain_height(const lay *L, size_t i)
{
    double h = L->slices[i].height;
    for (size_t j = i; L->slices[j].keep_with_next && j + 1 < L->nslices; j++) {
        const slice *s = &L->slices[j + 1];
        if (s->starts_group)
            break;
        h += s->space_before + s->height;
    }
    return h;
}

static int place_figure(lay *L, slice *s, double *space)
{
    double w = s->fig_w, h = s->fig_h;
    double avail = L->cursor - *space - L->frame_bottom;
    if (L->page_has_content && h > avail) {
        if (avail >= 0.6 * h && avail >= 36) {
            w *= avail / h;
            h = avail;
        } else {
            if (page_new(L, 0))
                return -1;
            *space = 0;
        }
    }
    double top = L->cursor - *space;
    item *it = page_item(L);
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

int lay_flush(lay *L)
{
    double frame_h = L->frame_top - L->frame_bottom;
    size_t next_anchor = 0;
    for (size_t i = 0; i < L->nslices; i++) {
        slice *s = &L->slices[i];
        if (s->starts_group) {
            L->release = s->group && s->group->kind == N_SECT ? s->group : NULL;
            if (!L->page_open || L->page_has_content ||
                (L->st->two_sided && L->npages % 2 == 0))
                if (page_new(L, 1))
                    return -1;
        }
        if (!L->page_open && page_new(L, 0))
            return -1;
        double space = L->page_has_content ? s->space_before : 0;
        double avail = L->cursor - space - L->frame_bottom;
        if (L->page_has_content && s->keep_with_next && (i == 0 || !s[-1].keep_with_next)) {
            double ch = chain_height(L, i);
            if (ch > avail + 0.01 && ch <= frame_h) {
                if (page_new(L, 0))
                    return -1;
                space = 0;
            }
        }
        if (s->figure) {
            if (place_figure(L, s, &space))
                return -1;
        } else if (L->page_has_content && s->height > L->cursor - space - L->frame_bottom + 0.01) {
            if (page_new(L, 0))
                return -1;
            space = 0;
        }
        double top = L->cursor - space;
        for (size_t k = 0; k < s->nitems; k++) {
            item *it = page_item(L);
            if (!it)
                return -1;
            *it = L->sitems[s->first_item + k];
            it->x += L->frame_left;
            it->y += top;
        }
        for (; next_anchor < L->npanchors && L->panchors[next_anchor].slice <= i; next_anchor++)
            if (record_anchor(L, L->panchors[next_anchor].node, top))
                return -1;
        L->cursor = top - s->height;
        L->page_has_content = 1;
    }
    /* anchors after the last slice (an empty heading at the very end) */
    for (; next_anchor < L->npanchors; next_anchor++) {
        if (!L->page_open && page_new(L, L->pending_group))
            return -1;
        if (record_anchor(L, L->panchors[next_anchor].node, L->cursor))
            return -1;
    }
    L->nslices = L->nsitems = L->npanchors = 0;
    return 0;
}

/* ---- the entry point ------------------------------------------------- */

/* A release or part: starts a new page; its children are blocks, nested releases groups. */
static int lay_group(lay *L, const node *g, const env *body)
{
    if (lay_flush(L))
        return -1;
    L->pending_group = 1;
    L->pending_group_node = g;
    L->pending_space = 0;
    if (g->kind == N_SECT && lay_anchor_here(L, g))
        return -1;
    for (const node *c = g->first; c; c = c->next) {
        if (c->kind == N_SECT || c->kind == N_PART) {
            if (lay_group(L, c, body))
                return -1;
            continue;
        }
        if (lay_block(L, c, body))
            return -1;
    }
    if (lay_flush(L))
        return -1;
    L->pending_group = 0;
    return 0;
}

static void lay_free(lay *L)
{
    free(L->slices);
    free(L->sitems);
    free(L->panchors);
    free(L->pages);
    free(L->pitems);
    free(L->anchors);
    free(L->pieces.v);
}

int layout_document(const document *doc, const style *st, fontset *fs, diag *d, display *out)
{
    *out = (display){0};
    lay L = {.doc = doc, .st = st, .fs = fs, .d = d, .a = doc->arena};
    L.frame_w = st->page_w - st->margin_inner - st->margin_outer;
    L.frame_top = st->page_h - st->margin_top;
    L.frame_bottom = st->margin_bottom;
    if (!(L.frame_w >= 36) || !(L.frame_top - L.frame_bottom >= 36) || !(st->body_size > 0)) {
        diag_error(d, (srcpos){0}, "page size and margins leave no room for text "
                   "(frame %.0f x %.0f pt)", L.frame_w, L.frame_top - L.frame_bottom);
        return -1;
    }
    /* every other chain falls back to the body's: without it nothing can be set */
    if (!lay_chain(&L, FONT_SERIF, 0, 0))
        return -1;   /* reported by the text module */
    env body = {.left = 0, .width = L.frame_w, .size = st->body_size,
                .leading = st->body_leading > 0 ? st->body_leading : 1.5,
                .role = FONT_SERIF, .justify = st->justify, .color = st->text_color,
                .para_space = st->para_space};
    int rc = 0;
    for (const node *c = doc->root ? doc->root->first : NULL; c && !rc; c = c->next) {
        if (c->kind == N_SECT || c->kind == N_PART) {
            rc = lay_group(&L, c, &body);
        } else {
            rc = lay_block(&L, c, &body);
        }
    }
    if (!rc)
        rc = lay_flush(&L);
    if (!rc && !L.npages)
        rc = page_new(&L, 0);
    if (!rc)
        rc = page_close(&L);
    if (!rc) {
        out->pages = arena_array(L.a, L.npages, sizeof *out->pages);
        out->anchors = arena_array(L.a, L.nanchors ? L.nanchors : 1, sizeof *out->anchors);
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
    lay_free(&L);
    if (rc)
        *out = (display){0};
    return rc;
}

const anchor *layout_anchor(const display *dl, const node *n)
{
    if (!dl || !n || !dl->nanchors)
        return NULL;
    if (n->id > 0) {
        /* anchors are in document order, and ids are given in tree order */
        int lo = 0, hi = dl->nanchors - 1;
        while (lo <= hi) {
            int mid = lo + (hi - lo) / 2;
            const node *m = dl->anchors[mid].node;
            if (m == n)
                return &dl->anchors[mid];
            if (m->id < n->id)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return NULL;
    }
    for (int i = 0; i < dl->nanchors; i++) /* tree not numbered (doc_number not called) */
        if (dl->anchors[i].node == n)
            return &dl->anchors[i];
    return NULL;
}
