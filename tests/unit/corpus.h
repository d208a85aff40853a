/* corpus.h — the corpus for the unit tests: every release file
 * SHARED/corpus/releases/WEEK/NAME.md, in the order the folders list them. */
#ifndef BULLETIN_TEST_CORPUS_H
#define BULLETIN_TEST_CORPUS_H
#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* Call fn(path, name, ctx) for each release under shared. Returns how many
 * there were, or -1 when the releases folder cannot be read. */
static int corpus_each(const char *shared, void (*fn)(const char *path, const char *name, void *ctx),
                       void *ctx)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/corpus/releases", shared);
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

#endif
