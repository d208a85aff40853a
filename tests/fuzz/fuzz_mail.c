/* fuzz_mail.c — libFuzzer target: arbitrary bytes (as a C string) through
 * the message's encoders: parsed as an address, written as a Subject and as
 * a display name, as a file name parameter, wrapped as plain text. What
 * must always hold is checked, and a breach aborts: every header line at
 * most 78 characters and one header however the value ends its lines; an
 * address that parses has an ASCII addr-spec without blanks. Build and run:
 * make fuzz-mail (clang, -fsanitize=fuzzer,address,undefined). */
#include <stdlib.h>
#include <string.h>
#include "input/input.h"
#include "mail/mail-private.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Lines of at most 78 characters; after the first, each starts with a blank. */
static void one_header(const char *s, size_t n)
{
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            if (i + 1 < n && s[i + 1] != ' ')
                abort();
            col = 0;
        } else if (++col > MAIL_LINE_MAX || s[i] == '\r' || (unsigned char)s[i] >= 0x80) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;   /* what a C string holds of it: up to a NUL */

    arena *a = arena_new();
    mail_address m;
    diag d = {0};
    if (a && input_parse_address(text, a, &m, NULL, (srcpos){0}, &d) == 0) {
        for (const char *c = m.addr; *c; c++)
            if ((unsigned char)*c >= 0x7F || *c <= ' ')
                if (!(*c == ' ' && m.addr[0] == '"'))   /* a quoted local part */
                    abort();
        mail_out o = {0};
        mail_header_begin(&o, "To");
        mail_header_addresses(&o, &m, 1);
        mail_header_end(&o);
        if (!o.failed)
            one_header(o.b.data, o.b.len);
        buf_free(&o.b);
    }
    arena_free(a);

    if (utf8_check(text, strlen(text)) == (size_t)-1) {   /* values are UTF-8 by then */
        for (int phrase = 0; phrase < 2; phrase++) {
            mail_out o = {0};
            mail_header_begin(&o, "Subject");
            mail_header_words(&o, text, phrase);
            mail_header_end(&o);
            if (!o.failed)
                one_header(o.b.data, o.b.len);
            buf_free(&o.b);
        }
        mail_out p = {0};
        mail_header_begin(&p, "Content-Disposition");
        mail_header_piece(&p, "attachment", 10, 1);
        mail_header_param(&p, "filename", text);
        mail_header_end(&p);
        if (!p.failed)
            one_header(p.b.data, p.b.len);
        buf_free(&p.b);
        mail_out w = {0};
        mail_wrap(&w, text, MAIL_WRAP, NULL);
        mail_out q = {0};
        if (!w.failed)
            mail_quoted_printable(&q, w.b.data, w.b.len);
        for (size_t i = 0, col = 0; !q.failed && i < q.b.len; i++)
            if (q.b.data[i] == '\n')
                col = 0;
            else if (++col > 76)
                abort();
        buf_free(&w.b);
        buf_free(&q.b);
    }
    free(text);
    return 0;
}
