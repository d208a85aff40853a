/* text_setup.h — the text module's two parts as the unit tests use them:
 * the font registry (fonts/ *.fontset, read from the repository root; tests
 * never seal it, so a chain is resolved when first looked up) and a
 * typesetter. */
#ifndef BULLETIN_TEST_TEXT_SETUP_H
#define BULLETIN_TEST_TEXT_SETUP_H
#include "text/text.h"

typedef struct text_setup {
    font_registry *fonts;
    typesetter *ts;
} text_setup;

/* Open both: 0, or -1 (reported through d) with neither left open. */
static inline int text_setup_open(text_setup *t, diag *d)
{
    t->fonts = font_registry_new("fonts", d);
    t->ts = t->fonts ? typesetter_new(d) : NULL;
    if (t->ts)
        return 0;
    font_registry_free(t->fonts);
    t->fonts = NULL;
    return -1;
}

static inline void text_setup_close(text_setup *t)
{
    typesetter_free(t->ts);
    font_registry_free(t->fonts);
    t->fonts = NULL;
    t->ts = NULL;
}

#endif
