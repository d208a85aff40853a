/* blocks.c — block flow: inline content into styled text pieces (fonts per
 * role, emphasis — upright gothic for Korean —, strong, code, strike, links
 * with printed URLs, footnote marks), and paragraphs, headings, the release
 * head, lists with labels, block quotes, code blocks, rules, figures and
 * footnotes cut into slices for the paginator. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* ---- fonts ------------------------------------------------------------ */

/* The font spec of a role: its own, else the body's (NULL: none). */
static const char *role_spec(const style *st, enum font_role role)
{
    return st->font[role] ? st->font[role] : st->font[FONT_SERIF];
}

int layout_resolve_fonts(font_registry *fonts, const style *st, diag *d)
{
    int rc = 0;
    for (int role = 0; role < FONT_ROLE_COUNT; role++)
        for (int v = 0; v < 4; v++)
            if (role_spec(st, role) &&
                font_registry_resolve(fonts, role_spec(st, role), v & 1, v >> 1, d))
                rc = -1;   /* reported; the others still are, to report each problem */
    return rc;
}

static const font_chain *chain_exact(lay *L, enum font_role role, int bold, int italic)
{
    if (!L->chain_tried[role][bold][italic]) {
        L->chain_tried[role][bold][italic] = 1;
        const char *spec = role_spec(L->st, role);
        if (spec)
            L->chains[role][bold][italic] = font_registry_chain(L->fonts, spec, bold, italic, L->d);
    }
    return L->chains[role][bold][italic];
}

const font_chain *lay_chain(lay *L, enum font_role role, int bold, int italic)
{
    const font_chain *c = chain_exact(L, role, !!bold, !!italic);
    if (!c && italic)
        c = chain_exact(L, role, !!bold, 0);
    if (!c && bold)
        c = chain_exact(L, role, 0, 0);
    if (!c && role != FONT_SERIF)
        c = chain_exact(L, FONT_SERIF, 0, 0);
    return c;
}

/* ---- inline content --------------------------------------------------- */

int piece_push(lay *L, piece_vec *pv, const text_piece *p)
{
    if (!p->chain) {
        diag_error(L->d, p->pos, "no font for text");
        return -1;
    }
    if (grow_array((void **)&pv->v, &pv->cap, pv->n + 1, sizeof *pv->v))
        return lay_oom(L, NULL);
    pv->v[pv->n++] = *p;
    return 0;
}

/* The language n's text is set in: its own or an ancestor's, else the
 * document's (the cover and contents are in the bulletin's language). */
static const char *text_lang(const lay *L, const node *n)
{
    const char *lang = doc_lang(n);
    return lang ? lang : L->doc->lang;
}

typedef struct inline_ctx {
    const node *tag;     /* innermost element: P, H, TD, Link, Span… */
    const node *link;    /* the enclosing N_LINK, if any */
    const char *lang;
    int url;             /* the text is a URL or address (text.h: breaks like one) */
} inline_ctx;

static text_piece make_piece(lay *L, const env *e, const inline_ctx *ic, const char *text,
                             size_t len, unsigned flags, srcpos pos)
{
    enum font_role role = e->role;
    int bold = e->bold || (flags & NF_STRONG);
    int italic = (flags & NF_EMPH) != 0;
    double size = e->size, rise = 0;
    if (flags & NF_CODE) {
        role = FONT_MONO;
        italic = 0;
        size *= L->st->code_scale;
    } else if (italic && lang_is(ic->lang, "ko")) {
        /* Hangul has no italic: emphasis in Korean is set upright in gothic */
        role = FONT_SANS;
        italic = 0;
    }
    if (flags & NF_SUPER) {
        size = e->size * L->st->super_scale;
        rise = e->size * L->st->super_rise;
    }
    return (text_piece){.text = text, .len = len, .chain = lay_chain(L, role, bold, italic),
                        .size = size, .rise = rise,
                        .color = ic->link ? L->st->link_color : e->color,
                        .deco = (flags & NF_STRIKE) ? DECO_STRIKE : 0,
                        .lang = ic->lang, .tag = ic->tag, .pos = pos, .url = ic->url,
                        .no_hyphen = (flags & NF_CODE) != 0,
                        .code = role == FONT_MONO};   /* inline code and code blocks */
}

/* Does the link show its own URI as its text (so printing it again is noise)? */
static int link_text_is_uri(const node *link)
{
    const node *t = link->first;
    if (!t || t->next || t->kind != N_TEXT || !t->text || !link->text)
        return 0;
    static const char *const schemes[] = {"", "mailto:", "http://", "https://"};
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
        size_t n = strlen(schemes[i]);
        if (!strncmp(link->text, schemes[i], n) && !strcmp(t->text, link->text + n))
            return 1;
    }
    return 0;
}

static int inline_walk(lay *L, const node *parent, const env *e, const inline_ctx *ic,
                       piece_vec *pv, int depth)
{
    if (depth > DOC_MAX_NESTING)
        return 0;   /* input makes inline nesting a few levels deep at most */
    for (const node *c = parent->first; c; c = c->next) {
        text_piece p;
        inline_ctx sub = *ic;
        switch (c->kind) {
        case N_TEXT:
            if (!c->text || !*c->text)
                break;
            p = make_piece(L, e, ic, c->text, strlen(c->text), c->flags, c->pos);
            if (piece_push(L, pv, &p))
                return -1;
            break;
        case N_BREAK:
            p = make_piece(L, e, ic, "\n", 1, 0, c->pos);
            if (piece_push(L, pv, &p))
                return -1;
            break;
        case N_CODE:
            if ((c->flags & NF_BLOCK) || !c->text || !*c->text)
                break;
            sub.tag = c;
            p = make_piece(L, e, &sub, c->text, strlen(c->text), c->flags | NF_CODE, c->pos);
            if (piece_push(L, pv, &p))
                return -1;
            break;
        case N_LINK:
            sub.tag = c;
            sub.link = c;
            sub.url = (c->flags & NF_AUTOLINK) || link_text_is_uri(c);
            if (c->target) {
                /* a footnote mark: a hair space (U+200A) keeps the mark out of the
                 * word it follows, for screen readers and text extraction */
                p = make_piece(L, e, &sub, "\u200A", 3, NF_SUPER, c->pos);
                if (piece_push(L, pv, &p))
                    return -1;
            }
            if (inline_walk(L, c, e, &sub, pv, depth + 1))
                return -1;
            if (L->st->link_show_url && !(c->flags & NF_AUTOLINK) && !c->target && c->text &&
                *c->text && !link_text_is_uri(c)) {
                char *s = arena_printf(L->a, " (%s)", c->text);
                if (!s)
                    return lay_oom(L, c);
                sub.url = 1;
                p = make_piece(L, e, &sub, s, strlen(s), 0, c->pos);
                if (piece_push(L, pv, &p))
                    return -1;
            }
            break;
        case N_FIGURE: case N_TABLE: case N_RULE: case N_L: case N_BLOCKQUOTE:
            break; /* blocks inside running text: laid out after the paragraph */
        default:
            if (!doc_is_element(c->kind))
                break;
            /* a Span's /Lang is for readers; breaking keeps the paragraph's
             * rules, so NRC는 stays one word in Korean text */
            sub.tag = c;
            if (inline_walk(L, c, e, &sub, pv, depth + 1))
                return -1;
            break;
        }
    }
    return 0;
}

int lay_inline(lay *L, const node *n, const env *e, piece_vec *pv)
{
    inline_ctx ic = {.tag = n, .link = NULL, .lang = text_lang(L, n)};
    return inline_walk(L, n, e, &ic, pv, 0);
}

text_piece lay_piece(lay *L, const env *e, const node *tag, const char *text, size_t len)
{
    inline_ctx ic = {.tag = tag, .lang = text_lang(L, tag)};
    return make_piece(L, e, &ic, text, len, 0, tag->pos);
}

/* ---- blocks ---------------------------------------------------------- */

static int lay_figure(lay *L, const node *n, const env *e);

static int lay_paragraph(lay *L, const node *n, const env *e)
{
    lay_want_space(L, e->para_space);
    line_style ls = {.hang = L->st->hang_markers};
    if (lay_text_lines(L, n, e, &ls))
        return -1;
    for (const node *c = n->first; c; c = c->next) /* images inside running text */
        if (c->kind == N_FIGURE && lay_figure(L, c, e))
            return -1;
    return 0;
}

static int lay_heading(lay *L, const node *n, const env *e)
{
    const style *st = L->st;
    int level = doc_heading_level(n->level);
    env he = *e;
    he.size = n->role == R_TITLE ? st->title_size : st->heading_size[level];
    he.leading = st->heading_leading;
    he.role = FONT_SANS;
    he.bold = 1;
    he.justify = 0;
    if (n->role != R_TITLE)
        lay_want_space(L, he.size * st->heading_space_before);
    if (lay_anchor_here(L, n))
        return -1;
    line_style ls = {.keep_all = 1};
    if (lay_text_lines(L, n, &he, &ls))
        return -1;
    lay_want_space(L, he.size * st->heading_space_after);
    return 0;
}

/* A thin rule across (part of) the column, as an artifact, in a slice of its own. */
static int rule_slice(lay *L, const env *e, double width, double height, int keep)
{
    slice *s = lay_slice(L, e, height);
    if (!s)
        return -1;
    s->keep_with_next = keep;
    item *it = lay_item(L);
    if (!it)
        return -1;
    *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = e->left, .y = -height / 2,
                 .w = width, .line_width = L->st->rule_width, .color = L->st->rule_color};
    return 0;
}

/* Release head: subtitle and meta lines in gothic, then a rule. */
static int lay_release_head(lay *L, const node *n, const env *e)
{
    const style *st = L->st;
    for (const node *c = n->first; c; c = c->next) {
        if (c->kind != N_P) {
            if (lay_block(L, c, e))
                return -1;
            continue;
        }
        env pe = *e;
        pe.role = FONT_SANS;
        pe.justify = 0;
        if (c->role == R_SUBTITLE) {
            pe.size = st->subtitle_size;
            pe.leading = st->heading_leading;
            pe.para_space = pe.size * st->heading_space_after;
        } else {
            pe.size = st->meta_size;
            pe.leading = st->meta_leading;
            pe.para_space = c->prev && c->prev->role == R_META ? 0 : pe.size;
        }
        line_style ls = {.keep_all = 1};
        lay_want_space(L, pe.para_space);
        if (lay_text_lines(L, c, &pe, &ls))
            return -1;
    }
    lay_want_space(L, e->para_space);
    if (rule_slice(L, e, e->width, e->para_space, 0))
        return -1;
    lay_want_space(L, L->st->section_space);
    return 0;
}

/* Move e's column in by `by` for one more level of nesting: not past
 * DOC_MAX_NESTING levels (deeper content is set at that indent), nor so far
 * that less than the style's least measure remains. */
static void indent_env(const style *st, env *e, double by)
{
    if (e->depth++ < DOC_MAX_NESTING && e->width - by >= st->min_measure * e->size) {
        e->left += by;
        e->width -= by;
    }
}

/* The label of list item li (index-th in list): its text, and for the
 * bullets that come from the Korean faces (◦ ■, full-width and heavy there)
 * a size factor and how far the smaller bullet is raised, a share of the
 * height it lost. */
typedef struct label {
    const char *text;
    double scale, rise;
} label;

static label list_label(lay *L, const node *list, const node *li, int index)
{
    if (li->flags & NF_TASK)   /* a ballot box: ☒ done, ☐ to do */
        return (label){(li->flags & NF_CHECKED) ? "\xE2\x98\x92" : "\xE2\x98\x90", 1, 0};
    if (!(list->flags & NF_ORDERED)) {
        const style *st = L->st;
        enum list_bullet b = doc_list_bullet(list->level);
        const char *text = doc_bullet_text(b);
        switch (b) {
        case BULLET_DISC:
            return (label){text, 1, 0};
        case BULLET_CIRCLE:
            return (label){text, st->bullet_scale, st->bullet_rise};
        default:
            return (label){text, st->square_scale, st->square_rise};
        }
    }
    int num = li->number ? li->number : list->number + index;
    return (label){arena_printf(L->a, "%d.", num), 1, 0};
}

/* A one-line label (list bullet or number, note number) tagged with tag; a
 * scaled-down label is raised to sit mid-way on the line. */
static const text_line *set_label(lay *L, const env *e, label lb, const node *tag)
{
    inline_ctx ic = {.tag = tag, .lang = text_lang(L, tag)};
    text_piece p = make_piece(L, e, &ic, lb.text, strlen(lb.text), 0, tag->pos);
    if (!p.chain) {
        diag_error(L->d, tag->pos, "no font for a label");
        return NULL;
    }
    if (lb.scale != 1) {
        p.size = e->size * lb.scale;
        p.rise = e->size * (1 - lb.scale) * lb.rise;
    }
    text_line *lines;
    int n;
    if (lay_set(L, &p, 1, ONE_LINE_MEASURE, 0, 0, 0, &lines, &n) || n < 1)
        return NULL;
    return &lines[0];
}

static int lay_list(lay *L, const node *n, const env *e)
{
    double gap = L->st->list_label_gap * e->size, widest = 0;
    int index = 0;
    for (const node *li = n->first; li; li = li->next) {
        if (li->kind != N_LI)
            continue;
        label lb = list_label(L, n, li, index++);
        if (!lb.text)
            return lay_oom(L, n);
        inline_ctx ic = {.tag = li, .lang = text_lang(L, li)};
        text_piece p = make_piece(L, e, &ic, lb.text, strlen(lb.text), 0, li->pos);
        double mn = 0, mx = 0;
        if (!p.chain || paragraph_measure(L->ts, &p, 1, &mn, &mx, L->d))
            return -1;
        if (mx * lb.scale > widest)
            widest = mx * lb.scale;
    }
    double indent = widest + gap > L->st->list_indent ? widest + gap : L->st->list_indent;
    env be = *e;
    be.list_depth++;
    indent_env(L->st, &be, indent);
    be.para_space = e->para_space * L->st->list_item_space;
    lay_want_space(L, e->para_space);
    index = 0;
    for (const node *li = n->first; li; li = li->next) {
        if (li->kind != N_LI) {
            if (lay_block(L, li, &be))
                return -1;
            continue;
        }
        const node *lbl = li;
        for (const node *c = li->first; c; c = c->next)
            if (c->kind == N_LBL) {
                lbl = c;
                break;
            }
        label lb = list_label(L, n, li, index++);
        const text_line *ln = lb.text ? set_label(L, e, lb, lbl) : NULL;
        if (!ln)
            return -1;
        if (lay_flush_label(L, e))
            return -1;
        L->label = ln;
        L->label_size = e->size;
        L->label_x = n->flags & NF_ORDERED ? be.left - gap - ln->width : e->left;
        if (L->label_x < e->left)
            L->label_x = e->left;
        lay_want_space(L, be.para_space);
        for (const node *c = li->first; c; c = c->next) {
            if (c->kind == N_LBL)
                continue;
            if (c->kind == N_LBODY ? lay_blocks(L, c->first, &be) : lay_block(L, c, &be))
                return -1;
        }
        if (lay_flush_label(L, e))
            return -1;
    }
    lay_want_space(L, e->para_space);
    return 0;
}

static int lay_quote(lay *L, const node *n, const env *e)
{
    env qe = *e;
    if (qe.nbars < MAX_QUOTE_BARS && e->width - L->st->quote_indent >= L->st->min_measure * e->size)
        qe.bar_x[qe.nbars++] = e->left + L->st->quote_bar;
    indent_env(L->st, &qe, L->st->quote_indent);
    lay_want_space(L, e->para_space);
    if (lay_blocks(L, n->first, &qe))
        return -1;
    lay_want_space(L, e->para_space);
    return 0;
}

static int lay_code_block(lay *L, const node *n, const env *e)
{
    env ce = *e;
    ce.role = FONT_MONO;
    ce.bold = 0;
    ce.size = L->st->code_size;
    ce.leading = L->st->code_leading;
    ce.justify = 0;
    inline_ctx ic = {.tag = n, .lang = text_lang(L, n)};
    piece_vec *pv = &L->pieces;
    pv->n = 0;
    const char *s = n->text ? n->text : "";
    size_t len = strlen(s);
    while (len && s[len - 1] == '\n')
        len--;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(s + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - s) : len;
        text_piece p;
        if (end > at) {
            p = make_piece(L, &ce, &ic, s + at, end - at, 0, n->pos);
            if (piece_push(L, pv, &p))
                return -1;
        }
        if (!nl)
            break;
        p = make_piece(L, &ce, &ic, "\n", 1, 0, n->pos);
        if (piece_push(L, pv, &p))
            return -1;
        at = end + 1;
    }
    text_line *lines;
    int nlines;
    const double pad = L->st->code_padding;
    if (lay_set(L, pv->v, pv->n, ce.width - 2 * pad, 0, 0, 0, &lines, &nlines))
        return -1;
    lay_want_space(L, e->para_space);
    line_style ls = {.xoff = pad, .background = 1};
    if (lay_emit_lines(L, &ce, lines, nlines, &ls))
        return -1;
    lay_want_space(L, e->para_space);
    return 0;
}

static int lay_figure(lay *L, const node *n, const env *e)
{
    if (lay_flush_label(L, e))
        return -1;
    int has_caption = 0;
    for (const node *c = n->first; c; c = c->next)
        has_caption |= c->kind == N_CAPTION;
    const image_info *img = n->image;
    if (img && img->view_w > 0 && img->view_h > 0) {
        /* never larger than the image at the style's dpi; fit the column and the frame */
        double dpi = L->st->images.dpi;
        double w = img->view_w * POINTS_PER_INCH / dpi, h = img->view_h * POINTS_PER_INCH / dpi;
        double frame_h = L->frame_top - L->frame_bottom, scale = 1;
        if (w * scale > e->width)
            scale = e->width / w;
        if (h * scale > frame_h)
            scale = frame_h / h;
        lay_want_space(L, e->para_space);
        slice *s = lay_slice(L, e, h * scale);
        if (!s)
            return -1;
        s->figure = n;
        s->fig_w = w * scale;
        s->fig_h = h * scale;
        s->fig_left = e->left;
        s->fig_width = e->width;
        s->keep_with_next = has_caption;
    } else {
        diag_warning(L->d, n->pos, "figure has no usable image size; image left out");
    }
    for (const node *c = n->first; c; c = c->next) {
        if (c->kind != N_CAPTION) {
            if (lay_block(L, c, e))
                return -1;
            continue;
        }
        env ce = *e;
        ce.size = L->st->meta_size;
        ce.justify = 0;
        line_style ls = {.align = ALIGN_MIDDLE};
        lay_want_space(L, e->para_space);
        if (lay_text_lines(L, c, &ce, &ls))
            return -1;
    }
    lay_want_space(L, e->para_space);
    return 0;
}

int lay_note_block(lay *L, const node *n, const env *e)
{
    char num[16];
    snprintf(num, sizeof num, "%d", n->number);
    const char *t = arena_strdup(L->a, num);
    const text_line *ln = t ? set_label(L, e, (label){t, 1, 0}, n) : NULL;
    if (!ln)
        return t ? -1 : lay_oom(L, n);
    if (lay_flush_label(L, e))
        return -1;
    double indent = ln->width + L->st->list_label_gap * e->size;
    if (indent < L->st->list_indent)
        indent = L->st->list_indent;
    env be = *e;
    indent_env(L->st, &be, indent);
    L->label = ln;
    L->label_size = e->size;
    L->label_x = e->left;
    lay_want_space(L, e->para_space);
    if (lay_blocks(L, n->first, &be))
        return -1;
    return lay_flush_label(L, e);
}

env lay_note_env(const lay *L, const env *e)
{
    env ne = *e;
    ne.size = L->st->note_size;
    ne.para_space = e->para_space * L->st->list_item_space;
    ne.depth++;
    return ne;
}

/* Footnotes of a release: a short rule, then each note in the note size. */
static int lay_notes(lay *L, const node *n, const env *e)
{
    if (!n->first)
        return 0;
    if (lay_flush_label(L, e))
        return -1;
    lay_want_space(L, L->st->section_space);
    if (rule_slice(L, e, lay_note_rule(L->st, e->width), e->para_space, 1))
        return -1;
    env ne = lay_note_env(L, e);
    for (const node *c = n->first; c; c = c->next)
        if (c->kind == N_NOTE ? lay_anchor_here(L, c) || lay_note_block(L, c, &ne)
                              : lay_block(L, c, &ne))
            return -1;
    return 0;
}

int lay_block(lay *L, const node *n, const env *e)
{
    switch (n->kind) {
    case N_P:
        return lay_paragraph(L, n, e);
    case N_H:
        return lay_heading(L, n, e);
    case N_DIV:
        if (n->role == R_RELEASE_HEAD)
            return lay_release_head(L, n, e);
        if (n->role == R_NOTES)
            return lay_notes(L, n, e);
        return lay_blocks(L, n->first, e);
    case N_L:
        return lay_list(L, n, e);
    case N_BLOCKQUOTE:
        return lay_quote(L, n, e);
    case N_CODE:
        return lay_code_block(L, n, e);
    case N_RULE:
        if (lay_flush_label(L, e))
            return -1;
        lay_want_space(L, e->para_space);
        if (rule_slice(L, e, e->width, L->st->section_space, 0))
            return -1;
        lay_want_space(L, e->para_space);
        return 0;
    case N_TABLE:
        if (lay_flush_label(L, e))
            return -1;
        return lay_table(L, n, e);
    case N_FIGURE:
        return lay_figure(L, n, e);
    case N_NOTE:   /* a cited note goes with its citation; any other where it stands */
        if (lay_is_prepared_note(L, n))
            return 0;
        return lay_anchor_here(L, n) || lay_note_block(L, n, e) ? -1 : 0;
    case N_CAPTION:
    case N_LINK:
    case N_SPAN:
        return lay_paragraph(L, n, e);
    case N_TEXT:
    case N_BREAK:
        return 0; /* stray inline content outside a block: nothing to hang it on */
    default:
        if (n->kind == N_SECT && lay_anchor_here(L, n))
            return -1;
        return lay_blocks(L, n->first, e);
    }
}

int lay_blocks(lay *L, const node *first, const env *e)
{
    for (const node *c = first; c; c = c->next)
        if (lay_block(L, c, e))
            return -1;
    return 0;
}
