/* test_corpus_pages.c — the pages of every corpus release, read from the
 * display list at each shipped style's defaults (no PDF): no widow or orphan
 * (a paragraph split across pages leaves at least two lines on each side), no
 * heading last on a page, every footnote on the page of its first reference,
 * no page whose last line ends with an inserted hyphen, and the hang of
 * Korean marker paragraphs (R4.2: every continuation line starts under the
 * first character after the marker). Each failure names the release and page.
 * Needs the test corpus (tests/corpus, or $CORPUS) and fonts/. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "corpus.h"


static const node *ancestor(const node *n, enum node_kind kind)
{
    for (; n; n = n->parent)
        if (n->kind == kind)
            return n;
    return NULL;
}

/* One line of a page as the display list shows it: the glyph runs of one
 * block on one baseline, in content order. */
typedef struct shown_line {
    const node *block;
    int page;
    double y, x;              /* baseline; where its first run starts */
    const item *first;        /* its first glyph item */
    int hyphen;               /* ends with an inserted hyphen */
    int in_note;              /* a footnote's line (at the page's foot) */
    char text[512];           /* its text, as far as it fits */
} shown_line;

typedef struct line_list {
    shown_line *v;
    size_t n, cap;
} line_list;

/* Labels (list bullets, note numbers) share a line's baseline but are not
 * lines of a paragraph; table cells break into bands, not by these rules. */
static int counted_block(const node *b)
{
    return b && b->kind != N_LBL && b->kind != N_LI && b->kind != N_NOTE &&
           !ancestor(b, N_TD) && !ancestor(b, N_TH);
}

/* The lines of every page, in content order. 0 ok, -1 on OOM. */
static int collect_lines(const display *dl, line_list *out)
{
    for (int p = 0; p < dl->npages; p++) {
        const page *pg = &dl->pages[p];
        shown_line *cur = NULL;
        for (size_t i = 0; i < pg->nitems; i++) {
            const item *it = &pg->items[i];
            if (it->kind != ITEM_GLYPHS || it->artifact != ART_NONE || !it->run)
                continue;
            const node *b = corpus_block_of(it->node);
            if (!counted_block(b))
                continue;
            if (!cur || cur->block != b || cur->y != it->y) {
                if (out->n == out->cap) {
                    size_t cap = out->cap ? 2 * out->cap : 256;
                    shown_line *v = realloc(out->v, cap * sizeof *v);
                    if (!v)
                        return -1;
                    out->v = v;
                    out->cap = cap;
                }
                cur = &out->v[out->n++];
                *cur = (shown_line){.block = b, .page = p, .y = it->y, .x = it->x, .first = it,
                                    .in_note = ancestor(b, N_NOTE) != NULL};
            }
            size_t o = strlen(cur->text), len = it->run->text_len;
            if (o + len < sizeof cur->text) {
                memcpy(cur->text + o, it->run->text, len);
                cur->text[o + len] = 0;
            }
            cur->hyphen = it->run->hyphen;
        }
    }
    return 0;
}

typedef struct release_pages {
    const char *name;
    const display *dl;
    int failures;
} release_pages;

static void report(release_pages *rp, int page, const char *what, const char *text)
{
    char label[32];
    page_label(&rp->dl->pages[page], label, sizeof label);
    int len = (int)strlen(text);
    if (len > 60)   /* about a line's start, cut where a character starts */
        for (len = 60; len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80; len--)
            ;
    printf("  %s, page %s: %s: \"%.*s\"\n", rp->name, label, what, len, text);
    rp->failures++;
}

/* A paragraph split across pages keeps two lines or more on each side. Its
 * lines need not follow one another in the content: a footnote's lines come
 * right after the line citing it. */
static void check_widows_orphans(release_pages *rp, const line_list *ll)
{
    for (size_t i = 0; i < ll->n; i++) {
        const node *b = ll->v[i].block;
        int first_of_block = 1, count = 0, pages = 0, last_page = -1;
        for (size_t j = 0; j < ll->n && first_of_block; j++)
            first_of_block = j >= i || ll->v[j].block != b;
        if (!first_of_block)
            continue;
        /* the block's lines, page by page: its first and last pages hold two or more */
        size_t start = i;
        for (size_t j = i; j <= ll->n; j++) {
            if (j < ll->n && ll->v[j].block != b)
                continue;
            if (j == ll->n || ll->v[j].page != last_page) {
                if (last_page >= 0 && count < 2 && (pages > 1 || j < ll->n))
                    report(rp, last_page, pages > 1 ? "widow (one line after a page break)"
                                                    : "orphan (one line before a page break)",
                           ll->v[start].text);
                if (j == ll->n)
                    break;
                last_page = ll->v[j].page;
                start = j;
                count = 0;
                pages++;
            }
            count++;
        }
    }
}

/* The last body line of each page is no heading's and does not end in an
 * inserted hyphen; nor does the last footnote line at its foot. */
static void check_page_ends(release_pages *rp, const line_list *ll)
{
    for (int p = 0; p < rp->dl->npages; p++) {
        const shown_line *body = NULL, *foot = NULL;
        for (size_t i = 0; i < ll->n; i++) {
            if (ll->v[i].page != p)
                continue;
            if (ll->v[i].in_note)
                foot = &ll->v[i];
            else if (!body || ll->v[i].y <= body->y)
                body = &ll->v[i];
        }
        const page *pg = &rp->dl->pages[p];
        const item *last = NULL;   /* the page's last content that is not a note's */
        for (size_t i = 0; i < pg->nitems; i++)
            if (pg->items[i].artifact == ART_NONE && pg->items[i].kind != ITEM_LINK &&
                pg->items[i].node && !ancestor(pg->items[i].node, N_NOTE) &&
                (!last || pg->items[i].y <= last->y))
                last = &pg->items[i];
        if (last && ancestor(last->node, N_H) && p + 1 < rp->dl->npages)
            report(rp, p, "a heading last on the page", body ? body->text : "");
        if (body && body->hyphen && p + 1 < rp->dl->npages)
            report(rp, p, "the page's last line ends with an inserted hyphen", body->text);
        if (foot && foot->hyphen)
            report(rp, p, "the last footnote line ends with an inserted hyphen", foot->text);
    }
}

/* Every footnote starts on the page of the first link that cites it. */
static void check_notes(release_pages *rp)
{
    const display *dl = rp->dl;
    for (int p = 0; p < dl->npages; p++) {
        const page *pg = &dl->pages[p];
        for (size_t i = 0; i < pg->nitems; i++) {
            const item *it = &pg->items[i];
            if (it->kind != ITEM_LINK || !it->dest || it->dest->kind != N_NOTE)
                continue;
            const node *note = it->dest;
            int first_ref = -1, note_page = -1;
            for (int q = 0; q < dl->npages && (first_ref < 0 || note_page < 0); q++)
                for (size_t k = 0; k < dl->pages[q].nitems; k++) {
                    const item *o = &dl->pages[q].items[k];
                    if (first_ref < 0 && o->kind == ITEM_LINK && o->dest == note)
                        first_ref = q;
                    if (note_page < 0 && o->kind == ITEM_GLYPHS && o->artifact == ART_NONE &&
                        ancestor(o->node, N_NOTE) == note)
                        note_page = q;
                }
            if (first_ref == p && note_page != p) {
                char what[64];
                snprintf(what, sizeof what, "footnote %d is not on the page citing it first",
                         note->number);
                report(rp, p, what, note_page < 0 ? "(nowhere)" : "");
            }
        }
    }
}

/* The x where the text after a line's marker starts: the line's first
 * glyph item and the ones after it on its baseline, up to byte `at` of
 * the line's text. NAN when the line's items do not reach it. */
static double x_at(const page *pg, const shown_line *l, size_t at)
{
    size_t done = 0;
    for (const item *it = l->first; it < pg->items + pg->nitems; it++) {
        if (it->kind != ITEM_GLYPHS || !it->run || it->y != l->y)
            continue;
        const glyph_run *r = it->run;
        if (at < done + r->text_len) {
            double x = it->x;
            for (int g = 0; g < r->nglyphs && r->clusters[g] < at - done; g++)
                x += r->advances[g];
            return x;
        }
        done += r->text_len;
    }
    return NAN;
}

/* R4.2: in Korean text, the lines after one that opens with a marker and a
 * space start exactly under the first character after them, until a line
 * opens with a marker again. */
static void check_marker_hang(release_pages *rp, const line_list *ll, int *hung)
{
    double hang = NAN;
    const node *block = NULL;
    for (size_t i = 0; i < ll->n; i++) {
        const shown_line *l = &ll->v[i];
        if (l->block != block) {
            block = l->block;
            hang = NAN;
        }
        const char *lang = doc_lang(l->block);
        if (!lang || strncmp(lang, "ko", 2) != 0)
            continue;
        size_t at = text_lead_marker(l->text, strlen(l->text));
        if (at > 0 && (i == 0 || ll->v[i - 1].block != block || !isnan(hang) ||
                       l->x < ll->v[i - 1].x - 0.01)) {
            hang = x_at(&rp->dl->pages[l->page], l, at);
            continue;
        }
        if (isnan(hang))
            continue;
        (*hung)++;
        if (fabs(l->x - hang) > 0.01) {
            char what[96];
            snprintf(what, sizeof what, "a marker paragraph's line starts %.2f pt off its hang",
                     l->x - hang);
            report(rp, l->page, what, l->text);
        }
    }
}

typedef struct corpus_pages {
    text_setup tx;
    style st;
    const char *style_name;
    int releases, failures, pages, lines, hung;
} corpus_pages;

static void check_release(const char *path, const char *name, void *ctx)
{
    corpus_pages *c = ctx;
    char *msgs;
    document *doc;
    display dl;
    line_list ll = {0};
    char label[256];
    snprintf(label, sizeof label, "%s (%s)", name, c->style_name);
    int ok = corpus_layout(corpus_dir(), path, &c->tx, &c->st, &doc, &dl, &msgs) == 0 &&
             collect_lines(&dl, &ll) == 0;
    if (!ok)
        printf("  %s: did not lay out: %s\n", label, msgs ? msgs : "");
    CHECK(ok);
    if (ok) {
        release_pages rp = {.name = label, .dl = &dl};
        check_widows_orphans(&rp, &ll);
        check_page_ends(&rp, &ll);
        check_notes(&rp);
        check_marker_hang(&rp, &ll, &c->hung);
        c->failures += rp.failures;
        c->pages += dl.npages;
        c->lines += (int)ll.n;
    }
    c->releases++;
    free(ll.v);
    free(msgs);
    doc_free(doc);
}

/* The corpus in the style sheet at path (NULL: the compiled-in default). */
static void check_corpus(const char *style_path)
{
    diag fd = {0};
    corpus_pages c = {.style_name = "default"};
    CHECK(text_setup_open(&c.tx, &fd) == 0);
    if (!c.tx.ts)
        return;
    style_default(&c.st);
    arena *a = arena_new();
    if (style_path) {
        c.style_name = style_path;
        CHECK(a && input_load_style(style_path, &c.st, a, &fd) == 0);
    }
    int files = corpus_each(corpus_dir(), check_release, &c);
    printf("  %s: %d releases, %d pages, %d lines, %d continuation lines of marker paragraphs;"
           " %d failures\n", c.style_name, files, c.pages, c.lines, c.hung, c.failures);
    CHECK(files == corpus_listed(corpus_dir()) && c.releases == files && c.lines > 1000);
    CHECK(c.hung > 50);
    CHECK(c.failures == 0);
    arena_free(a);
    text_setup_close(&c.tx);
}

static void test_corpus_pages_default(void)
{
    check_corpus(NULL);
}

static void test_corpus_pages_shipped_styles(void)
{
    check_corpus("styles/digest.yaml");
    check_corpus("styles/archive.yaml");
}

int main(void)
{
    RUN(test_corpus_pages_default);
    RUN(test_corpus_pages_shipped_styles);
    return CHECK_DONE();
}
