/* outline.c — the outline (bookmarks): one entry per heading, nested by
 * level, pointing at the heading's place, the top level open (a bulletin
 * shows its releases, a volume its weeks). Entries are written by us from
 * compact records, in the form libharu writes its own outline items (/Title
 * /Type /Prev /Parent /Dest /First /Last /Next /Count), with the destination
 * inline: a volume has an entry for every heading of every release. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

typedef struct outline_item {
    pdf_writer *w;
    HPDF_Dict dict;
    struct outline_item *parent, *first, *last, *prev, *next;
    char *title;              /* "/Title ...", as written; NULL: the outline's root */
    int page;
    double y;
    int opened;
} outline_item;

/* Entries shown below it when the outline opens (libharu's count). */
static long visible(const outline_item *o)
{
    long n = 0;
    for (const outline_item *c = o->first; c; c = c->next)
        n += 1 + (c->opened ? visible(c) : 0);
    return n;
}

static HPDF_STATUS put_link(HPDF_Stream s, const char *key, const outline_item *o)
{
    HPDF_STATUS rc;
    if (!o)
        return HPDF_OK;
    if ((rc = HPDF_Stream_WriteStr(s, key)) != HPDF_OK || (rc = pdfw_put_ref(s, o->dict)) != HPDF_OK)
        return rc;
    return HPDF_Stream_WriteStr(s, "\012");
}

static HPDF_STATUS write_item(HPDF_Dict d, HPDF_Stream s)
{
    const outline_item *o = d->attr;
    HPDF_STATUS rc;
    if (o->title && ((rc = HPDF_Stream_WriteStr(s, o->title)) != HPDF_OK))
        return rc;
    if ((rc = HPDF_Stream_WriteStr(s, "/Type /Outlines\012")) != HPDF_OK)
        return rc;
    if (o->title) {
        if ((rc = put_link(s, "/Prev ", o->prev)) != HPDF_OK
            || (rc = put_link(s, "/Parent ", o->parent)) != HPDF_OK
            || (rc = HPDF_Stream_WriteStr(s, "/Dest ")) != HPDF_OK
            || (rc = pdfw_put_dest(s, o->w, o->page, o->y)) != HPDF_OK
            || (rc = HPDF_Stream_WriteStr(s, "\012")) != HPDF_OK)
            return rc;
    }
    if ((rc = put_link(s, "/First ", o->first)) != HPDF_OK
        || (rc = put_link(s, "/Last ", o->last)) != HPDF_OK
        || (rc = put_link(s, "/Next ", o->next)) != HPDF_OK)
        return rc;
    long n = visible(o);
    if (!n)
        return HPDF_OK;
    if ((rc = HPDF_Stream_WriteStr(s, "/Count ")) != HPDF_OK
        || (rc = HPDF_Stream_WriteInt(s, (HPDF_INT)(o->opened ? n : -n))) != HPDF_OK)
        return rc;
    return HPDF_Stream_WriteStr(s, "\012");
}

static outline_item *new_item(pdf_writer *w, outline_item *parent)
{
    outline_item *o = arena_alloc(w->records, sizeof *o);
    if (!o || !(o->dict = pdfw_shell(w)))
        return NULL;
    o->w = w;
    o->dict->attr = o;
    o->dict->write_fn = write_item;
    if (parent) {
        o->parent = parent;
        o->prev = parent->last;
        if (parent->last)
            parent->last->next = o;
        else
            parent->first = o;
        parent->last = o;
    }
    return o;
}

int outline_write(pdf_writer *w)
{
    const document *doc = w->doc;
    outline_item *root = NULL, *stack[7] = {0};   /* stack[l]: the last entry of level l */
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering)) {
        if (!entering || c->kind != N_H)
            continue;
        const anchor *a = layout_anchor(w->dl, c);
        if (!a || a->page < 0 || a->page >= w->dl->npages)
            continue;
        if (!root) {
            if (!(root = new_item(w, NULL))
                || HPDF_Dict_Add(w->pdf->catalog, "Outlines", root->dict) != HPDF_OK)
                return -1;
            root->opened = 1;
        }
        int level = doc_heading_level(c->level);
        outline_item *parent = NULL;
        for (int l = level - 1; l >= 1 && !parent; l--)
            parent = stack[l];
        outline_item *o = new_item(w, parent ? parent : root);
        if (!o)
            return -1;
        for (int l = level; l <= 6; l++)
            stack[l] = NULL;
        stack[level] = o;
        char *title = pdfw_node_text(c);
        HPDF_Dict t = HPDF_Dict_New(w->pdf->mmgr);
        void *s = t ? pdfw_text_string(w, title && *title ? title : "Untitled") : NULL;
        free(title);
        if (!t || !s || HPDF_Dict_Add(t, "Title", s) != HPDF_OK) {
            if (t)
                HPDF_Dict_Free(t);
            return -1;
        }
        if (pdfw_entries(w, t, &o->title) < 0 || !o->title)
            return -1;
        o->page = a->page;
        o->y = isfinite(a->y) ? a->y : 0;
        o->opened = level == 1;
    }
    if (root)
        HPDF_TRY(HPDF_Dict_AddName(w->pdf->catalog, "PageMode", "UseOutlines"));
    return 0;
}
