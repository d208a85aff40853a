/* test_mail.c — the message's encoders (base64, quoted-printable, RFC 2047
 * encoded words, RFC 2231 parameters, folded headers), the plain text's
 * wrapping and columns, address parsing (hostile values included), and a
 * whole message composed from a small document: decoded back here, every
 * line at most 78 characters, no header a value could add. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "input/input.h"
#include "mail/mail-private.h"

/* ---- small decoders, to read back what the encoders wrote ---- */

static int b64_value(char c)
{
    const char *digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c ? strchr(digits, c) : NULL;
    return p ? (int)(p - digits) : -1;
}

/* base64 (line ends skipped) into out; its length, or -1 when malformed. */
static long b64_decode(const char *s, size_t n, char *out)
{
    long w = 0;
    int bits = 0;
    unsigned acc = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == '=')
            continue;
        int v = b64_value(s[i]);
        if (v < 0)
            return -1;
        acc = (acc << 6 | (unsigned)v) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[w++] = (char)(acc >> bits & 0xFF);
        }
    }
    return w;
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* quoted-printable into out; its length. */
static long qp_decode(const char *s, size_t n, char *out)
{
    long w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=' && i + 1 < n && s[i + 1] == '\n') {
            i++;
        } else if (s[i] == '=' && i + 2 < n) {
            out[w++] = (char)(hex_value(s[i + 1]) << 4 | hex_value(s[i + 2]));
            i += 2;
        } else {
            out[w++] = s[i];
        }
    }
    return w;
}

/* An unstructured header value (after "Name:") unfolded and its encoded
 * words decoded, into out. */
static void header_decode(const char *v, char *out)
{
    char unfolded[8192];
    size_t u = 0;
    for (size_t i = 0; v[i] && u + 1 < sizeof unfolded; i++)
        if (!(v[i] == '\n'))
            unfolded[u++] = v[i];
    unfolded[u] = 0;
    const char *p = unfolded;
    while (*p == ' ')
        p++;
    size_t w = 0;
    int last_encoded = 0;
    while (*p) {
        const char *sp = p;
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - word);
        int encoded = n > 12 && !strncmp(word, "=?UTF-8?", 8) && !strncmp(p - 2, "?=", 2);
        if (!(encoded && last_encoded))
            for (const char *s = sp; s < word; s++)
                out[w++] = ' ';
        if (!encoded) {
            memcpy(out + w, word, n);
            w += n;
        } else if (word[8] == 'B') {
            w += (size_t)b64_decode(word + 10, n - 12, out + w);
        } else {
            for (size_t i = 10; i < n - 2; i++) {
                if (word[i] == '_') {
                    out[w++] = ' ';
                } else if (word[i] == '=') {
                    out[w++] = (char)(hex_value(word[i + 1]) << 4 | hex_value(word[i + 2]));
                    i += 2;
                } else {
                    out[w++] = word[i];
                }
            }
        }
        last_encoded = encoded;
    }
    out[w] = 0;
}

/* Every line of s at most 78 characters; lines after the first of a header
 * start with a blank. */
static int lines_fit(const char *s, size_t n)
{
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            col = 0;
        else if (++col > MAIL_LINE_MAX)
            return 0;
    }
    return 1;
}

static char *header(const char *name, const char *value, int phrase)
{
    mail_out o = {0};
    mail_header_begin(&o, name);
    mail_header_words(&o, value, phrase);
    mail_header_end(&o);
    return o.failed ? NULL : buf_take(&o.b);
}

/* Does h (a header block) hold exactly one header line, continuations aside? */
static int one_header(const char *h)
{
    for (const char *nl = strchr(h, '\n'); nl && nl[1]; nl = strchr(nl + 1, '\n'))
        if (nl[1] != ' ' && nl[1] != '\t')
            return 0;
    return 1;
}

/* ---- encoders ---- */

static void base64_vectors(void)
{
    const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *want[] = {"", "Zg==\n", "Zm8=\n", "Zm9v\n", "Zm9vYg==\n", "Zm9vYmE=\n",
                          "Zm9vYmFy\n"};
    for (int i = 0; i < 7; i++) {
        mail_out o = {0};
        mail_base64(&o, in[i], strlen(in[i]));
        CHECK(!o.failed && strcmp(o.b.data ? o.b.data : "", want[i]) == 0);
        buf_free(&o.b);
    }
    unsigned char bytes[1000];
    for (int i = 0; i < 1000; i++)
        bytes[i] = (unsigned char)(i * 7 + 3);
    mail_out o = {0};
    mail_base64(&o, bytes, sizeof bytes);
    char back[1000];
    CHECK(strncmp(o.b.data, "AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dzj6vH4/wYNFBsiKTA3PkVMU1ph",
                  68) == 0);
    CHECK(strchr(o.b.data, '\n') - o.b.data == 76);
    CHECK(lines_fit(o.b.data, o.b.len));
    CHECK(b64_decode(o.b.data, o.b.len, back) == 1000 && memcmp(back, bytes, 1000) == 0);
    buf_free(&o.b);
}

static void quoted_printable(void)
{
    struct { const char *in, *want; } cases[] = {
        {"a=b\n", "a=3Db\n"},
        {"trailing \n", "trailing=20\n"},
        {"tab\t\n", "tab=09\n"},
        {"From here\n", "=46rom here\n"},
        {".\n", "=2E\n"},
        {"caf\xC3\xA9\n", "caf=C3=A9\n"},
        {"a b\n", "a b\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mail_out o = {0};
        mail_quoted_printable(&o, cases[i].in, strlen(cases[i].in));
        CHECK(strcmp(o.b.data, cases[i].want) == 0);
        buf_free(&o.b);
    }
    /* long lines: soft breaks, never inside =XX, and back again */
    char text[2000];
    size_t n = 0;
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s", i % 3 ? "x" : "\xED\x95\x9C=");
    text[n++] = '\n';
    mail_out o = {0};
    mail_quoted_printable(&o, text, n);
    char back[4000];
    CHECK(lines_fit(o.b.data, o.b.len));
    for (const char *l = o.b.data; *l; l = strchr(l, '\n') + 1)
        CHECK(strchr(l, '\n') - l <= 76);
    CHECK(qp_decode(o.b.data, o.b.len, back) == (long)n && memcmp(back, text, n) == 0);
    buf_free(&o.b);
    CHECK(strcmp(mail_text_encoding("plain English text\n", 19), "quoted-printable") == 0);
    const char *ko = "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4\n";
    CHECK(strcmp(mail_text_encoding(ko, strlen(ko)), "base64") == 0);
}

static void encoded_words(void)
{
    char *h = header("Subject", "Weekly bulletin", 0);
    CHECK(h && strcmp(h, "Subject: Weekly bulletin\n") == 0);
    free(h);
    /* one non-ASCII word: only it is encoded */
    const char *title = "MSIT Weekly Press Releases \xE2\x80\x94 Issue 26, 2019";
    char back[8192];
    h = header("Subject", title, 0);
    CHECK(h && strstr(h, "MSIT Weekly") && strstr(h, "=?UTF-8?"));
    header_decode(h + 8, back);
    CHECK(strcmp(back, title) == 0);
    free(h);
    /* long Korean text: many encoded words, every line fits, the same text back */
    char ko[4000] = "";
    for (int i = 0; i < 40; i++)
        strcat(ko, i % 5 == 4 ? "2019 " : "\xEA\xB3\xB5\xEA\xB3\xB5 \xEC\x9D\xB8\xEA\xB3\xB5\xEC"
                                          "\xA7\x80\xEB\x8A\xA5 ");
    ko[strlen(ko) - 1] = 0;
    h = header("Subject", ko, 0);
    CHECK(h && lines_fit(h, strlen(h)) && one_header(h));
    header_decode(h + 8, back);
    CHECK(strcmp(back, ko) == 0);
    for (const char *w = strstr(h, "=?"); w; w = strstr(w + 2, "=?"))
        CHECK(strstr(w, "?=") - w + 2 <= 75);   /* RFC 2047 §2 */
    free(h);
    /* a word too long for a line is encoded (and so can be split) */
    char lng[200];
    memset(lng, 'a', 150);
    lng[150] = 0;
    h = header("Subject", lng, 0);
    CHECK(h && lines_fit(h, strlen(h)));
    header_decode(h + 8, back);
    CHECK(strcmp(back, lng) == 0);
    free(h);
    /* display names: specials quoted, UTF-8 encoded */
    h = header("From", "Smith, John", 1);
    CHECK(h && strcmp(h, "From: \"Smith, John\"\n") == 0);
    free(h);
    h = header("From", "John Q. Public", 1);   /* a '.' only in the obsolete phrase */
    CHECK(h && strcmp(h, "From: \"John Q. Public\"\n") == 0);
    free(h);
    h = header("From", "Spokesperson's Office", 1);
    CHECK(h && strcmp(h, "From: Spokesperson's Office\n") == 0);
    free(h);
    h = header("From", "\xEC\xA3\xBC \xEC\xBA\x90\xEB\x82\x98\xEB\x8B\xA4", 1);
    CHECK(h && strncmp(h, "From: =?UTF-8?B?", 16) == 0);
    free(h);
}

static void header_injection(void)
{
    const char *hostile[] = {
        "Hello\nBcc: victim@example.org",
        "Hello\r\nBcc: victim@example.org\r\n\r\nbody",
        "Hello\rTo: x@y.org",
        "\n\n\nFrom: x@y.org",
        "a\x01\x02\x1B[31m b\x7F",
        "=?UTF-8?B?QmNjOiB4QHkub3Jn?= plain",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        for (int phrase = 0; phrase < 2; phrase++) {
            char *h = header("Subject", hostile[i], phrase);
            CHECK(h && one_header(h) && lines_fit(h, strlen(h)));
            CHECK(h && !strchr(h, '\r') && !strchr(h, '\x1B') && !strchr(h, '\x7F'));
            free(h);
        }
    }
    /* something that reads as an encoded word is itself encoded */
    char *h = header("Subject", hostile[5], 0);
    char back[256];
    header_decode(h + 8, back);
    CHECK(strcmp(back, hostile[5]) == 0);
    free(h);
}

static void parameters(void)
{
    mail_out o = {0};
    mail_header_begin(&o, "Content-Disposition");
    mail_header_piece(&o, "attachment", 10, 1);
    mail_header_param(&o, "filename", "week 25.pdf");
    mail_header_end(&o);
    CHECK(strcmp(o.b.data, "Content-Disposition: attachment; filename=\"week 25.pdf\"\n") == 0);
    buf_free(&o.b);

    const char *name = "\xEC\xA0\x9C""25\xED\x98\xB8 \xEC\xA3\xBC\xEA\xB0\x84 \xEB\xB3\xB4\xEB\x8F"
                       "\x84\xEC\x9E\x90\xEB\xA3\x8C.pdf";   /* 제25호 주간 보도자료.pdf */
    mail_out s = {0};
    mail_header_begin(&s, "Content-Disposition");
    mail_header_piece(&s, "attachment", 10, 1);
    mail_header_param_extended(&s, "filename", name);
    mail_header_end(&s);
    CHECK(strstr(s.b.data, "filename*0*=UTF-8''%EC%A0%9C25%ED%98%B8%20") != NULL);
    CHECK(lines_fit(s.b.data, s.b.len));
    buf_free(&s.b);
    mail_out one = {0};   /* short: one parameter, no sections */
    mail_header_begin(&one, "Content-Disposition");
    mail_header_piece(&one, "attachment", 10, 1);
    mail_header_param_extended(&one, "filename", "\xEC\xA3\xBC\xEA\xB0\x84.pdf");
    mail_header_end(&one);
    CHECK(strcmp(one.b.data, "Content-Disposition: attachment; "
                             "filename*=UTF-8''%EC%A3%BC%EA%B0%84.pdf\n") == 0);
    buf_free(&one.b);

    /* a long one: continued, each section whole characters, all back */
    char lng[600] = "";
    for (int i = 0; i < 12; i++)
        strcat(lng, "\xEB\xB3\xB4\xEB\x8F\x84\xEC\x9E\x90\xEB\xA3\x8C ");
    strcat(lng, "\"q\";x.pdf");
    mail_out c = {0};
    mail_header_begin(&c, "Content-Disposition");
    mail_header_piece(&c, "attachment", 10, 1);
    mail_header_param_extended(&c, "filename", lng);
    mail_header_end(&c);
    CHECK(lines_fit(c.b.data, c.b.len) && one_header(c.b.data));
    CHECK(strstr(c.b.data, "filename*0*=UTF-8''") && strstr(c.b.data, "filename*1*="));
    char back[600];
    size_t w = 0;
    for (const char *p = strstr(c.b.data, "filename*0*=UTF-8''") + 19; p && *p;) {
        char section[200];
        size_t sn = 0;
        for (; *p && *p != ';' && *p != '\n'; p++) {
            if (*p == '%') {
                section[sn++] = (char)(hex_value(p[1]) << 4 | hex_value(p[2]));
                p += 2;
            } else {
                section[sn++] = *p;
            }
        }
        CHECK(utf8_check(section, sn) == (size_t)-1);   /* each section decodes alone */
        memcpy(back + w, section, sn);
        w += sn;
        p = strstr(p, "*=");
        p = p ? p + 2 : NULL;
    }
    back[w] = 0;
    CHECK(strcmp(back, lng) == 0);
    buf_free(&c.b);
}

static void address_lines(void)
{
    mail_address list[12];
    char addr[12][80];
    for (int i = 0; i < 12; i++) {
        snprintf(addr[i], sizeof addr[i], "someone.with.a.long.name%02d@ministry-of-example.go.kr",
                 i);
        list[i] = (mail_address){i % 3 ? "\xEC\xA3\xBC \xEC\xBA\x90\xEB\x82\x98\xEB\x8B\xA4" :
                                 NULL, addr[i]};
    }
    mail_address longest = {"A", "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijkl@abcdefghijkl.example"};
    mail_out o = {0};
    mail_header_begin(&o, "To");
    mail_header_addresses(&o, list, 12);
    mail_header_end(&o);
    mail_header_begin(&o, "Reply-To");
    mail_header_addresses(&o, &longest, 1);
    mail_header_end(&o);
    CHECK(!o.failed && lines_fit(o.b.data, o.b.len));
    for (int i = 0; i < 12; i++)
        CHECK(strstr(o.b.data, addr[i]) != NULL);
    buf_free(&o.b);
}

/* ---- plain text ---- */

static void columns(void)
{
    CHECK(mail_char_columns('a') == 1);
    CHECK(mail_char_columns(0xAC00) == 2);    /* 가 */
    CHECK(mail_char_columns(0xD7A3) == 2);    /* 힣 */
    CHECK(mail_char_columns(0x4E00) == 2);
    CHECK(mail_char_columns(0xFF21) == 2);    /* fullwidth A */
    CHECK(mail_char_columns(0x1F600) == 2);
    CHECK(mail_char_columns(0x0301) == 0);    /* combining acute */
    CHECK(mail_char_columns(0x1160) == 0);    /* Hangul jungseong filler */
    CHECK(mail_char_columns(0x200B) == 0);
    CHECK(mail_char_columns(0x00B7) == 1);    /* middle dot: ambiguous, narrow here */
    CHECK(mail_columns("\xED\x95\x9C\xEA\xB8\x80 ok", 9) == 7);

    /* the table agrees with the Unicode data installed (Debian's unicode-data) */
    FILE *f = fopen("/usr/share/unicode/EastAsianWidth.txt", "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[512];
    long wide = 0, wrong = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned lo, hi;
        char kind[4];
        int n = sscanf(line, "%x..%x ; %3[A-Za-z]", &lo, &hi, kind);
        if (n != 3) {
            n = sscanf(line, "%x ; %3[A-Za-z]", &lo, kind);
            if (n != 2)
                continue;
            hi = lo;
        }
        if (strcmp(kind, "W") && strcmp(kind, "F"))
            continue;
        for (unsigned cp = lo; cp <= hi; cp++, wide++)
            wrong += mail_char_columns(cp) != 2;
    }
    fclose(f);
    CHECK(wide > 100000 && wrong == 0);
}

/* The lines of wrapped text: each its columns without a trailing space. */
static void wrapped_lines(const char *s, int width, int *ok, int *count)
{
    *ok = 1;
    *count = 0;
    for (const char *l = s; *l; l = strchr(l, '\n') + 1) {
        const char *e = strchr(l, '\n');
        size_t n = (size_t)(e - l);
        if (n && l[n - 1] == ' ')
            n--;
        int one_word = memchr(l, ' ', n) == NULL || (l[0] == ' ' && !memchr(l + 1, ' ', n - 1));
        if (mail_columns(l, n) > (size_t)width && !one_word)
            *ok = 0;
        (*count)++;
    }
}

/* The words of s, blanks collapsed, in one string (to see none was split). */
static void words_of(const char *s, char *out)
{
    size_t w = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n') {
            if (w && out[w - 1] != ' ')
                out[w++] = ' ';
        } else {
            out[w++] = *s;
        }
    }
    while (w && out[w - 1] == ' ')
        w--;
    out[w] = 0;
}

static void wrapping(void)
{
    const char *en = "The Ministry of Science and ICT (MSIT) announced on June 24 a plan to build a "
                     "public AI data centre in Sejong, investing KRW 120 billion through 2021. From "
                     "next year the centre opens its compute to researchers and small firms alike.";
    mail_out o = {0};
    size_t widest = 0;
    mail_wrap(&o, en, MAIL_WRAP, &widest);
    int ok, count;
    wrapped_lines(o.b.data, MAIL_WRAP, &ok, &count);
    CHECK(ok && count == 4 && widest <= MAIL_WRAP && widest > 65);
    char a[2000], b[2000];
    words_of(o.b.data, a);
    words_of(en, b);
    CHECK(strcmp(a, b) == 0);
    /* flowed: lines that go on end in a space, the last one does not */
    CHECK(strstr(o.b.data, " \n") && o.b.data[o.b.len - 2] != ' ');
    buf_free(&o.b);

    /* Korean: Hangul counts two, breaks only at spaces */
    const char *ko = "\xE2\x96\xA1 \xEA\xB3\xBC\xED\x95\x99\xEA\xB8\xB0\xEC\x88\xA0\xEC\xA0\x95"
                     "\xEB\xB3\xB4\xED\x86\xB5\xEC\x8B\xA0\xEB\xB6\x80(\xEC\x9D\xB4\xED\x95\x98 "
                     "\xE2\x80\x98\xEA\xB3\xBC\xEA\xB8\xB0\xEC\xA0\x95\xED\x86\xB5\xEB\xB6\x80"
                     "\xE2\x80\x99)\xEB\x8A\x94 6\xEC\x9B\x94 24\xEC\x9D\xBC(\xEC\x9B\x94) "
                     "\xE3\x80\x8C\xEA\xB3\xB5\xEA\xB3\xB5 \xEC\x9D\xB8\xEA\xB3\xB5\xEC\xA7\x80"
                     "\xEB\x8A\xA5 \xEB\x8D\xB0\xEC\x9D\xB4\xED\x84\xB0\xEC\x84\xBC\xED\x84\xB0 "
                     "\xEA\xB5\xAC\xEC\xB6\x95 \xEA\xB3\x84\xED\x9A\x8D\xE3\x80\x8D\xEC\x9D\x84 "
                     "\xEB\xB0\x9C\xED\x91\x9C\xED\x95\x98\xEA\xB3\xA0, 2021\xEB\x85\x84\xEA\xB9"
                     "\x8C\xEC\xA7\x80 \xEC\xB4\x9D 1,200\xEC\x96\xB5 \xEC\x9B\x90\xEC\x9D\x84 "
                     "\xED\x88\xAC\xEC\x9E\x85\xED\x95\x9C\xEB\x8B\xA4\xEA\xB3\xA0 \xEB\xB0\x9D"
                     "\xED\x98\x94\xEB\x8B\xA4.";
    mail_out k = {0};
    widest = 0;
    mail_wrap(&k, ko, MAIL_WRAP, &widest);
    wrapped_lines(k.b.data, MAIL_WRAP, &ok, &count);
    CHECK(ok && count >= 2 && widest <= MAIL_WRAP && widest > 60);
    words_of(k.b.data, a);
    words_of(ko, b);
    CHECK(strcmp(a, b) == 0);   /* every word whole */
    CHECK(strlen(k.b.data) < 200 || strchr(k.b.data, '\n') - k.b.data < 200);
    buf_free(&k.b);

    /* a word longer than the line stays whole, on a line of its own */
    char lng[300] = "short ";
    for (int i = 0; i < 50; i++)
        strcat(lng, "\xEA\xB0\x80");
    strcat(lng, " end");
    mail_out l = {0};
    mail_wrap(&l, lng, MAIL_WRAP, NULL);
    CHECK(strncmp(l.b.data, "short \n\xEA\xB0\x80", 10) == 0);
    CHECK(strstr(l.b.data, "\xEA\xB0\x80 \nend\n") != NULL);
    buf_free(&l.b);

    /* stuffing: a line that opens with "From " or '>' gets a space first */
    mail_out f = {0};
    mail_wrap(&f, "From now on > all", 10, NULL);
    CHECK(strcmp(f.b.data, " From now \non > all\n") == 0);
    buf_free(&f.b);
    mail_out g = {0};
    mail_wrap(&g, "> quoted", MAIL_WRAP, NULL);
    CHECK(strcmp(g.b.data, " > quoted\n") == 0);
    buf_free(&g.b);
}

/* ---- addresses ---- */

/* input_parse_address with what it reports in why ("" when nothing): the
 * reason after "(RFC 5322): ", and the message is checked to be one line
 * naming the text. */
static int parse_address(const char *text, arena *a, mail_address *out, char *why, size_t size)
{
    char *msg = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&msg, &len);
    diag d = {.out = m};
    int rc = input_parse_address(text, a, out, NULL, (srcpos){"mail.yaml", 3, 7}, &d);
    if (m)
        fclose(m);
    const char *r = msg ? strstr(msg, "is not an e-mail address (RFC 5322): ") : NULL;
    snprintf(why, size, "%s", r ? r + 37 : msg ? msg : "");
    if (why[0] && why[strlen(why) - 1] == '\n')
        why[strlen(why) - 1] = 0;
    CHECK((rc == 0) == (d.kind == ERR_NONE) && d.errors == (rc != 0));
    CHECK(rc == 0 || (msg && strncmp(msg, "mail.yaml:3:7: error: '", 23) == 0));
    free(msg);
    return rc;
}

static void addresses_good(void)
{
    struct { const char *in, *name, *addr; } ok[] = {
        {"ottawa@example.go.kr", NULL, "ottawa@example.go.kr"},
        {"  Press Office <press@example.go.kr>  ", "Press Office", "press@example.go.kr"},
        {"\"Smith, John\" <john@example.org>", "Smith, John", "john@example.org"},
        {"\xEC\xA3\xBC \xEC\xBA\x90\xEB\x82\x98\xEB\x8B\xA4 \xEB\x8C\x80\xEC\x82\xAC\xEA\xB4\x80 "
         "<ottawa@example.go.kr>", "\xEC\xA3\xBC \xEC\xBA\x90\xEB\x82\x98\xEB\x8B\xA4 \xEB\x8C\x80"
         "\xEC\x82\xAC\xEA\xB4\x80", "ottawa@example.go.kr"},
        {"<a@b.org>", NULL, "a@b.org"},
        {"John Q. Public <jqp@example.org>", "John Q. Public", "jqp@example.org"},
        {"\"quoted \\\"inner\\\"\" <q@x.org>", "quoted \"inner\"", "q@x.org"},
        {"\"local part\"@example.org", NULL, "\"local part\"@example.org"},
        {"first.last+tag@sub-domain.example.org", NULL, "first.last+tag@sub-domain.example.org"},
        {"root@localhost", NULL, "root@localhost"},
        {"Spokesperson's Office <s@example.go.kr>", "Spokesperson's Office", "s@example.go.kr"},
    };
    arena *a = arena_new();
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        mail_address m = {0};
        char why[512] = "";
        int rc = parse_address(ok[i].in, a, &m, why, sizeof why);
        if (rc != 0)
            printf("  %s: %s\n", ok[i].in, why);
        CHECK(rc == 0 && !why[0]);
        CHECK(m.addr && strcmp(m.addr, ok[i].addr) == 0);
        CHECK(ok[i].name ? m.name && strcmp(m.name, ok[i].name) == 0 : m.name == NULL);
        CHECK(parse_address(ok[i].in, NULL, NULL, why, sizeof why) == 0);
    }
    arena_free(a);
}

static void addresses_bad(void)
{
    struct { const char *in, *why; } bad[] = {
        {"", "no address"},
        {"ottawa", "has no '@'"},
        {"ottawa@", "nothing after '@'"},
        {"@example.org", "nothing before '@'"},
        {"a@b..org", "not a host name"},
        {"a@-b.org", "not a host name"},
        {"a@b-.org", "not a host name"},
        {"a..b@x.org", "two in a row"},
        {".a@x.org", "a dot at the start"},
        {"a@b.org\nBcc: victim@example.org", "a line feed"},
        {"a@b.org\r\nBcc: victim@example.org", "a carriage return"},
        {"Name\n <a@b.org>", "a line feed"},
        {"a\x01@b.org", "a control character"},
        {"Name \xC2\x85<a@b.org>", "a control character"},   /* NEL, C1 */
        {"Name \xE2\x80\xA8<a@b.org>", "a control character"},   /* U+2028 */
        {"Name <a@b.org", "no '>' closes"},
        {"Name a@b.org>", "'>' without '<'"},
        {"Name <a@b.org> extra", "text after '>'"},
        {"a@b.org (Office)", "opens a comment"},
        {"Office (HQ) <a@b.org>", "comment"},
        {"Smith, John <john@example.org>", "inside double quotes"},
        {"group: a@b.org;", "cannot stand unquoted"},
        {"a@b.org, c@d.org", "cannot be part of the domain"},
        {"a@[192.0.2.1]", "address literals"},
        {"\xED\x95\x9C\xEA\xB8\x80@example.org", "not ASCII"},
        {"a@\xED\x95\x9C\xEA\xB8\x80.kr", "xn--"},
        {"\"unclosed <a@b.org>", "not closed"},
        {"a@b.org\xFF", "not UTF-8"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.org", "longer than 64"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.org",
         "at most 74"},
    };
    arena *a = arena_new();
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mail_address m = {0};
        char why[512] = "";
        int rc = parse_address(bad[i].in, a, &m, why, sizeof why);
        CHECK(rc == -1);
        if (rc != -1 || !strstr(why, bad[i].why))
            printf("  '%s': %s (want %s)\n", bad[i].in, why, bad[i].why);
        CHECK(strstr(why, bad[i].why) != NULL);
        CHECK(!strchr(why, '\n') && !strchr(why, '\r'));   /* one line, for the message */
    }
    arena_free(a);
}

/* ---- a whole message ---- */

static node *add(document *doc, node *parent, enum node_kind k)
{
    node *n = doc_node_new(doc, k, (srcpos){"t.md", 1, 1});
    if (n && parent)
        doc_append(parent, n);
    return n;
}

static node *add_text(document *doc, node *parent, enum node_kind k, const char *text)
{
    node *e = add(doc, parent, k);
    node *t = add(doc, e, N_TEXT);
    t->text = text;
    return e;
}

/* A release: title, head (subtitle, date), a lead with a footnote mark and
 * a link, a second paragraph. */
static node *release(document *doc, const char *title, const char *lang, const char *lead)
{
    release_meta *m = arena_alloc(doc->arena, sizeof *m);
    *m = (release_meta){.title = title, .subtitle = "Sub <title> & more", .date = "2019-06-25",
                        .date_text = "25 June 2019", .lang = lang, .department = "Dept"};
    node *sect = add(doc, doc->root, N_SECT);
    sect->meta = m;
    sect->lang = lang;
    sect->text = title;
    node *h = add_text(doc, sect, N_H, title);
    h->role = R_TITLE;
    node *head = add(doc, sect, N_DIV);
    head->role = R_RELEASE_HEAD;
    add_text(doc, head, N_P, m->subtitle)->role = R_SUBTITLE;
    node *p = add_text(doc, sect, N_P, lead);
    node *note = add_text(doc, sect, N_NOTE, "the note's text");
    node *mark = add(doc, p, N_LINK);
    mark->target = note;
    add(doc, mark, N_TEXT)->text = "1";
    node *link = add(doc, p, N_LINK);
    add(doc, link, N_TEXT)->text = " and a link.";
    if (strcmp(lang, "ko") == 0) {   /* a Latin run, which input marks as English */
        add(doc, p, N_TEXT)->text = " (";
        node *span = add(doc, p, N_SPAN);
        span->lang = "en";
        add(doc, span, N_TEXT)->text = "IITP";
        add(doc, p, N_TEXT)->text = ")";
    }
    add_text(doc, sect, N_P, "Second paragraph, not the lead.");
    return sect;
}

typedef struct composed {
    document *doc;
    display dl;
    page pages[4];
    anchor anchors[2];
    char *msg;
    size_t len;
} composed;

static void compose(composed *c, const char *title, const char *from_name, const char *domain)
{
    memset(c, 0, sizeof *c);
    c->doc = doc_new();
    document *doc = c->doc;
    doc->title = title;
    doc->lang = "en";
    doc->shape = SHAPE_BULLETIN;
    node *a = release(doc, "Government unveils plan for a public AI data centre", "en",
                      "The Ministry announced a plan.");
    node *b = release(doc, "\xEA\xB3\xB5\xEA\xB3\xB5 \xEC\x9D\xB8\xEA\xB3\xB5\xEC\xA7\x80\xEB\x8A"
                      "\xA5", "ko", "\xE2\x96\xA1 \xEA\xB3\xBC\xEA\xB8\xB0\xEC\xA0\x95\xED\x86"
                      "\xB5\xEB\xB6\x80\xEB\x8A\x94 \xEB\xB0\x9C\xED\x91\x9C\xED\x96\x88\xEB\x8B"
                      "\xA4.");
    doc_number(doc);
    for (int i = 0; i < 4; i++)
        c->pages[i] = (page){.number = i < 1 ? i + 1 : i, .numbering = i < 1 ? NUMBER_ROMAN
                                                                            : NUMBER_ARABIC};
    c->anchors[0] = (anchor){.node = a, .page = 1};
    c->anchors[1] = (anchor){.node = b, .page = 3};
    c->dl = (display){.pages = c->pages, .npages = 4, .anchors = c->anchors, .nanchors = 2};
    static char from_addr[128];
    snprintf(from_addr, sizeof from_addr, "ottawa@%s", domain);
    mail_address from = {from_name, from_addr};
    mail_address to[2] = {{NULL, "press@example.go.kr"}, {"Smith, John", "john@example.org"}};
    mail_address bcc = {NULL, "hidden@example.org"};
    mail_parties parties = {.from = &from, .to = to, .nto = 2, .bcc = &bcc, .nbcc = 1};
    unsigned char pdf[3000];
    for (size_t i = 0; i < sizeof pdf; i++)
        pdf[i] = (unsigned char)(i * 31 + 7);
    memcpy(pdf, "%PDF-1.7\n", 9);
    mail_input in = {.doc = doc, .dl = &c->dl, .parties = &parties, .pdf = pdf,
                     .pdf_len = sizeof pdf, .pdf_name = "week.pdf", .epoch = 1561680000};
    buf out = {0};
    diag d = {0};
    CHECK(mail_compose(&in, &out, &d) == 0 && d.kind == ERR_NONE);
    c->msg = out.data;
    c->len = out.len;
}

static void composed_free(composed *c)
{
    free(c->msg);
    doc_free(c->doc);
}

/* The part of the message whose headers hold type: its body, decoded, in out. */
static long part_body(const char *msg, const char *type, char *out)
{
    const char *h = strstr(msg, type);
    if (!h)
        return -1;
    const char *body = strstr(h, "\n\n") + 2;
    const char *end = strstr(body, "\n--=_");
    int b64 = strstr(h, "base64") && strstr(h, "base64") < body;
    return b64 ? b64_decode(body, (size_t)(end - body), out)
               : qp_decode(body, (size_t)(end + 1 - body), out);
}

static void message_whole(void)
{
    composed c;
    compose(&c, "Weekly \xE2\x80\x94 Issue 26\nBcc: evil@example.org", "\xEC\xA3\xBC \xEC\xBA\x90"
            "\xEB\x82\x98\xEB\x8B\xA4 \xEB\x8C\x80\xEC\x82\xAC\xEA\xB4\x80", "example.go.kr");
    CHECK(c.msg && lines_fit(c.msg, c.len));
    CHECK(strstr(c.msg, "\nDate: Fri, 28 Jun 2019 00:00:00 +0000\n") != NULL);
    CHECK(strstr(c.msg, "\nMIME-Version: 1.0\n") && strstr(c.msg, "\nContent-Language: en\n"));
    CHECK(strstr(c.msg, "@example.go.kr>\n") != NULL);   /* Message-ID's domain */
    CHECK(strstr(c.msg, "\nBcc: hidden@example.org\n") != NULL);
    /* the title's line end became a space: its "Bcc:" starts no header */
    size_t head = (size_t)(strstr(c.msg, "\n\n") - c.msg);
    int bccs = 0;
    for (const char *l = c.msg; l && l < c.msg + head; l = strchr(l, '\n'), l = l ? l + 1 : l)
        bccs += strncmp(l, "Bcc:", 4) == 0;
    CHECK(bccs == 1);
    CHECK(strstr(c.msg, "Content-Type: multipart/alternative") &&
          strstr(c.msg, "Content-Type: text/plain; charset=UTF-8; format=flowed") &&
          strstr(c.msg, "Content-Type: text/html; charset=UTF-8") &&
          strstr(c.msg, "Content-Type: application/pdf; name=\"week.pdf\"") &&
          strstr(c.msg, "Content-Disposition: attachment; filename=\"week.pdf\"; size=3000"));
    CHECK(strstr(c.msg, "text/plain") < strstr(c.msg, "text/html"));

    static char text[65536], html[65536], pdf[8192];
    long n = part_body(c.msg, "Content-Type: text/plain", text);
    CHECK(n > 0);
    text[n > 0 ? n : 0] = 0;
    CHECK(strstr(text, "Government unveils plan for a public AI data centre\n---") != NULL);
    CHECK(strstr(text, "The Ministry announced a plan. and a link.") != NULL);   /* no mark "1" */
    CHECK(strstr(text, "Second paragraph") == NULL && strstr(text, "note's text") == NULL);
    CHECK(strstr(text, "Page 1 of the attached PDF") && strstr(text, "Page 3 of the attached PDF"));
    CHECK(strstr(text, "25 June 2019 \xC2\xB7 Dept") != NULL);
    CHECK(strstr(text, "Attached: week.pdf (PDF, 4 pages, 3 KB)") != NULL);
    n = part_body(c.msg, "Content-Type: text/html", html);
    CHECK(n > 0);
    html[n > 0 ? n : 0] = 0;
    CHECK(strstr(html, "<html lang=\"en\">") && strstr(html, "<section lang=\"ko\""));
    CHECK(strstr(html, "<p style=\"margin:0\">Sub &lt;title&gt; &amp; more</p>") != NULL);
    CHECK(strstr(html, "<h1") && strstr(html, "<h2") && !strstr(html, "<table") &&
          !strstr(html, "<img") && !strstr(html, "<script") && !strstr(html, "color:"));
    CHECK(strstr(html, "<p lang=\"en\" style=\"margin:0; font-size:0.875em\">Page 3 of") != NULL);
    CHECK(strstr(html, " and a link. (<span lang=\"en\">IITP</span>)</p>") != NULL);
    CHECK(strstr(text, " and a link. (IITP)\n") != NULL);
    n = part_body(c.msg, "Content-Type: application/pdf", pdf);
    CHECK(n == 3000 && memcmp(pdf, "%PDF-1.7\n", 9) == 0);

    /* the same inputs, the same bytes; another title, other ids and boundaries */
    composed again, other;
    compose(&again, "Weekly \xE2\x80\x94 Issue 26\nBcc: evil@example.org", "\xEC\xA3\xBC \xEC"
            "\xBA\x90\xEB\x82\x98\xEB\x8B\xA4 \xEB\x8C\x80\xEC\x82\xAC\xEA\xB4\x80",
            "example.go.kr");
    CHECK(again.len == c.len && memcmp(again.msg, c.msg, c.len) == 0);
    compose(&other, "Weekly, Issue 27", NULL, "example.go.kr");
    CHECK(strcmp(strstr(other.msg, "Message-ID:"), strstr(c.msg, "Message-ID:")) != 0);
    CHECK(strcmp(strstr(other.msg, "boundary="), strstr(c.msg, "boundary=")) != 0);
    composed_free(&c);
    composed_free(&again);
    composed_free(&other);
}

static void message_long_domain(void)
{
    /* a sender's domain too long for a Message-ID line: its tail is used */
    composed c;
    compose(&c, "T", NULL, "aaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccc.example");
    CHECK(c.msg && lines_fit(c.msg, c.len));
    const char *id = strstr(c.msg, "Message-ID:");
    CHECK(id && strstr(id, "@bbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccc.example>\n") != NULL);
    composed_free(&c);
}

int main(void)
{
    RUN(base64_vectors);
    RUN(quoted_printable);
    RUN(encoded_words);
    RUN(header_injection);
    RUN(parameters);
    RUN(address_lines);
    RUN(columns);
    RUN(wrapping);
    RUN(addresses_good);
    RUN(addresses_bad);
    RUN(message_whole);
    RUN(message_long_domain);
    return CHECK_DONE();
}
