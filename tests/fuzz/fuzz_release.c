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

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static fontset *fs;   /* opened once: fonts are the same for every input */
    static diag quiet = {0};
    static char path[64];
    if (!fs) {
        fs = fontset_new("fonts", &quiet);
        snprintf(path, sizeof path, "/tmp/fuzz-release-%d.md", (int)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);

    diag d = {0};
    document *doc = doc_new();
    if (!doc)
        return 0;
    input_options in = {.root = "/tmp", .title_level = 1};
    if (input_load_release(doc, path, &in, &d) == 0 && fs) {
        style st;
        style_default(&st);
        doc_number(doc);
        display dl;
        layout_document(doc, &st, fs, &d, &dl);
    }
    doc_free(doc);
    return 0;
}
