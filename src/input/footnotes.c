/* footnotes.c — a release's footnotes: marks pointed at their notes, each
 * note moved after the block that first cites it (reading order), and the
 * mistakes cmark passes over in silence, found in the Markdown source: a note
 * defined twice (cmark keeps the first), a mark with no note (printed as
 * written) and a note no mark refers to (left out). Warnings only, at the
 * mark's or definition's own line:col; code and escaped brackets are skipped. */
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

void markdown_link_footnotes(loader *l, node *sect)
{
    if (!l->notes || l->nnotes == 0)
        return;
    node **by_number = arena_array(l->doc->arena, (size_t)l->nnotes, sizeof *by_number);
    if (!by_number) {
        diag_oom(l->d);
        return;
    }
    int i = 0;
    for (node *n = l->notes->first; n && i < l->nnotes; n = n->next)
        by_number[i++] = n;
    int entering = 1;
    for (node *n = sect; n; n = doc_next(sect, n, &entering))
        if (entering && n->kind == N_LINK && n->number > 0 && n->number <= l->nnotes)
            n->target = by_number[n->number - 1];
    /* Each note goes after the block of the release that first cites it: read
     * after the paragraph that cites it, laid out at the foot of its page. */
    entering = 1;
    for (node *n = sect->first; n; n = doc_next(sect, n, &entering)) {
        if (!entering || n->kind != N_LINK || !n->target || n->target->kind != N_NOTE)
            continue;
        node *note = (node *)n->target, *block = n;
        while (block->parent && block->parent != sect && block->kind != N_NOTE)
            block = block->parent;
        if (block->kind == N_NOTE || note->parent != l->notes)
            continue;   /* cited from a note, or moved already */
        node *at = block;
        while (at->next && at->next->kind == N_NOTE)
            at = at->next;
        doc_remove(note);
        doc_insert_after(at, note);
    }
    if (!l->notes->first)
        doc_remove(l->notes);   /* every note was cited: nothing is left for the end */
}

/* One [^label] in the source. */
typedef struct fn_label {
    char *key;           /* the label, ASCII lower-cased: cmark matches labels so */
    srcpos at;
    int is_def;          /* "[^label]:" opening a line */
} fn_label;

/* The label of a "[^label]" at p (before end): its length up to ']', or 0. */
static size_t label_at(const char *p, const char *end)
{
    if (end - p < 4 || p[0] != '[' || p[1] != '^')
        return 0;
    size_t n = 0;
    while (p + 2 + n < end && p[2 + n] != ']') {
        char c = p[2 + n];
        if (c == ' ' || c == '\t' || c == '\n' || c == '[' || n >= 999)
            return 0;
        n++;
    }
    return p + 2 + n < end && n > 0 ? n : 0;
}

/* Is the line at p a code fence (``` or ~~~ after at most three spaces)? */
static int is_fence(const char *p, const char *end)
{
    int sp = 0;
    while (p < end && *p == ' ' && sp < 3)
        p++, sp++;
    return end - p >= 3 && (!memcmp(p, "```", 3) || !memcmp(p, "~~~", 3));
}

/* Collect every [^label] of the body (len bytes) into *out (heap). -1 on OOM. */
static int collect_labels(const loader *l, const char *body, size_t len, fn_label **out,
                          size_t *n)
{
    size_t cap = 0;
    int line = l->line_offset + 1, in_code = 0;
    *out = NULL;
    *n = 0;
    for (const char *p = body, *end = body + len; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (is_fence(p, eol))
            in_code = !in_code;
        const char *first = p;
        while (first < eol && *first == ' ' && first - p < 3)
            first++;
        int in_span = 0;   /* inside `code` on this line */
        for (const char *q = p; !in_code && q < eol; q++) {
            in_span ^= *q == '`';
            size_t k = in_span || (q > p && q[-1] == '\\') ? 0 : label_at(q, eol);
            if (!k)
                continue;
            if (grow_array((void **)out, &cap, *n + 1, sizeof **out) != 0)
                return -1;
            fn_label *f = &(*out)[(*n)++];
            f->key = strndup(q + 2, k);
            if (!f->key)
                return -1;
            for (char *c = f->key; *c; c++)
                if (*c >= 'A' && *c <= 'Z')
                    *c = (char)(*c - 'A' + 'a');
            f->at = (srcpos){l->file, line, (int)(q - p) + 1};
            f->is_def = q == first && q + 3 + k < eol && q[3 + k] == ':';
            q += k + 2;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

void footnotes_check(loader *l, const char *body, size_t len)
{
    fn_label *f = NULL;
    size_t n = 0;
    strmap *defs = strmap_new(), *refs = strmap_new(), *said = strmap_new();
    if (!defs || !refs || !said || collect_labels(l, body, len, &f, &n) != 0) {
        diag_oom(l->d);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        strmap *m = f[i].is_def ? defs : refs;
        fn_label *first = strmap_get(m, f[i].key);
        if (first && f[i].is_def)
            diag_warning(l->d, f[i].at, "footnote [^%s] is defined twice (first on line %d):"
                         " the first definition is used", f[i].key, first->at.line);
        if (!first && strmap_put(m, f[i].key, &f[i]) != 0) {
            diag_oom(l->d);
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++) {
        strmap *other = f[i].is_def ? refs : defs;
        if (strmap_get(other, f[i].key) || strmap_get(said, f[i].key))
            continue;
        if (f[i].is_def)
            diag_warning(l->d, f[i].at, "footnote [^%s] is never referred to: left out", f[i].key);
        else
            diag_warning(l->d, f[i].at, "footnote [^%s] is not defined: its mark is printed as"
                         " written; add a line '[^%s]: ...'", f[i].key, f[i].key);
        if (strmap_put(said, f[i].key, &f[i]) != 0)
            break;
    }
done:
    for (size_t i = 0; i < n; i++)
        free(f[i].key);
    free(f);
    strmap_free(defs);
    strmap_free(refs);
    strmap_free(said);
}
