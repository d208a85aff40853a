/* test_util.c — util's nearest known name (suggest.c): the distance, its
 * limit by length, and which name is suggested (or none) for the typos the
 * messages about unknown keys meet. */
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

int main(void)
{
    RUN(test_distance);
    RUN(test_limit_scales_with_length);
    RUN(test_suggestions);
    RUN(test_ties);
    RUN(test_did_you_mean);
    RUN(test_hangul_ranges);
    return CHECK_DONE();
}
