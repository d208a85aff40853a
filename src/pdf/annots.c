/* annots.c — link annotations (pdf_links), written by us in the form
 * libharu writes its own (/Rect /Type /Subtype, /Dest or a URI action, /P,
 * /Border, /F, /Contents, /StructParent): each is an object of ours in the
 * page's /Annots, its entries kept as bytes, so a contents page of a yearly
 * volume with hundreds of links holds a few hundred bytes per link. A link
 * inside the document gets its /Dest at the end, when every page is in. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

static int write_annot(void *ctx, const void *rec, pdf_out *out)
{
    const pdf_links *l = ctx;
    const pdf_annot *a = rec;
    if (a->head && out_str(out, a->head) < 0)
        return -1;
    if (a->dest_page >= 0 && (out_str(out, "/Dest ") < 0
                              || pages_put_dest(l->pages, out, a->dest_page, a->dest_y) < 0
                              || out_str(out, "\012") < 0))
        return -1;
    if (a->tail && out_str(out, a->tail) < 0)
        return -1;
    if (a->key >= 0 && (out_str(out, "/StructParent ") < 0 || out_int(out, a->key) < 0
                        || out_str(out, "\012") < 0))
        return -1;
    return 0;
}

void links_init(pdf_links *l, pdf_objs *o, arena *records, const pdf_pages *pages, diag *d)
{
    *l = (pdf_links){.objs = o, .d = d, .records = records, .pages = pages,
                     .hook = {write_annot, NULL}};
    l->hook.ctx = l;
}

void links_free(pdf_links *l)
{
    free(l->inside);
    l->inside = NULL;
    l->ninside = l->capinside = 0;
}

pdf_annot *annot_link(pdf_links *l, pdf_page_ref *page, int slot, const double rect[4],
                      const char *uri, const item *it, const char *contents)
{
    pdf_objs *o = l->objs;
    pdf_annot *a = arena_alloc(l->records, sizeof *a);
    pdf_obj *head = obj_dict(o), *tail = NULL, *action = NULL, *r = NULL, *border = NULL;
    if (!a) {
        diag_oom(l->d);
        goto fail;
    }
    if (!head)
        goto fail;
    *a = (pdf_annot){.hook = &l->hook, .slot = slot, .height = page->height, .dest_page = -1,
                     .key = -1};
    /* the entries libharu's page link annotations had, in their order */
    if (!(r = obj_array(o)) || obj_put(head, "Rect", r) < 0
        || obj_push_real(r, rect[0]) < 0 || obj_push_real(r, rect[1]) < 0
        || obj_push_real(r, rect[2]) < 0 || obj_push_real(r, rect[3]) < 0
        || obj_put_name(head, "Type", "Annot") < 0
        || obj_put_name(head, "Subtype", "Link") < 0)
        goto fail;
    if (uri && (!(action = obj_dict(o)) || obj_put(head, "A", action) < 0
                || obj_put_name(action, "Type", "Action") < 0
                || obj_put_name(action, "S", "URI") < 0
                || obj_put(action, "URI", obj_string(o, uri)) < 0))
        goto fail;
    if (!(tail = obj_dict(o)) || obj_put(tail, "P", page->page) < 0
        || !(border = obj_array(o)) || obj_put(tail, "Border", border) < 0
        || obj_push_int(border, 0) < 0 || obj_push_int(border, 0) < 0
        || obj_push_int(border, 0) < 0
        || obj_put_int(tail, "F", 4) < 0
        || obj_put(tail, "Contents", pdfw_text_string(o, contents)) < 0)
        goto fail;
    int rc = obj_entries(o, head, l->records, &a->head);
    head = NULL;
    rc |= obj_entries(o, tail, l->records, &a->tail);
    tail = NULL;
    if (rc || !(a->dict = obj_custom(o, &a->hook)))
        return NULL;
    if (!page->annots && (!(page->annots = obj_array(o))
                          || obj_put(page->page, "Annots", page->annots) < 0))
        return NULL;
    if (obj_push(page->annots, a->dict) < 0)
        return NULL;
    if (!uri) {   /* inside the document: the target's page may come later */
        a->target = it->dest;
        a->link = it->node;
        if (grow_array((void **)&l->inside, &l->capinside, l->ninside + 1, sizeof *l->inside) < 0) {
            diag_oom(l->d);
            return NULL;
        }
        l->inside[l->ninside++] = a;
    }
    return a;
fail:
    obj_free(o, head);
    obj_free(o, tail);
    return NULL;
}

int links_resolve(pdf_links *l, const display *dl)
{
    for (size_t i = 0; i < l->ninside; i++) {
        pdf_annot *a = l->inside[i];
        const anchor *an = a->target ? layout_anchor(dl, a->target) : NULL;
        if (!an)
            diag_warning(l->d, a->link ? a->link->pos : (srcpos){0},
                         "link target is not in the layout; the link points to its own page");
        int pg = an ? an->page : pages_index_of_slot(l->pages, a->slot);
        if (pg < 0 || pg >= dl->npages) {
            diag_internal(l->d, "a link to page %d of %d", pg + 1, dl->npages);
            return -1;
        }
        a->dest_page = pg;
        a->dest_y = an ? (isfinite(an->y) ? an->y : 0) : a->height;
    }
    return 0;
}
