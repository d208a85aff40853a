/* layout_fixture.h — small documents for the layout tests: nodes, a
 * release with its title and head block, text repeated, the fonts, layout
 * into a display list, and a few measures of what it shows. */
#ifndef BULLETIN_TEST_LAYOUT_FIXTURE_H
#define BULLETIN_TEST_LAYOUT_FIXTURE_H
#include <stdio.h>
#include <string.h>
#include "layout/layout.h"
#include "text_setup.h"

static inline int contains(const char *s, size_t n, const char *what)
{
    size_t w = strlen(what);
    for (size_t i = 0; i + w <= n; i++)
        if (!memcmp(s + i, what, w))
            return 1;
    return 0;
}

static inline diag quiet_diag(void)
{
    return (diag){.out = NULL};
}

/* The fonts and a typesetter, opened on first use (NULL fields when they
 * cannot be); test_fonts_close at the end. */
static inline text_setup *test_fonts(diag *d)
{
    static text_setup tx;
    if (!tx.ts)
        text_setup_open(&tx, d);
    return &tx;
}

static inline void test_fonts_close(void)
{
    diag d = {.out = NULL};
    text_setup_close(test_fonts(&d));
}

static inline node *add(document *doc, node *parent, enum node_kind k)
{
    node *n = doc_node_new(doc, k, (srcpos){"test.md", 1, 1});
    if (n && parent)
        doc_append(parent, n);
    return n;
}

static inline node *add_text(document *doc, node *parent, const char *s, unsigned flags)
{
    node *t = add(doc, parent, N_TEXT);
    t->text = arena_strdup(doc->arena, s);
    t->flags = flags;
    return t;
}

static inline node *add_para(document *doc, node *parent, const char *s)
{
    node *p = add(doc, parent, N_P);
    add_text(doc, p, s, 0);
    return p;
}

/* A footnote mark at the end of p citing a new note, numbered `number`, of
 * one paragraph of `text`; the note goes at the end of r (after the citing
 * block, as input puts it). Returns the mark; the note is its target. */
static inline node *add_citation(document *doc, node *r, node *p, int number, const char *text)
{
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    node *mark = add(doc, p, N_LINK);
    add_text(doc, mark, num, NF_SUPER);
    node *note = add(doc, r, N_NOTE);
    note->number = number;
    add_para(doc, note, text);
    mark->target = note;
    return mark;
}

static inline char *repeat(document *doc, const char *s, int times)
{
    size_t n = strlen(s);
    char *out = arena_alloc(doc->arena, n * (size_t)times + 1);
    for (int i = 0; i < times; i++)
        memcpy(out + n * (size_t)i, s, n);
    return out;
}

/* A release: N_SECT with its title heading and a head block. */
static inline node *add_release(document *doc, const char *title, const char *lang)
{
    node *s = add(doc, doc->root, N_SECT);
    s->lang = lang;
    s->text = title;
    node *h = add(doc, s, N_H);
    h->role = R_TITLE;
    h->level = 1;
    add_text(doc, h, title, 0);
    node *head = add(doc, s, N_DIV);
    head->role = R_RELEASE_HEAD;
    node *m = add_para(doc, head, "2019-06-18");
    m->role = R_META;
    if (!doc->title)
        doc->title = title;
    if (!doc->lang)
        doc->lang = lang;
    return s;
}

static inline node *add_heading(document *doc, node *parent, int level, const char *s)
{
    node *h = add(doc, parent, N_H);
    h->level = level;
    add_text(doc, h, s, 0);
    return h;
}

static inline int layout(document *doc, const style *st, display *dl)
{
    diag d = quiet_diag();
    text_setup *tx = test_fonts(&d);
    if (!tx->ts)
        return -1;
    doc_number(doc);
    return layout_document(doc, st, tx->fonts, tx->ts, &d, dl);
}

static inline double frame_left(const style *st, int number)
{
    return st->two_sided && number % 2 == 0 ? st->margin_outer : st->margin_inner;
}

/* A run's width without a line-final space (which stays in the run). */
static inline double visible_width(const glyph_run *r)
{
    double w = r->width;
    if (r->nglyphs && r->text_len && r->text[r->text_len - 1] == ' ')
        w -= r->advances[r->nglyphs - 1];
    return w;
}

#endif
