/* test_page_ends.c — where pages end inside paragraphs, on the display list:
 * never after a line ending with an inserted hyphen (the paragraph is set
 * again so that line ends without one, or the line goes over with the next),
 * never leaving one line of a paragraph alone, in body text and in a long
 * footnote continued on the next page. Run from the repository root. */
#include <math.h>
#include <stdlib.h>
#include "check.h"
#include "layout_fixture.h"

/* Long words, so that many lines end hyphenated. */
static const char *const LONG_WORDS =
    "Representatives of telecommunications operators discussed interoperability "
    "requirements, internationalisation strategies and the standardisation of "
    "infrastructure, emphasising accountability, transparency and sustainability "
    "throughout implementation. ";

enum { MAX_LINES = 200 };

/* The lines of a block as shown: page, baseline, hyphenated, and its text. */
typedef struct shown {
    int n;
    int page[MAX_LINES];
    double y[MAX_LINES];
    int hyphen[MAX_LINES];
    char text[MAX_LINES][160];
} shown;

static int inside(const node *n, const node *block)
{
    for (; n; n = n->parent)
        if (n == block)
            return 1;
    return 0;
}

static void lines_of(const display *dl, const node *block, shown *out)
{
    out->n = 0;
    for (int p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].nitems; i++) {
            const item *it = &dl->pages[p].items[i];
            if (it->kind != ITEM_GLYPHS || !it->run || !inside(it->node, block) ||
                it->node->kind == N_NOTE)   /* a note's number label */
                continue;
            int k = out->n - 1;
            if (k < 0 || out->page[k] != p || out->y[k] != it->y) {
                if (out->n == MAX_LINES)
                    return;
                k = out->n++;
                out->page[k] = p;
                out->y[k] = it->y;
                out->text[k][0] = 0;
            }
            size_t o = strlen(out->text[k]);
            if (o + it->run->text_len < sizeof out->text[k]) {
                memcpy(out->text[k] + o, it->run->text, it->run->text_len);
                out->text[k][o + it->run->text_len] = 0;
            }
            out->hyphen[k] = it->run->hyphen;
        }
}

/* No page ends inside the block after a hyphenated line, and each page
 * holding part of a block split across pages holds two lines of it or more.
 * Says where not. */
static int page_ends_ok(const shown *s, const char *what, int variant)
{
    int ok = 1;
    for (int k = 0; k < s->n; k++) {
        int ends = k + 1 < s->n && s->page[k + 1] != s->page[k];
        int starts = k == 0 || s->page[k - 1] != s->page[k];
        int count = 1;
        for (int j = k + 1; j < s->n && s->page[j] == s->page[k]; j++)
            count++;
        if (ends && s->hyphen[k]) {
            printf("  %s %d: page %d ends with a hyphen: \"%s\"\n", what, variant, s->page[k] + 1,
                   s->text[k]);
            ok = 0;
        }
        if (starts && count < 2 && s->n >= 2 && (k > 0 || k + 1 < s->n)) {
            printf("  %s %d: one line alone on page %d: \"%s\"\n", what, variant,
                   s->page[k] + 1, s->text[k]);
            ok = 0;
        }
    }
    return ok;
}

static int same_setting(const shown *a, const shown *b);

/* A release holding `fillers` one-line paragraphs, for the caller to go on. */
static node *release_after(document *doc, int fillers)
{
    node *r = add_release(doc, "Page ends", "en");
    for (int i = 0; i < fillers; i++)
        add_para(doc, r, "A short paragraph that fills the page line by line.");
    return r;
}

/* What the variants of one paragraph showed: its setting alone (variant 0,
 * on one page), how often it was split across pages and set otherwise. */
typedef struct tally {
    shown alone, s;
    int split, reset, hyphens;
} tally;

/* Variant k of paragraph p laid out in dl: its page ends, against variant 0. */
static void count_variant(tally *t, const display *dl, const node *p, int k, const char *what)
{
    lines_of(dl, p, k == 0 ? &t->alone : &t->s);
    if (k == 0) {   /* on one page: as the breaker sets it alone */
        for (int j = 0; j < t->alone.n; j++)
            t->hyphens += t->alone.hyphen[j];
        CHECK(t->alone.n > 10 && t->alone.page[t->alone.n - 1] == t->alone.page[0]);
        return;
    }
    CHECK(page_ends_ok(&t->s, what, k));
    t->split += t->s.page[t->s.n - 1] != t->s.page[0];
    t->reset += !same_setting(&t->s, &t->alone);
}

static int same_setting(const shown *a, const shown *b)
{
    if (a->n != b->n)
        return 0;
    for (int k = 0; k < a->n; k++)
        if (strcmp(a->text[k], b->text[k]) != 0)
            return 0;
    return 1;
}

/* A hyphenated paragraph after 0, 1, 2 … one-line paragraphs, so that its
 * page break falls after each of its lines in turn: no page ends after a
 * hyphenated line, and some pages end where the paragraph was set again. */
static void test_no_hyphen_at_a_page_end(void)
{
    style st;
    style_default(&st);
    tally *t = calloc(1, sizeof *t);
    CHECK(t != NULL);
    for (int k = 0; t && k < 48; k++) {
        document *doc = doc_new();
        node *p = add_para(doc, release_after(doc, k), repeat(doc, LONG_WORDS, 7));
        display dl;
        CHECK(layout(doc, &st, &dl) == 0);
        count_variant(t, &dl, p, k, "filler");
        doc_free(doc);
    }
    if (t)
        printf("  %d hyphenated lines; split across pages %d times, set again %d times\n",
               t->hyphens, t->split, t->reset);
    CHECK(t && t->hyphens >= 4 && t->split > 10 && t->reset > 0);
    free(t);
}

/* The page of the first glyph item of n (or of an element inside it), or -1. */
static int page_of(const display *dl, const node *n)
{
    for (int p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].nitems; i++)
            if (dl->pages[p].items[i].kind == ITEM_GLYPHS && inside(dl->pages[p].items[i].node, n))
                return p;
    return -1;
}

/* A paragraph citing a note mid-way is set again too, its citation moving
 * with the line it falls on: the note stays on the page that cites it. */
static void test_citing_paragraph_set_again(void)
{
    style st;
    style_default(&st);
    tally *t = calloc(1, sizeof *t);
    CHECK(t != NULL);
    for (int k = 0; t && k < 44; k++) {
        document *doc = doc_new();
        node *r = release_after(doc, k), *p = add(doc, r, N_P);
        add_text(doc, p, repeat(doc, LONG_WORDS, 3), 0);
        node *mark = add_citation(doc, r, p, 1, "The note.");
        add_text(doc, p, repeat(doc, LONG_WORDS, 3), 0);
        display dl;
        CHECK(layout(doc, &st, &dl) == 0);
        count_variant(t, &dl, p, k, "citing");
        CHECK(page_of(&dl, mark) >= 0 && page_of(&dl, mark) == page_of(&dl, mark->target));
        doc_free(doc);
    }
    if (t)
        printf("  split across pages %d times, set again %d times\n", t->split, t->reset);
    CHECK(t && t->split > 10 && t->reset > 0);
    free(t);
}

/* A footnote too long for the foot of its page goes on at the next page's
 * foot: not after a hyphenated line, nor leaving one line alone. */
static void test_long_note_continues_whole_lines(void)
{
    style st;
    style_default(&st);
    shown *s = calloc(1, sizeof *s);
    CHECK(s != NULL);
    if (!s)
        return;
    int split = 0;
    for (int k = 10; k < 40; k++) {
        document *doc = doc_new();
        node *r = release_after(doc, k), *p = add_para(doc, r, "A cited sentence.");
        const node *note = add_citation(doc, r, p, 1, repeat(doc, LONG_WORDS, 12))->target;
        for (int i = 0; i < 30; i++)
            add_para(doc, r, "Another short paragraph after the citation.");
        const node *np = note->first;
        display dl;
        CHECK(layout(doc, &st, &dl) == 0);
        lines_of(&dl, np, s);
        CHECK(page_ends_ok(s, "note", k));
        split += s->n > 0 && s->page[s->n - 1] != s->page[0];
        doc_free(doc);
    }
    CHECK(split > 5);
    free(s);
}

int main(void)
{
    RUN(test_no_hyphen_at_a_page_end);
    RUN(test_citing_paragraph_set_again);
    RUN(test_long_note_continues_whole_lines);
    test_fonts_close();
    return CHECK_DONE();
}
