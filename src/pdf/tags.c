/* tags.c — the structure tree: elements of the document tree that have content
 * become StructElems (type, parent, /Lang, Figure /Alt and /BBox, TH /Scope),
 * their /K interleaves own marked content (MCIDs or MCR dicts), link OBJRs and
 * child elements in reading order — split into groups when one /K would pass
 * libharu's array limit; the ParentTree (a number tree) maps page MCIDs and
 * link annotations back to the elements holding them; the IDTree (a name
 * tree) lists the Notes' /IDs. The elements and the ParentTree's leaves are
 * compact records written when the file is saved (structelem.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

int tags_init(pdf_tags *t, const document *doc, const char *lang, diag *d)
{
    *t = (pdf_tags){.doc = doc, .lang = lang, .d = d};
    int n = doc->nnodes;
    t->elems = calloc((size_t)(n > 0 ? n : 0) + 1, sizeof *t->elems);
    if (!t->elems)
        return diag_oom(d);
    t->nelems = n + 1;
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering)) {
        if (!entering || !doc_is_element(c->kind))
            continue;
        if (c->id <= 0 || c->id > n || t->elems[c->id].node) {
            diag_internal(d, "the document tree is not numbered");
            return -1;
        }
        t->elems[c->id].node = c;
        t->elems[c->id].page = -1;
    }
    return 0;
}

void tags_free(pdf_tags *t)
{
    free(t->elems);
    free(t->boxes);
    free(t->groups);
    free(t->marks);
    *t = (pdf_tags){0};
}

const node *tags_element_of(const pdf_tags *t, const node *n)
{
    while (n && !doc_is_element(n->kind))
        n = n->parent;
    if (!n || n->id <= 0 || n->id >= t->nelems || t->elems[n->id].node != n)
        return NULL;
    return n;
}

int tags_add_mark(pdf_tags *t, int slot, int mcid, const node *elem, pdf_annot *annot)
{
    if (grow_array((void **)&t->marks, &t->capmarks, t->nmarks + 1, sizeof *t->marks) < 0)
        return diag_oom(t->d);
    t->marks[t->nmarks++] = (pdf_mark){.page = slot, .mcid = mcid, .elem = elem, .annot = annot};
    return 0;
}

int tags_add_box(pdf_tags *t, const node *elem, const double bb[4])
{
    pdf_elem *e = &t->elems[elem->id];
    pdf_box *box = NULL;
    for (size_t i = t->nboxes; e->has_bbox && i-- > 0 && !box;)   /* the last one, mostly */
        if (t->boxes[i].id == elem->id)
            box = &t->boxes[i];
    if (!box) {
        if (grow_array((void **)&t->boxes, &t->capboxes, t->nboxes + 1, sizeof *t->boxes) < 0)
            return diag_oom(t->d);
        box = &t->boxes[t->nboxes++];
        *box = (pdf_box){.id = elem->id};
        memcpy(box->b, bb, sizeof box->b);
        e->has_bbox = 1;
    } else {
        box->b[0] = fmin(box->b[0], bb[0]);
        box->b[1] = fmin(box->b[1], bb[1]);
        box->b[2] = fmax(box->b[2], bb[2]);
        box->b[3] = fmax(box->b[3], bb[3]);
    }
    return 0;
}

int tags_order_marks(pdf_tags *t, const pdf_pages *pages)
{
    /* pages came in part by part, each in order: the front's marks (made
     * last) go first, each part's keeping its order */
    pdf_mark *m = malloc((t->nmarks ? t->nmarks : 1) * sizeof *m);
    if (!m)
        return diag_oom(t->d);
    size_t k = 0;
    for (int front = 1; front >= 0; front--)
        for (size_t i = 0; i < t->nmarks; i++)
            if ((t->marks[i].page < 0) == front) {
                m[k] = t->marks[i];
                m[k].page = pages_index_of_slot(pages, m[k].page);
                k++;
            }
    free(t->marks);
    t->marks = m;
    t->capmarks = t->nmarks;
    /* annotations' keys follow the pages', in reading order */
    t->nannots = 0;
    for (size_t i = 0; i < t->nmarks; i++)
        if (t->marks[i].mcid < 0)
            t->marks[i].annot->key = pages->count + t->nannots++;
    return 0;
}

/* Building the tree: the marks and elements (t), the objects written from
 * records (se), where the sources went (emb). */
typedef struct tree_build {
    pdf_tags *t;
    struct_records *se;
    const pdf_embedded *emb;
    pdf_objs *o;
} tree_build;

/* Does n need a /Lang of its own: one that differs from what it inherits,
 * its parent's or the catalog's? */
static int own_lang(const pdf_tags *t, const node *n)
{
    const char *inh = n->parent ? doc_lang(n->parent) : NULL;
    if (!inh)
        inh = t->lang;
    return n->lang && *n->lang && (!inh || strcmp(n->lang, inh) != 0);
}

/* A Note's /ID (PDF/UA 7.9): unique, and zero-padded so that tree order is
 * the IDTree's key order. */
static void note_id(char *out, size_t size, const node *n)
{
    snprintf(out, size, "note-%010d", n->id);
}

/* The entries of dict: what e's element says beyond its type. */
static int props_of(tree_build *b, const pdf_elem *e, const node *n, pdf_obj *dict)
{
    pdf_objs *o = b->o;
    pdf_tags *t = b->t;
    if (own_lang(t, n))
        TRY(obj_put(dict, "Lang", obj_string(o, n->lang)));
    if (n->kind == N_FIGURE) {
        TRY(obj_put(dict, "Alt", pdfw_text_string(o, n->alt && *n->alt ? n->alt : "Figure")));
        const pdf_box *box = NULL;
        for (size_t i = 0; e->has_bbox && i < t->nboxes && !box; i++)
            if (t->boxes[i].id == n->id)
                box = &t->boxes[i];
        if (box) {
            pdf_obj *a, *bb;
            TRYP(a, obj_dict(o));
            TRY(obj_put(dict, "A", a));
            TRY(obj_put_name(a, "O", "Layout"));
            TRYP(bb, obj_array(o));
            TRY(obj_put(a, "BBox", bb));
            for (int k = 0; k < 4; k++)
                TRY(obj_push_real(bb, box->b[k]));
        }
    } else if (n->kind == N_TH) {
        pdf_obj *a;
        TRYP(a, obj_dict(o));
        TRY(obj_put(dict, "A", a));
        TRY(obj_put_name(a, "O", "Table"));
        int header_row = n->parent && n->parent->kind == N_TR
                         && ((n->parent->flags & NF_HEADER_ROW)
                             || (n->parent->parent && n->parent->parent->kind == N_THEAD));
        TRY(obj_put_name(a, "Scope", header_row ? "Column" : "Row"));
    } else if (n->kind == N_L) {
        /* the labels layout draws: 1. 2. …, or the bullet of the nesting
         * level (doc_list_bullet); none where the items have no Lbl (the
         * cover's list) */
        int labelled = 0;
        for (const node *li = n->first; li && !labelled; li = li->next)
            for (const node *c = li->kind == N_LI ? li->first : NULL; c; c = c->next)
                labelled |= c->kind == N_LBL;
        pdf_obj *a;
        TRYP(a, obj_dict(o));
        TRY(obj_put(dict, "A", a));
        TRY(obj_put_name(a, "O", "List"));
        TRY(obj_put_name(a, "ListNumbering", !labelled ? "None"
                         : (n->flags & NF_ORDERED) ? "Decimal"
                         : doc_bullet_numbering(doc_list_bullet(n->level))));
    } else if (n->kind == N_LBL && n->alt && *n->alt) {
        /* a task's ballot box: its state, in words */
        TRY(obj_put(dict, "ActualText", pdfw_text_string(o, n->alt)));
    } else if (n->kind == N_NOTE) {
        char id[32];
        note_id(id, sizeof id, n);
        TRY(obj_put(dict, "ID", obj_string(o, id)));
    }
    if (embedded_has_af(b->emb, n))   /* a release: its Markdown and images, carried inside */
        return embedded_add_af(b->emb, n, dict);
    return 0;
}

/* What e's element says beyond its type: /Lang where it differs from the
 * parent's, Figure /Alt and /BBox, TH /Scope, list numbering, a Note's /ID. */
static int add_properties(tree_build *b, const pdf_elem *e, struct_elem *se)
{
    const node *n = e->node;
    pdf_obj *dict;   /* written out by se_set_props, then freed */
    int has = own_lang(b->t, n) || n->kind == N_FIGURE
              || n->kind == N_TH || n->kind == N_L || (n->kind == N_LBL && n->alt && *n->alt)
              || n->kind == N_NOTE || embedded_has_af(b->emb, n);
    if (!has)
        return 0;
    TRYP(dict, obj_dict(b->o));
    int rc = props_of(b, e, n, dict);
    return se_set_props(b->se, se, dict) < 0 ? -1 : rc;
}

static int make_elem(tree_build *b, pdf_elem *e, pdf_obj *parent)
{
    int pg = e->page >= 0 && !e->multi_page ? e->page : -1;
    size_t room = e->nkids <= PDF_MAX_ARRAY ? e->nkids : 0;   /* else groups take them */
    if (!(e->se = se_new(b->se, doc_struct_type(e->node), parent, pg, room)))
        return -1;
    return add_properties(b, e, e->se);
}

/* The IDTree: a name tree of the Notes' /IDs, in key order (tree order). */
static int add_id_tree(tree_build *b, pdf_obj *root)
{
    const pdf_tags *t = b->t;
    size_t n = 0, k = 0;
    int entering = 1;
    for (const node *c = t->doc->root; c; c = doc_next(t->doc->root, c, &entering))
        n += entering && c->kind == N_NOTE && t->elems[c->id].has_content;
    if (!n)
        return 0;
    pdf_tree_entry *e = calloc(n, sizeof *e);
    char (*ids)[32] = calloc(n, sizeof *ids);
    pdf_obj *tree;
    int rc = -1;
    if (!e || !ids) {
        diag_oom(t->d);
        goto out;
    }
    entering = 1;
    for (const node *c = t->doc->root; c && k < n; c = doc_next(t->doc->root, c, &entering)) {
        if (!entering || c->kind != N_NOTE || !t->elems[c->id].has_content)
            continue;
        note_id(ids[k], sizeof ids[k], c);
        e[k] = (pdf_tree_entry){.name = ids[k], .value = t->elems[c->id].se->dict};
        k++;
    }
    if ((tree = obj_dict(b->o)) && obj_put(root, "IDTree", tree) == 0)
        rc = pdfw_tree(b->o, NULL, tree, e, k);
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
static int kid_target(tree_build *b, pdf_elem *e, struct_elem **into)
{
    pdf_tags *t = b->t;
    if (e->nkids <= PDF_MAX_ARRAY) {
        *into = e->se;
        return 0;
    }
    enum split how = split_of(e->node);
    pdf_group *g = NULL;
    for (size_t i = 0; i < t->ngroups && !g; i++)
        if (t->groups[i].id == e->node->id)
            g = &t->groups[i];
    if (!g) {
        if (grow_array((void **)&t->groups, &t->capgroups, t->ngroups + 1, sizeof *t->groups) < 0)
            return diag_oom(t->d);
        g = &t->groups[t->ngroups++];
        *g = (pdf_group){.id = e->node->id};
    }
    if (!g->group && how == SPLIT_SIBLINGS) {   /* the element itself takes the first share */
        g->group = e->se;
    } else if (!g->group || g->fill == PDF_MAX_ARRAY) {
        int pg = e->page >= 0 && !e->multi_page ? e->page : -1;
        struct_elem *parent = e->se;
        if (how == SPLIT_SIBLINGS && kid_target(b, &t->elems[e->node->parent->id], &parent) < 0)
            return -1;
        const char *type = how == SPLIT_NONSTRUCT ? "NonStruct" : doc_struct_type(e->node);
        struct_elem *made = se_new(b->se, type, parent->dict, pg, 0);
        g = &t->groups[g - t->groups];   /* a parent's group may have moved the table */
        if (!made || (how != SPLIT_NONSTRUCT && add_properties(b, e, made) < 0)
            || se_add_kid(b->se, parent, (se_kid){.kind = KID_ELEM, .obj = made->dict}) < 0)
            return -1;
        g->group = made;
        g->fill = 0;
    }
    g->fill++;
    *into = g->group;
    return 0;
}

/* Append an MCID of e (an integer, or an MCR when e spans pages) to its /K. */
static int add_mcid(tree_build *b, pdf_elem *e, pdf_mark *m)
{
    struct_elem *into;
    if (kid_target(b, e, &into) < 0)
        return -1;
    b->se->holders[b->se->nholders++] = into->dict;   /* the ParentTree's, in page order */
    return se_add_kid(b->se, into, (se_kid){.kind = e->multi_page ? KID_MCR : KID_MCID,
                                            .mcid = m->mcid, .page = m->page});
}

static int add_objr(tree_build *b, pdf_elem *e, pdf_mark *m)
{
    struct_elem *into;
    if (kid_target(b, e, &into) < 0)
        return -1;
    m->annot->holder = into->dict;
    return se_add_kid(b->se, into, (se_kid){.kind = KID_OBJR, .obj = m->annot->dict,
                                            .page = m->page});
}

/* Put each ancestor of e into its parent's /K the first time it is met. */
static int link_ancestors(tree_build *b, pdf_elem *e, pdf_obj *root_kids)
{
    while (!e->linked) {
        e->linked = 1;
        const node *p = e->node->parent;
        if (!p)
            return obj_push(root_kids, e->se->dict);
        pdf_elem *pe = &b->t->elems[p->id];
        struct_elem *into;
        if (kid_target(b, pe, &into) < 0
            || se_add_kid(b->se, into, (se_kid){.kind = KID_ELEM, .obj = e->se->dict}) < 0)
            return -1;
        e->se->parent = into->dict;   /* a group of the parent's, when it is one */
        e = pe;
    }
    return 0;
}

/* Which elements have content, on which pages their own content lies, and
 * how many kids each /K gets. */
static void count_kids(pdf_tags *t)
{
    const document *doc = t->doc;
    for (size_t i = 0; i < t->nmarks; i++) {
        const pdf_mark *m = &t->marks[i];
        pdf_elem *e = &t->elems[m->elem->id];
        if (m->mcid >= 0) {
            if (e->page < 0)
                e->page = m->page;
            else if (e->page != m->page)
                e->multi_page = 1;
        }
        e->nkids++;
        for (const node *n = m->elem; n && !t->elems[n->id].has_content; n = n->parent)
            t->elems[n->id].has_content = 1;
    }
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering))
        if (entering && c->parent && doc_is_element(c->kind) && t->elems[c->id].has_content)
            t->elems[c->parent->id].nkids++;
    /* row groups split into siblings add kids to their table (ids run in tree
     * order, so children come after their parents) */
    for (int id = t->nelems - 1; id > 0; id--) {
        const pdf_elem *e = &t->elems[id];
        if (e->node && e->nkids > PDF_MAX_ARRAY && split_of(e->node) == SPLIT_SIBLINGS)
            t->elems[e->node->parent->id].nkids += (e->nkids - 1) / PDF_MAX_ARRAY;
    }
}

/* The ParentTree: per page, the array of the elements holding its MCIDs (in
 * MCID order, as the pages made them), then each annotation's element; its
 * leaves are written from the holders (structelem.c). */
static int add_parent_tree(tree_build *b, pdf_obj *root, int npages)
{
    const pdf_tags *t = b->t;
    size_t n = (size_t)npages + (size_t)t->nannots, k = 0;
    pdf_tree_entry *e = b->se->entries = calloc(n ? n : 1, sizeof *e);
    pdf_obj *tree;
    if (!e)
        return diag_oom(t->d);
    size_t i = 0, h = 0;   /* holders: one per MCID, as the /K were made (in page order) */
    for (int p = 0; p < npages; p++) {
        size_t first = h;
        for (; i < t->nmarks && t->marks[i].page <= p; i++)
            h += t->marks[i].mcid >= 0;
        e[k++] = (pdf_tree_entry){.num = p, .first = first, .count = h - first};
    }
    for (i = 0; i < t->nmarks && k < n; i++)   /* keys follow the pages, in the order made */
        if (t->marks[i].mcid < 0) {
            const pdf_annot *a = t->marks[i].annot;
            e[k++] = (pdf_tree_entry){.num = a->key, .holder = a->holder};
        }
    TRYP(tree, obj_dict(b->o));
    TRY(obj_put(root, "ParentTree", tree));
    return pdfw_tree(b->o, b->se, tree, e, k);
}

int tags_build(pdf_tags *t, struct_records *se, const pdf_embedded *emb)
{
    tree_build b = {.t = t, .se = se, .emb = emb, .o = se->objs};
    pdf_objs *o = se->objs;
    const document *doc = t->doc;
    int npages = se->pages->count;
    count_kids(t);

    pdf_obj *root, *root_kids;
    TRYP(root, obj_dict(o));
    TRY(obj_indirect(o, root));
    TRY(obj_put_name(root, "Type", "StructTreeRoot"));
    TRYP(root_kids, obj_array(o));
    TRY(obj_put(root, "K", root_kids));

    /* StructElems in tree order, so object numbers do not depend on layout order */
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering)) {
        if (!entering || !doc_is_element(c->kind) || !t->elems[c->id].has_content)
            continue;
        pdf_obj *parent = c->parent ? t->elems[c->parent->id].se->dict : root;
        TRY(make_elem(&b, &t->elems[c->id], parent));
    }

    /* /K in reading order */
    size_t nmcid = 0;
    for (size_t i = 0; i < t->nmarks; i++)
        nmcid += t->marks[i].mcid >= 0;
    if (!(se->holders = malloc((nmcid ? nmcid : 1) * sizeof *se->holders)))
        return diag_oom(t->d);
    for (size_t i = 0; i < t->nmarks; i++) {
        pdf_mark *m = &t->marks[i];
        pdf_elem *e = &t->elems[m->elem->id];
        TRY(m->mcid >= 0 ? add_mcid(&b, e, m) : add_objr(&b, e, m));
        TRY(link_ancestors(&b, e, root_kids));
    }
    TRY(obj_put(objs_catalog(o), "StructTreeRoot", root));
    TRY(add_parent_tree(&b, root, npages));
    TRY(add_id_tree(&b, root));
    TRY(obj_put_int(root, "ParentTreeNextKey", npages + t->nannots));
    /* what the tree was built from goes before the outline is made */
    free(t->marks);
    t->marks = NULL;
    t->nmarks = t->capmarks = 0;
    free(t->elems);
    t->elems = NULL;
    t->nelems = 0;
    return 0;
}
