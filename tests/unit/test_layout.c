/* test_layout.c — layout checked on the display list alone: line breaking
 * within the measure, page breaks, margins, running heads, keep-with-next,
 * right-hand release starts, figures, tables, lists, links, anchors, the
 * contents' leaders (on the test corpus's bulletins, in the shipped styles),
 * the cover's logo and band, code in one face, and bad input that must
 * neither crash nor loop. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "input/input.h"
#include "layout_fixture.h"

static const char *const EN =
    "The Ministry of Science and ICT held the first meeting of the public-private "
    "committee at the Government Complex Seoul on June 18, reviewing progress two "
    "months after Korea launched the world's first nationwide commercial services. ";
static const char *const KO =
    "과학기술정보통신부와 한국인터넷진흥원은 「2019년 블록체인 공공 선도 시범사업」 2차 "
    "과제로 12건을 최종 확정하고, 6월 20일(목) 서울 중구 한국프레스센터에서 착수보고회를 "
    "개최하였다. ";

/* Every content item inside the margins; every artifact without a node. */
static int all_inside(const display *dl, const style *st)
{
    int bad = 0;
    for (int p = 0; p < dl->npages; p++) {
        const page *pg = &dl->pages[p];
        double l = frame_left(st, pg->number), r = l + st->page_w - st->margin_inner -
                                                   st->margin_outer;
        for (size_t i = 0; i < pg->nitems; i++) {
            const item *it = &pg->items[i];
            if (it->artifact != ART_NONE) {
                bad += it->node != NULL;
                bad += it->x < -0.01 || it->x > st->page_w || it->y < 0 || it->y > st->page_h;
                continue;
            }
            double w = it->kind == ITEM_GLYPHS ? visible_width(it->run) : it->w;
            double top = it->kind == ITEM_GLYPHS ? it->y : it->y + it->h;
            if (it->x < l - 0.01 || it->x + w > r + 0.01 || it->y < st->margin_bottom - 0.01 ||
                top > st->page_h - st->margin_top + 0.01) {
                bad++;
                printf("  outside: page %d item %zu kind %d x %.2f w %.2f y %.2f (frame %.2f..%.2f)\n",
                       pg->number, i, it->kind, it->x, w, it->y, l, r);
            }
        }
    }
    return bad == 0;
}

static int count_kind(const display *dl, int page, enum item_kind k, const node *n)
{
    int c = 0;
    for (int p = 0; p < dl->npages; p++) {
        if (page >= 0 && p != page)
            continue;
        for (size_t i = 0; i < dl->pages[p].nitems; i++) {
            const item *it = &dl->pages[p].items[i];
            c += it->kind == k && (!n || it->node == n);
        }
    }
    return c;
}

/* The page index of the first glyph item of n, or -1. */
static int page_of(const display *dl, const node *n)
{
    for (int p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].nitems; i++)
            if (dl->pages[p].items[i].node == n && dl->pages[p].items[i].kind == ITEM_GLYPHS)
                return p;
    return -1;
}

static void test_long_paragraph_breaks_and_continues(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "Long paragraph", "en");
    node *p = add_para(doc, s, repeat(doc, EN, 40));
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    CHECK(dl.npages >= 2);
    double measure = st.page_w - st.margin_inner - st.margin_outer;
    int lines = 0, pages_with_p = 0;
    for (int pg = 0; pg < dl.npages; pg++) {
        double last_y = 1e9;
        int here = 0;
        for (size_t i = 0; i < dl.pages[pg].nitems; i++) {
            const item *it = &dl.pages[pg].items[i];
            if (it->node != p || it->kind != ITEM_GLYPHS)
                continue;
            here = 1;
            CHECK(it->run->x + visible_width(it->run) <= measure + 0.01);
            if (it->y < last_y - 0.01) {
                if (last_y < 1e9) /* baseline-to-baseline pitch = size x leading */
                    CHECK(fabs(last_y - it->y - st.body_size * st.body_leading) < 0.01);
                lines++;
                last_y = it->y;
            }
        }
        pages_with_p += here;
    }
    CHECK(lines > 40);
    CHECK(pages_with_p >= 2);
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

/* Running header and footer: artifacts without a node, inside the margins
 * even for titles too long to fit (cut with an ellipsis), in the furniture
 * list; two-sided, the verso's template on left-hand pages and the recto's
 * on right-hand ones, no header where a release opens. */
static void running_heads(int two_sided)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    st.two_sided = two_sided;
    if (!two_sided) {   /* both titles on every page, and "page N of M" */
        st.header[SIDE_RECTO] = (running_spec){.left = "{bulletin.title}", .right = "{release.title}"};
        st.footer[SIDE_RECTO] = (running_spec){.center = "{page} / {pages}"};
    }
    node *s = add_release(doc, "Running heads", "en");
    doc->title = repeat(doc, "A very long bulletin title that cannot fit in the header ", 6);
    s->text = repeat(doc, "An equally long release title for the right-hand field ", 6);
    add_para(doc, s, repeat(doc, EN, 60));
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    CHECK(dl.npages >= 3);
    for (int p = 0; p < dl.npages; p++) {
        int head = 0, foot = 0, rules = 0;
        double l = frame_left(&st, dl.pages[p].number);
        double r = l + st.page_w - st.margin_inner - st.margin_outer;
        CHECK(dl.pages[p].number == p + 1 && dl.pages[p].numbering == NUMBER_ARABIC);
        for (size_t i = 0; i < dl.pages[p].nitems; i++)
            CHECK(dl.pages[p].items[i].artifact != ART_HEADER &&
                  dl.pages[p].items[i].artifact != ART_FOOTER);
        double head_l = 1e9, head_r = -1e9;
        for (size_t i = 0; i < dl.pages[p].nfurniture; i++) {
            const item *it = &dl.pages[p].furniture[i];
            CHECK(it->node == NULL && it->artifact != ART_NONE);
            if (it->artifact == ART_HEADER && it->kind == ITEM_GLYPHS) {
                head++;
                CHECK(it->y > st.page_h - st.margin_top && it->y < st.page_h);
                /* truncated with an ellipsis: never outside the margins */
                CHECK(it->x >= l - 0.01 && it->x + visible_width(it->run) <= r + 0.01);
                head_l = fmin(head_l, it->x);
                head_r = fmax(head_r, it->x + visible_width(it->run));
            } else if (it->artifact == ART_HEADER && it->kind == ITEM_RULE) {
                rules++;
            } else if (it->artifact == ART_FOOTER) {
                foot++;
                CHECK(it->y < st.margin_bottom);
                if (!two_sided) {   /* "{page} / {pages}" expanded */
                    char want[32];
                    snprintf(want, sizeof want, "%d / %d", p + 1, dl.npages);
                    CHECK(it->run->text_len == strlen(want) &&
                          !memcmp(it->run->text, want, strlen(want)));
                }
            }
        }
        CHECK(foot >= 1);
        if (p == 0) {   /* the release opens here */
            CHECK(head == 0 && rules == 0);
        } else if (two_sided) {   /* one title, at the page's outer edge */
            CHECK(head >= 1 && rules == 1);
            if (dl.pages[p].number % 2 == 0)
                CHECK(head_l < l + 0.01 && head_r < r - 10);
            else
                CHECK(head_r > r - 0.5 && head_l > l + 10);
        } else {
            CHECK(head >= 2 && rules == 1 && head_l < l + 0.01 && head_r > r - 0.5);
        }
    }
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

static void test_running_heads_are_artifacts(void)
{
    running_heads(1);
    running_heads(0);
}

/* The lowest and highest baselines of n's glyphs (and its descendants') on page p. */
static void extent_on(const display *dl, int p, const node *n, double *lo, double *hi)
{
    *lo = 1e9, *hi = -1e9;
    for (size_t i = 0; i < dl->pages[p].nitems; i++) {
        const item *it = &dl->pages[p].items[i];
        const node *m = it->node;
        while (m && m != n)
            m = m->parent;
        if (it->kind == ITEM_GLYPHS && m) {
            *lo = fmin(*lo, it->y);
            *hi = fmax(*hi, it->y);
        }
    }
}

/* Footnotes go to the foot of the page that cites them, below everything
 * else there and inside the frame; a citation near a page's foot takes its
 * line over to the next page rather than leave its note behind; a note too
 * long for the rest of a page continues at the next page's foot. */
static void test_footnotes_at_the_foot(void)
{
    style st;
    style_default(&st);
    for (int k = 18; k < 30; k += 3) {
        document *doc = doc_new();
        node *s = add_release(doc, "Notes", "en");
        for (int i = 0; i < k; i++)
            add_para(doc, s, "A short paragraph that fills the page line by line.");
        node *p = add(doc, s, N_P);
        add_text(doc, p, repeat(doc, EN, 2), 0);
        node *mark = add_citation(doc, s, p, 1, k > 24 ? repeat(doc, EN, 30) : "The footnote text.");
        node *note = (node *)mark->target;
        add_text(doc, p, repeat(doc, EN, 2), 0);
        for (int i = 0; i < 6; i++)
            add_para(doc, s, repeat(doc, EN, 2));
        display dl;
        CHECK(layout(doc, &st, &dl) == 0);
        int pm = page_of(&dl, mark), pn = page_of(&dl, note);
        CHECK(pm >= 0 && pm == pn);
        const anchor *a = layout_anchor(&dl, note);
        CHECK(a && a->page == pn);
        double nlo, nhi, blo, bhi;
        extent_on(&dl, pn, note, &nlo, &nhi);
        extent_on(&dl, pn, s, &blo, &bhi);   /* the release: body and note */
        double body_lo = 1e9;   /* the lowest body line, not the note's */
        for (size_t i = 0; i < dl.pages[pn].nitems; i++) {
            const item *it = &dl.pages[pn].items[i];
            const node *m = it->node;
            while (m && m != note)
                m = m->parent;
            if (it->kind == ITEM_GLYPHS && it->node && !m)
                body_lo = fmin(body_lo, it->y);
        }
        CHECK(nhi < body_lo && nlo >= st.margin_bottom - 0.01);
        if (k > 24) {   /* the long note continues on the next page, at its foot */
            CHECK(pn + 1 < dl.npages && page_of(&dl, note) == pn);
            double lo2, hi2;
            extent_on(&dl, pn + 1, note, &lo2, &hi2);
            CHECK(hi2 > -1e9 && lo2 >= st.margin_bottom - 0.01 && hi2 < st.page_h / 2);
        }
        CHECK(all_inside(&dl, &st));
        doc_free(doc);
    }
    /* notes on the last page of a release that another follows: anchored too */
    document *doc = doc_new();
    node *note[2];
    for (int r = 0; r < 2; r++) {
        node *s = add_release(doc, r ? "Second" : "First", "en");
        node *p = add(doc, s, N_P);
        add_text(doc, p, "A cited sentence.", 0);
        note[r] = (node *)add_citation(doc, s, p, 1, "The note.")->target;
    }
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    for (int r = 0; r < 2; r++) {
        const anchor *a = layout_anchor(&dl, note[r]);
        CHECK(a && a->page == page_of(&dl, note[r]));
    }
    doc_free(doc);
}

/* Page labels as printed and as /PageLabels (lower-case roman) give them. */
static void test_page_labels(void)
{
    static const struct { int n; enum page_numbering k; const char *want; } cases[] = {
        {1, NUMBER_ROMAN, "i"}, {4, NUMBER_ROMAN, "iv"}, {9, NUMBER_ROMAN, "ix"},
        {14, NUMBER_ROMAN, "xiv"}, {49, NUMBER_ROMAN, "xlix"}, {1994, NUMBER_ROMAN, "mcmxciv"},
        {12, NUMBER_ARABIC, "12"}, {1, NUMBER_ARABIC, "1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        page p = {.number = cases[i].n, .numbering = cases[i].k};
        char out[32];
        page_label(&p, out, sizeof out);
        CHECK(strcmp(out, cases[i].want) == 0);
    }
}

/* Whatever the fill before it, a heading never ends a page: it goes over with
 * the first lines of its paragraph. */
static void test_heading_keeps_with_next(void)
{
    style st;
    style_default(&st);
    int moved = 0;
    for (int k = 20; k < 50; k++) {
        document *doc = doc_new();
        node *s = add_release(doc, "Keep with next", "en");
        for (int i = 0; i < k; i++)
            add_para(doc, s, "One short line.");
        node *h = add_heading(doc, s, 2, "A heading near the foot of the page");
        node *p = add_para(doc, s, repeat(doc, EN, 3));
        display dl;
        CHECK(layout(doc, &st, &dl) == 0);
        const anchor *a = layout_anchor(&dl, h);
        CHECK(a && a->node == h);
        CHECK(page_of(&dl, h) == page_of(&dl, p));
        if (a && a->page > 0 && page_of(&dl, h) == a->page) {
            /* did the heading leave room behind? then it was moved, not pushed */
            const page *prev = &dl.pages[a->page - 1];
            double lowest = 1e9;
            for (size_t i = 0; i < prev->nitems; i++)
                if (prev->items[i].artifact == ART_NONE && prev->items[i].y < lowest)
                    lowest = prev->items[i].y;
            if (lowest - st.margin_bottom > 2 * st.heading_size[2])
                moved++;
        }
        for (int pg = 0; pg < dl.npages; pg++) { /* last content of a page is not a heading */
            const item *last = NULL;
            for (size_t i = 0; i < dl.pages[pg].nitems; i++)
                if (dl.pages[pg].items[i].artifact == ART_NONE)
                    last = &dl.pages[pg].items[i];
            CHECK(!last || !last->node || last->node->kind != N_H || pg == dl.npages - 1);
        }
        CHECK(all_inside(&dl, &st));
        doc_free(doc);
    }
    CHECK(moved > 0);
}

/* A page with nothing on it, not even its number. */
static int is_blank(const page *pg)
{
    return pg->nitems == 0 && pg->nfurniture == 0;
}

static void releases_start_pages(int two_sided)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    st.two_sided = two_sided;
    node *r[3];
    for (int i = 0; i < 3; i++) {
        r[i] = add_release(doc, i == 1 ? "한국어 보도자료" : "Release", i == 1 ? "ko" : "en");
        add_para(doc, r[i], repeat(doc, i == 1 ? KO : EN, 3));
    }
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    for (int i = 0; i < 3; i++) {
        const anchor *a = layout_anchor(&dl, r[i]);
        CHECK(a != NULL);
        if (!a)
            continue;
        if (two_sided)
            CHECK(dl.pages[a->page].number % 2 == 1);
        /* a release begins at the top of its page: nothing of the previous one there */
        if (i > 0)
            CHECK(page_of(&dl, r[i - 1]->last) < a->page);
    }
    const anchor *a1 = layout_anchor(&dl, r[1]);
    int blanks = 0;
    for (int p = 0; p < dl.npages; p++)
        blanks += is_blank(&dl.pages[p]);
    if (two_sided) {
        CHECK(blanks == 2 && dl.npages == 5);
        CHECK(a1 && a1->page == 2 && is_blank(&dl.pages[1])); /* release 0 took one page */
        /* the pages around it keep their numbers */
        CHECK(dl.pages[1].number == 2 && dl.pages[2].number == 3 && dl.pages[2].nfurniture > 0);
    } else {
        CHECK(blanks == 0 && dl.npages == 3);
        CHECK(a1 && a1->page == 1);
    }
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

static void test_releases_start_on_right_hand_pages(void)
{
    releases_start_pages(1);
}

static void test_releases_one_sided_start_new_pages(void)
{
    releases_start_pages(0);
}

/* A figure showing a w x h pixel image stored turned as EXIF orientation says. */
static node *add_turned_figure(document *doc, node *parent, int w, int h, int orientation)
{
    node *f = add(doc, parent, N_FIGURE);
    image_info *img = arena_alloc(doc->arena, sizeof *img);
    img->path = img->name = "tests/corpus/images/photo.jpg";
    img->format = IMAGE_JPEG;
    img->width = w;
    img->height = h;
    img->orientation = orientation;
    img->view_w = orientation >= 5 ? h : w;
    img->view_h = orientation >= 5 ? w : h;
    f->image = img;
    f->alt = "a picture";
    return f;
}

static node *add_figure(document *doc, node *parent, int w, int h)
{
    return add_turned_figure(doc, parent, w, h, 1);
}

static const item *find_item(const display *dl, enum item_kind k, const node *n, int *page)
{
    for (int p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].nitems; i++)
            if (dl->pages[p].items[i].kind == k && dl->pages[p].items[i].node == n) {
                if (page)
                    *page = p;
                return &dl->pages[p].items[i];
            }
    return NULL;
}

static void test_figures_scale_down_never_up(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "Figures", "en");
    node *big = add_figure(doc, s, 3000, 2000);
    node *small = add_figure(doc, s, 100, 50);
    node *tall = add_figure(doc, s, 400, 20000);
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    double measure = st.page_w - st.margin_inner - st.margin_outer;
    double frame_h = st.page_h - st.margin_top - st.margin_bottom;
    const item *b = find_item(&dl, ITEM_IMAGE, big, NULL);
    const item *m = find_item(&dl, ITEM_IMAGE, small, NULL);
    const item *t = find_item(&dl, ITEM_IMAGE, tall, NULL);
    CHECK(b && m && t);
    if (b) {
        CHECK(fabs(b->w - measure) < 0.01);
        CHECK(fabs(b->w / b->h - 1.5) < 0.001);
        CHECK(b->image == big->image && b->artifact == ART_NONE);
    }
    if (m) {
        CHECK(fabs(m->w - 100 * 72.0 / 150) < 0.01 && fabs(m->h - 50 * 72.0 / 150) < 0.01);
        double l = frame_left(&st, dl.pages[0].number); /* centred */
        CHECK(fabs(m->x - (l + (measure - m->w) / 2)) < 0.01);
    }
    if (t) {
        CHECK(t->h <= frame_h + 0.01);
        CHECK(fabs(t->w / t->h - 400.0 / 20000) < 1e-6);
    }
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

/* The natural size follows the style's dpi and the image as shown (a
 * quarter-turned photo is as tall as it is stored wide); an image without alt
 * text is an artifact (still naming its figure, for messages). */
static void test_figures_dpi_orientation_decorative(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    st.images.dpi = 300;
    node *s = add_release(doc, "Figures", "en");
    node *turned = add_turned_figure(doc, s, 600, 300, 6);
    node *deco = add_figure(doc, s, 150, 150);
    deco->alt = "";
    deco->flags |= NF_DECORATIVE;
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    const item *t = find_item(&dl, ITEM_IMAGE, turned, NULL);
    const item *d = find_item(&dl, ITEM_IMAGE, deco, NULL);
    CHECK(t && fabs(t->w - 300 * 72.0 / 300) < 0.01 && fabs(t->h - 600 * 72.0 / 300) < 0.01);
    CHECK(t && t->artifact == ART_NONE);
    CHECK(d && d->artifact == ART_LAYOUT && fabs(d->w - 150 * 72.0 / 300) < 0.01);
    doc_free(doc);
}

static void test_table_rows_never_split(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "Table", "ko");
    add_para(doc, s, repeat(doc, KO, 10));
    node *tbl = add(doc, s, N_TABLE);
    node *thead = add(doc, tbl, N_THEAD);
    node *hr = add(doc, thead, N_TR);
    hr->flags = NF_HEADER_ROW;
    const char *heads[] = {"분야", "과제명", "사업비"};
    for (int c = 0; c < 3; c++) {
        node *th = add(doc, hr, N_TH);
        th->number = c;
        add_text(doc, th, heads[c], 0);
    }
    node *tbody = add(doc, tbl, N_TBODY);
    enum { ROWS = 70 };
    node *rows[ROWS];
    for (int r = 0; r < ROWS; r++) {
        rows[r] = add(doc, tbody, N_TR);
        node *a = add(doc, rows[r], N_TD);
        add_text(doc, a, "행정", 0);
        node *b = add(doc, rows[r], N_TD);
        add_text(doc, b, r % 7 == 3 ? "블록체인 기반 부동산 거래 통합 플랫폼 구축과 공공 서비스 확산을 위한 "
                                      "실증 사업 및 후속 제도 개선 과제 검토"
                                    : "우편물류 이력 관리 시스템", 0);
        node *c = add(doc, rows[r], N_TD);
        c->align = ALIGN_RIGHT;
        add_text(doc, c, "12억 원", 0);
    }
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    int first = page_of(&dl, rows[0]->first), last = page_of(&dl, rows[ROWS - 1]->first);
    CHECK(first >= 0 && last > first); /* the table continues on the next page */
    for (int r = 0; r < ROWS; r++) {
        int pg = page_of(&dl, rows[r]->first);
        for (node *cell = rows[r]->first; cell; cell = cell->next)
            for (int p = 0; p < dl.npages; p++)
                if (p != pg)
                    CHECK(count_kind(&dl, p, ITEM_GLYPHS, cell) == 0);
    }
    /* right-aligned column: its text ends at the same x in every row on a page */
    int p0 = page_of(&dl, rows[1]->first);
    const item *c1 = find_item(&dl, ITEM_GLYPHS, rows[1]->last, NULL);
    const item *c2 = find_item(&dl, ITEM_GLYPHS, rows[2]->last, NULL);
    if (c1 && c2 && p0 == page_of(&dl, rows[2]->first))
        CHECK(fabs((c1->x + c1->run->width) - (c2->x + c2->run->width)) < 0.01);
    CHECK(count_kind(&dl, -1, ITEM_GLYPHS, hr->first) > 0);
    /* the header row is tagged once, on the table's first page; every page
     * the table continues on opens with it again, as an artifact */
    int hp = page_of(&dl, hr->first);
    CHECK(hp == first || hp == first - 1);
    for (int p = 0; p < dl.npages; p++)
        CHECK(count_kind(&dl, p, ITEM_GLYPHS, hr->first) == (p == hp));
    for (int p = first + 1; p <= last; p++) {
        const item *top = NULL;   /* the highest glyphs on the page */
        for (size_t i = 0; i < dl.pages[p].nitems; i++) {
            const item *it = &dl.pages[p].items[i];
            if (it->kind == ITEM_GLYPHS && (!top || it->y > top->y + 0.01))
                top = it;
        }
        CHECK(top && top->artifact == ART_LAYOUT && top->node == NULL &&
              top->run->text_len == strlen(heads[0]) &&
              !memcmp(top->run->text, heads[0], strlen(heads[0])));
        CHECK(page_of(&dl, rows[ROWS - 1]->first) >= p);
    }
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

/* A table whose words are wider than its columns can be: the words break
 * inside (R7.2) and every glyph stays inside the margins; so does a URL
 * longer than the measure. */
static void test_too_wide_stays_inside(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "Wide", "en");
    node *tbl = add(doc, s, N_TABLE);
    node *tbody = add(doc, tbl, N_TBODY);
    for (int r = 0; r < 3; r++) {
        node *row = add(doc, tbody, N_TR);
        for (int c = 0; c < 12; c++) {
            node *td = add(doc, row, N_TD);
            td->number = c + 1;
            add_text(doc, td, "interoperability", 0);
        }
    }
    add_para(doc, s, "See https://www.example.go.kr/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa end.");
    diag d = quiet_diag();
    display dl;
    CHECK(layout_document(doc, &st, test_fonts(&d)->fonts, test_fonts(&d)->ts, &d, &dl) == 0);
    CHECK(d.warnings == 0);   /* no overfull line */
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

static void test_list_labels_tagged_with_lbl(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "Lists", "en");
    node *l = add(doc, s, N_L);
    l->level = 1;
    l->flags = NF_ORDERED;
    l->number = 1;
    node *lbl[3], *body[3];
    for (int i = 0; i < 3; i++) {
        node *li = add(doc, l, N_LI);
        li->number = i + 1;
        lbl[i] = add(doc, li, N_LBL);
        node *lb = add(doc, li, N_LBODY);
        body[i] = add_para(doc, lb, repeat(doc, EN, i + 1));
        if (i == 1) { /* nested bullet list */
            node *inner = add(doc, lb, N_L);
            inner->level = 2;
            node *ili = add(doc, inner, N_LI);
            add(doc, ili, N_LBL);
            add_para(doc, add(doc, ili, N_LBODY), "Nested item");
        }
    }
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    for (int i = 0; i < 3; i++) {
        const item *li = find_item(&dl, ITEM_GLYPHS, lbl[i], NULL);
        const item *b = find_item(&dl, ITEM_GLYPHS, body[i], NULL);
        CHECK(li && b);
        if (!li || !b)
            continue;
        CHECK(li->artifact == ART_NONE);
        CHECK(fabs(li->y - b->y) < 0.01);                /* same baseline */
        CHECK(li->x + li->run->width <= b->x + 0.01);    /* hanging: label left of the text */
        CHECK(li->run->nglyphs == 2);                    /* "1." */
    }
    /* every line of an item's body starts at the same indent */
    double x0 = -1;
    for (size_t i = 0; i < dl.pages[0].nitems; i++) {
        const item *it = &dl.pages[0].items[i];
        if (it->node == body[2] && it->kind == ITEM_GLYPHS && it->run->x == 0) {
            if (x0 < 0)
                x0 = it->x;
            CHECK(fabs(it->x - x0) < 0.01);
        }
    }
    CHECK(x0 > frame_left(&st, 1) + st.list_indent - 0.01);
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

static void test_links_get_rectangles(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "Links", "en");
    node *p = add(doc, s, N_P);
    add_text(doc, p, "Read ", 0);
    node *lk = add(doc, p, N_LINK);
    lk->text = "https://example.org/report";
    add_text(doc, lk, "the full report", 0);
    add_text(doc, p, " today.", 0);
    node *mark = add(doc, p, N_LINK);
    add_text(doc, mark, "1", NF_SUPER);
    node *p2 = add(doc, s, N_P); /* a long link that wraps */
    add_text(doc, p2, "See ", 0);
    node *lk2 = add(doc, p2, N_LINK);
    lk2->text = "https://example.org/long";
    add_text(doc, lk2, repeat(doc, "a long link text ", 40), 0);
    node *notes = add(doc, s, N_DIV);
    notes->role = R_NOTES;
    node *note = add(doc, notes, N_NOTE);
    note->number = 1;
    add_para(doc, note, "The footnote text.");
    mark->target = note;
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    const item *r = find_item(&dl, ITEM_LINK, lk, NULL);
    CHECK(r != NULL);
    if (r) {
        CHECK(r->uri && !strcmp(r->uri, lk->text) && !r->dest);
        int glyph_items = 0;
        for (size_t i = 0; i < dl.pages[0].nitems; i++) { /* covers every glyph of the link */
            const item *it = &dl.pages[0].items[i];
            if (it->kind != ITEM_GLYPHS || it->node != lk)
                continue;
            glyph_items++;
            CHECK(it->x >= r->x - 0.01 && it->x + it->run->width <= r->x + r->w + 0.01);
            CHECK(it->y > r->y && it->y < r->y + r->h);
        }
        CHECK(glyph_items >= 1);
        /* the URL is printed after the link text, as part of the link */
        size_t tl = 0;
        for (size_t i = 0; i < dl.pages[0].nitems; i++)
            if (dl.pages[0].items[i].node == lk && dl.pages[0].items[i].kind == ITEM_GLYPHS)
                tl += dl.pages[0].items[i].run->text_len;
        CHECK(tl >= strlen("the full report (https://example.org/report)") - 1);
    }
    const item *m = find_item(&dl, ITEM_LINK, mark, NULL);
    CHECK(m && m->dest == note && !m->uri);
    const item *mg = find_item(&dl, ITEM_GLYPHS, mark, NULL);
    CHECK(mg && mg->run->rise > 0 && mg->run->size < st.body_size);
    CHECK(layout_anchor(&dl, note) != NULL);
    const item *nl = find_item(&dl, ITEM_GLYPHS, note, NULL); /* the note's number label */
    CHECK(nl != NULL);
    /* a link over several lines: one rectangle per line */
    int rects = count_kind(&dl, -1, ITEM_LINK, lk2), lines = 0;
    double last_y = 1e9;
    for (int pg = 0; pg < dl.npages; pg++)
        for (size_t i = 0; i < dl.pages[pg].nitems; i++) {
            const item *it = &dl.pages[pg].items[i];
            if (it->kind == ITEM_GLYPHS && it->node == lk2 && fabs(it->y - last_y) > 0.01) {
                lines++;
                last_y = it->y;
            }
        }
    CHECK(lines >= 3 && rects == lines);
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

/* Values that were literals in layout come from the style: a link's click
 * area (link-area), the rule above footnotes (notes.rule-share), the third
 * level's bullet ■ and its scale and rise (lists.square-*). */
static void test_style_values_reach_layout(void)
{
    for (int v = 0; v < 2; v++) {
        document *doc = doc_new();
        style st;
        style_default(&st);
        if (v) {
            st.link_depth = 0.5;
            st.link_height = 2;
            st.note_rule_share = 0.1;
            st.square_scale = 0.5;
            st.square_rise = 0.2;
        }
        node *s = add_release(doc, "Values", "en");
        node *p = add(doc, s, N_P);
        add_text(doc, p, "Read ", 0);
        node *lk = add(doc, p, N_LINK);
        lk->text = "https://example.org/";
        add_text(doc, lk, "the report", 0);
        add_citation(doc, s, p, 1, "The note.");
        node *parent = s, *lbl = NULL;
        for (int level = 1; level <= 3; level++) {   /* • ◦ ■, one inside the other */
            node *l = add(doc, parent, N_L);
            l->level = level;
            node *li = add(doc, l, N_LI);
            lbl = add(doc, li, N_LBL);
            parent = add(doc, li, N_LBODY);
            add_para(doc, parent, "An item.");
        }
        display dl;
        CHECK(layout(doc, &st, &dl) == 0);
        const item *r = find_item(&dl, ITEM_LINK, lk, NULL);
        const item *g = find_item(&dl, ITEM_GLYPHS, lk, NULL);
        CHECK(r && g);
        if (r && g) {
            CHECK(fabs(r->h - st.link_height * st.body_size) < 1e-9);
            CHECK(fabs(g->y - st.link_depth * st.body_size - r->y) < 1e-9);
        }
        double frame_w = st.page_w - st.margin_inner - st.margin_outer, rule = -1;
        for (size_t i = 0; i < dl.pages[0].nitems; i++) {   /* the rule above the note */
            const item *it = &dl.pages[0].items[i];
            if (it->kind == ITEM_RULE && it->artifact == ART_LAYOUT && it->h == 0 &&
                it->y < st.page_h / 2)
                rule = it->w;
        }
        CHECK(fabs(rule - fmin(st.note_rule_length, frame_w * st.note_rule_share)) < 1e-9);
        const item *b = find_item(&dl, ITEM_GLYPHS, lbl, NULL);
        CHECK(b && b->run->text_len == 3 && !memcmp(b->run->text, "\u25A0", 3));
        if (b) {
            CHECK(fabs(b->run->size - st.body_size * st.square_scale) < 1e-9);
            CHECK(fabs(b->run->rise - st.body_size * (1 - st.square_scale) * st.square_rise) <
                  1e-9);
        }
        doc_free(doc);
    }
}

static void test_anchors_for_every_heading(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *heads[40];
    int nh = 0;
    for (int r = 0; r < 4; r++) {
        node *s = add_release(doc, "Anchors", "en");
        heads[nh++] = s->first;
        for (int i = 0; i < 6; i++) {
            heads[nh++] = add_heading(doc, s, 2 + i % 2, "Section");
            add_para(doc, s, repeat(doc, EN, 4));
        }
    }
    heads[nh++] = add_heading(doc, doc->root->last, 2, "A heading at the very end");
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    for (int i = 0; i < nh; i++) {
        const anchor *a = layout_anchor(&dl, heads[i]);
        CHECK(a && a->node == heads[i] && a->page >= 0 && a->page < dl.npages);
        if (a)
            CHECK(a->y <= st.page_h - st.margin_top + 0.01 && a->y > st.margin_bottom);
    }
    for (int i = 1; i < dl.nanchors; i++) /* document order */
        CHECK(dl.anchors[i - 1].node->id < dl.anchors[i].node->id);
    CHECK(layout_anchor(&dl, doc->root) == NULL);
    doc_free(doc);
}

/* Hangul has no italic: emphasis in a Korean paragraph is set in the gothic face. */
static void test_korean_emphasis_upright_gothic(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "강조", "ko");
    node *p = add(doc, s, N_P);
    add_text(doc, p, "보통 글자와 ", 0);
    add_text(doc, p, "강조한 글자", NF_EMPH);
    node *code = add(doc, s, N_CODE);
    code->flags = NF_BLOCK;
    code->text = "int main(void)\n{\n    return 0;\n}\n";
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    diag d = quiet_diag();
    text_setup *tx = test_fonts(&d);
    const font_chain *gothic = font_registry_chain(tx->fonts, st.font[FONT_SANS], 0, 0, &d);
    text_piece tp = {.text = "강조한 글자", .len = strlen("강조한 글자"), .chain = gothic,
                     .size = st.body_size, .lang = "ko"};
    para_params pp = {.width = 500};
    text_line *lines;
    int n;
    CHECK(paragraph_set(tx->ts, doc->arena, &tp, 1, &pp, &lines, &n, &d) == 0 && n == 1);
    const face *gothic_hangul = lines[0].runs[0].face;
    int emph_runs = 0, plain_runs = 0;
    for (size_t i = 0; i < dl.pages[0].nitems; i++) {
        const item *it = &dl.pages[0].items[i];
        if (it->kind != ITEM_GLYPHS || it->node != p)
            continue;
        if (contains(it->run->text, it->run->text_len, "강조")) {
            emph_runs++;
            CHECK(it->run->face == gothic_hangul);
        } else if (contains(it->run->text, it->run->text_len, "보통")) {
            plain_runs++;
            CHECK(it->run->face != gothic_hangul);
        }
    }
    CHECK(emph_runs >= 1 && plain_runs >= 1);
    /* code block: each source line its own line */
    double ys[8];
    int nys = 0;
    for (size_t i = 0; i < dl.pages[0].nitems; i++) {
        const item *it = &dl.pages[0].items[i];
        if (it->kind == ITEM_GLYPHS && it->node == code && (nys == 0 || ys[nys - 1] != it->y) &&
            nys < 8)
            ys[nys++] = it->y;
    }
    CHECK(nys == 4);
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

/* Code in a Korean release, a block and an inline span: every ASCII glyph
 * of it from the mono chain's first face (no Korean digits among Latin
 * letters), Hangul from the next face that has it. */
static void test_korean_code_in_one_face(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    node *s = add_release(doc, "코드", "ko");
    node *p = add(doc, s, N_P);
    add_text(doc, p, "합계는 ", 0);
    node *span = add(doc, p, N_CODE);   /* inline code, as input makes it */
    span->text = "total = 1342";
    add_text(doc, p, "이다.", 0);
    node *code = add(doc, s, N_CODE);
    code->flags = NF_BLOCK;
    code->text = "{\n  \"total\": 1342,\n  \"지역\": [1, 2]\n}\n";
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    diag d = quiet_diag();
    const font_chain *mono = font_registry_chain(test_fonts(&d)->fonts, st.font[FONT_MONO], 0, 0, &d);
    const face *first = font_chain_face(mono, 0);
    int ascii = 0, hangul = 0;
    for (size_t i = 0; i < dl.pages[0].nitems; i++) {
        const item *it = &dl.pages[0].items[i];
        if (it->kind != ITEM_GLYPHS || (it->node != code && it->node != span))
            continue;
        const glyph_run *g = it->run;
        for (int k = 0; k < g->nglyphs; k++) {
            uint32_t cp;
            utf8_decode(g->text + g->clusters[k], g->text_len - g->clusters[k], &cp);
            if (cp < 0x80) {
                ascii++;
                CHECK(g->face == first);
            } else {
                hangul++;
                CHECK(g->face != first);
            }
        }
    }
    /* 12 + 30 characters, and the space each of the block's three line breaks reads as */
    if (ascii != 12 + 30 + 3 || hangul != 2)
        printf("  ascii %d, hangul %d\n", ascii, hangul);
    CHECK(ascii == 12 + 30 + 3 && hangul == 2);
    doc_free(doc);
}

/* The cover's identity: a band of the accent colour across the first page's
 * top edge (an artifact); the logo's ink (its picture without transparent
 * margins) at the frame's top left (or right), cover.logo-height high but
 * never larger than its pixels at images.dpi; the publisher's name beside it
 * in the accent colour, its line within the logo's height; a logo without
 * alt text drawn as an artifact. */
static void test_cover_logo_and_band(void)
{
    static const image_info wide = {.path = "logo.png", .name = "logo.png", .format = IMAGE_PNG,
                                    .color = IMAGE_RGB, .width = 600, .height = 300,
                                    .view_w = 600, .view_h = 300, .components = 3, .bits = 8,
                                    .orientation = 1};
    image_info tiny = wide, margins = wide;
    tiny.width = tiny.view_w = 40;
    tiny.height = tiny.view_h = 20;
    /* transparent margins around the picture: its ink is what is placed and sized */
    margins.ink_x = 100, margins.ink_y = 50, margins.ink_w = 400, margins.ink_h = 200;
    for (int variant = 0; variant < 4; variant++) {   /* left, right, tiny and decorative, ink */
        document *doc = doc_new();
        style st;
        style_default(&st);
        st.cover_logo_right = variant == 1;
        node *cover = add(doc, doc->root, N_DIV);
        cover->role = R_COVER;
        node *logo = add(doc, cover, N_FIGURE);
        logo->role = R_COVER_LOGO;
        const image_info *pic = variant == 2 ? &tiny : variant == 3 ? &margins : &wide;
        logo->image = pic;
        logo->alt = variant == 2 ? "" : "Ministry of Science and ICT";
        logo->flags = variant == 2 ? NF_DECORATIVE : 0;
        node *name = add_para(doc, cover, "Ministry of Science and ICT");
        name->role = R_META;
        add_heading(doc, cover, 1, "Weekly Press Releases")->role = R_COVER_TITLE;
        add_release(doc, "A release", "en");
        display dl;
        CHECK(layout(doc, &st, &dl) == 0 && dl.npages >= 2);
        const page *pg = &dl.pages[0];
        double fl = frame_left(&st, pg->number), fw = st.page_w - st.margin_inner - st.margin_outer;
        const item *band = NULL, *img = NULL, *text = NULL;
        for (size_t i = 0; i < pg->nitems; i++) {
            const item *it = &pg->items[i];
            if (it->kind == ITEM_RECT && it->artifact == ART_LAYOUT && it->y + it->h > st.page_h - 0.01)
                band = it;
            else if (it->kind == ITEM_IMAGE && it->node == logo)
                img = it;
            else if (it->kind == ITEM_GLYPHS && it->node == name && !text)
                text = it;
        }
        CHECK(band && fabs(band->x) < 0.01 && fabs(band->w - st.page_w) < 0.01 &&
              fabs(band->h - st.cover_band) < 0.01 && band->color == st.cover_accent);
        CHECK(img && text);
        if (!img || !text) {
            doc_free(doc);
            continue;
        }
        /* the ink's box on the page */
        double k = img->w / pic->view_w;   /* points a pixel */
        double ix = pic->ink_w ? pic->ink_x : 0, iy = pic->ink_w ? pic->ink_y : 0;
        double iw = pic->ink_w ? pic->ink_w : pic->view_w, ih = pic->ink_w ? pic->ink_h : pic->view_h;
        double left = img->x + ix * k, top = img->y + img->h - iy * k, w = iw * k, h = ih * k;
        double want = variant == 2 ? 20 * 72.0 / st.images.dpi : st.cover_logo_height;
        CHECK(fabs(h - want) < 0.01 && fabs(w - 2 * want) < 0.01 &&
              fabs(img->h / img->w - 0.5) < 1e-9);
        CHECK(fabs(top - (st.page_h - st.margin_top)) < 0.01 ||
              top < st.page_h - st.margin_top);   /* at the frame's top, centred */
        CHECK(img->artifact == (variant == 2 ? ART_LAYOUT : ART_NONE));
        if (variant == 1) {
            CHECK(fabs(left + w - (fl + fw)) < 0.01 && fabs(text->x - fl) < 0.01);
        } else {
            CHECK(fabs(left - fl) < 0.01 && fabs(text->x - (fl + w + st.cover_logo_gap)) < 0.01);
        }
        CHECK(text->y > top - h && text->y < top && text->run->color == st.cover_accent);
        CHECK(count_kind(&dl, 1, ITEM_RECT, NULL) == 0);   /* the band: the cover only */
        doc_free(doc);
    }
}

/* A bulletin or volume of the test corpus (tests/corpus/bulletins/NAME) in
 * the style sheet at sheet, laid out into *dl. 0 ok. */
static int layout_manifest(const char *name, const char *sheet, style *st, document **doc,
                           display *dl)
{
    const char *corpus = getenv("CORPUS");
    corpus = corpus && *corpus ? corpus : "tests/corpus";
    char path[512];
    snprintf(path, sizeof path, "%s/bulletins/%s", corpus, name);
    diag d = quiet_diag();
    style_default(st);
    *doc = doc_new();
    strmap *images = strmap_new();
    input_options o = {.root = corpus, .title_level = 1, .image_cache = images};
    const char *named = NULL;
    srcpos at;
    int rc = !*doc || !images || input_load_style(sheet, st, (*doc)->arena, &d) ||
             input_load_manifest(*doc, path, &o, &d, &named, &at) || layout(*doc, st, dl);
    strmap_free(images);
    return rc ? -1 : 0;
}

/* Is the run's text all leader dots? */
static int is_leader(const item *it)
{
    if (it->kind != ITEM_GLYPHS || it->artifact != ART_LAYOUT || !it->run->text_len)
        return 0;
    for (size_t k = 0; k < it->run->text_len; k++)
        if (it->run->text[k] != '.')
            return 0;
    return 1;
}

/* The cover and contents are in the document's language: in the Korean 2019
 * volume, in every shipped style, their lines (the cover's title, wrapped
 * contents entries) break between words only, as Korean text does
 * (eojeol), never between two syllables of a word. */
static void test_front_matter_breaks_between_words(void)
{
    static const char *const sheets[] = {"styles/print.yaml", "styles/digest.yaml",
                                         "styles/archive.yaml"};
    int wrapped = 0;
    for (size_t si = 0; si < 3; si++) {
        style st;
        document *doc = NULL;
        display dl;
        CHECK(layout_manifest("2019.yaml", sheets[si], &st, &doc, &dl) == 0);
        for (int p = 0; doc && p < dl.npages && dl.pages[p].numbering == NUMBER_ROMAN; p++) {
            const page *pg = &dl.pages[p];
            for (size_t i = 0; i < pg->nitems; i++) {
                /* the line's last glyphs: the rightmost item of its node on its baseline */
                const item *it = &pg->items[i], *below = NULL, *right = it;
                if (it->kind != ITEM_GLYPHS || it->artifact != ART_NONE)
                    continue;
                for (size_t j = 0; j < pg->nitems; j++) {
                    const item *o = &pg->items[j];
                    if (o->kind != ITEM_GLYPHS || o->node != it->node || o->artifact != ART_NONE)
                        continue;
                    if (fabs(o->y - it->y) < 0.01 && o->x > right->x)
                        right = o;
                    if (o->y < it->y - 0.01 && o->y > it->y - 3 * st.cover_title_size)
                        below = o;
                }
                if (right != it || !below || !it->node || it->node->kind == N_P)
                    continue;   /* cover entries are two paragraphs each */
                wrapped++;
                const glyph_run *r = right->run;
                if (!r->text_len || r->text[r->text_len - 1] != ' ')
                    printf("  %s: a line ends inside a word: ...%.*s\n", sheets[si],
                           (int)(r->text_len < 24 ? r->text_len : 24),
                           r->text + (r->text_len < 24 ? 0 : r->text_len - 24));
                CHECK(r->text_len && r->text[r->text_len - 1] == ' ');
            }
        }
        doc_free(doc);
    }
    CHECK(wrapped >= 3);   /* the cover's title wraps in each style */
}

/* The contents, in every shipped style, of a weekly bulletin and the 2019
 * volume: on each entry's last line (the one with its page number, flush
 * right) the first leader dot stands at least contents.gap right of the end
 * of the entry's text — also where the title wraps and that line hangs —, the
 * dots end before the number, and where not one dot fits none is drawn. */
static void test_contents_leaders_keep_their_gap(void)
{
    static const char *const sheets[] = {"styles/print.yaml", "styles/digest.yaml",
                                         "styles/archive.yaml"};
    static const char *const manifests[] = {"2019-W25.yaml", "2019.yaml"};
    int entries = 0, wrapped = 0, dotted = 0;
    for (size_t si = 0; si < 3; si++)
        for (size_t mi = 0; mi < 2; mi++) {
            style st;
            document *doc = NULL;
            display dl;
            CHECK(layout_manifest(manifests[mi], sheets[si], &st, &doc, &dl) == 0);
            for (int p = 0; doc && p < dl.npages; p++) {
                const page *pg = &dl.pages[p];
                int contents = 0;   /* the cover's meta lines stand flush right too */
                for (size_t i = 0; i < pg->nitems; i++)
                    contents |= is_leader(&pg->items[i]);
                if (pg->numbering != NUMBER_ROMAN || !contents)
                    continue;
                double fl = frame_left(&st, pg->number);
                double fr = fl + st.page_w - st.margin_inner - st.margin_outer;
                for (size_t i = 0; i < pg->nitems; i++) {
                    const item *num = &pg->items[i];
                    if (num->kind != ITEM_GLYPHS || num->artifact != ART_NONE ||
                        fabs(num->x + visible_width(num->run) - fr) > 0.01 ||
                        num->run->text_len == 0 || num->run->text[0] < '0' ||
                        num->run->text[0] > '9')
                        continue;
                    entries++;
                    double start = fr, end = fl;
                    const item *dots = NULL;
                    for (size_t j = 0; j < pg->nitems; j++) {
                        const item *it = &pg->items[j];
                        if (j == i || it->kind != ITEM_GLYPHS || fabs(it->y - num->y) > 0.01)
                            continue;
                        if (is_leader(it)) {
                            dots = it;
                        } else if (it->artifact == ART_NONE) {
                            start = fmin(start, it->x);
                            end = fmax(end, it->x + visible_width(it->run));
                        }
                    }
                    CHECK(end > start);
                    if (fabs(start - fl) > 0.01 && fabs(start - fl - st.contents_indent) > 0.01)
                        wrapped++;   /* a hanging line: the entry's title wrapped */
                    if (dots) {
                        dotted++;
                        if (dots->x < end + st.contents_gap - 0.01)
                            printf("  page %d: dots at %.2f, text ends at %.2f (gap %.1f)\n",
                                   pg->number, dots->x, end, st.contents_gap);
                        CHECK(dots->x >= end + st.contents_gap - 0.01);
                        CHECK(dots->x + dots->run->width <= num->x + 0.01);
                    } else {   /* no room for a dot on the grid between gap and number */
                        CHECK(end + st.contents_gap + 2 * st.contents_leader > num->x - 0.01);
                    }
                }
            }
            doc_free(doc);
        }
    /* 2 bulletins' and 6 weeks' entries and 40 releases' in the volume, in 3 styles */
    CHECK(entries == 3 * (7 + 6 + 40) && dotted > entries / 2 && wrapped >= 1);
}

/* Bad input: nothing crashes or loops, and what there is still lays out. */
static void test_bad_input_survives(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    add_release(doc, "Only a title", "en");
    node *s = add_release(doc, "Odd content", "ko");
    add(doc, s, N_P);                                 /* empty paragraph */
    add_text(doc, add(doc, s, N_P), "", 0);           /* paragraph with empty text */
    add(doc, s, N_TABLE);                             /* empty table */
    add(doc, add(doc, add(doc, s, N_TABLE), N_TBODY), N_TR); /* a row with no cells */
    add_figure(doc, s, 20000, 20000);                 /* huge image */
    add_figure(doc, s, 0, 0);                         /* no size */
    node *q = s;
    for (int i = 0; i < 60; i++)                      /* absurd nesting */
        q = add(doc, q, N_BLOCKQUOTE);
    add_para(doc, q, "deep");
    node *tbl = add(doc, s, N_TABLE);                 /* a row taller than a page */
    node *tr = add(doc, add(doc, tbl, N_TBODY), N_TR);
    add_text(doc, add(doc, tr, N_TD), repeat(doc, KO, 120), 0);
    add_text(doc, add(doc, tr, N_TD), "x", 0);
    add(doc, s, N_L);                                 /* empty list */
    add(doc, add(doc, s, N_L), N_LI);                 /* item with no label or body */
    add(doc, s, N_RULE);
    node *notes = add(doc, s, N_DIV);
    notes->role = R_NOTES;
    add(doc, notes, N_NOTE);                          /* empty note */
    add_heading(doc, s, 9, "");                       /* empty heading at the very end */
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    CHECK(dl.npages >= 3);
    CHECK(all_inside(&dl, &st));
    doc_free(doc);

    document *empty = doc_new(); /* nothing at all: still one page */
    CHECK(layout(empty, &st, &dl) == 0 && dl.npages == 1);
    doc_free(empty);

    document *d2 = doc_new(); /* a style with no room */
    style tiny = st;
    tiny.margin_inner = tiny.page_w;
    diag dd = quiet_diag();
    CHECK(layout_document(d2, &tiny, test_fonts(&dd)->fonts, test_fonts(&dd)->ts, &dd, &dl) == -1 && dd.errors == 1);
    doc_free(d2);
}

/* A volume-sized document (~800 pages) lays out whole and inside the margins.
 * Its speed is measured by make bench, not here. */
static void test_many_pages(void)
{
    document *doc = doc_new();
    style st;
    style_default(&st);
    for (int r = 0; r < 400; r++) {
        int ko = r % 2;
        node *s = add_release(doc, ko ? "보도자료" : "Press release", ko ? "ko" : "en");
        for (int i = 0; i < 6; i++) {
            add_heading(doc, s, 2, ko ? "주요 내용" : "Main points");
            add_para(doc, s, ko ? KO : EN);
            add_para(doc, s, ko ? KO : EN);
            add_para(doc, s, ko ? KO : EN);
        }
    }
    display dl;
    CHECK(layout(doc, &st, &dl) == 0);
    CHECK(dl.npages >= 780);
    CHECK(all_inside(&dl, &st));
    doc_free(doc);
}

int main(void)
{
    RUN(test_long_paragraph_breaks_and_continues);
    RUN(test_running_heads_are_artifacts);
    RUN(test_page_labels);
    RUN(test_footnotes_at_the_foot);
    RUN(test_heading_keeps_with_next);
    RUN(test_releases_start_on_right_hand_pages);
    RUN(test_releases_one_sided_start_new_pages);
    RUN(test_figures_scale_down_never_up);
    RUN(test_figures_dpi_orientation_decorative);
    RUN(test_table_rows_never_split);
    RUN(test_too_wide_stays_inside);
    RUN(test_list_labels_tagged_with_lbl);
    RUN(test_links_get_rectangles);
    RUN(test_style_values_reach_layout);
    RUN(test_anchors_for_every_heading);
    RUN(test_korean_emphasis_upright_gothic);
    RUN(test_korean_code_in_one_face);
    RUN(test_contents_leaders_keep_their_gap);
    RUN(test_cover_logo_and_band);
    RUN(test_front_matter_breaks_between_words);
    RUN(test_bad_input_survives);
    RUN(test_many_pages);
    test_fonts_close();
    return CHECK_DONE();
}
