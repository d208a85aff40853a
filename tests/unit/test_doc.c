/* test_doc.c — the document tree (doc/tree.c): nodes made in the document's
 * arena, appended, inserted and removed with their links kept consistent;
 * the ENTER/EXIT walk (every element entered and exited once, in order,
 * content entered only, a subtree walked alone, an empty element); ids in
 * tree order (doc_number); the language inherited up the tree (doc_lang);
 * and the PDF structure type of each kind (doc_struct_type). */
#include <string.h>
#include "check.h"
#include "doc/doc.h"

static node *add(document *doc, node *parent, enum node_kind kind)
{
    node *n = doc_node_new(doc, kind, (srcpos){"t.md", 1, 1});
    if (n && parent)
        doc_append(parent, n);
    return n;
}

/* The walk from root as a string: "<Kind" entering an element, ">" exiting
 * it, "." for content (entered only). */
static void walk(const node *root, char *out, size_t size)
{
    size_t k = 0;
    int entering = 1;
    out[0] = 0;
    for (const node *n = root; n && k + 16 < size; n = doc_next(root, n, &entering)) {
        const char *t = doc_struct_type(n);
        if (!doc_is_element(n->kind))
            k += (size_t)snprintf(out + k, size - k, "%s", entering ? "." : "!");
        else
            k += (size_t)snprintf(out + k, size - k, entering ? "<%s" : ">", t ? t : "?");
    }
}

/* Are n's children linked both ways, all with n as their parent? */
static int links_ok(const node *n)
{
    const node *prev = NULL;
    for (const node *c = n->first; c; prev = c, c = c->next)
        if (c->parent != n || c->prev != prev)
            return 0;
    return n->last == prev;
}

static void test_new_and_append(void)
{
    document *doc = doc_new();
    CHECK(doc && doc->arena && doc->root && doc->root->kind == N_DOCUMENT);
    if (!doc)
        return;
    CHECK(!doc->root->parent && !doc->root->first && arena_bytes(doc->arena) > 0);
    node *sect = add(doc, doc->root, N_SECT);
    node *h = add(doc, sect, N_H), *p = add(doc, sect, N_P);
    CHECK(sect && h && p && sect->first == h && sect->last == p && h->next == p && p->prev == h);
    CHECK(links_ok(doc->root) && links_ok(sect));
    CHECK(h->pos.line == 1 && strcmp(h->pos.file, "t.md") == 0 && h->id == 0 && !h->text);
    doc_free(doc);
    doc_free(NULL);
}

static void test_insert_and_remove(void)
{
    document *doc = doc_new();
    if (!doc) {
        CHECK(doc != NULL);
        return;
    }
    node *l = add(doc, doc->root, N_L);
    node *a = add(doc, l, N_LI), *c = add(doc, l, N_LI);
    node *b = add(doc, NULL, N_LI), *d = add(doc, NULL, N_LI);
    doc_insert_after(a, b);   /* in the middle */
    doc_insert_after(c, d);   /* at the end: the parent's last */
    CHECK(l->first == a && a->next == b && b->next == c && c->next == d && l->last == d);
    CHECK(links_ok(l) && b->parent == l && d->parent == l);
    doc_remove(b);            /* from the middle */
    CHECK(!b->parent && !b->prev && !b->next && a->next == c && c->prev == a && links_ok(l));
    doc_remove(a);            /* the first */
    doc_remove(d);            /* the last */
    CHECK(l->first == c && l->last == c && !c->prev && !c->next && links_ok(l));
    doc_remove(b);            /* not in the tree: nothing happens */
    CHECK(!b->parent);
    doc_remove(c);
    CHECK(!l->first && !l->last);
    doc_append(l, b);         /* a removed node can go elsewhere */
    CHECK(l->first == b && b->parent == l && links_ok(l));
    doc_free(doc);
}

static void test_walk(void)
{
    document *doc = doc_new();
    if (!doc) {
        CHECK(doc != NULL);
        return;
    }
    node *sect = add(doc, doc->root, N_SECT);
    node *h = add(doc, sect, N_H);
    h->level = 2;
    add(doc, h, N_TEXT);
    node *p = add(doc, sect, N_P);
    add(doc, p, N_TEXT);
    node *em = add(doc, p, N_SPAN);
    add(doc, em, N_TEXT);
    add(doc, p, N_BREAK);
    add(doc, p, N_TEXT);
    add(doc, sect, N_DIV);   /* an empty element: entered, then exited */
    add(doc, sect, N_RULE);
    char w[256];
    walk(doc->root, w, sizeof w);
    CHECK(strcmp(w, "<Document<Sect<H2.><P.<Span.>..><Div>.>>") == 0);
    if (strcmp(w, "<Document<Sect<H2.><P.<Span.>..><Div>.>>") != 0)
        printf("  walk: %s\n", w);
    walk(p, w, sizeof w);    /* a subtree alone: it ends at its root */
    CHECK(strcmp(w, "<P.<Span.>..>") == 0);
    int entering = 1;
    node *t = add(doc, NULL, N_TEXT);   /* content alone: just itself */
    CHECK(doc_next(t, t, &entering) == NULL);
    /* entering and exiting counts match for every element */
    int in = 0, out = 0;
    entering = 1;
    for (node *n = doc->root; n; n = doc_next(doc->root, n, &entering))
        if (doc_is_element(n->kind))
            *(entering ? &in : &out) += 1;
    CHECK(in == 6 && out == 6);
    doc_free(doc);
}

static void test_number(void)
{
    document *doc = doc_new();
    if (!doc) {
        CHECK(doc != NULL);
        return;
    }
    node *s1 = add(doc, doc->root, N_SECT), *s2 = add(doc, doc->root, N_SECT);
    node *p1 = add(doc, s1, N_P), *t1 = add(doc, p1, N_TEXT);
    node *p2 = add(doc, s2, N_P);
    doc_number(doc);
    CHECK(doc->root->id == 1 && s1->id == 2 && p1->id == 3 && t1->id == 4 && s2->id == 5 &&
          p2->id == 6 && doc->nnodes == 6);
    /* each id once, in tree order */
    int entering = 1, last = 0, ordered = 1;
    for (node *n = doc->root; n; n = doc_next(doc->root, n, &entering))
        if (entering) {
            ordered &= n->id == last + 1;
            last = n->id;
        }
    CHECK(ordered && last == doc->nnodes);
    doc_free(doc);
}

static void test_lang(void)
{
    document *doc = doc_new();
    if (!doc) {
        CHECK(doc != NULL);
        return;
    }
    node *sect = add(doc, doc->root, N_SECT);
    node *p = add(doc, sect, N_P), *span = add(doc, p, N_SPAN);
    node *t = add(doc, span, N_TEXT), *u = add(doc, p, N_TEXT);
    CHECK(doc_lang(t) == NULL);   /* nothing set anywhere */
    doc->root->lang = "ko";
    sect->lang = "en";
    span->lang = "ko-KR";
    CHECK(strcmp(doc_lang(t), "ko-KR") == 0 && strcmp(doc_lang(u), "en") == 0);
    CHECK(strcmp(doc_lang(doc->root), "ko") == 0 && doc_lang(NULL) == NULL);
    sect->lang = NULL;
    CHECK(strcmp(doc_lang(u), "ko") == 0);
    doc_free(doc);
}

static void test_struct_type(void)
{
    static const struct { enum node_kind k; const char *type; } types[] = {
        {N_DOCUMENT, "Document"}, {N_PART, "Part"}, {N_SECT, "Sect"}, {N_DIV, "Div"},
        {N_P, "P"}, {N_BLOCKQUOTE, "BlockQuote"}, {N_CODE, "Code"}, {N_NOTE, "Note"},
        {N_L, "L"}, {N_LI, "LI"}, {N_LBL, "Lbl"}, {N_LBODY, "LBody"}, {N_TABLE, "Table"},
        {N_THEAD, "THead"}, {N_TBODY, "TBody"}, {N_TR, "TR"}, {N_TH, "TH"}, {N_TD, "TD"},
        {N_FIGURE, "Figure"}, {N_CAPTION, "Caption"}, {N_LINK, "Link"}, {N_SPAN, "Span"},
        {N_REFERENCE, "Reference"}, {N_TOC, "TOC"}, {N_TOCI, "TOCI"},
    };
    int all = 1;
    node n = {0};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        n.kind = types[i].k;
        const char *t = doc_struct_type(&n);
        all &= t && strcmp(t, types[i].type) == 0 && doc_is_element(n.kind);
    }
    CHECK(all);
    n.kind = N_H;   /* headings by level, clamped to H1..H6 */
    static const int levels[] = {-3, 0, 1, 2, 3, 6, 7, 99};
    static const char *const want[] = {"H1", "H1", "H1", "H2", "H3", "H6", "H6", "H6"};
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
        n.level = levels[i];
        CHECK(strcmp(doc_struct_type(&n), want[i]) == 0);
    }
    /* content is no structure element */
    static const enum node_kind content[] = {N_TEXT, N_BREAK, N_RULE};
    for (size_t i = 0; i < sizeof content / sizeof *content; i++) {
        n.kind = content[i];
        CHECK(doc_struct_type(&n) == NULL && !doc_is_element(n.kind));
    }
}

int main(void)
{
    RUN(test_new_and_append);
    RUN(test_insert_and_remove);
    RUN(test_walk);
    RUN(test_number);
    RUN(test_lang);
    RUN(test_struct_type);
    return CHECK_DONE();
}
