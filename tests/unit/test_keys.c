/* test_keys.c — unknown keys in the three inputs that have keys (a release's
 * front matter, a manifest, a style sheet): each message keeps its severity
 * (front matter and manifests warn and go on, a style sheet errs) and its
 * file:line:col, and names the nearest known key when one is close — never
 * for a wholly unrelated key. The exact text of each message is checked. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "input_fixture.h"

/* Does the output hold exactly this line ("<path>:<where>: <rest>")? */
static int said_line(const run *r, const char *path, const char *where, const char *rest)
{
    char want[1024];
    snprintf(want, sizeof want, "\n%s:%s: %s\n", path, where, rest);
    const char *m = r->msgs ? r->msgs : "";
    int ok = strncmp(m, want + 1, strlen(want + 1)) == 0 || strstr(m, want) != NULL;
    if (!ok)
        printf("  wanted the line \"%s\" in:\n%s", want + 1, *m ? m : "(nothing)\n");
    return ok;
}

static void test_front_matter_keys(void)
{
    const char *path = write_text("typos.md", "---\ntitle: T\nlnag: ko\ntitel: x\n"
                                              "subtile: y\nauthor: Kim\nDate: z\n"
                                              "date: 2019-06-18\nlang: en\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 5);   /* warnings, as before */
    CHECK(said_line(&r, path, "3:1", "warning: unknown front matter key 'lnag'; did you mean "
                                     "'lang'? (ignored)"));
    CHECK(said_line(&r, path, "4:1", "warning: unknown front matter key 'titel'; did you mean "
                                     "'title'? (ignored)"));
    CHECK(said_line(&r, path, "5:1", "warning: unknown front matter key 'subtile'; did you mean "
                                     "'subtitle'? (ignored)"));
    CHECK(said_line(&r, path, "6:1", "warning: unknown front matter key 'author' (ignored)"));
    CHECK(said_line(&r, path, "7:1", "warning: unknown front matter key 'Date'; did you mean "
                                     "'date'? (ignored)"));
    CHECK(r.doc->nreleases == 1);
    done(&r);
}

/* A release for the manifests to list. */
static void write_release(const char *name)
{
    write_text(name, "---\ntitle: A release\ndate: 2019-06-18\nlang: en\n---\nText.\n");
}

static void test_manifest_keys(void)
{
    write_release("week-a.md");
    const char *path = write_text("week.yaml", "title: Weekly\nissue: 25\ndate: 2019-06-21\n"
                                               "lang: en\nrelease:\n  - week-a.md\n"
                                               "releases:\n  - week-a.md\npublsher: MSIT\n"
                                               "colour: blue\n");
    run r;
    memset(&r, 0, sizeof r);
    r.doc = doc_new();
    r.d.out = open_memstream(&r.msgs, &r.msgs_len);
    input_options o = {.root = tmpdir, .title_level = 2};
    const char *style = NULL;
    srcpos style_at = {0};
    r.rc = input_load_manifest(r.doc, path, &o, &r.d, &style, &style_at);
    fclose(r.d.out);
    r.d.out = NULL;
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 3);   /* warnings, as before */
    CHECK(said_line(&r, path, "5:1", "warning: unknown manifest key 'release'; did you mean "
                                     "'releases'? (ignored)"));
    CHECK(said_line(&r, path, "9:1", "warning: unknown manifest key 'publsher'; did you mean "
                                     "'publisher'? (ignored)"));
    CHECK(said_line(&r, path, "10:1", "warning: unknown manifest key 'colour' (ignored)"));
    CHECK(r.doc->nreleases == 1);
    done(&r);
}

static void test_style_keys(void)
{
    const char *path = write_text("typos.yaml",
                                  "sizes:\n  hedaer: 9\n  h7: 3\n  body: 11\n"
                                  "justfy: false\n"
                                  "page:\n  margins: {top: 20, botom: 20}\n"
                                  "sizes.header: 8\n"
                                  "hedaer.offset: 12\n"
                                  "weather: sunny\n"
                                  "footer.recto.centre: x\n");
    arena *a = arena_new();
    style s;
    style_default(&s);
    run r;
    CHECK(load_style(&r, path, &s, a) == -1 && r.d.errors == 8);   /* errors, as before */
    CHECK(said_line(&r, path, "2:3", "error: unknown style key 'hedaer' in 'sizes'; did you mean "
                                     "'header'? (known: body, title, subtitle, meta, code, table, "
                                     "note, header, h1, h2, h3, h4, h5, h6)"));
    /* as near to h1 as to h6: no guess */
    CHECK(said_line(&r, path, "3:3", "error: unknown style key 'h7' in 'sizes' (known: body, "
                                     "title, subtitle, meta, code, table, note, header, h1, h2, "
                                     "h3, h4, h5, h6)"));
    CHECK(said(&r, path, "5:1", "error: unknown style key 'justfy'; did you mean 'justify'? "
                                "(known: page, fonts, sizes, "));
    CHECK(said_line(&r, path, "7:22", "error: unknown style key 'botom' in 'page.margins'; did "
                                      "you mean 'bottom'? (known: top, bottom, inner, outer)"));
    /* keys written dotted, as styles/README.md names them */
    CHECK(said_line(&r, path, "8:1", "error: unknown style key 'sizes.header': style keys nest, "
                                     "one name a level: 'sizes:' then, indented under it, "
                                     "'header:'"));
    CHECK(said(&r, path, "9:1", "error: unknown style key 'hedaer.offset'; did you mean "
                                "'header.offset'? (known: page, "));
    CHECK(said(&r, path, "10:1", "error: unknown style key 'weather' (known: page, "));
    /* the slots of a side of the running heads are offered too */
    CHECK(said(&r, path, "11:1", "error: unknown style key 'footer.recto.centre'; did you mean "
                                 "'footer.recto.center'? (known: page, "));
    /* the good values were applied */
    CHECK(s.body_size == 11 && s.margin_top > 56 && s.margin_top < 57);
    free(r.msgs);
    arena_free(a);
}

int main(void)
{
    if (fixture_open("test_keys") != 0)
        return 1;
    RUN(test_front_matter_keys);
    RUN(test_manifest_keys);
    RUN(test_style_keys);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
