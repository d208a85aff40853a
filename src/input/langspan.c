/* langspan.c — mark where the language changes inside a release: a run of
 * Latin words in a Korean release becomes a Span with /Lang en, a run of
 * Hangul in an English one a Span with /Lang ko, so a screen reader switches
 * voice (PDF/UA 7.2, "natural language"). Script is the evidence: a Latin run
 * in Korean text is read as English (names, acronyms, English terms), which is
 * what a Korean press release means by it. Other languages are left alone. */
#include <string.h>
#include "input-private.h"

enum script { S_OTHER, S_LATIN, S_HANGUL };

static enum script script_of(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 &&
                                                               c != 0xF7))
        return S_LATIN;
    if (uchar_is_hangul(c))
        return S_HANGUL;
    return S_OTHER;
}

/* May c sit inside a run of the foreign script (between its letters)? */
static int joins_run(uint32_t c, enum script foreign)
{
    if (c == ' ' || (c >= '0' && c <= '9'))
        return 1;
    if (foreign == S_LATIN)
        return c == '-' || c == '\'' || c == 0x2019 || c == '.' || c == '&';
    return 0;
}

/* Byte range [*start, *end) of the next foreign run in s from `from`, with at
 * least two letters of the foreign script; 0 when there is none. */
static int next_run(const char *s, size_t len, size_t from, enum script foreign,
                    size_t *start, size_t *end)
{
    size_t i = from;
    while (i < len) {
        uint32_t c;
        int n = utf8_decode(s + i, len - i, &c);
        if (n == 0)
            return 0;
        if (script_of(c) != foreign) {
            i += (size_t)n;
            continue;
        }
        size_t a = i, last = i + (size_t)n;  /* last: just after the last letter or digit */
        int letters = 0;
        while (i < len) {
            n = utf8_decode(s + i, len - i, &c);
            if (n == 0)
                break;
            if (script_of(c) == foreign) {
                letters++;
                last = i + (size_t)n;
            } else if (c >= '0' && c <= '9') {
                last = i + (size_t)n;
            } else if (!joins_run(c, foreign)) {
                break;
            }
            i += (size_t)n;
        }
        if (letters >= 2) {
            *start = a;
            *end = last;
            return 1;
        }
    }
    return 0;
}

static node *text_like(document *doc, const node *t, const char *s, size_t n, size_t offset)
{
    node *c = doc_node_new(doc, N_TEXT, (srcpos){t->pos.file, t->pos.line, t->pos.col + (int)offset});
    if (!c || !(c->text = arena_strndup(doc->arena, s, n)))
        return NULL;
    c->flags = t->flags;
    return c;
}

/* Insert `add` before `at` under at's parent. */
static void insert_before(node *at, node *add)
{
    node *p = at->parent;
    add->parent = p;
    add->prev = at->prev;
    add->next = at;
    if (at->prev)
        at->prev->next = add;
    else
        p->first = add;
    at->prev = add;
}

/* Split text node t around its foreign runs. Returns the last node made from
 * it (to continue the walk after), or NULL on OOM. */
static node *split_text(document *doc, node *t, enum script foreign, const char *lang)
{
    const char *s = t->text;
    size_t len = strlen(s), from = 0, a, b;
    node *last = t;
    while (next_run(s, len, from, foreign, &a, &b)) {
        if (a > from) {
            node *pre = text_like(doc, t, s + from, a - from, from);
            if (!pre)
                return NULL;
            insert_before(t, pre);
        }
        node *span = doc_node_new(doc, N_SPAN, (srcpos){t->pos.file, t->pos.line, t->pos.col + (int)a});
        node *inner = text_like(doc, t, s + a, b - a, a);
        if (!span || !inner)
            return NULL;
        span->lang = lang;
        doc_append(span, inner);
        insert_before(t, span);
        from = b;
    }
    if (from == 0)
        return t;            /* nothing foreign: keep the node as it is */
    if (from < len) {
        t->text = s + from;  /* the rest stays in t (the arena keeps s) */
        t->pos.col += (int)from;
    } else {
        last = t->prev;
        doc_remove(t);
    }
    return last;
}

int input_mark_languages(document *doc, node *sect)
{
    const char *lang = sect->lang;
    enum script foreign;
    const char *other;
    if (!lang)
        return 0;
    if (lang_is(lang, "ko"))
        foreign = S_LATIN, other = "en";
    else if (lang_is(lang, "en"))
        foreign = S_HANGUL, other = "ko";
    else
        return 0;
    int entering = 1;
    for (node *n = sect; n; n = doc_next(sect, n, &entering)) {
        if (!entering || n->kind != N_TEXT || !n->text || (n->flags & NF_CODE))
            continue;
        /* code, links' printed text and spans already marked keep their own */
        const node *p = n->parent;
        if (p->kind == N_CODE || p->kind == N_SPAN)
            continue;
        node *last = split_text(doc, n, foreign, other);
        if (!last)
            return -1;
        n = last;
    }
    return 0;
}
