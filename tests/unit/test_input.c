/* test_input.c — the input module: a corpus release's tree, every corpus
 * release loading cleanly, and each kind of bad input reported at the right
 * file:line:col; style sheets (shipped ones load, bad keys and values are
 * reported). */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "check.h"
#include "corpus.h"
#include "input_fixture.h"

static void put_be32(unsigned char *p, unsigned long v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (24 - 8 * i));
}

static unsigned long crc32_of(const unsigned char *p, size_t n)
{
    unsigned long c = 0xFFFFFFFFUL;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320UL & (0UL - (c & 1)));
    }
    return c ^ 0xFFFFFFFFUL;
}

/* A PNG of w x h pixels. With data, a whole valid grey image (one stored
 * deflate block: w * h + h <= 65535 bytes); without, only signature + IHDR. */
static const char *write_png_image(const char *name, unsigned w, unsigned h, int data)
{
    static unsigned char png[70000];
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    size_t n = 0;
    memcpy(png, sig, 8);
    n = 8;
    put_be32(png + n, 13);
    memcpy(png + n + 4, "IHDR", 4);
    put_be32(png + n + 8, w);
    put_be32(png + n + 12, h);
    png[n + 16] = 8;               /* bit depth */
    png[n + 17] = data ? 0 : 2;    /* grey / RGB */
    png[n + 18] = png[n + 19] = png[n + 20] = 0;
    put_be32(png + n + 21, crc32_of(png + n + 4, 17));
    n += 25;
    if (!data)
        return write_bytes(name, (const char *)png, n);
    size_t raw = (size_t)(w + 1) * h, zlen = 2 + 5 + raw + 4;
    unsigned char *idat = png + n + 8;
    put_be32(png + n, (unsigned long)zlen);
    memcpy(png + n + 4, "IDAT", 4);
    idat[0] = 0x78, idat[1] = 0x01;                   /* zlib header */
    idat[2] = 1;                                      /* final stored block */
    idat[3] = (unsigned char)raw, idat[4] = (unsigned char)(raw >> 8);
    idat[5] = (unsigned char)~raw, idat[6] = (unsigned char)(~raw >> 8);
    unsigned long a = 1, b = 0;
    for (size_t i = 0; i < raw; i++) {
        unsigned char v = i % (w + 1) == 0 ? 0 : (unsigned char)(i * 7);  /* filter byte 0 */
        idat[7 + i] = v;
        a = (a + v) % 65521, b = (b + a) % 65521;
    }
    put_be32(idat + 7 + raw, (b << 16) | a);
    put_be32(idat + zlen, crc32_of(png + n + 4, zlen + 4));
    n += 12 + zlen;
    put_be32(png + n, 0);
    memcpy(png + n + 4, "IEND", 4);
    put_be32(png + n + 8, crc32_of(png + n + 4, 4));
    n += 12;
    return write_bytes(name, (const char *)png, n);
}

static const char *write_png(const char *name, unsigned w, unsigned h)
{
    return write_png_image(name, w, h, w * h + h <= 65535);
}

/* ---- the corpus ----------------------------------------------------- */

static void test_corpus_release_tree(void)
{
    char path[1024];
    const char *root = corpus_dir();
    snprintf(path, sizeof path, "%s/releases/2019-W25/2019-06-18-5g-plus-review-en.md", root);
    run r;
    load(&r, path, root, 1);
    CHECK(r.rc == 0);
    CHECK(r.d.errors == 0 && r.d.warnings == 0);
    const node *sect = r.doc->root->first;
    CHECK(sect && sect->kind == N_SECT);
    if (!sect) {
        done(&r);
        return;
    }
    CHECK(strcmp(sect->lang, "en") == 0);
    CHECK(strcmp(sect->text, "Government reviews first quarter of the 5G+ Strategy") == 0);
    CHECK(sect->pos.line == 1 && sect->pos.col == 1 && strcmp(sect->pos.file, path) == 0);
    CHECK(r.doc->nreleases == 1 && r.doc->releases[0] == sect->meta);
    CHECK(strcmp(sect->meta->id, "2019-06-18-5g-plus") == 0);
    CHECK(strcmp(r.doc->title, sect->text) == 0 && strcmp(r.doc->lang, "en") == 0);
    CHECK(strcmp(r.doc->date, "2019-06-18") == 0);

    const node *title = child(sect, 0);
    CHECK(title->kind == N_H && title->role == R_TITLE && title->level == 1);
    CHECK(title->first && title->first->kind == N_TEXT &&
          strcmp(title->first->text, sect->text) == 0);
    const node *head = child(sect, 1);
    CHECK(head->kind == N_DIV && head->role == R_RELEASE_HEAD);
    CHECK(child(head, 0)->role == R_SUBTITLE);
    CHECK(child(head, 1)->role == R_META && strcmp(child(head, 1)->first->text, "18 June 2019") == 0);
    CHECK(child(head, 3)->role == R_META && strstr(child(head, 3)->first->text, "Kang Min-ji"));

    /* ## Where things stand (H2, line 15), ### Network roll-out (H3) ... */
    const node *h = find_kind(sect, N_H, 1);
    CHECK(h->level == 2 && h->pos.line == 15 && h->pos.col == 1);
    CHECK(strcmp(h->first->text, "Where things stand") == 0);
    CHECK(find_kind(sect, N_H, 2)->level == 3);
    CHECK(find_kind(sect, N_H, 3)->level == 3);
    CHECK(find_kind(sect, N_H, 4)->level == 2);

    /* first paragraph: bold run inside running text */
    const node *p = child(sect, 2);
    CHECK(p->kind == N_P && p->pos.line == 11);
    CHECK(child(p, 1)->kind == N_TEXT && child(p, 1)->flags == NF_STRONG &&
          strcmp(child(p, 1)->text, "5G+ Strategy Committee") == 0);

    /* the table */
    const node *table = find_kind(sect, N_TABLE, 0);
    CHECK(table && table->pos.line == 21);
    const node *thead = child(table, 0), *tbody = child(table, 1);
    CHECK(thead->kind == N_THEAD && tbody->kind == N_TBODY);
    const node *hrow = child(thead, 0);
    CHECK(hrow->kind == N_TR && (hrow->flags & NF_HEADER_ROW));
    CHECK(count_kind(hrow, N_TH) == 4 && count_kind(table, N_TH) == 4);
    CHECK(child(hrow, 0)->align == ALIGN_NONE && child(hrow, 1)->align == ALIGN_RIGHT);
    CHECK(child(hrow, 3)->number == 4 && strcmp(child(hrow, 3)->first->text, "Target (end-2019)") == 0);
    CHECK(count_kind(tbody, N_TR) == 4 && count_kind(tbody, N_TD) == 16);
    CHECK(child(child(tbody, 0), 2)->align == ALIGN_RIGHT);

    /* lists: a bullet list and an ordered one, items with Lbl + LBody */
    const node *ul = find_kind(sect, N_L, 0), *ol = find_kind(sect, N_L, 1);
    CHECK(ul->level == 1 && !(ul->flags & NF_ORDERED) && count_kind(ul, N_LI) == 3);
    CHECK(ol->level == 1 && (ol->flags & NF_ORDERED) && ol->number == 1);
    CHECK(child(ol, 2)->kind == N_LI && child(ol, 2)->number == 3);
    CHECK(child(child(ol, 0), 0)->kind == N_LBL && child(child(ol, 0), 1)->kind == N_LBODY);
    CHECK(child(child(ol, 0), 1)->first->kind == N_P);

    CHECK(count_kind(sect, N_BLOCKQUOTE) == 1);

    /* footnotes: marks are links to the notes; each note follows the block
     * that first cites it (read after it, laid out at the foot of its page) */
    CHECK(count_kind(sect, N_NOTE) == 2);
    const node *marks[3] = {0};
    int nmarks = 0, entering = 1;
    for (const node *n = sect; n; n = doc_next(sect, n, &entering))
        if (entering && n->kind == N_LINK && n->target && nmarks < 3)
            marks[nmarks++] = n;
    const node *mark1 = marks[0], *mark2 = marks[1];
    CHECK(nmarks == 2);
    for (int i = 0; i < 2 && i < nmarks; i++) {
        const node *m = marks[i], *note = m ? m->target : NULL, *block = m;
        while (block && block->parent != sect)
            block = block->parent;
        CHECK(note && note->kind == N_NOTE && note->number == i + 1 && note->parent == sect);
        const node *after = block ? block->next : NULL;   /* the notes right after the block */
        while (after && after->kind == N_NOTE && after != note)
            after = after->next;
        CHECK(after == note);
    }
    CHECK(sect->last->kind != N_DIV || sect->last->role != R_NOTES);   /* nothing left at the end */
    CHECK(mark1 && mark1->first->kind == N_TEXT && (mark1->first->flags & NF_SUPER) &&
          strcmp(mark1->first->text, "1") == 0);
    CHECK(mark1 && mark1->target->first->kind == N_P);
    CHECK(mark2 && strstr(mark2->target->first->first->text, "Shared in-building systems"));
    done(&r);
}

static void test_corpus_figure_and_title_level(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/releases/2019-W24/2019-06-11-5g-one-million-en.md",
             corpus_dir());
    run r;
    load(&r, path, corpus_dir(), 3);
    CHECK(r.rc == 0);
    const node *sect = r.doc->root->first;
    CHECK(sect && sect->first->level == 3);                  /* title as H3 in a volume */
    CHECK(find_kind(sect, N_H, 1) && find_kind(sect, N_H, 1)->level == 4);
    const node *fig = find_kind(sect, N_FIGURE, 0);
    const image_info *img = fig ? fig->image : NULL;
    CHECK(img && img->width == 1200 && img->height == 700 && img->view_w == 1200);
    CHECK(img && img->format == IMAGE_PNG && img->color == IMAGE_RGB && img->bits == 8
          && img->components == 3 && img->flags == 0 && img->orientation == 1);
    CHECK(img && strstr(img->path, "/corpus/images/chart-5g-subscribers-2019.png") && img->path[0] == '/');
    CHECK(img && strcmp(img->name, "../../images/chart-5g-subscribers-2019.png") == 0);
    CHECK(fig && !(fig->flags & NF_DECORATIVE));
    CHECK(fig && strncmp(fig->alt, "Line chart of cumulative 5G subscribers", 39) == 0);
    CHECK(fig && fig->parent == sect);   /* the paragraph became the figure */
    done(&r);
}

typedef struct corpus_load {
    document *doc;
    diag d;
    input_options o;
} corpus_load;

static void load_one(const char *path, const char *name, void *ctx)
{
    (void)name;
    corpus_load *c = ctx;
    int rc = input_load_release(c->doc, path, &c->o, &c->d);
    if (rc != 0)
        printf("  %s did not load\n", path);
    CHECK(rc == 0);
}

static void test_corpus_all_releases_load(void)
{
    corpus_load c = {doc_new(), {0}, {.root = corpus_dir(), .title_level = 2}};
    document *doc = c.doc;
    int files = corpus_each(corpus_dir(), load_one, &c);
    diag d = c.d;
    CHECK(files == corpus_listed(corpus_dir()));
    CHECK(d.errors == 0 && d.warnings == 0);
    CHECK(doc->nreleases == files && count_kind(doc->root, N_SECT) == files);
    int ko = 0;
    for (int i = 0; i < doc->nreleases; i++)
        ko += strcmp(doc->releases[i]->lang, "ko") == 0;
    CHECK(ko == 20);
    doc_free(doc);
}

/* ---- whole-file checks -------------------------------------------- */

static void test_missing_file(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/no-such-release.md", tmpdir);
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, path, "1:1", "error: cannot read: No such file or directory"));
    CHECK(r.doc->root->first == NULL && r.doc->nreleases == 0);
    done(&r);
}

static void test_empty_file(void)
{
    const char *path = write_text("empty.md", " \n\n\t\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1);
    CHECK(said(&r, path, "1:1", "error: file is empty"));
    done(&r);
    path = write_text("empty0.md", "");
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && said(&r, path, "1:1", "error: file is empty"));
    done(&r);
}

static void test_invalid_utf8(void)
{
    const char *path = write_text("utf8.md", FM "Good line\nBad \xC3\x28 here\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, path, "7:5", "error: invalid UTF-8"));
    done(&r);
}

static void test_nul_byte(void)
{
    static const char text[] = FM "ab\0cd\n";
    const char *path = write_bytes("nul.md", text, sizeof text - 1);
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1);
    CHECK(said(&r, path, "6:3", "error: file contains a NUL byte"));
    done(&r);
}

/* ---- front matter ------------------------------------------------- */

static void test_no_front_matter(void)
{
    const char *path = write_text("nofm.md", "# Hello\n\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && said(&r, path, "1:1", "error: a release must start with front matter"));
    done(&r);
    path = write_text("unclosed.md", "---\ntitle: T\n\nText.\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && said(&r, path, "1:1", "error: front matter is not closed"));
    done(&r);
}

static void test_missing_title(void)
{
    const char *path = write_text("notitle.md", "---\ndate: 2019-06-18\nlang: ko\n---\n본문.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, path, "1:1", "error: front matter has no 'title'"));
    CHECK(r.doc->nreleases == 0 && r.doc->root->first == NULL);
    done(&r);
}

static void test_unknown_key_is_a_warning(void)
{
    const char *path = write_text("unknown.md",
                                  "---\ntitle: T\n  \nauthor: Kim\ndate: 2019-06-18\nlang: en\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 1);
    CHECK(said(&r, path, "4:1", "warning: unknown front matter key 'author'"));
    CHECK(r.doc->nreleases == 1);
    done(&r);
}

static void test_mistyped_value(void)
{
    const char *path = write_text("mistyped.md",
                                  "---\ntitle:\n  - one\n  - two\ndate: 2019-06-18\nlang: en\n"
                                  "subtitle: {a: b}\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 2);
    CHECK(said(&r, path, "3:3", "error: 'title' must be a string, not a list"));
    CHECK(said(&r, path, "7:11", "error: 'subtitle' must be a string, not a mapping"));
    done(&r);
    path = write_text("emptytitle.md", "---\ntitle: \"\"\ndate: 2019-06-18\nlang: en\n---\nText.\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && said(&r, path, "2:8", "error: 'title' is empty"));
    done(&r);
}

static void test_yaml_syntax_error(void)
{
    const char *path = write_text("syntax.md",
                                  "---\ntitle: T\ndate: 2019-06-18\nlang: en: fr\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1);
    CHECK(said(&r, path, "4:9", "error: YAML: mapping values are not allowed"));
    done(&r);
    path = write_text("syntax2.md", "---\ntitle: \"open\ndate: 2019-06-18\n---\nText.\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && said(&r, path, "4:1", "error: YAML: found unexpected end of stream"));
    done(&r);
}

static void test_bad_date_and_lang(void)
{
    const char *path = write_text("baddate.md",
                                  "---\ntitle: T\ndate: 2019-02-29\nlang: en_US\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 2);
    CHECK(said(&r, path, "3:7", "error: date '2019-02-29' is not a real date"));
    CHECK(said(&r, path, "4:7", "error: lang 'en_US' is not a well-formed BCP 47"));
    done(&r);
    path = write_text("leap.md", "---\ntitle: T\ndate: 2020-02-29\nlang: zh-Hant-TW\n---\nText.\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.errors == 0);
    done(&r);
    /* well-formed but too long for the PDF string it becomes (libharu failed
     * on it, as "out of memory", after layout) */
    char fm[256];
    snprintf(fm, sizeof fm, "---\ntitle: T\ndate: 2020-02-29\nlang: en%s\n---\nText.\n",
             "-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh");
    path = write_text("longlang.md", fm);
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, path, "4:7", "error: lang 'en-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdef...' "
                                "is not a well-formed BCP 47 language tag of at most 63 characters"));
    done(&r);
}

static void test_yaml_aliases_refused(void)
{
    const char *path = write_text("alias.md",
                                  "---\ntitle: &t Title\nsubtitle: *t\ndate: 2019-06-18\nlang: en\n---\nText.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);   /* the first stops the reading */
    CHECK(said(&r, path, "2:8", "error: YAML anchors (&t) are not allowed"));
    done(&r);
    path = write_text("alias2.md", "---\ntitle: T\nsubtitle: *t\ndate: 2019-06-18\nlang: en\n---\nText.\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, path, "3:11", "error: YAML aliases (*t) are not allowed"));
    done(&r);
}

/* ---- images --------------------------------------------------------- */

static void test_image_outside_root(void)
{
    char root[512], rel[600];
    snprintf(root, sizeof root, "%s/root", tmpdir);
    mkdir(root, 0700);
    write_png("outside.png", 10, 10);
    const char *path = write_text("root/r.md", FM "Intro.\n\n![A chart](../outside.png)\n");
    snprintf(rel, sizeof rel, "%s", path);
    run r;
    load(&r, rel, root, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, rel, "8:1", "error: image path leaves the root folder"));
    done(&r);
    /* the same image is fine when the root is the parent */
    load(&r, rel, tmpdir, 1);
    CHECK(r.rc == 0);
    CHECK(find_kind(r.doc->root, N_FIGURE, 0) && find_kind(r.doc->root, N_FIGURE, 0)->image->width == 10);
    done(&r);
}

/* Latin runs in Korean text become Spans with /Lang en; Hangul in English
 * text Spans with /Lang ko; the text itself is unchanged. */
static void test_language_spans(void)
{
    const char *path = write_text("lang-ko.md", "---\ntitle: T\ndate: 2019-06-18\nlang: ko\n---\n"
                                  "캐나다 밴프(Banff)에서 NRC는 Clean Technology 과제를, 5G와 `code x`를.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0);
    const node *p = NULL;
    for (int k = 0; (p = find_kind(r.doc->root, N_P, k)) && p->role != R_BODY; k++)
        ;
    int spans = 0;
    char got[256];
    const char *want[] = {"Banff", "NRC", "Clean Technology"};
    for (const node *c = p ? p->first : NULL; c; c = c->next)
        if (c->kind == N_SPAN) {
            text_of(c, got, sizeof got);
            CHECK(spans < 3 && strcmp(got, want[spans]) == 0);
            CHECK(c->lang && strcmp(c->lang, "en") == 0);
            spans++;
        }
    CHECK(spans == 3);   /* not the single G of 5G, not inline code */
    if (p) {
        text_of(p, got, sizeof got);
        CHECK(strcmp(got, "캐나다 밴프(Banff)에서 NRC는 Clean Technology 과제를, 5G와 code x를.") == 0);
    }
    done(&r);

    path = write_text("lang-en.md", "---\ntitle: T\ndate: 2019-06-18\nlang: en\n---\n"
                      "The plan is called 「디지털 뉴딜」 in Korean.\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0);
    const node *span = find_kind(r.doc->root, N_SPAN, 0);
    CHECK(span && span->lang && strcmp(span->lang, "ko") == 0);
    if (span) {
        text_of(span, got, sizeof got);
        CHECK(strcmp(got, "디지털 뉴딜") == 0);
    }
    done(&r);
}

/* The release date in the head block is written as readers of the release's
 * language write it, with the Korean day of the week. */
static void test_display_dates(void)
{
    static const struct { const char *lang, *date, *want; } cases[] = {
        {"ko", "2019-06-19", "2019. 6. 19.(수)"},
        {"ko", "2020-02-29", "2020. 2. 29.(토)"},
        {"ko-KR", "2000-01-01", "2000. 1. 1.(토)"},
        {"en", "2019-06-18", "18 June 2019"},
        {"fr", "2019-06-18", "2019-06-18"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "---\ntitle: T\ndate: %s\nlang: %s\n---\nBody.\n",
                 cases[i].date, cases[i].lang);
        const char *path = write_text("date.md", text);
        run r;
        load(&r, path, NULL, 1);
        CHECK(r.rc == 0);
        const node *p = NULL;
        for (int k = 0; (p = find_kind(r.doc->root, N_P, k)) && p->role != R_META; k++)
            ;
        CHECK(p && p->first && strcmp(p->first->text, cases[i].want) == 0);
        done(&r);
    }
}

/* A PNG whose image data is damaged is an input error at the image, found by
 * decoding it here (libharu would let libpng abort the process). */
static void test_damaged_png(void)
{
    const char *img = write_png("damaged.png", 16, 16);
    FILE *f = fopen(img, "r+b");
    CHECK(f != NULL);
    if (!f)
        return;
    fseek(f, 60, SEEK_SET);   /* inside the IDAT data */
    fputs("XXXX", f);
    fclose(f);
    const char *path = write_text("damaged.md", FM "![A damaged chart](damaged.png)\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 1);
    CHECK(said(&r, path, "6:1", "error: cannot use image 'damaged.png': damaged PNG"));
    done(&r);
    /* the undamaged image loads */
    write_png("whole.png", 16, 16);
    path = write_text("whole.md", FM "![A chart](whole.png)\n");
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.errors == 0);
    done(&r);
}

static void test_image_errors(void)
{
    const char *path = write_text("img.md", FM "![Missing](nothere.png)\n\n"
                                               "![Remote](https://example.org/a.png)\n\n"
                                               "![Absolute](/etc/passwd)\n\n"
                                               "![Not an image](img.md)\n\n"
                                               "![Huge](huge.png)\n");
    write_png("huge.png", 30000, 100);
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == -1 && r.d.errors == 5);
    CHECK(said(&r, path, "6:1", "error: cannot read image 'nothere.png': No such file or directory"));
    CHECK(said(&r, path, "8:1", "error: images are not fetched"));
    CHECK(said(&r, path, "10:1", "error: image path '/etc/passwd' is absolute"));
    CHECK(said(&r, path, "12:1", "error: cannot use image 'img.md': it is a text file; only PNG "
               "and JPEG images can be used: name a PNG or JPEG file"));
    CHECK(said(&r, path, "14:1", "error: cannot use image 'huge.png': it is 30000 x 100 pixels, "
               "over the limit of 20000 pixels a side"));
    done(&r);
}

static void test_image_no_alt_and_inline(void)
{
    /* SOI, APP0, a 400 x 300 frame of three components, one scan, EOI */
    static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F',
                                         0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C,
                                         0x01, 0x90, 0x03, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0,
                                         0xFF, 0xDA, 0x00, 0x0C, 0x03, 1, 0, 2, 0x11, 3, 0x11,
                                         0, 0x3F, 0, 0x12, 0x34, 0xFF, 0x00, 0xFF, 0xD9};
    write_bytes("photo.jpg", (const char *)jpeg, sizeof jpeg);
    const char *path = write_text("alt.md", FM "![](photo.jpg)\n\nSee ![the photo](photo.jpg) here.\n\nAfter.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 2);
    CHECK(said(&r, path, "6:1", "warning: image has no alt text, so it is drawn as decoration "
               "that screen readers skip; describe it in ![...] if it carries information"));
    CHECK(said(&r, path, "8:5", "warning: image inside running text; set after the paragraph"));
    const node *sect = r.doc->root->first;
    const node *fig = child(sect, 2);
    CHECK(fig->kind == N_FIGURE && fig->image->width == 400 && fig->image->height == 300);
    CHECK(fig->alt[0] == '\0' && (fig->flags & NF_DECORATIVE));
    const node *p = child(sect, 3), *fig2 = child(sect, 4);
    CHECK(p->kind == N_P && strcmp(p->first->text, "See ") == 0);
    CHECK(fig2->kind == N_FIGURE && strcmp(fig2->alt, "the photo") == 0);
    CHECK(!(fig2->flags & NF_DECORATIVE) && fig2->image->width == 400);
    CHECK(child(sect, 5)->kind == N_P);
    done(&r);
}

/* ---- body ------------------------------------------------------------- */

static void test_raw_html(void)
{
    const char *path = write_text("html.md", FM "Some <b>bold</b> &amp; more.\n\n"
                                                "<div class=\"x\">\nBlock &amp; text &#54620;\n</div>\n\n"
                                                "<!-- a comment -->\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.warnings == 1);   /* once per release, at the first */
    CHECK(said(&r, path, "6:6", "warning: raw HTML is not rendered; tags dropped, their text kept"));
    const node *sect = r.doc->root->first;
    const node *p = child(sect, 2);
    buf text = {0};
    for (const node *t = p->first; t; t = t->next)
        buf_puts(&text, t->text);
    CHECK(text.data && strcmp(text.data, "Some bold & more.") == 0);
    buf_free(&text);
    const node *block = child(sect, 3);
    CHECK(block->kind == N_P && strcmp(block->first->text, "Block & text 한") == 0);
    CHECK(child(sect, 4) == NULL);   /* the comment leaves nothing */
    done(&r);
}

/* An HTML block with a million '<' and no '>': the '<' are kept as text, in
 * linear time (each one searched the rest of the block for a '>': minutes). */
static void test_raw_html_unclosed_tags(void)
{
    enum { N = 1000000 };
    size_t fm = strlen(FM);
    char *text = malloc(fm + 5 + 2 * N + 16);
    if (!text)
        return;
    memcpy(text, FM, fm);
    memcpy(text + fm, "<div\n", 5);
    for (size_t i = 0; i < N; i++)
        memcpy(text + fm + 5 + 2 * i, "<a", 2);
    strcpy(text + fm + 5 + 2 * N, " &amp;\n");
    const char *path = write_text("unclosed.md", text);
    free(text);
    run r;
    clock_t t0 = clock();
    load(&r, path, NULL, 1);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10);
    CHECK(r.rc == 0 && r.d.warnings == 1);
    const node *block = r.doc->root->first ? child(r.doc->root->first, 2) : NULL;
    CHECK(block && block->kind == N_P && block->first && block->first->text);
    if (block && block->first && block->first->text) {
        const char *t = block->first->text;
        CHECK(strncmp(t, "<div <a<a<a", 11) == 0 && strlen(t) == 5 + 2 * N + 2);
        CHECK(strcmp(t + strlen(t) - 3, "a &") == 0);
    }
    done(&r);
}

/* util: sizes near SIZE_MAX are refused, not wrapped round into a small block
 * (the block header once overflowed the size: a tiny malloc, then a huge memset). */
static void test_arena_overflow(void)
{
    arena *a = arena_new();
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK(arena_alloc(a, SIZE_MAX - 15) == NULL);
    CHECK(arena_array(a, SIZE_MAX / 16, 16) == NULL);
    CHECK(arena_strndup(a, "x", SIZE_MAX) == NULL);
    char *ok = arena_strndup(a, "abc", 2);
    CHECK(ok && strcmp(ok, "ab") == 0);
    arena_free(a);
}

static void test_skipped_heading_level(void)
{
    const char *path = write_text("heads.md", FM "### Deep first\n\nText.\n\n## Second\n\n#### Skip\n\n### Back\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 2);
    CHECK(said(&r, path, "6:1", "warning: heading level skipped (### after the title); set as H2"));
    CHECK(said(&r, path, "12:1", "warning: heading level skipped (#### after ##); set as H3"));
    const node *sect = r.doc->root->first;
    CHECK(find_kind(sect, N_H, 1)->level == 2);
    CHECK(find_kind(sect, N_H, 2)->level == 2);
    CHECK(find_kind(sect, N_H, 3)->level == 3);
    CHECK(find_kind(sect, N_H, 4)->level == 3);
    done(&r);
}

static void test_inline_and_blocks(void)
{
    const char *path = write_text("inline.md", FM
        "*em **both*** ~~gone~~ `x` line\\\nnext <a@example.org> [site](https://e.org \"t\")\n\n"
        "```c\nint x;\n```\n\n---\n\n> quoted\n\n- a\n  - b\n\n3. three\n4. four\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 0);
    const node *sect = r.doc->root->first;
    const node *p = child(sect, 2);
    CHECK(child(p, 0)->flags == NF_EMPH && strcmp(child(p, 0)->text, "em ") == 0);
    CHECK(child(p, 1)->flags == (NF_EMPH | NF_STRONG) && strcmp(child(p, 1)->text, "both") == 0);
    CHECK(child(p, 3)->flags == NF_STRIKE && strcmp(child(p, 3)->text, "gone") == 0);
    CHECK(child(p, 5)->flags == NF_CODE && strcmp(child(p, 5)->text, "x") == 0);
    CHECK(child(p, 7)->kind == N_BREAK);
    /* after a hard break cmark's columns run on; positions are carried to the next line */
    CHECK(child(p, 8)->pos.line == 7 && child(p, 8)->pos.col == 1 &&
          strcmp(child(p, 8)->text, "next ") == 0);
    const node *mail = find_kind(p, N_LINK, 0), *site = find_kind(p, N_LINK, 1);
    CHECK(mail && strcmp(mail->text, "mailto:a@example.org") == 0 && (mail->flags & NF_AUTOLINK));
    CHECK(mail && strcmp(mail->alt, "a@example.org") == 0);
    CHECK(site && strcmp(site->text, "https://e.org") == 0 && !(site->flags & NF_AUTOLINK));
    CHECK(site && strcmp(site->alt, "site") == 0 && strcmp(site->first->text, "site") == 0);
    const node *code = child(sect, 3);
    CHECK(code->kind == N_CODE && (code->flags & NF_BLOCK) && strcmp(code->text, "int x;") == 0);
    CHECK(code->pos.line == 9);
    CHECK(child(sect, 4)->kind == N_RULE);
    CHECK(child(sect, 5)->kind == N_BLOCKQUOTE && child(sect, 5)->first->kind == N_P);
    const node *outer = child(sect, 6), *inner = find_kind(outer, N_L, 1);
    CHECK(outer->kind == N_L && outer->level == 1 && inner && inner->level == 2);
    const node *ol = child(sect, 7);
    CHECK(ol->kind == N_L && (ol->flags & NF_ORDERED) && ol->number == 3);
    CHECK(child(ol, 1)->number == 4);
    done(&r);
}

/* GFM task lists: the item is flagged, its label's state is in words in the
 * release's language, and "[x]" is not left in the text. */
static void test_task_lists(void)
{
    const char *path = write_text("tasks.md", FM "- [ ] draft the plan\n- [x] consult the office\n"
                                                 "- plain item\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0);
    const node *l = NULL;
    int entering = 1;
    for (const node *n = r.doc->root; n && !l; n = doc_next(r.doc->root, n, &entering))
        if (entering && n->kind == N_L)
            l = n;
    CHECK(l != NULL);
    if (l) {
        const node *a = child(l, 0), *b = child(l, 1), *c = child(l, 2);
        CHECK((a->flags & NF_TASK) && !(a->flags & NF_CHECKED));
        CHECK((b->flags & NF_TASK) && (b->flags & NF_CHECKED));
        CHECK(!(c->flags & NF_TASK) && !child(c, 0)->alt);
        CHECK(child(a, 0)->kind == N_LBL && strcmp(child(a, 0)->alt, "not checked") == 0);
        CHECK(strcmp(child(b, 0)->alt, "checked") == 0);
        const node *t = child(child(child(b, 1), 0), 0);
        CHECK(t && t->kind == N_TEXT && strcmp(t->text, "consult the office") == 0);
    }
    done(&r);
    path = write_text("tasks-ko.md", "---\ntitle: T\ndate: 2019-06-18\nlang: ko\n---\n- [x] 완료\n");
    load(&r, path, NULL, 1);
    const node *lbl = NULL;
    entering = 1;
    for (const node *n = r.doc->root; n && !lbl; n = doc_next(r.doc->root, n, &entering))
        if (entering && n->kind == N_LBL)
            lbl = n;
    CHECK(r.rc == 0 && lbl && strcmp(lbl->alt, "체크됨") == 0);
    done(&r);
}

/* An address in parentheses before a particle: the link ends at its ')'
 * ("누리집(https://…/x)에서"), and an address with its own parentheses keeps them. */
static void test_autolink_before_particle(void)
{
    const char *path = write_text("autolink.md", "---\ntitle: T\ndate: 2019-06-18\nlang: ko\n---\n"
                                  "누리집(https://www.example.go.kr/x)에서 본다. "
                                  "위키(https://en.wikipedia.org/wiki/Seoul_(city))도.\n");
    run r;
    load(&r, path, NULL, 1);
    CHECK(r.rc == 0);
    const node *a = find_kind(r.doc->root, N_LINK, 0), *b = find_kind(r.doc->root, N_LINK, 1);
    CHECK(a && strcmp(a->text, "https://www.example.go.kr/x") == 0);
    CHECK(a && strcmp(a->alt, "https://www.example.go.kr/x") == 0);   /* its /Contents */
    CHECK(a && a->next && a->next->kind == N_TEXT && strncmp(a->next->text, ")에서", 8) == 0);
    CHECK(b && strcmp(b->text, "https://en.wikipedia.org/wiki/Seoul_(city)") == 0);
    CHECK(b && b->next && strncmp(b->next->text, ")도", 4) == 0);
    done(&r);
}

static void test_korean_tilde_ranges_kept(void)
{
    const char *path = write_text("tilde.md", "---\ntitle: T\ndate: 2019-06-18\nlang: ko\n---\n"
                                              "기간은 7월 2일~9월 29일, 행사는 8월 1일~8월 3일이다.\n");
    run r;
    load(&r, path, NULL, 1);
    const node *p = find_kind(r.doc->root, N_P, 1);   /* after the head's date line */
    CHECK(r.rc == 0 && p && p->first == p->last && p->first->flags == 0);
    CHECK(p && strcmp(p->first->text, "기간은 7월 2일~9월 29일, 행사는 8월 1일~8월 3일이다.") == 0);
    done(&r);
}

static void test_nesting_limit(void)
{
    char text[512] = FM;
    for (int i = 0; i < 40; i++)
        strcat(text, ">");
    strcat(text, " deep\n");
    const char *path = write_text("deep.md", text);
    run r;
    load(&r, path, NULL, 1);
    /* set at the limit's depth, with one warning at the first level past it */
    CHECK(r.rc == 0 && r.d.errors == 0 && r.d.warnings == 1);
    CHECK(said(&r, path, "6:17", "warning: lists and block quotes nested more than 16 deep"));
    CHECK(count_kind(r.doc->root, N_BLOCKQUOTE) == DOC_MAX_NESTING);
    const node *p = find_kind(r.doc->root, N_P, 1);
    CHECK(p && p->first && strcmp(p->first->text, "deep") == 0);
    done(&r);
}

static void test_two_releases_and_errors_collected(void)
{
    const char *a = write_text("a.md", "---\ntitle: First\ndate: 2019-06-18\nlang: ko\n---\n본문.\n");
    const char *b = write_text("b.md", "---\ntitle: Second\ndate: 2019-06-19\nlang: en\n---\nBody.\n");
    document *doc = doc_new();
    diag d = {0};
    input_options o = {.root = tmpdir, .title_level = 2};
    CHECK(input_load_release(doc, a, &o, &d) == 0);
    CHECK(input_load_release(doc, b, &o, &d) == 0);
    CHECK(doc->nreleases == 2 && strcmp(doc->releases[1]->title, "Second") == 0);
    CHECK(strcmp(doc->title, "First") == 0 && strcmp(doc->lang, "ko") == 0);
    CHECK(doc->root->first->first->level == 2 && doc->root->last->lang[0] == 'e');
    /* front matter and body errors of one file are all reported */
    const char *c = write_text("c.md", "---\ntitle: T\ndate: 2019-13-01\nlang: en\n---\n![x](gone.png)\n");
    CHECK(input_load_release(doc, c, &o, &d) == -1);
    CHECK(d.errors == 2 && doc->nreleases == 2);
    doc_free(doc);
}

/* ---- style sheets ----------------------------------------------------- */

static void test_shipped_styles(void)
{
    arena *a = arena_new();
    diag d = {0};
    style def, print, digest;
    style_default(&def);
    style_default(&print);
    CHECK(input_load_style("styles/print.yaml", &print, a, &d) == 0);
    CHECK(d.errors == 0);
    CHECK(memcmp(&def, &print, offsetof(style, font)) == 0);   /* page: same as default */
    CHECK(print.two_sided == 1 && print.link_show_url == 1 && print.body_size == def.body_size);
    CHECK(strcmp(print.font[FONT_SERIF], "myeongjo") == 0 && print.heading_size[6] == 10.5);
    /* print.yaml writes the defaults out */
    CHECK(print.heading_space_before == def.heading_space_before && print.cell_padding == def.cell_padding);
    CHECK(print.code_background == def.code_background && print.bullet_scale == def.bullet_scale);
    CHECK(print.bullet_rise == def.bullet_rise && print.square_scale == def.square_scale &&
          print.square_rise == def.square_rise);
    CHECK(print.min_measure == def.min_measure && print.note_rule_share == def.note_rule_share);
    CHECK(print.link_depth == def.link_depth && print.link_height == def.link_height);
    CHECK(print.header_center_share == def.header_center_share &&
          print.cover_logo_share == def.cover_logo_share &&
          print.cover_entry_share == def.cover_entry_share);
    CHECK(print.header_offset == def.header_offset && print.footer_offset == def.footer_offset);
    CHECK(print.cover_title_size == def.cover_title_size && print.contents_leader == def.contents_leader);
    CHECK(print.figure_min_fit == def.figure_min_fit && print.super_rise == def.super_rise);
    CHECK(print.link_color == 0x1a4f8b && strcmp(print.footer[SIDE_RECTO].right, "{page}") == 0);
    CHECK(strcmp(print.header[SIDE_VERSO].left, "{bulletin.title}") == 0);
    style_default(&digest);
    CHECK(input_load_style("styles/digest.yaml", &digest, a, &d) == 0);
    CHECK(d.errors == 0);
    CHECK(digest.two_sided == 0 && digest.link_show_url == 0 && digest.justify == 0);
    CHECK(digest.body_size < def.body_size && digest.title_size < def.title_size);
    CHECK(strcmp(digest.header[SIDE_RECTO].right, "{release.date}") == 0);
    CHECK(strcmp(digest.footer[SIDE_RECTO].center, "{page}") == 0 && digest.rule_color == 0xa0a0a0);
    /* a side set is set whole: the default's right-hand {page} does not survive */
    CHECK(!*digest.footer[SIDE_RECTO].left && !*digest.footer[SIDE_RECTO].right);
    CHECK(strcmp(digest.header[SIDE_RECTO].left, "{bulletin.title}") == 0 &&
          !*digest.header[SIDE_RECTO].center);
    /* a side not named keeps the default's slots */
    CHECK(strcmp(digest.footer[SIDE_VERSO].left, "{page}") == 0);
    style archive;
    style_default(&archive);
    CHECK(input_load_style("styles/archive.yaml", &archive, a, &d) == 0);
    CHECK(d.errors == 0 && archive.two_sided && archive.margin_inner > def.margin_inner);
    /* the cover's identity: print writes the defaults out; each style its own look */
    CHECK(print.cover_accent == def.cover_accent && print.cover_band == def.cover_band &&
          print.cover_logo_height == def.cover_logo_height && !print.cover_logo_right &&
          print.cover_logo_gap == def.cover_logo_gap);
    CHECK(digest.cover_band > 0 && digest.cover_band < print.cover_band &&
          digest.cover_logo_height < print.cover_logo_height);
    CHECK(archive.cover_band == 0 && archive.cover_logo_right && archive.cover_accent != 0);
    arena_free(a);
}

static void test_bad_style_sheet(void)
{
    const char *path = write_text("bad.yaml",
                                  "page:\n  size: [100, 150]\n  margin: 10\n"
                                  "sizes:\n  body: big\n  h2: 14\n"
                                  "links: screen\nkorean-break: syllable\n"
                                  "colors:\n  link: #123456\n  text: \"#00ff00\"\n"
                                  "header: {recto: {left: none, right: \"p. {weather}\"}}\n");
    arena *a = arena_new();
    style s;
    style_default(&s);
    run r;
    CHECK(load_style(&r, path, &s, a) == -1 && r.d.errors == 4);
    CHECK(said(&r, path, "3:3", "error: unknown style key 'margin' in 'page'; did you mean 'margins'? (known: size, margins, two-sided)"));
    CHECK(said(&r, path, "5:9", "error: 'sizes.body' must be a size in points"));
    CHECK(said(&r, path, "10:8", "error: 'colors.link' must be a colour \"#rrggbb\" (quote it"));
    CHECK(said(&r, path, "12:37", "error: 'header.recto.right': unknown field '{weather}' (known: "
                                  "{document.title}, {bulletin.title}, {release.title}, "
                                  "{release.date}, {page}, {pages})"));
    /* the good values around them were applied */
    CHECK(s.page_w > 283 && s.page_w < 284 && s.heading_size[2] == 14);
    CHECK(s.link_show_url == 0 && s.korean_syllable_break == 1 && s.text_color == 0x00ff00);
    CHECK(strcmp(s.header[SIDE_RECTO].left, "") == 0);
    free(r.msgs);

    /* a side is replaced whole, or emptied with none; other keys still merge */
    path = write_text("sides.yaml", "header: {verso: {center: \"{page}\"}, recto: none, rule: 0}\n"
                                    "footer: {recto: {left: \"{release.date}\"}}\n");
    style_default(&s);
    CHECK(load_style(&r, path, &s, a) == 0 && r.d.errors == 0);
    CHECK(!*s.header[SIDE_VERSO].left && !*s.header[SIDE_VERSO].right &&
          strcmp(s.header[SIDE_VERSO].center, "{page}") == 0);
    CHECK(!*s.header[SIDE_RECTO].left && !*s.header[SIDE_RECTO].center &&
          !*s.header[SIDE_RECTO].right);
    CHECK(strcmp(s.footer[SIDE_RECTO].left, "{release.date}") == 0 &&
          !*s.footer[SIDE_RECTO].right && strcmp(s.footer[SIDE_VERSO].left, "{page}") == 0);
    CHECK(s.header_rule == 0 && s.header_offset == 12);
    free(r.msgs);

    path = write_text("cover.yaml", "cover: {accent: \"#12ab9z\", logo-align: top, band: -1,\n"
                                    "        logo-height: 0, logo-gap: 4}\n");
    style_default(&s);
    CHECK(load_style(&r, path, &s, a) == -1 && r.d.errors == 4);
    CHECK(said(&r, path, "1:17", "error: 'cover.accent' must be a colour \"#rrggbb\""));
    CHECK(said(&r, path, "1:40", "error: 'cover.logo-align' must be left or right"));
    CHECK(said(&r, path, "1:51", "error: 'cover.band' must be a length in points, 0 to 200"));
    CHECK(said(&r, path, "2:22", "error: 'cover.logo-height' must be a size in points, above 0"));
    CHECK(s.cover_logo_gap == 4);
    free(r.msgs);

    path = write_text("syntax.yaml", "page:\n  size: A4\n two-sided: true\n");
    CHECK(load_style(&r, path, &s, a) == -1 && said(&r, path, "3:2", "error: YAML:"));
    free(r.msgs);

    CHECK(load_style(&r, "/nonexistent/style.yaml", &s, a) == -1 &&
          said(&r, "/nonexistent/style.yaml", "1:1", "error: cannot read: No such file"));
    free(r.msgs);
    arena_free(a);
}

/* images: in a style sheet: shipped values (print keeps every pixel, digest
 * caps at 110 dpi), and each bad value reported with its range. */
static void test_style_images(void)
{
    arena *a = arena_new();
    diag d = {0};
    style print, digest;
    style_default(&print);
    CHECK(input_load_style("styles/print.yaml", &print, a, &d) == 0);
    CHECK(print.images.dpi == 150 && print.images.max_dpi == 0 && print.images.jpeg_quality == 90);
    style_default(&digest);
    CHECK(input_load_style("styles/digest.yaml", &digest, a, &d) == 0 && d.errors == 0);
    CHECK(digest.images.dpi == 150 && digest.images.max_dpi == 110);
    CHECK(digest.images.jpeg_quality >= 50 && digest.images.jpeg_quality < 90);

    const char *path = write_text("images.yaml", "images:\n  dpi: 0\n  max-dpi: -3\n"
                                  "  jpeg-quality: 75.5\n  sharpen: yes\n");
    style s;
    style_default(&s);
    run r;
    CHECK(load_style(&r, path, &s, a) == -1 && r.d.errors == 4);
    CHECK(said(&r, path, "2:8", "error: 'images.dpi' must be a number from 1 to 2400"));
    CHECK(said(&r, path, "3:12", "error: 'images.max-dpi' must be a number from 0 to 2400"));
    CHECK(said(&r, path, "4:17", "error: 'images.jpeg-quality' must be a whole number from 1 "
               "to 100"));
    CHECK(said(&r, path, "5:3", "error: unknown style key 'sharpen' in 'images' (known: dpi, "
               "max-dpi, jpeg-quality)"));
    CHECK(s.images.dpi == 150 && s.images.max_dpi == 0 && s.images.jpeg_quality == 90);
    free(r.msgs);
    arena_free(a);
}

int main(void)
{
    if (fixture_open("test_input") != 0)
        return 1;
    RUN(test_corpus_release_tree);
    RUN(test_corpus_figure_and_title_level);
    RUN(test_corpus_all_releases_load);
    RUN(test_missing_file);
    RUN(test_empty_file);
    RUN(test_invalid_utf8);
    RUN(test_nul_byte);
    RUN(test_no_front_matter);
    RUN(test_missing_title);
    RUN(test_unknown_key_is_a_warning);
    RUN(test_mistyped_value);
    RUN(test_yaml_syntax_error);
    RUN(test_bad_date_and_lang);
    RUN(test_yaml_aliases_refused);
    RUN(test_image_outside_root);
    RUN(test_image_errors);
    RUN(test_damaged_png);
    RUN(test_display_dates);
    RUN(test_language_spans);
    RUN(test_image_no_alt_and_inline);
    RUN(test_raw_html);
    RUN(test_raw_html_unclosed_tags);
    RUN(test_arena_overflow);
    RUN(test_skipped_heading_level);
    RUN(test_inline_and_blocks);
    RUN(test_korean_tilde_ranges_kept);
    RUN(test_task_lists);
    RUN(test_autolink_before_particle);
    RUN(test_nesting_limit);
    RUN(test_two_releases_and_errors_collected);
    RUN(test_shipped_styles);
    RUN(test_bad_style_sheet);
    RUN(test_style_images);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
