/* release.c — one Markdown press release into the document tree: whole-file
 * checks and character clean-up (sanitize.c), then the front matter
 * (frontmatter.c) and the body (markdown.c) assembled into an N_SECT with its
 * title, head block and footnotes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "input-private.h"

/* ---- the release ------------------------------------------------------ */

static node *meta_line(loader *l, node *head, const char *text, srcpos at, enum block_role role)
{
    node *p = loader_node(l, N_P, at);
    if (!p)
        return NULL;
    p->role = role;
    doc_append(head, p);
    loader_text(l, p, text, strlen(text), 0, at);
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

/* Build the N_SECT with title, head and body; attach it when nothing failed
 * (the release's own diag, l->d, recorded no error). 0, or -1 reported. */
static int build_release(loader *l, const front_matter *fm, const char *body, size_t body_len)
{
    document *doc = l->doc;
    srcpos start = {l->file, 1, 1};
    const char *title = fm->value[K_TITLE] ? fm->value[K_TITLE] : "";
    release_meta *meta = arena_alloc(doc->arena, sizeof *meta);
    node *sect = loader_node(l, N_SECT, start);
    node *h = loader_node(l, N_H, fm->value[K_TITLE] ? fm->at[K_TITLE] : start);
    node *head = loader_node(l, N_DIV, start);
    if (!meta || !sect || !h || !head)
        return diag_oom(l->d);
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
    loader_text(l, h, title, strlen(title), 0, h->pos);

    head->role = R_RELEASE_HEAD;
    doc_append(sect, head);
    if (fm->value[K_SUBTITLE])
        meta_line(l, head, fm->value[K_SUBTITLE], fm->at[K_SUBTITLE], R_SUBTITLE);
    const char *date = fm->value[K_DATE];
    if (date && input_valid_date(date) && !(date = input_display_date(l->doc->arena, date, l->lang)))
        return diag_oom(l->d);
    meta->date_text = date;
    if (date)   /* an invalid one was reported; the release is not kept */
        meta_line(l, head, date, fm->at[K_DATE], R_META);
    static const enum fm_key meta_keys[] = {K_DEPARTMENT, K_CONTACT, K_ID};
    for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
        if (fm->value[meta_keys[i]])
            meta_line(l, head, fm->value[meta_keys[i]], fm->at[meta_keys[i]], R_META);

    l->block_pos = (srcpos){l->file, l->line_offset + 1, 1};
    markdown_convert(l, sect, body, body_len);
    footnotes_check(l, body, body_len);
    if (l->notes)
        doc_append(sect, l->notes);
    markdown_link_footnotes(l, sect);

    if (l->d->kind != ERR_NONE)   /* the release's sticky error, read once */
        return -1;
    source_spec spec = {.kind = SOURCE_RELEASE, .path = l->path, .bytes = l->raw_bytes,
                        .hash = l->raw_hash, .title = title, .lang = meta->lang};
    const source_file *md = source_record(doc, l->root, &spec, l->d);
    if (!md)
        return -1;
    if (source_list_release(doc, meta, sect, md) != 0 || input_mark_languages(doc, sect) != 0
        || add_release(doc, meta) != 0)
        return diag_oom(l->d);
    doc_append(l->parent_of_release ? l->parent_of_release : doc->root, sect);
    if (!doc->title)
        doc->title = title;
    if (!doc->lang)
        doc->lang = meta->lang;
    if (!doc->date)
        doc->date = meta->date;
    if (!doc->author)
        doc->author = meta->department;
    return 0;
}

/* A size in bytes as people read it: "512 bytes", "300.0 KiB", "16.0 MiB". */
static void size_text(char *out, size_t cap, double bytes)
{
    if (bytes < 1024)
        snprintf(out, cap, "%.0f bytes", bytes);
    else if (bytes < 1024.0 * 1024)
        snprintf(out, cap, "%.1f KiB", bytes / 1024);
    else
        snprintf(out, cap, "%.1f MiB", bytes / (1024.0 * 1024));
}

/* Refuse the release `file` as larger than max bytes (size: its size, or -1
 * when known only to be larger). Returns -1 (reported). */
static int refuse_size(const char *file, size_t max, double size, diag *d)
{
    char is[32], limit[32];
    size_text(limit, sizeof limit, (double)max);
    if (size >= 0) {
        size_text(is, sizeof is, size);
        diag_error(d, (srcpos){file, 1, 1}, "the release is %s, more than the %s a release "
                   "may be (--max-release-size SIZE allows more)", is, limit);
    } else {
        diag_error(d, (srcpos){file, 1, 1}, "the release is more than the %s a release may "
                   "be (--max-release-size SIZE allows more)", limit);
    }
    return -1;
}

/* Is the file at path a regular file larger than max bytes — known before a
 * byte of it is read? -1 (reported) when it is, else 0 (a file stat cannot
 * size, a pipe, is left to the read, which stops past max). */
static int too_large(const char *path, size_t max, const char *file, diag *d)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || (uintmax_t)sb.st_size <= max)
        return 0;
    return refuse_size(file, max, (double)sb.st_size, d);
}

/* The release at path read and checked with d its own (a diag_child). */
static int load_release(document *doc, const char *path, const input_options *o, diag *d)
{
    char *data = NULL;
    size_t len = 0;
    const char *file = arena_strdup(doc->arena, o && o->name ? o->name : path);
    if (!file)
        return diag_oom(d);
    size_t max = o && o->max_release_bytes ? o->max_release_bytes : INPUT_MAX_RELEASE_BYTES;
    if (too_large(path, max, file, d))
        return -1;
    if (read_file_max(path, max, &data, &len) != 0)
        return errno == EFBIG ? refuse_size(file, max, -1, d)
                              : diag_errno(d, (srcpos){file, 1, 1}, errno, "cannot read");
    size_t raw_bytes = len;   /* the bytes exactly as read, for the archive (sources.c) */
    uint64_t raw_hash = fnv1a(data, len, FNV1A_INIT);
    const char *ys = NULL, *body = NULL;
    size_t ylen = 0;
    int body_line = 1;
    if (sanitize_file(file, data, &len, d) != 0 ||
        frontmatter_split(file, data, len, d, &ys, &ylen, &body, &body_line) != 0) {
        free(data);
        return -1;
    }
    /* unusable code points: removed from the YAML (libyaml refuses them),
     * overwritten in the body (cmark's columns stay those of the file) */
    sanitizer san = {.d = d, .file = file};
    size_t body_len = (size_t)(data + len - body);
    sanitize_source(&san, data + (ys - data), &ylen, 2, 0);
    sanitize_source(&san, data + (body - data), &body_len, body_line, 1);
    sanitize_report(&san);
    if (input_is_blank(body))   /* data is NUL-terminated */
        diag_warning(d, (srcpos){file, body_line - 1, 1},
                     "nothing follows the front matter: the release is only its title and head");
    loader l = {
        .doc = doc, .d = d, .file = file, .path = path,
        .raw_bytes = raw_bytes, .raw_hash = raw_hash,
        .title_level = doc_heading_level(o ? o->title_level : 1),
        .line_offset = body_line - 1,
        .root = o && o->root ? o->root : ".",
        .image_cache = o ? o->image_cache : NULL,
        .parent_of_release = o ? o->parent : NULL,
        .nheadings = 1, /* the title: Markdown level 1, depth 0 */
        .san = san,
    };
    l.headings[0] = (heading_mark){1, 0};
    front_matter fm;
    frontmatter_read(doc, file, ys, ylen, d, &l.san, &fm);   /* reported: the body is read too */
    l.lang = fm.value[K_LANG] ? fm.value[K_LANG] : "und";
    int rc = d->kind >= ERR_SYSTEM ? -1 : build_release(&l, &fm, body, body_len);
    free(l.frames);
    free(l.line_len);
    free(data);
    return rc;
}

int input_load_release(document *doc, const char *path, const input_options *o, diag *d)
{
    diag mine = diag_child(d);   /* the release's own errors: kept only without any */
    int rc = load_release(doc, path, o, &mine);
    diag_merge(d, &mine);
    return rc;
}
