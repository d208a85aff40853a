/* annots.c — link annotations, written by us in the form libharu writes its
 * own (/Rect /Type /Subtype, /Dest or a URI action, /P, /Border, /F,
 * /Contents, /StructParent): each is an empty libharu dictionary in the page's
 * /Annots, its entries kept as bytes, so a contents page of a yearly volume
 * with hundreds of links holds a few hundred bytes per link. A link inside
 * the document gets its /Dest at the end, when every page is in. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

static HPDF_STATUS write_annot(HPDF_Dict d, HPDF_Stream s)
{
    const pdf_annot *a = d->attr;
    pdf_writer *w = a->w;
    HPDF_STATUS rc;
    if (a->head && (rc = HPDF_Stream_WriteStr(s, a->head)) != HPDF_OK)
        return rc;
    if (a->dest_page >= 0 && ((rc = HPDF_Stream_WriteStr(s, "/Dest ")) != HPDF_OK
                              || (rc = pdfw_put_dest(s, w, a->dest_page, a->dest_y)) != HPDF_OK
                              || (rc = HPDF_Stream_WriteStr(s, "\012")) != HPDF_OK))
        return rc;
    if (a->tail && (rc = HPDF_Stream_WriteStr(s, a->tail)) != HPDF_OK)
        return rc;
    if (a->key >= 0 && ((rc = HPDF_Stream_WriteStr(s, "/StructParent ")) != HPDF_OK
                        || (rc = HPDF_Stream_WriteInt(s, a->key)) != HPDF_OK
                        || (rc = HPDF_Stream_WriteStr(s, "\012")) != HPDF_OK))
        return rc;
    return HPDF_OK;
}

/* The page's /Annots, made with its first annotation. */
static HPDF_Array page_annots(HPDF_Page hp)
{
    HPDF_Array a = HPDF_Dict_GetItem(hp, "Annots", HPDF_OCLASS_ARRAY);
    if (!a && (!(a = HPDF_Array_New(hp->mmgr)) || HPDF_Dict_Add(hp, "Annots", a) != HPDF_OK))
        return NULL;
    return a;
}

HPDF_Dict annot_link(pdf_writer *w, HPDF_Page hp, int slot, double height, HPDF_Rect rect,
                     const char *uri, const item *it, const char *contents)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    pdf_annot *a = arena_alloc(w->records, sizeof *a);
    HPDF_Dict head = HPDF_Dict_New(mm), tail = NULL, action = NULL;
    HPDF_Array r = NULL, border = NULL;
    void *s = NULL;
    if (!a || !head)
        goto fail;
    *a = (pdf_annot){.w = w, .slot = slot, .height = height, .dest_page = -1, .key = -1};
    /* the entries libharu's HPDF_Page_Create(URI)LinkAnnot wrote, in its order */
    if (!(r = HPDF_Array_New(mm)) || HPDF_Dict_Add(head, "Rect", r) != HPDF_OK
        || HPDF_Array_AddReal(r, rect.left) != HPDF_OK || HPDF_Array_AddReal(r, rect.bottom) != HPDF_OK
        || HPDF_Array_AddReal(r, rect.right) != HPDF_OK || HPDF_Array_AddReal(r, rect.top) != HPDF_OK
        || HPDF_Dict_AddName(head, "Type", "Annot") != HPDF_OK
        || HPDF_Dict_AddName(head, "Subtype", "Link") != HPDF_OK)
        goto fail;
    if (uri && (!(action = HPDF_Dict_New(mm)) || HPDF_Dict_Add(head, "A", action) != HPDF_OK
                || HPDF_Dict_AddName(action, "Type", "Action") != HPDF_OK
                || HPDF_Dict_AddName(action, "S", "URI") != HPDF_OK
                || !(s = HPDF_String_New(mm, uri, NULL))
                || HPDF_Dict_Add(action, "URI", s) != HPDF_OK))
        goto fail;
    if (!(tail = HPDF_Dict_New(mm)) || HPDF_Dict_Add(tail, "P", hp) != HPDF_OK
        || !(border = HPDF_Array_New(mm)) || HPDF_Dict_Add(tail, "Border", border) != HPDF_OK
        || HPDF_Array_AddNumber(border, 0) != HPDF_OK || HPDF_Array_AddNumber(border, 0) != HPDF_OK
        || HPDF_Array_AddNumber(border, 0) != HPDF_OK
        || HPDF_Dict_AddNumber(tail, "F", 4) != HPDF_OK
        || !(s = pdfw_text_string(w, contents)) || HPDF_Dict_Add(tail, "Contents", s) != HPDF_OK)
        goto fail;
    int rc = pdfw_entries(w, head, &a->head);
    head = NULL;
    rc |= pdfw_entries(w, tail, &a->tail);
    tail = NULL;
    HPDF_Array annots;
    if (rc || !(a->dict = pdfw_shell(w))
        || !(annots = page_annots(hp)) || HPDF_Array_Add(annots, a->dict) != HPDF_OK)
        return NULL;
    a->dict->attr = a;
    a->dict->write_fn = write_annot;
    if (!uri) {   /* inside the document: the target's page may come later */
        a->target = it->dest;
        a->link = it->node;
        if (grow_array((void **)&w->links, &w->caplinks, w->nlinks + 1, sizeof *w->links) < 0)
            return NULL;
        w->links[w->nlinks++] = a;
    }
    return a->dict;
fail:
    if (head)
        HPDF_Dict_Free(head);
    if (tail)
        HPDF_Dict_Free(tail);
    return NULL;
}

int links_resolve(pdf_writer *w)
{
    for (size_t i = 0; i < w->nlinks; i++) {
        pdf_annot *a = w->links[i];
        const anchor *an = a->target ? layout_anchor(w->dl, a->target) : NULL;
        if (!an)
            diag_warning(w->d, a->link ? a->link->pos : (srcpos){0},
                         "link target is not in the layout; the link points to its own page");
        int pg = an ? an->page : pdfw_page_of_slot(w, a->slot);
        if (pg < 0 || pg >= w->dl->npages)
            return -1;
        a->dest_page = pg;
        a->dest_y = an ? (isfinite(an->y) ? an->y : 0) : a->height;
    }
    return 0;
}
