/* sources.c — the files a document is made from, recorded as the input stage
 * reads them, for the archive to carry (PDF/A-3 associated files): each
 * file's path relative to the root (what /F and /UF name, so the files come
 * back out in the same folders), its MIME type, a description in the
 * document's words, and the size and hash of its bytes exactly as read
 * (before any clean-up), so the PDF stage embeds those very bytes or refuses. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

/* The words of the descriptions, per language (the first is the default). */
typedef struct source_words {
    const char *lang;
    const char *release;    /* "%s": the release's title */
    const char *manifest;   /* "%s": the bulletin's or volume's title */
    const char *image;      /* "%s": the image's path */
    const char *style;      /* "%s": the style sheet's path */
} source_words;

static const source_words word_sets[] = {
    {"en", "Markdown source of the release \xE2\x80\x9C%s\xE2\x80\x9D",
     "Manifest (YAML) of \xE2\x80\x9C%s\xE2\x80\x9D", "Image file %s", "Style sheet (YAML) %s"},
    {"ko", "\xEB\xB3\xB4\xEB\x8F\x84\xEC\x9E\x90\xEB\xA3\x8C \xEC\x9B\x90\xEB\xAC\xB8(Markdown): %s",
     "\xEA\xB5\xAC\xEC\x84\xB1 \xEB\xAA\xA9\xEB\xA1\x9D(YAML): %s",
     "\xEC\x9D\xB4\xEB\xAF\xB8\xEC\xA7\x80 \xED\x8C\x8C\xEC\x9D\xBC: %s",
     "\xEC\x8A\xA4\xED\x83\x80\xEC\x9D\xBC \xEC\x8B\x9C\xED\x8A\xB8(YAML): %s"},
};

static const source_words *words_for(const char *lang)
{
    for (size_t i = 0; i < sizeof word_sets / sizeof *word_sets; i++)
        if (lang_is(lang, word_sets[i].lang))
            return &word_sets[i];
    return &word_sets[0];
}

/* path relative to the real root, or NULL when it is not below it. In a. */
static const char *relative_to_root(arena *a, const char *root, const char *real)
{
    char *real_root = root ? realpath(root, NULL) : NULL;
    const char *rel = NULL;
    if (real_root) {
        size_t n = strlen(real_root);
        if (n == 1 && real_root[0] == '/')
            n = 0;   /* the root is /: every path is below it */
        if (strncmp(real, real_root, n) == 0 && real[n] == '/' && real[n + 1])
            rel = arena_strdup(a, real + n + 1);
    }
    free(real_root);
    return rel;
}

static const char *mime_of(const source_spec *s)
{
    switch (s->kind) {
    case SOURCE_RELEASE: return "text/markdown";
    case SOURCE_IMAGE: return s->image_format == IMAGE_JPEG ? "image/jpeg" : "image/png";
    case SOURCE_MANIFEST:
    case SOURCE_STYLE: return "application/yaml";
    }
    return "application/octet-stream";
}

const source_file *source_record(document *doc, const char *root, const source_spec *s, diag *d)
{
    arena *a = doc->arena;
    char *real = realpath(s->path, NULL);
    if (!real) {
        diag_errno(d, (srcpos){s->path, 1, 1}, errno, "cannot resolve the file's path");
        return NULL;
    }
    source_file *f = arena_alloc(a, sizeof *f);
    if (!f) {
        free(real);
        diag_oom(d);
        return NULL;
    }
    *f = (source_file){.kind = s->kind, .bytes = s->bytes, .hash = s->hash, .mime = mime_of(s)};
    f->path = arena_strdup(a, real);
    f->name = relative_to_root(a, root, real);
    if (!f->name) {   /* named on the command line, outside the root: its file name */
        const char *slash = strrchr(real, '/');
        f->outside_root = 1;
        f->name = arena_strdup(a, slash ? slash + 1 : real);
    }
    free(real);
    if (!f->path || !f->name) {
        diag_oom(d);
        return NULL;
    }
    const source_words *w = words_for(doc->lang ? doc->lang : s->lang);
    const char *what = s->kind == SOURCE_RELEASE ? w->release
                     : s->kind == SOURCE_MANIFEST ? w->manifest
                     : s->kind == SOURCE_IMAGE ? w->image : w->style;
    f->desc = arena_printf(a, what, s->title && *s->title ? s->title : f->name);
    if (!f->desc)
        diag_oom(d);
    return f->desc ? f : NULL;
}

const source_file *source_of_image(document *doc, const char *root, const image_info *info,
                                   const char *lang, diag *d)
{
    if (info->source)
        return info->source;
    source_spec spec = {.kind = SOURCE_IMAGE, .path = info->path, .bytes = info->bytes,
                        .hash = info->hash, .image_format = info->format, .lang = lang};
    const source_file *f = source_record(doc, root, &spec, d);
    /* the image's facts are the document's (input_checked_image made them in
     * its arena): its file's record is kept with them, once */
    if (f)
        ((image_info *)info)->source = f;
    return f;
}

int source_add_to_document(document *doc, const source_file *f)
{
    int n = doc->nsources;
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {   /* doubled at powers of two */
        size_t cap = n == 0 ? 4 : (size_t)n * 2;
        const source_file **grown = arena_array(doc->arena, cap, sizeof *grown);
        if (!grown)
            return -1;
        if (n)
            memcpy(grown, doc->sources, (size_t)n * sizeof *grown);
        doc->sources = grown;
    }
    doc->sources[doc->nsources++] = f;
    return 0;
}

int source_list_release(document *doc, release_meta *meta, node *sect, const source_file *md)
{
    int n = md ? 1 : 0, entering = 1;
    for (const node *c = sect; c; c = doc_next(sect, c, &entering))
        n += entering && c->kind == N_FIGURE && c->image && c->image->source;
    if (!n)
        return 0;
    const source_file **list = arena_array(doc->arena, (size_t)n, sizeof *list);
    if (!list)
        return -1;
    int k = 0;
    if (md)
        list[k++] = md;
    entering = 1;
    for (const node *c = sect; c; c = doc_next(sect, c, &entering)) {
        if (!entering || c->kind != N_FIGURE || !c->image || !c->image->source)
            continue;
        int seen = 0;   /* a release shows few images: a scan is enough */
        for (int i = 0; i < k && !seen; i++)
            seen = list[i] == c->image->source;
        if (!seen)
            list[k++] = c->image->source;
    }
    meta->sources = list;
    meta->nsources = k;
    return 0;
}
