/* text_fixture.h — what the unit tests of the text module share: the fonts
 * (fonts/ *.fontset, read from the repository root), a diag that counts and
 * prints nothing, and the style's line-breaking values. Included by one test
 * file each. */
#ifndef BULLETIN_TEXT_FIXTURE_H
#define BULLETIN_TEXT_FIXTURE_H
#include <stdio.h>
#include "layout/layout.h"
#include "text_setup.h"

static text_setup tx;     /* the fonts and a typesetter */
static diag quiet_diag;   /* counts, prints nothing */

/* Open the fonts and a typesetter into tx. 0 ok, -1 with a FAIL line. */
static inline int text_fixture_open(void)
{
    if (text_setup_open(&tx, &quiet_diag)) {
        printf("FAIL text_setup_open\n");
        return -1;
    }
    return 0;
}

/* The default style's line-breaking values, as layout hands them to text. */
static inline break_params default_breaking(void)
{
    style st;
    style_default(&st);
    return layout_break_params(&st);
}

#endif
