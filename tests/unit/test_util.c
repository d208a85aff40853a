/* test_util.c — util: the nearest known name (suggest.c): the distance, its
 * limit by length, and which name is suggested (or none) for the typos the
 * messages about unknown keys meet; the arena, buffers and growable arrays,
 * the string map, UTF-8, the classes of code points, and the diag — its
 * message form, its sticky kind, a part's diag folded back, errno's kinds,
 * and out of memory said once and last. */
#include <errno.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "util/util.h"

static const char *const front_matter_keys[] = {
    "title", "subtitle", "date", "lang", "department", "contact", "id",
};
#define NKEYS(a) (sizeof(a) / sizeof(a)[0])

static int suggests(const char *typed, const char *const *known, size_t n, const char *want)
{
    const char *got = name_nearest(typed, known, n);
    int ok = want ? got && strcmp(got, want) == 0 : got == NULL;
    if (!ok)
        printf("  '%s': got %s%s%s, want %s\n", typed, got ? "'" : "", got ? got : "nothing",
               got ? "'" : "", want ? want : "nothing");
    return ok;
}

static void test_distance(void)
{
    CHECK(name_distance("lang", "lang") == 0);
    CHECK(name_distance("", "") == 0);
    CHECK(name_distance("", "abc") == 3 && name_distance("abc", "") == 3);
    CHECK(name_distance("lnag", "lang") == 1);        /* a swap of neighbours is one edit */
    CHECK(name_distance("titel", "title") == 1);
    CHECK(name_distance("subtile", "subtitle") == 1); /* a letter left out */
    CHECK(name_distance("dates", "date") == 1);       /* one too many */
    CHECK(name_distance("lung", "lang") == 1);        /* one wrong */
    CHECK(name_distance("hedaer.size", "header.size") == 1);
    CHECK(name_distance("kitten", "sitting") == 3);
    /* OSA: a swapped pair is not edited again ("ca" -> "abc" is 3, not 2) */
    CHECK(name_distance("ca", "abc") == 3);
    CHECK(name_distance("Title", "title") == 0);      /* ASCII case does not count */
    CHECK(name_distance("제목", "제묵") == 1);        /* characters, not bytes */
    CHECK(name_distance("\xff", "a") == -1);          /* not UTF-8 */
    char longer[80];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    CHECK(name_distance(longer, "a") == -1);
    CHECK(name_distance("abc", "cab") == name_distance("cab", "abc"));
}

static void test_limit_scales_with_length(void)
{
    CHECK(name_distance_limit("id") == 1);
    CHECK(name_distance_limit("lang") == 1);
    CHECK(name_distance_limit("title") == 1);
    CHECK(name_distance_limit("subtile") == 2);
    CHECK(name_distance_limit("hedaer.size") == 3);
    CHECK(name_distance_limit("제목입니다") == 1);   /* counted in characters */
    CHECK(name_distance_limit("") == 0);
}

static void test_suggestions(void)
{
    const char *const *k = front_matter_keys;
    size_t n = NKEYS(front_matter_keys);
    CHECK(suggests("lnag", k, n, "lang"));
    CHECK(suggests("titel", k, n, "title"));
    CHECK(suggests("subtile", k, n, "subtitle"));
    CHECK(suggests("Title", k, n, "title"));
    CHECK(suggests("departement", k, n, "department"));
    CHECK(suggests("contcat", k, n, "contact"));
    /* wholly unrelated keys: nothing */
    CHECK(suggests("author", k, n, NULL));
    CHECK(suggests("colour", k, n, NULL));
    CHECK(suggests("summary", k, n, NULL));
    CHECK(suggests("x", k, n, NULL));
    CHECK(suggests("", k, n, NULL));
    /* a short key is not reached by two edits */
    CHECK(suggests("lgna", k, n, NULL));
    /* dotted style keys compare whole */
    static const char *const paths[] = {"header.offset", "header.size", "footer.size",
                                        "sizes.header", "page.margins.top"};
    CHECK(suggests("hedaer.size", paths, NKEYS(paths), "header.size"));
    CHECK(suggests("header.ofset", paths, NKEYS(paths), "header.offset"));
    CHECK(suggests("page.margin.top", paths, NKEYS(paths), "page.margins.top"));
    CHECK(suggests("fonts.serif", paths, NKEYS(paths), NULL));
}

/* Two names equally near: no guess. The same name offered twice is no tie. */
static void test_ties(void)
{
    static const char *const sizes[] = {"h1", "h2", "h3", "h4", "h5", "h6", "body"};
    CHECK(suggests("h7", sizes, NKEYS(sizes), NULL));
    CHECK(suggests("H2", sizes, NKEYS(sizes), "h2"));
    static const char *const twice[] = {"lang", "lang", "title"};
    CHECK(suggests("lnag", twice, NKEYS(twice), "lang"));
    /* a nearer name after a tie wins */
    static const char *const later[] = {"abce", "abcf", "abcd"};
    CHECK(suggests("abcd ", later, NKEYS(later), "abcd"));
    /* the name typed is never suggested to itself */
    CHECK(suggests("lang", front_matter_keys, NKEYS(front_matter_keys), NULL));
}

/* The one home of the Hangul ranges: syllables and jamo, edges included;
 * the unassigned ends of the compatibility block, circled Hangul (a marker)
 * and halfwidth jamo not. */
static void test_hangul_ranges(void)
{
    static const uint32_t hangul[] = {0xAC00, 0xD55C, 0xD7A3, 0x1100, 0x11FF, 0x3131, 0x318E,
                                      0xA960, 0xA97F, 0xD7B0, 0xD7FF};
    static const uint32_t other[] = {'a', 0x00E9, 0x4E00, 0xABFF, 0xD7A4, 0x10FF, 0x1200,
                                     0x3130, 0x318F, 0x326E, 0x3260, 0xFFA0, 0xFFDC};
    for (size_t i = 0; i < sizeof hangul / sizeof *hangul; i++)
        CHECK(uchar_is_hangul(hangul[i]));
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        CHECK(!uchar_is_hangul(other[i]));
    CHECK(uchar_is_hangul_syllable(0xAC00) && uchar_is_hangul_syllable(0xD7A3) &&
          !uchar_is_hangul_syllable(0x1100) && !uchar_is_hangul_syllable(0xD7A4));
}

static void test_did_you_mean(void)
{
    char out[64];
    CHECK(strcmp(name_did_you_mean("lang", out, sizeof out), "; did you mean 'lang'?") == 0);
    CHECK(strcmp(name_did_you_mean(NULL, out, sizeof out), "") == 0);
    char small[8];
    CHECK(strcmp(name_did_you_mean("lang", small, sizeof small), "") == 0);   /* never cut */
    name_suggest s;
    name_suggest_start(&s, "releasse");
    name_suggest_offer(&s, "releases");
    name_suggest_offer(&s, "bulletins");
    CHECK(name_suggest_result(&s) && strcmp(name_suggest_result(&s), "releases") == 0);
    CHECK(s.distance == 1);
}


/* ---- the arena ---------------------------------------------------------- */

static void test_arena(void)
{
    arena *a = arena_new();
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK(arena_bytes(a) == 0);
    unsigned char *p = arena_alloc(a, 100);
    CHECK(p && (uintptr_t)p % alignof(max_align_t) == 0);
    int zero = 1;
    for (int i = 0; p && i < 100; i++)
        zero &= p[i] == 0;
    CHECK(zero);   /* zeroed */
    char *q = arena_alloc(a, 3);
    CHECK(q && (uintptr_t)q % alignof(max_align_t) == 0 && q >= (char *)p + 100);
    size_t one_block = arena_bytes(a);
    CHECK(one_block > 0);
    /* many small ones fill blocks and take new ones; what was given stays */
    char *first = arena_strdup(a, "first");
    int all = 1;
    for (int i = 0; i < 10000; i++)
        all &= arena_alloc(a, 24) != NULL;
    CHECK(all && arena_bytes(a) > one_block);
    CHECK(first && strcmp(first, "first") == 0);
    arena_free(a);
    /* a big one-off gets a block of its own; the partly used one goes on
     * serving small ones */
    a = arena_new();
    if (!a)
        return;
    CHECK(arena_alloc(a, 10) != NULL);
    size_t before = arena_bytes(a);
    unsigned char *big = arena_alloc(a, 1 << 20);
    CHECK(big && arena_bytes(a) >= before + (1 << 20));
    size_t with_big = arena_bytes(a);
    CHECK(arena_alloc(a, 8) != NULL && arena_bytes(a) == with_big);
    CHECK(arena_array(a, SIZE_MAX / 2, 4) == NULL);   /* overflow: refused, not wrapped */
    CHECK(arena_alloc(a, SIZE_MAX - 8) == NULL);
    int *arr = arena_array(a, 0, sizeof(int));        /* zero elements: still a pointer */
    CHECK(arr != NULL);
    char *s = arena_strndup(a, "abcdef", 3);
    CHECK(s && strcmp(s, "abc") == 0);
    char *f = arena_printf(a, "%s-%d", "page", 12);
    CHECK(f && strcmp(f, "page-12") == 0);
    arena_free(a);
    arena_free(NULL);
}

/* ---- buffers and growable arrays ---------------------------------------- */

static void test_buf(void)
{
    buf b = {0};
    CHECK(buf_append(&b, "ab", 2) == 0 && b.len == 2 && strcmp(b.data, "ab") == 0);
    CHECK(buf_puts(&b, "cd") == 0 && strcmp(b.data, "abcd") == 0);
    CHECK(buf_printf(&b, "-%03d-%s", 7, "x") == 0 && strcmp(b.data, "abcd-007-x") == 0);
    CHECK(b.len == strlen(b.data) && b.cap > b.len);
    CHECK(buf_append(&b, "y", SIZE_MAX) == -1 && strcmp(b.data, "abcd-007-x") == 0);
    int all = 1;
    for (int i = 0; i < 1000; i++)
        all &= buf_puts(&b, "0123456789") == 0;
    CHECK(all && b.len == 10 + 10000 && b.data[b.len] == 0);
    char *taken = buf_take(&b);
    CHECK(taken && strlen(taken) == 10010 && b.data == NULL && b.len == 0 && b.cap == 0);
    free(taken);
    taken = buf_take(&b);   /* nothing appended: an empty string, not NULL */
    CHECK(taken && taken[0] == 0);
    free(taken);
    buf_free(&b);
    buf_free(&b);   /* twice is fine */

    int *v = NULL;
    size_t cap = 0;
    CHECK(grow_array((void **)&v, &cap, 3, sizeof *v) == 0 && v && cap >= 3);
    v[0] = 41;
    size_t was = cap;
    CHECK(grow_array((void **)&v, &cap, 2, sizeof *v) == 0 && cap == was);   /* room already */
    CHECK(grow_array((void **)&v, &cap, 1000, sizeof *v) == 0 && cap >= 1000 && v[0] == 41);
    int *kept = v;
    was = cap;
    CHECK(grow_array((void **)&v, &cap, SIZE_MAX / 2, sizeof *v) == -1);   /* overflow */
    CHECK(v == kept && cap == was && v[0] == 41);   /* unchanged on failure */
    free(v);
}

/* ---- the string map ------------------------------------------------------ */

static void test_strmap(void)
{
    strmap *m = strmap_new();
    CHECK(m != NULL);
    if (!m)
        return;
    int one = 1, two = 2;
    char key[32] = "alpha";
    CHECK(strmap_put(m, key, &one) == 0);
    strcpy(key, "gamma");   /* keys are copied */
    CHECK(strmap_get(m, "alpha") == &one && strmap_get(m, "gamma") == NULL);
    CHECK(strmap_put(m, "alpha", &two) == 0 && strmap_get(m, "alpha") == &two);   /* replaced */
    CHECK(strmap_get(m, "") == NULL && strmap_put(m, "", &one) == 0 && strmap_get(m, "") == &one);
    static int values[500];
    char name[32];
    int all = 1;
    for (int i = 0; i < 500; i++) {   /* past several doublings */
        snprintf(name, sizeof name, "key-%d", i);
        all &= strmap_put(m, name, &values[i]) == 0;
    }
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "key-%d", i);
        all &= strmap_get(m, name) == &values[i];
    }
    CHECK(all && strmap_get(m, "alpha") == &two && strmap_get(m, "key-500") == NULL);
    strmap_free(m);
    strmap_free(NULL);
}

/* ---- UTF-8 ---------------------------------------------------------------- */

static void test_utf8(void)
{
    uint32_t cp = 0;
    CHECK(utf8_decode("A", 1, &cp) == 1 && cp == 'A');
    CHECK(utf8_decode("\xC3\xA9", 2, &cp) == 2 && cp == 0xE9);
    CHECK(utf8_decode("\xED\x95\x9C", 3, &cp) == 3 && cp == 0xD55C);      /* 한 */
    CHECK(utf8_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    CHECK(utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp) == 4 && cp == 0x10FFFF);
    CHECK(utf8_decode("", 0, &cp) == 0);
    CHECK(utf8_decode("\xC0\x80", 2, &cp) == 0);          /* overlong NUL */
    CHECK(utf8_decode("\xE0\x80\xAF", 3, &cp) == 0);      /* overlong '/' */
    CHECK(utf8_decode("\xED\xA0\x80", 3, &cp) == 0);      /* a surrogate */
    CHECK(utf8_decode("\xF4\x90\x80\x80", 4, &cp) == 0);  /* past U+10FFFF */
    CHECK(utf8_decode("\xE2\x82", 2, &cp) == 0);          /* cut short */
    CHECK(utf8_decode("\xE2\x28\xA1", 3, &cp) == 0);      /* not a continuation */
    CHECK(utf8_decode("\x80", 1, &cp) == 0 && utf8_decode("\xFF", 1, &cp) == 0);
    static const uint32_t round[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
    for (size_t i = 0; i < sizeof round / sizeof *round; i++) {
        char out[4];
        int n = utf8_encode(round[i], out);
        CHECK(n >= 1 && n <= 4 && utf8_decode(out, (size_t)n, &cp) == n && cp == round[i]);
    }
    CHECK(utf8_check("abc \xED\x95\x9C", 7) == (size_t)-1);
    CHECK(utf8_check("ab\xC0\x80z", 5) == 2);
    CHECK(utf8_check("abc\xE2\x82", 5) == 3);
}

/* ---- classes of code points ---------------------------------------------- */

static void test_uchar(void)
{
    diag d = {0};
    CHECK(uchar_setup(&d) == 0 && d.kind == ERR_NONE);
    CHECK(uchar_classify('a') == UC_OK && uchar_classify('\t') == UC_OK &&
          uchar_classify('\n') == UC_OK && uchar_classify(' ') == UC_OK);
    CHECK(uchar_classify(0xD55C) == UC_OK && uchar_classify(0x2028) == UC_OK);   /* 한, LS */
    CHECK(uchar_classify(0x200B) == UC_OK && uchar_classify(0xE000) == UC_OK);   /* Cf, Co */
    CHECK(uchar_classify(0x01) == UC_CONTROL && uchar_classify('\r') == UC_CONTROL &&
          uchar_classify(0x7F) == UC_CONTROL);
    CHECK(uchar_classify(0x85) == UC_C1_CONTROL && uchar_classify(0x9F) == UC_C1_CONTROL);
    CHECK(uchar_classify(0xFDD0) == UC_NONCHARACTER && uchar_classify(0xFFFE) == UC_NONCHARACTER &&
          uchar_classify(0x10FFFF) == UC_NONCHARACTER && uchar_classify(0x1FFFF) == UC_NONCHARACTER);
    CHECK(uchar_classify(0x0378) == UC_UNASSIGNED);
    CHECK(uchar_classify(0xD800) == UC_SURROGATE && uchar_classify(0xDFFF) == UC_SURROGATE);
    CHECK(uchar_classify(0xFEFF) == UC_BOM);
    CHECK(uchar_classify(0x110000) == UC_INVALID);
    int named = 1;
    for (int k = 1; k < UC_KINDS; k++)
        named &= uchar_kind_name((enum uchar_kind)k) && *uchar_kind_name((enum uchar_kind)k);
    CHECK(named);
}

/* ---- the diag -------------------------------------------------------------- */

/* A diag printing into a string; diag_text gives what it printed. */
typedef struct captured {
    diag d;
    char *text;
    size_t len;
} captured;

static void capture_start(captured *c)
{
    c->text = NULL;
    c->len = 0;
    c->d = (diag){.out = open_memstream(&c->text, &c->len)};
}

static const char *capture_text(captured *c)
{
    fflush(c->d.out);
    return c->text ? c->text : "";
}

static void capture_end(captured *c)
{
    fclose(c->d.out);
    free(c->text);
}

static void test_diag_messages(void)
{
    captured c;
    capture_start(&c);
    diag_error(&c.d, (srcpos){"a.md", 3, 7}, "bad %s", "thing");
    CHECK(strcmp(capture_text(&c), "a.md:3:7: error: bad thing\n") == 0);
    capture_end(&c);
    capture_start(&c);
    diag_warning(&c.d, (srcpos){"b.md", 0, 0}, "%d", 5);   /* unknown line and column: 1 */
    diag_system(&c.d, (srcpos){0}, "disk");                 /* no file: the program's name */
    diag_internal(&c.d, "bug %d", 1);
    CHECK(strcmp(capture_text(&c), "b.md:1:1: warning: 5\nbulletin: error: disk\n"
                                   "bulletin: internal error: bug 1\n") == 0);
    CHECK(c.d.warnings == 1 && c.d.errors == 2);
    capture_end(&c);
    /* control characters in names and messages are shown, not obeyed */
    capture_start(&c);
    diag_error(&c.d, (srcpos){"x\x1b[31m.md", 1, 1}, "a\rb \xC2\x85");
    CHECK(strcmp(capture_text(&c), "x\\x1B[31m.md:1:1: error: a\\x0Db \\u0085\n") == 0);
    capture_end(&c);
    /* -q: warnings counted, not printed; errors still printed */
    capture_start(&c);
    c.d.quiet = 1;
    diag_warning(&c.d, (srcpos){0}, "hidden");
    diag_info(&c.d, "not verbose");
    CHECK(strcmp(capture_text(&c), "") == 0 && c.d.warnings == 1 && c.d.kind == ERR_NONE);
    capture_end(&c);
    /* a long message is not cut */
    capture_start(&c);
    char longer[2000];
    memset(longer, 'm', sizeof longer - 1);
    longer[sizeof longer - 1] = 0;
    diag_error(&c.d, (srcpos){0}, "%s", longer);
    CHECK(strlen(capture_text(&c)) == strlen("bulletin: error: ") + sizeof longer - 1 + 1);
    capture_end(&c);
}

static void test_diag_sticky_kind(void)
{
    diag d = {0};   /* out NULL: counted, not printed */
    CHECK(d.kind == ERR_NONE);
    diag_warning(&d, (srcpos){0}, "w");
    CHECK(d.kind == ERR_NONE && d.errors == 0);   /* a warning is no error */
    diag_error(&d, (srcpos){0}, "e");
    CHECK(d.kind == ERR_INPUT);
    diag_system(&d, (srcpos){0}, "s");
    CHECK(d.kind == ERR_SYSTEM);
    diag_error(&d, (srcpos){0}, "e again");
    CHECK(d.kind == ERR_SYSTEM);   /* a graver kind stays */
    diag_internal(&d, "i");
    diag_system(&d, (srcpos){0}, "s again");
    CHECK(d.kind == ERR_INTERNAL && d.errors == 5);
    /* errno's kind */
    diag e = {0};
    CHECK(diag_errno(&e, (srcpos){0}, ENOENT, "cannot read") == -1 && e.kind == ERR_INPUT);
    CHECK(diag_errno(&e, (srcpos){0}, EACCES, "cannot read") == -1 && e.kind == ERR_INPUT);
    CHECK(diag_errno(&e, (srcpos){0}, EIO, "cannot read") == -1 && e.kind == ERR_SYSTEM);
    captured c;
    capture_start(&c);
    diag_errno(&c.d, (srcpos){"r.md", 1, 1}, ENOENT, "cannot read %s", "it");
    CHECK(strncmp(capture_text(&c), "r.md:1:1: error: cannot read it: ", 33) == 0);
    capture_end(&c);
}

/* A part's diag (a release's) keeps its own kind and counts, prints where
 * its parent does, and folds back into it. */
static void test_diag_child(void)
{
    captured c;
    capture_start(&c);
    c.d.quiet = 1;
    diag_error(&c.d, (srcpos){0}, "before");
    diag part = diag_child(&c.d);
    CHECK(part.kind == ERR_NONE && part.errors == 0 && part.out == c.d.out && part.quiet);
    diag_warning(&part, (srcpos){0}, "w");
    diag_error(&part, (srcpos){"p.md", 2, 2}, "in the part");
    CHECK(part.kind == ERR_INPUT && c.d.errors == 1);   /* the parent untouched until merged */
    diag_merge(&c.d, &part);
    CHECK(c.d.errors == 2 && c.d.warnings == 1 && c.d.kind == ERR_INPUT);
    diag sys = diag_child(&c.d);
    diag_system(&sys, (srcpos){0}, "disk");
    diag_merge(&c.d, &sys);
    CHECK(c.d.kind == ERR_SYSTEM);
    CHECK(strcmp(capture_text(&c), "bulletin: error: before\np.md:2:2: error: in the part\n"
                                   "bulletin: error: disk\n") == 0);
    capture_end(&c);
}

/* Out of memory: a system error, said once in the process however often and
 * through however many diags, and the last thing a diag says. */
static void test_diag_oom(void)
{
    captured a, b;
    capture_start(&a);
    capture_start(&b);
    CHECK(diag_oom(&a.d) == -1 && a.d.kind == ERR_SYSTEM && a.d.oom);
    CHECK(diag_oom(&a.d) == -1);
    diag_error(&a.d, (srcpos){"echo.md", 1, 1}, "a failure's echo");
    diag_warning(&a.d, (srcpos){0}, "nor this");
    diag_internal(&a.d, "nor this");
    CHECK(strcmp(capture_text(&a), "bulletin: error: out of memory\n") == 0);
    CHECK(a.d.errors == 4 && a.d.warnings == 1 && a.d.kind == ERR_INTERNAL);   /* counted */
    diag part = diag_child(&a.d);   /* a part begun after it says nothing either */
    diag_error(&part, (srcpos){0}, "later");
    CHECK(strcmp(capture_text(&a), "bulletin: error: out of memory\n") == 0);
    CHECK(diag_oom(&b.d) == -1 && b.d.kind == ERR_SYSTEM);   /* another diag: not again */
    diag_errno(&b.d, (srcpos){0}, ENOMEM, "cannot read");
    CHECK(strcmp(capture_text(&b), "") == 0 && b.d.oom);
    capture_end(&a);
    capture_end(&b);
}

int main(void)
{
    RUN(test_distance);
    RUN(test_limit_scales_with_length);
    RUN(test_suggestions);
    RUN(test_ties);
    RUN(test_did_you_mean);
    RUN(test_hangul_ranges);
    RUN(test_arena);
    RUN(test_buf);
    RUN(test_strmap);
    RUN(test_utf8);
    RUN(test_uchar);
    RUN(test_diag_messages);
    RUN(test_diag_sticky_kind);
    RUN(test_diag_child);
    RUN(test_diag_oom);   /* last: out of memory is said once in the process */
    return CHECK_DONE();
}
