/* address.c — one RFC 5322 mailbox from what a person writes: `local@domain`
 * or `Display Name <local@domain>`. The display name may be UTF-8 (RFC 6532's
 * atext, written out as RFC 2047 encoded words); the addr-spec is ASCII.
 * What the grammar allows but a bulletin's header never needs — comments,
 * groups, address literals, obsolete forms — is refused with a reason. */
#include <string.h>
#include "input-private.h"


/* One address being checked, and how its problem is said: at `at`,
 * "'TEXT' is not an e-mail address (RFC 5322): what is wrong", or for an
 * option "--mail-cc: not an e-mail address (RFC 5322): what is wrong". */
typedef struct address_check {
    const char *text;
    const char *option;   /* NULL: written in a file, at `at` */
    srcpos at;
    diag *d;
} address_check;

static int fail(const address_check *ck, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(const address_check *ck, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (ck->option)
        diag_error(ck->d, ck->at, "%s: not an e-mail address (RFC 5322): %s", ck->option, what);
    else
        diag_error(ck->d, ck->at, "'%s' is not an e-mail address (RFC 5322): %s", ck->text, what);
    return -1;
}

/* Characters a header value may never hold: controls (C0, DEL, C1) and the
 * Unicode line and paragraph separators. 0, or -1 reported. */
static int check_characters(const char *s, const address_check *ck)
{
    size_t n = strlen(s), bad = utf8_check(s, n);
    if (bad != (size_t)-1)
        return fail(ck, "the bytes at %zu are not UTF-8", bad + 1);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
            cp == 0x2029)
            return fail(ck, "%s (U+%04X) in an address: %s",
                        cp == '\n' ? "a line feed" : cp == '\r' ? "a carriage return"
                        : cp == '\t' ? "a tab" : "a control character", (unsigned)cp,
                        cp == '\n' || cp == '\r' || cp >= 0x2028 ? "an address is one line of text"
                        : "a mail header holds no control characters");
        i += (size_t)k;
    }
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* A quoted string starting at s[0] == '"': its length with both quotes, or 0
 * when it is not closed. */
static size_t quoted_length(const char *s)
{
    for (size_t i = 1; s[i]; i++) {
        if (s[i] == '\\' && s[i + 1])
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return 0;
}

/* The display name s[0..n): words (atoms with UTF-8 and dots, or quoted
 * strings) joined by single spaces into out (unquoted). 0, or -1 reported. */
static int parse_name(const char *s, size_t n, buf *out, const address_check *ck)
{
    size_t i = 0;
    while (i < n) {
        if (is_space(s[i])) {
            i++;
            continue;
        }
        if (out->len && buf_puts(out, " "))
            return diag_oom(ck->d);
        unsigned char c = (unsigned char)s[i];
        if (c == '"') {
            size_t q = quoted_length(s + i);
            if (!q || i + q > n)
                return fail(ck, "the display name's double quote is not closed");
            for (size_t j = i + 1; j < i + q - 1; j++) {
                if (s[j] == '\\')
                    j++;
                if (buf_append(out, s + j, 1))
                    return diag_oom(ck->d);
            }
            i += q;
            continue;
        }
        size_t start = i;
        while (i < n && !is_space(s[i]) && s[i] != '"') {
            c = (unsigned char)s[i];
            if (c == '(')
                return fail(ck, "'(' opens a comment, which bulletin does not take: "
                            "write the name before the address, as Name <local@domain>");
            if (!(c >= 0x80 || c == '.' || is_mail_atext(c)))
                return fail(ck, "'%c' in a display name must be inside double quotes, "
                            "as \"Name%c Name\" <local@domain>", c, c);
            i++;
        }
        if (buf_append(out, s + start, i - start))
            return diag_oom(ck->d);
    }
    return 0;
}

/* A host name: dot-separated labels of letters, digits and '-' (not at a
 * label's ends), each 1..63, 253 in all. */
static int check_domain(const char *d, size_t n, const address_check *ck)
{
    if (!n)
        return fail(ck, "nothing after '@': write the domain (local@example.go.kr)");
    if (d[0] == '[')
        return fail(ck, "address literals ([...]) are not taken: write a domain name");
    if (n > 253)
        return fail(ck, "the domain is longer than 253 characters");
    size_t label = 0;
    for (size_t i = 0; i <= n; i++) {
        char c = i < n ? d[i] : '.';
        if (c == '.') {
            if (!label || d[i - 1] == '-' || d[i - label] == '-' || label > 63)
                return fail(ck, "the domain '%.*s' is not a host name (labels of "
                            "letters, digits and '-', 1 to 63 long, joined by dots)", (int)n, d);
            label = 0;
        } else if ((unsigned char)c >= 0x80) {
            return fail(ck, "the domain '%.*s' is not ASCII: write it in its xn-- "
                        "form", (int)n, d);
        } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= '0' && c <= '9') || c == '-')) {
            return fail(ck, "'%c' cannot be part of the domain '%.*s'", c, (int)n, d);
        } else {
            label++;
        }
    }
    return 0;
}

/* local@domain in s[0..n): a dot-atom or a quoted string, '@', a host name. */
static int check_addr_spec(const char *s, size_t n, const address_check *ck)
{
    if (!n)
        return fail(ck, "no address: write local@domain");
    size_t local;
    if (s[0] == '"') {
        local = quoted_length(s);
        if (!local || local > n)
            return fail(ck, "the quoted part before '@' is not closed");
        for (size_t i = 1; i + 1 < local; i++)
            if ((unsigned char)s[i] >= 0x80)
                return fail(ck, "the part before '@' is not ASCII");
    } else {
        local = 0;
        while (local < n && s[local] != '@')
            local++;
        if (local == n)
            return fail(ck, "'%.*s' has no '@': an address is local@domain", (int)n, s);
        for (size_t i = 0; i < local; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c == '.') {
                if (i == 0 || i + 1 == local || s[i + 1] == '.')
                    return fail(ck, "a dot at the start or end of the part before '@', "
                                "or two in a row");
            } else if (c >= 0x80) {
                return fail(ck, "the part before '@' is not ASCII");
            } else if (!is_mail_atext(c)) {
                return fail(ck, "'%c' cannot stand unquoted before '@' in '%.*s'", c,
                            (int)n, s);
            }
        }
    }
    if (local == 0)
        return fail(ck, "nothing before '@'");
    if (local >= n || s[local] != '@')
        return fail(ck, "no '@' after the quoted part: an address is local@domain");
    if (local > 64)
        return fail(ck, "the part before '@' is longer than 64 characters");
    if (n > MAIL_ADDRESS_MAX)
        return fail(ck, "the address is %zu characters long; at most %d fit on a mail "
                    "header line", n, MAIL_ADDRESS_MAX);
    return check_domain(s + local + 1, n - local - 1, ck);
}

int input_parse_address(const char *text, arena *a, mail_address *out, const char *option,
                        srcpos at, diag *d)
{
    const address_check check = {text, option, at, d}, *ck = &check;
    if (check_characters(text, ck))
        return -1;
    size_t n = strlen(text), start = 0;
    while (start < n && is_space(text[start]))
        start++;
    while (n > start && is_space(text[n - 1]))
        n--;
    const char *s = text + start;
    n -= start;
    /* the '<' that opens the address, outside quoted strings */
    size_t lt = n;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            size_t q = quoted_length(s + i);
            if (!q || i + q > n)
                return fail(ck, "a double quote is not closed");
            i += q - 1;
        } else if (s[i] == '(') {
            return fail(ck, "'(' opens a comment, which bulletin does not take: write "
                        "the name before the address, as Name <local@domain>");
        } else if (s[i] == '<') {
            lt = i;
            break;
        }
    }
    buf name = {0};
    const char *spec = s;
    size_t spec_len = n;
    if (lt < n) {
        const char *gt = memchr(s + lt, '>', n - lt);
        if (!gt)
            return fail(ck, "no '>' closes the '<'");
        if ((size_t)(gt - s) + 1 != n)
            return fail(ck, "text after '>': the address ends with it");
        spec = s + lt + 1;
        spec_len = (size_t)(gt - spec);
        int rc = parse_name(s, lt, &name, ck);
        if (rc) {
            buf_free(&name);
            return rc;
        }
    } else if (memchr(s, '>', n)) {
        return fail(ck, "'>' without '<'");
    }
    if (check_addr_spec(spec, spec_len, ck)) {
        buf_free(&name);
        return -1;
    }
    if (a) {
        out->name = name.len ? arena_strndup(a, name.data, name.len) : NULL;
        out->addr = arena_strndup(a, spec, spec_len);
        if (!out->addr || (name.len && !out->name)) {
            buf_free(&name);
            return diag_oom(ck->d);
        }
    }
    buf_free(&name);
    return 0;
}
