/* test_unicode.c — hostile characters: the code point classes (every Unicode
 * general category), the text module's guard before libunibreak and
 * HarfBuzz (no abort, no .notdef, whatever it is handed), and the input
 * sanitiser: encodings, line ends, controls, noncharacters, a stray BOM,
 * entities and YAML escapes, each reported at its own file:line:col.
 * Run from the repository root (reads fonts/ *.fontset). */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <hb.h>
#include "check.h"
#include "input_fixture.h"
#include "text_setup.h"

static text_setup tx;
static diag quiet_diag;

/* The first code point of each HarfBuzz general category (surrogates too). */
static uint32_t first_of[30];
static int have_first[30];

static void find_categories(void)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        unsigned gc = hb_unicode_general_category(uf, cp);
        if (gc < 30 && !have_first[gc]) {
            have_first[gc] = 1;
            first_of[gc] = cp;
        }
    }
}

/* Is the whole code space classified from the general category alone? */
static void test_classes_of_every_category(void)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (int gc = 0; gc < 30; gc++)
        CHECK(have_first[gc]);   /* HarfBuzz knows all 30 categories */
    int wrong = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
        enum uchar_kind want = UC_OK;
        int nonchar = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
        if (cp == '\t' || cp == '\n')
            want = UC_OK;
        else if (gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL)
            want = cp < 0x80 ? UC_CONTROL : UC_C1_CONTROL;
        else if (gc == HB_UNICODE_GENERAL_CATEGORY_SURROGATE)
            want = UC_SURROGATE;
        else if (nonchar)
            want = UC_NONCHARACTER;
        else if (gc == HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED)
            want = UC_UNASSIGNED;
        else if (cp == 0xFEFF)
            want = UC_BOM;
        if (uchar_classify(cp) != want && wrong++ < 5)
            printf("  U+%04X: class %d, want %d\n", (unsigned)cp, uchar_classify(cp), want);
    }
    CHECK(wrong == 0);
    CHECK(uchar_classify(0x110000) == UC_INVALID);
    /* the ones a reader would ask about */
    CHECK(uchar_classify(0xE000) == UC_OK);    /* private use: kept, the fonts decide */
    CHECK(uchar_classify(0x2028) == UC_OK);    /* line separator: a line break */
    CHECK(uchar_classify(0x200D) == UC_OK);    /* ZWJ */
    CHECK(uchar_classify(0x00AD) == UC_OK);    /* soft hyphen */
    CHECK(uchar_classify(0x1160) == UC_OK);    /* old-Hangul jungseong filler */
}

/* Set text in lang; 0 when it was set and no .notdef glyph was drawn. */
static int set_clean(const char *text, size_t len, const char *lang, int syllable)
{
    const font_chain *c = font_registry_chain(tx.fonts, "myeongjo", 0, 0, &quiet_diag);
    if (!c)
        return -1;
    text_piece p = {.text = text, .len = len, .chain = c, .size = 10, .lang = lang,
                    .pos = {"t.md", 1, 1}};
    para_params pp = {.width = 200, .justify = 1, .syllable_break = syllable};
    arena *a = arena_new();
    text_line *lines;
    int n, rc = paragraph_set(tx.ts, a, &p, 1, &pp, &lines, &n, &quiet_diag);
    for (int i = 0; rc == 0 && i < n; i++)
        for (int r = 0; r < lines[i].nruns; r++)
            for (int g = 0; g < lines[i].runs[r].nglyphs; g++)
                if (lines[i].runs[r].gids[g] == 0)
                    rc = -1;
    double mn, mx;
    if (rc == 0 && paragraph_measure(tx.ts, &p, 1, &mn, &mx, &quiet_diag) != 0)
        rc = -1;
    arena_free(a);
    return rc;
}

/* U+FFFF is libunibreak's end-of-text mark and regional indicators (flags)
 * have no row in its pair table: both aborted the renderer inside it. */
static void test_libunibreak_hazards(void)
{
    static const char *const texts[] = {
        "\xEF\xBF\xBF", "a\xEF\xBF\xBF" "b", "\xEF\xBF\xBF" "abc def",
        "flag \xF0\x9F\x87\xB0\xF0\x9F\x87\xB7 here", "\xF0\x9F\x87\xB0",
        "\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7\xF0\x9F\x87\xA8\xF0\x9F\x87\xA6",
        "\xED\xA0\x80 lone surrogate bytes", "\xF4\x90\x80\x80 past U+10FFFF",
        "\r\n\r\x0B\x0C\xC2\x85\xE2\x80\xA8\xE2\x80\xA9", "\xEF\xBB\xBF" "bom",
    };
    const char *langs[] = {"en", "ko"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (int l = 0; l < 2; l++)
            for (int syl = 0; syl < 2; syl++)
                CHECK(set_clean(texts[i], strlen(texts[i]), langs[l], syl) == 0);
}

/* One character of every general category, alone, at the start, between
 * letters, in English and Korean text: set, and no .notdef. */
static void test_text_every_category(void)
{
    int failed = 0;
    for (int gc = 0; gc < 30; gc++) {
        char ch[4], text[16];
        uint32_t cp = first_of[gc];
        int n = gc == HB_UNICODE_GENERAL_CATEGORY_SURROGATE ? 3 : utf8_encode(cp, ch);
        if (gc == HB_UNICODE_GENERAL_CATEGORY_SURROGATE)
            memcpy(ch, "\xED\xA0\x80", 3);   /* what a CESU-8 writer makes */
        const char *forms[] = {"%.*s", "%.*s word", "a%.*sb", "\xED\x95\x9C%.*s\xEA\xB8\x80"};
        for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
            int len = snprintf(text, sizeof text, forms[f], n, ch);
            if (set_clean(text, (size_t)len, "en", 0) || set_clean(text, (size_t)len, "ko", 1)) {
                printf("  category %d (U+%04X) in form %zu\n", gc, (unsigned)cp, f);
                failed++;
            }
        }
    }
    CHECK(failed == 0);
}

/* The text of the first body paragraph of r. */
static const char *para_text(const run *r, char *out, size_t size)
{
    const node *p = NULL;
    for (int i = 0; (p = find_kind(r->doc->root, N_P, i)) && p->role != R_BODY; i++)
        ;
    out[0] = 0;
    if (p)
        text_of(p, out, size);
    return out;
}

static void test_encodings(void)
{
    static const char le[] = "\xFF\xFE-\0-\0-\0\n\0";
    static const char le_bare[] = "-\0-\0-\0\n\0t\0i\0t\0l\0e\0:\0 \0T\0\n\0";
    static const char be[] = "\0-\0-\0-\0\n\0t\0i\0t\0l\0e\0";
    static const char be_bom[] = "\xFE\xFF\0-\0-\0-";
    static const char le32[] = "\xFF\xFE\0\0-\0\0\0";
    struct { const char *name, *data; size_t len; const char *enc; } cases[] = {
        {"le.md", le, sizeof le - 1, "UTF-16LE"}, {"lebare.md", le_bare, sizeof le_bare - 1, "UTF-16LE"},
        {"be.md", be, sizeof be - 1, "UTF-16BE"}, {"bebom.md", be_bom, sizeof be_bom - 1, "UTF-16BE"},
        {"le32.md", le32, sizeof le32 - 1, "UTF-32LE"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *path = write_bytes(cases[i].name, cases[i].data, cases[i].len);
        char want[64];
        snprintf(want, sizeof want, "error: file is %s; save it as UTF-8", cases[i].enc);
        run r;
        load(&r, path, NULL, 1);
        CHECK(r.rc == -1 && r.d.errors == 1 && said(&r, path, "1:1", want));
        done(&r);
    }
    /* a UTF-8 byte-order mark is accepted, and columns start after it */
    const char *path = write_text("bom.md", "\xEF\xBB\xBF---\ntitle: T\ndate: 2019-13-01\nlang: en\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1 && said(&r, path, "3:7", "error: date '2019-13-01'"));
    done(&r);
}

static void test_line_ends(void)
{
    const char *crlf = write_text("crlf.md", "---\r\ntitle: T\r\ndate: 2019-06-18\r\nlang: en\r\n"
                                  "colour: x\r\n---\r\nOne\r\ntwo.\r\n\r\n### Skip\r\n");
    const char *cr = write_text("cr.md", "---\rtitle: T\rdate: 2019-06-18\rlang: en\rcolour: x\r---\r"
                                "One\rtwo.\r\r### Skip\r");
    const char *paths[] = {crlf, cr};
    for (int i = 0; i < 2; i++) {
        run r;
        char text[64];
        load(&r, paths[i], NULL, 1);
        CHECK(r.rc == 0 && r.d.warnings == 2);
        CHECK(said(&r, paths[i], "5:1", "warning: unknown front matter key 'colour'"));
        CHECK(said(&r, paths[i], "10:1", "warning: heading level skipped"));
        CHECK(strcmp(para_text(&r, text, sizeof text), "One two.") == 0);
        done(&r);
    }
}

/* A dropped character keeps the columns of what follows it on its line. */
static void test_controls_dropped_at_their_column(void)
{
    const char *path = write_text("ctl.md", FM "a\x01" "b \x1B[31mred\x7F ![A](nosuch.png)\n"
                                  "\xC2\x85next\xC2\x9C line\x0C" "feed\n");
    run r;
    char text[128];
    load(&r, path, NULL, 1);
    CHECK(said(&r, path, "6:2", "warning: control character U+0001 dropped (and 3 more in this file);"
               " controls are not text: remove it"));
    CHECK(said(&r, path, "6:15", "error: cannot read image"));   /* columns unchanged */
    CHECK(said(&r, path, "7:1", "warning: C1 control character U+0085 replaced by a space (and 1 more"
               " in this file); C1 controls in text mean it was read as Latin-1"));
    CHECK(r.d.warnings == 2 && r.d.errors == 1);
    done(&r);

    path = write_text("ctl2.md", FM "a\x01" "b \x1B[31mred\x7F\n\xC2\x85next\xC2\x9C line\x0C" "feed\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0);
    CHECK(strcmp(para_text(&r, text, sizeof text), "ab [31mred next line feed") == 0 );
    done(&r);
}

/* A flood is one warning per kind, with the count. */
static void test_control_flood(void)
{
    static char text[128 * 1024];
    strcpy(text, FM);
    size_t n = strlen(text);
    for (int i = 0; i < 20000; i++) {
        text[n++] = 'x';
        text[n++] = (char)(1 + i % 8);
        memcpy(text + n, "\xEF\xBF\xBF", 3);
        n += 3;
    }
    text[n++] = '\n';
    run r;
    const char *path = load_bytes(&r, "flood.md", text, n);
    CHECK(r.rc == 0 && r.d.warnings == 2);
    CHECK(said(&r, path, "6:2", "warning: control character U+0001 dropped (and 19999 more in this file)"));
    CHECK(said(&r, path, "6:3", "warning: noncharacter U+FFFF dropped (and 19999 more in this file)"));
    done(&r);
}

static void test_noncharacters_bom_unassigned(void)
{
    const char *path = write_text("nonch.md", FM "x\xEF\xBF\xBEy\xEF\xB7\x90z \xF4\x8F\xBF\xBF"
                                  " mid\xEF\xBB\xBFword \xCD\xB8unassigned\n");
    run r;
    char text[128];
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.warnings == 3);
    CHECK(said(&r, path, "6:2", "warning: noncharacter U+FFFE dropped (and 2 more in this file)"));
    CHECK(said(&r, path, "6:19", "warning: byte-order mark U+FEFF dropped (a byte-order mark belongs"
               " only at the start of a file"));
    CHECK(said(&r, path, "6:27", "warning: unassigned code point U+0378 dropped"));
    CHECK(strcmp(para_text(&r, text, sizeof text), "xyz  midword unassigned") == 0);
    done(&r);
}

/* What must pass untouched: old Hangul, emoji sequences, right-to-left runs
 * (logical order), joiners, soft hyphens, separators, private use. */
static void test_kept_characters(void)
{
    static const char body[] =
        "\xE1\x84\x92\xE1\x86\x9E\xE1\x86\xAB\xEA\xB8\x80 "            /* ᄒᆞᆫ글 */
        "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB "                 /* woman technologist */
        "Hello \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D world "                 /* Hebrew in English */
        "a\xE2\x80\x8C" "b\xE2\x80\x8D" "c soft\xC2\xAD" "hyphen "
        "line\xE2\x80\xA8" "sep pua\xEE\x80\x80 \xF0\x9F\x87\xB0\xF0\x9F\x87\xB7";
    const char *path = write_text("kept.md", FM "x\n");
    static char file[512];
    snprintf(file, sizeof file, FM "%s\n", body);
    path = write_text("kept.md", file);
    run r;
    char text[512];
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.warnings == 0 && r.d.errors == 0);
    CHECK(strcmp(para_text(&r, text, sizeof text), body) == 0);
    done(&r);
}

/* Entities and YAML escapes make characters the source scan never saw:
 * dropped the same way, reported at the node or value. (cmark writes
 * &#xFFFF; as a bare 0xFF byte: invalid UTF-8 that must not reach the PDF.) */
static void test_entities_and_escapes(void)
{
    const char *path = write_text("ent.md", "---\ntitle: \"A\\x01B\\uFFFF\"\ndate: 2019-06-18\n"
                                  "lang: en\nsubtitle: \"tab\\there\"\n---\n"
                                  "x &#1; y &#xFFFF; z &#x378; [l](http://e.x/&#2;)\n");
    run r;
    char text[128];
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0);
    CHECK(said(&r, path, "2:8", "warning: control character U+0001 dropped"));
    CHECK(said(&r, path, "2:8", "warning: noncharacter U+FFFF dropped"));
    CHECK(said(&r, path, "7:1", "warning: unassigned code point U+0378 dropped"));
    CHECK(r.d.warnings == 3);   /* once per kind per release */
    CHECK(r.doc->nreleases == 1 && strcmp(r.doc->releases[0]->title, "AB") == 0);
    CHECK(strcmp(r.doc->releases[0]->subtitle, "tab here") == 0);
    const node *link = find_kind(r.doc->root, N_LINK, 0);
    CHECK(link && strcmp(link->text, "http://e.x/") == 0);
    CHECK(strcmp(para_text(&r, text, sizeof text), "x  y  z  l") == 0);
    done(&r);
}

/* Raw controls in the front matter: dropped before libyaml (which refuses
 * them), reported at their own column. */
static void test_front_matter_controls(void)
{
    const char *path = write_text("fmctl.md", "---\ntitle: A\x01" "B\ndate: 2019-06-18\nlang: en\n"
                                  "contact: \xC2\x9C" "x\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.warnings == 2);
    CHECK(said(&r, path, "2:9", "warning: control character U+0001 dropped"));
    CHECK(said(&r, path, "5:10", "warning: C1 control character U+009C dropped"));
    CHECK(r.doc->nreleases == 1 && strcmp(r.doc->releases[0]->title, "AB") == 0);
    done(&r);
}

static void test_tabs(void)
{
    const char *path = write_text("tab.md", FM "a\tb\n\n```\n\tx\nab\ty\n```\n");
    run r;
    char text[64];
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.warnings == 0);
    CHECK(strcmp(para_text(&r, text, sizeof text), "a b") == 0);
    const node *code = find_kind(r.doc->root, N_CODE, 0);
    CHECK(code && strcmp(code->text, "    x\nab  y") == 0);
    done(&r);
}

/* A release holding one character of every general category (surrogates
 * cannot be written in UTF-8): loads, keeps what is text, drops the rest. */
static void test_release_every_category(void)
{
    static char file[2048];
    size_t n = (size_t)snprintf(file, sizeof file, "%s", FM);
    for (int gc = 0; gc < 30; gc++) {
        if (gc == HB_UNICODE_GENERAL_CATEGORY_SURROGATE)
            continue;
        uint32_t cp = first_of[gc];
        if (cp == 0)
            cp = 1;   /* U+0000 is a NUL byte: an error of its own */
        file[n++] = '[';
        n += (size_t)utf8_encode(cp, file + n);
        file[n++] = ']';
    }
    file[n++] = '\n';
    run r;
    const char *path = load_bytes(&r, "cats.md", file, n);
    CHECK(r.rc == 0 && r.d.errors == 0);
    CHECK(said(&r, path, "6:2", "warning: control character U+0001 dropped"));
    CHECK(said(&r, path, "6:9", "warning: unassigned code point U+0378 dropped"));
    CHECK(r.d.warnings == 2);
    done(&r);
}

int main(void)
{
    if (text_setup_open(&tx, &quiet_diag) != 0 || fixture_open("test_unicode") != 0)
        return 1;
    find_categories();
    RUN(test_classes_of_every_category);
    RUN(test_libunibreak_hazards);
    RUN(test_text_every_category);
    RUN(test_encodings);
    RUN(test_line_ends);
    RUN(test_controls_dropped_at_their_column);
    RUN(test_control_flood);
    RUN(test_noncharacters_bom_unassigned);
    RUN(test_kept_characters);
    RUN(test_entities_and_escapes);
    RUN(test_front_matter_controls);
    RUN(test_tabs);
    RUN(test_release_every_category);
    text_setup_close(&tx);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
