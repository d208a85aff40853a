/* fuzz_manifest.c — libFuzzer target: arbitrary bytes as a manifest (weekly
 * bulletin or yearly volume) in a folder that holds two small releases and a
 * weekly manifest naming them, through the input stage: keys, entries, the
 * path sandbox, volumes reading weekly manifests, cover and contents nodes.
 * Build and run: make fuzz (clang, -fsanitize=fuzzer,address,undefined). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/doc.h"
#include "input/input.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char dir[64], path[96];

static void put(const char *name, const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    fuzz_write(p, text, strlen(text));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "/tmp/fuzz-manifest-%d", (int)getpid());
    mkdir(dir, 0700);
    put("a.md", "---\ntitle: \"A\"\ndate: 2019-06-17\nlang: ko\n---\n\n가나다.\n");
    put("b.md", "---\ntitle: \"B\"\ndate: 2019-06-18\nlang: en\n---\n\nText.\n");
    put("w1.yaml", "title: \"W1\"\nissue: 1\ndate: 2019-06-21\nlang: en\nreleases:\n  - a.md\n"
                   "  - b.md\n");
    snprintf(path, sizeof path, "%s/m.yaml", dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (fuzz_write(path, data, size) != 0)
        return 0;
    diag d = {0};
    document *doc = doc_new();
    if (!doc)
        return 0;
    strmap *images = strmap_new();
    input_options in = {.root = dir, .title_level = 1, .image_cache = images};
    const char *style = NULL;
    srcpos style_at = {0};
    if (input_load_manifest(doc, path, &in, &d, &style, &style_at) == 0)
        doc_number(doc);
    strmap_free(images);
    doc_free(doc);
    return 0;
}
