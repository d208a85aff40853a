/* fuzz_style.c — libFuzzer target: arbitrary bytes as a YAML style sheet
 * (input_load_style), and, when it loads, a short release laid out in it:
 * every value the checks let through must give pages, not a crash.
 * Build and run: make fuzz  (clang, -fsanitize=fuzzer,address,undefined). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "doc/doc.h"
#include "input/input.h"
#include "layout/layout.h"
#include "text/text.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Opened once; never sealed: each style names its own fonts, resolved as
 * layout first looks them up. */
static font_registry *fonts;
static typesetter *ts;
static diag quiet;
static char style_path[64], release_path[64];

static const char release[] =
    "---\ntitle: \"Style test\"\nsubtitle: Sub\ndate: 2019-06-19\nlang: ko\ncontact: x\n---\n\n"
    "# 제목\n\n본문 문단입니다. Latin text with a [link](https://example.com) and a note.[^1]\n\n"
    "- 항목 하나\n  - 둘\n\n> 인용\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```\ncode\n```\n\n---\n\n"
    "[^1]: 각주.\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fonts = font_registry_new("fonts", &quiet);
    ts = fonts ? typesetter_new(&quiet) : NULL;
    fuzz_path(style_path, sizeof style_path, "style", "yaml");
    fuzz_path(release_path, sizeof release_path, "style", "md");
    fuzz_write(release_path, release, sizeof release - 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (fuzz_write(style_path, data, size) != 0)
        return 0;
    diag d = {0};
    document *doc = doc_new();
    if (!doc)
        return 0;
    style st;
    style_default(&st);
    input_options in = {.root = "/tmp", .title_level = 1};
    if (input_load_style(style_path, &st, doc->arena, &d) == 0 && ts &&
        input_load_release(doc, release_path, &in, &d) == 0) {
        doc_number(doc);
        display dl;
        layout_document(doc, &st, fonts, ts, &d, &dl);
    }
    doc_free(doc);
    return 0;
}
