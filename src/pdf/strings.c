/* strings.c — how numbers and text are spelled in the PDF: content-stream
 * numbers, text strings (literal ASCII or UTF-16BE with BOM, cut to the
 * PDF/A string limit), UTF-16 hex for /ActualText, text cleaned for
 * metadata, where /Info and XMP must carry the very same characters, and the
 * text of a node of the document (titles, link descriptions). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

int pdfw_num(buf *b, double v)
{
    if (!isfinite(v))
        v = 0;
    if (v > 1e9)
        v = 1e9;
    if (v < -1e9)
        v = -1e9;
    long long r = llround(v * 1000.0);
    /* written backwards into tmp: at most "-1000000000.999" */
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long long a = (unsigned long long)(r < 0 ? -r : r);
    unsigned fp = (unsigned)(a % 1000);
    unsigned long long ip = a / 1000;
    if (fp) {
        int digits = 3;
        while (fp % 10 == 0) {   /* no trailing zeros */
            fp /= 10;
            digits--;
        }
        for (int i = 0; i < digits; i++, fp /= 10)
            *--p = (char)('0' + fp % 10);
        *--p = '.';
    }
    do {
        *--p = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    if (r < 0)
        *--p = '-';
    return buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

int pdfw_hex4(buf *b, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char out[8], *p = out + sizeof out;
    do {   /* at least four digits, more when v needs them (as %04X) */
        *--p = hex[v & 15];
        v >>= 4;
    } while (v || out + sizeof out - p < 4);
    return buf_append(b, p, (size_t)(out + sizeof out - p));
}

/* The code point at s[*i] (U+FFFD for an invalid byte), advancing *i; its
 * UTF-16 code units go in u. Returns how many (1 or 2). */
static int next_utf16(const char *s, size_t len, size_t *i, uint32_t *cp, unsigned u[2])
{
    int n = utf8_decode(s + *i, len - *i, cp);
    if (n <= 0) {
        *cp = 0xFFFD;
        n = 1;
    }
    *i += (size_t)n;
    if (*cp < 0x10000) {
        u[0] = *cp;
        return 1;
    }
    uint32_t v = *cp - 0x10000;
    u[0] = 0xD800 + (v >> 10);
    u[1] = 0xDC00 + (v & 0x3FF);
    return 2;
}

int pdfw_utf16_hex(buf *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        unsigned u[2];
        int n = next_utf16(s, len, &i, &cp, u);
        if (cp == 0 || cp == 0xFEFF || cp == 0xFFFE)
            n = 1, u[0] = 0xFFFD;
        for (int k = 0; k < n; k++)
            if (pdfw_hex4(b, u[k]) < 0)
                return -1;
    }
    return 0;
}

/* How many bytes of utf8[0..len) a text string keeps (whole code points):
 * printable ASCII is written as it is, up to PDF_MAX_STRING bytes; anything
 * else as UTF-16BE with BOM in at most PDF_MAX_STRING - 1 bytes (an even count). */
static size_t text_fit(const char *utf8, size_t len, int *ascii)
{
    *ascii = 1;
    for (size_t i = 0; i < len && *ascii; i++)
        if ((unsigned char)utf8[i] < 0x20 || (unsigned char)utf8[i] > 0x7E)
            *ascii = 0;
    if (*ascii)
        return len < PDF_MAX_STRING ? len : PDF_MAX_STRING;
    size_t bytes = 2, i = 0;   /* the BOM */
    while (i < len) {
        size_t at = i;
        uint32_t cp;
        unsigned u[2];
        int n = next_utf16(utf8, len, &i, &cp, u);
        if (bytes + 2 * (size_t)n > PDF_MAX_STRING - 1)
            return at;
        bytes += 2 * (size_t)n;
    }
    return len;
}

pdf_obj *pdfw_text_string(pdf_objs *o, const char *utf8)
{
    if (!utf8)
        utf8 = "";
    int ascii;
    size_t len = text_fit(utf8, strlen(utf8), &ascii);
    if (ascii) {   /* libharu refuses strings over 65535 bytes; PDF/A allows 32767 */
        char *cut = malloc(len + 1);
        if (!cut) {
            objs_oom(o);
            return NULL;
        }
        memcpy(cut, utf8, len);
        cut[len] = 0;
        pdf_obj *str = obj_string(o, cut);
        free(cut);
        return str;
    }
    unsigned char *out = malloc(PDF_MAX_STRING);
    if (!out) {
        objs_oom(o);
        return NULL;
    }
    size_t n = 0, i = 0;
    out[n++] = 0xFE;
    out[n++] = 0xFF;
    while (i < len) {
        uint32_t cp;
        unsigned u[2];
        int k = next_utf16(utf8, len, &i, &cp, u);
        for (int j = 0; j < k; j++) {
            out[n++] = (unsigned char)(u[j] >> 8);
            out[n++] = (unsigned char)u[j];
        }
    }
    pdf_obj *bin = obj_binary(o, out, n);
    free(out);
    return bin;
}

char *pdfw_text_clean(const char *utf8)
{
    buf b = {0};
    size_t len = utf8 ? strlen(utf8) : 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = utf8_decode(utf8 + i, len - i, &cp);
        if (n <= 0) {
            cp = 0xFFFD;
            n = 1;
        }
        i += (size_t)n;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            cp = ' ';   /* not characters of XML 1.0 (C0) or not for titles (C1) */
        else if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
            cp = 0xFFFD;
        char enc[4];
        if (buf_append(&b, enc, (size_t)utf8_encode(cp, enc)) < 0) {
            buf_free(&b);
            return NULL;
        }
    }
    int ascii;
    if (b.data)
        b.data[text_fit(b.data, b.len, &ascii)] = 0;
    return buf_take(&b);
}

char *pdfw_node_text(const node *n)
{
    buf b = {0};
    int entering = 1;
    for (const node *c = n; c; c = doc_next(n, c, &entering)) {
        if (!entering)
            continue;
        if ((c->kind == N_TEXT && c->text && buf_puts(&b, c->text) < 0)
            || (c->kind == N_BREAK && buf_puts(&b, " ") < 0)) {
            buf_free(&b);
            return NULL;
        }
    }
    return buf_take(&b);
}
