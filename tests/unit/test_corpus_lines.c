/* test_corpus_lines.c — the line breaking of every corpus release, read from
 * the display list at the default style (no PDF): no line wider than the
 * measure and no overfull warning, no break inside a Korean word, and total
 * fit never worse than first fit in demerits on any justified paragraph.
 * Needs the test corpus (tests/corpus, or $CORPUS) and fonts/. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "corpus.h"
#include "input/input.h"
#include "layout/layout.h"

/* One line as the display list shows it: runs of one block on one baseline. */
typedef struct shown_line {
    const node *block;
    double y, right;          /* baseline; right end of the visible text */
    double tail;              /* width of the text after its last space */
    double head;              /* width of its text before its first space */
    int head_done;
    char text[1024];
    int hyphen;               /* ends with an inserted hyphen */
    const node *first, *last; /* elements of its first and last runs */
} shown_line;

/* The link an inline element is part of, or NULL. */
static const node *link_of(const node *n)
{
    for (; n && n != corpus_block_of(n); n = n->parent)
        if (n->kind == N_LINK)
            return n;
    return NULL;
}

static int has_hard_break(const node *n)
{
    for (const node *c = n->first; c; c = c->next)
        if (c->kind == N_BREAK || has_hard_break(c))
            return 1;
    return 0;
}

static int hangul_in(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n + 1 && i < n; i++) {
        uint32_t cp;
        int u = utf8_decode(s + i, n - i, &cp);
        if (u > 1 && cp >= 0xAC00 && cp <= 0xD7A3)
            return 1;
    }
    return 0;
}

/* Width of the glyphs of r standing for text at or after byte `from`. */
static double width_from(const glyph_run *r, size_t from)
{
    double w = 0;
    for (int k = 0; k < r->nglyphs - r->hyphen; k++)
        if (r->clusters[k] >= from)
            w += r->advances[k];
    return w;
}

typedef struct release_check {
    int lines, korean_breaks, short_lines, outside;
} release_check;

/* Walk the display list of one release: lines, their measure, their breaks. */
static void check_display(const display *dl, const style *st, release_check *rc)
{
    shown_line *prev = calloc(1, sizeof *prev), *cur = calloc(1, sizeof *cur);
    if (!prev || !cur) {
        free(prev);
        free(cur);
        return;
    }
    double measure = st->page_w - st->margin_inner - st->margin_outer, prev_edge = 0;
    for (int p = 0; p < dl->npages; p++) {
        const page *pg = &dl->pages[p];
        double left = st->two_sided && pg->number % 2 == 0 ? st->margin_outer : st->margin_inner;
        for (size_t i = 0; i <= pg->nitems; i++) {
            const item *it = i < pg->nitems ? &pg->items[i] : NULL;
            int glyphs = it && it->kind == ITEM_GLYPHS && it->artifact == ART_NONE && it->run;
            const node *b = glyphs ? corpus_block_of(it->node) : NULL;
            if (glyphs && cur->block && b == cur->block && it->y == cur->y) {
                /* the same line goes on */
            } else if (!it || glyphs) {
                if (cur->block) {   /* a line ends: check the break before it */
                    rc->lines++;
                    if (prev->block == cur->block) {
                        size_t n = strlen(prev->text);
                        int at_space = n && (prev->text[n - 1] == ' ' ||
                                             (n >= 3 && !strcmp(prev->text + n - 3, "\u200B")));
                        const char *sp = strchr(cur->text, ' ');
                        size_t head = sp ? (size_t)(sp - cur->text) : strlen(cur->text);
                        const char *lsp = strrchr(prev->text, ' ');
                        const char *tail = lsp ? lsp + 1 : prev->text;
                        /* a Hangul syllable beside the break, or Korean text on both
                         * sides of a break beside other non-ASCII text (보자…|”라고);
                         * a break between two ASCII characters is inside a Latin
                         * word or an address (…(opinion|.example.go.kr)를) */
                        uint32_t c1 = 0, c2 = 0;
                        for (size_t k = n; k > 0 && !c1; k--)
                            if ((prev->text[k - 1] & 0xC0) != 0x80)
                                utf8_decode(prev->text + k - 1, n - k + 1, &c1);
                        utf8_decode(cur->text, strlen(cur->text), &c2);
                        int korean = (c1 >= 0xAC00 && c1 <= 0xD7A3) || (c2 >= 0xAC00 && c2 <= 0xD7A3) ||
                                     ((c1 >= 0x80 || c2 >= 0x80) && hangul_in(tail, strlen(tail)) &&
                                      hangul_in(cur->text, head));
                        /* excused: a line ended by a hard break (short, in a block that
                         * has one), a URL broken inside a link (text.c breaks URLs where
                         * the Chicago Manual does), a word wider than the line */
                        int hard = has_hard_break(cur->block) && prev->right < prev_edge - 1;
                        int url = link_of(prev->last) && link_of(prev->last) == link_of(cur->first);
                        int too_wide = prev->tail + cur->head > measure;
                        if (!at_space && !prev->hyphen && korean && !hard && !url && !too_wide) {
                            rc->korean_breaks++;
                            printf("  break inside a Korean word: \"...%s|%.*s...\"\n", tail,
                                   (int)head, cur->text);
                        }
                    }
                    shown_line *t = prev;
                    prev = cur;
                    cur = t;
                    prev_edge = left + measure;
                }
                memset(cur, 0, sizeof *cur);
                if (!it)
                    break;
                cur->block = b;
                cur->y = it->y;
            } else {
                continue;   /* images, rules, links, artifacts */
            }
            /* add the run to the line */
            const glyph_run *r = it->run;
            size_t o = strlen(cur->text), vis = r->text_len;
            if (o + r->text_len < sizeof cur->text) {
                memcpy(cur->text + o, r->text, r->text_len);
                cur->text[o + r->text_len] = 0;
            }
            double w = r->width;
            if (!r->hyphen && r->nglyphs && vis && r->text[vis - 1] == ' ')
                w -= r->advances[r->nglyphs - 1];
            if (it->x + w > left + measure + 0.01) {
                rc->outside++;
                printf("  wider than the measure by %.2f pt: \"%s\"\n",
                       it->x + w - left - measure, cur->text);
            }
            if (it->x + w > cur->right)
                cur->right = it->x + w;
            cur->hyphen = r->hyphen;
            if (!cur->first)
                cur->first = it->node;
            cur->last = it->node;
            long last = -1, first = -1;
            for (size_t k = 0; k < r->text_len; k++)
                if (r->text[k] == ' ') {
                    last = (long)k;
                    first = first < 0 ? (long)k : first;
                }
            cur->tail = last >= 0 ? width_from(r, (size_t)last + 1) : cur->tail + r->width;
            if (!cur->head_done) {
                cur->head += first >= 0 ? r->width - width_from(r, (size_t)first) : r->width;
                cur->head_done = first >= 0;
            }
        }
    }
    free(prev);
    free(cur);
}

typedef struct corpus_run {
    text_setup tx;
    break_stats stats;       /* what the typesetter counts (typesetter_watch) */
    style st;
    int overfull;
    release_check all;
} corpus_run;

/* Lay out one release alone and check its lines. */
static void check_release(const char *path, const char *name, void *ctx)
{
    corpus_run *c = ctx;
    char *msgs;
    document *doc;
    display dl;
    break_stats before = c->stats;
    int ok = corpus_layout(corpus_dir(), path, &c->tx, &c->st, &doc, &dl, &msgs) == 0;
    CHECK(ok);
    break_stats after = c->stats;
    if (after.tf_higher != before.tf_higher)
        printf("  %s: total fit worse than first fit on %zu paragraphs\n", name,
               after.tf_higher - before.tf_higher);
    CHECK(after.tf_higher == before.tf_higher);
    for (const char *m = msgs; m && (m = strstr(m, "overfull")); m++)
        c->overfull++;
    if (msgs && strstr(msgs, "overfull"))
        printf("  %s", msgs);
    release_check rc = {0};
    if (ok)
        check_display(&dl, &c->st, &rc);
    c->all.lines += rc.lines;
    c->all.korean_breaks += rc.korean_breaks;
    c->all.outside += rc.outside;
    free(msgs);
    doc_free(doc);
}

static void test_corpus_line_breaking(void)
{
    diag fd = {0};
    corpus_run c = {.stats = {.compare = 1}};
    CHECK(text_setup_open(&c.tx, &fd) == 0);
    if (!c.tx.ts)
        return;
    typesetter_watch(c.tx.ts, &c.stats);
    style_default(&c.st);
    int files = corpus_each(corpus_dir(), check_release, &c);
    break_stats s = c.stats;
    printf("  %d releases, %d lines; paragraphs by pass %zu/%zu/%zu/%zu/%zu/%zu; %zu hyphenated lines;"
           " total fit against first fit on %zu justified paragraphs: %zu fewer demerits, %zu the"
           " same (first fit was already best), %zu more\n",
           files, c.all.lines, s.passes[0], s.passes[1], s.passes[2], s.passes[3], s.passes[4],
           s.passes[5],
           s.hyphenated,
           s.compared, s.tf_lower, s.tf_equal, s.tf_higher);
    CHECK(files == corpus_listed(corpus_dir()) && c.all.lines > 1000);
    CHECK(c.overfull == 0 && s.overfull == 0 && c.all.outside == 0);
    CHECK(c.all.korean_breaks == 0);
    CHECK(s.compared > 100 && s.tf_higher == 0 && s.tf_lower > 0);
    CHECK(s.tf_lower + s.tf_equal == s.compared);
    text_setup_close(&c.tx);
}

int main(void)
{
    RUN(test_corpus_line_breaking);
    return CHECK_DONE();
}
