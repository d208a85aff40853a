/* structelem.c — structure elements and ParentTree leaves written by us
 * (struct_records), in the form libharu writes its own dictionaries, from
 * compact records: each is an object of ours (hpdf.h's obj_custom: it has an
 * object number and a place in the file) whose body is written from its
 * record when the file is. A yearly volume has hundreds of thousands of
 * kids and MCIDs; as libharu objects (a 136-byte key and a proxy per entry)
 * they cost more than the pages. tags.c makes the records and fills the
 * ParentTree's holders and entries; this file writes them. */
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

/* "/Key " then the value's writer runs, then the line's end: one entry. */
static int put_key(pdf_out *out, const char *key)
{
    return out_name(out, key) < 0 || out_char(out, ' ') < 0 ? -1 : 0;
}

static int put_kid(const struct_records *r, pdf_out *out, const se_kid *k)
{
    const pdf_pages *pages = r->pages;
    switch (k->kind) {
    case KID_MCID:
        return out_int(out, k->mcid);
    case KID_ELEM:
        return out_ref(out, k->obj);
    case KID_MCR:
        if (out_str(out, "<<\012/Type /MCR\012/Pg ") < 0 || out_ref(out, pages->order[k->page]) < 0
            || out_str(out, "\012/MCID ") < 0 || out_int(out, k->mcid) < 0)
            return -1;
        return out_str(out, "\012>>");
    case KID_OBJR:
        if (out_str(out, "<<\012/Type /OBJR\012/Obj ") < 0 || out_ref(out, k->obj) < 0
            || out_str(out, "\012/Pg ") < 0 || out_ref(out, pages->order[k->page]) < 0)
            return -1;
        return out_str(out, "\012>>");
    }
    return 0;
}

/* The body of a StructElem: /Type /S /P /K [/Pg], then its properties. */
static int write_elem(void *ctx, const void *rec, pdf_out *out)
{
    const struct_records *r = ctx;
    const struct_elem *e = rec;
    if (out_str(out, "/Type /StructElem\012") < 0
        || put_key(out, "S") < 0 || out_name(out, e->type) < 0 || out_str(out, "\012") < 0
        || put_key(out, "P") < 0 || out_ref(out, e->parent) < 0 || out_str(out, "\012/K [ ") < 0)
        return -1;
    for (size_t i = 0; i < e->nkids; i++)
        if (put_kid(r, out, &e->kids[i]) < 0 || out_char(out, ' ') < 0)
            return -1;
    if (out_str(out, "]\012") < 0)
        return -1;
    if (e->page >= 0 && (put_key(out, "Pg") < 0 || out_ref(out, r->pages->order[e->page]) < 0
                         || out_str(out, "\012") < 0))
        return -1;
    return e->props ? out_str(out, e->props) : 0;
}

/* The value of a ParentTree entry: a page's holders in MCID order, or an
 * annotation's holder. */
static int put_parent_value(const struct_records *r, pdf_out *out, const pdf_tree_entry *e)
{
    if (e->holder)
        return out_ref(out, e->holder);
    if (out_str(out, "[ ") < 0)
        return -1;
    for (size_t i = e->first; i < e->first + e->count; i++)
        if (out_ref(out, r->holders[i]) < 0 || out_char(out, ' ') < 0)
            return -1;
    return out_char(out, ']');
}

/* A leaf's /Nums [key value ...], then /Limits [first last] when it has them. */
static int write_leaf(void *ctx, const void *rec, pdf_out *out)
{
    const struct_records *r = ctx;
    const parent_leaf *l = rec;
    if (out_str(out, "/Nums [ ") < 0)
        return -1;
    for (size_t i = 0; i < l->n; i++) {
        const pdf_tree_entry *e = &l->e[i];
        if (out_int(out, e->num) < 0 || out_char(out, ' ') < 0
            || put_parent_value(r, out, e) < 0 || out_char(out, ' ') < 0)
            return -1;
    }
    if (out_str(out, "]\012") < 0)
        return -1;
    if (!l->limits)
        return 0;
    if (out_str(out, "/Limits [ ") < 0 || out_int(out, l->e[0].num) < 0 || out_char(out, ' ') < 0
        || out_int(out, l->e[l->n - 1].num) < 0)
        return -1;
    return out_str(out, " ]\012");
}

void se_init(struct_records *r, pdf_objs *o, arena *records, const pdf_pages *pages, diag *d)
{
    *r = (struct_records){.objs = o, .d = d, .records = records, .pages = pages,
                          .elem_hook = {write_elem, NULL}, .leaf_hook = {write_leaf, NULL}};
    r->elem_hook.ctx = r->leaf_hook.ctx = r;
}

void se_free(struct_records *r)
{
    for (size_t i = 0; i < r->ngrown; i++)
        free(r->grown[i]->kids);
    free(r->grown);
    for (size_t i = 0; i < r->nleaves; i++)
        free(r->leaves[i]);
    free(r->leaves);
    free(r->entries);
    free(r->holders);
    r->grown = NULL;
    r->leaves = NULL;
    r->entries = NULL;
    r->holders = NULL;
    r->ngrown = r->capgrown = r->nleaves = r->capleaves = r->nholders = 0;
    /* the records and the kids counted ahead: with the writer's records (writer.c) */
}

struct_elem *se_new(struct_records *r, const char *type, pdf_obj *parent, int page, size_t nkids)
{
    struct_elem *e = arena_alloc(r->records, sizeof *e);
    se_kid *kids = nkids && nkids <= 0x7FFFFFFF ? arena_array(r->records, nkids, sizeof *kids)
                                                : NULL;
    if (!e || (nkids && !kids)) {   /* (a /K of 2^31 kids would be memory too) */
        diag_oom(r->d);
        return NULL;
    }
    *e = (struct_elem){.hook = &r->elem_hook, .type = type, .parent = parent, .kids = kids,
                       .page = page, .capkids = (unsigned)nkids};
    if (!(e->dict = obj_custom(r->objs, &e->hook)))
        return NULL;
    return e;
}

int se_set_props(struct_records *r, struct_elem *e, pdf_obj *props)
{
    return obj_entries(r->objs, props, r->records, &e->props);
}

int se_add_kid(struct_records *r, struct_elem *e, se_kid k)
{
    if (e->nkids == e->capkids && !e->kids_on_heap) {   /* more than counted: a group's */
        se_kid *heap = NULL;
        size_t cap = 0;   /* grown from here on */
        if (grow_array((void **)&r->grown, &r->capgrown, r->ngrown + 1, sizeof *r->grown) < 0
            || grow_array((void **)&heap, &cap, e->nkids + 1, sizeof *heap) < 0)
            return diag_oom(r->d);
        if (e->nkids)
            memcpy(heap, e->kids, e->nkids * sizeof *heap);
        e->kids = heap;
        e->capkids = (unsigned)(cap > 0x7FFFFFFF ? 0x7FFFFFFF : cap);
        e->kids_on_heap = 1;
        r->grown[r->ngrown++] = e;
    }
    size_t cap = e->capkids;
    if (e->nkids >= 0x7FFFFFFF
        || grow_array((void **)&e->kids, &cap, e->nkids + 1u, sizeof *e->kids) < 0)
        return diag_oom(r->d);
    e->capkids = (unsigned)(cap > 0x7FFFFFFF ? 0x7FFFFFFF : cap);
    e->kids[e->nkids++] = k;
    return 0;
}

int se_parent_leaf(struct_records *r, pdf_obj *d, const pdf_tree_entry *e, size_t n, int limits)
{
    if (grow_array((void **)&r->leaves, &r->capleaves, r->nleaves + 1, sizeof *r->leaves) < 0)
        return diag_oom(r->d);
    parent_leaf *l = malloc(sizeof *l);
    if (!l)
        return diag_oom(r->d);
    *l = (parent_leaf){&r->leaf_hook, e, n, limits};
    r->leaves[r->nleaves++] = l;
    return obj_hook_dict(d, &l->hook);
}
