/* html.c — raw HTML in a release is not rendered: its text is kept, tags and
 * comments dropped, entities decoded; the content of script, style, iframe,
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
 * without searching again. */
char *html_strip(const char *html, html_state *st)
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
                track_tag(p, e, st);
                p = e + 1;
                continue;
            }
            no_gt = 1;
        }
        if (st->hidden) {
            p++;
            continue;
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

void html_convert(loader *l, cmark_node *c, srcpos at, int block)
{
    int opened = l->html.opened, was_hidden = l->html.hidden != NULL;
    const char *lit = cmark_node_get_literal(c);
    char *text = html_strip(lit ? lit : "", &l->html);
    if (!text) {
        diag_error(l->d, at, "out of memory");
        return;
    }
    if (l->html.opened > opened) {
        l->hidden_at = at;
        if (!(l->html_reported & 2))
            diag_warning(l->d, at, "raw HTML <%s> is not rendered; its content is left out",
                         l->html.last);
        l->html_reported |= 2;
    } else if (!was_hidden && !(l->html_reported & 1)) {   /* not a closing </script> */
        diag_warning(l->d, at, "raw HTML is not rendered; tags dropped, their text kept");
        l->html_reported |= 1;
    }
    if (*text && block) {
        node *p = loader_node(l, N_P, at);
        if (p) {
            doc_append(l->parent, p);
            loader_text(l, p, text, strlen(text), 0, at);
        }
    } else if (*text) {
        loader_text(l, l->parent, text, strlen(text), l->flags, at);
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
