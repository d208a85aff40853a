/* html.c — raw HTML in a release is not rendered: its text is kept, tags and
 * comments dropped, entities decoded. */
#include <string.h>
#include "input-private.h"

/* Decode one HTML entity at s (starting with '&'); append to b. Returns bytes
 * consumed; *failed is set when b could not grow. */
static size_t decode_entity(const char *s, buf *b, int *failed)
{
    static const struct { const char *name; const char *text; } named[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
        {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if (strncmp(s, named[i].name, n) == 0) {
            *failed |= buf_puts(b, named[i].text) != 0;
            return n;
        }
    }
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        const char *p = s + 2 + hex;
        unsigned long cp = 0;
        int digits = 0;
        for (; digits < 8; p++, digits++) {
            int v = hex ? input_hex_digit(*p) : (*p >= '0' && *p <= '9' ? *p - '0' : -1);
            if (v < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (unsigned long)v;
        }
        if (digits > 0 && *p == ';') {
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
            char out[4];
            *failed |= buf_append(b, out, (size_t)utf8_encode((uint32_t)cp, out)) != 0;
            return (size_t)(p + 1 - s);
        }
    }
    *failed |= buf_append(b, "&", 1) != 0;
    return 1;
}

/* Linear in the length of html: once no '>' is left, a '<' is plain text
 * without searching again. */
char *html_strip(const char *html)
{
    buf raw = {0}, out = {0};
    int failed = 0, no_gt = 0;
    const char *p = html;
    while (*p && !failed) {
        if (p[0] == '<' && strncmp(p, "<!--", 4) == 0) {
            const char *e = strstr(p + 4, "-->");
            p = e ? e + 3 : p + strlen(p);
            continue;
        }
        if (p[0] == '<' && !no_gt && (input_is_alpha(p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?')) {
            const char *e = strchr(p, '>');
            if (e) {
                failed |= buf_append(&raw, " ", 1) != 0; /* a tag separates words like a blank */
                p = e + 1;
                continue;
            }
            no_gt = 1;
        }
        if (*p == '&') {
            p += decode_entity(p, &raw, &failed);
            continue;
        }
        failed |= buf_append(&raw, p, 1) != 0;
        p++;
    }
    /* collapse runs of blanks (tags, newlines) to one space, trim the ends */
    int space = 0;
    for (size_t i = 0; i < raw.len && !failed; i++) {
        char c = raw.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && out.len > 0)
            failed |= buf_append(&out, " ", 1) != 0;
        space = 0;
        failed |= buf_append(&out, &c, 1) != 0;
    }
    buf_free(&raw);
    if (failed) {
        buf_free(&out);
        return NULL;
    }
    return buf_take(&out);
}
