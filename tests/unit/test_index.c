/* test_index.c — the index by department (input/index.c) and the sources a
 * document records for the archive (input/sources.c), on a bulletin written
 * into a temporary folder: collation order, initials (tense consonants with
 * their plain ones, accents folded, digits, another script, no department),
 * names the same but for blanks joined, the contents' entry, the entries'
 * links and meta lines; each file's path relative to the root, MIME type,
 * size and hash. */
#include "check.h"
#include "input_fixture.h"

/* A release in rel/NAME.md: its department line (NULL: none), language, id. */
static void release(const char *name, const char *dept, const char *lang, const char *id)
{
    char path[128], text[512];
    snprintf(path, sizeof path, "rel/%s.md", name);
    snprintf(text, sizeof text, "---\ntitle: \"Title %s\"\ndate: 2019-06-18\nlang: %s\n%s%s%s%s%s%s---\n\nBody.\n",
             name, lang, dept ? "department: \"" : "", dept ? dept : "", dept ? "\"\n" : "",
             id ? "id: " : "", id ? id : "", id ? "\n" : "");
    write_text(path, text);
}

static const char *const names[] = {"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"};

/* The bulletin b.yaml over every release above, loaded; the index added when index_bulletin. */
static int load_bulletin(run *r, int index_bulletin)
{
    char manifest[1024] = "title: B\nissue: 1\ndate: 2019-06-21\nlang: ko\nreleases:\n";
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        snprintf(manifest + strlen(manifest), sizeof manifest - strlen(manifest),
                 "  - rel/%s.md\n", names[i]);
    const char *path = write_text("b.yaml", manifest);
    memset(r, 0, sizeof *r);
    r->doc = doc_new();
    r->d.out = open_memstream(&r->msgs, &r->msgs_len);
    input_options o = {.root = tmpdir, .title_level = 1};
    const char *style_name = NULL;
    srcpos style_at = {0};
    style st;
    style_default(&st);
    st.index_bulletin = index_bulletin;
    r->rc = input_load_manifest(r->doc, path, &o, &r->d, &style_name, &style_at);
    if (r->rc == 0)
        r->rc = input_add_index(r->doc, &st, &r->d);
    fclose(r->d.out);
    r->d.out = NULL;
    if (r->rc)
        printf("  %s", r->msgs ? r->msgs : "");
    return r->rc;
}

static const node *index_of(const document *doc)
{
    for (const node *c = doc->root->first; c; c = c->next)
        if (c->kind == N_SECT && c->role == R_INDEX)
            return find_kind(c, N_INDEX, 0);
    return NULL;
}

static void test_index_order_and_initials(void)
{
    run r;
    CHECK(load_bulletin(&r, 1) == 0);
    const node *ix = index_of(r.doc);
    CHECK(ix != NULL);
    /* headings in order: H3 initials, H4 departments */
    static const char *const want[] = {
        "3 0\xE2\x80\x93" "9", "4 5G Team",
        "3 \xE3\x84\xB1", "4 \xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4\xEA\xB3\xBC",   /* ㄱ 가나다과 */
        "4 \xEA\xB9\x8C\xEC\xB9\x98\xEC\xA0\x95\xEC\xB1\x85\xEA\xB3\xBC",          /* 까치정책과: under ㄱ */
        "3 \xE3\x85\x88", "4 (\xEC\x9E\xAC)\xEC\xA0\x95\xEB\xB3\xB4\xEC\x9B\x90",  /* ㅈ (재)정보원 */
        "3 \xE6\xBC\xA2", "4 \xE6\xBC\xA2\xE5\xAD\x97\xE8\xAA\xB2",                /* 漢: 漢字課 */
        "3 A", "4 Alpha Bureau",
        "3 E", "4 \xC3\x89mile Office",                                            /* É under E */
        "3 \xEB\xB6\x80\xEC\x84\x9C \xEB\xAF\xB8\xEA\xB8\xB0\xEC\x9E\xAC",          /* 부서 미기재 */
    };
    size_t k = 0;
    int ok = 1;
    for (const node *c = ix ? ix->first : NULL; c; c = c->next) {
        if (c->kind != N_H)
            continue;
        char got[256], text[200];
        text_of(c, text, sizeof text);
        snprintf(got, sizeof got, "%d %s", c->level, text);
        if (k >= sizeof want / sizeof *want || strcmp(got, want[k]) != 0) {
            printf("  heading %zu: got \"%s\", want \"%s\"\n", k, got,
                   k < sizeof want / sizeof *want ? want[k] : "(none)");
            ok = 0;
        }
        k++;
    }
    CHECK(ok && k == sizeof want / sizeof *want);
    done(&r);
}

static void test_index_entries(void)
{
    run r;
    CHECK(load_bulletin(&r, 1) == 0);
    const node *ix = index_of(r.doc);
    /* every release once, as Reference > Link to its title heading */
    CHECK(count_kind(ix, N_LINK) == 10);
    int targets_ok = 1;
    for (int i = 0; i < 10; i++) {
        const node *link = find_kind(ix, N_LINK, i);
        targets_ok &= link && link->target && link->target->kind == N_H
                      && link->target->role == R_TITLE && link->parent->kind == N_REFERENCE;
    }
    CHECK(targets_ok);
    /* 가나다과 and "  가나다과 " are one department: its list holds r2 then r6 */
    const node *h = NULL;
    for (const node *c = ix->first; c && !h; c = c->next) {
        char text[200];
        text_of(c, text, sizeof text);
        if (c->kind == N_H && strcmp(text, "\xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4\xEA\xB3\xBC") == 0)
            h = c;
    }
    const node *list = h ? h->next : NULL;
    CHECK(list && list->kind == N_L && count_kind(list, N_LI) == 2);
    char t0[200] = "", t1[200] = "";
    text_of(find_kind(list, N_LINK, 0), t0, sizeof t0);
    text_of(find_kind(list, N_LINK, 1), t1, sizeof t1);
    CHECK(strcmp(t0, "Title r2") == 0 && strcmp(t1, "Title r6") == 0);
    /* the date in the document's language and the id under the title */
    const node *meta = find_kind(list, N_P, 0);
    char m[200] = "";
    text_of(meta, m, sizeof m);
    CHECK(meta && meta->role == R_ENTRY_META
          && strcmp(m, "2019. 6. 18.(\xED\x99\x94) \xC2\xB7 ID-2") == 0);
    /* an English release's entry and department carry their language */
    const node *en = NULL;
    for (int i = 0; i < 10 && !en; i++) {
        const node *link = find_kind(ix, N_LINK, i);
        char text[64];
        text_of(link, text, sizeof text);
        if (strcmp(text, "Title r4") == 0)
            en = link;
    }
    CHECK(en && en->parent->lang && strcmp(en->parent->lang, "en") == 0);
    done(&r);
}

static void test_index_in_contents(void)
{
    run r;
    CHECK(load_bulletin(&r, 1) == 0);
    const node *toc = NULL;
    for (const node *c = r.doc->root->first; c; c = c->next)
        if (c->kind == N_DIV && c->role == R_CONTENTS)
            toc = find_kind(c, N_TOC, 0);
    const node *last = toc ? toc->last : NULL;
    const node *link = last ? find_kind(last, N_LINK, 0) : NULL;
    CHECK(link && link->target && link->target->level == 2
          && link->target->parent->role == R_INDEX);
    /* the index comes last in the document */
    CHECK(r.doc->root->last->kind == N_SECT && r.doc->root->last->role == R_INDEX);
    done(&r);
    /* a weekly bulletin has none unless its style asks */
    CHECK(load_bulletin(&r, 0) == 0);
    CHECK(index_of(r.doc) == NULL);
    done(&r);
}

static void test_sources_recorded(void)
{
    run r;
    CHECK(load_bulletin(&r, 0) == 0);
    const document *doc = r.doc;
    CHECK(doc->nsources == 1 && doc->sources[0]->kind == SOURCE_MANIFEST
          && strcmp(doc->sources[0]->name, "b.yaml") == 0
          && strcmp(doc->sources[0]->mime, "application/yaml") == 0);
    CHECK(doc->nreleases == 10);
    const release_meta *m = doc->nreleases ? doc->releases[0] : NULL;
    const source_file *f = m && m->nsources ? m->sources[0] : NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/rel/r1.md", tmpdir);
    char *data = NULL;
    size_t len = 0;
    CHECK(read_file(path, &data, &len) == 0);
    CHECK(f && f->kind == SOURCE_RELEASE && strcmp(f->name, "rel/r1.md") == 0
          && strcmp(f->mime, "text/markdown") == 0 && !f->outside_root
          && f->bytes == len && f->hash == fnv1a(data, len, FNV1A_INIT));
    CHECK(f && strstr(f->desc, "Title r1") != NULL);
    free(data);
    done(&r);
}

static void test_department_not_a_name(void)
{
    static const struct { const char *value, *what; } cases[] = {
        {"42", "a number"}, {"-1.5e3", "a number"}, {"0x1F", "a number"}, {"true", "a boolean"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256];
        snprintf(text, sizeof text, "---\ntitle: T\ndate: 2019-06-18\nlang: en\ndepartment: %s\n---\n",
                 cases[i].value);
        run r;
        const char *path = load_text(&r, "dept.md", text);
        char rest[128];
        snprintf(rest, sizeof rest, "error: 'department' must be the department's name, not %s",
                 cases[i].what);
        CHECK(r.rc != 0 && said(&r, path, "5:13", rest));
        done(&r);
    }
    run r;   /* quoted, it is a name */
    load_text(&r, "dept.md", "---\ntitle: T\ndate: 2019-06-18\nlang: en\ndepartment: \"42\"\n---\n");
    CHECK(r.rc == 0);
    done(&r);
}

int main(void)
{
    if (fixture_open("bulletin-index"))
        return 1;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/rel", tmpdir);
    mkdir(dir, 0755);
    release("r1", "\xEA\xB9\x8C\xEC\xB9\x98\xEC\xA0\x95\xEC\xB1\x85\xEA\xB3\xBC", "ko", NULL);   /* 까치정책과 */
    release("r2", "\xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4\xEA\xB3\xBC", "ko", "ID-2");          /* 가나다과 */
    release("r3", "\xC3\x89mile Office", "en", NULL);
    release("r4", "Alpha Bureau", "en", NULL);
    release("r5", NULL, "ko", NULL);
    release("r6", "  \xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4\xEA\xB3\xBC ", "ko", NULL);   /* "  가나다과 " */
    release("r7", "5G Team", "en", NULL);
    release("r8", "\xE6\xBC\xA2\xE5\xAD\x97\xE8\xAA\xB2", "ko", NULL);                       /* 漢字課 */
    release("r9", "(\xEC\x9E\xAC)\xEC\xA0\x95\xEB\xB3\xB4\xEC\x9B\x90", "ko", NULL);         /* (재)정보원 */
    release("r10", "", "ko", NULL);
    RUN(test_index_order_and_initials);
    RUN(test_index_entries);
    RUN(test_index_in_contents);
    RUN(test_sources_recorded);
    RUN(test_department_not_a_name);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
