/* corpus.h — the corpus for the unit tests: every release file
 * CORPUS/releases/WEEK/NAME.md, in the order the folders list them,
 * and one release laid out alone into its display list. */
#ifndef BULLETIN_TEST_CORPUS_H
#define BULLETIN_TEST_CORPUS_H
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/input.h"
#include "layout/layout.h"
#include "text_setup.h"

/* The test corpus: $CORPUS, else tests/corpus (tests run from the project's top). */
static inline const char *corpus_dir(void)
{
    const char *s = getenv("CORPUS");
    return s && *s ? s : "tests/corpus";
}

/* The block an inline element belongs to: P, H, a list item's P, a cell... */
static inline const node *corpus_block_of(const node *n)
{
    while (n && n->parent && (n->kind == N_LINK || n->kind == N_SPAN || n->kind == N_REFERENCE ||
                              (n->kind == N_CODE && !(n->flags & NF_BLOCK))))
        n = n->parent;
    return n;
}

/* Call fn(path, name, ctx) for each release of the corpus at dir. Returns how many
 * there were, or -1 when the releases folder cannot be read. */
static int corpus_each(const char *corpus, void (*fn)(const char *path, const char *name, void *ctx),
                       void *ctx)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/releases", corpus);
    DIR *weeks = opendir(dir);
    if (!weeks)
        return -1;
    int files = 0;
    struct dirent *w;
    while ((w = readdir(weeks))) {
        if (w->d_name[0] == '.')
            continue;
        char wdir[1024];
        snprintf(wdir, sizeof wdir, "%s/%s", dir, w->d_name);
        DIR *rel = opendir(wdir);
        struct dirent *e;
        while (rel && (e = readdir(rel))) {
            size_t n = strlen(e->d_name);
            if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0)
                continue;
            char path[1536];
            snprintf(path, sizeof path, "%s/%s", wdir, e->d_name);
            fn(path, e->d_name, ctx);
            files++;
        }
        if (rel)
            closedir(rel);
    }
    closedir(weeks);
    return files;
}

/* How many releases the corpus's weekly manifests (bulletins/2019-W*.yaml)
 * list: what corpus_each should find, read rather than written down. -1 when
 * they cannot be read. */
static inline int corpus_listed(const char *corpus)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cat '%s'/bulletins/2019-W*.yaml | grep -c '^  - .*\\.md$'", corpus);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p && fscanf(p, "%d", &n) != 1)
        n = -1;
    if (p)
        pclose(p);
    return n > 0 ? n : -1;
}

/* Lay out the release at path alone (its title a level-1 heading, paths
 * inside the corpus) in style st into *dl. *doc: the document, for doc_free;
 * *msgs: its warnings and errors (malloc'd, for free). 0 ok, -1 when it did
 * not load or lay out. */
static inline int corpus_layout(const char *corpus, const char *path, const text_setup *tx,
                                const style *st, document **doc, display *dl, char **msgs)
{
    size_t len = 0;
    *msgs = NULL;
    diag d = {.out = open_memstream(msgs, &len)};
    input_options o = {.root = corpus, .title_level = 1};
    *doc = doc_new();
    int ok = d.out && *doc && input_load_release(*doc, path, &o, &d) == 0;
    if (ok) {
        doc_number(*doc);
        ok = layout_document(*doc, st, tx->fonts, tx->ts, &d, dl) == 0;
    }
    if (d.out)
        fclose(d.out);
    return ok ? 0 : -1;
}

#endif
