/* test_hostile.c — hostile front matter and Markdown, each with its exact
 * message at its file:line:col: malformed, unclosed and TOML front matter,
 * wrong types, duplicate keys, anchors and aliases (no alias bomb), front
 * matter alone; raw HTML whose content is never shown, empty elements of
 * every kind, footnotes used 500 times, undefined, doubled and unused; lists
 * and quotes 60 deep, clamped in the tree and in layout. Run from the
 * repository root (reads fonts/ *.fontset). */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include "check.h"
#include "input_fixture.h"
#include "layout/layout.h"
#include "text_setup.h"

/* ---- front matter ------------------------------------------------------ */

/* Each bad front matter: exit as an error with exactly this first message. */
static void test_front_matter_errors(void)
{
    static const struct { const char *name, *text, *where, *msg; int errors; } cases[] = {
        {"toml.md", "+++\ntitle = \"T\"\n+++\nText.\n", "1:1",
         "error: front matter in TOML ('+++') is not read: write the keys in YAML", 1},
        {"open.md", "---\ntitle: T\ndate: 2019-06-18\nlang: en\n\nText.\n", "1:1",
         "error: front matter is not closed: add a line '---' after its last key", 1},
        {"quote.md", "---\ntitle: \"unclosed\ndate: 2019-06-18\nlang: en\n---\nText.\n", "5:1",
         "error: YAML: found unexpected end of stream while scanning a quoted scalar (the one at"
         " line 2, column 8)", 1},
        {"colon.md", "---\ntitle: a: b\ndate: 2019-06-18\nlang: en\n---\nText.\n", "2:9",
         "error: YAML: mapping values are not allowed in this context", 1},
        {"tab.md", "---\ntitle: T\n\tdate: 2019-06-18\nlang: en\n---\nText.\n", "3:1",
         "error: YAML: found a tab character that violates indentation", 1},
        {"types.md", "---\ntitle: T\ndate: [2019]\nlang: {a: b}\n---\nText.\n", "3:7",
         "error: 'date' must be a string, not a list", 2},
        {"twice.md", "---\ntitle: T\ndate: 2019-06-18\nlang: en\ntitle: U\n---\nText.\n", "5:1",
         "error: front matter key 'title' given twice (first on line 2): keep one", 1},
        {"list.md", "---\n- a\n- b\n---\nText.\n", "2:1",
         "error: front matter must be a mapping of keys to values, not a list", 4},
        {"nokeys.md", "---\n---\nText.\n", "1:1", "error: front matter has no 'title'", 3},
        {"empty.md", "", "1:1", "error: file is empty", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        run r;
        const char *path = load_text(&r, cases[i].name, cases[i].text);
        CHECK(r.rc == -1 && r.d.errors == cases[i].errors && r.doc->nreleases == 0);
        CHECK(said(&r, path, cases[i].where, cases[i].msg));
        done(&r);
    }
    run r;
    const char *path = load_text(&r, "types.md", cases[5].text);
    CHECK(said(&r, path, "4:7", "error: 'lang' must be a string, not a mapping"));
    done(&r);
}

/* A billion laughs: refused at the first anchor, in one error, at once. */
static void test_alias_bomb(void)
{
    static char text[4096];
    strcpy(text, "---\ntitle: T\ndate: 2019-06-18\nlang: en\na0: &a0 [lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
        char line[128];
        snprintf(line, sizeof line, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
                 i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(text, line);
    }
    strcat(text, "---\nText.\n");
    run r;
    const char *path = load_text(&r, "bomb.md", text);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, path, "5:5", "error: YAML anchors (&a0) are not allowed: write the value out"));
    done(&r);
}

static void test_front_matter_only(void)
{
    run r;
    const char *path = load_text(&r, "fmonly.md", FM);
    CHECK(r.rc == 0 && r.d.warnings == 1 && r.doc->nreleases == 1);
    CHECK(said(&r, path, "5:1", "warning: nothing follows the front matter"));
    done(&r);
}

/* ---- raw HTML ------------------------------------------------------------ */

static void test_html_content_never_shown(void)
{
    run r;
    char text[1024];
    const char *path = load_text(&r, "script.md", FM
        "Before <script>steal(document.cookie)</script> after.\n\n"    /* inline, split by cmark */
        "<script>\nalert('block')\n</script>\n\n"                       /* an HTML block */
        "<STYLE type=\"text/css\">p { color: red }</STYLE>\n\n"
        "<iframe src=\"https://evil.example\">\n\nfallback paragraph\n\n</iframe>\n\n"
        "<object data=\"x.swf\"><param name=a value=b>inner</object> kept\n\n"
        "Visible <b>bold</b> &amp; the end.\n");
    CHECK(r.rc == 0 && r.d.warnings == 2);
    CHECK(said(&r, path, "6:8", "warning: raw HTML <script> is not rendered; its content is left out"));
    CHECK(said(&r, path, "22:9", "warning: raw HTML is not rendered; tags dropped, their text kept"));
    text_of(r.doc->root, text, sizeof text);
    CHECK(strstr(text, "Before") && strstr(text, "after.") && strstr(text, " kept"));
    CHECK(strstr(text, "Visible") && strstr(text, "bold") && strstr(text, "& the end."));
    static const char *const hidden[] = {"steal", "alert", "color", "fallback", "inner", "evil"};
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++)
        CHECK(!strstr(text, hidden[i]));
    done(&r);

    path = load_text(&r, "open.md", FM "Text <script>\n\nNever shown.\n\n# Nor this\n");
    CHECK(r.rc == 0);
    CHECK(said(&r, path, "6:6", "warning: raw HTML <script> is never closed: everything after it"
               " was left out; close it with </script>"));
    text_of(r.doc->root, text, sizeof text);
    CHECK(strstr(text, "Text") && !strstr(text, "Never") && !strstr(text, "Nor"));
    CHECK(count_kind(r.doc->root, N_H) == 1);   /* the title; no empty heading left */
    done(&r);
}

/* ---- empty elements --------------------------------------------------------- */

static void test_empty_elements(void)
{
    run r;
    const char *path = load_text(&r, "empty.md", FM
        "[](https://example.com/a) and [ ](<>) x\n\n"   /* empty link text; empty both */
        "#\n\n## \n\n"                                   /* empty headings */
        "- \n- b\n-\n\n"                                  /* empty list items */
        "| a | |\n|---|---|\n| | |\n\n"                   /* empty cells */
        "```\n```\n\n>\n\n"                               /* empty code block, empty quote */
        "** ** and ____ and *a**b* and `` ` ` ``\n");     /* empty emphasis */
    CHECK(r.rc == 0 && r.d.errors == 0);
    CHECK(said(&r, path, "6:1", "warning: link has no text; its address is shown instead"));
    CHECK(said(&r, path, "8:1", "warning: empty heading left out"));
    CHECK(said(&r, path, "10:1", "warning: empty heading left out"));
    CHECK(r.d.warnings == 3);
    const node *link = find_kind(r.doc->root, N_LINK, 0);
    CHECK(link && link->first && strcmp(link->first->text, "https://example.com/a") == 0);
    CHECK(count_kind(r.doc->root, N_H) == 1);   /* the title */
    CHECK(count_kind(r.doc->root, N_LI) == 3 && count_kind(r.doc->root, N_TD) == 2);
    CHECK(count_kind(r.doc->root, N_BLOCKQUOTE) == 1 && count_kind(r.doc->root, N_CODE) >= 1);

    /* and all of it lays out */
    text_setup tx;
    int opened = text_setup_open(&tx, &r.d) == 0;
    style st;
    style_default(&st);
    display dl;
    doc_number(r.doc);
    CHECK(opened && layout_document(r.doc, &st, tx.fonts, tx.ts, &r.d, &dl) == 0 &&
          dl.npages >= 1);
    text_setup_close(&tx);
    done(&r);
}

/* ---- footnotes ------------------------------------------------------------ */

static void test_footnotes_hostile(void)
{
    static char text[8192];
    strcpy(text, FM);
    for (int i = 0; i < 500; i++)
        strcat(text, "x[^n] ");
    strcat(text, "\n\n[^n]: The one note.\n");
    run r;
    load_text(&r, "fn500.md", text);
    CHECK(r.rc == 0 && r.d.warnings == 0);
    const node *note = find_kind(r.doc->root, N_NOTE, 0);
    int marks = 0, entering = 1;
    for (const node *c = r.doc->root; c; c = doc_next(r.doc->root, c, &entering))
        marks += entering && c->kind == N_LINK && c->target == note;
    CHECK(note && marks == 500 && count_kind(r.doc->root, N_NOTE) == 1);
    done(&r);

    const char *path = load_text(&r, "fnbad.md", FM
        "A[^a] B[^Nope] C[^A] `[^code]` \\[^esc] D[^b].\n\n"
        "[^a]: First a.\n[^a]: Second a.\n[^b]: Bee.\n[^unused]: Never used.\n");
    CHECK(r.rc == 0 && r.d.warnings == 3);
    CHECK(said(&r, path, "6:8", "warning: footnote [^nope] is not defined: its mark is printed as"
               " written; add a line '[^nope]: ...'"));
    CHECK(said(&r, path, "9:1", "warning: footnote [^a] is defined twice (first on line 8): the"
               " first definition is used"));
    CHECK(said(&r, path, "11:1", "warning: footnote [^unused] is never referred to: left out"));
    CHECK(count_kind(r.doc->root, N_NOTE) == 2);
    done(&r);
}

/* ---- 60 deep ---------------------------------------------------------------- */

/* The x where the text "item N" starts, or -1. */
static double item_x(const display *dl, int n)
{
    char want[32];
    int len = snprintf(want, sizeof want, "item %d", n);
    for (int p = 0; p < dl->npages; p++)
        for (size_t i = 0; i < dl->pages[p].nitems; i++) {
            const item *it = &dl->pages[p].items[i];
            if (it->kind == ITEM_GLYPHS && it->run->text_len >= (size_t)len &&
                !memcmp(it->run->text, want, (size_t)len) &&
                (it->run->text_len == (size_t)len || it->run->text[len] == ' '))
                return it->x;
        }
    return -1;
}

static void test_sixty_deep(void)
{
    static char text[16384];
    strcpy(text, FM);
    char prefix[256] = "";   /* a list in a quote in a list ...: each line carries its containers' */
    for (int i = 0; i < 60; i++) {
        strcat(text, prefix);
        strcat(text, i % 2 ? "> item " : "- item ");
        snprintf(text + strlen(text), 16, "%d\n", i);
        strcat(prefix, i % 2 ? "> " : "  ");
    }
    strcat(text, "\n");
    for (int i = 0; i < 60; i++) {
        char line[256];
        snprintf(line, sizeof line, "%*s- item %d\n", 2 * i, "", 100 + i);
        strcat(text, line);
    }
    run r;
    const char *path = load_text(&r, "deep60.md", text);
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 1);
    CHECK(said(&r, path, "22:33", "warning: lists and block quotes nested more than 16 deep"));
    int deepest = 0, depth = 0, entering = 1;   /* no more than the limit in the tree */
    for (const node *c = r.doc->root; c; c = doc_next(r.doc->root, c, &entering)) {
        if (c->kind != N_L && c->kind != N_BLOCKQUOTE)
            continue;
        depth += entering ? 1 : -1;
        deepest = depth > deepest ? depth : deepest;
    }
    CHECK(deepest == DOC_MAX_NESTING);
    text_setup tx;
    int opened = text_setup_open(&tx, &r.d) == 0;
    style st;
    style_default(&st);
    display dl;
    doc_number(r.doc);
    CHECK(opened && layout_document(r.doc, &st, tx.fonts, tx.ts, &r.d, &dl) == 0);
    /* every item drawn; past the limit at the limit's indent */
    for (int i = 0; i < 60; i++)
        CHECK(item_x(&dl, 100 + i) > 0);
    CHECK(item_x(&dl, 101) > item_x(&dl, 100));
    CHECK(item_x(&dl, 100 + DOC_MAX_NESTING) == item_x(&dl, 159));
    CHECK(item_x(&dl, 59) > 0);
    text_setup_close(&tx);
    done(&r);
}

int main(void)
{
    if (fixture_open("test_hostile") != 0)
        return 1;
    RUN(test_front_matter_errors);
    RUN(test_alias_bomb);
    RUN(test_front_matter_only);
    RUN(test_html_content_never_shown);
    RUN(test_empty_elements);
    RUN(test_footnotes_hostile);
    RUN(test_sixty_deep);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
