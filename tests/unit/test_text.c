/* test_text.c — the text module: font sets and chains, fallback, shaping and
 * its cache, Korean and English break opportunities, line setting and
 * justification. Run from the repository root (reads fonts/ *.fontset). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"
#include "text_fixture.h"

static const font_chain *chain(const char *spec, int bold, int italic)
{
    return font_registry_chain(tx.fonts, spec, bold, italic, &quiet_diag);
}

static text_piece piece(const char *text, const font_chain *c, const char *lang)
{
    text_piece p = {0};
    p.text = text;
    p.len = strlen(text);
    p.chain = c;
    p.size = 10;
    p.lang = lang;
    p.pos.file = "t.md";
    p.pos.line = 3;
    p.pos.col = 5;
    return p;
}

/* The paragraph's text, line by line: line i's text goes into out[i]. */
typedef struct set_result {
    int nlines;
    char text[16][512];
    double width[16];
    int last[16], overfull[16];
} set_result;

static int set_indented(const text_piece *p, int np, double width, double first_indent,
                        int justify, int syllable, set_result *r, arena *a)
{
    para_params pp = {.width = width, .first_indent = first_indent, .justify = justify,
                      .syllable_break = syllable};
    text_line *lines;
    int n;
    memset(r, 0, sizeof *r);
    if (paragraph_set(tx.ts, a, p, np, &pp, &lines, &n, &quiet_diag))
        return -1;
    r->nlines = n;
    for (int i = 0; i < n && i < 16; i++) {
        size_t o = 0;
        for (int k = 0; k < lines[i].nruns; k++) {
            const glyph_run *g = &lines[i].runs[k];
            if (o + g->text_len < sizeof r->text[i]) {
                memcpy(r->text[i] + o, g->text, g->text_len);
                o += g->text_len;
            }
        }
        r->text[i][o] = 0;
        r->width[i] = lines[i].width;
        r->last[i] = lines[i].last;
        r->overfull[i] = lines[i].overfull;
    }
    return 0;
}

static int set_text(const text_piece *p, int np, double width, int justify, int syllable,
                    set_result *r, arena *a)
{
    return set_indented(p, np, width, 0, justify, syllable, r, a);
}

/* ---- fonts ------------------------------------------------------------ */

static void test_font_sets(void)
{
    const font_chain *c = chain("myeongjo", 0, 0);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(font_chain_count(c) == 5);   /* Noto Serif, Nanum, Noto CJK, Symbols2, Symbols */
    CHECK(strcmp(face_postscript_name(font_chain_face(c, 0)), "NotoSerif-Regular") == 0);
    CHECK(face_has_char(font_chain_face(c, 3), 0x2612));   /* ☒ for task lists */
    CHECK(strcmp(face_postscript_name(font_chain_face(c, 1)), "NanumMyeongjo") == 0);
    CHECK(chain("myeongjo", 0, 0) == c);   /* cached */
    const font_chain *b = chain("myeongjo", 1, 0);
    CHECK(b && strcmp(face_postscript_name(font_chain_face(b, 0)), "NotoSerif-Bold") == 0);
    CHECK(b && strcmp(face_postscript_name(font_chain_face(b, 1)), "NanumMyeongjoBold") == 0);
    /* italic: Latin italic, Hangul stays upright in the regular Korean face */
    const font_chain *it = chain("myeongjo", 0, 1);
    CHECK(it && strcmp(face_postscript_name(font_chain_face(it, 0)), "NotoSerif-Italic") == 0);
    CHECK(it && font_chain_face(it, 1) == font_chain_face(c, 1));
    const font_chain *g = chain("gothic", 1, 0);
    CHECK(g && font_chain_count(g) == 5 && face_has_char(font_chain_face(g, 1), 0xAC00));
    const font_chain *m = chain("mono", 0, 0);
    CHECK(m && font_chain_count(m) >= 2);
    if (m) {
        face_metrics mm;
        face_get_metrics(font_chain_face(m, 0), &mm);
        CHECK(mm.fixed_pitch);
    }
    /* a family list; missing families are skipped */
    int errors = quiet_diag.errors;
    const font_chain *l = chain("Noto Sans, No Such Family 123, NanumGothic", 0, 0);
    CHECK(l && font_chain_count(l) == 2);
    CHECK(quiet_diag.errors == errors);
    CHECK(chain("No Such Family 123", 0, 0) == NULL);
    CHECK(quiet_diag.errors == errors + 1);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_fontset_files(void)
{
    char dir[] = "/tmp/bulletin-fontsXXXXXX", path[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/good.fontset", dir);
    write_file(path, "# a comment\n\nregular: NanumGothic  # Hangul first\nbold: Noto Sans\n");
    snprintf(path, sizeof path, "%s/bad.fontset", dir);
    write_file(path, "regular: NanumGothic\nbold NanumGothic\nslanted: X\n");
    diag d = {0};
    char msg[2048] = {0};
    FILE *out = fmemopen(msg, sizeof msg - 1, "w");
    d.out = out;
    font_registry *own = font_registry_new(dir, &d);
    CHECK(own != NULL);
    if (own) {
        const font_chain *g = font_registry_chain(own, "good", 0, 0, &d);
        CHECK(g && font_chain_count(g) == 1 && face_has_char(font_chain_face(g, 0), 0xAC00));
        const font_chain *gi = font_registry_chain(own, "good", 0, 1, &d);   /* italic: the regular list */
        CHECK(gi && font_chain_face(gi, 0) == font_chain_face(g, 0));
        const font_chain *gb = font_registry_chain(own, "good", 1, 0, &d);
        CHECK(gb && strcmp(face_postscript_name(font_chain_face(gb, 0)), "NotoSans-Bold") == 0);
        CHECK(font_registry_chain(own, "bad", 0, 0, &d) == NULL);
        font_registry_free(own);
    }
    fclose(out);
    CHECK(d.errors == 2);
    CHECK(strstr(msg, "bad.fontset:2:1: error: expected 'variant: family") != NULL);
    CHECK(strstr(msg, "bad.fontset:3:1: error: unknown font set key 'slanted'") != NULL);
    snprintf(path, sizeof path, "%s/good.fontset", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/bad.fontset", dir);
    remove(path);
    remove(dir);
}

/* Start-up resolves chains, the seal ends it: afterwards a chain resolved
 * before is found, one never resolved is an internal error and none is
 * resolved any more. Faces' HarfBuzz objects are immutable (the PDF writer
 * reads them on its own thread), and faces are numbered in the order their
 * chains are first looked up, whatever order they were resolved in. */
static void test_registry_sealed(void)
{
    diag d = {0};
    font_registry *r = font_registry_new("fonts", &d);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK(font_registry_resolve(r, "gothic", 0, 0, &d) == 0);
    CHECK(font_registry_resolve(r, "myeongjo", 0, 0, &d) == 0);
    CHECK(font_registry_resolve(r, "myeongjo", 1, 0, &d) == 0);
    font_registry_seal(r);
    CHECK(d.errors == 0);
    const font_chain *m = font_registry_chain(r, "myeongjo", 0, 0, &d);
    const font_chain *g = font_registry_chain(r, "gothic", 0, 0, &d);
    CHECK(m && g && d.errors == 0);
    if (!m || !g)
        goto out;
    for (int i = 0; i < font_chain_count(m); i++) {
        const face *f = font_chain_face(m, i);
        CHECK(face_serial(f) == i);
        CHECK(hb_face_is_immutable(face_hb_face(f)) && hb_font_is_immutable(face_hb_font(f)));
    }
    CHECK(face_serial(font_chain_face(g, 0)) == font_chain_count(m));   /* Noto Sans: next */
    CHECK(font_registry_chain(r, "mono", 0, 0, &d) == NULL && d.errors == 1 &&
          d.kind == ERR_INTERNAL);
    CHECK(font_registry_resolve(r, "mono", 0, 0, &d) == -1 && d.errors == 2);
out:
    font_registry_free(r);
}

static void test_face_facts(void)
{
    const font_chain *c = chain("myeongjo", 0, 0);
    CHECK(c != NULL);
    if (!c)
        return;
    const face *serif = font_chain_face(c, 0), *cjk = font_chain_face(c, 2);
    face_metrics m;
    face_get_metrics(serif, &m);
    CHECK(face_upem(serif) == 1000);
    CHECK(!face_is_cff(serif));
    CHECK(cjk && face_is_cff(cjk));
    CHECK(m.cap_height > 600 && m.cap_height < 800);
    CHECK(m.ascent > 0 && m.descent < 0 && m.bbox[2] > m.bbox[0]);
    CHECK(m.serif && !m.fixed_pitch && m.italic_angle == 0);
    CHECK(m.stem_v > 50);
    CHECK(face_serial(serif) < face_serial(font_chain_face(c, 1)));
    CHECK(strchr(face_postscript_name(cjk), ' ') == NULL);
    hb_codepoint_t gid;
    CHECK(hb_font_get_nominal_glyph(face_hb_font(serif), 'H', &gid));
    double w = face_glyph_width(serif, gid);
    CHECK(w > 500 && w < 900);
    CHECK(hb_face_get_upem(face_hb_face(serif)) == 1000);
    face_metrics it;
    const font_chain *ic = chain("myeongjo", 0, 1);
    if (ic) {
        face_get_metrics(font_chain_face(ic, 0), &it);
        CHECK(it.italic_angle < 0);
    }
}

/* ---- shaping ---------------------------------------------------------- */

static void test_latin_ligature_kerning(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0);
    text_piece p = piece("fit AV", c, "en");
    para_params pp = {.width = 500};
    text_line *lines;
    int n;
    CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0);
    CHECK(n == 1 && lines[0].nruns == 1);
    if (n == 1 && lines[0].nruns == 1) {
        const glyph_run *g = &lines[0].runs[0];
        CHECK(g->text_len == 6 && memcmp(g->text, "fit AV", 6) == 0);
        /* "fi" is one ligature glyph whose cluster covers both characters */
        CHECK(g->nglyphs == 5);
        CHECK(g->clusters[0] == 0 && g->clusters[1] == 2);
        /* A and V are kerned: their advances are less than the hmtx widths */
        const face *f = g->face;
        double hmtx = 0, shaped = 0;
        for (int i = 3; i < 5; i++) {
            hmtx += face_glyph_width(f, g->gids[i]) * g->size / 1000;
            shaped += g->advances[i];
        }
        CHECK(shaped < hmtx - 0.1);
        for (int i = 0; i < g->nglyphs; i++)
            CHECK(g->gids[i] != 0);
        /* run width = sum of advances; line width excludes nothing here */
        double sum = 0;
        for (int i = 0; i < g->nglyphs; i++)
            sum += g->advances[i];
        CHECK(fabs(sum - g->width) < 1e-9 && fabs(lines[0].width - sum) < 1e-9);
    }
    arena_free(a);
}

static void test_fallback(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0);
    const char *text = "한국 ① ※ 10㎡ □ 「보도」 “인용” 漢字 ℃ 5G";
    text_piece p = piece(text, c, "ko");
    para_params pp = {.width = 1000};
    text_line *lines;
    int n, warnings = quiet_diag.warnings;
    CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0);
    CHECK(quiet_diag.warnings == warnings);
    CHECK(n == 1);
    size_t total = 0;
    for (int r = 0; n == 1 && r < lines[0].nruns; r++) {
        const glyph_run *g = &lines[0].runs[r];
        total += g->text_len;
        for (int i = 0; i < g->nglyphs; i++) {
            CHECK(g->gids[i] != 0);
            /* the glyph is the face's own glyph for that character */
            uint32_t cp;
            utf8_decode(g->text + g->clusters[i], g->text_len - g->clusters[i], &cp);
            CHECK(face_has_char(g->face, cp));
            if (cp == 0xAC00 || cp == 0xD55C || cp == 0x2460 || cp == 0x203B || cp == 0x33A1 ||
                cp == 0x25A1 || cp == 0x300C || cp == 0x201C || cp == 0x2103)   /* R2.3, R4.1 */
                CHECK(strcmp(face_postscript_name(g->face), "NanumMyeongjo") == 0);
            if (cp == 0x6F22)
                CHECK(strstr(face_postscript_name(g->face), "CJK") != NULL);
            if (cp == '1')   /* a number in Korean text: the Korean face's digits */
                CHECK(strcmp(face_postscript_name(g->face), "NanumMyeongjo") == 0);
            if (cp == '5' || cp == 'G')   /* against a Latin letter: the Latin face */
                CHECK(strcmp(face_postscript_name(g->face), "NotoSerif-Regular") == 0);
        }
    }
    CHECK(total == strlen(text));   /* every source byte is in some run */
    arena_free(a);
}

/* Code in a Korean release: every ASCII character of a code line (letters,
 * digits, punctuation, spaces) comes from the mono chain's first face, one
 * advance for all, where Korean text would take the digits and brackets from
 * the Hangul face; Hangul falls to the next face that has it. */
static void test_code_in_one_face(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("mono", 0, 0);
    const face *first = font_chain_face(c, 0);
    const char *text = "  \"total\": 1342, \"지역\": [1, 2], (x.y - 3) * 4; // 합계 {ok}";
    for (int code = 1; code >= 0; code--) {
        text_piece p = piece(text, c, "ko");
        p.code = code;
        para_params pp = {.width = 1e6};
        text_line *lines;
        int n, ascii = 0, elsewhere = 0, hangul = 0;
        double advance = 0;
        CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0 && n == 1);
        for (int r = 0; n == 1 && r < lines[0].nruns; r++) {
            const glyph_run *g = &lines[0].runs[r];
            for (int i = 0; i < g->nglyphs; i++) {
                uint32_t cp;
                utf8_decode(g->text + g->clusters[i], g->text_len - g->clusters[i], &cp);
                if (cp >= 0x80) {
                    hangul++;
                    CHECK(g->face != first && face_has_char(g->face, cp));
                    continue;
                }
                ascii++;
                elsewhere += g->face != first;
                if (code && !advance)
                    advance = g->advances[i];
                if (code)
                    CHECK(fabs(g->advances[i] - advance) < 1e-9);
            }
        }
        CHECK(hangul == 4);
        if (code) {
            CHECK(ascii == 52 && elsewhere == 0 && advance > 0);
        } else {   /* prose: 1342 and the brackets take the Korean face */
            CHECK(elsewhere > 0);
        }
    }
    arena_free(a);
}

static void test_missing_glyph(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0);
    uint32_t missing = 0x1F600;
    for (int i = 0; i < font_chain_count(c); i++)
        CHECK(!face_has_char(font_chain_face(c, i), missing));   /* really uncovered */
    const char *text = "웃음😀 표시😀";
    text_piece p = piece(text, c, "ko");
    p.pos.line = 77;
    diag d = {0};
    char msg[4096] = {0};
    FILE *out = fmemopen(msg, sizeof msg - 1, "w");
    d.out = out;
    para_params pp = {.width = 1000};
    text_line *lines;
    int n;
    CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &d) == 0);
    CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &d) == 0);   /* set again: no new warning */
    fclose(out);
    CHECK(d.warnings == 2);           /* each occurrence at its own column (bytes) */
    CHECK(strstr(msg, "t.md:77:11: warning: no font has U+1F600") != NULL);
    CHECK(strstr(msg, "t.md:77:22: warning: no font has U+1F600") != NULL);
    CHECK(n == 1);
    size_t total = 0;
    int glyphs = 0;
    for (int r = 0; n == 1 && r < lines[0].nruns; r++) {
        const glyph_run *g = &lines[0].runs[r];
        total += g->text_len;
        glyphs += g->nglyphs;
        for (int i = 0; i < g->nglyphs; i++)
            CHECK(g->gids[i] != 0);
        CHECK(g->nglyphs == 0 || g->clusters[0] == 0);
    }
    CHECK(glyphs == 5);               /* 웃 음 space 표 시 */
    CHECK(total == strlen(text));     /* the dropped text is still in the clusters */
    arena_free(a);
}

static void test_word_cache(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("gothic", 0, 0);
    size_t h0, m0, h1, m1;
    typesetter_cache_stats(tx.ts, &h0, &m0);
    text_piece p = piece("반복되는 단어 반복되는 단어 반복되는 단어 zebra zebra", c, "ko");
    set_result r;
    CHECK(set_text(&p, 1, 400, 0, 0, &r, a) == 0);
    typesetter_cache_stats(tx.ts, &h1, &m1);
    /* words: "반복되는 " ×3, "단어 " ×3, "zebra ", "zebra" */
    CHECK(m1 - m0 == 4);
    CHECK(h1 - h0 == 4);
    /* the same text at another size is all hits (shaped at upem) */
    p.size = 17;
    CHECK(set_text(&p, 1, 400, 0, 0, &r, a) == 0);
    size_t h2, m2;
    typesetter_cache_stats(tx.ts, &h2, &m2);
    CHECK(m2 == m1 && h2 - h1 == 8);
    arena_free(a);
}

/* ---- breaking --------------------------------------------------------- */

/* marked: text with '|' after every allowed break. Sets it at every width from
 * the widest word to the whole line, and with a first line of every length
 * from the first word to the whole text, and checks that the breaks seen are
 * exactly the marked ones and that no line is overfull. */
static int breaks_are(const char *marked, int syllable)
{
    char text[512];
    int expect[512] = {0}, seen[512] = {0};
    size_t n = 0;
    for (const char *s = marked; *s && n < sizeof text - 1; s++) {
        if (*s == '|')
            expect[n] = 1;
        else
            text[n++] = *s;
    }
    text[n] = 0;
    arena *a = arena_new();
    text_piece p = piece(text, chain("myeongjo", 0, 0), "ko");
    double minw = 0, maxw = 0;
    int ok = paragraph_measure(tx.ts, &p, 1, &minw, &maxw, &quiet_diag) == 0;
    if (syllable)
        minw = 30;   /* the widest unit between syllable breaks ("NRC와") */
    for (double w = minw + 0.01; ok && w < maxw + 1; w += 0.25) {
        set_result r;
        ok = set_text(&p, 1, w, 0, syllable, &r, a) == 0;
        size_t o = 0;
        for (int i = 0; ok && i < r.nlines; i++) {
            o += strlen(r.text[i]);
            if (i + 1 < r.nlines)
                seen[o] = 1;
            if (r.overfull[i])
                ok = 0;
        }
        ok = ok && o == n;   /* every byte on some line */
    }
    size_t first = 0;
    while (first < n && !expect[first])
        first++;
    text_piece head = p;
    head.len = first;
    double f0 = 0, unused = 0;
    ok = ok && paragraph_measure(tx.ts, &head, 1, &unused, &f0, &quiet_diag) == 0;
    for (double f = f0 + 0.01; ok && f < maxw + 1; f += 0.25) {
        set_result r;
        ok = set_indented(&p, 1, maxw + 1, maxw + 1 - f, 0, syllable, &r, a) == 0;
        if (ok && r.nlines > 1)
            seen[strlen(r.text[0])] = 1;
        for (int i = 0; ok && i < r.nlines; i++)
            ok = !r.overfull[i];
    }
    for (size_t i = 0; i < n; i++)
        if (seen[i] != expect[i]) {
            printf("  break at byte %zu of \"%s\": expected %d, got %d\n", i, text, expect[i], seen[i]);
            ok = 0;
        }
    arena_free(a);
    return ok;
}

static void test_korean_eojeol(void)
{
    /* notes/korean-typography.md §8, eojeol mode */
    CHECK(breaks_are("금융위원회는 |19일 |「가계부채 |관리방안」을 |발표했다.", 0));          /* 1 */
    CHECK(breaks_are("“규제 |혁신”이라는 |말은 |NRC는 |물론 |5G+ |전략에도 |나온다.", 0)); /* 2 */
    CHECK(breaks_are("수출은 |전년 |대비 |3.5% |증가했다.", 0));                              /* 5 */
    CHECK(breaks_are("참석자는 |40여 명으로, |기온은 |영하 |5℃까지 |내려갔다.", 0));         /* 6 */
    CHECK(breaks_are("국제원자력기구(IAEA)와 |협력한다.", 0));                                /* 7 */
    CHECK(breaks_are("주요 |과제는 |▲디지털 |전환 |▲탄소중립 |▲인구 |대응이다.", 0));       /* 8 */
    CHECK(breaks_are("그는 |“다시 |보자…”라고 |말했다.", 0));                                /* 10 */
    CHECK(breaks_are("COVID-19 |대응을 |위한 |interoperability |확보", 0));                   /* 11 */
    CHECK(breaks_are("□ 과학기술정보통신부는 |관계 |부처와 |함께 |발표했다.", 0));            /* 12 */
    CHECK(breaks_are("보도시점: |2019. 6. 19.(수) |오전 10시 |이후", 0));                     /* 4 */
    CHECK(breaks_are("1조 2,000억 원을 |투입한다.", 0));                                      /* 3 */
    /* an address written as plain text breaks as a URL does; numbers and e.g. do not */
    CHECK(breaks_are("의견은 |국민참여입법센터(opinion|.example|.go|.kr)를 |통해 |제출한다.", 0));
    CHECK(breaks_are("수치는 |3.5%와 |v1.2.3, |e.g. |1.5.2.는 |같다.", 0));
    /* R6.1 holds a number phrase together, up to a postposition that ends it */
    CHECK(breaks_are("기간은 |7월 2일(화)부터 |9월 29일(일)까지 |3.5%로 |1,000명을 |모집한다.", 0));
}

static void test_korean_syllable_mode(void)
{
    CHECK(breaks_are("정|부|는 |NRC와 |협|의|했|다.", 1));                                   /* 13 */
}

static void test_korean_narrow(void)
{
    /* 14: one eojeol wider than the line breaks between syllables, no hyphen */
    arena *a = arena_new();
    text_piece p = piece("과학기술정보통신부는", chain("myeongjo", 0, 0), "ko");
    set_result r;
    CHECK(set_text(&p, 1, 40, 0, 0, &r, a) == 0);
    CHECK(r.nlines == 3);
    char all[512] = {0};
    for (int i = 0; i < r.nlines; i++) {
        CHECK(r.width[i] <= 40 + 1e-9 && !r.overfull[i]);
        CHECK(strlen(r.text[i]) % 3 == 0 && strlen(r.text[i]) > 0);   /* whole syllables */
        strcat(all, r.text[i]);
    }
    CHECK(strcmp(all, "과학기술정보통신부는") == 0);
    /* a long word is not split when it fits on a line of its own */
    text_piece q = piece("가 과학기술정보통신부는", chain("myeongjo", 0, 0), "ko");
    CHECK(set_text(&q, 1, 100, 0, 0, &r, a) == 0);
    CHECK(r.nlines == 2 && strcmp(r.text[0], "가 ") == 0);
    /* R7.2: a Latin word wider than the measure breaks at grapheme boundaries,
     * without a hyphen, only after the normal breaks: no overfull line */
    int w = quiet_diag.warnings;
    text_piece e = piece("an interoperability test", chain("myeongjo", 0, 0), "en");
    CHECK(set_text(&e, 1, 40, 0, 0, &r, a) == 0);
    CHECK(r.nlines >= 4 && strcmp(r.text[0], "an ") == 0);
    memset(all, 0, sizeof all);
    for (int i = 0; i < r.nlines; i++) {
        CHECK(r.width[i] <= 40 + 1e-9 && !r.overfull[i]);
        strcat(all, r.text[i]);
    }
    CHECK(strcmp(all, "an interoperability test") == 0);   /* nothing added, nothing lost */
    CHECK(quiet_diag.warnings == w);
    /* narrower than one glyph: overfull and reported */
    text_piece m = piece("mmm", chain("myeongjo", 0, 0), "en");
    CHECK(set_text(&m, 1, 3, 0, 0, &r, a) == 0);
    CHECK(r.nlines >= 1 && r.overfull[0]);
    CHECK(quiet_diag.warnings > w);
    arena_free(a);
}

/* A URL breaks where the Chicago Manual puts URL breaks: never after a hyphen
 * (it starts the next line instead), never inside "//" or after "https:";
 * the same text not marked as a URL breaks after its hyphens (UAX #14). */
static void test_url_breaks(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0);
    const char *url = "https://www.example-site.go.kr/k-startup-gc/apply-now?lang=en-GB";
    set_result r;
    int hyphen_starts = 0;
    for (double width = 60; width <= 200; width += 7) {
        text_piece u = piece(url, c, "en");
        u.url = 1;
        CHECK(set_text(&u, 1, width, 0, 0, &r, a) == 0);
        char all[512] = {0};
        for (int i = 0; i < r.nlines; i++) {
            size_t n = strlen(r.text[i]);
            CHECK(n > 0 && !r.overfull[i]);
            if (i + 1 < r.nlines && n > 0) {
                char last = r.text[i][n - 1], first = r.text[i + 1][0];
                CHECK(last != '-');
                CHECK(!(last == '/' && first == '/') && !(last == ':' && first == '/'));
                hyphen_starts += first == '-';
            }
            strcat(all, r.text[i]);
        }
        CHECK(strcmp(all, url) == 0);
    }
    CHECK(hyphen_starts > 0);
    text_piece plain = piece("a well-known example-site phrase", c, "en");
    CHECK(set_text(&plain, 1, 60, 0, 0, &r, a) == 0);
    int hyphen_end = 0;
    for (int i = 0; i + 1 < r.nlines; i++)
        hyphen_end |= r.text[i][strlen(r.text[i]) - 1] == '-';
    CHECK(hyphen_end);
    arena_free(a);
}

static void test_english_and_hard_breaks(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0);
    set_result r;
    text_piece p = piece("The quick brown fox jumps over the lazy dog.", c, "en");
    CHECK(set_text(&p, 1, 80, 0, 0, &r, a) == 0);
    CHECK(r.nlines >= 3);
    char all[512] = {0};
    for (int i = 0; i < r.nlines; i++) {
        CHECK(r.width[i] <= 80);
        CHECK(i + 1 == r.nlines || r.text[i][strlen(r.text[i]) - 1] == ' ');   /* breaks at spaces */
        strcat(all, r.text[i]);
    }
    CHECK(strcmp(all, "The quick brown fox jumps over the lazy dog.") == 0);
    /* no break at U+00A0 */
    text_piece nb = piece("aaaa bbbb\xc2\xa0" "cccc dddd", c, "en");
    CHECK(set_text(&nb, 1, 50, 0, 0, &r, a) == 0);
    for (int i = 0; i < r.nlines; i++)
        CHECK(strstr(r.text[i], "cccc") == NULL || strstr(r.text[i], "bbbb") != NULL);
    /* a "\n" piece forces a break; the line before is last (not justified)
     * and reads as ending in a space (test_hard_break_reads_as_space) */
    text_piece two[3] = {piece("first line", c, "en"), piece("\n", c, "en"), piece("second", c, "en")};
    CHECK(set_text(two, 3, 500, 1, 0, &r, a) == 0);
    CHECK(r.nlines == 2 && strcmp(r.text[0], "first line ") == 0 && r.last[0] && r.last[1]);
    CHECK(strcmp(r.text[1], "second") == 0);
    arena_free(a);
}

/* Marks the font positions by GPOS keep HarfBuzz's offsets: x with U+0308
 * U+0304 (HarfBuzz composes ẍ and moves the macron left and up, over the
 * diaeresis) gets, glyph by glyph, the x and y offsets HarfBuzz gives its
 * glyphs, in points (scaled by the run's hscale in x); a run of glyphs
 * without offsets has none (no memory). */
static void test_mark_offsets(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0);
    static const char marks[] = "x\xCC\x88\xCC\x84 q\xCC\x83";
    text_piece p = piece(marks, c, "en"), plain = piece("plain text", c, "en");
    para_params pp = {.width = 300};
    text_line *lines;
    int n;
    CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0 && n == 1);
    if (n != 1 || lines[0].nruns != 1)
        goto out;
    const glyph_run *g = &lines[0].runs[0];
    /* HarfBuzz's own positions for the same text, face and language */
    hb_buffer_t *b = hb_buffer_create();
    hb_buffer_add_utf8(b, marks, -1, 0, -1);
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    hb_buffer_set_script(b, HB_SCRIPT_LATIN);
    hb_buffer_set_language(b, hb_language_from_string("en", -1));
    hb_shape(face_hb_font(g->face), b, NULL, 0);
    unsigned count;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &count);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, NULL);
    double em = g->size / face_upem(g->face);
    CHECK(g->offsets != NULL && (int)count == g->nglyphs);
    int moved = 0;
    for (unsigned i = 0; g->offsets && i < count && (int)i < g->nglyphs; i++) {
        CHECK(g->gids[i] == info[i].codepoint);
        CHECK(fabs(g->offsets[i].x - pos[i].x_offset * em * g->hscale) < 1e-9);
        CHECK(fabs(g->offsets[i].y - pos[i].y_offset * em) < 1e-9);
        moved += pos[i].x_offset < 0 && pos[i].y_offset > 0;   /* the macron: left and up */
    }
    CHECK(moved == 1);
    hb_buffer_destroy(b);
    CHECK(paragraph_set(tx.ts, a, &plain, 1, &pp, &lines, &n, &quiet_diag) == 0 && n == 1);
    CHECK(n == 1 && lines[0].runs[0].offsets == NULL);
out:
    arena_free(a);
}

/* A hard break reads as a space: the line it ends ends in the space glyph of
 * its last run's face, of no width, standing for a " " at the end of the
 * run's text; the line and its runs are as wide, and drawn the same, as
 * without it. The paragraph's own end adds nothing. */
static void test_hard_break_reads_as_space(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0);
    static const char *const texts[] = {"Certified", "첫 줄"};
    for (int k = 0; k < 2; k++) {
        text_piece p[3] = {piece(texts[k], c, k ? "ko" : "en"), piece("\n", c, "en"),
                           piece(k ? "둘째 줄" : "valuers", c, k ? "ko" : "en")};
        para_params pp = {.width = 300};
        text_line *lines, *alone;
        int n, m;
        CHECK(paragraph_set(tx.ts, a, p, 3, &pp, &lines, &n, &quiet_diag) == 0 && n == 2);
        CHECK(paragraph_set(tx.ts, a, p, 1, &pp, &alone, &m, &quiet_diag) == 0 && m == 1);
        if (n != 2 || m != 1)
            continue;
        const glyph_run *g = &lines[0].runs[lines[0].nruns - 1], *h = &alone[0].runs[0];
        hb_codepoint_t space;
        CHECK(hb_font_get_nominal_glyph(face_hb_font(g->face), ' ', &space));
        CHECK(g->nglyphs == h->nglyphs + 1 && g->gids[g->nglyphs - 1] == space);
        CHECK(g->advances[g->nglyphs - 1] == 0 && g->width == h->width);
        CHECK(lines[0].width == alone[0].width);
        CHECK(g->text_len == strlen(texts[k]) + 1 && g->text[g->text_len - 1] == ' ');
        CHECK(g->clusters[g->nglyphs - 1] == g->text_len - 1);
        const glyph_run *e = &lines[1].runs[lines[1].nruns - 1];   /* the paragraph's end */
        CHECK(e->text[e->text_len - 1] != ' ' && e->gids[e->nglyphs - 1] != space);
    }
    arena_free(a);
}

static void test_justify_and_runs(void)
{
    arena *a = arena_new();
    const font_chain *c = chain("myeongjo", 0, 0), *bold = chain("myeongjo", 1, 0);
    int tag1, tag2;
    text_piece p[3] = {
        piece("과학기술정보통신부는 19일 정부서울청사에서 제5차 ", c, "ko"),
        piece("소프트웨어 중심대학", bold, "ko"),
        piece(" 협의회를 열고 2019년 신규 선정 대학을 발표했다. 올해는 8개 대학이 새로 선정되었다.", c, "ko")};
    p[0].tag = p[2].tag = &tag1;
    p[1].tag = &tag2;
    para_params pp = {.width = 200, .first_indent = 20, .rest_indent = 5, .justify = 1};
    text_line *lines;
    int n;
    CHECK(paragraph_set(tx.ts, a, p, 3, &pp, &lines, &n, &quiet_diag) == 0);
    CHECK(n >= 3);
    for (int i = 0; i < n; i++) {
        double indent = i == 0 ? 20 : 5, measure = 200 - indent;
        const text_line *l = &lines[i];
        CHECK(!l->overfull);
        if (i + 1 < n) {
            CHECK(!l->last && fabs(l->width - measure) < 0.01);
        } else {
            CHECK(l->last && l->width < measure);
        }
        /* runs are contiguous and start at the indent */
        CHECK(l->nruns > 0 && fabs(l->runs[0].x - indent) < 1e-9);
        double x = indent;
        for (int k = 0; k < l->nruns; k++) {
            const glyph_run *g = &l->runs[k];
            CHECK(fabs(g->x - x) < 1e-9);
            x = g->x + g->width;
            CHECK(g->tag == (g->face == font_chain_face(bold, 1) || g->face == font_chain_face(bold, 0)
                                 ? (const void *)&tag2 : (const void *)&tag1));
            CHECK(k == 0 || g->face != l->runs[k - 1].face || g->tag != l->runs[k - 1].tag);
            for (int j = 1; j < g->nglyphs; j++)
                CHECK(g->clusters[j] >= g->clusters[j - 1] && g->clusters[j] < g->text_len);
        }
        /* visible end: the line-final space is in the last run but not in width */
        const glyph_run *lr = &l->runs[l->nruns - 1];
        double trailing = lr->text[lr->text_len - 1] == ' ' ? lr->advances[lr->nglyphs - 1] : 0;
        CHECK(fabs(x - trailing - indent - l->width) < 0.01);
    }
    arena_free(a);
}

static void test_measure(void)
{
    const font_chain *c = chain("myeongjo", 0, 0);
    text_piece p = piece("짧은 아주긴단어입니다 끝", c, "ko");
    double minw = 0, maxw = 0;
    CHECK(paragraph_measure(tx.ts, &p, 1, &minw, &maxw, &quiet_diag) == 0);
    arena *a = arena_new();
    set_result r;
    text_piece w = piece("아주긴단어입니다", c, "ko");
    CHECK(set_text(&w, 1, 1000, 0, 0, &r, a) == 0);
    CHECK(fabs(minw - r.width[0]) < 1e-9);
    CHECK(set_text(&p, 1, 1000, 0, 0, &r, a) == 0);
    CHECK(r.nlines == 1 && fabs(maxw - r.width[0]) < 1e-9);
    /* at exactly max_width the text fits on one line */
    CHECK(set_text(&p, 1, maxw, 0, 0, &r, a) == 0 && r.nlines == 1);
    /* empty paragraph: no lines, no crash; invalid UTF-8 does not crash either */
    text_piece e = piece("", c, "ko");
    CHECK(set_text(&e, 1, 100, 1, 0, &r, a) == 0 && r.nlines == 0);
    text_piece bad = piece("a\xff\xfe b\xc3", c, "en");
    CHECK(set_text(&bad, 1, 100, 1, 0, &r, a) == 0 && r.nlines == 1);
    arena_free(a);
}

/* Hostile input: a number of 200,000 digits in Korean text, and an eojeol cut
 * into 100,000 pieces by U+200B, are set (the face choice for digits and the
 * break rules once rescanned the whole run at every character: minutes; how
 * long it takes is make bench's business, not an assertion here). The digits
 * against a Latin letter keep the Latin face (those in the window that
 * holds the letter: a paragraph this long is set in windows). */
static void set_long(const char *text, const char *lang, const char *first_face,
                     const char *last_face)
{
    arena *a = arena_new();
    text_piece p = piece(text, chain("myeongjo", 0, 0), lang);
    para_params pp = {.width = 400, .justify = 1};
    text_line *lines;
    int n;
    CHECK(paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag) == 0);
    CHECK(n > 0);
    if (n > 0 && first_face)
        CHECK(strcmp(face_postscript_name(lines[0].runs[lines[0].nruns - 1].face), first_face) == 0);
    if (n > 0 && last_face)
        CHECK(strcmp(face_postscript_name(lines[n - 1].runs[0].face), last_face) == 0);
    arena_free(a);
}

static void test_long_runs_linear(void)
{
    enum { N = 200000 };
    char *t = malloc(3 * N + 16);
    if (!t)
        return;
    /* 가 then N digits: Korean digits; N digits then 'G': Latin digits */
    memcpy(t, "\xEA\xB0\x80 ", 4);
    memset(t + 4, '7', N);
    t[4 + N] = 0;
    set_long(t, "ko", "NanumMyeongjo", "NanumMyeongjo");
    /* the paragraph is set in windows (window.c), each choosing faces with
     * the text it holds: the digits of the last window, which reaches the G */
    memset(t, '7', N);
    strcpy(t + N, "G");
    set_long(t, "ko", NULL, "NotoSerif-Regular");
    /* 1-1-1-...: every digit's number reaches back over the dashes */
    for (size_t i = 0; i < N; i++)
        t[i] = i % 2 ? '-' : '1';
    t[N] = 0;
    set_long(t, "ko", NULL, NULL);
    /* 1 then (가 U+200B) x N/2: a break point after every syllable */
    size_t o = 0;
    t[o++] = '1';
    for (size_t i = 0; i < N / 2; i++) {
        memcpy(t + o, "\xEA\xB0\x80\xE2\x80\x8B", 6);
        o += 6;
    }
    t[o] = 0;
    set_long(t, "ko", NULL, NULL);
    free(t);
}

int main(void)
{
    if (text_fixture_open() != 0)
        return 1;
    RUN(test_font_sets);
    RUN(test_fontset_files);
    RUN(test_registry_sealed);
    RUN(test_face_facts);
    RUN(test_latin_ligature_kerning);
    RUN(test_fallback);
    RUN(test_code_in_one_face);
    RUN(test_missing_glyph);
    RUN(test_word_cache);
    RUN(test_korean_eojeol);
    RUN(test_korean_syllable_mode);
    RUN(test_korean_narrow);
    RUN(test_url_breaks);
    RUN(test_english_and_hard_breaks);
    RUN(test_hard_break_reads_as_space);
    RUN(test_mark_offsets);
    RUN(test_justify_and_runs);
    RUN(test_measure);
    RUN(test_long_runs_linear);
    text_setup_close(&tx);
    return CHECK_DONE();
}
