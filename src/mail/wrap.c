/* wrap.c — plain text into format=flowed lines (RFC 3676): broken at spaces
 * only, at most so many columns counting East Asian wide characters (Hangul
 * syllables) as two, so that a Korean word (an eojeol) is never split and
 * a mail reader that knows flowed text can join the lines again. */
#include <string.h>
#include "mail-private.h"

size_t mail_columns(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) {   /* not UTF-8: a byte is a column */
            cols++;
            i++;
            continue;
        }
        cols += (size_t)mail_char_columns(cp);
        i += (size_t)k;
    }
    return cols;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The next word at or after *p: its start and length (0 at the end). */
static size_t next_word(const char **p)
{
    while (is_blank(**p))
        (*p)++;
    size_t n = 0;
    while ((*p)[n] && !is_blank((*p)[n]))
        n++;
    return n;
}

void mail_wrap(mail_out *o, const char *text, int width, size_t *widest)
{
    const char *p = text;
    size_t n = next_word(&p);
    while (n) {
        /* a line that opens with '>' or "From " is stuffed with a space */
        int stuff = p[0] == '>' || (n == 4 && memcmp(p, "From", 4) == 0);
        size_t cols = (size_t)stuff + mail_columns(p, n);
        if (stuff)
            mail_puts(o, " ");
        mail_put(o, p, n);
        p += n;
        while ((n = next_word(&p)) != 0) {
            size_t w = mail_columns(p, n);
            if (cols + 1 + w > (size_t)width)
                break;
            mail_puts(o, " ");
            mail_put(o, p, n);
            cols += 1 + w;
            p += n;
        }
        if (widest && cols > *widest)
            *widest = cols;
        mail_puts(o, n ? " \n" : "\n");   /* a trailing space: the line flows on */
    }
}
