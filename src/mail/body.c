/* body.c — what the message says, twice: as format=flowed plain text and as
 * accessible HTML (one h1, an h2 per release, lang on the document and on
 * each release, paragraphs, no tables, images or scripts, inline styles
 * that set no colour, so they read in light and dark mode). Both hold the
 * bulletin's title and its cover lines (subtitle, issue and date,
 * publisher), the attachment, then for each release in order its title in
 * its own language, subtitle, date, department, lead (its first paragraph,
 * as plain text) and the page of the attached PDF where it starts, as that
 * page's printed label. The words the message adds are in the bulletin's
 * language, like the PDF's cover. */
#include <stdlib.h>
#include <string.h>
#include "mail-private.h"

/* The words the message adds, per bulletin language (the first is the default). */
typedef struct words {
    const char *lang;
    const char *page;          /* "Page %s of the attached PDF": where a release starts */
    const char *attached;      /* "Attached: %s (PDF, %s, %s)": name, pages, size */
    const char *one_page, *pages;   /* "1 page", "%d pages" */
    const char *separator;     /* between the parts of a meta line */
} words;

static const words word_sets[] = {
    {"en", "Page %s of the attached PDF", "Attached: %s (PDF, %s, %s)", "1 page", "%d pages",
     " \xC2\xB7 "},
    {"ko", "\xEC\xB2\xA8\xEB\xB6\x80 PDF %s\xEC\xAA\xBD",   /* 첨부 PDF %s쪽 */
     "\xEC\xB2\xA8\xEB\xB6\x80 \xED\x8C\x8C\xEC\x9D\xBC: %s (PDF, %s, %s)",   /* 첨부 파일: */
     "1\xEC\xAA\xBD", "%d\xEC\xAA\xBD", " \xC2\xB7 "},
};

static const words *words_for(const char *lang)
{
    for (size_t i = 0; i < sizeof word_sets / sizeof *word_sets; i++)
        if (lang_is(lang, word_sets[i].lang))
            return &word_sets[i];
    return &word_sets[0];
}

/* The HTML part's inline styles: sizes and spacing only, never a colour. */
static const char *const css_body =
    "margin:0; padding:1em; font-family:sans-serif; line-height:1.5";
static const char *const css_page = "max-width:40em";
static const char *const css_h1 = "font-size:1.5em; line-height:1.3; margin:0 0 0.5em";
static const char *const css_h2 = "font-size:1.25em; line-height:1.3; margin:0 0 0.5em";
static const char *const css_h3 = "font-size:1.125em; line-height:1.3; margin:0 0 0.5em";
static const char *const css_section =
    "border-top:1px solid; margin-top:1.5em; padding-top:1em";
static const char *const css_line = "margin:0";
static const char *const css_small = "margin:0; font-size:0.875em";

/* ---- what the document says --------------------------------------------- */

/* The text of a subtree, blanks collapsed, without footnote marks and notes. */
static void gather_text(const node *n, buf *out, int *failed)
{
    if (n->kind == N_NOTE || (n->kind == N_LINK && n->target && n->target->kind == N_NOTE))
        return;
    const char *t = n->kind == N_TEXT ? n->text : n->kind == N_BREAK ? " " : NULL;
    if (t && buf_puts(out, t))
        *failed = 1;
    for (const node *c = n->first; c; c = c->next)
        gather_text(c, out, failed);
}

/* gather_text of n as a heap string, blanks collapsed and trimmed; NULL on OOM. */
static char *text_of(const node *n, mail_out *o)
{
    buf b = {0};
    int failed = 0;
    gather_text(n, &b, &failed);
    if (failed) {
        buf_free(&b);
        o->failed = 1;
        return NULL;
    }
    char *s = buf_take(&b);
    if (!s) {
        o->failed = 1;
        return NULL;
    }
    size_t w = 0;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
        if (c != ' ' || (w && s[w - 1] != ' '))
            s[w++] = c;
    }
    while (w && s[w - 1] == ' ')
        w--;
    s[w] = 0;
    return s;
}

/* A release's lead: its first paragraph of body text (not in its head, its
 * notes, a table, a figure or a code block). */
static const node *lead_of(const node *n)
{
    for (const node *c = n->first; c; c = c->next) {
        if (c->role == R_RELEASE_HEAD || c->role == R_NOTES || c->kind == N_H ||
            c->kind == N_TABLE || c->kind == N_FIGURE || c->kind == N_CODE ||
            c->kind == N_NOTE)
            continue;
        if (c->kind == N_P && c->role == R_BODY)
            return c;
        const node *p = lead_of(c);
        if (p)
            return p;
    }
    return NULL;
}

/* The cover's lines (a bulletin's or volume's front page), as it shows them. */
typedef struct cover_lines {
    const node *publisher, *subtitle, *edition;
} cover_lines;

static cover_lines cover_of(const document *doc)
{
    cover_lines cl = {0};
    for (const node *c = doc->root->first; c; c = c->next) {
        if (c->role != R_COVER)
            continue;
        int after_title = 0;
        for (const node *e = c->first; e; e = e->next) {
            if (e->role == R_COVER_TITLE)
                after_title = 1;
            else if (e->role == R_SUBTITLE)
                cl.subtitle = e;
            else if (e->role == R_META)
                *(after_title ? &cl.edition : &cl.publisher) = e;
        }
    }
    return cl;
}

/* "Attached: name (PDF, 8 pages, 120 KB)" in the bulletin's words. Heap. */
static char *attachment_line(const mail_input *in, const words *w)
{
    char pages[64], size[32];
    int np = in->dl ? in->dl->npages : 0;
    snprintf(pages, sizeof pages, np == 1 ? w->one_page : w->pages, np);
    if (in->pdf_len >= 1024 * 1024)
        snprintf(size, sizeof size, "%.1f MB", (double)in->pdf_len / (1024.0 * 1024.0));
    else
        snprintf(size, sizeof size, "%zu KB", (in->pdf_len + 1023) / 1024);
    buf b = {0};
    if (buf_printf(&b, w->attached, in->pdf_name, pages, size)) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* The printed label of the page where n starts, or "" when it has none. */
static void start_page(const mail_input *in, const node *n, char *label, size_t size)
{
    const anchor *a = layout_anchor(in->dl, n);
    label[0] = 0;
    if (a && a->page >= 0 && a->page < in->dl->npages)
        page_label(&in->dl->pages[a->page], label, size);
}

/* What a release's part of the message shows. */
typedef struct release_text {
    const char *lang, *title, *subtitle;
    char *meta;      /* date · department; heap */
    char *lead;      /* heap; NULL: none */
    /* for the HTML, which keeps their language spans: NULL: none */
    const node *title_node, *subtitle_node, *lead_node;
    char page[80];   /* "Page 3 of the attached PDF", in the bulletin's words; "" none */
} release_text;

static int release_text_of(const mail_input *in, const node *sect, const words *w,
                           release_text *r, mail_out *o)
{
    const release_meta *m = sect->meta;
    *r = (release_text){.lang = m->lang, .title = m->title, .subtitle = m->subtitle};
    const char *date = m->date_text ? m->date_text : m->date;
    buf b = {0};
    int failed = date && buf_puts(&b, date);
    if (m->department)
        failed |= (date && buf_puts(&b, w->separator)) || buf_puts(&b, m->department);
    r->meta = failed ? NULL : buf_take(&b);
    const node *lead = lead_of(sect);
    r->lead = lead ? text_of(lead, o) : NULL;
    r->lead_node = lead;
    for (const node *c = sect->first; c; c = c->next) {
        if (c->kind == N_H && c->role == R_TITLE)
            r->title_node = c;
        for (const node *e = c->role == R_RELEASE_HEAD ? c->first : NULL; e; e = e->next)
            if (e->role == R_SUBTITLE)
                r->subtitle_node = e;
    }
    char label[32];
    start_page(in, sect, label, sizeof label);
    if (label[0])
        snprintf(r->page, sizeof r->page, w->page, label);
    if (failed || !r->meta) {
        buf_free(&b);
        o->failed = 1;
        return -1;
    }
    return 0;
}

static void release_text_free(release_text *r)
{
    free(r->meta);
    free(r->lead);
}

/* ---- plain text ------------------------------------------------------------ */

/* A heading: its wrapped lines underlined with c (none: 0) to the widest. */
static void plain_heading(mail_out *o, const char *text, char c)
{
    size_t widest = 0;
    mail_wrap(o, text, MAIL_WRAP, &widest);
    if (c) {
        char line[MAIL_WRAP + 2];
        size_t n = widest < MAIL_WRAP ? widest : MAIL_WRAP;
        memset(line, c, n);
        line[n] = '\n';
        mail_put(o, line, n + 1);
    }
}

static void plain_paragraph(mail_out *o, const char *text)
{
    if (text && *text)
        mail_wrap(o, text, MAIL_WRAP, NULL);
}

static void plain_release(mail_out *o, const mail_input *in, const node *sect, int level,
                          const words *w)
{
    release_text r;
    if (release_text_of(in, sect, w, &r, o) == 0) {
        mail_puts(o, "\n\n");
        plain_heading(o, r.title, level == 2 ? '-' : '~');
        mail_puts(o, "\n");
        plain_paragraph(o, r.subtitle);
        plain_paragraph(o, r.meta);
        if (r.lead) {
            mail_puts(o, "\n");
            plain_paragraph(o, r.lead);
        }
        if (r.page[0]) {
            mail_puts(o, "\n");
            plain_paragraph(o, r.page);
        }
    }
    release_text_free(&r);
}

void mail_body_plain(mail_out *o, const mail_input *in)
{
    const document *doc = in->doc;
    const words *w = words_for(doc->lang);
    cover_lines cl = cover_of(doc);
    plain_heading(o, doc->title, '=');
    mail_puts(o, "\n");
    const node *lines[] = {cl.subtitle, cl.edition, cl.publisher};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        char *t = lines[i] ? text_of(lines[i], o) : NULL;
        plain_paragraph(o, t);
        free(t);
    }
    char *att = attachment_line(in, w);
    if (!att)
        o->failed = 1;
    mail_puts(o, "\n");
    plain_paragraph(o, att);
    free(att);
    for (const node *c = doc->root->first; c; c = c->next) {
        if (c->kind == N_SECT && c->meta) {
            plain_release(o, in, c, 2, w);
        } else if (c->kind == N_PART) {   /* a weekly bulletin in a volume */
            mail_puts(o, "\n\n");
            plain_heading(o, c->text ? c->text : "", '-');
            for (const node *s = c->first; s; s = s->next)
                if (s->kind == N_SECT && s->meta)
                    plain_release(o, in, s, 3, w);
        }
    }
}

/* ---- HTML ------------------------------------------------------------------ */

static void html_escaped(mail_out *o, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': mail_puts(o, "&amp;"); break;
        case '<': mail_puts(o, "&lt;"); break;
        case '>': mail_puts(o, "&gt;"); break;
        case '"': mail_puts(o, "&quot;"); break;
        default: mail_put(o, s, 1);
        }
    }
}

/* <tag lang="lang" style="css">text</tag> and a line end; lang NULL: none. */
static void html_element(mail_out *o, const char *tag, const char *lang, const char *css,
                         const char *text)
{
    if (!text || !*text)
        return;
    mail_puts(o, "<");
    mail_puts(o, tag);
    if (lang) {
        mail_puts(o, " lang=\"");
        html_escaped(o, lang);
        mail_puts(o, "\"");
    }
    mail_puts(o, " style=\"");
    mail_puts(o, css);
    mail_puts(o, "\">");
    html_escaped(o, text);
    mail_puts(o, "</");
    mail_puts(o, tag);
    mail_puts(o, ">\n");
}

/* Where inline HTML text is: blanks between words written once, none at the ends. */
typedef struct inline_state {
    int started, space;
} inline_state;

/* The text of n as HTML, blanks collapsed, footnote marks and notes left
 * out, a run in another language than lang (input's language spans) in a
 * <span lang>. */
static void html_inline(mail_out *o, const node *n, const char *lang, inline_state *st)
{
    if (n->kind == N_NOTE || (n->kind == N_LINK && n->target && n->target->kind == N_NOTE))
        return;
    if (n->kind == N_TEXT || n->kind == N_BREAK) {
        for (const char *t = n->kind == N_TEXT ? n->text : " "; t && *t; t++) {
            if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r') {
                st->space = st->started;
                continue;
            }
            if (st->space)
                mail_puts(o, " ");
            st->space = 0;
            st->started = 1;
            char c[2] = {*t, 0};
            html_escaped(o, c);
        }
        return;
    }
    int span = n->kind == N_SPAN && n->lang && !lang_is(n->lang, lang ? lang : "");
    if (span) {
        if (st->space)
            mail_puts(o, " ");
        st->space = 0;
        mail_puts(o, "<span lang=\"");
        html_escaped(o, n->lang);
        mail_puts(o, "\">");
    }
    for (const node *c = n->first; c; c = c->next)
        html_inline(o, c, span ? n->lang : lang, st);
    if (span)
        mail_puts(o, "</span>");
}

/* <tag style="css">n's text as HTML</tag> and a line end, n in lang. */
static void html_block(mail_out *o, const char *tag, const char *css, const node *n,
                       const char *lang)
{
    inline_state st = {0};
    mail_puts(o, "<");
    mail_puts(o, tag);
    mail_puts(o, " style=\"");
    mail_puts(o, css);
    mail_puts(o, "\">");
    html_inline(o, n, lang, &st);
    mail_puts(o, "</");
    mail_puts(o, tag);
    mail_puts(o, ">\n");
}

static void html_release(mail_out *o, const mail_input *in, const node *sect, int level,
                         const words *w)
{
    release_text r;
    if (release_text_of(in, sect, w, &r, o) == 0) {
        mail_puts(o, "<section lang=\"");
        html_escaped(o, r.lang);
        mail_puts(o, "\" style=\"");
        mail_puts(o, css_section);
        mail_puts(o, "\">\n");
        const char *h = level == 2 ? "h2" : "h3", *css = level == 2 ? css_h2 : css_h3;
        if (r.title_node)
            html_block(o, h, css, r.title_node, r.lang);
        else
            html_element(o, h, NULL, css, r.title);
        if (r.subtitle_node)
            html_block(o, "p", css_line, r.subtitle_node, r.lang);
        html_element(o, "p", NULL, css_small, r.meta);
        if (r.lead && *r.lead)
            html_block(o, "p", "margin:0.75em 0", r.lead_node, r.lang);
        /* the bulletin's words, in its language */
        html_element(o, "p", lang_is(r.lang, in->doc->lang) ? NULL : in->doc->lang, css_small,
                     r.page);
        mail_puts(o, "</section>\n");
    }
    release_text_free(&r);
}

void mail_body_html(mail_out *o, const mail_input *in)
{
    const document *doc = in->doc;
    const words *w = words_for(doc->lang);
    cover_lines cl = cover_of(doc);
    mail_puts(o, "<!DOCTYPE html>\n<html lang=\"");
    html_escaped(o, doc->lang);
    mail_puts(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
    html_escaped(o, doc->title);
    mail_puts(o, "</title>\n</head>\n<body style=\"");
    mail_puts(o, css_body);
    mail_puts(o, "\">\n<div style=\"");
    mail_puts(o, css_page);
    mail_puts(o, "\">\n");
    html_element(o, "h1", NULL, css_h1, doc->title);
    const node *lines[] = {cl.subtitle, cl.edition, cl.publisher};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        char *t = lines[i] ? text_of(lines[i], o) : NULL;
        html_element(o, "p", NULL, i == 0 ? "margin:0; font-size:1.125em" : css_line, t);
        free(t);
    }
    char *att = attachment_line(in, w);
    if (!att)
        o->failed = 1;
    html_element(o, "p", NULL, "margin:1em 0", att);
    free(att);
    for (const node *c = doc->root->first; c; c = c->next) {
        if (c->kind == N_SECT && c->meta) {
            html_release(o, in, c, 2, w);
        } else if (c->kind == N_PART) {
            mail_puts(o, "<section");
            if (c->lang) {   /* a weekly bulletin in another language than the volume */
                mail_puts(o, " lang=\"");
                html_escaped(o, c->lang);
                mail_puts(o, "\"");
            }
            mail_puts(o, " style=\"");
            mail_puts(o, css_section);
            mail_puts(o, "\">\n");
            html_element(o, "h2", NULL, css_h2, c->text);
            for (const node *s = c->first; s; s = s->next)
                if (s->kind == N_SECT && s->meta)
                    html_release(o, in, s, 3, w);
            mail_puts(o, "</section>\n");
        }
    }
    mail_puts(o, "</div>\n</body>\n</html>\n");
}
