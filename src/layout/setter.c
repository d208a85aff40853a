/* setter.c — text set for layout: the font chain of each role and variant
 * (all resolved at start-up by layout_resolve_fonts, then only looked up,
 * with their fallbacks), inline content into styled text pieces (emphasis —
 * upright gothic for Korean —, strong, code, strike, links with printed
 * URLs, footnote marks), and pieces into lines with the style's breaking
 * values, in the arena of the release being set. */
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

static const font_chain *chain_exact(setter *S, enum font_role role, int bold, int italic)
{
    if (!S->chain_tried[role][bold][italic]) {
        S->chain_tried[role][bold][italic] = 1;
        const char *spec = role_spec(S->st, role);
        if (spec)
            S->chains[role][bold][italic] =
                font_registry_chain(S->fonts, spec, bold, italic, S->d);
    }
    return S->chains[role][bold][italic];
}

const font_chain *lay_chain(setter *S, enum font_role role, int bold, int italic)
{
    const font_chain *c = chain_exact(S, role, !!bold, !!italic);
    if (!c && italic)
        c = chain_exact(S, role, !!bold, 0);
    if (!c && bold)
        c = chain_exact(S, role, 0, 0);
    if (!c && role != FONT_SERIF)
        c = chain_exact(S, FONT_SERIF, 0, 0);
    return c;
}

/* ---- inline content --------------------------------------------------- */

int piece_push(setter *S, piece_vec *pv, const text_piece *p)
{
    if (!p->chain) {
        diag_error(S->d, p->pos, "no font for text");
        return -1;
    }
    if (grow_array((void **)&pv->v, &pv->cap, pv->n + 1, sizeof *pv->v))
        return diag_oom(S->d);
    pv->v[pv->n++] = *p;
    return 0;
}

/* The language n's text is set in: its own or an ancestor's, else the
 * document's (the cover and contents are in the bulletin's language). */
static const char *text_lang(const setter *S, const node *n)
{
    const char *lang = doc_lang(n);
    return lang ? lang : S->doc->lang;
}

typedef struct inline_ctx {
    const node *tag;     /* innermost element: P, H, TD, Link, Span… */
    const node *link;    /* the enclosing N_LINK, if any */
    const char *lang;
    int url;             /* the text is a URL or address (text.h: breaks like one) */
} inline_ctx;

static text_piece make_piece(setter *S, const env *e, const inline_ctx *ic, const char *text,
                             size_t len, unsigned flags, srcpos pos)
{
    enum font_role role = e->role;
    int bold = e->bold || (flags & NF_STRONG);
    int italic = (flags & NF_EMPH) != 0;
    double size = e->size, rise = 0;
    if (flags & NF_CODE) {
        role = FONT_MONO;
        italic = 0;
        size *= S->st->code_scale;
    } else if (italic && lang_is(ic->lang, "ko")) {
        /* Hangul has no italic: emphasis in Korean is set upright in gothic */
        role = FONT_SANS;
        italic = 0;
    }
    if (flags & NF_SUPER) {
        size = e->size * S->st->super_scale;
        rise = e->size * S->st->super_rise;
    }
    return (text_piece){.text = text, .len = len, .chain = lay_chain(S, role, bold, italic),
                        .size = size, .rise = rise,
                        .color = ic->link ? S->st->link_color : e->color,
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

static int inline_walk(setter *S, const node *parent, const env *e, const inline_ctx *ic,
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
            p = make_piece(S, e, ic, c->text, strlen(c->text), c->flags, c->pos);
            if (piece_push(S, pv, &p))
                return -1;
            break;
        case N_BREAK:
            p = make_piece(S, e, ic, "\n", 1, 0, c->pos);
            if (piece_push(S, pv, &p))
                return -1;
            break;
        case N_CODE:
            if ((c->flags & NF_BLOCK) || !c->text || !*c->text)
                break;
            sub.tag = c;
            p = make_piece(S, e, &sub, c->text, strlen(c->text), c->flags | NF_CODE, c->pos);
            if (piece_push(S, pv, &p))
                return -1;
            break;
        case N_LINK:
            sub.tag = c;
            sub.link = c;
            sub.url = (c->flags & NF_AUTOLINK) || link_text_is_uri(c);
            if (c->target) {
                /* a footnote mark: a hair space (U+200A) keeps the mark out of the
                 * word it follows, for screen readers and text extraction */
                p = make_piece(S, e, &sub, "\u200A", 3, NF_SUPER, c->pos);
                if (piece_push(S, pv, &p))
                    return -1;
            }
            if (inline_walk(S, c, e, &sub, pv, depth + 1))
                return -1;
            if (S->st->link_show_url && !(c->flags & NF_AUTOLINK) && !c->target && c->text &&
                *c->text && !link_text_is_uri(c)) {
                char *s = arena_printf(S->a, " (%s)", c->text);
                if (!s)
                    return diag_oom(S->d);
                sub.url = 1;
                p = make_piece(S, e, &sub, s, strlen(s), 0, c->pos);
                if (piece_push(S, pv, &p))
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
            if (inline_walk(S, c, e, &sub, pv, depth + 1))
                return -1;
            break;
        }
    }
    return 0;
}

int lay_inline(setter *S, const node *n, const env *e, piece_vec *pv)
{
    inline_ctx ic = {.tag = n, .link = NULL, .lang = text_lang(S, n)};
    return inline_walk(S, n, e, &ic, pv, 0);
}

text_piece lay_piece(setter *S, const env *e, const node *tag, const char *text, size_t len)
{
    inline_ctx ic = {.tag = tag, .lang = text_lang(S, tag)};
    return make_piece(S, e, &ic, text, len, 0, tag->pos);
}

/* ---- lines ------------------------------------------------------------ */

break_params layout_break_params(const style *st)
{
    return (break_params){
        .total_fit = st->total_fit, .hyphenate = st->hyphenate, .tolerance = st->tolerance,
        .hyphen_tolerance = st->hyphen_tolerance, .emergency_stretch = st->emergency_stretch,
        .line_penalty = st->line_penalty, .hyphen_penalty = st->hyphen_penalty,
        .last_resort_penalty = st->last_resort_penalty,
        .adjacent_demerits = st->adjacent_demerits,
        .double_hyphen_demerits = st->double_hyphen_demerits,
        .final_hyphen_demerits = st->final_hyphen_demerits,
        .hyphen_min_before = st->hyphen_min_before, .hyphen_min_after = st->hyphen_min_after,
        .hyphen_max_lines = st->hyphen_max_lines, .space_stretch = st->space_stretch,
        .space_shrink = st->space_shrink, .gap_after = st->gap_after,
        .gap_shrink = st->gap_shrink, .glyph_scale = st->glyph_scale,
        .emergency_glyph_scale = st->emergency_glyph_scale,
        .space_limit = st->space_limit, .ragged_stretch = st->ragged_stretch};
}

int lay_set(setter *S, const text_piece *p, size_t n, double width, double first_indent,
            double rest_indent, int justify, text_line **lines, int *nlines)
{
    para_params pp = {.width = width, .first_indent = first_indent, .rest_indent = rest_indent,
                      .justify = justify};
    return lay_set_para(S, p, n, &pp, lines, nlines);
}

int lay_set_para(setter *S, const text_piece *p, size_t n, const para_params *how,
                 text_line **lines, int *nlines)
{
    *lines = NULL;
    *nlines = 0;
    if (!n)
        return 0;
    break_params bp = layout_break_params(S->st);
    bp.hyphenate = bp.hyphenate && how->justify;   /* not headings, not ragged text */
    para_params pp = *how;
    pp.width = how->width > 1 ? how->width : 1;
    pp.syllable_break = S->st->korean_syllable_break;
    pp.breaking = &bp;
    if (paragraph_set(S->ts, S->a, p, (int)n, &pp, lines, nlines, S->d))
        return -1;
    return 0;
}

int lay_set_inline(setter *S, const node *n, const env *e, const para_params *how,
                   text_line **lines, int *nlines)
{
    piece_vec *pv = &S->pieces;
    pv->n = 0;
    if (lay_inline(S, n, e, pv))
        return -1;
    return lay_set_para(S, pv->v, pv->n, how, lines, nlines);
}

double lay_baseline(const style *st, double pitch, double size)
{
    return (pitch - size) / 2 + st->baseline * size;
}
