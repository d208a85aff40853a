/* input_fixture.h — what the unit tests that load releases share: a
 * temporary folder, files written into it, one load (of a release or a
 * style sheet) with its messages captured, and walks of the resulting tree. Included by one test file each. */
#ifndef BULLETIN_INPUT_FIXTURE_H
#define BULLETIN_INPUT_FIXTURE_H
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "input/input.h"

static char tmpdir[256];

/* Write a file under the temp dir; returns its path (static ring of buffers). */
static inline const char *write_bytes(const char *name, const char *data, size_t len)
{
    static char paths[8][512];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, 512, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return path;
    fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

static inline const char *write_text(const char *name, const char *text)
{
    return write_bytes(name, text, strlen(text));
}

/* One load with its messages captured. */
typedef struct run {
    document *doc;
    diag d;
    int rc;
    char *msgs;
    size_t msgs_len;
} run;

static inline void load(run *r, const char *path, const char *root, int title_level)
{
    memset(r, 0, sizeof *r);
    r->doc = doc_new();
    r->d.out = open_memstream(&r->msgs, &r->msgs_len);
    input_options o = {.root = root ? root : tmpdir, .title_level = title_level};
    r->rc = input_load_release(r->doc, path, &o, &r->d);
    fclose(r->d.out);
    r->d.out = NULL;
}

/* Load the style sheet at path into s, its messages captured; the result. */
static inline int load_style(run *r, const char *path, style *s, arena *a)
{
    memset(r, 0, sizeof *r);
    r->d.out = open_memstream(&r->msgs, &r->msgs_len);
    r->rc = input_load_style(path, s, a, &r->d);
    fclose(r->d.out);
    r->d.out = NULL;
    return r->rc;
}

/* Front matter a test release starts with: its body starts at line 6. */
#define FM "---\ntitle: T\ndate: 2019-06-18\nlang: en\n---\n"

/* Write bytes to a file called name and load it as a release; its path. */
static inline const char *load_bytes(run *r, const char *name, const char *data, size_t n)
{
    const char *path = write_bytes(name, data, n);
    load(r, path, NULL, 1);
    return path;
}

static inline const char *load_text(run *r, const char *name, const char *text)
{
    return load_bytes(r, name, text, strlen(text));
}

static inline void done(run *r)
{
    doc_free(r->doc);
    free(r->msgs);
}

/* Does the output hold "<path>:<where>: <rest>"? */
static inline int said(const run *r, const char *path, const char *where, const char *rest)
{
    char want[1024];
    snprintf(want, sizeof want, "%s:%s: %s", path, where, rest);
    int ok = r->msgs && strstr(r->msgs, want) != NULL;
    if (!ok)
        printf("  wanted \"%s\" in:\n%s", want, r->msgs ? r->msgs : "(nothing)\n");
    return ok;
}

static inline const node *child(const node *n, int i)
{
    const node *c = n ? n->first : NULL;
    while (c && i-- > 0)
        c = c->next;
    return c;
}

static inline int count_kind(const node *root, enum node_kind kind)
{
    int n = 0, entering = 1;
    for (const node *c = root; c; c = doc_next(root, c, &entering))
        if (entering && c->kind == kind)
            n++;
    return n;
}

static inline const node *find_kind(const node *root, enum node_kind kind, int nth)
{
    int entering = 1;
    for (const node *c = root; c; c = doc_next(root, c, &entering))
        if (entering && c->kind == kind && nth-- == 0)
            return c;
    return NULL;
}

/* The text under n, concatenated. */
static inline void text_of(const node *n, char *out, size_t size)
{
    int entering = 1;
    out[0] = 0;
    for (const node *c = n; c; c = doc_next(n, c, &entering))
        if (entering && c->kind == N_TEXT && c->text)
            strncat(out, c->text, size - strlen(out) - 1);
}

static inline void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[1024];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
            continue;
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* Make the temporary folder ($TMPDIR/NAME.XXXXXX). 0 ok, -1 reported. */
static inline int fixture_open(const char *name)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/%s.XXXXXX", base && *base ? base : "/tmp", name);
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return -1;
    }
    return 0;
}

#endif
