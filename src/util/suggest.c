/* suggest.c — the nearest known name to a mistyped one, for "did you mean"
 * in the messages about unknown keys (front matter, manifests, style
 * sheets): the one place where "close enough to suggest" is decided.
 *
 * The distance is the optimal string alignment distance (Damerau–Levenshtein
 * restricted to adjacent transpositions that are not edited again) over code
 * points, ASCII case ignored: one insertion, deletion, substitution or swap of
 * two neighbours costs 1 ('lnag' -> 'lang', 'titel' -> 'title', 'subtile' ->
 * 'subtitle'). A name is suggested when it is at most name_distance_limit of
 * the typed name's length away, and no other known name is as near: a tie
 * suggests nothing rather than a guess. */
#include <stdio.h>
#include <string.h>
#include "util.h"

/* Names longer than this are never compared (the rows live on the stack). */
enum { NAME_MAX_CHARS = 64 };

static uint32_t fold_case(uint32_t c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The code points of s (ASCII folded to lower case) into out[NAME_MAX_CHARS];
 * their count, or -1 when s is too long or not valid UTF-8. */
static int name_chars(const char *s, uint32_t *out)
{
    size_t len = strlen(s), o = 0;
    int n = 0;
    while (o < len) {
        uint32_t c;
        int u = utf8_decode(s + o, len - o, &c);
        if (u == 0 || n == NAME_MAX_CHARS)
            return -1;
        out[n++] = fold_case(c);
        o += (size_t)u;
    }
    return n;
}

static int min3(int a, int b, int c)
{
    int m = a < b ? a : b;
    return m < c ? m : c;
}

int name_distance(const char *a, const char *b)
{
    uint32_t x[NAME_MAX_CHARS], y[NAME_MAX_CHARS];
    int m = name_chars(a, x), n = name_chars(b, y);
    if (m < 0 || n < 0)
        return -1;
    /* three rows of the (m+1) x (n+1) table: i-2, i-1 and i */
    int rows[3][NAME_MAX_CHARS + 1];
    for (int j = 0; j <= n; j++)
        rows[0][j] = j;
    for (int i = 1; i <= m; i++) {
        int *cur = rows[i % 3], *up = rows[(i - 1) % 3], *up2 = rows[(i + 1) % 3];
        cur[0] = i;
        for (int j = 1; j <= n; j++) {
            int cost = x[i - 1] != y[j - 1];
            cur[j] = min3(up[j] + 1, cur[j - 1] + 1, up[j - 1] + cost);
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                up2[j - 2] + 1 < cur[j])
                cur[j] = up2[j - 2] + 1;
        }
    }
    return rows[m % 3][n];
}

int name_distance_limit(const char *name)
{
    uint32_t cps[NAME_MAX_CHARS];
    int n = name_chars(name, cps);
    if (n <= 0)
        return 0;
    /* one edit up to 5 characters, two up to 8, three up to 11, ... */
    return n < 3 ? 1 : n / 3;
}

void name_suggest_start(name_suggest *s, const char *typed)
{
    s->typed = typed;
    s->best = NULL;
    s->distance = name_distance_limit(typed) + 1;
    s->tied = 0;
}

void name_suggest_offer(name_suggest *s, const char *known)
{
    int d = name_distance(s->typed, known);
    if (d < 0 || d > s->distance || strcmp(s->typed, known) == 0)
        return;
    if (d == s->distance) {
        s->tied |= s->best != NULL && strcmp(s->best, known) != 0;
        return;
    }
    s->best = known;
    s->distance = d;
    s->tied = 0;
}

const char *name_suggest_result(const name_suggest *s)
{
    return s->tied ? NULL : s->best;
}

const char *name_did_you_mean(const char *best, char *out, size_t size)
{
    if (!best || size == 0)
        return "";
    int n = snprintf(out, size, "; did you mean '%s'?", best);
    return n > 0 && (size_t)n < size ? out : "";
}

const char *name_nearest(const char *typed, const char *const *known, size_t n)
{
    name_suggest s;
    name_suggest_start(&s, typed);
    for (size_t i = 0; i < n; i++)
        name_suggest_offer(&s, known[i]);
    return name_suggest_result(&s);
}
