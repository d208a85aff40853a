/* structelem.c — structure elements and ParentTree leaves written by us, in
 * the form libharu writes its own dictionaries, from compact records: each
 * is an empty libharu dictionary (it has an object number and a place in the
 * file) whose body a write hook produces when the file is saved. A yearly
 * volume has hundreds of thousands of kids and MCIDs; as libharu objects
 * (a 136-byte key and a proxy per entry) they cost more than the pages. */
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

HPDF_STATUS pdfw_put_ref(HPDF_Stream s, const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    char b[32];
    snprintf(b, sizeof b, "%u %u R", (unsigned)(h->obj_id & 0x00FFFFFF), (unsigned)h->gen_no);
    return HPDF_Stream_WriteStr(s, b);
}

/* "/Key " then the value's writer runs, then the line's end: one entry. */
static HPDF_STATUS put_key(HPDF_Stream s, const char *key)
{
    HPDF_STATUS rc = HPDF_Stream_WriteEscapeName(s, key);
    return rc != HPDF_OK ? rc : HPDF_Stream_WriteChar(s, ' ');
}

static HPDF_STATUS put_kid(pdf_writer *w, HPDF_Stream s, const se_kid *k)
{
    HPDF_STATUS rc = HPDF_OK;
    switch (k->kind) {
    case KID_MCID:
        return HPDF_Stream_WriteInt(s, k->mcid);
    case KID_ELEM:
        return pdfw_put_ref(s, k->obj);
    case KID_MCR:
        if ((rc = HPDF_Stream_WriteStr(s, "<<\012/Type /MCR\012/Pg ")) != HPDF_OK
            || (rc = pdfw_put_ref(s, w->pages[k->page])) != HPDF_OK
            || (rc = HPDF_Stream_WriteStr(s, "\012/MCID ")) != HPDF_OK
            || (rc = HPDF_Stream_WriteInt(s, k->mcid)) != HPDF_OK)
            return rc;
        return HPDF_Stream_WriteStr(s, "\012>>");
    case KID_OBJR:
        if ((rc = HPDF_Stream_WriteStr(s, "<<\012/Type /OBJR\012/Obj ")) != HPDF_OK
            || (rc = pdfw_put_ref(s, k->obj)) != HPDF_OK
            || (rc = HPDF_Stream_WriteStr(s, "\012/Pg ")) != HPDF_OK
            || (rc = pdfw_put_ref(s, w->pages[k->page])) != HPDF_OK)
            return rc;
        return HPDF_Stream_WriteStr(s, "\012>>");
    }
    return rc;
}

/* The body of a StructElem: /Type /S /P /K [/Pg], then its properties. */
static HPDF_STATUS write_elem(HPDF_Dict d, HPDF_Stream s)
{
    const struct_elem *e = d->attr;
    pdf_writer *w = e->w;
    HPDF_STATUS rc;
    if ((rc = HPDF_Stream_WriteStr(s, "/Type /StructElem\012")) != HPDF_OK
        || (rc = put_key(s, "S")) != HPDF_OK || (rc = HPDF_Stream_WriteEscapeName(s, e->type)) != HPDF_OK
        || (rc = HPDF_Stream_WriteStr(s, "\012")) != HPDF_OK
        || (rc = put_key(s, "P")) != HPDF_OK || (rc = pdfw_put_ref(s, e->parent)) != HPDF_OK
        || (rc = HPDF_Stream_WriteStr(s, "\012/K [ ")) != HPDF_OK)
        return rc;
    for (size_t i = 0; i < e->nkids; i++)
        if ((rc = put_kid(w, s, &e->kids[i])) != HPDF_OK
            || (rc = HPDF_Stream_WriteChar(s, ' ')) != HPDF_OK)
            return rc;
    if ((rc = HPDF_Stream_WriteStr(s, "]\012")) != HPDF_OK)
        return rc;
    if (e->page >= 0 && ((rc = put_key(s, "Pg")) != HPDF_OK
                         || (rc = pdfw_put_ref(s, w->pages[e->page])) != HPDF_OK
                         || (rc = HPDF_Stream_WriteStr(s, "\012")) != HPDF_OK))
        return rc;
    return e->props ? HPDF_Stream_WriteStr(s, e->props) : HPDF_OK;
}

HPDF_Dict pdfw_shell(pdf_writer *w)
{
    /* as HPDF_Dict_New makes a dictionary, but for its list of entries: the
     * shells have none, and share one empty list (freeing pooled memory is
     * nothing to libharu, so each "frees" it harmlessly) */
    if (!w->shell_list && !(w->shell_list = HPDF_List_New(w->shells, 1)))
        return NULL;
    HPDF_Dict d = HPDF_GetMem(w->shells, sizeof *d);
    if (!d)
        return NULL;
    memset(d, 0, sizeof *d);
    d->header.obj_class = HPDF_OCLASS_DICT;
    d->mmgr = w->shells;
    d->error = w->shells->error;
    d->list = w->shell_list;
    d->filter = HPDF_STREAM_FILTER_NONE;
    if (HPDF_Xref_Add(w->pdf->xref, d) != HPDF_OK)
        return NULL;
    return d;
}

struct_elem *se_new(pdf_writer *w, const char *type, HPDF_Dict parent, int page, size_t nkids)
{
    struct_elem *e = arena_alloc(w->records, sizeof *e);
    if (!e)
        return NULL;
    *e = (struct_elem){.w = w, .type = type, .parent = parent, .page = page};
    if (nkids > 0x7FFFFFFF || (nkids && !(e->kids = arena_array(w->records, nkids, sizeof *e->kids))))
        return NULL;
    e->capkids = (unsigned)nkids;
    if (!(e->dict = pdfw_shell(w)))
        return NULL;
    e->dict->attr = e;
    e->dict->write_fn = write_elem;
    return e;
}

static HPDF_STATUS to_buf(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    return buf_append(s->attr, p, n) < 0 ? HPDF_SetError(s->error, HPDF_FAILD_TO_ALLOC_MEM, 0)
                                         : HPDF_OK;
}

int pdfw_entries(pdf_writer *w, HPDF_Dict d, char **out)
{
    buf b = {0};
    HPDF_Stream s = HPDF_CallbackWriter_New(w->pdf->mmgr, to_buf, &b);
    int rc = s ? 0 : -1;
    for (HPDF_UINT i = 0; !rc && i < d->list->count; i++) {   /* as HPDF_Dict_Write would */
        HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);
        if (put_key(s, el->key) != HPDF_OK || HPDF_Obj_Write(el->value, s, NULL) != HPDF_OK
            || HPDF_Stream_WriteStr(s, "\012") != HPDF_OK)
            rc = -1;
    }
    HPDF_Stream_Free(s);
    HPDF_Dict_Free(d);
    *out = NULL;
    if (!rc && b.len && !(*out = arena_strndup(w->records, b.data, b.len)))
        rc = -1;
    buf_free(&b);
    return rc;
}

int se_set_props(struct_elem *e, HPDF_Dict props)
{
    return pdfw_entries(e->w, props, &e->props);
}

int se_add_kid(struct_elem *e, se_kid k)
{
    if (e->nkids == e->capkids && !e->kids_on_heap) {   /* more than counted: a group's */
        pdf_writer *w = e->w;
        se_kid *heap = NULL;
        size_t cap = 0;   /* grown from here on */
        if (grow_array((void **)&w->grown, &w->capgrown, w->ngrown + 1, sizeof *w->grown) < 0
            || grow_array((void **)&heap, &cap, e->nkids + 1, sizeof *heap) < 0)
            return -1;
        if (e->nkids)
            memcpy(heap, e->kids, e->nkids * sizeof *heap);
        e->kids = heap;
        e->capkids = (unsigned)(cap > 0x7FFFFFFF ? 0x7FFFFFFF : cap);
        e->kids_on_heap = 1;
        w->grown[w->ngrown++] = e;
    }
    size_t cap = e->capkids;
    if (e->nkids >= 0x7FFFFFFF || grow_array((void **)&e->kids, &cap, e->nkids + 1u, sizeof *e->kids) < 0)
        return -1;
    e->capkids = (unsigned)(cap > 0x7FFFFFFF ? 0x7FFFFFFF : cap);
    e->kids[e->nkids++] = k;
    return 0;
}

void se_free_all(pdf_writer *w)
{
    for (size_t i = 0; i < w->ngrown; i++)
        free(w->grown[i]->kids);
    free(w->grown);
    w->grown = NULL;
    w->ngrown = w->capgrown = 0;
    /* the records and the kids counted ahead: with the writer's records (writer.c) */
}

/* ---- ParentTree leaves --------------------------------------------------- */

/* The value of ParentTree entry i: a page's holders in MCID order, or an
 * annotation's holder. */
static HPDF_STATUS put_parent_value(pdf_writer *w, HPDF_Stream s, const pdf_tree_entry *e)
{
    HPDF_STATUS rc;
    if (e->holder)
        return pdfw_put_ref(s, e->holder);
    if ((rc = HPDF_Stream_WriteStr(s, "[ ")) != HPDF_OK)
        return rc;
    for (size_t i = e->first; i < e->first + e->count; i++)
        if ((rc = pdfw_put_ref(s, w->holders[i])) != HPDF_OK
            || (rc = HPDF_Stream_WriteChar(s, ' ')) != HPDF_OK)
            return rc;
    return HPDF_Stream_WriteChar(s, ']');
}

/* A leaf's /Nums [key value ...], then /Limits [first last] when it has them. */
static HPDF_STATUS write_leaf(HPDF_Dict d, HPDF_Stream s)
{
    const parent_leaf *l = d->attr;
    HPDF_STATUS rc;
    if ((rc = HPDF_Stream_WriteStr(s, "/Nums [ ")) != HPDF_OK)
        return rc;
    for (size_t i = 0; i < l->n; i++) {
        const pdf_tree_entry *e = &l->e[i];
        if ((rc = HPDF_Stream_WriteInt(s, e->num)) != HPDF_OK
            || (rc = HPDF_Stream_WriteChar(s, ' ')) != HPDF_OK
            || (rc = put_parent_value(l->w, s, e)) != HPDF_OK
            || (rc = HPDF_Stream_WriteChar(s, ' ')) != HPDF_OK)
            return rc;
    }
    if ((rc = HPDF_Stream_WriteStr(s, "]\012")) != HPDF_OK || !l->limits)
        return rc;
    if ((rc = HPDF_Stream_WriteStr(s, "/Limits [ ")) != HPDF_OK
        || (rc = HPDF_Stream_WriteInt(s, l->e[0].num)) != HPDF_OK
        || (rc = HPDF_Stream_WriteChar(s, ' ')) != HPDF_OK
        || (rc = HPDF_Stream_WriteInt(s, l->e[l->n - 1].num)) != HPDF_OK)
        return rc;
    return HPDF_Stream_WriteStr(s, " ]\012");
}

int se_parent_leaf(pdf_writer *w, HPDF_Dict d, const pdf_tree_entry *e, size_t n, int limits)
{
    if (grow_array((void **)&w->leaves, &w->capleaves, w->nleaves + 1, sizeof *w->leaves) < 0)
        return -1;
    parent_leaf *l = malloc(sizeof *l);
    if (!l)
        return -1;
    *l = (parent_leaf){w, e, n, limits};
    w->leaves[w->nleaves++] = l;
    d->attr = l;
    d->write_fn = write_leaf;
    return 0;
}

void se_free_leaves(pdf_writer *w)
{
    for (size_t i = 0; i < w->nleaves; i++)
        free(w->leaves[i]);
    free(w->leaves);
    free(w->parent_entries);
    free(w->holders);
    w->holders = NULL;
    w->leaves = NULL;
    w->parent_entries = NULL;
    w->nleaves = w->capleaves = 0;
}
