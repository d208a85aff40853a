/* test_paragraphs.c — paragraphs as layout sets them, on the display list:
 * Korean marker paragraphs hang (R4.2) in body text, list items and block
 * quotes, not in table cells, and not when the style's hang-markers is off.
 * Run from the repository root. */
#include <math.h>
#include <stdlib.h>
#include "check.h"
#include "layout_fixture.h"

static const char *const ITEM =
    "□ 과학기술정보통신부와 한국인터넷진흥원은 「2019년 블록체인 공공 선도 시범사업」 2차 과제로 "
    "12건을 최종 확정하고, 6월 20일(목) 서울 중구 한국프레스센터에서 착수보고회를 개최하였다고 "
    "밝혔다. 이번 사업은 공공 분야의 블록체인 도입을 앞당기고 관련 기업의 기술 경쟁력을 높이기 "
    "위해 마련되었다.";

/* The x of the first glyph item of each line of block b (glyph items whose
 * element is b or inside it; a line: one baseline), up to max lines. */
static int line_starts(const display *dl, const node *b, double *x, int max)
{
    int n = 0;
    double y = NAN;
    for (int p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].nitems; i++) {
            const item *it = &dl->pages[p].items[i];
            const node *m = it->node;
            while (m && m != b)
                m = m->parent;
            if (it->kind != ITEM_GLYPHS || !m || it->y == y || n == max)
                continue;
            y = it->y;
            x[n++] = it->x;
        }
    return n;
}

/* Does block b hang: its lines after the first all start at one x, right
 * of the first line's by the marker and its space (about an em and a quarter)? */
static int hangs(const display *dl, const node *b, double size)
{
    double x[32];
    int n = line_starts(dl, b, x, 32);
    if (n < 3)
        return 0;
    for (int k = 2; k < n; k++)
        if (fabs(x[k] - x[1]) > 0.01)
            return 0;
    return x[1] - x[0] > size && x[1] - x[0] < 2 * size;
}

static void test_marker_paragraphs_hang(void)
{
    for (int on = 0; on <= 1; on++) {
        style st;
        style_default(&st);
        st.hang_markers = on;
        document *doc = doc_new();
        node *r = add_release(doc, "시범사업", "ko");
        node *body = add_para(doc, r, ITEM);
        node *list = add(doc, r, N_L), *li = add(doc, list, N_LI), *lb = add(doc, li, N_LBODY);
        node *in_list = add_para(doc, lb, ITEM);
        node *quote = add(doc, r, N_BLOCKQUOTE);
        node *in_quote = add_para(doc, quote, ITEM);
        node *plain = add_para(doc, r, ITEM + strlen("□ "));
        node *table = add(doc, r, N_TABLE), *tr = add(doc, table, N_TR), *td = add(doc, tr, N_TD);
        node *cell = add_para(doc, td, ITEM);
        display dl;
        CHECK(layout(doc, &st, &dl) == 0);
        CHECK(hangs(&dl, body, st.body_size) == on);
        CHECK(hangs(&dl, in_list, st.body_size) == on);
        CHECK(hangs(&dl, in_quote, st.body_size) == on);
        CHECK(!hangs(&dl, plain, st.body_size));
        CHECK(!hangs(&dl, cell, st.table_size));
        double x[32];
        CHECK(line_starts(&dl, cell, x, 32) >= 3);   /* the cell has lines to hang */
        doc_free(doc);
    }
}

int main(void)
{
    RUN(test_marker_paragraphs_hang);
    test_fonts_close();
    return CHECK_DONE();
}
