/* content.c — one page's content stream: glyph runs (TJ over glyph ids,
 * /ActualText where the glyphs do not read as their text), rules, boxes and
 * images, each inside the marked content of its structure element or an
 * artifact's; link annotations; the glyphs each font shows. The stream is
 * deflated and held at its compressed size (flate.c) as soon as it is
 * written: nothing of the page is kept but what the parts it adds to
 * (page_parts: fonts, images, tags, links) need. Owns nothing past a page. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

typedef struct deco_rule {
    double x, y, w, h;
    uint32_t color;
} deco_rule;

typedef struct page_state {
    const page_parts *pp;
    pdf_page_ref *ref;         /* the page */
    int slot;                  /* the page's place while pages come in (pdf-private.h) */
    buf out;
    enum { MC_NONE, MC_ELEM, MC_ART } mode;
    const node *elem;
    enum artifact_kind art;
    int next_mcid;
    deco_rule *decos;
    size_t ndecos, capdecos;
    /* what the stream has set so far, written again only when it changes:
     * the fill colour and the font (text state outlives BT/ET, and no q/Q
     * pair holds either) */
    uint32_t fill;
    int fill_set;
    const pdf_font *font;
    double font_size;
} page_state;

static int put_color(buf *b, uint32_t c, const char *op)
{
    if (pdfw_num(b, ((c >> 16) & 0xFF) / 255.0) < 0 || buf_puts(b, " ") < 0
        || pdfw_num(b, ((c >> 8) & 0xFF) / 255.0) < 0 || buf_puts(b, " ") < 0
        || pdfw_num(b, (c & 0xFF) / 255.0) < 0)
        return -1;
    if (buf_puts(b, " ") < 0 || buf_puts(b, op) < 0)
        return -1;
    return buf_puts(b, "\n");
}

/* Write "a b c d ..." numbers separated by spaces, then a trailing space. */
static int put_nums(buf *b, const double *v, int n)
{
    for (int i = 0; i < n; i++)
        if (pdfw_num(b, v[i]) < 0 || buf_puts(b, " ") < 0)
            return -1;
    return 0;
}

/* A rectangle v = {x, y, w, h} filled in colour c. */
static int put_filled_rect(buf *b, uint32_t c, const double v[4])
{
    if (buf_puts(b, "q ") < 0 || put_color(b, c, "rg") < 0 || put_nums(b, v, 4) < 0
        || buf_puts(b, "re f Q\n") < 0)
        return -1;
    return 0;
}

static int flush_decos(page_state *ps)
{
    if (!ps->ndecos)
        return 0;
    if (buf_puts(&ps->out, "/Artifact <</Type /Layout>> BDC\n") < 0)
        return -1;
    for (size_t i = 0; i < ps->ndecos; i++) {
        deco_rule *r = &ps->decos[i];
        double v[4] = {r->x, r->y, r->w, r->h};
        if (put_filled_rect(&ps->out, r->color, v) < 0)
            return -1;
    }
    ps->ndecos = 0;
    return buf_puts(&ps->out, "EMC\n");
}

static int close_mark(page_state *ps)
{
    if (ps->mode != MC_NONE && buf_puts(&ps->out, "EMC\n") < 0)
        return -1;
    ps->mode = MC_NONE;
    ps->elem = NULL;
    return flush_decos(ps);
}

/* Make the current marked content fit the item: its element's sequence or an artifact. */
static int open_mark(page_state *ps, const node *elem, enum artifact_kind art)
{
    if (elem) {
        if (ps->mode == MC_ELEM && ps->elem == elem)
            return 0;
        if (close_mark(ps) < 0)
            return -1;
        int mcid = ps->next_mcid++;
        if (buf_puts(&ps->out, "/") < 0 || buf_puts(&ps->out, doc_struct_type(elem)) < 0
            || buf_puts(&ps->out, " <</MCID ") < 0 || pdfw_num(&ps->out, mcid) < 0
            || buf_puts(&ps->out, ">> BDC\n") < 0)
            return -1;
        if (tags_add_mark(ps->pp->tags, ps->slot, mcid, elem, NULL) < 0)
            return -1;
        ps->mode = MC_ELEM;
        ps->elem = elem;
        return 0;
    }
    if (ps->mode == MC_ART && ps->art == art)
        return 0;
    if (close_mark(ps) < 0)
        return -1;
    const char *props = art == ART_HEADER ? "<</Type /Pagination /Subtype /Header>>"
                      : art == ART_FOOTER ? "<</Type /Pagination /Subtype /Footer>>"
                                          : "<</Type /Layout>>";
    if (buf_puts(&ps->out, "/Artifact ") < 0 || buf_puts(&ps->out, props) < 0
        || buf_puts(&ps->out, " BDC\n") < 0)
        return -1;
    ps->mode = MC_ART;
    ps->art = art;
    return 0;
}

/* Glyphs of r that stand for its text: all but a hyphen inserted at a line
 * break (text.h), which is drawn in an /ActualText () span of its own. */
static int run_text_glyphs(const glyph_run *r)
{
    return r->nglyphs - (r->hyphen && r->nglyphs > 0);
}

/* Does any glyph of r need /ActualText: a cluster of several glyphs, or text
 * other than its glyph's ToUnicode entry? */
static int run_needs_actualtext(const pdf_font *f, const glyph_run *r, const uint32_t *sorted,
                                int nsorted)
{
    for (int i = 0; i < run_text_glyphs(r); i++) {
        size_t start, len;
        if (run_glyph_text(r, sorted, nsorted, i, &start, &len) > 1 || len == 0)
            return 1;
        uint32_t gid = r->gids[i];
        if (gid == 0 || gid >= f->nglyphs)
            return 1;
        const char *m = f->text[gid];
        if (!m || strlen(m) != len || memcmp(m, r->text + start, len) != 0)
            return 1;
    }
    return 0;
}

/* Glyph id g as the two bytes of its code in a literal string: a third the
 * size of hex once deflated; the string's delimiters and the backslash
 * escaped, and a carriage return too (read as a line feed otherwise). */
static int put_code(buf *b, unsigned g)
{
    char out[4];
    size_t n = 0;
    for (int k = 0; k < 2; k++) {
        unsigned char c = (unsigned char)(k ? g & 0xFF : g >> 8);
        if (c == '(' || c == ')' || c == '\\' || c == '\r')
            out[n++] = '\\';
        out[n++] = c == '\r' ? 'r' : (char)c;
    }
    return buf_append(b, out, n);
}

/* Where the text of a run stands between TJ arrays: the adjustment owed
 * after the last glyph shown (thousandths of an em, as TJ takes them) and the
 * text rise in force (points). */
typedef struct tj_pen {
    double pending;
    double rise;
} tj_pen;

/* Show glyphs [from, to) of r as TJ arrays, inside a /Span whose
 * /ActualText is text[0..len) when spanned (len 0: read as nothing). A glyph
 * HarfBuzz offsets (r->offsets: a mark over its base) is drawn there: its x
 * offset as TJ adjustments before and after it, its y offset as a text rise
 * of its own (Ts), set between arrays; glyphs without offsets are shown as
 * they always were. pen carries over from one call to the next. */
static int put_tj(buf *b, const pdf_font *f, const glyph_run *r, int from, int to, int spanned,
                  const char *text, size_t len, tj_pen *pen)
{
    double scale = r->hscale > 0 ? r->size * r->hscale : r->size;   /* Tz scales advances too */
    if (from >= to)
        return 0;
    if (spanned && (buf_puts(b, len ? "/Span <</ActualText <FEFF" : "/Span <</ActualText (") < 0
                    || pdfw_utf16_hex(b, text, len) < 0
                    || buf_puts(b, len ? ">>> BDC " : ")>> BDC ") < 0))
        return -1;
    int in_str = 0, open = 0;   /* in a string; in an array */
    for (int i = from; i < to; i++) {
        uint32_t gid = r->gids[i];
        double adv1000 = r->advances[i] * 1000.0 / scale;
        if (gid == 0 || gid >= f->nglyphs || gid > 0xFFFF) {   /* never show .notdef */
            pen->pending -= adv1000;
            continue;
        }
        const glyph_offset *o = r->offsets ? &r->offsets[i] : NULL;
        double dx1000 = o ? o->x * 1000.0 / scale : 0, rise = r->rise + (o ? o->y : 0);
        if (rise != pen->rise) {   /* higher or lower than the glyph before: a rise of its own */
            if (open && ((in_str && buf_puts(b, ")") < 0) || buf_puts(b, "] TJ ") < 0))
                return -1;
            in_str = open = 0;
            if (pdfw_num(b, rise) < 0 || buf_puts(b, " Ts ") < 0)
                return -1;
            pen->rise = rise;
        }
        if (!open && buf_puts(b, "[") < 0)
            return -1;
        open = 1;
        pen->pending -= dx1000;   /* TJ's numbers move left: right by the x offset */
        if (fabs(pen->pending) > 0.001) {
            if (in_str && buf_puts(b, ")") < 0)
                return -1;
            in_str = 0;
            if (pdfw_num(b, pen->pending) < 0)
                return -1;
        }
        if (!in_str && buf_puts(b, "(") < 0)
            return -1;
        in_str = 1;
        if (put_code(b, (unsigned)gid) < 0)
            return -1;
        pen->pending = f->width[gid] - adv1000 + dx1000;   /* and back to the pen's place */
    }
    if ((!open && buf_puts(b, "[") < 0) || (in_str && buf_puts(b, ")") < 0)
        || buf_puts(b, spanned ? "] TJ EMC\n" : "] TJ\n") < 0)
        return -1;
    return 0;
}

/* A word broken with a hyphen we inserted (text.h) reads whole: the glyphs
 * that end it at the start of this run read as nothing, and the glyphs that
 * start it at the end of this run, with the hyphen, read as the whole word. */
typedef struct word_spans {
    int rest_end;            /* glyphs [0, rest_end) end a word begun on the line before */
    int word_start;          /* glyphs [word_start, nglyphs) begin one, hyphen included */
    const char *word;        /* what they read as ("" when the line before gave it) */
    size_t cut;              /* text before the word: text[0..cut) */
} word_spans;

static word_spans broken_word_spans(const glyph_run *r)
{
    word_spans ws = {0, r->nglyphs, "", r->text_len};
    while (r->word_rest && ws.rest_end < r->nglyphs - r->hyphen &&
           r->clusters[ws.rest_end] < r->word_rest)
        ws.rest_end++;
    if (r->hyphen && r->nglyphs > 0) {
        ws.word_start = r->nglyphs - 1;
        while (ws.word_start > ws.rest_end && r->clusters[ws.word_start - 1] >= r->word_from)
            ws.word_start--;
        if (!(r->word_rest > r->word_from) && r->word)
            ws.word = r->word;   /* else the word goes on from the line before */
        ws.cut = r->word_from < r->text_len ? r->word_from : r->text_len;
    }
    return ws;
}

static int write_glyphs(page_state *ps, const item *it)
{
    const glyph_run *r = it->run;
    if (!r || r->nglyphs <= 0 || !(r->size > 0) || !r->face)
        return 0;
    pdf_font *f = fonts_use(ps->pp->fonts, r->face);
    if (!f)
        return -1;
    const char *fname = f->name;
    buf *b = &ps->out;
    int nsorted = 0;
    uint32_t *sorted = run_sorted_clusters(r, &nsorted);
    if (!sorted)
        return -1;
    if (fonts_show_run(f, r, sorted, nsorted) < 0) {
        free(sorted);
        return -1;
    }
    word_spans ws = broken_word_spans(r);
    int actual = r->text && r->text_len <= 8000 && run_needs_actualtext(f, r, sorted, nsorted);
    int rc = -1;
    if (actual) {   /* the run's text, less what the line before read, plus the broken word */
        size_t from = nsorted ? sorted[0] : 0;
        if (from < r->word_rest)
            from = r->word_rest;
        size_t to = ws.cut > from ? ws.cut : from;
        if (from > r->text_len)
            from = to = r->text_len;
        if (buf_puts(b, "/Span <</ActualText <FEFF") < 0
            || pdfw_utf16_hex(b, r->text + from, to - from) < 0
            || pdfw_utf16_hex(b, ws.word, strlen(ws.word)) < 0
            || buf_puts(b, ">>> BDC\n") < 0)
            goto out;
    }
    double tm[2] = {it->x, it->y};
    if ((!ps->fill_set || ps->fill != r->color) && put_color(b, r->color, "rg") < 0)
        goto out;
    ps->fill = r->color;
    ps->fill_set = 1;
    if (buf_puts(b, "BT ") < 0)
        goto out;
    if ((ps->font != f || ps->font_size != r->size)
        && (buf_puts(b, "/") < 0 || buf_puts(b, fname) < 0 || buf_puts(b, " ") < 0
            || pdfw_num(b, r->size) < 0 || buf_puts(b, " Tf ") < 0))
        goto out;
    ps->font = f;
    ps->font_size = r->size;
    if (r->rise != 0 && (pdfw_num(b, r->rise) < 0 || buf_puts(b, " Ts ") < 0))
        goto out;
    int scaled = r->hscale > 0 && fabs(r->hscale - 1) > 1e-6;   /* justification widened glyphs */
    if (scaled && (pdfw_num(b, 100 * r->hscale) < 0 || buf_puts(b, " Tz ") < 0))
        goto out;
    /* BT makes the text matrix the identity: Td moves it to the run's start */
    if (put_nums(b, tm, 2) < 0 || buf_puts(b, "Td\n") < 0)
        goto out;
    tj_pen pen = {0, r->rise};
    if (put_tj(b, f, r, 0, ws.rest_end, 1, "", 0, &pen) < 0
        || put_tj(b, f, r, ws.rest_end, ws.word_start, 0, NULL, 0, &pen) < 0
        || put_tj(b, f, r, ws.word_start, r->nglyphs, 1, ws.word, strlen(ws.word), &pen) < 0)
        goto out;
    if ((pen.rise != 0 && buf_puts(b, "0 Ts ") < 0) || (scaled && buf_puts(b, "100 Tz ") < 0) ||
        buf_puts(b, "ET\n") < 0)
        goto out;
    if (actual && buf_puts(b, "EMC\n") < 0)
        goto out;
    if (r->deco & (DECO_UNDERLINE | DECO_STRIKE)) {
        double th = r->size * 0.05 < 0.4 ? 0.4 : r->size * 0.05;
        for (int k = 0; k < 2; k++) {
            if (!(r->deco & (k ? DECO_STRIKE : DECO_UNDERLINE)))
                continue;
            if (grow_array((void **)&ps->decos, &ps->capdecos, ps->ndecos + 1,
                           sizeof *ps->decos) < 0)
                goto out;
            double y = it->y + r->rise + (k ? r->size * 0.28 : -r->size * 0.12);
            ps->decos[ps->ndecos++] = (deco_rule){it->x, y - th / 2, r->width, th, r->color};
        }
    }
    rc = 0;
out:
    free(sorted);
    return rc;
}

static int write_image(page_state *ps, const item *it, const node *elem)
{
    if (images_draw(ps->pp->images, &ps->out, it) < 0)
        return -1;
    double bb[4] = {it->x, it->y, it->x + it->w, it->y + it->h};
    return elem && elem->kind == N_FIGURE ? tags_add_box(ps->pp->tags, elem, bb) : 0;
}

static int write_rule(page_state *ps, const item *it)
{
    buf *b = &ps->out;
    double lw = it->line_width > 0 ? it->line_width : 0.5;
    double p[4] = {it->x, it->y, it->x + it->w, it->y + it->h};
    if (buf_puts(b, "q ") < 0 || put_color(b, it->color, "RG") < 0 || pdfw_num(b, lw) < 0
        || buf_puts(b, " w 0 J ") < 0 || put_nums(b, p, 2) < 0 || buf_puts(b, "m ") < 0
        || put_nums(b, p + 2, 2) < 0 || buf_puts(b, "l S Q\n") < 0)
        return -1;
    return 0;
}

static int write_rect(page_state *ps, const item *it)
{
    double v[4] = {it->x, it->y, it->w, it->h};
    return put_filled_rect(&ps->out, it->color, v);
}

/* v limited to [lo, hi]; NaN gives lo. */
static double clamp(double v, double lo, double hi)
{
    return v > hi ? hi : v >= lo ? v : lo;
}

/* Percent-encode bytes that may not stand in a URI as they are. */
static char *uri_encode(const char *uri)
{
    buf b = {0};
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        int ok = *p > 0x20 && *p < 0x7F && !strchr("<>\"{}|\\^`", *p);
        if ((ok ? buf_append(&b, p, 1) : buf_printf(&b, "%%%02X", *p)) < 0) {
            buf_free(&b);
            return NULL;
        }
    }
    return buf_take(&b);
}

static int write_link(page_state *ps, const item *it)
{
    pdf_links *links = ps->pp->links;
    const node *elem = tags_element_of(ps->pp->tags, it->node);
    /* on the page: an overfull line can run far past it, beyond what libharu
     * writes as a real (32767) */
    double pw = ps->ref->width, ph = ps->ref->height;
    double rect[4] = {clamp(it->x, 0, pw), clamp(it->y, 0, ph), clamp(it->x + it->w, 0, pw),
                      clamp(it->y + it->h, 0, ph)};
    pdf_annot *annot = NULL;
    const char *contents = elem && elem->alt && *elem->alt ? elem->alt : NULL;
    char *enc = NULL;
    if (it->uri && *it->uri) {
        if (!(enc = uri_encode(it->uri)))
            return -1;
        if (strlen(enc) > PDF_MAX_STRING) {   /* cannot be written whole; a cut URI is wrong */
            if (links->uri_warned != it->node)   /* once per link, not per line of it */
                diag_warning(links->d, it->node ? it->node->pos : (srcpos){0},
                             "link address longer than %d bytes; the text is kept, the link left out",
                             (int)PDF_MAX_STRING);
            links->uri_warned = it->node;
            free(enc);
            return 0;
        }
        if (!contents)
            contents = it->uri;
    }
    char *text = NULL;   /* on the heap: the document's arena is layout's (another thread's) */
    if (!contents && elem) {
        if (!(text = pdfw_node_text(elem))) {
            free(enc);
            return -1;   /* out of memory, said by write_stream */
        }
        if (*text)
            contents = text;
    }
    if (!contents)
        contents = "Link";
    /* a link inside the document: its /Dest when every page is in (annots.c) */
    annot = annot_link(links, ps->ref, ps->slot, rect, enc, it, contents);
    free(enc);
    free(text);
    if (!annot)
        return -1;
    if (!elem)   /* a link area without an element: nothing to tag it with */
        return 0;
    return tags_add_mark(ps->pp->tags, ps->slot, -1, elem, annot);   /* its /StructParent: at the end */
}

/* One item inside its marked content (an element's or an artifact). */
static int write_item(page_state *ps, const item *it)
{
    if (it->kind == ITEM_LINK)
        return write_link(ps, it);
    const node *elem = it->artifact == ART_NONE ? tags_element_of(ps->pp->tags, it->node) : NULL;
    enum artifact_kind art = it->artifact == ART_NONE ? ART_LAYOUT : it->artifact;
    if (open_mark(ps, elem, art) < 0)
        return -1;
    switch (it->kind) {
    case ITEM_GLYPHS: return write_glyphs(ps, it);
    case ITEM_IMAGE: return write_image(ps, it, elem);
    case ITEM_RULE: return write_rule(ps, it);
    case ITEM_RECT: return write_rect(ps, it);
    case ITEM_LINK: break;
    }
    return 0;
}

/* Write items[0..n) (and more[0..nmore)) as the content of stream into, a
 * page's. Every failure of content.c's own is an allocation's (buffers and
 * arrays): out of memory, said here; what it calls says its own. */
static int write_stream(const page_parts *pp, pdf_page_ref *ref, int slot, pdf_obj *into,
                        const item *items, size_t n, const item *more, size_t nmore)
{
    page_state ps = {.pp = pp, .ref = ref, .slot = slot};
    diag *d = pp->d;
    int errors = d->errors, rc = -1;
    for (size_t i = 0; i < n; i++)
        if (write_item(&ps, &items[i]) < 0)
            goto out;
    for (size_t i = 0; i < nmore; i++)   /* running heads: artifacts, after the content */
        if (write_item(&ps, &more[i]) < 0)
            goto out;
    if (close_mark(&ps) < 0)
        goto out;
    if (ps.out.len) {
        if (pdfw_stream_data(pp->streams, into, ps.out.data, ps.out.len, PDFW_SPOOL) < 0)
            goto out;
        objs_hash(pp->objs, ps.out.data, ps.out.len);
    }
    rc = 0;
out:
    if (rc < 0 && d->errors == errors)
        diag_oom(d);
    buf_free(&ps.out);
    free(ps.decos);
    return rc;
}

int content_write_page(const page_parts *pp, const page *pg, pdf_page_ref *ref, int slot)
{
    return write_stream(pp, ref, slot, obj_page_contents(ref->page), pg->items, pg->nitems,
                        pg->furniture, pg->nfurniture);
}

int content_write_furniture(const page_parts *pp, pdf_page_ref *ref, int slot,
                            const item *items, size_t n)
{
    /* a second content stream: /Contents [page's furniture] */
    pdf_obj *more, *both;
    TRYP(more, obj_stream(pp->objs));
    TRY(write_stream(pp, ref, slot, more, items, n, NULL, 0));
    TRYP(both, obj_array(pp->objs));
    TRY(obj_push(both, obj_page_contents(ref->page)));
    TRY(obj_push(both, more));
    return obj_put(ref->page, "Contents", both);
}
