/* html.c — raw HTML in a release is not rendered: its text is kept, tags and
 * comments dropped (with a warning), entities decoded, and <br> is a line
 * break (without one); the content of script, style, iframe,
 * object and template elements is never kept, even when cmark splits the
 * element over several nodes (the state is carried in html_state). The
 * loader hands its raw-HTML nodes here (html_convert). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "input-private.h"

/* Elements whose content is code or another document, never text to show. */
static const char *hidden_element(const char *name, size_t n)
{
    static const char *const names[] = {"script", "style", "iframe", "object", "template"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0)
            return names[i];
    return NULL;
}

/* Is the tag [p, e] ('<' to '>') a line break: <br>, <br/>, <br />, in any
 * case, with or without attributes? */
static int is_line_break(const char *p, const char *e)
{
    return e - p >= 3 && (p[1] == 'b' || p[1] == 'B') && (p[2] == 'r' || p[2] == 'R') &&
           (p + 3 == e || p[3] == '/' || p[3] == ' ' || p[3] == '\t' || p[3] == '\n');
}

/* A tag [p, e] ('<' to '>'): opening or closing a hidden element updates st. */
static void track_tag(const char *p, const char *e, html_state *st)
{
    int closing = p[1] == '/';
    const char *name = p + 1 + closing;
    size_t n = 0;
    while (name + n < e && (input_is_alpha(name[n]) || input_is_digit(name[n])))
        n++;
    const char *h = hidden_element(name, n);
    if (!h)
        return;
    if (!st->hidden && !closing && e[-1] != '/') {
        st->hidden = st->last = h;
        st->opened++;
    } else if (st->hidden == h && closing) {
        st->hidden = NULL;
    }
}

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
            int v = hex ? input_hex_digit(*p) : (input_is_digit(*p) ? *p - '0' : -1);
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
 * without searching again. In raw, '\n' stands for a <br> only: the blanks
 * of the source and of entities go in as spaces. */
char *html_strip(const char *html, html_state *st, int *only_breaks)
{
    buf raw = {0}, out = {0};
    int failed = 0, no_gt = 0, breaks = 0, dropped = 0;
    const char *p = html;
    while (*p && !failed) {
        if (p[0] == '<' && strncmp(p, "<!--", 4) == 0) {
            const char *e = strstr(p + 4, "-->");
            p = e ? e + 3 : p + strlen(p);
            dropped = 1;
            continue;
        }
        if (p[0] == '<' && !no_gt && (input_is_alpha(p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?')) {
            const char *e = strchr(p, '>');
            if (e) {
                int br = !st->hidden && is_line_break(p, e);
                /* a tag separates words like a blank */
                failed |= buf_append(&raw, br ? "\n" : " ", 1) != 0;
                breaks += br;
                dropped |= !br;
                track_tag(p, e, st);
                p = e + 1;
                continue;
            }
            no_gt = 1;
        }
        if (st->hidden) {
            dropped = 1;
            p++;
            continue;
        }
        size_t from = raw.len;
        if (*p == '&') {
            p += decode_entity(p, &raw, &failed);
        } else {
            failed |= buf_append(&raw, p, 1) != 0;
            p++;
        }
        for (size_t i = from; i < raw.len; i++)
            if (raw.data[i] == '\n' || raw.data[i] == '\t' || raw.data[i] == '\r')
                raw.data[i] = ' ';
    }
    /* collapse runs of blanks (tags, newlines) to one space, none around a
     * line break; trim the ends */
    int space = 0;
    for (size_t i = 0; i < raw.len && !failed; i++) {
        char c = raw.data[i];
        if (c == ' ') {
            space = 1;
            continue;
        }
        if (space && out.len > 0 && c != '\n' && out.data[out.len - 1] != '\n')
            failed |= buf_append(&out, " ", 1) != 0;
        space = 0;
        failed |= buf_append(&out, &c, 1) != 0;
    }
    buf_free(&raw);
    *only_breaks = breaks > 0 && !dropped;
    if (failed) {
        buf_free(&out);
        return NULL;
    }
    return buf_take(&out);
}

/* Append text s[0..n) to parent, each '\n' in it a line break (N_BREAK). */
static void append_broken_text(loader *l, node *parent, const char *s, size_t n,
                               unsigned flags, srcpos at)
{
    for (;;) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) : n;
        if (k > 0 && !loader_text(l, parent, s, k, flags, at))
            return;   /* reported */
        if (!nl)
            return;
        node *br = loader_node(l, N_BREAK, at);
        if (!br)
            return;
        doc_append(parent, br);
        s += k + 1;
        n -= k + 1;
    }
}

void html_convert(loader *l, cmark_node *c, srcpos at, int block)
{
    int opened = l->html.opened, was_hidden = l->html.hidden != NULL, only_breaks;
    const char *lit = cmark_node_get_literal(c);
    char *text = html_strip(lit ? lit : "", &l->html, &only_breaks);
    if (!text) {
        diag_oom(l->d);
        return;
    }
    if (l->html.opened > opened) {
        l->hidden_at = at;
        if (!(l->html_reported & 2))
            diag_warning(l->d, at, "raw HTML <%s> is not rendered; its content is left out",
                         l->html.last);
        l->html_reported |= 2;
    } else if (!only_breaks && !was_hidden && !(l->html_reported & 1)) {   /* not a closing </script> */
        diag_warning(l->d, at, "raw HTML is not rendered; tags dropped, their text kept");
        l->html_reported |= 1;
    }
    /* a line break at the edge of a block breaks no line */
    const char *s = text;
    size_t n = strlen(text);
    for (; n > 0 && *s == '\n' && (block || !cmark_node_previous(c)); n--)
        s++;
    while (n > 0 && s[n - 1] == '\n' && (block || !cmark_node_next(c)))
        n--;
    if (n > 0 && block) {
        node *p = loader_node(l, N_P, at);
        if (p) {
            doc_append(l->parent, p);
            append_broken_text(l, p, s, n, 0, at);
        }
    } else if (n > 0) {
        append_broken_text(l, l->parent, s, n, l->flags, at);
    }
    free(text);
}

int html_hides(const loader *l, cmark_node_type type)
{
    if (!l->html.hidden)
        return 0;
    switch (type) {
    case CMARK_NODE_HTML_BLOCK: case CMARK_NODE_HTML_INLINE: case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_PARAGRAPH: case CMARK_NODE_BLOCK_QUOTE: case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM: case CMARK_NODE_EMPH: case CMARK_NODE_STRONG:
        return 0;
    default:
        return 1;
    }
}
