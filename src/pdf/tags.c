/* tags.c — the structure tree: elements of the document tree that have content
 * become StructElems (type, parent, /Lang, Figure /Alt and /BBox, TH /Scope),
 * their /K interleaves own marked content (MCIDs or MCR dicts), link OBJRs and
 * child elements in reading order — split into groups when one /K would pass
 * libharu's array limit; the ParentTree (a number tree) maps page MCIDs and
 * link annotations back to the elements holding them; the IDTree (a name
 * tree) lists the Notes' /IDs. The elements and the ParentTree's leaves are
 * compact records written when the file is saved (structelem.c). */
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
            diag_internal(w->d, "the document tree is not numbered");
            w->reported = 1;
            return -1;
        }
        w->elems[c->id].node = c;
        w->elems[c->id].page = -1;
    }
    return 0;
}

int tags_add_mark(pdf_writer *w, int slot, int mcid, const node *elem, HPDF_Dict annot)
{
    if (grow_array((void **)&w->marks, &w->capmarks, w->nmarks + 1, sizeof *w->marks) < 0)
        return -1;
    w->marks[w->nmarks++] = (pdf_mark){.page = slot, .mcid = mcid, .elem = elem, .annot = annot};
    return 0;
}

int tags_order_marks(pdf_writer *w)
{
    /* pages came in part by part, each in order: the front's marks (made
     * last) go first, each part's keeping its order */
    pdf_mark *m = malloc((w->nmarks ? w->nmarks : 1) * sizeof *m);
    if (!m)
        return -1;
    size_t k = 0;
    for (int front = 1; front >= 0; front--)
        for (size_t i = 0; i < w->nmarks; i++)
            if ((w->marks[i].page < 0) == front) {
                m[k] = w->marks[i];
                m[k].page = pdfw_page_of_slot(w, m[k].page);
                k++;
            }
    free(w->marks);
    w->marks = m;
    w->capmarks = w->nmarks;
    /* annotations' keys follow the pages', in reading order */
    w->nannots = 0;
    for (size_t i = 0; i < w->nmarks; i++) {
        if (w->marks[i].mcid >= 0)
            continue;
        ((pdf_annot *)w->marks[i].annot->attr)->key = w->dl->npages + w->nannots++;   /* annots.c */
    }
    return 0;
}

/* Does n need a /Lang of its own: one that differs from what it inherits,
 * its parent's or the catalog's? */
static int own_lang(const pdf_writer *w, const node *n)
{
    const char *inh = n->parent ? doc_lang(n->parent) : NULL;
    if (!inh)
        inh = w->opts->lang;
    return n->lang && *n->lang && (!inh || strcmp(n->lang, inh) != 0);
}

/* A Note's /ID (PDF/UA 7.9): unique, and zero-padded so that tree order is
 * the IDTree's key order. */
static void note_id(char *out, size_t size, const node *n)
{
    snprintf(out, size, "note-%010d", n->id);
}

/* The entries of dict: what e's element says beyond its type. */
static int props_of(pdf_writer *w, const pdf_elem *e, const node *n, HPDF_Dict dict)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    if (own_lang(w, n)) {
        void *s;
        HPDF_TRYP(s, HPDF_String_New(mm, n->lang, NULL));
        HPDF_TRY(HPDF_Dict_Add(dict, "Lang", s));
    }
    if (n->kind == N_FIGURE) {
        void *alt;
        HPDF_TRYP(alt, pdfw_text_string(w, n->alt && *n->alt ? n->alt : "Figure"));
        HPDF_TRY(HPDF_Dict_Add(dict, "Alt", alt));
        const pdf_box *box = NULL;
        for (size_t i = 0; e->has_bbox && i < w->nboxes && !box; i++)
            if (w->boxes[i].id == n->id)
                box = &w->boxes[i];
        if (box) {
            HPDF_Dict a;
            HPDF_Array bb;
            HPDF_TRYP(a, HPDF_Dict_New(mm));
            HPDF_TRY(HPDF_Dict_Add(dict, "A", a));
            HPDF_TRY(HPDF_Dict_AddName(a, "O", "Layout"));
            HPDF_TRYP(bb, HPDF_Array_New(mm));
            HPDF_TRY(HPDF_Dict_Add(a, "BBox", bb));
            for (int k = 0; k < 4; k++)
                HPDF_TRY(HPDF_Array_AddReal(bb, (HPDF_REAL)box->b[k]));
        }
    } else if (n->kind == N_TH) {
        HPDF_Dict a;
        HPDF_TRYP(a, HPDF_Dict_New(mm));
        HPDF_TRY(HPDF_Dict_Add(dict, "A", a));
        HPDF_TRY(HPDF_Dict_AddName(a, "O", "Table"));
        int header_row = n->parent && n->parent->kind == N_TR
                         && ((n->parent->flags & NF_HEADER_ROW)
                             || (n->parent->parent && n->parent->parent->kind == N_THEAD));
        HPDF_TRY(HPDF_Dict_AddName(a, "Scope", header_row ? "Column" : "Row"));
    } else if (n->kind == N_L) {
        /* the labels layout draws: 1. 2. …, or the bullet of the nesting
         * level (doc_list_bullet); none where the items have no Lbl (the
         * cover's list) */
        int labelled = 0;
        for (const node *li = n->first; li && !labelled; li = li->next)
            for (const node *c = li->kind == N_LI ? li->first : NULL; c; c = c->next)
                labelled |= c->kind == N_LBL;
        HPDF_Dict a;
        HPDF_TRYP(a, HPDF_Dict_New(mm));
        HPDF_TRY(HPDF_Dict_Add(dict, "A", a));
        HPDF_TRY(HPDF_Dict_AddName(a, "O", "List"));
        HPDF_TRY(HPDF_Dict_AddName(a, "ListNumbering", !labelled ? "None"
                                   : (n->flags & NF_ORDERED) ? "Decimal"
                                   : doc_bullet_numbering(doc_list_bullet(n->level))));
    } else if (n->kind == N_LBL && n->alt && *n->alt) {
        /* a task's ballot box: its state, in words */
        void *at;
        HPDF_TRYP(at, pdfw_text_string(w, n->alt));
        HPDF_TRY(HPDF_Dict_Add(dict, "ActualText", at));
    } else if (n->kind == N_NOTE) {
        char id[32];
        note_id(id, sizeof id, n);
        void *s;
        HPDF_TRYP(s, HPDF_String_New(mm, id, NULL));
        HPDF_TRY(HPDF_Dict_Add(dict, "ID", s));
    }
    if (embedded_has_af(w, n))   /* a release: its Markdown and images, carried inside */
        return embedded_add_af(w, n, dict);
    return 0;
}

/* What e's element says beyond its type: /Lang where it differs from the
 * parent's, Figure /Alt and /BBox, TH /Scope, list numbering, a Note's /ID. */
static int add_properties(pdf_writer *w, const pdf_elem *e, struct_elem *se)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    const node *n = e->node;
    HPDF_Dict dict = NULL;   /* written out by se_set_props, then freed */
    int has = own_lang(w, n) || n->kind == N_FIGURE
              || n->kind == N_TH || n->kind == N_L || (n->kind == N_LBL && n->alt && *n->alt)
              || n->kind == N_NOTE || embedded_has_af(w, n);
    if (!has)
        return 0;
    HPDF_TRYP(dict, HPDF_Dict_New(mm));
    int rc = props_of(w, e, n, dict);
    return se_set_props(se, dict) < 0 ? -1 : rc;
}

static int make_elem(pdf_writer *w, pdf_elem *e, HPDF_Dict parent)
{
    int pg = e->page >= 0 && !e->multi_page ? e->page : -1;
    size_t room = e->nkids <= PDF_MAX_ARRAY ? e->nkids : 0;   /* else groups take them */
    if (!(e->se = se_new(w, doc_struct_type(e->node), parent, pg, room)))
        return -1;
    return add_properties(w, e, e->se);
}

/* The IDTree: a name tree of the Notes' /IDs, in key order (tree order). */
static int add_id_tree(pdf_writer *w, HPDF_Dict root)
{
    size_t n = 0, k = 0;
    int entering = 1;
    for (const node *c = w->doc->root; c; c = doc_next(w->doc->root, c, &entering))
        n += entering && c->kind == N_NOTE && w->elems[c->id].has_content;
    if (!n)
        return 0;
    pdf_tree_entry *e = calloc(n, sizeof *e);
    char (*ids)[32] = calloc(n, sizeof *ids);
    HPDF_Dict tree = NULL;
    int rc = -1;
    if (!e || !ids)
        goto out;
    entering = 1;
    for (const node *c = w->doc->root; c && k < n; c = doc_next(w->doc->root, c, &entering)) {
        if (!entering || c->kind != N_NOTE || !w->elems[c->id].has_content)
            continue;
        note_id(ids[k], sizeof ids[k], c);
        e[k] = (pdf_tree_entry){.name = ids[k], .value = w->elems[c->id].se->dict};
        k++;
    }
    if ((tree = HPDF_Dict_New(w->pdf->mmgr)) && HPDF_Dict_Add(root, "IDTree", tree) == HPDF_OK)
        rc = pdfw_tree(w, tree, e, k);
out:
    free(e);
    free(ids);
    return rc;
}

/* How an element with more kids than an array holds is split: lists and
 * TOCs nest lists and TOCs, a table's row groups continue in sibling row
 * groups, anything else groups its kids in NonStruct elements (whose kids
 * count as their parent's, ISO 32000-1 14.8.4.2). */
enum split { SPLIT_NONSTRUCT, SPLIT_NESTED, SPLIT_SIBLINGS };

static enum split split_of(const node *n)
{
    switch (n->kind) {
    case N_L:
    case N_TOC: return SPLIT_NESTED;
    case N_THEAD:
    case N_TBODY: return n->parent ? SPLIT_SIBLINGS : SPLIT_NONSTRUCT;
    default: return SPLIT_NONSTRUCT;
    }
}

/* Where the next kid of e goes: *into, the element whose /K it is added to
 * (what the kid's /P and ParentTree entries name). */
static int kid_target(pdf_writer *w, pdf_elem *e, struct_elem **into)
{
    if (e->nkids <= PDF_MAX_ARRAY) {
        *into = e->se;
        return 0;
    }
    enum split how = split_of(e->node);
    pdf_group *g = NULL;
    for (size_t i = 0; i < w->ngroups && !g; i++)
        if (w->groups[i].id == e->node->id)
            g = &w->groups[i];
    if (!g) {
        if (grow_array((void **)&w->groups, &w->capgroups, w->ngroups + 1, sizeof *w->groups) < 0)
            return -1;
        g = &w->groups[w->ngroups++];
        *g = (pdf_group){.id = e->node->id};
    }
    if (!g->group && how == SPLIT_SIBLINGS) {   /* the element itself takes the first share */
        g->group = e->se;
    } else if (!g->group || g->fill == PDF_MAX_ARRAY) {
        int pg = e->page >= 0 && !e->multi_page ? e->page : -1;
        struct_elem *parent = e->se;
        if (how == SPLIT_SIBLINGS && kid_target(w, &w->elems[e->node->parent->id], &parent) < 0)
            return -1;
        const char *type = how == SPLIT_NONSTRUCT ? "NonStruct" : doc_struct_type(e->node);
        struct_elem *made = se_new(w, type, parent->dict, pg, 0);
        g = &w->groups[g - w->groups];   /* a parent's group may have moved the table */
        if (!made || (how != SPLIT_NONSTRUCT && add_properties(w, e, made) < 0)
            || se_add_kid(parent, (se_kid){.kind = KID_ELEM, .obj = made->dict}) < 0)
            return -1;
        g->group = made;
        g->fill = 0;
    }
    g->fill++;
    *into = g->group;
    return 0;
}

/* Append an MCID of e (an integer, or an MCR when e spans pages) to its /K. */
static int add_mcid(pdf_writer *w, pdf_elem *e, pdf_mark *m)
{
    struct_elem *into;
    if (kid_target(w, e, &into) < 0)
        return -1;
    w->holders[w->nholders++] = into->dict;   /* the ParentTree's, in page order */
    return se_add_kid(into, (se_kid){.kind = e->multi_page ? KID_MCR : KID_MCID,
                                     .mcid = m->mcid, .page = m->page});
}

static int add_objr(pdf_writer *w, pdf_elem *e, pdf_mark *m)
{
    struct_elem *into;
    if (kid_target(w, e, &into) < 0)
        return -1;
    ((pdf_annot *)m->annot->attr)->holder = into->dict;
    return se_add_kid(into, (se_kid){.kind = KID_OBJR, .obj = m->annot, .page = m->page});
}

/* Put each ancestor of e into its parent's /K the first time it is met. */
static int link_ancestors(pdf_writer *w, pdf_elem *e, HPDF_Array root_kids)
{
    while (!e->linked) {
        e->linked = 1;
        const node *p = e->node->parent;
        if (!p) {
            HPDF_TRY(HPDF_Array_Add(root_kids, e->se->dict));
            return 0;
        }
        pdf_elem *pe = &w->elems[p->id];
        struct_elem *into;
        if (kid_target(w, pe, &into) < 0
            || se_add_kid(into, (se_kid){.kind = KID_ELEM, .obj = e->se->dict}) < 0)
            return -1;
        e->se->parent = into->dict;   /* a group of the parent's, when it is one */
        e = pe;
    }
    return 0;
}

/* Which elements have content, on which pages their own content lies, and
 * how many kids each /K gets. */
static void count_kids(pdf_writer *w)
{
    const document *doc = w->doc;
    for (size_t i = 0; i < w->nmarks; i++) {
        const pdf_mark *m = &w->marks[i];
        pdf_elem *e = &w->elems[m->elem->id];
        if (m->mcid >= 0) {
            if (e->page < 0)
                e->page = m->page;
            else if (e->page != m->page)
                e->multi_page = 1;
        }
        e->nkids++;
        for (const node *n = m->elem; n && !w->elems[n->id].has_content; n = n->parent)
            w->elems[n->id].has_content = 1;
    }
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering))
        if (entering && c->parent && doc_is_element(c->kind) && w->elems[c->id].has_content)
            w->elems[c->parent->id].nkids++;
    /* row groups split into siblings add kids to their table (ids run in tree
     * order, so children come after their parents) */
    for (int id = w->nelems - 1; id > 0; id--) {
        const pdf_elem *e = &w->elems[id];
        if (e->node && e->nkids > PDF_MAX_ARRAY && split_of(e->node) == SPLIT_SIBLINGS)
            w->elems[e->node->parent->id].nkids += (e->nkids - 1) / PDF_MAX_ARRAY;
    }
}

/* The ParentTree: per page, the array of the elements holding its MCIDs (in
 * MCID order, as the pages made them), then each annotation's element; its
 * leaves are written from the marks (structelem.c). */
static int add_parent_tree(pdf_writer *w, HPDF_Dict root)
{
    int npages = w->dl->npages;
    size_t n = (size_t)npages + (size_t)w->nannots, k = 0;
    pdf_tree_entry *e = w->parent_entries = calloc(n ? n : 1, sizeof *e);
    HPDF_Dict tree = NULL;
    if (!e)
        return -1;
    size_t i = 0, h = 0;   /* holders: one per MCID, as the /K were made (in page order) */
    for (int p = 0; p < npages; p++) {
        size_t first = h;
        for (; i < w->nmarks && w->marks[i].page <= p; i++)
            h += w->marks[i].mcid >= 0;
        e[k++] = (pdf_tree_entry){.num = p, .first = first, .count = h - first};
    }
    for (i = 0; i < w->nmarks && k < n; i++)   /* keys follow the pages, in the order made */
        if (w->marks[i].mcid < 0) {
            const pdf_annot *a = w->marks[i].annot->attr;
            e[k++] = (pdf_tree_entry){.num = a->key, .holder = a->holder};
        }
    if ((tree = HPDF_Dict_New(w->pdf->mmgr)) && HPDF_Dict_Add(root, "ParentTree", tree) == HPDF_OK
        && pdfw_tree(w, tree, e, k) == 0)
        return 0;
    return -1;
}

int tags_build(pdf_writer *w)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    const document *doc = w->doc;
    count_kids(w);

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
        HPDF_Dict parent = c->parent ? w->elems[c->parent->id].se->dict : root;
        if (make_elem(w, &w->elems[c->id], parent) < 0)
            return -1;
    }

    /* /K in reading order */
    size_t nmcid = 0;
    for (size_t i = 0; i < w->nmarks; i++)
        nmcid += w->marks[i].mcid >= 0;
    if (!(w->holders = malloc((nmcid ? nmcid : 1) * sizeof *w->holders)))
        return -1;
    for (size_t i = 0; i < w->nmarks; i++) {
        pdf_mark *m = &w->marks[i];
        pdf_elem *e = &w->elems[m->elem->id];
        if ((m->mcid >= 0 ? add_mcid(w, e, m) : add_objr(w, e, m)) < 0
            || link_ancestors(w, e, root_kids) < 0)
            return -1;
    }
    HPDF_TRY(HPDF_Dict_Add(w->pdf->catalog, "StructTreeRoot", root));
    if (add_parent_tree(w, root) < 0 || add_id_tree(w, root) < 0)
        return -1;
    HPDF_TRY(HPDF_Dict_AddNumber(root, "ParentTreeNextKey", w->dl->npages + w->nannots));
    /* what the tree was built from goes before the outline is made */
    free(w->marks);
    w->marks = NULL;
    w->nmarks = w->capmarks = 0;
    free(w->elems);
    w->elems = NULL;
    w->nelems = 0;
    return 0;
}
