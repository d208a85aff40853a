/* tree.c — document nodes: creation, linking, numbering, the ENTER/EXIT walk,
 * and what a node's kind and level make it: its structure type, its heading
 * level, its list's bullet. */
#include <stdlib.h>
#include "doc.h"

document *doc_new(void)
{
    document *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->arena = arena_new();
    if (!d->arena) {
        free(d);
        return NULL;
    }
    d->root = doc_node_new(d, N_DOCUMENT, (srcpos){0});
    if (!d->root) {
        doc_free(d);
        return NULL;
    }
    return d;
}

void doc_free(document *d)
{
    if (!d)
        return;
    arena_free(d->arena);
    free(d);
}

node *doc_node_new(document *d, enum node_kind kind, srcpos pos)
{
    node *n = arena_alloc(d->arena, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->pos = pos;
    return n;
}

void doc_append(node *parent, node *child)
{
    child->parent = parent;
    child->next = NULL;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

void doc_remove(node *n)
{
    node *p = n->parent;
    if (!p)
        return;
    if (n->prev)
        n->prev->next = n->next;
    else
        p->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        p->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

void doc_insert_after(node *ref, node *n)
{
    node *p = ref->parent;
    n->parent = p;
    n->prev = ref;
    n->next = ref->next;
    if (ref->next)
        ref->next->prev = n;
    else if (p)
        p->last = n;
    ref->next = n;
}

int doc_is_element(enum node_kind k)
{
    return k < N_TEXT;
}

int doc_heading_level(int level)
{
    return level < 1 ? 1 : level > DOC_HEADING_LEVELS ? DOC_HEADING_LEVELS : level;
}

static const struct {
    const char *text, *numbering;
} bullets[BULLET_KINDS] = {
    [BULLET_DISC] = {"\xE2\x80\xA2", "Disc"},       /* • U+2022 */
    [BULLET_CIRCLE] = {"\xE2\x97\xA6", "Circle"},   /* ◦ U+25E6 */
    [BULLET_SQUARE] = {"\xE2\x96\xA0", "Square"},   /* ■ U+25A0: NanumMyeongjo and NanumGothic
                                                      have it (▪ U+25AA only Noto Serif CJK: a
                                                      whole face more for one glyph) */
};

enum list_bullet doc_list_bullet(int level)
{
    return (enum list_bullet)((level > 0 ? level - 1 : 0) % BULLET_KINDS);
}

const char *doc_bullet_text(enum list_bullet b)
{
    return bullets[b].text;
}

const char *doc_bullet_numbering(enum list_bullet b)
{
    return bullets[b].numbering;
}

node *doc_next(const node *root, const node *cur, int *entering)
{
    if (*entering && doc_is_element(cur->kind)) {
        if (cur->first)
            return cur->first; /* *entering stays 1 */
        *entering = 0;          /* an empty element: exit it next */
        return (node *)cur;
    }
    if (cur == root) {
        return NULL;
    }
    if (cur->next) {
        *entering = 1;
        return cur->next;
    }
    *entering = 0;
    return cur->parent;
}

void doc_number(document *d)
{
    int id = 0, entering = 1;
    for (node *n = d->root; n; n = doc_next(d->root, n, &entering))
        if (entering)
            n->id = ++id;
    d->nnodes = id;
}

const char *doc_lang(const node *n)
{
    for (; n; n = n->parent)
        if (n->lang)
            return n->lang;
    return NULL;
}

const char *doc_struct_type(const node *n)
{
    static const char *const h[DOC_HEADING_LEVELS + 1] = {"H1", "H1", "H2", "H3", "H4", "H5", "H6"};
    switch (n->kind) {
    case N_DOCUMENT: return "Document";
    case N_PART: return "Part";
    case N_SECT: return "Sect";
    case N_DIV: return "Div";
    case N_H: return h[doc_heading_level(n->level)];
    case N_P: return "P";
    case N_BLOCKQUOTE: return "BlockQuote";
    case N_CODE: return "Code";
    case N_NOTE: return "Note";
    case N_L: return "L";
    case N_LI: return "LI";
    case N_LBL: return "Lbl";
    case N_LBODY: return "LBody";
    case N_TABLE: return "Table";
    case N_THEAD: return "THead";
    case N_TBODY: return "TBody";
    case N_TR: return "TR";
    case N_TH: return "TH";
    case N_TD: return "TD";
    case N_FIGURE: return "Figure";
    case N_CAPTION: return "Caption";
    case N_LINK: return "Link";
    case N_SPAN: return "Span";
    case N_REFERENCE: return "Reference";
    case N_TOC: return "TOC";
    case N_TOCI: return "TOCI";
    case N_INDEX: return "Index";
    default: return NULL;
    }
}
