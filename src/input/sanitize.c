/* sanitize.c — the one place where a release's characters are checked before
 * any parser, libunibreak or HarfBuzz sees them:
 *   the whole file .. not empty, not UTF-16/32 (an error naming the encoding),
 *                     no NUL, valid UTF-8 (errors); a leading BOM dropped;
 *                     CRLF and lone CR become LF;
 *   the source ...... unusable code points (uchar_classify: controls,
 *                     noncharacters, unassigned, a BOM inside the text) are
 *                     dropped — in the body overwritten with SANITIZE_FILL
 *                     bytes so every later column stays exact — with one
 *                     warning per kind per release at the first one's position;
 *   decoded text .... what cmark's entities and YAML's escapes make (&#1;,
 *                     "\uFFFF") is dropped the same way, fill bytes removed,
 *                     tabs become spaces (tab stops of 4 in code blocks). */
#include <string.h>
#include "input-private.h"

srcpos sanitize_pos(const char *file, const char *data, size_t off)
{
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < off; i++)
        if (data[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    return (srcpos){file, line, (int)(off - line_start) + 1};
}

/* UTF-16 or UTF-32 by its byte-order mark, or UTF-16 by where the zero bytes
 * of ASCII text fall; NULL when the bytes do not look like either. */
static const char *wide_encoding(const unsigned char *u, size_t len)
{
    if (len >= 4 && !memcmp(u, "\xFF\xFE\0\0", 4))
        return "UTF-32LE";
    if (len >= 4 && !memcmp(u, "\0\0\xFE\xFF", 4))
        return "UTF-32BE";
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return "UTF-16LE";
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return "UTF-16BE";
    size_t n = len < 512 ? len : 512, zero[2] = {0, 0};
    for (size_t i = 0; i < n; i++)
        zero[i & 1] += u[i] == 0;
    if (n < 4 || zero[0] + zero[1] < n / 8)
        return NULL;
    if (zero[1] > 3 * zero[0])
        return "UTF-16LE";   /* "-\0-\0-\0" */
    if (zero[0] > 3 * zero[1])
        return "UTF-16BE";
    return NULL;
}

int sanitize_file(const char *file, char *data, size_t *len, diag *d)
{
    size_t n = *len;
    const char *wide = wide_encoding((const unsigned char *)data, n);
    if (wide) {
        diag_error(d, (srcpos){file, 1, 1}, "file is %s; save it as UTF-8", wide);
        return -1;
    }
    if (n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        memmove(data, data + 3, n - 3);   /* a byte-order mark: columns start after it */
        n -= 3;
        data[n] = '\0';
    }
    size_t i = 0;
    while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r' ||
                     data[i] == '\f' || data[i] == '\v'))
        i++;
    if (i == n) {
        diag_error(d, (srcpos){file, 1, 1}, "file is empty: a release is front matter (a line"
                   " '---', the keys, a line '---') and then its text");
        return -1;
    }
    int failed = 0;
    const char *nul = memchr(data, '\0', n);
    if (nul) {
        diag_error(d, sanitize_pos(file, data, (size_t)(nul - data)),
                   "file contains a NUL byte; is it a text file?");
        failed = 1;
    }
    size_t bad = utf8_check(data, n);
    if (bad != (size_t)-1) {
        diag_error(d, sanitize_pos(file, data, bad),
                   "invalid UTF-8 (byte 0x%02X); the file must be UTF-8: save it as UTF-8",
                   (unsigned)(unsigned char)data[bad]);
        failed = 1;
    }
    if (failed)
        return -1;
    /* line ends: CRLF and a lone CR (old Mac files) become LF */
    size_t o = 0;
    for (i = 0; i < n; i++) {
        if (data[i] == '\r') {
            data[o++] = '\n';
            if (i + 1 < n && data[i + 1] == '\n')
                i++;
        } else {
            data[o++] = data[i];
        }
    }
    data[o] = '\0';
    *len = o;
    return 0;
}

/* Form feed, vertical tab and NEL separate words: they become a space. */
static int is_blank_control(uint32_t cp)
{
    return cp == 0x0B || cp == 0x0C || cp == 0x85;
}

/* Count one unusable code point of kind k at `at` (the first one is kept for the warning). */
static void note_kind(sanitizer *z, enum uchar_kind k, uint32_t cp, srcpos at)
{
    if (z->count[k]++ == 0) {
        z->first[k] = at;
        z->first_cp[k] = cp;
    }
}

void sanitize_source(sanitizer *z, char *s, size_t *n, int first_line, int fill)
{
    size_t len = *n, o = 0;
    int line = first_line;
    size_t line_start = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            line++;
            line_start = i + 1;
        }
        if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t') {
            s[o++] = s[i++];
            continue;
        }
        uint32_t cp;
        int used = utf8_decode(s + i, len - i, &cp);
        if (used <= 0) {   /* checked by sanitize_file: never kept if it were not */
            cp = 0xFFFF;
            used = 1;
        }
        enum uchar_kind k = uchar_classify(cp);
        if (k == UC_OK) {
            memmove(s + o, s + i, (size_t)used);
            o += (size_t)used;
        } else {
            note_kind(z, k, cp, (srcpos){z->file, line, (int)(i - line_start) + 1});
            if (is_blank_control(cp))
                s[o++] = ' ';
            else if (!fill)
                ;   /* removed */
            else
                s[o++] = SANITIZE_FILL;
            if (fill)   /* keep the byte count, so columns after it stay exact */
                for (int b = 1; b < used; b++)
                    s[o++] = SANITIZE_FILL;
        }
        i += (size_t)used;
    }
    if (o < len)
        s[o] = '\0';
    *n = o;
}

/* The warning for kind k, at the first one's position. */
static void warn_kind(sanitizer *z, enum uchar_kind k, srcpos at, uint32_t cp, int count)
{
    char more[48] = "";
    if (count > 1)
        snprintf(more, sizeof more, " (and %d more in this file)", count - 1);
    const char *hint = "";
    switch (k) {
    case UC_CONTROL: hint = "; controls are not text: remove it"; break;
    case UC_C1_CONTROL:
        hint = "; C1 controls in text mean it was read as Latin-1 somewhere: convert the"
               " original from Windows-1252 to UTF-8";
        break;
    case UC_NONCHARACTER: hint = "; noncharacters are not text: remove it"; break;
    case UC_UNASSIGNED: hint = "; not a character in the Unicode version this program knows"; break;
    case UC_BOM: hint = " (a byte-order mark belongs only at the start of a file: were two files joined?)"; break;
    default: break;
    }
    diag_warning(z->d, at, "%s U+%04X %s%s%s", uchar_kind_name(k), (unsigned)cp,
                 is_blank_control(cp) ? "replaced by a space" : "dropped", more, hint);
    z->warned |= 1u << k;
}

void sanitize_report(sanitizer *z)
{
    for (;;) {   /* in the order of the first position of each kind */
        int best = -1;
        for (int k = 1; k < UC_KINDS; k++) {
            if (!z->count[k] || (z->warned & (1u << k)))
                continue;
            if (best < 0 || z->first[k].line < z->first[best].line ||
                (z->first[k].line == z->first[best].line && z->first[k].col < z->first[best].col))
                best = k;
        }
        if (best < 0)
            return;
        warn_kind(z, (enum uchar_kind)best, z->first[best], z->first_cp[best], z->count[best]);
    }
}

char *sanitize_text(sanitizer *z, arena *a, const char *s, size_t n, srcpos at, int mode)
{
    size_t room = n;
    for (size_t i = 0; i < n; i++)   /* a tab in code may become up to 4 spaces */
        room += mode == TEXT_CODE && s[i] == '\t' ? 3 : 0;
    char *out = arena_alloc(a, room + 1);
    if (!out) {
        diag_oom(z->d);
        return NULL;
    }
    size_t o = 0, col = 0;   /* col: characters since the last line feed (code) */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t') {
            size_t to = mode == TEXT_CODE ? 4 - col % 4 : 1;
            for (size_t k = 0; k < to; k++)
                out[o++] = ' ';
            col += to;
            i++;
            continue;
        }
        if ((c >= 0x20 && c < 0x7F) || c == '\n') {
            out[o++] = (char)c;
            col = c == '\n' ? 0 : col + 1;
            i++;
            continue;
        }
        if (c == SANITIZE_FILL) {   /* reported with its own position */
            i++;
            continue;
        }
        uint32_t cp;
        int used = utf8_decode(s + i, n - i, &cp);
        if (used <= 0) {   /* cmark writes &#xFFFF; and &#xFFFE; as the bare bytes FF, FE */
            cp = c == 0xFE ? 0xFFFE : 0xFFFF;
            used = 1;
        }
        enum uchar_kind k = uchar_classify(cp);
        if (k == UC_OK) {
            memcpy(out + o, s + i, (size_t)used);
            o += (size_t)used;
            col++;
        } else {
            if (!(z->warned & (1u << k))) {   /* made by an entity or escape */
                z->count[k]++;
                warn_kind(z, k, at, cp, 1);
            }
            if (is_blank_control(cp)) {
                out[o++] = ' ';
                col++;
            }
        }
        i += (size_t)used;
    }
    out[o] = '\0';
    return out;
}

void sanitize_strip(char *s)
{
    size_t o = 0, n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int used = utf8_decode(s + i, n - i, &cp);
        if (used <= 0) {
            i++;
            continue;
        }
        if (cp == '\t' || is_blank_control(cp))
            s[o++] = ' ';
        else if (uchar_classify(cp) == UC_OK)
            for (int b = 0; b < used; b++)
                s[o++] = s[i + (size_t)b];
        i += (size_t)used;
    }
    s[o] = '\0';
}
