/* fuzz_release.c — libFuzzer target: arbitrary bytes as a release file, through
 * input and layout (the PDF stage only serialises what layout made).
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

/* Fonts are the same for every input: opened and resolved once for the
 * default style, before the first input (as main does at start-up), so that
 * fontconfig's one-time allocations are not counted as an input's leak. */
static font_registry *fonts;
static typesetter *ts;
static diag quiet;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    style st;
    style_default(&st);
    fonts = font_registry_new("fonts", &quiet);
    if (fonts && layout_resolve_fonts(fonts, &st, &quiet) == 0 && (ts = typesetter_new(&quiet)))
        font_registry_seal(fonts);
    fuzz_path(path, sizeof path, "release", "md");
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
    input_options in = {.root = "/tmp", .title_level = 1};
    if (input_load_release(doc, path, &in, &d) == 0 && ts) {
        style st;
        style_default(&st);
        doc_number(doc);
        display dl;
        layout_document(doc, &st, fonts, ts, &d, &dl);
    }
    doc_free(doc);
    return 0;
}
