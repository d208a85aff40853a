/* blocks.c — block flow: paragraphs, headings, the release head, lists
 * with labels, block quotes, code blocks, rules, figures and footnotes cut
 * into slices for the page builder (text set by setter.c, lines emitted by
 * lines.c, tables by table.c). */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* ---- blocks ---------------------------------------------------------- */

static int lay_figure(flow *F, const node *n, const env *e);

static int lay_paragraph(flow *F, const node *n, const env *e)
{
    lay_want_space(F->out, e->para_space);
    line_style ls = {.hang = F->set->st->hang_markers};
    if (lay_text_lines(F, n, e, &ls))
        return -1;
    for (const node *c = n->first; c; c = c->next) /* images inside running text */
        if (c->kind == N_FIGURE && lay_figure(F, c, e))
            return -1;
    return 0;
}

static int lay_heading(flow *F, const node *n, const env *e)
{
    const style *st = F->set->st;
    int level = doc_heading_level(n->level);
    env he = *e;
    he.size = n->role == R_TITLE ? st->title_size : st->heading_size[level];
    he.leading = st->heading_leading;
    he.role = FONT_SANS;
    he.bold = 1;
    he.justify = 0;
    if (n->role != R_TITLE)
        lay_want_space(F->out, he.size * st->heading_space_before);
    if (lay_anchor_here(F->out, n))
        return -1;
    line_style ls = {.keep_all = 1};
    if (lay_text_lines(F, n, &he, &ls))
        return -1;
    lay_want_space(F->out, he.size * st->heading_space_after);
    return 0;
}

/* A thin rule across (part of) the column, as an artifact, in a slice of its own. */
static int rule_slice(slice_list *S, const env *e, double width, double height, int keep)
{
    slice *s = lay_slice(S, e, height);
    if (!s)
        return -1;
    s->keep_with_next = keep;
    item *it = lay_item(S);
    if (!it)
        return -1;
    *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = e->left, .y = -height / 2,
                 .w = width, .line_width = S->st->rule_width, .color = S->st->rule_color};
    return 0;
}

/* Release head: subtitle and meta lines in gothic, then a rule. */
static int lay_release_head(flow *F, const node *n, const env *e)
{
    const style *st = F->set->st;
    for (const node *c = n->first; c; c = c->next) {
        if (c->kind != N_P) {
            if (lay_block(F, c, e))
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
        lay_want_space(F->out, pe.para_space);
        if (lay_text_lines(F, c, &pe, &ls))
            return -1;
    }
    lay_want_space(F->out, e->para_space);
    if (rule_slice(F->out, e, e->width, e->para_space, 0))
        return -1;
    lay_want_space(F->out, st->section_space);
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

static label list_label(setter *S, const node *list, const node *li, int index)
{
    if (li->flags & NF_TASK)   /* a ballot box: ☒ done, ☐ to do */
        return (label){(li->flags & NF_CHECKED) ? "\xE2\x98\x92" : "\xE2\x98\x90", 1, 0};
    if (!(list->flags & NF_ORDERED)) {
        const style *st = S->st;
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
    return (label){arena_printf(S->a, "%d.", num), 1, 0};
}

/* A one-line label (list bullet or number, note number) tagged with tag; a
 * scaled-down label is raised to sit mid-way on the line. */
static const text_line *set_label(setter *S, const env *e, label lb, const node *tag)
{
    text_piece p = lay_piece(S, e, tag, lb.text, strlen(lb.text));
    if (!p.chain) {
        diag_error(S->d, tag->pos, "no font for a label");
        return NULL;
    }
    if (lb.scale != 1) {
        p.size = e->size * lb.scale;
        p.rise = e->size * (1 - lb.scale) * lb.rise;
    }
    text_line *lines;
    int n;
    if (lay_set(S, &p, 1, ONE_LINE_MEASURE, 0, 0, 0, &lines, &n))
        return NULL;
    if (n < 1) {
        diag_internal(S->d, "a label set in no line");
        return NULL;
    }
    return &lines[0];
}

static int lay_list(flow *F, const node *n, const env *e)
{
    setter *S = F->set;
    const style *st = S->st;
    double gap = st->list_label_gap * e->size, widest = 0;
    int index = 0;
    for (const node *li = n->first; li; li = li->next) {
        if (li->kind != N_LI)
            continue;
        label lb = list_label(S, n, li, index++);
        if (!lb.text)
            return diag_oom(S->d);
        text_piece p = lay_piece(S, e, li, lb.text, strlen(lb.text));
        double mn = 0, mx = 0;
        if (!p.chain) {
            diag_error(S->d, li->pos, "no font for a label");
            return -1;
        }
        if (paragraph_measure(S->ts, &p, 1, &mn, &mx, S->d))
            return -1;
        if (mx * lb.scale > widest)
            widest = mx * lb.scale;
    }
    double indent = widest + gap > st->list_indent ? widest + gap : st->list_indent;
    env be = *e;
    be.list_depth++;
    indent_env(st, &be, indent);
    be.para_space = e->para_space * st->list_item_space;
    lay_want_space(F->out, e->para_space);
    index = 0;
    for (const node *li = n->first; li; li = li->next) {
        if (li->kind != N_LI) {
            if (lay_block(F, li, &be))
                return -1;
            continue;
        }
        const node *lbl = li;
        for (const node *c = li->first; c; c = c->next)
            if (c->kind == N_LBL) {
                lbl = c;
                break;
            }
        label lb = list_label(S, n, li, index++);
        if (!lb.text)
            return diag_oom(S->d);
        const text_line *ln = set_label(S, e, lb, lbl);
        if (!ln)
            return -1;
        if (lay_flush_label(F, e))
            return -1;
        F->label = ln;
        F->label_size = e->size;
        F->label_x = n->flags & NF_ORDERED ? be.left - gap - ln->width : e->left;
        if (F->label_x < e->left)
            F->label_x = e->left;
        lay_want_space(F->out, be.para_space);
        for (const node *c = li->first; c; c = c->next) {
            if (c->kind == N_LBL)
                continue;
            if (c->kind == N_LBODY ? lay_blocks(F, c->first, &be) : lay_block(F, c, &be))
                return -1;
        }
        if (lay_flush_label(F, e))
            return -1;
    }
    lay_want_space(F->out, e->para_space);
    return 0;
}

static int lay_quote(flow *F, const node *n, const env *e)
{
    const style *st = F->set->st;
    env qe = *e;
    if (qe.nbars < MAX_QUOTE_BARS && e->width - st->quote_indent >= st->min_measure * e->size)
        qe.bar_x[qe.nbars++] = e->left + st->quote_bar;
    indent_env(st, &qe, st->quote_indent);
    lay_want_space(F->out, e->para_space);
    if (lay_blocks(F, n->first, &qe))
        return -1;
    lay_want_space(F->out, e->para_space);
    return 0;
}

static int lay_code_block(flow *F, const node *n, const env *e)
{
    setter *S = F->set;
    env ce = *e;
    ce.role = FONT_MONO;
    ce.bold = 0;
    ce.size = S->st->code_size;
    ce.leading = S->st->code_leading;
    ce.justify = 0;
    piece_vec *pv = &S->pieces;
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
            p = lay_piece(S, &ce, n, s + at, end - at);
            if (piece_push(S, pv, &p))
                return -1;
        }
        if (!nl)
            break;
        p = lay_piece(S, &ce, n, "\n", 1);
        if (piece_push(S, pv, &p))
            return -1;
        at = end + 1;
    }
    text_line *lines;
    int nlines;
    const double pad = S->st->code_padding;
    if (lay_set(S, pv->v, pv->n, ce.width - 2 * pad, 0, 0, 0, &lines, &nlines))
        return -1;
    lay_want_space(F->out, e->para_space);
    line_style ls = {.xoff = pad, .background = 1};
    if (lay_emit_lines(F, &ce, lines, nlines, &ls))
        return -1;
    lay_want_space(F->out, e->para_space);
    return 0;
}

static int lay_figure(flow *F, const node *n, const env *e)
{
    const style *st = F->set->st;
    if (lay_flush_label(F, e))
        return -1;
    int has_caption = 0;
    for (const node *c = n->first; c; c = c->next)
        has_caption |= c->kind == N_CAPTION;
    const image_info *img = n->image;
    if (img && img->view_w > 0 && img->view_h > 0) {
        /* never larger than the image at the style's dpi; fit the column and the frame */
        double dpi = st->images.dpi;
        double w = img->view_w * POINTS_PER_INCH / dpi, h = img->view_h * POINTS_PER_INCH / dpi;
        double frame_h = F->frame_h, scale = 1;
        if (w * scale > e->width)
            scale = e->width / w;
        if (h * scale > frame_h)
            scale = frame_h / h;
        lay_want_space(F->out, e->para_space);
        slice *s = lay_slice(F->out, e, h * scale);
        if (!s)
            return -1;
        s->figure = n;
        s->fig_w = w * scale;
        s->fig_h = h * scale;
        s->fig_left = e->left;
        s->fig_width = e->width;
        s->keep_with_next = has_caption;
    } else {
        diag_warning(F->set->d, n->pos, "figure has no usable image size; image left out");
    }
    for (const node *c = n->first; c; c = c->next) {
        if (c->kind != N_CAPTION) {
            if (lay_block(F, c, e))
                return -1;
            continue;
        }
        env ce = *e;
        ce.size = st->meta_size;
        ce.justify = 0;
        line_style ls = {.align = ALIGN_MIDDLE};
        lay_want_space(F->out, e->para_space);
        if (lay_text_lines(F, c, &ce, &ls))
            return -1;
    }
    lay_want_space(F->out, e->para_space);
    return 0;
}

int lay_note_block(flow *F, const node *n, const env *e)
{
    setter *S = F->set;
    char num[16];
    snprintf(num, sizeof num, "%d", n->number);
    const char *t = arena_strdup(S->a, num);
    if (!t)
        return diag_oom(S->d);
    const text_line *ln = set_label(S, e, (label){t, 1, 0}, n);
    if (!ln)
        return -1;
    if (lay_flush_label(F, e))
        return -1;
    double indent = ln->width + S->st->list_label_gap * e->size;
    if (indent < S->st->list_indent)
        indent = S->st->list_indent;
    env be = *e;
    indent_env(S->st, &be, indent);
    F->label = ln;
    F->label_size = e->size;
    F->label_x = e->left;
    lay_want_space(F->out, e->para_space);
    if (lay_blocks(F, n->first, &be))
        return -1;
    return lay_flush_label(F, e);
}

env lay_note_env(const style *st, const env *e)
{
    env ne = *e;
    ne.size = st->note_size;
    ne.para_space = e->para_space * st->list_item_space;
    ne.depth++;
    return ne;
}

/* Footnotes of a release: a short rule, then each note in the note size. */
static int lay_notes(flow *F, const node *n, const env *e)
{
    const style *st = F->set->st;
    if (!n->first)
        return 0;
    if (lay_flush_label(F, e))
        return -1;
    lay_want_space(F->out, st->section_space);
    if (rule_slice(F->out, e, lay_note_rule(st, e->width), e->para_space, 1))
        return -1;
    env ne = lay_note_env(st, e);
    for (const node *c = n->first; c; c = c->next)
        if (c->kind == N_NOTE ? lay_anchor_here(F->out, c) || lay_note_block(F, c, &ne)
                              : lay_block(F, c, &ne))
            return -1;
    return 0;
}

int lay_block(flow *F, const node *n, const env *e)
{
    switch (n->kind) {
    case N_P:
        return lay_paragraph(F, n, e);
    case N_H:
        return lay_heading(F, n, e);
    case N_DIV:
        if (n->role == R_RELEASE_HEAD)
            return lay_release_head(F, n, e);
        if (n->role == R_NOTES)
            return lay_notes(F, n, e);
        return lay_blocks(F, n->first, e);
    case N_L:
        return lay_list(F, n, e);
    case N_BLOCKQUOTE:
        return lay_quote(F, n, e);
    case N_CODE:
        return lay_code_block(F, n, e);
    case N_RULE:
        if (lay_flush_label(F, e))
            return -1;
        lay_want_space(F->out, e->para_space);
        if (rule_slice(F->out, e, e->width, F->set->st->section_space, 0))
            return -1;
        lay_want_space(F->out, e->para_space);
        return 0;
    case N_TABLE:
        if (lay_flush_label(F, e))
            return -1;
        return lay_table(F, n, e);
    case N_FIGURE:
        return lay_figure(F, n, e);
    case N_NOTE:   /* a cited note goes with its citation; any other where it stands */
        if (lay_is_prepared_note(F->notes, n))
            return 0;
        return lay_anchor_here(F->out, n) || lay_note_block(F, n, e) ? -1 : 0;
    case N_CAPTION:
    case N_LINK:
    case N_SPAN:
        return lay_paragraph(F, n, e);
    case N_TEXT:
    case N_BREAK:
        return 0; /* stray inline content outside a block: nothing to hang it on */
    default:
        if (n->kind == N_SECT && lay_anchor_here(F->out, n))
            return -1;
        return lay_blocks(F, n->first, e);
    }
}

int lay_blocks(flow *F, const node *first, const env *e)
{
    for (const node *c = first; c; c = c->next)
        if (lay_block(F, c, e))
            return -1;
    return 0;
}
