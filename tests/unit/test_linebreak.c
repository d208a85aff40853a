/* test_linebreak.c — line breaking in the text module: English hyphenation
 * points against the patterns and the rules around them (URLs, code,
 * acronyms, Korean, soft hyphens), hyphenated lines (the hyphen drawn, not
 * text, at most two in a row, none before the last line), Korean words kept
 * whole, no overfull line, total fit never worse than first fit, looseness
 * spread over a paragraph, ragged text. Run from the repository root. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "doc/doc.h"
#include "text_fixture.h"

/* The figures of every paragraph set here (typesetter_watch). */
static break_stats stats;

static const char *const EN_TEXT =
    "The Ministry of Science and ICT held the first meeting of the public-private committee "
    "at the Government Complex Seoul on June 18, reviewing progress two months after Korea "
    "launched the world's first nationwide commercial services. Participants discussed "
    "interoperability requirements, international cooperation with representatives of "
    "standardisation organisations, and the environment for developing new algorithms.";
static const char *const KO_TEXT =
    "과학기술정보통신부(이하 ‘과기정통부’)와 한국인터넷진흥원은 「2019년 블록체인 공공 선도 "
    "시범사업」 2차 과제로 12건을 최종 확정하고, 6월 20일(목) 서울 중구 한국프레스센터에서 "
    "착수보고회를 개최하였다. 이번 사업은 공공 분야의 블록체인 도입을 앞당기고 관련 기업의 "
    "기술 경쟁력을 높이기 위해 마련되었으며, 선정된 과제에는 모두 42억 원이 지원된다.";

static text_piece piece(const char *text, const char *lang)
{
    text_piece p = {0};
    p.text = text;
    p.len = strlen(text);
    p.chain = font_registry_chain(tx.fonts, "myeongjo", 0, 0, &quiet_diag);
    p.size = 10;
    p.lang = lang;
    p.pos = (srcpos){"t.md", 3, 5};
    return p;
}

/* ---- hyphenation points ----------------------------------------------- */

/* The pieces' text with '-' at every hyphenation point (soft hyphens left out). */
static void hyphenated(const text_piece *p, int n, const break_params *bp, char *out, size_t cap)
{
    size_t at[64], o = 0, base = 0;
    int k = paragraph_hyphen_points(tx.ts, p, n, bp, at, 64, &quiet_diag), j = 0;
    for (int i = 0; i < n; i++) {
        for (size_t b = 0; b < p[i].len && o + 2 < cap; b++) {
            if ((unsigned char)p[i].text[b] == 0xC2 && (unsigned char)p[i].text[b + 1] == 0xAD) {
                b++;   /* U+00AD: its point is printed after it */
            } else {
                out[o++] = p[i].text[b];
            }
            while (j < k && at[j] == base + b + 1 && o + 1 < cap)
                out[o++] = '-', j++;
        }
        base += p[i].len;
    }
    out[o] = 0;
}

/* Does p show as expect with '-' at its hyphenation points? Says so if not. */
static int hyphenates_as(const text_piece *p, const break_params *bp, const char *expect)
{
    char out[256];
    hyphenated(p, 1, bp, out, sizeof out);
    if (strcmp(out, expect) != 0)
        printf("  %.*s: expected %s, got %s\n", (int)p->len, p->text, expect, out);
    return strcmp(out, expect) == 0;
}

static void test_hyphenation_points(void)
{
    break_params bp = default_breaking();
    static const char *const words[][2] = {
        {"interoperability", "in-ter-op-er-abil-ity"}, {"introductions", "in-tro-duc-tions"},
        {"algorithms", "al-go-rithms"}, {"hyphenation", "hy-phen-ation"},
        {"environment", "en-vi-ron-ment"}, {"agreement", "agree-ment"},
        {"programme", "pro-gramme"}, {"Helsinki", "Hel-sinki"}, {"committee", "com-mit-tee"},
        {"government", "gov-ern-ment"}, {"nationwide", "na-tion-wide"},
        {"cooperation", "co-op-er-a-tion"}, {"representatives", "rep-re-sen-ta-tives"},
        /* parts of a compound, and a word with its punctuation */
        {"innovation-led", "in-no-va-tion-led"}, {"(commercial),", "(com-mer-cial),"},
        /* none: too short for 2 + 3 letters, capitals only, digits, names, e-mail */
        {"data", "data"}, {"NATIONWIDE", "NATIONWIDE"}, {"government2", "government2"},
        {"www.government.kr", "www.government.kr"}, {"cooperation@example", "cooperation@example"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        text_piece p = piece(words[i][0], "en");
        CHECK(hyphenates_as(&p, &bp, words[i][1]));
    }
    /* two letters before a point and three after, as the style says */
    bp.hyphen_min_before = 3;
    bp.hyphen_min_after = 4;
    text_piece p = piece("interoperability", "en");
    CHECK(hyphenates_as(&p, &bp, "inter-op-er-ability"));
}

static void test_hyphenation_left_alone(void)
{
    break_params bp = default_breaking();
    /* a URL, code, Korean text, and no hyphenation at all */
    text_piece url = piece("https://example.go.kr/interoperability", "en");
    url.url = 1;
    text_piece code = piece("interoperability", "en");
    code.no_hyphen = 1;
    text_piece ko = piece("interoperability 확보", "ko");
    CHECK(hyphenates_as(&url, &bp, url.text) && hyphenates_as(&code, &bp, code.text));
    CHECK(hyphenates_as(&ko, &bp, ko.text));
    bp.hyphenate = 0;
    text_piece en = piece("interoperability", "en");
    CHECK(hyphenates_as(&en, &bp, "interoperability"));
    /* soft hyphens are honoured with hyphenation off, and a word that has
     * them breaks only there; never beside Hangul, in a URL or in code */
    text_piece soft = piece("inter\u00ADoperability", "en");
    CHECK(hyphenates_as(&soft, &bp, "inter-operability"));
    bp.hyphenate = 1;
    CHECK(hyphenates_as(&soft, &bp, "inter-operability"));
    text_piece hangul = piece("정보\u00AD통신 inter\u00ADnet", "ko");
    CHECK(hyphenates_as(&hangul, &bp, "정보통신 inter-net"));
    soft.url = 1;
    CHECK(hyphenates_as(&soft, &bp, "interoperability"));
    soft.url = 0;
    soft.no_hyphen = 1;
    CHECK(hyphenates_as(&soft, &bp, "interoperability"));
}

/* ---- setting --------------------------------------------------------- */

typedef struct set_lines {
    text_line *lines;
    int n;
    int pass;                /* the pass that settled the paragraph */
} set_lines;

static int set(const text_piece *p, int np, double width, int justify, const break_params *bp,
               arena *a, set_lines *out)
{
    break_stats before = stats, after;
    para_params pp = {.width = width, .justify = justify, .breaking = bp};
    int rc = paragraph_set(tx.ts, a, p, np, &pp, &out->lines, &out->n, &quiet_diag);
    after = stats;
    out->pass = -1;
    for (int i = 0; i < 6; i++)
        if (after.passes[i] > before.passes[i])
            out->pass = i;
    return rc;
}

/* The text of line i, runs laid end to end (into buf). */
static const char *line_text(const text_line *l, char *buf, size_t cap)
{
    size_t o = 0;
    for (int r = 0; r < l->nruns; r++)
        for (size_t b = 0; b < l->runs[r].text_len && o + 1 < cap; b++)
            buf[o++] = l->runs[r].text[b];
    buf[o] = 0;
    return buf;
}

static int letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Hyphenated lines: drawn with a hyphen glyph that is not text, the words
 * split 2+3 at least, at most two in a row, none before the last line when
 * the paragraph could be set without; nothing added to the text, nothing lost. */
static void test_hyphenated_lines(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    text_piece p = piece(EN_TEXT, "en");
    int hyphenated_lines = 0, widths = 0;
    for (double w = 120; w <= 420; w += 3, widths++) {
        set_lines s;
        CHECK(set(&p, 1, w, 1, &bp, a, &s) == 0);
        char all[2048] = {0}, cur[512], next[512];
        int run = 0;
        for (int i = 0; i < s.n; i++) {
            const text_line *l = &s.lines[i];
            line_text(l, cur, sizeof cur);
            strcat(all, cur);
            CHECK(!l->overfull && l->width <= w + 0.01);
            const glyph_run *last = &l->runs[l->nruns - 1];
            CHECK(l->hyphenated == last->hyphen);
            for (int r = 0; r + 1 < l->nruns; r++)
                CHECK(!l->runs[r].hyphen);
            run = l->hyphenated ? run + 1 : 0;
            CHECK(run <= bp.hyphen_max_lines);
            if (!l->hyphenated)
                continue;
            hyphenated_lines++;
            CHECK(i + 1 < s.n);
            if (i + 1 == s.n)
                break;
            /* the hyphen is the face's, drawn after the text, and not text */
            CHECK(last->clusters[last->nglyphs - 1] == last->text_len);
            CHECK(last->word && strstr(last->word, cur + strlen(cur) - 2) != NULL);
            line_text(&s.lines[i + 1], next, sizeof next);
            size_t n = strlen(cur), before = 0, after = 0;
            while (before < n && letter(cur[n - 1 - before]))
                before++;
            while (letter(next[after]))
                after++;
            CHECK(before >= (size_t)bp.hyphen_min_before && after >= (size_t)bp.hyphen_min_after);
            CHECK(s.lines[i + 1].runs[0].word_rest >= after);
            if (i + 2 == s.n && s.pass < 2)
                printf("  width %.0f: hyphen before the last line in pass %d\n", w, s.pass);
            CHECK(!(i + 2 == s.n && s.pass < 2));
        }
        CHECK(strcmp(all, EN_TEXT) == 0);
    }
    CHECK(hyphenated_lines > widths / 2);   /* the test saw hyphens */
    /* hyphenation off: no line ends hyphenated */
    bp.hyphenate = 0;
    for (double w = 120; w <= 420; w += 30) {
        set_lines s;
        CHECK(set(&p, 1, w, 1, &bp, a, &s) == 0);
        for (int i = 0; i < s.n; i++)
            CHECK(!s.lines[i].hyphenated);
    }
    arena_free(a);
}

/* Layout can ask for a line not to end hyphenated (the last of a page):
 * the paragraph is set again with that line's break elsewhere. */
static void test_unhyphenated_line(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    text_piece p = piece(EN_TEXT, "en");
    int asked = 0;
    for (double w = 120; w <= 420; w += 3) {
        text_line *lines;
        int n;
        para_params pp = {.width = w, .justify = 1, .breaking = &bp};
        CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0);
        for (int k = 0; k < n; k++) {
            if (!lines[k].hyphenated)
                continue;
            text_line *again;
            int m;
            pp.unhyphenated_line = k + 1;
            CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &again, &m, &quiet_diag) == 0);
            CHECK(k >= m || !again[k].hyphenated);
            for (int i = 0; i < m; i++)
                CHECK(!again[i].overfull);
            pp.unhyphenated_line = 0;
            asked++;
        }
    }
    CHECK(asked > 10);
    arena_free(a);
}

static void test_soft_hyphen_lines(void)
{
    break_params bp = default_breaking();
    bp.hyphenate = 0;   /* soft hyphens only */
    arena *a = arena_new();
    const char *text = "a counter\u00ADrevolutionary proposal and a counter\u00ADexample";
    text_piece p = piece(text, "en");
    int seen = 0;
    for (double w = 40; w <= 200; w += 2) {
        set_lines s;
        CHECK(set(&p, 1, w, 0, &bp, a, &s) == 0);
        char all[512] = {0}, cur[256];
        for (int i = 0; i < s.n; i++) {
            line_text(&s.lines[i], cur, sizeof cur);
            strcat(all, cur);
            if (s.lines[i].hyphenated) {   /* only at the soft hyphens */
                seen++;
                CHECK(strlen(cur) >= 2 && strcmp(cur + strlen(cur) - 2, "\u00AD") == 0);
            }
        }
        CHECK(strcmp(all, text) == 0);   /* the soft hyphens stay in the text */
    }
    CHECK(seen > 0);
    arena_free(a);
}

/* Korean: every break is at a space (keep-all), at every width where no
 * word is wider than the line, justified or not. */
static void test_korean_words_whole(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    text_piece p = piece(KO_TEXT, "ko");
    double minw = 0, maxw = 0;
    CHECK(paragraph_measure(tx.ts, &p, 1, &minw, &maxw, &quiet_diag) == 0);
    int lines = 0;
    for (int justify = 0; justify <= 1; justify++)
        for (double w = minw + 1; w <= maxw; w += 4) {
            set_lines s;
            CHECK(set(&p, 1, w, justify, &bp, a, &s) == 0);
            char cur[1024];
            for (int i = 0; i + 1 < s.n; i++, lines++) {
                line_text(&s.lines[i], cur, sizeof cur);
                CHECK(cur[0] && cur[strlen(cur) - 1] == ' ');
                CHECK(!s.lines[i].overfull && !s.lines[i].hyphenated);
            }
        }
    CHECK(lines > 100);
    arena_free(a);
}

/* No line is wider than the measure, but for one piece that alone is: then
 * it is reported at its own column. */
static void test_no_overfull_line(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    text_piece en = piece(EN_TEXT, "en"), ko = piece(KO_TEXT, "ko");
    char *msgs = NULL;
    size_t len = 0;
    diag d = {.out = open_memstream(&msgs, &len)};
    for (int k = 0; k < 2; k++)
        for (double w = 20; w <= 300; w += 5) {
            text_line *lines;
            int n;
            para_params pp = {.width = w, .justify = 1, .breaking = &bp};
            CHECK(paragraph_set(tx.ts, a, k ? &ko : &en, 1, &pp, &lines, &n, &d) == 0);
            for (int i = 0; i < n; i++)
                CHECK(!lines[i].overfull && lines[i].width <= w + 0.01);
        }
    fclose(d.out);
    CHECK(d.errors == 0 && (!msgs || !strstr(msgs, "overfull")));
    free(msgs);
    /* narrower than one letter: the line holding it alone is overfull, and said so */
    msgs = NULL;
    d = (diag){.out = open_memstream(&msgs, &len)};
    text_piece m = piece("ab mmm", "en");
    text_line *lines;
    int n;
    para_params pp = {.width = 4, .justify = 1, .breaking = &bp};
    CHECK(paragraph_set(tx.ts, a, &m, 1, &pp, &lines, &n, &d) == 0);
    fclose(d.out);
    int over = 0;
    for (int i = 0; i < n; i++) {
        over += lines[i].overfull;
        CHECK(lines[i].nruns == 1 && lines[i].runs[0].nglyphs == 1 + (lines[i].runs[0].text[1] == ' '));
    }
    CHECK(over == n && n == 5 && d.warnings == 5);
    CHECK(msgs && strstr(msgs, "t.md:3:5: warning: overfull line") && strstr(msgs, "t.md:3:8: warning"));
    free(msgs);
    arena_free(a);
}

/* Total fit finds breaks with fewer demerits than first fit, or the same
 * ones when first fit's are already the best; never more. */
static void test_total_fit_not_worse(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    text_piece en = piece(EN_TEXT, "en"), ko = piece(KO_TEXT, "ko");
    break_stats before = stats, after;
    stats.compare = 1;
    for (double w = 150; w <= 450; w += 7) {
        set_lines s;
        CHECK(set(&en, 1, w, 1, &bp, a, &s) == 0);
        CHECK(set(&ko, 1, w, 1, &bp, a, &s) == 0);
    }
    stats.compare = 0;
    after = stats;
    size_t compared = after.compared - before.compared;
    CHECK(compared == 2 * 43);
    CHECK(after.tf_higher == before.tf_higher);
    CHECK(after.tf_lower - before.tf_lower > compared / 2);
    CHECK(after.tf_demerits - before.tf_demerits < after.ff_demerits - before.ff_demerits);
    arena_free(a);
}

/* The widest word space of a justified line, as a factor of its natural width. */
static double loosest_space(const text_line *l)
{
    double worst = 0;
    for (int r = 0; r < l->nruns; r++) {
        const glyph_run *g = &l->runs[r];
        for (int k = 0; k < g->nglyphs - g->hyphen; k++) {
            uint32_t c = g->clusters[k];
            if (c < g->text_len && g->text[c] == ' ') {
                double natural = face_glyph_width(g->face, g->gids[k]) * g->size / 1000;
                if (natural > 0)
                    worst = fmax(worst, g->advances[k] / natural);
            }
        }
    }
    return worst;
}

/* A Korean paragraph that cannot be set within the tolerance: total fit
 * spreads the looseness over its lines where first fit leaves it in one. */
static void test_looseness_spread(void)
{
    break_params bp = default_breaking(), ff = bp;
    ff.total_fit = 0;
    arena *a = arena_new();
    text_piece ko = piece(KO_TEXT, "ko");
    double tf_sum = 0, ff_sum = 0;
    int emergency = 0;
    for (double w = 150; w <= 300; w += 5) {
        set_lines t, f;
        CHECK(set(&ko, 1, w, 1, &bp, a, &t) == 0);
        CHECK(set(&ko, 1, w, 1, &ff, a, &f) == 0);
        double tw = 0, fw = 0;
        for (int i = 0; i + 1 < t.n; i++)
            tw = fmax(tw, loosest_space(&t.lines[i]));
        for (int i = 0; i + 1 < f.n; i++)
            fw = fmax(fw, loosest_space(&f.lines[i]));
        if (t.pass >= 3) {
            emergency++;
            CHECK(tw <= fw + 1e-9);
        }
        tf_sum += tw;
        ff_sum += fw;
    }
    CHECK(emergency > 0);
    CHECK(tf_sum < ff_sum);
    arena_free(a);
}

/* One justified setting of ko at width w: whether a very loose line was
 * reported (and only such a line is), and the largest glyph scaling used,
 * the runs of each line scaled alike. */
typedef struct scaled_setting {
    int warned;
    double scale;
    int nscaled;   /* lines with scaled glyphs */
} scaled_setting;

static scaled_setting set_scaled(const text_piece *ko, double w, const break_params *bp, arena *a)
{
    scaled_setting out = {0, 0, 0};
    char *msgs = NULL;
    size_t len = 0;
    diag d = {.out = open_memstream(&msgs, &len)};
    text_line *lines;
    int n;
    para_params pp = {.width = w, .justify = 1, .breaking = bp};
    CHECK(paragraph_set(tx.ts, a, ko, 1, &pp, &lines, &n, &d) == 0);
    fclose(d.out);
    out.warned = msgs && strstr(msgs, "t.md:3:") && strstr(msgs, "warning: very loose line");
    int beyond = 0;
    for (int i = 0; i < n; i++) {
        const text_line *l = &lines[i];
        for (int r = 0; r < l->nruns; r++)
            CHECK(fabs(l->runs[r].hscale - l->runs[0].hscale) < 1e-12);
        double s = l->nruns ? fabs(l->runs[0].hscale - 1) : 0;
        out.scale = fmax(out.scale, s);
        out.nscaled += s > 1e-6;
        if (i + 1 < n)
            beyond |= loosest_space(l) > 1 + bp->space_limit + 1e-6;
    }
    CHECK(out.warned == beyond);   /* a line beyond the limit is reported, no other */
    free(msgs);
    return out;
}

/* Justification's last resorts: glyphs widen or narrow within glyph_scale,
 * all of a line alike, and never without it; past glyph_scale (up to
 * emergency_glyph_scale) only in a paragraph that could not otherwise keep
 * its word spaces within space_limit, which it then often does; word spaces
 * beyond space_limit only where even that fails, which is reported. */
static void test_glyph_scale_and_space_limit(void)
{
    break_params bp = default_breaking(), narrow = bp, plain = bp;
    narrow.emergency_glyph_scale = bp.glyph_scale;   /* no emergency scaling */
    plain.glyph_scale = plain.emergency_glyph_scale = 0;
    CHECK(bp.emergency_glyph_scale > bp.glyph_scale);
    arena *a = arena_new();
    text_piece ko = piece(KO_TEXT, "ko");
    int scaled = 0, reported = 0, rescued = 0, emergency = 0;
    for (double w = 150; w <= 450; w += 7) {
        scaled_setting s = set_scaled(&ko, w, &bp, a), sn = set_scaled(&ko, w, &narrow, a),
                       sp = set_scaled(&ko, w, &plain, a);
        CHECK(s.scale <= bp.emergency_glyph_scale + 1e-9);
        CHECK(sn.scale <= bp.glyph_scale + 1e-9);
        CHECK(sp.nscaled == 0);
        if (s.scale > bp.glyph_scale + 1e-9) {   /* emergency scaling: only where needed */
            CHECK(sn.warned);
            emergency++;
        }
        CHECK(!s.warned || sn.warned);
        rescued += sn.warned && !s.warned;
        scaled += sn.nscaled;
        reported += sn.warned;
    }
    CHECK(scaled > 10 && reported > 0 && emergency > 0 && rescued > 0);
    arena_free(a);
}

/* Ragged text goes through the same breaker: no line wider than the
 * measure, word spaces at their natural width, and the right edge no more
 * ragged than first fit leaves it. */
static void test_ragged(void)
{
    break_params bp = default_breaking(), ff = bp;
    ff.total_fit = 0;
    arena *a = arena_new();
    text_piece en = piece(EN_TEXT, "en");
    double tf_worst = 0, ff_worst = 0;
    for (double w = 150; w <= 400; w += 10) {
        set_lines t, f;
        CHECK(set(&en, 1, w, 0, &bp, a, &t) == 0);
        CHECK(set(&en, 1, w, 0, &ff, a, &f) == 0);
        for (int i = 0; i < t.n; i++) {
            CHECK(t.lines[i].width <= w + 0.01);
            CHECK(loosest_space(&t.lines[i]) <= 1 + 1e-9);
            if (i + 1 < t.n)
                tf_worst += pow(w - t.lines[i].width, 2);
        }
        for (int i = 0; i + 1 < f.n; i++)
            ff_worst += pow(w - f.lines[i].width, 2);
    }
    CHECK(tf_worst < ff_worst);
    arena_free(a);
}

/* Work in proportion to the length: a 200 KB paragraph (English with
 * hyphenation, Korean, a run of zero-width break opportunities) keeps a short
 * active list and weighs a bounded number of lines per character. */
static void test_long_paragraph_linear(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    enum { SIZE = 200000 };
    char *t = malloc(SIZE + 64);
    const char *const units[] = {EN_TEXT, KO_TEXT, "a\u200B"};
    const char *const langs[] = {"en", "ko", "en"};
    for (int k = 0; t && k < 3; k++) {
        size_t n = 0, u = strlen(units[k]);
        while (n + u + 1 < SIZE) {
            memcpy(t + n, units[k], u);
            n += u;
            if (k < 2)
                t[n++] = ' ';
        }
        t[n] = 0;
        break_stats before = stats, after;
        text_piece p = piece(t, langs[k]);
        set_lines s;
        CHECK(set(&p, 1, 300, 1, &bp, a, &s) == 0);
        CHECK(s.n > (k < 2 ? 100 : 0));
        after = stats;
        size_t work = after.evaluations - before.evaluations;
        CHECK(after.most_active <= 400);
        if (work > 40 * (size_t)SIZE)
            printf("  %s: %zu lines weighed for %zu bytes\n", langs[k], work, n);
        CHECK(work <= 40 * (size_t)SIZE);
    }
    free(t);
    arena_free(a);
}

/* A paragraph too long to set at once is set in windows (window.c): its
 * text comes out whole and once, across pieces and windows; the first line
 * alone has the first indent, only the paragraph's end is a last line, no
 * line is wider than the measure, and a word broken by a hyphen at a
 * window's end reads whole. A Korean paragraph opening with a marker hangs
 * every line after its first, in every window. Measured (table columns), its
 * widest word is its widest, and its width on one line its pieces'. */
static void test_windowed_paragraph(void)
{
    break_params bp = default_breaking();
    arena *a = arena_new();
    enum { SIZE = 150000, PIECES = 400 };
    const char *const units[] = {EN_TEXT, KO_TEXT};
    for (int k = 0; k < 2; k++) {
        size_t u = strlen(units[k]) + 1, n = 0;
        char *t = malloc(SIZE + 8);
        text_piece *p = calloc(PIECES, sizeof *p);
        CHECK(t && p);
        if (!t || !p) {
            free(t);
            free(p);
            break;
        }
        size_t starts[PIECES];
        int np = 0;
        if (k == 1) {
            memcpy(t, "\xE2\x96\xA1 ", 4);   /* a lead marker (R4.1) opens the first piece */
            n = 4;
        }
        while (np < PIECES && n + u < SIZE) {
            starts[np] = np == 0 ? 0 : n;
            np++;
            memcpy(t + n, units[k], u - 1);
            t[n + u - 1] = ' ';
            n += u;
        }
        t[n] = 0;
        for (int i = 0; i < np; i++) {
            p[i] = piece(t + starts[i], k ? "ko" : "en");
            p[i].len = (i + 1 < np ? starts[i + 1] : n) - starts[i];
        }
        CHECK(paragraph_windowed(p, np) && !paragraph_windowed(p, 1));
        para_params pp = {.width = 300, .justify = 1, .first_indent = k ? 0 : 20,
                          .hang_marker = k, .breaking = &bp};
        set_lines s;
        CHECK(paragraph_set(tx.ts, a, p, np, &pp, &s.lines, &s.n, &quiet_diag) == 0);
        CHECK(s.n > 200);
        size_t o = 0, hyphens = 0, reads_whole = 0;
        int same = 1, lasts = 0;
        double hang = s.n > 1 ? s.lines[1].runs[0].x : 0;
        for (int i = 0; i < s.n; i++) {
            const text_line *l = &s.lines[i];
            CHECK(l->width <= pp.width + 0.01 && !l->overfull);
            lasts += l->last;
            if (l->nruns == 0)
                continue;
            CHECK(fabs(l->runs[0].x - (i == 0 ? pp.first_indent : hang)) < 1e-9);
            for (int r = 0; r < l->nruns; r++) {
                const glyph_run *g = &l->runs[r];
                same = same && o + g->text_len <= n && memcmp(t + o, g->text, g->text_len) == 0;
                o += g->text_len;
            }
            if (i > 0 && s.lines[i - 1].hyphenated) {
                hyphens++;
                reads_whole += l->runs[0].word_rest > 0;
            }
        }
        CHECK(same && o == n);
        CHECK(lasts == 1 && s.lines[s.n - 1].last);
        CHECK(k == 1 ? hang > 0 : hyphens > 0);
        CHECK(reads_whole == hyphens);
        /* measured a window at a time: the widest word, and its pieces' widths summed */
        double mn, mx, mn0, mx0, mn1, mx1;   /* the first piece has the marker */
        CHECK(paragraph_measure(tx.ts, p, np, &mn, &mx, &quiet_diag) == 0);
        CHECK(paragraph_measure(tx.ts, &p[0], 1, &mn0, &mx0, &quiet_diag) == 0);
        CHECK(paragraph_measure(tx.ts, &p[1], 1, &mn1, &mx1, &quiet_diag) == 0);
        CHECK(fabs(mn - fmax(mn0, mn1)) < 1e-9);
        CHECK(fabs(mx - (mx0 + (np - 1) * mx1)) < 0.01 * mx);
        free(t);
        free(p);
    }
    arena_free(a);
}

int main(void)
{
    if (text_fixture_open() != 0)
        return 1;
    typesetter_watch(tx.ts, &stats);
    RUN(test_hyphenation_points);
    RUN(test_hyphenation_left_alone);
    RUN(test_hyphenated_lines);
    RUN(test_unhyphenated_line);
    RUN(test_soft_hyphen_lines);
    RUN(test_korean_words_whole);
    RUN(test_no_overfull_line);
    RUN(test_total_fit_not_worse);
    RUN(test_looseness_spread);
    RUN(test_glyph_scale_and_space_limit);
    RUN(test_ragged);
    RUN(test_long_paragraph_linear);
    RUN(test_windowed_paragraph);
    text_setup_close(&tx);
    return CHECK_DONE();
}
