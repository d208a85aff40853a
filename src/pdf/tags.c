/* tags.c — the structure tree: elements of the document tree that have content
 * become StructElems (type, parent, /Lang, Figure /Alt and /BBox, TH /Scope),
 * their /K interleaves own marked content (MCIDs or MCR dicts), link OBJRs and
 * child elements in reading order; the ParentTree maps page MCIDs and link
 * annotations back to their elements. */
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

int tags_index(pdf_writer *w)
{
    const document *doc = w->doc;
    int n = doc->nnodes;
    w->elems = calloc((size_t)(n > 0 ? n : 0) + 1, sizeof *w->elems);
    if (!w->elems)
        return -1;
    w->nelems = n + 1;
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering)) {
        if (!entering || !doc_is_element(c->kind))
            continue;
        if (c->id <= 0 || c->id > n || w->elems[c->id].node) {
            diag_error(w->d, c->pos, "internal error: the document tree is not numbered");
            w->reported = 1;
            return -1;
        }
        w->elems[c->id].node = c;
        w->elems[c->id].page = -1;
    }
    return 0;
}

int tags_add_mark(pdf_writer *w, int page, int mcid, const node *elem, HPDF_Dict annot,
                  int annot_key)
{
    if (grow_array((void **)&w->marks, &w->capmarks, w->nmarks + 1, sizeof *w->marks) < 0)
        return -1;
    w->marks[w->nmarks++] = (pdf_mark){page, mcid, elem, annot, annot_key};
    return 0;
}

/* The language to compare a node's /Lang against: its parent's, or the catalog's. */
static const char *inherited_lang(const pdf_writer *w, const node *n)
{
    const char *l = n->parent ? doc_lang(n->parent) : NULL;
    return l ? l : w->opts->lang;
}

static int make_elem(pdf_writer *w, pdf_elem *e, HPDF_Dict parent)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    const node *n = e->node;
    HPDF_TRYP(e->dict, HPDF_Dict_New(mm));
    HPDF_TRY(HPDF_Xref_Add(w->pdf->xref, e->dict));
    HPDF_TRY(HPDF_Dict_AddName(e->dict, "Type", "StructElem"));
    HPDF_TRY(HPDF_Dict_AddName(e->dict, "S", doc_struct_type(n)));
    HPDF_TRY(HPDF_Dict_Add(e->dict, "P", parent));
    HPDF_TRYP(e->kids, HPDF_Array_New(mm));
    HPDF_TRY(HPDF_Dict_Add(e->dict, "K", e->kids));
    if (e->page >= 0 && !e->multi_page)
        HPDF_TRY(HPDF_Dict_Add(e->dict, "Pg", w->pages[e->page]));
    const char *inh = inherited_lang(w, n);
    if (n->lang && *n->lang && (!inh || strcmp(n->lang, inh) != 0)) {
        void *s;
        HPDF_TRYP(s, HPDF_String_New(mm, n->lang, NULL));
        HPDF_TRY(HPDF_Dict_Add(e->dict, "Lang", s));
    }
    if (n->kind == N_FIGURE) {
        void *alt;
        HPDF_TRYP(alt, pdfw_text_string(w, n->alt && *n->alt ? n->alt : "Figure"));
        HPDF_TRY(HPDF_Dict_Add(e->dict, "Alt", alt));
        if (e->has_bbox) {
            HPDF_Dict a;
            HPDF_Array bb;
            HPDF_TRYP(a, HPDF_Dict_New(mm));
            HPDF_TRY(HPDF_Dict_Add(e->dict, "A", a));
            HPDF_TRY(HPDF_Dict_AddName(a, "O", "Layout"));
            HPDF_TRYP(bb, HPDF_Array_New(mm));
            HPDF_TRY(HPDF_Dict_Add(a, "BBox", bb));
            for (int k = 0; k < 4; k++)
                HPDF_TRY(HPDF_Array_AddReal(bb, (HPDF_REAL)e->bbox[k]));
        }
    } else if (n->kind == N_TH) {
        HPDF_Dict a;
        HPDF_TRYP(a, HPDF_Dict_New(mm));
        HPDF_TRY(HPDF_Dict_Add(e->dict, "A", a));
        HPDF_TRY(HPDF_Dict_AddName(a, "O", "Table"));
        int header_row = n->parent && n->parent->kind == N_TR
                         && ((n->parent->flags & NF_HEADER_ROW)
                             || (n->parent->parent && n->parent->parent->kind == N_THEAD));
        HPDF_TRY(HPDF_Dict_AddName(a, "Scope", header_row ? "Column" : "Row"));
    } else if (n->kind == N_L) {
        /* the labels layout draws: 1. 2. …, or • ◦ ▪ by nesting level; none
         * where the items have no Lbl (the cover's list) */
        static const char *const bullets[] = {"Square", "Disc", "Circle"};
        int labelled = 0;
        for (const node *li = n->first; li && !labelled; li = li->next)
            for (const node *c = li->kind == N_LI ? li->first : NULL; c; c = c->next)
                labelled |= c->kind == N_LBL;
        HPDF_Dict a;
        HPDF_TRYP(a, HPDF_Dict_New(mm));
        HPDF_TRY(HPDF_Dict_Add(e->dict, "A", a));
        HPDF_TRY(HPDF_Dict_AddName(a, "O", "List"));
        HPDF_TRY(HPDF_Dict_AddName(a, "ListNumbering", !labelled ? "None"
                                   : (n->flags & NF_ORDERED) ? "Decimal"
                                   : bullets[(n->level > 0 ? n->level : 1) % 3]));
    } else if (n->kind == N_LBL && n->alt && *n->alt) {
        /* a task's ballot box: its state, in words */
        void *at;
        HPDF_TRYP(at, pdfw_text_string(w, n->alt));
        HPDF_TRY(HPDF_Dict_Add(e->dict, "ActualText", at));
    } else if (n->kind == N_NOTE) {
        /* PDF/UA 7.9: every Note has a unique /ID, listed in the IDTree */
        char id[32];
        snprintf(id, sizeof id, "note-%07d", n->id);
        void *s;
        HPDF_TRYP(s, HPDF_String_New(mm, id, NULL));
        HPDF_TRY(HPDF_Dict_Add(e->dict, "ID", s));
    }
    return 0;
}

/* The IDTree: a name tree of the Notes' /IDs, in key order (ids are zero-padded
 * and made in tree order, so tree order is key order). */
static int add_id_tree(pdf_writer *w, HPDF_Dict root)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Array names = NULL;
    int entering = 1;
    for (const node *c = w->doc->root; c; c = doc_next(w->doc->root, c, &entering)) {
        if (!entering || c->kind != N_NOTE || !w->elems[c->id].has_content)
            continue;
        if (!names) {
            HPDF_Dict tree;
            HPDF_TRYP(tree, HPDF_Dict_New(mm));
            HPDF_TRY(HPDF_Dict_Add(root, "IDTree", tree));
            HPDF_TRYP(names, HPDF_Array_New(mm));
            HPDF_TRY(HPDF_Dict_Add(tree, "Names", names));
        }
        char id[32];
        snprintf(id, sizeof id, "note-%07d", c->id);
        void *s;
        HPDF_TRYP(s, HPDF_String_New(mm, id, NULL));
        HPDF_TRY(HPDF_Array_Add(names, s));
        HPDF_TRY(HPDF_Array_Add(names, w->elems[c->id].dict));
    }
    return 0;
}

/* Append a kid to e's /K: an MCID (integer or MCR), an OBJR, or a child element. */
static int add_mcid(pdf_writer *w, pdf_elem *e, int page, int mcid)
{
    if (!e->multi_page)
        return HPDF_Array_AddNumber(e->kids, mcid) == HPDF_OK ? 0 : -1;
    HPDF_Dict mcr;
    HPDF_TRYP(mcr, HPDF_Dict_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Array_Add(e->kids, mcr));
    HPDF_TRY(HPDF_Dict_AddName(mcr, "Type", "MCR"));
    HPDF_TRY(HPDF_Dict_Add(mcr, "Pg", w->pages[page]));
    HPDF_TRY(HPDF_Dict_AddNumber(mcr, "MCID", mcid));
    return 0;
}

static int add_objr(pdf_writer *w, pdf_elem *e, const pdf_mark *m)
{
    HPDF_Dict objr;
    HPDF_TRYP(objr, HPDF_Dict_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Array_Add(e->kids, objr));
    HPDF_TRY(HPDF_Dict_AddName(objr, "Type", "OBJR"));
    HPDF_TRY(HPDF_Dict_Add(objr, "Obj", m->annot));
    HPDF_TRY(HPDF_Dict_Add(objr, "Pg", w->pages[m->page]));
    return 0;
}

/* Put each ancestor of e into its parent's /K the first time it is met. */
static int link_ancestors(pdf_writer *w, pdf_elem *e, HPDF_Array root_kids)
{
    while (!e->linked) {
        e->linked = 1;
        const node *p = e->node->parent;
        if (!p) {
            HPDF_TRY(HPDF_Array_Add(root_kids, e->dict));
            return 0;
        }
        pdf_elem *pe = &w->elems[p->id];
        HPDF_TRY(HPDF_Array_Add(pe->kids, e->dict));
        e = pe;
    }
    return 0;
}

int tags_build(pdf_writer *w)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    const document *doc = w->doc;
    int npages = w->dl->npages;

    /* which elements have content, and on which pages their own content is */
    for (size_t i = 0; i < w->nmarks; i++) {
        const pdf_mark *m = &w->marks[i];
        pdf_elem *e = &w->elems[m->elem->id];
        if (m->mcid >= 0) {
            if (e->page < 0)
                e->page = m->page;
            else if (e->page != m->page)
                e->multi_page = 1;
        }
        for (const node *n = m->elem; n && !w->elems[n->id].has_content; n = n->parent)
            w->elems[n->id].has_content = 1;
    }

    HPDF_Dict root;
    HPDF_Array root_kids;
    HPDF_TRYP(root, HPDF_Dict_New(mm));
    HPDF_TRY(HPDF_Xref_Add(w->pdf->xref, root));
    HPDF_TRY(HPDF_Dict_AddName(root, "Type", "StructTreeRoot"));
    HPDF_TRYP(root_kids, HPDF_Array_New(mm));
    HPDF_TRY(HPDF_Dict_Add(root, "K", root_kids));

    /* StructElems in tree order, so object numbers do not depend on layout order */
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering)) {
        if (!entering || !doc_is_element(c->kind) || !w->elems[c->id].has_content)
            continue;
        HPDF_Dict parent = c->parent ? w->elems[c->parent->id].dict : root;
        if (make_elem(w, &w->elems[c->id], parent) < 0)
            return -1;
    }

    /* /K in reading order, and the ParentTree arrays per page */
    HPDF_Array *per_page = calloc((size_t)(npages > 0 ? npages : 1), sizeof *per_page);
    if (!per_page)
        return -1;
    HPDF_Dict ptree = NULL;
    HPDF_Array nums = NULL;
    int rc = -1;
    if (!(ptree = HPDF_Dict_New(mm)) || HPDF_Dict_Add(root, "ParentTree", ptree) != HPDF_OK
        || !(nums = HPDF_Array_New(mm)) || HPDF_Dict_Add(ptree, "Nums", nums) != HPDF_OK)
        goto out;
    for (int p = 0; p < npages; p++) {
        if (HPDF_Array_AddNumber(nums, p) != HPDF_OK || !(per_page[p] = HPDF_Array_New(mm))
            || HPDF_Array_Add(nums, per_page[p]) != HPDF_OK)
            goto out;
    }
    for (size_t i = 0; i < w->nmarks; i++) {
        const pdf_mark *m = &w->marks[i];
        pdf_elem *e = &w->elems[m->elem->id];
        if (m->mcid >= 0) {
            if (add_mcid(w, e, m->page, m->mcid) < 0
                || HPDF_Array_Add(per_page[m->page], e->dict) != HPDF_OK)
                goto out;
        } else if (add_objr(w, e, m) < 0) {
            goto out;
        }
        if (link_ancestors(w, e, root_kids) < 0)
            goto out;
    }
    /* annotation keys follow the pages, in the order they were made */
    for (size_t i = 0; i < w->nmarks; i++) {
        const pdf_mark *m = &w->marks[i];
        if (m->mcid < 0
            && (HPDF_Array_AddNumber(nums, m->annot_key) != HPDF_OK
                || HPDF_Array_Add(nums, w->elems[m->elem->id].dict) != HPDF_OK))
            goto out;
    }
    if (add_id_tree(w, root) < 0
        || HPDF_Dict_AddNumber(root, "ParentTreeNextKey", npages + w->nannots) != HPDF_OK
        || HPDF_Dict_Add(w->pdf->catalog, "StructTreeRoot", root) != HPDF_OK)
        goto out;
    rc = 0;
out:
    free(per_page);
    return rc;
}
