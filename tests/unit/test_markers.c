/* test_markers.c — Korean government markers in the text module (R4.1–R4.3
 * of notes/korean-typography.md): which words are lead markers, and the
 * hang of para_params.hang_marker — the lines after a line that opens with a
 * marker and a space start exactly under the text after them, justified or
 * not, after hard breaks too, and nowhere else. Run from the repository root. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "doc/doc.h"
#include "text_fixture.h"

static const char *const ITEM =
    "□ 과학기술정보통신부(이하 ‘과기정통부’)는 6월 18일(화) 캐나다 밴프(Banff)에서 캐나다 "
    "외교부와 공동으로 「제2차 한-캐나다 과학기술혁신공동위원회」(이하 ‘공동위’)를 개최하였다고 "
    "밝혔다. 이번 공동위에는 양국 산업계와 학계 관계자 등 40여 명이 함께하였다.";

static text_piece piece(const char *text, const char *lang)
{
    return (text_piece){.text = text, .len = strlen(text),
                        .chain = font_registry_chain(tx.fonts, "myeongjo", 0, 0, &quiet_diag), .size = 10,
                        .lang = lang, .pos = {"t.md", 1, 1}};
}

/* Where a line's text from byte `at` of its runs' text starts (points from
 * the measure's start edge, as the runs' x). */
static double x_at(const text_line *l, size_t at)
{
    for (int i = 0; i < l->nruns; at -= l->runs[i++].text_len) {
        const glyph_run *r = &l->runs[i];
        if (at >= r->text_len)
            continue;
        double x = r->x;
        for (int g = 0; g < r->nglyphs && r->clusters[g] < at; g++)
            x += r->advances[g];
        return x;
    }
    return NAN;
}

static void test_lead_marker_class(void)
{
    static const struct {
        const char *text;
        size_t at;
    } cases[] = {
        {"□ 과학기술", 4}, {"○ 이번", 4}, {"※ 참고", 4}, {"▲ 디지털", 4}, {"- 항목", 2},
        {"· 항목", 3}, {"ㅇ 항목", 4}, {"① 첫째", 4}, {"⑳ 스물", 4}, {"㉮ 가", 4},
        {"1. 개요", 3}, {"가. 추진 목표", 5}, {"(1) 현황", 4}, {"가) 현황", 5},
        {"□\u3000전각 공백", 6}, {"□  두 칸", 5},
        /* no marker, no space, nothing after it, too long a word */
        {"과학기술 정책", 0}, {"□과학", 0}, {"□ ", 0}, {"□", 0}, {"12345. 다섯", 0},
        {"▲디지털 전환", 0}, {"", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t at = text_lead_marker(cases[i].text, strlen(cases[i].text));
        if (at != cases[i].at)
            printf("  \"%s\": text at %zu, want %zu\n", cases[i].text, at, cases[i].at);
        CHECK(at == cases[i].at);
    }
}

/* The text after "□ " starts at the same x on every line, at many measures,
 * justified (glyphs may scale on the first line: not the marker's) or not,
 * and with a rest indent the hang adds to it. */
static void test_hang_under_the_text(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    text_piece p = piece(ITEM, "ko");
    int lines_seen = 0;
    for (int justify = 0; justify <= 1; justify++)
        for (double w = 120; w <= 420; w += 7) {
            text_line *lines;
            int n;
            para_params pp = {.width = w, .rest_indent = 6, .justify = justify, .breaking = &bp,
                              .hang_marker = 1};
            CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0);
            CHECK(n >= 2);
            if (n < 2)
                continue;
            double hang = x_at(&lines[0], strlen("□ "));
            CHECK(lines[0].runs[0].x == 0 && hang > 10 && hang < 20);
            for (int k = 1; k < n; k++) {
                if (fabs(lines[k].runs[0].x - (6 + hang)) > 1e-9)
                    printf("  width %.0f, line %d starts at %.4f, the hang is %.4f\n", w, k + 1,
                           lines[k].runs[0].x, 6 + hang);
                CHECK(fabs(lines[k].runs[0].x - (6 + hang)) <= 1e-9);
                CHECK(lines[k].runs[0].x + lines[k].width <= w + 0.01);
                lines_seen++;
            }
        }
    CHECK(lines_seen > 100);
    arena_free(a);
}

/* The hang is the marker's advance and the space's, as set: a full-width
 * □ takes more than a half-width ·. */
static void test_hang_is_the_markers_width(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    const char *const texts[] = {"□ 가나다라 마바사 아자차카 타파하 가나다라 마바사 아자차카",
                                 "· 가나다라 마바사 아자차카 타파하 가나다라 마바사 아자차카"};
    double hang[2];
    for (int i = 0; i < 2; i++) {
        text_piece p = piece(texts[i], "ko");
        text_line *lines;
        int n;
        para_params pp = {.width = 90, .justify = 1, .breaking = &bp, .hang_marker = 1};
        CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0 && n >= 2);
        hang[i] = n >= 2 ? lines[1].runs[0].x : 0;
        text_piece marker = piece(texts[i], "ko");
        marker.len = strchr(texts[i], ' ') - texts[i];   /* the marker alone */
        double mn, mx;
        CHECK(paragraph_measure(tx.ts, &marker, 1, &mn, &mx, &quiet_diag) == 0);
        CHECK(hang[i] > mx && hang[i] < mx + 5);   /* and a space of at most half an em */
    }
    CHECK(hang[0] > hang[1] + 3);
    arena_free(a);
}

/* No hang: not asked for, no marker, a marker in English text (Mr. is a
 * "marker" by its shape alone), a marker not followed by a space. */
static void test_no_hang(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    static const struct {
        const char *text, *lang;
        int asked;
    } cases[] = {
        {"□ 가나다라 마바사 아자차카 타파하 가나다라 마바사 아자차카 타파하", "ko", 0},
        {"가나다라 마바사 아자차카 타파하 가나다라 마바사 아자차카 타파하", "ko", 1},
        {"Mr. Kim said the ministry would review the programme again next year.", "en", 1},
        {"▲디지털 전환 ▲탄소중립 ▲인구 대응 가나다라 마바사 아자차카 타파하", "ko", 1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        text_piece p = piece(cases[i].text, cases[i].lang);
        text_line *lines;
        int n;
        para_params pp = {.width = 100, .justify = 1, .breaking = &bp,
                          .hang_marker = cases[i].asked};
        CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0 && n >= 2);
        for (int k = 1; k < n; k++)
            CHECK(lines[k].runs[0].x == 0);
    }
    arena_free(a);
}

/* Hard breaks: each line that opens with a marker hangs its own text; a line
 * after a hard break without one goes on at the hang in force. */
static void test_hang_after_hard_breaks(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    const char *text = "① 우주 탐사의 시작 – 초기 로켓 연구와 인공위성 개발의 역사를 한자리에서\n"
                       "(가) 대한민국의 우주 개발 – 나로호, 누리호, 천리안·아리랑 위성 등 성과\n"
                       "미래의 우주 – 화성 탐사, 우주 관광, 우주 쓰레기 문제 등을 살펴본다";
    text_piece p = piece(text, "ko");
    text_line *lines;
    int n;
    para_params pp = {.width = 110, .breaking = &bp, .hang_marker = 1};
    CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0);
    int segment = 0, opens = 1, checked[3] = {0};
    double hang = 0, hangs[2] = {0};
    for (int k = 0; k < n; k++) {
        const text_line *l = &lines[k];
        if (opens && segment < 2) {   /* ① and (가) open their lines at the margin */
            CHECK(l->runs[0].x == 0);
            char t[64];
            size_t len = 0;
            for (int i = 0; i < l->nruns && len + l->runs[i].text_len < sizeof t; i++)
                memcpy(t + len, l->runs[i].text, l->runs[i].text_len), len += l->runs[i].text_len;
            size_t at = text_lead_marker(t, len);
            CHECK(at > 0);
            hang = hangs[segment] = x_at(l, at);
        } else {
            CHECK(fabs(l->runs[0].x - hang) < 1e-9);
            checked[segment]++;
        }
        opens = l->last;
        segment += l->last;
    }
    CHECK(segment == 3 && checked[0] > 0 && checked[1] > 0 && checked[2] > 1);
    CHECK(hangs[1] > hangs[0] + 5);   /* (가) is wider than ① */
    arena_free(a);
}

int main(void)
{
    if (text_fixture_open() != 0)
        return 1;
    RUN(test_lead_marker_class);
    RUN(test_hang_under_the_text);
    RUN(test_hang_is_the_markers_width);
    RUN(test_no_hang);
    RUN(test_hang_after_hard_breaks);
    text_setup_close(&tx);
    return CHECK_DONE();
}
