/* test_pdf.c — pdf_write on a small hand-made document and display list
 * (H1, a P with a link, a Korean P with Hanja, a Figure, header and footer
 * artifacts, two pages), checked with qpdf, pdffonts, pdftotext, pdfa11y,
 * byte-for-byte reproducibility and an atomic failing write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>

#include "check.h"
#include "input/input.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "text_setup.h"

#define KOREAN "과학기술정보통신부는 19일 인공지능 國家 전략을 발표했다."

#define MARKS "A mark: q\xCC\x83 and x\xCC\x83."   /* q + U+0303, x + U+0303 */

static char tmpdir[64];
static diag dg;
static text_setup tx;
static const font_chain *chain;

typedef struct fixture {
    document *doc;
    display dl;
    node *h1, *link, *figure;
} fixture;

static node *add(document *doc, node *parent, enum node_kind k, const char *text)
{
    node *n = doc_node_new(doc, k, (srcpos){"release.md", 1, 1});
    n->text = text ? arena_strdup(doc->arena, text) : NULL;
    doc_append(parent, n);
    return n;
}

static item *push(document *doc, page *pg)
{
    if (pg->nitems == pg->cap) {
        size_t cap = pg->cap ? pg->cap * 2 : 16;
        item *items = arena_array(doc->arena, cap, sizeof *items);
        if (pg->nitems)
            memcpy(items, pg->items, pg->nitems * sizeof *items);
        pg->items = items;
        pg->cap = cap;
    }
    item *it = &pg->items[pg->nitems++];
    memset(it, 0, sizeof *it);
    return it;
}

/* Set pieces into lines at (x, y) downwards; every run becomes a glyph item.
 * Runs tagged with link get an ITEM_LINK over them. Returns the next y. */
static double set_text(fixture *fx, page *pg, const text_piece *pieces, int n, double x,
                       double y, enum artifact_kind art, const char *uri)
{
    text_line *lines = NULL;
    int nlines = 0;
    para_params pp = {.width = 450, .justify = 1};
    if (paragraph_set(tx.ts, fx->doc->arena, pieces, n, &pp, &lines, &nlines, &dg) != 0)
        return y;
    for (int l = 0; l < nlines; l++) {
        for (int r = 0; r < lines[l].nruns; r++) {
            glyph_run *run = &lines[l].runs[r];
            item *it = push(fx->doc, pg);
            it->kind = ITEM_GLYPHS;
            it->artifact = art;
            it->node = art == ART_NONE ? run->tag : NULL;
            it->x = x + run->x;
            it->y = y;
            it->run = run;
            if (run->tag == fx->link && uri) {
                item *li = push(fx->doc, pg);
                li->kind = ITEM_LINK;
                li->node = fx->link;
                li->x = x + run->x;
                li->y = y - 3;
                li->w = run->width;
                li->h = run->size + 2;
                li->uri = uri;
            }
        }
        y -= 18;
    }
    return y;
}

static text_piece piece(const char *s, const void *tag, double size)
{
    return (text_piece){.text = s, .len = strlen(s), .chain = chain, .size = size,
                        .color = 0x202020, .lang = "ko", .tag = tag,
                        .pos = {"release.md", 1, 1}};
}

static void build(fixture *fx, const image_info *image)
{
    memset(fx, 0, sizeof *fx);
    document *doc = fx->doc = doc_new();
    doc->title = "보도자료 & <시험>";
    doc->lang = "ko-KR";
    doc->root->lang = "ko-KR";
    node *sect = add(doc, doc->root, N_SECT, NULL);
    fx->h1 = add(doc, sect, N_H, NULL);
    fx->h1->level = 1;
    add(doc, fx->h1, N_TEXT, "보도자료 Press release");
    node *p1 = add(doc, sect, N_P, NULL);
    p1->lang = "en";
    add(doc, p1, N_TEXT, "Read the ");
    fx->link = add(doc, p1, N_LINK, "https://example.org/보도");
    add(doc, fx->link, N_TEXT, "full report");
    add(doc, p1, N_TEXT, " from the office today.");
    node *p2 = add(doc, sect, N_P, NULL);
    add(doc, p2, N_TEXT, KOREAN);
    fx->figure = add(doc, sect, N_FIGURE, NULL);
    fx->figure->alt = "5G 가입자 추이";
    fx->figure->image = image;
    node *p3 = add(doc, sect, N_P, NULL);
    add(doc, p3, N_TEXT, "첫째 쪽 끝에서 ");
    add(doc, p3, N_TEXT, "둘째 쪽의 문단입니다.");
    node *p4 = add(doc, sect, N_P, NULL);
    p4->lang = "en";
    add(doc, p4, N_TEXT, MARKS);
    node *empty = add(doc, sect, N_P, NULL);   /* no content: must not be tagged */
    (void)empty;
    doc_number(doc);

    display *dl = &fx->dl;
    dl->npages = 2;
    dl->pages = arena_array(doc->arena, 2, sizeof *dl->pages);
    for (int i = 0; i < 2; i++) {
        page *pg = &dl->pages[i];
        pg->width = 595.276;
        pg->height = 841.89;
        pg->number = i + 1;
        text_piece hp = piece("주간 보도자료", NULL, 9);
        set_text(fx, pg, &hp, 1, 72, 800, ART_HEADER, NULL);
        item *rule = push(doc, pg);
        rule->kind = ITEM_RULE;
        rule->artifact = ART_LAYOUT;
        rule->x = 72;
        rule->y = 795;
        rule->w = 450;
        rule->line_width = 0.5;
        rule->color = 0x888888;
    }
    page *p0 = &dl->pages[0];
    text_piece h = piece("보도자료 Press release", fx->h1, 20);
    double y = set_text(fx, p0, &h, 1, 72, 760, ART_NONE, NULL);
    text_piece link_pieces[3] = {piece("Read the ", p1, 10.5), piece("full report", fx->link, 10.5),
                                 piece(" from the office today.", p1, 10.5)};
    link_pieces[1].deco = DECO_UNDERLINE;
    link_pieces[1].color = 0x1040A0;
    for (int i = 0; i < 3; i++)
        link_pieces[i].lang = "en";
    y = set_text(fx, p0, link_pieces, 3, 72, y - 10, ART_NONE, "https://example.org/보도");
    text_piece kp = piece(KOREAN, p2, 10.5);
    y = set_text(fx, p0, &kp, 1, 72, y - 10, ART_NONE, NULL);
    item *img = push(doc, p0);
    img->kind = ITEM_IMAGE;
    img->node = fx->figure;
    img->image = image;
    img->x = 72;
    img->y = y - 260;
    img->w = 420;
    img->h = 245;
    text_piece p3a = piece("첫째 쪽 끝에서 ", p3, 10.5);   /* p3 spans both pages */
    set_text(fx, p0, &p3a, 1, 72, 120, ART_NONE, NULL);
    page *p1g = &dl->pages[1];
    text_piece p3p = piece("둘째 쪽의 문단입니다.", p3, 10.5);
    set_text(fx, p1g, &p3p, 1, 72, 760, ART_NONE, NULL);
    text_piece p4p = piece(MARKS, p4, 10.5);   /* a cluster of two glyphs: needs ActualText */
    p4p.lang = "en";
    set_text(fx, p1g, &p4p, 1, 72, 730, ART_NONE, NULL);
    for (int i = 0; i < 2; i++) {
        char *num = arena_printf(doc->arena, "%d", i + 1);
        text_piece fp = piece(num, NULL, 9);
        set_text(fx, &dl->pages[i], &fp, 1, 290, 40, ART_FOOTER, NULL);
    }
    dl->nanchors = 1;
    dl->anchors = arena_array(doc->arena, 1, sizeof *dl->anchors);
    dl->anchors[0] = (anchor){fx->h1, 0, 780};
}

/* The facts of an image file, as the input stage reads them (static: one at a time). */
static const image_info *image_at(const char *path)
{
    static image_info info;
    static char held[512];
    snprintf(held, sizeof held, "%s", path);
    if (input_read_image(held, &info, "image", held, (srcpos){0}, &dg) != 0)
        printf("  cannot read %s\n", held);
    info.path = info.name = held;
    return &info;
}

static const image_info *image_path(void)
{
    char path[512];
    const char *corpus = getenv("CORPUS");
    snprintf(path, sizeof path, "%s/images/chart-5g-subscribers-2019.png",
             corpus && *corpus ? corpus : "tests/corpus");
    return image_at(path);
}

/* The fixture written at out, its streams deflated or not. */
static int write_fixture_as(const char *out, const image_info *image, int compress, int *rc)
{
    fixture fx;
    build(&fx, image);
    pdf_options o = {.title = fx.doc->title, .lang = "ko-KR", .author = "과학기술정보통신부",
                     .epoch = 1560902400, .compress = compress};
    *rc = pdf_write(fx.doc, &fx.dl, &o, out, &dg);
    doc_free(fx.doc);
    return *rc;
}

static int write_fixture(const char *out, const image_info *image, int *rc)
{
    return write_fixture_as(out, image, 1, rc);
}

static int run_cmd(const char *fmt, const char *arg)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, arg);
    int st = system(cmd);
    return st == -1 ? -1 : WEXITSTATUS(st);
}

static char *read_all(const char *path, size_t *len)
{
    char *data = NULL;
    if (read_file(path, &data, len) != 0)
        return NULL;
    return data;
}

static char *capture(const char *fmt, const char *arg)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, arg);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&b, chunk, n);
    pclose(p);
    if (!b.data)
        buf_puts(&b, "");
    return b.data;
}

/* Run a checker of tests/tools on path: its exit status; what failed is shown. */
static int run_checker(const char *tool, const char *path)
{
    const char *tools = getenv("TOOLS");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s/%s' '%%s' >%s/checker.txt 2>&1",
             tools && *tools ? tools : "tests/tools", tool, tmpdir);
    int rc = run_cmd(cmd, path);
    if (rc != 0) {
        snprintf(cmd, sizeof cmd, "grep -v '^PASS' %s/checker.txt | sed 's/^/    /'", tmpdir);
        if (system(cmd) == -1)
            return -1;
    }
    return rc;
}

static void test_write_valid_pdf(void)
{
    char out[128];
    snprintf(out, sizeof out, "%s/out.pdf", tmpdir);
    int rc;
    write_fixture(out, image_path(), &rc);
    CHECK(rc == 0);
    struct stat st;
    CHECK(stat(out, &st) == 0 && st.st_size > 1000);
    CHECK(run_cmd("qpdf --check '%s' >/dev/null 2>&1", out) == 0);

    size_t len = 0;
    char *data = read_all(out, &len);
    CHECK(data && len > 8 && memcmp(data, "%PDF-1.7", 8) == 0);
    free(data);

    char *fonts = capture("pdffonts '%s'", out);
    CHECK(fonts != NULL);
    if (fonts) {
        int nfonts = 0, good = 0, lineno = 0;
        for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n"), lineno++) {
            if (lineno < 2)
                continue;
            nfonts++;
            good += strstr(line, " yes yes yes ") != NULL;
        }
        CHECK(nfonts >= 3);   /* Latin, Hangul, Hanja (CFF) faces */
        CHECK(good == nfonts);
        free(fonts);
    }
    char *text = capture("pdftotext -enc UTF-8 '%s' -", out);
    CHECK(text && strstr(text, KOREAN) != NULL);
    CHECK(text && strstr(text, "Read the full report from the office today.") != NULL);
    CHECK(text && strstr(text, "둘째 쪽의 문단입니다.") != NULL);
    CHECK(text && strstr(text, MARKS) != NULL);
    free(text);

    char *actual = capture("qpdf --qdf --object-streams=disable '%s' - | grep -a -c ActualText", out);
    CHECK(actual && atoi(actual) >= 1);
    free(actual);

    struct stat mode;
    CHECK(stat(out, &mode) == 0 && (mode.st_mode & 0044) == 0044);   /* not left 0600 */

    CHECK(run_checker("pdfa11y/pdfa11y", out) == 0);
    CHECK(run_checker("pdfa-check/pdfa-check", out) == 0);
}

/* PDF/A identification and Info = XMP, also for a title past the string
 * limit and with characters XML cannot hold: both sides get the same cut,
 * cleaned text (pdfa-check 6.6.3-x1 compares them). */
static void test_pdfa_metadata(void)
{
    char out[128];
    snprintf(out, sizeof out, "%s/meta.pdf", tmpdir);
    enum { N = 40000 };
    char *title = malloc(N + 16);
    if (!title)
        return;
    strcpy(title, "\x01\xEF\xBF\xBE\xFF 제목 ");   /* a control, U+FFFE, a bad byte */
    size_t at = strlen(title);
    memset(title + at, 'x', N);
    title[at + N] = 0;
    fixture fx;
    build(&fx, image_path());
    pdf_options o = {.title = title, .lang = "ko-KR", .author = "과학기술정보통신부 & <팀>",
                     .creator = "bulletin test", .epoch = 1560902400, .compress = 1};
    CHECK(pdf_write(fx.doc, &fx.dl, &o, out, &dg) == 0);
    doc_free(fx.doc);
    free(title);
    CHECK(run_checker("pdfa-check/pdfa-check", out) == 0);
    char *meta = capture("pdfinfo -meta '%s'", out);
    CHECK(meta && strstr(meta, "<pdfaid:part>2</pdfaid:part>"));
    CHECK(meta && strstr(meta, "<pdfaid:conformance>A</pdfaid:conformance>"));
    CHECK(meta && strstr(meta, "<pdfuaid:part>1</pdfuaid:part>"));
    CHECK(meta && strstr(meta, "<rdf:li xml:lang=\"ko-KR\"> \xEF\xBF\xBD\xEF\xBF\xBD 제목 xxx"));
    CHECK(meta && strstr(meta, "<xmp:CreateDate>2019-06-19T00:00:00Z</xmp:CreateDate>"));
    CHECK(meta && strstr(meta, "<xmp:CreatorTool>bulletin test</xmp:CreatorTool>"));
    free(meta);
    CHECK(run_cmd("pdfinfo -meta '%s' | xmllint --noout - 2>/dev/null", out) == 0);
    char *info = capture("pdfinfo -rawdates '%s'", out);
    CHECK(info && strstr(info, "CreationDate:    D:20190619000000Z\n"));
    CHECK(info && strstr(info, "Creator:         bulletin test\n"));
    free(info);
}

static void test_same_epoch_same_bytes(void)
{
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/a.pdf", tmpdir);
    snprintf(b, sizeof b, "%s/b.pdf", tmpdir);
    int rca, rcb;
    write_fixture(a, image_path(), &rca);
    write_fixture(b, image_path(), &rcb);
    CHECK(rca == 0 && rcb == 0);
    size_t la = 0, lb = 0;
    char *da = read_all(a, &la), *db = read_all(b, &lb);
    CHECK(da && db && la == lb && memcmp(da, db, la) == 0);
    free(da);
    free(db);
}

/* The file's layout (serialize.c): every object that is not a stream in an
 * object stream, a cross-reference stream at startxref holding the trailer's
 * /Root /Info /ID, no classic table; deflated or, with compression off, not
 * (object streams and the cross-reference stream then plain, and valid). */
static void test_object_and_xref_streams(void)
{
    for (int compress = 1; compress >= 0; compress--) {
        char out[128];
        snprintf(out, sizeof out, "%s/layout%d.pdf", tmpdir, compress);
        int rc;
        write_fixture_as(out, image_path(), compress, &rc);
        CHECK(rc == 0);
        CHECK(run_cmd("qpdf --check '%s' 2>&1 | grep -q 'No syntax or stream encoding errors'", out) == 0);
        char *py = capture("/usr/bin/python3 -c \"\n"
            "import pikepdf, re, subprocess, sys\n"
            "f = sys.argv[1]; raw = open(f, 'rb').read()\n"
            "at = int(raw[raw.rindex(b'startxref') + 9:].split()[0])\n"
            "assert re.match(rb'\\d+ 0 obj', raw[at:]) and b'/Type /XRef' in raw[at:at + 400], 'no xref stream'\n"
            "assert b'\\ntrailer' not in raw and b'\\nxref\\n' not in raw, 'a classic table'\n"
            "xr = subprocess.run(['qpdf', '--show-xref', f], capture_output=True, text=True).stdout\n"
            "pdf = pikepdf.open(f)\n"
            "for n in re.findall(r'^(\\d+)/0: uncompressed', xr, re.M):\n"
            "    assert isinstance(pdf.get_object(int(n), 0), pikepdf.Stream), n + ' is not packed'\n"
            "t = pdf.trailer\n"
            "assert '/Encrypt' not in t and len(t.ID) == 2 and len(bytes(t.ID[0])) == 16\n"
            "assert t.Root.Type == '/Catalog' and '/Title' in t.Info\n"
            "print(len(re.findall(r'compressed; stream', xr)))\n"
            "\" '%s' 2>&1", out);
        CHECK(py && atoi(py) > 20);   /* StructElems, pages, fonts... packed */
        if (py && atoi(py) <= 20)
            printf("    %s\n", py);
        free(py);
        char *text = capture("pdftotext -enc UTF-8 '%s' -", out);
        CHECK(text && strstr(text, KOREAN) != NULL);
        free(text);
    }
}

static int count_entries(const char *dir)
{
    DIR *dp = opendir(dir);
    int n = 0;
    if (!dp)
        return -1;
    for (struct dirent *e; (e = readdir(dp));)
        n += e->d_name[0] != '.';
    closedir(dp);
    return n;
}

/* An image file gone, or changed, since the input stage checked it: an input
 * error at the figure; the target and the folder as they were. */
static void test_bad_image_leaves_target(void)
{
    char out[128], missing[128], copy[128], cmd[512];
    snprintf(out, sizeof out, "%s/keep.pdf", tmpdir);
    snprintf(missing, sizeof missing, "%s/no-such-image.png", tmpdir);
    snprintf(copy, sizeof copy, "%s/chart.png", tmpdir);
    FILE *f = fopen(out, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("old contents", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && chmod u+w '%s'", image_path()->path, copy, copy);
    CHECK(system(cmd) == 0);
    int before = count_entries(tmpdir);
    image_info gone = *image_path();
    gone.path = gone.name = missing;
    int errors = dg.errors, rc;
    dg.kind = ERR_NONE;
    write_fixture(out, &gone, &rc);
    CHECK(rc == -1 && dg.kind == ERR_INPUT);
    CHECK(dg.errors == errors + 1);
    size_t len = 0;
    char *data = read_all(out, &len);
    CHECK(data && len == 12 && memcmp(data, "old contents", 12) == 0);
    free(data);
    CHECK(count_entries(tmpdir) == before);   /* no temporary file left behind */

    const image_info *checked = image_at(copy);
    f = fopen(copy, "r+b");   /* one byte changed after the check */
    if (f) {
        fseek(f, 100, SEEK_SET);
        fputc('X', f);
        fclose(f);
    }
    write_fixture(out, checked, &rc);
    CHECK(rc == -1 && dg.kind == ERR_INPUT && dg.errors == errors + 2);
    data = read_all(out, &len);
    CHECK(data && len == 12 && memcmp(data, "old contents", 12) == 0);
    free(data);
    CHECK(count_entries(tmpdir) == before);
}

/* Strings past libharu's limit (65535 bytes) and a link area far off the page
 * (an overfull line): the PDF is still written — the title cut to 32767
 * bytes, the link with an overlong address left out with one warning, the
 * area kept on the page. They failed with "out of memory" before. */
static void test_long_strings_and_offpage_link(void)
{
    char out[128];
    snprintf(out, sizeof out, "%s/long.pdf", tmpdir);
    enum { N = 70000 };
    char *title = malloc(N + 1), *uri = malloc(N + 32);
    if (!title || !uri) {
        free(title);
        free(uri);
        return;
    }
    memset(title, 'T', N);
    title[N] = 0;
    strcpy(uri, "https://example.org/");
    memset(uri + 20, 'u', N);
    uri[20 + N] = 0;
    fixture fx;
    build(&fx, image_path());
    for (int p = 0; p < fx.dl.npages; p++)
        for (size_t i = 0; i < fx.dl.pages[p].nitems; i++) {
            item *it = &fx.dl.pages[p].items[i];
            if (it->kind == ITEM_LINK)
                it->w = 40000;   /* beyond the largest real libharu writes */
        }
    pdf_options o = {.title = title, .lang = "ko-KR", .epoch = 1560902400, .compress = 1};
    int warnings = dg.warnings;
    int rc = pdf_write(fx.doc, &fx.dl, &o, out, &dg);
    CHECK(rc == 0);
    CHECK(dg.warnings == warnings);
    CHECK(run_cmd("qpdf --check '%s' >/dev/null 2>&1", out) == 0);
    char *info = capture("pdfinfo '%s' | grep '^Title:' | tr -d ' \n' | wc -c", out);
    CHECK(info && atoi(info) == 6 + 32767);   /* "Title:" and the cut title */
    free(info);
    for (int p = 0; p < fx.dl.npages; p++)
        for (size_t i = 0; i < fx.dl.pages[p].nitems; i++)
            if (fx.dl.pages[p].items[i].kind == ITEM_LINK)
                fx.dl.pages[p].items[i].uri = uri;
    rc = pdf_write(fx.doc, &fx.dl, &o, out, &dg);
    CHECK(rc == 0);
    CHECK(dg.warnings == warnings + 1);
    CHECK(run_cmd("qpdf --check '%s' >/dev/null 2>&1", out) == 0);
    doc_free(fx.doc);
    free(title);
    free(uri);
}

/* Structures past libharu's 32,767-entry arrays: a paragraph of 33,000 spans
 * (its /K split into NonStruct groups), a list of 33,000 items (nested
 * lists), a table body of 33,000 rows (sibling row groups), 600 notes (an
 * IDTree with /Kids). The layout is a made-up display list of 1-point boxes,
 * so it costs no shaping; pdfa11y checks the structure rules and that every
 * MCID's ParentTree entry is the group holding it. (Many annotations, a
 * ParentTree with /Kids, are tests/e2e/limits.sh's 10,000 links.) */
enum { HUGE = 33000, HUGE_PAGES = 6, HUGE_NOTES = 600 };

/* An empty document with a title and a language. */
static document *titled_doc(const char *title, const char *lang)
{
    document *doc = doc_new();
    doc->title = title;
    doc->lang = lang;
    doc->root->lang = lang;
    return doc;
}

static void huge_box(document *doc, page *pg, const node *n, int i)
{
    item *it = push(doc, pg);
    it->kind = ITEM_RECT;
    it->node = n;
    it->x = 20 + (i % 500);
    it->y = 20 + (i / 500) % 700;
    it->w = it->h = 1;
}

static void test_huge_structure(void)
{
    char out[128];
    snprintf(out, sizeof out, "%s/huge.pdf", tmpdir);
    document *doc = titled_doc("Huge", "en");
    node *sect = add(doc, doc->root, N_SECT, NULL);
    node *h1 = add(doc, sect, N_H, NULL);
    h1->level = 1;
    add(doc, h1, N_TEXT, "Huge");
    node *p = add(doc, sect, N_P, NULL);
    node *l = add(doc, sect, N_L, NULL);
    l->level = 1;
    node *tbody = add(doc, add(doc, sect, N_TABLE, NULL), N_TBODY, NULL);
    for (int i = 0; i < HUGE; i++) {
        add(doc, p, N_SPAN, NULL);
        add(doc, add(doc, l, N_LI, NULL), N_LBODY, NULL);
        add(doc, add(doc, tbody, N_TR, NULL), N_TD, NULL);
    }
    node *notes = add(doc, sect, N_DIV, NULL);
    for (int i = 0; i < HUGE_NOTES; i++)
        add(doc, notes, N_NOTE, NULL);
    doc_number(doc);

    display dl = {.npages = HUGE_PAGES};
    dl.pages = arena_array(doc->arena, HUGE_PAGES, sizeof *dl.pages);
    for (int i = 0; i < HUGE_PAGES; i++)
        dl.pages[i] = (page){.width = 595, .height = 842, .number = i + 1};
    huge_box(doc, &dl.pages[0], h1, 0);
    const node *parts[3] = {p, l, tbody};
    for (int k = 0; k < 3; k++) {   /* two pages each */
        int i = 0;
        for (const node *c = parts[k]->first; c; c = c->next, i++)
            huge_box(doc, &dl.pages[2 * k + i * 2 / HUGE], c->first ? c->first : c, i);
    }
    int i = 0;
    for (node *c = notes->first; c; c = c->next, i++)
        huge_box(doc, &dl.pages[HUGE_PAGES - 1], c, i);
    dl.nanchors = 1;
    dl.anchors = arena_array(doc->arena, 1, sizeof *dl.anchors);
    dl.anchors[0] = (anchor){h1, 0, 800};

    pdf_options o = {.title = doc->title, .lang = "en", .epoch = 1560902400, .compress = 1};
    CHECK(pdf_write(doc, &dl, &o, out, &dg) == 0);
    doc_free(doc);
    CHECK(run_cmd("qpdf --check '%s' >/dev/null 2>&1", out) == 0);
    char *q = capture("qpdf --qdf --object-streams=disable '%s' - | grep -a -c -e '/S /NonStruct' "
                      "-e '^  /Kids' -e '/S /TBody' -e '/S /L$'", out);
    CHECK(q && atoi(q) >= 2 + 2 + 2 + 1);   /* 2 groups, 2 row groups, 2 lists, name-tree kids */
    free(q);
    CHECK(run_checker("pdfa11y/pdfa11y", out) == 0);
}

/* A font with 20,000 used glyphs, every other one: 20,000 runs of /W would
 * take 40,000 entries, past libharu's array limit; short gaps are bridged
 * instead (their real widths), and pdfa-check finds every shown glyph's
 * width right. */
static void test_many_glyph_widths(void)
{
    enum { N = 20000 };
    char out[128];
    snprintf(out, sizeof out, "%s/widths.pdf", tmpdir);
    document *doc = titled_doc("Widths", "ko");
    node *p = add(doc, add(doc, doc->root, N_SECT, NULL), N_P, NULL);
    doc_number(doc);
    text_line *lines = NULL;
    int nlines = 0;
    text_piece hanja = piece("國", p, 10);
    para_params pp = {.width = 450};
    CHECK(paragraph_set(tx.ts, doc->arena, &hanja, 1, &pp, &lines, &nlines, &dg) == 0 && nlines == 1);
    if (nlines != 1) {
        doc_free(doc);
        return;
    }
    glyph_run r = lines[0].runs[0];   /* the CJK face, with a made-up run */
    r.nglyphs = N;
    r.gids = arena_array(doc->arena, N, sizeof *r.gids);
    r.advances = arena_array(doc->arena, N, sizeof *r.advances);
    r.clusters = arena_array(doc->arena, N, sizeof *r.clusters);
    char *text = arena_alloc(doc->arena, N + 1);
    for (int i = 0; i < N; i++) {
        r.gids[i] = 1 + 2 * (uint32_t)i;
        r.advances[i] = 0.02;
        r.clusters[i] = (uint32_t)i;
        text[i] = 'a';
    }
    r.text = text;
    r.text_len = N;
    display dl = {.npages = 1};
    dl.pages = arena_array(doc->arena, 1, sizeof *dl.pages);
    dl.pages[0] = (page){.width = 595, .height = 842, .number = 1};
    item *it = push(doc, &dl.pages[0]);
    it->kind = ITEM_GLYPHS;
    it->node = p;
    it->run = &r;
    it->x = 20;
    it->y = 400;
    pdf_options o = {.title = doc->title, .lang = "ko", .epoch = 1560902400, .compress = 1};
    CHECK(pdf_write(doc, &dl, &o, out, &dg) == 0);
    doc_free(doc);
    CHECK(run_cmd("qpdf --check '%s' >/dev/null 2>&1", out) == 0);
    CHECK(run_checker("pdfa-check/pdfa-check", out) == 0);
}

static void test_unwritable_target(void)
{
    char out[160];
    snprintf(out, sizeof out, "%s/no-such-dir/out.pdf", tmpdir);
    int rc;
    dg.kind = ERR_NONE;
    write_fixture(out, image_path(), &rc);
    CHECK(rc == -1 && dg.kind == ERR_SYSTEM);
    struct stat st;
    CHECK(stat(out, &st) != 0);
}

/* A justified English paragraph on a narrow measure, laid out at the default
 * style: its hyphens are drawn but read as nothing, widened glyphs are drawn
 * with Tz (and the scale reset), and pdftotext gives every word back whole. */
static void test_hyphenated_words_read_whole(void)
{
    static const char *const text =
        "Participants discussed interoperability requirements, international cooperation "
        "with representatives of standardisation organisations, and the environment for "
        "developing new algorithms across government, industry and academia.";
    document *doc = doc_new();
    doc->title = "Hyphens";
    doc->lang = "en";
    node *sect = add(doc, doc->root, N_SECT, NULL);
    sect->lang = "en";
    node *p = add(doc, sect, N_P, NULL);
    add(doc, p, N_TEXT, text);
    doc_number(doc);
    style st;
    style_default(&st);
    st.margin_inner = st.margin_outer = (st.page_w - 160) / 2;   /* a 160 pt measure */
    display dl;
    CHECK(layout_document(doc, &st, tx.fonts, tx.ts, &dg, &dl) == 0);
    int hyphens = 0, scaled = 0;
    for (int i = 0; i < dl.npages; i++)
        for (size_t k = 0; k < dl.pages[i].nitems; k++) {
            const glyph_run *r = dl.pages[i].items[k].run;
            hyphens += r && r->hyphen;
            scaled += r && r->hscale != 1;
        }
    CHECK(hyphens >= 2 && scaled >= 2);
    char out[128];
    snprintf(out, sizeof out, "%s/hyphens.pdf", tmpdir);
    pdf_options o = {.title = doc->title, .lang = "en", .epoch = 1560902400, .compress = 1};
    CHECK(pdf_write(doc, &dl, &o, out, &dg) == 0);
    CHECK(run_cmd("qpdf --check '%s' >/dev/null 2>&1", out) == 0);
    char *words = capture("pdftotext -enc UTF-8 '%s' - | tr -s '\n' ' '", out);
    CHECK(words && strstr(words, text));
    free(words);
    /* NUL bytes of binary streams (the ICC profile) would end the search early */
    char *qdf = capture("qpdf --qdf --object-streams=disable '%s' - | tr -d '\\000'", out);
    CHECK(qdf && strstr(qdf, "/Span <</ActualText ()>> BDC"));   /* the hyphen's, the rest's */
    CHECK(qdf && strstr(qdf, "/Span <</ActualText <feff") && strstr(qdf, " Tz ") &&
          strstr(qdf, "100 Tz ET"));
    free(qdf);
    doc_free(doc);
}

int main(void)
{
    dg.out = stderr;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_pdf_XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    chain = text_setup_open(&tx, &dg) == 0 ? font_registry_chain(tx.fonts, "myeongjo", 0, 0, &dg)
                                            : NULL;
    if (!chain) {
        printf("FAIL setup: no fonts\n");
        return 1;
    }
    RUN(test_write_valid_pdf);
    RUN(test_pdfa_metadata);
    RUN(test_same_epoch_same_bytes);
    RUN(test_object_and_xref_streams);
    RUN(test_bad_image_leaves_target);
    RUN(test_long_strings_and_offpage_link);
    RUN(test_unwritable_target);
    RUN(test_hyphenated_words_read_whole);
    RUN(test_huge_structure);
    RUN(test_many_glyph_widths);
    text_setup_close(&tx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (getenv("TEST_PDF_KEEP"))   /* keep the output for a look */
        fprintf(stderr, "output kept in %s\n", tmpdir);
    else if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return CHECK_DONE();
}
