/* mime.c — the encoders of a message: folded header lines (RFC 5322 §2.2.3),
 * RFC 2047 encoded words for non-ASCII display names and subjects, RFC 2231
 * parameters for a non-ASCII file name, base64 and quoted-printable bodies
 * (RFC 2045). No line is longer than MAIL_LINE_MAX characters, and nothing a
 * value holds can end a header line: line ends in values become spaces. */
#include <stdlib.h>
#include <string.h>
#include "mail-private.h"

static const char hex_digits[] = "0123456789ABCDEF";

void mail_put(mail_out *o, const void *p, size_t n)
{
    if (o->failed || !n)
        return;
    if (buf_append(&o->b, p, n)) {
        o->failed = 1;
        return;
    }
    const char *c = p;
    size_t i = n;
    while (i > 0 && c[i - 1] != '\n')
        i--;
    o->col = i ? n - i : o->col + n;   /* the column after the last line end */
}

void mail_puts(mail_out *o, const char *s)
{
    mail_put(o, s, strlen(s));
}

/* ---- header lines ----------------------------------------------------- */

void mail_header_begin(mail_out *o, const char *name)
{
    mail_puts(o, name);
    mail_puts(o, ":");
}

void mail_header_piece(mail_out *o, const char *s, size_t n, int space)
{
    /* one character is kept free for a ',' or ';' that may follow */
    if (space)
        mail_puts(o, o->col + 1 + n > MAIL_LINE_MAX - 1 && o->col > 1 ? "\n " : " ");
    mail_put(o, s, n);
}

void mail_header_end(mail_out *o)
{
    mail_puts(o, "\n");
}

/* A byte RFC 2047's Q encoding may leave as it is, in a phrase too (§5 (3)). */
static int q_plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

static size_t q_length(const unsigned char *s, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += q_plain(s[i]) || s[i] == ' ' ? 1 : 3;
    return len;
}

static size_t b64_length(size_t n)
{
    return (n + 2) / 3 * 4;
}

static void b64_chunk(char *out, const unsigned char *p, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint32_t v = (uint32_t)p[0] << 16 | (n > 1 ? (uint32_t)p[1] << 8 : 0) | (n > 2 ? p[2] : 0);
    out[0] = digits[v >> 18 & 63];
    out[1] = digits[v >> 12 & 63];
    out[2] = n > 1 ? digits[v >> 6 & 63] : '=';
    out[3] = n > 2 ? digits[v & 63] : '=';
}

enum { EW_OVERHEAD = 12,   /* "=?UTF-8?Q?" and "?=" */
       EW_MAX = 75,        /* RFC 2047 §2 */
       EW_MIN = 24 };      /* room for one character of 4 bytes, Q-encoded: else fold first */

/* UTF-8 text s[0..n) (the spaces in it encoded too) as encoded words after
 * a space each, split only between characters, each filling the line's rest
 * (one character kept free) or folded onto a line of its own. */
static void encoded_words(mail_out *o, const unsigned char *s, size_t n)
{
    int q = q_length(s, n) <= b64_length(n);
    size_t i = 0;
    while (i < n) {
        mail_puts(o, o->col + 1 + EW_MIN > MAIL_LINE_MAX - 1 ? "\n " : " ");
        size_t room = MAIL_LINE_MAX - 1 - o->col;
        if (room > EW_MAX)
            room = EW_MAX;
        size_t budget = room - EW_OVERHEAD, end = i, len = 0;
        while (end < n) {   /* whole characters while they fit */
            size_t k = 1;
            while (end + k < n && (s[end + k] & 0xC0) == 0x80)
                k++;
            size_t grown = q ? len + q_length(s + end, k) : b64_length(end + k - i);
            if (grown > budget)
                break;
            len = grown;
            end += k;
        }
        char word[EW_MAX + 1];
        size_t w = 10;
        memcpy(word, q ? "=?UTF-8?Q?" : "=?UTF-8?B?", 10);
        if (q) {
            for (size_t j = i; j < end; j++) {
                if (s[j] == ' ') {
                    word[w++] = '_';
                } else if (q_plain(s[j])) {
                    word[w++] = (char)s[j];
                } else {
                    word[w++] = '=';
                    word[w++] = hex_digits[s[j] >> 4];
                    word[w++] = hex_digits[s[j] & 15];
                }
            }
        } else {
            for (size_t j = i; j < end; j += 3, w += 4)
                b64_chunk(word + w, s + j, end - j < 3 ? end - j : 3);
        }
        word[w++] = '?';
        word[w++] = '=';
        mail_put(o, word, w);
        i = end;
    }
}

/* Must this word be encoded (or, in a phrase, quoted)? Not ASCII, a control,
 * something that reads as an encoded word, too long for a line; in a phrase,
 * not atext (a '.' too: RFC 5322 has it only in the obsolete phrase). */
static int needs_encoding(const char *s, size_t n, int phrase)
{
    if (n > MAIL_LINE_MAX - 3)
        return 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x7F || c < 0x20 || (c == '=' && i + 1 < n && s[i + 1] == '?'))
            return 1;
        if (phrase && !is_mail_atext(c))
            return 1;
    }
    return 0;
}

/* The text's words: blanks and line ends separate them, controls go. Heap. */
static char *clean_words(const char *text)
{
    size_t n = strlen(text), o = 0;
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (o && s[o - 1] != ' ')
                s[o++] = ' ';
        } else if (c >= 0x20 && c != 0x7F) {
            s[o++] = (char)c;
        }
    }
    while (o && s[o - 1] == ' ')
        o--;
    s[o] = 0;
    return s;
}

/* The whole display name as one quoted string, when it is printable ASCII
 * that fits a line; 0 when it is not. */
static int quoted_phrase(mail_out *o, const char *s)
{
    char q[MAIL_LINE_MAX];
    size_t w = 0;
    q[w++] = '"';
    for (; *s; s++) {
        if ((unsigned char)*s >= 0x7F || w + 4 > MAIL_LINE_MAX - 3)
            return 0;
        if (*s == '"' || *s == '\\')
            q[w++] = '\\';
        q[w++] = *s;
    }
    q[w++] = '"';
    mail_header_piece(o, q, w, 1);
    return 1;
}

void mail_header_words(mail_out *o, const char *text, int phrase)
{
    char *s = clean_words(text);
    if (!s) {
        o->failed = 1;
        return;
    }
    int all_plain = 1;
    for (const char *w = s; *w;) {
        size_t n = strcspn(w, " ");
        all_plain &= !needs_encoding(w, n, phrase);
        w += n + (w[n] == ' ');
    }
    if (phrase && !all_plain && quoted_phrase(o, s)) {
        free(s);
        return;
    }
    for (const char *w = s; *w;) {
        size_t n = strcspn(w, " ");
        if (!needs_encoding(w, n, phrase)) {
            mail_header_piece(o, w, n, 1);
            w += n + (w[n] == ' ');
            continue;
        }
        /* the run of words that must be encoded, with the spaces inside it */
        const char *end = w + n;
        while (*end == ' ') {
            size_t k = strcspn(end + 1, " ");
            if (!needs_encoding(end + 1, k, phrase))
                break;
            end += 1 + k;
        }
        encoded_words(o, (const unsigned char *)w, (size_t)(end - w));
        w = end + (*end == ' ');
    }
    free(s);
}

void mail_header_addresses(mail_out *o, const mail_address *list, int n)
{
    for (int i = 0; i < n; i++) {
        if (list[i].name) {
            mail_header_words(o, list[i].name, 1);
            char angle[MAIL_ADDRESS_MAX + 3];
            size_t len = strlen(list[i].addr) + 2;
            if (len < sizeof angle) {
                snprintf(angle, sizeof angle, "<%s>", list[i].addr);
                mail_header_piece(o, angle, len, 1);
            } else {   /* longer than the parser lets through: whole, on a line of its own */
                mail_header_piece(o, "<", 1, 1);
                mail_puts(o, list[i].addr);
                mail_puts(o, ">");
            }
        } else {
            mail_header_piece(o, list[i].addr, strlen(list[i].addr), 1);
        }
        if (i + 1 < n)
            mail_header_piece(o, ",", 1, 0);
    }
}

/* An RFC 2231 attr-char: left as it is in an extended value. */
static int attr_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$&+-.^_`|~", c));
}

void mail_header_param(mail_out *o, const char *attr, const char *value)
{
    char piece[MAIL_LINE_MAX];
    size_t n = strlen(value), alen = strlen(attr);
    int plain = alen + n + 3 <= MAIL_LINE_MAX - 3;
    for (size_t i = 0; plain && i < n; i++)
        plain = value[i] >= 0x20 && value[i] < 0x7F && value[i] != '"' && value[i] != '\\';
    if (!plain) {
        mail_header_param_extended(o, attr, value);
        return;
    }
    int len = snprintf(piece, sizeof piece, "%s=\"%s\"", attr, value);
    mail_header_piece(o, ";", 1, 0);
    mail_header_piece(o, piece, (size_t)len, 1);
}

void mail_header_param_extended(mail_out *o, const char *attr, const char *value)
{
    char piece[MAIL_LINE_MAX];
    size_t n = strlen(value), alen = strlen(attr);
    mail_header_piece(o, ";", 1, 0);
    /* attr*=UTF-8''%XX..., or attr*0*=UTF-8''..., attr*1*=..., each piece a line */
    size_t encoded = 0;
    for (size_t i = 0; i < n; i++)
        encoded += attr_char((unsigned char)value[i]) ? 1 : 3;
    int continued = alen + 10 + encoded > MAIL_LINE_MAX - 3, section = 0;
    size_t i = 0;
    do {
        size_t w = (size_t)(continued ? snprintf(piece, sizeof piece, "%s*%d*=%s", attr, section,
                                                 section ? "" : "UTF-8''")
                                      : snprintf(piece, sizeof piece, "%s*=UTF-8''", attr));
        /* whole characters: each section is decoded on its own */
        while (i < n) {
            size_t k = 1, need = 0;
            while (i + k < n && ((unsigned char)value[i + k] & 0xC0) == 0x80)
                k++;
            for (size_t j = i; j < i + k; j++)
                need += attr_char((unsigned char)value[j]) ? 1 : 3;
            if (w + need > MAIL_LINE_MAX - 2)
                break;
            for (size_t j = i; j < i + k; j++) {
                unsigned char c = (unsigned char)value[j];
                if (attr_char(c)) {
                    piece[w++] = (char)c;
                } else {
                    piece[w++] = '%';
                    piece[w++] = hex_digits[c >> 4];
                    piece[w++] = hex_digits[c & 15];
                }
            }
            i += k;
        }
        if (section)
            mail_header_piece(o, ";", 1, 0);
        mail_header_piece(o, piece, w, 1);
        section++;
    } while (i < n);
}

/* ---- bodies ------------------------------------------------------------ */

void mail_base64(mail_out *o, const void *data, size_t n)
{
    const unsigned char *p = data;
    char line[80];
    for (size_t i = 0; i < n;) {
        size_t w = 0;
        for (; i < n && w < 76; i += 3, w += 4)
            b64_chunk(line + w, p + i, n - i < 3 ? n - i : 3);
        line[w++] = '\n';
        mail_put(o, line, w);
    }
}

/* Quoted-printable: must byte i of a line of text be written =XX? */
static int qp_escaped(const char *line, size_t len, size_t i)
{
    unsigned char c = (unsigned char)line[i];
    if (c == ' ' || c == '\t')
        return i + 1 == len;   /* blanks at a line's end would be lost in transit */
    if (c < 33 || c > 126 || c == '=')
        return 1;
    /* a line that opens "From " (mbox) or with a '.' (SMTP) reads the same either way */
    return i == 0 && (c == '.' || (len >= 5 && memcmp(line, "From ", 5) == 0));
}

void mail_quoted_printable(mail_out *o, const char *text, size_t n)
{
    size_t start = 0;
    while (start < n) {
        const char *nl = memchr(text + start, '\n', n - start);
        size_t len = nl ? (size_t)(nl - (text + start)) : n - start;
        const char *line = text + start;
        char out[80];
        size_t w = 0;
        for (size_t i = 0; i < len; i++) {
            int esc = qp_escaped(line, len, i);
            size_t need = esc ? 3 : 1;
            /* 76 characters a line, the soft break's '=' among them, unless
             * this is the line's last byte */
            if (w + need > (i + 1 == len ? 76 : 75)) {
                out[w++] = '=';
                out[w++] = '\n';
                mail_put(o, out, w);
                w = 0;
            }
            if (esc) {
                out[w++] = '=';
                out[w++] = hex_digits[(unsigned char)line[i] >> 4];
                out[w++] = hex_digits[(unsigned char)line[i] & 15];
            } else {
                out[w++] = line[i];
            }
        }
        out[w++] = '\n';
        mail_put(o, out, w);
        start += len + 1;
    }
}

/* The length quoted-printable gives text (the same rules, counted). */
static size_t qp_length(const char *text, size_t n)
{
    mail_out count = {0};
    mail_quoted_printable(&count, text, n);
    size_t len = count.failed ? (size_t)-1 : count.b.len;
    buf_free(&count.b);
    return len;
}

const char *mail_text_encoding(const char *text, size_t n)
{
    size_t b64 = b64_length(n) + (b64_length(n) + 75) / 76;
    return qp_length(text, n) <= b64 ? "quoted-printable" : "base64";
}

void mail_encode_text(mail_out *o, const char *text, size_t n)
{
    if (strcmp(mail_text_encoding(text, n), "base64") == 0)
        mail_base64(o, text, n);
    else
        mail_quoted_printable(o, text, n);
}
