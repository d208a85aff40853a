/* test_decisions.c — decisions with one home in doc/, read by input, layout
 * and pdf alike: the heading-level clamp and the bullets of unordered lists. */
#include <string.h>
#include "check.h"
#include "doc/doc.h"

static void test_heading_level(void)
{
    CHECK(doc_heading_level(-3) == 1 && doc_heading_level(0) == 1);
    for (int l = 1; l <= DOC_HEADING_LEVELS; l++)
        CHECK(doc_heading_level(l) == l);
    CHECK(doc_heading_level(DOC_HEADING_LEVELS + 1) == DOC_HEADING_LEVELS);
    CHECK(doc_heading_level(1000) == DOC_HEADING_LEVELS);
    /* the structure type follows the same clamp */
    node h = {.kind = N_H, .level = 9};
    CHECK(strcmp(doc_struct_type(&h), "H6") == 0);
    h.level = 0;
    CHECK(strcmp(doc_struct_type(&h), "H1") == 0);
}

int main(void)
{
    RUN(test_heading_level);
    return CHECK_DONE();
}
