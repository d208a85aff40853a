/* test_pdfnum.c — the content-stream number and hex writers of pdf/strings.c
 * against printf: the same text for many values (every step of a grid, powers
 * of ten, halfway cases, random doubles), never "-0", and NaN and infinities
 * written as numbers PDF can read. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf/pdf-private.h"

/* What pdfw_num must write, spelled with printf: three decimals, trailing
 * zeros and the point dropped, never "-0", clamped to ±1e9, NaN as 0. */
static void reference(double v, char *out, size_t size)
{
    if (!isfinite(v))
        v = 0;
    v = v > 1e9 ? 1e9 : v < -1e9 ? -1e9 : v;
    long long r = llround(v * 1000.0);
    if (r == 0) {
        snprintf(out, size, "0");
        return;
    }
    unsigned long long a = (unsigned long long)(r < 0 ? -r : r);
    int n = snprintf(out, size, "%s%llu.%03llu", r < 0 ? "-" : "", a / 1000, a % 1000);
    while (n > 0 && out[n - 1] == '0')
        out[--n] = 0;
    if (n > 0 && out[n - 1] == '.')
        out[--n] = 0;
}

static int same(double v)
{
    buf b = {0};
    char want[64];
    reference(v, want, sizeof want);
    int ok = pdfw_num(&b, v) == 0 && b.data && strcmp(b.data, want) == 0;
    if (!ok)
        printf("  %.17g: wrote '%s', printf says '%s'\n", v, b.data ? b.data : "(null)", want);
    buf_free(&b);
    return ok;
}

static void test_num_grid(void)
{
    int bad = 0;
    for (long i = -200000; i <= 200000 && bad < 5; i++)   /* every thousandth in ±200 */
        bad += !same(i / 1000.0);
    for (long i = -3000; i <= 3000 && bad < 5; i++)       /* halfway cases */
        bad += !same(i / 1000.0 + 0.0005);
    CHECK(bad == 0);
}

static void test_num_edges(void)
{
    const double v[] = {0.0, -0.0, 0.0004, -0.0004, 0.0005, -0.0005, 0.00049999, 1e-12, -1e-12,
                        1, -1, 10, 100, 1000, 1e6, 999999999.999, 1e9, -1e9, 2e9, -2e9, 1e300,
                        -1e300, 12.5, 595.276, 841.89, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
                        NAN, INFINITY, -INFINITY, 4503599627370496.0};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        CHECK(same(v[i]));
    buf b = {0};
    CHECK(pdfw_num(&b, -0.0001) == 0 && strcmp(b.data, "0") == 0);   /* never "-0" */
    buf_free(&b);
}

static void test_num_random(void)
{
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    int bad = 0;
    for (int i = 0; i < 1000000 && bad < 5; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double scale = pow(10, (double)(x % 12) - 3);   /* 1e-3 .. 1e8 */
        double v = ((double)(x >> 11) / 9007199254740992.0 * 2 - 1) * scale;
        bad += !same(v);
    }
    CHECK(bad == 0);
}

static void test_hex4(void)
{
    int bad = 0;
    for (unsigned v = 0; v <= 0x1FFFF && bad < 5; v++) {
        buf b = {0};
        char want[16];
        snprintf(want, sizeof want, "%04X", v);
        if (pdfw_hex4(&b, v) != 0 || strcmp(b.data, want) != 0) {
            printf("  %u: wrote '%s', printf says '%s'\n", v, b.data ? b.data : "", want);
            bad++;
        }
        buf_free(&b);
    }
    CHECK(bad == 0);
    buf b = {0};
    CHECK(pdfw_hex4(&b, 0xFFFFFFFFu) == 0 && strcmp(b.data, "FFFFFFFF") == 0);
    buf_free(&b);
}

int main(void)
{
    RUN(test_num_grid);
    RUN(test_num_edges);
    RUN(test_num_random);
    RUN(test_hex4);
    return CHECK_DONE();
}
