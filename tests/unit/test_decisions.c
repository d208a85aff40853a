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

static void test_bullets(void)
{
    CHECK(doc_list_bullet(1) == BULLET_DISC && doc_list_bullet(2) == BULLET_CIRCLE &&
          doc_list_bullet(3) == BULLET_SQUARE);
    CHECK(doc_list_bullet(4) == BULLET_DISC && doc_list_bullet(6) == BULLET_SQUARE);
    CHECK(doc_list_bullet(0) == BULLET_DISC && doc_list_bullet(-1) == BULLET_DISC);
    CHECK(strcmp(doc_bullet_numbering(BULLET_DISC), "Disc") == 0);
    CHECK(strcmp(doc_bullet_numbering(BULLET_CIRCLE), "Circle") == 0);
    CHECK(strcmp(doc_bullet_numbering(BULLET_SQUARE), "Square") == 0);
    CHECK(strcmp(doc_bullet_text(BULLET_DISC), "\u2022") == 0);
    CHECK(strcmp(doc_bullet_text(BULLET_CIRCLE), "\u25E6") == 0);
    /* the square from a face a Korean document already has (not ▪ U+25AA: CJK only) */
    CHECK(strcmp(doc_bullet_text(BULLET_SQUARE), "\u25A0") == 0);
    for (int b = 0; b < BULLET_KINDS; b++)   /* one character each */
        CHECK(doc_bullet_text((enum list_bullet)b)[0] && strlen(doc_bullet_text((enum list_bullet)b)) == 3);
}

int main(void)
{
    RUN(test_heading_level);
    RUN(test_bullets);
    return CHECK_DONE();
}
