/* markdown.c — a release's Markdown body through cmark-gfm (tables,
 * strikethrough, autolinks, footnotes) walked with cmark's ENTER/EXIT iterator
 * into document nodes: blocks, inline styles, links, footnote marks and
 * notes, tables, code; heading levels below the release title; lists and
 * block quotes nested past DOC_MAX_NESTING set at that depth. */
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include "input-private.h"

node *loader_node(loader *l, enum node_kind kind, srcpos at)
{
    node *n = doc_node_new(l->doc, kind, at);
    if (!n)
        diag_oom(l->d);
    return n;
}

node *loader_text(loader *l, node *parent, const char *s, size_t n, unsigned flags,
                      srcpos at)
{
    node *t = loader_node(l, N_TEXT, at);
    if (!t)
        return NULL;
    t->text = sanitize_text(&l->san, l->doc->arena, s, n, at, TEXT_INLINE);
    if (!t->text)
        return NULL;   /* reported */
    t->flags = flags;
    doc_append(parent, t);
    return t;
}

/* cmark keeps counting columns on the same line after a backslash hard break;
 * carry a column past the end of its line over to the lines that follow. */
static void carry_column(const loader *l, int *line, int *col)
{
    while (*line >= 1 && *line < l->nlines && (size_t)*col > l->line_len[*line - 1] + 1) {
        *col -= (int)l->line_len[*line - 1] + 1;
        (*line)++;
    }
}

/* cmark gives no position for some inlines (line breaks, extension
 * autolinks): then just after the previous inline, or the enclosing block's start. */
srcpos loader_pos(loader *l, cmark_node *c)
{
    int line = cmark_node_get_start_line(c), col = cmark_node_get_start_column(c);
    if (line <= 0)
        return l->inline_end.line > 0 ? l->inline_end : l->block_pos;
    int end_line = cmark_node_get_end_line(c), end_col = cmark_node_get_end_column(c);
    carry_column(l, &line, &col);
    carry_column(l, &end_line, &end_col);
    if (end_line > 0)
        l->inline_end = (srcpos){l->file, end_line + l->line_offset, end_col + 1};
    return (srcpos){l->file, line + l->line_offset, col > 0 ? col : 1};
}

char *loader_plain_text(cmark_node *c)
{
    buf b = {0};
    cmark_iter *it = cmark_iter_new(c);
    cmark_event_type ev;
    if (!it)
        return NULL;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: {
            const char *s = cmark_node_get_literal(n);
            if (s && buf_puts(&b, s) != 0)
                goto oom;
            break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            if (buf_puts(&b, " ") != 0)
                goto oom;
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    char *text = buf_take(&b);
    if (text)
        sanitize_strip(text);
    return text;
oom:
    cmark_iter_free(it);
    buf_free(&b);
    return NULL;
}

/* ---- the cmark walk --------------------------------------------------- */

static int push_frame(loader *l, cmark_node *src, int nests)
{
    if (grow_array((void **)&l->frames, &l->frames_cap, l->nframes + 1, sizeof *l->frames) != 0) {
        diag_oom(l->d);
        return -1;
    }
    l->frames[l->nframes++] = (frame){src, l->parent, l->flags, nests, 1};
    l->nesting += nests;
    return 0;
}

static void pop_frame(loader *l)
{
    frame *f = &l->frames[--l->nframes];
    l->parent = f->parent;
    l->flags = f->flags;
    l->nesting -= f->nests;
}

static frame *top_frame(loader *l)
{
    return l->nframes ? &l->frames[l->nframes - 1] : NULL;
}

/* Heading level below the release title, closing up skipped levels. */
static int heading_level(loader *l, int md_level, srcpos at)
{
    while (l->nheadings > 1 && l->headings[l->nheadings - 1].md_level >= md_level)
        l->nheadings--;
    heading_mark *up = &l->headings[l->nheadings - 1];
    int rel = up->rel + 1;
    int level = doc_heading_level(l->title_level + rel);
    if (md_level > up->md_level + 1) {
        static const char hashes[] = "######";
        if (up->rel == 0)
            diag_warning(l->d, at, "heading level skipped (%s after the title); set as H%d",
                         hashes + 6 - md_level, level);
        else
            diag_warning(l->d, at, "heading level skipped (%s after %s); set as H%d",
                         hashes + 6 - md_level, hashes + 6 - up->md_level, level);
    }
    if (l->nheadings < (int)(sizeof l->headings / sizeof l->headings[0]))
        l->headings[l->nheadings++] = (heading_mark){md_level, rel};
    return level;
}

static int is_autolink(const char *url, const char *text)
{
    if (strcmp(url, text) == 0)
        return 1;
    if (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, text) == 0)
        return 1;
    return strncmp(url, "http://", 7) == 0 && strcmp(url + 7, text) == 0;
}

/* An address written in running text, like "누리집(https://example.go.kr/x)에서":
 * GFM's autolink extension takes ")에서" into the address, as it only trims a
 * ')' at its very end. Cut every extended autolink before its first ')' that
 * closes no '(' of its own, and give the rest back to the text after it. */
static void trim_autolinks(loader *l, node *sect)
{
    int entering = 1;
    for (node *n = sect; n; n = doc_next(sect, n, &entering)) {
        node *t = n->kind == N_LINK && (n->flags & NF_AUTOLINK) ? n->first : NULL;
        if (!entering || !t || t->next || t->kind != N_TEXT || !t->text || !n->text)
            continue;
        size_t cut = 0, len = strlen(t->text), ulen = strlen(n->text);
        for (int depth = 0; cut < len; cut++)
            if (t->text[cut] == '(')
                depth++;
            else if (t->text[cut] == ')' && depth-- == 0)
                break;
        if (cut == 0 || cut == len || len - cut > ulen ||
            strcmp(n->text + ulen - (len - cut), t->text + cut) != 0)
            continue;   /* nothing to cut, or the address does not end as its text does */
        node *rest = loader_node(l, N_TEXT, t->pos);
        char *url = arena_strndup(l->doc->arena, n->text, ulen - (len - cut));
        char *shown = arena_strndup(l->doc->arena, t->text, cut);
        if (!rest || !url || !shown || !(rest->text = arena_strdup(l->doc->arena, t->text + cut))) {
            if (rest)
                diag_oom(l->d);
            return;
        }
        rest->flags = t->flags;
        doc_insert_after(n, rest);
        n->text = url;
        if (n->alt == t->text || (n->alt && strcmp(n->alt, t->text) == 0))
            n->alt = shown;
        t->text = shown;
    }
}

/* A container element made on entering c; its children go inside. nests:
 * 1 for the containers that count toward DOC_MAX_NESTING. */
static int enter_element(loader *l, cmark_node *c, node *made, int nests)
{
    if (!made)
        return -1;
    doc_append(l->parent, made);
    if (push_frame(l, c, nests) != 0)
        return -1;
    l->parent = made;
    return 0;
}

/* An element with no children (a rule, a line break) where the next node goes. */
static void append_leaf(loader *l, enum node_kind kind, srcpos at)
{
    node *n = loader_node(l, kind, at);
    if (n)
        doc_append(l->parent, n);
}

static void enter_link(loader *l, cmark_node *c, srcpos at)
{
    node *link = loader_node(l, N_LINK, at);
    char *text = loader_plain_text(c);
    const char *url = cmark_node_get_url(c);
    if (!url)
        url = "";
    if (link && text) {
        link->text = sanitize_text(&l->san, l->doc->arena, url, strlen(url), at, TEXT_INLINE);
        link->alt = input_is_blank(text) ? link->text : arena_strdup(l->doc->arena, text);
        if (is_autolink(url, text))
            link->flags |= NF_AUTOLINK;
        if (link->text && !link->alt)
            diag_oom(l->d);
        if (!link->text || !link->alt)
            link = NULL;   /* reported */
    }
    if (!text) {
        diag_oom(l->d);
        return;
    }
    int blank = input_is_blank(text);
    free(text);
    if (enter_element(l, c, link, 0) != 0 || !blank || !*link->text)
        return;
    /* [](url): a link nobody could see or click; its address stands as its text */
    diag_warning(l->d, at, "link has no text; its address is shown instead");
    link->flags |= NF_AUTOLINK;
    loader_text(l, link, link->text, strlen(link->text), l->flags, at);
}

static void footnote_reference(loader *l, cmark_node *c, srcpos at)
{
    const char *lit = cmark_node_get_literal(c);
    int number = lit ? atoi(lit) : 0;
    node *link = loader_node(l, N_LINK, at);
    if (!link)
        return;
    link->number = number;
    link->alt = arena_printf(l->doc->arena, "%s %d",
                             lang_is(l->lang, "ko") ? "각주" : "footnote", number);
    if (!link->alt) {
        diag_oom(l->d);
        return;
    }
    doc_append(l->parent, link);
    char num[16];
    int n = snprintf(num, sizeof num, "%d", number);
    loader_text(l, link, num, (size_t)n, NF_SUPER, at);
}

static void enter_table_part(loader *l, cmark_node *c, const char *type, srcpos at)
{
    if (strcmp(type, "table") == 0) {
        l->in_table = 1;
        l->table_align = cmark_gfm_extensions_get_table_alignments(c);
        l->table_cols = cmark_gfm_extensions_get_table_columns(c);
        l->tbody = NULL;
        enter_element(l, c, loader_node(l, N_TABLE, at), 0);
    } else if (strcmp(type, "table_header") == 0) {
        node *head = loader_node(l, N_THEAD, at);
        node *tr = loader_node(l, N_TR, at);
        if (!head || !tr)
            return;
        tr->flags |= NF_HEADER_ROW;
        doc_append(l->parent, head);
        l->cell_col = 0;
        if (push_frame(l, c, 0) == 0) {
            doc_append(head, tr);
            l->parent = tr;
        }
    } else if (strcmp(type, "table_row") == 0) {
        node *tr = loader_node(l, N_TR, at);
        if (!tr)
            return;
        if (!l->tbody) {
            l->tbody = loader_node(l, N_TBODY, at);
            if (!l->tbody)
                return;
            doc_append(l->parent, l->tbody);
        }
        doc_append(l->tbody, tr);
        l->cell_col = 0;
        if (push_frame(l, c, 0) == 0)
            l->parent = tr;
    } else { /* table_cell */
        int header = l->parent->flags & NF_HEADER_ROW;
        node *cell = loader_node(l, header ? N_TH : N_TD, at);
        if (!cell)
            return;
        int col = l->cell_col++;
        cell->number = col + 1;
        if (l->table_align && col < l->table_cols) {
            switch (l->table_align[col]) {
            case 'l': cell->align = ALIGN_LEFT; break;
            case 'c': cell->align = ALIGN_CENTER; break;
            case 'r': cell->align = ALIGN_RIGHT; break;
            default: cell->align = ALIGN_NONE; break;
            }
        }
        enter_element(l, c, cell, 0);
    }
}

/* Past DOC_MAX_NESTING lists, block quotes and footnotes, a list, its items
 * and a block quote make no element of their own (one warning per release):
 * what they hold is set in the innermost container at the limit, at its
 * indent, so the tree — and every walk of it — stays that shallow. */
static int too_deep(loader *l, cmark_node *c, cmark_node_type type, srcpos at)
{
    if (type == CMARK_NODE_ITEM) {   /* made exactly when its list was */
        frame *f = top_frame(l);
        return !f || f->src != cmark_node_parent(c);
    }
    if (type != CMARK_NODE_LIST && type != CMARK_NODE_BLOCK_QUOTE)
        return 0;
    if (l->nesting < DOC_MAX_NESTING)
        return 0;
    if (!l->depth_reported)
        diag_warning(l->d, at, "lists and block quotes nested more than %d deep; the deeper"
                     " levels are set at that depth", DOC_MAX_NESTING);
    l->depth_reported = 1;
    return 1;
}

/* Handle entering cmark node c. Returns 1 when its subtree must be skipped. */
static int enter_node(loader *l, cmark_node *c)
{
    cmark_node_type type = cmark_node_get_type(c);
    srcpos at = loader_pos(l, c);
    int is_block = (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;

    if (is_block && type != CMARK_NODE_DOCUMENT) {
        l->block_pos = at;
        l->inline_end.line = 0;
        if (too_deep(l, c, type, at))
            return 0;   /* no element: its blocks join the container at the limit */
    }
    if (html_hides(l, type))
        return 1;
    switch (type) {
    case CMARK_NODE_DOCUMENT:
        return 0;
    case CMARK_NODE_PARAGRAPH: {
        cmark_node *image = figure_lone_image(c);
        if (image) {
            if (cmark_node_parent(image) != c)
                diag_warning(l->d, at, "a link around an image is not kept; the image is set as a figure");
            node *fig = figure_make(l, image);
            if (fig)
                doc_append(l->parent, fig);
            return 1;
        }
        enter_element(l, c, loader_node(l, N_P, at), 0);
        return 0;
    }
    case CMARK_NODE_HEADING: {
        node *h = loader_node(l, N_H, at);
        if (h)
            h->level = heading_level(l, cmark_node_get_heading_level(c), at);
        enter_element(l, c, h, 0);
        return 0;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        enter_element(l, c, loader_node(l, N_BLOCKQUOTE, at), 1);
        return 0;
    case CMARK_NODE_LIST: {
        node *list = loader_node(l, N_L, at);
        if (!list)
            return 1;
        list->level = ++l->list_depth;
        if (cmark_node_get_list_type(c) == CMARK_ORDERED_LIST) {
            list->flags |= NF_ORDERED;
            list->number = cmark_node_get_list_start(c);
        } else {
            list->number = 1;
        }
        if (enter_element(l, c, list, 1) != 0) {
            l->list_depth--;
            return 1;
        }
        top_frame(l)->counter = list->number;
        return 0;
    }
    case CMARK_NODE_ITEM: {
        frame *list_frame = top_frame(l);
        node *li = loader_node(l, N_LI, at), *lbl = loader_node(l, N_LBL, at),
             *body = loader_node(l, N_LBODY, at);
        if (!li || !lbl || !body)
            return 1;
        li->number = list_frame ? list_frame->counter++ : 1;
        if (strcmp(cmark_node_get_type_string(c), "tasklist") == 0) {
            /* - [ ] / - [x]: the box is drawn as the label; its state is spoken */
            int done = cmark_gfm_extensions_get_tasklist_item_checked(c);
            static const char *const state[2][2] = {{"not checked", "checked"},
                                                    {"\xEC\xB2\xB4\xED\x81\xAC \xEC\x95\x88 \xEB\x90\xA8",
                                                     "\xEC\xB2\xB4\xED\x81\xAC\xEB\x90\xA8"}};
            li->flags |= NF_TASK | (done ? NF_CHECKED : 0);
            lbl->alt = state[lang_is(l->lang, "ko")][done];   /* 체크 안 됨, 체크됨 */
        }
        doc_append(li, lbl);
        doc_append(li, body);
        if (enter_element(l, c, li, 0) != 0)
            return 1;
        l->parent = body;
        return 0;
    }
    case CMARK_NODE_CODE_BLOCK: {
        node *code = loader_node(l, N_CODE, at);
        if (!code)
            return 1;
        const char *lit = cmark_node_get_literal(c);
        size_t n = lit ? strlen(lit) : 0;
        if (n > 0 && lit[n - 1] == '\n')
            n--;
        code->flags |= NF_BLOCK;
        code->text = sanitize_text(&l->san, l->doc->arena, lit ? lit : "", n, at, TEXT_CODE);
        if (!code->text)
            return 1;   /* reported */
        doc_append(l->parent, code);
        return 1;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        append_leaf(l, N_RULE, at);
        return 1;
    case CMARK_NODE_HTML_BLOCK:
        html_convert(l, c, at, 1);
        return 1;
    case CMARK_NODE_FOOTNOTE_DEFINITION: {
        if (!l->notes) {
            l->notes = loader_node(l, N_DIV, at);
            if (!l->notes)
                return 1;
            l->notes->role = R_NOTES;
        }
        node *note = loader_node(l, N_NOTE, at);
        if (!note)
            return 1;
        note->number = ++l->nnotes;
        doc_append(l->notes, note);
        if (push_frame(l, c, 1) != 0)
            return 1;
        l->parent = note;
        return 0;
    }
    case CMARK_NODE_TEXT: {
        const char *s = cmark_node_get_literal(c);
        if (s && *s)
            loader_text(l, l->parent, s, strlen(s), l->flags, at);
        return 1;
    }
    case CMARK_NODE_CODE: {
        const char *s = cmark_node_get_literal(c);
        loader_text(l, l->parent, s ? s : "", s ? strlen(s) : 0, l->flags | NF_CODE, at);
        return 1;
    }
    case CMARK_NODE_SOFTBREAK:   /* none after a line break ("a<br>" at a line's end) */
        if (!l->parent->last || l->parent->last->kind != N_BREAK)
            loader_text(l, l->parent, " ", 1, l->flags, at);
        return 1;
    case CMARK_NODE_LINEBREAK:
        append_leaf(l, N_BREAK, at);
        return 1;
    case CMARK_NODE_HTML_INLINE:
        html_convert(l, c, at, 0);
        return 1;
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
        if (push_frame(l, c, 0) != 0)
            return 1;
        l->flags |= type == CMARK_NODE_EMPH ? NF_EMPH : NF_STRONG;
        return 0;
    case CMARK_NODE_LINK:
        enter_link(l, c, at);
        return 0;
    case CMARK_NODE_IMAGE: {
        node *fig = figure_make(l, c);
        if (fig) {
            diag_warning(l->d, at, "image inside running text; set after the paragraph");
            if (!l->pending_figures)
                l->pending_figures = loader_node(l, N_DIV, at);
            if (l->pending_figures)
                doc_append(l->pending_figures, fig);
        }
        return 1;
    }
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        footnote_reference(l, c, at);
        return 1;
    default:
        break;
    }
    const char *ext = cmark_node_get_type_string(c);
    if (strcmp(ext, "strikethrough") == 0) {
        if (push_frame(l, c, 0) != 0)
            return 1;
        l->flags |= NF_STRIKE;
        return 0;
    }
    if (strncmp(ext, "table", 5) == 0) {
        enter_table_part(l, c, ext, at);
        return 0;
    }
    /* anything else (custom nodes, task items...): keep its content inline */
    return 0;
}

/* Does n hold nothing but empty text? */
static int is_empty(const node *n)
{
    for (const node *c = n->first; c; c = c->next)
        if (c->kind != N_TEXT || (c->text && *c->text))
            return 0;
    return 1;
}

static void exit_node(loader *l, cmark_node *c)
{
    frame *f = top_frame(l);
    if (!f || f->src != c)
        return; /* nothing was pushed for it */
    cmark_node_type type = cmark_node_get_type(c);
    node *made = l->parent;
    pop_frame(l);
    if (type == CMARK_NODE_LIST)
        l->list_depth--;
    if ((type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) && made != l->parent &&
        is_empty(made)) {
        /* nothing to read: no empty P or H (an H would be an empty outline entry) */
        if (type == CMARK_NODE_HEADING)
            diag_warning(l->d, made->pos, "empty heading left out");
        doc_remove(made);
    }
    if ((type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) && !l->in_table)
        figure_flush(l);
    if (strcmp(cmark_node_get_type_string(c), "table") == 0) {
        l->in_table = 0;
        l->table_align = NULL;
        figure_flush(l);
    }
}

/* ---- cmark-gfm's allocator ---------------------------------------------

   cmark-gfm cannot take a NULL back from its allocator (its own aborts), and
   a cmark_mem has no context to report through: out of memory in cmark ends
   the run here, reported through the diag main registered and with exit 3
   (diag_oom_exit), before cmark would abort. That is safe because Markdown is
   parsed only while the inputs are read (input_load_release): no output, no
   temporary file is open or exists yet. The parser is given this allocator,
   and cmark's default one (what the extensions allocate when they are
   registered, and any node made without a parser) is pointed at it too. */

static void *md_calloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p && n && size)
        diag_oom_exit();
    return p;
}

static void *md_realloc(void *p, size_t size)
{
    void *q = realloc(p, size);
    if (!q && size)
        diag_oom_exit();
    return q;
}

static cmark_mem md_mem = {md_calloc, md_realloc, free};

static void use_md_mem(void)
{
    cmark_mem *dflt = cmark_get_default_mem_allocator();
    dflt->calloc = md_calloc;
    dflt->realloc = md_realloc;
}

cmark_node *markdown_parse(loader *l, const char *body, size_t len)
{
    static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};
    use_md_mem();
    cmark_gfm_core_extensions_ensure_registered();
    /* Only ~~double~~ tildes strike: Korean writes ranges as "2일~9일", and
     * single-tilde strikethrough would eat them. */
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES |
                                                     CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE, &md_mem);
    if (!parser) {
        diag_oom(l->d);
        return NULL;
    }
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
            diag_error(l->d, l->block_pos, "cmark-gfm has no '%s' extension", extensions[i]);
            cmark_parser_free(parser);
            return NULL;
        }
    }
    cmark_parser_feed(parser, body, len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    if (!root) {
        diag_oom(l->d);
        return NULL;
    }
    cmark_consolidate_text_nodes(root);
    return root;
}

void markdown_convert(loader *l, node *sect, const char *body, size_t len)
{
    int lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += body[i] == '\n';
    l->line_len = malloc((size_t)lines * sizeof *l->line_len);
    if (l->line_len) {
        size_t start = 0;
        l->nlines = 0;
        for (size_t i = 0; i <= len; i++)
            if (i == len || body[i] == '\n') {
                l->line_len[l->nlines++] = i - start;
                start = i + 1;
            }
    }
    cmark_node *root = markdown_parse(l, body, len);
    if (root)
        root = dates_as_text(l, root, body, len);
    if (!root)
        return;   /* reported */
    cmark_iter *it = cmark_iter_new(root);
    if (!it) {
        diag_oom(l->d);
        cmark_node_free(root);
        return;
    }
    l->parent = sect;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *c = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER) {
            if (enter_node(l, c) && cmark_node_first_child(c))
                cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
        } else if (ev == CMARK_EVENT_EXIT) {
            exit_node(l, c);
        }
    }
    cmark_iter_free(it);
    cmark_node_free(root);
    while (l->nframes)
        pop_frame(l);
    l->parent = sect;
    figure_flush(l);
    trim_autolinks(l, sect);
    if (l->html.hidden)
        diag_warning(l->d, l->hidden_at, "raw HTML <%s> is never closed: everything after it was"
                     " left out; close it with </%s>", l->html.hidden, l->html.hidden);
}
