/* display.c — the display list's own functions, what the stages after
 * layout (pdf, mail) call on a finished display: a page's label and the
 * anchor where a node starts. A leaf: it needs nothing else of layout. */
#include <stdio.h>
#include "display.h"

void page_label(const page *p, char *out, size_t size)
{
    if (!size)
        return;
    int n = p->number;
    if (p->numbering != NUMBER_ROMAN || n <= 0 || n >= 4000) {
        snprintf(out, size, "%d", n);
        return;
    }
    static const struct { int value; const char *digits; } roman[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"},
    };
    size_t o = 0;
    for (size_t i = 0; i < sizeof roman / sizeof *roman; i++)
        for (; n >= roman[i].value; n -= roman[i].value)
            for (const char *d = roman[i].digits; *d && o + 1 < size; d++)
                out[o++] = *d;
    out[o] = '\0';
}

const anchor *anchor_find(const anchor *anchors, size_t n, const node *target)
{
    if (!anchors || !target || !n)
        return NULL;
    if (target->id > 0) {
        /* anchors are in document order, and ids are given in tree order */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const node *m = anchors[mid].node;
            if (m == target)
                return &anchors[mid];
            if (m->id < target->id)
                lo = mid + 1;
            else
                hi = mid;
        }
        return NULL;
    }
    for (size_t i = 0; i < n; i++)   /* tree not numbered (doc_number not called) */
        if (anchors[i].node == target)
            return &anchors[i];
    return NULL;
}

const anchor *layout_anchor(const display *dl, const node *n)
{
    return dl ? anchor_find(dl->anchors, (size_t)(dl->nanchors > 0 ? dl->nanchors : 0), n) : NULL;
}
