/* release.c — one Markdown press release into the document tree: whole-file
 * checks (readable, not empty, UTF-8, no NUL), YAML front matter (title, date,
 * lang, ...), then the body through cmark-gfm (tables, strikethrough,
 * autolinks, footnotes) walked with cmark's iterator into doc nodes. Images
 * are resolved under the root and their headers read here. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include "input-private.h"

enum {
    MAX_BLOCK_DEPTH = 32,
    MAX_IMAGE_SIDE = 20000,
    MAX_LANG_LEN = 63,   /* RFC 5646 asks for at least 35 */
};
#define MAX_IMAGE_PIXELS 50000000.0

/* ---- front matter -------------------------------------------------- */

enum fm_key { K_TITLE, K_SUBTITLE, K_DATE, K_LANG, K_DEPARTMENT, K_CONTACT, K_ID, K_COUNT };
static const char *const fm_key_names[K_COUNT] = {
    "title", "subtitle", "date", "lang", "department", "contact", "id",
};
static const int fm_key_required[K_COUNT] = {1, 0, 1, 1, 0, 0, 0};

typedef struct front_matter {
    const char *value[K_COUNT];   /* in the document arena; NULL when absent */
    srcpos at[K_COUNT];           /* where each value was written */
} front_matter;

/* ---- the loader's state for one release ------------------------------ */

/* One open cmark container: what to restore when it is exited. */
typedef struct frame {
    cmark_node *src;
    node *parent;        /* doc parent before entering */
    unsigned flags;      /* inline flags before entering */
    int is_block;        /* counts toward the nesting limit */
    int counter;         /* list: next item number */
} frame;

typedef struct heading_mark {
    int md_level;        /* level written in Markdown (the title counts as 1) */
    int rel;             /* depth below the title it was set at */
} heading_mark;

typedef struct loader {
    document *doc;
    diag *d;
    const char *file;          /* as given, in the arena: for positions */
    const char *lang;
    int title_level;
    int line_offset;           /* file line = cmark line + line_offset */
    size_t *line_len;          /* heap: byte length of each body line (index = cmark line - 1) */
    int nlines;
    const char *root;          /* option root ("." by default) */
    char *real_root;           /* heap, realpath of root; NULL until needed */
    char *real_dir;            /* heap, realpath of the release's folder */
    int path_failed;           /* could not resolve root or folder: said once */

    node *parent;              /* where the next node goes */
    unsigned flags;            /* inline style in force */
    srcpos block_pos;          /* position of the innermost block, for inlines without one */
    srcpos inline_end;         /* just after the last inline with a position (line 0: none yet) */
    frame *frames;             /* heap stack of open containers */
    size_t nframes, frames_cap;
    int block_depth;
    int depth_reported;

    int list_depth;
    int in_table;
    uint8_t *table_align;      /* owned by cmark */
    int table_cols;
    int cell_col;
    node *tbody;

    node *pending_figures;     /* N_DIV not in the tree: figures waiting for their block to end */
    node *notes;               /* N_DIV R_NOTES, attached at the end */
    strmap *image_cache;       /* from input_options: images already checked */
    int nnotes;

    heading_mark headings[8];  /* open heading levels; [0] is the title */
    int nheadings;
} loader;

static srcpos pos_in_file(const char *file, const char *data, size_t off)
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

/* Whole-file checks: not empty, no NUL byte, valid UTF-8. */
static int check_file_text(const char *file, const char *data, size_t len, diag *d)
{
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
                       data[i] == '\r' || data[i] == '\f' || data[i] == '\v'))
        i++;
    if (i == len) {
        diag_error(d, (srcpos){file, 1, 1}, "file is empty");
        return -1;
    }
    int failed = 0;
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        diag_error(d, pos_in_file(file, data, (size_t)(nul - data)),
                   "file contains a NUL byte");
        failed = 1;
    }
    size_t bad = utf8_check(data, len);
    if (bad != (size_t)-1) {
        diag_error(d, pos_in_file(file, data, bad),
                   "invalid UTF-8 (byte 0x%02X); the file must be UTF-8",
                   (unsigned)(unsigned char)data[bad]);
        failed = 1;
    }
    return failed ? -1 : 0;
}

/* Is the line at p (up to end) a front-matter fence "---" (trailing blanks and CR allowed)?
 * Sets *next to the start of the following line. */
static int is_fence_line(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end;
    *next = nl ? nl + 1 : end;
    if (eol - p < 3 || memcmp(p, "---", 3) != 0)
        return 0;
    for (const char *q = p + 3; q < eol; q++)
        if (*q != ' ' && *q != '\t' && *q != '\r')
            return 0;
    return 1;
}

/* Find the front matter: yaml text [*ys, *ys+*ylen), body from *body (at file line *body_line). */
static int split_front_matter(const char *file, const char *data, size_t len, diag *d,
                              const char **ys, size_t *ylen, const char **body,
                              int *body_line)
{
    const char *p = data, *end = data + len, *next;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a byte-order mark */
    if (!is_fence_line(p, end, &next)) {
        diag_error(d, (srcpos){file, 1, 1},
                   "a release must start with front matter: a line '---', the YAML keys, a line '---'");
        return -1;
    }
    *ys = next;
    int line = 2;
    for (p = next; p < end; p = next, line++) {
        if (is_fence_line(p, end, &next)) {
            *ylen = (size_t)(p - *ys);
            *body = next;
            *body_line = line + 1;
            return 0;
        }
    }
    diag_error(d, (srcpos){file, 1, 1}, "front matter is not closed by a line '---'");
    return -1;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM-DD naming a real day. */
static int valid_date(const char *s)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    if (s[10] != '\0')
        return 0;
    int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
    if (y < 1 || m < 1 || m > 12 || dd < 1)
        return 0;
    int max = mdays[m - 1] + (m == 2 && is_leap(y));
    return dd <= max;
}

/* The release date as a reader of the release's language writes it:
 * Korean "2019. 6. 19.(수)", English "19 June 2019", else as given (ISO).
 * date must have passed valid_date. The string lives in the arena a. */
static const char *display_date(arena *a, const char *date, const char *lang)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                         "July", "August", "September", "October", "November",
                                         "December"};
    static const char *const days_ko[] = {"일", "월", "화", "수", "목", "금", "토"};
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    if (lang_is(lang, "ko")) {
        /* day of the week, Sakamoto's method (0 = Sunday) */
        static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
        int yy = m < 3 ? y - 1 : y;
        int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
        return arena_printf(a, "%d. %d. %d.(%s)", y, m, d, days_ko[wd]);
    }
    if (lang_is(lang, "en"))
        return arena_printf(a, "%d %s %d", d, months[m - 1], y);
    return date;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* ^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$, at most MAX_LANG_LEN characters (the
 * tag is written as a PDF string, which has a length limit). */
static int valid_lang(const char *s)
{
    if (strlen(s) > MAX_LANG_LEN)
        return 0;
    int n = 0;
    while (is_alpha(s[n]))
        n++;
    if (n < 2 || n > 8)
        return 0;
    s += n;
    while (*s == '-') {
        s++;
        n = 0;
        while (is_alpha(s[n]) || is_digit(s[n]))
            n++;
        if (n < 1 || n > 8)
            return 0;
        s += n;
    }
    return *s == '\0';
}

/* Read and check the front matter keys; values are copied into the document arena. */
static int read_front_matter(loader *l, const char *ys, size_t ylen, front_matter *fm)
{
    memset(fm, 0, sizeof *fm);
    arena *tmp = arena_new();
    if (!tmp) {
        diag_error(l->d, (srcpos){l->file, 1, 1}, "out of memory");
        return -1;
    }
    ynode *root = NULL;
    int yaml_failed = yaml_load_tree(tmp, ys, ylen, l->file, 2, l->d, &root) != 0;
    int failed = yaml_failed;
    int seen[K_COUNT] = {0};

    if (root && root->kind != Y_MAP && !yaml_is_null(root)) {
        diag_error(l->d, root->pos, "front matter must be a mapping of keys to values, not %s",
                   yaml_kind_name(root));
        failed = 1;
        root = NULL;
    }
    for (ynode *k = root && root->kind == Y_MAP ? root->first : NULL; k && k->next;
         k = k->next->next) {
        ynode *v = k->next;
        if (k->kind != Y_SCALAR) {
            diag_error(l->d, k->pos, "front matter keys must be plain names");
            failed = 1;
            continue;
        }
        int key = 0;
        while (key < K_COUNT && strcmp(k->text, fm_key_names[key]) != 0)
            key++;
        if (key == K_COUNT) {
            diag_warning(l->d, k->pos, "unknown front matter key '%s' (ignored)", k->text);
            continue;
        }
        if (seen[key]) {
            diag_error(l->d, k->pos, "front matter key '%s' given twice", k->text);
            failed = 1;
            continue;
        }
        seen[key] = 1;
        fm->at[key] = v->pos;
        if (v->kind != Y_SCALAR) {
            diag_error(l->d, v->pos, "'%s' must be a string, not %s", k->text, yaml_kind_name(v));
            failed = 1;
            continue;
        }
        if (yaml_is_null(v) || v->text[0] == '\0') {
            if (fm_key_required[key]) {
                diag_error(l->d, v->pos, "'%s' is empty", k->text);
                failed = 1;
            }
            continue;
        }
        if (key == K_DATE && !valid_date(v->text)) {
            diag_error(l->d, v->pos, "date '%s' is not a real date in the form YYYY-MM-DD",
                       v->text);
            failed = 1;
            continue;
        }
        if (key == K_LANG && !valid_lang(v->text)) {
            diag_error(l->d, v->pos, "lang '%.*s%s' is not a well-formed BCP 47 language tag"
                       " of at most %d characters", (int)MAX_LANG_LEN, v->text,
                       strlen(v->text) > MAX_LANG_LEN ? "..." : "", (int)MAX_LANG_LEN);
            failed = 1;
            continue;
        }
        fm->value[key] = arena_strdup(l->doc->arena, v->text);
        if (!fm->value[key]) {
            diag_error(l->d, v->pos, "out of memory");
            failed = 1;
        }
    }
    if (!yaml_failed) { /* after a YAML error the keys that follow were never read */
        for (int key = 0; key < K_COUNT; key++)
            if (fm_key_required[key] && !seen[key]) {
                diag_error(l->d, (srcpos){l->file, 1, 1}, "front matter has no '%s'",
                           fm_key_names[key]);
                failed = 1;
            }
    }
    arena_free(tmp);
    return failed ? -1 : 0;
}

/* ---- building nodes -------------------------------------------------- */

static node *new_node(loader *l, enum node_kind kind, srcpos at)
{
    node *n = doc_node_new(l->doc, kind, at);
    if (!n)
        diag_error(l->d, at, "out of memory");
    return n;
}

/* An N_TEXT with a copy of s (n bytes) appended to parent. */
static node *add_text(loader *l, node *parent, const char *s, size_t n, unsigned flags,
                      srcpos at)
{
    node *t = new_node(l, N_TEXT, at);
    if (!t)
        return NULL;
    t->text = arena_strndup(l->doc->arena, s, n);
    if (!t->text) {
        diag_error(l->d, at, "out of memory");
        return NULL;
    }
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

/* The position of a cmark node in the file. cmark gives none for some inlines
 * (line breaks, extension autolinks): then just after the previous inline, or
 * the enclosing block's start. */
static srcpos cm_pos(loader *l, cmark_node *c)
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

/* Plain text of a cmark subtree (link text, image alt). Heap string. */
static char *cm_plain_text(cmark_node *c)
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
    return buf_take(&b);
oom:
    cmark_iter_free(it);
    buf_free(&b);
    return NULL;
}

static int is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
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
            int v = hex ? input_hex_digit(*p) : (*p >= '0' && *p <= '9' ? *p - '0' : -1);
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

/* Raw HTML without its tags and comments, entities decoded, blanks collapsed.
 * Heap; NULL when out of memory. Linear in the length of html: once no '>'
 * is left, a '<' is plain text without searching again. */
static char *strip_html(const char *html)
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
        if (p[0] == '<' && !no_gt && (is_alpha(p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?')) {
            const char *e = strchr(p, '>');
            if (e) {
                failed |= buf_append(&raw, " ", 1) != 0; /* a tag separates words like a blank */
                p = e + 1;
                continue;
            }
            no_gt = 1;
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

/* ---- images ----------------------------------------------------------- */

static int has_url_scheme(const char *s)
{
    if (!is_alpha(s[0]))
        return 0;
    const char *p = s + 1;
    while (is_alpha(*p) || is_digit(*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

/* dir + "/" + rel with "." and ".." resolved lexically. Heap; NULL on OOM. */
static char *join_normalised(const char *dir, const char *rel)
{
    size_t cap = strlen(dir) + strlen(rel) + 2;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t len = strlen(dir);
    memcpy(out, dir, len + 1);
    while (len > 1 && out[len - 1] == '/')
        out[--len] = '\0';
    const char *p = rel;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            char *last = strrchr(out, '/');
            if (last && last != out)
                *last = '\0';
            else
                strcpy(out, "/");
            len = strlen(out);
        } else {
            if (len > 1 || out[0] != '/')
                out[len++] = '/';
            memcpy(out + len, p, n);
            len += n;
            out[len] = '\0';
        }
        p += n + (slash ? 1 : 0);
    }
    return out;
}

static int path_under(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return path[0] == '/';
    return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Resolve root and the release's folder once. 0 ok. */
static int prepare_paths(loader *l, srcpos at)
{
    if (l->real_root && l->real_dir)
        return 0;
    if (l->path_failed)
        return -1;
    l->real_root = realpath(l->root, NULL);
    if (!l->real_root) {
        diag_error(l->d, at, "cannot resolve the root folder '%s': %s", l->root, strerror(errno));
        l->path_failed = 1;
        return -1;
    }
    char *real_file = realpath(l->file, NULL);
    if (!real_file) {
        diag_error(l->d, at, "cannot resolve the release's folder: %s", strerror(errno));
        l->path_failed = 1;
        return -1;
    }
    char *slash = strrchr(real_file, '/');
    if (slash == real_file)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    l->real_dir = real_file;
    return 0;
}

/* An N_FIGURE for the cmark image c, or NULL when it cannot be used (reported). */
/* An image file checked once per document: its type and pixel size from the
 * header, within the limits, and a PNG decoded whole (libharu would let libpng
 * abort on a damaged one). Checked files are remembered in l->image_cache.
 * 1 when usable (size in *w, *h), 0 after reporting why not. */
static int checked_image(loader *l, const char *real, const char *url, srcpos at, int *w, int *h)
{
    const int *known = l->image_cache ? strmap_get(l->image_cache, real) : NULL;
    if (known) {
        *w = known[0];
        *h = known[1];
        return 1;
    }
    enum image_format fmt;
    const char *why = NULL;
    if (image_read_size(real, &fmt, w, h, &why) != 0) {
        diag_error(l->d, at, "cannot use image '%s': %s", url, why);
        return 0;
    }
    if (*w > MAX_IMAGE_SIDE || *h > MAX_IMAGE_SIDE || (double)*w * *h > MAX_IMAGE_PIXELS) {
        diag_error(l->d, at, "image '%s' is %d x %d pixels; the limit is %d px a side and %.0f megapixels",
                   url, *w, *h, MAX_IMAGE_SIDE, MAX_IMAGE_PIXELS / 1e6);
        return 0;
    }
    char damage[160];
    if (fmt == IMAGE_PNG && image_check_png(real, damage, sizeof damage) != 0) {
        diag_error(l->d, at, "cannot use image '%s': %s", url, damage);
        return 0;
    }
    if (!l->image_cache)
        return 1;
    int *size = arena_array(l->doc->arena, 2, sizeof *size);
    if (!size || strmap_put(l->image_cache, real, size) != 0) {
        diag_error(l->d, at, "out of memory");
        return 0;
    }
    size[0] = *w;
    size[1] = *h;
    return 1;
}

static node *make_figure(loader *l, cmark_node *c)
{
    srcpos at = cm_pos(l, c);
    const char *url = cmark_node_get_url(c);
    if (!url || !*url) {
        diag_error(l->d, at, "image has no path");
        return NULL;
    }
    if (has_url_scheme(url) || strncmp(url, "//", 2) == 0) {
        diag_error(l->d, at, "images are not fetched: '%s' (use a file below the root folder)",
                   url);
        return NULL;
    }
    if (url[0] == '/') {
        diag_error(l->d, at, "image path '%s' is absolute; write it relative to the release",
                   url);
        return NULL;
    }
    /* percent-decode */
    size_t ulen = strlen(url);
    char *rel = malloc(ulen + 1);
    if (!rel) {
        diag_error(l->d, at, "out of memory");
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < ulen; i++) {
        int hi, lo;
        if (url[i] == '%' && (hi = input_hex_digit(url[i + 1])) >= 0 && (lo = input_hex_digit(url[i + 2])) >= 0 &&
            (hi | lo) != 0) {
            rel[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            rel[k++] = url[i];
        }
    }
    rel[k] = '\0';

    node *fig = NULL;
    char *lexical = NULL, *real = NULL, *alt = NULL;
    int w = 0, h = 0;
    if (prepare_paths(l, at) != 0)
        goto done;
    lexical = join_normalised(l->real_dir, rel);
    if (!lexical) {
        diag_error(l->d, at, "out of memory");
        goto done;
    }
    if (!path_under(lexical, l->real_root)) {
        diag_error(l->d, at, "image path leaves the root folder: '%s'", url);
        goto done;
    }
    real = realpath(lexical, NULL);
    if (!real) {
        diag_error(l->d, at, "cannot read image '%s': %s", url, strerror(errno));
        goto done;
    }
    if (!path_under(real, l->real_root)) {
        diag_error(l->d, at, "image path leaves the root folder: '%s'", url);
        goto done;
    }
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_error(l->d, at, "cannot read image '%s': not a regular file", url);
        goto done;
    }
    if (!checked_image(l, real, url, at, &w, &h))
        goto done;
    alt = cm_plain_text(c);
    if (!alt) {
        diag_error(l->d, at, "out of memory");
        goto done;
    }
    if (is_blank(alt))
        diag_warning(l->d, at, "image has no alt text");
    fig = new_node(l, N_FIGURE, at);
    if (!fig)
        goto done;
    fig->text = arena_strdup(l->doc->arena, real);
    fig->alt = arena_strdup(l->doc->arena, alt);
    fig->img_w = w;
    fig->img_h = h;
    if (!fig->text || !fig->alt) {
        diag_error(l->d, at, "out of memory");
        fig = NULL;
    }
done:
    free(rel);
    free(lexical);
    free(real);
    free(alt);
    return fig;
}

/* Does the paragraph hold one image and nothing else but blanks? */
static cmark_node *lone_image(cmark_node *para)
{
    cmark_node *image = NULL;
    for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            continue;
        if (t == CMARK_NODE_TEXT && is_blank(cmark_node_get_literal(c)))
            continue;
        if (image)
            return NULL;
        if (t == CMARK_NODE_LINK) {
            /* [![alt](pic.png)](url): a linked image alone is still a figure */
            cmark_node *inner = cmark_node_first_child(c);
            if (!inner || cmark_node_next(inner) || cmark_node_get_type(inner) != CMARK_NODE_IMAGE)
                return NULL;
            image = inner;
            continue;
        }
        if (t != CMARK_NODE_IMAGE)
            return NULL;
        image = c;
    }
    return image;
}

/* Move figures found inside running text to just after the block that ended. */
static void flush_figures(loader *l)
{
    if (!l->pending_figures)
        return;
    node *f;
    while ((f = l->pending_figures->first)) {
        doc_remove(f);
        doc_append(l->parent, f);
    }
}

/* ---- the cmark walk --------------------------------------------------- */

static int push_frame(loader *l, cmark_node *src, int is_block)
{
    if (grow_array((void **)&l->frames, &l->frames_cap, l->nframes + 1, sizeof *l->frames) != 0) {
        diag_error(l->d, l->block_pos, "out of memory");
        return -1;
    }
    l->frames[l->nframes++] = (frame){src, l->parent, l->flags, is_block, 1};
    if (is_block)
        l->block_depth++;
    return 0;
}

static void pop_frame(loader *l)
{
    frame *f = &l->frames[--l->nframes];
    l->parent = f->parent;
    l->flags = f->flags;
    if (f->is_block)
        l->block_depth--;
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
    int level = l->title_level + rel;
    if (level > 6)
        level = 6;
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

/* A container element made on entering c; its children go inside. */
static int enter_element(loader *l, cmark_node *c, node *made, int is_block)
{
    if (!made)
        return -1;
    doc_append(l->parent, made);
    if (push_frame(l, c, is_block) != 0)
        return -1;
    l->parent = made;
    return 0;
}

static void enter_link(loader *l, cmark_node *c, srcpos at)
{
    node *link = new_node(l, N_LINK, at);
    char *text = cm_plain_text(c);
    const char *url = cmark_node_get_url(c);
    if (!url)
        url = "";
    if (link && text) {
        link->text = arena_strdup(l->doc->arena, url);
        link->alt = arena_strdup(l->doc->arena, is_blank(text) ? url : text);
        if (is_autolink(url, text))
            link->flags |= NF_AUTOLINK;
        if (!link->text || !link->alt) {
            diag_error(l->d, at, "out of memory");
            link = NULL;
        }
    }
    if (!text)
        diag_error(l->d, at, "out of memory");
    free(text);
    if (text)
        enter_element(l, c, link, 0);
}

static void footnote_reference(loader *l, cmark_node *c, srcpos at)
{
    const char *lit = cmark_node_get_literal(c);
    int number = lit ? atoi(lit) : 0;
    node *link = new_node(l, N_LINK, at);
    if (!link)
        return;
    link->number = number;
    link->alt = arena_printf(l->doc->arena, "%s %d",
                             lang_is(l->lang, "ko") ? "각주" : "footnote", number);
    if (!link->alt) {
        diag_error(l->d, at, "out of memory");
        return;
    }
    doc_append(l->parent, link);
    char num[16];
    int n = snprintf(num, sizeof num, "%d", number);
    add_text(l, link, num, (size_t)n, NF_SUPER, at);
}

static void enter_table_part(loader *l, cmark_node *c, const char *type, srcpos at)
{
    if (strcmp(type, "table") == 0) {
        l->in_table = 1;
        l->table_align = cmark_gfm_extensions_get_table_alignments(c);
        l->table_cols = cmark_gfm_extensions_get_table_columns(c);
        l->tbody = NULL;
        enter_element(l, c, new_node(l, N_TABLE, at), 1);
    } else if (strcmp(type, "table_header") == 0) {
        node *head = new_node(l, N_THEAD, at);
        node *tr = new_node(l, N_TR, at);
        if (!head || !tr)
            return;
        tr->flags |= NF_HEADER_ROW;
        doc_append(l->parent, head);
        l->cell_col = 0;
        if (push_frame(l, c, 1) == 0) {
            doc_append(head, tr);
            l->parent = tr;
        }
    } else if (strcmp(type, "table_row") == 0) {
        node *tr = new_node(l, N_TR, at);
        if (!tr)
            return;
        if (!l->tbody) {
            l->tbody = new_node(l, N_TBODY, at);
            if (!l->tbody)
                return;
            doc_append(l->parent, l->tbody);
        }
        doc_append(l->tbody, tr);
        l->cell_col = 0;
        if (push_frame(l, c, 1) == 0)
            l->parent = tr;
    } else { /* table_cell */
        int header = l->parent->flags & NF_HEADER_ROW;
        node *cell = new_node(l, header ? N_TH : N_TD, at);
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

/* Handle entering cmark node c. Returns 1 when its subtree must be skipped. */
static int enter_node(loader *l, cmark_node *c)
{
    cmark_node_type type = cmark_node_get_type(c);
    srcpos at = cm_pos(l, c);
    int is_block = (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;

    if (is_block && type != CMARK_NODE_DOCUMENT) {
        l->block_pos = at;
        l->inline_end.line = 0;
        if (l->block_depth >= MAX_BLOCK_DEPTH) {
            if (!l->depth_reported)
                diag_error(l->d, at, "blocks nested more than %d levels deep", MAX_BLOCK_DEPTH);
            l->depth_reported = 1;
            return 1;
        }
    }
    switch (type) {
    case CMARK_NODE_DOCUMENT:
        return 0;
    case CMARK_NODE_PARAGRAPH: {
        cmark_node *image = lone_image(c);
        if (image) {
            if (cmark_node_parent(image) != c)
                diag_warning(l->d, at, "a link around an image is not kept; the image is set as a figure");
            node *fig = make_figure(l, image);
            if (fig)
                doc_append(l->parent, fig);
            return 1;
        }
        enter_element(l, c, new_node(l, N_P, at), 1);
        return 0;
    }
    case CMARK_NODE_HEADING: {
        node *h = new_node(l, N_H, at);
        if (h)
            h->level = heading_level(l, cmark_node_get_heading_level(c), at);
        enter_element(l, c, h, 1);
        return 0;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        enter_element(l, c, new_node(l, N_BLOCKQUOTE, at), 1);
        return 0;
    case CMARK_NODE_LIST: {
        node *list = new_node(l, N_L, at);
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
        node *li = new_node(l, N_LI, at), *lbl = new_node(l, N_LBL, at),
             *body = new_node(l, N_LBODY, at);
        if (!li || !lbl || !body)
            return 1;
        li->number = list_frame ? list_frame->counter++ : 1;
        doc_append(li, lbl);
        doc_append(li, body);
        if (enter_element(l, c, li, 1) != 0)
            return 1;
        l->parent = body;
        return 0;
    }
    case CMARK_NODE_CODE_BLOCK: {
        node *code = new_node(l, N_CODE, at);
        if (!code)
            return 1;
        const char *lit = cmark_node_get_literal(c);
        size_t n = lit ? strlen(lit) : 0;
        if (n > 0 && lit[n - 1] == '\n')
            n--;
        code->flags |= NF_BLOCK;
        code->text = arena_strndup(l->doc->arena, lit ? lit : "", n);
        if (!code->text) {
            diag_error(l->d, at, "out of memory");
            return 1;
        }
        doc_append(l->parent, code);
        return 1;
    }
    case CMARK_NODE_THEMATIC_BREAK: {
        node *rule = new_node(l, N_RULE, at);
        if (rule)
            doc_append(l->parent, rule);
        return 1;
    }
    case CMARK_NODE_HTML_BLOCK: {
        diag_warning(l->d, at, "raw HTML is not rendered; tags dropped");
        char *text = strip_html(cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "");
        if (!text)
            diag_error(l->d, at, "out of memory");
        if (text && *text) {
            node *p = new_node(l, N_P, at);
            if (p) {
                doc_append(l->parent, p);
                add_text(l, p, text, strlen(text), 0, at);
            }
        }
        free(text);
        return 1;
    }
    case CMARK_NODE_FOOTNOTE_DEFINITION: {
        if (!l->notes) {
            l->notes = new_node(l, N_DIV, at);
            if (!l->notes)
                return 1;
            l->notes->role = R_NOTES;
        }
        node *note = new_node(l, N_NOTE, at);
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
            add_text(l, l->parent, s, strlen(s), l->flags, at);
        return 1;
    }
    case CMARK_NODE_CODE: {
        const char *s = cmark_node_get_literal(c);
        add_text(l, l->parent, s ? s : "", s ? strlen(s) : 0, l->flags | NF_CODE, at);
        return 1;
    }
    case CMARK_NODE_SOFTBREAK:
        add_text(l, l->parent, " ", 1, l->flags, at);
        return 1;
    case CMARK_NODE_LINEBREAK: {
        node *br = new_node(l, N_BREAK, at);
        if (br)
            doc_append(l->parent, br);
        return 1;
    }
    case CMARK_NODE_HTML_INLINE: {
        diag_warning(l->d, at, "raw HTML is not rendered; tags dropped");
        char *text = strip_html(cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "");
        if (!text)
            diag_error(l->d, at, "out of memory");
        if (text && *text)
            add_text(l, l->parent, text, strlen(text), l->flags, at);
        free(text);
        return 1;
    }
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
        node *fig = make_figure(l, c);
        if (fig) {
            diag_warning(l->d, at, "image inside running text; set after the paragraph");
            if (!l->pending_figures)
                l->pending_figures = new_node(l, N_DIV, at);
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

static void exit_node(loader *l, cmark_node *c)
{
    frame *f = top_frame(l);
    if (!f || f->src != c)
        return; /* nothing was pushed for it */
    cmark_node_type type = cmark_node_get_type(c);
    pop_frame(l);
    if (type == CMARK_NODE_LIST)
        l->list_depth--;
    if ((type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) && !l->in_table)
        flush_figures(l);
    if (strcmp(cmark_node_get_type_string(c), "table") == 0) {
        l->in_table = 0;
        l->table_align = NULL;
        flush_figures(l);
    }
}

/* Parse the Markdown body and append its nodes to sect. */
static void convert_body(loader *l, node *sect, const char *body, size_t len)
{
    static const char *const extensions[] = {"table", "strikethrough", "autolink"};
    cmark_gfm_core_extensions_ensure_registered();
    /* Only ~~double~~ tildes strike: Korean writes ranges as "2일~9일", and
     * single-tilde strikethrough would eat them. */
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES |
                                            CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
    if (!parser) {
        diag_error(l->d, l->block_pos, "out of memory");
        return;
    }
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
            diag_error(l->d, l->block_pos, "cmark-gfm has no '%s' extension", extensions[i]);
            cmark_parser_free(parser);
            return;
        }
    }
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
    cmark_parser_feed(parser, body, len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    if (!root) {
        diag_error(l->d, l->block_pos, "out of memory parsing Markdown");
        return;
    }
    cmark_consolidate_text_nodes(root);

    cmark_iter *it = cmark_iter_new(root);
    if (!it) {
        diag_error(l->d, l->block_pos, "out of memory");
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
    flush_figures(l);
}

/* Point each footnote mark at its N_NOTE. */
static void link_footnotes(loader *l, node *sect)
{
    if (!l->notes || l->nnotes == 0)
        return;
    node **by_number = arena_array(l->doc->arena, (size_t)l->nnotes, sizeof *by_number);
    if (!by_number) {
        diag_error(l->d, sect->pos, "out of memory");
        return;
    }
    int i = 0;
    for (node *n = l->notes->first; n && i < l->nnotes; n = n->next)
        by_number[i++] = n;
    int entering = 1;
    for (node *n = sect; n; n = doc_next(sect, n, &entering))
        if (entering && n->kind == N_LINK && n->number > 0 && n->number <= l->nnotes)
            n->target = by_number[n->number - 1];
}

/* ---- the release ------------------------------------------------------ */

static node *meta_line(loader *l, node *head, const char *text, srcpos at, enum block_role role)
{
    node *p = new_node(l, N_P, at);
    if (!p)
        return NULL;
    p->role = role;
    doc_append(head, p);
    add_text(l, p, text, strlen(text), 0, at);
    return p;
}

/* Add the release to doc->releases (arena array doubled at powers of two). */
static int add_release(document *doc, release_meta *meta)
{
    int n = doc->nreleases;
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        size_t cap = n == 0 ? 4 : (size_t)n * 2;
        release_meta **grown = arena_array(doc->arena, cap, sizeof *grown);
        if (!grown)
            return -1;
        if (n)
            memcpy(grown, doc->releases, (size_t)n * sizeof *grown);
        doc->releases = grown;
    }
    doc->releases[doc->nreleases++] = meta;
    return 0;
}

/* Build the N_SECT with title, head and body; attach it when nothing failed. */
static void build_release(loader *l, const front_matter *fm, const char *body, size_t body_len,
                          int errors_before)
{
    document *doc = l->doc;
    srcpos start = {l->file, 1, 1};
    const char *title = fm->value[K_TITLE] ? fm->value[K_TITLE] : "";
    release_meta *meta = arena_alloc(doc->arena, sizeof *meta);
    node *sect = new_node(l, N_SECT, start);
    node *h = new_node(l, N_H, fm->value[K_TITLE] ? fm->at[K_TITLE] : start);
    node *head = new_node(l, N_DIV, start);
    if (!meta || !sect || !h || !head) {
        diag_error(l->d, start, "out of memory");
        return;
    }
    *meta = (release_meta){
        .title = title, .subtitle = fm->value[K_SUBTITLE], .date = fm->value[K_DATE],
        .lang = fm->value[K_LANG], .department = fm->value[K_DEPARTMENT],
        .contact = fm->value[K_CONTACT], .id = fm->value[K_ID], .file = l->file,
    };
    sect->lang = l->lang;
    sect->text = title;
    sect->meta = meta;

    h->role = R_TITLE;
    h->level = l->title_level;
    doc_append(sect, h);
    add_text(l, h, title, strlen(title), 0, h->pos);

    head->role = R_RELEASE_HEAD;
    doc_append(sect, head);
    if (fm->value[K_SUBTITLE])
        meta_line(l, head, fm->value[K_SUBTITLE], fm->at[K_SUBTITLE], R_SUBTITLE);
    const char *date = fm->value[K_DATE];
    if (date && valid_date(date) && !(date = display_date(l->doc->arena, date, l->lang))) {
        diag_error(l->d, start, "out of memory");
        return;
    }
    if (date)   /* an invalid one was reported; the release is not kept */
        meta_line(l, head, date, fm->at[K_DATE], R_META);
    static const enum fm_key meta_keys[] = {K_DEPARTMENT, K_CONTACT};
    for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
        if (fm->value[meta_keys[i]])
            meta_line(l, head, fm->value[meta_keys[i]], fm->at[meta_keys[i]], R_META);

    l->block_pos = (srcpos){l->file, l->line_offset + 1, 1};
    convert_body(l, sect, body, body_len);
    if (l->notes)
        doc_append(sect, l->notes);
    link_footnotes(l, sect);

    if (l->d->errors > errors_before)
        return;
    if (input_mark_languages(doc, sect) != 0 || add_release(doc, meta) != 0) {
        diag_error(l->d, start, "out of memory");
        return;
    }
    doc_append(doc->root, sect);
    if (!doc->title)
        doc->title = title;
    if (!doc->lang)
        doc->lang = meta->lang;
    if (!doc->date)
        doc->date = meta->date;
}

int input_load_release(document *doc, const char *path, const input_options *o, diag *d)
{
    int errors_before = d->errors;
    char *data = NULL;
    size_t len = 0;
    const char *file = arena_strdup(doc->arena, path);
    if (!file) {
        diag_error(d, (srcpos){path, 1, 1}, "out of memory");
        return -1;
    }
    if (read_file(path, &data, &len) != 0) {
        diag_error(d, (srcpos){file, 1, 1}, "cannot read: %s", strerror(errno));
        return -1;
    }
    const char *ys = NULL, *body = NULL;
    size_t ylen = 0;
    int body_line = 1;
    if (check_file_text(file, data, len, d) != 0 ||
        split_front_matter(file, data, len, d, &ys, &ylen, &body, &body_line) != 0) {
        free(data);
        return -1;
    }
    loader l = {
        .doc = doc, .d = d, .file = file,
        .title_level = o && o->title_level > 0 ? (o->title_level > 6 ? 6 : o->title_level) : 1,
        .line_offset = body_line - 1,
        .root = o && o->root ? o->root : ".",
        .image_cache = o ? o->image_cache : NULL,
        .nheadings = 1, /* the title: Markdown level 1, depth 0 */
    };
    l.headings[0] = (heading_mark){1, 0};
    front_matter fm;
    read_front_matter(&l, ys, ylen, &fm);
    l.lang = fm.value[K_LANG] ? fm.value[K_LANG] : "und";
    build_release(&l, &fm, body, (size_t)(data + len - body), errors_before);

    free(l.frames);
    free(l.line_len);
    free(l.real_root);
    free(l.real_dir);
    free(data);
    return d->errors > errors_before ? -1 : 0;
}
