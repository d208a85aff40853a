/* cover.c — the cover of a bulletin or volume, laid out after the body with
 * the rest of the front matter: a band of the publisher's colour across the
 * page's top edge, the publisher's logo and name, the title (H1), subtitle,
 * issue and date, a rule, then the list of releases (or of a volume's weekly
 * bulletins) in as few balanced columns as fit the rest of the page, up to
 * the style's count, continuing on further cover pages when even those do not
 * fit. Cover pages carry no running heads. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* The slices of one list entry, and its height with the space before it. */
typedef struct entry_span {
    size_t first, end;           /* slice range in the slice list */
    double height;
} entry_span;

typedef struct cover {
    flow *F;
    pager *P;
    const env *body;
    entry_span *spans;
    size_t nspans, spans_cap;
} cover;

static int cover_text(flow *F, const node *n, const env *e, double size, enum font_role role,
                      int bold, uint32_t color, double space_before)
{
    env ce = *e;
    ce.size = size;
    ce.role = role;
    ce.bold = bold;
    ce.color = color;
    ce.justify = 0;
    ce.leading = F->set->st->heading_leading;
    lay_want_space(F->out, space_before);
    return lay_text_block(F, n, &ce, 1);
}

/* One entry: its main line and its meta line (date, language, or a week's
 * dates) side by side, the meta flush right, when the main line is short (a
 * week's number: the eye need not travel far) and both fit on one line of the
 * column; else the one under the other. */
static int set_entry(flow *F, const node *main, const node *meta, const env *e, const env *me)
{
    const style *st = F->set->st;
    text_line *ml = NULL, *tl = NULL;
    int nm = 0, nt = 0;
    para_params pp = {.width = e->width};   /* me: the same column */
    if ((main && lay_set_inline(F->set, main, e, &pp, &ml, &nm)) ||
        (meta && lay_set_inline(F->set, meta, me, &pp, &tl, &nt)))
        return -1;
    double gap = st->cover_entry_size;
    if (nm == 1 && nt == 1 && ml[0].width <= e->width * st->cover_entry_share &&
        ml[0].width + gap + tl[0].width <= e->width) {
        double pitch = e->size * e->leading, base = lay_baseline(st, pitch, e->size);
        return !lay_slice(F->out, e, pitch) || lay_line_items(F, &ml[0], e->left, -base) ||
               lay_line_items(F, &tl[0], e->left + e->width - tl[0].width, -base) ? -1 : 0;
    }
    return (main && lay_text_block(F, main, e, 1)) || (meta && lay_text_block(F, meta, me, 1))
               ? -1 : 0;
}

/* The space above an entry: a paragraph's, half that between one-line entries. */
static double entry_space(const style *st, const entry_span *sp)
{
    return sp->end - sp->first > 1 ? st->para_space : st->para_space * st->list_item_space;
}

/* Lay the entries of list out in columns of width w into slices (not placed);
 * each entry's slice span is recorded. */
static int set_entries(cover *cv, const node *list, double w)
{
    slice_list *S = cv->F->out;
    const style *st = S->st;
    env e = *cv->body;
    e.width = w;
    e.justify = 0;
    e.size = st->cover_entry_size;
    e.leading = st->heading_leading;
    env me = e;
    me.size = st->meta_size;
    me.role = FONT_SANS;
    me.color = st->meta_color;
    cv->nspans = 0;
    for (const node *li = list->first; li; li = li->next) {
        if (li->kind != N_LI)
            continue;
        if (grow_array((void **)&cv->spans, &cv->spans_cap, cv->nspans + 1, sizeof *cv->spans))
            return diag_oom(S->d);
        entry_span *sp = &cv->spans[cv->nspans++];
        sp->first = S->n;
        const node *main = NULL, *meta = NULL;
        for (const node *b = li->first; b; b = b->next)
            for (const node *p = b->kind == N_LBODY ? b->first : NULL; p; p = p->next)
                *(p->role == R_ENTRY_META ? &meta : &main) = p;
        if (set_entry(cv->F, main, meta, &e, &me))
            return -1;
        sp->end = S->n;
        sp->height = entry_space(st, sp);
        for (size_t i = sp->first; i < sp->end; i++)
            sp->height += S->v[i].height;
    }
    return 0;
}

/* The height of the tallest of k columns filled in order, each entry whole,
 * when no column may pass limit (0: no limit); columns needed in *used. */
static double fill_height(const cover *cv, int k, double limit, int *used)
{
    double total = 0;
    for (size_t i = 0; i < cv->nspans; i++)
        total += cv->spans[i].height;
    double target = limit > 0 ? limit : total / k, col = 0, tallest = 0;
    *used = 1;
    for (size_t i = 0; i < cv->nspans; i++) {
        double h = cv->spans[i].height;
        if (col > 0 && col + h > target + FIT_SLACK && (limit > 0 || *used < k)) {
            (*used)++;
            col = 0;
        }
        col += h;
        if (col > tallest)
            tallest = col;
    }
    return tallest;
}

/* Place the entries' slices in k columns of width w from the cursor down,
 * each column at most limit high, continuing on new cover pages (whose
 * columns run to the frame's foot). */
static int place_columns(cover *cv, int k, double w, double gap, double limit)
{
    pager *P = cv->P;
    const slice_list *S = cv->F->out;
    int col = 0;
    double top = P->cursor, y = top;
    for (size_t i = 0; i < cv->nspans; i++) {
        const entry_span *sp = &cv->spans[i];
        if (y < top && (y - sp->height < top - limit - FIT_SLACK || y - sp->height < P->fr.bottom)) {
            if (++col == k) {   /* the page is full */
                if (lay_page_new(P, 0))
                    return -1;
                col = 0;
                top = P->cursor;
                limit = top - P->fr.bottom;
            }
            y = top;
        }
        if (y < top)
            y -= entry_space(P->st, sp);
        for (size_t s = sp->first; s < sp->end; s++) {
            if (lay_place_items(P, S->items, &S->v[s], P->left + col * (w + gap), y))
                return -1;
            y -= S->v[s].height;
        }
    }
    P->has_content = 1;
    return 0;
}

/* The list of releases or bulletins in the fewest columns that fit. */
static int cover_list(cover *cv, const node *list)
{
    pager *P = cv->P;
    slice_list *S = cv->F->out;
    const style *st = P->st;
    P->cursor -= S->pending_space;   /* the space asked for after the caption */
    S->pending_space = 0;
    double gap = st->cover_column_gap, avail = P->cursor - P->fr.bottom;
    int maxk = st->cover_columns > 0 ? st->cover_columns : 1, k, used = 1;
    double w = P->fr.w;
    size_t base_slices = S->n, base_items = S->nitems;
    for (k = 1; k <= maxk; k++) {
        w = (P->fr.w - (k - 1) * gap) / k;
        S->n = base_slices;
        S->nitems = base_items;
        if (set_entries(cv, list, w))
            return -1;
        if (fill_height(cv, k, 0, &used) <= avail + FIT_SLACK || k == maxk)
            break;   /* so k <= maxk */
    }
    /* balanced: the lowest column height that holds every entry in k columns
     * (the page's rest when even that is too little: the list continues) */
    double lo = 0, hi = avail;
    fill_height(cv, k, avail, &used);
    if (used <= k)
        for (int it = 0; it < BISECT_STEPS; it++) {
            double mid = (lo + hi) / 2;
            fill_height(cv, k, mid, &used);
            if (used <= k)
                hi = mid;
            else
                lo = mid;
        }
    int rc = place_columns(cv, k, w, gap, hi);
    S->n = base_slices;
    S->nitems = base_items;
    return rc;
}

/* The band of the accent colour across the top edge of the cover's first
 * page, outside the frame: an artifact. */
static int cover_band(pager *P)
{
    const style *st = P->st;
    if (st->cover_band <= 0)
        return 0;
    item *it = lay_page_item(P);
    if (!it)
        return -1;
    double h = st->cover_band < st->page_h ? st->cover_band : st->page_h;
    *it = (item){.kind = ITEM_RECT, .artifact = ART_LAYOUT, .x = 0, .y = st->page_h - h,
                 .w = st->page_w, .h = h, .color = st->cover_accent};
    return 0;
}

/* The publisher's logo at the frame's top, at its left or right as the
 * style says, and the publisher's name (publisher, may be NULL) beside it in
 * the accent colour, its lines centred on the logo's height: one slice. What
 * is placed and sized is the logo's ink — its picture without the
 * transparent margins the file may have, which fall outside, unseen — so it
 * lines up with the text under it: cover.logo-height high, less where its
 * pixels at images.dpi are fewer or where it would take more than half the
 * frame's width. A logo without alt text is decoration. */
static int cover_logo(flow *F, const node *logo, const node *publisher, const env *body,
                      double frame_w)
{
    const style *st = F->set->st;
    const image_info *img = logo->image;
    if (!img || img->view_w <= 0 || img->view_h <= 0)
        return 0;
    int whole = img->ink_w <= 0 || img->ink_h <= 0;
    double ix = whole ? 0 : img->ink_x, iy = whole ? 0 : img->ink_y;
    double iw = whole ? img->view_w : img->ink_w, ih = whole ? img->view_h : img->ink_h;
    double h = st->cover_logo_height, most = ih * POINTS_PER_INCH / st->images.dpi;
    double wide = frame_w * st->cover_logo_share;
    if (h > most)
        h = most;
    if (h * iw / ih > wide)
        h = wide * ih / iw;
    if (!(h > 0))
        return 0;   /* cover.logo-share 0: no room for it */
    double scale = h / ih, w = iw * scale;   /* points a pixel; the ink's width */
    env me = *body;
    me.size = st->cover_meta_size;
    me.role = FONT_SANS;
    me.bold = 0;
    me.color = st->cover_accent;   /* with the logo, the name is the publisher's mark */
    me.justify = 0;
    me.leading = st->heading_leading;
    me.left = st->cover_logo_right ? 0 : w + st->cover_logo_gap;
    me.width = frame_w - w - st->cover_logo_gap;
    text_line *lines = NULL;
    int n = 0;
    para_params pp = {.width = me.width};
    if (publisher && lay_set_inline(F->set, publisher, &me, &pp, &lines, &n))
        return -1;
    double pitch = me.size * me.leading, text_h = n * pitch;
    double height = h > text_h ? h : text_h;
    slice *s = lay_slice(F->out, body, height);
    item *it = s ? lay_item(F->out) : NULL;
    if (!it)
        return -1;
    int decorative = (logo->flags & NF_DECORATIVE) != 0;
    double ink_left = st->cover_logo_right ? frame_w - w : 0, ink_top = -(height - h) / 2;
    double full_h = img->view_h * scale;
    *it = (item){.kind = ITEM_IMAGE, .node = logo, .image = img,
                 .artifact = decorative ? ART_LAYOUT : ART_NONE,
                 .x = ink_left - ix * scale, .y = ink_top + iy * scale - full_h,
                 .w = img->view_w * scale, .h = full_h};
    double top = (height - text_h) / 2, base = lay_baseline(st, pitch, me.size);
    for (int i = 0; i < n; i++)
        if (lay_line_items(F, &lines[i], me.left, -(top + i * pitch + base)))
            return -1;
    return 0;
}

int lay_cover(flow *F, pager *P, const node *cover_node, const env *body)
{
    const style *st = P->st;
    cover cv = {.F = F, .P = P, .body = body};
    int rc = -1;
    P->subject.bare = 1;
    if (lay_flush(P) || lay_page_new(P, 0) || cover_band(P))
        goto out;
    int seen_title = 0;
    for (const node *c = cover_node->first; c; c = c->next) {
        int r = 0;
        if (c->kind == N_FIGURE && c->role == R_COVER_LOGO) {
            const node *name = c->next && c->next->kind == N_P && c->next->role == R_META
                               ? c->next : NULL;
            r = cover_logo(F, c, name, body, P->fr.w);
            if (name)   /* set beside the logo */
                c = c->next;
        } else if (c->kind == N_H) {
            /* space above the title, kept at the page's top: an empty slice */
            r = !lay_slice(F->out, body, st->cover_top_space) || lay_anchor_here(F->out, c) ||
                cover_text(F, c, body, st->cover_title_size, FONT_SANS, 1, st->text_color, 0);
            seen_title = 1;
        } else if (c->kind == N_P && c->role == R_SUBTITLE) {
            r = cover_text(F, c, body, st->cover_subtitle_size, FONT_SANS, 0, st->text_color,
                           st->cover_subtitle_size * st->heading_space_after);
        } else if (c->kind == N_P) {   /* publisher above the title, issue and date below */
            r = cover_text(F, c, body, st->cover_meta_size, FONT_SANS, 0, st->meta_color,
                           seen_title ? st->cover_meta_size : 0);
        } else if (c->kind == N_L) {
            lay_want_space(F->out, st->section_space);
            r = !lay_slice(F->out, body, st->section_space);
            item *it = r ? NULL : lay_item(F->out);
            if (it)
                *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = 0,
                             .y = -st->section_space / 2,
                             .w = P->fr.w, .line_width = st->cover_rule,
                             .color = st->cover_accent};
            const node *cap = c->first && c->first->kind == N_CAPTION ? c->first : NULL;
            r = r || !it ||
                (cap && cover_text(F, cap, body, st->cover_entry_size, FONT_SANS, 1,
                                   st->text_color, st->para_space));
            lay_want_space(F->out, st->para_space);
            r = r || lay_flush(P) || cover_list(&cv, c);
        } else {
            r = lay_block(F, c, body);
        }
        if (r)
            goto out;
    }
    rc = lay_flush(P);
out:
    P->subject.bare = 0;
    free(cv.spans);
    return rc;
}
