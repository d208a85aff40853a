/* pages.c — the pages of the document (pdf_pages): each made as layout hands
 * it over, body pages in order and the front matter's put before them, all
 * sharing one /Resources (fonts and images are named once for the
 * document); at the end, their document order and /StructParents; and the
 * destinations links and outline entries point at. A page is known by its
 * slot until every page is in (pdf-private.h). */
#include <math.h>
#include <stdlib.h>

#include "pdf-private.h"

int pages_init(pdf_pages *p, pdf_objs *o, diag *d)
{
    *p = (pdf_pages){.objs = o, .d = d};
    TRYP(p->resources, obj_dict(o));
    return obj_indirect(o, p->resources);
}

void pages_free(pdf_pages *p)
{
    free(p->body);
    free(p->front);
    free(p->order);
    *p = (pdf_pages){0};
}

pdf_page_ref *pages_at_slot(pdf_pages *p, int slot)
{
    if (slot >= 0)
        return (size_t)slot < p->nbody ? &p->body[slot] : NULL;
    return (size_t)(-1 - slot) < p->nfront ? &p->front[-1 - slot] : NULL;
}

pdf_page_ref *pages_add(pdf_pages *p, const page *pg, enum page_part part, int index, int *slot)
{
    pdf_page_ref **list = part == PART_FRONT ? &p->front : &p->body;
    size_t *n = part == PART_FRONT ? &p->nfront : &p->nbody;
    size_t *cap = part == PART_FRONT ? &p->capfront : &p->capbody;
    if (index < 0 || (size_t)index != *n) {
        diag_internal(p->d, "page %d of the %s came out of order", index + 1,
                      part == PART_FRONT ? "front matter" : "body");
        return NULL;
    }
    if (grow_array((void **)list, cap, *n + 1, sizeof **list) < 0) {
        diag_oom(p->d);
        return NULL;
    }
    double pw = pg->width < 3 ? 3 : pg->width > 14400 ? 14400 : pg->width;
    double ph = pg->height < 3 ? 3 : pg->height > 14400 ? 14400 : pg->height;
    pdf_obj *before = part == PART_FRONT && p->nbody ? p->body[0].page : NULL;
    pdf_obj *hp = obj_page(p->objs, before, pw, ph);
    /* one /Resources for every page, in place of the page's own: a page
     * costs what it holds */
    if (obj_put(hp, "Resources", p->resources) < 0 || obj_put_name(hp, "Tabs", "S") < 0)
        return NULL;
    pdf_page_ref *ref = &(*list)[(*n)++];
    *ref = (pdf_page_ref){.page = hp, .width = pg->width, .height = pg->height};
    *slot = part == PART_FRONT ? -1 - index : index;
    return ref;
}

int pages_order(pdf_pages *p, int npages)
{
    size_t n = p->nfront + p->nbody;
    if (npages < 0 || (size_t)npages != n) {
        diag_internal(p->d, "%d pages laid out, %zu written", npages, n);
        return -1;
    }
    if (!(p->order = calloc(n ? n : 1, sizeof *p->order)))
        return diag_oom(p->d);
    for (size_t i = 0; i < n; i++) {
        p->order[i] = i < p->nfront ? p->front[i].page : p->body[i - p->nfront].page;
        TRY(obj_put_int(p->order[i], "StructParents", (int)i));
    }
    p->count = npages;
    return 0;
}

int pages_index_of_slot(const pdf_pages *p, int slot)
{
    return slot < 0 ? -1 - slot : (int)p->nfront + slot;
}

int pages_put_dest(const pdf_pages *p, pdf_out *out, int pg, double y)
{
    if (pg < 0 || pg >= p->count) {
        diag_internal(p->d, "a destination on page %d of %d", pg + 1, p->count);
        return -1;
    }
    if (out_str(out, "[ ") < 0 || out_ref(out, p->order[pg]) < 0 || out_str(out, " /XYZ 0 ") < 0
        || out_real(out, isfinite(y) ? y : 0) < 0)
        return -1;
    return out_str(out, " null ]");
}
